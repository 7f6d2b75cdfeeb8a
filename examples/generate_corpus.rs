//! A deterministic corpus for benchmarks and scale tests: N articles in news
//! style (the three metadata forms, people with titles, attributed quotes,
//! numbers, dates) and notes with a chosen mix of clean and faulty claims.
//!
//!   cargo run --release --example generate_corpus -- --articles 10000 --out /tmp/corpus
//!
//! Writes `OUT/sources/NNN/*.{md,txt}`, `OUT/notes/claims.md` (cited claims,
//! `--faulty` percent of them wrong), `OUT/notes/long.md` (a 500-line note
//! for keystroke benchmarks) and `OUT/quotes.txt` (the exact quotes the
//! notes cite, one per line, for `rg -F -f`). Same arguments, same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

const FIRST: &[&str] = &[
    "Anna",
    "Boris",
    "Carla",
    "David",
    "Elena",
    "Farid",
    "Greta",
    "Hassan",
    "Irina",
    "Jonas",
    "Katarzyna",
    "Liam",
    "Maria",
    "Nikolai",
    "Olga",
    "Pedro",
    "Quentin",
    "Rania",
    "Sofia",
    "Tomasz",
    "Ursula",
    "Viktor",
    "Wen",
    "Xavier",
    "Yara",
    "Zoltan",
    "Amara",
    "Bjorn",
    "Chiara",
    "Dmitri",
    "Esther",
    "Felipe",
    "Hana",
    "Ivan",
    "Julia",
    "Kofi",
    "Lucia",
    "Mateo",
    "Nadia",
    "Oskar",
];
const LAST: &[&str] = &[
    "Albrecht",
    "Baranov",
    "Castellano",
    "Dubois",
    "Eriksen",
    "Fontaine",
    "Galvez",
    "Horvath",
    "Ivanova",
    "Jansen",
    "Kowalczyk",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quist",
    "Rossi",
    "Schneider",
    "Tanaka",
    "Ulrich",
    "Varga",
    "Wojcik",
    "Yilmaz",
    "Zielinski",
    "Andersen",
    "Bianchi",
    "Costa",
    "Dimitrov",
    "Esposito",
    "Fischer",
    "Gruber",
    "Hoffmann",
    "Jovanovic",
    "Keller",
    "Lambert",
    "Marino",
    "Nielsen",
    "Oliveira",
    "Popescu",
    "Richter",
    "Santos",
    "Torres",
    "Vasquez",
    "Weber",
    "Young",
    "Zhang",
    "Moretti",
    "Laine",
    "Kaya",
];
const TITLES: &[&str] = &[
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Finance Minister",
    "President",
    "Energy Minister",
    "Central Bank Governor",
    "Health Minister",
    "Trade Commissioner",
    "Interior Minister",
    "Opposition Leader",
    "Mayor",
];
const COUNTRIES: &[&str] = &[
    "Norway", "Portugal", "Poland", "Chile", "Kenya", "Japan", "Canada", "Austria", "Ghana",
    "Finland", "Romania", "Peru", "Vietnam", "Morocco", "Ireland", "Hungary",
];
const CITIES: &[&str] = &[
    "Oslo",
    "Lisbon",
    "Warsaw",
    "Santiago",
    "Nairobi",
    "Osaka",
    "Toronto",
    "Vienna",
    "Accra",
    "Helsinki",
    "Bucharest",
    "Lima",
    "Hanoi",
    "Rabat",
    "Dublin",
    "Budapest",
];
const OUTLETS: &[&str] = &[
    "AFP",
    "Reuters",
    "AP",
    "The Ledger",
    "Northern Post",
    "Daily Courier",
    "Wire Service",
];
const TOPICS: &[&str] = &[
    "grid upgrade",
    "port expansion",
    "rail link",
    "housing plan",
    "water reform",
    "tax package",
    "defence pact",
    "vaccine programme",
    "fisheries deal",
    "border agreement",
    "climate fund",
    "school reform",
];
const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "said on Tuesday",
    "told parliament",
];
const QUOTE_OPENERS: &[&str] = &[
    "We will not accept",
    "This is the moment to deliver",
    "Nobody should doubt",
    "Our priority is",
    "We have been clear about",
    "The country cannot afford to delay",
    "I am confident that",
    "There is no alternative to",
    "We expect progress on",
    "It would be a mistake to abandon",
];
const QUOTE_ENDINGS: &[&str] = &[
    "before the end of the year",
    "for the families who depend on it",
    "without a proper budget",
    "in the coming weeks",
    "as long as the talks continue",
    "whatever the opposition says",
    "with our partners in the region",
    "under any circumstances",
];

