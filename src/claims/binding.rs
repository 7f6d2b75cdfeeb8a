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

use std::ops::Range;

use super::content_terms::{self, Term, stem, term_in};
use super::evidence::{excerpt, supporting_passage};
use super::rules::ClaimContext;
use crate::article::ArticleText;
use crate::article::facts::{ArticleFacts, quantities_outside_dates};
use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::text::normalize::is_stopword;
use crate::text::{Word, words};

/// Share of the claim's content the passage must carry before a value the
/// article states elsewhere is taken to be another event's.
const STRONG_PASSAGE: f32 = 0.6;
/// Content words looked at on each side of a number or date.
const REACH: usize = 6;

/// The sentence of a cited article that supports the rest of a claim.
#[derive(Debug, Clone, Copy)]
pub struct Passage {
    pub sentence: usize,
    /// Share of the claim's content terms it carries.
    pub strength: f32,
    /// Whether it speaks of what is to come ("will be held").
    pub future: bool,
}

/// The passage of `article` that supports the claim apart from its numbers
/// and dates. The one place the checks of numbers and dates choose their
/// passage.
fn event_passage(ctx: &ClaimContext, article: usize, terms: &[Term]) -> Option<Passage> {
    let bytes = supporting_passage(ctx.corpus, ctx.claim, article)?;
    let text = ctx.corpus.text_at(article);
    let sentence = (text.sentences.iter()).position(|s| text.byte_range(s.clone()) == bytes)?;
    let words = &ctx.corpus.article(article).text[bytes];
    Some(Passage {
        sentence,
        strength: carried(terms, text, sentence),
        future: dates::speaks_of_future(words),
    })
}

/// Share of `terms` that `sentence` carries: in the sentence itself, or,
/// for a name, in a sentence beside it (which says "he").
fn carried(terms: &[Term], text: &ArticleText, sentence: usize) -> f32 {
    if terms.is_empty() {
        return 0.0;
    }
    let own = &text.words[text.sentences[sentence].clone()];
    let first = sentence.saturating_sub(1);
    let last = (sentence + 1).min(text.sentences.len() - 1);
    let beside = &text.words[text.sentences[first].start..text.sentences[last].end];
    let found = (terms.iter())
        .filter(|t| term_in(t, own) || (t.name && term_in(t, beside)))
        .count();
    found as f32 / terms.len() as f32
}

/// Whether a word says what a number or date is about.
fn is_content(word: &str) -> bool {
    word.chars().count() >= 2
        && word.chars().any(char::is_alphabetic)
        && !word.chars().any(|c| c.is_ascii_digit())
        && !is_stopword(word)
}

/// The content words near a number or date, as stems, with how many other
/// content words lie between.
#[derive(Debug, Default, Clone)]
struct Neighbours(Vec<(String, usize)>);

impl Neighbours {
    /// The words of `within` around `fact` (word ranges of `words`), up to
    /// another fact on either side, that fact's unit word included.
    fn around(
        words: &[Word],
        within: Range<usize>,
        fact: Range<usize>,
        facts: &[Range<usize>],
    ) -> Neighbours {
        let other = |i: usize| facts.iter().any(|f| f.contains(&i) && *f != fact);
        let mut found = Vec::new();
        let left = (within.start..fact.start.max(within.start)).rev();
        let right = fact.end.min(within.end)..within.end;
        for (side, leftwards) in [(left.collect::<Vec<_>>(), true), (right.collect(), false)] {
            let mut distance = 0;
            for i in side {
                // The word just after another number is that number's
                // ("20 homes and 12 shops").
                let unit_of_other = leftwards && i > 0 && other(i - 1);
                if other(i) || distance >= REACH || unit_of_other {
                    break;
                }
                if is_content(&words[i].text) {
                    found.push((stem(&words[i].text).to_string(), distance));
                    distance += 1;
                }
            }
        }
        Neighbours(found)
    }

    /// How much the words around one fact are the words around another:
    /// each shared word counts more the nearer it is on both sides.
    fn closeness(&self, other: &Neighbours) -> f32 {
        let weight = |d: usize| 1.0 / (1.0 + d as f32);
        (self.0.iter())
            .filter_map(|(word, near)| {
                (other.0.iter())
                    .filter(|(w, _)| w == word)
                    .map(|(_, d)| weight(*near) * weight(*d))
                    .reduce(f32::max)
            })
            .sum()
    }
}

/// A claim's own words and where its numbers and dates are among them.
struct ClaimWords {
    words: Vec<Word>,
    facts: Vec<Range<usize>>,
    /// Whether the claim speaks of what is to come.
    future: bool,
}

impl ClaimWords {
    fn new(own: &str) -> ClaimWords {
        let words = words(own);
        let bytes = (quantities_outside_dates(own).into_iter().map(|q| q.range))
            .chain(dates::find_dates(own).into_iter().map(|d| d.range))
            .chain(dates::find_weekdays(own).into_iter().map(|w| w.range));
        let facts = bytes.map(|r| word_range(&words, r)).collect();
        ClaimWords {
            words,
            facts,
            future: dates::speaks_of_future(own),
        }
    }

    /// The words around the number or date at `bytes` of the claim.
    fn around(&self, bytes: Range<usize>) -> Neighbours {
        let fact = word_range(&self.words, bytes);
        Neighbours::around(&self.words, 0..self.words.len(), fact, &self.facts)
    }
}

/// The words of `words` that `bytes` covers.
fn word_range(words: &[Word], bytes: Range<usize>) -> Range<usize> {
    let first = words.partition_point(|w| w.range.end <= bytes.start);
    let end = words.partition_point(|w| w.range.start < bytes.end);
    first..end.max(first)
}

