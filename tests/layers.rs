//! The engine's layers import one way only: a module may use modules of
//! lower layers, never of a higher one, and within a layer only the pairs
//! listed. ARCHITECTURE.md draws the same table; a new top-level module
//! must be given a layer here before the test passes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Bottom to top. The front ends sit on everything; nothing sits on them.
const LAYERS: &[&[&str]] = &[
    &["lexicon"],
    &["text", "severity", "dates", "quantities"],
    &["rules"],
    &["diagnostic"],
    &["files", "config", "suppression"],
    &["workspace"],
    &["article", "note"],
    &["corpus"],
    &["retrieval", "people"],
    &["claims"],
    &["analysis", "cache"],
    &["navigation", "registry"],
    &["cli", "lsp"],
];

/// Imports allowed within one layer: (from, to).
const SAME_LAYER: &[(&str, &str)] = &[
    // Sentences of an article are split as a note's are.
    ("article", "note"),
    // The cache is the analysis's storage; it knows nothing of the analysis.
    ("analysis", "cache"),
    // `backstop lsp` is a command of the command line.
    ("cli", "lsp"),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// The code of a file without its unit tests, which may reach any layer.
fn production_code(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// Every `crate::NAME` a text names, outside comments.
fn crate_modules(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
            rest = after;
        }
    }
    found
}

#[test]
fn lower_layers_never_import_higher_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(from) = layer_of(&module) else {
            problems.push(format!(
                "{}: module `{module}` has no layer",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("source is UTF-8");
        for used in crate_modules(production_code(&text)) {
            if used == module {
                continue;
            }
            let Some(to) = layer_of(&used) else {
                problems.push(format!("{}: `crate::{used}` has no layer", file.display()));
                continue;
            };
            let allowed = to < from || (to == from && SAME_LAYER.contains(&(&*module, &*used)));
            if !allowed {
                problems.push(format!(
                    "{}: `{module}` (layer {from}) imports `{used}` (layer {to})",
                    file.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scanner_sees_imports() {
    let code = "use crate::corpus::Corpus;\nlet x = crate::text::words(y); // crate::lsp\n";
    let found: Vec<String> = crate_modules(code).into_iter().collect();
    assert_eq!(found, ["corpus", "text"]);
    assert_eq!(layer_of("cli"), Some(LAYERS.len() - 1));
    assert_eq!(layer_of("nowhere"), None);
}
