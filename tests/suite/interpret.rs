//! Conformance: the StableHLO interpreter suite (`../shared/stablehlo-interpret`)
//! run on the PJRT CPU plugin, directly and after the round trip through
//! jaxr (`convert-stablehlo-to-jaxr`, then jaxr-run's lowering).
//!
//! Each chunk is rewritten (see [`returning_checked_values_and_expected`])
//! so that every function holding checks returns the checked values and the
//! expected constants; the device computes both, and the harness compares
//! them as the interpreter's `check` ops do: `expect_eq*` exactly (NaN
//! matches NaN), `expect_almost_eq*` within the check's tolerance (default
//! 1e-4) or a few units in the last place of the element type (XLA's
//! elementary functions are not the interpreter's), `expect_close` within
//! its ULP bound. After the round trip, the checked values are compared
//! with the expected values of the direct run, so a constant jaxr corrupts
//! cannot hide behind an equally corrupted expectation.
//!
//! Out of scope, as the suite's README says: chunks that need several
//! processes (`interpreter.run_parallel`), print-only chunks and
//! interpreter probes. [`EXPECTED_FAILURES`] names every other chunk that
//! does not pass, with the reason; the set of failing chunks must be
//! exactly that list.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use jaxr_passes::split_input;
use jaxr_runtime::{DType, HostTensor};
use jaxr_tests::{op_names_after, run_on_cpu_after};

use crate::checks::{returning_checked_values_and_expected, Check, CheckedFunction};

/// Chunks (file, 0-based chunk) that fail, sorted, each with why. A chunk
/// that starts passing must be removed.
/// XLA's CPU plugin rejects these (or jaxr refuses them because the plugin
/// would abort), or computes what the reference interpreter does not; the
/// suite's README counts the same kinds.
const EXPECTED_FAILURES: &[(&str, usize, &str)] = &[
    ("add.mlir", 12, "XLA differs: it adds booleans as xor, the spec (and jaxr, raising it) as or"),
    ("bitcast_convert.mlir", 0, "XLA rejects a bitcast from i1 to i64"),
    ("bitcast_convert.mlir", 2, "XLA differs: a bitcast to i1 leaves bytes other than 0 and 1"),
    ("cbrt.mlir", 1, "XLA rejects a complex cbrt"),
    ("constant.mlir", 13, "the plugin aborts on f6E2M3FN constants; jaxr refuses them"),
    ("constant.mlir", 14, "the plugin aborts on f6E3M2FN constants; jaxr refuses them"),
    ("dynamic_conv.mlir", 0, "XLA rejects stablehlo.dynamic_conv"),
    ("maximum.mlir", 15, "XLA differs: complex maximum"),
    ("maximum.mlir", 16, "XLA differs: complex maximum"),
    ("minimum.mlir", 15, "XLA differs: complex minimum"),
    ("minimum.mlir", 16, "XLA differs: complex minimum"),
    ("quantized_ops.mlir", 0, "XLA rejects quantized types"),
    ("quantized_ops.mlir", 1, "XLA rejects quantized types"),
    ("quantized_ops.mlir", 2, "XLA rejects quantized types"),
    ("quantized_ops.mlir", 3, "XLA rejects quantized types"),
    ("quantized_ops.mlir", 4, "XLA rejects quantized types"),
];

/// The interpreter's default `tolerance` of `expect_almost_eq*`.
const DEFAULT_TOLERANCE: f64 = 1e-4;

/// How a chunk fared.
#[derive(Debug)]
enum Outcome {
    Passed,
    /// Multi-process, print-only or probing chunks, and chunks without checks.
    OutOfScope,
    Failed(String),
}

