//! The plan's timestamp style: how a new Progress entry's stamp is written (brackets, separator,
//! `T`, seconds, zone), read from the plan's last stamped entry, else the dialect's default; and
//! `Last updated` bumped in the field's own format. One definition for `log`, `tick`, `new` and
//! the editor's completion.

use chrono::{DateTime, FixedOffset, Utc};
use planlint_parser::{Dialect, MetaKey, Plan, Timestamp, Zone};

use crate::Edit;

/// How a plan writes a timestamp: what stands around it and its shape.
pub(super) struct StampStyle {
    /// Before the stamp in the entry (`(`, `[`, nothing).
    open: String,
    /// After it, up to the entry's text (`) `, `] `, `: `).
    close: String,
    date_only: bool,
    t: bool,
    seconds: bool,
    /// The zone as written after the time, and its offset.
    zone: Option<(String, i32)>,
}

/// The timestamp a new Progress entry gets at `now`, brackets and the space after them
/// included: in the style of `plan`'s last stamped entry of its Progress log, else the
/// default of `dialect` (`[2026-03-14 09:30] ` numbered, `(2026-03-14 09:30Z) ` canonical).
pub fn stamp(plan: Option<&Plan<'_>>, dialect: Dialect, now: DateTime<Utc>) -> String {
    style(plan, dialect).wrap(now)
}

/// The style of `plan`'s last stamped top-level entry of its Progress section, else the
/// dialect's default.
pub(super) fn style(plan: Option<&Plan<'_>>, dialect: Dialect) -> StampStyle {
    plan.and_then(|plan| {
        let sec = super::log::log_section(plan)?;
        plan.progress
            .iter()
            .rev()
            .filter(|e| e.depth == 0 && plan.section_at(e.span.start) == Some(sec))
            .find_map(|e| e.timestamp().map(|t| (e, t)))
            .and_then(|(e, t)| StampStyle::of(plan, e.text, t))
    })
    .unwrap_or_else(|| StampStyle::default_for(dialect))
}

impl StampStyle {
    fn default_for(dialect: Dialect) -> StampStyle {
        match dialect {
            Dialect::Numbered => StampStyle {
                open: "[".into(),
                close: "] ".into(),
                date_only: false,
                t: false,
                seconds: false,
                zone: None,
            },
            Dialect::Canonical => StampStyle {
                open: "(".into(),
                close: ") ".into(),
                date_only: false,
                t: false,
                seconds: false,
                zone: Some(("Z".into(), 0)),
            },
        }
    }

    /// The style of a stamp as written at the start of an entry's text.
    fn of(plan: &Plan<'_>, entry_text: &str, ts: &Timestamp) -> Option<StampStyle> {
        let raw = plan.text(ts.span);
        let at = entry_text.find(raw)?;
        let open = &entry_text[..at];
        if open.chars().any(char::is_alphanumeric) {
            // A date at the end of the entry (`(completed 2024-12-25)`): no shape to copy.
            return None;
        }
        let mut after = &entry_text[at + raw.len()..];
        // A zone name after the stamp inside its brackets (`(2026-06-16 Europe/Moscow)`): its
        // offset is unknown here, so the new stamp is written without it, and the brackets are
        // closed where the old ones were.
        let bracket = match open.trim_end().chars().next_back() {
            Some('(') => Some(')'),
            Some('[') => Some(']'),
            _ => None,
        };
        if let (Some(b), Zone::Named(_) | Zone::None) = (bracket, &ts.zone) {
            if let Some(i) = after.find(b) {
                let between = &after[..i];
                if !between.trim().is_empty()
                    && between
                        .trim()
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "/_+- ".contains(c))
                {
                    after = &after[i..];
                }
            }
        }
        let close_len = after
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric() || *c == '`' || *c == '*')
            .map_or(after.len(), |(i, _)| i);
        let mut close = after[..close_len].to_string();
        if !close.ends_with(' ') {
            close.push(' ');
        }
        // A table log's cell (`2025-10-01 | done | …`): in a list entry (a ticked box) the
        // stamp stands in brackets; a row takes it bare.
        let (open, close) = if close.trim_start().starts_with('|') {
            ("(", ") ".to_string())
        } else {
            (open, close)
        };
        let time_part = raw.get(10..).unwrap_or("");
        let zone = match &ts.zone {
            Zone::Offset(o) => {
                // The zone as written: what follows the clock time.
                let digits_end = time_part
                    .char_indices()
                    .skip(1)
                    .find(|(_, c)| !(c.is_ascii_digit() || *c == ':'))
                    .map_or(time_part.len(), |(i, _)| i);
                Some((time_part[digits_end..].to_string(), *o))
            }
            _ => None,
        };
        let colons = time_part.matches(':').count();
        let offset_colon =
            matches!(&ts.zone, Zone::Offset(_)) && colons == 2 && time_part.contains(['+', '-']);
        Some(StampStyle {
            open: open.to_string(),
            close,
            date_only: ts.time.is_none(),
            t: time_part.starts_with('T'),
            seconds: colons >= 2 && !offset_colon,
            zone,
        })
    }

    fn format(&self, now: DateTime<Utc>) -> String {
        let zone = self.zone.as_ref().map(|(z, o)| at_date(z, *o, now));
        let offset = zone.as_ref().map_or(0, |z| z.1);
        let fixed = FixedOffset::east_opt(offset).unwrap_or(FixedOffset::east_opt(0).unwrap());
        let local = now.with_timezone(&fixed);
        let mut s = local.format("%Y-%m-%d").to_string();
        if self.date_only {
            return s;
        }
        s.push(if self.t { 'T' } else { ' ' });
        let clock = if self.seconds { "%H:%M:%S" } else { "%H:%M" };
        s.push_str(&local.format(clock).to_string());
        if let Some((z, _)) = &zone {
            s.push_str(z);
        }
        s
    }

    /// The stamp at `now` with what stands around it.
    /// The stamp alone, without brackets or what follows it (a table cell).
    pub(super) fn bare(&mut self) {
        self.open.clear();
        self.close.clear();
    }

    pub(super) fn wrap(&self, now: DateTime<Utc>) -> String {
        format!("{}{}{}", self.open, self.format(now), self.close)
    }
}

