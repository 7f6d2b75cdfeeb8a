//! When the name right before a said-verb is not plainly its subject: the
//! head of an appositive that lost its closing comma, a source noun that
//! speaks for the name, the agent of a "by" phrase inside a sentence about
//! a statement or at the end of a relative clause, a person before an
//! affiliation, a bracket that ends an appositive, a named person's words
//! ("Mr Musk's statement"), and the first of two people who say it
//! together.

use super::{
    MAX_NAME_BYTES, PHRASE_BREAKS, Subject, SubjectPhrase, clause_start, first_token_at, gap_after,
    mention_ending_at, only_roles_between, owner_at, starting_within,
};
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::scan::{self, Shape};
use crate::people::vocabulary;

/// "Nabil Abu Rudeina, an advisor to Mr Arafat said": when the name before
/// a said-verb (`object`) ends an appositive whose closing comma is
/// missing, the person the appositive describes, named before its comma.
pub(super) fn appositive_head<'m>(
    context: &ArticleContext,
    object: &FoundMention,
    floor_token: usize,
    mentions: &[&'m FoundMention],
) -> Option<&'m FoundMention> {
    let tokens = &context.scan.tokens;
    // Back over the title before the name ("to Mr Arafat").
    let mut name_start = first_token_at(tokens, object.range.start);
    while name_start > floor_token + 3
        && object.range.start - tokens[name_start - 1].range().start < 40
        && tokens[name_start - 1].shape != Shape::Lower
    {
        name_start -= 1;
    }
    if name_start < floor_token + 3 {
        return None;
    }
    let link = &tokens[name_start - 1];
    if link.shape != Shape::Lower || !matches!(tokens.lower_of(link), "to" | "of" | "for") {
        return None;
    }
    let start = clause_start(context, name_start - 1, floor_token);
    let opens_with_role = matches!(tokens.lower(start), "a" | "an" | "the")
        && (start..name_start).any(|k| vocabulary::is_role_noun(tokens.lower(k)));
    if start <= floor_token || !opens_with_role || !gap_after(context, start - 1).contains(',') {
        return None;
    }
    mention_ending_at(context, mentions, start - 1, MAX_NAME_BYTES)
}

/// "a spokesman for Gul Agha said": the source noun ("spokesman") that
/// speaks for the named person (`named`), who is then not the speaker.
pub(super) fn speaks_for(
    context: &ArticleContext,
    named: &FoundMention,
    floor_token: usize,
) -> Option<usize> {
    let tokens = &context.scan.tokens;
    let mut start = first_token_at(tokens, named.range.start);
    while start > floor_token
        && tokens[start - 1].shape != Shape::Lower
        && vocabulary::is_title_word(tokens.lower(start - 1))
    {
        start -= 1;
    }
    if start < floor_token + 2 {
        return None;
    }
    let (noun, link) = (&tokens[start - 2], &tokens[start - 1]);
    let speaks = link.shape == Shape::Lower
        && matches!(tokens.lower_of(link), "for" | "to")
        && noun.shape == Shape::Lower
        && !noun.possessive
        && vocabulary::is_source_noun(tokens.lower_of(noun))
        && gap_after(context, start - 2) == " "
        && gap_after(context, start - 1) == " ";
    speaks.then_some(start - 2)
}

/// The most words a role before a name takes ("Palestinian leader",
/// "United Nations envoy").
const MAX_ROLE_WORDS: usize = 3;

/// "A statement issued after a meeting chaired by Yasser Arafat called
/// for …": when the name before the verb is the agent of a "by" phrase in
/// a sentence that opens with a determiner and a noun of sources
/// ("statement", "spokesman", "team"), that noun is the subject, and the
/// quote an unnamed source's.
pub(super) fn agent_of_subject(
    context: &ArticleContext,
    named: &FoundMention,
    floor_token: usize,
    mentions: &[&FoundMention],
) -> Option<SubjectPhrase> {
    let tokens = &context.scan.tokens;
    let name = first_token_at(tokens, named.range.start);
    // Past the role before the name: "chaired by Palestinian leader …".
    let by = (name.saturating_sub(MAX_ROLE_WORDS + 1).max(floor_token)..name)
        .rev()
        .take_while(|&i| !gap_after(context, i).contains(PHRASE_BREAKS))
        .find(|&i| tokens[i].shape == Shape::Lower && tokens.lower(i) == "by")?;
    if !only_roles_between(tokens, by + 1, name) {
        return None;
    }
    let sentence = scan::sentence_of(
        &context.scan.sentence_starts,
        named.range.start,
        context.body.end,
    );
    let determiner = first_token_at(tokens, sentence.start).max(floor_token);
    let noun = determiner + 1;
    let opens_with_source = noun < by
        && vocabulary::is_determiner(tokens.lower(determiner))
        && tokens[noun].shape == Shape::Lower
        && !tokens[noun].possessive
        && vocabulary::is_source_noun(tokens.lower(noun))
        && gap_after(context, determiner) == " "
        && !context.text[tokens[noun].range().end..tokens[by].range().start]
            .contains(PHRASE_BREAKS);
    if opens_with_source {
        let range = tokens[determiner].range().start..tokens[noun].range().end;
        return Some(SubjectPhrase {
            subject: Subject::Unnamed(context.text[range.clone()].to_string()),
            range: Some(range),
        });
    }
    relative_clause_head(context, named, by, sentence.start, mentions)
}

