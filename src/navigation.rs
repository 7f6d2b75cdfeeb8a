//! What the editor asks about a note: where a citation points and which
//! passage supports its claim, where a quote comes from, who cites an
//! article. Plain data and Markdown; the language server only converts.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::claims::{self, QuoteMatch, QuoteStatus};
use crate::note::{Citation, Note};
use crate::people::hover as people_hover;
use crate::people::{PersonId, QuoteId, QuoteSpeaker};

/// An article and a byte range in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSpot {
    pub article: usize,
    pub range: Range<usize>,
}

/// Where a citation points: the supporting passage when one is found, else
/// the start of the article's body.
pub fn citation_target(
    analysis: &Analysis,
    note_path: &Path,
    note: &Note,
    citation: &Citation,
) -> Option<ArticleSpot> {
    let corpus = &analysis.corpus;
    let article = claims::resolve_citation(note_path, citation, corpus)?;
    let claim = citation.claim.and_then(|i| note.claims.get(i));
    // A quote in the claim that this article holds is the best evidence.
    if let Some(claim) = claim {
        for &q in &claim.quotes {
            let found = quote_match(analysis, note_path, note, q);
            if found.status == QuoteStatus::Found
                && found.article == Some(article)
                && let Some(range) = found.source_range
            {
                return Some(ArticleSpot { article, range });
            }
        }
        if let Some(range) = claims::supporting_passage(corpus, claim, article) {
            return Some(ArticleSpot { article, range });
        }
    }
    let start = corpus.article(article).body.start;
    Some(ArticleSpot {
        article,
        range: start..start,
    })
}

/// Match quote `index` of `note` against the articles its claim cites.
pub fn quote_match(analysis: &Analysis, note_path: &Path, note: &Note, index: usize) -> QuoteMatch {
    let quote = &note.quotes[index];
    let cited: Vec<usize> = quote
        .claim
        .and_then(|c| note.claims.get(c))
        .map(|claim| {
            claim
                .citations
                .iter()
                .filter_map(|&i| note.citations.get(i))
                .filter_map(|c| claims::resolve_citation(note_path, c, &analysis.corpus))
                .collect()
        })
        .unwrap_or_default();
    claims::match_quote(
        &analysis.corpus,
        analysis.passage_index(),
        index,
        quote,
        &cited,
    )
}

/// Every citation of `article` in the workspace's notes, with editor buffers
/// (`open`) taking the place of the analysed text.
pub fn citations_of(
    analysis: &Analysis,
    article: usize,
    open: &dyn Fn(&Path) -> Option<String>,
) -> Vec<(PathBuf, Range<usize>)> {
    let mut out = Vec::new();
    for note_file in &analysis.notes {
        let text = open(&note_file.path).unwrap_or_else(|| note_file.text.clone());
        let note = Note::parse(&text);
        for citation in &note.citations {
            if claims::resolve_citation(&note_file.path, citation, &analysis.corpus)
                == Some(article)
            {
                out.push((note_file.path.clone(), citation.key_range.clone()));
            }
        }
    }
    out
}

/// One line of an article for display: white space collapsed, at most
/// `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max - 1).collect();
    format!(
        "{}…",
        cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head)
    )
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Markdown for hovering a citation: the article's metadata and the passage
/// that supports the claim.
pub fn citation_hover(
    analysis: &Analysis,
    note_path: &Path,
    note: &Note,
    citation: &Citation,
) -> String {
    let Some(spot) = citation_target(analysis, note_path, note, citation) else {
        let key = citation.key().unwrap_or("?");
        return format!("**No article has the citation key `{key}`.**");
    };
    let article = analysis.corpus.article(spot.article);
    let mut out = format!("**{}**", article.title().unwrap_or(&article.key));
    let mut facts = Vec::new();
    if let Some(date) = article.date() {
        facts.push(date.to_string());
    }
    if let Some(source) = article.source() {
        facts.push(source.to_string());
    }
    if let Some(author) = article.author() {
        facts.push(format!("by {author}"));
    }
    if !facts.is_empty() {
        out.push_str(&format!("\n\n{}", facts.join(" · ")));
    }
    if let Some(url) = article.url() {
        out.push_str(&format!("\n\n<{url}>"));
    }
    out.push_str(&format!("\n\n`@{}` — `{}`", article.key, article.rel_path));
    if !spot.range.is_empty() {
        let passage = excerpt(&article.text[spot.range.clone()], 300);
        out.push_str(&format!(
            "\n\n---\n\nSupporting passage (line {}):\n\n> {passage}",
            line_of(&article.text, spot.range.start)
        ));
    }
    out
}

