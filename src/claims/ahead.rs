//! Claims checked ahead of their note's check, by every rule but
//! `misattributed-quote`, the one that needs the people index: the costliest
//! part of a note check (matching quotes, numbers and support) runs while
//! the people index is still being read, and the check then only
//! attributes the quotes found. Never stored: it serves one check.

use std::collections::HashMap;
use std::sync::Mutex;

use super::claim_cache::ClaimKey;
use super::quote_search::QuoteMatch;
use crate::diagnostic::Diagnostic;

/// A claim checked by every rule but `misattributed-quote`: what the check
/// finds, in order, with the quotes whose attribution is still to be
/// checked in their places.
#[derive(Debug)]
pub(super) struct Unattributed {
    pub parts: Vec<Part>,
    /// Whether a quote's finding is among `parts`.
    pub troubled: bool,
    /// `unsupported-claim`'s finding, made because nothing troubled the
    /// claim so far: an attribution that does drops it.
    pub support: Option<Diagnostic>,
}

#[derive(Debug)]
pub(super) enum Part {
    Finding(Diagnostic),
    /// A quote found in a source, whose speaker there is still to be
    /// compared with the note's.
    Attribution(QuoteMatch),
    /// A finding whose fix puts in the words or the key of the source
    /// passage `QuoteMatch` found: kept only if that passage's speaker is
    /// the note's, else the fix would make a misattributed quote.
    Fixed(Diagnostic, QuoteMatch),
}

impl Unattributed {
    /// The claim's findings, given its attributions' findings.
    pub fn attribute(
        self,
        attribution: impl Fn(&QuoteMatch) -> Option<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let mut troubled = self.troubled;
        let mut out = Vec::with_capacity(self.parts.len() + 1);
        for part in self.parts {
            match part {
                Part::Finding(diagnostic) => out.push(diagnostic),
                Part::Attribution(found) => {
                    if let Some(diagnostic) = attribution(&found) {
                        troubled = true;
                        out.push(diagnostic);
                    }
                }
                Part::Fixed(mut diagnostic, found) => {
                    if let Some(other_speaker) = attribution(&found) {
                        diagnostic.fix = None;
                        diagnostic.message.push_str(
                            "; no fix: the source gives these words to someone other than the note's speaker",
                        );
                        diagnostic.related.extend(other_speaker.related);
                    }
                    out.push(diagnostic);
                }
            }
        }
        if !troubled {
            out.extend(self.support);
        }
        out
    }
}

/// Claims checked against one corpus but for their attribution, by claim
/// key and where the claim starts.
#[derive(Default)]
pub struct ClaimsAhead {
    pub(super) checked: Mutex<HashMap<(ClaimKey, usize), Unattributed>>,
}

impl ClaimsAhead {
    pub(super) fn take(&self, key: ClaimKey, start: usize) -> Option<Unattributed> {
        let mut checked = self.checked.lock().unwrap_or_else(|e| e.into_inner());
        checked.remove(&(key, start))
    }

    pub(super) fn put(&self, key: ClaimKey, start: usize, claim: Unattributed) {
        let mut checked = self.checked.lock().unwrap_or_else(|e| e.into_inner());
        checked.insert((key, start), claim);
    }

    /// Drop every claim left: a check has used those it needed.
    pub fn clear(&self) {
        self.checked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}
