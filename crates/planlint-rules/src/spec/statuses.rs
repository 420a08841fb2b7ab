//! The status vocabulary a spec names: `Status: value` examples, a status field that lists its
//! choices, and backticked words in a sentence or a list about status ("Give each plan a status
//! such as `drafting` or `shipping`", a list under a "Plan States" heading or after "Allowed
//! values:" under a "Status values" one), with whether the spec calls them the allowed ones
//! (which closes the vocabulary) or gives them as examples or simply lists them (which leaves it
//! open). Other backticked words of the spec are never statuses.

use planlint_parser::{prose, sections, status};

use super::{heading, pieces, Line, Passage, Piece, Sourced};

/// What a heading or a line that introduces a list says of the values that follow it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Says {
    /// It calls them the allowed values ("Allowed values:", "must be one of").
    allowed: bool,
    /// It gives them as examples ("such as", "e.g.", "recommended").
    examples: bool,
}

impl Says {
    fn of(text: &str) -> Says {
        Says {
            allowed: says_allowed(text),
            examples: gives_examples(text),
        }
    }

    fn or(self, other: Says) -> Says {
        Says {
            allowed: self.allowed || other.allowed,
            examples: self.examples || other.examples,
        }
    }

    /// Whether the values it speaks of close the vocabulary.
    fn closes(self) -> bool {
        self.allowed && !self.examples
    }
}

/// The statuses found so far, and whether the spec closed the vocabulary.
#[derive(Default)]
struct Found {
    out: Vec<Sourced<String>>,
    closed: bool,
}

impl Found {
    fn push(&mut self, value: &str, line: usize) -> bool {
        let v = value.trim().trim_matches(['`', '*']).trim();
        let plain = !v.is_empty()
            && v.len() <= 30
            && v.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
            && !v.contains("  ");
        if plain && !self.out.iter().any(|o| o.value.eq_ignore_ascii_case(v)) {
            self.out.push(Sourced {
                value: v.to_string(),
                line,
            });
        }
        plain
    }
}

/// Status values: `` `Status: value` `` anywhere, `status … a | b | c` lines, and backticked
/// words in a sentence about status or a list of them (under a heading about status, or after a
/// line about status that ends in a colon).
pub(super) fn statuses(lines: &[Line<'_>]) -> (Vec<Sourced<String>>, bool) {
    let mut found = Found::default();
    // What the heading over the line at hand says, where it is about status.
    let mut under: Option<Says> = None;
    // What the line that introduces the list at hand says, with the indentation of the item that
    // introduced it (`None` for a paragraph).
    let mut intro: Option<(Says, Option<usize>)> = None;
    let mut next = 0;
    for (end, piece) in pieces(lines) {
        // The status fields of the lines up to the piece's end, code blocks and tables included.
        for l in &lines[next..end] {
            if heading(l.text).filter(|_| !l.fenced).is_none() {
                line_values(l, &mut found);
            }
        }
        next = end;
        match piece {
            Piece::Heading(text) => {
                under = about_status_heading(text).then(|| Says::of(text));
                intro = None;
            }
            Piece::Passage(p) => read_passage(&p, under, &mut intro, &mut found),
        }
    }
    for l in &lines[next..] {
        line_values(l, &mut found);
    }
    (found.out, found.closed)
}

/// The values a line gives in a status field: a field that lists its choices (in a template
/// block too), and `` `Status: value` `` in backticks, an example of a value unless the line
/// calls it allowed.
fn line_values(l: &Line<'_>, found: &mut Found) {
    let examples = gives_examples(l.text);
    // `Status: `ACTIVE` or `COMPLETED``, `status (required): planned | active | paused | done`.
    if let Some(words) = status_choices(l.text) {
        for w in &words {
            found.push(w, l.number);
        }
        found.closed |= !examples;
        return;
    }
    if l.fenced {
        return;
    }
    for code in super::inline_code(l.text) {
        if let Some(kv) = planlint_parser::keyvalue::key_value(code, 0) {
            if status::is_status_key(kv.key) && !kv.value.contains('|') {
                if let Some((v, _, _)) = status::cut_value(kv.value) {
                    found.push(v, l.number);
                    found.closed |= !examples && says_allowed(l.text);
                }
            }
        }
    }
}

/// The bare backticked words of a paragraph or list item that are statuses: a list item that
/// opens with one, in a list about status; two or more joined (`a`, `b` or `c`) in a sentence
/// about status, or in one under a heading about status that calls them allowed, gives them as
/// examples or labels them ("Allowed values: `a`, `b`").
fn read_passage(
    b: &Passage,
    under: Option<Says>,
    intro: &mut Option<(Says, Option<usize>)>,
    found: &mut Found,
) {
    // A paragraph ends the list a line before it introduced; an item ends the one its sibling
    // or its parent's sibling introduced.
    if intro.is_some_and(|(_, at)| match (b.item, at) {
        (None, _) => true,
        (Some(i), Some(at)) => i <= at,
        (Some(_), None) => false,
    }) {
        *intro = None;
    }
    if b.item.is_some() {
        let list = intro.map(|(says, _)| says).or(under);
        if let (Some(says), Some(rest)) = (list, b.text.strip_prefix('`')) {
            let word = rest.split('`').next().unwrap_or_default();
            if found.push(word, b.line_at(0)) {
                found.closed |= says.closes();
            }
            return;
        }
    }
    let mut last_about = false;
    let mut last_says = Says::default();
    for r in prose::sentences(&b.text) {
        let sentence = &b.text[r.clone()];
        let words = prose::without_code(sentence);
        let says = Says::of(&words);
        let labelled = sentence
            .split('`')
            .next()
            .is_some_and(|before| before.trim_end().ends_with([':', '：']));
        let about =
            about_status(&words) || under.is_some() && (says.allowed || says.examples || labelled);
        last_about = about;
        last_says = says.or(under.unwrap_or_default());
        if !about {
            continue;
        }
        let values = value_runs(sentence);
        let said = last_says;
        let mut any = false;
        for (at, v) in values {
            any |= found.push(v, b.line_at(r.start + at));
        }
        found.closed |= any && said.closes();
    }
    // A line about status that ends in a colon introduces the list that follows.
    if last_about && b.text.trim_end().ends_with([':', '：']) {
        *intro = Some((last_says, b.item));
    }
}

/// Whether a heading is about status: it names statuses or states (`Status values`, `Plan
/// States`, `상태`), not a single state (`Current state`).
fn about_status_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "status" | "statuses" | "states" | "estados" | "statuts"))
        || STATUS_CJK.iter().any(|w| lower.contains(w))
}

