//! The source passages findings show as evidence: the sentence of a cited
//! article closest to a claim, the passage a quote was matched to, and
//! passages quoted in messages as one short line.

use std::ops::Range;

use super::content_terms::own_words;
use super::passage::{self, shape::ClaimShape};
use super::quote_search::QuoteMatch;
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Location};
use crate::note::Claim;
use crate::retrieval::PassageIndex;

/// Longest passage quoted in a message, in characters.
const EXCERPT: usize = 160;

/// A sentence of a source article shown as evidence.
pub struct Evidence {
    pub article: usize,
    /// A byte range of the article's text.
    pub sentence: Range<usize>,
}

impl Evidence {
    /// The sentence as a message quotes it.
    pub fn excerpt(&self, corpus: &Corpus) -> String {
        excerpt(
            corpus
                .article(self.article)
                .text
                .get(self.sentence.clone())
                .unwrap_or(""),
        )
    }
}

/// The sentence of `article` that best matches `words`, preferring one for
/// which `wanted` holds (one that states a number, say).
pub fn best_passage(
    corpus: &Corpus,
    index: &dyn PassageIndex,
    article: usize,
    words: &[&str],
    wanted: impl Fn(Range<usize>) -> bool,
) -> Option<Evidence> {
    let text = corpus.text_at(article);
    let passages = index.passages(words, 8, Some(article));
    let to_bytes = |sentence: usize| text.byte_range(text.sentences.at(sentence));
    let chosen = passages
        .iter()
        .map(|p| to_bytes(p.sentence))
        .find(|r| wanted(r.clone()))
        .or_else(|| passages.first().map(|p| to_bytes(p.sentence)))?;
    Some(Evidence {
        article,
        sentence: chosen,
    })
}

/// The passage of `article` that best holds `claim`'s own words, as a
/// byte range of the article's text: what hover shows and go to definition
/// jumps to for a citation.
pub fn supporting_passage(corpus: &Corpus, claim: &Claim, article: usize) -> Option<Range<usize>> {
    corpus.article_text(article)?;
    let shape = ClaimShape::of(&own_words(claim));
    let found = passage::match_article(corpus, &shape, article);
    (found.coverage > 0.0 && !found.range.is_empty()).then_some(found.range)
}

/// `diagnostic` with the passage a quote was matched to as its evidence,
/// labelled `label`, when the match found one.
pub fn with_matched_passage(
    diagnostic: Diagnostic,
    corpus: &Corpus,
    found: &QuoteMatch,
    label: &str,
) -> Diagnostic {
    let (Some(article), Some(range)) = (found.article, &found.source_range) else {
        return diagnostic;
    };
    let passage = excerpt(
        corpus
            .article(article)
            .text
            .get(range.clone())
            .unwrap_or(""),
    );
    diagnostic.with_related(
        Location {
            path: corpus.path(article).to_path_buf(),
            range: range.clone(),
        },
        format!("{label} in `{}`: “{passage}”", corpus.key(article)),
    )
}

/// A passage quoted in a message: one line, at most about 160 characters.
pub fn excerpt(text: &str) -> String {
    let collapsed = collapse_space(text);
    if collapsed.chars().count() <= EXCERPT {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(EXCERPT - 3).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(head, _)| head)
        .to_string();
    format!("{cut}…")
}

/// `text` with every run of white space made one space.
pub fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
