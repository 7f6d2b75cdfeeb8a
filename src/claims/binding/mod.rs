//! A claim's numbers and dates bound to the event it reports. An article
//! gives many numbers and dates, most of them for other events, so a
//! claim's number or date is checked against the passage of the cited
//! article that supports the rest of the claim, and within it against the
//! value whose neighbouring words are the claim's words around its own
//! ("the discount rate to 1.25 per cent", not "the funds rate to 1.75 per
//! cent" in the same sentence).
//!
//! A mismatch with a value the article does state elsewhere is reported
//! only when the binding is clear: the passage carries the claim well, the
//! bound value sits among the claim's words, and wherever the article does
//! state the claim's value it is for something else. Otherwise the rules
//! stay silent rather than guess.

mod neighbours;
mod passage;

use std::ops::Range;

use self::neighbours::{ClaimWords, Neighbours};
use self::passage::{Passage, carried, event_passage};
use super::content_terms::{self, Term};
use super::evidence::excerpt;
use super::passage::shape::ClaimShape;
use super::rules::ClaimContext;
use crate::article::ArticleWords;
use crate::article::facts::ArticleFacts;
use crate::dates;
use crate::diagnostic::Diagnostic;

/// Share of the claim's content the passage must carry before a value the
/// article states elsewhere is taken to be another event's.
const STRONG_PASSAGE: f32 = 0.6;
/// Words before a number or date read for whether it is to come.
const FUTURE_REACH: usize = 8;

/// A number or date of a cited article the claim's can be compared with.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Its place in the article's facts of its kind.
    pub index: usize,
    pub sentence: usize,
    pub words: Range<usize>,
    /// Whether it states the claim's value (or may: a rounding, a range).
    pub agrees: bool,
    /// Whether it can be the value the source gives for the claim's: of
    /// the claim's own kind ("1.75 per cent" for a claim's per cent, not
    /// the "40" of "a 40-year low" beside it; not "77 percent" for "4,800
    /// children").
    pub bindable: bool,
}

/// What a cited article says of a claim's number or date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// The passage for the event states it.
    Supported,
    /// The article states it, perhaps for another event; or the binding is
    /// not clear enough to tell.
    Unsure,
    /// The article does not state it for this event; with the candidate
    /// bound to it when that is clear.
    Mismatch(Option<usize>),
}

/// One cited article read for one number or date of a claim.
struct Binder<'a> {
    /// The article's words, read with its text.
    text: ArticleWords<'a>,
    facts: &'a ArticleFacts,
    passage: Option<&'a Passage>,
    terms: &'a [Term],
    /// The claim's words around its number or date.
    claim_near: Neighbours,
    /// Whether the claim speaks of what is to come: a passage that does
    /// not (or the reverse) is about another event.
    claim_future: bool,
}

