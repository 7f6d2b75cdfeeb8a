//! From name evidence to people: which names are confirmed as people's,
//! and which of them are one person ("Keir Starmer", "Sir Keir Starmer",
//! "Starmer"; "Mette Frederiksen" and "Mette Fredriksen"). The result is
//! the name table every article is resolved against.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use super::evidence::{NameTotals, RoleTag};
use super::model::PersonId;
use super::names::{
    given_compatible, given_of, is_regnal, key_of, middle_lists_compatible, middle_of,
    middles_compatible, name_parts, nickname_pair, one_letter_apart, specificity, specificity_of,
    surname_of, surname_only, words_of, written_as_initials,
};
use super::scan::{fold, skeleton};
use super::vocabulary;
use crate::config::CuratedPerson;

/// The names the first pass confirmed, clustered into people. Person ids
/// here are the table's own; the index renumbers them, and calls a
/// person's id in the table their slot.
pub(super) struct NameTable {
    /// Name key → person.
    pub names: HashMap<String, PersonId>,
    /// Surname → the people who have it.
    pub surnames: HashMap<String, Vec<PersonId>>,
    /// The surnames some name with a given name has ("romaszko" for
    /// "Richard Romaszko"), as against those only ever seen alone.
    pub full_name_surnames: HashSet<String>,
    /// How often each person's names occur, to settle ambiguous surnames.
    pub weight: Vec<u32>,
    /// The roles each person holds somewhere, as descriptions match them.
    pub tags: Vec<Vec<RoleTag>>,
    /// Per person: is a name of theirs ever written after an academic
    /// title ("Dr Bede Harris")? A bare "Dr Harris" elsewhere is no one
    /// else's.
    pub academic: Vec<bool>,
    /// Per person, their position in the curated people, if there.
    pub curated: Vec<Option<usize>>,
    /// The number of people.
    pub count: usize,
}

/// Union-find over name slots.
struct Clusters {
    parent: Vec<usize>,
}

impl Clusters {
    fn new(n: usize) -> Self {
        Clusters {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The lower index (curated entries come first) stays the root.
            let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[child] = root;
        }
    }
}

/// Every name that may be a person's, one slot each before they are
/// clustered: curated people first, then every confirmed name in key
/// order.
struct NameSlots {
    /// Per slot, the name's words.
    words: Vec<Vec<String>>,
    /// Per slot, the name's evidence (none for a curated name the corpus
    /// does not confirm).
    evidence: Vec<Option<NameTotals>>,
    /// Name key (aliases of curated people included) → slot.
    of_key: HashMap<String, usize>,
    /// Per curated person, their slot.
    curated: Vec<usize>,
}

impl NameTable {
    pub(super) fn new(
        evidence: HashMap<String, NameTotals>,
        curated: &[CuratedPerson],
    ) -> NameTable {
        let mut slots = NameSlots::new(confirmed_names(&evidence), curated);
        let mut clusters = Clusters::new(slots.words.len());
        slots.join_curated_aliases(&mut clusters, curated);
        let by_surname = slots.by_surname();
        slots.join_full_names(&mut clusters, &by_surname);
        slots.join_near_spellings(&mut clusters, &by_surname);
        slots.join_given_name_spellings(&mut clusters, &by_surname);
        slots.join_regnal_names(&mut clusters);
        let dropped = slots.attach_single_words(&mut clusters, &by_surname);
        let (person_of_slot, count) = number_people(&mut clusters, &dropped);
        NameTable::of_people(&slots, &person_of_slot, count, curated)
    }

    /// The table of the people `person_of_slot` numbers.
    fn of_people(
        slots: &NameSlots,
        person_of_slot: &[Option<PersonId>],
        count: usize,
        curated: &[CuratedPerson],
    ) -> NameTable {
        let names = (slots.of_key.iter())
            .filter_map(|(key, &slot)| Some((key.clone(), person_of_slot[slot]?)))
            .collect();
        let mut surnames: HashMap<String, Vec<PersonId>> = HashMap::new();
        let mut full_name_surnames = HashSet::new();
        let mut weight = vec![0u32; count];
        let mut tags: Vec<Vec<RoleTag>> = vec![Vec::new(); count];
        let mut academic = vec![false; count];
        for (slot, words) in slots.words.iter().enumerate() {
            let Some(id) = person_of_slot[slot] else {
                continue;
            };
            if let (given, Some(surname)) = name_parts(words) {
                if given.is_some() {
                    full_name_surnames.insert(surname.clone());
                }
                let list = surnames.entry(surname).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
            }
            if let Some(e) = &slots.evidence[slot] {
                weight[id] += e.count;
                // A bare surname after such a title joins only a holder
                // titled so (`attach_single_words`).
                if e.academic > 0 {
                    academic[id] = true;
                }
                for tag in &e.tags {
                    if !tags[id].contains(tag) {
                        tags[id].push(*tag);
                    }
                }
            }
        }
        let mut curated_of_person = vec![None; count];
        for (i, person) in curated.iter().enumerate() {
            let id = person_of_slot[slots.curated[i]].expect("curated people are never dropped");
            curated_of_person[id] = Some(i);
            for tag in person
                .roles
                .iter()
                .filter_map(|role| curated_role_tag(role))
            {
                if !tags[id].contains(&tag) {
                    tags[id].push(tag);
                }
            }
        }
        NameTable {
            names,
            surnames,
            full_name_surnames,
            weight,
            tags,
            academic,
            curated: curated_of_person,
            count,
        }
    }

