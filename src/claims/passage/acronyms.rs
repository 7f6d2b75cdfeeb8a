//! Names an acronym stands for, learned from the corpus: a sentence that
//! introduces one ("Agence France-Presse (AFP)", "AFP (Agence
//! France-Presse)") teaches what it means, so that a claim writing "AFP" is
//! supported by a source that writes only the name. Asked only for an
//! acronym the word lists do not know.

use super::lexicon::name_words;
use crate::corpus::Corpus;
use crate::retrieval::PassageIndex;
use crate::text::Words;

/// Sentences searched for an acronym's introduction.
const SEARCHED: usize = 8;

/// Lower-case words that may sit inside a name an acronym stands for.
const INSIDE: &[&str] = &["of", "the", "for", "and", "de", "du", "des", "la", "le"];

/// The names `acronym` (lower case) stands for in the corpus's sentences
/// that introduce it, as normalised words.
pub fn learn(corpus: &Corpus, index: &dyn PassageIndex, acronym: &str) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    for passage in index.passages(&[acronym], SEARCHED, None) {
        let Some(text) = corpus.article_text(passage.article) else {
            continue;
        };
        let Some(sentence) = text.sentences.get(passage.sentence) else {
            continue;
        };
        let words = text.words.slice(sentence.clone());
        for name in introductions(words, acronym) {
            if !found.contains(&name) {
                found.push(name);
            }
        }
    }
    found
}

/// The names `words` give `acronym` in parentheses, either way round.
fn introductions(words: Words<'_>, acronym: &str) -> Vec<Vec<String>> {
    let mut names = Vec::new();
    for i in 0..words.len() {
        if words.text(i) != acronym || !is_capitals(words.written(i)) {
            continue;
        }
        // "Agence France-Presse (AFP)": the name ends just before.
        if i > 0 && words.gap(i - 1, i).contains('(') {
            let start = i.saturating_sub(acronym.len() + 3);
            names.extend(name_with_initials(words.slice(start..i), acronym, true));
        }
        // "AFP (Agence France-Presse)": the name starts just after.
        if i + 1 < words.len() && words.gap(i, i + 1).contains('(') {
            let end = (i + 1 + acronym.len() + 3).min(words.len());
            names.extend(name_with_initials(words.slice(i + 1..end), acronym, false));
        }
    }
    names
}

/// The run of capitalised words (connectors inside) at the end of `words`
/// (`ending`) or at their start whose initials spell `acronym`.
fn name_with_initials(words: Words<'_>, acronym: &str, ending: bool) -> Option<Vec<String>> {
    let fits = |run: &Words| {
        let capital = |i: usize| is_capitalised(run.written(i));
        let first_and_last_capital = !run.is_empty() && capital(0) && capital(run.len() - 1);
        first_and_last_capital
            && (0..run.len()).all(|i| capital(i) || INSIDE.contains(&run.text(i)))
            && initials(*run) == acronym
    };
    // Shortest first: the name, without what leads into it or follows.
    let runs: Vec<Words> = if ending {
        (0..words.len())
            .rev()
            .map(|s| words.slice(s..words.len()))
            .collect()
    } else {
        (1..=words.len()).map(|e| words.slice(0..e)).collect()
    };
    let run = runs.into_iter().find(|run| fits(run))?;
    let joined: Vec<&str> = run.texts().collect();
    Some(name_words(&joined.join(" ")))
}

fn initials(run: Words<'_>) -> String {
    run.texts()
        .filter(|w| !INSIDE.contains(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn is_capitalised(written: &str) -> bool {
    written.starts_with(char::is_uppercase)
}

fn is_capitals(written: &str) -> bool {
    let letters = || written.chars().filter(|c| c.is_alphabetic());
    letters().count() >= 2 && letters().all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, ArticleText};
    use std::path::PathBuf;

    fn introduced(body: &str, acronym: &str) -> Vec<Vec<String>> {
        let text = format!("---\ntitle: T\ndate: 2024-01-01\nsource: S\n---\n{body}\n");
        let article = Article::parse(PathBuf::from("/a.md"), "a.md".into(), text);
        let text = ArticleText::new(&article);
        introductions(text.read(&article).words, acronym)
    }

    #[test]
    fn names_in_parentheses_either_way() {
        assert_eq!(
            introduced(
                "The figures, reported by Agence France-Presse (AFP), rose.",
                "afp"
            ),
            vec![vec!["agence", "france", "presse"]]
        );
        assert_eq!(
            introduced(
                "Staff of the RSPB (Royal Society for the Protection of Birds) counted.",
                "rspb"
            ),
            vec![vec![
                "royal",
                "society",
                "for",
                "the",
                "protection",
                "of",
                "birds"
            ]]
        );
        assert!(introduced("AFP reported it (late on Monday).", "afp").is_empty());
    }
}
