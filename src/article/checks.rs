//! The article rules: metadata, datelines, page residue, and the corpus-wide
//! duplicate checks.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::{Article, KNOWN_KEYS, MetadataForm};
use crate::corpus::Corpus;
use crate::dates::{self, DateProblem};
use crate::diagnostic::{Diagnostic, Edit, Location};
use crate::rules::Rule;

/// Every single-article rule.
pub fn check_article(article: &Article, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_date(article, today, &mut out);
    check_source(article, &mut out);
    check_url(article, &mut out);
    check_unknown_fields(article, &mut out);
    check_boilerplate(article, &mut out);
    out
}

fn at(article: &Article, range: Range<usize>) -> Location {
    Location {
        path: article.path.clone(),
        range,
    }
}

/// Where diagnostics about the article as a whole point: its metadata when it
/// has some, else the start of its first line (at most a few words, so a
/// scraped file whose first line is a whole paragraph is not underlined).
fn anchor(article: &Article) -> Range<usize> {
    let meta = &article.metadata;
    match meta.form {
        MetadataForm::Inline => {
            if let Some(date) = meta.field("date") {
                return date.key_range.start..date.value_range.end;
            }
        }
        MetadataForm::FrontMatter => return 0..article.text.find(['\r', '\n']).unwrap_or(3).min(3),
        MetadataForm::HeaderBlock => {
            if let (Some(first), Some(last)) = (meta.fields.first(), meta.fields.last()) {
                return first.line_range.start..last.line_range.end;
            }
        }
        MetadataForm::None => {}
    }
    // Scraped files often begin with blank lines: point at the first text.
    let first_text = article.text.len() - article.text.trim_start().len();
    let line_start = article.text[..first_text].rfind('\n').map_or(0, |i| i + 1);
    let text = &article.text[line_start..];
    let line_end = text.find(['\r', '\n']).unwrap_or(text.len());
    let line = &text[..line_end];
    let start = line.len() - line.trim_start().len();
    let mut end = line.trim_end().len().max(start);
    if line[start..end].chars().count() > 40 {
        end = line[start..]
            .char_indices()
            .take_while(|(i, _)| *i <= 40)
            .filter(|(_, c)| c.is_whitespace())
            .last()
            .map_or(
                start
                    + line[start..]
                        .chars()
                        .take(40)
                        .map(char::len_utf8)
                        .sum::<usize>(),
                |(i, _)| start + i,
            );
    }
    line_start + start..line_start + end
}

/// Where an article without that key gets a new `key: value` line, and the
/// text of that line, so the result is valid metadata in the file's form.
fn add_key_edit(article: &Article, key: &str, value: &str) -> Option<Edit> {
    let meta = &article.metadata;
    let (offset, text) = match meta.form {
        MetadataForm::FrontMatter | MetadataForm::HeaderBlock => {
            (meta.insert_at?, format!("{key}: {value}\n"))
        }
        // A header block before the first line is the least intrusive form
        // that keeps the file's own text untouched.
        MetadataForm::None => (0, format!("{key}: {value}\n\n")),
        MetadataForm::Inline => return None,
    };
    Some(Edit {
        location: at(article, offset..offset),
        new_text: text,
    })
}

