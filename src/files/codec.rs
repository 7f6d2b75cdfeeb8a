//! Decoding stored lists at their full length.

use serde::{Deserialize, Serialize};

/// A list read back at its full length at once. serde's own `Vec` grows
/// from at most 1 MB, as a guard against lengths in untrusted input: for
/// the people index's lists of a million mentions that meant copying each
/// list several times into fresh memory. Cache payloads are checksummed
/// before they are decoded; the cap left is only against absurd lengths.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Exact<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Exact<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = Exact<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Exact<T>, A::Error> {
                let cap = (1 << 30) / std::mem::size_of::<T>().max(1);
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(cap));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Exact(items))
            }
        }
        deserializer.deserialize_seq(Visitor(std::marker::PhantomData))
    }
}
