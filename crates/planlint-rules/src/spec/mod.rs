//! Reading a project's own spec (its `PLANS.md`): what planlint can learn from it about the plans
//! it governs — a skeleton (headings in a fenced or indented template block, or a template file
//! the spec names), a list of required sections, a status vocabulary, and where plans live.
//!
//! Specs are prose written for people and agents; this reader takes what it recognises and
//! ignores the rest, never failing. It takes text and returns a [`Spec`]; finding and reading
//! the file is the caller's job. What the spec means for a plan is [`crate::contract`]'s.
//!
//! Each part of a spec is read in its own file: the skeletons (`skeleton.rs`), the list of
//! required sections (`required.rs`), the status vocabulary (`statuses.rs`), where plans live
//! (`places.rs`), and what makes a file's text a plan (`plan_text.rs`). This file holds the types,
//! [`Spec::read`] that puts the parts together, and the line helpers they share.

mod front_matter;
mod places;
mod plan_text;
mod required;
mod skeleton;
mod statuses;

use planlint_parser::sections::{self, SectionKind};

pub use front_matter::FrontMatterField;
pub use places::{expand_pattern, inline_code, Fill};
pub use plan_text::{
    declares_execplan, execplan_declaration, has_plan_skeleton, not_a_plan, unwrapped, Declaration,
};

use front_matter::required_fields;
use places::{companions, locations, plan_file, template_files, template_folder};
use plan_text::mentions_timestamps;
use required::{required, required_aliases, required_list};
use skeleton::{skeletons, template_sections};
use statuses::statuses;

/// A value read from the spec, with the 1-based line it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub line: usize,
}

/// The sections of a skeleton, as its headings name them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skeleton {
    /// The H2 headings in order (numbers kept as written).
    pub sections: Vec<Sourced<String>>,
    /// Headings of the sections whose example body holds a checklist.
    pub checklists: Vec<String>,
    /// Whether the Progress section's examples carry a timestamp (or a `YYYY-MM-DD` stand-in);
    /// `None` when the skeleton shows no Progress entries.
    pub progress_timestamps: Option<bool>,
    /// The line the skeleton starts on.
    pub line: usize,
    /// What a new plan is written from: the template's title, front matter, prompts and entry
    /// forms.
    pub form: TemplateForm,
    /// The template file it was read from, from the project root; `None` for the spec itself.
    pub file: Option<String>,
}

/// The parts of a template a new plan is written from (`planlint new`), beyond its headings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateForm {
    /// The template's `# ` title as written (`EP-YYYYMMDD-<short-slug>`, `<Short description>`).
    pub title: Option<Sourced<String>>,
    /// The lines of the template's YAML front matter, without the `---` lines.
    pub front_matter: Vec<String>,
    /// The line the front matter starts on (0 without one).
    pub front_matter_line: usize,
    /// Per section (as [`Skeleton::sections`]): the prose that says what it holds (its first
    /// paragraph, or its placeholder items), empty when it shows none.
    pub prompts: Vec<String>,
    /// Per section: the list marker of its first checkbox item (`-`, `1.`), if it shows one.
    pub box_markers: Vec<Option<String>>,
    /// The first entry the Progress section shows, after its list marker (`[x] (YYYY-MM-DD
    /// HH:MMZ) Example step.`, `YYYY-MM-DD: <what was done>`).
    pub progress_example: Option<Sourced<String>>,
    /// Whether the text before the first section asks a plan to name the spec it follows
    /// ("reference the path to that file", "PLANS.md").
    pub asks_reference: bool,
}

impl Skeleton {
    /// Whether this is the published canonical skeleton (Purpose and the four living sections
    /// among its headings, every heading a known canonical section), which keeps the default
    /// contract.
    pub fn is_canonical(&self) -> bool {
        let kinds: Vec<Option<SectionKind>> = self
            .sections
            .iter()
            .map(|s| sections::classify(&s.value))
            .collect();
        let core = [
            SectionKind::Purpose,
            SectionKind::Progress,
            SectionKind::Surprises,
            SectionKind::DecisionLog,
            SectionKind::Outcomes,
        ];
        core.iter().all(|k| kinds.contains(&Some(*k))) && kinds.iter().all(Option::is_some)
    }

