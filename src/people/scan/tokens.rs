//! Words with byte ranges and the sentences they fall in: the first step of
//! every scan, and of the hover cards' sentence around a quote. Linear in
//! the text; works on any input.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::people::vocabulary;
use crate::text::word_list::Strings;
use crate::text::word_starts;

/// How many words after a name its pronoun is looked for.
const PRONOUN_AFTER_REACH: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `Starmer`, `O'Brien`, `Ní`, `McDonald`.
    Capitalized,
    /// `NATO`, `U.K.`, `TRUMP`.
    AllCaps,
    /// `J.`, `B`.
    Initial,
    /// `el-Sisi`, `al-Assad`.
    ParticleHyphen,
    Lower,
    Numeric,
}

/// A word of a scanned text, as offsets into it: a large article holds
/// millions of these, so a word costs 16 bytes and no allocation of its
/// own (its folded form is [`Tokens::lower`]).
#[derive(Debug, Clone)]
pub struct Token {
    start: u32,
    end: u32,
    /// Index of the folded form in `Tokens::folded`, or `SAME_AS_TEXT`
    /// when folding leaves the word's base as it is written.
    folded: u32,
    /// Bytes of a possessive `'s` at the end (0 without one).
    possessive_len: u8,
    pub possessive: bool,
    pub shape: Shape,
    pub sentence_initial: bool,
}

const SAME_AS_TEXT: u32 = u32::MAX;

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// End without a possessive `'s`.
    pub fn base_end(&self) -> usize {
        self.end as usize - usize::from(self.possessive_len)
    }

    pub fn base(&self) -> Range<usize> {
        self.start as usize..self.base_end()
    }
}

/// The words of a text, in order, with their folded forms (lower case,
/// apostrophes straightened, possessive removed). Most words are written
/// as they fold, so only the others keep a folded copy, end to end in one
/// string; the rest are read from the text.
#[derive(Debug, Clone)]
pub struct Tokens<'t> {
    text: &'t str,
    list: Vec<Token>,
    folded: Strings,
}

impl<'t> Tokens<'t> {
    /// No words yet; `tokenize` adds the words of a region of `text`.
    pub fn new(text: &'t str) -> Tokens<'t> {
        Tokens {
            text,
            list: Vec::new(),
            folded: Strings::default(),
        }
    }

    /// The text between word `left` and word `right`.
    pub fn gap(&self, left: usize, right: usize) -> &'t str {
        let (start, end) = (self.list[left].range().end, self.list[right].range().start);
        self.text.get(start..end).unwrap_or("")
    }

    /// The first "he" or "she" after the name that word `last` ends,
    /// within its sentence and the next, before another name
    /// (`name_starts`, sorted word indexes) or a quote opens: what the text
    /// goes on to call the one it names.
    pub fn pronoun_after(&self, last: usize, name_starts: &[usize]) -> Option<&'static str> {
        // "Merkel's spokesman said he": the owner is not who the pronoun
        // calls.
        if self.list[last].possessive {
            return None;
        }
        let mut stops = 0;
        for k in last + 1..self.len().min(last + 1 + PRONOUN_AFTER_REACH) {
            let gap = self.gap(k - 1, k);
            if gap.contains(['"', '“', '”']) || name_starts.binary_search(&k).is_ok() {
                return None;
            }
            if gap.contains(['.', '!', '?']) {
                stops += 1;
                if stops == 2 {
                    return None;
                }
            }
            match self.lower(k) {
                "he" => return Some("he"),
                "she" => return Some("she"),
                _ => {}
            }
        }
        None
    }

    /// Folded form of word `index`.
    pub fn lower(&self, index: usize) -> &str {
        self.lower_of(&self.list[index])
    }

    /// Folded form of `token`, one of these words.
    pub fn lower_of(&self, token: &Token) -> &str {
        if token.folded == SAME_AS_TEXT {
            return &self.text[token.base()];
        }
        self.folded.get(token.folded)
    }

    fn push(&mut self, range: Range<usize>, base_len: usize, possessive: bool) {
        let base_word = &self.text[range.start..range.start + base_len];
        // Lower-case ASCII (most words) folds to itself without a copy.
        let unchanged = base_word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
            || fold(base_word) == base_word;
        let folded = if unchanged {
            SAME_AS_TEXT
        } else {
            // Texts are below `LONGEST_TEXT`, and their folded words with them.
            self.folded.push(&fold(base_word)).unwrap_or(SAME_AS_TEXT)
        };
        self.list.push(Token {
            start: offset(range.start),
            end: offset(range.end),
            folded,
            possessive_len: (range.len() - base_len) as u8,
            possessive,
            shape: shape_of(base_word),
            sentence_initial: false,
        });
    }
}

