//! The handles the components share: where the picker's DOM events go
//! ([`Host`]) and how a component asks the polling driver for something
//! ([`Actions`]). Both are `Copy`, so closures and child components can hold them.

use leptos::html::Div;
use leptos::prelude::*;
use web_sys::EventTarget;

use crate::shell::{events, Driver};

/// Where the picker's DOM events go: the `<style-picker>` element, or the root.
#[derive(Clone, Copy)]
pub(super) struct Host {
    pub(super) target: StoredValue<Option<EventTarget>, LocalStorage>,
    pub(super) root: NodeRef<Div>,
}

impl Host {
    /// Dispatches `name` on the `<style-picker>` element (or the root).
    pub(super) fn emit(self, name: &str, detail: &wasm_bindgen::JsValue) {
        let target = self
            .target
            .get_value()
            .or_else(|| self.root.get_untracked().map(Into::into));
        if let Some(target) = target {
            events::dispatch(&target, name, detail);
        }
    }
}

/// The handle components use to ask the polling driver for things.
#[derive(Clone, Copy)]
pub(super) struct Actions(pub(super) StoredValue<Driver, LocalStorage>);

impl Actions {
    pub(super) fn regenerate(self) {
        self.0.with_value(Driver::regenerate);
    }

    pub(super) fn keep_waiting(self) {
        self.0.with_value(Driver::keep_waiting);
    }

    pub(super) fn set_online(self, online: bool) {
        self.0.with_value(|d| d.set_online(online));
    }
}
