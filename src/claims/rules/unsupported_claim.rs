//! `unsupported-claim`: the cited articles do not carry the claim's content
//! (its names, places and key terms). The finding shows the closest
//! passage and, when another article does carry the claim, offers to cite
//! it. The claim checker runs it only on claims nothing else troubled.

use std::collections::BTreeSet;
use std::ops::Range;

use super::ClaimContext;
use crate::claims::content_terms::{self, Term};
use crate::claims::evidence::excerpt;
use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::quantities::quantities;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};
use crate::text::words;

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "the cited source does not support the claim",
    explanation: "The cited article's closest passage does not carry the claim's \
        content: its names, places and key terms. The diagnostic shows that passage \
        and, when another article supports the claim, offers to cite it.",
    example: "Rubio met Lavrov in Riyadh [@000].",
};

const PIER: FixtureFile = (
    "sources/pier.md",
    "---\ntitle: Pier repaired\ndate: 2024-04-12\nsource: Post\n---\n\
     Workers in Porto Verde finished repairing the old pier after the winter storms.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        PIER,
        (
            "notes/n.md",
            "The mayor announced a new airport for Lisbon and Madrid [@pier].\n",
        ),
    ],
    silent: &[
        PIER,
        (
            "notes/n.md",
            "Workers finished repairing the old pier in Porto Verde [@pier].\n",
        ),
    ],
};

/// Share of a claim's content terms the cited passage must carry.
const SUPPORTED: f32 = 0.5;
/// Share another article must carry to be offered as the better source.
const BETTER_SOURCE: f32 = 0.75;
/// Fewest content terms a claim needs to be judged at all.
const FEWEST_TERMS: usize = 2;

/// How well an article carries the claim.
struct Support<'a> {
    ctx: &'a ClaimContext<'a>,
    terms: &'a [Term],
    query: &'a [&'a str],
    /// The claim's numbers and dates, content the source confirmed: the
    /// checker runs this rule only when no mismatch was found.
    verified: usize,
}

/// A sentence of an article and the share of the claim it carries.
struct Scored {
    score: f32,
    article: usize,
    /// Word range of the sentence; empty when the article has none.
    sentence: Range<usize>,
}

pub fn check(ctx: &ClaimContext) -> Option<Diagnostic> {
    let terms = content_terms::terms(ctx.own);
    if terms.len() < FEWEST_TERMS {
        return None;
    }
    let query: Vec<&str> = terms.iter().map(|t| t.word.as_str()).collect();
    let verified = quantities(ctx.own).len()
        + dates::find_dates(ctx.own).len()
        + dates::find_weekdays(ctx.own).len();
    let support = Support {
        ctx,
        terms: &terms,
        query: &query,
        verified,
    };
    let best = support.best_cited()?;
    let missing = (ctx.cited.iter())
        .map(|&a| content_terms::missing_names(&terms, &ctx.corpus.text_at(a).words))
        .min_by_key(Vec::len)
        .unwrap_or_default();
    if best.score >= SUPPORTED && missing.is_empty() {
        return None;
    }
    let mut diagnostic = support.unsupported(&best);
    if let Some(better) = support.better_source(best.score) {
        diagnostic = support.offer(diagnostic, &better);
    }
    Some(diagnostic)
}

