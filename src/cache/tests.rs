use super::framed::{decode_pair, write_framed, write_framed_pair};
use super::link::NotesFile;
use super::records::IndexFile;
use super::*;

fn read_framed_pair<A, B>(path: &Path) -> Result<(A, B), String>
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
    assert!(damaged.contains("corrupt"), "{damaged}");
    // Read as the wrong types: an error, not a panic.
    std::fs::write(&path, &good).unwrap();
    assert!(read_framed_pair::<String, u8>(&path).is_err());
}

#[test]
fn framed_files_reject_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.bin");
    write_framed(&path, &vec![1u32, 2, 3]).unwrap();
    assert_eq!(read_framed::<Vec<u32>>(&path).unwrap(), vec![1, 2, 3]);
    let good = std::fs::read(&path).unwrap();
    std::fs::write(&path, &good[..good.len() - 1]).unwrap();
    assert!(
        read_framed::<Vec<u32>>(&path)
            .unwrap_err()
            .contains("corrupt")
    );
    let mut flipped = good.clone();
    *flipped.last_mut().unwrap() ^= 1;
    std::fs::write(&path, &flipped).unwrap();
    assert!(
        read_framed::<Vec<u32>>(&path)
            .unwrap_err()
            .contains("corrupt")
    );
    let mut other = good.clone();
    other[8] = 99;
    std::fs::write(&path, &other).unwrap();
    assert!(
        read_framed::<Vec<u32>>(&path)
            .unwrap_err()
            .contains("format 99")
    );
    std::fs::write(&path, b"garbage").unwrap();
    assert!(
        read_framed::<Vec<u32>>(&path)
            .unwrap_err()
            .contains("not a backstop")
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
            found: vec![("a-x".into(), Some("a".into())), ("zz".into(), None)],
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
            14,
            "868c519d8ad5b3a1e6ca7a51822e45d19c43cadfc93649950ca1dcc0c8bebb50"
        ),
        "what the cache stores changed: bump FORMAT_VERSION and put the new pair here"
    );
}
