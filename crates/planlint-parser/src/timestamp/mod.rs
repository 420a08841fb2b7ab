//! Timestamps of Progress entries: every shape seen in real plans, and how two of them compare.
//!
//! Handles `(2025-10-01 13:00Z)`, `[2025-11-16 12:00]`, `2026-04-09T12:36:09Z`, date only, with
//! seconds, with `+09:00`, with a zone abbreviation or an IANA name, a note after the date inside
//! the parentheses, and a date at the end of an entry (`(completed 2024-12-25)`, `— 2026-08-01`).
//! Placeholders (`(YYYY-MM-DD HH:MMZ)`) and impossible dates are reported as malformed.
//!
//! This module holds the types and how two timestamps compare; `read` finds and reads a stamp
//! in an entry's text, `zone` reads the zone after a time.

use std::cmp::Ordering;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use schemars::JsonSchema;
use serde::Serialize;

mod read;
mod zone;

pub use read::{find_in_entry, leading, trailing};
pub use zone::Zone;

use crate::span::Span;

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

#[cfg(test)]
mod tests {
    use super::read::{bracketed_canonical, find_in_entry_general};
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
            valid("The suite passed on 2026-08-09.").date.to_string(),
            "2026-08-09"
        );
        assert!(valid("Reviewed at 2026-08-09 14:10Z").time.is_some());
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
        // A date inside the sentence, or glued to a word, is not the entry's timestamp.
        assert_eq!(
            find_in_entry("Rolled back on 2026-08-09 to investigate", 0),
            Stamp::None
        );
        assert_eq!(find_in_entry("Tagged v2026-08-09", 0), Stamp::None);
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
