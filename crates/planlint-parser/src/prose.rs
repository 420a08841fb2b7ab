//! Prose cut into sentences and clauses, for readers that must tell which sentence says what: a
//! plan's preamble (only the clause that says which sections are kept up to date names them),
//! a spec (only a sentence about status lists status values, only one about templates names a
//! template file).

use std::ops::Range;

/// Words followed by a period that end no sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "vs", "cf", "eg", "ie", "approx"];

/// The sentences of `text`, as byte ranges into it (each trimmed, none empty). A sentence ends
/// after `.`, `!` or `?` followed by white space or the end of the text, or after `。`, `！`,
/// `？`; never inside inline code, nor after an abbreviation (`e.g.`, `etc.`) or a number
/// (`1. First`).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    split(text, false)
}

/// The clauses of `text`: its sentences, further cut after `;` and `；`.
pub fn clauses(text: &str) -> Vec<Range<usize>> {
    split(text, true)
}

fn split(text: &str, at_semicolons: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    // The length of the backtick run that opened the inline code we are in.
    let mut code: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '`' {
            let run = bytes[i..].iter().take_while(|b| **b == b'`').count();
            for _ in 1..run {
                chars.next();
            }
            code = match code {
                None => Some(run),
                Some(n) if n == run => None,
                open => open,
            };
            continue;
        }
        if code.is_some() {
            continue;
        }
        let end = i + c.len_utf8();
        let ends = match c {
            '。' | '！' | '？' => true,
            ';' | '；' => at_semicolons,
            '.' | '!' | '?' => {
                let next_blank = text[end..].chars().next().is_none_or(char::is_whitespace);
                next_blank && (c != '.' || !abbreviated(&text[start..i]))
            }
            _ => false,
        };
        if ends {
            push(text, start..end, &mut out);
            start = end;
        }
    }
    push(text, start..text.len(), &mut out);
    out
}

/// Whether the text before a period ends in an abbreviation or a number, which the period
/// belongs to.
fn abbreviated(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    (!word.is_empty() && word.chars().all(|c| c.is_ascii_digit()))
        || ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
}

fn push(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        let start = range.start + lead;
        out.push(start..start + trimmed.len());
    }
}

/// `text` with its inline code left out (each span replaced by one space), for asking what the
/// prose around the code says.
pub fn without_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let run = rest[open..].bytes().take_while(|b| *b == b'`').count();
        let fence = &rest[open..open + run];
        let after = &rest[open + run..];
        let Some(close) = after.find(fence) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push(' ');
        rest = &after[close + run..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, f: fn(&str) -> Vec<Range<usize>>) -> Vec<&str> {
        f(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_end_at_their_marks_and_nowhere_else() {
        assert_eq!(
            cut(
                "Keep `Progress` current. Terms are in `a.b`; run `x. y` now.\nNext line.",
                sentences
            ),
            [
                "Keep `Progress` current.",
                "Terms are in `a.b`; run `x. y` now.",
                "Next line."
            ]
        );
        assert_eq!(
            cut(
                "Status values (e.g. `a`, `b`). 1. First. v1.2 is out",
                sentences
            ),
            ["Status values (e.g. `a`, `b`).", "1. First.", "v1.2 is out"]
        );
        assert_eq!(
            cut("値を使う: `a`。次の文。", sentences),
            ["値を使う: `a`。", "次の文。"]
        );
        assert_eq!(
            cut("Keep `A` current; `B` is filled at the end.", clauses),
            ["Keep `A` current;", "`B` is filled at the end."]
        );
        assert_eq!(
            without_code("Keep `Status` and ``a`b`` now"),
            "Keep   and   now"
        );
    }
}
