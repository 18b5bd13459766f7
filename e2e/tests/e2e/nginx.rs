//! The contract's "Deploying": the release build served by Debian's nginx with
//! `deploy/nginx/style-picker.conf` exactly as written (the file
//! `docs/deploying.md` gives), under `/shop/style-picker/`, in front of the
//! local content-api. Real HTTP for every header, type and cache rule, the
//! API's answers never cached and its image URLs built from nginx's own
//! name, not the client's `Host`; then the page through it in Chromium, with
//! no CSP violation.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use e2e::api::{http, Auth, Response};
use e2e::contract::{status_path, GENERATE_PATH};
use e2e::env::env;
use e2e::fixtures::CARDS;
use e2e::nginx::{Nginx, PREFIX};
use e2e::page::with_page;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BUDGET: Duration = Duration::from_secs(60);
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";

/// The contract's policy, directive by directive. Its `<image hosts>` and
/// `<api-base>` are empty here: the API is same-origin and `https:` admits
/// any HTTPS image host.
const POLICY: [(&str, &[&str]); 7] = [
    ("default-src", &["'none'"]),
    ("script-src", &["'self'", "'wasm-unsafe-eval'"]),
    ("style-src", &["'self'"]),
    ("img-src", &["'self'", "https:"]),
    ("connect-src", &["'self'"]),
    ("base-uri", &["'none'"]),
    ("form-action", &["'none'"]),
];

/// Starts nginx in front of the shared content-api; fails (never skips) when
/// nginx or the build is missing: CI installs and builds both.
fn start_nginx() -> (Nginx, PathBuf) {
    let dist = e2e::paths::dist_dir(&e2e::paths::repo_root()).unwrap_or_else(|e| panic!("{e}"));
    let nginx = e2e::nginx::start(&dist, env().api.addr).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "nginx: {} serving {} under {PREFIX} (config and logs in {})",
        nginx.base_url(),
        dist.display(),
        nginx.dir.display()
    );
    (nginx, dist)
}

/// Every value of header `name` (lower case).
fn all<'a>(res: &'a Response, name: &str) -> Vec<&'a str> {
    res.headers
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// The one value of header `name`; fails when it is missing or repeated.
fn one<'a>(what: &str, res: &'a Response, name: &str) -> &'a str {
    match all(res, name)[..] {
        [value] => value,
        ref values => panic!("{what}: expected one {name}, got {values:?}: {res:#?}"),
    }
}

/// The policy, exactly one of it, and the two other security headers.
fn assert_security_headers(what: &str, res: &Response) {
    let csp = one(what, res, "content-security-policy");
    let mut directives: BTreeMap<&str, Vec<&str>> = csp
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            Some((words.next()?, words.collect()))
        })
        .collect();
    for (name, sources) in POLICY {
        assert_eq!(
            directives.remove(name).as_deref(),
            Some(sources),
            "{what}: {name} in {csp:?}"
        );
    }
    // Anything beyond the contract's may only narrow who frames the page.
    directives.remove("frame-ancestors");
    assert!(
        directives.is_empty(),
        "{what}: extra {directives:?} in {csp:?}"
    );
    assert_eq!(
        one(what, res, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert_eq!(
        one(what, res, "referrer-policy"),
        "strict-origin-when-cross-origin",
        "{what}"
    );
}

/// The media type (before any `;`) of the answer.
fn media_type<'a>(what: &str, res: &'a Response) -> &'a str {
    one(what, res, "content-type")
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
}

/// Trunk's content-hashed names: `name-<16 hex>.ext`, `name-<16 hex>_bg.wasm`.
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The media types a file may be served as, by its name.
fn expected_types(name: &str) -> &'static [&'static str] {
    let ext = name.rsplit('.').next().unwrap_or_default();
    match ext {
        "html" => &["text/html"],
        // Debian 1.22's mime.types says application/javascript; both are JavaScript.
        "js" | "mjs" => &["text/javascript", "application/javascript"],
        "wasm" => &["application/wasm"],
        "css" => &["text/css"],
        "json" => &["application/json"],
        "svg" => &["image/svg+xml"],
        "ts" => &["text/plain"],
        "png" => &["image/png"],
        "ico" => &["image/x-icon", "image/vnd.microsoft.icon"],
        _ => &[],
    }
}

