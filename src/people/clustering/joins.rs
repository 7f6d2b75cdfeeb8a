//! The joins that make people of name slots: full names that fit each
//! other, near spellings, regnal numbers, and single words that join the
//! one full name they fit or are dropped.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use super::{Clusters, NameSlots};
use crate::people::names::{
    given_compatible, given_of, is_regnal, key_of, middle_lists_compatible, middle_of,
    middles_compatible, nickname_pair, one_letter_apart, settled_pronoun, specificity,
    specificity_of, surname_only, written_as_initials,
};
use crate::people::scan::skeleton;
use crate::people::vocabulary;

impl NameSlots {
    /// Full names with the same surname and a compatible given name. Names
    /// that spell out the same given and middle names are one person; a
    /// name that says less ("J Smith", "John Smith" beside "John A Smith")
    /// joins the one person it fits, and stays apart when it fits several
    /// ("John Smith" beside "John A Smith" and "John B Smith"), so that it
    /// never joins two people through itself. The least specific names go
    /// last, so that they meet the people the others have formed.
    pub(super) fn join_full_names(
        &self,
        clusters: &mut Clusters,
        by_surname: &HashMap<String, Vec<usize>>,
    ) {
        let mut fitting: HashMap<usize, Vec<usize>> = HashMap::new();
        for slots in by_surname.values() {
            // Each full name's parts once, not once for every pair it is in.
            let full_names: Vec<(usize, String, Vec<String>)> = (slots.iter())
                .filter_map(|&slot| {
                    let words = &self.words[slot];
                    Some((slot, given_of(words)?, middle_of(words)))
                })
                .collect();
            for (i, (a, ga, ma)) in full_names.iter().enumerate() {
                for (b, gb, mb) in &full_names[i + 1..] {
                    // "Rodriguez Saa" in "Adolfo Rodriguez Saa", "Wali
                    // Masood" in "Ahmad Wali Masood": the shorter name is
                    // the longer one without its first names.
                    if let Some((short, long)) = self.tail_of_other(*a, *b) {
                        fitting.entry(short).or_default().push(long);
                        continue;
                    }
                    // "LK Advani" and "Lal Krishna Advani": the shorter
                    // name's given name is the longer one's initials.
                    if written_as_initials(ga, ma, gb, mb) {
                        fitting.entry(*a).or_default().push(*b);
                        continue;
                    }
                    if written_as_initials(gb, mb, ga, ma) {
                        fitting.entry(*b).or_default().push(*a);
                        continue;
                    }
                    // "Danny Jacobs" and "Daniel Jacobs": the nickname is
                    // the less specific name, and joins only if it fits one.
                    if self.written_together(*a, *b)
                        && nickname_pair(ga, gb)
                        && middle_lists_compatible(ma, mb)
                    {
                        let general = if (ga.len(), a) < (gb.len(), b) {
                            (*a, *b)
                        } else {
                            (*b, *a)
                        };
                        fitting.entry(general.0).or_default().push(general.1);
                        continue;
                    }
                    if !given_compatible(ga, gb) || !middle_lists_compatible(ma, mb) {
                        continue;
                    }
                    if ga == gb && ma == mb {
                        clusters.union(*a, *b);
                        continue;
                    }
                    let (sa, sb) = (specificity_of(ga, ma), specificity_of(gb, mb));
                    let general = if (sa, a) < (sb, b) {
                        (*a, *b)
                    } else {
                        (*b, *a)
                    };
                    fitting.entry(general.0).or_default().push(general.1);
                }
            }
        }
        let mut fitting: Vec<(usize, Vec<usize>)> = fitting.into_iter().collect();
        fitting.sort_by_key(|(slot, _)| (Reverse(specificity(&self.words[*slot])), *slot));
        for (slot, fits) in fitting {
            let mut roots: Vec<usize> = fits.iter().map(|&s| clusters.find(s)).collect();
            roots.sort_unstable();
            roots.dedup();
            if let [root] = roots[..] {
                clusters.union(slot, root);
            }
        }
    }

    /// Does an article write both names? Only there is a name and its
    /// nickname sure to be one person's: "Tom Price" the minister and
    /// "Thomas Price" a museum's curator are two.
    fn written_together(&self, a: usize, b: usize) -> bool {
        self.evidence[a].as_ref().is_some_and(|e| {
            (e.nickname_partners.iter()).any(|key| self.of_key.get(key) == Some(&b))
        })
    }

