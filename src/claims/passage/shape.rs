//! What a claim states, as the passage model matches it: its names grouped
//! into entities (people, organisations, places, acronyms), its event words
//! (verbs and nouns, with their senses in the lexicon), which of them the
//! claim denies, whether it hedges, and who does what to whom when it names
//! both sides of its verb.

use super::lexicon::{LEXICON, Sense, short_form};
use super::polarity::{self, Token};
use crate::claims::content_terms::{is_content, plain, stem};
use crate::dates;
use crate::quantities::{Kind, quantities};
use crate::text::normalize::is_stopword;
use crate::text::{WordList, words};

/// Most content terms a claim is matched by (one bit each).
pub const MOST_TERMS: usize = 64;

/// Lower-case words that may sit inside a name ("Bank of England"); not
/// "and", which more often joins two names than makes one.
const CONNECTORS: &[&str] = &[
    "of", "the", "for", "de", "del", "da", "la", "le", "al", "van", "von", "bin",
];

/// A content word of the claim.
#[derive(Debug, Clone)]
pub struct Term {
    /// Normalised, without a possessive "'s".
    pub word: String,
    pub stem: String,
    /// Without diacritics ("traore" for "traoré").
    pub plain: String,
    pub senses: Vec<Sense>,
    /// The particle that makes it a phrasal verb of the lexicon with the
    /// word after it ("down" of "turned down"): the verb alone is not it.
    pub particle: Option<String>,
    /// The entity it names, if it is a name.
    pub entity: Option<usize>,
    /// Written in capitals only: matched only by capitals.
    pub acronym: bool,
    /// A number ("77", "2.5"): matched as written, it binds the passage
    /// that states it; its value is the mismatch rules' to check.
    pub number: bool,
    /// The claim denies it ("did not attend").
    pub denied: bool,
    /// It is what the claim's negator denies first (`Reading::heads`).
    pub denial_head: bool,
    /// The claim repeats it, denied once and not once: its polarity is
    /// not compared.
    pub mixed: bool,
    /// It names who speaks, before a verb of saying ("the Hamas official
    /// said …"): what a source denies of it is not what the claim states.
    pub speaker: bool,
    /// Its token in the claim.
    pub position: usize,
    /// As the claim writes it.
    pub written: String,
}

/// A person, organisation or place the claim names, in one or more words.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Its terms, in order; the last is the one a source repeats ("Starmer"
    /// of "Keir Starmer").
    pub terms: Vec<usize>,
    /// All its words, connectors included, normalised.
    pub words: Vec<String>,
    /// Written capitalised only because it opens the claim: a name only if
    /// a source writes it so.
    pub tentative: bool,
    /// Joined to the name before it by "and" ("Pollock and Haywood"): it
    /// shares that name's part in the claim.
    pub coordinated: bool,
    /// Named as a place ("in Amazonia"): never a side of the event.
    pub place: bool,
    /// Acronyms that stand for it (lower case), when it has several words.
    pub acronyms: Vec<String>,
    /// Names an acronym stands for, as normalised words.
    pub expansions: Vec<Vec<String>>,
    /// The claim names it as a place ("in Riyadh") or as whom it was told
    /// to ("told AFP"). Such a name, and the one the claim gives first (its
    /// subject, most often), may be named by a source in a sentence next to
    /// the one stating the event, or earlier, and be "he" or "there" after.
    pub carriable: bool,
    /// Written as whose thing it is ("Musharraf's offer"): not a side of
    /// the event, so a passage about the one the article is about may
    /// leave it unsaid.
    pub possessor: bool,
}

impl Entity {
    pub fn head(&self) -> usize {
        *self.terms.last().expect("an entity has a term")
    }

    /// Whether a source must show its first word too: a name built with a
    /// connector ("Bank of England") is not found by its last word alone.
    pub fn needs_first(&self) -> bool {
        self.words.iter().any(|w| CONNECTORS.contains(&w.as_str())) && self.terms.len() > 1
    }
}

