//! The language server end to end, through clients no one here wrote: pytest-lsp (a pytest
//! plugin, `tests/lsp/test_server.py`, `tests/lsp/test_editors.py`) and Neovim's built-in LSP
//! client (`tests/lsp/nvim.lua`, `tests/lsp/nvim_editing.lua`).
//! `.ci/run` installs both; elsewhere a missing client is said and the test is skipped, except
//! under CI, where it fails.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn missing(what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is not installed; .ci/run installs it");
    }
    eprintln!("skipped: {what} is not installed (`bash .ci/run` installs it)");
}

/// Run a command with a time limit; its status and output.
fn run(mut cmd: Command, limit: Duration) -> (bool, String) {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            return (status.success(), text);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            return (
                false,
                format!("timed out\n{}", String::from_utf8_lossy(&out.stdout)),
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn tests_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lsp"))
}

#[test]
fn pytest_lsp_drives_the_server() {
    let has = Command::new("python3")
        .args(["-c", "import pytest_lsp"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        return missing("pytest-lsp (pip install pytest-lsp)");
    }
    let mut cmd = Command::new("python3");
    cmd.args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(tests_dir())
        .env("PLANLINT_BIN", env!("CARGO_BIN_EXE_planlint"))
        // One "now" for the server and the command line it is compared with.
        .env("SOURCE_DATE_EPOCH", "1795564800");
    let (ok, out) = run(cmd, Duration::from_secs(300));
    assert!(ok, "{out}");
    assert!(out.contains(" passed"), "{out}");
}

#[test]
fn neovim_shows_the_diagnostics_where_they_belong() {
    let has = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        return missing("Neovim (apt-get install neovim)");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    // CJK, an emoji (two UTF-16 units, four bytes) and CRLF line ends before the finding.
    let plan = "# 計画 😀\r\n\r\n## 目的\r\n\r\n絵文字 😀 と日本語。\r\n\r\n## 進捗\r\n\r\n- [x] (2025-09-01 09:00Z) 😀 読んだ。\r\n- [X ] 😀😀 書いた。\r\n";
    let path = dir.path().join("plans/plan.md");
    std::fs::write(&path, plan).unwrap();
    let out = dir.path().join("diagnostics.txt");
    let mut cmd = Command::new("nvim");
    cmd.args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            tests_dir().join("nvim.lua").display()
        ))
        .env("PLANLINT_BIN", env!("CARGO_BIN_EXE_planlint"))
        .env("PLAN", &path)
        .env("OUT", &out)
        .current_dir(dir.path());
    let (ok, log) = run(cmd, Duration::from_secs(60));
    assert!(ok, "{log}");
    let found = std::fs::read_to_string(&out).unwrap_or_default();
    // `- [X ]` on line 10 (0-based 9), bytes 0 to 6.
    assert!(
        found.lines().any(|l| l == "checkbox-syntax 9 0 6"),
        "{found}\n{log}"
    );
    // The title's findings start after `# ` and end after the emoji: byte 2 to 13.
    assert!(
        found.lines().any(|l| l == "required-section 0 2 13"),
        "{found}\n{log}"
    );
}

