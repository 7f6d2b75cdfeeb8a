//! What each word of a capitalised run is to the name scanner: a title
//! (with the tails of a rank), a place, an abbreviation or initials, a
//! particle, a connector or a name word; and whether it is a date's.

use super::tokens::Shape;
use super::{Context, is_regnal_number, is_space_gap};
use crate::people::vocabulary;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Title,
    Geo,
    Abbreviation,
    Connector,
    Particle,
    Name,
}

impl Context<'_> {
    pub(super) fn class(&self, index: usize) -> Class {
        let token = &self.tokens[index];
        let lower = self.tokens.lower_of(token);
        if token.shape == Shape::Lower {
            return if vocabulary::is_particle(lower) {
                Class::Particle
            } else {
                Class::Connector
            };
        }
        if (vocabulary::is_title_word(lower) || vocabulary::is_party_label(lower))
            && token.shape != Shape::Initial
            && !self.is_surname_after_given_name(index)
        {
            return Class::Title;
        }
        if vocabulary::is_title_tail(lower) && self.continues_title(index) {
            return Class::Title;
        }
        if vocabulary::geo_code(lower).is_some() {
            return Class::Geo;
        }
        // "Elizabeth II": a regnal number after a name is part of it.
        if token.shape == Shape::AllCaps
            && is_regnal_number(lower)
            && index > 0
            && self.tokens[index - 1].shape == Shape::Capitalized
            && is_space_gap(self.gap(index - 1, index))
        {
            return Class::Name;
        }
        if token.shape == Shape::AllCaps && (lower.contains('.') || lower.chars().count() <= 2) {
            return if self.are_initials(index) {
                Class::Name
            } else {
                Class::Abbreviation
            };
        }
        Class::Name
    }

    /// "BJ Harrington", "LK Advani": two capitals that open a run (or follow
    /// a title, "Cdr BJ Harrington") before a name word are initials, unless they are a known abbreviation ("US",
    /// "UN", "AP", "MP").
    pub(super) fn are_initials(&self, index: usize) -> bool {
        let tokens = self.tokens;
        let lower = tokens.lower(index);
        let opens_run = index == 0
            || tokens[index - 1].shape == Shape::Lower
            || !is_space_gap(self.gap(index - 1, index))
            || vocabulary::is_title_word(tokens.lower(index - 1));
        opens_run
            && lower.len() == 2
            && lower.chars().all(|c| c.is_ascii_alphabetic())
            && vocabulary::geo_code(lower).is_none()
            && !vocabulary::is_non_person_word(lower)
            && !vocabulary::is_outlet(lower)
            && !vocabulary::is_title_word(lower)
            && !vocabulary::is_role_noun(lower)
            && !vocabulary::is_postnominal(lower)
            && !vocabulary::is_stop_word(lower)
            && tokens.get(index + 1).is_some_and(|next| {
                next.shape == Shape::Capitalized
                    && is_space_gap(self.gap(index, index + 1))
                    && vocabulary::may_stand_in_name(tokens.lower_of(next))
            })
    }

    /// A weekday, or a month written as a date ("May 3", "in May").
    pub(super) fn is_calendar(&self, index: usize) -> bool {
        let token = &self.tokens[index];
        if vocabulary::is_weekday(self.tokens.lower_of(token)) {
            return !self.opens_east_asian_name(index);
        }
        if !vocabulary::is_month(self.tokens.lower_of(token)) {
            return false;
        }
        // "May" is a name as often as a month; a date needs a number or a
        // preposition next to it.
        let next_numeric = self
            .tokens
            .get(index + 1)
            .is_some_and(|t| t.shape == Shape::Numeric);
        let prev_dating = index > 0
            && (self.tokens[index - 1].shape == Shape::Numeric
                || vocabulary::is_date_preposition(self.tokens.lower(index - 1)));
        next_numeric || prev_dating || self.tokens.lower_of(token).ends_with('.')
    }

    /// "Sun Hongli", not "Sun" for Sunday: a family name of China, Korea
    /// or Vietnam at `index`, the next word a given name after it.
    fn opens_east_asian_name(&self, index: usize) -> bool {
        let tokens = self.tokens;
        tokens.get(index + 1).is_some_and(|next| {
            next.shape == Shape::Capitalized
                && is_space_gap(self.gap(index, index + 1))
                && vocabulary::is_east_asian_name(&[tokens.lower(index), tokens.lower_of(next)])
        })
    }

    /// "Sergeant First Class": the words before `index`, back to a title
    /// word, are title tails, each one space after the last.
    fn continues_title(&self, index: usize) -> bool {
        let tokens = self.tokens;
        let mut at = index;
        while at > 0 && is_space_gap(self.gap(at - 1, at)) {
            at -= 1;
            let token = &tokens[at];
            let lower = tokens.lower_of(token);
            if token.shape == Shape::Lower {
                return false;
            }
            if vocabulary::is_title_word(lower) {
                return true;
            }
            if !vocabulary::is_title_tail(lower) {
                return false;
            }
        }
        false
    }

    /// "John Major", "Frank Farmer", "Dr Aamer Sultan": a title word right
    /// after a census given name, or after a name an honorific opens,
    /// ending the run, is a surname; so is the same word after "Mr" in a
    /// text that writes it so ("Mr Farmer", "Dr Sultan").
    fn is_surname_after_given_name(&self, index: usize) -> bool {
        let tokens = self.tokens;
        let ends_run = |i: usize| {
            tokens
                .get(i + 1)
                .is_none_or(|next| next.shape == Shape::Lower || !is_space_gap(self.gap(i, i + 1)))
        };
        // After a census given name, or after any name word that an
        // honorific opens ("Dr Aamer Sultan").
        let after_given = |i: usize| {
            i > 0
                && ends_run(i)
                && tokens[i - 1].shape == Shape::Capitalized
                && (vocabulary::is_given_name(tokens.lower(i - 1))
                    || (i > 1
                        && self.after_honorific(i - 1)
                        && !vocabulary::is_title_word(tokens.lower(i - 1))))
                && is_space_gap(self.gap(i - 1, i))
        };
        if after_given(index) {
            return true;
        }
        let after_honorific = ends_run(index) && self.after_honorific(index);
        if !after_honorific {
            return false;
        }
        let word = tokens.lower(index);
        // The words the text writes after a given name, gathered once per
        // text on first need, so that the scan stays linear.
        let titled_surnames = self.titled_surnames.get_or_init(|| {
            (1..tokens.len())
                .filter(|&i| vocabulary::is_title_word(tokens.lower(i)) && after_given(i))
                .map(|i| tokens.lower(i))
                .collect()
        });
        titled_surnames.contains(word)
    }

    /// Whether the text writes `word` (folded) right after an honorific
    /// somewhere ("Mr Peel").
    pub(super) fn is_honorific_surname(&self, word: &str) -> bool {
        let tokens = self.tokens;
        let surnames = self.honorific_surnames.get_or_init(|| {
            (1..tokens.len())
                .filter(|&i| tokens[i].shape == Shape::Capitalized && self.after_honorific(i))
                .map(|i| tokens.lower(i))
                .collect()
        });
        surnames.contains(word)
    }

    /// Whether the text writes `word` (folded) as the name of a firm
    /// somewhere ("Phillips Petroleum", "Ford Motor"): then the word alone
    /// is the firm.
    pub(super) fn names_a_firm(&self, word: &str) -> bool {
        let tokens = self.tokens;
        let firms = self.firm_names.get_or_init(|| {
            (1..tokens.len())
                .filter(|&i| {
                    tokens[i].shape == Shape::Capitalized
                        && tokens[i - 1].shape == Shape::Capitalized
                        && !tokens[i - 1].possessive
                        && vocabulary::is_company_word(tokens.lower(i))
                        && is_space_gap(self.gap(i - 1, i))
                })
                .map(|i| tokens.lower(i - 1))
                .collect()
        });
        firms.contains(word)
    }

    /// Whether the text gives `word` (folded) to an animal somewhere: right
    /// after a noun for one ("another cat, Stiven", "stray Pooh", "cats
    /// including Stiven") or before one ("Pooh the cat", "Stiven, a cat").
    pub(super) fn names_an_animal(&self, word: &str) -> bool {
        let tokens = self.tokens;
        let animal = |k: usize| {
            tokens[k].shape == Shape::Lower && vocabulary::is_animal_noun(tokens.lower(k))
        };
        let names = self.animal_names.get_or_init(|| {
            (0..tokens.len())
                .filter(|&i| tokens[i].shape == Shape::Capitalized)
                .filter(|&i| {
                    let after_animal = (i.checked_sub(1)).is_some_and(|k| {
                        let gap = self.gap(k, i).trim();
                        (animal(k) && (gap.is_empty() || gap == ","))
                            || (tokens.lower(k) == "including" && k > 0 && animal(k - 1))
                    });
                    let before_animal = i + 2 < tokens.len()
                        && matches!(tokens.lower(i + 1), "the" | "a" | "an")
                        && animal(i + 2)
                        && matches!(self.gap(i, i + 1).trim(), "" | ",");
                    after_animal || before_animal
                })
                .map(|i| tokens.lower(i))
                .collect()
        });
        names.contains(word)
    }

    /// "the lower Hunter", "the upper Murray": a lone word after "the" and
    /// a place prefix in lower case is a region.
    pub(super) fn is_region_after_prefix(&self, index: usize) -> bool {
        let tokens = self.tokens;
        index >= 2
            && tokens[index - 1].shape == Shape::Lower
            && vocabulary::is_place_prefix(tokens.lower(index - 1))
            && vocabulary::is_determiner(tokens.lower(index - 2))
            && is_space_gap(self.gap(index - 2, index - 1))
            && is_space_gap(self.gap(index - 1, index))
    }

    /// "the Archbishop of Canterbury said", "the Duke of Westminster": a
    /// lone word after a capitalised title and "of" is the title's see or
    /// state; the one who holds it goes unnamed.
    pub(super) fn is_see_of_a_title(&self, index: usize) -> bool {
        let tokens = self.tokens;
        index >= 2
            && tokens[index - 1].shape == Shape::Lower
            && tokens.lower(index - 1) == "of"
            && tokens[index - 2].shape == Shape::Capitalized
            && vocabulary::is_title_word(tokens.lower(index - 2))
            && is_space_gap(self.gap(index - 2, index - 1))
            && is_space_gap(self.gap(index - 1, index))
    }

    /// Whether an honorific ("Mr", "Dr") stands just before word `index`.
    pub(super) fn after_honorific(&self, index: usize) -> bool {
        index > 0
            && vocabulary::is_honorific(self.tokens.lower(index - 1))
            && is_space_gap(self.gap(index - 1, index))
    }

    /// Whether word `index` goes on the capitalised name of a body after
    /// "of", "for" or "on" ("the Syrian Observatory for Human Rights",
    /// "the European Court of Human Rights"): the rest of that name, not a
    /// person's. After "on" only a body's own word heads it ("the
    /// Committee on Foreign Affairs"), since a headline writes "Yanis
    /// Varoufakis on Jeremy Corbyn".
    pub(super) fn goes_on_a_body_name(&self, index: usize) -> bool {
        let tokens = self.tokens;
        let Some(head) = index.checked_sub(2) else {
            return false;
        };
        let link = index - 1;
        let links = match tokens.lower(link) {
            "of" | "for" => true,
            "on" => vocabulary::is_non_person_word(tokens.lower(head)),
            _ => false,
        };
        links
            && tokens[link].shape == Shape::Lower
            && matches!(tokens[head].shape, Shape::Capitalized | Shape::AllCaps)
            && !tokens[head].sentence_initial
            && self.links_a_name_word(link)
            && is_space_gap(self.gap(link, index))
    }

    /// Does the word at `link` follow, after a space, a word of a name that
    /// is no title and owns no possessive ("Des Crinion of", "the
    /// Observatory for")? Each caller says which links and shapes count.
    pub(super) fn links_a_name_word(&self, link: usize) -> bool {
        let tokens = self.tokens;
        link > 0
            && !tokens[link - 1].possessive
            && !vocabulary::is_title_word(tokens.lower(link - 1))
            && is_space_gap(self.gap(link - 1, link))
    }

    /// A capitalised place prefix that is otherwise never part of a name
    /// ("New"), opening a place with the next word: "New South Wales",
    /// "New Zealand". It joins the run, so that the role it opens reads
    /// "New South Wales Premier", not "South Wales Premier".
    pub(super) fn opens_place(&self, index: usize) -> bool {
        let tokens = self.tokens;
        let lower = tokens.lower(index);
        let Some(next) = tokens.get(index + 1) else {
            return false;
        };
        let next_lower = tokens.lower(index + 1);
        tokens[index].shape == Shape::Capitalized
            && vocabulary::is_stop_word(lower)
            && vocabulary::is_place_prefix(lower)
            && next.shape == Shape::Capitalized
            && is_space_gap(self.gap(index, index + 1))
            && (vocabulary::is_place_prefix(next_lower)
                || vocabulary::is_place(next_lower)
                || vocabulary::is_named_place_or_organisation(&[lower, next_lower]))
    }

    /// "Theresa May", "Mrs May": a month that is also a common word, written
    /// as a surname right after a given name or an honorific, or alone
    /// before a said-verb in a text that writes it so elsewhere; never as a
    /// date ("May 3").
    pub(super) fn month_as_surname(&self, index: usize) -> bool {
        let tokens = self.tokens;
        let lower = tokens.lower(index);
        let month = tokens[index].shape == Shape::Capitalized
            && vocabulary::is_month(lower)
            && vocabulary::is_stop_word(lower)
            && !tokens
                .get(index + 1)
                .is_some_and(|next| next.shape == Shape::Numeric);
        if !month {
            return false;
        }
        if self.month_after_name_opener(index) {
            return true;
        }
        // Alone, before a said-verb or an auxiliary, in a text that writes
        // it as a surname elsewhere: "Theresa May … May said", "May has
        // insisted". The months that do so are gathered once per text.
        let verb_follows = tokens.get(index + 1).is_some_and(|next| {
            let word = tokens.lower_of(next);
            next.shape == Shape::Lower
                && is_space_gap(self.gap(index, index + 1))
                && (vocabulary::is_speech_verb(word) || vocabulary::is_auxiliary_verb(word))
        });
        verb_follows
            && self
                .month_surnames
                .get_or_init(|| {
                    (1..tokens.len())
                        .filter(|&i| {
                            vocabulary::is_month(tokens.lower(i)) && self.month_after_name_opener(i)
                        })
                        .map(|i| tokens.lower(i))
                        .collect()
                })
                .contains(lower)
    }

    /// Is the month word at `index` a surname by the word before it, a
    /// given name or an honorific ("Theresa May", "Mrs May")?
    fn month_after_name_opener(&self, index: usize) -> bool {
        let tokens = self.tokens;
        index > 0
            && tokens[index].shape == Shape::Capitalized
            && tokens[index - 1].shape == Shape::Capitalized
            && is_space_gap(self.gap(index - 1, index))
            && (vocabulary::is_given_name(tokens.lower(index - 1))
                || vocabulary::is_honorific(tokens.lower(index - 1)))
    }

    /// Right after "Dr", "Doctor" or "Professor"?
    pub(super) fn after_academic_title(&self, index: usize) -> bool {
        index > 0
            && vocabulary::is_academic_title(self.tokens.lower(index - 1))
            && is_space_gap(self.gap(index - 1, index))
    }
}