/// "Cheney, who made clear that he didn't "speak for anybody else" before
/// assessing the threats posed by Putin, said": a "by" phrase that closes
/// a relative clause with a comma; the one the clause hangs on, named
/// before ", who" in the same sentence (from `sentence_start`; before the
/// quote, if the clause holds it), is the subject.
fn relative_clause_head(
    context: &ArticleContext,
    agent: &FoundMention,
    by: usize,
    sentence_start: usize,
    mentions: &[&FoundMention],
) -> Option<SubjectPhrase> {
    let tokens = &context.scan.tokens;
    if !context.text.get(agent.range.end..)?.starts_with(',') {
        return None;
    }
    let head = starting_within(mentions, sentence_start..tokens[by].range().start)
        .iter()
        .rev()
        .find(|m| {
            let next = first_token_at(tokens, m.range.end);
            next < by
                && tokens.lower(next) == "who"
                && (context.text.get(m.range.end..tokens[next].range().start))
                    .is_some_and(|gap| gap.trim() == ",")
        })?;
    Some(SubjectPhrase::named(head))
}

/// "Chuck Hagel of the Foreign Relations Committee says": the person an
/// affiliation (`of`, `from`, `at` and a phrase ending at token `p`)
/// follows.
pub(super) fn person_before_affiliation(
    context: &ArticleContext,
    p: usize,
    floor_token: usize,
    mentions: &[&FoundMention],
) -> Option<SubjectPhrase> {
    let tokens = &context.scan.tokens;
    let mut k = p;
    while k > floor_token + 1 && p - k < 8 {
        if gap_after(context, k - 1).contains([',', '.', ';', ':', '"', '“', '”', '(']) {
            return None;
        }
        k -= 1;
        if tokens[k].shape != Shape::Lower || !matches!(tokens.lower(k), "of" | "from" | "at") {
            continue;
        }
        return named_ending_at(context, mentions, k - 1, floor_token);
    }
    None
}

/// The person named by a mention that ends at token `end` and starts no
/// earlier than token `floor_token`.
fn named_ending_at(
    context: &ArticleContext,
    mentions: &[&FoundMention],
    end: usize,
    floor_token: usize,
) -> Option<SubjectPhrase> {
    let floor = context.scan.tokens[floor_token].range().start;
    mention_ending_at(context, mentions, end, MAX_NAME_BYTES)
        .filter(|m| m.range.start >= floor)
        .map(SubjectPhrase::named)
}

/// "Juan Miguel Pacheco, Plant Manager at Nenagh said": a capitalised
/// role ending at token `p`, with no name of its own and no closing comma,
/// that describes the person named right before its comma. The role must
/// hold a role noun or title, and its words be capitalised or join them
/// ("at", "of", "for", "in", "and", "the"); the name must be a person's.
pub(super) fn head_of_open_role(
    context: &ArticleContext,
    p: usize,
    floor_token: usize,
    mentions: &[&FoundMention],
) -> Option<SubjectPhrase> {
    let tokens = &context.scan.tokens;
    let joins = |k: usize| {
        tokens[k].shape == Shape::Lower
            && matches!(tokens.lower(k), "at" | "of" | "for" | "in" | "and" | "the")
    };
    let mut start = p;
    loop {
        if tokens[start].shape == Shape::Lower && !joins(start) || tokens[start].possessive {
            return None;
        }
        if start <= floor_token + 1 || p - start >= MAX_OPEN_ROLE_WORDS {
            return None;
        }
        let gap = gap_after(context, start - 1);
        if gap.contains(',') {
            break;
        }
        if gap.contains(PHRASE_BREAKS) || gap.contains(['(', ')']) {
            return None;
        }
        start -= 1;
    }
    let has_role = (start..=p).any(|k| {
        let lower = tokens.lower(k);
        vocabulary::is_role_noun(lower) || vocabulary::is_title_word(lower)
    });
    let role_range = tokens[start].range().start..tokens[p].range().end;
    if joins(start) || !has_role || !starting_within(mentions, role_range).is_empty() {
        return None;
    }
    named_ending_at(context, mentions, start - 1, floor_token)
}

