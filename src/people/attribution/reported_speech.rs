//! A quote that opens a sentence of its own with no said-verb, right
//! after a sentence that reports its speaker's words: `He says the rule
//! is archaic. "For a long time I've believed …"`.

use std::ops::Range;

use super::inverted::inverted_aside;
use super::{Attribution, ends_sentence};
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::quotes::QuoteSpan;
use crate::people::scan::{self, Shape};
use crate::people::subjects::{Subject, first_token_at, sentence_subject, subject_before_verb};
use crate::people::vocabulary;

/// How many words of where or how it was said may come between a
/// said-verb and the "that" of the reported clause it brings in ("specified
/// in the NYPD memo that").
const SETTING_WORDS_BEFORE_THAT: usize = 5;

/// Whether the said-verb at token `verb` brings in reported speech or a
/// quote of its own: "replied that …", "specified in the memo that …"
/// (as "specified that …" does), "says: \"…\"".
pub(super) fn brings_in_its_own(context: &ArticleContext, verb: usize) -> bool {
    let tokens = &context.scan.tokens;
    let is_that = |k: usize| tokens.get(k).is_some_and(|t| tokens.lower_of(t) == "that");
    let that_past_setting = (tokens.get(verb + 1))
        .is_some_and(|t| vocabulary::is_setting_preposition(tokens.lower_of(t)))
        && (verb + 2..verb + 2 + SETTING_WORDS_BEFORE_THAT)
            .take_while(|&k| tokens.get(k).is_some_and(|t| !t.sentence_initial))
            .any(is_that);
    is_that(verb + 1)
        || that_past_setting
        || (context.text.get(tokens[verb].range().end..))
            .is_some_and(|after| after.trim_start().starts_with(':'))
}

/// `He says the rule is archaic. "For a long time I've believed …"`: a
/// quote that opens a sentence of its own, with no said-verb, right after
/// a sentence that reports its speaker's words (and holds no quote).
pub(super) fn reported_speech_before(
    context: &ArticleContext,
    span: &QuoteSpan,
    previous_close: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let previous = sentence_before_quote(context, span.open)?;
    if previous.start < previous_close {
        return None;
    }
    let tokens = &context.scan.tokens;
    let verb = (first_token_at(tokens, previous.start)..first_token_at(tokens, previous.end))
        .find(|&k| {
            vocabulary::is_speech_verb(tokens.lower(k)) && tokens[k].shape == Shape::Lower
        })?;
    if let Some(aside) = inverted_aside(context, verb, mentions) {
        return Some(aside);
    }
    let cue = tokens.lower(verb).to_string();
    if let Some(subject) = subject_before_verb(context, verb, previous.start, mentions) {
        return Some(Attribution::of(subject, cue));
    }
    // "Fitzgerald has defended the decision, saying …": the sentence's
    // subject said it.
    let window = previous.start..tokens[verb].range().start;
    sentence_subject(context, window, mentions)
        .filter(|phrase| matches!(phrase.subject, Subject::Person(_) | Subject::Pronoun(_)))
        .map(|phrase| Attribution::of(phrase, cue))
}

/// The sentence just before a quote that opens a sentence, whether or not
/// the sentence splitter cut before the mark (`… public. "The world …`).
fn sentence_before_quote(context: &ArticleContext, open: usize) -> Option<Range<usize>> {
    let starts = &context.scan.sentence_starts;
    let own = scan::sentence_of(starts, open, context.body.end);
    let lead = context.text.get(own.start.min(open)..open)?;
    if lead.chars().any(char::is_alphanumeric) {
        return ends_sentence(lead.trim_end()).then_some(own.start..open);
    }
    if own.start <= context.body.start {
        return None;
    }
    let previous = scan::sentence_of(starts, own.start - 1, context.body.end);
    Some(previous.start..own.start)
}
