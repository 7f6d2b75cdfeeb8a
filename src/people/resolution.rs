//! The second pass of a build, for one article: which person each name
//! and description in it means, the roles it gives them, and who said each
//! of its quotes. Full names decide what a bare surname or given name
//! means in the article; the name table settles the rest.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::attribution::{attribute_quotes, role_descriptions};
use super::clustering::NameTable;
use super::context::{ArticleContext, FoundMention, FoundRole, parts_of};
use super::model::{MentionKind, PersonId};
use super::names::{given_of, key_of, one_letter_apart, settled_pronoun, surname_of, surname_only};
use super::quotes::{self, DraftQuote};
use super::scan::{self, Candidate, Region, Shape};
use super::vocabulary;
use crate::article::Article;

/// What the second pass finds in one article.
pub(super) struct ArticlePeople {
    /// In order of their start.
    pub mentions: Vec<FoundMention>,
    pub roles: Vec<FoundRole>,
    pub quotes: Vec<DraftQuote>,
}

pub(super) fn resolve_article(article: &Article, table: &NameTable) -> ArticlePeople {
    let parts = parts_of(article);
    if let [whole] = parts.as_slice() {
        return resolve_part(&article.text, whole, article.body.clone(), table);
    }
    let mut found = ArticlePeople {
        mentions: Vec::new(),
        roles: Vec::new(),
        quotes: Vec::new(),
    };
    // Parts follow each other in the text, so their mentions stay in
    // order.
    for part in parts {
        let body = match part.last() {
            Some((Region::Body, body)) => body.clone(),
            _ => article.body.clone(),
        };
        let ArticlePeople {
            mentions,
            roles,
            quotes,
        } = resolve_part(&article.text, &part, body, table);
        found.mentions.extend(mentions);
        found.roles.extend(roles);
        found.quotes.extend(quotes);
    }
    found
}

/// What the regions of one part of an article (`context::parts_of`) say
/// of people; quotes are looked for in `body`.
fn resolve_part(
    text: &str,
    regions: &[(Region, Range<usize>)],
    body: Range<usize>,
    table: &NameTable,
) -> ArticlePeople {
    let context = ArticleContext {
        text,
        scan: scan::scan(text, regions),
        body,
    };
    let candidates = &context.scan.candidates;
    let tokens = &context.scan.tokens;
    let honorific_pronouns: Vec<Option<&str>> = candidates
        .iter()
        .map(|c| {
            honorific_pronoun(tokens, c.first_token)
                .or_else(|| pronoun_reporting(tokens, text, c.last_token))
        })
        .collect();
    let nicknames: Vec<Option<String>> = (candidates.iter())
        .map(|c| c.nickname(tokens).map(scan::skeleton))
        .collect();
    let mut resolved = resolve_names(candidates, &honorific_pronouns, &nicknames, table, tokens);
    for (candidate, resolved) in candidates.iter().zip(&mut resolved) {
        if surname_only(&candidate.words).is_some() && written_as_a_thing(tokens, candidate) {
            *resolved = None;
        }
    }
    let mut mentions: Vec<FoundMention> = Vec::new();
    let mut roles = Vec::new();
    for (candidate, resolved) in candidates.iter().zip(&resolved) {
        if let Some(person) = *resolved {
            mentions.push(FoundMention {
                person,
                range: candidate.range.clone(),
                kind: MentionKind::Name,
            });
            if let Some(role) = &candidate.role {
                roles.push(FoundRole {
                    person,
                    role: role.clone(),
                    range: candidate.range.clone(),
                });
            }
        }
    }
    let descriptions = find_descriptions(&context, table, &mentions);
    mentions.extend(descriptions);
    let described = role_descriptions(&context, &roles, &mentions);
    mentions.extend(described);
    mentions.sort_by_key(|m| m.range.start);
    let spans = quotes::find_quotes(context.text, context.body.clone());
    let quotes = attribute_quotes(&context, &spans, &mentions, &roles);
    ArticlePeople {
        mentions,
        roles,
        quotes,
    }
}

