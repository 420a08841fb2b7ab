//! The list of required sections a spec gives: a heading or a sentence that introduces the
//! sections every plan must hold, then their names as list items or sub-headings, and the other
//! headings a note under an item offers for one of them.

use planlint_parser::sections;

use super::{heading, list_item, Line, Sourced};

/// Words that make a heading a list of required sections, and words that say it is of sections.
const REQUIRED_WORDS: &[&str] = &[
    "required",
    "mandatory",
    "must",
    "minimum",
    "at least",
    "必須",
    "必需",
    "必要",
    "最小",
    "至少",
    "最低限",
    "필수",
    "최소",
    "obligatori",
];
const SECTION_WORDS: &[&str] = &[
    "section",
    "heading",
    "structure",
    "セクション",
    "見出し",
    "構成",
    "章",
    "节",
    "部分",
    "标题",
    "结构",
    "섹션",
    "항목",
    "구조",
    "sección",
    "seção",
];

/// Words that name sections in the plural (or, in CJK, at all), for a sentence that introduces
/// a list of them: "this section must cover:" introduces content, not names.
const SECTIONS_PLURAL: &[&str] = &[
    "sections",
    "headings",
    "secciones",
    "seções",
    "セクション",
    "見出し",
    "構成",
    "章",
    "节",
    "标题",
    "结构",
    "섹션",
    "항목",
    "구조",
];

