//! jaxr's one diagnostic type, [`Diag`]: what passes report (at an IR
//! location, emitted through MLIR) and what the tools print. Collecting MLIR
//! diagnostics, and printing them as `file:line:col: error: ...` with the
//! source line and a caret, as mlir-opt does.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use melior::diagnostic::{Diagnostic, DiagnosticHandlerId, DiagnosticSeverity};
use melior::ir::Location;
use melior::Context;
use mlir_sys::{MlirLocation, MlirOperation};

/// A diagnostic with a location: an error a pass reports, or one collected
/// from MLIR (parsing, verification, a pass) or jaxr's StableHLO reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diag {
    pub severity: Severity,
    /// 1-based line and column when the location names a place in a file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The IR location, for diagnostics made inside a pass: the pass
    /// framework emits the diagnostic there (the op's own location when none),
    /// and MLIR's printed location gives `line` and `column` once collected.
    pub location: Option<IrLocation>,
    pub message: String,
    pub notes: Vec<Diag>,
}

/// An MLIR location held by a [`Diag`]. Locations are uniqued by their
/// context, so two are equal when their handles are.
#[derive(Clone, Copy, Debug)]
pub struct IrLocation(pub MlirLocation);

impl PartialEq for IrLocation {
    fn eq(&self, other: &Self) -> bool {
        self.0.ptr == other.0.ptr
    }
}

impl Eq for IrLocation {}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Note,
    Remark,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
            Severity::Remark => "remark",
        }
    }
}

impl Diag {
    /// An error without a location.
    pub fn error(message: impl Into<String>) -> Self {
        Diag {
            severity: Severity::Error,
            line: None,
            column: None,
            location: None,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// An error at a line and column of the input text.
    pub fn error_at(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diag { line: Some(line), column: Some(column), ..Diag::error(message) }
    }

    /// An error at an IR location (what a pass reports).
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Diag::at_raw(location.to_raw(), message)
    }

    /// An error at a raw IR location.
    pub fn at_raw(location: MlirLocation, message: impl Into<String>) -> Self {
        Diag { location: Some(IrLocation(location)), ..Diag::error(message) }
    }

    /// An error at `op`'s location.
    pub fn at_op(op: MlirOperation, message: impl Into<String>) -> Self {
        // SAFETY: the caller hands a live op.
        Diag::at_raw(unsafe { mlir_sys::mlirOperationGetLocation(op) }, message)
    }
}

/// Finds the first `"file":line:col` in a printed location.
pub fn location_line_column(location: &str) -> (Option<usize>, Option<usize>) {
    let mut rest = location;
    while let Some(quote) = rest.find('"') {
        let after = &rest[quote + 1..];
        let Some(end) = after.find('"') else { break };
        let tail = &after[end + 1..];
        if let Some(numbers) = tail.strip_prefix(':') {
            let mut parts = numbers.splitn(3, |c: char| !c.is_ascii_digit());
            let line = parts.next().and_then(|p| p.parse().ok());
            let column = parts.next().and_then(|p| p.parse().ok());
            if line.is_some() {
                return (line, column);
            }
        }
        rest = tail;
    }
    (None, None)
}

fn convert(d: &Diagnostic) -> Diag {
    let severity = match d.severity() {
        DiagnosticSeverity::Error => Severity::Error,
        DiagnosticSeverity::Warning => Severity::Warning,
        DiagnosticSeverity::Note => Severity::Note,
        DiagnosticSeverity::Remark => Severity::Remark,
    };
    let (line, column) = location_line_column(&d.location().to_string());
    let notes = (0..d.note_count()).filter_map(|i| d.note(i).ok()).map(|n| convert(&n)).collect();
    Diag { severity, line, column, location: None, message: in_our_words(d.to_string()), notes }
}

/// MLIR's messages that name mlir-opt's flags, said in jaxr's terms.
fn in_our_words(message: String) -> String {
    if message.starts_with("operation being parsed with an unregistered dialect") {
        return "an op of a dialect jaxr does not know (it reads jaxr, stablehlo, chlo and MLIR's \
                upstream dialects); jaxr-opt --allow-unregistered-dialect keeps such ops as opaque \
                generic ops"
            .to_string();
    }
    message
}

/// Captures every diagnostic of a context while alive.
pub struct DiagnosticCollector<'c> {
    context: &'c Context,
    id: Option<DiagnosticHandlerId>,
    diags: Rc<RefCell<Vec<Diag>>>,
}

impl<'c> DiagnosticCollector<'c> {
    pub fn attach(context: &'c Context) -> Self {
        let diags = Rc::new(RefCell::new(Vec::new()));
        let sink = diags.clone();
        let id = context.attach_diagnostic_handler(move |d| {
            sink.borrow_mut().push(convert(&d));
            true
        });
        DiagnosticCollector { context, id: Some(id), diags }
    }

    /// Removes and returns everything collected so far.
    pub fn take(&self) -> Vec<Diag> {
        std::mem::take(&mut self.diags.borrow_mut())
    }
}

impl Drop for DiagnosticCollector<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            self.context.detach_diagnostic_handler(id);
        }
    }
}

/// Renders a diagnostic (and its notes) against the source it points into.
pub fn render(d: &Diag, file: &str, source: &str) -> String {
    let mut out = String::new();
    match (d.line, d.column) {
        (Some(line), column) => {
            let column = column.unwrap_or(1).max(1);
            let _ = writeln!(out, "{file}:{line}:{column}: {}: {}", d.severity.name(), d.message);
            if let Some(text) = source.lines().nth(line.saturating_sub(1)) {
                let _ = writeln!(out, "{text}");
                let _ = writeln!(out, "{}^", " ".repeat(column - 1));
            }
        }
        _ => {
            let _ = writeln!(out, "{file}: {}: {}", d.severity.name(), d.message);
        }
    }
    for note in &d.notes {
        out.push_str(&render(note, file, source));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_found_in_printed_forms() {
        assert_eq!(location_line_column(r#"loc("-":4:46)"#), (Some(4), Some(46)));
        assert_eq!(location_line_column(r#"loc("f"("x.mlir":2:3))"#), (Some(2), Some(3)));
        assert_eq!(location_line_column("loc(unknown)"), (None, None));
    }

    #[test]
    fn rendering_shows_the_source_line_and_a_caret() {
        let d = Diag::error_at(2, 3, "bad");
        assert_eq!(render(&d, "a.mlir", "one\ntwo words\n"), "a.mlir:2:3: error: bad\ntwo words\n  ^\n");
    }
}
