//! The persistent cache of an analysed corpus, in the user's cache directory
//! (`BACKSTOP_CACHE_DIR`, else `$XDG_CACHE_HOME/backstop`, else
//! `~/.cache/backstop`), one entry per workspace root and format version.
//!
//! An entry holds:
//!
//! - `manifest.bin`: a record of every article (relative path, file stamp,
//!   blake3 of its text, citation key, body hash, metadata date and the
//!   diagnostics of the single-article rules) and a generation number. An
//!   article whose size, modification time, change time and inode are
//!   those recorded is taken from its record and not read at all. The
//!   manifest is written last, through a temporary file and a rename, and
//!   removed before anything else in the entry changes: an entry without a
//!   manifest (a run killed half way) is rebuilt.
//! - `index/`: the tantivy index; its last commit carries the generation
//!   as payload, so an index from another run is not paired with a manifest.
//! - `people-<corpus>.bin`: the people index, named after a hash of the
//!   corpus it was built from (every article's path and text hash, and the
//!   curated people), in two parts decoded side by side. It is read only
//!   when a note check needs it; for a changed corpus, the last one stored
//!   is updated for the articles that changed (`PeopleIndex::update`), or
//!   rebuilt when the change reaches further (every article resolved again,
//!   the unchanged ones' name evidence reused). A rebuilt index is stored
//!   under the new corpus's name, an updated one only once the articles it
//!   re-read pass one in a hundred (`Analysis::save_people`).
//! - `notes.bin`: each note's diagnostics, for one corpus and configuration
//!   (`context`), reused while the note's text is the same, and each
//!   claim's findings, reused in a changed note while the claim and its
//!   context are the same; and the closest keys suggested for unknown
//!   citation keys, reused while the corpus has the same keys (a changed
//!   article body keeps them).
//!
//! Every file starts with a magic number, the format version and a blake3
//! checksum of its payload: a truncated, corrupt or foreign file is rebuilt,
//! never read. Payloads are postcard: it stores no field names or type
//! markers (the format version stands for the schema), so the people
//! index, hundreds of megabytes at 100,000 articles, decodes faster than
//! it did as MessagePack. Files are mapped rather than copied into memory,
//! which is safe because no file is written in place: a writer writes a
//! new file and renames it over the old one. One run at a time writes an
//! entry (`lock`, an OS file lock); a run that finds the entry locked works
//! in memory without the cache.
//!
//! Building an entry from nothing removes the entries older format
//! versions left beside it.
//!
//! Changed, added and deleted articles update only their own records and
//! sentences, and the people index re-resolves only them unless the change
//! reaches other articles' names (see `people-<corpus>.bin` above).

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use memmap2::{Mmap, MmapOptions};
use serde::{Deserialize, Serialize};

use crate::claims::ClaimFindings;
use crate::corpus::{self, Corpus};
use crate::diagnostic::Diagnostic;
use crate::files::{Exact, FileStamp};
use crate::people::PeopleIndex;
use crate::retrieval::{LazyPassageIndex, TantivyIndex, article_id};
use crate::workspace::Workspace;

/// Bump when anything stored changes shape or meaning (the schema, the
/// normalisation of words, the people index, the records);
/// `stored_data_changes_only_with_the_format_version` fails until then.
pub const FORMAT_VERSION: u32 = 9;

const MAGIC: &[u8; 8] = b"BKSTPCH\0";

/// Magic, version, checksum and payload length: the bytes before a
/// framed file's payload.
const HEADER_LEN: usize = 52;

