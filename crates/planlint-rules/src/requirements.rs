//! Which sections a plan must have and in which order, from the settings and from how the plan
//! presents itself (its dialect and [`Conformance`]).
//!
//! The numbered dialect requires all twelve of its sections. A canonical plan that says it is a
//! living ExecPlan, or has most of the living sections, must have Purpose and the four living
//! sections; where its preamble names its living sections itself, those names are its contract.
//! A plan-like document that claims neither is only given recommendations.

use planlint_parser::sections::{self, SectionKind};
use planlint_parser::{Conformance, Dialect, Plan, Section};

use crate::settings::{SectionSpec, Settings};

/// The twelve sections of the numbered dialect, in order.
pub const NUMBERED_ORDER: [SectionKind; 12] = numbered_order();

/// The first twelve of [`SectionKind::ALL`], which lists the numbered dialect's sections first.
const fn numbered_order() -> [SectionKind; 12] {
    let mut order = [SectionKind::Metadata; 12];
    let mut i = 0;
    while i < 12 {
        order[i] = SectionKind::ALL[i];
        i += 1;
    }
    order
}

/// The twelve sections of the canonical skeleton, in order.
pub const CANONICAL_ORDER: [SectionKind; 12] = [
    SectionKind::Purpose,
    SectionKind::Progress,
    SectionKind::Surprises,
    SectionKind::DecisionLog,
    SectionKind::Outcomes,
    SectionKind::Context,
    SectionKind::PlanOfWork,
    SectionKind::ConcreteSteps,
    SectionKind::Validation,
    SectionKind::Idempotence,
    SectionKind::Artifacts,
    SectionKind::Interfaces,
];

const LIVING: [SectionKind; 4] = [
    SectionKind::Progress,
    SectionKind::Surprises,
    SectionKind::DecisionLog,
    SectionKind::Outcomes,
];

/// The expected order of known sections in a dialect.
pub fn order(dialect: Dialect) -> &'static [SectionKind] {
    match dialect {
        Dialect::Numbered => &NUMBERED_ORDER,
        Dialect::Canonical => &CANONICAL_ORDER,
    }
}

/// A section's place in the contract's order, as a sortable rank: with an order the project
/// sets (`own`), the first of its sections the section `is`, else — for a known section it does
/// not name — just after the nearest section before it in the dialect's order; without one,
/// the dialect's order. `None`: the section has no place (an extra of the plan's own).
pub fn rank(
    own: Option<&[SectionSpec]>,
    dialect: Dialect,
    kind: Option<SectionKind>,
    is: impl Fn(&SectionSpec) -> bool,
) -> Option<(usize, usize)> {
    let builtin = order(dialect);
    let Some(specs) = own else {
        let kind = kind?;
        return builtin.iter().position(|k| *k == kind).map(|p| (p, 0));
    };
    if let Some(p) = specs.iter().position(is) {
        return Some((p + 1, 0));
    }
    let at = builtin.iter().position(|k| Some(*k) == kind)?;
    let anchor = builtin[..at]
        .iter()
        .rev()
        .find_map(|k| specs.iter().position(|r| r.kind == Some(*k)));
    Some((anchor.map_or(0, |p| p + 1), at + 1))
}

/// Put `list` in the order `section-order` checks: the project's own order where it sets one
/// (a template's, which a required-sections list beside it may write differently), a part it
/// does not place staying after the part before it.
pub fn in_checked_order(list: &mut [SectionSpec], settings: &Settings, dialect: Dialect) {
    let ds = settings.dialect_settings(dialect);
    let Some(own) = ds.order.as_deref().filter(|_| ds.alternatives.is_empty()) else {
        return;
    };
    let mut last = (0, 0);
    let keys: Vec<(usize, usize)> = list
        .iter()
        .map(|s| {
            let norm = sections::normalize_name(&s.name);
            let at = own.iter().position(|r| {
                r.name == s.name
                    || same_section(r, s)
                    || s.aliases.contains(&sections::normalize_name(&r.name))
                    || r.aliases.contains(&norm)
            });
            if let Some(p) = at {
                last = (p, 0);
            }
            last
        })
        .collect();
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by_key(|&i| (keys[i], i));
    let sorted: Vec<SectionSpec> = order.iter().map(|&i| list[i].clone()).collect();
    list.clone_from_slice(&sorted);
}

