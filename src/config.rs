//! `backstop.toml`. Every problem is reported with file, line and key, and a
//! broken configuration stops the run: checking with half a config would give
//! results the user did not ask for.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Level;
use crate::rules::Rule;
use crate::text::{ColumnUnit, LineIndex};

pub const FILE_NAME: &str = "backstop.toml";

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file this came from; `None` for the defaults.
    pub path: Option<PathBuf>,
    pub corpus: Option<GlobSet>,
    pub notes: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub rules: HashMap<Rule, Level>,
    pub people: Vec<CuratedPerson>,
    /// `[per-file-ignores]`: files matching a glob do not report the rules.
    pub per_file_ignores: Vec<PerFileIgnore>,
    /// The globs as written, for messages and `--show-settings`.
    pub patterns: Patterns,
    /// The 1-based line each setting was read from, keyed `corpus`,
    /// `rules.CODE`, `people.NAME`…
    pub lines: HashMap<String, usize>,
}

/// The `corpus`, `notes` and `exclude` globs as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patterns {
    pub corpus: Vec<String>,
    pub notes: Vec<String>,
    pub exclude: Vec<String>,
}

/// One `[per-file-ignores]` entry: a glob relative to the root and the rules
/// files matching it do not report.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    pub pattern: String,
    matcher: globset::GlobMatcher,
    pub rules: Vec<Rule>,
}

impl PerFileIgnore {
    pub fn ignores(&self, rel_path: &str, rule: Rule) -> bool {
        self.rules.contains(&rule) && self.matcher.is_match(rel_path)
    }
}

/// A person as the user describes them in `[people]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuratedPerson {
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    corpus: Option<Vec<Spanned<String>>>,
    notes: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    people: Option<BTreeMap<String, Spanned<RawPerson>>>,
    #[serde(rename = "per-file-ignores")]
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    #[serde(default)]
    aliases: Vec<String>,
    role: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
}

impl Config {
    /// What of the configuration shapes note diagnostics (rule levels and
    /// curated people), as text that is the same for the same settings.
    pub fn fingerprint(&self) -> String {
        let mut rules: Vec<(&Rule, &Level)> = self.rules.iter().collect();
        rules.sort_by_key(|(rule, _)| **rule);
        format!("{rules:?} {:?}", self.people)
    }

    /// Whether `[per-file-ignores]` silences `rule` in the file at
    /// `rel_path` (relative to the root, `/` separators).
    pub fn ignores(&self, rel_path: &str, rule: Rule) -> bool {
        self.per_file_ignores
            .iter()
            .any(|entry| entry.ignores(rel_path, rule))
    }

    /// The effective level of a rule.
    pub fn level(&self, rule: Rule) -> Level {
        self.rules
            .get(&rule)
            .copied()
            .unwrap_or(rule.default_level())
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read: {err}"),
        })?;
        Config::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let mut reader = Reader {
            text,
            path,
            index: LineIndex::new(text),
            lines: HashMap::new(),
        };
        let raw: RawConfig = toml::from_str(text).map_err(|err| {
            reader.error_at(
                err.span().map(|s| s.start),
                err.message().trim().to_string(),
            )
        })?;
        let mut patterns = Patterns::default();
        let corpus = reader.globs(raw.corpus, "corpus", &mut patterns.corpus)?;
        let notes = reader.globs(raw.notes, "notes", &mut patterns.notes)?;
        let exclude = reader.globs(raw.exclude, "exclude", &mut patterns.exclude)?;
        let mut config = Config {
            path: Some(path.to_path_buf()),
            corpus,
            notes,
            exclude,
            patterns,
            ..Config::default()
        };
        for (code, level) in raw.rules.unwrap_or_default() {
            let (rule, level) = reader.rule_level(&code, &level)?;
            config.rules.insert(rule, level);
        }
        for (pattern, codes) in raw.per_file_ignores.unwrap_or_default() {
            config
                .per_file_ignores
                .push(reader.per_file_ignore(pattern, &codes)?);
        }
        for (name, person) in raw.people.unwrap_or_default() {
            config.people.push(reader.person(name, person)?);
        }
        config.lines = reader.lines;
        Ok(config)
    }
}

