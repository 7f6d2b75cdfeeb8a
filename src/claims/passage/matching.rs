//! Where an article mentions a claim's terms: one pass over its words,
//! each compared with every term of the claim (as written, by stem, without
//! diacritics, a spelling variant of a name, a word alike or opposite in
//! the lexicon, an acronym or the name it stands for). Everything the
//! passage model weighs later reads these hits, so an article is read once
//! per claim, in time linear in its length.

use super::lexicon::{LEXICON, Relation};
use super::shape::{ClaimShape, Term};
use crate::article::{Article, ArticleWords};
use crate::claims::content_terms::{plain, stem};
use crate::text::Words;

/// Similarity above which two long names are one spelling's variants
/// ("Zelensky", "Zelenskiy").
const VARIANT: f64 = 0.93;

/// A word of an article that mentions a term of the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index in the article's words.
    pub word: usize,
    pub term: usize,
    /// The word states the term's opposite ("fell" for "rose").
    pub opposed: bool,
    /// The word is the term itself (as written, by stem, a variant), not a
    /// word the lexicon relates to it.
    pub direct: bool,
}

/// Every mention of the claim's terms in `article`, in text order.
pub fn hits(shape: &ClaimShape, article: &Article, text: ArticleWords<'_>) -> Vec<Hit> {
    let mut found = Vec::new();
    let words = text.words;
    let mut sentence = 0;
    for (j, w) in words.iter().enumerate() {
        while sentence < text.sentences.len() && text.sentences.at(sentence).end <= j {
            sentence += 1;
        }
        let opens = text.sentences.get(sentence).is_some_and(|s| s.start == j);
        let word = w.text.trim_end_matches("'s");
        let written = article.text.get(w.range.clone()).unwrap_or("");
        let capital = written.starts_with(char::is_uppercase);
        // A capital inside a sentence makes a name's word of it ("the Great
        // Western Highway"), which the lexicon does not liken or oppose.
        let named = capital && !opens;
        // A verb with its particle is one word ("turned down").
        let phrasal = (words.get(j + 1))
            .filter(|_| !named)
            .and_then(|next| Some((LEXICON.phrasal(word, next.text)?, next.text)));
        let particle = phrasal.as_ref().map(|(_, particle)| *particle);
        let looked_up = phrasal.as_ref().map_or(word, |(key, _)| key.as_str());
        for (t, term) in shape.terms.iter().enumerate() {
            if term.particle.as_deref() == particle && same(term, word, capital) {
                found.push(Hit {
                    word: j,
                    term: t,
                    opposed: false,
                    direct: true,
                });
            } else if term.entity.is_none() && !term.number && !named {
                match LEXICON.relation_to(&term.senses, looked_up) {
                    Relation::Alike => found.push(Hit {
                        word: j,
                        term: t,
                        opposed: false,
                        direct: false,
                    }),
                    Relation::Opposed => found.push(Hit {
                        word: j,
                        term: t,
                        opposed: true,
                        direct: false,
                    }),
                    Relation::Unrelated => {}
                }
            }
        }
        if capital {
            acronym_hits(shape, words, j, written, &mut found);
        }
    }
    // Kept while the passage is chosen; grown by doubling, it may have as
    // much again unused.
    found.shrink_to_fit();
    found
}

/// Whether an article's word, normalised, is the term itself.
fn same(term: &Term, word: &str, capital: bool) -> bool {
    if term.acronym {
        return word == term.word && capital;
    }
    if term.number {
        return word == term.word;
    }
    word == term.word
        // A stem is a prefix of its word: most words fail the prefix test,
        // which is far cheaper than stemming them.
        || (word.starts_with(term.stem.as_str()) && stem(word) == term.stem)
        || (!word.is_ascii() && plain(word) == term.plain)
        || (term.word.chars().count() >= 6
            && word.chars().count() >= 6
            && word.chars().next() == term.word.chars().next()
            && strsim::jaro_winkler(word, &term.word) >= VARIANT)
}

/// Lower-case words that may sit inside a name an acronym stands for.
const INSIDE: &[&str] = &[
    "of", "the", "for", "and", "on", "de", "du", "des", "la", "le",
];

