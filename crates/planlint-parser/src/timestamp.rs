//! Timestamps of Progress entries: every shape seen in real plans, and how two of them compare.
//!
//! Handles `(2025-10-01 13:00Z)`, `[2025-11-16 12:00]`, `2026-04-09T12:36:09Z`, date only, with
//! seconds, with `+09:00`, with a zone abbreviation or an IANA name, a note after the date inside
//! the parentheses, and a date at the end of an entry (`(completed 2024-12-25)`, `— 2026-08-01`).
//! Placeholders (`(YYYY-MM-DD HH:MMZ)`) and impossible dates are reported as malformed.

use std::cmp::Ordering;
use std::sync::LazyLock;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use crate::span::Span;

/// The time zone written after a time, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Zone {
    /// No zone written: local time of unknown offset.
    None,
    /// A fixed offset in seconds east of UTC (`Z`, `UTC`, `+09:00`, `JST`, …).
    Offset(i32),
    /// A name whose offset is ambiguous or unknown here (`CST`, `Europe/Moscow`).
    Named(String),
}

/// A parsed timestamp with its place in the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "TimestampJson")]
pub struct Timestamp {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub zone: Zone,
    /// The timestamp text itself (without brackets).
    pub span: Span,
}

/// What an entry's text says about its timestamp.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Stamp {
    /// No timestamp.
    None,
    /// A well-formed timestamp.
    Valid { timestamp: Timestamp },
    /// Text in a timestamp's place that is not a valid timestamp (placeholder, impossible date).
    Malformed { span: Span, reason: String },
}

/// How a timestamp is written out: as parsed, plus its normalised text.
#[derive(Serialize, JsonSchema)]
struct TimestampJson {
    date: NaiveDate,
    time: Option<NaiveTime>,
    zone: Zone,
    /// `2025-10-01`, `2025-10-01T13:00:00` (no zone written) or RFC 3339 with the offset.
    normalized: String,
    span: Span,
}

impl From<Timestamp> for TimestampJson {
    fn from(t: Timestamp) -> Self {
        TimestampJson {
            normalized: t.normalized(),
            date: t.date,
            time: t.time,
            zone: t.zone,
            span: t.span,
        }
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        TimestampJson::json_schema(generator)
    }
}

impl Timestamp {
    /// Offset in seconds if the zone is known.
    pub fn offset(&self) -> Option<i32> {
        match self.zone {
            Zone::Offset(s) => Some(s),
            _ => None,
        }
    }

    /// The instant, when both the time and a known offset are written.
    pub fn instant(&self) -> Option<DateTime<FixedOffset>> {
        let offset = FixedOffset::east_opt(self.offset()?)?;
        self.time?;
        self.naive().and_local_timezone(offset).single()
    }

    /// Date and time as written (midnight for a date-only timestamp).
    pub fn naive(&self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }

    /// Normalised text: `2025-10-01`, `2025-10-01T13:00`, `2025-10-01T13:00:00+00:00`.
    pub fn normalized(&self) -> String {
        match (self.time, self.instant()) {
            (_, Some(i)) => i.to_rfc3339(),
            (Some(t), None) => format!("{}T{}", self.date, t.format("%H:%M:%S")),
            (None, _) => self.date.to_string(),
        }
    }

    /// Whether this timestamp lies after `now`, at its own precision. A time without a known
    /// zone is in the future only if it is in the future in every zone (UTC+14).
    pub fn is_after(&self, now: DateTime<Utc>) -> bool {
        // A time at a known offset: its UTC clock time against now's, without building the
        // zoned value.
        if let (Some(t), Zone::Offset(o)) = (self.time, &self.zone) {
            if let Some(utc) = self
                .date
                .and_time(t)
                .checked_sub_signed(Duration::seconds(i64::from(*o)))
            {
                return utc > now.naive_utc();
            }
        }
        if let Some(i) = self.instant() {
            return i.with_timezone(&Utc) > now;
        }
        let latest_local = now.naive_utc() + Duration::hours(14);
        match self.time {
            Some(_) => self.naive() > latest_local,
            None => self.date > latest_local.date(),
        }
    }
}

