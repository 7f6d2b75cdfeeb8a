//! A document's words given to the person who wrote it: `O'Neill wrote in
//! the memo … "…," the memo to rank-and-file officers said` gives the
//! memo's quote to O'Neill, as `Smith said in a statement … the statement
//! added` gives the statement's to Smith.

use crate::people::context::{ArticleContext, FoundMention};
use crate::people::model::PersonId;
use crate::people::scan::{self, Shape};
use crate::people::subjects::first_token_at;
use crate::people::vocabulary;

use super::role_holder::after_definite_article;

/// How many sentences before the description's may name the document's
/// author.
const SENTENCES_BACK: usize = 3;

/// How many words may stand between "the" and the document noun ("the
/// internal NYPD memo"), or between an author's possessive and it.
const WORDS_BEFORE_NOUN: usize = 3;

/// How many adverbs or auxiliaries may stand between the author and the
/// verb.
const WORDS_BEFORE_VERB: usize = 2;

/// The person who, in the last sentence before `at` (within a few) to name
/// the document a definite description at `at` names (`the memo`, `the
/// statement`), put it out: the one person named before the noun in that
/// sentence, linked to it by writing ("wrote in the memo", "said in a
/// statement", "issued a statement") as the verb's subject, or owning it
/// ("O'Neill's memo"). A document first named with no such author (an
/// office's statement) is no one's.
pub(super) fn document_author(
    context: &ArticleContext,
    description: &str,
    at: usize,
    mentions: &[&FoundMention],
) -> Option<PersonId> {
    let rest = after_definite_article(description)?;
    let noun =
        (rest.iter().take(WORDS_BEFORE_NOUN + 1)).find(|w| vocabulary::is_document_noun(w))?;
    let tokens = &context.scan.tokens;
    let starts = &context.scan.sentence_starts;
    let sentence_index = |offset: usize| starts.partition_point(|&s| s <= offset);
    let earliest = sentence_index(at).saturating_sub(SENTENCES_BACK);
    let named = (0..first_token_at(tokens, at))
        .rev()
        .take_while(|&k| sentence_index(tokens[k].range().start) >= earliest)
        .find(|&k| tokens[k].shape == Shape::Lower && tokens.lower(k) == noun)?;
    let noun_start = tokens[named].range().start;
    let sentence = scan::sentence_of(starts, noun_start, context.body.end);
    let before_noun: Vec<&FoundMention> = (mentions.iter().copied())
        .filter(|m| sentence.start <= m.range.start && m.range.end <= noun_start)
        .collect();
    let author = before_noun.last()?;
    if before_noun.iter().any(|m| m.person != author.person) {
        return None;
    }
    let last = first_token_at(tokens, author.range.end).checked_sub(1)?;
    if tokens[last].possessive {
        return (named - last <= WORDS_BEFORE_NOUN + 1).then_some(author.person);
    }
    // The author is the verb's subject: nothing but an adverb or an
    // auxiliary between them ("O'Neill wrote", "Cole has since said").
    let is_verb =
        |word: &str| vocabulary::is_speech_verb(word) || vocabulary::is_authoring_verb(word);
    let verb = (last + 1..named)
        .take(WORDS_BEFORE_VERB + 1)
        .find(|&j| {
            let word = tokens.lower(j);
            is_verb(word)
                || !(vocabulary::is_adverb_between(word) || vocabulary::is_auxiliary_verb(word))
        })
        .filter(|&j| tokens[j].shape == Shape::Lower && is_verb(tokens.lower(j)))?;
    let word = tokens.lower(verb);
    let put_out = vocabulary::is_authoring_verb(word);
    let spoke_in =
        vocabulary::is_speech_verb(word) && (verb + 1..named).any(|j| tokens.lower(j) == "in");
    (put_out || spoke_in).then_some(author.person)
}
