//! Which words of a text are denied or hedged: a negator ("not", "never",
//! "refused to", "yet to") denies the rest of its clause, two of them cancel
//! ("would not rule out"); a hedge ("reportedly", "is believed to") marks
//! its whole clause as unconfirmed. Claims and passages are read the same
//! way, so that their readings can be compared word for word.

use std::ops::Range;

use super::lexicon::LEXICON;
use crate::claims::content_terms::is_content;
use crate::text::Words;
use crate::text::normalize::is_stopword;

/// Most content words (not stop words) a negator reaches past itself in
/// its clause: "would not say whether the driver was armed" reaches
/// "say", "driver" and "armed".
const NEGATION_REACH: usize = 3;

/// Words that start a new clause, ending a negator's reach.
const CLAUSE_WORDS: &[&str] = &[
    "but", "while", "although", "though", "whereas", "however", "because", "unless", "instead",
    "when", "if",
];

/// Whether a word opens a clause ("when", "but").
pub fn is_clause_word(word: &str) -> bool {
    CLAUSE_WORDS.contains(&word)
}

/// Words that start a relative clause, ending a hedge's reach ("he
/// allegedly tried …, a flight that was diverted").
const RELATIVE_WORDS: &[&str] = &["that", "which", "who", "whom", "whose", "where"];

/// Words after a verb of saying that open what is said.
const SAID_OF: &[&str] = &["whether", "if", "that", "how"];

/// Whether a word opens a clause of any kind: a new clause, a relative
/// one, or what is said ("told the jury how the defendant threw").
pub fn opens_clause(word: &str) -> bool {
    is_clause_word(word) || RELATIVE_WORDS.contains(&word) || SAID_OF.contains(&word)
}

/// Auxiliaries shown with a negator when a message quotes it ("is not").
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "will",
    "would", "could", "can", "should", "may", "might", "must", "shall",
];

/// A word of a text as polarity reads it.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// The normalised word.
    pub word: &'a str,
    /// Bytes of the source text.
    pub range: Range<usize>,
    /// Punctuation or a sentence break separates it from the word before.
    pub boundary_before: bool,
    /// Written with a capital letter.
    pub capitalised: bool,
    /// Written in capitals only ("AFP", "NATO").
    pub all_caps: bool,
}

/// `words` as tokens; `sentence_starts` are the indices of `words` that
/// open a sentence.
pub fn tokens<'a>(words: Words<'a>, sentence_starts: &[usize]) -> Vec<Token<'a>> {
    let mut out = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let written = words.written(i);
        let gap = match i.checked_sub(1) {
            Some(p) => words.gap(p, i),
            None => "",
        };
        let letters = || written.chars().filter(|c| c.is_alphabetic());
        out.push(Token {
            word: word.text,
            range: word.range.clone(),
            boundary_before: i == 0
                || sentence_starts.contains(&i)
                || is_break(gap)
                || CLAUSE_WORDS.contains(&word.text),
            capitalised: written.starts_with(char::is_uppercase),
            all_caps: letters().count() >= 2 && letters().all(char::is_uppercase),
        });
    }
    out
}

/// Whether the text between two words ends a clause.
fn is_break(gap: &str) -> bool {
    gap.contains([
        ',', ';', ':', '(', ')', '[', ']', '—', '–', '.', '!', '?', '"', '“', '”',
    ]) || gap.contains(" - ")
}

/// What a reading found for each token: the cue that denies it (when an
/// odd number of negators reach it) and the cue that hedges it, as token
/// ranges.
#[derive(Debug, Default)]
pub struct Reading {
    pub denied: Vec<Option<Range<usize>>>,
    pub hedged: Vec<Option<Range<usize>>>,
    /// The token is what a negator denies first, its head: "calling" in
    /// "is not calling for an inquiry"; after a denied verb of saying, every
    /// word it reaches ("would not say whether the driver was armed").
    /// Words further on may belong to the denied phrase or not.
    pub heads: Vec<bool>,
}