    /// Of two full names, the shorter and the longer when the shorter's
    /// words, two or more, end the longer's ("Rodriguez Saa", "Adolfo
    /// Rodriguez Saa").
    fn tail_of_other(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let (wa, wb) = (&self.words[a], &self.words[b]);
        let (short, long) = if wa.len() < wb.len() { (a, b) } else { (b, a) };
        let (ws, wl) = (&self.words[short], &self.words[long]);
        // The folded words compared as they are: this runs for every pair
        // of full names sharing a surname.
        (ws.len() >= 2 && ws.len() < wl.len() && wl.ends_with(ws)).then_some((short, long))
    }

    /// Surnames spelt a little differently, with the same given name
    /// ("Mette Frederiksen" / "Mette Fredriksen"); compared only within a
    /// bucket of the same given name and surname start, so this stays near
    /// linear.
    pub(super) fn join_near_spellings(
        &self,
        clusters: &mut Clusters,
        by_surname: &HashMap<String, Vec<usize>>,
    ) {
        let mut buckets: HashMap<(String, String), Vec<(String, usize)>> = HashMap::new();
        for (surname, slots) in by_surname {
            for &slot in slots {
                if let Some(given) = given_of(&self.words[slot]) {
                    let start: String = surname.chars().take(3).collect();
                    buckets
                        .entry((given, start))
                        .or_default()
                        .push((surname.clone(), slot));
                }
            }
        }
        for members in buckets.values() {
            if members.len() > 200 {
                continue;
            }
            for (i, (sa, a)) in members.iter().enumerate() {
                for (sb, b) in &members[i + 1..] {
                    // Both spellings long enough, whichever comes first:
                    // a test of one side would make the join depend on the
                    // bucket's order, which is the hash map's.
                    // Two frequent census surnames ("Thomson", "Thompson")
                    // are two families, not one name misspelt.
                    let both_census =
                        vocabulary::is_census_surname(sa) && vocabulary::is_census_surname(sb);
                    // One surname and the same with letters added ("Zaman",
                    // "Zamani"; "Khalil", "Khalili") are two families: a
                    // misspelling changes letters, it does not extend a name.
                    let extended = sa.starts_with(sb.as_str()) || sb.starts_with(sa.as_str());
                    if sa != sb
                        && !both_census
                        && !extended
                        && sa.chars().count().min(sb.chars().count()) >= 5
                        && strsim::jaro_winkler(sa, sb) >= 0.93
                        && middles_compatible(&self.words[*a], &self.words[*b])
                    {
                        clusters.union(*a, *b);
                    }
                }
            }
        }
    }

    /// Given names spelt a little differently before one rare surname
    /// ("Hamid Karzai" / "Hamed Karzai"): a transliteration or a typing
    /// slip, when at most one of the two is a census given name (two
    /// census names, "Mark" and "Mary", are two people). Before a frequent
    /// census surname, whose holders are many families, only a typing slip
    /// joins: a census given name and a word one letter off it that is no
    /// given name ("Mark Sullivan" / "Marks Sullivan").
    pub(super) fn join_given_name_spellings(
        &self,
        clusters: &mut Clusters,
        by_surname: &HashMap<String, Vec<usize>>,
    ) {
        for slots in by_surname.values() {
            if slots.len() < 2 || slots.len() > 200 {
                continue;
            }
            let rare_surname = self.words[slots[0]]
                .last()
                .is_some_and(|w| !vocabulary::is_census_surname(w));
            // Each given name's skeleton once, not once for every pair.
            let given: Vec<(usize, &String, String)> = (slots.iter())
                .map(|&slot| (slot, &self.words[slot][0], skeleton(&self.words[slot][0])))
                .collect();
            for (i, (a, ga, sa)) in given.iter().enumerate() {
                for (b, gb, sb) in &given[i + 1..] {
                    let (a, b) = (*a, *b);
                    let census = (vocabulary::is_given_name(ga), vocabulary::is_given_name(gb));
                    let near = sa != sb
                        && sa.chars().count().min(sb.chars().count()) >= 4
                        && sa.chars().next() == sb.chars().next()
                        && if rare_surname {
                            census != (true, true) && strsim::jaro_winkler(sa, sb) >= 0.9
                        } else {
                            matches!(census, (true, false) | (false, true))
                                && one_letter_apart(ga, gb)
                        };
                    if near && middles_compatible(&self.words[a], &self.words[b]) {
                        clusters.union(a, b);
                    }
                }
            }
        }
    }

