//! Lowering between jaxr and StableHLO.
//!
//! - [`to_stablehlo`]: the `convert-jaxr-to-stablehlo` pass.
//! - [`from_stablehlo`]: the `convert-stablehlo-to-jaxr` pass (raising).
//! - [`random`]: `jaxr-expand-random`, JAX's threefry2x32 PRNG as jaxr ops.
//! - [`emitter`]: building generic-form StableHLO ops (StableHLO is carried as
//!   ops of an unregistered dialect; see docs/architecture.md).

pub mod emitter;
pub mod from_stablehlo;
pub mod random;
pub mod to_stablehlo;

/// Registers this crate's passes with MLIR so pipelines can name them.
pub fn register_passes() {
    jaxr_passes::register(to_stablehlo::PASS);
    jaxr_passes::register(from_stablehlo::PASS);
    jaxr_passes::register(random::PASS);
}
