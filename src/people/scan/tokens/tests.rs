//! Tokens: transliteration skeletons, apostrophes and hyphens kept or
//! split, and one reservation for a long text.

use super::*;

#[test]
fn skeletons_meet_across_transliterations() {
    assert_eq!(skeleton("Zelensky"), skeleton("Zelenskiy"));
    assert_eq!(skeleton("Zelenskyy"), skeleton("Zelensky"));
    assert_eq!(skeleton("Syrskyi"), skeleton("Syrsky"));
    assert_ne!(skeleton("Starmer"), skeleton("Trump"));
}

#[test]
fn tokens_keep_apostrophes_and_hyphens() {
    let text = "Sinéad O'Brien met Ignatius Ivlev-Yorke and Zelensky’s aide.";
    let mut tokens = Tokens::new(text);
    tokenize(&mut tokens, 0..text.len());
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.base()]).collect();
    assert_eq!(
        words,
        [
            "Sinéad",
            "O'Brien",
            "met",
            "Ignatius",
            "Ivlev-Yorke",
            "and",
            "Zelensky",
            "aide"
        ]
    );
    assert!(tokens[6].possessive);
    let folded: Vec<&str> = (0..tokens.len()).map(|i| tokens.lower(i)).collect();
    assert_eq!(
        folded,
        [
            "sinead",
            "o'brien",
            "met",
            "ignatius",
            "ivlev-yorke",
            "and",
            "zelensky",
            "aide"
        ]
    );
    // Only the words folding changes keep a copy of their own.
    assert_eq!(
        tokens.folded.joined(),
        "sineado'brienignatiusivlev-yorkezelensky"
    );
}

#[test]
fn a_hyphen_a_scraper_put_for_a_space_parts_two_words() {
    let text = "Sector organiser-Alan O'Leary and Prof-Clough-Gorr said-the plan is up-to-date, the Vice-President said; Ivlev-Yorke is well-known and a must-have. Mr-Pence met Belgacem-was in Obama-era Syria-has.";
    let mut tokens = Tokens::new(text);
    tokenize(&mut tokens, 0..text.len());
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.base()]).collect();
    assert_eq!(
        words,
        [
            "Sector",
            "organiser",
            "Alan",
            "O'Leary",
            "and",
            "Prof",
            "Clough-Gorr",
            "said",
            "the",
            "plan",
            "is",
            "up-to-date",
            "the",
            "Vice-President",
            "said",
            "Ivlev-Yorke",
            "is",
            "well-known",
            "and",
            "a",
            "must",
            "have",
            "Mr",
            "Pence",
            "met",
            "Belgacem",
            "was",
            "in",
            "Obama-era",
            "Syria",
            "has"
        ]
    );
}

#[test]
fn a_lower_case_word_or_a_possessive_joined_to_a_name_is_two_words() {
    let text = "Police prevented-Fatma Kaya from landing, Al Jazeera's-Sinem Koseoglu said; \
                anti-American and ex-President Bush met al-Assad in mid-January.";
    let mut tokens = Tokens::new(text);
    tokenize(&mut tokens, 0..text.len());
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.range()]).collect();
    assert_eq!(
        words,
        [
            "Police",
            "prevented",
            "Fatma",
            "Kaya",
            "from",
            "landing",
            "Al",
            "Jazeera's",
            "Sinem",
            "Koseoglu",
            "said",
            "anti-American",
            "and",
            "ex-President",
            "Bush",
            "met",
            "al-Assad",
            "in",
            "mid-January"
        ]
    );
}

#[test]
fn a_long_text_is_tokenized_into_one_reservation() {
    let paragraph = "The U.K. minister, Sinéad O'Brien, said Zelensky’s aide met \
        Ivlev-Yorke on 3 May 2025 at 10.30 in Kyiv; 30,000 troops (roughly) \
        would follow.\n";
    let text = paragraph.repeat(2000);
    let mut tokens = Tokens::new(&text);
    tokenize(&mut tokens, 0..text.len());
    // Held for the whole scan of an article: no room beyond the
    // reservation, which bounds the tokens found.
    assert_eq!(tokens.list.capacity(), word_starts(&text));
    assert!(tokens.len() <= tokens.list.capacity());
    assert!(tokens.len() * 5 >= tokens.list.capacity() * 4);
}

#[test]
fn a_hyphen_left_after_a_stop_by_joined_paragraphs_ends_the_sentence() {
    let text = "It worked for people.- \"If we are successful, it holds.\" The end.-no";
    let mut tokens = Tokens::new(text);
    tokenize(&mut tokens, 0..text.len());
    let starts = sentence_starts(text, 0..text.len(), &tokens[..]);
    let quote = text.find('"').unwrap();
    let the_end = text.find("The end").unwrap();
    assert_eq!(starts, vec![0, quote, the_end]);
}
