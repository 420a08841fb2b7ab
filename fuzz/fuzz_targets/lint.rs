//! Parse plus every rule: no panic, every diagnostic and fix inside the text on character
//! boundaries, and the same input gives the same diagnostics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planlint_rules::{lint_bytes, FileInput, NoProject, Settings};

fuzz_target!(|data: &[u8]| {
    let now = chrono::DateTime::from_timestamp(1_795_564_800, 0).unwrap();
    let input = FileInput { path: Some("plans/x.md"), now, project: &NoProject, base: None };
    let settings = Settings::default();
    let diags = lint_bytes(data, input, &settings);
    let text = String::from_utf8_lossy(data);
    for d in &diags {
        if d.rule == "encoding" {
            continue;
        }
        assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        for e in &d.fix {
            assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }
    assert_eq!(diags, lint_bytes(data, input, &settings));
    // The same text against itself as the base revision: nothing was rewritten.
    if let Ok(source) = std::str::from_utf8(data) {
        let with_base = FileInput {
            base: Some(planlint_rules::Base { rev: "BASE", source }),
            ..input
        };
        let history = lint_bytes(data, with_base, &settings);
        assert!(
            !history.iter().any(|d| matches!(d.rule, "progress-rewritten" | "decision-rewritten" | "checkbox-unchecked")),
            "a plan compared with itself reported a rewrite"
        );
    }
});
