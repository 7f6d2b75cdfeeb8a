//! How claims are read: their names, event words, denials and roles.

use super::*;

fn entity_words(shape: &ClaimShape) -> Vec<Vec<String>> {
    shape.entities.iter().map(|e| e.words.clone()).collect()
}

#[test]
fn names_group_into_entities() {
    let shape = ClaimShape::of("Prime Minister Keir Starmer met the Bank of England's governor");
    assert_eq!(
        entity_words(&shape),
        vec![
            vec!["prime", "minister", "keir", "starmer"],
            vec!["bank", "of", "england"],
        ]
    );
    assert!(shape.entities[0].tentative);
    assert_eq!(shape.terms[shape.entities[0].head()].word, "starmer");
    assert!(shape.entities[1].needs_first());
    assert_eq!(shape.entities[1].acronyms[0], "be");
}

#[test]
fn acronyms_and_their_names() {
    let shape = ClaimShape::of("The report was sent to AFP and the World Health Organization");
    let afp = &shape.entities[0];
    assert!(shape.terms[afp.head()].acronym);
    assert!(
        afp.expansions
            .contains(&vec!["agence".into(), "france".into(), "presse".into()])
    );
    assert!(shape.entities[1].acronyms.contains(&"who".to_string()));
    let rates = ClaimShape::of("The RBA is expected to act");
    let rba = (rates.entities.iter())
        .find(|e| rates.terms[e.head()].acronym)
        .expect("the acronym is an entity");
    assert!(
        rba.expansions
            .contains(&vec!["reserve".into(), "bank".into()])
    );
}

#[test]
fn denied_terms_and_hedges() {
    let shape = ClaimShape::of("The senator did not call for an inquiry");
    let denied: Vec<&str> = (shape.terms.iter())
        .filter(|t| t.denied)
        .map(|t| t.word.as_str())
        .collect();
    assert_eq!(denied, ["inquiry"]);
    assert!(!shape.hedged);
    assert!(ClaimShape::of("The minister reportedly resigned").hedged);
}

fn shape_word(shape: &ClaimShape, verb: Verb) -> Option<&str> {
    match verb {
        Verb::Term(t) => Some(shape.terms[t].word.as_str()),
        Verb::Telling(_) => None,
    }
}

#[test]
fn roles_active_and_passive() {
    let shape = ClaimShape::of("In the final, Kenya defeated Ethiopia");
    let roles = shape.roles[0];
    assert_eq!(roles.agent, Side::Entity(0));
    assert_eq!(roles.patient, Side::Entity(1));
    let shape = ClaimShape::of("The treaty says Ethiopia was defeated by Kenya");
    let roles = shape.roles[0];
    assert_eq!(shape.entities[0].words, ["ethiopia"]);
    assert_eq!(roles.agent, Side::Entity(1));
    let shape = ClaimShape::of("The crew attacked the pirates");
    let roles = shape.roles[0];
    assert_eq!(roles.agent, Side::Term(0));
    assert_eq!(roles.patient, Side::Term(2));
    let shape = ClaimShape::of("Bond was found guilty of abusive language after dismissing Lee");
    let by_names = shape
        .roles
        .iter()
        .find(|r| r.names_only)
        .expect("roles by names");
    assert_eq!(
        (by_names.agent, by_names.patient),
        (Side::Entity(0), Side::Entity(1))
    );
    // Passives that do not say who acted have no roles.
    let passive = ClaimShape::of("Whiting was sentenced to life, with Justice Curtis agreeing");
    assert!((passive.roles.iter()).all(|r| shape_word(&passive, r.verb) != Some("sentenced")));
    let relative = ClaimShape::of("Nauru accepts an agreement linked to Australian aid");
    assert!((relative.roles.iter()).all(|r| shape_word(&relative, r.verb) != Some("linked")));
    let active = ClaimShape::of("Australia linked the aid to Nauru");
    assert!((active.roles.iter()).any(|r| shape_word(&active, r.verb) == Some("linked")));
    assert!(
        ClaimShape::of("Starmer met Trump in Washington")
            .roles
            .is_empty()
    );
}
