//! jaxr-simplify-scale: how `jaxr-optimize` (canonicalize, cse,
//! jaxr-simplify, canonicalize, cse) scales with module size. Writes a JSON
//! report (path as the first argument, default docs/bench/simplify-scale.json)
//! with, for modules of about 10k, 30k and 100k jaxr ops, the time of each
//! phase (parse, canonicalize+cse, jaxr-simplify, canonicalize+cse, print),
//! op counts before and after, and the module totals of `stats=true`.
//!
//! The modules are generated (see [`module`]): functions of about a thousand
//! ops each, alternately the hand-written gradient of a tanh MLP (dot_general,
//! broadcasts, reductions, the redundancies autodiff leaves: multiplications
//! by one, additions of zero, double transposes, reshapes to size-1 axes) and
//! the gradient of a residual chain x = x + tanh(x * w) (every value reused).
//!
//! Run: `cargo bench -p jaxr-egraph --bench jaxr-simplify-scale -- docs/bench/simplify-scale.json`;
//! `--emit N FILE` writes the module of about N ops to FILE instead (for
//! timing `jaxr-opt FILE --pass-pipeline='builtin.module(jaxr-optimize)'`);
//! `JAXR_BENCH_MAX_OPS=N` caps the sizes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use jaxr_egraph::rules::RuleConfig;
use jaxr_egraph::saturate::Limits;
use jaxr_egraph::simplify::{simplify_module, ModuleLimits, Settings};
use melior::ir::Module;
use melior::pass::PassManager;
use serde_json::json;

const B: usize = 16;
const D: usize = 32;

/// The gradient of an `layers`-layer tanh MLP with respect to its input and
/// every layer's weights, as autodiff writes it (redundancies included).
fn mlp_grad(name: &str, layers: usize, out: &mut String) {
    let m = format!("tensor<{B}x{D}xf32>");
    let w = format!("tensor<{D}x{D}xf32>");
    let v = format!("tensor<{D}xf32>");
    let _ = writeln!(out, "func.func @{name}(%x: {m}, %w: {w}, %b: {v}, %g: {m}) -> ({m}, {w}, {v}) {{");
    let _ = writeln!(out, "  %one = jaxr.constant dense<1.0> : tensor<f32>");
    let _ = writeln!(out, "  %zero = jaxr.constant dense<0.0> : tensor<f32>");
    let _ = writeln!(out, "  %ones = jaxr.broadcast_in_dim %one, dims = [] : tensor<f32> -> {m}");
    let _ = writeln!(out, "  %zeros = jaxr.broadcast_in_dim %zero, dims = [] : tensor<f32> -> {m}");
    let mut h = "%x".to_string();
    for i in 0..layers {
        let _ = writeln!(
            out,
            "  %z{i} = jaxr.dot_general {h}, %w, contracting = [1] x [0], batch = [] x [] : ({m}, {w}) -> {m}"
        );
        let _ = writeln!(out, "  %bb_{i} = jaxr.broadcast_in_dim %b, dims = [1] : {v} -> {m}");
        let _ = writeln!(out, "  %a{i} = jaxr.add %z{i}, %bb_{i} : {m}");
        let _ = writeln!(out, "  %h{i} = jaxr.tanh %a{i} : {m}");
        h = format!("%h{i}");
    }
    let mut g = "%g".to_string();
    let mut gw_sum = String::new();
    let mut gb_sum = String::new();
    for i in (0..layers).rev() {
        let _ = writeln!(out, "  %sq_{i} = jaxr.mul %h{i}, %h{i} : {m}");
        let _ = writeln!(out, "  %d{i} = jaxr.sub %ones, %sq_{i} : {m}");
        let _ = writeln!(out, "  %g1_{i} = jaxr.mul {g}, %ones : {m}");
        let _ = writeln!(out, "  %gz_{i} = jaxr.mul %g1_{i}, %d{i} : {m}");
        let _ = writeln!(out, "  %gz2_{i} = jaxr.add %gz_{i}, %zeros : {m}");
        let hin = if i == 0 { "%x".to_string() } else { format!("%h{}", i - 1) };
        let _ = writeln!(
            out,
            "  %gwt_{i} = jaxr.dot_general %gz2_{i}, {hin}, contracting = [0] x [0], batch = [] x [] : ({m}, {m}) -> {w}"
        );
        let _ = writeln!(out, "  %gwa_{i} = jaxr.transpose %gwt_{i}, perm = [1, 0] : {w} -> {w}");
        let _ = writeln!(out, "  %gwb_{i} = jaxr.transpose %gwa_{i}, perm = [1, 0] : {w} -> {w}");
        let _ = writeln!(out, "  %gw_{i} = jaxr.transpose %gwb_{i}, perm = [1, 0] : {w} -> {w}");
        let _ = writeln!(out, "  %gb_{i} = jaxr.reduce_sum %gz2_{i}, axes = [0] : {m} -> {v}");
        let _ = writeln!(out, "  %gbr_{i} = jaxr.reshape %gb_{i} : {v} -> tensor<1x{D}xf32>");
        let _ = writeln!(out, "  %gbs_{i} = jaxr.reduce_sum %gbr_{i}, axes = [0] : tensor<1x{D}xf32> -> {v}");
        let _ = writeln!(
            out,
            "  %gh_{i} = jaxr.dot_general %gz2_{i}, %w, contracting = [1] x [1], batch = [] x [] : ({m}, {w}) -> {m}"
        );
        let _ = writeln!(out, "  %gn_{i} = jaxr.neg %gh_{i} : {m}");
        let _ = writeln!(out, "  %gnn_{i} = jaxr.neg %gn_{i} : {m}");
        g = format!("%gnn_{i}");
        if i + 1 == layers {
            gw_sum = format!("%gw_{i}");
            gb_sum = format!("%gbs_{i}");
        } else {
            let _ = writeln!(out, "  %sw_{i} = jaxr.add {gw_sum}, %gw_{i} : {w}");
            let _ = writeln!(out, "  %sb_{i} = jaxr.add {gb_sum}, %gbs_{i} : {v}");
            gw_sum = format!("%sw_{i}");
            gb_sum = format!("%sb_{i}");
        }
    }
    let _ = writeln!(out, "  return {g}, {gw_sum}, {gb_sum} : {m}, {w}, {v}\n}}");
}

