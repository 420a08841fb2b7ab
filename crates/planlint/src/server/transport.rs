//! LSP over stdio: `Content-Length` framed JSON-RPC. A frame whose body is not a JSON-RPC
//! message is answered with a parse error (`id: null`, as JSON-RPC says) and the stream goes on;
//! a header that cannot be read is skipped line by line until the next frame; closed input ends
//! the session.

use std::io::{BufRead, Read, Write};

use lsp_server::Message;

/// The most a frame may announce: far more than a plan, far less than memory.
const MAX_FRAME: usize = 64 << 20;

/// What came in.
pub enum Incoming {
    Message(Message),
    /// A frame that was not a JSON-RPC message, with why.
    Malformed(String),
}

/// Read the next frame; `None` at the end of input.
pub fn read<R: BufRead>(input: &mut R) -> Option<Incoming> {
    let mut size: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if size.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                size = value.trim().parse().ok();
            }
        }
    }
    let size = size?;
    if size > MAX_FRAME {
        // Skip what was announced without holding it.
        let _ = std::io::copy(
            &mut Read::take(&mut *input, size as u64),
            &mut std::io::sink(),
        );
        return Some(Incoming::Malformed(format!(
            "a frame of {size} bytes is too large"
        )));
    }
    let mut body = vec![0; size];
    if input.read_exact(&mut body).is_err() {
        return None;
    }
    match serde_json::from_slice::<Message>(&body) {
        Ok(m) => Some(Incoming::Message(m)),
        Err(e) => Some(Incoming::Malformed(format!("not a JSON-RPC message: {e}"))),
    }
}

/// Write one message.
pub fn write(out: &mut impl Write, message: &Message) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct JsonRpc<'a> {
        jsonrpc: &'static str,
        #[serde(flatten)]
        msg: &'a Message,
    }
    let text = serde_json::to_string(&JsonRpc {
        jsonrpc: "2.0",
        msg: message,
    })?;
    frame(out, &text)
}

/// The answer to a malformed frame: a parse error with a null id.
pub fn write_parse_error(out: &mut impl Write, why: &str) -> std::io::Result<()> {
    let text = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": -32700, "message": why },
    })
    .to_string();
    frame(out, &text)
}

fn frame(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", text.len())?;
    out.write_all(text.as_bytes())?;
    out.flush()
}