/// Words for status in languages written without spaces.
const STATUS_CJK: &[&str] = &["状态", "狀態", "状態", "ステータス", "상태"];

/// Whether prose (its inline code left out) speaks of status or state.
fn about_status(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "status"
                | "statuses"
                | "state"
                | "states"
                | "estado"
                | "estados"
                | "statut"
                | "statuts"
        )
    }) || STATUS_CJK.iter().any(|w| lower.contains(w))
}

/// What may stand between two values of a list (`a`, `b` or `c`; `a` / `b`; `a`와 `b`).
const JOINERS: &[&str] = &[
    "",
    ",",
    ", or",
    ", and",
    "or",
    "and",
    "/",
    "|",
    "、",
    "，",
    "o",
    "ou",
    "y",
    "e",
    "또는",
    "및",
    "와",
    "과",
    "または",
    "か",
    "や",
    "と",
    "或",
    "或者",
    "和",
    "与",
    "及",
];

/// The runs of two or more backticked single words joined as a list, each word with its offset
/// in `sentence`: a status key (`Status`), a section's name (`Progress`), a path or a command is
/// none, and breaks the run.
fn value_runs(sentence: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, &str)> = Vec::new();
    let mut after_last = 0;
    let mut rest = sentence;
    let mut off = 0;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        let code = &after[..close];
        let start = off + open + 1;
        let between = sentence[after_last..off + open]
            .trim()
            .trim_matches(['*', '_'])
            .trim()
            .to_lowercase();
        if !JOINERS.contains(&between.as_str()) {
            flush(&mut run, &mut out);
        }
        if a_value(code) {
            run.push((start, code));
        } else {
            flush(&mut run, &mut out);
        }
        let consumed = open + 1 + close + 1;
        off += consumed;
        after_last = off;
        rest = &rest[consumed..];
    }
    flush(&mut run, &mut out);
    out
}

fn flush<'a>(run: &mut Vec<(usize, &'a str)>, out: &mut Vec<(usize, &'a str)>) {
    if run.len() >= 2 {
        out.append(run);
    }
    run.clear();
}