/// The pronoun the honorific right before token `first` says: "he" for
/// "Mr", "she" for "Mrs", "Ms" or "Miss".
fn honorific_pronoun(tokens: &scan::Tokens, first: usize) -> Option<&'static str> {
    let before = tokens.lower(first.checked_sub(1)?).trim_end_matches('.');
    match before {
        "mr" => Some("he"),
        "mrs" | "ms" | "miss" => Some("she"),
        _ => None,
    }
}

/// Is a lone capitalised word written as a place or a thing is: after
/// "the", and then neither a noun it qualifies nor a possessive ("the
/// Hill has seen", "the junction with the Franklin.")? A person's surname
/// after "the" names them only as it qualifies what follows ("the Bush
/// administration", "the Howard government").
fn written_as_a_thing(tokens: &scan::Tokens, candidate: &Candidate) -> bool {
    let (first, last) = (candidate.first_token, candidate.last_token);
    let Some(before) = first.checked_sub(1) else {
        return false;
    };
    let gap = |left: usize, right: usize| tokens.gap(left, right);
    if tokens.lower(before) != "the" || gap(before, first).trim() != "" || tokens[last].possessive {
        return false;
    }
    let Some(next) = (last + 1 < tokens.len()).then_some(last + 1) else {
        return true;
    };
    let next_word = tokens.lower(next);
    !gap(last, next).trim().is_empty()
        || tokens[next].shape != Shape::Lower
        || vocabulary::is_auxiliary_verb(next_word)
        || vocabulary::is_speech_verb(next_word)
}

/// The pronoun a name's own report goes on with, past an aside ("Pawlik
/// says he …", "Kowalczyk, the elder sibling, says she …"): the sex of the
/// one it names.
fn pronoun_reporting(tokens: &scan::Tokens, text: &str, last: usize) -> Option<&'static str> {
    let gap = |k: usize| text.get(tokens[k - 1].range().end..tokens.get(k)?.range().start);
    let aside = gap(last + 1)?.trim() == ",";
    let mut k = last + 1;
    while k + 1 < tokens.len() && k <= last + 6 {
        if gap(k)?.contains(['.', '!', '?', ';', ':', '"', '“', '”', '\n']) {
            return None;
        }
        if vocabulary::is_speech_verb(tokens.lower(k)) && tokens[k].shape == Shape::Lower {
            let pronoun = tokens.lower(k + 1);
            return ["he", "she"].into_iter().find(|&p| p == pronoun);
        }
        if !aside {
            return None;
        }
        k += 1;
    }
    None
}

