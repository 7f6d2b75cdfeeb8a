//! The persistent cache: a second run reuses it, a changed, added or deleted
//! article updates only its own entries, and a damaged, foreign or
//! half-written cache is rebuilt. Results never depend on it.

mod support;

use std::path::{Path, PathBuf};

use support::{cache_entry, run, stored_people, write};

const ARTICLES: usize = 200;
const NAMES: [&str; 8] = [
    "Anna Moreau",
    "Boris Novak",
    "Carla Rossi",
    "David Keller",
    "Elena Varga",
    "Farid Okafor",
    "Greta Lambert",
    "Hassan Torres",
];

fn article(i: usize) -> String {
    let speaker = NAMES[i % NAMES.len()];
    let surname = speaker.split(' ').nth(1).unwrap();
    format!(
        "---\nid: a{i:03}\ntitle: Plan {i}\ndate: 2024-03-{day:02}\nsource: AFP\n---\n\
         Oslo (AFP) - Minister {speaker} announced a plan worth {amount} units on March {day}.\n\n\
         \"We will deliver the rail link in round {i} before the winter,\" {surname} said.\n\n\
         Officials said talks on the rail link would resume after the summer.\n",
        day = i % 27 + 1,
        amount = (i + 2) * 1000,
    )
}

/// A workspace of `ARTICLES` articles and a note with clean and faulty
/// claims, and a cache directory of its own.
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    for i in 0..ARTICLES {
        write(&root, &format!("sources/a{i:03}.md"), article(i).as_bytes());
    }
    let mut note = String::from("# Notes\n\n");
    for i in (0..ARTICLES).step_by(20) {
        let surname = NAMES[i % NAMES.len()].split(' ').nth(1).unwrap();
        note.push_str(&format!(
            "- {surname} said \"We will deliver the rail link in round {i} before the winter\" [@a{i:03}].\n\
             - {surname} said \"We will deliver a rail link in round {i} before the winter\" [@a{i:03}].\n\
             - The plan is worth {} units [@a{i:03}].\n",
            (i + 3) * 1000
        ));
    }
    write(&root, "notes/claims.md", note.as_bytes());
    let cache = dir.path().join("cache");
    (dir, cache)
}

/// `check --format json --stats` with `cache`: the diagnostics and the
/// cache's account of the run.
fn check(root: &Path, cache: &Path, extra: &[&str]) -> (serde_json::Value, serde_json::Value) {
    let mut cmd = support::backstop(root);
    cmd.env("BACKSTOP_CACHE_DIR", cache).args([
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--stats",
    ]);
    cmd.args(extra);
    let output = cmd.output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let stats = stderr
        .lines()
        .find_map(|l| l.strip_prefix("backstop: stats: "))
        .unwrap_or_else(|| panic!("no stats in {stderr}"));
    let stats: serde_json::Value = serde_json::from_str(stats).unwrap();
    (
        serde_json::from_str(&stdout).unwrap(),
        stats["cache"].clone(),
    )
}

