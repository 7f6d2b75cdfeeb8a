//! An article's passages weighed against a claim: every window of one or
//! two adjacent sentences scored by the share of the claim's content it
//! holds, the best ones read for polarity and roles. Scoring reads the
//! article's hits sentence by sentence, so it takes time linear in the
//! article.

use std::cmp::Ordering;
use std::ops::Range;

use super::lexicon::LEXICON;
use super::matching::Hit;
use super::polarity;
use super::shape::ClaimShape;
use super::stances::Stances;
use super::{Contradiction, PassageMatch, Verdict};
use crate::article::ArticleWords;
use crate::text::normalize::is_stopword;

/// Share of the claim's content a passage must hold to support it.
const SUPPORTED: f32 = 0.5;
/// Credit for a name a passage does not repeat but that the article gave
/// just before it, in its opening, or throughout: a passage says "he" for
/// a person named earlier.
const CARRIED: f32 = 0.5;
/// How many sentences from a supporting passage a denial of one of the
/// claim's words is still about the same event.
const DENIAL_DISTANCE: usize = 2;
/// Credit for a name the sentence next to the passage gives.
const ADJACENT: f32 = 0.9;
/// Credit for an event word a passage has only in a word the lexicon
/// likens to it or opposes to it: of passages otherwise alike, the one in
/// the claim's own word is the claim's ("has not been suspended" rather
/// than "the end of the innings" for "not suspended").
const LIKENED: f32 = 0.95;
/// How many sentences back a name is still carried.
const CARRY_DISTANCE: usize = 3;
/// Sentences that mention a name this often carry it everywhere.
const MAIN_ACTOR: usize = 3;
/// Words that may open a sentence before the name of who acts.
const ARTICLES: &[&str] = &["a", "an", "the"];

/// One article's hits, by sentence.
pub struct ArticleHits<'a> {
    shape: &'a ClaimShape,
    text: ArticleWords<'a>,
    hits: &'a [Hit],
    /// The sentences with a hit, in order, with the terms each mentions.
    /// Only those are kept: an article may have millions of sentences,
    /// and a claim's words are in few of them.
    masks: Vec<(usize, Masks)>,
    /// Per entity, the sentences mentioning it.
    entity_sentences: Vec<Vec<usize>>,
    /// Per entity, whether the article shows it is a name (written with a
    /// capital inside a sentence); always so for a name the claim wrote
    /// inside its sentence.
    named: Vec<bool>,
    /// Terms the article mentions alike anywhere.
    anywhere: u64,
    /// The claim's subject: the first entity that is a name, past a
    /// capitalised first word that is none ("Additional charges were filed
    /// against Reid").
    subject: Option<usize>,
}

/// The terms one sentence mentions, a bit per term.
#[derive(Debug, Clone, Copy, Default)]
struct Masks {
    alike: u64,
    opposed: u64,
    /// Of `alike`, the terms it has in the claim's own word.
    direct: u64,
}

/// A window's share of the claim and where it falls.
#[derive(Debug, Clone)]
struct Scored {
    /// The sentence stating the event.
    fact: usize,
    /// It and the sentences beside it that name the claim's subject.
    sentences: Range<usize>,
    coverage: f32,
    eligible: bool,
}

/// The order windows are chosen in: higher coverage, then one sentence
/// rather than two, then earlier, then by the sentence stating the event
/// (windows are scored one per such sentence, so no two are equal).
fn ranked(a: &Scored, b: &Scored) -> Ordering {
    (b.coverage.total_cmp(&a.coverage))
        .then(a.sentences.len().cmp(&b.sentences.len()))
        .then(a.sentences.start.cmp(&b.sentences.start))
        .then(a.fact.cmp(&b.fact))
}

fn bit(term: usize) -> u64 {
    1u64 << term
}

