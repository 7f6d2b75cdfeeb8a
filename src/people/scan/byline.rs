//! A byline block: a name alone on its line, above a short line that
//! names a role, as web pages sign their articles.

use super::{Context, NameCues, fold};
use crate::people::vocabulary;

impl Context<'_> {
    /// A name alone on its line, followed by a short line naming a role:
    /// the byline block of a web page ("Martin Fornusek" / "Senior News
    /// Editor").
    pub(super) fn line_byline(&self, first: usize, last: usize, found: &mut NameCues) {
        let text = self.text;
        let start = self.tokens[first].range().start;
        let end = self.tokens[last].range().end;
        // Both checks stop at the first non-blank character, so a long line
        // costs nothing.
        let alone_before = text[..start]
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .all(char::is_whitespace);
        let alone_after = text[end..]
            .chars()
            .take_while(|&c| c != '\n')
            .all(char::is_whitespace);
        if !alone_before || !alone_after {
            return;
        }
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let next_line = text[line_end..]
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        if next_line.chars().count() > 60 || next_line.ends_with('.') {
            return;
        }
        let role_line = next_line
            .split_whitespace()
            .any(|w| vocabulary::is_role_noun(&fold(w)) || vocabulary::is_title_word(&fold(w)));
        if role_line && next_line.chars().next().is_some_and(char::is_uppercase) {
            found.cues.strong = true;
            found.role.get_or_insert_with(|| next_line.to_string());
        }
    }
}