/// The gradient of `levels` levels of x = x + tanh(x * w) followed by
/// sum(x), with respect to x0 (forward then backward, as autodiff writes it).
fn chain_grad(name: &str, levels: usize, out: &mut String) {
    let t = "tensor<4xf32>";
    let _ = writeln!(out, "func.func @{name}(%x0: {t}, %w: {t}) -> {t} {{");
    let _ = writeln!(out, "  %one = jaxr.constant dense<1.0> : {t}");
    let _ = writeln!(out, "  %zero = jaxr.constant dense<0.0> : {t}");
    for i in 0..levels {
        let _ = writeln!(out, "  %m{i} = jaxr.mul %x{i}, %w : {t}");
        let _ = writeln!(out, "  %t{i} = jaxr.tanh %m{i} : {t}");
        let _ = writeln!(out, "  %x{} = jaxr.add %x{i}, %t{i} : {t}", i + 1);
    }
    let mut g = "%one".to_string();
    for i in (0..levels).rev() {
        let _ = writeln!(out, "  %q{i} = jaxr.mul %t{i}, %t{i} : {t}");
        let _ = writeln!(out, "  %r{i} = jaxr.sub %one, %q{i} : {t}");
        let _ = writeln!(out, "  %u{i} = jaxr.mul {g}, %r{i} : {t}");
        let _ = writeln!(out, "  %v{i} = jaxr.mul %u{i}, %w : {t}");
        let _ = writeln!(out, "  %p{i} = jaxr.add {g}, %zero : {t}");
        let _ = writeln!(out, "  %k{i} = jaxr.mul %p{i}, %one : {t}");
        let _ = writeln!(out, "  %g{i} = jaxr.add %k{i}, %v{i} : {t}");
        g = format!("%g{i}");
    }
    let _ = writeln!(out, "  return {g} : {t}\n}}");
}

