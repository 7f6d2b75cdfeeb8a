//! The note rules: every citation, quote, number, date and claim of a note
//! checked against the corpus, each finding explained with the source
//! passage. Matching results (`QuoteMatch`, `resolve_citation`) are public
//! so the language server and the attribution check can reuse them.

pub mod quantities;
pub mod quotes;
pub mod support;

use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use jiff::civil::Date;

use crate::article::Article;
use crate::article::ArticleText;
use crate::config::Config;
use crate::corpus::Corpus;
use crate::dates::{self, DateMention};
use crate::diagnostic::{Diagnostic, Edit, Level, Location};
use crate::note::{Citation, CitationTarget, Claim, Note, Quote, Speaker};
use crate::people::{AttributionCheck, PeopleIndex};
use crate::retrieval::{LazyPassageIndex, PassageIndex};
use crate::rules::Rule;
use crate::text::{Word, normalize::is_stopword, words};
use quantities::{Quantity, quantities};
use quotes::{Alignment, Pattern};

/// The article a citation points at: a key in the corpus, or a link whose
/// target (relative to the note's folder) is an article file.
pub fn resolve_citation(note_path: &Path, citation: &Citation, corpus: &Corpus) -> Option<usize> {
    match &citation.target {
        CitationTarget::Key(key) => corpus.position(key),
        CitationTarget::Link(dest) => {
            if dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with('#') {
                return None;
            }
            let dest = dest
                .split(['#', '?'])
                .next()
                .unwrap_or("")
                .replace("%20", " ");
            if dest.is_empty() {
                return None;
            }
            let base = note_path.parent().unwrap_or(Path::new(""));
            let mut resolved = PathBuf::new();
            for component in base.join(&dest).components() {
                match component {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::CurDir => {}
                    other => resolved.push(other),
                }
            }
            corpus.position_of_path(&resolved)
        }
    }
}

/// Where a note's quote was found.
#[derive(Debug, Clone, PartialEq)]
pub enum QuoteStatus {
    /// In a cited article (or, for an uncited quote, anywhere).
    Found,
    /// Word for word in an article that is not cited.
    WrongSource,
    /// Close to a passage, but not the same.
    Misquote {
        difference: String,
        replacement: Option<String>,
    },
    /// Nothing in the corpus is close.
    NotFound,
    /// Too few words to match.
    Unchecked,
}

/// The outcome of matching one quote: the source article and passage, and
/// the speaker the note names, for hover and for attribution checks.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteMatch {
    pub quote: usize,
    pub status: QuoteStatus,
    /// The article holding the quote or its closest passage.
    pub article: Option<usize>,
    /// The matched or closest words, a byte range of that article's text.
    pub source_range: Option<Range<usize>>,
    pub speaker: Option<Speaker>,
}

/// Most articles read word by word when looking for a quote elsewhere in
/// the corpus; more are first narrowed by phrase queries, which cost less
/// than reading (and keeping the words of) many articles.
const FEW_CANDIDATES: usize = 32;

/// Match a quote against its cited articles and then the whole corpus.
pub fn match_quote(
    corpus: &Corpus,
    index: &dyn PassageIndex,
    quote_index: usize,
    quote: &Quote,
    cited: &[usize],
) -> QuoteMatch {
    let mut result = QuoteMatch {
        quote: quote_index,
        status: QuoteStatus::Unchecked,
        article: None,
        source_range: None,
        speaker: quote.speaker.clone(),
    };
    let pattern = Pattern::parse(&quote.text);
    if pattern.words.len() < 2 {
        return result;
    }
    let found_in = |article: usize| -> Option<Range<usize>> {
        let text = corpus.article_text(article)?;
        quotes::find_exact(&pattern, &text.words).map(|o| text.byte_range(o.span()))
    };
    for &article in cited {
        if let Some(range) = found_in(article) {
            result.status = QuoteStatus::Found;
            result.article = Some(article);
            result.source_range = Some(range);
            return result;
        }
    }
    // Exact elsewhere. An occurrence counts where one sentence of its
    // article holds one of these phrases, sampled from the quote's longest
    // run: phrases are what the index matches, and sampling bounds the
    // queries when the rarest words leave many candidates.
    let run = pattern.longest_run();
    let shingle = run.len().min(4);
    let starts = run.len() + 1 - shingle;
    let phrases: Vec<Vec<&str>> = (0..starts)
        .step_by((starts / 6).max(1))
        .map(|start| {
            run[start..start + shingle]
                .iter()
                .map(String::as_str)
                .collect()
        })
        .collect();
    // Every word of an exact occurrence is in some sentence of its article,
    // so the postings of the quote's rarest words find every article that
    // can hold it, usually few: cheaper than phrase queries of common words.
    let words: Vec<&str> = pattern.words.iter().map(String::as_str).collect();
    let mut candidates = index.articles_with_words(&words, FEW_CANDIDATES);
    if candidates.len() > FEW_CANDIDATES {
        let with_phrase: BTreeSet<usize> = phrases
            .iter()
            .flat_map(|phrase| index.articles_with_phrase(phrase))
            .collect();
        candidates.retain(|a| with_phrase.contains(a));
    }
    for article in candidates {
        if cited.contains(&article)
            || !corpus
                .article_text(article)
                .is_some_and(|text| phrases.iter().any(|p| text.has_phrase(p)))
        {
            continue;
        }
        if let Some(range) = found_in(article) {
            result.status = if cited.is_empty() {
                QuoteStatus::Found
            } else {
                QuoteStatus::WrongSource
            };
            result.article = Some(article);
            result.source_range = Some(range);
            return result;
        }
    }
    closest_passage(corpus, index, &pattern, result, cited, false).0
}