fn check_date(article: &Article, today: Date, out: &mut Vec<Diagnostic>) {
    let field = article.field("date").filter(|f| !f.value.trim().is_empty());
    let dateline = find_dateline(article);
    let Some(field) = field else {
        let mut message = String::from("the article has no date in its metadata");
        if article.metadata.unclosed_front_matter.is_some() {
            message.push_str(
                "; the front matter opened by `---` on line 1 is never closed by a second `---`, \
                 so none of its keys are read",
            );
        }
        let mut diagnostic = Diagnostic::new(
            Rule::MissingDate,
            at(article, anchor(article)),
            String::new(),
        );
        match &dateline {
            Some((range, date)) => {
                message.push_str(&format!("; its dateline gives {date}"));
                diagnostic = diagnostic
                    .with_related(at(article, range.clone()), format!("dateline: {date}"));
                if let Some(edit) = add_key_edit(article, "date", &date.to_string()) {
                    diagnostic = diagnostic.with_fix(format!("Add `date: {date}`"), vec![edit]);
                }
            }
            None => message.push_str("; add `date: YYYY-MM-DD`"),
        }
        diagnostic.message = message;
        out.push(diagnostic);
        return;
    };
    let location = at(article, field.value_range.clone());
    match dates::parse_metadata_date(&field.value) {
        Ok(date) => {
            if date > today {
                out.push(Diagnostic::new(
                    Rule::FutureDate,
                    location.clone(),
                    format!("the date {date} is after today ({today})"),
                ));
            }
            if let Some((range, dateline_date)) = dateline
                && dateline_date != date
            {
                out.push(
                    Diagnostic::new(
                        Rule::DateConflict,
                        at(article, range.clone()),
                        format!(
                            "the dateline says {dateline_date} but the metadata date is {date}"
                        ),
                    )
                    .with_related(location.clone(), format!("metadata date: {date}"))
                    .with_replacement(
                        format!("Set the metadata date to {dateline_date}"),
                        location,
                        dateline_date.to_string(),
                    ),
                );
            }
        }
        Err(DateProblem::Impossible { reason }) => out.push(Diagnostic::new(
            Rule::InvalidDate,
            location,
            format!("`{}` is not a real date: {reason}", field.value.trim()),
        )),
        Err(DateProblem::Malformed { suggestion }) => {
            let mut message = format!("`{}` is not an ISO date (YYYY-MM-DD)", field.value.trim());
            let mut diagnostic =
                Diagnostic::new(Rule::InvalidDate, location.clone(), String::new());
            if let Some(date) = suggestion {
                message.push_str(&format!("; did you mean {date}?"));
                diagnostic = diagnostic.with_replacement(
                    format!("Replace with {date}"),
                    location,
                    date.to_string(),
                );
            }
            diagnostic.message = message;
            out.push(diagnostic);
        }
    }
}

static DATELINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\A\s*(?:
            [A-Z][\w.'’\ -]{0,40},\s*
          | (?i:published|posted|updated|dated|last\ updated)(?:\s+on)?:?\s*
        )\z",
    )
    .expect("valid regex")
});

/// A full date that the body gives as its own dateline: inside the wire
/// credit parentheses near the top (`(APP - … - 27th Feb, 2025)`), after a
/// place (`LONDON, 27 February 2025 -`), after "Published", or alone on a line.
/// Dates in the running text are events, not datelines, and are left alone.
pub fn find_dateline(article: &Article) -> Option<(Range<usize>, Date)> {
    const HEAD: usize = 600;
    let body = article.body_text();
    let mut head_end = body.len().min(HEAD);
    while !body.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &body[..head_end];
    for mention in dates::find_dates(head) {
        let Some(date) = mention.year.and_then(|_| mention.resolve(None)) else {
            continue;
        };
        let line_start = head[..mention.range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = head[mention.range.end..]
            .find('\n')
            .map_or(head.len(), |i| mention.range.end + i);
        let before = &head[line_start..mention.range.start];
        let after = &head[mention.range.end..line_end];
        let in_parentheses = before
            .rfind('(')
            .is_some_and(|open| !before[open..].contains(')') && after.contains(')'));
        let alone = before.trim().is_empty() && after.trim().is_empty();
        if in_parentheses || alone || DATELINE_PREFIX.is_match(before) {
            let offset = article.body.start;
            return Some((
                offset + mention.range.start..offset + mention.range.end,
                date,
            ));
        }
    }
    None
}

fn check_source(article: &Article, out: &mut Vec<Diagnostic>) {
    if article.source().is_some() {
        return;
    }
    let location = match article.field("source") {
        Some(field) => at(article, field.line_range.clone()),
        None => at(article, anchor(article)),
    };
    out.push(Diagnostic::new(
        Rule::MissingSource,
        location,
        "the article does not name its source (outlet or wire); add `source: NAME` to its metadata",
    ));
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\Ahttps?://[^\s/?#@]+(?:\.[^\s/?#@]+|:\d+)?(?:[/?#]\S*)?\z").expect("valid regex")
});

