//! Finding a note's quote in the corpus: word for word in a cited article,
//! else word for word elsewhere, else the closest passage by word alignment.
//! The outcome (`QuoteMatch`) is what the quote rules word as findings and
//! what the language server shows on hover.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use super::evidence::collapse_space;
use super::quote_alignment::{self, Alignment};
use super::quote_pattern::{self, Pattern};
use crate::article::ArticleWords;
use crate::corpus::Corpus;
use crate::note::{Quote, Speaker};
use crate::retrieval::PassageIndex;

/// Where a note's quote was found.
#[derive(Debug, Clone, PartialEq)]
pub enum QuoteStatus {
    /// In a cited article (or, for an uncited quote, anywhere).
    Found,
    /// Word for word in an article that is not cited.
    WrongSource,
    /// Close to a passage, but not the same.
    Misquote {
        difference: String,
        replacement: Option<String>,
    },
    /// Nothing in the corpus is close.
    NotFound,
    /// Too few words to match.
    Unchecked,
}

/// The outcome of matching one quote: the source article and passage, and
/// the speaker the note names, for hover and for attribution checks.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteMatch {
    pub quote: usize,
    pub status: QuoteStatus,
    /// The article holding the quote or its closest passage.
    pub article: Option<usize>,
    /// The matched or closest words, a byte range of that article's text.
    pub source_range: Option<Range<usize>>,
    pub speaker: Option<Speaker>,
}

/// Most articles read word by word when looking for a quote elsewhere in
/// the corpus; more are first narrowed by phrase queries, which cost less
/// than reading (and keeping the words of) many articles.
const FEW_CANDIDATES: usize = 32;

/// Most phrases sampled from a quote to narrow the candidates.
const SAMPLED_PHRASES: usize = 6;

/// Match a quote against its cited articles and then the whole corpus.
pub fn match_quote(
    corpus: &Corpus,
    index: &dyn PassageIndex,
    quote_index: usize,
    quote: &Quote,
    cited: &[usize],
) -> QuoteMatch {
    let unmatched = QuoteMatch {
        quote: quote_index,
        status: QuoteStatus::Unchecked,
        article: None,
        source_range: None,
        speaker: quote.speaker.clone(),
    };
    let pattern = Pattern::parse(&quote.text);
    if pattern.words.len() < 2 {
        return unmatched;
    }
    let found = |status, article, range| QuoteMatch {
        status,
        article: Some(article),
        source_range: Some(range),
        ..unmatched.clone()
    };
    for &article in cited {
        if let Some(range) = exact_in(corpus, &pattern, article) {
            return found(QuoteStatus::Found, article, range);
        }
    }
    if let Some((article, range)) = exact_elsewhere(corpus, index, &pattern, cited) {
        let status = if cited.is_empty() {
            QuoteStatus::Found
        } else {
            QuoteStatus::WrongSource
        };
        return found(status, article, range);
    }
    closest_passage(corpus, index, &pattern, unmatched, cited, false).0
}

/// The bytes of `article` holding the quote word for word.
fn exact_in(corpus: &Corpus, pattern: &Pattern, article: usize) -> Option<Range<usize>> {
    let text = corpus.article_text(article)?;
    quote_pattern::find_exact(pattern, text.words).map(|o| text.byte_range(o.span()))
}

