//! What one passage says of a claim's event: each event word as the claim
//! states it, denied ("is not calling for"), opposite ("fell" for "rose")
//! or hedged ("reportedly"), and who does what to whom around its verb.
//! `windows` chooses the passage; this reads it.

use std::ops::Range;

use super::lexicon::LEXICON;
use super::matching::Hit;
use super::polarity::{self, Reading, Token};
use super::shape::{ClaimShape, Roles, Side, Verb, passive_at, passive_form};
use super::speakers;
use super::{Contradiction, Verdict};
use crate::claims::content_terms::is_content;
use crate::dates;
use crate::text::normalize::is_stopword;

/// Most tokens between the verb and a side of it, for roles.
const ROLE_REACH: usize = 12;

/// A passage read for polarity and roles.
pub struct Stances<'w> {
    pub shape: &'w ClaimShape,
    /// The claim's terms that state its event, read for polarity.
    pub events: Vec<usize>,
    pub tokens: &'w [Token<'w>],
    pub reading: &'w Reading,
    /// The claim's terms the passage mentions.
    pub hits: &'w [Hit],
    /// The article's index of the passage's first word.
    pub first_word: usize,
}

/// How the passage states one event term of the claim.
enum Stance {
    Absent,
    /// As the claim does; whether through a negation or opposite, and the
    /// hedge on it, if every mention is hedged.
    Agrees {
        scoped: bool,
        hedge: Option<Range<usize>>,
    },
    /// Otherwise: the cue, a token range.
    Conflicts {
        cue: Range<usize>,
        how: Contradiction,
    },
}

