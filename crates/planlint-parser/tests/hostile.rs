//! Hostile input never panics and the model stays sane: deep nesting (comrak's recursion is
//! guarded), long lines, huge logs, odd bytes at odd places.

use planlint_parser::{parse, BoxState, Span, Stamp};

/// A span of `text`: in order, inside it, on character boundaries.
fn within(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what} span {span:?} of a {}-byte text",
        text.len()
    );
}

/// Every part of the model points at text that says what the part says.
fn sane(text: &str) {
    let plan = parse(text);
    if let Some(t) = &plan.title {
        within(text, t.span, "title");
        assert_eq!(plan.text(t.span), t.text);
    }
    for s in &plan.sections {
        within(text, s.heading, "heading");
        within(text, s.title_span, "section title");
        within(text, s.body, "section body");
        assert_eq!(plan.text(s.title_span), s.raw_title);
    }
    for b in &plan.checkboxes {
        within(text, b.marker, "checkbox");
        assert!(plan.text(b.marker).ends_with(b.raw), "{b:?}");
    }
    for e in &plan.progress {
        within(text, e.span, "Progress entry");
        assert!(plan.text(e.span).contains(e.text), "{e:?}");
        if let Some(t) = e.timestamp() {
            within(text, t.span, "timestamp");
        }
    }
    for m in &plan.metadata {
        within(text, m.key_span, "metadata key");
        within(text, m.value_span, "metadata value");
        assert_eq!(plan.text(m.key_span), m.key, "{m:?}");
        assert_eq!(plan.text(m.value_span), m.value, "{m:?}");
    }
    for st in &plan.statuses {
        within(text, st.span, "status");
        assert_eq!(plan.text(st.span), st.raw, "{st:?}");
    }
    for d in &plan.decisions {
        within(text, d.span, "decision");
        assert!(plan.text(d.span).contains(d.text), "{d:?}");
        if let Some(r) = d.rationale {
            within(text, r, "rationale");
        }
    }
    for r in &plan.references {
        within(text, r.span, "reference");
        assert!(plan.text(r.span).contains(r.path), "{r:?}");
    }
    for p in &plan.placeholders {
        within(text, p.span, "placeholder");
        assert_eq!(plan.text(p.span), p.word, "{p:?}");
    }
    for c in &plan.comments {
        within(text, c.span, "comment");
    }
    let _ = plan.position(text.len());
}

/// A plan tail with one of each part of the model. Put after hostile text, every part must
/// still be found: a part dropped or misplaced after odd input fails here, not only a panic.
const CANARY: &str = "\n\n# Canary\n\n## 1. Metadata\n\n- Plan ID: plans/c.md\n- Status: active\n- Related issues/PRs: TODO\n\n## 2. Progress\n\n- [x] (2025-01-01 10:00Z) Read `src/lib.rs`.\n\n## 3. Decision Log\n\n- Decision: keep it.\n  Rationale: it works.\n";

fn sane_with_canary(hostile: &str) {
    let text = format!("{hostile}{CANARY}");
    sane(&text);
    let plan = parse(&text);
    let tail = text.len() - CANARY.len();
    let after = |start: usize| start >= tail;
    assert!(
        plan.placeholders
            .iter()
            .any(|p| p.word == "TODO" && after(p.span.start)),
        "placeholder lost: {:?}",
        plan.placeholders
    );
    assert!(
        plan.references
            .iter()
            .any(|r| r.path == "src/lib.rs" && after(r.span.start)),
        "reference lost"
    );
    assert!(
        plan.decisions
            .iter()
            .any(|d| d.text == "keep it." && d.rationale.is_some() && after(d.span.start)),
        "decision lost: {:?}",
        plan.decisions
    );
    assert!(
        plan.metadata
            .iter()
            .any(|m| m.value == "plans/c.md" && after(m.value_span.start)),
        "metadata lost: {:?}",
        plan.metadata
    );
    assert!(
        plan.progress
            .iter()
            .any(|e| e.timestamp().is_some() && after(e.span.start)),
        "Progress entry lost"
    );
    assert!(
        plan.statuses
            .iter()
            .any(|st| st.value == "active" && after(st.span.start)),
        "status lost: {:?}",
        plan.statuses
    );
}

