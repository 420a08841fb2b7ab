//! `planlint explain RULE`: a rule's documentation, the same text as its doc comment.

use planlint_rules::RULES;

use crate::error::Error;

/// `planlint explain RULE`: the rule's documentation, or `Err` with a hint.
pub fn explain(name: &str) -> Result<String, Error> {
    let Some(rule) = planlint_rules::rule(name) else {
        let hint = planlint_rules::config::did_you_mean(name, RULES.iter().map(|r| r.name))
            .unwrap_or_else(|| "`planlint rules` lists every rule".into());
        return Err(Error::Usage(format!("unknown rule `{name}`: {hint}")));
    };
    Ok(rule.explanation())
}
