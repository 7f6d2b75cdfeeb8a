//! Strategies for realistic-hostile text: fragments of the parser's own
//! syntax (`fragments.json`) mixed with quote marks, brackets, line breaks
//! of every kind, NUL, bidirectional and zero-width characters, emoji,
//! arbitrary characters and very long lines.

use std::collections::HashMap;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::select;

static FRAGMENTS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let all: HashMap<String, serde_json::Value> =
        serde_json::from_str(include_str!("fragments.json")).expect("fragments.json is JSON");
    all.into_iter()
        .filter_map(|(group, list)| Some((group, serde_json::from_value(list).ok()?)))
        .collect()
});

fn fragments(group: &str) -> Vec<String> {
    FRAGMENTS
        .get(group)
        .unwrap_or_else(|| panic!("fragments.json has no group {group}"))
        .clone()
}

/// One piece of hostile text, drawn mostly from `group`'s syntax.
fn piece(group: &str) -> BoxedStrategy<String> {
    let own = fragments(group);
    let common = fragments("common");
    let mut both = own.clone();
    both.extend(common.iter().cloned());
    prop_oneof![
        6 => select(own),
        4 => select(common),
        3 => "[A-Za-z][a-z]{0,8}[ ,.]?",
        1 => proptest::collection::vec(any::<char>(), 1..4)
            .prop_map(|chars| chars.into_iter().collect::<String>()),
        1 => (select(both), 1usize..600).prop_map(|(piece, times)| piece.repeat(times)),
    ]
    .boxed()
}

/// Up to `pieces` pieces of `group`'s hostile text, joined.
pub fn text(group: &str, pieces: usize) -> BoxedStrategy<String> {
    proptest::collection::vec(piece(group), 0..pieces)
        .prop_map(|parts| parts.concat())
        .boxed()
}

/// Byte offsets into a text, possibly past its end or inside a character.
pub fn offsets() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(any::<usize>(), 0..6)
}
