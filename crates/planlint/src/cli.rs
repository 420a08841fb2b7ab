//! The command line, as clap declares it. Names here (flags, subcommands, values) are what users
//! script against: keep them stable once released.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::Format;

/// Lint and validate ExecPlans: Markdown plans with fixed sections, a checklist, a timestamped
/// Progress log, a Decision Log and status values.
#[derive(Debug, Parser)]
#[command(name = "planlint", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub check: CheckArgs,
}

/// Subcommands besides linting.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: name, group, default severity, whether it fixes, one line.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print a rule's documentation, with a bad and a good example.
    Explain {
        /// The rule's name, e.g. `timestamp-order`.
        rule: String,
    },
    /// Write a commented `planlint.toml` with the defaults at the project root.
    Init {
        /// Overwrite an existing `planlint.toml`.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script; the README says where each shell looks for one.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff), generated from this command line's definition.
    Manpage,
    /// Where every plan stands: status, boxes checked, Progress entries, newest entry, Last
    /// updated, days since the newest entry; one row per plan, sorted by path.
    Status {
        /// Files and folders (default: the plans in scope under the project root).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
        format: StatusFormat,
        /// Flag plans whose newest Progress entry is older than DAYS days (or that have none);
        /// exit 1 if there is one.
        #[arg(long, value_name = "DAYS")]
        stale: Option<u32>,
        /// Also list the Markdown files in plan places that were passed over, and why (a
        /// template, an index, a report, the spec, an archived plan, a file that does not read
        /// as a plan).
        #[arg(long)]
        skipped: bool,
        /// When to use colours (`auto`: only on a terminal, and never when NO_COLOR is set).
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Use this configuration file (its `include`/`exclude` steer folder walks).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print the typed plan model of each file as JSON (schema: `schemas/plan.schema.json`).
    Parse {
        /// Files and folders; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// The contract a plan is held to, and where each part came from.
    ///
    /// For a plan (or, without a path, a new plan in the project): dialect, required and
    /// recommended sections in order, metadata, statuses, and where each part came from (the
    /// built-in default, the project's PLANS.md and line, planlint.toml and line).
    Contract {
        /// A plan file (default: the project's contract for a new plan).
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ContractFormat::Human)]
        format: ContractFormat,
        /// Use this configuration file.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Append a Progress entry in the plan's own style, stamped now, and bump Last updated.
    ///
    /// The entry takes the form the plan already uses (checkbox or not, the timestamp's shape
    /// and zone), goes after the last entry (on top in a newest-first log), and touches no other
    /// byte. `-` reads the plan from standard input and writes it to standard output.
    Log {
        /// The plan file (or `-`).
        plan: PathBuf,
        /// What was done.
        text: String,
        /// A checked entry (the default where the log uses checkboxes).
        #[arg(long, conflicts_with = "open")]
        done: bool,
        /// An open entry: an unchecked box, no timestamp.
        #[arg(long)]
        open: bool,
        /// The time to stamp (`2026-03-14 09:30`, RFC 3339) instead of now.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Print the unified diff instead of writing.
        #[arg(long)]
        dry_run: bool,
        /// Write a read-only plan anyway (its mode is kept).
        #[arg(long)]
        force: bool,
    },
    /// Append a Decision Log entry in the plan's own shape, with its rationale and date.
    Decide {
        /// The plan file (or `-`).
        plan: PathBuf,
        /// The decision.
        decision: String,
        /// Why.
        #[arg(long, value_name = "RATIONALE")]
        why: String,
        /// Who decided (default: `GIT_AUTHOR_NAME`, else `git config user.name`, else `USER`).
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
        /// The date to record instead of today.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Print the unified diff instead of writing.
        #[arg(long)]
        dry_run: bool,
        /// Write a read-only plan anyway (its mode is kept).
        #[arg(long)]
        force: bool,
    },
    /// Check the open box whose text matches (a unique substring, or its number among open
    /// boxes), with the timestamp a checked Progress entry needs.
    ///
    /// A checked Progress entry is stamped in the log's style and stays where it is when the
    /// log's time order allows (no stamped entry after it in an oldest-first log, none before it
    /// in a newest-first one); else it moves to the log's newest end, where `log` writes (the
    /// bottom, or the top of a newest-first log). An entry moves with its sub-items.
    Tick {
        /// The plan file (or `-`).
        plan: PathBuf,
        /// A unique part of the box's text, or its 1-based number among the open boxes.
        #[arg(value_name = "MATCH")]
        pattern: String,
        /// The time to stamp instead of now.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Print the unified diff instead of writing.
        #[arg(long)]
        dry_run: bool,
        /// Write a read-only plan anyway (its mode is kept).
        #[arg(long)]
        force: bool,
    },
    /// Set the plan's status where it lives (front matter, the status line, `## Status`, the
    /// Status bullets), from the vocabulary, and bump Last updated.
    SetStatus {
        /// The plan file (or `-`).
        plan: PathBuf,
        /// The new status.
        value: String,
        /// Set a finished status even while boxes are open, or a value outside the vocabulary, or
        /// write a read-only plan.
        #[arg(long)]
        force: bool,
        /// The time for Last updated instead of now.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Print the unified diff instead of writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// A language server (LSP over stdio): diagnostics as you type, fixes, outline, hover.
    ///
    /// Every editor with an LSP client can run it; the README has the setup for Neovim, Helix,
    /// Zed, VS Code and Emacs. The same scope, configuration, spec and rules as the command line.
    Server,
    /// Write a new plan that lints clean, from the contract that applies where it goes.
    ///
    /// The required sections in order with a prompt each, its status and dates filled, a first
    /// Progress entry. Refuses to overwrite a file.
    New {
        /// The plan's title.
        title: String,
        /// Where to write it (default: a file named after the title in the project's plans
        /// folder).
        #[arg(long, value_name = "PATH")]
        path: Option<PathBuf>,
        /// Write it even where planlint would not take it for a plan (outside the plan scope).
        #[arg(long)]
        force: bool,
        /// Use this configuration file.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

/// Formats of `planlint status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// Aligned columns that fit the terminal, else `COLUMNS`, else 100 (cut in the middle).
    Table,
    /// A Markdown table, e.g. for a pull request comment.
    Markdown,
    /// JSON (schema: `schemas/status.schema.json`).
    Json,
    /// One self-contained HTML page: counts, activity, each plan's progress and timeline,
    /// filters and sorting (inline CSS and script, no network).
    Html,
}

/// Shells that `planlint completions` writes scripts for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

/// Arguments of the default command: lint plans.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to lint (folders recursively, `*.md`); `-` reads standard input.
    /// Default: the plans in scope under the project root.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Run only these rules (comma-separated names).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub select: Vec<String>,

    /// Do not run these rules (comma-separated names).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub ignore: Vec<String>,

    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Print diagnostics and nothing else (no summary line).
    #[arg(long, short)]
    pub quiet: bool,

    /// When to use colours (`auto`: only on a terminal, and never when NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Use this configuration file instead of `planlint.toml` at the project root.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The file name to report (and to resolve the Plan ID against) for standard input.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Compare each plan with its version at this git revision and run the diff-aware rules
    /// (`progress-rewritten`, `decision-rewritten`, `checkbox-unchecked`). Plans new since
    /// REF are not compared.
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,

    /// Lint only the plans that differ from this git revision (changed, staged or not, or new
    /// and not ignored).
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,

    /// Lint only the files named on the command line that are in plan scope (the configured
    /// `include`/`exclude`, else the places plans are kept). For pre-commit, which passes every
    /// staged Markdown file.
    #[arg(long)]
    pub force_exclude: bool,

    /// Apply the safe fixes in place (atomically), then report what remains. With `-`, print
    /// the fixed text to standard output and the report to standard error.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Print the unified diff that `--fix` would apply and change nothing; exit 1 if there is
    /// anything to fix.
    #[arg(long)]
    pub diff: bool,

    /// Worker threads (default: all cores). Output is the same whatever the number.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Formats of `planlint contract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ContractFormat {
    /// Aligned text for people.
    Human,
    /// JSON (schema: `schemas/contract.schema.json`).
    Json,
}

/// Formats of `planlint rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

/// Colour choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
