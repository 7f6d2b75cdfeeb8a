//! The passage model: whether a source supports a claim, decided on one
//! passage (a sentence, or two adjacent ones) that holds the claim's content
//! together (its people and organisations, its event, its numbers and
//! dates), never on words scattered across the article. The passage that
//! holds it is then read for polarity: a denial ("is not calling for"), an
//! opposite outcome ("criticised" for "welcomed"), swapped roles or a hedge
//! ("reportedly") make it contradict the claim or leave it unsupported.
//!
//! Rules call `best_passage` for a claim's cited articles and `match_article`
//! for any other article (a suggested citation, a better source).

mod acronyms;
pub mod lexicon;
pub mod matching;
pub mod polarity;
pub mod shape;
mod speakers;
mod stances;
mod windows;

use std::ops::Range;

use self::matching::hits;
use self::shape::ClaimShape;
use self::windows::ArticleHits;
use super::rules::ClaimContext;
use crate::corpus::Corpus;

/// Fewest content terms a claim needs to be judged at all.
const FEWEST_TERMS: usize = 2;

/// What the passage says of the claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It holds the claim's content, stated as the claim states it.
    Supported,
    /// It states the opposite; `cue` is the byte range of the article's
    /// words that do ("is not calling for").
    Contradicted {
        cue: Range<usize>,
        how: Contradiction,
    },
    /// It holds the claim's content but reports it as unconfirmed; `cue` is
    /// the hedge ("reportedly").
    Hedged { cue: Range<usize> },
    /// It holds the claim's content and names the claim's speaker, but
    /// gives the words to someone else; `cue` is that speaker's name.
    SaidByAnother { cue: Range<usize> },
    /// No passage holds the claim's content together.
    Unsupported,
}

/// How a passage contradicts a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contradiction {
    /// It denies what the claim states, or states what the claim denies.
    Denied,
    /// It states an opposite outcome ("fell" for "rose").
    Opposite,
    /// It names the same sides of the event the other way round.
    Roles,
}

/// The passage of an article that best holds a claim, and what it says of
/// it.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageMatch {
    pub article: usize,
    /// Sentences of the article's text (`ArticleText::sentences`).
    pub sentences: Range<usize>,
    /// Bytes of the article's text.
    pub range: Range<usize>,
    /// Share of the claim's content the passage holds, 0 to 1.
    pub coverage: f32,
    pub verdict: Verdict,
    /// Terms of the claim (`ClaimShape::terms`) the article never mentions
    /// in any form: names by name, events by word, stem or synonym.
    pub absent: Vec<usize>,
    /// Terms the article mentions, but not in this passage.
    pub elsewhere: Vec<usize>,
}

impl PassageMatch {
    pub fn supported(&self) -> bool {
        self.verdict == Verdict::Supported
    }
}

/// The claim's shape, when it has enough content to be judged; an
/// acronym the word lists do not know is looked up in the corpus.
pub fn shape_of(ctx: &ClaimContext) -> Option<ClaimShape> {
    let mut shape = ClaimShape::of(ctx.own);
    if shape.terms.len() < FEWEST_TERMS {
        return None;
    }
    for entity in &mut shape.entities {
        let [only] = entity.terms[..] else {
            continue;
        };
        let term = &shape.terms[only];
        if term.acronym && entity.expansions.is_empty() {
            entity.expansions =
                shape::with_short_forms(acronyms::learn(ctx.corpus, ctx.index(), &term.word));
        }
    }
    Some(shape)
}

/// The passage of the claim's cited articles that best holds it: one that
/// supports it if any does, else one that contradicts it, else the closest.
/// `None` when the claim cites no article of the corpus or has too little
/// content to judge.
pub fn best_passage(ctx: &ClaimContext) -> Option<PassageMatch> {
    let shape = shape_of(ctx)?;
    best_of(ctx.corpus, &shape, ctx.cited)
}

/// The best passage of `articles` for a claim of `shape`, ranked as
/// `best_passage` ranks them.
pub fn best_of(corpus: &Corpus, shape: &ClaimShape, articles: &[usize]) -> Option<PassageMatch> {
    articles
        .iter()
        .map(|&a| match_article(corpus, shape, a))
        .reduce(|best, next| {
            if rank(&next) > rank(&best) {
                next
            } else {
                best
            }
        })
}

/// How good a match is, for choosing among articles: support first, then
/// contradiction (the strongest finding), then coverage.
fn rank(found: &PassageMatch) -> (u8, f32) {
    let class = match found.verdict {
        Verdict::Supported => 3,
        Verdict::Contradicted { .. } => 2,
        Verdict::Hedged { .. } | Verdict::SaidByAnother { .. } => 1,
        Verdict::Unsupported => 0,
    };
    (class, found.coverage)
}

/// The passage of `article` that best holds a claim of `shape`.
pub fn match_article(corpus: &Corpus, shape: &ClaimShape, article: usize) -> PassageMatch {
    let text = corpus.text_at(article);
    let source = corpus.article(article);
    let found = hits(shape, source, text);
    ArticleHits::new(shape, text, &found).best(article)
}

#[cfg(test)]
mod tests;
