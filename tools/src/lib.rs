//! The library behind the jaxr command-line tools (`jaxr-opt`, `jaxr-run`):
//! input handling, diagnostics, `--verify-diagnostics`, pipelines.

pub mod diagnostics;
pub mod driver;
pub mod entry;
pub mod passes_help;
pub mod verify_diagnostics;

pub use diagnostics::{render, Diag, DiagnosticCollector, Severity};
pub use driver::{
    parse_module, print_module, register_all_passes, run_pipeline, split_input, write_output,
    Instrumentation, PrintOptions, Source, TO_STABLEHLO,
};
