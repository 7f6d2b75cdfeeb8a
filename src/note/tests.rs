use super::*;
use proptest::prelude::*;

fn keys(note: &Note, text: &str) -> Vec<String> {
    note.citations
        .iter()
        .map(|c| text[c.key_range.clone()].to_string())
        .collect()
}

#[test]
fn citations_claims_and_quotes() {
    let text = "---\ntitle: x\n---\n# Notes\n\nStarmer met Trump on Feb. 27 [@001_a]. He said \"we need a lasting peace\" [@b, p. 4; @c].\n\n- Up to 30,000 troops [@004].\n- A \"scare\" quote.\n";
    let note = Note::parse(text);
    assert_eq!(note.front_matter, Some(0..16));
    assert_eq!(keys(&note, text), vec!["001_a", "b", "c", "004"]);
    let claims: Vec<&str> = note.claims.iter().map(|c| &text[c.range.clone()]).collect();
    assert_eq!(
        claims,
        vec![
            "Notes",
            "Starmer met Trump on Feb. 27 [@001_a].",
            "He said \"we need a lasting peace\" [@b, p. 4; @c].",
            "Up to 30,000 troops [@004].",
            "A \"scare\" quote."
        ]
    );
    assert_eq!(note.claims[3].kind, BlockKind::ListItem);
    assert_eq!(note.quotes.len(), 1, "the scare quote is not a quotation");
    let quote = &note.quotes[0];
    assert_eq!(&text[quote.content.clone()], "we need a lasting peace");
    assert_eq!(quote.claim, Some(2));
    assert_eq!(note.citations[1].locator.as_deref(), Some("p. 4"));
    assert_eq!(note.citations[1].claim, Some(2));
    assert_eq!(
        note.citation_at(text.find("@c").unwrap() + 1)
            .map(|c| c.key()),
        Some(Some("c"))
    );
}

#[test]
fn citation_after_the_full_stop_covers_the_sentence() {
    let text = "Trump hosted Starmer. [@a]\n";
    let note = Note::parse(text);
    assert_eq!(note.claims.len(), 1);
    assert_eq!(note.claims[0].citations, vec![0]);
}

#[test]
fn code_comments_and_link_targets_are_not_text() {
    let text = "Use `[@code]` here <!-- [@hidden] \"one two three\" --> and [the story](../seeds/003.txt) [@real].\n\n```\n[@block] \"a b c d\"\n```\n";
    let note = Note::parse(text);
    let targets: Vec<&CitationTarget> = note.citations.iter().map(|c| &c.target).collect();
    assert_eq!(
        targets,
        vec![
            &CitationTarget::Key("real".into()),
            &CitationTarget::Link("../seeds/003.txt".into())
        ]
    );
    assert_eq!(
        &text[note.citations[1].key_range.clone()],
        "../seeds/003.txt"
    );
    assert!(note.quotes.is_empty());
}

#[test]
fn attributed_blockquotes() {
    let text = "> \"I have confidence if we make a deal,\n> it's going to hold.\"\n> — Donald Trump [@001]\n\n> Just quoted material without attribution here.\n";
    let note = Note::parse(text);
    assert_eq!(note.quotes.len(), 1);
    let quote = &note.quotes[0];
    assert!(quote.block);
    assert_eq!(
        quote.text,
        "I have confidence if we make a deal,\nit's going to hold."
    );
    assert_eq!(
        quote.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Donald Trump")
    );
    assert_eq!(
        &text[quote.speaker.as_ref().unwrap().range.clone()],
        "Donald Trump"
    );
    assert_eq!(keys(&note, text), vec!["001"]);
    let claim = &note.claims[note.citations[0].claim.unwrap()];
    assert_eq!(claim.kind, BlockKind::AttributedBlockQuote);
    assert_eq!(claim.quotes, vec![0]);
    // The unattributed blockquote is ordinary text.
    assert!(
        note.claims
            .iter()
            .any(|c| text[c.range.clone()].starts_with("Just quoted"))
    );
}

#[test]
fn attribution_as_a_list_item_and_nested_blockquotes() {
    let text = "> We are going to have Europe do that.\n>\n> - Trump [@003]\n\n> > nested \"one two three\" [@x]\n> outer\n";
    let note = Note::parse(text);
    let block: Vec<&Quote> = note.quotes.iter().filter(|q| q.block).collect();
    assert_eq!(block.len(), 1);
    assert_eq!(block[0].speaker.as_ref().unwrap().name, "Trump");
    assert!(keys(&note, text).contains(&"x".to_string()));
}

#[test]
fn quote_spanning_lines_and_unbalanced_marks() {
    let text = "Starmer said \"we need a\nlasting peace\" [@a].\n\n- He said \"this opens\n- and this closes\" [@b].\n\nAn \"unbalanced mark here [@c].\n";
    let note = Note::parse(text);
    let quotes: Vec<&str> = note.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(quotes, vec!["we need a\nlasting peace"]);
    assert_eq!(keys(&note, text), vec!["a", "b", "c"]);
}

#[test]
fn speakers_next_to_quotes() {
    let text = "\"We will sign it today,\" Starmer told reporters [@a]. Trump said \"it is going to hold\" [@b].\n";
    let note = Note::parse(text);
    let speakers: Vec<Option<&str>> = note
        .quotes
        .iter()
        .map(|q| q.speaker.as_ref().map(|s| &text[s.range.clone()]))
        .collect();
    assert_eq!(speakers, vec![Some("Starmer"), Some("Trump")]);
}

/// The speaker each quote of `text` names, as written in `text`, and
/// whether it is written without markup.
fn speakers(text: &str) -> Vec<Option<(&str, bool)>> {
    Note::parse(text)
        .quotes
        .iter()
        .map(|q| (q.speaker.as_ref()).map(|s| (&text[s.range.clone()], s.verbatim)))
        .collect()
}

