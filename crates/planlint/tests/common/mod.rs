//! Helpers shared by the CLI's integration tests: the repository root, temporary projects, and
//! the binary with a fixed "now".
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A temporary project (it has `.git`, so it is its own root) with files written into it.
pub fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

/// The binary, run in `dir`, with "now" fixed at 2026-11-25T00:00:00Z and colours left to the
/// flags.
pub fn planlint_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("planlint").unwrap();
    cmd.current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795564800")
        .env_remove("NO_COLOR");
    cmd
}

/// What a command printed on standard output.
pub fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

/// Run git in `dir` with a fixed identity and no user or system configuration; panics with
/// git's message when it fails.
pub fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=planlint tests",
            "-c",
            "user.email=tests@planlint.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `file:line severity rule` for every finding of a JSON report.
pub fn findings(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{} {} {}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap()
            )
        })
        .collect()
}