/// Where cache entries live.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What a load did with the cache: for `check --stats`, tests and logs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CacheStats {
    /// `off`, `cold` (built from nothing), `warm` (reused as is), `updated`
    /// (only changed articles re-indexed), `busy` (another run holds the
    /// entry; worked in memory), `unavailable` (the cache could not be
    /// written; worked in memory).
    pub status: &'static str,
    /// Why a stored entry was not used, when it was not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub articles: usize,
    /// Articles read from disk (new or changed ones, or all without a
    /// usable manifest); the others were known by their file stamp.
    pub read: usize,
    /// Articles whose sentences were (re-)indexed.
    pub indexed: usize,
    /// Articles whose sentences were dropped (changed or deleted).
    pub removed: usize,
    /// Whether the people index was built from every article rather than
    /// read or updated (it is needed only when a note is checked); after a
    /// change that reaches beyond its own articles, from the stored name
    /// evidence of the unchanged ones.
    pub people_rebuilt: bool,
    /// Whether the people index was brought up to date from an earlier
    /// corpus's, reading only the articles that changed.
    pub people_updated: bool,
    /// Whether the people index built or updated was stored: an update
    /// from few changed articles is not (`update` repeats it next time).
    pub people_stored: bool,
    /// Notes whose diagnostics were taken from the cache.
    pub notes_reused: usize,
    /// Claims of notes checked again whose findings were taken from the
    /// cache (the note changed elsewhere).
    pub claims_reused: usize,
    /// Closest-key suggestions for unknown citation keys taken from the
    /// cache (the corpus's keys are those they were found among).
    pub suggestions_reused: usize,
}

/// What the cache knows of one article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub rel_path: String,
    /// `None` for text from an editor buffer, which no later run can trust.
    pub stamp: Option<FileStamp>,
    /// blake3 of the text.
    pub hash: [u8; 32],
    pub key: String,
    /// blake3 of the body with white space folded, for `duplicate-article`;
    /// `None` for a body too short to compare.
    pub body: Option<[u8; 32]>,
    /// The metadata date, on which the single-article diagnostics depend
    /// through today's date.
    #[serde(with = "crate::dates::stored")]
    pub date: Option<Date>,
    /// Diagnostics of the single-article rules, raw (before configuration
    /// and suppressions).
    pub diagnostics: Vec<Diagnostic>,
    /// The text up to the end of the last line `diagnostics` point into,
    /// when the article has no suppression comment: enough to place, show
    /// and filter its diagnostics without reading the file.
    pub head: Option<String>,
}

/// Read as owned records; written from the analysis's own records
/// (`Records = &[ArticleRecord]`) rather than a copy of them.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Manifest<Records = Exact<ArticleRecord>> {
    backstop: String,
    root: String,
    generation: u64,
    /// The day the records' diagnostics were computed for.
    checked_on: Date,
    /// Every article, in corpus order.
    articles: Records,
}

impl Manifest {
    pub(crate) fn checked_on(&self) -> Date {
        self.checked_on
    }

    pub(crate) fn records(&self) -> &[ArticleRecord] {
        &self.articles.0
    }
}

/// A note's diagnostics as a cache entry keeps them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NoteRecord {
    pub rel_path: String,
    /// blake3 of the note's text.
    pub hash: [u8; 32],
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize, Deserialize)]
struct NotesFile {
    context: [u8; 32],
    notes: Vec<NoteRecord>,
    /// Each claim's findings, for an edited note whose other claims are
    /// as they were (`ClaimCache`); for `context` too.
    claims: Vec<ClaimFindings>,
    suggestions: Suggestions,
}

/// What `notes.bin` holds for a run: the note results and claim findings
/// for its context (else none), and the closest-key suggestions whatever
/// their keys.
#[derive(Default)]
pub(crate) struct StoredNoteFile {
    pub results: HashMap<String, NoteRecord>,
    pub claims: Vec<ClaimFindings>,
    pub suggestions: Suggestions,
}

/// The closest keys found for unknown citation keys (by the unknown key in
/// lower case), and the `Corpus::keys_fingerprint` of the keys they were
/// chosen among: at 100,000 articles each search compares every key, and a
/// corpus whose keys are the same gives the same answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Suggestions {
    pub keys: [u8; 32],
    pub found: Vec<(String, Option<String>)>,
}

/// A stored people index's file, its header and checksum checked but not
/// decoded: `Cache::people_file` reads it while the workspace is walked.
pub(crate) struct PeopleFile {
    path: PathBuf,
    name: String,
    bytes: Mmap,
}

/// The first people index file of a cache entry: there is one, unless a
/// run was stopped between storing a new one and removing the old.
fn any_people_file(entry: &Path) -> Result<PathBuf, String> {
    std::fs::read_dir(entry)
        .map_err(|err| format!("{}: {err}", entry.display()))?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("people-") && n.ends_with(".bin"))
        })
        .ok_or_else(|| "no people index stored".to_string())
}