/// What the closest passage says of a quote no article holds word for
/// word: from the cited articles and the best of the corpus. Also whether
/// the corpus was searched; `always` searches it even when the cited
/// articles settle the answer, so that tests can compare the two.
fn closest_passage(
    corpus: &Corpus,
    index: &dyn PassageIndex,
    pattern: &Pattern,
    result: QuoteMatch,
    cited: &[usize],
    always: bool,
) -> (QuoteMatch, bool) {
    let query: Vec<&str> = pattern.words.iter().map(String::as_str).collect();
    let aligned = |article: usize, words_range: Range<usize>| {
        let alignment =
            quotes::align(pattern, &corpus.text_at(article).words[words_range.clone()])?;
        let close = quotes::is_close(pattern, &alignment);
        Some(Candidate {
            article,
            words_range,
            alignment,
            close,
            cited: cited.contains(&article),
        })
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    for &article in cited {
        for passage in index.passages(&query, 3, Some(article)) {
            let words_range = window(
                corpus.text_at(article),
                passage.sentence,
                pattern.words.len(),
            );
            candidates.extend(aligned(article, words_range));
        }
    }
    // The corpus-wide search is most of a note check's cost, and it only
    // adds windows. When the best cited window is close, only another window
    // of a cited article can rank with it; if every one that does comes to
    // the same conclusion, the search cannot change the answer.
    let settled = best_candidate(&candidates).is_some_and(|best| {
        if !best.close {
            return false;
        }
        let conclusion = conclude(corpus, pattern, &result, best);
        cited.iter().all(|&article| {
            let text = corpus.text_at(article);
            let mut seen = HashSet::new();
            (0..text.sentences.len())
                .map(|sentence| window(text, sentence, pattern.words.len()))
                .filter(|w| seen.insert(w.clone()))
                .filter_map(|w| aligned(article, w))
                .all(|other| match other.rank(best) {
                    std::cmp::Ordering::Less => true,
                    std::cmp::Ordering::Equal => {
                        conclude(corpus, pattern, &result, &other) == conclusion
                    }
                    std::cmp::Ordering::Greater => false,
                })
        })
    });
    if always || !settled {
        for passage in index.passages(&query, 8, None) {
            let words_range = window(
                corpus.text_at(passage.article),
                passage.sentence,
                pattern.words.len(),
            );
            candidates.extend(aligned(passage.article, words_range));
        }
    }
    let answer = match best_candidate(&candidates) {
        Some(best) => conclude(corpus, pattern, &result, best),
        None => QuoteMatch {
            status: QuoteStatus::NotFound,
            ..result
        },
    };
    (answer, !settled)
}

/// What the closest window says of a quote: a misquote when close, else
/// not found, with the window's words or sentence as the evidence.
fn conclude(
    corpus: &Corpus,
    pattern: &Pattern,
    unmatched: &QuoteMatch,
    best: &Candidate,
) -> QuoteMatch {
    let Candidate {
        article,
        words_range,
        alignment,
        close,
        ..
    } = best;
    let article = *article;
    let mut result = unmatched.clone();
    let text = corpus.text_at(article);
    let local = &text.words[words_range.clone()];
    let absolute = words_range.start + alignment.span.start..words_range.start + alignment.span.end;
    result.article = Some(article);
    result.source_range = Some(text.byte_range(absolute.clone()));
    if !close {
        // Scattered word matches mean nothing; the sentence is the evidence.
        if let Some(sentence) = text.sentence_of(absolute.start) {
            result.source_range = Some(text.byte_range(text.sentences[sentence].clone()));
        }
        result.status = QuoteStatus::NotFound;
        return result;
    }
    let difference = quotes::describe_difference(pattern, alignment, local);
    // The source's own words, with the note's ellipses kept between runs.
    let replacement = (!pattern.has_insertion)
        .then(|| {
            let spans = alignment.run_spans(pattern);
            let pieces: Option<Vec<String>> = spans
                .into_iter()
                .map(|span| {
                    let span = span?;
                    let bytes = text
                        .byte_range(words_range.start + span.start..words_range.start + span.end);
                    Some(collapse_space(corpus.article(article).text.get(bytes)?))
                })
                .collect();
            pieces.map(|p| p.join(&format!(" {} ", pattern.ellipsis.unwrap_or("..."))))
        })
        .flatten();
    result.status = QuoteStatus::Misquote {
        difference,
        replacement,
    };
    result
}

/// A window of a source article aligned with a quote.
struct Candidate {
    article: usize,
    words_range: Range<usize>,
    alignment: Alignment,
    close: bool,
    cited: bool,
}

impl Candidate {
    /// A close window beats a distant one, and among close ones a cited
    /// article's wins: the note most likely misquotes what it cites. Then
    /// the fewer changes the better.
    fn rank(&self, other: &Candidate) -> std::cmp::Ordering {
        (self.close, self.cited)
            .cmp(&(other.close, other.cited))
            .then(other.alignment.cost.total_cmp(&self.alignment.cost))
    }
}

/// The best candidate; of equals, the last.
fn best_candidate(candidates: &[Candidate]) -> Option<&Candidate> {
    candidates.iter().max_by(|a, b| a.rank(b))
}

/// The articles a claim cites, as far as the corpus has them.
fn cited_articles(claim: &Claim, resolved: &[Option<usize>]) -> Vec<usize> {
    let mut articles: Vec<usize> = claim
        .citations
        .iter()
        .filter_map(|&c| resolved[c])
        .collect();
    articles.dedup();
    articles
}

fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sentences around `sentence`, wide enough for a quote of `quote_words`.
fn window(text: &ArticleText, sentence: usize, quote_words: usize) -> Range<usize> {
    let Some(center) = text.sentences.get(sentence) else {
        return 0..0;
    };
    let want = quote_words * 2 + 20;
    let mut start = center.start;
    let mut end = center.end;
    let mut before = sentence;
    let mut after = sentence;
    while end - start < want && (before > 0 || after + 1 < text.sentences.len()) {
        if before > 0 {
            before -= 1;
            start = text.sentences[before].start;
        }
        if after + 1 < text.sentences.len() {
            after += 1;
            end = text.sentences[after].end;
        }
    }
    start..end
}

type YearMonthDay = (Option<i16>, i8, i8);

static FUTURE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(will|next|plans?|planned|is due|are due|expected|scheduled|set to|upcoming|later this)\b",
    )
    .expect("valid regex")
});

/// A date an article gives: month and day, the year when known, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SourceDate {
    year: Option<i16>,
    month: i8,
    day: i8,
    range: Range<usize>,
}

impl SourceDate {
    fn agrees(&self, year: Option<i16>, month: i8, day: i8) -> bool {
        self.month == month
            && self.day == day
            && (self.year.is_none() || year.is_none() || self.year == year)
    }
}

/// Every date an article gives: its metadata date ("today" in its own
/// terms), dates in the body, and weekdays resolved against its date.
fn article_dates(article: &Article) -> Vec<SourceDate> {
    let mut found = Vec::new();
    let anchor = article.date();
    if let (Some(date), Some(field)) = (anchor, article.field("date")) {
        found.push(SourceDate {
            year: Some(date.year()),
            month: date.month(),
            day: date.day(),
            range: field.value_range.clone(),
        });
    }
    let body = article.body_text();
    let offset = article.body.start;
    for mention in dates::find_dates(body) {
        found.push(SourceDate {
            year: mention.year.or(anchor.map(|d| d.year())),
            month: mention.month,
            day: mention.day,
            range: mention.range.start + offset..mention.range.end + offset,
        });
    }
    if let Some(anchor) = anchor {
        for weekday in dates::find_weekdays(body) {
            let [past, next] = dates::resolve_weekday(anchor, weekday.weekday);
            // News reports what happened; the coming weekday is meant only
            // when the sentence speaks of the future.
            let sentence_start = body[..weekday.range.start]
                .rfind(['\n', '.'])
                .map_or(0, |i| i + 1);
            let sentence_end = body[weekday.range.end..]
                .find(['\n', '.'])
                .map_or(body.len(), |i| i + weekday.range.end);
            let readings = if FUTURE.is_match(&body[sentence_start..sentence_end]) {
                vec![past, next]
            } else {
                vec![past]
            };
            for date in readings {
                found.push(SourceDate {
                    year: Some(date.year()),
                    month: date.month(),
                    day: date.day(),
                    range: weekday.range.start + offset..weekday.range.end + offset,
                });
            }
        }
    }
    found
}

