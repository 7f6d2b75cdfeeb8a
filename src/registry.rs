//! Every rule's documentation and fixtures, collected from the rule files
//! for `explain`, SARIF, the README table and the fixture test. It sits
//! above every layer that holds rules (article, corpus, claims), so it
//! reads them all; configuration validation needs only codes, which the
//! `rules` layer below everything gives.

use crate::article::rules as article_rules;
use crate::claims::rules as note_rules;
use crate::corpus::rules as corpus_rules;
use crate::rules::{Documentation, Fixtures, Rule};

/// One list of every rule and the file that holds it; the matches it makes
/// are exhaustive, so a rule without a file does not compile.
macro_rules! rule_files {
    ($($rule:ident => $file:path,)*) => {
        /// What a rule's file documents.
        pub fn documentation(rule: Rule) -> &'static Documentation {
            use $crate::rules::Rule::*;
            match rule {
                $($rule => { use $file as file; &file::DOCUMENTATION })*
            }
        }

        /// The workspaces a rule's file gives for its fixture test.
        pub fn fixtures(rule: Rule) -> &'static Fixtures {
            use $crate::rules::Rule::*;
            match rule {
                $($rule => { use $file as file; &file::FIXTURES })*
            }
        }
    };
}

rule_files! {
    MissingDate => article_rules::missing_date,
    InvalidDate => article_rules::invalid_date,
    FutureDate => article_rules::future_date,
    DateConflict => article_rules::date_conflict,
    MissingSource => article_rules::missing_source,
    InvalidUrl => article_rules::invalid_url,
    DuplicateId => corpus_rules::duplicate_id,
    DuplicateArticle => corpus_rules::duplicate_article,
    UnknownField => article_rules::unknown_field,
    Boilerplate => article_rules::boilerplate,
    UnknownSource => note_rules::unknown_source,
    QuoteNotFound => note_rules::quote_not_found,
    Misquote => note_rules::misquote,
    QuoteWrongSource => note_rules::quote_wrong_source,
    MisattributedQuote => note_rules::misattributed_quote,
    NumberMismatch => note_rules::number_mismatch,
    DateMismatch => note_rules::date_mismatch,
    ContradictedClaim => note_rules::contradicted_claim,
    UnsupportedClaim => note_rules::unsupported_claim,
    UncitedClaim => note_rules::uncited_claim,
}

/// The rule table as Markdown, for the README (a test keeps them in step).
pub fn markdown_table() -> String {
    let mut out = String::from("| code | on | default | fires when |\n|---|---|---|---|\n");
    for rule in Rule::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.code(),
            rule.file_kind().as_str(),
            rule.default_level().as_str(),
            documentation(rule).summary
        ));
    }
    out
}
