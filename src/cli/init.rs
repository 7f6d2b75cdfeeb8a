//! `backstop init [PATH]`: write a commented `backstop.toml` that states
//! what backstop finds there without one (which files are articles, which
//! are notes), so that the roles stay put as the folder grows. Refuses to
//! overwrite an existing file.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::config::{Config, FILE_NAME};
use crate::workspace::{Role, Workspace};

#[derive(Args)]
pub struct InitArgs {
    /// The folder to write backstop.toml into (default: the current folder).
    path: Option<PathBuf>,
}

pub fn run(args: InitArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let folder = args.path.unwrap_or_else(|| PathBuf::from("."));
    let target = folder.join(FILE_NAME);
    if target.exists() {
        super::print_error(
            err,
            &format!(
                "{}: already exists; not overwritten (edit it, or remove it first)",
                target.display()
            ),
        );
        return super::EXIT_ERROR;
    }
    let root = match folder.canonicalize() {
        Ok(root) if root.is_dir() => root,
        _ => {
            super::print_error(err, &format!("{}: not a folder", folder.display()));
            return super::EXIT_ERROR;
        }
    };
    let workspace = Workspace::with_config(root.clone(), Config::default());
    let (files, _) = workspace.files();
    let text = config_text(&root, &files);
    // `create_new`: a file that appeared since the check above is not
    // overwritten either.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .and_then(|mut file| file.write_all(text.as_bytes()));
    if let Err(write_error) = written {
        super::print_error(
            err,
            &format!("{}: cannot write: {write_error}", target.display()),
        );
        return super::EXIT_ERROR;
    }
    let articles = files.iter().filter(|(_, r)| *r == Role::Article).count();
    let notes = files.len() - articles;
    let _ = writeln!(
        out,
        "Wrote {} ({articles} article{}, {notes} note{}).",
        target.display(),
        if articles == 1 { "" } else { "s" },
        if notes == 1 { "" } else { "s" },
    );
    0
}

/// The globs of the files of one role: `TOP/**/*.EXT` for a file below the
/// top folder `TOP`, `*.EXT` for a file at the root. (A glob's `*` also
/// matches `/`, so they may reach files of the other role: `config_text`
/// checks.)
fn globs_for(root: &Path, files: &[(PathBuf, Role)], role: Role) -> Vec<String> {
    let mut globs = BTreeSet::new();
    for (path, _) in files.iter().filter(|(_, r)| *r == role) {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let extension = relative
            .extension()
            .map_or(String::new(), |e| e.to_string_lossy().into_owned());
        let mut parts = relative.components();
        let top = parts.next().map(|c| c.as_os_str().to_string_lossy());
        globs.insert(match (top, parts.next()) {
            (Some(top), Some(_)) => format!("{top}/**/*.{extension}"),
            _ => format!("*.{extension}"),
        });
    }
    globs.into_iter().collect()
}

fn list(globs: &[String]) -> String {
    let quoted: Vec<String> = globs.iter().map(|g| format!("{g:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

/// The text of `backstop.toml`. A key whose globs would give some file
/// another role than it has now is left commented out: the folder names
/// already give the roles, which globs cannot state exactly there.
fn config_text(root: &Path, files: &[(PathBuf, Role)]) -> String {
    let mut corpus = globs_for(root, files, Role::Article);
    let mut notes = globs_for(root, files, Role::Note);
    let keeps_roles = |corpus: &[String], notes: &[String]| {
        let text = format!("corpus = {}\nnotes = {}\n", list(corpus), list(notes));
        Config::parse(&text, Path::new(FILE_NAME)).is_ok_and(|config| {
            let workspace = Workspace::with_config(root.to_path_buf(), config);
            files
                .iter()
                .all(|(path, role)| workspace.role_of(path) == Some(*role))
        })
    };
    let mut unexpressed = Vec::new();
    if !keeps_roles(&corpus, &notes) {
        unexpressed.push(("notes", std::mem::take(&mut notes)));
        if !keeps_roles(&corpus, &notes) {
            unexpressed.push(("corpus", std::mem::take(&mut corpus)));
        }
    }
    let count = |role: Role| files.iter().filter(|(_, r)| *r == role).count();
    let mut text = String::from(
        "# backstop.toml: which files are articles (the corpus) and which are\n\
         # notes, and how loud each rule is. Written by `backstop init` from the\n\
         # files found; globs are relative to this folder.\n\n",
    );
    for (key, globs, role, what) in [
        ("corpus", &corpus, Role::Article, "articles"),
        ("notes", &notes, Role::Note, "notes"),
    ] {
        text.push_str(&format!("# {} {what} found.\n", count(role)));
        if let Some((_, wanted)) = unexpressed.iter().find(|(k, _)| *k == key) {
            text.push_str(&format!(
                "# These globs would change some files' roles, so the folder names decide:\n# {key} = {}\n\n",
                list(wanted)
            ));
        } else if globs.is_empty() {
            text.push_str(&format!("# {key} = [\"{key}/**/*.md\"]\n\n"));
        } else {
            text.push_str(&format!("{key} = {}\n\n", list(globs)));
        }
    }
    text.push_str(
        "# Files neither checked nor used as sources.\n# exclude = [\"drafts/**\"]\n\n\
         # Per-rule severity: off | hint | info | warning | error\n\
         # (`backstop explain` lists the rules).\n\
         [rules]\n# uncited-claim = \"hint\"\n# unsupported-claim = \"warning\"\n\n\
         # Rules to silence in some files, without editing them.\n\
         [per-file-ignores]\n# \"sources/scraped/**\" = [\"boilerplate\"]\n\n\
         # People the corpus names, with aliases and roles.\n\
         [people]\n\
         # \"Volodymyr Zelensky\" = { aliases = [\"Zelenskiy\"], role = \"President of Ukraine\" }\n",
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles_kept(root: &Path, files: &[(PathBuf, Role)]) -> String {
        let text = config_text(root, files);
        let config = Config::parse(&text, Path::new(FILE_NAME)).unwrap();
        let workspace = Workspace::with_config(root.to_path_buf(), config);
        for (path, role) in files {
            assert_eq!(workspace.role_of(path), Some(*role), "{}", path.display());
        }
        text
    }

    #[test]
    fn globs_keep_every_role() {
        let root = Path::new("/w");
        let files = vec![
            (PathBuf::from("/w/seeds/a.txt"), Role::Article),
            (PathBuf::from("/w/seeds/notes/n.md"), Role::Note),
            (PathBuf::from("/w/sources/2025/b.md"), Role::Article),
            (PathBuf::from("/w/README.md"), Role::Note),
        ];
        let text = roles_kept(root, &files);
        assert!(
            text.contains("corpus = [\"seeds/**/*.txt\", \"sources/**/*.md\"]"),
            "{text}"
        );
        assert!(
            text.contains("notes = [\"*.md\", \"seeds/**/*.md\"]"),
            "{text}"
        );
    }

    #[test]
    fn globs_that_would_move_a_note_into_the_corpus_stay_comments() {
        let root = Path::new("/w");
        let files = vec![
            (PathBuf::from("/w/seeds/a.md"), Role::Article),
            (PathBuf::from("/w/seeds/notes/n.md"), Role::Note),
        ];
        let text = roles_kept(root, &files);
        assert!(text.contains("# corpus = [\"seeds/**/*.md\"]"), "{text}");
    }
}
