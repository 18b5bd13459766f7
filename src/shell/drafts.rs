//! The owner's unsaved choice and edits, kept in the tab (`sessionStorage`)
//! per draft and job, so a reload of the same job comes back to the editor.
//! The text itself is the core's (`core::keep_text`), which also decides when
//! it is kept and when it is dropped.

use crate::wire::{DraftId, JobId};

/// Where the edits of `draft` on `job` are kept.
pub fn key(draft: &DraftId, job: &JobId) -> String {
    format!("{}{}", prefix(draft), job.as_str())
}

fn prefix(draft: &DraftId) -> String {
    format!("style-picker:{}:", draft.as_str())
}

/// What is kept for `draft` on `job`; what is kept of the draft's other jobs
/// is dropped (a regenerated job replaces them, and the tab need not carry
/// them for its life).
pub fn open(draft: &DraftId, job: &JobId) -> Option<String> {
    let storage = storage()?;
    let (mine, prefix) = (key(draft, job), prefix(draft));
    let others: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix) && *k != mine)
        .collect();
    for other in others {
        let _ = storage.remove_item(&other);
    }
    storage.get_item(&mine).ok()?
}

fn storage() -> Option<web_sys::Storage> {
    // Storage can be switched off (private modes, policies): then nothing is
    // kept across a reload, and everything else works as before.
    web_sys::window()?.session_storage().ok()?
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
