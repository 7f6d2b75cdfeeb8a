//! Research notes: what a note cites, claims and quotes, with exact byte
//! ranges. Parsing knows nothing of the corpus, so the checker, hover,
//! go-to-definition and completion all share one `Note`.

pub mod inline;
mod mapped;

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub use mapped::MappedText;

/// What a citation points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitationTarget {
    /// A Pandoc citation key (`[@key]`).
    Key(String),
    /// The destination of a Markdown link, as written; it is a citation when
    /// it resolves to an article file.
    Link(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub target: CitationTarget,
    /// The key without `@`, or the link destination: what a fix replaces.
    pub key_range: Range<usize>,
    /// `@key, p. 4`, or the whole link.
    pub range: Range<usize>,
    /// The whole `[…]` group, or the whole link.
    pub group: Range<usize>,
    pub locator: Option<String>,
    /// The claim this citation covers.
    pub claim: Option<usize>,
}

impl Citation {
    pub fn key(&self) -> Option<&str> {
        match &self.target {
            CitationTarget::Key(key) => Some(key),
            CitationTarget::Link(_) => None,
        }
    }
}

/// Where a claim stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
    /// A blockquote with an attribution line: the claim is that the named
    /// speaker said the quoted text.
    AttributedBlockQuote,
}

/// A sentence (or a one-sentence list item or table cell) of the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// The claim's plain text (markup, code and comments left out) mapped to
    /// the source.
    pub text: MappedText,
    pub citations: Vec<usize>,
    pub quotes: Vec<usize>,
    /// Parts of `text` that are citation groups or quotes, so content checks
    /// can look at the note's own words only.
    pub cited_spans: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Including the quotation marks (for a blockquote: its quoted lines).
    pub range: Range<usize>,
    /// The quoted words: what a "replace with the source's words" fix
    /// replaces.
    pub content: Range<usize>,
    /// The quoted words as plain text.
    pub text: String,
    pub claim: Option<usize>,
    pub speaker: Option<Speaker>,
    pub block: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    pub front_matter: Option<Range<usize>>,
    pub citations: Vec<Citation>,
    pub claims: Vec<Claim>,
    pub quotes: Vec<Quote>,
}

/// Quotes shorter than this are scare quotes, not quotations.
pub const MIN_QUOTE_WORDS: usize = 3;

#[derive(Debug, Default)]
struct Block {
    kind: Option<BlockKind>,
    text: MappedText,
    /// Links: destination, the destination's source range, the whole link's
    /// source range, and where the link text ends in `text`.
    links: Vec<(String, Range<usize>, Range<usize>, usize)>,
}

#[derive(Debug)]
struct BlockQuoteFrame {
    range: Range<usize>,
    blocks: Vec<Block>,
}

