use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};
use std::borrow::Cow;

declare_rule! {
    /// ## What it does
    /// Reports a repository path in backticks (`src/csv.rs`, `docs/`) that exists neither under
    /// the project root nor beside the plan, nor as the end of a longer path in the project
    /// (`api/client.rs`, written from its module, for `frontend/src/api/client.rs`). A path with
    /// an elided folder (`web/.../Viewer.tsx`) or one that starts with an environment variable's
    /// name (`CONFIG_DIR/app.db`) names no one file and is not looked up. Only text that looks
    /// like a path is checked: it has
    /// a `/`, no spaces or glob characters, and ends in a file extension or `/`; a `:42` line
    /// suffix is ignored. Paths that would leave the project root (`../../etc/passwd`) are never
    /// looked up, and a path the project's `.gitignore` files match (build output, dependencies,
    /// local secrets) is no repository path. Each missing path is reported once per plan.
    ///
    /// ## Why is this bad?
    /// A plan is read by someone who must find the files it names; a renamed or never-created
    /// file leaves them searching, and often means a step was not done.
    ///
    /// ## Example
    /// ```markdown
    /// Drafted `manuscript/ja/part3/chapter7.md`.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Drafted `manuscript/ja/part3/chapter7-cluster-ha.md`.
    /// ```
    pub static RULE = Rule {
        name: "missing-reference",
        group: Group::References,
        severity: Severity::Warning,
        fixable: false,
        summary: "a backticked repository path does not exist",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let dir = cx
        .file
        .path
        .and_then(|p| p.rsplit_once('/').map(|(d, _)| d));
    // Few paths per plan, each cited again and again: a sorted set beats hashing here.
    let mut reported: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for r in &cx.plan.references {
        let path = r.file();
        if reported.contains(path) {
            continue;
        }
        // From the root first: the usual place, and found there nothing else is worked out.
        let from_root = resolve(None, path);
        if from_root
            .as_deref()
            .is_some_and(|p| cx.file.project.exists(p))
        {
            continue;
        }
        let from_dir = dir.and_then(|d| resolve(Some(d), path));
        if from_dir
            .as_deref()
            .is_some_and(|p| cx.file.project.exists(p))
            || (from_root.is_none() && from_dir.is_none())
        {
            continue;
        }
        // A path git ignores (`dist/`, `.secrets/`, `node_modules/`) is no repository path: its
        // absence from a checkout is expected. Asked from the root only: beside a plan that is
        // itself in an ignored folder, every path would be.
        if from_root
            .as_deref()
            .is_some_and(|p| cx.file.project.ignored(p))
        {
            continue;
        }
        // An elided or run-time path names no one file; one written from its module or
        // package (`api/client.rs` for `frontend/src/api/client.rs`) is there, under a longer
        // path.
        if names_no_one_path(path) {
            continue;
        }
        if from_root
            .as_deref()
            .is_some_and(|p| cx.file.project.found_below(p))
        {
            continue;
        }
        reported.insert(path);
        out.push(
            Diagnostic::new(RULE.name, r.span, format!("`{path}` does not exist in the project"))
                .label("no such file")
                .help("fix the path, create the file, or drop the backticks if it is not a repository path"),
        );
    }
}

/// Whether a path-like text stands for no one file of the repository: a folder elided
/// (`web/.../MediaViewer.tsx`, `docs/…/a.md`), or a first folder written as an environment
/// variable's name (`CONFIG_DIR/app.db`, `HOSTED_SANDBOX/`), which is set at run time.
fn names_no_one_path(path: &str) -> bool {
    let elided = path
        .split('/')
        .any(|seg| seg == "…" || (seg.len() >= 3 && seg.bytes().all(|b| b == b'.')));
    let first = path.split('/').next().unwrap_or("");
    let variable = first.contains('_')
        && first.bytes().any(|b| b.is_ascii_uppercase())
        && first
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    elided || variable
}

/// Join `path` onto `base` and normalise `.` and `..`; `None` if the result leaves the root.
/// A path with nothing to normalise is returned as it is.
pub(crate) fn resolve<'p>(base: Option<&str>, path: &'p str) -> Option<Cow<'p, str>> {
    if is_normal(path) {
        match base {
            None => return Some(Cow::Borrowed(path)),
            Some(b) if is_normal(b) && !b.ends_with('/') => {
                let mut joined = String::with_capacity(b.len() + 1 + path.len());
                joined.push_str(b);
                joined.push('/');
                joined.push_str(path);
                return Some(Cow::Owned(joined));
            }
            Some(_) => {}
        }
    }
    let mut parts: Vec<&str> = Vec::new();
    let trailing_slash = path.ends_with('/');
    for seg in base
        .into_iter()
        .flat_map(|b| b.split('/'))
        .chain(path.split('/'))
    {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return None;
    }
    let mut joined = parts.join("/");
    if trailing_slash {
        joined.push('/');
    }
    Some(Cow::Owned(joined))
}

/// Whether `path` is already normal: relative, with no empty, `.` or `..` segment (a trailing
/// `/` aside). A plain byte loop: paths are short, and this runs for every citation.
fn is_normal(path: &str) -> bool {
    let body = path.strip_suffix('/').unwrap_or(path).as_bytes();
    !body.is_empty()
        && body
            .split(|&b| b == b'/')
            .all(|seg| !matches!(seg, b"" | b"." | b".."))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn elisions_and_variables_name_no_one_path() {
        use super::names_no_one_path;
        for p in [
            "web/.../MediaViewer.tsx",
            "docs/…/a.md",
            "CONFIG_DIR/app.db",
            "HOSTED_SANDBOX/",
        ] {
            assert!(names_no_one_path(p), "{p}");
        }
        for p in [
            "src/a.rs",
            "LICENSES/MIT.txt",
            "../x/a.md",
            "docs/README.md",
            "a_b/c.md",
        ] {
            assert!(!names_no_one_path(p), "{p}");
        }
    }

    #[test]
    fn resolution_stays_inside_the_root() {
        assert_eq!(resolve(None, "src/a.rs").as_deref(), Some("src/a.rs"));
        assert_eq!(
            resolve(Some("plans"), "../src/a.rs").as_deref(),
            Some("src/a.rs")
        );
        assert_eq!(resolve(Some("plans"), "../../etc/passwd"), None);
        assert_eq!(resolve(None, "../x.md"), None);
        assert_eq!(resolve(None, "./docs/").as_deref(), Some("docs/"));
        assert_eq!(resolve(None, "a//b.rs").as_deref(), Some("a/b.rs"));
        assert_eq!(
            resolve(Some("plans/x"), "a/b/").as_deref(),
            Some("plans/x/a/b/")
        );
        assert_eq!(
            resolve(Some("plans/./x"), "a").as_deref(),
            Some("plans/x/a")
        );
        assert_eq!(resolve(Some("plans"), "./a").as_deref(), Some("plans/a"));
    }
}
