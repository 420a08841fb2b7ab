//! The text of a new plan (`planlint new`), written from the contract that applies where it
//! goes and, where the project's spec shows a template, in that template's form: its title
//! form, front matter, sections with their prompts, checkboxes where it shows them, its
//! Progress entry form, the status vocabulary, and the line naming the spec that the published
//! skeleton asks for. The plan it writes lints clean under that contract.
//!
//! No files, clock or environment: the caller gives the path, "now", the author and the day's
//! sequence number. Where the file goes is the caller's (with [`crate::spec::expand_pattern`]).

use chrono::{DateTime, Utc};
use planlint_parser::{Dialect, MetaKey, SectionKind};

use crate::settings::{SectionSpec, Settings};
use crate::spec::{expand_pattern, Fill, Skeleton, Spec};
use crate::{record, requirements};

/// What a new plan is written from.
pub struct NewPlan<'a> {
    pub title: &'a str,
    /// The plan's path from the project root (its Plan ID).
    pub plan_id: &'a str,
    pub dialect: Dialect,
    pub settings: &'a Settings,
    /// The project's spec and its path from the root, when one was found.
    pub spec: Option<(&'a Spec, &'a str)>,
    pub now: DateTime<Utc>,
    /// The author's name, for an `Author` field.
    pub author: Option<&'a str>,
    /// The day's sequence number for an `NNN` in the template (from 1).
    pub sequence: u32,
}

/// The form of a plan's id the spec gives (`EP-YYYYMMDD-NNN`): its required `id` field's value,
/// else its template's front matter `id`, where either has parts to fill.
pub fn id_form(spec: &Spec) -> Option<String> {
    let required = spec
        .front_matter
        .iter()
        .find(|f| f.value.key == "id")
        .and_then(|f| f.value.example.clone());
    let template = spec.skeleton.as_ref().and_then(|k| {
        k.form.front_matter.iter().find_map(|l| {
            let (key, value) = l.split_once(':')?;
            (key.trim() == "id").then(|| value.trim().to_string())
        })
    });
    [required, template]
        .into_iter()
        .flatten()
        .find(|f| has_placeholder(f) && !f.contains('|'))
}

/// A file name from a title: lowercase letters and digits, words joined by `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let cut: String = out.chars().take(60).collect();
    if cut.is_empty() {
        "plan".into()
    } else {
        cut.trim_end_matches('-').to_string()
    }
}

