//! Speakers the attribution rules find where the nearest name is the wrong
//! one: pronouns past the one a quote speaks to, verbs of saying beyond
//! "said", and words an outlet relays.

use super::speaker_tests::{first_quote_speaker, first_quote_speaker_kind};
use super::tests::corpus_of;
use super::*;

fn index_of(text: &str) -> PeopleIndex {
    PeopleIndex::build(&corpus_of(&[("a.md", text)]), &[])
}

fn people_of(text: &str) -> Vec<String> {
    let mut people: Vec<String> = (index_of(text).persons.iter())
        .map(|p| p.canonical.clone())
        .collect();
    people.sort();
    people
}

/// Each quote, by its first words, has the speaker given.
fn assert_speakers(text: &str, expected: &[(&str, &str)]) {
    let index = index_of(text);
    for (quote_start, speaker) in expected {
        assert_eq!(
            speaker_of(&index, quote_start).as_deref(),
            Some(*speaker),
            "{quote_start}"
        );
    }
}

/// The description of the unnamed source of the quote that starts so.
fn unnamed_source_of(index: &PeopleIndex, quote_start: &str) -> String {
    let quote = (index.quotes.iter())
        .find(|q| q.text.starts_with(quote_start))
        .unwrap_or_else(|| panic!("{quote_start}"));
    match &quote.speaker {
        QuoteSpeaker::Unnamed(description) => description.clone(),
        other => panic!("{quote_start}: {other:?}"),
    }
}

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
    assert_speakers(
        text,
        &[
            ("What about a bit", "Arlene Foster"),
            ("What about some", "Michelle O'Neill"),
        ],
    );
}

#[test]
fn a_name_before_a_verb_of_proclaiming_speaks() {
    let text = "---\nid: a\n---\nAt a rally in June in Dallas, Donald Trump proclaimed \"the community is starting to like me very much lately.\"\n";
    assert_speakers(text, &[("the community", "Donald Trump")]);
}

#[test]
fn a_relay_may_say_where_the_words_were_said() {
    let text = "---\nid: a\n---\n\"Where are you?\" Adrianne Oyola texted.\n\n\"I'm abandoning my rifle for a broom,\" the AFP news agency quoted FARC member Maritza Gonzalez as saying at the group's camp in San Jose de Oriente.\n";
    assert_speakers(text, &[("I'm abandoning", "Maritza Gonzalez")]);
    // A quote after the relay is the one it brings in.
    let text = "---\nid: a\n---\n\"Where are you?\" Adrianne Oyola texted. The agency quoted Maritza Gonzalez as saying in the camp: \"We are done.\"\n";
    assert_ne!(
        speaker_of(&index_of(text), "Where are you").as_deref(),
        Some("Maritza Gonzalez")
    );
}

#[test]
fn the_agent_that_closes_a_relative_clause_is_not_its_heads_speech() {
    let text = "---\nid: a\n---\nDick Cheney spoke in New Delhi about Vladimir Putin. Cheney, who made clear that he didn't \"speak for anybody else\" before assessing the threats posed by Putin, said to expect more.\n";
    assert_speakers(text, &[("speak for", "Dick Cheney")]);
}

#[test]
fn a_titled_name_after_a_quote_that_ends_its_sentence_speaks() {
    let text = "---\nid: a\n---\nThe party nominated Martin Schulz in January. \
                \"The SPD is back! We're back!\" Mr Schulz told reporters.\n";
    assert_speakers(text, &[("The SPD is back", "Martin Schulz")]);
    // Whom and where it was told, however long, bring in no report.
    let text = "---\nid: a\n---\nThe party nominated Martin Schulz in January. \
                \"The SPD is back! We're back!\" Mr Schulz told around 600 delegates at a \
                party meeting in Berlin.\n";
    assert_speakers(text, &[("The SPD is back", "Martin Schulz")]);
    // Nor does a clause that only dates the telling.
    let text = "---\nid: a\n---\nThe party nominated Martin Schulz in January. \
                \"The SPD is back! We're back!\" Mr Schulz told around 600 delegates at a \
                party meeting in Berlin shortly before he was chosen as party leader.\n";
    assert_speakers(text, &[("The SPD is back", "Martin Schulz")]);
    // A titled name whose verb brings in a report of its own answers the
    // quote: it opens a sentence of its own.
    let text = "---\nid: a\n---\nMichelle O'Neill said Arlene Foster was in denial. \
                \"Arlene couldn't even be humble to admit a mistake.\" Mr Mike Nesbitt said the \
                scheme was an example of bad government.\n";
    assert_ne!(
        speaker_of(&index_of(text), "Arlene couldn't").as_deref(),
        Some("Mike Nesbitt")
    );
}

