//! jaxr passes and the framework that runs Rust passes inside MLIR's
//! PassManager: [`PassDef`] declares a pass (name, summary, options, body),
//! [`register`] makes it nameable in textual pipelines such as
//! `builtin.module(canonicalize, convert-jaxr-to-stablehlo)`.

pub mod options;
mod pass;

pub use options::{OptionKind, OptionSpec, PassOptions};
pub use pass::{register, registered_passes, PassDef, PassError, PassRun};
