//! The `axiom-lint` binary; everything it does lives in the library beside it.

/// mimalloc rather than the system allocator: a large file's tree is one allocation of tens of
/// megabytes, which glibc maps fresh from the kernel (and faults in page by page) on every
/// file, where mimalloc reuses its segments. See docs/performance.md, "Scaling".
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    axiom_lint_cli::run()
}
