//! Quick fixes beyond the ones a diagnostic carries: silencing a rule on one
//! line with a `backstop-ignore` comment.

use crate::diagnostic::Diagnostic;
use crate::text::LineIndex;

/// A comment to insert that silences a diagnostic's rule on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreComment {
    pub title: String,
    /// Where it goes: the end of the line the diagnostic starts on.
    pub offset: usize,
    pub text: String,
}

/// The comment that silences `diagnostic` in `text`, the file it is in.
pub fn ignore_comment(text: &str, diagnostic: &Diagnostic) -> IgnoreComment {
    let index = LineIndex::new(text);
    let line = index.line_of(diagnostic.location.range.start);
    let code = diagnostic.rule.code();
    IgnoreComment {
        title: format!("Ignore `{code}` on this line"),
        offset: index.line_range(text, line).end,
        // The end-of-line form `suppression` reads.
        text: format!(" <!-- backstop-ignore {code} -->"),
    }
}
