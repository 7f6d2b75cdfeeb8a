//! SARIF 2.1.0, with one rule per code.

use std::io::{self, Write};

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

fn location(span: &Span, message: Option<&str>) -> sarif::Location {
    let physical = sarif::PhysicalLocation::builder()
        .artifact_location(
            sarif::ArtifactLocation::builder()
                .uri(span.path.clone())
                .build(),
        )
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

pub fn render(records: &[Record], out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<sarif::ReportingDescriptor> = Rule::ALL
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
        .collect();
    let results: Vec<sarif::Result> = records
        .iter()
        .map(|record| {
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
                                .artifact_location(
                                    sarif::ArtifactLocation::builder()
                                        .uri(edit.span.path.clone())
                                        .build(),
                                )
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
        })
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("backstop")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
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
