//! Which image URLs the page may load (contract, "The page", last rule).

/// Why an image URL is not loaded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlRejected {
    /// Not `https:`, and not `http:` on this machine.
    #[error("the address is not a secure (https) address")]
    NotSecure,
    /// Empty, or has spaces or control characters a browser would silently strip.
    #[error("the address is malformed")]
    Malformed,
}

/// One style's image as the page will treat it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageSource {
    /// Safe to put in `<img src>`.
    Allowed(String),
    /// Never loaded; the card says why.
    Rejected { url: String, why: UrlRejected },
}

impl ImageSource {
    /// The URL to load, if it may be loaded.
    pub fn allowed(&self) -> Option<&str> {
        match self {
            ImageSource::Allowed(url) => Some(url),
            ImageSource::Rejected { .. } => None,
        }
    }
}

/// Classifies a URL from the server: `https:` anywhere, `http:` only on a
/// loopback host (`localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`).
pub fn check_image_url(url: &str) -> ImageSource {
    match verdict(url) {
        Ok(()) => ImageSource::Allowed(url.to_owned()),
        Err(why) => ImageSource::Rejected {
            url: url.to_owned(),
            why,
        },
    }
}

fn verdict(url: &str) -> Result<(), UrlRejected> {
    if url.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err(UrlRejected::Malformed);
    }
    // `scheme://`: a char pattern and a prefix test, not a substring search (1 KB of wasm).
    let (scheme, rest) = url.split_once(':').ok_or(UrlRejected::NotSecure)?;
    let rest = rest.strip_prefix("//").ok_or(UrlRejected::NotSecure)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // Whatever stands before '@' is userinfo, not the host.
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err(UrlRejected::Malformed);
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if is_loopback(&host.to_ascii_lowercase()) => Ok(()),
        _ => Err(UrlRejected::NotSecure),
    }
}

fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") || host == "::1" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets
            .iter()
            .all(|o| !o.is_empty() && o.len() <= 3 && o.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str) -> bool {
        check_image_url(url).allowed().is_some()
    }

    #[test]
    fn https_is_loaded() {
        assert!(allowed("https://cdn.example.com/simple.png"));
        assert!(allowed("HTTPS://cdn.example.com/a.png"));
    }

    #[test]
    fn http_only_on_loopback() {
        assert!(allowed(
            "http://localhost:8787/api/content/images/j/simple.svg"
        ));
        assert!(allowed("http://127.0.0.1:8787/x.svg"));
        assert!(allowed("http://127.5.0.1/x.svg"));
        assert!(allowed("http://[::1]:8080/x.svg"));
        assert!(allowed("http://app.localhost/x.svg"));
        assert!(!allowed("http://cdn.example.com/x.png"));
        assert!(!allowed("http://example.invalid/x.png"));
        assert!(!allowed("http://127.0.0.1.evil.com/x.png"));
        assert!(!allowed("http://localhost@evil.com/x.png"));
        assert!(!allowed("http://localhost.evil.com/x.png"));
    }

    #[test]
    fn other_schemes_and_junk_are_refused() {
        for url in [
            "javascript:alert(1)",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "//cdn.example.com/x.png",
            "/relative.png",
            "ftp://cdn.example.com/x.png",
            "",
            " https://cdn.example.com/x.png",
            "https://cdn.exa mple.com/x.png",
            "https://",
            "java\tscript://x",
        ] {
            assert!(!allowed(url), "{url:?} must not be loaded");
        }
    }
}
