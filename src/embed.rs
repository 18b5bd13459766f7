//! The Rust half of the `<style-picker>` element. `dist/style-picker.js`
//! defines the element (attributes, `token` and `eventInfo` properties,
//! connect and disconnect) and calls these exports; the standalone page is
//! the same element with a `page` attribute, so there is one code path.
//!
//! ```js
//! import init, { mount } from './style-picker-<hash>.js';
//! await init();
//! const picker = mount(el, 'job-1', 'draft-1', 'ko', '', '2', false);
//! picker.setToken('…');           // Authorization: Bearer … from the next request on;
//!                                  // after a refused sign-in, starts over
//! picker.setEventInfo({ title });  // "eventInfo" in every generate body
//! picker.unmount();                // stops every request and timer
//! ```

use std::any::Any;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use style_picker::core::EventFields;
use style_picker::shell::{document, HostData, PageConfig};
use style_picker::{Settings, StylePicker};

/// One mounted picker. Dropping it (or [`Picker::unmount`]) stops it.
#[wasm_bindgen]
pub struct Picker {
    host: Rc<HostData>,
    _mounted: Box<dyn Any>,
}

/// Mounts a picker into `host`, replacing what is inside it (the standalone
/// page's static first paint). With `page`, inputs come from the page URL
/// and the `<meta name="style-picker-api-base">` tag, `<html lang>` is set,
/// and a generated job is kept in the URL; otherwise from the arguments,
/// which are the element's attributes. The first request goes out once the
/// current task ends, so a token set right after mounting is in it.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn mount(
    host: HtmlElement,
    job_id: Option<String>,
    event_draft_id: Option<String>,
    lang: Option<String>,
    api_base: Option<String>,
    heading_level: Option<String>,
    page: bool,
) -> Picker {
    let events = Some(host.clone().into());
    let config = if page {
        let config = PageConfig::from_document();
        document::apply_lang(config.lang);
        config
    } else {
        PageConfig::from_attributes(
            job_id.as_deref(),
            event_draft_id.as_deref(),
            lang.as_deref(),
            api_base.as_deref(),
            heading_level.as_deref(),
        )
    };
    let settings = Settings::new(config, events, page);
    let data = settings.host.clone();
    host.set_text_content(None);
    let mounted = leptos::mount::mount_to(host, move || view! { <StylePicker settings /> });
    Picker {
        host: data,
        _mounted: Box::new(mounted),
    }
}

#[wasm_bindgen]
impl Picker {
    /// Sends `Authorization: Bearer <token>` from the next request on;
    /// `undefined` or empty sends none. After a refused sign-in (401/403) a
    /// new token starts over (`core::Machine::set_token` has the rules).
    #[wasm_bindgen(js_name = setToken)]
    pub fn set_token(&self, token: Option<String>) {
        self.host.set_token(token);
    }

    /// Sends `info` (a plain object) as `eventInfo` in every generate body;
    /// `undefined` or `null` sends none. Its `title`, `giftName` and
    /// `brandColor` fill the editor's 제목, 경품 and 강조색.
    #[wasm_bindgen(js_name = setEventInfo)]
    pub fn set_event_info(&self, info: JsValue) {
        let json = (!info.is_undefined() && !info.is_null())
            .then(|| js_sys::JSON::stringify(&info).ok())
            .flatten()
            .and_then(|s| s.as_string());
        self.host.set_event_info(json);
        let text = |key: &str| {
            js_sys::Reflect::get(&info, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
        };
        let fields = if info.is_object() {
            EventFields {
                title: text("title"),
                gift_name: text("giftName"),
                brand_color: text("brandColor"),
            }
        } else {
            EventFields::default()
        };
        self.host.set_event_fields(fields);
    }

    /// Stops every request and timer and empties the element.
    pub fn unmount(self) {}
}
