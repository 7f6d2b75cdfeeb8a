//! The candidate names a scan finds: titles and roles, party labels,
//! regnal numbers, ages, places and organisations.

use super::*;

fn names(text: &str) -> Vec<(String, bool, Option<String>)> {
    let scan = scan(text, &[(Region::Body, 0..text.len())]);
    scan.candidates
        .iter()
        .map(|c| {
            (
                text[c.range.clone()].to_string(),
                c.cues.strong || c.cues.speech,
                c.role.clone(),
            )
        })
        .collect()
}

#[test]
fn titles_become_roles() {
    let found = names("U.K. Prime Minister Keir Starmer said on Feb. 26 that it was fine.");
    assert_eq!(
        found[0],
        (
            "Keir Starmer".into(),
            true,
            Some("U.K. Prime Minister".into())
        )
    );
    let found =
        names("US Secretary of State Marco Rubio and National Security Adviser Mike Waltz agreed.");
    assert_eq!(found[0].0, "Marco Rubio");
    assert_eq!(found[0].2.as_deref(), Some("US Secretary of State"));
    assert_eq!(found[1].0, "Mike Waltz");
    let found = names("Britain's Chancellor of the Exchequer Rachel Reeves signs a document.");
    assert_eq!(found.last().unwrap().0, "Rachel Reeves");
    assert_eq!(
        found.last().unwrap().2.as_deref(),
        Some("Britain's Chancellor of the Exchequer")
    );
}

#[test]
fn party_labels_are_cues_not_name_words() {
    let found = names("Labor's Kelvin Thomson criticised the plan.");
    assert_eq!(found.last().unwrap().0, "Kelvin Thomson");
    assert!(found.last().unwrap().1);
    let found = names("Republican Chuck Hagel of the committee disagreed.");
    assert_eq!(found[0].0, "Chuck Hagel");
    assert!(found[0].1);
}

#[test]
fn regnal_numbers_ages_and_opening_roles() {
    let found = names("Britain's Queen Elizabeth II spoke.");
    assert_eq!(found[0].0, "Elizabeth II");
    assert!(found[0].1);
    let found = names("Seles beat Virginie Razzano, 18, who is ranked 72nd.");
    assert_eq!(found.last().unwrap().0, "Virginie Razzano");
    assert!(found.last().unwrap().1);
    let found = names("Leg-spinner Stuart MacGill took five wickets.");
    assert_eq!(found[0].0, "Stuart MacGill");
    assert_eq!(found[0].2.as_deref(), Some("Leg-spinner"));
    let found = names("Businessmen Solomon Lew and others met.");
    assert_eq!(found[0].0, "Solomon Lew");
    let found = names("the death of former Beatle George Harrison");
    assert_eq!(found[0].0, "George Harrison");
    let found = names("Federal Treasurer Peter Costello has warned.");
    assert_eq!(found[0].0, "Peter Costello");
    assert_eq!(found[0].2.as_deref(), Some("Federal Treasurer"));
    assert!(names("the birthplace of Lord Krishna").is_empty());
    assert!(names("the Ian Murray-skippered boat").is_empty());
    let found = names("Twenty-eight-year-old Mohammed Afroz was held.");
    assert_eq!(found[0], ("Mohammed Afroz".into(), true, None));
    assert!(
        names("raids in the Mosh Khil area near Sharana")
            .iter()
            .all(|(name, _, _)| name != "Mosh Khil")
    );
    // A number after a name is no age unless an aside closes after it.
    let found = names("Boeta Dippenaar, 300 metres behind.");
    assert!(!found[0].1);
}

#[test]
fn places_and_organisations_are_not_names() {
    for text in [
        "They met in the Oval Office on Friday.",
        "He went to the White House yesterday.",
        "(Chris J. Ratcliffe/Bloomberg via Getty Images)",
        "Donald Trump Thursday",
    ] {
        for (name, _, _) in names(text) {
            assert!(
                ![
                    "Oval Office",
                    "White House",
                    "Getty Images",
                    "Donald Trump Thursday"
                ]
                .contains(&name.as_str()),
                "{name} in {text}"
            );
        }
    }
}

