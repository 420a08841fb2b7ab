//! The `planlint` binary; everything lives in the library so the pre-commit hook binary at the
//! workspace root runs the very same code.

fn main() -> std::process::ExitCode {
    planlint::run()
}
