//! The CI and editor ecosystem: SARIF checked against the official SARIF 2.1.0 schema, GitHub
//! workflow commands and their escaping, shell completions, the man page, and the pre-commit
//! hook definition run the way pre-commit runs it.

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::{project, repo_root, stdout};

fn planlint() -> Command {
    let mut cmd = Command::cargo_bin("planlint").unwrap();
    cmd.env("SOURCE_DATE_EPOCH", "1795564800")
        .env_remove("NO_COLOR");
    cmd
}

const BROKEN_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

/// Remove every `"pattern": pattern` keyword; how many were removed.
fn drop_pattern(v: &mut Value, pattern: &str) -> usize {
    match v {
        Value::Object(map) => {
            let mut n = 0;
            if map.get("pattern").and_then(Value::as_str) == Some(pattern) {
                map.remove("pattern");
                n += 1;
            }
            n + map
                .values_mut()
                .map(|c| drop_pattern(c, pattern))
                .sum::<usize>()
        }
        Value::Array(items) => items.iter_mut().map(|c| drop_pattern(c, pattern)).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_of_every_fixture_validates_against_the_official_schema() {
    let root = repo_root();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schemas/sarif-2.1.0.json")).unwrap(),
    )
    .unwrap();
    // The published schema (kept byte for byte) has a known-malformed BCP-47 pattern with a
    // stray `]` for the `language` properties, which no strict regex engine compiles. Drop
    // exactly those keywords; they constrain properties planlint does not write.
    let mut schema = schema;
    let dropped = drop_pattern(&mut schema, BROKEN_LANGUAGE_PATTERN);
    assert_eq!(
        dropped, 2,
        "the official schema changed; review this workaround"
    );
    let validator = jsonschema::validator_for(&schema).unwrap();
    let out = planlint()
        .current_dir(&root)
        .args(["--format", "sarif", "fixtures"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the bad fixtures have errors");
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The same findings as the JSON report, each pointing at its rule in the driver's list.
    let report: Value = serde_json::from_slice(
        &planlint()
            .current_dir(&root)
            .args(["--format", "json", "fixtures"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    let diags = report["diagnostics"].as_array().unwrap();
    assert!(results.len() > 100);
    assert_eq!(results.len(), diags.len());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), planlint_rules::RULES.len());
    for (r, d) in results.iter().zip(diags) {
        assert_eq!(r["ruleId"], d["rule"]);
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            d["rule"]
        );
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], d["line"]);
        assert_eq!(region["startColumn"], d["column"]);
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            d["file"]
        );
    }
    for rule in rules {
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(
                !rule[key]["text"].as_str().unwrap().is_empty(),
                "{} lacks {key}",
                rule["id"]
            );
        }
        assert!(matches!(
            rule["defaultConfiguration"]["level"].as_str(),
            Some("error" | "warning")
        ));
    }
}

