//! A serde `Deserializer` over an already parsed JSON value, with an error
//! that drops its message.
//!
//! No JSON text is read here: `JSON.parse` (in the browser) or `serde_json`
//! (natively) has made the tree. This reads the shapes the wire's derived
//! types ask for, nothing more: structs from objects (only their named
//! members are looked at, so unknown fields are ignored without being
//! visited), strings, options (absent or `null` is `None`), and enums of unit
//! variants from strings. Anything else is an error.
//!
//! Why not `serde-wasm-bindgen` or `serde_json` in the page: both build their
//! errors' messages, which pulls float formatting, string escaping and
//! Unicode tables into the wasm (measured: 12 KiB brotli). [`Quiet`] drops
//! the message unformatted, so none of that is linked.

use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::forward_to_deserialize_any;

/// A parsed JSON value, as far as the wire's types read one.
pub(super) trait Tree: Sized {
    /// The member `key` of an object; `None` when absent or not an object.
    fn member(&self, key: &str) -> Option<Self>;
    /// An object (not an array, not `null`).
    fn is_object(&self) -> bool;
    /// `null` (or, in JavaScript, `undefined`).
    fn is_null(&self) -> bool;
    /// The text of a string.
    fn text(&self) -> Option<String>;
}

/// What `JSON.parse` made.
#[cfg(target_arch = "wasm32")]
impl Tree for wasm_bindgen::JsValue {
    fn member(&self, key: &str) -> Option<Self> {
        js_sys::Reflect::get(self, &key.into())
            .ok()
            .filter(|value| !value.is_undefined())
    }
    fn is_object(&self) -> bool {
        wasm_bindgen::JsValue::is_object(self) && !js_sys::Array::is_array(self)
    }
    fn is_null(&self) -> bool {
        wasm_bindgen::JsValue::is_null(self) || self.is_undefined()
    }
    fn text(&self) -> Option<String> {
        self.as_string()
    }
}

/// What `serde_json` made (native builds and tests).
#[cfg(not(target_arch = "wasm32"))]
impl Tree for &serde_json::Value {
    fn member(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }
    fn is_object(&self) -> bool {
        serde_json::Value::is_object(self)
    }
    fn is_null(&self) -> bool {
        serde_json::Value::is_null(self)
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
}

/// Why a tree is not the expected shape. No message: see the module docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Quiet;

impl fmt::Display for Quiet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the JSON is not of the expected shape")
    }
}

impl std::error::Error for Quiet {}

impl de::Error for Quiet {
    fn custom<T: fmt::Display>(_message: T) -> Self {
        Quiet
    }
}

/// Reads one value of a [`Tree`].
pub(super) struct TreeDeserializer<J>(pub J);

impl<'de, J: Tree> de::Deserializer<'de> for TreeDeserializer<J> {
    type Error = Quiet;

    /// Every shape not named below is refused.
    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Quiet> {
        Err(Quiet)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Quiet> {
        if !self.0.is_object() {
            return Err(Quiet);
        }
        visitor.visit_map(Members {
            tree: self.0,
            fields: fields.iter(),
            value: None,
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Quiet> {
        if self.0.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Quiet> {
        visitor.visit_string(self.0.text().ok_or(Quiet)?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Quiet> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Quiet> {
        self.deserialize_string(visitor)
    }

    /// A unit variant, named by a string.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Quiet> {
        let name: String = self.0.text().ok_or(Quiet)?;
        visitor.visit_enum(IntoDeserializer::<Quiet>::into_deserializer(name))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Quiet> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map
    }
}

/// The named members of an object that are present, in the struct's order.
struct Members<J> {
    tree: J,
    fields: std::slice::Iter<'static, &'static str>,
    value: Option<J>,
}

impl<'de, J: Tree> MapAccess<'de> for Members<J> {
    type Error = Quiet;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Quiet> {
        for &field in self.fields.by_ref() {
            if let Some(value) = self.tree.member(field) {
                self.value = Some(value);
                return seed.deserialize(StrDeserializer::new(field)).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Quiet> {
        seed.deserialize(TreeDeserializer(self.value.take().ok_or(Quiet)?))
    }
}