/// The person each candidate name of an article means, if any; a bare
/// surname after "Mr" or "Ms" (`honorific_pronouns`) never goes to a holder
/// of it whose given name says the other pronoun ("Mr Blake" beside
/// "Peter Blake" and "Joyce Blake"). A full name's quoted nickname
/// (`nicknames`, as skeletons) answers a bare word as its given name does.
fn resolve_names(
    candidates: &[Candidate],
    honorific_pronouns: &[Option<&str>],
    nicknames: &[Option<String>],
    table: &NameTable,
    tokens: &scan::Tokens,
) -> Vec<Option<PersonId>> {
    // Full names first: they decide what bare surnames and given names
    // mean in this article.
    let mut resolved: Vec<Option<PersonId>> = vec![None; candidates.len()];
    // Per person: how often a full name names them here, and where first.
    let mut full_counts: HashMap<PersonId, (u32, usize)> = HashMap::new();
    for (i, candidate) in candidates.iter().enumerate() {
        if surname_only(&candidate.words).is_none()
            && let Some(&id) = table.names.get(&key_of(&candidate.words))
        {
            resolved[i] = Some(id);
            full_counts.entry(id).or_insert((0, i)).0 += 1;
        }
    }
    let given_here = people_by_part(candidates.iter().map(|c| given_of(&c.words)), &resolved);
    let surname_here = people_by_part(candidates.iter().map(|c| surname_of(&c.words)), &resolved);
    let nickname_here = people_by_part(nicknames.iter().cloned(), &resolved);
    // The pronoun each person's given name here says, when it says one;
    // the census list holds names as written ("tony"), not as skeletons
    // ("toni"), so the lookup takes the given name's folded word.
    let mut pronoun_of: HashMap<PersonId, &str> = HashMap::new();
    for (candidate, id) in candidates.iter().zip(&resolved) {
        if let (Some(id), Some(_)) = (*id, given_of(&candidate.words))
            && let Some(pronoun) = vocabulary::pronoun_of_given_name(&candidate.words[0])
        {
            pronoun_of.entry(id).or_insert(pronoun);
        }
    }
    let mut lone_word_pronouns: HashMap<String, Option<&str>> = HashMap::new();
    let mut name_starts: Vec<usize> = candidates.iter().map(|c| c.first_token).collect();
    name_starts.sort_unstable();
    for (i, candidate) in candidates.iter().enumerate() {
        if resolved[i].is_some() {
            continue;
        }
        let Some(word) = surname_only(&candidate.words) else {
            continue;
        };
        let fits = |id: &&PersonId| {
            honorific_pronouns[i].is_none_or(|said| pronoun_of.get(*id).is_none_or(|&p| p == said))
        };
        resolved[i] = if let Some(ids) = surname_here.get(&word) {
            // The pronoun chooses between holders. "Mr" never turns away
            // the only one: the census calls many men's names women's
            // ("Mr Strachan" for Shirley Strachan, "Mr Beazley" for Kim
            // Beazley); "Mrs" or "Ms" beside a man's name is his wife or
            // mother ("Wal Pawlik … Mrs Pawlik").
            let fitting: Vec<PersonId> = match ids[..] {
                [only] if honorific_pronouns[i] != Some("she") => vec![only],
                _ => ids.iter().filter(fits).copied().collect(),
            };
            // The one holder whose given name says the pronoun the text
            // gives ("Mr Blake", "Kowalczyk … says she"), if one does.
            let said = honorific_pronouns[i];
            let mut sure = (fitting.iter())
                .filter(|id| said.is_some() && pronoun_of.get(*id) == said.as_ref());
            match (sure.next(), sure.next()) {
                (Some(&id), None) => Some(id),
                _ => holder_meant(&fitting, &full_counts, i),
            }
        } else if let Some([id]) = nickname_here.get(&word).map(Vec::as_slice) {
            Some(*id)
        } else if let Some(ids) = given_here.get(&word) {
            // A word others have as their surname is no given name to
            // take ("Thomas"); a reigning name alone ("Queen Elizabeth")
            // leaves "Elizabeth" to the one named so here. A family name
            // written first is the name to call its holder by ("Mr Li"
            // after "Li Keqiang"), whoever elsewhere has it last.
            let family_name_first = vocabulary::is_east_asian_family_name(&candidate.words[0]);
            (ids.len() == 1 && (family_name_first || !table.full_name_surnames.contains(&word)))
                .then(|| ids[0])
        } else if let Some(id) = misspelt_surname_holder(&word, &surname_here, table) {
            Some(id)
        } else if candidate.cues.introduced {
            // Someone new the article calls by one name ("his 3-year-old,
            // Saeed") is the person of that lone name, not a holder of it
            // as a surname elsewhere.
            table.names.get(&key_of(&candidate.words)).copied()
        } else {
            // "Martin … so she asked": a lone word the article calls "she"
            // is no man of the corpus who has it as his surname.
            let said = *lone_word_pronouns.entry(word.clone()).or_insert_with(|| {
                pronoun_of_lone_word(candidates, honorific_pronouns, tokens, &name_starts, &word)
            });
            elsewhere_in_corpus(candidate, &word, said, table)
        };
        if candidate.shouted && resolved[i].is_some() && !table.surnames.contains_key(&word) {
            resolved[i] = None;
        }
    }
    resolved
}