fn check_url(article: &Article, out: &mut Vec<Diagnostic>) {
    let Some(field) = article.field("url") else {
        return;
    };
    let value = field.value.trim();
    let host_ok = URL.is_match(value)
        && value
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', '?', '#', ':']).next())
            .is_some_and(|host| host.contains('.') || host == "localhost");
    if host_ok {
        return;
    }
    let location = at(article, field.value_range.clone());
    let mut diagnostic = Diagnostic::new(
        Rule::InvalidUrl,
        location.clone(),
        if value.is_empty() {
            "`url` is empty; give an absolute http(s) URL or remove the key".to_string()
        } else {
            format!("`{value}` is not an absolute http(s) URL")
        },
    );
    let looks_like_domain = !value.contains("://")
        && !value.contains(char::is_whitespace)
        && value
            .split('/')
            .next()
            .is_some_and(|host| host.contains('.'));
    if looks_like_domain {
        let fixed = format!("https://{value}");
        diagnostic = diagnostic.with_replacement(format!("Replace with {fixed}"), location, fixed);
    }
    out.push(diagnostic);
}

fn check_unknown_fields(article: &Article, out: &mut Vec<Diagnostic>) {
    if article.metadata.form != MetadataForm::FrontMatter {
        return;
    }
    for field in &article.metadata.fields {
        let key = field.key.to_ascii_lowercase();
        if KNOWN_KEYS.contains(&key.as_str()) {
            continue;
        }
        let location = at(article, field.key_range.clone());
        let closest = KNOWN_KEYS
            .iter()
            .map(|known| (strsim::damerau_levenshtein(&key, known), *known))
            .filter(|(distance, known)| *distance <= 2 && *distance < known.len())
            .min();
        let mut message = format!(
            "`{}` is not a known metadata key (known: {})",
            field.key,
            KNOWN_KEYS.join(", ")
        );
        let mut diagnostic = Diagnostic::new(Rule::UnknownField, location.clone(), String::new());
        if let Some((_, known)) = closest
            && article.field(known).is_none()
        {
            message.push_str(&format!("; did you mean `{known}`?"));
            diagnostic =
                diagnostic.with_replacement(format!("Rename to `{known}`"), location, known);
        }
        diagnostic.message = message;
        out.push(diagnostic);
    }
}

/// Navigation and widget text of news pages, matched as a whole line.
const RESIDUE_LINES: &[&str] = &[
    "news feed",
    "show more",
    "show less",
    "read more",
    "read more:",
    "avatar",
    "advertisement",
    "advertisements",
    "share",
    "share this article",
    "share this",
    "subscribe",
    "subscribe now",
    "sign up",
    "skip to content",
    "skip to main content",
    "related",
    "related articles",
    "related stories",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "comments",
    "loading...",
    "click here",
    "continue reading",
    "follow us",
    "back to top",
    "sponsored",
    "recommended",
    "recommended for you",
    "you may also like",
    "more from this author",
    "print",
    "email",
    "copy link",
];

static READ_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\A\d{1,3}\s*(?:min|mins|minute|minutes)\s+read\z").expect("valid regex")
});
static AUTHOR_BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){1,3}\s+(?:is|was|has been)\s+(?:an?|the)\s+[^.]{0,80}\b(?:editor|reporter|journalist|correspondent|writer|contributor|columnist|producer|analyst)\b",
    )
    .expect("valid regex")
});

