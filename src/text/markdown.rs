//! Putting untrusted text into Markdown. Article text is scraped from the web:
//! a title or a passage shown in an editor's hover must not become a link, an
//! image the editor fetches, raw HTML or formatting. Every piece of corpus (or
//! note) text that goes into Markdown passes through one of these functions.

/// Characters that start inline Markdown (emphasis, code, links and images,
/// raw HTML and autolinks, entities, strikethrough, table cells) wherever
/// they stand, and the backslash that escapes them.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '&', '~', '|'];

/// Characters that start a block (heading, list item, quote, setext
/// underline) when they open a line.
const BLOCK_START: &[char] = &['#', '-', '+', '=', '>'];

/// `text` as literal inline Markdown: white space (line breaks included)
/// collapsed to single spaces, and every character that could start Markdown
/// syntax escaped with a backslash, as CommonMark allows for any ASCII
/// punctuation (but for an underscore inside a word, which is literal). The
/// result renders as exactly the collapsed text, also at the start of a line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let chars: Vec<char> = word.chars().collect();
        for (j, &c) in chars.iter().enumerate() {
            if INLINE.contains(&c) && !(c == '_' && inside_word(&chars, j)) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    escape_block_start(out)
}

/// Whether the character at `i` has letters or digits on both sides: an
/// underscore there can neither open nor close emphasis (`snake_case`,
/// citation keys), so it needs no backslash.
fn inside_word(chars: &[char], i: usize) -> bool {
    let alphanumeric = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    i > 0 && alphanumeric(chars.get(i - 1)) && alphanumeric(chars.get(i + 1))
}

/// Escape the marker a line would open a block with: `#`, `-`, `+`, `=`,
/// `>`, or an ordered list's `1.` / `1)`.
fn escape_block_start(mut text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let marker = match text.chars().next() {
        Some(c) if BLOCK_START.contains(&c) => Some(0),
        Some(c) if c.is_ascii_digit() && digits <= 9 => {
            matches!(text[digits..].chars().next(), Some('.' | ')')).then_some(digits)
        }
        _ => None,
    };
    if let Some(at) = marker {
        text.insert(at, '\\');
    }
    text
}

/// `text` as an inline code span: shown verbatim in a monospace font,
/// whatever it holds. The fence is longer than any run of backticks inside.
pub fn code_span(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A space on each side keeps a backtick at either end out of the fence,
    // and is stripped again by the renderer. Spaces alone are kept as they are.
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty())
        || text.is_empty();
    if pad {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// A web address as a clickable autolink when it is a plain `http(s)` URL,
/// else as a code span: no `javascript:`, `command:` or other scheme becomes
/// a link.
pub fn web_link(url: &str) -> String {
    let plain = (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '<' | '>'));
    if plain {
        format!("<{url}>")
    } else {
        code_span(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

    fn options() -> Options {
        Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_GFM
            | Options::ENABLE_WIKILINKS
    }

    /// The text a Markdown snippet renders to, or the first event that is
    /// more than text inside one paragraph.
    fn rendered_text(markdown: &str) -> Result<String, String> {
        let mut text = String::new();
        for event in Parser::new_ext(markdown, options()) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Start(Tag::Paragraph) | Event::End(_) => {}
                other => return Err(format!("{other:?} in {markdown:?}")),
            }
        }
        Ok(text)
    }

    #[test]
    fn hostile_text_stays_text() {
        for hostile in [
            "![t](https://host/pixel.png)",
            "[x](command:workbench.action.quit)",
            "[x](javascript:alert(1))",
            "<img src=x onerror=alert(1)>",
            "<https://host/autolink>",
            "&lt;b&gt; and &amp;",
            "# heading",
            "- item",
            "1. item",
            "12) item",
            "> quote",
            "---",
            "***",
            "```rust",
            "~~gone~~",
            "*em* _em_ **strong**",
            "a | b",
            "[^note]",
            "[[wiki]]",
            "[ref]: https://host/x",
            "trailing backslash \\",
            "    four spaces\nsecond line\n===",
        ] {
            let collapsed = hostile.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(rendered_text(&escape(hostile)), Ok(collapsed));
        }
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        for (text, expected) in [
            ("plain", "`plain`"),
            ("a`b", "``a`b``"),
            ("`start", "`` `start ``"),
            ("", "`  `"),
        ] {
            assert_eq!(code_span(text), expected);
        }
        for text in ["a`b", "``x``", "`", "x ` y", " pad "] {
            let span = code_span(text);
            let events: Vec<Event> = Parser::new(&span).collect();
            assert!(
                events.iter().any(|e| *e == Event::Code(text.into())),
                "{text:?}: {events:?}"
            );
        }
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(web_link("https://example.com/a"), "<https://example.com/a>");
        assert_eq!(web_link("javascript:alert(1)"), "`javascript:alert(1)`");
        assert_eq!(web_link("command:x"), "`command:x`");
        assert_eq!(
            web_link("https://a.com/<script>"),
            "`https://a.com/<script>`"
        );
        let autolink = Parser::new(&web_link("https://example.com/a")).any(|e| {
            matches!(
                e,
                Event::Start(Tag::Link {
                    link_type: LinkType::Autolink,
                    ..
                })
            )
        });
        assert!(autolink);
    }

    proptest! {
        /// Whatever the text, escaped it renders as itself (white space
        /// collapsed) and as nothing but text.
        #[test]
        fn escaped_text_renders_as_itself(text in r"([ -~\n\téü“”]|a_b|_a_|é_1){0,40}") {
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(rendered_text(&escape(&text)), Ok(collapsed));
        }

        /// After a prefix of the caller's, too (a list item, a quote block).
        #[test]
        fn escaped_text_after_a_prefix(text in r"[ -~]{0,29}[!-~]") {
            let escaped = escape(&text);
            for prefix in ["- ", "> ", "Quote in ", "Roles:\n- "] {
                let markdown = format!("{prefix}{escaped}");
                let has_markup = Parser::new_ext(&markdown, options()).any(|e| matches!(
                    e,
                    Event::Html(_) | Event::InlineHtml(_) | Event::Code(_)
                        | Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::Emphasis
                            | Tag::Strong | Tag::Strikethrough | Tag::Heading { .. }
                            | Tag::CodeBlock(_) | Tag::Table(_))
                ));
                prop_assert!(!has_markup, "{:?}", markdown);
            }
        }
    }
}
