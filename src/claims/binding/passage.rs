//! The passage of a cited article that supports the rest of a claim, where
//! its numbers and dates are looked for, and how much of the claim a
//! sentence carries.

use std::ops::Range;

use crate::article::ArticleWords;
use crate::claims::content_terms::{Term, plain, stem};
use crate::claims::passage::{self as model, shape::ClaimShape};
use crate::corpus::Corpus;
use crate::text::Words;

/// Sentences either side of a passage that may name who it speaks of.
const NAME_REACH: usize = 2;

/// The sentences of a cited article that support the rest of a claim.
#[derive(Debug, Clone)]
pub struct Passage {
    /// The sentences read for the event's numbers and dates: the passage
    /// and a sentence either side.
    pub sentences: Range<usize>,
    /// The one of them that carries most of the claim.
    pub sentence: usize,
    /// Share of the claim's content terms it carries.
    pub strength: f32,
}

/// The passage of `article` that the passage model finds holds a claim of
/// `shape`, read for the event's numbers and dates. The one place the
/// checks of numbers and dates choose their passage.
pub fn event_passage(
    corpus: &Corpus,
    shape: &ClaimShape,
    article: usize,
    terms: &[Term],
) -> Option<Passage> {
    corpus.article_text(article)?;
    let found = model::match_article(corpus, shape, article);
    if found.coverage <= 0.0 || found.sentences.is_empty() {
        return None;
    }
    Some(around_passage(
        corpus.text_at(article),
        terms,
        found.sentences,
    ))
}

/// The passage `sentences` with a sentence either side, centred on the
/// sentence that carries most of the claim (of equals, the passage's own).
fn around_passage(text: ArticleWords<'_>, terms: &[Term], sentences: Range<usize>) -> Passage {
    let window = sentences.start.saturating_sub(1)..(sentences.end + 1).min(text.sentences.len());
    // Names count in the sentences around, so several may carry as much;
    // of those, the one holding more of the claim in its own words.
    let key = |sentence: usize| {
        let own = text.words.slice(text.sentences.at(sentence));
        let local = terms.iter().filter(|t| term_in(t, own)).count();
        (carried(terms, text, sentence), local)
    };
    let mut centre = (sentences.start, key(sentences.start));
    for sentence in window.clone() {
        let this = key(sentence);
        if this > centre.1 {
            centre = (sentence, this);
        }
    }
    Passage {
        sentences: window,
        sentence: centre.0,
        strength: centre.1.0,
    }
}

/// Share of `terms` that `sentence` carries: in the sentence itself, or,
/// for a name, in the sentences around it (which say "he", "the company").
pub fn carried(terms: &[Term], text: ArticleWords<'_>, sentence: usize) -> f32 {
    if terms.is_empty() {
        return 0.0;
    }
    let own = text.words.slice(text.sentences.at(sentence));
    let first = sentence.saturating_sub(NAME_REACH);
    let last = (sentence + NAME_REACH).min(text.sentences.len() - 1);
    let beside = text
        .words
        .slice(text.sentences.at(first).start..text.sentences.at(last).end);
    let found = (terms.iter())
        .filter(|t| term_in(t, own) || (t.name && term_in(t, beside)))
        .count();
    found as f32 / terms.len() as f32
}

/// Whether `source` holds `term`: as written, by stem, without diacritics,
/// or (a long word) as a spelling variant.
fn term_in(term: &Term, source: Words<'_>) -> bool {
    let stemmed = stem(&term.word);
    let plain_term = plain(&term.word);
    source.texts().any(|w| {
        let s = w.trim_end_matches("'s");
        s == term.word
            || (!s.is_ascii() && plain(s) == plain_term)
            // A stem is a prefix of its word: most words fail the prefix
            // test, which is far cheaper than stemming them.
            || (s.starts_with(stemmed) && stem(s) == stemmed)
            || (term.word.chars().count() >= 6
                && s.chars().count() >= 6
                && strsim::jaro_winkler(s, &term.word) >= 0.93)
    })
}
