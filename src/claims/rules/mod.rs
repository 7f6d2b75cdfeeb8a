//! The note rules, each in the file named by its code, and what a rule sees
//! of the claim it checks. The claim checker (`claims::NoteChecker`)
//! decides which rules run on a claim; each rule decides whether it fires
//! and words its finding.

pub mod contradicted_claim;
pub mod date_mismatch;
pub mod misattributed_quote;
pub mod misquote;
pub mod number_mismatch;
pub mod quote_not_found;
pub mod quote_wrong_source;
pub mod uncited_claim;
pub mod unknown_source;
pub mod unsupported_claim;

use std::ops::Range;
use std::path::Path;

use super::evidence::{self, Evidence, excerpt};
use super::passage::PassageMatch;
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Location};
use crate::note::{Citation, Claim, Note};
use crate::retrieval::{LazyPassageIndex, PassageIndex};

/// One claim of a note, with the corpus it is checked against.
pub struct ClaimContext<'a> {
    pub corpus: &'a Corpus,
    /// The corpus's passage index, made when a rule first needs it.
    pub passages: &'a LazyPassageIndex,
    /// The note's path.
    pub path: &'a Path,
    pub note: &'a Note,
    pub claim: &'a Claim,
    /// The articles the claim cites, as far as the corpus has them.
    pub cited: &'a [usize],
    /// The claim's own words (`content_terms::own_words`), offsets kept.
    pub own: &'a str,
}

impl ClaimContext<'_> {
    pub fn index(&self) -> &dyn PassageIndex {
        self.passages.get(self.corpus)
    }

    /// `range` of the note.
    pub fn location(&self, range: Range<usize>) -> Location {
        Location {
            path: self.path.to_path_buf(),
            range,
        }
    }

    /// `range` of an article's text.
    pub fn article_location(&self, article: usize, range: Range<usize>) -> Location {
        Location {
            path: self.corpus.path(article).to_path_buf(),
            range,
        }
    }

    /// The sentence of `article` that best matches `words`, preferring one
    /// for which `wanted` holds.
    pub fn best_passage(
        &self,
        article: usize,
        words: &[&str],
        wanted: impl Fn(Range<usize>) -> bool,
    ) -> Option<Evidence> {
        evidence::best_passage(self.corpus, self.index(), article, words, wanted)
    }

    /// `diagnostic` with a passage as its evidence, labelled `label`
    /// ("closest passage").
    pub fn with_passage(
        &self,
        diagnostic: Diagnostic,
        found: &PassageMatch,
        label: &str,
    ) -> Diagnostic {
        let article = self.corpus.article(found.article);
        let passage = excerpt(article.text.get(found.range.clone()).unwrap_or(""));
        diagnostic.with_related(
            self.article_location(found.article, found.range.clone()),
            format!("{label} in `{}`: “{passage}”", article.key),
        )
    }

    /// The claim's one citation by key, when it has exactly one: the one a
    /// fix can point elsewhere without guessing which was meant.
    pub fn only_keyed_citation(&self) -> Option<&Citation> {
        let keyed: Vec<&Citation> = self
            .claim
            .citations
            .iter()
            .map(|&c| &self.note.citations[c])
            .filter(|c| c.key().is_some())
            .collect();
        match keyed.as_slice() {
            [only] => Some(only),
            _ => None,
        }
    }
}
