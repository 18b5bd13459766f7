//! The contract's numbers and paths the tests need, named once.

/// A status request goes out this long after the previous answer arrived.
pub const CADENCE_MS: f64 = 2_000.0;
/// Path of the status endpoint for one job.
pub fn status_path(job_id: &str) -> String {
    format!("/api/content/jobs/{job_id}/status")
}
/// Path of the generate endpoint.
pub const GENERATE_PATH: &str = "/api/content/images/generate";
/// Path of the editor's save for one draft (`PUT`, contract "Editing").
pub fn select_path(event_draft_id: &str) -> String {
    format!("/api/content/{event_draft_id}/select")
}
