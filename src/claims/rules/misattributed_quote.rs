//! `misattributed-quote`: the note puts a quote in one person's mouth, the
//! source in another's, or in an anonymous source's ("an undisclosed EU
//! official"). Needs the people index; silent when the source's speaker is
//! unresolved or described without being anonymous, or the note names no
//! one.

use std::path::Path;

use crate::claims::quote_search::QuoteMatch;
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Location};
use crate::people::{AttributionCheck, PeopleIndex, Person};
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "the note's speaker differs from the speaker the source gives",
    explanation: "The note puts a quote in one person's mouth, the source in \
        another's, or in an unnamed source's (\"an undisclosed EU official\"). The fix \
        names the source's speaker only when the source names one. Nothing is said \
        when the source uses a pronoun backstop could not resolve, or the note names \
        no one.",
    example: "Starmer said \"You're gambling with World War III\" [@002]\n\n# the source: Trump",
};

const OVAL: FixtureFile = (
    "sources/oval.md",
    "---\ntitle: Oval Office talks\ndate: 2025-02-28\nsource: Post\n---\n\
     President Donald Trump met Volodymyr Zelensky and Prime Minister Keir Starmer.\n\n\
     \"You're gambling with World War III,\" Trump told Zelensky.\n",
);

const SUMMIT: FixtureFile = (
    "sources/summit.md",
    "---\ntitle: Summit ends without a deal\ndate: 2025-03-06\nsource: Wire\n---\n\
     European Commission President Ursula von der Leyen flew home on Thursday.\n\n\
     \"We were never going to sign this text tonight,\" an undisclosed EU official said.\n",
);

/// Fires on a quote the source gives to someone else and on one it gives
/// to an anonymous official; silent on the same quotes rightly attributed.
pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        OVAL,
        SUMMIT,
        (
            "notes/oval.md",
            "Starmer said \"you're gambling with World War III\" [@oval].\n",
        ),
        (
            "notes/summit.md",
            "Von der Leyen said \"we were never going to sign this text tonight\" [@summit].\n",
        ),
    ],
    silent: &[
        OVAL,
        SUMMIT,
        (
            "notes/oval.md",
            "Trump said \"you're gambling with World War III\" [@oval].\n",
        ),
        (
            "notes/summit.md",
            "An EU official said \"we were never going to sign this text tonight\" [@summit].\n",
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
    let (quote, source_speaker) = match people.check_attribution(key, range, &speaker.name) {
        AttributionCheck::Misattributed {
            quote,
            source_speaker,
            ..
        } => (quote, Some(&people.persons[source_speaker])),
        AttributionCheck::UnnamedSource { quote, description } => {
            let source_quote = &people.quotes[quote];
            return Some(mismatch(
                Location {
                    path: path.to_path_buf(),
                    range: speaker.range.clone(),
                },
                Location {
                    path: corpus.path(article).to_path_buf(),
                    range: (source_quote.speaker_range.clone())
                        .unwrap_or(source_quote.range.clone()),
                },
                &speaker.name,
                key,
                &description,
            ));
        }
        AttributionCheck::Consistent { .. } | AttributionCheck::Unknown => return None,
    };
    let person = source_speaker?;
    let source_quote = &people.quotes[quote];
    let in_note = Location {
        path: path.to_path_buf(),
        range: speaker.range.clone(),
    };
    let evidence = Location {
        path: corpus.path(article).to_path_buf(),
        range: (source_quote.speaker_range.clone()).unwrap_or(source_quote.range.clone()),
    };
    let diagnostic = mismatch(
        in_note.clone(),
        evidence,
        &speaker.name,
        key,
        &person.canonical,
    );
    if !speaker.verbatim {
        // Markup inside the name's source: renaming it would break the
        // markup and leave the name read as before.
        return Some(diagnostic);
    }
    let replacement = replacement_name(person, &speaker.name);
    Some(diagnostic.with_replacement(
        format!("Attribute it to {replacement}"),
        in_note,
        replacement,
    ))
}

/// The diagnostic at `in_note` for a quote the note gives to `claimed` and
/// the source `key` (at `evidence`) to `source_speaker`.
fn mismatch(
    in_note: Location,
    evidence: Location,
    claimed: &str,
    key: &str,
    source_speaker: &str,
) -> Diagnostic {
    Diagnostic::new(
        Rule::MisattributedQuote,
        in_note,
        format!(
            "the note attributes this quote to {claimed}, but `{key}` gives it to {source_speaker}"
        ),
    )
    .with_related(
        evidence,
        format!("`{key}` attributes it to {source_speaker}"),
    )
}

/// The source's speaker as the note should write them, in the note's
/// style: a surname stays a surname.
fn replacement_name(person: &Person, claimed: &str) -> String {
    let surname_only = !claimed.trim().contains(char::is_whitespace);
    if surname_only {
        (person.canonical.split_whitespace().last())
            .unwrap_or(&person.canonical)
            .to_string()
    } else {
        person.canonical.clone()
    }
}
