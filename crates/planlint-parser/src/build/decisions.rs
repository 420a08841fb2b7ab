//! Decision Log entries in their four shapes: `- Decision: …` list items (the rationale on a
//! nested line or a sibling bullet), dated bullets `- (2026-06-16) … Rationale: …` where the
//! log keeps its rationale under that key, `Decision: …` paragraphs (the rationale in the
//! paragraph or the next one), and table rows under a `Decision` column. Translated keys count
//! the same.

use super::line_at;
use super::outline::SectionCursor;
use super::walk::{Raw, RawParagraph};
use crate::keyvalue::{is_one_of, key_value, KeyValue};
use crate::model::{section_index, Decision, DecisionForm, Section};
use crate::sections::SectionKind;
use crate::span::Span;

/// Keys that introduce a decision (lowercase).
pub const DECISION_KEYS: &[&str] = &[
    "decision",
    "decisão",
    "decisao",
    "decisión",
    "決定",
    "决策",
    "결정",
    "決定事項",
    "决定",
];
/// Keys that introduce a decision's rationale (lowercase).
pub const RATIONALE_KEYS: &[&str] = &[
    "rationale",
    "reason",
    "reasons",
    "why",
    "because",
    "根拠",
    "理由",
    "근거",
    "이유",
    "justificativa",
    "justificación",
    "justificacion",
    "razón",
    "razon",
    "motivo",
    "rationale/notes",
    "原因",
    "依据",
    "根据",
    "justification",
];

/// Table columns that carry the rationale by reference: the record it was argued in (an ADR).
const REFERENCE_COLUMNS: &[&str] = &["record", "adr", "reference"];

/// Every Decision Log entry, in document order.
pub(crate) fn decisions<'a>(
    source: &'a str,
    secs: &[Section<'_>],
    raw: &Raw,
    item_sections: &[Option<usize>],
) -> Vec<Decision<'a>> {
    let in_log =
        |sec: Option<usize>| sec.is_some_and(|i| secs[i].kind == Some(SectionKind::DecisionLog));
    let mut out = Vec::new();
    list_form(source, raw, item_sections, &in_log, &mut out);
    dated_form(source, raw, item_sections, &in_log, &mut out);
    paragraph_form(source, secs, raw, &in_log, &mut out);
    table_form(source, secs, raw, &in_log, &mut out);
    out.sort_by_key(|d| d.span.start);
    out
}

/// The keyed first line at `start`, when its key is one of `set`.
fn keyed_line<'a>(source: &'a str, start: usize, set: &[&str]) -> Option<KeyValue<'a>> {
    key_value(line_at(source, start), start).filter(|kv| is_one_of(kv.key, set))
}

/// A `Decision: …` entry whose first line starts at `start` and whose text is `body`, with the
/// rationale when a line of `body` gives one. Both the list and the paragraph form read so.
fn decision_at(source: &str, start: usize, body: Span, form: DecisionForm) -> Option<Decision<'_>> {
    let first = line_at(source, start);
    let kv = key_value(first, start)?;
    if !is_one_of(kv.key, DECISION_KEYS) {
        return None;
    }
    let mut text = kv.value;
    let mut rationale = rationale_line(&source[body.start..body.end])
        .map(|o| Span::new(body.start + o, body.start + o + 1));
    // `- Decision: ship. Rationale: done.` on one line.
    if rationale.is_none() {
        if let Some(at) = inline_rationale(kv.value) {
            let key_at = kv.value_span.start + at;
            rationale = Some(Span::new(key_at, key_at + 1));
            text = kv.value[..at].trim_end();
        }
    }
    Some(Decision {
        text,
        span: Span::new(start, start + first.len()),
        rationale,
        form,
    })
}

/// Where a rationale key (`Rationale:`, `Why:`, `理由：`) starts inside a decision's value, after
/// the decision itself.
fn inline_rationale(value: &str) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, _) in value.char_indices().skip(1) {
        let before = value[..i].chars().next_back();
        if !before
            .is_some_and(|c| c.is_whitespace() || matches!(c, '.' | ';' | ',' | '。' | '、' | '('))
        {
            continue;
        }
        let rest = value[i..].trim_start_matches(['*', '_']);
        if let Some(kv) = key_value(rest, 0) {
            if kv.key_span.start == 0 && is_one_of(kv.key, RATIONALE_KEYS) && !kv.value.is_empty() {
                best = Some(i);
                break;
            }
        }
    }
    best
}