#[test]
fn a_full_name_beside_a_person_by_and_is_a_person() {
    let found = names(
        "He was assisted by his batsmen, Makhaya Ntini and Nanti Hayward, who frustrated the bowlers.",
    );
    let ntini = found.iter().find(|(name, ..)| name == "Makhaya Ntini");
    assert!(ntini.is_some_and(|(_, person, _)| *person), "{found:?}");
    // Not a lone word, nor a name of places.
    let found = names("Yesterday Nanti Hayward, who batted, met Qantas and New South Wales.");
    assert!(
        found
            .iter()
            .all(|(name, person, _)| name == "Nanti Hayward" || !person),
        "{found:?}"
    );
}

#[test]
fn a_census_surname_confirms_a_full_name_no_common_word_spells() {
    let confirmed = |text: &str, name: &str| {
        names(text)
            .into_iter()
            .find(|(found, _, _)| found == name)
            .is_some_and(|(_, cue, _)| cue)
    };
    assert!(confirmed("Elka Graham won the 300 metres.", "Elka Graham"));
    assert!(confirmed("The race went to Liesel Jones.", "Liesel Jones"));
    // "Jones" is the surname, but "elka" is written in lower case here.
    assert!(!confirmed(
        "Elka Jones won. An elka is no word.",
        "Elka Jones"
    ));
    // A two-letter opening is an abbreviation; a place word is no name.
    assert!(!confirmed("The tide at St Ives rose.", "St Ives"));
    assert!(!confirmed("Crowds filled Sydney Jones.", "Sydney Jones"));
    // A surname that is also an English word is not in the list.
    assert!(!confirmed("Passengers of Vigin Blue waited.", "Vigin Blue"));
}

#[test]
fn after_an_honorific_a_place_or_outlet_word_is_a_surname() {
    for (text, name) in [
        ("Mr Peel said the fires were out.", "Peel"),
        ("Suggestions by Mr Fox were wrong.", "Fox"),
    ] {
        let found = names(text);
        assert!(
            found.iter().any(|(found, cue, _)| found == name && *cue),
            "{text}: {found:?}"
        );
    }
    // Without the honorific the word names the place or the outlet.
    assert!(
        names("He flew to Peel.")
            .iter()
            .all(|(n, _, _)| n != "Peel")
    );
    assert!(names("It said on Fox.").iter().all(|(n, _, _)| n != "Fox"));
}
#[test]
fn a_place_before_a_full_name_is_no_part_of_it() {
    let found = names("Former ambassador to Pakistan Abdul Salam Zaeef told CNN.");
    assert_eq!(found[0].0, "Abdul Salam Zaeef");
    // A given name that is a place too stays.
    let found = names("The singer Georgia Brown arrived.");
    assert_eq!(found[0].0, "Georgia Brown");
}

#[test]
fn a_given_name_that_is_a_common_noun_opens_a_name_before_a_surname() {
    let found = names("Westpac's Bill Evans is among them.");
    assert!(found.iter().any(|(name, _, _)| name == "Bill Evans"));
    // Alone, or before a word that is no surname, "Bill" is a law.
    assert!(
        names("The Bill Passed.")
            .iter()
            .all(|(name, _, _)| !name.starts_with("Bill"))
    );
}

#[test]
fn a_full_name_after_an_organisation_is_a_person() {
    let found =
        names("Director of Boston's Logan International Airport Tom Kinton says it worked.");
    assert!(
        found.iter().any(|(name, _, _)| name == "Tom Kinton"),
        "{found:?}"
    );
    // No given name after the head word: no person.
    let found = names("He would walk to Bethlehem for Christmas Eve Mass if he has to.");
    assert!(
        found.iter().all(|(name, _, _)| name != "Eve Mass"),
        "{found:?}"
    );
}

#[test]
fn a_title_word_after_a_given_name_is_a_surname() {
    for (text, name) in [
        ("Former prime minister John Major said it.", "John Major"),
        ("The council's Frank Farmer says it.", "Frank Farmer"),
    ] {
        assert!(names(text).iter().any(|(n, _, _)| n == name), "{text}");
    }
    // A title before a name stays a title, and one after "Mr" is a form
    // of address unless the text gives it as someone's surname.
    let found = names("President George Bush said it.");
    assert_eq!(found[0].0, "George Bush");
    let found = names("Frank Farmer spoke. \"We do,\" Mr Farmer said.");
    assert!(found.iter().any(|(n, _, _)| n == "Farmer"), "{found:?}");
    assert!(names("\"Thank you, Mr President,\" he said.").is_empty());
    // After a name an honorific opens, too: "Dr Aamer Sultan", then "Dr
    // Sultan" in the same text.
    let found = names("Dr Aamer Sultan was stopped. Dr Sultan says he is sad.");
    let found: Vec<&str> = found.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(found, ["Aamer Sultan", "Sultan"]);
}