/// Reads the parts of one `backstop.toml`, noting the line of each setting.
struct Reader<'t> {
    text: &'t str,
    path: &'t Path,
    index: LineIndex,
    lines: HashMap<String, usize>,
}

impl Reader<'_> {
    fn error_at(&self, offset: Option<usize>, message: String) -> ConfigError {
        let pos = offset.map(|o| self.index.position(self.text, o, ColumnUnit::Char));
        ConfigError {
            path: self.path.to_path_buf(),
            line: pos.map(|p| p.line + 1),
            column: pos.map(|p| p.col + 1),
            message,
        }
    }

    fn note_line(&mut self, key: String, offset: usize) {
        let line = self
            .index
            .position(self.text, offset, ColumnUnit::Char)
            .line
            + 1;
        self.lines.entry(key).or_insert(line);
    }

    fn globs(
        &mut self,
        list: Option<Vec<Spanned<String>>>,
        key: &str,
        written: &mut Vec<String>,
    ) -> Result<Option<GlobSet>, ConfigError> {
        let Some(list) = list else { return Ok(None) };
        let mut builder = GlobSetBuilder::new();
        for glob in list {
            self.note_line(key.to_string(), glob.span().start);
            if leaves_the_workspace(glob.get_ref()) {
                return Err(self.error_at(
                    Some(glob.span().start),
                    format!(
                        "`{key}`: `{}` points outside the workspace; globs are relative to the folder of backstop.toml and stay below it",
                        glob.get_ref()
                    ),
                ));
            }
            let parsed = Glob::new(glob.get_ref()).map_err(|err| {
                self.error_at(
                    Some(glob.span().start),
                    format!("`{key}`: bad glob `{}`: {}", glob.get_ref(), err.kind()),
                )
            })?;
            written.push(glob.into_inner());
            builder.add(parsed);
        }
        builder
            .build()
            .map(Some)
            .map_err(|err| self.error_at(None, format!("`{key}`: {err}")))
    }

    fn rule_named(&self, code: &Spanned<String>, table: &str) -> Result<Rule, ConfigError> {
        Rule::from_code(code.get_ref()).ok_or_else(|| {
            self.error_at(
                Some(code.span().start),
                format!(
                    "unknown rule `{}` in [{table}]{} (`backstop explain` lists the rules)",
                    code.get_ref(),
                    did_you_mean(code.get_ref())
                ),
            )
        })
    }

    fn rule_level(
        &mut self,
        code: &Spanned<String>,
        level: &Spanned<String>,
    ) -> Result<(Rule, Level), ConfigError> {
        let rule = self.rule_named(code, "rules")?;
        let Some(parsed) = Level::parse(level.get_ref()) else {
            return Err(self.error_at(
                Some(level.span().start),
                format!(
                    "bad severity `{}` for `{}`; use one of {}",
                    level.get_ref(),
                    code.get_ref(),
                    Level::NAMES
                ),
            ));
        };
        self.note_line(format!("rules.{rule}"), code.span().start);
        Ok((rule, parsed))
    }

    fn per_file_ignore(
        &mut self,
        pattern: Spanned<String>,
        codes: &[Spanned<String>],
    ) -> Result<PerFileIgnore, ConfigError> {
        let glob = Glob::new(pattern.get_ref()).map_err(|err| {
            self.error_at(
                Some(pattern.span().start),
                format!(
                    "[per-file-ignores]: bad glob `{}`: {}",
                    pattern.get_ref(),
                    err.kind()
                ),
            )
        })?;
        let rules = codes
            .iter()
            .map(|code| self.rule_named(code, "per-file-ignores"))
            .collect::<Result<Vec<Rule>, ConfigError>>()?;
        self.note_line(
            format!("per-file-ignores.{}", pattern.get_ref()),
            pattern.span().start,
        );
        Ok(PerFileIgnore {
            pattern: pattern.into_inner(),
            matcher: glob.compile_matcher(),
            rules,
        })
    }

    fn person(
        &mut self,
        name: String,
        person: Spanned<RawPerson>,
    ) -> Result<CuratedPerson, ConfigError> {
        let span = person.span();
        let person = person.into_inner();
        if name.trim().is_empty() {
            return Err(self.error_at(Some(span.start), "[people]: empty name".into()));
        }
        self.note_line(format!("people.{name}"), span.start);
        let mut roles = person.roles;
        roles.extend(person.role);
        Ok(CuratedPerson {
            name,
            aliases: person.aliases,
            roles,
        })
    }
}

