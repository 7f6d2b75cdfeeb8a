//! The speaker next to a said-verb: the name, pronoun, description ("a
//! senior official") or organisation ("Deutsche Bank") that is the verb's
//! subject, past adverbs ("later wrote") and asides ("Lavrov, speaking
//! separately, said").

use std::ops::Range;

use super::context::{ArticleContext, FoundMention};
use super::model::{PersonId, QuoteSpeaker};
use super::scan::{Shape, Token, Tokens};
use super::vocabulary;

mod around_the_name;
mod unnamed;
use around_the_name::{
    agent_of_subject, appositive_head, before_closing_bracket, first_of_pair, head_of_open_role,
    person_before_affiliation, speaks_for, words_of_owner,
};
pub(super) use unnamed::ends_as_a_phrase;
use unnamed::{opens_a_clause, reporting_verb_before, unnamed_subject};

/// Longest name a mention can be, in bytes, for windowed look-ups.
const MAX_NAME_BYTES: usize = 200;

/// Marks between two words that end a noun phrase: a clause or sentence
/// break, a colon, a quote mark or a line break.
pub(super) const PHRASE_BREAKS: [char; 8] = [',', '.', ';', ':', '"', '“', '”', '\n'];

/// Who an attribution names.
#[derive(Debug, Clone)]
pub(super) enum Subject {
    Person(PersonId),
    /// A pronoun at this offset, to be resolved against earlier sentences.
    Pronoun(usize),
    Unnamed(String),
    /// The previous quote's speaker, for a quote that carries on.
    Inherited(QuoteSpeaker),
}

/// A subject and the words that name it.
pub(super) struct SubjectPhrase {
    pub subject: Subject,
    pub range: Option<Range<usize>>,
}

impl SubjectPhrase {
    /// The person a mention names, named by its words.
    pub(super) fn named(mention: &FoundMention) -> SubjectPhrase {
        SubjectPhrase {
            subject: Subject::Person(mention.person),
            range: Some(mention.range.clone()),
        }
    }

    /// The pronoun written at `range`, to be resolved against earlier
    /// sentences.
    pub(super) fn pronoun(range: Range<usize>) -> SubjectPhrase {
        SubjectPhrase {
            subject: Subject::Pronoun(range.start),
            range: Some(range),
        }
    }
}

/// The index of the first token that starts at or after `offset`.
pub(super) fn first_token_at(tokens: &[Token], offset: usize) -> usize {
    tokens.partition_point(|t| t.range().start < offset)
}

/// The mention (of `mentions`, sorted by start) that ends at word `token`
/// and starts at most `reach` bytes before it; none when the word is a
/// possessive ("Starmer's office" is not Starmer).
pub(super) fn mention_ending_at<'m>(
    context: &ArticleContext,
    mentions: &[&'m FoundMention],
    token: usize,
    reach: usize,
) -> Option<&'m FoundMention> {
    if context.scan.tokens[token].possessive {
        return None;
    }
    mention_with_last_word(context, mentions, token, reach)
}

/// The mention whose possessive ends at word `token` ("Sharon's" in "Mr
/// Sharon's accusation"): the owner of what follows.
pub(super) fn owner_at<'m>(
    context: &ArticleContext,
    mentions: &[&'m FoundMention],
    token: usize,
) -> Option<&'m FoundMention> {
    if !context.scan.tokens[token].possessive {
        return None;
    }
    mention_with_last_word(context, mentions, token, MAX_NAME_BYTES)
}

/// The mention whose last word is `token` (its possessive aside), starting
/// at most `reach` bytes before it.
fn mention_with_last_word<'m>(
    context: &ArticleContext,
    mentions: &[&'m FoundMention],
    token: usize,
    reach: usize,
) -> Option<&'m FoundMention> {
    let word = &context.scan.tokens[token];
    let near = word.range().start.saturating_sub(reach)..word.range().end;
    starting_within(mentions, near)
        .iter()
        .copied()
        .find(|m| m.range.end == word.base_end())
}

/// The mentions (sorted by start) that start inside `window`.
pub(super) fn starting_within<'a, 'm>(
    mentions: &'a [&'m FoundMention],
    window: Range<usize>,
) -> &'a [&'m FoundMention] {
    let from = mentions.partition_point(|m| m.range.start < window.start);
    let to = mentions.partition_point(|m| m.range.start < window.end);
    &mentions[from..to.max(from)]
}

