//! Cache files as written and read: a header (magic, format version, the
//! build that wrote it, blake3 checksum, payload length) before a postcard
//! payload, written to a temporary file and renamed into place, read by
//! mapping the file.

use super::*;

const MAGIC: &[u8; 8] = b"BKSTPCH\0";

/// The sources this build was made from (`build.rs`): rules and word
/// lists change what is stored without changing its format, so a file of
/// another build is never read.
const BUILD: &str = env!("BACKSTOP_SOURCE_FINGERPRINT");
const _: () = assert!(BUILD.len() == 16, "build.rs writes 16 hex digits");

/// Magic, version, build, checksum and payload length: the bytes before a
/// framed file's payload.
const HEADER_LEN: usize = 68;

/// Write `value` as magic, version, checksum, length and payload, to a
/// temporary file renamed over `path` once written.
pub(super) fn write_framed<T: Serialize>(path: &Path, value: &T) -> anyhow::Result<()> {
    write_payload(path, |payload| {
        postcard::to_io(value, payload)?;
        Ok(())
    })
}

/// Write `first` and `second` as `write_framed` writes one value, followed
/// by where the second begins, for `decode_pair` to decode them side by
/// side.
pub(super) fn write_framed_pair<A: Serialize, B: Serialize>(
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
pub(super) struct Hashing<W> {
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

/// The frame around what `encode` writes. The payload is encoded straight
/// into the file (the people index is hundreds of megabytes at 100,000
/// articles); the header is filled in once its checksum is known.
pub(super) fn write_payload(
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
    header.extend_from_slice(BUILD.as_bytes());
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
pub(super) fn read_framed<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, CacheError> {
    let (name, bytes) = read_payload(path)?;
    decode(&name, &bytes[HEADER_LEN..])
}

/// Decode what `write_framed_pair` wrote (`read_payload`'s bytes), both
/// values at once.
pub(super) fn decode_pair<A, B>(name: &str, bytes: &[u8]) -> Result<(A, B), CacheError>
where
    A: for<'de> Deserialize<'de> + Send,
    B: for<'de> Deserialize<'de> + Send,
{
    let truncated = || CacheError::Truncated { file: name.into() };
    let payload = &bytes[HEADER_LEN..];
    let end = payload.len().checked_sub(8).ok_or_else(truncated)?;
    let split = u64::from_le_bytes(payload[end..].try_into().expect("8 bytes"));
    let split = usize::try_from(split)
        .ok()
        .filter(|&split| split <= end)
        .ok_or_else(truncated)?;
    let (first, second) = rayon::join(
        || decode(name, &payload[..split]),
        || decode(name, &payload[split..end]),
    );
    Ok((first?, second?))
}

/// A cache file's name and bytes, once its header and checksum hold. The
/// bytes are mapped, not copied: the people index is the size of a large
/// corpus's text, and a run decodes only what it needs of it.
pub(super) fn read_payload(path: &Path) -> Result<(String, Mmap), CacheError> {
    let file = File::open(path).map_err(CacheError::io(path))?;
    // SAFETY: a mapped file must not change while it is mapped. No cache
    // file is written in place: `write_payload` writes a new file and
    // renames it over the old one, which leaves a mapped file as it was,
    // and the lock file is never mapped. tantivy maps the passage index
    // beside these files on the same terms.
    let bytes =
        unsafe { MmapOptions::new().populate().map(&file) }.map_err(CacheError::io(path))?;
    let file = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return Err(CacheError::NotCacheFile { file });
    }
    let found = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if found != FORMAT_VERSION {
        return Err(CacheError::FormatVersion { file, found });
    }
    if &bytes[12..28] != BUILD.as_bytes() {
        return Err(CacheError::OtherBuild { file });
    }
    let checksum = &bytes[28..60];
    let length = u64::from_le_bytes(bytes[60..HEADER_LEN].try_into().expect("8 bytes")) as usize;
    let payload = &bytes[HEADER_LEN..];
    if payload.len() != length {
        return Err(CacheError::Truncated { file });
    }
    if blake3::Hasher::new()
        .update_rayon(payload)
        .finalize()
        .as_bytes()
        != checksum
    {
        return Err(CacheError::Checksum { file });
    }
    Ok((file, bytes))
}

/// Decode a whole payload: postcard does not describe its types, so bytes
/// left over mean the payload was written as something else.
pub(super) fn decode<T: for<'de> Deserialize<'de>>(
    name: &str,
    payload: &[u8],
) -> Result<T, CacheError> {
    match postcard::take_from_bytes(payload) {
        Ok((value, [])) => Ok(value),
        Ok((_, rest)) => Err(CacheError::Undecoded {
            file: name.into(),
            left: rest.len(),
        }),
        Err(source) => Err(CacheError::Decode {
            file: name.into(),
            source,
        }),
    }
}
