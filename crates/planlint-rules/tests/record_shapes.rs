//! The record commands' promise, held over every shape a plan keeps its record in: `log`,
//! `decide`, `tick` and `set-status` change only the lines they add or the one line they change
//! (and `Last updated`), keep every other byte, write an entry that parses back as exactly the
//! entry meant, and bring no new finding.
//!
//! The shapes are generated (every combination of a Progress shape, a Decision Log shape, the
//! envelope, line endings and a BOM), each with the exact lines a command must write; the
//! repository's fixtures are checked without an expectation. The same check over a folder of
//! real plans runs with `--ignored` and `PLANLINT_RECORD_CORPUS` set to that folder (`.ci/run`
//! does so when the corpus is beside the repository); plain `cargo test` reads nothing outside
//! the repository.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use planlint_parser::keyvalue::key_value;
use planlint_parser::{BoxState, DecisionForm, MetaKey, Plan};
use planlint_rules::record;

const LOGGED: &str = "Logged the step.";
const DECIDED: &str = "Keep it small.";
const WHY: &str = "Less to review.";
const AUTHOR: &str = "tester";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 10, 30, 0).unwrap()
}

/// Findings as (rule, message), sorted.
fn lint(text: &str) -> Vec<(String, String)> {
    let input = planlint_rules::FileInput {
        path: Some("plans/x.md"),
        now: now(),
        project: &planlint_rules::NoProject,
        base: None,
    };
    let mut f: Vec<(String, String)> =
        planlint_rules::lint_str(text, input, &planlint_rules::Settings::default())
            .into_iter()
            .map(|d| (d.rule.to_string(), d.message))
            .collect();
    f.sort();
    f
}

thread_local! {
    /// Rules left out of the comparison: over hostile text, a record can make a file that was
    /// no plan one, which then owes its sections and structure (`required-section`, …); the
    /// record's own rules (timestamps, decisions, boxes, status) are always compared.
    static LEFT_OUT: std::cell::Cell<&'static [&'static str]> = const { std::cell::Cell::new(&[]) };
}

/// Per rule, no more findings after than before.
fn no_new_findings(before: &str, after: &str) -> Result<(), String> {
    let count = |f: &[(String, String)], rule: &str| f.iter().filter(|x| x.0 == rule).count();
    let (b, a) = (lint(before), lint(after));
    let left_out = LEFT_OUT.with(|l| l.get());
    let new: Vec<_> = a
        .iter()
        .filter(|f| !left_out.contains(&f.0.as_str()))
        .filter(|f| count(&a, &f.0) > count(&b, &f.0))
        .collect();
    if new.is_empty() {
        Ok(())
    } else {
        Err(format!("new findings: {new:?}"))
    }
}

/// The lines removed from `before` and added in `after`, line endings included.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(before, after);
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    for c in diff.iter_all_changes() {
        match c.tag() {
            similar::ChangeTag::Insert => added.push(c.value().to_string()),
            similar::ChangeTag::Delete => removed.push(c.value().to_string()),
            similar::ChangeTag::Equal => {}
        }
    }
    // A line moved as it was (a ticked entry's later lines) is neither removed nor added.
    // In a text of mixed line endings, a moved line may take the plan's; in one without a
    // final line break, the line break moves to the line that is no longer last.
    let mixed = (before.contains("\r\n") && before.replace("\r\n", "").contains('\n'))
        || !before.ends_with('\n');
    let bare = |l: &str| l.trim_end_matches(['\n', '\r']).to_string();
    let same = |r: &String, a: &String| *r == *a || (mixed && bare(r) == bare(a));
    let mut net_added = Vec::new();
    for a in added {
        match removed.iter().position(|r| same(r, &a)) {
            Some(i) => {
                removed.remove(i);
            }
            None => net_added.push(a),
        }
    }
    (removed, net_added)
}

/// What a command may remove: the lines named, each at most once; the rest of `removed` is an
/// error. Every added line ends in the plan's line ending (but the file's last).
fn only_removed(
    removed: &[String],
    allowed: &[&str],
    added: &[String],
    text: &str,
) -> Result<(), String> {
    let mut allowed: Vec<&str> = allowed.to_vec();
    for r in removed {
        let line = r.trim_end_matches(['\n', '\r']);
        // The last line of a text without a final line break gains one when a line follows.
        let ended = r.len() == line.len()
            && added
                .iter()
                .any(|a| a.trim_end_matches(['\n', '\r']) == line && a.len() > line.len());
        if ended {
            continue;
        }
        match allowed.iter().position(|a| *a == line) {
            Some(i) => {
                allowed.remove(i);
            }
            None => return Err(format!("removed a line it did not own: {r:?}")),
        }
    }
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mixed = text.replace("\r\n", "").contains('\n') && eol == "\r\n";
    for a in added.iter().filter(|_| !mixed) {
        let bare = a.trim_end_matches(['\n', '\r']);
        if bare.len() != a.len() && !a.ends_with(eol) {
            return Err(format!("added a line with another line ending: {a:?}"));
        }
        if eol == "\n" && bare.ends_with('\r') {
            return Err(format!("added a stray carriage return: {a:?}"));
        }
    }
    Ok(())
}

