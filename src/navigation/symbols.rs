//! Workspace symbols: the people and articles whose names match a query,
//! for an editor's "go to symbol in workspace" picker.

use std::ops::Range;
use std::path::PathBuf;

use super::first_mention;
use crate::analysis::Analysis;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Person,
    Article,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceSymbol<'a> {
    pub name: String,
    pub kind: SymbolKind,
    pub path: PathBuf,
    /// A person's first mention; the start of an article.
    pub range: Range<usize>,
    /// The text `range` is in (empty for an article's start).
    pub text: &'a str,
    /// A person's first role; an article's title.
    pub container: Option<String>,
}

/// People, then articles, of each analysis in turn whose names contain
/// `query` (any case; everything for an empty one), at most `limit`.
pub fn workspace_symbols<'a>(
    analyses: impl IntoIterator<Item = &'a Analysis>,
    query: &str,
    limit: usize,
) -> Vec<WorkspaceSymbol<'a>> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for analysis in analyses {
        let people = analysis.people();
        for person in &people.persons {
            if !query.is_empty()
                && !person
                    .all_names()
                    .any(|n| n.to_lowercase().contains(&query))
            {
                continue;
            }
            let Some((path, range)) = first_mention(analysis, person.id) else {
                continue;
            };
            let Some(text) = analysis.text_of(&path) else {
                continue;
            };
            out.push(WorkspaceSymbol {
                name: person.canonical.clone(),
                kind: SymbolKind::Person,
                path,
                range,
                text,
                container: person.roles.first().map(|r| r.role.to_string()),
            });
            if out.len() >= limit {
                return out;
            }
        }
        // Keys and titles from the people index, which has them for every
        // article: an analysis from the cache has not read its articles,
        // and reading them all would take seconds at 100,000.
        for article in &people.articles {
            let title = article.title.as_deref().unwrap_or("");
            let haystack = format!("{} {title}", article.key).to_lowercase();
            if !query.is_empty() && !haystack.contains(&query) {
                continue;
            }
            out.push(WorkspaceSymbol {
                name: article.key.clone(),
                kind: SymbolKind::Article,
                path: article.path.clone(),
                range: 0..0,
                text: "",
                container: (!title.is_empty()).then(|| title.to_string()),
            });
            if out.len() >= limit {
                return out;
            }
        }
    }
    out
}