#[test]
fn a_rank_of_several_words_is_no_part_of_the_name() {
    let found = names("Sergeant First Class Daniel Henry Petithory was killed.");
    assert_eq!(found[0].0, "Daniel Henry Petithory", "{found:?}");
    let found = names("Petty Officer Second Class John Smith said it.");
    assert_eq!(found[0].0, "John Smith", "{found:?}");
    // Alone, the words of a rank's tail open no title.
    let found = names("First Class Daniel Henry Petithory was killed.");
    assert!(
        found.iter().any(|(n, _, _)| n.ends_with("Petithory")),
        "{found:?}"
    );
}

#[test]
fn letters_after_a_full_name_are_no_part_of_it() {
    let found = names("It will hear from Counsel Assisting, Wayne Martin QC. Mr Martin says so.");
    assert!(
        found
            .iter()
            .any(|(n, strong, _)| n == "Wayne Martin" && *strong),
        "{found:?}"
    );
    let found = names("The report was tabled by Lionel Robbards QC today.");
    assert!(
        found.iter().any(|(n, _, _)| n == "Lionel Robbards"),
        "{found:?}"
    );
    // A single word before them is a club's or a firm's name, not a person's.
    let found = names("They beat Kilmarnock SC on Saturday.");
    assert!(
        found.iter().all(|(n, _, _)| !n.starts_with("Kilmarnock")),
        "{found:?}"
    );
}

#[test]
fn a_full_name_of_a_body_that_says_is_a_person() {
    let text = "Bill Shorten of the Australian Workers Union (AWU) says the unions will not rest.";
    let found = names(text);
    assert!(
        found.iter().any(|(n, cue, _)| n == "Bill Shorten" && *cue),
        "{found:?}"
    );
    let found = names("Bill Shorten says the unions will not rest.");
    assert!(
        found.iter().any(|(n, _, _)| n == "Bill Shorten"),
        "{found:?}"
    );
    assert!(names("The Bill Review Act says so.").is_empty());
    // Not a single word, and not when a clause ends before the verb.
    let found = names("Reports of the Reserve Bank. Analysts says so.");
    assert!(
        found.iter().all(|(n, cue, _)| !*cue || n != "Reports"),
        "{found:?}"
    );
}

#[test]
fn two_particles_inside_a_name_keep_it_whole() {
    let found = names("President Fernando de la Rua resigned. Ludwig van der Berg spoke.");
    let found: Vec<&str> = found.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(found, ["Fernando de la Rua", "Ludwig van der Berg"]);
}

#[test]
fn a_role_for_a_place_before_a_name_confirms_it() {
    let found =
        names("It was signed by the delegations and UN envoy for Afghanistan Lakhdar Brahimi.");
    assert_eq!(
        found.last().unwrap(),
        &(
            "Lakhdar Brahimi".to_string(),
            true,
            Some("UN envoy".to_string())
        )
    );
    // Without the role it stays unconfirmed.
    let found = names("It was signed by the delegations and Afghanistan Lakhdar Brahimi.");
    assert!(found.iter().all(|(_, confirmed, _)| !confirmed));
    // An office keeps its one-word portfolio.
    let found = names("Minister for Rehabilitation Jayalath Jayawardena told the press.");
    assert_eq!(
        found.last().unwrap(),
        &(
            "Jayalath Jayawardena".to_string(),
            true,
            Some("Minister for Rehabilitation".to_string())
        )
    );
}

#[test]
fn a_particle_joined_to_a_surname_is_part_of_the_name() {
    let found = names("One bystander, Marius duPlessis, said he was searching for his son.");
    assert_eq!(found[0].0, "Marius duPlessis");
    // Only a name particle joins so: "iPhone" and "eBay" are no names.
    assert!(names("She bought an iPhone on eBay yesterday.").is_empty());
}

