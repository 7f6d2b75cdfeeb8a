//! The engine behind every front end: load a workspace's files (from disk or
//! from an editor's unsaved buffers), build the corpus, run every rule, and
//! apply configuration and suppressions. `check`, `people`, `quotes` and the
//! language server all go through here.

mod cached;
mod configure;
mod load;
mod notes;
mod people;
#[cfg(test)]
mod tests;

use cached::{NotesToStore, StoredNotes};
#[cfg(test)]
pub(crate) use load::record_of;
use load::{depends_on_day, offsets, relative_path};

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::article::{self, Article};
use crate::cache::{ArticleRecord, CacheLink, CacheStats};
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;
use crate::files::FileError;
use crate::people::PeopleIndex;
use crate::retrieval::{LazyPassageIndex, PassageIndex};
use crate::workspace::{Role, Workspace};

/// Drop `value` without freeing its memory: for what a command is done with
/// (its analyses and results) just before the process exits, which hands
/// all its memory back at once. Freeing a large corpus and its indexes one
/// allocation at a time takes longer than a whole unchanged check. Nothing
/// it holds may need its destructor to run (a file to flush, a lock to
/// release early).
pub fn drop_without_freeing<T>(value: T) {
    std::mem::forget(value);
}

/// Hand the memory the process has freed back to the system now, rather
/// than whenever the allocator next gets round to it: for a long-running
/// server once it has let go of something large (a closed editor buffer
/// and what its checks made). The binary's allocator is jemalloc; this
/// purges its arenas, and does nothing under another allocator.
pub fn release_freed_memory() {
    #[cfg(not(target_env = "msvc"))]
    {
        // `MALLCTL_ARENAS_ALL`: every arena at once.
        const PURGE_ALL_ARENAS: &std::ffi::CStr = c"arena.4096.purge";
        // SAFETY: a purge takes no input and gives no output, as the null
        // pointers and zero length say; the name is a NUL-terminated string.
        let failed = unsafe {
            tikv_jemalloc_sys::mallctl(
                PURGE_ALL_ARENAS.as_ptr(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                0,
            )
        };
        if failed != 0 {
            tracing::debug!("the allocator did not purge its arenas (error {failed})");
        }
    }
}

/// A note's text as loaded.
#[derive(Debug, Clone)]
pub struct NoteFile {
    pub path: PathBuf,
    pub rel_path: String,
    pub text: String,
}

pub struct Analysis {
    pub workspace: Workspace,
    pub corpus: Corpus,
    /// The corpus's passage index, made on first use (or by the cache).
    passages: LazyPassageIndex,
    pub notes: Vec<NoteFile>,
    pub errors: Vec<FileError>,
    /// Symbolic links the walk left alone: out of the workspace, or to a
    /// folder walked anyway.
    pub unfollowed_links: Vec<FileError>,
    /// What is known of each article, parallel to the corpus: enough to
    /// report its diagnostics without reading it.
    records: Vec<ArticleRecord>,
    /// The day the records' diagnostics were computed for.
    checked_on: Date,
    /// Articles read from disk or taken from an editor for this analysis.
    read: usize,
    corpus_diagnostics: OnceLock<Vec<Diagnostic>>,
    people: OnceLock<Arc<PeopleIndex>>,
    /// The people index of the analysis this one updates, if it had one:
    /// brought up to date rather than rebuilt (`PeopleIndex::update`).
    people_base: Option<Arc<PeopleIndex>>,
    claim_cache: crate::claims::ClaimCache,
    /// The claims of the notes to check again, checked but for their
    /// attribution while the people index is read; used and dropped by the
    /// check.
    claims_ahead: crate::claims::ClaimsAhead,
    cache: Option<CacheLink>,
    /// What the cache held of note results when the analysis was made.
    stored_notes: Option<StoredNotes>,
    /// What `diagnostics` computed that `persist` is to store.
    notes_to_store: std::sync::Mutex<Option<NotesToStore>>,
    cache_stats: Option<CacheStats>,
    people_built: AtomicBool,
    people_updated: AtomicBool,
    people_saved: AtomicBool,
    notes_reused: AtomicUsize,
}

impl Analysis {
    /// The text of a workspace file as analysed.
    pub fn text_of(&self, path: &Path) -> Option<&str> {
        if let Some(article) = self.corpus.by_path(path) {
            return Some(&article.text);
        }
        self.notes
            .iter()
            .find(|n| n.path == path)
            .map(|n| n.text.as_str())
    }

    /// Build the lazily made indexes now. They are built inside
    /// `OnceLock`s with rayon; building them first, from one thread, keeps
    /// rayon workers from blocking on a lock whose holder waits for them.
    pub fn prepare(&self) {
        if !self.notes.is_empty() {
            self.prepare_indexes();
        }
    }

    /// Forget what checks of an editor's buffer of the note at `path` left
    /// behind (the findings of claims the note as analysed does not have):
    /// the language server calls it once the buffer is closed.
    pub fn forget_buffer(&self, path: &Path) {
        let saved = self.text_of(path).unwrap_or_default();
        self.claim_cache.forget_note_except(path, saved);
    }

    /// Make what only hovers need, once the people index is made: the
    /// language server calls it in the background after publishing, so the
    /// first quote hover does not wait for it.
    pub fn prepare_hovers(&self) {
        if let Some(people) = self.people.get() {
            people.quote_groups();
        }
    }

    /// Every diagnostic of the workspace, configured and suppressed, sorted by
    /// file and position.
    pub fn diagnostics(&self, today: Date) -> Vec<Diagnostic> {
        let mut raw: Vec<Diagnostic> = self
            .records
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, record)| {
                if depends_on_day(record, self.checked_on, today) {
                    article::rules::check_article(self.corpus.article(i), today)
                } else {
                    record.diagnostics.clone()
                }
            })
            .collect();
        raw.extend(self.corpus_diagnostics().iter().cloned());
        raw.extend(self.all_note_diagnostics());
        // Articles not read whose recorded head does not reach every place
        // a diagnostic points at are read now, side by side.
        let mut positions: Vec<usize> = raw
            .iter()
            .flat_map(offsets)
            .filter_map(|(path, offset)| {
                let i = self.corpus.position_of_path(path)?;
                let covered = self.records[i]
                    .head
                    .as_ref()
                    .is_some_and(|head| offset <= head.len());
                (!covered && !self.corpus.is_loaded(i)).then_some(i)
            })
            .collect();
        positions.sort_unstable();
        positions.dedup();
        self.corpus.load(&positions);
        self.finish(raw, &|path| self.excerpt(path, 0))
    }

    /// The text of a file through byte `through` at least: the whole text
    /// of notes and of articles in memory; for an article not read, its
    /// recorded head when that reaches far enough (see
    /// `ArticleRecord::head`), else the whole text, read now.
    pub fn excerpt(&self, path: &Path, through: usize) -> Option<&str> {
        if let Some(i) = self.corpus.position_of_path(path)
            && !self.corpus.is_loaded(i)
            && let Some(head) = &self.records[i].head
            && through <= head.len()
        {
            return Some(head);
        }
        self.text_of(path)
    }

    /// The diagnostics of a file whose current text may differ from what was
    /// analysed (an editor buffer). Article rules run on the new text;
    /// corpus-wide rules keep the analysed corpus until it is rebuilt.
    pub fn text_diagnostics(
        &self,
        path: &Path,
        role: Role,
        text: &str,
        today: Date,
    ) -> Vec<Diagnostic> {
        let mut raw = Vec::new();
        match role {
            Role::Article => {
                let rel_path = relative_path(&self.workspace, path);
                let article = Article::parse(path.to_path_buf(), rel_path, text.to_string());
                raw.extend(article::rules::check_article(&article, today));
                raw.extend(
                    self.corpus_diagnostics()
                        .iter()
                        .filter(|d| d.location.path == path)
                        .cloned(),
                );
            }
            Role::Note => {
                self.prepare();
                raw.extend(self.note_diagnostics(path, text))
            }
        }
        let lookup = |p: &Path| {
            if p == path {
                Some(text)
            } else {
                self.text_of(p)
            }
        };
        self.finish(raw, &lookup)
    }

    /// The corpus's passage index, made on first use.
    pub fn passage_index(&self) -> &dyn PassageIndex {
        self.passages.get(&self.corpus)
    }

    /// Build the passage index and the people index side by side. Left to
    /// their first use, a note check on one thread would build one while
    /// the others wait on it.
    pub fn prepare_indexes(&self) {
        self.beside_passage_index(
            || {
                self.passage_index();
            },
            || {
                self.people();
            },
        );
    }

    /// Run `passages` (building or reading the passage index) and `people`
    /// (the people index) side by side, or one after the other when one
    /// article is long enough that the memory each build takes for it
    /// would add up (`SEQUENTIAL_ARTICLE`). An article not in memory is
    /// measured by its file's length as the walk found it: reading it to
    /// measure it would read every article of a warm run from disk.
    fn beside_passage_index<A: Send, B: Send>(
        &self,
        passages: impl FnOnce() -> A + Send,
        people: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        let longest = (0..self.corpus.len())
            .map(|i| {
                if self.corpus.is_loaded(i) {
                    self.corpus.article(i).body.len()
                } else {
                    self.records
                        .get(i)
                        .and_then(|record| record.stamp.as_ref())
                        .map_or(0, |stamp| usize::try_from(stamp.len).unwrap_or(usize::MAX))
                }
            })
            .max();
        if longest.is_some_and(|bytes| bytes > SEQUENTIAL_ARTICLE) {
            let a = passages();
            // What each build freed would otherwise stay with the allocator
            // while the next step takes as much again.
            release_freed_memory();
            let b = people();
            release_freed_memory();
            (a, b)
        } else {
            rayon::join(passages, people)
        }
    }

    /// Rules that compare articles with each other, computed once per corpus.
    fn corpus_diagnostics(&self) -> &[Diagnostic] {
        self.corpus_diagnostics.get_or_init(|| {
            let bodies: Vec<Option<[u8; 32]>> = self.records.iter().map(|r| r.body).collect();
            crate::corpus::rules::check_corpus(&self.corpus, &bodies)
        })
    }
}

/// An article body longer than this makes the passage and people indexes
/// build one after the other (`Analysis::beside_passage_index`): each holds
/// several times an article's size while reading it.
const SEQUENTIAL_ARTICLE: usize = 4 << 20;

/// Today's date, or `BACKSTOP_TODAY` (YYYY-MM-DD) when set, so that runs can
/// be reproduced.
pub fn today() -> Date {
    std::env::var("BACKSTOP_TODAY")
        .ok()
        .and_then(|value| value.parse::<Date>().ok())
        .unwrap_or_else(|| jiff::Zoned::now().date())
}
