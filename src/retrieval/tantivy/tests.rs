use super::*;
use crate::article::ArticleText;
use std::path::PathBuf;

fn corpus() -> Corpus {
    let article = |name: &str, text: &str| {
        Article::parse(
            PathBuf::from(format!("/w/seeds/{name}.txt")),
            format!("seeds/{name}.txt"),
            text.to_string(),
        )
    };
    Corpus::new(vec![
        article(
            "a",
            "date: 2025-02-27\n\nStarmer met Trump. “We need a backstop,” he said.\nThe U.S. will decide.",
        ),
        article(
            "b",
            "Zelensky visits Washington on Friday. Up to 30,000 troops.",
        ),
    ])
}

#[test]
fn sentences_and_words() {
    let corpus = corpus();
    let owned = ArticleText::new(corpus.article(0));
    let text = owned.read(corpus.article(0));
    assert_eq!(text.sentences.len(), 3);
    let second = text.byte_range(text.sentences.at(1));
    assert_eq!(
        &corpus.article(0).text[second],
        "We need a backstop,” he said"
    );
    assert_eq!(text.sentence_of(0), Some(0));
}

#[test]
fn retrieval_and_phrases() {
    let corpus = corpus();
    let index = TantivyIndex::build(&corpus);
    assert_eq!(
        index.articles_with_phrase(&["need", "a", "backstop"]),
        vec![0]
    );
    assert!(
        index
            .articles_with_phrase(&["a", "need", "backstop"])
            .is_empty()
    );
    assert_eq!(index.articles_with_phrase(&["30000", "troops"]), vec![1]);
    let best = index.passages(&["zelensky", "washington"], 3, None);
    assert_eq!((best[0].article, best[0].sentence), (1, 0));
    assert!(index.passages(&["zelensky"], 3, Some(0)).is_empty());
    assert_eq!(index.sentence_frequency("backstop"), 1);
}

#[test]
fn candidates_by_words_and_phrases_within_sentences() {
    let corpus = corpus();
    let index = TantivyIndex::build(&corpus);
    assert_eq!(
        index.articles_with_words(&["backstop", "decide"], 0),
        vec![0]
    );
    assert!(
        index
            .articles_with_words(&["backstop", "troops"], 0)
            .is_empty()
    );
    // Few enough after the rarest word: the others are left to the caller.
    assert_eq!(
        index.articles_with_words(&["backstop", "troops"], 1),
        vec![0]
    );
    let owned = ArticleText::new(corpus.article(0));
    let text = owned.read(corpus.article(0));
    assert!(text.has_phrase(&["need", "a", "backstop"]));
    assert!(text.has_phrase(&["backstop", "he"]));
    assert!(!text.has_phrase(&["said", "the"]));
    assert!(!text.has_phrase(&[]));
}

#[test]
fn sentence_documents_are_the_article_text_read_a_sentence_at_a_time() {
    let corpus = corpus();
    for i in 0..corpus.len() {
        let article = corpus.article(i);
        let owned = ArticleText::new(article);
        let text = owned.read(article);
        let joined: Vec<String> = (text.sentences.iter())
            .map(|s| {
                let words: Vec<&str> = text.words.slice(s.clone()).texts().collect();
                words.join(" ")
            })
            .collect();
        assert_eq!(sentence_docs(article), joined);
        // The cached text keeps no spare room beyond its words.
        assert_eq!(owned.spare_room(), 0);
    }
}
