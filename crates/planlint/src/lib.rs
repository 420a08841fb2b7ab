//! The `planlint` command line: parse the arguments, find the plans and the configuration,
//! lint, print the report, exit 0 (no errors), 1 (errors found) or 2 (usage, configuration or
//! internal error). [`run`] is the whole program; the binaries only call it.
//!
//! One way through: `cli` (arguments) → `project` and `discover` (root, targets) → `input`
//! (read and decode) → `lint` (rules, fixes) → `report` (what one file produced) → `output`
//! (every format). `commands/` holds one file per subcommand; `error` the typed errors.

mod author;
pub mod cli;
#[doc(hidden)]
pub mod commands;
mod config;
#[doc(hidden)]
pub mod discover;
pub mod error;
mod fixes;
mod git;
#[doc(hidden)]
pub mod input;
#[doc(hidden)]
pub mod lint;
mod output;
#[doc(hidden)]
pub mod project;
pub mod report;
#[doc(hidden)]
pub mod scope;
#[doc(hidden)]
pub mod server;
#[doc(hidden)]
pub mod spec;
#[doc(hidden)]
pub mod workspace;

pub use commands::{parse, status};
pub use output::Format;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cli::Cli;
use error::Error;

/// Run planlint with the process's arguments; the exit code of the contract (0, 1 or 2).
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
        Some(command) => commands::run(command),
        None => commands::check::check(cli.check),
    };
    let result = result.and_then(|(code, text)| {
        let mut stdout = std::io::stdout().lock();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.flush())
        {
            Ok(()) => Ok(code),
            // Nobody reads what was already decided: the run's own exit code stands.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
            Err(e) => Err(Error::writing(e)),
        }
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Error::BrokenPipe) => ExitCode::from(Error::BrokenPipe.exit_code()),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}
