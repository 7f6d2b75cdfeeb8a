//! The person or unnamed source a "he" or "she" of an attribution points
//! back to (`"…," he said`), and a definite description headed by a title
//! that points back the same way ("the retired Marine Corps general
//! said"): the nearest earlier speaker, with the pronoun chains news
//! writing keeps.

use std::ops::Range;

use super::context::{ArticleContext, FoundMention};
use super::model::{MentionKind, PersonId, QuoteSpeaker};
use super::quotes::{DraftQuote, QuoteSpan, quote_holding};
use super::scan::{self, Shape};
use super::subjects::{
    Subject, first_token_at, is_possessive, occasion_ending_at, starting_within,
    subject_before_verb,
};
use super::vocabulary;

/// How far after a quote its attribution can reach.
const MAX_ATTRIBUTION_BYTES: usize = 400;

/// How many sentences of the text a pronoun's referent is looked for in,
/// its own included.
const PRONOUN_REACH_SENTENCES: usize = 6;

/// "he said": a person of the nearest earlier sentence that has one (a
/// person, a description of one, or an unnamed source that spoke). Within
/// that sentence, the nearest one who speaks in it wins ("Hawthorne died
/// at home, McReddie added"), else its first person, its subject.
pub(super) fn resolve_pronoun(
    context: &ArticleContext,
    at: usize,
    span: &QuoteSpan,
    mentions: &[&FoundMention],
    drafts: &[DraftQuote],
    spans: &[QuoteSpan],
) -> QuoteSpeaker {
    let starts = &context.scan.sentence_starts;
    let limit = at.min(span.open);
    let tokens = &context.scan.tokens;
    let written = tokens
        .get(first_token_at(tokens, at))
        .map_or("", |t| tokens.lower_of(t));
    let pronoun = vocabulary::pronoun_of_possessive(written).unwrap_or(written);
    if let Some(speaker) = same_pronoun_again(context, pronoun, limit, mentions, drafts) {
        return speaker;
    }
    let called = name_called_at_end(context, span);
    let mut sentence = scan::sentence_of(starts, limit, context.body.end);
    // A sentence that opens with the same pronoun carries its referent on
    // ("She and her family left to eat lunch"): it brings the referent
    // no further away.
    let mut sentences_left = PRONOUN_REACH_SENTENCES;
    while sentences_left > 0 {
        if !(vocabulary::is_pronoun(pronoun)
            && opens_with_pronoun(context, sentence.start, pronoun, at))
        {
            sentences_left -= 1;
        }
        let window = sentence.start..limit.min(sentence.end);
        let mut candidates: Vec<Candidate> = starting_within(mentions, window.clone())
            .iter()
            .filter(|m| m.range.start >= window.start && m.range.start < window.end)
            .filter(|m| compatible(context, pronoun, m.person, mentions))
            .filter(|m| called.is_none_or(|word| !answers_to(context, word, m.person, mentions)))
            .map(|m| Candidate {
                start: m.range.start,
                speaks: speaks(context, &m.range),
                owner: is_possessive(context, &m.range),
                speaker: QuoteSpeaker::Person(m.person),
            })
            .collect();
        candidates.extend(unnamed_speakers(context, window.clone(), spans, mentions));
        // Earlier quotes, newest first, back to the window.
        for (draft, s) in drafts.iter().zip(spans).rev() {
            if s.close_end + MAX_ATTRIBUTION_BYTES < window.start {
                break;
            }
            let Some(range) = &draft.speaker_range else {
                continue;
            };
            if !(range.start >= window.start && range.start < window.end && s.open < span.open) {
                continue;
            }
            match &draft.speaker {
                QuoteSpeaker::Unnamed(description) if describes_a_person(description) => {
                    candidates.push(Candidate {
                        start: range.start,
                        speaks: true,
                        owner: false,
                        speaker: draft.speaker.clone(),
                    });
                }
                QuoteSpeaker::Person(_) => {
                    for candidate in &mut candidates {
                        candidate.speaks |= candidate.start == range.start;
                    }
                }
                _ => {}
            }
        }
        // "She says Perkins was behind her win. '…,' she said": a sentence
        // whose subject is the same pronoun passes its referent on, and
        // the people it names only as objects are not it.
        if !candidates.iter().any(|c| c.speaks)
            && vocabulary::is_pronoun(pronoun)
            && opens_with_pronoun(context, sentence.start, pronoun, at)
        {
            candidates.clear();
        }
        if let Some(candidate) = chosen(candidates) {
            return candidate.speaker;
        }
        if sentence.start <= context.body.start {
            break;
        }
        let previous = sentence.start - 1;
        sentence = scan::sentence_of(starts, previous, context.body.end);
    }
    QuoteSpeaker::Unresolved
}

