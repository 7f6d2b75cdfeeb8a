//! From name evidence to people: which names are confirmed as people's,
//! and which of them are one person ("Keir Starmer", "Sir Keir Starmer",
//! "Starmer"; "Mette Frederiksen" and "Mette Fredriksen"). The result is
//! the name table every article is resolved against.

use std::collections::{HashMap, HashSet};

use super::evidence::{NameTotals, RoleTag};
use super::model::PersonId;
use super::names::{given_of, key_of, name_parts, surname_of, words_of};
use super::scan::fold;
use super::vocabulary;
use crate::config::CuratedPerson;

mod joins;

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
    /// Per person, the pronoun the census gives their given names, when
    /// those it knows agree ("wayne" → "he").
    pub pronoun: Vec<Option<&'static str>>,
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
        // (said "he", said "she") per person, over their given names.
        let mut pronouns_said = vec![(false, false); count];
        for (slot, words) in slots.words.iter().enumerate() {
            let Some(id) = person_of_slot[slot] else {
                continue;
            };
            // A lone word kept apart as someone new ("6-year-old Ahmad")
            // holds no surname: a bare "Ahmad" elsewhere is not them.
            let brought_in = words.len() == 1
                && (slots.evidence[slot].as_ref()).is_some_and(|e| e.introduced > 0);
            if let (given, Some(surname)) = name_parts(words)
                && !brought_in
            {
                if given.is_some() {
                    full_name_surnames.insert(surname.clone());
                    match vocabulary::pronoun_of_given_name(&words[0]) {
                        Some("he") => pronouns_said[id].0 = true,
                        Some(_) => pronouns_said[id].1 = true,
                        None => {}
                    }
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
        let pronoun = (pronouns_said.into_iter())
            .map(|said| match said {
                (true, false) => Some("he"),
                (false, true) => Some("she"),
                _ => None,
            })
            .collect();
        NameTable {
            names,
            surnames,
            full_name_surnames,
            weight,
            tags,
            academic,
            pronoun,
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
