//! Reading a project's own spec (its `PLANS.md`): what planlint can learn from it about the plans
//! it governs — a skeleton (headings in a fenced or indented template block, or a template file
//! the spec names), a list of required sections, a status vocabulary, and where plans live.
//!
//! Specs are prose written for people and agents; this reader takes what it recognises and
//! ignores the rest, never failing. It takes text and returns a [`Spec`]; finding and reading
//! the file is the caller's job. What the spec means for a plan is [`crate::contract`]'s.

use planlint_parser::sections::{self, SectionKind};
use planlint_parser::status;

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
    /// A template file the spec names for new plans (`docs/exec-plans/PLAN_TEMPLATE.md`), as
    /// written; the caller reads it and gives it to [`Spec::read_template`].
    pub template_file: Option<Sourced<String>>,
    /// The names of a required-sections list, in order, each with its own line.
    pub required: Option<Vec<Sourced<String>>>,
    /// Status values the spec names.
    pub statuses: Vec<Sourced<String>>,
    /// Whether the spec calls its status values the allowed ones (`one of`, `A | B`, `A or B` in a
    /// status field); words given as examples (`such as`, `e.g.`) leave the vocabulary open.
    pub statuses_closed: bool,
    /// Whether the spec's prose asks for timestamps (`timestamp`, `タイムスタンプ`, …).
    pub mentions_timestamps: bool,
    /// Where plans live: folders (`docs/exec-plans/active/`) and globs (`plans/execplan-*.md`),
    /// from the project root.
    pub locations: Vec<Sourced<String>>,
    /// File names of the other files kept beside plans (`TASK_*.md`), where the spec names both
    /// a plan file name (`PLAN_*.md`) and these: they are not plans.
    pub companions: Vec<Sourced<String>>,
    /// Other headings a required section may be written as, from a note under its list item
    /// ("or use the heading `## 0. Architecture review`"): (the required name, the heading).
    pub required_aliases: Vec<(String, String)>,
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

/// The heading text of a Markdown heading line (`## Name` → `Name`), if it is one.
fn heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    let level = t.chars().take_while(|c| *c == '#').count();
    if level == 0 || level > 6 || !t[level..].starts_with([' ', '\t']) {
        return None;
    }
    Some((level, t[level..].trim().trim_end_matches('#').trim()))
}

impl Spec {
    /// Read what planlint can from a spec's text.
    pub fn read(text: &str) -> Spec {
        let lines = lines(text);
        let mut skeletons = skeletons(&lines).into_iter();
        let skeleton = skeletons.next();
        let (statuses, statuses_closed) = statuses(&lines);
        Spec {
            alternatives: skeletons
                .filter(|k| {
                    skeleton
                        .as_ref()
                        .is_some_and(|s| !s.is_canonical() && !k.is_canonical())
                })
                .collect(),
            skeleton,
            template_file: template_file(&lines),
            required: required(&lines),
            statuses,
            statuses_closed,
            mentions_timestamps: mentions_timestamps(text),
            locations: locations(&lines),
            companions: companions(&lines),
            required_aliases: required_aliases(&lines),
        }
    }

    /// The skeleton of a template file the spec names: its H2 headings.
    pub fn read_template(&mut self, text: &str) {
        if self.skeleton.is_some() {
            return;
        }
        let lines = lines(text);
        let sections = template_sections(lines.iter().filter(|l| !l.fenced));
        if sections.sections.len() >= 3 {
            self.skeleton = Some(sections);
        }
        self.mentions_timestamps |= mentions_timestamps(text);
    }
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

/// Why a file found in a plan place does not read as a plan, if it does not: a document about
/// writing plans (it shows a plan skeleton or lists the required sections, and keeps no
/// record), or one with neither plan sections nor a Progress or checklist record (an index, a
/// roadmap, a note, a stub that says the plan moved). `own` are the normalised names of the
/// sections the project's contract gives its plans, which count as plan sections beside the
/// known ones and the usual parts of a plan (scope, tasks, milestones, risks, …).
pub fn not_a_plan(text: &str, own: &[String]) -> Option<&'static str> {
    let mut sections = 0;
    let mut in_progress = false;
    let mut fence: Option<(u8, usize)> = None;
    for line in text.lines() {
        let t = line.trim_start();
        let b = t.as_bytes();
        let ticks = b.iter().take_while(|c| **c == b'`' || **c == b'~').count();
        if ticks >= 3 {
            match fence {
                None => fence = Some((b[0], ticks)),
                Some((c, n)) if c == b[0] && ticks >= n && t[ticks..].trim().is_empty() => {
                    fence = None
                }
                _ => {}
            }
            continue;
        }
        if fence.is_some() {
            continue;
        }
        if let Some((level, name)) = heading(t) {
            if (2..=3).contains(&level) {
                let norm = sections::normalize_name(name);
                let kind = sections::classify_normalized(&norm);
                in_progress = kind == Some(SectionKind::Progress);
                // A section of the contract weighs two; one of the usual parts of a plan, one.
                if kind.is_some() || own.contains(&norm) {
                    sections += 2;
                } else if plan_part(&norm) {
                    sections += 1;
                }
            }
            continue;
        }
        if let Some(item) = list_item(t) {
            let boxed = item.len() >= 3
                && item.as_bytes()[0] == b'['
                && item.as_bytes()[2] == b']'
                && matches!(item.as_bytes()[1], b' ' | b'x' | b'X' | b'!' | b'~');
            // A record is enough: most plans are told at their first Progress entry.
            if boxed || in_progress {
                return None;
            }
        }
    }
    if is_spec(text) {
        return Some("a document about writing plans: it shows a plan skeleton or lists the required sections");
    }
    (sections < 2).then_some("neither plan sections nor a Progress or checklist record")
}

