//! `misattributed-quote`: the note puts a quote in one person's mouth, the
//! source in another's. Needs the people index; silent when the source's
//! speaker is unnamed or unresolved, or the note names no one.

use std::path::Path;

use crate::claims::quote_search::QuoteMatch;
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Location};
use crate::people::{AttributionCheck, PeopleIndex};
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "the note's speaker differs from the speaker the source gives",
    explanation: "The note puts a quote in one person's mouth, the source in \
        another's. Nothing is said when the source does not name the speaker or uses \
        a pronoun backstop could not resolve.",
    example: "Starmer said \"You're gambling with World War III\" [@002]\n\n# the source: Trump",
};

const OVAL: FixtureFile = (
    "sources/oval.md",
    "---\ntitle: Oval Office talks\ndate: 2025-02-28\nsource: Post\n---\n\
     President Donald Trump met Volodymyr Zelensky and Prime Minister Keir Starmer.\n\n\
     \"You're gambling with World War III,\" Trump told Zelensky.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        OVAL,
        (
            "notes/n.md",
            "Starmer said \"you're gambling with World War III\" [@oval].\n",
        ),
    ],
    silent: &[
        OVAL,
        (
            "notes/n.md",
            "Trump said \"you're gambling with World War III\" [@oval].\n",
        ),
    ],
};

/// `found` is a quote of the note at `path` found in a source.
pub fn check(
    corpus: &Corpus,
    people: &PeopleIndex,
    path: &Path,
    found: &QuoteMatch,
) -> Option<Diagnostic> {
    let speaker = found.speaker.as_ref()?;
    let article = found.article?;
    let range = found.source_range.clone()?;
    let key = corpus.key(article);
    let AttributionCheck::Misattributed {
        quote,
        source_speaker,
        ..
    } = people.check_attribution(key, range, &speaker.name)
    else {
        return None;
    };
    let person = &people.persons[source_speaker];
    let source_quote = &people.quotes[quote];
    let in_note = Location {
        path: path.to_path_buf(),
        range: speaker.range.clone(),
    };
    let evidence = Location {
        path: corpus.path(article).to_path_buf(),
        range: (source_quote.speaker_range.clone()).unwrap_or(source_quote.range.clone()),
    };
    // Keep the note's style: a surname stays a surname.
    let surname_only = !speaker.name.trim().contains(char::is_whitespace);
    let replacement = if surname_only {
        (person.canonical.split_whitespace().last())
            .unwrap_or(&person.canonical)
            .to_string()
    } else {
        person.canonical.clone()
    };
    let diagnostic = Diagnostic::new(
        Rule::MisattributedQuote,
        in_note.clone(),
        format!(
            "the note attributes this quote to {}, but `{key}` gives it to {}",
            speaker.name, person.canonical
        ),
    )
    .with_related(
        evidence,
        format!("`{key}` attributes it to {}", person.canonical),
    );
    Some(diagnostic.with_replacement(
        format!("Attribute it to {replacement}"),
        in_note,
        replacement,
    ))
}
