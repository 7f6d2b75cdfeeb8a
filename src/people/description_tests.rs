//! Quote speakers found through a headline or a description: a headline
//! opened by a name and a colon, a headline quote the body quotes again, a
//! role description a "he" points back to, and a document that is no
//! renamed speaker.

use super::speaker_tests::quote_speakers;

#[test]
fn a_headline_opened_by_a_name_and_a_colon_gives_its_quote_to_that_name() {
    let text = "---\nid: a\n---\n# Cheney: Putin made 'a very serious effort' to interfere\n\nFormer Vice President Dick Cheney spoke in New Delhi.\n";
    assert_eq!(quote_speakers(text), ["Dick Cheney"]);
    // Without the colon the headline names a subject, not a speaker.
    let text = "---\nid: a\n---\n# Cheney meets Putin after 'a very serious effort' to talk\n\nFormer Vice President Dick Cheney spoke in New Delhi.\n";
    assert_eq!(quote_speakers(text), ["Unresolved"]);
}

#[test]
fn a_headline_quote_the_body_quotes_again_is_the_body_speakers() {
    let text = "---\nid: a\n---\n# Homeland security chief promises 'no mass deportations'\n\n\"There will be no mass deportations,\" John Kelly told reporters in Mexico City.\n";
    assert_eq!(quote_speakers(text), ["John Kelly", "John Kelly"]);
    // Words the body never quotes stay without a speaker.
    let text = "---\nid: a\n---\n# Homeland security chief promises 'no mass arrests'\n\n\"There will be no mass deportations,\" John Kelly told reporters in Mexico City.\n";
    assert_eq!(quote_speakers(text), ["Unresolved", "John Kelly"]);
}

#[test]
fn a_pronoun_after_a_role_description_points_back_to_its_holder() {
    let text = "---\nid: a\n---\nGerman Foreign Minister Sigmar Gabriel met his Russian counterpart Sergey Lavrov.\n\n\"We attach great importance to cooperation with Germany,\" Lavrov noted. The German foreign minister noted he expected to discuss conflicts. \"We have a problem of the surge in violence in eastern Ukraine,\" he said.\n";
    assert_eq!(quote_speakers(text), ["Sergey Lavrov", "Sigmar Gabriel"]);
    // "The German foreign ministry" is a body: the "he" stays Lavrov's.
    let text = text.replace("foreign minister noted", "foreign ministry noted");
    assert_eq!(quote_speakers(&text), ["Sergey Lavrov", "Sergey Lavrov"]);
}

#[test]
fn a_statement_is_no_renaming_of_the_last_speaker() {
    let text = "---\nid: a\n---\nHouse Oversight Chairman Jason Chaffetz spoke on Friday. \"That is why we spend billions on fences,\" Chaffetz said. The Secret Service statement added that steps had been taken, including \"additional posts and response protocols.\" \"The men and women of the Secret Service are extremely disappointed,\" the statement said.\n";
    assert_eq!(
        quote_speakers(text),
        [
            "Jason Chaffetz",
            "Unnamed(\"The Secret Service statement\")",
            "Unnamed(\"the statement\")"
        ]
    );
}
