//! Debian's nginx serving a copy of `dist/` with the documented configuration
//! (`deploy/nginx/`, included verbatim) in front of a content-api, on
//! 127.0.0.1 only, as a non-daemon child process ended on drop.

use crate::process::ChildGuard;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The path prefix `deploy/nginx/style-picker.conf` serves `dist/` under.
pub const PREFIX: &str = "/shop/style-picker/";

/// The files of `deploy/nginx/`, placed where the main file includes them
/// from (`snippets/…`, relative to the directory of the top-level config).
pub const CONFIG_FILES: [&str; 2] = ["style-picker.conf", "style-picker-headers.conf"];

/// The top-level config a host would have (Debian's `nginx.conf`, cut down to
/// what matters): Debian's MIME map, the API upstream and a server that
/// includes the documented file. `{DIR}`, `{PORT}` and `{API}` are filled in.
const TOP_LEVEL: &str = "\
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {DIR}/access.log;
    # Under the test's own directory, so that nginx needs no root-owned ones.
    client_body_temp_path {DIR}/temp/body;
    proxy_temp_path {DIR}/temp/proxy;
    fastcgi_temp_path {DIR}/temp/fastcgi;
    uwsgi_temp_path {DIR}/temp/uwsgi;
    scgi_temp_path {DIR}/temp/scgi;

    upstream style_picker_api { server {API}; }

    server {
        listen 127.0.0.1:{PORT};
        # The name the browser uses: the API is handed it as Host.
        server_name 127.0.0.1;
        root {DIR}/www;
        include snippets/style-picker.conf;
    }
}
";

/// A running nginx; ended (SIGTERM, its fast shutdown) when dropped.
pub struct Nginx {
    pub addr: SocketAddr,
    /// Its config, the served copy of `dist/` and its logs.
    pub dir: PathBuf,
    _guard: ChildGuard,
}

impl Nginx {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// nginx: `$NGINX`, else the first on `PATH`, else `/usr/sbin/nginx` (not on a
/// non-root `PATH` on Debian).
pub fn nginx_bin() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os("NGINX") {
        let bin = PathBuf::from(bin);
        return if bin.is_file() {
            Ok(bin)
        } else {
            Err(format!("NGINX={} is not a file", bin.display()))
        };
    }
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join("nginx"))
        .chain([PathBuf::from("/usr/sbin/nginx")])
        .find(|p| p.is_file())
        .ok_or_else(|| {
            "nginx not found on PATH nor at /usr/sbin/nginx: install Debian's nginx \
             (`apt-get install nginx`; `bash scripts/setup.sh test` does), or set NGINX"
                .to_string()
        })
}

/// Lays out `<run dir>/nginx-…/` as a host would (the config files of
/// `deploy/nginx/` in `snippets/`, `dist/` copied to `www/shop/style-picker/`),
/// checks the config with `nginx -t`, starts nginx on a free port in front of
/// the content-api at `api` and waits until it accepts connections.
pub fn start(dist: &Path, api: SocketAddr) -> Result<Nginx, String> {
    let bin = nginx_bin()?;
    let dir = crate::paths::run_dir().join(crate::unique("nginx"));
    let deploy = crate::paths::repo_root().join("deploy").join("nginx");
    for sub in ["snippets", "temp", "www"] {
        std::fs::create_dir_all(dir.join(sub)).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    for file in CONFIG_FILES {
        let from = deploy.join(file);
        if !from.is_file() {
            return Err(format!("{} is missing", from.display()));
        }
        // A link, not a copy: nginx reads the repository's file itself.
        std::os::unix::fs::symlink(&from, dir.join("snippets").join(file))
            .map_err(|e| format!("linking {}: {e}", from.display()))?;
    }
    let served = dir.join("www").join(PREFIX.trim_matches('/'));
    copy_dir(dist, &served)?;
    // Started as root, nginx's workers run as `nobody`: they must reach the files.
    // (The run directory itself only: other tests are writing in it.)
    add_read_bits(&crate::paths::run_dir())?;
    readable_by_all(&dir)?;

    let mut last = String::new();
    // A free port can be taken between asking and binding: try a few.
    for _ in 0..3 {
        let port = free_port()?;
        let conf = TOP_LEVEL
            .replace("{DIR}", &dir.display().to_string())
            .replace("{PORT}", &port.to_string())
            .replace("{API}", &api.to_string());
        std::fs::write(dir.join("nginx.conf"), conf).map_err(|e| e.to_string())?;
        let test = command(&bin, &dir)
            .arg("-t")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        if !test.status.success() {
            return Err(format!(
                "`nginx -t` rejects the config ({}):\n{}",
                dir.join("nginx.conf").display(),
                String::from_utf8_lossy(&test.stderr)
            ));
        }
        let log = dir.join("nginx.stderr.log");
        let out = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let child = command(&bin, &dir)
            .stdin(Stdio::null())
            .stdout(Stdio::from(out.try_clone().map_err(|e| e.to_string())?))
            .stderr(Stdio::from(out))
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let mut guard = ChildGuard::new("nginx", child);
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(Nginx {
                    addr,
                    dir,
                    _guard: guard,
                });
            }
            if let Some(status) = guard.exited() {
                last = format!(
                    "nginx exited ({status}): {}",
                    std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
                );
                break;
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "nginx did not accept connections on {addr} within 10 s; see {}",
                    dir.join("error.log").display()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Err(last)
}

/// `nginx -p DIR/ -c DIR/nginx.conf`, in the foreground, its pid and error log in `dir`.
fn command(bin: &Path, dir: &Path) -> Command {
    let mut cmd = Command::new(bin);
    cmd.arg("-p")
        .arg(format!("{}/", dir.display()))
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        // Before the config is read, errors would go to a root-owned default.
        .arg("-e")
        .arg(dir.join("error.log"))
        .arg("-g")
        .arg(format!(
            "daemon off; pid {}; error_log {} notice;",
            dir.join("nginx.pid").display(),
            dir.join("error.log").display()
        ));
    cmd
}

/// A port nobody listens on right now.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bind: {e}"))?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Copies the directory `from` to `to`, as a deploy uploads `dist/`.
fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        // Trunk's `.trunk-lock` and `.stage/` are its bookkeeping, not the site.
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
        }
    }
    Ok(())
}

/// `chmod a+rX` on `path` alone.
fn add_read_bits(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.file_type().is_symlink() {
        return Ok(());
    }
    let mode = meta.permissions().mode() | if meta.is_dir() { 0o555 } else { 0o444 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// `chmod -R a+rX`.
fn readable_by_all(path: &Path) -> Result<(), String> {
    add_read_bits(path)?;
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        for entry in std::fs::read_dir(path).map_err(|e| e.to_string())? {
            readable_by_all(&entry.map_err(|e| e.to_string())?.path())?;
        }
    }
    Ok(())
}
