//! What the passes of a build know about one article: the parts of it
//! that name people, and, while names are resolved and quotes attributed,
//! its text and scan and the people it names so far.

use std::ops::Range;

use super::model::{MentionKind, PersonId};
use super::scan::{Region, Scan};
use crate::article::Article;

/// Everything the second pass knows about one article.
pub(super) struct ArticleContext<'a> {
    pub text: &'a str,
    pub scan: Scan<'a>,
    pub body: Range<usize>,
}

/// A person named or described in an article; person ids are the name
/// table's.
#[derive(Debug, Clone)]
pub(super) struct FoundMention {
    pub person: PersonId,
    pub range: Range<usize>,
    pub kind: MentionKind,
}

/// A role an article gives a person, at `range` (the name it comes with).
#[derive(Debug, Clone)]
pub(super) struct FoundRole {
    pub person: PersonId,
    pub role: String,
    pub range: Range<usize>,
}

/// An article body longer than this is read for people a part at a time
/// (`parts_of`): the scan holds every word of what it reads, several
/// times the text's size.
const PART_AFTER: usize = 4 << 20;

/// How much of a long body one part takes before it ends at the next
/// paragraph break.
const PART_LENGTH: usize = 1 << 20;

/// The regions of an article to scan together, one list a part. An
/// article of ordinary length is one part: its title, author and body. A
/// body longer than `PART_AFTER` is cut at paragraph breaks into parts of
/// about `PART_LENGTH`, the title and author going with the first, so that
/// only one part's words are held at a time; a pronoun, a bare surname or
/// a quote's speaker is then resolved within its part.
pub(super) fn parts_of(article: &Article) -> Vec<Vec<(Region, Range<usize>)>> {
    let mut regions = regions_of(article);
    let Some((Region::Body, body)) = regions.last().cloned() else {
        return vec![regions];
    };
    if body.len() <= PART_AFTER {
        return vec![regions];
    }
    regions.pop();
    let mut parts = Vec::new();
    let mut start = body.start;
    for end in paragraph_cuts(&article.text, body.clone(), PART_LENGTH) {
        regions.push((Region::Body, start..end));
        parts.push(std::mem::take(&mut regions));
        start = end;
    }
    parts
}

/// Ends of consecutive pieces of `range` in `text`, each at least
/// `length` bytes long where the range allows, and at most twice that:
/// cut after the first paragraph break past `length`, else after a line
/// break, a sentence's end or a space, else at a char boundary. Each end
/// is a char boundary of `text`.
fn paragraph_cuts(text: &str, range: Range<usize>, length: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut start = range.start;
    while start < range.end {
        let from = ceil_char_boundary(text, (start + length).min(range.end));
        let until = ceil_char_boundary(text, (from + length).min(range.end));
        let window = &text[from..until];
        let end = if until == range.end && window.len() < length {
            range.end
        } else {
            ["\n\n", "\n\r\n", "\n", ". ", " "]
                .iter()
                .find_map(|cut| window.find(cut).map(|at| from + at + cut.len()))
                .unwrap_or(until)
        };
        ends.push(end);
        start = end;
    }
    ends
}

/// The first char boundary of `text` at or after `at`.
fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The parts of an article that name people: its title, its author and
/// its body.
pub(super) fn regions_of(article: &Article) -> Vec<(Region, Range<usize>)> {
    let mut regions = Vec::new();
    if let Some(title) = article.field("title") {
        regions.push((Region::Title, title.value_range.clone()));
    }
    if let Some(author) = article.field("author") {
        regions.push((Region::Author, author.value_range.clone()));
    }
    regions.push((Region::Body, article.body.clone()));
    regions.retain(|(_, r)| r.start <= r.end && article.text.get(r.clone()).is_some());
    regions
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use proptest::prelude::*;

    use super::*;

    fn article(body: &str) -> Article {
        let text = format!("---\ntitle: Long\ndate: 2024-05-10\n---\n{body}");
        Article::parse(PathBuf::from("/w/long.md"), "long.md".into(), text)
    }

    #[test]
    fn an_ordinary_article_is_one_part() {
        let long = article("Keir Starmer said so.\n\n");
        assert_eq!(parts_of(&long), vec![regions_of(&long)]);
    }

    #[test]
    fn a_long_body_is_cut_at_paragraph_breaks_with_the_title_in_the_first_part() {
        let paragraph = "Keir Starmer said the talks would go on. ".repeat(40) + "\n\n";
        let long = article(&paragraph.repeat(PART_AFTER / paragraph.len() + 2));
        let parts = parts_of(&long);
        assert!(parts.len() >= 4, "{} parts", parts.len());
        assert_eq!(parts[0][0].0, Region::Title);
        let bodies: Vec<Range<usize>> = parts.iter().map(|p| p.last().unwrap().1.clone()).collect();
        assert_eq!(bodies[0].start, long.body.start);
        assert_eq!(bodies.last().unwrap().end, long.body.end);
        for (before, after) in bodies.iter().zip(&bodies[1..]) {
            assert_eq!(before.end, after.start);
            assert!(long.text[..before.end].ends_with("\n\n"));
        }
        assert!(parts[1..].iter().all(|p| p.len() == 1));
    }

    #[test]
    fn people_and_speakers_are_found_in_every_part_of_a_long_article() {
        let filler = "Talks on the budget went on through the week in the capital. ".repeat(20);
        let paragraphs = PART_AFTER / filler.len() + 2;
        let mut body = String::from("Prime Minister Keir Starmer met the unions.\n\n");
        for _ in 0..paragraphs {
            body.push_str(&filler);
            body.push_str("\n\n");
        }
        body.push_str("\"We will not give way,\" Starmer told reporters.\n");
        let long = article(&body);
        assert!(parts_of(&long).len() >= 4);
        let corpus = crate::corpus::Corpus::new(vec![long]);
        let index = crate::people::PeopleIndex::build(&corpus, &[]);
        let names: Vec<&str> = index.persons.iter().map(|p| p.canonical.as_str()).collect();
        assert_eq!(names, ["Keir Starmer"]);
        let quote = &index.quotes[0];
        assert!(quote.text.starts_with("We will not give way"));
        assert_eq!(index.speaker_label(&quote.speaker), "Keir Starmer");
    }

    proptest! {
        #[test]
        fn cuts_cover_the_range_at_char_boundaries(
            text in "[a-zé. \n]{0,300}",
            length in 1usize..40,
        ) {
            let ends = paragraph_cuts(&text, 0..text.len(), length);
            let mut start = 0;
            for &end in &ends {
                prop_assert!(end > start && end <= text.len());
                prop_assert!(text.is_char_boundary(end));
                prop_assert!(end - start <= 2 * length + 2 || end == text.len());
                start = end;
            }
            prop_assert_eq!(start, text.len());
        }
    }
}