impl NewPlan<'_> {
    /// The spec's template, when it shows one.
    fn skeleton(&self) -> Option<&Skeleton> {
        self.spec.and_then(|(s, _)| s.skeleton.as_ref())
    }

    fn fill<'s>(&'s self, slug: &'s str, date: &'s str) -> Fill<'s> {
        Fill {
            title: self.title,
            slug,
            date,
            sequence: self.sequence,
        }
    }

    /// The title line: the template's title form with its placeholders filled, else the title.
    fn heading(&self, slug: &str, date: &str) -> String {
        let form = self.skeleton().and_then(|k| k.form.title.as_ref());
        match form {
            Some(t) if has_placeholder(&t.value) => {
                expand_pattern(&t.value, &self.fill(slug, date))
            }
            _ => self.title.to_string(),
        }
    }

    /// The text of the new plan.
    pub fn write(&self) -> String {
        let status = first_status(self.settings);
        let date = self.now.format("%Y-%m-%d").to_string();
        let slug = slug(self.title);
        let mut out = String::new();
        let front = self.front_matter(&status, &slug, &date);
        out.push_str(&front);
        out.push_str(&format!("# {}\n\n", self.heading(&slug, &date)));
        let sections = sections(self.dialect, self.settings);
        // The living-document sentence names the four living sections: where the plan has them.
        let has = |k: SectionKind| sections.iter().any(|s| s.kind == Some(k));
        let living = [
            SectionKind::Progress,
            SectionKind::Surprises,
            SectionKind::DecisionLog,
            SectionKind::Outcomes,
        ]
        .into_iter()
        .all(has);
        if self.dialect == Dialect::Canonical {
            if living {
                out.push_str("This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.\n\n");
            }
            if let Some((_, path)) = self
                .spec
                .filter(|_| self.skeleton().is_some_and(|k| k.form.asks_reference))
            {
                out.push_str(&format!(
                    "This plan is maintained in accordance with `{path}`.\n\n"
                ));
            }
            let mut head = String::new();
            if !front.lines().any(|l| l.starts_with("status:")) {
                head.push_str(&format!("Status: {status}\n"));
            }
            let metadata = self
                .settings
                .canonical
                .required_metadata
                .clone()
                .unwrap_or_default();
            for key in metadata {
                head.push_str(&format!("{}: {}\n", key.label(), self.meta(key, &date)));
            }
            if !head.is_empty() {
                out.push_str(&head);
                out.push('\n');
            }
        }
        for (i, s) in sections.iter().enumerate() {
            self.section(&mut out, i, s, &status);
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }

    /// The template's front matter with the plan's own values (id, title, status, dates), and
    /// the fields the spec requires that it lacks; nothing where neither shows any.
    fn front_matter(&self, status: &str, slug: &str, date: &str) -> String {
        let template: &[String] = self.skeleton().map_or(&[], |k| &k.form.front_matter);
        let required = self.spec.map_or(&[][..], |(s, _)| &s.front_matter[..]);
        if template.is_empty() && required.is_empty() {
            return String::new();
        }
        let mut out = String::from("---\n");
        let mut keys: Vec<String> = Vec::new();
        for line in template {
            let top = !line.starts_with([' ', '\t', '-']);
            let Some((key, value)) = line.split_once(':').filter(|_| top) else {
                out.push_str(line);
                out.push('\n');
                continue;
            };
            keys.push(key.trim().to_string());
            // The spec's form of the value (`EP-YYYYMMDD-NNN`) over the template's example of
            // it (`EP-20260101-001`).
            let form = required
                .iter()
                .find(|f| f.value.key == key.trim())
                .and_then(|f| f.value.example.as_deref())
                .filter(|e| has_placeholder(e) && !e.contains('|'));
            let value = self.field(key.trim(), form.unwrap_or(value.trim()), status, slug, date);
            out.push_str(&yaml_line(key, &value));
        }
        for field in required.iter().map(|f| &f.value) {
            if keys.contains(&field.key) {
                continue;
            }
            let shown = field.example.as_deref().unwrap_or("");
            // A value listing the choices (`feature | refactor`) starts with the first.
            let shown = shown.split('|').next().unwrap_or("").trim();
            let value = self.field(&field.key, shown, status, slug, date);
            let value = match value.starts_with(['"', '[']) || value.is_empty() {
                true if value.is_empty() => "\"\"".to_string(),
                true => value,
                false => yaml_string(&value, false),
            };
            out.push_str(&yaml_line(&field.key, &value));
        }
        out.push_str("---\n\n");
        out
    }

    /// A front matter field's value in a new plan: its own title, status and dates, else the
    /// template's value with its placeholders filled.
    fn field(&self, key: &str, value: &str, status: &str, slug: &str, date: &str) -> String {
        match key.to_ascii_lowercase().as_str() {
            "title" => yaml_string(self.title, value.starts_with('"')),
            "status" => status.to_string(),
            "created" | "updated" | "last_updated" | "last-updated" | "date" => date.into(),
            _ => expand_pattern(value, &self.fill(slug, date)),
        }
    }

    fn meta(&self, key: MetaKey, date: &str) -> String {
        match key {
            MetaKey::PlanId => self.plan_id.to_string(),
            MetaKey::Title => self.title.to_string(),
            MetaKey::Author => self.author.unwrap_or("the plan's author").to_string(),
            MetaKey::DateCreated | MetaKey::LastUpdated => date.to_string(),
            MetaKey::Related => "none yet".into(),
        }
    }

    /// One section: its heading, then its prompt, its first box or its first entry.
    fn section(&self, out: &mut String, i: usize, s: &SectionSpec, status: &str) {
        let heading = match self.dialect {
            Dialect::Numbered => format!("## {}. {}", i + 1, s.name),
            Dialect::Canonical => format!("## {}", s.name),
        };
        out.push_str(&heading);
        out.push_str("\n\n");
        let date = self.now.format("%Y-%m-%d").to_string();
        let shown = self.template_part(s);
        match (s.kind, self.dialect) {
            (Some(SectionKind::Metadata), _) => {
                let keys = self
                    .settings
                    .numbered
                    .required_metadata
                    .clone()
                    .unwrap_or_else(|| MetaKey::ALL.to_vec());
                for key in keys {
                    out.push_str(&format!("- {}: {}\n", key.label(), self.meta(key, &date)));
                }
            }
            (Some(SectionKind::Progress), _) => out.push_str(&self.first_entry()),
            // A `## Status` section's first line is the plan's status.
            _ if s.name.trim().eq_ignore_ascii_case("status") => {
                out.push_str(&format!("{status}\n"));
            }
            (Some(SectionKind::Outcomes), Dialect::Numbered) => {
                out.push_str(&format!(
                    "- Status: {status}\n\n{}\n",
                    prompt(s.kind, &s.name)
                ));
            }
            _ => {
                // The living sections keep planlint's own prompts: the template's say how to
                // keep a record, not what the plan holds.
                let living = matches!(
                    s.kind,
                    Some(SectionKind::Surprises | SectionKind::DecisionLog | SectionKind::Outcomes)
                );
                let own = shown.map(|(p, _)| prompt_text(p)).filter(|p| !p.is_empty());
                let marker = shown
                    .and_then(|(_, m)| m)
                    .filter(|_| self.allows_checklist(s));
                match (own.filter(|_| !living), marker) {
                    (Some(p), _) => out.push_str(&format!("{p}\n")),
                    // A checklist the template shows without a word: the box says it all.
                    (None, Some(_)) => {}
                    (None, None) => out.push_str(&format!("{}\n", prompt(s.kind, &s.name))),
                }
                if let Some(marker) = marker {
                    if own.is_some() && !living {
                        out.push('\n');
                    }
                    out.push_str(&format!(
                        "{marker} [ ] The first step, said so that its completion can be seen.\n"
                    ));
                }
            }
        }
        out.push('\n');
    }

    /// Whether the contract lets a section hold a checklist (the template's own, else the
    /// dialect's: Progress; Concrete steps and Validation too when numbered).
    fn allows_checklist(&self, s: &SectionSpec) -> bool {
        let same = |r: &SectionSpec| r.name == s.name || (r.kind.is_some() && r.kind == s.kind);
        match &self.settings.dialect_settings(self.dialect).checklists {
            Some(list) => list.iter().any(same),
            None => match self.dialect {
                Dialect::Canonical => s.kind == Some(SectionKind::Progress),
                Dialect::Numbered => matches!(
                    s.kind,
                    Some(
                        SectionKind::Progress
                            | SectionKind::ConcreteSteps
                            | SectionKind::Validation
                    )
                ),
            },
        }
    }

    /// The template's prompt and box marker for a section, where the template shows it.
    fn template_part(&self, s: &SectionSpec) -> Option<(&str, Option<&str>)> {
        let k = self.skeleton()?;
        let at = k.sections.iter().position(|h| {
            h.value == s.name || (s.kind.is_some() && SectionSpec::named(&h.value).kind == s.kind)
        })?;
        Some((
            k.form.prompts.get(at).map_or("", String::as_str),
            k.form.box_markers.get(at).and_then(|m| m.as_deref()),
        ))
    }

    /// The first Progress entry, in the form the template's example shows (its box, its stamp),
    /// else the dialect's.
    fn first_entry(&self) -> String {
        let text = "Created this plan with planlint new.";
        let example = self
            .skeleton()
            .and_then(|k| k.form.progress_example.as_ref())
            .map(|e| e.value.as_str());
        let Some(example) = example else {
            // The stamp every record command writes, in the dialect's default style.
            let stamp = record::stamp(None, self.dialect, self.now);
            let check = match self.dialect {
                Dialect::Canonical => "[x] ",
                Dialect::Numbered => "",
            };
            return format!("- {check}{stamp}{text}\n");
        };
        let boxed = ["[ ]", "[x]", "[X]"].iter().any(|b| example.starts_with(b));
        let check = if boxed { "[x] " } else { "" };
        // The example with its placeholders made a date, read as a plan, gives the stamp style.
        let sample = without_placeholders(example)
            .replace("YYYY-MM-DD", "2000-01-01")
            .replace("HH:MM", "00:00");
        let sample = format!("## Progress\n\n- {sample}\n");
        let plan = planlint_parser::parse(&sample);
        let stamped = plan.progress.iter().any(|e| e.timestamp().is_some());
        let stamp = match stamped || self.settings.progress_timestamps {
            true => record::stamp(Some(&plan).filter(|_| stamped), self.dialect, self.now),
            false => String::new(),
        };
        format!("- {check}{stamp}{text}\n")
    }
}