/// Required and recommended sections for this plan.
pub fn sections(
    plan: &Plan<'_>,
    dialect: Dialect,
    settings: &Settings,
) -> (Vec<SectionSpec>, Vec<SectionSpec>) {
    // A task or milestone record of a plan keeps a template of its own, which the plan's
    // section contract does not describe.
    if plan.part_of.is_some() {
        return (Vec::new(), Vec::new());
    }
    let ds = settings.dialect_settings(dialect);
    if of_another_kind(plan, settings, dialect) {
        return (Vec::new(), Vec::new());
    }
    let (req, rec) = defaults(plan, dialect);
    let required = match &ds.required_sections {
        Some(first) if !ds.alternatives.is_empty() => best_template(plan, first, &ds.alternatives),
        Some(list) => list.clone(),
        None => req,
    };
    (required, ds.recommended_sections.clone().unwrap_or(rec))
}

/// Whether a plan says it is a kind of document other than `kind`: its title or its front
/// matter's `type`, `kind`, `scope`, `category` or `mode` name another kind of planning document
/// (a research checklist, a study, a spike) and not `kind`. A plan that names no kind is of the
/// kind the list is for.
/// Whether the list the spec gives one kind of plan leaves this plan out, because it says it is
/// another kind (a research checklist beside execution contracts): neither the list's sections
/// nor its order bind it.
pub fn of_another_kind(plan: &Plan<'_>, settings: &Settings, dialect: Dialect) -> bool {
    settings
        .dialect_settings(dialect)
        .required_for
        .as_deref()
        .is_some_and(|kind| another_kind(plan, kind))
}

fn another_kind(plan: &Plan<'_>, kind: &str) -> bool {
    let mut says = String::new();
    if let Some(title) = &plan.title {
        says.push_str(&title.text.to_lowercase());
    }
    if let Some(fm) = plan.front_matter {
        for line in plan.source[fm.start..fm.end].lines() {
            let l = line.trim_start().to_lowercase();
            if ["type:", "kind:", "scope:", "category:", "mode:"]
                .iter()
                .any(|k| l.starts_with(k))
            {
                says.push('\n');
                says.push_str(&l);
            }
        }
    }
    const OTHER_KINDS: &[&str] = &[
        "checklist",
        "research",
        "study",
        "spike",
        "investigation",
        "survey",
        "exploration",
        "proposal",
        "brief",
    ];
    let words: Vec<&str> = says.split(|c: char| !c.is_alphanumeric()).collect();
    !says.contains(kind) && OTHER_KINDS.iter().any(|k| words.contains(k))
}

/// Of a project's templates, the one the plan follows best: the most of its sections present.
/// Where several follow equally well, only the sections they all require are required: the
/// plan is not held to a section of a template it may not be written to.
fn best_template(
    plan: &Plan<'_>,
    first: &[SectionSpec],
    others: &[Vec<SectionSpec>],
) -> Vec<SectionSpec> {
    // Each section the template names once, found as `required-section` finds it (one heading
    // never fills two of one kind): a template that repeats a name, or names two of one kind,
    // does not outscore one the plan follows.
    let present = |t: &[SectionSpec]| {
        t.iter()
            .enumerate()
            .filter(|(i, r)| !t[..*i].iter().any(|o| o.name == r.name))
            .filter(|(_, r)| present_among(plan, r, t))
            .count()
    };
    let all: Vec<&[SectionSpec]> = std::iter::once(first)
        .chain(others.iter().map(Vec::as_slice))
        .collect();
    let counts: Vec<usize> = all.iter().map(|t| present(t)).collect();
    let top = counts.iter().copied().max().unwrap_or(0);
    // A plan that follows none yet (a new one) is held to the first template.
    if top == 0 {
        return first.to_vec();
    }
    let best: Vec<&[SectionSpec]> = all
        .iter()
        .zip(&counts)
        .filter(|(_, n)| **n == top)
        .map(|(t, _)| *t)
        .collect();
    best[0]
        .iter()
        .filter(|r| {
            best[1..]
                .iter()
                .all(|t| t.iter().any(|o| same_section(o, r)))
        })
        .cloned()
        .collect()
}

