use leptos::prelude::*;
use style_picker::{Settings, StylePicker};

fn main() {
    // Readable panics in development; the release page saves the bytes.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let settings = Settings::from_document();
    style_picker::shell::page::apply_lang(settings.config.lang);
    leptos::mount::mount_to_body(move || view! { <StylePicker settings /> });
}
