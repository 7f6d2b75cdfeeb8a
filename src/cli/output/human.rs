//! rustc-style output: the source lines, a caret under the span, evidence as
//! context, the fix as a suggested patch.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

use super::SourceLookup;
use crate::cli::applicability::Applicability;
use crate::cli::report::Record;

/// Characters of a line kept on either side of a span. The renderer shows
/// at most its width (140 columns) of a line around the span and marks the
/// cut itself, so a wider window leaves what it shows alone; handing it the
/// whole of a megabyte line for each of the line's findings would make the
/// output quadratic in them.
const CONTEXT_CHARS: usize = 256;

/// Marks where a line was cut, for the renderings that show it whole (a
/// patch).
const CUT: &str = "...";

/// The lines around a span as their own small source, so a 20 MB article
/// does not get copied into every snippet.
struct Excerpt<'a> {
    text: Cow<'a, str>,
    /// The span, shifted into `text`.
    range: Range<usize>,
    /// `text` starts inside its first line: the renderer's column would
    /// count from the cut, not from the line's start.
    cut_before: bool,
}

/// The excerpt's first line is the range's, which the record already knows
/// (counting lines here for every record would make the output quadratic in
/// the findings of a file).
fn excerpt(text: &str, range: Range<usize>) -> Excerpt<'_> {
    let start = text.floor_char_boundary(range.start);
    let end = text.floor_char_boundary(range.end.max(start));
    let from = context_start(text, start);
    let to = context_end(text, end);
    let cut_before = from > 0 && !text[..from].ends_with('\n');
    let cut_after = to < text.len() && !text[to..].starts_with('\n');
    let kept = &text[from..to];
    if !cut_before && !cut_after {
        return Excerpt {
            text: Cow::Borrowed(kept),
            range: start - from..end - from,
            cut_before,
        };
    }
    let (before, after) = (
        if cut_before { CUT } else { "" },
        if cut_after { CUT } else { "" },
    );
    Excerpt {
        text: Cow::Owned(format!("{before}{kept}{after}")),
        range: start - from + before.len()..end - from + before.len(),
        cut_before,
    }
}

/// The start of `start`'s line, or `CONTEXT_CHARS` characters before
/// `start` if the line starts further back.
fn context_start(text: &str, start: usize) -> usize {
    let mut from = start;
    for (i, c) in text[..start].char_indices().rev().take(CONTEXT_CHARS) {
        if c == '\n' {
            return i + 1;
        }
        from = i;
    }
    from
}

/// The end of `end`'s line (before its `\n`), or `CONTEXT_CHARS`
/// characters after `end` if the line ends further on.
fn context_end(text: &str, end: usize) -> usize {
    let mut to = end;
    for (i, c) in text[end..].char_indices().take(CONTEXT_CHARS) {
        if c == '\n' {
            return end + i;
        }
        to = end + i + c.len_utf8();
    }
    to
}

