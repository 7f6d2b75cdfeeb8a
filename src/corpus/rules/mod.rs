//! The rules that compare the articles of a corpus with each other, each in
//! the file named by its code. They live here, above the article layer,
//! because they read the `Corpus` (keys and paths of every article without
//! reading their text); single-article rules live in `article/rules/`.

pub mod duplicate_article;
pub mod duplicate_id;

use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;

/// The rules that compare articles, at their default severities, in file
/// and then text order. `bodies` are the `duplicate_article::body_hash` of
/// each article of `corpus`; only the articles a diagnostic points into are
/// read.
pub fn check_corpus(corpus: &Corpus, bodies: &[Option<[u8; 32]>]) -> Vec<Diagnostic> {
    let mut out = duplicate_id::check(corpus);
    out.extend(duplicate_article::check(corpus, bodies));
    out.sort_by(|a, b| {
        (&a.location.path, a.location.range.start).cmp(&(&b.location.path, b.location.range.start))
    });
    out
}

/// The positions of each value more than one position holds, in order.
/// Sorting beats a hash map of lists here: most values are held once.
fn shared<K: Ord + Copy>(mut pairs: Vec<(K, usize)>) -> Vec<(K, Vec<usize>)> {
    pairs.sort_unstable();
    pairs
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
        .map(|run| (run[0].0, run.iter().map(|&(_, i)| i).collect()))
        .collect()
}
