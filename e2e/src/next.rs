//! The Next.js host example (`examples/next-host/`, built by
//! `scripts/host-kit.sh`) served by `next start` on 127.0.0.1, its Content API
//! (`/next-host/api/content/…`, proxied by its `proxy.ts`) the gated
//! content-api of [`crate::env::gated_env`], its session endpoint answering
//! with that API's token. Started on first use, ended when the test binary
//! exits. Its session endpoint answers [`SESSION_DELAY_MS`] late.

use crate::api::Api;
use crate::env::{gated_env, DEMO_TOKEN};
use crate::process::{keep_until_exit, ChildGuard};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// `next.config.ts`'s `basePath`.
pub const BASE_PATH: &str = "/next-host";

/// How late the app's session endpoint answers with the owner's token.
pub const SESSION_DELAY_MS: u64 = 1_500;

/// The running Next app and what the tests need beside it.
#[derive(Debug, Clone, Copy)]
pub struct NextHost {
    /// Where `next start` listens.
    pub addr: SocketAddr,
    /// The content-api behind it (gated: it requires [`DEMO_TOKEN`]).
    pub api: Api,
    /// The chromedriver the tests share.
    pub driver: SocketAddr,
}

impl NextHost {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// `examples/next-host/`.
pub fn app_dir() -> PathBuf {
    crate::paths::repo_root().join("examples").join("next-host")
}

/// The shared Next app, started on first call. Panics with the build command
/// when the example is not built.
pub fn next_host() -> NextHost {
    static HOST: OnceLock<Result<NextHost, String>> = OnceLock::new();
    match HOST.get_or_init(|| {
        let gated = gated_env();
        let log = crate::paths::run_dir().join("next-host.log");
        let (guard, addr) = start(&app_dir(), gated.api.addr, &log)?;
        keep_until_exit(guard);
        eprintln!(
            "e2e: next-host on {addr} (Content API {}), log {}",
            gated.api.addr,
            log.display()
        );
        Ok(NextHost {
            addr,
            api: gated.api,
            driver: gated.driver,
        })
    }) {
        Ok(host) => *host,
        Err(e) => panic!("e2e next-host: {e}"),
    }
}

/// Starts `next start` in `dir` on a free port, with the Content API at
/// `api`, and waits until it accepts connections.
pub fn start(dir: &Path, api: SocketAddr, log: &Path) -> Result<(ChildGuard, SocketAddr), String> {
    let next = dir.join("node_modules/next/dist/bin/next");
    if !dir.join(".next/BUILD_ID").is_file() || !next.is_file() {
        return Err(format!(
            "{} is not built: run `bash scripts/host-kit.sh` (after the release build; \
             scripts/test.sh and scripts/run.sh do)",
            dir.display()
        ));
    }
    let mut last = String::new();
    // A free port can be taken between asking and binding: try a few.
    for _ in 0..3 {
        let port = free_port()?;
        let out = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let child = Command::new("node")
            .arg(&next)
            .args([
                "start",
                "--hostname",
                "127.0.0.1",
                "--port",
                &port.to_string(),
            ])
            .current_dir(dir)
            .env("CONTENT_API_URL", format!("http://{api}"))
            .env("STYLE_PICKER_OWNER_TOKEN", DEMO_TOKEN)
            // The token comes well after the element could start (the wasm
            // loads in a fraction of that): only `tokenRequired` makes the
            // first request wait for it.
            .env(
                "STYLE_PICKER_SESSION_DELAY_MS",
                SESSION_DELAY_MS.to_string(),
            )
            .env("NEXT_TELEMETRY_DISABLED", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::from(out.try_clone().map_err(|e| e.to_string())?))
            .stderr(Stdio::from(out))
            .spawn()
            .map_err(|e| format!("cannot start node (next start): {e}"))?;
        let mut guard = ChildGuard::new("next-host", child);
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok((guard, addr));
            }
            if let Some(status) = guard.exited() {
                last = format!(
                    "next start exited ({status}): {}",
                    std::fs::read_to_string(log).unwrap_or_default()
                );
                break;
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "next start did not listen on {addr} within 30 s; see {}",
                    log.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Err(last)
}

/// A port nobody listens on right now.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bind: {e}"))?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}
