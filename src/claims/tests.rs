//! The claim checker on a small corpus: each note rule fires where it
//! should and points at the right words, and the claim cache and the
//! claims checked ahead give what a fresh check gives.

use std::path::PathBuf;

use super::*;
use crate::article::Article;
use crate::diagnostic::Severity;

fn corpus() -> Corpus {
    let article = |name: &str, text: &str| {
        Article::parse(
            PathBuf::from(format!("/w/sources/{name}.md")),
            format!("sources/{name}.md"),
            text.to_string(),
        )
    };
    Corpus::new(vec![
        article(
            "harbour",
            "---\ntitle: Harbour reopens\ndate: 2024-05-10\n---\nThe mayor, Ana Costa, reopened the harbour on Thursday after repairs costing 4.2 million euros.\n\"We have waited far too long for this day,\" Costa told reporters.\nAbout 1,200 fishing boats use the port.\n",
        ),
        article(
            "storm",
            "---\ntitle: Storm damage\ndate: 2024-02-02\n---\nA storm on January 30 damaged the old pier in Porto Verde.\n\"Nobody was hurt, which is a small miracle,\" said the harbour master, Rui Dias.\n",
        ),
    ])
}

fn codes(note: &str) -> Vec<(Rule, String)> {
    codes_in(&corpus(), note)
}

/// The findings on `note` of a checker over `corpus` with `config`, with no
/// people index, cache or claims checked ahead.
pub(super) fn findings_of(corpus: &Corpus, config: &Config, note: &str) -> Vec<Diagnostic> {
    let passages = LazyPassageIndex::default();
    let checker = NoteChecker {
        corpus,
        passages: &passages,
        config,
        people: None,
        cache: None,
        ahead: None,
    };
    checker.check(Path::new("/w/notes/n.md"), note)
}

/// The findings on `note`, in note order, each with the words it marks.
fn codes_in(corpus: &Corpus, note: &str) -> Vec<(Rule, String)> {
    // In note order, as `Analysis` reports them.
    let mut found = findings_of(corpus, &Config::default(), note);
    found.sort_by_key(|d| (d.location.range.start, d.rule));
    found
        .into_iter()
        .map(|d| (d.rule, note[d.location.range].to_string()))
        .collect()
}

#[test]
fn clean_claims_pass() {
    let note = "Ana Costa reopened the harbour after repairs costing 4.2 million euros [@harbour].\n\
                Costa said “we have waited far too long for this day” [@harbour].\n\
                The harbour reopened on May 9, 2024 [@harbour].\n\
                Around 1200 fishing boats use the port [@harbour].\n\
                Rui Dias said \"nobody was hurt ... a small miracle\" [@storm].\n";
    assert_eq!(codes(note), vec![]);
}

#[test]
fn each_rule_fires_with_the_right_range() {
    let note = "Repairs cost 5.2 million euros [@harbour].\n\n\
                The pier was damaged on January 31 [@storm].\n\n\
                Costa said \"we have waited much too long for this day\" [@harbour].\n\n\
                Costa said \"the fleet will double next year\" [@harbour].\n\n\
                Dias said \"nobody was hurt, which is a small miracle\" [@harbour].\n\n\
                The mayor announced a new airport for Lisbon and Madrid [@harbour].\n\n\
                Boats returned [@harbor].\n";
    assert_eq!(
        codes(note),
        vec![
            (Rule::NumberMismatch, "5.2 million euros".to_string()),
            (Rule::DateMismatch, "January 31".to_string()),
            (
                Rule::Misquote,
                "we have waited much too long for this day".to_string()
            ),
            (
                Rule::QuoteNotFound,
                "\"the fleet will double next year\"".to_string()
            ),
            (
                Rule::QuoteWrongSource,
                "\"nobody was hurt, which is a small miracle\"".to_string()
            ),
            (
                Rule::UnsupportedClaim,
                "The mayor announced a new airport for Lisbon and Madrid [@harbour].".to_string()
            ),
            (Rule::UnknownSource, "harbor".to_string()),
        ]
    );
}

#[test]
fn fixes_carry_the_source_words_and_keys() {
    let note = "Costa said \"we have waited much too long for this day\" [@harbour]. Dias said \"nobody was hurt, which is a small miracle\" [@harbour].";
    let found = findings_of(&corpus(), &Config::default(), note);
    let fixes: Vec<&str> = found
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .map(|f| f.edits[0].new_text.as_str())
        .collect();
    assert_eq!(
        fixes,
        vec!["We have waited far too long for this day", "storm"]
    );
    assert!(
        found.iter().all(|d| !d.related.is_empty()),
        "every finding shows its evidence"
    );
}

