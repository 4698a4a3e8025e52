//! The error a parse reports: where, and what went wrong.

use std::fmt;

/// A syntax error at a 1-based line and byte column of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line of the offending token.
    pub line: u32,
    /// 1-based byte column of the offending token.
    pub column: u32,
    /// What was expected or what is wrong.
    pub message: String,
}

impl ParseError {
    /// The error at byte `offset` of `src`.
    pub(crate) fn at(src: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(src, offset);
        ParseError { line, column, message: message.into() }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ParseError {}

/// The 1-based line and byte column of byte `offset` in `src` (clamped to its end).
pub(crate) fn line_col(src: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(src.len());
    let before = src.as_bytes().get(..offset).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (to_u32(line), to_u32(offset - line_start + 1))
}

/// Tracks line numbers for offsets that mostly increase, in amortized O(1).
#[derive(Debug, Default)]
pub(crate) struct LineTracker {
    offset: usize,
    line: usize,
    line_start: usize,
}

impl LineTracker {
    /// The 1-based line and column of `offset`.
    pub(crate) fn line_col(&mut self, src: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(src.len());
        if offset < self.offset {
            *self = LineTracker::default();
        }
        let bytes = src.as_bytes().get(self.offset..offset).unwrap_or_default();
        if let Some(last) = bytes.iter().rposition(|&b| b == b'\n') {
            self.line += bytes.iter().filter(|&&b| b == b'\n').count();
            self.line_start = self.offset + last + 1;
        }
        self.offset = offset;
        (to_u32(self.line + 1), to_u32(offset - self.line_start + 1))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
