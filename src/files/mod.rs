//! Reading workspace files: text decoding with the line of any problem,
//! the stamp that tells whether a file changed, and the list codec the
//! stored indexes decode with. The lowest layer that touches the disk.

mod codec;
mod stamp;

use std::path::{Path, PathBuf};

pub use codec::Exact;
pub use stamp::FileStamp;

/// Largest file backstop reads; anything bigger is reported, not loaded.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A file that could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    /// 1-based line of the problem, when it has one.
    pub line: Option<usize>,
    pub message: String,
}

/// Read a file as UTF-8 text, without a byte order mark. Binary and
/// non-UTF-8 files are errors that say where the problem is.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let metadata = std::fs::metadata(path).map_err(|e| FileError {
        path: path.to_path_buf(),
        line: None,
        message: format!("cannot read: {e}"),
    })?;
    read_text_sized(path, &metadata)
}

pub fn read_text_sized(path: &Path, metadata: &std::fs::Metadata) -> Result<String, FileError> {
    let error = |line: Option<usize>, message: String| FileError {
        path: path.to_path_buf(),
        line,
        message,
    };
    if metadata.len() > MAX_FILE_BYTES {
        return Err(error(
            None,
            format!(
                "file is {} MiB, larger than the {} MiB backstop reads; skipped",
                metadata.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| error(None, format!("cannot read: {e}")))?;
    decode(&bytes).map_err(|(line, message)| error(line, message))
}

/// Decode file contents; on failure, the 1-based line and what is wrong.
pub fn decode(bytes: &[u8]) -> Result<String, (Option<usize>, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let line_of = |offset: usize| bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err((
            Some(line_of(nul)),
            "binary file (contains a NUL byte); skipped".into(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(err) => {
            let at = err.valid_up_to();
            let column = at
                - bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1)
                + 1;
            Err((
                Some(line_of(at)),
                format!(
                    "not valid UTF-8 (byte {:#04x} at column {column}); skipped",
                    bytes[at]
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reports_lines() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello").unwrap(), "hello");
        let (line, message) = decode(b"ok\nok\n\xff bad").unwrap_err();
        assert_eq!(line, Some(3));
        assert!(message.contains("UTF-8"));
        let (line, message) = decode(b"a\0b").unwrap_err();
        assert_eq!(line, Some(1));
        assert!(message.contains("binary"));
    }
}
