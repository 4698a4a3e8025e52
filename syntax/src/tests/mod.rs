//! Tests of the syntax crate: the JAX corpus round trips, single forms,
//! error positions and a throughput measurement.

mod corpus;
mod errors;
mod forms;
mod fuzz;
mod throughput;

use std::path::{Path, PathBuf};

/// The project's copy of the JAX reference corpus (tests/data/corpus).
pub(super) fn corpus_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/corpus");
    assert!(
        dir.join("README.md").is_file(),
        "the JAX reference corpus was not found at {} (tests/data/corpus of the repository)",
        dir.display()
    );
    dir
}

/// The corpus files whose name is `file_name`, one per function folder that has it, sorted.
pub(super) fn corpus_files(file_name: &str) -> Vec<PathBuf> {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path().join(file_name))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// The project's sharded JAX programs (tests/data/jax/sharded), each in
/// the GSPMD form (`.stablehlo.mlir`) and in Shardy's (`.shardy.mlir`).
pub(super) fn sharded_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/jax/sharded")
}

/// The sharded JAX programs in Shardy's form, sorted.
pub(super) fn shardy_files() -> Vec<PathBuf> {
    let dir = sharded_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".shardy.mlir"))
        .collect();
    files.sort();
    files
}

/// The text of `path`.
pub(super) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// `function/file` for messages.
pub(super) fn short(path: &Path) -> String {
    let parts: Vec<_> = path.iter().rev().take(2).collect();
    parts.iter().rev().map(|p| p.to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The first line where `got` and `want` differ, for failure messages.
pub(super) fn first_difference(got: &str, want: &str) -> String {
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        if g != w {
            return format!("line {}:\n   got: {g}\n  want: {w}", i + 1);
        }
    }
    format!("lengths differ: got {} lines, want {} lines", got.lines().count(), want.lines().count())
}
