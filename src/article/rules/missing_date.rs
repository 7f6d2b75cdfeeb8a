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
fn add_key_edit(article: &Article, key: &str, value: &str) -> Option<Edit> {
    let meta = &article.metadata;
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
