//! Tests of the people index as a whole: building, look-ups, attribution
//! and updates.

use std::path::PathBuf;

use super::*;
use crate::article::Article;
use crate::config::CuratedPerson;
use crate::corpus::Corpus;

pub(crate) fn corpus_of(texts: &[(&str, &str)]) -> Corpus {
    Corpus::new(
        texts
            .iter()
            .map(|(name, text)| {
                Article::parse(
                    PathBuf::from(format!("/c/{name}")),
                    name.to_string(),
                    text.to_string(),
                )
            })
            .collect(),
    )
}

/// The person of the name mention that starts at the first `surface` of
/// article `article` of `texts`, if there is one.
pub(super) fn person_starting_at(
    index: &PeopleIndex,
    texts: &[(&str, &str)],
    article: usize,
    surface: &str,
) -> Option<String> {
    let start = texts[article]
        .1
        .find(surface)
        .unwrap_or_else(|| panic!("{surface}"));
    (index.mentions.iter())
        .find(|m| m.article == article && m.range.start == start)
        .map(|m| index.persons[m.person].canonical.clone())
}

fn speaker_of(index: &PeopleIndex, quote_start: &str) -> String {
    let quote = index
        .quotes
        .iter()
        .find(|q| q.text.starts_with(quote_start))
        .unwrap_or_else(|| panic!("no quote starting {quote_start:?}"));
    index.speaker_label(&quote.speaker)
}

#[test]
fn titles_said_verbs_and_surnames() {
    let corpus = corpus_of(&[(
        "a.md",
        "---\ndate: 2025-02-27\n---\nU.K. Prime Minister Keir Starmer met U.S. President Donald Trump.\n\n\"We need a lasting peace, not a ceasefire,\" Starmer told reporters.\n\n\"It is going to hold,\" he said.\n",
    )]);
    let index = PeopleIndex::build(&corpus, &[]);
    let names: Vec<&str> = index.persons.iter().map(|p| p.canonical.as_str()).collect();
    assert!(names.contains(&"Keir Starmer"), "{names:?}");
    assert!(names.contains(&"Donald Trump"), "{names:?}");
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(speaker_of(&index, "We need a lasting"), "Keir Starmer");
    assert_eq!(speaker_of(&index, "It is going"), "Keir Starmer");
    let starmer = index.lookup("Starmer").unwrap();
    assert_eq!(index.persons[starmer].canonical, "Keir Starmer");
    assert_eq!(
        index.persons[starmer].roles[0].role.as_ref(),
        "U.K. Prime Minister"
    );
}

