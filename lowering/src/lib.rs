//! Lowering between jaxr and StableHLO.
//!
//! - [`to_stablehlo`]: the `convert-jaxr-to-stablehlo` pass.
//! - [`from_stablehlo`]: the `convert-stablehlo-to-jaxr` pass (raising).
//! - [`emitter`]: building StableHLO ops by name and attributes (the stablehlo
//!   dialect is registered from dialect/td/StablehloOps.td, which verifies
//!   what is built; see docs/architecture.md).

pub mod emitter;
pub mod from_stablehlo;
mod raise_batch_norm;
mod raise_dynamic;
mod raise_map;
mod raise_select_and_scatter;
mod raise_tuples;
mod raise_util;
mod raise_variadic_reduce;
mod shared_constants;
pub mod to_stablehlo;

/// Registers this crate's passes with MLIR so pipelines can name them.
pub fn register_passes() {
    jaxr_passes::register(to_stablehlo::PASS);
    jaxr_passes::register(from_stablehlo::PASS);
}
