//! The skeletons a spec shows: `##` headings in fenced or indented template blocks, or a
//! template written as bare headings under a heading that says template or skeleton, each read
//! into a [`Skeleton`] with the checklists and Progress examples under its sections (a template
//! file the spec names is read the same way).

use planlint_parser::sections::{self, SectionKind};

use super::{heading, Line, Skeleton, Sourced};

/// The skeletons a spec shows, in order: fenced blocks holding three or more `##` headings (two
/// under a heading that says template or skeleton), else indented ones, else a template written
/// as bare headings after such a heading (`# <title>`, then its `##` sections).
pub(super) fn skeletons(lines: &[Line<'_>]) -> Vec<Skeleton> {
    let fenced = |l: &Line<'_>| l.fenced;
    // Indented blocks: runs of lines indented by four or more (blank lines inside).
    let indented =
        |l: &Line<'_>| !l.fenced && (l.text.starts_with("    ") || l.text.trim().is_empty());
    let found = blocks(lines, fenced);
    if !found.is_empty() {
        return found;
    }
    let found = blocks(lines, indented);
    if !found.is_empty() {
        return found;
    }
    bare_template(lines).into_iter().collect()
}

/// Words of a heading that introduces a template.
const TEMPLATE_WORDS: &[&str] = &[
    "template",
    "skeleton",
    "テンプレート",
    "雛形",
    "模板",
    "骨架",
    "템플릿",
    "plantilla",
    "modelo",
];

fn says_template(heading_text: &str) -> bool {
    let lower = heading_text.to_lowercase();
    TEMPLATE_WORDS.iter().any(|w| lower.contains(w))
}

/// The runs of lines `inside` holds (starting on a line with text) whose `##` headings make a
/// skeleton.
fn blocks(lines: &[Line<'_>], inside: impl Fn(&Line<'_>) -> bool) -> Vec<Skeleton> {
    let mut out = Vec::new();
    let mut under_template = false;
    let mut i = 0;
    while i < lines.len() {
        if inside(&lines[i]) && !lines[i].text.trim().is_empty() {
            let start = i;
            while i < lines.len() && inside(&lines[i]) {
                i += 1;
            }
            let s = template_sections(lines[start..i].iter());
            let enough = if under_template { 2 } else { 3 };
            if s.sections.len() >= enough {
                out.push(s);
            }
            continue;
        }
        if let Some((_, text)) = heading(lines[i].text) {
            under_template = says_template(text);
        }
        i += 1;
    }
    out
}

/// A template written as bare headings: under a heading that says template or skeleton, a
/// `# <title>` line with a placeholder, then the `##` sections up to the next heading of the
/// spec's own level or higher that is not the template's.
fn bare_template(lines: &[Line<'_>]) -> Option<Skeleton> {
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        i += 1;
        let Some((_, text)) = heading(l.text).filter(|_| !l.fenced) else {
            continue;
        };
        if !says_template(text) {
            continue;
        }
        let title = lines[i..].iter().position(|n| !n.text.trim().is_empty())?;
        let title_line = &lines[i + title];
        let is_title = heading(title_line.text)
            .is_some_and(|(level, t)| level == 1 && t.contains(['<', '[', '{']));
        if !is_title {
            continue;
        }
        let rest = &lines[i + title + 1..];
        // The template ends at a thematic break or a heading with no `##` level.
        let end = rest
            .iter()
            .position(|n| {
                let t = n.text.trim();
                t == "---" || t == "***" || heading(n.text).is_some_and(|(lvl, _)| lvl == 1)
            })
            .unwrap_or(rest.len());
        let s = template_sections(rest[..end].iter());
        if s.sections.len() >= 3 {
            return Some(s);
        }
    }
    None
}

/// The `##` headings of a template, with the checklists and Progress examples under them.
pub(super) fn template_sections<'l, 'a: 'l>(block: impl Iterator<Item = &'l Line<'a>>) -> Skeleton {
    let mut s = Skeleton {
        sections: Vec::new(),
        checklists: Vec::new(),
        progress_timestamps: None,
        line: 0,
    };
    let mut current: Option<String> = None;
    let mut in_progress = false;
    for l in block {
        if let Some((level, name)) = heading(l.text) {
            if level == 2 {
                if s.sections.is_empty() {
                    s.line = l.number;
                }
                s.sections.push(Sourced {
                    value: name.to_string(),
                    line: l.number,
                });
                in_progress = sections::classify(name) == Some(SectionKind::Progress);
                current = Some(name.to_string());
            }
            continue;
        }
        let t = l.text.trim_start();
        let item = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| {
                let digits = t.chars().take_while(char::is_ascii_digit).count();
                (digits > 0)
                    .then(|| t[digits..].strip_prefix(". "))
                    .flatten()
            });
        let Some(item) = item else { continue };
        let boxed = item.starts_with("[ ]") || item.starts_with("[x]") || item.starts_with("[X]");
        if boxed {
            if let Some(c) = &current {
                if !s.checklists.contains(c) {
                    s.checklists.push(c.clone());
                }
            }
        }
        if in_progress {
            let stamped = item.contains("YYYY") || has_date(item);
            s.progress_timestamps = Some(s.progress_timestamps.unwrap_or(false) || stamped);
        }
    }
    s
}

/// Whether text holds a `DDDD-DD-DD` date.
fn has_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(10).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..7].iter().all(u8::is_ascii_digit)
            && w[7] == b'-'
            && w[8..].iter().all(u8::is_ascii_digit)
    })
}

#[cfg(test)]
mod tests {
    use crate::spec::Spec;

    #[test]
    fn fenced_and_indented_skeletons() {
        let fenced = "# Spec\n\n## Skeleton\n\n```md\n# Title\n\n## Purpose / Big Picture\n\nx\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Example.\n\n## Surprises & Discoveries\n\n## Decision Log\n\n## Outcomes & Retrospective\n```\n";
        let s = Spec::read(fenced).skeleton.unwrap();
        assert_eq!(s.sections.len(), 5);
        assert!(s.is_canonical());
        assert_eq!(s.progress_timestamps, Some(true));
        assert_eq!(s.line, 8);
        let indented = fenced.replace("```md\n", "").replace("```\n", "");
        let indented: String = indented
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i >= 4 {
                    format!("    {l}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        assert!(Spec::read(&indented).skeleton.unwrap().is_canonical());
    }

    #[test]
    fn a_template_of_its_own() {
        let text = "# Plans\n\n## Template\n\n```md\n# EP-<slug>\n\n## Goal\n- x\n\n## Scope\n- In\n\n## Done Criteria (Observable)\n- [ ] one\n\n## Progress Notes\n- YYYY-MM-DD: did\n```\n";
        let s = Spec::read(text).skeleton.unwrap();
        let names: Vec<&str> = s.sections.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(
            names,
            [
                "Goal",
                "Scope",
                "Done Criteria (Observable)",
                "Progress Notes"
            ]
        );
        assert!(!s.is_canonical());
        assert_eq!(s.checklists, ["Done Criteria (Observable)"]);
        assert_eq!(s.progress_timestamps, Some(true));
    }
}
