//! How loud a finding is, and how loud a rule is configured to be.

use serde::{Deserialize, Serialize};

/// How loud a diagnostic is. Ordered from quietest to loudest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A configured severity: a rule can also be turned off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub const NAMES: &'static str = "off, hint, info, warning, error";

    pub fn parse(name: &str) -> Option<Level> {
        Some(match name {
            "off" => Level::Off,
            "hint" => Level::On(Severity::Hint),
            "info" => Level::On(Severity::Info),
            "warning" => Level::On(Severity::Warning),
            "error" => Level::On(Severity::Error),
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::On(severity) => severity.as_str(),
        }
    }
}
