//! The `wxrt` binary. See the `wxrt_cli` library for what each command does.

use std::process::ExitCode;

use clap::Parser as _;
use wxrt_cli::Cli;

fn main() -> ExitCode {
    // DevTools' command line, as `automator.launch` spawns it, is `wxrt auto`'s.
    #[cfg(unix)]
    let cli = Cli::parse_from(wxrt_cli::automator::argv::devtools_form(
        std::env::args_os().collect(),
    ));
    #[cfg(not(unix))]
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("wxrt: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(wxrt_cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("wxrt: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
