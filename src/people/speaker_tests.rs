//! Quote speakers against the index: anonymous sources in attribution
//! checks, pronouns that point back only to compatible people, and speakers
//! named in relative clauses.

use super::tests::corpus_of;
use super::*;

#[test]
fn a_named_speaker_for_an_anonymous_source_is_flagged() {
    let text = "---\nid: a\n---\nUrsula von der Leyen flew home.\n\n\"We were never going to sign this text,\" an undisclosed EU official said.\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let start = text.find("We were").unwrap();
    let range = start..start + 20;
    assert_eq!(
        index.check_attribution("a", range.clone(), "Ursula von der Leyen"),
        AttributionCheck::UnnamedSource {
            quote: index.quotes[0].id,
            description: "an unnamed EU official".to_string(),
        }
    );
    // A note that names no one agrees with an anonymous source.
    assert_eq!(
        index.check_attribution("a", range, "an EU official"),
        AttributionCheck::Unknown
    );
}

#[test]
fn a_pronoun_never_points_back_to_an_organisation() {
    let text = "---\nid: a\n---\n\"Rates will stay high all year,\" Deutsche Bank said. \"We are confident about the outlook,\" he said.\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(index.quotes.len(), 2);
    assert_eq!(
        index.quotes[0].speaker,
        QuoteSpeaker::Unnamed("Deutsche Bank".to_string())
    );
    assert_eq!(index.quotes[1].speaker, QuoteSpeaker::Unresolved);
}

#[test]
fn a_relative_clause_speaks_for_its_name() {
    let text = "---\nid: a\n---\nPresident Donald Trump met Prime Minister Keir Starmer, who said the year brought \"more than our fair share of trials\".\n";
    assert_eq!(first_quote_speaker(text), "Keir Starmer");
}

/// The name of the person who said the first quote of article `a`.
pub(super) fn first_quote_speaker(text: &str) -> String {
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let QuoteSpeaker::Person(id) = index.quotes[0].speaker else {
        panic!("{:?}", index.quotes[0].speaker);
    };
    index.persons[id].canonical.clone()
}

/// The speakers of the quotes of article `a`, in order: a person's name,
/// or how an unnamed or unresolved speaker prints.
pub(super) fn quote_speakers(text: &str) -> Vec<String> {
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    (index.quotes.iter())
        .map(|q| match q.speaker {
            QuoteSpeaker::Person(id) => index.persons[id].canonical.clone(),
            ref other => format!("{other:?}"),
        })
        .collect()
}

/// Whether the first quote of article `a` goes to no person.
fn names_no_one(text: &str) -> bool {
    !matches!(first_quote_speaker_kind(text), QuoteSpeaker::Person(_))
}

/// The speaker of the first quote of article `a`, whoever or whatever it is.
pub(super) fn first_quote_speaker_kind(text: &str) -> QuoteSpeaker {
    let corpus = corpus_of(&[("a.md", text)]);
    PeopleIndex::build(&corpus, &[]).quotes[0].speaker.clone()
}

#[test]
fn she_points_back_past_a_man() {
    let text = "---\nid: a\n---\nSenator Julia Ham won the vote. Senator Gregory Pike praised the result. \"The count was far too close today,\" she said.\n";
    assert_eq!(first_quote_speaker(text), "Julia Ham");
}

#[test]
fn an_appositive_without_its_closing_comma_keeps_its_head_as_speaker() {
    let text = "---\nid: a\n---\nPresident Yasser Arafat met the envoy.\n\n\"He asked for help with the blockade,\" Nabil Abu Rudeina, an advisor to Mr Arafat said.\n";
    assert_eq!(first_quote_speaker(text), "Nabil Abu Rudeina");
}

#[test]
fn the_queen_points_back_to_the_monarch_the_article_names() {
    let text = "---\nid: a\n---\nThe mood was typified by Britain's Queen Elizabeth II. The Queen also expressed her belief in faith. \"So many of us need our faith more than ever.\"\n";
    assert_eq!(first_quote_speaker(text), "Elizabeth II");
}

#[test]
fn the_pontiff_points_back_to_the_pope_the_article_names() {
    let text = "---\nid: a\n---\nPope Francis said on Sunday: \"We must help the poor and the weak.\" Cardinal Joseph Tobin was also there. \"Nobody is excluded from the mercy of God,\" the pontiff said.\n";
    assert_eq!(quote_speakers(text), ["Francis", "Francis"]);
}