/// Whether word `index` opens a parenthetical between a subject and its
/// verb ("Lavrov, speaking separately …, said").
fn opens_parenthetical(tokens: &Tokens, index: usize) -> bool {
    let token = &tokens[index];
    let lower = tokens.lower(index);
    vocabulary::is_parenthetical_opener(lower)
        || (lower.ends_with("ing") && token.shape == Shape::Lower)
        || (token.shape == Shape::Lower && role_noun_at(tokens, index))
        || (token.shape == Shape::Lower && role_noun_at(tokens, index + 1))
        // "Edward Timpson, Minister for Vulnerable Children and Families,
        // said".
        || (token.shape == Shape::Capitalized
            && vocabulary::is_title_head(lower)
            && tokens.get(index + 1).is_some_and(|next| next.shape == Shape::Lower))
}

/// A lower-case role noun at `index` ("director" of "research director").
fn role_noun_at(tokens: &Tokens, index: usize) -> bool {
    index < tokens.len()
        && tokens[index].shape == Shape::Lower
        && vocabulary::is_role_noun(tokens.lower(index))
}

/// Whether token `k` is an adverb of manner between a noun and its verb,
/// "the author sarcastically tweeted": a lower-case word in "-ly" after a
/// word that is no determiner or owner, so that "the daily said" and "his
/// family said" keep their nouns.
fn manner_adverb_at(tokens: &Tokens, k: usize) -> bool {
    let word = tokens.lower(k);
    k > 0
        && word.len() > 4
        && word.ends_with("ly")
        && !vocabulary::is_noun_in_ly(word)
        && !vocabulary::is_determiner(tokens.lower(k - 1))
        && !tokens[k - 1].possessive
}

/// The first token of "in a statement", "in an interview", the phrase
/// naming what a speaker's words were said in, when it ends at token `end`.
pub(super) fn occasion_ending_at(tokens: &Tokens, end: usize) -> Option<usize> {
    let start = end.checked_sub(2)?;
    let plain = (start..=end).all(|k| tokens[k].shape == Shape::Lower)
        && (start..end).all(|k| tokens.gap(k, k + 1).trim().is_empty());
    (plain
        && tokens.lower(start) == "in"
        && vocabulary::is_determiner(tokens.lower(start + 1))
        && vocabulary::is_occasion_noun(tokens.lower(end)))
    .then_some(start)
}

/// The text between token `a` and the next one.
fn gap_after<'a>(context: &ArticleContext<'a>, a: usize) -> &'a str {
    context.scan.tokens.gap(a, a + 1)
}