#[test]
fn sarif_uris_are_relative_to_the_project_root_and_percent_encoded() {
    let dir = project(&[("plans/my plan#1.md", b"no title\n")]);
    let out = planlint()
        .current_dir(dir.path().join("plans"))
        .args(["--format", "sarif", "my plan#1.md"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"];
    assert_eq!(uri, "plans/my%20plan%231.md");
}

/// GitHub's runner decodes `%0D`, `%0A`, `%3A`, `%2C` and then `%25`.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_annotations_escape_and_round_trip() {
    let plan = "# A plan\n\n## 1. Metadata\n\n- Plan ID: plans/100%.md\n\n## 2. Purpose and big picture\n\nx\n";
    let dir = project(&[("plans/a,b:c.md", plan.as_bytes())]);
    let out = planlint()
        .current_dir(dir.path())
        .args(["--format", "github", "--select", "plan-id-path"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let line = lines.next().unwrap();
    assert_eq!(lines.next(), Some("1 error, 0 warnings in 1 file"));
    assert_eq!(lines.next(), None);

    let rest = line.strip_prefix("::error ").unwrap();
    let (props, data) = rest.split_once("::").unwrap();
    assert!(!data.contains(['\r', '\n']));
    let props: Vec<(&str, String)> = props
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k, unescape(v))
        })
        .collect();
    assert_eq!(
        props,
        [
            ("file", "plans/a,b:c.md".to_string()),
            ("line", "5".to_string()),
            ("col", "12".to_string()),
            ("endLine", "5".to_string()),
            ("endColumn", "25".to_string()),
            ("title", "planlint(plan-id-path)".to_string()),
        ]
    );
    // The message (with its help on a second line) is the JSON report's, byte for byte.
    let report: Value = serde_json::from_slice(
        &planlint()
            .current_dir(dir.path())
            .args(["--format", "json", "--select", "plan-id-path"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let d = &report["diagnostics"][0];
    let expected = format!(
        "{}\nhelp: {}",
        d["message"].as_str().unwrap(),
        d["help"].as_str().unwrap()
    );
    assert!(expected.contains('%') && expected.contains('\n'));
    assert_eq!(unescape(data), expected);
}

#[test]
fn warnings_are_warning_commands() {
    let dir = project(&[(
        "plans/a.md",
        b"# Plan\n\n## Progress\n\n- [x] (2025-01-01 10:00Z) Did `src/nowhere.rs`.\n",
    )]);
    let text = stdout(planlint().current_dir(dir.path()).args([
        "--format",
        "github",
        "--select",
        "missing-reference",
    ]));
    assert!(
        text.starts_with("::warning file=plans/a.md,line=5,col=31,"),
        "{text}"
    );
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = planlint().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["planlint", "base", "changed-since", "explain"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
        if matches!(shell, "bash" | "zsh" | "fish") {
            assert!(
                script.contains("sarif"),
                "{shell} does not complete format values"
            );
        }
    }
    // The bash script is valid bash.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planlint.bash");
    std::fs::write(&path, stdout(planlint().args(["completions", "bash"]))).unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status();
    if let Ok(status) = status {
        assert!(status.success(), "bash -n rejects the completion script");
    }
    planlint().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_documents_every_flag() {
    let page = stdout(planlint().arg("manpage"));
    assert!(
        page.contains(".TH planlint 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for flag in [
        "format",
        "base",
        "changed\\-since",
        "force\\-exclude",
        "deny\\-warnings",
        "stdin\\-filename",
        "completions",
        "explain",
    ] {
        assert!(page.contains(flag), "man page lacks {flag}");
    }
    // Rendered by groff where it is installed.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planlint.1");
    std::fs::write(&path, &page).unwrap();
    if let Ok(out) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww"])
        .arg(&path)
        .output()
    {
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("planlint"));
    }
}

/// The hook definition, read as the flat `key: value` mapping it is.
fn hook() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let l = l.trim_start_matches("- ").trim();
            let (k, v) = l.split_once(": ").unwrap();
            (k.to_string(), v.trim_matches('"').to_string())
        })
        .collect()
}

#[test]
fn the_pre_commit_hook_runs_planlint_on_the_plans_among_the_files_passed() {
    let hook = hook();
    let get = |key: &str| {
        hook.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("hook lacks {key}"))
    };
    assert_eq!(get("id"), "planlint");
    assert_eq!(get("language"), "rust");
    assert_eq!(get("files"), r"\.md$");
    let entry: Vec<&str> = get("entry").split_whitespace().collect();
    assert_eq!(entry[0], "planlint-hook");

    // The binary pre-commit installs is planlint itself, from the package at the root.
    let manifest = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("[package]") && manifest.contains("name = \"planlint-hook\""));
    let main = std::fs::read_to_string(repo_root().join("crates/planlint/hook/main.rs")).unwrap();
    assert!(main.contains("planlint::run()"));

    // pre-commit runs `entry args… files…` with every staged Markdown file.
    let good =
        std::fs::read_to_string(repo_root().join("fixtures/decision-shape/good.md")).unwrap();
    let dir = project(&[
        ("README.md", b"# Not a plan\n" as &[u8]),
        ("docs/guide.md", b"# Also not a plan\n"),
        ("plans/good.md", good.as_bytes()),
        (
            "plans/bad.md",
            b"# Broken plan\n\n## Progress\n\n- [X ] broken box\n",
        ),
    ]);
    let files = [
        "README.md",
        "docs/guide.md",
        "plans/good.md",
        "plans/bad.md",
    ];
    let out = planlint()
        .current_dir(dir.path())
        .args(&entry[1..])
        .args(["--format", "concise"])
        .args(files)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.ends_with("in 2 files\n"), "{text}");
    assert!(text.contains("plans/bad.md:5:1: error[checkbox-syntax]"));
    assert!(!text.contains("README.md") && !text.contains("guide.md"));

    // Only files outside the plans: nothing to lint, success.
    planlint()
        .current_dir(dir.path())
        .args(&entry[1..])
        .args(["README.md", "docs/guide.md"])
        .assert()
        .code(0)
        .stdout("0 errors, 0 warnings in 0 files\n");

    // With `include` configured, it decides.
    std::fs::write(
        dir.path().join("planlint.toml"),
        "include = [\"docs/**\"]\n",
    )
    .unwrap();
    let text = stdout(
        planlint()
            .current_dir(dir.path())
            .args(&entry[1..])
            .args(["--format", "concise"])
            .args(files),
    );
    assert!(text.ends_with("in 1 file\n"), "{text}");
    assert!(text.contains("docs/guide.md"));
}

