//! SARIF 2.1.0, with one rule per code. Paths are relative to the current
//! folder, which the run records as the base `CWD` (`originalUriBaseIds`),
//! so that code scanning resolves them wherever the workspace lies in the
//! repository; files outside it have absolute `file://` URIs.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde_sarif::sarif;

use crate::cli::report::{Record, Span};
use crate::rules::Rule;

fn region(span: &Span) -> sarif::Region {
    sarif::Region::builder()
        .start_line(span.line as i64)
        .start_column(span.column as i64)
        .end_line(span.end_line as i64)
        .end_column(span.end_column as i64)
        .build()
}

/// The base every relative URI of the log is resolved against.
const BASE_ID: &str = "CWD";

/// A path as a URI reference: `/`-separated, with every byte outside the
/// unreserved set and `/` percent-encoded.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A report path as an artifact location: relative to `CWD`, or absolute.
fn artifact(path: &str) -> sarif::ArtifactLocation {
    if Path::new(path).is_absolute() {
        sarif::ArtifactLocation::builder()
            .uri(format!("file://{}", encode(path)))
            .build()
    } else {
        sarif::ArtifactLocation::builder()
            .uri(encode(path))
            .uri_base_id(BASE_ID)
            .build()
    }
}

/// `file:///…/` for the folder `base`, with the closing slash that makes
/// relative URIs resolve inside it.
fn base_uri(base: &Path) -> String {
    let mut uri = format!("file://{}", encode(&base.to_string_lossy()));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

fn location(span: &Span, message: Option<&str>) -> sarif::Location {
    let physical = sarif::PhysicalLocation::builder()
        .artifact_location(artifact(&span.path))
        .region(region(span))
        .build();
    match message {
        Some(text) => sarif::Location::builder()
            .physical_location(physical)
            .message(sarif::Message::builder().text(text.to_string()).build())
            .build(),
        None => sarif::Location::builder()
            .physical_location(physical)
            .build(),
    }
}

/// One descriptor per rule code, with its documentation and default level.
fn rule_descriptors() -> Vec<sarif::ReportingDescriptor> {
    Rule::ALL
        .iter()
        .map(|rule| {
            let documentation = crate::registry::documentation(*rule);
            let level = match rule.default_level() {
                crate::diagnostic::Level::Off => "none",
                crate::diagnostic::Level::On(s) => match s {
                    crate::diagnostic::Severity::Error => "error",
                    crate::diagnostic::Severity::Warning => "warning",
                    _ => "note",
                },
            };
            sarif::ReportingDescriptor::builder()
                .id(rule.code())
                .short_description(
                    sarif::MultiformatMessageString::builder()
                        .text(documentation.summary)
                        .build(),
                )
                .full_description(
                    sarif::MultiformatMessageString::builder()
                        .text(
                            documentation
                                .explanation
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" "),
                        )
                        .build(),
                )
                .default_configuration(
                    sarif::ReportingConfiguration::builder()
                        .level(serde_json::Value::String(level.into()))
                        .build(),
                )
                .build()
        })
        .collect()
}

/// A finding as a SARIF result, with its evidence and fix.
fn result_of(record: &Record) -> sarif::Result {
    let level = match record.severity {
        "error" => sarif::ResultLevel::Error,
        "warning" => sarif::ResultLevel::Warning,
        _ => sarif::ResultLevel::Note,
    };
    let rule_index = Rule::from_code(record.code)
        .and_then(|r| Rule::ALL.iter().position(|x| *x == r))
        .unwrap_or(0);
    let related: Vec<sarif::Location> = record
        .related
        .iter()
        .map(|r| location(&r.span, Some(&r.message)))
        .collect();
    let fixes: Vec<sarif::Fix> = record
        .fix
        .iter()
        .map(|fix| {
            let changes = fix
                .edits
                .iter()
                .map(|edit| {
                    sarif::ArtifactChange::builder()
                        .artifact_location(artifact(&edit.span.path))
                        .replacements(vec![
                            sarif::Replacement::builder()
                                .deleted_region(region(&edit.span))
                                .inserted_content(
                                    sarif::ArtifactContent::builder()
                                        .text(edit.new_text.clone())
                                        .build(),
                                )
                                .build(),
                        ])
                        .build()
                })
                .collect::<Vec<_>>();
            sarif::Fix::builder()
                .description(sarif::Message::builder().text(fix.message.clone()).build())
                .artifact_changes(changes)
                .build()
        })
        .collect();
    let mut result = sarif::Result::builder()
        .rule_id(record.code)
        .rule_index(rule_index as i64)
        .level(level)
        .message(
            sarif::Message::builder()
                .text(record.message.clone())
                .build(),
        )
        .locations(vec![location(&record.span, None)])
        .related_locations(related)
        .build();
    if !fixes.is_empty() {
        result.fixes = Some(fixes);
    }
    result
}

/// `base`: the folder the records' paths are relative to.
pub fn render(records: &[Record], base: &Path, out: &mut dyn Write) -> io::Result<()> {
    let rules = rule_descriptors();
    let results: Vec<sarif::Result> = records.iter().map(result_of).collect();
    let driver = sarif::ToolComponent::builder()
        .name("backstop")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let bases = BTreeMap::from([(
        BASE_ID.to_string(),
        sarif::ArtifactLocation::builder()
            .uri(base_uri(base))
            .build(),
    )]);
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .original_uri_base_ids(bases)
        .results(results)
        .build();
    let log = sarif::Sarif::builder()
        .version(sarif::Version::V2_1_0.to_string())
        .schema(sarif::SCHEMA_URL)
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