/// A cache entry an analysis keeps, to read or write what it computes
/// only on demand (the people index, the note results).
#[derive(Debug, Clone)]
pub(crate) struct CacheLink {
    entry: PathBuf,
    corpus: [u8; 32],
}

impl CacheLink {
    fn people_path(&self) -> PathBuf {
        let hex = blake3::Hash::from_bytes(self.corpus).to_hex();
        self.entry.join(format!("people-{}.bin", &hex[..32]))
    }

    pub(crate) fn has_people(&self) -> bool {
        self.people_path().exists()
    }

    /// The stored people index: this very corpus's when there is one, else
    /// the one an earlier corpus left (`PeopleIndex::update` brings it up to
    /// date). `read` is the file `Cache::people_file` read, if it is that one.
    pub(crate) fn load_people(&self, read: Option<PeopleFile>) -> Result<PeopleIndex, String> {
        let mut path = self.people_path();
        if !path.exists() {
            path = any_people_file(&self.entry)?;
        }
        let (name, bytes) = match read.filter(|file| file.path == path) {
            Some(file) => (file.name, file.bytes),
            None => read_payload(&path)?,
        };
        let (people, articles) = decode_pair(&name, &bytes)?;
        Ok(PeopleIndex::from_stored(people, articles))
    }

    /// Store the people index, replacing those of other corpora.
    pub(crate) fn store_people(&self, people: &PeopleIndex) {
        let path = self.people_path();
        self.write_locked(|| {
            let (persons, articles) = people.parts();
            write_framed_pair(&path, &persons, &articles)?;
            for entry in std::fs::read_dir(&self.entry)?.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with("people") && entry.path() != path {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
            Ok(())
        });
    }

    /// What `notes.bin` holds for `context` (the corpus, configuration and
    /// version the results were computed with); see `StoredNoteFile`.
    pub(crate) fn load_notes(&self, context: [u8; 32]) -> StoredNoteFile {
        match read_framed::<NotesFile>(&self.entry.join("notes.bin")) {
            Ok(file) if file.context == context => StoredNoteFile {
                results: file
                    .notes
                    .into_iter()
                    .map(|n| (n.rel_path.clone(), n))
                    .collect(),
                claims: file.claims,
                suggestions: file.suggestions,
            },
            Ok(file) => StoredNoteFile {
                suggestions: file.suggestions,
                ..StoredNoteFile::default()
            },
            Err(_) => StoredNoteFile::default(),
        }
    }

    pub(crate) fn store_notes(
        &self,
        context: [u8; 32],
        notes: Vec<NoteRecord>,
        claims: Vec<ClaimFindings>,
        suggestions: Suggestions,
    ) {
        let path = self.entry.join("notes.bin");
        self.write_locked(|| {
            write_framed(
                &path,
                &NotesFile {
                    context,
                    notes,
                    claims,
                    suggestions,
                },
            )
        });
    }

    pub(crate) fn corpus_hash(&self) -> [u8; 32] {
        self.corpus
    }

    /// Write under the entry's lock; skipped (and logged) when another run
    /// holds it or the write fails: the cache is an optimisation.
    fn write_locked(&self, write: impl FnOnce() -> anyhow::Result<()>) {
        let result = File::create(self.entry.join("lock"))
            .map_err(anyhow::Error::from)
            .and_then(|lock| {
                if lock.try_lock().is_err() {
                    return Ok(());
                }
                write()
            });
        if let Err(err) = result {
            tracing::warn!("cache {}: {err}", self.entry.display());
        }
    }
}

/// The hash that names a corpus: every article's path and text hash, and
/// the curated people (they shape the people index).
pub(crate) fn corpus_hash(records: &[ArticleRecord], workspace: &Workspace) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    for record in records {
        hasher.update(record.rel_path.as_bytes());
        hasher.update(&[0]);
        hasher.update(&record.hash);
    }
    hasher.update(format!("{:?}", workspace.config.people).as_bytes());
    *hasher.finalize().as_bytes()
}

