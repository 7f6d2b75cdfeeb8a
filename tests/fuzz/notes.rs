//! Note syntax: citations, quotes, blockquotes with attribution lines, the
//! split into claims, and suppression comments.

use backstop::note::inline::{self, citations, quotes, sentences};
use backstop::note::{CitationTarget, Note, Speaker};
use backstop::suppression::Suppressions;
use backstop::text::LineIndex;
use proptest::prelude::*;
use proptest::sample::select;

use crate::hostile_text::{offsets, text};
use crate::{cases, in_text};

/// Sentences that name a speaker next to a quote, each way the note's
/// speaker reader knows.
const ATTRIBUTED: [&str; 6] = [
    "Trump said \"we will decide very quickly\" [@talk]. ",
    "\"We will decide very quickly,\" said Starmer. ",
    "\"We will decide very quickly,\" Starmer told reporters. ",
    "According to Starmer, \"we will decide very quickly\". ",
    "Starmer of the Labour Party said \"we will decide very quickly\". ",
    "Starmer: \"we will decide very quickly\" ",
];

/// `source` with the speaker of its quote number `index` renamed `name`:
/// the quote's speaker in the renamed note, if that quote is still there.
fn renamed_speaker(source: &str, index: usize, name: &str) -> Option<(String, Option<Speaker>)> {
    let note = Note::parse(source);
    let quote = &note.quotes[index];
    let range = quote.speaker.as_ref()?.range.clone();
    let renamed = format!("{}{name}{}", &source[..range.start], &source[range.end..]);
    let shift = |at: usize| {
        if at >= range.end {
            at - range.len() + name.len()
        } else {
            at
        }
    };
    let again = Note::parse(&renamed);
    let content = shift(quote.content.start)..shift(quote.content.end);
    let moved = again.quotes.iter().find(|q| q.content == content)?;
    Some((renamed, moved.speaker.clone()))
}

pub fn check_note(source: &str) -> Result<Note, TestCaseError> {
    let note = Note::parse(source);
    if let Some(front) = &note.front_matter {
        in_text(source, front, "front matter")?;
    }
    for citation in &note.citations {
        in_text(source, &citation.key_range, "citation key")?;
        in_text(source, &citation.range, "citation")?;
        in_text(source, &citation.group, "citation group")?;
        prop_assert!(citation.group.start <= citation.range.start);
        prop_assert!(citation.range.end <= citation.group.end);
        if let CitationTarget::Key(key) = &citation.target {
            // The key is read from the plain text, so markup inside it (an
            // escape, an inline tag) is left out; what is left is in order.
            let written = &source[citation.key_range.clone()];
            let mut chars = written.chars();
            prop_assert!(
                key.chars().all(|k| chars.any(|w| w == k)),
                "key {:?} is not within {:?}",
                key,
                written
            );
        }
        if let Some(claim) = citation.claim {
            prop_assert!(claim < note.claims.len());
        }
    }
    for quote in &note.quotes {
        in_text(source, &quote.range, "quote")?;
        in_text(source, &quote.content, "quote content")?;
        if let Some(speaker) = &quote.speaker {
            in_text(source, &speaker.range, "speaker")?;
        }
        if let Some(claim) = quote.claim {
            prop_assert!(claim < note.claims.len());
        }
    }
    for (index, claim) in note.claims.iter().enumerate() {
        in_text(source, &claim.range, "claim")?;
        for &c in &claim.citations {
            prop_assert_eq!(note.citations[c].claim, Some(index));
        }
        for &q in &claim.quotes {
            prop_assert_eq!(note.quotes[q].claim, Some(index));
        }
        for span in &claim.cited_spans {
            in_text(&claim.text.text, span, "cited span")?;
        }
        let whole = claim.text.source_range(0..claim.text.text.len());
        in_text(source, &whole, "claim text source")?;
    }
    prop_assert!(
        note.claims
            .windows(2)
            .all(|pair| pair[0].range.start <= pair[1].range.start)
    );
    Ok(note)
}