/// One side of an event: an entity, or another word of the claim ("the
/// crew", "the pirates").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Entity(usize),
    Term(usize),
}

/// The verb of a claim's roles: one of its terms, or a verb of telling,
/// which is no term ("troops told loyalists").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Term(usize),
    Telling(&'static str),
}

/// Words before a verb's base form.
const MODALS: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "did",
    "does", "do", "not",
];

/// Verbs of telling whose object is whom they told: "A told B".
const TELLING: &[&str] = &["told", "tell", "tells", "informed", "warned", "urged"];

/// Who does what to whom: the claim's words on each side of its verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Roles {
    pub agent: Side,
    pub verb: Verb,
    pub patient: Side,
    /// How far a passage is searched for the sides: the verb's clause for
    /// the words next to it, its sentence for the names nearest it ("Lee
    /// was found guilty … after dismissing Bond").
    pub names_only: bool,
}

#[derive(Debug, Clone)]
pub struct ClaimShape {
    pub terms: Vec<Term>,
    pub entities: Vec<Entity>,
    /// The claim itself hedges ("may have", "reportedly").
    pub hedged: bool,
    /// Who does what to whom, by the words next to the verb and by the
    /// names nearest it.
    pub roles: Vec<Roles>,
    /// Numbers and dates the claim states: content too, confirmed before
    /// support is judged.
    pub verified: usize,
}

impl ClaimShape {
    /// The shape of a claim's own words (`content_terms::own_words`).
    pub fn of(own: &str) -> ClaimShape {
        let found = WordList::of(own, words(own));
        let tokens = polarity::tokens(found.view(own), &[0]);
        // Words of a quantity ("six") are numbers, not words of the event;
        // a place in a series ("finished second") is the event itself.
        let stated: Vec<std::ops::Range<usize>> = (quantities(own).into_iter())
            .filter(|q| q.kind != Kind::Ordinal)
            .map(|q| q.range)
            .collect();
        // Words of a date ("December 23", "Boxing Day") are checked as a
        // date, not looked for as words.
        let dated: Vec<std::ops::Range<usize>> = (dates::find_dates(own).into_iter())
            .map(|d| d.range)
            .chain(dates::find_months(own).into_iter().map(|m| m.range))
            .collect();
        let reading = polarity::read(&tokens);
        let mut shape = ClaimShape {
            terms: Vec::new(),
            entities: Vec::new(),
            hedged: reading.hedged.iter().any(Option::is_some),
            roles: Vec::new(),
            verified: stated.len() + dates::find_dates(own).len() + dates::find_weekdays(own).len(),
        };
        // A verb of saying, not a name's word ("the United States").
        let saying = (tokens.iter().enumerate()).position(|(i, t)| {
            (LEXICON.is_reporting(t.word) || t.word == "according") && !(t.capitalised && i > 0)
        });
        let mut last_name: Option<usize> = None;
        let mut particle_at = None;
        for (i, token) in tokens.iter().enumerate() {
            if shape.terms.len() == MOST_TERMS {
                break;
            }
            if particle_at == Some(i) {
                continue;
            }
            let word = token.word.trim_end_matches("'s");
            let acronym = token.all_caps && word.chars().count() >= 3;
            let overlaps =
                |r: &std::ops::Range<usize>| r.start < token.range.end && token.range.start < r.end;
            if dated.iter().any(overlaps) {
                continue;
            }
            let in_quantity = stated.iter().any(overlaps);
            let number = is_number(word) || in_quantity;
            // A verb of saying that a negator denies is what the claim
            // states ("had not warned operators").
            let reported = LEXICON.is_reporting(word) && !reading.heads[i];
            if !acronym && !number && (!is_content(word) || reported) {
                continue;
            }
            let written = own.get(token.range.clone()).unwrap_or(word);
            let name = !number && (acronym || (token.capitalised && i > 0));
            let tentative = !number && token.capitalised && i == 0 && !acronym;
            let denied = reading.denied[i].is_some();
            if let Some(seen) = shape.terms.iter_mut().find(|t| t.word == word) {
                seen.mixed |= seen.denied != denied;
                continue;
            }
            let term = shape.terms.len();
            let phrasal = (tokens.get(i + 1))
                .filter(|next| !next.boundary_before && !name && !number)
                .and_then(|next| Some((LEXICON.phrasal(word, next.word)?, next.word)));
            if phrasal.is_some() {
                particle_at = Some(i + 1);
            }
            shape.terms.push(Term {
                word: word.to_string(),
                stem: stem(word).to_string(),
                plain: plain(word),
                senses: LEXICON.senses(phrasal.as_ref().map_or(word, |(key, _)| key)),
                particle: phrasal.map(|(_, particle)| particle.to_string()),
                entity: None,
                acronym,
                number,
                denied,
                denial_head: reading.heads[i],
                mixed: false,
                // Only the clause of the verb of saying names who speaks:
                // "The gunman fled, witnesses said" states the flight.
                speaker: saying
                    .is_some_and(|at| i < at && (i + 1..=at).all(|j| !tokens[j].boundary_before)),
                position: i,
                written: written.trim_end_matches("'s").to_string(),
            });
            if !(name || tentative) {
                last_name = None;
                continue;
            }
            shape.name(&tokens, term, last_name, tentative);
            last_name = Some(i);
        }
        shape.place_entities(&tokens);
        shape.roles = roles(&shape, &tokens, false);
        shape.roles.extend(roles(&shape, &tokens, true));
        shape
    }

