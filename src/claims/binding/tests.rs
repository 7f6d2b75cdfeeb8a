//! Numbers and dates checked against the passage for the claim's event,
//! through the claim checker: what fires, the one value it names, its fix,
//! and where it stays silent.

use std::path::PathBuf;

use crate::article::Article;
use crate::claims::tests::findings_of;
use crate::config::Config;
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;

fn corpus() -> Corpus {
    let article = |name: &str, text: &str| {
        Article::parse(
            PathBuf::from(format!("/w/sources/{name}.md")),
            format!("sources/{name}.md"),
            text.to_string(),
        )
    };
    Corpus::new(vec![
        article(
            "fed",
            "---\ndate: 2001-12-12\n---\n\
             The Federal Reserve cut the funds rate by a quarter point to 1.75 per cent.\n\
             Policy makers also cut the discount rate by the same margin to 1.25 per cent.\n\
             The economy slid into recession in March.\n\
             Officials met yesterday to discuss the figures.\n",
        ),
        article(
            "council",
            "---\ndate: 2024-05-10\n---\n\
             The council fined the builder $A8,800 on Wednesday for the delay.\n\
             About 1,200 people attended the meeting, which began at 6:30 pm.\n\
             Between 10 and 15 workers were injured when the scaffold fell.\n\
             The harbour reopened on May 2.\n",
        ),
        article(
            "rescue",
            "---\ndate: 2024-05-10\n---\n\
             Rescuers found 12 survivors in the north.\n\
             Rescuers found 20 survivors in the south.\n\
             Officials said about 300 homes were damaged in the storm.\n",
        ),
        article(
            "test",
            "---\ndate: 2001-12-28\n---\n\
             Australia is only 151 runs shy of South Africa after Andy Bichel starred as the \
             tourists fell for 277.\n\
             Manager Bernhard Gafner got four months and guide Bernhard Steuri three months.\n",
        ),
    ])
}

/// The number and date findings for each line of `note`.
fn findings(note: &str) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = findings_of(&corpus(), &Config::default(), note)
        .into_iter()
        .filter(|d| matches!(d.rule, Rule::NumberMismatch | Rule::DateMismatch))
        .collect();
    found.sort_by_key(|d| d.location.range.start);
    found
}

/// The one finding of a one-claim note: its rule, message and fix.
fn only(note: &str) -> (Rule, String, Option<String>) {
    let found = findings(note);
    assert_eq!(found.len(), 1, "{note}: {found:#?}");
    let d = &found[0];
    let fix = (d.fix.as_ref()).map(|f| f.edits[0].new_text.clone());
    (d.rule, d.message.clone(), fix)
}

#[test]
fn a_number_is_checked_against_its_events_value() {
    let (rule, message, fix) = only("The Fed cut the discount rate to 1.75 per cent [@fed].\n");
    assert_eq!(rule, Rule::NumberMismatch);
    assert_eq!(
        message,
        "the cited source `fed` does not state 1.75 per cent for this; the source says 1.25 per cent"
    );
    assert_eq!(fix.as_deref(), Some("1.25 per cent"));
    let (_, message, fix) = only("The meeting began at 7:30 pm [@council].\n");
    assert!(message.ends_with("the source says 6:30 pm"), "{message}");
    assert_eq!(fix.as_deref(), Some("6:30 pm"));
    let (_, message, _) = only("More than 2,000 people attended the meeting [@council].\n");
    assert!(
        message.ends_with("the source says About 1,200"),
        "{message}"
    );
    // The fix opens the claim in capitals as the claim did: in lower case
    // it would join the claim to the sentence before it.
    let (_, _, fix) = only("About 400 homes were damaged in the storm [@rescue].\n");
    assert_eq!(fix.as_deref(), Some("About 300"));
    let (_, _, fix) = only("Officials said about 400 homes were damaged in the storm [@rescue].\n");
    assert_eq!(fix.as_deref(), Some("about 300"));
}

#[test]
fn numbers_as_news_writes_them_agree() {
    let note = "The Fed cut the funds rate to 1.75% [@fed].\n\n\
                The council fined the builder A$8,800 [@council].\n\n\
                Nearly 1,200 people attended the meeting [@council].\n\n\
                More than 1,000 people attended the meeting [@council].\n\n\
                The meeting began at 6.30pm [@council].\n\n\
                Up to 15 workers were injured when the scaffold fell [@council].\n\n\
                Twelve survivors were found in the north [@rescue].\n\n\
                The Fed cut the funds rate by 25 basis points [@fed].\n\n\
                The Fed cut the funds rate to 1.75 per cent in 2001 [@fed].\n";
    assert_eq!(findings(note), Vec::<Diagnostic>::new());
}

#[test]
fn a_year_is_checked_against_the_years_the_article_names() {
    // The article's "in March" is March 2001 or 2000, never 1999.
    let (rule, message, _) = only("The economy slid into recession in March 1999 [@fed].\n");
    assert_eq!(rule, Rule::NumberMismatch);
    assert_eq!(message, "the cited source `fed` never states 1999");
}

#[test]
fn a_value_stated_for_an_event_as_like_the_claims_is_left_alone() {
    // Both sentences carry the claim as well: which survivors the claim
    // means cannot be told, so 20 is not called another event's.
    assert_eq!(
        findings("Rescuers found 20 survivors [@rescue].\n"),
        Vec::<Diagnostic>::new()
    );
}

#[test]
fn a_weekday_shows_the_sources_words_and_day() {
    let (rule, message, fix) = only("The council fined the builder on Tuesday [@council].\n");
    assert_eq!(rule, Rule::DateMismatch);
    assert_eq!(
        message,
        "the cited source `council` does not give Tuesday for this; the source says Wednesday (May 8)"
    );
    assert_eq!(fix.as_deref(), Some("Wednesday"));
    assert_eq!(
        findings("The council fined the builder on May 8 [@council].\n"),
        Vec::<Diagnostic>::new()
    );
}

#[test]
fn the_articles_own_date_is_no_events_date() {
    let (_, message, fix) = only("The council fined the builder on May 10 [@council].\n");
    assert!(
        message.ends_with("the source says Wednesday (May 8)"),
        "{message}"
    );
    assert_eq!(fix.as_deref(), Some("May 8"));
    let (_, message, fix) = only("Officials met on December 12 to discuss the figures [@fed].\n");
    assert!(
        message.ends_with("the source says yesterday (December 11)"),
        "{message}"
    );
    assert_eq!(fix.as_deref(), Some("December 11"));
    assert_eq!(
        findings("Officials met on 11 December to discuss the figures [@fed].\n"),
        Vec::<Diagnostic>::new()
    );
}

#[test]
fn a_month_is_checked_against_the_passages_month() {
    let (_, message, fix) = only("The economy slid into recession in September [@fed].\n");
    assert!(message.ends_with("the source says March"), "{message}");
    assert_eq!(fix.as_deref(), Some("March"));
    assert_eq!(
        findings("The economy slid into recession in March [@fed].\n"),
        Vec::<Diagnostic>::new()
    );
}

#[test]
fn a_name_binds_a_number_of_its_sentence_only_beside_it() {
    let note = "Andy Bichel starred as South Africa were bowled out for 277 [@test].\n";
    assert_eq!(findings(note), Vec::<Diagnostic>::new());
    let (rule, message, _) = only("Bernhard Gafner got three months [@test].\n");
    assert_eq!(rule, Rule::NumberMismatch);
    assert!(message.ends_with("the source says four"), "{message}");
}
