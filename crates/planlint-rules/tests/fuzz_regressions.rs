//! Inputs that once broke a fuzz target (`fuzz/`), kept byte for byte in `tests/regressions/`:
//! linting never panics, fixing settles (a second fix changes nothing, and no fix is a no-op),
//! and every byte outside the fixes' lines survives. Add every new crash here.

use planlint_rules::{fix_str, lint_bytes, FileInput, NoProject, Settings};

fn input() -> FileInput<'static> {
    FileInput {
        path: Some("plans/x.md"),
        now: chrono::DateTime::from_timestamp(1_795_564_800, 0).unwrap(),
        project: &NoProject,
        base: None,
    }
}

#[test]
fn fuzz_regressions_lint_and_fix_cleanly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let _ = lint_bytes(&bytes, input(), &Settings::default());
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let fixed = fix_str(text, input(), &Settings::default());
            assert_eq!(
                text.matches('\n').count(),
                fixed.text.matches('\n').count(),
                "{}",
                path.display()
            );
            let again = fix_str(&fixed.text, input(), &Settings::default());
            assert_eq!(
                again.applied,
                0,
                "{}: a second fix changed something",
                path.display()
            );
            assert_eq!(again.text, fixed.text);
        }
        n += 1;
    }
    assert!(n >= 1);
}

#[test]
fn a_box_glued_to_a_multibyte_character_gets_its_space() {
    let text = "# P\n\n## Progress\n\n- [X]产物 done\n";
    let fixed = fix_str(text, input(), &Settings::default());
    assert_eq!(fixed.text, "# P\n\n## Progress\n\n- [x] 产物 done\n");
    assert_eq!(
        fix_str(&fixed.text, input(), &Settings::default()).applied,
        0
    );
}

/// A lone `\r` ends a line for comrak; the line index counted it as text, so every position
/// after it pointed one line off and glued boxes were fixed one per run.
#[test]
fn a_lone_carriage_return_ends_a_line() {
    let text = "n\r Ei\n -[x] ec\n\n -[x] ci\n -[x] ";
    let fixed = fix_str(text, input(), &Settings::default());
    assert_eq!(fixed.applied, 3);
    assert_eq!(fixed.text, "n\r Ei\n - [x] ec\n\n - [x] ci\n - [x] ");
    assert_eq!(
        fix_str(&fixed.text, input(), &Settings::default()).applied,
        0
    );
}
