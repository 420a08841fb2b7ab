//! The `planlint` command line: parse the arguments, find the plans and the configuration,
//! lint, print the report, exit 0 (no errors), 1 (errors found) or 2 (usage, configuration or
//! internal error). [`run`] is the whole program; the binaries only call it.

pub mod cli;
mod commands;
mod config;
#[doc(hidden)]
pub mod discover;
mod fixes;
mod git;
mod output;
pub mod parse;
#[doc(hidden)]
pub mod run;
pub mod status;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use planlint_rules::{Settings, RULES};

use cli::{CheckArgs, Cli, ColorChoice, Command};

/// Run planlint with the process's arguments; the exit code of DESIGN.md.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Some(command) => subcommand(command),
        None => check(cli.check),
    };
    match result {
        Ok((code, text)) => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
            {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    eprintln!("error: cannot write the report: {e}");
                    return ExitCode::from(2);
                }
            }
            ExitCode::from(code)
        }
        Err(message) if message == BROKEN_PIPE => ExitCode::from(1),
        Err(message) => {
            let message = message.trim_end();
            if message.starts_with("error") || message.contains('\n') {
                eprintln!("{message}");
            } else {
                eprintln!("error: {message}");
            }
            ExitCode::from(2)
        }
    }
}

/// The exit code and the text for standard output, or the message for a usage error.
type Outcome = Result<(u8, String), String>;

fn subcommand(command: Command) -> Outcome {
    match command {
        Command::Rules { format } => Ok((0, commands::rules(format))),
        Command::Explain { rule } => commands::explain(&rule).map(|doc| (0, doc)),
        Command::Init { force } => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the working directory: {e}"))?;
            commands::init(&discover::project_root(&cwd), force).map(|msg| (0, msg))
        }
        Command::Completions { shell } => Ok((0, commands::completions(shell, Cli::command()))),
        Command::Manpage => commands::manpage(Cli::command()).map(|page| (0, page)),
        Command::Parse { paths } => {
            let (_, _, targets) =
                discover_targets(&paths, None, false, std::io::stderr().is_terminal())?;
            let (text, ok) = parse::run(&targets);
            Ok((u8::from(!ok), text))
        }
        Command::Status {
            paths,
            format,
            stale,
            color,
            config,
        } => {
            let (_, _, targets) = discover_targets(
                &paths,
                config.as_deref(),
                false,
                std::io::stderr().is_terminal(),
            )?;
            let now = run::now();
            let stale = stale.map(i64::from);
            let rows = status::rows(&targets, now, stale);
            let any_stale = rows.iter().any(|r| r.stale);
            let text = status::render(rows, format, now, stale, use_color(color));
            Ok((u8::from(any_stale), text))
        }
    }
}

/// Whether to colour standard output.
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// The project root, its configuration and the targets for `paths` (default: `plans/`).
fn discover_targets(
    paths: &[std::path::PathBuf],
    config_flag: Option<&std::path::Path>,
    force_exclude: bool,
    color_reports: bool,
) -> Result<
    (
        std::path::PathBuf,
        Option<planlint_rules::Loaded>,
        Vec<discover::Target>,
    ),
    String,
> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the working directory: {e}"))?;
    let root = discover::project_root(&cwd);
    let loaded = match config::find(config_flag, &root) {
        Some(path) => Some(config::load(&path, color_reports)?),
        None => None,
    };
    let paths = if paths.is_empty() {
        vec![default_plans(&root, &cwd)?]
    } else {
        paths.to_vec()
    };
    let canonical = root.canonicalize().unwrap_or_else(|_| root.clone());
    let targets = discover::expand(&paths, &canonical, loaded.as_ref(), force_exclude)
        .map_err(|p| format!("path `{}` does not exist", p.display()))?;
    Ok((root, loaded, targets))
}

/// `plans/` under the project root, as a path from the working directory.
fn default_plans(
    root: &std::path::Path,
    cwd: &std::path::Path,
) -> Result<std::path::PathBuf, String> {
    let plans = root.join("plans");
    if !plans.is_dir() {
        return Err(format!(
            "no paths given and no `plans/` folder under the project root {}",
            root.display()
        ));
    }
    Ok(plans
        .strip_prefix(cwd)
        .map(|p| p.to_path_buf())
        .unwrap_or(plans))
}

