//! `--format html`: one self-contained page for readers without an editor.
//! Styles and the small filter script are inline (`report.css`,
//! `report.js`); the page names no URL and its content security policy
//! forbids loading anything. Every text from notes and articles is
//! escaped: articles are scraped from the web.

mod model;

use std::fmt::Write as _;
use std::io::{self, Write};

pub use model::Report;
use model::{ArticleView, Finding, Mark, NoteView, Passage, Segment};

use crate::cli::applicability::Applicability;

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// `text` safe inside an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut page = String::new();
    head(&mut page, report);
    rules(&mut page, report);
    page.push_str("<section id=\"notes\"><h2>Notes</h2>\n");
    if report.notes.is_empty() {
        page.push_str("<p class=\"empty\">No notes were checked.</p>\n");
    }
    for (i, note) in report.notes.iter().enumerate() {
        note_section(&mut page, i, note);
    }
    page.push_str("</section>\n");
    articles(&mut page, report);
    let _ = write!(page, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out.write_all(page.as_bytes())
}

fn head(page: &mut String, report: &Report) {
    let counts: Vec<String> = report
        .by_severity
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(severity, n)| format!("<span class=\"sev sev-{severity}\">{n} {severity}</span>"))
        .collect();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>backstop report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>backstop report</h1>\n<p class=\"totals\">{} problem{} {} · {} note{} · {} article{}</p>\n\
         <nav><a href=\"#rules\">Rules</a> <a href=\"#notes\">Notes</a> <a href=\"#articles\">Articles</a>\n\
         <label><input type=\"checkbox\" id=\"problems-only\"> Problems only</label></nav></header>\n",
        report.total,
        if report.total == 1 { "" } else { "s" },
        counts.join(" "),
        report.notes.len(),
        if report.notes.len() == 1 { "" } else { "s" },
        report.articles.len() + report.articles_not_listed,
        if report.articles.len() + report.articles_not_listed == 1 {
            ""
        } else {
            "s"
        },
    );
}

fn rules(page: &mut String, report: &Report) {
    page.push_str(
        "<section id=\"rules\"><h2>Findings per rule</h2>\n<table class=\"rules\">\n\
         <thead><tr><th>rule</th><th>on</th><th>severity</th><th>findings</th><th>fires when</th></tr></thead>\n<tbody>\n",
    );
    for row in &report.rules {
        let _ = writeln!(
            page,
            "<tr class=\"{}\"><td><code>{}</code></td><td>{}</td><td><span class=\"sev sev-{}\">{}</span></td><td class=\"count\">{}</td><td>{}</td></tr>",
            if row.count == 0 { "quiet" } else { "found" },
            row.code,
            row.target,
            row.severity,
            row.severity,
            row.count,
            escape(row.summary)
        );
    }
    page.push_str("</tbody></table></section>\n");
}

fn note_section(page: &mut String, index: usize, note: &NoteView) {
    let marks: Vec<String> = Mark::ALL
        .iter()
        .map(|mark| {
            let n = note
                .segments
                .iter()
                .filter(|s| matches!(s, Segment::Claim { mark: Some(m), .. } if m == mark))
                .count();
            format!(
                "<span class=\"claim claim-{0}\">{n} {0}</span>",
                mark.name()
            )
        })
        .collect();
    let _ = write!(
        page,
        "<article class=\"note\" id=\"note-{index}\">\n<h3>{}</h3>\n<p class=\"legend\">Claims: {}</p>\n<pre class=\"note-text\">",
        escape(&note.path),
        marks.join(" ")
    );
    for segment in &note.segments {
        match segment {
            Segment::Text(text) => page.push_str(&escape(text)),
            Segment::Claim {
                mark: None, text, ..
            } => page.push_str(&escape(text)),
            Segment::Claim {
                mark: Some(mark),
                text,
                findings,
            } => {
                let target = findings
                    .first()
                    .map_or(String::new(), |id| format!(" data-finding=\"{id}\""));
                let _ = write!(
                    page,
                    "<mark class=\"claim claim-{0}\" data-status=\"{0}\" title=\"{0}\"{target}>{1}</mark>",
                    mark.name(),
                    escape(text)
                );
            }
        }
    }
    page.push_str("</pre>\n");
    if !note.findings.is_empty() {
        page.push_str("<h4>Findings</h4>\n");
    }
    for finding in &note.findings {
        finding_block(page, finding);
    }
    if !note.supported.is_empty() {
        let _ = writeln!(
            page,
            "<details class=\"supported\"><summary>Supported claims and their passages ({})</summary>",
            note.supported.len()
        );
        for (claim, passage) in &note.supported {
            page.push_str("<div class=\"pair\"><div class=\"side finding-side\">");
            let _ = write!(page, "<blockquote>{}</blockquote></div>", escape(claim));
            passage_block(page, passage);
            page.push_str("</div>\n");
        }
        page.push_str("</details>\n");
    }
    page.push_str("</article>\n");
}