impl Cache {
    /// The cache directory from the environment: `BACKSTOP_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/backstop`, else `$HOME/.cache/backstop`.
    pub fn from_env() -> Option<Cache> {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let dir = if let Some(dir) = var("BACKSTOP_CACHE_DIR") {
            PathBuf::from(dir)
        } else if let Some(xdg) = var("XDG_CACHE_HOME") {
            PathBuf::from(xdg).join("backstop")
        } else {
            PathBuf::from(var("HOME")?).join(".cache").join("backstop")
        };
        Some(Cache { dir })
    }

    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The entry of a workspace root.
    pub fn entry_dir(&self, root: &Path) -> PathBuf {
        let hash = blake3::hash(root.to_string_lossy().as_bytes());
        self.dir
            .join(format!("v{FORMAT_VERSION}"))
            .join(&hash.to_hex()[..24])
    }

    /// Remove the entries older format versions left (`v1/…` once this is
    /// `v2`): no version of backstop that reads them is this one, and at
    /// 100,000 articles one entry holds hundreds of megabytes. Only
    /// folders shaped like backstop's own are touched.
    pub fn remove_old_versions(&self) {
        let Ok(versions) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for version in versions.flatten() {
            let name = version.file_name();
            let Some(number) = name
                .to_str()
                .and_then(|n| n.strip_prefix('v'))
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            if number >= FORMAT_VERSION || !is_entry_folder(&version.path()) {
                continue;
            }
            if let Err(err) = std::fs::remove_dir_all(version.path()) {
                tracing::warn!("cannot remove {}: {err}", version.path().display());
            }
        }
    }

    /// The entry of `root` for the corpus named `corpus` (see
    /// `corpus_hash`).
    pub(crate) fn link(&self, root: &Path, corpus: [u8; 32]) -> CacheLink {
        CacheLink {
            entry: self.entry_dir(root),
            corpus,
        }
    }

    /// The people index file stored for a workspace, read (mapped and its
    /// checksum checked) but not decoded: the analysis does not know yet
    /// whether it will need the index, or which corpus's it would want.
    pub(crate) fn people_file(&self, workspace: &Workspace) -> Option<PeopleFile> {
        let path = any_people_file(&self.entry_dir(&workspace.root)).ok()?;
        let (name, bytes) = read_payload(&path).ok()?;
        Some(PeopleFile { path, name, bytes })
    }

    /// The stored manifest of a workspace, or why there is none to use.
    /// Read without the lock: manifests are only ever replaced whole.
    pub(crate) fn stored(&self, workspace: &Workspace) -> Result<Manifest, String> {
        let path = self.entry_dir(&workspace.root).join("manifest.bin");
        read_framed(&path).and_then(|m: Manifest| {
            if m.backstop != env!("CARGO_PKG_VERSION") {
                Err(format!("written by backstop {}", m.backstop))
            } else if m.root != workspace.root.to_string_lossy() {
                Err("written for another workspace".into())
            } else {
                Ok(m)
            }
        })
    }
}

/// What a loaded analysis hands the cache to sync: the corpus as read, its
/// records for the day `checked_on`, and where its passage index goes.
#[derive(Clone, Copy)]
pub(crate) struct LoadedCorpus<'a> {
    pub workspace: &'a Workspace,
    pub corpus: &'a Corpus,
    pub passages: &'a LazyPassageIndex,
    pub records: &'a [ArticleRecord],
    pub checked_on: Date,
}

impl Cache {
    /// Give `passages` the corpus's passage index from the cache, updating or
    /// rebuilding the entry where it no longer matches, and store
    /// `records`. `stored` is what `stored` returned before the corpus was
    /// loaded. False when the entry could not be used (see `stats`).
    pub(crate) fn sync(
        &self,
        loaded: &LoadedCorpus,
        stored: Result<Manifest, String>,
        stats: &mut CacheStats,
    ) -> bool {
        let entry = self.entry_dir(&loaded.workspace.root);
        let lock =
            match std::fs::create_dir_all(&entry).and_then(|_| File::create(entry.join("lock"))) {
                Ok(file) => file,
                Err(err) => {
                    stats.status = "unavailable";
                    stats.reason = Some(format!("cannot create {}: {err}", entry.display()));
                    return false;
                }
            };
        if lock.try_lock().is_err() {
            stats.status = "busy";
            stats.reason = Some("another backstop run is writing this cache entry".into());
            return false;
        }
        let result = self.sync_locked(&entry, loaded, stored, stats);
        drop(lock);
        match result {
            Ok(()) => {
                // A new entry was just built: one left by an older format
                // is likely beside it.
                if stats.status == "cold" {
                    self.remove_old_versions();
                }
                true
            }
            Err(err) => {
                tracing::warn!("cache {}: {err}", entry.display());
                // Whatever is left is not trusted: the manifest is gone.
                let _ = std::fs::remove_file(entry.join("manifest.bin"));
                stats.status = "unavailable";
                stats.reason = Some(err.to_string());
                false
            }
        }
    }