/// The one of a sentence's candidates a pronoun points back to: the
/// nearest who speaks, else the sentence's subject, its first person not
/// named as an owner ("Mr Sharon's hard words opened divisions, with Mr
/// Peres denouncing what he called …").
fn chosen(mut candidates: Vec<Candidate>) -> Option<Candidate> {
    candidates.sort_by_key(|c| c.start);
    let subject = (candidates.iter())
        .position(|c| !c.owner)
        .unwrap_or_default();
    match candidates.iter().rposition(|c| c.speaks) {
        Some(nearest_speaker) => candidates.into_iter().nth(nearest_speaker),
        None => candidates.into_iter().nth(subject),
    }
}

/// The unnamed sources a window of text introduces as speaking outside
/// quotes ("a militant from the group told a crowd"): a later "he said"
/// may be one of them rather than a person named before.
fn unnamed_speakers(
    context: &ArticleContext,
    window: Range<usize>,
    spans: &[QuoteSpan],
    mentions: &[&FoundMention],
) -> Vec<Candidate> {
    let tokens = &context.scan.tokens;
    let inside_quote = |offset: usize| quote_holding(spans, offset).is_some();
    let from = first_token_at(tokens, window.start);
    let to = first_token_at(tokens, window.end);
    (from..to)
        .filter(|&k| {
            tokens[k].shape == Shape::Lower
                && vocabulary::is_speech_verb(tokens.lower(k))
                && !inside_quote(tokens[k].range().start)
        })
        .filter_map(|verb| subject_before_verb(context, verb, window.start, mentions))
        .filter_map(|phrase| match (phrase.subject, phrase.range) {
            (Subject::Unnamed(description), Some(range))
                if introduces_a_source(&description)
                    && opens_clause(context, range.start)
                    && !describes_the_name_before(context, range.start, mentions) =>
            {
                Some(Candidate {
                    start: range.start,
                    speaks: true,
                    owner: false,
                    speaker: QuoteSpeaker::Unnamed(description),
                })
            }
            _ => None,
        })
        .collect()
}

/// Whether a phrase at `start` opens its clause (after a sentence start,
/// a comma or a semicolon), as a speaking subject does; "established a
/// group called UTN" has an object, not a speaker.
fn opens_clause(context: &ArticleContext, start: usize) -> bool {
    let tokens = &context.scan.tokens;
    let at = first_token_at(tokens, start);
    let Some(before) = at.checked_sub(1) else {
        return true;
    };
    let gap = context
        .text
        .get(tokens[before].range().end..start)
        .unwrap_or("");
    gap.contains([',', ';', '.', '!', '?', '"', '”'])
}

/// Is the phrase at `start` an appositive of the name right before it
/// ("John Delury, a professor at Yonsei University, told"), which is that
/// person, not someone unnamed?
fn describes_the_name_before(
    context: &ArticleContext,
    start: usize,
    mentions: &[&FoundMention],
) -> bool {
    let before = context.text.get(..start).unwrap_or("");
    let Some(name_end) = before.trim_end().strip_suffix(',').map(str::len) else {
        return false;
    };
    (mentions.iter()).any(|m| m.kind == MentionKind::Name && m.range.end == name_end)
}

/// "a militant from the group", "an aid worker": an indefinite
/// description of a person, as a source is first brought in.
fn introduces_a_source(description: &str) -> bool {
    let mut words = description.split_whitespace();
    let indefinite = words
        .next()
        .is_some_and(|w| matches!(w, "a" | "an" | "A" | "An"));
    indefinite && words.next().is_some() && describes_a_person(description)
}

/// `"…," he said. "…" "…," he said`: when the last attributed quote
/// before took this same pronoun and no one it could mean is named
/// outside quotes since, the pronoun goes on with its speaker, however
/// long the quotes between.
fn same_pronoun_again(
    context: &ArticleContext,
    pronoun: &str,
    limit: usize,
    mentions: &[&FoundMention],
    drafts: &[DraftQuote],
) -> Option<QuoteSpeaker> {
    let last = drafts.iter().rev().find(|d| d.speaker_range.is_some())?;
    let range = last.speaker_range.as_ref()?;
    let said = context.text.get(range.clone())?;
    // Someone named since whose given name says the other pronoun ("Fire
    // Chief Dennis Mabry" for "she") is not whom it could mean.
    let nobody_since = starting_within(mentions, range.end..limit)
        .iter()
        .all(|m| !compatible(context, pronoun, m.person, mentions));
    (vocabulary::is_pronoun(pronoun)
        && said.eq_ignore_ascii_case(pronoun)
        && matches!(last.speaker, QuoteSpeaker::Person(_))
        && nobody_since)
        .then(|| last.speaker.clone())
}

/// A definite description headed by a title ("the retired Marine Corps
/// general") points back to a person the article has named; one headed by
/// a noun of anonymous sources ("the minister", "the spokesman") does not.
pub(super) fn refers_back(description: &str) -> bool {
    let mut words = description.split_whitespace();
    let opens_definite = words.next().is_some_and(|w| w.eq_ignore_ascii_case("the"));
    let Some(head) = words.next_back().map(scan::fold) else {
        return false;
    };
    opens_definite
        && vocabulary::is_title_head(&head)
        && !vocabulary::is_source_noun(&head)
        && !description
            .split_whitespace()
            .any(|w| vocabulary::is_anonymity_word(&scan::fold(w)))
}

