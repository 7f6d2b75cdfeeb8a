//! Fingerprints the sources backstop is built from, for the cache: every
//! cache file records the build that wrote it, and another build's file is
//! rebuilt rather than read. The crate's version alone would let a build
//! with changed rules or word lists reuse results the old rules computed.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    files.extend(["Cargo.toml", "Cargo.lock"].map(PathBuf::from));
    let mut hasher = DefaultHasher::new();
    for file in &files {
        file.hash(&mut hasher);
        // A file missing (Cargo.lock outside the repository) hashes as empty.
        std::fs::read(file).unwrap_or_default().hash(&mut hasher);
    }
    println!(
        "cargo:rustc-env=BACKSTOP_SOURCE_FINGERPRINT={:016x}",
        hasher.finish()
    );
    for watched in ["src", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={watched}");
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