fn defaults(plan: &Plan<'_>, dialect: Dialect) -> (Vec<SectionSpec>, Vec<SectionSpec>) {
    let known = |kinds: &[SectionKind]| {
        kinds
            .iter()
            .map(|k| SectionSpec::known(*k, dialect))
            .collect::<Vec<_>>()
    };
    if dialect == Dialect::Numbered {
        return (known(&NUMBERED_ORDER), Vec::new());
    }
    let core: Vec<SectionKind> = std::iter::once(SectionKind::Purpose)
        .chain(LIVING)
        .collect();
    let rest: Vec<SectionKind> = CANONICAL_ORDER
        .iter()
        .copied()
        .filter(|k| !core.contains(k))
        .collect();
    match &plan.conformance {
        Conformance::Skeleton => (known(&core), known(&rest)),
        Conformance::Declared(declared) => {
            let mut req: Vec<SectionSpec> = Vec::new();
            let living = declared
                .iter()
                .filter(|d| d.kind.is_some_and(|k| LIVING.contains(&k)))
                .count();
            if living >= 2 {
                req.push(SectionSpec::known(SectionKind::Purpose, dialect));
            }
            for d in declared {
                let spec = match d.kind {
                    Some(k) => SectionSpec::known(k, dialect),
                    None => SectionSpec {
                        name: d.name.clone(),
                        kind: None,
                        aliases: vec![d.normalized.clone()],
                    },
                };
                if !req
                    .iter()
                    .any(|r| r.kind.is_some() && r.kind == spec.kind || r.name == spec.name)
                {
                    req.push(spec);
                }
            }
            let rec = CANONICAL_ORDER
                .iter()
                .copied()
                .filter(|k| !req.iter().any(|r| r.kind == Some(*k)))
                .map(|k| SectionSpec::known(k, dialect))
                .collect();
            (req, rec)
        }
    }
}

/// Whether `section` satisfies `spec`.
pub fn satisfies(section: &Section, spec: &SectionSpec) -> bool {
    (spec.kind.is_some() && section.kind == spec.kind) || names(&section.name, spec)
}

/// A name without a parenthesised addition: `Done Criteria (Observable)` → `Done Criteria`.
fn base(n: &str) -> &str {
    n.split(" ( ").next().unwrap_or(n).trim()
}

/// Whether a section's normalised name is one of `spec`'s names. A parenthesised addition on
/// either side does not matter (`Done Criteria (Observable)` is met by `## Done Criteria`,
/// `Rollout` by `## Rollout (staged)`), nor do words after the whole name.
fn names(name: &str, spec: &SectionSpec) -> bool {
    // Most specs are known sections matched by kind, with no names of their own: done before
    // `base` searches the name.
    if spec.aliases.is_empty() {
        return false;
    }
    let name = base(name);
    // A list kept in halves by the state of its items (`Completed tasks`, `남은 작업`) is the
    // list: its name after the state word.
    let unstated = without_state(name);
    spec.aliases.iter().any(|a| {
        let norm = sections::normalize_name(a);
        let a = base(&norm);
        !a.is_empty()
            && (name == a
                || unstated == Some(a)
                || name
                    .strip_prefix(a)
                    .is_some_and(|rest| rest.starts_with(' ')))
    })
}

