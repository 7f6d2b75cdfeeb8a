//! Hover text for a workspace file: people, quotes (in notes and articles),
//! citations, and an article's metadata date. Markdown in which every piece
//! of corpus and note text is escaped (`text::markdown`): article text is
//! scraped from the web and must not become links, images or HTML.

use std::ops::Range;
use std::path::Path;

use jiff::civil::Date;

use super::{
    article_quote_at, citation_target, excerpt, line_of, person_at, quote_at, quote_match,
};
use crate::analysis::Analysis;
use crate::article::Article;
use crate::claims::{QuoteMatch, QuoteStatus};
use crate::note::{Citation, Note};
use crate::people::hover as people_hover;
use crate::people::{PersonId, QuoteId, QuoteSpeaker};
use crate::text::markdown::{code_span, escape, web_link};

/// Markdown about a span of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverText {
    pub markdown: String,
    /// The byte range the text is about.
    pub range: Range<usize>,
}

/// What to show for `offset` of a workspace file whose current text is
/// `text`.
pub fn hover(analysis: &Analysis, path: &Path, text: &str, offset: usize) -> Option<HoverText> {
    if analysis.corpus.by_path(path).is_some() {
        let article = Article::parse(path.to_path_buf(), String::new(), text.to_string());
        if let Some(hover) = date_hover(&article, offset, crate::analysis::today()) {
            return Some(hover);
        }
        // A name inside a quote is about the person; elsewhere in a quote,
        // the quote.
        if let Some(hover) = person_hover_at(analysis, path, text, offset) {
            return Some(hover);
        }
        let quote = article_quote_at(analysis, path, offset)?;
        let markdown = corpus_quote_hover(analysis, quote)?;
        let range = analysis.people().quotes[quote].range.clone();
        return Some(HoverText { markdown, range });
    }
    let note = Note::parse(text);
    if let Some(citation) = note.citation_at(offset) {
        return Some(HoverText {
            markdown: citation_hover(analysis, path, &note, citation),
            range: citation.range.clone(),
        });
    }
    if let Some(index) = quote_at(&note, offset) {
        // The speaker's name next to a quote is about the person.
        if let Some(hover) = person_hover_at(analysis, path, text, offset) {
            return Some(hover);
        }
        return Some(HoverText {
            markdown: quote_hover(analysis, path, &note, index),
            range: note.quotes[index].range.clone(),
        });
    }
    person_hover_at(analysis, path, text, offset)
}

fn person_hover_at(
    analysis: &Analysis,
    path: &Path,
    text: &str,
    offset: usize,
) -> Option<HoverText> {
    let (person, range) = person_at(analysis, path, text, offset)?;
    let markdown = person_hover(analysis, person)?;
    Some(HoverText { markdown, range })
}

/// On an article's `date` field: the date spelled out, how long ago it was
/// (from `today`), and whether a dateline in the body agrees.
pub fn date_hover(article: &Article, offset: usize, today: Date) -> Option<HoverText> {
    let field = article.field("date")?;
    let range = field.key_range.start..field.value_range.end;
    if !(range.start <= offset && offset <= range.end) {
        return None;
    }
    let mut markdown = match article.date() {
        Some(date) => {
            let ago = match (today - date).get_days() {
                0 => "today".to_string(),
                1 => "yesterday".to_string(),
                d if d > 1 => format!("{d} days ago"),
                d => format!("in {} days", -d),
            };
            format!("**{}** ({ago})", date.strftime("%A, %-d %B %Y"))
        }
        None => format!("{} is not a valid ISO date", code_span(field.value.trim())),
    };
    if let Some(dateline) = crate::article::dateline::find_dateline(article).map(|d| d.date) {
        let agrees = article.date() == Some(dateline);
        markdown.push_str(&format!(
            "\n\nDateline in the body: {dateline}{}",
            if agrees { " (agrees)" } else { " (differs)" }
        ));
    }
    Some(HoverText { markdown, range })
}

/// Hovering a citation: the article's metadata and the passage that
/// supports the claim.
pub fn citation_hover(
    analysis: &Analysis,
    note_path: &Path,
    note: &Note,
    citation: &Citation,
) -> String {
    let Some(spot) = citation_target(analysis, note_path, note, citation) else {
        let key = citation.key().unwrap_or("?");
        return format!("**No article has the citation key {}.**", code_span(key));
    };
    let article = analysis.corpus.article(spot.article);
    let mut out = format!("**{}**", escape(article.title().unwrap_or(&article.key)));
    let mut facts = Vec::new();
    if let Some(date) = article.date() {
        facts.push(date.to_string());
    }
    if let Some(source) = article.source() {
        facts.push(escape(source));
    }
    if let Some(author) = article.author() {
        facts.push(format!("by {}", escape(author)));
    }
    if !facts.is_empty() {
        out.push_str(&format!("\n\n{}", facts.join(" · ")));
    }
    if let Some(url) = article.url() {
        out.push_str(&format!("\n\n{}", web_link(url)));
    }
    out.push_str(&format!(
        "\n\n{} — {}",
        code_span(&format!("@{}", article.key)),
        code_span(&article.rel_path)
    ));
    if !spot.range.is_empty() {
        let passage = excerpt(&article.text[spot.range.clone()], 300);
        out.push_str(&format!(
            "\n\n---\n\nSupporting passage (line {}):\n\n> {}",
            line_of(&article.text, spot.range.start),
            escape(&passage)
        ));
    }
    out
}

