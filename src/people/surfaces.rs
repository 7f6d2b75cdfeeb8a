//! The surface words of mentions (the text a mention was written as),
//! numbered afresh each time an index is assembled or updated, so that the
//! stored list holds only the words some mention still uses.

use std::collections::HashMap;

/// Surface words numbered in order of first use: those of new mentions
/// (`assemble`'s, or an update's), and those an old index's mentions keep.
pub(super) struct Renumbered<'a> {
    old: &'a [String],
    old_by_text: HashMap<&'a str, u32>,
    /// Per old number, its new one once used.
    new_of_old: Vec<Option<u32>>,
    strings: Vec<String>,
    new_by_text: HashMap<String, u32>,
}

impl<'a> Renumbered<'a> {
    pub(super) fn new(old: &'a [String]) -> Renumbered<'a> {
        Renumbered {
            old,
            old_by_text: old
                .iter()
                .enumerate()
                .map(|(i, s)| (s.as_str(), i as u32))
                .collect(),
            new_of_old: vec![None; old.len()],
            strings: Vec::new(),
            new_by_text: HashMap::new(),
        }
    }

    pub(super) fn of_old(&mut self, old: u32) -> u32 {
        *self.new_of_old[old as usize].get_or_insert_with(|| {
            self.strings.push(self.old[old as usize].clone());
            (self.strings.len() - 1) as u32
        })
    }

    pub(super) fn of_new(&mut self, text: String) -> u32 {
        if let Some(&old) = self.old_by_text.get(text.as_str()) {
            return self.of_old(old);
        }
        let next = self.strings.len() as u32;
        *self.new_by_text.entry(text).or_insert_with_key(|text| {
            self.strings.push(text.clone());
            next
        })
    }

    pub(super) fn into_strings(self) -> Vec<String> {
        self.strings
    }
}
