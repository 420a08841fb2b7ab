//! Any text reads as a spec without a panic: the skeletons, the required list (each name at a
//! line of the text), statuses, places, and the plan-scope tests the walk asks of a file. The
//! spec reader slices prose in many shapes and scripts, which is where offsets go wrong.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planlint_rules::spec;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = text.lines().count().max(1);
    let read = spec::Spec::read(&text);
    for r in read.required.iter().flatten() {
        assert!(r.line >= 1 && r.line <= lines);
    }
    for s in &read.statuses {
        assert!(s.line >= 1 && s.line <= lines);
    }
    let _ = spec::is_spec(&text);
    let _ = spec::is_plan_itself(&text);
    let _ = spec::not_a_plan(&text, &["goal".to_string()]);
    let _ = spec::declares_execplan(&text);
    let _ = spec::has_plan_skeleton(&text);
    let inner = spec::unwrapped(&text);
    assert!(inner.len() <= text.len());
    let mut s = read;
    s.read_template(&text, "TEMPLATE.md");
    let mut settings = planlint_rules::Settings::default();
    planlint_rules::contract::apply_spec(&s, &mut settings);
});
