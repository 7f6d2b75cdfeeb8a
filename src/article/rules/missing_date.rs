//! `missing-date`: an article whose metadata gives no date. When the body
//! has a dateline, the fix adds it as the date.

use crate::article::anchor::{anchor, location};
use crate::article::dateline::Dateline;
use crate::article::{Article, MetadataForm};
use crate::diagnostic::{Diagnostic, Edit};
use crate::rules::{Documentation, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "no date in the metadata",
    explanation: "An article without a date cannot anchor the claims that cite it: \
        backstop cannot tell whether a quote predates an event, resolve \"on Thursday\" \
        in its body, or order a person's roles in time. Give the date in the metadata \
        (front matter, header block, or the legacy inline `date YYYY-MM-DD`). When the \
        body has a dateline with a full date, the fix inserts it.",
    example: "---\ntitle: Starmer in Washington\nsource: AFP\n---\nWashington (AFP) - 27th Feb, 2025 - ...\n\n\
        # fix: add `date: 2025-02-27` to the front matter",
};

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[(
        "sources/a.md",
        "---\ntitle: A story\nsource: AFP\nurl: https://example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.",
    )],
    silent: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
    )],
};

pub fn check(article: &Article, dateline: Option<&Dateline>) -> Option<Diagnostic> {
    if article.date_field().is_some() {
        return None;
    }
    let mut message = String::from("the article has no date in its metadata");
    if article.metadata.unclosed_front_matter.is_some() {
        message.push_str(
            "; the front matter opened by `---` on line 1 is never closed by a second `---`, \
             so none of its keys are read",
        );
    }
    let mut diagnostic = Diagnostic::new(
        Rule::MissingDate,
        location(article, anchor(article)),
        String::new(),
    );
    match dateline {
        Some(Dateline { range, date }) => {
            message.push_str(&format!("; its dateline gives {date}"));
            diagnostic = diagnostic.with_related(
                location(article, range.clone()),
                format!("dateline: {date}"),
            );
            if let Some(edit) = add_key_edit(article, "date", &date.to_string()) {
                diagnostic = diagnostic.with_fix(format!("Add `date: {date}`"), vec![edit]);
            }
        }
        None => message.push_str("; add `date: YYYY-MM-DD`"),
    }
    diagnostic.message = message;
    Some(diagnostic)
}

/// Where an article without that key gets a new `key: value` line, and the
/// text of that line, so the result is valid metadata in the file's form.
/// A key written with no value gets the value on its own line: a second
/// line for the key would leave the first, empty one the one read.
fn add_key_edit(article: &Article, key: &str, value: &str) -> Option<Edit> {
    let meta = &article.metadata;
    if let Some(empty) = article.field(key) {
        return Some(Edit {
            location: location(article, empty.line_range.clone()),
            new_text: format!("{}: {value}", empty.key),
        });
    }
    let (offset, text) = match meta.form {
        MetadataForm::FrontMatter | MetadataForm::HeaderBlock => {
            (meta.insert_at?, format!("{key}: {value}\n"))
        }
        // A header block before the first line is the least intrusive form
        // that keeps the file's own text untouched.
        MetadataForm::None => (0, format!("{key}: {value}\n\n")),
        MetadataForm::Inline => return None,
    };
    Some(Edit {
        location: location(article, offset..offset),
        new_text: text,
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::check;
    use crate::article::Article;
    use crate::article::dateline::find_dateline;

    fn article(text: &str) -> Article {
        Article::parse(PathBuf::from("/w/a.md"), "a.md".into(), text.into())
    }

    /// Applies the fix the rule offers for `text` and returns the result.
    fn fixed(text: &str) -> String {
        let before = article(text);
        let found = check(&before, find_dateline(&before).as_ref()).expect("missing-date fires");
        let mut out = text.to_string();
        for edit in &found.fix.expect("a fix").edits {
            out.replace_range(edit.location.range.clone(), &edit.new_text);
        }
        out
    }

    #[test]
    fn an_empty_date_key_gets_the_value_instead_of_a_second_key() {
        let out = fixed("date: \n\nLONDON, 27 February 2025 - The talks went on.\n");
        assert_eq!(
            out,
            "date: 2025-02-27\n\nLONDON, 27 February 2025 - The talks went on.\n"
        );
        let after = article(&out);
        assert!(check(&after, find_dateline(&after).as_ref()).is_none());
    }

    #[test]
    fn a_header_block_without_a_date_gets_a_date_line() {
        let out = fixed("title: Talks\n\nLONDON, 27 February 2025 - The talks went on.\n");
        let after = article(&out);
        assert!(
            check(&after, find_dateline(&after).as_ref()).is_none(),
            "{out}"
        );
    }
}
