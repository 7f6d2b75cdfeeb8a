//! A file's stamp: what the file system says of when and how it was last
//! written.

use serde::{Deserialize, Serialize};

/// When and how a file was last written, as far as the file system says.
/// Text is trusted unchanged only while all of it is the same.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub(crate) len: u64,
    pub(crate) modified: (i64, u32),
    pub(crate) changed: (i64, u32),
    pub(crate) inode: u64,
}

impl FileStamp {
    pub fn of(metadata: &std::fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileStamp {
                len: metadata.len(),
                modified: (metadata.mtime(), metadata.mtime_nsec() as u32),
                changed: (metadata.ctime(), metadata.ctime_nsec() as u32),
                inode: metadata.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let modified = metadata
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()));
            FileStamp {
                len: metadata.len(),
                modified,
                changed: modified,
                inode: 0,
            }
        }
    }
}
