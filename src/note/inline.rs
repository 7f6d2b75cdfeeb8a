//! What a block of note text holds, found on its plain text: Pandoc
//! citations, quotations, sentence boundaries and the speaker named next to
//! a quote. Offsets here are into the block's plain text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::char::is_combining_mark;

use super::spans::Covering;

/// One `@key` of a bracketed citation group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationItem {
    pub key: String,
    /// `@key` plus its locator (`@key, p. 4`).
    pub item: Range<usize>,
    /// The key alone, without `@`.
    pub key_range: Range<usize>,
    pub locator: Option<String>,
    /// The whole `[…]` group.
    pub group: Range<usize>,
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Pandoc's internal key punctuation: allowed only between key characters.
fn is_key_joiner(c: char) -> bool {
    ":.#$%&-+?<>~/".contains(c)
}

/// Bracketed citation groups: `[@a]`, `[@a, p. 4]`, `[see @a; -@b]`. An
/// unclosed `[@a` or an empty `[@]` is not a citation.
pub fn citations(text: &str) -> Vec<CitationItem> {
    let mut found = Vec::new();
    let mut search_from = 0;
    while let Some(open) = text[search_from..].find('[').map(|i| i + search_from) {
        search_from = open + 1;
        let rest = &text[open + 1..];
        let Some(close_rel) = rest.find([']', '[']) else {
            break;
        };
        if rest.as_bytes()[close_rel] == b'[' {
            continue;
        }
        let close = open + 1 + close_rel;
        let inner = &text[open + 1..close];
        if !inner.contains('@') {
            continue;
        }
        let group = open..close + 1;
        let mut item_start = open + 1;
        for part in inner.split(';') {
            let part_range = item_start..item_start + part.len();
            item_start = part_range.end + 1;
            if let Some(item) = citation_item(text, part_range, group.clone()) {
                found.push(item);
            }
        }
        search_from = close + 1;
    }
    found
}

fn citation_item(text: &str, part: Range<usize>, group: Range<usize>) -> Option<CitationItem> {
    let slice = &text[part.clone()];
    // `@` must start a word: `me@example.com` is not a citation.
    let at = slice.char_indices().find(|&(i, c)| {
        c == '@'
            && slice[..i]
                .chars()
                .next_back()
                .is_none_or(|p| p.is_whitespace() || p == '-')
    })?;
    let key_start = part.start + at.0 + 1;
    let chars: Vec<(usize, char)> = text[key_start..part.end].char_indices().collect();
    let mut end = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if is_key_char(c) {
            i += 1;
            end = chars.get(i).map_or(part.end - key_start, |&(b, _)| b);
        } else if is_key_joiner(c)
            && end > 0
            && chars.get(i + 1).is_some_and(|&(_, n)| is_key_char(n))
        {
            i += 1;
        } else {
            break;
        }
    }
    if end == 0 {
        return None;
    }
    let key_range = key_start..key_start + end;
    let after = text[key_range.end..part.end].trim();
    let locator = after
        .strip_prefix(',')
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let item_end = if locator.is_some() {
        part.start + slice.trim_end().len()
    } else {
        key_range.end
    };
    Some(CitationItem {
        key: text[key_range.clone()].to_string(),
        item: key_start - 1..item_end,
        key_range,
        locator,
        group,
    })
}

/// A quotation in plain text: the marks and what is between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Including the quotation marks.
    pub outer: Range<usize>,
    pub inner: Range<usize>,
}

/// Words as a reader counts them in a quote: runs holding a letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Quotations between `"…"` or `“…”`. A straight mark opens at the start of
/// a word and closes at the end of one; a quote left open at the end of the
/// text is not a quote (an unbalanced mark must not swallow the paragraph).
/// `skip` ranges (citation groups) are never inside a quote.
pub fn quotes(text: &str, skip: &[Range<usize>]) -> Vec<QuoteSpan> {
    let mut found = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let skip = Covering::new(skip);
    for (i, &(at, c)) in chars.iter().enumerate() {
        if skip.holds(at) {
            // A mark left open before a citation group opened no quote.
            open = None;
            continue;
        }
        let before = i.checked_sub(1).map(|p| chars[p].1);
        let after = chars.get(i + 1).map(|&(_, n)| n);
        match (open, c) {
            (None, '“') => open = Some((at, c)),
            (None, '"') => {
                let starts_word = before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b));
                if starts_word && after.is_some_and(|a| !a.is_whitespace()) {
                    open = Some((at, c));
                }
            }
            (Some((start, mark)), '”' | '"') => {
                let closes = c == '”'
                    || (mark == '"' || mark == '“') && before.is_some_and(|b| !b.is_whitespace());
                if closes {
                    let end = at + c.len_utf8();
                    found.push(QuoteSpan {
                        outer: start..end,
                        inner: start + mark.len_utf8()..at,
                    });
                    open = None;
                }
            }
            (Some(_), '“') => open = Some((at, c)),
            _ => {}
        }
    }
    found
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "st", "jr", "sr", "vs", "etc", "e.g",
    "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "p", "pp", "gov", "lt", "col", "capt", "co", "inc", "ltd", "approx", "cf", "fig", "vol",
];

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // Initials and dotted acronyms: "J", "U.S", "U.K".
    lower
        .split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// Sentence ranges of `text` (trimmed, never empty). No sentence ends inside
