//! The `jaxr-simplify` pass (and `jaxr-optimize`, which wraps it between
//! MLIR's canonicalize and cse).

use std::time::Duration;

use jaxr_passes::{Diag, OptionKind, OptionSpec, PassDef, PassOptions};
use melior::ir::operation::{OperationLike, OperationRefMut};
use melior::Context;
use mlir_sys::{
    mlirBlockGetFirstOperation, mlirOperationGetLocation, mlirOperationGetNextInBlock,
    mlirOperationGetRegion, mlirRegionGetFirstBlock, MlirOperation,
};

use crate::convert::{lift_block, lower};
use crate::rules::{RuleConfig, GROUPS};
use crate::saturate::{analysis_for, saturate, Limits};

const OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "groups",
        kind: OptionKind::Str,
        default: "all",
        help: "rule groups to run: all, or a comma-separated list of neutral,fold,signs,exp-log,select,shape,convert,algebra",
    },
    OptionSpec { name: "disable", kind: OptionKind::Str, default: "", help: "rule groups to turn off (comma-separated)" },
    OptionSpec {
        name: "fast-math",
        kind: OptionKind::Bool,
        default: "false",
        help: "also apply laws that are not exact in IEEE 754 (x*0=0, x-x=0, x/x=1, exp(log x)=x, ...)",
    },
    OptionSpec { name: "node-limit", kind: OptionKind::Int, default: "100000", help: "stop saturating above this many e-nodes" },
    OptionSpec { name: "iter-limit", kind: OptionKind::Int, default: "30", help: "stop saturating after this many iterations" },
    OptionSpec { name: "time-limit", kind: OptionKind::Int, default: "2000", help: "stop saturating after this many milliseconds" },
    OptionSpec { name: "stats", kind: OptionKind::Bool, default: "false", help: "print per-function statistics as JSON to stderr" },
    OptionSpec { name: "dot", kind: OptionKind::Str, default: "", help: "write the saturated e-graphs as Graphviz to this file" },
];

/// `jaxr-simplify`.
pub const PASS: PassDef = PassDef {
    name: "jaxr-simplify",
    summary: "Simplify jaxr dataflow by bounded, deterministic equality saturation (egg)",
    options: OPTIONS,
    run: run_pass,
};

/// `jaxr-optimize`: canonicalize, cse, jaxr-simplify, canonicalize, cse.
pub const OPTIMIZE: PassDef = PassDef {
    name: "jaxr-optimize",
    summary: "canonicalize, cse, jaxr-simplify (same options), canonicalize, cse",
    options: OPTIONS,
    run: run_optimize,
};

/// The pass's settings, parsed from its options.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Which rules run.
    pub rules: RuleConfig,
    /// Saturation limits.
    pub limits: Limits,
    /// Print statistics.
    pub stats: bool,
    /// Graphviz output file.
    pub dot: String,
}

impl Settings {
    /// Reads the options; unknown group names are errors.
    pub fn from_options(options: &PassOptions) -> Result<Settings, String> {
        let list = |s: &str| -> Result<Vec<String>, String> {
            let mut out = Vec::new();
            for g in s.split(',').map(str::trim).filter(|g| !g.is_empty()) {
                if g == "all" {
                    out.extend(GROUPS.iter().map(|g| g.to_string()));
                } else if GROUPS.contains(&g) {
                    out.push(g.to_string());
                } else {
                    return Err(format!(
                        "jaxr-simplify: unknown rule group '{g}' (known: all, {})",
                        GROUPS.join(", ")
                    ));
                }
            }
            Ok(out)
        };
        let disabled = list(options.string("disable"))?;
        let groups = list(options.string("groups"))?.into_iter().filter(|g| !disabled.contains(g)).collect();
        let int = |name: &str| -> Result<u64, String> {
            options
                .int(name)
                .and_then(|v| u64::try_from(v).ok())
                .ok_or_else(|| format!("jaxr-simplify: option '{name}' must be a non-negative integer"))
        };
        Ok(Settings {
            rules: RuleConfig { groups, fast_math: options.bool("fast-math") },
            limits: Limits {
                nodes: int("node-limit")? as usize,
                iterations: int("iter-limit")? as usize,
                time: Duration::from_millis(int("time-limit")?),
            },
            stats: options.bool("stats"),
            dot: options.string("dot").to_string(),
        })
    }
}

