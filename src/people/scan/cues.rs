//! The context around a candidate name that says it is a person's, and
//! what it says of them: a role noun before it ("contributor Ignatius
//! Ivlev-Yorke"), an office and its portfolio ("Secretary of Health and
//! Human Services"), a credit line ("Reporting by"), an appositive
//! (`appositives.rs`), a said-verb after it, a byline block (`byline.rs`).
//! Each step reads a few tokens around the name, so a scan stays linear.

use super::{Context, NameCues, Shape, Token, is_space_gap};
use crate::people::vocabulary;

impl Context<'_> {
    /// Cues around the name `first..=last` of the run starting at
    /// `run_first`, in `found`: role nouns before, appositives after,
    /// said-verbs, bylines and photo credits.
    pub(super) fn context_cues(
        &self,
        run_first: usize,
        first: usize,
        last: usize,
        found: &mut NameCues,
    ) {
        let text = self.text;
        if let Some(prev) = run_first.checked_sub(1) {
            self.cues_before(prev, run_first, first, found);
            // "13-year-old Oliver", "one father named Firas", "a family
            // friend called Suzie", "a man known as Nick": the whole run,
            // not a part left after a word the scanner dropped ("Muslim").
            if first == run_first && self.introduces_a_name(prev, last) {
                found.cues.strong = true;
                found.cues.introduced = first == last;
            }
            if self.said_after_quote(prev, run_first, last) {
                found.cues.speech = true;
            }
        }
        let before_run = self.tokens[run_first].range().start;
        let after_name = self.tokens[last].range().end;
        if text[..before_run].ends_with('(') && text[after_name..].starts_with('/') {
            // "(Chris Ratcliffe/Bloomberg)": a photo credit.
            found.cues.strong = true;
            found.role.get_or_insert_with(|| "photographer".to_string());
        }
        // After "and" the portfolio may end in any capitalised word ("High
        // Representative for Foreign Affairs and Security Policy"), and
        // after "of" it may be a body's name ("Vice-Speaker of Russia's
        // State Duma"), so only a full name after them is a person's.
        if first > run_first
            && let Some(office) = self.office_before(run_first)
            && (last > first
                || (self.tokens.lower(run_first - 1) != "and"
                    && self.tokens.lower(office + 1) != "of"))
        {
            found.cues.strong = true;
            if found.role.is_none() {
                if self.tokens[office].shape == Shape::Lower {
                    self.role_noun_phrase(office, found);
                } else {
                    // An office keeps its portfolio: "Minister for
                    // Rehabilitation".
                    let span =
                        self.tokens[office].range().start..self.tokens[first - 1].range().end;
                    found.role = Some(text[span].to_string());
                }
            }
        }
        if self.tokens.lower(run_first) == "by" {
            found.cues.strong = true;
        }
        if let Some(prev) = run_first.checked_sub(1) {
            self.appositive_before(prev, run_first, after_name, found);
        }
        if last + 1 < self.tokens.len() {
            self.cues_after(run_first, last, found);
        }
        if last > first && self.speech_after_organisation(last) {
            found.cues.speech = true;
        }
        self.line_byline(first, last, found);
        found.cues.members_follow = self.members_follow(last);
        found.cues.written_lower =
            first == last && self.lower_vocabulary.contains(self.tokens.lower(first));
    }

    /// A noun for a body's people right after the name, which owns no
    /// possessive ("Sinn Féin leader Gerry Adams", "Aslef members").
    fn members_follow(&self, last: usize) -> bool {
        let tokens = self.tokens;
        let next = last + 1;
        next < tokens.len()
            && !tokens[last].possessive
            && is_space_gap(self.gap(last, next))
            && vocabulary::is_member_noun(tokens.lower(next))
    }

    /// The word just before the run (`prev`): a role noun ("Kremlin
    /// spokesman Dmitry Peskov", "the late Amartya Sen"), a place
    /// preposition or "the", a credit line ("Reporting by"). A place
    /// preposition or "the" tells against the name only when the name
    /// (from `first`) opens the run: in "the Russian Interior Ministry
    /// Vladimir Kolokoltsev" it belongs to the body the run opens with.
    fn cues_before(&self, prev: usize, run_first: usize, first: usize, found: &mut NameCues) {
        let tokens = self.tokens;
        let gap = self.gap(prev, run_first);
        let prev_token = &tokens[prev];
        let name_opens_run = first == run_first;
        if is_space_gap(gap) && prev_token.shape == Shape::Lower {
            if vocabulary::is_role_noun(tokens.lower_of(prev_token)) && !prev_token.possessive {
                found.cues.strong = true;
                if tokens.lower_of(prev_token) != "late" && found.role.is_none() {
                    self.role_noun_phrase(prev, found);
                }
            }
            if name_opens_run
                && (vocabulary::is_place_preposition(tokens.lower_of(prev_token))
                    || self.affiliation_link(prev))
            {
                found.cues.anti = true;
            }
            if tokens.lower_of(prev_token) == "by" && prev > 0 {
                let by_what = tokens.lower(prev - 1);
                if let Some(role) = vocabulary::byline_role(by_what) {
                    found.cues.strong = true;
                    found.role.get_or_insert_with(|| role.to_string());
                }
            }
        }
        if name_opens_run && tokens.lower_of(prev_token) == "the" && is_space_gap(gap) {
            found.cues.anti = true;
        }
    }

    /// Whether the word at `prev` is an age ("13-year-old") or ends "a
    /// <person noun> named", "called" or "known as", and the name `last`
    /// ends does not modify a noun after it ("the 28-year-old Blackburn
    /// Rovers footballer"). Only an indefinite noun phrase brings a name
    /// in: in "The Unite leader called Vauxhall "a jewel"" the verb is
    /// the leader's.
    fn introduces_a_name(&self, prev: usize, last: usize) -> bool {
        let tokens = self.tokens;
        if tokens[prev].shape == Shape::Capitalized {
            return false;
        }
        if !is_space_gap(self.gap(prev, prev + 1)) {
            return self.age_of_ones_own(prev);
        }
        let introduced = match tokens.lower(prev) {
            age if age.ends_with("-year-old") => self.a_persons_age(prev),
            "named" | "called" => {
                (prev.checked_sub(1)).is_some_and(|noun| self.after_indefinite_person_noun(noun))
            }
            "as" if prev >= 2 && tokens.lower(prev - 1) == "known" => {
                self.after_indefinite_person_noun(prev - 2)
            }
            _ => false,
        };
        // A lower-case word right after the name that is no function word,
        // verb or adverb is the noun the name modifies.
        let modifies_next = || {
            tokens.get(last + 1).is_some_and(|next| {
                let word = tokens.lower(last + 1);
                next.shape == Shape::Lower
                    && is_space_gap(self.gap(last, last + 1))
                    && !tokens[last].possessive
                    && !(vocabulary::is_stop_word(word)
                        || vocabulary::is_auxiliary_verb(word)
                        || vocabulary::is_speech_verb(word)
                        || vocabulary::is_adverb_between(word)
                        || word.ends_with("ed"))
            })
        };
        introduced && !modifies_next()
    }

    /// "his 3-year-old, Saeed": an age at `age` after a possessive
    /// determiner and before a comma, a child the article names only so.
    fn age_of_ones_own(&self, age: usize) -> bool {
        let tokens = self.tokens;
        tokens.lower(age).ends_with("-year-old")
            && self.gap(age, age + 1).trim_end() == ","
            && age > 0
            && matches!(
                tokens.lower(age - 1),
                "his" | "her" | "their" | "my" | "our"
            )
            && is_space_gap(self.gap(age - 1, age))
            && self.a_persons_age(age)
    }

    /// Whether the word at `noun` is a noun for a person in an indefinite
    /// noun phrase ("one father", "a long-time family friend").
    fn after_indefinite_person_noun(&self, noun: usize) -> bool {
        let tokens = self.tokens;
        tokens[noun].shape == Shape::Lower
            && !tokens[noun].possessive
            && is_space_gap(self.gap(noun, noun + 1))
            && vocabulary::is_person_noun(tokens.lower(noun))
            && self.indefinite_before(noun)
    }

    /// Whether the "N-year-old" at `age` gives an age a person may be:
    /// not a "2,000-year-old Art of War".
    fn a_persons_age(&self, age: usize) -> bool {
        let word = &self.text[self.tokens[age].range()];
        let number = word.trim_end_matches("-year-old");
        let before = self.text[..self.tokens[age].range().start]
            .chars()
            .next_back();
        let in_words = number.chars().all(|c| c.is_alphabetic() || c == '-');
        let in_digits = number.chars().all(|c| c.is_ascii_digit()) && number.len() <= 3;
        (in_words || in_digits) && !before.is_some_and(|c| c == ',' || c.is_ascii_digit())
    }

    /// Whether "a", "an", "one" or "another" opens the noun phrase that
    /// the noun at `noun` ends, past up to three modifiers ("a long-time
    /// family friend").
    fn indefinite_before(&self, noun: usize) -> bool {
        let tokens = self.tokens;
        (noun.saturating_sub(4)..noun).rev().find_map(|k| {
            if matches!(tokens.lower(k), "a" | "an" | "one" | "another") {
                return Some(true);
            }
            (!is_space_gap(self.gap(k, k + 1)) || tokens[k].shape != Shape::Lower).then_some(false)
        }) == Some(true)
    }

    /// `"…," said Maria`: a said-verb at `prev` between a quote's close and
    /// the name (not "said Haystack's Vincent Fish": an owner).
    fn said_after_quote(&self, prev: usize, run_first: usize, last: usize) -> bool {
        let tokens = self.tokens;
        let verb = &tokens[prev];
        is_space_gap(self.gap(prev, run_first))
            && verb.shape == Shape::Lower
            && !tokens[last].possessive
            && vocabulary::is_confirming_speech(tokens.lower_of(verb))
            && self.text[..verb.range().start]
                .trim_end()
                .ends_with(['"', '”'])
    }

    /// "Des Crinion of Panda Waste": is the word at `link` an "of", "from"
    /// or "at" right after a capitalised word, so that the run after it is
    /// the affiliation of the name before?
    fn affiliation_link(&self, link: usize) -> bool {
        let tokens = self.tokens;
        link > 0
            && matches!(tokens.lower(link), "of" | "from" | "at")
            && tokens[link - 1].shape == Shape::Capitalized
            && self.links_a_name_word(link)
    }

    /// Does word `i` name an office: a role noun in lower case ("foreign
    /// minister"), or a title capitalised ("Foreign Minister")?
    pub(super) fn names_an_office(&self, i: usize) -> bool {
        let lower = self.tokens.lower(i);
        match self.tokens[i].shape {
            Shape::Lower => vocabulary::is_role_noun(lower),
            Shape::Capitalized => vocabulary::is_title_word(lower),
            _ => false,
        }
    }

    /// "UN envoy for Afghanistan Lakhdar Brahimi", "ambassador to Pakistan
    /// Abdul Salam Zaeef", "Minister for Rehabilitation Jayalath
    /// Jayawardena", "Secretary of Health and Human Services Tom Price":
    /// the role noun or office whose portfolio opens the run at
    /// `run_first`, its first word a place or a portfolio and no part of the
    /// name. The office comes right before the run with "for" or "to" (a
    /// titled one also with "on" or "of"), or
    /// the run goes on, after "and", a portfolio an office brings in with
    /// "of" or "for". Between "for" or "to" and the portfolio may stand
    /// "the" or a country's possessive ("spokesman for the Defense
    /// Ministry Igor Konashenkov", "spokesman for Russia's Defense
    /// Ministry Igor Konashenkov").
    pub(super) fn office_before(&self, run_first: usize) -> Option<usize> {
        let tokens = self.tokens;
        let lower_link = |k: usize, links: &[&str]| {
            tokens[k].shape == Shape::Lower && links.contains(&tokens.lower(k))
        };
        let before_run = run_first.checked_sub(1)?;
        let determined = (tokens[before_run].shape == Shape::Lower
            && tokens.lower(before_run) == "the")
            || (tokens[before_run].shape == Shape::Capitalized && tokens[before_run].possessive);
        let portfolio = if determined { before_run } else { run_first };
        if let Some(noun) = portfolio.checked_sub(2) {
            let link = noun + 1;
            // "Special Representative on Anti-Terrorism": a titled
            // office's brief may come after "on", and its see or state
            // after "of" ("Archbishop of Canterbury Justin Welby");
            // "spokesman on Tuesday" is no office's.
            let brief = tokens[noun].shape == Shape::Capitalized && lower_link(link, &["on", "of"]);
            if self.names_an_office(noun)
                && !tokens[noun].possessive
                && (lower_link(link, &["for", "to"]) || brief)
                && is_space_gap(self.gap(noun, link))
                && is_space_gap(self.gap(link, portfolio))
                && is_space_gap(self.gap(before_run, run_first))
            {
                return Some(noun);
            }
        }
        let noun = run_first.checked_sub(2)?;
        let link = noun + 1;
        if !lower_link(link, &["and"]) || !is_space_gap(self.gap(link, run_first)) {
            return None;
        }
        // Back over the portfolio's first part ("Health", "Foreign
        // Affairs") to its link and office.
        let mut k = noun;
        while k > 1 && noun - k < 3 && tokens[k].shape == Shape::Capitalized {
            if !is_space_gap(self.gap(k - 1, k)) {
                return None;
            }
            if lower_link(k - 1, &["of", "for"]) {
                let office = k - 2;
                return (self.names_an_office(office)
                    && tokens[office].shape == Shape::Capitalized
                    && is_space_gap(self.gap(office, k - 1)))
                .then_some(office);
            }
            k -= 1;
        }
        None
    }

    /// The role that ends in the role noun at `noun`, reaching back a few
    /// words within the sentence ("Kremlin spokesman"), and its country.
    pub(super) fn role_noun_phrase(&self, noun: usize, found: &mut NameCues) {
        let tokens = self.tokens;
        let mut start = noun;
        while start > 0
            && noun + 1 - start < 5
            && !tokens[start].sentence_initial
            && is_space_gap(self.gap(start - 1, start))
            && !vocabulary::is_stop_word(tokens.lower(start - 1))
            && !vocabulary::is_speech_verb(tokens.lower(start - 1))
            && !self.acts_as_verb(start - 1)
            && !self.follows_full_name(start - 1)
        {
            start -= 1;
        }
        if tokens[start].sentence_initial
            && vocabulary::is_stop_word(tokens.lower(start))
            && start < noun
        {
            start += 1;
        }
        if let Some(code) = tokens[start..=noun]
            .iter()
            .find_map(|t| vocabulary::geo_code(tokens.lower_of(t)))
        {
            found.geo.get_or_insert(code);
        }
        found.role =
            Some(self.text[tokens[start].range().start..tokens[noun].range().end].to_string());
    }

    /// What follows the name ending at `last`: a said-verb, an appositive,
    /// "is a …" or "as …".
    fn cues_after(&self, run_first: usize, last: usize, found: &mut NameCues) {
        let tokens = self.tokens;
        let gap = self.gap(last, last + 1);
        let next_lower = tokens.lower(last + 1);
        // "the Treasurer, Peter Costello, said": a name set off by commas
        // is the said-verb's subject when it heads its phrase; in "Jane
        // Doe, editor of Spectrum, said" the verb is Jane Doe's.
        if is_space_gap(gap) || (gap.trim() == "," && self.heads_its_phrase(run_first)) {
            let adverb = vocabulary::is_adverb_between(next_lower)
                && !vocabulary::is_confirming_speech(next_lower);
            let verb_index = if adverb && gap.trim().is_empty() {
                last + 2
            } else {
                last + 1
            };
            if tokens.get(verb_index).is_some_and(|t| {
                vocabulary::is_confirming_speech(tokens.lower_of(t)) && t.shape == Shape::Lower
            }) && !tokens[last].possessive
            {
                found.cues.speech = true;
            }
        }
        if gap.trim() == "," && !tokens[last].possessive {
            self.appositive_after(last, found);
        }
        if is_space_gap(gap) && !tokens[last].possessive {
            self.role_predicate(last, found);
        }
    }

    /// Whether the run at `run_first` opens its phrase: it starts the text
    /// or follows punctuation, a title, a role noun or the "as" that brings
    /// in a name ("a man known as Nick"), not another preposition or a
    /// common word ("editor of Spectrum", "autism site Spectrum").
    fn heads_its_phrase(&self, run_first: usize) -> bool {
        let Some(prev) = run_first.checked_sub(1) else {
            return true;
        };
        let word = self.tokens.lower(prev);
        !is_space_gap(self.gap(prev, run_first))
            || self.tokens[prev].shape != Shape::Lower
            || word == "as"
            || vocabulary::is_role_noun(word)
    }

    /// "Bill Shorten of the Australian Workers Union (AWU) says", "Tore
    /// Didriksen of the Harstad police force said", "Gro Dagsvold, of
    /// local tourist organisation Visit Harstad, said": a full name, "of",
    /// a body and a said-verb, the body set off by commas or by none.
    fn speech_after_organisation(&self, last: usize) -> bool {
        let tokens = self.tokens;
        if tokens
            .get(last + 1)
            .is_none_or(|t| tokens.lower_of(t) != "of")
        {
            return false;
        }
        let gap = self.gap(last, last + 1);
        let set_off = gap.trim() == ",";
        if tokens[last].possessive || !(set_off || is_space_gap(gap)) {
            return false;
        }
        let mut at = last + 2;
        if tokens.get(at).is_some_and(|t| tokens.lower_of(t) == "the") {
            at += 1;
        }
        // The name, the body and the verb run on without punctuation.
        let broken_before = |k: usize| {
            self.gap(k - 1, k)
                .contains([',', '.', ';', ':', '"', '“', '”'])
        };
        let body_start = at;
        // Lower-case words may end the body ("police force"), but not
        // bring in a role and the name of someone else ("Nenagh Chamber
        // of Commerce vice president Denis Finnerty said").
        let lower_body_word = |t: &Token| {
            let lower = tokens.lower_of(t);
            !(vocabulary::is_confirming_speech(lower)
                || vocabulary::is_stop_word(lower)
                || vocabulary::is_role_noun(lower))
        };
        let mut lower_seen = false;
        while at < tokens.len() && at < body_start + 8 {
            if at > body_start && set_off && self.gap(at - 1, at).trim() == "," {
                break;
            }
            if tokens[at].shape == Shape::Lower {
                if !lower_body_word(&tokens[at]) {
                    break;
                }
                lower_seen = true;
            } else if lower_seen && !set_off {
                return false;
            }
            if broken_before(at) {
                return false;
            }
            at += 1;
        }
        // Set off by commas, the body ends at the second one.
        let verb_follows = |t: &Token| {
            vocabulary::is_confirming_speech(tokens.lower_of(t))
                && t.shape == Shape::Lower
                && if set_off {
                    self.gap(at - 1, at).trim() == ","
                } else {
                    !broken_before(at)
                }
        };
        at > body_start && tokens.get(at).is_some_and(verb_follows)
    }

    /// Whether the lower-case word at `k` comes right after a full name
    /// (a census given name and another capitalised word): the name's
    /// verb, not part of the role after it ("Andy Bichel replaces spin
    /// bowler Stuart MacGill").
    fn follows_full_name(&self, k: usize) -> bool {
        let tokens = self.tokens;
        k >= 2
            && tokens[k].shape == Shape::Lower
            && tokens[k - 1].shape == Shape::Capitalized
            && tokens[k - 2].shape == Shape::Capitalized
            && vocabulary::is_given_name(tokens.lower(k - 2))
            && is_space_gap(self.gap(k - 2, k - 1))
            && is_space_gap(self.gap(k - 1, k))
    }

    /// Whether the lower-case word at `k` is a verb rather than a modifier
    /// of the role after it: an -ed or -ing word after an auxiliary or a
    /// plain noun ("Israel has rejected Palestinian leader …", "a court
    /// sentenced Chechen warlord …"), or an -ing word opening a clause after
    /// a comma ("the shuttle, carrying …"). After a determiner, a
    /// possessive or a preposition it is an adjective ("the exiled Afghan
    /// king", "a supporter of deposed leader …").
    pub(super) fn acts_as_verb(&self, k: usize) -> bool {
        let tokens = self.tokens;
        let lower = tokens.lower(k);
        let verb_form = |word: &str| {
            word.len() > 4
                && (word.ends_with("ed") || word.ends_with("ing"))
                && !vocabulary::is_title_word(word)
                && !vocabulary::is_role_noun(word)
        };
        if tokens[k].shape != Shape::Lower || !verb_form(lower) || tokens[k].sentence_initial {
            return false;
        }
        let Some(before) = k.checked_sub(1) else {
            return false;
        };
        if !is_space_gap(self.gap(before, k)) {
            return lower.ends_with("ing") && self.gap(before, k).trim() == ",";
        }
        let previous = tokens.lower(before);
        if vocabulary::is_auxiliary_verb(previous) {
            return true;
        }
        tokens[before].shape == Shape::Lower
            && !tokens[before].possessive
            && !vocabulary::is_stop_word(previous)
            && !vocabulary::is_determiner(previous)
            && !vocabulary::is_title_word(previous)
            && !verb_form(previous)
    }

    /// "Martin Fornusek is a news editor at …", "named Mélanie Joly as
    /// foreign minister".
    fn role_predicate(&self, last: usize, found: &mut NameCues) {
        let tokens = self.tokens;
        let next_lower = tokens.lower(last + 1);
        let is_a = matches!(next_lower, "is" | "was")
            && tokens
                .get(last + 2)
                .is_some_and(|t| matches!(tokens.lower_of(t), "a" | "an" | "the"));
        let as_role = next_lower == "as";
        if !is_a && !as_role {
            return;
        }
        let phrase_start = if is_a { last + 3 } else { last + 2 };
        let mut end = phrase_start;
        while end + 1 < tokens.len()
            && end + 1 - phrase_start < 8
            && !self
                .gap(end, end + 1)
                .contains([',', '.', ';', '(', ')', '\n', '"', '“', '”'])
        {
            end += 1;
        }
        if phrase_start >= tokens.len() || end >= tokens.len() {
            return;
        }
        // "named Mélanie Joly as foreign minister", "with Hamid Karzai as
        // Prime Minister".
        let head = (phrase_start..=end.min(phrase_start + 3)).find(|&i| self.names_an_office(i));
        if head.is_some() {
            found.cues.strong = true;
            if found.role.is_none() {
                found.role = Some(
                    self.text[tokens[phrase_start].range().start..tokens[end].range().end]
                        .to_string(),
                );
            }
        }
    }
}
