//! `tadqiq-server`: the same as `tadqiq serve` (see the library's documentation).

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tadqiq_server::run(tadqiq_server::Args::parse())
}
