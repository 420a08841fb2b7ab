//! `planlint [PATHS]`: the lint run itself — targets, `--changed-since`, `--base`, then the lint
//! step in batches, each batch's report written as it comes (or, with `--diff`, the diffs).

use std::io::{IsTerminal, Write};
use std::path::Path;

use planlint_rules::{Settings, RULES};

use super::{discover_with_stdin, use_color, Outcome};
use crate::cli::CheckArgs;
use crate::discover::Target;
use crate::error::Error;
use crate::lint::{self, Baseline, Job, Mode};
use crate::project::DiskProject;
use crate::{config, fixes, git, input, output};

/// Files per batch: each batch is linted in parallel and written out while the next is linted,
/// so memory holds a few batches, not the whole run.
const BATCH: usize = 256;

pub fn check(args: CheckArgs) -> Outcome {
    let sarif = args.format == output::Format::Sarif;
    let result = run(args);
    match result {
        // A SARIF consumer gets a valid log that carries the error, never an empty file.
        Err(e) if sarif && e != Error::BrokenPipe => {
            let message = match &e {
                Error::Usage(m) | Error::Io(m) => m.clone(),
                Error::Config(report) => report.clone(),
                Error::BrokenPipe => String::new(),
            };
            let _ = std::io::stdout().write_all(output::sarif::failed(&message).as_bytes());
            Err(e)
        }
        other => other,
    }
}

fn run(args: CheckArgs) -> Outcome {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| Error::Io(format!("cannot start {n} threads: {e}")))?;
    }
    let color = use_color(args.color);
    let flags = flag_settings(&args)?;
    // Each target is linted in its own project, with that project's configuration and spec
    // (the nearest ancestor holding `planlint.toml` or `.git`), whatever the working folder.
    let groups = match args.config {
        Some(_) => vec![args.paths.clone()],
        None => crate::workspace::by_project(&args.paths, args.stdin_filename.as_deref())?,
    };
    let projects = groups
        .iter()
        .map(|paths| project_run(&args, paths, &flags, color))
        .collect::<Result<Vec<ProjectRun>, Error>>()?;
    let now = lint::now();
    let jobs: Vec<(&[Target], Job<'_>)> = projects
        .iter()
        .map(|p| {
            let job = Job {
                project: &p.project,
                repo_prefix: lint::repo_prefix(p.project.root()),
                settings: &p.resolver,
                stdin_name: args.stdin_filename.as_deref(),
                now,
                baseline: p.baseline.as_ref(),
                format: args.format,
                color,
                mode: if args.fix {
                    Mode::Fix
                } else if args.diff {
                    Mode::Diff
                } else {
                    Mode::Check
                },
            };
            (p.targets.as_slice(), job)
        })
        .collect();
    let skipped = projects.iter().map(|p| p.skipped).sum();
    lint_and_report(&args, &jobs, skipped)
}

/// One project's part of a run: its targets, and what linting them needs.
struct ProjectRun {
    targets: Vec<Target>,
    project: DiskProject,
    resolver: config::Resolver,
    baseline: Option<Baseline>,
    /// Files in plan places passed over.
    skipped: usize,
}

/// The targets of `paths` (all in one project, or none: the working folder's) and that
/// project's configuration, spec, `--changed-since` and `--base`.
fn project_run(
    args: &CheckArgs,
    paths: &[std::path::PathBuf],
    flags: &Settings,
    color: bool,
) -> Result<ProjectRun, Error> {
    let ws = discover_with_stdin(
        paths,
        args.stdin_filename.as_deref(),
        args.config.as_deref(),
        args.force_exclude,
        color && std::io::stderr().is_terminal(),
    )?;
    let start = ws.contract_base();
    let skipped = ws.skipped.len();
    let (root, loaded, mut targets) = (ws.root, ws.loaded, ws.targets);
    let project = DiskProject::new(&root);
    if let Some(entries) = ws.walked {
        project.seed(entries);
    }
    if let Some(rev) = &args.changed_since {
        let rev = git::Revision::resolve(&root, rev, "--changed-since")?;
        let changed = rev.changed()?;
        targets.retain(|t| match t {
            Target::File(path, _) => rev.repo_path(path).is_some_and(|p| changed.contains(&p)),
            Target::Stdin | Target::Unreadable(..) => true,
        });
    }
    let baseline = match &args.base {
        Some(rev) => Some(baseline(
            &root,
            rev,
            &targets,
            args.stdin_filename.as_deref(),
        )?),
        None => None,
    };
    Ok(ProjectRun {
        targets,
        project,
        resolver: config::Resolver::new(loaded, start, flags.clone()),
        baseline,
        skipped,
    })
}

