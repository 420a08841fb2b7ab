//! Any text parses, and every span of the model lies inside it on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planlint_parser::Stamp;

fn inside(text: &str, s: planlint_parser::Span) -> bool {
    s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let plan = planlint_parser::parse(&text);
    for s in &plan.sections {
        assert!(inside(&text, s.heading) && inside(&text, s.title_span) && inside(&text, s.body));
    }
    for b in &plan.checkboxes {
        assert!(inside(&text, b.marker));
    }
    for e in &plan.progress {
        assert!(inside(&text, e.span));
        if let Stamp::Valid { timestamp } = &e.stamp {
            assert!(inside(&text, timestamp.span));
        }
    }
    for m in &plan.metadata {
        assert!(inside(&text, m.key_span) && inside(&text, m.value_span));
    }
    for d in &plan.decisions {
        assert!(inside(&text, d.span));
    }
    for r in &plan.references {
        assert!(inside(&text, r.span));
    }
    let _ = plan.position(text.len());
});
