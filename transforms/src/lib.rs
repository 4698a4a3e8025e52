//! jaxr's function transformations, jaxr to jaxr: automatic differentiation
//! (the `jaxr-autodiff` pass: `jaxr.jvp`, `vjp`, `grad`, `value_and_grad`),
//! batching (`jaxr-vmap`: `jaxr.vmap`) and the expansion of the random ops
//! into jaxr primitives (`jaxr-expand-random`).
//!
//! - [`rules`]: the derivative table — every op's JVP and VJP (egg patterns
//!   for elementwise ops, rule functions where attributes must be computed),
//!   or why it has none.
//! - [`sweep`]: forward and reverse sweeps over a block, activity analysis,
//!   calls; [`control`]: `cond` and `while`; [`loop_reverse`]: counted
//!   loops in reverse (stashed residuals); [`permutation`]: `sort` and
//!   `top_k`; [`barrier`]: `optimization_barrier`; [`unroll`]: the generic
//!   `reduce_window`, rewritten before the sweeps; [`shift`]: the
//!   stability shift of softmax and its kin, a constant to the sweeps.
//! - [`vmap`]: `jaxr.vmap` and `jaxr-vmap`, with the batching table.
//! - [`random`]: `jaxr-expand-random`, JAX's threefry2x32 PRNG as jaxr ops
//!   (also run by both passes on the functions they transform).
//! - [`function`]: derived functions (`@main_grad`, ...); [`pass`]: the
//!   passes `jaxr-autodiff` and `jaxr-vmap`.
//! - [`term`], [`emit`], [`ir`]: rule terms, emitting them, MLIR helpers.
//!
//! See docs/autodiff.md and docs/vmap.md.

#![warn(missing_docs)]

pub mod barrier;
pub mod collectives;
pub mod control;
pub mod control_opt;
pub mod emit;
pub mod fold_constants;
pub mod function;
pub mod gspmd_manual;
pub mod ir;
pub mod loop_reverse;
pub mod manual;
pub mod module_opt;
pub mod pass;
pub mod permutation;
pub mod random;
pub mod rule_calls;
pub mod rules;
pub mod sharding_constraint;
pub mod shift;
pub mod simplify_pass;
pub mod sweep;
pub mod term;
pub mod unroll;
pub mod vmap;

/// Registers `jaxr-autodiff`, `jaxr-vmap`, `jaxr-expand-random`,
/// `jaxr-simplify`, `jaxr-module-opt`, `jaxr-control-opt`,
/// `jaxr-fold-constants` and `jaxr-optimize` with MLIR.
pub fn register_passes() {
    jaxr_passes::register(pass::PASS);
    jaxr_passes::register(pass::VMAP);
    jaxr_passes::register(random::PASS);
    jaxr_passes::register(simplify_pass::PASS);
    jaxr_passes::register(module_opt::PASS);
    jaxr_passes::register(control_opt::PASS);
    jaxr_passes::register(fold_constants::PASS);
    jaxr_passes::register(simplify_pass::OPTIMIZE);
}