/// Whether the sentence at `start` opens with `pronoun`, other than the
/// one being resolved (at `at`).
fn opens_with_pronoun(context: &ArticleContext, start: usize, pronoun: &str, at: usize) -> bool {
    let tokens = &context.scan.tokens;
    let first = first_token_at(tokens, start);
    tokens.get(first).is_some_and(|t| {
        t.range().start != at && t.range().start == start && tokens.lower_of(t) == pronoun
    })
}

/// Can "he" or "she" point back to this unnamed speaker? A description
/// headed by a common noun can ("a senior official", "the spokesman", "a
/// spokesman for holiday company Inghams"); an organisation cannot
/// ("Qantas", "the Foreign Relations Committee").
fn describes_a_person(description: &str) -> bool {
    let mut words = description.split_whitespace();
    let lower_case = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let first = words.next().unwrap_or("");
    let head = (words.take_while(|w| !matches!(*w, "for" | "of" | "at" | "from" | "with")))
        .last()
        .unwrap_or(first);
    (lower_case(first) || vocabulary::is_determiner(&first.to_lowercase())) && lower_case(head)
}

/// Can `pronoun` point back to `person`? Not when a given name the
/// article writes for them says the other one ("Gregory Pike" for "she").
fn compatible(
    context: &ArticleContext,
    pronoun: &str,
    person: PersonId,
    mentions: &[&FoundMention],
) -> bool {
    let says = mentions
        .iter()
        .filter(|m| m.person == person)
        .filter_map(|m| {
            let surface = context.text.get(m.range.clone())?;
            let mut words = surface.split_whitespace();
            let first = words.next()?;
            words.next()?;
            vocabulary::pronoun_of_given_name(&scan::fold(first))
        })
        .next();
    !vocabulary::is_pronoun(pronoun) || says.is_none_or(|says| says == pronoun)
}

/// The one word of a name a quote ends by calling someone
/// ("'What about a bit of respect, Michelle?' she said"): the one spoken
/// to is not the one speaking.
fn name_called_at_end<'a>(context: &ArticleContext<'a>, span: &QuoteSpan) -> Option<&'a str> {
    let last = span.segments.last()?;
    let (_, called) = (context.text.get(last.clone()))
        .map(|t| {
            t.trim_end_matches(|c: char| matches!(c, '?' | '!' | '.' | ',') || c.is_whitespace())
        })
        .and_then(|t| t.rsplit_once(", "))?;
    let one_name_word = called.chars().next().is_some_and(char::is_uppercase)
        && called
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'));
    one_name_word.then_some(called)
}

/// Does the article write `word` as a word of a name of `person`?
fn answers_to(
    context: &ArticleContext,
    word: &str,
    person: PersonId,
    mentions: &[&FoundMention],
) -> bool {
    (mentions.iter().filter(|m| m.person == person)).any(|m| {
        (context.text.get(m.range.clone()))
            .is_some_and(|surface| surface.split_whitespace().any(|w| w == word))
    })
}

/// Someone a pronoun may point back to.
struct Candidate {
    start: usize,
    /// The subject of a said-verb in its sentence.
    speaks: bool,
    /// Named as an owner ("Sharon's words").
    owner: bool,
    speaker: QuoteSpeaker,
}

/// Is the name at `range` the subject of a said-verb: `McReddie added`,
/// `Powell later said`, `said Powell`?
fn speaks(context: &ArticleContext, range: &Range<usize>) -> bool {
    let tokens = &context.scan.tokens;
    let is_verb = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            vocabulary::is_speech_verb(tokens.lower_of(t)) && t.shape == Shape::Lower
        })
    };
    let before = first_token_at(tokens, range.start);
    let after = first_token_at(tokens, range.end);
    // "said Powell." but not "said bin Laden's support had collapsed".
    let clause_ends = tokens.get(after).is_none_or(|t| {
        let gap = context.text.get(range.end..t.range().start).unwrap_or("");
        gap.contains([',', '.', ';']) && !gap.starts_with(['\'', '’'])
    });
    // "a family friend called Suzie." names her; she says nothing.
    let names_a_person = |verb: usize| {
        verb.checked_sub(1).is_some_and(|noun| {
            tokens[noun].shape == Shape::Lower && vocabulary::is_person_noun(tokens.lower(noun))
        })
    };
    if before > 0 && is_verb(before - 1) && clause_ends && !names_a_person(before - 1) {
        return true;
    }
    // "Powell later said", "Powell in an interview said".
    let mut k = after;
    loop {
        if k + 2 < tokens.len() && occasion_ending_at(tokens, k + 2) == Some(k) {
            k += 3;
        } else if tokens.get(k).is_some_and(|t| {
            vocabulary::is_adverb_between(tokens.lower_of(t)) && t.shape == Shape::Lower
        }) {
            k += 1;
        } else {
            break;
        }
    }
    let gap = tokens
        .get(k)
        .and_then(|t| context.text.get(range.end..t.range().start))
        .unwrap_or(",");
    is_verb(k) && !gap.contains([',', '.', ';', ':', '"', '“', '”'])
}
