//! The `axiom-lint` binary; everything it does lives in the library beside it.

fn main() -> std::process::ExitCode {
    axiom_lint_cli::run()
}
