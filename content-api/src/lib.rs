//! A local Content Service for style-picker development and end-to-end tests.
//!
//! It speaks the seed's wire format (`POST /api/content/images/generate`,
//! `GET /api/content/jobs/{jobId}/status`) and the editor's save
//! (`PUT /api/content/{eventDraftId}/select`, [`selection`]), draws three SVG
//! images per draft, plays test scenarios picked by the `eventDraftId`
//! ([`scenario`]), logs every API request for tests (`GET /__log`,
//! `POST /__reset`), keeps the last saved selection per draft
//! (`GET /__selection/{eventDraftId}`), serves the built page at `/` and the
//! example host pages at `examples/`, with their session endpoint
//! ([`session`]).

#![warn(missing_docs)]

pub mod art;
pub mod auth;
pub mod config;
pub mod error;
pub mod ids;
pub mod jobs;
pub mod log;
pub mod routes;
pub mod scenario;
pub mod selection;
pub mod session;
pub mod static_files;

#[cfg(test)]
mod http_tests;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{any, get, post, put};
use axum::serve::ListenerExt as _;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::time::Instant;
use tower_http::compression::CompressionLayer;

use crate::jobs::{JobStore, Timing};
use crate::log::RequestLog;
use crate::selection::SelectionStore;

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Jobs and images.
    pub jobs: Arc<JobStore>,
    /// The request log.
    pub log: Arc<RequestLog>,
    /// The last saved selection per draft.
    pub selections: Arc<SelectionStore>,
    /// The built page's directory.
    pub dist: PathBuf,
    /// `host:port` for image URLs when the request has no usable `Host`.
    pub fallback_host: String,
    /// Turns `true` when the server shuts down (ends held requests).
    pub shutdown: watch::Receiver<bool>,
    /// The token the API requires (`--require-token`), if any.
    pub require_token: Option<String>,
    /// A second place the page is served (`--prefix`), `/…/`.
    pub prefix: Option<String>,
    /// Example host pages, served at `examples/` beside the page.
    pub examples: PathBuf,
    /// The CSP `frame-ancestors` sources.
    pub frame_ancestors: String,
}

impl AppState {
    /// A fresh state; the log's clock starts now.
    pub fn new(
        timing: Timing,
        dist: PathBuf,
        fallback_host: String,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        AppState {
            jobs: Arc::new(JobStore::new(timing)),
            log: Arc::new(RequestLog::new(Instant::now())),
            selections: Arc::new(SelectionStore::new()),
            dist,
            fallback_host,
            shutdown,
            require_token: None,
            prefix: None,
            examples: PathBuf::from("examples"),
            frame_ancestors: "'self'".to_owned(),
        }
    }
}

/// The whole application: API (logged), test endpoints, and the page.
pub fn app(state: AppState) -> Router {
    // The gateway admits only signed-in owners to these (`--require-token`).
    let gated = Router::new()
        .route("/api/content/images/generate", post(routes::generate))
        .route("/api/content/jobs/{job_id}/status", get(routes::status))
        .route("/api/content/{event_draft_id}/select", put(routes::select))
        .route_layer(from_fn_with_state(state.clone(), auth::require_token));
    let api = Router::new()
        .merge(gated)
        .route("/api/content/images/{job_id}/{file}", get(routes::image))
        .route("/api", any(routes::api_not_found))
        .route("/api/{*rest}", any(routes::api_not_found))
        .method_not_allowed_fallback(routes::method_not_allowed)
        .layer(DefaultBodyLimit::max(routes::MAX_BODY_BYTES))
        .layer(from_fn_with_state(Arc::clone(&state.log), log::record));
    Router::new()
        .route("/__log", get(routes::read_log))
        .route("/__reset", post(routes::reset_log))
        .route("/__selection/{event_draft_id}", get(routes::read_selection))
        .merge(api)
        .fallback(static_files::serve)
        // The default predicate compresses everything above 32 bytes except
        // raster images, gRPC and SSE: `application/wasm` is compressed.
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` turns `true`, then lets
/// requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    mut shutdown: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let listener = listener.tap_io(|tcp| {
        // Honest timings for the request log: no Nagle delay on answers.
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async move {
            let _ = shutdown.wait_for(|stop| *stop).await;
        })
        .await
}