/// The renderer counts the header's column (`--> path:line:column`) from
/// the start of its source, which for a cut line is the cut: put the
/// record's column, counted from the line's start, in its place.
fn set_header_column(rendered: &mut String, line: usize, column: usize) {
    let Some(header) = rendered.find("-->") else {
        return;
    };
    let header_end = rendered[header..]
        .find('\n')
        .map_or(rendered.len(), |i| header + i);
    let line_mark = format!(":{line}:");
    let Some(mark) = rendered[header..header_end].rfind(&line_mark) else {
        return;
    };
    let digits = header + mark + line_mark.len();
    let digits_end = rendered[digits..header_end]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(header_end, |i| digits + i);
    rendered.replace_range(digits..digits_end, &column.to_string());
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
        let title = level(record.severity)
            .primary_title(record.message.as_str())
            .id(record.code);
        let shown = excerpt(text, record.byte_range.clone());
        let mut main = title.element(
            Snippet::source(shown.text)
                .line_start(record.span.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(shown.range)),
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
                    let shown = excerpt(text, edit.byte_range.clone());
                    help = help.element(
                        Snippet::source(shown.text)
                            .line_start(edit.span.line)
                            .path(path)
                            .patch(Patch::new(shown.range, edit.new_text.as_str())),
                    );
                }
            }
            groups.push(help);
        }
        let mut rendered = renderer.render(&groups);
        if shown.cut_before {
            set_header_column(&mut rendered, record.span.line, record.span.column);
        }
        writeln!(out, "{rendered}\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::cli::report::{EditRecord, FixRecord};

    const NOTE: &str = "notes/n.md";

    /// A finding at `range` of `text`, placed as the report places it.
    fn record(text: &str, range: Range<usize>) -> Record {
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..range.start].matches('\n').count() + 1;
        let column = text[line_start..range.start].chars().count() + 1;
        Record::at(NOTE, line, column, range)
    }

    fn rendered(text: &str, records: &[Record]) -> String {
        let source = |_: &Path, _: usize| Some(text);
        let mut out = Vec::new();
        render(records, &source, false, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The renderer given the finding's whole line.
    fn rendered_whole(text: &str, record: &Record) -> String {
        let range = record.byte_range.clone();
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[range.end..]
            .find('\n')
            .map_or(text.len(), |i| range.end + i);
        let group = level(record.severity)
            .primary_title(record.message.as_str())
            .id(record.code)
            .element(
                Snippet::source(&text[line_start..line_end])
                    .line_start(record.span.line)
                    .path(NOTE)
                    .annotation(
                        AnnotationKind::Primary
                            .span(range.start - line_start..range.end - line_start),
                    ),
            );
        format!("{}\n\n", Renderer::plain().render(&[group]))
    }

    fn long_line(sentences: usize) -> String {
        let line: Vec<String> = (0..sentences)
            .map(|i| format!("Growth rose {i} percent in Zürich, 北京 [@a{}].", i % 5))
            .collect();
        format!("# Note\n\n{}\nThe end.\n", line.join(" "))
    }

    /// Ranges of the citations of `text` (`[@...]`).
    fn citations(text: &str) -> Vec<Range<usize>> {
        text.match_indices("[@")
            .map(|(i, _)| i..i + text[i..].find(']').unwrap() + 1)
            .collect()
    }

    #[test]
    fn a_long_line_is_shown_as_the_renderer_shows_it_whole() {
        let text = long_line(200);
        let spans = citations(&text);
        let long_span = spans[100].start..spans[110].end;
        let last_word = text.len() - 5..text.len() - 1;
        for range in [&spans[..3], &spans[95..105], &spans[197..]]
            .concat()
            .into_iter()
            .chain([long_span, last_word])
        {
            let record = record(&text, range);
            assert_eq!(
                rendered(&text, std::slice::from_ref(&record)),
                rendered_whole(&text, &record)
            );
        }
    }

    #[test]
    fn the_header_gives_the_column_in_the_whole_line() {
        let text = long_line(200);
        let span = citations(&text)[150].clone();
        let record = record(&text, span);
        assert!(record.span.column > 2 * CONTEXT_CHARS);
        let header = format!("--> {NOTE}:3:{}\n", record.span.column);
        assert!(rendered(&text, &[record]).contains(&header));
    }

    #[test]
    fn a_fix_on_a_long_line_shows_the_cut() {
        let text = long_line(200);
        let span = citations(&text)[150].clone();
        let mut record = record(&text, span.clone());
        record.fix = Some(FixRecord {
            message: "cite `a1`".to_string(),
            applicability: Applicability::Safe,
            edits: vec![EditRecord {
                span: record.span.clone(),
                new_text: "[@a1]".to_string(),
                byte_range: span,
            }],
        });
        let out = rendered(&text, &[record]);
        let removed = out.lines().find(|l| l.starts_with("3 - ")).unwrap();
        let added = out.lines().find(|l| l.starts_with("3 + ")).unwrap();
        for line in [removed, added] {
            assert!(line[4..].starts_with(CUT) && line.trim_end().ends_with(CUT));
            assert!(line.chars().count() < 2 * CONTEXT_CHARS + 20, "{line}");
        }
        assert!(added.contains("150 percent in Zürich, 北京 [@a1]."));
    }

    #[test]
    fn the_renderer_gets_a_window_of_a_long_line() {
        let text = long_line(20_000);
        let spans = citations(&text);
        for range in [&spans[..2], &spans[10_000..10_002], &spans[19_998..]].concat() {
            let shown = excerpt(&text, range.clone());
            assert!(shown.text.len() <= 2 * (CONTEXT_CHARS * 4 + CUT.len()) + range.len());
            assert_eq!(&shown.text[shown.range], &text[range]);
        }
    }

    #[test]
    fn ten_thousand_findings_on_one_line_are_rendered() {
        // Handing the renderer the whole 500 KB line for each finding
        // takes many minutes in a debug build.
        let text = long_line(10_000);
        let line_start = text.find("Growth").unwrap();
        let mut column = 1;
        let mut counted = line_start;
        let records: Vec<Record> = citations(&text)
            .into_iter()
            .map(|range| {
                column += text[counted..range.start].chars().count();
                counted = range.start;
                Record::at(NOTE, 3, column, range)
            })
            .collect();
        let out = rendered(&text, &records);
        assert_eq!(out.matches("error[number-mismatch]").count(), 10_000);
    }
}
