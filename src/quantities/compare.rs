//! Whether the quantity a claim gives is what a source's quantity states.
//! Each quantity stands for the values it asserts ("about 4,000": 3,600 to
//! 4,400) and, more loosely, the values it could plausibly have been
//! written for (3,500 to 4,500 as a rounding of "4,000"). A claim agrees
//! when the source's values lie within the claim's; it plainly disagrees
//! when the source's value is outside the claim's loose reading and the
//! claim's outside what the source asserts. Between the two the answer is unsure, and a checker that must
//! not cry wolf stays silent there. Two quantities with the same qualifier
//! ("about", "more than"), or two ranges, are compared by the values they
//! name.

use super::{Bound, Kind, Quantity};

/// How a claimed quantity stands to a source's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    Agrees,
    Unsure,
    Disagrees,
}

/// A closed span of values; either end may be infinite.
#[derive(Debug, Clone, Copy)]
struct Span {
    low: f64,
    high: f64,
}

impl Span {
    fn contains(self, other: Span) -> bool {
        self.low - tolerance(self.low) <= other.low
            && other.high <= self.high + tolerance(self.high)
    }

    fn meets(self, other: Span) -> bool {
        self.low - tolerance(self.low) <= other.high
            && other.low <= self.high + tolerance(self.high)
    }
}

