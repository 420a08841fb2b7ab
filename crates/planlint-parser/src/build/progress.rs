//! Progress entries: every list item of a Progress section, with its box, its timestamp, its
//! depth below the section's shallowest item and the entry it is nested in.

use super::checkbox::Boxes;
use super::walk::Raw;
use crate::model::{ProgressEntry, Section};
use crate::sections::SectionKind;
use crate::timestamp;

pub(crate) fn progress<'a>(
    source: &'a str,
    raw: &Raw,
    secs: &[Section<'_>],
    item_sections: &[Option<usize>],
    boxes: &Boxes<'_>,
) -> Vec<ProgressEntry<'a>> {
    let mut progress: Vec<ProgressEntry> = Vec::with_capacity(raw.items.len());
    let mut entry_of_item: Vec<Option<usize>> = vec![None; raw.items.len()];
    // The shallowest item depth met so far in the section at hand: (section, depth).
    let mut base_depth: Option<(usize, usize)> = None;
    // The lists met so far, by where they start; an entry's list is its index here.
    let mut lists: Vec<((usize, usize), usize)> = Vec::new();
    let mut next_list = 0;
    let (mut sec_of_last, mut last_end) = (None, 0);
    for (idx, item) in raw.items.iter().enumerate() {
        let Some(sec) = item_sections[idx] else {
            continue;
        };
        if secs[sec].kind != Some(SectionKind::Progress) {
            continue;
        }
        let Some(para) = item.first_para else {
            continue;
        };
        let base = match base_depth {
            Some((s, d)) if s == sec => d.min(item.depth),
            _ => item.depth,
        };
        base_depth = Some((sec, base));
        let checkbox = boxes.item_box[idx];
        let text_start = checkbox
            .map_or(para.start, |b| {
                boxes.checkboxes[b].marker.end.max(para.start)
            })
            .min(para.end);
        let text = source.get(text_start..para.end).unwrap_or("");
        let stamp = timestamp::find_in_entry(text, text_start);
        let parent = item.parent.and_then(|p| entry_of_item[p]);
        let list = match lists.iter().rev().find(|(key, _)| *key == item.list) {
            Some((_, id)) => *id,
            None => {
                // A list that follows the last one with nothing between but blank lines and
                // HTML comments (which end a Markdown list) goes on the same log.
                let joins = item.depth == base
                    && sec_of_last == Some(sec)
                    && !separated(raw, last_end, item.span.start);
                let id = match (joins, progress.last()) {
                    (true, Some(last)) => last.list,
                    _ => next_list,
                };
                next_list += usize::from(id == next_list);
                lists.push((item.list, id));
                id
            }
        };
        sec_of_last = Some(sec);
        last_end = last_end.max(item.span.end);
        entry_of_item[idx] = Some(progress.len());
        progress.push(ProgressEntry {
            span: para,
            text: text.trim(),
            checkbox,
            stamp,
            depth: item.depth - base,
            parent,
            list,
        });
    }
    progress
}

/// Whether a heading or a block of content starts between `from` and `to`: lists with only blank
/// lines and HTML comments between them are one log.
fn separated(raw: &Raw, from: usize, to: usize) -> bool {
    raw.blocks.iter().any(|b| {
        b.start >= from
            && b.start < to
            && (b.content || raw.headings.iter().any(|h| h.span.start == b.start))
    })
}
