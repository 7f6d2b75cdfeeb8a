//! Articles: the corpus files a note cites. Parsing keeps the byte range of
//! every metadata key and value so diagnostics can point at the exact text.

pub mod anchor;
pub mod dateline;
pub mod facts;
mod metadata;
pub mod rules;
mod text;

use std::ops::Range;
use std::path::PathBuf;

use jiff::civil::Date;

pub use facts::ArticleFacts;
pub use metadata::{Field, KNOWN_KEYS, Metadata, MetadataForm};
pub use text::{ArticleText, ArticleWords, for_each_sentence};

#[derive(Debug, Clone)]
pub struct Article {
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to the workspace root, with `/` separators.
    pub rel_path: String,
    /// The citation key: `id`, else the file stem.
    pub key: String,
    /// The file's text, without a UTF-8 byte order mark.
    pub text: String,
    pub metadata: Metadata,
    /// Where the story itself starts and ends in `text`.
    pub body: Range<usize>,
}

impl Article {
    pub fn parse(path: PathBuf, rel_path: String, text: String) -> Article {
        let metadata = Metadata::parse(&text);
        let body = metadata.body_start..text.len();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let key = metadata
            .field("id")
            .map(|f| f.value.trim().to_string())
            .filter(|id| !id.is_empty())
            .unwrap_or(stem);
        Article {
            path,
            rel_path,
            key,
            text,
            metadata,
            body,
        }
    }

    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.metadata.field(key)
    }

    fn field_value(&self, key: &str) -> Option<&str> {
        self.field(key)
            .map(|f| f.value.trim())
            .filter(|v| !v.is_empty())
    }

    /// The `date` key, when it has a value (valid or not).
    pub fn date_field(&self) -> Option<&Field> {
        self.field("date").filter(|f| !f.value.trim().is_empty())
    }

    /// The metadata date when it is a valid ISO date.
    pub fn date(&self) -> Option<Date> {
        self.field_value("date")
            .and_then(|value| crate::dates::parse_metadata_date(value).ok())
    }

    pub fn title(&self) -> Option<&str> {
        self.field_value("title")
    }

    pub fn source(&self) -> Option<&str> {
        self.field_value("source")
    }

    pub fn url(&self) -> Option<&str> {
        self.field_value("url")
    }

    pub fn author(&self) -> Option<&str> {
        self.field_value("author")
    }
}