/// Whether a normalised heading names one of the usual parts of a plan that the contract does
/// not name (a plan of a team's own still has its scope, tasks, milestones, risks).
fn plan_part(norm: &str) -> bool {
    const PARTS: &[&str] = &[
        "scope",
        "non goal",
        "task",
        "step",
        "milestone",
        "implementation",
        "risk",
        "acceptance",
        "verification",
        "test plan",
        "rollout",
        "deliverable",
        "requirement",
        "approach",
        "work breakdown",
        "testing",
        "test",
        "timeline",
        "done",
        "definition of done",
        "decision",
        "outcome",
        "summary",
    ];
    PARTS.iter().any(|p| {
        norm.starts_with(p)
            && norm[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || c == 's')
    }) || norm.split(' ').any(|w| {
        // Words that say what a part of a plan holds wherever they stand in its heading
        // (`Shipped goal`, `Durable recovery decisions`, `Local validation`).
        matches!(
            w,
            "decision" | "outcome" | "goal" | "validation" | "verification" | "milestone"
        )
    })
}

/// Whether a Markdown file declares itself an ExecPlan, wherever it stands: its opening says
/// "This ExecPlan is a living document" (or Execution Plan), or its title calls it an ExecPlan
/// (`# ExecPlan: …`, `# … ExecPlan`) — and it is no document about writing plans.
pub fn declares_execplan(text: &str) -> bool {
    let head = match text.char_indices().nth(8192) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    // The plan's own words, not a quoted skeleton: outside fenced and indented blocks (looked
    // at only when the words are there at all).
    let maybe = head.to_ascii_lowercase().contains("is a living document");
    let living = maybe
        && lines(head).iter().any(|l| {
            let lower = l.text.to_lowercase();
            !l.fenced
                && !l.text.starts_with("    ")
                && !l.text.starts_with('\t')
                && [
                    "this execplan is a living document",
                    "this exec plan is a living document",
                    "this execution plan is a living document",
                ]
                .iter()
                .any(|p| lower.contains(p))
        });
    let titled = || {
        head.lines()
            .find_map(|l| heading(l).filter(|(level, _)| *level == 1))
            .is_some_and(|(_, title)| {
                title
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("execplan"))
            })
    };
    (living || titled()) && not_a_plan(text, &[]).is_none()
}

