//! What `--fix` and `--diff` print besides the report: unified diffs, the count of fixes, and
//! fixes that were refused or could not be written.

use similar::TextDiff;

use crate::run::FileReport;

/// `--diff`: the unified diff of every file with something to fix; exit 1 if there is any.
pub fn diff(reports: &[FileReport], quiet: bool) -> (u8, String) {
    let mut out = String::new();
    let (mut findings, mut files) = (0, 0);
    for r in reports {
        let Some(fix) = &r.fix else { continue };
        if fix.applied == 0 {
            continue;
        }
        findings += fix.applied;
        files += 1;
        let diff = TextDiff::from_lines(&fix.original, &r.text);
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{}", r.display), &format!("b/{}", r.display))
                .to_string(),
        );
    }
    if !quiet {
        eprintln!(
            "Would fix {} in {}",
            plural(findings, "finding"),
            plural(files, "file")
        );
    }
    (u8::from(files > 0), out)
}

/// `; fixed 3 findings in 2 files` for the summary line, or nothing when nothing was fixed.
pub fn summary(reports: &[FileReport]) -> String {
    let fixed: Vec<usize> = reports
        .iter()
        .filter_map(|r| r.fix.as_ref())
        .filter(|f| f.applied > 0 && f.write_error.is_none())
        .map(|f| f.applied)
        .collect();
    if fixed.is_empty() {
        return String::new();
    }
    format!(
        "; fixed {} in {}",
        plural(fixed.iter().sum(), "finding"),
        plural(fixed.len(), "file")
    )
}

/// Report refused fixes and failed writes on standard error; whether any write failed.
pub fn report_problems(reports: &[FileReport]) -> bool {
    let mut failed = false;
    for r in reports {
        let Some(fix) = &r.fix else { continue };
        for refused in &fix.refused {
            eprintln!(
                "warning: {}:{}:{}: refused the `{}` fix: {}",
                r.display, refused.line, refused.column, refused.rule, refused.reason
            );
        }
        if let Some(e) = &fix.write_error {
            eprintln!("error: cannot write the fixes to {}: {e}", r.display);
            failed = true;
        }
    }
    failed
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
