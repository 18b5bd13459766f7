//! The wasm entry point. There is nothing to start here: `style-picker.js`
//! defines the `<style-picker>` element, which calls [`style_picker::embed::mount`]
//! (the standalone index.html is a `<style-picker page>` too).

// The exports JavaScript calls live in the library; this keeps them linked in.
pub use style_picker::embed::{mount, Picker};

fn main() {
    // Readable panics in development; the release page saves the bytes.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // TEMPORARY until the element loader lands: Trunk's own loader starts us
    // on a page without a <style-picker>, so mount the page into <body>.
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document
        .query_selector("style-picker")
        .ok()
        .flatten()
        .is_none()
    {
        if let Some(body) = document.body() {
            let host = document.create_element("div").expect("a div");
            let _ = body.append_child(&host);
            use wasm_bindgen::JsCast;
            std::mem::forget(mount(host.unchecked_into(), None, None, None, None, true));
        }
    }
}
