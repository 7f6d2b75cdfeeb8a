//! `unknown-field`: a front-matter key the contract does not know. One
//! close to a known key is probably a typo, and the fix renames it.

use crate::article::anchor::location;
use crate::article::{Article, KNOWN_KEYS, MetadataForm};
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a metadata key that is not known",
    explanation: "Known keys are `id`, `title`, `date`, `source`, `url` and `author`. \
        Another key is kept but not used; when it is close to a known key it is \
        probably a typo, and the fix renames it.",
    example: "---\ndte: 2025-02-27\n---\n\n# fix: rename `dte` to `date`",
};

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[(
        "sources/a.md",
        "---\ntitle: A story\ndte: 2025-02-27\ncategory: politics\nsource: AFP\nurl: https://example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.",
    )],
    silent: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\nid: x\nauthor: Jane Doe\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
    )],
};

pub fn check(article: &Article) -> Vec<Diagnostic> {
    // Header blocks and inline dates only ever hold the keys they match.
    if article.metadata.form != MetadataForm::FrontMatter {
        return Vec::new();
    }
    let mut out = Vec::new();
    for field in &article.metadata.fields {
        let key = field.key.to_ascii_lowercase();
        if KNOWN_KEYS.contains(&key.as_str()) {
            continue;
        }
        let location = location(article, field.key_range.clone());
        let mut message = format!(
            "`{}` is not a known metadata key (known: {})",
            field.key,
            KNOWN_KEYS.join(", ")
        );
        let mut diagnostic = Diagnostic::new(Rule::UnknownField, location.clone(), String::new());
        if let Some(known) = closest_known_key(&key)
            && article.field(known).is_none()
        {
            message.push_str(&format!("; did you mean `{known}`?"));
            diagnostic =
                diagnostic.with_replacement(format!("Rename to `{known}`"), location, known);
        }
        diagnostic.message = message;
        out.push(diagnostic);
    }
    out
}

/// The known key `key` is a typo of: at most two edits away, and fewer than
/// the known key's length (else any short key would match).
fn closest_known_key(key: &str) -> Option<&'static str> {
    KNOWN_KEYS
        .iter()
        .map(|known| (strsim::damerau_levenshtein(key, known), *known))
        .filter(|(distance, known)| *distance <= 2 && *distance < known.len())
        .min()
        .map(|(_, known)| known)
}