#[test]
fn an_apostrophe_lost_to_a_quote_mark_and_a_replacement_character_joins_the_name() {
    let text = "---\nid: a\n---\nCommissioner James O\"\u{FFFD}Neill wrote in the memo: \
                \"It is critical that everyone who comes into contact with the NYPD feels safe.\" \
                O\"\u{FFFD}Neill said the department \"does not conduct civil immigration enforcement.\"\n";
    assert_eq!(people_of(text), ["James O\"\u{FFFD}Neill"]);
    assert_speakers(
        text,
        &[
            ("It is critical", "James O\"\u{FFFD}Neill"),
            ("does not conduct", "James O\"\u{FFFD}Neill"),
        ],
    );
    // Two replacement characters in place of the apostrophe of "O'".
    let text = "---\nid: a\n---\nOn Sunday, Fox News host Bill O\u{FFFD}\u{FFFD}Reilly asked Trump \
                about it. O\u{FFFD}\u{FFFD}Reilly said it was fine.\n";
    assert_eq!(people_of(text), ["Bill O\u{FFFD}\u{FFFD}Reilly"]);
}

#[test]
fn a_bracket_at_the_end_of_an_appositive_is_no_speaker() {
    let text = "---\nid: a\n---\nJesse Klaver, leader of GroenLinks (Green Left), called the tweet \
                \"low and irresponsible\". \"Those who tweet fake news about others, tarnish their own credibility.\"\n";
    assert_speakers(
        text,
        &[("low and", "Jesse Klaver"), ("Those who", "Jesse Klaver")],
    );
}

#[test]
fn a_given_name_that_is_also_a_word_opens_a_name_that_tells_or_has_a_role() {
    let text = "---\nid: a\n---\nThe dam held. Bill Croyle, the acting director of the Water Resources, \
                told a news conference: \"Once you have damage to a structure like that, it's catastrophic.\" \
                Bill Smith told reporters it was bad. The Finance Bill passed.\n";
    assert_eq!(people_of(text), ["Bill Croyle", "Bill Smith"]);
    assert_speakers(text, &[("Once you have", "Bill Croyle")]);
}

#[test]
fn he_after_a_spokesman_for_a_named_firm_is_the_spokesman() {
    let text = "---\nid: a\n---\nNils Mehren, a local journalist, saw the crash. A spokesman for \
                holiday company Inghams said the tourists were safe. He added: \"Sadly it appears \
                that the boat pilot has more serious injuries.\"\n";
    let index = index_of(text);
    let quote = (index.quotes.iter())
        .find(|q| q.text.starts_with("Sadly"))
        .unwrap();
    assert!(
        matches!(&quote.speaker, QuoteSpeaker::Unnamed(d) if d.contains("spokesman")),
        "{:?}",
        quote.speaker
    );
}

#[test]
fn an_appositive_of_a_named_speaker_is_no_unnamed_source() {
    let text = "---\nid: a\n---\n\"It is complicated,\" John Delury, a professor at Yonsei University's \
                Graduate School of International Affairs, told CNN. \"A little knowledge is a \
                dangerous thing,\" he added.\n";
    assert_speakers(text, &[("A little knowledge", "John Delury")]);
}