fn finding_block(page: &mut String, finding: &Finding) {
    let _ = write!(
        page,
        "<div class=\"pair finding finding-{0}\" id=\"{1}\">\n<div class=\"side finding-side\">\
         <p class=\"what\"><span class=\"sev sev-{0}\">{0}</span> <code>{2}</code> <span class=\"place\">{3}</span></p>\
         <p class=\"message\">{4}</p>",
        finding.severity,
        escape(&finding.id),
        finding.code,
        escape(&finding.place),
        escape(&finding.message)
    );
    if !finding.excerpt.trim().is_empty() {
        let _ = write!(
            page,
            "<blockquote>{}</blockquote>",
            escape(&finding.excerpt)
        );
    }
    if let Some((title, applicability)) = &finding.fix {
        let kind = match applicability {
            Applicability::Safe => "fix (--fix)",
            Applicability::Unsafe => "fix (--fix --unsafe-fixes)",
        };
        let _ = write!(page, "<p class=\"fix\">{kind}: {}</p>", escape(title));
    }
    page.push_str("</div>\n");
    if finding.passages.is_empty() {
        page.push_str("<div class=\"side source-side none\"><p>No source passage.</p></div>");
    }
    for passage in &finding.passages {
        passage_block(page, passage);
    }
    page.push_str("</div>\n");
}

fn passage_block(page: &mut String, passage: &Passage) {
    let _ = write!(
        page,
        "<div class=\"side source-side\"><p class=\"what\">{} <span class=\"place\">{}</span></p>",
        escape(&passage.label),
        escape(&passage.place)
    );
    if !passage.text.trim().is_empty() {
        let _ = write!(page, "<blockquote>{}</blockquote>", escape(&passage.text));
    }
    page.push_str("</div>");
}

fn articles(page: &mut String, report: &Report) {
    page.push_str(
        "<section id=\"articles\"><h2>Articles</h2>\n<table class=\"articles\">\n\
         <thead><tr><th>file</th><th>key</th><th>title</th><th>date</th><th>source</th><th>problems</th></tr></thead>\n<tbody>\n",
    );
    for article in &report.articles {
        article_row(page, article);
    }
    page.push_str("</tbody></table>\n");
    if report.articles_not_listed > 0 {
        let _ = writeln!(
            page,
            "<p class=\"empty\">{} more articles without problems are not listed.</p>",
            report.articles_not_listed
        );
    }
    page.push_str("</section>\n");
}

fn article_row(page: &mut String, article: &ArticleView) {
    let missing = "<span class=\"missing\">none</span>";
    let cell = |value: &str| {
        if value.is_empty() {
            missing.to_string()
        } else {
            escape(value)
        }
    };
    let _ = write!(
        page,
        "<tr class=\"{}\"><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>",
        if article.findings.is_empty() {
            "clean"
        } else {
            "problem"
        },
        escape(&article.path),
        escape(&article.key),
        cell(&article.title),
        cell(&article.date),
        cell(&article.source)
    );
    if article.findings.is_empty() {
        page.push_str("<span class=\"ok\">none</span></td></tr>\n");
        return;
    }
    page.push_str("<ul>");
    for finding in &article.findings {
        let _ = write!(
            page,
            "<li id=\"{}\"><span class=\"sev sev-{1}\">{1}</span> <code>{2}</code> line {3}: {4}</li>",
            escape(&finding.id),
            finding.severity,
            finding.code,
            escape(finding.place.rsplit(':').nth(1).unwrap_or("")),
            escape(&finding.message)
        );
    }
    page.push_str("</ul></td></tr>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