#[test]
fn transliterations_are_one_person() {
    let corpus = corpus_of(&[
        (
            "a.md",
            "Ukrainian President Volodymyr Zelensky said the talks failed. Zelensky left.",
        ),
        (
            "b.md",
            "President Volodymyr Zelenskyy thanked the troops. \"Every position held is a life saved,\" Zelenskyy said.",
        ),
        (
            "c.md",
            "Ukraine's President Volodymyr Zelenskiy met allies.",
        ),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(index.persons.len(), 1, "{:?}", index.persons);
    let person = &index.persons[0];
    assert_eq!(person.canonical, "Volodymyr Zelensky");
    assert!(person.aliases.contains(&"Volodymyr Zelenskyy".to_string()));
    assert_eq!(index.lookup("Zelenskiy"), Some(0));
    assert_eq!(index.lookup("President Zelenskyy's"), Some(0));
}

#[test]
fn near_spellings_join_the_same_way_on_every_build() {
    // A surname cut short by a damaged copy ("Trum") beside the full one.
    let corpus = corpus_of(&[
        (
            "a.md",
            "U.S. President Donald Trump met allies. \"It will hold,\" Trump said.",
        ),
        (
            "b.md",
            "President Donald Trum said the talks went well. Donald Trum left.",
        ),
    ]);
    let first = PeopleIndex::build(&corpus, &[]);
    let names = |index: &PeopleIndex| -> Vec<String> {
        index.persons.iter().map(|p| p.canonical.clone()).collect()
    };
    // Each build iterates its hash maps in a new order.
    for _ in 0..20 {
        assert_eq!(names(&PeopleIndex::build(&corpus, &[])), names(&first));
    }
    assert_eq!(names(&first), ["Donald Trum", "Donald Trump"]);
}

#[test]
fn a_name_that_fits_two_people_joins_neither() {
    let corpus = corpus_of(&[
        (
            "a.md",
            "Senator John A. Whitfield said the bill would pass. Whitfield voted for it.",
        ),
        (
            "b.md",
            "Judge John B. Whitfield said the appeal failed. Whitfield adjourned.",
        ),
        ("c.md", "Mayor John Whitfield said the roads would reopen."),
        (
            "d.md",
            "Mayor Ann Kerrigan said \"yes\". Governor A. Kerrigan agreed.",
        ),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let person = |name: &str| index.lookup(name).unwrap_or_else(|| panic!("{name}"));
    assert_ne!(person("John A. Whitfield"), person("John B. Whitfield"));
    // The initial fits one person only, so it is hers.
    assert_eq!(person("A. Kerrigan"), person("Ann Kerrigan"));
}

#[test]
fn unnamed_sources_are_never_people() {
    let corpus = corpus_of(&[(
        "a.md",
        "President Donald Trump met allies.\n\nA senior Trump administration official said the plan was \"very high on the agenda of allies.\"\n\n\"The type of force depends on the settlement,\" the official told reporters.\n",
    )]);
    let index = PeopleIndex::build(&corpus, &[]);
    for quote in &index.quotes {
        assert!(
            matches!(quote.speaker, QuoteSpeaker::Unnamed(_)),
            "{quote:?}"
        );
    }
    assert_eq!(index.quotes.len(), 2);
}

#[test]
fn curated_people_override_and_extend() {
    let corpus = corpus_of(&[(
        "a.md",
        "Foreign Minister Sergei Lavrov said it. \"We are not going to negotiate through the press,\" Lavrov said.",
    )]);
    let curated = [CuratedPerson {
        name: "Sergey Lavrov".into(),
        aliases: vec!["Sergei Lavrov".into()],
        roles: vec!["Foreign Minister of Russia".into()],
    }];
    let index = PeopleIndex::build(&corpus, &curated);
    assert_eq!(index.persons.len(), 1, "{:?}", index.persons);
    let lavrov = &index.persons[0];
    assert_eq!(lavrov.canonical, "Sergey Lavrov");
    assert!(lavrov.curated);
    assert_eq!(lavrov.roles[0].role.as_ref(), "Foreign Minister of Russia");
    assert_eq!(lavrov.roles[0].article, None);
    assert_eq!(lavrov.quotes.len(), 1);
}

#[test]
fn note_mentions_and_attribution_checks() {
    let text = "---\nid: a\n---\n\"The security guarantee has to be sufficient to deter Putin,\" Starmer told reporters. British Prime Minister Keir Starmer left. Russian President Vladimir Putin stayed.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let at = text.find("Vladimir Putin").unwrap() + 3;
    let mention = index.mention_at("a", at).unwrap();
    assert_eq!(index.persons[mention.person].canonical, "Vladimir Putin");
    assert!(
        index
            .mention_at("a", text.find("stayed").unwrap())
            .is_none()
    );
    assert!(index.mention_at("no-such-key", 0).is_none());
    let note = "As Zelenskiy put it, Keir Starmer's view matters.";
    let found = index.find_mentions(note);
    assert_eq!(found.len(), 1);
    assert_eq!(&note[found[0].range.clone()], "Keir Starmer");
    let start = text.find("The security").unwrap();
    let range = start..start + 30;
    assert!(matches!(
        index.check_attribution("a", range.clone(), "Starmer"),
        AttributionCheck::Consistent { .. }
    ));
    assert!(matches!(
        index.check_attribution("a", range.clone(), "Vladimir Putin"),
        AttributionCheck::Misattributed { .. }
    ));
    assert_eq!(
        index.check_attribution("a", 0..3, "Putin"),
        AttributionCheck::Unknown
    );
    // A spelling the corpus never used is still the same speaker.
    assert!(matches!(
        index.check_attribution("a", range.clone(), "Keir Starmerr"),
        AttributionCheck::Consistent { .. }
    ));
    // Someone the corpus does not know is someone else.
    assert!(matches!(
        index.check_attribution("a", range.clone(), "Joe Biden"),
        AttributionCheck::Misattributed { claimed: None, .. }
    ));
    // A note that names no one contradicts nothing.
    for vague in ["he", "the prime minister", "officials"] {
        assert_eq!(
            index.check_attribution("a", range.clone(), vague),
            AttributionCheck::Unknown
        );
    }
}

#[test]
fn unresolved_speakers_never_count_as_misattributed() {
    let text = "---\nid: a\n---\nPresident Donald Trump met allies.\n\n\"Nobody knows who said this sentence here.\"\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let start = text.find("Nobody").unwrap();
    assert_eq!(index.quotes[0].speaker, QuoteSpeaker::Unresolved);
    assert_eq!(
        index.check_attribution("a", start..start + 10, "Donald Trump"),
        AttributionCheck::Unknown
    );
}

#[test]
fn bad_input_invents_nothing() {
    let corpus = corpus_of(&[
        (
            "caps.md",
            "PRIME MINISTER KEIR STARMER SAID \"WE WILL WIN THIS WAR\" TODAY.",
        ),
        (
            "quotes.md",
            "\"unbalanced \"nested \" quotes “ ” ” “ and ' stray ' marks\n\n\"\"\n“",
        ),
        (
            "names.md",
            "Sinéad O'Brien said it. Ignatius Ivlev-Yorke, a contributor, wrote it. O'Brien said \"three words here.\"",
        ),
        ("empty.md", ""),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let names: Vec<&str> = index.persons.iter().map(|p| p.canonical.as_str()).collect();
    assert!(names.contains(&"Sinéad O'Brien"), "{names:?}");
    assert!(names.contains(&"Ignatius Ivlev-Yorke"), "{names:?}");
    assert!(!names.iter().any(|n| n.to_uppercase() == *n), "{names:?}");
    for quote in &index.quotes {
        let text = &corpus.article(quote.article).text;
        assert!(text.get(quote.range.clone()).is_some());
    }
}

#[test]
fn a_large_article_stays_linear() {
    let paragraph = "U.K. Prime Minister Keir Starmer said on Monday that \"a lasting peace needs a backstop,\" adding more. \"Open quote that never closes and runs on. ";
    let big = paragraph.repeat(1_000_000 / paragraph.len());
    let corpus = corpus_of(&[("big.md", big.as_str())]);
    let started = std::time::Instant::now();
    let index = PeopleIndex::build(&corpus, &[]);
    assert!(!index.persons.is_empty());
    // Generous: the test binary is unoptimised and shares the machine.
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::people::quotes::find_quotes;
    use crate::people::scan::{Region, scan};

    fn texts() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[A-Za-zÀ-žŁłÆæ'’“”\"\\-\\.,:;()/ \n]{0,300}",
            "((President|Mr|the|said|told|he|she|Trump|O'Brien|Ivlev-Yorke|Zelenskyy|U\\.K\\.|“|”|\"|,|\\.|\n\n) ){0,60}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn quotes_slice_the_text(text in texts()) {
            for quote in find_quotes(&text, 0..text.len()) {
                prop_assert!(text.get(quote.range()).is_some());
                for segment in &quote.segments {
                    prop_assert!(text.get(segment.clone()).is_some());
                }
            }
        }

        #[test]
        fn candidates_slice_the_text(text in texts()) {
            let scanned = scan(&text, &[(Region::Body, 0..text.len())]);
            for candidate in &scanned.candidates {
                prop_assert!(text.get(candidate.range.clone()).is_some());
            }
            for (i, token) in scanned.tokens.iter().enumerate() {
                prop_assert!(text.get(token.range()).is_some());
                prop_assert!(text.get(token.base()).is_some());
                prop_assert_eq!(scanned.tokens.lower(i), crate::people::scan::fold(&text[token.base()]));
            }
        }

        #[test]
        fn index_ranges_slice_articles(text in texts(), note in texts()) {
            let corpus = corpus_of(&[("a.md", text.as_str())]);
            let index = PeopleIndex::build(&corpus, &[]);
            for mention in &index.mentions {
                prop_assert!(text.get(mention.range.clone()).is_some());
            }
            for quote in &index.quotes {
                prop_assert!(text.get(quote.range.clone()).is_some());
                if let Some(range) = &quote.speaker_range {
                    prop_assert!(text.get(range.clone()).is_some());
                }
                let _ = crate::people::hover::quote_card(&index, &corpus, quote.id);
            }
            for found in index.find_mentions(&note) {
                prop_assert!(note.get(found.range.clone()).is_some());
            }
            let _ = index.lookup(&note);
            let _ = index.check_attribution("a", 0..text.len(), &note);
        }
    }
}

#[test]
fn unambiguous_descriptions_point_at_the_person() {
    let corpus = corpus_of(&[(
        "a.md",
        "U.S. President Donald Trump met British Prime Minister Keir Starmer.\n\nThe U.S. president made no promise. The British prime minister insisted.\n\n\"We need a backstop for any deal,\" he said.",
    )]);
    let index = PeopleIndex::build(&corpus, &[]);
    let text = &corpus.article(0).text;
    let described: Vec<(String, String)> = index
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Description)
        .map(|m| {
            (
                text[m.range.clone()].to_string(),
                index.persons[m.person].canonical.clone(),
            )
        })
        .collect();
    assert_eq!(
        described,
        [
            ("The U.S. president".to_string(), "Donald Trump".to_string()),
            (
                "The British prime minister".to_string(),
                "Keir Starmer".to_string()
            ),
        ]
    );
    // "he" follows the British prime minister, not the last name written.
    assert_eq!(speaker_of(&index, "We need a backstop"), "Keir Starmer");
    // Descriptions are not counted as the person being named.
    let trump = index.lookup("Trump").unwrap();
    assert_eq!(index.name_mention_count(trump), 1);
}

#[test]
fn quotes_over_wrapped_lines_and_split_quotes() {
    let corpus = corpus_of(&[(
        "a.md",
        "Foreign Minister Radosław Sikorski spoke. \"Poland will not send\ntroops into Ukraine,\" Sikorski said, \"but we will be the hub.\"\n",
    )]);
    let index = PeopleIndex::build(&corpus, &[]);
    let texts: Vec<&str> = index.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Poland will not send\ntroops into Ukraine,",
            "but we will be the hub."
        ]
    );
    for quote in &index.quotes {
        assert_eq!(index.speaker_label(&quote.speaker), "Radosław Sikorski");
    }
}

#[test]
fn organisations_and_places_are_not_people() {
    let corpus = corpus_of(&[(
        "a.md",
        "The Kremlin said talks would go on. Reuters reported the deal. Moscow said no. Deutsche Bank said rates would fall. The White House said the Oval Office meeting was fine. Analysts at Morgan Stanley said the euro would rise.",
    )]);
    let index = PeopleIndex::build(&corpus, &[]);
    let names: Vec<&str> = index.persons.iter().map(|p| p.canonical.as_str()).collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_shared_surname_does_not_make_a_quote_misattributed() {
    let corpus = corpus_of(&[
        (
            "a.md",
            "Finance Minister Anna Rossi presented the budget. \"We will balance it by spring,\" Rossi said.",
        ),
        (
            "b.md",
            "Mayor Marco Rossi opened the bridge. \"It took ten years to build,\" Rossi told reporters.",
        ),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let quote = index
        .quotes
        .iter()
        .find(|q| q.text.starts_with("We will balance"))
        .expect("quote");
    let key = corpus.key(quote.article);
    // "Rossi" alone could be either; the source's Rossi said it.
    assert!(matches!(
        index.check_attribution(key, quote.range.clone(), "Rossi"),
        AttributionCheck::Consistent { .. }
    ));
    assert!(matches!(
        index.check_attribution(key, quote.range.clone(), "Marco Rossi"),
        AttributionCheck::Misattributed { .. }
    ));
}

mod updates {
    use super::*;

    /// Everything an index answers with, maps in a stable order; not the
    /// evidence, whose name numbering depends on the order of updates.
    fn observable(index: &PeopleIndex) -> serde_json::Value {
        let mut prefixes: Vec<(String, Vec<String>)> = index
            .surname_prefixes
            .iter()
            .map(|(k, v)| {
                let mut v = v.clone();
                v.sort();
                (k.clone(), v)
            })
            .collect();
        prefixes.sort();
        serde_json::json!({
            "articles": index.articles,
            "persons": index.persons,
            "mentions": index.mentions,
            "surfaces": index.surfaces,
            "quotes": index.quotes,
            "by_key": index.by_key,
            "names": index.names,
            "surnames": index.surnames,
            "prefixes": prefixes,
            "article_quotes": index.article_quotes,
            "article_mentions": index.article_mentions,
            "hashes": index.hashes,
            "slots": index.slots,
        })
    }

    fn hashes(corpus: &Corpus) -> Vec<[u8; 32]> {
        corpus
            .articles()
            .map(|a| *blake3::hash(a.text.as_bytes()).as_bytes())
            .collect()
    }

    /// `update` from `before` to `after` gives what `build` gives, or
    /// nothing; returns whether it gave an index, and whether it spliced
    /// the unchanged articles' parts into place (else it resolved every
    /// article again).
    fn check(
        before: &[(&str, &str)],
        after: &[(&str, &str)],
        curated: &[CuratedPerson],
    ) -> Option<bool> {
        let old = PeopleIndex::build(&corpus_of(before), curated);
        let corpus = corpus_of(after);
        let built = PeopleIndex::build(&corpus, curated);
        let updated = old.update(&corpus, curated, &hashes(&corpus))?;
        let spliced = matches!(updated, Updated::Spliced(_));
        let updated = updated.into_index();
        assert_eq!(observable(&updated), observable(&built));
        assert!(updated.is_of(&corpus, &hashes(&corpus), curated));
        Some(spliced)
    }

    const A: &str = "---\ndate: 2025-02-27\n---\nU.K. Prime Minister Keir Starmer met U.S. President Donald Trump.\n\n\"We need a lasting peace, not a ceasefire,\" Starmer told reporters.\n\n\"It is going to hold,\" he said. Analysts expect about 4 percent growth.\n";
    const B: &str = "---\ndate: 2025-03-01\n---\nPresident Volodymyr Zelenskyy thanked the troops. \"Every position held is a life saved,\" Zelenskyy said.\n\nTrump said: \"We will see.\"\n";
    const C: &str = "German Chancellor Friedrich Merz spoke. \"Europe must act,\" Merz said. The British prime minister agreed.\n";

    #[test]
    fn an_edit_away_from_names_is_an_update() {
        let edited = A.replace("Analysts expect", "Analysts now expect");
        assert_eq!(
            check(
                &[("a.md", A), ("b.md", B), ("c.md", C)],
                &[("a.md", &edited), ("b.md", B), ("c.md", C)],
                &[],
            ),
            Some(true)
        );
    }

    #[test]
    fn an_edited_quote_is_an_update() {
        let edited = B.replace("a life saved", "a life kept");
        assert_eq!(
            check(
                &[("a.md", A), ("b.md", B), ("c.md", C)],
                &[("a.md", A), ("b.md", &edited), ("c.md", C)],
                &[],
            ),
            Some(true)
        );
    }

    #[test]
    fn added_and_removed_articles_are_updates() {
        let copy = A.replace("Analysts", "Economists");
        let (before, with_copy) = (
            [("a.md", A), ("b.md", B), ("c.md", C)],
            [("a.md", A), ("a2.md", &copy), ("b.md", B), ("c.md", C)],
        );
        assert_eq!(check(&before, &with_copy, &[]), Some(true));
        assert_eq!(check(&with_copy, &before, &[]), Some(true));
    }

    #[test]
    fn a_new_person_is_resolved_again_from_the_kept_evidence() {
        let added = format!("{C}\nFrench President Emmanuel Macron said \"no\".\n");
        assert_eq!(
            check(
                &[("a.md", A), ("b.md", B), ("c.md", C)],
                &[("a.md", A), ("b.md", B), ("c.md", &added)],
                &[],
            ),
            Some(false)
        );
    }

    #[test]
    fn other_curated_people_resolve_every_article_again() {
        let curated = [CuratedPerson {
            name: "Keir Starmer".into(),
            aliases: vec!["Sir Keir".into()],
            roles: vec!["Prime Minister of the United Kingdom".into()],
        }];
        let corpus = corpus_of(&[("a.md", A)]);
        let old = PeopleIndex::build(&corpus, &[]);
        let updated = old.update(&corpus, &curated, &hashes(&corpus)).unwrap();
        assert!(matches!(updated, Updated::Rebuilt(_)));
        assert_eq!(
            observable(&updated.into_index()),
            observable(&PeopleIndex::build(&corpus, &curated))
        );
        let edited = A.replace("Analysts expect", "Analysts now expect");
        assert_eq!(
            check(
                &[("a.md", A), ("b.md", B)],
                &[("a.md", &edited), ("b.md", B)],
                &curated
            ),
            Some(true)
        );
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        fn borrow(v: &[(String, String)]) -> Vec<(&str, &str)> {
            v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
        }

        fn sentence() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("U.S. President Donald Trump spoke.".to_string()),
                Just("\"We need a deal,\" Trump said.".to_string()),
                Just("Prime Minister Keir Starmer met him.".to_string()),
                Just("\"It holds,\" Starmer told reporters.".to_string()),
                Just("\"It holds,\" he said.".to_string()),
                Just("Mette Frederiksen, the Danish prime minister, agreed.".to_string()),
                Just("Frederiksen said \"yes\" and Fredriksen left.".to_string()),
                Just("The British prime minister insisted.".to_string()),
                Just("Jane Smith said it rained. John Smith said \"no\".".to_string()),
                Just("Smith disagreed.".to_string()),
                Just("Growth was 4 percent.".to_string()),
                Just("ANALYSTS said little.".to_string()),
                "[a-z ]{0,20}\\.",
            ]
        }

        fn article() -> impl Strategy<Value = String> {
            prop::collection::vec(sentence(), 0..6).prop_map(|s| s.join(" "))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn updates_equal_builds(
                before in prop::collection::vec(article(), 1..5),
                edits in prop::collection::vec((0usize..6, article()), 0..3),
            ) {
                let names: Vec<String> = (0..6).map(|i| format!("{i}.md")).collect();
                let mut after = before.clone();
                for (at, text) in edits {
                    if at < after.len() {
                        after[at] = text;
                    } else {
                        after.push(text);
                    }
                }
                let with_names = |texts: &[String]| -> Vec<(String, String)> {
                    names.iter().cloned().zip(texts.iter().cloned()).collect()
                };
                let (before, after) = (with_names(&before), with_names(&after));
                check(&borrow(&before), &borrow(&after), &[]);
                // Dropping an article.
                check(&borrow(&after), &borrow(&after[1..]), &[]);
            }
        }
    }
}

#[test]
fn plain_names_are_people_and_groups_places_and_firms_are_not() {
    let corpus = corpus_of(&[
        (
            "a.md",
            "Brett Lee took three wickets before lunch. Lee bowled well. Another Palestinian was hurt. Officials met in Sydney. Alice Springs was hot. Analysts at Goldman Sachs were calm.",
        ),
        (
            "b.md",
            "Osama bin Laden was not found. Officials think bin Laden said goodbye. Republican Chuck Hagel said \"we will see\".",
        ),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let mut names: Vec<&str> = index.persons.iter().map(|p| p.canonical.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Brett Lee", "Chuck Hagel", "Osama bin Laden"]);
    let laden = index.lookup("bin Laden").expect("bin Laden");
    assert_eq!(index.persons[laden].canonical, "Osama bin Laden");
    assert_eq!(index.name_mention_count(laden), 2);
    let lee = index.lookup("Brett Lee").expect("Brett Lee");
    assert_eq!(index.name_mention_count(lee), 2);
}

#[test]
fn a_bare_surname_an_article_names_no_holder_of_goes_only_to_a_dominant_one() {
    let texts = [
        (
            "a.md",
            "Attorney-General Daryl Williams said the law was sound.",
        ),
        ("b.md", "Coach Brad Williams said the team was ready."),
        ("c.md", "Police said Williams had been told."),
        (
            "d.md",
            "Prime Minister John Howard said yes. Later John Howard said no.",
        ),
        ("e.md", "Mr Howard said John Howard would go."),
        ("f.md", "Director Ron Howard said the film was done."),
        ("g.md", "Police said Mr Howard had been told."),
    ];
    let corpus = corpus_of(&texts);
    let index = PeopleIndex::build(&corpus, &[]);
    let person_ending = |article: usize, surface: &str| {
        let end = texts[article].1.find(surface).unwrap() + surface.len();
        (index.mentions.iter())
            .find(|m| m.article == article && m.range.end == end)
            .map(|m| index.persons[m.person].canonical.clone())
    };
    // Two holders of equal weight: a guess would join two people.
    assert_eq!(person_ending(2, "said Williams"), None);
    // One holder far more named than the other: the bare name is his.
    assert_eq!(
        person_ending(6, "Mr Howard").as_deref(),
        Some("John Howard")
    );
}

#[test]
fn a_firm_or_region_named_by_a_surname_is_not_its_holder() {
    let texts = [
        (
            "a.md",
            "One of the proposal's developers, historian Walter Phillips, said a vote was due. Study author Boyd Hunter said the rates had risen.",
        ),
        (
            "b.md",
            "Six months ago, Phillips Petroleum delayed its plan. But today Phillips has announced a deal with the government.",
        ),
        (
            "c.md",
            "The storms caused damage in the north-east of the state and the lower Hunter. Hunter said the figures were clear.",
        ),
    ];
    let corpus = corpus_of(&texts);
    let index = PeopleIndex::build(&corpus, &[]);
    let person_at =
        |article: usize, surface: &str| person_starting_at(&index, &texts, article, surface);
    assert_eq!(person_at(1, "Phillips has"), None);
    assert_eq!(person_at(2, "Hunter."), None);
    // The same word where it names a person still goes to its holder.
    assert_eq!(person_at(2, "Hunter said").as_deref(), Some("Boyd Hunter"));
}