#[test]
fn the_action_and_the_workflow_use_the_documented_commands() {
    let root = repo_root();
    let action = std::fs::read_to_string(root.join(".github/actions/planlint/action.yml")).unwrap();
    assert!(action.contains("using: composite"));
    assert!(action.contains("--format github"));
    assert!(action.contains("--format sarif"));
    let install =
        std::fs::read_to_string(root.join(".github/actions/planlint/install.sh")).unwrap();
    assert!(action.contains("install.sh") && install.contains("cargo install"));
    let workflow = std::fs::read_to_string(root.join(".github/workflows/ci.yml")).unwrap();
    assert!(workflow.contains("uses: ./.github/actions/planlint"));
}

/// Issue 13, item 4: a plan full of escape sequences (in its title, text, headings and even its
/// file name) never reaches the terminal raw. Human formats write no control character but tab
/// and line feed; JSON and SARIF carry the text escaped as their formats require.
#[test]
fn plan_text_never_drives_the_terminal() {
    let evil = "# Title \u{1b}]0;pwned\u{7} \u{1b}[2J\r\n\r\n## Purpose / Big Picture\r\n\r\nWhy \u{1b}[31mred\u{1b}[0m \u{9b} c1.\r\n\r\n## Progress\r\n\r\n- [X ] \u{1b}[1A broken \u{7f} box\r\n- [x] (2025-13-01 10:00Z) bad date\r\n\r\n## Suprises & Discoveries \u{1b}[8m\r\n\r\nNone.\r\n";
    let dir = project(&[
        ("plans/e\u{1b}vil.md", evil.as_bytes()),
        ("plans/nul.md", b"# A\0B\n"),
    ]);
    let unsafe_chars = |text: &str| -> Vec<u32> {
        text.chars()
            .filter(|&c| (c < ' ' && c != '\t' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c))
            .map(|c| c as u32)
            .collect()
    };
    let run = |args: &[&str]| -> String {
        let out = planlint()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for args in [
        &["--color", "never", "plans"][..],
        &["--format", "concise", "plans"],
        &["--format", "github", "plans"],
        &["status", "plans"],
        &["status", "--format", "markdown", "plans"],
    ] {
        let text = run(args);
        assert!(!text.is_empty(), "{args:?}");
        assert_eq!(unsafe_chars(&text), Vec::<u32>::new(), "{args:?}:\n{text}");
    }
    assert!(run(&["--format", "concise", "plans"]).contains("plans/e␛vil.md"));
    assert!(run(&["--color", "never", "plans"]).contains("# Title ␛]0;pwned␇"));
    for args in [
        &["--format", "json", "plans"][..],
        &["--format", "sarif", "plans"],
        &["status", "--format", "json", "plans"],
        &["parse", "plans/e\u{1b}vil.md"],
    ] {
        let text = run(args);
        assert!(!text.contains('\u{1b}'), "{args:?}: raw ESC");
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        assert!(
            value.to_string().contains("\\u001b"),
            "{args:?}: the text is kept, escaped"
        );
    }
}

/// Issue 18, item 6: escape sequences planted in every field a human format prints — the
/// title, the status, section names, box text, the spec's section names in `contract`, `tick`'s
/// list of open boxes, a record command's message — never reach standard output or standard
/// error raw, and each field is shown (with `␛` for ESC), not dropped.
#[test]
fn no_human_output_passes_a_plans_escape_sequences() {
    const ESC: char = '\u{1b}';
    let plan = "# Title \u{1b}]0;pwned\u{7}\n\nStatus: active \u{1b}[2J\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [ ] Box \u{1b}[31mred\u{1b}[0m text\n- [ ] Other \u{9b}1A box\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\nNone.\n\n## Outcomes & Retrospective\n\nNot yet.\n\n## Notes \u{1b}]8;;http://x\u{7}link\n\nMore.\n";
    // `Rollout` is required and missing: the lint report names the file.
    let spec = "# Plans\n\n## Required sections\n\n- `Purpose \u{1b}[5m`\n- `Progress`\n- `Decision Log`\n- `Rollout`\n";
    let dir = project(&[
        ("plans/e\u{1b}vil.md", plan.as_bytes()),
        ("PLANS.md", spec.as_bytes()),
    ]);
    let raw = |text: &str| -> Vec<u32> {
        text.chars()
            .filter(|&c| (c < ' ' && c != '\t' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c))
            .map(|c| c as u32)
            .collect()
    };
    let file = "plans/e\u{1b}vil.md";
    for args in [
        &["--color", "never", file][..],
        &["--format", "concise", file],
        &["status", file],
        &["contract", file],
        &["contract"],
        &["tick", file, "no such box"],
        &["tick", file, "box"],
        &["set-status", file, "act\u{1b}[2Jive"],
        &["log", file, "Step done", "--at", "2026-11-24 10:00"],
    ] {
        let out = planlint()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        );
        assert_eq!(
            raw(&stdout),
            Vec::<u32>::new(),
            "{args:?} stdout:\n{stdout}"
        );
        assert_eq!(
            raw(&stderr),
            Vec::<u32>::new(),
            "{args:?} stderr:\n{stderr}"
        );
        assert!(
            stdout.contains('␛') || stderr.contains('␛') || stdout.contains("\\u{9b}"),
            "{args:?}: the field is shown, made visible:\n{stdout}{stderr}"
        );
        assert!(!stdout.contains(ESC) && !stderr.contains(ESC));
    }
}

