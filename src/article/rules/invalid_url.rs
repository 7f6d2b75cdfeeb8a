//! `invalid-url`: a `url` that is not an absolute http(s) URL with a host.
//! A bare domain gets `https://` put in front of it.

use std::sync::LazyLock;

use regex::Regex;

use crate::article::Article;
use crate::article::anchor::location;
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "`url` is not an absolute http(s) URL",
    explanation: "The `url` key must be an absolute `http://` or `https://` URL with a \
        host, so that a reader can open the original. Relative paths, bare domains \
        and other schemes are rejected.",
    example: "---\nurl: www.example.com/story\n---\n\n# fix: url: https://www.example.com/story",
};

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: www.example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
    )],
    silent: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
    )],
};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\Ahttps?://[^\s/?#@]+(?:\.[^\s/?#@]+|:\d+)?(?:[/?#]\S*)?\z").expect("valid regex")
});

pub fn check(article: &Article) -> Option<Diagnostic> {
    let field = article.field("url")?;
    let value = field.value.trim();
    if is_absolute_http(value) {
        return None;
    }
    let location = location(article, field.value_range.clone());
    let mut diagnostic = Diagnostic::new(
        Rule::InvalidUrl,
        location.clone(),
        if value.is_empty() {
            "`url` is empty; give an absolute http(s) URL or remove the key".to_string()
        } else {
            format!("`{value}` is not an absolute http(s) URL")
        },
    );
    // A bare domain gets the scheme, and only when that makes the value an
    // http(s) URL: `DATE:A.` with a scheme is still none (its host would be
    // `DATE`), and a fix must clear its finding.
    let fixed = format!("https://{value}");
    if !value.contains("://") && is_absolute_http(&fixed) {
        diagnostic = diagnostic.with_replacement(format!("Replace with {fixed}"), location, fixed);
    }
    Some(diagnostic)
}

/// An http(s) URL whose host is a domain (or `localhost`).
fn is_absolute_http(value: &str) -> bool {
    URL.is_match(value)
        && value
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', '?', '#', ':']).next())
            .is_some_and(|host| host.contains('.') || host == "localhost")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn fix_of(url: &str) -> Option<Option<String>> {
        let text = format!("---\ntitle: A story\nurl: {url}\n---\nText.\n");
        let article = Article::parse(PathBuf::from("/w/a.md"), "a.md".into(), text);
        check(&article).map(|d| d.fix.map(|f| f.title))
    }

    #[test]
    fn a_bare_domain_is_fixed_only_into_a_url() {
        assert_eq!(fix_of("https://example.com/story"), None);
        assert_eq!(
            fix_of("www.example.com/story"),
            Some(Some("Replace with https://www.example.com/story".into()))
        );
        // Found by the fixes property: its host would be `DATE`.
        assert_eq!(fix_of("DATE:A."), Some(None));
        assert_eq!(fix_of("ftp://example.com"), Some(None));
    }
}
