//! Every plan under `fixtures/` is linted and its diagnostics compared with the snapshot beside
//! it (`fixtures/<rule>/<name>.snap`, reviewed like code; update with `cargo insta review` or
//! `INSTA_UPDATE=always`). One test also walks the registry: every rule needs a `bad*.md` that
//! triggers it and a `good*.md` that does not. Real-world shapes under `fixtures/shapes/` must
//! produce no error at all. A fixture `name.md` with a `name.base.md` beside it is linted as if
//! `name.base.md` were the same plan at the base revision `BASE` (the diff-aware rules).
//! A fixture with fixable findings has its fixed text beside it as `name.fixed.md` (write them
//! with `UPDATE_FIXES=1`); fixing must reach it, change nothing else, and be idempotent.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use planlint_parser::LineIndex;
use planlint_rules::{lint_bytes, Diagnostic, FileInput, Project, Settings, Severity, RULES};

struct Repo(PathBuf);

impl Project for Repo {
    fn exists(&self, path: &str) -> bool {
        self.0.join(path).exists()
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn lint_fixture(root: &Path, rel: &str) -> (Vec<Diagnostic>, String) {
    let bytes = std::fs::read(root.join(rel)).unwrap();
    let repo = Repo(root.to_path_buf());
    let base_path = root.join(rel.replace(".md", ".base.md"));
    let base_text = std::fs::read(&base_path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned());
    let input = FileInput {
        path: Some(rel),
        now: now(),
        project: &repo,
        base: base_text.as_deref().map(|source| planlint_rules::Base {
            rev: "BASE",
            source,
        }),
    };
    let diags = lint_bytes(&bytes, input, &Settings::default());
    (diags, String::from_utf8_lossy(&bytes).into_owned())
}

fn render(diags: &[Diagnostic], text: &str) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in diags {
        let p = index.position(text, d.span.start);
        out.push_str(&format!(
            "{}:{} {}[{}] {}\n",
            p.line,
            p.column,
            d.severity.as_str(),
            d.rule,
            d.message
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("  help: {help}\n"));
        }
        if !d.fix.is_empty() {
            let edits: Vec<String> = d
                .fix
                .iter()
                .map(|e| format!("{}..{} -> {:?}", e.span.start, e.span.end, e.text))
                .collect();
            out.push_str(&format!("  fix: {}\n", edits.join(", ")));
        }
    }
    if out.is_empty() {
        out.push_str("(no diagnostics)\n");
    }
    out
}

fn fixture_files(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(root.join("fixtures")).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let name = f.file_name().unwrap().to_string_lossy();
            if name.ends_with(".md") && !name.ends_with(".base.md") && !name.ends_with(".fixed.md")
            {
                files.push(
                    f.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    files.sort();
    files
}

#[test]
fn fixtures_match_their_snapshots() {
    let root = repo_root();
    let files = fixture_files(&root);
    assert!(files.len() > 50, "fixtures went missing: {}", files.len());
    for rel in files {
        let (diags, text) = lint_fixture(&root, &rel);
        let path = root.join(&rel);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(path.parent().unwrap());
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_input_file(&path);
        settings.bind(|| insta::assert_snapshot!(name, render(&diags, &text)));
    }
}

#[test]
fn every_rule_has_a_bad_fixture_that_triggers_it_and_a_good_one_that_does_not() {
    let root = repo_root();
    let files = fixture_files(&root);
    for rule in RULES {
        if rule.name == "io-error" {
            // An unreadable file cannot be a committed fixture; the CLI tests cover it
            // (symlink loop, vanished file, missing path).
            continue;
        }
        let mine: Vec<&String> = files
            .iter()
            .filter(|f| f.starts_with(&format!("fixtures/{}/", rule.name)))
            .collect();
        let bad: Vec<&&String> = mine
            .iter()
            .filter(|f| f.rsplit('/').next().unwrap().starts_with("bad"))
            .collect();
        let good: Vec<&&String> = mine
            .iter()
            .filter(|f| f.rsplit('/').next().unwrap().starts_with("good"))
            .collect();
        assert!(
            !bad.is_empty(),
            "rule `{}` has no fixtures/{}/bad*.md",
            rule.name,
            rule.name
        );
        assert!(
            !good.is_empty(),
            "rule `{}` has no fixtures/{}/good*.md",
            rule.name,
            rule.name
        );
        for f in bad {
            let (diags, _) = lint_fixture(&root, f);
            assert!(
                diags.iter().any(|d| d.rule == rule.name),
                "{f} does not trigger `{}`",
                rule.name
            );
        }
        for f in good {
            let (diags, _) = lint_fixture(&root, f);
            let hits: Vec<_> = diags
                .iter()
                .filter(|d| d.rule == rule.name)
                .map(|d| &d.message)
                .collect();
            assert!(hits.is_empty(), "{f} triggers `{}`: {hits:?}", rule.name);
        }
    }
}

#[test]
fn real_world_shapes_produce_no_errors() {
    let root = repo_root();
    let shapes: Vec<String> = fixture_files(&root)
        .into_iter()
        .filter(|f| f.starts_with("fixtures/shapes/"))
        .collect();
    assert!(shapes.len() >= 13);
    for rel in shapes {
        let (diags, _) = lint_fixture(&root, &rel);
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{}: {}", d.rule, d.message))
            .collect();
        assert!(errors.is_empty(), "{rel}: {errors:?}");
    }
}

#[test]
fn every_rule_is_documented_with_the_four_headings() {
    for rule in RULES {
        let doc = rule.documentation();
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(
                doc.contains(heading),
                "rule `{}` lacks `{heading}` in its doc comment",
                rule.name
            );
        }
        if rule.fixable {
            assert!(
                doc.contains("fix") || doc.contains("Fix"),
                "fixable rule `{}` does not say how it fixes",
                rule.name
            );
        }
        assert!(
            !rule.summary.is_empty() && !rule.summary.ends_with('.'),
            "rule `{}` summary",
            rule.name
        );
    }
}

#[test]
fn fixes_reach_the_expected_text_change_only_their_lines_and_are_idempotent() {
    let root = repo_root();
    let update = std::env::var_os("UPDATE_FIXES").is_some();
    let mut fixed_files = 0;
    for rel in fixture_files(&root) {
        let bytes = std::fs::read(root.join(&rel)).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let (diags, _) = lint_fixture(&root, &rel);
        let expected_path = root.join(rel.replace(".md", ".fixed.md"));
        let fixable: Vec<&Diagnostic> = diags.iter().filter(|d| !d.fix.is_empty()).collect();
        if fixable.is_empty() {
            assert!(
                !expected_path.exists(),
                "{rel}: nothing to fix, yet a .fixed.md exists"
            );
            continue;
        }
        let repo = Repo(root.clone());
        let input = FileInput {
            path: Some(&rel),
            now: now(),
            project: &repo,
            base: None,
        };
        let fixed = planlint_rules::fix_str(text, input, &Settings::default());
        if update {
            std::fs::write(&expected_path, &fixed.text).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{rel} has fixable findings but no .fixed.md"));
        assert_eq!(fixed.text, expected, "{rel}");
        assert!(fixed.refused.is_empty(), "{rel}: {:?}", fixed.refused);
        assert!(
            fixed.remaining.iter().all(|d| d.fix.is_empty()),
            "{rel}: fixable findings remain"
        );
        // Only lines that held a fixable finding changed; line endings are kept.
        let index = LineIndex::new(text);
        let touched: std::collections::HashSet<usize> = fixable
            .iter()
            .flat_map(|d| d.fix.iter())
            .map(|e| index.position(text, e.span.start).line)
            .collect();
        let old: Vec<&str> = text.split_inclusive('\n').collect();
        let new: Vec<&str> = fixed.text.split_inclusive('\n').collect();
        assert_eq!(old.len(), new.len(), "{rel}: line count changed");
        for (i, (a, b)) in old.iter().zip(&new).enumerate() {
            if a != b {
                assert!(touched.contains(&(i + 1)), "{rel}: line {} changed", i + 1);
                assert_eq!(
                    a.ends_with("\r\n"),
                    b.ends_with("\r\n"),
                    "{rel}: line ending"
                );
            }
        }
        let again = planlint_rules::fix_str(&fixed.text, input, &Settings::default());
        assert_eq!(again.applied, 0, "{rel}: a second fix changed something");
        assert_eq!(again.text, fixed.text);
        fixed_files += 1;
    }
    assert!(fixed_files >= 3, "only {fixed_files} fixtures have fixes");
}
