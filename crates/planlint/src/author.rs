//! Who is writing: the one lookup of the author's name, for `decide`'s `Date/Author` (command
//! line and language server) and `new`'s `Author` field.

/// The author's name from the environment: `GIT_AUTHOR_NAME`, else `USER`; a blank value is no
/// name, and the next is asked.
pub fn name() -> Option<String> {
    ["GIT_AUTHOR_NAME", "USER"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
}

/// The name a decision is signed with: the one given, else [`name`], else `planlint`.
pub fn signature(given: Option<&str>) -> String {
    given
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
        .or_else(name)
        .unwrap_or_else(|| "planlint".into())
}