#[test]
fn a_speaker_is_a_whole_name() {
    const QUOTE: &str = "\"we will decide very quickly\"";
    let cases: [(&str, Option<&str>); 11] = [
        // Glued to letters before it, or cut from a longer run of
        // capitalised words than a name has: renaming the part found would
        // leave a name that reads differently, so the quote names no one.
        ("\u{202e}mMEabkgoyrTrump said {q} [@talk].", None),
        (
            "-- Name-- Name-- Name-- Name-- Name-- Name-- NameStarmer of the Labour Party said {q}.",
            None,
        ),
        ("{q}, said One Two Three Four Five Six Seven.", None),
        // Set apart by punctuation or an invisible character, it is a name.
        (
            "Talks went on. \u{202e}Trump said {q} [@talk].",
            Some("Trump"),
        ),
        ("But Trump said {q}.", Some("Trump")),
        // The nearest said-verb names the speaker, not the first in reach
        // of the quote: renaming a name must not bring another into reach.
        ("He said it, and Trump said {q}.", Some("Trump")),
        ("Mr. Smith said so, and Trump said {q}.", Some("Trump")),
        (
            "Trump said on Thursday in Washington that {q}.",
            Some("Trump"),
        ),
        // A name and colon just before the quote is out of a verb's reach.
        ("Trump told Reuters: {q}.", Some("Trump")),
        ("Talks ended. Starmer: {q}.", Some("Starmer")),
        // The name ends with the quote's sentence.
        ("{q}, said Starmer. The talks went on.", Some("Starmer")),
    ];
    for (text, want) in cases {
        let text = text.replace("{q}", QUOTE);
        assert_eq!(
            speakers(&text),
            vec![want.map(|name| (name, true))],
            "{text}"
        );
    }
}

#[test]
fn a_speaker_written_across_markup_is_not_verbatim() {
    assert_eq!(
        speakers("**Keir** Starmer said \"we will decide very quickly\" [@a]."),
        vec![Some(("Keir** Starmer", false))]
    );
    assert_eq!(
        speakers("> “We will not stand by,” he said.\n> — Keir Starmer[x](seeds/a.md) [@x]\n"),
        vec![Some(("Keir Starmer[x", false))]
    );
    assert_eq!(
        speakers("**Starmer** said \"we will decide very quickly\" [@a]."),
        vec![Some(("Starmer", true))]
    );
}

#[test]
fn degenerate_notes() {
    for text in [
        "",
        "---\ntitle: only front matter\n---\n",
        "[@]",
        "[@key",
        "[@ünïcødé_ключ]",
        "\"",
        "> ",
        "|a|b|\n|-|-|\n|\"x y z\" [@k]|2|\n",
    ] {
        let note = Note::parse(text);
        for c in &note.citations {
            assert!(text.get(c.key_range.clone()).is_some());
        }
    }
    let note = Note::parse("[@ünïcødé_ключ]");
    assert_eq!(note.citations[0].key(), Some("ünïcødé_ключ"));
    assert!(Note::parse("[@key").citations.is_empty());
    let table = Note::parse("|a|b|\n|-|-|\n|\"x y z\" said Ann [@k]|2|\n");
    assert_eq!(
        table
            .claims
            .iter()
            .filter(|c| c.kind == BlockKind::TableCell)
            .count(),
        4
    );
    assert_eq!(table.quotes.len(), 1);
}

#[test]
fn large_note_parses_quickly() {
    let line = "- Starmer said \"we need a lasting peace\" on Feb. 27 [@003_24af249c9a4d55a2].\n";
    let text = line.repeat(10_000);
    let started = std::time::Instant::now();
    let note = Note::parse(&text);
    assert_eq!(note.quotes.len(), 10_000);
    assert_eq!(note.claims.len(), 10_000);
    assert!(
        started.elapsed().as_secs() < 5,
        "took {:?}",
        started.elapsed()
    );
}

proptest! {
    #[test]
    fn arbitrary_markdown_never_panics(text in "[a-zA-Z0-9@\\[\\]();,.:!?\"“”’*_`>#|\\- \n é—<!]{0,200}") {
        let note = Note::parse(&text);
        for c in &note.citations {
            prop_assert!(text.get(c.key_range.clone()).is_some());
            prop_assert!(text.get(c.group.clone()).is_some());
            if let Some(claim) = c.claim { prop_assert!(claim < note.claims.len()); }
        }
        for q in &note.quotes {
            prop_assert!(text.get(q.range.clone()).is_some());
            prop_assert!(text.get(q.content.clone()).is_some());
        }
        for claim in &note.claims {
            prop_assert!(text.get(claim.range.clone()).is_some());
            for span in &claim.cited_spans {
                prop_assert!(claim.text.text.get(span.clone()).is_some());
            }
        }
    }
}

#[test]
fn a_block_of_tens_of_thousands_of_citations_and_quotes_parses_in_linear_time() {
    // One sentence of 40,000 citation groups, then one of 20,000 short
    // quotes: asking every group or quote about every character or
    // sentence end would take minutes.
    let mut text = String::from("Growth rose");
    for i in 0..40_000 {
        text.push_str(&format!(" [@k{}]", i % 7));
    }
    text.push_str(".\n\nThey said");
    for _ in 0..20_000 {
        text.push_str(" \"we rebuild schools.\"");
    }
    text.push('\n');
    let started = std::time::Instant::now();
    let note = Note::parse(&text);
    let took = started.elapsed();
    assert_eq!(note.citations.len(), 40_000);
    assert_eq!(note.claims[0].citations.len(), 40_000);
    assert_eq!(note.quotes.len(), 20_000);
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
}