/// The subject of the said-verb at token `verb`, not reaching before
/// `floor`.
pub(super) fn subject_before_verb(
    context: &ArticleContext,
    verb: usize,
    floor: usize,
    mentions: &[&FoundMention],
) -> Option<SubjectPhrase> {
    let tokens = &context.scan.tokens;
    let floor_token = first_token_at(tokens, floor);
    let mut p = verb.checked_sub(1)?;
    if p < floor_token {
        return None;
    }
    if let Some(owner) = words_of_owner(context, p, floor_token, mentions) {
        return Some(owner);
    }
    // Adverbs and auxiliaries: "Badenoch later wrote", "Macron has
    // argued", "the author sarcastically tweeted", "the PM did say", "the
    // diplomat went on to say", "the EU is warning"; and what the words
    // were said in, "Smith in a statement said".
    let progressive = tokens.lower(verb).ends_with("ing");
    while p > floor_token && !gap_after(context, p).contains(',') && tokens[p].shape == Shape::Lower
    {
        let word = tokens.lower(p);
        if let Some(start) = occasion_ending_at(tokens, p).filter(|&s| s > floor_token) {
            p = start - 1;
        } else if vocabulary::is_adverb_between(word)
            || (progressive && vocabulary::is_progressive_auxiliary(word))
            || manner_adverb_at(tokens, p)
        {
            p -= 1;
        } else if word == "to"
            && p >= floor_token + 3
            && tokens.lower(p - 1) == "on"
            && matches!(tokens.lower(p - 2), "went" | "goes" | "go")
            && (p - 2..p).all(|k| gap_after(context, k).trim().is_empty())
        {
            p -= 3;
        } else {
            break;
        }
    }
    // "a memorandum that claimed", "the ambassador who accused": the noun
    // a relative pronoun stands for.
    if p > floor_token
        && tokens[p].shape == Shape::Lower
        && gap_after(context, p - 1).trim().is_empty()
        && matches!(tokens.lower(p), "who" | "that" | "which")
    {
        p -= 1;
    }
    // "is often described as an \"untouched\" beach paradise": a passive
    // verb's subject is what is described, not who describes it.
    if tokens[p].shape == Shape::Lower
        && matches!(
            tokens.lower(p),
            "is" | "was" | "are" | "were" | "be" | "been" | "being"
        )
    {
        return None;
    }
    // "Erdogan, Turkey's President, on Sunday vowed": a day the verb is
    // dated to is no part of its subject.
    let p = skip_day_phrase(context, p, floor_token, mentions);
    let mut p = skip_parentheticals(context, p, floor_token, mentions)?;
    // "Queen Elizabeth, who said …": the name the relative clause hangs on.
    if tokens.lower(p) == "who" && p > floor_token && gap_after(context, p - 1).contains(',') {
        p -= 1;
    }
    // A name (or description) that ends right here; "Sir Keir Starmer's
    // office said" is not Starmer himself.
    if let Some(mention) = mention_ending_at(context, mentions, p, MAX_NAME_BYTES)
        && mention.range.start >= floor
    {
        let appositive = appositive_head(context, mention, floor_token, mentions);
        if appositive.is_none()
            && let Some(noun) = speaks_for(context, mention, floor_token)
        {
            let start = noun
                .checked_sub(1)
                .filter(|&d| {
                    d >= floor_token
                        && vocabulary::is_determiner(tokens.lower(d))
                        && gap_after(context, d) == " "
                })
                .unwrap_or(noun);
            let range = tokens[start].range().start..mention.range.end;
            return Some(SubjectPhrase {
                subject: Subject::Unnamed(context.text[range.clone()].to_string()),
                range: Some(range),
            });
        }
        let named = appositive.unwrap_or(mention);
        if appositive.is_none()
            && let Some(head) = agent_of_subject(context, named, floor_token, mentions)
        {
            return Some(head);
        }
        // "Des Crinion of Panda Waste said": a firm read as a name is the
        // affiliation of the person before it.
        if appositive.is_none()
            && let Some(person) = person_before_affiliation(context, p, floor_token, mentions)
        {
            return Some(person);
        }
        let named = first_of_pair(context, named, floor_token, mentions).unwrap_or(named);
        return Some(SubjectPhrase::named(named));
    }
    if vocabulary::is_pronoun(tokens.lower(p)) {
        return Some(SubjectPhrase::pronoun(tokens[p].range()));
    }
    // "Nelson will not name the cuts in his portfolio and says": a second
    // verb of the clause, whose subject is the clause's own, not the words
    // before "and".
    if matches!(
        tokens.lower(p),
        "i" | "we" | "you" | "they" | "it" | "and" | "but"
    ) {
        return None;
    }
    if tokens.lower(p).ends_with("ing") && tokens[p].shape == Shape::Lower {
        return None;
    }
    // "as he tried to seize the weapon while shouting": a verb that a
    // conjunction brings in has its subject in the clause the conjunction
    // hangs on.
    if opens_a_clause(tokens, p) {
        return None;
    }
    // "A government spokesman said the British people expressed …": the
    // quote is the reporter's, whose verb brings in the clause.
    if let Some(reporting) = reporting_verb_before(context, p, floor_token) {
        return subject_before_verb(context, reporting, floor, mentions);
    }
    head_of_open_role(context, p, floor_token, mentions)
        .or_else(|| person_before_affiliation(context, p, floor_token, mentions))
        .or_else(|| unnamed_subject(context, p, floor_token))
}

/// The token before a phrase dating the verb that ends at `p` ("on
/// Sunday", "on Monday night", "last Friday") after a comma or a person's
/// name ("Donald Trump on Sunday criticised"), or `p` when none does.
fn skip_day_phrase(
    context: &ArticleContext,
    p: usize,
    floor_token: usize,
    mentions: &[&FoundMention],
) -> usize {
    let tokens = &context.scan.tokens;
    let mut day = p;
    if matches!(
        tokens.lower(day),
        "night" | "morning" | "afternoon" | "evening"
    ) && day > floor_token
    {
        day -= 1;
    }
    if !vocabulary::is_weekday(tokens.lower(day)) || tokens[day].shape != Shape::Capitalized {
        return p;
    }
    let Some(before) = day.checked_sub(1).filter(|&b| b >= floor_token) else {
        return p;
    };
    let opens = matches!(tokens.lower(before), "on" | "last" | "this" | "next")
        && tokens[before].shape == Shape::Lower
        && gap_after(context, before).trim().is_empty();
    // Only after a comma, where a subject's appositive ended, or a name:
    // "blasting Jenin in the West Bank on Monday, accusing" has no subject
    // there.
    match before.checked_sub(1) {
        Some(previous)
            if opens
                && previous >= floor_token
                && (gap_after(context, previous).contains(',')
                    || (gap_after(context, previous).trim().is_empty()
                        && mention_ending_at(context, mentions, previous, MAX_NAME_BYTES)
                            .is_some())) =>
        {
            previous
        }
        _ => p,
    }
}

