//! Rule identities: every stable code with the kind of file it looks at and
//! its default level. This is the bottom layer every check and the
//! configuration name rules by; what a rule checks, says and documents lives
//! in the rule's own file (`article/rules/`, `corpus/rules/`,
//! `claims/rules/`), and `registry` collects those files.

use std::fmt;

use crate::severity::{Level, Severity};

// Serialized only into the cache, by variant name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Rule {
    MissingDate,
    InvalidDate,
    FutureDate,
    DateConflict,
    MissingSource,
    InvalidUrl,
    DuplicateId,
    DuplicateArticle,
    UnknownField,
    Boilerplate,
    UnknownSource,
    QuoteNotFound,
    Misquote,
    QuoteWrongSource,
    MisattributedQuote,
    NumberMismatch,
    DateMismatch,
    ContradictedClaim,
    UnsupportedClaim,
    UncitedClaim,
}

/// The kind of file a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Article,
    Note,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Article => "article",
            FileKind::Note => "note",
        }
    }
}

/// What `explain`, SARIF and the README say of a rule. Each rule's file
/// holds its own, beside the check it describes.
pub struct Documentation {
    /// When it fires, in one line (the contract's table).
    pub summary: &'static str,
    pub explanation: &'static str,
    pub example: &'static str,
}

/// A file of a fixture workspace: its path in the workspace and its text.
pub type FixtureFile = (&'static str, &'static str);

/// Two small workspaces each rule's file holds: one in which the rule must
/// fire and one, close to it, in which it must stay silent. The fixture
/// test runs every rule's pair (`tests/rules_fixtures.rs`).
pub struct Fixtures {
    pub fires: &'static [FixtureFile],
    pub silent: &'static [FixtureFile],
}

use Level::{Off, On};
use Severity::{Error, Hint, Info, Warning};

impl Rule {
    pub const ALL: [Rule; 20] = [
        Rule::MissingDate,
        Rule::InvalidDate,
        Rule::FutureDate,
        Rule::DateConflict,
        Rule::MissingSource,
        Rule::InvalidUrl,
        Rule::DuplicateId,
        Rule::DuplicateArticle,
        Rule::UnknownField,
        Rule::Boilerplate,
        Rule::UnknownSource,
        Rule::QuoteNotFound,
        Rule::Misquote,
        Rule::QuoteWrongSource,
        Rule::MisattributedQuote,
        Rule::NumberMismatch,
        Rule::DateMismatch,
        Rule::ContradictedClaim,
        Rule::UnsupportedClaim,
        Rule::UncitedClaim,
    ];

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.code() == code)
    }

    /// The code, the kind of file and the default level, in one table so
    /// that a rule's identity reads on one line.
    fn identity(self) -> (&'static str, FileKind, Level) {
        use FileKind::{Article, Note};
        match self {
            Rule::MissingDate => ("missing-date", Article, On(Warning)),
            Rule::InvalidDate => ("invalid-date", Article, On(Error)),
            Rule::FutureDate => ("future-date", Article, On(Warning)),
            Rule::DateConflict => ("date-conflict", Article, On(Warning)),
            Rule::MissingSource => ("missing-source", Article, On(Warning)),
            Rule::InvalidUrl => ("invalid-url", Article, On(Error)),
            Rule::DuplicateId => ("duplicate-id", Article, On(Error)),
            Rule::DuplicateArticle => ("duplicate-article", Article, On(Warning)),
            Rule::UnknownField => ("unknown-field", Article, On(Info)),
            Rule::Boilerplate => ("boilerplate", Article, On(Hint)),
            Rule::UnknownSource => ("unknown-source", Note, On(Error)),
            Rule::QuoteNotFound => ("quote-not-found", Note, On(Error)),
            Rule::Misquote => ("misquote", Note, On(Error)),
            Rule::QuoteWrongSource => ("quote-wrong-source", Note, On(Warning)),
            Rule::MisattributedQuote => ("misattributed-quote", Note, On(Warning)),
            Rule::NumberMismatch => ("number-mismatch", Note, On(Error)),
            Rule::DateMismatch => ("date-mismatch", Note, On(Error)),
            Rule::ContradictedClaim => ("contradicted-claim", Note, On(Error)),
            Rule::UnsupportedClaim => ("unsupported-claim", Note, On(Warning)),
            Rule::UncitedClaim => ("uncited-claim", Note, Off),
        }
    }

    pub fn code(self) -> &'static str {
        self.identity().0
    }

    pub fn file_kind(self) -> FileKind {
        self.identity().1
    }

    pub fn default_level(self) -> Level {
        self.identity().2
    }

    /// `None` when the rule is off unless configured.
    pub fn default_severity(self) -> Option<Severity> {
        match self.default_level() {
            Off => None,
            On(severity) => Some(severity),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_code(rule.code()), Some(rule));
        }
        let mut codes: Vec<_> = Rule::ALL.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Rule::ALL.len());
    }
}
