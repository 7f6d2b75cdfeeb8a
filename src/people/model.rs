//! What the people index holds: people with their names and roles, the
//! mentions of them in articles, and the corpus's quotes with their
//! speakers. Plain data, stored in the cache as it is.

use std::num::NonZeroU32;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A person's position in `PeopleIndex::persons`.
pub type PersonId = usize;
/// A quote's position in `PeopleIndex::quotes`.
pub type QuoteId = usize;

/// The article a mention, role or quote comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleRef {
    pub key: String,
    pub rel_path: String,
    pub path: PathBuf,
    #[serde(with = "crate::dates::stored")]
    pub date: Option<Date>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub canonical: String,
    /// Other names the corpus (or `backstop.toml`) uses, most used first.
    pub aliases: Vec<String>,
    /// Stored beside the people, their words once for all
    /// (`stored::StoredPersons`).
    #[serde(skip)]
    pub roles: Vec<RoleRecord>,
    /// Indexes into `PeopleIndex::mentions`.
    pub mentions: Vec<usize>,
    pub quotes: Vec<QuoteId>,
    /// Defined in `backstop.toml`.
    pub curated: bool,
}

impl Person {
    /// The canonical name, then the aliases.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.canonical.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone)]
pub struct RoleRecord {
    /// Shared: a corpus gives many people the same few roles.
    pub role: Arc<str>,
    /// The article that gives the role; `None` for `backstop.toml`.
    pub article: Option<usize>,
    pub date: Option<Date>,
    pub range: Option<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// The person's name ("Keir Starmer", "Starmer").
    Name,
    /// A description that can only mean them ("the British prime minister").
    Description,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mention {
    pub article: usize,
    pub range: Range<usize>,
    pub person: PersonId,
    pub kind: MentionKind,
    /// The words of a name mention, as an index into
    /// `PeopleIndex::surfaces`: kept so that `update` can count them
    /// without reading the article again.
    pub(super) surface: Option<SurfaceId>,
}

/// An index into `PeopleIndex::surfaces`, kept one up so that an
/// `Option` of it takes 4 bytes: a large corpus has millions of mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct SurfaceId(NonZeroU32);

impl SurfaceId {
    /// The id of surface `index`; `None` past `u32::MAX - 1`.
    pub(super) fn new(index: u32) -> Option<SurfaceId> {
        index
            .checked_add(1)
            .and_then(NonZeroU32::new)
            .map(SurfaceId)
    }

    pub(super) fn index(self) -> u32 {
        self.0.get() - 1
    }
}

/// Who said a corpus quote.
// Stored with postcard, which reads fields by position: a tagged
// representation whose variants differ in field count would not read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuoteSpeaker {
    Person(PersonId),
    /// An anonymous source or an organisation, as the article describes it
    /// ("a senior official", "Deutsche Bank").
    Unnamed(String),
    /// No attribution, or a pronoun that has no clear antecedent.
    Unresolved,
}

/// A quoted passage of an article, with who said it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CorpusQuote {
    pub id: QuoteId,
    pub article: usize,
    /// From the first quoted character to the last, in the article's text.
    pub range: Range<usize>,
    /// The quoted text of each paragraph, without quote marks.
    pub segments: Vec<Range<usize>>,
    /// The segments joined by a space.
    pub text: String,
    pub speaker: QuoteSpeaker,
    /// The verb of the attribution ("said", "told"), `continued` for a quote
    /// that carries on the previous speaker's words, `:` for "X: …".
    pub cue: Option<String>,
    /// The words in the article that name the speaker.
    pub speaker_range: Option<Range<usize>>,
}

/// A person named in an arbitrary text (a note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextMention {
    pub range: Range<usize>,
    pub person: PersonId,
}

/// What the corpus says about a note's claim that `claimed` said a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributionCheck {
    /// The source gives the same speaker.
    Consistent { quote: QuoteId },
    /// The source names someone else.
    Misattributed {
        quote: QuoteId,
        source_speaker: PersonId,
        claimed: Option<PersonId>,
    },
    /// The note names a person where the source keeps its speaker
    /// anonymous ("an undisclosed EU official"); `description` says who
    /// the source gives it to, as "an unnamed EU official".
    UnnamedSource { quote: QuoteId, description: String },
    /// The source has no quote there, or its speaker is unresolved or
    /// described without being anonymous ("his office", "the bank"), or
    /// the note names no one: nothing to say.
    Unknown,
}
