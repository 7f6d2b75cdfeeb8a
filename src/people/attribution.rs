//! Who said each quote of an article: the said-verb after the quote (`"…,"
//! Starmer said`, `"…," said a senior official`) or before it (`Barrot
//! said: "…"`), a quote that carries on the previous one, and the person a
//! "he" or "she" points back to (`pronouns`). `subjects` finds the speaker
//! next to a said-verb.

use std::ops::Range;

use super::context::{ArticleContext, FoundMention, FoundRole};
use super::model::{MentionKind, QuoteSpeaker};
use super::pronouns::{refers_back, resolve_pronoun};
use super::quotes::{
    DraftQuote, QuoteSpan, ends_sentence, ends_sentence_soon, ends_without_a_report, quote_holding,
};
use super::scan::{self, Shape};
use super::subjects::{
    Subject, SubjectPhrase, ends_as_a_phrase, first_token_at, mention_ending_at, sentence_subject,
    starting_within, subject_before_verb,
};
use super::vocabulary;

mod according_to;
mod appositive;
mod described_again;
mod document_author;
mod headline;
mod inscription;
mod introduced_as;
mod inverted;
mod owned_words;
mod relay;
mod renamed_speaker;
mod reported_speech;
mod role_descriptions;
mod role_holder;
mod signed;
use according_to::{ACCORDING_TO, according_to};
use appositive::{NAMED_SPEAKER_VERB_REACH, named_subject_past_appositive};
use described_again::renames_someone_named;
use document_author::document_author;
use headline::{echo_body_speakers, headline_speaker};
use inscription::inscription_before_quote;
use introduced_as::introduced_as;
use inverted::inverted_attribution;
use owned_words::owned_words_before;
use relay::{relayed_after_quote, relayed_before_quote};
use renamed_speaker::last_speaker_described;
use reported_speech::{brings_in_its_own, reported_speech_before};
pub(super) use role_descriptions::role_descriptions;
use role_holder::role_holder_described;
use signed::signed_after_quote;

/// An attribution: its subject, its cue (the said-verb, `continued` or
/// `:`) and the words that name the subject.
struct Attribution {
    subject: Subject,
    cue: String,
    range: Option<Range<usize>>,
}

impl Attribution {
    fn of(phrase: SubjectPhrase, cue: String) -> Attribution {
        Attribution {
            subject: phrase.subject,
            cue,
            range: phrase.range,
        }
    }

    /// The person a mention names, with the cue that gives them the quote.
    fn named(mention: &FoundMention, cue: String) -> Attribution {
        Attribution::of(SubjectPhrase::named(mention), cue)
    }
}

