//! A file's outline: an article's metadata, quotes and people; a note's
//! headings as a tree, with each cited claim under the heading it falls in.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::excerpt;
use crate::analysis::Analysis;
use crate::article::Article;
use crate::note::Note;

/// What an outline entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    /// A heading over entries of one kind (`metadata`, `quotes`, `people`).
    Group,
    /// A metadata field of an article.
    Field,
    /// A quote in an article.
    Quote,
    /// A person an article names.
    Person,
    /// A Markdown heading of a note.
    Heading,
    /// A cited claim of a note.
    Claim,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    pub name: String,
    pub detail: Option<String>,
    pub kind: OutlineKind,
    /// Everything the entry covers (a heading: up to the next heading of the
    /// same or a higher level).
    pub range: Range<usize>,
    /// The part to highlight (a heading: its own line).
    pub selection: Range<usize>,
    pub children: Vec<OutlineItem>,
}

impl OutlineItem {
    fn leaf(name: String, detail: Option<String>, kind: OutlineKind, range: Range<usize>) -> Self {
        OutlineItem {
            name,
            detail,
            kind,
            selection: range.clone(),
            range,
            children: Vec::new(),
        }
    }
}

/// The outline of a workspace file whose current text is `text`.
pub fn outline(analysis: &Analysis, path: &Path, text: &str) -> Vec<OutlineItem> {
    if analysis.corpus.by_path(path).is_some() {
        article_outline(analysis, path, text)
    } else {
        note_outline(text)
    }
}

fn article_outline(analysis: &Analysis, path: &Path, text: &str) -> Vec<OutlineItem> {
    let article = Article::parse(path.to_path_buf(), String::new(), text.to_string());
    let fields: Vec<OutlineItem> = article
        .metadata
        .fields
        .iter()
        .map(|field| {
            OutlineItem::leaf(
                field.key.clone(),
                Some(field.value.clone()),
                OutlineKind::Field,
                field.line_range.clone(),
            )
        })
        .collect();
    let mut out = Vec::new();
    if let (Some(first), Some(last)) = (fields.first(), fields.last()) {
        let mut metadata = OutlineItem::leaf(
            "metadata".into(),
            article.title().map(str::to_string),
            OutlineKind::Group,
            first.range.start..last.range.end,
        );
        metadata.children = fields;
        out.push(metadata);
    }
    // Quotes and people come from the analysed text; while an edited buffer
    // is being re-analysed they would point at stale offsets.
    let analysed = analysis.text_of(path) == Some(text);
    let Some(analysed_article) = analysis.corpus.by_path(path).filter(|_| analysed) else {
        return out;
    };
    let people = analysis.people();
    let quotes: Vec<OutlineItem> = people
        .quotes_in(&analysed_article.key)
        .map(|quote| {
            OutlineItem::leaf(
                excerpt(&quote.text, 60),
                Some(people.speaker_label(&quote.speaker)),
                OutlineKind::Quote,
                quote.range.clone(),
            )
        })
        .collect();
    out.extend(group("quotes", quotes));
    let mut seen = HashSet::new();
    let persons: Vec<OutlineItem> = people
        .mentions_in(&analysed_article.key)
        .filter(|m| seen.insert(m.person))
        .map(|m| {
            let person = &people.persons[m.person];
            OutlineItem::leaf(
                person.canonical.clone(),
                person.roles.first().map(|r| r.role.to_string()),
                OutlineKind::Person,
                m.range.clone(),
            )
        })
        .collect();
    out.extend(group("people", persons));
    out
}

/// `children` (in text order) under an entry named `name` that spans them,
/// with their count; nothing for none.
fn group(name: &str, children: Vec<OutlineItem>) -> Option<OutlineItem> {
    let (first, last) = (children.first()?, children.last()?);
    let range = first.range.start..last.range.end.max(first.range.end);
    let mut item = OutlineItem::leaf(
        name.into(),
        Some(children.len().to_string()),
        OutlineKind::Group,
        range,
    );
    item.children = children;
    Some(item)
}

/// A note's headings as a tree, its cited claims under the heading they fall
/// in.
pub fn note_outline(text: &str) -> Vec<OutlineItem> {
    let mut items = heading_tree(text);
    let note = Note::parse(text);
    for claim in note.claims.iter().filter(|c| !c.citations.is_empty()) {
        let keys: Vec<String> = claim
            .citations
            .iter()
            .filter_map(|&i| note.citations.get(i))
            .map(|c| format!("@{}", c.key().unwrap_or("link")))
            .collect();
        let item = OutlineItem::leaf(
            excerpt(&claim.text.text, 60),
            Some(keys.join(", ")),
            OutlineKind::Claim,
            claim.range.clone(),
        );
        insert_under_heading(&mut items, item);
    }
    items
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

fn insert_under_heading(items: &mut Vec<OutlineItem>, item: OutlineItem) {
    match items.iter_mut().find(|n| contains(&n.range, &item.range)) {
        Some(parent) => insert_under_heading(&mut parent.children, item),
        None => items.push(item),
    }
}

/// A note's headings in order: depth, text, and the heading's own range.
fn headings(text: &str) -> Vec<(usize, String, Range<usize>)> {
    let mut flat = Vec::new();
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
    flat
}

/// Headings as a tree: each heading holds the deeper ones after it, and its
/// range runs to the next heading of the same or a higher level.
fn heading_tree(text: &str) -> Vec<OutlineItem> {
    let flat = headings(text);
    let mut open: Vec<(usize, OutlineItem)> = Vec::new();
    let mut roots: Vec<OutlineItem> = Vec::new();
    for (i, (depth, name, range)) in flat.iter().enumerate() {
        let end = flat[i + 1..]
            .iter()
            .find(|(d, _, _)| d <= depth)
            .map_or(text.len(), |(_, _, r)| r.start);
        let mut item =
            OutlineItem::leaf(name.clone(), None, OutlineKind::Heading, range.start..end);
        item.selection = range.clone();
        while let Some((d, _)) = open.last() {
            if *d < *depth {
                break;
            }
            let (_, done) = open.pop().expect("non-empty");
            attach(&mut open, &mut roots, done);
        }
        open.push((*depth, item));
    }
    while let Some((_, done)) = open.pop() {
        attach(&mut open, &mut roots, done);
    }
    roots
}

fn attach(open: &mut [(usize, OutlineItem)], roots: &mut Vec<OutlineItem>, item: OutlineItem) {
    match open.last_mut() {
        Some((_, parent)) => parent.children.push(item),
        None => roots.push(item),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(items: &[OutlineItem]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i.children.is_empty() {
                true => i.name.clone(),
                false => format!("{} [{}]", i.name, names(&i.children).join(", ")),
            })
            .collect()
    }

    #[test]
    fn headings_nest_and_claims_fall_under_them() {
        let text = "# Brief\n\n## Talks\n\nStarmer met Trump [@talks].\n\n## Money\n\n# Annex\n";
        let items = note_outline(text);
        assert_eq!(
            names(&items),
            [
                "Brief [Talks [Starmer met Trump [@talks].], Money]",
                "Annex"
            ]
        );
        let talks = &items[0].children[0];
        assert_eq!(talks.selection, 9..18, "the heading's line");
        assert_eq!(talks.range, 9..text.find("## Money").unwrap());
        assert_eq!(talks.children[0].detail.as_deref(), Some("@talks"));
        assert_eq!(items[1].range.end, text.len());
    }
}
