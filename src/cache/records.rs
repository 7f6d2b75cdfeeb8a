//! The manifest: what the cache knows of each article, and the
//! generation that pairs it with the passage index.

use super::*;

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
    pub(super) backstop: String,
    pub(super) root: String,
    pub(super) generation: u64,
    /// The day the records' diagnostics were computed for.
    pub(super) checked_on: Date,
    /// Every article, in corpus order.
    pub(super) articles: Records,
    /// Every file of the passage index as the run that wrote it left it:
    /// an index file changed, added or removed since is not trusted.
    pub(super) index_files: Vec<IndexFile>,
}

/// A file of the passage index folder and its stamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct IndexFile {
    pub name: String,
    pub stamp: FileStamp,
}

/// The files of the passage index in `dir`, by name, but for tantivy's lock
/// files, which readers and writers make and remove.
pub(super) fn index_files(dir: &Path) -> std::io::Result<Vec<IndexFile>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".lock") {
            continue;
        }
        let stamp = FileStamp::of(&entry.metadata()?);
        files.push(IndexFile { name, stamp });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// The first difference between the index files a manifest recorded and
/// those on disk.
pub(super) fn index_damage(recorded: &[IndexFile], found: &[IndexFile]) -> Option<IndexDamage> {
    for file in recorded {
        match found.iter().find(|f| f.name == file.name) {
            None => return Some(IndexDamage::Missing(file.name.clone())),
            Some(f) if f.stamp != file.stamp => {
                return Some(IndexDamage::Changed(file.name.clone()));
            }
            Some(_) => {}
        }
    }
    let extra = found
        .iter()
        .find(|f| !recorded.iter().any(|r| r.name == f.name))?;
    Some(IndexDamage::Foreign(extra.name.clone()))
}

impl Manifest {
    pub(crate) fn checked_on(&self) -> Date {
        self.checked_on
    }

    pub(crate) fn records(&self) -> &[ArticleRecord] {
        &self.articles.0
    }
}

/// Articles to drop from the index (by `article_id`) and to add (by
/// position in the new manifest) to go from `old` to `new`.
pub(super) fn diff(old: &[ArticleRecord], new: &[ArticleRecord]) -> (Vec<u64>, Vec<usize>) {
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
