//! Progress entries: every list item of a Progress section (bulleted or numbered), with its box,
//! its timestamp, its depth below the section's shallowest item and the entry it is nested in;
//! and every row of a Progress table with a date or time column (`| Date | Status | Evidence |`),
//! stamped by that column.

use super::checkbox::Boxes;
use super::walk::Raw;
use crate::model::{section_index, ProgressEntry, Section};
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
    let rows = table_entries(source, raw, secs, next_list);
    if rows.is_empty() {
        return progress;
    }
    merge(progress, rows)
}

/// Header words of a table's date or time column.
const DATE_COLUMNS: &[&str] = &[
    "date",
    "time",
    "when",
    "timestamp",
    "日期",
    "时间",
    "日付",
    "日時",
    "時間",
    "날짜",
    "일시",
    "fecha",
    "data",
];

/// The rows of Progress tables whose header names a date or time column: one entry per row, its
/// text from the date cell to the row's last cell, its stamp read from the date cell. Each table
/// is a list of its own, numbered from `first_list`.
fn table_entries<'a>(
    source: &'a str,
    raw: &Raw,
    secs: &[Section<'_>],
    first_list: usize,
) -> Vec<ProgressEntry<'a>> {
    let mut out = Vec::new();
    let mut list = first_list;
    let cell = |s: &crate::span::Span| {
        let t = &source[s.start..s.end];
        let inner = t.trim().trim_matches('|').trim();
        let at = s.start + t.find(inner).unwrap_or(0);
        (inner, at)
    };
    for table in &raw.tables {
        let Some(header) = table.first() else {
            continue;
        };
        let sec = header.first().and_then(|c| section_index(secs, c.start));
        if sec.is_none_or(|i| secs[i].kind != Some(SectionKind::Progress)) {
            continue;
        }
        let Some(col) = header.iter().position(|c| {
            let name = cell(c).0.to_lowercase();
            DATE_COLUMNS.iter().any(|k| name.contains(k))
        }) else {
            continue;
        };
        for row in &table[1..] {
            let (Some(date), Some(last)) = (row.get(col), row.last()) else {
                continue;
            };
            let (date_text, start) = cell(date);
            let (last_text, last_at) = cell(last);
            let end = (last_at + last_text.len()).max(start + date_text.len());
            let text = source.get(start..end).unwrap_or("");
            let stamp = if date_text.is_empty() {
                timestamp::Stamp::None
            } else {
                timestamp::find_in_entry(date_text, start)
            };
            let first = row.first().map_or(date.start, |c| c.start);
            out.push(ProgressEntry {
                span: crate::span::Span::new(first, row.last().map_or(end, |c| c.end)),
                text,
                checkbox: None,
                stamp,
                depth: 0,
                parent: None,
                list,
            });
        }
        list += 1;
    }
    out
}

/// List entries and table rows in document order, parents renumbered.
fn merge<'a>(
    items: Vec<ProgressEntry<'a>>,
    rows: Vec<ProgressEntry<'a>>,
) -> Vec<ProgressEntry<'a>> {
    let n = items.len();
    let mut all: Vec<(usize, ProgressEntry<'a>)> =
        items.into_iter().chain(rows).enumerate().collect();
    all.sort_by_key(|(_, e)| e.span.start);
    let mut new_index = vec![0; all.len()];
    for (new, (old, _)) in all.iter().enumerate() {
        new_index[*old] = new;
    }
    all.into_iter()
        .map(|(_, mut e)| {
            e.parent = e.parent.filter(|&p| p < n).map(|p| new_index[p]);
            e
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use crate::parse;

    /// Issue 20: a Progress table with a date column is a log, one entry per row.
    #[test]
    fn progress_table_rows_are_entries() {
        let plan = parse("# P\n\n## Progress\n\n| Date | Status | Evidence |\n| --- | --- | --- |\n| 2025-10-01 13:00Z | done | Wrote the reader. |\n| 2025-10-02 | done | Wrote the checks. |\n|  | open | Write the guide. |\n\n- [x] (2025-10-03 10:00Z) A list after it.\n");
        let p = &plan.progress;
        assert_eq!(p.len(), 4);
        assert_eq!(p[0].text, "2025-10-01 13:00Z | done | Wrote the reader.");
        assert!(p[0].timestamp().is_some());
        assert!(p[1].timestamp().is_some());
        assert!(p[2].timestamp().is_none());
        assert_ne!(p[0].list, p[3].list);
        assert_eq!(p[3].text, "(2025-10-03 10:00Z) A list after it.");
    }

    /// Issue 20: numbered Progress lists (`1.`, `2)`, with or without boxes) are entries.
    #[test]
    fn numbered_progress_items_are_entries() {
        let plan = parse("# P\n\n## Progress\n\n1. (2025-10-01 13:00Z) Wrote the reader.\n2. [x] (2025-10-02 09:00Z) Wrote the checks.\n3) 2025-10-03: Wrote the guide.\n");
        assert_eq!(plan.progress.len(), 3);
        assert!(plan.progress.iter().all(|e| e.timestamp().is_some()));
        assert!(plan.progress[1].checkbox.is_some());
    }

    /// A table without a date column is not a log.
    #[test]
    fn a_table_without_a_date_column_is_not_a_log() {
        let plan =
            parse("# P\n\n## Progress\n\n| Step | Done |\n| --- | --- |\n| reader | yes |\n");
        assert!(plan.progress.is_empty());
    }
}
