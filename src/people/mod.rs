//! People and quotes: who the corpus names, under which names and roles, and
//! who said each quoted passage. No model: capitalised names are people when
//! the context says so somewhere in the corpus (a title, a role, a said-verb,
//! a byline), and every other mention of a confirmed name is then found.
//!
//! `PeopleIndex::build` runs two parallel passes over the articles: the first
//! gathers the evidence for each name, the second resolves mentions, roles
//! and quote speakers against the clustered names.
//!
//! Entry points for the other layers:
//! - names: `lookup` (any name or alias → person), `find_mentions` (people
//!   named in a note), `mention_at` (the person under a cursor in an article);
//! - quotes: `quotes_at` (the corpus quotes covering a passage),
//!   `check_attribution` (for `misattributed-quote`), `same_quote_elsewhere`;
//! - hover: `hover::person_card` and `hover::quote_card`, rendered with
//!   `to_markdown`.

pub mod hover;
mod incremental;
pub use incremental::Updated;
mod lexicon;
pub mod quotes;
pub mod scan;
mod stored;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::config::CuratedPerson;
use crate::corpus::Corpus;
use lexicon as lx;
use quotes::QuoteSpan;
use scan::{Region, Scan, Shape, fold, skeleton};

pub type PersonId = usize;
pub type QuoteId = usize;

/// The article a mention, role or quote comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleRef {
    pub key: String,
    pub rel_path: String,
    pub path: PathBuf,
    #[serde(with = "crate::dates::stored")]
    pub date: Option<Date>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub canonical: String,
    /// Other names the corpus (or `backstop.toml`) uses, most used first.
    pub aliases: Vec<String>,
    pub roles: Vec<RoleRecord>,
    /// Indexes into `PeopleIndex::mentions`.
    pub mentions: Vec<usize>,
    pub quotes: Vec<QuoteId>,
    /// Defined in `backstop.toml`.
    pub curated: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleRecord {
    pub role: String,
    /// The article that gives the role; `None` for `backstop.toml`.
    pub article: Option<usize>,
    #[serde(with = "crate::dates::stored")]
    pub date: Option<Date>,
    pub range: Option<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// The person's name ("Keir Starmer", "Starmer").
    Name,
    /// A description that can only mean them ("the British prime minister").
    Description,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mention {
    pub article: usize,
    pub range: Range<usize>,
    pub person: PersonId,
    pub kind: MentionKind,
    /// The words of a name mention, as an index into
    /// `PeopleIndex::surfaces`: kept so that `update` can count them
    /// without reading the article again.
    surface: Option<u32>,
}

// Stored with postcard, which reads fields by position: a tagged
// representation whose variants differ in field count would not read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speaker {
    Person(PersonId),
    /// An anonymous source or an organisation, as the article describes it
    /// ("a senior official", "Deutsche Bank").
    Unnamed(String),
    /// No attribution, or a pronoun that has no clear antecedent.
    Unresolved,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Quote {
    pub id: QuoteId,
    pub article: usize,
    /// From the first quoted character to the last, in the article's text.
    pub range: Range<usize>,
    /// The quoted text of each paragraph, without quote marks.
    pub segments: Vec<Range<usize>>,
    /// The segments joined by a space.
    pub text: String,
    pub speaker: Speaker,
    /// The verb of the attribution ("said", "told"), `continued` for a quote
    /// that carries on the previous speaker's words, `:` for "X: …".
    pub cue: Option<String>,
    /// The words in the article that name the speaker.
    pub speaker_range: Option<Range<usize>>,
}

/// A person named in an arbitrary text (a note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextMention {
    pub range: Range<usize>,
    pub person: PersonId,
}

/// What the corpus says about a note's claim that `claimed` said a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributionCheck {
    /// The source gives the same speaker.
    Consistent { quote: QuoteId },
    /// The source names someone else.
    Misattributed {
        quote: QuoteId,
        source_speaker: PersonId,
        claimed: Option<PersonId>,
    },
    /// The source has no quote there, or its speaker is unnamed or
    /// unresolved: nothing to say.
    Unknown,
}

#[derive(Debug, Default, Clone)]
pub struct PeopleIndex {
    pub articles: Vec<ArticleRef>,
    pub persons: Vec<Person>,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
    by_key: HashMap<String, usize>,
    /// Skeleton of a full name or alias → person.
    names: HashMap<String, PersonId>,
    /// Skeleton of a surname or single-word name → persons.
    surnames: HashMap<String, Vec<PersonId>>,
    /// First three letters of a surname → surnames, for near spellings.
    surname_prefixes: HashMap<String, Vec<String>>,
    /// Per article, its quotes in order.
    article_quotes: Vec<Vec<QuoteId>>,
    /// Per article, its mentions (indexes into `mentions`) in order.
    article_mentions: Vec<Vec<usize>>,
    /// Normalised quote text → quotes carrying it, made on first use: only
    /// quote hovers need it.
    quote_groups: OnceLock<HashMap<String, Vec<QuoteId>>>,
    /// The words of name mentions (`Mention::surface`).
    surfaces: Vec<String>,
    /// What the index was built from, for `update`: each article's text
    /// hash, the evidence it gives for names, each person's slot in the
    /// name table, and the curated people.
    hashes: Vec<[u8; 32]>,
    evidence: incremental::Evidence,
    slots: Vec<PersonId>,
    curated_fingerprint: [u8; 32],
    /// `NameTable::resolution` of the name table it was made with.
    resolution: [u8; 32],
    /// The articles `update` read to make this index; 0 when built.
    reread: usize,
}

/// Evidence for one name across the corpus.
#[derive(Debug, Default, Clone)]
struct NameEvidence {
    words: Vec<String>,
    strong: u32,
    speech: u32,
    count: u32,
    shouted_only: bool,
    tags: Vec<(&'static str, Option<&'static str>)>,
}

