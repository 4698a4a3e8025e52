//! jaxr's integration suite: one test binary (each links MLIR statically),
//! one module per concern.

mod autodiff;
mod checks;
mod complex;
mod corpus;
mod derivatives;
mod grouped_convolutions;
mod interpret;
mod linalg;
mod ops;
mod raising;
mod random;
mod rule_calls;
mod rule_check;
mod sharded;
mod simplify;
mod snapshots;
mod stability_shift;
mod syntax;
mod upstream_passes;
mod vmap;
