//! Configuration end to end: `planlint.toml` discovery and `--config`, every key, overrides by
//! path, every configuration error (exit 2 with a report at the TOML line), inline suppressions,
//! and the `rules`, `explain` and `init` subcommands.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::findings;

fn planlint() -> Command {
    let mut cmd = Command::cargo_bin("planlint").unwrap();
    cmd.env("SOURCE_DATE_EPOCH", "1795564800")
        .env_remove("NO_COLOR");
    cmd
}

/// A temporary project with text files written into it.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (*n, c.as_bytes())).collect();
    common::project(&bytes)
}

fn report(dir: &Path, args: &[&str]) -> Value {
    let out = planlint()
        .current_dir(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)))
}

fn numbered(id: &str, status: &str, extra: &str) -> String {
    let sections = [
        ("Metadata", format!("- Plan ID: {id}\n- Title: Ch\n- Author: A\n- Date created: 2025-11-16\n- Last updated: 2025-11-16\n- Related issues/PRs: #1")),
        ("Purpose and big picture", "Teach clusters.".into()),
        ("Context and orientation", "- After chapter 6.".into()),
        ("Constraints and assumptions", "- Three nodes.".into()),
        ("Plan of work", "- Draft.".into()),
        ("Concrete steps", "- [x] Outline.".into()),
        ("Validation and acceptance", "- [x] Builds.".into()),
        ("Progress", "- [2025-11-16 12:00] Plan created.".into()),
        ("Surprises & discoveries", "- None.".into()),
        ("Decision log", "- Decision: short.\n  Reason: pages.".into()),
        ("Outcomes & retrospective", format!("- Status: {status}\n- Drafted.")),
        ("Idempotence & recovery", "- Rebuild.".into()),
    ];
    let mut out = String::from("# Chapter\n\n");
    for (i, (name, body)) in sections.iter().enumerate() {
        out.push_str(&format!("## {}. {name}\n\n{body}\n\n", i + 1));
    }
    out.push_str(extra);
    out
}

fn canonical(status: &str, extra: &str) -> String {
    format!(
        "# Dev plan\n\nStatus: {status}\n\nThis ExecPlan is a living document.\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Did it.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: do it.\n  Rationale: because.\n\n## Outcomes & Retrospective\n\nDone.\n{extra}"
    )
}

const TWO_FOLDERS: &str = r#"
include = ["plans/**/*.md"]

[status]
extend-values = ["shipped"]

[rules]
recommended-section = "off"

[[overrides]]
files = ["plans/book/**"]
dialect = "numbered"

[[overrides]]
files = ["plans/dev"]
dialect = "canonical"
[overrides.canonical]
required-sections = ["Purpose / Big Picture", "Progress", "Surprises & Discoveries", "Decision Log", "Outcomes & Retrospective", { name = "Rollout", aliases = ["Rollout plan"] }]
"#;

/// The issue's acceptance scenario: two plan folders in two dialects, a custom status word and
/// one extra required section, configured in one file.
#[test]
fn two_plan_folders_in_two_dialects_lint_clean_and_a_removed_section_is_reported_for_that_file_only(
) {
    let rollout = "\n## Rollout plan\n\nRegion by region.\n";
    let files = [
        ("planlint.toml", TWO_FOLDERS.to_string()),
        (
            "plans/book/ch1.md",
            numbered("plans/book/ch1.md", "shipped", ""),
        ),
        (
            "plans/book/ch2.md",
            numbered("plans/book/ch2.md", "text-draft", ""),
        ),
        ("plans/dev/a.md", canonical("shipped", rollout)),
        ("plans/dev/b.md", canonical("in-progress", rollout)),
        ("docs/notes.md", "not a plan\n".to_string()),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let p = project(&refs);
    let r = report(p.path(), &["plans"]);
    assert_eq!(findings(&r), Vec::<String>::new());
    assert_eq!(r["summary"]["files"], 4);

    std::fs::write(
        p.path().join("plans/dev/b.md"),
        canonical("in-progress", ""),
    )
    .unwrap();
    let r = report(p.path(), &["plans"]);
    let errors: Vec<String> = findings(&r)
        .into_iter()
        .filter(|f| f.contains(" error "))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("plans/dev/b.md:") && errors[0].ends_with("required-section"),
        "{errors:?}"
    );
    planlint()
        .current_dir(p.path())
        .arg("plans")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("`Rollout` is missing"));
}