/// The pronoun an article gives a lone word `word` wherever it stands
/// alone: after "Mr" or "Ms", in "says she", or as the first "he" or "she"
/// after it (`Tokens::pronoun_after`, with the part's name starts sorted);
/// `None` unless `settled_pronoun`.
fn pronoun_of_lone_word(
    candidates: &[Candidate],
    honorific_pronouns: &[Option<&str>],
    tokens: &scan::Tokens,
    name_starts: &[usize],
    word: &str,
) -> Option<&'static str> {
    let (mut he, mut she) = (0, 0);
    for (candidate, honorific) in candidates.iter().zip(honorific_pronouns) {
        if surname_only(&candidate.words).as_deref() != Some(word) {
            continue;
        }
        // An honorific or "says she" settles it on its own.
        let (said, votes) = match honorific {
            Some(said) => (Some(*said), 2),
            None => (tokens.pronoun_after(candidate.last_token, name_starts), 1),
        };
        match said {
            Some("he") => he += votes,
            Some(_) => she += votes,
            None => {}
        }
    }
    settled_pronoun(he, she)
}

/// The one of the article's holders of a surname (`fitting`, those its
/// sex allows) that a bare surname at candidate `at` means: the only one,
/// or the only one named in full before it. Two holders named before it
/// ("Steve Waugh … Mark Waugh … Waugh") leave it to no one: a guess
/// would join two people.
fn holder_meant(
    fitting: &[PersonId],
    full_counts: &HashMap<PersonId, (u32, usize)>,
    at: usize,
) -> Option<PersonId> {
    if let [only] = fitting {
        return Some(*only);
    }
    let mut introduced = fitting
        .iter()
        .filter(|id| full_counts.get(*id).is_some_and(|&(_, first)| first < at));
    match (introduced.next(), introduced.next()) {
        (Some(&id), None) => Some(id),
        _ => None,
    }
}

/// The person a bare surname means in an article that names no holder
/// of it: the corpus's only holder, or its dominant one. "Dr Harris" is
/// only ever a holder whose name is written after an academic title
/// somewhere: a university lecturer is not the President of Nauru. A
/// word the article calls by a pronoun (`said`) is no holder whose given
/// name says the other.
fn elsewhere_in_corpus(
    candidate: &Candidate,
    word: &str,
    said: Option<&str>,
    table: &NameTable,
) -> Option<PersonId> {
    let titled_so = |id: &PersonId| {
        (!candidate.academic || table.academic[*id])
            && said.is_none_or(|said| table.pronoun[*id].is_none_or(|p| p == said))
    };
    let holders: Vec<PersonId> = match table.surnames.get(word) {
        Some(ids) => ids.iter().copied().filter(titled_so).collect(),
        None => (table.names.get(&key_of(&candidate.words)).copied())
            .filter(titled_so)
            .into_iter()
            .collect(),
    };
    match holders[..] {
        [only] => Some(only),
        _ => table.dominant(&holders),
    }
}

/// Shorter surnames than this differ by one letter too often to be taken
/// for misspellings of each other ("Lee", "Lees").
const MIN_MISSPELT_SURNAME_CHARS: usize = 6;

/// The one person of the article whose surname a bare `word` misspells by
/// a single letter ("Mr Romanszko" after "Richard Romaszko"), when no full
/// name anywhere in the corpus has `word` as its surname.
fn misspelt_surname_holder(
    word: &str,
    surname_here: &HashMap<String, Vec<PersonId>>,
    table: &NameTable,
) -> Option<PersonId> {
    if word.chars().count() < MIN_MISSPELT_SURNAME_CHARS || table.full_name_surnames.contains(word)
    {
        return None;
    }
    let mut near = surname_here
        .iter()
        .filter(|(surname, _)| one_letter_apart(word, surname));
    match (near.next(), near.next()) {
        (Some((_, ids)), None) if ids.len() == 1 => Some(ids[0]),
        _ => None,
    }
}

/// A part of the resolved full names of an article (given name, surname
/// or nickname; `parts` has one per candidate, in order) → the people it
/// belongs to there, in order of first use.
fn people_by_part(
    parts: impl Iterator<Item = Option<String>>,
    resolved: &[Option<PersonId>],
) -> HashMap<String, Vec<PersonId>> {
    let mut map: HashMap<String, Vec<PersonId>> = HashMap::new();
    for (part, resolved) in parts.zip(resolved) {
        if let (Some(id), Some(part)) = (*resolved, part) {
            let list = map.entry(part).or_default();
            if !list.contains(&id) {
                list.push(id);
            }
        }
    }
    map
}

