//! Simplifying functions by equality saturation: each block of a function
//! (innermost first) lifted into an e-graph, saturated within limits, and
//! the cheapest equivalent program written back. The passes that run this
//! (`jaxr-simplify`, `jaxr-optimize`) are wired in jaxr-transforms.

use melior::Context;
use mlir_sys::{
    mlirBlockGetFirstOperation, mlirOperationGetLocation, mlirOperationGetNextInBlock,
    mlirOperationGetRegion, mlirRegionGetFirstBlock, MlirOperation,
};

use crate::convert::{lift_block, lower};
use crate::rules::RuleConfig;
use crate::saturate::{analysis_for, saturate, Limits};

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
    jaxr_dialect::raw::symbol_name(op).unwrap_or_default()
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
