//! What the host page hands the picker while it runs: the gateway's bearer
//! token and the event's details for generate requests. Both can change at
//! any time; each request reads the current value.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::RequestCredentials;

use crate::core::EventFields;

/// Values the host page sets through the element's `token` and `eventInfo`
/// properties, read by the driver.
#[derive(Default)]
pub struct HostData {
    token: RefCell<Option<String>>,
    event_info: RefCell<Option<String>>,
    /// What the editor fills its fields from.
    event_fields: RefCell<EventFields>,
    /// Told when a token is set (the driver).
    on_token: RefCell<Option<Rc<dyn Fn()>>>,
}

impl HostData {
    /// Replaces the bearer token (`None`: none) and tells
    /// [`HostData::on_token`]'s listener, the driver, whose machine decides
    /// what it means (`core::Machine::set_token`).
    pub fn set_token(&self, token: Option<String>) {
        *self.token.borrow_mut() = token;
        let listener = self.on_token.borrow().clone();
        if let Some(listener) = listener {
            listener();
        }
    }

    /// The token the host set last, as it set it.
    pub fn token(&self) -> Option<String> {
        self.token.borrow().clone()
    }

    /// Calls `listener` each time a token is set; replaces the one before.
    pub fn on_token(&self, listener: Rc<dyn Fn()>) {
        *self.on_token.borrow_mut() = Some(listener);
    }

    /// Replaces the event's details, as JSON text; `None` sends none.
    pub fn set_event_info(&self, json: Option<String>) {
        *self.event_info.borrow_mut() = json;
    }

    /// Replaces what the editor reads of the event's details.
    pub fn set_event_fields(&self, fields: EventFields) {
        *self.event_fields.borrow_mut() = fields;
    }

    /// `title`, `giftName` and `brandColor` of the event's details, for the editor.
    pub fn event_fields(&self) -> EventFields {
        self.event_fields.borrow().clone()
    }

    /// The event's details as JSON text, for the generate body.
    pub fn event_info(&self) -> Option<String> {
        self.event_info.borrow().clone()
    }
}

impl std::fmt::Debug for HostData {
    // Never print the token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostData")
            .field("token", &self.token.borrow().as_ref().map(|_| "…"))
            .finish_non_exhaustive()
    }
}

/// Cookies go to the API's origin: `same-origin` when the API base is this
/// page's origin (empty, a `/path`, or the same `scheme://host:port`),
/// `include` when it is another origin (contract, "Credentials").
pub fn credentials_for(base: &str, page_origin: &str) -> RequestCredentials {
    let same = base.is_empty()
        || (base.starts_with('/') && !base.starts_with("//"))
        || base.eq_ignore_ascii_case(page_origin)
        || base
            .get(..page_origin.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(page_origin))
            && base[page_origin.len()..].starts_with('/');
    if same {
        RequestCredentials::SameOrigin
    } else {
        RequestCredentials::Include
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_follow_the_api_origin() {
        let page = "https://shop.example";
        for same in [
            "",
            "/gateway",
            "https://shop.example",
            "https://SHOP.example/api",
        ] {
            assert_eq!(
                credentials_for(same, page),
                RequestCredentials::SameOrigin,
                "{same}"
            );
        }
        for other in [
            "https://api.example",
            "https://shop.example.evil.com",
            "https://shop.example:8443",
            "http://shop.example",
        ] {
            assert_eq!(
                credentials_for(other, page),
                RequestCredentials::Include,
                "{other}"
            );
        }
    }

    #[test]
    fn the_token_is_never_printed() {
        let host = HostData::default();
        host.set_token(Some("s3cret".into()));
        assert_eq!(host.token().as_deref(), Some("s3cret"));
        assert!(!format!("{host:?}").contains("s3cret"));
    }
}