/// A module of about `ops` jaxr ops: functions of about a thousand ops,
/// alternately an MLP gradient (50 layers) and a residual-chain gradient
/// (100 levels).
pub fn module(ops: usize) -> String {
    let mut out = String::from("module {\n");
    let (mut total, mut f) = (0, 0);
    while total < ops {
        if f % 2 == 0 {
            mlp_grad(&format!("mlp{f}"), 50, &mut out);
            total += 4 + 50 * 4 + 50 * 17 - 2;
        } else {
            chain_grad(&format!("chain{f}"), 100, &mut out);
            total += 2 + 100 * 10;
        }
        f += 1;
    }
    out.push_str("}\n");
    out
}

fn jaxr_ops(text: &str) -> usize {
    text.matches(" = jaxr.").count()
}

fn run_pipeline(context: &melior::Context, module: &mut Module, pipeline: &str) {
    let pm = PassManager::new(context);
    melior::utility::parse_pass_pipeline(pm.as_operation_pass_manager(), pipeline).expect("pipeline parses");
    pm.run(module).expect("pipeline runs");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if let Some(i) = args.iter().position(|a| a == "--emit") {
        let n: usize = args.get(i + 1).and_then(|n| n.parse().ok()).expect("--emit N FILE");
        let file = args.get(i + 2).expect("--emit N FILE");
        std::fs::write(file, module(n)).expect("writes");
        return;
    }
    let out = args.first().cloned().unwrap_or_else(|| "docs/bench/simplify-scale.json".to_string());
    jaxr_dialect::initialize();
    let max: usize =
        std::env::var("JAXR_BENCH_MAX_OPS").ok().and_then(|v| v.parse().ok()).unwrap_or(usize::MAX);
    let settings = Settings {
        rules: RuleConfig::exact(),
        limits: Limits::default(),
        stats: false,
        dot: String::new(),
        threads: 0,
    };
    let mut rows = Vec::new();
    for n in [10_000usize, 30_000, 100_000].into_iter().filter(|n| *n <= max) {
        let text = module(n);
        let context = jaxr_dialect::create_context();
        let t0 = Instant::now();
        let mut m = Module::parse(&context, &text).expect("parses");
        let parse = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        run_pipeline(&context, &mut m, "builtin.module(func.func(canonicalize, cse))");
        let upstream_before = t1.elapsed().as_secs_f64();
        let t2 = Instant::now();
        let report = simplify_module(&context, m.as_operation().to_raw(), &settings, ModuleLimits::default())
            .expect("simplifies");
        let simplify = t2.elapsed().as_secs_f64();
        let t3 = Instant::now();
        run_pipeline(&context, &mut m, "builtin.module(func.func(canonicalize, cse))");
        let upstream_after = t3.elapsed().as_secs_f64();
        let t4 = Instant::now();
        let printed = m.as_operation().to_string();
        let print = t4.elapsed().as_secs_f64();
        let total = t0.elapsed().as_secs_f64();
        let (before, after) = (jaxr_ops(&text), jaxr_ops(&printed));
        eprintln!(
            "{before} ops -> {after}: total {total:.2} s (parse {parse:.2}, canonicalize+cse {upstream_before:.2}, simplify {simplify:.2}, canonicalize+cse {upstream_after:.2}, print {print:.2})"
        );
        rows.push(json!({
            "ops": before,
            "ops_after": after,
            "functions": report.functions.len(),
            "seconds": {
                "total": total,
                "parse": parse,
                "canonicalize_cse_before": upstream_before,
                "simplify": simplify,
                "canonicalize_cse_after": upstream_after,
                "print": print,
            },
            "stats": report.to_json(),
        }));
        drop(printed);
        drop(m);
    }
    let report = json!({
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "pipeline": "func.func(canonicalize, cse), jaxr-simplify (exact laws, default limits, one thread per core), func.func(canonicalize, cse)",
        "modules": rows,
    });
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = if Path::new(&out).is_absolute() { PathBuf::from(&out) } else { root.join(&out) };
    if let Some(parent) = out.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    match std::fs::write(&out, serde_json::to_string_pretty(&report).unwrap_or_default()) {
        Ok(()) => eprintln!("wrote {}", out.display()),
        Err(e) => {
            eprintln!("cannot write {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}
