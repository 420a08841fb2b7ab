//! Hostile input never panics and the model stays sane: deep nesting (comrak's recursion is
//! guarded), long lines, huge logs, odd bytes at odd places.

use planlint_parser::{parse, BoxState, Stamp};

fn sane(text: &str) {
    let plan = parse(text);
    for s in &plan.sections {
        assert!(
            s.heading.end <= text.len() && s.body.start <= s.body.end && s.body.end <= text.len()
        );
        assert!(
            text.is_char_boundary(s.title_span.start) && text.is_char_boundary(s.title_span.end)
        );
    }
    for b in &plan.checkboxes {
        assert!(text.is_char_boundary(b.marker.start) && text.is_char_boundary(b.marker.end));
    }
    for e in &plan.progress {
        assert!(e.span.end <= text.len());
    }
    let _ = plan.position(text.len());
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