/// The added lines without line endings, blank ones and `Last updated` left out.
fn written(added: &[String], removed: &[String], plan: &Plan<'_>) -> Vec<String> {
    let lu = plan.meta(MetaKey::LastUpdated).map(|m| m.key);
    // The text's last line, given a line break it lacked, is no new line.
    let ended: Vec<&String> = removed.iter().filter(|r| !r.ends_with('\n')).collect();
    added
        .iter()
        .filter(|a| {
            !ended
                .iter()
                .any(|r| a.trim_end_matches(['\n', '\r']) == r.as_str())
        })
        .map(|a| a.trim_end_matches(['\n', '\r']).to_string())
        .filter(|a| !a.trim().is_empty())
        .filter(|a| !lu.is_some_and(|k| a.contains(k) && a.contains("2026-11-25")))
        .collect()
}

/// The `Last updated` line, which any record command may rewrite.
fn last_updated_line<'p>(plan: &Plan<'p>) -> Option<&'p str> {
    let m = plan.meta(MetaKey::LastUpdated)?;
    let span = plan.line_span(m.value_span.start);
    plan.source.get(span.start..span.end)
}

/// Whether a timestamp stands for `now` at its own precision.
fn is_now(t: &planlint_parser::Timestamp) -> bool {
    if let Some(i) = t.instant() {
        return i.with_timezone(&Utc) == now();
    }
    let n = now().naive_utc();
    match t.time {
        None => t.date == n.date(),
        Some(_) => t.naive() == n,
    }
}

/// `log`: one more Progress entry, with the text and a stamp of now, nothing else changed.
fn check_log(text: &str, expect: Option<&[&str]>) -> Result<(), String> {
    let plan = planlint_parser::parse(text);
    let Ok(edits) = record::log_edits(text, LOGGED, false, now()) else {
        return Ok(()); // refused: nothing written
    };
    let after = record::apply(text, &edits).ok_or("overlapping edits")?;
    let (removed, added) = changed_lines(text, &after);
    let allowed: Vec<&str> = last_updated_line(&plan).into_iter().collect();
    only_removed(&removed, &allowed, &added, text)?;
    let lines = written(&added, &removed, &plan);
    if let Some(expect) = expect {
        if lines != expect {
            return Err(format!("log wrote {lines:?}, meant {expect:?}"));
        }
    } else if lines.len() != 1 || !lines[0].contains(LOGGED) {
        return Err(format!("log wrote {lines:?}"));
    }
    let new = planlint_parser::parse(&after);
    if new.progress.len() != plan.progress.len() + 1 {
        return Err(format!(
            "{} Progress entries, then {}",
            plan.progress.len(),
            new.progress.len()
        ));
    }
    let entry = new
        .progress
        .iter()
        .find(|e| e.text.trim_end_matches(['|', ' ']).ends_with(LOGGED))
        .ok_or("the new entry is not a Progress entry")?;
    if entry.depth != 0 {
        return Err(format!("the new entry is nested: {:?}", entry.text));
    }
    match entry.timestamp() {
        Some(t) if is_now(t) => {}
        other => return Err(format!("the new entry's stamp is {other:?}")),
    }
    if !has_future(&plan) {
        no_new_findings(text, &after)?;
    }
    Ok(())
}

fn has_future(plan: &Plan<'_>) -> bool {
    plan.progress
        .iter()
        .filter_map(|e| e.timestamp())
        .any(|t| t.is_after(now()))
}

/// The keys a plan's Decision Log writes at the start of a line, as written.
fn decision_keys(plan: &Plan<'_>) -> Vec<String> {
    let Some(sec) = plan.section(planlint_parser::SectionKind::DecisionLog) else {
        return Vec::new();
    };
    plan.text(sec.body)
        .lines()
        .filter_map(|l| key_value(l.trim_start_matches(['|', ' ']), 0))
        .map(|kv| kv.key.to_string())
        .filter(|k| !k.contains(". ") && !k.contains(", ") && k.split_whitespace().count() <= 3)
        // Rationale keys inline (`… Reason: …`), and the keys a plan gets where it has none.
        .chain(plan.decisions.iter().filter_map(|d| {
            let r = d.rationale?;
            let line = plan.text(Span::new(r.start, plan.line_span(r.start).end));
            key_value(line, 0).map(|kv| kv.key.to_string())
        }))
        .chain(
            [
                "Decision",
                "Rationale",
                "Date/Author",
                "Decisión",
                "Justificación",
                "Fecha/Autor",
                "Decisão",
                "Justificativa",
                "Data/Autor",
                "決定",
                "根拠",
                "日付/著者",
                "决策",
                "理由",
                "日期/作者",
                "결정",
                "근거",
                "날짜/작성자",
            ]
            .map(String::from),
        )
        .collect()
}

/// The prompt a plan's empty Decision Log may hold, which the first entry replaces.
fn prompt_line<'a>(plan: &'a Plan<'a>) -> Option<&'a str> {
    let sec = plan.section(planlint_parser::SectionKind::DecisionLog)?;
    let body = plan.text(sec.body).trim();
    let lower = body.to_lowercase();
    (lower.starts_with("no decisions yet") || matches!(lower.as_str(), "none." | "none yet."))
        .then_some(body)
}