/// Whether capitalised words at the start of `words` (of `text`) spell
/// `acronym` by their initials ("Federal Open Market Committee", "FOMC").
fn spells(acronym: &str, words: Words<'_>) -> bool {
    let mut initials = String::new();
    for (i, word) in words.iter().take(acronym.len() + 3).enumerate() {
        let written = words.written(i);
        if INSIDE.contains(&word.text) {
            continue;
        }
        if !written.starts_with(char::is_uppercase) {
            return false;
        }
        initials.extend(word.text.chars().next());
        if initials == acronym {
            return true;
        }
        if !acronym.starts_with(initials.as_str()) {
            return false;
        }
    }
    false
}

/// Mentions of an entity by another name: an acronym in capitals for a
/// name of several words ("AFP" for "Agence France-Presse"), or the name
/// an acronym stands for, starting at word `j`. Both count as its head.
fn acronym_hits(
    shape: &ClaimShape,
    words: Words<'_>,
    j: usize,
    written: &str,
    found: &mut Vec<Hit>,
) {
    let word = words.text(j);
    let capitals = written.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && written
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    for entity in &shape.entities {
        let by_acronym = capitals && entity.acronyms.iter().any(|a| a == word);
        let by_name = entity.expansions.iter().any(|name| {
            name.len() <= words.len() - j
                && (name.iter().enumerate()).all(|(k, n)| *n == words.text(j + k))
        });
        let by_initials = match entity.terms[..] {
            [only] if shape.terms[only].acronym => {
                spells(&shape.terms[only].word, words.slice(j..words.len()))
            }
            _ => false,
        };
        if by_acronym || by_name || by_initials {
            for &term in &entity.terms {
                found.push(Hit {
                    word: j,
                    term,
                    opposed: false,
                    direct: true,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleText;
    use std::path::PathBuf;

    fn article(body: &str) -> Article {
        let text = format!("---\ntitle: T\ndate: 2024-01-01\nsource: S\n---\n{body}\n");
        Article::parse(PathBuf::from("/a.md"), "a.md".into(), text)
    }

    fn hit_words(claim: &str, body: &str) -> Vec<(String, String, bool)> {
        let shape = ClaimShape::of(claim);
        let article = article(body);
        let owned = ArticleText::new(&article);
        let text = owned.read(&article);
        hits(&shape, &article, text)
            .into_iter()
            .map(|h| {
                (
                    shape.terms[h.term].word.clone(),
                    text.words.text(h.word).to_string(),
                    h.opposed,
                )
            })
            .collect()
    }

    #[test]
    fn terms_found_by_stem_variant_synonym_and_opposite() {
        let found = hit_words(
            "Zelensky welcomed the deployment after the attack",
            "Zelenskiy criticised the planned deployments. Rockets hit the city.",
        );
        assert!(found.contains(&("zelensky".into(), "zelenskiy".into(), false)));
        assert!(found.contains(&("welcomed".into(), "criticised".into(), true)));
        assert!(found.contains(&("deployment".into(), "deployments".into(), false)));
        assert!(found.contains(&("attack".into(), "hit".into(), false)));
    }

    #[test]
    fn phrasal_verbs_matched_with_their_particle() {
        let found = hit_words(
            "India accepted the offer",
            "India turned down the offer. He turned 40.",
        );
        assert!(found.contains(&("accepted".into(), "turned".into(), true)));
        let found = hit_words(
            "The court turned down the appeal",
            "The court rejected the appeal. The tide turned.",
        );
        assert!(found.contains(&("turned".into(), "rejected".into(), false)));
        // The verb without its particle is another verb.
        assert!(!found.iter().any(|(t, w, _)| t == "turned" && w == "turned"));
    }

    #[test]
    fn acronyms_and_names_they_stand_for() {
        let found = hit_words(
            "The figures were confirmed to AFP",
            "The figures were confirmed to Agence France-Presse.",
        );
        assert!(found.contains(&("afp".into(), "agence".into(), false)));
        let found = hit_words(
            "The figures went to Agence France-Presse",
            "The figures went to AFP, the agency said.",
        );
        assert!(found.iter().any(|(t, w, _)| t == "presse" && w == "afp"));
        // An acronym is matched only in capitals.
        let found = hit_words("Officials at WHO agreed", "Officials who agreed left.");
        assert!(!found.iter().any(|(t, _, _)| t == "who"));
    }
}
