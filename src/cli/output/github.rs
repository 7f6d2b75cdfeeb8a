//! GitHub Actions workflow commands, one per diagnostic.

use std::io::{self, Write};

use crate::cli::report::Record;

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(records: &[Record], out: &mut dyn Write) -> io::Result<()> {
    for record in records {
        let command = match record.severity {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let span = &record.span;
        let mut message = record.message.clone();
        if let Some(fix) = &record.fix {
            message.push_str(&format!("\nfix: {}", fix.message));
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&span.path),
            span.line,
            span.column,
            span.end_line,
            span.end_column,
            escape_property(record.code),
            escape_data(&message)
        )?;
    }
    Ok(())
}