/// A number or date of a cited article the claim's can be compared with.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Its place in the article's facts of its kind.
    pub index: usize,
    pub sentence: usize,
    pub words: Range<usize>,
    /// Whether it states the claim's value (or may: a rounding, a range).
    pub agrees: bool,
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
    text: &'a ArticleText,
    facts: &'a ArticleFacts,
    passage: Option<Passage>,
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
        let scored: Vec<(&Candidate, f32)> = (candidates.iter())
            .filter(|c| c.sentence.abs_diff(passage.sentence) <= 1)
            .map(|c| (c, self.closeness(c)))
            .collect();
        let Some((bound, score)) = bound(passage, &scored) else {
            return if scored.iter().any(|(c, _)| c.agrees) {
                Verdict::Supported
            } else if stated {
                Verdict::Unsure
            } else {
                Verdict::Mismatch(None)
            };
        };
        if bound.agrees {
            return Verdict::Supported;
        }
        let alone = (scored.iter())
            .filter(|(c, _)| c.sentence == bound.sentence)
            .count()
            == 1;
        let clear = bound.sentence == passage.sentence
            && (score > 0.0 || alone)
            && passage.future == self.claim_future;
        if !stated {
            return Verdict::Mismatch(clear.then_some(bound.index));
        }
        let rivals_weaker = (candidates.iter())
            .filter(|c| c.agrees)
            .all(|rival| self.weaker(rival, score, passage));
        if clear && passage.strength >= STRONG_PASSAGE && rivals_weaker {
            Verdict::Mismatch(Some(bound.index))
        } else {
            Verdict::Unsure
        }
    }

    /// How near the claim's words `candidate` sits.
    fn closeness(&self, candidate: &Candidate) -> f32 {
        let sentence = self.text.sentences[candidate.sentence].clone();
        let facts: Vec<Range<usize>> = (self.facts.quantities.iter().map(|f| f.words.clone()))
            .chain(self.facts.dates.iter().map(|f| f.words.clone()))
            .filter(|w| sentence.start <= w.start && w.end <= sentence.end)
            .collect();
        let near = Neighbours::around(&self.text.words, sentence, candidate.words.clone(), &facts);
        self.claim_near.closeness(&near)
    }

    /// Whether a value that agrees with the claim's (`rival`) is plainly
    /// another event's than the bound one (of closeness `score`): in the
    /// passage's sentence, much further from the claim's words; elsewhere,
    /// in a sentence carrying less of the claim.
    fn weaker(&self, rival: &Candidate, score: f32, passage: Passage) -> bool {
        if rival.sentence == passage.sentence {
            return self.closeness(rival) * 2.0 < score;
        }
        carried(self.terms, self.text, rival.sentence) < passage.strength
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
    pub passage: Option<Passage>,
    /// The candidate bound to the claim's number or date, when that is
    /// clear: the value the source gives for the event.
    pub bound: Option<usize>,
}

impl<'c> ClaimEvent<'c> {
    pub fn new(ctx: &'c ClaimContext<'c>) -> ClaimEvent<'c> {
        let terms = content_terms::terms(ctx.own);
        let passages = (ctx.cited.iter())
            .map(|&article| (article, event_passage(ctx, article, &terms)))
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
        for &(article, passage) in &self.passages {
            let (candidates, weakly_stated) = compare(article)?;
            let binder = Binder {
                text: self.ctx.corpus.text_at(article),
                facts: self.ctx.corpus.facts_at(article),
                passage,
                terms: &self.terms,
                claim_near: self.words.around(fact.clone()),
                claim_future: self.words.future,
            };
            match binder.verdict(&candidates, weakly_stated) {
                Verdict::Mismatch(bound) => {
                    first.get_or_insert(Mismatch {
                        article,
                        passage,
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
        let Some(sentence) = bound_sentence.or(self.passage.map(|p| p.sentence)) else {
            return diagnostic;
        };
        let source = ctx.corpus.article(self.article);
        let text = ctx.corpus.text_at(self.article);
        let bytes = text.byte_range(text.sentences[sentence].clone());
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
fn bound<'c>(passage: Passage, scored: &[(&'c Candidate, f32)]) -> Option<(&'c Candidate, f32)> {
    let key = |(c, score): &(&Candidate, f32)| (c.sentence == passage.sentence, *score);
    let best = scored.iter().max_by(|a, b| {
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
    })?;
    let ties = scored.iter().filter(|s| key(s) == key(best));
    if ties.into_iter().any(|(c, _)| c.agrees != best.0.agrees) {
        return None;
    }
    Some(*best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(text: &str, fact: &str) -> Neighbours {
        let claim = ClaimWords::new(text);
        let at = text.find(fact).unwrap();
        claim.around(at..at + fact.len())
    }

    #[test]
    fn the_value_among_the_claims_words_is_nearest() {
        let claim = near("The Fed cut the discount rate to 1.75 per cent", "1.75");
        let source = "It cut the federal funds rate by a quarter point to 1.75 per cent, and the discount rate to 1.25 per cent.";
        let funds = near(source, "1.75");
        let discount = near(source, "1.25");
        assert!(
            claim.closeness(&discount) > 2.0 * claim.closeness(&funds),
            "{discount:?} {funds:?}"
        );
    }

    #[test]
    fn neighbours_stop_at_another_fact() {
        let words: Vec<String> = near("20 homes and 12 shops burned", "12")
            .0
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(words, vec!["shop", "burn"]);
    }
}