impl Note {
    /// Parse a note. Never fails: text that is not what it looks like (an
    /// unclosed `[@key`, an unbalanced quote mark) is left out.
    pub fn parse(source: &str) -> Note {
        let mut note = Note::default();
        let mut options = Options::empty();
        options.insert(Options::ENABLE_TABLES);
        options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
        options.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
        options.insert(Options::ENABLE_STRIKETHROUGH);
        options.insert(Options::ENABLE_FOOTNOTES);

        let mut skip_depth = 0usize;
        let mut block: Option<Block> = None;
        let mut open_links: Vec<(String, Range<usize>)> = Vec::new();
        let mut blockquotes: Vec<BlockQuoteFrame> = Vec::new();
        let mut finished: Vec<Block> = Vec::new();

        let flush = |block: &mut Option<Block>,
                     blockquotes: &mut Vec<BlockQuoteFrame>,
                     finished: &mut Vec<Block>| {
            if let Some(done) = block.take() {
                if done.text.text.trim().is_empty() {
                    return;
                }
                match blockquotes.last_mut() {
                    Some(frame) => frame.blocks.push(done),
                    None => finished.push(done),
                }
            }
        };

        for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
            if skip_depth > 0 {
                match event {
                    Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                        skip_depth += 1
                    }
                    Event::End(
                        TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_),
                    ) => skip_depth -= 1,
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(Tag::MetadataBlock(_)) => {
                    note.front_matter = Some(range);
                    skip_depth = 1;
                }
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                    flush(&mut block, &mut blockquotes, &mut finished);
                    skip_depth = 1;
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    flush(&mut block, &mut blockquotes, &mut finished);
                    blockquotes.push(BlockQuoteFrame {
                        range,
                        blocks: Vec::new(),
                    });
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    flush(&mut block, &mut blockquotes, &mut finished);
                    if let Some(frame) = blockquotes.pop() {
                        let blocks = attributed_blockquote(source, frame, &mut note);
                        // Unattributed quoted material reads as ordinary text.
                        match blockquotes.last_mut() {
                            Some(outer) => outer.blocks.extend(blocks),
                            None => finished.extend(blocks),
                        }
                    }
                }
                Event::Start(
                    tag @ (Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell),
                ) => {
                    // A paragraph inside a loose list item continues the item.
                    let kind = match tag {
                        Tag::Heading { .. } => BlockKind::Heading,
                        Tag::Item => BlockKind::ListItem,
                        Tag::TableCell => BlockKind::TableCell,
                        _ => match &block {
                            Some(b)
                                if b.kind == Some(BlockKind::ListItem)
                                    && b.text.text.trim().is_empty() =>
                            {
                                BlockKind::ListItem
                            }
                            _ => BlockKind::Paragraph,
                        },
                    };
                    flush(&mut block, &mut blockquotes, &mut finished);
                    block = Some(Block {
                        kind: Some(kind),
                        ..Block::default()
                    });
                }
                Event::End(
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
                ) => {
                    flush(&mut block, &mut blockquotes, &mut finished);
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    open_links.push((dest_url.to_string(), range));
                }
                Event::End(TagEnd::Link) => {
                    if let (Some((dest, link_range)), Some(b)) = (open_links.pop(), block.as_mut())
                    {
                        let dest_range = source[link_range.clone()]
                            .rfind(dest.as_str())
                            .filter(|_| !dest.is_empty())
                            .map(|at| link_range.start + at..link_range.start + at + dest.len())
                            .unwrap_or(link_range.clone());
                        let at = b.text.text.len();
                        b.links.push((dest, dest_range, link_range, at));
                    }
                }
                Event::Text(text) => {
                    let b = block.get_or_insert_with(|| Block {
                        kind: Some(BlockKind::Paragraph),
                        ..Block::default()
                    });
                    b.text.push(&text, range);
                }
                Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                    if let Some(b) = block.as_mut() {
                        // An object replacement character: not a word, not a
                        // sentence end, never part of a citation or quote.
                        b.text.push("\u{FFFC}", range);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(b) = block.as_mut() {
                        b.text.push("\n", range);
                    }
                }
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    flush(&mut block, &mut blockquotes, &mut finished);
                }
                _ => {}
            }
        }
        flush(&mut block, &mut blockquotes, &mut finished);
        while let Some(frame) = blockquotes.pop() {
            finished.extend(frame.blocks);
        }
        for b in finished {
            add_block(b, &mut note);
        }
        note.claims.sort_by_key(|c| c.range.start);
        renumber(&mut note);
        note
    }

    /// The citation whose key or link is at `offset` (for hover and
    /// go-to-definition).
    pub fn citation_at(&self, offset: usize) -> Option<&Citation> {
        self.citations
            .iter()
            .find(|c| c.range.start <= offset && offset <= c.range.end)
    }

    /// The quote at `offset`.
    pub fn quote_at(&self, offset: usize) -> Option<&Quote> {
        self.quotes
            .iter()
            .find(|q| q.range.start <= offset && offset <= q.range.end)
    }

    /// The claim at `offset`.
    pub fn claim_at(&self, offset: usize) -> Option<&Claim> {
        self.claims
            .iter()
            .find(|c| c.range.start <= offset && offset <= c.range.end)
    }
}

/// Claims were built block by block, and blockquotes out of order; sort them
/// and point citations and quotes at the new positions.
fn renumber(note: &mut Note) {
    for (index, claim) in note.claims.iter().enumerate() {
        for &c in &claim.citations {
            note.citations[c].claim = Some(index);
        }
        for &q in &claim.quotes {
            note.quotes[q].claim = Some(index);
        }
    }
}

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