/// Issue 21, defects 1 and formatting, in Neovim 0.7 (no file watchers): a broken
/// `planlint.toml` is shown (`window/showMessage`, an error naming the file and line) and the
/// plan is still linted with the defaults; formatting gives the bytes `planlint --fix` writes.
#[test]
fn neovim_shows_a_bad_configuration_and_formats() {
    let has = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        return missing("Neovim (apt-get install neovim)");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("planlint.toml"), "[rules\n").unwrap();
    let plan = "# Plan\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [X ] Wrote it.\n";
    let path = dir.path().join("plans/plan.md");
    std::fs::write(&path, plan).unwrap();
    let out = dir.path().join("session.txt");
    let mut cmd = Command::new("nvim");
    cmd.args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            tests_dir().join("nvim_editing.lua").display()
        ))
        .env("PLANLINT_BIN", env!("CARGO_BIN_EXE_planlint"))
        .env("PLAN", &path)
        .env("OUT", &out)
        .current_dir(dir.path());
    let (ok, log) = run(cmd, Duration::from_secs(60));
    assert!(ok, "{log}");
    let found = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        found
            .lines()
            .any(|l| l.starts_with("message 1 planlint: planlint.toml:1: invalid configuration")),
        "{found}\n{log}"
    );
    assert!(
        found.lines().any(|l| l == "diagnostic checkbox-syntax"),
        "{found}"
    );
    let text = found.split_once("text\n").map(|(_, t)| t).unwrap_or("");
    let fixed = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["--fix", "--quiet", "plans/plan.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    // The command line stops at the broken configuration; fix a copy with the defaults.
    assert_eq!(fixed.status.code(), Some(2));
    std::fs::remove_file(dir.path().join("planlint.toml")).unwrap();
    let _ = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["--fix", "--quiet", "plans/plan.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let want = std::fs::read_to_string(&path).unwrap();
    assert!(want.contains("- [x] Wrote it."), "{want}");
    assert_eq!(text, want, "{found}");
}

/// Frames as a client writes them.
fn frames(messages: &[serde_json::Value]) -> Vec<u8> {
    messages.iter().flat_map(planlint::server::frame).collect()
}

/// The messages a server wrote.
fn replies(bytes: &[u8]) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while let Some(at) = rest.windows(4).position(|w| w == b"\r\n\r\n") {
        let header = std::str::from_utf8(&rest[..at]).unwrap();
        let len: usize = header
            .trim()
            .strip_prefix("Content-Length: ")
            .unwrap()
            .parse()
            .unwrap();
        let body = &rest[at + 4..at + 4 + len];
        out.push(serde_json::from_slice(body).unwrap());
        rest = &rest[at + 4 + len..];
    }
    out
}

/// A malformed frame, an unknown method, a change to a document never opened, a 5 MB document,
/// and the client going away: answered as the protocol says, never a crash; the process ends on
/// closed input.
#[test]
fn the_server_survives_what_clients_send() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    let uri = format!("file://{}/plans/big.md", dir.path().display());
    let mut big = String::from("# Big\n\n## Progress\n\n");
    while big.len() < 5 << 20 {
        big.push_str("- [x] (2025-01-01 10:00Z) a step of the work with some text\n");
    }
    let mut input = frames(&[
        json!({"jsonrpc": "2.0", "id": 0, "method": "textDocument/hover", "params": {}}),
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    ]);
    input.extend(b"Content-Length: 9\r\n\r\n{\"oops\":1");
    input.extend(b"garbage line\r\n");
    input.extend(frames(&[
        json!({"jsonrpc": "2.0", "id": 2, "method": "no/such/method", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "no/such/notification", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": "file:///never/opened.md", "version": 2},
            "contentChanges": [{"text": "x"}]}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": big}}}),
        json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol", "params": {
            "textDocument": {"uri": uri}}}),
        json!({"jsonrpc": "2.0", "id": 4, "method": "textDocument/diagnostic", "params": {
            "textDocument": {"uri": uri}}}),
    ]));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_planlint"))
        .arg("server")
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read while writing: the answers (a symbol per Progress entry of 5 MB) outgrow a pipe.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).unwrap();
        bytes
    });
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&input).unwrap();
        // The client goes away: stdin closes without shutdown or exit.
    }
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the server did not exit"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = reader.join().unwrap();
    let replies = replies(&out);
    let by_id = |id: i64| replies.iter().find(|r| r["id"] == id).cloned();
    assert_eq!(
        by_id(0).unwrap()["error"]["code"],
        -32002,
        "not initialized"
    );
    assert!(by_id(1).unwrap()["result"]["capabilities"].is_object());
    assert!(replies
        .iter()
        .any(|r| r["id"].is_null() && r["error"]["code"] == -32700));
    assert_eq!(
        by_id(2).unwrap()["error"]["code"],
        -32601,
        "method not found"
    );
    assert_eq!(by_id(3).unwrap()["result"][0]["name"], "Progress");
    let items = by_id(4).unwrap()["result"]["items"]
        .as_array()
        .unwrap()
        .len();
    assert!(items > 0, "the 5 MB plan is linted");
}