/// Markdown for hovering a quote: where it comes from, or why it was not
/// found.
pub fn quote_hover(analysis: &Analysis, note_path: &Path, note: &Note, index: usize) -> String {
    let found = quote_match(analysis, note_path, note, index);
    let place = |article: usize, range: &Range<usize>| {
        let a = analysis.corpus.article(article);
        let date = a.date().map(|d| format!(", {d}")).unwrap_or_default();
        let source = a.source().map(|s| format!(", {s}")).unwrap_or_default();
        format!(
            "`@{}`{date}{source}, line {}",
            a.key,
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
        excerpt(&text[start..end], 400)
    };
    let speaker = note.quotes[index]
        .speaker
        .as_ref()
        .map(|s| format!("\n\nThe note attributes it to **{}**.", s.name))
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
            "**Misquote**: {difference}. Closest passage in {}:\n\n> {}",
            place(article, range),
            sentence(article, range)
        ),
        (QuoteStatus::Unchecked, _, _) => "Too short to check (a scare quote).".to_string(),
        _ => "**No article contains this quote**, nor anything close.".to_string(),
    }
}

/// The person named at `offset` of a workspace file (article or note), and
/// the range of the name.
pub fn person_at(
    analysis: &Analysis,
    path: &Path,
    text: &str,
    offset: usize,
) -> Option<(PersonId, Range<usize>)> {
    let people = analysis.people();
    if let Some(article) = analysis.corpus.by_path(path) {
        // Offsets are the analysed text's; an edited buffer is re-analysed
        // when it changes, so they only lag while that runs.
        let mention = people.mention_at(&article.key, offset)?;
        return Some((mention.person, mention.range.clone()));
    }
    people
        .find_mentions(text)
        .into_iter()
        .find(|m| m.range.start <= offset && offset <= m.range.end)
        .map(|m| (m.person, m.range))
}

/// The corpus quote at `offset` of an article.
pub fn article_quote_at(analysis: &Analysis, path: &Path, offset: usize) -> Option<QuoteId> {
    let article = analysis.corpus.by_path(path)?;
    analysis
        .people()
        .quotes_in(&article.key)
        .find(|q| q.range.start <= offset && offset <= q.range.end)
        .map(|q| q.id)
}

pub fn person_hover(analysis: &Analysis, person: PersonId) -> Option<String> {
    people_hover::person_card(analysis.people(), person).map(|card| card.to_markdown())
}

pub fn corpus_quote_hover(analysis: &Analysis, quote: QuoteId) -> Option<String> {
    people_hover::quote_card(analysis.people(), &analysis.corpus, quote)
        .map(|card| card.to_markdown())
}

/// Where a person first appears: their earliest dated article, first
/// mention in it.
pub fn first_mention(analysis: &Analysis, person: PersonId) -> Option<(PathBuf, Range<usize>)> {
    let people = analysis.people();
    let person = people.person(person)?;
    let mention = person
        .mentions
        .iter()
        .map(|&m| &people.mentions[m])
        .min_by_key(|m| {
            // The index's own record of the date: reading every article
            // that names a much-quoted person would take seconds.
            let date = people.articles[m.article].date;
            (date.is_none(), date, m.article, m.range.start)
        })?;
    Some((
        analysis.corpus.path(mention.article).to_path_buf(),
        mention.range.clone(),
    ))
}

/// Every mention of a person: in the corpus, then in the notes (editor
/// buffers taking the place of the analysed text).
pub fn person_mentions(
    analysis: &Analysis,
    person: PersonId,
    open: &dyn Fn(&Path) -> Option<String>,
) -> Vec<(PathBuf, Range<usize>)> {
    let people = analysis.people();
    let mut out: Vec<(PathBuf, Range<usize>)> = people
        .person(person)
        .map(|p| {
            p.mentions
                .iter()
                .map(|&m| &people.mentions[m])
                .map(|m| {
                    (
                        analysis.corpus.path(m.article).to_path_buf(),
                        m.range.clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    for note in &analysis.notes {
        let text = open(&note.path).unwrap_or_else(|| note.text.clone());
        for mention in people.find_mentions(&text) {
            if mention.person == person {
                out.push((note.path.clone(), mention.range));
            }
        }
    }
    out
}

/// Who the corpus says spoke the words a note's quote matched.
pub fn corpus_speaker(analysis: &Analysis, found: &QuoteMatch) -> Option<String> {
    let article = analysis.corpus.article(found.article?);
    let people = analysis.people();
    let quote = people
        .quotes_at(&article.key, found.source_range.clone()?)
        .into_iter()
        .next()?;
    let cue = quote
        .cue
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    match &quote.speaker {
        QuoteSpeaker::Person(id) => Some(format!("**{}**{cue}", people.persons[*id].canonical)),
        QuoteSpeaker::Unnamed(description) => {
            Some(format!("“{description}”, not a named person{cue}"))
        }
        QuoteSpeaker::Unresolved => None,
    }
}