/// A blockquote whose last line is `— Name [@key]` becomes one quote and one
/// claim. Anything else is handed back as ordinary blocks.
fn attributed_blockquote(source: &str, mut frame: BlockQuoteFrame, note: &mut Note) -> Vec<Block> {
    let Some(last) = frame.blocks.last() else {
        return frame.blocks;
    };
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
    let has_content = line_start > 0 || frame.blocks.len() > 1;
    if !dashed || !has_content || line.len() > 200 {
        return frame.blocks;
    }
    let mut attribution = frame.blocks.pop().unwrap_or_default();
    let mut quoted = std::mem::take(&mut frame.blocks);
    if line_start > 0 {
        // The attribution shares a paragraph with the last quoted lines.
        let mut head = Block {
            kind: attribution.kind,
            ..Block::default()
        };
        push_mapped(&attribution.text, 0..line_start - 1, &mut head.text);
        let mut tail = Block {
            kind: attribution.kind,
            ..Block::default()
        };
        push_mapped(
            &attribution.text,
            line_start..attribution.text.text.len(),
            &mut tail.text,
        );
        tail.links = attribution
            .links
            .iter()
            .filter(|l| l.3 > line_start)
            .map(|l| (l.0.clone(), l.1.clone(), l.2.clone(), l.3 - line_start))
            .collect();
        quoted.push(head);
        attribution = tail;
    }
    // Quoted text as one string, mapped to the source.
    let mut content = MappedText::default();
    for (i, b) in quoted.iter().enumerate() {
        if i > 0 {
            let at = b.text.source_range(0..0);
            content.push("\n", at.start..at.start);
        }
        push_mapped(&b.text, 0..b.text.text.len(), &mut content);
    }
    let trimmed_start = content.text.len() - content.text.trim_start().len();
    let trimmed_end = content.text.trim_end().len();
    let mut inner = trimmed_start..trimmed_end.max(trimmed_start);
    let body = &content.text[inner.clone()];
    for (open, close) in [("\"", "\""), ("“", "”")] {
        if body.len() >= open.len() + close.len() && body.starts_with(open) && body.ends_with(close)
        {
            inner = inner.start + open.len()..inner.end - close.len();
            break;
        }
    }
    let quote_text = content.text[inner.clone()].to_string();
    if inline::word_count(&quote_text) < MIN_QUOTE_WORDS {
        quoted.push(attribution);
        return quoted;
    }
    // The attribution line: `— Keir Starmer, to the BBC [@key]`.
    let attr_text = attribution.text.text.clone();
    let dash_end = dash_prefix(&attr_text).unwrap_or(0);
    let name_end = attr_text[dash_end..]
        .find(['[', ',', '(', '\n'])
        .map_or(attr_text.len(), |i| i + dash_end);
    let name = attr_text[dash_end..name_end].trim();
    let name_start = dash_end
        + (attr_text[dash_end..name_end].len() - attr_text[dash_end..name_end].trim_start().len());

    let claim_index = note.claims.len();
    let quote_index = note.quotes.len();
    let content_range = content.source_range(inner.clone());
    let quote_range = content.source_range(trimmed_start..trimmed_end.max(trimmed_start));
    note.quotes.push(Quote {
        range: quote_range,
        content: content_range,
        text: quote_text,
        claim: Some(claim_index),
        speaker: (!name.is_empty()).then(|| Speaker {
            name: name.to_string(),
            range: attribution
                .text
                .source_range(name_start..name_start + name.len()),
        }),
        block: true,
    });
    let citations = push_citations(&attribution, claim_index, note);
    let groups: Vec<Range<usize>> = inline::citations(&attr_text)
        .into_iter()
        .map(|c| c.group)
        .collect();
    note.claims.push(Claim {
        range: frame.range.start..attribution.text.source_range(0..attr_text.len()).end,
        kind: BlockKind::AttributedBlockQuote,
        text: attribution.text,
        citations,
        quotes: vec![quote_index],
        cited_spans: groups,
    });
    Vec::new()
}

/// Record the citations (keys and links) of a block's text; returns their
/// indexes.
fn push_citations(block: &Block, claim: usize, note: &mut Note) -> Vec<usize> {
    let mut indexes = Vec::new();
    for item in inline::citations(&block.text.text) {
        indexes.push(note.citations.len());
        note.citations.push(Citation {
            target: CitationTarget::Key(item.key),
            key_range: block.text.source_range(item.key_range),
            range: block.text.source_range(item.item),
            group: block.text.source_range(item.group),
            locator: item.locator,
            claim: Some(claim),
        });
    }
    indexes.extend(push_links(block, 0..block.text.text.len(), claim, note));
    indexes
}

