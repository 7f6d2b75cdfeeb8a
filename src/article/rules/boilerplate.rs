//! `boilerplate`: scraped page residue in an article (navigation, reading
//! time widgets, author cards and bios). Adjacent residue lines are one
//! finding, and the fix removes them.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::article::Article;
use crate::article::anchor::location;
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "scraped page residue (\"Show More\", \"Read more\", bylines of other pages)",
    explanation: "Scrapers keep navigation and widgets of the page around the story: \
        \"News Feed\", \"Show More\", \"Read more\", \"2 min read\", avatars and author \
        bios. That text is not part of the article; quotes and names in it would be \
        attributed to the article. The fix removes the residue.",
    example: "...the end of the story.\n\nRead more\n",
};

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\n---\n\
         Starmer met Trump.\n\nShow More\n\n3 min read\n\nThe talks went on.\n\nAvatar\nJane Doe\n\n\
         Senior Reporter\n\nJane Doe is a senior reporter at the Daily Example covering Europe.\n\n\
         Read more\n\n",
    )],
    // The same words inside sentences are the story's own.
    silent: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\n---\n\
         Readers can read more about the talks in our archive.\nShow more restraint, he said.\n",
    )],
};

/// Navigation and widget text of news pages, matched as a whole line.
static RESIDUE_LINES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("boilerplate_lines.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

static READ_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\A\d{1,3}\s*(?:min|mins|minute|minutes)\s+read\z").expect("valid regex")
});
static AUTHOR_BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){1,3}\s+(?:is|was|has been)\s+(?:an?|the)\s+[^.]{0,80}\b(?:editor|reporter|journalist|correspondent|writer|contributor|columnist|producer|analyst)\b",
    )
    .expect("valid regex")
});

/// Longest preview of the residue a message quotes, in characters.
const PREVIEW: usize = 80;

pub fn check(article: &Article) -> Vec<Diagnostic> {
    residue_blocks(article)
        .into_iter()
        .map(|(range, labels)| {
            let text = &article.text[range.clone()];
            let shown = text.trim_end();
            let shown_range = range.start..range.start + shown.len();
            let preview: String = shown
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            let preview = truncate(&preview, PREVIEW);
            Diagnostic::new(
                Rule::Boilerplate,
                location(article, shown_range),
                format!(
                    "scraped page residue ({}), not part of the story: \"{preview}\"",
                    labels.join(", ")
                ),
            )
            .with_replacement("Remove the page residue", location(article, range), "")
        })
        .collect()
}

/// Each residue line of the body (its range with its terminator) and what
/// kind of residue it is.
fn residue_lines(article: &Article) -> Vec<(Range<usize>, &'static str)> {
    let body = article.body_text();
    let base = article.body.start;
    let mut flagged = Vec::new();
    // Name and job lines count as residue only under an avatar.
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
    flagged
}

/// Residue lines joined into blocks: adjacent ones, blank lines between
/// them allowed, are one block, with the kinds of residue it holds.
fn residue_blocks(article: &Article) -> Vec<(Range<usize>, Vec<&'static str>)> {
    let mut blocks: Vec<(Range<usize>, Vec<&'static str>)> = Vec::new();
    for (range, label) in residue_lines(article) {
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
    blocks
}

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

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    format!("{cut}…")
}
