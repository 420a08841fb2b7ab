//! `planlint status --format html`: where every plan stands, as one self-contained page — inline
//! CSS and a little JavaScript, no network, readable without the script. Made from the same rows
//! as `status --format json`, plus what a reviewer of many plans wants beside them: each plan's
//! Progress entries over time, its latest decision and its lint counts.
//!
//! Every plan is one `<li class="plan" data-plan="PATH">`; its numbers are in data attributes too
//! (`data-status-class`, `data-boxes-checked`, `data-boxes-total`, `data-entries`, `data-stale`,
//! `data-age`), for the script's filters and for tests and other scripts.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use super::status::Row;

mod collect;
pub use collect::extras;

/// What the page shows of a plan beyond its status row.
#[derive(Debug, Default, Clone)]
pub struct Extra {
    /// The dates of its timestamped Progress entries.
    pub entries: Vec<NaiveDate>,
    /// The text of its last Decision Log entry.
    pub decision: Option<String>,
    pub errors: usize,
    pub warnings: usize,
}

/// The classes a status is coloured by.
const CLASSES: [(&str, &str); 4] = [
    ("active", "Active"),
    ("blocked", "Blocked"),
    ("finished", "Finished"),
    ("unknown", "Unknown"),
];

/// How many weeks the activity chart shows at most (the latest ones).
const MAX_WEEKS: i64 = 156;

/// The page for `rows` (sorted by path), `extras` keyed by the row's path.
pub fn page(
    rows: &[Row],
    extras: &HashMap<String, Extra>,
    now: DateTime<Utc>,
    stale_after: Option<i64>,
) -> String {
    let today = now.date_naive();
    let none = Extra::default();
    let extra = Lookup {
        map: extras,
        none: &none,
    };
    let first = rows
        .iter()
        .flat_map(|r| extra.of(r).entries.iter().copied())
        .filter(|d| *d <= today)
        .min()
        .unwrap_or(today);
    let mut out = String::with_capacity(2048 + rows.len() * 1500);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
         <title>Plans: {n} — planlint status</title>\n<style>\n{css}</style>\n</head>\n<body>\n\
         <header>\n<h1>Where the plans stand</h1>\n<p class=\"meta\">{n} plans · as of <time datetime=\"{now}\">{now}</time> · planlint {version}</p>\n</header>\n<main>\n",
        n = rows.len(),
        css = include_str!("page.css"),
        now = esc(&now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        version = env!("CARGO_PKG_VERSION"),
    );
    summary(&mut out, rows, &extra, stale_after, today);
    out.push_str("<section aria-labelledby=\"plans-h\">\n<h2 id=\"plans-h\">Plans</h2>\n");
    controls(&mut out, stale_after);
    out.push_str("<ol id=\"plans\">\n");
    for r in rows {
        plan(&mut out, r, extra.of(r), (first, today), stale_after);
    }
    out.push_str("</ol>\n</section>\n</main>\n<script>\n");
    out.push_str(include_str!("page.js"));
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// The colour class of a plan's status.
pub fn class(r: &Row) -> &'static str {
    let Some(first) = r.statuses.first().filter(|_| r.error.is_none()) else {
        return "unknown";
    };
    if r.closed {
        return "finished";
    }
    let s = first.to_lowercase();
    if ["block", "hold", "pause", "stall", "stuck", "wait"]
        .iter()
        .any(|w| s.contains(w))
    {
        "blocked"
    } else {
        "active"
    }
}

/// The extras of a row, or none.
struct Lookup<'a> {
    map: &'a HashMap<String, Extra>,
    none: &'a Extra,
}

impl<'a> Lookup<'a> {
    fn of(&self, r: &Row) -> &'a Extra {
        self.map.get(&r.path).unwrap_or(self.none)
    }
}

fn summary(
    out: &mut String,
    rows: &[Row],
    extra: &Lookup<'_>,
    stale_after: Option<i64>,
    today: NaiveDate,
) {
    out.push_str("<section aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n<ul class=\"counts\">\n");
    for (key, label) in CLASSES {
        let n = rows.iter().filter(|r| class(r) == key).count();
        let _ = writeln!(
            out,
            "<li data-count=\"{key}\"><span class=\"s s-{key}\">{label}</span> <strong>{n}</strong></li>"
        );
    }
    let stale = rows.iter().filter(|r| r.stale).count();
    match stale_after {
        Some(days) => {
            let _ = writeln!(
                out,
                "<li data-count=\"stale\"><span class=\"stale\">Stalled</span> <strong>{stale}</strong> <span class=\"muted\">no entry in {days} days</span></li>"
            );
        }
        None => out.push_str(
            "<li class=\"muted\">Stalled: give <code>--stale DAYS</code> to mark them</li>\n",
        ),
    }
    out.push_str("</ul>\n");
    activity(out, rows, extra, today);
    out.push_str("</section>\n");
}

