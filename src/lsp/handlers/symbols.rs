//! Document symbols (an article's metadata; a note's headings) and workspace
//! symbols (articles).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::article::Article;
use crate::lsp::convert::{self, LineMap};
use crate::lsp::server::Target;
use crate::lsp::session::Snapshot;

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
        heading_symbols(&target.text, &map)
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
    if fields.is_empty() {
        return Vec::new();
    }
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
    vec![symbol(
        "metadata".into(),
        article.title().map(str::to_string),
        SymbolKind::NAMESPACE,
        map.range(&(start..end)),
        fields,
    )]
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

#[allow(deprecated)]
pub fn workspace_symbols(
    snapshot: &Snapshot,
    query: &str,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for analysis in &snapshot.analyses {
        for article in &analysis.corpus.articles {
            let title = article.title().unwrap_or("");
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
            if out.len() >= 500 {
                break;
            }
        }
    }
    Ok(Some(WorkspaceSymbolResponse::Flat(out)))
}