#[test]
fn a_citation_another_quote_needs_is_not_changed_by_a_fix() {
    let wrong_source_fix = |note: &str| {
        let found = findings_of(&corpus(), &Config::default(), note);
        let finding = (found.iter())
            .find(|d| d.rule == Rule::QuoteWrongSource)
            .expect("a quote-wrong-source finding");
        finding.fix.as_ref().map(|f| f.edits[0].new_text.clone())
    };
    // The harbour article holds Costa's words: citing `storm` would break them.
    assert_eq!(
        wrong_source_fix(
            "Dias said \"nobody was hurt, which is a small miracle\" and Costa said \"we have waited far too long for this day\" [@harbour]."
        ),
        None
    );
    // Both quotes are in `storm`: citing it fixes both.
    assert_eq!(
        wrong_source_fix(
            "Dias said \"nobody was hurt\" and called it \"a small miracle\" [@harbour]."
        ),
        Some("storm".to_string())
    );
}

#[test]
fn weekdays_resolve_against_the_article_date() {
    // 2024-05-10 is a Friday: "Thursday" in the article is May 9.
    assert_eq!(
        codes("Costa reopened the harbour on May 9 [@harbour]."),
        vec![]
    );
    assert_eq!(
        codes("Costa reopened the harbour on Thursday [@harbour]."),
        vec![]
    );
    assert_eq!(
        codes("Costa reopened the harbour on Monday [@harbour]."),
        vec![(Rule::DateMismatch, "Monday".to_string())]
    );
}

#[test]
fn links_to_article_files_are_citations() {
    assert_eq!(
        codes(
            "Repairs cost 5.2 million euros ([report](../sources/harbour.md)).\nSee [elsewhere](https://example.com) for 9 more.\n"
        ),
        vec![(Rule::NumberMismatch, "5.2 million euros".to_string())]
    );
}

#[test]
fn uncited_claims_only_when_enabled() {
    assert_eq!(codes("Costa said the harbour had 1,500 boats.\n"), vec![]);
    let mut config = Config::default();
    config
        .rules
        .insert(Rule::UncitedClaim, Level::On(Severity::Hint));
    let found = findings_of(
        &corpus(),
        &config,
        "Costa said the harbour had 1,500 boats.\n\nwe should look into this.\n",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, Rule::UncitedClaim);
}

/// Checking through the claim cache gives what a fresh check gives, for the
/// same note and after edits that move or change claims.
#[test]
fn cached_claims_match_a_fresh_check() {
    let corpus = corpus();
    let passages = LazyPassageIndex::default();
    let config = Config::default();
    let cache = ClaimCache::default();
    let path = Path::new("/w/notes/n.md");
    let fresh = NoteChecker {
        corpus: &corpus,
        passages: &passages,
        config: &config,
        people: None,
        cache: None,
        ahead: None,
    };
    let cached = NoteChecker {
        corpus: &corpus,
        passages: &passages,
        config: &config,
        people: None,
        cache: Some(&cache),
        ahead: None,
    };
    let base = "Costa said \"we have waited much too long for this day\" [@harbour].\n\nAbout 1,500 boats use the port [@harbour].\n\nThe pier was damaged on January 31 [@storm]. And [@nowhere] too.\n";
    let edits = [
        base.to_string(),
        format!("# A heading\n\n{base}"),
        base.replace("1,500", "1,200"),
        base.replace("January 31", "January 30"),
        format!("Intro [@harbour].\n\n{base}"),
    ];
    for text in &edits {
        for _ in 0..2 {
            let mut got = cached.check(path, text);
            let mut want = fresh.check(path, text);
            got.sort_by_key(|d| (d.location.range.start, d.rule));
            want.sort_by_key(|d| (d.location.range.start, d.rule));
            assert_eq!(got, want, "note:\n{text}");
        }
    }
    assert!(!cache.entries.lock().unwrap().is_empty());
}

/// Claims checked ahead, without the people index, are those the check
/// would check, and finishing them with it gives what checking them with it
/// gives: an attribution found wrong then drops the claim's support
/// findings, as it does in a whole check.
#[test]
fn claims_checked_ahead_serve_the_check() {
    let corpus = corpus();
    let passages = LazyPassageIndex::default();
    let people = crate::people::PeopleIndex::build(&corpus, &[]);
    let config = Config::default();
    let path = Path::new("/w/notes/n.md");
    let note = "Costa said \"we have waited much too long for this day\" [@harbour].\n\n\
                Dias said \"we have waited far too long for this day\" as crowds cheered the new ferry terminal [@harbour].\n\n\
                Someone said \"the fleet will double next year\" [@nowhere].\n\n\
                Rui Dias said \"nobody was hurt ... a small miracle\".\n";
    let claims = ClaimCache::default();
    let ahead = ClaimsAhead::default();
    let checker = |people, cache, ahead| NoteChecker {
        corpus: &corpus,
        passages: &passages,
        config: &config,
        people,
        cache,
        ahead,
    };
    checker(None, Some(&claims), None).check_claims_ahead(path, note, &ahead);
    assert_eq!(ahead.checked.lock().unwrap().len(), 4);
    let sorted = |mut found: Vec<Diagnostic>| {
        found.sort_by_key(|d| (d.location.range.start, d.rule));
        found
    };
    let with = sorted(checker(Some(&people), None, Some(&ahead)).check(path, note));
    let without = sorted(checker(Some(&people), None, None).check(path, note));
    assert_eq!(with, without);
    assert!(ahead.checked.lock().unwrap().is_empty(), "each used once");
    // The second claim: Costa said it, and without that finding its
    // own words are not supported by the article.
    let rules = |found: &[Diagnostic]| -> Vec<Rule> {
        let second = note.find("Dias said").unwrap();
        let end = second + note[second..].find('\n').unwrap();
        (found.iter())
            .filter(|d| (second..end).contains(&d.location.range.start))
            .map(|d| d.rule)
            .collect()
    };
    assert_eq!(rules(&with), vec![Rule::MisattributedQuote]);
    let unattributed = checker(None, None, None).check(path, note);
    assert_eq!(rules(&unattributed), vec![Rule::UnsupportedClaim]);

    // Claims the claim cache holds are not checked again.
    checker(Some(&people), Some(&claims), None).check(path, note);
    let again = ClaimsAhead::default();
    checker(None, Some(&claims), None).check_claims_ahead(path, note, &again);
    assert!(again.checked.lock().unwrap().is_empty());
}