/// Who said each quote (`spans`, in order), given the article's
/// `mentions` in order.
pub(super) fn attribute_quotes(
    context: &ArticleContext,
    spans: &[QuoteSpan],
    mentions: &[FoundMention],
    roles: &[FoundRole],
) -> Vec<DraftQuote> {
    let mut drafts: Vec<DraftQuote> = Vec::with_capacity(spans.len());
    let inside_quote = |offset: usize| quote_holding(spans, offset).is_some();
    let outside: Vec<&FoundMention> = mentions
        .iter()
        .filter(|m| !inside_quote(m.range.start))
        .collect();
    // "An exasperated correspondent stood up and" is no source; the words
    // after "according to" are read from their start, whatever cuts them.
    let whole = |found: &Attribution| found.cue == ACCORDING_TO || ends_as_a_phrase(&found.subject);
    for (index, span) in spans.iter().enumerate() {
        let previous_close = index
            .checked_sub(1)
            .map(|p| spans[p].close_end)
            .unwrap_or(context.body.start);
        let mut result = headline_speaker(context, span, &outside)
            .or_else(|| after_attribution(context, span, &outside).filter(whole))
            .or_else(|| signed_after_quote(context, span, &outside).filter(whole))
            .or_else(|| before_attribution(context, span, previous_close, &outside).filter(whole));
        if result.is_none()
            && let Some(previous) = drafts.last()
            && previous.speaker != QuoteSpeaker::Unresolved
            && (span.continues_previous
                || continues(context, spans[index - 1].close_end, span.open))
        {
            result = Some(Attribution {
                subject: Subject::Inherited(previous.speaker.clone()),
                cue: "continued".to_string(),
                range: previous.speaker_range.clone(),
            });
        }
        if result.is_none() {
            result = reported_speech_before(context, span, previous_close, &outside).filter(whole);
        }
        let draft = match result {
            None => DraftQuote {
                span: span.clone(),
                speaker: QuoteSpeaker::Unresolved,
                cue: None,
                speaker_range: None,
            },
            Some(attribution) => DraftQuote {
                span: span.clone(),
                speaker: match attribution.subject {
                    Subject::Person(id) => QuoteSpeaker::Person(id),
                    Subject::Unnamed(description) => match &attribution.range {
                        Some(range)
                            if let Some(id) = last_speaker_described(
                                context,
                                &description,
                                range.start,
                                &drafts,
                                &outside,
                            ) =>
                        {
                            QuoteSpeaker::Person(id)
                        }
                        Some(range)
                            if let Some(id) =
                                document_author(context, &description, range.start, &outside) =>
                        {
                            QuoteSpeaker::Person(id)
                        }
                        Some(range)
                            if let Some(id) =
                                introduced_as(context, &description, range.start, &outside) =>
                        {
                            QuoteSpeaker::Person(id)
                        }
                        Some(range)
                            if let Some(id) = role_holder_described(
                                context,
                                &description,
                                range.start,
                                roles,
                            ) =>
                        {
                            QuoteSpeaker::Person(id)
                        }
                        // "the retired Marine Corps general said", "the
                        // Russian diplomat said": a person named before,
                        // found as "he" would be.
                        Some(range)
                            if refers_back(&description)
                                || renames_someone_named(
                                    context,
                                    &description,
                                    range.start,
                                    roles,
                                ) =>
                        {
                            match resolve_pronoun(
                                context,
                                range.start,
                                span,
                                &outside,
                                &drafts,
                                spans,
                            ) {
                                QuoteSpeaker::Person(id) => QuoteSpeaker::Person(id),
                                _ => QuoteSpeaker::Unnamed(description),
                            }
                        }
                        _ => QuoteSpeaker::Unnamed(description),
                    },
                    Subject::Inherited(speaker) => speaker,
                    Subject::Pronoun(at) => {
                        resolve_pronoun(context, at, span, &outside, &drafts, spans)
                    }
                },
                cue: Some(attribution.cue),
                speaker_range: attribution.range,
            },
        };
        drafts.push(draft);
    }
    share_back_along_chains(&mut drafts);
    echo_body_speakers(context, &mut drafts);
    drafts
}

/// A quote whose paragraph break was lost (`"…. "…," he said`) has its
/// speaker after its last piece: the earlier pieces that found none take
/// it.
fn share_back_along_chains(drafts: &mut [DraftQuote]) {
    for index in (1..drafts.len()).rev() {
        let later = &drafts[index];
        if later.span.continues_previous
            && later.speaker != QuoteSpeaker::Unresolved
            && drafts[index - 1].speaker == QuoteSpeaker::Unresolved
        {
            let (speaker, cue, range) = (
                later.speaker.clone(),
                later.cue.clone(),
                later.speaker_range.clone(),
            );
            let earlier = &mut drafts[index - 1];
            earlier.speaker = speaker;
            earlier.cue = cue;
            earlier.speaker_range = range;
        }
    }
}