/// The most words an appositive role with no closing comma takes ("Plant
/// Manager at Nenagh", "Chief Executive of the Irish Farmers Association").
const MAX_OPEN_ROLE_WORDS: usize = 8;

/// "Jesse Klaver, leader of GroenLinks (Green Left), called …": when a
/// bracket of a few words and a comma end at token `p`, the token before
/// the bracket, so that the appositive it closes is read as one.
pub(super) fn before_closing_bracket(
    context: &ArticleContext,
    p: usize,
    floor_token: usize,
) -> Option<usize> {
    let gap = gap_after(context, p).trim_start();
    if !(gap.starts_with(')') && gap.contains(',')) {
        return None;
    }
    (p.saturating_sub(4).max(floor_token + 1)..=p)
        .rev()
        .find(|&k| gap_after(context, k - 1).trim_end().ends_with('('))
        .map(|k| k - 1)
}

/// `"…," Mr Musk's statement added`: a named person's words, a speech noun
/// right after their possessive name, speak for them (their office or
/// family does not: "Michael's family said"). The words may be placed or
/// dated before the verb: "Watson's ruling in Hawaii Wednesday noted".
pub(super) fn words_of_owner(
    context: &ArticleContext,
    p: usize,
    floor_token: usize,
    mentions: &[&FoundMention],
) -> Option<SubjectPhrase> {
    let tokens = &context.scan.tokens;
    let noun = noun_before_setting(context, p, floor_token);
    let owner_token = noun.checked_sub(1).filter(|&k| k >= floor_token)?;
    if tokens[noun].shape != Shape::Lower
        || !vocabulary::is_speech_noun(tokens.lower(noun))
        || !gap_after(context, owner_token).trim().is_empty()
    {
        return None;
    }
    let owner = owner_at(context, mentions, owner_token)?;
    Some(SubjectPhrase::named(owner))
}

/// The token before a phrase of place or time that ends at `p` ("in
/// Hawaii Wednesday", "on Monday", "last week"): a preposition of place or
/// date and at most three words after it, each capitalised or a word of
/// time, with nothing but spaces between; `p` itself when no such phrase
/// ends there.
fn noun_before_setting(context: &ArticleContext, p: usize, floor_token: usize) -> usize {
    let tokens = &context.scan.tokens;
    let mut k = p;
    while k > floor_token
        && p - k < 3
        && (tokens[k].shape == Shape::Capitalized
            || (vocabulary::is_adverb_between(tokens.lower(k))
                && !vocabulary::is_setting_preposition(tokens.lower(k))))
        && gap_after(context, k - 1).trim().is_empty()
    {
        k -= 1;
    }
    let opens_setting = k < p
        && tokens[k].shape == Shape::Lower
        && vocabulary::is_setting_preposition(tokens.lower(k));
    if opens_setting && k > floor_token && gap_after(context, k - 1).trim().is_empty() {
        k - 1
    } else {
        p
    }
}

/// `Britain's Prime Minister Tony Blair and US President George W Bush
/// expressed "…"`: two people who say it together, the first named as the
/// speaker. Only when the pair opens its clause (after the sentence start,
/// a comma or `floor`, past capitalised words such as titles), so that the
/// object of an earlier verb ("Blair met Bush and Chirac said") is never
/// taken for a subject.
pub(super) fn first_of_pair<'m>(
    context: &ArticleContext,
    second: &FoundMention,
    floor: usize,
    mentions: &[&'m FoundMention],
) -> Option<&'m FoundMention> {
    let tokens = &context.scan.tokens;
    let second_first = first_token_at(tokens, second.range.start);
    // Back from the second name over its title ("US President") to "and".
    let mut k = second_first.checked_sub(1)?;
    while k > floor && tokens[k].shape != Shape::Lower && !gap_after(context, k).contains(',') {
        k -= 1;
    }
    if tokens.lower(k) != "and" || k == 0 || gap_after(context, k - 1).trim() != "" {
        return None;
    }
    let first = mention_ending_at(context, mentions, k - 1, MAX_NAME_BYTES)?;
    if first.person == second.person {
        return None;
    }
    // The first name opens its clause.
    let mut j = first_token_at(tokens, first.range.start);
    while j > floor && !tokens[j].sentence_initial {
        if gap_after(context, j - 1).contains([',', ';', ':']) {
            break;
        }
        // Past titles and roles: "Ansett administrators Mark Mentha and".
        if tokens[j - 1].shape == Shape::Lower
            && !vocabulary::is_role_noun_in_any_number(tokens.lower(j - 1))
        {
            return None;
        }
        j -= 1;
    }
    Some(first)
}