impl Stances<'_> {
    pub fn verdict(&self) -> Verdict {
        let mut conflicts: Vec<(Range<usize>, Contradiction)> = Vec::new();
        let mut scoped_agreements = 0;
        let mut hedges: Vec<Option<Range<usize>>> = Vec::new();
        for &t in &self.events {
            match self.stance(t) {
                Stance::Absent => {}
                Stance::Agrees { scoped, hedge } => {
                    scoped_agreements += usize::from(scoped);
                    hedges.push(hedge);
                }
                Stance::Conflicts { cue, how } => conflicts.push((cue, how)),
            }
        }
        if let Some((cue, how)) = conflicts.first()
            && conflicts.len() > scoped_agreements
        {
            return Verdict::Contradicted {
                cue: self.bytes(cue.clone()),
                how: *how,
            };
        }
        if let Some(cue) = self.swapped_roles() {
            return Verdict::Contradicted {
                cue: self.bytes(cue),
                how: Contradiction::Roles,
            };
        }
        if self.another_agent() {
            return Verdict::Unsupported;
        }
        if let Some(speaker) = speakers::said_by_another(self) {
            return Verdict::SaidByAnother {
                cue: self.bytes(speaker),
            };
        }
        if !self.shape.hedged
            && !hedges.is_empty()
            && let Some(Some(cue)) = hedges.iter().find(|h| h.is_some()).cloned()
            && hedges.iter().all(Option::is_some)
        {
            return Verdict::Hedged {
                cue: self.bytes(cue),
            };
        }
        Verdict::Supported
    }

    /// Where every mention of term `t` here is what a negator denies first
    /// (and there is one), the article's words that deny it.
    pub fn denies(&self, t: usize) -> Option<Range<usize>> {
        let mut cue = None;
        for hit in self.hits.iter().filter(|h| h.term == t && !h.opposed) {
            let k = hit.word - self.first_word;
            let denier = self.reading.denied[k]
                .clone()
                .filter(|_| self.reading.heads[k])?;
            cue.get_or_insert(polarity::cue_phrase(self.tokens, denier));
        }
        cue.map(|c| self.bytes(c))
    }

    /// Byte range in the article of tokens `range`.
    fn bytes(&self, range: Range<usize>) -> Range<usize> {
        let first = &self.tokens[range.start];
        let last = &self.tokens[range.end.max(range.start + 1) - 1];
        first.range.start..last.range.end
    }

    fn stance(&self, t: usize) -> Stance {
        let term = &self.shape.terms[t];
        let mut conflict: Option<(Range<usize>, Contradiction)> = None;
        let mut agreed: Option<(bool, Option<Range<usize>>)> = None;
        // Whether a mention that agrees, and one that conflicts, has the
        // claim's object after it in its clause.
        let object = self.object_of(t);
        let mut agreed_on_object = false;
        let mut conflict_on_object: Option<(Range<usize>, Contradiction)> = None;
        let mut neutral: Option<Option<Range<usize>>> = None;
        // In the clause that names the claim's subject, when it mentions
        // the word ("The union has been critical of the report, saying
        // DFAT is encouraging …").
        let mentions: Vec<&Hit> = self.hits.iter().filter(|h| h.term == t).collect();
        let clause = self.subject_clause();
        let near: Vec<&Hit> = (mentions.iter().copied())
            .filter(|h| clause.contains(&(h.word - self.first_word)))
            .collect();
        // Outside that clause, a clause about someone else the claim does
        // not name ("South Australia recorded three deaths, while Tasmania
        // remains fatality free") neither agrees nor disagrees.
        let elsewhere = near.is_empty() && !clause.is_empty();
        let mentions = if near.is_empty() {
            mentions
        } else {
            // A clause of the same subject joined to it ("refused bail, but
            // left open his release") is the subject's too, when it holds
            // what the claim's verb acts on.
            let object = self.object_of(t);
            (mentions.iter().copied())
                .filter(|h| {
                    let k = h.word - self.first_word;
                    clause.contains(&k)
                        || (k > clause.end
                            && object.is_some_and(|o| self.follows_in_clause(o, k))
                            && !self.names_another(k))
                })
                .collect()
        };
        for hit in mentions {
            if elsewhere && self.names_another(hit.word - self.first_word) {
                continue;
            }
            let k = hit.word - self.first_word;
            let mut opposed = hit.opposed;
            if opposed && LEXICON.is_converse(&term.senses, self.tokens[k].word) {
                // The other side of one event: read by who stands where.
                match self.converse_reversed(t, k) {
                    Some(reversed) => opposed = !reversed,
                    None => {
                        neutral.get_or_insert(self.reading.hedged[k].clone());
                        continue;
                    }
                }
            }
            let mut denied = &self.reading.denied[k];
            let mut claim_denied = term.denied;
            // Polarity is compared only where a negator's head is: words
            // further in its reach may lie outside what it denies, and
            // neither agree nor disagree.
            if term.mixed || !(term.denial_head || self.reading.heads[k]) {
                if (denied.is_some() || claim_denied) && !opposed {
                    neutral.get_or_insert(self.reading.hedged[k].clone());
                    continue;
                }
                denied = &None;
                claim_denied = false;
            }
            let agrees = (denied.is_some() == claim_denied) != opposed;
            let on_object = object.is_some_and(|o| self.follows_in_clause(o, k));
            if agrees {
                agreed_on_object |= on_object;
                let scoped = denied.is_some() || claim_denied || opposed;
                let hedge = self.reading.hedged[k].clone();
                agreed = match agreed {
                    // One firm mention is enough.
                    Some((s, h)) => Some((s || scoped, h.and(hedge))),
                    None => Some((scoped, hedge)),
                };
            } else if conflict.is_none() || (on_object && conflict_on_object.is_none()) {
                let differs = denied.is_some() != claim_denied;
                let found = match (differs, denied) {
                    (true, Some(cue)) => (
                        polarity::cue_phrase(self.tokens, cue.clone()),
                        Contradiction::Denied,
                    ),
                    (true, None) => (self.word_phrase(k), Contradiction::Denied),
                    (false, _) => (self.word_phrase(k), Contradiction::Opposite),
                };
                if on_object {
                    conflict_on_object = Some(found.clone());
                }
                conflict.get_or_insert(found);
            }
        }
        // Of two mentions, the one whose clause holds what the claim's verb
        // acts on is the claim's ("refused bail for Reid, but left open the
        // possibility of his release" for "ruled out his release").
        if let (true, Some((cue, how)), false) =
            (agreed.is_some(), &conflict_on_object, agreed_on_object)
        {
            return Stance::Conflicts {
                cue: cue.clone(),
                how: *how,
            };
        }
        match (agreed, conflict, neutral) {
            (Some((scoped, hedge)), _, _) => Stance::Agrees { scoped, hedge },
            (None, Some((cue, how)), _) => Stance::Conflicts { cue, how },
            (None, None, Some(hedge)) => Stance::Agrees {
                scoped: false,
                hedge,
            },
            (None, None, None) => Stance::Absent,
        }
    }

    /// What the claim's term `t` acts on: the first word of the event
    /// after it in the claim, when `t` is a verb with one.
    fn object_of(&self, t: usize) -> Option<usize> {
        let position = self.shape.terms[t].position;
        self.shape
            .events()
            .filter(|&o| self.shape.terms[o].position > position)
            .min_by_key(|&o| self.shape.terms[o].position)
    }

    /// Whether the passage mentions term `o` after token `k` within its
    /// clause.
    fn follows_in_clause(&self, o: usize, k: usize) -> bool {
        let end = (k + 1..self.tokens.len())
            .find(|&j| self.tokens[j].boundary_before)
            .unwrap_or(self.tokens.len());
        (self.hits.iter()).any(|h| {
            h.term == o && !h.opposed && (k + 1..end).contains(&(h.word - self.first_word))
        })
    }

    /// The tokens of the clause that names the claim's first name, if the
    /// passage names it; none else.
    fn subject_clause(&self) -> Range<usize> {
        let Some(subject) = self.shape.entities.first() else {
            return 0..0;
        };
        let named = (self.hits.iter())
            .find(|h| self.shape.terms[h.term].entity.is_some() && subject.terms.contains(&h.term))
            .map(|h| h.word - self.first_word);
        let Some(at) = named else {
            return 0..0;
        };
        let start = (0..=at)
            .rev()
            .find(|&j| self.tokens[j].boundary_before)
            .unwrap_or(0);
        let end = (at + 1..self.tokens.len())
            .find(|&j| self.tokens[j].boundary_before)
            .unwrap_or(self.tokens.len());
        start..end
    }

    /// Whether the clause holding token `k` names someone the claim does
    /// not: a capitalised word inside the sentence that is no claim term,
    /// month or place.
    fn names_another(&self, k: usize) -> bool {
        let start = (0..=k)
            .rev()
            .find(|&j| self.tokens[j].boundary_before)
            .unwrap_or(0);
        let end = (k + 1..self.tokens.len())
            .find(|&j| self.tokens[j].boundary_before)
            .unwrap_or(self.tokens.len());
        (start..end).any(|j| {
            let token = &self.tokens[j];
            // Months and places are not someone ("after the September 11
            // attacks in the US").
            token.capitalised
                && !token.boundary_before
                && !LEXICON.is_title(token.word)
                && dates::month_number(token.word).is_none()
                && !self.at_place(j)
                && !(self.hits.iter()).any(|h| h.word - self.first_word == j)
        })
    }

    /// Token `k` with an auxiliary before it ("was criticised") and its
    /// particle after it.
    fn word_phrase(&self, k: usize) -> Range<usize> {
        let before = k
            .checked_sub(1)
            .filter(|&b| !self.tokens[k].boundary_before && is_auxiliary(self.tokens[b].word));
        // A verb's particle is part of it ("left open").
        let particle = (self.tokens.get(k + 1))
            .filter(|next| !next.boundary_before)
            .is_some_and(|next| LEXICON.phrasal(self.tokens[k].word, next.word).is_some());
        before.unwrap_or(k)..k + 1 + usize::from(particle)
    }

    /// For a word at token `k` stating the converse of the claim's term `t`
    /// ("victory" for "lost"): whether the passage names the claim's sides
    /// of it the other way round ("the US scored a victory over France" for
    /// "France lost to the US"), or the same way; `None` when its clause
    /// names neither where a side stands.
    fn converse_reversed(&self, t: usize, k: usize) -> Option<bool> {
        let (agent, patient) = self.claim_sides(t)?;
        // Only names are sides here: the contest itself may stand on either
        // side ("Labor lost the election to the Coalition").
        let named = |side: Side| matches!(side, Side::Entity(_)).then(|| self.group(side));
        let (agent, patient) = (agent.and_then(named), patient.and_then(named));
        let side_at = |j: usize| -> Option<Side> {
            (self.hits.iter())
                .filter(|h| h.word - self.first_word == j && !h.opposed && h.term != t)
                .filter_map(|h| named(self.shape.side(h.term)))
                .find(|side| Some(*side) == agent || Some(*side) == patient)
        };
        let before = (0..k)
            .rev()
            .take_while(|&j| !self.tokens[j + 1].boundary_before || self.is_clause_word(j + 1))
            .find_map(|j| Some((j, side_at(j)?)));
        let after = (k + 1..self.tokens.len())
            .take_while(|&j| !self.tokens[j].boundary_before)
            .find_map(|j| Some((j, side_at(j)?)));
        let by = after.is_some_and(|(a, _)| passive_at(self.tokens, k, a));
        let after = after.filter(|(a, _)| !self.at_place(*a));
        let apposed = after.is_some_and(|(a, _)| self.apposed(k, a));
        let (doer, done_to) = if before.is_none() && self.opens_clause_of_time(k) {
            // "After leading …, Kontrol crossed": the main clause's subject
            // led.
            let subject = (k + 1..self.tokens.len().min(k + ROLE_REACH)).find_map(side_at);
            (subject, None)
        } else if by || apposed {
            (after.map(|s| s.1), before.map(|s| s.1))
        } else if passive_form(self.tokens, k) {
            (None, before.map(|s| s.1))
        } else {
            (before.map(|s| s.1), after.map(|s| s.1))
        };
        let same = (doer.is_some() && doer == agent) || (done_to.is_some() && done_to == patient);
        let other = (doer.is_some() && doer == patient) || (done_to.is_some() && done_to == agent);
        match (same, other) {
            (true, false) => Some(false),
            (false, true) => Some(true),
            _ => None,
        }
    }

    /// Whether token `k`, a verb in -ing, opens the passage after a word
    /// of time ("After leading …").
    fn opens_clause_of_time(&self, k: usize) -> bool {
        k >= 1
            && self.tokens[k].word.ends_with("ing")
            && self.tokens[k - 1].boundary_before
            && LEXICON.is_temporal_opener(self.tokens[k - 1].word)
    }

    /// The claim's sides of its term `t`: who acts and whom it acts on, by
    /// its roles, else its first name before the term as the one who acts.
    fn claim_sides(&self, t: usize) -> Option<(Option<Side>, Option<Side>)> {
        let roles = (self.shape.roles.iter()).find(|r| r.verb == Verb::Term(t));
        if let Some(roles) = roles {
            return Some((Some(roles.agent), Some(roles.patient)));
        }
        let position = self.shape.terms[t].position;
        let subject = (self.shape.entities.iter().enumerate())
            .find(|(_, e)| !e.place && self.shape.terms[e.terms[0]].position < position)
            .map(|(e, _)| Side::Entity(e))?;
        Some((Some(subject), None))
    }

    /// When the passage names the claim's two sides of its verb the other
    /// way round, the tokens from one side to the other.
    fn swapped_roles(&self) -> Option<Range<usize>> {
        self.shape
            .roles
            .iter()
            .find_map(|roles| self.swapped(roles))
    }

    fn swapped(&self, roles: &Roles) -> Option<Range<usize>> {
        let roles = &Roles {
            agent: self.group(roles.agent),
            patient: self.group(roles.patient),
            ..*roles
        };
        let side_at = |k: usize| -> Option<Side> {
            (self.hits.iter())
                .filter(|h| h.word - self.first_word == k && !h.opposed)
                .filter(|h| roles.verb != Verb::Term(h.term))
                .map(|h| self.group(self.shape.side(h.term)))
                .find(|side| *side == roles.agent || *side == roles.patient)
        };
        let reach = if roles.names_only {
            self.tokens.len()
        } else {
            ROLE_REACH
        };
        // Within the clause, back across a clause word ("his crew when they
        // were attacked"), not across punctuation; names anywhere in the
        // sentence.
        let open = |j: usize| {
            roles.names_only || !self.tokens[j].boundary_before || self.is_clause_word(j)
        };
        for k in self.verb_positions(roles) {
            let before = (k.saturating_sub(reach)..k)
                .rev()
                .take_while(|&j| open(j + 1))
                .find_map(|j| Some((j, side_at(j)?)));
            let after = (k + 1..(k + reach).min(self.tokens.len()))
                .take_while(|&j| roles.names_only || !self.tokens[j].boundary_before)
                .find_map(|j| Some((j, side_at(j)?)));
            let (Some((b, first)), Some((a, second))) = (before, after) else {
                continue;
            };
            let by = passive_at(self.tokens, k, a);
            // A passive that names no agent ("midwives have been suspended
            // at Wollongong Hospital"), or a place after the verb: the
            // passage does not say who acted.
            if (!by && passive_form(self.tokens, k)) || self.at_place(a) {
                continue;
            }
            let (agent, patient) = if by || self.apposed(k, a) {
                (second, first)
            } else {
                (first, second)
            };
            if agent == roles.patient && patient == roles.agent {
                return Some(b..a + 1);
            }
        }
        None
    }

    /// Whether the word at token `k` is an agent noun describing the name
    /// that follows it up to token `a` ("America's Cup winner Sir Peter
    /// Blake"): the name is who acts, the words before it what was acted
    /// on.
    fn apposed(&self, k: usize, a: usize) -> bool {
        let word = self.tokens[k].word;
        (word.ends_with("er") || word.ends_with("or"))
            && (k + 1..=a).all(|j| self.tokens[j].capitalised && !self.tokens[j].boundary_before)
    }

    /// The side `side` takes with the names joined to it by "and":
    /// "Hingis and Federer" are one side, named by the first.
    fn group(&self, side: Side) -> Side {
        let Side::Entity(mut e) = side else {
            return side;
        };
        while e > 0 && self.shape.entities[e].coordinated {
            e -= 1;
        }
        Side::Entity(e)
    }

    /// Whether the word at token `j` is named as a place ("at Wollongong
    /// Hospital", "in the South African squad").
    fn at_place(&self, j: usize) -> bool {
        let before = |back: usize| j.checked_sub(back).map(|b| self.tokens[b].word);
        let article = matches!(before(1), Some("the" | "a" | "an"));
        let place = |word: &str| LEXICON.is_place_preposition(word);
        before(1).is_some_and(place) || (article && before(2).is_some_and(place))
    }

    /// Whether the passage has someone else do what the claim's agent
    /// does: the agent is nowhere in it, and a word of its own stands
    /// right before the verb ("Members of the public found the boy" for
    /// "Police found the boy").
    fn another_agent(&self) -> bool {
        // The claim's first verb, with its subject, the first word of the
        // claim, as agent: roles further on are read less surely.
        let subject = (0..self.shape.terms.len())
            .filter(|&t| !self.shape.terms[t].number)
            .min_by_key(|&t| self.shape.terms[t].position)
            .map(|t| self.shape.side(t));
        let first = self.shape.roles.iter().find(|r| !r.names_only);
        // Only a named agent: a common noun may be paraphrased ("the race
        // raised", "the event raised").
        let named = |side: Side| matches!(side, Side::Entity(_));
        first
            .filter(|r| Some(r.agent) == subject && named(r.agent))
            .is_some_and(|roles| {
                // The agent is nowhere in the passage, or not in the verb's
                // clause when a word opens that clause ("Langdale told the
                // jury how the defendant threw the child").
                let agent_in = |from: usize, to: usize| {
                    (self.hits.iter()).any(|h| {
                        self.shape.side(h.term) == roles.agent
                            && (from..to).contains(&(h.word - self.first_word))
                    })
                };
                let absent = |k: usize| {
                    let opener = (0..k)
                        .rev()
                        .take_while(|&j| !self.tokens[j + 1].boundary_before)
                        .find(|&j| polarity::opens_clause(self.tokens[j].word));
                    match opener {
                        Some(j) => !agent_in(j, k),
                        None => !agent_in(0, self.tokens.len()),
                    }
                };
                self.verb_positions(roles).into_iter().any(|k| {
                    absent(k) && {
                        // Within the verb's clause: a relative word stands
                        // for the noun before it ("a criminal who had
                        // converted"), which is no one else.
                        let before = (k.saturating_sub(3)..k)
                            .rev()
                            .take_while(|&j| {
                                !self.tokens[j + 1].boundary_before
                                    && !polarity::opens_clause(self.tokens[j].word)
                            })
                            .find(|&j| !is_stopword(self.tokens[j].word));
                        before.is_some_and(|j| {
                            is_content(self.tokens[j].word)
                                && !self.tokens[j].capitalised
                                && !(self.hits.iter()).any(|h| h.word - self.first_word == j)
                                && !passive_at(self.tokens, k, self.tokens.len().min(k + 4))
                        })
                    }
                })
            })
    }

    /// The passage's tokens holding the verb of `roles`.
    fn verb_positions(&self, roles: &Roles) -> Vec<usize> {
        match roles.verb {
            Verb::Term(verb) => (self.hits.iter())
                .filter(|h| h.term == verb && !h.opposed)
                .map(|h| h.word - self.first_word)
                .collect(),
            Verb::Telling(word) => (0..self.tokens.len())
                .filter(|&k| telling(self.tokens[k].word, word))
                .collect(),
        }
    }

    /// Whether token `j` opens a clause by a word rather than punctuation.
    fn is_clause_word(&self, j: usize) -> bool {
        polarity::is_clause_word(self.tokens[j].word)
    }
}

/// Whether `word` is the verb of telling `verb` in another form ("tells",
/// "told").
fn telling(word: &str, verb: &str) -> bool {
    const TELL: &[&str] = &["tell", "tells", "told"];
    word == verb || (TELL.contains(&word) && TELL.contains(&verb))
}

fn is_auxiliary(word: &str) -> bool {
    [
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
    ]
    .contains(&word)
}
