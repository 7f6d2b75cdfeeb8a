//! One pass over a text: its words, its sentence starts, and the
//! capitalised sequences that may be people, each with the cues around it
//! (a title before it, a said-verb after it, an appositive role, a byline).
//! Everything is linear in the text and works on any input.
//!
//! `tokens` splits the text into words and sentences; `runs` finds the
//! capitalised sequences among them; this module tells which are candidate
//! names; `cues` reads the context of each.

mod appositives;
mod byline;
mod classes;
mod confirm;
mod cues;
mod runs;
mod tokens;

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

pub use tokens::{
    Shape, Token, Tokens, fold, is_regnal_number, past_lost_apostrophe, sentence_of,
    sentence_starts, skeleton, tokenize,
};

use super::vocabulary;
use classes::Class;
use runs::runs;
use tokens::mark_sentence_initial;

/// Where a candidate was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Title,
    Author,
    Body,
}

/// How strongly the context says a name is a person's.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// A title, a role noun, an appositive role, a byline, a photo credit;
    /// or the name itself, when its words are a person's and nothing else's
    /// (`confirm`).
    pub strong: bool,
    /// A said-verb follows.
    pub speech: bool,
    /// `the`, or a place preposition, stands before it.
    pub anti: bool,
    /// A noun for a body's people follows ("Sinn Féin leader", "Aslef
    /// members").
    pub members_follow: bool,
    /// A lone word the article also writes in lower case, as a common
    /// noun or an adverb is ("Protesters said … the protesters").
    pub written_lower: bool,
    /// A lone word brought in as someone new, by an age or "a man named"
    /// ("6-year-old Ahmad", "his 3-year-old, Saeed"): a person the article
    /// calls by that one name, not the corpus's holder of it.
    pub introduced: bool,
}

impl Cues {
    /// Enough, on its own, to make a name a person's.
    pub fn confirms(&self) -> bool {
        self.strong || (self.speech && !self.anti)
    }
}

#[derive(Debug, Clone)]
pub struct Candidate {
    /// Byte range of the name, possessive excluded.
    pub range: Range<usize>,
    /// Folded lower-case name words.
    pub words: Vec<String>,
    pub cues: Cues,
    pub role: Option<String>,
    /// Country of the role ("British Prime Minister" → gb).
    pub geo: Option<&'static str>,
    /// Written in capitals (a shouted headline): only ever matched against
    /// names confirmed elsewhere.
    pub shouted: bool,
    /// Right after an academic title ("Dr Abdullah", "Professor Trounson").
    pub academic: bool,
    pub region: Region,
    /// Index of the name's first token.
    pub first_token: usize,
    pub last_token: usize,
}

pub struct Scan<'t> {
    pub tokens: Tokens<'t>,
    /// Sorted starts of sentences (byte offsets).
    pub sentence_starts: Vec<usize>,
    pub candidates: Vec<Candidate>,
}

/// Tokenize and find candidates in the given regions of `text`.
pub fn scan<'t>(text: &'t str, regions: &[(Region, Range<usize>)]) -> Scan<'t> {
    let mut tokens = Tokens::new(text);
    let mut all_starts = Vec::new();
    let mut region_of_token = Vec::new();
    for (region, range) in regions {
        let before = tokens.len();
        tokenize(&mut tokens, range.clone());
        let starts = sentence_starts(text, range.clone(), &tokens[before..]);
        mark_sentence_initial(&mut tokens, before, &starts);
        all_starts.extend(starts);
        region_of_token.extend(std::iter::repeat_n(*region, tokens.len() - before));
    }
    all_starts.sort_unstable();
    all_starts.dedup();
    let lower_vocabulary: foldhash::HashSet<&str> = tokens
        .iter()
        .filter(|t| t.shape == Shape::Lower)
        .map(|t| tokens.lower_of(t))
        .collect();
    let context = Context {
        text,
        tokens: &tokens,
        lower_vocabulary: &lower_vocabulary,
        titled_surnames: OnceCell::new(),
        honorific_surnames: OnceCell::new(),
        month_surnames: OnceCell::new(),
        firm_names: OnceCell::new(),
        animal_names: OnceCell::new(),
    };
    let runs = runs(&context, &region_of_token);
    // At most one candidate a run, reserved at once: a large article has
    // millions, and a list grown by doubling would hold its old and new
    // buffers together at its last growth.
    let mut candidates = Vec::with_capacity(runs.len());
    for run in runs {
        if let Some(candidate) = context.candidate(&run) {
            candidates.push(candidate);
        }
    }
    candidates.shrink_to_fit();
    confirm::shared_surnames(text, &mut candidates);
    confirm::census_names(&context, &mut candidates);
    confirm::coordinated_names(text, &mut candidates);
    Scan {
        tokens,
        sentence_starts: all_starts,
        candidates,
    }
}

