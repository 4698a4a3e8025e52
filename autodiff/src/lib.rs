//! jaxr's automatic differentiation: the `jaxr-autodiff` pass.
//!
//! - [`rules`]: the derivative table — every op's JVP and VJP (egg patterns
//!   for elementwise ops, rule functions where attributes must be computed),
//!   or why it has none.
//! - [`sweep`]: forward and reverse sweeps over a block, activity analysis,
//!   calls; [`control`]: `cond` and `while`; [`permutation`]: `sort` and
//!   `top_k`; [`unroll`]: the generic `reduce_window`, rewritten before the
//!   sweeps.
//! - [`vmap`]: `jaxr.vmap` and `jaxr-vmap`, with the batching table.
//! - [`function`]: derived functions (`@main_grad`, ...); [`pass`]: the pass.
//! - [`term`], [`emit`], [`ir`]: rule terms, emitting them, MLIR helpers.
//!
//! See docs/autodiff.md.

#![warn(missing_docs)]

pub mod control;
pub mod emit;
pub mod function;
pub mod ir;
pub mod pass;
pub mod permutation;
pub mod rules;
pub mod sweep;
pub mod term;
pub mod unroll;
pub mod vmap;

/// Registers `jaxr-autodiff` and `jaxr-vmap` with MLIR.
pub fn register_passes() {
    jaxr_passes::register(pass::PASS);
    jaxr_passes::register(pass::VMAP);
}