    /// A name written once with its regnal number and once without ("Pope
    /// John Paul II", then "John Paul"): one person, unless the corpus has
    /// two numbers of that name.
    pub(super) fn join_regnal_names(&self, clusters: &mut Clusters) {
        let mut numbered: HashMap<usize, Vec<usize>> = HashMap::new();
        for (slot, words) in self.words.iter().enumerate() {
            let Some((number, stem)) = words.split_last() else {
                continue;
            };
            // The stem of two words or more: a lone "Charles" or
            // "Elizabeth" may be anyone of that given name.
            if stem.len() < 2 || !is_regnal(number) {
                continue;
            }
            if let Some(&stem_slot) = self.of_key.get(&key_of(stem)) {
                numbered.entry(stem_slot).or_default().push(slot);
            }
        }
        for (stem_slot, slots) in numbered {
            if let [slot] = slots[..] {
                clusters.union(stem_slot, slot);
            }
        }
    }

    /// A single word joins the one full name with that surname. It is
    /// dropped (per slot, `true`) when several people have that surname,
    /// or when no one does but it is someone's given name, unless it
    /// reigns or speaks alone.
    pub(super) fn attach_single_words(
        &self,
        clusters: &mut Clusters,
        by_surname: &HashMap<String, Vec<usize>>,
    ) -> Vec<bool> {
        let given_names: HashSet<String> = self.words.iter().filter_map(|w| given_of(w)).collect();
        let mut dropped = vec![false; self.words.len()];
        for (slot, words) in self.words.iter().enumerate() {
            let Some(word) = surname_only(words) else {
                continue;
            };
            if self.curated.contains(&slot) {
                continue;
            }
            let mut roots: Vec<usize> = by_surname
                .get(&word)
                .into_iter()
                .flatten()
                .map(|&s| clusters.find(s))
                .collect();
            roots.sort_unstable();
            roots.dedup();
            // "Dr Harris" is no one whose full name is never written after
            // such a title: it stays a person of its own.
            let academic = |s: usize| self.evidence[s].as_ref().is_some_and(|e| e.academic > 0);
            let titled_apart = academic(slot)
                && !by_surname
                    .get(&word)
                    .into_iter()
                    .flatten()
                    .any(|&s| academic(s));
            // "Pope Francis said" is a whole name, whoever else is called
            // Francis; a reign named only in passing may be a work's title
            // ("The Madness of King George").
            let reigns = |s: usize| {
                self.evidence[s].as_ref().is_some_and(|e| {
                    e.speech > 0
                        && (e.tags.iter()).any(|t| matches!(t.category, "pope" | "king" | "queen"))
                })
            };
            // "Martin told CNN" names a woman called Martin, whoever else
            // has it as a given name: a name word that speaks alone.
            let speaks_alone = |s: usize| {
                (vocabulary::is_any_given_name(&word)
                    || vocabulary::is_east_asian_family_name(&word))
                    && self.evidence[s].as_ref().is_some_and(|e| e.speech > 0)
            };
            // "6-year-old Ahmad", brought in as someone new, is a child
            // the article calls by one name, not a holder of the surname
            // Ahmad: a person of its own. An article that has the holder's
            // full name still gives its lone word to the holder.
            let brought_in = self.evidence[slot]
                .as_ref()
                .is_some_and(|e| e.introduced > 0);
            // "Martin … so she asked", in articles that write no full name
            // with Martin, is no Wayne Martin: a lone word the text calls
            // by the other pronoun than every holder's given name says is
            // a person of its own.
            let called = (self.evidence[slot].as_ref())
                .and_then(|e| settled_pronoun(e.called_he, e.called_she));
            let holders_say: Vec<&str> = (by_surname.get(&word).into_iter().flatten())
                .filter(|&&s| self.words[s].len() > 1)
                .filter_map(|&s| vocabulary::pronoun_of_given_name(&self.words[s][0]))
                .collect();
            let other_sex = called.is_some_and(|called| {
                !holders_say.is_empty() && holders_say.iter().all(|&says| says != called)
            });
            match roots.len() {
                _ if brought_in || other_sex => {}
                1 if titled_apart => {}
                1 => clusters.union(slot, roots[0]),
                0 if given_names.contains(&word) && !reigns(slot) && !speaks_alone(slot) => {
                    dropped[slot] = true
                }
                0 => {}
                _ => dropped[slot] = true,
            }
        }
        dropped
    }
}