impl Binder<'_> {
    /// The verdict over `candidates` (the article's numbers or dates that
    /// compare with the claim's). `weakly_stated`: the article states the
    /// claim's value where it is no event's (a date that is the article's
    /// own).
    fn verdict(&self, candidates: &[Candidate], weakly_stated: bool) -> Verdict {
        let stated = weakly_stated || candidates.iter().any(|c| c.agrees);
        let Some(passage) = self.passage else {
            return if stated {
                Verdict::Supported
            } else {
                Verdict::Mismatch(None)
            };
        };
        let window: Vec<&Candidate> = (candidates.iter())
            .filter(|c| passage.sentences.contains(&c.sentence))
            .collect();
        let scored: Vec<Scored> = (window.iter())
            .filter(|c| c.bindable)
            .map(|c| self.scored(c))
            .collect();
        let Some(bound) = bound(passage, &scored) else {
            return if window.iter().any(|c| c.agrees) {
                Verdict::Supported
            } else if stated {
                Verdict::Unsure
            } else {
                Verdict::Mismatch(None)
            };
        };
        if bound.candidate.agrees {
            return Verdict::Supported;
        }
        let alone = (window.iter())
            .filter(|c| c.sentence == bound.candidate.sentence)
            .count()
            == 1;
        // A value the source gives for what is to come ("next year's race
        // will be held on April 27") is not a past event's.
        let clear = bound.candidate.sentence == passage.sentence
            && (bound.raw > 0.0 || alone)
            && (self.claim_future || !self.in_future_clause(bound.candidate));
        if !stated {
            return Verdict::Mismatch(clear.then_some(bound.candidate.index));
        }
        let rivals_weaker = (candidates.iter())
            .filter(|c| c.agrees)
            .all(|rival| self.weaker(&self.scored(rival), bound));
        if clear && passage.strength >= STRONG_PASSAGE && rivals_weaker {
            Verdict::Mismatch(Some(bound.candidate.index))
        } else {
            Verdict::Unsure
        }
    }

    fn scored<'c>(&self, candidate: &'c Candidate) -> Scored<'c> {
        let near = self.near(candidate);
        let shares = self.claim_near.shares(&near);
        Scored {
            candidate,
            raw: shares.iter().sum(),
            shares,
            beside: self.claim_near.beside(&near),
        }
    }

    /// Whether the words just before `candidate` speak of what is to come.
    fn in_future_clause(&self, candidate: &Candidate) -> bool {
        let sentence = self.text.sentences.at(candidate.sentence);
        let start = candidate
            .words
            .start
            .saturating_sub(FUTURE_REACH)
            .max(sentence.start);
        let before: Vec<&str> = (self.text.words.slice(start..candidate.words.start))
            .texts()
            .collect();
        dates::speaks_of_future(&before.join(" "))
    }

    /// The source's words around `candidate`, within its sentence.
    fn near(&self, candidate: &Candidate) -> Neighbours {
        let sentence = self.text.sentences.at(candidate.sentence);
        let facts: Vec<neighbours::Fact> = (self.facts.quantities.iter())
            .map(|f| (f.words.clone(), true))
            .chain(self.facts.dates.iter().map(|f| (f.words.clone(), false)))
            .filter(|(w, _)| sentence.start <= w.start && w.end <= sentence.end)
            .map(|(words, quantity)| neighbours::Fact { words, quantity })
            .collect();
        Neighbours::around(
            self.text.words,
            sentence,
            candidate.words.clone(),
            &facts,
            |_| false,
        )
    }

    /// Whether a value that agrees with the claim's (`rival`) is plainly
    /// another event's than the `bound` one: in the bound one's sentence,
    /// much further from the claim's words that set the two apart ("Gafner
    /// four months" against "Steuri three months", both near "Bernhard"
    /// and "months"); elsewhere, in a sentence that carries less of the
    /// claim, the claim's words near it counted in.
    fn weaker(&self, rival: &Scored, bound: &Scored) -> bool {
        if rival.candidate.sentence == bound.candidate.sentence {
            // One plain word is too little to tell two numbers of a list
            // apart ("a fine of 5,000 francs, ... and 4,000 francs"): it
            // takes a name or two words.
            // And one of those words stands right beside the bound value:
            // names a few words off may be another clause's ("151 runs shy
            // of South Africa after ... the tourists fell for 277").
            let setting_apart = bound.words_apart_from(rival);
            let names = self.claim_near.names();
            let telling = (setting_apart.len() >= 2 || setting_apart.iter().any(|&i| names[i]))
                && setting_apart.iter().any(|&i| bound.beside[i]);
            return telling && rival.apart_from(bound) * 2.0 < bound.apart_from(rival);
        }
        let event = |s: &Scored| carried(self.terms, self.text, s.candidate.sentence) + s.raw / 2.0;
        event(rival) < event(bound)
    }
}

/// A candidate and how near the claim's words it sits: what each of the
/// claim's words near its number or date adds, and in all.
struct Scored<'c> {
    candidate: &'c Candidate,
    shares: Vec<f32>,
    raw: f32,
    /// Per claim word near its number or date, whether it stands right
    /// beside this candidate.
    beside: Vec<bool>,
}

impl Scored<'_> {
    /// The claim's words (as indexes of its neighbours) near this candidate
    /// and not near `other`.
    fn words_apart_from(&self, other: &Scored) -> Vec<usize> {
        (self.shares.iter().zip(&other.shares).enumerate())
            .filter(|(_, (mine, theirs))| **mine > 0.0 && **theirs == 0.0)
            .map(|(i, _)| i)
            .collect()
    }

    /// What the claim's words near this candidate and not near `other` add.
    fn apart_from(&self, other: &Scored) -> f32 {
        (self.words_apart_from(other).into_iter())
            .map(|i| self.shares[i])
            .sum()
    }
}

/// A claim read for its numbers and dates: its content, its words, and the
/// passage for its event in each cited article.
pub struct ClaimEvent<'c> {
    ctx: &'c ClaimContext<'c>,
    terms: Vec<Term>,
    words: ClaimWords,
    passages: Vec<(usize, Option<Passage>)>,
}