    fn sync_locked(
        &self,
        entry: &Path,
        loaded: &LoadedCorpus,
        stored: Result<Manifest, String>,
        stats: &mut CacheStats,
    ) -> anyhow::Result<()> {
        let LoadedCorpus {
            workspace,
            corpus,
            passages,
            records,
            checked_on,
        } = *loaded;
        let index_dir = entry.join("index");
        let manifest_path = entry.join("manifest.bin");
        // The stored index, if it is the one the manifest describes.
        let opened = stored
            .as_ref()
            .ok()
            .and_then(|m| match TantivyIndex::open_in(&index_dir) {
                Ok((index, Some(payload))) if payload == m.generation.to_string() => Some(index),
                Ok(_) => {
                    stats.reason = Some("index from another run".into());
                    None
                }
                Err(err) => {
                    stats.reason = Some(format!("index unreadable: {err}"));
                    None
                }
            });
        if let Err(reason) = &stored
            && stats.reason.is_none()
        {
            stats.reason = Some(reason.clone());
        }
        let unchanged = stored.as_ref().is_ok_and(|m| {
            m.records().len() == records.len()
                && m.records()
                    .iter()
                    .zip(records)
                    .all(|(a, b)| a.rel_path == b.rel_path && a.hash == b.hash)
        });
        let manifest = |generation: u64| Manifest {
            backstop: env!("CARGO_PKG_VERSION").into(),
            root: workspace.root.to_string_lossy().into_owned(),
            generation,
            checked_on,
            articles: records,
        };
        let mut opened = opened;
        if unchanged
            && opened.is_some()
            && let Ok(m) = &stored
        {
            passages.set_stored(opened.take().expect("index opened"));
            stats.status = "warm";
            stats.reason = None;
            // Same texts; records change only with the day (or with a file
            // stamp, as after a `touch`).
            let same_records = m.checked_on == checked_on
                && m.records()
                    .iter()
                    .zip(records)
                    .all(|(a, b)| a.stamp == b.stamp);
            if !same_records {
                write_framed(&manifest_path, &manifest(m.generation))?;
            }
            return Ok(());
        }

        // From here on the entry changes: without a manifest it is not
        // trusted until the new one is in place.
        match std::fs::remove_file(&manifest_path) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(err.into()),
        }
        let generation = stored.as_ref().map_or(0, |m| m.generation) + 1;
        let payload = generation.to_string();
        let diff = match (&opened, &stored) {
            (Some(_), Ok(old)) => Some(diff(old.records(), records)),
            _ => None,
        };
        let index = match &diff {
            Some((removed, added)) => {
                stats.status = "updated";
                stats.removed = removed.len();
                stats.indexed = added.len();
                drop(opened);
                TantivyIndex::update_in(corpus, &index_dir, removed, added, &payload)?
            }
            None => {
                stats.status = "cold";
                stats.indexed = corpus.len();
                TantivyIndex::build_in(corpus, &index_dir, &payload)?
            }
        };
        passages.set(Box::new(index));
        write_framed(&manifest_path, &manifest(generation))?;
        Ok(())
    }
}

/// Whether every child of `dir` is an entry folder: a name of 24 hex
/// digits, as `entry_dir` makes.
fn is_entry_folder(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|children| {
        children.flatten().all(|child| {
            let name = child.file_name();
            let name = name.to_string_lossy();
            name.len() == 24 && name.chars().all(|c| c.is_ascii_hexdigit())
        })
    })
}