/// Are the words `from..to` (before a name) capitalised, titles or role
/// nouns only: "Palestinian leader", "United Nations envoy"?
pub(super) fn only_roles_between(tokens: &Tokens, from: usize, to: usize) -> bool {
    (from..to).all(|i| {
        tokens[i].shape != Shape::Lower
            || vocabulary::is_role_noun(tokens.lower(i))
            || vocabulary::is_title_word(tokens.lower(i))
    })
}

/// The token before the asides that stand between a subject and its verb
/// ("Lavrov, speaking …, said", "Warren, D-Mass., said"), from `p`, the
/// token before the verb. `None` for a participle clause with no subject
/// of its own ("…, telling MPs that").
fn skip_parentheticals(
    context: &ArticleContext,
    mut p: usize,
    floor_token: usize,
    mentions: &[&FoundMention],
) -> Option<usize> {
    let tokens = &context.scan.tokens;
    // "Sharon made a televised address, telling Israelis …": a participle
    // after a comma speaks for the subject of the clause it hangs on, never
    // for the words just before the comma.
    if gap_after(context, p).contains(',') && tokens.lower(p + 1).ends_with("ing") {
        return None;
    }
    for _ in 0..3 {
        let bracket = before_closing_bracket(context, p, floor_token);
        p = bracket.unwrap_or(p);
        if bracket.is_none() && !gap_after(context, p).contains(',') {
            break;
        }
        let start = clause_start(context, p, floor_token);
        let clause_is_name =
            starting_within(mentions, tokens[start].range().start..tokens[p].range().end)
                .iter()
                .any(|m| {
                    m.range.start >= tokens[start].range().start
                        && m.range.end == tokens[p].base_end()
                        && names_its_clause(context, start, m)
                });
        if clause_is_name {
            break;
        }
        let before_comma = start > floor_token && gap_after(context, start - 1).contains(',');
        // A short aside that names no one: ", D-Mass.,", ", 45,".
        let short_aside = p + 1 - start <= 2 && before_comma;
        if short_aside || (opens_parenthetical(tokens, start) && before_comma) {
            p = start - 1;
            continue;
        }
        if (start == floor_token || !before_comma) && tokens.lower(p + 1).ends_with("ing") {
            return None;
        }
        break;
    }
    Some(p)
}

/// Is `name`, which ends the clause that starts at token `start`, that
/// clause's subject: after nothing but role words ("director, professor
/// Helena Britt, says"), not after a participle or a word that links it to
/// someone else ("Lavrov, speaking to Blinken, said"; "Smith, spokesman
/// for Mr Jones, said").
fn names_its_clause(context: &ArticleContext, start: usize, name: &FoundMention) -> bool {
    let tokens = &context.scan.tokens;
    let opener = tokens.lower(start);
    if vocabulary::is_parenthetical_opener(opener)
        || (opener.ends_with("ing") && tokens[start].shape == Shape::Lower)
    {
        return false;
    }
    let name_start = first_token_at(tokens, name.range.start);
    (start..name_start).all(|k| {
        tokens[k].shape != Shape::Lower || !vocabulary::is_appositive_link(tokens.lower(k))
    })
}

/// The first token of the clause that ends at token `p`: back to the
/// previous comma or stop, at most 16 tokens, not before `floor_token`.
fn clause_start(context: &ArticleContext, p: usize, floor_token: usize) -> usize {
    let mut start = p;
    while start > floor_token
        && p - start < 16
        && !gap_after(context, start - 1).contains([',', '.', ';', ':', '(', '"', '“', '”'])
    {
        start -= 1;
    }
    start
}

/// Is the name at `range` followed by a possessive ("Michael's", "Owens'")?
pub(super) fn is_possessive(context: &ArticleContext, range: &Range<usize>) -> bool {
    let after = context.text.get(range.end..).unwrap_or("");
    let name = context.text.get(range.clone()).unwrap_or("");
    ["'s", "’s"].iter().any(|mark| after.starts_with(mark))
        || (name.ends_with('s') && ["' ", "’ "].iter().any(|mark| after.starts_with(mark)))
}

