//! The generic form of a whole module, as `mlir-opt --mlir-print-op-generic
//! --mlir-print-debuginfo` writes it: every operation as
//! `"name"(operands) <{properties}> (regions) {attributes} : type`, with a
//! location on every operation and block argument. Operations without a
//! written location get `loc("file":line:column)` of the place where the
//! parsed text spelled them, so diagnostics point at the user's file.

use super::ast::Module;
use super::printer::{Mode, Printer};

/// Prints `module` in generic form; `file_name` names the file of the
/// locations made from source positions, and `locations` switches all
/// locations off when false.
pub(crate) fn print(module: &Module, file_name: Option<&str>, locations: bool) -> String {
    let mut printer = Printer { out: String::new(), mode: Mode::Generic, locations, file: file_name };
    printer.module(module);
    printer.out
}