/// An article, not among `cited`, holding the quote word for word.
fn exact_elsewhere(
    corpus: &Corpus,
    index: &dyn PassageIndex,
    pattern: &Pattern,
    cited: &[usize],
) -> Option<(usize, Range<usize>)> {
    // An occurrence counts where one sentence of its article holds one of
    // these phrases, sampled from the quote's longest run: phrases are what
    // the index matches, and sampling bounds the queries when the rarest
    // words leave many candidates.
    let run = pattern.longest_run();
    let shingle = run.len().min(4);
    let starts = run.len() + 1 - shingle;
    let phrases: Vec<Vec<&str>> = (0..starts)
        .step_by((starts / SAMPLED_PHRASES).max(1))
        .map(|start| {
            run[start..start + shingle]
                .iter()
                .map(String::as_str)
                .collect()
        })
        .collect();
    // Every word of an exact occurrence is in some sentence of its article,
    // so the postings of the quote's rarest words find every article that
    // can hold it, usually few: cheaper than phrase queries of common words.
    let words: Vec<&str> = pattern.words.iter().map(String::as_str).collect();
    let mut candidates = index.articles_with_words(&words, FEW_CANDIDATES);
    if candidates.len() > FEW_CANDIDATES {
        let with_phrase: BTreeSet<usize> = phrases
            .iter()
            .flat_map(|phrase| index.articles_with_phrase(phrase))
            .collect();
        candidates.retain(|a| with_phrase.contains(a));
    }
    candidates.into_iter().find_map(|article| {
        let has_phrase = !cited.contains(&article)
            && corpus
                .article_text(article)
                .is_some_and(|text| phrases.iter().any(|p| text.has_phrase(p)));
        if !has_phrase {
            return None;
        }
        Some((article, exact_in(corpus, pattern, article)?))
    })
}

/// What the closest passage says of a quote no article holds word for
/// word: from the cited articles and the best of the corpus. Also whether
/// the corpus was searched; `always` searches it even when the cited
/// articles settle the answer, so that tests can compare the two.
fn closest_passage(
    corpus: &Corpus,
    index: &dyn PassageIndex,
    pattern: &Pattern,
    unmatched: QuoteMatch,
    cited: &[usize],
    always: bool,
) -> (QuoteMatch, bool) {
    let query: Vec<&str> = pattern.words.iter().map(String::as_str).collect();
    let aligned = |article, words_range| aligned(corpus, pattern, cited, article, words_range);
    let mut candidates: Vec<Candidate> = Vec::new();
    for &article in cited {
        for passage in index.passages(&query, 3, Some(article)) {
            let words_range = window(
                corpus.text_at(article),
                passage.sentence,
                pattern.words.len(),
            );
            candidates.extend(aligned(article, words_range));
        }
    }
    let settled = settled_by_cited(corpus, pattern, &unmatched, cited, &candidates);
    if always || !settled {
        for passage in index.passages(&query, 8, None) {
            let words_range = window(
                corpus.text_at(passage.article),
                passage.sentence,
                pattern.words.len(),
            );
            candidates.extend(aligned(passage.article, words_range));
        }
    }
    let answer = match best_candidate(&candidates) {
        Some(best) => conclude(corpus, pattern, &unmatched, best),
        None => QuoteMatch {
            status: QuoteStatus::NotFound,
            ..unmatched
        },
    };
    (answer, !settled)
}

/// `words_range` of `article` aligned with the quote.
fn aligned(
    corpus: &Corpus,
    pattern: &Pattern,
    cited: &[usize],
    article: usize,
    words_range: Range<usize>,
) -> Option<Candidate> {
    let words = corpus.text_at(article).words.slice(words_range.clone());
    let alignment = if in_pieces(pattern) {
        quote_alignment::align_in_pieces(pattern, words)?
    } else {
        quote_alignment::align(pattern, words)?
    };
    let close = quote_alignment::is_close(pattern, &alignment);
    Some(Candidate {
        article,
        words_range,
        alignment,
        close,
        cited: cited.contains(&article),
    })
}

/// Whether a quote is aligned in pieces rather than as a whole (see
/// `quote_alignment::align_in_pieces`).
fn in_pieces(pattern: &Pattern) -> bool {
    pattern.words.len() > quote_alignment::WHOLE_WORDS
}