/// What `backstop ARGS` prints on standard output with `cache`.
fn stdout(root: &Path, cache: &Path, args: &[&str]) -> String {
    let mut cmd = support::backstop(root);
    cmd.env("BACKSTOP_CACHE_DIR", cache).args(args);
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

fn uncached(root: &Path, cache: &Path) -> serde_json::Value {
    let (json, stats) = check(root, cache, &["--no-cache"]);
    assert_eq!(stats["status"], "off");
    json
}

#[test]
fn second_run_reuses_the_cache_with_the_same_results() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    let (cold, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "cold");
    assert_eq!(stats["indexed"], ARTICLES);
    let codes: Vec<&str> = cold
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"misquote"), "{codes:?}");
    assert!(codes.contains(&"number-mismatch"), "{codes:?}");
    let (warm, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "warm");
    assert_eq!(stats["indexed"], 0);
    // Nothing read: every article is known by its file stamp, and the
    // note's results by its text.
    assert_eq!(stats["read"], 0, "{stats}");
    assert_eq!(stats["notes_reused"], 1, "{stats}");
    assert_eq!(stats["people_rebuilt"], false);
    assert_eq!(warm, cold);
    assert_eq!(uncached(&root, &cache), cold);

    // A touched article is read again; its text is the same, so nothing
    // else changes.
    let path = root.join("sources/a007.md");
    let text = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, text).unwrap();
    let (touched, stats) = check(&root, &cache, &[]);
    assert_eq!(
        (stats["status"].as_str(), stats["read"].as_u64()),
        (Some("warm"), Some(1)),
        "{stats}"
    );
    assert_eq!(touched, cold);

    // An edited note is checked again, the others are not re-read.
    let note = root.join("notes/claims.md");
    let mut text = std::fs::read_to_string(&note).unwrap();
    let claims = backstop::note::Note::parse(&text).claims.len();
    text.push_str("- Carla Rossi said \"We will deliver a tram\" [@a002].\n");
    std::fs::write(&note, text).unwrap();
    let (edited, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["notes_reused"], 0, "{stats}");
    assert_eq!(stats["read"], 0, "{stats}");
    // Its other claims' findings are those the cache keeps.
    assert_eq!(stats["claims_reused"], claims, "{stats}");
    assert_eq!(edited, uncached(&root, &cache));
    // A claim edited in place is checked again, the others are not.
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(
        &note,
        text.replace("in round 20 before", "in round 21 before"),
    )
    .unwrap();
    let (edited, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["claims_reused"], claims + 1 - 2, "{stats}");
    assert_eq!(edited, uncached(&root, &cache));
}