/// The subject of the sentence `window` (up to a quote): its first person
/// or pronoun, or a noun phrase it opens with.
pub(super) fn sentence_subject(
    context: &ArticleContext,
    window: Range<usize>,
    mentions: &[&FoundMention],
) -> Option<SubjectPhrase> {
    let tokens = &context.scan.tokens;
    let first = first_token_at(tokens, window.start);
    let end = first_token_at(tokens, window.end);
    // An owner is not the subject: "The statement from Michael's family
    // read: …" is the family's.
    if let Some(mention) = starting_within(mentions, window.clone()).iter().find(|m| {
        m.range.start >= window.start
            && m.range.end <= window.end
            && !is_possessive(context, &m.range)
    }) {
        return Some(SubjectPhrase::named(mention));
    }
    if let Some(k) = (first..end).find(|&k| vocabulary::is_pronoun(tokens.lower(k))) {
        return Some(SubjectPhrase::pronoun(tokens[k].range()));
    }
    let (phrase, range) = noun_phrase_after(context, first)?;
    Some(SubjectPhrase {
        subject: Subject::Unnamed(phrase),
        range: Some(range),
    })
}

/// The noun phrase that opens with a determiner at token `start` ("a
/// senior official"), up to a said-verb or a stop: its words and range.
pub(super) fn noun_phrase_after(
    context: &ArticleContext,
    start: usize,
) -> Option<(String, Range<usize>)> {
    let tokens = &context.scan.tokens;
    let first = tokens.get(start)?;
    // A determiner, or an owner's name that stands for one ("Tundey
    // Kababi's owner").
    let determiner = if vocabulary::is_determiner(tokens.lower_of(first)) {
        start
    } else {
        owner_ending_within(context, start)?
    };
    // A determiner alone is no phrase: the "A:" of a Q&A answer.
    let noun = tokens.get(determiner + 1)?;
    if context.text[tokens[determiner].range().end..noun.range().start]
        .contains([':', '.', ',', '\n', '"', '“'])
    {
        return None;
    }
    let mut end = determiner;
    while end + 1 < tokens.len() && end - start < 8 {
        if gap_after(context, end).contains(PHRASE_BREAKS) {
            break;
        }
        if vocabulary::is_speech_verb(tokens.lower(end + 1)) {
            break;
        }
        end += 1;
    }
    let range = first.range().start..tokens[end].range().end;
    Some((context.text[range.clone()].to_string(), range))
}

/// The token that ends an owner's name of at most three capitalised
/// words from token `start` ("Tundey Kababi's"), if one does.
fn owner_ending_within(context: &ArticleContext, start: usize) -> Option<usize> {
    let tokens = &context.scan.tokens;
    (start..(start + 3).min(tokens.len()))
        .take_while(|&k| {
            tokens[k].shape == Shape::Capitalized
                && (k == start || gap_after(context, k - 1) == " ")
        })
        .find(|&k| tokens[k].possessive)
}

/// How to name an unnamed speaker the source keeps anonymous: "an
/// undisclosed EU official" → "an unnamed EU official", "officials" →
/// "unnamed officials". `None` for a description that points at someone
/// definite ("his office", "the minister", "Deutsche Bank"), whom the
/// article may name elsewhere.
pub(super) fn anonymous_source(description: &str) -> Option<String> {
    let words: Vec<&str> = description.split_whitespace().collect();
    let (first, rest) = words.split_first()?;
    let lower = first.to_lowercase();
    if words.len() == 1 {
        let plural_source = vocabulary::is_source_noun(&lower) && lower.ends_with('s');
        return plural_source.then(|| format!("unnamed {lower}"));
    }
    if !matches!(lower.as_str(), "a" | "an" | "one") {
        return None;
    }
    let kept: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|w| !vocabulary::is_anonymity_word(&w.to_lowercase()))
        .collect();
    (!kept.is_empty()).then(|| format!("an unnamed {}", kept.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::anonymous_source;

    #[test]
    fn anonymous_sources_are_described_as_unnamed() {
        assert_eq!(
            anonymous_source("an undisclosed EU official").as_deref(),
            Some("an unnamed EU official")
        );
        assert_eq!(
            anonymous_source("a senior Hamas official").as_deref(),
            Some("an unnamed senior Hamas official")
        );
        assert_eq!(
            anonymous_source("officials").as_deref(),
            Some("unnamed officials")
        );
    }

    #[test]
    fn definite_descriptions_are_not_anonymous() {
        for description in [
            "the minister",
            "His office",
            "Deutsche Bank",
            "official",
            "an",
        ] {
            assert_eq!(anonymous_source(description), None, "{description}");
        }
    }
}