/// Whether the cited articles settle the closest passage, so that the
/// corpus-wide search, most of a note check's cost, cannot change it: the
/// search only adds windows, and when the best cited window is close only
/// another window of a cited article can rank with it. Settled when every
/// one that does comes to the same conclusion. A quote aligned in pieces
/// is settled by a close cited window alone: aligning it at every sentence
/// of its articles would cost their length times its own.
fn settled_by_cited(
    corpus: &Corpus,
    pattern: &Pattern,
    unmatched: &QuoteMatch,
    cited: &[usize],
    candidates: &[Candidate],
) -> bool {
    let Some(best) = best_candidate(candidates).filter(|best| best.close) else {
        return false;
    };
    if in_pieces(pattern) {
        return true;
    }
    let conclusion = conclude(corpus, pattern, unmatched, best);
    cited.iter().all(|&article| {
        let text = corpus.text_at(article);
        let mut seen = HashSet::new();
        (0..text.sentences.len())
            .map(|sentence| window(text, sentence, pattern.words.len()))
            .filter(|w| seen.insert(w.clone()))
            .filter_map(|w| aligned(corpus, pattern, cited, article, w))
            .all(|other| match other.rank(best) {
                Ordering::Less => true,
                Ordering::Equal => conclude(corpus, pattern, unmatched, &other) == conclusion,
                Ordering::Greater => false,
            })
    })
}

/// What the closest window says of a quote: a misquote when close, else
/// not found, with the window's words or sentence as the evidence.
fn conclude(
    corpus: &Corpus,
    pattern: &Pattern,
    unmatched: &QuoteMatch,
    best: &Candidate,
) -> QuoteMatch {
    let Candidate {
        article,
        words_range,
        alignment,
        close,
        ..
    } = best;
    let article = *article;
    let mut result = unmatched.clone();
    let text = corpus.text_at(article);
    let local = text.words.slice(words_range.clone());
    let absolute = words_range.start + alignment.span.start..words_range.start + alignment.span.end;
    result.article = Some(article);
    result.source_range = Some(text.byte_range(absolute.clone()));
    if !close {
        // Scattered word matches mean nothing; the sentence is the evidence.
        if let Some(sentence) = text.sentence_of(absolute.start) {
            result.source_range = Some(text.byte_range(text.sentences.at(sentence)));
        }
        result.status = QuoteStatus::NotFound;
        return result;
    }
    let mut difference = quote_alignment::describe_difference(pattern, alignment, local);
    if in_pieces(pattern) {
        difference.push_str(&format!(
            " (a quote of more than {} words is compared {} words at a time)",
            quote_alignment::WHOLE_WORDS,
            quote_alignment::PIECE_WORDS
        ));
    }
    result.status = QuoteStatus::Misquote {
        difference,
        replacement: source_words(corpus, pattern, best),
    };
    result
}

/// The source's own words for a misquote, with the note's ellipses kept
/// between runs; none when the quote has insertions a replacement would
/// lose.
fn source_words(corpus: &Corpus, pattern: &Pattern, best: &Candidate) -> Option<String> {
    if pattern.has_insertion {
        return None;
    }
    let text = corpus.text_at(best.article);
    let start = best.words_range.start;
    let pieces: Option<Vec<String>> = best
        .alignment
        .run_spans(pattern)
        .into_iter()
        .map(|span| {
            let span = span?;
            let bytes = text.byte_range(start + span.start..start + span.end);
            Some(collapse_space(
                corpus.article(best.article).text.get(bytes)?,
            ))
        })
        .collect();
    pieces.map(|p| p.join(&format!(" {} ", pattern.ellipsis.unwrap_or("..."))))
}

/// A window of a source article aligned with a quote.
struct Candidate {
    article: usize,
    words_range: Range<usize>,
    alignment: Alignment,
    close: bool,
    cited: bool,
}

impl Candidate {
    /// A close window beats a distant one, and among close ones a cited
    /// article's wins: the note most likely misquotes what it cites. Then
    /// the fewer changes the better.
    fn rank(&self, other: &Candidate) -> Ordering {
        (self.close, self.cited)
            .cmp(&(other.close, other.cited))
            .then(other.alignment.cost.total_cmp(&self.alignment.cost))
    }
}

/// The best candidate; of equals, the last.
fn best_candidate(candidates: &[Candidate]) -> Option<&Candidate> {
    candidates.iter().max_by(|a, b| a.rank(b))
}