/// Zone abbreviations that name a standard time and its daylight-saving time: (standard,
/// daylight, standard offset in hours, rule).
const SEASONAL: &[(&str, &str, i32, Dst)] = &[
    ("EST", "EDT", -5, Dst::Us),
    ("CST", "CDT", -6, Dst::Us),
    ("MST", "MDT", -7, Dst::Us),
    ("PST", "PDT", -8, Dst::Us),
    ("AKST", "AKDT", -9, Dst::Us),
    ("GMT", "BST", 0, Dst::Eu),
    ("WET", "WEST", 0, Dst::Eu),
    ("CET", "CEST", 1, Dst::Eu),
    ("EET", "EEST", 2, Dst::Eu),
    ("AEST", "AEDT", 10, Dst::Au),
];

/// Daylight-saving rules: the United States (second Sunday of March, 02:00 local, to the first
/// Sunday of November, 02:00 local), the European Union (last Sunday of March to the last
/// Sunday of October, 01:00 UTC) and south-eastern Australia (first Sunday of October, 02:00
/// local standard, to the first Sunday of April, 03:00 local daylight).
#[derive(Clone, Copy)]
enum Dst {
    Us,
    Eu,
    Au,
}

/// The `n`th (1-based) Sunday of a month, or its last when `n` is 0, at `hour` UTC.
fn sunday(year: i32, month: u32, n: u32, hour_utc: i64) -> Option<DateTime<Utc>> {
    use chrono::{Datelike, NaiveDate, Weekday};
    let date = if n == 0 {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let last = next.pred_opt()?;
        let back = last.weekday().num_days_from_sunday();
        last - chrono::Duration::days(i64::from(back))
    } else {
        NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sun, n as u8)?
    };
    Some(date.and_hms_opt(0, 0, 0)?.and_utc() + chrono::Duration::hours(hour_utc))
}

/// Whether daylight-saving time is in force at `now` by `rule`, for a zone `std` hours east.
fn daylight(rule: Dst, std: i32, now: DateTime<Utc>) -> bool {
    use chrono::Datelike;
    let y = now.year();
    let std = i64::from(std);
    let span = match rule {
        // 02:00 local standard time, 02:00 local daylight time.
        Dst::Us => (sunday(y, 3, 2, 2 - std), sunday(y, 11, 1, 2 - (std + 1))),
        Dst::Eu => (sunday(y, 3, 0, 1), sunday(y, 10, 0, 1)),
        // Southern: daylight time from October to April of the next year.
        Dst::Au => {
            let ends = sunday(y, 4, 1, 3 - (std + 1));
            let starts = sunday(y, 10, 1, 2 - std);
            return match (ends, starts) {
                (Some(e), Some(s)) => now < e || now >= s,
                _ => false,
            };
        }
    };
    match span {
        (Some(start), Some(end)) => now >= start && now < end,
        _ => false,
    }
}

