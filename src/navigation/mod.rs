//! What the editor asks about a workspace file, answered as plain data
//! (paths, byte ranges, strings, Markdown): the language server only converts
//! the answers to the protocol. This module holds the lookups the questions
//! share: where a citation points, where a note's quote comes from, who is
//! named at an offset, where a person is mentioned, who cites an article.

mod actions;
mod completion;
mod goto;
mod hints;
mod hover;
mod outline;
mod symbols;

pub use actions::{IgnoreComment, ignore_comment};
pub use completion::{CitationCandidate, Completion, PersonCandidate, complete};
pub use goto::{definition, references};
pub use hints::{CitationHint, citation_hints};
pub use hover::{HoverText, hover};
pub use outline::{OutlineItem, OutlineKind, outline};
pub use symbols::{SymbolKind, WorkspaceSymbol, workspace_symbols};

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::claims::{self, QuoteMatch, QuoteStatus};
use crate::note::{Citation, Note};
use crate::people::{PersonId, QuoteId};

/// A file and a byte range of its text.
pub type FileSpot = (PathBuf, Range<usize>);

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

/// The text of an open editor buffer, which takes the place of the analysed
/// text of the same file.
pub type OpenText<'a> = dyn Fn(&Path) -> Option<String> + 'a;

/// Every citation of `article` in the workspace's notes.
pub fn citations_of(analysis: &Analysis, article: usize, open: &OpenText<'_>) -> Vec<FileSpot> {
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

/// The quote of `note` at `offset`, its ends included.
pub fn quote_at(note: &Note, offset: usize) -> Option<usize> {
    note.quotes
        .iter()
        .position(|q| q.range.start <= offset && offset <= q.range.end)
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
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

/// Where a person first appears: their earliest dated article, first
/// mention in it.
pub fn first_mention(analysis: &Analysis, person: PersonId) -> Option<FileSpot> {
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

/// Every mention of a person: in the corpus, then in the notes.
pub fn person_mentions(
    analysis: &Analysis,
    person: PersonId,
    open: &OpenText<'_>,
) -> Vec<FileSpot> {
    let people = analysis.people();
    let mut out: Vec<FileSpot> = people
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