/// a `protected` range (a quote, a citation group).
pub fn sentences(text: &str, protected: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut bounds = Vec::new();
    let bytes = text.as_bytes();
    let protected = Covering::new(protected);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && !protected.surrounds(i) {
            let mut end = i + 1;
            // Closing marks belong to the sentence they close.
            while end < text.len() {
                let rest = &text[end..];
                match rest.chars().next() {
                    Some(c @ ('"' | '”' | '’' | '\'' | ')' | ']' | '.' | '!' | '?'))
                        if !(c == ']' && protected.holds(end)) =>
                    {
                        end += c.len_utf8()
                    }
                    _ => break,
                }
            }
            let next_visible = text[end..].trim_start();
            let spaced = next_visible.len() < text[end..].len() || next_visible.is_empty();
            let word_before = text[start..i]
                .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
                .next()
                .unwrap_or("");
            let next_starts = next_visible
                .chars()
                .next()
                .is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“'‘[(*_".contains(c));
            let decimal = b == b'.'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                && i > 0
                && bytes[i - 1].is_ascii_digit();
            if spaced && next_starts && !decimal && !(b == b'.' && is_abbreviation(word_before)) {
                bounds.push(start..end);
                start = end;
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    bounds.push(start..text.len());
    bounds
        .into_iter()
        .filter_map(|r| {
            let slice = &text[r.clone()];
            let lead = slice.len() - slice.trim_start().len();
            let trimmed = slice.trim();
            (!trimmed.is_empty()).then(|| r.start + lead..r.start + lead + trimmed.len())
        })
        .collect()
}

const SPEECH_VERBS: &str = r"said|says|say|told|tells|stated|states|added|adds|wrote|writes|declared|declares|argued|argues|warned|warns|insisted|insists|asked|asks|noted|notes|explained|explains|claimed|claims|remarked|replied|responded|announced|announces|posted|tweeted|continued|acknowledged|admitted|recalled|urged|urges|stressed|stresses|emphasised|emphasized|vowed|pledged|conceded|countered";

/// A run of capitalised words ("Prime Minister Keir Starmer", "Zelensky"),
/// with the particles of a surname ("Von der Leyen", "Osama bin Laden",
/// "Charles de la Fuente").
const NAME: &str = r"\p{Lu}[\p{L}'’.\-]*(?:\s+(?:(?:de|der|den|del|della|di|du|da|dos|la|le|van|von|ter|ten|al|el|bin|ibn|abu)\s+){0,2}\p{Lu}[\p{L}'’.\-]*){0,5}";

static SPEAKER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s,]*(?:(?:{SPEECH_VERBS})\s+(?P<n1>{NAME})|(?P<n2>{NAME})\s+(?:{SPEECH_VERBS})\b)"
    ))
    .expect("valid regex")
});
/// Where a speaker works, between the name and the verb: "Claire Richards
/// of the Bureau of Meteorology said" is Claire Richards speaking.
const AFFILIATION: &str = r"(?:,?\s+(?:of|from|at)\s+(?:the\s+)?\p{Lu}[\p{L}'’.\-]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}'’.\-]*){0,5},?)?";

/// A said-verb, found before a quote.
static SPEECH_VERB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?:{SPEECH_VERBS})\b")).expect("valid regex"));

/// The name that speaks with a said-verb, read back from just before the
/// verb: `Keir Starmer said`, `Claire Richards of the Bureau of
/// Meteorology has said`.
static NAME_BEFORE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n1>{NAME}){AFFILIATION}\s+(?:(?:has|had|have|also|then|later|once|previously)\s+)?$"
    ))
    .expect("valid regex")
});

/// A name just before the quote: `According to Reuters, "…"`,
/// `Starmer: "…"`.
static NAME_JUST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:[Aa]ccording\s+to\s+(?P<n2>{NAME})\s*,?\s*|(?P<n3>{NAME})\s*:\s*)$"
    ))
    .expect("valid regex")
});

/// How far a said-verb may stand before the quote it introduces, in
/// characters: `Trump said on Thursday in Washington that "…"`.
const VERB_REACH: usize = 80;

