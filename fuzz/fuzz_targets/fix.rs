//! Fixing: the fixed text parses to the same shape, keeps every line ending, and fixing it
//! again changes nothing.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planlint_rules::{fix_str, FileInput, NoProject, Settings};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let now = chrono::DateTime::from_timestamp(1_795_564_800, 0).unwrap();
    let input = FileInput { path: Some("plans/x.md"), now, project: &NoProject, base: None };
    let settings = Settings::default();
    let fixed = fix_str(text, input, &settings);
    assert_eq!(text.matches('\n').count(), fixed.text.matches('\n').count(), "line count changed");
    assert_eq!(text.matches("\r\n").count(), fixed.text.matches("\r\n").count(), "line endings changed");
    assert_eq!(text.starts_with('\u{feff}'), fixed.text.starts_with('\u{feff}'));
    let again = fix_str(&fixed.text, input, &settings);
    assert_eq!(again.applied, 0, "a second fix changed something");
    assert_eq!(again.text, fixed.text);
});
