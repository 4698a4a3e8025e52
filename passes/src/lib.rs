//! jaxr passes and the framework that runs Rust passes inside MLIR's
//! PassManager: [`PassDef`] declares a pass (name, summary, options, body),
//! [`register`] makes it nameable in textual pipelines such as
//! `builtin.module(canonicalize, convert-jaxr-to-stablehlo)`. Around it, what
//! every user of pipelines shares: diagnostics with locations ([`Diag`]),
//! parsing a module (pretty StableHLO through jaxr-syntax), running a
//! pipeline and printing the result ([`driver`]), and preparing a module for
//! a PJRT plugin ([`entry`]).

mod chunks;
pub mod diagnostics;
pub mod driver;
pub mod entry;
pub mod options;
mod pass;
pub mod prescan;
pub mod sharding;
pub mod staged;

pub use diagnostics::{render, Diag, DiagnosticCollector, IrLocation, Severity, SourceLines};
pub use driver::{
    check_pipeline, has_pretty_stablehlo, parse_module, parse_module_with, print_module,
    print_module_located, run_pipeline, split_chunks, split_input, Chunk, Instrumentation, ParseOptions,
    PrintOptions, Source, TO_STABLEHLO,
};
pub use options::{OptionKind, OptionSpec, PassOptions};
pub use pass::{register, registered_passes, PassDef, PassRun};
pub use prescan::ParseLimits;