fn check(args: CheckArgs) -> Outcome {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| format!("cannot start {n} threads: {e}"))?;
    }
    let color = use_color(args.color);
    let flags = flag_settings(&args)?;
    let (root, loaded, mut targets) = discover_targets(
        &args.paths,
        args.config.as_deref(),
        args.force_exclude,
        color && std::io::stderr().is_terminal(),
    )?;
    let project = run::DiskProject::new(&root);
    if let Some(rev) = &args.changed_since {
        let rev = git::Revision::resolve(&root, rev, "--changed-since")?;
        let changed = rev.changed()?;
        targets.retain(|t| match t {
            discover::Target::File(path, _) => {
                rev.repo_path(path).is_some_and(|p| changed.contains(&p))
            }
            discover::Target::Stdin | discover::Target::Unreadable(..) => true,
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
    let resolver = config::Resolver::new(loaded, flags);
    let job = run::Job {
        project: &project,
        settings: &resolver,
        stdin_name: args.stdin_filename.as_deref(),
        now: run::now(),
        baseline: baseline.as_ref(),
        format: args.format,
        color,
        mode: if args.fix {
            run::Mode::Fix
        } else if args.diff {
            run::Mode::Diff
        } else {
            run::Mode::Check
        },
    };
    lint_and_report(&args, &targets, &job)
}

/// The error of a run whose reader went away (`planlint | head`): exit 1, silently.
const BROKEN_PIPE: &str = "\0broken pipe";

/// Files per batch: each batch is linted in parallel and written out while the next is linted,
/// so memory holds a few batches, not the whole run.
const BATCH: usize = 256;

/// Lint the targets batch by batch and write the report (or, with `--diff`, the diffs) to
/// standard output as it comes; with `--fix` on standard input, the fixed text goes to
/// standard output and the report to standard error.
fn lint_and_report(args: &CheckArgs, targets: &[discover::Target], job: &run::Job<'_>) -> Outcome {
    let io = |e: std::io::Error| -> String {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            BROKEN_PIPE.to_string()
        } else {
            format!("cannot write the report: {e}")
        }
    };
    let fixing_stdin = args.fix && targets.contains(&discover::Target::Stdin);
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
        run::lint_batches(targets, BATCH, job, |_, reports| {
            fixes::diff(&mut out, &reports, &mut tally).map_err(io)
        })?;
        out.flush().map_err(io)?;
        if !args.quiet {
            eprintln!("{}", tally.would());
        }
        return Ok((u8::from(tally.files > 0), String::new()));
    }
    let mut stream = output::Stream::new(sink, args.format).map_err(io)?;
    run::lint_batches(targets, BATCH, job, |batch, mut reports| {
        stream.files(&reports).map_err(io)?;
        if args.fix {
            tally.add(&reports);
            if let Some(i) = batch.iter().position(|t| *t == discover::Target::Stdin) {
                let r = &mut reports[i];
                fixed_stdin = Some(r.fix.is_some().then(|| std::mem::take(&mut r.text)));
            }
        }
        Ok::<(), String>(())
    })?;
    let summary = stream.summary;
    let mut tail = String::new();
    if !args.quiet {
        tail = format!("{}{}\n", summary.line(), tally.summary());
    }
    stream.end(&tail).map_err(io)?;
    let failed =
        summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) || tally.write_failed;
    match fixed_stdin {
        Some(Some(text)) => Ok((u8::from(failed), text)),
        // Printing nothing would make an editor empty its buffer: fail instead.
        Some(None) => Err("cannot fix standard input: it is not UTF-8 text".into()),
        None => Ok((u8::from(failed), String::new())),
    }
}

/// The old version of every target that existed at `rev` (`--base`).
fn baseline(
    root: &std::path::Path,
    rev: &str,
    targets: &[discover::Target],
    stdin_name: Option<&std::path::Path>,
) -> Result<run::Baseline, String> {
    let rev = git::Revision::resolve(root, rev, "--base")?;
    let mut keys = Vec::new();
    for t in targets {
        let (key, path) = match t {
            discover::Target::File(path, _) => (path.clone(), path.as_path()),
            discover::Target::Stdin => match stdin_name {
                Some(name) => (run::stdin_key(), name),
                None => continue,
            },
            discover::Target::Unreadable(..) => continue,
        };
        if let Some(repo_path) = rev.repo_path(path) {
            keys.push((key, repo_path));
        }
    }
    let paths: Vec<String> = keys.iter().map(|(_, p)| p.clone()).collect();
    let old = rev.read(&paths)?;
    let texts = keys
        .into_iter()
        .filter_map(|(key, p)| {
            let bytes = old.get(&p)?;
            Some((key, String::from_utf8_lossy(bytes).into_owned()))
        })
        .collect();
    Ok(run::Baseline {
        rev: rev.name,
        texts,
    })
}

/// Settings from the flags; an unknown rule name is a usage error.
fn flag_settings(args: &CheckArgs) -> Result<Settings, String> {
    let mut settings = Settings::default();
    let check = |name: &str| -> Result<String, String> {
        let name = name.trim();
        if RULES.iter().any(|r| r.name == name) {
            return Ok(name.to_string());
        }
        let hint = planlint_rules::config::did_you_mean(name, RULES.iter().map(|r| r.name))
            .unwrap_or_else(|| "`planlint rules` lists them".into());
        Err(format!("unknown rule `{name}`: {hint}"))
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
            return Err(format!(
                "`{name}` cannot be ignored: a file that cannot be read is never a pass"
            ));
        }
        settings.severities.insert(name, None);
    }
    Ok(settings)
}