#[test]
fn acronyms_are_learned_from_the_corpus() {
    let article = |name: &str, body: &str| {
        Article::parse(
            PathBuf::from(format!("/w/sources/{name}.md")),
            format!("sources/{name}.md"),
            format!("---\ntitle: {name}\ndate: 2024-05-10\n---\n{body}\n"),
        )
    };
    let corpus = Corpus::new(vec![
        article(
            "count",
            "Volunteers from the Royal Society for the Protection of Birds counted puffins on Skomer.",
        ),
        article(
            "reserves",
            "The RSPB (Royal Society for the Protection of Birds) runs two hundred reserves.",
        ),
    ]);
    assert_eq!(
        codes_in(
            &corpus,
            "RSPB volunteers counted puffins on Skomer [@count].\n"
        ),
        vec![]
    );
    assert_eq!(
        codes_in(
            &corpus,
            "RSPCA volunteers counted puffins on Skomer [@count].\n"
        ),
        vec![(
            Rule::UnsupportedClaim,
            "RSPCA volunteers counted puffins on Skomer [@count].".to_string()
        )]
    );
}

#[test]
fn a_key_suggestion_is_a_fix_only_when_its_article_supports_the_claim() {
    let corpus = corpus();
    let config = Config::default();
    let check = |note: &str| findings_of(&corpus, &config, note);
    let supported = check("A storm damaged the old pier in Porto Verde [@stormy].\n");
    assert_eq!(supported.len(), 1);
    assert!(supported[0].message.contains("did you mean `storm`?"));
    assert!(supported[0].fix.is_some());
    let unrelated = check("The mayor reopened the harbour after repairs [@stormy].\n");
    assert_eq!(unrelated.len(), 1);
    assert_eq!(
        unrelated[0].message,
        "no article has the citation key `stormy`; the closest keys do not support this claim: `storm`"
    );
    assert!(unrelated[0].fix.is_none());
}

#[test]
fn a_misquote_of_fifty_thousand_characters_is_compared_in_pieces_and_says_so() {
    // An article of 12,000 words; the note quotes 8,000 of them (about
    // 50,000 characters) with three words changed. One table of quote
    // words by source words would hold 128 million cells.
    let vocabulary = [
        "council", "budget", "minister", "harbour", "railway", "northern", "market", "school",
        "river", "bridge", "election", "hospital",
    ];
    let mut seed = 7u64;
    let mut next_word = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        vocabulary[(seed >> 33) as usize % vocabulary.len()]
    };
    let words: Vec<&str> = (0..12_000).map(|_| next_word()).collect();
    let body: Vec<String> = words
        .chunks(12)
        .map(|sentence| format!("{}.", sentence.join(" ")))
        .collect();
    let long = Article::parse(
        PathBuf::from("/w/sources/long.md"),
        "sources/long.md".to_string(),
        format!(
            "---\ntitle: Long\ndate: 2024-05-10\n---\n{}\n",
            body.join(" ")
        ),
    );
    let corpus = Corpus::new(vec![long]);
    let mut quoted: Vec<&str> = words[1_000..9_000].to_vec();
    for k in 1..=3 {
        quoted[k * 2_000] = "zeppelin";
    }
    let note = format!("Costa said \"{}\" [@long].\n", quoted.join(" "));
    let started = std::time::Instant::now();
    let found = findings_of(&corpus, &Config::default(), &note);
    let took = started.elapsed();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].rule, Rule::Misquote);
    let message = &found[0].message;
    assert!(
        message.contains("has “zeppelin” where the source has"),
        "{message}"
    );
    assert!(
        message.contains("compared 100 words at a time"),
        "{message}"
    );
    assert!(took < std::time::Duration::from_secs(30), "{took:?}");
}
