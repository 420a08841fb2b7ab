//! `planlint decide`: a Decision Log entry in the shape of the plan's last one — a table row
//! filled by its headers' meaning (`|` escaped), or the decision, rationale and date keyed as
//! the plan keys them: nested lines or sibling bullets or paragraphs or keys inline on one line,
//! the plan's own keys, separator, indentation, hard line breaks and blank lines between
//! entries; a date line only where the plan writes one. In a Decision Log with no entry yet the
//! keys are the plan's language's, and a "No decisions yet" prompt gives way to the entry.

use chrono::{DateTime, Utc};
use planlint_parser::keyvalue::key_value;
use planlint_parser::{
    Decision, DecisionForm, Plan, SectionKind, Span, DECISION_KEYS, RATIONALE_KEYS,
};

use super::stamp::bump_last_updated;
use super::{check_text, eol, indent_lines, insert_after_line, line_end, line_start, RecordError};
use crate::Edit;

/// What the new entry says.
struct Entry<'a> {
    decision: &'a str,
    why: &'a str,
    author: &'a str,
    date: String,
}

/// The edits that add a Decision Log entry to `text`: `decision`, its rationale `why`, dated
/// `now` and signed `author`.
pub fn decide_edits(
    text: &str,
    decision: &str,
    why: &str,
    author: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Edit>, RecordError> {
    check_text("decision", decision)?;
    check_text("rationale (--why)", why)?;
    let plan = planlint_parser::parse(text);
    let Some(sec) = plan
        .sections
        .iter()
        .position(|s| s.kind == Some(SectionKind::DecisionLog))
    else {
        return Err(RecordError(
            "the plan has no Decision Log section; add a `## Decision Log` heading, then decide again".into(),
        ));
    };
    let new = Entry {
        decision: decision.trim(),
        why: why.trim(),
        author: author.trim(),
        date: now.format("%Y-%m-%d").to_string(),
    };
    let existing: Vec<&Decision<'_>> = plan
        .decisions
        .iter()
        .filter(|d| plan.section_at(d.span.start) == Some(sec))
        .collect();
    let nl = eol(text);
    let body = plan.sections[sec].body;
    // After the section's last line of text.
    let end = body.start + text[body.start..body.end].trim_end().len();
    let edit = match existing.last() {
        Some(d) if d.form == DecisionForm::Table => {
            insert_after_line(&plan, d.span.end, &table_row(&plan, d, &new)?, nl)
        }
        Some(d) => {
            let shape = Shape::of(&plan, sec, &existing, d);
            let blank = if shape.blank_between { nl } else { "" };
            insert_after_line(&plan, end, &format!("{blank}{}", shape.write(&new, nl)), nl)
        }
        None => first_entry(&plan, sec, &new, nl),
    };
    let mut edits = vec![edit];
    edits.extend(bump_last_updated(&plan, now));
    super::verify(text, edits, "decision", |p| p.decisions.len())
}

/// The first entry of a Decision Log: the canonical shape in the plan's language, in place of a
/// "No decisions yet" prompt when the section holds one.
fn first_entry(plan: &Plan<'_>, sec: usize, new: &Entry<'_>, nl: &str) -> Edit {
    let text = plan.source;
    let (dkey, rkey, date_key) = language_keys(plan, sec);
    let shape = Shape {
        lead: "- ".into(),
        dkey: dkey.into(),
        rkey: rkey.into(),
        date_key: Some(date_key.into()),
        colon: ": ".into(),
        rationale: Place::Nested("  ".into()),
        date_inline: false,
        hard_break: false,
        blank_between: false,
    };
    let entry = shape.write(new, nl);
    let body = plan.sections[sec].body;
    let content = text[body.start..body.end].trim();
    if is_prompt(content) {
        let at = body.start + text[body.start..body.end].find(content).unwrap_or(0);
        return Edit {
            span: Span::new(at, at + content.len()),
            text: entry,
        };
    }
    let end = body.start + text[body.start..body.end].trim_end().len();
    let blank = if content.is_empty() { "" } else { nl };
    insert_after_line(plan, end, &format!("{blank}{entry}"), nl)
}

/// Whether a Decision Log's whole text is a prompt to fill it (`new`'s "No decisions yet. …",
/// "None yet.").
fn is_prompt(content: &str) -> bool {
    let lower = content.to_lowercase();
    !content.contains('\n')
        && (lower.starts_with("no decisions yet")
            || matches!(lower.as_str(), "none." | "none" | "none yet." | "none yet"))
}

/// The decision, rationale and date keys of the plan's language, read from the Decision Log's
/// heading (and the plan's script where the heading is English).
fn language_keys(plan: &Plan<'_>, sec: usize) -> (&'static str, &'static str, &'static str) {
    let heading = plan.sections[sec].raw_title.to_lowercase();
    let has = |f: fn(char) -> bool| {
        heading.chars().any(f)
            || plan
                .source
                .chars()
                .filter(|c| !c.is_ascii())
                .take(2000)
                .any(f)
    };
    let kana = |c: char| ('\u{3040}'..='\u{30ff}').contains(&c);
    let hangul = |c: char| ('\u{ac00}'..='\u{d7af}').contains(&c);
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    if heading.contains("decisiones") {
        ("Decisión", "Justificación", "Fecha/Autor")
    } else if heading.contains("decisões") || heading.contains("decisoes") {
        ("Decisão", "Justificativa", "Data/Autor")
    } else if heading.is_ascii() && heading.contains("decision") {
        ("Decision", "Rationale", "Date/Author")
    } else if has(kana) {
        ("決定", "根拠", "日付/著者")
    } else if has(hangul) {
        ("결정", "근거", "날짜/작성자")
    } else if has(han) {
        ("决策", "理由", "日期/作者")
    } else {
        ("Decision", "Rationale", "Date/Author")
    }
}

/// Where an entry's rationale stands.
#[derive(Debug)]
enum Place {
    /// On the decision's own line, after it.
    Inline,
    /// On a line of its own with this indentation.
    Nested(String),
    /// A sibling bullet (or paragraph line) with the decision's lead.
    Sibling,
}

/// How the plan writes a decision, read from its last one.
#[derive(Debug)]
struct Shape {
    /// What stands before the decision key on its line (`- `, `* `, nothing for paragraphs).
    lead: String,
    dkey: String,
    rkey: String,
    /// The date line's key, when the plan's entries have one.
    date_key: Option<String>,
    /// What follows each key (`: `, `：`, `： `).
    colon: String,
    rationale: Place,
    /// Whether the date follows the text before it on its line (`… Date/Author: …`).
    date_inline: bool,
    /// Lines end in two spaces (a hard line break) but the entry's last.
    hard_break: bool,
    /// A blank line between entries.
    blank_between: bool,
}

impl Shape {
    fn of(plan: &Plan<'_>, sec: usize, existing: &[&Decision<'_>], d: &Decision<'_>) -> Shape {
        let text = plan.source;
        let first_start = line_start(plan, d.span.start);
        let first = &text[first_start..line_end(plan, d.span.start)];
        let lead = match d.form {
            DecisionForm::Paragraph => String::new(),
            _ => {
                let l = &text[first_start..d.span.start];
                let marker = l.trim_start();
                match super::log::number(marker) {
                    // A numbered Decision Log: the next number.
                    Some((n, rest)) => format!("{}{}{rest}", &l[..l.len() - marker.len()], n + 1),
                    None if l.trim().is_empty() => "- ".to_string(),
                    None => l.to_string(),
                }
            }
        };
        let own = &text[d.span.start.max(first_start)..line_end(plan, d.span.start)];
        let dkey = key_value(own, 0).map_or("Decision".to_string(), |kv| kv.key.to_string());
        let colon = separator(first, &dkey).to_string();
        // The entry: up to the section's end (the last entry) with blank lines trimmed.
        let body = plan.sections[sec].body;
        let entry_end = first_start + text[first_start..body.end].trim_end().len();
        let entry = Span::new(first_start, entry_end);
        let (rkey, rationale) = match d.rationale {
            Some(r) => {
                let r_line = line_start(plan, r.start);
                let key = key_value(&text[r.start..line_end(plan, r.start)], 0)
                    .map_or("Rationale".to_string(), |kv| kv.key.to_string());
                let place = if r_line == first_start {
                    Place::Inline
                } else {
                    let before = &text[r_line..r.start];
                    let marked = before.trim_start().starts_with(['-', '*', '+'])
                        || before
                            .trim_start()
                            .starts_with(|c: char| c.is_ascii_digit());
                    if marked || (d.form == DecisionForm::Paragraph && before.trim().is_empty()) {
                        Place::Sibling
                    } else {
                        Place::Nested(before.chars().take_while(|c| c.is_whitespace()).collect())
                    }
                };
                (key, place)
            }
            None => (
                language_keys(plan, sec).1.to_string(),
                Place::Nested(" ".repeat(lead.trim_end().chars().count() + 1)),
            ),
        };
        let from = d.rationale.map_or(d.span.end, |r| r.start);
        let date = date_key_in(text, Span::new(from.min(entry.end), entry.end));
        let hard_break = first.ends_with("  ") && !first.trim().is_empty();
        let blank_between = d.form == DecisionForm::Paragraph
            || (existing.len() > 1 && blank_line_before(text, first_start));
        Shape {
            lead,
            dkey,
            rkey,
            date_key: date.as_ref().map(|(k, _)| k.clone()),
            colon,
            rationale,
            date_inline: date.is_some_and(|(_, inline)| inline),
            hard_break,
            blank_between,
        }
    }

    /// The entry's lines joined by `nl`.
    fn write(&self, new: &Entry<'_>, nl: &str) -> String {
        let c = &self.colon;
        let lead = &self.lead;
        // Continuation lines of the texts line up under the decision's text.
        let indent = " ".repeat(lead.chars().count());
        let decision = indent_lines(new.decision, &indent, nl);
        let why = indent_lines(new.why, &indent, nl);
        let mut lines: Vec<String> = vec![format!("{lead}{}{c}{decision}", self.dkey)];
        let r = format!("{}{c}{why}", self.rkey);
        match &self.rationale {
            Place::Inline => {
                if let Some(l) = lines.last_mut() {
                    l.push(' ');
                    l.push_str(&r);
                }
            }
            Place::Nested(ind) => lines.push(format!("{ind}{r}")),
            Place::Sibling => lines.push(format!("{lead}{r}")),
        }
        if let Some(k) = &self.date_key {
            let lower = k.to_lowercase();
            let signed = k.contains('/')
                || ["author", "著者", "作者", "작성자", "autor"]
                    .iter()
                    .any(|w| lower.contains(w));
            let value = if signed {
                format!("{} / {}", new.date, new.author)
            } else {
                new.date.clone()
            };
            let d = format!("{k}{c}{value}");
            if let (true, Some(l)) = (self.date_inline, lines.last_mut()) {
                l.push(' ');
                l.push_str(&d);
            } else {
                match &self.rationale {
                    Place::Sibling => lines.push(format!("{lead}{d}")),
                    Place::Nested(ind) => lines.push(format!("{ind}{d}")),
                    Place::Inline => lines.push(format!("{}{d}", " ".repeat(lead.chars().count()))),
                }
            }
        }
        let brk = if self.hard_break { "  " } else { "" };
        lines.join(&format!("{brk}{nl}"))
    }
}