/// What simplifying one function did.
#[derive(Clone, Debug)]
pub struct FunctionReport {
    /// The function's symbol name.
    pub function: String,
    /// Saturation iterations.
    pub iterations: usize,
    /// E-nodes and e-classes at the end.
    pub enodes: usize,
    /// E-classes at the end.
    pub eclasses: usize,
    /// Why saturation stopped.
    pub stop_reason: String,
    /// Cost and op count of the lifted ops before.
    pub cost_before: f64,
    /// Cost after (equal to before when the original was kept).
    pub cost_after: f64,
    /// Lifted op count before.
    pub ops_before: usize,
    /// Op count after.
    pub ops_after: usize,
    /// Whether the function was rewritten.
    pub changed: bool,
}

impl FunctionReport {
    /// The report as a JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "function": self.function,
            "iterations": self.iterations,
            "enodes": self.enodes,
            "eclasses": self.eclasses,
            "stop_reason": self.stop_reason,
            "cost_before": self.cost_before,
            "cost_after": self.cost_after,
            "ops_before": self.ops_before,
            "ops_after": self.ops_after,
            "changed": self.changed,
        })
    }
}

fn symbol_name(op: MlirOperation) -> String {
    // SAFETY: a live op; the attribute is read by name.
    unsafe {
        let op = melior::ir::operation::OperationRef::from_raw(op);
        op.attribute("sym_name").ok().map(|a| a.to_string().trim_matches('"').to_string()).unwrap_or_default()
    }
}

/// What simplifying one block did.
struct BlockOutcome {
    iterations: usize,
    enodes: usize,
    eclasses: usize,
    stop_reason: String,
    cost_before: f64,
    cost_after: f64,
    ops_before: usize,
    ops_after: usize,
    changed: bool,
}

fn simplify_block(
    context: &Context,
    block: mlir_sys::MlirBlock,
    settings: &Settings,
    dot: Option<&mut String>,
    fallback: mlir_sys::MlirLocation,
) -> Result<Option<BlockOutcome>, String> {
    let Some(lifted) = lift_block(block, analysis_for(&settings.rules)) else { return Ok(None) };
    let roots: Vec<egg::Id> = lifted.roots.iter().map(|r| r.class).collect();
    let ops_before = lifted.modeled.len();
    let cost_before = lifted.cost;
    let egraph = lifted.egraph.clone();
    let outcome = saturate(egraph, &roots, &settings.rules, settings.limits);
    if let Some(dot) = dot {
        dot.push_str(&outcome.egraph.dot().to_string());
    }
    let mut report = BlockOutcome {
        iterations: outcome.iterations,
        enodes: outcome.enodes,
        eclasses: outcome.eclasses,
        stop_reason: outcome.stop_reason,
        cost_before,
        cost_after: cost_before,
        ops_before,
        ops_after: ops_before,
        changed: false,
    };
    if let Some(extracted) = outcome.extracted {
        // Never make the program costlier: keep the original on a tie.
        if extracted.cost < cost_before {
            // Extraction ran on the saturated e-graph; map roots there.
            let lifted = crate::convert::Lifted { egraph: outcome.egraph, ..lifted };
            if lower(&lifted, &extracted, context, fallback)? {
                report.changed = true;
                report.cost_after = extracted.cost;
                report.ops_after = extracted
                    .expr
                    .as_ref()
                    .iter()
                    .filter(|n| {
                        matches!(n, crate::language::Node::Op { .. } | crate::language::Node::Splat { .. })
                    })
                    .count();
            }
        }
    }
    Ok(Some(report))
}

/// The blocks of the region ops nested in `op`, innermost first.
fn nested_blocks(op: MlirOperation, out: &mut Vec<mlir_sys::MlirBlock>) {
    // SAFETY: walking live IR.
    unsafe {
        for r in 0..mlir_sys::mlirOperationGetNumRegions(op) {
            let mut b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
            while !b.ptr.is_null() {
                let mut inner = mlirBlockGetFirstOperation(b);
                while !inner.ptr.is_null() {
                    if mlir_sys::mlirOperationGetNumRegions(inner) > 0 {
                        nested_blocks(inner, out);
                        let mut k = 0;
                        while k < mlir_sys::mlirOperationGetNumRegions(inner) {
                            let mut nb = mlirRegionGetFirstBlock(mlirOperationGetRegion(inner, k));
                            while !nb.ptr.is_null() {
                                out.push(nb);
                                nb = mlir_sys::mlirBlockGetNextInRegion(nb);
                            }
                            k += 1;
                        }
                    }
                    inner = mlirOperationGetNextInBlock(inner);
                }
                b = mlir_sys::mlirBlockGetNextInRegion(b);
            }
        }
    }
}