/// A sequence of capitalised words, as token indices.
struct Run {
    first: usize,
    last: usize,
    region: Region,
}

/// What the candidate search reads: the text, its tokens, and the words
/// the text writes in lower case somewhere (a capitalised one of those at
/// a sentence start is a common word, not a name).
struct Context<'a> {
    text: &'a str,
    tokens: &'a Tokens<'a>,
    lower_vocabulary: &'a foldhash::HashSet<&'a str>,
    /// Title words the text writes as surnames, after a given name ("Frank
    /// Farmer"): filled on first need.
    titled_surnames: OnceCell<HashSet<&'a str>>,
    /// The words the text writes right after "Mr", "Mrs", "Dr" and the
    /// like: filled on first need.
    honorific_surnames: OnceCell<HashSet<&'a str>>,
    /// The months the text writes as surnames ("Theresa May"): filled on
    /// first need.
    month_surnames: OnceCell<HashSet<&'a str>>,
    /// The words the text writes before a company word ("Phillips
    /// Petroleum"): filled on first need.
    firm_names: OnceCell<HashSet<&'a str>>,
    /// The words the text gives animals as names ("another cat, Stiven"):
    /// filled on first need.
    animal_names: OnceCell<HashSet<&'a str>>,
}

/// Only spaces, and at least one: the words on either side are one phrase.
fn is_space_gap(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

impl Context<'_> {
    fn candidate(&self, run: &Run) -> Option<Candidate> {
        let tokens = self.tokens;
        let (first, last) = self.name_within(run)?;
        let words: Vec<String> = (first..=last)
            .map(|i| tokens.lower(i).to_string())
            .collect();
        // "the Ian Murray-skippered boat": a compound adjective.
        let last_text = &self.text[tokens[last].base()];
        let compound_adjective = last_text
            .rsplit_once('-')
            .is_some_and(|(_, tail)| tail.starts_with(char::is_lowercase) && tail.ends_with("ed"));
        if compound_adjective {
            return None;
        }
        // "the Mosh Khil area": a place.
        let place_follows = tokens.get(last + 1).is_some_and(|t| {
            t.shape == Shape::Lower
                && vocabulary::is_place_noun(tokens.lower_of(t))
                && is_space_gap(self.gap(last, last + 1))
        });
        let after_honorific = self.after_honorific(first);
        // "holiday company Inghams said": a one-word firm ("oil company
        // Ural Rakhimov" may be the name of the firm's head).
        let firm_before = (run.first.checked_sub(1)).is_some_and(|k| {
            words.len() == 1
                && tokens[k].shape == Shape::Lower
                && !tokens[k].possessive
                && vocabulary::is_firm_noun(tokens.lower(k))
                && is_space_gap(self.gap(k, run.first))
        });
        if place_follows || firm_before || self.thing_named_for_someone(run.first, first, last) {
            return None;
        }
        let mut found = self.title_cues(run.first, first);
        self.context_cues(run.first, first, last, &mut found);
        // "Bill Shorten … says", "Bill Croyle, the acting director,": a
        // given name that also names a thing opens a full name the context
        // shows speaking or gives a role.
        let shown_a_person =
            (found.cues.speech || found.cues.strong) && (2..=3).contains(&words.len());
        if !self.may_be_person(first, last, &words, after_honorific, shown_a_person) {
            return None;
        }
        let shouted = (first..=last).any(|i| {
            tokens[i].shape == Shape::AllCaps
                && !is_regnal_number(tokens.lower(i))
                && !(i == first && self.are_initials(i))
        });
        // "Mr", "Ms", "Dr" before a name mark a person, but no role; so do
        // letters after it ("Wayne Martin QC").
        if after_honorific || last < run.last {
            found.cues.strong = true;
        }
        if run.region == Region::Author {
            found.cues.strong = true;
            found.role.get_or_insert_with(|| "author".to_string());
        }
        Some(Candidate {
            range: tokens[first].range().start..tokens[last].base_end(),
            words,
            cues: found.cues,
            role: found.role,
            geo: found.geo,
            shouted,
            academic: self.after_academic_title(first),
            region: run.region,
            first_token: first,
            last_token: last,
        })
    }

    /// "the aircraft carrier The Admiral Kuznetsov", "the Vice-Admiral
    /// Kulakov", "the battle cruiser The Pyotr Veliki": "the" before a rank
    /// and a lone surname (`first` = `last`), or a capital "The" inside a
    /// sentence before a name, names a ship, a prize or a building after
    /// someone; a person is written with no article ("Admiral Kuznetsov
    /// said").
    fn thing_named_for_someone(&self, run_first: usize, first: usize, last: usize) -> bool {
        let tokens = self.tokens;
        if first == 0 {
            return false;
        }
        // Before a noun the name modifies, only after a word that links
        // phrases ("and The Pyotr Veliki battlecruiser"): "… review The
        // Trump administration has ordered" lost the stop before "The".
        let noun_follows = tokens
            .get(last + 1)
            .is_some_and(|t| t.shape == Shape::Lower && is_space_gap(self.gap(last, last + 1)));
        let after_link = first >= 2 && {
            let link = tokens.lower(first - 2);
            tokens[first - 2].shape == Shape::Lower
                && (vocabulary::is_appositive_link(link) || vocabulary::is_place_preposition(link))
        };
        let capital_the = tokens.lower(first - 1) == "the"
            && tokens[first - 1].shape == Shape::Capitalized
            && !tokens[first - 1].sentence_initial
            && is_space_gap(self.gap(first - 1, first))
            && (!noun_follows || after_link);
        if capital_the {
            return true;
        }
        if first != last {
            return false;
        }
        let mut title = first;
        while title > 0
            && tokens[title - 1].shape != Shape::Lower
            && self.class(title - 1) == Class::Title
            && is_space_gap(self.gap(title - 1, title))
        {
            title -= 1;
        }
        title < first
            && title > 0
            && title + 1 >= run_first
            && tokens.lower(title - 1) == "the"
            && is_space_gap(self.gap(title - 1, title))
    }

    /// The last token of a run before the letters that may follow a full
    /// name ("Wayne Martin QC"); a single word before them ("Kilmarnock
    /// SC") keeps them, so that a club is never taken for a person.
    fn before_postnominals(&self, run: &Run) -> usize {
        let tokens = self.tokens;
        let mut last = run.last;
        while last > run.first + 1
            && tokens[last].shape == Shape::AllCaps
            && vocabulary::is_postnominal(tokens.lower(last))
            && is_space_gap(self.gap(last - 1, last))
        {
            last -= 1;
        }
        last
    }

    /// The name in a run: its trailing stretch of name words, without a
    /// sentence-initial common word ("Glaciologist", "Asked"), as first and
    /// last token; `None` when there is none or it is too long for a name.
    fn name_within(&self, run: &Run) -> Option<(usize, usize)> {
        let tokens = self.tokens;
        let last = self.before_postnominals(run);
        let classes: Vec<Class> = (run.first..=last).map(|i| self.class(i)).collect();
        let mut start = classes.len();
        while start > 0 && matches!(classes[start - 1], Class::Name | Class::Particle) {
            start -= 1;
        }
        // A run that opens with particles took them in for a surname
        // ("bin Laden"); particles between a title and a name are dropped.
        while start > 0 && start < classes.len() && classes[start] == Class::Particle {
            start += 1;
        }
        if start >= classes.len() {
            return None;
        }
        let mut first = run.first + start;
        if tokens[last].shape == Shape::Lower {
            return None;
        }
        // A particle opening a sentence opens a surname ("Bin Laden said");
        // a said-verb opening one opens the report ("Writes Bök:").
        if first == run.first
            && last > first
            && tokens[first].sentence_initial
            && !vocabulary::is_particle(tokens.lower(first))
            && (self.lower_vocabulary.contains(tokens.lower(first))
                || vocabulary::is_speech_verb(tokens.lower(first)))
        {
            first += 1;
        }
        // A role before the name is no part of it ("Leg-spinner Stuart
        // MacGill", "former Beatle George Harrison", "Federal Treasurer
        // Peter Costello").
        if let Some(role_end) = (first..last.min(first + 3))
            .rev()
            .find(|&i| vocabulary::is_opening_role_word(tokens.lower(i)))
        {
            first = role_end + 1;
        }
        // "Logan International Airport Tom Kinton says", "the Belkomur
        // Company Vladimir Shchelokov told", "the Russian Interior Ministry
        // Vladimir Kolokoltsev has pledged": a given name and a surname (of
        // the census, or before a said-verb or an auxiliary) after the head
        // word of an organisation are a person's; "Christmas Eve Mass" is
        // not. Before the party label below, which would take such a run
        // for a body's name.
        let surname_sure = vocabulary::is_census_surname(tokens.lower(last))
            || tokens.get(last + 1).is_some_and(|t| {
                let next = tokens.lower_of(t);
                t.shape == Shape::Lower
                    && (vocabulary::is_speech_verb(next) || vocabulary::is_auxiliary_verb(next))
            });
        if let Some(head) = (first..last.saturating_sub(1))
            .rev()
            .find(|&i| vocabulary::is_non_person_word(tokens.lower(i)))
            && last - head <= 3
            && surname_sure
            && vocabulary::is_any_given_name(tokens.lower(head + 1))
        {
            first = head + 1;
        }
        // A party or nationality label is no part of a name: "Republican
        // Chuck Hagel", "Republican Hagel"; but "Muslim Hands" is a charity.
        if vocabulary::may_open_place_or_organisation(tokens.lower(first)) {
            let whole: Vec<&str> = (first..=last).map(|i| tokens.lower(i)).collect();
            if vocabulary::is_named_place_or_organisation(&whole) {
                return None;
            }
        }
        while first < last && vocabulary::is_group_noun(tokens.lower(first)) {
            first += 1;
        }
        // "Committee to Protect Journalists Sherif Mansour": a body's name
        // that ends in a group noun is no part of the full name after it.
        if let Some(group) = (first + 1..last.saturating_sub(1))
            .rev()
            .find(|&i| vocabulary::is_group_noun(tokens.lower(i)))
            && vocabulary::is_any_given_name(tokens.lower(group + 1))
        {
            first = group + 1;
        }
        // "ambassador to Pakistan Abdul Salam Zaeef": a place before a full
        // name is no part of it, unless it is a given name too ("Georgia").
        let place = tokens.lower(first);
        if last >= first + 2
            && (vocabulary::is_place(place) || vocabulary::is_named_place_or_organisation(&[place]))
            && !vocabulary::is_given_name(place)
        {
            first += 1;
        }
        // "Minister for Rehabilitation Jayalath Jayawardena": after an
        // office and "for", a one-word portfolio before a two-word name;
        // a longer one ("Minister for Social Protection Leo Varadkar") ends
        // before the given name of a name of two or three words.
        if first == run.first && self.office_before(run.first).is_some() {
            if last == first + 2 {
                first += 1;
            } else if let Some(k) = (first + 1..last)
                .rev()
                .find(|&k| vocabulary::is_any_given_name(tokens.lower(k)) && last - k <= 2)
            {
                first = k;
            }
        }
        // "the Commission of Human Rights" goes on the body's name; "the
        // MP for Hackney North Diane Abbott" ends in a person's, as a given
        // name and a sure surname (as above) after a head word do.
        if first == run.first && self.goes_on_a_body_name(first) {
            if !surname_sure {
                return None;
            }
            first = (first + 1..last)
                .find(|&k| vocabulary::is_any_given_name(tokens.lower(k)) && last - k <= 2)?;
        }
        (last + 1 - first <= 5).then_some((first, last))
    }

    /// Whether the words of `first..=last` can name a person: not an
    /// organisation, place or outlet, nor initials alone.
    fn may_be_person(
        &self,
        first: usize,
        last: usize,
        words: &[String],
        after_honorific: bool,
        shown_a_person: bool,
    ) -> bool {
        // A given name that is also a word ("Bill", "Grant") opens a full
        // name the context shows speaking or gives a role, or one whose
        // surname the text writes after "Mr" ("Bill Peel … Mr Peel said").
        let opens_name = |w: &str| {
            vocabulary::may_open_full_name(words)
                || (vocabulary::is_given_name(w)
                    && (shown_a_person
                        || ((2..=3).contains(&words.len())
                            && self.is_honorific_surname(&words[words.len() - 1]))))
        };
        let non_person = |(i, w): (usize, &String)| {
            vocabulary::is_non_person_word(w) && !(i == 0 && opens_name(w))
        };
        // "Park Ji-hoon", "Kim Jong Un": a family name and a given name
        // that are also words of other kinds.
        if vocabulary::is_east_asian_name(words) {
            return true;
        }
        // "Mrs May", "May said": a month as a surname
        // (`Context::month_as_surname`).
        let month_surname = words.len() == 1
            && vocabulary::is_month(&words[0])
            && (after_honorific || self.month_as_surname(first));
        if words.iter().enumerate().any(non_person)
            || vocabulary::is_deity(&words[0])
            || (vocabulary::is_stop_word(&words[0]) && !month_surname)
        {
            return false;
        }
        // "Mr Peel", "Mr Fox": a lone word after an honorific is a surname,
        // whatever place or outlet it also names.
        if after_honorific && words.len() == 1 {
            return true;
        }
        let lone_non_name = words.len() == 1
            && (vocabulary::is_place(&words[0])
                || vocabulary::is_outlet(&words[0])
                || self.names_a_firm(&words[0])
                || self.names_an_animal(&words[0])
                || self.is_region_after_prefix(first)
                || self.is_see_of_a_title(first)
                // "Chief Negotiator": a role is no one's name unless it is
                // also a census surname ("Judge").
                || (vocabulary::is_role_noun(&words[0])
                    && !vocabulary::is_census_surname(&words[0])));
        // "Another Palestinian", "The Americans", "Officials",
        // "Investigators".
        let group = words.iter().all(|w| {
            vocabulary::is_group_noun(w)
                || vocabulary::is_plural_role_noun(w)
                || vocabulary::is_determiner(w)
                || vocabulary::is_place(w)
                || vocabulary::geo_code(w).is_some()
        });
        !(group
            || vocabulary::is_named_place_or_organisation(words)
            || vocabulary::is_determiner(&words[0])
            || (words.len() > 1 && vocabulary::is_group_noun(&words[words.len() - 1]))
            || vocabulary::is_place_prefix(&words[0])
            || vocabulary::is_party_and_state(words)
            || lone_non_name
            || words.iter().all(|w| vocabulary::is_place(w))
            || (first..=last).all(|i| self.tokens[i].shape == Shape::Initial))
    }

    /// What the titles, places and abbreviations of a run before its name
    /// (`run_first..first`) say: "U.K. Prime Minister", "Britain's
    /// Chancellor …", "Russia's Vladimir Putin".
    fn title_cues(&self, run_first: usize, first: usize) -> NameCues {
        let tokens = self.tokens;
        let mut found = NameCues::default();
        let prefix = run_first..first;
        // A party label stands for a title: "Republican Chuck Hagel".
        let has_title = prefix.clone().any(|i| {
            self.class(i) == Class::Title
                && (vocabulary::is_title_head(tokens.lower(i))
                    || vocabulary::is_party_label(tokens.lower(i)))
        });
        // "Leg-spinner Stuart MacGill", "Twenty-eight-year-old Mohammed
        // Afroz": a sentence opening with a role or an age.
        let opening_role = !has_title
            && first > run_first
            && vocabulary::is_opening_role_word(tokens.lower(first - 1));
        if opening_role {
            found.cues.strong = true;
            if !tokens.lower(first - 1).ends_with("-year-old") {
                let role = tokens[run_first].range().start..tokens[first - 1].range().end;
                found.role = Some(self.text[role].to_string());
            }
            return found;
        }
        for i in prefix.clone() {
            if let Some(code) = vocabulary::geo_code(tokens.lower(i)) {
                found.geo.get_or_insert(code);
            }
        }
        let owner = self.possessive_owner(run_first);
        if let Some(owner_index) = owner
            && let Some(code) = vocabulary::geo_code(tokens.lower(owner_index))
        {
            found.geo.get_or_insert(code);
        }
        // "Labor's Martin Ferguson".
        let party_owner = owner.is_some_and(|i| vocabulary::is_party_label(tokens.lower(i)));
        if has_title || party_owner {
            found.cues.strong = true;
            // "Sir", "Mr", "Dr" mark a person but say nothing of a role.
            let honorific_only = prefix
                .clone()
                .all(|i| vocabulary::is_honorific(tokens.lower(i)));
            if !honorific_only {
                let role_start = owner.unwrap_or(run_first);
                let role_end = tokens[first - 1].range().end;
                found.role =
                    Some(self.text[tokens[role_start].range().start..role_end].to_string());
            }
        }
        found
    }

    fn possessive_owner(&self, run_first: usize) -> Option<usize> {
        let before = run_first.checked_sub(1)?;
        let token = &self.tokens[before];
        (token.possessive && is_space_gap(self.gap(before, run_first))).then_some(before)
    }
}

/// What the context says of a candidate name, as `cues` work it out; the
/// first role and country found stand.
#[derive(Debug, Default)]
struct NameCues {
    cues: Cues,
    role: Option<String>,
    geo: Option<&'static str>,
}

#[cfg(test)]
mod tests;
