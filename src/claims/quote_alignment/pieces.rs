//! The alignment of a quote too long for one table of quote words by source
//! words (a table grows with the product of the two): a hundred words at a
//! time, each piece against the source words that follow the piece before
//! it, so the work grows with the quote's length alone. Misquotes read the
//! same as with one table when the quote follows the source in order; a
//! quote that moves whole stretches around may align less well, and its
//! finding says it was compared in pieces.

use super::{Alignment, OMISSION, Step, align, source_span};
use crate::claims::quote_pattern::Pattern;
use crate::text::Words;

/// Quotes of more words than this are aligned in pieces.
pub const WHOLE_WORDS: usize = 300;

/// Words of the quote per piece.
pub const PIECE_WORDS: usize = 100;

/// Source words a piece may reach past twice its own length: room for
/// words the quote leaves out.
const SLACK_WORDS: usize = 20;

/// Align `pattern` with `source` piece by piece: the first piece anywhere in
/// `source`, each next one within the words after where the last ended.
/// Source words between two pieces are omissions, as inside one.
pub fn align_in_pieces(pattern: &Pattern, source: Words<'_>) -> Option<Alignment> {
    if pattern.words.is_empty() || source.is_empty() {
        return None;
    }
    let mut steps = Vec::with_capacity(pattern.words.len());
    let mut cost = 0.0;
    // Where the source words after the last aligned piece start.
    let mut resume: Option<usize> = None;
    for start in (0..pattern.words.len()).step_by(PIECE_WORDS) {
        let end = (start + PIECE_WORDS).min(pattern.words.len());
        let from = resume.unwrap_or(0);
        let to = match resume {
            Some(at) => (at + 2 * (end - start) + SLACK_WORDS).min(source.len()),
            None => source.len(),
        };
        let piece = pattern.piece(start..end);
        let Some(aligned) = (from < to)
            .then(|| align(&piece, source.slice(from..to)))
            .flatten()
        else {
            steps.extend((start..end).map(|quote| Step::Added { quote }));
            cost += (end - start) as f32;
            continue;
        };
        let local = aligned.span.start + from..aligned.span.end + from;
        if let Some(at) = resume.filter(|_| !local.is_empty() && !pattern.gap_before[start]) {
            steps.extend((at..local.start).map(|source| Step::Omitted { source }));
            cost += OMISSION * local.start.saturating_sub(at) as f32;
        }
        steps.extend(aligned.steps.iter().map(|step| shifted(*step, start, from)));
        cost += aligned.cost;
        if !local.is_empty() {
            resume = Some(local.end);
        }
    }
    let span = source_span(&steps);
    Some(Alignment { steps, cost, span })
}

/// A piece's step in the whole quote's and source's numbering.
fn shifted(step: Step, quote_offset: usize, source_offset: usize) -> Step {
    match step {
        Step::Same { quote, source } => Step::Same {
            quote: quote + quote_offset,
            source: source + source_offset,
        },
        Step::Changed { quote, source } => Step::Changed {
            quote: quote + quote_offset,
            source: source + source_offset,
        },
        Step::Added { quote } => Step::Added {
            quote: quote + quote_offset,
        },
        Step::Omitted { source } => Step::Omitted {
            source: source + source_offset,
        },
    }
}
