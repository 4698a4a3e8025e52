//! jaxr's integration suite: one test binary (each links MLIR statically),
//! one module per concern.

mod autodiff;
mod checks;
mod corpus;
mod derivatives;
mod interpret;
mod ops;
mod random;
mod simplify;
mod snapshots;
mod syntax;
mod upstream_passes;
mod vmap;