/// `decide`: one more decision, with the decision and rationale as given, in lines that hold
/// nothing but the new values and the plan's own keys.
fn check_decide(text: &str, expect: Option<&[&str]>) -> Result<(), String> {
    let plan = planlint_parser::parse(text);
    let Ok(edits) = record::decide_edits(text, DECIDED, WHY, AUTHOR, now()) else {
        return Ok(());
    };
    let after = record::apply(text, &edits).ok_or("overlapping edits")?;
    let (removed, added) = changed_lines(text, &after);
    let mut allowed: Vec<&str> = last_updated_line(&plan).into_iter().collect();
    if plan.decisions.is_empty() {
        allowed.extend(prompt_line(&plan));
    }
    only_removed(&removed, &allowed, &added, text)?;
    let lines = written(&added, &removed, &plan);
    match expect {
        Some(expect) if lines != expect => {
            return Err(format!("decide wrote {lines:?}, meant {expect:?}"));
        }
        Some(_) => {}
        None => no_copied_text(&lines, &decision_keys(&plan))?,
    }
    let new = planlint_parser::parse(&after);
    if new.decisions.len() != plan.decisions.len() + 1 {
        return Err(format!(
            "{} decisions, then {}",
            plan.decisions.len(),
            new.decisions.len()
        ));
    }
    let d = new
        .decisions
        .iter()
        .find(|d| d.text == DECIDED)
        .ok_or_else(|| format!("the new decision does not parse as {DECIDED:?}"))?;
    let r = d.rationale.ok_or("the new decision has no rationale")?;
    let rationale = match d.form {
        DecisionForm::Table => new.text(r).trim().trim_matches('|').trim().to_string(),
        _ => {
            let line = new.text(Span::new(r.start, new.line_span(r.start).end));
            key_value(line, 0).map_or(String::new(), |kv| kv.value.to_string())
        }
    };
    if !rationale.starts_with(WHY) {
        return Err(format!("the new rationale reads {rationale:?}"));
    }
    no_new_findings(text, &after)
}

use planlint_parser::Span;

/// Each line written holds only the new values, the plan's own keys, bullets and punctuation:
/// no word of an older entry.
fn no_copied_text(lines: &[String], keys: &[String]) -> Result<(), String> {
    let mut keys: Vec<&String> = keys.iter().collect();
    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    for line in lines {
        let mut rest = line.clone();
        for v in [DECIDED, WHY, AUTHOR, "2026-11-25"] {
            rest = rest.replace(v, " ");
        }
        for k in &keys {
            rest = rest.replace(k.as_str(), " ");
        }
        if rest.chars().any(|c| c.is_alphabetic()) {
            return Err(format!("decide wrote words it was not given: {line:?}"));
        }
    }
    Ok(())
}

/// `tick 1`: one open box fewer; the one box line is the only line changed (or moved).
fn check_tick(text: &str, expect: Option<&[&str]>) -> Result<(), String> {
    let plan = planlint_parser::parse(text);
    let open: Vec<_> = plan
        .checkboxes
        .iter()
        .filter(|b| b.state == BoxState::Open)
        .collect();
    if open.is_empty() || has_future(&plan) {
        return Ok(());
    }
    let settings = planlint_rules::Settings::default();
    let edits = record::tick_edits(text, &settings, "1", now()).map_err(|e| e.to_string())?;
    let after = record::apply(text, &edits).ok_or("overlapping edits")?;
    let (removed, added) = changed_lines(text, &after);
    let box_line = plan.text(plan.line_span(open[0].marker.start));
    let mut allowed = vec![box_line];
    allowed.extend(last_updated_line(&plan));
    only_removed(&removed, &allowed, &added, text)?;
    let lines = written(&added, &removed, &plan);
    if let Some(expect) = expect {
        if lines != expect {
            return Err(format!("tick wrote {lines:?}, meant {expect:?}"));
        }
    } else if lines.len() != 1 {
        return Err(format!("tick wrote {lines:?}"));
    }
    let new = planlint_parser::parse(&after);
    let still = new
        .checkboxes
        .iter()
        .filter(|b| b.state == BoxState::Open)
        .count();
    if still + 1 != open.len() {
        return Err(format!("{} open boxes, then {still}", open.len()));
    }
    no_new_findings(text, &after)
}

/// `set-status in-review`: only the status lines and `Last updated` change.
fn check_set_status(text: &str) -> Result<(), String> {
    let plan = planlint_parser::parse(text);
    if plan.statuses.is_empty() {
        return Ok(());
    }
    let settings = planlint_rules::Settings::default();
    let edits = record::status_edits(text, &settings, "in-review", false, now())
        .map_err(|e| e.to_string())?;
    let after = record::apply(text, &edits).ok_or("overlapping edits")?;
    let (removed, added) = changed_lines(text, &after);
    let mut allowed: Vec<&str> = plan
        .statuses
        .iter()
        .map(|s| plan.text(plan.line_span(s.span.start)))
        .collect();
    allowed.extend(last_updated_line(&plan));
    only_removed(&removed, &allowed, &added, text)?;
    if added.len() != removed.len() {
        return Err(format!("set-status added {added:?} for {removed:?}"));
    }
    // The first status, and each status written in another place, is the new one.
    let new = planlint_parser::parse(&after);
    let first = plan.statuses[0].origin;
    let meant = |i: usize, s: &planlint_parser::Status| i == 0 || s.origin != first;
    if !new
        .statuses
        .iter()
        .enumerate()
        .all(|(i, s)| !meant(i, s) || s.value == "in-review")
    {
        return Err(format!("statuses after: {:?}", new.statuses));
    }
    no_new_findings(text, &after)
}

/// Every command on one text, with what each must write where known.
fn check_all(text: &str, expect: &Expect) -> Result<(), String> {
    check_log(text, expect.log.as_deref())
        .map_err(|e| format!("log: {e}"))
        .and_then(|()| {
            check_decide(text, expect.decide.as_deref()).map_err(|e| format!("decide: {e}"))
        })
        .and_then(|()| check_tick(text, expect.tick.as_deref()).map_err(|e| format!("tick: {e}")))
        .and_then(|()| check_set_status(text).map_err(|e| format!("set-status: {e}")))
}

