// glibc malloc's per-thread arenas grow and trim constantly under rayon (hundreds of
// thousands of mprotect calls on a corpus run); mimalloc does not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    speclint::cli::run()
}