/// Simplifies one `func.func` in place: the bodies of its region ops
/// (loops, branches), innermost first, then its entry block; `None` when
/// there is nothing to model. The report sums the blocks (iterations: the
/// most any block took; stop reason: the entry block's).
pub fn simplify_function(
    context: &Context,
    func: MlirOperation,
    settings: &Settings,
    mut dot: Option<&mut String>,
) -> Result<Option<FunctionReport>, String> {
    // SAFETY: a live op.
    let fallback = unsafe { mlirOperationGetLocation(func) };
    let mut nested = Vec::new();
    nested_blocks(func, &mut nested);
    let mut outcomes = Vec::new();
    for block in nested {
        if let Some(o) = simplify_block(context, block, settings, dot.as_deref_mut(), fallback)? {
            outcomes.push(o);
        }
    }
    // SAFETY: structural queries on a live op.
    let entry = unsafe {
        let region = mlirOperationGetRegion(func, 0);
        let b = mlirRegionGetFirstBlock(region);
        (!b.ptr.is_null() && mlir_sys::mlirBlockGetNextInRegion(b).ptr.is_null()).then_some(b)
    };
    let mut stop_reason = None;
    if let Some(entry) = entry {
        if let Some(o) = simplify_block(context, entry, settings, dot, fallback)? {
            stop_reason = Some(o.stop_reason.clone());
            outcomes.push(o);
        }
    }
    if outcomes.is_empty() {
        return Ok(None);
    }
    Ok(Some(FunctionReport {
        function: symbol_name(func),
        iterations: outcomes.iter().map(|o| o.iterations).max().unwrap_or(0),
        enodes: outcomes.iter().map(|o| o.enodes).sum(),
        eclasses: outcomes.iter().map(|o| o.eclasses).sum(),
        stop_reason: stop_reason.unwrap_or_else(|| outcomes[0].stop_reason.clone()),
        cost_before: outcomes.iter().map(|o| o.cost_before).sum(),
        cost_after: outcomes.iter().map(|o| o.cost_after).sum(),
        ops_before: outcomes.iter().map(|o| o.ops_before).sum(),
        ops_after: outcomes.iter().map(|o| o.ops_after).sum(),
        changed: outcomes.iter().any(|o| o.changed),
    }))
}

/// Runs jaxr-simplify on every `func.func` directly in `module`, in order.
pub fn simplify_module(
    context: &Context,
    module: MlirOperation,
    settings: &Settings,
) -> Result<Vec<FunctionReport>, String> {
    let mut reports = Vec::new();
    let mut dot = String::new();
    // SAFETY: walking the top-level ops of a live module.
    unsafe {
        let body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
        if body.ptr.is_null() {
            return Ok(reports);
        }
        let mut op = mlirBlockGetFirstOperation(body);
        while !op.ptr.is_null() {
            let next = mlirOperationGetNextInBlock(op);
            if jaxr_dialect::decode::op_name_raw(op) == "func.func" {
                let d = if settings.dot.is_empty() { None } else { Some(&mut dot) };
                if let Some(r) = simplify_function(context, op, settings, d)? {
                    reports.push(r);
                }
            }
            op = next;
        }
    }
    if !settings.dot.is_empty() {
        std::fs::write(&settings.dot, dot)
            .map_err(|e| format!("jaxr-simplify: cannot write '{}': {e}", settings.dot))?;
    }
    Ok(reports)
}

fn run_pass(module: &mut OperationRefMut, options: &PassOptions) -> Result<(), Diag> {
    let location = module.location();
    let settings = Settings::from_options(options).map_err(|m| Diag::at(location, m))?;
    let context_ref = module.context();
    // SAFETY: the context outlives the pass run.
    let context: &Context = unsafe { context_ref.to_ref() };
    let reports = simplify_module(context, module.to_raw(), &settings).map_err(|m| Diag::at(location, m))?;
    if settings.stats {
        for r in reports {
            eprintln!("{}", r.to_json());
        }
    }
    Ok(())
}

fn run_optimize(module: &mut OperationRefMut, options: &PassOptions) -> Result<(), Diag> {
    let location = module.location();
    let context_ref = module.context();
    // SAFETY: the context outlives the pass run.
    let context: &Context = unsafe { context_ref.to_ref() };
    let upstream = |module: &mut OperationRefMut| -> Result<(), Diag> {
        let pm = melior::pass::PassManager::new(context);
        melior::utility::parse_pass_pipeline(
            pm.as_operation_pass_manager(),
            "builtin.module(canonicalize, cse)",
        )
        .map_err(|e| Diag::at(location, format!("jaxr-optimize: {e}")))?;
        // SAFETY: running a nested pass manager on the live module op.
        let ok = unsafe { mlir_sys::mlirPassManagerRunOnOp(pm.to_raw(), module.to_raw()).value != 0 };
        if ok {
            Ok(())
        } else {
            Err(Diag::at(location, "jaxr-optimize: canonicalize/cse failed"))
        }
    };
    upstream(module)?;
    run_pass(module, options)?;
    upstream(module)
}
