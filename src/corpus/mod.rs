//! The analysed corpus: every article, found by citation key or path.
//!
//! An article's path, workspace-relative path and citation key are always
//! in memory. Its text may not be: an analysis that went through the cache
//! knows unchanged articles from the cache's records and reads one from
//! disk only when something asks for it (a note cites it, a diagnostic
//! points into it), so a warm check reads a few files, not the corpus.

pub mod rules;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::article::{Article, ArticleFacts, ArticleText, ArticleWords};

/// How many keys like an unknown one are remembered (and stored by the
/// cache): as many as an unknown-source message lists.
pub const KEYS_KEPT: usize = 3;

/// One article of the corpus, loaded or not.
#[derive(Debug)]
pub struct Entry {
    path: PathBuf,
    rel_path: String,
    key: String,
    article: OnceLock<Arc<Article>>,
}

impl Entry {
    /// An article whose text is in memory.
    pub fn loaded(article: Article) -> Entry {
        Entry::shared(Arc::new(article))
    }

    fn shared(article: Arc<Article>) -> Entry {
        Entry {
            path: article.path.clone(),
            rel_path: article.rel_path.clone(),
            key: article.key.clone(),
            article: OnceLock::from(article),
        }
    }

    /// An article on disk whose citation key is already known, read when
    /// first needed.
    pub fn on_disk(path: PathBuf, rel_path: String, key: String) -> Entry {
        Entry {
            path,
            rel_path,
            key,
            article: OnceLock::new(),
        }
    }

