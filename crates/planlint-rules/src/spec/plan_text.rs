//! What a file's own text says about whether it is a plan: whether it reads as one at all (plan
//! sections or a record, and no document about writing plans), whether it declares itself an
//! ExecPlan, and whether a spec's prose asks for timestamps.

use planlint_parser::sections::{self, SectionKind};

use super::{heading, is_spec, lines, list_item};

/// Why a file found in a plan place does not read as a plan, if it does not: a document about
/// writing plans (it shows a plan skeleton or lists the required sections, and keeps no
/// record), or one with neither plan sections nor a Progress or checklist record (an index, a
/// roadmap, a note, a stub that says the plan moved). `own` are the normalised names of the
/// sections the project's contract gives its plans, which count as plan sections beside the
/// known ones and the usual parts of a plan (scope, tasks, milestones, risks, …).
pub fn not_a_plan(text: &str, own: &[String]) -> Option<&'static str> {
    let text = unwrapped(text);
    let mut sections = 0;
    let mut in_progress = false;
    let mut fence: Option<(u8, usize)> = None;
    // Before the first section: a status line with a plan's status weighs one (a completion
    // record opens with `Status: completed on …`).
    let mut preamble = true;
    // A section that holds a backlog or roadmap (`## UX Backlog (100 Items)`).
    let mut backlog = false;
    for line in text.lines() {
        let t = line.trim_start();
        // Indented four columns or more: a code block (the published article shows its skeleton
        // so) or a deeper list item, neither a heading nor the record that tells a plan.
        let indent: usize = line[..line.len() - t.len()]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
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
        if fence.is_some() || indent >= 4 {
            continue;
        }
        if preamble && has_plan_status(t) {
            sections += 1;
            preamble = false;
        }
        if let Some((level, name)) = heading(t) {
            preamble &= level < 2;
            if (2..=3).contains(&level) {
                let norm = sections::normalize_name(name);
                backlog |= norm
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| matches!(w, "backlog" | "roadmap"));
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
    if sections < 2 {
        return Some("neither plan sections nor a Progress or checklist record");
    }
    // With no record, a document built around a backlog or roadmap lists work to choose from; it
    // is not a plan of work being done.
    backlog.then_some("a backlog or roadmap with no Progress or checklist record")
}

/// The plan inside a Markdown envelope (the whole file one ```` ```md ```` fence, as agents
/// sometimes hand a plan over), else the text itself.
pub fn unwrapped(text: &str) -> &str {
    let body = text.trim_start_matches('\u{feff}');
    let start = body.len() - body.trim_start().len();
    let first_end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    let opening = body[start..first_end].trim();
    let info = opening.trim_start_matches('`');
    let ticks = opening.len() - info.len();
    if ticks < 3 || !matches!(info.trim(), "md" | "markdown" | "MD" | "Markdown") {
        return text;
    }
    let rest = &body[(first_end + 1).min(body.len())..];
    let trimmed = rest.trim_end();
    let Some(last_nl) = trimmed.rfind('\n') else {
        return text;
    };
    let closing = trimmed[last_nl + 1..].trim();
    let closes = closing.len() >= ticks && closing.bytes().all(|b| b == b'`');
    if closes {
        &rest[..last_nl]
    } else {
        text
    }
}

/// Whether a text holds at least three of the known plan sections (a plan's skeleton, whatever
/// its file is named).
pub fn has_plan_skeleton(text: &str) -> bool {
    let text = unwrapped(text);
    let mut kinds: Vec<SectionKind> = Vec::new();
    for l in lines(text).iter().filter(|l| !l.fenced) {
        if let Some((2, name)) = heading(l.text) {
            if let Some(k) = sections::classify(name) {
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
        }
    }
    kinds.len() >= 3
}

/// Whether a line is a status field whose value begins with a status of the built-in vocabulary
/// (`Status: completed and verified on …`, front matter `status: active`).
fn has_plan_status(line: &str) -> bool {
    use planlint_parser::{keyvalue, status};
    let Some(kv) = keyvalue::key_value(line, 0) else {
        return false;
    };
    if !status::is_status_key(kv.key) {
        return false;
    }
    let Some((value, ..)) = status::cut_value(kv.value) else {
        return false;
    };
    let word = value.split_whitespace().next().unwrap_or_default();
    crate::settings::DEFAULT_STATUSES.contains(&status::normalize_value(word).as_str())
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

/// How a Markdown file declares itself an ExecPlan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declaration {
    /// Its opening says "This ExecPlan is a living document" (or Execution Plan): the words
    /// the published skeleton puts in every plan.
    Living,
    /// Only its title calls it an ExecPlan (`# ExecPlan: …`, `# … ExecPlan`), which a brief or
    /// a proposal written before the plans may do too.
    Title,
}

/// Whether a Markdown file declares itself an ExecPlan, wherever it stands, and how (see
/// [`Declaration`]); a document about writing plans does not.
pub fn execplan_declaration(text: &str) -> Option<Declaration> {
    let text = unwrapped(text);
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
    let how = if living {
        Declaration::Living
    } else if titled() {
        Declaration::Title
    } else {
        return None;
    };
    not_a_plan(text, &[]).is_none().then_some(how)
}

/// Whether a Markdown file declares itself an ExecPlan in either way ([`execplan_declaration`]).
pub fn declares_execplan(text: &str) -> bool {
    execplan_declaration(text).is_some()
}

/// Whether a spec's prose asks that Progress entries carry timestamps.
pub(super) fn mentions_timestamps(text: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::not_a_plan;

    #[test]
    fn a_backlog_without_a_record_is_not_a_plan() {
        let backlog = "# Checkout overhaul\n\n## Purpose\n\nA calmer checkout.\n\n## Backlog (40 items)\n\n1. Fewer fields.\n2. Saved cards.\n\n## Suggested order\n\nFields first.\n\n## Definition of success\n\nConversion up.\n";
        assert_eq!(
            not_a_plan(backlog, &[]),
            Some("a backlog or roadmap with no Progress or checklist record")
        );
        // The same with its record kept is a plan.
        let kept = format!("{backlog}\n## Progress\n\n- [x] (2026-02-01 10:00Z) Fewer fields.\n");
        assert_eq!(not_a_plan(&kept, &[]), None);
        // A plan whose steps are a staged roadmap and that has no record yet still reads as a
        // plan only by its sections: without a backlog or roadmap heading it is kept.
        let design = "# Checkout overhaul\n\n## Purpose\n\nA calmer checkout.\n\n## Plan of Work\n\nFields first.\n\n## Risks\n\nNone.\n";
        assert_eq!(not_a_plan(design, &[]), None);
    }
}
