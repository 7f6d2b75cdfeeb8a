//! The Markdown walk: a note's text cut into blocks (paragraphs, headings,
//! list items, table cells) of plain text mapped to the source, with code,
//! HTML and front matter left out and attributed blockquotes taken aside.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::blockquote::attributed_blockquote;
use super::{BlockKind, MappedText, Note};

/// A link of a block: a citation when its destination is an article file.
#[derive(Debug, Clone)]
pub(super) struct Link {
    pub destination: String,
    /// Where the destination is written in the source.
    pub destination_range: Range<usize>,
    /// The whole link in the source.
    pub range: Range<usize>,
    /// Where the link's text ends in the block's text.
    pub ends_at: usize,
}

#[derive(Debug, Default)]
pub(super) struct Block {
    pub kind: Option<BlockKind>,
    pub text: MappedText,
    pub links: Vec<Link>,
}

#[derive(Debug)]
pub(super) struct BlockQuoteFrame {
    pub range: Range<usize>,
    pub blocks: Vec<Block>,
}

/// The blocks of `source` in document order; front matter and attributed
/// blockquotes are recorded in `note` as they are met.
pub(super) fn collect(source: &str, note: &mut Note) -> Vec<Block> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    options.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_FOOTNOTES);
    let mut walk = Walk {
        source,
        note,
        skip_depth: 0,
        block: None,
        open_links: Vec::new(),
        blockquotes: Vec::new(),
        finished: Vec::new(),
    };
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        walk.event(event, range);
    }
    walk.flush();
    while let Some(frame) = walk.blockquotes.pop() {
        walk.finished.extend(frame.blocks);
    }
    walk.finished
}

struct Walk<'s, 'n> {
    source: &'s str,
    note: &'n mut Note,
    /// Nesting depth inside code, HTML or front matter, whose text is skipped.
    skip_depth: usize,
    block: Option<Block>,
    open_links: Vec<(String, Range<usize>)>,
    blockquotes: Vec<BlockQuoteFrame>,
    finished: Vec<Block>,
}

impl Walk<'_, '_> {
    fn event(&mut self, event: Event, range: Range<usize>) {
        if self.skip_depth > 0 {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                    self.skip_depth += 1
                }
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                    self.skip_depth -= 1
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::MetadataBlock(_)) => {
                self.note.front_matter = Some(range);
                self.skip_depth = 1;
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                self.flush();
                self.skip_depth = 1;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                self.flush();
                self.blockquotes.push(BlockQuoteFrame {
                    range,
                    blocks: Vec::new(),
                });
            }
            Event::End(TagEnd::BlockQuote(_)) => self.end_blockquote(),
            Event::Start(
                tag @ (Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell),
            ) => self.start_block(&tag),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => self.flush(),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.open_links.push((dest_url.to_string(), range));
            }
            Event::End(TagEnd::Link) => self.end_link(),
            Event::Text(text) => {
                let block = self.block.get_or_insert_with(|| Block {
                    kind: Some(BlockKind::Paragraph),
                    ..Block::default()
                });
                block.text.push(&text, range);
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                if let Some(block) = self.block.as_mut() {
                    // An object replacement character: not a word, not a
                    // sentence end, never part of a citation or quote.
                    block.text.push("\u{FFFC}", range);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = self.block.as_mut() {
                    block.text.push("\n", range);
                }
            }
            Event::Start(Tag::FootnoteDefinition(_)) => self.flush(),
            _ => {}
        }
    }

    /// Close the current block, into the innermost blockquote if any.
    fn flush(&mut self) {
        if let Some(done) = self.block.take() {
            if done.text.text.trim().is_empty() {
                return;
            }
            match self.blockquotes.last_mut() {
                Some(frame) => frame.blocks.push(done),
                None => self.finished.push(done),
            }
        }
    }

    fn start_block(&mut self, tag: &Tag) {
        // A paragraph inside a loose list item continues the item.
        let kind = match tag {
            Tag::Heading { .. } => BlockKind::Heading,
            Tag::Item => BlockKind::ListItem,
            Tag::TableCell => BlockKind::TableCell,
            _ => match &self.block {
                Some(b) if b.kind == Some(BlockKind::ListItem) && b.text.text.trim().is_empty() => {
                    BlockKind::ListItem
                }
                _ => BlockKind::Paragraph,
            },
        };
        self.flush();
        self.block = Some(Block {
            kind: Some(kind),
            ..Block::default()
        });
    }

    fn end_blockquote(&mut self) {
        self.flush();
        if let Some(frame) = self.blockquotes.pop() {
            let blocks = attributed_blockquote(self.source, frame, self.note);
            // Unattributed quoted material reads as ordinary text.
            match self.blockquotes.last_mut() {
                Some(outer) => outer.blocks.extend(blocks),
                None => self.finished.extend(blocks),
            }
        }
    }

    fn end_link(&mut self) {
        let (Some((destination, range)), Some(block)) =
            (self.open_links.pop(), self.block.as_mut())
        else {
            return;
        };
        let destination_range = self.source[range.clone()]
            .rfind(destination.as_str())
            .filter(|_| !destination.is_empty())
            .map(|at| range.start + at..range.start + at + destination.len())
            .unwrap_or(range.clone());
        let ends_at = block.text.text.len();
        block.links.push(Link {
            destination,
            destination_range,
            range,
            ends_at,
        });
    }
}
