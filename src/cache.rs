//! The persistent cache of an analysed corpus: the tantivy passage index (on
//! disk, memory-mapped) and the people index, in the user's cache directory
//! (`BACKSTOP_CACHE_DIR`, else `$XDG_CACHE_HOME/backstop`, else
//! `~/.cache/backstop`), one entry per workspace root and format version.
//!
//! An entry is trusted only when everything in it agrees:
//!
//! - `manifest.bin` lists every article (relative path and blake3 of its
//!   text) and a generation number. It is written last, through a temporary
//!   file and a rename, and removed before anything else in the entry is
//!   changed: an entry without a manifest (a run killed half way) is rebuilt.
//! - `index/` is the tantivy index; its last commit carries the generation
//!   as payload, so an index from another run is not paired with a manifest.
//! - `people.bin` holds the people index with the generation and a hash of
//!   the corpus it was built from.
//!
//! Every file starts with a magic number, the format version and a blake3
//! checksum of its payload: a truncated, corrupt or foreign file is rebuilt,
//! never read. One run at a time writes an entry (`lock`, an OS file lock); a
//! run that finds the entry locked works in memory without the cache.
//!
//! Changed, added and deleted articles update only their own sentences in
//! the tantivy index. The people index resolves names across the whole
//! corpus, so any article change rebuilds it.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::people::PeopleIndex;
use crate::search::{SearchIndex, article_id};
use crate::workspace::Workspace;

/// Bump when anything stored changes shape or meaning (the schema, the
/// normalisation of words, the people index).
pub const FORMAT_VERSION: u32 = 1;

const MAGIC: &[u8; 8] = b"BKSTPCH\0";

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
    /// Articles whose sentences were (re-)indexed.
    pub indexed: usize,
    /// Articles whose sentences were dropped (changed or deleted).
    pub removed: usize,
    /// Whether the people index was rebuilt rather than read.
    pub people_rebuilt: bool,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Manifest {
    backstop: String,
    root: String,
    generation: u64,
    /// Relative path and blake3 of the text of every article, in corpus
    /// order.
    articles: Vec<(String, [u8; 32])>,
}

#[derive(Serialize, Deserialize)]
struct PeopleFile {
    generation: u64,
    /// blake3 of the manifest's article list and the curated people.
    corpus: [u8; 32],
    people: PeopleIndex,
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

    /// Give `corpus` its passage index and return the people index, from
    /// the cache where it is still valid, updating or rebuilding the entry
    /// where not. `hashes` are the blake3 of each article's text.
    pub(crate) fn sync(
        &self,
        workspace: &Workspace,
        corpus: &Corpus,
        hashes: &[[u8; 32]],
    ) -> (Option<PeopleIndex>, CacheStats) {
        let entry = self.entry_dir(&workspace.root);
        let mut stats = CacheStats {
            articles: corpus.articles.len(),
            ..CacheStats::default()
        };
        let lock =
            match std::fs::create_dir_all(&entry).and_then(|_| File::create(entry.join("lock"))) {
                Ok(file) => file,
                Err(err) => {
                    stats.status = "unavailable";
                    stats.reason = Some(format!("cannot create {}: {err}", entry.display()));
                    return (None, stats);
                }
            };
        if lock.try_lock().is_err() {
            stats.status = "busy";
            stats.reason = Some("another backstop run is writing this cache entry".into());
            return (None, stats);
        }
        let manifest = Manifest {
            backstop: env!("CARGO_PKG_VERSION").into(),
            root: workspace.root.to_string_lossy().into_owned(),
            generation: 0,
            articles: corpus
                .articles
                .iter()
                .zip(hashes)
                .map(|(a, h)| (a.rel_path.clone(), *h))
                .collect(),
        };
        let corpus_hash = {
            let mut hasher = blake3::Hasher::new();
            for (path, hash) in &manifest.articles {
                hasher.update(path.as_bytes());
                hasher.update(&[0]);
                hasher.update(hash);
            }
            hasher.update(format!("{:?}", workspace.config.people).as_bytes());
            *hasher.finalize().as_bytes()
        };
        let result = self.sync_locked(&entry, workspace, corpus, manifest, corpus_hash, &mut stats);
        drop(lock);
        match result {
            Ok(people) => (people, stats),
            Err(err) => {
                tracing::warn!("cache {}: {err}", entry.display());
                // Whatever is left is not trusted: the manifest is gone.
                let _ = std::fs::remove_file(entry.join("manifest.bin"));
                stats.status = "unavailable";
                stats.reason = Some(err.to_string());
                (None, stats)
            }
        }
    }