/// Where the first line of `text` keyed as a rationale has its key.
fn rationale_line(text: &str) -> Option<usize> {
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if let Some(kv) = key_value(l, 0) {
            if is_one_of(kv.key, RATIONALE_KEYS) {
                return Some(off + kv.key_span.start);
            }
        }
        off += line.len();
    }
    None
}

/// `- Decision: …` items; without a nested rationale, the next sibling bullets are asked
/// (`- Decision: …` then `- Rationale: …`) until another decision or a shallower item.
fn list_form<'a>(
    source: &'a str,
    raw: &Raw,
    item_sections: &[Option<usize>],
    in_log: &impl Fn(Option<usize>) -> bool,
    out: &mut Vec<Decision<'a>>,
) {
    let log_items: Vec<usize> = (0..raw.items.len())
        .filter(|&i| in_log(item_sections[i]))
        .collect();
    for (pos, &i) in log_items.iter().enumerate() {
        let item = &raw.items[i];
        let Some(para) = item.first_para else {
            continue;
        };
        let Some(mut decision) = decision_at(source, para.start, item.span, DecisionForm::List)
        else {
            continue;
        };
        if decision.rationale.is_none() {
            for &j in &log_items[pos + 1..] {
                let sib = &raw.items[j];
                if sib.parent != item.parent || sib.depth != item.depth {
                    if sib.depth < item.depth {
                        break;
                    }
                    continue;
                }
                let Some(sp) = sib.first_para else { continue };
                let Some(skv) = key_value(line_at(source, sp.start), sp.start) else {
                    break;
                };
                if is_one_of(skv.key, DECISION_KEYS) {
                    break;
                }
                if is_one_of(skv.key, RATIONALE_KEYS) {
                    decision.rationale = Some(skv.key_span);
                    break;
                }
            }
        }
        out.push(decision);
    }
}

/// Dated bullets, `- (2026-06-16) Keep the chat consultative. Rationale: …`: the decision is the
/// text after the date, the rationale an inline or nested `Rationale:`. Read only where one of
/// the log's dated bullets keys its rationale so: that is the log's own convention, and a dated
/// bullet elsewhere may argue its reason in plain prose.
fn dated_form<'a>(
    source: &'a str,
    raw: &Raw,
    item_sections: &[Option<usize>],
    in_log: &impl Fn(Option<usize>) -> bool,
    out: &mut Vec<Decision<'a>>,
) {
    let mut dated: Vec<Decision<'a>> = Vec::new();
    for (i, item) in raw.items.iter().enumerate() {
        if item.depth != 0 || !in_log(item_sections[i]) {
            continue;
        }
        let Some(para) = item.first_para else {
            continue;
        };
        let first = line_at(source, para.start);
        let Some(after) = after_date(first) else {
            continue;
        };
        let text_at = para.start + (first.len() - after.len());
        let mut text = after;
        let mut rationale = None;
        if let Some(at) = inline_rationale(after) {
            rationale = Some(Span::new(text_at + at, text_at + at + 1));
            text = after[..at].trim_end();
        } else if let Some(o) = rationale_line(&source[para.start + first.len()..item.span.end]) {
            let at = para.start + first.len() + o;
            rationale = Some(Span::new(at, at + 1));
        }
        dated.push(Decision {
            text,
            span: Span::new(para.start, para.start + first.len()),
            rationale,
            form: DecisionForm::List,
        });
    }
    if dated.iter().any(|d| d.rationale.is_some()) {
        out.extend(dated);
    }
}

/// The text after a leading date, `(2026-06-16) `, `[2026-06-16] `, `**2026-06-16**: `, or
/// `2026-06-16 - `; `None` when the line does not open with a date or nothing follows it.
fn after_date(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(['(', '[', '*', '_']);
    let b = t.as_bytes();
    let date = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if !date {
        return None;
    }
    // A time or zone may follow inside the brackets: `(2026-06-16 14:10Z)`.
    let rest = match line.len() - t.len() {
        0 => &t[10..],
        _ => t[10..].split_once([')', ']']).map_or(&t[10..], |(_, r)| r),
    };
    let rest = rest
        .trim_start_matches(['*', '_', ')', ']'])
        .trim_start()
        .trim_start_matches([':', '-', '–', '—'])
        .trim_start();
    (!rest.is_empty()).then_some(rest)
}