fn key_of(words: &[String]) -> String {
    words
        .iter()
        .map(|w| skeleton(w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_regnal(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| "ivx".contains(c)) && word.len() <= 4
}

/// Given name and surname (as skeletons) of a name's words. The surname
/// keeps its particles: "Marine Le Pen" → (marine, lepen); "Le Pen" and
/// "Starmer" have no given name; "Charles III" has no surname.
fn name_parts(words: &[String]) -> (Option<String>, Option<String>) {
    let mut end = words.len();
    while end > 0 && matches!(words[end - 1].as_str(), "jr" | "jr." | "sr" | "sr.") {
        end -= 1;
    }
    if end == 0 {
        return (None, None);
    }
    // "Charles III"; a lone "Xi" is a name, not a number.
    if end >= 2 && is_regnal(&words[end - 1]) {
        return (Some(skeleton(&words[0])), None);
    }
    let mut start = end - 1;
    while start > 0 && lx::is_particle(&words[start - 1]) {
        start -= 1;
    }
    let surname = skeleton(&words[start..end].concat());
    ((start > 0).then(|| skeleton(&words[0])), Some(surname))
}

/// The surname of a full name (one with a given name).
fn surname_of(words: &[String]) -> Option<String> {
    let (given, surname) = name_parts(words);
    given.and(surname)
}

fn given_of(words: &[String]) -> Option<String> {
    name_parts(words).0
}

/// The surname of a name that is nothing but a surname ("Starmer", "Le Pen").
fn surname_only(words: &[String]) -> Option<String> {
    match name_parts(words) {
        (None, surname) => surname,
        _ => None,
    }
}

fn regions_of(article: &Article) -> Vec<(Region, Range<usize>)> {
    let mut regions = Vec::new();
    if let Some(title) = article.field("title") {
        regions.push((Region::Title, title.value_range.clone()));
    }
    if let Some(author) = article.field("author") {
        regions.push((Region::Author, author.value_range.clone()));
    }
    regions.push((Region::Body, article.body.clone()));
    regions.retain(|(_, r)| r.start <= r.end && article.text.get(r.clone()).is_some());
    regions
}

/// Union-find over name keys.
struct Clusters {
    parent: Vec<usize>,
}

impl Clusters {
    fn new(n: usize) -> Self {
        Clusters {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The lower index (curated entries come first) stays the root.
            let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[child] = root;
        }
    }
}

fn given_compatible(a: &str, b: &str) -> bool {
    a == b || (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b))
}

/// Per-article output of the second pass; person ids are the name table's.
struct ArticlePeople {
    mentions: Vec<(PersonId, Range<usize>, MentionKind)>,
    roles: Vec<(PersonId, String, Range<usize>)>,
    quotes: Vec<DraftQuote>,
}

struct DraftQuote {
    span: QuoteSpan,
    speaker: Speaker,
    cue: Option<String>,
    speaker_range: Option<Range<usize>>,
}

/// One article's part of the index, with the words it takes from the
/// article's text, so that `assemble` needs no text. Person ids are the
/// name table's.
struct ArticleShare {
    reference: ArticleRef,
    hash: [u8; 32],
    /// Person, range, kind, and the words of a name mention.
    mentions: Vec<(PersonId, Range<usize>, MentionKind, Option<String>)>,
    roles: Vec<(PersonId, String, Range<usize>)>,
    /// `id` and `article` are set by `assemble`.
    quotes: Vec<Quote>,
}

impl ArticleShare {
    fn of(article: &Article, table: &NameTable) -> ArticleShare {
        let found = resolve_article(article, table);
        let text = &article.text;
        ArticleShare {
            reference: ArticleRef {
                key: article.key.clone(),
                rel_path: article.rel_path.clone(),
                path: article.path.clone(),
                date: article.date(),
                title: article.title().map(str::to_string),
            },
            hash: *blake3::hash(text.as_bytes()).as_bytes(),
            mentions: found
                .mentions
                .into_iter()
                .map(|(person, range, kind)| {
                    let surface =
                        (kind == MentionKind::Name).then(|| text[range.clone()].to_string());
                    (person, range, kind, surface)
                })
                .collect(),
            roles: found.roles,
            quotes: found
                .quotes
                .into_iter()
                .map(|draft| Quote {
                    id: 0,
                    article: 0,
                    range: draft.span.range(),
                    text: draft
                        .span
                        .segments
                        .iter()
                        .map(|s| &text[s.clone()])
                        .collect::<Vec<_>>()
                        .join(" "),
                    segments: draft.span.segments,
                    speaker: draft.speaker,
                    cue: draft.cue,
                    speaker_range: draft.speaker_range,
                })
                .collect(),
        }
    }
}

/// The names the first pass confirmed, clustered into people.
struct NameTable {
    /// Name key → person slot.
    names: HashMap<String, PersonId>,
    surnames: HashMap<String, Vec<PersonId>>,
    /// How often each person's names occur, to settle ambiguous surnames.
    weight: Vec<u32>,
    /// (role category, country) pairs each person holds somewhere.
    tags: Vec<Vec<(&'static str, Option<&'static str>)>>,
    curated: Vec<Option<usize>>,
    count: usize,
}

impl PeopleIndex {
    /// Build the index of a corpus; `curated` are the `[people]` of
    /// `backstop.toml`, which win over what is inferred.
    pub fn build(corpus: &Corpus, curated: &[CuratedPerson]) -> PeopleIndex {
        let evidence = incremental::Evidence::gather(corpus);
        let table = NameTable::new(evidence.totals(), curated);
        PeopleIndex::build_from(corpus, curated, evidence, &table)
    }

    /// The index of `corpus` given every article's name `evidence` and the
    /// name table it makes: the second half of `build`, which `update`
    /// also uses when it must resolve every article again.
    fn build_from(
        corpus: &Corpus,
        curated: &[CuratedPerson],
        evidence: incremental::Evidence,
        table: &NameTable,
    ) -> PeopleIndex {
        let shares = in_batches(corpus.len(), |i| ArticleShare::of(corpus.article(i), table));
        assemble(shares, evidence, table, curated)
    }

    /// The articles `update` read to make this index (new and changed
    /// ones); 0 for a built or stored one.
    pub fn articles_reread(&self) -> usize {
        self.reread
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.persons.get(id)
    }

    pub fn quote(&self, id: QuoteId) -> Option<&Quote> {
        self.quotes.get(id)
    }

    pub fn article_index(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// The person a name, alias or surname stands for ("Zelenskiy",
    /// "President Trump", "Keir Starmer's").
    pub fn lookup(&self, name: &str) -> Option<PersonId> {
        let scanned = scan::scan(name, &[(Region::Body, 0..name.len())]);
        let words: Vec<String> = match scanned.candidates.last() {
            Some(candidate) => candidate.words.clone(),
            // Typed in lower case ("president trump"): the words that are
            // not titles, places or function words.
            None => name
                .split_whitespace()
                .map(|w| {
                    let word = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
                    word.strip_suffix("'s").map(str::to_string).unwrap_or(word)
                })
                .filter(|w| {
                    !w.is_empty()
                        && !lx::is_title_word(w)
                        && !lx::is_stop_word(w)
                        && lx::geo_code(w).is_none()
                })
                .collect(),
        };
        self.lookup_words(&words)
    }

    fn lookup_words(&self, words: &[String]) -> Option<PersonId> {
        if words.is_empty() {
            return None;
        }
        let key = key_of(words);
        if let Some(&id) = self.names.get(&key) {
            return Some(id);
        }
        let (given, surname) = name_parts(words);
        let last = surname?;
        if let Some(ids) = self.surnames.get(&last) {
            if let Some(given) = given {
                // A full name this corpus has not seen: only the same
                // surname with a compatible given name.
                let matching: Vec<PersonId> = ids
                    .iter()
                    .copied()
                    .filter(|&id| {
                        self.persons[id].all_names().any(|n| {
                            let w: Vec<String> = n.split_whitespace().map(fold).collect();
                            given_of(&w).is_some_and(|g| given_compatible(&g, &given))
                        })
                    })
                    .collect();
                return (matching.len() == 1).then(|| matching[0]);
            }
            return self.most_mentioned(ids);
        }
        // A spelling close to a known surname ("Zelenskyi").
        if last.chars().count() >= 6 {
            let mut best: Option<(f64, PersonId)> = None;
            let mut tie = false;
            let prefix: String = last.chars().take(3).collect();
            for surname in self.surname_prefixes.get(&prefix).into_iter().flatten() {
                let ids = &self.surnames[surname];
                if ids.len() != 1 {
                    continue;
                }
                let score = strsim::jaro_winkler(surname, &last);
                if score >= 0.93 {
                    match best {
                        Some((b, _)) if (b - score).abs() < f64::EPSILON => tie = true,
                        Some((b, _)) if b > score => {}
                        _ => {
                            best = Some((score, ids[0]));
                            tie = false;
                        }
                    }
                }
            }
            if let Some((_, id)) = best
                && !tie
            {
                return Some(id);
            }
        }
        None
    }

    fn most_mentioned(&self, ids: &[PersonId]) -> Option<PersonId> {
        match ids {
            [] => None,
            [only] => Some(*only),
            _ => {
                let mut sorted: Vec<PersonId> = ids.to_vec();
                sorted.sort_by_key(|&id| std::cmp::Reverse(self.persons[id].mentions.len()));
                let top = self.persons[sorted[0]].mentions.len();
                let second = self.persons[sorted[1]].mentions.len();
                (top > second).then_some(sorted[0])
            }
        }
    }

    /// People named in `text` (a note), with byte ranges.
    pub fn find_mentions(&self, text: &str) -> Vec<TextMention> {
        let scanned = scan::scan(text, &[(Region::Body, 0..text.len())]);
        let mut found = Vec::new();
        for candidate in &scanned.candidates {
            if let Some(person) = self.lookup_words(&candidate.words) {
                found.push(TextMention {
                    range: candidate.range.clone(),
                    person,
                });
            }
        }
        found
    }

    /// The quotes of an article that overlap `range`, the largest overlap
    /// first.
    pub fn quotes_at(&self, article_key: &str, range: Range<usize>) -> Vec<&Quote> {
        let Some(article) = self.article_index(article_key) else {
            return Vec::new();
        };
        let overlap = |q: &Quote| {
            q.segments
                .iter()
                .map(|s| {
                    s.end
                        .min(range.end)
                        .saturating_sub(s.start.max(range.start))
                })
                .sum::<usize>()
        };
        let mut quotes: Vec<(&Quote, usize)> = self.article_quotes[article]
            .iter()
            .map(|&id| &self.quotes[id])
            .map(|q| (q, overlap(q)))
            .filter(|(q, o)| *o > 0 || (range.is_empty() && q.range.contains(&range.start)))
            .collect();
        quotes.sort_by_key(|(_, o)| std::cmp::Reverse(*o));
        quotes.into_iter().map(|(q, _)| q).collect()
    }

    /// Does the corpus agree that `claimed` said the passage at `range` of
    /// the article? Only a named source speaker can contradict a note.
    pub fn check_attribution(
        &self,
        article_key: &str,
        range: Range<usize>,
        claimed: &str,
    ) -> AttributionCheck {
        let Some(quote) = self.quotes_at(article_key, range).into_iter().next() else {
            return AttributionCheck::Unknown;
        };
        let Speaker::Person(source_speaker) = quote.speaker else {
            return AttributionCheck::Unknown;
        };
        let claimed_person = self.lookup(claimed);
        if claimed_person == Some(source_speaker) {
            return AttributionCheck::Consistent { quote: quote.id };
        }
        // A surname several people share resolves to one of them; if the
        // speaker goes by it too, the note names the speaker.
        let claimed_lower = claimed.trim().to_lowercase();
        let speaker_goes_by_it = self.persons[source_speaker].all_names().any(|name| {
            let name = name.to_lowercase();
            name == claimed_lower || name.ends_with(&format!(" {claimed_lower}"))
        });
        if speaker_goes_by_it {
            return AttributionCheck::Consistent { quote: quote.id };
        }
        if claimed_person.is_none() {
            // "he", "the prime minister", "officials": the note names no
            // one, so it cannot contradict the source.
            let scanned = scan::scan(claimed, &[(Region::Body, 0..claimed.len())]);
            if scanned.candidates.is_empty() {
                return AttributionCheck::Unknown;
            }
            // A name the corpus does not know may still be a spelling of
            // the speaker's: compare with every name the speaker goes by.
            let claimed_folded = skeleton(claimed.split_whitespace().last().unwrap_or(claimed));
            let similar = self.persons[source_speaker].all_names().any(|n| {
                let last = n.split_whitespace().last().unwrap_or(n);
                strsim::jaro_winkler(&skeleton(last), &claimed_folded) >= 0.9
            });
            if similar {
                return AttributionCheck::Consistent { quote: quote.id };
            }
        }
        AttributionCheck::Misattributed {
            quote: quote.id,
            source_speaker,
            claimed: claimed_person,
        }
    }

    /// The mention (name or description) covering `offset` in an article.
    pub fn mention_at(&self, article_key: &str, offset: usize) -> Option<&Mention> {
        let list = &self.article_mentions[self.article_index(article_key)?];
        let after = list.partition_point(|&m| self.mentions[m].range.start <= offset);
        let candidate = &self.mentions[*list.get(after.checked_sub(1)?)?];
        (offset < candidate.range.end).then_some(candidate)
    }

    /// Mentions in one article, in order.
    pub fn mentions_in(&self, article_key: &str) -> impl Iterator<Item = &Mention> {
        let list = self
            .article_index(article_key)
            .map(|i| self.article_mentions[i].as_slice())
            .unwrap_or(&[]);
        list.iter().map(|&m| &self.mentions[m])
    }

    /// Quotes in one article, in order.
    pub fn quotes_in(&self, article_key: &str) -> impl Iterator<Item = &Quote> {
        let list = self
            .article_index(article_key)
            .map(|i| self.article_quotes[i].as_slice())
            .unwrap_or(&[]);
        list.iter().map(|&q| &self.quotes[q])
    }

    /// Other quotes with the same words, in other articles.
    pub fn same_quote_elsewhere(&self, id: QuoteId) -> Vec<&Quote> {
        let Some(quote) = self.quotes.get(id) else {
            return Vec::new();
        };
        self.quote_groups()
            .get(&normalise_quote(&quote.text))
            .into_iter()
            .flatten()
            .map(|&q| &self.quotes[q])
            .filter(|q| q.article != quote.article)
            .collect()
    }

    /// Normalised quote text → the quotes carrying it, made on first use
    /// (0.3 s at 100,000 articles) with rayon: call it first from outside
    /// rayon's workers.
    pub fn quote_groups(&self) -> &HashMap<String, Vec<QuoteId>> {
        self.quote_groups.get_or_init(|| group_quotes(&self.quotes))
    }

    /// How a speaker reads to a person: their canonical name, the source's
    /// description, or "unknown".
    pub fn speaker_label(&self, speaker: &Speaker) -> String {
        match speaker {
            Speaker::Person(id) => self.persons[*id].canonical.clone(),
            Speaker::Unnamed(description) => format!("unnamed: {description}"),
            Speaker::Unresolved => "unknown".to_string(),
        }
    }

    /// How many times a person is named (descriptions such as "the US
    /// president" left out).
    pub fn name_mention_count(&self, id: PersonId) -> usize {
        self.persons.get(id).map_or(0, |p| {
            p.mentions
                .iter()
                .filter(|&&m| self.mentions[m].kind == MentionKind::Name)
                .count()
        })
    }

    /// The number of distinct articles that name a person.
    pub fn article_count(&self, id: PersonId) -> usize {
        let Some(person) = self.persons.get(id) else {
            return 0;
        };
        let mut seen: HashSet<usize> = HashSet::new();
        for &m in &person.mentions {
            if self.mentions[m].kind == MentionKind::Name {
                seen.insert(self.mentions[m].article);
            }
        }
        seen.len()
    }
}

impl Person {
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.canonical.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

fn normalise_quote(text: &str) -> String {
    fold(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .replace(['“', '”'], "\"")
}

impl NameTable {
    fn new(evidence: HashMap<String, NameEvidence>, curated: &[CuratedPerson]) -> NameTable {
        // Names with their own evidence.
        let mut confirmed: Vec<(String, NameEvidence)> = evidence
            .iter()
            .filter(|(_, e)| !e.shouted_only && (e.strong > 0 || e.speech > 0))
            .map(|(k, e)| (k.clone(), e.clone()))
            .collect();
        let confirmed_surnames: HashSet<String> = confirmed
            .iter()
            .filter_map(|(_, e)| name_parts(&e.words).1)
            .collect();
        // A full name whose surname is a confirmed person's: "Sinéad
        // O'Brien" when the article goes on with "O'Brien said".
        let confirmed_keys: HashSet<String> = confirmed.iter().map(|(k, _)| k.clone()).collect();
        for (key, e) in &evidence {
            if given_of(&e.words).is_some()
                && !e.shouted_only
                && !confirmed_keys.contains(key)
                && surname_of(&e.words).is_some_and(|s| confirmed_surnames.contains(&s))
                && e.words
                    .iter()
                    .all(|w| !lx::is_place(w) && !lx::is_title_word(w))
            {
                confirmed.push((key.clone(), e.clone()));
            }
        }
        confirmed.sort_by(|a, b| a.0.cmp(&b.0));

        // Slots: curated people first, then every confirmed name.
        let mut slot_words: Vec<Vec<String>> = Vec::new();
        let mut slot_of_key: HashMap<String, usize> = HashMap::new();
        let mut curated_slot = Vec::new();
        for person in curated {
            let slot = slot_words.len();
            curated_slot.push(slot);
            let words: Vec<String> = person.name.split_whitespace().map(fold).collect();
            slot_of_key.insert(key_of(&words), slot);
            slot_words.push(words);
        }
        let mut evidence_of_slot: Vec<Option<NameEvidence>> = vec![None; slot_words.len()];
        for (key, e) in confirmed {
            if slot_of_key.contains_key(&key) {
                let slot = slot_of_key[&key];
                evidence_of_slot[slot] = Some(e);
                continue;
            }
            slot_of_key.insert(key, slot_words.len());
            slot_words.push(e.words.clone());
            evidence_of_slot.push(Some(e));
        }
        let mut clusters = Clusters::new(slot_words.len());
        for (i, person) in curated.iter().enumerate() {
            for alias in &person.aliases {
                let words: Vec<String> = alias.split_whitespace().map(fold).collect();
                let key = key_of(&words);
                match slot_of_key.get(&key) {
                    Some(&slot) => clusters.union(curated_slot[i], slot),
                    None => {
                        slot_of_key.insert(key, curated_slot[i]);
                    }
                }
            }
        }
        // Full names: same surname and a compatible given name.
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        for (slot, words) in slot_words.iter().enumerate() {
            if let Some(surname) = surname_of(words) {
                by_surname.entry(surname).or_default().push(slot);
            }
        }
        for slots in by_surname.values() {
            for (i, &a) in slots.iter().enumerate() {
                for &b in &slots[i + 1..] {
                    let (ga, gb) = (given_of(&slot_words[a]), given_of(&slot_words[b]));
                    if let (Some(ga), Some(gb)) = (ga, gb)
                        && given_compatible(&ga, &gb)
                    {
                        clusters.union(a, b);
                    }
                }
            }
        }
        // Surnames spelt a little differently, with the same given name
        // ("Mette Frederiksen" / "Mette Fredriksen"); compared only within
        // a bucket of the same given name and surname start, so this stays
        // near linear.
        let mut buckets: HashMap<(String, String), Vec<(String, usize)>> = HashMap::new();
        for (surname, slots) in &by_surname {
            for &slot in slots {
                if let Some(given) = given_of(&slot_words[slot]) {
                    let start: String = surname.chars().take(3).collect();
                    buckets
                        .entry((given, start))
                        .or_default()
                        .push((surname.clone(), slot));
                }
            }
        }
        for members in buckets.values() {
            if members.len() > 200 {
                continue;
            }
            for (i, (sa, a)) in members.iter().enumerate() {
                for (sb, b) in &members[i + 1..] {
                    if sa != sb && sa.chars().count() >= 5 && strsim::jaro_winkler(sa, sb) >= 0.93 {
                        clusters.union(*a, *b);
                    }
                }
            }
        }
        // Single words join the one full name with that surname.
        let mut given_names: HashSet<String> = HashSet::new();
        for words in &slot_words {
            if let Some(given) = given_of(words) {
                given_names.insert(given);
            }
        }
        let mut dropped = vec![false; slot_words.len()];
        for slot in 0..slot_words.len() {
            let Some(word) = surname_only(&slot_words[slot]) else {
                continue;
            };
            if curated_slot.contains(&slot) {
                continue;
            }
            let mut roots: Vec<usize> = by_surname
                .get(&word)
                .into_iter()
                .flatten()
                .map(|&s| clusters.find(s))
                .collect();
            roots.sort_unstable();
            roots.dedup();
            match roots.len() {
                1 => clusters.union(slot, roots[0]),
                0 if given_names.contains(&word) => dropped[slot] = true,
                0 => {}
                _ => dropped[slot] = true,
            }
        }
        // Number the clusters.
        let mut person_of_root: HashMap<usize, PersonId> = HashMap::new();
        let mut person_of_slot = vec![usize::MAX; slot_words.len()];
        let mut count = 0;
        for slot in 0..slot_words.len() {
            if dropped[slot] {
                continue;
            }
            let root = clusters.find(slot);
            let id = *person_of_root.entry(root).or_insert_with(|| {
                count += 1;
                count - 1
            });
            person_of_slot[slot] = id;
        }
        let mut names = HashMap::new();
        for (key, &slot) in &slot_of_key {
            if person_of_slot[slot] != usize::MAX {
                names.insert(key.clone(), person_of_slot[slot]);
            }
        }
        let mut surnames: HashMap<String, Vec<PersonId>> = HashMap::new();
        let mut weight = vec![0u32; count];
        let mut tags: Vec<Vec<(&'static str, Option<&'static str>)>> = vec![Vec::new(); count];
        for (slot, words) in slot_words.iter().enumerate() {
            let id = person_of_slot[slot];
            if id == usize::MAX {
                continue;
            }
            if let Some(surname) = name_parts(words).1 {
                let list = surnames.entry(surname).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
            }
            if let Some(e) = &evidence_of_slot[slot] {
                weight[id] += e.count;
                for tag in &e.tags {
                    if !tags[id].contains(tag) {
                        tags[id].push(*tag);
                    }
                }
            }
        }
        for (i, person) in curated.iter().enumerate() {
            let id = person_of_slot[curated_slot[i]];
            for role in &person.roles {
                if let Some(category) = lx::role_category(&fold(role)) {
                    let geo = fold(role).split_whitespace().find_map(lx::geo_code);
                    if !tags[id].contains(&(category, geo)) {
                        tags[id].push((category, geo));
                    }
                }
            }
        }
        let curated_of_person = {
            let mut v = vec![None; count];
            for (i, &slot) in curated_slot.iter().enumerate() {
                v[person_of_slot[slot]] = Some(i);
            }
            v
        };
        NameTable {
            names,
            surnames,
            weight,
            tags,
            curated: curated_of_person,
            count,
        }
    }

    fn heaviest(&self, ids: &[PersonId]) -> Option<PersonId> {
        let mut best: Option<PersonId> = None;
        for &id in ids {
            if best.is_none_or(|b| self.weight[id] > self.weight[b]) {
                best = Some(id);
            }
        }
        best
    }
}

/// Everything the second pass knows about one article.
struct ArticleContext<'a> {
    text: &'a str,
    scan: Scan,
    body: Range<usize>,
}

fn resolve_article(article: &Article, table: &NameTable) -> ArticlePeople {
    let regions = regions_of(article);
    let scanned = scan::scan(&article.text, &regions);
    let context = ArticleContext {
        text: &article.text,
        scan: scanned,
        body: article.body.clone(),
    };
    let candidates = &context.scan.candidates;
    // Full names first: they decide what bare surnames and given names
    // mean in this article.
    let mut resolved: Vec<Option<PersonId>> = vec![None; candidates.len()];
    let mut full_counts: HashMap<PersonId, (u32, usize)> = HashMap::new();
    for (i, candidate) in candidates.iter().enumerate() {
        if surname_only(&candidate.words).is_none()
            && let Some(&id) = table.names.get(&key_of(&candidate.words))
        {
            resolved[i] = Some(id);
            let entry = full_counts.entry(id).or_insert((0, i));
            entry.0 += 1;
        }
    }
    let in_article_given: HashMap<String, Vec<PersonId>> = {
        let mut map: HashMap<String, Vec<PersonId>> = HashMap::new();
        for (i, candidate) in candidates.iter().enumerate() {
            if let (Some(id), Some(g)) = (resolved[i], given_of(&candidate.words)) {
                let list = map.entry(g).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
        map
    };
    let in_article_surname: HashMap<String, Vec<PersonId>> = {
        let mut map: HashMap<String, Vec<PersonId>> = HashMap::new();
        for (i, candidate) in candidates.iter().enumerate() {
            if let (Some(id), Some(s)) = (resolved[i], surname_of(&candidate.words)) {
                let list = map.entry(s).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
        map
    };
    for (i, candidate) in candidates.iter().enumerate() {
        if resolved[i].is_some() {
            continue;
        }
        if let Some(word) = surname_only(&candidate.words) {
            let surname_here = in_article_surname.get(&word);
            let given_here = in_article_given.get(&word);
            resolved[i] = if let Some(ids) = surname_here {
                // The most mentioned holder of that surname in the article.
                ids.iter().copied().max_by_key(|id| {
                    let (count, first) = full_counts.get(id).copied().unwrap_or((0, usize::MAX));
                    (count, std::cmp::Reverse(first))
                })
            } else if let Some(ids) = given_here {
                (ids.len() == 1 && !table.surnames.contains_key(&word)).then(|| ids[0])
            } else if let Some(ids) = table.surnames.get(&word) {
                if ids.len() == 1 {
                    Some(ids[0])
                } else {
                    table.heaviest(ids)
                }
            } else {
                table.names.get(&key_of(&candidate.words)).copied()
            };
            if candidate.shouted && resolved[i].is_some() && !table.surnames.contains_key(&word) {
                resolved[i] = None;
            }
        }
    }
    let mut mentions: Vec<(PersonId, Range<usize>, MentionKind)> = Vec::new();
    let mut roles = Vec::new();
    for (i, candidate) in candidates.iter().enumerate() {
        if let Some(id) = resolved[i] {
            mentions.push((id, candidate.range.clone(), MentionKind::Name));
            if let Some(role) = &candidate.role {
                roles.push((id, role.clone(), candidate.range.clone()));
            }
        }
    }
    let descriptions = find_descriptions(&context, table, &mentions);
    mentions.extend(descriptions);
    mentions.sort_by_key(|(_, r, _)| r.start);
    let spans = quotes::find_quotes(context.text, context.body.clone());
    let quotes = attribute_quotes(&context, &spans, &mentions);
    ArticlePeople {
        mentions,
        roles,
        quotes,
    }
}

/// "the US president", "The British prime minister", "the UK PM",
/// "Russia's president": a person when exactly one person fits.
fn find_descriptions(
    context: &ArticleContext,
    table: &NameTable,
    mentions: &[(PersonId, Range<usize>, MentionKind)],
) -> Vec<(PersonId, Range<usize>, MentionKind)> {
    let tokens = &context.scan.tokens;
    let here: HashSet<PersonId> = mentions.iter().map(|(id, _, _)| *id).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let determiner = token.lower == "the";
        let owner_geo = if token.possessive {
            lx::geo_code(&format!("{}'s", token.lower)).or_else(|| lx::geo_code(&token.lower))
        } else {
            None
        };
        if !determiner && owner_geo.is_none() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut geo = owner_geo;
        if determiner {
            while let Some(t) = tokens.get(j) {
                if let Some(code) = lx::geo_code(&t.lower) {
                    geo = Some(code);
                    j += 1;
                } else if matches!(t.lower.as_str(), "new" | "current" | "incumbent") {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let head: Option<(&'static str, usize)> = match tokens.get(j).map(|t| t.lower.as_str()) {
            Some("president") => Some(("president", j)),
            Some("pm") | Some("premier") => Some(("prime minister", j)),
            Some("prime") if tokens.get(j + 1).is_some_and(|t| t.lower == "minister") => {
                Some(("prime minister", j + 1))
            }
            Some("chancellor") => Some(("chancellor", j)),
            Some("leader") if geo.is_some() => Some(("leader", j)),
            _ => None,
        };
        let Some((category, end)) = head else {
            i += 1;
            continue;
        };
        // A capitalised title right after ("the President Trump") is a
        // name with a title, not a description.
        if tokens.get(end + 1).is_some_and(|t| {
            t.shape == Shape::Capitalized
                && context.text[tokens[end].range.end..t.range.start]
                    .trim()
                    .is_empty()
        }) {
            i = end + 1;
            continue;
        }
        let fits = |id: PersonId| {
            table.tags[id].iter().any(|(c, g)| {
                let category_fits = if category == "leader" {
                    matches!(*c, "president" | "prime minister" | "chancellor")
                } else {
                    *c == category
                };
                category_fits && (geo.is_none() || *g == geo)
            })
        };
        let mut candidates: Vec<PersonId> = here.iter().copied().filter(|&id| fits(id)).collect();
        if candidates.is_empty() && geo.is_some() {
            candidates = (0..table.count).filter(|&id| fits(id)).collect();
        }
        if candidates.len() == 1 {
            let range = tokens[i].range.start..tokens[end].base_end;
            found.push((candidates[0], range, MentionKind::Description));
        }
        i = end + 1;
    }
    found
}

/// Longest name a mention can be, in bytes, for windowed look-ups.
const MAX_NAME_BYTES: usize = 200;
/// How far after a quote its attribution can reach.
const MAX_ATTRIBUTION_BYTES: usize = 400;

/// The mentions (sorted by start) that start inside `window`.
fn starting_within<'a, 'm>(
    mentions: &'a [&'m (PersonId, Range<usize>, MentionKind)],
    window: Range<usize>,
) -> &'a [&'m (PersonId, Range<usize>, MentionKind)] {
    let from = mentions.partition_point(|(_, r, _)| r.start < window.start);
    let to = mentions.partition_point(|(_, r, _)| r.start < window.end);
    &mentions[from..to.max(from)]
}

/// Who said each quote.
fn attribute_quotes(
    context: &ArticleContext,
    spans: &[QuoteSpan],
    mentions: &[(PersonId, Range<usize>, MentionKind)],
) -> Vec<DraftQuote> {
    let mut drafts: Vec<DraftQuote> = Vec::with_capacity(spans.len());
    // Spans are sorted and disjoint: a binary search finds the one that
    // could hold an offset.
    let inside_quote = |offset: usize| {
        let after = spans.partition_point(|s| s.open <= offset);
        after > 0 && offset < spans[after - 1].close_end
    };
    let outside: Vec<&(PersonId, Range<usize>, MentionKind)> = mentions
        .iter()
        .filter(|(_, r, _)| !inside_quote(r.start))
        .collect();
    for (index, span) in spans.iter().enumerate() {
        let previous_close = index
            .checked_sub(1)
            .map(|p| spans[p].close_end)
            .unwrap_or(context.body.start);
        let mut result = after_attribution(context, span, &outside)
            .or_else(|| before_attribution(context, span, previous_close, &outside));
        if result.is_none()
            && let Some(previous) = drafts.last()
            && previous.speaker != Speaker::Unresolved
            && continues(context, spans[index - 1].close_end, span.open)
        {
            result = Some(Attribution {
                subject: Subject::Inherited(previous.speaker.clone()),
                cue: "continued".to_string(),
                range: previous.speaker_range.clone(),
            });
        }
        let (speaker, cue, speaker_range) = match result {
            None => (Speaker::Unresolved, None, None),
            Some(attribution) => {
                let speaker = match attribution.subject {
                    Subject::Person(id) => Speaker::Person(id),
                    Subject::Unnamed(description) => Speaker::Unnamed(description),
                    Subject::Inherited(speaker) => speaker,
                    Subject::Pronoun(at) => {
                        resolve_pronoun(context, at, span, &outside, &drafts, spans)
                    }
                };
                (speaker, Some(attribution.cue), attribution.range)
            }
        };
        drafts.push(DraftQuote {
            span: span.clone(),
            speaker,
            cue,
            speaker_range,
        });
    }
    drafts
}

#[derive(Debug, Clone)]
enum Subject {
    Person(PersonId),
    Pronoun(usize),
    Unnamed(String),
    Inherited(Speaker),
}

struct Attribution {
    subject: Subject,
    cue: String,
    range: Option<Range<usize>>,
}

fn first_token_at(tokens: &[scan::Token], offset: usize) -> usize {
    tokens.partition_point(|t| t.range.start < offset)
}

/// `"…," Starmer said`, `"…," he told reporters`, `"…," said a senior
/// official`, `"…," the official told reporters`.
fn after_attribution(
    context: &ArticleContext,
    span: &QuoteSpan,
    mentions: &[&(PersonId, Range<usize>, MentionKind)],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let first = first_token_at(tokens, span.close_end);
    let token = tokens.get(first)?;
    let gap = context.text.get(span.close_end..token.range.start)?;
    if gap.contains(['\n', '"', '“', '”']) || gap.trim().len() > 2 {
        return None;
    }
    // After a quote that ends its sentence, a capitalised word usually
    // starts the next sentence ("…policy." Analysts at Morgan Stanley said);
    // only `"…." Trump said` itself attributes it.
    let quote_text = context.text.get(span.open..span.close_end).unwrap_or("");
    let ended = quote_text
        .trim_end_matches(['"', '”', '’', '\''])
        .trim_end()
        .ends_with(['.', '!', '?'])
        || gap.contains(['.', '!', '?']);
    let strict = ended && token.shape != Shape::Lower;
    if lx::is_speech_verb(&token.lower) && token.shape == Shape::Lower {
        // Inverted: `said Trump`, `says Natarajan-Shah`, `said a senior official`.
        let subject_start = tokens.get(first + 1)?;
        let limit = subject_start.range.start + 80;
        if let Some((id, range, _)) = starting_within(mentions, subject_start.range.start..limit)
            .iter()
            .find(|(_, r, _)| {
                r.start >= subject_start.range.start
                    && r.start < limit
                    && !context.text[subject_start.range.start..r.start]
                        .contains([',', '.', '"', '“'])
            })
        {
            return Some(Attribution {
                subject: Subject::Person(*id),
                cue: token.lower.clone(),
                range: Some(range.clone()),
            });
        }
        if lx::is_pronoun(&subject_start.lower) {
            return Some(Attribution {
                subject: Subject::Pronoun(subject_start.range.start),
                cue: token.lower.clone(),
                range: Some(subject_start.range.clone()),
            });
        }
        if let Some(phrase) = noun_phrase_after(context, first + 1) {
            return Some(Attribution {
                subject: Subject::Unnamed(phrase.0),
                cue: token.lower.clone(),
                range: Some(phrase.1),
            });
        }
        return None;
    }
    // `Starmer said`, `he told`, `the official told`: a said-verb within a
    // few words, before the sentence ends.
    let mut verb = None;
    for k in first..(first + 10).min(tokens.len()) {
        if k > first {
            let between = context
                .text
                .get(tokens[k - 1].range.end..tokens[k].range.start)
                .unwrap_or("");
            if between.contains(['.', '!', '?', '\n', '"', '“', '”', ';']) {
                break;
            }
        }
        if lx::is_speech_verb(&tokens[k].lower) && tokens[k].shape == Shape::Lower && k > first {
            verb = Some(k);
            break;
        }
    }
    let verb = verb?;
    let subject = subject_before_verb(context, verb, span.close_end, mentions)?;
    if strict {
        let starts_here = subject
            .1
            .as_ref()
            .is_some_and(|r| r.start == token.range.start);
        if !matches!(subject.0, Subject::Person(_)) || !starts_here {
            return None;
        }
    }
    Some(Attribution {
        subject: subject.0,
        cue: tokens[verb].lower.clone(),
        range: subject.1,
    })
}

/// `Barrot said: "…"`, `Donald Trump said that … "…"`, `with an
/// undisclosed EU official describing the trip as a "…"`.
fn before_attribution(
    context: &ArticleContext,
    span: &QuoteSpan,
    previous_close: usize,
    mentions: &[&(PersonId, Range<usize>, MentionKind)],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let sentence = scan::sentence_of(&context.scan.sentence_starts, span.open, context.body.end);
    let floor = sentence.start.max(previous_close).min(span.open);
    let first = first_token_at(tokens, floor);
    let end = first_token_at(tokens, span.open);
    if first >= end {
        return None;
    }
    let verbs: Vec<usize> = (first..end)
        .filter(|&k| lx::is_speech_verb(&tokens[k].lower) && tokens[k].shape == Shape::Lower)
        .collect();
    let before = context.text.get(floor..span.open).unwrap_or("").trim_end();
    let colon = before.ends_with(':');
    if verbs.is_empty() && !colon {
        return None;
    }
    let cue = verbs
        .last()
        .map(|&v| tokens[v].lower.clone())
        .unwrap_or_else(|| ":".to_string());
    for &verb in verbs.iter().rev().chain(verbs.first()) {
        if let Some((subject, range)) = subject_before_verb(context, verb, floor, mentions) {
            return Some(Attribution {
                subject,
                cue: tokens[verb].lower.clone(),
                range,
            });
        }
    }
    // The sentence's subject: its first person or pronoun.
    if let Some((id, range, _)) = starting_within(mentions, floor..span.open)
        .iter()
        .find(|(_, r, _)| r.start >= floor && r.end <= span.open)
    {
        return Some(Attribution {
            subject: Subject::Person(*id),
            cue,
            range: Some(range.clone()),
        });
    }
    if let Some(k) = (first..end).find(|&k| lx::is_pronoun(&tokens[k].lower)) {
        return Some(Attribution {
            subject: Subject::Pronoun(tokens[k].range.start),
            cue,
            range: Some(tokens[k].range.clone()),
        });
    }
    if let Some((phrase, range)) = noun_phrase_after(context, first) {
        return Some(Attribution {
            subject: Subject::Unnamed(phrase),
            cue,
            range: Some(range),
        });
    }
    None
}

/// Words that open a parenthetical between a subject and its verb
/// ("Lavrov, speaking separately …, said").
fn opens_parenthetical(token: &scan::Token) -> bool {
    let lower = token.lower.as_str();
    matches!(
        lower,
        "who"
            | "which"
            | "in"
            | "as"
            | "according"
            | "a"
            | "an"
            | "the"
            | "his"
            | "her"
            | "its"
            | "their"
            | "at"
            | "on"
            | "after"
            | "before"
            | "during"
            | "while"
            | "when"
            | "like"
            | "with"
            | "for"
            | "from"
            | "also"
            | "too"
            | "however"
    ) || (lower.ends_with("ing") && token.shape == Shape::Lower)
        || (lx::is_role_noun(lower) && token.shape == Shape::Lower)
}

fn determiner(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "one"
            | "two"
            | "three"
            | "several"
            | "some"
            | "another"
            | "other"
            | "many"
            | "most"
            | "our"
    )
}

/// The subject of the said-verb at token `verb`, not reaching before
/// `floor`.
fn subject_before_verb(
    context: &ArticleContext,
    verb: usize,
    floor: usize,
    mentions: &[&(PersonId, Range<usize>, MentionKind)],
) -> Option<(Subject, Option<Range<usize>>)> {
    let tokens = &context.scan.tokens;
    let text = context.text;
    let floor_token = first_token_at(tokens, floor);
    let mut p = verb.checked_sub(1)?;
    if p < floor_token {
        return None;
    }
    // Adverbs and auxiliaries: "Badenoch later wrote", "Macron has argued".
    while p > floor_token
        && lx::is_adverb_between(&tokens[p].lower)
        && !text[tokens[p].range.end..tokens[p + 1].range.start].contains(',')
        && tokens[p].shape == Shape::Lower
    {
        p -= 1;
    }
    // Parentheticals: "Lavrov, speaking …, said".
    let mut guard = 0;
    loop {
        guard += 1;
        let gap = &text[tokens[p].range.end..tokens[p + 1].range.start];
        if !gap.contains(',') || guard > 3 {
            break;
        }
        // The clause between the previous comma and this one.
        let mut start = p;
        while start > floor_token
            && p - start < 16
            && !text[tokens[start - 1].range.end..tokens[start].range.start]
                .contains([',', '.', ';', ':', '(', '"', '“', '”'])
        {
            start -= 1;
        }
        let clause_is_name =
            starting_within(mentions, tokens[start].range.start..tokens[p].range.end)
                .iter()
                .any(|(_, r, _)| {
                    r.start >= tokens[start].range.start && r.end == tokens[p].base_end
                })
                && !opens_parenthetical(&tokens[start]);
        if clause_is_name {
            break;
        }
        // A short aside that names no one: ", D-Mass.,", ", 45,".
        let short_aside = p + 1 - start <= 2
            && !clause_is_name
            && start > floor_token
            && text[tokens[start - 1].range.end..tokens[start].range.start].contains(',');
        if short_aside {
            p = start - 1;
            continue;
        }
        let before_comma = start > floor_token
            && text[tokens[start - 1].range.end..tokens[start].range.start].contains(',');
        if opens_parenthetical(&tokens[start]) && before_comma {
            p = start - 1;
            continue;
        }
        if start == floor_token || !before_comma {
            // "…, telling MPs that": a participle with no subject of its own.
            if tokens[p + 1].lower.ends_with("ing") {
                return None;
            }
        }
        break;
    }
    // A name (or description) that ends right here.
    let near = tokens[p].range.start.saturating_sub(MAX_NAME_BYTES)..tokens[p].range.end;
    if let Some((id, range, _)) = starting_within(mentions, near)
        .iter()
        .find(|(_, r, _)| r.end == tokens[p].base_end || r.end == tokens[p].range.end)
        && range.start >= floor
    {
        if tokens[p].possessive {
            // "Sir Keir Starmer's office said" — not Starmer himself.
        } else {
            return Some((Subject::Person(*id), Some(range.clone())));
        }
    }
    if lx::is_pronoun(&tokens[p].lower) {
        return Some((
            Subject::Pronoun(tokens[p].range.start),
            Some(tokens[p].range.clone()),
        ));
    }
    if matches!(tokens[p].lower.as_str(), "i" | "we" | "you" | "they" | "it") {
        return None;
    }
    if tokens[p].lower.ends_with("ing") && tokens[p].shape == Shape::Lower {
        return None;
    }
    // A noun phrase from a determiner: "a senior official", "His office".
    let mut start = p;
    let mut found = None;
    while start >= floor_token && p - start < 10 {
        if start < p
            && text[tokens[start].range.end..tokens[start + 1].range.start]
                .contains([',', '.', ';', ':', '"', '“', '”'])
        {
            break;
        }
        if determiner(&tokens[start].lower) {
            found = Some(start);
        }
        if start == floor_token || start == 0 {
            break;
        }
        start -= 1;
    }
    let head = &tokens[p];
    if let Some(start) = found {
        let phrase = text[tokens[start].range.start..head.range.end].to_string();
        return Some((
            Subject::Unnamed(phrase),
            Some(tokens[start].range.start..head.range.end),
        ));
    }
    // An organisation: "Deutsche Bank said", "Downing Street said".
    if matches!(head.shape, Shape::Capitalized | Shape::AllCaps) {
        let mut start = p;
        while start > floor_token
            && matches!(tokens[start - 1].shape, Shape::Capitalized | Shape::AllCaps)
            && text[tokens[start - 1].range.end..tokens[start].range.start]
                .trim()
                .is_empty()
        {
            start -= 1;
        }
        let phrase = text[tokens[start].range.start..head.range.end].to_string();
        return Some((
            Subject::Unnamed(phrase),
            Some(tokens[start].range.start..head.range.end),
        ));
    }
    if lx::is_source_noun(&head.lower) {
        return Some((
            Subject::Unnamed(head.lower.clone()),
            Some(head.range.clone()),
        ));
    }
    None
}

fn noun_phrase_after(context: &ArticleContext, start: usize) -> Option<(String, Range<usize>)> {
    let tokens = &context.scan.tokens;
    let first = tokens.get(start)?;
    // A determiner alone is no phrase: the "A:" of a Q&A answer.
    let noun = tokens.get(start + 1)?;
    if !determiner(&first.lower)
        || context.text[first.range.end..noun.range.start].contains([':', '.', ',', '\n', '"', '“'])
    {
        return None;
    }
    let mut end = start;
    while end + 1 < tokens.len() && end - start < 8 {
        let gap = &context.text[tokens[end].range.end..tokens[end + 1].range.start];
        if gap.contains([',', '.', ';', ':', '"', '“', '”', '\n']) {
            break;
        }
        if lx::is_speech_verb(&tokens[end + 1].lower) {
            break;
        }
        end += 1;
    }
    let range = first.range.start..tokens[end].range.end;
    Some((context.text[range.clone()].to_string(), range))
}

/// Is the quote at `open` the same speaker going on after the previous
/// quote closed at `previous_close`? Only when at most the previous quote's
/// attribution sentence lies between them.
fn continues(context: &ArticleContext, previous_close: usize, open: usize) -> bool {
    if open < previous_close || open - previous_close > 250 {
        return false;
    }
    let starts = &context.scan.sentence_starts;
    let first_after = starts.partition_point(|&s| s <= previous_close);
    starts.get(first_after).is_none_or(|&s| s >= open)
}

/// "he said": the subject of the nearest earlier sentence that has one
/// (a person, a description of one, or an unnamed source that spoke).
fn resolve_pronoun(
    context: &ArticleContext,
    at: usize,
    span: &QuoteSpan,
    mentions: &[&(PersonId, Range<usize>, MentionKind)],
    drafts: &[DraftQuote],
    spans: &[QuoteSpan],
) -> Speaker {
    let starts = &context.scan.sentence_starts;
    let limit = at.min(span.open);
    let mut sentence = scan::sentence_of(starts, limit, context.body.end);
    for _ in 0..6 {
        let window = sentence.start..limit.min(sentence.end);
        let mut candidates: Vec<(usize, Speaker)> = starting_within(mentions, window.clone())
            .iter()
            .filter(|(_, r, _)| r.start >= window.start && r.start < window.end)
            .map(|(id, r, _)| (r.start, Speaker::Person(*id)))
            .collect();
        // Earlier quotes, newest first, back to the window.
        for (draft, s) in drafts.iter().zip(spans).rev() {
            if s.close_end + MAX_ATTRIBUTION_BYTES < window.start {
                break;
            }
            if let (Speaker::Unnamed(_), Some(range)) = (&draft.speaker, &draft.speaker_range)
                && range.start >= window.start
                && range.start < window.end
                && s.open < span.open
            {
                candidates.push((range.start, draft.speaker.clone()));
            }
        }
        candidates.sort_by_key(|(start, _)| *start);
        if let Some((_, speaker)) = candidates.into_iter().next() {
            return speaker;
        }
        if sentence.start <= context.body.start {
            break;
        }
        let previous = sentence.start - 1;
        sentence = scan::sentence_of(starts, previous, context.body.end);
    }
    Speaker::Unresolved
}

/// `f` of `0..len`, computed in parallel a batch at a time as the result is
/// iterated, so that only one batch of results is held at once.
fn in_batches<T: Send>(
    len: usize,
    f: impl Fn(usize) -> T + Sync + Send,
) -> impl Iterator<Item = T> {
    const BATCH: usize = 2048;
    (0..len).step_by(BATCH).flat_map(move |start| {
        (start..(start + BATCH).min(len))
            .into_par_iter()
            .map(&f)
            .collect::<Vec<T>>()
    })
}

fn assemble(
    shares: impl Iterator<Item = ArticleShare>,
    evidence: incremental::Evidence,
    table: &NameTable,
    curated: &[CuratedPerson],
) -> PeopleIndex {
    let count = table.count;
    let mut articles = Vec::new();
    let mut hashes = Vec::new();
    // Per person: surface → (count, order of first use).
    let mut surface_counts: Vec<HashMap<u32, (u32, usize)>> = vec![HashMap::new(); count];
    let mut surfaces = incremental::Renumbered::new(&[]);
    let mut mentions = Vec::new();
    let mut quotes: Vec<Quote> = Vec::new();
    let mut roles: Vec<Vec<RoleRecord>> = vec![Vec::new(); count];
    let mut article_quotes = Vec::new();
    let mut article_mentions = Vec::new();
    let mut person_mentions = vec![Vec::new(); count];
    let mut person_quotes = vec![Vec::new(); count];
    for (article_index, share) in shares.enumerate() {
        article_quotes.push(Vec::new());
        article_mentions.push(Vec::new());
        let date = share.reference.date;
        articles.push(share.reference);
        hashes.push(share.hash);
        for (person, range, kind, surface) in share.mentions {
            let surface = surface.map(|surface| {
                let id = surfaces.of_new(surface);
                let order = mentions.len();
                surface_counts[person].entry(id).or_insert((0, order)).0 += 1;
                id
            });
            person_mentions[person].push(mentions.len());
            article_mentions[article_index].push(mentions.len());
            mentions.push(Mention {
                article: article_index,
                range,
                person,
                kind,
                surface,
            });
        }
        for (person, role, range) in share.roles {
            add_role(&mut roles[person], role, article_index, date, range);
        }
        for mut quote in share.quotes {
            let id = quotes.len();
            if let Speaker::Person(p) = quote.speaker {
                person_quotes[p].push(id);
            }
            article_quotes[article_index].push(id);
            quote.id = id;
            quote.article = article_index;
            quotes.push(quote);
        }
    }
    let surfaces = surfaces.into_strings();
    // People: curated ones always, others when the corpus names them.
    let mut new_id = vec![usize::MAX; count];
    let mut persons = Vec::new();
    for old in 0..count {
        let curated_index = table.curated[old];
        if curated_index.is_none() && surface_counts[old].is_empty() {
            continue;
        }
        let (canonical, aliases) = naming(
            &surface_counts[old],
            &surfaces,
            curated_index.map(|i| &curated[i]),
        );
        let mut person_roles: Vec<RoleRecord> = Vec::new();
        if let Some(i) = curated_index {
            for role in &curated[i].roles {
                person_roles.push(RoleRecord {
                    role: role.clone(),
                    article: None,
                    date: None,
                    range: None,
                });
            }
        }
        let mut inferred = std::mem::take(&mut roles[old]);
        inferred.sort_by_key(|r| (r.date, r.article));
        person_roles.extend(inferred);
        new_id[old] = persons.len();
        persons.push(Person {
            id: persons.len(),
            canonical,
            aliases,
            roles: person_roles,
            mentions: Vec::new(),
            quotes: Vec::new(),
            curated: curated_index.is_some(),
        });
    }
    for mention in &mut mentions {
        mention.person = new_id[mention.person];
    }
    for quote in &mut quotes {
        if let Speaker::Person(p) = quote.speaker {
            quote.speaker = Speaker::Person(new_id[p]);
        }
    }
    for old in 0..count {
        let id = new_id[old];
        if id == usize::MAX {
            continue;
        }
        persons[id].mentions = std::mem::take(&mut person_mentions[old]);
        persons[id].quotes = std::mem::take(&mut person_quotes[old]);
    }
    let mut slots = vec![0; persons.len()];
    for (old, &id) in new_id.iter().enumerate() {
        if id != usize::MAX {
            slots[id] = old;
        }
    }
    let parts = (
        articles,
        mentions,
        quotes,
        article_quotes,
        article_mentions,
        surfaces,
        hashes,
    );
    let fingerprint = incremental::fingerprint(curated);
    index_of(table, &new_id, persons, evidence, slots, fingerprint, parts)
}

/// Add the role `article` gives at `range` to a person's `roles`, unless
/// that article already gave it (folded alike). Articles come in order, so
/// its roles so far are the last ones.
fn add_role(
    roles: &mut Vec<RoleRecord>,
    role: String,
    article: usize,
    date: Option<Date>,
    range: Range<usize>,
) {
    let folded = fold(&role);
    if !roles
        .iter()
        .rev()
        .take_while(|r| r.article == Some(article))
        .any(|r| fold(&r.role) == folded)
    {
        roles.push(RoleRecord {
            role,
            article: Some(article),
            date,
            range: Some(range),
        });
    }
}

/// The index of `persons` (person `id_of_slot[s]` holds name-table slot
/// `s`, `usize::MAX` for none; `slots` is the inverse) and of its
/// articles' parts, as `assemble` and `splice` leave them: the name
/// lookups are made here.
fn index_of(
    table: &NameTable,
    id_of_slot: &[PersonId],
    persons: Vec<Person>,
    evidence: incremental::Evidence,
    slots: Vec<PersonId>,
    fingerprint: [u8; 32],
    articles: stored::ArticlesPart,
) -> PeopleIndex {
    let (names, surnames, surname_prefixes) = lookups(table, id_of_slot, &persons);
    let people = (
        persons,
        names,
        surnames,
        surname_prefixes,
        evidence,
        slots,
        fingerprint,
        table.resolution(),
    );
    PeopleIndex::from_parts(people, articles)
}

/// A person's canonical name and aliases from how often each surface
/// (`surfaces[id]`) names them and where first (`surface → (count, order)`):
/// the curated name, else a full name before a bare surname, the most used,
/// then the first used.
fn naming(
    surface_counts: &HashMap<u32, (u32, usize)>,
    surfaces: &[String],
    curated: Option<&CuratedPerson>,
) -> (String, Vec<String>) {
    let mut used: Vec<(&str, (u32, usize))> = surface_counts
        .iter()
        .map(|(&id, &counts)| (surfaces[id as usize].as_str(), counts))
        .collect();
    used.sort_by(|a, b| {
        let words = |s: &str| s.split_whitespace().count().min(2);
        (words(b.0), b.1.0, a.1.1).cmp(&(words(a.0), a.1.0, b.1.1))
    });
    let canonical = match curated {
        Some(person) => person.name.clone(),
        None => used[0].0.to_string(),
    };
    let mut aliases: Vec<String> = Vec::new();
    let mut by_count = used;
    by_count.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(canonical.clone());
    if let Some(person) = curated {
        for alias in &person.aliases {
            if seen.insert(alias.clone()) {
                aliases.push(alias.clone());
            }
        }
    }
    for (surface, _) in by_count {
        if seen.insert(surface.to_string()) {
            aliases.push(surface.to_string());
        }
    }
    (canonical, aliases)
}

/// Name → person, surname → persons, surname prefix → surnames.
type NameMaps = (
    HashMap<String, PersonId>,
    HashMap<String, Vec<PersonId>>,
    HashMap<String, Vec<String>>,
);

/// Names, surnames and surname prefixes → persons, from the name table
/// (whose slot `old` is person `new_id[old]`, `usize::MAX` when absent) and
/// each person's names.
fn lookups(table: &NameTable, new_id: &[PersonId], persons: &[Person]) -> NameMaps {
    let names = table
        .names
        .iter()
        .filter(|(_, old)| new_id[**old] != usize::MAX)
        .map(|(k, &old)| (k.clone(), new_id[old]))
        .chain(
            persons
                .par_iter()
                .flat_map_iter(|p| {
                    p.all_names()
                        .map(|n| {
                            let words: Vec<String> = n.split_whitespace().map(fold).collect();
                            (key_of(&words), p.id)
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>(),
        )
        .collect();
    let surnames: HashMap<String, Vec<PersonId>> = table
        .surnames
        .iter()
        .map(|(k, ids)| {
            (
                k.clone(),
                ids.iter()
                    .map(|&old| new_id[old])
                    .filter(|&id| id != usize::MAX)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, ids)| !ids.is_empty())
        .collect();
    let mut surname_prefixes: HashMap<String, Vec<String>> = HashMap::new();
    for surname in surnames.keys() {
        surname_prefixes
            .entry(surname.chars().take(3).collect())
            .or_default()
            .push(surname.clone());
    }
    (names, surnames, surname_prefixes)
}

/// Normalised quote text → the quotes carrying it, in id order.
fn group_quotes(quotes: &[Quote]) -> HashMap<String, Vec<QuoteId>> {
    let normalised: Vec<String> = quotes
        .par_iter()
        .map(|q| normalise_quote(&q.text))
        .collect();
    let mut quote_groups: HashMap<String, Vec<QuoteId>> = HashMap::new();
    for (id, text) in normalised.into_iter().enumerate() {
        quote_groups.entry(text).or_default().push(id);
    }
    quote_groups
}

/// Article key → the first article with that key.
fn keys_of(articles: &[ArticleRef]) -> HashMap<String, usize> {
    articles
        .iter()
        .enumerate()
        .rev()
        .map(|(i, a)| (a.key.clone(), i))
        .collect()
}

#[cfg(test)]
mod tests;
