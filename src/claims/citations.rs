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
    // Each article once, in the order first cited: a claim may cite the
    // same few articles thousands of times, and each is checked per entry.
    let mut seen = std::collections::HashSet::new();
    claim
        .citations
        .iter()
        .filter_map(|&c| resolved[c])
        .filter(|&article| seen.insert(article))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::note::Note;

    #[test]
    fn each_cited_article_once_in_the_order_first_cited() {
        let article = |name: &str| {
            Article::parse(
                PathBuf::from(format!("/w/sources/{name}.md")),
                format!("sources/{name}.md"),
                format!("---\ntitle: {name}\ndate: 2024-05-10\n---\nBody.\n"),
            )
        };
        let corpus = Corpus::new(vec![article("a"), article("b")]);
        let note = Note::parse("Growth rose [@b] [@a] [@missing] [@b] [@a] [@b].\n");
        let path = Path::new("/w/notes/n.md");
        let resolved: Vec<Option<usize>> = (note.citations.iter())
            .map(|c| resolve_citation(path, c, &corpus))
            .collect();
        assert_eq!(cited_articles(&note.claims[0], &resolved), vec![1, 0]);
    }
}
