//! The questions the other layers ask of a people index: who a name
//! stands for, who is named in a note, which person or quote is under a
//! cursor, and whether the corpus agrees with a note about who said a
//! quote.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use super::PeopleIndex;
use super::model::{
    AttributionCheck, CorpusQuote, Mention, MentionKind, Person, PersonId, QuoteId, QuoteSpeaker,
    TextMention,
};
use super::names::{given_compatible, given_of, key_of, name_parts, words_of};
use super::scan::{self, Region, fold, skeleton};
use super::subjects;
use super::vocabulary;

impl PeopleIndex {
    /// The articles `update` read to make this index (new and changed
    /// ones); 0 for a built or stored one.
    pub fn articles_reread(&self) -> usize {
        self.reread
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.persons.get(id)
    }

    pub fn quote(&self, id: QuoteId) -> Option<&CorpusQuote> {
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
                        && !vocabulary::is_title_word(w)
                        && !vocabulary::is_stop_word(w)
                        && vocabulary::geo_code(w).is_none()
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
                            given_of(&words_of(n)).is_some_and(|g| given_compatible(&g, &given))
                        })
                    })
                    .collect();
                return (matching.len() == 1).then(|| matching[0]);
            }
            return self.most_mentioned(ids);
        }
        self.near_surname(&last)
    }

    /// The one person with a surname spelt close to `surname`
    /// ("Zelenskyi"), if `surname` is long enough to tell.
    fn near_surname(&self, surname: &str) -> Option<PersonId> {
        if surname.chars().count() < 6 {
            return None;
        }
        let mut best: Option<(f64, PersonId)> = None;
        let mut tie = false;
        let prefix: String = surname.chars().take(3).collect();
        for known in self.surname_prefixes.get(&prefix).into_iter().flatten() {
            let ids = &self.surnames[known];
            if ids.len() != 1 {
                continue;
            }
            let score = strsim::jaro_winkler(known, surname);
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
        best.filter(|_| !tie).map(|(_, id)| id)
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
    pub fn quotes_at(&self, article_key: &str, range: Range<usize>) -> Vec<&CorpusQuote> {
        let Some(article) = self.article_index(article_key) else {
            return Vec::new();
        };
        let overlap = |q: &CorpusQuote| {
            q.segments
                .iter()
                .map(|s| {
                    s.end
                        .min(range.end)
                        .saturating_sub(s.start.max(range.start))
                })
                .sum::<usize>()
        };
        let mut quotes: Vec<(&CorpusQuote, usize)> = self.article_quotes[article]
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
        let source_speaker = match &quote.speaker {
            QuoteSpeaker::Person(id) => *id,
            QuoteSpeaker::Unnamed(description) => {
                return match subjects::anonymous_source(description) {
                    Some(description) if self.names_someone(claimed) => {
                        AttributionCheck::UnnamedSource {
                            quote: quote.id,
                            description,
                        }
                    }
                    _ => AttributionCheck::Unknown,
                };
            }
            QuoteSpeaker::Unresolved => return AttributionCheck::Unknown,
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

    /// Does `claimed` (a note's speaker) name a person, known to the corpus
    /// or not, rather than describe one ("he", "officials")?
    fn names_someone(&self, claimed: &str) -> bool {
        self.lookup(claimed).is_some()
            || !scan::scan(claimed, &[(Region::Body, 0..claimed.len())])
                .candidates
                .is_empty()
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
    pub fn quotes_in(&self, article_key: &str) -> impl Iterator<Item = &CorpusQuote> {
        let list = self
            .article_index(article_key)
            .map(|i| self.article_quotes[i].as_slice())
            .unwrap_or(&[]);
        list.iter().map(|&q| &self.quotes[q])
    }

    /// Other quotes with the same words, in other articles, in corpus
    /// order: not in id order, which an updated index need not share with
    /// a rebuilt one.
    pub fn same_quote_elsewhere(&self, id: QuoteId) -> Vec<&CorpusQuote> {
        let Some(quote) = self.quotes.get(id) else {
            return Vec::new();
        };
        let mut found: Vec<&CorpusQuote> = self
            .quote_groups()
            .get(&normalise_quote(&quote.text))
            .into_iter()
            .flatten()
            .map(|&q| &self.quotes[q])
            .filter(|q| q.article != quote.article)
            .collect();
        found.sort_by_key(|q| (q.article, q.range.start));
        found
    }

    /// Normalised quote text → the quotes carrying it, made on first use
    /// with rayon, since only quote hovers need it: call it first from
    /// outside rayon's workers.
    pub fn quote_groups(&self) -> &HashMap<String, Vec<QuoteId>> {
        self.quote_groups.get_or_init(|| group_quotes(&self.quotes))
    }

    /// How a speaker reads to a person: their canonical name, the source's
    /// description, or "unknown".
    pub fn speaker_label(&self, speaker: &QuoteSpeaker) -> String {
        match speaker {
            QuoteSpeaker::Person(id) => self.persons[*id].canonical.clone(),
            QuoteSpeaker::Unnamed(description) => format!("unnamed: {description}"),
            QuoteSpeaker::Unresolved => "unknown".to_string(),
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

/// Quote text as equal quotes share it: folded, spaces collapsed, outer
/// punctuation trimmed, curly quotes straightened.
fn normalise_quote(text: &str) -> String {
    fold(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .replace(['“', '”'], "\"")
}

/// Normalised quote text → the quotes carrying it, in id order.
fn group_quotes(quotes: &[CorpusQuote]) -> HashMap<String, Vec<QuoteId>> {
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
