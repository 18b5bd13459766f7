//! A small, strict JSON reader for the service's bodies.
//!
//! The page reads four tiny bodies. `serde_json` with derived deserializers
//! cost about 20 KB of wasm (much of it error formatting), a fifth of the
//! first-view budget; this reader is RFC 8259 strict, keeps only what the
//! page reads (strings and structure; numbers are checked, then dropped), and
//! is tested natively against `serde_json` on random documents.

/// A parsed JSON value. Numbers are validated but their values are not kept.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number,
    String(String),
    Array(Vec<Json>),
    /// Members in document order; [`Json::get`] takes the last of duplicates, as `JSON.parse` does.
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// The text ends inside a value.
    #[error("the body ends too soon")]
    Eof,
    /// Not JSON at the given byte offset.
    #[error("the body is not JSON (at byte {0})")]
    Syntax(usize),
    /// Nested deeper than [`MAX_DEPTH`].
    #[error("the body nests too deeply")]
    TooDeep,
}

/// Deepest nesting accepted, as `serde_json`'s default; hostile bodies cannot exhaust the stack.
pub const MAX_DEPTH: usize = 128;

impl Json {
    /// Parses a whole document (surrounding white space allowed, nothing else).
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let mut reader = Reader {
            bytes: text.as_bytes(),
            at: 0,
        };
        let value = reader.value(0)?;
        reader.skip_space();
        if reader.at != reader.bytes.len() {
            return Err(JsonError::Syntax(reader.at));
        }
        Ok(value)
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
}

