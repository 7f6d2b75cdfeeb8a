//! Words that look like names and name no one: groups written in the
//! plural, and organisations whose name reads as a given name and a
//! surname.

use super::tests::{corpus_of, person_starting_at};
use super::*;

fn people_named(text: &str) -> Vec<String> {
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let mut names: Vec<String> = index.persons.iter().map(|p| p.canonical.clone()).collect();
    names.sort();
    names
}

#[test]
fn the_plural_of_a_role_names_no_one() {
    let text = "Experts said the talks would fail. Prosecutors accuse Park Geun-hye of bribery. Labour MPs said the vote was lost. Diplomats said little.";
    assert_eq!(people_named(text), ["Park Geun-hye"]);
}

#[test]
fn a_channel_named_like_a_person_is_no_one() {
    let text = "Al Jazeera asked Danielle McLaughlin, a law scholar, about the order. \"It is unlawful,\" McLaughlin said.";
    assert_eq!(people_named(text), ["Danielle McLaughlin"]);
}

#[test]
fn a_firm_after_a_person_and_of_is_their_affiliation_not_a_speaker() {
    let text = "Des Crinion of Panda Waste said the contamination is a major problem. \"It's unbelievable what comes in in the bins,\" he said. Secretary of State Rex Tillerson said the talks were over.";
    assert_eq!(people_named(text), ["Des Crinion", "Rex Tillerson"]);
}

#[test]
fn party_state_labels_and_irish_counties_are_no_one() {
    let text = "Sen. Ted Cruz (R-Texas) introduced the bill. Rep. Nydia Velazquez (D-New York) opposed it. The funeral was held in Co Kilkenny, and Co Offaly mourned.";
    assert_eq!(people_named(text), ["Nydia Velazquez", "Ted Cruz"]);
}

#[test]
fn an_abbreviated_or_irish_title_is_no_part_of_the_name() {
    let text = "Texas Lt. Gov. Dan Patrick said he asked for a vote. Taoiseach Enda Kenny said the talks went well.";
    assert_eq!(people_named(text), ["Dan Patrick", "Enda Kenny"]);
}

#[test]
fn a_person_named_after_the_firm_they_head_is_apart_from_it() {
    let text = "---\nid: a\n---\nThe Arctic forum opens in March.\n\nChina's Poly Group will take part, Belkomur Company Vladimir Shchelokov told TASS.\n";
    assert_eq!(people_named(text), ["Vladimir Shchelokov"]);
}

#[test]
fn a_surname_written_after_the_as_a_place_is_no_one_but_one_qualifying_a_noun_is_its_holder() {
    let texts = [
        (
            "a.md",
            "Defence Minister Robert Hill said the ships would sail. Aretha Franklin sang.",
        ),
        (
            "b.md",
            "\"This is one of the biggest inquiries the Hill has seen,\" a senator said. The rafts overturned near the Franklin. Critics of the Hill government said nothing.",
        ),
    ];
    let corpus = corpus_of(&texts);
    let index = PeopleIndex::build(&corpus, &[]);
    let person_at = |surface: &str| person_starting_at(&index, &texts, 1, surface);
    assert_eq!(person_at("Hill has"), None);
    assert_eq!(person_at("Franklin."), None);
    assert_eq!(person_at("Hill government").as_deref(), Some("Robert Hill"));
}

#[test]
fn a_town_or_a_body_is_no_one_on_a_said_verb_but_a_title_makes_it_a_name() {
    let text = "Leicester said the manager had left. Raqqa told reporters the city was cut off. Lord Bew said the rules were clear, and Mr Koni said nothing. Sinn Féin leader Gerry Adams spoke. Sinn Féin said it would not return, and Aslef members voted. Aslef said the strike was on.";
    assert_eq!(people_named(text), ["Bew", "Gerry Adams", "Koni"]);
}

#[test]
fn a_name_after_of_for_or_on_goes_on_the_body_before_it() {
    let text = "Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, said the rebels advanced. The Commission of Human Rights said it would look. Minister for Rehabilitation Jayalath Jayawardena said the roads were open. Bank of England Governor Mark Carney said rates would hold. The Labour MP for Hackney North Diane Abbott said so too.";
    assert_eq!(
        people_named(text),
        [
            "Diane Abbott",
            "Jayalath Jayawardena",
            "Mark Carney",
            "Rami Abdel Rahman"
        ]
    );
}

#[test]
fn an_appositive_gives_no_role_to_a_sentence_adverb_a_place_or_a_state() {
    let text = "Currently, the official is preparing a roadmap, Anton Siluanov said. Moreover, the minister will require a vote, he added. Troops retook the city from the militants in the area of Palmyra, the Russian ambassador to Syria, Alexander Kinshchak told TASS. Saarland, the smallest German state of the west, votes on Sunday, Annegret Kramp-Karrenbauer said. The champion was beaten by Mischa Zverev, the lowest-ranked player the Briton had lost to.";
    assert_eq!(
        people_named(text),
        [
            "Alexander Kinshchak",
            "Annegret Kramp-Karrenbauer",
            "Anton Siluanov",
            "Mischa Zverev"
        ]
    );
}

