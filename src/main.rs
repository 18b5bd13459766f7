use leptos::prelude::*;
use style_picker::{Settings, StylePicker};

fn main() {
    console_error_panic_hook::set_once();
    let settings = Settings::from_document();
    style_picker::shell::page::apply_lang(settings.config.lang);
    leptos::mount::mount_to_body(move || view! { <StylePicker settings /> });
}