/// What each command must write in a generated shape (`None`: only the general checks).
#[derive(Default)]
struct Expect {
    log: Option<Vec<&'static str>>,
    decide: Option<Vec<&'static str>>,
    tick: Option<Vec<&'static str>>,
}

#[derive(Clone, Copy, Debug)]
enum ProgressShape {
    Boxes,
    NewestFirst,
    BlankSeparated,
    Ordered,
    Table,
    Narrative,
    Wrapped,
    HardBreaks,
    DateColon,
}

#[derive(Clone, Copy, Debug)]
enum DecisionShape {
    Canonical,
    WrappedInline,
    Table,
    Siblings,
    BlankSeparated,
    Spanish,
    Japanese,
    Paragraph,
    HardBreaks,
    Prompt,
    Numbered,
}

#[derive(Clone, Copy, Debug)]
enum Envelope {
    None,
    FrontMatter,
    Fence,
}

/// A Progress section's body, what `log` and `tick 1` must write in it.
fn progress(shape: ProgressShape) -> (&'static str, Vec<&'static str>, Option<Vec<&'static str>>) {
    use ProgressShape::*;
    let log = "- [x] (2026-11-25 10:30Z) Logged the step.";
    let tick = Some(vec!["- [x] (2026-11-25 10:30Z) Write the guide."]);
    match shape {
        Boxes => (
            "- [x] (2025-10-01 13:00Z) Wrote the reader.\n- [x] (2025-10-02 09:15Z) Wrote the checks.\n- [ ] Write the guide.\n",
            vec![log],
            tick,
        ),
        NewestFirst => (
            "- [x] (2025-10-03 08:00Z) Wrote the checks.\n- [x] (2025-10-02 09:15Z) Wrote the reader.\n- [x] (2025-10-01 13:00Z) Sketched the model.\n- [ ] Write the guide.\n",
            vec![log],
            tick,
        ),
        BlankSeparated => (
            "- [x] (2025-10-01 13:00Z) Wrote the reader.\n\n- [x] (2025-10-02 09:15Z) Wrote the checks.\n\n- [ ] Write the guide.\n",
            vec![log],
            tick,
        ),
        Ordered => (
            "1. (2025-10-01 13:00Z) Wrote the reader.\n2. (2025-10-02 09:15Z) Wrote the checks.\n",
            vec!["3. (2026-11-25 10:30Z) Logged the step."],
            None,
        ),
        Table => (
            "| Date | Status | Evidence |\n| --- | --- | --- |\n| 2025-10-01 13:00Z | done | Wrote the reader. |\n| 2025-10-02 09:15Z | done | Wrote the checks. |\n",
            vec!["| 2026-11-25 10:30Z | done | Logged the step. |"],
            None,
        ),
        Narrative => (
            "The reader came first, then the checks.\n\n- [x] (2025-10-01 13:00Z) Wrote the reader.\n- [x] (2025-10-02 09:15Z) Wrote the checks, in two parts:\n  - the order check\n  - the stamp check\n",
            vec![log],
            None,
        ),
        Wrapped => (
            "- [x] (2025-10-01 13:00Z) Wrote the reader, which takes every shape the\n  fixtures hold.\n- [x] (2025-10-02 09:15Z) Wrote the checks, one file\n  each.\n- [ ] Write the guide.\n",
            vec![log],
            tick,
        ),
        HardBreaks => (
            "- [x] (2025-10-01 13:00Z) Wrote the reader.  \n  Evidence: its tests pass.\n- [x] (2025-10-02 09:15Z) Wrote the checks.  \n  Evidence: the fixtures lint clean.\n- [ ] Write the guide.\n",
            vec![log],
            tick,
        ),
        DateColon => (
            "- 2025-10-01: Wrote the reader.\n- 2025-10-02: Wrote the checks.\n",
            vec!["- 2026-11-25: Logged the step."],
            None,
        ),
    }
}

