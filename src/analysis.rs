//! The engine behind every front end: load a workspace's files (from disk or
//! from an editor's unsaved buffers), build the corpus, run every rule, and
//! apply configuration and suppressions. `check`, `people`, `quotes` and the
//! language server all go through here.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::article::{self, Article};
use crate::cache::{
    self, ArticleRecord, Cache, CacheLink, CacheStats, LoadedCorpus, Manifest, NoteRecord,
    PeopleFile, Suggestions,
};
use crate::claims::NoteChecker;
use crate::corpus::{Corpus, Entry};
use crate::diagnostic::{Diagnostic, Level};
use crate::files::{FileError, FileStamp, read_text_sized};
use crate::people::{PeopleIndex, Updated};
use crate::retrieval::{LazyPassageIndex, PassageIndex};
use crate::suppression::Suppressions;
use crate::text::LineIndex;
use crate::workspace::{Role, Workspace};

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
    cache_stats: Option<CacheStats>,
    people_built: AtomicBool,
    people_updated: AtomicBool,
    people_saved: AtomicBool,
    notes_reused: AtomicUsize,
}

/// What the cache holds of note results for one corpus and configuration.
struct StoredNotes {
    /// What the results were computed with: the corpus, the configuration.
    context: [u8; 32],
    results: HashMap<String, NoteRecord>,
    /// Per note of the analysis, the hash of its text.
    hashes: Vec<[u8; 32]>,
    /// Each claim's findings, taken into the claim cache when attached.
    claims: Vec<crate::claims::ClaimFindings>,
    /// The closest-key suggestions stored, and this corpus's keys.
    suggestions: Suggestions,
    keys: [u8; 32],
}

impl StoredNotes {
    /// The stored result for note `i`, if its text is the one checked.
    fn result(&self, notes: &[NoteFile], i: usize) -> Option<&NoteRecord> {
        self.results
            .get(&notes[i].rel_path)
            .filter(|record| record.hash == self.hashes[i])
    }
}

/// Where the text of each file comes from, first match wins.
struct Sources<'a> {
    /// Unsaved editor buffers.
    overlay: &'a (dyn Fn(&Path) -> Option<String> + Sync),
    /// The analysis this one replaces, and the files that changed since.
    previous: Option<(&'a Analysis, HashSet<&'a Path>)>,
    /// Records from the cache and the day they were checked for: an
    /// article whose file stamp matches is not read.
    stored: StoredRecords<'a>,
    stored_day: Option<Date>,
    today: Date,
}

/// The cache's records, in the corpus order they were stored in.
#[derive(Default)]
struct StoredRecords<'a> {
    records: &'a [ArticleRecord],
    /// By relative path, made on the first article not at its old place.
    by_path: OnceLock<HashMap<&'a str, &'a ArticleRecord>>,
}

impl<'a> StoredRecords<'a> {
    /// The record of the article `rel_path`, the `position`th of the
    /// workspace. Articles keep their places unless some were added or
    /// removed before them, so most are found without hashing a path.
    fn get(&self, position: usize, rel_path: &str) -> Option<&'a ArticleRecord> {
        if let Some(record) = self.records.get(position)
            && record.rel_path == rel_path
        {
            return Some(record);
        }
        let by_path = self.by_path.get_or_init(|| {
            (self.records.iter())
                .map(|r| (r.rel_path.as_str(), r))
                .collect()
        });
        by_path.get(rel_path).copied()
    }
}

/// One workspace file, loaded.
enum Loaded {
    Note(NoteFile),
    /// An article, its record, and the day the record was checked for.
    Article(Entry, Box<ArticleRecord>, Date),
    Failed(FileError),
}

/// What `record` says depends on today's date (the future-date rule) and
/// may differ between `from` and `to`.
fn depends_on_day(record: &ArticleRecord, from: Date, to: Date) -> bool {
    from != to && record.date.is_some_and(|date| date > from.min(to))
}

