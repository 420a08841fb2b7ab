//! The contract a plan is held to, in layers: the built-in default, then the project's spec
//! ([`crate::spec`]), then `planlint.toml` (applied by [`crate::config`]). This module applies
//! the spec's layer to [`Settings`].
//!
//! A skeleton that is the published canonical one, or the numbered one, keeps the default. A
//! required-sections list makes exactly those sections required. A template of the project's
//! own makes its sections required in its order, its checklists allowed where it shows them,
//! and, when its Progress examples carry no timestamp, an undated entry no error. Statuses the
//! spec names join the vocabulary.

use planlint_parser::{sections, Dialect, SectionKind};

use crate::requirements;
use crate::settings::{SectionSpec, Settings};
use crate::spec::Spec;

/// Apply the spec's layer to `settings` (the built-in defaults, before `planlint.toml`).
pub fn apply_spec(spec: &Spec, settings: &mut Settings) {
    apply_template(spec, settings);
    apply_required(spec, settings);
    apply_statuses(spec, settings);
}

/// A template of the project's own (not the canonical skeleton, nor the numbered one): its
/// sections required in its order, its checklists allowed where it shows them, its timestamps
/// asked for only where it shows them or the spec's prose does, and the further templates as
/// alternatives.
fn apply_template(spec: &Spec, settings: &mut Settings) {
    // The published skeleton with a section of the project's own added (`Constraints`): the
    // published contract, with the addition recommended beside the other sections.
    if let Some(skeleton) = spec.skeleton.as_ref().filter(|k| k.is_canonical()) {
        // Its order is the order `section-order` checks, as `contract` shows it.
        settings.canonical.order = Some(
            skeleton
                .sections
                .iter()
                .map(|s| SectionSpec::named(&s.value))
                .collect(),
        );
        let extras: Vec<SectionSpec> = skeleton
            .sections
            .iter()
            .map(|s| SectionSpec::named(&s.value))
            .filter(|r| {
                !r.kind
                    .is_some_and(|k| requirements::CANONICAL_ORDER.contains(&k))
            })
            .collect();
        if !extras.is_empty() {
            let rest = requirements::CANONICAL_ORDER[5..]
                .iter()
                .map(|k| SectionSpec::known(*k, Dialect::Canonical));
            settings.canonical.recommended_sections = Some(rest.chain(extras).collect());
        }
    }
    if let Some(skeleton) = spec
        .skeleton
        .as_ref()
        .filter(|k| !k.is_canonical() && !k.is_numbered())
    {
        let own: Vec<SectionSpec> = skeleton
            .sections
            .iter()
            .map(|s| SectionSpec::named(&s.value))
            .collect();
        // A section the template marks optional is neither required nor recommended; it keeps
        // its place in the order.
        let required = own.iter().filter(|r| !optional(&r.name)).cloned().collect();
        let c = &mut settings.canonical;
        c.required_sections = Some(required);
        c.recommended_sections = Some(Vec::new());
        c.order = Some(own);
        // A template without a Progress section keeps its record where it likes: in any section
        // of it, or of the further templates the spec gives.
        let no_progress = !skeleton
            .sections
            .iter()
            .any(|s| sections::classify(&s.value) == Some(SectionKind::Progress));
        let allowed = match no_progress {
            true => &std::iter::once(skeleton)
                .chain(&spec.alternatives)
                .flat_map(|k| k.sections.iter().map(|s| s.value.clone()))
                .fold(Vec::new(), |mut all, name| {
                    if !all.contains(&name) {
                        all.push(name);
                    }
                    all
                }),
            false => &skeleton.checklists,
        };
        c.checklists = Some(with_progress(
            allowed
                .iter()
                .map(|name| SectionSpec::named(name))
                .collect(),
        ));
        // A template of the project's own sets the Progress entry form, as its examples show
        // it. One that shows no entry (an empty `## Progress`, "Use checkboxes") shows no
        // timestamp either: only its prose can ask for one (issue 19: timestamps are asked
        // where the contract asks for them, the published skeleton and specs that say so).
        let undated = match skeleton.progress_timestamps {
            Some(shown) => !shown,
            None => !spec.mentions_timestamps,
        };
        if undated {
            settings.progress_timestamps = false;
        }
        c.alternatives = spec
            .alternatives
            .iter()
            .map(|k| {
                k.sections
                    .iter()
                    .filter(|s| !optional(&s.value))
                    .map(|s| SectionSpec::named(&s.value))
                    .collect()
            })
            .collect();
    }
}