    /// Whether this is the numbered dialect's skeleton (a Metadata section among numbered ones).
    pub fn is_numbered(&self) -> bool {
        let numbered = self
            .sections
            .iter()
            .filter(|s| sections::strip_number(&s.value).1.is_some())
            .count();
        numbered >= 3
            && self
                .sections
                .iter()
                .any(|s| sections::classify(&s.value) == Some(SectionKind::Metadata))
    }
}

/// What a spec says, as far as planlint can read it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    pub skeleton: Option<Skeleton>,
    /// Further templates of the project's own (one for parent plans, one for child plans): a
    /// plan is held to the one it follows best.
    pub alternatives: Vec<Skeleton>,
    /// The template files the spec names for new plans (`docs/exec-plans/PLAN_TEMPLATE.md`,
    /// "Use `docs/plan-skeleton.md` for all new plans"), as written, in order; the caller reads
    /// them and gives the first that reads as a template to [`Spec::read_template`].
    pub template_files: Vec<Sourced<String>>,
    /// A folder of templates the spec names (`docs/exec-plans/templates/`), as written.
    pub template_folder: Option<Sourced<String>>,
    /// The names of a required-sections list, in order, each with its own line.
    pub required: Option<Vec<Sourced<String>>>,
    /// Status values the spec names.
    pub statuses: Vec<Sourced<String>>,
    /// Whether the spec calls its status values the allowed ones (`one of`, `A | B`, `A or B` in a
    /// status field, "Allowed values:"); words given as examples (`such as`, `e.g.`) or simply
    /// listed (under a "Plan States" heading) leave the vocabulary open.
    pub statuses_closed: bool,
    /// Whether the spec's prose asks for timestamps (`timestamp`, `タイムスタンプ`, …).
    pub mentions_timestamps: bool,
    /// The spec's first line that speaks of timestamps, where it has one.
    pub timestamps_line: Option<usize>,
    /// Where plans live: folders (`docs/exec-plans/active/`) and globs (`plans/execplan-*.md`),
    /// from the project root.
    pub locations: Vec<Sourced<String>>,
    /// Where a new plan goes: the spec's path pattern for a plan file, placeholders kept
    /// (`docs/exec-plans/active/<workstream>/PLAN_*.md`, `plans/execplan-*.md`).
    pub plan_file: Option<Sourced<String>>,
    /// Where the spec shows plan sections numbered as the numbered dialect writes them
    /// (`# 7. Validation and acceptance`, three or more outside a code block), if it does.
    pub numbered_sections: Option<usize>,
    /// The front matter fields the spec requires of a plan, with the value each shows.
    pub front_matter: Vec<Sourced<FrontMatterField>>,
    /// File names of the other files kept beside plans (`TASK_*.md`), where the spec names both
    /// a plan file name (`PLAN_*.md`) and these: they are not plans.
    pub companions: Vec<Sourced<String>>,
    /// Other headings a required section may be written as, from a note under its list item
    /// ("or use the heading `## 0. Architecture review`"): (the required name, the heading).
    pub required_aliases: Vec<(String, String)>,
    /// The kind of plan the required list is for, where the spec scopes it to one
    /// (`execution contract`): a plan that calls itself another kind is not held to it.
    pub required_for: Option<String>,
}

/// A line of the spec, with whether it lies in a code block.
struct Line<'a> {
    text: &'a str,
    number: usize,
    /// Inside a fenced block (the fence lines themselves count as inside).
    fenced: bool,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim_start_matches('\u{feff}');
        let trimmed = t.trim_start();
        let ticks = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .count();
        let opener = trimmed.chars().next().filter(|_| ticks >= 3);
        let fenced = fence.is_some() || opener.is_some();
        match (fence, opener) {
            (None, Some(c)) => fence = Some((c, ticks)),
            (Some((c, n)), Some(o))
                if o == c && ticks >= n && trimmed[ticks..].trim().is_empty() =>
            {
                fence = None
            }
            _ => {}
        }
        out.push(Line {
            text: t,
            number: i + 1,
            fenced,
        });
    }
    out
}

/// A run of the spec's lines outside code blocks read together: a paragraph, or a list item
/// with its continuation lines (a table row, a heading, a blank line or a code block ends one).
struct Passage {
    /// The lines' text joined by newlines, each without its indentation (an item's first line
    /// without its marker).
    text: String,
    /// Where each line starts in `text`, with its number.
    starts: Vec<(usize, usize)>,
    /// A list item's indentation, `None` for a paragraph.
    item: Option<usize>,
}