/// Hovering a note's quote: where it comes from, or why it was not found.
pub fn quote_hover(analysis: &Analysis, note_path: &Path, note: &Note, index: usize) -> String {
    let found = quote_match(analysis, note_path, note, index);
    let place = |article: usize, range: &Range<usize>| {
        let a = analysis.corpus.article(article);
        let date = a.date().map(|d| format!(", {d}")).unwrap_or_default();
        let source = a
            .source()
            .map(|s| format!(", {}", escape(s)))
            .unwrap_or_default();
        format!(
            "{}{date}{source}, line {}",
            code_span(&format!("@{}", a.key)),
            line_of(&a.text, range.start)
        )
    };
    let sentence = |article: usize, range: &Range<usize>| {
        let text = &analysis.corpus.article(article).text;
        let start = text[..range.start]
            .rfind(['\n', '.', '!', '?'])
            .map_or(0, |i| i + 1);
        let end = text[range.end..]
            .find('\n')
            .map_or(text.len(), |i| range.end + i);
        escape(&excerpt(&text[start..end], 400))
    };
    let speaker = note.quotes[index]
        .speaker
        .as_ref()
        .map(|s| format!("\n\nThe note attributes it to **{}**.", escape(&s.name)))
        .unwrap_or_default();
    let said_by = corpus_speaker(analysis, &found)
        .map(|s| format!("\n\nThe source gives it to {s}."))
        .unwrap_or_default();
    match (&found.status, found.article, &found.source_range) {
        (QuoteStatus::Found, Some(article), Some(range)) => format!(
            "**Quote found** in {}{said_by}{speaker}\n\n> {}",
            place(article, range),
            sentence(article, range)
        ),
        (QuoteStatus::WrongSource, Some(article), Some(range)) => format!(
            "**Quote found in another article** than the one cited: {}{speaker}\n\n> {}",
            place(article, range),
            sentence(article, range)
        ),
        (QuoteStatus::Misquote { difference, .. }, Some(article), Some(range)) => format!(
            "**Misquote**: {}. Closest passage in {}:\n\n> {}",
            escape(difference),
            place(article, range),
            sentence(article, range)
        ),
        (QuoteStatus::Unchecked, _, _) => "Too short to check (a scare quote).".to_string(),
        _ => "**No article contains this quote**, nor anything close.".to_string(),
    }
}

/// A person's card.
pub fn person_hover(analysis: &Analysis, person: PersonId) -> Option<String> {
    people_hover::person_card(analysis.people(), person).map(|card| card.to_markdown())
}

/// A corpus quote's card.
pub fn corpus_quote_hover(analysis: &Analysis, quote: QuoteId) -> Option<String> {
    people_hover::quote_card(analysis.people(), &analysis.corpus, quote)
        .map(|card| card.to_markdown())
}

/// Who the corpus says spoke the words a note's quote matched, as Markdown.
fn corpus_speaker(analysis: &Analysis, found: &QuoteMatch) -> Option<String> {
    let article = analysis.corpus.article(found.article?);
    let people = analysis.people();
    let quote = people
        .quotes_at(&article.key, found.source_range.clone()?)
        .into_iter()
        .next()?;
    let cue = quote
        .cue
        .as_deref()
        .map(|c| format!(" ({})", escape(c)))
        .unwrap_or_default();
    match &quote.speaker {
        QuoteSpeaker::Person(id) => Some(format!(
            "**{}**{cue}",
            escape(&people.persons[*id].canonical)
        )),
        QuoteSpeaker::Unnamed(description) => Some(format!(
            "“{}”, not a named person{cue}",
            escape(description)
        )),
        QuoteSpeaker::Unresolved => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article::parse("a.md".into(), "a.md".into(), text.to_string())
    }

    #[test]
    fn a_date_is_spelled_out_with_its_age() {
        let today = Date::constant(2025, 3, 1);
        let a = article("---\ndate: 2025-02-27\n---\nBody.\n");
        let hover = date_hover(&a, 6, today).unwrap();
        assert_eq!(
            hover.markdown,
            "**Thursday, 27 February 2025** (2 days ago)"
        );
        assert_eq!(hover.range, 4..20);
        let tomorrow = date_hover(&a, 6, Date::constant(2025, 2, 26)).unwrap();
        assert!(tomorrow.markdown.ends_with("(in 1 days)"));
        assert_eq!(date_hover(&a, 24, today), None);
    }

    #[test]
    fn a_bad_date_is_shown_as_code() {
        let a = article("---\ndate: 27/02/2025 `[x](command:y)`\n---\nBody.\n");
        let hover = date_hover(&a, 6, Date::constant(2025, 3, 1)).unwrap();
        assert_eq!(
            hover.markdown,
            "`` 27/02/2025 `[x](command:y)` `` is not a valid ISO date"
        );
    }
}