    /// The one of `ids` whose names occur at least twice as often as all
    /// the others' together: the holder a bare surname means in an article
    /// that names none of them ("Howard" for the Prime Minister, not the
    /// film director). `None` when no holder stands out so far, for a
    /// guess between near equals would join two people.
    pub(super) fn dominant(&self, ids: &[PersonId]) -> Option<PersonId> {
        let mut best: Option<PersonId> = None;
        for &id in ids {
            if best.is_none_or(|b| self.weight[id] > self.weight[b]) {
                best = Some(id);
            }
        }
        let best = best?;
        let others: u32 = (ids.iter())
            .filter(|&&id| id != best)
            .map(|&id| self.weight[id])
            .sum();
        (self.weight[best] >= 2 * others).then_some(best)
    }

    /// What decides how an article resolves against this table, as a
    /// digest: its names and surnames and the people they name, the roles,
    /// and the dominant holder of each shared surname. Every article
    /// resolves the same against two tables with the same digest; an index
    /// keeps its table's, so that `update` need not make the old table
    /// again to compare it with the new one.
    pub(super) fn resolution(&self) -> [u8; 32] {
        let mut names: Vec<(&String, &PersonId)> = self.names.iter().collect();
        names.sort_unstable();
        let mut surnames: Vec<(&String, &Vec<PersonId>, Option<PersonId>)> = (self.surnames)
            .iter()
            .map(|(surname, ids)| (surname, ids, self.dominant(ids)))
            .collect();
        surnames.sort_unstable();
        let mut full_name_surnames: Vec<&String> = self.full_name_surnames.iter().collect();
        full_name_surnames.sort_unstable();
        let resolving = (
            self.count,
            &self.curated,
            &self.tags,
            &self.academic,
            names,
            surnames,
            full_name_surnames,
        );
        let bytes = postcard::to_stdvec(&resolving).expect("encoding to memory");
        *blake3::hash(&bytes).as_bytes()
    }
}

/// The role tag a curated role gives ("British Prime Minister").
fn curated_role_tag(role: &str) -> Option<RoleTag> {
    let folded = fold(role);
    let category = vocabulary::role_category(&folded)?;
    let country = folded.split_whitespace().find_map(vocabulary::geo_code);
    Some(RoleTag { category, country })
}

/// The names with their own evidence, and the full names whose surname is
/// such a name ("Sinéad O'Brien" when the article goes on with "O'Brien
/// said"), in key order.
fn confirmed_names(evidence: &HashMap<String, NameTotals>) -> Vec<(String, NameTotals)> {
    let mut confirmed: Vec<(String, NameTotals)> = evidence
        .iter()
        .filter(|(_, e)| e.confirms())
        .map(|(k, e)| (k.clone(), e.clone()))
        .collect();
    let confirmed_surnames: HashSet<String> = confirmed
        .iter()
        .filter_map(|(_, e)| name_parts(&e.words).1)
        .collect();
    // Given names the corpus confirms somewhere ("Geoff Dixon said"), for
    // the plain full names elsewhere that the census lists lack ("Geoff
    // Huegill won the 50 metres butterfly").
    let confirmed_given: HashSet<String> = confirmed
        .iter()
        .filter_map(|(_, e)| given_of(&e.words))
        .filter(|given| given.chars().count() > 1)
        .collect();
    let confirmed_keys: HashSet<String> = confirmed.iter().map(|(k, _)| k.clone()).collect();
    for (key, e) in evidence {
        let Some(given) = given_of(&e.words) else {
            continue;
        };
        // A surname that is also a place is taken after a census given
        // name ("John Peel" where "Mr Peel said"), never after another
        // word ("Lady Barron").
        let names_nothing_else =
            |w: &String| !vocabulary::is_place(w) && !vocabulary::is_title_word(w);
        let known_surname = surname_of(&e.words).is_some_and(|s| confirmed_surnames.contains(&s))
            && match e.words.as_slice() {
                [given, surname] if vocabulary::is_given_name(given) => {
                    names_nothing_else(given) && !vocabulary::is_title_word(surname)
                }
                words => words.iter().all(names_nothing_else),
            };
        let known_given = confirmed_given.contains(&given)
            && e.words.len() <= 3
            && e.words.iter().all(|w| vocabulary::may_stand_in_name(w));
        if !e.shouted_only
            && !confirmed_keys.contains(key)
            && (known_surname || known_given)
            && !e.names_a_town_body_or_common_word()
        {
            confirmed.push((key.clone(), e.clone()));
        }
    }
    confirmed.sort_by(|a, b| a.0.cmp(&b.0));
    confirmed
}