/// A normalised section name without a leading word for the state of its items, if it has one
/// and something follows: `remaining task` → `task`, `이미 완료된 작업` → `작업`, `残りのタスク` →
/// `タスク`. The words say done or not yet done, nothing else (`Non-Goals` keeps its `non`).
fn without_state(name: &str) -> Option<&str> {
    const STATES: &[&str] = &[
        "already completed ",
        "completed ",
        "finished ",
        "remaining ",
        "open ",
        "pending ",
        "outstanding ",
        "이미 완료된 ",
        "완료된 ",
        "남은 ",
        "진행 중인 ",
        "完了した",
        "完了済みの",
        "残りの",
        "未完了の",
        "已完成的",
        "已完成",
        "剩余的",
        "剩余",
        "待完成的",
    ];
    STATES
        .iter()
        .find_map(|s| name.strip_prefix(s))
        .map(str::trim)
        .filter(|rest| !rest.is_empty())
}

/// Whether the plan has a section satisfying `spec`: a section, or a heading one level down
/// that is exactly one of its names (`### Contingencies` kept under `## Risks`). The section
/// is there, written where its author put it; only the exact name counts one level down, since
/// a sub-heading that merely begins with a name (`### Progress on the parser`) is a topic.
pub fn present(plan: &Plan<'_>, spec: &SectionSpec) -> bool {
    plan.sections.iter().any(|s| satisfies(s, spec)) || one_level_down(plan, spec)
}

/// Whether a heading one level down is exactly one of `spec`'s names.
fn one_level_down(plan: &Plan<'_>, spec: &SectionSpec) -> bool {
    plan.subheadings.iter().any(|&at| {
        let (name, kind) = sections::name_and_kind(plan.text(at));
        let exact_kind =
            matches!((spec.kind, kind), (Some(want), Some((got, true))) if want == got);
        exact_kind
            || spec
                .aliases
                .iter()
                .any(|a| base(&sections::normalize_name(a)) == base(&name))
    })
}

/// Whether two parts of a contract are one section: the same name, or two names of one known
/// section (`Outcomes`, `Outcomes & Retrospective`). A name that only begins with a known one
/// (`Outcomes & Notify Summary`) is a section of its own.
pub fn same_section(a: &SectionSpec, b: &SectionSpec) -> bool {
    let exact = |s: &SectionSpec| matches!(sections::name_and_kind(&s.name).1, Some((_, true)));
    a.name == b.name || (a.kind.is_some() && a.kind == b.kind && exact(a) && exact(b))
}

/// Whether the plan has a section satisfying `spec`, one of `list`. Where two sections of the
/// list are one known kind (`Outcomes & Notify Summary` beside `Outcomes & Retrospective`), a
/// heading fills the one that names it and not the other: one heading never stands for two
/// sections the contract keeps apart. A heading neither names fills them by its kind.
pub fn present_among(plan: &Plan<'_>, spec: &SectionSpec, list: &[SectionSpec]) -> bool {
    let shared = spec.kind.is_some() && list.iter().filter(|o| o.kind == spec.kind).count() > 1;
    if !shared {
        return present(plan, spec);
    }
    let named =
        |o: &SectionSpec, s: &Section| base(&sections::normalize_name(&o.name)) == base(&s.name);
    let claimed = |s: &Section| {
        list.iter()
            .any(|o| o.name != spec.name && o.kind == spec.kind && named(o, s))
    };
    plan.sections
        .iter()
        .any(|s| named(spec, s) || (satisfies(s, spec) && !claimed(s)))
        || one_level_down(plan, spec)
}

/// Index (into `plan.sections`) of sections that are required by `specs`.
pub fn covered(plan: &Plan<'_>, specs: &[SectionSpec]) -> Vec<bool> {
    plan.sections
        .iter()
        .map(|s| specs.iter().any(|r| satisfies(s, r)))
        .collect()
}