#[test]
fn a_description_by_what_a_named_speaker_is_points_back_to_them() {
    let diplomat = "---\nid: a\n---\nThe ceasefire holds, Russian Foreign Ministry Spokeswoman Maria Zakharova said on Thursday. \"We are pleased to note that violence has decreased,\" the Russian diplomat said.\n";
    assert_eq!(first_quote_speaker(diplomat), "Maria Zakharova");
    let party = "---\nid: a\n---\nHouse Oversight Chairman Jason Chaffetz spoke to CNN on Friday. \"That is why we spend billions on fences,\" the Utah Republican said.\n";
    assert_eq!(first_quote_speaker(party), "Jason Chaffetz");
    let people = "---\nid: a\n---\nDaniel Jacobs lost on points. \"I think I won the fight,\" the New Yorker said.\n";
    assert_eq!(first_quote_speaker(people), "Daniel Jacobs");
    // Someone unnamed brought in with the noun before, even opening a
    // sentence, is whom it means.
    let unnamed = "---\nid: a\n---\nAmbassador Sergey Kirpichenko spoke first. A Western diplomat disagreed. \"The talks have failed again,\" the diplomat said.\n";
    assert!(names_no_one(unnamed));
    // A spokesman or an official is as often unnamed as named.
    let official = "---\nid: a\n---\nIvanka Trump met business leaders. \"The agenda will include child care,\" the official said.\n";
    assert!(names_no_one(official));
    // One of a country's places is no one ("the EU said").
    let bloc = "---\nid: a\n---\nJustin Trudeau spoke in Strasbourg. \"The deal will become the standard,\" the EU said.\n";
    assert!(names_no_one(bloc));
}

/// The name of the person who said quote `n` of article `a`.
fn speaker_of_quote(text: &str, n: usize) -> String {
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    match &index.quotes[n].speaker {
        QuoteSpeaker::Person(id) => index.persons[*id].canonical.clone(),
        other => format!("{other:?}"),
    }
}

#[test]
fn a_sentence_led_by_the_same_pronoun_passes_its_referent_on() {
    // The sentence before the quote names Perkins only as an object; its
    // subject, "She", is the swimmer named before.
    let text = "---\nid: a\n---\nSenator Elka Graham won the race. She says Senator Kieren Perkins was behind her win. \"I swam with him this morning and it helped,\" she said.\n";
    assert_eq!(speaker_of_quote(text, 0), "Elka Graham");
}

#[test]
fn the_same_pronoun_again_keeps_the_speaker() {
    // The speaker is named farther back than a pronoun looks.
    let text = "---\nid: a\n---\nSenator Tim Fischer spoke to supporters. \"We had word since Thursday,\" he said. \"We had the radio on. It was late. We sat. We waited. We listened. We prayed. I sat with Dr. Ahmad Khair at the time.\" \"After a while, they announced it,\" he said.\n";
    assert_eq!(speaker_of_quote(text, 2), "Tim Fischer");
}

#[test]
fn a_title_description_points_back_to_the_person_named_before() {
    let text = "---\nid: a\n---\nThe US special envoy, Anthony Zinni, told Mr Arafat to act. \"The authority must move immediately to arrest those responsible,\" the retired Marine Corps general said.\n";
    assert_eq!(speaker_of_quote(text, 0), "Anthony Zinni");
    // A noun of anonymous sources stays unnamed.
    let text = "---\nid: a\n---\nThe US special envoy, Anthony Zinni, told Mr Arafat to act. \"The authority must move immediately to arrest those responsible,\" the spokesman said.\n";
    assert_eq!(
        speaker_of_quote(text, 0),
        format!("{:?}", QuoteSpeaker::Unnamed("the spokesman".to_string()))
    );
}

#[test]
fn he_points_back_to_an_unnamed_source_brought_in_since() {
    let text = "---\nid: a\n---\nPresident Yasser Arafat spoke on television. Crowds gathered at the funeral. \"The operations will go on\" of the lands in the Gaza Strip and the West Bank, a militant from the group told a crowd. \"When they attack us we have the right to defend ourselves,\" he said.\n";
    assert_eq!(
        speaker_of_quote(text, 1),
        format!(
            "{:?}",
            QuoteSpeaker::Unnamed("a militant from the group".to_string())
        )
    );
}

#[test]
fn an_object_called_something_is_no_speaker() {
    let text = "---\nid: a\n---\nPresident George Bush says a former scientist had established a group called UTN with help from abroad. \"The group claims to serve the hungry and needy,\" he said.\n";
    assert_eq!(speaker_of_quote(text, 0), "George Bush");
}

