//! The StableHLO text syntax: a reader and writer for the *pretty* form JAX
//! prints (`jax.jit(f).lower(x).as_text()`) and for MLIR's generic form.
//!
//! MLIR reads and writes the stablehlo and chlo ops of jaxr's own ODS only
//! in the generic form (`"stablehlo.add"(%a, %b) : (...) -> ...`). This
//! crate bridges the two in pure Rust; it depends on no MLIR crate (the
//! dialect depends on it, for [`enums`], and it is fuzzed alone):
//!
//! - [`parse`] reads either syntax, deciding per operation (a quoted name is
//!   generic, a bare one pretty), into an [`ast::Module`] that keeps types,
//!   attribute values and locations as raw text;
//! - [`to_generic`] writes the generic form MLIR and the real StableHLO
//!   parser accept, with a location on every operation (made from the
//!   pretty source position when the input had none);
//! - [`to_pretty`] writes the pretty form byte for byte as MLIR would,
//!   including MLIR's SSA names (`%0`, `%cst_1`, `%c`, `%iterArg_2`, `%arg0`);
//! - [`strip_locations`] removes `loc(...)` specifiers and `#loc` aliases;
//! - [`unpack_i1_hex`] lays out MLIR 22's hex `i1` constants one byte per
//!   element, for a PJRT plugin.
//!
//! The pretty forms known are those of the stablehlo, chlo and func ops JAX
//! prints and of the Shardy ops of a sharded program (`sdy.mesh`,
//! `sdy.sharding_constraint`, `sdy.manual_computation`, ...; see `op_table`),
//! whose attribute values (`<@mesh, [{"data"}, {}]>`) stay text as written.
//!
//! Layout: `enums` (the StableHLO enumerations and their spellings, shared
//! with the dialect's verifiers), `lexer` (tokens and raw bracket-balanced scanning), `parser`
//! (shared grammar: values, types, attributes, regions), `scopes` (SSA
//! name scoping: redefinitions, undefined uses), `parse_generic`
//! (the generic operation form), `parse_module` (aliases, module and
//! function), `parse_pretty` (per-operation pretty forms), `op_table`
//! (what is known about each operation), `attr_text` (pretty <-> generic
//! attribute spellings), `naming` (MLIR's SSA naming), `printer` (shared
//! layout), `print_generic`, `print_pretty`, `locations`; `gspmd` reads
//! GSPMD sharding strings and `shardy` Shardy's attribute values (meshes,
//! shardings) for the dialect, jaxr-run and the transformations.

pub mod ast;
mod attr_text;
pub mod dims;
pub mod enums;
mod error;
pub mod gspmd;
mod lexer;
mod locations;
mod naming;
mod op_table;
mod parse_generic;
mod parse_module;
mod parse_pretty;
mod parser;
mod print_generic;
mod print_pretty;
mod printer;
mod raw_op;
mod scopes;
pub mod shardy;
mod value_sharding;

#[cfg(test)]
mod tests;

pub use error::ParseError;
pub use value_sharding::ValueSharding;

/// Parses MLIR text holding StableHLO, in pretty or generic form (each
/// operation may use either) into an AST. `file_name` is recorded in the
/// module ([`ast::Module::file`]) for diagnostics and location synthesis.
pub fn parse(text: &str, file_name: &str) -> Result<ast::Module, ParseError> {
    let mut module = parse_module::parse_file(text)?;
    module.file = Some(file_name.to_string());
    Ok(module)
}

/// The generic form of `module`. Every operation, function, block argument
/// and the module carry a location: the one written in the input, or
/// `loc("file_name":line:column)` of where the parsed text spelled them.
pub fn to_generic(module: &ast::Module, file_name: &str) -> String {
    print_generic::print(module, Some(file_name), true)
}

/// The generic form of `module` without any location.
pub fn to_generic_without_locations(module: &ast::Module) -> String {
    print_generic::print(module, None, false)
}

/// The pretty form of `module`, as MLIR prints it; locations written in the
/// input are printed too (as MLIR does with debug info enabled).
pub fn to_pretty(module: &ast::Module) -> String {
    print_pretty::print(module, true)
}

/// The pretty form of `module` without locations (as `as_text()` prints it).
pub fn to_pretty_without_locations(module: &ast::Module) -> String {
    print_pretty::print(module, false)
}

/// `text`, MLIR text as MLIR 22 prints it (generic or not), with every hex
/// `dense<"0x..."> : tensor<...xi1>` (static shape, no encoding) laid out
/// one byte per element, as JAX's MLIR and the PJRT plugins read it; every
/// other byte of `text` is kept.
///
/// MLIR 22 packs `i1` data one bit per element, the first element in the
/// lowest bit; the LLVM of jaxlib 0.11.2 (and later) stores one byte per
/// element, 0x00 or 0x01 (llvm/llvm-project#180397), and rejects the packed
/// data ("elements hex data size is invalid for provided type"). A hex
/// splat of true becomes 0x01: MLIR 22's is the single byte 0xFF (MLIR
/// prints a splat as its value, `dense<true>`, but [`to_generic`] writes
/// JAX's `dense<"0x01">` so), which the newer MLIR accepts but keeps as the
/// byte 0xFF, a boolean of 255 to XLA (`convert` gives 255, `not` false).
/// A splat of false, 0x00, is the same in both layouts.
///
/// Meant for MLIR 22's layout only: for eight elements or fewer a single
/// byte is ambiguous, and is read as MLIR 22 means it (one bit each).
pub fn unpack_i1_hex(text: &str) -> String {
    attr_text::i1_hex_text_for_jax(text)
}

/// `text` without `loc(...)` specifiers and without `#name = loc(...)`
/// alias definitions.
pub fn strip_locations(text: &str) -> String {
    locations::strip(text)
}