/// A number or date of a claim that the cited articles do not give for its
/// event, as the first cited article shows it.
#[derive(Debug, Clone, Copy)]
pub struct Mismatch {
    pub article: usize,
    /// The sentence of the passage for the event, when there is one.
    pub passage: Option<usize>,
    /// The candidate bound to the claim's number or date, when that is
    /// clear: the value the source gives for the event.
    pub bound: Option<usize>,
}

impl<'c> ClaimEvent<'c> {
    pub fn new(ctx: &'c ClaimContext<'c>) -> ClaimEvent<'c> {
        let terms = content_terms::terms(ctx.own);
        let shape = ClaimShape::of(ctx.own);
        let passages = (ctx.cited.iter())
            .map(|&article| (article, event_passage(ctx.corpus, &shape, article, &terms)))
            .collect();
        ClaimEvent {
            ctx,
            words: ClaimWords::new(ctx.own),
            terms,
            passages,
        }
    }

    /// Whether every cited article fails to give the claim's number or
    /// date at `fact` (bytes of its own words) for the event. `compare`
    /// gives an article's numbers or dates as candidates, and whether the
    /// article gives the claim's where it is no event's; none when the
    /// article cannot judge it.
    pub fn mismatch(
        &self,
        fact: Range<usize>,
        compare: impl Fn(usize) -> Option<(Vec<Candidate>, bool)>,
    ) -> Option<Mismatch> {
        let mut first = None;
        for (article, passage) in &self.passages {
            let article = *article;
            let (candidates, weakly_stated) = compare(article)?;
            let binder = Binder {
                text: self.ctx.corpus.text_at(article),
                facts: self.ctx.corpus.facts_at(article),
                passage: passage.as_ref(),
                terms: &self.terms,
                claim_near: self.words.around(fact.clone()),
                claim_future: self.words.future,
            };
            match binder.verdict(&candidates, weakly_stated) {
                Verdict::Mismatch(bound) => {
                    first.get_or_insert(Mismatch {
                        article,
                        passage: passage.as_ref().map(|p| p.sentence),
                        bound,
                    });
                }
                Verdict::Supported | Verdict::Unsure => return None,
            }
        }
        first
    }
}

impl Mismatch {
    /// `diagnostic` with its evidence: the sentence `bound_sentence` of the
    /// bound value, else the closest passage.
    pub fn with_passage(
        &self,
        ctx: &ClaimContext,
        diagnostic: Diagnostic,
        bound_sentence: Option<usize>,
    ) -> Diagnostic {
        let Some(sentence) = bound_sentence.or(self.passage) else {
            return diagnostic;
        };
        let source = ctx.corpus.article(self.article);
        let text = ctx.corpus.text_at(self.article);
        let bytes = text.byte_range(text.sentences.at(sentence));
        let label = if bound_sentence.is_some() {
            "the passage for this"
        } else {
            "closest passage"
        };
        diagnostic.with_related(
            ctx.article_location(self.article, bytes.clone()),
            format!(
                "{label} in `{}`: “{}”",
                source.key,
                excerpt(&source.text[bytes])
            ),
        )
    }
}

/// The candidate of the passage's sentence nearest the claim's words (of
/// a sentence beside it when it has none); none when the nearest disagree
/// among themselves.
fn bound<'s, 'c>(passage: &Passage, scored: &'s [Scored<'c>]) -> Option<&'s Scored<'c>> {
    let key = |s: &Scored| (s.candidate.sentence == passage.sentence, s.raw);
    let best = scored.iter().max_by(|a, b| {
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
    })?;
    let ties = scored.iter().filter(|s| key(s) == key(best));
    if ties
        .into_iter()
        .any(|s| s.candidate.agrees != best.candidate.agrees)
    {
        return None;
    }
    Some(best)
}

/// Words of a source's sentence ("about 1,200") as they read opening the
/// claim's ("About 1,200"): a fix that left them in lower case would join
/// the claim to the sentence before it.
pub fn sentence_opening(words: &str) -> String {
    let mut chars = words.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => words.to_string(),
    }
}

/// Words that open a source's sentence ("About 1,200") as they read inside
/// the claim's ("about 1,200"); a capital that is part of a mark or a name
/// ("US$2m") stays.
pub fn mid_sentence(words: &str) -> String {
    let mut chars = words.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(words.chars().skip(1)).collect()
        }
        _ => words.to_string(),
    }
}

#[cfg(test)]
mod tests;
