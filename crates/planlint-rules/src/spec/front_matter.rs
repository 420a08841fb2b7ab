//! The front matter a spec requires of a plan: in a spec that speaks of front matter, list items
//! that name a lowercase key in backticks and call it required
//! (`` - `status` (required): `planned | active | done` ``), with the value they show.

use super::{Line, Sourced};

/// A front matter key a spec requires, with the value it shows (`EP-YYYYMMDD-NNN`), if one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterField {
    pub key: String,
    pub example: Option<String>,
}

/// Words that call a field required.
const REQUIRED: &[&str] = &[
    "(required)",
    "（必須）",
    "(必須)",
    "(obligatorio)",
    "(필수)",
];

/// The required front matter fields, in the spec's order.
pub(super) fn required_fields(lines: &[Line<'_>]) -> Vec<Sourced<FrontMatterField>> {
    let mut out: Vec<Sourced<FrontMatterField>> = Vec::new();
    // Only a spec that speaks of front matter lists its fields (a `` `Progress` (required) ``
    // item names a section).
    let speaks_of_it = lines.iter().any(|l| {
        let lower = l.text.to_lowercase();
        ["front matter", "frontmatter", "front-matter", "yaml"]
            .iter()
            .any(|w| lower.contains(w))
    });
    if !speaks_of_it {
        return out;
    }
    for l in lines.iter().filter(|l| !l.fenced) {
        let t = l.text.trim_start();
        let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) else {
            continue;
        };
        let Some(rest) = item.strip_prefix('`') else {
            continue;
        };
        let Some((key, after)) = rest.split_once('`') else {
            continue;
        };
        let plain = !key.is_empty()
            && key.len() <= 40
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-'));
        let lower = after.to_lowercase();
        if !plain || !REQUIRED.iter().any(|w| lower.trim_start().starts_with(w)) {
            continue;
        }
        // The value shown after the colon, when it is one backticked value.
        let example = after
            .split_once([':', '：'])
            .map(|(_, v)| v.trim())
            .and_then(|v| v.strip_prefix('`'))
            .and_then(|v| v.split_once('`'))
            .map(|(v, _)| v.trim().to_string())
            .filter(|v| !v.is_empty());
        if !out.iter().any(|f| f.value.key == key) {
            out.push(Sourced {
                value: FrontMatterField {
                    key: key.to_string(),
                    example,
                },
                line: l.number,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::spec::Spec;

    #[test]
    fn required_keys_with_the_value_they_show() {
        let sections = Spec::read("## Sections\n\n- `Progress` (required): `YYYY-MM-DD`\n");
        assert!(sections.front_matter.is_empty());
        let prose = Spec::read("## Fields\n\n- `id` (required): `EP-1`\n");
        assert!(prose.front_matter.is_empty(), "no word of front matter");
        let spec = Spec::read("## Front matter fields\n\n- `id` (required): `EP-YYYYMMDD-NNN`\n- `tags` (optional): a list\n- `owner` (required): who\n- not a `key` (required)\n\n```yaml\n- `x` (required): `y`\n```\n");
        let keys: Vec<(&str, Option<&str>, usize)> = spec
            .front_matter
            .iter()
            .map(|f| (f.value.key.as_str(), f.value.example.as_deref(), f.line))
            .collect();
        assert_eq!(
            keys,
            [("id", Some("EP-YYYYMMDD-NNN"), 3), ("owner", None, 5)]
        );
    }
}
