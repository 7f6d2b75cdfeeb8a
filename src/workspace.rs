//! Where a workspace starts, which files belong to it and what role each has.

use std::path::{Component, Path, PathBuf};

use crate::config::{self, Config, ConfigError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Article,
    Note,
}

/// The folder names that hold articles when `backstop.toml` names no
/// `corpus` globs.
pub const CORPUS_DIRS: [&str; 4] = ["seeds", "sources", "articles", "corpus"];

#[derive(Debug, Clone)]
pub struct Workspace {
    /// Absolute, canonical.
    pub root: PathBuf,
    pub config: Config,
    /// Why `root` is the root.
    pub found_by: FoundBy,
}

/// How a workspace's root was found, from the path the user named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundBy {
    /// The nearest folder holding `backstop.toml`.
    ConfigFile,
    /// The nearest folder holding a corpus folder (`seeds`, `sources`,
    /// `articles` or `corpus`).
    CorpusFolder,
    /// The top of the git checkout.
    GitRoot,
    /// None of those: the folder named, or the named file's folder.
    NamedFolder,
    /// Given by the caller (an editor's workspace folder, a test).
    Given,
}

impl FoundBy {
    pub fn describe(self) -> &'static str {
        match self {
            FoundBy::ConfigFile => "the nearest folder holding backstop.toml",
            FoundBy::CorpusFolder => {
                "no backstop.toml; the nearest folder holding a seeds, sources, articles or corpus folder"
            }
            FoundBy::GitRoot => "no backstop.toml nor corpus folder; the top of the git checkout",
            FoundBy::NamedFolder => {
                "no backstop.toml, corpus folder or git checkout above it; the folder named"
            }
            FoundBy::Given => "the folder given",
        }
    }
}

/// A file that could not be walked to (a symlink loop, a permission error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
    /// A symbolic link left alone on purpose (it leads out of the
    /// workspace, or to a folder walked anyway): worth a note, not an error.
    pub link_not_followed: bool,
}

