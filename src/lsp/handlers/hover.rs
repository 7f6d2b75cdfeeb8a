//! Hover: people, quotes (in notes and articles), citations, and an
//! article's metadata date.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::article::Article;
use crate::lsp::convert::LineMap;
use crate::lsp::server::{Target, invalid_params};
use crate::navigation;
use crate::note::Note;

fn markdown(value: String, range: Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    }
}

pub fn hover(target: &Target, position: Position) -> Result<Option<Hover>> {
    let map = LineMap::new(&target.text, target.snapshot.encoding);
    if position.line as usize >= map.line_count() {
        return Err(invalid_params(
            "hover: position past the end of the document",
        ));
    }
    let offset = map.offset(position);
    let analysis = &target.analysis;
    if analysis.corpus.by_path(&target.path).is_some() {
        let article = Article::parse(target.path.clone(), String::new(), target.text.to_string());
        if let Some((text, range)) = article_date_hover(&article, offset) {
            return Ok(Some(markdown(text, map.range(&range))));
        }
        // A name inside a quote is about the person; elsewhere in a quote,
        // the quote.
        if let Some(hover) = person_hover(target, &map, offset) {
            return Ok(Some(hover));
        }
        if let Some(quote) = navigation::article_quote_at(analysis, &target.path, offset)
            && let Some(text) = navigation::corpus_quote_hover(analysis, quote)
        {
            let range = &analysis.people().quotes[quote].range;
            return Ok(Some(markdown(text, map.range(range))));
        }
        return Ok(None);
    }
    let note = Note::parse(&target.text);
    if let Some(citation) = note.citation_at(offset) {
        let text = navigation::citation_hover(analysis, &target.path, &note, citation);
        return Ok(Some(markdown(text, map.range(&citation.range))));
    }
    if let Some(index) = note
        .quotes
        .iter()
        .position(|q| q.range.start <= offset && offset <= q.range.end)
    {
        // The speaker's name next to a quote is about the person.
        if let Some(hover) = person_hover(target, &map, offset) {
            return Ok(Some(hover));
        }
        let text = navigation::quote_hover(analysis, &target.path, &note, index);
        return Ok(Some(markdown(text, map.range(&note.quotes[index].range))));
    }
    Ok(person_hover(target, &map, offset))
}

fn person_hover(target: &Target, map: &LineMap<'_>, offset: usize) -> Option<Hover> {
    let (person, range) =
        navigation::person_at(&target.analysis, &target.path, &target.text, offset)?;
    let text = navigation::person_hover(&target.analysis, person)?;
    Some(markdown(text, map.range(&range)))
}

fn article_date_hover(
    article: &Article,
    offset: usize,
) -> Option<(String, std::ops::Range<usize>)> {
    let field = article.field("date")?;
    let range = field.key_range.start..field.value_range.end;
    if !(range.start <= offset && offset <= range.end) {
        return None;
    }
    let mut text = match article.date() {
        Some(date) => {
            let today = crate::analysis::today();
            let days = (today - date).get_days();
            let ago = match days {
                0 => "today".to_string(),
                1 => "yesterday".to_string(),
                d if d > 1 => format!("{d} days ago"),
                d => format!("in {} days", -d),
            };
            format!("**{}** ({ago})", date.strftime("%A, %-d %B %Y"))
        }
        None => format!("`{}` is not a valid ISO date", field.value.trim()),
    };
    if let Some(dateline) = crate::article::dateline::find_dateline(article).map(|d| d.date) {
        let agrees = article.date() == Some(dateline);
        text.push_str(&format!(
            "\n\nDateline in the body: {dateline}{}",
            if agrees { " (agrees)" } else { " (differs)" }
        ));
    }
    Some((text, range))
}
