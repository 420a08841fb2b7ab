//! `planlint rules`: every rule with its group, default severity, whether it fixes, and one
//! line; as a table for people or JSON for tools.

use std::fmt::Write;

use planlint_rules::RULES;
use serde_json::json;

use crate::cli::ListFormat;

/// `planlint rules`.
pub fn rules(format: ListFormat) -> String {
    match format {
        ListFormat::Json => {
            let list: Vec<_> = RULES
                .iter()
                .map(|r| {
                    json!({
                        "name": r.name,
                        "group": r.group.as_str(),
                        "severity": r.default_severity.as_str(),
                        "fixable": r.fixable,
                        "summary": r.summary,
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Table => {
            let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
            let mut out = format!(
                "{:<width$}  {:<11}  {:<8}  {:<3}  {}\n",
                "rule", "group", "severity", "fix", "summary"
            );
            for r in RULES {
                let _ = writeln!(
                    out,
                    "{:<width$}  {:<11}  {:<8}  {:<3}  {}",
                    r.name,
                    r.group.as_str(),
                    r.default_severity.as_str(),
                    if r.fixable { "yes" } else { "" },
                    r.summary
                );
            }
            out
        }
    }
}
