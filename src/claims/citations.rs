//! What a note's citations point at: an article of the corpus by its key, or
//! by a link to its file.

use std::path::{Component, Path, PathBuf};

use crate::corpus::Corpus;
use crate::note::{Citation, CitationTarget, Claim};

/// The article a citation points at: a key in the corpus, or a link whose
/// target (relative to the note's folder) is an article file.
pub fn resolve_citation(note_path: &Path, citation: &Citation, corpus: &Corpus) -> Option<usize> {
    match &citation.target {
        CitationTarget::Key(key) => corpus.position(key),
        CitationTarget::Link(dest) => {
            if dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with('#') {
                return None;
            }
            let dest = dest
                .split(['#', '?'])
                .next()
                .unwrap_or("")
                .replace("%20", " ");
            if dest.is_empty() {
                return None;
            }
            let base = note_path.parent().unwrap_or(Path::new(""));
            let mut resolved = PathBuf::new();
            for component in base.join(&dest).components() {
                match component {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::CurDir => {}
                    other => resolved.push(other),
                }
            }
            corpus.position_of_path(&resolved)
        }
    }
}

/// The articles a claim cites, as far as the corpus has them; `resolved`
/// holds what each citation of the note resolved to.
pub fn cited_articles(claim: &Claim, resolved: &[Option<usize>]) -> Vec<usize> {
    let mut articles: Vec<usize> = claim
        .citations
        .iter()
        .filter_map(|&c| resolved[c])
        .collect();
    articles.dedup();
    articles
}
