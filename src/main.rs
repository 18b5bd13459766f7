//! The page's wasm. There is nothing to start here: `style-picker.js`
//! defines the `<style-picker>` element, which calls [`embed::mount`] (the
//! standalone index.html is a `<style-picker page>` too).

mod embed;

fn main() {
    // Readable panics in development; the release page saves the bytes.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}