/// Whether inline code may be a status value: one word of letters, digits, `-` and `_` (not
/// only digits), not a status key, not a section's name.
fn a_value(code: &str) -> bool {
    let word = code.trim();
    !word.is_empty()
        && word.chars().count() <= 30
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        && !word.chars().all(|c| c.is_ascii_digit())
        && !status::is_status_key(word)
        && !matches!(
            word.to_lowercase().as_str(),
            "state" | "states" | "statuses"
        )
        && !sections::classify_detail(&sections::normalize_name(word))
            .is_some_and(|(_, exact)| exact)
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
    " include",
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
    super::says_any(line, EXAMPLE_WORDS)
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
        "許可",
        "允许",
        "허용",
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
    // ASCII lowering keeps byte offsets: `at` indexes `t` itself.
    let lower = t.to_ascii_lowercase();
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

#[cfg(test)]
mod tests {

    /// Lowering `İ` makes the text longer: an offset found in a lowered copy must not index the
    /// original (it sliced inside a character).
    #[test]
    fn a_status_line_after_letters_that_lower_longer() {
        assert_eq!(
            super::status_choices("İİİİİİİ status：`a` or `b`"),
            Some(vec!["a".to_string(), "b".to_string()])
        );
    }

    use crate::spec::Spec;

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
    /// Backticked words join the vocabulary only in a sentence or a list about status; they
    /// close it only where the spec calls them the allowed values, never where it gives them as
    /// examples or simply lists a "Plan States" heading's words.
    #[test]
    fn bare_status_words_in_sentences_and_lists_about_status() {
        let read = |text: &str| {
            let spec = Spec::read(text);
            let words: Vec<String> = spec.statuses.into_iter().map(|s| s.value).collect();
            (words, spec.statuses_closed)
        };
        let both = || vec!["drafting".to_string(), "shipping".to_string()];
        for closing in [
            "## Status values\n\nAllowed values: `drafting`, `shipping`.\n",
            "## Plan States\n\nAllowed values: `drafting` or `shipping`.\n",
            "## Status values\n\nAllowed values:\n\n- `drafting`\n- `shipping` — out of the door\n",
            "Allowed statuses:\n\n1. `drafting`\n2. `shipping`\n",
            "## Allowed states\n\n- `drafting`\n- `shipping`\n",
            "## ステータス\n\n許可値: `drafting`, `shipping`\n",
        ] {
            assert_eq!(read(closing), (both(), true), "{closing}");
        }
        for joining in [
            "## Plan States\n\n- `drafting`\n- `shipping`\n",
            "Give each plan a status such as `drafting` or `shipping`.\n",
            "Status values (e.g. `drafting`, `shipping`).\n",
            "Give each plan a status such as\n`drafting` or `shipping`.\n",
            "ステータスは次のような値を使う: `drafting`, `shipping`。\n",
            "## Status values\n\nRecommended:\n\n- `drafting`\n- `shipping`\n",
            "## Status values\n\nAllowed values include `drafting` and `shipping`.\n",
        ] {
            assert_eq!(read(joining), (both(), false), "{joining}");
        }
        for none in [
            // Not about status.
            "Run `cargo test` and `cargo clippy`; read `drafting` notes.\n",
            "Allowed values:\n\n- `drafting`\n- `shipping`\n",
            // About status, but the words are sections, commands, keys or paths.
            "State the reason in `Context` and `Decision Log`.\n",
            "Check the status with `git status` or `jj status`.\n",
            "Update the `Status` line and `Progress` together.\n",
            // Another sentence of the same paragraph.
            "Keep the status line current. Run `fmt` and `lint` first.\n",
            // A single state, not the states.
            "## Current state\n\n- `parser` works\n- `lexer` is slow\n",
        ] {
            assert_eq!(read(none), (Vec::new(), false), "{none}");
        }
        // A list a line about status introduces ends at the next paragraph.
        let (words, closed) =
            read("Allowed statuses:\n\n- `drafting`\n- `shipping`\n\nTools:\n\n- `fmt`\n");
        assert_eq!((words, closed), (both(), true));
        // Each value points at its own line.
        let spec = Spec::read("# Plans\n\n## Plan States\n\n- `drafting`\n- `shipping`\n");
        let lines: Vec<usize> = spec.statuses.iter().map(|s| s.line).collect();
        assert_eq!(lines, [5, 6]);
    }
}
