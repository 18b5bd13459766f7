//! Where the repo, the built page and the binaries the tests need are.

use std::path::{Path, PathBuf};

/// The workspace root: the parent of this crate's manifest directory.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("e2e/ has a parent")
        .to_path_buf()
}

/// `$E2E_DIST`, else `<root>/dist`: it must hold the release build's `index.html`.
pub fn dist_dir(root: &Path) -> Result<PathBuf, String> {
    let dist = std::env::var_os("E2E_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("dist"));
    if dist.join("index.html").is_file() {
        Ok(dist)
    } else {
        Err(format!(
            "{} is missing: build the page first with `trunk build --release` in {}",
            dist.join("index.html").display(),
            root.display()
        ))
    }
}

/// The content-api binary: `$CONTENT_API_BIN`, else the newest of
/// `$CARGO_TARGET_DIR/{release,debug}/content-api` and
/// `<root>/target/{release,debug}/content-api`.
pub fn content_api_bin(root: &Path) -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os("CONTENT_API_BIN") {
        let bin = PathBuf::from(bin);
        return if bin.is_file() {
            Ok(bin)
        } else {
            Err(format!("CONTENT_API_BIN={} is not a file", bin.display()))
        };
    }
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        let dir = PathBuf::from(dir);
        dirs.push(if dir.is_relative() {
            root.join(dir)
        } else {
            dir
        });
    }
    dirs.push(root.join("target"));
    let tried: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| ["release", "debug"].map(|p| d.join(p).join("content-api")))
        .collect();
    // The newest one: the build a developer just made, not a stale other profile.
    let newest = tried
        .iter()
        .filter_map(|p| Some((std::fs::metadata(p).ok()?.modified().ok()?, p)))
        .max_by_key(|(modified, _)| *modified);
    if let Some((_, found)) = newest {
        return Ok(found.clone());
    }
    let tried: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
    Err(format!(
        "content-api binary not found (looked at {}): build it with \
         `cargo build -p content-api` in {}, or set CONTENT_API_BIN",
        tried.join(", "),
        root.display()
    ))
}

/// chromedriver: `$CHROMEDRIVER`, else the first on `PATH`, else `/usr/bin/chromedriver`.
pub fn chromedriver_bin() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os("CHROMEDRIVER") {
        return Ok(PathBuf::from(bin));
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join("chromedriver"))
        .find(|p| p.is_file());
    let bin = on_path.unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"));
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(
            "chromedriver not found on PATH nor at /usr/bin/chromedriver: \
             install it with `apt-get install chromium-driver`, or set CHROMEDRIVER"
                .to_string(),
        )
    }
}

/// The browser: `$CHROME_BIN`, else `/usr/bin/chromium`.
pub fn chrome_bin() -> String {
    std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".to_string())
}

/// Where child-process logs and browser profiles of this run go.
pub fn run_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("style-picker-e2e-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// `<root>/docs/screenshots`, created on demand.
pub fn screenshots_dir() -> PathBuf {
    let dir = repo_root().join("docs").join("screenshots");
    let _ = std::fs::create_dir_all(&dir);
    dir
}
