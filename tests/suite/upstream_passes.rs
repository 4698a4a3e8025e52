//! Upstream MLIR passes on imported StableHLO: `inline`, `symbol-dce`,
//! `canonicalize`, `cse` and `sccp`, one at a time and all in a row, on the
//! module as read and after `convert-stablehlo-to-jaxr`, run on every
//! reference program in `../shared` (the JAX-exported corpus and every chunk
//! of the StableHLO interpreter suite). After every pipeline the module must
//! verify and print. The interpreter chunks are first rewritten to return the
//! values they check (see [`returning_checked_values`]), so the passes cannot
//! delete the computation as dead code.
//!
//! Chunks the readers cannot read yet are listed in [`NOT_YET_READ`]; the set
//! of chunks that fail to parse must be exactly that list.
//!
//! Set `JAXR_TRACE_UPSTREAM_PASSES=1` to print every input and pipeline to
//! stderr before it runs (to find the input when a pass crashes the process).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use jaxr_passes::{
    parse_module, print_module, render, run_pipeline, split_input, Diag, DiagnosticCollector,
    Instrumentation, PrintOptions,
};
use jaxr_tests::register_all_passes;

use crate::checks::{foreign_dialects, returning_checked_values};
use melior::ir::operation::OperationLike;

/// Interpreter chunks (file of `../shared/stablehlo-interpret`, 0-based chunk
/// index) that do not parse yet, sorted. A chunk that starts parsing must be
/// removed from this list; a chunk that stops parsing fails the test.
const NOT_YET_READ: &[(&str, usize)] = &[
    // `interpreter.print %x : t`: pretty form of an unregistered dialect's op (MLIR reads generic only).
    ("printing.mlir", 3),
    // `interpreter.probe %x, probe_id = ...`: a pretty op of an unregistered dialect (likewise).
    ("probe.mlir", 1),
    ("probe.mlir", 2),
    ("probe.mlir", 3),
    ("probe.mlir", 4),
    ("probe.mlir", 5),
    ("probe.mlir", 6),
    ("probe.mlir", 7),
    ("probe.mlir", 8),
];

/// The upstream passes, one at a time and all in a row.
const PASSES: &[&str] =
    &["inline", "symbol-dce", "canonicalize", "cse", "sccp", "inline, symbol-dce, canonicalize, cse, sccp"];

/// Raises StableHLO into jaxr; every entry of [`PASSES`] also runs after it.
const RAISE: &str = "convert-stablehlo-to-jaxr";

/// The pipelines every input goes through (inside `builtin.module(...)`).
fn pipelines() -> Vec<String> {
    PASSES.iter().map(|p| p.to_string()).chain(PASSES.iter().map(|p| format!("{RAISE}, {p}"))).collect()
}

/// `../shared` (beside the repository root): the reference data.
fn shared_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    assert!(
        dir.join("corpus").is_dir() && dir.join("stablehlo-interpret").is_dir(),
        "the reference data is missing: expected {} with corpus/ and stablehlo-interpret/ \
         (../shared beside the repository root; CI always has it)",
        dir.display()
    );
    dir
}

/// The files of `dir` whose names end with `.mlir`, sorted.
fn mlir_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "mlir"))
        .collect();
    files.sort();
    files
}

/// One program the passes run on.
struct Input {
    /// `fft.mlir` for an interpreter file, `case/fwd.stablehlo.mlir` for a
    /// corpus module.
    file: String,
    /// The chunk of an interpreter file (0-based); 0 for corpus modules.
    chunk: usize,
    text: String,
    /// Dialects of its ops that jaxr does not register (`interpreter`).
    foreign: BTreeSet<String>,
    /// How many `check.*` ops became results.
    checks: usize,
}

impl Input {
    fn name(&self) -> String {
        format!("{} chunk {}", self.file, self.chunk)
    }
}

// ---------------------------------------------------------------------------
// The inputs and the test.
// ---------------------------------------------------------------------------

/// Every corpus module and every (rewritten) interpreter chunk; chunks that
/// cannot be rewritten are failures.
fn inputs(shared: &Path, failures: &mut Vec<String>) -> (Vec<Input>, usize) {
    let mut inputs = Vec::new();
    let corpus = shared.join("corpus");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    for case in cases {
        for path in mlir_files(&case) {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let file = path.strip_prefix(&corpus).expect("under corpus").display().to_string();
            inputs.push(Input { file, chunk: 0, foreign: foreign_dialects(&text), text, checks: 0 });
        }
    }
    let files = mlir_files(&shared.join("stablehlo-interpret"));
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file = path.file_name().expect("file name").to_string_lossy().to_string();
        for (chunk, text) in split_input(&text).into_iter().enumerate() {
            match returning_checked_values(&text) {
                Ok(rewritten) => inputs.push(Input {
                    file: file.clone(),
                    chunk,
                    foreign: foreign_dialects(&rewritten.text),
                    checks: rewritten.functions.iter().map(|f| f.checks.len()).sum(),
                    text: rewritten.text,
                }),
                Err(e) => failures.push(format!("{file} chunk {chunk}: cannot rewrite the checks: {e}")),
            }
        }
    }
    (inputs, files.len())
}