/// The sections that may hold checklists, Progress among them (added where none of them is
/// the Progress log already, as `Progress log` is).
fn with_progress(mut sections: Vec<SectionSpec>) -> Vec<SectionSpec> {
    if !sections
        .iter()
        .any(|r| r.kind == Some(SectionKind::Progress))
    {
        sections.push(SectionSpec::known(
            SectionKind::Progress,
            Dialect::Canonical,
        ));
    }
    sections
}

/// Whether a list of sections keeps the published living record: Surprises & Discoveries and a
/// Decision Log.
fn canonical_record(list: &[SectionSpec]) -> bool {
    let has = |k: SectionKind| list.iter().any(|r| r.kind == Some(k));
    has(SectionKind::Surprises) && has(SectionKind::DecisionLog)
}

/// Whether a template's heading marks its section optional (`## 14. Notes (Optional)`,
/// `## Appendix (if any)`, `## 補足（任意）`): not required.
pub fn optional(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    words.contains(&"optional")
        || lower.contains("if applicable")
        || lower.contains("if any")
        || ["任意", "オプション", "可选", "선택"]
            .iter()
            .any(|w| lower.contains(w))
}

/// A required-sections list: exactly those sections required, unless the skeleton already
/// holds them all.
fn apply_required(spec: &Spec, settings: &mut Settings) {
    // A list of sections the skeleton already holds ("must include and maintain these
    // sections", "do not remove the living sections") stresses part of the skeleton; the
    // skeleton stays the contract.
    let in_skeleton = |name: &str| {
        let want = SectionSpec::named(name);
        spec.skeleton.as_ref().is_some_and(|k| {
            k.sections.iter().any(|s| {
                let have = SectionSpec::named(&s.value);
                (want.kind.is_some() && have.kind == want.kind) || have.aliases == want.aliases
            })
        })
    };
    let stresses = spec
        .required
        .iter()
        .flatten()
        .all(|r| in_skeleton(&r.value));
    if let Some(required) = spec.required.as_ref().filter(|_| !stresses) {
        let list: Vec<SectionSpec> = required
            .iter()
            .map(|name| {
                let mut spec_of = SectionSpec::named(&name.value);
                // Headings the spec offers instead, as written in the plans.
                for (_, alt) in spec
                    .required_aliases
                    .iter()
                    .filter(|(n, _)| *n == name.value)
                {
                    spec_of
                        .aliases
                        .push(planlint_parser::sections::normalize_name(alt));
                }
                spec_of
            })
            .collect();
        // Exactly those: a plan that follows its spec gets no finding, warnings included.
        let rest = Vec::new();
        // A list of the project's own sections (not the canonical living ones) asks for
        // timestamps only where its prose does.
        let canonical_record = canonical_record(&list);
        if !canonical_record && !spec.mentions_timestamps {
            settings.progress_timestamps = false;
        }
        // Nor is there a canonical rule for where its checklists go: any section it names.
        if !canonical_record {
            settings.canonical.checklists = Some(with_progress(list.clone()));
        }
        // The list's order is the order the spec asks for, unless a template of its own shows
        // one.
        let canonical = spec.skeleton.as_ref().is_none_or(|k| k.is_canonical());
        if settings.canonical.order.is_none() || canonical {
            settings.canonical.order = Some(list.clone());
        }
        settings.canonical.required_sections = Some(list);
        settings.canonical.recommended_sections = Some(rest);
        settings.canonical.required_for = spec.required_for.clone();
    }
}