/// The files of `dir`, as paths relative to it with `/`.
fn files(dir: &Path, under: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let entry = entry.expect("dir entry");
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') {
            continue; // Trunk's bookkeeping; the deploy copies no dot-files
        }
        let name = format!("{under}{file_name}");
        if entry.path().is_dir() {
            files(&entry.path(), &format!("{name}/"), out);
        } else {
            out.push(name);
        }
    }
}

/// One HTTP/1.1 GET with `extra` header lines (each ending in `\r\n`) and
/// `Host: host`; the body kept only when it is not compressed.
async fn get_raw(nginx: &Nginx, path: &str, host: &str, extra: &str) -> Response {
    let mut stream = tokio::net::TcpStream::connect(nginx.addr)
        .await
        .expect("connect to nginx");
    let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n");
    stream.write_all(req.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut raw))
        .await
        .expect("nginx answers within 10 s")
        .expect("read");
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v == "chunked")
    {
        body = dechunk(&body);
    }
    let compressed = headers.iter().any(|(k, _)| k == "content-encoding");
    Response {
        status,
        headers,
        body: if compressed {
            String::new()
        } else {
            String::from_utf8_lossy(&body).into_owned()
        },
    }
}

/// The body of a `Transfer-Encoding: chunked` answer.
fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&data[..eol])
            .ok()
            .and_then(|t| usize::from_str_radix(t.split(';').next()?.trim(), 16).ok())
            .unwrap_or(0);
        data = &data[eol + 2..];
        if size == 0 || data.len() < size {
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
    out
}

/// One HTTP/1.1 GET as browsers send it (so nginx compresses), headers only.
async fn get_compressed(nginx: &Nginx, path: &str) -> Response {
    let host = nginx.addr.to_string();
    get_raw(nginx, path, &host, "Accept-Encoding: gzip\r\n").await
}

/// One HTTP/1.1 GET with the `Host` header `host` (a client's, maybe forged).
async fn get_with_host(nginx: &Nginx, path: &str, host: &str) -> Response {
    get_raw(nginx, path, host, "").await
}

