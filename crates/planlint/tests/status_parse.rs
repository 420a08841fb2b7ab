//! `planlint status` (table, Markdown, JSON with its schema, `--stale`, colours) and
//! `planlint parse` (every fixture's model validates against `schemas/plan.schema.json`). Both
//! schemas are generated from the CLI's types; `UPDATE_SCHEMAS=1` rewrites them.

use serde_json::Value;

mod common;
use common::{planlint_in, repo_root, stdout};

/// A project with three plans of different standing and one file that is not UTF-8.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let root = repo_root();
    let copy = |from: &str, to: &str| {
        let to = dir.path().join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(from), to).unwrap();
    };
    copy(
        "plans/execplan-ja-part3-ch7-cluster-ha.md",
        "plans/book/execplan-ja-part3-ch7-cluster-ha.md",
    );
    copy("fixtures/decision-shape/good.md", "plans/dev/csv-export.md");
    std::fs::write(
        dir.path().join("plans/dev/a-very-long-title.md"),
        "# A plan whose title is far too long to fit into a table row of a terminal that is only one hundred columns wide\n\n## Status\n\nin-progress\n\n## Progress\n\n- [x] (2026-11-20 10:00Z) Started.\n- [ ] Finish.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("plans/dev/broken.md"), b"# \xff\xfe\n").unwrap();
    dir
}

fn check_schema(name: &str, generated: &Value) {
    let path = repo_root().join("schemas").join(name);
    let text = format!("{}\n", serde_json::to_string_pretty(generated).unwrap());
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "schemas/{name} is out of date with the code; run UPDATE_SCHEMAS=1 cargo test -p planlint --test status_parse"
    );
}

#[test]
fn the_schemas_match_the_code() {
    check_schema("plan.schema.json", &planlint::parse::schema());
    check_schema("status.schema.json", &planlint::status::schema());
}

#[test]
fn status_table_fits_100_columns_and_is_sorted_by_path() {
    let dir = project();
    let out = planlint_in(dir.path()).arg("status").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    // Issue 20, item 6: output to a pipe or a file fits `COLUMNS`, else 100 columns.
    for line in table.lines() {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= 100, "{width} > 100: {line}");
    }
    assert!(!table.contains('\x1b'), "no colours off a terminal");
    insta::assert_snapshot!("status_table", table);
}

fn row(path: &str, title: &str, days: Option<i64>) -> planlint::status::Row {
    planlint::status::Row {
        path: path.into(),
        title: Some(title.into()),
        dialect: Some("canonical".into()),
        statuses: vec!["in-progress".into()],
        boxes_checked: 1,
        boxes_total: 2,
        progress_entries: 2,
        newest_entry: Some("2026-11-20".into()),
        last_updated: None,
        days_since_newest: days,
        closed: false,
        stale: false,
        error: None,
    }
}

/// Issue 13, item 3: on a terminal the table fits its width in display columns; titles are cut
/// before paths, and a cut path keeps `active/` and `completed/` apart.
#[test]
fn the_terminal_table_cuts_titles_before_paths_in_display_columns() {
    let rows = [
        row(
            "docs/exec-plans/active/undo-redo.md",
            "Undo and redo for every scene editing operation in the editor",
            Some(3),
        ),
        row(
            "docs/exec-plans/completed/phase9.md",
            "第九段階：実際のテキスト統合と全角文字の表示幅の確認",
            Some(40),
        ),
    ];
    for columns in [100, 80] {
        let table = planlint::status::table(&rows, Some(columns), false, None);
        for line in table.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= columns, "{width} > {columns}: {line}");
        }
        if columns == 100 {
            assert!(table.contains("active/undo-redo.md"), "{table}");
            assert!(table.contains("completed/phase9.md"), "{table}");
            assert!(table.contains('…'), "the titles are cut: {table}");
        }
        assert!(table.contains("phase9.md"), "{table}");
        // Every row's columns start at the same display column (CJK counts two).
        let starts: Vec<usize> = table
            .lines()
            .take(3)
            .map(|l| {
                let at = l.find("in-p").or_else(|| l.find("STATUS")).unwrap();
                unicode_width::UnicodeWidthStr::width(&l[..at])
            })
            .collect();
        assert!(
            starts.windows(2).all(|w| w[0] == w[1]),
            "{starts:?}\n{table}"
        );
    }
}

