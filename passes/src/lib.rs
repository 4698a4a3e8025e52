//! jaxr passes: registry, pipeline parsing, Rust passes run by MLIR's PassManager
