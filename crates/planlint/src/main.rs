//! The `planlint` binary: parse the command line, find the plans, lint them, print the report,
//! exit 0 (no errors), 1 (errors found) or 2 (usage, configuration or internal error).

mod cli;
mod discover;
mod output;
mod run;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use planlint_rules::{Settings, RULES};

use cli::{Cli, ColorChoice, Format};
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
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, String> {
    if let Some(n) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| format!("cannot start {n} threads: {e}"))?;
    }
    let settings = settings(&cli)?;
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the working directory: {e}"))?;
    let root = discover::project_root(&cwd);
    let paths = if cli.paths.is_empty() {
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
        cli.paths.clone()
    };
    let targets =
        discover::expand(&paths).map_err(|p| format!("path `{}` does not exist", p.display()))?;
    let project = run::DiskProject::new(&root);
    let reports = run::lint_all(
        &targets,
        &project,
        &settings,
        cli.stdin_filename.as_deref(),
        run::now(),
    );

    let summary = Summary::of(&reports);
    let located = output::locate(&reports);
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let text = match cli.format {
        Format::Human => {
            let mut s = output::human::render(&located, color);
            if !cli.quiet {
                s.push_str(&summary.line());
                s.push('\n');
            }
            s
        }
        Format::Concise => {
            let mut s = output::concise::render(&located);
            if !cli.quiet {
                s.push_str(&summary.line());
                s.push('\n');
            }
            s
        }
        Format::Json => output::json::render(&located, summary),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(format!("cannot write the report: {e}"));
        }
    }
    let failed = summary.errors > 0 || (cli.deny_warnings && summary.warnings > 0);
    Ok(u8::from(failed))
}

/// Settings from the flags; an unknown rule name is a usage error.
fn settings(cli: &Cli) -> Result<Settings, String> {
    let mut settings = Settings::default();
    let check = |name: &str| -> Result<String, String> {
        let name = name.trim();
        if RULES.iter().any(|r| r.name == name) {
            return Ok(name.to_string());
        }
        let close = RULES
            .iter()
            .map(|r| (r.name, strsim::jaro_winkler(r.name, name)))
            .filter(|(_, s)| *s > 0.8)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        Err(match close {
            Some((n, _)) => format!("unknown rule `{name}` (did you mean `{n}`?)"),
            None => format!("unknown rule `{name}`; `planlint rules` lists them"),
        })
    };
    if !cli.select.is_empty() {
        settings.select = Some(
            cli.select
                .iter()
                .map(|s| check(s))
                .collect::<Result<_, _>>()?,
        );
    }
    for name in &cli.ignore {
        settings.severities.insert(check(name)?, None);
    }
    Ok(settings)
}
