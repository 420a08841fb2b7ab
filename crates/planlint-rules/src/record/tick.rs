//! `planlint tick`: check the one open box a substring or number names; a Progress entry gets
//! its timestamp in the log's style, and stays in place when the log's time order allows, else
//! moves to the log's newest end (the bottom, or the top of a newest-first log).

use chrono::{DateTime, Utc};
use planlint_parser::{BoxState, Checkbox, Plan, ProgressEntry, SectionKind, Span, Stamp};

use super::stamp::{bump_last_updated, style};
use super::{insert, line_end, line_start, minimal_edit, next_line_start, RecordError};
use crate::{Edit, Settings};

/// The edits that check the open box matching `pattern`: its number among the open boxes, or a
/// substring of its line (any case) that no other open box shares.
pub fn tick_edits(
    text: &str,
    settings: &Settings,
    pattern: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Edit>, RecordError> {
    let plan = planlint_parser::parse(text);
    let (index, b) = choose(&plan, pattern)?;
    let mut edits = vec![Edit {
        span: b.marker,
        text: "[x]".into(),
    }];
    // A checked Progress entry carries a timestamp, in the log's own style.
    if let Some(e) = plan.progress.iter().find(|e| e.checkbox == Some(index)) {
        let in_progress = plan
            .section_at(e.span.start)
            .is_some_and(|s| plan.sections[s].kind == Some(SectionKind::Progress));
        if in_progress && settings.progress_timestamps && matches!(e.stamp, Stamp::None) {
            if let Some(moved) = move_to_end(&plan, e, b, now)? {
                return Ok(vec![moved]);
            }
            let after = b.marker.end;
            let gap = text[after..].len() - text[after..].trim_start_matches([' ', '\t']).len();
            edits.push(insert(
                after + gap,
                style(Some(&plan), plan.dialect).wrap(now),
            ));
        }
    }
    edits.extend(bump_last_updated(&plan, now));
    Ok(edits)
}

/// The text after an open box's marker, on its line.
fn box_line<'p>(plan: &'p Plan<'_>, b: &Checkbox<'_>) -> &'p str {
    let s = b.marker.end;
    plan.source[s..line_end(plan, s)].trim()
}

/// The one open box `pattern` names, with its index; else the refusal listing the open boxes.
fn choose<'p, 'a>(
    plan: &'p Plan<'a>,
    pattern: &str,
) -> Result<(usize, &'p Checkbox<'a>), RecordError> {
    let open: Vec<(usize, &Checkbox<'_>)> = plan
        .checkboxes
        .iter()
        .enumerate()
        .filter(|(_, b)| b.state == BoxState::Open)
        .collect();
    let chosen: Vec<&(usize, &Checkbox<'_>)> = match pattern.trim().parse::<usize>() {
        Ok(n) if n >= 1 && n <= open.len() => vec![&open[n - 1]],
        _ => {
            let p = pattern.to_lowercase();
            open.iter()
                .filter(|(_, b)| box_line(plan, b).to_lowercase().contains(&p))
                .collect()
        }
    };
    if let [one] = chosen.as_slice() {
        return Ok(**one);
    }
    let list: Vec<String> = open
        .iter()
        .enumerate()
        .map(|(i, (_, b))| format!("  {}. {}", i + 1, box_line(plan, b)))
        .collect();
    let why = if chosen.is_empty() {
        "no open box matches"
    } else {
        "more than one open box matches"
    };
    Err(RecordError(format!(
        "{why} `{pattern}`; the open boxes:\n{}",
        list.join("\n")
    )))
}

/// A checked entry belongs where its time puts it. It stays in place when the log's order
/// allows — no stamped entry of its list after it in an oldest-first log, none before it in a
/// newest-first one — else it moves to the log's newest end (the bottom, or the top of a
/// newest-first log), where `log` writes. An open entry is not part of the record yet, so
/// nothing else is rewritten. An entry moves with its sub-items; `None` when it stays.
fn move_to_end(
    plan: &Plan<'_>,
    e: &ProgressEntry<'_>,
    b: &Checkbox<'_>,
    now: DateTime<Utc>,
) -> Result<Option<Edit>, RecordError> {
    let text = plan.source;
    let i = plan
        .progress
        .iter()
        .position(|p| std::ptr::eq(p, e))
        .unwrap_or(0);
    let sec = plan.section_at(e.span.start);
    let peer = |p: &&ProgressEntry<'_>| {
        plan.section_at(p.span.start) == sec && p.depth == e.depth && p.list == e.list
    };
    // Each peer's time as `timestamp-order` reads it: its own, or a group heading's last
    // stamped sub-item's.
    let stamp = |k: usize| {
        plan.progress[k].timestamp().or_else(|| {
            plan.progress[k + 1..]
                .iter()
                .take_while(|c| c.depth > plan.progress[k].depth)
                .filter(|c| c.parent == Some(k))
                .filter_map(|c| c.timestamp())
                .last()
        })
    };
    let peers: Vec<usize> = (0..plan.progress.len())
        .filter(|&k| peer(&&plan.progress[k]))
        .collect();
    let stamped_before = peers.iter().any(|&k| k < i && stamp(k).is_some());
    let stamped_after = peers.iter().any(|&k| k > i && stamp(k).is_some());
    let seq: Vec<&planlint_parser::Timestamp> = peers.iter().filter_map(|&k| stamp(k)).collect();
    let in_order = if crate::newest_first(&seq) {
        !stamped_before
    } else {
        !stamped_after
    };
    if in_order {
        return Ok(None);
    }
    // The entry with its sub-items, which move with it.
    let last = plan.progress[i + 1..]
        .iter()
        .take_while(|p| p.depth > e.depth)
        .last()
        .unwrap_or(e);
    let lines = Span::new(
        line_start(plan, b.marker.start.min(e.span.start)),
        next_line_start(plan, last.span.end),
    );
    let without = format!("{}{}", &text[..lines.start], &text[lines.end..]);
    // Where `log` would write, found with a stand-in entry; the entry's own lines go there,
    // ticked and stamped, every other byte of them as written (continuation indentation
    // included). A numbered entry takes the number `log` gives it.
    let stand_in = "\u{1}";
    let mut logged = super::log_edits(&without, stand_in, false, now)?;
    let block = &text[lines.start..lines.end];
    let (m0, m1) = (b.marker.start - lines.start, b.marker.end - lines.start);
    let rest = &block[m1..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let ticked = format!(
        "{}[x]{}{}{}",
        &block[..m0],
        &rest[..gap],
        style(Some(plan), plan.dialect).wrap(now),
        &rest[gap..]
    );
    let ticked = ticked.trim_end_matches(['\n', '\r']);
    if let Some(ins) = logged.iter_mut().find(|x| x.text.contains(stand_in)) {
        let line_at = ins.text[..ins.text.find(stand_in).unwrap_or(0)]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line_end = ins.text[line_at..]
            .find(['\r', '\n'])
            .map_or(ins.text.len(), |i| line_at + i);
        let generated = &ins.text[line_at..line_end];
        let numbered = super::log::number(generated.trim_start()).is_some();
        let replacement = if numbered {
            let own_text = &ticked[ticked.find(e.text).unwrap_or(ticked.len())..];
            generated.replace(stand_in, own_text)
        } else {
            ticked.to_string()
        };
        ins.text = format!(
            "{}{replacement}{}",
            &ins.text[..line_at],
            &ins.text[line_end..]
        );
    }
    let moved = super::apply(&without, &logged)
        .ok_or_else(|| RecordError("the entry could not be moved".into()))?;
    Ok(Some(minimal_edit(text, &moved)))
}