/// Lint the targets batch by batch and write the report (or, with `--diff`, the diffs) to
/// standard output as it comes; with `--fix` on standard input, the fixed text goes to
/// standard output and the report to standard error.
/// `skipped`: how many files in plan places were passed over, which the summary line counts.
fn lint_and_report(args: &CheckArgs, jobs: &[(&[Target], Job<'_>)], skipped: usize) -> Outcome {
    let fixing_stdin = args.fix && jobs.iter().any(|(t, _)| t.contains(&Target::Stdin));
    let sink: Box<dyn Write> = if fixing_stdin {
        Box::new(std::io::stderr().lock())
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        ))
    };
    let mut tally = fixes::Tally::default();
    let mut fixed_stdin: Option<Option<String>> = None;
    if args.diff {
        let mut out = sink;
        for (targets, job) in jobs {
            lint::lint_batches(targets, BATCH, job, |_, reports| {
                fixes::diff(&mut out, &reports, &mut tally).map_err(Error::writing)
            })?;
        }
        out.flush().map_err(Error::writing)?;
        if !args.quiet {
            eprintln!("{}", tally.would());
        }
        return Ok((u8::from(tally.files > 0), String::new()));
    }
    let mut stream = output::Stream::new(sink, args.format).map_err(Error::writing)?;
    for (targets, job) in jobs {
        lint::lint_batches(targets, BATCH, job, |batch, mut reports| {
            stream.files(&reports).map_err(Error::writing)?;
            if args.fix {
                tally.add(&reports);
                if let Some(i) = batch.iter().position(|t| *t == Target::Stdin) {
                    let r = &mut reports[i];
                    fixed_stdin = Some(r.fix.is_some().then(|| std::mem::take(&mut r.text)));
                }
            }
            Ok(())
        })?;
    }
    let summary = stream.summary;
    let mut tail = String::new();
    if !args.quiet {
        let passed_over = match skipped {
            0 => String::new(),
            1 => "; 1 file in plan places is not a plan (`planlint status --skipped`)".into(),
            n => format!("; {n} files in plan places are not plans (`planlint status --skipped`)"),
        };
        tail = format!("{}{}{passed_over}\n", summary.line(), tally.summary());
    }
    stream.end(&tail).map_err(Error::writing)?;
    let failed =
        summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) || tally.write_failed;
    match fixed_stdin {
        Some(Some(text)) => Ok((u8::from(failed), text)),
        // Printing nothing would make an editor empty its buffer: fail instead.
        Some(None) => Err(Error::Io(
            "cannot fix standard input: it is not UTF-8 text".into(),
        )),
        None => Ok((u8::from(failed), String::new())),
    }
}

/// The old version of every target that existed at `rev` (`--base`).
fn baseline(
    root: &Path,
    rev: &str,
    targets: &[Target],
    stdin_name: Option<&Path>,
) -> Result<Baseline, Error> {
    let rev = git::Revision::resolve(root, rev, "--base")?;
    // A plan moved since the base (`active/` to `completed/`) is compared with its old path.
    let renames = rev.renames()?;
    let keys: Vec<_> = targets
        .iter()
        .filter_map(|t| input::base_key(t, stdin_name))
        .filter_map(|(key, path)| {
            let now = rev.repo_path(path)?;
            Some((key, renames.get(&now).cloned().unwrap_or(now)))
        })
        .collect();
    let paths: Vec<String> = keys.iter().map(|(_, p)| p.clone()).collect();
    let old = rev.read(&paths)?;
    let texts = keys
        .into_iter()
        .filter_map(|(key, p)| {
            let bytes = old.get(&p)?;
            Some((key, String::from_utf8_lossy(bytes).into_owned()))
        })
        .collect();
    Ok(Baseline {
        rev: rev.name,
        texts,
    })
}

/// Settings from the flags; an unknown rule name is a usage error.
fn flag_settings(args: &CheckArgs) -> Result<Settings, Error> {
    let mut settings = Settings::default();
    let check = |name: &str| -> Result<String, Error> {
        let name = name.trim();
        if RULES.iter().any(|r| r.name == name) {
            return Ok(name.to_string());
        }
        let hint = planlint_rules::config::did_you_mean(name, RULES.iter().map(|r| r.name))
            .unwrap_or_else(|| "`planlint rules` lists them".into());
        Err(Error::Usage(format!("unknown rule `{name}`: {hint}")))
    };
    if !args.select.is_empty() {
        settings.select = Some(
            args.select
                .iter()
                .map(|s| check(s))
                .collect::<Result<_, _>>()?,
        );
    }
    for name in &args.ignore {
        let name = check(name)?;
        if planlint_rules::settings::UNCHECKED_FILE_RULES.contains(&name.as_str()) {
            return Err(Error::Usage(format!(
                "`{name}` cannot be ignored: a file that cannot be read is never a pass"
            )));
        }
        settings.severities.insert(name, None);
    }
    Ok(settings)
}