/// Entries per week across all plans, as bars.
fn activity(out: &mut String, rows: &[Row], extra: &Lookup<'_>, today: NaiveDate) {
    let week = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let mut weeks: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for d in rows.iter().flat_map(|r| extra.of(r).entries.iter()) {
        if *d <= today {
            *weeks.entry(week(*d)).or_default() += 1;
        }
    }
    let Some(first) = weeks.keys().next().copied() else {
        out.push_str("<p class=\"muted\">No dated Progress entries yet.</p>\n");
        return;
    };
    let last = week(today);
    let first = first.max(last - Duration::weeks(MAX_WEEKS - 1));
    let n = ((last - first).num_weeks() + 1).max(1) as usize;
    let peak = weeks
        .range(first..)
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(1)
        .max(1);
    let total: usize = weeks.range(first..).map(|(_, c)| *c).sum();
    let (w, h) = (n as f64 * 6.0, 60.0);
    let _ = writeln!(
        out,
        "<figure class=\"activity\">\n<figcaption>Progress entries per week, all plans ({total} entries, {first} to {today})</figcaption>\n<svg viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{total} Progress entries over {n} weeks, at most {peak} in one week\">"
    );
    for (i, (start, count)) in (0..n)
        .map(|i| first + Duration::weeks(i as i64))
        .map(|s| (s, weeks.get(&s).copied().unwrap_or(0)))
        .enumerate()
    {
        if count == 0 {
            continue;
        }
        let bh = (count as f64 / peak as f64 * (h - 2.0)).max(1.0);
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"5\" height=\"{bh:.1}\"><title>week of {start}: {count}</title></rect>",
            x = i as f64 * 6.0,
            y = h - bh,
        );
    }
    out.push_str("</svg>\n</figure>\n");
}

fn controls(out: &mut String, stale_after: Option<i64>) {
    out.push_str("<form id=\"controls\" role=\"search\" aria-label=\"Filter and sort the plans\" hidden>\n<label>Status<select id=\"f-status\"><option value=\"\">all</option>");
    for (key, label) in CLASSES {
        let _ = write!(out, "<option value=\"{key}\">{label}</option>");
    }
    out.push_str(
        "</select></label>\n<label class=\"check\"><input type=\"checkbox\" id=\"f-stale\"",
    );
    if stale_after.is_none() {
        out.push_str(" disabled");
    }
    out.push_str("> Stalled only</label>\n<label>Search<input type=\"search\" id=\"f-text\" placeholder=\"title or path\"></label>\n<label>Sort by<select id=\"f-sort\"><option value=\"path\">path</option><option value=\"age\">age (oldest entry first)</option><option value=\"progress\">progress (least done first)</option></select></label>\n</form>\n<p id=\"shown\" aria-live=\"polite\" class=\"muted\"></p>\n");
}