fn push_links(block: &Block, within: Range<usize>, claim: usize, note: &mut Note) -> Vec<usize> {
    let mut indexes = Vec::new();
    for (dest, dest_range, link_range, at) in &block.links {
        if !(within.start < *at && *at <= within.end) {
            continue;
        }
        indexes.push(note.citations.len());
        note.citations.push(Citation {
            target: CitationTarget::Link(dest.clone()),
            key_range: dest_range.clone(),
            range: link_range.clone(),
            group: link_range.clone(),
            locator: None,
            claim: Some(claim),
        });
    }
    indexes
}

/// Split an ordinary block into claims, with their citations and quotes.
fn add_block(block: Block, note: &mut Note) {
    let text = &block.text.text;
    let items = inline::citations(text);
    let groups: Vec<Range<usize>> = {
        let mut g: Vec<Range<usize>> = items.iter().map(|c| c.group.clone()).collect();
        g.dedup();
        g
    };
    let spans: Vec<inline::QuoteSpan> = inline::quotes(text, &groups);
    let mut protected: Vec<Range<usize>> = groups.clone();
    protected.extend(spans.iter().map(|q| q.outer.clone()));
    let mut sentences = inline::sentences(text, &protected);
    // A sentence of citations only (`… lasting peace. [@a]`) belongs to the
    // sentence before it.
    let mut merged: Vec<Range<usize>> = Vec::new();
    for s in sentences.drain(..) {
        let only_citations = {
            let mut rest = text[s.clone()].to_string();
            for g in groups
                .iter()
                .rev()
                .filter(|g| s.start <= g.start && g.end <= s.end)
            {
                rest.replace_range(g.start - s.start..g.end - s.start, "");
            }
            !rest.chars().any(char::is_alphanumeric)
        };
        match merged.last_mut() {
            Some(previous) if only_citations => previous.end = s.end,
            _ => merged.push(s),
        }
    }
    let kind = block.kind.unwrap_or(BlockKind::Paragraph);
    let mut previous_quote_end = 0;
    for sentence in merged {
        let claim_index = note.claims.len();
        let mut claim_text = MappedText::default();
        let sentence_source = block.text.source_range(sentence.clone());
        // Keep the piecewise mapping by pushing char runs through the block's map.
        push_mapped(&block.text, sentence.clone(), &mut claim_text);
        let mut citations = Vec::new();
        let mut cited_spans = Vec::new();
        for item in items
            .iter()
            .filter(|c| sentence.start <= c.group.start && c.group.end <= sentence.end)
        {
            citations.push(note.citations.len());
            note.citations.push(Citation {
                target: CitationTarget::Key(item.key.clone()),
                key_range: block.text.source_range(item.key_range.clone()),
                range: block.text.source_range(item.item.clone()),
                group: block.text.source_range(item.group.clone()),
                locator: item.locator.clone(),
                claim: Some(claim_index),
            });
        }
        for g in groups
            .iter()
            .filter(|g| sentence.start <= g.start && g.end <= sentence.end)
        {
            cited_spans.push(g.start - sentence.start..g.end - sentence.start);
        }
        citations.extend(push_links(&block, sentence.clone(), claim_index, note));
        let mut quotes = Vec::new();
        for span in spans
            .iter()
            .filter(|q| sentence.start <= q.outer.start && q.outer.end <= sentence.end)
        {
            let inner_text = &text[span.inner.clone()];
            let speaker = inline::speaker(text, span, previous_quote_end.max(sentence.start));
            previous_quote_end = span.outer.end;
            // A scare quote's words are the note's own; only quotations are
            // set aside for the quote checks.
            if inline::word_count(inner_text) < MIN_QUOTE_WORDS {
                continue;
            }
            cited_spans.push(span.outer.start - sentence.start..span.outer.end - sentence.start);
            quotes.push(note.quotes.len());
            note.quotes.push(Quote {
                range: block.text.source_range(span.outer.clone()),
                content: block.text.source_range(span.inner.clone()),
                text: inner_text.to_string(),
                claim: Some(claim_index),
                speaker: speaker.map(|r| Speaker {
                    name: text[r.clone()].to_string(),
                    range: block.text.source_range(r),
                }),
                block: false,
            });
        }
        note.claims.push(Claim {
            range: sentence_source,
            kind,
            text: claim_text,
            citations,
            quotes,
            cited_spans,
        });
    }
}

fn push_mapped(from: &MappedText, range: Range<usize>, into: &mut MappedText) {
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

#[cfg(test)]
mod tests;