/// Single-article diagnostics depend on the day through the future-date
/// rule: records made on one day are not trusted blindly on another.
#[test]
fn records_follow_the_day() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    let on = |day: &str| {
        let mut cmd = support::backstop(&root);
        cmd.env("BACKSTOP_CACHE_DIR", &cache)
            .env("BACKSTOP_TODAY", day)
            .args(["check", "--format", "json", "--fail-on", "never"]);
        let output = cmd.output().unwrap();
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let future = |json: &serde_json::Value| {
        support::codes(json)
            .iter()
            .filter(|c| *c == "future-date")
            .count()
    };
    // The fixture's dates run from 2024-03-01 to 2024-03-27.
    let early = on("2024-03-10");
    assert!(future(&early) > 0);
    let later = on("2025-01-01");
    assert_eq!(future(&later), 0);
    let again = on("2024-03-10");
    assert_eq!(again, early);
    let mut uncached = support::backstop(&root);
    uncached.env("BACKSTOP_TODAY", "2024-03-10").args([
        "check",
        "--no-cache",
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let output = uncached.output().unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap(),
        early
    );
}

#[test]
fn changed_added_and_deleted_articles_update_only_themselves() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    check(&root, &cache, &[]);
    // The note's first claim now misquotes its source.
    let changed = article(0).replace("deliver the rail link", "deliver the new rail link");
    write(&root, "sources/a000.md", changed.as_bytes());
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "updated");
    assert_eq!(
        (stats["indexed"].as_u64(), stats["removed"].as_u64()),
        (Some(1), Some(1))
    );
    // The same people: their index is updated for that article alone, and
    // not stored for one article in 200.
    assert_eq!(
        (&stats["people_updated"], &stats["people_rebuilt"]),
        (&true.into(), &false.into()),
        "{stats}"
    );
    assert_eq!(stats["people_stored"], false, "{stats}");
    assert_eq!(json, uncached(&root, &cache));

    std::fs::remove_file(root.join("sources/a020.md")).unwrap();
    write(&root, "sources/extra.md", article(500).as_bytes());
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "updated");
    assert_eq!(
        (stats["indexed"].as_u64(), stats["removed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(stats["articles"], ARTICLES);
    assert_eq!(stats["people_updated"], true, "{stats}");
    let codes = support::codes(&json);
    assert!(codes.contains(&"unknown-source".to_string()), "{codes:?}");
    assert_eq!(json, uncached(&root, &cache));

    // Nothing changed since: the note results are reused, and the people
    // index (updated but not stored) is not needed.
    let (again, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "warm");
    assert_eq!(
        (&stats["people_updated"], &stats["people_rebuilt"]),
        (&false.into(), &false.into()),
        "{stats}"
    );
    assert_eq!(again, json);

    // Three articles more changed since the stored index (five in all,
    // more than one in a hundred): the updated index is stored.
    for i in [40, 60, 80] {
        let changed = article(i).replace("deliver the rail link", "deliver the old rail link");
        write(&root, &format!("sources/a{i:03}.md"), changed.as_bytes());
    }
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(
        (&stats["people_updated"], &stats["people_stored"]),
        (&true.into(), &true.into()),
        "{stats}"
    );
    assert_eq!(json, uncached(&root, &cache));
    std::fs::remove_file(cache_entry(&cache).join("notes.bin")).unwrap();
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "warm");
    assert_eq!(
        (&stats["people_updated"], &stats["people_rebuilt"]),
        (&false.into(), &false.into()),
        "{stats}"
    );
    assert_eq!(json, uncached(&root, &cache));
}

#[test]
fn damaged_foreign_or_half_written_caches_are_rebuilt() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    let (expected, _) = check(&root, &cache, &[]);
    let entry = cache_entry(&cache);
    let manifest = entry.join("manifest.bin");
    let people = stored_people(&entry)
        .into_iter()
        .next()
        .expect("a stored people index");

    // Truncated manifest.
    let bytes = std::fs::read(&manifest).unwrap();
    std::fs::write(&manifest, &bytes[..bytes.len() / 2]).unwrap();
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "cold", "{stats}");
    assert!(
        stats["reason"].as_str().unwrap().contains("corrupt"),
        "{stats}"
    );
    assert_eq!(json, expected);

    // Empty manifest, as a full disk leaves it.
    std::fs::write(&manifest, b"").unwrap();
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "cold", "{stats}");
    assert!(
        stats["reason"]
            .as_str()
            .unwrap()
            .contains("not a backstop cache file"),
        "{stats}"
    );
    assert_eq!(json, expected);

    // Garbage people index: the rest is reused, people are rebuilt when a
    // note is checked again.
    std::fs::write(
        &people,
        b"not a cache file at all, just garbage bytes here...",
    )
    .unwrap();
    std::fs::remove_file(entry.join("notes.bin")).unwrap();
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["people_rebuilt"], true, "{stats}");
    assert_eq!(stats["notes_reused"], 0, "{stats}");
    assert_eq!(stats["indexed"], 0, "{stats}");
    assert_eq!(json, expected);

    // Another format version.
    let mut bytes = std::fs::read(&manifest).unwrap();
    bytes[8..12].copy_from_slice(&999u32.to_le_bytes());
    std::fs::write(&manifest, &bytes).unwrap();
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "cold", "{stats}");
    assert!(
        stats["reason"].as_str().unwrap().contains("format 999"),
        "{stats}"
    );
    assert_eq!(json, expected);

    // A run killed while it changed the entry leaves no manifest.
    std::fs::remove_file(&manifest).unwrap();
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "cold", "{stats}");
    assert_eq!(json, expected);

    // A tantivy index whose last commit is not the manifest's.
    let (_, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "warm");
    std::fs::remove_dir_all(entry.join("index")).unwrap();
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "cold", "{stats}");
    assert_eq!(json, expected);
}