/// Every hostile shape of this file, followed by a plan: the plan is read whole after each.
/// (An unclosed HTML comment or fence rightly swallows what follows, so those are left out.)
#[test]
fn the_model_survives_hostile_text_before_it() {
    let prefixes = [
        format!("# T\n\n{} deep quote", ">".repeat(50_000)),
        format!("# T\n\n## Progress\n\n{}x", "- ".repeat(50_000)),
        format!("# T\n\n{}x", "> - ".repeat(25_000)),
        format!("# T\n\n{}x", "- [ ] ".repeat(20_000)),
        format!("# T\n\n{}{}", "[".repeat(50_000), "]".repeat(50_000)),
        format!("# T\n\n{}", "*".repeat(50_000)),
        format!("# T\n\n{}", "x".repeat(1_000_000)),
        "\u{feff}# 計画\r\n\r\n## 進捗\r\n\r\n- [X ] 全角テキスト\r\n".to_string(),
        "# T\n\0\0\0 TODO é\n\nTBD \0é TODO".to_string(),
        "# T\r\rlone\rcarriage returns\r".to_string(),
        "|a|b|\n|-|-|\n|`x/y.md`|TODO|".to_string(),
        String::new(),
    ];
    for prefix in &prefixes {
        sane_with_canary(prefix);
    }
}

#[test]
fn fifty_thousand_nested_quotes() {
    let text = format!(
        "# T\n\n## Progress\n\n{} - [x] (2025-01-01) deep\n",
        ">".repeat(50_000)
    );
    sane(&text);
    let lines = (1..3000)
        .map(|i| format!("{} x\n", ">".repeat(i)))
        .collect::<String>();
    sane(&format!("# T\n\n{lines}"));
}

#[test]
fn fifty_thousand_nested_lists() {
    sane(&format!("# T\n\n## Progress\n\n{}x\n", "- ".repeat(50_000)));
    sane(&format!("# T\n\n{}x\n", "1. ".repeat(50_000)));
    sane(&format!("# T\n\n{}x\n", "> - ".repeat(25_000)));
    sane(&format!("# T\n\n{}x\n", "- [ ] ".repeat(20_000)));
    let indented = (0..2000)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect::<String>();
    sane(&format!("# T\n\n## Progress\n\n{indented}"));
}

#[test]
fn pathological_inlines() {
    sane(&format!(
        "# T\n\n{}{}\n{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000),
        "*".repeat(50_000)
    ));
    sane(&format!("# T\n\n{}\n", "`".repeat(100_001)));
    sane(&format!("# T\n\n<!--{}\n", "-".repeat(100_000)));
}

#[test]
fn empty_and_whitespace_and_lone_markers() {
    for text in [
        "",
        "\n",
        "\u{feff}",
        "\u{feff}\r\n",
        "   \t \n\n",
        "#",
        "##",
        "- [",
        "- [x",
        "---",
        "---\n",
        "```md",
        "```md\n```",
        "|a|\n|-|",
    ] {
        sane(text);
    }
}

#[test]
fn crlf_and_multibyte_spans_stay_on_character_boundaries() {
    let text = "\u{feff}# 計画\r\n\r\n## 進捗\r\n\r\n- [X ] 全角テキスト\r\n- [x] （2026-03-01 10:00）完了\r\n";
    sane(text);
    let plan = parse(text);
    let bad = plan
        .checkboxes
        .iter()
        .find(|b| b.state == BoxState::Malformed)
        .unwrap();
    assert_eq!(plan.text(bad.marker), "- [X ]");
    assert_eq!(plan.position(bad.marker.start).line, 5);
    let e = plan
        .progress
        .iter()
        .find(|e| matches!(e.stamp, Stamp::Valid { .. }))
        .unwrap();
    let t = e.timestamp().unwrap();
    assert_eq!(plan.text(t.span), "2026-03-01 10:00");
}

#[test]
fn a_long_progress_log_parses_in_one_pass() {
    let mut text = String::from("# Big\n\n## Progress\n\n");
    for i in 0..200_000 {
        text.push_str(&format!(
            "- [x] (2025-01-01 {:02}:{:02}Z) entry {i}\n",
            i / 60 % 24,
            i % 60
        ));
    }
    let plan = parse(&text);
    assert_eq!(plan.progress.len(), 200_000);
    assert!(plan.progress.iter().all(|e| e.timestamp().is_some()));
}

/// Inputs that once crashed a fuzz target (`fuzz/`), kept byte for byte: each must parse to a
/// sane model. Add every new crash here.
#[test]
fn fuzz_regressions_parse() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        sane(&String::from_utf8_lossy(&bytes));
        n += 1;
    }
    assert!(n >= 1);
}

#[test]
fn nul_bytes_before_a_placeholder_do_not_shift_it_off_a_char_boundary() {
    // comrak replaces NUL by U+FFFD (three bytes), so its text and the source disagree on offsets.
    sane("# T\n\0\0\0 TODO é\n\nTBD \0é TODO\n");
}