impl Passage {
    /// The number of the line that holds `offset` of the text.
    fn line_at(&self, offset: usize) -> usize {
        self.starts
            .iter()
            .take_while(|(start, _)| *start <= offset)
            .last()
            .map_or(0, |(_, n)| *n)
    }
}

/// The spec read as prose: its headings and passages in order.
enum Piece<'a> {
    /// A heading outside code blocks: its text.
    Heading(&'a str),
    Passage(Passage),
}

/// The headings and passages of the spec in order, each with the index in `lines` of the line
/// after it.
fn pieces<'a>(lines: &'a [Line<'a>]) -> Vec<(usize, Piece<'a>)> {
    let mut out = Vec::new();
    let mut open: Option<Passage> = None;
    for (i, l) in lines.iter().enumerate() {
        let head = heading(l.text).filter(|_| !l.fenced);
        let trimmed = l.text.trim_start();
        let item = list_item(trimmed).filter(|_| !l.fenced && head.is_none());
        let table = trimmed.starts_with('|');
        // Any other line of prose continues the passage at hand (an item's too).
        if l.fenced || head.is_some() || item.is_some() || trimmed.is_empty() || table {
            if let Some(p) = open.take() {
                out.push((i, Piece::Passage(p)));
            }
        }
        if let Some((_, text)) = head {
            out.push((i + 1, Piece::Heading(text)));
            continue;
        }
        if l.fenced || trimmed.is_empty() || table {
            continue;
        }
        let (text, indent) = match item {
            Some(rest) => (rest, Some(l.text.len() - trimmed.len())),
            None => (trimmed, None),
        };
        let p = open.get_or_insert_with(|| Passage {
            text: String::new(),
            starts: Vec::new(),
            item: indent,
        });
        if !p.text.is_empty() {
            p.text.push('\n');
        }
        p.starts.push((p.text.len(), l.number));
        p.text.push_str(text);
    }
    if let Some(p) = open.take() {
        out.push((lines.len(), Piece::Passage(p)));
    }
    out
}

/// Whether `text`, in any case, holds one of `words` (written in lowercase).
fn says_any(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| lower.contains(w))
}

/// The heading text of a Markdown heading line (`## Name` → `Name`), if it is one.
fn heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    let level = t.chars().take_while(|c| *c == '#').count();
    if level == 0 || level > 6 || !t[level..].starts_with([' ', '\t']) {
        return None;
    }
    Some((level, t[level..].trim().trim_end_matches('#').trim()))
}

/// The plan folders and globs a text names, read as a spec's are (for agent instructions,
/// which are no spec: only where they say plans live is wanted, not a whole spec's reading).
pub fn plan_places(text: &str) -> Vec<Sourced<String>> {
    locations(&lines(text))
}

impl Spec {
    /// Read what planlint can from a spec's text.
    pub fn read(text: &str) -> Spec {
        let lines = lines(text);
        let mut skeletons = skeletons(&lines).into_iter();
        let skeleton = skeletons.next();
        let (statuses, statuses_closed) = statuses(&lines);
        let (required, required_for) = match required_list(&lines) {
            Some((names, kind)) => (Some(names), kind),
            None => (None, None),
        };
        Spec {
            alternatives: skeletons
                .filter(|k| {
                    skeleton
                        .as_ref()
                        .is_some_and(|s| !s.is_canonical() && !k.is_canonical())
                })
                .collect(),
            skeleton,
            template_files: template_files(&lines),
            template_folder: template_folder(&lines),
            required_aliases: required_aliases(&lines, required.as_deref().unwrap_or_default()),
            required,
            required_for,
            statuses,
            statuses_closed,
            mentions_timestamps: mentions_timestamps(text),
            timestamps_line: lines
                .iter()
                .find(|l| mentions_timestamps(l.text))
                .map(|l| l.number),
            locations: locations(&lines),
            plan_file: plan_file(&lines),
            front_matter: required_fields(&lines),
            numbered_sections: numbered_sections(&lines),
            companions: companions(&lines),
        }
    }

    /// The line where the spec shows its plans in the numbered dialect — a numbered skeleton,
    /// or numbered plan sections of its own — if it does: new plans are written numbered.
    pub fn numbered_line(&self) -> Option<usize> {
        match &self.skeleton {
            Some(k) if k.is_numbered() => Some(k.line),
            _ => self.numbered_sections,
        }
    }

