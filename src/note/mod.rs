//! Research notes: what a note cites, claims and quotes, with exact byte
//! ranges. Parsing knows nothing of the corpus, so the checker, hover,
//! go-to-definition and completion all share one `Note`.

mod blockquote;
mod blocks;
mod claims;
pub mod inline;
mod mapped;
mod spans;

use std::ops::Range;

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
    /// `range` of the source holds `name` as it is, no markup inside:
    /// an edit there can rename the speaker.
    pub verbatim: bool,
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

impl Note {
    /// Parse a note. Never fails: text that is not what it looks like (an
    /// unclosed `[@key`, an unbalanced quote mark) is left out.
    pub fn parse(source: &str) -> Note {
        let mut note = Note::default();
        let collected = blocks::collect(source, &mut note);
        for block in collected {
            claims::add_block(block, &mut note);
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

#[cfg(test)]
mod tests;
