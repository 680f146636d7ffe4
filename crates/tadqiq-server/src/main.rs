//! `tadqiq-server`: the same as `tadqiq serve` (see the library's documentation).

use clap::Parser;

fn main() -> std::process::ExitCode {
    tadqiq_server::run(tadqiq_server::Args::parse())
}
