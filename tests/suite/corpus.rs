//! Every module of the reference corpus (StableHLO exported by JAX) runs with
//! jaxr-run's pipeline on the CPU plugin and matches JAX's outputs within the
//! case's tolerance: as exported, and after raising it into jaxr
//! (convert-stablehlo-to-jaxr) and lowering it back. Every module raises
//! completely: no StableHLO or CHLO op is left.

use std::path::{Path, PathBuf};

use jaxr_runtime::{DType, HostTensor};
use jaxr_tests::{all_close, op_names_after, run_on_cpu_after};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus")
}

pub(crate) fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn dtype(name: &str) -> DType {
    match name {
        "float32" => DType::F32,
        "float64" => DType::F64,
        "float16" => DType::F16,
        "bfloat16" => DType::BF16,
        "int8" => DType::S8,
        "int16" => DType::S16,
        "int32" => DType::S32,
        "int64" => DType::S64,
        "uint8" => DType::U8,
        "uint16" => DType::U16,
        "uint32" => DType::U32,
        "uint64" => DType::U64,
        "bool" => DType::Pred,
        other => panic!("unknown dtype {other}"),
    }
}

fn flatten(v: &Value, out: &mut Vec<f64>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten(i, out)),
        Value::Bool(b) => out.push(f64::from(u8::from(*b))),
        Value::Number(n) => out.push(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => out.push(match s.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            other => panic!("unexpected string {other}"),
        }),
        other => panic!("unexpected JSON value {other}"),
    }
}

fn shape(v: &Value) -> Vec<i64> {
    v["shape"].as_array().expect("shape").iter().map(|d| d.as_i64().expect("dimension")).collect()
}

/// Builds the exact tensor a JSON entry describes. Integers go through
/// `u64`/`i64` so that values above 2^53 keep their bits.
pub(crate) fn tensor(v: &Value) -> HostTensor {
    let dt = dtype(v["dtype"].as_str().expect("dtype"));
    let shape = shape(v);
    let mut numbers = Vec::new();
    let mut raw_ints = Vec::new();
    flatten_ints(&v["data"], &mut raw_ints);
    flatten(&v["data"], &mut numbers);
    let bytes: Vec<u8> = match dt {
        DType::F32 => numbers.iter().flat_map(|x| (*x as f32).to_le_bytes()).collect(),
        DType::F64 => numbers.iter().flat_map(|x| x.to_le_bytes()).collect(),
        DType::S32 => raw_ints.iter().flat_map(|x| (*x as i32).to_le_bytes()).collect(),
        DType::S64 => raw_ints.iter().flat_map(|x| (*x as i64).to_le_bytes()).collect(),
        DType::U32 => raw_ints.iter().flat_map(|x| (*x as u32).to_le_bytes()).collect(),
        DType::U64 => raw_ints.iter().flat_map(|x| (*x as u64).to_le_bytes()).collect(),
        DType::Pred => raw_ints.iter().map(|x| u8::from(*x != 0)).collect(),
        other => panic!("corpus dtype {other:?} is not handled"),
    };
    HostTensor::new(dt, shape, bytes).expect("consistent tensor")
}

fn flatten_ints(v: &Value, out: &mut Vec<i128>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten_ints(i, out)),
        Value::Bool(b) => out.push(i128::from(*b)),
        Value::Number(n) => out.push(n.as_i64().map(i128::from).or(n.as_u64().map(i128::from)).unwrap_or(0)),
        _ => out.push(0),
    }
}

/// Runs one module kind (`fwd`, `grad` or `vjp`) of a case; returns a
/// description of what went wrong.
fn check_case(case: &Path, kind: &str, syntax: &str, first: &str) -> Result<(), String> {
    let text =
        std::fs::read_to_string(case.join(format!("{kind}.{syntax}.mlir"))).map_err(|e| e.to_string())?;
    check_module(case, kind, &text, "main", first)
}

