//! The engine behind every front end: load a workspace's files (from disk or
//! from an editor's unsaved buffers), build the corpus, run every rule, and
//! apply configuration and suppressions. `check`, `people`, `quotes` and the
//! language server all go through here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::article::{self, Article};
use crate::cache::{Cache, CacheStats};
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Level};
use crate::people::PeopleIndex;
use crate::suppression::Suppressions;
use crate::text::LineIndex;
use crate::workspace::{Role, Workspace};

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

/// A note's text as loaded.
#[derive(Debug, Clone)]
pub struct NoteFile {
    pub path: PathBuf,
    pub rel_path: String,
    pub text: String,
}

pub struct Analysis {
    pub workspace: Workspace,
    pub corpus: Corpus,
    pub notes: Vec<NoteFile>,
    pub errors: Vec<FileError>,
    corpus_diagnostics: OnceLock<Vec<Diagnostic>>,
    people: OnceLock<PeopleIndex>,
    claim_cache: crate::claims::ClaimCache,
    /// blake3 of each article's text, parallel to `corpus.articles`; empty
    /// unless the analysis went through a cache.
    hashes: Vec<[u8; 32]>,
    cache_stats: Option<CacheStats>,
}

/// Read a file as UTF-8 text, without a byte order mark. Binary and
/// non-UTF-8 files are errors that say where the problem is.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let error = |line: Option<usize>, message: String| FileError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let metadata = std::fs::metadata(path).map_err(|e| error(None, format!("cannot read: {e}")))?;
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

impl Analysis {
    /// Load every file of the workspace. `overlay` supplies the text of files
    /// open in an editor, which wins over the disk.
    pub fn load(
        workspace: Workspace,
        overlay: &(dyn Fn(&Path) -> Option<String> + Sync),
    ) -> Analysis {
        Analysis::load_with(workspace, overlay, &|_| None)
    }

    /// `load`, then take the passage and people indexes from `cache` where
    /// the stored entry still matches the corpus, and bring the entry up to
    /// date (only changed, added and deleted articles are re-indexed).
    /// Results are the same as `load`'s.
    pub fn load_cached(
        workspace: Workspace,
        overlay: &(dyn Fn(&Path) -> Option<String> + Sync),
        cache: &Cache,
    ) -> Analysis {
        let mut analysis = Analysis::load(workspace, overlay);
        analysis.hashes = analysis
            .corpus
            .articles
            .par_iter()
            .map(|a| *blake3::hash(a.text.as_bytes()).as_bytes())
            .collect();
        analysis.attach_cache(cache);
        analysis
    }

    /// A new analysis after `changed` files (edited, created or deleted on
    /// disk, or in `overlay`) changed: the workspace is walked again, the
    /// texts of other files are reused rather than read, and with a `cache`
    /// only the changed articles are re-indexed. A changed `backstop.toml`
    /// needs a new `Workspace` and `load_cached` instead.
    pub fn update(
        &self,
        changed: &[PathBuf],
        overlay: &(dyn Fn(&Path) -> Option<String> + Sync),
        cache: Option<&Cache>,
    ) -> Analysis {
        let changed: std::collections::HashSet<&Path> =
            changed.iter().map(PathBuf::as_path).collect();
        let reuse = |path: &Path| -> Option<String> {
            if changed.contains(path) {
                return None;
            }
            self.text_of(path).map(str::to_string)
        };
        let mut analysis = Analysis::load_with(self.workspace.clone(), overlay, &reuse);
        if let Some(cache) = cache {
            let known: HashMap<&Path, &[u8; 32]> = self
                .corpus
                .articles
                .iter()
                .zip(&self.hashes)
                .map(|(a, h)| (a.path.as_path(), h))
                .collect();
            analysis.hashes = analysis
                .corpus
                .articles
                .par_iter()
                .map(|a| match known.get(a.path.as_path()) {
                    Some(hash) if !changed.contains(a.path.as_path()) => **hash,
                    _ => *blake3::hash(a.text.as_bytes()).as_bytes(),
                })
                .collect();
            analysis.attach_cache(cache);
        }
        analysis
    }

