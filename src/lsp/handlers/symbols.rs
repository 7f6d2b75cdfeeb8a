//! Document symbols (an article's metadata, quotes and people; a note's
//! headings and claims) and workspace symbols (people and articles).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::article::Article;
use crate::lsp::convert::{self, LineMap};
use crate::lsp::server::Target;
use crate::lsp::session::Snapshot;
use crate::note::Note;

#[allow(deprecated)]
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn document_symbols(target: Target) -> Result<Option<DocumentSymbolResponse>> {
    let map = LineMap::new(&target.text, target.snapshot.encoding);
    let symbols = if target.analysis.corpus.by_path(&target.path).is_some() {
        article_symbols(&target, &map)
    } else {
        let mut symbols = heading_symbols(&target.text, &map);
        claim_symbols(&target.text, &map, &mut symbols);
        symbols
    };
    Ok(Some(DocumentSymbolResponse::Nested(symbols)))
}

fn article_symbols(target: &Target, map: &LineMap<'_>) -> Vec<DocumentSymbol> {
    let article = Article::parse(target.path.clone(), String::new(), target.text.to_string());
    let fields: Vec<DocumentSymbol> = article
        .metadata
        .fields
        .iter()
        .map(|field| {
            symbol(
                field.key.clone(),
                Some(field.value.clone()),
                SymbolKind::PROPERTY,
                map.range(&field.line_range),
                Vec::new(),
            )
        })
        .collect();
    let mut out = Vec::new();
    if !fields.is_empty() {
        let start = article
            .metadata
            .fields
            .first()
            .map_or(0, |f| f.line_range.start);
        let end = article
            .metadata
            .fields
            .last()
            .map_or(0, |f| f.line_range.end);
        out.push(symbol(
            "metadata".into(),
            article.title().map(str::to_string),
            SymbolKind::NAMESPACE,
            map.range(&(start..end)),
            fields,
        ));
    }
    // Quotes and people come from the analysed text; while an edited buffer
    // is being re-analysed they would point at stale offsets.
    let analysed = target.analysis.text_of(&target.path) == Some(&*target.text);
    let Some(analysed_article) = target
        .analysis
        .corpus
        .by_path(&target.path)
        .filter(|_| analysed)
    else {
        return out;
    };
    let people = target.analysis.people();
    let quotes: Vec<DocumentSymbol> = people
        .quotes_in(&analysed_article.key)
        .map(|quote| {
            symbol(
                crate::navigation::excerpt(&quote.text, 60),
                Some(people.speaker_label(&quote.speaker)),
                SymbolKind::STRING,
                map.range(&quote.range),
                Vec::new(),
            )
        })
        .collect();
    out.extend(group("quotes", quotes));
    let mut seen = std::collections::HashSet::new();
    let persons: Vec<DocumentSymbol> = people
        .mentions_in(&analysed_article.key)
        .filter(|m| seen.insert(m.person))
        .map(|m| {
            let person = &people.persons[m.person];
            symbol(
                person.canonical.clone(),
                person.roles.first().map(|r| r.role.clone()),
                SymbolKind::CONSTANT,
                map.range(&m.range),
                Vec::new(),
            )
        })
        .collect();
    out.extend(group("people", persons));
    out
}

/// `children` (in text order) under a heading named `name` that spans
/// them, with their count; nothing for none.
fn group(name: &str, children: Vec<DocumentSymbol>) -> Option<DocumentSymbol> {
    let (first, last) = (children.first()?, children.last()?);
    let range = Range::new(first.range.start, last.range.end.max(first.range.end));
    Some(symbol(
        name.into(),
        Some(children.len().to_string()),
        SymbolKind::NAMESPACE,
        range,
        children,
    ))
}

/// A note's cited claims, placed under the heading they fall in.
fn claim_symbols(text: &str, map: &LineMap<'_>, headings: &mut Vec<DocumentSymbol>) {
    let note = Note::parse(text);
    for claim in note.claims.iter().filter(|c| !c.citations.is_empty()) {
        let keys: Vec<String> = claim
            .citations
            .iter()
            .filter_map(|&i| note.citations.get(i))
            .map(|c| format!("@{}", c.key().unwrap_or("link")))
            .collect();
        let node = symbol(
            crate::navigation::excerpt(&claim.text.text, 60),
            Some(keys.join(", ")),
            SymbolKind::OBJECT,
            map.range(&claim.range),
            Vec::new(),
        );
        insert_under_heading(headings, node);
    }
}