proptest! {
    #![proptest_config(cases(300, "tests/hostile/proptest/notes.txt"))]

    #[test]
    fn notes_parse_with_spans_inside(source in text("note", 40), picks in offsets()) {
        let note = check_note(&source)?;
        for pick in picks {
            let offset = pick % (source.len() + 2);
            if let Some(citation) = note.citation_at(offset) {
                in_text(&source, &citation.range, "citation at")?;
            }
            let _ = note.quote_at(offset);
            let _ = note.claim_at(offset);
        }
    }

    /// A citation key read from a note, written back as `[@key]`, reads as
    /// the same key.
    #[test]
    fn citation_keys_round_trip(source in text("note", 30)) {
        for item in citations(&source) {
            in_text(&source, &item.item, "citation item")?;
            in_text(&source, &item.key_range, "citation key")?;
            in_text(&source, &item.group, "citation group")?;
            let rendered = format!("See [@{}].", item.key);
            let again = citations(&rendered);
            prop_assert_eq!(again.len(), 1, "{:?} from {:?}", rendered, source);
            prop_assert_eq!(&again[0].key, &item.key);
        }
    }

    /// Quote marks pair up inside the text, the marks outside the words,
    /// and never across a skipped range.
    #[test]
    fn quote_marks_pair_inside_the_text(source in text("note", 30)) {
        let groups: Vec<_> = citations(&source).into_iter().map(|c| c.group).collect();
        for quote in quotes(&source, &groups) {
            in_text(&source, &quote.outer, "quote")?;
            in_text(&source, &quote.inner, "quote inner")?;
            prop_assert!(quote.outer.start <= quote.inner.start && quote.inner.end <= quote.outer.end);
            for group in &groups {
                prop_assert!(!quote.outer.contains(&group.start) || group.start == quote.outer.start);
            }
            let _ = inline::speaker(&source, &quote, 0..source.len());
        }
        for sentence in sentences(&source, &groups) {
            in_text(&source, &sentence, "sentence")?;
            prop_assert!(!sentence.is_empty());
        }
    }

    /// A speaker read next to a quote, renamed in place (what the
    /// misattributed-quote fix does), reads back as the new name: the name's
    /// range is all of the name and nothing else.
    #[test]
    fn a_renamed_speaker_reads_back(
        before in text("note", 6),
        claim in select(ATTRIBUTED.to_vec()),
        name in select(vec!["Trump", "Donald Trump", "Von der Leyen"]),
    ) {
        let source = format!("{before}{claim}");
        let note = check_note(&source)?;
        for index in 0..note.quotes.len() {
            // A name with markup inside gets no fix: nothing renames it.
            let Some(speaker) = note.quotes[index].speaker.as_ref().filter(|s| s.verbatim) else { continue };
            let Some((renamed, again)) = renamed_speaker(&source, index, name) else { continue };
            let want = speaker.range.start..speaker.range.start + name.len();
            prop_assert_eq!(
                again.as_ref().map(|s| (s.name.as_str(), s.range.clone())),
                Some((name, want)),
                "{:?} (speaker {:?}) renamed {:?}", source, speaker.name, renamed
            );
        }
    }

    /// Suppression comments never panic and silence what they name on the
    /// line they name, whatever surrounds them.
    #[test]
    fn suppression_comments_parse(before in text("note", 8), code in "[a-z][a-z-]{0,14}", after in text("note", 8)) {
        let line = before.replace(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'], " ");
        let source = format!("{after}\n{line} <!-- backstop-ignore {code} -->\n{before}");
        let index = LineIndex::new(&source);
        let suppressions = Suppressions::parse(&source, &index);
        let comment_line = index.line_of(after.len() + 1 + line.len() + 1);
        let target = if line.trim().is_empty() { comment_line + 1 } else { comment_line };
        prop_assert!(suppressions.is_suppressed(target, &code), "{:?}", source);
        for line in 0..index.line_count() + 2 {
            let _ = suppressions.is_suppressed(line, "misquote");
        }
    }
}
