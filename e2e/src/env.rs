//! The content-api and chromedriver shared by all tests of one test binary.
//!
//! Started on first use, ended when the binary exits. Every test uses its own
//! job ids, so sharing one server is safe; it saves seconds per test on CI's
//! two cores.

use crate::api::Api;
use crate::process::keep_until_exit;
use crate::{api, driver, paths};
use std::net::SocketAddr;
use std::sync::OnceLock;

/// What a test needs to reach the shared processes.
#[derive(Debug, Clone, Copy)]
pub struct Env {
    pub api: Api,
    pub driver: SocketAddr,
}

/// The shared environment, started on first call. Panics with a message that
/// names the missing build step when the page or the API is not built.
pub fn env() -> Env {
    static ENV: OnceLock<Result<Env, String>> = OnceLock::new();
    let duration = JOB_DURATION_MS.to_string();
    match ENV.get_or_init(|| start("content-api.log", &["--job-duration-ms", &duration])) {
        Ok(env) => *env,
        Err(e) => panic!("e2e environment: {e}"),
    }
}

/// The token the gated API requires: the one its example session endpoint
/// (`examples/api/session`) hands the example host pages.
pub const DEMO_TOKEN: &str = "demo-token";
/// A normal job's drawing time on the test APIs (`--job-duration-ms`, at
/// least 1): COMPLETED by the page's first status request. The contract's
/// timing is the page's, not the fake service's: a test that needs a wait
/// uses a scenario that makes one (`never`, `slow`, `fail`…), and no other
/// test waits for a drawing.
pub const JOB_DURATION_MS: u64 = 1;
/// Where the gated API also serves the page, as a CDN path would.
pub const PREFIX: &str = "/shop/style-picker/";

/// A second content-api, behind the gateway's sign-in (`--require-token`)
/// and serving the page under [`PREFIX`] too, sharing the chromedriver.
pub fn gated_env() -> Env {
    static ENV: OnceLock<Result<Env, String>> = OnceLock::new();
    let shared = env();
    match ENV.get_or_init(|| {
        let root = paths::repo_root();
        let dist = paths::dist_dir(&root)?;
        let api_bin = paths::content_api_bin(&root)?;
        let log = paths::run_dir().join("content-api-gated.log");
        let duration = JOB_DURATION_MS.to_string();
        let extra = [
            "--require-token",
            DEMO_TOKEN,
            "--prefix",
            PREFIX,
            "--job-duration-ms",
            &duration,
        ];
        let (guard, addr) = api::start(&api_bin, &dist, &log, &extra)?;
        keep_until_exit(guard);
        Ok(Env {
            api: Api {
                addr,
                token: Some(DEMO_TOKEN),
            },
            driver: shared.driver,
        })
    }) {
        Ok(env) => *env,
        Err(e) => panic!("e2e gated environment: {e}"),
    }
}

fn start(log: &str, extra: &[&str]) -> Result<Env, String> {
    let root = paths::repo_root();
    let dist = paths::dist_dir(&root)?;
    let api_bin = paths::content_api_bin(&root)?;
    let chromedriver = paths::chromedriver_bin()?;
    let logs = paths::run_dir();
    let (api_guard, api_addr) = api::start(&api_bin, &dist, &logs.join(log), extra)?;
    keep_until_exit(api_guard);
    let (driver_guard, driver_addr) = driver::start(&chromedriver, &logs.join("chromedriver.log"))?;
    keep_until_exit(driver_guard);
    eprintln!(
        "e2e: content-api {} (dist {}) on {api_addr}, chromedriver on {driver_addr}, logs in {}",
        api_bin.display(),
        dist.display(),
        logs.display()
    );
    Ok(Env {
        api: Api {
            addr: api_addr,
            token: None,
        },
        driver: driver_addr,
    })
}
