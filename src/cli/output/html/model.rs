//! What the HTML report shows, gathered from the analyses and the findings:
//! each note cut into plain text and marked claims, each finding with the
//! passages it points at, each article with its metadata and problems, and
//! the count per rule. Plain strings; `render` escapes them.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::claims::{resolve_citation, supporting_passage};
use crate::cli::applicability::Applicability;
use crate::cli::report::{Locator, Record, display_path};
use crate::diagnostic::Location;
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
            let mut locator = Locator::new(analysis, base);
            for note in analysis.notes.iter().filter(|n| is_named(&n.path)) {
                let found = by_file
                    .get(note.path.as_path())
                    .cloned()
                    .unwrap_or_default();
                notes.push(note_view(&mut locator, &note.path, &note.text, &found));
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
    locator: &mut Locator<'_>,
    path: &Path,
    text: &str,
    found: &[(usize, &Record)],
) -> NoteView {
    let (analysis, base) = (locator.analysis(), locator.base());
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
    let mut sweep = FindingSweep::new(found);
    let mut at = 0;
    for (range, index) in claims {
        // Claims nested in another (a quote's sentence in a list item) are
        // marked with the outer one.
        if range.start < at || range.end > text.len() {
            continue;
        }
        let claim = &parsed.claims[index];
        let mine = sweep.overlapping(&range);
        let mark = mine
            .iter()
            .filter_map(|(_, r)| Rule::from_code(r.code).and_then(Mark::of))
            .max()
            .or_else(|| (!claim.citations.is_empty()).then_some(Mark::Supported));
        if mark == Some(Mark::Supported)
            && let Some(passage) = support_of(locator, path, &parsed, index)
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

/// The findings overlapping each claim of a note, for claims asked about
/// in order and apart from one another: a sweep over the findings by their
/// start, holding those that may still reach the next claim, so that a note
/// of many claims and findings is not searched whole for each claim.
struct FindingSweep<'r> {
    by_start: Vec<(usize, &'r Record)>,
    next: usize,
    open: Vec<(usize, &'r Record)>,
}

impl<'r> FindingSweep<'r> {
    fn new(found: &[(usize, &'r Record)]) -> Self {
        let mut by_start = found.to_vec();
        by_start.sort_by_key(|(i, r)| (r.byte_range.start, *i));
        FindingSweep {
            by_start,
            next: 0,
            open: Vec::new(),
        }
    }

    /// The findings overlapping `claim` (an empty finding counts as one
    /// byte), in report order. `claim` starts at or after the end of the
    /// claim asked about before.
    fn overlapping(&mut self, claim: &Range<usize>) -> Vec<(usize, &'r Record)> {
        while let Some(&(i, record)) = self.by_start.get(self.next)
            && record.byte_range.start < claim.end
        {
            self.open.push((i, record));
            self.next += 1;
        }
        self.open.retain(|(_, record)| {
            let range = &record.byte_range;
            claim.start < range.end.max(range.start + 1)
        });
        let mut mine = self.open.clone();
        mine.sort_by_key(|(i, _)| *i);
        mine
    }
}

/// The passage of the first cited article that carries claim `index`.
fn support_of(
    locator: &mut Locator<'_>,
    note_path: &Path,
    note: &Note,
    index: usize,
) -> Option<Passage> {
    let (analysis, base) = (locator.analysis(), locator.base());
    let claim = &note.claims[index];
    claim.citations.iter().find_map(|&c| {
        let article = resolve_citation(note_path, &note.citations[c], &analysis.corpus)?;
        let range = supporting_passage(&analysis.corpus, claim, article)?;
        let path = analysis.corpus.path(article);
        let text = text_at(analysis, path, &range)?;
        let line = locator
            .span(&Location {
                path: path.to_path_buf(),
                range: range.start..range.start,
            })
            .line;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn finding_at(range: Range<usize>) -> Record {
        Record::at("notes/n.md", 1, range.start + 1, range)
    }

    /// The findings overlapping each claim, searched for in all of them.
    fn overlapping_each(found: &[(usize, &Record)], claims: &[Range<usize>]) -> Vec<Vec<usize>> {
        claims
            .iter()
            .map(|claim| {
                (found.iter())
                    .filter(|(_, r)| {
                        r.byte_range.start < claim.end
                            && claim.start < r.byte_range.end.max(r.byte_range.start + 1)
                    })
                    .map(|(i, _)| *i)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_sweep_finds_what_a_search_of_every_finding_finds() {
        // Long findings over several claims, empty ones, ones between
        // claims, listed out of order.
        let ranges = [
            30..31,
            0..100,
            12..12,
            5..9,
            40..40,
            55..70,
            9..10,
            71..72,
            20..20,
        ];
        let records: Vec<Record> = ranges.into_iter().map(finding_at).collect();
        let found: Vec<(usize, &Record)> = records.iter().enumerate().collect();
        let claims = [0..5, 5..12, 12..20, 25..40, 41..55, 60..65, 70..71, 80..90];
        let mut sweep = FindingSweep::new(&found);
        let swept: Vec<Vec<usize>> = claims
            .iter()
            .map(|claim| sweep.overlapping(claim).iter().map(|(i, _)| *i).collect())
            .collect();
        assert_eq!(swept, overlapping_each(&found, &claims));
    }

    #[test]
    fn a_hundred_thousand_claims_with_a_finding_each_are_swept() {
        // Searching every finding for each claim would compare ten billion
        // pairs.
        let records: Vec<Record> = (0..100_000)
            .map(|i| finding_at(i * 10..i * 10 + 4))
            .collect();
        let found: Vec<(usize, &Record)> = records.iter().enumerate().collect();
        let mut sweep = FindingSweep::new(&found);
        for i in 0..100_000 {
            let mine = sweep.overlapping(&(i * 10..i * 10 + 8));
            assert_eq!(mine.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [i]);
        }
    }
}
