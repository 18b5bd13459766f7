//! Handler tests through the whole router with `tower::ServiceExt::oneshot`,
//! on tokio's paused clock (`tokio::time::advance` moves job time on).

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt as _;
use tokio::sync::watch;
use tower::ServiceExt as _;

use crate::jobs::Timing;
use crate::{app, AppState};

struct Harness {
    app: Router,
    state: AppState,
    _stop: watch::Sender<bool>,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

fn harness_with(dist: PathBuf) -> Harness {
    harness_configured(dist, |_| {})
}

/// A harness whose state `configure` adjusts first (token, prefix, examples).
fn harness_configured(dist: PathBuf, configure: impl FnOnce(&mut AppState)) -> Harness {
    let (stop, stopped) = watch::channel(false);
    let mut state = AppState::new(Timing::default(), dist, "127.0.0.1:9".to_owned(), stopped);
    configure(&mut state);
    Harness {
        app: app(state.clone()),
        state,
        _stop: stop,
    }
}

fn harness() -> Harness {
    harness_with(PathBuf::from("/nonexistent/content-api-dist"))
}

impl Harness {
    async fn send(&self, req: Request<Body>) -> Answer {
        let response = self.app.clone().oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    async fn get(&self, uri: &str) -> Answer {
        let req = Request::get(uri)
            .header(header::HOST, "localhost:8787")
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    /// `method` with `Content-Type: application/json`.
    async fn send_json(&self, method: Method, uri: &str, body: impl Into<Body>) -> Answer {
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.into())
            .unwrap();
        self.send(req).await
    }

    async fn post(&self, uri: &str, body: impl Into<Body>) -> Answer {
        self.send_json(Method::POST, uri, body).await
    }

    async fn generate(&self, draft: &str) -> String {
        let answer = self
            .post(
                "/api/content/images/generate",
                format!(r#"{{"eventDraftId":"{draft}"}}"#),
            )
            .await;
        assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.body);
        let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        json["jobId"].as_str().unwrap().to_owned()
    }

    async fn status(&self, job_id: &str) -> Answer {
        self.get(&format!("/api/content/jobs/{job_id}/status"))
            .await
    }
}

fn content_type(answer: &Answer) -> &str {
    answer.headers[header::CONTENT_TYPE].to_str().unwrap()
}

#[tokio::test(start_paused = true)]
async fn generate_answers_202_with_a_new_pending_job() {
    let h = harness();
    let answer = h
        .post(
            "/api/content/images/generate",
            r#"{"eventDraftId":"draft-1"}"#,
        )
        .await;
    assert_eq!(answer.status, StatusCode::ACCEPTED);
    assert_eq!(content_type(&answer), "application/json");
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    let job_id = json["jobId"].as_str().unwrap();
    assert!(crate::ids::is_valid_id(job_id) && job_id.len() == 36);
    assert_eq!(
        answer.body,
        format!(r#"{{"jobId":"{job_id}","status":"PENDING"}}"#)
    );
}

#[tokio::test(start_paused = true)]
async fn status_bodies_are_the_seeds_over_the_jobs_life() {
    let h = harness();
    let id = h.generate("draft-1").await;
    let answer = h.status(&id).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(content_type(&answer), "application/json");
    assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(
        answer.body,
        format!(r#"{{"jobId":"{id}","status":"PENDING"}}"#)
    );

    tokio::time::advance(Duration::from_millis(2000)).await;
    assert_eq!(
        h.status(&id).await.body,
        format!(r#"{{"jobId":"{id}","status":"PROCESSING","message":"이미지 생성 중입니다"}}"#)
    );

    tokio::time::advance(Duration::from_millis(4000)).await;
    let base = format!("http://localhost:8787/api/content/images/{id}");
    assert_eq!(
        h.status(&id).await.body,
        format!(
            r#"{{"jobId":"{id}","status":"COMPLETED","imageUrls":{{"simple":"{base}/simple.svg","fancy":"{base}/fancy.svg","trendy":"{base}/trendy.svg"}}}}"#
        )
    );

    tokio::time::advance(Duration::from_secs(3600)).await;
    let answer = h.status(&id).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND, "expired after 1 h");
}

#[tokio::test(start_paused = true)]
async fn failed_body_is_the_seeds() {
    let h = harness();
    let id = h.generate("fail-1").await;
    tokio::time::advance(Duration::from_millis(3000)).await;
    let answer = h.status(&id).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.body,
        format!(
            r#"{{"jobId":"{id}","status":"FAILED","error":"이미지 생성 실패","message":"다시 시도해주세요"}}"#
        )
    );
}

#[tokio::test(start_paused = true)]
async fn unknown_and_gone_jobs_answer_job_001() {
    let h = harness();
    let gone = h.generate("gone-demo").await;
    for id in ["job_00000000000000000000000000000000", gone.as_str()] {
        let answer = h.status(id).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
        assert_eq!(content_type(&answer), "application/json");
        assert_eq!(
            answer.body,
            r#"{"code":"JOB_001","message":"Job을 찾을 수 없습니다"}"#
        );
    }
}

#[tokio::test(start_paused = true)]
async fn input_is_checked() {
    let h = harness();
    for body in [
        "not json",
        r#"{"eventDraftId":42}"#,
        "{}",
        r#"{"eventDraftId":""}"#,
    ] {
        let answer = h.post("/api/content/images/generate", body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(json["code"], "CONTENT_400");
        assert!(json["message"].is_string());
    }
    let long = "x".repeat(129);
    let answer = h
        .post(
            "/api/content/images/generate",
            format!(r#"{{"eventDraftId":"{long}"}}"#),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let answer = h
        .post(
            "/api/content/images/generate",
            r#"{"eventDraftId":"<script>"}"#,
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);

    let answer = h.get("/api/content/jobs/a%20b/status").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.contains(r#""code":"CONTENT_400""#));
    let answer = h.get(&format!("/api/content/jobs/{long}/status")).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(start_paused = true)]
async fn big_bodies_answer_413() {
    let h = harness();
    let big = format!(r#"{{"eventDraftId":"a","pad":"{}"}}"#, "x".repeat(10_000));
    let answer = h.post("/api/content/images/generate", big).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.body.contains(r#""code":"CONTENT_413""#));
}

#[tokio::test(start_paused = true)]
async fn other_api_paths_and_methods_answer_in_the_error_shape() {
    let h = harness();
    let answer = h.get("/api/nope").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.body.contains(r#""code":"CONTENT_404""#));
    let answer = h.get("/api/content/images/generate").await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(answer.body.contains(r#""code":"CONTENT_405""#));
    let answer = h.post("/api/content/jobs/job_1/status", "").await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test(start_paused = true)]
async fn flaky_busy_and_garbage_answer_before_recovering() {
    let h = harness();
    let flaky = h.generate("flaky-1").await;
    let first = h.status(&flaky).await;
    assert_eq!(first.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        first.body,
        r#"{"code":"CONTENT_500","message":"일시적인 서버 오류입니다"}"#
    );
    assert_eq!(h.status(&flaky).await.status, StatusCode::BAD_GATEWAY);
    assert_eq!(h.status(&flaky).await.status, StatusCode::OK);

    let busy = h.generate("busy").await;
    let first = h.status(&busy).await;
    assert_eq!(first.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(first.headers[header::RETRY_AFTER], "5");
    assert!(first.body.contains(r#""code":"CONTENT_503""#));
    let second = h.status(&busy).await;
    assert_eq!(second.status, StatusCode::TOO_MANY_REQUESTS);
    let date = second.headers[header::RETRY_AFTER].to_str().unwrap();
    assert!(date.ends_with(" GMT") && date.len() == 29, "{date}");
    let when = httpdate::parse_http_date(date).unwrap();
    let ahead = when.duration_since(SystemTime::now()).unwrap_or_default();
    assert!(ahead > Duration::from_secs(2) && ahead <= Duration::from_secs(4));
    assert_eq!(h.status(&busy).await.status, StatusCode::OK);

    let garbage = h.generate("garbage-x").await;
    for _ in 0..2 {
        let answer = h.status(&garbage).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(content_type(&answer), "text/html; charset=utf-8");
        assert_eq!(answer.body, "<html><body>Bad gateway</body></html>");
    }
    assert!(h.status(&garbage).await.body.starts_with('{'));
}

#[tokio::test(start_paused = true)]
async fn xss_badurl_never_and_slow35() {
    let h = harness();
    let xss = h.generate("xss-demo").await;
    let never = h.generate("never-demo").await;
    let slow35 = h.generate("slow35-demo").await;
    let badurl = h.generate("badurl-demo").await;
    tokio::time::advance(Duration::from_millis(2000)).await;
    let json: serde_json::Value = serde_json::from_str(&h.status(&xss).await.body).unwrap();
    assert_eq!(json["message"], "<img src=x onerror=alert(1)><b>bold</b>");

    tokio::time::advance(Duration::from_millis(28_000)).await;
    assert!(h.status(&never).await.body.contains("PROCESSING"));
    assert!(h.status(&slow35).await.body.contains("PROCESSING"));
    let json: serde_json::Value = serde_json::from_str(&h.status(&badurl).await.body).unwrap();
    assert_eq!(json["imageUrls"]["fancy"], "javascript:alert(1)");
    assert_eq!(json["imageUrls"]["trendy"], "http://example.invalid/x.png");
    assert_eq!(
        json["imageUrls"]["simple"],
        format!("http://localhost:8787/api/content/images/{badurl}/simple.svg")
    );

    tokio::time::advance(Duration::from_millis(5000)).await;
    assert!(h.status(&slow35).await.body.contains("COMPLETED"));
    assert!(h.status(&never).await.body.contains("PROCESSING"));
}

#[tokio::test(start_paused = true)]
async fn slow_answers_after_a_delay_and_logs_it() {
    let h = harness();
    let id = h.generate("slow-1").await;
    let before = tokio::time::Instant::now();
    let answer = h.status(&id).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(before.elapsed() >= Duration::from_millis(1500));
    let entry = &h.state.log.entries(Some(&id))[1];
    let took = entry.finished_ms.unwrap() - entry.received_ms;
    assert!(took >= 1500.0, "{took}");
}

#[tokio::test(start_paused = true)]
async fn hang_is_logged_aborted_when_the_client_goes_away() {
    let h = harness();
    let id = h.generate("hang-1").await;
    let request = h.status(&id);
    let dropped = tokio::time::timeout(Duration::from_secs(1), request).await;
    assert!(dropped.is_err(), "no answer");
    let entries = h.state.log.entries(Some(&id));
    assert_eq!(entries.len(), 2);
    let status = &entries[1];
    assert_eq!(status.outcome, crate::log::Outcome::Aborted);
    assert_eq!(status.status, None);
    assert_eq!(status.event_draft_id.as_deref(), Some("hang-1"));
    let held = status.finished_ms.unwrap() - status.received_ms;
    assert!((999.0..1100.0).contains(&held), "{held}");

    // Left alone, it gives up after 10 minutes.
    let answer = h.status(&id).await;
    assert_eq!(answer.status, StatusCode::GATEWAY_TIMEOUT);
}

#[tokio::test(start_paused = true)]
async fn images_are_served_until_their_ttl() {
    let h = harness();
    let id = h.generate("draft-img").await;
    let uri = format!("/api/content/images/{id}/fancy.svg");
    let early = h.get(&uri).await;
    assert_eq!(early.status, StatusCode::NOT_FOUND);
    assert!(early.body.contains("IMAGE_001"));

    tokio::time::advance(Duration::from_secs(6)).await;
    let answer = h.get(&uri).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(content_type(&answer), "image/svg+xml");
    assert!(answer.headers[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .starts_with("public, max-age=604800"));
    assert!(answer.body.starts_with("<svg"));
    assert_eq!(
        h.get(&format!("/api/content/images/{id}/other.svg"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    tokio::time::advance(Duration::from_secs(7 * 24 * 3600)).await;
    assert_eq!(h.get(&uri).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test(start_paused = true)]
async fn the_log_records_api_requests_and_resets() {
    let h = harness();
    let id = h.generate("draft-log").await;
    h.status(&id).await;
    h.status("job_unknown").await;
    h.get("/__log").await; // not logged itself

    let answer = h.get("/__log").await;
    assert_eq!(answer.status, StatusCode::OK);
    let log: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["method"], "POST");
    assert_eq!(log[0]["path"], "/api/content/images/generate");
    assert_eq!(log[0]["jobId"], id.as_str());
    assert_eq!(log[0]["eventDraftId"], "draft-log");
    assert_eq!(log[0]["status"], 202);
    assert_eq!(log[0]["outcome"], "answered");
    assert_eq!(log[1]["path"], format!("/api/content/jobs/{id}/status"));
    assert_eq!(log[1]["eventDraftId"], "draft-log");
    assert_eq!(log[2]["status"], 404);
    assert_eq!(log[2]["eventDraftId"], serde_json::Value::Null);
    assert!(log[1]["seq"].as_u64().unwrap() > log[0]["seq"].as_u64().unwrap());
    assert!(log[1]["finishedMs"].as_f64().unwrap() >= log[1]["receivedMs"].as_f64().unwrap());

    let one: serde_json::Value =
        serde_json::from_str(&h.get(&format!("/__log?jobId={id}")).await.body).unwrap();
    assert_eq!(one.as_array().unwrap().len(), 2);

    let reset = h
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/__reset")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT);
    assert_eq!(h.get("/__log").await.body, "[]");
}

#[tokio::test(start_paused = true)]
async fn without_a_dist_dir_the_root_says_to_build() {
    let h = harness();
    let answer = h.get("/").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(content_type(&answer).starts_with("text/plain"));
    assert!(answer.body.contains("not built"));
    assert_eq!(h.get("/app.js").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn serves_the_page_with_content_types_and_compression() {
    let dir = std::env::temp_dir().join(format!("content-api-test-{}", crate::ids::new_job_id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = "<!doctype html><title>style-picker</title>".repeat(10);
    std::fs::write(dir.join("index.html"), &page).unwrap();
    std::fs::write(dir.join("app.js"), "export function run() {}\n".repeat(20)).unwrap();
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(0u8, 4096));
    std::fs::write(dir.join("app_bg.wasm"), &wasm).unwrap();
    let h = harness_with(dir.clone());

    let root = h.get("/?eventDraftId=draft-demo").await;
    assert_eq!(root.status, StatusCode::OK);
    assert_eq!(content_type(&root), "text/html; charset=utf-8");
    assert_eq!(root.body, page);
    assert_eq!(
        content_type(&h.get("/app.js").await),
        "text/javascript; charset=utf-8"
    );
    let wasm_plain = h.get("/app_bg.wasm").await;
    assert_eq!(content_type(&wasm_plain), "application/wasm");

    for (encoding, expected) in [("br", "br"), ("gzip", "gzip")] {
        let req = Request::get("/app_bg.wasm")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let response = h.app.clone().oneshot(req).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(response.headers()[header::CONTENT_ENCODING], expected);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert!(body.len() < wasm.len() / 4, "compressed");
    }
    assert_eq!(h.get("/missing.js").await.status, StatusCode::NOT_FOUND);
    std::fs::remove_dir_all(dir).unwrap();
}

fn harness_gated(token: &str) -> Harness {
    harness_configured(PathBuf::from("/nonexistent/content-api-dist"), |state| {
        state.require_token = Some(token.to_owned());
    })
}

#[tokio::test(start_paused = true)]
async fn a_required_token_gates_the_api_and_the_log_says_what_came() {
    let h = harness_gated("demo-token");
    let refused = h
        .post(
            "/api/content/images/generate",
            r#"{"eventDraftId":"draft-1"}"#,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.body.contains("AUTH_001"), "{}", refused.body);
    let status = h.get("/api/content/jobs/job_1/status").await;
    assert_eq!(status.status, StatusCode::UNAUTHORIZED);

    for (name, value) in [
        (header::AUTHORIZATION, "Bearer demo-token"),
        (header::COOKIE, "sp_session=demo-token"),
    ] {
        let req = Request::post("/api/content/images/generate")
            .header(header::CONTENT_TYPE, "application/json")
            .header(name.clone(), value)
            .body(Body::from(r#"{"eventDraftId":"draft-1"}"#))
            .unwrap();
        assert_eq!(h.send(req).await.status, StatusCode::ACCEPTED, "{name}");
    }
    let wrong = Request::get("/api/content/jobs/job_1/status")
        .header(header::AUTHORIZATION, "Bearer nope")
        .body(Body::empty())
        .unwrap();
    assert_eq!(h.send(wrong).await.status, StatusCode::UNAUTHORIZED);

    let log = h.get("/__log").await;
    assert!(
        !log.body.contains("demo-token"),
        "the token never reaches the log"
    );
    let entries: serde_json::Value = serde_json::from_str(&log.body).unwrap();
    let auth: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["auth"].as_str().unwrap())
        .collect();
    assert_eq!(auth, ["none", "none", "bearer", "cookie", "bearer"]);
}

#[tokio::test(start_paused = true)]
async fn the_denied_scenario_answers_403() {
    let h = harness();
    let job = h.generate("denied-1").await;
    let answer = h.get(&format!("/api/content/jobs/{job}/status")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.body.contains("AUTH_003"));
}

#[tokio::test]
async fn serves_like_a_cdn_at_root_under_a_prefix_and_the_examples() {
    let root = std::env::temp_dir().join(format!("content-api-cdn-{}", crate::ids::new_job_id()));
    let (dist, examples) = (root.join("dist"), root.join("examples"));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::create_dir_all(&examples).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>page</title>",
    )
    .unwrap();
    std::fs::write(dist.join("style-picker.js"), "export {};").unwrap();
    std::fs::write(dist.join("style-picker-0123456789abcdef.js"), "export {};").unwrap();
    std::fs::write(
        examples.join("host.html"),
        "<!doctype html><title>host</title>",
    )
    .unwrap();
    let h = harness_configured(dist, |state| {
        state.prefix = Some("/shop/style-picker/".to_owned());
        state.examples = examples;
    });

    for base in ["", "/shop/style-picker"] {
        let page = h.get(&format!("{base}/")).await;
        assert_eq!(page.status, StatusCode::OK, "{base}/");
        assert_eq!(page.body, "<!doctype html><title>page</title>");
        let csp = page.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'"));
        assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(page.headers.contains_key(header::REFERRER_POLICY));
        assert_eq!(page.headers[header::CACHE_CONTROL], "no-cache");
        let loader = h.get(&format!("{base}/style-picker.js")).await;
        assert_eq!(loader.headers[header::CACHE_CONTROL], "no-cache");
        let hashed = h
            .get(&format!("{base}/style-picker-0123456789abcdef.js"))
            .await;
        assert_eq!(
            hashed.headers[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        let host = h.get(&format!("{base}/examples/host.html")).await;
        assert_eq!(host.status, StatusCode::OK);
        assert_eq!(host.body, "<!doctype html><title>host</title>");
    }
    let bare = h.get("/shop/style-picker").await;
    assert_eq!(bare.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(bare.headers[header::LOCATION], "/shop/style-picker/");
    assert_eq!(h.get("/shop/other/").await.status, StatusCode::NOT_FOUND);
    std::fs::remove_dir_all(root).unwrap();
}

#[tokio::test]
async fn serves_the_built_react_example_not_its_sources() {
    let root = std::env::temp_dir().join(format!("content-api-react-{}", crate::ids::new_job_id()));
    let (dist, examples) = (root.join("dist"), root.join("examples"));
    let react = examples.join("react-host");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::create_dir_all(react.join("dist/assets")).unwrap();
    std::fs::create_dir_all(react.join("src")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>page</title>",
    )
    .unwrap();
    std::fs::write(react.join("index.html"), "the sources' index.html").unwrap();
    std::fs::write(react.join("src/App.tsx"), "export {};").unwrap();
    std::fs::write(
        react.join("dist/index.html"),
        "<!doctype html><title>react</title>",
    )
    .unwrap();
    std::fs::write(react.join("dist/assets/index-BaLAb52m.js"), "export {};").unwrap();
    let h = harness_configured(dist, |state| {
        state.prefix = Some("/shop/style-picker/".to_owned());
        state.examples = examples;
    });

    for base in ["", "/shop/style-picker"] {
        let page = h.get(&format!("{base}/examples/react-host/")).await;
        assert_eq!(page.status, StatusCode::OK, "{base}");
        assert_eq!(page.body, "<!doctype html><title>react</title>");
        assert_eq!(content_type(&page), "text/html; charset=utf-8");
        let csp = page.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'"));
        let js = h
            .get(&format!(
                "{base}/examples/react-host/assets/index-BaLAb52m.js"
            ))
            .await;
        assert_eq!(js.status, StatusCode::OK);
        assert_eq!(content_type(&js), "text/javascript; charset=utf-8");
        let source = h
            .get(&format!("{base}/examples/react-host/src/App.tsx"))
            .await;
        assert_eq!(
            source.status,
            StatusCode::NOT_FOUND,
            "sources are not served"
        );
        let bare = h
            .get(&format!("{base}/examples/react-host?draft=d-1"))
            .await;
        assert_eq!(bare.status, StatusCode::PERMANENT_REDIRECT);
        assert_eq!(
            bare.headers[header::LOCATION],
            format!("{base}/examples/react-host/?draft=d-1").as_str()
        );
    }
    // Other example folders are served as they are.
    let other = h.get("/examples/react-hostile/").await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    std::fs::remove_dir_all(root).unwrap();
}

/// The example hosts' session endpoint: the owner's token for browser code,
/// never cached, beside the examples (so under the prefix too); the
/// browser's session cookie wins over the demo owner's token.
#[tokio::test]
async fn the_examples_session_endpoint_answers_the_owners_token() {
    let h = harness_configured(PathBuf::from("/nonexistent/content-api-dist"), |state| {
        state.prefix = Some("/shop/style-picker/".to_owned());
        state.require_token = Some("demo-token-7".to_owned());
    });
    for base in ["", "/shop/style-picker"] {
        let session = h.get(&format!("{base}/examples/api/session")).await;
        assert_eq!(session.status, StatusCode::OK, "{base}");
        assert_eq!(content_type(&session), "application/json");
        assert_eq!(session.headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(session.body, r#"{"token":"demo-token-7"}"#);
    }
    let req = Request::get("/examples/api/session")
        .header(header::COOKIE, "a=1; sp_session=expired-token")
        .body(Body::empty())
        .unwrap();
    assert_eq!(h.send(req).await.body, r#"{"token":"expired-token"}"#);
    let post = h.post("/examples/api/session", "{}").await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        h.state.log.entries(None).is_empty(),
        "not an API request: not in the log"
    );

    let open = harness();
    let session = open.get("/examples/api/session").await;
    assert_eq!(
        session.body, r#"{"token":"demo-token"}"#,
        "no token required"
    );
}

// ---- The editor's save: PUT /api/content/{eventDraftId}/select ----

/// A save body the contract accepts, for `job_id`'s fancy image.
fn save_body(job_id: &str) -> serde_json::Value {
    serde_json::json!({
        "jobId": job_id,
        "style": "fancy",
        "selectedImageUrl": format!("http://localhost:8787/api/content/images/{job_id}/fancy.svg"),
        "editedContent": {
            "title": "봄맞이 세일",
            "prize": "커피 쿠폰",
            "guide": "댓글로 참여해 주세요",
            "backgroundColor": "#ffffff",
            "textColor": "#1a2b3c",
            "accentColor": "#e4572e"
        }
    })
}

fn select_path(draft: &str) -> String {
    format!("/api/content/{draft}/select")
}

impl Harness {
    async fn put(&self, uri: &str, body: impl Into<Body>) -> Answer {
        self.send_json(Method::PUT, uri, body).await
    }

    /// A job for `draft`, run to COMPLETED (its status polled once, answered 200).
    async fn completed(&self, draft: &str) -> String {
        let job = self.generate(draft).await;
        tokio::time::advance(Timing::default().job_duration).await;
        let status = self.status(&job).await;
        assert_eq!(status.status, StatusCode::OK, "{}", status.body);
        assert!(status.body.contains("COMPLETED"), "{}", status.body);
        job
    }

    async fn save(&self, draft: &str, body: &serde_json::Value) -> Answer {
        self.put(&select_path(draft), body.to_string()).await
    }

    /// `GET /__selection/{draft}` as JSON (`null` when it answers 404).
    async fn saved(&self, draft: &str) -> serde_json::Value {
        let answer = self.get(&format!("/__selection/{draft}")).await;
        match answer.status {
            StatusCode::OK => serde_json::from_str(&answer.body).unwrap(),
            StatusCode::NOT_FOUND => serde_json::Value::Null,
            other => panic!("/__selection answered {other}: {}", answer.body),
        }
    }
}

fn json(answer: &Answer) -> serde_json::Value {
    serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", answer.body))
}

#[tokio::test(start_paused = true)]
async fn a_save_is_kept_logged_and_read_back() {
    let h = harness();
    let job = h.completed("draft-save").await;
    let body = save_body(&job);
    let answer = h.save("draft-save", &body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body, r#"{"eventDraftId":"draft-save","saved":true}"#);
    assert_eq!(content_type(&answer), "application/json");
    assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");

    let saved = h.saved("draft-save").await;
    assert_eq!(saved["eventDraftId"], "draft-save");
    assert_eq!(saved["jobId"], job.as_str());
    assert_eq!(saved["style"], "fancy");
    assert_eq!(saved["selectedImageUrl"], body["selectedImageUrl"]);
    assert_eq!(saved["editedContent"], body["editedContent"]);
    assert_eq!(saved["nthSave"], 1);

    let mut again = body.clone();
    again["style"] = "trendy".into();
    again["editedContent"]["title"] = "  여름 세일  ".into();
    assert_eq!(h.save("draft-save", &again).await.status, StatusCode::OK);
    let saved = h.saved("draft-save").await;
    assert_eq!(saved["style"], "trendy");
    assert_eq!(
        saved["editedContent"]["title"], "  여름 세일  ",
        "kept as sent"
    );
    assert_eq!(saved["nthSave"], 2);

    let log = json(&h.get(&format!("/__log?jobId={job}")).await);
    let puts: Vec<&serde_json::Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["method"] == "PUT")
        .collect();
    assert_eq!(puts.len(), 2);
    assert_eq!(puts[0]["path"], "/api/content/draft-save/select");
    assert_eq!(puts[0]["eventDraftId"], "draft-save");
    assert_eq!(puts[0]["status"], 200);
    assert_eq!(puts[0]["outcome"], "answered");
    assert_eq!(puts[0]["body"], body.to_string());
    assert_eq!(puts[1]["body"], again.to_string());
    assert_eq!(saved["seq"], puts[1]["seq"]);
    assert!(saved["savedMs"].as_f64().unwrap() >= puts[1]["receivedMs"].as_f64().unwrap());
    assert!(puts[1]["receivedMs"].as_f64().unwrap() >= puts[0]["finishedMs"].as_f64().unwrap());
    let generate = &log.as_array().unwrap()[0];
    assert_eq!(generate["method"], "POST");
    assert!(generate.get("body").is_none(), "only saves carry a body");

    let none = h.get("/__selection/draft-never-saved").await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    assert!(none.body.contains(r#""code":"SELECTION_001""#));
}

#[tokio::test(start_paused = true)]
async fn save_bounds_are_the_contracts() {
    let h = harness();
    type Edit = fn(&mut serde_json::Value);
    let edited = |field: &str, value: String| {
        let mut body = save_body("job_1");
        body["editedContent"][field] = value.into();
        body
    };
    // Characters, never bytes: 40 Hangul (120 bytes) or emoji (160 bytes) fit.
    for ok in [
        edited("title", "가".repeat(40)),
        edited("title", "😀".repeat(40)),
        edited("title", format!(" {} ", "a".repeat(40))),
        edited("prize", "가".repeat(80)),
        edited("prize", String::new()),
        edited("guide", "😀".repeat(80)),
        edited("guide", "   ".into()),
    ] {
        let answer = h.save("draft-bounds", &ok).await;
        assert_eq!(answer.status, StatusCode::OK, "{ok}: {}", answer.body);
    }
    let title = "제목은 1자 이상 40자 이하로 적어 주세요.";
    let mut refused: Vec<(serde_json::Value, String)> = vec![
        (edited("title", "가".repeat(41)), title.into()),
        (edited("title", "😀".repeat(41)), title.into()),
        (edited("title", String::new()), title.into()),
        (edited("title", " \t ".into()), title.into()),
        (
            edited("prize", "가".repeat(81)),
            "경품은 80자 이하로 적어 주세요.".into(),
        ),
        (
            edited("guide", "a".repeat(81)),
            "참여 방법은 80자 이하로 적어 주세요.".into(),
        ),
    ];
    for (field, label) in [
        ("backgroundColor", "배경색"),
        ("textColor", "글자색"),
        ("accentColor", "강조색"),
    ] {
        for bad in ["#ABCDEF", "#abc"] {
            refused.push((
                edited(field, bad.into()),
                format!("{label}은 #1a2b3c처럼 #과 소문자 여섯 자리 색상 코드로 정해 주세요."),
            ));
        }
    }
    let edits: [(Edit, &str); 6] = [
        (
            |b| b["style"] = "basic".into(),
            "스타일은 심플, 화려한, 트렌디 중 하나로 골라 주세요.",
        ),
        (
            |b| b["jobId"] = "a/b".into(),
            "이미지 작업 정보(jobId)가 올바르지 않아요. 이미지를 다시 만들어 주세요.",
        ),
        (
            |b| b["selectedImageUrl"] = "javascript:alert(1)".into(),
            "선택한 이미지 주소(selectedImageUrl)가 올바르지 않아요. 스타일을 다시 골라 주세요.",
        ),
        (
            |b| {
                b.as_object_mut().unwrap().remove("selectedImageUrl");
            },
            "선택한 이미지 주소(selectedImageUrl) 항목이 빠졌어요. 다시 저장해 주세요.",
        ),
        (
            |b| {
                b["editedContent"].as_object_mut().unwrap().remove("guide");
            },
            "참여 방법 항목이 빠졌어요. 다시 저장해 주세요.",
        ),
        (
            |b| {
                b.as_object_mut().unwrap().remove("editedContent");
            },
            "편집한 내용(editedContent) 항목이 빠졌어요. 다시 저장해 주세요.",
        ),
    ];
    for (edit, message) in edits {
        let mut body = save_body("job_1");
        edit(&mut body);
        refused.push((body, message.into()));
    }
    h.save("draft-refused", &save_body("job_ok")).await;
    let refused_with_job_1 = refused
        .iter()
        .filter(|(body, _)| body["jobId"] == "job_1")
        .count();
    for (body, message) in refused {
        let answer = h.save("draft-refused", &body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(
            json(&answer),
            serde_json::json!({ "code": "CONTENT_400", "message": message }),
            "{body}"
        );
    }
    let saved = h.saved("draft-refused").await;
    assert_eq!(saved["jobId"], "job_ok", "a refused save keeps nothing");
    assert_eq!(saved["nthSave"], 1, "refused saves are not counted");
    // Refused saves are in the log under the body's jobId, with their bodies.
    let log = json(&h.get("/__log?jobId=job_1").await);
    let refused_log: Vec<&serde_json::Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["status"] == 400)
        .collect();
    assert_eq!(refused_log.len(), refused_with_job_1);
    assert!(refused_log
        .iter()
        .all(|e| e["eventDraftId"] == "draft-refused" && e["body"].is_string()));
}

#[tokio::test(start_paused = true)]
async fn a_save_must_be_json_to_a_valid_draft() {
    let h = harness();
    let valid = save_body("job_1").to_string();
    let not_json = "저장할 내용을 읽을 수 없어요. 다시 저장해 주세요.";
    for body in ["not json", "", "[]", r#""x""#, "{"] {
        let answer = h.put(&select_path("draft-1"), body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body:?}");
        assert_eq!(json(&answer)["message"], not_json, "{body:?}");
    }
    let content_type = "저장 요청의 형식(Content-Type)은 application/json이어야 해요.";
    for value in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut req = Request::put(select_path("draft-1"));
        if let Some(value) = value {
            req = req.header(header::CONTENT_TYPE, value);
        }
        let answer = h.send(req.body(Body::from(valid.clone())).unwrap()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{value:?}");
        assert_eq!(json(&answer)["code"], "CONTENT_400");
        assert_eq!(json(&answer)["message"], content_type, "{value:?}");
    }
    let charset = Request::put(select_path("draft-1"))
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Body::from(valid.clone()))
        .unwrap();
    assert_eq!(h.send(charset).await.status, StatusCode::OK);

    let long = "x".repeat(129);
    for draft in ["a%20b", "%EC%9E%A1", long.as_str()] {
        let answer = h.put(&select_path(draft), valid.clone()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{draft}");
        assert_eq!(
            json(&answer)["message"],
            "이벤트 정보(eventDraftId)가 올바르지 않아요. 이벤트 만들기 화면에서 다시 열어 주세요."
        );
    }
    let mut extra = save_body("job_1");
    extra["unknown"] = 1.into();
    extra["editedContent"]["font"] = "serif".into();
    assert_eq!(h.save("draft-1", &extra).await.status, StatusCode::OK);

    let big = h
        .put(
            &select_path("draft-1"),
            "x".repeat(crate::routes::MAX_BODY_BYTES + 1),
        )
        .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        h.get(&select_path("draft-1")).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );

    let log = json(&h.get("/__log").await);
    let first = &log.as_array().unwrap()[0];
    assert_eq!(first["body"], "not json", "refused bodies are logged too");
    assert_eq!(first["status"], 400);
}

#[tokio::test(start_paused = true)]
async fn a_required_token_gates_the_save() {
    let h = harness_gated("demo-token");
    let body = save_body("job_1").to_string();
    let refused = h.put(&select_path("draft-1"), body.clone()).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.body.contains("AUTH_001"));
    for (name, value) in [
        (header::AUTHORIZATION, "Bearer demo-token"),
        (header::COOKIE, "sp_session=demo-token"),
    ] {
        let req = Request::put(select_path("draft-1"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(name.clone(), value)
            .body(Body::from(body.clone()))
            .unwrap();
        assert_eq!(h.send(req).await.status, StatusCode::OK, "{name}");
    }
    assert_eq!(h.saved("draft-1").await["nthSave"], 2);
    let log = json(&h.get("/__log").await);
    let auth: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["auth"].as_str().unwrap())
        .collect();
    assert_eq!(auth, ["none", "bearer", "cookie"]);
}

#[tokio::test(start_paused = true)]
async fn savefail_and_savebad_refuse_the_first_save_only() {
    let h = harness();
    let job = h.completed("savefail-1").await;
    let body = save_body(&job);
    let first = h.save("savefail-1", &body).await;
    assert_eq!(first.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        first.body,
        r#"{"code":"CONTENT_503","message":"일시적인 서버 오류입니다"}"#
    );
    assert!(h.saved("savefail-1").await.is_null());
    assert_eq!(h.save("savefail-1", &body).await.status, StatusCode::OK);
    assert_eq!(h.saved("savefail-1").await["nthSave"], 2);

    let first = h.save("savebad-1", &body).await;
    assert_eq!(first.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        first.body,
        r#"{"code":"CONTENT_400","message":"경품 정보에 쓸 수 없는 단어가 있어요."}"#
    );
    assert!(h.saved("savebad-1").await.is_null());
    assert_eq!(h.save("savebad-1", &body).await.status, StatusCode::OK);
    assert_eq!(h.save("savebad-1", &body).await.status, StatusCode::OK);
}

#[tokio::test(start_paused = true)]
async fn saveauth_refuses_every_save_but_polls_normally() {
    let h = harness();
    let job = h.completed("saveauth-1").await;
    for _ in 0..3 {
        let answer = h.save("saveauth-1", &save_body(&job)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(json(&answer)["code"], "AUTH_001");
    }
    assert!(h.saved("saveauth-1").await.is_null());
}

#[tokio::test(start_paused = true)]
async fn saveslow_holds_the_first_answer_20_s() {
    let h = harness();
    let body = save_body("job_1");
    let before = tokio::time::Instant::now();
    let first = h.save("saveslow-1", &body).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(before.elapsed() >= Duration::from_secs(20));
    let before = tokio::time::Instant::now();
    assert_eq!(h.save("saveslow-1", &body).await.status, StatusCode::OK);
    assert!(
        before.elapsed() < Duration::from_millis(10),
        "later saves at once"
    );

    let log = json(&h.get("/__log").await);
    let held = &log.as_array().unwrap()[0];
    let took = held["finishedMs"].as_f64().unwrap() - held["receivedMs"].as_f64().unwrap();
    assert!((20_000.0..20_100.0).contains(&took), "{took}");
}

#[tokio::test(start_paused = true)]
async fn saveslow_given_up_keeps_nothing_and_never_overwrites_a_later_save() {
    let h = harness();
    // The page gives up at 15 s: the held save is aborted and keeps nothing.
    let given_up = tokio::time::timeout(
        Duration::from_secs(15),
        h.save("saveslow-2", &save_body("job_1")),
    )
    .await;
    assert!(given_up.is_err(), "no answer within 15 s");
    assert!(h.saved("saveslow-2").await.is_null());
    let log = json(&h.get("/__log").await);
    let aborted = &log.as_array().unwrap()[0];
    assert_eq!(aborted["outcome"], "aborted");
    assert_eq!(aborted["status"], serde_json::Value::Null);
    assert_eq!(aborted["eventDraftId"], "saveslow-2");
    assert!(aborted["body"].as_str().unwrap().contains("봄맞이 세일"));
    assert_eq!(
        h.save("saveslow-2", &save_body("job_1")).await.status,
        StatusCode::OK
    );

    // A client that waits: the held answer comes after a later save and
    // does not overwrite it.
    let mut older = save_body("job_1");
    older["editedContent"]["title"] = "먼저 보낸 제목".into();
    let held = {
        let app = h.app.clone();
        let req = Request::put(select_path("saveslow-3"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(older.to_string()))
            .unwrap();
        tokio::spawn(async move { app.oneshot(req).await.unwrap().status() })
    };
    tokio::time::sleep(Duration::from_millis(10)).await;
    let mut newer = save_body("job_1");
    newer["editedContent"]["title"] = "나중에 보낸 제목".into();
    assert_eq!(h.save("saveslow-3", &newer).await.status, StatusCode::OK);
    assert_eq!(held.await.unwrap(), StatusCode::OK);
    let saved = h.saved("saveslow-3").await;
    assert_eq!(saved["editedContent"]["title"], "나중에 보낸 제목");
    assert_eq!(saved["nthSave"], 2);
}