/// Runs `function` of `text` (after the passes `first`) on the inputs of
/// `case` for `kind` and compares with JAX's `kind` outputs.
pub(crate) fn check_module(
    case: &Path,
    kind: &str,
    text: &str,
    function: &str,
    first: &str,
) -> Result<(), String> {
    let inputs = read_json(&case.join("inputs.json"));
    let expected = read_json(&case.join("expected.json"));
    let meta = read_json(&case.join("meta.json"));
    let mut args: Vec<HostTensor> = inputs["args"].as_array().expect("args").iter().map(tensor).collect();
    if kind == "vjp" {
        args.extend(inputs["cotangents"].as_array().expect("cotangents").iter().map(tensor));
    }
    let results = run_on_cpu_after(text, function, first, &args)?;
    let wanted = expected[kind]["outputs"].as_array().expect("outputs");
    if results.len() != wanted.len() {
        return Err(format!("{} results, JAX has {}", results.len(), wanted.len()));
    }
    let tolerance = &meta["tolerance"][kind];
    let (rtol, atol) = (tolerance["rtol"].as_f64().unwrap_or(0.0), tolerance["atol"].as_f64().unwrap_or(0.0));
    for (i, (got, want)) in results.iter().zip(wanted).enumerate() {
        let want_tensor = tensor(want);
        if got.dtype != want_tensor.dtype || got.shape != want_tensor.shape {
            return Err(format!(
                "result {i}: {} but JAX gives {}",
                got.type_string(),
                want_tensor.type_string()
            ));
        }
        if got.dtype.is_float() {
            let g = got.to_f64_vec().map_err(|e| e.to_string())?;
            let w = want_tensor.to_f64_vec().map_err(|e| e.to_string())?;
            all_close(&g, &w, rtol, atol).map_err(|e| format!("result {i}: {e}"))?;
        } else if got.data != want_tensor.data {
            return Err(format!("result {i}: integer results differ from JAX's"));
        }
    }
    Ok(())
}

/// The corpus's function folders, sorted.
pub(crate) fn corpus_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 26, "the corpus has 26 functions");
    cases
}

/// Runs every corpus module in `syntax` (`generic` or `stablehlo`, the
/// pretty form) after the passes `first`; returns how many ran.
fn check_corpus(syntax: &str, first: &str) -> usize {
    let cases = corpus_cases();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in &cases {
        for kind in ["fwd", "grad", "vjp"] {
            if !case.join(format!("{kind}.{syntax}.mlir")).exists() {
                continue;
            }
            ran += 1;
            if let Err(e) = check_case(case, kind, syntax, first) {
                failures
                    .push(format!("{}/{kind}: {e}", case.file_name().unwrap_or_default().to_string_lossy()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} corpus modules failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    ran
}

#[test]
fn every_corpus_module_runs_and_matches_jax() {
    assert_eq!(check_corpus("generic", ""), 49);
}

#[test]
fn every_pretty_corpus_module_runs_and_matches_jax() {
    assert_eq!(check_corpus("stablehlo", ""), 49);
}

#[test]
fn every_corpus_module_matches_jax_after_raising_to_jaxr_and_back() {
    assert_eq!(check_corpus("generic", "convert-stablehlo-to-jaxr{strict=true}, canonicalize, cse"), 49);
}

#[test]
fn every_pretty_corpus_module_matches_jax_after_raising_to_jaxr_and_back() {
    assert_eq!(check_corpus("stablehlo", "convert-stablehlo-to-jaxr{strict=true}, canonicalize, cse"), 49);
}

/// The ops a fully raised module may hold besides jaxr's: the module, its
/// functions, calls and returns.
const STRUCTURAL_OPS: [&str; 4] = ["builtin.module", "func.func", "func.call", "func.return"];

#[test]
fn every_corpus_module_raises_completely_to_jaxr() {
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut raised = std::collections::BTreeSet::new();
    for case in corpus_cases() {
        for kind in ["fwd", "grad", "vjp"] {
            let path = case.join(format!("{kind}.generic.mlir"));
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            checked += 1;
            let label = format!("{}/{kind}", case.file_name().unwrap_or_default().to_string_lossy());
            match op_names_after(&text, "convert-stablehlo-to-jaxr{strict=true}") {
                Err(e) => failures.push(format!("{label}: {e}")),
                Ok(names) => {
                    let left: std::collections::BTreeSet<&String> = names
                        .iter()
                        .filter(|n| !n.starts_with("jaxr.") && !STRUCTURAL_OPS.contains(&n.as_str()))
                        .collect();
                    if !left.is_empty() {
                        failures.push(format!("{label}: left {left:?}"));
                    }
                    raised.extend(names.into_iter().filter(|n| n.starts_with("jaxr.")));
                }
            }
        }
    }
    assert_eq!(checked, 49);
    assert!(
        failures.is_empty(),
        "{} of {checked} modules did not raise completely:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The corpus exercises the region ops and the indexing ops.
    for op in [
        "jaxr.while",
        "jaxr.cond",
        "jaxr.yield",
        "jaxr.reduce_window",
        "jaxr.gather",
        "jaxr.scatter_add",
        "jaxr.conv_general_dilated",
        "jaxr.reduce_window_max",
        "jaxr.erfc",
    ] {
        assert!(raised.contains(op), "no corpus module raises to {op}: {raised:?}");
    }
}
