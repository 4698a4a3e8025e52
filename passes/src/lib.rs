//! jaxr passes and the framework that runs Rust passes inside MLIR's
//! PassManager: [`PassDef`] declares a pass (name, summary, options, body),
//! [`register`] makes it nameable in textual pipelines such as
//! `builtin.module(canonicalize, convert-jaxr-to-stablehlo)`. Around it, what
//! every user of pipelines shares: diagnostics with locations ([`Diag`]),
//! parsing a module (pretty StableHLO through jaxr-syntax), running a
//! pipeline and printing the result ([`driver`]), and preparing a module for
//! a PJRT plugin ([`entry`]).

pub mod diagnostics;
pub mod driver;
pub mod entry;
pub mod options;
mod pass;

pub use diagnostics::{render, Diag, DiagnosticCollector, IrLocation, Severity};
pub use driver::{
    check_pipeline, has_pretty_stablehlo, parse_module, print_module, run_pipeline, split_input,
    Instrumentation, PrintOptions, Source, TO_STABLEHLO,
};
pub use options::{OptionKind, OptionSpec, PassOptions};
pub use pass::{register, registered_passes, PassDef, PassRun};
