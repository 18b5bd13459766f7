//! The DOM events the picker hands to its host page (contract, "Embedding"):
//! dispatched on the `<style-picker>` element, bubbling and composed.

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, EventTarget};

/// Fired when the owner's save is accepted; detail
/// `{jobId, eventDraftId, style, imageUrl, editedContent}` (`core::selected_detail`).
pub const STYLE_SELECTED: &str = "style-selected";

/// Fired when the gateway refuses the owner (401 or 403); detail `{status}`.
pub const AUTH_REFUSED: &str = "style-picker-auth";

/// A detail written as JSON text (the wire module writes `style-selected`'s),
/// as the plain object the host page reads.
pub fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap_or(JsValue::NULL)
}

/// The detail of [`AUTH_REFUSED`].
pub fn auth_refused(status: u16) -> JsValue {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &detail,
        &JsValue::from_str("status"),
        &JsValue::from(status),
    );
    detail.into()
}

/// Dispatches `name` with `detail` on `target`, bubbling and composed.
pub fn dispatch(target: &EventTarget, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
