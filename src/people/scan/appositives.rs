//! Appositives around a candidate name: a description set off by commas
//! before it ("the Israeli Foreign Minister, Shimon Peres,") or after it
//! ("Gregory Pike, a commodities analyst"), and the role it gives.

use super::{Context, NameCues, Shape, is_space_gap};
use crate::people::vocabulary;

impl Context<'_> {
    /// A role between commas before the name: "Her younger brother, Tomasz
    /// Kowalczyk, runs …", "the Israeli Foreign Minister, Shimon Peres,
    /// …"; or, ending the sentence, a role noun or title right before the
    /// comma: "in favour of his former foreign minister, Patterson Oti."
    pub(super) fn appositive_before(
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
            // "The 12-year-old girl, Kanari Bowers, was wounded": a noun for
            // a person at the comma marks a person, but gives no role.
            if tokens[prev].shape == Shape::Lower
                && !tokens[prev].possessive
                && vocabulary::is_person_noun(tokens.lower(prev))
            {
                found.cues.strong = true;
            }
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

    /// An appositive after the name: "Trudeau, Canada's Prime Minister",
    /// "Gregory Pike, a commodities analyst", "Su, who became chief
    /// executive".
    pub(super) fn appositive_after(&self, last: usize, found: &mut NameCues) {
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
        // "Behrouz Boochani, an Iranian refugee": a noun for a person in
        // an indefinite appositive is as good as a role.
        let indefinite = matches!(tokens.lower(last + 1), "a" | "an");
        let role_word = phrase.clone().find(|&i| {
            let word = tokens.lower(i);
            vocabulary::is_role_noun(word)
                || vocabulary::is_title_head(word)
                || (indefinite && vocabulary::is_person_noun(word))
        });
        let Some(role_index) = role_word else {
            return;
        };
        // "Moreover, the official is …": the role word is a clause's
        // subject; "the player the Briton had lost to" still a role.
        let subject_of_a_clause = (last + 1..=(role_index + 1).min(end))
            .any(|i| vocabulary::is_auxiliary_verb(tokens.lower(i)));
        // "The Bishop of Croydon, the Rt Revd Jonathan Clark": a title and
        // the name it heads are an appositive of their own.
        let titled_name = end >= role_index + 2
            && (role_index + 1..=end).all(|i| tokens[i].shape == Shape::Capitalized)
            && (role_index + 1..=end)
                .filter(|&i| !vocabulary::is_title_word(tokens.lower(i)))
                .count()
                >= 2;
        if verbish
            || subject_of_a_clause
            || titled_name
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
}
