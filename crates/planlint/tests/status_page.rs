//! `planlint status --format html`: the page holds one element per plan carrying the same
//! numbers as `status --format json`, keeps plan text as text, loads nothing from the network,
//! stays small at 1,000 plans — and, in a real browser (headless Chromium through Playwright,
//! `tests/status_page/test_page.py`), its filters work with no console error. `.ci/run` installs
//! Chromium and Playwright; elsewhere the browser test is skipped with a message, except under
//! CI, where it fails.

mod common;

use std::path::Path;
use std::process::Command;

use common::{planlint_in, repo_root, stdout};
use serde_json::Value;

/// A project with the repository's fixture plans laid out in folders, and a plan whose title
/// is markup.
fn fixture_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let fixtures = repo_root().join("fixtures");
    let mut rules: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("bad.md").is_file())
        .collect();
    rules.sort();
    for (i, rule) in rules.iter().enumerate() {
        let name = rule.file_name().unwrap().to_string_lossy().into_owned();
        // Half in `plans/<rule>/`, half in `docs/exec-plans/active/<rule>/`.
        let folder = match i % 2 {
            0 => dir.path().join("plans").join(&name),
            _ => dir.path().join("docs/exec-plans/active").join(&name),
        };
        std::fs::create_dir_all(&folder).unwrap();
        for file in ["good.md", "bad.md"] {
            if rule.join(file).is_file() {
                std::fs::copy(rule.join(file), folder.join(file)).unwrap();
            }
        }
    }
    std::fs::write(
        dir.path().join("plans/injected.md"),
        "# <img src=x onerror=alert(1)> and <script>alert(2)</script>\n\nStatus: blocked\n\n## Progress\n\n- [x] (2026-11-01 10:00Z) \"Quoted\" & <b>bold</b>.\n\n## Decision Log\n\n- Decision: keep <i>markup</i> as text.\n  Rationale: it is data.\n",
    )
    .unwrap();
    dir
}

/// Each plan element's path, status class, boxes checked and total, and entries, read from the
/// page's attributes (no HTML parser for the one shape the page writes).
fn plan_elements(html: &str) -> Vec<(String, String, u64, u64, u64)> {
    let attr = |tag: &str, name: &str| -> String {
        let key = format!(" {name}=\"");
        let start = tag.find(&key).unwrap() + key.len();
        let end = tag[start..].find('"').unwrap();
        tag[start..start + end].to_string()
    };
    html.match_indices("<li class=\"plan\"")
        .map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            (
                unescape(&attr(tag, "data-plan")),
                attr(tag, "data-status-class"),
                attr(tag, "data-boxes-checked").parse().unwrap(),
                attr(tag, "data-boxes-total").parse().unwrap(),
                attr(tag, "data-entries").parse().unwrap(),
            )
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn status_json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&stdout(
        planlint_in(dir)
            .args(["status", "--format", "json"])
            .args(args),
    ))
    .unwrap()
}

#[test]
fn one_element_per_plan_with_the_numbers_of_the_json() {
    let p = fixture_project();
    let html = stdout(planlint_in(p.path()).args(["status", "--format", "html", "--stale", "30"]));
    let json = status_json(p.path(), &["--stale", "30"]);
    let rows = json["plans"].as_array().unwrap();
    let elements = plan_elements(&html);
    assert!(rows.len() > 40, "{}", rows.len());
    assert_eq!(elements.len(), rows.len());
    for (row, (path, class, checked, total, entries)) in rows.iter().zip(&elements) {
        assert_eq!(row["path"].as_str().unwrap(), path);
        assert_eq!(row["boxes_checked"].as_u64().unwrap(), *checked, "{path}");
        assert_eq!(row["boxes_total"].as_u64().unwrap(), *total, "{path}");
        assert_eq!(
            row["progress_entries"].as_u64().unwrap(),
            *entries,
            "{path}"
        );
        let closed = row["closed"].as_bool().unwrap();
        assert_eq!(closed, class == "finished", "{path}: {class}");
    }
    // The summary counts the same plans.
    let count = |key: &str| {
        let at = html.find(&format!("data-count=\"{key}\"")).unwrap();
        let strong = &html[at..];
        let start = strong.find("<strong>").unwrap() + 8;
        let end = strong.find("</strong>").unwrap();
        strong[start..end].parse::<usize>().unwrap()
    };
    let by_class = |c: &str| elements.iter().filter(|e| e.1 == c).count();
    for class in ["active", "blocked", "finished", "unknown"] {
        assert_eq!(count(class), by_class(class), "{class}");
    }
    let stale = rows.iter().filter(|r| r["stale"] == true).count();
    assert_eq!(count("stale"), stale);
    assert!(stale > 0 && by_class("blocked") >= 1);
}