#[test]
fn without_a_vocabulary_of_the_projects_own_a_custom_status_is_a_warning() {
    let p = project(&[("plans/a.md", &canonical("shipped", ""))]);
    let status: Vec<String> = findings(&report(p.path(), &["plans"]))
        .into_iter()
        .filter(|f| f.contains("status-value"))
        .collect();
    assert_eq!(status, ["plans/a.md:3 warning status-value"]);
    // A spec that calls its values the allowed ones closes the vocabulary: an error.
    std::fs::write(
        p.path().join("PLANS.md"),
        "# Plans\n\n## Required sections\n\n- Purpose / Big Picture\n- Progress\n\nThe `Status:` line must be one of: `Status: active`, `Status: done`.\n",
    )
    .unwrap();
    let status: Vec<String> = findings(&report(p.path(), &["plans"]))
        .into_iter()
        .filter(|f| f.contains("status-value"))
        .collect();
    assert_eq!(status, ["plans/a.md:3 error status-value"]);
}

#[test]
fn a_misspelt_key_exits_2_naming_the_key_and_its_line() {
    let p = project(&[
        (
            "planlint.toml",
            "# comment\ndialect = \"auto\"\n\n\nexlude = [\"x\"]\n[rules]\nplaceholder = \"off\"\n",
        ),
        ("plans/a.md", "# T\n"),
    ]);
    planlint()
        .current_dir(p.path())
        .arg("plans")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `exlude`"))
        .stderr(predicate::str::contains("planlint.toml:5:1"))
        .stderr(predicate::str::contains("did you mean `exclude`?"));
}

