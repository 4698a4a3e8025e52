//! The library behind the jaxr command-line tools (`jaxr-opt`, `jaxr-run`):
//! what only the command lines need (`--verify-diagnostics`, `--help`'s pass
//! list, output files) and [`register_all_passes`]. Parsing, pipelines,
//! printing and diagnostics are jaxr-passes' (`jaxr_passes::driver`,
//! `jaxr_passes::diagnostics`).

pub mod output;
pub mod passes_help;
pub mod verify_diagnostics;

pub use output::write_output;

use jaxr_passes::prescan::{DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_RESULT_NUMBER};
use jaxr_passes::ParseLimits;

/// The command-line options of the pre-scan that keeps MLIR's parser from
/// crashing (both tools).
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct LimitArgs {
    /// Refuse input whose brackets ( [ { < nest deeper than this (MLIR's
    /// parser would overflow its stack).
    #[arg(long = "max-nesting-depth", default_value_t = DEFAULT_MAX_NESTING_DEPTH)]
    pub max_nesting_depth: usize,
    /// Refuse result numbers (`%0#N`) larger than this.
    #[arg(long = "max-result-number", default_value_t = DEFAULT_MAX_RESULT_NUMBER)]
    pub max_result_number: u64,
}

impl LimitArgs {
    pub fn limits(&self) -> ParseLimits {
        ParseLimits { max_nesting_depth: self.max_nesting_depth, max_result_number: self.max_result_number }
    }
}

/// Registers every jaxr pass (and, through the dialect, the upstream ones).
/// The tests library (jaxr-tests) has the same function: it cannot depend on
/// this crate, whose passes' crates use it in their benches.
pub fn register_all_passes() {
    jaxr_dialect::initialize();
    jaxr_lowering::register_passes();
    jaxr_transforms::register_passes();
}
