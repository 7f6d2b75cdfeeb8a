use super::framed::{decode_pair, write_framed, write_framed_pair};
use super::link::NotesFile;
use super::passages::open_stored_index;
use super::records::{IndexFile, index_damage};
use super::*;

fn read_framed_pair<A, B>(path: &Path) -> Result<(A, B), CacheError>
where
    A: for<'de> Deserialize<'de> + Send,
    B: for<'de> Deserialize<'de> + Send,
{
    let (name, bytes) = read_payload(path)?;
    decode_pair(&name, &bytes)
}

#[test]
fn exact_lists_are_made_at_their_length() {
    let long: Vec<u64> = (0..300_000).collect();
    let bytes = postcard::to_stdvec(&long).unwrap();
    let Exact(read) = postcard::from_bytes::<Exact<u64>>(&bytes).unwrap();
    assert_eq!(read.capacity(), long.len());
    assert_eq!(read, long);
    let (Exact(empty), Exact(strings)) = postcard::from_bytes::<(Exact<u8>, Exact<String>)>(
        &postcard::to_stdvec(&(Vec::<u8>::new(), vec!["a", "b"])).unwrap(),
    )
    .unwrap();
    assert!(empty.is_empty());
    assert_eq!(strings, ["a", "b"]);
    // A length past the data: an error, not a panic.
    assert!(postcard::from_bytes::<Exact<u64>>(&[0xe8, 0x07, 1, 2]).is_err());
}

#[test]
fn framed_pairs_come_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pair.bin");
    let second: Vec<String> = (0..1000).map(|i| format!("entry {i}")).collect();
    write_framed_pair(&path, &vec![7u64; 3000], &second).unwrap();
    let (a, b): (Vec<u64>, Vec<String>) = read_framed_pair(&path).unwrap();
    assert_eq!((a, b), (vec![7u64; 3000], second));
    let good = std::fs::read(&path).unwrap();
    std::fs::write(&path, &good[..good.len() - 3]).unwrap();
    let damaged = read_framed_pair::<Vec<u64>, Vec<String>>(&path).unwrap_err();
    assert!(
        matches!(&damaged, CacheError::Truncated { file } if file == "pair.bin"),
        "{damaged:?}"
    );
    assert_eq!(damaged.to_string(), "pair.bin: truncated or corrupt");
    // Read as the wrong types: an error, not a panic.
    std::fs::write(&path, &good).unwrap();
    let wrong = read_framed_pair::<String, u8>(&path).unwrap_err();
    assert!(
        matches!(
            wrong,
            CacheError::Decode { .. } | CacheError::Undecoded { .. }
        ),
        "{wrong:?}"
    );
    // A whole file whose split point lies past its payload, or that is too
    // short to hold one.
    write_framed(&path, &[0xffu8; 8]).unwrap();
    let past = read_framed_pair::<u8, u8>(&path).unwrap_err();
    assert!(matches!(past, CacheError::Truncated { .. }), "{past:?}");
    write_framed(&path, &0u8).unwrap();
    let short = read_framed_pair::<u8, u8>(&path).unwrap_err();
    assert!(matches!(short, CacheError::Truncated { .. }), "{short:?}");
}

/// Each way a framed file can be unfit gives its own error, which names
/// the file and says what is wrong with it.
#[test]
fn framed_files_reject_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.bin");
    let read = || read_framed::<Vec<u32>>(&path).unwrap_err();
    let missing = read();
    assert!(
        matches!(&missing, CacheError::Io { path: p, source }
            if p == &path && source.kind() == std::io::ErrorKind::NotFound),
        "{missing:?}"
    );
    assert!(
        missing
            .to_string()
            .starts_with(&format!("{}: ", path.display()))
    );

    write_framed(&path, &vec![1u32, 2, 3]).unwrap();
    assert_eq!(read_framed::<Vec<u32>>(&path).unwrap(), vec![1, 2, 3]);
    let good = std::fs::read(&path).unwrap();
    let damaged = |bytes: &[u8]| {
        std::fs::write(&path, bytes).unwrap();
        read()
    };

    let truncated = damaged(&good[..good.len() - 1]);
    assert!(
        matches!(truncated, CacheError::Truncated { .. }),
        "{truncated:?}"
    );
    assert_eq!(truncated.to_string(), "x.bin: truncated or corrupt");

    let mut flipped = good.clone();
    *flipped.last_mut().unwrap() ^= 1;
    let flipped = damaged(&flipped);
    assert!(
        matches!(flipped, CacheError::Checksum { .. }),
        "{flipped:?}"
    );
    assert_eq!(flipped.to_string(), "x.bin: truncated or corrupt");

    let mut other = good.clone();
    other[8] = 99;
    let other = damaged(&other);
    assert!(
        matches!(other, CacheError::FormatVersion { found: 99, .. }),
        "{other:?}"
    );
    assert_eq!(
        other.to_string(),
        format!("x.bin: cache format 99, expected {FORMAT_VERSION}")
    );

    // Same format, rules of another build: its results are not this
    // build's to reuse.
    let mut other_build = good.clone();
    other_build[12] ^= 1;
    let other_build = damaged(&other_build);
    assert!(
        matches!(other_build, CacheError::OtherBuild { .. }),
        "{other_build:?}"
    );
    assert_eq!(
        other_build.to_string(),
        "x.bin: written by another build of backstop"
    );

    for foreign in [&b"garbage"[..], &[b'X'; 64]] {
        let foreign = damaged(foreign);
        assert!(
            matches!(foreign, CacheError::NotCacheFile { .. }),
            "{foreign:?}"
        );
        assert_eq!(foreign.to_string(), "x.bin: not a backstop cache file");
    }

    // Whole files written as other types: too few bytes for the type asked
    // for, or bytes to spare.
    write_framed(&path, &vec![1u32, 2, 3]).unwrap();
    let short = read_framed::<(u32, u32, u32, u32, u32)>(&path).unwrap_err();
    assert!(
        matches!(&short, CacheError::Decode { file, .. } if file == "x.bin"),
        "{short:?}"
    );
    let spare = read_framed::<u8>(&path).unwrap_err();
    assert!(
        matches!(spare, CacheError::Undecoded { left: 3, .. }),
        "{spare:?}"
    );
    assert_eq!(spare.to_string(), "x.bin: 3 bytes left undecoded");
}

