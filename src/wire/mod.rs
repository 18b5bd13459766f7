//! The wire: what the Content Service says and is sent, as types.
//!
//! Everything here is pure: text and header strings in, typed answers out,
//! and the bodies' shapes (`bodies.rs`), the one place to follow the real
//! service. The shell does the fetching; these functions never panic on what
//! a server sends. Nothing here decides what to do with an answer: that is
//! the core's (`crate::core`).

pub(crate) mod bodies;
mod generate;
mod ids;
mod image_url;
mod retry_after;
mod select;
mod status;
mod style;
mod tree;

pub use generate::{generate_body, read_generated, GenerateError, GENERATE_PATH};
pub use ids::{DraftId, IdError, InputProblem, Inputs, JobId, MAX_ID_LEN};
pub use image_url::{check_image_url, ImageSource, UrlRejected};
pub use retry_after::{parse_http_date, parse_retry_after};
pub use select::{read_saved, select_path, SaveError};
pub use status::{read_status, status_path, Retry, Stage, StatusAnswer, WireError};
pub use style::{ImageSet, Style};

/// The most of any answer's body the page reads (64 KiB). A larger one is
/// not read (by its `Content-Length`, or as soon as it passes this while
/// being read): a status answer then counts as malformed, a save as failed.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// An HTTP answer as the shell received it: only what the contract reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status code.
    pub status: u16,
    /// The `Retry-After` header, if the server sent one.
    pub retry_after: Option<String>,
    /// The body as text (UTF-8, lossily decoded); empty when [`Reply::too_large`].
    pub body: String,
    /// The body passed [`MAX_BODY_BYTES`] and was not read.
    pub too_large: bool,
}

impl Reply {
    /// A reply with no `Retry-After`.
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Self {
            status,
            retry_after: None,
            body: body.into(),
            too_large: false,
        }
    }

    /// A reply whose body passed [`MAX_BODY_BYTES`], so it was not read.
    pub fn too_large(status: u16) -> Self {
        Self {
            too_large: true,
            ..Self::new(status, "")
        }
    }

    /// The same reply carrying a `Retry-After` header.
    pub fn with_retry_after(mut self, value: impl Into<String>) -> Self {
        self.retry_after = Some(value.into());
        self
    }
}

/// A request that never produced an HTTP answer (offline, DNS, CORS, reset).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the request did not reach the server: {0}")]
pub struct NetworkError(pub String);

/// What a transport hands back for one request.
pub type Outcome = Result<Reply, NetworkError>;
