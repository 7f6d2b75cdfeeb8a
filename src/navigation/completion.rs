//! Completion of citation keys after `[@` (and `@` inside brackets), and of
//! people's names as a capitalised word is typed.

use std::ops::Range;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::article::Article;
use crate::text::markdown::{code_span, escape};

/// Most citation keys offered at once from a large corpus.
pub const MAX_ITEMS: usize = 500;

/// What can be typed at an offset, and the range it replaces.
#[derive(Debug, Clone, PartialEq)]
pub enum Completion {
    Citations {
        range: Range<usize>,
        candidates: Vec<CitationCandidate>,
        /// More keys match than are offered: ask again as the user types.
        is_incomplete: bool,
    },
    People {
        range: Range<usize>,
        candidates: Vec<PersonCandidate>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct CitationCandidate {
    pub key: String,
    pub date: Option<Date>,
    pub source: Option<String>,
    /// The article's title, else its path.
    pub title: String,
    pub rel_path: String,
}

impl CitationCandidate {
    /// The title and path, as Markdown.
    pub fn documentation(&self) -> String {
        format!(
            "**{}**\n\n{}",
            escape(&self.title),
            code_span(&self.rel_path)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonCandidate {
    pub name: String,
    pub role: Option<String>,
    /// How often the corpus names them (plain text).
    pub summary: String,
    /// Every name they go by.
    pub names: Vec<String>,
}

/// What to offer at `offset` of `text`: citation keys inside `[@…`, else
/// people whose name starts with the capitalised word being typed.
pub fn complete(analysis: &Analysis, text: &str, offset: usize) -> Option<Completion> {
    match citation_prefix(text, offset) {
        Some(range) => Some(citations(analysis, &text[range.clone()], range)),
        None => people(analysis, text, offset),
    }
}

fn citations(analysis: &Analysis, typed: &str, range: Range<usize>) -> Completion {
    let corpus = &analysis.corpus;
    // A small corpus is offered whole, for the client to match keys and
    // titles as it likes. A large one is narrowed here by key, at most
    // `MAX_ITEMS` at a time and marked incomplete so the client asks again
    // as the user types: a list of 100,000 items helps no one, and an
    // analysis from the cache has not read its articles' titles.
    let (positions, is_incomplete): (Vec<usize>, bool) = if corpus.len() <= MAX_ITEMS {
        ((0..corpus.len()).collect(), false)
    } else {
        let typed = typed.to_lowercase();
        // (not a prefix match, position): keys that start with what was
        // typed come first.
        let mut matching: Vec<(bool, usize)> = (0..corpus.len())
            .filter_map(|i| {
                let key = corpus.key(i).to_lowercase();
                key.contains(&typed).then(|| (!key.starts_with(&typed), i))
            })
            .collect();
        matching.sort_unstable();
        let more = matching.len() > MAX_ITEMS;
        matching.truncate(MAX_ITEMS);
        (matching.into_iter().map(|(_, i)| i).collect(), more)
    };
    // Read in parallel those not read yet.
    let articles: Vec<&Article> = positions.par_iter().map(|&i| corpus.article(i)).collect();
    let candidates = articles
        .into_iter()
        .map(|article| CitationCandidate {
            key: article.key.clone(),
            date: article.date(),
            source: article.source().map(str::to_string),
            title: article.title().unwrap_or(&article.rel_path).to_string(),
            rel_path: article.rel_path.clone(),
        })
        .collect();
    Completion::Citations {
        range,
        candidates,
        is_incomplete,
    }
}

fn people(analysis: &Analysis, text: &str, offset: usize) -> Option<Completion> {
    let range = name_prefix(text, offset)?;
    let prefix = text[range.clone()].to_lowercase();
    let people = analysis.people();
    let candidates: Vec<PersonCandidate> = people
        .persons
        .iter()
        .filter(|person| {
            person.all_names().any(|name| {
                name.to_lowercase().starts_with(&prefix)
                    || name
                        .split_whitespace()
                        .any(|part| part.to_lowercase().starts_with(&prefix))
            })
        })
        .map(|person| PersonCandidate {
            name: person.canonical.clone(),
            role: person.roles.first().map(|r| r.role.to_string()),
            summary: format!(
                "{} mentions in {} articles",
                people.name_mention_count(person.id),
                people.article_count(person.id)
            ),
            names: person.all_names().map(str::to_string).collect(),
        })
        .collect();
    (!candidates.is_empty()).then_some(Completion::People { range, candidates })
}

/// Characters a Pandoc citation key may contain after its first character.
fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || "_:.#$%&-+?<>~/".contains(c)
}

/// The byte range of the key being typed when `offset` is inside `[... @key`.
pub fn citation_prefix(text: &str, offset: usize) -> Option<Range<usize>> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let open = before.rfind('[')?;
    if before[open..].contains(']') {
        return None;
    }
    let at = before.rfind('@')?;
    if at < open {
        return None;
    }
    let prefix = &before[at + 1..];
    if !prefix.chars().all(is_key_char) {
        return None;
    }
    // `@` must start a citation: after `[`, `;` or white space.
    let previous = before[..at].chars().last();
    if !matches!(previous, Some('[' | ';' | ' ' | '\t' | '-')) {
        return None;
    }
    Some(line_start + at + 1..offset)
}

/// The capitalised word being typed at `offset` (at least two letters).
pub fn name_prefix(text: &str, offset: usize) -> Option<Range<usize>> {
    let before = &text[..offset];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
        .last()
        .map(|(i, _)| i)?;
    let word = &before[start..];
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    (capitalised && word.chars().count() >= 2).then_some(start..offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_key_being_typed() {
        let text = "Claim [@003_24";
        assert_eq!(citation_prefix(text, text.len()), Some(8..14));
        let text = "Claim [@a; @";
        assert_eq!(citation_prefix(text, text.len()), Some(12..12));
        assert_eq!(citation_prefix("mail me@x", 9), None);
        assert_eq!(citation_prefix("[@a] then @b", 12), None);
    }

    #[test]
    fn finds_the_name_being_typed() {
        assert_eq!(name_prefix("said Zel", 8), Some(5..8));
        assert_eq!(name_prefix("said zel", 8), None);
        assert_eq!(name_prefix("said Z", 6), None);
        assert_eq!(name_prefix("Ivlev-Yo", 8), Some(0..8));
    }

    #[test]
    fn documentation_escapes_the_title() {
        let candidate = CitationCandidate {
            key: "a".into(),
            date: None,
            source: None,
            title: "![t](https://host/pixel.png)".into(),
            rel_path: "sources/a`b.md".into(),
        };
        assert_eq!(
            candidate.documentation(),
            "**!\\[t\\](https://host/pixel.png)**\n\n``sources/a`b.md``"
        );
    }
}
