//! Ranges of a block's text (citation groups, quotes) asked, offset by
//! offset, whether they hold it, and sorted lists of ranges cut by
//! sentence. A block may hold tens of thousands of them, so each question
//! is a binary search rather than a pass over every range.

use std::ops::Range;

/// Ranges, in any order and possibly nested, that answer whether an offset
/// lies inside one of them.
pub struct Covering {
    /// The ranges' starts, ascending.
    starts: Vec<usize>,
    /// For each start, the furthest end of the ranges up to it.
    furthest_end: Vec<usize>,
}

impl Covering {
    pub fn new(ranges: &[Range<usize>]) -> Covering {
        let mut sorted: Vec<&Range<usize>> = ranges.iter().collect();
        sorted.sort_by_key(|r| r.start);
        let starts = sorted.iter().map(|r| r.start).collect();
        let furthest_end = sorted
            .iter()
            .scan(0, |furthest, r| {
                *furthest = r.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Covering {
            starts,
            furthest_end,
        }
    }

    /// Whether some range holds `offset`: `start <= offset < end`.
    pub fn holds(&self, offset: usize) -> bool {
        self.ends_after(self.starts.partition_point(|&s| s <= offset), offset)
    }

    /// Whether `offset` is strictly inside some range: `start < offset < end`.
    pub fn surrounds(&self, offset: usize) -> bool {
        self.ends_after(self.starts.partition_point(|&s| s < offset), offset)
    }

    /// Whether one of the first `count` ranges (by start) ends after `offset`.
    fn ends_after(&self, count: usize, offset: usize) -> bool {
        count > 0 && self.furthest_end[count - 1] > offset
    }
}

/// The items of `sorted` (ordered by start) that lie wholly within `within`.
pub fn within<'a, T>(
    sorted: &'a [T],
    range_of: impl Fn(&T) -> &Range<usize> + Copy + 'a,
    within: &Range<usize>,
) -> impl Iterator<Item = &'a T> + 'a {
    let first = sorted.partition_point(|item| range_of(item).start < within.start);
    let end = within.end;
    sorted[first..]
        .iter()
        .take_while(move |item| range_of(item).start <= end)
        .filter(move |item| range_of(item).end <= end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn covering_answers_as_a_pass_over_every_range(
            ranges in proptest::collection::vec((0usize..40, 0usize..10), 0..12),
            offset in 0usize..55,
        ) {
            let ranges: Vec<Range<usize>> = ranges.into_iter().map(|(s, l)| s..s + l).collect();
            let covering = Covering::new(&ranges);
            prop_assert_eq!(covering.holds(offset), ranges.iter().any(|r| r.contains(&offset)));
            prop_assert_eq!(
                covering.surrounds(offset),
                ranges.iter().any(|r| r.start < offset && offset < r.end)
            );
        }

        #[test]
        fn within_picks_what_a_filter_picks(
            lengths in proptest::collection::vec((0usize..4, 0usize..6), 0..12),
            start in 0usize..60,
            length in 0usize..30,
        ) {
            let mut sorted = Vec::new();
            let mut at = 0;
            // Empty ranges too, where another ends, and ranges that share
            // a start (the items of one citation group).
            for (gap, len) in lengths {
                sorted.push(at + gap..at + gap + len);
                if len % 3 == 2 {
                    sorted.push(at + gap..at + gap + len + 1);
                }
                at += gap + len;
            }
            let range = start..start + length;
            let fast: Vec<&Range<usize>> = within(&sorted, |r| r, &range).collect();
            let slow: Vec<&Range<usize>> = sorted
                .iter()
                .filter(|r| range.start <= r.start && r.end <= range.end)
                .collect();
            prop_assert_eq!(fast, slow);
        }
    }
}
