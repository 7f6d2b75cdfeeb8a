//! The analysed corpus: every article, found by citation key or path.

use std::collections::HashMap;
use std::path::Path;

use crate::article::Article;
use std::sync::OnceLock;

use crate::search::{ArticleText, SearchIndex};

#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    by_key: HashMap<String, usize>,
    by_path: HashMap<std::path::PathBuf, usize>,
    /// Passage retrieval for the note checks, built on first use.
    search: OnceLock<SearchIndex>,
    /// Each article's words and sentences, computed when first needed.
    texts: Vec<OnceLock<ArticleText>>,
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
        let texts = articles.iter().map(|_| OnceLock::new()).collect();
        Corpus {
            articles,
            by_key,
            by_path,
            search: Default::default(),
            texts,
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

    /// Use `index` as the passage index (one opened from a cache); false if
    /// one was already built.
    pub fn set_search_index(&self, index: SearchIndex) -> bool {
        self.search.set(index).is_ok()
    }

    /// The words and sentences of article `i`, computed on first use.
    pub fn article_text(&self, i: usize) -> Option<&ArticleText> {
        let cell = self.texts.get(i)?;
        Some(cell.get_or_init(|| ArticleText::new(&self.articles[i])))
    }

    /// The words and sentences of article `i`; panics when there is no such
    /// article, like indexing `articles`.
    pub fn text_at(&self, i: usize) -> &ArticleText {
        self.article_text(i).expect("article index in range")
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
