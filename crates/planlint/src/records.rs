//! Where a project keeps finished plans as short records: its agent instructions or its spec
//! say that completed plans, once moved to their folder, keep only part of what they held
//! ("Move completed records to `docs/exec-plans/completed/`, retaining only the goal, final
//! contracts, validation boundaries, and useful decisions"). A plan in such a folder is a
//! completion record: no section is required of it and its checked entries need no timestamp
//! (the chronology lives in git). Read once per run, like the spec.

use std::path::Path;

/// The agent instructions read, besides the spec.
const INSTRUCTIONS: [&str; 4] = [
    "AGENTS.md",
    "CLAUDE.md",
    ".github/copilot-instructions.md",
    "GEMINI.md",
];

/// A folder of completion records and the line that says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordFolder {
    /// The folder from the project root, with a trailing `/`.
    pub folder: String,
    /// The file that says so, from the project root.
    pub file: String,
    /// Its 1-based line (where the paragraph starts).
    pub line: usize,
}

/// The folders of completion records the project's agent instructions and its spec (`spec`,
/// from the root) name.
pub fn find(root: &Path, spec: Option<&str>) -> Vec<RecordFolder> {
    let mut out: Vec<RecordFolder> = Vec::new();
    for doc in INSTRUCTIONS.iter().copied().chain(spec) {
        let Ok(bytes) = std::fs::read(root.join(doc)) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for (line, paragraph) in paragraphs(&text) {
            for folder in record_folders(&paragraph) {
                if !out.iter().any(|r| r.folder == folder) {
                    out.push(RecordFolder {
                        folder,
                        file: doc.to_string(),
                        line,
                    });
                }
            }
        }
    }
    out
}

/// The paragraphs of a Markdown text outside code blocks, each joined on one line, with the
/// line it starts on.
fn paragraphs(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut fenced = false;
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            out.extend(current.take());
            continue;
        }
        if fenced || t.is_empty() || t.starts_with('#') {
            out.extend(current.take());
            continue;
        }
        match &mut current {
            Some((_, p)) => {
                p.push(' ');
                p.push_str(t);
            }
            None => current = Some((i + 1, t.to_string())),
        }
    }
    out.extend(current);
    out
}

/// Words that say a finished plan keeps only part of what it held.
const KEPT_SHORT: [&str; 8] = [
    "retaining only",
    "retain only",
    "keeping only",
    "keep only",
    "short record",
    "belongs in git history",
    "belong in git history",
    "condensed",
];

/// The folders of finished plans a paragraph says are kept short: backticked folders whose
/// last part names finished work (`completed/`, `done/`), in a paragraph that says what such a
/// plan keeps is cut down.
fn record_folders(paragraph: &str) -> Vec<String> {
    let lower = paragraph.to_lowercase();
    if !KEPT_SHORT.iter().any(|w| lower.contains(w)) {
        return Vec::new();
    }
    planlint_rules::spec::inline_code(paragraph)
        .into_iter()
        .filter_map(|code| {
            let code = code.trim().trim_start_matches("./");
            let folder = code.trim_end_matches('/');
            let last = folder.rsplit('/').next().unwrap_or(folder).to_lowercase();
            let finished = matches!(
                last.as_str(),
                "completed" | "complete" | "done" | "finished" | "shipped"
            );
            let fixed = !code.contains(char::is_whitespace) && !folder.starts_with(['/', '~', '.']);
            (finished && fixed).then(|| format!("{folder}/"))
        })
        .collect()
}

/// The record folder that holds `rel` (a path from the project root), if one does.
pub fn holding<'a>(folders: &'a [RecordFolder], rel: &str) -> Option<&'a RecordFolder> {
    folders.iter().find(|r| rel.starts_with(&r.folder))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_paragraph_that_keeps_finished_plans_short() {
        let text = "## Plans\n\nKeep open plans in `docs/plans/open/`. Move\nfinished ones to `docs/plans/completed/`, retaining\nonly the goal and the decisions.\n\nPlans in `docs/plans/done/` are history.\n";
        let found: Vec<(String, usize)> = paragraphs(text)
            .into_iter()
            .flat_map(|(line, p)| record_folders(&p).into_iter().map(move |f| (f, line)))
            .collect();
        assert_eq!(found, [("docs/plans/completed/".to_string(), 3)]);
    }

    #[test]
    fn nothing_without_words_that_cut_a_record_down() {
        for p in [
            "Move completed plans to `docs/plans/completed/` and keep the Progress log.",
            "Keep only one plan active; move it to `plans/completed/` when done.",
            "```\nretaining only `x/completed/`\n```",
        ] {
            let found: Vec<String> = paragraphs(p)
                .into_iter()
                .flat_map(|(_, p)| record_folders(&p))
                .collect();
            // The second says "keep only one plan active": a finished folder in the same
            // paragraph is still named, which is why the folder must be backticked and the
            // paragraph about what a plan keeps.
            if p.starts_with("Keep only") {
                assert_eq!(found, ["plans/completed/"]);
            } else {
                assert!(found.is_empty(), "{p}: {found:?}");
            }
        }
    }
}