/// Articles to drop from the index (by `article_id`) and to add (by
/// position in the new manifest) to go from `old` to `new`.
fn diff(old: &[ArticleRecord], new: &[ArticleRecord]) -> (Vec<u64>, Vec<usize>) {
    fn pairs(records: &[ArticleRecord]) -> impl Iterator<Item = (&str, &[u8; 32])> {
        records.iter().map(|r| (r.rel_path.as_str(), &r.hash))
    }
    let kept = corpus::unchanged_positions(pairs(old), pairs(new));
    let removed = old
        .iter()
        .zip(corpus::new_positions(&kept, old.len()))
        .filter(|(_, new)| new.is_none())
        .map(|(r, _)| article_id(&r.rel_path))
        .collect();
    let added = (0..new.len()).filter(|&i| kept[i].is_none()).collect();
    (removed, added)
}

/// Write `value` as magic, version, checksum, length and payload, to a
/// temporary file renamed over `path` once written.
fn write_framed<T: Serialize>(path: &Path, value: &T) -> anyhow::Result<()> {
    write_payload(path, |payload| {
        postcard::to_io(value, payload)?;
        Ok(())
    })
}

/// Write `first` and `second` as `write_framed` writes one value, followed
/// by where the second begins, for `decode_pair` to decode them side by
/// side.
fn write_framed_pair<A: Serialize, B: Serialize>(
    path: &Path,
    first: &A,
    second: &B,
) -> anyhow::Result<()> {
    write_payload(path, |payload| {
        postcard::to_io(first, &mut *payload)?;
        let split = payload.get_ref().len + payload.buffer().len() as u64;
        postcard::to_io(second, &mut *payload)?;
        payload.write_all(&split.to_le_bytes())?;
        Ok(())
    })
}

/// Counts and hashes what passes through to the file.
struct Hashing<W> {
    inner: W,
    hasher: blake3::Hasher,
    len: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update_rayon(&buf[..written]);
        self.len += written as u64;
        Ok(written)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

type Payload<'f> = std::io::BufWriter<Hashing<&'f mut std::fs::File>>;

/// The frame around what `encode` writes. The payload is encoded straight
/// into the file (the people index is hundreds of megabytes at 100,000
/// articles); the header is filled in once its checksum is known.
fn write_payload(
    path: &Path,
    encode: impl FnOnce(&mut Payload<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use std::io::{Seek, SeekFrom};

    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(&[0; HEADER_LEN])?;
    // The buffer sits before the hasher: the encoder's many small writes
    // reach the hasher and the file as a few large ones.
    let mut payload = std::io::BufWriter::with_capacity(
        1 << 20,
        Hashing {
            inner: temp.as_file_mut(),
            hasher: blake3::Hasher::new(),
            len: 0,
        },
    );
    encode(&mut payload)?;
    let payload = payload.into_inner().map_err(|err| err.into_error())?;
    let (checksum, len) = (payload.hasher.finalize(), payload.len);
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(checksum.as_bytes());
    header.extend_from_slice(&len.to_le_bytes());
    temp.seek(SeekFrom::Start(0))?;
    temp.write_all(&header)?;
    // No fsync: a file cut short by a crash fails its checksum and is
    // rebuilt, and the rename alone keeps readers from half-written files.
    temp.persist(path)?;
    Ok(())
}

/// Read what `write_framed` wrote; any mismatch is an error saying what.
fn read_framed<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    let (name, bytes) = read_payload(path)?;
    decode(&name, &bytes[HEADER_LEN..])
}

/// Decode what `write_framed_pair` wrote (`read_payload`'s bytes), both
/// values at once.
fn decode_pair<A, B>(name: &str, bytes: &[u8]) -> Result<(A, B), String>
where
    A: for<'de> Deserialize<'de> + Send,
    B: for<'de> Deserialize<'de> + Send,
{
    let payload = &bytes[HEADER_LEN..];
    let end = payload
        .len()
        .checked_sub(8)
        .ok_or_else(|| format!("{name}: truncated or corrupt"))?;
    let split = u64::from_le_bytes(payload[end..].try_into().expect("8 bytes"));
    let split = usize::try_from(split)
        .ok()
        .filter(|&split| split <= end)
        .ok_or_else(|| format!("{name}: truncated or corrupt"))?;
    let (first, second) = rayon::join(
        || decode(name, &payload[..split]),
        || decode(name, &payload[split..end]),
    );
    Ok((first?, second?))
}

/// A cache file's name and bytes, once its header and checksum hold. The
/// bytes are mapped, not copied: reading the people index (150 MB at
/// 100,000 articles) into memory took 0.1 s, mapping it 0.01 s.
fn read_payload(path: &Path) -> Result<(String, Mmap), String> {
    let failed = |err: std::io::Error| format!("{}: {err}", path.display());
    let file = File::open(path).map_err(failed)?;
    // SAFETY: a mapped file must not change while it is mapped. No cache
    // file is written in place: `write_payload` writes a new file and
    // renames it over the old one, which leaves a mapped file as it was,
    // and the lock file is never mapped. tantivy maps the passage index
    // beside these files on the same terms.
    let bytes = unsafe { MmapOptions::new().populate().map(&file) }.map_err(failed)?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return Err(format!("{name}: not a backstop cache file"));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(format!(
            "{name}: cache format {version}, expected {FORMAT_VERSION}"
        ));
    }
    let checksum = &bytes[12..44];
    let length = u64::from_le_bytes(bytes[44..HEADER_LEN].try_into().expect("8 bytes")) as usize;
    let payload = &bytes[HEADER_LEN..];
    if payload.len() != length
        || blake3::Hasher::new()
            .update_rayon(payload)
            .finalize()
            .as_bytes()
            != checksum
    {
        return Err(format!("{name}: truncated or corrupt"));
    }
    Ok((name, bytes))
}

