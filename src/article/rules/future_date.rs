//! `future-date`: a metadata date after today, usually a wrong year.

use jiff::civil::Date;

use crate::article::Article;
use crate::article::anchor::location;
use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "date after today",
    explanation: "An article cannot be published after today. A future date is \
        usually a wrong year (`2052` for `2025`) or a scheduled embargo date copied \
        into the metadata.",
    example: "---\ndate: 2205-02-27\n---",
};

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2205-02-27\nsource: AFP\nurl: https://example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
    )],
    silent: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
    )],
};

pub fn check(article: &Article, today: Date) -> Option<Diagnostic> {
    let field = article.date_field()?;
    let date = dates::parse_metadata_date(&field.value).ok()?;
    (date > today).then(|| {
        Diagnostic::new(
            Rule::FutureDate,
            location(article, field.value_range.clone()),
            format!("the date {date} is after today ({today})"),
        )
    })
}