/// `; did you mean `CODE`?` for the rule code closest to a mistyped one,
/// or nothing when none is close.
pub fn did_you_mean(code: &str) -> String {
    Rule::ALL
        .iter()
        .map(|rule| rule.code())
        .map(|known| (strsim::levenshtein(known, code), known))
        .filter(|(distance, _)| *distance <= 3)
        .min()
        .map_or(String::new(), |(_, known)| {
            format!("; did you mean `{known}`?")
        })
}

/// Whether a glob names files outside the workspace: an absolute path, a
/// drive, or a `..` component. Files there are never read.
fn leaves_the_workspace(glob: &str) -> bool {
    glob.starts_with('/')
        || glob.starts_with('\\')
        || glob.get(1..2) == Some(":")
        || glob.split(['/', '\\']).any(|part| part == "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("backstop.toml"))
    }

    #[test]
    fn full_example() {
        let config = parse(
            r#"corpus = ["sources/**/*.md"]
notes = ["notes/**/*.md"]
exclude = ["drafts/**"]
[rules]
unsupported-claim = "info"
uncited-claim = "hint"
[people]
"Volodymyr Zelensky" = { aliases = ["Zelenskiy", "Zelenskyy"], role = "President of Ukraine" }
"#,
        )
        .unwrap();
        assert!(config.corpus.unwrap().is_match("sources/a/b.md"));
        assert_eq!(
            config.rules.get(&Rule::UncitedClaim),
            Some(&Level::On(crate::diagnostic::Severity::Hint))
        );
        assert_eq!(config.people[0].roles, vec!["President of Ukraine"]);
    }

    #[test]
    fn errors_name_the_line_and_key() {
        let err = parse("corpus = []\ncolour = 1\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("colour"), "{}", err.message);

        let err = parse("[rules]\nmisquote = \"loud\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("loud"));

        let err = parse("[rules]\nnot-a-rule = \"off\"\n").unwrap_err();
        assert!(err.message.contains("not-a-rule"));

        let err = parse("corpus = [\"a/[b\"]\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("bad glob"));

        let err = parse("corpus = [\n").unwrap_err();
        assert!(err.line.is_some());

        let err = parse("[rules]\nmisqoute = \"off\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(1)));
        assert!(
            err.message.contains("did you mean `misquote`?"),
            "{}",
            err.message
        );
    }

    #[test]
    fn per_file_ignores_match_globs_and_name_their_lines() {
        let config = parse(
            "corpus = [\"sources/**\"]\n[per-file-ignores]\n\"sources/scraped/**\" = [\"boilerplate\", \"missing-source\"]\n",
        )
        .unwrap();
        assert!(config.ignores("sources/scraped/a.md", Rule::Boilerplate));
        assert!(!config.ignores("sources/scraped/a.md", Rule::MissingDate));
        assert!(!config.ignores("sources/a.md", Rule::Boilerplate));
        assert_eq!(config.lines.get("corpus"), Some(&1));
        assert_eq!(
            config.lines.get("per-file-ignores.sources/scraped/**"),
            Some(&3)
        );
        assert_eq!(config.patterns.corpus, vec!["sources/**"]);

        let err = parse("[per-file-ignores]\n\"a/**\" = [\"boilerplat\"]\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.message.contains("did you mean `boilerplate`?"),
            "{}",
            err.message
        );
        let err = parse("[per-file-ignores]\n\"a/[\" = [\"boilerplate\"]\n").unwrap_err();
        assert!(err.message.contains("bad glob"), "{}", err.message);
    }
}