struct Person {
    name: String,
    surname: String,
    title: String,
    country: &'static str,
}

struct Quote {
    text: String,
    speaker: usize,
}

struct ArticleFacts {
    key: String,
    quotes: Vec<Quote>,
    amount: u32,
    percent: String,
    day: u32,
    month: usize,
    topic: &'static str,
    people: Vec<usize>,
}

/// A month's name from its 0-based index.
fn month_name(index: usize) -> &'static str {
    backstop::dates::month_name((index % 12) as i8 + 1)
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn with_commas(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn people(rng: &mut StdRng, count: usize) -> Vec<Person> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while out.len() < count {
        let first = *pick(rng, FIRST);
        let last = *pick(rng, LAST);
        if !seen.insert((first, last)) {
            continue;
        }
        let i = out.len();
        out.push(Person {
            name: format!("{first} {last}"),
            surname: last.to_string(),
            title: pick(rng, TITLES).to_string(),
            country: COUNTRIES[i % COUNTRIES.len()],
        });
    }
    out
}

fn quote_text(rng: &mut StdRng, topic: &str, serial: usize) -> String {
    // The serial keeps quotes distinct across a large corpus.
    format!(
        "{} the {topic} {} and we will review it in round {serial}",
        pick(rng, QUOTE_OPENERS),
        pick(rng, QUOTE_ENDINGS)
    )
}

fn article(rng: &mut StdRng, index: usize, cast: &[Person]) -> (String, String, ArticleFacts) {
    let topic = *pick(rng, TOPICS);
    let city = *pick(rng, CITIES);
    let year = 2020 + (index % 6) as u32;
    let month = rng.random_range(0..12);
    let day = rng.random_range(1..=28);
    let date = format!("{year}-{:02}-{day:02}", month + 1);
    let outlet = *pick(rng, OUTLETS);
    let amount = rng.random_range(2..900) * 1000;
    let percent = format!("{}.{}", rng.random_range(1..9), rng.random_range(0..10));
    let speakers: Vec<usize> = (0..3).map(|_| rng.random_range(0..cast.len())).collect();
    let key = format!("gen-{index:06}");
    let mut body = String::new();
    let lead = &cast[speakers[0]];
    let _ = write!(
        body,
        "{city} ({outlet}) - {} {} {} announced a {topic} worth {} units on {} {day}, \
         saying it would lift growth by {percent} percent.\n\n",
        lead.country,
        lead.title,
        lead.name,
        with_commas(amount),
        month_name(month)
    );
    let mut quotes = Vec::new();
    for (n, &speaker) in speakers.iter().enumerate() {
        let person = &cast[speaker];
        let text = quote_text(rng, topic, index * 3 + n);
        match n % 3 {
            0 => {
                let _ = write!(
                    body,
                    "\"{text},\" {} {}.\n\n",
                    person.surname,
                    pick(rng, VERBS)
                );
            }
            1 => {
                let _ = write!(
                    body,
                    "{} {} {} said: \"{text}.\"\n\n",
                    person.country, person.title, person.name
                );
            }
            _ => {
                let _ = write!(
                    body,
                    "Speaking in {city}, {} said the plan was overdue. \"{text},\" {} added.\n\n",
                    person.name, person.surname
                );
            }
        }
        quotes.push(Quote { text, speaker });
    }
    let filler = rng.random_range(8..14);
    for p in 0..filler {
        let other = &cast[rng.random_range(0..cast.len())];
        let _ = write!(
            body,
            "Officials in {} said talks on the {topic} would resume after {} {}. \
             {} {} has previously backed similar measures, and analysts expect about {} jobs \
             to depend on the outcome. The opposition has asked for a review of costs, which \
             critics put {} percent higher than planned.\n\n",
            other.country,
            // Never the lead's date nor the date a date-mismatch claim
            // gives (`day % 28 + 1` of the same month), so those claims are
            // really wrong.
            month_name((month + p + 1) % 12),
            (day + p as u32 + 1) % 28 + 1,
            other.title,
            other.name,
            // Never a multiple of 1,000, so no job count equals an amount.
            with_commas(rng.random_range(1..90) * 100 + 50),
            rng.random_range(2..40)
        );
    }
    let title = format!("{} {} backs {topic}", lead.title, lead.surname);
    let (file_name, text) = match index % 7 {
        0..=3 => (
            format!("{key}.md"),
            format!(
                "---\nid: {key}\ntitle: {title}\ndate: {date}\nsource: {outlet}\nurl: https://news.example.org/{key}\n---\n{body}"
            ),
        ),
        4..=5 => (
            format!("{key}.txt"),
            format!("title: {title}\ndate: {date}\nsource: {outlet}\n\n{body}"),
        ),
        _ => (format!("{key}.txt"), format!(" date {date} {body}")),
    };
    let facts = ArticleFacts {
        key,
        quotes,
        amount,
        percent,
        day,
        month,
        topic,
        people: speakers,
    };
    (file_name, text, facts)
}