/// The same session without a process, as the fuzz target drives it.
#[test]
fn a_session_can_run_in_process() {
    use serde_json::json;
    let out = planlint::server::session(&frames(&[
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "method": "exit"}),
        json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
    ]));
    let replies = replies(&out);
    assert_eq!(replies.len(), 2, "nothing is answered after exit");
}

/// A whole session with `planlint server` in `dir` ("now" fixed as in the other tests): the
/// messages it wrote.
fn served(dir: &std::path::Path, messages: &[serde_json::Value]) -> Vec<serde_json::Value> {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .arg("server")
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795564800")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&frames(messages))
        .unwrap();
    let out = child.wait_with_output().unwrap();
    replies(&out.stdout)
}

/// A plan opened in a fresh project, then `request` (id 2) about it; the answer.
fn ask(plan: &str, method: &str, params: serde_json::Value) -> serde_json::Value {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("plans/p.md"), plan).unwrap();
    let uri = format!("file://{}/plans/p.md", dir.path().display());
    let mut params = params;
    params["textDocument"] = json!({"uri": uri});
    let replies = served(
        dir.path(),
        &[
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": plan}}}),
            json!({"jsonrpc": "2.0", "id": 2, "method": method, "params": params}),
            json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
            json!({"jsonrpc": "2.0", "method": "exit"}),
        ],
    );
    replies
        .into_iter()
        .find(|r| r["id"] == 2)
        .map(|r| r["result"].clone())
        .unwrap()
}

/// Issue 18, item 3: "suppress in this file" goes after the front matter the parser reads — one
/// closed by `...` included (the server had its own reading, which only `---` closed).
#[test]
fn suppress_in_this_file_goes_after_the_front_matter_the_parser_reads() {
    use serde_json::json;
    let plan = "---\nstatus: active\n...\n# Plan\n\n## Purpose / Big Picture\n\nWhy.\n";
    let actions = ask(
        plan,
        "textDocument/codeAction",
        json!({"range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}},
               "context": {"diagnostics": []}}),
    );
    let file_wide: Vec<&serde_json::Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["title"].as_str().unwrap().ends_with("in this file"))
        .collect();
    assert!(!file_wide.is_empty(), "{actions}");
    for a in file_wide {
        let edit = &a["edit"]["changes"]
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap()[0];
        assert_eq!(
            edit["range"]["start"],
            json!({"line": 3, "character": 0}),
            "{a}"
        );
    }
}

/// Issue 18, item 3: completion offers a new Progress entry's stamp in the plan's own style,
/// the one `log` writes (it offered the dialect's default whatever the plan wrote); issue 21,
/// defect 6: after `- ` with the box the entry needs.
#[test]
fn completion_offers_the_stamp_log_would_write() {
    use serde_json::json;
    let plan = "# Plan\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [x] (2026-03-08T10:00Z) Began.\n- \n\n## Surprises & Discoveries\n\nNone.\n";
    let items = ask(
        plan,
        "textDocument/completion",
        json!({"position": {"line": 9, "character": 2}}),
    );
    let inserts: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["insertText"].as_str().unwrap())
        .collect();
    assert_eq!(inserts, ["[x] (2026-11-25T00:00Z) "], "{items}");
}

/// A project folder with `.git` and `plans/`, and the `file:` URI of `plans/NAME` as a client
/// that does not encode it would write it.
fn raw_project(name: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    let uri = format!("file://{}/plans/{name}", dir.path().display());
    (dir, uri)
}

const BOXED: &str = "# Plan\n\n## Progress\n\n- [X ] typed\n";

fn open_msg(uri: &str) -> serde_json::Value {
    serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": BOXED}}})
}

fn init_msg(id: i64) -> serde_json::Value {
    serde_json::json!({"jsonrpc": "2.0", "id": id, "method": "initialize", "params": {"capabilities": {}}})
}

