//! `backstop.toml`: whatever the text, reading it gives a configuration or
//! an error that names the file and a line of it.

use std::path::Path;

use backstop::config::Config;
use backstop::rules::Rule;
use backstop::severity::Level;
use backstop::text::LineIndex;
use proptest::prelude::*;
use proptest::sample::select;

use crate::cases;
use crate::hostile_text::text;

const LEVELS: [&str; 5] = ["off", "hint", "info", "warning", "error"];

proptest! {
    #![proptest_config(cases(300, "tests/hostile/proptest/config.txt"))]

    #[test]
    fn config_text_reads_or_names_file_and_line(text in text("config", 24)) {
        let path = Path::new("/ws/backstop.toml");
        if let Err(error) = Config::parse(&text, path) {
            prop_assert_eq!(error.path.as_path(), path);
            let lines = LineIndex::new(&text).line_count();
            prop_assert!(
                error.line.is_some_and(|line| (1..=lines).contains(&line)),
                "{} for {:?}", error, text
            );
            prop_assert!(error.to_string().starts_with("/ws/backstop.toml:"));
        }
    }

    /// Rule levels written as `[rules]` read back as written, with the line
    /// each is on.
    #[test]
    fn rule_levels_round_trip(
        picks in proptest::collection::btree_map(select(Rule::ALL.to_vec()), select(LEVELS.to_vec()), 0..8),
        padding in "[ \t]{0,3}(\r?\n){0,2}",
    ) {
        let mut text = format!("{padding}[rules]\n");
        for (rule, level) in &picks {
            text.push_str(&format!("{} = \"{level}\"\n", rule.code()));
        }
        let config = Config::parse(&text, Path::new("backstop.toml"));
        prop_assert!(config.is_ok(), "{:?}", config.err());
        let config = config.unwrap_or_default();
        for (rule, level) in &picks {
            prop_assert_eq!(Some(config.level(*rule)), Level::parse(level));
            let line = text.split('\n').position(|l| l.starts_with(&format!("{} =", rule.code())));
            prop_assert_eq!(config.lines.get(&format!("rules.{rule}")).copied(), line.map(|l| l + 1));
        }
    }
}