    /// What the cache did for this analysis, if one was used.
    pub fn cache_stats(&self) -> Option<&CacheStats> {
        self.cache_stats.as_ref()
    }

    fn attach_cache(&mut self, cache: &Cache) {
        let (people, stats) = cache.sync(&self.workspace, &self.corpus, &self.hashes);
        if let Some(people) = people {
            let _ = self.people.set(people);
        }
        tracing::debug!("cache: {stats:?}");
        self.cache_stats = Some(stats);
    }

    /// Load with `overlay` first, then `known` (texts already in memory),
    /// then the disk.
    fn load_with(
        workspace: Workspace,
        overlay: &(dyn Fn(&Path) -> Option<String> + Sync),
        known: &(dyn Fn(&Path) -> Option<String> + Sync),
    ) -> Analysis {
        let (files, walk_errors) = workspace.files();
        let mut errors: Vec<FileError> = walk_errors
            .into_iter()
            .map(|e| FileError {
                path: e.path,
                line: None,
                message: e.message,
            })
            .collect();
        let loaded: Vec<(PathBuf, Role, Result<String, FileError>)> = files
            .into_par_iter()
            .map(|(path, role)| {
                let text = overlay(&path)
                    .or_else(|| known(&path))
                    .map_or_else(|| read_text(&path), Ok);
                (path, role, text)
            })
            .collect();
        let mut texts = Vec::new();
        for (path, role, text) in loaded {
            match text {
                Ok(text) => texts.push((path, role, text)),
                Err(err) => errors.push(err),
            }
        }
        let mut analysis = Analysis::from_texts(workspace, texts);
        analysis.errors.extend(errors);
        analysis
    }

    /// Build from texts already in memory.
    pub fn from_texts(workspace: Workspace, files: Vec<(PathBuf, Role, String)>) -> Analysis {
        let mut article_files = Vec::new();
        let mut notes = Vec::new();
        for (path, role, text) in files {
            let rel_path = workspace
                .relative(&path)
                .unwrap_or_else(|| path.to_string_lossy().into_owned());
            match role {
                Role::Article => article_files.push((path, rel_path, text)),
                Role::Note => notes.push(NoteFile {
                    path,
                    rel_path,
                    text,
                }),
            }
        }
        let articles: Vec<Article> = article_files
            .into_par_iter()
            .map(|(path, rel_path, text)| Article::parse(path, rel_path, text))
            .collect();
        Analysis {
            workspace,
            corpus: Corpus::new(articles),
            notes,
            errors: Vec::new(),
            corpus_diagnostics: OnceLock::new(),
            people: OnceLock::new(),
            claim_cache: Default::default(),
            hashes: Vec::new(),
            cache_stats: None,
        }
    }

    /// The text of a workspace file as analysed.
    pub fn text_of(&self, path: &Path) -> Option<&str> {
        if let Some(article) = self.corpus.by_path(path) {
            return Some(&article.text);
        }
        self.notes
            .iter()
            .find(|n| n.path == path)
            .map(|n| n.text.as_str())
    }

    /// Build the lazily made indexes now. They are built inside
    /// `OnceLock`s with rayon; building them first, from one thread, keeps
    /// rayon workers from blocking on a lock whose holder waits for them.
    pub fn prepare(&self) {
        if !self.notes.is_empty() {
            self.prepare_indexes();
        }
    }

    /// Every diagnostic of the workspace, configured and suppressed, sorted by
    /// file and position.
    pub fn diagnostics(&self, today: Date) -> Vec<Diagnostic> {
        self.prepare();
        let mut raw: Vec<Diagnostic> = self
            .corpus
            .articles
            .par_iter()
            .flat_map_iter(|a| article::checks::check_article(a, today))
            .collect();
        raw.extend(self.corpus_diagnostics().iter().cloned());
        raw.extend(
            self.notes
                .par_iter()
                .flat_map_iter(|note| self.note_diagnostics(&note.path, &note.text))
                .collect::<Vec<_>>(),
        );
        self.finish(raw, &|path| self.text_of(path))
    }

