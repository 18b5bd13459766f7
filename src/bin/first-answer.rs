//! The loader's first wasm: the polling machine and the wire, no UI. It
//! reads the answer to the loader's first status request while the page's
//! own wasm is still on its way (see `style_picker::shell::early`).

use style_picker::shell::{early, HeadStart, PageConfig};
use wasm_bindgen::prelude::*;

/// The live region's words for the answer to `head` (the loader's
/// `{url, authorization, credentials, at, response, abort}`, with a copy of
/// the response), when it keeps the page waiting; `undefined` otherwise.
/// The arguments are `mount`'s (`src/embed.rs`), read the same way.
#[wasm_bindgen(js_name = firstAnswer)]
pub async fn first_answer(
    job_id: Option<String>,
    event_draft_id: Option<String>,
    lang: Option<String>,
    api_base: Option<String>,
    page: bool,
    head: JsValue,
) -> Option<String> {
    let head = HeadStart::from_js(&head)?;
    let config = if page {
        PageConfig::from_document()
    } else {
        PageConfig::from_attributes(
            job_id.as_deref(),
            event_draft_id.as_deref(),
            lang.as_deref(),
            api_base.as_deref(),
            None,
        )
    };
    early::first_answer(config, head).await
}

fn main() {}
