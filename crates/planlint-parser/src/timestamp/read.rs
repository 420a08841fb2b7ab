//! Reading a Progress entry's timestamp: where it stands (leading, bracketed, or trailing the
//! entry) and what it says, down to the date, the time and the zone.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveTime};

use super::zone::parse_zone;
use super::{Stamp, Timestamp, Zone};
use crate::span::Span;

/// Find the timestamp of a Progress entry. `text` is the entry's text after its list marker and
/// checkbox; `base` is the byte offset of `text` in the source.
///
/// Equivalent to [`find_in_entry_general`], with [`bracketed_canonical`] as a shortcut for the
/// usual shape; the property test `canonical_shortcut_agrees` holds the two together.
pub fn find_in_entry(text: &str, base: usize) -> Stamp {
    if let Some(stamp) = bracketed_canonical(text, base) {
        return stamp;
    }
    find_in_entry_general(text, base)
}

/// [`find_in_entry`] without the shortcut for the usual shape: the reference reading.
pub(super) fn find_in_entry_general(text: &str, base: usize) -> Stamp {
    match leading(text, base) {
        Stamp::None => trailing(text, base),
        found => found,
    }
}

/// The shape nearly every stamped entry has, read in one pass: `(2026-03-14 09:30Z)` or
/// `[2026-03-14T09:30:05]`, `(2026-03-14)`; a valid date and time, then the closing bracket
/// right away. Anything else (another zone, a note, an impossible date) is `None`, left to the
/// general reading, which gives the same answer for what this accepts.
pub(super) fn bracketed_canonical(text: &str, base: usize) -> Option<Stamp> {
    let lead = text.len() - trim_start(text).len();
    let b = &text.as_bytes()[lead..];
    let closer = match b.first()? {
        b'(' => b')',
        b'[' => b']',
        _ => return None,
    };
    let b = &b[1..];
    let digits = |at: usize, n: usize| -> Option<u32> {
        let d = b.get(at..at + n)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| d.iter().fold(0, |v, c| v * 10 + u32::from(c - b'0')))
    };
    let year = digits(0, 4)?;
    let month = (b.get(4) == Some(&b'-')).then(|| digits(5, 2))??;
    let day = (b.get(7) == Some(&b'-')).then(|| digits(8, 2))??;
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    let mut len = 10;
    let mut time = None;
    let mut zone = Zone::None;
    if matches!(b.get(10), Some(b' ' | b'T')) {
        let hour = digits(11, 2)?;
        let minute = (b.get(13) == Some(&b':')).then(|| digits(14, 2))??;
        len = 16;
        let mut second = 0;
        if b.get(16) == Some(&b':') {
            second = digits(17, 2)?;
            len = 19;
        }
        time = Some(NaiveTime::from_hms_opt(hour, minute, second)?);
        if b.get(len) == Some(&b'Z') {
            zone = Zone::Offset(0);
            len += 1;
        }
    }
    if b.get(len) != Some(&closer) {
        return None;
    }
    let start = base + lead + 1;
    Some(Stamp::Valid {
        timestamp: Timestamp {
            date,
            time,
            zone,
            span: Span::new(start, start + len),
        },
    })
}

/// A timestamp at the very start of `text` (after an optional bracket or bold marker).
pub fn leading(text: &str, base: usize) -> Stamp {
    let trimmed = trim_start(text);
    let mut off = base + (text.len() - trimmed.len());
    let mut s = trimmed;
    for marker in ["**", "__", "*", "_"] {
        if let Some(r) = s.strip_prefix(marker) {
            s = r;
            off += marker.len();
            break;
        }
    }
    let (closer, open_len) = match s.chars().next() {
        Some('(') => (Some(')'), 1),
        Some('[') => (Some(']'), 1),
        Some('（') => (Some('）'), '（'.len_utf8()),
        Some('【') => (Some('】'), '【'.len_utf8()),
        _ => (None, 0),
    };
    let inner_start = off + open_len;
    let inner = &s[open_len..];
    let Some(closer) = closer else {
        // Bare `2026-04-09T12:36:09Z text` or `2026-03-14: text`.
        if !looks_like_date(inner) {
            return Stamp::None;
        }
        let end = inner
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '+' | '.' | '/' | ' '))
            })
            .unwrap_or(inner.len());
        return parse_candidate(&inner[..end], inner_start);
    };
    // Bracketed: the content up to the closer, limited to a line. Entries are often long
    // paragraphs and only their start matters, so the first look is at a short window.
    let mut cap = inner.len().min(96);
    while !inner.is_char_boundary(cap) {
        cap -= 1;
    }
    let first_line =
        |s: &'_ str| -> usize { memchr::memchr2(b'\n', b'\r', s.as_bytes()).unwrap_or(s.len()) };
    let window = &inner[..cap];
    let (line, close_at) = match closer_in_window(window, closer) {
        Some(found) => found,
        None => {
            let line = &inner[..first_line(inner)];
            (line, find_char(line, closer))
        }
    };
    let Some(close_at) = close_at else {
        return if looks_like_date(line) || looks_like_placeholder(line) {
            Stamp::Malformed {
                span: Span::new(inner_start, inner_start + line.len()),
                reason: "the timestamp's bracket is never closed".into(),
            }
        } else {
            Stamp::None
        };
    };
    let content = &line[..close_at];
    if looks_like_placeholder(content) {
        return Stamp::Malformed {
            span: Span::new(inner_start, inner_start + content.len()),
            reason: format!("`{}` is a placeholder, not a timestamp", content.trim()),
        };
    }
    if !looks_like_date(content) {
        return Stamp::None;
    }
    // A note may follow the date: `(2026-07-10, \`722cf88\`)`.
    parse_candidate(&content[..note_start(content)], inner_start)
}

