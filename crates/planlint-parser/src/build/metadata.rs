//! Metadata fields and the plan's own statuses: front matter, keyed lines in the preamble
//! (`Status: …`, `**Plan ID:** …`), bullets of the Metadata section, `Status:` bullets of
//! Outcomes & Retrospective, and the first line of a `## Status` section. `Status:` lines
//! elsewhere (a phase's, a step's) are not the plan's and are not read.

use super::line_at;
use super::outline::Outline;
use super::walk::Raw;
use crate::frontmatter::FrontMatter;
use crate::keyvalue::key_value;
use crate::model::{MetaKey, MetadataField, Origin, Status};
use crate::sections::SectionKind;
use crate::span::Span;
use crate::status;

/// The metadata fields in the order met, and the statuses in document order.
pub(crate) struct Metadata<'a> {
    pub fields: Vec<MetadataField<'a>>,
    pub statuses: Vec<Status>,
    /// The parent plan named in front matter ([`crate::Plan::part_of`]).
    pub part_of: Option<&'a str>,
}

/// Front matter keys that name a parent plan, and keys that say the file is one of its parts.
const PARENT_KEYS: [&str; 4] = ["execplan_id", "execplan", "plan_file", "parent_plan"];
const PART_KEYS: [&str; 5] = ["task_id", "ms", "milestone", "milestone_id", "task"];

/// The parent plan, when the front matter names one and says the file is a task or milestone.
fn part_of<'a>(fm: &FrontMatter<'a>) -> Option<&'a str> {
    let key = |k: &str| k.to_ascii_lowercase().replace('-', "_");
    let is_part = fm
        .fields
        .iter()
        .any(|f| PART_KEYS.contains(&key(f.key).as_str()));
    let parent = fm
        .fields
        .iter()
        .find(|f| PARENT_KEYS.contains(&key(f.key).as_str()) && !f.value.trim().is_empty())?;
    is_part.then_some(parent.value)
}

pub(crate) fn metadata<'a>(
    source: &'a str,
    front: Option<&FrontMatter<'a>>,
    outline: &Outline<'a>,
    raw: &Raw,
    item_sections: &[Option<usize>],
) -> Metadata<'a> {
    let mut out = Metadata {
        fields: Vec::new(),
        statuses: Vec::new(),
        part_of: None,
    };
    if let Some(fm) = front {
        front_matter(fm, &mut out);
        out.part_of = part_of(fm);
    }
    preamble_lines(source, outline, raw, &mut out);
    bullets(source, outline, raw, item_sections, &mut out);
    status_sections(source, outline, &mut out);
    out.statuses.sort_by_key(|s| s.span.start);
    out
}

fn front_matter<'a>(fm: &FrontMatter<'a>, out: &mut Metadata<'a>) {
    for f in &fm.fields {
        if status::is_status_key(f.key) {
            push_status(
                &mut out.statuses,
                f.value,
                f.value_span.start,
                Origin::FrontMatter,
            );
        } else if let Some(key) = MetaKey::from_key(f.key, true) {
            out.fields.push(MetadataField {
                key: f.key,
                field: Some(key),
                value: f.value,
                key_span: f.key_span,
                value_span: f.value_span,
                origin: Origin::FrontMatter,
            });
        }
    }
}

/// Preamble lines: `Status: …`, `**Plan ID:** …`, `> 更新时间：…`.
fn preamble_lines<'a>(source: &'a str, outline: &Outline<'a>, raw: &Raw, out: &mut Metadata<'a>) {
    for p in raw
        .paragraphs
        .iter()
        .filter(|p| outline.in_preamble(p.span.start))
    {
        let mut off = p.span.start;
        for line in source[p.span.start..p.span.end].split_inclusive('\n') {
            let l = line.trim_end_matches(['\n', '\r']);
            key_value_line(l, off, Origin::Preamble, out);
            off += line.len();
        }
    }
}