/// Whether the line before the one starting at `at` is blank.
fn blank_line_before(text: &str, at: usize) -> bool {
    text[..at]
        .lines()
        .next_back()
        .is_some_and(|l| l.trim().is_empty())
}

/// The date key in `span` (`Date/Author`, `日付/著者`, `Fecha`) and whether text stands before
/// it on its line: a key at the start of a line or after the end of a sentence.
fn date_key_in(text: &str, span: Span) -> Option<(String, bool)> {
    let region = text.get(span.start..span.end)?;
    for (i, _) in region.char_indices() {
        let before = region[..i].chars().next_back();
        let line_head = region[..i].rsplit('\n').next().unwrap_or("");
        let at_line_start = line_head
            .trim_start()
            .trim_start_matches(['-', '*', '+'])
            .trim()
            .is_empty();
        if !(at_line_start
            || before.is_some_and(|c| c.is_whitespace() || matches!(c, '.' | ';' | '。')))
        {
            continue;
        }
        let rest = region[i..].trim_start_matches(['*', '_']);
        if rest.starts_with(char::is_whitespace) {
            continue;
        }
        let line = rest.lines().next().unwrap_or("");
        let Some(kv) = key_value(line, 0) else {
            continue;
        };
        if kv.key_span.start != 0 || kv.key.contains(['.', ',', '。']) {
            continue;
        }
        let k = kv.key.to_lowercase();
        if ["date", "日付", "日期", "날짜", "data", "fecha"]
            .iter()
            .any(|w| k.starts_with(w))
        {
            return Some((kv.key.to_string(), !at_line_start));
        }
    }
    None
}