/// Issue 21, defect 9: a header line that is not UTF-8 is skipped; a Content-Length too short
/// or too long costs only its own frame: the next one is read.
#[test]
fn the_reader_resynchronises_on_the_next_header() {
    use serde_json::json;
    let mut input = b"X-Junk: \xff\xfe\r\n".to_vec();
    input.extend(frames(&[init_msg(1)]));
    let short = json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {}})
        .to_string();
    input.extend(format!("Content-Length: {}\r\n\r\n{short}", short.len() - 5).into_bytes());
    input.extend(frames(&[
        json!({"jsonrpc": "2.0", "id": 3, "method": "no/such"}),
    ]));
    let long = json!({"jsonrpc": "2.0", "id": 4, "method": "no/such"}).to_string();
    input.extend(format!("Content-Length: {}\r\n\r\n{long}", long.len() + 7).into_bytes());
    input.extend(frames(&[
        json!({"jsonrpc": "2.0", "id": 5, "method": "no/such"}),
        json!({"jsonrpc": "2.0", "id": 6, "method": "shutdown"}),
    ]));
    let replies = replies(&planlint::server::session(&input));
    let ids: Vec<&serde_json::Value> = replies.iter().map(|r| &r["id"]).collect();
    assert!(replies.iter().any(|r| r["id"] == 1), "{replies:?}");
    for id in [3, 5, 6] {
        assert!(ids.contains(&&json!(id)), "no answer to {id}: {replies:?}");
    }
}

/// Issue 21, defect 9: `exit` without `shutdown` ends the process with 1, after `shutdown`
/// with 0.
#[test]
fn exit_without_shutdown_is_an_error() {
    use serde_json::json;
    let exit = json!({"jsonrpc": "2.0", "method": "exit"});
    let shutdown = json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"});
    for (messages, code) in [
        (vec![init_msg(1), exit.clone()], 1),
        (vec![init_msg(1), shutdown, exit], 0),
    ] {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
            .arg("server")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&frames(&messages)).unwrap();
        let status = child.wait().unwrap();
        drop(stdin);
        assert_eq!(status.code(), Some(code), "{messages:?}");
    }
}

/// Issue 21, defect 9: a document opened before `initialize` or after `shutdown` is not
/// linted; a failed `initialize` leaves the server uninitialised.
#[test]
fn documents_outside_the_session_are_ignored() {
    use serde_json::json;
    let (_dir, uri) = raw_project("p.md");
    let (_dir2, late) = raw_project("late.md");
    let out = planlint::server::session(&frames(&[
        open_msg(&uri),
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": 7}}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {}}),
        init_msg(3),
        json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}),
        open_msg(&late),
    ]));
    let replies = replies(&out);
    let by_id = |id: i64| replies.iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(by_id(1)["error"]["code"], -32602);
    assert_eq!(by_id(2)["error"]["code"], -32002, "still not initialized");
    assert!(by_id(3)["result"]["capabilities"].is_object());
    assert!(
        !replies
            .iter()
            .any(|r| r["method"] == "textDocument/publishDiagnostics"),
        "{replies:?}"
    );
}

/// Issue 21, defect 9: each `workspace/applyEdit` has its own id.
#[test]
fn every_apply_edit_has_its_own_id() {
    use serde_json::json;
    let (_dir, uri) = raw_project("p.md");
    let log = |id: i64, text: &str| {
        json!({"jsonrpc": "2.0", "id": id, "method": "workspace/executeCommand",
               "params": {"command": "planlint.log", "arguments": [uri, text]}})
    };
    let replies = replies(&planlint::server::session(&frames(&[
        init_msg(1),
        open_msg(&uri),
        log(2, "One."),
        log(3, "Two."),
    ])));
    let ids: Vec<&serde_json::Value> = replies
        .iter()
        .filter(|r| r["method"] == "workspace/applyEdit")
        .map(|r| &r["id"])
        .collect();
    assert_eq!(ids.len(), 2, "{replies:?}");
    assert_ne!(ids[0], ids[1]);
}

