//! The analysed corpus: every article, found by citation key or path.

use std::collections::HashMap;
use std::path::Path;

use crate::article::Article;
use crate::search::SearchIndex;

#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    by_key: HashMap<String, usize>,
    by_path: HashMap<std::path::PathBuf, usize>,
    /// Passage retrieval for the note checks, built on first use.
    search: std::sync::OnceLock<SearchIndex>,
}

impl Corpus {
    pub fn new(articles: Vec<Article>) -> Corpus {
        let mut by_key = HashMap::new();
        let mut by_path = HashMap::new();
        for (i, article) in articles.iter().enumerate() {
            // With duplicate keys the first wins; `duplicate-id` reports it.
            by_key.entry(article.key.clone()).or_insert(i);
            by_path.insert(article.path.clone(), i);
        }
        Corpus {
            articles,
            by_key,
            by_path,
            search: Default::default(),
        }
    }

    pub fn by_key(&self, key: &str) -> Option<&Article> {
        self.by_key.get(key).map(|&i| &self.articles[i])
    }

    pub fn by_path(&self, path: &Path) -> Option<&Article> {
        self.by_path.get(path).map(|&i| &self.articles[i])
    }

    /// The passage index, built the first time a note needs it.
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::build(self))
    }

    /// Index of an article in `articles`.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    pub fn position_of_path(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.articles.iter().map(|a| a.key.as_str())
    }
}
