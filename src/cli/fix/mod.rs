//! `check --fix`, `--unsafe-fixes` and `--diff`: turn the fixes of the
//! reported findings into new file contents, show them as a unified diff or
//! write them. A write replaces the file atomically (a temporary file in the
//! same folder, then a rename), keeps its byte order mark and line endings,
//! and is refused when the file no longer holds the text that was checked.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::applicability::Applicability;
use super::report::Record;

/// The fixed contents of one file.
#[derive(Debug, Clone)]
pub struct FileFix {
    pub path: PathBuf,
    /// The path as the report shows it.
    pub display: String,
    /// The text the findings were computed on.
    pub original: String,
    pub fixed: String,
    /// The findings the new text fixes, as indexes into the records given
    /// to `plan`.
    pub records: Vec<usize>,
}

/// Per file: its path as shown, the edits taken as (byte range, new
/// text), and the records whose fixes they are.
type Taken<'r> = (String, Vec<(std::ops::Range<usize>, &'r str)>, Vec<usize>);

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixMode {
    pub unsafe_fixes: bool,
}

impl FixMode {
    pub fn applies(self, applicability: Applicability) -> bool {
        applicability == Applicability::Safe || self.unsafe_fixes
    }
}

/// The new contents of every file that the chosen fixes of `records`
/// change. `text_of` gives the analysed text of a file. A fix whose edits
/// overlap one taken before it is left for a later run; a fix that edits
/// another file than its finding's is left out (none does today).
pub fn plan(
    records: &[Record],
    mode: FixMode,
    text_of: &dyn Fn(&Path) -> Option<String>,
) -> Vec<FileFix> {
    let mut taken: BTreeMap<&Path, Taken<'_>> = BTreeMap::new();
    for (index, record) in records.iter().enumerate() {
        let Some(fix) = &record.fix else { continue };
        if !mode.applies(fix.applicability)
            || fix.edits.is_empty()
            || fix.edits.iter().any(|e| e.span.path != record.span.path)
        {
            continue;
        }
        let (_, edits, fixed) = taken
            .entry(record.absolute_path.as_path())
            .or_insert_with(|| (record.span.path.clone(), Vec::new(), Vec::new()));
        let overlaps = fix.edits.iter().any(|new| {
            edits
                .iter()
                .any(|(old, _)| ranges_touch(old, &new.byte_range))
        });
        if overlaps {
            continue;
        }
        edits.extend(
            fix.edits
                .iter()
                .map(|e| (e.byte_range.clone(), e.new_text.as_str())),
        );
        fixed.push(index);
    }
    taken
        .into_iter()
        .filter_map(|(path, (display, mut edits, fixed_records))| {
            let original = text_of(path)?;
            edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
            let crlf = original.contains("\r\n");
            let mut fixed = original.clone();
            for (range, new_text) in edits {
                if range.end > fixed.len()
                    || !fixed.is_char_boundary(range.start)
                    || !fixed.is_char_boundary(range.end)
                {
                    return None;
                }
                fixed.replace_range(range, &with_line_endings(new_text, crlf));
            }
            Some(FileFix {
                path: path.to_path_buf(),
                display,
                original,
                fixed,
                records: fixed_records,
            })
        })
        .collect()
}

/// Two edits conflict when they overlap, or insert at the same place.
fn ranges_touch(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || a.start == b.start
}

/// A fix's text with the file's line endings.
fn with_line_endings(text: &str, crlf: bool) -> String {
    if !crlf || !text.contains('\n') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// `fix` as a unified diff, `a/PATH` against `b/PATH`.
pub fn unified_diff(fix: &FileFix) -> String {
    similar::TextDiff::from_lines(&fix.original, &fix.fixed)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{}", fix.display), &format!("b/{}", fix.display))
        .to_string()
}

/// Write `fix` over its file, unless the file changed since it was read.
pub fn write(fix: &FileFix) -> Result<(), String> {
    let bytes = std::fs::read(&fix.path).map_err(|e| format!("cannot read: {e}"))?;
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    match crate::files::decode(&bytes) {
        Ok(current) if current == fix.original => {}
        _ => return Err("changed since it was checked; not fixed".into()),
    }
    let folder = fix
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".backstop-fix-")
        .tempfile_in(folder)
        .map_err(|e| format!("cannot write beside it: {e}"))?;
    if bom {
        temp.write_all(b"\xEF\xBB\xBF")
            .map_err(|e| format!("cannot write: {e}"))?;
    }
    temp.write_all(fix.fixed.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| format!("cannot write: {e}"))?;
    if let Ok(metadata) = std::fs::metadata(&fix.path) {
        let _ = std::fs::set_permissions(temp.path(), metadata.permissions());
    }
    temp.persist(&fix.path)
        .map_err(|e| format!("cannot replace: {}", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_fix(path: &Path, original: &str, fixed: &str) -> FileFix {
        FileFix {
            path: path.to_path_buf(),
            display: "a.md".into(),
            original: original.into(),
            fixed: fixed.into(),
            records: vec![0],
        }
    }

    #[test]
    fn writes_keep_the_byte_order_mark_and_refuse_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, b"\xEF\xBB\xBFold\r\n").unwrap();
        write(&file_fix(&path, "old\r\n", "new\r\n")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"\xEF\xBB\xBFnew\r\n");
        let err = write(&file_fix(&path, "old\r\n", "newer\r\n")).unwrap_err();
        assert!(err.contains("changed since"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"\xEF\xBB\xBFnew\r\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn inserted_lines_take_the_file_line_endings() {
        assert_eq!(with_line_endings("date: x\n", true), "date: x\r\n");
        assert_eq!(with_line_endings("date: x\r\n", true), "date: x\r\n");
        assert_eq!(with_line_endings("date: x\n", false), "date: x\n");
    }
}
