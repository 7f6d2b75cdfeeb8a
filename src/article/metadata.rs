//! The three metadata forms of the contract: front matter, a header block,
//! and the legacy inline `date YYYY-MM-DD` of scraped files.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

pub const KNOWN_KEYS: [&str; 6] = ["id", "title", "date", "source", "url", "author"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetadataForm {
    FrontMatter,
    HeaderBlock,
    Inline,
    None,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The key as written (front matter keeps its case; header-block keys are
    /// matched case-insensitively and stored lower-case).
    pub key: String,
    pub key_range: Range<usize>,
    /// The value without surrounding quotes.
    pub value: String,
    pub value_range: Range<usize>,
    /// The whole `key: value` line, without its terminator.
    pub line_range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Metadata {
    pub form: MetadataForm,
    pub fields: Vec<Field>,
    /// Where the metadata block ends and the body begins.
    pub body_start: usize,
    /// The opening `---` of front matter that never closes. Its lines are then
    /// treated as body text and the diagnostics that follow say why.
    pub unclosed_front_matter: Option<Range<usize>>,
    /// Where a new `key: value` line fits (the closing `---` of front matter,
    /// the blank line after a header block), for fixes that add a key.
    pub insert_at: Option<usize>,
}

static INLINE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A[ \t]*date[ \t]+([0-9][0-9./\-]*[0-9])(?:[ \t]+|\r?\n|\z)").expect("valid regex")
});
static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A([A-Za-z_][A-Za-z0-9_\-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*\z").expect("valid regex")
});

/// Lines of `text` with their byte ranges, terminators excluded.
fn lines(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |raw| {
        let line = raw.trim_end_matches('\n').trim_end_matches('\r');
        let range = start..start + line.len();
        start += raw.len();
        (range, line)
    })
}

fn parse_key_value(line: &str, line_start: usize) -> Option<Field> {
    let caps = KEY_VALUE.captures(line)?;
    let key = caps.get(1)?;
    let (value, value_range) = match caps.get(2) {
        Some(m) => {
            let raw = m.as_str();
            let quoted = raw.len() >= 2
                && ((raw.starts_with('"') && raw.ends_with('"'))
                    || (raw.starts_with('\'') && raw.ends_with('\'')));
            if quoted {
                (
                    raw[1..raw.len() - 1].to_string(),
                    line_start + m.start() + 1..line_start + m.end() - 1,
                )
            } else {
                (
                    raw.to_string(),
                    line_start + m.start()..line_start + m.end(),
                )
            }
        }
        None => (
            String::new(),
            line_start + line.len()..line_start + line.len(),
        ),
    };
    Some(Field {
        key: key.as_str().to_string(),
        key_range: line_start + key.start()..line_start + key.end(),
        value,
        value_range,
        line_range: line_start..line_start + line.len(),
    })
}

