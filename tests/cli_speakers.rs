//! Quote speakers in wire copy through the real binary: a quote reopened
//! after a lost paragraph break keeps its speaker, a party label marks a
//! person, a pronoun points back to the person who spoke, and a note that
//! puts an anonymous official's words in a named person's mouth is told so,
//! with no fix that names anyone.

mod support;

use support::{check_json, run, workspace};

const WIRE: (&str, &str) = (
    "sources/wire.md",
    "---\ntitle: Tape shows bin Laden planned attacks\ndate: 2001-12-14\nsource: Wire\n---\n\
     US Vice-President Dick Cheney says the video shows Osama bin Laden was behind the \
     attacks. \"There is no doubt about his responsibility,\" he said. Republican Chuck \
     Hagel of the Foreign Relations Committee says the administration must make the tapes \
     public. \"The world needs to see this. \"Every government in the region should see the \
     whole tape,\" he said. Qantas cancelled its flights to the region on Friday. \"We will \
     not take any risk with our passengers,\" said an undisclosed airline official.\n",
);

const NOTE: (&str, &str) = (
    "notes/n.md",
    "Dick Cheney said \"every government in the region should see the whole tape\" [@wire].\n\n\
     Hagel said \"the world needs to see this\" [@wire].\n\n\
     Alan Joyce said \"we will not take any risk with our passengers\" [@wire].\n\n\
     An airline official said \"we will not take any risk with our passengers\" [@wire].\n",
);

#[test]
fn quotes_lists_the_speakers_of_wire_copy() {
    let dir = workspace(&[WIRE, NOTE]);
    let out = run(dir.path(), &["quotes"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let speakers: Vec<&str> = out
        .stdout
        .lines()
        .filter(|line| line.starts_with("wire:"))
        .map(|line| line.split(" — ").nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        speakers,
        [
            "Dick Cheney (said)",
            "Chuck Hagel (says)",
            "Chuck Hagel (said)",
            "unnamed: an undisclosed airline official (said)",
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn misattributions_of_named_and_anonymous_speakers() {
    let dir = workspace(&[WIRE, NOTE]);
    let (out, json) = check_json(dir.path(), &["--fail-on", "never"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let found: Vec<(u64, String, Option<String>)> = json
        .as_array()
        .expect("an array of diagnostics")
        .iter()
        .filter(|d| d["code"] == "misattributed-quote")
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
                d["fix"]["message"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                1,
                "the note attributes this quote to Dick Cheney, but `wire` gives it to Chuck Hagel"
                    .to_string(),
                Some("Attribute it to Chuck Hagel".to_string()),
            ),
            (
                5,
                "the note attributes this quote to Alan Joyce, but `wire` gives it to an unnamed airline official"
                    .to_string(),
                None,
            ),
        ]
    );
}
