//! Completion of citation keys after `[@` (and `@` inside brackets).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

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
        return Ok(None);
    };
    let range = map.range(&prefix_range);
    let items = target
        .analysis
        .corpus
        .articles
        .iter()
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
        is_incomplete: false,
        items,
    })))
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
}
