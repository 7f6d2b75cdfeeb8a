//! Loading an analysis: where each file's text comes from (editor buffer,
//! the previous analysis, the cache's record, the disk) and how the loaded
//! files become a corpus, notes and article records.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize};

use jiff::civil::Date;
use rayon::prelude::*;

use super::{Analysis, NoteFile, today};
use crate::article::{self, Article};
use crate::cache::{ArticleRecord, Cache};
use crate::corpus::{Corpus, Entry};
use crate::diagnostic::Diagnostic;
use crate::files::{FileError, FileStamp, read_text_sized};
use crate::retrieval::LazyPassageIndex;
use crate::workspace::{Role, Workspace};

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
pub(super) fn depends_on_day(record: &ArticleRecord, from: Date, to: Date) -> bool {
    from != to && record.date.is_some_and(|date| date > from.min(to))
}

pub(crate) fn record_of(article: &Article, stamp: Option<FileStamp>, today: Date) -> ArticleRecord {
    let diagnostics = article::rules::check_article(article, today);
    ArticleRecord {
        rel_path: article.rel_path.clone(),
        stamp,
        hash: *blake3::hash(article.text.as_bytes()).as_bytes(),
        key: article.key.clone(),
        body: crate::corpus::rules::duplicate_article::body_hash(article),
        date: article.date(),
        head: head_of(&article.text, &diagnostics),
        diagnostics,
    }
}

/// Every byte offset a diagnostic points at, in any file.
pub(super) fn offsets(diagnostic: &Diagnostic) -> impl Iterator<Item = (&Path, usize)> {
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
pub(super) fn head_of(text: &str, diagnostics: &[Diagnostic]) -> Option<String> {
    if text.contains(crate::suppression::MARKER) {
        return None;
    }
    let last = text.floor_char_boundary(
        (diagnostics.iter().flat_map(offsets))
            .map(|(_, offset)| offset)
            .max()
            .unwrap_or(0),
    );
    let end = match text[last..].find(['\n', '\r']) {
        Some(i) if text[last + i..].starts_with("\r\n") => last + i + 2,
        Some(i) => last + i + 1,
        None => text.len(),
    };
    Some(text[..end].to_string())
}

pub(super) fn relative_path(workspace: &Workspace, path: &Path) -> String {
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

    fn load_from(workspace: Workspace, sources: &Sources) -> Analysis {
        let walked = workspace.files();
        Analysis::load_walked(workspace, walked, sources)
    }

    fn load_walked(
        workspace: Workspace,
        (files, walk_errors): (Vec<(PathBuf, Role)>, Vec<crate::workspace::WalkError>),
        sources: &Sources,
    ) -> Analysis {
        let (unfollowed, errors): (Vec<_>, Vec<_>) = walk_errors
            .into_iter()
            .map(|e| {
                let error = FileError {
                    path: e.path,
                    line: None,
                    message: e.message,
                };
                (e.link_not_followed, error)
            })
            .partition(|(link, _)| *link);
        let unfollowed_links: Vec<FileError> = unfollowed.into_iter().map(|(_, e)| e).collect();
        let errors: Vec<FileError> = errors.into_iter().map(|(_, e)| e).collect();
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
        let mut analysis = Analysis::assemble(workspace, loaded, errors, sources.today);
        analysis.unfollowed_links = unfollowed_links;
        analysis
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
            records[i].diagnostics = article::rules::check_article(corpus.article(i), today);
        }
        Analysis {
            workspace,
            corpus,
            passages: LazyPassageIndex::default(),
            notes,
            errors,
            unfollowed_links: Vec::new(),
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
            notes_to_store: Default::default(),
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
}