#[test]
fn no_reader_gives_a_quote_to_a_fragment_that_ends_in_a_function_word() {
    let text = "---\nid: a\n---\nAn angry correspondent stood up and said \"you are \
                losing the war\". The Brexit secretary was urged to \"do the decent thing\". \
                \"The president will not attend,\" according to a statement issued by his \
                office ahead of the service.\n";
    let index = index_of(text);
    for quote_start in ["you are losing", "do the decent"] {
        let quote = (index.quotes.iter())
            .find(|q| q.text.starts_with(quote_start))
            .unwrap_or_else(|| panic!("{quote_start}"));
        assert_eq!(quote.speaker, QuoteSpeaker::Unresolved, "{quote_start}");
    }
    assert!(unnamed_source_of(&index, "The president will").starts_with("a statement"));
}

#[test]
fn a_named_persons_statement_speaks_for_them() {
    let text = "---\nid: a\n---\nThe trip was announced by CEO Elon Musk. The tourists, who were not named, \"have already paid a significant deposit,\" Mr Musk's statement added. \"We are in mourning,\" Michael Jones's family said.\n";
    assert_speakers(text, &[("have already paid", "Elon Musk")]);
    assert_eq!(speaker_of(&index_of(text), "We are in mourning"), None);
}

#[test]
fn a_document_a_named_person_put_out_speaks_for_them() {
    let text = "---\nid: a\n---\nPolice Commissioner James Brennan told officers in an internal \
                memo that the department would not change course. \"The department does not \
                conduct civil immigration enforcement,\" the memo to rank-and-file officers said. \
                Mayor Ann Cole said in a statement on Monday that she backed him. \"We stand with \
                our officers,\" the statement added.\n";
    assert_speakers(
        text,
        &[
            ("The department does not", "James Brennan"),
            ("We stand with", "Ann Cole"),
        ],
    );
}

#[test]
fn verbs_of_arguing_and_explaining_say() {
    let text = "---\nid: a\n---\nThe talks are stalled, analyst Harold Wexler contended. \
                \"They are at a stalemate,\" he said. Minister Philip Hale clarified that he \
                meant the reporter \"was the first to raise the issue\".\n";
    assert_speakers(
        text,
        &[
            ("They are at a stalemate", "Harold Wexler"),
            ("was the first to raise", "Philip Hale"),
        ],
    );
}

#[test]
fn a_said_verb_past_a_quotes_stop_that_reports_from_a_setting_does_not_tag_it() {
    let text = "---\nid: a\n---\nThe state cited a law that \"allows local police to make \
                arrests.\" Commissioner James Brennan specified in the memo that officers \
                \"do not enforce such warrants\".\n";
    let index = index_of(text);
    assert_eq!(speaker_of(&index, "allows local police"), None);
    assert_eq!(
        speaker_of(&index, "do not enforce").as_deref(),
        Some("James Brennan")
    );
}

#[test]
fn a_document_no_named_person_put_out_stays_unnamed() {
    // An office's statement, and a memo a named person only talks about.
    let text = "---\nid: a\n---\nThe sheriff's office referred reporters to a statement \
                on its website. \"We learned of the disappearance on Friday,\" the statement said. \
                Senator Tom Hale said the memo was a fake. \"Officers must report every stop,\" \
                the memo said. Tennis player Maria Lopez was given a place in the draw, the \
                organisers announced in a letter on Monday. \"She asked us for a place,\" the \
                letter said.\n";
    let index = index_of(text);
    assert_eq!(unnamed_source_of(&index, "We learned"), "the statement");
    assert_eq!(unnamed_source_of(&index, "Officers must"), "the memo");
    assert_eq!(unnamed_source_of(&index, "She asked us"), "the letter");
}

#[test]
fn a_named_persons_ruling_placed_and_dated_speaks_for_them() {
    let text = "---\nid: a\n---\nPresident Donald Trump spoke. U.S. District Judge Derrick Watson blocked the order. Watson's ruling in Hawaii Wednesday noted that \"a reasonable, objective observer\" would agree. Trump's spokesman on Monday said \"it is wrong\". Judge Ann Smith agreed. Smith's letter last week said \"the order must go\".\n";
    assert_speakers(
        text,
        &[
            ("a reasonable, objective", "Derrick Watson"),
            ("the order must go", "Ann Smith"),
        ],
    );
    assert_eq!(speaker_of(&index_of(text), "it is wrong"), None);
}

