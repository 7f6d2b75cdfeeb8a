//! `backstop explain [CODE]`: the table of every rule, or one rule's
//! documentation, as the registry collects them from the rule files.

use std::io::Write;

use crate::registry;
use crate::rules::Rule;

pub fn run(code: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(code) = code else {
        for rule in Rule::ALL {
            let _ = writeln!(
                out,
                "{:<20} {:<8} {:<8} {}",
                rule.code(),
                rule.file_kind().as_str(),
                rule.default_level().as_str(),
                registry::documentation(rule).summary
            );
        }
        return 0;
    };
    let Some(rule) = Rule::from_code(code) else {
        let hint = crate::config::did_you_mean(code);
        super::print_error(
            err,
            &format!("unknown rule `{code}`{hint} (`backstop explain` lists them all)"),
        );
        return super::EXIT_ERROR;
    };
    let documentation = registry::documentation(rule);
    let _ = writeln!(
        out,
        "# {}\n\nOn: {}\nDefault severity: {}\nFires when: {}\n\n{}\n\n## Example\n\n{}",
        rule.code(),
        rule.file_kind().as_str(),
        rule.default_level().as_str(),
        documentation.summary,
        textwrap(documentation.explanation),
        documentation.example
    );
    0
}

/// The documentation strings are written on continued lines; fold their
/// indentation back into single spaces.
fn textwrap(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
