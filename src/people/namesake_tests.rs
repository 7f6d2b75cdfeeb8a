//! People who share a surname or a name's words: brothers, mothers and
//! sons, namesakes, and the shorter forms of one person's name. They stay
//! apart unless the text settles who is meant.

use super::tests::{corpus_of, person_starting_at};
use super::*;

/// The person of the name mention that starts `skip` bytes into the first
/// `surface` of `text`, if there is one.
fn person_at(index: &PeopleIndex, text: &str, surface: &str, skip: usize) -> Option<String> {
    let start = text.find(surface).unwrap_or_else(|| panic!("{surface}")) + skip;
    (index.mentions.iter())
        .find(|m| m.range.start == start)
        .map(|m| index.persons[m.person].canonical.clone())
}

#[test]
fn same_surname_different_people_stay_apart() {
    let corpus = corpus_of(&[(
        "a.md",
        "Kyiv Mayor Vitali Klitschko said the shelters were shut. His brother Wladimir Klitschko said the mayor was under pressure.",
    )]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(index.persons.len(), 2, "{:?}", index.persons);
}

#[test]
fn mr_and_mrs_before_a_shared_surname_pick_the_holder_of_that_sex() {
    let text = "Sir Peter Blake was shot on his yacht. His mother, Joyce Blake, was told. Mrs Blake wept. Police said Mr Blake had fought back.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let surname = |surface: &str| person_at(&index, text, surface, surface.len() - "Blake".len());
    assert_eq!(surname("Mrs Blake").as_deref(), Some("Joyce Blake"));
    assert_eq!(surname("Mr Blake").as_deref(), Some("Peter Blake"));
}

#[test]
fn mr_before_a_surname_fits_a_given_name_whose_skeleton_names_the_other_sex() {
    // The skeleton of "Tony" ("toni") is a woman's name in the census
    // lists; the pronoun comes from the name as written.
    let text = "The union secretary, Tony Sheldon, says money was promised. Mr Sheldon says it is late. \
                Teresa Pawlik died in the crash. Wal Pawlik says the family is coping. Mr Pawlik thanked the rescuers.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let after_mr = |surface: &str| person_at(&index, text, surface, "Mr ".len());
    assert_eq!(after_mr("Mr Sheldon").as_deref(), Some("Tony Sheldon"));
    assert_eq!(after_mr("Mr Pawlik").as_deref(), Some("Wal Pawlik"));
    // The only holder of a surname is never turned away by the census.
    let text = "Singer Shirley Strachan died in a crash. Mr Strachan was flying alone.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert!(person_at(&index, text, "Mr Strachan", "Mr ".len()).is_some());
    // "Mrs" beside a man's name is someone else.
    let text = "Peter Pawlik says he is relieved. Mrs Pawlik died in the crash.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(person_at(&index, text, "Mrs Pawlik", "Mrs ".len()), None);
}

#[test]
fn a_bare_surname_goes_to_a_holder_only_when_the_text_settles_which() {
    let text = "Captain Steve Waugh won the toss. Sir Peter Blake was shot. Blake was 53. \
                His mother, Joyce Blake, was told. Mark Waugh made a century. Waugh was out for 102. \
                Blake, the grieving mother, says she is devastated.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let named = |surface: &str| person_at(&index, text, surface, 0);
    // Only Peter Blake is named before it.
    assert_eq!(named("Blake was 53").as_deref(), Some("Peter Blake"));
    // Both brothers are named before it: no guess.
    assert_eq!(named("Waugh was out"), None);
    // "she" says which Blake reports.
    assert_eq!(named("Blake, the grieving").as_deref(), Some("Joyce Blake"));
}

#[test]
fn a_full_name_without_its_first_names_is_the_same_person() {
    let corpus = corpus_of(&[
        (
            "a.md",
            "President Adolfo Rodriguez Saa spoke. \"I'm concerned,\" Mr Rodriguez Saa said.",
        ),
        (
            "b.md",
            "Ahmad Wali Masood, brother of commander Ahmad Shah Masood, said a deal was near. \"I expect a result,\" Wali Masood said.",
        ),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let person = |name: &str| index.lookup(name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(person("Rodriguez Saa"), person("Adolfo Rodriguez Saa"));
    assert_eq!(person("Wali Masood"), person("Ahmad Wali Masood"));
    assert_ne!(person("Wali Masood"), person("Ahmad Shah Masood"));
}

#[test]
fn two_frequent_surnames_of_one_given_name_are_two_people() {
    let corpus = corpus_of(&[
        ("a.md", "Senator John Thomson said the bill would pass."),
        ("b.md", "Coach John Thompson said the team would win."),
        ("c.md", "Premier Mette Frederiksen said yes."),
        ("d.md", "Premier Mette Fredriksen said it again."),
        ("e.md", "Commander Haji Mohammad Zaman said the caves fell."),
        (
            "f.md",
            "Governor Haji Mohammad Zamani said the roads were open.",
        ),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let person = |name: &str| index.lookup(name).unwrap_or_else(|| panic!("{name}"));
    assert_ne!(person("John Thomson"), person("John Thompson"));
    // A spelling no census list has is a misspelling of the other.
    assert_eq!(person("Mette Frederiksen"), person("Mette Fredriksen"));
    // A surname with letters added is another family's.
    assert_ne!(person("Mohammad Zaman"), person("Mohammad Zamani"));
}

#[test]
fn a_given_name_spelt_two_ways_before_a_rare_surname_is_one_person() {
    let corpus = corpus_of(&[
        ("a.md", "Chairman Hamid Karzai said the talks went well."),
        ("b.md", "Interim leader Hamed Karzai said he would visit."),
        ("c.md", "Senator Mark Okonjo said the bill would pass."),
        ("d.md", "Nurse Mary Okonjo said the ward was full."),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let person = |name: &str| index.lookup(name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(person("Hamid Karzai"), person("Hamed Karzai"));
    // Two census given names are two people.
    assert_ne!(person("Mark Okonjo"), person("Mary Okonjo"));
}

#[test]
fn a_given_name_typed_one_letter_off_before_a_frequent_surname_is_one_person() {
    let corpus = corpus_of(&[
        (
            "a.md",
            "Marks Sullivan from the Rural Fire Service says crews are on guard.",
        ),
        (
            "b.md",
            "Mark Sullivan, from the Rural Fire Service, says it is kinder today.",
        ),
        ("c.md", "Senator Mark Sullivan said the bill would pass."),
        ("d.md", "Nurse Mary Sullivan said the ward was full."),
        ("e.md", "Coach Markus Sullivan said the team would win."),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let person = |name: &str| index.lookup(name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(person("Marks Sullivan"), person("Mark Sullivan"));
    // The census spelling names the person.
    assert_eq!(
        index.persons[person("Marks Sullivan")].canonical,
        "Mark Sullivan"
    );
    // Two census given names are two people, as is a name two letters off.
    assert_ne!(person("Mark Sullivan"), person("Mary Sullivan"));
    assert_ne!(person("Marks Sullivan"), person("Markus Sullivan"));
}

#[test]
fn a_name_with_and_without_its_regnal_number_is_one_person() {
    let text = "Pope John Paul II said peace was near. Later John Paul said it again.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let person = |name: &str| index.lookup(name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(person("John Paul II"), person("John Paul"));
    // Two numbers of one name leave the name alone undecided.
    let corpus = corpus_of(&[
        (
            "a.md",
            "Pope John Paul II said peace was near. Later John Paul said it again.",
        ),
        ("b.md", "A Pope John Paul III may one day reign."),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let person = |name: &str| index.lookup(name).unwrap_or_else(|| panic!("{name}"));
    assert_ne!(person("John Paul II"), person("John Paul"));
    assert_ne!(person("John Paul III"), person("John Paul"));
    assert_ne!(person("John Paul III"), person("John Paul II"));
}

#[test]
fn a_full_name_joins_the_surname_an_honorific_confirms_whatever_else_its_words_name() {
    // "Bill" is also a law and "Peel" a place; "Mr Peel said" shows that
    // the article writes a person's surname.
    let text = "---\nid: a\n---\nThe court ruled on Monday. Bill Peel of Mackay welcomed the verdict. \"It was a fair result,\" Mr Peel said.\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let names: Vec<&str> = index.persons.iter().map(|p| p.canonical.as_str()).collect();
    assert_eq!(names, ["Bill Peel"]);
    // Without the honorific, neither word is taken for a name.
    let text =
        "---\nid: a\n---\nThe court ruled on Monday. Bill Peel of Mackay welcomed the verdict.\n";
    let corpus = corpus_of(&[("a.md", text)]);
    assert!(PeopleIndex::build(&corpus, &[]).persons.is_empty());
}

#[test]
fn a_surname_one_letter_off_is_the_article_holder_it_misspells() {
    let text = "Richard Romaszko was rafting when the swell hit. Mr Romaszko swam ashore. \
                Mr Romanszko says he went into survival mode.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        person_at(&index, text, "Mr Romanszko", "Mr ".len()).as_deref(),
        Some("Richard Romaszko")
    );
    assert_eq!(index.persons.len(), 1, "{:?}", index.persons);
    // A surname the article gives a full name is that holder's, not a
    // misspelling of a near one; nor is a short surname one.
    let first =
        "Mark Waugh was out for 20. Steven Waughs is a painter. Mr Waughs said he was glad.";
    let corpus = corpus_of(&[("a.md", first)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        person_at(&index, first, "Mr Waughs", "Mr ".len()).as_deref(),
        Some("Steven Waughs")
    );
    let text = "Brett Lee bowled well. Mr Lees said the pitch was slow.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_ne!(
        person_at(&index, text, "Mr Lees", "Mr ".len()).as_deref(),
        Some("Brett Lee")
    );
}

#[test]
fn dr_before_a_bare_surname_is_a_person_of_its_own_beside_holders_never_titled_so() {
    let president = "Nauru's President Rene Harris said the asylum seekers would stay.";
    let lecturer = "A law lecturer is proposing three referenda. Doctor Harris says all Australians must choose.";
    let corpus = corpus_of(&[("a.md", president), ("b.md", lecturer)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let lecturer_key = &corpus.article(1).key;
    let harris = lecturer.find("Harris").expect("Harris");
    let person_there = index
        .mentions_in(lecturer_key)
        .find(|m| m.range.start == harris)
        .map(|m| index.persons[m.person].canonical.as_str());
    assert_eq!(person_there, Some("Harris"), "{:?}", index.persons);
    // A holder written with the title somewhere is the one meant.
    let scientist = "Professor Alan Trounson leads the stem cell centre.";
    let later = "Professor Trounson says the work must go on.";
    let corpus = corpus_of(&[("a.md", scientist), ("b.md", later)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(index.persons.len(), 1, "{:?}", index.persons);
    assert_eq!(index.persons[0].canonical, "Alan Trounson");
}

#[test]
fn initials_join_the_names_they_stand_for() {
    let corpus = corpus_of(&[
        (
            "a.md",
            "India's Home Minister Lal Krishna Advani released the claims yesterday.",
        ),
        (
            "b.md",
            "India's Home Minister, LK Advani, has been quoted by Reuters. Mr Advani said so.",
        ),
        (
            "c.md",
            "Economist Lars Karlsson said the rate was high. A second economist, LK Andersen, agreed.",
        ),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let advani: Vec<_> = (index.persons.iter())
        .filter(|p| p.canonical.ends_with("Advani"))
        .collect();
    assert_eq!(advani.len(), 1, "{:?}", index.persons);
    // A given name is no initials: "Ed Smith" is not "Edward D Smith" by
    // its letters.
    let corpus = corpus_of(&[
        ("a.md", "Economist Edward D Smith said the rate was high."),
        ("b.md", "Economist Ed Smith said the rate was low."),
    ]);
    let smiths = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        (smiths.persons.iter())
            .filter(|p| p.canonical.ends_with("Smith"))
            .count(),
        2,
        "{:?}",
        smiths.persons
    );
    // Initials of another surname stay another's.
    assert!(
        index.persons.iter().any(|p| p.canonical == "LK Andersen"),
        "{:?}",
        index.persons
    );
}

#[test]
fn a_month_after_a_given_name_or_an_honorific_is_a_surname() {
    let text = "Prime Minister Theresa May said the talks would go on. In May the talks stalled, and on May 3 they ended. Mrs May met the press.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        person_at(&index, text, "Theresa May", 0).as_deref(),
        Some("Theresa May")
    );
    assert_eq!(
        person_at(&index, text, "Mrs May", "Mrs ".len()).as_deref(),
        Some("Theresa May")
    );
    assert_eq!(person_at(&index, text, "In May", "In ".len()), None);
    assert_eq!(person_at(&index, text, "May 3", 0), None);
}

#[test]
fn a_nickname_in_quote_marks_is_part_of_the_name_it_stands_in() {
    let texts = [
        ("a.md", "Nurse Sarah Ryan said the ward was full."),
        (
            "b.md",
            "Chief William \"Ryan\" Owens was killed in the raid. His widow, Carryn Owens, wept. \"Ryan's legacy is etched into eternity,\" the President said.",
        ),
    ];
    let corpus = corpus_of(&texts);
    let index = PeopleIndex::build(&corpus, &[]);
    let mut names: Vec<&str> = index.persons.iter().map(|p| p.canonical.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["Carryn Owens", "Sarah Ryan", "William \"Ryan\" Owens"]
    );
    let widow = (index.persons.iter())
        .position(|p| p.canonical == "Carryn Owens")
        .unwrap();
    let widow_mentions = (index.mentions.iter())
        .filter(|m| m.person == widow)
        .count();
    assert_eq!(widow_mentions, 1);
    assert_eq!(
        person_starting_at(&index, &texts, 1, "Ryan's").as_deref(),
        Some("William \"Ryan\" Owens")
    );
}

#[test]
fn a_reigning_name_that_speaks_is_a_person_whoever_else_has_it_as_a_given_name() {
    let pope = "Pope Francis said on Sunday: \"We must help the poor and the weak.\" Francis spoke in Rome.";
    let priest = "Fr Francis Bradley said the parish was open to all.";
    let teen = "Police are searching for Elizabeth Thomas, 15. Elizabeth was last seen on Monday.";
    let queen = "Queen Elizabeth said the visit had been \"a great honour for us all\".";
    let corpus = corpus_of(&[
        ("a.md", pope),
        ("b.md", priest),
        ("c.md", teen),
        ("d.md", queen),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        person_at(&index, pope, "Francis said", 0).as_deref(),
        Some("Francis")
    );
    assert_eq!(
        person_at(&index, pope, "Francis spoke", 0).as_deref(),
        Some("Francis")
    );
    assert_eq!(
        person_at(&index, queen, "Elizabeth", 0).as_deref(),
        Some("Elizabeth")
    );
    // The queen's name alone takes no given name from the one named so.
    let teen_elizabeth = person_at(&index, teen, "Elizabeth was", 0);
    assert_eq!(teen_elizabeth.as_deref(), Some("Elizabeth Thomas"));
    // A reign named only in passing names no one.
    let film = "He played the lead in The Madness of King George.";
    let footballer = "George Best said he would \"never play for them again\".";
    let index = PeopleIndex::build(&corpus_of(&[("a.md", film), ("b.md", footballer)]), &[]);
    assert_eq!(person_at(&index, film, "George", 0), None);
}

#[test]
fn a_nickname_beside_its_given_name_in_one_article_is_one_person() {
    let fight = "Danny Jacobs lost on points. \"I think I won the fight,\" Jacobs said. Daniel Jacobs was knocked down in the fourth round.";
    let minister = "Health Secretary Tom Price said the bill would pass.";
    let curator = "The curator of the museum, Thomas Price, backs the idea.";
    let corpus = corpus_of(&[("a.md", fight), ("b.md", minister), ("c.md", curator)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let person = |name: &str| index.lookup(name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(person("Danny Jacobs"), person("Daniel Jacobs"));
    let jacobs = &index.persons[person("Daniel Jacobs")].canonical;
    assert_eq!(
        person_at(&index, fight, "Jacobs said", 0).as_ref(),
        Some(jacobs)
    );
    // In two articles, a nickname and a given name may be two people.
    assert_ne!(person("Tom Price"), person("Thomas Price"));
}

#[test]
fn a_family_name_written_first_calls_its_holder_whoever_has_it_last_elsewhere() {
    let premier =
        "Premier Li Keqiang promised blue skies. Asked about smog, Mr Li repeated his pledge.";
    let actor = "The actor Jet Li said he would return to China.";
    let corpus = corpus_of(&[("a.md", premier), ("b.md", actor)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        person_at(&index, premier, "Mr Li", 3).as_deref(),
        Some("Li Keqiang")
    );
}

#[test]
fn a_word_written_twice_across_a_lost_sentence_break_is_two_names() {
    let text = "President Donald Trump spoke. OPINION: Mexico needs to stop accommodating Trump Trump has also wrought havoc. Foreign Minister Abdullah Abdullah said the talks went well. Analyst Li Li agreed.";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let names: Vec<&str> = index.persons.iter().map(|p| p.canonical.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        ["Donald Trump", "Abdullah Abdullah", "Li Li"]
            .iter()
            .all(|n| names.contains(n))
    );
    assert_eq!(
        person_at(&index, text, "Trump Trump", 0).as_deref(),
        Some("Donald Trump")
    );
}

#[test]
fn a_lone_word_that_speaks_is_a_person_whoever_else_has_it_as_a_given_name() {
    let tourist = "Martin asked for a photograph with the officer. \"I asked the officer if a photo was OK,\" Martin told CNN.";
    let photographer = "The photographer Martin Schoeller shot the portraits.";
    let passing = "How Martin Schoeller works. Later Martin went home.";
    let corpus = corpus_of(&[("a.md", tourist), ("b.md", photographer)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        person_at(&index, tourist, "Martin told", 0).as_deref(),
        Some("Martin")
    );
    // A given name alone that never speaks is still no one's but the
    // full name's in its own article.
    let corpus = corpus_of(&[("a.md", passing), ("b.md", photographer)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_ne!(
        person_at(&index, passing, "Martin went", 0).as_deref(),
        Some("Martin")
    );
}

#[test]
fn a_child_brought_in_by_an_age_is_not_the_corpus_holder_of_its_name() {
    let report = "In the report, one father named Firas recounted how his 3-year-old, Saeed, had been affected. \"I wanted to become a doctor,\" 6-year-old Ahmad is quoted as saying.";
    let official = "Lashkar founder Hafiz Mohammed Saeed was detained. Saeed said the charges were false. CAF president Ahmad Ahmad was elected. Ahmad said he would serve.";
    let elsewhere = "Saeed told a rally that he would fight on.";
    let corpus = corpus_of(&[("a.md", report), ("b.md", official), ("c.md", elsewhere)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        person_at(&index, report, "Saeed, had", 0).as_deref(),
        Some("Saeed")
    );
    assert_eq!(
        person_at(&index, report, "Ahmad is", 0).as_deref(),
        Some("Ahmad")
    );
    // The holders keep their own lone names, and a bare surname with no
    // introduction is still the corpus's holder.
    assert_eq!(
        person_at(&index, official, "Saeed said", 0).as_deref(),
        Some("Hafiz Mohammed Saeed")
    );
    assert_eq!(
        person_at(&index, official, "Ahmad said", 0).as_deref(),
        Some("Ahmad Ahmad")
    );
    assert_eq!(
        person_at(&index, elsewhere, "Saeed told", 0).as_deref(),
        Some("Hafiz Mohammed Saeed")
    );
}

#[test]
fn a_lone_word_the_text_calls_she_is_no_man_of_that_surname() {
    let tourist = "Martin spotted an officer and was intrigued by his hat, so she asked to take a photo. \"I asked the officer if a photo was OK,\" Martin told CNN. Later Martin saw the news and was wondering if the officer she took a photo with was safe.";
    let justice =
        "Chief Justice Wayne Martin said the law was clear. Martin said he would rule soon.";
    let corpus = corpus_of(&[("a.md", tourist), ("b.md", justice)]);
    let index = PeopleIndex::build(&corpus, &[]);
    assert_eq!(
        person_at(&index, tourist, "Martin told", 0).as_deref(),
        Some("Martin")
    );
    assert_eq!(
        person_at(&index, justice, "Martin said he", 0).as_deref(),
        Some("Wayne Martin")
    );
}

#[test]
fn a_couple_sharing_a_surname_are_two_people_told_apart_by_honorific() {
    let text = "---\nid: a\n---\nAn image of Mike and Julie Bennet was released. Mr Bennet died on 6 February. Mrs Bennet died five days later.\n";
    let corpus = corpus_of(&[("a.md", text)]);
    let index = PeopleIndex::build(&corpus, &[]);
    let holder = |surface: &str, skip: usize| person_at(&index, text, surface, skip);
    assert_eq!(holder("Mr Bennet", 3), holder("Mike", 0));
    assert_eq!(holder("Mrs Bennet", 4).as_deref(), Some("Julie Bennet"));
    assert!(holder("Mike", 0).is_some());
}

#[test]
fn a_given_name_joined_to_a_full_name_shares_its_surname() {
    let text = "An image of Mike and Julie Bennet was released. The horse is owned by Alan and Ann Potts. Hayward and Qantas Airways agreed.";
    let scan = scan::scan(text, &[(scan::Region::Body, 0..text.len())]);
    let words: Vec<(&str, Vec<String>)> = (scan.candidates.iter())
        .map(|c| (&text[c.range.clone()], c.words.clone()))
        .filter(|(surface, _)| ["Mike", "Alan", "Hayward"].contains(surface))
        .collect();
    assert_eq!(
        words,
        [
            ("Mike", vec!["mike".to_string(), "bennet".to_string()]),
            ("Alan", vec!["alan".to_string(), "potts".to_string()]),
            ("Hayward", vec!["hayward".to_string()]),
        ]
    );
}

#[test]
fn a_surname_with_a_capitalised_particle_does_not_name_two_people_who_share_it() {
    let corpus = corpus_of(&[
        (
            "a.md",
            "---\nid: a\n---\nMarine Le Pen spoke in Lyon. Le Pen said the vote was close. Le Pen later left.\n",
        ),
        (
            "b.md",
            "---\nid: b\n---\nJean-Marie Le Pen was fined. Le Pen said he would appeal. Le Pen is 88.\n",
        ),
    ]);
    let index = PeopleIndex::build(&corpus, &[]);
    let mut names: Vec<&str> = (index.persons.iter())
        .map(|p| p.canonical.as_str())
        .collect();
    names.sort();
    assert_eq!(names, ["Jean-Marie Le Pen", "Marine Le Pen"]);
}
