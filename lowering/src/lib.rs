//! Lowering between jaxr and StableHLO.
//!
//! - [`to_stablehlo`]: the `convert-jaxr-to-stablehlo` pass.
//! - [`emitter`]: building generic-form StableHLO ops (StableHLO is carried as
//!   ops of an unregistered dialect; see docs/architecture.md).

pub mod emitter;
pub mod to_stablehlo;

/// Registers this crate's passes with MLIR so pipelines can name them.
pub fn register_passes() {
    jaxr_passes::register(to_stablehlo::PASS);
}