    /// The diagnostics of a file whose current text may differ from what was
    /// analysed (an editor buffer). Article rules run on the new text;
    /// corpus-wide rules keep the analysed corpus until it is rebuilt.
    pub fn text_diagnostics(
        &self,
        path: &Path,
        role: Role,
        text: &str,
        today: Date,
    ) -> Vec<Diagnostic> {
        let mut raw = Vec::new();
        match role {
            Role::Article => {
                let rel_path = self
                    .workspace
                    .relative(path)
                    .unwrap_or_else(|| path.to_string_lossy().into_owned());
                let article = Article::parse(path.to_path_buf(), rel_path, text.to_string());
                raw.extend(article::checks::check_article(&article, today));
                raw.extend(
                    self.corpus_diagnostics()
                        .iter()
                        .filter(|d| d.location.path == path)
                        .cloned(),
                );
            }
            Role::Note => {
                self.prepare();
                raw.extend(self.note_diagnostics(path, text))
            }
        }
        let lookup = |p: &Path| {
            if p == path {
                Some(text)
            } else {
                self.text_of(p)
            }
        };
        self.finish(raw, &lookup)
    }

    /// Build the passage index and the people index side by side. Left to
    /// their first use, a note check on one thread would build one while
    /// the others wait on it.
    pub fn prepare_indexes(&self) {
        rayon::join(
            || {
                self.corpus.search_index();
            },
            || {
                self.people();
            },
        );
    }

    /// Who is named and who said what, built on first use.
    pub fn people(&self) -> &PeopleIndex {
        self.people
            .get_or_init(|| PeopleIndex::build(&self.corpus, &self.workspace.config.people))
    }

    /// Rules that compare articles with each other, computed once per corpus.
    fn corpus_diagnostics(&self) -> &[Diagnostic] {
        self.corpus_diagnostics
            .get_or_init(|| article::checks::check_corpus(&self.corpus.articles))
    }

    fn note_diagnostics(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        crate::claims::NoteChecker {
            corpus: &self.corpus,
            config: &self.workspace.config,
            people: Some(self.people()),
            cache: Some(&self.claim_cache),
        }
        .check(path, text)
    }

    /// Apply configured severities and the suppression comments of the text
    /// each diagnostic points into.
    fn finish<'t>(
        &'t self,
        raw: Vec<Diagnostic>,
        text_of: &dyn Fn(&Path) -> Option<&'t str>,
    ) -> Vec<Diagnostic> {
        let mut suppressions: HashMap<PathBuf, (LineIndex, Suppressions)> = HashMap::new();
        let mut out = Vec::with_capacity(raw.len());
        for mut diagnostic in raw {
            match self.workspace.config.level(diagnostic.rule) {
                Level::Off => continue,
                Level::On(severity) => diagnostic.severity = severity,
            }
            let path = &diagnostic.location.path;
            let Some(text) = text_of(path) else {
                out.push(diagnostic);
                continue;
            };
            let (index, suppressed) = suppressions.entry(path.clone()).or_insert_with(|| {
                let index = LineIndex::new(text);
                let suppressed = Suppressions::parse(text, &index);
                (index, suppressed)
            });
            let line = index.line_of(diagnostic.location.range.start);
            if !suppressed.is_suppressed(line, diagnostic.rule.code()) {
                out.push(diagnostic);
            }
        }
        out.sort_by(|a, b| {
            (&a.location.path, a.location.range.start, a.rule).cmp(&(
                &b.location.path,
                b.location.range.start,
                b.rule,
            ))
        });
        out
    }
}

/// Today's date, or `BACKSTOP_TODAY` (YYYY-MM-DD) when set, so that runs can
/// be reproduced.
pub fn today() -> Date {
    std::env::var("BACKSTOP_TODAY")
        .ok()
        .and_then(|value| value.parse::<Date>().ok())
        .unwrap_or_else(|| jiff::Zoned::now().date())
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
