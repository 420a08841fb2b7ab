//! `planlint completions SHELL` and `planlint manpage`: generated from the command line's own
//! definition, so they never fall behind it.

use crate::cli::Shell;
use crate::error::Error;

/// A completion script for `shell`.
pub fn completions(shell: Shell, mut cmd: clap::Command) -> String {
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
        Shell::Elvish => S::Elvish,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "planlint", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The man page, in roff.
pub fn manpage(cmd: clap::Command) -> Result<String, Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| Error::Io(format!("cannot render the man page: {e}")))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}
