//! The `planlint` binary: parse the command line, find the plans and the configuration, lint,
//! print the report, exit 0 (no errors), 1 (errors found) or 2 (usage, configuration or
//! internal error).

mod cli;
mod commands;
mod config;
mod discover;
mod output;
mod run;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use planlint_rules::{Settings, RULES};

use cli::{CheckArgs, Cli, ColorChoice, Command, Format};
use output::Summary;

fn main() -> ExitCode {
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
    }
}

fn check(args: CheckArgs) -> Outcome {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| format!("cannot start {n} threads: {e}"))?;
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let flags = flag_settings(&args)?;
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the working directory: {e}"))?;
    let root = discover::project_root(&cwd);
    let loaded = match config::find(args.config.as_deref(), &root) {
        Some(path) => Some(config::load(
            &path,
            color && std::io::stderr().is_terminal(),
        )?),
        None => None,
    };
    let paths = if args.paths.is_empty() {
        let plans = root.join("plans");
        if !plans.is_dir() {
            return Err(format!(
                "no paths given and no `plans/` folder under the project root {}",
                root.display()
            ));
        }
        vec![plans
            .strip_prefix(&cwd)
            .map(|p| p.to_path_buf())
            .unwrap_or(plans)]
    } else {
        args.paths.clone()
    };
    let project = run::DiskProject::new(&root);
    let targets = discover::expand(&paths, project.root(), loaded.as_ref())
        .map_err(|p| format!("path `{}` does not exist", p.display()))?;
    let resolver = config::Resolver::new(loaded, flags);
    let reports = run::lint_all(
        &targets,
        &project,
        &resolver,
        args.stdin_filename.as_deref(),
        run::now(),
    );

    let summary = Summary::of(&reports);
    let located = output::locate(&reports);
    let mut text = match args.format {
        Format::Human => output::human::render(&located, color),
        Format::Concise => output::concise::render(&located),
        Format::Json => output::json::render(&located, summary),
    };
    if args.format != Format::Json && !args.quiet {
        text.push_str(&summary.line());
        text.push('\n');
    }
    let failed = summary.errors > 0 || (args.deny_warnings && summary.warnings > 0);
    Ok((u8::from(failed), text))
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
        settings.severities.insert(check(name)?, None);
    }
    Ok(settings)
}