fn article_quantities(article: &Article) -> Vec<Quantity> {
    let body = article.body_text();
    let offset = article.body.start;
    let date_ranges: Vec<Range<usize>> = dates::find_dates(body)
        .into_iter()
        .map(|d| d.range)
        .collect();
    quantities(body)
        .into_iter()
        .filter(|q| {
            !date_ranges
                .iter()
                .any(|d| d.start < q.range.end && q.range.start < d.end)
        })
        .map(|mut q| {
            q.range = q.range.start + offset..q.range.end + offset;
            q
        })
        .collect()
}

fn format_date(year: Option<i16>, month: i8, day: i8, iso: bool) -> String {
    match (iso, year) {
        (true, Some(year)) => format!("{year:04}-{month:02}-{day:02}"),
        (_, Some(year)) => format!("{} {day}, {year}", dates::month_name(month)),
        (_, None) => format!("{} {day}", dates::month_name(month)),
    }
}

/// A passage quoted in a message: one line, at most about 160 characters.
fn excerpt(text: &str) -> String {
    let collapsed = collapse_space(text);
    if collapsed.chars().count() <= 160 {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(157).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(head, _)| head)
        .to_string();
    format!("{cut}…")
}

/// The words of a claim worth searching for.
fn content_words(words: &[Word]) -> Vec<&str> {
    words
        .iter()
        .map(|w| w.text.as_str())
        .filter(|w| !is_stopword(w))
        .collect()
}

/// The claim's own words: citations and quotes blanked out (offsets kept).
fn own_words(claim: &Claim) -> String {
    let mut text = claim.text.text.clone();
    for span in &claim.cited_spans {
        if let Some(slice) = text.get(span.clone()) {
            let blank = " ".repeat(slice.len());
            text.replace_range(span.clone(), &blank);
        }
    }
    text
}

/// The sentence of `article` that best carries `claim`'s own words, as a
/// byte range of the article's text: what hover shows and go to definition
/// jumps to for a citation.
pub fn supporting_passage(corpus: &Corpus, claim: &Claim, article: usize) -> Option<Range<usize>> {
    let terms = support::terms(&own_words(claim));
    let text = corpus.article_text(article)?;
    let mut best: Option<(f32, &Range<usize>)> = None;
    for sentence in &text.sentences {
        let score = support::coverage(&terms, 0, &text.words[sentence.clone()], &text.words);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, sentence));
        }
    }
    let (score, sentence) = best?;
    (score > 0.0).then(|| text.byte_range(sentence.clone()))
}

/// What the checker needs of the workspace.
pub struct NoteChecker<'a> {
    pub corpus: &'a Corpus,
    /// The corpus's passage index, made when a check first needs it.
    pub passages: &'a LazyPassageIndex,
    pub config: &'a Config,
    /// Who said what in the corpus; without it `misattributed-quote` is
    /// not checked.
    pub people: Option<&'a PeopleIndex>,
    /// Results of earlier checks against the same corpus and configuration.
    pub cache: Option<&'a ClaimCache>,
    /// Claims checked ahead against the same corpus (`check_claims_ahead`).
    pub ahead: Option<&'a ClaimsAhead>,
}

/// A claim checked by every rule but `misattributed-quote`, the one that
/// needs the people index: what the check finds, in order, with the quotes
/// whose attribution is still to be checked in their places.
#[derive(Debug)]
struct Unattributed {
    parts: Vec<Part>,
    /// Whether a quote's finding is among `parts`.
    troubled: bool,
    /// `unsupported-claim`'s findings, made because nothing troubled the
    /// claim so far: an attribution that does drops them.
    support: Vec<Diagnostic>,
}

#[derive(Debug)]
enum Part {
    Finding(Diagnostic),
    /// A quote found in a source, whose speaker there is still to be
    /// compared with the note's.
    Attribution(QuoteMatch),
}

impl Unattributed {
    /// The claim's findings, given its attributions' findings.
    fn attribute(self, attribution: impl Fn(&QuoteMatch) -> Option<Diagnostic>) -> Vec<Diagnostic> {
        let mut troubled = self.troubled;
        let mut out = Vec::with_capacity(self.parts.len() + self.support.len());
        for part in self.parts {
            match part {
                Part::Finding(diagnostic) => out.push(diagnostic),
                Part::Attribution(found) => {
                    if let Some(diagnostic) = attribution(&found) {
                        troubled = true;
                        out.push(diagnostic);
                    }
                }
            }
        }
        if !troubled {
            out.extend(self.support);
        }
        out
    }
}

/// Claims checked against one corpus but for their attribution, by claim
/// key and place, so that the costliest part of a note check (matching
/// quotes, numbers and support), which needs no people index, can run while
/// the people index is still being read.
#[derive(Default)]
pub struct ClaimsAhead {
    checked: std::sync::Mutex<std::collections::HashMap<(ClaimKey, usize), Unattributed>>,
}

impl ClaimsAhead {
    fn take(&self, key: ClaimKey, start: usize) -> Option<Unattributed> {
        let mut checked = self.checked.lock().unwrap_or_else(|e| e.into_inner());
        checked.remove(&(key, start))
    }

    fn put(&self, key: ClaimKey, start: usize, claim: Unattributed) {
        let mut checked = self.checked.lock().unwrap_or_else(|e| e.into_inner());
        checked.insert((key, start), claim);
    }