/// Issue 13, item 5: run from a subfolder holding its own `planlint.toml` (the Action's
/// `working-directory: svc`), annotations and code scanning still name files from the
/// repository's top level.
#[test]
fn github_and_sarif_paths_are_from_the_repository_top() {
    let bad = "# Order\n\n## Progress\n\n- [X ] broken box\n";
    let dir = project(&[
        (
            "svc/planlint.toml",
            b"[rules]\nrecommended-section = \"off\"\n" as &[u8],
        ),
        ("svc/plans/order.md", bad.as_bytes()),
    ]);
    let svc = dir.path().join("svc");
    let github = stdout(planlint().current_dir(&svc).args(["--format", "github"]));
    assert!(github.contains("file=svc/plans/order.md,"), "{github}");
    assert!(!github.contains("file=plans/"), "{github}");
    let sarif: Value = serde_json::from_str(&stdout(
        planlint().current_dir(&svc).args(["--format", "sarif"]),
    ))
    .unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(!uris.is_empty());
    assert!(uris.iter().all(|u| *u == "svc/plans/order.md"), "{uris:?}");
    // The human formats keep paths as the user gave them.
    let concise = stdout(planlint().current_dir(&svc).args(["--format", "concise"]));
    assert!(concise.starts_with("plans/order.md:"), "{concise}");
}

/// Issue 13, item 6: a configuration error under `--format sarif` writes a valid SARIF log that
/// carries the error (exit 2 still), not an empty file for the upload step to choke on.
#[test]
fn a_configuration_error_is_a_valid_sarif_log() {
    let dir = project(&[
        ("planlint.toml", b"dialet = \"auto\"\n" as &[u8]),
        ("plans/a.md", b"# A\n"),
    ]);
    let out = planlint()
        .current_dir(dir.path())
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("dialet"));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("schemas/sarif-2.1.0.json")).unwrap(),
    )
    .unwrap();
    drop_pattern(&mut schema, BROKEN_LANGUAGE_PATTERN);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let run = &log["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 0);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let note = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(note.contains("dialet"), "{note}");
}

