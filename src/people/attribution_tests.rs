//! Speakers the attribution rules find where the nearest name is the wrong
//! one: pronouns past the one a quote speaks to, verbs of saying beyond
//! "said", and words an outlet relays.

use super::tests::corpus_of;
use super::*;

fn speaker_of(index: &PeopleIndex, quote_start: &str) -> Option<String> {
    let quote = (index.quotes.iter()).find(|q| q.text.starts_with(quote_start))?;
    match quote.speaker {
        QuoteSpeaker::Person(id) => Some(index.persons[id].canonical.clone()),
        _ => None,
    }
}

#[test]
fn the_one_a_quote_calls_by_name_is_not_its_speaker() {
    let text = "---\nid: a\n---\nArlene Foster and Michelle O'Neill met in a studio. \
                Mrs Foster reacted strongly when Mrs O'Neill interjected. \
                \"What about a bit of respect, Michelle?\" she said. \
                Mrs O'Neill responded: \"What about some respect for the public, Arlene?\"\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        speaker_of(&index, "What about a bit").as_deref(),
        Some("Arlene Foster")
    );
    assert_eq!(
        speaker_of(&index, "What about some").as_deref(),
        Some("Michelle O'Neill")
    );
}

#[test]
fn a_name_before_a_verb_of_proclaiming_speaks() {
    let text = "---\nid: a\n---\nAt a rally in June in Dallas, Donald Trump proclaimed \"the community is starting to like me very much lately.\"\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        speaker_of(&index, "the community").as_deref(),
        Some("Donald Trump")
    );
}

#[test]
fn a_relay_may_say_where_the_words_were_said() {
    let text = "---\nid: a\n---\n\"Where are you?\" Adrianne Oyola texted.\n\n\"I'm abandoning my rifle for a broom,\" the AFP news agency quoted FARC member Maritza Gonzalez as saying at the group's camp in San Jose de Oriente.\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        speaker_of(&index, "I'm abandoning").as_deref(),
        Some("Maritza Gonzalez")
    );
    // A quote after the relay is the one it brings in.
    let text = "---\nid: a\n---\n\"Where are you?\" Adrianne Oyola texted. The agency quoted Maritza Gonzalez as saying in the camp: \"We are done.\"\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_ne!(
        speaker_of(&index, "Where are you").as_deref(),
        Some("Maritza Gonzalez")
    );
}

#[test]
fn the_agent_that_closes_a_relative_clause_is_not_its_heads_speech() {
    let text = "---\nid: a\n---\nDick Cheney spoke in New Delhi about Vladimir Putin. Cheney, who made clear that he didn't \"speak for anybody else\" before assessing the threats posed by Putin, said to expect more.\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        speaker_of(&index, "speak for").as_deref(),
        Some("Dick Cheney")
    );
}
