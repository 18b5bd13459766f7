//! [`Actions`]: how a component asks the driver for something. `Copy`, so
//! closures and child components can hold it; every click and keystroke the
//! components turn into an event goes through here to the one machine.

use leptos::prelude::*;

use crate::core::{Field, Platform};
use crate::shell::Driver;
use crate::wire::Style;

/// The picker's driver, as the components reach it.
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

    pub(super) fn confirm(self, style: Style) {
        self.0.with_value(|d| d.confirm(style));
    }

    pub(super) fn other_styles(self) {
        self.0.with_value(Driver::other_styles);
    }

    pub(super) fn edit(self, field: Field, value: String) {
        self.0.with_value(|d| d.edit(field, value));
    }

    pub(super) fn set_platform(self, platform: Platform) {
        self.0.with_value(|d| d.set_platform(platform));
    }

    /// 저장: `Err` names the first field out of bounds.
    pub(super) fn save(self) -> Result<(), Field> {
        self.0.with_value(Driver::save)
    }
}
