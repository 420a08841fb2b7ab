//! The language server end to end, through clients no one here wrote: pytest-lsp (a pytest
//! plugin, `tests/lsp/test_server.py`) and Neovim's built-in LSP client (`tests/lsp/nvim.lua`).
//! `.ci/run` installs both; elsewhere a missing client is said and the test is skipped, except
//! under CI, where it fails.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn missing(what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is not installed; .ci/run installs it");
    }
    eprintln!("skipped: {what} is not installed (`bash .ci/run` installs it)");
}

/// Run a command with a time limit; its status and output.
fn run(mut cmd: Command, limit: Duration) -> (bool, String) {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            return (status.success(), text);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            return (
                false,
                format!("timed out\n{}", String::from_utf8_lossy(&out.stdout)),
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn tests_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lsp"))
}

#[test]
fn pytest_lsp_drives_the_server() {
    let has = Command::new("python3")
        .args(["-c", "import pytest_lsp"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        return missing("pytest-lsp (pip install pytest-lsp)");
    }
    let mut cmd = Command::new("python3");
    cmd.args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(tests_dir())
        .env("PLANLINT_BIN", env!("CARGO_BIN_EXE_planlint"));
    let (ok, out) = run(cmd, Duration::from_secs(300));
    assert!(ok, "{out}");
    assert!(out.contains(" passed"), "{out}");
}

#[test]
fn neovim_shows_the_diagnostics_where_they_belong() {
    let has = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        return missing("Neovim (apt-get install neovim)");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    // CJK, an emoji (two UTF-16 units, four bytes) and CRLF line ends before the finding.
    let plan = "# 計画 😀\r\n\r\n## 目的\r\n\r\n絵文字 😀 と日本語。\r\n\r\n## 進捗\r\n\r\n- [x] (2025-09-01 09:00Z) 😀 読んだ。\r\n- [X ] 😀😀 書いた。\r\n";
    let path = dir.path().join("plans/plan.md");
    std::fs::write(&path, plan).unwrap();
    let out = dir.path().join("diagnostics.txt");
    let mut cmd = Command::new("nvim");
    cmd.args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            tests_dir().join("nvim.lua").display()
        ))
        .env("PLANLINT_BIN", env!("CARGO_BIN_EXE_planlint"))
        .env("PLAN", &path)
        .env("OUT", &out)
        .current_dir(dir.path());
    let (ok, log) = run(cmd, Duration::from_secs(60));
    assert!(ok, "{log}");
    let found = std::fs::read_to_string(&out).unwrap_or_default();
    // `- [X ]` on line 10 (0-based 9), bytes 0 to 6.
    assert!(
        found.lines().any(|l| l == "checkbox-syntax 9 0 6"),
        "{found}\n{log}"
    );
    // The title's findings start after `# ` and end after the emoji: byte 2 to 13.
    assert!(
        found.lines().any(|l| l == "required-section 0 2 13"),
        "{found}\n{log}"
    );
}