impl Metadata {
    fn empty() -> Metadata {
        Metadata {
            form: MetadataForm::None,
            fields: Vec::new(),
            body_start: 0,
            unclosed_front_matter: None,
            insert_at: None,
        }
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key.eq_ignore_ascii_case(key))
    }

    pub fn parse(text: &str) -> Metadata {
        let mut metadata = Metadata::parse_front_matter(text)
            .or_else(|| Metadata::parse_inline(text))
            .or_else(|| Metadata::parse_header_block(text))
            .unwrap_or_else(Metadata::empty);
        if metadata.form == MetadataForm::None {
            metadata.unclosed_front_matter = Metadata::unclosed_opening(text);
        }
        metadata
    }

    fn unclosed_opening(text: &str) -> Option<Range<usize>> {
        let (range, first) = lines(text).next()?;
        (first.trim_end() == "---").then_some(range)
    }

    fn parse_front_matter(text: &str) -> Option<Metadata> {
        let mut iter = lines(text);
        let (_, first) = iter.next()?;
        if first.trim_end() != "---" {
            return None;
        }
        let mut fields = Vec::new();
        for (range, line) in iter {
            if line.trim_end() == "---" || line.trim_end() == "..." {
                let body_start = text[range.end..]
                    .find('\n')
                    .map_or(text.len(), |i| range.end + i + 1);
                return Some(Metadata {
                    form: MetadataForm::FrontMatter,
                    fields,
                    body_start,
                    unclosed_front_matter: None,
                    insert_at: Some(range.start),
                });
            }
            // Blank lines, comments and YAML continuation lines carry no key.
            if let Some(field) = parse_key_value(line, range.start) {
                fields.push(field);
            }
        }
        None
    }

    fn parse_inline(text: &str) -> Option<Metadata> {
        let caps = INLINE_DATE.captures(text)?;
        let value = caps.get(1)?;
        let whole = caps.get(0)?;
        let date_word = text.find("date").unwrap_or(0);
        let line_end = text.find('\n').unwrap_or(text.len());
        Some(Metadata {
            form: MetadataForm::Inline,
            fields: vec![Field {
                key: "date".into(),
                key_range: date_word..date_word + 4,
                value: value.as_str().to_string(),
                value_range: value.range(),
                line_range: 0..line_end,
            }],
            body_start: whole.end(),
            unclosed_front_matter: None,
            insert_at: None,
        })
    }

    fn parse_header_block(text: &str) -> Option<Metadata> {
        let mut fields = Vec::new();
        let mut body_start = text.len();
        let mut insert_at = text.len();
        for (range, line) in lines(text) {
            if line.trim().is_empty() {
                insert_at = range.start;
                body_start = text[range.end..]
                    .find('\n')
                    .map_or(text.len(), |i| range.end + i + 1);
                break;
            }
            let mut field = parse_key_value(line, range.start)?;
            if !KNOWN_KEYS.contains(&field.key.to_ascii_lowercase().as_str()) {
                return None;
            }
            field.key = field.key.to_ascii_lowercase();
            fields.push(field);
        }
        if fields.is_empty() {
            return None;
        }
        Some(Metadata {
            form: MetadataForm::HeaderBlock,
            fields,
            body_start,
            unclosed_front_matter: None,
            insert_at: Some(insert_at),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn front_matter_keeps_exact_ranges() {
        let text = "---\ntitle: \"Hello\"\ndate: 2025-02-27\n---\nBody\n";
        let meta = Metadata::parse(text);
        assert_eq!(meta.form, MetadataForm::FrontMatter);
        let title = meta.field("title").unwrap();
        assert_eq!(&text[title.value_range.clone()], "Hello");
        let date = meta.field("date").unwrap();
        assert_eq!(&text[date.value_range.clone()], "2025-02-27");
        assert_eq!(&text[meta.body_start..], "Body\n");
    }

    #[test]
    fn header_block_requires_known_keys() {
        let text = "Title: A\nDate: 2025-02-27\n\nBody";
        let meta = Metadata::parse(text);
        assert_eq!(meta.form, MetadataForm::HeaderBlock);
        assert_eq!(meta.field("date").unwrap().value, "2025-02-27");
        assert_eq!(&text[meta.body_start..], "Body");

        let prose = "Note: this is prose\nDate: 2025-02-27\n\nBody";
        assert_eq!(Metadata::parse(prose).form, MetadataForm::None);
    }

    #[test]
    fn legacy_inline_date() {
        let text = " date 2025-03-02 British Prime Minister Keir Starmer";
        let meta = Metadata::parse(text);
        assert_eq!(meta.form, MetadataForm::Inline);
        let date = meta.field("date").unwrap();
        assert_eq!(&text[date.value_range.clone()], "2025-03-02");
        assert_eq!(
            &text[meta.body_start..],
            "British Prime Minister Keir Starmer"
        );
        // Prose that merely starts with the word is not metadata.
        assert_eq!(
            Metadata::parse("date night in Paris").form,
            MetadataForm::None
        );
    }

    #[test]
    fn unclosed_front_matter_is_flagged() {
        let meta = Metadata::parse("---\ndate: 2025-01-01\nBody without end");
        assert_eq!(meta.form, MetadataForm::None);
        assert_eq!(meta.unclosed_front_matter, Some(0..3));
    }

    #[test]
    fn crlf_front_matter() {
        let text = "---\r\ndate: 2025-02-27\r\n---\r\nBody\r\n";
        let meta = Metadata::parse(text);
        assert_eq!(meta.field("date").unwrap().value, "2025-02-27");
        assert_eq!(&text[meta.body_start..], "Body\r\n");
    }

    proptest! {
        #[test]
        fn ranges_always_slice_the_text(text in "(---\n|date |[a-z]{0,5}: ?[\"a-z0-9 -]{0,8}\r?\n|\n|é){0,8}") {
            let meta = Metadata::parse(&text);
            prop_assert!(meta.body_start <= text.len());
            for field in &meta.fields {
                prop_assert_eq!(&text[field.value_range.clone()], field.value.as_str());
                prop_assert!(text.get(field.key_range.clone()).is_some());
                prop_assert!(text.get(field.line_range.clone()).is_some());
            }
        }
    }
}
