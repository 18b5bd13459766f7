//! The wasm entry point. There is nothing to start here: `style-picker.js`
//! defines the `<style-picker>` element, which calls [`style_picker::embed::mount`]
//! (the standalone index.html is a `<style-picker page>` too).

// The exports JavaScript calls live in the library; this keeps them linked in.
pub use style_picker::embed::{mount, Picker};

fn main() {
    // Readable panics in development; the release page saves the bytes.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}