/// A Decision Log's body and what `decide` must write in it.
fn decisions(shape: DecisionShape) -> (&'static str, Vec<&'static str>) {
    use DecisionShape::*;
    let canonical = vec![
        "- Decision: Keep it small.",
        "  Rationale: Less to review.",
        "  Date/Author: 2026-11-25 / tester",
    ];
    match shape {
        Canonical => (
            "- Decision: Read the file once.\n  Rationale: One tree costs less.\n  Date/Author: 2025-10-01 / ana\n- Decision: Keep byte spans.\n  Rationale: Every report needs a place.\n  Date/Author: 2025-10-02 / ana\n",
            canonical,
        ),
        WrappedInline => (
            "- Decision: Read the file once. Rationale: one tree costs less when the\n  file is long. Date/Author: 2025-10-01 / ana.\n- Decision: Keep byte spans. Rationale: every report needs a place to\n  point at. Date/Author: 2025-10-02 / ana.\n",
            vec!["- Decision: Keep it small. Rationale: Less to review. Date/Author: 2026-11-25 / tester"],
        ),
        Table => (
            "| Date | Decision | Rationale |\n| --- | --- | --- |\n| 2025-10-01 | Read the file once. | One tree costs less. |\n| 2025-10-02 | Keep byte spans. | Every report needs a place. |\n",
            vec!["| 2026-11-25 | Keep it small. | Less to review. |"],
        ),
        Siblings => (
            "- Decision: Read the file once.\n- Reason: One tree costs less.\n- Decision: Keep byte spans.\n- Reason: Every report needs a place.\n",
            vec!["- Decision: Keep it small.", "- Reason: Less to review."],
        ),
        BlankSeparated => (
            "- Decision: Read the file once.\n  Rationale: One tree costs less.\n  Date/Author: 2025-10-01 / ana\n\n- Decision: Keep byte spans.\n  Rationale: Every report needs a place.\n  Date/Author: 2025-10-02 / ana\n",
            canonical,
        ),
        Spanish => (
            "- Decisión: Leer el archivo una vez.\n  Justificación: Un solo árbol cuesta menos.\n  Fecha/Autor: 2025-10-01 / ana\n",
            vec![
                "- Decisión: Keep it small.",
                "  Justificación: Less to review.",
                "  Fecha/Autor: 2026-11-25 / tester",
            ],
        ),
        Japanese => (
            "- 決定: ファイルは一度だけ読む。\n  根拠: 木が一つで済む。\n  日付/著者: 2025-10-01 / ana\n",
            vec![
                "- 決定: Keep it small.",
                "  根拠: Less to review.",
                "  日付/著者: 2026-11-25 / tester",
            ],
        ),
        Paragraph => (
            "Decision: Read the file once.\nRationale: One tree costs less.\nDate/Author: 2025-10-01 / ana\n\nDecision: Keep byte spans.\nRationale: Every report needs a place.\nDate/Author: 2025-10-02 / ana\n",
            vec![
                "Decision: Keep it small.",
                "Rationale: Less to review.",
                "Date/Author: 2026-11-25 / tester",
            ],
        ),
        HardBreaks => (
            "- Decision: Read the file once.  \n  Rationale: One tree costs less.  \n  Date/Author: 2025-10-01 / ana\n",
            vec![
                "- Decision: Keep it small.  ",
                "  Rationale: Less to review.  ",
                "  Date/Author: 2026-11-25 / tester",
            ],
        ),
        Numbered => (
            "1. Decision: Read the file once.\n   Rationale: One tree costs less.\n   Date/Author: 2025-10-01 / ana\n2. Decision: Keep byte spans.\n   Rationale: Every report needs a place.\n   Date/Author: 2025-10-02 / ana\n",
            vec![
                "3. Decision: Keep it small.",
                "   Rationale: Less to review.",
                "   Date/Author: 2026-11-25 / tester",
            ],
        ),
        Prompt => (
            "No decisions yet. Record each with its decision, its rationale, and its date and author.\n",
            canonical,
        ),
    }
}

/// A whole plan in the given shapes, and what each command must write.
fn shaped(
    p: ProgressShape,
    d: DecisionShape,
    env: Envelope,
    crlf: bool,
    bom: bool,
) -> (String, Expect) {
    let (progress_body, log, tick) = progress(p);
    let (decision_body, decide) = decisions(d);
    let mut body = String::new();
    let head = "Status: active\nLast updated: 2025-10-03\n\n";
    if matches!(env, Envelope::FrontMatter) {
        body.push_str("---\ntitle: Record shapes\nstatus: active\nupdated: 2025-10-03\n---\n");
    }
    body.push_str("# Record shapes\n\n");
    if !matches!(env, Envelope::FrontMatter) {
        body.push_str(head);
    }
    body.push_str("This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.\n\n");
    body.push_str(
        "## Purpose / Big Picture\n\nA plan to hold the record commands to their word.\n\n",
    );
    body.push_str(&format!("## Progress\n\n{progress_body}\n"));
    body.push_str("## Surprises & Discoveries\n\nNone yet.\n\n");
    body.push_str(&format!("## Decision Log\n\n{decision_body}\n"));
    body.push_str("## Outcomes & Retrospective\n\nNot yet.\n");
    let mut text = String::new();
    if bom {
        text.push('\u{feff}');
    }
    if matches!(env, Envelope::Fence) {
        text.push_str(&format!("```md\n{body}```\n"));
    } else {
        text.push_str(&body);
    }
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    let expect = Expect {
        log: Some(log),
        decide: Some(decide),
        tick,
    };
    (text, expect)
}