/// The skeletons a spec shows, in order: fenced blocks holding three or more `##` headings (two
/// under a heading that says template or skeleton), else indented ones, else a template written
/// as bare headings after such a heading (`# <title>`, then its `##` sections).
fn skeletons(lines: &[Line<'_>]) -> Vec<Skeleton> {
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

/// Whether a spec's prose asks that Progress entries carry timestamps.
fn mentions_timestamps(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "timestamp",
        "タイムスタンプ",
        "时间戳",
        "時間戳",
        "타임스탬프",
        "marca de tiempo",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// The `##` headings of a template, with the checklists and Progress examples under them.
fn template_sections<'l, 'a: 'l>(block: impl Iterator<Item = &'l Line<'a>>) -> Skeleton {
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
fn required(lines: &[Line<'_>]) -> Option<Vec<Sourced<String>>> {
    for (i, l) in lines.iter().enumerate() {
        if l.fenced {
            continue;
        }
        let introduces = match heading(l.text) {
            Some((_, text)) => {
                let lower = text.to_lowercase();
                REQUIRED_WORDS.iter().any(|w| lower.contains(w))
                    && SECTION_WORDS.iter().any(|w| lower.contains(w))
            }
            None => introduces_sections(l.text),
        };
        if !introduces {
            continue;
        }
        if let Some(names) = name_list(&lines[i + 1..], heading(l.text).is_some()) {
            return Some(names);
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
                return Some(names);
            }
        }
    }
    None
}

/// The headings a required-list item's note offers instead of its name: backticked `## …`
/// headings on the item's continuation lines.
fn required_aliases(lines: &[Line<'_>]) -> Vec<(String, String)> {
    let Some(list) = required(lines) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in &list {
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

/// Status values: `` `Status: value` `` anywhere, `status … a | b | c` lines, and backticked
/// words listed under a "States"/"Statuses" heading.
fn statuses(lines: &[Line<'_>]) -> (Vec<Sourced<String>>, bool) {
    let mut out: Vec<Sourced<String>> = Vec::new();
    let mut closed = false;
    let mut push = |value: &str, line: usize| {
        let v = value.trim().trim_matches(['`', '*']).trim();
        let plain = !v.is_empty()
            && v.len() <= 30
            && v.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
            && !v.contains("  ");
        if plain && !out.iter().any(|o| o.value.eq_ignore_ascii_case(v)) {
            out.push(Sourced {
                value: v.to_string(),
                line,
            });
        }
    };
    let mut under_states = false;
    for l in lines {
        if let Some((_, text)) = heading(l.text).filter(|_| !l.fenced) {
            let lower = text.to_lowercase();
            under_states = lower.contains("states") || lower.contains("statuses");
            continue;
        }
        let examples = gives_examples(l.text);
        // A status field whose value lists the choices: `Status: `ACTIVE` or `COMPLETED``,
        // `status (required): planned | active | paused | done` — in a template block too.
        if let Some(words) = status_choices(l.text) {
            for w in &words {
                push(w, l.number);
            }
            closed |= !examples;
            continue;
        }
        if l.fenced {
            continue;
        }
        // `Status: value` in backticks: an example of a value unless the line calls it allowed.
        let mut rest = l.text;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else { break };
            let code = &after[..close];
            if let Some(kv) = planlint_parser::keyvalue::key_value(code, 0) {
                if status::is_status_key(kv.key) && !kv.value.contains('|') {
                    if let Some((v, _, _)) = status::cut_value(kv.value) {
                        push(v, l.number);
                        closed |= !examples && says_allowed(l.text);
                    }
                }
            }
            rest = &after[close + 1..];
        }
        if under_states {
            let t = l.text.trim_start();
            if let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
                if let Some(word) = item.strip_prefix('`').and_then(|r| r.split('`').next()) {
                    push(word, l.number);
                    closed |= !examples;
                }
            }
        }
    }
    (out, closed)
}

/// Words that say the values on a line are examples, which leave the vocabulary open.
const EXAMPLE_WORDS: &[&str] = &[
    "such as",
    "e.g.",
    "for example",
    "for instance",
    "recommended",
    "like ",
    "次のような",
    "例えば",
    "例:",
    "例：",
    "예:",
    "예：",
    "예를 들어",
    "例如",
    "比如",
    "por ejemplo",
    "por exemplo",
];

fn gives_examples(line: &str) -> bool {
    let lower = line.to_lowercase();
    EXAMPLE_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether a line calls its values the allowed ones.
fn says_allowed(line: &str) -> bool {
    let lower = line.to_lowercase();
    [
        "allowed",
        "one of",
        "valid ",
        "must be",
        "permitted",
        "のいずれか",
        "중 하나",
        "之一",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// The choices a status field's value lists: `a | b | c` (three or more), or two or more
/// backticked values joined by `or`, `/` and their translations.
fn status_choices(line: &str) -> Option<Vec<String>> {
    let t = line.trim_start();
    if t.starts_with('|') {
        return None;
    }
    let lower = t.to_lowercase();
    let at = lower.find("status")?;
    let value = t[at..].split_once([':', '：'])?.1;
    let value = value.trim().trim_start_matches(['*', '_']).trim();
    if value.matches('|').count() >= 2 {
        let words: Vec<String> = value.split('|').map(|w| w.trim().to_string()).collect();
        return words
            .iter()
            .all(|w| w.split_whitespace().count() <= 3)
            .then_some(words);
    }
    let mut words = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        let between = rest[..open].trim().to_lowercase();
        let joined = words.is_empty()
            || [
                "or",
                "/",
                "|",
                ",",
                "또는",
                "または",
                "或",
                "或者",
                "o",
                "ou",
                "、",
            ]
            .contains(&between.as_str());
        // `Status: draft` in backticks is an example of the field, read as one elsewhere.
        if !joined || after[..close].contains([':', '：']) {
            return None;
        }
        words.push(after[..close].to_string());
        rest = &after[close + 1..];
    }
    (words.len() >= 2).then_some(words)
}

/// Backticked folders and globs that hold plans: a path with a component naming plans.
fn locations(lines: &[Line<'_>]) -> Vec<Sourced<String>> {
    let mut out: Vec<Sourced<String>> = Vec::new();
    for l in lines.iter().filter(|l| !l.fenced) {
        let mut rest = l.text;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else { break };
            if let Some(place) = location(&after[..close]) {
                if !out.iter().any(|o| o.value == place) {
                    out.push(Sourced {
                        value: place,
                        line: l.number,
                    });
                }
            }
            rest = &after[close + 1..];
        }
    }
    out
}

/// A plan folder (`docs/exec-plans/active/`) or glob (`plans/execplan-*.md`) from inline code.
fn location(code: &str) -> Option<String> {
    let code = code.trim();
    if code.starts_with(['/', '.', '~', '$']) || code.contains(char::is_whitespace) {
        return None;
    }
    // Cut at the first placeholder component (`<workstream>`, `{name}`).
    let mut kept = Vec::new();
    let mut folder = code.ends_with('/');
    for part in code.split('/').filter(|p| !p.is_empty()) {
        if part.contains(['<', '{', '[']) {
            folder = true;
            break;
        }
        kept.push(part);
    }
    let names_plans = kept.iter().any(|p| p.to_lowercase().contains("plan"));
    if kept.is_empty() || !names_plans {
        return None;
    }
    let path = kept.join("/");
    if folder {
        return (!path.contains('*')).then(|| format!("{path}/"));
    }
    // A glob of Markdown files.
    (path.contains('*') && path.to_lowercase().ends_with(".md") && kept.len() >= 2).then_some(path)
}

/// Backticked file-name globs (`PLAN_*.md`, `TASK_*.md`): when one names plans, the others
/// name the files kept beside them.
fn companions(lines: &[Line<'_>]) -> Vec<Sourced<String>> {
    let mut names: Vec<Sourced<String>> = Vec::new();
    for l in lines.iter().filter(|l| !l.fenced) {
        let mut rest = l.text;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else { break };
            let code = after[..close].trim();
            let glob = code.contains('*')
                && !code.contains(['/', ' '])
                && code.to_ascii_lowercase().ends_with(".md");
            if glob && !names.iter().any(|n| n.value == code) {
                names.push(Sourced {
                    value: code.to_string(),
                    line: l.number,
                });
            }
            rest = &after[close + 1..];
        }
    }
    let is_plan = |n: &Sourced<String>| n.value.to_ascii_lowercase().contains("plan");
    if !names.iter().any(is_plan) {
        return Vec::new();
    }
    names.into_iter().filter(|n| !is_plan(n)).collect()
}

/// A template file the spec names for new plans: a backticked Markdown path with `template` in
/// its name, on a line that speaks of plans (not of milestones).
fn template_file(lines: &[Line<'_>]) -> Option<Sourced<String>> {
    for l in lines.iter().filter(|l| !l.fenced) {
        let lower = l.text.to_lowercase();
        if !lower.contains("plan") || lower.contains("milestone") {
            continue;
        }
        let mut rest = l.text;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else { break };
            let code = after[..close].trim();
            let name = code.rsplit('/').next().unwrap_or(code).to_lowercase();
            if name.contains("template") && name.ends_with(".md") && !code.contains(' ') {
                return Some(Sourced {
                    value: code.trim_start_matches("./").to_string(),
                    line: l.number,
                });
            }
            rest = &after[close + 1..];
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn statuses_close_only_where_the_spec_says_so() {
        let examples = Spec::read("Use a status such as `Status: draft` or `Status: shipped`.\n");
        assert!(!examples.statuses_closed);
        assert_eq!(examples.statuses.len(), 2);
        let field = Spec::read("```md\n> **Status:** `ACTIVE` or `COMPLETED`\n```\n");
        assert!(field.statuses_closed);
        let piped = Spec::read("- `status` (required): `planned | active | done`\n");
        assert!(piped.statuses_closed);
        let allowed = Spec::read("The status must be one of `Status: open`, `Status: closed`.\n");
        assert!(allowed.statuses_closed);
    }

    #[test]
    fn what_is_not_a_required_list() {
        // Required front matter keys are not sections.
        let text =
            "## Registry metadata (required)\n\n- `id` (required): `EP-1`\n- `title` (required)\n";
        assert!(Spec::read(text).required.is_none());
        assert_eq!(
            location("plans/execplan-*.md").as_deref(),
            Some("plans/execplan-*.md")
        );
        assert_eq!(location("src/lib.rs"), None);
        assert_eq!(location("docs/exec-plans/index.md"), None);
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
