//! One pass over a text: words with byte ranges, sentence starts, and the
//! capitalised sequences that may be people, each with the cues around it
//! (a title before it, a said-verb after it, an appositive role, a byline).
//! Everything is linear in the text and works on any input.

use std::collections::HashSet;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::lexicon as lx;

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

#[derive(Debug, Clone)]
pub struct Token {
    pub range: Range<usize>,
    /// End without a possessive `'s`.
    pub base_end: usize,
    /// Lower case, apostrophes straightened, possessive removed.
    pub lower: String,
    pub possessive: bool,
    pub shape: Shape,
    pub sentence_initial: bool,
}

impl Token {
    pub fn base(&self) -> Range<usize> {
        self.range.start..self.base_end
    }
}

/// Where a candidate was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Title,
    Author,
    Body,
}

/// How strongly the context says a name is a person's.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// A title, a role noun, an appositive role, a byline, a photo credit.
    pub strong: bool,
    /// A said-verb follows.
    pub speech: bool,
    /// `the`, or a place preposition, stands before it.
    pub anti: bool,
}

impl Cues {
    /// Enough, on its own, to make a name a person's.
    pub fn confirms(&self) -> bool {
        self.strong || (self.speech && !self.anti)
    }
}

#[derive(Debug, Clone)]
pub struct Candidate {
    /// Byte range of the name, possessive excluded.
    pub range: Range<usize>,
    /// Folded lower-case name words.
    pub words: Vec<String>,
    pub cues: Cues,
    pub role: Option<String>,
    /// Country of the role ("British Prime Minister" → gb).
    pub geo: Option<&'static str>,
    /// Written in capitals (a shouted headline): only ever matched against
    /// names confirmed elsewhere.
    pub shouted: bool,
    pub region: Region,
    /// Index of the name's first token.
    pub first_token: usize,
    pub last_token: usize,
}

pub struct Scan {
    pub tokens: Vec<Token>,
    /// Sorted starts of sentences (byte offsets).
    pub sentence_starts: Vec<usize>,
    pub candidates: Vec<Candidate>,
}

const APOSTROPHES: [char; 3] = ['\'', '’', 'ʼ'];
const HYPHENS: [char; 3] = ['-', '‐', '‑'];
const DOTTED_ABBREVIATIONS: [&str; 22] = [
    "mr", "mrs", "ms", "dr", "st", "mt", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt",
    "capt", "jr", "sr", "no", "vs", "calif", "feb", "sept",
];

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
    if let Some((particle, rest)) = word.split_once(HYPHENS)
        && lx::is_particle(&fold(particle))
        && rest.chars().next().is_some_and(char::is_uppercase)
    {
        return Shape::ParticleHyphen;
    }
    Shape::Lower
}