#[test]
fn every_configuration_error_exits_2_with_a_report_at_the_line() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "dialect = \"numberd\"\n",
            "unknown variant `numberd`",
            "planlint.toml:1:11",
        ),
        (
            "include = \"plans\"\n",
            "invalid type",
            "planlint.toml:1:11",
        ),
        (
            "[rules]\ntimestamp-ordr = \"off\"\n",
            "unknown rule `timestamp-ordr`",
            "did you mean `timestamp-order`?",
        ),
        (
            "[rules]\nplaceholder = \"loud\"\n",
            "unknown variant `loud`",
            "planlint.toml:2:15",
        ),
        (
            "[numbered]\nrequired-metadata = [\"Plan Id\", \"Owner name\"]\n",
            "unknown metadata field `Owner name`",
            "planlint.toml:2:33",
        ),
        (
            "[[overrides]]\nfiles = [\"plans/[\"]\n",
            "invalid glob `plans/[`",
            "planlint.toml:2:10",
        ),
        (
            "[[overrides]]\ndialect = \"numbered\"\n",
            "missing field `files`",
            "planlint.toml",
        ),
        (
            "[status]\nvalue = []\n",
            "unknown field `value`",
            "did you mean `values`?",
        ),
        ("dialect = \n", "invalid", "planlint.toml:1"),
    ];
    for (toml, message, place) in cases {
        let p = project(&[("planlint.toml", toml), ("plans/a.md", "# T\n")]);
        let out = planlint()
            .current_dir(p.path())
            .args(["--color", "never", "plans"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{toml}: {stderr}");
        assert!(stderr.contains(message), "{toml}: {stderr}");
        assert!(stderr.contains(place), "{toml}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn config_flag_dot_planlint_toml_and_walk_globs() {
    let p = project(&[
        (
            ".planlint.toml",
            "exclude = [\"plans/archive\"]\n[rules]\nmissing-title = \"off\"\n",
        ),
        ("other.toml", "[rules]\nmissing-title = \"error\"\n"),
        ("plans/a.md", "## Purpose\n\nNo title here.\n"),
        ("plans/archive/old.md", "- [X ] broken\n"),
    ]);
    let r = report(p.path(), &["plans"]);
    assert_eq!(r["summary"]["files"], 1, "exclude prunes the archive");
    assert!(!findings(&r).iter().any(|f| f.contains("missing-title")));
    let r = report(p.path(), &["--config", "other.toml", "plans"]);
    assert!(findings(&r)
        .iter()
        .any(|f| f.ends_with("error missing-title")));
    // Files named explicitly are linted even when excluded.
    let r = report(p.path(), &["plans/archive/old.md"]);
    assert!(findings(&r).iter().any(|f| f.contains("checkbox-syntax")));
    planlint()
        .current_dir(p.path())
        .args(["--config", "nope.toml", "plans"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
}

#[test]
fn flags_win_over_the_file() {
    let p = project(&[
        ("planlint.toml", "[rules]\nmissing-title = \"error\"\n"),
        ("plans/a.md", "## Purpose\n\nNo title.\n"),
    ]);
    assert!(findings(&report(p.path(), &["plans"]))
        .iter()
        .any(|f| f.ends_with("error missing-title")));
    assert!(
        !findings(&report(p.path(), &["--ignore", "missing-title", "plans"]))
            .iter()
            .any(|f| f.contains("missing-title"))
    );
}

#[test]
fn required_sections_and_metadata_per_dialect() {
    let toml = "[numbered]\nrequired-metadata = [\"Plan ID\", \"Author\"]\nrequired-sections = [\"Metadata\", \"Progress\", { name = \"Risks\", aliases = [\"Risk register\"] }]\n";
    let text = "# T\n\n## 1. Metadata\n\n- Plan ID: plans/a.md\n\n## 2. Context\n\nx\n\n## 3. Progress\n\n- [2025-11-16 12:00] Created.\n";
    let p = project(&[("planlint.toml", toml), ("plans/a.md", text)]);
    let f: Vec<String> = findings(&report(p.path(), &["plans"]))
        .into_iter()
        .filter(|f| f.contains(" error "))
        .collect();
    // `Risks` is missing (reported at the title), and so is `Author`.
    assert_eq!(
        f,
        [
            "plans/a.md:1 error required-section",
            "plans/a.md:3 error metadata-field"
        ]
    );
    std::fs::write(
        p.path().join("plans/a.md"),
        format!("{text}\n## 4. Risk register\n\nnone\n").replace(
            "- Plan ID: plans/a.md",
            "- Plan ID: plans/a.md\n- Author: me",
        ),
    )
    .unwrap();
    let f: Vec<String> = findings(&report(p.path(), &["plans"]))
        .into_iter()
        .filter(|f| f.contains(" error "))
        .collect();
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn status_vocabulary_and_finished_values() {
    let toml = "[status]\nvalues = [\"open\", \"closed\"]\nfinished = [\"closed\"]\n";
    let p = project(&[
        ("planlint.toml", toml),
        ("plans/a.md", &canonical("closed", "\n- [ ] still open\n")),
    ]);
    let f = findings(&report(p.path(), &["plans"]));
    assert!(
        f.iter().any(|x| x.ends_with("error status-consistency")),
        "{f:?}"
    );
    std::fs::write(p.path().join("plans/a.md"), canonical("complete", "")).unwrap();
    let f = findings(&report(p.path(), &["plans"]));
    assert!(f.iter().any(|x| x.ends_with("error status-value")), "{f:?}");
}

#[test]
fn suppression_forms() {
    let text = "<!-- planlint-disable-file missing-title -->\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n<!-- planlint-disable-next-line checkbox-syntax -->\n- [X ] one\n- [X ] two\n\n<!-- planlint-disable timestamp-order -->\n- [2025-11-16 15:05] b\n- [2025-11-16 14:10] a\n<!-- planlint-enable timestamp-order -->\n\n<!-- planlint-disable decision-shape -->\n";
    let p = project(&[("plans/a.md", text)]);
    let f = findings(&report(
        p.path(),
        &["--ignore", "recommended-section,required-section", "plans"],
    ));
    assert_eq!(
        f,
        [
            "plans/a.md:10 error checkbox-syntax",
            "plans/a.md:17 warning unused-suppression",
        ],
        "{f:?}"
    );
}

#[test]
fn rules_lists_every_rule_and_explain_documents_each() {
    let out = planlint().arg("rules").output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    for rule in planlint_rules::RULES {
        assert!(
            table
                .lines()
                .any(|l| l.starts_with(&format!("{} ", rule.name))),
            "{}",
            rule.name
        );
        let doc = planlint().args(["explain", rule.name]).output().unwrap();
        assert!(doc.status.success(), "{}", rule.name);
        let doc = String::from_utf8(doc.stdout).unwrap();
        assert!(doc.starts_with(&format!("# {}\n", rule.name)));
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(doc.contains(heading), "{} lacks {heading}", rule.name);
        }
    }
    let json: Value = serde_json::from_slice(
        &planlint()
            .args(["rules", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), planlint_rules::RULES.len());
    assert_eq!(json[0]["name"], "required-section");
    assert_eq!(json[0]["severity"], "error");
    planlint()
        .args(["explain", "checkbox-sytnax"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `checkbox-syntax`?"));
}

#[test]
fn init_writes_a_valid_commented_config_and_refuses_to_overwrite() {
    let p = project(&[]);
    planlint()
        .current_dir(p.path())
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("planlint.toml"));
    let written = std::fs::read_to_string(p.path().join("planlint.toml")).unwrap();
    assert!(planlint_rules::Config::parse(&written).is_ok());
    // Uncommented, every default it shows is a valid setting that validates against the schema.
    let uncommented: String = written
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if rest.starts_with('[')
                    || rest.split_once(" = ").is_some_and(|(k, _)| {
                        k.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    }) =>
            {
                rest
            }
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        uncommented.contains("\ndialect = \"auto\""),
        "{uncommented}"
    );
    planlint_rules::Config::parse(&uncommented).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/config.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let as_json: Value = toml::from_str(&uncommented).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&as_json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(!validator.is_valid(&serde_json::json!({"dialet": "auto"})));

    planlint()
        .current_dir(p.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    std::fs::write(p.path().join("planlint.toml"), "# mine\n").unwrap();
    planlint()
        .current_dir(p.path())
        .args(["init", "--force"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(p.path().join("planlint.toml")).unwrap(),
        written
    );
}

#[test]
fn human_reports_point_at_planlint_explain() {
    let p = project(&[("plans/a.md", "# T\n\n## Progress\n\n- [X ] x\n")]);
    planlint()
        .current_dir(p.path())
        .args(["--color", "never", "plans"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "see `planlint explain checkbox-syntax`",
        ));
}

#[test]
fn include_dialect_and_recommended_sections() {
    let p = project(&[
        (
            "planlint.toml",
            "include = [\"plans/**/*.md\"]\ndialect = \"numbered\"\n[numbered]\nrequired-sections = [\"Progress\"]\nrecommended-sections = [\"Decision log\"]\nrequired-metadata = []\n",
        ),
        ("plans/a.md", "# T\n\n## 1. Progress\n\n- [2025-11-16 12:00] Created.\n"),
        ("docs/b.md", "- [X ] not a plan, not included\n"),
    ]);
    let r = report(p.path(), &["."]);
    assert_eq!(
        r["summary"]["files"],
        1,
        "include limits the walk: {}",
        findings(&r).join(", ")
    );
    let f = findings(&r);
    // Forced numbered dialect: the configured lists replace the twelve sections and six fields.
    assert_eq!(
        f,
        [
            "plans/a.md:1 warning recommended-section",
            "plans/a.md:1 warning status-missing"
        ],
        "{f:?}"
    );
}

/// Issue 13, item 15: `planlint.toml` and `.planlint.toml` together is an error, not one of them
/// ignored in silence.
#[test]
fn two_configuration_files_are_an_error() {
    let p = project(&[
        ("planlint.toml", "[rules]\nplaceholder = \"off\"\n"),
        (".planlint.toml", "this is = = broken"),
        ("plans/a.md", "# A\n"),
    ]);
    planlint()
        .current_dir(p.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("two configuration files"));
}

/// Issue 13, item 15: `--color always` colours the concise format too; `never` does not.
#[test]
fn color_always_reaches_the_concise_format() {
    let p = project(&[("plans/a.md", "# T\n\n## Progress\n\n- [X ] x\n")]);
    let out = planlint()
        .current_dir(p.path())
        .args(["--format", "concise", "--color", "always", "plans"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\x1b[1;31merror\x1b[0m[checkbox-syntax]"),
        "{text}"
    );
    let out = planlint()
        .current_dir(p.path())
        .args(["--format", "concise", "--color", "never", "plans"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\x1b'));
}

/// Issue 18, item 3: `init` knows both names of the configuration file. With `.planlint.toml`
/// in place it refuses (it used to write a second file, `planlint.toml`, after which every run
/// failed on two configuration files); `--force` replaces the one that is there.
#[test]
fn init_refuses_beside_a_dot_planlint_toml_and_force_replaces_it() {
    let p = project(&[(".planlint.toml", "# mine\n")]);
    planlint()
        .current_dir(p.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".planlint.toml already exists"));
    assert!(!p.path().join("planlint.toml").exists());
    planlint()
        .current_dir(p.path())
        .args(["init", "--force"])
        .assert()
        .success();
    assert!(!p.path().join("planlint.toml").exists());
    let written = std::fs::read_to_string(p.path().join(".planlint.toml")).unwrap();
    assert_ne!(written, "# mine\n");
}

/// Issue 18, item 5a: a spec named in `planlint.toml` that is not there is a configuration error
/// at its line, never "spec: none found" and a pass.
#[test]
fn a_named_spec_that_does_not_exist_is_a_configuration_error() {
    let p = project(&[
        (
            "planlint.toml",
            "# the project's spec\nspec = \"docs/NOPE.md\"\n",
        ),
        ("plans/a.md", "# T\n"),
    ]);
    for args in [
        &["contract"][..],
        &["--color", "never", "plans"],
        &["--color", "never"],
    ] {
        let out = planlint()
            .current_dir(p.path())
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("`docs/NOPE.md`"), "{args:?}: {stderr}");
        assert!(stderr.contains("planlint.toml:2:8"), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // A spec that is there is read, and `spec = false` still means none.
    let p = project(&[
        ("planlint.toml", "spec = \"docs/PLANS.md\"\n"),
        ("docs/PLANS.md", "# Plans\n\nStatus: active | shelved\n"),
    ]);
    planlint()
        .current_dir(p.path())
        .arg("contract")
        .assert()
        .success()
        .stdout(predicate::str::contains("spec: docs/PLANS.md"));
}

/// Issue 18, item 5b: `*` in `include`, `exclude` and `files` stays within one folder; `**`
/// crosses folders.
#[test]
fn a_star_stays_within_one_folder() {
    let plan = "## Purpose\n\nNo title.\n";
    let files = |toml: &'static str| {
        project(&[
            ("planlint.toml", toml),
            ("plans/a.md", plan),
            ("plans/sub/b.md", plan),
        ])
    };
    let linted = |toml: &'static str| {
        let p = files(toml);
        let r = report(p.path(), &[]);
        let mut files: Vec<String> = findings(&r)
            .iter()
            .map(|f| f.split(':').next().unwrap().to_string())
            .collect();
        files.dedup();
        files
    };
    assert_eq!(linted("include = [\"plans/*.md\"]\n"), ["plans/a.md"]);
    assert_eq!(
        linted("include = [\"plans/**/*.md\"]\n"),
        ["plans/a.md", "plans/sub/b.md"]
    );
    assert_eq!(
        linted("include = [\"plans/**/*.md\"]\nexclude = [\"plans/*.md\"]\n"),
        ["plans/sub/b.md"]
    );
    let p = files(
        "include = [\"plans/**/*.md\"]\n[[overrides]]\nfiles = [\"plans/*.md\"]\n[overrides.rules]\nmissing-title = \"off\"\n",
    );
    let f = findings(&report(p.path(), &[]));
    assert!(
        !f.iter()
            .any(|f| f.starts_with("plans/a.md") && f.ends_with("missing-title")),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|f| f.starts_with("plans/sub/b.md") && f.ends_with("missing-title")),
        "{f:?}"
    );
}

/// Issue 18, item 5c: an unknown key is found against the configuration's own keys, wherever it
/// is — here in a section entry, where it used to be dropped in silence — with a suggestion and
/// the key's line.
#[test]
fn an_unknown_key_in_a_section_entry_is_an_error_with_a_suggestion() {
    let p = project(&[
        (
            "planlint.toml",
            "[canonical]\nrequired-sections = [\n  \"Progress\",\n  { name = \"Risks\", alias = [\"Risk register\"] },\n]\n",
        ),
        ("plans/a.md", "# T\n"),
    ]);
    let out = planlint()
        .current_dir(p.path())
        .args(["--color", "never", "plans"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unknown field `alias`"), "{stderr}");
    assert!(stderr.contains("did you mean `aliases`?"), "{stderr}");
    assert!(stderr.contains("planlint.toml:4:21"), "{stderr}");
}