    /// Term `term`, a name, added to the entity of the name just before it
    /// (ending at token `last_name`) when it continues it, else to a new
    /// entity.
    fn name(&mut self, tokens: &[Token], term: usize, last_name: Option<usize>, tentative: bool) {
        let i = self.terms[term].position;
        let acronym = self.terms[term].acronym;
        let joins = last_name.is_some_and(|last| continues_name(tokens, last, i));
        let entity = match (joins, self.entities.len().checked_sub(1)) {
            (true, Some(e)) if !acronym && !self.terms[term - 1].acronym => e,
            _ => {
                self.entities.push(Entity {
                    terms: Vec::new(),
                    words: Vec::new(),
                    tentative,
                    acronyms: Vec::new(),
                    expansions: Vec::new(),
                    carriable: false,
                    possessor: false,
                    coordinated: false,
                    place: false,
                });
                self.entities.len() - 1
            }
        };
        let from = last_name.filter(|_| joins).map_or(i, |l| l + 1);
        let entry = &mut self.entities[entity];
        entry.terms.push(term);
        entry.words.extend(
            tokens[from..=i]
                .iter()
                .map(|t| t.word.trim_end_matches("'s").to_string()),
        );
        self.terms[term].entity = Some(entity);
    }

    /// Each entity's acronyms or names, and what the words before it say of
    /// it: a place, whom something was told to, a name joined by "and".
    fn place_entities(&mut self, tokens: &[Token]) {
        for entity in &mut self.entities {
            complete_entity(entity, &self.terms);
            let at = self.terms[entity.terms[0]].position;
            let before = |back: usize| at.checked_sub(back).map(|j| tokens[j].word);
            // "in Riyadh", "in the Industrial Relations Commission".
            let article = |w: Option<&str>| matches!(w, Some("the" | "a" | "an"));
            let place = before(1).is_some_and(|w| PLACE_WORDS.contains(&w))
                || (article(before(1)) && before(2).is_some_and(|w| PLACE_WORDS.contains(&w)));
            let told = |w: Option<&str>| w.is_some_and(|w| LEXICON.is_reporting(w));
            let addressee = told(before(1)) || (before(1) == Some("to") && told(before(2)));
            entity.carriable = place || addressee;
            let last = self.terms[entity.head()].position;
            entity.possessor = tokens[last].word.ends_with("'s");
            entity.place = place;
            entity.coordinated =
                matches!(before(1), Some("and" | "or")) && at >= 2 && tokens[at - 2].capitalised;
        }
    }

