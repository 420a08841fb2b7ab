//! The skeletons a spec shows: `##` headings in fenced or indented template blocks, or a
//! template written as bare headings under a heading that says template or skeleton, each read
//! into a [`Skeleton`] with the checklists and Progress examples under its sections (a template
//! file the spec names is read the same way).

use planlint_parser::sections::{self, SectionKind};

use super::{heading, says_any, Line, Skeleton, Sourced, TemplateForm};

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
    says_any(heading_text, TEMPLATE_WORDS)
}

/// Words of a heading over what an agent answers or is asked, not what a plan file holds (an
/// agent's output format, a prompt to send it).
const ANSWER_WORDS: &[&str] = &[
    "output format",
    "response format",
    "prompt",
    "출력 형식",
    "프롬프트",
    "出力形式",
    "プロンプト",
    "输出格式",
    "提示词",
];

fn says_answer(heading_text: &str) -> bool {
    says_any(heading_text, ANSWER_WORDS)
}

/// The runs of lines `inside` holds (starting on a line with text) whose `##` headings make a
/// skeleton.
///
/// A block under a heading about an agent's answer or prompt ("Design agent output format",
/// "Plan agent prompt template") is not a plan's shape, and a block showing the same sections
/// as one before it is that one again.
fn blocks(lines: &[Line<'_>], inside: impl Fn(&Line<'_>) -> bool) -> Vec<Skeleton> {
    let mut out: Vec<Skeleton> = Vec::new();
    let mut under_template = false;
    // The headings above the line at hand: level, and whether it speaks of an answer.
    let mut path: Vec<(usize, bool)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if inside(&lines[i]) && !lines[i].text.trim().is_empty() {
            let start = i;
            while i < lines.len() && inside(&lines[i]) {
                i += 1;
            }
            let s = template_sections(lines[start..i].iter());
            let enough = if under_template { 2 } else { 3 };
            let answer = path.iter().any(|(_, a)| *a);
            let names = |k: &Skeleton| {
                k.sections
                    .iter()
                    .map(|s| s.value.clone())
                    .collect::<Vec<_>>()
            };
            let again = out.iter().any(|k| names(k) == names(&s));
            if s.sections.len() >= enough && !answer && !again {
                out.push(s);
            }
            continue;
        }
        if let Some((level, text)) = heading(lines[i].text) {
            under_template = says_template(text);
            while path.last().is_some_and(|(l, _)| *l >= level) {
                path.pop();
            }
            path.push((level, says_answer(text)));
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
        let mut s = template_sections(rest[..end].iter());
        if s.sections.len() >= 3 {
            s.form.title = heading(title_line.text).map(|(_, t)| Sourced {
                value: t.to_string(),
                line: title_line.number,
            });
            return Some(s);
        }
    }
    None
}

/// The `##` headings of a template, with the checklists and Progress examples under them, and
/// what a new plan is written from ([`TemplateForm`]).
pub(super) fn template_sections<'l, 'a: 'l>(block: impl Iterator<Item = &'l Line<'a>>) -> Skeleton {
    let block: Vec<&Line<'_>> = block.collect();
    // An indented template's lines carry the block's indent: read them without it.
    let indent = block
        .iter()
        .filter(|l| heading(l.text).is_some())
        .map(|l| l.text.len() - l.text.trim_start().len())
        .min()
        .unwrap_or(0);
    let dedent = |t: &'a str| -> &'a str {
        let n = t.len() - t.trim_start_matches(' ').len();
        &t[n.min(indent)..]
    };
    let mut s = Skeleton {
        sections: Vec::new(),
        checklists: Vec::new(),
        progress_timestamps: None,
        line: 0,
        form: TemplateForm::default(),
        file: None,
    };
    let mut current: Option<String> = None;
    let mut in_progress = false;
    let mut body: Vec<&str> = Vec::new();
    let mut preamble = String::new();
    let mut front = FrontMatter::Before;
    for l in block {
        let text = dedent(l.text);
        let trimmed = text.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            continue;
        }
        if current.is_none() {
            if front.read(text.trim_end(), &mut s.form.front_matter) {
                if s.form.front_matter_line == 0 {
                    s.form.front_matter_line = l.number;
                }
                continue;
            }
            match heading(text) {
                Some((1, title)) if s.form.title.is_none() => {
                    s.form.title = Some(Sourced {
                        value: title.to_string(),
                        line: l.number,
                    });
                }
                Some((2, _)) => {}
                _ => {
                    preamble.push_str(trimmed);
                    preamble.push('\n');
                }
            }
        }
        if let Some((level, name)) = heading(text) {
            if level == 2 {
                if s.sections.is_empty() {
                    s.line = l.number;
                } else {
                    close_section(&mut s.form, &body);
                }
                body.clear();
                s.sections.push(Sourced {
                    value: name.to_string(),
                    line: l.number,
                });
                in_progress = sections::classify(name) == Some(SectionKind::Progress);
                current = Some(name.to_string());
            }
            continue;
        }
        if current.is_some() {
            body.push(text);
        }
        let t = text.trim_start();
        let Some((marker, item)) = list_marker(t) else {
            continue;
        };
        let boxed = item.starts_with("[ ]") || item.starts_with("[x]") || item.starts_with("[X]");
        if boxed {
            if let Some(c) = &current {
                if !s.checklists.contains(c) {
                    s.checklists.push(c.clone());
                }
                if s.form.box_markers.len() < s.sections.len() {
                    s.form.box_markers.push(Some(marker.to_string()));
                }
            }
        }
        if in_progress {
            let stamped = item.contains("YYYY") || has_date(item);
            s.progress_timestamps = Some(s.progress_timestamps.unwrap_or(false) || stamped);
            if s.form.progress_example.is_none() {
                s.form.progress_example = Some(Sourced {
                    value: item.trim_end().to_string(),
                    line: l.number,
                });
            }
        }
    }
    if !s.sections.is_empty() {
        close_section(&mut s.form, &body);
    }
    let lower = preamble.to_lowercase();
    s.form.asks_reference = lower.contains("plans.md") || lower.contains("reference the path");
    s
}

