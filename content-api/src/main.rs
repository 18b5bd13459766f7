//! `content-api`: starts the local Content Service (see `--help`).

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use content_api::config::{self, Command};
use content_api::{serve, AppState};
use tokio::net::TcpListener;
use tokio::sync::watch;

/// How long requests in flight get to finish after SIGINT/SIGTERM.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

#[tokio::main]
async fn main() -> ExitCode {
    let command = config::parse(std::env::args().skip(1), |name| std::env::var(name).ok());
    let config = match command {
        Ok(Command::Run(config)) => config,
        Ok(Command::Help) => {
            print!("{}", config::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("content-api: {e}");
            return ExitCode::from(2);
        }
    };
    match run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("content-api: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: config::Config) -> std::io::Result<()> {
    let listener = TcpListener::bind(config.addr).await?;
    let local = listener.local_addr()?;
    if !local.ip().is_loopback() {
        eprintln!(
            "content-api: warning: listening on {local}, not loopback; \
             the test endpoints /__log and /__reset are reachable from the network"
        );
    }
    let (stop, stopped) = watch::channel(false);
    let mut state = AppState::new(
        config.timing,
        config.dist,
        local.to_string(),
        stopped.clone(),
    );
    state.require_token = config.require_token;
    state.prefix = config.prefix;
    state.examples = config.examples;
    state.frame_ancestors = config.frame_ancestors;
    let mut server = tokio::spawn(serve(listener, state, stopped));

    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "content-api listening on http://{local}")?;
    stdout.flush()?;
    drop(stdout);

    tokio::select! {
        result = &mut server => return result.map_err(std::io::Error::other)?,
        () = signal() => {}
    }
    let _ = stop.send(true);
    match tokio::time::timeout(SHUTDOWN_GRACE, server).await {
        Ok(result) => result.map_err(std::io::Error::other)?,
        Err(_) => {
            eprintln!("content-api: requests still open after {SHUTDOWN_GRACE:?}; exiting");
            Ok(())
        }
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
