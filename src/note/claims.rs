//! Blocks into claims: each sentence of a block (a whole list item or table
//! cell when it is one sentence) with the citations and quotes it holds.

use std::ops::Range;

use super::blocks::Block;
use super::spans::within;
use super::{
    BlockKind, Citation, CitationTarget, Claim, MIN_QUOTE_WORDS, MappedText, Note, Quote, Speaker,
    inline,
};

/// What a block holds, found once for all its sentences.
struct Parts {
    citations: Vec<inline::CitationItem>,
    /// Citation groups (`[@a; @b]`), in order.
    groups: Vec<Range<usize>>,
    quotes: Vec<inline::QuoteSpan>,
}

/// Split an ordinary block into claims, with their citations and quotes.
pub(super) fn add_block(block: Block, note: &mut Note) {
    let text = &block.text.text;
    let citations = inline::citations(text);
    let mut groups: Vec<Range<usize>> = citations.iter().map(|c| c.group.clone()).collect();
    groups.dedup();
    let quotes = inline::quotes(text, &groups);
    let parts = Parts {
        citations,
        groups,
        quotes,
    };
    let kind = block.kind.unwrap_or(BlockKind::Paragraph);
    let mut previous_quote_end = 0;
    for sentence in claim_sentences(text, &parts) {
        let claim = note.claims.len();
        let mut claim_text = MappedText::default();
        push_mapped(&block.text, sentence.clone(), &mut claim_text);
        let mut citations = Vec::new();
        for item in within(&parts.citations, |c| &c.group, &sentence) {
            citations.push(note.citations.len());
            note.citations.push(key_citation(&block, item, claim));
        }
        let mut cited_spans: Vec<Range<usize>> = within(&parts.groups, |g| g, &sentence)
            .map(|g| g.start - sentence.start..g.end - sentence.start)
            .collect();
        citations.extend(push_links(&block, sentence.clone(), claim, note));
        let mut quotes = Vec::new();
        for span in within(&parts.quotes, |q| &q.outer, &sentence) {
            let reach = previous_quote_end.max(sentence.start)..sentence.end;
            let speaker = inline::speaker(text, span, reach);
            previous_quote_end = span.outer.end;
            // A scare quote's words are the note's own; only quotations are
            // set aside for the quote checks.
            if inline::word_count(&text[span.inner.clone()]) < MIN_QUOTE_WORDS {
                continue;
            }
            cited_spans.push(span.outer.start - sentence.start..span.outer.end - sentence.start);
            quotes.push(note.quotes.len());
            note.quotes.push(inline_quote(&block, span, speaker, claim));
        }
        note.claims.push(Claim {
            range: block.text.source_range(sentence),
            kind,
            text: claim_text,
            citations,
            quotes,
            cited_spans,
        });
    }
}

/// The block's sentences, none ending inside a quote or citation group; a
/// sentence of citations only (`… lasting peace. [@a]`) belongs to the
/// sentence before it.
fn claim_sentences(text: &str, parts: &Parts) -> Vec<Range<usize>> {
    let mut protected: Vec<Range<usize>> = parts.groups.clone();
    protected.extend(parts.quotes.iter().map(|q| q.outer.clone()));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for s in inline::sentences(text, &protected) {
        let mut outside_groups = s.start;
        let mut has_words = false;
        for g in within(&parts.groups, |g| g, &s) {
            has_words |= has_alphanumeric(&text[outside_groups..g.start]);
            outside_groups = g.end;
        }
        has_words |= has_alphanumeric(&text[outside_groups..s.end]);
        let only_citations = !has_words;
        match merged.last_mut() {
            Some(previous) if only_citations => previous.end = s.end,
            _ => merged.push(s),
        }
    }
    merged
}

fn has_alphanumeric(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

fn key_citation(block: &Block, item: &inline::CitationItem, claim: usize) -> Citation {
    Citation {
        target: CitationTarget::Key(item.key.clone()),
        key_range: block.text.source_range(item.key_range.clone()),
        range: block.text.source_range(item.item.clone()),
        group: block.text.source_range(item.group.clone()),
        locator: item.locator.clone(),
        claim: Some(claim),
    }
}

fn inline_quote(
    block: &Block,
    span: &inline::QuoteSpan,
    speaker: Option<Range<usize>>,
    claim: usize,
) -> Quote {
    let text = &block.text.text;
    Quote {
        range: block.text.source_range(span.outer.clone()),
        content: block.text.source_range(span.inner.clone()),
        text: text[span.inner.clone()].to_string(),
        claim: Some(claim),
        speaker: speaker.map(|r| Speaker {
            name: text[r.clone()].to_string(),
            verbatim: block.text.is_verbatim(r.clone()),
            range: block.text.source_range(r),
        }),
        block: false,
    }
}

/// Record the citations (keys and links) of a block's text; returns their
/// indexes.
pub(super) fn push_citations(block: &Block, claim: usize, note: &mut Note) -> Vec<usize> {
    let mut indexes = Vec::new();
    for item in inline::citations(&block.text.text) {
        indexes.push(note.citations.len());
        note.citations.push(key_citation(block, &item, claim));
    }
    indexes.extend(push_links(block, 0..block.text.text.len(), claim, note));
    indexes
}

/// Record the links of `block` whose text ends within `within` as
/// citations; returns their indexes.
fn push_links(block: &Block, within: Range<usize>, claim: usize, note: &mut Note) -> Vec<usize> {
    let mut indexes = Vec::new();
    // Links are recorded as they close, so in the order of their ends.
    let first = block.links.partition_point(|l| l.ends_at <= within.start);
    for link in &block.links[first..] {
        if link.ends_at > within.end {
            break;
        }
        indexes.push(note.citations.len());
        note.citations.push(Citation {
            target: CitationTarget::Link(link.destination.clone()),
            key_range: link.destination_range.clone(),
            range: link.range.clone(),
            group: link.range.clone(),
            locator: None,
            claim: Some(claim),
        });
    }
    indexes
}

/// Append `from`'s text in `range` to `into`, keeping its map to the source.
pub(super) fn push_mapped(from: &MappedText, range: Range<usize>, into: &mut MappedText) {
    // Char by char keeps escapes and markup mapped exactly; verbatim runs
    // merge back into single pieces as they are pushed.
    let text = &from.text[range.clone()];
    for (offset, ch) in text.char_indices() {
        let at = range.start + offset;
        into.push(
            ch.encode_utf8(&mut [0; 4]),
            from.source_range(at..at + ch.len_utf8()),
        );
    }
}