impl<'a> ArticleHits<'a> {
    pub fn new(shape: &'a ClaimShape, text: ArticleWords<'a>, hits: &'a [Hit]) -> ArticleHits<'a> {
        let n = text.sentences.len();
        let mut masks: Vec<(usize, Masks)> = Vec::new();
        let mut anywhere = 0u64;
        // A name the claim capitalised only because it opens the claim is a
        // name when the article always capitalises it.
        let mut lower_case: Vec<bool> = vec![false; shape.entities.len()];
        let mut sentence = 0;
        for hit in hits {
            while sentence < n && text.sentences.at(sentence).end <= hit.word {
                sentence += 1;
            }
            if sentence == n {
                break;
            }
            if masks.last().is_none_or(|(s, _)| *s != sentence) {
                masks.push((sentence, Masks::default()));
            }
            let (_, mask) = masks.last_mut().expect("pushed above");
            if hit.opposed {
                mask.opposed |= bit(hit.term);
                continue;
            }
            mask.alike |= bit(hit.term);
            if hit.direct {
                mask.direct |= bit(hit.term);
            }
            anywhere |= bit(hit.term);
            if let Some(e) = shape.terms[hit.term].entity
                && !text.words.written(hit.word).starts_with(char::is_uppercase)
            {
                lower_case[e] = true;
            }
        }
        // Kept while the passage is chosen; grown by doubling, it may
        // have as much again unused.
        masks.shrink_to_fit();
        let named: Vec<bool> = (shape.entities.iter().zip(&lower_case))
            .map(|(entity, &lower)| {
                !entity.tentative || (!lower && anywhere & bit(entity.head()) != 0)
            })
            .collect();
        let mut found = ArticleHits {
            shape,
            text,
            hits,
            masks,
            entity_sentences: Vec::new(),
            subject: named.iter().position(|&n| n),
            named,
            anywhere,
        };
        found.entity_sentences = (0..shape.entities.len())
            .map(|e| {
                (found.masks.iter())
                    .filter(|(_, mask)| found.entity_in(e, mask.alike))
                    .map(|(s, _)| *s)
                    .collect()
            })
            .collect();
        found
    }

    /// The terms sentence `s` mentions.
    fn masks(&self, s: usize) -> Masks {
        match self
            .masks
            .binary_search_by_key(&s, |(sentence, _)| *sentence)
        {
            Ok(at) => self.masks[at].1,
            Err(_) => Masks::default(),
        }
    }

    fn alike(&self, s: usize) -> u64 {
        self.masks(s).alike
    }

    /// Whether entity `e` is the claim's subject, or joined to it by "and".
    fn is_subject(&self, e: usize) -> bool {
        let Some(subject) = self.subject else {
            return false;
        };
        e == subject
            || (e > subject && (subject + 1..=e).all(|f| self.shape.entities[f].coordinated))
    }

    /// Whether the terms `mask` hold entity `e`: its last word, and its
    /// first when it is built with a connector.
    fn entity_in(&self, e: usize, mask: u64) -> bool {
        let entity = &self.shape.entities[e];
        mask & bit(entity.head()) != 0
            && (!entity.needs_first() || mask & bit(entity.terms[0]) != 0)
    }

    /// Whether the article carries entity `e` into a passage starting at
    /// sentence `start` without naming it there.
    fn carried(&self, e: usize, start: usize) -> bool {
        let mentions = &self.entity_sentences[e];
        self.named[e]
            && (mentions.len() >= MAIN_ACTOR
                || mentions
                    .iter()
                    .any(|&s| s <= 1 || (s < start && start - s <= CARRY_DISTANCE)))
    }

    /// Whether sentence `s` refers to someone it does not name: a pronoun
    /// ("he said", "their offices"), or an opening description rather than
    /// a name ("The New Zealander won", against "Reid is charged").
    fn refers_unnamed(&self, s: usize) -> bool {
        let words = self.text.sentences.at(s);
        let written = |w: usize| self.text.words.written(w);
        let named = |w: usize| {
            written(w).starts_with(char::is_uppercase) && !is_stopword(self.text.words.text(w))
        };
        let opens_unnamed = if ARTICLES.contains(&self.text.words.text(words.start)) {
            // "The New Zealander", not "The Palestinian Authority" of the claim.
            words.start + 1 < words.end
                && !(self.window_hits(&(words.start + 1..words.start + 2)).iter())
                    .any(|h| self.shape.terms[h.term].entity.is_some())
        } else {
            !named(words.start)
        };
        opens_unnamed || (words.clone()).any(|w| LEXICON.is_referring(self.text.words.text(w)))
    }

    /// Whether sentence `s` refers to several people it does not name
    /// ("the trio").
    fn refers_to_group(&self, s: usize) -> bool {
        (self.text.sentences.at(s)).any(|w| LEXICON.is_group(self.text.words.text(w)))
    }

    /// Every name term of the claim is somewhere in the article.
    fn names_present(&self) -> bool {
        (self.shape.entities.iter().enumerate())
            .filter(|(e, _)| self.named[*e])
            .all(|(_, entity)| entity.terms.iter().all(|&t| self.anywhere & bit(t) != 0))
    }

    /// The passage whose event is stated in sentence `fact`: its share of
    /// the claim, with the sentences next to it that name the claim's
    /// subject or place ("Ken McReddie said … . He said …").
    fn score(&self, fact: usize) -> Scored {
        let shape = self.shape;
        let masks = self.masks(fact);
        let alike = masks.alike;
        let mentioned = alike | masks.opposed;
        let mut sentences = fact..fact + 1;
        let mut credit = shape.verified as f32;
        // Every name in the passage, but for one it carries.
        let mut names_held = true;
        let mut carried = 0;
        let mut events = 0;
        let mut events_held = shape.numbers().filter(|&t| alike & bit(t) != 0).count();
        let mut blocked: Option<bool> = None;
        let mut group: Option<bool> = None;
        for (e, entity) in shape.entities.iter().enumerate() {
            let held = self.entity_in(e, alike);
            if !self.named[e] {
                // Not a name after all ("Doses could cost …"): a word of
                // the event.
                events += 1;
                events_held += usize::from(held);
                credit += if held { 1.0 } else { 0.0 };
                continue;
            }
            if held {
                credit += 1.0;
                continue;
            }
            // Another person named as the one who acts stops a name being
            // carried ("Pat Rafter was forced to withdraw" for "Arthurs").
            // The one the article is about may be "him" anywhere in it
            // ("wanting to ask him about his future plans" for Rafter).
            let main_actor = self.entity_sentences[e].len() >= MAIN_ACTOR;
            let may_carry = (entity.carriable || self.is_subject(e) || main_actor)
                && !*blocked.get_or_insert_with(|| self.other_subject(fact));
            // "Taking over from the trio are …" names none of the three the
            // sentence before gave.
            let by_group = *group.get_or_insert_with(|| self.refers_to_group(fact));
            let next = (fact + 1 < self.text.sentences.len()
                && self.entity_in(e, self.alike(fact + 1)))
            .then_some(fact + 1);
            let before = fact
                .checked_sub(1)
                .filter(|&b| self.entity_in(e, self.alike(b)));
            if let (true, Some(beside)) = (may_carry || by_group, before.or(next)) {
                // A sentence next to it names the subject ("He said …"), or
                // whom it was told to ("He told AFP that …"); a passage that
                // names them itself is the better one.
                credit += ADJACENT;
                sentences = sentences.start.min(beside)..sentences.end.max(beside + 1);
            } else if may_carry
                && self.carried(e, fact)
                && (self.refers_unnamed(fact) || (entity.possessor && main_actor))
            {
                credit += CARRIED;
                carried += 1;
            } else {
                names_held = false;
            }
        }
        for t in shape.events() {
            // A title before a name ("General manager Felix Oehler") says
            // who, not what happened.
            let title = self.is_title_before_name(t);
            events += usize::from(!title);
            if mentioned & bit(t) != 0 {
                credit += if masks.direct & bit(t) != 0 {
                    1.0
                } else {
                    LIKENED
                };
                events_held += usize::from(!title);
            }
        }
        let total = (shape.units() + shape.verified) as f32;
        let coverage = if total == 0.0 { 1.0 } else { credit / total };
        let eligible =
            coverage >= SUPPORTED && names_held && carried <= 1 && (events == 0 || events_held > 0);
        Scored {
            fact,
            sentences,
            coverage,
            eligible,
        }
    }

    /// Whether the claim's term `t` is a title written right before a name
    /// of the claim.
    fn is_title_before_name(&self, t: usize) -> bool {
        let position = self.shape.terms[t].position;
        LEXICON.is_title(&self.shape.terms[t].word)
            && (self.shape.terms.iter()).any(|u| u.entity.is_some() && u.position == position + 1)
    }

    /// Whether sentence `s` opens with someone the claim does not name,
    /// as the one who acts: two or more capitalised words (not titles, not
    /// the claim's names) before its first word of the event ("Pat Rafter
    /// was forced to withdraw").
    fn other_subject(&self, s: usize) -> bool {
        let words = self.text.sentences.at(s);
        let hits = self.window_hits(&words);
        let first_event = (hits.iter())
            .filter(|h| self.shape.terms[h.term].entity.is_none())
            .map(|h| h.word)
            .min()
            .unwrap_or(words.end);
        let mut run = 0;
        let mut end = words.start;
        for w in words.start..first_event {
            let word = self.text.words.at(w);
            let written = self.text.words.written(w);
            let named = (hits.iter()).any(|h| h.word == w);
            // "The AMWU", "A Fatah official".
            if w == words.start && ARTICLES.contains(&word.text) {
                end = w + 1;
                continue;
            }
            let capitals = written.len() > 1 && written.chars().all(|c| c.is_uppercase());
            if named
                || !written.starts_with(char::is_uppercase)
                || (is_stopword(word.text) && !capitals)
            {
                break;
            }
            end = w + 1;
            if !LEXICON.is_title(word.text) {
                run += 1;
            }
        }
        // A name that only describes what follows it is no one ("A United
        // States federal magistrate"): a name acts when a function word, a
        // verb's ending or punctuation comes next.
        let next = (end < words.end).then(|| self.text.words.at(end));
        let acts = next.is_none_or(|next| {
            is_stopword(next.text)
                || self.text.sentences.at(s).start < end && self.gap_before(end)
                || next.text.ends_with('s')
                || next.text.ends_with("ed")
        });
        run >= 2 && acts
    }

    /// Whether punctuation separates word `w` from the one before it.
    fn gap_before(&self, w: usize) -> bool {
        (self.text.words.gap(w - 1, w)).contains(|c: char| c.is_ascii_punctuation())
    }

    /// The passage of the article that best holds the claim.
    pub fn best(&self, article: usize) -> PassageMatch {
        let n = self.text.sentences.len();
        let names_present = self.names_present();
        // Windows are scored as they come, keeping the closest and the
        // sentences of the eligible ones near the top coverage, whose
        // windows are scored again: an article may have millions of
        // sentences.
        let mut closest: Option<Scored> = None;
        // Sentence numbers fit 32 bits: an article holds fewer words.
        let mut near_top: Vec<(u32, f32)> = Vec::new();
        let mut top = f32::NEG_INFINITY;
        for s in 0..n {
            let scored = self.score(s);
            if scored.eligible && names_present && scored.coverage >= top - f32::EPSILON {
                top = top.max(scored.coverage);
                near_top.push((s as u32, scored.coverage));
            }
            if closest
                .as_ref()
                .is_none_or(|c| ranked(&scored, c) == Ordering::Less)
            {
                closest = Some(scored);
            }
        }
        // Of the windows at the top coverage, the one whose event sentence
        // reads best for the claim, then the first in `ranked` order.
        let mut chosen: Option<(Scored, Verdict)> = None;
        for (s, coverage) in near_top {
            if coverage < top - f32::EPSILON {
                continue;
            }
            let candidate = self.score(s as usize);
            // The event's sentence alone is read for polarity.
            let verdict = self.verdict(candidate.fact..candidate.fact + 1);
            let better = chosen.as_ref().is_none_or(|(window, v)| {
                verdict_rank(&verdict)
                    .cmp(&verdict_rank(v))
                    .then_with(|| ranked(window, &candidate))
                    == Ordering::Greater
            });
            if better {
                chosen = Some((candidate, verdict));
            }
        }
        let (window, verdict) = match &chosen {
            Some((window, verdict)) => (Some(window), verdict.clone()),
            None => (closest.as_ref(), Verdict::Unsupported),
        };
        let mut sentences = window.map_or(0..0, |w| w.sentences.clone());
        let mut verdict = verdict;
        if let (Some(window), Verdict::Supported) = (window, &verdict)
            && let Some((denying, contradiction)) = self.denied_elsewhere(window.fact)
        {
            sentences = denying..denying + 1;
            verdict = contradiction;
        }
        let words = self.word_range(sentences.clone());
        let in_window = self.mask(&words);
        let (absent, elsewhere) = (0..self.shape.terms.len())
            .filter(|&t| in_window & bit(t) == 0)
            .partition(|&t| self.anywhere & bit(t) == 0);
        PassageMatch {
            article,
            range: self.text.byte_range(words),
            sentences,
            coverage: window.map_or(0.0, |w| w.coverage),
            verdict,
            absent,
            elsewhere,
        }
    }

    /// Words of `sentences`.
    fn word_range(&self, sentences: Range<usize>) -> Range<usize> {
        match (
            self.text.sentences.get(sentences.start),
            sentences
                .end
                .checked_sub(1)
                .and_then(|e| self.text.sentences.get(e)),
        ) {
            (Some(first), Some(last)) if !sentences.is_empty() => first.start..last.end,
            _ => 0..0,
        }
    }

    /// Terms mentioned alike within `words`.
    fn mask(&self, words: &Range<usize>) -> u64 {
        self.window_hits(words)
            .iter()
            .filter(|h| !h.opposed)
            .fold(0, |m, h| m | bit(h.term))
    }

    fn window_hits(&self, words: &Range<usize>) -> &[Hit] {
        let from = self.hits.partition_point(|h| h.word < words.start);
        let to = self.hits.partition_point(|h| h.word < words.end);
        &self.hits[from..to]
    }

    /// What the passage of `sentences` says of the claim, read for
    /// polarity and roles.
    fn verdict(&self, sentences: Range<usize>) -> Verdict {
        self.read(sentences, |stances| stances.verdict())
    }

    /// `then` of the passage of `sentences`, read for polarity and roles.
    fn read<R>(&self, sentences: Range<usize>, then: impl FnOnce(&Stances) -> R) -> R {
        let words = self.word_range(sentences.clone());
        let starts: Vec<usize> = sentences
            .clone()
            .map(|s| self.text.sentences.at(s).start - words.start)
            .collect();
        let tokens = polarity::tokens(self.text.words.slice(words.clone()), &starts);
        let reading = polarity::read(&tokens);
        // A capitalised first word the article does not write as a name is
        // a word of the event ("Additional charges were filed").
        let unnamed = (self.shape.entities.iter().enumerate())
            .filter(|(e, _)| !self.named[*e])
            .flat_map(|(_, entity)| entity.terms.iter().copied());
        let stances = Stances {
            shape: self.shape,
            events: (self.shape.events().chain(unnamed))
                .filter(|&t| !self.shape.terms[t].speaker)
                .collect(),
            tokens: &tokens,
            reading: &reading,
            hits: self.window_hits(&words),
            first_word: words.start,
        };
        then(&stances)
    }

    /// When a passage supporting the claim leaves out one of its event
    /// words that the article mentions only to deny it ("there were no
    /// reported injuries" for "several firefighters were injured"), the
    /// sentence that denies it and the contradiction there.
    fn denied_elsewhere(&self, fact: usize) -> Option<(usize, Verdict)> {
        let claimed = |t: &usize| {
            let term = &self.shape.terms[*t];
            !term.denied && !term.mixed && !term.speaker && self.alike(fact) & bit(*t) == 0
        };
        for t in self.shape.events().filter(claimed) {
            let mentions: Vec<usize> = (self.masks.iter())
                .filter(|(_, mask)| mask.alike & bit(t) != 0)
                .map(|(s, _)| *s)
                .collect();
            // Near the passage: what an article denies far from it is about
            // something else ("still to receive an apology").
            if !mentions
                .iter()
                .all(|&s| s.abs_diff(fact) <= DENIAL_DISTANCE)
            {
                continue;
            }
            let cues: Vec<Option<Range<usize>>> = (mentions.iter())
                .map(|&s| self.read(s..s + 1, |stances| stances.denies(t)))
                .collect();
            if let (Some(&first), Some(Some(cue))) = (mentions.first(), cues.first())
                && cues.iter().all(Option::is_some)
            {
                let how = Contradiction::Denied;
                return Some((
                    first,
                    Verdict::Contradicted {
                        cue: cue.clone(),
                        how,
                    },
                ));
            }
        }
        None
    }
}

/// Of passages holding as much of the claim, one that contradicts it is
/// preferred, then one that supports it.
fn verdict_rank(verdict: &Verdict) -> u8 {
    match verdict {
        Verdict::Contradicted { .. } => 3,
        Verdict::Supported => 2,
        Verdict::Hedged { .. } | Verdict::SaidByAnother { .. } => 1,
        Verdict::Unsupported => 0,
    }
}