/// The longest said-verb, in characters.
const LONGEST_VERB: usize = 12;

const PRONOUNS: &[&str] = &[
    "He", "She", "They", "It", "We", "I", "You", "This", "That", "The", "But", "And",
];

/// The speaker named next to a quote, as a range of `text`: `Trump said
/// "…"`, `"…," Starmer told reporters`, `"…," said Starmer`, `According to
/// Reuters, "…"`. Pronouns are not names. The name is read within `within`
/// (from the end of the quote before, to the end of the quote's sentence):
/// `"…," said Starmer. The talks …` is Starmer, not "Starmer. The".
pub fn speaker(text: &str, quote: &QuoteSpan, within: Range<usize>) -> Option<Range<usize>> {
    let after_end = within.end.clamp(quote.outer.end, text.len());
    // `caps` found in the text from `offset`, which ends at `end`.
    let pick = |caps: regex::Captures, offset: usize, end: usize| -> Option<Range<usize>> {
        let m = caps
            .name("n1")
            .or_else(|| caps.name("n2"))
            .or_else(|| caps.name("n3"))?;
        if !stands_alone(&text[offset..end], m.range()) {
            return None;
        }
        let mut name = m.as_str();
        let mut start = m.start();
        // A sentence-initial connective is not part of the name.
        for lead in ["But ", "And ", "Yet ", "So ", "Then ", "The "] {
            if let Some(rest) = name.strip_prefix(lead) {
                start += lead.len();
                name = rest;
            }
        }
        let name = name.trim_end_matches(['.', '\'', '’']);
        if name.is_empty() || PRONOUNS.contains(&name) {
            return None;
        }
        Some(offset + start..offset + start + name.len())
    };
    let after = &text[quote.outer.end..after_end];
    if let Some(found) = SPEAKER_AFTER
        .captures(after)
        .and_then(|c| pick(c, quote.outer.end, after_end))
    {
        return Some(found);
    }
    let from = within.start.min(quote.outer.start);
    let before = &text[from..quote.outer.start];
    // A name just before the quote ("According to Reuters, …", "Starmer:")
    // is kept out of a said-verb's reach, and the nearest said-verb with a
    // name before it names the speaker: otherwise which one speaks would
    // change with the length of the names between.
    let just_before = NAME_JUST_BEFORE.captures(before);
    let reach_end = (just_before.as_ref())
        .and_then(|c| c.get(0))
        .map_or(before.len(), |m| m.start());
    for verb in verbs_before_quote(&before[..reach_end]).into_iter().rev() {
        let found = NAME_BEFORE_VERB
            .captures(&before[..verb.start])
            .and_then(|c| pick(c, from, text.len()));
        if found.is_some() {
            return found;
        }
    }
    just_before.and_then(|c| pick(c, from, text.len()))
}

/// The said-verbs of `before` (the text up to a quote) near enough to the
/// quote to introduce it, with no quote mark between, in order.
fn verbs_before_quote(before: &str) -> Vec<Range<usize>> {
    let reach = before
        .char_indices()
        .rev()
        .nth(VERB_REACH + LONGEST_VERB)
        .map_or(0, |(i, _)| i);
    let mut verbs = Vec::new();
    let mut at = reach;
    while let Some(verb) = SPEECH_VERB.find_at(before, at) {
        at = verb.end();
        let rest = &before[verb.end()..];
        if rest.chars().count() <= VERB_REACH && !rest.contains(['"', '“', '”']) {
            verbs.push(verb.range());
        }
    }
    verbs
}

/// A letter, mark or digit, or the punctuation a name may hold: what a
/// name glued to it would run on into.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '.' | '-') || is_combining_mark(c)
}