/// The bracket's line within the short window and where `closer` closes it on that line, when
/// the window settles it: the closer or a line break lies in it, or it is all there is. `None`
/// when the line runs past the window. One pass for the usual ASCII bracket.
fn closer_in_window(window: &str, closer: char) -> Option<(&str, Option<usize>)> {
    if closer.is_ascii() {
        let c = closer as u8;
        for (i, &b) in window.as_bytes().iter().enumerate() {
            if b == c {
                return Some((window, Some(i)));
            }
            if b == b'\n' || b == b'\r' {
                return Some((&window[..i], None));
            }
        }
        return None;
    }
    let short = &window[..memchr::memchr2(b'\n', b'\r', window.as_bytes()).unwrap_or(window.len())];
    let close = short.find(closer);
    (close.is_some() || short.len() < window.len()).then_some((short, close))
}

/// `str::trim_start`, with a shortcut for text that starts with a visible ASCII character.
/// Equivalent to `str::trim_start`; the property test `trims_agree_with_std` holds them together.
fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&b) if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') => s,
        _ => s.trim_start(),
    }
}

/// `str::trim`, with the same shortcut at both ends. Equivalent to `str::trim`; the property test
/// `trims_agree_with_std` holds them together.
fn trim(s: &str) -> &str {
    let s = trim_start(s);
    match s.as_bytes().last() {
        Some(&b) if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') => s,
        _ => s.trim_end(),
    }
}

/// Where `c` first occurs in `s` (a byte search for an ASCII `c`).
fn find_char(s: &str, c: char) -> Option<usize> {
    if c.is_ascii() {
        memchr::memchr(c as u8, s.as_bytes())
    } else {
        s.find(c)
    }
}

/// Where a note after the date begins: the first `,` `;` `，` or `；` (else the end).
fn note_start(s: &str) -> usize {
    let b = s.as_bytes();
    let mut from = 0;
    // `，` is EF BC 8C and `；` EF BC 9B in UTF-8.
    while let Some(i) = memchr::memchr3(b',', b';', 0xEF, &b[from..]).map(|i| from + i) {
        if b[i] != 0xEF
            || (b.get(i + 1) == Some(&0xBC) && matches!(b.get(i + 2), Some(0x8C | 0x9B)))
        {
            return i;
        }
        from = i + 1;
    }
    b.len()
}

