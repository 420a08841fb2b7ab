//! One rule a file. Each file declares its rule with [`declare_rule!`](crate::declare_rule) and
//! holds the check; the registry lists them.

pub mod checkbox_placement;
pub mod checkbox_syntax;
pub mod checkbox_unchecked;
pub mod date_format;
pub mod date_order;
pub mod decision_rewritten;
pub mod decision_shape;
pub mod duplicate_section;
pub mod empty_section;
pub mod encoding;
pub mod io_error;
pub mod last_updated_stale;
pub mod metadata_field;
pub mod missing_reference;
pub mod missing_title;
pub mod nested_fence;
pub mod placeholder;
pub mod plan_id_path;
pub mod progress_rewritten;
pub mod recommended_section;
pub mod required_section;
pub mod section_numbering;
pub mod section_order;
pub mod status_consistency;
pub mod status_missing;
pub mod status_value;
pub mod timestamp_format;
pub mod timestamp_future;
pub mod timestamp_order;
pub mod timestamp_range;
pub mod unused_suppression;

use planlint_parser::timestamp::{self, Stamp};
use planlint_parser::{MetadataField, Span, Timestamp};

use crate::settings::SectionSpec;
use crate::{requirements, Context, Diagnostic};

/// A metadata value read as a date (or date and time), if it is one.
pub(crate) fn meta_timestamp(field: &MetadataField) -> Option<Timestamp> {
    match timestamp::leading(field.value, field.value_span.start) {
        Stamp::Valid { timestamp } => Some(timestamp),
        _ => None,
    }
}

/// Report every spec in `specs` that the plan lacks, as `rule`.
pub(crate) fn missing_sections(
    cx: &Context<'_>,
    specs: &[SectionSpec],
    rule: &'static str,
    out: &mut Vec<Diagnostic>,
) {
    let plan = cx.plan;
    let order = requirements::order(cx.dialect);
    for spec in specs {
        if requirements::present_among(plan, spec, specs) {
            continue;
        }
        // A heading that misses the name by a typo is the likely match.
        let typo = spec.kind.and_then(|kind| {
            plan.sections
                .iter()
                .filter(|s| s.kind.is_none())
                .map(|s| (s, planlint_parser::sections::similarity(&s.name, kind)))
                .filter(|(_, score)| *score >= 0.75)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(s, _)| s)
        });
        let heading = |name: &str| {
            if cx.dialect == planlint_parser::Dialect::Numbered {
                format!("## N. {name}")
            } else {
                format!("## {name}")
            }
        };
        let diag = match typo {
            Some(s) => Diagnostic::new(
                rule,
                s.title_span,
                format!(
                    "section `{}` is missing; `{}` looks like a misspelling of it",
                    spec.name, s.raw_title
                ),
            )
            .label("likely meant as this section")
            .help(format!("rename the heading to `{}`", heading(&spec.name))),
            None => {
                // Point where the section belongs: the next section expected after it, in the
                // contract's order where the project sets one, else the dialect's.
                let ds = cx.settings.dialect_settings(cx.dialect);
                let own = match ds.alternatives.is_empty() {
                    true => ds.order.as_deref(),
                    false => Some(&cx.required[..]),
                };
                let at = match own {
                    Some(own) => own
                        .iter()
                        .position(|r| r.name == spec.name)
                        .and_then(|pos| {
                            own[pos + 1..].iter().find_map(|later| {
                                plan.sections
                                    .iter()
                                    .find(|s| requirements::satisfies(s, later))
                            })
                        }),
                    None => spec.kind.and_then(|kind| {
                        let pos = order.iter().position(|k| *k == kind)?;
                        order[pos + 1..]
                            .iter()
                            .find_map(|later| plan.sections.iter().find(|s| s.kind == Some(*later)))
                    }),
                };
                match at {
                    Some(next) => Diagnostic::new(
                        rule,
                        next.heading,
                        format!(
                            "section `{}` is missing (expected before `{}`)",
                            spec.name, next.raw_title
                        ),
                    )
                    .label(format!("`{}` belongs before this heading", spec.name)),
                    None => Diagnostic::new(
                        rule,
                        cx.anchor(),
                        format!("section `{}` is missing", spec.name),
                    ),
                }
                .help(format!("add a `{}` section", heading(&spec.name)))
            }
        };
        out.push(diag);
    }
}

/// The span of a whole line holding `offset`.
pub(crate) fn line(cx: &Context<'_>, offset: usize) -> Span {
    cx.plan.line_span(offset)
}