/// A short line naming a person or a job under an avatar ("Martin Fornusek",
/// "Senior News Editor").
fn is_byline_fragment(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && !line.ends_with(['.', '!', '?', ':', '"', '”'])
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn check_boilerplate(article: &Article, out: &mut Vec<Diagnostic>) {
    let body = article.body_text();
    let base = article.body.start;
    // (range of the line incl. terminator, label)
    let mut flagged: Vec<(Range<usize>, &'static str)> = Vec::new();
    let mut after_avatar = false;
    let mut offset = 0;
    for raw in body.split_inclusive('\n') {
        let line = raw.trim();
        let range = base + offset..base + offset + raw.len();
        offset += raw.len();
        if line.is_empty() {
            continue;
        }
        let lower = line.to_lowercase();
        let label = if RESIDUE_LINES.contains(&lower.as_str()) {
            after_avatar = lower == "avatar";
            Some("page navigation")
        } else if READ_TIME.is_match(line) {
            Some("reading-time widget")
        } else if AUTHOR_BIO.is_match(line) {
            after_avatar = false;
            Some("author bio")
        } else if after_avatar && is_byline_fragment(line) {
            Some("author card")
        } else {
            after_avatar = false;
            None
        };
        if let Some(label) = label {
            flagged.push((range, label));
        }
    }
    // Adjacent residue lines (blank lines between them allowed) are one block.
    let mut blocks: Vec<(Range<usize>, Vec<&'static str>)> = Vec::new();
    for (range, label) in flagged {
        if let Some((last, labels)) = blocks.last_mut()
            && article.text[last.end..range.start].trim().is_empty()
        {
            last.end = range.end;
            if !labels.contains(&label) {
                labels.push(label);
            }
            continue;
        }
        blocks.push((range, vec![label]));
    }
    for (range, labels) in blocks {
        let text = &article.text[range.clone()];
        let shown = text.trim_end();
        let shown_range = range.start..range.start + shown.len();
        let preview: String = shown
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" / ");
        let preview = truncate(&preview, 80);
        out.push(
            Diagnostic::new(
                Rule::Boilerplate,
                at(article, shown_range),
                format!(
                    "scraped page residue ({}), not part of the story: \"{preview}\"",
                    labels.join(", ")
                ),
            )
            .with_replacement("Remove the page residue", at(article, range), ""),
        );
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    format!("{cut}…")
}

/// Rules that compare articles with each other: shared citation keys and
/// identical bodies.
/// blake3 of an article's body with white space folded, the identity the
/// duplicate-article rule compares; `None` for a body of fewer than five
/// words, too short to call a copy.
pub fn body_hash(article: &Article) -> Option<[u8; 32]> {
    let mut hasher = blake3::Hasher::new();
    let mut count = 0;
    for word in article.body_text().split_whitespace() {
        if count > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
        count += 1;
    }
    (count >= 5).then(|| *hasher.finalize().as_bytes())
}

/// The positions of each value more than one position holds, in order.
/// Sorting beats a hash map of lists here: most values are held once.
fn shared<K: Ord + Copy>(mut pairs: Vec<(K, usize)>) -> Vec<(K, Vec<usize>)> {
    pairs.sort_unstable();
    pairs
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
        .map(|run| (run[0].0, run.iter().map(|&(_, i)| i).collect()))
        .collect()
}

/// The rules that compare articles: shared citation keys and copied
/// bodies. `bodies` are the `body_hash` of each article of `corpus`; only
/// the articles a diagnostic points into are read.
pub fn check_corpus(corpus: &Corpus, bodies: &[Option<[u8; 32]>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let by_key = shared((0..corpus.len()).map(|i| (corpus.key(i), i)).collect());
    let key_location = |article: &Article| match article.field("id") {
        Some(field) => at(article, field.value_range.clone()),
        None => at(article, anchor(article)),
    };
    for (key, group) in &by_key {
        for &i in group {
            let article = corpus.article(i);
            let mut diagnostic = Diagnostic::new(
                Rule::DuplicateId,
                key_location(article),
                format!(
                    "the citation key `{key}` is shared by {} articles; `[@{key}]` is ambiguous",
                    group.len()
                ),
            );
            for &other in group.iter().filter(|&&o| corpus.path(o) != article.path) {
                diagnostic = diagnostic.with_related(
                    key_location(corpus.article(other)),
                    format!("also `{key}`: {}", corpus.rel_path(other)),
                );
            }
            out.push(diagnostic);
        }
    }
    let by_body = shared(
        (bodies.iter().enumerate())
            .filter_map(|(i, body)| Some((body.as_ref()?, i)))
            .collect(),
    );
    for (_, group) in &by_body {
        let group: Vec<&Article> = group.iter().map(|&i| corpus.article(i)).collect();
        for article in &group {
            let others: Vec<&str> = group
                .iter()
                .filter(|o| o.path != article.path)
                .map(|o| o.rel_path.as_str())
                .collect();
            let mut diagnostic = Diagnostic::new(
                Rule::DuplicateArticle,
                at(article, anchor(article)),
                format!(
                    "the body of this article is the same as {}",
                    others.join(", ")
                ),
            );
            for other in group.iter().filter(|o| o.path != article.path) {
                diagnostic = diagnostic.with_related(
                    at(other, anchor(other)),
                    format!("same body: {}", other.rel_path),
                );
            }
            out.push(diagnostic);
        }
    }
    out.sort_by(|a, b| {
        (&a.location.path, a.location.range.start).cmp(&(&b.location.path, b.location.range.start))
    });
    out
}