#[test]
fn interpreter_suite_runs_directly_and_after_the_round_trip() {
    let start = Instant::now();
    let files = suite_files();

    let mut outcomes: BTreeMap<(String, usize), Outcome> = BTreeMap::new();
    let only = std::env::var("JAXR_INTERPRET_ONLY").ok();
    for path in &files {
        let file = path.file_name().expect("file name").to_string_lossy().to_string();
        if only.as_ref().is_some_and(|o| !file.starts_with(o.as_str())) {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("readable");
        for (chunk, text) in split_input(&text).into_iter().enumerate() {
            outcomes.insert((file.clone(), chunk), run_chunk(&text));
        }
    }

    let expected: BTreeMap<(String, usize), &str> =
        EXPECTED_FAILURES.iter().map(|&(f, c, why)| ((f.to_string(), c), why)).collect();
    assert!(
        EXPECTED_FAILURES.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)),
        "keep the list sorted"
    );
    let mut problems = Vec::new();
    // Unexpected failures as entries of EXPECTED_FAILURES, for reviewing.
    let mut unlisted = Vec::new();
    let (mut passed, mut out_of_scope, mut failed) = (0, 0, 0);
    for ((file, chunk), outcome) in &outcomes {
        let known = expected.get(&(file.clone(), *chunk));
        match (outcome, known) {
            (Outcome::Passed, None) => passed += 1,
            (Outcome::Passed, Some(_)) => {
                passed += 1;
                problems.push(format!("{file} chunk {chunk} passes now: remove it from EXPECTED_FAILURES"));
            }
            (Outcome::OutOfScope, _) => out_of_scope += 1,
            (Outcome::Failed(_), Some(_)) => failed += 1,
            (Outcome::Failed(why), None) => {
                failed += 1;
                problems.push(format!("{file} chunk {chunk}: {why}"));
                unlisted.push(format!(
                    "    ({file:?}, {chunk}, {:?}),",
                    why.chars().take(100).collect::<String>()
                ));
            }
        }
    }
    if only.is_none() {
        for (file, chunk) in expected.keys() {
            if !outcomes.contains_key(&(file.clone(), *chunk)) {
                problems.push(format!("{file} chunk {chunk} is listed but does not exist"));
            }
        }
    }
    println!(
        "interpret: {} chunks: {passed} pass directly and after the round trip, {failed} fail \
         ({} expected), {out_of_scope} out of scope, {:.1?}",
        outcomes.len(),
        expected.len(),
        start.elapsed()
    );
    if !unlisted.is_empty() {
        println!("unexpected failures, as list entries:\n{}", unlisted.join("\n"));
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// The `.mlir` files of `../shared/stablehlo-interpret`, sorted.
fn suite_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/stablehlo-interpret");
    assert!(dir.is_dir(), "{} is missing (../shared beside the repository root)", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the interpreter suite")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "mlir"))
        .collect();
    files.sort();
    files
}

/// Whether a chunk is out of this harness's scope: it needs the reference
/// interpreter (`interpreter.run_parallel`, `print`, `probe`) or compares
/// with a file a probe wrote.
fn out_of_scope(text: &str) -> bool {
    text.contains("interpreter.") || text.contains("check.expect_serialized_eq")
}

/// Rewrites, runs and compares one chunk.
fn run_chunk(text: &str) -> Outcome {
    if out_of_scope(text) {
        return Outcome::OutOfScope;
    }
    let rewritten = match returning_checked_values_and_expected(text) {
        Ok(r) => r,
        Err(e) => return Outcome::Failed(format!("cannot rewrite the checks: {e}")),
    };
    if rewritten.functions.is_empty() {
        return Outcome::OutOfScope;
    }
    for function in &rewritten.functions {
        let direct = match run_on_cpu_after(&rewritten.text, &function.name, "", &[]) {
            Ok(outputs) => outputs,
            Err(e) => return Outcome::Failed(format!("@{} directly: {}", function.name, first_lines(&e))),
        };
        if let Err(e) = compare_all(function, &direct, &direct) {
            return Outcome::Failed(format!("@{} directly: {e}", function.name));
        }
        let round_trip =
            match run_on_cpu_after(&rewritten.text, &function.name, "convert-stablehlo-to-jaxr", &[]) {
                Ok(outputs) => outputs,
                Err(e) => {
                    return Outcome::Failed(format!(
                        "@{} after the round trip: {}",
                        function.name,
                        first_lines(&e)
                    ))
                }
            };
        if let Err(e) = compare_all(function, &round_trip, &direct) {
            return Outcome::Failed(format!("@{} after the round trip: {e}", function.name));
        }
    }
    Outcome::Passed
}

fn first_lines(message: &str) -> String {
    message.lines().take(3).collect::<Vec<_>>().join(" | ")
}

/// Compares every check of `function`: the checked values from `got`, the
/// expected constants (and, for two-operand checks, the second operand)
/// from `reference`.
fn compare_all(
    function: &CheckedFunction,
    got: &[HostTensor],
    reference: &[HostTensor],
) -> Result<(), String> {
    let expected_count =
        function.original_results + function.checks.iter().map(|c| c.results.len()).sum::<usize>();
    if got.len() != expected_count || reference.len() != expected_count {
        return Err(format!("{} results, expected {expected_count}", got.len()));
    }
    for check in &function.checks {
        let actual = &got[check.results.start];
        let wanted = &reference[check.results.start + 1];
        compare(check, actual, wanted)
            .map_err(|e| format!("line {}: check.{}: {e}", check.line, check.op))?;
    }
    Ok(())
}

/// One check: `actual` against `wanted`, by the check's rule.
fn compare(check: &Check, actual: &HostTensor, wanted: &HostTensor) -> Result<(), String> {
    if actual.dtype != wanted.dtype || actual.shape != wanted.shape {
        return Err(format!("{} against {}", actual.type_string(), wanted.type_string()));
    }
    match check.op.as_str() {
        "expect_eq" | "expect_eq_const" => exactly_equal(actual, wanted),
        "expect_almost_eq" | "expect_almost_eq_const" => {
            let tolerance = attribute(check, "tolerance")?.unwrap_or(DEFAULT_TOLERANCE);
            close(actual, wanted, |a, w| (a - w).abs() <= tolerance.max(ulps(actual.dtype, 4.0) * w.abs()))
        }
        "expect_close" => {
            let max_ulps = attribute(check, "max_ulp_difference")?.unwrap_or(1.0);
            close(actual, wanted, |a, w| (a - w).abs() <= ulps(actual.dtype, max_ulps) * w.abs().max(a.abs()))
        }
        other => Err(format!("no rule for check.{other}")),
    }
}

/// The value of a numeric attribute of `check` (`tolerance = 0.1`,
/// `tolerance = 1.0e-01 : f64`).
fn attribute(check: &Check, name: &str) -> Result<Option<f64>, String> {
    for entry in &check.attributes {
        if let Some((key, value)) = entry.split_once('=') {
            if key.trim() == name {
                let value = value.split(':').next().unwrap_or_default().trim();
                return value.parse().map(Some).map_err(|_| format!("bad {name} `{value}`"));
            }
        }
    }
    Ok(None)
}

/// `n` units in the last place of `dtype`, relative to the magnitude.
fn ulps(dtype: DType, n: f64) -> f64 {
    let mantissa_bits = match dtype {
        DType::F16 => 10,
        DType::BF16 => 7,
        DType::F32 | DType::C64 => 23,
        DType::F64 | DType::C128 => 52,
        // The small floats: 1 to 3 mantissa bits.
        _ => 3,
    };
    n * 2f64.powi(-mantissa_bits)
}

/// Elementwise equality: integers and booleans by value, floats by bits with
/// any NaN matching any NaN.
fn exactly_equal(actual: &HostTensor, wanted: &HostTensor) -> Result<(), String> {
    if actual.dtype.is_float() || actual.dtype.is_complex() {
        let (a, w) = (floats(actual)?, floats(wanted)?);
        for (i, (x, y)) in a.iter().zip(&w).enumerate() {
            let same = (x.is_nan() && y.is_nan()) || (x == y && x.is_sign_negative() == y.is_sign_negative());
            if !same {
                return Err(format!("element {i} is {x:e}, expected {y:e}"));
            }
        }
        return Ok(());
    }
    if actual.data != wanted.data {
        let size = actual.dtype.byte_size();
        let i = (0..actual.element_count())
            .find(|&i| actual.data[i * size..(i + 1) * size] != wanted.data[i * size..(i + 1) * size])
            .unwrap_or(0);
        let (a, w) = (floats(actual)?, floats(wanted)?);
        return Err(format!("element {i} is {}, expected {}", a[i], w[i]));
    }
    Ok(())
}

/// Elementwise `ok(actual, wanted)` on finite values; NaN must meet NaN and
/// an infinity the same infinity.
fn close(actual: &HostTensor, wanted: &HostTensor, ok: impl Fn(f64, f64) -> bool) -> Result<(), String> {
    let (a, w) = (floats(actual)?, floats(wanted)?);
    for (i, (&x, &y)) in a.iter().zip(&w).enumerate() {
        let fine = if x.is_nan() || y.is_nan() {
            x.is_nan() && y.is_nan()
        } else if x.is_infinite() || y.is_infinite() {
            x == y
        } else {
            ok(x, y)
        };
        if !fine {
            return Err(format!("element {i} is {x:e}, expected {y:e}"));
        }
    }
    Ok(())
}

/// The values of `t` as f64; a complex tensor as its parts, real and
/// imaginary interleaved (each part compared like a real value, as the
/// interpreter's checks compare complex values).
fn floats(t: &HostTensor) -> Result<Vec<f64>, String> {
    match t.dtype {
        DType::C64 => {
            Ok(t.data.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]) as f64).collect())
        }
        DType::C128 => Ok(t
            .data
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
            .collect()),
        _ => t.to_f64_vec().map_err(|e| e.to_string()),
    }
}

