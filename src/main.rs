//! The `hjemmel` command: parses arguments and drives the library. All logic is in the library.

use std::process::ExitCode;

use clap::Parser;

mod cli;

#[global_allocator]
static ALLOCATOR: hjemmel::allocator::MiMalloc = hjemmel::allocator::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::run(args)
}
