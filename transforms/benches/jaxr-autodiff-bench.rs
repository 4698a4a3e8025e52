//! jaxr-autodiff-bench: writes a JSON report (path as the first argument,
//! default docs/bench/autodiff.json) comparing, for every corpus function
//! with a gradient or VJP module, JAX's derivative module with jaxr's
//! (the forward module raised into jaxr and differentiated by
//! `jaxr-autodiff{grad-of|vjp-of=main}`):
//! - op count and estimated FLOPs (the cost model of jaxr-simplify), both
//!   after `inline, canonicalize, cse`, counting every op once (ops in loop
//!   bodies once, not per iteration);
//! - median execution time on the PJRT CPU plugin, side by side in one run.
//!
//! It also prints the table as Markdown.
//!
//! Run: `cargo bench -p jaxr-transforms --bench jaxr-autodiff-bench -- docs/bench/autodiff.json`

use std::path::{Path, PathBuf};
use std::time::Instant;

use jaxr_dialect::decode::decode_raw;
use jaxr_egraph::cost::op_cost;
use melior::ir::Module;
use melior::pass::PassManager;
use mlir_sys::*;
use serde_json::json;

fn walk(op: MlirOperation, count: &mut usize, flops: &mut f64) {
    // SAFETY: walking live IR.
    unsafe {
        for r in 0..mlirOperationGetNumRegions(op) {
            let mut b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
            while !b.ptr.is_null() {
                let mut inner = mlirBlockGetFirstOperation(b);
                while !inner.ptr.is_null() {
                    let name = jaxr_dialect::decode::op_name_raw(inner);
                    if name.starts_with("jaxr.") && name != "jaxr.yield" {
                        *count += 1;
                        if let Ok(d) = decode_raw(inner) {
                            if let Some(out) = d.results.first() {
                                *flops += op_cost(&d.primitive, &d.operands, out).flops;
                            }
                        }
                    } else if name.starts_with("stablehlo.") || name.starts_with("chlo.") {
                        *count += 1;
                    }
                    walk(inner, count, flops);
                    inner = mlirOperationGetNextInBlock(inner);
                }
                b = mlirBlockGetNextInRegion(b);
            }
        }
    }
}

/// (op count, FLOPs) of `function` after `pipeline`.
fn measure(text: &str, pipeline: &str, function: &str) -> Option<(usize, f64)> {
    let context = jaxr_dialect::create_context();
    let mut module = Module::parse(&context, text)?;
    let pm = PassManager::new(&context);
    melior::utility::parse_pass_pipeline(
        pm.as_operation_pass_manager(),
        &format!("builtin.module({pipeline})"),
    )
    .ok()?;
    pm.run(&mut module).ok()?;
    // SAFETY: walking the module's top-level ops.
    unsafe {
        let body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module.as_operation().to_raw(), 0));
        let mut op = mlirBlockGetFirstOperation(body);
        while !op.ptr.is_null() {
            let sym = jaxr_transforms::function::symbol_name(op);
            if sym == function {
                let (mut count, mut flops) = (0, 0.0);
                walk(op, &mut count, &mut flops);
                return Some((count, flops));
            }
            op = mlirOperationGetNextInBlock(op);
        }
    }
    None
}

/// A compiled function and inputs for it: 0.5 for floats, 0 for integers
/// (valid indices).
fn prepare(
    text: &str,
    pipeline: &str,
    function: &str,
) -> Option<(jaxr_runtime::Executable, Vec<jaxr_runtime::HostTensor>)> {
    let (stablehlo, signature) = jaxr_tests::lower_for_pjrt_after(text, function, pipeline).ok()?;
    let inputs = jaxr_tests::filled_inputs(&signature)?;
    let executable = jaxr_tests::cpu_client().compile(&stablehlo).ok()?;
    Some((executable, inputs))
}