#[tokio::test]
async fn nginx_serves_every_file_of_dist_with_the_contracts_headers_types_and_caching() {
    let (nginx, dist) = start_nginx();
    let addr = nginx.addr;
    let get = |path: String| async move {
        http(addr, "GET", &path, None)
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    };

    // A job through the proxy first (its clock runs while the files are read).
    let draft = e2e::unique("nginx");
    let body = serde_json::json!({ "eventDraftId": draft }).to_string();
    let res = http(nginx.addr, "POST", GENERATE_PATH, Some(&body))
        .await
        .expect("generate through nginx");
    assert!(res.status == 202 || res.status == 200, "generate: {res:#?}");
    assert_api_headers("generate", &res);
    let job = res.json()["jobId"].as_str().expect("jobId").to_string();

    // Every file of the build, by its name: type, policy, cache rule.
    let mut names = Vec::new();
    files(&dist, "", &mut names);
    names.sort();
    for required in ["index.html", "style-picker.js"] {
        assert!(
            names.iter().any(|n| n == required),
            "{required} in {names:?}"
        );
    }
    for (kind, suffix) in [("js", ".js"), ("wasm", "_bg.wasm"), ("css", ".css")] {
        assert!(
            names.iter().any(|n| is_hashed(n) && n.ends_with(suffix)),
            "a hashed {kind} file in {names:?}"
        );
    }
    for name in &names {
        let res = get(format!("{PREFIX}{name}")).await;
        assert_eq!(res.status, 200, "{name}: {res:#?}");
        assert_security_headers(name, &res);
        let ty = media_type(name, &res);
        let expected = expected_types(name);
        assert!(
            expected.contains(&ty) || (expected.is_empty() && ty != "application/octet-stream"),
            "{name} is served as {ty}, expected one of {expected:?}"
        );
        let file = leaf(name);
        let cache = if is_hashed(file) { IMMUTABLE } else { NO_CACHE };
        assert_eq!(one(name, &res, "cache-control"), cache, "{name}");
        eprintln!("nginx: {name:<44} {ty:<24} {cache}");
    }

    // The prefix itself is index.html, revalidated.
    let index = get(PREFIX.to_string()).await;
    assert_eq!(index.status, 200, "{PREFIX}: {index:#?}");
    assert_security_headers(PREFIX, &index);
    assert_eq!(media_type(PREFIX, &index), "text/html");
    assert_eq!(one(PREFIX, &index, "cache-control"), NO_CACHE);
    // It names the loader by its hashed copy (cached for good), so a return
    // visit revalidates index.html alone; hosts keep style-picker.js.
    assert!(index.body.contains("src=./element-"), "{}", index.body);

    // Without the slash: sent to it, the query kept.
    let bare = PREFIX.trim_end_matches('/');
    let res = get(format!("{bare}?eventDraftId=d1")).await;
    assert_eq!(res.status, 301, "{bare}: {res:#?}");
    assert!(
        one(bare, &res, "location").ends_with(&format!("{PREFIX}?eventDraftId=d1")),
        "{res:#?}"
    );
    assert_security_headers(bare, &res);

    // Compressed as a browser asks; the rules still hold.
    let wasm = names
        .iter()
        .find(|n| n.ends_with("_bg.wasm"))
        .expect("a wasm");
    let res = get_compressed(&nginx, &format!("{PREFIX}{wasm}")).await;
    assert_eq!(res.status, 200, "{res:#?}");
    assert_eq!(one(wasm, &res, "content-encoding"), "gzip", "{res:#?}");
    assert_eq!(one(wasm, &res, "vary"), "Accept-Encoding", "{res:#?}");
    assert_eq!(media_type(wasm, &res), "application/wasm");
    assert_eq!(one(wasm, &res, "cache-control"), IMMUTABLE);
    assert_security_headers("gzip'd wasm", &res);

    // 404s carry the policy; a missing hashed name is not cached for a year.
    for missing in ["no-such-file.js", "gone-0123456789abcdef_bg.wasm"] {
        let res = get(format!("{PREFIX}{missing}")).await;
        assert_eq!(res.status, 404, "{missing}: {res:#?}");
        assert_security_headers(missing, &res);
        assert!(
            all(&res, "cache-control")
                .iter()
                .all(|c| !c.contains("max-age")),
            "{missing}: {res:#?}"
        );
    }

    // The API through the proxy: status, the API's own 404, the generate
    // made first; every answer `no-store`, whatever the API said.
    let path = status_path(&job);
    let res = get(path.clone()).await;
    assert_eq!(res.status, 200, "{path}: {res:#?}");
    assert_eq!(media_type(&path, &res), "application/json");
    assert_api_headers(&path, &res);
    assert!(res.json()["status"].is_string(), "{}", res.body);
    let path = status_path(&e2e::unique("nojob"));
    let res = get(path.clone()).await;
    assert_eq!(res.status, 404, "{path}: {res:#?}");
    assert_eq!(res.json()["code"], "JOB_001", "{}", res.body);
    assert_api_headers(&path, &res);

    // The API builds image URLs from the Host it is handed: nginx's own name
    // and port, never the client's. A forged Host changes nothing.
    let path = status_path(&job);
    let own = format!("http://{}/api/content/images/{job}/", nginx.addr);
    for host in [nginx.addr.to_string(), "evil.example".to_string()] {
        let res = loop {
            let res = get_with_host(&nginx, &path, &host).await;
            if res.json()["status"] != "COMPLETED" {
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
            break res;
        };
        assert_api_headers(&format!("{path} (Host: {host})"), &res);
        let urls = res.json()["imageUrls"].clone();
        for style in ["simple", "fancy", "trendy"] {
            let url = urls[style].as_str().unwrap_or_default();
            assert!(
                url.starts_with(&own),
                "with Host: {host}, the {style} image is {url:?}, not under {own}"
            );
        }
    }
    // …and they reached the content-api.
    let api = env().api;
    assert_eq!(api.generate_requests(&draft).await.len(), 1);
    assert!(api.status_requests(&job).await.len() >= 3);
}

/// An API answer through the proxy: this server's security headers, once,
/// and `Cache-Control: no-store`, once: a shared cache never keeps one
/// owner's answer for another.
fn assert_api_headers(what: &str, res: &Response) {
    assert_security_headers(what, res);
    assert_eq!(one(what, res, "cache-control"), "no-store", "{what}");
}

#[test]
fn the_deploying_page_quotes_the_tested_config_byte_for_byte() {
    let root = e2e::paths::repo_root();
    let doc = std::fs::read_to_string(root.join("docs/deploying.md")).expect("docs/deploying.md");
    for file in e2e::nginx::CONFIG_FILES {
        let path = root.join("deploy/nginx").join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            doc.contains(&format!("```nginx\n{text}```\n")),
            "docs/deploying.md must quote {} as it is (one ```nginx block)",
            path.display()
        );
    }
}