/// Issue 13, item 15: help is wrapped by planlint at word boundaries (100 columns at most), and
/// no wrap splits a backticked name: every line holds an even number of backticks.
#[test]
fn help_never_wraps_inside_a_backticked_name() {
    let mut texts = Vec::new();
    for sub in [
        "",
        "status",
        "contract",
        "new",
        "parse",
        "init",
        "completions",
        "explain",
        "rules",
    ] {
        for flag in ["-h", "--help"] {
            let args: Vec<&str> = [sub, flag].into_iter().filter(|a| !a.is_empty()).collect();
            texts.push(stdout(planlint().args(&args)));
        }
    }
    for text in texts {
        for line in text.lines() {
            assert_eq!(line.matches('`').count() % 2, 0, "{line}");
            assert!(line.chars().count() <= 100, "{line}");
        }
    }
}

/// Issue 13, item 7: the Action passes its inputs to its scripts through environment variables
/// only (never `${{ … }}` inside a script), caches the binary by version, and takes the version
/// and the repository from the workspace manifest, the one place a release fills in.
#[test]
fn the_action_keeps_inputs_out_of_its_scripts() {
    let action =
        std::fs::read_to_string(repo_root().join(".github/actions/planlint/action.yml")).unwrap();
    let mut in_run = false;
    let mut run_indent = 0;
    let mut scripts = 0;
    for line in action.lines() {
        let indent = line.len() - line.trim_start().len();
        if in_run && !line.trim().is_empty() && indent <= run_indent {
            in_run = false;
        }
        if in_run {
            assert!(
                !line.contains("${{"),
                "an expression inside a script: {line}"
            );
        }
        if let Some(rest) = line.trim_start().strip_prefix("run:") {
            scripts += 1;
            assert!(
                !rest.contains("${{"),
                "an expression inside a script: {line}"
            );
            in_run = rest.trim() == "|";
            run_indent = indent;
        }
    }
    assert!(scripts >= 4);
    assert!(
        action.contains("uses: actions/cache@"),
        "the binary is cached"
    );
    assert!(
        action.contains("steps.version.outputs.version"),
        "keyed on the version"
    );
    assert!(
        action.contains("install.sh"),
        "the install script: a verified release archive, else a build"
    );
    // The repository is named in the workspace manifest and nowhere else in the sources; every
    // package and document names the same one.
    let manifest = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    let repository = manifest
        .lines()
        .find_map(|l| l.strip_prefix("repository = \""))
        .and_then(|r| r.strip_suffix('"'))
        .unwrap();
    assert!(
        repository.starts_with("https://github.com/"),
        "{repository}"
    );
    for file in [
        "crates/planlint/src/output/sarif.rs",
        ".github/actions/planlint/action.yml",
        ".github/actions/planlint/install.sh",
        ".github/packaging/npm/build.py",
        ".github/packaging/pre-commit/generate.py",
        "pyproject.toml",
    ] {
        let text = std::fs::read_to_string(repo_root().join(file)).unwrap();
        assert!(!text.contains("OWNER/planlint"), "{file}");
        assert!(
            !text.contains(repository),
            "{file}: names the repository itself"
        );
    }
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    assert!(!readme.contains("OWNER/planlint"));
    let owner_name = repository.trim_start_matches("https://github.com/");
    assert!(readme.contains(&format!("uses: {owner_name}/.github/actions/planlint@v")));
    let sarif: Value = serde_json::from_str(&stdout(
        planlint()
            .current_dir(repo_root())
            .args(["--format", "sarif", "plans"]),
    ))
    .unwrap();
    let uri = &sarif["runs"][0]["tool"]["driver"]["informationUri"];
    assert_eq!(uri.as_str(), Some(repository));
}

