//! backstop's own diagnostic type. Protocol and terminal forms are made from
//! it at the edges (`cli::output`, `lsp::convert`).

use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::rules::Rule;

pub use crate::severity::{Level, Severity};

/// A place in a file: an absolute path and a byte range into its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    pub path: PathBuf,
    pub range: Range<usize>,
}

/// Evidence that belongs with a diagnostic: the source passage, the other
/// duplicate, the article that does hold a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub location: Location,
    pub message: String,
}

/// One text replacement. Fixes only ever become edits that an editor applies
/// or that a user asks for; backstop never writes them to disk on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub location: Location,
    pub new_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What applying the fix does, phrased as an action ("Replace with …").
    pub title: String,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub location: Location,
    pub message: String,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity; the configured severity is
    /// applied later, in one place (`analysis`).
    pub fn new(rule: Rule, location: Location, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.default_severity().unwrap_or(Severity::Hint),
            location,
            message: message.into(),
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn with_related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, title: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            edits,
        });
        self
    }

    /// A fix made of a single replacement of `location`.
    pub fn with_replacement(
        self,
        title: impl Into<String>,
        location: Location,
        new_text: impl Into<String>,
    ) -> Self {
        self.with_fix(
            title,
            vec![Edit {
                location,
                new_text: new_text.into(),
            }],
        )
    }
}