/// A description of an office: "the US president", "Russia's president".
struct Description {
    /// `president`, `prime minister`, `chancellor`, `queen`, `king`, or
    /// `leader` for any of the first three.
    category: &'static str,
    geo: Option<&'static str>,
    /// Its last token.
    end: usize,
}

/// "the US president", "The British prime minister", "the UK PM",
/// "Russia's president": a person when exactly one person fits.
fn find_descriptions(
    context: &ArticleContext,
    table: &NameTable,
    mentions: &[FoundMention],
) -> Vec<FoundMention> {
    let tokens = &context.scan.tokens;
    let here: HashSet<PersonId> = mentions.iter().map(|m| m.person).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(description) = description_at(context, i) else {
            i += 1;
            continue;
        };
        let end = description.end;
        // A capitalised title right after ("the President Trump") is a
        // name with a title, not a description.
        let name_follows = tokens.get(end + 1).is_some_and(|t| {
            t.shape == Shape::Capitalized
                && context.text[tokens[end].range().end..t.range().start]
                    .trim()
                    .is_empty()
        });
        if !name_follows && let Some(person) = only_fitting(&description, table, &here) {
            found.push(FoundMention {
                person,
                range: tokens[i].range().start..tokens[end].base_end(),
                kind: MentionKind::Description,
            });
        }
        i = end + 1;
    }
    found
}

/// The description of an office that starts at token `i`, if one does.
fn description_at(context: &ArticleContext, i: usize) -> Option<Description> {
    let tokens = &context.scan.tokens;
    let token = &tokens[i];
    let determiner = tokens.lower_of(token) == "the";
    let owner_geo = if token.possessive {
        vocabulary::geo_code(&format!("{}'s", tokens.lower_of(token)))
            .or_else(|| vocabulary::geo_code(tokens.lower_of(token)))
    } else {
        None
    };
    if !determiner && owner_geo.is_none() {
        return None;
    }
    let mut j = i + 1;
    let mut geo = owner_geo;
    if determiner {
        while let Some(t) = tokens.get(j) {
            if let Some(code) = vocabulary::geo_code(tokens.lower_of(t)) {
                geo = Some(code);
                j += 1;
            } else if matches!(tokens.lower_of(t), "new" | "current" | "incumbent") {
                j += 1;
            } else {
                break;
            }
        }
    }
    let (category, end) = match tokens.get(j).map(|t| tokens.lower_of(t)) {
        Some("president") => ("president", j),
        Some("pm") | Some("premier") => ("prime minister", j),
        Some("prime")
            if tokens
                .get(j + 1)
                .is_some_and(|t| tokens.lower_of(t) == "minister") =>
        {
            ("prime minister", j + 1)
        }
        Some("chancellor") => ("chancellor", j),
        Some("queen") => ("queen", j),
        Some("king") => ("king", j),
        Some("pope") | Some("pontiff") => ("pope", j),
        Some("leader") if geo.is_some() => ("leader", j),
        _ => return None,
    };
    Some(Description { category, geo, end })
}

/// The one person a description fits: among the people the article
/// names, else (for a description with a country) among everyone.
fn only_fitting(
    description: &Description,
    table: &NameTable,
    here: &HashSet<PersonId>,
) -> Option<PersonId> {
    let fits = |id: PersonId| {
        table.tags[id].iter().any(|tag| {
            let category_fits = if description.category == "leader" {
                matches!(tag.category, "president" | "prime minister" | "chancellor")
            } else {
                tag.category == description.category
            };
            category_fits && (description.geo.is_none() || tag.country == description.geo)
        })
    };
    let mut candidates: Vec<PersonId> = here.iter().copied().filter(|&id| fits(id)).collect();
    if candidates.is_empty() && description.geo.is_some() {
        candidates = (0..table.count).filter(|&id| fits(id)).collect();
    }
    (candidates.len() == 1).then(|| candidates[0])
}