    /// The same article for another corpus, sharing the text if it was read.
    pub fn reuse(&self) -> Entry {
        match self.article.get() {
            Some(article) => Entry::shared(Arc::clone(article)),
            None => Entry::on_disk(self.path.clone(), self.rel_path.clone(), self.key.clone()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn rel_path(&self) -> &str {
        &self.rel_path
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    fn article(&self) -> &Article {
        self.article.get_or_init(|| {
            let text = crate::files::read_text(&self.path).unwrap_or_else(|err| {
                // The file changed or went away since the workspace was
                // walked; the next analysis (a file event, the next run)
                // reports it properly.
                tracing::warn!("{}: {}", err.path.display(), err.message);
                String::new()
            });
            Arc::new(Article::parse(
                self.path.clone(),
                self.rel_path.clone(),
                text,
            ))
        })
    }
}

#[derive(Debug, Default)]
pub struct Corpus {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    by_path: HashMap<PathBuf, usize>,
    /// Each article's words and sentences, computed when first needed.
    texts: Vec<OnceLock<ArticleText>>,
    /// Each article's numbers and dates, found when first needed.
    facts: Vec<OnceLock<ArticleFacts>>,
    /// Every key in lower case, and the closest keys found for each unknown
    /// one asked about (up to `KEYS_KEPT`, the most alike first): the
    /// search compares every key, and a note repeats its unknown keys,
    /// claim after claim and keystroke after keystroke.
    lowered_keys: OnceLock<Vec<String>>,
    closest_keys: Mutex<HashMap<String, Vec<usize>>>,
}

impl Corpus {
    pub fn new(articles: Vec<Article>) -> Corpus {
        Corpus::from_entries(articles.into_iter().map(Entry::loaded).collect())
    }

    pub fn from_entries(entries: Vec<Entry>) -> Corpus {
        let mut by_key = HashMap::new();
        let mut by_path = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            // With duplicate keys the first wins; `duplicate-id` reports it.
            by_key.entry(entry.key.clone()).or_insert(i);
            by_path.insert(entry.path.clone(), i);
        }
        let texts = entries.iter().map(|_| OnceLock::new()).collect();
        let facts = entries.iter().map(|_| OnceLock::new()).collect();
        Corpus {
            entries,
            by_key,
            by_path,
            texts,
            facts,
            lowered_keys: Default::default(),
            closest_keys: Default::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Article `i`, read from disk if it was not yet; panics when there is
    /// no such article, like indexing a slice.
    pub fn article(&self, i: usize) -> &Article {
        self.entries[i].article()
    }

    /// Whether article `i`'s text is in memory.
    pub fn is_loaded(&self, i: usize) -> bool {
        self.entries[i].article.get().is_some()
    }

    /// Every article, in order; reads those not yet in memory.
    pub fn articles(&self) -> impl ExactSizeIterator<Item = &Article> {
        self.entries.iter().map(Entry::article)
    }

    /// Read the articles at `positions` now, in parallel, rather than one
    /// by one as they are asked for.
    pub fn load(&self, positions: &[usize]) {
        positions.par_iter().for_each(|&i| {
            self.article(i);
        });
    }

    pub fn key(&self, i: usize) -> &str {
        &self.entries[i].key
    }

    pub fn rel_path(&self, i: usize) -> &str {
        &self.entries[i].rel_path
    }

    pub fn path(&self, i: usize) -> &Path {
        &self.entries[i].path
    }

    pub fn by_key(&self, key: &str) -> Option<&Article> {
        self.position(key).map(|i| self.article(i))
    }

    pub fn by_path(&self, path: &Path) -> Option<&Article> {
        self.position_of_path(path).map(|i| self.article(i))
    }

    /// The words and sentences of article `i`, computed on first use.
    pub fn article_text(&self, i: usize) -> Option<ArticleWords<'_>> {
        let cell = self.texts.get(i)?;
        let article = self.article(i);
        Some(cell.get_or_init(|| ArticleText::new(article)).read(article))
    }

    /// The words and sentences of article `i`; panics when there is no such
    /// article, like indexing `articles`.
    pub fn text_at(&self, i: usize) -> ArticleWords<'_> {
        self.article_text(i).expect("article index in range")
    }

    /// The numbers and dates of article `i`'s body, found on first use;
    /// panics when there is no such article, like `text_at`.
    pub fn facts_at(&self, i: usize) -> &ArticleFacts {
        self.facts[i].get_or_init(|| ArticleFacts::new(self.article(i), self.text_at(i)))
    }

    /// Index of an article in `articles`.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    pub fn position_of_path(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// The key most like `key` (a prefix of at least three letters, else
    /// the highest Jaro-Winkler similarity of at least 0.8, ignoring case;
    /// the lesser key among equals), as a suggestion for a key no article
    /// has.
    pub fn closest_key(&self, key: &str) -> Option<&str> {
        self.keys_like(key, 1).first().map(|&i| self.key(i))
    }

    /// Up to `most` keys like `key`, the most alike first, as `closest_key`
    /// judges them. Up to `KEYS_KEPT` of them are remembered.
    pub fn keys_like(&self, key: &str, most: usize) -> Vec<usize> {
        let lower = key.to_lowercase();
        if most <= KEYS_KEPT
            && let Some(found) = (self.closest_keys.lock().ok()).and_then(|memo| {
                memo.get(&lower)
                    .map(|kept| kept[..most.min(kept.len())].to_vec())
            })
        {
            return found;
        }
        let mut found = self.similar_keys(&lower);
        let alike = |a: &(f64, usize), b: &(f64, usize)| {
            b.0.total_cmp(&a.0).then(self.key(a.1).cmp(self.key(b.1)))
        };
        // Thousands of keys may be alike (a corpus of generated keys): only
        // the first few are ever shown.
        let kept = most.max(KEYS_KEPT);
        if found.len() > kept {
            found.select_nth_unstable_by(kept - 1, alike);
            found.truncate(kept);
        }
        found.sort_by(alike);
        let found: Vec<usize> = found.into_iter().map(|(_, i)| i).collect();
        if let Ok(mut memo) = self.closest_keys.lock() {
            memo.insert(lower, found.iter().copied().take(KEYS_KEPT).collect());
        }
        found.into_iter().take(most).collect()
    }

    /// Every key like `lower` (a prefix of at least three letters, else a
    /// Jaro-Winkler similarity of at least 0.8, ignoring case) with its
    /// similarity.
    fn similar_keys(&self, lower: &str) -> Vec<(f64, usize)> {
        let lowered = self
            .lowered_keys
            .get_or_init(|| self.entries.iter().map(|e| e.key.to_lowercase()).collect());
        lowered
            .par_iter()
            .enumerate()
            .filter_map(|(i, candidate)| {
                let prefix = candidate.starts_with(lower) && lower.len() >= 3;
                let score = if prefix {
                    1.0
                } else {
                    strsim::jaro_winkler(lower, candidate)
                };
                (score >= 0.8).then_some((score, i))
            })
            .collect()
    }

    /// What `closest_key` answers depend on: every key, in corpus order.
    pub fn keys_fingerprint(&self) -> [u8; 32] {
        let mut hasher = blake3::Hasher::new();
        for entry in &self.entries {
            hasher.update(entry.key.as_bytes());
            hasher.update(&[0xff]);
        }
        *hasher.finalize().as_bytes()
    }

    /// The answers `keys_like` has given, by unknown key in lower case, in
    /// order.
    pub fn suggestions(&self) -> Vec<(String, Vec<String>)> {
        let Ok(memo) = self.closest_keys.lock() else {
            return Vec::new();
        };
        let mut found: Vec<(String, Vec<String>)> = memo
            .iter()
            .map(|(unknown, kept)| {
                let keys = kept.iter().map(|&i| self.key(i).to_string()).collect();
                (unknown.clone(), keys)
            })
            .collect();
        found.sort();
        found
    }

    /// Take answers `keys_like` gave for a corpus with these very keys (the
    /// same `keys_fingerprint`), so that they are not searched for again.
    /// One naming a key this corpus lacks is left out. Returns how many
    /// were taken.
    pub fn adopt_suggestions(&self, found: &[(String, Vec<String>)]) -> usize {
        let Ok(mut memo) = self.closest_keys.lock() else {
            return 0;
        };
        let mut adopted = 0;
        for (unknown, keys) in found {
            let Some(positions) = (keys.iter())
                .map(|key| self.position(key))
                .collect::<Option<Vec<usize>>>()
            else {
                continue;
            };
            memo.entry(unknown.clone()).or_insert(positions);
            adopted += 1;
        }
        adopted
    }
}

/// For each article of a new corpus, given as (relative path, text hash),
/// the position of the old corpus's article with the same path and text,
/// if it has one: what an index of the old corpus can keep.
pub fn unchanged_positions<'o, 'n>(
    old: impl Iterator<Item = (&'o str, &'o [u8; 32])>,
    new: impl Iterator<Item = (&'n str, &'n [u8; 32])>,
) -> Vec<Option<usize>> {
    let old: HashMap<&str, (usize, &[u8; 32])> = old
        .enumerate()
        .map(|(i, (path, hash))| (path, (i, hash)))
        .collect();
    new.map(|(path, hash)| {
        old.get(path)
            .filter(|(_, old_hash)| *old_hash == hash)
            .map(|(i, _)| *i)
    })
    .collect()
}

/// For each article of the old corpus (`old_len` of them), its position in
/// the new one when `kept` (as `unchanged_positions` gives it) keeps it.
pub fn new_positions(kept: &[Option<usize>], old_len: usize) -> Vec<Option<usize>> {
    let mut new_position = vec![None; old_len];
    for (i, old) in kept.iter().enumerate() {
        if let Some(old) = old {
            new_position[*old] = Some(i);
        }
    }
    new_position
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(keys: &[&str]) -> Corpus {
        Corpus::new(
            keys.iter()
                .map(|key| {
                    let text = format!("---\nid: {key}\ntitle: T\n---\nBody.\n");
                    Article::parse(
                        PathBuf::from(format!("/w/{key}.md")),
                        format!("{key}.md"),
                        text,
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn closest_keys_prefer_prefixes_then_similarity_then_the_lesser_key() {
        let corpus = corpus(&["reuters-talks", "afp-talks", "bbc-aid", "bbc-aim"]);
        assert_eq!(corpus.key(0), "reuters-talks");
        assert_eq!(corpus.closest_key("Reu"), Some("reuters-talks"));
        assert_eq!(corpus.closest_key("afp-tlaks"), Some("afp-talks"));
        // Equally close to both: the lesser key, asked once or again.
        assert_eq!(corpus.closest_key("bbc-aix"), Some("bbc-aid"));
        assert_eq!(corpus.closest_key("BBC-AIX"), Some("bbc-aid"));
        assert_eq!(corpus.closest_key("zz"), None);
        assert_eq!(corpus.closest_key("zz"), None);
    }

    #[test]
    fn keys_like_remembered_are_those_a_full_ranking_gives() {
        let keys: Vec<String> = (0..400).map(|i| format!("gen-{:06}", i * 7)).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let ranked_in_full = |unknown: &str| {
            let corpus = corpus(&keys);
            let mut found = corpus.similar_keys(unknown);
            found.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then(corpus.key(a.1).cmp(corpus.key(b.1)))
            });
            found.into_iter().map(|(_, i)| i).collect::<Vec<_>>()
        };
        let corpus = corpus(&keys);
        for unknown in ["gen-000140x", "gen-00014", "gen-0001", "gen-999999"] {
            let full = ranked_in_full(unknown);
            assert!(full.len() > KEYS_KEPT, "{unknown}: {}", full.len());
            for most in [1, 2, KEYS_KEPT, KEYS_KEPT + 2] {
                let expected: Vec<usize> = full.iter().copied().take(most).collect();
                // Searched, then remembered: the same either way.
                assert_eq!(
                    corpus.keys_like(unknown, most),
                    expected,
                    "{unknown} {most}"
                );
                assert_eq!(
                    corpus.keys_like(unknown, most),
                    expected,
                    "{unknown} {most}"
                );
            }
            assert_eq!(corpus.closest_key(unknown), Some(corpus.key(full[0])));
        }
    }

    #[test]
    fn adopted_suggestions_answer_without_a_search() {
        let keys = ["guardian-2024-port", "reuters-2024-port", "afp-2023-grid"];
        let searched = corpus(&keys);
        assert_eq!(
            searched.closest_key("reuters-2024-prot"),
            Some("reuters-2024-port")
        );
        assert_eq!(searched.closest_key("zzzz"), None);
        let found = searched.suggestions();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "reuters-2024-prot");
        assert_eq!(found[0].1[0], "reuters-2024-port");
        assert_eq!(found[1], ("zzzz".to_string(), vec![]));
        // The same keys give the same fingerprint, and a new corpus with
        // them answers from what it adopts, even an answer a search would
        // not give: nothing is searched again.
        let fresh = corpus(&keys);
        assert_eq!(fresh.keys_fingerprint(), searched.keys_fingerprint());
        let planted = vec![
            (
                "reuters-2024-prot".to_string(),
                vec!["afp-2023-grid".to_string()],
            ),
            (
                "afp-2023-gird".to_string(),
                vec!["afp-2023-grid".to_string(), "no-such-key".to_string()],
            ),
        ];
        assert_eq!(fresh.adopt_suggestions(&planted), 1);
        assert_eq!(
            fresh.closest_key("Reuters-2024-Prot"),
            Some("afp-2023-grid")
        );
        // An answer naming a key the corpus lacks was left out: searched.
        assert_eq!(fresh.closest_key("afp-2023-gird"), Some("afp-2023-grid"));
        assert_ne!(
            corpus(&keys[..2]).keys_fingerprint(),
            searched.keys_fingerprint()
        );
    }
}
