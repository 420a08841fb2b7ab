//! The errors that end a run before or instead of a report, and the exit code each maps to.
//! Findings in plans are not errors here: they are the report.

use std::fmt;

/// Why planlint stopped without a report (or, for a closed pipe, stopped writing one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The arguments ask for something that cannot be done: an unknown rule, a path that does
    /// not exist, a bad revision.
    Usage(String),
    /// The configuration file is invalid: the report, already rendered with its source line.
    Config(String),
    /// Something could not be read or written (the working directory, git, standard input).
    Io(String),
    /// The reader of standard output went away (`planlint | head`): stop quietly.
    BrokenPipe,
}

impl Error {
    /// The exit code: 2 for usage, configuration and I/O errors; 1 for a closed pipe, which is
    /// no success but no usage error either.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::BrokenPipe => 1,
            Error::Usage(_) | Error::Config(_) | Error::Io(_) => 2,
        }
    }

    /// An error while writing the report: a closed pipe, or an I/O error.
    pub fn writing(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Io(format!("cannot write the report: {e}"))
        }
    }
}

/// What standard error shows: `error: …`, or the configuration report as rendered. A message
/// may quote a plan (`tick`'s list of open boxes, a path): its control characters are shown as
/// visible stand-ins here, once for every error. (The configuration report, rendered from the
/// project's own `planlint.toml`, keeps its colours.)
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) | Error::Io(m) => write!(
                f,
                "error: {}",
                crate::output::visible::visible(m.trim_end())
            ),
            Error::Config(report) => f.write_str(report.trim_end()),
            Error::BrokenPipe => Ok(()),
        }
    }
}

impl std::error::Error for Error {}