/// Bullets of the Metadata section, and `Status:` bullets at the top of Outcomes.
fn bullets<'a>(
    source: &'a str,
    outline: &Outline<'a>,
    raw: &Raw,
    item_sections: &[Option<usize>],
    out: &mut Metadata<'a>,
) {
    for (item, sec) in raw.items.iter().zip(item_sections) {
        let Some(para) = item.first_para else {
            continue;
        };
        let origin = match sec.and_then(|i| outline.sections[i].kind) {
            Some(SectionKind::Metadata) => Origin::Metadata,
            Some(SectionKind::Outcomes) if item.depth == 0 => Origin::Outcomes,
            // Preamble bullets are read with the preamble's lines.
            _ => continue,
        };
        let first_line = line_at(source, para.start);
        if origin == Origin::Outcomes {
            // Only status bullets count in Outcomes.
            if let Some(kv) = key_value(first_line, para.start) {
                if status::is_status_key(kv.key) {
                    push_status(&mut out.statuses, kv.value, kv.value_span.start, origin);
                }
            }
            continue;
        }
        let before = out.fields.len();
        key_value_line(first_line, para.start, origin, out);
        // `- Related issues/PRs:` with the values as nested bullets.
        let first_end = para.start + first_line.len();
        if let Some(f) = out.fields.get_mut(before).filter(|f| f.value.is_empty()) {
            let rest = source[first_end.min(item.span.end)..item.span.end].trim();
            if !rest.is_empty() {
                let at = first_end + source[first_end..item.span.end].find(rest).unwrap_or(0);
                f.value = rest;
                f.value_span = Span::new(at, at + rest.len());
            }
        }
    }
}

/// `## Status` sections: their first line is the plan's status. Only a section named Status
/// (`## Status Summary` or `## Status of the rollout` is a report, not the plan's status).
fn status_sections(source: &str, outline: &Outline<'_>, out: &mut Metadata<'_>) {
    for s in outline
        .sections
        .iter()
        .filter(|s| s.kind == Some(SectionKind::Status) && s.exact)
    {
        let body = &source[s.body.start..s.body.end];
        let mut off = s.body.start;
        for line in body.split_inclusive('\n') {
            let l = line.trim_end_matches(['\n', '\r']);
            if !l.trim().is_empty() && !l.trim_start().starts_with("<!--") {
                let t = l
                    .trim_start_matches([' ', '\t', '>', '-', '*', '+'])
                    .trim_start();
                let lead = l.len() - t.len();
                match key_value(t, off + lead) {
                    Some(kv) if status::is_status_key(kv.key) => push_status(
                        &mut out.statuses,
                        kv.value,
                        kv.value_span.start,
                        Origin::StatusSection,
                    ),
                    _ => push_status(&mut out.statuses, t, off + lead, Origin::StatusSection),
                }
                break;
            }
            off += line.len();
        }
    }
}

/// A keyed line: a status, a known metadata field, or (in the Metadata section) any field.
fn key_value_line<'a>(line: &'a str, base: usize, origin: Origin, out: &mut Metadata<'a>) {
    let Some(kv) = key_value(line, base) else {
        return;
    };
    if status::is_status_key(kv.key) {
        push_status(&mut out.statuses, kv.value, kv.value_span.start, origin);
        return;
    }
    let field = MetaKey::from_key(kv.key, false);
    if field.is_some() || origin == Origin::Metadata {
        out.fields.push(MetadataField {
            key: kv.key,
            field,
            value: kv.value,
            key_span: kv.key_span,
            value_span: kv.value_span,
            origin,
        });
    }
}

fn push_status(out: &mut Vec<Status>, text: &str, base: usize, origin: Origin) {
    if let Some((value, s, e)) = status::cut_value(text) {
        out.push(Status {
            raw: value.to_string(),
            value: status::normalize_value(value),
            span: Span::new(base + s, base + e),
            origin,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::parse;

    /// A task or milestone record names its parent plan in front matter; a plan with an id of
    /// its own does not.
    #[test]
    fn records_of_a_plan_name_their_parent() {
        let task =
            parse("---\ntask_id: 02\nplan_file: ./PLAN_search.md\n---\n\n- [ ] index titles\n");
        assert_eq!(task.part_of, Some("./PLAN_search.md"));
        let ms = parse(
            "---\nid: EP-20260101-001/MS002\nexecplan_id: EP-20260101-001\nms: 2\n---\n# M2\n",
        );
        assert_eq!(ms.part_of, Some("EP-20260101-001"));
        let plan = parse("---\nid: EP-20260101-001\nstatus: active\nplan_id: x\n---\n# Plan\n");
        assert_eq!(plan.part_of, None);
    }
}