impl Workspace {
    /// The workspace `path` belongs to, found the same way whether `path` is
    /// the root, a folder below it or a file: from the folder (`path`, or
    /// the file's folder) upwards, the nearest folder holding
    /// `backstop.toml`; else the nearest holding a corpus folder; else the
    /// top of the git checkout; else the folder itself. The last two
    /// searches stop at the git checkout's top, and never take the file
    /// system root, the home folder or the temporary folder, which unrelated
    /// projects share.
    pub fn discover(path: &Path) -> Result<Workspace, ConfigError> {
        let start = path.canonicalize().map_err(|err| ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot open: {err}"),
        })?;
        let folder = if start.is_dir() {
            start.clone()
        } else {
            start
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or(start.clone())
        };
        for ancestor in folder.ancestors() {
            let candidate = ancestor.join(config::FILE_NAME);
            if candidate.is_file() {
                return Ok(Workspace {
                    root: ancestor.to_path_buf(),
                    config: Config::load(&candidate)?,
                    found_by: FoundBy::ConfigFile,
                });
            }
        }
        let (root, found_by) = implicit_root(&folder);
        Ok(Workspace {
            root,
            config: Config::default(),
            found_by,
        })
    }

    /// A workspace rooted at `root` with the given configuration (the editor's
    /// folders, tests).
    pub fn with_config(root: PathBuf, config: Config) -> Workspace {
        Workspace {
            root,
            config,
            found_by: FoundBy::Given,
        }
    }

    /// Whether the corpus is chosen by the default folder names rather than
    /// `corpus` globs.
    pub fn corpus_by_folder_names(&self) -> bool {
        self.config.corpus.is_none()
    }

    /// `path` relative to the root with `/` separators; `None` outside it.
    pub fn relative(&self, path: &Path) -> Option<String> {
        // The common case, a walked path: the root's text, a `/` and plain
        // names. Comparing text is several times quicker than comparing
        // components, which counts for 100,000 articles.
        if let (Some(text), Some(root)) = (path.to_str(), self.root.to_str())
            && let Some(rest) = text.strip_prefix(root).and_then(|r| r.strip_prefix('/'))
            && rest.split('/').all(|name| !matches!(name, "" | "." | ".."))
        {
            return Some(rest.to_string());
        }
        self.relative_by_components(path)
    }

    fn relative_by_components(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        Some(parts.join("/"))
    }

    /// The role of a file, or `None` when backstop does not look at it.
    pub fn role_of(&self, path: &Path) -> Option<Role> {
        let rel = self.relative(path)?;
        let extension = path.extension().and_then(|e| e.to_str())?;
        let extension = extension.to_ascii_lowercase();
        if extension != "md" && extension != "txt" {
            return None;
        }
        if self
            .config
            .exclude
            .as_ref()
            .is_some_and(|g| g.is_match(&rel))
        {
            return None;
        }
        if let Some(corpus) = &self.config.corpus
            && corpus.is_match(&rel)
        {
            return Some(Role::Article);
        }
        if let Some(notes) = &self.config.notes {
            if notes.is_match(&rel) && extension == "md" {
                return Some(Role::Note);
            }
            // With explicit note globs, a Markdown file outside them and the
            // corpus is not the user's note.
            if self.config.corpus.is_some() {
                return None;
            }
        }
        if self.config.corpus.is_none() {
            // The root folder's own name counts: `backstop check seeds` treats
            // the files directly in `seeds/` as the corpus.
            let root_name = self
                .root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let folders: Vec<&str> = std::iter::once(root_name.as_str())
                .chain(
                    rel.split('/')
                        .rev()
                        .skip(1)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev(),
                )
                .collect();
            let corpus_at = folders.iter().rposition(|f| CORPUS_DIRS.contains(f));
            let notes_at = folders.iter().rposition(|f| *f == "notes");
            match (corpus_at, notes_at) {
                (Some(c), Some(n)) if n > c => {}
                (Some(_), _) => return Some(Role::Article),
                _ => {}
            }
        }
        (extension == "md" && self.config.notes.is_none()).then_some(Role::Note)
    }

    /// Every file of the workspace with its role, skipping hidden folders,
    /// `.gitignore`d files and anything without a role. Symbolic links
    /// are followed only where they stay inside the workspace: a link out
    /// of it is reported and left alone, and a link to a folder of the
    /// workspace is not walked twice.
    pub fn files(&self) -> (Vec<(PathBuf, Role)>, Vec<WalkError>) {
        let mut files = Vec::new();
        let skipped_links = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        let walker = {
            let skipped_links = skipped_links.clone();
            ignore::WalkBuilder::new(&self.root)
                .hidden(true)
                .git_ignore(true)
                .git_exclude(true)
                .require_git(false)
                .follow_links(true)
                .sort_by_file_name(|a, b| a.cmp(b))
                .filter_entry(move |entry| {
                    let Some(skipped) = unfollowed_link(&root, entry) else {
                        return true;
                    };
                    if let Ok(mut list) = skipped_links.lock() {
                        list.push(skipped);
                    }
                    false
                })
                .build()
        };
        let mut errors = Vec::new();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if !entry.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let path = entry.into_path();
                    if let Some(role) = self.role_of(&path) {
                        files.push((path, role));
                    }
                }
                Err(err) => errors.push(walk_error(&self.root, err)),
            }
        }
        if let Ok(mut skipped) = skipped_links.lock() {
            errors.append(&mut skipped);
        }
        (files, errors)
    }
}

/// Why the walk does not follow `entry`, when it is a symbolic link it
/// must not follow: one whose target lies outside the workspace (`root`,
/// canonical), or a folder of the workspace that the walk reaches anyway.
fn unfollowed_link(root: &Path, entry: &ignore::DirEntry) -> Option<WalkError> {
    if !entry.path_is_symlink() {
        return None;
    }
    let path = entry.path().to_path_buf();
    let Ok(target) = path.canonicalize() else {
        // A dangling link: the walk reports it as it reaches it.
        return None;
    };
    if !target.starts_with(root) {
        return Some(WalkError {
            message: format!(
                "symbolic link to {}, outside the workspace; not followed",
                target.display()
            ),
            path,
            link_not_followed: true,
        });
    }
    target.is_dir().then(|| WalkError {
        message: format!(
            "symbolic link to {}, a folder of the workspace; walked once, where it is",
            target.display()
        ),
        path,
        link_not_followed: true,
    })
}

