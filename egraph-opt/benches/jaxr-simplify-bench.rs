//! jaxr-simplify-bench: writes a JSON report (path as the first argument,
//! default docs/bench/simplify.json) of
//! - every corpus module (generic form, raised by convert-stablehlo-to-jaxr
//!   and inlined): per function, op count and estimated FLOPs before and
//!   after, and the time jaxr-simplify took (default limits, exact laws and
//!   fast-math);
//! - every corpus module's `main` on the PJRT CPU plugin: median execution
//!   time before and after jaxr-simplify (exact laws);
//! - synthetic modules of 100, 1k, 10k and 100k ops: saturation time.
//!
//! Run: `cargo bench -p jaxr-egraph --bench jaxr-simplify-bench -- docs/bench/simplify.json`

use std::path::{Path, PathBuf};
use std::time::Instant;

use jaxr_egraph::convert::measure;
use jaxr_egraph::rules::RuleConfig;
use jaxr_egraph::saturate::Limits;
use jaxr_egraph::simplify::{simplify_function, Settings};
use melior::ir::Module;
use melior::pass::PassManager;
use mlir_sys::{
    mlirBlockGetFirstOperation, mlirOperationGetNextInBlock, mlirOperationGetRegion, mlirRegionGetFirstBlock,
};
use serde_json::json;

fn functions(module: &Module) -> Vec<mlir_sys::MlirOperation> {
    let mut out = Vec::new();
    // SAFETY: walking the top-level ops of a live module.
    unsafe {
        let body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module.as_operation().to_raw(), 0));
        let mut op = mlirBlockGetFirstOperation(body);
        while !op.ptr.is_null() {
            if jaxr_dialect::decode::op_name_raw(op) == "func.func" {
                out.push(op);
            }
            op = mlirOperationGetNextInBlock(op);
        }
    }
    out
}

fn settings(fast_math: bool) -> Settings {
    let mut rules = RuleConfig::exact();
    rules.fast_math = fast_math;
    Settings { rules, limits: Limits::default(), stats: false, dot: String::new(), threads: 0 }
}

fn corpus(root: &Path) -> Vec<serde_json::Value> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        for kind in ["fwd", "grad", "vjp"] {
            let Ok(text) = std::fs::read_to_string(dir.join(format!("{kind}.generic.mlir"))) else {
                continue;
            };
            for fast_math in [false, true] {
                let context = jaxr_dialect::create_context();
                let Some(module) = Module::parse(&context, &text) else { continue };
                let pm = PassManager::new(&context);
                if melior::utility::parse_pass_pipeline(
                    pm.as_operation_pass_manager(),
                    "builtin.module(convert-stablehlo-to-jaxr, inline, canonicalize, cse)",
                )
                .is_err()
                {
                    continue;
                }
                let mut module = module;
                if pm.run(&mut module).is_err() {
                    continue;
                }
                for func in functions(&module) {
                    let (ops_before, flops_before) = measure(func);
                    let start = Instant::now();
                    let report = simplify_function(&context, func, &settings(fast_math), None);
                    let seconds = start.elapsed().as_secs_f64();
                    let (ops_after, flops_after) = measure(func);
                    let Ok(Some(r)) = report else { continue };
                    out.push(json!({
                        "module": format!("{}/{kind}", dir.file_name().unwrap_or_default().to_string_lossy()),
                        "function": r.function,
                        "fast_math": fast_math,
                        "ops_before": ops_before,
                        "ops_after": ops_after,
                        "flops_before": flops_before,
                        "flops_after": flops_after,
                        "cost_before": r.cost_before,
                        "cost_after": r.cost_after,
                        "simplify_seconds": seconds,
                        "iterations": r.iterations,
                        "enodes": r.enodes,
                        "stop_reason": r.stop_reason,
                    }));
                }
            }
        }
    }
    out
}

/// A function of `n` jaxr ops: blocks of neg(neg(x)) * 1 + y, chained.
fn synthetic(n: usize) -> String {
    let mut s = String::from(
        "func.func @synthetic(%x: tensor<16xf32>, %y: tensor<16xf32>) -> tensor<16xf32> {\n  %one = jaxr.constant dense<1.0> : tensor<16xf32>\n",
    );
    let mut prev = "%x".to_string();
    let blocks = n.saturating_sub(1) / 4;
    for i in 0..blocks {
        s.push_str(&format!(
            "  %a{i} = jaxr.neg {prev} : tensor<16xf32>\n  %b{i} = jaxr.neg %a{i} : tensor<16xf32>\n  %c{i} = jaxr.mul %b{i}, %one : tensor<16xf32>\n  %d{i} = jaxr.add %c{i}, %y : tensor<16xf32>\n"
        ));
        prev = format!("%d{i}");
    }
    s.push_str(&format!("  return {prev} : tensor<16xf32>\n}}\n"));
    s
}