/// `Decision: …` paragraphs; without a rationale line, the next paragraph may open with one.
fn paragraph_form<'a>(
    source: &'a str,
    secs: &[Section<'_>],
    raw: &Raw,
    in_log: &impl Fn(Option<usize>) -> bool,
    out: &mut Vec<Decision<'a>>,
) {
    let mut cursor = SectionCursor::new(secs);
    let paras: Vec<&RawParagraph> = raw
        .paragraphs
        .iter()
        .filter(|p| !p.in_item && in_log(cursor.at(p.span.start)))
        .collect();
    for (k, p) in paras.iter().enumerate() {
        let Some(mut decision) = decision_at(source, p.span.start, p.span, DecisionForm::Paragraph)
        else {
            continue;
        };
        if decision.rationale.is_none() {
            decision.rationale = paras
                .get(k + 1)
                .and_then(|next| keyed_line(source, next.span.start, RATIONALE_KEYS))
                .map(|kv| kv.key_span);
        }
        out.push(decision);
    }
}

/// Rows of a table in the Decision Log whose header names a decision column.
fn table_form<'a>(
    source: &'a str,
    secs: &[Section<'_>],
    raw: &Raw,
    in_log: &impl Fn(Option<usize>) -> bool,
    out: &mut Vec<Decision<'a>>,
) {
    for table in &raw.tables {
        let Some(header) = table.first() else {
            continue;
        };
        if !in_log(header.first().and_then(|c| section_index(secs, c.start))) {
            continue;
        }
        let cell = |s: &Span| source[s.start..s.end].trim().trim_matches('|').trim();
        let names: Vec<String> = header.iter().map(|c| cell(c).to_lowercase()).collect();
        let find = |set: &[&str]| names.iter().position(|n| set.iter().any(|k| n.contains(k)));
        let Some(dcol) = find(DECISION_KEYS) else {
            continue;
        };
        let rcol = find(RATIONALE_KEYS).or_else(|| find(REFERENCE_COLUMNS));
        for row in &table[1..] {
            let Some(d) = row.get(dcol) else { continue };
            let text = cell(d);
            if text.is_empty() {
                continue;
            }
            let rationale = rcol
                .and_then(|r| row.get(r))
                .filter(|c| !cell(c).is_empty())
                .copied();
            let start = row.first().map_or(d.start, |c| c.start);
            let end = row.last().map_or(d.end, |c| c.end);
            out.push(Decision {
                text,
                span: Span::new(start, end),
                rationale,
                form: DecisionForm::Table,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::parse;

    /// Issue 13, item 9: a rationale on the decision's own line counts.
    #[test]
    fn an_inline_rationale_counts() {
        let plan = parse("# P\n\n## Decision Log\n\n- Decision: ship. Rationale: done.\n- Decision: wait; why: tests are red.\n- Decision: 先に出す。理由：締め切り。\n- Decision: the reason field stays in the text\n");
        let d = &plan.decisions;
        assert_eq!(d.len(), 4);
        assert_eq!(d[0].text, "ship.");
        assert_eq!(plan.text(d[0].rationale.unwrap()), "R");
        assert_eq!(d[1].text, "wait;");
        assert!(d[1].rationale.is_some());
        assert_eq!(d[2].text, "先に出す。");
        assert!(d[2].rationale.is_some());
        assert!(d[3].rationale.is_none());
    }

    /// Dated bullets are decisions where the log keys a rationale on one of them.
    #[test]
    fn dated_bullets_are_decisions_where_the_log_keys_a_rationale() {
        let plan = parse("# P\n\n## Decision Log\n\n- (2026-06-16) Keep chat read-only. Rationale: it must not mutate.\n- (2026-06-16 14:10Z) Use the old colours.\n- **2026-06-17**: Drop the banner.\n  Rationale: nobody used it.\n- [2026-06-18] Use a rail instead of a strip.\n  - a nested note\n- Not dated at all.\n");
        let d = &plan.decisions;
        let texts: Vec<&str> = d.iter().map(|d| d.text).collect();
        assert_eq!(
            texts,
            [
                "Keep chat read-only.",
                "Use the old colours.",
                "Drop the banner.",
                "Use a rail instead of a strip."
            ]
        );
        let reasoned: Vec<bool> = d.iter().map(|d| d.rationale.is_some()).collect();
        assert_eq!(reasoned, [true, false, true, false]);
        assert_eq!(plan.text(d[0].rationale.unwrap()), "R");
        assert_eq!(plan.text(d[2].rationale.unwrap()), "R");
        // A log whose dated bullets argue in plain prose keys no rationale: they are not read.
        let prose = parse("# P\n\n## Decision Log\n\n- 2026-06-16: Keep chat read-only because it must not mutate.\n- 2026-06-17: Drop the banner since nobody used it.\n");
        assert!(prose.decisions.is_empty());
    }
}