/// Whether the name at `name` in `text` is a whole name: not glued to
/// letters before or after it ("mMEabkgoyrTrump"), and not a cut from a
/// longer run of capitalised words than a name may have. Only such a name
/// can be replaced by another and read back as it, which is what a fix
/// naming the right speaker does.
fn stands_alone(text: &str, name: Range<usize>) -> bool {
    let before = &text[..name.start];
    let after = &text[name.end..];
    if before.chars().next_back().is_some_and(is_name_char)
        || after.chars().next().is_some_and(is_name_char)
    {
        return false;
    }
    let trimmed = before.trim_end_matches(char::is_whitespace);
    let spaced_before = trimmed.len() < before.len();
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_name_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word_before = &trimmed[word_start..];
    let capitalised = |word: &str| word.chars().next().is_some_and(char::is_uppercase);
    let word_after = after.trim_start_matches(char::is_whitespace);
    let spaced_after = word_after.len() < after.len();
    !(spaced_before && capitalised(word_before) || spaced_after && capitalised(word_after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keys(text: &str) -> Vec<(String, Option<String>, &str)> {
        citations(text)
            .into_iter()
            .map(|c| (c.key, c.locator, &text[c.item]))
            .collect()
    }

    #[test]
    fn citation_groups() {
        assert_eq!(
            keys("A claim [@003_24af, p. 4] and [@a; see -@b.c]."),
            vec![
                ("003_24af".into(), Some("p. 4".into()), "@003_24af, p. 4"),
                ("a".into(), None, "@a"),
                ("b.c".into(), None, "@b.c"),
            ]
        );
        assert!(keys("[@] and [@key and [mail me@example.com]").is_empty());
        assert_eq!(keys("[@clé_été]")[0].0, "clé_été");
        assert_eq!(keys("[@key.]")[0].0, "key");
    }

    #[test]
    fn quote_spans() {
        let text = "He said \"we will win this\" and “it is over now” but \"open";
        let spans: Vec<&str> = quotes(text, &[])
            .iter()
            .map(|q| &text[q.inner.clone()])
            .collect();
        assert_eq!(spans, vec!["we will win this", "it is over now"]);
        assert_eq!(word_count("a “scare” b"), 3);
    }

    #[test]
    fn a_quote_never_spans_a_citation_group() {
        let text = "\"[@key][@key]| \"one two three\" | [@x] |";
        let groups: Vec<_> = citations(text).into_iter().map(|c| c.group).collect();
        let spans: Vec<&str> = quotes(text, &groups)
            .iter()
            .map(|q| &text[q.inner.clone()])
            .collect();
        assert_eq!(spans, vec!["one two three"]);
    }

    #[test]
    fn sentence_splitting() {
        let text = "Starmer met Trump on Feb. 27 in the U.S. capital. He said \"No. Never.\" [@a]. Costs rose 2.5 percent! Next";
        let found: Vec<&str> = sentences(
            text,
            &quotes(text, &[])
                .iter()
                .map(|q| q.outer.clone())
                .collect::<Vec<_>>(),
        )
        .into_iter()
        .map(|r| &text[r])
        .collect();
        assert_eq!(
            found,
            vec![
                "Starmer met Trump on Feb. 27 in the U.S. capital.",
                "He said \"No. Never.\" [@a].",
                "Costs rose 2.5 percent!",
                "Next"
            ]
        );
    }

    fn speaker_of(text: &str) -> Option<&str> {
        let spans = quotes(text, &[]);
        let q = spans.first()?;
        speaker(text, q, 0..text.len()).map(|r| &text[r])
    }

    #[test]
    fn speakers() {
        assert_eq!(speaker_of("Trump said \"we will sign it\"."), Some("Trump"));
        assert_eq!(
            speaker_of("\"We will sign it,\" Starmer told reporters."),
            Some("Starmer")
        );
        assert_eq!(
            speaker_of("\"We will sign it,\" said Keir Starmer."),
            Some("Keir Starmer")
        );
        assert_eq!(
            speaker_of("Prime Minister Keir Starmer told the BBC that \"we will sign it\"."),
            Some("Prime Minister Keir Starmer")
        );
        assert_eq!(
            speaker_of("Von der Leyen said \"we will sign it\"."),
            Some("Von der Leyen")
        );
        assert_eq!(
            speaker_of("\"We will sign it,\" said Osama bin Laden."),
            Some("Osama bin Laden")
        );
        assert_eq!(
            speaker_of("Claire Richards of the Bureau of Meteorology said \"it rained\"."),
            Some("Claire Richards")
        );
        assert_eq!(
            speaker_of("Bill Evans, from Westpac, said \"it rained\"."),
            Some("Bill Evans")
        );
        assert_eq!(speaker_of("\"We will sign it,\" he said."), None);
        assert_eq!(speaker_of("He said \"we will sign it\"."), None);
    }

    proptest! {
        #[test]
        fn never_panics_and_ranges_are_valid(text in "[a-zA-Z@\\[\\];,.\"“”’!? é-]{0,80}") {
            for c in citations(&text) {
                prop_assert!(text.get(c.item.clone()).is_some());
                prop_assert!(text.get(c.key_range.clone()).is_some());
                prop_assert!(!c.key.is_empty());
            }
            let spans = quotes(&text, &[]);
            for q in &spans {
                prop_assert!(text.get(q.outer.clone()).is_some());
                let _ = speaker(&text, q, 0..text.len());
            }
            let protected: Vec<_> = spans.iter().map(|q| q.outer.clone()).collect();
            for s in sentences(&text, &protected) {
                prop_assert!(text.get(s.clone()).is_some() && !s.is_empty());
            }
        }
    }
}
