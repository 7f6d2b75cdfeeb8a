//! Numbering values that many items share (the evidence's names and role
//! tags, the stored roles' words): each value once in a list, the items
//! pointing into it by number.

use std::collections::HashMap;
use std::hash::Hash;

/// The numbers of values in the list they are appended to.
pub(super) struct Numbers<K> {
    of: HashMap<K, u32>,
}

impl<K> Default for Numbers<K> {
    fn default() -> Self {
        Numbers { of: HashMap::new() }
    }
}

impl<K: Clone + Eq + Hash> Numbers<K> {
    /// The number of `value` in `list`, appended there when new.
    pub(super) fn number(&mut self, value: K, list: &mut Vec<K>) -> u32 {
        *self.of.entry(value).or_insert_with_key(|value| {
            list.push(value.clone());
            (list.len() - 1) as u32
        })
    }
}

/// Numbers for values after those of a list already numbered, which is
/// only borrowed: the new ones are collected in `added`.
pub(super) struct NumbersAfter<'a, K> {
    known: HashMap<&'a K, u32>,
    numbered: u32,
    pub(super) added: Vec<K>,
    of_added: Numbers<K>,
}

impl<'a, K: Clone + Eq + Hash> NumbersAfter<'a, K> {
    pub(super) fn new(list: &'a [K]) -> Self {
        NumbersAfter {
            known: (list.iter().enumerate())
                .map(|(i, value)| (value, i as u32))
                .collect(),
            numbered: list.len() as u32,
            added: Vec::new(),
            of_added: Numbers::default(),
        }
    }

    pub(super) fn number(&mut self, value: K) -> u32 {
        if let Some(&number) = self.known.get(&value) {
            return number;
        }
        self.numbered + self.of_added.number(value, &mut self.added)
    }
}
