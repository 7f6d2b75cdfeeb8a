//! The capitalised sequences of a text that may be names: runs of
//! capitalised words, with the particles ("bin Laden", "de la Cruz"),
//! connectors ("Secretary of State") and quoted nicknames ("William
//! \"Ryan\" Owens") that hold them together.

use super::{Candidate, Context, Region, Run, Shape, Tokens, is_space_gap, vocabulary};

impl Context<'_> {
    pub(super) fn gap(&self, left: usize, right: usize) -> &str {
        self.tokens.gap(left, right)
    }

    /// May this token take part in a capitalised sequence?
    pub(super) fn joins(&self, index: usize) -> bool {
        let token = &self.tokens[index];
        if self.opens_place(index) || self.month_as_surname(index) {
            return true;
        }
        match token.shape {
            Shape::Capitalized | Shape::Initial | Shape::AllCaps | Shape::ParticleHyphen => {
                !(vocabulary::is_stop_word(self.tokens.lower_of(token))
                    && token.shape != Shape::Initial
                    && !(token.shape == Shape::AllCaps
                        && vocabulary::geo_code(self.tokens.lower_of(token)).is_some()))
                    && !self.is_calendar(index)
                    && !(token.shape == Shape::Initial && self.tokens.lower_of(token) == "a")
                    && !(token.shape == Shape::Initial && self.tokens.lower_of(token) == "i")
            }
            _ => false,
        }
    }
}

/// Marks that open a nickname inside a name, and those that close it.
const NICKNAME_OPENERS: [char; 3] = ['"', '“', '\''];
const NICKNAME_CLOSERS: [char; 3] = ['"', '”', '\''];

impl Context<'_> {
    /// The name word after a one-word nickname in quote marks that follows
    /// token `before`, when there is one: "Chief William \"Ryan\" Owens",
    /// "Thomas 'Tip' O'Neill" are one name, not a name, a quote and a
    /// surname.
    fn after_nickname(&self, before: usize) -> Option<usize> {
        let (nickname, after) = (before + 1, before + 2);
        if after >= self.tokens.len() || self.tokens[nickname].possessive {
            return None;
        }
        (in_nickname_marks(self.tokens, nickname)
            && self.tokens[nickname].shape == Shape::Capitalized
            && self.joins(nickname)
            && self.joins(after))
        .then_some(after)
    }

    /// Where a run that starts at `index` begins once the lower-case
    /// particles right before it are taken in: "bin Laden", "de la Cruz",
    /// "van der Berg". Particles that are also common words ("do", "ten")
    /// never open a name.
    fn particles_before(&self, index: usize, regions: &[Region]) -> usize {
        let tokens = self.tokens;
        let mut first = index;
        while first > 0
            && index - first < 2
            && tokens[first - 1].shape == Shape::Lower
            && vocabulary::is_particle(tokens.lower(first - 1))
            && regions[first - 1] == regions[index]
            && is_space_gap(self.gap(first - 1, first))
        {
            first -= 1;
        }
        while first < index && !vocabulary::opens_surname(tokens.lower(first)) {
            first += 1;
        }
        first
    }
}

impl Candidate {
    /// The folded nickname a name holds in quote marks between its first
    /// and last words ("ryan" in `William "Ryan" Owens`): the name the
    /// article may call its holder by alone.
    pub fn nickname<'t>(&self, tokens: &'t Tokens) -> Option<&'t str> {
        (self.first_token + 1..self.last_token)
            .find(|&k| in_nickname_marks(tokens, k))
            .map(|k| tokens.lower(k))
    }
}

/// Does word `nickname` stand in quote marks between two words, a space
/// outside each mark (` "Ryan" `)? The caller ensures a word on each side.
fn in_nickname_marks(tokens: &Tokens, nickname: usize) -> bool {
    let opens = (tokens.gap(nickname - 1, nickname).strip_prefix(' '))
        .is_some_and(|mark| is_one_mark_of(mark, &NICKNAME_OPENERS));
    let closes = (tokens.gap(nickname, nickname + 1).strip_suffix(' '))
        .is_some_and(|mark| is_one_mark_of(mark, &NICKNAME_CLOSERS));
    opens && closes
}

pub(super) fn runs(context: &Context, regions: &[Region]) -> Vec<Run> {
    let tokens = context.tokens;
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !context.joins(i) {
            i += 1;
            continue;
        }
        let first = context.particles_before(i, regions);
        let mut last = i;
        while !tokens[last].possessive
            && last + 1 < tokens.len()
            && regions[last + 1] == regions[first]
        {
            let next = last + 1;
            if let Some(surname) = context.after_nickname(last) {
                last = surname;
                continue;
            }
            if !is_space_gap(context.gap(last, next)) {
                break;
            }
            if context.joins(next) {
                // "… to stop accommodating Trump Trump has also …": a
                // word written twice, the sentence break between them
                // lost, is two names; a given name may be both a given
                // name and a surname ("Abdullah Abdullah"), and so may an
                // East Asian family name ("Li Li").
                let lower = tokens.lower(next);
                if lower == tokens.lower(last)
                    && tokens[next].shape == Shape::Capitalized
                    && !vocabulary::is_any_given_name(lower)
                    && !vocabulary::is_east_asian_family_name(lower)
                {
                    break;
                }
                last = next;
                continue;
            }
            // Connectors: "Secretary of State", "Chancellor of the
            // Exchequer", "Mohammed bin Salman".
            let lower = tokens.lower(next);
            let after_title = vocabulary::is_title_word(tokens.lower(last));
            let connector = if lower == "of" && after_title {
                if tokens
                    .get(next + 1)
                    .is_some_and(|t| tokens.lower_of(t) == "the")
                {
                    2
                } else {
                    1
                }
            } else if vocabulary::is_particle(lower) && tokens[next].shape == Shape::Lower {
                // "de la Rua", "van der Berg": two particles in a row.
                let second = tokens.get(next + 1).is_some_and(|t| {
                    t.shape == Shape::Lower && vocabulary::is_particle(tokens.lower_of(t))
                });
                if second { 2 } else { 1 }
            } else {
                0
            };
            let resume = next + connector;
            if connector > 0
                && resume < tokens.len()
                && (next..resume).all(|k| is_space_gap(context.gap(k, k + 1)))
                && context.joins(resume)
                && (lower != "of" || vocabulary::is_title_word(tokens.lower(resume)))
            {
                last = resume;
                continue;
            }
            break;
        }
        runs.push(Run {
            first,
            last,
            region: regions[first],
        });
        i = last + 1;
    }
    runs
}

/// Is `text` a single character, one of `marks`?
fn is_one_mark_of(text: &str, marks: &[char]) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| marks.contains(&c)) && chars.next().is_none()
}