/// Words of `text[region]`, in order.
pub fn tokenize(text: &str, region: Range<usize>, tokens: &mut Vec<Token>) {
    let Some(slice) = text.get(region.clone()) else {
        return;
    };
    let base = region.start;
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
            if APOSTROPHES.contains(&c) || HYPHENS.contains(&c) {
                let after = end + c.len_utf8();
                if char_at(after).is_some_and(char::is_alphanumeric) {
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
                } else if DOTTED_ABBREVIATIONS.contains(&fold(word).as_str()) {
                    end += 1;
                }
            }
            break;
        }
        let word = &slice[start..end];
        let (base_len, possessive) = possessive_base(word);
        let base_word = &word[..base_len];
        tokens.push(Token {
            range: base + start..base + end,
            base_end: base + start + base_len,
            lower: fold(base_word),
            possessive,
            shape: shape_of(base_word),
            sentence_initial: false,
        });
        pos = end;
    }
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
        .filter(|t| text[t.range.clone()].ends_with('.'))
        .map(|t| t.range.end - 1)
        .collect();
    let bytes = slice.as_bytes();
    let mut line_start = 0;
    let next_non_space = |from: usize| -> Option<usize> {
        slice[from..]
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map(|(i, _)| from + i)
    };
    for (i, c) in slice.char_indices() {
        match c {
            '\n' => {
                let line = slice[line_start..i].trim();
                let rest = &slice[i + 1..];
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
                if (blank_follows
                    || ends_sentence
                    || line.chars().count() < 70
                    || next_starts_block)
                    && let Some(next) = next_non_space(i + 1)
                {
                    starts.push(base + next);
                }
                line_start = i + 1;
            }
            '.' | '!' | '?' => {
                if c == '.' && abbreviation_dots.contains(&(base + i)) {
                    continue;
                }
                let mut k = i + 1;
                while k < bytes.len() {
                    let Some(next) = slice[k..].chars().next() else {
                        break;
                    };
                    if "\"”’')]".contains(next) {
                        k += next.len_utf8();
                    } else {
                        break;
                    }
                }
                let Some(space) = slice[k..].chars().next() else {
                    continue;
                };
                if space != ' ' && space != '\u{a0}' {
                    continue;
                }
                if let Some(next) = next_non_space(k) {
                    let first = slice[next..].chars().next().unwrap_or(' ');
                    if first.is_uppercase() || first.is_numeric() || "\"“‘'(".contains(first) {
                        starts.push(base + next);
                    }
                }
            }
            _ => {}
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
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

fn mark_sentence_initial(tokens: &mut [Token], starts: &[usize]) {
    let mut next = 0;
    for token in tokens.iter_mut() {
        while next < starts.len() && starts[next] <= token.range.start {
            token.sentence_initial = true;
            next += 1;
        }
    }
}

/// Tokenize and find candidates in the given regions of `text`.
pub fn scan(text: &str, regions: &[(Region, Range<usize>)]) -> Scan {
    let mut tokens = Vec::new();
    let mut all_starts = Vec::new();
    let mut region_of_token = Vec::new();
    for (region, range) in regions {
        let before = tokens.len();
        tokenize(text, range.clone(), &mut tokens);
        let starts = sentence_starts(text, range.clone(), &tokens[before..]);
        mark_sentence_initial(&mut tokens[before..], &starts);
        all_starts.extend(starts);
        region_of_token.extend(std::iter::repeat_n(*region, tokens.len() - before));
    }
    all_starts.sort_unstable();
    all_starts.dedup();
    let lower_vocabulary: HashSet<&str> = tokens
        .iter()
        .filter(|t| t.shape == Shape::Lower)
        .map(|t| t.lower.as_str())
        .collect();
    let context = Context {
        text,
        tokens: &tokens,
        lower_vocabulary: &lower_vocabulary,
    };
    let mut candidates = Vec::new();
    for run in runs(&context, &region_of_token) {
        if let Some(candidate) = context.candidate(&run) {
            candidates.push(candidate);
        }
    }
    Scan {
        tokens,
        sentence_starts: all_starts,
        candidates,
    }
}

/// A sequence of capitalised words, as token indices.
struct Run {
    first: usize,
    last: usize,
    region: Region,
}

struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lower_vocabulary: &'a HashSet<&'a str>,
}

fn is_space_gap(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

impl Context<'_> {
    fn gap(&self, left: usize, right: usize) -> &str {
        let start = self.tokens[left].range.end;
        let end = self.tokens[right].range.start;
        self.text.get(start..end).unwrap_or("")
    }

    fn is_calendar(&self, index: usize) -> bool {
        let token = &self.tokens[index];
        if lx::is_weekday(&token.lower) {
            return true;
        }
        if !lx::is_month(&token.lower) {
            return false;
        }
        // "May" is a name as often as a month; a date needs a number or a
        // preposition next to it.
        let next_numeric = self
            .tokens
            .get(index + 1)
            .is_some_and(|t| t.shape == Shape::Numeric);
        let prev_dating = index > 0
            && (self.tokens[index - 1].shape == Shape::Numeric
                || matches!(
                    self.tokens[index - 1].lower.as_str(),
                    "in" | "on"
                        | "since"
                        | "until"
                        | "by"
                        | "of"
                        | "last"
                        | "next"
                        | "early"
                        | "late"
                        | "mid"
                        | "from"
                        | "through"
                        | "this"
                ));
        next_numeric || prev_dating || token.lower.ends_with('.')
    }

    /// May this token take part in a capitalised sequence?
    fn joins(&self, index: usize) -> bool {
        let token = &self.tokens[index];
        match token.shape {
            Shape::Capitalized | Shape::Initial | Shape::AllCaps | Shape::ParticleHyphen => {
                !(lx::is_stop_word(&token.lower)
                    && token.shape != Shape::Initial
                    && !(token.shape == Shape::AllCaps && lx::geo_code(&token.lower).is_some()))
                    && !self.is_calendar(index)
                    && !(token.shape == Shape::Initial && token.lower == "a")
                    && !(token.shape == Shape::Initial && token.lower == "i")
            }
            _ => false,
        }
    }
}

fn runs(context: &Context, regions: &[Region]) -> Vec<Run> {
    let tokens = context.tokens;
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !context.joins(i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        while !tokens[last].possessive
            && last + 1 < tokens.len()
            && regions[last + 1] == regions[first]
        {
            let next = last + 1;
            if !is_space_gap(context.gap(last, next)) {
                break;
            }
            if context.joins(next) {
                last = next;
                continue;
            }
            // Connectors: "Secretary of State", "Chancellor of the
            // Exchequer", "Mohammed bin Salman".
            let lower = tokens[next].lower.as_str();
            let after_title = lx::is_title_word(&tokens[last].lower);
            let connector = if lower == "of" && after_title {
                if tokens.get(next + 1).is_some_and(|t| t.lower == "the") {
                    2
                } else {
                    1
                }
            } else if lx::is_particle(lower) && tokens[next].shape == Shape::Lower {
                1
            } else {
                0
            };
            let resume = next + connector;
            if connector > 0
                && resume < tokens.len()
                && (next..resume).all(|k| is_space_gap(context.gap(k, k + 1)))
                && context.joins(resume)
                && (lower != "of" || lx::is_title_word(&tokens[resume].lower))
            {
                last = resume;
                continue;
            }
            break;
        }
        runs.push(Run {
            first,
            last,
            region: regions[first],
        });
        i = last + 1;
    }
    runs
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Title,
    Geo,
    Abbreviation,
    Connector,
    Particle,
    Name,
}

impl Context<'_> {
    fn class(&self, index: usize) -> Class {
        let token = &self.tokens[index];
        let lower = token.lower.as_str();
        if token.shape == Shape::Lower {
            return if lx::is_particle(lower) {
                Class::Particle
            } else {
                Class::Connector
            };
        }
        if lx::is_title_word(lower) && token.shape != Shape::Initial {
            return Class::Title;
        }
        if lx::geo_code(lower).is_some() {
            return Class::Geo;
        }
        if token.shape == Shape::AllCaps && (lower.contains('.') || lower.chars().count() <= 2) {
            return Class::Abbreviation;
        }
        Class::Name
    }

    fn candidate(&self, run: &Run) -> Option<Candidate> {
        let tokens = self.tokens;
        let classes: Vec<Class> = (run.first..=run.last).map(|i| self.class(i)).collect();
        // The name is the trailing stretch of name words.
        let mut start = classes.len();
        while start > 0 && matches!(classes[start - 1], Class::Name | Class::Particle) {
            start -= 1;
        }
        while start < classes.len() && classes[start] == Class::Particle {
            start += 1;
        }
        if start >= classes.len() {
            return None;
        }
        let mut first = run.first + start;
        let last = run.last;
        if tokens[last].shape == Shape::Lower {
            return None;
        }
        // A sentence-initial common word ("Glaciologist", "Asked") is not
        // part of the name that follows it.
        if first == run.first
            && last > first
            && tokens[first].sentence_initial
            && self.lower_vocabulary.contains(tokens[first].lower.as_str())
        {
            first += 1;
        }
        if last + 1 - first > 5 {
            return None;
        }
        let words: Vec<String> = (first..=last).map(|i| tokens[i].lower.clone()).collect();
        if words.iter().any(|w| lx::is_non_person_word(w)) {
            return None;
        }
        if lx::is_place_prefix(&words[0]) {
            return None;
        }
        if words.len() == 1
            && (lx::is_place(&words[0]) || lx::is_outlet(&words[0]) || lx::is_stop_word(&words[0]))
        {
            return None;
        }
        if words.iter().all(|w| lx::is_place(w)) {
            return None;
        }
        if (first..=last).all(|i| tokens[i].shape == Shape::Initial) {
            return None;
        }
        let shouted = (first..=last)
            .any(|i| tokens[i].shape == Shape::AllCaps && !is_regnal_number(&tokens[i].lower));
        let range = tokens[first].range.start..tokens[last].base_end;

        let mut cues = Cues::default();
        let mut role = None;
        let mut geo = None;
        // Prefix: titles, places and abbreviations before the name.
        let prefix = run.first..first;
        let has_title = prefix
            .clone()
            .any(|i| self.class(i) == Class::Title && lx::is_title_head(&tokens[i].lower));
        for i in prefix.clone() {
            if let Some(code) = lx::geo_code(&tokens[i].lower) {
                geo.get_or_insert(code);
            }
        }
        // A possessive owner just before: "Britain's Chancellor …",
        // "Russia's Vladimir Putin".
        let owner = self.possessive_owner(run.first);
        if let Some(owner_index) = owner
            && let Some(code) = lx::geo_code(&tokens[owner_index].lower)
        {
            geo.get_or_insert(code);
        }
        if has_title {
            cues.strong = true;
            // "Sir", "Mr", "Dr" mark a person but say nothing of a role.
            let honorific_only = prefix.clone().all(|i| {
                matches!(
                    tokens[i].lower.trim_end_matches('.'),
                    "mr" | "mrs" | "ms" | "miss" | "sir" | "dame" | "dr" | "lord" | "lady"
                )
            });
            if !honorific_only {
                let role_start = owner.unwrap_or(run.first);
                let role_end = tokens[first - 1].range.end;
                role = Some(self.text[tokens[role_start].range.start..role_end].to_string());
            }
        }
        self.context_cues(run.first, first, last, &mut cues, &mut role, &mut geo);
        if run.region == Region::Author {
            cues.strong = true;
            role.get_or_insert_with(|| "author".to_string());
        }
        Some(Candidate {
            range,
            words,
            cues,
            role,
            geo,
            shouted,
            region: run.region,
            first_token: first,
            last_token: last,
        })
    }

    fn possessive_owner(&self, run_first: usize) -> Option<usize> {
        let before = run_first.checked_sub(1)?;
        let token = &self.tokens[before];
        (token.possessive && is_space_gap(self.gap(before, run_first))).then_some(before)
    }

    /// Cues around the run: role nouns before, appositives after, said-verbs,
    /// bylines and photo credits.
    #[allow(clippy::too_many_arguments)]
    fn context_cues(
        &self,
        run_first: usize,
        first: usize,
        last: usize,
        cues: &mut Cues,
        role: &mut Option<String>,
        geo: &mut Option<&'static str>,
    ) {
        let tokens = self.tokens;
        let text = self.text;
        // Before: "contributor Ignatius Ivlev-Yorke", "Kremlin spokesman
        // Dmitry Peskov", "the late Amartya Sen".
        if let Some(prev) = run_first.checked_sub(1) {
            let gap = self.gap(prev, run_first);
            let prev_token = &tokens[prev];
            if is_space_gap(gap) && prev_token.shape == Shape::Lower {
                if lx::is_role_noun(&prev_token.lower) && !prev_token.possessive {
                    cues.strong = true;
                    if prev_token.lower != "late" && role.is_none() {
                        let mut start = prev;
                        while start > 0
                            && prev + 1 - start < 5
                            && !tokens[start].sentence_initial
                            && is_space_gap(self.gap(start - 1, start))
                            && !lx::is_stop_word(&tokens[start - 1].lower)
                            && !lx::is_speech_verb(&tokens[start - 1].lower)
                        {
                            start -= 1;
                        }
                        if tokens[start].sentence_initial
                            && lx::is_stop_word(&tokens[start].lower)
                            && start < prev
                        {
                            start += 1;
                        }
                        if let Some(code) = tokens[start..=prev]
                            .iter()
                            .find_map(|t| lx::geo_code(&t.lower))
                        {
                            geo.get_or_insert(code);
                        }
                        *role =
                            Some(text[tokens[start].range.start..prev_token.range.end].to_string());
                    }
                }
                if matches!(
                    prev_token.lower.as_str(),
                    "the"
                        | "at"
                        | "in"
                        | "from"
                        | "near"
                        | "outside"
                        | "inside"
                        | "across"
                        | "on"
                        | "into"
                        | "via"
                ) {
                    cues.anti = true;
                }
                if prev_token.lower == "by" && prev > 0 {
                    let by_what = tokens[prev - 1].lower.as_str();
                    if matches!(
                        by_what,
                        "reporting"
                            | "editing"
                            | "writing"
                            | "written"
                            | "photo"
                            | "photos"
                            | "photograph"
                            | "story"
                            | "words"
                            | "illustration"
                            | "video"
                    ) {
                        cues.strong = true;
                        if role.is_none() {
                            *role = Some(
                                match by_what {
                                    "reporting" | "writing" | "written" | "story" | "words" => {
                                        "reporter"
                                    }
                                    "editing" => "editor",
                                    _ => "photographer",
                                }
                                .to_string(),
                            );
                        }
                    }
                }
            }
            if prev_token.lower == "the" && is_space_gap(gap) {
                cues.anti = true;
            }
        }
        let before_run = tokens[run_first].range.start;
        let after_name = tokens[last].range.end;
        if text[..before_run].ends_with('(') && text[after_name..].starts_with('/') {
            cues.strong = true;
            role.get_or_insert_with(|| "photographer".to_string());
        }
        if tokens[run_first].lower == "by" {
            cues.strong = true;
        }
        // "Her younger brother, Tomasz Kowalczyk, runs …".
        if let Some(prev) = run_first.checked_sub(1)
            && self.gap(prev, run_first).trim() == ","
            && text[after_name..].trim_start_matches(' ').starts_with(',')
        {
            let mut start = prev;
            while start > 0
                && prev - start < 10
                && !tokens[start].sentence_initial
                && is_space_gap(self.gap(start - 1, start))
            {
                start -= 1;
            }
            if (start..=prev)
                .any(|i| lx::is_role_noun(&tokens[i].lower) && tokens[i].shape == Shape::Lower)
            {
                cues.strong = true;
                if role.is_none() {
                    let mut role_start = start;
                    while role_start < prev && lx::is_stop_word(&tokens[role_start].lower) {
                        role_start += 1;
                    }
                    *role = Some(
                        text[tokens[role_start].range.start..tokens[prev].range.end].to_string(),
                    );
                }
            }
        }
        // After the name.
        let Some(next) = tokens.get(last + 1) else {
            self.line_byline(first, last, cues, role);
            return;
        };
        let gap = self.gap(last, last + 1);
        let next_lower = next.lower.as_str();
        if is_space_gap(gap) || gap.trim() == "," {
            let verb_index = if lx::is_adverb_between(next_lower) && gap.trim().is_empty() {
                last + 2
            } else {
                last + 1
            };
            if tokens
                .get(verb_index)
                .is_some_and(|t| lx::is_confirming_speech(&t.lower) && t.shape == Shape::Lower)
                && !tokens[last].possessive
            {
                cues.speech = true;
            }
        }
        if gap.trim() == "," && !tokens[last].possessive {
            // Appositive: "Trudeau, Canada's Prime Minister", "Gregory Pike,
            // a commodities analyst", "Su, who became chief executive".
            if next_lower == "who" || next_lower == "whose" {
                cues.strong = true;
            }
            // "Rick Caruso, the developer who lost to Bass, said": only
            // people take "who".
            if matches!(next_lower, "a" | "an" | "the")
                && (last + 2..(last + 8).min(tokens.len())).any(|i| {
                    matches!(tokens[i].lower.as_str(), "who" | "whose")
                        && !self.gap(last + 1, i).contains([',', '.', ';'])
                })
            {
                cues.strong = true;
            }
            let opens = matches!(next_lower, "a" | "an" | "the" | "former")
                || next.possessive
                || lx::is_role_noun(next_lower);
            if opens {
                let mut end = last + 1;
                while end + 1 < tokens.len()
                    && end - last < 12
                    && !self
                        .gap(end, end + 1)
                        .contains([',', '.', ';', '(', ')', '\n', '"', '“', '”', ':'])
                {
                    end += 1;
                }
                let phrase = last + 1..=end;
                let verbish = phrase.clone().any(|i| {
                    lx::is_speech_verb(&tokens[i].lower)
                        || tokens[i].lower.ends_with("ing") && i == last + 1
                });
                let role_word = phrase.clone().find(|&i| {
                    lx::is_role_noun(&tokens[i].lower) || lx::is_title_word(&tokens[i].lower)
                });
                if let Some(role_index) = role_word
                    && !verbish
                    && role_index <= last + 6
                {
                    cues.strong = true;
                    let mut role_start = last + 1;
                    while role_start < end
                        && matches!(tokens[role_start].lower.as_str(), "a" | "an" | "the")
                    {
                        role_start += 1;
                    }
                    for i in phrase {
                        if let Some(code) = lx::geo_code(&tokens[i].lower) {
                            geo.get_or_insert(code);
                        }
                    }
                    if role.is_none() {
                        *role = Some(
                            text[tokens[role_start].range.start..tokens[end].range.end].to_string(),
                        );
                    }
                }
            }
        }
        if is_space_gap(gap) && !tokens[last].possessive {
            // "Martin Fornusek is a news editor at …", "named Mélanie Joly as
            // foreign minister".
            let is_a = matches!(next_lower, "is" | "was")
                && tokens
                    .get(last + 2)
                    .is_some_and(|t| matches!(t.lower.as_str(), "a" | "an" | "the"));
            let as_role = next_lower == "as";
            if is_a || as_role {
                let phrase_start = if is_a { last + 3 } else { last + 2 };
                let mut end = phrase_start;
                while end + 1 < tokens.len()
                    && end + 1 - phrase_start < 8
                    && !self
                        .gap(end, end + 1)
                        .contains([',', '.', ';', '(', ')', '\n', '"', '“', '”'])
                {
                    end += 1;
                }
                if phrase_start < tokens.len() && end < tokens.len() {
                    let head = (phrase_start..=end.min(phrase_start + 3)).find(|&i| {
                        lx::is_role_noun(&tokens[i].lower) && tokens[i].shape == Shape::Lower
                    });
                    if head.is_some() {
                        cues.strong = true;
                        if role.is_none() {
                            *role = Some(
                                text[tokens[phrase_start].range.start..tokens[end].range.end]
                                    .to_string(),
                            );
                        }
                    }
                }
            }
        }
        self.line_byline(first, last, cues, role);
    }

    /// A name alone on its line, followed by a short line naming a role:
    /// the byline block of a web page ("Martin Fornusek" / "Senior News
    /// Editor").
    fn line_byline(&self, first: usize, last: usize, cues: &mut Cues, role: &mut Option<String>) {
        let text = self.text;
        let start = self.tokens[first].range.start;
        let end = self.tokens[last].range.end;
        // Both checks stop at the first non-blank character, so a long line
        // costs nothing.
        let alone_before = text[..start]
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .all(char::is_whitespace);
        let alone_after = text[end..]
            .chars()
            .take_while(|&c| c != '\n')
            .all(char::is_whitespace);
        if !alone_before || !alone_after {
            return;
        }
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let next_line = text[line_end..]
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        if next_line.chars().count() > 60 || next_line.ends_with('.') {
            return;
        }
        let role_line = next_line
            .split_whitespace()
            .any(|w| lx::is_role_noun(&fold(w)) || lx::is_title_word(&fold(w)));
        if role_line && next_line.chars().next().is_some_and(char::is_uppercase) {
            cues.strong = true;
            role.get_or_insert_with(|| next_line.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, bool, Option<String>)> {
        let scan = scan(text, &[(Region::Body, 0..text.len())]);
        scan.candidates
            .iter()
            .map(|c| {
                (
                    text[c.range.clone()].to_string(),
                    c.cues.strong || c.cues.speech,
                    c.role.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn titles_become_roles() {
        let found = names("U.K. Prime Minister Keir Starmer said on Feb. 26 that it was fine.");
        assert_eq!(
            found[0],
            (
                "Keir Starmer".into(),
                true,
                Some("U.K. Prime Minister".into())
            )
        );
        let found = names(
            "US Secretary of State Marco Rubio and National Security Adviser Mike Waltz agreed.",
        );
        assert_eq!(found[0].0, "Marco Rubio");
        assert_eq!(found[0].2.as_deref(), Some("US Secretary of State"));
        assert_eq!(found[1].0, "Mike Waltz");
        let found = names("Britain's Chancellor of the Exchequer Rachel Reeves signs a document.");
        assert_eq!(found.last().unwrap().0, "Rachel Reeves");
        assert_eq!(
            found.last().unwrap().2.as_deref(),
            Some("Britain's Chancellor of the Exchequer")
        );
    }

    #[test]
    fn places_and_organisations_are_not_names() {
        for text in [
            "They met in the Oval Office on Friday.",
            "He went to the White House yesterday.",
            "(Chris J. Ratcliffe/Bloomberg via Getty Images)",
            "Donald Trump Thursday",
        ] {
            for (name, _, _) in names(text) {
                assert!(
                    ![
                        "Oval Office",
                        "White House",
                        "Getty Images",
                        "Donald Trump Thursday"
                    ]
                    .contains(&name.as_str()),
                    "{name} in {text}"
                );
            }
        }
    }

    #[test]
    fn skeletons_meet_across_transliterations() {
        assert_eq!(skeleton("Zelensky"), skeleton("Zelenskiy"));
        assert_eq!(skeleton("Zelenskyy"), skeleton("Zelensky"));
        assert_eq!(skeleton("Syrskyi"), skeleton("Syrsky"));
        assert_ne!(skeleton("Starmer"), skeleton("Trump"));
    }

    #[test]
    fn tokens_keep_apostrophes_and_hyphens() {
        let text = "Sinéad O'Brien met Ignatius Ivlev-Yorke and Zelensky’s aide.";
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.base()]).collect();
        assert_eq!(
            words,
            [
                "Sinéad",
                "O'Brien",
                "met",
                "Ignatius",
                "Ivlev-Yorke",
                "and",
                "Zelensky",
                "aide"
            ]
        );
        assert!(tokens[6].possessive);
    }
}
