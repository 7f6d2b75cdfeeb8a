//! `invalid-date`: a metadata date that is not ISO `YYYY-MM-DD`, or not a
//! real day. The fix rewrites it when the intended day is certain.

use crate::article::Article;
use crate::article::anchor::location;
use crate::dates::{self, DateProblem};
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "date malformed (`27/02/2025`) or impossible (`2025-02-30`)",
    explanation: "Dates are ISO `YYYY-MM-DD`. Any other form is ambiguous across \
        locales (is `03/02/2025` March or February?) and an impossible date such as \
        `2025-02-30` is a typo that would silently shift every claim resolved against \
        it. Where the intended date is unambiguous the fix rewrites it in ISO form.",
    example: "---\ndate: 27/02/2025\n---\n\n# fix: date: 2025-02-27",
};

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 27/02/2025\nsource: AFP\nurl: https://example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.",
    )],
    // A leap day is a real date.
    silent: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2024-02-29\nsource: AFP\nurl: https://example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
    )],
};

pub fn check(article: &Article) -> Option<Diagnostic> {
    let field = article.date_field()?;
    let problem = dates::parse_metadata_date(&field.value).err()?;
    let location = location(article, field.value_range.clone());
    let value = field.value.trim();
    Some(match problem {
        DateProblem::Impossible { reason } => Diagnostic::new(
            Rule::InvalidDate,
            location,
            format!("`{value}` is not a real date: {reason}"),
        ),
        DateProblem::Malformed { suggestion } => {
            let mut message = format!("`{value}` is not an ISO date (YYYY-MM-DD)");
            let mut diagnostic =
                Diagnostic::new(Rule::InvalidDate, location.clone(), String::new());
            if let Some(date) = suggestion {
                message.push_str(&format!("; did you mean {date}?"));
                diagnostic = diagnostic.with_replacement(
                    format!("Replace with {date}"),
                    location,
                    date.to_string(),
                );
            }
            diagnostic.message = message;
            diagnostic
        }
    })
}