/// A table row after the last one, each column filled by its header's meaning (date, decision,
/// rationale, author), `|` in the texts escaped; one line only.
fn table_row(plan: &Plan<'_>, last: &Decision<'_>, new: &Entry<'_>) -> Result<String, RecordError> {
    if new.decision.contains('\n') || new.why.contains('\n') {
        return Err(RecordError(
            "the Decision Log is a table, and a row holds one line: write the decision and the rationale on one line each".into(),
        ));
    }
    let text = plan.source;
    let row = plan.text(last.span);
    let cells = row.trim().trim_matches('|').split('|').count();
    // The header: the line above the table's `|---|` separator.
    let above: Vec<&str> = text[..line_start(plan, last.span.start)].lines().collect();
    let sep = above.iter().rposition(|l| {
        let t = l.trim();
        t.starts_with('|')
            && t.contains('-')
            && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
    });
    let header_line = sep.and_then(|i| i.checked_sub(1)).map_or("", |i| above[i]);
    let headers: Vec<String> = header_line
        .trim()
        .trim_matches('|')
        .split('|')
        .map(|h| h.trim().to_lowercase())
        .collect();
    let escape = |s: &str| s.replace('|', "\\|");
    let find = |set: &[&str], not: Option<usize>| {
        headers
            .iter()
            .enumerate()
            .position(|(i, h)| Some(i) != not && set.iter().any(|k| h.contains(k)))
    };
    let dcol = find(DECISION_KEYS, None);
    // The rationale's column, else the column that names the record it was argued in (the
    // parser reads that as the rationale too).
    let rcol = find(RATIONALE_KEYS, dcol).or_else(|| find(&["record", "adr", "reference"], dcol));
    let Some(rcol) = rcol else {
        return Err(RecordError(
            "the Decision Log table has no column for the rationale; add a `Rationale` column, then decide again".into(),
        ));
    };
    let values: Vec<String> = (0..cells.max(headers.len()))
        .map(|i| {
            let h = headers.get(i).map(String::as_str).unwrap_or("");
            if Some(i) == dcol {
                escape(new.decision)
            } else if i == rcol {
                escape(new.why)
            } else if ["date", "日", "fecha", "data", "날짜"]
                .iter()
                .any(|k| h.contains(k))
            {
                new.date.clone()
            } else if ["author", "who", "autor", "著者", "作者", "작성자"]
                .iter()
                .any(|k| h.contains(k))
            {
                escape(new.author)
            } else {
                String::new()
            }
        })
        .collect();
    Ok(format!("| {} |", values.join(" | ")))
}

/// What follows the key in the decision's first line: `: `, `：` or `： `.
fn separator(first: &str, dkey: &str) -> &'static str {
    let after_key = first
        .find(dkey)
        .map(|i| &first[i + dkey.len()..])
        .unwrap_or(": ");
    let after_key = after_key.trim_start_matches(['*', '_']);
    match after_key.strip_prefix('：') {
        Some(rest) if rest.starts_with(' ') => "： ",
        Some(_) => "：",
        None => ": ",
    }
}
