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

    /// An error at the line and column a printed location names
    /// (`loc("file":3:8)`), or without a location if it names none.
    pub fn at_printed(location: &str, message: impl Into<String>) -> Self {
        match location_line_column(location) {
            (Some(line), Some(column)) => Diag::error_at(line, column, message),
            _ => Diag::error(message),
        }
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
    match location_file_line_column(location) {
        Some((_, line, column)) => (Some(line), column),
        None => (None, None),
    }
}

/// The file, line and column of the first `"file":line:col` in a printed
/// location.
pub fn location_file_line_column(location: &str) -> Option<(&str, usize, Option<usize>)> {
    let mut rest = location;
    while let Some(quote) = rest.find('"') {
        let after = &rest[quote + 1..];
        let end = after.find('"')?;
        let tail = &after[end + 1..];
        if let Some(numbers) = tail.strip_prefix(':') {
            let mut parts = numbers.splitn(3, |c: char| !c.is_ascii_digit());
            let line = parts.next().and_then(|p| p.parse().ok());
            let column = parts.next().and_then(|p| p.parse().ok());
            if let Some(line) = line {
                return Some((&after[..end], line, column));
            }
        }
        rest = tail;
    }
    None
}

/// Lines of diagnostics located in the buffers named `buffers` move down by
/// `offset` (a chunk of `--split-input-file` parsed alone).
#[derive(Clone, Debug, PartialEq, Eq)]
struct LineShift {
    buffers: Vec<String>,
    offset: usize,
}

fn convert(d: &Diagnostic, shift: Option<&LineShift>) -> Diag {
    let severity = match d.severity() {
        DiagnosticSeverity::Error => Severity::Error,
        DiagnosticSeverity::Warning => Severity::Warning,
        DiagnosticSeverity::Note => Severity::Note,
        DiagnosticSeverity::Remark => Severity::Remark,
    };
    let printed = d.location().to_string();
    let (line, column) = match location_file_line_column(&printed) {
        Some((file, line, column)) => match shift {
            Some(s) if s.buffers.iter().any(|b| b == file) => (Some(line + s.offset), column),
            _ => (Some(line), column),
        },
        None => (None, None),
    };
    let notes = (0..d.note_count()).filter_map(|i| d.note(i).ok()).map(|n| convert(&n, shift)).collect();
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
    shift: Rc<RefCell<Option<LineShift>>>,
}

impl<'c> DiagnosticCollector<'c> {
    pub fn attach(context: &'c Context) -> Self {
        let diags = Rc::new(RefCell::new(Vec::new()));
        let shift = Rc::new(RefCell::new(None));
        let (sink, current_shift) = (diags.clone(), shift.clone());
        let id = context.attach_diagnostic_handler(move |d| {
            sink.borrow_mut().push(convert(&d, current_shift.borrow().as_ref()));
            true
        });
        DiagnosticCollector { context, id: Some(id), diags, shift }
    }

    /// From now on, diagnostics located in the buffers named `buffers`
    /// report lines `offset` further down (no buffers ends that).
    pub fn shift_lines(&self, buffers: &[&str], offset: usize) {
        *self.shift.borrow_mut() = (!buffers.is_empty())
            .then(|| LineShift { buffers: buffers.iter().map(|b| b.to_string()).collect(), offset });
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
    render_with(d, file, &|line| source.lines().nth(line.saturating_sub(1)))
}

/// The lines of a source, indexed once: rendering many diagnostics against
/// a large file stays linear.
pub struct SourceLines<'a> {
    lines: Vec<&'a str>,
}

impl<'a> SourceLines<'a> {
    pub fn new(source: &'a str) -> Self {
        SourceLines { lines: source.lines().collect() }
    }

    /// Line `line` (1-based).
    pub fn line(&self, line: usize) -> Option<&'a str> {
        self.lines.get(line.checked_sub(1)?).copied()
    }

    /// [`render`] with the index.
    pub fn render(&self, d: &Diag, file: &str) -> String {
        render_with(d, file, &|line| self.line(line))
    }
}

fn render_with<'a>(d: &Diag, file: &str, line_text: &dyn Fn(usize) -> Option<&'a str>) -> String {
    let mut out = String::new();
    match (d.line, d.column) {
        (Some(line), column) => {
            let column = column.unwrap_or(1).max(1);
            let _ = writeln!(out, "{file}:{line}:{column}: {}: {}", d.severity.name(), d.message);
            if let Some(text) = line_text(line) {
                let _ = writeln!(out, "{text}");
                let _ = writeln!(out, "{}^", " ".repeat(column - 1));
            }
        }
        _ => {
            let _ = writeln!(out, "{file}: {}: {}", d.severity.name(), d.message);
        }
    }
    for note in &d.notes {
        out.push_str(&render_with(note, file, line_text));
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
        let lines = SourceLines::new("one\ntwo words\n");
        assert_eq!(lines.render(&d, "a.mlir"), render(&d, "a.mlir", "one\ntwo words\n"));
        assert_eq!(lines.line(0), None);
    }
}