impl Support<'_> {
    /// The best sentence of the cited articles; of equal scores, the first.
    fn best_cited(&self) -> Option<Scored> {
        let mut best: Option<Scored> = None;
        for &article in self.ctx.cited {
            let (score, sentence) = self.best_in(article, true).unwrap_or((0.0, 0..0));
            if best.as_ref().is_none_or(|b| score > b.score) {
                best = Some(Scored {
                    score,
                    article,
                    sentence,
                });
            }
        }
        best
    }

    /// The best sentence of `article` and its score: windows of the
    /// sentence and its neighbours, scored by how many claim terms they
    /// carry. A cited article is read `whole` (retrieval misses spelling
    /// variants such as "Traore" for "Traoré"); other articles only where
    /// retrieval points.
    fn best_in(&self, article: usize, whole: bool) -> Option<(f32, Range<usize>)> {
        let text = self.ctx.corpus.text_at(article);
        let sentences: Vec<usize> = if whole {
            (0..text.sentences.len()).collect()
        } else {
            (self.ctx.index())
                .passages(self.query, 5, Some(article))
                .into_iter()
                .map(|p| p.sentence)
                .collect()
        };
        let mut best: Option<(f32, usize, Range<usize>)> = None;
        for sentence in sentences {
            let first = sentence.saturating_sub(1);
            let last = (sentence + 1).min(text.sentences.len() - 1);
            let window = &text.words[text.sentences[first].start..text.sentences[last].end];
            let score = content_terms::coverage(self.terms, self.verified, window, &text.words);
            // Names count wherever the article has them, so many windows
            // tie; the one holding more of the claim's own words is the
            // better evidence.
            let shown = &text.words[text.sentences[sentence].clone()];
            let local = (self.terms.iter())
                .filter(|t| content_terms::term_in(t, shown))
                .count();
            if best
                .as_ref()
                .is_none_or(|(s, l, _)| (score, local) > (*s, *l))
            {
                best = Some((score, local, text.sentences[sentence].clone()));
            }
        }
        best.map(|(score, _, sentence)| (score, sentence))
    }

    /// The finding: what the cited article never mentions, and its closest
    /// passage.
    fn unsupported(&self, best: &Scored) -> Diagnostic {
        let ctx = self.ctx;
        let article = ctx.corpus.article(best.article);
        let text = ctx.corpus.text_at(best.article);
        let absent: Vec<String> = (self.terms.iter())
            .filter(|t| !content_terms::term_in(t, &text.words))
            .map(|t| format!("“{}”", self.as_written(t)))
            .collect();
        let mut message = format!(
            "the cited source `{}` does not support this claim",
            article.key
        );
        if !absent.is_empty() {
            let shown = absent.len().min(4);
            message.push_str(&format!(
                ": it never mentions {}",
                absent[..shown].join(", ")
            ));
        }
        let mut diagnostic = Diagnostic::new(
            Rule::UnsupportedClaim,
            ctx.location(ctx.claim.range.clone()),
            message,
        );
        if !best.sentence.is_empty() {
            let bytes = text.byte_range(best.sentence.clone());
            diagnostic = diagnostic.with_related(
                ctx.article_location(best.article, bytes.clone()),
                format!(
                    "closest passage in `{}`: “{}”",
                    article.key,
                    excerpt(&article.text[bytes])
                ),
            );
        }
        diagnostic
    }

    /// A term as the claim writes it.
    fn as_written(&self, term: &Term) -> String {
        let own = self.ctx.own;
        words(own)
            .into_iter()
            .find(|w| w.text.trim_end_matches("'s") == term.word)
            .map(|w| own[w.range].to_string())
            .unwrap_or_else(|| term.word.clone())
    }

    /// Another article that does carry the claim, better than the cited
    /// ones' `cited_score`, and naming every name of it.
    fn better_source(&self, cited_score: f32) -> Option<Scored> {
        let ctx = self.ctx;
        let mut seen = BTreeSet::new();
        for passage in ctx.index().passages(self.query, 10, None) {
            if ctx.cited.contains(&passage.article) || !seen.insert(passage.article) {
                continue;
            }
            let Some((score, sentence)) = self.best_in(passage.article, false) else {
                continue;
            };
            let words = &ctx.corpus.text_at(passage.article).words;
            if score >= BETTER_SOURCE
                && score > cited_score
                && content_terms::missing_names(self.terms, words).is_empty()
            {
                return Some(Scored {
                    score,
                    article: passage.article,
                    sentence,
                });
            }
        }
        None
    }

    /// `diagnostic` offering `better` as the source to cite.
    fn offer(&self, mut diagnostic: Diagnostic, better: &Scored) -> Diagnostic {
        let ctx = self.ctx;
        let other = ctx.corpus.article(better.article);
        let bytes = (ctx.corpus.text_at(better.article)).byte_range(better.sentence.clone());
        diagnostic
            .message
            .push_str(&format!("; `{}` does", other.key));
        diagnostic = diagnostic.with_related(
            ctx.article_location(better.article, bytes.clone()),
            format!(
                "supporting passage in `{}`: “{}”",
                other.key,
                excerpt(&other.text[bytes])
            ),
        );
        if let Some(only) = ctx.only_keyed_citation() {
            diagnostic = diagnostic.with_replacement(
                format!("Cite `{}` instead", other.key),
                ctx.location(only.key_range.clone()),
                other.key.clone(),
            );
        }
        diagnostic
    }
}
