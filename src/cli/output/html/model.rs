//! What the HTML report shows, gathered from the analyses and the findings:
//! each note cut into plain text and marked claims, each finding with the
//! passages it points at, each article with its metadata and problems, and
//! the count per rule. Plain strings; `render` escapes them.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::claims::{resolve_citation, supporting_passage};
use crate::cli::fix::Applicability;
use crate::cli::report::{Record, display_path};
use crate::note::Note;
use crate::registry;
use crate::rules::Rule;

/// How a claim stands against its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Supported,
    /// Nothing shows it true or false: no such source, a source that does
    /// not carry it, no citation where one is wanted.
    Unknown,
    /// The source states another number or date.
    Contradicted,
    /// A quote the source does not hold as written, or holds elsewhere or
    /// from someone else.
    Misquoted,
}

impl Mark {
    pub fn name(self) -> &'static str {
        match self {
            Mark::Supported => "supported",
            Mark::Unknown => "unknown",
            Mark::Contradicted => "contradicted",
            Mark::Misquoted => "misquoted",
        }
    }

    pub const ALL: [Mark; 4] = [
        Mark::Supported,
        Mark::Contradicted,
        Mark::Misquoted,
        Mark::Unknown,
    ];

    /// The mark a finding of `rule` gives its claim; `None` for article rules.
    fn of(rule: Rule) -> Option<Mark> {
        Some(match rule {
            Rule::Misquote
            | Rule::QuoteNotFound
            | Rule::QuoteWrongSource
            | Rule::MisattributedQuote => Mark::Misquoted,
            Rule::NumberMismatch | Rule::DateMismatch => Mark::Contradicted,
            Rule::UnknownSource | Rule::UnsupportedClaim | Rule::UncitedClaim => Mark::Unknown,
            _ => return None,
        })
    }
}

/// A passage a finding or claim rests on.
pub struct Passage {
    pub label: String,
    pub place: String,
    pub text: String,
}

pub struct Finding {
    pub id: String,
    pub code: &'static str,
    pub severity: &'static str,
    pub place: String,
    pub message: String,
    /// The text the finding points at.
    pub excerpt: String,
    pub fix: Option<(String, Applicability)>,
    pub passages: Vec<Passage>,
}

pub enum Segment {
    Text(String),
    Claim {
        mark: Option<Mark>,
        text: String,
        /// The ids of its findings.
        findings: Vec<String>,
    },
}

pub struct NoteView {
    pub path: String,
    pub segments: Vec<Segment>,
    pub findings: Vec<Finding>,
    /// Supported claims with the passage that carries each.
    pub supported: Vec<(String, Passage)>,
}

pub struct ArticleView {
    pub path: String,
    pub key: String,
    pub title: String,
    pub date: String,
    pub source: String,
    pub findings: Vec<Finding>,
}

pub struct RuleRow {
    pub code: &'static str,
    pub target: &'static str,
    pub severity: &'static str,
    pub count: usize,
    pub summary: &'static str,
}

/// Past this many articles, only those with problems are listed (each one
/// listed is read for its metadata).
pub const ARTICLES_LISTED_IN_FULL: usize = 2000;

