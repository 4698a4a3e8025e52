//! The library behind the jaxr command-line tools (`jaxr-opt`, `jaxr-run`):
//! what only the command lines need (`--verify-diagnostics`, `--help`'s pass
//! list, output files) and [`register_all_passes`]. Parsing, pipelines,
//! printing and diagnostics are jaxr-passes' (`jaxr_passes::driver`,
//! `jaxr_passes::diagnostics`).

pub mod output;
pub mod passes_help;
pub mod verify_diagnostics;

pub use output::write_output;

/// Registers every jaxr pass (and, through the dialect, the upstream ones).
/// The tests library (jaxr-tests) has the same function: it cannot depend on
/// this crate, whose passes' crates use it in their benches.
pub fn register_all_passes() {
    jaxr_dialect::initialize();
    jaxr_lowering::register_passes();
    jaxr_transforms::register_passes();
}