/// Decode a whole payload: postcard does not describe its types, so bytes
/// left over mean the payload was written as something else.
fn decode<T: for<'de> Deserialize<'de>>(name: &str, payload: &[u8]) -> Result<T, String> {
    match postcard::take_from_bytes(payload) {
        Ok((value, [])) => Ok(value),
        Ok((_, rest)) => Err(format!("{name}: {} bytes left undecoded", rest.len())),
        Err(err) => Err(format!("{name}: {err}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_framed_pair<A, B>(path: &Path) -> Result<(A, B), String>
    where
        A: for<'de> Deserialize<'de> + Send,
        B: for<'de> Deserialize<'de> + Send,
    {
        let (name, bytes) = read_payload(path)?;
        decode_pair(&name, &bytes)
    }

    #[test]
    fn exact_lists_are_made_at_their_length() {
        let long: Vec<u64> = (0..300_000).collect();
        let bytes = postcard::to_stdvec(&long).unwrap();
        let Exact(read) = postcard::from_bytes::<Exact<u64>>(&bytes).unwrap();
        assert_eq!(read.capacity(), long.len());
        assert_eq!(read, long);
        let (Exact(empty), Exact(strings)) = postcard::from_bytes::<(Exact<u8>, Exact<String>)>(
            &postcard::to_stdvec(&(Vec::<u8>::new(), vec!["a", "b"])).unwrap(),
        )
        .unwrap();
        assert!(empty.is_empty());
        assert_eq!(strings, ["a", "b"]);
        // A length past the data: an error, not a panic.
        assert!(postcard::from_bytes::<Exact<u64>>(&[0xe8, 0x07, 1, 2]).is_err());
    }

    #[test]
    fn framed_pairs_come_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pair.bin");
        let second: Vec<String> = (0..1000).map(|i| format!("entry {i}")).collect();
        write_framed_pair(&path, &vec![7u64; 3000], &second).unwrap();
        let (a, b): (Vec<u64>, Vec<String>) = read_framed_pair(&path).unwrap();
        assert_eq!((a, b), (vec![7u64; 3000], second));
        let good = std::fs::read(&path).unwrap();
        std::fs::write(&path, &good[..good.len() - 3]).unwrap();
        let damaged = read_framed_pair::<Vec<u64>, Vec<String>>(&path).unwrap_err();
        assert!(damaged.contains("corrupt"), "{damaged}");
        // Read as the wrong types: an error, not a panic.
        std::fs::write(&path, &good).unwrap();
        assert!(read_framed_pair::<String, u8>(&path).is_err());
    }

    #[test]
    fn framed_files_reject_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.bin");
        write_framed(&path, &vec![1u32, 2, 3]).unwrap();
        assert_eq!(read_framed::<Vec<u32>>(&path).unwrap(), vec![1, 2, 3]);
        let good = std::fs::read(&path).unwrap();
        std::fs::write(&path, &good[..good.len() - 1]).unwrap();
        assert!(
            read_framed::<Vec<u32>>(&path)
                .unwrap_err()
                .contains("corrupt")
        );
        let mut flipped = good.clone();
        *flipped.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &flipped).unwrap();
        assert!(
            read_framed::<Vec<u32>>(&path)
                .unwrap_err()
                .contains("corrupt")
        );
        let mut other = good.clone();
        other[8] = 99;
        std::fs::write(&path, &other).unwrap();
        assert!(
            read_framed::<Vec<u32>>(&path)
                .unwrap_err()
                .contains("format 99")
        );
        std::fs::write(&path, b"garbage").unwrap();
        assert!(
            read_framed::<Vec<u32>>(&path)
                .unwrap_err()
                .contains("not a backstop")
        );
    }

    /// What the cache stores for a small workspace, as canonical JSON, by
    /// hash. A change in what is stored, in shape (a field added, renamed
    /// or retyped) or in meaning (how people, quotes or records are worked
    /// out), changes it. postcard does not describe its types, so an old
    /// file read as new types may decode into wrong values instead of
    /// failing: such a change must come with a new `FORMAT_VERSION`, and
    /// this pair is updated with it.
    #[test]
    fn stored_data_changes_only_with_the_format_version() {
        let texts = [
            (
                "sources/a.md",
                "---\nid: a\ntitle: Port deal\ndate: 2024-03-02\nsource: AFP\n---\n\
                 Oslo (AFP) - Prime Minister Anna Moreau announced a port deal worth \
                 300 million on March 2.\n\n\"We will deliver the port in round 7 before \
                 the winter,\" Moreau said.\n",
            ),
            (
                "sources/b.md",
                "---\nid: b\ntitle: Port deal doubts\ndate: 2024-13-40\n---\n\
                 Finance Minister Boris Novak said: \"The port will cost more than \
                 planned.\" Moreau disagreed.\n",
            ),
        ];
        let articles: Vec<crate::article::Article> = texts
            .iter()
            .map(|(rel, text)| {
                crate::article::Article::parse(
                    PathBuf::from(format!("/w/{rel}")),
                    rel.to_string(),
                    text.to_string(),
                )
            })
            .collect();
        let today = Date::constant(2026, 1, 1);
        let stamp = FileStamp {
            len: 1,
            modified: (2, 3),
            changed: (4, 5),
            inode: 6,
        };
        let records: Vec<ArticleRecord> = articles
            .iter()
            .map(|a| crate::analysis::record_of(a, Some(stamp), today))
            .collect();
        assert!(!records[1].diagnostics.is_empty());
        let corpus = Corpus::new(articles);
        let people = PeopleIndex::build(&corpus, &[]);
        assert!(!people.quotes.is_empty() && !people.persons.is_empty());
        let (persons, parts) = people.parts();
        let notes = NotesFile {
            context: [7; 32],
            notes: vec![NoteRecord {
                rel_path: "notes/n.md".into(),
                hash: [8; 32],
                diagnostics: records[1].diagnostics.clone(),
            }],
            claims: vec![([9; 16], 12, records[1].diagnostics.clone())],
            suggestions: Suggestions {
                keys: corpus.keys_fingerprint(),
                found: vec![("a-x".into(), Some("a".into())), ("zz".into(), None)],
            },
        };
        let manifest = Manifest {
            backstop: "test".into(),
            root: "/w".into(),
            generation: 9,
            checked_on: today,
            articles: records,
        };
        // Canonical: `to_value` sorts map keys, which a HashMap's order
        // would not be.
        let stored = serde_json::json!([
            serde_json::to_value(&manifest).unwrap(),
            serde_json::to_value(&persons).unwrap(),
            serde_json::to_value(&parts).unwrap(),
            serde_json::to_value(&notes).unwrap(),
        ]);
        let hash = blake3::hash(stored.to_string().as_bytes())
            .to_hex()
            .to_string();
        assert_eq!(
            (FORMAT_VERSION, hash.as_str()),
            (
                9,
                "9f6c3fd538b85948ea4fe6bafea779ac556e79e07cb9b941735dc63a049e5ba1"
            ),
            "what the cache stores changed: bump FORMAT_VERSION and put the new pair here"
        );
    }
}