#[test]
fn a_locked_entry_is_left_alone() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    let (expected, _) = check(&root, &cache, &[]);
    let lock = std::fs::File::create(cache_entry(&cache).join("lock")).unwrap();
    lock.lock().unwrap();
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "busy");
    assert_eq!(json, expected);
    drop(lock);
    let out = run(&root, &["check", "--no-cache", "--fail-on", "never"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// Articles the cache answers for without reading them must be placed and
/// shown exactly as when read: CRLF line breaks, non-ASCII text before a
/// diagnostic, residue far down the file, and suppression comments.
#[test]
fn unread_articles_report_like_read_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    let cache = dir.path().join("cache");
    write(
        &root,
        "sources/crlf.md",
        "---\r\nid: crlf\r\ntitle: Zürich — “rail” plan\r\ndate: 2024-03-01\r\n---\r\n\
         ZÜRICH (AFP) — Ministerin Élise Roux said the plan would cost 12 million francs.\r\n\r\n\
         Officials said talks would resume in the summer and go on until the winter.\r\n\r\n\
         Show More\r\n\r\n2 min read\r\n"
            .as_bytes(),
    );
    write(
        &root,
        "sources/quiet.md",
        "---\nid: quiet\ndate: 2024-03-02\n---\n\
         Oslo (AFP) - Minister Anna Moreau announced a plan worth 5000 units on March 2.\n\n\
         <!-- backstop-ignore boilerplate -->\nNews Feed\n"
            .as_bytes(),
    );
    write(
        &root,
        "notes/n.md",
        b"# Notes\n\n- The plan would cost 12 million francs [@crlf].\n",
    );
    let (cold, _) = check(&root, &cache, &[]);
    let (warm, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["read"], 0, "{stats}");
    assert_eq!(warm, cold);
    assert_eq!(uncached(&root, &cache), cold);
    let codes = support::codes(&cold);
    assert!(codes.iter().any(|c| c == "boilerplate"), "{codes:?}");
    assert!(codes.iter().any(|c| c == "missing-source"), "{codes:?}");
    // The suppressed residue of quiet.md stays suppressed.
    let in_quiet: Vec<&serde_json::Value> = cold
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == "sources/quiet.md")
        .collect();
    assert!(!in_quiet.is_empty(), "{cold}");
    assert!(
        in_quiet.iter().all(|d| d["code"] != "boilerplate"),
        "{cold}"
    );
    // Human output shows the same source lines either way.
    let shown = stdout(&root, &cache, &["check", "--fail-on", "never"]);
    assert!(shown.contains("Show More"), "{shown}");
    assert_eq!(
        shown,
        stdout(
            &root,
            &cache,
            &["check", "--fail-on", "never", "--no-cache"]
        )
    );
}

/// Entries an older format left are removed when a new one is built; other
/// folders in the cache directory are not touched.
#[test]
fn entries_of_older_formats_are_removed() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    let old_entry = cache.join("v1").join("0123456789abcdef01234567");
    std::fs::create_dir_all(&old_entry).unwrap();
    std::fs::write(old_entry.join("manifest.bin"), b"old").unwrap();
    let foreign = cache.join("v0").join("not-an-entry");
    std::fs::create_dir_all(&foreign).unwrap();
    let (_, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["status"], "cold");
    assert!(!cache.join("v1").exists(), "the v1 entry is gone");
    assert!(foreign.exists(), "a folder backstop did not make stays");
}

/// A change that introduces a person changes how every article's names
/// resolve: the people index is rebuilt, with the same results as without
/// a cache.
#[test]
fn a_new_person_rebuilds_the_people_index() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    check(&root, &cache, &[]);
    let changed = article(0).replace(
        "Officials said",
        "Minister Ingrid Halvorsen said she agreed. Officials said",
    );
    write(&root, "sources/a000.md", changed.as_bytes());
    let (json, stats) = check(&root, &cache, &[]);
    assert_eq!(
        (&stats["people_updated"], &stats["people_rebuilt"]),
        (&false.into(), &true.into()),
        "{stats}"
    );
    assert_eq!(json, uncached(&root, &cache));
}

