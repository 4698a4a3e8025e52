//! Cross-crate integration tests of jaxr (see tests/tests/).
