//! The passage model on small articles: support held together in one
//! passage, denials, opposite outcomes, swapped roles, hedges, acronyms.

use std::path::PathBuf;

use super::shape::ClaimShape;
use super::*;
use crate::article::Article;

fn corpus(bodies: &[&str]) -> Corpus {
    let articles = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let text = format!("---\ntitle: T{i}\ndate: 2024-03-05\nsource: S\n---\n{body}\n");
            Article::parse(PathBuf::from(format!("/a{i}.md")), format!("a{i}.md"), text)
        })
        .collect();
    Corpus::new(articles)
}

/// The verdict on `claim` of the one article `body`, and the words the
/// passage shows as its cue, if any.
fn judge(claim: &str, body: &str) -> (Verdict, Option<String>) {
    let corpus = corpus(&[body]);
    let shape = ClaimShape::of(claim);
    let found = match_article(&corpus, &shape, 0);
    let cue = match &found.verdict {
        Verdict::Contradicted { cue, .. } | Verdict::Hedged { cue } => {
            Some(corpus.article(0).text[cue.clone()].to_string())
        }
        _ => None,
    };
    (found.verdict, cue)
}

fn contradicted(claim: &str, body: &str) -> String {
    match judge(claim, body) {
        (Verdict::Contradicted { .. }, Some(cue)) => cue,
        other => panic!("{claim}: expected a contradiction, got {other:?}"),
    }
}

fn supported(claim: &str, body: &str) {
    let (verdict, _) = judge(claim, body);
    assert_eq!(verdict, Verdict::Supported, "{claim}");
}

fn unsupported(claim: &str, body: &str) {
    let (verdict, _) = judge(claim, body);
    assert!(
        matches!(
            verdict,
            Verdict::Unsupported | Verdict::Hedged { .. } | Verdict::SaidByAnother { .. }
        ),
        "{claim}: {verdict:?}"
    );
}

#[test]
fn a_denial_contradicts() {
    let body = "Lawmakers met on Monday. Senator Hale is not calling for an inquiry into the port, \
                aides said. The port reopened last week.";
    assert_eq!(
        contradicted("Senator Hale called for an inquiry into the port", body),
        "is not calling for"
    );
    supported(
        "Senator Hale did not call for an inquiry into the port",
        body,
    );
}

#[test]
fn an_opposite_outcome_contradicts() {
    let body = "The union said it was worried by the offer from the council. Talks resume soon.";
    assert_eq!(
        contradicted("The union welcomed the council's offer", body),
        "was worried"
    );
    let body = "Officials said profits fell by a fifth in the last quarter.";
    assert_eq!(
        contradicted("Profits rose in the last quarter", body),
        "fell"
    );
    supported("Profits declined in the last quarter", body);
}

#[test]
fn support_is_one_passage_not_words_scattered() {
    let body = "Rubio arrived in Riyadh on Monday. The weather was hot. \
                Officials talked about trade with several delegations. \
                Lavrov was in Moscow, where he met the press. \
                Analysts expect little progress.";
    unsupported("Rubio met Lavrov in Riyadh", body);
    supported(
        "Rubio met Lavrov in Riyadh",
        "Rubio met Lavrov in Riyadh on Tuesday, officials said.",
    );
}

#[test]
fn synonyms_and_inflections_support() {
    supported(
        "Rebels attacked the convoy near Goma",
        "The convoy was hit by rebels near Goma on Sunday.",
    );
}

#[test]
fn swapped_roles_contradict() {
    let body = "In the final on Sunday, Ethiopia defeated Kenya by two goals.";
    let cue = contradicted("Kenya defeated Ethiopia in the final", body);
    assert_eq!(cue, "Ethiopia defeated Kenya");
    supported("Ethiopia defeated Kenya in the final", body);
    supported("Kenya was defeated by Ethiopia in the final", body);
}

#[test]
fn a_hedge_does_not_support_a_firm_claim() {
    let body = "The minister has reportedly resigned over the scandal, local media said.";
    let (verdict, cue) = judge("The minister resigned over the scandal", body);
    assert!(matches!(verdict, Verdict::Hedged { .. }), "{verdict:?}");
    assert_eq!(cue.as_deref(), Some("reportedly"));
    supported("The minister reportedly resigned over the scandal", body);
}