/// A heading that says required sections, or a line that introduces them (`An execution
/// contract contains only the sections …:`, `Every plan must include these headings:`),
/// followed by a list of names.
pub(super) fn required(lines: &[Line<'_>]) -> Option<Vec<Sourced<String>>> {
    required_list(lines).map(|(names, _)| names)
}

/// [`required`], and the kind of plan the list is for where the sentence that introduces it
/// names one ("An execution contract contains only the sections …:" is for execution
/// contracts, not the spec's research checklists).
pub(super) fn required_list(lines: &[Line<'_>]) -> Option<(Vec<Sourced<String>>, Option<String>)> {
    for (i, l) in lines.iter().enumerate() {
        if l.fenced {
            continue;
        }
        let introduces = match heading(l.text) {
            Some((_, text)) => {
                super::says_any(text, REQUIRED_WORDS) && super::says_any(text, SECTION_WORDS)
            }
            None => introduces_sections(l.text),
        };
        if !introduces {
            continue;
        }
        if let Some(names) = name_list(&lines[i + 1..], heading(l.text).is_some()) {
            let kind = heading(l.text)
                .is_none()
                .then(|| list_kind(l.text))
                .flatten();
            return Some((names, kind));
        }
        // A heading whose sub-headings are the sections, each with its description.
        if let Some((level, _)) = heading(l.text) {
            let mut names = Vec::new();
            for next in &lines[i + 1..] {
                let Some((lvl, text)) = heading(next.text).filter(|_| !next.fenced) else {
                    continue;
                };
                if lvl <= level {
                    break;
                }
                if lvl == level + 1 {
                    if let Some(Named::Section(name)) = section_name(text) {
                        names.push(Sourced {
                            value: name,
                            line: next.number,
                        });
                    }
                }
            }
            if names.len() >= 2 {
                return Some((names, None));
            }
        }
    }
    None
}

/// The headings a required-list item's note offers instead of its name: backticked `## …`
/// headings on the item's continuation lines.
pub(super) fn required_aliases(
    lines: &[Line<'_>],
    list: &[Sourced<String>],
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for item in list {
        let after = lines.iter().skip_while(|l| l.number <= item.line);
        for l in after
            .take_while(|l| l.text.starts_with([' ', '\t']) && list_item(l.text.trim()).is_none())
        {
            let mut rest = l.text;
            while let Some(open) = rest.find('`') {
                let tail = &rest[open + 1..];
                let Some(close) = tail.find('`') else { break };
                if let Some((level, name)) = heading(&tail[..close]) {
                    if level >= 2 {
                        out.push((item.value.clone(), name.to_string()));
                    }
                }
                rest = &tail[close + 1..];
            }
        }
    }
    out
}

/// The kind of plan a sentence introducing a list is about, where it names one that is not just
/// a plan: "An execution contract contains only …" → `execution contract`; "Every ExecPlan must
/// include …" and "Each document has …" name plans in general.
fn list_kind(line: &str) -> Option<String> {
    let lower = line.trim().to_lowercase();
    let rest = ["an ", "a ", "each ", "every "]
        .iter()
        .find_map(|a| lower.strip_prefix(a))?;
    const VERBS: &[&str] = &[
        "contains", "contain", "must", "should", "shall", "has", "have", "includes", "include",
        "consists", "needs", "requires", "holds", "is",
    ];
    let words: Vec<&str> = rest
        .split_whitespace()
        .take_while(|w| !VERBS.contains(w))
        .collect();
    const GENERIC: &[&str] = &[
        "document", "doc", "file", "artifact", "artefact", "one", "new",
    ];
    let general = words
        .iter()
        .any(|w| w.contains("plan") || GENERIC.contains(w) || !w.chars().all(char::is_alphabetic));
    (!words.is_empty() && words.len() <= 3 && !general).then(|| words.join(" "))
}

/// A line of prose that ends in a colon and says the sections or headings a plan must hold.
fn introduces_sections(line: &str) -> bool {
    let t = line.trim();
    // Not a list item's continuation, nor an item, a table row or a quote.
    if line.starts_with([' ', '\t'])
        || !t.ends_with([':', '：'])
        || t.starts_with(['-', '*', '|', '>'])
    {
        return false;
    }
    let lower = t.to_lowercase();
    let says = REQUIRED_WORDS
        .iter()
        .chain(&[
            "only", "include", "contain", "consist", "包含", "含む", "포함",
        ])
        .any(|w| lower.contains(w));
    // Sections in the plural: "this section must cover:" introduces content, not names.
    let plural = SECTIONS_PLURAL.iter().any(|w| lower.contains(w));
    says && plural
}

/// The list of section names that follows an introduction; prose before the list is skipped
/// under a heading, not after a line that introduces the list. A list whose items are
/// sentences describes content, not headings: it is no list of names.
fn name_list(after: &[Line<'_>], skip_prose: bool) -> Option<Vec<Sourced<String>>> {
    let mut names = Vec::new();
    for next in after {
        if next.fenced || heading(next.text).is_some() {
            break;
        }
        let t = next.text.trim();
        if t.is_empty() {
            if names.is_empty() {
                continue;
            }
            break;
        }
        // An item's continuation line (a note under a name) belongs to the item.
        if !names.is_empty() && next.text.starts_with([' ', '\t']) && list_item(t).is_none() {
            continue;
        }
        let Some(item) = list_item(t) else {
            if names.is_empty() && skip_prose {
                continue;
            }
            break;
        };
        match section_name(item) {
            Some(Named::Section(name)) => {
                names.push(Sourced {
                    value: name,
                    line: next.number,
                });
            }
            Some(Named::Title) => {}
            None => return None,
        }
    }
    (names.len() >= 2).then_some(names)
}

/// What a required-sections list item names.
#[derive(Debug, PartialEq, Eq)]
enum Named {
    Section(String),
    /// `` `# <Short action-oriented title>` ``: the plan's title, not a section.
    Title,
}

/// A section name from a list item: backticks, emphasis, `#` markers and a number dropped, a
/// note after a colon, an em dash or a parenthesis cut off. `None` for a sentence.
fn section_name(item: &str) -> Option<Named> {
    let t = item.trim().trim_start_matches("[ ]").trim();
    let t = match t.strip_prefix('`') {
        Some(rest) => rest.split('`').next().unwrap_or(rest),
        None => t,
    };
    let t = t.trim_matches(['*', '_']).trim();
    let marks = t.chars().take_while(|c| *c == '#').count();
    if marks == 1 && t[1..].starts_with(' ') {
        return Some(Named::Title);
    }
    let t = t[marks..].trim();
    let t = sections::strip_number(t).0.trim();
    let cut = [" — ", " – ", " - ", ": ", "（", " ("]
        .iter()
        .filter_map(|sep| t.find(sep))
        .min()
        .unwrap_or(t.len());
    let name = t[..cut].trim().trim_end_matches([':', '.']).trim();
    let sentence =
        name.split_whitespace().count() > 8 || item.trim_end().ends_with([',', ';', '、', '，']);
    (!name.is_empty() && name.chars().count() <= 60 && !sentence)
        .then(|| Named::Section(name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::list_kind;
    use crate::spec::Spec;

    #[test]
    fn required_lists_in_the_shapes_specs_write_them() {
        let names = |text: &str| -> Vec<String> {
            Spec::read(text)
                .required
                .unwrap_or_default()
                .into_iter()
                .map(|s| s.value)
                .collect()
        };
        // Headings as written, numbered, the title first; each name at its own line.
        let headings = "## Required sections\n\n1. `# <Short title>`\n2. `## Purpose / Big Picture`\n3. `## Progress`\n";
        assert_eq!(names(headings), ["Purpose / Big Picture", "Progress"]);
        // Introduced by a sentence, with a note under an item that offers another heading.
        let noted = "## 3. Minimum structure\n\nEvery plan contains at least these sections:\n\n- `Goal`\n- `Architecture`\n  Note: `## 0. Design review` may stand for it.\n- `Progress`\n";
        assert_eq!(names(noted), ["Goal", "Architecture", "Progress"]);
        assert_eq!(
            Spec::read(noted).required_aliases,
            [("Architecture".to_string(), "0. Design review".to_string())]
        );
        // The sections as sub-headings, each with its description.
        let sub = "## Required Sections\n\n### Purpose\n\nWhy.\n\n### Current Context\n\nWhere.\n\n### Progress\n\nLog.\n\n## Style\n";
        assert_eq!(names(sub), ["Purpose", "Current Context", "Progress"]);
        // Sentences are content, not names.
        let prose = "Every plan must include these sections:\n\n- the reason the work matters to users,\n- the commands that check it,\n";
        assert!(names(prose).is_empty());
    }

    #[test]
    fn the_kind_of_plan_a_list_is_for() {
        let kind = list_kind;
        assert_eq!(
            kind("An execution contract contains only the sections that prevent a real failure:")
                .as_deref(),
            Some("execution contract")
        );
        assert_eq!(
            kind("A research brief must include these sections:").as_deref(),
            Some("research brief")
        );
        for general in [
            "Every ExecPlan must include these headings:",
            "Each plan contains the following sections:",
            "A document must have these sections:",
            "Every new one has these headings:",
            "The plan must contain these sections:",
            "Sections every plan needs:",
        ] {
            assert_eq!(kind(general), None, "{general}");
        }
    }

    #[test]
    fn what_is_not_a_required_list() {
        // Required front matter keys are not sections.
        let text =
            "## Registry metadata (required)\n\n- `id` (required): `EP-1`\n- `title` (required)\n";
        assert!(Spec::read(text).required.is_none());
    }
}
