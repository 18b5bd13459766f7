//! The owner's unsaved choice and edits, kept in the tab (`sessionStorage`)
//! per draft and job, so a reload of the same job comes back to the editor.
//! The text itself is the wire module's (`api::keep_text`); the save's rules
//! decide when it is kept and when it is dropped.

use crate::wire::{DraftId, JobId};

/// Where the edits of `draft` on `job` are kept.
pub fn key(draft: &DraftId, job: &JobId) -> String {
    format!("style-picker:{}:{}", draft.as_str(), job.as_str())
}

fn storage() -> Option<web_sys::Storage> {
    // Storage can be switched off (private modes, policies): then nothing is
    // kept across a reload, and everything else works as before.
    web_sys::window()?.session_storage().ok()?
}

/// The text kept under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Keeps `text` under `key`, or drops it with `None`.
pub fn store(key: &str, text: Option<&str>) {
    if let Some(storage) = storage() {
        // A full quota is not the owner's problem: the edits are still on screen.
        let _ = match text {
            Some(text) => storage.set_item(key, text),
            None => storage.remove_item(key),
        };
    }
}
