//! Hover cards as plain data, rendered to Markdown with every piece of
//! article text escaped. The language server shows them; nothing here knows
//! about the protocol.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::scan;
use super::{PeopleIndex, PersonId, QuoteId};
use crate::corpus::Corpus;
use crate::text::markdown::escape;

/// How many quotes a person card lists.
pub const PERSON_CARD_QUOTES: usize = 3;
/// How many sources a role line names before "and N more".
const MAX_SOURCES_PER_ROLE: usize = 3;
/// Longest sentence a quote card shows, in characters.
const MAX_SENTENCE_CHARS: usize = 600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcedLine {
    pub text: String,
    /// `None` for `backstop.toml`.
    pub article: Option<String>,
    pub date: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonCard {
    pub name: String,
    pub roles: Vec<SourcedLine>,
    pub aliases: Vec<String>,
    pub mentions: usize,
    pub articles: usize,
    /// Newest first.
    pub quotes: Vec<SourcedLine>,
    pub more_quotes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteCard {
    pub text: String,
    pub speaker: String,
    pub cue: Option<String>,
    pub article: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    /// The sentence (or sentences) around the quote, as the article has it.
    pub sentence: String,
    /// Other articles carrying the same words.
    pub elsewhere: Vec<SourcedLine>,
}

pub fn person_card(index: &PeopleIndex, id: PersonId) -> Option<PersonCard> {
    let person = index.person(id)?;
    let roles = person
        .roles
        .iter()
        .map(|r| SourcedLine {
            text: r.role.to_string(),
            article: r.article.map(|a| index.articles[a].key.clone()),
            date: r.date,
        })
        .collect();
    let mut quotes: Vec<&super::CorpusQuote> = person
        .quotes
        .iter()
        .filter_map(|&q| index.quote(q))
        .collect();
    quotes.sort_by(|a, b| {
        let date = |q: &super::CorpusQuote| index.articles[q.article].date;
        date(b)
            .cmp(&date(a))
            .then(a.article.cmp(&b.article))
            .then(a.range.start.cmp(&b.range.start))
    });
    let more_quotes = quotes.len().saturating_sub(PERSON_CARD_QUOTES);
    let quotes = quotes
        .into_iter()
        .take(PERSON_CARD_QUOTES)
        .map(|q| SourcedLine {
            text: q.text.clone(),
            article: Some(index.articles[q.article].key.clone()),
            date: index.articles[q.article].date,
        })
        .collect();
    Some(PersonCard {
        name: person.canonical.clone(),
        roles,
        aliases: person.aliases.clone(),
        mentions: index.name_mention_count(id),
        articles: index.article_count(id),
        quotes,
        more_quotes,
    })
}

pub fn quote_card(index: &PeopleIndex, corpus: &Corpus, id: QuoteId) -> Option<QuoteCard> {
    let quote = index.quote(id)?;
    let article = &index.articles[quote.article];
    let text = corpus
        .by_key(&article.key)
        .map(|a| a.text.as_str())
        .unwrap_or("");
    let elsewhere = index
        .same_quote_elsewhere(id)
        .into_iter()
        .map(|q| SourcedLine {
            text: index.speaker_label(&q.speaker),
            article: Some(index.articles[q.article].key.clone()),
            date: index.articles[q.article].date,
        })
        .collect();
    Some(QuoteCard {
        text: quote.text.clone(),
        speaker: index.speaker_label(&quote.speaker),
        cue: quote.cue.clone(),
        article: article.key.clone(),
        title: article.title.clone(),
        date: article.date,
        sentence: sentence_around(text, quote.range.clone()),
        elsewhere,
    })
}

/// The sentences of `text` that hold `range`, within its paragraph.
pub fn sentence_around(text: &str, range: std::ops::Range<usize>) -> String {
    if text.get(range.clone()).is_none() {
        return String::new();
    }
    let paragraph_start = text[..range.start].rfind("\n\n").map_or(0, |i| i + 2);
    let paragraph_start = text[paragraph_start..range.start]
        .rfind('\n')
        .map_or(paragraph_start, |i| paragraph_start + i + 1)
        .min(range.start);
    let paragraph_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let mut tokens = scan::Tokens::new(text);
    scan::tokenize(&mut tokens, paragraph_start..paragraph_end);
    let starts = scan::sentence_starts(text, paragraph_start..paragraph_end, &tokens);
    let start = starts
        .iter()
        .copied()
        .filter(|&s| s < range.start)
        .max()
        .unwrap_or(paragraph_start);
    let end = starts
        .iter()
        .copied()
        .find(|&s| s > range.end)
        .unwrap_or(paragraph_end);
    let sentence = text[start..end].trim();
    let mut shown: String = sentence.chars().take(MAX_SENTENCE_CHARS).collect();
    if shown.len() < sentence.len() {
        shown.push('…');
    }
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` items joined by "; ", then how many were left out.
pub fn shorten_list(items: &[String], max: usize) -> String {
    let mut shown = items
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if items.len() > max {
        shown.push_str(&format!("; and {} more", items.len() - max));
    }
    shown
}

fn source_suffix(line: &SourcedLine) -> String {
    match (&line.article, line.date) {
        (Some(article), Some(date)) => format!(" — [@{}], {date}", escape(article)),
        (Some(article), None) => format!(" — [@{}]", escape(article)),
        (None, _) => " — backstop.toml".to_string(),
    }
}

impl PersonCard {
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "**{}**", escape(&self.name));
        if !self.roles.is_empty() {
            let _ = writeln!(out, "\nRoles:");
            // One line per role, with every source that gives it.
            let mut grouped: Vec<(&str, Vec<String>)> = Vec::new();
            for role in &self.roles {
                let source = source_suffix(role).trim_start_matches(" — ").to_string();
                match grouped.iter_mut().find(|(text, _)| *text == role.text) {
                    Some((_, sources)) => sources.push(source),
                    None => grouped.push((&role.text, vec![source])),
                }
            }
            for (role, sources) in grouped {
                let _ = writeln!(
                    out,
                    "- {} — {}",
                    escape(role),
                    shorten_list(&sources, MAX_SOURCES_PER_ROLE)
                );
            }
        }
        if !self.aliases.is_empty() {
            let aliases: Vec<String> = self.aliases.iter().map(|a| escape(a)).collect();
            let _ = writeln!(out, "\nAlso: {}", aliases.join(", "));
        }
        let _ = writeln!(
            out,
            "\n{} mention{} in {} article{}",
            self.mentions,
            if self.mentions == 1 { "" } else { "s" },
            self.articles,
            if self.articles == 1 { "" } else { "s" }
        );
        if !self.quotes.is_empty() {
            let _ = writeln!(out, "\nQuotes:");
            for quote in &self.quotes {
                let _ = writeln!(out, "- “{}”{}", escape(&quote.text), source_suffix(quote));
            }
            if self.more_quotes > 0 {
                let _ = writeln!(out, "- … and {} more", self.more_quotes);
            }
        }
        out
    }
}

impl QuoteCard {
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let cue = self
            .cue
            .as_deref()
            .map(|c| match c {
                ":" => String::new(),
                "continued" => " (continuing an earlier quote)".to_string(),
                "echoed" => " (as the body quotes it)".to_string(),
                verb => format!(" ({})", escape(verb)),
            })
            .unwrap_or_default();
        let speaker = match self.speaker.strip_prefix("unnamed: ") {
            Some(description) => format!("an unnamed source, *{}*", escape(description)),
            None if self.speaker == "unknown" => "a speaker the source does not name".to_string(),
            None => format!("**{}**", escape(&self.speaker)),
        };
        let _ = writeln!(out, "Quote by {speaker}{cue}");
        let _ = writeln!(out, "\n> {}", escape(&self.sentence));
        let title = self
            .title
            .as_deref()
            .map(|t| format!(" “{}”", escape(t)))
            .unwrap_or_default();
        let date = self.date.map(|d| format!(", {d}")).unwrap_or_default();
        let _ = writeln!(out, "\nSource: [@{}]{title}{date}", escape(&self.article));
        if !self.elsewhere.is_empty() {
            let _ = writeln!(out, "\nAlso in:");
            for line in &self.elsewhere {
                let _ = writeln!(
                    out,
                    "- {} (speaker: {})",
                    source_suffix(line).trim_start_matches(" — "),
                    escape(&line.text)
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use crate::workspace::Workspace;

    fn seeds() -> (Analysis, PeopleIndex) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let workspace = Workspace::discover(&root).unwrap();
        let analysis = Analysis::load(workspace, &|_| None);
        let index = PeopleIndex::build(&analysis.corpus, &[]);
        (analysis, index)
    }

    #[test]
    fn person_cards() {
        let (_, index) = seeds();
        for name in ["Keir Starmer", "Zelenskiy", "Lavrov"] {
            let id = index.lookup(name).unwrap();
            let card = person_card(&index, id).unwrap();
            insta::assert_snapshot!(
                format!("person_{}", name.replace(' ', "_")),
                card.to_markdown()
            );
        }
    }

    #[test]
    fn quote_cards() {
        let (analysis, index) = seeds();
        let named = index
            .quotes
            .iter()
            .find(|q| q.text.starts_with("The security guarantee"))
            .unwrap();
        insta::assert_snapshot!(
            "quote_named",
            quote_card(&index, &analysis.corpus, named.id)
                .unwrap()
                .to_markdown()
        );
        let unnamed = index
            .quotes
            .iter()
            .find(|q| q.text.starts_with("The type of force"))
            .unwrap();
        insta::assert_snapshot!(
            "quote_unnamed",
            quote_card(&index, &analysis.corpus, unnamed.id)
                .unwrap()
                .to_markdown()
        );
    }

    #[test]
    fn a_quote_carried_by_two_articles() {
        let text_a = "---\nid: a\ndate: 2025-01-02\n---\n\"We will rebuild every school,\" Mayor Anna Berg said on Monday.";
        let text_b = "---\nid: b\ndate: 2025-01-03\n---\nMayor Anna Berg repeated her pledge. \"We will rebuild every school,\" Berg said.";
        let corpus = crate::people::tests::corpus_of(&[("a.md", text_a), ("b.md", text_b)]);
        let index = PeopleIndex::build(&corpus, &[]);
        let card = quote_card(&index, &corpus, 0).unwrap();
        assert_eq!(card.elsewhere.len(), 1);
        assert_eq!(card.elsewhere[0].article.as_deref(), Some("b"));
        insta::assert_snapshot!("quote_elsewhere", card.to_markdown());
    }

    #[test]
    fn sentences_around_quotes() {
        let text = "First one. Then \"a quoted passage here,\" she said in Kyiv. Last.";
        let start = text.find("a quoted").unwrap();
        assert_eq!(
            sentence_around(text, start..start + 20),
            "Then \"a quoted passage here,\" she said in Kyiv."
        );
        assert_eq!(sentence_around(text, 500..600), "");
    }
}
