//! The README's rule table is generated from the registry. Run with
//! `BACKSTOP_BLESS=1` to rewrite it after changing a rule.

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rule_table_matches_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("start marker") + START.len();
    let end = readme.find(END).expect("end marker");
    let table = backstop::registry::markdown_table();
    if std::env::var_os("BACKSTOP_BLESS").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README rule table is stale: run BACKSTOP_BLESS=1 cargo test --test readme"
    );
}
