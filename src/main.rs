//! The page's wasm. There is nothing to start here: `style-picker.js`
//! defines the `<style-picker>` element, which calls [`embed::mount`] (the
//! standalone index.html is a `<style-picker page>` too).
//!
//! The exports JavaScript calls live in this binary, not in the library:
//! every binary that links the library would carry them, and the page has
//! two, this one and `src/bin/first-answer.rs`, the loader's small first
//! wasm, which must not carry Leptos.

mod embed;

fn main() {
    // Readable panics in development; the release page saves the bytes.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}
