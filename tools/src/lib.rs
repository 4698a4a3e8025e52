//! jaxr-opt and jaxr-run
