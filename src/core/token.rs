//! The host's bearer token, as the core sees it: a value it compares and
//! hands to the shell with each request, never prints.

use std::fmt;

/// A bearer token the host page gave (`element.token = …`).
///
/// Only visible ASCII (U+0021 to U+007E) can travel in an HTTP header; any
/// other token is kept so it can be compared, but [`Token::header_safe`] says
/// no and nothing is sent with it (contract, "Embedding"). `Debug` hides the
/// value, so no log line carries it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// What the host set: `None` (or an empty text) is no token.
    pub fn from_host(value: Option<String>) -> Option<Token> {
        value.filter(|t| !t.is_empty()).map(Token)
    }

    /// Whether every character is visible ASCII, so it can be a header value.
    pub fn header_safe(&self) -> bool {
        self.0.bytes().all(|b| (0x21..=0x7e).contains(&b))
    }

    /// The `Authorization` header's value: `Bearer <token>`.
    pub fn authorization(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_ascii_is_a_header_value_and_empty_is_no_token() {
        let token = |t: &str| Token::from_host(Some(t.into()));
        assert_eq!(token(""), None);
        assert_eq!(Token::from_host(None), None);
        assert!(token("eyJhbGciOi.J9-_~!").unwrap().header_safe());
        for bad in ["a b", "a\nb", "a\rb", "토큰", "tab\t", "é", "\u{7f}", " "] {
            assert!(!token(bad).unwrap().header_safe(), "{bad:?}");
        }
        assert_eq!(token("s3cret").unwrap().authorization(), "Bearer s3cret");
        assert!(!format!("{:?}", token("s3cret")).contains("s3cret"));
    }
}