/// A manifest is used only by the version of backstop and for the
/// workspace that wrote it.
#[test]
fn manifests_of_another_backstop_or_workspace_are_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("backstop.toml"), "").unwrap();
    let workspace = Workspace::discover(&root).unwrap();
    let cache = Cache::at(dir.path().join("cache"));
    let entry = cache.entry_dir(&workspace.root);
    std::fs::create_dir_all(&entry).unwrap();
    let write = |backstop: &str, root: &str| {
        let manifest = Manifest {
            backstop: backstop.into(),
            root: root.into(),
            generation: 1,
            checked_on: Date::constant(2026, 1, 1),
            articles: Vec::<ArticleRecord>::new(),
            index_files: Vec::new(),
        };
        write_framed(&entry.join("manifest.bin"), &manifest).unwrap();
    };
    let this_root = workspace.root.to_string_lossy().into_owned();

    write("0.0.0-other", &this_root);
    let other = cache.stored(&workspace).unwrap_err();
    assert!(
        matches!(&other, CacheError::OtherBackstop(v) if v == "0.0.0-other"),
        "{other:?}"
    );
    assert_eq!(other.to_string(), "written by backstop 0.0.0-other");

    write(env!("CARGO_PKG_VERSION"), "/elsewhere");
    let other = cache.stored(&workspace).unwrap_err();
    assert!(matches!(other, CacheError::OtherWorkspace), "{other:?}");

    write(env!("CARGO_PKG_VERSION"), &this_root);
    let manifest = cache.stored(&workspace).unwrap();
    assert_eq!(manifest.generation, 1);
}

/// The people index file is looked for in the entry: none there, or no
/// entry at all, are told apart.
#[test]
fn a_missing_people_index_is_its_own_error() {
    let dir = tempfile::tempdir().unwrap();
    let none = link::any_people_file(dir.path()).unwrap_err();
    assert!(matches!(none, CacheError::NoPeopleIndex), "{none:?}");
    let gone = dir.path().join("gone");
    let unlisted = link::any_people_file(&gone).unwrap_err();
    assert!(
        matches!(&unlisted, CacheError::Io { path, .. } if path == &gone),
        "{unlisted:?}"
    );
}