/// Diagnostics as `file:line:col: error: ...` with the source line.
fn rendered(diags: &[Diag], input: &Input) -> String {
    diags.iter().map(|d| render(d, &input.file, &input.text)).collect::<String>().trim_end().to_string()
}

/// Parses `input`, runs `pipeline`, verifies and prints the module.
fn run_one(
    context: &melior::Context,
    collector: &DiagnosticCollector,
    input: &Input,
    pipeline: &str,
) -> Result<(), String> {
    let mut module = parse_module(context, collector, &input.text, &input.file)
        .map_err(|d| format!("does not parse again: {}", rendered(&d, input)))?;
    let pipeline = format!("builtin.module({pipeline})");
    run_pipeline(context, collector, &mut module, &pipeline, Instrumentation::default())
        .map_err(|d| format!("the pipeline fails:\n{}", rendered(&d, input)))?;
    if !module.as_operation().verify() {
        return Err(format!("the result does not verify:\n{}", rendered(&collector.take(), input)));
    }
    print_module(&module, PrintOptions::default()).map_err(|e| format!("the result does not print: {e}"))?;
    Ok(())
}

#[test]
fn upstream_passes_run_on_every_reference_program() {
    let start = Instant::now();
    let trace = std::env::var_os("JAXR_TRACE_UPSTREAM_PASSES").is_some();
    register_all_passes();
    let shared = shared_dir();
    let mut failures = Vec::new();
    let (inputs, interpreter_files) = inputs(&shared, &mut failures);
    let pipelines = pipelines();
    // Input → the first line of its parse error.
    let mut unread: BTreeMap<(String, usize), String> = BTreeMap::new();
    let mut runs = 0;
    for input in &inputs {
        let context = jaxr_dialect::create_context();
        jaxr_dialect::allow_unregistered_dialects(&context, !input.foreign.is_empty());
        let collector = DiagnosticCollector::attach(&context);
        if trace {
            eprintln!("{}: parse", input.name());
        }
        if let Err(diags) = parse_module(&context, &collector, &input.text, &input.file) {
            let first = rendered(&diags, input).lines().next().unwrap_or_default().to_string();
            unread.insert((input.file.clone(), input.chunk), first);
            continue;
        }
        for pipeline in &pipelines {
            if trace {
                eprintln!("{}: {pipeline}", input.name());
            }
            if let Err(e) = run_one(&context, &collector, input, pipeline) {
                failures.push(format!("{} `{pipeline}`: {e}", input.name()));
            }
            collector.take();
            runs += 1;
        }
    }

    assert!(NOT_YET_READ.windows(2).all(|w| w[0] < w[1]), "NOT_YET_READ must be sorted, without repeats");
    let expected: BTreeSet<(String, usize)> = NOT_YET_READ.iter().map(|&(f, c)| (f.to_string(), c)).collect();
    for ((file, chunk), error) in &unread {
        if !expected.contains(&(file.clone(), *chunk)) {
            failures.push(format!("{file} chunk {chunk} does not parse (not in NOT_YET_READ): {error}"));
        }
    }
    for (file, chunk) in &expected {
        if !unread.contains_key(&(file.clone(), *chunk)) {
            failures.push(format!("{file} chunk {chunk} parses now: remove it from NOT_YET_READ"));
        }
    }

    let corpus = inputs.iter().filter(|i| i.file.contains('/')).count();
    let foreign = inputs.iter().filter(|i| !i.foreign.is_empty()).count();
    let checks: usize = inputs.iter().map(|i| i.checks).sum();
    println!(
        "upstream_passes: {} inputs ({corpus} corpus modules, {} chunks of {interpreter_files} interpreter \
         files, {checks} checks returned, {foreign} with unregistered dialects), {} pipelines, \
         {runs} pipeline runs, {} not yet read, {} failures, {:.1?}",
        inputs.len(),
        inputs.len() - corpus,
        pipelines.len(),
        unread.len(),
        failures.len(),
        start.elapsed()
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