#[test]
fn a_said_aside_names_whose_words_a_sentence_reports() {
    let text = "---\nid: a\n---\nJustin Trudeau spoke in Berlin. Both Canada and the EU, said Mr Trudeau, needed to ensure that the deal worked for people. \"If we are successful, this will become the blueprint,\" he added later.\n\nThe EU needed time, said Mr Trudeau. \"So make no mistake, this is an important moment.\"\n";
    assert_speakers(text, &[("So make no mistake", "Justin Trudeau")]);
}

#[test]
fn a_name_past_an_appositive_that_says_the_next_thing_reports_its_own() {
    let text = "---\nid: a\n---\nHis brother, Zishan Ahmad, a 25-year-old imam, added: \"You can't divide London. \"It doesn't matter if you are Muslim or Jew.\" Brendan O'Connor, from Holborn, central London, said the memorial service had sent a message. \"We are safe,\" Jane Smith, a nurse, told the newspaper in an interview.\n";
    assert_speakers(
        text,
        &[
            ("It doesn't matter", "Zishan Ahmad"),
            ("We are safe", "Jane Smith"),
        ],
    );
}

#[test]
fn one_a_person_noun_calls_by_name_says_nothing() {
    let text = "---\nid: a\n---\nThe appeal was for the three siblings, Luke, 21, Hannah, 18, and 13-year-old Oliver. Luke has now been granted guardianship of Oliver along with a long-time family friend called Suzie. The student paid tribute to the friends. \"Thank you to everyone,\" he said.\n";
    assert_speakers(text, &[("Thank you to everyone", "Luke")]);
}

#[test]
fn a_person_brought_in_by_an_age_or_as_named_is_a_person() {
    let text = "---\nid: a\n---\n# Son tells of impact of parents' death\n\nThe son of a couple spoke. The siblings are Luke, 21, and 13-year-old Oliver. Luke now cares for Oliver with a family friend called Suzie. One father named Firas recounted how his son had been affected. \"My son wakes up afraid,\" he said. A company called Kestrel makes phones. The union leader called Vauxhall \"a jewel\". The 28-year-old Blackburn Rovers footballer was fined. Read the 2,000-year-old Art of War.\n";
    let people = people_of(text);
    for name in ["Oliver", "Suzie", "Firas"] {
        assert!(people.contains(&name.to_string()), "{name} in {people:?}");
    }
    assert!(!people.contains(&"Son".to_string()), "{people:?}");
    for thing in ["Kestrel", "Vauxhall", "Blackburn Rovers", "Art"] {
        assert!(
            !people.contains(&thing.to_string()),
            "{thing} in {people:?}"
        );
    }
    assert_speakers(text, &[("My son wakes up", "Firas")]);
}

#[test]
fn a_signature_may_hold_a_capitalised_role_and_an_occasion() {
    let text = "---\nid: a\n---\n# Quotable\n\n\"We hold the ceremony to awaken the longing for peace.\" Zhao Leji, head of the Organization Department, speaking at the Memorial Hall. Zhao said the people will always remember. \"We urge the new US administration to understand the question.\" Geng Shuang, Foreign Ministry spokesman, speaking on Dec 12 at a news conference. Geng said the policy is the foundation. \"Instead, they should work to find out the root cause.\" Huang Zifang, a psychologist specializing in growth issues, commenting after a mother posted a description online.\n";
    assert_speakers(
        text,
        &[
            ("We hold the ceremony", "Zhao Leji"),
            ("We urge the new", "Geng Shuang"),
            ("Instead, they should", "Huang Zifang"),
        ],
    );
}