pub(crate) fn record_of(article: &Article, stamp: Option<FileStamp>, today: Date) -> ArticleRecord {
    let diagnostics = article::checks::check_article(article, today);
    ArticleRecord {
        rel_path: article.rel_path.clone(),
        stamp,
        hash: *blake3::hash(article.text.as_bytes()).as_bytes(),
        key: article.key.clone(),
        body: article::checks::body_hash(article),
        date: article.date(),
        head: head_of(&article.text, &diagnostics),
        diagnostics,
    }
}

/// Every byte offset a diagnostic points at, in any file.
fn offsets(diagnostic: &Diagnostic) -> impl Iterator<Item = (&Path, usize)> {
    std::iter::once(&diagnostic.location)
        .chain(diagnostic.related.iter().map(|r| &r.location))
        .chain(
            diagnostic
                .fix
                .iter()
                .flat_map(|f| f.edits.iter().map(|e| &e.location)),
        )
        .map(|location| (location.path.as_path(), location.range.end))
}

/// The text through the line break that ends the last line `diagnostics`
/// point into; `None` when the text has suppression comments, which
/// `finish` must see whole.
fn head_of(text: &str, diagnostics: &[Diagnostic]) -> Option<String> {
    if text.contains(crate::suppression::MARKER) {
        return None;
    }
    let mut last = diagnostics
        .iter()
        .flat_map(offsets)
        .map(|(_, offset)| offset)
        .max()
        .unwrap_or(0)
        .min(text.len());
    while !text.is_char_boundary(last) {
        last -= 1;
    }
    let end = match text[last..].find(['\n', '\r']) {
        Some(i) if text[last + i..].starts_with("\r\n") => last + i + 2,
        Some(i) => last + i + 1,
        None => text.len(),
    };
    Some(text[..end].to_string())
}

