//! jaxr's integration suite: one test binary (each links MLIR statically),
//! one module per concern.

mod autodiff;
mod corpus;
mod derivatives;
mod ops;
mod simplify;
mod syntax;
