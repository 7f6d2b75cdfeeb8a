//! Why something stored in a cache entry was not used: a file that could
//! not be read, was not whole or was written by something else, or a
//! passage index that is not the one the manifest describes. Callers decide
//! by variant what follows (rebuild quietly, or rebuild and tell the user);
//! the text, which names the file and the fault, goes to `--stats`, the
//! stderr note and the logs.

use std::path::PathBuf;

use super::FORMAT_VERSION;

/// Why a cache file, or the entry around it, was not used. `file` is the
/// name of a cache file inside its entry.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CacheError {
    /// The file or folder could not be opened, mapped or listed (a missing
    /// manifest, as in an entry not built yet, is one).
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The entry holds no people index file.
    #[error("no people index stored")]
    NoPeopleIndex,
    /// Too short for a header, or without backstop's magic number.
    #[error("{file}: not a backstop cache file")]
    NotCacheFile { file: String },
    /// Written by a backstop with another cache format.
    #[error("{file}: cache format {found}, expected {FORMAT_VERSION}")]
    FormatVersion { file: String, found: u32 },
    /// Written by another build of backstop, whose rules may differ.
    #[error("{file}: written by another build of backstop")]
    OtherBuild { file: String },
    /// The payload is not as long as its header says, or a pair's split
    /// point lies outside it. Worded as `Checksum` is: either way the file
    /// was cut short or altered after it was written.
    #[error("{file}: truncated or corrupt")]
    Truncated { file: String },
    /// The payload is whole but its blake3 checksum is not the header's.
    #[error("{file}: truncated or corrupt")]
    Checksum { file: String },
    /// The payload is not the type asked for.
    #[error("{file}: {source}")]
    Decode {
        file: String,
        #[source]
        source: postcard::Error,
    },
    /// The payload decoded with bytes to spare: postcard does not describe
    /// its types, so it was written as something else.
    #[error("{file}: {left} bytes left undecoded")]
    Undecoded { file: String, left: usize },
    /// The manifest was written by another version of backstop.
    #[error("written by backstop {0}")]
    OtherBackstop(String),
    /// The manifest was written for another workspace root (two roots
    /// whose hashes share the entry's name).
    #[error("written for another workspace")]
    OtherWorkspace,
    /// The passage index's files are not those the manifest recorded:
    /// damage the user is told of.
    #[error(transparent)]
    IndexDamaged(#[from] IndexDamage),
    /// The passage index's last commit is not the manifest's generation.
    #[error("index from another run")]
    IndexFromAnotherRun,
    /// The index library could not open the passage index.
    #[error("index unreadable: {0}")]
    IndexUnreadable(#[source] Box<tantivy::TantivyError>),
}

/// The first difference between the passage index files a manifest
/// recorded and those on disk; each carries the file's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum IndexDamage {
    #[error("index file {0} is missing")]
    Missing(String),
    #[error("index file {0} changed since it was written")]
    Changed(String),
    #[error("index file {0} was not written by backstop")]
    Foreign(String),
}

impl CacheError {
    /// The error of an I/O operation on `path`.
    pub(super) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> CacheError {
        let path = path.to_path_buf();
        move |source| CacheError::Io { path, source }
    }
}