#[test]
fn a_role_of_two_lower_case_words_is_an_aside() {
    let text = "---\nid: a\n---\nRoger Sheng, research director at consultancy Gartner Inc, says: \"It is a good try for Hisense to launch the device.\"\n";
    assert_speakers(text, &[("It is a good try", "Roger Sheng")]);
}

#[test]
fn an_office_set_off_by_commas_is_an_aside() {
    let text = "---\nid: a\n---\nEdward Timpson, Minister for Vulnerable Children and Families, said the government would \"transform mental health services in schools\" soon.\n";
    assert_speakers(text, &[("transform mental health", "Edward Timpson")]);
}

#[test]
fn a_name_past_an_appositive_that_goes_on_reports_something_else() {
    let text = "---\nid: a\n---\n\"The model has matured,\" says Cai Mingpo, president of Cathay Capital. \"We see a bright outlook for the company.\" Yang Tinghui, investment director at Fortune Venture Capital Co, says compared with listing abroad the model is sound. \"It works very well.\" Lyu Jiajin, president of the bank, said. \"Jack and I are going to do great things.\" Donald Trump, US president-elect, said on Jan 9, after the meeting.\n";
    assert_speakers(
        text,
        &[
            ("We see a bright outlook", "Cai Mingpo"),
            ("It works", "Lyu Jiajin"),
            ("Jack and I", "Donald Trump"),
        ],
    );
}

#[test]
fn a_said_verb_that_opens_the_text_has_no_gap_before_it() {
    // Found by the slicing property: the aside check read the gap before
    // the first token.
    let text = "---\nid: a\n---\nsaid . “ President President President ” President \n";
    let index = index_of(text);
    assert_eq!(index.quotes.len(), 1, "{:?}", index.quotes);
    assert_eq!(index.quotes[0].speaker, QuoteSpeaker::Unresolved);
}

#[test]
fn a_quote_in_a_reported_clause_is_the_reporters() {
    let text = "---\nid: a\n---\nAnne Hywood, the general secretary of the Anglican Church of Australia, told the royal commission on Friday that the church acknowledged it \"allowed harm to continue\".\n\nA government spokesman said the British people expressed \"a clear will\" in June.\n\nThe authority that manages the airport tweeted \"all flights are suspended\" on Saturday.\n\nA diplomat who asked not to be named said the talks were \"more tense than ever.\"\n";
    assert_speakers(text, &[("allowed harm", "Anne Hywood")]);
    let index = index_of(text);
    assert_eq!(
        unnamed_source_of(&index, "a clear will"),
        "A government spokesman"
    );
    assert_eq!(
        unnamed_source_of(&index, "all flights"),
        "The authority that manages the airport"
    );
    assert_eq!(
        unnamed_source_of(&index, "more tense"),
        "A diplomat who asked not to be named"
    );
}

#[test]
fn an_executive_order_and_a_ride_hailing_firm_are_no_one() {
    let text = "---\nid: a\n---\nThe judges said the first Executive Order was lawful. Uber denied Waymo's claims, calling them \"a baseless attempt\". Uber said it would appeal.\n";
    assert_eq!(people_of(text), Vec::<String>::new());
}

#[test]
fn a_noun_for_a_person_in_an_indefinite_appositive_names_a_person() {
    let text = "---\nid: a\n---\nMr Donald Trump labelled the agreement a dumb deal. Two asylum seekers spoke to Reuters. \"It was not a normal interview,\" the Iranian refugee told Reuters.\n\n\"I think the deal will happen,\" Behrouz Boochani, an Iranian refugee held on Manus Island for nearly four years, told Reuters. Christians should remember Jesus was a refugee.\n";
    assert_speakers(text, &[("I think the deal", "Behrouz Boochani")]);
    // "The refugee" is no office that renames the last person named.
    assert_eq!(speaker_of(&index_of(text), "It was not a normal"), None);
    assert!(!people_of(text).contains(&"Jesus".to_string()));
}