/// Where a template's YAML front matter reading stands.
enum FrontMatter {
    Before,
    Inside,
    Done,
}

impl FrontMatter {
    /// Takes a line of the text before the first section; whether it was front matter.
    fn read(&mut self, raw: &str, into: &mut Vec<String>) -> bool {
        let line = raw.trim();
        match self {
            FrontMatter::Before if line == "---" => *self = FrontMatter::Inside,
            FrontMatter::Before if line.is_empty() => {}
            FrontMatter::Before | FrontMatter::Done => {
                *self = FrontMatter::Done;
                return false;
            }
            FrontMatter::Inside if line == "---" || line == "..." => *self = FrontMatter::Done,
            FrontMatter::Inside => into.push(raw.to_string()),
        }
        true
    }
}

/// Ends a section of the template: its prompt (the first paragraph of prose, else its items
/// that are not boxes) and, where it showed no checkbox, no box marker.
fn close_section(form: &mut TemplateForm, body: &[&str]) {
    let mut prose: Vec<&str> = Vec::new();
    let mut items: Vec<&str> = Vec::new();
    for line in body {
        let t = line.trim();
        // A rule, a comment or a line of marks says nothing: not part of a prompt.
        let says = t.chars().any(char::is_alphanumeric) && !t.starts_with("<!--");
        let t = if says { t } else { "" };
        let top_level = !line.starts_with([' ', '\t']);
        match list_marker(t) {
            // A blank or nested line ends the first paragraph.
            _ if (t.is_empty() || !top_level) && !prose.is_empty() => break,
            _ if t.is_empty() || !top_level => {}
            Some((_, item)) if !item.starts_with('[') && prose.is_empty() => items.push(t),
            Some(_) => {}
            None if items.is_empty() => prose.push(t),
            None => {}
        }
    }
    let prompt = if prose.is_empty() { items } else { prose };
    form.prompts.push(prompt.join("\n"));
    let sections = form.prompts.len();
    if form.box_markers.len() < sections {
        form.box_markers.resize(sections, None);
    }
}

/// A list item's marker (`-`, `*`, `1.`) and its text.
fn list_marker(t: &str) -> Option<(&str, &str)> {
    if let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
        return Some((&t[..1], item));
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (digits > 0)
        .then(|| t[digits..].strip_prefix(". "))
        .flatten()
        .map(|item| (&t[..digits + 1], item))
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

    /// The shape an agent answers in, or the prompt it is sent, is not a plan's template; the
    /// same sections shown twice are one template.
    #[test]
    fn an_agents_output_format_and_prompt_are_no_templates() {
        let block =
            "```markdown\n## Summary\n\n## Architecture\n\n## Data flow\n\n## Order of work\n```\n";
        let spec = format!(
            "# Workflow\n\n## 1. Plan documents\n\n### Document structure\n\n```markdown\n# Phase N\n\n## Goal\n\n## Tasks\n\n- [ ] task\n\n## Checks\n```\n\n## 2. Design agent output format\n\n### Required sections\n\n{block}\n### Prompt template\n\n{block}"
        );
        let read = Spec::read(&spec);
        let names: Vec<String> = read
            .skeleton
            .unwrap()
            .sections
            .iter()
            .map(|s| s.value.clone())
            .collect();
        assert_eq!(names, ["Goal", "Tasks", "Checks"]);
        assert!(read.alternatives.is_empty());
        // The same block under a heading of the plan's own is a further template, once.
        let plain = spec
            .replace("Design agent output format", "Design plans")
            .replace("### Prompt template", "### Design plan template");
        assert_eq!(Spec::read(&plain).alternatives.len(), 1);
    }

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