/// Compare two timestamps at the precision both have. A date-only stamp equals any time of its
/// day; a date-only stamp against a zoned time is ordered only where the time's own zone and UTC
/// agree; a zoned time against one of unknown zone only where every zone agrees. Two times of
/// unknown zone are compared as written (one author, one clock).
pub fn compare(a: &Timestamp, b: &Timestamp) -> Ordering {
    match (a.time.is_some(), b.time.is_some()) {
        // One offset (the usual case, one log in one zone): the clock times order as the
        // instants do.
        (true, true) if a.offset().is_some() && a.offset() == b.offset() => {
            a.naive().cmp(&b.naive())
        }
        (true, true) => match (a.instant(), b.instant()) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(x), None) => instant_vs_local(x, b.naive()),
            (None, Some(y)) => instant_vs_local(y, a.naive()).reverse(),
            (None, None) => a.naive().cmp(&b.naive()),
        },
        (false, false) => a.date.cmp(&b.date),
        (true, false) => date_vs_timed(b, a).reverse(),
        (false, true) => date_vs_timed(a, b),
    }
}

/// An instant against a local time of unknown zone, which may lie anywhere from UTC-12 to
/// UTC+14: ordered only where every possible zone agrees.
fn instant_vs_local(instant: DateTime<FixedOffset>, local: NaiveDateTime) -> Ordering {
    let utc = instant.naive_utc();
    if utc < local - Duration::hours(14) {
        Ordering::Less
    } else if utc > local + Duration::hours(12) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

fn date_vs_timed(dated: &Timestamp, timed: &Timestamp) -> Ordering {
    let local = dated.date.cmp(&timed.date);
    match timed.instant() {
        Some(i) => {
            let utc = dated.date.cmp(&i.with_timezone(&Utc).date_naive());
            if local == utc {
                local
            } else {
                Ordering::Equal
            }
        }
        None => local,
    }
}

/// Find the timestamp of a Progress entry. `text` is the entry's text after its list marker and
/// checkbox; `base` is the byte offset of `text` in the source.
pub fn find_in_entry(text: &str, base: usize) -> Stamp {
    if let Some(stamp) = bracketed_canonical(text, base) {
        return stamp;
    }
    find_in_entry_general(text, base)
}

/// [`find_in_entry`] without the shortcut for the usual shape.
fn find_in_entry_general(text: &str, base: usize) -> Stamp {
    match leading(text, base) {
        Stamp::None => trailing(text, base),
        found => found,
    }
}

/// The shape nearly every stamped entry has, read in one pass: `(2026-03-14 09:30Z)` or
/// `[2026-03-14T09:30:05]`, `(2026-03-14)`; a valid date and time, then the closing bracket
/// right away. Anything else (another zone, a note, an impossible date) is `None`, left to the
/// general reading, which gives the same answer for what this accepts.
fn bracketed_canonical(text: &str, base: usize) -> Option<Stamp> {
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
fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&b) if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') => s,
        _ => s.trim_start(),
    }
}

