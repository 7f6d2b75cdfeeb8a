//! The context around a candidate name that says it is a person's, and
//! what it says of them: a role noun before it ("contributor Ignatius
//! Ivlev-Yorke"), a credit line ("Reporting by"), an appositive ("Gregory
//! Pike, a commodities analyst"), a said-verb after it, a byline block.
//! Each step reads a few tokens around the name, so a scan stays linear.

use super::{Context, NameCues, Shape, fold, is_space_gap};
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
            self.cues_before(prev, run_first, found);
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
        if first > run_first && self.role_over_place(run_first) {
            found.cues.strong = true;
            let office = run_first - 2;
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
            self.cues_after(last, found);
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
    /// preposition or "the", a credit line ("Reporting by").
    fn cues_before(&self, prev: usize, run_first: usize, found: &mut NameCues) {
        let tokens = self.tokens;
        let gap = self.gap(prev, run_first);
        let prev_token = &tokens[prev];
        if is_space_gap(gap) && prev_token.shape == Shape::Lower {
            if vocabulary::is_role_noun(tokens.lower_of(prev_token)) && !prev_token.possessive {
                found.cues.strong = true;
                if tokens.lower_of(prev_token) != "late" && found.role.is_none() {
                    self.role_noun_phrase(prev, found);
                }
            }
            if vocabulary::is_place_preposition(tokens.lower_of(prev_token))
                || self.affiliation_link(prev)
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
        if tokens.lower_of(prev_token) == "the" && is_space_gap(gap) {
            found.cues.anti = true;
        }
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
    fn names_an_office(&self, i: usize) -> bool {
        let lower = self.tokens.lower(i);
        match self.tokens[i].shape {
            Shape::Lower => vocabulary::is_role_noun(lower),
            Shape::Capitalized => vocabulary::is_title_word(lower),
            _ => false,
        }
    }

    /// "UN envoy for Afghanistan Lakhdar Brahimi", "ambassador to Pakistan
    /// Abdul Salam Zaeef", "Minister for Rehabilitation Jayalath
    /// Jayawardena": whether a role noun or office and its link ("for",
    /// "to") come right before a run whose first word, a place or a
    /// portfolio, is no part of the name.
    pub(super) fn role_over_place(&self, run_first: usize) -> bool {
        let tokens = self.tokens;
        let Some(noun) = run_first.checked_sub(2) else {
            return false;
        };
        let link = noun + 1;
        self.names_an_office(noun)
            && !tokens[noun].possessive
            && tokens[link].shape == Shape::Lower
            && matches!(tokens.lower(link), "for" | "to")
            && is_space_gap(self.gap(noun, link))
            && is_space_gap(self.gap(link, run_first))
    }

    /// The role that ends in the role noun at `noun`, reaching back a few
    /// words within the sentence ("Kremlin spokesman"), and its country.
    fn role_noun_phrase(&self, noun: usize, found: &mut NameCues) {
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

    /// A role between commas before the name: "Her younger brother, Tomasz
    /// Kowalczyk, runs …", "the Israeli Foreign Minister, Shimon Peres,
    /// …"; or, ending the sentence, a role noun or title right before the
    /// comma: "in favour of his former foreign minister, Patterson Oti."
    fn appositive_before(
        &self,
        prev: usize,
        run_first: usize,
        after_name: usize,
        found: &mut NameCues,
    ) {
        let tokens = self.tokens;
        let text = self.text;
        if self.gap(prev, run_first).trim() != "," {
            return;
        }
        let after = text[after_name..].trim_start_matches(' ');
        let closed = after.starts_with(',');
        let ends_sentence = after.is_empty() || after.starts_with(['.', ';']);
        // "his former foreign minister, Patterson Oti."; "the Israeli
        // Foreign Minister, Shimon Peres, …": an office's title ends it.
        let role_at_comma = !tokens[prev].possessive && self.names_an_office(prev);
        if !closed {
            if ends_sentence && role_at_comma {
                found.cues.strong = true;
                if found.role.is_none() {
                    self.role_noun_phrase(prev, found);
                }
            }
            return;
        }
        let mut start = prev;
        while start > 0
            && prev - start < 10
            && !tokens[start].sentence_initial
            && is_space_gap(self.gap(start - 1, start))
        {
            start -= 1;
        }
        let names_a_role = role_at_comma
            || (start..=prev).any(|i| {
                vocabulary::is_role_noun(tokens.lower(i)) && tokens[i].shape == Shape::Lower
            });
        if !names_a_role {
            return;
        }
        found.cues.strong = true;
        if found.role.is_none() && tokens[prev].shape == Shape::Capitalized {
            self.role_noun_phrase(prev, found);
        }
        if found.role.is_none() {
            let mut role_start = self.appositive_role_start(start, prev);
            while role_start < prev && vocabulary::is_stop_word(tokens.lower(role_start)) {
                role_start += 1;
            }
            found.role =
                Some(text[tokens[role_start].range().start..tokens[prev].range().end].to_string());
        }
    }

    /// Where the role of an appositive before a name (words `start..=prev`)
    /// starts: after a verb ("announcing that the senate leader, Ramon
    /// Puerta,") or after "and" when a new phrase opens ("met Israeli Prime
    /// Minister Ariel Sharon and the Palestinian leader, Yasser Arafat,"),
    /// as long as a role noun is left.
    fn appositive_role_start(&self, start: usize, prev: usize) -> usize {
        let tokens = self.tokens;
        let opens_phrase = |i: usize| i <= prev && vocabulary::is_determiner(tokens.lower(i));
        let cut = (start..prev).rev().find(|&i| {
            self.acts_as_verb(i)
                || (matches!(tokens.lower(i), "and" | "or" | "but" | "while" | "that")
                    && opens_phrase(i + 1))
        });
        let Some(cut) = cut else {
            return start;
        };
        let role_left = (cut + 1..=prev)
            .any(|i| vocabulary::is_role_noun(tokens.lower(i)) && tokens[i].shape == Shape::Lower);
        if role_left { cut + 1 } else { start }
    }

    /// What follows the name ending at `last`: a said-verb, an appositive,
    /// "is a …" or "as …".
    fn cues_after(&self, last: usize, found: &mut NameCues) {
        let tokens = self.tokens;
        let gap = self.gap(last, last + 1);
        let next_lower = tokens.lower(last + 1);
        if is_space_gap(gap) || gap.trim() == "," {
            let verb_index = if vocabulary::is_adverb_between(next_lower) && gap.trim().is_empty() {
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

    /// "Bill Shorten of the Australian Workers Union (AWU) says": a full
    /// name, "of", the capitalised name of a body and a said-verb.
    fn speech_after_organisation(&self, last: usize) -> bool {
        let tokens = self.tokens;
        if tokens
            .get(last + 1)
            .is_none_or(|t| tokens.lower_of(t) != "of")
            || tokens[last].possessive
            || !is_space_gap(self.gap(last, last + 1))
        {
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
        while at < tokens.len() && at < body_start + 8 && tokens[at].shape != Shape::Lower {
            if broken_before(at) {
                return false;
            }
            at += 1;
        }
        at > body_start
            && tokens.get(at).is_some_and(|t| {
                vocabulary::is_confirming_speech(tokens.lower_of(t)) && !broken_before(at)
            })
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
    fn acts_as_verb(&self, k: usize) -> bool {
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

    /// An appositive after the name: "Trudeau, Canada's Prime Minister",
    /// "Gregory Pike, a commodities analyst", "Su, who became chief
    /// executive".
    fn appositive_after(&self, last: usize, found: &mut NameCues) {
        let tokens = self.tokens;
        let next = &tokens[last + 1];
        let next_lower = tokens.lower_of(next);
        if next_lower == "who" || next_lower == "whose" || self.age_aside(last) {
            found.cues.strong = true;
        }
        // "Rick Caruso, the developer who lost to Bass, said": only people
        // take "who".
        if matches!(next_lower, "a" | "an" | "the")
            && (last + 2..(last + 8).min(tokens.len())).any(|i| {
                matches!(tokens.lower(i), "who" | "whose")
                    && !self.gap(last + 1, i).contains([',', '.', ';'])
            })
        {
            found.cues.strong = true;
        }
        let opens = matches!(next_lower, "a" | "an" | "the" | "former")
            || next.possessive
            || vocabulary::is_role_noun(next_lower);
        if opens {
            self.appositive_role(last, found);
        }
    }

    /// "Virginie Razzano, 18, who …", "Arnaud Clement, 24, (18th)": an age
    /// between commas after the name (after `last`) says it is a person's.
    fn age_aside(&self, last: usize) -> bool {
        let tokens = self.tokens;
        let Some(age) = tokens.get(last + 1) else {
            return false;
        };
        let is_age = age.shape == Shape::Numeric
            && tokens.lower_of(age).len() <= 3
            && tokens.lower_of(age).chars().all(|c| c.is_ascii_digit());
        let closed = self.text[age.range().end..].starts_with([',', ')']);
        is_age && closed
    }

    /// The role an appositive after the name gives, when a role word comes
    /// early in it and no verb does.
    fn appositive_role(&self, last: usize, found: &mut NameCues) {
        let tokens = self.tokens;
        let mut end = last + 1;
        while end + 1 < tokens.len()
            && end - last < 12
            && !self
                .gap(end, end + 1)
                .contains([',', '.', ';', '(', ')', '\n', '"', '“', '”', ':'])
        {
            end += 1;
        }
        // "bin Laden, leader of the Al Qaeda network which is blamed for
        // …": the role ends where a relative clause opens.
        if let Some(relative) = (last + 2..=end)
            .find(|&i| matches!(tokens.lower(i), "which" | "who" | "whose" | "that"))
        {
            end = relative - 1;
        }
        let phrase = last + 1..=end;
        let verbish = phrase.clone().any(|i| {
            vocabulary::is_speech_verb(tokens.lower(i))
                || tokens.lower(i).ends_with("ing") && i == last + 1
        });
        // A word that only qualifies a title ("the German state of …")
        // gives no role alone.
        let role_word = phrase.clone().find(|&i| {
            vocabulary::is_role_noun(tokens.lower(i)) || vocabulary::is_title_head(tokens.lower(i))
        });
        let Some(role_index) = role_word else {
            return;
        };
        // "Moreover, the official is …": the role word is a clause's
        // subject; "the player the Briton had lost to" still a role.
        let subject_of_a_clause = (last + 1..=(role_index + 1).min(end))
            .any(|i| vocabulary::is_auxiliary_verb(tokens.lower(i)));
        if verbish
            || subject_of_a_clause
            || role_index > last + 6
            || self.role_of_the_name_after(end)
        {
            return;
        }
        found.cues.strong = true;
        let mut role_start = last + 1;
        while role_start < end && matches!(tokens.lower(role_start), "a" | "an" | "the") {
            role_start += 1;
        }
        for i in phrase {
            if let Some(code) = vocabulary::geo_code(tokens.lower(i)) {
                found.geo.get_or_insert(code);
            }
        }
        if found.role.is_none() {
            found.role = Some(
                self.text[tokens[role_start].range().start..tokens[end].range().end].to_string(),
            );
        }
    }

    /// Does the role ending at `end` belong to the name after it ("in the
    /// area of Palmyra, the Russian ambassador to Syria, Alexander
    /// Kinshchak told TASS")? It does when a comma and then two
    /// capitalised words follow it.
    fn role_of_the_name_after(&self, end: usize) -> bool {
        let tokens = self.tokens;
        let capitalised = |i: usize| tokens.get(i).is_some_and(|t| t.shape == Shape::Capitalized);
        capitalised(end + 1)
            && capitalised(end + 2)
            && self.gap(end, end + 1).trim() == ","
            && self.gap(end + 1, end + 2).trim().is_empty()
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

    /// A name alone on its line, followed by a short line naming a role:
    /// the byline block of a web page ("Martin Fornusek" / "Senior News
    /// Editor").
    fn line_byline(&self, first: usize, last: usize, found: &mut NameCues) {
        let text = self.text;
        let start = self.tokens[first].range().start;
        let end = self.tokens[last].range().end;
        // Both checks stop at the first non-blank character, so a long line
        // costs nothing.
        let alone_before = text[..start]
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .all(char::is_whitespace);
        let alone_after = text[end..]
            .chars()
            .take_while(|&c| c != '\n')
            .all(char::is_whitespace);
        if !alone_before || !alone_after {
            return;
        }
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let next_line = text[line_end..]
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        if next_line.chars().count() > 60 || next_line.ends_with('.') {
            return;
        }
        let role_line = next_line
            .split_whitespace()
            .any(|w| vocabulary::is_role_noun(&fold(w)) || vocabulary::is_title_word(&fold(w)));
        if role_line && next_line.chars().next().is_some_and(char::is_uppercase) {
            found.cues.strong = true;
            found.role.get_or_insert_with(|| next_line.to_string());
        }
    }
}
