//! Determinism and read-only runs on generated folders of plans: the JSON report is identical
//! byte for byte across thread counts and runs, and a run without `--fix` changes no file.

use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;

const LINES: &[&str] = &[
    "# Title",
    "## Progress",
    "## Decision Log",
    "## 1. Metadata",
    "## 3. Plan of work",
    "- [x] (2025-10-01 13:00Z) done",
    "- [x] (2025-09-01 13:00Z) earlier",
    "- [ ] open",
    "- [X ] bad",
    "-[x] glued",
    "- [2025-11-16 12:00] numbered",
    "- Decision: do it",
    "  Rationale: why",
    "- Status: compelte",
    "- Last updated: 2025-01-01",
    "`src/missing.rs`",
    "TBD",
    "é 🦀 計画",
    "",
];

fn folder() -> impl Strategy<Value = Vec<(String, bool, bool)>> {
    proptest::collection::vec(
        (
            proptest::collection::vec(proptest::sample::select(LINES), 0..30)
                .prop_map(|l| l.join("\n")),
            any::<bool>(),
            any::<bool>(),
        ),
        1..8,
    )
}

fn planlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("planlint").unwrap();
    cmd.current_dir(dir).env("SOURCE_DATE_EPOCH", "1795564800");
    cmd
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("plans"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn reports_are_identical_across_threads_and_runs_and_nothing_is_written(plans in folder()) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join("plans")).unwrap();
        for (i, (text, crlf, bom)) in plans.iter().enumerate() {
            let mut t = if *crlf { text.replace('\n', "\r\n") } else { text.clone() };
            if *bom {
                t.insert(0, '\u{feff}');
            }
            std::fs::write(dir.path().join(format!("plans/p{i}.md")), t).unwrap();
        }
        let before = snapshot(dir.path());
        let run = |threads: &str, format: &str| {
            planlint(dir.path())
                .args(["--threads", threads, "--format", format, "plans"])
                .output()
                .unwrap()
        };
        let one = run("1", "json");
        let two = run("2", "json");
        let again = run("2", "json");
        prop_assert_eq!(&one.stdout, &two.stdout);
        prop_assert_eq!(&two.stdout, &again.stdout);
        prop_assert_eq!(one.status.code(), two.status.code());
        prop_assert_eq!(run("1", "human").stdout, run("2", "human").stdout);
        prop_assert_eq!(run("1", "sarif").stdout, run("2", "sarif").stdout);
        // `--diff` and the plain run leave every byte where it was.
        let _ = run("2", "concise");
        let _ = planlint(dir.path()).args(["--diff", "plans"]).output().unwrap();
        prop_assert_eq!(before, snapshot(dir.path()));
    }
}
