//! The language server's handler under random sessions: each chunk of the input (split at
//! 0xFF) becomes one message — open, an incremental or whole change, a save or close, code
//! actions, symbols, hover, completion, pulled diagnostics, formatting (whole and range),
//! definition, references, an unknown method — or raw bytes in the stream. No panic, and every frame the server writes is JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

const URI: &str = "file:///tmp/planlint-fuzz/plans/a.md";

fuzz_target!(|data: &[u8]| {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        let _ = std::fs::create_dir_all("/tmp/planlint-fuzz/plans");
        let _ = std::fs::create_dir_all("/tmp/planlint-fuzz/.git");
    });
    let encoding = if data.first().is_some_and(|b| b & 1 == 1) { "utf-8" } else { "utf-16" };
    let mut input = planlint::server::frame(&json!({
        "jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"capabilities": {"general": {"positionEncodings": [encoding]}},
                   "initializationOptions": {"history": false}}}));
    let doc = json!({"uri": URI});
    for (i, chunk) in data.split(|b| *b == 0xFF).enumerate() {
        let (op, rest) = chunk.split_first().map_or((0, &[][..]), |(o, r)| (*o, r));
        let text = String::from_utf8_lossy(rest).into_owned();
        let n = |k: usize| u32::from(rest.get(k).copied().unwrap_or(0));
        let pos = json!({"line": n(0) % 12, "character": n(1) % 48});
        let end = json!({"line": n(2) % 12, "character": n(3) % 48});
        let id = i + 1;
        let msg: Value = match op % 16 {
            0 => json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": URI, "languageId": "markdown", "version": id, "text": text}}}),
            1 => json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": URI, "version": id},
                "contentChanges": [{"range": {"start": pos, "end": end}, "text": text}]}}),
            2 => json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": URI, "version": id}, "contentChanges": [{"text": text}]}}),
            3 => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/codeAction", "params": {
                "textDocument": doc, "range": {"start": pos, "end": end},
                "context": {"diagnostics": []}}}),
            4 => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
                "params": {"textDocument": doc}}),
            5 => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                "params": {"textDocument": doc, "position": pos}}),
            6 => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/completion",
                "params": {"textDocument": doc, "position": pos}}),
            7 => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
                "params": {"textDocument": doc}}),
            8 => json!({"jsonrpc": "2.0", "method": "textDocument/didSave",
                "params": {"textDocument": doc}}),
            9 => json!({"jsonrpc": "2.0", "method": "textDocument/didClose",
                "params": {"textDocument": doc}}),
            10 => {
                input.extend_from_slice(rest);
                continue;
            }
            12 => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/formatting",
                "params": {"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}}),
            13 => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/rangeFormatting",
                "params": {"textDocument": doc, "range": {"start": pos, "end": end},
                           "options": {"tabSize": 2, "insertSpaces": true}}}),
            14 => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/definition",
                "params": {"textDocument": doc, "position": pos}}),
            15 => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/references",
                "params": {"textDocument": doc, "position": pos,
                           "context": {"includeDeclaration": false}}}),
            _ => json!({"jsonrpc": "2.0", "id": id, "method": text, "params": null}),
        };
        input.extend(planlint::server::frame(&msg));
    }
    let out = planlint::server::session(&input);
    let mut rest = &out[..];
    while let Some(at) = rest.windows(4).position(|w| w == b"\r\n\r\n") {
        let header = std::str::from_utf8(&rest[..at]).unwrap();
        let len: usize = header.trim().strip_prefix("Content-Length: ").unwrap().parse().unwrap();
        let body = &rest[at + 4..at + 4 + len];
        serde_json::from_slice::<Value>(body).expect("the server wrote JSON");
        rest = &rest[at + 4 + len..];
    }
});
