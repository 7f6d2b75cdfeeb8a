//! Completion of citation keys after `[@` (and `@` inside brackets), and of
//! people's names as a capitalised word is typed.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use rayon::prelude::*;

use crate::article::Article;
use crate::lsp::convert::LineMap;
use crate::lsp::server::{Target, invalid_params};

/// Characters a Pandoc citation key may contain after its first character.
fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || "_:.#$%&-+?<>~/".contains(c)
}

/// The byte range of the key being typed when `offset` is inside `[... @key`.
pub fn citation_prefix(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let open = before.rfind('[')?;
    if before[open..].contains(']') {
        return None;
    }
    let at = before.rfind('@')?;
    if at < open {
        return None;
    }
    let prefix = &before[at + 1..];
    if !prefix.chars().all(is_key_char) {
        return None;
    }
    // `@` must start a citation: after `[`, `;` or white space.
    let previous = before[..at].chars().last();
    if !matches!(previous, Some('[' | ';' | ' ' | '\t' | '-')) {
        return None;
    }
    Some(line_start + at + 1..offset)
}

pub fn completion(target: &Target, position: Position) -> Result<Option<CompletionResponse>> {
    let map = LineMap::new(&target.text, target.snapshot.encoding);
    if position.line as usize >= map.line_count() {
        return Err(invalid_params(
            "completion: position past the end of the document",
        ));
    }
    let offset = map.offset(position);
    let Some(prefix_range) = citation_prefix(&target.text, offset) else {
        return Ok(name_completion(target, &map, offset));
    };
    let range = map.range(&prefix_range);
    let corpus = &target.analysis.corpus;
    // A small corpus is offered whole, for the client to match keys and
    // titles as it likes. A large one is narrowed here by key, at most
    // `MAX_ITEMS` at a time and marked incomplete so the client asks again
    // as the user types: a list of 100,000 items helps no one, and an
    // analysis from the cache has not read its articles' titles.
    let (positions, is_incomplete): (Vec<usize>, bool) = if corpus.len() <= MAX_ITEMS {
        ((0..corpus.len()).collect(), false)
    } else {
        let typed = target.text[prefix_range.clone()].to_lowercase();
        // (not a prefix match, position): keys that start with what was
        // typed come first.
        let mut matching: Vec<(bool, usize)> = (0..corpus.len())
            .filter_map(|i| {
                let key = corpus.key(i).to_lowercase();
                key.contains(&typed).then(|| (!key.starts_with(&typed), i))
            })
            .collect();
        matching.sort_unstable();
        let more = matching.len() > MAX_ITEMS;
        matching.truncate(MAX_ITEMS);
        (matching.into_iter().map(|(_, i)| i).collect(), more)
    };
    // Read in parallel those not read yet.
    let articles: Vec<&Article> = positions.par_iter().map(|&i| corpus.article(i)).collect();
    let items = articles
        .into_iter()
        .map(|article| {
            let date = article.date().map(|d| d.to_string());
            let detail: Vec<&str> = [date.as_deref(), article.source()]
                .into_iter()
                .flatten()
                .collect();
            let title = article.title().unwrap_or(&article.rel_path);
            CompletionItem {
                label: article.key.clone(),
                kind: Some(CompletionItemKind::REFERENCE),
                detail: Some(detail.join(" · ")),
                documentation: Some(Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: format!("**{title}**\n\n`{}`", article.rel_path),
                })),
                filter_text: Some(format!("{} {title}", article.key)),
                sort_text: Some(format!(
                    "{}{}",
                    date.as_deref().unwrap_or("0000"),
                    article.key
                )),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    range,
                    article.key.clone(),
                ))),
                ..Default::default()
            }
        })
        .collect();
    Ok(Some(CompletionResponse::List(CompletionList {
        is_incomplete,
        items,
    })))
}

/// Most citation keys offered at once from a large corpus.
pub const MAX_ITEMS: usize = 500;

/// The capitalised word being typed at `offset` (at least two letters).
pub fn name_prefix(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let before = &text[..offset];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
        .last()
        .map(|(i, _)| i)?;
    let word = &before[start..];
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    (capitalised && word.chars().count() >= 2).then_some(start..offset)
}

fn name_completion(
    target: &Target,
    map: &LineMap<'_>,
    offset: usize,
) -> Option<CompletionResponse> {
    let range = name_prefix(&target.text, offset)?;
    let prefix = target.text[range.clone()].to_lowercase();
    let people = target.analysis.people();
    let edit_range = map.range(&range);
    let items: Vec<CompletionItem> = people
        .persons
        .iter()
        .filter(|person| {
            person.all_names().any(|name| {
                name.to_lowercase().starts_with(&prefix)
                    || name
                        .split_whitespace()
                        .any(|part| part.to_lowercase().starts_with(&prefix))
            })
        })
        .map(|person| {
            let role = person.roles.first().map(|r| r.role.clone());
            CompletionItem {
                label: person.canonical.clone(),
                kind: Some(CompletionItemKind::CONSTANT),
                detail: role,
                documentation: Some(Documentation::String(format!(
                    "{} mentions in {} articles",
                    people.name_mention_count(person.id),
                    people.article_count(person.id)
                ))),
                filter_text: Some(person.all_names().collect::<Vec<_>>().join(" ")),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    edit_range,
                    person.canonical.clone(),
                ))),
                ..Default::default()
            }
        })
        .collect();
    if items.is_empty() {
        return None;
    }
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    }))
}

#[cfg(test)]
mod tests {
    use super::citation_prefix;

    #[test]
    fn finds_the_key_being_typed() {
        let text = "Claim [@003_24";
        assert_eq!(citation_prefix(text, text.len()), Some(8..14));
        let text = "Claim [@a; @";
        assert_eq!(citation_prefix(text, text.len()), Some(12..12));
        assert_eq!(citation_prefix("mail me@x", 9), None);
        assert_eq!(citation_prefix("[@a] then @b", 12), None);
    }

    #[test]
    fn finds_the_name_being_typed() {
        use super::name_prefix;
        assert_eq!(name_prefix("said Zel", 8), Some(5..8));
        assert_eq!(name_prefix("said zel", 8), None);
        assert_eq!(name_prefix("said Z", 6), None);
        assert_eq!(name_prefix("Ivlev-Yo", 8), Some(0..8));
    }
}
