//! The `hjemmel` command: parses arguments and drives the library. All logic is in the library.

use std::process::ExitCode;

use clap::Parser;

mod cli;

// A spec becomes millions of small strings and vectors; mimalloc allocates and frees them about
// twice as fast as glibc's malloc (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::run(args)
}