#[test]
fn a_ruler_or_warlord_before_a_single_name_confirms_it() {
    let found = names("The condition of former Indonesian dictator Suharto has improved.");
    assert_eq!(
        found.last().unwrap(),
        &(
            "Suharto".to_string(),
            true,
            Some("former Indonesian dictator".to_string())
        )
    );
    let found = names("A court sentenced Chechen warlord Salman Raduyev to life.");
    assert_eq!(found.last().unwrap().0, "Salman Raduyev");
    assert!(found.last().unwrap().1);
}

/// The role the scan gives the candidate written `name`.
fn role_of(text: &str, name: &str) -> Option<String> {
    names(text)
        .into_iter()
        .find(|(found, _, _)| found == name)
        .unwrap_or_else(|| panic!("{name} not found in {text:?}"))
        .2
}

#[test]
fn a_place_opened_by_new_stays_whole_in_a_role() {
    assert_eq!(
        role_of(
            "Storms lifted roofs. New South Wales Premier Bob Carr inspected the damage.",
            "Bob Carr"
        )
        .as_deref(),
        Some("New South Wales Premier")
    );
    assert_eq!(
        role_of(
            "New Zealand Prime Minister Helen Clark said the talks went well.",
            "Helen Clark"
        )
        .as_deref(),
        Some("New Zealand Prime Minister")
    );
    // "New" before anything else still opens no name.
    assert_eq!(
        names("New Coach Peter Smith said the team was ready.")
            .into_iter()
            .map(|(name, _, _)| name)
            .collect::<Vec<_>>(),
        ["Peter Smith"]
    );
}

#[test]
fn a_role_never_reaches_back_past_another_name() {
    assert_eq!(
        role_of(
            "As predicted, Queensland pace bowler Andy Bichel replaces spin bowler Stuart MacGill.",
            "Stuart MacGill"
        )
        .as_deref(),
        Some("spin bowler")
    );
    assert_eq!(
        role_of(
            "As predicted, Queensland pace bowler Andy Bichel replaces spin bowler Stuart MacGill.",
            "Andy Bichel"
        )
        .as_deref(),
        Some("Queensland pace bowler")
    );
}

#[test]
fn a_verb_before_a_role_is_no_part_of_it() {
    assert_eq!(
        role_of(
            "Israel has rejected Palestinian leader Yasser Arafat's bid.",
            "Yasser Arafat"
        )
        .as_deref(),
        Some("Palestinian leader")
    );
    assert_eq!(
        role_of(
            "A court sentenced Chechen warlord Salman Raduyev to life.",
            "Salman Raduyev"
        )
        .as_deref(),
        Some("Chechen warlord")
    );
    // After a determiner, a possessive or a preposition the word is an
    // adjective of the role.
    assert_eq!(
        role_of(
            "He met the exiled Afghan king Mohammed Zahir Shah.",
            "Mohammed Zahir Shah"
        )
        .as_deref(),
        Some("exiled Afghan king")
    );
    assert_eq!(
        role_of(
            "Greig is a supporter of deposed leader Natasha Stott Despoja.",
            "Natasha Stott Despoja"
        )
        .as_deref(),
        Some("deposed leader")
    );
    assert_eq!(
        role_of(
            "BankSA's acting managing director Colin Taylor agreed.",
            "Colin Taylor"
        )
        .as_deref(),
        Some("BankSA's acting managing director")
    );
}

#[test]
fn an_appositive_role_is_the_phrase_next_to_the_name() {
    assert_eq!(
        role_of(
            "He met Israeli Prime Minister Ariel Sharon and the Palestinian leader, Yasser Arafat, on Monday.",
            "Yasser Arafat"
        )
        .as_deref(),
        Some("Palestinian leader")
    );
    assert_eq!(
        role_of(
            "Dominic Fodera, director and chief financial officer, resigned.",
            "Dominic Fodera"
        )
        .as_deref(),
        Some("director and chief financial officer")
    );
    assert_eq!(
        role_of(
            "Osama bin Laden, leader of the Al Qaeda network which is blamed for the attacks, fled.",
            "Osama bin Laden"
        )
        .as_deref(),
        Some("leader of the Al Qaeda network")
    );
}