/// The polarity of every token.
pub fn read(tokens: &[Token]) -> Reading {
    let words: Vec<&str> = tokens.iter().map(|t| t.word).collect();
    let n = tokens.len();
    let mut denials: Vec<u8> = vec![0; n];
    let mut reading = Reading {
        denied: vec![None; n],
        hedged: vec![None; n],
        heads: vec![false; n],
    };
    let mut i = 0;
    while i < n {
        // A capital inside a sentence makes a name of it ("May", "No. 10").
        let named = tokens[i].capitalised && !tokens[i].boundary_before;
        if named {
            i += 1;
            continue;
        }
        if let Some(len) = LEXICON.not_negators.match_at(&words, i) {
            i += len;
            continue;
        }
        let negator = LEXICON
            .negators
            .match_at(&words, i)
            .or_else(|| words[i].ends_with("n't").then_some(1));
        if let Some(len) = negator {
            let cue = i..i + len;
            let scope = negated_after(tokens, cue.end);
            for j in scope.clone() {
                denials[j] += 1;
                reading.denied[j] = Some(cue.clone());
            }
            // After a denied verb of saying and "whether", "if" or "that",
            // all it reaches is denied ("would not say whether the driver
            // was armed").
            let saying = scope.clone().any(|j| {
                LEXICON.is_reporting(tokens[j].word)
                    && tokens.get(j + 1).is_some_and(|t| SAID_OF.contains(&t.word))
            });
            let mut content = scope.clone().filter(|&j| counts(&tokens[j]));
            if saying {
                content.for_each(|j| reading.heads[j] = true);
            } else if let Some(head) = content.next() {
                // After a plain "not", the head's words run on to the end of
                // its phrase ("not going to make an official declaration");
                // what a verb such as "refused" denies is its object's verb.
                let plain = is_plain_negation(words[cue.end - 1]);
                let phrase = (head..scope.end).take_while(|&j| {
                    j == head || (plain && !tokens[j].boundary_before && counts(&tokens[j]))
                });
                phrase.for_each(|j| reading.heads[j] = true);
            }
            i += len;
            continue;
        }
        if let Some(len) = LEXICON.hedges.match_at(&words, i) {
            let cue = i..i + len;
            let before = clause_start(tokens, i);
            // "Reportedly, the man …": a hedge alone in its clause hedges
            // the next.
            let after = if cue.end < n && tokens[cue.end].boundary_before && before == i {
                clause_after(tokens, cue.end + 1).end.max(cue.end + 1)
            } else {
                clause_after(tokens, cue.end).end
            };
            for slot in &mut reading.hedged[before..after.min(n)] {
                slot.get_or_insert(cue.clone());
            }
            i += len;
            continue;
        }
        i += 1;
    }
    for (slot, count) in reading.denied.iter_mut().zip(&denials) {
        if count % 2 == 0 {
            *slot = None;
        }
    }
    reading
}

/// The tokens from `from` to the end of its clause or the start of a
/// relative clause; none when a clause opens right at `from` ("not, as
/// some say, …").
fn clause_after(tokens: &[Token], from: usize) -> Range<usize> {
    if from >= tokens.len() || tokens[from].boundary_before {
        return from..from;
    }
    let mut end = from + 1;
    while end < tokens.len()
        && !tokens[end].boundary_before
        && !RELATIVE_WORDS.contains(&tokens[end].word)
    {
        end += 1;
    }
    from..end
}

/// The tokens a negator ending at `from` denies: the rest of its clause,
/// up to its third content word.
fn negated_after(tokens: &[Token], from: usize) -> Range<usize> {
    if from >= tokens.len() || tokens[from].boundary_before {
        return from..from;
    }
    let mut end = from;
    let mut content = 0;
    while end < tokens.len() && (end == from || !tokens[end].boundary_before) {
        // Names ride along: "refused to release Richard Reid on bail".
        let name = tokens[end].capitalised && !tokens[end].boundary_before;
        if counts(&tokens[end]) && !name {
            content += 1;
        }
        end += 1;
        if content == NEGATION_REACH {
            break;
        }
    }
    from..end
}

/// Words that lead to the denied verb without being it ("not going to
/// make", "not able to attend", "not overly concerned").
const LIGHT_WORDS: &[&str] = &[
    "going",
    "able",
    "expected",
    "likely",
    "trying",
    "set",
    "overly",
    "very",
    "particularly",
    "especially",
    "entirely",
    "fully",
    "really",
    "necessarily",
    "always",
    "immediately",
];

/// Negation by grammar alone, not by a verb that denies ("refused").
const PLAIN_NEGATIONS: &[&str] = &["not", "never", "no", "nor"];

/// Whether a negator's word negates by grammar alone ("not", "won't").
fn is_plain_negation(word: &str) -> bool {
    PLAIN_NEGATIONS.contains(&word) || word.ends_with("n't")
}

/// Whether a token counts toward a negator's reach and can be its head: a
/// word of content, not one that only leads to the denied verb.
fn counts(token: &Token) -> bool {
    is_content(token.word) && !LIGHT_WORDS.contains(&token.word)
}

/// The first token of the clause holding token `i`.
fn clause_start(tokens: &[Token], i: usize) -> usize {
    (0..=i)
        .rev()
        .find(|&j| tokens[j].boundary_before)
        .unwrap_or(0)
}