fn plan(
    out: &mut String,
    r: &Row,
    x: &Extra,
    (first, today): (NaiveDate, NaiveDate),
    stale_after: Option<i64>,
) {
    let class = class(r);
    let title = r.title.as_deref().unwrap_or(&r.path);
    let search = format!("{} {}", title, r.path).to_lowercase();
    let progress = (r.boxes_total > 0).then(|| r.boxes_checked as f64 / r.boxes_total as f64);
    let _ = write!(
        out,
        "<li class=\"plan\" data-plan=\"{path}\" data-status-class=\"{class}\" data-boxes-checked=\"{c}\" data-boxes-total=\"{t}\" data-entries=\"{e}\" data-stale=\"{stale}\" data-age=\"{age}\" data-progress=\"{p}\" data-search=\"{search}\">\n<article aria-labelledby=\"t-{id}\">\n<h3 id=\"t-{id}\">{title}</h3>\n<p class=\"path\"><code>{path}</code></p>\n<dl>\n",
        path = esc(&r.path),
        c = r.boxes_checked,
        t = r.boxes_total,
        e = r.progress_entries,
        stale = r.stale,
        age = r.days_since_newest.map(|d| d.to_string()).unwrap_or_default(),
        p = progress.map(|p| format!("{p:.4}")).unwrap_or_default(),
        search = esc(&search),
        id = id(&r.path),
        title = esc(title),
    );
    let status = match r.statuses.first() {
        Some(s) => esc(s),
        None if r.error.is_some() => "unreadable".to_string(),
        None => "no status".to_string(),
    };
    let _ = writeln!(
        out,
        "<dt>Status</dt><dd><span class=\"s s-{class}\">{status}</span></dd>"
    );
    if r.boxes_total > 0 {
        let _ = writeln!(
            out,
            "<dt>Boxes</dt><dd><progress max=\"{t}\" value=\"{c}\" aria-label=\"{c} of {t} boxes checked\"></progress> {c}/{t}</dd>",
            t = r.boxes_total,
            c = r.boxes_checked
        );
    } else {
        out.push_str("<dt>Boxes</dt><dd>none</dd>\n");
    }
    let newest = match (&r.newest_entry, r.days_since_newest) {
        (Some(n), Some(d)) => format!("{} ({} ago)", esc(n.get(..10).unwrap_or(n)), days(d)),
        _ => "no dated entry".to_string(),
    };
    let mark = match (r.stale, stale_after) {
        (true, Some(limit)) => format!(" <span class=\"stale\">stalled: over {limit} days</span>"),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "<dt>Progress</dt><dd>{} entries · newest {newest}{mark}</dd>",
        r.progress_entries
    );
    if let Some(u) = &r.last_updated {
        let _ = writeln!(out, "<dt>Last updated</dt><dd>{}</dd>", esc(u));
    }
    let lint = match (x.errors, x.warnings) {
        (0, 0) => "clean".to_string(),
        (e, w) => format!(
            "<span class=\"{}\">{e} {}</span>, {w} {}",
            if e > 0 { "lint-e" } else { "" },
            plural(e, "error"),
            plural(w, "warning")
        ),
    };
    let _ = writeln!(
        out,
        "<dt>Lint</dt><dd data-lint-errors=\"{}\" data-lint-warnings=\"{}\">{lint}</dd>",
        x.errors, x.warnings
    );
    if let Some(e) = &r.error {
        let _ = writeln!(out, "<dt>Error</dt><dd>{}</dd>", esc(e));
    }
    out.push_str("</dl>\n");
    timeline(out, &x.entries, first, today);
    if let Some(d) = &x.decision {
        let _ = writeln!(
            out,
            "<p class=\"decision\"><strong>Latest decision:</strong> {}</p>",
            esc(d)
        );
    }
    out.push_str("</article>\n</li>\n");
}

/// A plan's Progress entries as dots on the page's common time axis, up to today: a stall shows
/// as empty track before the right end.
fn timeline(out: &mut String, entries: &[NaiveDate], first: NaiveDate, today: NaiveDate) {
    let dated: Vec<&NaiveDate> = entries
        .iter()
        .filter(|d| **d <= today && **d >= first)
        .collect();
    if dated.is_empty() {
        return;
    }
    let span = (today - first).num_days().max(1) as f64;
    let _ = write!(
        out,
        "<svg class=\"tl\" viewBox=\"0 0 300 14\" role=\"img\" aria-label=\"{} dated entries from {} to {}\"><line x1=\"2\" y1=\"7\" x2=\"298\" y2=\"7\"/><line class=\"now\" x1=\"298\" y1=\"2\" x2=\"298\" y2=\"12\"/>",
        dated.len(),
        dated.iter().min().map(|d| d.to_string()).unwrap_or_default(),
        dated.iter().max().map(|d| d.to_string()).unwrap_or_default(),
    );
    let mut last = f64::NAN;
    for d in dated {
        let x = 2.0 + (*d - first).num_days() as f64 / span * 296.0;
        // Dots closer than half a unit are one dot: the page stays small on long logs.
        if (x - last).abs() < 0.5 {
            continue;
        }
        last = x;
        let _ = write!(out, "<circle cx=\"{x:.1}\" cy=\"7\" r=\"2.5\"/>");
    }
    out.push_str("</svg>\n");
}

fn days(d: i64) -> String {
    match d {
        ..=0 => "today".to_string(),
        1 => "1 day".to_string(),
        d => format!("{d} days"),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// An element id from a path: letters and digits kept, the rest `-`, plus a hash so that two
/// paths never share one.
fn id(path: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    let base: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(40)
        .collect();
    format!("{base}-{h:x}")
}

/// Text as HTML text or attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_stays_text() {
        assert_eq!(
            esc("<img src=x onerror=alert(1)> & \"q\" 'a'"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;"
        );
        assert_eq!(esc("bell\u{7}"), "bell\u{fffd}");
    }

    #[test]
    fn ids_differ_for_paths_that_read_alike() {
        assert_ne!(id("plans/a b.md"), id("plans/a-b.md"));
        assert!(id("plans/x.md").starts_with("plans-x-md-"));
    }
}
