//! `backstop people [PATH]`: the people the corpus names.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::ListFormat;
use crate::analysis::Analysis;
use crate::cache::Cache;
use crate::people::{PeopleIndex, Person};
use crate::workspace::Workspace;

#[derive(Args)]
pub struct PeopleArgs {
    /// Workspace or folder (default: the current folder).
    path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
    /// Index the people from scratch, without reading or writing the cache.
    #[arg(long)]
    no_cache: bool,
}

#[derive(Serialize)]
struct PersonRecord<'a> {
    name: &'a str,
    aliases: &'a [String],
    roles: Vec<RoleOut>,
    mentions: usize,
    articles: usize,
    quotes: usize,
}

#[derive(Serialize)]
struct RoleOut {
    role: String,
    /// Citation key of the article giving the role; absent for
    /// `backstop.toml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    article: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

/// Load the workspace at `path` (through the cache unless `no_cache`),
/// for its people index (`Analysis::people`); errors are printed. With a
/// warm cache nothing is read but the stored index.
pub(crate) fn load_index(
    path: Option<PathBuf>,
    no_cache: bool,
    err: &mut dyn Write,
) -> Result<Analysis, u8> {
    let path = path.unwrap_or_else(|| PathBuf::from("."));
    if !path.exists() {
        super::print_error(
            err,
            &format!("{}: no such file or directory", path.display()),
        );
        return Err(super::EXIT_ERROR);
    }
    let workspace = Workspace::discover(&path).map_err(|config_error| {
        super::print_error(err, &config_error.to_string());
        super::EXIT_ERROR
    })?;
    let cache = if no_cache { None } else { Cache::from_env() };
    let analysis = Analysis::load_cached(workspace, &|_| None, cache.as_ref());
    super::print_load_notes(err, &analysis);
    for error in &analysis.errors {
        super::print_file_error(err, error);
    }
    Ok(analysis)
}

/// People by how often they are named, then by name.
pub(crate) fn sorted_people(index: &PeopleIndex) -> Vec<&Person> {
    let mut people: Vec<&Person> = index.persons.iter().collect();
    people.sort_by(|a, b| {
        index
            .name_mention_count(b.id)
            .cmp(&index.name_mention_count(a.id))
            .then_with(|| a.canonical.cmp(&b.canonical))
    });
    people
}

pub fn run(args: PeopleArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let analysis = match load_index(args.path, args.no_cache, err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let index = analysis.people();
    analysis.persist();
    let people = sorted_people(index);
    let written = match args.format {
        ListFormat::Json => write_json(index, &people, out),
        ListFormat::Human => write_human(index, &people, out),
    };
    if let Err(write_error) = written {
        super::print_error(err, &format!("cannot write output: {write_error}"));
        return super::EXIT_ERROR;
    }
    0
}

fn roles_of(index: &PeopleIndex, person: &Person) -> Vec<RoleOut> {
    person
        .roles
        .iter()
        .map(|r| RoleOut {
            role: r.role.to_string(),
            article: r.article.map(|a| index.articles[a].key.clone()),
            date: r.date.map(|d| d.to_string()),
        })
        .collect()
}

fn write_json(index: &PeopleIndex, people: &[&Person], out: &mut dyn Write) -> std::io::Result<()> {
    let records: Vec<PersonRecord> = people
        .iter()
        .map(|p| PersonRecord {
            name: &p.canonical,
            aliases: &p.aliases,
            roles: roles_of(index, p),
            mentions: index.name_mention_count(p.id),
            articles: index.article_count(p.id),
            quotes: p.quotes.len(),
        })
        .collect();
    let json = serde_json::to_string_pretty(&records).map_err(std::io::Error::other)?;
    writeln!(out, "{json}")
}

fn write_human(
    index: &PeopleIndex,
    people: &[&Person],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for person in people {
        let mentions = index.name_mention_count(person.id);
        let articles = index.article_count(person.id);
        writeln!(
            out,
            "{} — {mentions} mention{} in {articles} article{}{}",
            person.canonical,
            if mentions == 1 { "" } else { "s" },
            if articles == 1 { "" } else { "s" },
            match person.quotes.len() {
                0 => String::new(),
                1 => ", 1 quote".to_string(),
                n => format!(", {n} quotes"),
            }
        )?;
        if !person.aliases.is_empty() {
            writeln!(out, "  aliases: {}", person.aliases.join(", "))?;
        }
        // One line per role, with every article that gives it.
        let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
        for role in roles_of(index, person) {
            let source = match (role.article, role.date) {
                (Some(article), Some(date)) => format!("{article} {date}"),
                (Some(article), None) => article,
                (None, _) => "backstop.toml".to_string(),
            };
            match grouped.iter_mut().find(|(r, _)| *r == role.role) {
                Some((_, sources)) => sources.push(source),
                None => grouped.push((role.role, vec![source])),
            }
        }
        for (role, sources) in grouped {
            // The JSON output lists every source; a terminal gets a few.
            let sources = crate::people::hover::shorten_list(&sources, 3);
            writeln!(out, "  role: {role} ({sources})")?;
        }
    }
    Ok(())
}