#[test]
fn acronyms_support_names_and_names_acronyms() {
    supported(
        "Police told AFP the bridge had collapsed",
        "Police told Agence France-Presse that the bridge had collapsed.",
    );
    supported(
        "The World Health Organization declared an emergency",
        "The WHO declared an emergency on Friday.",
    );
}

#[test]
fn a_name_named_earlier_is_carried() {
    supported(
        "Starmer promised more money for defence",
        "Keir Starmer flew to Washington. He promised more money for defence.",
    );
}

#[test]
fn paraphrases_in_other_forms_support() {
    supported(
        "Hawthorne received an Oscar nomination",
        "Hawthorne was nominated for an Oscar for the film.",
    );
    supported(
        "Sharon broke off contact with Arafat",
        "Sharon severed all ties with Arafat last week.",
    );
    supported(
        "Richards said the rain brought little relief",
        "Richards said there hasn't been much relief from the rain.",
    );
    supported(
        "The banks passed the cut on in full",
        "The cut has been quickly passed on in full by all the major banks.",
    );
    supported(
        "Evans thinks rates will fall",
        "Evans said rates will fall.",
    );
    // The claim's own word decides, not one the lexicon likens to it.
    supported(
        "Lee was not suspended",
        "Lee has not been suspended for any games. \
         Hendriks found Lee guilty after dismissing Bond at the end of the innings.",
    );
}

#[test]
fn converse_verbs_agree_when_their_sides_swap() {
    let body = "The Dutch team scored a decisive victory over unseeded Norway in Perth.";
    supported("Norway lost to the Dutch team in Perth", body);
    let body = "Keller beat Horvat in straight sets on Tuesday.";
    supported("Horvat lost to Keller in straight sets", body);
    assert_eq!(
        contradicted("Keller lost to Horvat in straight sets", body),
        "beat"
    );
    supported("Horvat was beaten by Keller in straight sets", body);
    supported(
        "The Coalition won the election",
        "Labor lost the election to the Coalition on Saturday.",
    );
    contradicted("Keller was beaten by Horvat in straight sets", body);
}

#[test]
fn a_passive_without_its_agent_or_a_place_tells_no_roles() {
    supported(
        "Wollongong Hospital suspended six midwives",
        "Six midwives have been suspended at Wollongong Hospital, south of Sydney.",
    );
    supported(
        "Injury forced Boje out of the squad",
        "Boje was forced to withdraw from the squad before the tour due to injury.",
    );
}

#[test]
fn a_clause_about_someone_else_neither_agrees_nor_disagrees() {
    supported(
        "No deaths were recorded in Tasmania",
        "Queensland and Victoria have each recorded three deaths, while Tasmania remains fatality free.",
    );
    // A capital inside a sentence is a name, not a word the lexicon opposes.
    supported(
        "Firefighters built a containment line along the highway",
        "Firefighters built a containment line along the Great Western Highway overnight.",
    );
}

#[test]
fn an_acronym_matches_the_short_form_of_its_name() {
    supported(
        "The RBA cut official interest rates",
        "The Reserve Bank has cut official interest rates again.",
    );
}

#[test]
fn an_attribution_after_the_claim_does_not_hide_its_event() {
    let body = "Witnesses said the gunman may have fled towards the river.";
    let (verdict, _) = judge("The gunman fled towards the river, witnesses said", body);
    assert!(matches!(verdict, Verdict::Hedged { .. }), "{verdict:?}");
}

#[test]
fn opposite_pairs_of_news_words_contradict() {
    let body = "The ministry said the storms hampered the rescuers. Officials said the trawler \
                ignored orders to stop. The council promised a harsh response. The inspector \
                said the driver suffered only minor injuries. The mayor said the roads were \
                pretty good. The union says it respects the findings of the inquiry.";
    contradicted("The ministry said the storms helped the rescuers", body);
    contradicted("The trawler obeyed orders to stop", body);
    contradicted("The council promised a restrained response", body);
    contradicted("The driver was seriously injured", body);
    contradicted("The mayor said the roads were poor", body);
    contradicted("The union rejected the findings of the inquiry", body);
    supported("The union respected the findings of the inquiry", body);
    let body = "The committee said inflation was likely to edge lower. Mr Dixon claims the \
                workers earn 28 per cent above average earnings. On Sunday the crew deployed a \
                small satellite.";
    contradicted("The committee said inflation was likely to rise", body);
    contradicted(
        "Mr Dixon said the workers earn less than average earnings",
        body,
    );
    contradicted("The crew retrieved a small satellite", body);
}