/// Sentences around `sentence`, wide enough for a quote of `quote_words`.
fn window(text: ArticleWords<'_>, sentence: usize, quote_words: usize) -> Range<usize> {
    let Some(center) = text.sentences.get(sentence) else {
        return 0..0;
    };
    let want = quote_words * 2 + 20;
    let mut start = center.start;
    let mut end = center.end;
    let mut before = sentence;
    let mut after = sentence;
    while end - start < want && (before > 0 || after + 1 < text.sentences.len()) {
        if before > 0 {
            before -= 1;
            start = text.sentences.at(before).start;
        }
        if after + 1 < text.sentences.len() {
            after += 1;
            end = text.sentences.at(after).end;
        }
    }
    start..end
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::article::Article;
    use crate::retrieval::LazyPassageIndex;

    /// The closest passage to `quote` in the article `cited`, found without
    /// and then with the corpus-wide search the cited article may make needless.
    fn closest_both_ways(corpus: &Corpus, quote: &str, cited: &str) -> [(QuoteMatch, bool); 2] {
        let passages = LazyPassageIndex::default();
        let pattern = Pattern::parse(quote);
        let cited = [corpus.position(cited).expect("a cited key of the corpus")];
        let unmatched = QuoteMatch {
            quote: 0,
            status: QuoteStatus::Unchecked,
            article: None,
            source_range: None,
            speaker: None,
        };
        [false, true].map(|always| {
            closest_passage(
                corpus,
                passages.get(corpus),
                &pattern,
                unmatched.clone(),
                &cited,
                always,
            )
        })
    }

    #[test]
    fn the_corpus_is_searched_only_when_it_can_change_the_closest_passage() {
        let article = |name: &str, body: &str| {
            Article::parse(
                PathBuf::from(format!("/w/sources/{name}.md")),
                format!("sources/{name}.md"),
                format!("---\ntitle: {name}\ndate: 2024-05-10\n---\n{body}\n"),
            )
        };
        let filler = "The council met again on Tuesday evening in the old town hall. \
                      Members discussed parking, street lighting and the summer market. \
                      A decision on the library opening hours was postponed until autumn. \
                      Several residents asked for more benches along the river path. ";
        let corpus = Corpus::new(vec![
            article(
                "budget",
                "The finance minister, Mara Lind, presented the budget on Monday. \
                 \"We will cut the deficit by half before the next election,\" Lind said. \
                 Opposition leaders called the plan unrealistic.",
            ),
            article(
                "schools",
                &format!(
                    "\"Our schools need more teachers and better buildings,\" Lind said in March. \
                     {filler}{filler}She repeated it in May: \"Our schools need more teachers and \
                     better buildings.\""
                ),
            ),
            article(
                "railway",
                "\"The railway will reach the northern towns by next summer,\" said Tom Berg.",
            ),
        ]);
        // A misquote of the cited article, which has no other close passage:
        // nothing elsewhere can beat it.
        let [skipped, searched] = closest_both_ways(
            &corpus,
            "we will cut the deficit by a third before the next election",
            "budget",
        );
        assert!(matches!(skipped.0.status, QuoteStatus::Misquote { .. }));
        assert_eq!(skipped.0, searched.0);
        assert!(!skipped.1, "the cited article settles it");
        // Two passages of the cited article are as close as each other and
        // point at different words: which one wins depends on the search.
        let [skipped, searched] = closest_both_ways(
            &corpus,
            "our schools need many more teachers and better buildings",
            "schools",
        );
        assert!(matches!(skipped.0.status, QuoteStatus::Misquote { .. }));
        assert_eq!(skipped.0, searched.0);
        assert!(skipped.1, "equally close passages with different words");
        // Not close in the cited article: the closest passage is elsewhere.
        let [skipped, searched] = closest_both_ways(
            &corpus,
            "the railway will reach the southern towns by next summer",
            "budget",
        );
        assert_eq!(skipped.0.article, corpus.position("railway"));
        assert_eq!(skipped.0, searched.0);
        assert!(skipped.1, "nothing close in the cited article");
    }
}