/// Median execution times of two programs, run alternately (so that load
/// on the machine affects both alike).
fn exec_pair(
    a: &(jaxr_runtime::Executable, Vec<jaxr_runtime::HostTensor>),
    b: &(jaxr_runtime::Executable, Vec<jaxr_runtime::HostTensor>),
) -> Option<(f64, f64)> {
    for _ in 0..10 {
        a.0.execute(&a.1).ok()?;
        b.0.execute(&b.1).ok()?;
    }
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for _ in 0..201 {
        let start = Instant::now();
        a.0.execute(&a.1).ok()?;
        ta.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        b.0.execute(&b.1).ok()?;
        tb.push(start.elapsed().as_secs_f64());
    }
    ta.sort_by(f64::total_cmp);
    tb.sort_by(f64::total_cmp);
    Some((ta[ta.len() / 2], tb[tb.len() / 2]))
}

fn read_json(path: &Path) -> Option<serde_json::Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

const RAISE: &str = "convert-stablehlo-to-jaxr, canonicalize, cse";
const TIDY: &str = "inline, canonicalize, cse";

fn main() {
    let out = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "docs/bench/autodiff.json".to_string());
    jaxr_dialect::initialize();
    jaxr_lowering::register_passes();
    jaxr_transforms::register_passes();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/corpus");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    dirs.sort();
    let exec = std::env::var_os("JAXR_BENCH_NO_EXEC").is_none()
        && jaxr_runtime::Plugin::locate_and_load(None).is_ok();
    let mut rows = Vec::new();
    println!("| function | kind | JAX ops | jaxr ops | JAX MFLOP | jaxr MFLOP | JAX µs | jaxr µs |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    for dir in dirs {
        let Some(meta) = read_json(&dir.join("meta.json")) else { continue };
        let Some(kind) = meta["grad_kind"].as_str() else { continue };
        let argnums: Vec<String> = meta["grad_argnums"]
            .as_array()
            .map(|a| a.iter().filter_map(|n| n.as_i64()).map(|n| n.to_string()).collect())
            .unwrap_or_default();
        let name = dir.file_name().unwrap_or_default().to_string_lossy().to_string();
        let (Ok(jax_text), Ok(fwd_text)) = (
            std::fs::read_to_string(dir.join(format!("{kind}.generic.mlir"))),
            std::fs::read_to_string(dir.join("fwd.generic.mlir")),
        ) else {
            continue;
        };
        let derive = format!("{RAISE}, jaxr-autodiff{{{kind}-of=main argnums={}}}", argnums.join(","));
        let jax = measure(&jax_text, &format!("{RAISE}, {TIDY}"), "main");
        let ours = measure(&fwd_text, &format!("{derive}, {TIDY}"), &format!("main_{kind}"));
        let times = if exec {
            let jax_run = prepare(&jax_text, &format!("{RAISE}, {TIDY}"), "main");
            let our_run = prepare(&fwd_text, &format!("{derive}, {TIDY}"), &format!("main_{kind}"));
            jax_run.zip(our_run).and_then(|(a, b)| exec_pair(&a, &b))
        } else {
            None
        };
        let (jax_time, our_time) = (times.map(|t| t.0), times.map(|t| t.1));
        let us = |t: Option<f64>| t.map_or("-".to_string(), |t| format!("{:.1}", t * 1e6));
        let (jo, jf) = jax.unwrap_or((0, 0.0));
        let (oo, of) = ours.unwrap_or((0, 0.0));
        println!(
            "| {name} | {kind} | {jo} | {oo} | {:.4} | {:.4} | {} | {} |",
            jf / 1e6,
            of / 1e6,
            us(jax_time),
            us(our_time)
        );
        rows.push(json!({
            "function": name,
            "kind": kind,
            "argnums": argnums,
            "jax": { "ops": jax.map(|m| m.0), "flops": jax.map(|m| m.1), "exec_seconds": jax_time },
            "jaxr": { "ops": ours.map(|m| m.0), "flops": ours.map(|m| m.1), "exec_seconds": our_time },
        }));
    }
    let report = json!({
        "what": "JAX's derivative module vs jaxr-autodiff's, per corpus function: op count and estimated FLOPs \
                 after inline, canonicalize, cse (every op once), and median CPU execution time",
        "rows": rows,
    });
    let text = serde_json::to_string_pretty(&report).unwrap_or_default() + "\n";
    // Relative paths are from the workspace root (cargo runs benches in the crate's folder).
    let out = if Path::new(&out).is_absolute() {
        PathBuf::from(&out)
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(&out)
    };
    let out = out.display().to_string();
    if let Err(e) = std::fs::write(&out, text) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    eprintln!("wrote {out}");
}