/// A date at the end of the entry's first paragraph: `(completed 2024-12-25)`, `— 2026-08-01`.
///
/// The shapes: `( [words ]DATE[ TIME][ZONE] )`, `— DATE[ TIME][ZONE]` (or `–`), or a bare
/// `DATE[ TIME][ZONE]` as the last word (`… passed on 2026-08-09.`) closing the paragraph, before
/// an optional full stop. A date inside the sentence is not the entry's timestamp. Written as a scan rather than a regular expression:
/// compiling the Unicode classes such an expression needs cost more than linting a small plan.
pub fn trailing(text: &str, base: usize) -> Stamp {
    let para = text.trim_end();
    if !para.ends_with(|c: char| {
        c == ')' || c.is_ascii_digit() || c == '.' || c == '。' || c == 'Z' || c == 'C'
    }) {
        return Stamp::None;
    }
    let para = para
        .strip_suffix('.')
        .or_else(|| para.strip_suffix('。'))
        .unwrap_or(para)
        .trim_end();
    let found = if let Some(body) = para.strip_suffix(')') {
        // `( [words ]DATE… )`
        body.rfind('(').and_then(|open| {
            let inner = &body[open + 1..];
            let cand = inner.trim_end();
            let pos = date_start(cand)?;
            let words = &cand[..pos];
            let words_ok = words.trim().is_empty()
                || (words.trim_start().starts_with(char::is_alphabetic)
                    && words.ends_with(char::is_whitespace)
                    && words
                        .chars()
                        .all(|c| c.is_alphabetic() || c.is_whitespace()));
            (words_ok && stamp_shape(&cand[pos..])).then(|| (open + 1 + pos, &cand[pos..]))
        })
    } else {
        // `— DATE…`
        para.rfind(['—', '–'])
            .and_then(|dash| {
                let after = &para[dash..];
                let after = &after[after.chars().next().map_or(0, char::len_utf8)..];
                let lead = after.len() - after.trim_start().len();
                let cand = after.trim_start();
                let at = para.len() - after.len() + lead;
                stamp_shape(cand).then_some((at, cand))
            })
            // `… passed on DATE[ TIME][ZONE]`: the date is the entry's last word.
            .or_else(|| {
                let pos = date_start(para)?;
                para[..pos]
                    .ends_with(char::is_whitespace)
                    .then(|| (pos, &para[pos..]))
            })
    };
    let Some((at, cand)) = found else {
        return Stamp::None;
    };
    match parse_candidate(cand, base + at) {
        s @ Stamp::Valid { .. } => s,
        _ => Stamp::None,
    }
}

/// Where the last `DDDD-` that starts a date lies in `s`: the first such position after which
/// the rest is a whole timestamp.
fn date_start(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).find(|&i| {
        (i == 0 || !b[i - 1].is_ascii_digit())
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
            && b[i + 4] == b'-'
            && stamp_shape(&s[i..])
    })
}

/// `YYYY-MM-DD`, optionally `[ T]H:MM[:SS]`, optionally a zone (`Z`, `UTC`, `±HH:MM`,
/// `±HHMM`, after an optional space), and nothing else. ASCII classes only: it compiles in
/// microseconds, where Unicode classes would cost milliseconds at start-up.
static STAMP_SHAPE: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"(?-u)^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?(?: ?(?:Z|UTC|[+-][0-9]{2}:?[0-9]{2}))?$",
    )
    .expect("valid regex")
});

/// Whether `s` is exactly a timestamp of the shape [`STAMP_SHAPE`] describes.
fn stamp_shape(s: &str) -> bool {
    STAMP_SHAPE.is_match(s.as_bytes())
}

fn looks_like_date(s: &str) -> bool {
    let b = trim_start(s).as_bytes();
    b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'-' | b'/')
}

fn looks_like_placeholder(s: &str) -> bool {
    let t = trim_start(s);
    t.starts_with("YYYY") || t.starts_with("yyyy") || t.starts_with("XXXX") || t.starts_with("20XX")
}

/// Why `year-month-day` is no date: the part that is out of range.
fn impossible_date(s: &str, year: u32, month: u32, day: u32) -> String {
    let part = if !(1..=12).contains(&month) {
        format!("month {month} is out of range (01–12)")
    } else {
        let last = (28..=31)
            .rev()
            .find(|d| NaiveDate::from_ymd_opt(year as i32, month, *d).is_some())
            .unwrap_or(28);
        format!("day {day} is out of range for {year}-{month:02} (01–{last})")
    };
    format!("`{s}` names a day that does not exist: {part}")
}

