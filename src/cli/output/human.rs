//! rustc-style output: the source lines, a caret under the span, evidence as
//! context, the fix as a suggested patch.

use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

use super::SourceLookup;
use crate::cli::fix::Applicability;
use crate::cli::report::Record;

/// The lines around `range` as their own small source, so a 20 MB article
/// does not get copied into every snippet. Returns the excerpt and `range`
/// shifted into it; the excerpt's first line is the range's, which the
/// record already knows (counting lines here for every record would make
/// the output quadratic in the findings of a file).
fn excerpt(text: &str, range: Range<usize>) -> (&str, Range<usize>) {
    let start = range.start.min(text.len());
    let end = range.end.clamp(start, text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (
        &text[line_start..line_end],
        start - line_start..end - line_start,
    )
}

fn level(severity: &str) -> Level<'static> {
    match severity {
        "error" => Level::ERROR,
        "warning" => Level::WARNING,
        "info" => Level::INFO,
        // The summary counts hints; the snippet names them the same way.
        _ => Level::NOTE.with_name("hint"),
    }
}

pub fn render(
    records: &[Record],
    source: &SourceLookup<'_>,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for record in records {
        let reach = record
            .fix
            .iter()
            .flat_map(|fix| fix.edits.iter().map(|e| e.byte_range.end))
            .fold(record.byte_range.end, usize::max);
        let text = source(&record.absolute_path, reach).unwrap_or("");
        let path = record.span.path.as_str();
        let (snippet_text, range) = excerpt(text, record.byte_range.clone());
        let first_line = record.span.line;
        let mut main = level(record.severity)
            .primary_title(record.message.as_str())
            .id(record.code)
            .element(
                Snippet::source(snippet_text)
                    .line_start(first_line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(range)),
            );
        for related in &record.related {
            main = main.element(Level::NOTE.message(format!(
                "{} ({}:{}:{})",
                related.message, related.span.path, related.span.line, related.span.column
            )));
        }
        let mut groups: Vec<Group<'_>> = vec![main];
        if let Some(fix) = &record.fix {
            // Show the patch when it edits this file near the diagnostic;
            // otherwise describe it.
            let local = fix.edits.iter().all(|e| e.span.path == record.span.path);
            let mut help = Group::with_title(Level::HELP.secondary_title(format!(
                "{}: {}",
                match fix.applicability {
                    Applicability::Safe => "fix",
                    Applicability::Unsafe => "unsafe fix",
                },
                fix.message
            )));
            if local && !fix.edits.is_empty() {
                for edit in &fix.edits {
                    let (patch_text, patch_range) = excerpt(text, edit.byte_range.clone());
                    let patch_line = edit.span.line;
                    help = help.element(
                        Snippet::source(patch_text)
                            .line_start(patch_line)
                            .path(path)
                            .patch(Patch::new(patch_range, edit.new_text.as_str())),
                    );
                }
            }
            groups.push(help);
        }
        writeln!(out, "{}\n", renderer.render(&groups))?;
    }
    Ok(())
}