/// Every in-scope chunk, raised with `convert-stablehlo-to-jaxr{strict=true}`:
/// how many chunks do not raise and which ops stay StableHLO in them,
/// counted by name. The report is a snapshot, so raising one more op (or
/// one less) shows up as a reviewed change. Every chunk that XLA's CPU
/// plugin runs correctly (those not in [`EXPECTED_FAILURES`]) must raise.
#[test]
fn interpreter_suite_raises_strictly() {
    let files = suite_files();
    let mut left: BTreeMap<String, usize> = BTreeMap::new();
    let (mut chunks, mut failing) = (0, 0);
    let mut unexpected = Vec::new();
    for path in &files {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let text = std::fs::read_to_string(path).expect("readable");
        for (index, text) in split_input(&text).into_iter().enumerate() {
            if out_of_scope(&text) {
                continue;
            }
            let Ok(rewritten) = returning_checked_values_and_expected(&text) else { continue };
            if rewritten.functions.is_empty() {
                continue;
            }
            chunks += 1;
            let Err(e) = op_names_after(&rewritten.text, "convert-stablehlo-to-jaxr{strict=true}") else {
                continue;
            };
            failing += 1;
            if !EXPECTED_FAILURES.iter().any(|&(f, c, _)| f == file && c == index) {
                unexpected.push(format!("{file} chunk {index}:\n{e}"));
            }
            for line in e.lines().filter(|l| l.contains("stays StableHLO")) {
                let op = line.split('\'').nth(1).unwrap_or(line).to_string();
                *left.entry(op).or_default() += 1;
            }
        }
    }
    let mut report = format!("{failing} of {chunks} chunks do not raise; the ops that stay StableHLO:\n");
    for (op, count) in &left {
        report.push_str(&format!("{op}: {count}\n"));
    }
    insta::assert_snapshot!("interpreter_strict_raising", report);
    assert!(
        unexpected.is_empty(),
        "chunks that XLA runs correctly but do not raise:\n{}",
        unexpected.join("\n")
    );
}