/// The last segment of a `/` path.
fn leaf(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

#[tokio::test]
async fn the_page_through_nginx_under_the_prefix_shows_cards_with_no_csp_violation() {
    let (nginx, _) = start_nginx();
    let origin = nginx.base_url();
    with_page(BUDGET, move |page| async move {
        // A signed-in owner's browser has the session cookie of the origin.
        let file = format!("{origin}{PREFIX}custom-elements.json");
        page.client
            .goto(&file)
            .await
            .unwrap_or_else(|e| panic!("goto {file}: {e}"));
        page.client
            .execute("document.cookie = 'sp_session=owner-session; path=/';", vec![])
            .await
            .expect("setting the session cookie");
        // Only the draft: the page's own generate goes through nginx too.
        let draft = e2e::unique("nginx");
        let url = format!("{origin}{PREFIX}?eventDraftId={draft}");
        page.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("goto {url}: {e}"));
        let (snap, _) = page
            .wait_until("three cards with their images loaded", CARDS, |s| {
                s.is_completed() && s.imgs_loaded == 3
            })
            .await;
        let generated = page.api.generate_requests(&draft).await;
        assert_eq!(generated.len(), 1, "one generate: {generated:?}");
        let job = generated[0].job_id.clone().expect("the generate's job id");
        let mut requests = generated.clone();
        requests.extend(page.api.status_requests(&job).await);
        assert!(
            requests.len() >= 2 && requests.iter().all(|r| r.auth == Auth::Cookie),
            "the page's requests carry the origin's cookies (credentials same-origin): {requests:#?}"
        );
        // The API builds image URLs from Host: they come back through nginx.
        let images = format!("{origin}/api/content/images/{job}/");
        for radio in &snap.radios {
            let src = radio.img_src.as_deref().unwrap_or_default();
            assert!(src.starts_with(&images), "{src} is under {images}");
        }
        // Everything the page loaded came from nginx: the prefix or the API.
        let loaded = page.urls_seen().await;
        assert!(
            loaded.iter().any(|u| u.ends_with("_bg.wasm")),
            "the wasm: {loaded:?}"
        );
        for u in &loaded {
            assert!(
                u.starts_with(&format!("{origin}{PREFIX}"))
                    || u.starts_with(&format!("{origin}/api/content/")),
                "{u} is not from nginx"
            );
        }
        page.assert_no_csp_violations("the page through nginx under the prefix")
            .await;

        // The count can fail: an inline script is refused and counted.
        page.client
            .execute(
                "const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s);",
                vec![],
            )
            .await
            .expect("injecting an inline script");
        tokio::time::sleep(Duration::from_millis(300)).await;
        let seen = page.csp_violations().await;
        assert_eq!(seen.len(), 1, "the inline script is reported: {seen:?}");
        assert!(seen[0].starts_with("script-src"), "{seen:?}");
    })
    .await;
    drop(nginx);
}