/// The closest key suggested for an unknown one is stored with the note
/// results and reused while the corpus has the same keys, even when its
/// articles change; a corpus with other keys searches again.
#[test]
fn suggestions_for_unknown_keys_follow_the_keys() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    let note = root.join("notes/claims.md");
    let mut text = std::fs::read_to_string(&note).unwrap();
    text.push_str("- The plan is worth 9,000 units [@a007-xx].\n");
    std::fs::write(&note, text).unwrap();
    let suggestion = |json: &serde_json::Value| -> String {
        json.as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "unknown-source")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let (first, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["suggestions_reused"], 0, "{stats}");
    assert!(
        suggestion(&first).ends_with("did you mean `a007`?"),
        "{first}"
    );

    // Same keys, one article's text changed: the note is checked again
    // and the suggestion comes from the cache.
    let path = root.join("sources/a010.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Officials said", "Officials now said")).unwrap();
    let (changed, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["notes_reused"], 0, "{stats}");
    assert_eq!(stats["suggestions_reused"], 1, "{stats}");
    assert_eq!(changed, uncached(&root, &cache));
    assert_eq!(suggestion(&changed), suggestion(&first));

    // A closer key arrives: the stored answer is not used.
    let closer = article(7).replace("id: a007", "id: a007-x");
    write(&root, "sources/extra.md", closer.as_bytes());
    let (added, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["suggestions_reused"], 0, "{stats}");
    assert!(
        suggestion(&added).ends_with("did you mean `a007-x`?"),
        "{added}"
    );
    assert_eq!(added, uncached(&root, &cache));
}

/// Other curated people in `backstop.toml` resolve every article again
/// (from the stored name evidence), with the results of no cache.
#[test]
fn curated_people_changed_resolve_every_article_again() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    let (before, _) = check(&root, &cache, &[]);
    write(
        &root,
        "backstop.toml",
        b"[people]\n\"Carla Rossi\" = { aliases = [\"Rossi\"], role = \"Minister of Transport\" }\n",
    );
    let (curated, stats) = check(&root, &cache, &[]);
    assert_eq!(stats["people_rebuilt"], true, "{stats}");
    assert_eq!(curated, uncached(&root, &cache));
    assert_eq!(
        before.as_array().map(Vec::len),
        curated.as_array().map(Vec::len)
    );
    // The index read back is this configuration's: the curated role shows.
    let listed = stdout(&root, &cache, &["people", "--format", "json"]);
    assert!(listed.contains("Minister of Transport"), "{listed}");
    assert_eq!(
        listed,
        stdout(&root, &cache, &["people", "--format", "json", "--no-cache"])
    );
}

