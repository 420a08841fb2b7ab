//! `planlint-hook`: the binary pre-commit installs (`language: rust` runs `cargo install --path
//! .` at the repository root, which needs a package there). It is `planlint` itself.

fn main() -> std::process::ExitCode {
    planlint::run()
}
