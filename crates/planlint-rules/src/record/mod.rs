//! The living sections written right by construction: the edits of `planlint log`, `decide`,
//! `tick` and `set-status`, for the command line and the language server alike. Each reads the
//! plan's own style from what it already holds — the Progress entry's form and timestamp shape
//! and zone ([`stamp`]), the Decision Log's shape and keys, where the status lives — and returns
//! the [`Edit`]s that write the new record, touching only the bytes it must (line endings, BOM
//! and every other byte kept) and bumping `Last updated` where the plan has one.
//!
//! Not here: reading and writing files, "now", the author's name from the environment, the
//! diff. Those are the caller's (the CLI reads through its one reader and writes like `--fix`).

mod decide;
mod log;
mod set_status;
pub mod stamp;
mod tick;

use std::fmt;

use planlint_parser::Plan;

use crate::Edit;

pub use decide::decide_edits;
pub use log::log_edits;
pub use set_status::{status_edits, status_note};
pub use stamp::stamp;
pub use tick::tick_edits;

/// Why a record cannot be written to this plan (a missing section, a value outside the
/// vocabulary, no single box matching): what to do instead, for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError(pub String);

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RecordError {}

/// The text with the record's edits applied (they never overlap; `None` if they did).
pub fn apply(text: &str, edits: &[Edit]) -> Option<String> {
    crate::fix::apply(text, edits)
}

/// The record's own check before anything is written: with the edits applied, the plan must
/// hold what `count` counts once more (one more Progress entry, one more decision), or the
/// record would have landed where it does not read as one (inside an unclosed code fence, an
/// HTML block): refused, nothing written.
fn verify(
    text: &str,
    edits: Vec<Edit>,
    what: &str,
    count: impl Fn(&Plan<'_>) -> usize,
) -> Result<Vec<Edit>, RecordError> {
    let before = count(&planlint_parser::parse(text));
    let after = apply(text, &edits)
        .map(|t| count(&planlint_parser::parse(&t)))
        .unwrap_or(before);
    if after == before + 1 {
        Ok(edits)
    } else {
        Err(RecordError(format!(
            "the new {what} would not read as one where it goes (an unclosed code fence or HTML block before it?); nothing was written"
        )))
    }
}

/// The plan's line ending: CRLF if it uses any, else LF.
fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// Where the line holding `at` starts (lines as [`planlint_parser::LineIndex`] counts them).
fn line_start(plan: &Plan<'_>, at: usize) -> usize {
    plan.lines
        .line_start(plan.lines.line_of(at.min(plan.source.len())))
}

/// Where the content of the line holding `at` ends, before its line ending.
fn line_end(plan: &Plan<'_>, at: usize) -> usize {
    let line = plan.lines.line_of(at.min(plan.source.len()));
    plan.lines.line_end(plan.source, line)
}

/// Where the line after the one holding `at` starts (the end of the text on the last line).
fn next_line_start(plan: &Plan<'_>, at: usize) -> usize {
    let line = plan.lines.line_of(at.min(plan.source.len()));
    if line < plan.lines.line_count() {
        plan.lines.line_start(line + 1)
    } else {
        plan.source.len()
    }
}

/// One edit that turns `old` into `new`: what lies between their common start and end.
fn minimal_edit(old: &str, new: &str) -> Edit {
    let mut head = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(head) || !new.is_char_boundary(head) {
        head -= 1;
    }
    let max_tail = old.len().min(new.len()) - head;
    let mut tail = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_tail)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - tail) || !new.is_char_boundary(new.len() - tail) {
        tail -= 1;
    }
    Edit {
        span: planlint_parser::Span::new(head, old.len() - tail),
        text: new[head..new.len() - tail].to_string(),
    }
}

/// Whole lines inserted after the line holding `at`: `lines` (joined by the plan's line ending,
/// a blank line first where one is wanted) go after that line's own line break, so every line
/// of the plan keeps its own ending; at the end of a text without a final line break, one is
/// written first.
fn insert_after_line(plan: &Plan<'_>, at: usize, lines: &str, nl: &str) -> Edit {
    let next = next_line_start(plan, at);
    let source = plan.source;
    if next >= source.len() && !source.ends_with('\n') {
        insert(source.len(), format!("{nl}{lines}"))
    } else {
        // A line of text right below would continue the new entry's paragraph (a setext
        // heading's text, say): a blank line keeps it apart.
        let below = source[next..].lines().next().unwrap_or("").trim();
        let apart = if below.is_empty() || below.starts_with('#') {
            ""
        } else {
            nl
        };
        insert(next, format!("{lines}{nl}{apart}"))
    }
}

/// An insertion of `text` at `at`.
fn insert(at: usize, text: String) -> Edit {
    Edit {
        span: planlint_parser::Span::new(at, at),
        text,
    }
}

/// Text a record can hold: not empty, and no later line that would end the entry and start a
/// block of its own (a heading, a fence, a thematic break, a setext underline), which would
/// write a section or a code block into the plan instead of an entry.
fn check_text(what: &str, text: &str) -> Result<(), RecordError> {
    if text.trim().is_empty() {
        return Err(RecordError(format!(
            "the {what} is empty: write what the record should say"
        )));
    }
    for line in text.trim().lines().skip(1) {
        let t = line.trim();
        let rule = |c: char| t.len() >= 3 && t.chars().all(|x| x == c || x == ' ');
        let block = t.starts_with('#')
            || t.starts_with("```")
            || t.starts_with("~~~")
            || rule('-')
            || rule('*')
            || rule('_')
            || rule('=');
        if block {
            return Err(RecordError(format!(
                "the {what} has a line that would start a block of its own, not continue the entry: `{t}`; write it on one line, or without that line"
            )));
        }
    }
    Ok(())
}

/// Later lines of a multi-line text, indented to stand in the entry.
pub(super) fn indent_lines(text: &str, indent: &str, nl: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push_str(nl);
            if !line.trim().is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line.trim_end());
    }
    out
}