#[test]
fn a_role_before_a_comma_confirms_the_name_that_ends_the_sentence() {
    let text =
        "The group dumped him last week in favour of his former foreign minister, Patterson Oti.";
    assert_eq!(
        names(text),
        vec![(
            "Patterson Oti".to_string(),
            true,
            Some("former foreign minister".to_string())
        )]
    );
    // A comma after another noun is no appositive.
    let text = "The party chose the name of its founder in the end, Patterson Oti.";
    assert!(names(text).iter().all(|(_, confirmed, _)| !confirmed));
}

#[test]
fn an_office_title_confirms_a_name_beside_it_without_a_said_verb() {
    let text = "Mr Arafat was told by the Israeli Foreign Minister, Shimon Peres, in a call.";
    assert!(names(text).contains(&(
        "Shimon Peres".to_string(),
        true,
        Some("Israeli Foreign Minister".to_string())
    )));
    let text = "The new government, with Hamid Karzai as Prime Minister, is sworn in today.";
    assert_eq!(
        names(text),
        vec![(
            "Hamid Karzai".to_string(),
            true,
            Some("Prime Minister".to_string())
        )]
    );
    // A capitalised word that is no title says nothing.
    let text = "The new boat, with Hamid Karzai as Guest Of Honour, sails today.";
    assert!(names(text).iter().all(|(_, confirmed, _)| !confirmed));
}

#[test]
fn two_capitals_before_a_name_are_initials() {
    let found = names("India's Home Minister, LK Advani, said so. Cdr BJ Harrington agreed.");
    let found: Vec<&str> = found.iter().map(|(name, _, _)| name.as_str()).collect();
    assert!(found.contains(&"LK Advani"), "{found:?}");
    assert!(found.contains(&"BJ Harrington"), "{found:?}");
    // Abbreviations stay what they are.
    for text in [
        "The US Army said so.",
        "The UN Security Council met.",
        "AP Moller said so.",
    ] {
        let found = names(text);
        assert!(
            found.iter().all(|(name, _, _)| !name.starts_with("US")
                && !name.starts_with("UN")
                && !name.starts_with("AP")),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn abbreviated_ranks_are_titles() {
    for (text, name) in [
        (
            "\"It is safe to say Gen Flynn is on that list,\" he said.",
            "Flynn",
        ),
        (
            "Cllr Declan O'Sullivan said he had no interest.",
            "Declan O'Sullivan",
        ),
        ("Cr Marcus Whitford said so.", "Marcus Whitford"),
    ] {
        let found = names(text);
        assert!(
            found
                .iter()
                .any(|(n, confirmed, _)| n == name && *confirmed),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn a_portfolio_of_several_words_is_no_part_of_the_name_after_it() {
    let found =
        names("Minister for Social Protection Leo Varadkar said in a statement that it was done.");
    assert!(
        found.iter().any(|(name, _, _)| name == "Leo Varadkar"),
        "{found:?}"
    );
    let found = names("They met Chief of Staff Reince Priebus on the sidelines.");
    assert_eq!(found[0].0, "Reince Priebus");
    assert_eq!(found[0].2.as_deref(), Some("Chief of Staff"));
    // The portfolio goes on past "and": "Human Services" is no part of
    // the name, though "Price" is also a word.
    let found = names("The plan drew fire from Secretary of Health and Human Services Tom Price.");
    assert_eq!(
        found,
        [(
            "Tom Price".into(),
            true,
            Some("Secretary of Health and Human Services".into())
        )]
    );
}

#[test]
fn letters_an_encoding_lost_stay_inside_the_name() {
    let found = names(
        "Police chief Theodor Horstk?tter said the G\u{FFFD}\u{FFFD}len movement was banned.",
    );
    let found: Vec<&str> = found.iter().map(|(name, ..)| name.as_str()).collect();
    assert_eq!(found, ["Theodor Horstk?tter", "G\u{FFFD}\u{FFFD}len"]);
    let found = names("Who said it? Anna Smith said so.");
    assert_eq!(found[0].0, "Anna Smith");
}

#[test]
fn a_said_verb_opening_a_sentence_is_no_part_of_the_name_after_it() {
    let found =
        names("The poem is a gene. Writes Christian Bök: \"I am engineering a life-form.\"");
    assert_eq!(found[0].0, "Christian Bök");
}
