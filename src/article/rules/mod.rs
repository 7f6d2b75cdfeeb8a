//! The rules that look at one article on its own, each in the file named by
//! its code. `check_article` runs them all; the configured levels and
//! suppressions are applied later, by the analysis.

pub mod boilerplate;
pub mod date_conflict;
pub mod future_date;
pub mod invalid_date;
pub mod invalid_url;
pub mod missing_date;
pub mod missing_source;
pub mod unknown_field;

use jiff::civil::Date;

use super::Article;
use super::dateline::find_dateline;
use crate::diagnostic::Diagnostic;

/// Every single-article rule, at the rules' default severities.
pub fn check_article(article: &Article, today: Date) -> Vec<Diagnostic> {
    // Two rules read the dateline; it is found once.
    let dateline = find_dateline(article);
    let mut out = Vec::new();
    out.extend(missing_date::check(article, dateline.as_ref()));
    out.extend(future_date::check(article, today));
    out.extend(date_conflict::check(article, dateline.as_ref()));
    out.extend(invalid_date::check(article));
    out.extend(missing_source::check(article));
    out.extend(invalid_url::check(article));
    out.extend(unknown_field::check(article));
    out.extend(boilerplate::check(article));
    out
}
