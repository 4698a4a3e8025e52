//! jaxr to StableHLO lowering