/// `"…," Starmer said`, `"…," he told reporters`, `"…," said a senior
/// official`, `"…," the official told reporters`.
fn after_attribution(
    context: &ArticleContext,
    span: &QuoteSpan,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let first = first_token_at(tokens, span.close_end);
    let token = tokens.get(first)?;
    let gap = context.text.get(span.close_end..token.range().start)?;
    if gap.contains(['\n', '"', '“', '”']) || gap.trim().len() > 2 {
        return None;
    }
    let verb = tokens.lower_of(token);
    if (vocabulary::is_speech_verb(verb) || vocabulary::is_inverted_only_speech_verb(verb))
        && token.shape == Shape::Lower
    {
        return inverted_attribution(context, first, mentions);
    }
    if let Some(source) = according_to(context, first, mentions) {
        return Some(source);
    }
    // After a quote that ends its sentence, a capitalised word usually
    // starts the next sentence ("…policy." Analysts at Morgan Stanley said);
    // only `"…." Trump said` itself attributes it.
    let quote_text = context.text.get(span.open..span.close_end).unwrap_or("");
    let ended = quote_text
        .trim_end_matches(['"', '”', '’', '\''])
        .trim_end()
        .ends_with(['.', '!', '?'])
        || gap.contains(['.', '!', '?']);
    let strict = ended && token.shape != Shape::Lower;
    // `Mr Arafat said: "…." Ariel Sharon replied later`: the next
    // sentence's speaker is not that of a quote its own sentence brings in.
    let introduced_by_colon =
        (context.text.get(..span.open)).is_some_and(|b| b.trim_end().ends_with(':'));
    if strict && introduced_by_colon {
        return None;
    }
    // A name right after a quote that does not end its sentence may bring
    // in a long appositive, commas and all, before its said-verb ("…,"
    // Desilien Simedieu, a community leader at the Carradeux camp, where
    // most …, told Al Jazeera), whatever the appositive holds. After one
    // that does, a name that far from its verb opens a report of its own
    // ("…." Janet Bednarek, a history professor at …, told The Huffington
    // Post that …).
    let at_next = token.range().start;
    let named_next = (starting_within(mentions, at_next..at_next + 1).iter())
        .find(|m| m.kind == MentionKind::Name)
        .filter(|_| !ended);
    let named_verb =
        named_next.and_then(|_| speech_verb_after(context, first, NAMED_SPEAKER_VERB_REACH));
    if let (Some(named), Some(verb)) = (named_next, named_verb)
        && let Some(subject) = named_subject_past_appositive(context, named, verb, mentions)
    {
        return Some(Attribution::of(subject, tokens.lower(verb).to_string()));
    }
    if !ended
        && speech_verb_after(context, first, SPEECH_VERB_REACH).is_none()
        && let Some(attribution) = clause_after_quote(context, first, mentions)
            .or_else(|| pronoun_tag_ending_sentence(context, first, mentions))
    {
        return Some(attribution);
    }
    if let Some(relayed) = relayed_after_quote(context, first, mentions) {
        return Some(relayed);
    }
    let verb = match named_next {
        Some(_) => named_verb?,
        None if ended => speech_verb_after(context, first, SPEECH_VERB_REACH)?,
        None => speech_verb_after(context, first, CLAUSE_SPEECH_VERB_REACH)?,
    };
    let subject = subject_before_verb(context, verb, span.close_end, mentions)?;
    // A verb that far away is the speaker's only past a name; a long
    // unnamed subject there is more likely a clause of its own ("the news
    // agency Anadolu quoted the Turkish defense minister as saying on …").
    let far = verb >= first + SPEECH_VERB_REACH;
    if far && !matches!(subject.subject, Subject::Person(_)) {
        return None;
    }
    if strict || verb >= first + CLAUSE_SPEECH_VERB_REACH {
        // Titles may open it after the quote's own stop when the verb ends
        // the sentence with no more than whom and where it was said
        // (`"…!" Mr Schulz told around 600 delegates at a party meeting in
        // Berlin.`), not before a report.
        let tail = context.text.get(tokens[verb].range().end..).unwrap_or("");
        let starts_here = (subject.range.as_ref())
            .and_then(|r| context.text.get(token.range().start..r.start))
            .is_some_and(|titles| {
                titles.is_empty()
                    || (!gap.contains(['.', '!', '?'])
                        && vocabulary::is_titles_only(titles)
                        && ends_without_a_report(tail))
            });
        // `"…." Yang Tinghui, investment director at …, says compared
        // with …`: past an appositive, a verb that goes on with anything
        // but when or where it was said reports something else.
        let past_appositive = (subject.range.as_ref())
            .and_then(|r| context.text.get(r.end..tokens[verb].range().start))
            .is_some_and(|between| between.contains(','));
        // "said the tourists had arrived" reports; "told the newspaper in
        // an interview." does not.
        let next_word = tail.split_whitespace().next().unwrap_or("");
        let tells_the_occasion = if vocabulary::is_determiner(next_word) {
            ends_without_a_report(tail)
        } else {
            vocabulary::is_setting_preposition(next_word)
        };
        let reports = next_word.starts_with(char::is_lowercase)
            && !tells_the_occasion
            && !ends_sentence_soon(tail);
        // After the quote's own stop, a verb that goes on to report
        // something reports the next sentence's news ("…." Sessions also
        // strongly denied ever discussing …); a participle only says how
        // it was said ("…." Nunes said referring to the tweets).
        let participle = next_word.ends_with("ing");
        if !matches!(subject.subject, Subject::Person(_))
            || !starts_here
            || (past_appositive && reports)
            || (strict && reports && !participle && !ends_without_a_report(tail))
        {
            return None;
        }
    }
    // `asked, "…?" May replied that …`, `"…". Du Fang says: "…"`: a
    // said-verb that brings in reported speech or a quote of its own
    // answers the quote; it does not tag it.
    if strict && brings_in_its_own(context, verb) {
        return None;
    }
    Some(Attribution::of(subject, tokens.lower(verb).to_string()))
}