/// A template's example with its `<…>` placeholders made a word (so the entry's text, not a
/// bracket, follows its stamp).
fn without_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let Some(len) = rest[open..].find('>') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str("entry");
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// A template's prompt without a closing sentence that introduces an example it does not
/// carry over (`Example:`, `E.g.:`).
fn prompt_text(prompt: &str) -> &str {
    let p = prompt.trim_end();
    if !p.ends_with(':') && !p.ends_with('：') {
        return p;
    }
    match p.rfind(". ") {
        Some(at) => &p[..at + 1],
        None => "",
    }
}

/// Whether a template's title has parts to fill (`EP-YYYYMMDD-<slug>`, `<Short title>`).
fn has_placeholder(title: &str) -> bool {
    title.contains(['<', '{']) || title.contains("YYYY") || title.contains("NNN")
}

/// A `key: value` line of front matter (`key:` alone for an empty value).
fn yaml_line(key: &str, value: &str) -> String {
    match value.is_empty() {
        true => format!("{key}:\n"),
        false => format!("{key}: {value}\n"),
    }
}

/// A YAML scalar for a string, quoted where the template quotes or the text needs it.
fn yaml_string(s: &str, quoted: bool) -> String {
    let plain = !s.contains([
        ':', '#', '"', '\'', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`',
    ]);
    if plain && !quoted {
        return s.to_string();
    }
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The sections of a new plan, in the contract's order ([`requirements::rank`]: the order the
/// spec sets, a section it does not place after the one before it in the dialect's order), then
/// any section of the project's own it does not place.
fn sections(dialect: Dialect, settings: &Settings) -> Vec<SectionSpec> {
    let empty = planlint_parser::parse("");
    let (required, recommended) = requirements::sections(&empty, dialect, settings);
    let own = settings.dialect_settings(dialect).order.as_deref();
    let own_len = own.map_or(0, <[SectionSpec]>::len);
    // Each with whether it is one of the template's own.
    let mut all: Vec<(SectionSpec, bool)> = Vec::new();
    // Each section once, though a template shows it twice. Two differently named sections of
    // the template's own are two sections, though one known kind names both (`Outcomes &
    // Notify Summary`, `Outcomes & Retrospective`); a required or recommended one is the
    // template's by its kind.
    for (i, s) in own
        .unwrap_or_default()
        .iter()
        .cloned()
        .chain(required)
        .chain(recommended)
        .enumerate()
    {
        let from_own = i < own_len;
        let placed = all.iter().any(|(o, o_own)| {
            o.name == s.name || (!(from_own && *o_own) && o.kind.is_some() && o.kind == s.kind)
        });
        if !placed {
            all.push((s, from_own));
        }
    }
    let mut all: Vec<SectionSpec> = all.into_iter().map(|(s, _)| s).collect();
    let rank = |s: &SectionSpec| {
        // By name: a section the template places is in it as written (two of one kind keep
        // their own places), and one it does not was not merged into one of its kind.
        requirements::rank(own, dialect, s.kind, |r| r.name == s.name).unwrap_or((usize::MAX, 0))
    };
    // A stable sort: sections with no place keep their order, after the rest.
    all.sort_by_key(|s| rank(s));
    all
}

/// A status to start with: the first of the vocabulary's "not started yet" words it has.
pub fn first_status(settings: &Settings) -> String {
    ["proposed", "planned", "not-started", "draft", "active"]
        .iter()
        .find(|s| settings.statuses.iter().any(|v| v == *s))
        .map(|s| s.to_string())
        .or_else(|| settings.statuses.first().cloned())
        .unwrap_or_else(|| "proposed".into())
}

/// One line that says what a section holds.
fn prompt(kind: Option<SectionKind>, name: &str) -> String {
    match kind {
        Some(SectionKind::Purpose) => {
            "What someone gains after this change, and how they can see it working.".into()
        }
        Some(SectionKind::Surprises) => {
            "None yet. Record unexpected behaviour here, with the evidence that showed it.".into()
        }
        Some(SectionKind::DecisionLog) => "No decisions yet. Record each with its decision, its rationale, and its date and author.".into(),
        Some(SectionKind::Outcomes) => "Not reached yet. Say what was achieved and what remains, at each milestone and at the end.".into(),
        Some(SectionKind::Context) => {
            "The state of the code that matters here, the key files, and the terms used.".into()
        }
        Some(SectionKind::Constraints) => "The limits and assumptions this work respects.".into(),
        Some(SectionKind::PlanOfWork) => "The sequence of edits and additions, in prose.".into(),
        Some(SectionKind::ConcreteSteps) => {
            "The exact commands to run and where, with the output to expect.".into()
        }
        Some(SectionKind::Validation) => "How to exercise the result, and what to observe.".into(),
        Some(SectionKind::Idempotence) => {
            "Which steps can be repeated safely, and how to retry or roll back.".into()
        }
        Some(SectionKind::Artifacts) => {
            "Transcripts, diffs or snippets that show success, kept short.".into()
        }
        Some(SectionKind::Interfaces) => {
            "The libraries, types and functions this work uses or defines.".into()
        }
        _ => format!("What this plan says under {name}."),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert_eq!(super::slug("Add CSV export!"), "add-csv-export");
        assert_eq!(super::slug("  計画 A  "), "計画-a");
        assert_eq!(super::slug("!!!"), "plan");
    }
}
