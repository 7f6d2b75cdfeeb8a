//! Attributed blockquotes: a blockquote whose last line is `— Name [@key]`
//! is one quote of the named speaker and one claim.

use std::ops::Range;

use super::blocks::{Block, BlockQuoteFrame, Link};
use super::claims::{push_citations, push_mapped};
use super::{BlockKind, Claim, MIN_QUOTE_WORDS, MappedText, Note, Quote, Speaker, inline};

/// Longest attribution line: anything longer is prose, not a byline.
const MAX_ATTRIBUTION: usize = 200;

/// Record `frame` in `note` as a quote and a claim when it is attributed;
/// anything else is handed back as ordinary blocks.
pub(super) fn attributed_blockquote(
    source: &str,
    mut frame: BlockQuoteFrame,
    note: &mut Note,
) -> Vec<Block> {
    let Some(line_start) = attribution_line(source, &frame.blocks) else {
        return frame.blocks;
    };
    let mut attribution = frame.blocks.pop().unwrap_or_default();
    let mut quoted = std::mem::take(&mut frame.blocks);
    if line_start > 0 {
        // The attribution shares a paragraph with the last quoted lines.
        let (head, tail) = split_block(&attribution, line_start);
        quoted.push(head);
        attribution = tail;
    }
    let (content, outer, inner) = quoted_content(&quoted);
    let quote_text = content.text[inner.clone()].to_string();
    if inline::word_count(&quote_text) < MIN_QUOTE_WORDS {
        quoted.push(attribution);
        return quoted;
    }
    let claim_index = note.claims.len();
    let quote_index = note.quotes.len();
    note.quotes.push(Quote {
        range: content.source_range(outer),
        content: content.source_range(inner),
        text: quote_text,
        claim: Some(claim_index),
        speaker: named_speaker(&attribution),
        block: true,
    });
    let citations = push_citations(&attribution, claim_index, note);
    let attr_text = &attribution.text.text;
    let cited_spans = (inline::citations(attr_text).into_iter())
        .map(|c| c.group)
        .collect();
    note.claims.push(Claim {
        range: frame.range.start..attribution.text.source_range(0..attr_text.len()).end,
        kind: BlockKind::AttributedBlockQuote,
        text: attribution.text,
        citations,
        quotes: vec![quote_index],
        cited_spans,
    });
    Vec::new()
}

/// Where the attribution line starts in the last block, when the blocks
/// end with one (`— Name`, or a `- Name` list item) after quoted content.
fn attribution_line(source: &str, blocks: &[Block]) -> Option<usize> {
    let last = blocks.last()?;
    let last_text = &last.text.text;
    let line_start = last_text.rfind('\n').map_or(0, |i| i + 1);
    let line = &last_text[line_start..];
    // `- Name` inside a blockquote is a list item: its marker is not text, so
    // look at the source line.
    let source_line_start = {
        let at = last.text.source_range(line_start..line_start).start;
        source[..at].rfind('\n').map_or(0, |i| i + 1)
    };
    let source_line = source[source_line_start..]
        .split('\n')
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    let dashed = dash_prefix(line).is_some()
        || (last.kind == Some(BlockKind::ListItem)
            && line_start == 0
            && dash_prefix(source_line).is_some());
    let has_content = line_start > 0 || blocks.len() > 1;
    (dashed && has_content && line.len() <= MAX_ATTRIBUTION).then_some(line_start)
}

/// `block` cut before its line starting at `line_start`: the quoted lines
/// and the attribution line, each keeping its links.
fn split_block(block: &Block, line_start: usize) -> (Block, Block) {
    let mut head = Block {
        kind: block.kind,
        ..Block::default()
    };
    push_mapped(&block.text, 0..line_start - 1, &mut head.text);
    let mut tail = Block {
        kind: block.kind,
        ..Block::default()
    };
    push_mapped(
        &block.text,
        line_start..block.text.text.len(),
        &mut tail.text,
    );
    tail.links = (block.links.iter())
        .filter(|link| link.ends_at > line_start)
        .map(|link| Link {
            ends_at: link.ends_at - line_start,
            ..link.clone()
        })
        .collect();
    (head, tail)
}

/// The quoted blocks as one text mapped to the source, the range of the
/// quote without surrounding space, and the range of its words without
/// enclosing quotation marks.
fn quoted_content(quoted: &[Block]) -> (MappedText, Range<usize>, Range<usize>) {
    let mut content = MappedText::default();
    for (i, b) in quoted.iter().enumerate() {
        if i > 0 {
            let at = b.text.source_range(0..0);
            content.push("\n", at.start..at.start);
        }
        push_mapped(&b.text, 0..b.text.text.len(), &mut content);
    }
    let trimmed_start = content.text.len() - content.text.trim_start().len();
    let trimmed_end = content.text.trim_end().len().max(trimmed_start);
    let mut inner = trimmed_start..trimmed_end;
    let body = &content.text[inner.clone()];
    for (open, close) in [("\"", "\""), ("“", "”")] {
        if body.len() >= open.len() + close.len() && body.starts_with(open) && body.ends_with(close)
        {
            inner = inner.start + open.len()..inner.end - close.len();
            break;
        }
    }
    (content, trimmed_start..trimmed_end, inner)
}

/// The speaker an attribution line names: `— Keir Starmer, to the BBC
/// [@key]` names Keir Starmer.
fn named_speaker(attribution: &Block) -> Option<Speaker> {
    let attr_text = &attribution.text.text;
    let dash_end = dash_prefix(attr_text).unwrap_or(0);
    let name_end = attr_text[dash_end..]
        .find(['[', ',', '(', '\n'])
        .map_or(attr_text.len(), |i| i + dash_end);
    let written = &attr_text[dash_end..name_end];
    let name = written.trim();
    let name_start = dash_end + (written.len() - written.trim_start().len());
    let range = name_start..name_start + name.len();
    (!name.is_empty()).then(|| Speaker {
        name: name.to_string(),
        verbatim: attribution.text.is_verbatim(range.clone()),
        range: attribution.text.source_range(range),
    })
}

/// The length of a leading dash (and the space before it), if the line
/// starts with one.
fn dash_prefix(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    for dash in ["—", "―", "–", "--", "-", "~"] {
        if let Some(rest) = trimmed.strip_prefix(dash)
            && (rest.starts_with(char::is_whitespace)
                || rest.starts_with(|c: char| c.is_alphabetic()))
        {
            return Some(lead + dash.len());
        }
    }
    None
}
