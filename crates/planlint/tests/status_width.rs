//! Issue 20, item 6: `planlint status` fits its width — the terminal's, `COLUMNS` when piped,
//! else 100 — in display columns (a CJK character takes two), titles and paths cut from the
//! middle so their start and the distinguishing number at their end stay, the legend wrapped.

use unicode_width::UnicodeWidthStr;

mod common;
use common::{planlint_in, project};

const PLAN: &str = "## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Did it.\n- [ ] More.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\nNone.\n\n## Outcomes & Retrospective\n\nNot yet.\n";

/// Plans with long paths and long CJK titles that differ only by their number at the end, and
/// one with no log (so the legend has both lines).
fn plans() -> tempfile::TempDir {
    let mut files: Vec<(String, String)> = Vec::new();
    for n in ["07", "12"] {
        files.push((
            format!("docs/exec-plans/active/2026-06-02-portfolio-monte-carlo-tab-phase-{n}.md"),
            format!(
                "# 第{n}段階：実際のテキスト統合と全角文字の表示幅を確かめる長い計画 {n}\n\n{PLAN}"
            ),
        ));
    }
    files.push((
        "docs/exec-plans/completed/undo-redo-milestone-3.md".into(),
        "# Undo and redo for every scene editing operation, milestone 3\n\nStatus: active\n\n## Progress\n\n- [ ] Nothing yet.\n".into(),
    ));
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_bytes()))
        .collect();
    project(&refs)
}

fn status(dir: &std::path::Path, columns: Option<&str>) -> String {
    let mut cmd = planlint_in(dir);
    cmd.args(["status", "--stale", "30"]);
    match columns {
        Some(c) => cmd.env("COLUMNS", c),
        None => cmd.env_remove("COLUMNS"),
    };
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "stale plans: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_table_and_its_legend_fit_60_80_100_and_200_columns() {
    let p = plans();
    for columns in [60, 80, 100, 200] {
        let table = status(p.path(), Some(&columns.to_string()));
        for line in table.lines() {
            let w = line.width();
            assert!(w <= columns, "{w} > {columns}:\n{line}\n\n{table}");
        }
        let rows: Vec<&str> = table.lines().skip(1).take(3).collect();
        // Each row keeps the start of its path and the number that tells the plans apart, in
        // the path and in the title.
        for (row, n) in rows.iter().zip(["07", "12", "3"]) {
            assert!(row.starts_with("doc"), "{row}\n{table}");
            assert!(row.contains(&format!("{n}.md")), "{row}\n{table}");
            let title_end = if n == "3" {
                "3".to_string()
            } else {
                format!(" {n}")
            };
            assert!(row.contains(&title_end), "{row}\n{table}");
        }
        assert!(table.contains("! stale:"), "{table}");
        assert!(table.contains("no log:"), "{table}");
        if columns == 200 {
            assert!(!table.contains('…'), "nothing cut at 200: {table}");
            assert!(table.contains("2026-06-02-portfolio-monte-carlo-tab-phase-07.md"));
        } else {
            assert!(table.contains('…'), "cut at {columns}: {table}");
        }
    }
}

#[test]
fn piped_without_columns_it_fits_100() {
    let p = plans();
    let table = status(p.path(), None);
    let widest = table.lines().map(UnicodeWidthStr::width).max().unwrap();
    assert!(widest <= 100 && widest > 80, "{widest}:\n{table}");
    // A COLUMNS that is no number is no width.
    let table = status(p.path(), Some("wide"));
    assert!(table.lines().all(|l| l.width() <= 100), "{table}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Whatever the rows (wide characters, empty and long cells, stale or not) and whatever the
    /// width from 20 columns up, no line of the table, its legend included, is wider.
    #[test]
    fn no_line_is_ever_wider_than_the_width(
        rows in proptest::collection::vec(
            ("[a-z/._-]{0,80}", "[ -~é計画🦀全角]{0,60}", proptest::option::of(0i64..5000), proptest::bool::ANY),
            0..6,
        ),
        columns in 20usize..250,
    ) {
        let rows: Vec<planlint::status::Row> = rows
            .into_iter()
            .map(|(path, title, days, stale)| planlint::status::Row {
                path,
                title: Some(title),
                dialect: Some("canonical".into()),
                statuses: vec!["in-progress".into(), "blocked".into()],
                boxes_checked: 12,
                boxes_total: 340,
                progress_entries: 1000,
                newest_entry: days.map(|_| "2026-11-20".into()),
                last_updated: Some("2026-11-20".into()),
                days_since_newest: days,
                closed: false,
                stale,
                error: None,
            })
            .collect();
        let table = planlint::status::table(&rows, Some(columns), false, Some(30));
        for line in table.lines() {
            proptest::prop_assert!(line.width() <= columns, "{} > {columns}:\n{table}", line.width());
        }
    }
}