#[test]
fn a_speaker_clause_after_the_rest_of_the_sentence_attributes_the_quote() {
    let text = "---\nid: a\n---\nCrowds gathered at the funeral. \"The operations will go on as long as the occupation\" of the lands in the Gaza Strip and the West Bank, Senator Tim Fischer told a crowd.\n";
    assert_eq!(speaker_of_quote(text, 0), "Tim Fischer");
}

#[test]
fn a_pronoun_tag_that_ends_the_sentence_attributes_a_quote_inside_it() {
    let text = "---\nid: a\n---\nFour victims were taken to hospital, spokeswoman Donna Rohrer said. Three of them \"were being evaluated\", for their injuries, a fourth was airlifted to a hospital in Fort Wayne, Indiana, she said.\n";
    assert_eq!(speaker_of_quote(text, 0), "Donna Rohrer");
    // A pronoun that is not the sentence's last tag is no one's here.
    let text = "---\nid: a\n---\nFour victims were taken to hospital, spokeswoman Donna Rohrer said. Three of them \"were being evaluated\", for their injuries, a fourth was airlifted to a hospital in Fort Wayne, Indiana, because she said it was needed.\n";
    assert_ne!(speaker_of_quote(text, 0), "Donna Rohrer");
}

#[test]
fn a_name_in_an_aside_after_a_description_speaks() {
    // The aside opens with a role noun in lower case, but it is the name the
    // description stands for; one linked to someone else is only an aside.
    let aside = "---\nid: a\n---\nTom Rudd, spokesman for Senator Ann Kerr, said the vote was lost. \"We lost the vote fair and square,\" Mr Rudd said. Later Rudd, adviser to Senator Ann Kerr, said: \"There will be another vote next year.\"\n";
    let corpus = corpus_of(&[("a.md", aside)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let last = index.quotes.last().unwrap();
    let QuoteSpeaker::Person(id) = last.speaker else {
        panic!("{:?}", last.speaker);
    };
    assert_eq!(index.persons[id].canonical, "Tom Rudd");
    let text = "---\nid: a\n---\nObesity rates rose again. The institute's statistics director, professor Helena Britt, says: \"We are in big trouble over the next ten years.\"\n";
    assert_eq!(first_quote_speaker(text), "Helena Britt");
}

#[test]
fn a_said_verb_after_and_belongs_to_the_clause_subject() {
    let text = "---\nid: a\n---\nThe Health Minister, Brendan Nelson, has a new portfolio. Mr Nelson will not identify any areas within his new portfolio which could be cut and says he is not afraid of scrutiny. \"The razor gang is there to serve the best interests of taxpayers.\"\n";
    assert_eq!(first_quote_speaker(text), "Brendan Nelson");
}

#[test]
fn a_pronoun_points_back_past_an_owner_to_the_subject() {
    let text = "---\nid: a\n---\nMr Sharon's hard words opened divisions in his government, with left-wing Mr Peres denouncing what he called a bid to cause \"the downfall of the Palestinian Authority\".\n";
    let corpus = corpus_of(&[
        (
            "b.md",
            "---\nid: b\n---\nPrime Minister Ariel Sharon spoke. Foreign Minister Shimon Peres spoke.\n",
        ),
        ("a.md", text),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let QuoteSpeaker::Person(id) = index.quotes[0].speaker else {
        panic!("{:?}", index.quotes[0].speaker);
    };
    assert_eq!(index.persons[id].canonical, "Shimon Peres");
}

#[test]
fn a_participle_after_a_comma_speaks_for_the_clause_subject() {
    let text = "---\nid: a\n---\nShortly after the strikes on Gaza City and Jenin, Prime Minister Ariel Sharon made a hard-hitting televised address, telling Israelis a \"war of terrorism\" had been forced on them.\n";
    assert_eq!(first_quote_speaker(text), "Ariel Sharon");
}

#[test]
fn a_label_someone_gives_is_their_quote() {
    let text = "---\nid: a\n---\nIsrael struck again after Prime Minister Ariel Sharon branded the administration a \"sponsor of terrorism\".\n";
    assert_eq!(first_quote_speaker(text), "Ariel Sharon");
}

#[test]
fn a_spokesman_for_a_named_person_is_not_that_person() {
    let text = "---\nid: a\n---\nCommander Gul Agha led the push.\n\n\"We can hope but I am not sure we will capture it,\" a spokesman for Gul Agha said.\n";
    assert_eq!(
        first_quote_speaker_kind(text),
        QuoteSpeaker::Unnamed("a spokesman for Gul Agha".to_string())
    );
    // Without a determiner the description opens at the source noun.
    let text = "---\nid: a\n---\nCommander Gul Agha led the push.\n\n\"We can hope but I am not sure we will capture it,\" spokesman for Gul Agha said.\n";
    assert_eq!(
        first_quote_speaker_kind(text),
        QuoteSpeaker::Unnamed("spokesman for Gul Agha".to_string())
    );
}

#[test]
fn the_agent_before_as_speaks_the_quote() {
    let text = "---\nid: a\n---\nYasser Arafat spoke late yesterday. The address was hailed by United Nations envoy Terje Roed-Larsen as \"a potential turning point in the search\".\n";
    assert_eq!(first_quote_speaker(text), "Terje Roed-Larsen");
}

#[test]
fn an_outlet_that_quotes_someone_relays_their_words() {
    let after = "---\nid: a\n---\nPolice are holding a man. \"If it is proven that he was connected, he will be referred to court,\" the official Saudi Press Agency quoted an unidentified ministry official as saying.\n";
    assert_eq!(
        first_quote_speaker_kind(after),
        QuoteSpeaker::Unnamed("an unidentified ministry official".to_string())
    );
    let named = "---\nid: a\n---\nPresident Pervez Musharraf spoke in Islamabad. \"Pakistan will not bow to any pressure from anyone,\" state television quoted Mr Musharraf as saying.\n";
    assert_eq!(first_quote_speaker(named), "Pervez Musharraf");
    let before = "---\nid: a\n---\nThe Reuters agency quoted Foreign Minister Abdullah Abdullah as saying: \"We will not allow foreign troops to stay.\"\n";
    assert_eq!(first_quote_speaker(before), "Abdullah Abdullah");
    let pronoun = "---\nid: a\n---\nGeneral Tommy Franks toured the base. Radio stations quoted him as saying: \"The caves are being searched one by one.\"\n";
    assert_eq!(first_quote_speaker(pronoun), "Tommy Franks");
}

#[test]
fn the_one_quoted_in_the_passive_is_the_speaker() {
    let after = "---\nid: a\n---\nYasser Arafat spoke in Ramallah. \"Israel is waging a war on our people,\" Mr Arafat was quoted as saying.\n";
    assert_eq!(first_quote_speaker(after), "Yasser Arafat");
    let by_outlet = "---\nid: a\n---\nAriel Sharon flew home. \"This is a war against terror and nothing else,\" Mr Sharon was quoted by Reuters as saying.\n";
    assert_eq!(first_quote_speaker(by_outlet), "Ariel Sharon");
    let before = "---\nid: a\n---\nYasser Arafat spoke in Ramallah. Mr Arafat was quoted as saying: \"We will never give up our rights.\"\n";
    assert_eq!(first_quote_speaker(before), "Yasser Arafat");
    let pronoun = "---\nid: a\n---\nPalestinian leader Yasser Arafat left Ramallah. \"We will return to the table,\" he was quoted as saying.\n";
    assert_eq!(first_quote_speaker(pronoun), "Yasser Arafat");
    let reported = "---\nid: a\n---\nYasser Arafat left Ramallah. \"The siege is a crime against us,\" Mr Arafat was reported as saying.\n";
    assert_eq!(first_quote_speaker(reported), "Yasser Arafat");
    // A passive with no subject before it names no one.
    let bare = "---\nid: a\n---\nwas quoted as saying: \"We will never give up our rights.\"\n";
    assert!(names_no_one(bare));
    // "reported" in the active is no relay of a quote.
    let active = "---\nid: a\n---\nYasser Arafat left Ramallah. \"The siege is a crime against us,\" Reuters reported Mr Arafat as saying.\n";
    assert_ne!(
        first_quote_speaker_kind(active),
        first_quote_speaker_kind(reported)
    );
}

#[test]
fn the_office_an_article_gave_someone_names_them() {
    let minister = "---\nid: a\n---\nIndonesia will ban exports, Trade Minister Budi Santoso Wirawan said on Monday. The minister said the policy would be phased in. \"Nobody will be surprised by this at all,\" the minister said.\n";
    assert_eq!(first_quote_speaker(minister), "Budi Santoso Wirawan");
    let judge = "---\nid: a\n---\nU.S. District Judge Patricia Okonkwo-Reyes told Walter Brandt, 63, that his crime had betrayed the town. \"These were firefighters and librarians,\" the judge said.\n";
    assert_eq!(first_quote_speaker(judge), "Patricia Okonkwo-Reyes");
    // Two ministers leave "the minister" to no one named.
    let two = "---\nid: a\n---\nForeign Minister Ana Lopes met Defence Minister Rui Costa. \"We agreed on every point,\" the minister said.\n";
    assert!(names_no_one(two));
    // Someone unnamed brought in with the noun since is whom it means.
    let unnamed = "---\nid: a\n---\nTrade Minister Budi Santoso Wirawan spoke on Monday. Later a junior minister from Sulawesi spoke too. \"Nobody told us about this plan,\" the minister said.\n";
    assert!(names_no_one(unnamed));
}

#[test]
fn a_day_after_the_subjects_appositive_is_no_speaker() {
    let text = "---\nid: a\n---\nRecep Tayyip Erdogan, Turkey's President, on Sunday vowed to retaliate after claiming that \"Nazism is alive in the West.\"\n";
    assert_eq!(first_quote_speaker(text), "Recep Tayyip Erdogan");
}

#[test]
fn a_named_persons_family_is_not_the_person() {
    for text in [
        "---\nid: a\n---\nSinger George Michael died. Michael's family said: \"We can confirm that the funeral took place today.\"\n",
        "---\nid: a\n---\nSinger George Michael died. The full statement from Michael's family read: \"We can confirm that the funeral took place today.\"\n",
    ] {
        assert!(
            matches!(first_quote_speaker_kind(text), QuoteSpeaker::Unnamed(_)),
            "{text}"
        );
    }
}

#[test]
fn she_goes_on_past_a_man_named_since() {
    let text = "---\nid: a\n---\nMayor Sandra Kowalczyk said the city could not afford it, but Fire Chief Dennis Mabry said lives were at risk. \"Those numbers assume the worst case,\" she said. Mabry also said the mayor had not visited. \"She has never once come to see us,\" he said. \"I have been there twice this spring,\" she said in response.\n";
    let speakers = quote_speakers(text);
    assert_eq!(
        speakers,
        ["Sandra Kowalczyk", "Dennis Mabry", "Sandra Kowalczyk"]
    );
}

#[test]
fn a_quote_brought_in_by_a_colon_is_not_the_next_sentences() {
    let text = "---\nid: a\n---\nYasser Arafat spoke in Ramallah. Mr Arafat told reporters: \"We will never give up our rights.\" Ariel Sharon replied later.\n";
    assert_eq!(first_quote_speaker(text), "Yasser Arafat");
}

#[test]
fn a_relay_that_goes_on_past_its_saying_is_not_the_quotes() {
    // The relayed words are the clause after "as saying", not the quote.
    let text = "---\nid: a\n---\n\"The talks have failed completely,\" Hamid Karzai said, and the agency quoted an aide as saying the meeting was over.\n";
    assert_eq!(first_quote_speaker(text), "Hamid Karzai");
}

#[test]
fn the_spokesman_in_the_next_sentence_is_the_speaker_just_named() {
    let text = "---\nid: a\n---\n\"We believed he was in the area,\" Rear Admiral John Stufflebeem said in Washington. Asked where bin Laden was now, the Pentagon spokesman said, \"anybody's guess is the latest thinking\".\n";
    let speakers = quote_speakers(text);
    assert_eq!(speakers, ["John Stufflebeem", "John Stufflebeem"]);
}

#[test]
fn a_spokesman_who_is_someone_else_stays_unnamed() {
    let speaker_of_second = |text: &str| {
        let corpus = corpus_of(&[("a.md", text)]);
        let index = PeopleIndex::build(&corpus, &[]);
        index.quotes[1].speaker.clone()
    };
    // An indefinite spokesman is a new, unnamed source.
    let text = "---\nid: a\n---\n\"We will sign,\" Peter Dutton said on Monday. A Pentagon spokesman said, \"nothing is agreed\".\n";
    assert_eq!(
        speaker_of_second(text),
        QuoteSpeaker::Unnamed("A Pentagon spokesman".to_string())
    );
    // Someone's spokesman is not that someone.
    let text = "---\nid: a\n---\n\"We will sign,\" Peter Dutton said on Monday. The minister's spokesman said, \"nothing is agreed\".\n";
    assert!(matches!(speaker_of_second(text), QuoteSpeaker::Unnamed(_)));
    // Two sentences on, the spokesman may be anyone's.
    let text = "---\nid: a\n---\n\"We will sign,\" Peter Dutton said on Monday. Talks went on. The Pentagon spokesman said, \"nothing is agreed\".\n";
    assert!(matches!(speaker_of_second(text), QuoteSpeaker::Unnamed(_)));
    // Another person opening a sentence in between is who he speaks for.
    let text = "---\nid: a\n---\n\"We will sign,\" Peter Dutton said on Monday. Anthony Albanese disagreed, and the spokesman said, \"nothing is agreed\".\n";
    assert!(matches!(speaker_of_second(text), QuoteSpeaker::Unnamed(_)));
}

#[test]
fn a_quote_inside_a_named_persons_words_is_theirs() {
    let text = "---\nid: a\n---\nPublic radio said Shimon Peres had called a meeting to discuss Ariel Sharon's accusation that Yasser Arafat was \"responsible for everything that has happened here\".\n";
    assert_eq!(first_quote_speaker(text), "Ariel Sharon");
    // A said-verb after the words gives the quote to its own subject.
    let text = "---\nid: a\n---\nShimon Peres rejected Ariel Sharon's accusation, and Peres said the talks were \"still alive and worth every effort we make\".\n";
    assert_eq!(first_quote_speaker(text), "Shimon Peres");
}

#[test]
fn two_people_who_say_it_together_give_it_to_the_first_named() {
    let text = "---\nid: a\n---\nHowever, Britain's Prime Minister Tony Blair and US President George W Bush called on all sides \"to do anything they can to stabilise the situation\".\n";
    assert_eq!(first_quote_speaker(text), "Tony Blair");
    // The object of an earlier verb is no part of the subject.
    let text = "---\nid: a\n---\nTony Blair met George W Bush and Jacques Chirac said the meeting was \"a step towards a lasting agreement\".\n";
    assert_eq!(first_quote_speaker(text), "Jacques Chirac");
    // A role before the pair is no verb.
    let text = "---\nid: a\n---\nAnsett administrators Mark Mentha and Mark Korda said in a statement \"the airline will fly again\".\n";
    assert_eq!(first_quote_speaker(text), "Mark Mentha");
}

#[test]
fn a_name_in_the_by_phrase_of_a_statement_is_not_its_speaker() {
    let text = "---\nid: a\n---\nZinni was recalled. A statement issued after a meeting chaired by Palestinian leader Yasser Arafat called for a \"quick return of Zinni and his team\".\n";
    assert_eq!(
        first_quote_speaker_kind(text),
        QuoteSpeaker::Unnamed("A statement".to_string())
    );
    // The agent of a passive verb of speech is the speaker.
    let text = "---\nid: a\n---\nYasser Arafat spoke late yesterday. The address was hailed by United Nations envoy Terje Roed-Larsen as \"a potential turning point in the search\".\n";
    assert_eq!(first_quote_speaker(text), "Terje Roed-Larsen");
}

#[test]
fn a_name_set_beside_the_description_after_the_verb_is_the_speaker() {
    let text =
        "---\nid: a\n---\n\"The economy is in good shape,\" said the Treasurer, Peter Costello.\n";
    assert_eq!(first_quote_speaker(text), "Peter Costello");
    let text = "---\nid: a\n---\n\"We are looking at all the options,\" said the airline's chief executive, Geoff Dixon, yesterday.\n";
    assert_eq!(first_quote_speaker(text), "Geoff Dixon");
    // A clause after the comma names no speaker.
    let text = "---\nid: a\n---\nGeoff Dixon flew in.\n\n\"We are looking at all the options,\" said a spokesman, adding that Geoff Dixon would decide.\n";
    assert_eq!(
        first_quote_speaker_kind(text),
        QuoteSpeaker::Unnamed("a spokesman".to_string())
    );
}

#[test]
fn the_source_after_according_to_is_the_speaker() {
    let before = "---\nid: a\n---\nAccording to Palestinian negotiator Saeb Erakat, \"the talks have failed completely\".\n";
    assert_eq!(first_quote_speaker(before), "Saeb Erakat");
    let after = "---\nid: a\n---\nThe envoy left.\n\n\"The talks have failed,\" according to Palestinian negotiator Saeb Erakat.\n";
    assert_eq!(first_quote_speaker(after), "Saeb Erakat");
    let unnamed = "---\nid: a\n---\nThe envoy left.\n\n\"The talks have failed,\" according to the official news agency.\n";
    assert_eq!(
        first_quote_speaker_kind(unnamed),
        QuoteSpeaker::Unnamed("the official news agency".to_string())
    );
    // A said-verb's own subject comes first.
    let said = "---\nid: a\n---\nAccording to the report, Saeb Erakat said \"the talks have failed completely\".\n";
    assert_eq!(first_quote_speaker(said), "Saeb Erakat");
}

#[test]
fn the_noun_that_brought_in_a_named_speaker_names_them_again() {
    let text = "---\nid: a\n---\nBut a man known as Nick, told Channel Ten he is sure the man detained is his friend. \"He'd gone through six weeks basic training,\" the man said.\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(index.quotes.len(), 1);
    let nick = index.lookup("Nick").expect("Nick");
    assert_eq!(index.quotes[0].speaker, QuoteSpeaker::Person(nick));
    // Another noun, or a man brought in without a name, stays unnamed.
    for text in [
        "---\nid: a\n---\nA man known as Nick, told Channel Ten he is sure. \"He trained for six weeks,\" the woman said.\n",
        "---\nid: a\n---\nNick Smith met a man at the airport. \"He trained for six weeks,\" the man said.\n",
    ] {
        let corpus = corpus_of(&[("a.md", text)]);
        let index = PeopleIndex::build(&corpus, &[]);
        assert!(
            matches!(index.quotes[0].speaker, QuoteSpeaker::Unnamed(_)),
            "{text}: {:?}",
            index.quotes[0].speaker
        );
    }
}

#[test]
fn a_name_and_role_right_after_a_quote_sign_it() {
    let text = "---\nid: a\n---\n# Quotable\n\n\"We can build a system of trust for all the parties.\" Janet Pike, president of the Pike Savings Bank \"We should not simply be a processor for others.\" Deng Jianpeng, vice-president of the China Guitar Institute\n";
    assert_eq!(quote_speakers(text), ["Janet Pike", "Deng Jianpeng"]);
}

#[test]
fn a_name_that_opens_a_sentence_of_its_own_after_a_quote_signs_nothing() {
    let text = "---\nid: a\n---\nThe bank cut its forecast.\n\n\"The market will fall further this year.\" Gregory Pike, an analyst at the bank, disagreed.\n";
    assert!(names_no_one(text));
}

#[test]
fn the_person_before_an_affiliation_read_as_a_name_is_the_speaker() {
    let text = "---\nid: a\n---\nThe firm is fining customers. Speaking on the radio, Des Crinion of Panda Waste said the contamination is a major problem. \"It's unbelievable what comes in in the bins.\"\n";
    assert_eq!(first_quote_speaker(text), "Des Crinion");
}

#[test]
fn a_speaker_after_a_dotted_title_or_a_long_rank_is_found() {
    let text = "---\nid: a\n---\nThe vote was put off.\n\n\"It will be a better bill in the end,\" said Rep. David Brat, a Republican from Virginia.\n\n\"Anyone who seeks to destabilize the country is an enemy,\" Italian army Lt. Gen. Rosario Castellano, deputy commander of the NATO mission in Afghanistan, said in a statement.\n";
    assert_eq!(quote_speakers(text), ["David Brat", "Rosario Castellano"]);
}

#[test]
fn a_given_name_after_a_quote_and_said_is_a_speaker() {
    let text = "---\nid: a\n---\nThe prisoners stormed the wing.\n\n\"We knew they were dead when we saw the videos,\" said Maria, referring to the images.\n\nKim Lee sings in the opera. \"I don't think there is no interest among young people,\" she muses.\n";
    assert_eq!(quote_speakers(text), ["Maria", "Kim Lee"]);
}

#[test]
fn a_name_far_after_a_quote_that_ends_its_sentence_speaks_words_of_its_own() {
    let text = "---\nid: a\n---\nZhi Tao runs the robot maker.\n\n\"It is a huge industry,\" Zhi says. \"The commercial robotics market will reach billions by 2018.\" Wang Tianran, an academician at the China Academy of Engineering, told Xinhua News Agency that robots would spread.\n";
    assert_eq!(quote_speakers(text), ["Zhi Tao", "Zhi Tao"]);
}

#[test]
fn an_owner_after_said_is_not_the_speaker() {
    let text = "---\nid: a\n---\nThe drives are flown to the observatory.\n\n\"Our modules hold the capacity of about 100 laptops,\" said Haystack's Vincent Fish.\n";
    assert_eq!(quote_speakers(text), ["Vincent Fish"]);
}

#[test]
fn a_name_set_beside_an_owners_role_after_said_is_the_speaker() {
    let text = "---\nid: a\n---\nThe kebab shop pulled its top item.\n\n\"We are not getting an adequate supply of meat,\" said Tundey Kababi's owner, Raees Ahmad.\n";
    assert_eq!(quote_speakers(text), ["Raees Ahmad"]);
}

#[test]
fn a_name_after_a_quote_speaks_past_a_long_appositive() {
    let text = "---\nid: a\n---\nThe camp waits. \"We have to wait and see what is going to happen,\" Desilien Simedieu, a community leader at the Carradeux camp, where most people live on less than $3 per day, told Al Jazeera. \"Haftar claims to control most of Libya,\" Oliver Miles, former British ambassador to Libya, told reporters. \"It will pass,\" Jane Doe, a neighbour of Bob Smith, told him.\n";
    assert_eq!(
        quote_speakers(text),
        ["Desilien Simedieu", "Oliver Miles", "Jane Doe"]
    );
    // After a quote that ends its sentence, such a name opens a report of
    // its own.
    let text = "---\nid: a\n---\n\"Dress became less important,\" Keith Lovegrove said. \"Trends mimic what happens on land.\" Janet Bednarek, a history professor at the University of Dayton, told The Huffington Post that the shifts started in the 1970s.\n";
    assert_eq!(quote_speakers(text), ["Keith Lovegrove", "Keith Lovegrove"]);
}

#[test]
fn a_month_the_text_writes_as_a_surname_speaks_alone() {
    let text = "---\nid: a\n---\nPrime Minister Theresa May met the leaders. It may rain in May 2018. \"We will not give up,\" May said. Labour MP Stephen Kinnock asked, \"Will our citizens be traded like chips?\" May replied that a deal would be important. \"It is very simple,\" May told MPs.\n";
    assert_eq!(
        quote_speakers(text),
        ["Theresa May", "Stephen Kinnock", "Theresa May"]
    );
}

#[test]
fn a_correspondent_reports_a_quote() {
    // "reports" after its subject, or as a noun, attributes nothing.
    let text = "---\nid: a\n---\nA choir sang outside parliament. \"It's called an Ode to Joy,\" reported Al Jazeera's Barnaby Phillips.\n\nPress secretary Sean Spicer said on Monday, \"If you look to the office for accuracy, you look in the wrong place,\" pointing to its 2010 reports. Senator Mike Quigley said the minister \"must remove himself from the inquiry,\" the agency reported.\n";
    assert_eq!(
        quote_speakers(text),
        ["Barnaby Phillips", "Sean Spicer", "Mike Quigley"]
    );
}

#[test]
fn a_long_appositive_after_a_named_speaker_keeps_the_quote_theirs() {
    // The appositive takes the said-verb out of the reach of a plain
    // clause after the quote, and ends in the name of a body.
    let text = "---\nid: a\n---\nFears grow. \"As Hosni Mubarak goes free in Egypt, thousands still languish,\" Harriet McCulloch, a deputy director at human rights organisation Reprieve, told Al Jazeera. \"Where are you?\" Adrianne Oyola texted.\n";
    assert_eq!(
        quote_speakers(text),
        ["Harriet McCulloch", "Adrianne Oyola"]
    );
}

#[test]
fn a_portfolio_after_and_and_a_clergy_title_lead_to_the_name() {
    let text = "---\nid: a\n---\n\"The CBO looked at a portion of our plan,\" said Secretary of Health and Human Services Tom Price. In his homily, Fr Francis Bradley described her as \"a cherished grand-daughter\". Du Fang, vice-president of Huace group, says: \"The show will return.\"\n";
    assert_eq!(
        quote_speakers(text),
        ["Tom Price", "Francis Bradley", "Du Fang"]
    );
}

#[test]
fn an_office_before_the_portfolio_and_the_name_gives_the_role() {
    let possessive = "---\nid: a\n---\nThere are no Russian forces in Egypt, spokesman for Russia's Defense Ministry Igor Konashenkov said on Tuesday. \"There are no Russian units there,\" the spokesman said.\n";
    assert_eq!(first_quote_speaker(possessive), "Igor Konashenkov");
    let article = "---\nid: a\n---\nRussian ambassador to the United States Sergey Kislyak met him. \"We discussed the sanctions at length,\" the ambassador said.\n";
    assert_eq!(first_quote_speaker(article), "Sergey Kislyak");
    let brief = "---\nid: a\n---\nOSCE PA Special Representative on Anti-Terrorism Nikolay Kovalev told TASS that lawmakers met. \"Our joint task is to organize the meeting,\" the representative said.\n";
    assert_eq!(first_quote_speaker(brief), "Nikolay Kovalev");
}
