//! Job and draft ids, and what the page URL asks for (contract, "Inputs").

use std::fmt;

/// The longest id the contract accepts.
pub const MAX_ID_LEN: usize = 128;

/// Why a string is not an id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Present but empty.
    #[error("it is empty")]
    Empty,
    /// More than [`MAX_ID_LEN`] characters.
    #[error("it is {0} characters long; at most 128 are allowed")]
    TooLong(usize),
    /// A character outside `A-Z a-z 0-9 - _ .`.
    #[error("it contains {0:?}, which is not allowed")]
    BadChar(char),
    /// Only dots (`.`, `..`, …): a browser resolves it as a path step, so
    /// the request would go to another address.
    #[error("it is made only of dots")]
    OnlyDots,
}

fn check(s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    let len = s.chars().count();
    if len > MAX_ID_LEN {
        return Err(IdError::TooLong(len));
    }
    match s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        Some(c) => Err(IdError::BadChar(c)),
        None if s.bytes().all(|b| b == b'.') => Err(IdError::OnlyDots),
        None => Ok(()),
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Checks `s` against the contract's id rules.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                check(s).map(|()| Self(s.to_owned()))
            }

            /// The id as sent on the wire; safe in a URL path as it is.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// The id of an image-generation job: 1 to 128 of `A-Z a-z 0-9 - _ .`.
    JobId
);
id_type!(
    /// The id of the event draft the images belong to; needed to regenerate.
    DraftId
);

/// What the page was asked to do by its URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inputs {
    /// `jobId` and `eventDraftId`: watch that job.
    Watch { job: JobId, draft: DraftId },
    /// Only `eventDraftId`: ask for a new job first, then watch it.
    Generate { draft: DraftId },
}

/// Why the page cannot start; shown to the owner, and no request is sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputProblem {
    /// Neither id was given.
    #[error("the page address has neither jobId nor eventDraftId")]
    NothingGiven,
    /// A job id without the draft it belongs to.
    #[error("the page address has a jobId but no eventDraftId")]
    MissingDraft,
    /// `jobId` is present but not a valid id.
    #[error("jobId is not valid: {0}")]
    BadJobId(IdError),
    /// `eventDraftId` is present but not a valid id.
    #[error("eventDraftId is not valid: {0}")]
    BadDraftId(IdError),
}

impl Inputs {
    /// Reads the `jobId` and `eventDraftId` query values (absent is `None`).
    ///
    /// A job id alone is refused: the draft id is what regenerating and the
    /// host page's `style-selected` event need, so watching without it would
    /// strand the owner at the first failure.
    pub fn from_query(job: Option<&str>, draft: Option<&str>) -> Result<Inputs, InputProblem> {
        let job = job
            .map(JobId::parse)
            .transpose()
            .map_err(InputProblem::BadJobId)?;
        let draft = draft
            .map(DraftId::parse)
            .transpose()
            .map_err(InputProblem::BadDraftId)?;
        match (job, draft) {
            (Some(job), Some(draft)) => Ok(Inputs::Watch { job, draft }),
            (None, Some(draft)) => Ok(Inputs::Generate { draft }),
            (Some(_), None) => Err(InputProblem::MissingDraft),
            (None, None) => Err(InputProblem::NothingGiven),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_contract() {
        assert!(JobId::parse("job_1-A.b").is_ok());
        assert!(JobId::parse(&"a".repeat(128)).is_ok());
        assert_eq!(JobId::parse(&"a".repeat(129)), Err(IdError::TooLong(129)));
        assert_eq!(JobId::parse(""), Err(IdError::Empty));
        for bad in ["a/b", "a b", "a%2F", "잡", "a?b", "<script>", "a\u{0}"] {
            assert!(
                matches!(JobId::parse(bad), Err(IdError::BadChar(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_id_of_dots_only_is_not_an_id() {
        for dots in [".", "..", "...", &".".repeat(128)] {
            assert_eq!(JobId::parse(dots), Err(IdError::OnlyDots), "{dots:?}");
            assert_eq!(DraftId::parse(dots), Err(IdError::OnlyDots), "{dots:?}");
        }
        assert!(JobId::parse("..a").is_ok() && JobId::parse("a..").is_ok());
    }

    #[test]
    fn ids_are_made_of_the_contracts_ascii_characters() {
        assert_eq!(MAX_ID_LEN, 128);
        for c in (0..=0x7f_u8).map(char::from) {
            let allowed = c.is_ascii_alphanumeric() || "_-".contains(c);
            assert_eq!(check(&c.to_string()).is_ok(), allowed, "{c:?}");
        }
    }

    #[test]
    fn inputs_follow_the_contract() {
        let watch = Inputs::from_query(Some("job1"), Some("draft1")).unwrap();
        assert!(matches!(watch, Inputs::Watch { .. }));
        let generate = Inputs::from_query(None, Some("draft1")).unwrap();
        assert!(matches!(generate, Inputs::Generate { .. }));
        assert_eq!(
            Inputs::from_query(None, None),
            Err(InputProblem::NothingGiven)
        );
        assert_eq!(
            Inputs::from_query(Some("job1"), None),
            Err(InputProblem::MissingDraft)
        );
        assert_eq!(
            Inputs::from_query(Some(""), Some("d")),
            Err(InputProblem::BadJobId(IdError::Empty))
        );
        assert_eq!(
            Inputs::from_query(Some("j"), Some("")),
            Err(InputProblem::BadDraftId(IdError::Empty))
        );
        assert!(matches!(
            Inputs::from_query(Some("j"), Some(&"d".repeat(200))),
            Err(InputProblem::BadDraftId(IdError::TooLong(200)))
        ));
    }
}