#[test]
fn in_no_way_denies() {
    let body = "Justice Curtis said the man was in no way mentally unwell.";
    let cue = contradicted("Justice Curtis said the man was mentally unwell", body);
    assert!(cue.contains("in no way"), "{cue}");
}

#[test]
fn a_name_is_carried_only_into_a_passage_that_refers_to_someone_unnamed() {
    let body = "Captain Guy Forget says the victory makes up for the defeat in Nice. Escude says \
                the win is the highlight of his career. The Palestinian Authority has launched a \
                crackdown on Islamic militants.";
    unsupported(
        "Guy Forget criticised the Palestinian Authority's crackdown on Islamic militants",
        body,
    );
    let body = "Captain Guy Forget says the victory makes up for the defeat in Nice. Escude says \
                the win is the highlight of his career. In fact, he has also praised the crowd.";
    supported("Guy Forget praised the crowd", body);
}

#[test]
fn an_agent_noun_before_a_name_makes_that_name_the_doer() {
    let body = "Cup winner Sir Peter Blake was killed in Brazil today, his sponsors said.";
    assert_eq!(contradicted("Blake lost the Cup", body), "winner");
    supported("Blake won the Cup", body);
}

#[test]
fn another_agent_in_the_verbs_own_clause_leaves_the_claim_unsupported() {
    let body = "Prosecutor Timothy Langdale told the jury how the defendant threw the child into \
                the back of his red car.";
    unsupported(
        "Timothy Langdale threw the child into the back of a red car",
        body,
    );
    let body = "Mr Baker says Mr Reid is a petty criminal who had converted to Islam in jail.";
    supported("Reid had converted to Islam in jail", body);
}

#[test]
fn the_one_an_article_is_about_may_be_him_anywhere() {
    let body = "Pat Rafter withdrew with an arm injury. Rafter did not attend the media \
                conference. Officials said Rafter was tired. However Todd Woodbridge criticised \
                the media for wanting to ask him about his future plans.";
    supported(
        "Todd Woodbridge criticised the media for wanting to ask Rafter about his plans",
        body,
    );
}

#[test]
fn a_group_word_carries_every_name_of_the_sentence_beside() {
    let body = "The crew of Ann Lowe, Ben Marsh and Carl Ness left the base on Monday. \
                Replacing the trio are Dana Reyes and Eli Stone, who arrived last week.";
    supported(
        "Dana Reyes and Eli Stone replaced Ann Lowe, Ben Marsh and Carl Ness",
        body,
    );
    // Without a word for the group, names of the sentence before are not
    // carried into it.
    let body = "The crew of Ann Lowe, Ben Marsh and Carl Ness left the base on Monday. \
                Replacing staff are Dana Reyes and Eli Stone, who arrived last week.";
    unsupported(
        "Dana Reyes and Eli Stone replaced Ann Lowe, Ben Marsh and Carl Ness",
        body,
    );
}

#[test]
fn phrasal_verbs_contradict_their_opposites() {
    let body = "The minister met union leaders on Monday. The union turned down the pay offer, \
                its secretary said.";
    assert_eq!(
        contradicted("The union accepted the pay offer", body),
        "turned down"
    );
    supported("The union rejected the pay offer", body);
    let body = "Judge Hale refused bail but left open the possibility of release later.";
    contradicted("Judge Hale ruled out release later", body);
}

#[test]
fn whose_offer_it_is_may_go_unsaid_of_the_one_the_article_is_about() {
    let body = "President Hale says the country wants peace. President Hale repeated his offer of \
                talks. Hale said he was willing to meet. Rivland ruled out any face-to-face talks.";
    contradicted("Rivland accepted Hale's offer of face-to-face talks", body);
    // Someone named once is not carried so.
    let body = "President Hale spoke on Monday. The weather was fine. Rain fell in the north. \
                Rivland ruled out any face-to-face talks.";
    unsupported("Rivland accepted Hale's offer of face-to-face talks", body);
}