/// Issue 21, defect 9: a URI with a raw space, a raw non-ASCII character or a lone surrogate
/// escape is linted and answered with the client's own string; closing it clears its
/// diagnostics.
#[test]
fn unusual_uris_are_served_and_closing_clears() {
    use serde_json::json;
    for name in ["a plan.md", "計画.md", "SURROGATE.md"] {
        let (_dir, uri) = raw_project(name);
        let close = json!({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {
            "textDocument": {"uri": uri}}});
        // JSON's `\ud800` escape, which no Rust string holds.
        let input: Vec<u8> = [init_msg(1), open_msg(&uri), close]
            .iter()
            .flat_map(|m| {
                let text = m.to_string().replace("SURROGATE", "\\ud800x");
                format!("Content-Length: {}\r\n\r\n{text}", text.len()).into_bytes()
            })
            .collect();
        let replies = replies(&planlint::server::session(&input));
        let published: Vec<&serde_json::Value> = replies
            .iter()
            .filter(|r| r["method"] == "textDocument/publishDiagnostics")
            .collect();
        assert_eq!(published.len(), 2, "{name}: {replies:?}");
        let want = uri.replace("SURROGATE", "\u{fffd}x");
        assert_eq!(published[0]["params"]["uri"], want.as_str(), "{name}");
        let first = published[0]["params"]["diagnostics"].as_array().unwrap();
        assert!(
            first.iter().any(|d| d["code"] == "checkbox-syntax"),
            "{name}: {first:?}"
        );
        assert_eq!(published[1]["params"]["uri"], want.as_str());
        assert_eq!(published[1]["params"]["diagnostics"], json!([]), "{name}");
    }
}

/// Issue 21, defect 8: after a reload the document being typed in is linted at once; the other
/// open documents follow one at a time between messages (one may slip in before the keystroke
/// is read, never all of them: the old server linted all 100 in hash order first).
#[test]
fn after_a_reload_the_changed_document_comes_first() {
    use serde_json::json;
    use std::io::{BufRead, BufReader, Read, Write};
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .arg("server")
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<serde_json::Value>();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        loop {
            let mut len = 0;
            let mut line = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if let Some(v) = line.trim().strip_prefix("Content-Length: ") {
                    len = v.parse().unwrap();
                } else if line.trim().is_empty() {
                    break;
                }
            }
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    let mut stdin = child.stdin.take().unwrap();
    let uri = |i: usize| format!("file://{}/plans/p{i:03}.md", dir.path().display());
    let mut opening = vec![init_msg(1)];
    for i in 0..100 {
        opening.push(open_msg(&uri(i)));
    }
    stdin.write_all(&frames(&opening)).unwrap();
    let published = |rx: &std::sync::mpsc::Receiver<serde_json::Value>| loop {
        let m = rx.recv_timeout(Duration::from_secs(60)).unwrap();
        if m["method"] == "textDocument/publishDiagnostics" {
            return m["params"]["uri"].as_str().unwrap().to_string();
        }
    };
    for _ in 0..100 {
        published(&rx);
    }
    let typed = uri(57);
    stdin
        .write_all(&frames(&[
            json!({"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {
                "changes": [{"uri": format!("file://{}/planlint.toml", dir.path().display()), "type": 1}]}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": typed, "version": 2},
                "contentChanges": [{"text": BOXED.replace("typed", "typed again")}]}}),
        ]))
        .unwrap();
    let order: Vec<String> = (0..100).map(|_| published(&rx)).collect();
    let at = order.iter().position(|u| *u == typed).unwrap();
    assert!(at < 3, "the typed document came at place {} of 100", at + 1);
    let mut rest = order.clone();
    rest.sort();
    rest.dedup();
    assert_eq!(rest.len(), 100, "every document is linted again");
    stdin
        .write_all(&frames(&[
            json!({"jsonrpc": "2.0", "id": 9, "method": "shutdown"}),
            json!({"jsonrpc": "2.0", "method": "exit"}),
        ]))
        .unwrap();
    assert!(child.wait().unwrap().success());
}
