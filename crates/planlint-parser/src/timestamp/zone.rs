//! Time zones written after a Progress timestamp's time: `Z`, `UTC`, offsets (`+09:00`,
//! `+0900`, `UTC+9`), the common abbreviations with one meaning (`JST`, `EDT`), and names whose
//! offset cannot be known here (`CST`, `Europe/Moscow`), kept as written.

use schemars::JsonSchema;
use serde::Serialize;

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

/// A zone at the start of `s`: `Z`, `UTC`, `+09:00`, `+0900`, `JST`, `CST`, `Europe/Moscow`.
pub(super) fn parse_zone(s: &str) -> Option<(Zone, usize)> {
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