#[test]
fn a_lone_word_the_article_writes_in_lower_case_is_no_one_on_a_said_verb() {
    let text = "Authorities said the road was closed. Police said the authorities had acted late. Rebels told reporters they had left, and the rebels were gone by noon. Kucherena said the request would be studied.";
    assert_eq!(people_named(text), ["Kucherena"]);
}

#[test]
fn a_body_inside_a_speakers_appositive_is_no_one() {
    let text = "\"Science is an international enterprise,\" Apoorva Mandavilli, editor-in-chief of autism site Spectrum, wrote to DW. The Bishop of Croydon, the Rt Revd Jonathan Clark, who has welcomed children, said it was right. \"Thousands still languish,\" Harriet McCulloch, a deputy director at human rights organisation Reprieve, told Al Jazeera.";
    assert_eq!(
        people_named(text),
        ["Apoorva Mandavilli", "Harriet McCulloch", "Jonathan Clark"]
    );
}

#[test]
fn a_hyphenated_word_is_a_role_only_around_a_role_noun() {
    let text = "The Syrian Observatory and the activist-run Raqqa 24 media centre reported that there were no evacuations. Akram Zaki said the dam held.";
    assert_eq!(people_named(text), ["Akram Zaki"]);
}

#[test]
fn a_demonym_a_firm_of_solicitors_a_convention_and_a_body_before_its_users_are_no_one() {
    let text = "Daniel Jacobs lost. \"I think I won the fight,\" the New Yorker said. \
                New Zealanders cheered. Ms O'Connell, who appeared with Lacy Walsh Solicitors, said little. \
                Carter Page met him during the Republican National Convention in July. \
                A spokeswoman for the Chemical Safety Board said little. \
                Uber used the tool to identify officials trying to catch Uber drivers. \
                \"We are prohibiting its use,\" Uber said. Deterring Uber riders was the aim.";
    assert_eq!(
        people_named(text),
        ["Carter Page", "Daniel Jacobs", "O'Connell"]
    );
}

#[test]
fn the_see_or_state_after_a_title_and_of_is_no_part_of_a_name() {
    let text = "The Archbishop of Canterbury Justin Welby said the country had a \"great history\". \
                Governor of New York Andrew Cuomo said it was not. \
                The Archbishop of Canterbury said he was \"shocked\". \
                Pyotr Tolstoy, Vice-Speaker of Russia's State Duma, spoke on Friday.";
    assert_eq!(
        people_named(text),
        ["Andrew Cuomo", "Justin Welby", "Pyotr Tolstoy"]
    );
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let welby = (index.persons.iter()).find(|p| p.canonical == "Justin Welby");
    assert!(
        welby.is_some_and(|p| p
            .roles
            .iter()
            .any(|r| &*r.role == "Archbishop of Canterbury")),
        "{:?}",
        index.persons
    );
}

#[test]
fn a_bodys_word_hyphened_to_a_given_name_is_no_part_of_the_name() {
    let text =
        "Assistant Commissioner of the Metropolitan Police-Neil Basu said the inquiry went on.";
    assert_eq!(people_named(text), ["Neil Basu"]);
}

#[test]
fn a_body_named_by_a_compound_or_a_plural_is_no_one() {
    let text = "Halkbank said the charges were baseless. \"The detention is unlawful,\" Scott Griffen, \
                IPI Director of Press Freedom Programmes, said. Committee to Protect Journalists \
                Sherif Mansour said the trial was unfair.";
    assert_eq!(people_named(text), ["Scott Griffen", "Sherif Mansour"]);
}

#[test]
fn a_full_name_before_of_and_a_body_in_lower_case_speaks() {
    let text = "The boats collided. Tore Didriksen of the Harstad police force said: \"We have brought \
                all the passengers to hospital.\" Nenagh Chamber of Commerce vice president Denis \
                Finnerty said the losses were huge.";
    assert_eq!(people_named(text), ["Denis Finnerty", "Tore Didriksen"]);
}

#[test]
fn a_full_name_before_a_body_set_off_by_commas_speaks() {
    let text = "The tourists were safe. Gro Dagsvold, of local tourist organisation Visit Harstad, \
                said the tourists had arrived from London. Visit Norway, of the tourist board \
                Innovation Norway, said so too. The referee Deniz Aytekin gave two penalties.";
    assert_eq!(people_named(text), ["Deniz Aytekin", "Gro Dagsvold"]);
}

#[test]
fn a_capitalised_word_after_a_noun_for_a_firm_is_the_firm() {
    let text = "A spokesman for holiday company Inghams said the tourists were safe. \
                Budget airline Ryanair said flights would resume. Ingrid Olsen said she was relieved. \
                The French carmaker's CEO Carlos Ghosn was targeted.";
    assert_eq!(people_named(text), ["Carlos Ghosn", "Ingrid Olsen"]);
}