#[test]
fn plan_text_stays_text_and_nothing_comes_from_the_network() {
    let p = fixture_project();
    let html = stdout(planlint_in(p.path()).args(["status", "--format", "html"]));
    assert!(
        !html.contains("<img src=x"),
        "markup in a title became markup"
    );
    assert!(!html.contains("<script>alert"));
    assert!(html
        .contains("&lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(html.contains("keep &lt;i&gt;markup&lt;/i&gt; as text."));
    // Self-contained: one script and one style element, inline; no address to load.
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("<style").count(), 1);
    for needle in [
        "src=\"http",
        "href=\"http",
        "url(",
        "@import",
        "<link",
        "src=\"//",
    ] {
        assert!(!html.contains(needle), "{needle}");
    }
    assert!(html.contains("default-src 'none'"));
    // The same input gives the same bytes.
    let again = stdout(planlint_in(p.path()).args(["status", "--format", "html"]));
    assert_eq!(html, again);
}

/// The generated corpus of `bench/gen-corpus.sh` (the benchmark's plans), in `plans/`.
fn generated(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let ok = Command::new("bash")
        .arg(repo_root().join("bench/gen-corpus.sh"))
        .arg(n.to_string())
        .arg(dir.path().join("plans"))
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    dir
}

#[test]
fn a_thousand_plans_make_a_page_under_two_megabytes() {
    let p = generated(1000);
    let html = stdout(planlint_in(p.path()).args(["status", "--format", "html", "--stale", "30"]));
    assert_eq!(plan_elements(&html).len(), 1000);
    assert!(html.len() < 2 * 1024 * 1024, "{} bytes", html.len());
}

#[test]
fn a_browser_filters_and_sorts_the_page() {
    let has = Command::new("python3")
        .args(["-c", "import playwright, pytest"])
        .output()
        .is_ok_and(|o| o.status.success())
        && Path::new(&chromium()).exists();
    if !has {
        if std::env::var_os("CI").is_some() {
            panic!("Chromium or Playwright is not installed; .ci/run installs them");
        }
        eprintln!(
            "skipped: Chromium or Playwright is not installed (`bash .ci/run` installs them)"
        );
        return;
    }
    let fixtures = fixture_project();
    let thousand = generated(1000);
    browser_test(
        "tests/status_page",
        &[
            ("FIXTURE_PROJECT", fixtures.path().as_os_str()),
            ("THOUSAND_PROJECT", thousand.path().as_os_str()),
        ],
    );
}

/// Run the pytest folder `dir` (under the crate) with the binary, Chromium, a fixed "now" and an
/// artifacts folder for its pages and screenshots (`PLANLINT_ARTIFACTS`, else
/// `target/status-page`); it must pass.
fn browser_test(dir: &str, env: &[(&str, &std::ffi::OsStr)]) {
    let artifacts = std::env::var("PLANLINT_ARTIFACTS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| repo_root().join("target/status-page"));
    std::fs::create_dir_all(&artifacts).unwrap();
    let out = Command::new("python3")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .env("PLANLINT_BIN", env!("CARGO_BIN_EXE_planlint"))
        .env("SOURCE_DATE_EPOCH", "1795564800")
        .env("CHROMIUM", chromium())
        .env("ARTIFACTS", &artifacts)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success() && text.contains(" passed"), "{text}");
}

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string())
}

/// The corpus check: the page of a folder of real plans (`PLANLINT_STATUS_CORPUS`), in the
/// browser. Ignored in plain `cargo test` (the corpus is not in the repository); `.ci/run` runs
/// it with `--ignored` when `../shared/corpus/real` is beside the checkout.
#[test]
#[ignore]
fn the_page_of_a_folder_of_real_plans() {
    let corpus = std::env::var("PLANLINT_STATUS_CORPUS")
        .expect("PLANLINT_STATUS_CORPUS names the folder of real plans");
    browser_test(
        "tests/status_page_corpus",
        &[("CORPUS", std::ffi::OsStr::new(&corpus))],
    );
}
