//! LSP over stdio: `Content-Length` framed JSON-RPC. A frame whose body is not a JSON-RPC
//! message is answered with a parse error (`id: null`, as JSON-RPC says) and the stream goes on.
//! The reader resynchronises on the next `Content-Length` header: a header line that is not
//! UTF-8 or not a header is skipped; a body cut short by a wrong length leaves the next
//! header glued to its tail, and a body too long swallows the next frame's start, so both are
//! searched for it. A lone UTF-16 surrogate escape (`\ud800`) in a string reads as U+FFFD.
//! Closed input ends the session.

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

/// The frames of an input stream.
pub struct Frames<R> {
    input: R,
    /// Bytes read past a frame that belong to the next one.
    pushed: Vec<u8>,
}

impl<R: BufRead> Frames<R> {
    pub fn new(input: R) -> Self {
        Frames {
            input,
            pushed: Vec::new(),
        }
    }

    /// Read the next frame; `None` at the end of input.
    pub fn next_frame(&mut self) -> Option<Incoming> {
        let size = self.header()?;
        if size > MAX_FRAME {
            // Skip what was announced without holding it.
            let held = size.min(self.pushed.len());
            self.pushed.drain(..held);
            let rest = (size - held) as u64;
            let _ = std::io::copy(&mut Read::take(&mut self.input, rest), &mut std::io::sink());
            return Some(Incoming::Malformed(format!(
                "a frame of {size} bytes is too large"
            )));
        }
        let mut body = vec![0; size];
        let held = size.min(self.pushed.len());
        body[..held].copy_from_slice(&self.pushed[..held]);
        self.pushed.drain(..held);
        if self.input.read_exact(&mut body[held..]).is_err() {
            return None;
        }
        match parse(&body) {
            Ok((m, end)) => {
                // A length too long: what follows the message is the next frame's start.
                let rest = &body[end..];
                if !rest.trim_ascii().is_empty() {
                    let mut rest = rest.to_vec();
                    rest.append(&mut self.pushed);
                    self.pushed = rest;
                }
                Some(Incoming::Message(m))
            }
            Err(e) => {
                // A length too long: the next frame's header is inside this body.
                if let Some(at) = body.get(1..).and_then(find_header) {
                    let mut rest = body[1 + at..].to_vec();
                    rest.append(&mut self.pushed);
                    self.pushed = rest;
                }
                Some(Incoming::Malformed(format!("not a JSON-RPC message: {e}")))
            }
        }
    }

    /// Read header lines up to the blank line after a `Content-Length`; its value.
    fn header(&mut self) -> Option<usize> {
        let mut size: Option<usize> = None;
        loop {
            let line = self.line()?;
            let line = String::from_utf8_lossy(&line);
            let header = line.trim_end_matches(['\r', '\n']);
            if header.is_empty() {
                if size.is_some() {
                    return size;
                }
                continue;
            }
            // The header may follow the tail of a body cut short.
            let lower = header.to_ascii_lowercase();
            if let Some(at) = lower.rfind("content-length") {
                let value = header[at + "content-length".len()..].trim_start();
                size = value.strip_prefix(':').and_then(|v| v.trim().parse().ok());
            }
        }
    }

    /// One line, with its end; `None` at the end of input.
    fn line(&mut self) -> Option<Vec<u8>> {
        let mut line = Vec::new();
        if !self.pushed.is_empty() {
            match self.pushed.iter().position(|&b| b == b'\n') {
                Some(at) => return Some(self.pushed.drain(..=at).collect()),
                None => line.append(&mut self.pushed),
            }
        }
        match self.input.read_until(b'\n', &mut line) {
            Ok(0) if line.is_empty() => None,
            Ok(_) => Some(line),
            Err(_) => None,
        }
    }
}

/// Where a `Content-Length` header starts in `bytes`.
fn find_header(bytes: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"content-length:";
    bytes
        .windows(NAME.len())
        .position(|w| w.eq_ignore_ascii_case(NAME))
}

/// The JSON-RPC message at the start of `body` and where it ends; a lone surrogate escape is
/// read as U+FFFD.
fn parse(body: &[u8]) -> Result<(Message, usize), serde_json::Error> {
    let first = |bytes: &[u8]| {
        let mut values = serde_json::Deserializer::from_slice(bytes).into_iter::<Message>();
        match values.next() {
            Some(Ok(m)) => Ok((m, values.byte_offset())),
            Some(Err(e)) => Err(e),
            None => serde_json::from_slice::<Message>(bytes).map(|m| (m, bytes.len())),
        }
    };
    match first(body) {
        Ok(found) => Ok(found),
        // The replacement has the escape's length: offsets hold.
        Err(e) if body.windows(2).any(|w| w == b"\\u") => {
            first(&lone_surrogates_replaced(body)).map_err(|_| e)
        }
        Err(e) => Err(e),
    }
}

/// `body` with each `\uD800`–`\uDFFF` escape not part of a pair written `\uFFFD`.
fn lone_surrogates_replaced(body: &[u8]) -> Vec<u8> {
    let unit = |at: usize| -> Option<u16> {
        let hex = body.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'\\' {
            match unit(i) {
                Some(high @ 0xD800..=0xDBFF)
                    if unit(i + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) =>
                {
                    let _ = high;
                    out.extend_from_slice(&body[i..i + 12]);
                    i += 12;
                }
                Some(0xD800..=0xDFFF) => {
                    out.extend_from_slice(b"\\uFFFD");
                    i += 6;
                }
                _ => {
                    // Any other escape: two bytes as they are (a `\\` never starts one).
                    out.extend_from_slice(&body[i..(i + 2).min(body.len())]);
                    i += 2;
                }
            }
        } else {
            out.push(body[i]);
            i += 1;
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An empty body, a body too long and one too short: a frame each, never a panic.
    #[test]
    fn wrong_lengths_cost_one_frame() {
        let good = br#"{"jsonrpc":"2.0","method":"exit"}"#;
        let mut input = b"Content-Length: 0\r\n\r\n".to_vec();
        input.extend(format!("Content-Length: {}\r\n\r\n", good.len() + 3).into_bytes());
        input.extend(good);
        input.extend(format!("Content-Length: {}\r\n\r\n", good.len()).into_bytes());
        input.extend(good);
        let mut frames = Frames::new(std::io::Cursor::new(input));
        let mut seen = Vec::new();
        while let Some(f) = frames.next_frame() {
            seen.push(matches!(f, Incoming::Message(_)));
        }
        assert_eq!(seen, [false, true, true]);
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let body = br#"{"a":"\ud800x\ud83d\ude00\\ud800"}"#;
        let fixed = lone_surrogates_replaced(body);
        assert_eq!(
            std::str::from_utf8(&fixed).unwrap(),
            r#"{"a":"\uFFFDx\ud83d\ude00\\ud800"}"#
        );
    }
}
