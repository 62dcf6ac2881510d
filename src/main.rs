//! The `newsgraph` binary: parse arguments, run, map the outcome to an exit
//! code (0 success, 2 error, 3 articles skipped under `--strict`; a panic is
//! Rust's 101, a bug). Usage errors are clap's, also 2. A closed stdout
//! (`newsgraph extract … | head`) is a success, as in other Unix tools.
//! README.md "Exit codes and messages" lists the messages.

use std::{io, process::ExitCode};

use clap::Parser;
use newsgraph::cli::{self, Cli, Outcome};

/// mimalloc rather than the system allocator: extraction and the store
/// allocate many small strings on every core, and glibc's malloc spent a
/// tenth of a build's time on them.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (mut out, mut err) = (io::stdout().lock(), io::stderr());
    match cli::run(cli, &mut out, &mut err) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Skipped) => ExitCode::from(3),
        Err(newsgraph::Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("newsgraph: {e}");
            ExitCode::from(2)
        }
    }
}