#[test]
fn a_clause_of_time_before_the_subject_is_the_subjects_doing() {
    let body = "The race began on Monday. After leading since the race began Kontrol crossed the line \
                at 2:15am.";
    contradicted("Kontrol trailed the fleet for most of the race", body);
    supported("Kontrol led the fleet for most of the race", body);
}

#[test]
fn a_denied_verb_of_saying_is_the_claims_event() {
    let body = "The safety authority says it has already warned operators of the dangers of lean \
                fuel mixtures.";
    contradicted(
        "The safety authority said it had not warned operators about lean fuel mixtures",
        body,
    );
    supported(
        "The safety authority said it had warned operators about lean fuel mixtures",
        body,
    );
}

#[test]
fn a_catch_taken_is_not_a_catch_dropped() {
    let body = "On the next ball, Bichel snatched a sharp return catch to dismiss Klusener.";
    assert_eq!(
        contradicted("Bichel dropped a sharp return catch off Klusener", body),
        "snatched"
    );
}

#[test]
fn wordnet_antonyms_contradict() {
    let cue = contradicted(
        "The council strengthened the building rules",
        "The council weakened the building rules on Monday, the mayor said.",
    );
    assert_eq!(cue, "weakened");
    let cue = contradicted(
        "Officials were able to reach the crew",
        "Officials were unable to reach the crew on Tuesday.",
    );
    assert_eq!(cue, "were unable");
    // Words WordNet opposes in a sense news rarely means are left out.
    supported(
        "The minister added the rules were like the old ones",
        "The minister added that the rules were like the old ones.",
    );
}

#[test]
fn the_mention_acting_on_the_claims_object_decides() {
    let body = "Magistrate Ann Cole refused to hear evidence from Lee, 31, but left open the \
                possibility of his transfer later. The hearing ended at noon.";
    let cue = contradicted("Ann Cole ruled out Lee's transfer", body);
    assert_eq!(cue, "left open");
    supported("Ann Cole left open Lee's transfer", body);
    // Another subject's clause is not the claim's.
    let body = "Magistrate Ann Cole refused to hear evidence from Lee, but Judge Max Ford left \
                open the possibility of his transfer later.";
    assert!(!matches!(
        judge("Ann Cole ruled out Lee's transfer", body).0,
        Verdict::Contradicted { .. }
    ));
}

#[test]
fn a_plain_negation_denies_the_whole_phrase_it_heads() {
    let body = "A senior union official said the strike would end on Friday. He said the union \
                was not going to make a formal complaint, but would talk to the company.";
    let cue = contradicted(
        "The union official said the union would make a formal complaint",
        body,
    );
    assert_eq!(cue, "was not going to make");
    supported("A union official said the strike would end on Friday", body);
}

#[test]
fn a_wordnet_synonym_supports_and_its_denial_contradicts() {
    let body = "The minister reiterated the offer of talks on Monday.";
    supported("The minister repeated the offer of talks", body);
    let body = "The minister did not repeat the offer of talks on Monday.";
    assert_eq!(
        contradicted("The minister reiterated the offer of talks", body),
        "did not repeat"
    );
}

#[test]
fn words_given_to_someone_else_do_not_support_a_claim_of_who_said_them() {
    let body = "Talks went on all week. \"The port will close, and the minister, Maria Lopez, \
                knows it,\" Mr Grant said.";
    let (verdict, _) = judge("Maria Lopez said the port would close", body);
    let Verdict::SaidByAnother { cue } = verdict else {
        panic!("expected the words given to another, got {verdict:?}");
    };
    assert_eq!(&corpus(&[body]).article(0).text[cue], "Mr Grant");
    supported("Mr Grant said the port would close", body);
    // The claim's speaker in full after the verb, or as "he".
    supported(
        "Ken Hale said the port would close",
        "The port will close this year, said Ken Hale.",
    );
    supported(
        "Ken Hale said the port would close",
        "Ken Hale spoke on Monday. He said the port would close.",
    );
}

#[test]
fn a_title_before_a_name_is_not_the_event() {
    let body = "Six staff were found guilty. Two guides were acquitted. The hearing went on. \
                General manager Ann Cole received five months and a fine.";
    unsupported("General manager Ann Cole was acquitted", body);
    supported("General manager Ann Cole received five months", body);
}
