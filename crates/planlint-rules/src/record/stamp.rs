//! The plan's timestamp style: how a new Progress entry's stamp is written (brackets, separator,
//! `T`, seconds, zone), read from the plan's last stamped entry, else the dialect's default; and
//! `Last updated` bumped in the field's own format. One definition for `log`, `tick`, `new` and
//! the editor's completion.

use chrono::{DateTime, FixedOffset, Utc};
use planlint_parser::{Dialect, MetaKey, Plan, SectionKind, Timestamp, Zone};

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
        let sec = plan
            .sections
            .iter()
            .position(|s| s.kind == Some(SectionKind::Progress))?;
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
        let after = &entry_text[at + raw.len()..];
        let close_len = after
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric() || *c == '`' || *c == '*')
            .map_or(after.len(), |(i, _)| i);
        let mut close = after[..close_len].to_string();
        if !close.ends_with(' ') {
            close.push(' ');
        }
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
        let offset = self.zone.as_ref().map_or(0, |z| z.1);
        let zone = FixedOffset::east_opt(offset).unwrap_or(FixedOffset::east_opt(0).unwrap());
        let local = now.with_timezone(&zone);
        let mut s = local.format("%Y-%m-%d").to_string();
        if self.date_only {
            return s;
        }
        s.push(if self.t { 'T' } else { ' ' });
        let clock = if self.seconds { "%H:%M:%S" } else { "%H:%M" };
        s.push_str(&local.format(clock).to_string());
        if let Some((z, _)) = &self.zone {
            s.push_str(z);
        }
        s
    }

    /// The stamp at `now` with what stands around it.
    pub(super) fn wrap(&self, now: DateTime<Utc>) -> String {
        format!("{}{}{}", self.open, self.format(now), self.close)
    }
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