fn tolerance(value: f64) -> f64 {
    if value.is_finite() {
        value.abs().max(1.0) * 1e-9
    } else {
        0.0
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= tolerance(a.abs().max(b.abs()))
}

/// Minutes in half a day: "6:30" may be 6:30 or 18:30.
const HALF_DAY: f64 = 720.0;

impl Quantity {
    /// Whether two quantities measure the same kind of thing: a plain
    /// number compares with anything but a clock time (a claim may drop
    /// the currency or the per cent); money and per cent do not compare.
    pub fn comparable(&self, other: &Quantity) -> bool {
        match (self.kind, other.kind) {
            (Kind::Clock { .. }, Kind::Clock { .. }) | (Kind::Ordinal, Kind::Ordinal) => true,
            (Kind::Ordinal, _) | (_, Kind::Ordinal) => false,
            (Kind::Clock { .. }, _) | (_, Kind::Clock { .. }) => false,
            (Kind::Percent, Kind::Money(_)) | (Kind::Money(_), Kind::Percent) => false,
            _ => true,
        }
    }

    /// How this quantity, as a claim gives it, stands to `source`.
    pub fn agreement(&self, source: &Quantity) -> Agreement {
        if !self.comparable(source) {
            return Agreement::Disagrees;
        }
        if let (Kind::Money(a), Kind::Money(b)) = (self.kind, source.kind)
            && !a.agrees(b)
        {
            return Agreement::Disagrees;
        }
        let source = self.on_same_half_day(source);
        if same(self.low, source.low) && same(self.high, source.high) {
            // The same number, whatever qualifier either side dropped.
            return Agreement::Agrees;
        }
        let same_qualifier = self.bound == source.bound && self.bound != Bound::Exact;
        if same_qualifier || (self.is_range() && source.is_range()) {
            return self.ends_agreement(&source);
        }
        if self.asserted().contains(source.asserted()) || self.rounds(&source) {
            return Agreement::Agrees;
        }
        // Plainly another value only when the source's value is not within
        // what the claim could have been written for (a rounding of the
        // source: "4,000" for 3,950), nor the claim's within what the
        // source asserts ("about 4,000" for 4,100). A claim more precise
        // than its source gets no rounding: "621,000" is not in "620,000".
        let meets =
            self.plausible().meets(source.stated()) || source.asserted().meets(self.stated());
        if meets {
            Agreement::Unsure
        } else {
            Agreement::Disagrees
        }
    }

    /// Two approximations of one kind ("more than 550", "more than 400"),
    /// or two ranges, compared by the values they name, end by end: a claim
    /// that copies the qualifier copies the value too.
    fn ends_agreement(&self, source: &Quantity) -> Agreement {
        let end = |q: &Quantity, value: f64| Quantity {
            low: value,
            high: value,
            bound: Bound::Exact,
            ..q.clone()
        };
        let verdicts = [(self.low, source.low), (self.high, source.high)]
            .map(|(claimed, stated)| end(self, claimed).agreement(&end(source, stated)));
        if verdicts.contains(&Agreement::Disagrees) {
            Agreement::Disagrees
        } else if verdicts.iter().all(|v| *v == Agreement::Agrees) {
            Agreement::Agrees
        } else {
            Agreement::Unsure
        }
    }

    /// `source`, when either is a clock time of unknown half day, moved by
    /// half days to lie nearest this one.
    fn on_same_half_day(&self, source: &Quantity) -> Quantity {
        let mut moved = source.clone();
        let unknown = |q: &Quantity| {
            matches!(
                q.kind,
                Kind::Clock {
                    half_day_known: false
                }
            )
        };
        if unknown(self) || unknown(source) {
            let shift = ((self.low - source.low) / HALF_DAY).round() * HALF_DAY;
            moved.low += shift;
            moved.high += shift;
        }
        moved
    }

    /// A claim that writes a value less precisely than the source ("28%"
    /// for 28.4 per cent, "1.5 million" for 1,520,000).
    fn rounds(&self, source: &Quantity) -> bool {
        self.bound == Bound::Exact
            && source.bound == Bound::Exact
            && !self.is_range()
            && !source.is_range()
            && !matches!(self.kind, Kind::Clock { .. })
            && self.step > source.step
            && (self.low - source.low).abs() < self.step / 2.0 - tolerance(self.low)
    }

    /// The values this quantity asserts.
    fn asserted(&self) -> Span {
        let (low, high) = (self.low, self.high);
        let clock = matches!(self.kind, Kind::Clock { .. });
        let (about_low, about_high) = if clock {
            (low - 15.0, high + 15.0)
        } else {
            (low * 0.9, high * 1.1)
        };
        let just_above = high + tolerance(high) * 10.0;
        let just_below = low - tolerance(low) * 10.0;
        match self.bound {
            Bound::Exact => Span { low, high },
            Bound::About => Span {
                low: about_low,
                high: about_high,
            },
            Bound::Nearly => Span {
                low: about_low,
                high,
            },
            Bound::Above => Span {
                low: just_above,
                high: f64::INFINITY,
            },
            Bound::AtLeast => Span {
                low,
                high: f64::INFINITY,
            },
            Bound::Below => Span {
                low: f64::NEG_INFINITY,
                high: just_below,
            },
            Bound::AtMost => Span {
                low: f64::NEG_INFINITY,
                high,
            },
        }
    }

    /// Half the width within which the written value may be a rounding;
    /// just under half, so that "30" and "31" do not meet.
    fn half_slack(&self) -> f64 {
        self.slack.max(self.step) / 2.0 * 0.999
    }

    /// The value or values stated, bounds kept.
    fn stated(&self) -> Span {
        let (low, high) = (self.low, self.high);
        match self.bound {
            Bound::Exact | Bound::About | Bound::Nearly => Span { low, high },
            Bound::Above | Bound::AtLeast => Span {
                low,
                high: f64::INFINITY,
            },
            Bound::Below | Bound::AtMost => Span {
                low: f64::NEG_INFINITY,
                high,
            },
        }
    }

    /// The values this quantity could have been written for: what it
    /// states, widened by rounding, and for an approximation what the
    /// approximation covers.
    fn plausible(&self) -> Span {
        let half = self.half_slack();
        let stated = self.stated();
        let rounded = Span {
            low: stated.low - half,
            high: stated.high + half,
        };
        let asserted = self.asserted();
        match self.bound {
            Bound::About => Span {
                low: asserted.low.min(rounded.low),
                high: asserted.high.max(rounded.high),
            },
            Bound::Nearly => Span {
                low: asserted.low.min(rounded.low),
                high: rounded.high + self.high.abs() * 0.02,
            },
            _ => rounded,
        }
    }
}