/// The zone as written at `now`: a seasonal abbreviation (`EDT`, `EST`) becomes the one in
/// force at that date, with its offset; anything else stays as it is.
fn at_date(zone: &str, offset: i32, now: DateTime<Utc>) -> (String, i32) {
    let name = zone.trim();
    let lead = &zone[..zone.len() - zone.trim_start().len()];
    for &(std, dst, hours, rule) in SEASONAL {
        if name == std || name == dst {
            let summer = daylight(rule, hours, now);
            let (n, h) = if summer {
                (dst, hours + 1)
            } else {
                (std, hours)
            };
            return (format!("{lead}{n}"), h * 3600);
        }
    }
    (zone.to_string(), offset)
}

/// The edit that bumps `Last updated` to `now` in the field's own format, if the plan has one.
pub(super) fn bump_last_updated(plan: &Plan<'_>, now: DateTime<Utc>) -> Option<Edit> {
    let field = plan.meta(MetaKey::LastUpdated)?;
    let old = field.value;
    let date = now.format("%Y-%m-%d").to_string();
    let value = match old.as_bytes().get(10) {
        Some(&sep @ (b' ' | b'T')) if old.len() > 10 => format!(
            "{date}{}{}{}",
            sep as char,
            now.format("%H:%M"),
            if old.ends_with('Z') { "Z" } else { "" }
        ),
        _ => date,
    };
    Some(Edit {
        span: field.value_span,
        text: value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    /// Issue 20: a log written in `EDT` gets `EST` in December, at New York's real offset.
    #[test]
    fn seasonal_zones_take_their_offset_at_the_date() {
        assert_eq!(
            at_date(" EDT", -4 * 3600, utc(2026, 12, 2, 4, 30)),
            (" EST".into(), -5 * 3600)
        );
        assert_eq!(
            at_date(" EST", -5 * 3600, utc(2026, 7, 1, 4, 30)),
            (" EDT".into(), -4 * 3600)
        );
        // US: 2026-03-08 02:00 EST is 07:00 UTC; 2026-11-01 02:00 EDT is 06:00 UTC.
        assert_eq!(at_date("EST", 0, utc(2026, 3, 8, 6, 59)).0, "EST");
        assert_eq!(at_date("EST", 0, utc(2026, 3, 8, 7, 0)).0, "EDT");
        assert_eq!(at_date("EDT", 0, utc(2026, 11, 1, 5, 59)).0, "EDT");
        assert_eq!(at_date("EDT", 0, utc(2026, 11, 1, 6, 0)).0, "EST");
        // EU: 2026-03-29 and 2026-10-25, 01:00 UTC.
        assert_eq!(at_date("CET", 0, utc(2026, 3, 29, 0, 59)).0, "CET");
        assert_eq!(
            at_date("CET", 0, utc(2026, 3, 29, 1, 0)),
            ("CEST".into(), 7200)
        );
        assert_eq!(
            at_date("CEST", 0, utc(2026, 10, 25, 1, 0)),
            ("CET".into(), 3600)
        );
        // Australia: daylight time in January, standard in July.
        assert_eq!(at_date("AEST", 0, utc(2026, 1, 10, 0, 0)).0, "AEDT");
        assert_eq!(at_date("AEDT", 0, utc(2026, 7, 10, 0, 0)).0, "AEST");
        assert_eq!(
            at_date("+09:00", 9 * 3600, utc(2026, 7, 10, 0, 0)),
            ("+09:00".into(), 9 * 3600)
        );
    }

    /// The stamp itself: 04:30 UTC on 2 December is 23:30 EST on the 1st.
    #[test]
    fn an_edt_log_is_stamped_est_in_december() {
        let text = "# P\n\n## Progress\n\n- [x] (2026-07-01 09:00 EDT) Began.\n";
        let plan = planlint_parser::parse(text);
        let s = stamp(Some(&plan), Dialect::Canonical, utc(2026, 12, 2, 4, 30));
        assert_eq!(s, "(2026-12-01 23:30 EST) ");
    }

    /// A table log's style, for a ticked box in the same Progress section: in brackets.
    #[test]
    fn a_table_logs_style_in_a_list_entry_is_bracketed() {
        let text = "# P\n\n## Progress\n\n| Date | Evidence |\n| --- | --- |\n| 2026-07-01 09:00Z | Began. |\n\n- [ ] Finish.\n";
        let plan = planlint_parser::parse(text);
        let s = stamp(Some(&plan), Dialect::Canonical, utc(2026, 12, 2, 4, 30));
        assert_eq!(s, "(2026-12-02 04:30Z) ");
    }

    /// A named zone inside the brackets: the new stamp closes its bracket.
    #[test]
    fn a_named_zone_keeps_the_brackets_closed() {
        let text = "# P\n\n## Progress\n\n- [x] (2026-06-16 Europe/Moscow) Began.\n";
        let plan = planlint_parser::parse(text);
        let s = stamp(Some(&plan), Dialect::Canonical, utc(2026, 12, 2, 4, 30));
        assert_eq!(s, "(2026-12-02) ");
    }
}
