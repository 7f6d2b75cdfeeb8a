//! The evidence of every article as the cache stores it: one run of
//! variable-length numbers rather than a struct per name per article. A
//! large corpus has millions of items, nearly all of whose thirteen counts
//! are small or zero, and an update of the people index reads them all
//! back; read number by number through serde, they were a sixth of such a
//! run. The layout is part of `cache::FORMAT_VERSION`.
//!
//! Layout: the number of articles; per article, its number of items; per
//! item, `NameInArticle::COUNTS` numbers, the number of its tags and the
//! tags. Each number is LEB128 (seven bits a byte, low first).

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

use super::NameInArticle;

pub(super) fn serialize<S: Serializer>(
    articles: &[Vec<NameInArticle>],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_bytes(&pack(articles))
}

/// `NameInArticle`'s counts as an array in their stored order, and back:
/// the one list of its fields the layout depends on.
macro_rules! stored_counts {
    ($($field:ident),+) => {
        impl NameInArticle {
            /// How many counts an item has.
            const COUNTS: usize = [$(stringify!($field)),+].len();

            fn counts(&self) -> [u32; Self::COUNTS] {
                [$(self.$field),+]
            }

            fn of_counts(counts: [u32; Self::COUNTS], tags: Vec<u32>) -> NameInArticle {
                let [$($field),+] = counts;
                NameInArticle { $($field,)+ tags }
            }
        }
    };
}

stored_counts!(
    name, count, strong, speech, plain, academic, placed, members, lowered, introduced, called_he,
    called_she
);

fn pack(articles: &[Vec<NameInArticle>]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut put = |n: usize| put_number(&mut bytes, n);
    put(articles.len());
    for items in articles {
        put(items.len());
        for item in items {
            for count in item.counts() {
                put(count as usize);
            }
            put(item.tags.len());
            for &tag in &item.tags {
                put(tag as usize);
            }
        }
    }
    bytes
}

pub(super) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Vec<NameInArticle>>, D::Error> {
    deserializer.deserialize_bytes(PackedVisitor)
}

struct PackedVisitor;

impl<'de> Visitor<'de> for PackedVisitor {
    type Value = Vec<Vec<NameInArticle>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the packed name evidence")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Self::Value, E> {
        unpack(bytes).map_err(E::custom)
    }
}

/// Why packed evidence could not be read.
#[derive(Debug, PartialEq)]
enum Damage {
    Truncated,
    /// A number past `u32`, or a length past what the bytes could hold.
    OutOfRange,
    Trailing,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Damage::Truncated => "packed evidence ends early",
            Damage::OutOfRange => "packed evidence holds a number out of range",
            Damage::Trailing => "packed evidence goes on past its end",
        })
    }
}

fn unpack(bytes: &[u8]) -> Result<Vec<Vec<NameInArticle>>, Damage> {
    let mut reader = Reader { bytes, at: 0 };
    // Every article takes a byte at least, and every item more than
    // `COUNTS`: a length beyond that is damage, not a reason to allocate.
    let article_count = reader.length(1)?;
    let mut articles = Vec::with_capacity(article_count);
    for _ in 0..article_count {
        let item_count = reader.length(NameInArticle::COUNTS + 1)?;
        let mut items = Vec::with_capacity(item_count);
        for _ in 0..item_count {
            let mut counts = [0u32; NameInArticle::COUNTS];
            for count in &mut counts {
                *count = reader.number()?;
            }
            let tag_count = reader.length(1)?;
            let tags = (0..tag_count)
                .map(|_| reader.number())
                .collect::<Result<Vec<u32>, Damage>>()?;
            items.push(NameInArticle::of_counts(counts, tags));
        }
        articles.push(items);
    }
    if reader.at != bytes.len() {
        return Err(Damage::Trailing);
    }
    Ok(articles)
}

fn put_number(bytes: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        bytes.push((n as u8) | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn number(&mut self) -> Result<u32, Damage> {
        let mut value: u64 = 0;
        for shift in (0..35).step_by(7) {
            let &byte = self.bytes.get(self.at).ok_or(Damage::Truncated)?;
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return u32::try_from(value).map_err(|_| Damage::OutOfRange);
            }
        }
        Err(Damage::OutOfRange)
    }

    /// A count of things each at least `bytes_each` bytes long.
    fn length(&mut self, bytes_each: usize) -> Result<usize, Damage> {
        let n = self.number()? as usize;
        let left = self.bytes.len() - self.at;
        if n > left / bytes_each {
            return Err(Damage::OutOfRange);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Damage, NameInArticle, pack, unpack};
    use crate::people::evidence::NameEvidence;

    fn item() -> impl Strategy<Value = NameInArticle> {
        (
            prop::array::uniform12(prop_oneof![0u32..3, any::<u32>()]),
            prop::collection::vec(any::<u32>(), 0..3),
        )
            .prop_map(|(counts, tags)| NameInArticle::of_counts(counts, tags))
    }

    proptest! {
        #[test]
        fn evidence_reads_back_as_written(
            articles in prop::collection::vec(prop::collection::vec(item(), 0..4), 0..6)
        ) {
            prop_assert_eq!(unpack(&pack(&articles)).unwrap(), articles);
        }

        #[test]
        fn cut_evidence_is_damage_not_a_panic(
            articles in prop::collection::vec(prop::collection::vec(item(), 1..4), 1..4),
            cut in any::<prop::sample::Index>(),
        ) {
            let bytes = pack(&articles);
            let end = cut.index(bytes.len());
            prop_assert!(unpack(&bytes[..end]).is_err());
        }
    }

    #[test]
    fn evidence_reads_back_through_the_cache_encoding() {
        let evidence = NameEvidence {
            names: vec![vec!["ann".into(), "lee".into()]],
            tags: vec![("minister".into(), Some("france".into()))],
            articles: vec![
                vec![NameInArticle::of_counts(
                    [0, 3, 1, 2, 3, 0, 0, 0, 0, 0, 1, 0],
                    vec![0],
                )],
                vec![],
            ],
        };
        let bytes = postcard::to_allocvec(&evidence).unwrap();
        let back: NameEvidence = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(
            (back.names, back.tags, back.articles),
            (evidence.names, evidence.tags, evidence.articles)
        );
    }

    #[test]
    fn damage_is_named() {
        assert_eq!(unpack(&[]), Err(Damage::Truncated));
        // One article said to hold a billion items.
        assert_eq!(
            unpack(&[1, 0x80, 0x94, 0xeb, 0xdc, 0x03]),
            Err(Damage::OutOfRange)
        );
        // A number of six bytes.
        assert_eq!(
            unpack(&[0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
            Err(Damage::OutOfRange)
        );
        assert_eq!(unpack(&[0, 0]), Err(Damage::Trailing));
    }
}
