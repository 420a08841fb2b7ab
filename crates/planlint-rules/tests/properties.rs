//! Property tests: plan-like text assembled from the fragments real plans are made of (and some
//! noise) never panics the parser or the rules, and every span of the model and of every
//! diagnostic lies inside the text on character boundaries, with or without BOM and CRLF; and
//! fixing changes nothing but box markers, numbers and dates, keeps every line ending and the
//! BOM, and is idempotent.

use chrono::{DateTime, Utc};
use planlint_parser::{parse, Stamp};
use planlint_rules::{fix_str, lint_str, FileInput, NoProject, Settings};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "# Title",
    "## Progress",
    "## 8. Progress",
    "## Decision Log",
    "## 1. Metadata",
    "## Status",
    "### Sub",
    "- [x] (2025-10-01 13:00Z) done",
    "- [ ] open",
    "- [X ] bad",
    "-[x] glued",
    "- [2025-11-16 12:00] numbered",
    "- [x] (YYYY-MM-DD HH:MMZ) placeholder",
    "  - [x] (2025-10-02) nested",
    "- Decision: do it",
    "  Rationale: why",
    "- Status: text-draft",
    "**Status:** Complete — prose",
    "> Status: `DONE`",
    "- Plan ID: plans/x.md",
    "- Last updated: 2025-13-01",
    "| Date | Decision | Rationale |",
    "| --- | --- | --- |",
    "| 1 | a | |",
    "```md",
    "```",
    "    indented code",
    "<!-- comment -->",
    "---",
    "status: done",
    "進捗",
    "## 決定ログ",
    "- 決定: はい",
    "  根拠: いいえ",
    "`src/lib.rs`",
    "`../../etc/passwd`",
    "TBD",
    "\t- tabbed",
    "",
    "   ",
    "> > > quoted",
    "1. one",
    "* star",
    "[link](x)",
    "é",
    "🦀",
    "- [x] 2026-04-09T12:36:09Z bare",
    "## 3. Progress",
    "## 5. Decision Log",
    "## 07. Outcomes & Retrospective",
    "- Last updated: 2025-01-01",
    "- [2026-02-01 10:00] late entry",
    "- [] empty box",
    "- [ x] shifted box  ",
    "* [X] star box",
    "- [x]产物 glued to a wide character",
    "-[X]é",
];

fn plan_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        8 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "\\PC{0,30}",
    ];
    (
        proptest::collection::vec(line, 0..60),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, bom, crlf)| {
            let sep = if crlf { "\r\n" } else { "\n" };
            let body = lines.join(sep);
            if bom {
                format!("\u{feff}{body}")
            } else {
                body
            }
        })
}

fn inside(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_lie_inside_the_text_on_char_boundaries(text in plan_text()) {
        let plan = parse(&text);
        for s in &plan.sections {
            prop_assert!(inside(&text, s.heading.start, s.heading.end));
            prop_assert!(inside(&text, s.title_span.start, s.title_span.end));
            prop_assert!(inside(&text, s.body.start, s.body.end));
        }
        for b in &plan.checkboxes {
            prop_assert!(inside(&text, b.marker.start, b.marker.end));
        }
        for e in &plan.progress {
            prop_assert!(inside(&text, e.span.start, e.span.end));
            match &e.stamp {
                Stamp::Valid { timestamp } => prop_assert!(inside(&text, timestamp.span.start, timestamp.span.end)),
                Stamp::Malformed { span, .. } => prop_assert!(inside(&text, span.start, span.end)),
                Stamp::None => {}
            }
        }
        for m in &plan.metadata {
            prop_assert!(inside(&text, m.value_span.start, m.value_span.end));
        }
        for s in &plan.statuses {
            prop_assert!(inside(&text, s.span.start, s.span.end));
        }
        for d in &plan.decisions {
            prop_assert!(inside(&text, d.span.start, d.span.end));
        }
        for r in &plan.references {
            prop_assert!(inside(&text, r.span.start, r.span.end));
        }
        for p in &plan.placeholders {
            prop_assert!(inside(&text, p.span.start, p.span.end));
            prop_assert_eq!(plan.text(p.span), p.word);
        }
        let _ = plan.position(text.len());
    }

    #[test]
    fn diagnostics_lie_inside_the_text_and_fixes_on_char_boundaries(text in plan_text()) {
        let now = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&Utc);
        let input = FileInput { path: Some("plans/x.md"), now, project: &NoProject, base: None };
        let diags = lint_str(&text, input, &Settings::default());
        for d in &diags {
            prop_assert!(inside(&text, d.span.start, d.span.end), "{} {:?}", d.rule, d.span);
            prop_assert!(!d.message.is_empty() && !d.message.ends_with('.'), "{}", d.message);
            for e in &d.fix {
                prop_assert!(inside(&text, e.span.start, e.span.end));
            }
        }
        // Deterministic: the same text gives the same diagnostics.
        prop_assert_eq!(diags, lint_str(&text, input, &Settings::default()));
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}") {
        let _ = parse(&text);
    }

    #[test]
    fn fixes_keep_every_other_byte_and_are_idempotent(text in plan_text()) {
        let now = DateTime::parse_from_rfc3339("2026-11-25T00:00:00Z").unwrap().with_timezone(&Utc);
        let input = FileInput { path: Some("plans/x.md"), now, project: &NoProject, base: None };
        let fixed = fix_str(&text, input, &Settings::default());
        prop_assert_eq!(text.starts_with('\u{feff}'), fixed.text.starts_with('\u{feff}'));
        let old: Vec<&str> = text.split_inclusive('\n').collect();
        let new: Vec<&str> = fixed.text.split_inclusive('\n').collect();
        prop_assert_eq!(old.len(), new.len());
        // What a fix may touch: box markers, the space after them, numbers, dates.
        let keep = |l: &str| -> String {
            l.chars().filter(|c| !" []xX-~!0123456789:TZ+.".contains(*c)).collect()
        };
        for (a, b) in old.iter().zip(&new) {
            prop_assert_eq!(a.ends_with("\r\n"), b.ends_with("\r\n"));
            prop_assert_eq!(keep(a), keep(b), "{:?} -> {:?}", a, b);
        }
        if fixed.refused.is_empty() {
            prop_assert!(fixed.remaining.iter().all(|d| d.fix.is_empty()));
        }
        let again = fix_str(&fixed.text, input, &Settings::default());
        prop_assert_eq!(again.applied, 0);
        prop_assert_eq!(again.text, fixed.text);
    }
}