/// Issue 22, item 7: the action installs the release archive for the runner only when its
/// SHA-256 matches, and builds from source only when the version has no release.
#[test]
fn the_action_installs_a_verified_release_and_refuses_a_wrong_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases/v9.9.9");
    let name = "planlint-x86_64-unknown-linux-musl";
    let staged = dir.path().join("stage").join(name);
    std::fs::create_dir_all(&staged).unwrap();
    std::fs::create_dir_all(&releases).unwrap();
    std::fs::write(
        staged.join("planlint"),
        "#!/bin/sh\necho released planlint\n",
    )
    .unwrap();
    let archive = releases.join(format!("{name}.tar.gz"));
    let tar = std::process::Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.path().join("stage"))
        .arg(name)
        .status()
        .unwrap();
    assert!(tar.success());
    let sum = std::process::Command::new("sha256sum")
        .arg(&archive)
        .output()
        .unwrap();
    let digest = String::from_utf8(sum.stdout).unwrap();
    let digest = digest.split(' ').next().unwrap().to_string();
    let sums = releases.join(format!("{name}.tar.gz.sha256"));
    // A fake cargo on the PATH says whether a build was attempted.
    let fake_bin = dir.path().join("fake-bin");
    std::fs::create_dir_all(&fake_bin).unwrap();
    std::fs::write(
        fake_bin.join("cargo"),
        format!(
            "#!/bin/sh\necho \"$@\" > {}/cargo-called\n",
            dir.path().display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x"])
        .arg(fake_bin.join("cargo"))
        .status()
        .unwrap();
    let path = format!("{}:{}", fake_bin.display(), std::env::var("PATH").unwrap());
    let install = |dest: &str, version: &str| {
        std::process::Command::new("bash")
            .arg(repo_root().join(".github/actions/planlint/install.sh"))
            .arg(dir.path().join(dest))
            .arg(version)
            .arg("https://github.com/example/planlint")
            .arg(repo_root())
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("PATH", &path)
            .env(
                "PLANLINT_RELEASES",
                format!("file://{}", dir.path().join("releases").display()),
            )
            .output()
            .unwrap()
    };
    // The right checksum: the released binary is installed, nothing is built.
    std::fs::write(&sums, format!("{digest}  {name}.tar.gz\n")).unwrap();
    let out = install("good", "9.9.9");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("good/bin/planlint")).unwrap(),
        "#!/bin/sh\necho released planlint\n"
    );
    assert!(!dir.path().join("cargo-called").exists());
    // A wrong checksum: refused, nothing installed, and no build in its place.
    let wrong: String = digest.chars().rev().collect();
    std::fs::write(&sums, format!("{wrong}  {name}.tar.gz\n")).unwrap();
    let out = install("bad", "9.9.9");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to install it"));
    assert!(!dir.path().join("bad/bin/planlint").exists());
    assert!(!dir.path().join("cargo-called").exists());
    // No release for the version (an unreleased ref): built from the checkout.
    let out = install("unreleased", "0.0.0-dev");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("building it from source"));
    let called = std::fs::read_to_string(dir.path().join("cargo-called")).unwrap();
    assert!(called.starts_with("install --locked"), "{called}");
}

/// Issue 22, item 1: one version, written in `[workspace.package]`; the copies cargo needs (the
/// path dependencies) and the README's pinned examples follow it.
#[test]
fn one_version_everywhere() {
    let manifest = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    let section = manifest
        .split("[workspace.package]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    let version = section
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .unwrap();
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    for dep in ["planlint-parser", "planlint-rules"] {
        let line = manifest
            .lines()
            .find(|l| l.starts_with(&format!("{dep} = ")))
            .unwrap();
        assert!(line.contains(&format!("version = \"{version}\"")), "{line}");
    }
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let mut pins = 0;
    for (i, _) in readme.match_indices("rev: v") {
        let pin: String = readme[i + 6..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        assert_eq!(pin, version, "README pins rev: v{pin}");
        pins += 1;
    }
    for (i, _) in readme.match_indices("planlint==") {
        let pin: String = readme[i + 10..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        assert_eq!(pin, version, "README pins planlint=={pin}");
        pins += 1;
    }
    for (i, _) in readme.match_indices("actions/planlint@v") {
        let pin: String = readme[i + 18..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        assert_eq!(pin, version, "README pins the action at v{pin}");
        pins += 1;
    }
    assert!(pins >= 4, "the README's install examples pin the version");
}