/// Passage index files unlike those the manifest recorded are damage, one
/// variant for each way; an index the library cannot open is not.
#[test]
fn index_damage_is_told_by_kind() {
    let file = |name: &str, len: u64| IndexFile {
        name: name.into(),
        stamp: FileStamp {
            len,
            modified: (0, 0),
            changed: (0, 0),
            inode: 1,
        },
    };
    let recorded = [file("a.store", 10), file("meta.json", 2)];
    assert_eq!(index_damage(&recorded, &recorded), None);
    assert_eq!(
        index_damage(&recorded, &recorded[1..]),
        Some(IndexDamage::Missing("a.store".into()))
    );
    assert_eq!(
        index_damage(&recorded, &[file("a.store", 11), file("meta.json", 2)]),
        Some(IndexDamage::Changed("a.store".into()))
    );
    let extra = [recorded[0].clone(), file("b.idx", 5), recorded[1].clone()];
    let foreign = index_damage(&recorded, &extra).unwrap();
    assert_eq!(foreign, IndexDamage::Foreign("b.idx".into()));
    assert_eq!(
        CacheError::from(foreign).to_string(),
        "index file b.idx was not written by backstop"
    );

    let dir = tempfile::tempdir().unwrap();
    let manifest = Manifest {
        backstop: env!("CARGO_PKG_VERSION").into(),
        root: "/w".into(),
        generation: 1,
        checked_on: Date::constant(2026, 1, 1),
        articles: Exact(Vec::new()),
        index_files: vec![file("meta.json", 2)],
    };
    let damaged = open_stored_index(dir.path(), &manifest)
        .map(drop)
        .unwrap_err();
    assert!(
        matches!(&damaged, CacheError::IndexDamaged(IndexDamage::Missing(name)) if name == "meta.json"),
        "{damaged:?}"
    );
    let empty = Manifest {
        index_files: Vec::new(),
        ..manifest
    };
    let unreadable = open_stored_index(dir.path(), &empty).map(drop).unwrap_err();
    assert!(
        matches!(unreadable, CacheError::IndexUnreadable(_)),
        "{unreadable:?}"
    );
}

/// What the cache stores for a small workspace, as canonical JSON, by
/// hash. A change in what is stored, in shape (a field added, renamed
/// or retyped) or in meaning (how people, quotes or records are worked
/// out), changes it. postcard does not describe its types, so an old
/// file read as new types may decode into wrong values instead of
/// failing: such a change must come with a new `FORMAT_VERSION`, and
/// this pair is updated with it.
#[test]
fn stored_data_changes_only_with_the_format_version() {
    let texts = [
        (
            "sources/a.md",
            "---\nid: a\ntitle: Port deal\ndate: 2024-03-02\nsource: AFP\n---\n\
             Oslo (AFP) - Prime Minister Anna Moreau announced a port deal worth \
             300 million on March 2.\n\n\"We will deliver the port in round 7 before \
             the winter,\" Moreau said.\n",
        ),
        (
            "sources/b.md",
            "---\nid: b\ntitle: Port deal doubts\ndate: 2024-13-40\n---\n\
             # Novak: 'Costs will run over budget'\n\n\
             Finance Minister Boris Novak said: \"The port will cost more than \
             planned.\" Moreau disagreed.\n",
        ),
    ];
    let articles: Vec<crate::article::Article> = texts
        .iter()
        .map(|(rel, text)| {
            crate::article::Article::parse(
                PathBuf::from(format!("/w/{rel}")),
                rel.to_string(),
                text.to_string(),
            )
        })
        .collect();
    let today = Date::constant(2026, 1, 1);
    let stamp = FileStamp {
        len: 1,
        modified: (2, 3),
        changed: (4, 5),
        inode: 6,
    };
    let records: Vec<ArticleRecord> = articles
        .iter()
        .map(|a| crate::analysis::record_of(a, Some(stamp), today))
        .collect();
    assert!(!records[1].diagnostics.is_empty());
    let corpus = Corpus::new(articles);
    let people = PeopleIndex::build(&corpus, &[]);
    assert!(!people.quotes.is_empty() && !people.persons.is_empty());
    let (persons, parts) = people.parts();
    let notes = NotesFile {
        context: [7; 32],
        notes: vec![NoteRecord {
            rel_path: "notes/n.md".into(),
            hash: [8; 32],
            diagnostics: records[1].diagnostics.clone(),
        }],
        claims: vec![crate::claims::ClaimFindings {
            key: [9; 16],
            start: 12,
            diagnostics: records[1].diagnostics.clone(),
        }],
        suggestions: Suggestions {
            keys: corpus.keys_fingerprint(),
            found: vec![("a-x".into(), vec!["a".into()]), ("zz".into(), vec![])],
        },
    };
    let manifest = Manifest {
        backstop: "test".into(),
        root: "/w".into(),
        generation: 9,
        checked_on: today,
        articles: records,
        index_files: vec![IndexFile {
            name: "meta.json".into(),
            stamp,
        }],
    };
    // Canonical: `to_value` sorts map keys, which a HashMap's order
    // would not be.
    let stored = serde_json::json!([
        serde_json::to_value(&manifest).unwrap(),
        serde_json::to_value(&persons).unwrap(),
        serde_json::to_value(&parts).unwrap(),
        serde_json::to_value(&notes).unwrap(),
    ]);
    let hash = blake3::hash(stored.to_string().as_bytes())
        .to_hex()
        .to_string();
    assert_eq!(
        (FORMAT_VERSION, hash.as_str()),
        (
            34,
            "3771aa12db6f360c0c7f9545d12f173baf4bfe7282f7148b1a5468563d4195c9"
        ),
        "what the cache stores changed: bump FORMAT_VERSION and put the new pair here"
    );
}