/// The statuses the spec names: the vocabulary where it calls them the allowed ones, else
/// added to the built-in one.
fn apply_statuses(spec: &Spec, settings: &mut Settings) {
    // Values the spec calls the allowed ones are the vocabulary; values it gives as examples
    // join the built-in one.
    if spec.statuses_closed {
        settings.statuses.clear();
        settings.statuses_closed = true;
    }
    for status in &spec.statuses {
        let value = planlint_parser::status::normalize_value(&status.value);
        if !settings.statuses.contains(&value) {
            settings.statuses.push(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_of_its_own_replaces_the_default() {
        let spec = Spec::read("## Template\n\n```md\n# T\n\n## Goal\n\n## Scope\n- [ ] x\n\n## Progress Notes\n- did it\n```\n\nUse `Status: shipped`.\n");
        let mut s = Settings::default();
        apply_spec(&spec, &mut s);
        let names: Vec<String> = s
            .canonical
            .required_sections
            .unwrap()
            .iter()
            .map(|r| r.name.clone())
            .collect();
        assert_eq!(names, ["Goal", "Scope", "Progress Notes"]);
        assert!(!s.progress_timestamps);
        assert!(s.statuses.contains(&"shipped".to_string()));
        assert_eq!(s.canonical.checklists.unwrap().len(), 2);
    }

    /// A template of the project's own that shows no Progress entry shows no timestamp: none is
    /// asked unless the spec's prose asks for one, whatever living sections it keeps; where its
    /// examples are stamped, one is asked.
    #[test]
    fn a_template_without_progress_examples_asks_for_timestamps_only_where_its_prose_does() {
        let template = |body: &str, prose: &str| {
            let spec = Spec::read(&format!("{prose}## Template\n\n```md\n# T\n\n{body}```\n"));
            let mut s = Settings::default();
            apply_spec(&spec, &mut s);
            s.progress_timestamps
        };
        let living = "## Purpose\n\n## Rules\n\n## Progress\n\nUse checkboxes and keep updated.\n\n## Surprises & Discoveries\n\n## Decision Log\n\n## Outcomes & Retrospective\n\n";
        assert!(!template(living, ""));
        assert!(!template(
            "## Goal\n\n## Rules\n\n## Progress\n\n## Notes\n\n",
            ""
        ));
        assert!(template(
            living,
            "Every checked Progress entry carries a timestamp.\n\n"
        ));
        assert!(!template(
            &living.replace(
                "Use checkboxes and keep updated.\n",
                "- [x] Wrote the parser.\n"
            ),
            ""
        ));
        assert!(template(
            &living.replace(
                "Use checkboxes and keep updated.\n",
                "- [x] (2026-01-05 10:00Z) Wrote the parser.\n"
            ),
            ""
        ));
    }

    #[test]
    fn a_section_the_template_marks_optional_is_not_required() {
        let spec = Spec::read("## Template\n\n```md\n# T\n\n## 1. Task\n\n## 2. Goal\n\n## 3. Plan\n\n## 4. Notes (Optional)\n\n## 補足（任意）\n```\n");
        let mut s = Settings::default();
        apply_spec(&spec, &mut s);
        let names = |v: &Option<Vec<SectionSpec>>| -> Vec<String> {
            v.iter().flatten().map(|r| r.name.clone()).collect()
        };
        assert_eq!(
            names(&s.canonical.required_sections),
            ["1. Task", "2. Goal", "3. Plan"]
        );
        assert!(names(&s.canonical.recommended_sections).is_empty());
        assert_eq!(names(&s.canonical.order).len(), 5);
    }

    #[test]
    fn the_published_skeleton_keeps_the_default() {
        let spec = Spec::read("```md\n## Purpose / Big Picture\n## Progress\n- [x] (2025-10-01 13:00Z) x\n## Surprises & Discoveries\n## Decision Log\n## Outcomes & Retrospective\n```\n");
        let mut s = Settings::default();
        apply_spec(&spec, &mut s);
        assert!(s.canonical.required_sections.is_none());
        assert!(s.progress_timestamps);
    }

    #[test]
    fn the_published_skeleton_with_an_addition_recommends_it() {
        let spec = Spec::read("## Required Sections\n\n```md\n## Purpose / Big Picture\n## Progress\n- [x] (2025-10-01 13:00Z) x\n## Surprises & Discoveries\n## Decision Log\n## Outcomes & Retrospective\n## Constraints\n```\n\nEvery plan must keep these living sections:\n\n- Progress\n- Decision Log\n");
        let mut s = Settings::default();
        apply_spec(&spec, &mut s);
        // The living-section list stresses the skeleton: the published contract stays.
        assert!(s.canonical.required_sections.is_none());
        let recommended: Vec<String> = s
            .canonical
            .recommended_sections
            .unwrap()
            .iter()
            .map(|r| r.name.clone())
            .collect();
        assert_eq!(recommended.len(), 8);
        assert_eq!(recommended.last().map(String::as_str), Some("Constraints"));
    }
}