/// Every file of the passage index, truncated, deleted, with a byte flipped
/// or swapped for another workspace's file of the same name: the next run
/// notices, says so on stderr, rebuilds and reports what `--no-cache` does.
#[test]
fn every_damaged_index_file_is_noticed_and_rebuilt() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    let expected = uncached(&root, &cache);
    // Another workspace's entry, for swapped files.
    let other = dir.path().join("other");
    write(&other, "sources/x.md", article(7).as_bytes());
    write(&other, "notes/n.md", b"Novak said \"a plan\" [@a007].\n");
    let other_cache = dir.path().join("other-cache");
    check(&other, &other_cache, &[]);
    let other_index = cache_entry(&other_cache).join("index");

    check(&root, &cache, &[]);
    let index = cache_entry(&cache).join("index");
    // Segment files are named anew by each build: a file is picked by the
    // kind its name ends with, among the files of the moment.
    let kind_of = |name: &str| match name.rsplit_once('.') {
        Some((_, ext)) if !name.starts_with('.') && name != "meta.json" => ext.to_string(),
        _ => name.to_string(),
    };
    let current = |kind: &str| {
        std::fs::read_dir(&index)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| kind_of(n) == kind)
    };
    let mut kinds: Vec<String> = std::fs::read_dir(&index)
        .unwrap()
        .flatten()
        .map(|e| kind_of(&e.file_name().to_string_lossy()))
        .filter(|k| !k.ends_with("lock"))
        .collect();
    kinds.sort();
    kinds.dedup();
    assert!(kinds.iter().any(|k| k == "store"), "{kinds:?}");
    type Damage = fn(&Path, &Path);
    let damages: [(&str, Damage); 4] = [
        ("truncate", |file, _| {
            let bytes = std::fs::read(file).unwrap();
            std::fs::write(file, &bytes[..bytes.len() / 2]).unwrap();
        }),
        ("delete", |file, _| std::fs::remove_file(file).unwrap()),
        ("flip a byte", |file, _| {
            let mut bytes = std::fs::read(file).unwrap();
            let middle = bytes.len() / 2;
            if let Some(byte) = bytes.get_mut(middle) {
                *byte ^= 0x5a;
            }
            std::fs::write(file, &bytes).unwrap();
        }),
        ("swap", |file, other_index| {
            let suffix = file.extension().unwrap_or_default();
            let foreign = std::fs::read_dir(other_index)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .find(|p| p.extension().unwrap_or_default() == suffix);
            match foreign {
                Some(foreign) => std::fs::copy(foreign, file).map(drop).unwrap(),
                None => std::fs::write(file, b"{}").unwrap(),
            }
        }),
    ];
    for kind in &kinds {
        for (how, damage) in &damages {
            let (_, stats) = check(&root, &cache, &[]);
            assert_eq!(stats["status"], "warm", "before {how} {kind}: {stats}");
            let name = current(kind).expect("every kind is there after a rebuild");
            damage(&index.join(&name), &other_index);
            let mut cmd = support::backstop(&root);
            cmd.env("BACKSTOP_CACHE_DIR", &cache).args([
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
            ]);
            let output = cmd.output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(0), "{how} {name}: {stderr}");
            let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            assert_eq!(json, expected, "{how} {name}");
            assert!(
                stderr.contains("cache") && stderr.contains(name.as_str()),
                "{how} {name}: no note on stderr: {stderr}"
            );
        }
    }
}

/// Words the random articles and notes of
/// `random_edits_leave_cached_evidence_byte_identical` are made of, the
/// first the most used: sentences share the common ones, and a rare one
/// weighs much more where fewer sentences hold it, so that which passage
/// ranks nearest a quote turns on exact word counts.
const WORDS: [&str; 36] = [
    "the",
    "of",
    "and",
    "to",
    "minister",
    "rail",
    "link",
    "winter",
    "budget",
    "harbour",
    "bridge",
    "council",
    "deliver",
    "tunnel",
    "northern",
    "towns",
    "funding",
    "delay",
    "contract",
    "station",
    "engineers",
    "tickets",
    "freight",
    "mayor",
    "ferry",
    "airport",
    "strike",
    "pension",
    "reservoir",
    "tramway",
    "viaduct",
    "lighthouse",
    "quarry",
    "orchard",
    "glacier",
    "monastery",
];

fn random_words(rng: &mut rand::rngs::StdRng, count: usize) -> Vec<&'static str> {
    use rand::RngExt;
    (0..count)
        .map(|_| {
            let skewed: f64 = rng.random::<f64>().powi(2);
            WORDS[(skewed * WORDS.len() as f64) as usize]
        })
        .collect()
}

fn random_article(rng: &mut rand::rngs::StdRng, id: usize) -> String {
    use rand::RngExt;
    let mut text = format!(
        "---\nid: r{id:02}\ntitle: Report {id}\ndate: 2024-05-{:02}\nsource: AFP\n---\n",
        id % 27 + 1
    );
    for _ in 0..rng.random_range(2..8) {
        let count = rng.random_range(3..24);
        let words = random_words(rng, count);
        if rng.random_bool(0.4) {
            text.push_str(&format!("\"{},\" Mayor Lind said.\n\n", words.join(" ")));
        } else {
            text.push_str(&format!("Officials said {}.\n\n", words.join(" ")));
        }
    }
    text
}

