//! `--fix` and `--diff` end to end: on a copy of every fixture, byte preservation, idempotence,
//! permissions, symbolic links, standard input.

use std::path::Path;

use serde_json::Value;

mod common;
use common::{planlint_in, repo_root};

/// A project holding a copy of `fixtures/` (plans only: no snapshots, no base or fixed files).
fn fixtures_copy() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let src = repo_root().join("fixtures");
    let mut files = Vec::new();
    for sub in std::fs::read_dir(&src).unwrap() {
        let sub = sub.unwrap().path();
        if !sub.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&sub).unwrap() {
            let f = f.unwrap().path();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".md") || name.ends_with(".base.md") || name.ends_with(".fixed.md") {
                continue;
            }
            let rel = format!(
                "fixtures/{}/{name}",
                sub.file_name().unwrap().to_string_lossy()
            );
            let to = dir.path().join(&rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&f, &to).unwrap();
            files.push(rel);
        }
    }
    files.sort();
    (dir, files)
}

fn fixable(dir: &Path) -> usize {
    let out = planlint_in(dir)
        .args(["--format", "json", "fixtures"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["fixable"] == true)
        .count()
}

#[test]
fn fix_on_a_copy_of_the_fixtures_fixes_everything_fixable_and_nothing_else() {
    let (dir, files) = fixtures_copy();
    assert!(fixable(dir.path()) >= 5);
    let out = planlint_in(dir.path())
        .args(["--fix", "--format", "concise", "fixtures"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("; fixed "), "{stdout}");
    assert_eq!(fixable(dir.path()), 0, "fixable findings remain");
    // Each file is now byte for byte its reviewed `.fixed.md`, or untouched.
    for rel in &files {
        let now = std::fs::read(dir.path().join(rel)).unwrap();
        let expected_fixed = repo_root().join(rel.replace(".md", ".fixed.md"));
        let expected = std::fs::read(&expected_fixed)
            .unwrap_or_else(|_| std::fs::read(repo_root().join(rel)).unwrap());
        assert!(now == expected, "{rel} differs from what was expected");
    }
    // A second run changes nothing.
    let out = planlint_in(dir.path())
        .args(["--fix", "--format", "concise", "fixtures"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains("; fixed "));
    for rel in &files {
        let expected_fixed = repo_root().join(rel.replace(".md", ".fixed.md"));
        let expected = std::fs::read(&expected_fixed)
            .unwrap_or_else(|_| std::fs::read(repo_root().join(rel)).unwrap());
        assert!(std::fs::read(dir.path().join(rel)).unwrap() == expected);
    }
}

#[test]
fn diff_prints_what_fix_would_do_and_changes_nothing() {
    let (dir, files) = fixtures_copy();
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(dir.path().join(f)).unwrap())
        .collect();
    let out = planlint_in(dir.path())
        .args(["--diff", "fixtures/checkbox-syntax/bad.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(diff.starts_with(
        "--- a/fixtures/checkbox-syntax/bad.md\n+++ b/fixtures/checkbox-syntax/bad.md\n@@"
    ));
    assert!(diff.contains("\n--[x] Create the diagram.\n"));
    assert!(diff.contains("\n+- [x] Create the diagram.\n"));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("Would fix 4 findings in 1 file"));
    for (f, b) in files.iter().zip(&before) {
        assert!(
            &std::fs::read(dir.path().join(f)).unwrap() == b,
            "{f} changed"
        );
    }
    // Nothing to fix: no output, exit 0, even with errors present.
    planlint_in(dir.path())
        .args(["--diff", "-q", "fixtures/timestamp-order/bad.md"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn fix_keeps_crlf_bom_trailing_space_permissions_and_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    let text = "\u{feff}# Plan\r\n\r\n## Progress\r\n\r\n- [X ] (2025-01-01 10:00Z) été  \r\n- [ ] ouvert\t\r\n";
    let real = dir.path().join("plans/real.md");
    std::fs::write(&real, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        std::os::unix::fs::symlink("real.md", dir.path().join("plans/link.md")).unwrap();
    }
    planlint_in(dir.path())
        .args([
            "--fix",
            "-q",
            "--select",
            "checkbox-syntax",
            "plans/link.md",
        ])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        text.replace("[X ]", "[x]")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert!(std::fs::symlink_metadata(dir.path().join("plans/link.md"))
            .unwrap()
            .file_type()
            .is_symlink());
    }
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("plans"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("planlint")), "{names:?}");
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = planlint_in(dir.path())
        .args(["--fix", "--select", "checkbox-syntax", "-"])
        .write_stdin("# Plan\n\n## Progress\n\n-[x]glued\n- [] open\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "# Plan\n\n## Progress\n\n- [x] glued\n- [ ] open\n"
    );
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("fixed 2 findings in 1 file"));
    // Not UTF-8: refuse rather than print nothing.
    planlint_in(dir.path())
        .args(["--fix", "-"])
        .write_stdin(&b"# Plan\n\xff\xfe\n"[..])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn fix_and_diff_conflict() {
    let dir = tempfile::tempdir().unwrap();
    planlint_in(dir.path())
        .args(["--fix", "--diff", "-"])
        .assert()
        .code(2);
}

#[test]
fn a_fuzzed_renumbering_input_settles_in_one_run() {
    // An input the fuzzer found: its renumbering fixes used to undo each other, because a lone
    // CR in it put every position after it a line off; now they settle, with nothing refused
    // (the engine's refusal of fixes that do not settle has its own test in the rules crate).
    // Its NUL bytes (which would make the file an `encoding` error, never fixed) become U+001A,
    // which is what the parser reads in their place anyway.
    let input: Vec<u8> = std::fs::read(
        repo_root().join("crates/planlint-rules/tests/regressions/fuzz-fix-renumbering-cycle.md"),
    )
    .unwrap()
    .into_iter()
    .map(|b| if b == 0 { 0x1a } else { b })
    .collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("plans/x.md"), &input).unwrap();
    let out = planlint_in(dir.path())
        .args(["--fix", "--format", "concise", "plans/x.md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("refused"), "{stderr}");
    // A second run changes nothing.
    let first = std::fs::read(dir.path().join("plans/x.md")).unwrap();
    planlint_in(dir.path())
        .args(["--fix", "-q", "plans/x.md"])
        .output()
        .unwrap();
    assert!(std::fs::read(dir.path().join("plans/x.md")).unwrap() == first);
}
