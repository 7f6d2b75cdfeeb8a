//! Which findings a run reports: `--select`, `--ignore` (rule codes, or the
//! groups `article`, `note` and `all`) and `--min-severity`.

use std::collections::BTreeSet;

use crate::config::{Config, did_you_mean};
use crate::diagnostic::{Level, Severity};
use crate::rules::{FileKind, Rule};

/// The severity a rule that is off gets when `--select` names it.
pub const SELECTED_OFF_RULE_SEVERITY: Severity = Severity::Warning;

#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `None`: every rule.
    select: Option<BTreeSet<Rule>>,
    /// Codes `--select` names one by one (not through a group).
    named: BTreeSet<Rule>,
    ignore: BTreeSet<Rule>,
    pub min_severity: Option<Severity>,
}

/// The rules a `--select` or `--ignore` value stands for, and whether it
/// named a single rule.
fn rules_of(value: &str, flag: &str) -> Result<(Vec<Rule>, bool), String> {
    let group = |kind: FileKind| {
        Rule::ALL
            .into_iter()
            .filter(|rule| rule.file_kind() == kind)
            .collect()
    };
    Ok(match value {
        "all" | "ALL" => (Rule::ALL.to_vec(), false),
        "article" => (group(FileKind::Article), false),
        "note" => (group(FileKind::Note), false),
        code => match Rule::from_code(code) {
            Some(rule) => (vec![rule], true),
            None => {
                return Err(format!(
                    "{flag}: unknown rule or group `{code}`{} (use a code from `backstop explain`, `article`, `note` or `all`)",
                    did_you_mean(code)
                ));
            }
        },
    })
}

impl Selection {
    pub fn parse(
        select: &[String],
        ignore: &[String],
        min_severity: Option<Severity>,
    ) -> Result<Selection, String> {
        let mut selection = Selection {
            min_severity,
            ..Selection::default()
        };
        if !select.is_empty() {
            let mut chosen = BTreeSet::new();
            for value in select {
                let (rules, single) = rules_of(value, "--select")?;
                if single {
                    selection.named.extend(rules.iter().copied());
                }
                chosen.extend(rules);
            }
            selection.select = Some(chosen);
        }
        for value in ignore {
            selection.ignore.extend(rules_of(value, "--ignore")?.0);
        }
        Ok(selection)
    }

    /// Whether a finding of `rule` at `severity` is reported.
    pub fn keeps(&self, rule: Rule, severity: Severity) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(&rule))
            && !self.ignore.contains(&rule)
            && self.min_severity.is_none_or(|min| severity >= min)
    }

    /// Turn on the rules `--select` names by code that the configuration
    /// leaves off: asking for a rule by name means wanting its findings.
    /// Returns the rules turned on.
    pub fn enable_named(&self, config: &mut Config) -> Vec<Rule> {
        let mut enabled = Vec::new();
        for &rule in &self.named {
            if config.level(rule) == Level::Off && !self.ignore.contains(&rule) {
                config
                    .rules
                    .insert(rule, Level::On(SELECTED_OFF_RULE_SEVERITY));
                enabled.push(rule);
            }
        }
        enabled
    }

    /// The `--select`/`--ignore` part, for `--show-settings`.
    pub fn describe(&self) -> Option<String> {
        let names = |rules: &BTreeSet<Rule>| {
            rules
                .iter()
                .map(|rule| rule.code())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = Vec::new();
        if let Some(select) = &self.select {
            parts.push(format!("selected: {}", names(select)));
        }
        if !self.ignore.is_empty() {
            parts.push(format!("ignored: {}", names(&self.ignore)));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_codes_and_severities() {
        let s = Selection::parse(&["note".into()], &["misquote".into()], None).unwrap();
        assert!(s.keeps(Rule::NumberMismatch, Severity::Error));
        assert!(!s.keeps(Rule::Misquote, Severity::Error));
        assert!(!s.keeps(Rule::MissingDate, Severity::Warning));

        let s = Selection::parse(&[], &["article".into()], Some(Severity::Warning)).unwrap();
        assert!(!s.keeps(Rule::MissingDate, Severity::Warning));
        assert!(s.keeps(Rule::Misquote, Severity::Error));
        assert!(!s.keeps(Rule::UnsupportedClaim, Severity::Info));

        let err = Selection::parse(&["misqoute".into()], &[], None).unwrap_err();
        assert!(err.contains("did you mean `misquote`"), "{err}");
    }

    #[test]
    fn naming_an_off_rule_turns_it_on() {
        let s = Selection::parse(&["uncited-claim".into(), "note".into()], &[], None).unwrap();
        let mut config = Config::default();
        assert_eq!(s.enable_named(&mut config), vec![Rule::UncitedClaim]);
        assert_eq!(
            config.level(Rule::UncitedClaim),
            Level::On(SELECTED_OFF_RULE_SEVERITY)
        );
        let by_group = Selection::parse(&["note".into()], &[], None).unwrap();
        let mut config = Config::default();
        assert!(by_group.enable_named(&mut config).is_empty());
    }
}