    /// The entity terms and the event terms, as units a passage must hold:
    /// one per entity, then one per event term.
    pub fn units(&self) -> usize {
        self.entities.len() + self.events().count()
    }

    /// The terms that are not names: the event and what it is about.
    pub fn events(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.terms.len()).filter(|&t| self.terms[t].entity.is_none() && !self.terms[t].number)
    }

    /// The numbers the claim states.
    pub fn numbers(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.terms.len()).filter(|&t| self.terms[t].number)
    }
}

/// Words before a place ("in Riyadh").
const PLACE_WORDS: &[&str] = &["in", "at", "near", "from", "outside", "inside"];

/// A number as the text's words normalise it ("30000", "2.5").
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Whether the name at token `i` continues the one ending at token `last`:
/// next to it, or across connectors ("Bank of England").
fn continues_name(tokens: &[Token], last: usize, i: usize) -> bool {
    if tokens[i].boundary_before {
        return false;
    }
    (last + 1..i).all(|j| CONNECTORS.contains(&tokens[j].word) && !tokens[j].boundary_before)
        && i - last <= 3
}

/// The acronyms of a name of several words, and the names an acronym
/// stands for.
fn complete_entity(entity: &mut Entity, terms: &[Term]) {
    if let [only] = entity.terms[..] {
        // Acronyms, and short forms the list knows ("Fed").
        entity.expansions = with_short_forms(
            LEXICON
                .expansions(&terms[only].word)
                .map(<[String]>::to_vec)
                .collect(),
        );
        return;
    }
    let initials: String = (entity.words.iter())
        .filter(|w| !CONNECTORS.contains(&w.as_str()))
        .filter_map(|w| w.chars().next())
        .collect();
    entity.acronyms.push(initials);
    for acronym in LEXICON.acronyms_of(&entity.words) {
        if !entity.acronyms.iter().any(|a| a == acronym) {
            entity.acronyms.push(acronym.to_string());
        }
    }
}

/// Names an acronym stands for, with the short form news gives a name of
/// two words or more before "of" ("the Reserve Bank" for the Reserve Bank
/// of Australia, whose country the story makes plain).
pub fn with_short_forms(names: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut all = names.clone();
    for short in names.iter().filter_map(|name| short_form(name)) {
        if !all.iter().any(|n| n == short) {
            all.push(short.to_vec());
        }
    }
    all
}

impl ClaimShape {
    /// The side a term stands for: its entity, or itself.
    pub fn side(&self, term: usize) -> Side {
        self.terms[term]
            .entity
            .map_or(Side::Term(term), Side::Entity)
    }
}

