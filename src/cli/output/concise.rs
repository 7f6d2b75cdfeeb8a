//! One line per finding, `path:line:col: severity[code] message`, for grep
//! and editors' quickfix lists. A fix is marked `[*]` (`--fix` applies it)
//! or `[-]` (only with `--unsafe-fixes`).

use std::io::{self, Write};

use crate::cli::applicability::Applicability;
use crate::cli::report::Record;

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

pub fn render(records: &[Record], color: bool, out: &mut dyn Write) -> io::Result<()> {
    for record in records {
        let span = &record.span;
        let severity_color = match record.severity {
            "error" => "1;31",
            "warning" => "1;33",
            "info" => "1;36",
            _ => "1;32",
        };
        let marker = match record.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => " [*]",
            Some(Applicability::Unsafe) => " [-]",
            None => "",
        };
        // One line each: a message never breaks the quickfix format.
        let message = record.message.replace(['\r', '\n'], " ");
        writeln!(
            out,
            "{}:{}:{}: {}{marker} {message}",
            paint(&span.path, "1", color),
            span.line,
            span.column,
            paint(
                &format!("{}[{}]", record.severity, record.code),
                severity_color,
                color
            ),
        )?;
    }
    Ok(())
}