/// The words a message quotes for a negator or hedge `cue`: an auxiliary
/// before it and the first content word after it ("is not calling for").
pub fn cue_phrase(tokens: &[Token], cue: Range<usize>) -> Range<usize> {
    let mut start = cue.start;
    if start > 0 && !tokens[start].boundary_before && AUXILIARIES.contains(&tokens[start - 1].word)
    {
        start -= 1;
    }
    let mut end = cue.end;
    while end < tokens.len()
        && end < cue.end + 4
        && !tokens[end].boundary_before
        && is_stopword(tokens[end].word)
    {
        end += 1;
    }
    if end < tokens.len() && !tokens[end].boundary_before {
        end += 1;
        // A particle that belongs with the verb ("calling for"), or the
        // verb of an infinitive ("planning to close").
        if end < tokens.len()
            && !tokens[end].boundary_before
            && ["for", "to", "on", "with", "up", "out"].contains(&tokens[end].word)
        {
            end += 1;
            if tokens[end - 1].word == "to" && end < tokens.len() && !tokens[end].boundary_before {
                end += 1;
            }
        }
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{WordList, words};

    fn denied_words(text: &str) -> Vec<String> {
        let found = WordList::of(text, words(text));
        let tokens = tokens(found.view(text), &[0]);
        let reading = read(&tokens);
        (tokens.iter().zip(&reading.denied))
            .filter(|(_, d)| d.is_some())
            .map(|(t, _)| t.word.to_string())
            .collect()
    }

    fn hedged_words(text: &str) -> Vec<String> {
        let found = WordList::of(text, words(text));
        let tokens = tokens(found.view(text), &[0]);
        let reading = read(&tokens);
        (tokens.iter().zip(&reading.hedged))
            .filter(|(_, h)| h.is_some())
            .map(|(t, _)| t.word.to_string())
            .collect()
    }

    #[test]
    fn a_negator_denies_the_rest_of_its_clause() {
        assert_eq!(
            denied_words("The senator is not calling for an inquiry, aides said."),
            ["calling", "for", "an", "inquiry"]
        );
        assert_eq!(
            denied_words("Officials would not say whether the driver was armed"),
            ["say", "whether", "the", "driver", "was", "armed"]
        );
        assert_eq!(
            denied_words("The families are still waiting for an apology"),
            ["an", "apology"]
        );
        assert_eq!(
            denied_words("The board has yet to approve it"),
            ["approve", "it"]
        );
    }

    fn head_words(text: &str) -> Vec<String> {
        let found = WordList::of(text, words(text));
        let tokens = tokens(found.view(text), &[0]);
        let reading = read(&tokens);
        (tokens.iter().zip(&reading.heads))
            .filter(|(_, h)| **h)
            .map(|(t, _)| t.word.to_string())
            .collect()
    }

    #[test]
    fn a_plain_negation_heads_a_whole_phrase_and_a_denying_verb_its_first_word() {
        assert_eq!(
            head_words("It was not going to make an official declaration"),
            ["official", "declaration"]
        );
        // "calling for" leads to what is denied.
        assert_eq!(
            head_words("The senator is not calling for an inquiry"),
            ["inquiry"]
        );
        assert_eq!(
            head_words("The magistrate refused to grant bail for Reid"),
            ["grant"]
        );
    }

    #[test]
    fn two_negators_cancel_and_some_phrases_are_not_negators() {
        assert!(denied_words("Starmer would not rule out sending troops").len() == 2);
        assert_eq!(
            denied_words("Starmer would not rule out sending troops"),
            ["rule", "out"]
        );
        assert!(denied_words("It is not only the troops that matter").is_empty());
        assert!(denied_words("The talks were held in May. No. 10 agreed").is_empty());
    }

    #[test]
    fn a_hedge_marks_its_clause() {
        assert_eq!(
            hedged_words("The man, who was reportedly drunk, was arrested"),
            ["who", "was", "reportedly", "drunk"]
        );
        assert_eq!(
            hedged_words("Reportedly, the minister resigned"),
            ["reportedly", "the", "minister", "resigned"]
        );
        assert!(hedged_words("The talks began in May").is_empty());
    }

    #[test]
    fn quoted_cues_carry_their_auxiliary_and_verb() {
        let text = "the senator is not calling for an inquiry";
        let found = WordList::of(text, words(text));
        let tokens = tokens(found.view(text), &[0]);
        let phrase = cue_phrase(&tokens, 3..4);
        let quoted = &text[tokens[phrase.start].range.start..tokens[phrase.end - 1].range.end];
        assert_eq!(quoted, "is not calling for");
    }
}
