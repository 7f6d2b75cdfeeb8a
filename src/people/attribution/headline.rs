//! Quotes in a headline. A headline that opens with a name and a colon
//! (`Cheney: Putin made 'a very serious effort' to interfere`) gives what
//! follows, quotes and all, to that person. A headline quote with no
//! speaker of its own that the body quotes again (`Kelly promises 'no mass
//! deportations'`, then `"There will be no mass deportations," Kelly
//! said`) is the body quote's speaker's: the headline sums up the story.

use super::Attribution;
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::model::{MentionKind, QuoteSpeaker};
use crate::people::quotes::{DraftQuote, QuoteSpan};

/// The line of `text` that holds `offset`, when it is a Markdown heading.
fn heading_line(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[start..end].starts_with('#').then_some(start..end)
}

/// The person whose name and a colon open the heading that holds `span`.
pub(super) fn headline_speaker(
    context: &ArticleContext,
    span: &QuoteSpan,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let text = context.text;
    let line = heading_line(text, span.open)?;
    let heading = &text[line.clone()];
    let name_start = line.start + heading.len() - heading.trim_start_matches(['#', ' ']).len();
    let named = mentions
        .iter()
        .find(|m| m.range.start == name_start && m.kind == MentionKind::Name)?;
    let colon = text.get(named.range.end..span.open)?.starts_with(':');
    colon.then(|| Attribution::named(named, ":".to_string()))
}

/// The words of a quote, lower-cased, without punctuation, one space
/// between words.
fn words_of(text: &str, span: &QuoteSpan) -> String {
    let mut words = String::new();
    for segment in &span.segments {
        for word in text[segment.clone()].split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                words.push(' ');
                words.extend(word.chars().flat_map(char::to_lowercase));
            }
        }
    }
    words.push(' ');
    words
}

/// Each headline quote that found no speaker takes the speaker of the
/// first quote outside the headline that holds its words.
pub(super) fn echo_body_speakers(context: &ArticleContext, drafts: &mut [DraftQuote]) {
    let text = context.text;
    for index in 0..drafts.len() {
        let draft = &drafts[index];
        if draft.speaker != QuoteSpeaker::Unresolved
            || heading_line(text, draft.span.open).is_none()
        {
            continue;
        }
        let words = words_of(text, &draft.span);
        let echo = drafts.iter().find(|other| {
            other.speaker != QuoteSpeaker::Unresolved
                && heading_line(text, other.span.open).is_none()
                && words_of(text, &other.span).contains(&words)
        });
        if let Some(echo) = echo {
            let (speaker, range) = (echo.speaker.clone(), echo.speaker_range.clone());
            let draft = &mut drafts[index];
            draft.speaker = speaker;
            draft.cue = Some("echoed".to_string());
            draft.speaker_range = range;
        }
    }
}