impl NameSlots {
    fn new(confirmed: Vec<(String, NameTotals)>, curated: &[CuratedPerson]) -> NameSlots {
        let mut slots = NameSlots {
            words: Vec::new(),
            evidence: Vec::new(),
            of_key: HashMap::new(),
            curated: Vec::new(),
        };
        for person in curated {
            let slot = slots.words.len();
            slots.curated.push(slot);
            let words = words_of(&person.name);
            slots.of_key.insert(key_of(&words), slot);
            slots.words.push(words);
            slots.evidence.push(None);
        }
        for (key, e) in confirmed {
            if let Some(&slot) = slots.of_key.get(&key) {
                slots.evidence[slot] = Some(e);
                continue;
            }
            slots.of_key.insert(key, slots.words.len());
            slots.words.push(e.words.clone());
            slots.evidence.push(Some(e));
        }
        slots
    }

    /// A curated alias joins its person: with the slot of the same name
    /// if the corpus confirmed it, else as one more key of theirs.
    fn join_curated_aliases(&mut self, clusters: &mut Clusters, curated: &[CuratedPerson]) {
        for (i, person) in curated.iter().enumerate() {
            for alias in &person.aliases {
                let key = key_of(&words_of(alias));
                match self.of_key.get(&key) {
                    Some(&slot) => clusters.union(self.curated[i], slot),
                    None => {
                        self.of_key.insert(key, self.curated[i]);
                    }
                }
            }
        }
    }

    /// Surname → the slots of full names with that surname.
    fn by_surname(&self) -> HashMap<String, Vec<usize>> {
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        for (slot, words) in self.words.iter().enumerate() {
            if let Some(surname) = surname_of(words) {
                by_surname.entry(surname).or_default().push(slot);
            }
        }
        by_surname
    }

    /// Full names with the same surname and a compatible given name. Names
    /// that spell out the same given and middle names are one person; a
    /// name that says less ("J Smith", "John Smith" beside "John A Smith")
    /// joins the one person it fits, and stays apart when it fits several
    /// ("John Smith" beside "John A Smith" and "John B Smith"), so that it
    /// never joins two people through itself. The least specific names go
    /// last, so that they meet the people the others have formed.
    fn join_full_names(&self, clusters: &mut Clusters, by_surname: &HashMap<String, Vec<usize>>) {
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
                    if nickname_pair(ga, gb)
                        && middle_lists_compatible(ma, mb)
                        && self.written_together(*a, *b)
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
    fn join_near_spellings(
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
    fn join_given_name_spellings(
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
    fn join_regnal_names(&self, clusters: &mut Clusters) {
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
    /// or when no one does but it is someone's given name.
    fn attach_single_words(
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
            match roots.len() {
                1 if titled_apart => {}
                1 => clusters.union(slot, roots[0]),
                0 if given_names.contains(&word) && !reigns(slot) => dropped[slot] = true,
                0 => {}
                _ => dropped[slot] = true,
            }
        }
        dropped
    }
}

/// Number the clusters in slot order, leaving out dropped slots: each
/// slot's person, and the number of people.
fn number_people(clusters: &mut Clusters, dropped: &[bool]) -> (Vec<Option<PersonId>>, usize) {
    let mut person_of_root: HashMap<usize, PersonId> = HashMap::new();
    let mut person_of_slot = vec![None; dropped.len()];
    for (slot, &dropped) in dropped.iter().enumerate() {
        if dropped {
            continue;
        }
        let next = person_of_root.len();
        let id = *person_of_root.entry(clusters.find(slot)).or_insert(next);
        person_of_slot[slot] = Some(id);
    }
    (person_of_slot, person_of_root.len())
}
