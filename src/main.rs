// glibc malloc's per-thread arenas grow and trim constantly under rayon (hundreds of
// thousands of mprotect calls on a corpus run); mimalloc does not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // `speclint test` and in-memory runs use rayon's global pool: give it the same stacks.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(speclint::engine::WORKER_STACK).build_global();
    speclint::cli::run()
}