/// `s` as a JSON string literal, quotes included.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(u32::from(c) >> 4) as usize] as char);
                out.push(HEX[(u32::from(c) & 15) as usize] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Result<u8, JsonError> {
        let b = self.peek().ok_or(JsonError::Eof)?;
        self.at += 1;
        Ok(b)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), JsonError> {
        match self.next()? {
            got if got == b => Ok(()),
            _ => Err(JsonError::Syntax(self.at - 1)),
        }
    }

    fn literal(&mut self, word: &[u8], value: Json) -> Result<Json, JsonError> {
        for &b in word {
            self.expect(b)?;
        }
        Ok(value)
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.skip_space();
        match self.peek().ok_or(JsonError::Eof)? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Json::String),
            b't' => self.literal(b"true", Json::Bool(true)),
            b'f' => self.literal(b"false", Json::Bool(false)),
            b'n' => self.literal(b"null", Json::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(JsonError::Syntax(self.at)),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.expect(b'{')?;
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self
                    .peek()
                    .map_or(JsonError::Eof, |_| JsonError::Syntax(self.at)));
            }
            let key = self.string()?;
            self.skip_space();
            self.expect(b':')?;
            members.push((key, self.value(depth + 1)?));
            self.skip_space();
            match self.next()? {
                b',' => continue,
                b'}' => return Ok(Json::Object(members)),
                _ => return Err(JsonError::Syntax(self.at - 1)),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.expect(b'[')?;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.next()? {
                b',' => continue,
                b']' => return Ok(Json::Array(items)),
                _ => return Err(JsonError::Syntax(self.at - 1)),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => return Err(JsonError::Syntax(self.at)),
            None => return Err(JsonError::Eof),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self
                    .peek()
                    .map_or(JsonError::Eof, |_| JsonError::Syntax(self.at)));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self
                    .peek()
                    .map_or(JsonError::Eof, |_| JsonError::Syntax(self.at)));
            }
        }
        Ok(Json::Number)
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0;
        for _ in 0..4 {
            let b = self.next()?;
            let d = (b as char)
                .to_digit(16)
                .ok_or(JsonError::Syntax(self.at - 1))?;
            n = n * 16 + d;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control byte in one go.
            let start = self.at;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            // The input is a &str and runs end on ASCII bytes, so this slice is valid UTF-8.
            out.push_str(
                std::str::from_utf8(&self.bytes[start..self.at])
                    .map_err(|_| JsonError::Syntax(start))?,
            );
            match self.next()? {
                b'"' => return Ok(out),
                b'\\' => {}
                _ => return Err(JsonError::Syntax(self.at - 1)),
            }
            let c = match self.next()? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.escaped_char()?,
                _ => return Err(JsonError::Syntax(self.at - 1)),
            };
            out.push(c);
        }
    }

    /// After `\u`: one code point, joining a surrogate pair. A lone
    /// surrogate is refused, as `serde_json` does: it is no character at all.
    fn escaped_char(&mut self) -> Result<char, JsonError> {
        let at = self.at;
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            self.expect(b'\\')?;
            self.expect(b'u')?;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(JsonError::Syntax(at));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or(JsonError::Syntax(at))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn reads_the_seed_bodies() {
        let body = Json::parse(
            r#"{"status": "PROCESSING",
"message": "이미지 생성 중입니다"}"#,
        )
        .unwrap();
        assert_eq!(
            body.get("status").and_then(Json::as_str),
            Some("PROCESSING")
        );
        assert_eq!(
            body.get("message").and_then(Json::as_str),
            Some("이미지 생성 중입니다")
        );
        assert_eq!(body.get("missing"), None);
    }

    #[test]
    fn strings_unescape() {
        let v = Json::parse(r#""a\"b\\c\/d\n\u00e9\ud83d\ude00x""#).unwrap();
        assert_eq!(v.as_str(), Some("a\"b\\c/d\né😀x"));
        assert!(
            Json::parse(r#""\ud800x""#).is_err(),
            "a lone surrogate is no character"
        );
        assert!(Json::parse(r#""\udc00""#).is_err());
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in [
            "",
            " ",
            "{",
            "{\"a\"",
            "{\"a\":}",
            "{\"a\":1,}",
            "[1,]",
            "[1 2]",
            "{'a':1}",
            "{a:1}",
            "01",
            "1.",
            "-",
            "1e",
            ".5",
            "+1",
            "tru",
            "nul",
            "\"abc",
            "\"a\u{1}b\"",
            "\"\\x\"",
            "\"\\u12G4\"",
            "{} {}",
            "<html>",
            "NaN",
        ] {
            assert!(Json::parse(text).is_err(), "{text:?} is not JSON");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert_eq!(Json::parse(&deep), Err(JsonError::TooDeep));
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(Json::parse(&ok).is_ok());
    }

    #[test]
    fn the_last_duplicate_wins() {
        let v = Json::parse(r#"{"status":"PENDING","status":"FAILED"}"#).unwrap();
        assert_eq!(v.get("status").and_then(Json::as_str), Some("FAILED"));
    }

    fn from_serde(v: &serde_json::Value) -> Json {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(*b),
            serde_json::Value::Number(_) => Json::Number,
            serde_json::Value::String(s) => Json::String(s.clone()),
            serde_json::Value::Array(a) => Json::Array(a.iter().map(from_serde).collect()),
            serde_json::Value::Object(o) => {
                let mut members: Vec<(String, Json)> =
                    o.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect();
                members.sort_by(|a, b| a.0.cmp(&b.0));
                Json::Object(members)
            }
        }
    }

    fn sorted(v: Json) -> Json {
        match v {
            Json::Array(a) => Json::Array(a.into_iter().map(sorted).collect()),
            Json::Object(o) => {
                let mut members: Vec<(String, Json)> =
                    o.into_iter().map(|(k, v)| (k, sorted(v))).collect();
                members.sort_by(|a, b| a.0.cmp(&b.0));
                Json::Object(members)
            }
            other => other,
        }
    }

    fn value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            (-1e300f64..1e300).prop_map(|f| serde_json::json!(f)),
            any::<String>().prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map(any::<String>(), inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Whatever serde_json writes (compact or pretty), we read the same structure and strings.
        #[test]
        fn agrees_with_serde_json_on_valid_documents(v in value(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
            prop_assert_eq!(sorted(Json::parse(&text).unwrap()), from_serde(&v));
        }

        /// On any text at all, we never panic, and we accept only what serde_json accepts.
        #[test]
        fn accepts_only_what_serde_json_accepts(text in "[\\[\\]{}\":,0-9a-z\\\\. \\-+eE]{0,40}") {
            let ours = Json::parse(&text).is_ok();
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            // serde_json also refuses numbers too large for an f64; we never read numbers.
            let out_of_range = theirs.as_ref().is_err_and(|e| e.to_string().contains("out of range"));
            if !out_of_range {
                prop_assert_eq!(ours, theirs.is_ok(), "{:?}", text);
            }
        }

        /// Our quoting round-trips through serde_json.
        #[test]
        fn quote_round_trips(s in any::<String>()) {
            prop_assert_eq!(serde_json::from_str::<String>(&quote(&s)).unwrap(), s);
        }
    }
}
