//! Identifiers: validation of ids that come in, and unguessable job ids.

/// The longest id accepted, in characters.
pub const MAX_ID_LEN: usize = 128;

/// Whether `id` is 1..=128 characters of `A-Z a-z 0-9 - _ .`.
///
/// Used for both the `jobId` in a path and the `eventDraftId` in a body.
pub fn is_valid_id(id: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A new job id: `job_` and 32 lowercase hex digits (128 random bits from
/// the operating system).
///
/// # Panics
/// If the operating system has no random source (it always has on Linux).
pub fn new_job_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source is available");
    let mut id = String::with_capacity(4 + 32);
    id.push_str("job_");
    for b in bytes {
        id.push_str(&format!("{b:02x}"));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_allowed_charset() {
        assert!(is_valid_id("a"));
        assert!(is_valid_id("draft-1"));
        assert!(is_valid_id("evt_42.v2"));
        assert!(is_valid_id("ABCxyz019-_."));
        assert!(is_valid_id(&"x".repeat(128)));
    }

    #[test]
    fn rejects_empty_long_and_foreign_characters() {
        assert!(!is_valid_id(""));
        assert!(!is_valid_id(&"x".repeat(129)));
        for bad in [
            "a b", "a/b", "a%2F", "<script>", "a\nb", "잡", "a:b", "a?b", "a#b", "a\"b",
        ] {
            assert!(!is_valid_id(bad), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn job_ids_are_valid_unique_and_128_bits() {
        let a = new_job_id();
        let b = new_job_id();
        assert_ne!(a, b);
        assert!(is_valid_id(&a));
        assert_eq!(a.len(), 36);
        assert!(a.starts_with("job_"));
        assert!(a[4..]
            .bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }
}