/// `"…" of Palestinian lands in the Gaza Strip, a militant told a crowd`:
/// a quote that does not end its sentence, whose sentence goes on past a
/// comma to a clause of a speaker and a said-verb (not `he`: a pronoun so
/// far from its quote may be anyone's, unless it tags the whole sentence,
/// `pronoun_tag_ending_sentence`).
fn clause_after_quote(
    context: &ArticleContext,
    first: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    for k in first + 1..(first + 16).min(tokens.len()) {
        let between = gap_before(context, k);
        if between.contains(['.', '!', '?', '\n', '"', '“', '”', ';', ':']) {
            return None;
        }
        if !between.contains(',') {
            continue;
        }
        let verb = speech_verb_after(context, k, SPEECH_VERB_REACH)?;
        let clause = tokens[k].range().start;
        let subject = subject_before_verb(context, verb, clause, mentions)?;
        // The speaker opens the clause, after titles at most ("Senator").
        let opens_clause = subject.range.as_ref().is_some_and(|r| {
            context.text.get(clause..r.start).is_some_and(|titles| {
                titles
                    .split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase))
            })
        });
        return match subject.subject {
            Subject::Person(_) | Subject::Unnamed(_) if opens_clause => {
                Some(Attribution::of(subject, tokens.lower(verb).to_string()))
            }
            _ => None,
        };
    }
    None
}

/// `three "were being evaluated", for their injuries, a fourth was
/// airlifted to Fort Wayne, she said.`: a quote inside a sentence whose
/// last words, after a comma, are a pronoun and a said-verb; that tag
/// attributes the whole sentence.
fn pronoun_tag_ending_sentence(
    context: &ArticleContext,
    first: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let mut k = first + 1;
    while k < (first + 48).min(tokens.len()) {
        let after = context.text.get(tokens[k].range().end..).unwrap_or("");
        let ends_sentence = after
            .trim_start_matches(['"', '”', '’'])
            .starts_with(['.', '!', '?']);
        if ends_sentence {
            let tagged = vocabulary::is_pronoun(tokens.lower(k - 1))
                && vocabulary::is_speech_verb(tokens.lower(k))
                && tokens[k].shape == Shape::Lower
                && gap_before(context, k - 1).trim() == ",";
            if !tagged {
                return None;
            }
            let subject = subject_before_verb(context, k, tokens[k - 1].range().start, mentions)?;
            return matches!(subject.subject, Subject::Pronoun(_))
                .then(|| Attribution::of(subject, tokens.lower(k).to_string()));
        }
        if k + 1 >= tokens.len() {
            return None;
        }
        if gap_before(context, k + 1).contains(['\n', '"', '“', '”', ';', ':', '.', '!', '?']) {
            return None;
        }
        k += 1;
    }
    None
}

/// The text between token `k` and the one before it; nothing before the
/// first token.
fn gap_before<'a>(context: &ArticleContext<'a>, k: usize) -> &'a str {
    k.checked_sub(1)
        .map_or("", |before| context.scan.tokens.gap(before, k))
}

/// How far after a quote its said-verb is looked for.
const SPEECH_VERB_REACH: usize = 10;

/// How far it is looked for after a quote that does not end its sentence,
/// whose clause goes on to its speaker: far enough for a rank and an
/// appositive ("Italian army Lt. Gen. Rosario Castellano, deputy commander
/// of the NATO mission in Afghanistan, said"). After a quote that ends its
/// sentence, the name that opens the next one often brings in words of
/// their own ("Wang Tianran, an academician at …, told Xinhua").
const CLAUSE_SPEECH_VERB_REACH: usize = 16;

/// A lower-case said-verb within `reach` words after token `first` (not
/// `first` itself), before the sentence ends: `Starmer said`, `he told`,
/// `the official told`.
fn speech_verb_after(context: &ArticleContext, first: usize, reach: usize) -> Option<usize> {
    let tokens = &context.scan.tokens;
    for k in first..(first + reach).min(tokens.len()) {
        if k > first {
            let between = gap_before(context, k);
            if between.contains(['.', '!', '?', '\n', '"', '“', '”', ';']) {
                return None;
            }
        }
        if vocabulary::is_speech_verb(tokens.lower(k))
            && tokens[k].shape == Shape::Lower
            && k > first
        {
            return Some(k);
        }
    }
    None
}