fn relative_path(workspace: &Workspace, path: &Path) -> String {
    workspace
        .relative(path)
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// A file whose text is in hand: a note, or a parsed article with a record
/// checked for `today`. `stamp` is the file's, or `None` for text no later
/// run can trust (an editor buffer).
fn loaded_text(
    path: PathBuf,
    rel_path: String,
    role: Role,
    text: String,
    stamp: Option<FileStamp>,
    today: Date,
) -> Loaded {
    match role {
        Role::Note => Loaded::Note(NoteFile {
            path,
            rel_path,
            text,
        }),
        Role::Article => {
            let article = Article::parse(path, rel_path, text);
            let record = record_of(&article, stamp, today);
            Loaded::Article(Entry::loaded(article), Box::new(record), today)
        }
    }
}

impl<'a> Sources<'a> {
    /// Editor buffers, else the disk.
    fn new(overlay: &'a (dyn Fn(&Path) -> Option<String> + Sync)) -> Sources<'a> {
        Sources {
            overlay,
            previous: None,
            stored: StoredRecords::default(),
            stored_day: None,
            today: today(),
        }
    }

    /// Load the file at `path`, the `position`th article of the workspace
    /// when it is one.
    fn load(&self, workspace: &Workspace, path: PathBuf, role: Role, position: usize) -> Loaded {
        let rel_path = relative_path(workspace, &path);
        let fresh = |text: String, stamp: Option<FileStamp>| {
            loaded_text(
                path.clone(),
                rel_path.clone(),
                role,
                text,
                stamp,
                self.today,
            )
        };
        if let Some(text) = (self.overlay)(&path) {
            return fresh(text, None);
        }
        if let Some((previous, changed)) = &self.previous
            && !changed.contains(path.as_path())
        {
            match role {
                Role::Article => {
                    if let Some(i) = previous.corpus.position_of_path(&path) {
                        return Loaded::Article(
                            previous.corpus.entries()[i].reuse(),
                            Box::new(previous.records[i].clone()),
                            previous.checked_on,
                        );
                    }
                }
                Role::Note => {
                    if let Some(note) = previous.notes.iter().find(|n| n.path == path) {
                        return Loaded::Note(note.clone());
                    }
                }
            }
        }
        let metadata = match std::fs::metadata(&path) {
            Ok(metadata) => metadata,
            Err(err) => {
                return Loaded::Failed(FileError {
                    path,
                    line: None,
                    message: format!("cannot read: {err}"),
                });
            }
        };
        // Taken before the read: a file written meanwhile gets a new stamp
        // and is read again next time.
        let stamp = FileStamp::of(&metadata);
        if role == Role::Article
            && let Some(record) = self.stored.get(position, &rel_path)
            && record.stamp == Some(stamp)
            && let Some(day) = self.stored_day
        {
            let entry = Entry::on_disk(path, rel_path, record.key.clone());
            return Loaded::Article(entry, Box::new((*record).clone()), day);
        }
        match read_text_sized(&path, &metadata) {
            Ok(text) => fresh(text, Some(stamp)),
            Err(err) => Loaded::Failed(err),
        }
    }
}

impl Analysis {
    /// Load every file of the workspace. `overlay` supplies the text of files
    /// open in an editor, which wins over the disk.
    pub fn load(
        workspace: Workspace,
        overlay: &(dyn Fn(&Path) -> Option<String> + Sync),
    ) -> Analysis {
        Analysis::load_from(workspace, &Sources::new(overlay))
    }

    /// `load` through `cache`: articles whose files have not changed since
    /// the cache recorded them are not read until something needs their
    /// text, the passage index is reused or updated (only changed, added
    /// and deleted articles are re-indexed), and the people index and note
    /// results are reused while the corpus is the same. Results are the
    /// same as `load`'s, which is what a run without a cache gets.
    pub fn load_cached(
        workspace: Workspace,
        overlay: &(dyn Fn(&Path) -> Option<String> + Sync),
        cache: Option<&Cache>,
    ) -> Analysis {
        let Some(cache) = cache else {
            return Analysis::load(workspace, overlay);
        };
        // Reading the manifest and walking the workspace do not depend on
        // each other. The walk takes longer: the people index file is read
        // meanwhile, for a run that turns out to need it (any run that
        // checks a note again).
        let ((stored, people_file), walked) = rayon::join(
            || (cache.stored(&workspace), cache.people_file(&workspace)),
            || workspace.files(),
        );
        let mut analysis = {
            let (records, day) = match &stored {
                Ok(manifest) => (manifest.records(), Some(manifest.checked_on())),
                Err(_) => (&[][..], None),
            };
            let sources = Sources {
                stored: StoredRecords {
                    records,
                    by_path: OnceLock::new(),
                },
                stored_day: day,
                ..Sources::new(overlay)
            };
            Analysis::load_walked(workspace, walked, &sources)
        };
        analysis.attach_cache(cache, stored, people_file);
        analysis
    }

    /// A new analysis after `changed` files (edited, created or deleted on
    /// disk, or in `overlay`) changed: the workspace is walked again, other
    /// files are taken from this analysis rather than read, and with a
    /// `cache` only the changed articles are re-indexed. A changed
    /// `backstop.toml` needs a new `Workspace` and `load_cached` instead.
    pub fn update(
        &self,
        changed: &[PathBuf],
        overlay: &(dyn Fn(&Path) -> Option<String> + Sync),
        cache: Option<&Cache>,
    ) -> Analysis {
        let sources = Sources {
            previous: Some((self, changed.iter().map(PathBuf::as_path).collect())),
            ..Sources::new(overlay)
        };
        let mut analysis = Analysis::load_from(self.workspace.clone(), &sources);
        analysis.people_base = self.people.get().cloned();
        if let Some(cache) = cache {
            analysis.attach_cache(cache, cache.stored(&analysis.workspace), None);
        }
        analysis
    }

    /// What the cache did for this analysis, if one was used.
    pub fn cache_stats(&self) -> Option<CacheStats> {
        let mut stats = self.cache_stats.clone()?;
        stats.people_rebuilt = self.people_built.load(Ordering::Relaxed);
        stats.people_updated = self.people_updated.load(Ordering::Relaxed);
        stats.people_stored = self.people_saved.load(Ordering::Relaxed);
        stats.notes_reused = self.notes_reused.load(Ordering::Relaxed);
        stats.claims_reused = self.claim_cache.hits();
        Some(stats)
    }

    /// `people_file` is the stored people index's file, if `load_cached`
    /// read it ahead; dropped unread when no note needs the index.
    fn attach_cache(
        &mut self,
        cache: &Cache,
        stored: Result<Manifest, String>,
        people_file: Option<PeopleFile>,
    ) {
        let mut stats = CacheStats {
            articles: self.corpus.len(),
            read: self.read,
            ..CacheStats::default()
        };
        let link = cache.link(
            &self.workspace.root,
            cache::corpus_hash(&self.records, &self.workspace),
        );
        // A note checked again needs the people index: read, update or
        // build it beside the passage index's sync, which works on one
        // thread. Notes whose results the cache holds for this corpus need
        // none (the corpus may be one whose people index was updated but
        // not stored).
        let mut stored_notes = self.stored_notes(&link);
        self.claim_cache
            .seed(std::mem::take(&mut stored_notes.claims));
        let needs_people =
            (0..self.notes.len()).any(|i| stored_notes.result(&self.notes, i).is_none());
        if stored_notes.suggestions.keys == stored_notes.keys {
            stats.suggestions_reused = self
                .corpus
                .adopt_suggestions(&stored_notes.suggestions.found);
        }
        self.stored_notes = Some(stored_notes);
        self.cache = Some(link);
        let this = &*self;
        let (synced, ()) = rayon::join(
            || {
                let loaded = LoadedCorpus {
                    workspace: &this.workspace,
                    corpus: &this.corpus,
                    passages: &this.passages,
                    records: &this.records,
                    checked_on: this.checked_on,
                };
                let synced = cache.sync(&loaded, stored, &mut stats);
                // The sync made the passage index; the claims to check can
                // be checked, but for attribution, while the people index is
                // still being read.
                if synced && needs_people {
                    this.check_claims_ahead();
                }
                synced
            },
            || {
                if needs_people {
                    // Stored below: `sync` holds the entry's lock meanwhile.
                    this.people_from(people_file);
                }
            },
        );
        if synced {
            self.save_people();
        } else {
            self.cache = None;
        }
        tracing::debug!("cache: {stats:?}");
        self.cache_stats = Some(stats);
    }

    fn load_from(workspace: Workspace, sources: &Sources) -> Analysis {
        let walked = workspace.files();
        Analysis::load_walked(workspace, walked, sources)
    }

    fn load_walked(
        workspace: Workspace,
        (files, walk_errors): (Vec<(PathBuf, Role)>, Vec<crate::workspace::WalkError>),
        sources: &Sources,
    ) -> Analysis {
        let errors: Vec<FileError> = walk_errors
            .into_iter()
            .map(|e| FileError {
                path: e.path,
                line: None,
                message: e.message,
            })
            .collect();
        let positions: Vec<usize> = (files.iter())
            .scan(0, |articles, (_, role)| {
                let position = *articles;
                *articles += usize::from(*role == Role::Article);
                Some(position)
            })
            .collect();
        let loaded: Vec<Loaded> = files
            .into_par_iter()
            .zip(positions)
            .map(|((path, role), position)| sources.load(&workspace, path, role, position))
            .collect();
        Analysis::assemble(workspace, loaded, errors, sources.today)
    }

    /// An analysis of loaded files; records checked for another day than
    /// `today` are brought up to date.
    fn assemble(
        workspace: Workspace,
        loaded: Vec<Loaded>,
        mut errors: Vec<FileError>,
        today: Date,
    ) -> Analysis {
        let mut notes = Vec::new();
        let mut entries = Vec::new();
        let mut records = Vec::new();
        let mut days = Vec::new();
        for item in loaded {
            match item {
                Loaded::Note(note) => notes.push(note),
                Loaded::Article(entry, record, day) => {
                    entries.push(entry);
                    records.push(*record);
                    days.push(day);
                }
                Loaded::Failed(err) => errors.push(err),
            }
        }
        let corpus = Corpus::from_entries(entries);
        let read = (0..corpus.len()).filter(|&i| corpus.is_loaded(i)).count();
        let stale: Vec<usize> = (0..records.len())
            .filter(|&i| depends_on_day(&records[i], days[i], today))
            .collect();
        corpus.load(&stale);
        for i in stale {
            records[i].diagnostics = article::checks::check_article(corpus.article(i), today);
        }
        Analysis {
            workspace,
            corpus,
            passages: LazyPassageIndex::default(),
            notes,
            errors,
            records,
            checked_on: today,
            read,
            corpus_diagnostics: OnceLock::new(),
            people: OnceLock::new(),
            people_base: None,
            claim_cache: Default::default(),
            claims_ahead: Default::default(),
            cache: None,
            stored_notes: None,
            cache_stats: None,
            people_built: AtomicBool::new(false),
            people_updated: AtomicBool::new(false),
            people_saved: AtomicBool::new(false),
            notes_reused: AtomicUsize::new(0),
        }
    }

    /// Build from texts already in memory.
    pub fn from_texts(workspace: Workspace, files: Vec<(PathBuf, Role, String)>) -> Analysis {
        let today = today();
        let loaded: Vec<Loaded> = files
            .into_iter()
            .map(|(path, role, text)| {
                let rel_path = relative_path(&workspace, &path);
                loaded_text(path, rel_path, role, text, None, today)
            })
            .collect();
        Analysis::assemble(workspace, loaded, Vec::new(), today)
    }

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
                    article::checks::check_article(self.corpus.article(i), today)
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

    /// The note results the cache holds for this very corpus and
    /// configuration, and each note's text hash to match them with.
    fn stored_notes(&self, link: &CacheLink) -> StoredNotes {
        let context = {
            let mut hasher = blake3::Hasher::new();
            hasher.update(&link.corpus_hash());
            hasher.update(self.workspace.config.fingerprint().as_bytes());
            *hasher.finalize().as_bytes()
        };
        let stored = link.load_notes(context);
        StoredNotes {
            context,
            results: stored.results,
            claims: stored.claims,
            suggestions: stored.suggestions,
            keys: self.corpus.keys_fingerprint(),
            hashes: self
                .notes
                .iter()
                .map(|n| *blake3::hash(n.text.as_bytes()).as_bytes())
                .collect(),
        }
    }

    /// Check the claims of the notes the cache holds no results for, as
    /// their check will (every claim not in the claim cache), but for their
    /// attribution.
    fn check_claims_ahead(&self) {
        let Some(stored) = &self.stored_notes else {
            return;
        };
        let checker = self.note_checker(None);
        for (i, note) in self.notes.iter().enumerate() {
            if stored.result(&self.notes, i).is_none() {
                checker.check_claims_ahead(&note.path, &note.text, &self.claims_ahead);
            }
        }
    }

    /// The diagnostics of every note, from the cache for the notes it has
    /// for this very corpus and configuration.
    fn all_note_diagnostics(&self) -> Vec<Diagnostic> {
        let (Some(link), Some(stored)) = (&self.cache, &self.stored_notes) else {
            self.prepare();
            return self
                .notes
                .par_iter()
                .flat_map_iter(|note| self.note_diagnostics(&note.path, &note.text))
                .collect();
        };
        let reusable = |i: usize| stored.result(&self.notes, i);
        let reused = (0..self.notes.len())
            .filter(|&i| reusable(i).is_some())
            .count();
        self.notes_reused.store(reused, Ordering::Relaxed);
        if reused < self.notes.len() {
            self.prepare();
        }
        let results: Vec<NoteRecord> = (0..self.notes.len())
            .into_par_iter()
            .map(|i| match reusable(i) {
                Some(record) => record.clone(),
                None => NoteRecord {
                    rel_path: self.notes[i].rel_path.clone(),
                    hash: stored.hashes[i],
                    diagnostics: self.note_diagnostics(&self.notes[i].path, &self.notes[i].text),
                },
            })
            .collect();
        self.claims_ahead.clear();
        let raw = results
            .iter()
            .flat_map(|r| r.diagnostics.iter().cloned())
            .collect();
        // Only answers for keys the notes cite: an editor asks about every
        // prefix of a key being typed.
        let cited: Vec<String> = self.notes.iter().map(|n| n.text.to_lowercase()).collect();
        let suggestions = Suggestions {
            keys: stored.keys,
            found: (self.corpus.suggestions().into_iter())
                .filter(|(unknown, _)| cited.iter().any(|text| text.contains(unknown.as_str())))
                .collect(),
        };
        if reused < self.notes.len()
            || stored.results.len() != self.notes.len()
            || suggestions != stored.suggestions
        {
            let notes = self
                .notes
                .iter()
                .map(|n| (n.path.as_path(), n.text.as_str()));
            link.store_notes(
                stored.context,
                results,
                self.claim_cache.findings_of(notes),
                suggestions,
            );
        }
        raw
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
                raw.extend(article::checks::check_article(&article, today));
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
        rayon::join(
            || {
                self.passage_index();
            },
            || {
                self.people();
            },
        );
    }

    /// Who is named and who said what, on first use: the previous
    /// analysis's or the cache's when it is this corpus's, else one of them
    /// updated for the changed articles, else built; stored when made here.
    pub fn people(&self) -> &PeopleIndex {
        let people = self.people_unsaved();
        self.save_people();
        people
    }

    fn people_unsaved(&self) -> &PeopleIndex {
        self.people_from(None)
    }

    /// `people_unsaved`, reading the stored index from `read` when it is
    /// the file wanted (`CacheLink::load_people`).
    fn people_from(&self, read: Option<PeopleFile>) -> &PeopleIndex {
        self.people.get_or_init(|| {
            let hashes: Vec<[u8; 32]> = self.records.iter().map(|r| r.hash).collect();
            let curated = &self.workspace.config.people;
            let is_current = |base: &PeopleIndex| base.is_of(&self.corpus, &hashes, curated);
            let mut base = self.people_base.clone();
            if let Some(base) = base.as_ref().filter(|b| is_current(b)) {
                return base.clone();
            }
            // The cache's index when there is no other, or when it is this
            // very corpus's; else the previous analysis's is the closer one.
            if let Some(link) = &self.cache
                && (base.is_none() || link.has_people())
            {
                match link.load_people(read) {
                    Ok(stored) if is_current(&stored) => return Arc::new(stored),
                    Ok(stored) => base = Some(Arc::new(stored)),
                    Err(reason) => tracing::debug!("no stored people index: {reason}"),
                }
            }
            if let Some(base) = base {
                match Arc::unwrap_or_clone(base).update(&self.corpus, curated, &hashes) {
                    Some(Updated::Spliced(updated)) => {
                        self.people_updated.store(true, Ordering::Relaxed);
                        return Arc::new(updated);
                    }
                    Some(Updated::Rebuilt(rebuilt)) => {
                        tracing::debug!("people index rebuilt: the change reaches other articles");
                        self.people_built.store(true, Ordering::Relaxed);
                        return Arc::new(rebuilt);
                    }
                    None => tracing::debug!(
                        "people index built: the stored one does not fit this corpus"
                    ),
                }
            }
            self.people_built.store(true, Ordering::Relaxed);
            Arc::new(PeopleIndex::build(&self.corpus, curated))
        })
    }

    /// Store a people index built here, or updated from more than one in a
    /// hundred articles, once. Storing takes about 0.4 s at 100,000
    /// articles; left unstored, an update costs the next run that needs the
    /// index about 0.3 s, and that run usually has changes of its own to
    /// apply anyway. So the stored index is a base that small changes are
    /// applied to until they add up.
    fn save_people(&self) {
        if let (Some(link), Some(people)) = (&self.cache, self.people.get())
            && (self.people_built.load(Ordering::Relaxed)
                || (self.people_updated.load(Ordering::Relaxed)
                    && people.articles_reread() * 100 > self.corpus.len()))
            && !self.people_saved.swap(true, Ordering::Relaxed)
        {
            link.store_people(people);
        }
    }

    /// Rules that compare articles with each other, computed once per corpus.
    fn corpus_diagnostics(&self) -> &[Diagnostic] {
        self.corpus_diagnostics.get_or_init(|| {
            let bodies: Vec<Option<[u8; 32]>> = self.records.iter().map(|r| r.body).collect();
            article::checks::check_corpus(&self.corpus, &bodies)
        })
    }

    fn note_diagnostics(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        self.note_checker(Some(self.people())).check(path, text)
    }

    fn note_checker<'a>(&'a self, people: Option<&'a PeopleIndex>) -> NoteChecker<'a> {
        NoteChecker {
            corpus: &self.corpus,
            passages: &self.passages,
            config: &self.workspace.config,
            people,
            cache: Some(&self.claim_cache),
            ahead: Some(&self.claims_ahead),
        }
    }

    /// Apply configured severities and the suppression comments of the text
    /// each diagnostic points into.
    fn finish<'t>(
        &'t self,
        raw: Vec<Diagnostic>,
        text_of: &dyn Fn(&Path) -> Option<&'t str>,
    ) -> Vec<Diagnostic> {
        // Per file: its line index and suppressions, or nothing for a text
        // without suppression comments.
        let mut suppressions: HashMap<PathBuf, Option<(LineIndex, Suppressions)>> = HashMap::new();
        let mut out = Vec::with_capacity(raw.len());
        for mut diagnostic in raw {
            match self.workspace.config.level(diagnostic.rule) {
                Level::Off => continue,
                Level::On(severity) => diagnostic.severity = severity,
            }
            let path = &diagnostic.location.path;
            let Some(text) = text_of(path) else {
                out.push(diagnostic);
                continue;
            };
            let found = suppressions.entry(path.clone()).or_insert_with(|| {
                text.contains(crate::suppression::MARKER).then(|| {
                    let index = LineIndex::new(text);
                    let suppressed = Suppressions::parse(text, &index);
                    (index, suppressed)
                })
            });
            let Some((index, suppressed)) = found else {
                out.push(diagnostic);
                continue;
            };
            let line = index.line_of(diagnostic.location.range.start);
            if !suppressed.is_suppressed(line, diagnostic.rule.code()) {
                out.push(diagnostic);
            }
        }
        out.sort_by(|a, b| {
            (&a.location.path, a.location.range.start, a.rule).cmp(&(
                &b.location.path,
                b.location.range.start,
                b.rule,
            ))
        });
        out
    }
}

/// Today's date, or `BACKSTOP_TODAY` (YYYY-MM-DD) when set, so that runs can
/// be reproduced.
pub fn today() -> Date {
    std::env::var("BACKSTOP_TODAY")
        .ok()
        .and_then(|value| value.parse::<Date>().ok())
        .unwrap_or_else(|| jiff::Zoned::now().date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;
    use crate::rules::Rule;
    use crate::text::ColumnUnit;
    use proptest::prelude::*;

    proptest! {
        /// A record's head places its diagnostics exactly as the whole
        /// text does, whatever the line breaks and characters.
        #[test]
        fn heads_place_diagnostics_like_the_whole_text(
            text in "([a-zé😀\r ]{0,8}(\n|\r\n|\r)?){0,8}",
            picks in proptest::collection::vec(0usize..400, 0..4),
        ) {
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .collect();
            let diagnostics: Vec<Diagnostic> = picks
                .iter()
                .map(|p| {
                    let offset = boundaries[p % boundaries.len()];
                    Diagnostic::new(
                        Rule::MissingSource,
                        Location { path: PathBuf::from("/a.md"), range: offset..offset },
                        "",
                    )
                })
                .collect();
            let head = head_of(&text, &diagnostics).expect("no suppression comments");
            prop_assert!(text.starts_with(&head));
            let (whole, part) = (LineIndex::new(&text), LineIndex::new(&head));
            for diagnostic in &diagnostics {
                let offset = diagnostic.location.range.start;
                prop_assert!(offset <= head.len());
                for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
                    prop_assert_eq!(
                        whole.position(&text, offset, unit),
                        part.position(&head, offset, unit)
                    );
                }
            }
        }
    }

    /// An update gives what loading afresh gives, whether a change edits,
    /// creates or deletes a file.
    #[test]
    fn updates_match_fresh_loads() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            path
        };
        let article = |title: &str, body: &str| {
            format!("---\ntitle: {title}\ndate: 2025-02-21\nsource: AP\n---\n{body}\n")
        };
        std::fs::write(root.join("backstop.toml"), "").unwrap();
        let talks = write(
            "sources/talks.md",
            &article("Talks", "Troops number 30,000."),
        );
        write("sources/plan.md", &article("Plan", "The plan is new."));
        let note = write(
            "notes/brief.md",
            "Troops number 30,000 [@talks]. Aid grew [@aid].\n",
        );
        let workspace = Workspace::discover(&root).unwrap();
        let none = |_: &Path| None;
        let fresh = || Analysis::load(workspace.clone(), &none);
        let codes = |analysis: &Analysis| -> Vec<(PathBuf, &'static str, usize)> {
            analysis
                .diagnostics(analysis.checked_on)
                .into_iter()
                .map(|d| (d.location.path, d.rule.code(), d.location.range.start))
                .collect()
        };
        let mut analysis = fresh();
        assert!(codes(&analysis).iter().any(|c| c.1 == "unknown-source"));

        // Edited.
        std::fs::write(&talks, article("Talks", "Troops number 40,000.")).unwrap();
        analysis = analysis.update(std::slice::from_ref(&talks), &none, None);
        assert!(codes(&analysis).iter().any(|c| c.1 == "number-mismatch"));
        assert_eq!(codes(&analysis), codes(&fresh()));

        // Created and deleted.
        let aid = write("sources/aid.md", &article("Aid", "Aid grew."));
        analysis = analysis.update(std::slice::from_ref(&aid), &none, None);
        assert!(!codes(&analysis).iter().any(|c| c.1 == "unknown-source"));
        assert_eq!(codes(&analysis), codes(&fresh()));
        std::fs::remove_file(&aid).unwrap();
        analysis = analysis.update(&[aid], &none, None);
        assert!(codes(&analysis).iter().any(|c| c.1 == "unknown-source"));
        assert_eq!(codes(&analysis), codes(&fresh()));

        // An edited note, and an editor's buffer for it.
        std::fs::write(&note, "Aid grew [@plan].\n").unwrap();
        analysis = analysis.update(std::slice::from_ref(&note), &none, None);
        assert_eq!(codes(&analysis), codes(&fresh()));
        let buffer = |path: &Path| (path == note).then(|| "Aid grew [@nowhere].\n".to_string());
        let edited = analysis.update(std::slice::from_ref(&note), &buffer, None);
        assert!(codes(&edited).iter().any(|c| c.1 == "unknown-source"));
        assert_eq!(
            codes(&edited),
            codes(&Analysis::load(workspace.clone(), &buffer))
        );
    }

    #[test]
    fn texts_with_suppressions_have_no_head() {
        let text = "a\nb <!-- backstop-ignore missing-source -->\n";
        assert_eq!(head_of(text, &[]), None);
        assert_eq!(head_of("a\nb\n", &[]).as_deref(), Some("a\n"));
    }
}