    fn sync_locked(
        &self,
        entry: &Path,
        workspace: &Workspace,
        corpus: &Corpus,
        mut manifest: Manifest,
        corpus_hash: [u8; 32],
        stats: &mut CacheStats,
    ) -> anyhow::Result<Option<PeopleIndex>> {
        let index_dir = entry.join("index");
        let manifest_path = entry.join("manifest.bin");
        let people_path = entry.join("people.bin");
        let stored: Result<Manifest, String> =
            read_framed(&manifest_path).and_then(|m: Manifest| {
                if m.backstop != manifest.backstop {
                    Err(format!("written by backstop {}", m.backstop))
                } else if m.root != manifest.root {
                    Err("written for another workspace".into())
                } else {
                    Ok(m)
                }
            });
        // The stored index, if it is the one the manifest describes.
        let opened =
            stored
                .as_ref()
                .ok()
                .and_then(|m| match SearchIndex::open_in(corpus, &index_dir) {
                    Ok((index, Some(payload))) if payload == m.generation.to_string() => {
                        Some(index)
                    }
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
        let generation = stored.as_ref().map_or(0, |m| m.generation) + 1;
        manifest.generation = generation;
        let payload = generation.to_string();

        let unchanged = stored
            .as_ref()
            .is_ok_and(|m| m.articles == manifest.articles);
        let people_reason = std::cell::RefCell::new(None);
        let people_wanted = |generation: u64| -> Option<PeopleIndex> {
            let file: PeopleFile = read_framed(&people_path)
                .map_err(|err| *people_reason.borrow_mut() = Some(err))
                .ok()?;
            if file.generation != generation || file.corpus != corpus_hash {
                *people_reason.borrow_mut() = Some("people index from another run".into());
                return None;
            }
            Some(file.people)
        };

        let mut opened = opened;
        if unchanged
            && opened.is_some()
            && let Ok(m) = &stored
            && let Some(people) = people_wanted(m.generation)
        {
            corpus.set_search_index(opened.take().expect("index opened"));
            stats.status = "warm";
            stats.reason = None;
            return Ok(Some(people));
        }

        // From here on the entry changes: without a manifest it is not
        // trusted until the new one is in place.
        match std::fs::remove_file(&manifest_path) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(err.into()),
        }
        // The people index resolves names corpus-wide: reuse it only for the
        // very same corpus.
        let reused = if unchanged {
            stored
                .as_ref()
                .ok()
                .and_then(|m| people_wanted(m.generation))
        } else {
            None
        };
        stats.people_rebuilt = reused.is_none();
        if let Some(reason) = people_reason.borrow_mut().take()
            && stats.reason.is_none()
        {
            stats.reason = Some(reason);
        }
        let diff = match (&opened, &stored) {
            (Some(_), Ok(old)) => Some(diff(old, &manifest)),
            _ => None,
        };
        match &diff {
            Some((removed, added)) => {
                stats.status = "updated";
                stats.removed = removed.len();
                stats.indexed = added.len();
            }
            None => {
                stats.status = "cold";
                stats.indexed = corpus.articles.len();
            }
        }
        // Index and people side by side: both are parallel inside, and
        // neither waits on the other.
        let (index, people) = rayon::join(
            || match &diff {
                Some((removed, added)) => {
                    SearchIndex::update_in(corpus, &index_dir, removed, added, &payload)
                }
                None => SearchIndex::build_in(corpus, &index_dir, &payload),
            },
            || reused.unwrap_or_else(|| PeopleIndex::build(corpus, &workspace.config.people)),
        );
        let index = index?;
        let file = PeopleFile {
            generation,
            corpus: corpus_hash,
            people,
        };
        write_framed(&people_path, &file)?;
        corpus.set_search_index(index);
        write_framed(&manifest_path, &manifest)?;
        Ok(Some(file.people))
    }
}

/// Articles to drop from the index (by `article_id`) and to add (by
/// position in the new manifest) to go from `old` to `new`.
fn diff(old: &Manifest, new: &Manifest) -> (Vec<u64>, Vec<usize>) {
    let old_hashes: HashMap<&str, &[u8; 32]> =
        old.articles.iter().map(|(p, h)| (p.as_str(), h)).collect();
    let new_hashes: HashMap<&str, &[u8; 32]> =
        new.articles.iter().map(|(p, h)| (p.as_str(), h)).collect();
    let removed = old
        .articles
        .iter()
        .filter(|(p, h)| new_hashes.get(p.as_str()) != Some(&h))
        .map(|(p, _)| article_id(p))
        .collect();
    let added = new
        .articles
        .iter()
        .enumerate()
        .filter(|(_, (p, h))| old_hashes.get(p.as_str()) != Some(&h))
        .map(|(i, _)| i)
        .collect();
    (removed, added)
}

/// Write `value` as magic, version, checksum, length and payload, to a
/// temporary file renamed over `path` once synced.
fn write_framed<T: Serialize>(path: &Path, value: &T) -> anyhow::Result<()> {
    let payload = rmp_serde::to_vec(value)?;
    let mut bytes = Vec::with_capacity(payload.len() + 52);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(blake3::hash(&payload).as_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&payload);
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(&bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path)?;
    Ok(())
}

/// Read what `write_framed` wrote; any mismatch is an error saying what.
fn read_framed<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    let bytes = std::fs::read(path).map_err(|err| format!("{}: {err}", path.display()))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    if bytes.len() < 52 || &bytes[..8] != MAGIC {
        return Err(format!("{name}: not a backstop cache file"));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(format!(
            "{name}: cache format {version}, expected {FORMAT_VERSION}"
        ));
    }
    let checksum = &bytes[12..44];
    let length = u64::from_le_bytes(bytes[44..52].try_into().expect("8 bytes")) as usize;
    let payload = &bytes[52..];
    if payload.len() != length || blake3::hash(payload).as_bytes() != checksum {
        return Err(format!("{name}: truncated or corrupt"));
    }
    rmp_serde::from_slice(payload).map_err(|err| format!("{name}: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
