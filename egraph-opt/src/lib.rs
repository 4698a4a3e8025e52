//! jaxr's equality saturation layer (egg), free of pass wiring (the
//! `jaxr-simplify` and `jaxr-optimize` passes are registered by
//! jaxr-transforms).
//!
//! - [`language`]: the e-graph's node type (every jaxr primitive, arguments,
//!   splat constants, opaque leaves).
//! - [`analysis`]: each class's type (the dialect's shape rules) and splat
//!   value ([`fold`]: constant folding in the element type).
//! - [`rules`]: rewrite tables by theme, each group switchable.
//! - [`cost`]: FLOPs and bytes per op; [`extract`]: extraction by DAG cost
//!   (a shared subterm counts once).
//! - [`saturate`]: bounded saturation; [`convert`]: MLIR ⇄ e-graph;
//!   [`simplify`]: a function's blocks simplified in place, one-block
//!   functions saturated on [`workers`] threads. See
//!   docs/simplify.md.

#![warn(missing_docs)]

pub mod analysis;
pub mod convert;
pub mod cost;
pub mod extract;
pub mod fold;
pub mod language;
pub mod rules;
pub mod saturate;
pub mod simplify;
pub mod workers;