/// Parse `date[ T]time[zone]` at the start of `raw`; what follows must be a separator or a note.
fn parse_candidate(raw: &str, base: usize) -> Stamp {
    let lead = raw.len() - trim_start(raw).len();
    let s = trim(raw);
    let span = Span::new(base + lead, base + lead + s.len());
    let malformed = |reason: String| Stamp::Malformed { span, reason };
    let mut p = Cursor { s, i: 0 };

    let Some(year) = p.digits(4, 4) else {
        return malformed(format!("`{s}` does not start with a four-digit year"));
    };
    let sep = p.peek();
    if !matches!(sep, Some('-' | '/')) {
        return malformed(format!("`{s}` is not a date of the form YYYY-MM-DD"));
    }
    p.i += 1;
    let (Some(month), true, Some(day)) =
        (p.digits(1, 2), p.eat(sep.unwrap_or('-')), p.digits(1, 2))
    else {
        return malformed(format!("`{s}` is not a date of the form YYYY-MM-DD"));
    };
    let Some(date) = NaiveDate::from_ymd_opt(year as i32, month, day) else {
        return malformed(impossible_date(s, year, month, day));
    };
    let mut time = None;
    let save = p.i;
    if p.eat('T') || p.eat(' ') || p.eat('t') {
        p.skip_spaces();
        // An hour needs its minutes; `2026-03-14 3 files changed` is a date and prose.
        let hour = p.digits(1, 2).filter(|_| p.peek() == Some(':'));
        if let Some(h) = hour {
            p.i += 1;
            let Some(m) = p.digits(2, 2) else {
                return malformed(format!("`{s}` has minutes that are not two digits"));
            };
            let mut sec = 0;
            if p.eat(':') {
                match p.digits(2, 2) {
                    Some(x) => sec = x,
                    None => return malformed(format!("`{s}` has malformed seconds")),
                }
                if p.eat('.') {
                    p.digits(1, 9);
                }
            }
            match NaiveTime::from_hms_opt(h, m, sec.min(59)) {
                Some(t) if sec <= 60 => time = Some(t),
                _ => {
                    let part = if h > 23 {
                        format!("hour {h} is out of range (00–23)")
                    } else if m > 59 {
                        format!("minute {m} is out of range (00–59)")
                    } else {
                        format!("second {sec} is out of range (00–59)")
                    };
                    return malformed(format!("`{s}` names a time that does not exist: {part}"));
                }
            }
        } else {
            p.i = save;
        }
    }
    let mut zone = Zone::None;
    if time.is_some() {
        let before_zone = p.i;
        p.skip_spaces();
        match parse_zone(&s[p.i..]) {
            Some((z, len)) => {
                zone = z;
                p.i += len;
            }
            None => p.i = before_zone,
        }
    }
    let rest = &s[p.i..];
    if !rest.is_empty()
        && !rest.starts_with(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '：' | '—' | '–' | '-' | '|' | ',')
        })
    {
        return malformed(format!(
            "`{s}` is not a timestamp: unexpected `{}`",
            rest.trim()
        ));
    }
    Stamp::Valid {
        timestamp: Timestamp {
            date,
            time,
            zone,
            span: Span::new(span.start, span.start + p.i),
        },
    }
}

struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        match self.s.as_bytes().get(self.i) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => self.s[self.i..].chars().next(),
            None => None,
        }
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.i += 1;
        }
    }
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let b = self.s.as_bytes();
        let mut j = self.i;
        let mut v: u32 = 0;
        while j < b.len() && j - self.i < max && b[j].is_ascii_digit() {
            // At most nine digits are asked for: no overflow.
            v = v * 10 + u32::from(b[j] - b'0');
            j += 1;
        }
        if j - self.i < min || (j < b.len() && b[j].is_ascii_digit()) {
            return None;
        }
        self.i = j;
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text with white space of every kind (ASCII, vertical tab, no-break and ideographic
    /// spaces, NEL) at either end.
    fn spaced() -> impl Strategy<Value = String> {
        let piece = proptest::sample::select(vec![
            " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", "\u{3000}", "\u{85}", "a", "(",
            "2026", "é", "計",
        ]);
        proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    /// Issue 13, item 13: an impossible date or time says which part is out of range.
    #[test]
    fn impossible_dates_name_the_part() {
        let reason = |text: &str| match find_in_entry(text, 0) {
            Stamp::Malformed { reason, .. } => reason,
            other => panic!("{text}: {other:?}"),
        };
        assert!(reason("(2025-13-01) x").ends_with("month 13 is out of range (01–12)"));
        assert!(reason("(2025-02-30) x").ends_with("day 30 is out of range for 2025-02 (01–28)"));
        assert!(reason("(2024-02-30) x").ends_with("day 30 is out of range for 2024-02 (01–29)"));
        assert!(reason("(2025-04-31) x").ends_with("(01–30)"));
        assert!(reason("(2025-04-01 25:00) x").ends_with("hour 25 is out of range (00–23)"));
        assert!(reason("(2025-04-01 10:61) x").ends_with("minute 61 is out of range (00–59)"));
    }

    proptest! {
        /// The hand-rolled trims answer as the standard ones do.
        #[test]
        fn trims_agree_with_std(s in spaced()) {
            prop_assert_eq!(trim_start(&s), s.trim_start());
            prop_assert_eq!(trim(&s), s.trim());
        }
    }
}