/// Articles edited, added and deleted at random, step after step: after
/// each, a check through the cache (its passage index updated in place)
/// prints exactly what a check without it prints, evidence included: which
/// passage is nearest must not depend on the index's history.
#[test]
fn random_edits_leave_cached_evidence_byte_identical() {
    use rand::{RngExt, SeedableRng};
    for seed in 1..=3u64 {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        let cache = dir.path().join("cache");
        let mut next_id = 0;
        let mut live: Vec<usize> = Vec::new();
        for _ in 0..16 {
            write(
                &root,
                &format!("sources/r{next_id:02}.md"),
                random_article(&mut rng, next_id).as_bytes(),
            );
            live.push(next_id);
            next_id += 1;
        }
        let mut note = String::from("# Notes\n\n");
        for _ in 0..12 {
            let cited = live[rng.random_range(0..live.len())];
            let count = rng.random_range(5..10);
            let words = random_words(&mut rng, count);
            if rng.random_bool(0.6) {
                note.push_str(&format!(
                    "- Lind said \"{}\" [@r{cited:02}].\n",
                    words.join(" ")
                ));
            } else {
                note.push_str(&format!("- The {} [@r{cited:02}].\n", words.join(" ")));
            }
        }
        write(&root, "notes/n.md", note.as_bytes());
        let args = ["check", "--format", "json", "--fail-on", "never"];
        stdout(&root, &cache, &args);
        for step in 0..8 {
            let mut log = Vec::new();
            for _ in 0..rng.random_range(1..4) {
                let at = rng.random_range(0..live.len());
                match rng.random_range(0..3) {
                    0 if live.len() > 4 => {
                        let gone = live.swap_remove(at);
                        std::fs::remove_file(root.join(format!("sources/r{gone:02}.md"))).unwrap();
                        log.push(format!("deleted r{gone:02}"));
                    }
                    1 => {
                        write(
                            &root,
                            &format!("sources/r{next_id:02}.md"),
                            random_article(&mut rng, next_id).as_bytes(),
                        );
                        live.push(next_id);
                        log.push(format!("added r{next_id:02}"));
                        next_id += 1;
                    }
                    _ => {
                        let id = live[at];
                        write(
                            &root,
                            &format!("sources/r{id:02}.md"),
                            random_article(&mut rng, id).as_bytes(),
                        );
                        log.push(format!("rewrote r{id:02}"));
                    }
                }
            }
            let cached = stdout(&root, &cache, &args);
            let mut fresh_args = args.to_vec();
            fresh_args.push("--no-cache");
            let fresh = stdout(&root, &cache, &fresh_args);
            assert!(
                cached == fresh,
                "seed {seed}, step {step} ({log:?}): cached output differs\n--- cached\n{cached}\n--- no cache\n{fresh}"
            );
        }
    }
}

#[test]
fn an_unwritable_cache_is_reported_and_changes_no_result() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    let expected = uncached(&root, &cache);
    // A file where the cache folder would have to be created.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, b"").unwrap();
    let output = support::backstop(&root)
        .env("BACKSTOP_CACHE_DIR", blocked.join("cache"))
        .args(["check", "--format", "json", "--fail-on", "never"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let warning = format!(
        "backstop: warning: the cache is not used (cannot create {}",
        blocked.join("cache").display()
    );
    assert!(stderr.starts_with(&warning), "{stderr}");
    assert!(
        stderr.trim_end().ends_with("this run works without it"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json, expected);
}

#[test]
fn the_analysis_logs_to_stderr_in_the_shape_of_every_message() {
    let (dir, cache) = fixture();
    let root = dir.path().join("ws");
    let quiet = support::backstop(&root)
        .env_remove("BACKSTOP_LOG")
        .args(["check", "--no-cache", "--fail-on", "never"])
        .output()
        .unwrap();
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    // The worker threads log while the command runs.
    let output = support::backstop(&root)
        .env("BACKSTOP_CACHE_DIR", &cache)
        .env("BACKSTOP_LOG", "backstop=debug")
        .args(["check", "--fail-on", "never"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("backstop: debug: cache: ")),
        "{stderr}"
    );
}