    /// The skeleton of a template file the spec names (`file`, from the project root): its H2
    /// headings. The first template read is the skeleton, each further one a template the
    /// plan may follow instead; a file with fewer than three sections, or with more than one
    /// `# ` heading (a prompt or a guide in steps, not a plan's shape), is none.
    pub fn read_template(&mut self, text: &str, file: &str) -> bool {
        let lines = lines(text);
        let titles = lines
            .iter()
            .filter(|l| !l.fenced && matches!(heading(l.text), Some((1, _))))
            .count();
        let mut sections = template_sections(lines.iter().filter(|l| !l.fenced));
        if sections.sections.len() < 3 || titles > 1 {
            return false;
        }
        sections.file = Some(file.to_string());
        match &self.skeleton {
            None => self.skeleton = Some(sections),
            Some(first) if !first.is_canonical() && !sections.is_canonical() => {
                self.alternatives.push(sections)
            }
            Some(_) => return false,
        }
        self.mentions_timestamps |= mentions_timestamps(text);
        true
    }
}

/// The first of three or more headings outside code blocks that name a plan section with a
/// number (`# 7. Validation and acceptance`, `## 8. Progress`).
fn numbered_sections(lines: &[Line<'_>]) -> Option<usize> {
    let numbered: Vec<usize> = lines
        .iter()
        .filter(|l| !l.fenced)
        .filter_map(|l| {
            let (_, text) = heading(l.text)?;
            let (rest, number) = sections::strip_number(text);
            (number.is_some() && sections::classify(rest).is_some()).then_some(l.number)
        })
        .collect();
    (numbered.len() >= 3).then(|| numbered[0])
}

/// Whether a file's text is a spec rather than a plan: it shows a skeleton or lists the
/// required sections.
pub fn is_spec(text: &str) -> bool {
    let lines = lines(text);
    !skeletons(&lines).is_empty() || required(&lines).is_some()
}

/// Whether a `PLANS.md` is itself a plan: not a spec, and it keeps a Progress log.
pub fn is_plan_itself(text: &str) -> bool {
    if is_spec(text) {
        return false;
    }
    let plan = planlint_parser::parse(text);
    plan.section(SectionKind::Progress).is_some()
}

/// A list item's text, after its `-`, `*` or `1.` marker.
fn list_item(t: &str) -> Option<&str> {
    t.strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| {
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            (digits > 0)
                .then(|| {
                    t[digits..]
                        .strip_prefix(". ")
                        .or(t[digits..].strip_prefix(") "))
                })
                .flatten()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_sections_statuses_and_places() {
        let text = "# Standard\n\n## Canonical Location\n- Active: `docs/exec-plans/active/<workstream>/`\n- Each keeps one `PLAN_*.md`.\n- Index: `docs/exec-plans/index.md`\n\n## Required Plan Sections\n- Purpose / Big Picture\n- `Testing Approach` — how\n- Progress\n\nStatus values: `Status: draft`, `Status: live-validated`.\n- `status` (required): `planned | active | paused | done`\n";
        let spec = Spec::read(text);
        let required = spec.required.as_ref().unwrap();
        let names: Vec<&str> = required.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(
            names,
            ["Purpose / Big Picture", "Testing Approach", "Progress"]
        );
        let lines: Vec<usize> = required.iter().map(|r| r.line).collect();
        assert_eq!(lines, [9, 10, 11]);
        let statuses: Vec<&str> = spec.statuses.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(
            statuses,
            [
                "draft",
                "live-validated",
                "planned",
                "active",
                "paused",
                "done"
            ]
        );
        let places: Vec<&str> = spec.locations.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(places, ["docs/exec-plans/active/"]);
        // `PLAN_*.md` alone names no companions.
        assert!(spec.companions.is_empty());
        let both = Spec::read("Each folder keeps one `PLAN_*.md` and its `TASK_*.md` files.\n");
        let companions: Vec<&str> = both.companions.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(companions, ["TASK_*.md"]);
    }

    #[test]
    fn plans_md_that_is_a_plan() {
        assert!(is_plan_itself(
            "# PLANS\n\n## Progress\n\n- [x] (2025-01-01 10:00Z) Did it.\n"
        ));
        assert!(!is_plan_itself(
            "# PLANS\n\n```md\n## Purpose\n## Progress\n## Decision Log\n```\n"
        ));
    }
}