/// A cited claim about `facts`; `fault` picks the mistake, 0 for none.
fn claim(facts: &ArticleFacts, cast: &[Person], fault: usize, other_key: &str) -> String {
    let quote = &facts.quotes[0];
    let speaker = &cast[quote.speaker];
    let key = &facts.key;
    match fault {
        0 => format!("{} said \"{}\" [@{key}].", speaker.surname, quote.text),
        1 => format!(
            "The {} is worth {} units [@{key}].",
            facts.topic,
            with_commas(facts.amount)
        ),
        2 => format!(
            "Growth would rise by {} percent under the plan [@{key}].",
            facts.percent
        ),
        // misquote: one word changed
        3 => format!(
            "{} said \"{}\" [@{key}].",
            speaker.surname,
            quote.text.replacen(" the ", " a ", 1)
        ),
        // wrong source
        4 => format!(
            "{} said \"{}\" [@{other_key}].",
            speaker.surname, quote.text
        ),
        // number mismatch
        5 => format!(
            "The {} is worth {} units [@{key}].",
            facts.topic,
            with_commas(facts.amount + 1000)
        ),
        // date mismatch
        6 => format!(
            "It was announced on {} {} [@{key}].",
            month_name(facts.month),
            facts.day % 28 + 1
        ),
        // unknown source
        7 => format!("{} said \"{}\" [@{key}-x].", speaker.surname, quote.text),
        // invented quote
        _ => format!(
            "{} said \"we will triple the budget for every region by spring\" [@{key}].",
            cast[facts.people[1]].surname
        ),
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

fn main() {
    let mut articles = 1000usize;
    let mut claims = 200usize;
    let mut faulty = 30usize;
    let mut seed = 42u64;
    let mut out = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--articles" => articles = value().parse().expect("--articles N"),
            "--claims" => claims = value().parse().expect("--claims N"),
            "--faulty" => faulty = value().parse().expect("--faulty PERCENT"),
            "--seed" => seed = value().parse().expect("--seed N"),
            "--out" => out = PathBuf::from(value()),
            other => panic!("unknown argument {other}"),
        }
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let cast = people(&mut rng, 400);
    let mut facts = Vec::with_capacity(articles);
    let mut bytes = 0usize;
    for index in 0..articles {
        let (file_name, text, article_facts) = article(&mut rng, index, &cast);
        bytes += text.len();
        write(
            &out.join(format!("sources/{:03}/{file_name}", index / 1000)),
            &text,
        );
        facts.push(article_facts);
    }
    let mut notes = String::from("# Claims\n\n");
    let mut quotes = String::new();
    for n in 0..claims {
        let target = &facts[(n * 7919) % facts.len()];
        let other = &facts[(n * 7919 + 1) % facts.len()].key;
        let fault = if rng.random_range(0..100) < faulty {
            rng.random_range(3..=8)
        } else {
            rng.random_range(0..=2)
        };
        let _ = writeln!(notes, "- {}", claim(target, &cast, fault, other));
        let _ = writeln!(quotes, "{}", target.quotes[0].text);
    }
    write(&out.join("notes/claims.md"), &notes);
    write(&out.join("quotes.txt"), &quotes);
    let mut long = String::from("# A long note\n\n");
    let mut line = 2;
    let mut n = 0;
    while line < 500 {
        let target = &facts[(n * 104_729) % facts.len()];
        if n % 5 == 0 {
            let _ = writeln!(long, "## Section {}\n", n / 5 + 1);
            line += 2;
        }
        let _ = writeln!(long, "{}\n", claim(target, &cast, n % 3, &target.key));
        line += 2;
        n += 1;
    }
    write(&out.join("notes/long.md"), &long);
    eprintln!(
        "wrote {articles} articles ({:.1} MB), {claims} claims ({faulty}% faulty) to {}",
        bytes as f64 / 1e6,
        out.display()
    );
}