/// The root of a workspace without `backstop.toml` (see `discover`).
fn implicit_root(folder: &Path) -> (PathBuf, FoundBy) {
    let shared: Vec<PathBuf> = [
        Some(PathBuf::from("/")),
        std::env::home_dir(),
        Some(std::env::temp_dir()),
    ]
    .into_iter()
    .flatten()
    .filter_map(|p| p.canonicalize().ok())
    .collect();
    let mut git_root = None;
    for ancestor in folder.ancestors() {
        if shared.iter().any(|s| s == ancestor) {
            break;
        }
        if CORPUS_DIRS.iter().any(|d| ancestor.join(d).is_dir()) {
            return (ancestor.to_path_buf(), FoundBy::CorpusFolder);
        }
        if ancestor.join(".git").exists() {
            git_root = Some(ancestor.to_path_buf());
            break;
        }
    }
    match git_root {
        Some(root) => (root, FoundBy::GitRoot),
        None => (folder.to_path_buf(), FoundBy::NamedFolder),
    }
}

fn walk_error(root: &Path, err: ignore::Error) -> WalkError {
    let mut path = root.to_path_buf();
    let mut current = &err;
    loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path = p.clone();
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err
            }
            ignore::Error::Loop { child, .. } => {
                path = child.clone();
                break;
            }
            _ => break,
        }
    }
    // A loop is a link to a folder the walk is already in.
    let is_loop = matches!(innermost(&err), ignore::Error::Loop { .. });
    let message = if is_loop {
        "symbolic link loop; not followed".to_string()
    } else {
        innermost(&err).to_string()
    };
    WalkError {
        path,
        message,
        link_not_followed: is_loop,
    }
}

fn innermost(err: &ignore::Error) -> &ignore::Error {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => innermost(err),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn relative_paths_by_text_match_those_by_components(
            root in proptest::sample::select(vec!["/w", "/w/", "/w/seeds", "/", "w", "./w"]),
            names in proptest::collection::vec(
                proptest::sample::select(vec!["", ".", "..", "w", "seeds", "a.md", "b c.txt"]),
                0..6,
            ),
            lead in proptest::sample::select(vec!["", "/", "/w", "/w/", "w/", "./w/"]),
        ) {
            let ws = workspace(root);
            let path = PathBuf::from(format!("{lead}{}", names.join("/")));
            proptest::prop_assert_eq!(ws.relative(&path), ws.relative_by_components(&path));
        }
    }

    fn workspace(root: &str) -> Workspace {
        Workspace::with_config(PathBuf::from(root), Config::default())
    }

    #[test]
    fn default_roles() {
        let ws = workspace("/w");
        assert_eq!(ws.role_of(Path::new("/w/seeds/a.txt")), Some(Role::Article));
        assert_eq!(
            ws.role_of(Path::new("/w/sources/x/a.md")),
            Some(Role::Article)
        );
        assert_eq!(
            ws.role_of(Path::new("/w/seeds/notes/n.md")),
            Some(Role::Note)
        );
        assert_eq!(ws.role_of(Path::new("/w/notes/n.md")), Some(Role::Note));
        assert_eq!(ws.role_of(Path::new("/w/readme.txt")), None);
        assert_eq!(ws.role_of(Path::new("/w/a.rs")), None);
        let seeds = workspace("/w/seeds");
        assert_eq!(
            seeds.role_of(Path::new("/w/seeds/a.txt")),
            Some(Role::Article)
        );
        assert_eq!(
            seeds.role_of(Path::new("/w/seeds/notes/n.md")),
            Some(Role::Note)
        );
    }
}