#[test]
fn a_clause_of_time_opens_a_subject_of_its_own() {
    let text = "---\nid: a\n---\nPresident Antonio Tajani launched an investigation on Thursday, one day after the conservative Polish lawmaker argued that women \"must earn less\" than men. It comes a day after the top US commander in Iraq said the coalition \"probably had a role\" in the blast.\n";
    let index = index_of(text);
    let described = |start: &str| unnamed_source_of(&index, start);
    assert_eq!(
        described("must earn less"),
        "the conservative Polish lawmaker"
    );
    assert_eq!(
        described("probably had a role"),
        "the top US commander in Iraq"
    );
}

#[test]
fn a_sentence_opening_with_the_same_pronoun_carries_its_referent_on() {
    let text = "---\nid: a\n---\nMartin spotted an officer, so she asked to take a photo. \"I asked the officer if a photo was OK,\" Martin told CNN. \"He said yes, and I asked him if this happens a lot. He told me, 'It happens quite a bit.'\" She and her family left to eat lunch a block away. When they were leaving the lunch, the attack happened. The family didn't see the attack. \"We called an Uber after lunch,\" she said.\n\nFor installation technician Reda elMasry, the decision came down to his business. He used to install surveillance systems. \"I lost a lot of money,\" he says.\n";
    assert_speakers(
        text,
        &[
            ("We called an Uber", "Martin"),
            ("I lost a lot", "Reda elMasry"),
        ],
    );
}

#[test]
fn a_role_with_no_closing_comma_describes_the_name_before_it() {
    let text = "---\nid: a\n---\nJuan Miguel Pacheco, Plant Manager at Nenagh said he is committed to supporting colleagues. \"Our priority is to work closely with them.\"\n";
    assert_speakers(text, &[("Our priority", "Juan Miguel Pacheco")]);
}

#[test]
fn verbs_that_name_or_describe_give_a_short_quote_to_their_subject() {
    let text = "---\nid: a\n---\nReferencing Russia, Dalia Grybauskaite spoke of an \"ongoing military build-up\". The finds lie in an area Steve Salisbury dubbed \"Australia's Jurassic Park.\" US President Donald Trump on Sunday criticised North Korean leader Kim Jong-un, saying he was \"acting very, very badly\". Ziyed Ben Belgacem was shot dead as he tried to seize a weapon while shouting, \"I am here to die for Allah\".\n";
    assert_speakers(
        text,
        &[
            ("ongoing military", "Dalia Grybauskaite"),
            ("Australia's Jurassic", "Steve Salisbury"),
            ("acting very", "Donald Trump"),
            ("I am here", "Ziyed Ben Belgacem"),
        ],
    );
}

#[test]
fn words_written_on_a_thing_and_passive_verbs_name_no_speaker() {
    let text = "---\nid: a\n---\nGeert Wilders on Monday posted a picture of Muslims holding up signs reading: \"Islam will conquer Europe\". Raja Ampat is often described as an \"untouched beach paradise\". Often dubbed the \"home of winter sports,\" the town is busy.\n";
    let index = index_of(text);
    assert_eq!(unnamed_source_of(&index, "Islam will"), "signs");
    for quote in ["untouched beach", "home of winter"] {
        let found = (index.quotes.iter()).find(|q| q.text.starts_with(quote));
        assert_eq!(
            found.map(|q| &q.speaker),
            Some(&QuoteSpeaker::Unresolved),
            "{quote}"
        );
    }
}

#[test]
fn words_a_his_or_her_owns_are_whose_the_pronoun_points_to() {
    let text = "---\nid: a\n---\nSecretary of State Rex Tillerson met Xi Jinping. Tillerson's Beijing visit followed his remarks on Friday that military action might be needed if the threat reaches a level \"that we believe requires action.\" Speaker John Bercow defended himself. Downing Street called his comments \"a matter for Parliament\".\n";
    let index = index_of(text);
    assert_eq!(
        speaker_of(&index, "that we believe").as_deref(),
        Some("Rex Tillerson")
    );
    // Words a said-verb takes as its object are its subject's.
    assert_eq!(unnamed_source_of(&index, "a matter for"), "Downing Street");
}