    /// Drop every claim left: a check has used those it needed.
    pub fn clear(&self) {
        self.checked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

/// A claim's exact source and context, hashed: the same in every run.
pub type ClaimKey = [u8; 16];

/// What a claim found, where the claim started when it was found.
pub type ClaimFindings = (ClaimKey, usize, Vec<Diagnostic>);

/// What checking a claim found, by the claim's exact source and context, so
/// that typing in one claim of a long note re-checks only that claim. Valid
/// for one corpus and configuration: it lives in the `Analysis` owning both,
/// and the cache keeps it for the next run on the same ones.
#[derive(Debug, Default)]
pub struct ClaimCache {
    entries: std::sync::Mutex<std::collections::HashMap<ClaimKey, (usize, Vec<Diagnostic>)>>,
    /// Claims answered from here rather than checked.
    hits: std::sync::atomic::AtomicUsize,
}

impl ClaimCache {
    /// A bound on memory; past it the cache starts over.
    const CAPACITY: usize = 50_000;

    /// Findings an earlier run made for the same corpus and configuration.
    pub fn seed(&self, stored: Vec<ClaimFindings>) {
        if let Ok(mut entries) = self.entries.lock() {
            for (key, start, found) in stored.into_iter().take(Self::CAPACITY) {
                entries.entry(key).or_insert((start, found));
            }
        }
    }

    /// The findings held for the claims of these notes (path and text), to
    /// be kept for the next run: the notes' claims as written, not every
    /// text an editor's keystrokes made of them, nor claims since deleted.
    pub fn findings_of<'n>(
        &self,
        notes: impl Iterator<Item = (&'n Path, &'n str)>,
    ) -> Vec<ClaimFindings> {
        let keys: Vec<ClaimKey> = notes
            .flat_map(|(path, text)| {
                let note = Note::parse(text);
                note.claims
                    .iter()
                    .filter_map(|claim| {
                        let claim_text = text.get(claim.range.clone())?;
                        Some(Self::key(path, claim_text, claim, &note))
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let Ok(entries) = self.entries.lock() else {
            return Vec::new();
        };
        let mut found: Vec<ClaimFindings> = keys
            .into_iter()
            .filter_map(|key| {
                let (start, found) = entries.get(&key)?;
                Some((key, *start, found.clone()))
            })
            .collect();
        found.sort_by_key(|f| f.0);
        found.dedup_by(|a, b| a.0 == b.0);
        found
    }

    /// How many claims were answered from here rather than checked.
    pub fn hits(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn key(path: &Path, claim_text: &str, claim: &Claim, note: &Note) -> ClaimKey {
        use std::hash::{Hash, Hasher};
        // blake3 behind `Hasher`: the key is stored, so it must not depend
        // on the process (or the Rust release, as `DefaultHasher` may).
        struct Stable(blake3::Hasher);
        impl Hasher for Stable {
            fn write(&mut self, bytes: &[u8]) {
                self.0.update(bytes);
            }
            fn finish(&self) -> u64 {
                unreachable!("read with `finalize`")
            }
        }
        let mut hasher = Stable(blake3::Hasher::new());
        path.hash(&mut hasher);
        claim_text.hash(&mut hasher);
        format!("{:?}", claim.kind).hash(&mut hasher);
        // What the parse took from around the claim (an attribution line,
        // a speaker), relative to its start.
        let relative = |r: &Range<usize>| {
            (
                r.start.wrapping_sub(claim.range.start),
                r.end.wrapping_sub(claim.range.start),
            )
        };
        for &c in &claim.citations {
            let citation = &note.citations[c];
            format!("{:?}", citation.target).hash(&mut hasher);
            relative(&citation.range).hash(&mut hasher);
            relative(&citation.key_range).hash(&mut hasher);
        }
        for &q in &claim.quotes {
            if let Some(quote) = note.quotes.get(q) {
                quote.text.hash(&mut hasher);
                relative(&quote.range).hash(&mut hasher);
                if let Some(speaker) = &quote.speaker {
                    speaker.name.hash(&mut hasher);
                    relative(&speaker.range).hash(&mut hasher);
                }
            }
        }
        let mut key = [0; 16];
        key.copy_from_slice(&hasher.0.finalize().as_bytes()[..16]);
        key
    }

    fn shifted(found: &[Diagnostic], path: &Path, from: usize, to: usize) -> Vec<Diagnostic> {
        let shift = |location: &mut Location| {
            if location.path == path {
                location.range = location.range.start - from + to..location.range.end - from + to;
            }
        };
        found
            .iter()
            .cloned()
            .map(|mut d| {
                shift(&mut d.location);
                d.related.iter_mut().for_each(|r| shift(&mut r.location));
                if let Some(fix) = d.fix.as_mut() {
                    fix.edits.iter_mut().for_each(|e| shift(&mut e.location));
                }
                d
            })
            .collect()
    }

    /// Whether the cache holds a claim's findings, without counting a hit.
    fn holds(&self, key: ClaimKey) -> bool {
        self.entries.lock().is_ok_and(|e| e.contains_key(&key))
    }

    fn get(&self, key: ClaimKey, path: &Path, start: usize) -> Option<Vec<Diagnostic>> {
        let entries = self.entries.lock().ok()?;
        let (stored_start, found) = entries.get(&key)?;
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(Self::shifted(found, path, *stored_start, start))
    }

    /// Remember what a claim found, unless something points outside the
    /// claim (it could not be moved with it).
    fn put(&self, key: ClaimKey, path: &Path, range: Range<usize>, found: &[Diagnostic]) {
        let inside = |location: &Location| {
            location.path != path
                || (range.start <= location.range.start && location.range.end <= range.end)
        };
        let movable = found.iter().all(|d| {
            inside(&d.location)
                && d.related.iter().all(|r| inside(&r.location))
                && d.fix
                    .as_ref()
                    .is_none_or(|f| f.edits.iter().all(|e| inside(&e.location)))
        });
        if !movable {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= Self::CAPACITY {
                entries.clear();
            }
            entries.insert(key, (range.start, found.to_vec()));
        }
    }
}

/// Share of a claim's content terms the cited passage must carry.
const SUPPORTED: f32 = 0.5;
/// Share another article must carry to be offered as the better source.
const BETTER_SOURCE: f32 = 0.75;

struct Evidence {
    article: usize,
    sentence: Range<usize>,
}

impl NoteChecker<'_> {
    fn on(&self, rule: Rule) -> bool {
        self.config.level(rule) != Level::Off
    }

    fn location(&self, path: &Path, range: Range<usize>) -> Location {
        Location {
            path: path.to_path_buf(),
            range,
        }
    }

    fn article_location(&self, article: usize, range: Range<usize>) -> Location {
        self.location(self.corpus.path(article), range)
    }

    fn passage_text(&self, evidence: &Evidence) -> String {
        excerpt(
            self.corpus
                .article(evidence.article)
                .text
                .get(evidence.sentence.clone())
                .unwrap_or(""),
        )
    }

    /// The sentence of `article` that best matches `words`, preferring one
    /// for which `wanted` holds.
    fn best_passage(
        &self,
        article: usize,
        words: &[&str],
        wanted: impl Fn(Range<usize>) -> bool,
    ) -> Option<Evidence> {
        let index = self.passages.get(self.corpus);
        let text = self.corpus.text_at(article);
        let passages = index.passages(words, 8, Some(article));
        let to_bytes = |sentence: usize| text.byte_range(text.sentences[sentence].clone());
        let chosen = passages
            .iter()
            .map(|p| to_bytes(p.sentence))
            .find(|r| wanted(r.clone()))
            .or_else(|| passages.first().map(|p| to_bytes(p.sentence)))?;
        Some(Evidence {
            article,
            sentence: chosen,
        })
    }

    pub fn check(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let note = Note::parse(text);
        self.check_note(path, &note, Some(text))
    }

    /// Check the claims of the note at `path` that `check` would check
    /// (those the claim cache does not hold) into `ahead`, side by side, but
    /// for their attribution. Uses no people index.
    pub fn check_claims_ahead(&self, path: &Path, text: &str, ahead: &ClaimsAhead) {
        let note = Note::parse(text);
        let resolved = self.resolved(path, &note);
        let keys = self.claim_keys(path, &note, Some(text));
        let held = |key: &ClaimKey| self.cache.is_some_and(|c| c.holds(*key));
        let jobs: Vec<(&Claim, ClaimKey)> = (note.claims.iter().zip(keys))
            .filter_map(|(claim, key)| Some((claim, key?)))
            .filter(|(_, key)| !held(key))
            .collect();
        // Made before the claims' tasks, as `check_note` does.
        self.passages.get(self.corpus);
        jobs.into_par_iter().for_each(|(claim, key)| {
            let checked = self.check_unattributed(path, &note, claim, &resolved);
            ahead.put(key, claim.range.start, checked);
        });
    }

    /// The quotes of `claim` (which cites `articles` of the corpus) to
    /// match: none when the quote rules are off, or when the claim cites
    /// only keys the corpus lacks.
    fn quotes_to_match<'n>(
        &self,
        note: &'n Note,
        claim: &'n Claim,
        resolved: &[Option<usize>],
        articles: &[usize],
    ) -> impl Iterator<Item = (usize, &'n Quote)> + use<'n> {
        let unknown = claim.citations.iter().any(|&c| {
            resolved[c].is_none() && matches!(note.citations[c].target, CitationTarget::Key(_))
        });
        let quote_rules = [
            Rule::QuoteNotFound,
            Rule::Misquote,
            Rule::QuoteWrongSource,
            Rule::MisattributedQuote,
        ];
        let wanted = quote_rules.iter().any(|r| self.on(*r)) && !(unknown && articles.is_empty());
        (claim.quotes.iter())
            .filter(move |_| wanted)
            .filter_map(|&q| Some((q, note.quotes.get(q)?)))
    }

    fn resolved(&self, path: &Path, note: &Note) -> Vec<Option<usize>> {
        note.citations
            .iter()
            .map(|c| resolve_citation(path, c, self.corpus))
            .collect()
    }

    /// Each claim's key in the claim cache: none without the note's text.
    fn claim_keys(&self, path: &Path, note: &Note, source: Option<&str>) -> Vec<Option<ClaimKey>> {
        note.claims
            .iter()
            .map(|claim| {
                source
                    .and_then(|text| text.get(claim.range.clone()))
                    .map(|claim_text| ClaimCache::key(path, claim_text, claim, note))
            })
            .collect()
    }

    pub fn check_parsed(&self, path: &Path, note: &Note) -> Vec<Diagnostic> {
        self.check_note(path, note, None)
    }

    /// `source` is the text `note` was parsed from; with it, and a cache,
    /// unchanged claims are not checked again.
    fn check_note(&self, path: &Path, note: &Note, source: Option<&str>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let resolved = self.resolved(path, note);
        // Citations outside any claim (a heading's, say) are still checked.
        for (citation, target) in note.citations.iter().zip(&resolved) {
            if citation.claim.is_none()
                && let (CitationTarget::Key(key), None) = (&citation.target, target)
                && self.on(Rule::UnknownSource)
            {
                out.push(self.unknown_source(path, citation, key));
            }
        }
        let keys = self.claim_keys(path, note, source);
        let cached: Vec<Option<Vec<Diagnostic>>> = note
            .claims
            .iter()
            .zip(&keys)
            .map(|(claim, key)| {
                let (cache, key) = (self.cache?, (*key)?);
                cache.get(key, path, claim.range.start)
            })
            .collect();
        let check =
            |((claim, key), cached): ((&Claim, Option<ClaimKey>), Option<Vec<Diagnostic>>)| {
                if let Some(found) = cached {
                    return found;
                }
                let ahead = (self.ahead.zip(key)).and_then(|(a, k)| a.take(k, claim.range.start));
                let found = match ahead {
                    Some(checked) => {
                        checked.attribute(|found| self.attribution_diagnostic(path, found))
                    }
                    None => self.check_claim(path, note, claim, &resolved),
                };
                if let (Some(cache), Some(key)) = (self.cache, key) {
                    cache.put(key, path, claim.range.clone(), &found);
                }
                found
            };
        let unchecked = cached.iter().filter(|found| found.is_none()).count();
        let checked: Vec<Vec<Diagnostic>> = if unchecked > 1 {
            // Made here, outside rayon's workers: made inside a claim's task,
            // the index's own tasks could leave that worker, while it waits,
            // to run another claim that waits on the index.
            self.passages.get(self.corpus);
            note.claims
                .par_iter()
                .zip(keys)
                .zip(cached)
                .map(check)
                .collect()
        } else {
            // One claim to check (a keystroke): on this thread.
            note.claims
                .iter()
                .zip(keys)
                .zip(cached)
                .map(check)
                .collect()
        };
        out.extend(checked.into_iter().flatten());
        out
    }

    /// Every rule for one claim: its citations, its quotes, then its numbers,
    /// dates and support.
    fn check_claim(
        &self,
        path: &Path,
        note: &Note,
        claim: &Claim,
        resolved: &[Option<usize>],
    ) -> Vec<Diagnostic> {
        self.check_unattributed(path, note, claim, resolved)
            .attribute(|found| self.attribution_diagnostic(path, found))
    }

    /// Every rule for one claim but its quotes' attribution.
    fn check_unattributed(
        &self,
        path: &Path,
        note: &Note,
        claim: &Claim,
        resolved: &[Option<usize>],
    ) -> Unattributed {
        let mut parts = Vec::new();
        for &c in &claim.citations {
            let citation = &note.citations[c];
            if let (CitationTarget::Key(key), None) = (&citation.target, resolved[c])
                && self.on(Rule::UnknownSource)
            {
                parts.push(Part::Finding(self.unknown_source(path, citation, key)));
            }
        }
        let articles = cited_articles(claim, resolved);
        let mut troubled = false;
        for (q, quote) in self.quotes_to_match(note, claim, resolved, &articles) {
            let found = match_quote(
                self.corpus,
                self.passages.get(self.corpus),
                q,
                quote,
                &articles,
            );
            if let QuoteStatus::Found = found.status {
                if self.on(Rule::MisattributedQuote) {
                    parts.push(Part::Attribution(found));
                }
            } else if let Some(diagnostic) = self.quote_diagnostic(path, note, claim, quote, &found)
            {
                troubled = true;
                parts.push(Part::Finding(diagnostic));
            }
        }
        let unattributed = |parts, support| Unattributed {
            parts,
            troubled,
            support,
        };
        if articles.is_empty() {
            if claim.citations.is_empty() && self.on(Rule::UncitedClaim) && is_factual(claim, note)
            {
                parts.push(Part::Finding(Diagnostic::new(
                    Rule::UncitedClaim,
                    self.location(path, claim.range.clone()),
                    "this sentence states facts (numbers, names or a quote) but cites no source; add a citation such as [@key]",
                )));
            }
            return unattributed(parts, Vec::new());
        }
        let own = own_words(claim);
        let mut found = Vec::new();
        if self.on(Rule::NumberMismatch) {
            found.extend(self.numbers(path, claim, &own, &articles));
        }
        if self.on(Rule::DateMismatch) {
            found.extend(self.dates(path, claim, &own, &articles));
        }
        let mut support = Vec::new();
        if found.is_empty() && !troubled && self.on(Rule::UnsupportedClaim) {
            // With no mismatch reported, every number and date agreed.
            let verified = quantities(&own).len()
                + dates::find_dates(&own).len()
                + dates::find_weekdays(&own).len();
            support = self.support(path, note, claim, &own, verified, &articles);
        }
        parts.extend(found.into_iter().map(Part::Finding));
        unattributed(parts, support)
    }

    fn unknown_source(&self, path: &Path, citation: &Citation, key: &str) -> Diagnostic {
        let closest = self.corpus.closest_key(key);
        let mut message = format!("no article has the citation key `{key}`");
        let location = self.location(path, citation.key_range.clone());
        let mut diagnostic;
        if let Some(suggestion) = closest {
            message.push_str(&format!("; did you mean `{suggestion}`?"));
            diagnostic = Diagnostic::new(Rule::UnknownSource, location.clone(), message);
            if let Some(article) = self.corpus.by_key(suggestion) {
                diagnostic = diagnostic.with_related(
                    self.location(&article.path, 0..0),
                    format!(
                        "`{suggestion}`: {}",
                        article.title().unwrap_or(&article.rel_path)
                    ),
                );
            }
            diagnostic =
                diagnostic.with_replacement(format!("Cite `{suggestion}`"), location, suggestion);
        } else {
            diagnostic = Diagnostic::new(Rule::UnknownSource, location, message);
        }
        diagnostic
    }

    /// `misattributed-quote`: the note names a speaker the source does not.
    /// Silent when the source's speaker is unnamed or unresolved, or when the
    /// note names no one.
    fn attribution_diagnostic(&self, path: &Path, found: &QuoteMatch) -> Option<Diagnostic> {
        if !self.on(Rule::MisattributedQuote) {
            return None;
        }
        let people = self.people?;
        let speaker = found.speaker.as_ref()?;
        let article = found.article?;
        let range = found.source_range.clone()?;
        let key = self.corpus.key(article);
        let AttributionCheck::Misattributed {
            quote,
            source_speaker,
            ..
        } = people.check_attribution(key, range, &speaker.name)
        else {
            return None;
        };
        let person = &people.persons[source_speaker];
        let source_quote = &people.quotes[quote];
        let mut diagnostic = Diagnostic::new(
            Rule::MisattributedQuote,
            self.location(path, speaker.range.clone()),
            format!(
                "the note attributes this quote to {}, but `{key}` gives it to {}",
                speaker.name, person.canonical
            ),
        );
        let evidence = source_quote
            .speaker_range
            .clone()
            .unwrap_or(source_quote.range.clone());
        diagnostic = diagnostic.with_related(
            self.article_location(article, evidence),
            format!("`{key}` attributes it to {}", person.canonical),
        );
        // Keep the note's style: a surname stays a surname.
        let surname_only = !speaker.name.trim().contains(char::is_whitespace);
        let replacement = if surname_only {
            person
                .canonical
                .split_whitespace()
                .last()
                .unwrap_or(&person.canonical)
                .to_string()
        } else {
            person.canonical.clone()
        };
        Some(diagnostic.with_replacement(
            format!("Attribute it to {replacement}"),
            self.location(path, speaker.range.clone()),
            replacement,
        ))
    }

    fn quote_diagnostic(
        &self,
        path: &Path,
        note: &Note,
        claim: &Claim,
        quote: &Quote,
        found: &QuoteMatch,
    ) -> Option<Diagnostic> {
        let key_of = |article: usize| self.corpus.key(article);
        let evidence =
            |diagnostic: Diagnostic, label: &str| match (found.article, &found.source_range) {
                (Some(article), Some(range)) => {
                    let passage = excerpt(
                        self.corpus
                            .article(article)
                            .text
                            .get(range.clone())
                            .unwrap_or(""),
                    );
                    diagnostic.with_related(
                        self.article_location(article, range.clone()),
                        format!("{label} in `{}`: “{passage}”", key_of(article)),
                    )
                }
                _ => diagnostic,
            };
        match &found.status {
            // Its attribution is a `Part` of its own.
            QuoteStatus::Found => None,
            QuoteStatus::Unchecked => None,
            QuoteStatus::NotFound if self.on(Rule::QuoteNotFound) => {
                let diagnostic = Diagnostic::new(
                    Rule::QuoteNotFound,
                    self.location(path, quote.range.clone()),
                    "no article contains this quote, nor anything close to it",
                );
                Some(evidence(diagnostic, "nearest passage (not a match)"))
            }
            QuoteStatus::Misquote {
                difference,
                replacement,
            } if self.on(Rule::Misquote) => {
                let article = found.article?;
                let source = excerpt(
                    self.corpus
                        .article(article)
                        .text
                        .get(found.source_range.clone()?)?,
                );
                let mut message = format!(
                    "the source `{}` says “{source}”; the quote {difference}",
                    key_of(article)
                );
                if !claim.citations.is_empty()
                    && !claim.citations.iter().any(|&c| {
                        resolve_citation(path, &note.citations[c], self.corpus) == Some(article)
                    })
                {
                    message.push_str(" (the closest passage is not in the cited source)");
                }
                let mut diagnostic = evidence(
                    Diagnostic::new(
                        Rule::Misquote,
                        self.location(path, quote.content.clone()),
                        message,
                    ),
                    "source passage",
                );
                if let Some(words) = replacement {
                    diagnostic = diagnostic.with_replacement(
                        "Replace with the source's words",
                        self.location(path, quote.content.clone()),
                        words.clone(),
                    );
                }
                Some(diagnostic)
            }
            QuoteStatus::WrongSource if self.on(Rule::QuoteWrongSource) => {
                let article = found.article?;
                let key = key_of(article);
                let cited_keys: Vec<String> = claim
                    .citations
                    .iter()
                    .map(|&c| format!("`{}`", note.citations[c].key().unwrap_or("link")))
                    .collect();
                let message = format!(
                    "this quote is not in {} but it is in `{key}`{}",
                    cited_keys.join(", "),
                    self.corpus
                        .article(article)
                        .title()
                        .map(|t| format!(" ({t})"))
                        .unwrap_or_default()
                );
                let mut diagnostic = evidence(
                    Diagnostic::new(
                        Rule::QuoteWrongSource,
                        self.location(path, quote.range.clone()),
                        message,
                    ),
                    "quoted passage",
                );
                let keyed: Vec<&Citation> = claim
                    .citations
                    .iter()
                    .map(|&c| &note.citations[c])
                    .filter(|c| c.key().is_some())
                    .collect();
                if let [only] = keyed.as_slice() {
                    diagnostic = diagnostic.with_replacement(
                        format!("Cite `{key}` instead"),
                        self.location(path, only.key_range.clone()),
                        key,
                    );
                }
                Some(diagnostic)
            }
            _ => None,
        }
    }

    fn numbers(
        &self,
        path: &Path,
        claim: &Claim,
        own: &str,
        articles: &[usize],
    ) -> Vec<Diagnostic> {
        let date_ranges: Vec<Range<usize>> = dates::find_dates(own)
            .into_iter()
            .map(|d| d.range)
            .collect();
        let claimed: Vec<Quantity> = quantities(own)
            .into_iter()
            .filter(|q| {
                !date_ranges
                    .iter()
                    .any(|d| d.start < q.range.end && q.range.start < d.end)
            })
            .collect();
        if claimed.is_empty() {
            return Vec::new();
        }
        let stated: Vec<(usize, Vec<Quantity>)> = articles
            .iter()
            .map(|&a| (a, article_quantities(self.corpus.article(a))))
            .collect();
        let claim_words = words(own);
        let query = content_words(&claim_words);
        let mut out = Vec::new();
        for number in &claimed {
            if stated
                .iter()
                .any(|(_, qs)| qs.iter().any(|q| q.same_value(number)))
            {
                continue;
            }
            let written = &own[number.range.clone()];
            let (article, quantities) = &stated[0];
            let evidence = self.best_passage(*article, &query, |r| {
                quantities
                    .iter()
                    .any(|q| r.start <= q.range.start && q.range.end <= r.end)
            });
            let location = self.location(path, claim.text.source_range(number.range.clone()));
            let article_ref = self.corpus.article(*article);
            let Some(evidence) = evidence else {
                out.push(Diagnostic::new(
                    Rule::NumberMismatch,
                    location,
                    format!(
                        "the cited source `{}` never states {written}",
                        article_ref.key
                    ),
                ));
                continue;
            };
            let in_passage: Vec<&Quantity> = quantities
                .iter()
                .filter(|q| {
                    evidence.sentence.start <= q.range.start && q.range.end <= evidence.sentence.end
                })
                .collect();
            let stated_text: Vec<String> = in_passage
                .iter()
                .map(|q| article_ref.text[q.range.clone()].to_string())
                .collect();
            let message = if stated_text.is_empty() {
                format!(
                    "the cited source `{}` never states {written}",
                    article_ref.key
                )
            } else {
                format!(
                    "the cited source `{}` does not state {written}; it states {}",
                    article_ref.key,
                    stated_text.join(", ")
                )
            };
            let mut diagnostic = Diagnostic::new(Rule::NumberMismatch, location.clone(), message)
                .with_related(
                    self.article_location(evidence.article, evidence.sentence.clone()),
                    format!(
                        "closest passage in `{}`: “{}”",
                        article_ref.key,
                        self.passage_text(&evidence)
                    ),
                );
            if let ([only], 1) = (stated_text.as_slice(), claimed.len()) {
                diagnostic = diagnostic.with_replacement(
                    format!("Replace with {only}"),
                    location,
                    only.clone(),
                );
            }
            out.push(diagnostic);
        }
        out
    }

    fn dates(&self, path: &Path, claim: &Claim, own: &str, articles: &[usize]) -> Vec<Diagnostic> {
        let mentions: Vec<DateMention> = dates::find_dates(own);
        let weekdays = dates::find_weekdays(own);
        if mentions.is_empty() && weekdays.is_empty() {
            return Vec::new();
        }
        let given: Vec<(usize, Vec<SourceDate>)> = articles
            .iter()
            .map(|&a| (a, article_dates(self.corpus.article(a))))
            .collect();
        let claim_words = words(own);
        let query = content_words(&claim_words);
        // (range in `own`, the dates it can mean, written in ISO form)
        let mut claimed: Vec<(Range<usize>, Vec<YearMonthDay>, bool)> = mentions
            .iter()
            .map(|m| {
                let iso = own[m.range.clone()].contains('-');
                (m.range.clone(), vec![(m.year, m.month, m.day)], iso)
            })
            .collect();
        for weekday in &weekdays {
            let candidates: Vec<YearMonthDay> = articles
                .iter()
                .filter_map(|&a| self.corpus.article(a).date())
                .flat_map(|anchor| dates::resolve_weekday(anchor, weekday.weekday))
                .map(|d: Date| (Some(d.year()), d.month(), d.day()))
                .collect();
            if !candidates.is_empty() {
                claimed.push((weekday.range.clone(), candidates, false));
            }
        }
        let mut out = Vec::new();
        for (range, candidates, iso) in claimed {
            let agrees = given.iter().any(|(_, dates)| {
                dates
                    .iter()
                    .any(|d| candidates.iter().any(|&(y, m, day)| d.agrees(y, m, day)))
            });
            if agrees {
                continue;
            }
            let written = &own[range.clone()];
            let (article, dates_given) = &given[0];
            let article_ref = self.corpus.article(*article);
            let body = article_ref.body.clone();
            let in_body: Vec<&SourceDate> = dates_given
                .iter()
                .filter(|d| body.start <= d.range.start)
                .collect();
            let evidence = self.best_passage(*article, &query, |r| {
                in_body
                    .iter()
                    .any(|d| r.start <= d.range.start && d.range.end <= r.end)
            });
            let location = self.location(path, claim.text.source_range(range.clone()));
            let mut passage_dates: Vec<String> = Vec::new();
            if let Some(evidence) = &evidence {
                for d in &in_body {
                    if evidence.sentence.start <= d.range.start
                        && d.range.end <= evidence.sentence.end
                    {
                        let text = format_date(
                            d.year.filter(|_| candidates[0].0.is_some() || iso),
                            d.month,
                            d.day,
                            iso,
                        );
                        if !passage_dates.contains(&text) {
                            passage_dates.push(text);
                        }
                    }
                }
            }
            let message = if passage_dates.is_empty() {
                format!(
                    "the cited source `{}` does not give {written} for this{}",
                    article_ref.key,
                    article_ref
                        .date()
                        .map(|d| format!(" (it is dated {d})"))
                        .unwrap_or_default()
                )
            } else {
                format!(
                    "the cited source `{}` does not give {written} for this; it gives {}",
                    article_ref.key,
                    passage_dates.join(", ")
                )
            };
            let mut diagnostic = Diagnostic::new(Rule::DateMismatch, location.clone(), message);
            if let Some(evidence) = &evidence {
                diagnostic = diagnostic.with_related(
                    self.article_location(evidence.article, evidence.sentence.clone()),
                    format!(
                        "closest passage in `{}`: “{}”",
                        article_ref.key,
                        self.passage_text(evidence)
                    ),
                );
            }
            if let [only] = passage_dates.as_slice()
                && candidates.len() == 1
            {
                diagnostic = diagnostic.with_replacement(
                    format!("Replace with {only}"),
                    location,
                    only.clone(),
                );
            }
            out.push(diagnostic);
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn support(
        &self,
        path: &Path,
        note: &Note,
        claim: &Claim,
        own: &str,
        verified: usize,
        articles: &[usize],
    ) -> Vec<Diagnostic> {
        let terms = support::terms(own);
        if terms.len() < 2 {
            return Vec::new();
        }
        let index = self.passages.get(self.corpus);
        let query: Vec<&str> = terms.iter().map(|t| t.word.as_str()).collect();
        // Best window of a given article: the top passages and their
        // neighbours, scored by how many claim terms they carry.
        // A cited article is read whole (retrieval misses spelling variants
        // such as "Traore" for "Traoré"); other articles only where
        // retrieval points.
        let best_in = |article: usize, whole: bool| -> Option<(f32, Range<usize>)> {
            let text = self.corpus.text_at(article);
            let sentences: Vec<usize> = if whole {
                (0..text.sentences.len()).collect()
            } else {
                index
                    .passages(&query, 5, Some(article))
                    .into_iter()
                    .map(|p| p.sentence)
                    .collect()
            };
            let mut best: Option<(f32, usize, Range<usize>)> = None;
            for sentence in sentences {
                let first = sentence.saturating_sub(1);
                let last = (sentence + 1).min(text.sentences.len() - 1);
                let window = text.sentences[first].start..text.sentences[last].end;
                let window_words = &text.words[window];
                let score = support::coverage(&terms, verified, window_words, &text.words);
                // Names count wherever the article has them, so many
                // windows tie; the one holding more of the claim's own words
                // is the better evidence.
                let shown = &text.words[text.sentences[sentence].clone()];
                let local = terms.iter().filter(|t| support::term_in(t, shown)).count();
                if best
                    .as_ref()
                    .is_none_or(|(s, l, _)| (score, local) > (*s, *l))
                {
                    best = Some((score, local, text.sentences[sentence].clone()));
                }
            }
            best.map(|(score, _, sentence)| (score, sentence))
        };
        let mut cited_best: Option<(f32, usize, Range<usize>)> = None;
        for &article in articles {
            let (score, sentence) = best_in(article, true).unwrap_or((0.0, 0..0));
            if cited_best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                cited_best = Some((score, article, sentence));
            }
        }
        let Some((score, article, sentence)) = cited_best else {
            return Vec::new();
        };
        let missing: Vec<&support::Term> = articles
            .iter()
            .map(|&a| support::missing_names(&terms, &self.corpus.text_at(a).words))
            .min_by_key(Vec::len)
            .unwrap_or_default();
        if score >= SUPPORTED && missing.is_empty() {
            return Vec::new();
        }
        let article_ref = self.corpus.article(article);
        let text = self.corpus.text_at(article);
        let absent: Vec<String> = terms
            .iter()
            .filter(|t| !support::term_in(t, &text.words))
            .map(|t| {
                let original = words(own)
                    .into_iter()
                    .find(|w| w.text.trim_end_matches("'s") == t.word)
                    .map(|w| own[w.range].to_string())
                    .unwrap_or_else(|| t.word.clone());
                format!("“{original}”")
            })
            .collect();
        let mut message = format!(
            "the cited source `{}` does not support this claim",
            article_ref.key
        );
        if !absent.is_empty() {
            let shown = absent.len().min(4);
            message.push_str(&format!(
                ": it never mentions {}",
                absent[..shown].join(", ")
            ));
        }
        let mut diagnostic = Diagnostic::new(
            Rule::UnsupportedClaim,
            self.location(path, claim.range.clone()),
            message,
        );
        if !sentence.is_empty() {
            let bytes = text.byte_range(sentence);
            diagnostic = diagnostic.with_related(
                self.article_location(article, bytes.clone()),
                format!(
                    "closest passage in `{}`: “{}”",
                    article_ref.key,
                    excerpt(&article_ref.text[bytes])
                ),
            );
        }
        // Another article that does carry the claim.
        let mut seen = BTreeSet::new();
        for passage in index.passages(&query, 10, None) {
            if articles.contains(&passage.article) || !seen.insert(passage.article) {
                continue;
            }
            let Some((other_score, other_sentence)) = best_in(passage.article, false) else {
                continue;
            };
            if other_score >= BETTER_SOURCE
                && other_score > score
                && support::missing_names(&terms, &self.corpus.text_at(passage.article).words)
                    .is_empty()
            {
                let other = self.corpus.article(passage.article);
                let bytes = self
                    .corpus
                    .text_at(passage.article)
                    .byte_range(other_sentence);
                diagnostic
                    .message
                    .push_str(&format!("; `{}` does", other.key));
                diagnostic = diagnostic.with_related(
                    self.article_location(passage.article, bytes.clone()),
                    format!(
                        "supporting passage in `{}`: “{}”",
                        other.key,
                        excerpt(&other.text[bytes])
                    ),
                );
                let keyed: Vec<&Citation> = claim
                    .citations
                    .iter()
                    .map(|&c| &note.citations[c])
                    .filter(|c| c.key().is_some())
                    .collect();
                if let [only] = keyed.as_slice() {
                    diagnostic = diagnostic.with_fix(
                        format!("Cite `{}` instead", other.key),
                        vec![Edit {
                            location: self.location(path, only.key_range.clone()),
                            new_text: other.key.clone(),
                        }],
                    );
                }
                break;
            }
        }
        vec![diagnostic]
    }
}

/// Sentences worth a citation: they hold a number, a quote or a name.
fn is_factual(claim: &Claim, note: &Note) -> bool {
    use crate::note::BlockKind;
    if matches!(claim.kind, BlockKind::Heading) || claim.text.text.trim_end().ends_with(['?', ':'])
    {
        return false;
    }
    if !claim.quotes.is_empty() && claim.quotes.iter().any(|&q| note.quotes.get(q).is_some()) {
        return true;
    }
    let text = &claim.text.text;
    if !quantities(text).is_empty() || !dates::find_dates(text).is_empty() {
        return true;
    }
    support::terms(text).iter().any(|t| t.name)
}

#[cfg(test)]
mod tests;
