//! Every rule's own fixtures through the real binary: for each `Rule`, the
//! workspace its file gives to fire must report it, and the one it gives to
//! stay silent must not. A rule added without fixtures fails here. What
//! fires is snapshotted, so messages, evidence and fixes are reviewed when
//! they change.

mod support;

use backstop::registry;
use backstop::rules::{FixtureFile, Rule};
use support::{check_json, workspace};

/// The diagnostics of `rule` that `check` reports on the workspace.
fn findings(rule: Rule, files: &[FixtureFile]) -> Vec<serde_json::Value> {
    let dir = workspace(files);
    let (run, json) = check_json(dir.path(), &["--fail-on", "never"]);
    assert_eq!(run.code, 0, "{rule}: {}", run.stderr);
    json.as_array()
        .expect("an array of diagnostics")
        .iter()
        .filter(|d| d["code"] == rule.code())
        .cloned()
        .collect()
}

#[test]
fn every_rule_fires_on_its_fixture_and_stays_silent_on_the_other() {
    for rule in Rule::ALL {
        let fixtures = registry::fixtures(rule);
        assert!(
            !fixtures.fires.is_empty() && !fixtures.silent.is_empty(),
            "{rule} has no fixture workspace to fire in or to stay silent in"
        );
        let fired = findings(rule, fixtures.fires);
        assert!(!fired.is_empty(), "{rule} did not fire on its fixture");
        insta::assert_json_snapshot!(rule.code(), fired);
        let silent = findings(rule, fixtures.silent);
        assert!(
            silent.is_empty(),
            "{rule} fired on the fixture where it must stay silent: {silent:#?}"
        );
    }
}
