//! Article metadata (front matter, header block, inline date), datelines,
//! the body's words and sentences, and the quotes a scraped page holds.

use std::path::PathBuf;

use backstop::article::dateline::find_dateline;
use backstop::article::{Article, ArticleText, MetadataForm};
use backstop::people::quotes::find_quotes;
use proptest::prelude::*;

use crate::hostile_text::text;
use crate::{cases, in_text};

fn article(text: &str) -> Article {
    Article::parse(
        PathBuf::from("/ws/seeds/a.md"),
        "seeds/a.md".into(),
        text.to_string(),
    )
}

fn check_metadata(text: &str) -> Result<Article, TestCaseError> {
    let article = article(text);
    let meta = &article.metadata;
    in_text(text, &(meta.body_start..text.len()), "body")?;
    if let Some(at) = meta.insert_at {
        in_text(text, &(at..at), "insertion point")?;
    }
    if let Some(unclosed) = &meta.unclosed_front_matter {
        in_text(text, unclosed, "unclosed front matter")?;
    }
    for field in &meta.fields {
        in_text(text, &field.key_range, "key")?;
        in_text(text, &field.value_range, "value")?;
        in_text(text, &field.line_range, "line")?;
        prop_assert!(text[field.key_range.clone()].eq_ignore_ascii_case(&field.key));
        prop_assert_eq!(&text[field.value_range.clone()], field.value.as_str());
        prop_assert!(field.line_range.start <= field.key_range.start);
        prop_assert!(field.value_range.end <= field.line_range.end);
        if meta.form != MetadataForm::Inline {
            prop_assert!(field.line_range.end <= meta.body_start);
        }
    }
    Ok(article)
}

fn keys_and_values(article: &Article) -> Vec<(String, String)> {
    article
        .metadata
        .fields
        .iter()
        .map(|f| (f.key.clone(), f.value.clone()))
        .collect()
}

/// Front matter holding `fields`, each value quoted so that it reads back
/// exactly as given.
fn render_front_matter(fields: &[(String, String)], body: &str) -> String {
    let mut out = String::from("---\n");
    for (key, value) in fields {
        out.push_str(&format!("{key}: \"{value}\"\n"));
    }
    out.push_str("---\n");
    out.push_str(body);
    out
}

proptest! {
    #![proptest_config(cases(300, "tests/hostile/proptest/articles.txt"))]

    #[test]
    fn metadata_spans_lie_inside(text in text("metadata", 30)) {
        let article = check_metadata(&text)?;
        if let Some(dateline) = find_dateline(&article) {
            in_text(&text, &dateline.range, "dateline")?;
            prop_assert!(dateline.range.start >= article.body.start);
        }
        let owned = ArticleText::new(&article);
        let words = owned.read(&article);
        for word in words.words.iter() {
            in_text(&text, &word.range, "word")?;
        }
        for sentence in words.sentences.iter() {
            prop_assert!(sentence.start < sentence.end && sentence.end <= words.words.len());
            in_text(&text, &words.byte_range(sentence.clone()), "sentence")?;
        }
    }

    /// Front matter rendered from the fields read, then read again, gives
    /// the same fields and the same body.
    #[test]
    fn front_matter_round_trips(fields in text("metadata", 16), body in text("metadata", 8)) {
        let text = format!("---\n{fields}\n---\n{body}");
        let article = check_metadata(&text)?;
        prop_assume!(article.metadata.form == MetadataForm::FrontMatter);
        let fields = keys_and_values(&article);
        let body = article.body_text();
        let rendered = render_front_matter(&fields, body);
        let again = check_metadata(&rendered)?;
        let read = keys_and_values(&again);
        prop_assert_eq!(again.metadata.form, MetadataForm::FrontMatter);
        prop_assert_eq!(read, fields, "{:?}", rendered);
        prop_assert_eq!(again.body_text(), body);
    }

    /// Quotes in a scraped page: every segment inside the region asked for.
    #[test]
    fn article_quotes_stay_in_their_region(text in text("note", 30), cut in any::<usize>()) {
        let start = cut % (text.len() + 1);
        for region in [0..text.len(), start..text.len()] {
            for quote in find_quotes(&text, region.clone()) {
                prop_assert!(region.start <= quote.open && quote.open <= region.end);
                prop_assert!(quote.close_end <= region.end);
                for segment in &quote.segments {
                    in_text(&text, segment, "quote segment")?;
                    prop_assert!(region.start <= segment.start && segment.end <= region.end);
                }
                in_text(&text, &quote.range(), "quote")?;
            }
        }
    }
}
