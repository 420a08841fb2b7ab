//! The status vocabulary a spec names: `Status: value` examples, a status field that lists its
//! choices, and words listed under a "States" heading, with whether the spec calls them the
//! allowed ones (which closes the vocabulary) or gives them as examples (which leaves it open).

use planlint_parser::status;

use super::{heading, Line, Sourced};

/// Status values: `` `Status: value` `` anywhere, `status … a | b | c` lines, and backticked
/// words listed under a "States"/"Statuses" heading.
pub(super) fn statuses(lines: &[Line<'_>]) -> (Vec<Sourced<String>>, bool) {
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
}