fn contains(outer: &Range, inner: &Range) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

fn insert_under_heading(nodes: &mut Vec<DocumentSymbol>, node: DocumentSymbol) {
    if let Some(parent) = nodes.iter_mut().find(|n| contains(&n.range, &node.range)) {
        let children = parent.children.get_or_insert_with(Vec::new);
        insert_under_heading(children, node);
    } else {
        nodes.push(node);
    }
}

/// Markdown headings as a tree: each heading holds the deeper ones after it.
fn heading_symbols(text: &str, map: &LineMap<'_>) -> Vec<DocumentSymbol> {
    let mut flat: Vec<(usize, String, std::ops::Range<usize>)> = Vec::new();
    let mut current: Option<(usize, String, usize)> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let depth = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                current = Some((depth, String::new(), range.start));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, name, _)) = current.as_mut() {
                    name.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((depth, name, start)) = current.take() {
                    flat.push((depth, name, start..range.end));
                }
            }
            _ => {}
        }
    }
    // Each heading's range runs to the next heading of the same or higher level.
    let mut nodes: Vec<(usize, DocumentSymbol)> = Vec::new();
    let mut roots: Vec<DocumentSymbol> = Vec::new();
    for (i, (depth, name, range)) in flat.iter().enumerate() {
        let end = flat[i + 1..]
            .iter()
            .find(|(d, _, _)| d <= depth)
            .map_or(text.len(), |(_, _, r)| r.start);
        let mut node = symbol(
            name.clone(),
            None,
            SymbolKind::STRING,
            map.range(&(range.start..end)),
            Vec::new(),
        );
        node.selection_range = map.range(range);
        while let Some((d, _)) = nodes.last() {
            if *d >= *depth {
                let (_, done) = nodes.pop().expect("non-empty");
                attach(&mut nodes, &mut roots, done);
            } else {
                break;
            }
        }
        nodes.push((*depth, node));
    }
    while let Some((_, done)) = nodes.pop() {
        attach(&mut nodes, &mut roots, done);
    }
    roots
}

fn attach(
    stack: &mut [(usize, DocumentSymbol)],
    roots: &mut Vec<DocumentSymbol>,
    node: DocumentSymbol,
) {
    match stack.last_mut() {
        Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(node),
        None => roots.push(node),
    }
}

/// Enough for a picker to filter as the user types on.
const MAX_WORKSPACE_SYMBOLS: usize = 500;

#[allow(deprecated)]
pub fn workspace_symbols(
    snapshot: &Snapshot,
    query: &str,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for analysis in &snapshot.analyses {
        let people = analysis.people();
        for person in &people.persons {
            if !query.is_empty()
                && !person
                    .all_names()
                    .any(|n| n.to_lowercase().contains(&query))
            {
                continue;
            }
            let Some((path, range)) = crate::navigation::first_mention(analysis, person.id) else {
                continue;
            };
            let (Some(uri), Some(text)) = (convert::path_to_uri(&path), analysis.text_of(&path))
            else {
                continue;
            };
            out.push(SymbolInformation {
                name: person.canonical.clone(),
                kind: SymbolKind::CONSTANT,
                tags: None,
                deprecated: None,
                location: Location::new(uri, LineMap::new(text, snapshot.encoding).range(&range)),
                container_name: person.roles.first().map(|r| r.role.clone()),
            });
            if out.len() >= MAX_WORKSPACE_SYMBOLS {
                return Ok(Some(WorkspaceSymbolResponse::Flat(out)));
            }
        }
        // Keys and titles from the people index, which has them for every
        // article: an analysis from the cache has not read its articles,
        // and reading them all would take seconds at 100,000.
        for article in &people.articles {
            let title = article.title.as_deref().unwrap_or("");
            let haystack = format!("{} {title}", article.key).to_lowercase();
            if !query.is_empty() && !haystack.contains(&query) {
                continue;
            }
            let Some(uri) = convert::path_to_uri(&article.path) else {
                continue;
            };
            out.push(SymbolInformation {
                name: article.key.clone(),
                kind: SymbolKind::FILE,
                tags: None,
                deprecated: None,
                location: Location::new(uri, Range::default()),
                container_name: (!title.is_empty()).then(|| title.to_string()),
            });
            if out.len() >= MAX_WORKSPACE_SYMBOLS {
                return Ok(Some(WorkspaceSymbolResponse::Flat(out)));
            }
        }
    }
    Ok(Some(WorkspaceSymbolResponse::Flat(out)))
}