/// Every generated shape, under each envelope, line ending and BOM.
#[test]
fn every_record_command_keeps_every_generated_shape() {
    use DecisionShape as D;
    use ProgressShape as P;
    let ps = [
        P::Boxes,
        P::NewestFirst,
        P::BlankSeparated,
        P::Ordered,
        P::Table,
        P::Narrative,
        P::Wrapped,
        P::HardBreaks,
        P::DateColon,
    ];
    let ds = [
        D::Canonical,
        D::WrappedInline,
        D::Table,
        D::Siblings,
        D::BlankSeparated,
        D::Spanish,
        D::Japanese,
        D::Paragraph,
        D::HardBreaks,
        D::Prompt,
        D::Numbered,
    ];
    let mut failures = Vec::new();
    let mut checked = 0;
    for (i, &p) in ps.iter().enumerate() {
        for (j, &d) in ds.iter().enumerate() {
            // Every pair once plain; the envelope, CRLF and BOM in turn over the pairs.
            let k = i * ds.len() + j;
            let variants = [
                (Envelope::None, false, false),
                (
                    [Envelope::FrontMatter, Envelope::Fence, Envelope::None][k % 3],
                    k % 2 == 0,
                    k % 4 < 2,
                ),
            ];
            for (env, crlf, bom) in variants {
                let (text, expect) = shaped(p, d, env, crlf, bom);
                checked += 1;
                if let Err(why) = check_all(&text, &expect) {
                    failures.push(format!(
                        "{p:?} / {d:?} / {env:?} crlf={crlf} bom={bom}: {why}"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} shapes fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every Markdown file under a folder, sorted.
fn markdown_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every command over every file of a folder; the failures, one line each.
fn check_folder(root: &Path) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let files = markdown_under(root);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if let Err(why) = check_all(&text, &Expect::default()) {
            failures.push(format!("{}: {why}", path.display()));
        }
    }
    (files.len(), failures)
}

/// Every plan under `fixtures/` (every dialect and shape the project keeps).
#[test]
fn every_record_command_keeps_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let (n, failures) = check_folder(&root);
    assert!(n > 50, "{n} fixtures");
    assert!(
        failures.is_empty(),
        "{} of {n} fixtures fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The corpus check: every plan in the folder `PLANLINT_RECORD_CORPUS` names (`.ci/run` passes
/// `../shared/corpus/real` when it is there). Run with `--ignored`.
#[test]
#[ignore = "reads the real corpus named by PLANLINT_RECORD_CORPUS; .ci/run runs it"]
fn every_record_command_keeps_every_real_plan() {
    let root = std::env::var_os("PLANLINT_RECORD_CORPUS")
        .expect("set PLANLINT_RECORD_CORPUS to a folder of real plans");
    let (n, failures) = check_folder(Path::new(&root));
    assert!(n > 0, "no plan under {}", Path::new(&root).display());
    assert!(
        failures.is_empty(),
        "{} of {n} real plans fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// Issue 20's defects, one test each (each failed before its fix).

/// The text with the edits of a record applied.
fn applied(text: &str, edits: Result<Vec<planlint_rules::Edit>, record::RecordError>) -> String {
    record::apply(text, &edits.expect("the record is written")).expect("edits apply")
}

const PLAN: &str = "# P\n\nStatus: active\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Began.\n- [x] (2025-10-05 13:00Z) Went on.\n\n## Decision Log\n\nNONE\n";

#[test]
fn log_at_a_past_time_goes_where_the_order_puts_it() {
    let at = Utc.with_ymd_and_hms(2025, 10, 3, 8, 0, 0).unwrap();
    let after = applied(PLAN, record::log_edits(PLAN, "Between.", false, at));
    assert!(
        after.contains("Began.\n- [x] (2025-10-03 08:00Z) Between.\n- [x] (2025-10-05 13:00Z)"),
        "{after}"
    );
    let newest = "# P\n\n## Progress\n\n- [x] (2025-10-06 13:00Z) Ended.\n- [x] (2025-10-05 13:00Z) Went on.\n- [x] (2025-10-01 13:00Z) Began.\n";
    let after = applied(newest, record::log_edits(newest, "Between.", false, at));
    assert!(
        after.contains("Went on.\n- [x] (2025-10-03 08:00Z) Between.\n- [x] (2025-10-01"),
        "{after}"
    );
    assert_eq!(lint(&after), lint(newest));
}

#[test]
fn empty_text_and_text_that_starts_a_block_are_refused() {
    for bad in ["", "  ", "Done.\n## Injected", "Done.\n```", "Done.\n---"] {
        let e = record::log_edits(PLAN, bad, false, now()).expect_err(bad);
        assert!(e.0.contains("entry"), "{e}");
        assert!(
            record::decide_edits(PLAN, bad, "why", "t", now()).is_err(),
            "{bad:?}"
        );
        assert!(
            record::decide_edits(PLAN, "what", bad, "t", now()).is_err(),
            "{bad:?}"
        );
    }
}

#[test]
fn multi_line_text_is_indented_into_the_entry() {
    let after = applied(
        PLAN,
        record::log_edits(PLAN, "First line.\nSecond line.", false, now()),
    );
    assert!(
        after.contains("- [x] (2026-11-25 10:30Z) First line.\n  Second line.\n"),
        "{after}"
    );
    let new = planlint_parser::parse(&after);
    assert_eq!(new.progress.len(), 3);
    assert_eq!(
        new.sections.len(),
        planlint_parser::parse(PLAN).sections.len()
    );
}

#[test]
fn a_new_entry_goes_after_the_last_entrys_later_paragraphs() {
    let text = "# P\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Began.\n\n  It took a day:\n\n      cargo test\n\n## Decision Log\n\nNone.\n";
    let after = applied(text, record::log_edits(text, "Went on.", false, now()));
    assert!(
        after.contains("      cargo test\n- [x] (2026-11-25 10:30Z) Went on.\n"),
        "{after}"
    );
}

#[test]
fn a_narrative_progress_gets_a_list_of_its_own() {
    let text = "# P\n\n## Progress\n\nThe reader is done. What is left:\n\n  - the order check\n  - the stamp check\n\n## Decision Log\n\nNone.\n";
    let after = applied(
        text,
        record::log_edits(text, "Wrote the order check.", false, now()),
    );
    assert!(
        after.contains("  - the stamp check\n\n* [x] (2026-11-25 10:30Z) Wrote the order check.\n\n## Decision Log"),
        "{after}"
    );
    check_log(text, None).unwrap();
    // Notes after the log: the entry goes in the log, not in the notes' list.
    let text = "# P\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Wrote the reader.\n\nLeft for later:\n\n  - the order check\n";
    let after = applied(
        text,
        record::log_edits(text, "Wrote the checks.", false, now()),
    );
    assert!(
        after.contains("Wrote the reader.\n- [x] (2026-11-25 10:30Z) Wrote the checks.\n\nLeft"),
        "{after}"
    );
}

#[test]
fn a_numbered_decision_log_gets_the_next_number() {
    let text = "# P\n\n## Decision Log\n\n1. Decision: Read once.\n   Rationale: Cheaper.\n   Date/Author: 2025-10-01 / ana\n";
    let after = applied(
        text,
        record::decide_edits(text, "Keep it.", "Simple.", "t", now()),
    );
    assert!(
        after.ends_with(
            "ana\n2. Decision: Keep it.\n   Rationale: Simple.\n   Date/Author: 2026-11-25 / t\n"
        ),
        "{after}"
    );
}

#[test]
fn a_table_log_row_takes_the_tables_own_status_word() {
    let text = "# P\n\n## Progress\n\n| 日付 | 状態 | 内容 |\n| --- | --- | --- |\n| 2025-10-01 | 完了 | 読み込みを書いた |\n| 2025-10-02 | 進行中 | 検査を書いている |\n";
    let after = applied(text, record::log_edits(text, "検査を書いた", false, now()));
    assert!(
        after.ends_with("| 2026-11-25 | 完了 | 検査を書いた |\n"),
        "{after}"
    );
    check_log(text, None).unwrap();
}

#[test]
fn a_spanish_wrapped_decision_gives_its_keys_and_nothing_else() {
    let text = "# P\n\n## Registro de decisiones\n\n- Decisión: leer el archivo una vez. Justificación: un solo árbol cuesta menos cuando el\n  archivo es largo. Fecha/Autor: 2025-10-01 / ana.\n";
    let after = applied(
        text,
        record::decide_edits(
            text,
            "Mantenerlo pequeño.",
            "Menos que revisar.",
            "t",
            now(),
        ),
    );
    assert!(
        after.ends_with("ana.\n- Decisión: Mantenerlo pequeño. Justificación: Menos que revisar. Fecha/Autor: 2026-11-25 / t\n"),
        "{after}"
    );
    // Without a rationale in the last entry, the plan's language still gives the key.
    let text = "# P\n\n## Registro de decisiones\n\n- Decisión: leer el archivo una vez.\n";
    let after = applied(
        text,
        record::decide_edits(text, "Mantenerlo.", "Es simple.", "t", now()),
    );
    assert!(after.contains("  Justificación: Es simple.\n"), "{after}");
}

#[test]
fn a_decision_table_with_a_record_column_keeps_the_rationale() {
    let text = "# P\n\n## Decision Log\n\n| Date | Status | Decision | Record |\n|---|---|---|---|\n| 2025-10-01 | Accepted | Read once. | ADR-1 |\n";
    let after = applied(
        text,
        record::decide_edits(text, "Keep it.", "Simple.", "t", now()),
    );
    // A status column is left empty: the last row's (`Accepted`) is not this decision's.
    assert!(
        after.ends_with("| 2026-11-25 |  | Keep it. | Simple. |\n"),
        "{after}"
    );
    let bare =
        "# P\n\n## Decision Log\n\n| Date | Decision |\n|---|---|\n| 2025-10-01 | Read once. |\n";
    let e = record::decide_edits(bare, "Keep it.", "Simple.", "t", now()).unwrap_err();
    assert!(e.0.contains("no column for the rationale"), "{e}");
}

#[test]
fn a_pipe_in_a_table_decision_is_escaped() {
    let text = "# P\n\n## Decision Log\n\n| Date | Decision | Rationale |\n| --- | --- | --- |\n| 2025-10-01 | Read once. | Cheaper. |\n";
    let after = applied(
        text,
        record::decide_edits(text, "Use a | b.", "Both | work.", "t", now()),
    );
    assert!(
        after.ends_with("| 2026-11-25 | Use a \\| b. | Both \\| work. |\n"),
        "{after}"
    );
    let new = planlint_parser::parse(&after);
    assert_eq!(new.decisions.len(), 2);
}

#[test]
fn the_first_decision_replaces_the_prompt_and_speaks_the_plans_language() {
    let text = PLAN.replace(
        "NONE",
        "No decisions yet. Record each with its decision, its rationale, and its date and author.",
    );
    let after = applied(
        &text,
        record::decide_edits(&text, "Keep it.", "Simple.", "t", now()),
    );
    assert!(!after.contains("No decisions yet"), "{after}");
    assert!(after.ends_with("## Decision Log\n\n- Decision: Keep it.\n  Rationale: Simple.\n  Date/Author: 2026-11-25 / t\n"), "{after}");
    let spanish = "# P\n\n## Registro de decisiones\n\nNinguna.\n";
    let after = applied(
        spanish,
        record::decide_edits(spanish, "Leer una vez.", "Es más barato.", "t", now()),
    );
    assert!(
        after.contains("- Decisión: Leer una vez.\n  Justificación: Es más barato.\n  Fecha/Autor: 2026-11-25 / t"),
        "{after}"
    );
}

#[test]
fn set_status_updates_each_place_and_drops_a_stale_note() {
    let text = "---\nstatus: active\n---\n# P\n\nStatus: active（残りは未完）\nLast updated: 2025-10-01\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Began.\n";
    let settings = planlint_rules::Settings::default();
    let after = applied(
        text,
        record::status_edits(text, &settings, "done", false, now()),
    );
    assert!(after.contains("---\nstatus: done\n---"), "{after}");
    assert!(
        after.contains("\nStatus: done\nLast updated: 2026-11-25\n"),
        "{after}"
    );
    let two =
        "# P\n\n## Outcomes & Retrospective\n\n- Status: text-draft\n- Status: assets-pending\n";
    let note = record::status_note(two).expect("a note");
    assert!(note.contains("line 6 (`assets-pending`)"), "{note}");
}

/// Text of a record made of words that stress the writers: a pipe, emphasis, code, brackets,
/// Unicode of several scripts.
fn words() -> impl proptest::strategy::Strategy<Value = String> {
    let word = proptest::sample::select(vec![
        "keep",
        "the",
        "reader",
        "small",
        "a|b",
        "über",
        "読む",
        "데이터",
        "(note)",
        "50%",
        "`code`",
        "x_y",
        "*emph*",
        "Rationale",
        "日付",
        "why.",
    ]);
    proptest::collection::vec(word, 1..8).prop_map(|w| w.join(" "))
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    /// Over random shapes and random texts: `log` and `decide` only insert (and rewrite the
    /// lines they own), the new entry parses back with the text given (a table cell's `|`
    /// escaped), and no finding appears.
    #[test]
    fn random_texts_in_random_shapes(
        p in 0usize..9,
        d in 0usize..11,
        env in 0usize..3,
        crlf in any::<bool>(),
        bom in any::<bool>(),
        entry in words(),
        decision in words(),
        why in words(),
    ) {
        use DecisionShape as D;
        use ProgressShape as P;
        let ps = [P::Boxes, P::NewestFirst, P::BlankSeparated, P::Ordered, P::Table, P::Narrative, P::Wrapped, P::HardBreaks, P::DateColon];
        let ds = [D::Canonical, D::WrappedInline, D::Table, D::Siblings, D::BlankSeparated, D::Spanish, D::Japanese, D::Paragraph, D::HardBreaks, D::Prompt, D::Numbered];
        let envs = [Envelope::None, Envelope::FrontMatter, Envelope::Fence];
        let (text, _) = shaped(ps[p], ds[d], envs[env], crlf, bom);
        let plan = planlint_parser::parse(&text);
        let allowed: Vec<&str> = last_updated_line(&plan).into_iter().collect();

        let after = applied(&text, record::log_edits(&text, &entry, false, now()));
        let (removed, added) = changed_lines(&text, &after);
        prop_assert!(only_removed(&removed, &allowed, &added, &text).is_ok(), "{:?}", removed);
        let new = planlint_parser::parse(&after);
        prop_assert_eq!(new.progress.len(), plan.progress.len() + 1);
        let cell = entry.replace('|', "\\|");
        prop_assert!(
            new.progress.iter().any(|e| e.text.ends_with(&entry) || e.text.trim_end_matches(['|', ' ']).ends_with(&cell)),
            "{}", after
        );
        prop_assert_eq!(no_new_findings(&text, &after), Ok(()));

        let mut allowed = allowed;
        allowed.extend(prompt_line(&plan));
        let after = applied(&text, record::decide_edits(&text, &decision, &why, AUTHOR, now()));
        let (removed, added) = changed_lines(&text, &after);
        prop_assert!(only_removed(&removed, &allowed, &added, &text).is_ok(), "{:?}", removed);
        let new = planlint_parser::parse(&after);
        prop_assert_eq!(new.decisions.len(), plan.decisions.len() + 1, "{}", after);
        let meant = if matches!(ds[d], D::Table) { decision.replace('|', "\\|") } else { decision.clone() };
        prop_assert!(new.decisions.iter().any(|x| x.text == meant && x.rationale.is_some()), "{}", after);
        prop_assert_eq!(no_new_findings(&text, &after), Ok(()));
    }
}

/// Plan-like text built from the pieces records meet: headings, boxes, stamps, keys, tables,
/// numbered items, indentation, CRLF, a BOM, Unicode.
fn hostile() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(vec![
        "# P\n",
        "## Progress\n",
        "## Decision Log\n",
        "Status: done (old)\n",
        "| Date | Status | Evidence |\n",
        "| 2025-10-03 09:00Z | done | x \\| y |\n",
        "Last updated: 2025-10-01\n",
        "- [ ] open\n",
        "- [x] (2025-10-01 13:00 EDT) done\n",
        "1. (2025-10-02) one\n",
        "| Date | Decision | Why |\n",
        "| --- | --- | --- |\n",
        "| 2025-10-01 | a | b |\n",
        "- Decision: x. Rationale: y\n",
        "  Date/Author: z\n",
        "- Reason: r\n",
        "\n",
        "\r\n",
        "  - sub\n",
        "    code\n",
        "\u{feff}",
        "（注）\n",
        "---\nstatus: active\n---\n",
        "```md\n",
        "```\n",
        "決定：",
        "|",
        ":",
        "  ",
    ]);
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// No record command panics on any text, and whatever edits it returns apply.
    #[test]
    fn record_commands_never_panic(text in hostile(), words in words()) {
        let settings = planlint_rules::Settings::default();
        let results = [
            record::log_edits(&text, &words, false, now()),
            record::log_edits(&text, &words, true, now()),
            record::decide_edits(&text, &words, &words, AUTHOR, now()),
            record::tick_edits(&text, &settings, "1", now()),
            record::status_edits(&text, &settings, "active", true, now()),
        ];
        for edits in results.into_iter().flatten() {
            prop_assert!(record::apply(&text, &edits).is_some());
        }
        let _ = record::status_note(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// The whole promise over the hostile texts: only owned lines change, the entry parses
    /// back, no new finding.
    #[test]
    fn every_record_command_keeps_hostile_text(text in hostile()) {
        LEFT_OUT.with(|l| {
            l.set(&[
                "required-section",
                "recommended-section",
                "checkbox-placement",
                "section-order",
                "empty-section",
                "status-missing",
                "missing-title",
                "metadata-field",
                "section-numbering",
            ])
        });
        let checked = check_all(&text, &Expect::default());
        LEFT_OUT.with(|l| l.set(&[]));
        if let Err(why) = checked {
            prop_assert!(false, "{}\n---\n{:?}", why, text);
        }
    }
}