/// `Barrot said: "…"`, `Donald Trump said that … "…"`, `with an
/// undisclosed EU official describing the trip as a "…"`.
fn before_attribution(
    context: &ArticleContext,
    span: &QuoteSpan,
    previous_close: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let sentence = scan::sentence_of(&context.scan.sentence_starts, span.open, context.body.end);
    let floor = sentence.start.max(previous_close).min(span.open);
    let first = first_token_at(tokens, floor);
    let end = first_token_at(tokens, span.open);
    if first >= end {
        return None;
    }
    let verbs: Vec<usize> = (first..end)
        .filter(|&k| vocabulary::is_speech_verb(tokens.lower(k)) && tokens[k].shape == Shape::Lower)
        .collect();
    let before = context.text.get(floor..span.open).unwrap_or("").trim_end();
    if ends_sentence(before) {
        // The quote opens a sentence of its own: `reported_speech_before`.
        return None;
    }
    if let Some(inscription) = inscription_before_quote(context, end) {
        return Some(inscription);
    }
    if let Some(agent) = passive_agent(context, span, floor, first, mentions) {
        return Some(agent);
    }
    if let Some(relayed) = relayed_before_quote(context, span, first, mentions) {
        return Some(relayed);
    }
    if let Some(owned) = owned_words_before(context, first, end, mentions) {
        return Some(owned);
    }
    // "According to the report, Mr Khan said "…"": a said-verb's subject
    // comes first.
    let colon = before.ends_with(':');
    if verbs.is_empty() && !colon {
        return according_to(context, first, mentions);
    }
    for &verb in verbs.iter().rev().chain(verbs.first()) {
        if let Some(subject) = subject_before_verb(context, verb, floor, mentions) {
            return Some(Attribution::of(subject, tokens.lower(verb).to_string()));
        }
    }
    if let Some(source) = according_to(context, first, mentions) {
        return Some(source);
    }
    let cue = verbs
        .last()
        .map(|&v| tokens.lower(v).to_string())
        .unwrap_or_else(|| ":".to_string());
    sentence_subject(context, floor..span.open, mentions).map(|phrase| Attribution::of(phrase, cue))
}

/// `was hailed by UN envoy Terje Roed-Larsen as "a potential turning
/// point"`: the person named after "by" and right before the "as" that
/// opens the quote, the agent of the verb that judges or describes. The
/// search stays within the words from `floor`, of which `first` is the
/// first.
fn passive_agent(
    context: &ArticleContext,
    span: &QuoteSpan,
    floor: usize,
    first: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let as_word = first_token_at(tokens, span.open).checked_sub(1)?;
    let name_end = as_word.checked_sub(1)?;
    if name_end < first
        || tokens.lower(as_word) != "as"
        || tokens[as_word].shape != Shape::Lower
        || !context
            .text
            .get(tokens[as_word].range().end..span.open)?
            .trim()
            .is_empty()
    {
        return None;
    }
    let mention = mention_ending_at(context, mentions, name_end, MAX_AGENT_BYTES)
        .filter(|m| m.range.start >= floor)?;
    let name_start = first_token_at(tokens, mention.range.start);
    let by = (first.max(name_start.saturating_sub(AGENT_ROLE_WORDS))..name_start)
        .rev()
        .find(|&k| tokens.lower(k) == "by" && tokens[k].shape == Shape::Lower)?;
    let between = context
        .text
        .get(tokens[by].range().end..mention.range.start)?;
    if between.contains([',', '.', ';', ':', '(', '"', '“', '”']) {
        return None;
    }
    let verb = by
        .checked_sub(1)
        .filter(|&v| v >= first && tokens[v].shape == Shape::Lower);
    let cue = verb.map_or("by", |v| tokens.lower(v)).to_string();
    Some(Attribution::named(mention, cue))
}

/// How far back from its last word a name before "as" may start.
const MAX_AGENT_BYTES: usize = 60;

/// Words of a role that may stand between "by" and the name ("by United
/// Nations Middle East envoy").
const AGENT_ROLE_WORDS: usize = 6;

/// Is the quote at `open` the same speaker going on after the previous
/// quote closed at `previous_close`? Only when at most the previous quote's
/// attribution sentence lies between them.
fn continues(context: &ArticleContext, previous_close: usize, open: usize) -> bool {
    if open < previous_close || open - previous_close > 250 {
        return false;
    }
    let starts = &context.scan.sentence_starts;
    let first_after = starts.partition_point(|&s| s <= previous_close);
    starts.get(first_after).is_none_or(|&s| s >= open)
}
