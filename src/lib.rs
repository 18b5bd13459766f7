//! style-picker: waits for a Content Service image job and lets a store owner
//! pick one of its three styles.
//!
//! - [`poll`]: the polling machine, pure and natively tested.
//! - [`api`]: the wire format, pure and natively tested.

pub mod api;
pub mod poll;
