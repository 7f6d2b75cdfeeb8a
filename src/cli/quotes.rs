//! `backstop quotes [PATH] [--speaker NAME]`: the quotes in the corpus and
//! who said them.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::ListFormat;
use super::people::load_index;
use crate::analysis::Analysis;
use crate::people::{CorpusQuote, PeopleIndex, QuoteSpeaker};
use crate::text::LineIndex;

#[derive(Args)]
pub struct QuotesArgs {
    /// Workspace or folder (default: the current folder).
    path: Option<PathBuf>,
    /// Only the quotes of this person (any of their names), or of unnamed
    /// sources whose description contains it ("official").
    #[arg(long)]
    speaker: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
    /// Index the quotes from scratch, without reading or writing the cache.
    #[arg(long)]
    no_cache: bool,
}

#[derive(Serialize)]
struct QuoteRecord<'a> {
    article: &'a str,
    path: &'a str,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    speaker: Option<&'a str>,
    /// `person`, `unnamed` or `unresolved`.
    speaker_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<&'a str>,
    text: &'a str,
}

pub fn run(args: QuotesArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let analysis = match load_index(args.path.clone(), args.no_cache, err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let index = analysis.people();
    analysis.persist();
    let quotes = selected_quotes(index, args.speaker.as_deref());
    if let Some(name) = &args.speaker
        && quotes.is_empty()
    {
        let _ = writeln!(err, "backstop: no quotes by `{name}` in the corpus");
    }
    let records = quote_records(&analysis, index, &quotes);
    let written = match args.format {
        ListFormat::Json => serde_json::to_string_pretty(&records)
            .map_err(std::io::Error::other)
            .and_then(|json| writeln!(out, "{json}")),
        ListFormat::Human => write_human(&records, out),
    };
    if let Err(write_error) = written {
        super::print_error(err, &format!("cannot write output: {write_error}"));
        return super::EXIT_ERROR;
    }
    0
}

/// The quotes of `speaker` (a person's name, or words of an unnamed
/// source's description), or every quote, by article path and position.
fn selected_quotes<'i>(index: &'i PeopleIndex, speaker: Option<&str>) -> Vec<&'i CorpusQuote> {
    let wanted_person = speaker.and_then(|name| index.lookup(name));
    let wanted_description = speaker.map(str::to_lowercase);
    let selected = |quote: &CorpusQuote| match (speaker, &quote.speaker) {
        (None, _) => true,
        (Some(_), QuoteSpeaker::Person(id)) => wanted_person == Some(*id),
        (Some(_), QuoteSpeaker::Unnamed(description)) => {
            wanted_person.is_none()
                && wanted_description
                    .as_deref()
                    .is_some_and(|w| description.to_lowercase().contains(w))
        }
        (Some(_), QuoteSpeaker::Unresolved) => false,
    };
    let mut quotes: Vec<&CorpusQuote> = index.quotes.iter().filter(|q| selected(q)).collect();
    quotes.sort_by(|a, b| {
        let (ka, kb) = (&index.articles[a.article], &index.articles[b.article]);
        (&ka.rel_path, a.range.start).cmp(&(&kb.rel_path, b.range.start))
    });
    quotes
}

fn quote_records<'a>(
    analysis: &'a Analysis,
    index: &'a PeopleIndex,
    quotes: &[&'a CorpusQuote],
) -> Vec<QuoteRecord<'a>> {
    let mut line_indexes: std::collections::HashMap<usize, LineIndex> = Default::default();
    let mut records = Vec::new();
    for quote in quotes {
        let article = &index.articles[quote.article];
        let text = if quote.article < analysis.corpus.len() {
            analysis.corpus.article(quote.article).text.as_str()
        } else {
            ""
        };
        let line_index = line_indexes
            .entry(quote.article)
            .or_insert_with(|| LineIndex::new(text));
        let (speaker, speaker_kind, source_description) = match &quote.speaker {
            QuoteSpeaker::Person(id) => {
                (Some(index.persons[*id].canonical.as_str()), "person", None)
            }
            QuoteSpeaker::Unnamed(description) => (None, "unnamed", Some(description.as_str())),
            QuoteSpeaker::Unresolved => (None, "unresolved", None),
        };
        records.push(QuoteRecord {
            article: &article.key,
            path: &article.rel_path,
            line: line_index.line_of(quote.range.start) + 1,
            date: article.date.map(|d| d.to_string()),
            speaker,
            speaker_kind,
            source_description,
            cue: quote.cue.as_deref(),
            text: &quote.text,
        });
    }
    records
}

fn write_human(records: &[QuoteRecord], out: &mut dyn Write) -> std::io::Result<()> {
    for record in records {
        let who = match (record.speaker, record.source_description) {
            (Some(name), _) => name.to_string(),
            (None, Some(description)) => format!("unnamed: {description}"),
            (None, None) => "unknown speaker".to_string(),
        };
        let date = record
            .date
            .as_deref()
            .map(|d| format!(" {d}"))
            .unwrap_or_default();
        let cue = record.cue.map(|c| format!(" ({c})")).unwrap_or_default();
        writeln!(out, "{}:{}{date} — {who}{cue}", record.article, record.line)?;
        writeln!(out, "  “{}”", record.text)?;
    }
    Ok(())
}