/// Median execution time of `main` after the passes `pipeline`, on inputs
/// filled with 0.5 (floats) or 0 (others).
fn exec_seconds(text: &str, pipeline: &str) -> Option<f64> {
    let (stablehlo, signature) = jaxr_tests::lower_for_pjrt_after(text, "main", pipeline).ok()?;
    let inputs = jaxr_tests::filled_inputs(&signature)?;
    let executable = jaxr_tests::cpu_client().compile(&stablehlo).ok()?;
    for _ in 0..3 {
        executable.execute(&inputs).ok()?;
    }
    let mut times: Vec<f64> = (0..21)
        .map(|_| {
            let start = Instant::now();
            let _ = executable.execute(&inputs);
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied()
}

fn execution(root: &Path) -> Vec<serde_json::Value> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    dirs.sort();
    let raise = "convert-stablehlo-to-jaxr, inline, canonicalize, cse";
    let mut out = Vec::new();
    for dir in dirs {
        for kind in ["fwd", "grad", "vjp"] {
            let Ok(text) = std::fs::read_to_string(dir.join(format!("{kind}.generic.mlir"))) else {
                continue;
            };
            let before = exec_seconds(&text, raise);
            let after = exec_seconds(&text, &format!("{raise}, jaxr-simplify"));
            out.push(json!({
                "module": format!("{}/{kind}", dir.file_name().unwrap_or_default().to_string_lossy()),
                "function": "main",
                "exec_seconds_before": before,
                "exec_seconds_after": after,
            }));
        }
    }
    out
}

fn main() {
    let out = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "docs/bench/simplify.json".to_string());
    jaxr_dialect::initialize();
    jaxr_lowering::register_passes();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = corpus(&root.join("tests/data/corpus"));
    // Without the CPU plugin (scripts/setup installs it) only the plugin runs are skipped.
    let execution = if std::env::var_os("JAXR_BENCH_NO_EXEC").is_some()
        || jaxr_runtime::Plugin::locate_and_load(None).is_err()
    {
        Vec::new()
    } else {
        execution(&root.join("tests/data/corpus"))
    };
    let mut synthetic_rows = Vec::new();
    // JAXR_BENCH_MAX_OPS caps the synthetic sizes (for quick runs).
    let max: usize =
        std::env::var("JAXR_BENCH_MAX_OPS").ok().and_then(|v| v.parse().ok()).unwrap_or(usize::MAX);
    for n in [100usize, 1_000, 10_000, 100_000].into_iter().filter(|n| *n <= max) {
        let context = jaxr_dialect::create_context();
        let Some(module) = Module::parse(&context, &synthetic(n)) else { continue };
        let func = functions(&module)[0];
        let (ops_before, _) = measure(func);
        let start = Instant::now();
        let report = simplify_function(&context, func, &settings(false), None);
        let seconds = start.elapsed().as_secs_f64();
        let (ops_after, _) = measure(func);
        let r = report.ok().flatten();
        eprintln!("synthetic {n}: {seconds:.3} s, {ops_before} -> {ops_after} ops");
        synthetic_rows.push(json!({
            "ops": ops_before,
            "ops_after": ops_after,
            "seconds": seconds,
            "iterations": r.as_ref().map(|r| r.iterations),
            "enodes": r.as_ref().map(|r| r.enodes),
            "stop_reason": r.as_ref().map(|r| r.stop_reason.clone()),
        }));
    }
    let report = json!({
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "limits": {"node_limit": 100000, "iter_limit": 30, "time_limit_ms": 2000},
        "corpus": corpus,
        "execution": execution,
        "synthetic": synthetic_rows,
    });
    if let Some(parent) = Path::new(&out).parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    // Relative paths are from the workspace root (cargo runs benches in the crate's folder).
    let out = if Path::new(&out).is_absolute() { PathBuf::from(&out) } else { root.join(&out) };
    let out = out.display().to_string();
    match std::fs::write(&out, serde_json::to_string_pretty(&report).unwrap_or_default()) {
        Ok(()) => eprintln!("wrote {out}"),
        Err(e) => {
            eprintln!("cannot write {out}: {e}");
            std::process::exit(1);
        }
    }
}
