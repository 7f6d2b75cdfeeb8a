//! Quotes signed like a quote box or a pull quote: `"… and value." Lyu
//! Jiajin, president of Postal Savings Bank of China` or `"…" — Jane Doe,
//! analyst`. The name right after a quote that ends its sentence, followed
//! by nothing but a role, says who spoke; there is no said-verb.

use super::{Attribution, gap_before};
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::quotes::QuoteSpan;
use crate::people::scan::Shape;
use crate::people::subjects::first_token_at;
use crate::people::vocabulary;

/// The person whose name signs the quote `span`: their name follows the
/// closing mark on the same line (after a dash at most), and what follows
/// the name up to the next quote, the line's end or the sentence's end is
/// a role with no verb in it (`"…." Smith, an analyst, disagreed` is a new
/// sentence about Smith, not a signature).
pub(super) fn signed_after_quote(
    context: &ArticleContext,
    span: &QuoteSpan,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let text = context.text;
    let quote_text = text.get(span.open..span.close_end)?;
    let inside = quote_text
        .trim_end_matches(['"', '”', '’', '\''])
        .trim_end();
    if !inside.ends_with(['.', '!', '?', '…']) {
        return None;
    }
    let rest = text.get(span.close_end..)?;
    let gap = rest.len() - rest.trim_start_matches([' ', '\t', '—', '–']).len();
    let start = span.close_end + gap;
    let named = mentions.iter().find(|m| m.range.start == start)?;
    let after = text.get(named.range.end..)?;
    let signature_end = named.range.end + signature_length(after)?;
    let tokens = &context.scan.tokens;
    let mut k = first_token_at(tokens, named.range.end);
    while let Some(token) = tokens.get(k) {
        if token.range().start >= signature_end {
            break;
        }
        // `Geng Shuang, Foreign Ministry spokesman, speaking on Dec 12`:
        // a participle after a comma tells the occasion, a clause of its
        // own whose verbs are not the signature's.
        let lower = tokens.lower_of(token);
        if token.shape == Shape::Lower
            && lower.ends_with("ing")
            && gap_before(context, k).trim_end().ends_with(',')
        {
            break;
        }
        if token.shape == Shape::Lower && may_be_verb(lower) {
            return None;
        }
        k += 1;
    }
    Some(Attribution::named(named, "signed".to_string()))
}

/// How far the role after a signing name runs in `after` (the text from
/// the name's end): to the next opening quote mark, the line's end or the
/// end of its sentence. `None` when the name goes on with anything but a
/// comma and a lower-case role word, the line's end or the next quote.
fn signature_length(after: &str) -> Option<usize> {
    let trimmed = after.trim_start_matches([' ', '\t']);
    let ends_at_once = trimmed.is_empty() || trimmed.starts_with(['\n', '"', '“']);
    if ends_at_once {
        return Some(0);
    }
    let role = trimmed.strip_prefix(',')?.trim_start_matches(' ');
    // "a psychologist", or capitalised words that a role noun ends
    // ("Foreign Ministry spokesman").
    let first_phrase = role.split([',', '.', '"', '“', '\n']).next().unwrap_or("");
    let ends_in_role = first_phrase
        .split_whitespace()
        .last()
        .is_some_and(vocabulary::is_role_noun);
    if !role.starts_with(|c: char| c.is_lowercase()) && !ends_in_role {
        return None;
    }
    let mut end = after.len();
    let mut chars = after.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let sentence_end = matches!(c, '.' | '!' | '?')
            && next.is_none_or(|n| n.is_whitespace() || n.is_uppercase());
        if matches!(c, '\n' | '"' | '“') || sentence_end {
            end = i;
            break;
        }
    }
    Some(end)
}

/// A lower-case word that may be a verb, which makes a sentence of what
/// follows a name: a said-verb, an auxiliary, a past form ("disagreed";
/// not "Beijing-based", a compound adjective) or a relative pronoun.
fn may_be_verb(word: &str) -> bool {
    vocabulary::is_speech_verb(word)
        || vocabulary::is_auxiliary_verb(word)
        || (word.ends_with("ed") && !word.contains('-'))
        || matches!(word, "who" | "which")
}
