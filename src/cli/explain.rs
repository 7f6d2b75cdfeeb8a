use std::io::Write;

use crate::rules::Rule;

pub fn run(code: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(code) = code else {
        for rule in Rule::ALL {
            let info = rule.info();
            let _ = writeln!(
                out,
                "{:<20} {:<8} {:<8} {}",
                info.code,
                info.target.as_str(),
                info.default_level.as_str(),
                info.summary
            );
        }
        return 0;
    };
    let Some(rule) = Rule::from_code(code) else {
        let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        let closest = codes
            .iter()
            .min_by_key(|c| strsim::levenshtein(c, code))
            .filter(|c| strsim::levenshtein(c, code) <= 3);
        let hint = closest.map_or(String::new(), |c| format!("; did you mean `{c}`?"));
        super::print_error(
            err,
            &format!("unknown rule `{code}`{hint} (`backstop explain` lists them all)"),
        );
        return super::EXIT_ERROR;
    };
    let info = rule.info();
    let _ = writeln!(
        out,
        "# {}\n\nOn: {}\nDefault severity: {}\nFires when: {}\n\n{}\n\n## Example\n\n{}",
        info.code,
        info.target.as_str(),
        info.default_level.as_str(),
        info.summary,
        textwrap(info.documentation),
        info.example
    );
    0
}

/// The documentation strings are written on continued lines; fold their
/// indentation back into single spaces.
fn textwrap(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
