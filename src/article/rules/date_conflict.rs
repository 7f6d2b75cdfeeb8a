//! `date-conflict`: the body's dateline names another day than the
//! metadata. The fix sets the metadata date to the dateline's.

use crate::article::Article;
use crate::article::anchor::location;
use crate::article::dateline::Dateline;
use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a dateline or explicit date in the body contradicts the header",
    explanation: "Wire copy carries its own dateline (`Washington, (APP - ... - 27th \
        Feb, 2025)`, `LONDON, Feb 27 (Reuters) -`). When it names another day than the \
        metadata, one of them is wrong, and relative dates in the body (\"on \
        Thursday\") resolve against the wrong day. The diagnostic points at the \
        dateline and offers to set the metadata date to it.",
    example: " date 2025-02-26 Washington, (APP - 27th Feb, 2025) British Prime Minister ...",
};

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[(
        "seeds/a.txt",
        " date 2025-02-26 Washington, (APP - UrduPoint - 27th Feb, 2025) Starmer meets Trump.",
    )],
    silent: &[(
        "seeds/a.txt",
        " date 2025-02-27 Washington, (APP - UrduPoint - 27th Feb, 2025) Starmer meets Trump.",
    )],
};

pub fn check(article: &Article, dateline: Option<&Dateline>) -> Option<Diagnostic> {
    let dateline = dateline?;
    let field = article.date_field()?;
    let date = dates::parse_metadata_date(&field.value).ok()?;
    if dateline.date == date {
        return None;
    }
    let metadata = location(article, field.value_range.clone());
    Some(
        Diagnostic::new(
            Rule::DateConflict,
            location(article, dateline.range.clone()),
            format!(
                "the dateline says {} but the metadata date is {date}",
                dateline.date
            ),
        )
        .with_related(metadata.clone(), format!("metadata date: {date}"))
        .with_replacement(
            format!("Set the metadata date to {}", dateline.date),
            metadata,
            dateline.date.to_string(),
        ),
    )
}