pub struct Report {
    pub rules: Vec<RuleRow>,
    pub notes: Vec<NoteView>,
    pub articles: Vec<ArticleView>,
    /// Articles without problems left out of the list.
    pub articles_not_listed: usize,
    pub total: usize,
    pub by_severity: Vec<(&'static str, usize)>,
}

/// The text of `range` in `path`, if the analysis has it.
fn text_at(analysis: &Analysis, path: &Path, range: &Range<usize>) -> Option<String> {
    analysis
        .excerpt(path, range.end)
        .and_then(|text| text.get(range.clone()))
        .map(str::to_string)
}

fn finding(analysis: &Analysis, record: &Record, id: String, base: &Path) -> Finding {
    let passages = record
        .related
        .iter()
        .map(|related| {
            let text = text_at(analysis, &related.absolute_path, &related.byte_range)
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_default();
            Passage {
                label: related.message.clone(),
                place: format!(
                    "{}:{}",
                    display_path(&related.absolute_path, base),
                    related.span.line
                ),
                text,
            }
        })
        .collect();
    Finding {
        id,
        code: record.code,
        severity: record.severity,
        place: format!(
            "{}:{}:{}",
            record.span.path, record.span.line, record.span.column
        ),
        message: record.message.clone(),
        excerpt: text_at(analysis, &record.absolute_path, &record.byte_range).unwrap_or_default(),
        fix: record
            .fix
            .as_ref()
            .map(|f| (f.message.clone(), f.applicability)),
        passages,
    }
}

impl Report {
    /// `analyses`: each with the paths named in it; only those are shown.
    pub fn build(analyses: &[(&Analysis, &[PathBuf])], records: &[Record], base: &Path) -> Report {
        let mut by_file: BTreeMap<&Path, Vec<(usize, &Record)>> = BTreeMap::new();
        for (i, record) in records.iter().enumerate() {
            by_file
                .entry(record.absolute_path.as_path())
                .or_default()
                .push((i, record));
        }
        let mut notes = Vec::new();
        let mut articles = Vec::new();
        let mut articles_not_listed = 0;
        for (analysis, named) in analyses {
            let is_named = |path: &Path| named.iter().any(|n| path.starts_with(n));
            for note in analysis.notes.iter().filter(|n| is_named(&n.path)) {
                let found = by_file
                    .get(note.path.as_path())
                    .cloned()
                    .unwrap_or_default();
                notes.push(note_view(analysis, &note.path, &note.text, &found, base));
            }
            let corpus = &analysis.corpus;
            let mine: Vec<usize> = (0..corpus.len())
                .filter(|&i| is_named(corpus.path(i)))
                .collect();
            let in_full = mine.len() <= ARTICLES_LISTED_IN_FULL;
            for i in mine {
                let found = by_file.get(corpus.path(i)).cloned().unwrap_or_default();
                if in_full || !found.is_empty() {
                    articles.push(article_view(analysis, i, &found, base));
                } else {
                    articles_not_listed += 1;
                }
            }
        }
        let count = |code: &str| records.iter().filter(|r| r.code == code).count();
        let rules = Rule::ALL
            .iter()
            .map(|&rule| RuleRow {
                code: rule.code(),
                target: rule.file_kind().as_str(),
                severity: records
                    .iter()
                    .find(|r| r.code == rule.code())
                    .map_or(rule.default_level().as_str(), |r| r.severity),
                count: count(rule.code()),
                summary: registry::documentation(rule).summary,
            })
            .collect();
        let by_severity = ["error", "warning", "info", "hint"]
            .into_iter()
            .map(|s| (s, records.iter().filter(|r| r.severity == s).count()))
            .collect();
        Report {
            rules,
            notes,
            articles,
            articles_not_listed,
            total: records.len(),
            by_severity,
        }
    }
}

fn note_view(
    analysis: &Analysis,
    path: &Path,
    text: &str,
    found: &[(usize, &Record)],
    base: &Path,
) -> NoteView {
    let findings: Vec<Finding> = found
        .iter()
        .map(|(i, record)| finding(analysis, record, format!("finding-{i}"), base))
        .collect();
    let parsed = Note::parse(text);
    let mut claims: Vec<(Range<usize>, usize)> = parsed
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.range.clone(), i))
        .collect();
    claims.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut segments = Vec::new();
    let mut supported = Vec::new();
    let mut at = 0;
    for (range, index) in claims {
        // Claims nested in another (a quote's sentence in a list item) are
        // marked with the outer one.
        if range.start < at || range.end > text.len() {
            continue;
        }
        let claim = &parsed.claims[index];
        let mine: Vec<(usize, &Record)> = found
            .iter()
            .filter(|(_, r)| {
                r.byte_range.start < range.end
                    && range.start < r.byte_range.end.max(r.byte_range.start + 1)
            })
            .cloned()
            .collect();
        let mark = mine
            .iter()
            .filter_map(|(_, r)| Rule::from_code(r.code).and_then(Mark::of))
            .max()
            .or_else(|| (!claim.citations.is_empty()).then_some(Mark::Supported));
        if mark == Some(Mark::Supported)
            && let Some(passage) = support_of(analysis, path, &parsed, index, base)
        {
            supported.push((claim.text.text.clone(), passage));
        }
        segments.push(Segment::Text(text[at..range.start].to_string()));
        segments.push(Segment::Claim {
            mark,
            text: text[range.clone()].to_string(),
            findings: mine.iter().map(|(i, _)| format!("finding-{i}")).collect(),
        });
        at = range.end;
    }
    segments.push(Segment::Text(text[at..].to_string()));
    NoteView {
        path: display_path(path, base),
        segments,
        findings,
        supported,
    }
}

/// The passage of the first cited article that carries claim `index`.
fn support_of(
    analysis: &Analysis,
    note_path: &Path,
    note: &Note,
    index: usize,
    base: &Path,
) -> Option<Passage> {
    let claim = &note.claims[index];
    claim.citations.iter().find_map(|&c| {
        let article = resolve_citation(note_path, &note.citations[c], &analysis.corpus)?;
        let range = supporting_passage(&analysis.corpus, claim, article)?;
        let path = analysis.corpus.path(article);
        let text = text_at(analysis, path, &range)?;
        let line = text_at(analysis, path, &(0..range.start))
            .map_or(1, |before| before.matches('\n').count() + 1);
        Some(Passage {
            label: format!("`{}`", analysis.corpus.key(article)),
            place: format!("{}:{line}", display_path(path, base)),
            text,
        })
    })
}

fn article_view(
    analysis: &Analysis,
    i: usize,
    found: &[(usize, &Record)],
    base: &Path,
) -> ArticleView {
    let article = analysis.corpus.article(i);
    let field = |value: Option<&str>| value.unwrap_or("").to_string();
    ArticleView {
        path: display_path(&article.path, base),
        key: article.key.clone(),
        title: field(article.title()),
        date: article.date().map_or(String::new(), |d| d.to_string()),
        source: field(article.source()),
        findings: found
            .iter()
            .map(|(n, record)| finding(analysis, record, format!("finding-{n}"), base))
            .collect(),
    }
}
