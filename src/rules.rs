//! The rule registry: every stable code with its default level, what it
//! checks, its documentation and an example. `backstop explain`, the README
//! table, SARIF rule metadata and configuration validation all read this.

use std::fmt;

use crate::severity::{Level, Severity};

// Serialized only into the cache, by variant name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Rule {
    MissingDate,
    InvalidDate,
    FutureDate,
    DateConflict,
    MissingSource,
    InvalidUrl,
    DuplicateId,
    DuplicateArticle,
    UnknownField,
    Boilerplate,
    UnknownSource,
    QuoteNotFound,
    Misquote,
    QuoteWrongSource,
    MisattributedQuote,
    NumberMismatch,
    DateMismatch,
    UnsupportedClaim,
    UncitedClaim,
}

/// What kind of file a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Article,
    Note,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Article => "article",
            Target::Note => "note",
        }
    }
}

pub struct RuleInfo {
    pub code: &'static str,
    pub target: Target,
    pub default_level: Level,
    /// When it fires, in one line (the contract's table).
    pub summary: &'static str,
    pub documentation: &'static str,
    pub example: &'static str,
}

use Level::{Off, On};
use Severity::{Error, Hint, Info, Warning};

impl Rule {
    pub const ALL: [Rule; 19] = [
        Rule::MissingDate,
        Rule::InvalidDate,
        Rule::FutureDate,
        Rule::DateConflict,
        Rule::MissingSource,
        Rule::InvalidUrl,
        Rule::DuplicateId,
        Rule::DuplicateArticle,
        Rule::UnknownField,
        Rule::Boilerplate,
        Rule::UnknownSource,
        Rule::QuoteNotFound,
        Rule::Misquote,
        Rule::QuoteWrongSource,
        Rule::MisattributedQuote,
        Rule::NumberMismatch,
        Rule::DateMismatch,
        Rule::UnsupportedClaim,
        Rule::UncitedClaim,
    ];

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.code() == code)
    }

    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// `None` when the rule is off unless configured.
    pub fn default_severity(self) -> Option<Severity> {
        match self.info().default_level {
            Off => None,
            On(severity) => Some(severity),
        }
    }

    pub fn info(self) -> &'static RuleInfo {
        match self {
            Rule::MissingDate => &RuleInfo {
                code: "missing-date",
                target: Target::Article,
                default_level: On(Warning),
                summary: "no date in the metadata",
                documentation: "An article without a date cannot anchor the claims that cite it: \
                    backstop cannot tell whether a quote predates an event, resolve \"on Thursday\" \
                    in its body, or order a person's roles in time. Give the date in the metadata \
                    (front matter, header block, or the legacy inline `date YYYY-MM-DD`). When the \
                    body has a dateline with a full date, the fix inserts it.",
                example: "---\ntitle: Starmer in Washington\nsource: AFP\n---\nWashington (AFP) - 27th Feb, 2025 - ...\n\n\
                    # fix: add `date: 2025-02-27` to the front matter",
            },
            Rule::InvalidDate => &RuleInfo {
                code: "invalid-date",
                target: Target::Article,
                default_level: On(Error),
                summary: "date malformed (`27/02/2025`) or impossible (`2025-02-30`)",
                documentation: "Dates are ISO `YYYY-MM-DD`. Any other form is ambiguous across \
                    locales (is `03/02/2025` March or February?) and an impossible date such as \
                    `2025-02-30` is a typo that would silently shift every claim resolved against \
                    it. Where the intended date is unambiguous the fix rewrites it in ISO form.",
                example: "---\ndate: 27/02/2025\n---\n\n# fix: date: 2025-02-27",
            },
            Rule::FutureDate => &RuleInfo {
                code: "future-date",
                target: Target::Article,
                default_level: On(Warning),
                summary: "date after today",
                documentation: "An article cannot be published after today. A future date is \
                    usually a wrong year (`2052` for `2025`) or a scheduled embargo date copied \
                    into the metadata.",
                example: "---\ndate: 2205-02-27\n---",
            },
            Rule::DateConflict => &RuleInfo {
                code: "date-conflict",
                target: Target::Article,
                default_level: On(Warning),
                summary: "a dateline or explicit date in the body contradicts the header",
                documentation: "Wire copy carries its own dateline (`Washington, (APP - ... - 27th \
                    Feb, 2025)`, `LONDON, Feb 27 (Reuters) -`). When it names another day than the \
                    metadata, one of them is wrong, and relative dates in the body (\"on \
                    Thursday\") resolve against the wrong day. The diagnostic points at the \
                    dateline and offers to set the metadata date to it.",
                example: " date 2025-02-26 Washington, (APP - 27th Feb, 2025) British Prime Minister ...",
            },
            Rule::MissingSource => &RuleInfo {
                code: "missing-source",
                target: Target::Article,
                default_level: On(Warning),
                summary: "no `source`",
                documentation: "Every article should name its outlet or wire (`source: Reuters`) so \
                    a reader of the note can weigh the evidence and so hovers and inlay hints can \
                    show where a claim comes from.",
                example: "---\ndate: 2025-02-27\n---\n\n# fix: add `source: AFP`",
            },
            Rule::InvalidUrl => &RuleInfo {
                code: "invalid-url",
                target: Target::Article,
                default_level: On(Error),
                summary: "`url` is not an absolute http(s) URL",
                documentation: "The `url` key must be an absolute `http://` or `https://` URL with a \
                    host, so that a reader can open the original. Relative paths, bare domains \
                    and other schemes are rejected.",
                example: "---\nurl: www.example.com/story\n---\n\n# fix: url: https://www.example.com/story",
            },
            Rule::DuplicateId => &RuleInfo {
                code: "duplicate-id",
                target: Target::Article,
                default_level: On(Error),
                summary: "two articles share a citation key",
                documentation: "A citation key (`id`, else the file stem) must name exactly one \
                    article, otherwise `[@key]` in a note is ambiguous. Every article sharing the \
                    key is reported, each pointing at the others.",
                example: "sources/a.md:  id: starmer-dc\nsources/b.md:  id: starmer-dc",
            },
            Rule::DuplicateArticle => &RuleInfo {
                code: "duplicate-article",
                target: Target::Article,
                default_level: On(Warning),
                summary: "two articles have the same body",
                documentation: "Two files whose bodies are identical (ignoring white space) are \
                    usually the same story saved twice. Duplicates inflate mention counts and make \
                    `quote-wrong-source` ambiguous. Keep one.",
                example: "sources/starmer.txt and sources/starmer (1).txt with the same text",
            },
            Rule::UnknownField => &RuleInfo {
                code: "unknown-field",
                target: Target::Article,
                default_level: On(Info),
                summary: "a metadata key that is not known",
                documentation: "Known keys are `id`, `title`, `date`, `source`, `url` and `author`. \
                    Another key is kept but not used; when it is close to a known key it is \
                    probably a typo, and the fix renames it.",
                example: "---\ndte: 2025-02-27\n---\n\n# fix: rename `dte` to `date`",
            },
            Rule::Boilerplate => &RuleInfo {
                code: "boilerplate",
                target: Target::Article,
                default_level: On(Hint),
                summary: "scraped page residue (\"Show More\", \"Read more\", bylines of other pages)",
                documentation: "Scrapers keep navigation and widgets of the page around the story: \
                    \"News Feed\", \"Show More\", \"Read more\", \"2 min read\", avatars and author \
                    bios. That text is not part of the article; quotes and names in it would be \
                    attributed to the article. The fix removes the residue.",
                example: "...the end of the story.\n\nRead more\n",
            },
            Rule::UnknownSource => &RuleInfo {
                code: "unknown-source",
                target: Target::Note,
                default_level: On(Error),
                summary: "a citation key that no article has",
                documentation: "`[@key]` must name an article of the corpus by its `id` or file \
                    stem. The fix replaces a mistyped key with the closest existing one.",
                example: "Starmer flew to Washington [@starmer-dcc].\n\n# fix: [@starmer-dc]",
            },
            Rule::QuoteNotFound => &RuleInfo {
                code: "quote-not-found",
                target: Target::Note,
                default_level: On(Error),
                summary: "a quote that no article contains, nor anything close",
                documentation: "A quotation of three words or more must appear in the corpus. \
                    Matching ignores straight versus curly quotes, dashes, white space, the case of \
                    the first letter and trailing punctuation; `...` stands for omitted words and \
                    `[text]` for an editorial insertion. Nothing in the corpus comes close to this \
                    quote.",
                example: "Starmer said \"we will send fifty thousand troops\" [@a].",
            },
            Rule::Misquote => &RuleInfo {
                code: "misquote",
                target: Target::Note,
                default_level: On(Error),
                summary: "a quote close to, but not the same as, a passage in a source",
                documentation: "The quote nearly matches a passage: words were changed, dropped or \
                    added without an ellipsis or brackets. The diagnostic shows the source's words \
                    and the difference; the fix replaces the quote with them.",
                example: "\"I have confidence if we make a deal, it will hold\" [@b]\n\n\
                    # source: \"I have confidence if we make a deal, it's going to hold\"",
            },
            Rule::QuoteWrongSource => &RuleInfo {
                code: "quote-wrong-source",
                target: Target::Note,
                default_level: On(Warning),
                summary: "the quote is in the corpus, but not in the cited source",
                documentation: "The quote exists, word for word, but in another article than the \
                    one cited. The fix changes the citation to the article that holds it.",
                example: "\"gambling with World War III\" [@003]\n\n# the quote is in 002; fix: [@002]",
            },
            Rule::MisattributedQuote => &RuleInfo {
                code: "misattributed-quote",
                target: Target::Note,
                default_level: On(Warning),
                summary: "the note's speaker differs from the speaker the source gives",
                documentation: "The note puts a quote in one person's mouth, the source in \
                    another's. Nothing is said when the source does not name the speaker or uses \
                    a pronoun backstop could not resolve.",
                example: "Starmer said \"You're gambling with World War III\" [@002]\n\n# the source: Trump",
            },
            Rule::NumberMismatch => &RuleInfo {
                code: "number-mismatch",
                target: Target::Note,
                default_level: On(Error),
                summary: "a number or quantity in a cited claim that the cited source does not state",
                documentation: "Numbers are compared after normalisation (`30,000` = `30000`, `2.5 \
                    percent` = `2.5%`, number words). A number in the claim that the cited source \
                    does not state is reported with the numbers the source does state nearby.",
                example: "Starmer proposed 50,000 European troops [@004].\n\n# the source says 30,000",
            },
            Rule::DateMismatch => &RuleInfo {
                code: "date-mismatch",
                target: Target::Note,
                default_level: On(Error),
                summary: "a date in a cited claim that the cited source does not give for that event",
                documentation: "Dates are compared as calendar days (`February 27`, `Feb. 27`, \
                    `27th Feb, 2025`, `2025-02-27`; weekday names are resolved against the \
                    article's date). A date in the claim that the cited source does not give for \
                    the event is reported with the date it does give.",
                example: "Starmer met Trump on February 26 [@001].\n\n# the source says February 27",
            },
            Rule::UnsupportedClaim => &RuleInfo {
                code: "unsupported-claim",
                target: Target::Note,
                default_level: On(Warning),
                summary: "the cited source does not support the claim",
                documentation: "The cited article's closest passage does not carry the claim's \
                    content: its names, places and key terms. The diagnostic shows that passage \
                    and, when another article supports the claim, offers to cite it.",
                example: "Rubio met Lavrov in Riyadh [@000].",
            },
            Rule::UncitedClaim => &RuleInfo {
                code: "uncited-claim",
                target: Target::Note,
                default_level: Off,
                summary: "a factual sentence (numbers, names, quotes) with no citation",
                documentation: "Off by default. A sentence that states numbers, names people or \
                    quotes someone without citing a source. Turn it on in `backstop.toml` under \
                    `[rules]` for notes meant for publication.",
                example: "Starmer proposed 30,000 troops.",
            },
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The rule table as Markdown, for the README (a test keeps them in step).
pub fn markdown_table() -> String {
    let mut out = String::from("| code | on | default | fires when |\n|---|---|---|---|\n");
    for rule in Rule::ALL {
        let info = rule.info();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            info.code,
            info.target.as_str(),
            info.default_level.as_str(),
            info.summary
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_code(rule.code()), Some(rule));
        }
        let mut codes: Vec<_> = Rule::ALL.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Rule::ALL.len());
    }
}