#[test]
fn a_name_the_article_gives_an_animal_is_no_one() {
    let text = "One-year-old stray Pooh is back on all fours. Pooh and another cat, Stiven, were \
                taken to a clinic by Vitalii Zlatinov. Pooh had a pair of titanium legs implanted. \
                \"He can move pretty well,\" Zlatinov said. Since then Zlatinov has operated on other \
                cats including Stiven. Bella the dog watched.";
    assert_eq!(people_named(text), ["Vitalii Zlatinov"]);
}

#[test]
fn a_portfolio_or_body_before_a_full_name_is_no_part_of_it() {
    let text = "---\nid: a\n---\nChairman of the Public Council under the Russian Interior Ministry Vladimir Kolokoltsev has pledged to consider each case. Assistant Commissioner Counter Terrorism Ian McCartney said the arrest followed an investigation.\n";
    assert_eq!(
        people_named(text),
        ["Ian McCartney", "Vladimir Kolokoltsev"]
    );
}

#[test]
fn a_ship_named_after_someone_is_no_one() {
    let text = "\"We are proud,\" Vladimir Korolyov said on board the aircraft carrier The Admiral Kuznetsov. The Admiral Kuznetsov and The Pyotr Veliki battlecruiser are at anchor, with the Vice-Admiral Kulakov. \"We will study the lessons,\" he said. The Trump administration has ordered a review. Admiral Kuznetsov would have been proud.";
    assert_eq!(people_named(text), ["Kuznetsov", "Vladimir Korolyov"]);
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let korolyov = |q: &CorpusQuote| matches!(q.speaker, QuoteSpeaker::Person(id) if index.persons[id].canonical == "Vladimir Korolyov");
    assert!(index.quotes.iter().all(korolyov));
}

#[test]
fn on_goes_on_a_body_name_only_after_a_body_word() {
    let text = "# Yanis Varoufakis on Jeremy Corbyn\n\nFormer Greek Finance Minister Yanis Varoufakis spoke to the Committee on Foreign Affairs about Labour Party leader Jeremy Corbyn.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let corbyn = (index.persons.iter())
        .find(|p| p.canonical == "Jeremy Corbyn")
        .expect("Jeremy Corbyn");
    assert_eq!(corbyn.mentions.len(), 2);
    assert_eq!(people_named(text), ["Jeremy Corbyn", "Yanis Varoufakis"]);
}

#[test]
fn lands_registries_and_device_makers_are_no_one() {
    let text = "Scientists sailed to Franz Josef Land and Alexandra Land. The Cancer Registry said rates rose. Yota Devices, a Russian startup, made the phone. Franz Josef Land is remote.";
    assert_eq!(people_named(text), Vec::<String>::new());
}

#[test]
fn a_noun_for_a_person_before_a_comma_marks_the_name_after_it() {
    let text = "The 12-year-old girl, Kanari Bowers, was wounded at around 7:15 p.m.";
    assert_eq!(people_named(text), ["Kanari Bowers"]);
}

#[test]
fn a_preposition_that_opens_a_sentence_is_no_part_of_the_name_after_it() {
    let text = "Rep. Matt Gaetz held a town hall. Throughout Gaetz's hour-long town hall, \
                protesters shouted. Photo by Margaret Gardiner Along with the crowds came \
                reporters. Beyond Gaetz, few spoke.";
    assert_eq!(people_named(text), ["Margaret Gardiner", "Matt Gaetz"]);
}

#[test]
fn a_lone_role_an_adverb_or_a_group_that_speaks_is_no_one() {
    let text = "Police Chief Eliot Isaac spoke on Monday. Investigators said the gun was fake. Locals said they heard shots. The EU Commission's Chief Negotiator on Brexit, Michel Barnier, will attend.\n\n\"It is a voice of the free world.\" Therefore, Chancellor Angela Merkel's party will act.";
    assert_eq!(
        people_named(text),
        ["Angela Merkel", "Eliot Isaac", "Michel Barnier"]
    );
}

#[test]
fn a_given_name_before_a_rare_word_always_after_a_place_preposition_is_a_place() {
    let text = "Fans gathered in Milton Keynes on Saturday, and the Ann Arbor police were called. Brett Lee took three wickets.";
    assert_eq!(people_named(text), ["Brett Lee"]);
    // Written once with no preposition before it, it is a person's name.
    let text = "Fans gathered in Milton Keynes on Saturday. Milton Keynes took three wickets.";
    assert_eq!(people_named(text), ["Milton Keynes"]);
}

#[test]
fn an_organisation_whose_accent_the_encoding_lost_is_no_one() {
    let text = "Sinn F\u{FFFD}\u{FFFD}in said its campaign would go on. Sinn F\u{FFFD}\u{FFFD}in has claimed the scheme failed. Se\u{FFFD}\u{FFFD}n Kelly said he agreed.";
    assert_eq!(people_named(text), ["Se\u{FFFD}\u{FFFD}n Kelly"]);
}