/// `str::trim`, with the same shortcut at both ends.
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
/// The shapes: `( [words ]DATE[ TIME][ZONE] )` or `— DATE[ TIME][ZONE]` (or `–`) closing the
/// paragraph, before an optional full stop. Written as a scan rather than a regular expression:
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
        para.rfind(['—', '–']).and_then(|dash| {
            let after = &para[dash..];
            let after = &after[after.chars().next().map_or(0, char::len_utf8)..];
            let lead = after.len() - after.trim_start().len();
            let cand = after.trim_start();
            let at = para.len() - after.len() + lead;
            stamp_shape(cand).then_some((at, cand))
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
        return malformed(format!("`{s}` names a day that does not exist"));
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
                _ => return malformed(format!("`{s}` names a time that does not exist")),
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

/// A zone at the start of `s`: `Z`, `UTC`, `+09:00`, `+0900`, `JST`, `CST`, `Europe/Moscow`.
fn parse_zone(s: &str) -> Option<(Zone, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'Z') && !b.get(1).is_some_and(u8::is_ascii_alphabetic) {
        return Some((Zone::Offset(0), 1));
    }
    if matches!(b.first(), Some(b'+' | b'-')) {
        let digits: Vec<u8> = b[1..].iter().take(5).copied().collect();
        let (h, m, len) = if digits.len() >= 5 && digits[2] == b':' {
            (&digits[0..2], &digits[3..5], 6)
        } else if digits.len() >= 4 && digits[..4].iter().all(u8::is_ascii_digit) {
            (&digits[0..2], &digits[2..4], 5)
        } else if digits.len() >= 2 && digits[..2].iter().all(u8::is_ascii_digit) {
            (&digits[0..2], &b"00"[..], 3)
        } else {
            return None;
        };
        let h: i32 = std::str::from_utf8(h).ok()?.parse().ok()?;
        let m: i32 = std::str::from_utf8(m).ok()?.parse().ok()?;
        if h > 14 || m > 59 {
            return None;
        }
        let sign = if b[0] == b'-' { -1 } else { 1 };
        return Some((Zone::Offset(sign * (h * 3600 + m * 60)), len));
    }
    let word_len = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '+' | '-')))
        .unwrap_or(s.len());
    let word = &s[..word_len];
    if word.contains('/') {
        let first = word.split('/').next().unwrap_or("");
        if first.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && first.len() > 1 {
            return Some((Zone::Named(word.to_string()), word_len));
        }
        return None;
    }
    // `UTC+9`, `GMT-5`
    for prefix in ["UTC", "GMT"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.is_empty() {
                return Some((Zone::Offset(0), word_len));
            }
            if let Some((Zone::Offset(o), l)) = parse_zone(rest) {
                if l == rest.len() {
                    return Some((Zone::Offset(o), word_len));
                }
            }
        }
    }
    if (2..=5).contains(&word.len())
        && word.chars().all(|c| c.is_ascii_uppercase())
        && (word.ends_with('T') || word == "MSK")
    {
        let hours = match word {
            "JST" | "KST" => Some(9),
            "EST" => Some(-5),
            "EDT" | "AST" => Some(-4),
            "CDT" => Some(-5),
            "MST" => Some(-7),
            "MDT" => Some(-6),
            "PST" => Some(-8),
            "PDT" => Some(-7),
            "CET" | "BST" | "WAT" => Some(1),
            "CEST" | "EET" | "SAST" => Some(2),
            "EEST" | "MSK" => Some(3),
            "AEST" => Some(10),
            "AEDT" => Some(11),
            "HKT" | "SGT" | "AWST" => Some(8),
            _ => None,
        };
        return Some(match hours {
            Some(h) => (Zone::Offset(h * 3600), word_len),
            None => (Zone::Named(word.to_string()), word_len),
        });
    }
    None
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

    fn valid(text: &str) -> Timestamp {
        match find_in_entry(text, 0) {
            Stamp::Valid { timestamp: t } => t,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn malformed(text: &str) {
        assert!(
            matches!(find_in_entry(text, 0), Stamp::Malformed { .. }),
            "{text}"
        );
    }

    #[test]
    fn a_long_note_inside_the_brackets_keeps_the_stamp() {
        let t = valid("(2025-11-16 12:00Z, after a review with the team and the security group, which took far longer than planned) Finished the rollout.");
        assert_eq!(t.normalized(), "2025-11-16T12:00:00+00:00");
        malformed("(2025-11-16 12:00Z and a note that never closes the bracket on this line at all, it just runs on and on and on\nnext line)");
        assert!(matches!(find_in_entry("Finished. (reviewed in the meeting with everyone present from all teams, notes in the wiki)", 0), Stamp::None));
    }

    #[test]
    fn shapes_seen_in_real_plans() {
        let t = valid("(2025-10-01 13:00Z) Example");
        assert_eq!(t.offset(), Some(0));
        assert_eq!(
            &"(2025-10-01 13:00Z) Example"[t.span.start..t.span.end],
            "2025-10-01 13:00Z"
        );
        assert!(valid("(2025-10-01) x").time.is_none());
        assert!(valid("(2026-03-08T00:00Z) x").time.is_some());
        assert!(valid("(2026-04-29 06:23:36Z) x").time.is_some());
        assert_eq!(
            valid("(2026-07-27 17:32 +09:00) x").offset(),
            Some(9 * 3600)
        );
        assert_eq!(
            valid("(2026-03-21 20:55 CST) x").zone,
            Zone::Named("CST".into())
        );
        assert_eq!(valid("(2026-03-21 20:55 EDT) x").offset(), Some(-4 * 3600));
        assert_eq!(valid("(2026-06-16 Europe/Moscow) x").time, None);
        assert!(valid("(2026-01-30 12:02) x").offset().is_none());
        assert!(valid("2026-04-09T12:36:09Z Complete the preflight")
            .time
            .is_some());
        assert!(valid("2026-03-14: did things").time.is_none());
        assert!(valid("2026-03-14：did things").time.is_none());
        assert!(valid("[2025-11-16 11:40] Plan created.").time.is_some());
        assert!(valid("**2026-04-27**: bold date").time.is_none());
        assert!(valid("(2026-07-10, `722cf88`) shipped").time.is_none());
        assert_eq!(
            valid("Shipped the thing (completed 2024-12-25)")
                .date
                .to_string(),
            "2024-12-25"
        );
        assert_eq!(valid("Shipped — 2026-08-01").date.to_string(), "2026-08-01");
        assert_eq!(
            valid("（2026-03-01 10:00）全角").date.to_string(),
            "2026-03-01"
        );
    }

    #[test]
    fn malformed_and_absent() {
        malformed("(YYYY-MM-DD HH:MMZ) placeholder");
        malformed("[2025-13-41 25:61] bad");
        malformed("(2025-02-30 9:7Z) bad");
        malformed("(2025-10-01 13:5) one-digit minutes");
        assert!(valid("2026-03-14 3 files changed").time.is_none());
        assert_eq!(
            find_in_entry("(H1) **HUMAN ACTION**: do it", 0),
            Stamp::None
        );
        assert_eq!(find_in_entry("Plain entry with no date", 0), Stamp::None);
        assert_eq!(find_in_entry("[TBD] later", 0), Stamp::None);
        assert_eq!(find_in_entry("Fixed 2 bugs (see #12)", 0), Stamp::None);
    }

    #[test]
    fn comparison_at_shared_precision() {
        let a = valid("(2026-03-21) x");
        let b = valid("(2026-03-21 20:55 CST) x");
        assert_eq!(compare(&a, &b), Ordering::Equal);
        let c = valid("(2026-03-21 10:00Z) x");
        let d = valid("(2026-03-21 19:00+09:00) x");
        assert_eq!(compare(&c, &d), Ordering::Equal);
        // 2026-07-28 01:00 +09:00 is 2026-07-27 in UTC: ordering against date-only 07-27 is unclear.
        let e = valid("(2026-07-28 01:00 +09:00) x");
        let f = valid("(2026-07-27) x");
        assert_eq!(compare(&f, &e), Ordering::Equal);
        let g = valid("(2026-07-29) x");
        assert_eq!(compare(&g, &e), Ordering::Greater);
        // A zoned time against a time whose zone is unknown: only a gap beyond any zone counts.
        let z = valid("(2025-10-02 19:00 +09:00) x");
        let cst = valid("(2025-10-02 11:00 CST) x");
        assert_eq!(compare(&z, &cst), Ordering::Equal);
        let late = valid("(2025-10-03 12:00 CST) x");
        assert_eq!(compare(&z, &late), Ordering::Less);
    }

    proptest::proptest! {
        /// The shortcut in `is_after` agrees with comparing the instants.
        #[test]
        fn future_by_utc_clock_agrees(
            d in 1u32..28, h in 0u32..24, m in 0u32..60, now_h in 0i64..(24 * 40),
            zone in proptest::sample::select(vec!["Z", "+09:00", "-05:00", "+14:00", "-12:00"]),
        ) {
            let t = valid(&format!("(2026-03-{d:02} {h:02}:{m:02}{zone}) x"));
            let now = DateTime::<Utc>::from_timestamp(1_772_323_200 + now_h * 3600, 0).unwrap();
            let want = t.instant().unwrap().with_timezone(&Utc) > now;
            proptest::prop_assert_eq!(t.is_after(now), want);
        }

        /// Two times in one zone order as their instants do (the shortcut in `compare`).
        #[test]
        fn one_zone_orders_by_instant(
            d1 in 1u32..28, h1 in 0u32..24, m1 in 0u32..60,
            d2 in 1u32..28, h2 in 0u32..24, m2 in 0u32..60,
            zone in proptest::sample::select(vec!["Z", "+09:00", "-05:00", "+14:00", "JST"]),
        ) {
            let a = valid(&format!("(2026-03-{d1:02} {h1:02}:{m1:02}{zone}) x"));
            let b = valid(&format!("(2026-03-{d2:02} {h2:02}:{m2:02}{zone}) x"));
            proptest::prop_assert_eq!(compare(&a, &b), a.instant().cmp(&b.instant()));
        }
    }

    /// Entry openings around the usual stamp shape: near misses of every part of it.
    fn entry() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let open = proptest::sample::select(vec!["(", "[", " (", "", "**(", "（", "\t["]);
        let date = proptest::sample::select(vec![
            "2026-03-14",
            "2026-02-30",
            "2026-3-14",
            "2026-13-01",
            "0000-01-01",
            "2026/03/14",
            "2026-03-1",
            "20XX-01-01",
            "2024-02-29",
            "2023-02-29",
        ]);
        let time = proptest::sample::select(vec![
            "",
            " 09:30",
            "T09:30",
            " 9:30",
            " 24:00",
            " 23:59:59",
            " 23:59:60",
            " 09:3",
            "t09:30",
            "  09:30",
            " 09:30:5",
            "T23:60",
        ]);
        let zone = proptest::sample::select(vec![
            "", "Z", " Z", "+09:00", " UTC", "Zx", "z", " JST", ".5Z",
        ]);
        let close = proptest::sample::select(vec![")", "]", "", ", note)", " )", "）", ")x"]);
        let rest = proptest::sample::select(vec!["", " Did it.", "\nmore", "Done"]);
        (open, date, time, zone, close, rest)
            .prop_map(|(o, d, t, z, c, r)| format!("{o}{d}{t}{z}{c}{r}"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The shortcut answers exactly as the general reading does, or leaves it to it.
        #[test]
        fn canonical_shortcut_agrees(text in entry()) {
            if let Some(stamp) = bracketed_canonical(&text, 7) {
                proptest::prop_assert_eq!(stamp, find_in_entry_general(&text, 7));
            }
            proptest::prop_assert_eq!(find_in_entry(&text, 7), find_in_entry_general(&text, 7));
        }
    }

    #[test]
    fn the_shortcut_takes_the_usual_shapes() {
        for text in [
            "(2026-03-14 09:30Z) x",
            "[2026-03-14T09:30:05] x",
            "(2026-03-14) x",
        ] {
            assert!(bracketed_canonical(text, 0).is_some(), "{text}");
        }
    }

    #[test]
    fn future_respects_precision() {
        let now = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert!(!valid("(2026-01-01) x").is_after(now));
        assert!(valid("(2026-01-02) x").is_after(now));
        assert!(!valid("(2026-01-01 10:00) x").is_after(now));
        assert!(valid("(2026-01-01 10:00Z) x").is_after(now));
    }
}
