//! Bringing an entry's passage index and manifest up to date with a
//! loaded corpus, under the entry's lock.

use super::framed::write_framed;
use super::records::{IndexFile, diff, index_damage, index_files};
use super::*;
use crate::retrieval::StoredIndex;

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
        stored: Result<Manifest, CacheError>,
        stats: &mut CacheStats,
    ) -> bool {
        let entry = self.entry_dir(&loaded.workspace.root);
        let lock =
            match std::fs::create_dir_all(&entry).and_then(|_| File::create(entry.join("lock"))) {
                Ok(file) => file,
                Err(err) => {
                    stats.status = CacheStatus::Unavailable;
                    stats.reason = Some(format!("cannot create {}: {err}", entry.display()));
                    return false;
                }
            };
        if lock.try_lock().is_err() {
            stats.status = CacheStatus::Busy;
            stats.reason = Some("another backstop run is writing this cache entry".into());
            return false;
        }
        let result = self.sync_locked(&entry, loaded, stored, stats);
        drop(lock);
        match result {
            Ok(()) => {
                // A new entry was just built: one left by an older format
                // is likely beside it.
                if stats.status == CacheStatus::Cold {
                    self.remove_old_versions();
                }
                true
            }
            Err(err) => {
                // Front ends tell the user from `stats`.
                tracing::debug!("cache {}: {err}", entry.display());
                // Whatever is left is not trusted: the manifest is gone.
                let _ = std::fs::remove_file(entry.join("manifest.bin"));
                stats.status = CacheStatus::Unavailable;
                stats.reason = Some(err.to_string());
                false
            }
        }
    }

    fn sync_locked(
        &self,
        entry: &Path,
        loaded: &LoadedCorpus,
        stored: Result<Manifest, CacheError>,
        stats: &mut CacheStats,
    ) -> anyhow::Result<()> {
        let index_dir = entry.join("index");
        let manifest_path = entry.join("manifest.bin");
        let mut opened = match &stored {
            Ok(manifest) => open_stored_index(&index_dir, manifest)
                .map_err(|unused| note_unused(&unused, stats))
                .ok(),
            Err(unused) => {
                note_unused(unused, stats);
                None
            }
        };
        if let Ok(m) = &stored
            && same_texts(m.records(), loaded.records)
            && let Some(index) = opened.take()
        {
            loaded.passages.set_stored(index);
            stats.status = CacheStatus::Warm;
            stats.reason = None;
            // Same texts; records change only with the day (or with a file
            // stamp, as after a `touch`).
            let same_records = m.checked_on == loaded.checked_on
                && (m.records().iter().zip(loaded.records)).all(|(a, b)| a.stamp == b.stamp);
            if !same_records {
                let manifest = new_manifest(loaded, m.generation, m.index_files.clone());
                write_framed(&manifest_path, &manifest)?;
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
        let index = match (&opened, &stored) {
            (Some(_), Ok(old)) => {
                let (removed, added) = diff(old.records(), loaded.records);
                stats.status = CacheStatus::Updated;
                stats.removed = removed.len();
                stats.indexed = added.len();
                drop(opened);
                TantivyIndex::update_in(loaded.corpus, &index_dir, &removed, &added, &payload)?
            }
            _ => {
                stats.status = CacheStatus::Cold;
                stats.indexed = loaded.corpus.len();
                TantivyIndex::build_in(loaded.corpus, &index_dir, &payload)?
            }
        };
        loaded.passages.set(Box::new(index));
        let manifest = new_manifest(loaded, generation, index_files(&index_dir)?);
        write_framed(&manifest_path, &manifest)?;
        Ok(())
    }
}

/// Whether two record lists are of the same articles with the same texts.
fn same_texts(old: &[ArticleRecord], new: &[ArticleRecord]) -> bool {
    old.len() == new.len()
        && (old.iter().zip(new)).all(|(a, b)| a.rel_path == b.rel_path && a.hash == b.hash)
}

fn new_manifest<'a>(
    loaded: &LoadedCorpus<'a>,
    generation: u64,
    index_files: Vec<IndexFile>,
) -> Manifest<&'a [ArticleRecord]> {
    Manifest {
        backstop: env!("CARGO_PKG_VERSION").into(),
        root: loaded.workspace.root.to_string_lossy().into_owned(),
        generation,
        checked_on: loaded.checked_on,
        articles: loaded.records,
        index_files,
    }
}

/// The stored index, if it is the one the manifest describes, file for
/// file.
pub(super) fn open_stored_index(
    index_dir: &Path,
    manifest: &Manifest,
) -> Result<StoredIndex, CacheError> {
    let found = index_files(index_dir).unwrap_or_default();
    if let Some(damage) = index_damage(&manifest.index_files, &found) {
        return Err(damage.into());
    }
    match open_guarded(index_dir) {
        Ok((index, Some(payload))) if payload == manifest.generation.to_string() => Ok(index),
        Ok(_) => Err(CacheError::IndexFromAnotherRun),
        Err(err) => Err(CacheError::IndexUnreadable(Box::new(err))),
    }
}

/// Why the stored manifest or index is not used, in `stats`. Index files
/// unlike those the manifest recorded were changed behind backstop's back:
/// the front ends tell the user of that damage. Anything else (no entry
/// yet, another version's, a file cut short by a crash) is rebuilt quietly.
fn note_unused(unused: &CacheError, stats: &mut CacheStats) {
    if let CacheError::IndexDamaged(damage) = unused {
        stats.damaged = Some(damage.to_string());
    }
    stats.reason = Some(unused.to_string());
}

/// Open the stored index; a panic inside the index library, as damaged
/// files can cause, is an error like any other.
fn open_guarded(dir: &Path) -> tantivy::Result<(StoredIndex, Option<String>)> {
    std::panic::catch_unwind(|| TantivyIndex::open_in(dir)).unwrap_or_else(|_| {
        Err(tantivy::TantivyError::InternalError(
            "the index library failed on it".into(),
        ))
    })
}
