//! Who is writing: the one lookup of the author's name, for `decide`'s `Date/Author` (command
//! line and language server) and `new`'s `Author` field.

/// The author's name: `GIT_AUTHOR_NAME`, else `git config user.name` (as git would sign a
/// commit here), else `USER`; a blank value is no name, and the next is asked.
pub fn name() -> Option<String> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    env("GIT_AUTHOR_NAME")
        .or_else(git_user_name)
        .or_else(|| env("USER"))
}

/// `git config user.name`, when git is there and the name is set.
fn git_user_name() -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["config", "user.name"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let name = String::from_utf8(out.stdout).ok()?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The name a decision is signed with: the one given, else [`name`], else `planlint`.
pub fn signature(given: Option<&str>) -> String {
    given
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
        .or_else(name)
        .unwrap_or_else(|| "planlint".into())
}