/// Each sentence, after one that names no one, gives its quote to the
/// unnamed source described so.
fn assert_unnamed_speakers(cases: &[(&str, &str)]) {
    for (sentence, speaker) in cases {
        let text = format!("---\nid: a\n---\nThe sheriff spoke.\n\n{sentence}\n");
        assert_eq!(
            first_quote_speaker_kind(&text),
            QuoteSpeaker::Unnamed(speaker.to_string()),
            "{text}"
        );
    }
}

#[test]
fn a_statement_or_interview_before_the_verb_is_where_the_words_were_said() {
    // The statement is the speaker, with its determiner.
    assert_unnamed_speakers(&[
        (
            "\"We are sorry,\" the statement concludes.",
            "the statement",
        ),
        ("\"We are sorry,\" a statement said.", "a statement"),
    ]);
    // What the words were said in stands between the speaker and the verb.
    for text in [
        "\"We are sorry,\" Bob Smith in a statement said.",
        "\"We are sorry,\" Bob Smith in an interview said.",
    ] {
        let text = format!("---\nid: a\n---\nThe sheriff spoke.\n\n{text}\n");
        assert_eq!(first_quote_speaker(&text), "Bob Smith", "{text}");
    }
}

#[test]
fn adverbs_and_auxiliaries_before_the_verb_are_no_part_of_the_subject() {
    assert_unnamed_speakers(&[
        (
            "\"We are sorry,\" the author sarcastically tweeted.",
            "the author",
        ),
        ("The PM did say \"now is not the time\".", "The PM"),
        (
            "The diplomat went on to say: \"We are sorry.\"",
            "The diplomat",
        ),
        (
            "The European Union is warning that the deal \"should be honored in full\".",
            "The European Union",
        ),
        // A noun in "-ly" is no adverb.
        (
            "\"We are sorry,\" the Italian daily said.",
            "the Italian daily",
        ),
        (
            "\"We are sorry,\" the Smith family said.",
            "the Smith family",
        ),
    ]);
    // Before a verb in "-ed", "was" makes it passive: not the speaker.
    let text = "---\nid: a\n---\nThe sheriff spoke.\n\nThe minister was asked \"whether it is over\" twice.\n";
    assert_ne!(
        first_quote_speaker_kind(text),
        QuoteSpeaker::Unnamed("The minister".to_string())
    );
}

#[test]
fn a_name_after_a_quote_that_ends_its_sentence_and_reports_news_is_not_its_speaker() {
    let text = "---\nid: a\n---\nJeff Sessions met the ambassador. Sessions' spokeswoman Sarah \
                Isgur Flores said there was nothing wrong because he \"was asked during the hearing about communications.\" Sessions \
                also strongly denied ever discussing campaign-related issues with anyone.\n";
    assert_speakers(text, &[("was asked during", "Sarah Isgur Flores")]);
    // A participle after the verb only says how it was said.
    let text = "---\nid: a\n---\nRepublican Devin Nunes spoke to reporters on Sunday about the \
                claims.\n\nTrump tweeted again. \"The challenge here is that you \
                have to decide whether to take the tweets literally.\" Nunes said referring to \
                the tweets Trump sent.\n";
    assert_speakers(text, &[("The challenge here", "Devin Nunes")]);
}

#[test]
fn an_unnamed_subject_is_a_noun_phrase_not_a_clause_fragment() {
    assert_unnamed_speakers(&[
        // A relative pronoun stands for the noun before it.
        (
            "Officials released a memorandum that claimed \"a growing trend\".",
            "a memorandum",
        ),
        // An auxiliary before the phrase belongs to another clause.
        (
            "The administration has cited a section of law that says \"it is detrimental\".",
            "a section of law",
        ),
    ]);
    // A phrase that ends in a preposition is no subject at all.
    let text = "---\nid: a\n---\nThe sheriff spoke.\n\nShe ended the meeting at the hall by saying she wanted to \"make it great again\".\n";
    assert!(!matches!(
        first_quote_speaker_kind(text),
        QuoteSpeaker::Unnamed(description) if description.ends_with(" by")
    ));
}
