fn main() -> std::process::ExitCode {
    speclint::cli::run()
}