/// Issue 13, item 2: a finished (or archived, abandoned, …) plan is never stale; a plan with no
/// Progress log gets a named mark and a legend line.
#[test]
fn finished_plans_are_never_stale_and_no_log_is_named() {
    let done = "# Done\n\nStatus: done\n\n## Progress\n\n- [x] (2024-01-01 10:00Z) Finished.\n";
    let archived =
        "# Old\n\nStatus: archived\n\n## Progress\n\n- [x] (2024-01-01 10:00Z) Stopped.\n";
    let open = "# Open\n\nStatus: active\n\n## Progress\n\n- [x] (2026-11-20 10:00Z) Started.\n";
    let nolog = "# No log\n\nStatus: active\n\n## Purpose\n\nWhy.\n";
    let p = common::project(&[
        ("plans/done.md", done.as_bytes()),
        ("plans/archived.md", archived.as_bytes()),
        ("plans/open.md", open.as_bytes()),
    ]);
    planlint_in(p.path())
        .args(["status", "--stale", "30"])
        .assert()
        .code(0);
    std::fs::write(p.path().join("plans/nolog.md"), nolog).unwrap();
    let out = planlint_in(p.path())
        .args(["status", "--stale", "30"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8(out.stdout).unwrap();
    let nolog_line = table
        .lines()
        .find(|l| l.starts_with("plans/nolog.md"))
        .unwrap();
    assert!(nolog_line.ends_with("no log !"), "{table}");
    assert!(
        !table
            .lines()
            .any(|l| l.starts_with("plans/done.md") && l.ends_with('!')),
        "{table}"
    );
    assert!(table.contains("! stale: an open plan"), "{table}");
    assert!(
        table.contains("no log: the plan has no timestamped Progress entry"),
        "{table}"
    );
    let json: Value = serde_json::from_str(&stdout(
        planlint_in(p.path()).args(["status", "--stale", "30", "--format", "json"]),
    ))
    .unwrap();
    let done = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "plans/done.md")
        .unwrap();
    assert_eq!(
        (done["closed"].as_bool(), done["stale"].as_bool()),
        (Some(true), Some(false))
    );
}

#[test]
fn status_markdown_and_stale() {
    let dir = project();
    let out = planlint_in(dir.path())
        .args(["status", "--format", "markdown", "--stale", "30"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a plan is stale");
    insta::assert_snapshot!(
        "status_markdown_stale",
        String::from_utf8(out.stdout).unwrap()
    );
    // Colour marks the stale rows only when asked (or on a terminal).
    let coloured =
        stdout(planlint_in(dir.path()).args(["status", "--stale", "30", "--color", "always"]));
    assert_eq!(coloured.matches("\x1b[33m").count(), 2, "{coloured}");
    planlint_in(dir.path())
        .args(["status", "--stale", "400"])
        .assert()
        .code(1); // csv-export.md: its newest entry is 452 days old
}

#[test]
fn status_json_validates_against_its_schema() {
    let dir = project();
    let report: Value = serde_json::from_str(&stdout(
        planlint_in(dir.path()).args(["status", "--format", "json", "--stale", "10"]),
    ))
    .unwrap();
    let validator = jsonschema::validator_for(&planlint::status::schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let plans = report["plans"].as_array().unwrap();
    let paths: Vec<&str> = plans.iter().map(|p| p["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    let book = &plans[0];
    assert_eq!(book["dialect"], "numbered");
    assert_eq!(book["last_updated"], "2025-11-16");
    assert_eq!(book["days_since_newest"], 373);
    assert_eq!(book["stale"], true);
    let broken = plans
        .iter()
        .find(|p| p["path"] == "plans/dev/broken.md")
        .unwrap();
    assert_eq!(
        broken["error"],
        "file is not valid UTF-8: invalid byte 0xFF at byte 2"
    );
    assert_eq!(report["now"], "2026-11-25T00:00:00Z");
}

#[test]
fn status_of_the_projects_own_plans() {
    let root = repo_root();
    let table = stdout(planlint_in(&root).args(["status", "plans/"]));
    assert!(table.starts_with("PLAN"));
    assert_eq!(
        table.lines().count() - 1,
        std::fs::read_dir(root.join("plans")).unwrap().count()
    );
}

#[test]
fn parse_output_of_every_fixture_validates_against_its_schema() {
    let root = repo_root();
    let out = planlint_in(&root)
        .args(["parse", "fixtures"])
        .output()
        .unwrap();
    // fixtures/encoding holds files that are not UTF-8: they are reported, exit 1.
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&planlint::parse::schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let files = report["files"].as_array().unwrap();
    assert!(files.len() > 90, "{}", files.len());
    assert!(files.iter().any(|f| f.get("error").is_some()));
}

#[test]
fn parse_reports_the_model_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}# Plan\r\n\r\n## Progress\r\n\r\n- [x] (2025-10-01 13:00Z) Done `src/lib.rs`.\r\n- [ ] Open.\r\n\r\n## Decision Log\r\n\r\n- Decision: one.\r\n  Rationale: two.\r\n";
    std::fs::write(dir.path().join("p.md"), text).unwrap();
    let out = planlint_in(dir.path())
        .args(["parse", "p.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["version"], 1);
    let plan = &report["files"][0]["plan"];
    assert_eq!(report["files"][0]["file"], "p.md");
    assert_eq!(plan["bom"], true);
    assert_eq!(plan["dialect"], "canonical");
    assert_eq!(plan["title"]["text"], "Plan");
    let entry = &plan["progress"][0];
    assert_eq!(
        entry["stamp"]["timestamp"]["normalized"],
        "2025-10-01T13:00:00+00:00"
    );
    assert_eq!(entry["span"]["line"], 5);
    assert_eq!(plan["checkboxes"][1]["state"], "open");
    assert_eq!(plan["decisions"][0]["text"], "one.");
    assert_eq!(plan["references"][0]["path"], "src/lib.rs");
    assert_eq!(plan["references"][0]["span"]["column"], 32);
    // Standard input works too; a missing path is a usage error.
    let piped = stdout(
        planlint_in(dir.path())
            .args(["parse", "-"])
            .write_stdin(text),
    );
    assert_eq!(
        serde_json::from_str::<Value>(&piped).unwrap()["files"][0]["plan"],
        *plan
    );
    planlint_in(dir.path())
        .args(["parse", "nope.md"])
        .assert()
        .code(2);
}

/// One reader for every command: a file with a NUL byte, or with a byte that is not UTF-8,
/// is the same `encoding` problem for `parse` and `status` as for the lint run (before, `parse`
/// and `status` read a NUL byte as a plan and gave their own message for bad UTF-8).
#[test]
fn parse_and_status_report_the_encoding_problem_of_the_lint_run() {
    for (name, bytes) in [
        ("plans/nul.md", &b"# Plan\n\0\n## Progress\n"[..]),
        ("plans/latin1.md", &b"# Plan caf\xe9\n"[..]),
        ("plans/utf16.md", &b"\xff\xfe#\0 \0P\0"[..]),
    ] {
        let p = common::project(&[(name, bytes)]);
        let lint: Value = serde_json::from_str(&stdout(
            planlint_in(p.path()).args(["--format", "json", name]),
        ))
        .unwrap();
        let diagnostics = lint["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), 1, "{name}: {lint}");
        assert_eq!(diagnostics[0]["rule"], "encoding");
        let message = diagnostics[0]["message"].as_str().unwrap();

        let out = planlint_in(p.path())
            .args(["parse", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let parsed: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(parsed["files"][0]["error"], message, "{name}");
        assert!(parsed["files"][0].get("plan").is_none(), "{name}");

        let status: Value = serde_json::from_str(&stdout(
            planlint_in(p.path()).args(["status", "--format", "json", name]),
        ))
        .unwrap();
        assert_eq!(status["plans"][0]["error"], message, "{name}");
    }
}

/// Issue 13, item 15: `planlint parse` names each section as people write it (the canonical name,
/// or the heading without its number), not by the internal normalised form; the raw heading is
/// kept.
#[test]
fn parse_prints_canonical_section_names() {
    let p = common::project(&[(
        "plans/a.md",
        b"# A\n\n## 2) surprises and discoveries (notes)\n\nNone.\n\n## 3. Rollout Plan\n\nLater.\n"
            as &[u8],
    )]);
    let out: Value =
        serde_json::from_str(&stdout(planlint_in(p.path()).args(["parse", "plans/a.md"]))).unwrap();
    let sections = out["files"][0]["plan"]["sections"].as_array().unwrap();
    assert_eq!(sections[0]["name"], "Surprises & Discoveries");
    assert_eq!(
        sections[0]["raw_title"],
        "2) surprises and discoveries (notes)"
    );
    assert_eq!(sections[1]["name"], "Rollout Plan");
}