/// Who does what to whom, for each verb of the claim with a word (or,
/// `names_only`, a name) on each side: "A defeated B", "B was defeated by A". A
/// verb is a word the lexicon knows or one ending in "-ed" or "-ing";
/// verbs whose sides may swap ("met") have none.
fn roles(shape: &ClaimShape, tokens: &[Token], names_only: bool) -> Vec<Roles> {
    let mut found = Vec::new();
    let is_place = |t: usize| {
        shape.terms[t]
            .entity
            .is_some_and(|e| shape.entities[e].place)
    };
    let placed: Vec<(usize, usize)> = (0..shape.terms.len())
        .filter(|&t| !shape.terms[t].number && !is_place(t))
        .filter(|&t| !names_only || shape.terms[t].entity.is_some())
        .map(|t| (shape.terms[t].position, t))
        .collect();
    let mut verbs: Vec<(usize, Verb)> = (shape.events())
        .filter(|&t| {
            let term = &shape.terms[t];
            let word = term.word.as_str();
            // Right after a name, a present tense is a verb too ("A
            // replaces B").
            let after_name = term.position > 0
                && (shape.terms.iter())
                    .any(|n| n.entity.is_some() && n.position + 1 == term.position);
            // After a modal or "to", a word the lexicon knows is a verb
            // ("would stop", "to accept"); elsewhere it may be a noun ("the
            // European force").
            let after_modal = term.position > 0
                && MODALS.contains(&tokens[term.position - 1].word)
                && !term.senses.is_empty();
            let verb_like = after_modal
                || word.ends_with("ed")
                || word.ends_with("ing")
                || LEXICON.is_irregular_past(word)
                || (names_only && after_name && word.ends_with('s'));
            verb_like && !LEXICON.is_symmetric(word)
        })
        .map(|t| (shape.terms[t].position, Verb::Term(t)))
        .collect();
    verbs.extend((tokens.iter().enumerate()).filter_map(|(at, token)| {
        let telling = TELLING.iter().find(|w| **w == token.word)?;
        Some((at, Verb::Telling(telling)))
    }));
    verbs.sort_by_key(|(at, _)| *at);
    for (at, verb) in verbs {
        let before = placed.iter().rev().find(|(p, _)| *p < at);
        let after = placed.iter().find(|(p, _)| *p > at);
        let (Some(&(p_before, before)), Some(&(p_after, after))) = (before, after) else {
            continue;
        };
        let (before, after) = (shape.side(before), shape.side(after));
        let broken = (p_before + 1..=p_after).any(|j| tokens[j].boundary_before);
        if before == after || (broken && !names_only) {
            continue;
        }
        let (agent, patient) = if passive_at(tokens, at, p_after) {
            (after, before)
        } else if passive_form(tokens, at) || reduced_relative(tokens, at) {
            // A passive that names no agent ("Whiting was sentenced to
            // life"): the word before the verb is whom it was done to, and
            // who did it is not said.
            continue;
        } else {
            (before, after)
        };
        found.push(Roles {
            agent,
            verb,
            patient,
            names_only,
        });
    }
    found
}

/// Whether the verb at token `verb` has a form of "be" just before it, as a
/// passive does ("have been suspended", "was forced").
pub fn passive_form(tokens: &[Token], verb: usize) -> bool {
    const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "got"];
    (verb.saturating_sub(2)..verb).any(|j| BE.contains(&tokens[j].word))
}

/// Whether the verb at token `verb` is a participle describing the noun
/// before it, a passive without its auxiliary ("an agreement linked to
/// aid", "the man accused of"): a common noun, then the verb, then a
/// preposition.
pub fn reduced_relative(tokens: &[Token], verb: usize) -> bool {
    const PREPOSITIONS: &[&str] = &["to", "in", "at", "on", "of", "from", "with", "for", "over"];
    let (Some(noun), Some(next)) = (verb.checked_sub(1), tokens.get(verb + 1)) else {
        return false;
    };
    let noun = &tokens[noun];
    !tokens[verb].boundary_before
        && !next.boundary_before
        && !noun.capitalised
        && !is_stopword(noun.word)
        && noun.word.chars().all(char::is_alphabetic)
        && PREPOSITIONS.contains(&next.word)
}

/// Whether the verb at token `verb` is passive with its agent named by "by"
/// before token `agent`: "was signed by".
pub fn passive_at(tokens: &[Token], verb: usize, agent: usize) -> bool {
    let auxiliary = passive_form(tokens, verb);
    // "by" names the agent itself: a few words of one phrase between them
    // ("by army radio", "by all the major banks"), no other preposition
    // ("by pirates in Amazonia").
    const PREPOSITIONS: &[&str] = &["in", "at", "on", "of", "from", "with", "for", "near"];
    let by = (verb + 1..agent).rev().find(|&j| tokens[j].word == "by");
    auxiliary
        && by.is_some_and(|by| {
            agent - by <= 4
                && (by + 1..=agent).all(|j| !tokens[j].boundary_before)
                && (by + 1..agent).all(|j| !PREPOSITIONS.contains(&tokens[j].word))
        })
}

#[cfg(test)]
mod tests;
