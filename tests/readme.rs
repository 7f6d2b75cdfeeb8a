//! The README's rule table is generated from the registry. Run with
//! `BACKSTOP_BLESS=1` to rewrite it after changing a rule.

mod support;

#[test]
fn readme_rule_table_matches_the_registry() {
    support::assert_generated_section("README.md", &backstop::registry::markdown_table());
}
