//! `duplicate-article`: articles whose bodies are the same text, each
//! pointing at the others. `body_hash` is the identity compared, made when
//! an article is read and kept by the cache, so that a warm run compares
//! bodies without reading them.

use crate::article::Article;
use crate::article::anchor::{anchor, location};
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "two articles have the same body",
    explanation: "Two files whose bodies are identical (ignoring white space) are \
        usually the same story saved twice. Duplicates inflate mention counts and make \
        `quote-wrong-source` ambiguous. Keep one.",
    example: "sources/starmer.txt and sources/starmer (1).txt with the same text",
};

const A: FixtureFile = (
    "sources/a.md",
    "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\n---\n\
     British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        A,
        (
            "sources/b.txt",
            "title: Copy\ndate: 2025-02-28\nsource: AP\n\n\
             British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
        ),
    ],
    silent: &[
        A,
        (
            "sources/b.md",
            "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\n---\n\
             A different body about a different meeting.\n",
        ),
    ],
};

/// Fewest words a body must have to be called a copy of another.
const FEWEST_WORDS: usize = 5;

/// blake3 of an article's body with white space folded; `None` for a body
/// too short to call a copy.
pub fn body_hash(article: &Article) -> Option<[u8; 32]> {
    let mut hasher = blake3::Hasher::new();
    let mut count = 0;
    for word in article.body_text().split_whitespace() {
        if count > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
        count += 1;
    }
    (count >= FEWEST_WORDS).then(|| *hasher.finalize().as_bytes())
}

/// `bodies` are the `body_hash` of each article of `corpus`.
pub fn check(corpus: &Corpus, bodies: &[Option<[u8; 32]>]) -> Vec<Diagnostic> {
    let by_body = super::shared(
        (bodies.iter().enumerate())
            .filter_map(|(i, body)| Some((body.as_ref()?, i)))
            .collect(),
    );
    let mut out = Vec::new();
    for (_, group) in &by_body {
        let group: Vec<&Article> = group.iter().map(|&i| corpus.article(i)).collect();
        for article in &group {
            let others: Vec<&&Article> = group.iter().filter(|o| o.path != article.path).collect();
            let names: Vec<&str> = others.iter().map(|o| o.rel_path.as_str()).collect();
            let mut diagnostic = Diagnostic::new(
                Rule::DuplicateArticle,
                location(article, anchor(article)),
                format!(
                    "the body of this article is the same as {}",
                    names.join(", ")
                ),
            );
            for other in others {
                diagnostic = diagnostic.with_related(
                    location(other, anchor(other)),
                    format!("same body: {}", other.rel_path),
                );
            }
            out.push(diagnostic);
        }
    }
    out
}
