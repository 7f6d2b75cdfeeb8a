//! A subject that names no one: the noun phrase before a said-verb that
//! is no name ("a senior official", "Deutsche Bank"), where it starts, and
//! the said-verb whose clause such words stand in.

use super::{Subject, SubjectPhrase, gap_after};
use crate::people::context::ArticleContext;
use crate::people::scan::{self, Shape, Tokens};
use crate::people::vocabulary;

/// Whether token `k` opens a clause with a subject of its own: a
/// conjunction of time or cause ("one day after the conservative Polish
/// lawmaker argued"), or a "that" before a determiner or pronoun ("that
/// the church", "that it"), not a relative "that" ("the authority that
/// manages").
pub(super) fn opens_a_clause(tokens: &Tokens, k: usize) -> bool {
    let next_opens_phrase = || {
        (tokens.get(k + 1)).is_some_and(|_| {
            let next = tokens.lower(k + 1);
            vocabulary::is_determiner(next) || vocabulary::is_pronoun(next)
        })
    };
    tokens[k].shape == Shape::Lower
        && match tokens.lower(k) {
            "after" | "before" | "since" | "until" | "when" | "while" | "because" | "although"
            | "though" => true,
            "that" => next_opens_phrase(),
            _ => false,
        }
}

/// The said-verb whose report the words before token `p` stand in ("A
/// government spokesman said the British people"), within the reach of
/// an unnamed subject and no break: not a verb that "not" follows, which
/// reports nothing ("A diplomat who asked not to be named"), nor a noun
/// that "of" follows ("claims of voter fraud").
pub(super) fn reporting_verb_before(
    context: &ArticleContext,
    p: usize,
    floor_token: usize,
) -> Option<usize> {
    let tokens = &context.scan.tokens;
    let reports = |k: usize| {
        tokens[k].shape == Shape::Lower
            && vocabulary::is_speech_verb(tokens.lower(k))
            && !matches!(tokens.lower(k + 1), "not" | "of")
    };
    (floor_token.max(p.saturating_sub(UNNAMED_SUBJECT_WORDS))..p)
        .rev()
        .take_while(|&k| !gap_after(context, k).contains([',', '.', ';', ':', '"', '“', '”']))
        .find(|&k| reports(k))
}

/// How many words an unnamed subject may have.
const UNNAMED_SUBJECT_WORDS: usize = 10;

/// Whether a lower-case `word` cannot end a subject: a preposition,
/// conjunction or auxiliary ("her position by saying", "the election
/// despite telling", "The Brexit secretary was") leaves the verb's subject
/// elsewhere. A quantifier may end one ("several said"). `function_word`
/// says whether the word is one of those the caller's list holds.
fn heads_no_phrase(word: &str, function_word: bool) -> bool {
    (function_word && !vocabulary::is_determiner(word))
        || vocabulary::is_setting_preposition(word)
        || vocabulary::is_auxiliary_verb(word)
}

/// Whether an unnamed subject, whichever reader found it, ends as a
/// phrase does: not in a lower-case preposition, conjunction or auxiliary
/// (`heads_no_phrase`). Only `stop_words.txt` counts as function words
/// here: a noun a headline may open with ("the explanatory note") ends one.
pub(crate) fn ends_as_a_phrase(subject: &Subject) -> bool {
    let Subject::Unnamed(description) = subject else {
        return true;
    };
    description
        .split_whitespace()
        .next_back()
        .is_none_or(|last| {
            let word = scan::fold(last);
            !(last.starts_with(char::is_lowercase)
                && heads_no_phrase(&word, vocabulary::is_function_word(&word)))
        })
}

/// A subject that names no person, ending at token `p`: a noun phrase from
/// a determiner ("a senior official", "His office"), an organisation
/// ("Deutsche Bank said", "Downing Street said"), or a source noun
/// ("officials said").
pub(super) fn unnamed_subject(
    context: &ArticleContext,
    p: usize,
    floor_token: usize,
) -> Option<SubjectPhrase> {
    let tokens = &context.scan.tokens;
    let text = context.text;
    let head = &tokens[p];
    let word = tokens.lower(p);
    if head.shape == Shape::Lower && heads_no_phrase(word, vocabulary::is_stop_word(word)) {
        return None;
    }
    let unnamed = |start: usize| SubjectPhrase {
        subject: Subject::Unnamed(text[tokens[start].range().start..head.range().end].to_string()),
        range: Some(tokens[start].range().start..head.range().end),
    };
    let mut start = p;
    let mut found = None;
    while start >= floor_token && p - start < UNNAMED_SUBJECT_WORDS {
        if start < p && gap_after(context, start).contains([',', '.', ';', ':', '"', '“', '”'])
        {
            break;
        }
        // "told the royal commission that the church acknowledged", "a
        // day after the top US commander said": the clause's subject comes
        // after the word that opens it.
        if start < p && opens_a_clause(tokens, start) {
            break;
        }
        // "The Trump administration has cited a section of law that
        // says": past a noun phrase, an auxiliary belongs to the clause
        // the phrase is the object of.
        if found.is_some() && vocabulary::is_auxiliary_verb(tokens.lower(start)) {
            break;
        }
        if vocabulary::is_determiner(tokens.lower(start)) {
            found = Some(start);
        }
        if start == floor_token || start == 0 {
            break;
        }
        start -= 1;
    }
    if let Some(start) = found {
        return Some(unnamed(start));
    }
    // "Often dubbed the …": an adverb that opens the sentence is no body.
    let lone_adverb = (p == floor_token || head.sentence_initial)
        && vocabulary::is_adverb_between(tokens.lower(p));
    if matches!(head.shape, Shape::Capitalized | Shape::AllCaps) && !lone_adverb {
        let mut start = p;
        while start > floor_token
            && matches!(tokens[start - 1].shape, Shape::Capitalized | Shape::AllCaps)
            && gap_after(context, start - 1).trim().is_empty()
        {
            start -= 1;
        }
        return Some(unnamed(start));
    }
    // "Michael's family said": the owner's people speak, not the owner.
    if head.shape == Shape::Lower
        && p > floor_token
        && tokens[p - 1].possessive
        && tokens[p - 1].shape != Shape::Lower
        && gap_after(context, p - 1).trim().is_empty()
    {
        let mut start = p - 1;
        while start > floor_token
            && tokens[start - 1].shape != Shape::Lower
            && gap_after(context, start - 1).trim().is_empty()
        {
            start -= 1;
        }
        return Some(unnamed(start));
    }
    if vocabulary::is_source_noun(tokens.lower_of(head)) {
        return Some(SubjectPhrase {
            subject: Subject::Unnamed(tokens.lower_of(head).to_string()),
            range: Some(head.range()),
        });
    }
    None
}