impl std::ops::Deref for Tokens<'_> {
    type Target = [Token];

    fn deref(&self) -> &[Token] {
        &self.list
    }
}

/// A byte offset as stored in a token: texts are below `LONGEST_TEXT`.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// Texts are read up to here: a token keeps its offsets in 32 bits, and
/// files are read only up to `files::MAX_FILE_BYTES`, far below.
const LONGEST_TEXT: usize = u32::MAX as usize - 1;

const APOSTROPHES: [char; 3] = ['\'', '’', 'ʼ'];
const HYPHENS: [char; 3] = ['-', '‐', '‑'];

/// "II", "III", "IV": part of a monarch's or heir's name, not shouting.
pub fn is_regnal_number(lower: &str) -> bool {
    (2..=4).contains(&lower.len()) && lower.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
}

/// Lower case without diacritics, with straight apostrophes.
pub fn fold(text: &str) -> String {
    // Most words are plain ASCII: no normalisation needed.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let text = if text.contains(LOST_APOSTROPHE) {
        Cow::Owned(text.replace(LOST_APOSTROPHE, "'"))
    } else {
        Cow::Borrowed(text)
    };
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if APOSTROPHES.contains(&c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A spelling-insensitive form of a name word, so that transliterations of
/// one name meet: Zelensky, Zelenskiy and Zelenskyy all become `zelenski`.
pub fn skeleton(word: &str) -> String {
    let folded = fold(word);
    let folded = folded
        .strip_prefix("el-")
        .or_else(|| folded.strip_prefix("al-"))
        .unwrap_or(&folded)
        .to_string();
    let mut replaced: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    // In this order; each replacement copies the word, so only when needed
    // (this runs for every capitalised word of the corpus).
    for (from, to) in [
        ("ph", "f"),
        ("kh", "h"),
        ("ck", "k"),
        ("tch", "ch"),
        ("y", "i"),
        ("w", "v"),
    ] {
        if replaced.contains(from) {
            replaced = replaced.replace(from, to);
        }
    }
    let mut out = String::with_capacity(replaced.len());
    for c in replaced.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

fn shape_of(word: &str) -> Shape {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Shape::Lower;
    };
    if first.is_numeric() {
        return Shape::Numeric;
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let has_lower = word.chars().any(char::is_lowercase);
    if first.is_uppercase() {
        if letters.nth(1).is_none() {
            return Shape::Initial;
        }
        if has_lower {
            return Shape::Capitalized;
        }
        return Shape::AllCaps;
    }
    // "duPlessis", "vanDyke": a particle written joined to a surname.
    if let Some(joint) = word.find(char::is_uppercase)
        && vocabulary::is_particle(&word[..joint])
        && word[joint..].chars().skip(1).any(char::is_lowercase)
    {
        return Shape::Capitalized;
    }
    if let Some((particle, rest)) = word.split_once(HYPHENS)
        && vocabulary::is_particle(&fold(particle))
        && rest.chars().next().is_some_and(char::is_uppercase)
    {
        return Shape::ParticleHyphen;
    }
    Shape::Lower
}

/// Add the words of `text[region]` to `tokens`, in order.
pub fn tokenize(tokens: &mut Tokens, region: Range<usize>) {
    let text = tokens.text;
    let region = region.start..region.end.min(LONGEST_TEXT);
    let Some(slice) = text.get(region.clone()) else {
        return;
    };
    let base = region.start;
    // A large article holds millions of tokens: reserving them at once
    // spares the doubling's spare capacity and the moment its old and new
    // buffers are both alive.
    tokens.list.reserve(word_starts(slice));
    let char_at = |pos: usize| slice.get(pos..).and_then(|rest| rest.chars().next());
    let mut pos = 0;
    while let Some(c) = char_at(pos) {
        if !c.is_alphanumeric() {
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let mut end = pos + c.len_utf8();
        while let Some(c) = char_at(end) {
            if c.is_alphanumeric() {
                end += c.len_utf8();
                continue;
            }
            if let Some(after) = past_lost_letters(slice, end) {
                end = after;
                continue;
            }
            if APOSTROPHES.contains(&c) || HYPHENS.contains(&c) {
                let after = end + c.len_utf8();
                if char_at(after).is_some_and(char::is_alphanumeric)
                    && !(HYPHENS.contains(&c)
                        && hyphen_for_space(&slice[start..end], &slice[after..]))
                {
                    end = after;
                    continue;
                }
                break;
            }
            if c == '.' {
                let word = &slice[start..end];
                let single_letters = word.split('.').all(|part| {
                    let mut chars = part.chars();
                    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
                });
                if single_letters {
                    end += 1;
                    // `U.K.`: keep going through the next letter.
                    let next = char_at(end);
                    if next.is_some_and(char::is_alphabetic)
                        && char_at(end + next.map_or(0, char::len_utf8)) == Some('.')
                    {
                        continue;
                    }
                } else if vocabulary::is_dotted_abbreviation(&fold(word)) {
                    end += 1;
                }
            }
            break;
        }
        let (base_len, possessive) = possessive_base(&slice[start..end]);
        tokens.push(base + start..base + end, base_len, possessive);
        pos = end;
    }
}

/// An apostrophe a scrape turned into a quote mark and a replacement
/// character ("O\"\u{FFFD}Neill", "I\"\u{FFFD}m").
const LOST_APOSTROPHE: &str = "\"\u{FFFD}";

/// Where the word goes on past a `LOST_APOSTROPHE` at `at`, between letters.
pub fn past_lost_apostrophe(slice: &str, at: usize) -> Option<usize> {
    let after = slice[at..].strip_prefix(LOST_APOSTROPHE)?;
    let letters_around =
        slice[..at].chars().next_back()?.is_alphabetic() && after.chars().next()?.is_alphabetic();
    letters_around.then_some(slice.len() - after.len())
}

/// Where the word goes on past letters an encoding lost at `at`: a "?" or
/// one or two replacement characters between a letter and a lower-case
/// letter ("Horstk?tter", "G\u{FFFD}\u{FFFD}len" for Horstkötter and
/// Gülen in scraped text), or a lost apostrophe.
fn past_lost_letters(slice: &str, at: usize) -> Option<usize> {
    if slice[at..].starts_with(LOST_APOSTROPHE) {
        return past_lost_apostrophe(slice, at);
    }
    let rest = &slice[at..];
    let lost = match rest.chars().take_while(|&c| c == '\u{FFFD}').count() {
        0 if rest.starts_with('?') => '?'.len_utf8(),
        n @ 1..=2 => n * '\u{FFFD}'.len_utf8(),
        _ => return None,
    };
    let letter_before = slice[..at].chars().next_back()?.is_alphabetic();
    let after = rest[lost..].chars().next()?;
    // "O\u{FFFD}\u{FFFD}Reilly": an Irish or Italian "O'" or "D'" before a capital.
    let elided = slice[..at].ends_with(" O") || slice[..at].ends_with(" D");
    (letter_before && (after.is_lowercase() || (elided && after.is_uppercase())))
        .then_some(at + lost)
}

/// Is the hyphen between `before` (the word so far) and `after` (the rest
/// of the text) a space that a scraper turned into a hyphen? Scraped news
/// has "sector organiser-Alan O'Leary", "Councillor-Cieran Perry", "the
/// Metropolitan Police-Neil Basu" and "Des Crinion of Panda Waste said-the
/// contamination …". A role, a title or a body's word joined to a name
/// that is no title ("Vice-President" stays one word), and a said-verb, an
/// article or "to" joined by one hyphen to a lower-case word, are two
/// words; compounds such as "up-to-date" have more hyphens.
fn hyphen_for_space(before: &str, after: &str) -> bool {
    let left = before.rsplit(HYPHENS).next().unwrap_or(before);
    let right_end = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    let right = &after[..right_end];
    let joined_again = after[right_end..].starts_with(HYPHENS);
    let (Some(left_first), Some(right_first)) = (left.chars().next(), right.chars().next()) else {
        return false;
    };
    let one_hyphen = before.len() == left.len();
    if right_first.is_uppercase() {
        let (left, right) = (left.to_lowercase(), right.to_lowercase());
        let role = |w: &str| vocabulary::is_title_word(w) || vocabulary::is_role_noun(w);
        let title = (left.chars().count() > 2 && role(&left)) || vocabulary::is_honorific(&left);
        // "the Metropolitan Police-Neil Basu": a body's last word before
        // a given name.
        let body = vocabulary::is_non_person_word(&left) && vocabulary::is_any_given_name(&right);
        // "prevented-Fatma Betul Sayan Kaya", "Al Jazeera's-Sinem
        // Koseoglu": a lower-case word that is no prefix ("anti-American")
        // nor particle ("al-Assad"), or a possessive, runs on into a name.
        let runs_on = one_hyphen
            && ((left_first.is_lowercase()
                && left.chars().count() > 1
                && !vocabulary::is_hyphen_prefix(&left)
                && !vocabulary::is_particle(&left))
                || ["'s", "’s"].iter().any(|s| left.ends_with(s)));
        return ((title || body) && !role(&right)) || runs_on;
    }
    let function_word =
        |w: &str| w == "to" || vocabulary::is_determiner(w) || vocabulary::is_auxiliary_verb(w);
    let joins_a_clause = if left_first.is_lowercase() {
        vocabulary::is_speech_verb(left) || function_word(left) || function_word(right)
    } else {
        // "Ziyed Ben Belgacem-was shot", "Syria-has": a name runs on into
        // the verb or article after it; a compound's second word is none.
        function_word(right) || vocabulary::is_speech_verb(right)
    };
    one_hyphen && !joined_again && joins_a_clause
}

/// Length of `word` without a possessive `'s` (`’s`, `ʼs`).
fn possessive_base(word: &str) -> (usize, bool) {
    // Runs on every word of the corpus, twice: no allocation.
    if let Some(stripped) = word
        .strip_suffix(['s', 'S'])
        .and_then(|rest| rest.strip_suffix(APOSTROPHES))
        && !stripped.is_empty()
    {
        return (stripped.len(), true);
    }
    (word.len(), false)
}

/// Starts of sentences in `text[region]`: after `.`, `!` or `?` followed by
/// a capital or a quote, after a blank line, and after a line that ends a
/// sentence or is short (headlines, bylines). Dots inside abbreviations do
/// not end sentences.
pub fn sentence_starts(text: &str, region: Range<usize>, tokens: &[Token]) -> Vec<usize> {
    let mut starts = vec![region.start];
    let Some(slice) = text.get(region.clone()) else {
        return starts;
    };
    let base = region.start;
    let abbreviation_dots: HashSet<usize> = tokens
        .iter()
        .filter(|t| text[t.range()].ends_with('.'))
        .map(|t| t.range().end - 1)
        .collect();
    let mut line_start = 0;
    for (i, c) in slice.char_indices() {
        let start = match c {
            '\n' => {
                let start = start_after_line(slice, line_start, i);
                line_start = i + 1;
                start
            }
            '.' if abbreviation_dots.contains(&(base + i)) => None,
            '.' | '!' | '?' => start_after_stop(slice, i),
            _ => None,
        };
        if let Some(start) = start {
            starts.push(base + start);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// The first non-blank position at or after `from`.
fn next_non_space(slice: &str, from: usize) -> Option<usize> {
    slice[from..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| from + i)
}

/// The sentence start after the line `slice[line_start..newline]`, if that
/// line ends a sentence: a blank line follows, it ends in a stop or a
/// closing quote, it is short (a headline, a byline), or a quote or list
/// item follows.
fn start_after_line(slice: &str, line_start: usize, newline: usize) -> Option<usize> {
    let line = slice[line_start..newline].trim();
    let rest = &slice[newline + 1..];
    let blank_follows = rest
        .split('\n')
        .next()
        .is_some_and(|next| next.trim().is_empty());
    let ends_sentence = line.chars().last().is_some_and(|c| ".!?:\"”’)".contains(c));
    let next_starts_block = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| "\"“#*-•>|".contains(c));
    if blank_follows || ends_sentence || line.chars().count() < 70 || next_starts_block {
        next_non_space(slice, newline + 1)
    } else {
        None
    }
}

/// The sentence start after the stop at `stop`: past closing quotes and
/// brackets and a space, a capital, a digit or an opening quote.
fn start_after_stop(slice: &str, stop: usize) -> Option<usize> {
    let mut k = stop + 1;
    while let Some(next) = slice[k..].chars().next()
        && "\"”’')]".contains(next)
    {
        k += next.len_utf8();
    }
    // "… for people.- "If we …": a scrape that joined paragraphs left a
    // hyphen after the stop.
    if slice[k..].starts_with("- ") {
        k += 1;
    }
    let space = slice[k..].chars().next()?;
    if space != ' ' && space != '\u{a0}' {
        return None;
    }
    let next = next_non_space(slice, k)?;
    let first = slice[next..].chars().next().unwrap_or(' ');
    (first.is_uppercase() || first.is_numeric() || "\"“‘'(".contains(first)).then_some(next)
}

/// The sentence holding `offset`: (start, end) byte offsets.
pub fn sentence_of(starts: &[usize], offset: usize, region_end: usize) -> Range<usize> {
    let index = match starts.binary_search(&offset) {
        Ok(i) => i,
        Err(0) => 0,
        Err(i) => i - 1,
    };
    let start = starts.get(index).copied().unwrap_or(0);
    let end = starts.get(index + 1).copied().unwrap_or(region_end);
    start..end.max(start)
}

/// Mark the first token of each sentence, among the tokens from `first` on.
pub(super) fn mark_sentence_initial(tokens: &mut Tokens, first: usize, starts: &[usize]) {
    let mut next = 0;
    for token in tokens.list.iter_mut().skip(first) {
        while next < starts.len() && starts[next] <= token.range().start {
            token.sentence_initial = true;
            next += 1;
        }
    }
}

#[cfg(test)]
mod tests;
