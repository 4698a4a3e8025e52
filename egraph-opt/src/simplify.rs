//! Simplifying functions by equality saturation: each block of a function
//! (innermost first) lifted into an e-graph, saturated within limits, and
//! the cheapest equivalent program written back. The passes that run this
//! (`jaxr-simplify`, `jaxr-optimize`) are wired in jaxr-transforms.
//!
//! Two kinds of limits hold: [`Limits`] bound each block's saturation, and
//! a [`Budget`] (from [`ModuleLimits`]) bounds the e-nodes and time of all
//! the blocks of all the functions of one run together. Blocks are taken in
//! a fixed order (functions in module order, each function's region bodies
//! innermost first, then its entry block); each saturation gets what is left
//! of the budget, and the first block that the budget stops or cannot hold
//! ends it: every later block is left as it is.

use std::time::{Duration, Instant};

use melior::Context;
use mlir_sys::{
    mlirBlockGetFirstOperation, mlirOperationGetLocation, mlirOperationGetNextInBlock,
    mlirOperationGetRegion, mlirRegionGetFirstBlock, MlirBlock, MlirOperation,
};

use crate::analysis::JaxrEGraph;
use crate::convert::{lift_block, lower, Lifted};
use crate::rules::RuleConfig;
use crate::saturate::{analysis_for, saturate, Limits, Outcome};
use crate::workers::{Job, Saturator};

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
    /// Functions saturated at once (0: one per core). The output does not
    /// depend on it.
    pub threads: usize,
}

/// Module option `module-node-limit` (its stop reason and option name).
pub const MODULE_NODE_LIMIT: &str = "module-node-limit";
/// Module option `module-time-limit`.
pub const MODULE_TIME_LIMIT: &str = "module-time-limit";

/// The limits of a whole run: e-nodes and time summed over every saturated
/// block of every function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModuleLimits {
    /// Saturate no more blocks once their e-graphs hold this many e-nodes
    /// in all (deterministic).
    pub nodes: usize,
    /// Saturate no more blocks after this long since the run began. A
    /// safety net: when it binds, the result depends on the machine's speed.
    pub time: Duration,
}

impl Default for ModuleLimits {
    fn default() -> Self {
        ModuleLimits { nodes: 500_000, time: Duration::from_millis(10_000) }
    }
}

/// A module-wide budget being spent: the e-nodes of the saturated blocks so
/// far, the clock, and which limit (if any) has ended it.
#[derive(Clone, Debug)]
pub struct Budget {
    limits: ModuleLimits,
    start: Instant,
    enodes: usize,
    exhausted: Option<&'static str>,
}

impl Budget {
    /// A fresh budget; its clock starts now.
    pub fn new(limits: ModuleLimits) -> Self {
        Budget { limits, start: Instant::now(), enodes: 0, exhausted: None }
    }

    /// The limits.
    pub fn limits(&self) -> ModuleLimits {
        self.limits
    }

    /// E-nodes of the saturated blocks' final e-graphs, summed.
    pub fn enodes(&self) -> usize {
        self.enodes
    }

    /// Time since the budget began.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// The module limit that ended the budget (`module-node-limit` or
    /// `module-time-limit`), if one did.
    pub fn exhausted(&self) -> Option<&'static str> {
        self.exhausted
    }

    fn nodes_left(&self) -> usize {
        self.limits.nodes.saturating_sub(self.enodes)
    }

    fn time_left(&self) -> Duration {
        self.limits.time.saturating_sub(self.start.elapsed())
    }

    /// Whether a block whose e-graph starts with `initial` e-nodes may be
    /// saturated; if not, the budget is spent from now on.
    fn admit(&mut self, initial: usize) -> bool {
        if self.exhausted.is_none() {
            if self.time_left().is_zero() {
                self.exhausted = Some(MODULE_TIME_LIMIT);
            } else if initial > self.nodes_left() {
                self.exhausted = Some(MODULE_NODE_LIMIT);
            }
        }
        self.exhausted.is_none()
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
    /// Blocks with modeled ops (region bodies and the entry block).
    pub blocks: usize,
    /// Of those, the blocks left as they were because the module budget was
    /// spent.
    pub blocks_skipped: usize,
    /// Whether a limit stopped some block's saturation (or the budget
    /// skipped it): the result may be less simplified than saturation
    /// would make it.
    pub limited: bool,
    /// Blocks for which extraction found no finite-cost program (left as
    /// they were).
    pub not_extracted: usize,
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
            "blocks": self.blocks,
            "blocks_skipped": self.blocks_skipped,
            "limited": self.limited,
            "not_extracted": self.not_extracted,
        })
    }
}

/// What one run over a module did: each function's report and the totals.
#[derive(Clone, Debug)]
pub struct ModuleReport {
    /// One report per function with modeled ops, in module order.
    pub functions: Vec<FunctionReport>,
    /// E-nodes of all saturated blocks' final e-graphs, summed.
    pub enodes: usize,
    /// Time the whole run took (lifting, saturation, extraction, writing back).
    pub time: Duration,
    /// The budget's limits.
    pub limits: ModuleLimits,
    /// The module limit that ended the budget, if one did.
    pub exhausted: Option<&'static str>,
}

impl ModuleReport {
    /// Functions with at least one block saturated.
    pub fn functions_simplified(&self) -> usize {
        self.functions.iter().filter(|f| f.blocks_skipped < f.blocks).count()
    }

    /// Functions left entirely as they were because the budget was spent.
    pub fn functions_skipped(&self) -> usize {
        self.functions.iter().filter(|f| f.blocks_skipped == f.blocks).count()
    }

    /// The totals as a JSON object (`"module": true` tells it from the
    /// functions' lines).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "module": true,
            "functions": self.functions.len(),
            "functions_simplified": self.functions_simplified(),
            "functions_skipped": self.functions_skipped(),
            "functions_changed": self.functions.iter().filter(|f| f.changed).count(),
            "blocks": self.functions.iter().map(|f| f.blocks).sum::<usize>(),
            "blocks_skipped": self.functions.iter().map(|f| f.blocks_skipped).sum::<usize>(),
            "enodes": self.enodes,
            "time_ms": self.time.as_millis() as u64,
            "module_node_limit": self.limits.nodes,
            "module_time_limit": self.limits.time.as_millis() as u64,
            "budget_exhausted": self.exhausted,
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
    skipped: bool,
    not_extracted: bool,
}

fn simplify_block(
    context: &Context,
    block: mlir_sys::MlirBlock,
    settings: &Settings,
    dot: Option<&mut String>,
    fallback: mlir_sys::MlirLocation,
    budget: &mut Budget,
) -> Result<Option<BlockOutcome>, String> {
    let Some(mut lifted) = lift_block(block, analysis_for(&settings.rules)) else { return Ok(None) };
    if !budget.admit(lifted.egraph.total_number_of_nodes()) {
        return Ok(Some(skipped(&lifted, budget)));
    }
    let limits = block_limits(settings, budget);
    let egraph = take_egraph(&mut lifted, settings);
    let outcome = saturate(egraph, &root_classes(&lifted), &settings.rules, limits);
    finish_block(context, lifted, outcome, limits, settings, dot, fallback, budget).map(Some)
}

/// The lifted e-graph, for saturation to take (writing back uses the
/// saturated one).
fn take_egraph(lifted: &mut Lifted, settings: &Settings) -> JaxrEGraph {
    std::mem::replace(&mut lifted.egraph, JaxrEGraph::new(analysis_for(&settings.rules)))
}

fn root_classes(lifted: &Lifted) -> Vec<egg::Id> {
    lifted.roots.iter().map(|r| r.class).collect()
}

/// The outcome of a block the spent budget leaves exactly as it is.
fn skipped(lifted: &Lifted, budget: &Budget) -> BlockOutcome {
    BlockOutcome {
        iterations: 0,
        enodes: 0,
        eclasses: 0,
        stop_reason: budget.exhausted.unwrap_or(MODULE_NODE_LIMIT).to_string(),
        cost_before: lifted.cost,
        cost_after: lifted.cost,
        ops_before: lifted.modeled.len(),
        ops_after: lifted.modeled.len(),
        changed: false,
        skipped: true,
        not_extracted: false,
    }
}

/// The block's own limits, cut down to what is left of the budget.
fn block_limits(settings: &Settings, budget: &Budget) -> Limits {
    Limits {
        nodes: settings.limits.nodes.min(budget.nodes_left()),
        time: settings.limits.time.min(budget.time_left()),
        ..settings.limits
    }
}

/// Counts a saturation (run within `limits`) against the budget and writes
/// the cheapest program found back into the block, if it is cheaper.
#[allow(clippy::too_many_arguments)]
fn finish_block(
    context: &Context,
    lifted: Lifted,
    mut outcome: Outcome,
    limits: Limits,
    settings: &Settings,
    dot: Option<&mut String>,
    fallback: mlir_sys::MlirLocation,
    budget: &mut Budget,
) -> Result<BlockOutcome, String> {
    budget.enodes += outcome.enodes;
    // A limit cut down by the budget is the budget's.
    if outcome.stop_reason == "node-limit" && limits.nodes < settings.limits.nodes {
        outcome.stop_reason = MODULE_NODE_LIMIT.to_string();
        budget.exhausted = Some(MODULE_NODE_LIMIT);
    } else if outcome.stop_reason == "time-limit" && limits.time < settings.limits.time {
        outcome.stop_reason = MODULE_TIME_LIMIT.to_string();
        budget.exhausted = Some(MODULE_TIME_LIMIT);
    }
    if let Some(dot) = dot {
        dot.push_str(&outcome.egraph.dot().to_string());
    }
    let mut report = BlockOutcome {
        iterations: outcome.iterations,
        enodes: outcome.enodes,
        eclasses: outcome.eclasses,
        stop_reason: outcome.stop_reason,
        cost_before: lifted.cost,
        cost_after: lifted.cost,
        ops_before: lifted.modeled.len(),
        ops_after: lifted.modeled.len(),
        changed: false,
        skipped: false,
        not_extracted: outcome.extracted.is_none(),
    };
    if let Some(extracted) = outcome.extracted {
        // Never make the program costlier: keep the original on a tie.
        if extracted.cost < lifted.cost {
            // Extraction ran on the saturated e-graph; map roots there.
            let lifted = Lifted { egraph: outcome.egraph, ..lifted };
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
    Ok(report)
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
/// most any block took; stop reason: the entry block's). The function has a
/// budget of its own, [`ModuleLimits::default`]; [`simplify_function_within`]
/// shares one.
pub fn simplify_function(
    context: &Context,
    func: MlirOperation,
    settings: &Settings,
    dot: Option<&mut String>,
) -> Result<Option<FunctionReport>, String> {
    simplify_function_within(context, func, settings, dot, &mut Budget::new(ModuleLimits::default()))
}

/// [`simplify_function`], every block counted against `budget` (and left as
/// it is once the budget is spent).
pub fn simplify_function_within(
    context: &Context,
    func: MlirOperation,
    settings: &Settings,
    mut dot: Option<&mut String>,
    budget: &mut Budget,
) -> Result<Option<FunctionReport>, String> {
    // SAFETY: a live op.
    let fallback = unsafe { mlirOperationGetLocation(func) };
    let mut nested = Vec::new();
    nested_blocks(func, &mut nested);
    let mut outcomes = Vec::new();
    for block in nested {
        if let Some(o) = simplify_block(context, block, settings, dot.as_deref_mut(), fallback, budget)? {
            outcomes.push(o);
        }
    }
    let mut stop_reason = None;
    if let Some(entry) = entry_block(func) {
        if let Some(o) = simplify_block(context, entry, settings, dot, fallback, budget)? {
            stop_reason = Some(o.stop_reason.clone());
            outcomes.push(o);
        }
    }
    Ok(function_report(func, outcomes, stop_reason))
}

/// The body of a function with one block.
fn entry_block(func: MlirOperation) -> Option<MlirBlock> {
    // SAFETY: structural queries on a live op.
    unsafe {
        let region = mlirOperationGetRegion(func, 0);
        let b = mlirRegionGetFirstBlock(region);
        (!b.ptr.is_null() && mlir_sys::mlirBlockGetNextInRegion(b).ptr.is_null()).then_some(b)
    }
}

/// Sums the outcomes of a function's blocks into its report (iterations:
/// the most any block took; stop reason: the entry block's, `entry_stop`)
/// and warns if simplification was cut short; `None` without outcomes.
fn function_report(
    func: MlirOperation,
    outcomes: Vec<BlockOutcome>,
    entry_stop: Option<String>,
) -> Option<FunctionReport> {
    if outcomes.is_empty() {
        return None;
    }
    let report = FunctionReport {
        function: symbol_name(func),
        iterations: outcomes.iter().map(|o| o.iterations).max().unwrap_or(0),
        enodes: outcomes.iter().map(|o| o.enodes).sum(),
        eclasses: outcomes.iter().map(|o| o.eclasses).sum(),
        stop_reason: entry_stop.unwrap_or_else(|| outcomes[0].stop_reason.clone()),
        cost_before: outcomes.iter().map(|o| o.cost_before).sum(),
        cost_after: outcomes.iter().map(|o| o.cost_after).sum(),
        ops_before: outcomes.iter().map(|o| o.ops_before).sum(),
        ops_after: outcomes.iter().map(|o| o.ops_after).sum(),
        changed: outcomes.iter().any(|o| o.changed),
        blocks: outcomes.len(),
        blocks_skipped: outcomes.iter().filter(|o| o.skipped).count(),
        limited: outcomes.iter().any(|o| o.stop_reason != "saturated"),
        not_extracted: outcomes.iter().filter(|o| o.not_extracted).count(),
    };
    warn_function(func, &report, outcomes.iter().find(|o| !o.skipped && o.stop_reason != "saturated"));
    Some(report)
}

extern "C" {
    /// Defined in dialect/cpp/JaxrDialect.cpp (MLIR's C API emits only errors).
    fn jaxrEmitWarning(location: mlir_sys::MlirLocation, message: *const std::ffi::c_char);
}

/// Emits a warning at `op`'s location through MLIR's diagnostics.
fn emit_warning(op: MlirOperation, message: &str) {
    let text = std::ffi::CString::new(message.replace('\0', " ")).unwrap_or_default();
    // SAFETY: a live op; MLIR copies the message.
    unsafe { jaxrEmitWarning(mlirOperationGetLocation(op), text.as_ptr()) }
}

/// Warns when a function's simplification was cut short: extraction found
/// no program for some block, or a limit stopped a saturation (`limited`,
/// the first such block). Blocks the spent module budget skipped are
/// reported once for the module ([`simplify_module`]).
fn warn_function(func: MlirOperation, report: &FunctionReport, limited: Option<&BlockOutcome>) {
    let name = &report.function;
    if report.not_extracted > 0 {
        emit_warning(
            func,
            &format!(
                "jaxr-simplify: no finite-cost program was extracted for {} block(s) of function '{name}'; they are left as they were",
                report.not_extracted
            ),
        );
    }
    if let Some(block) = limited {
        emit_warning(
            func,
            &format!(
                "jaxr-simplify: saturating function '{name}' stopped at its {}; it may be less simplified",
                block.stop_reason
            ),
        );
    }
}

/// Runs jaxr-simplify on every `func.func` directly in `module`, all of them
/// within one budget of `module_limits`.
///
/// The result is that of simplifying the functions one after another in
/// module order. With more than one thread ([`Settings::threads`]), the
/// functions of one block (no loops or branches) are lifted a few ahead and
/// saturated on worker threads, each within the limits the budget left when
/// it was lifted; they are written back in module order, and one whose
/// limits the budget has since cut down is saturated again within the cut
/// limits, so the budget binds exactly as it does one function at a time.
pub fn simplify_module(
    context: &Context,
    module: MlirOperation,
    settings: &Settings,
    module_limits: ModuleLimits,
) -> Result<ModuleReport, String> {
    let mut budget = Budget::new(module_limits);
    let mut dot = String::new();
    let functions = top_level_functions(module);
    let threads = match settings.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let reports = if threads > 1 && functions.len() > 1 {
        std::thread::scope(|scope| {
            let mut saturator = Saturator::start(scope, threads, &settings.rules);
            simplify_functions(
                context,
                &functions,
                settings,
                &mut dot,
                &mut budget,
                Some((&mut saturator, threads)),
            )
        })?
    } else {
        simplify_functions(context, &functions, settings, &mut dot, &mut budget, None)?
    };
    if let Some(limit) = budget.exhausted() {
        let untouched = |r: &FunctionReport| r.blocks_skipped == r.blocks;
        if let Some((op, first)) = reports.iter().find(|(_, r)| untouched(r)) {
            let count = reports.iter().filter(|(_, r)| untouched(r)).count();
            emit_warning(
                *op,
                &format!(
                    "jaxr-simplify: the module's {limit} was reached; {count} function(s) from '{}' on are left as they were",
                    first.function
                ),
            );
        }
    }
    if !settings.dot.is_empty() {
        std::fs::write(&settings.dot, dot)
            .map_err(|e| format!("jaxr-simplify: cannot write '{}': {e}", settings.dot))?;
    }
    Ok(module_report(reports.into_iter().map(|(_, r)| r).collect(), &budget))
}

/// The `func.func` ops directly in `module`, in order.
fn top_level_functions(module: MlirOperation) -> Vec<MlirOperation> {
    let mut out = Vec::new();
    // SAFETY: walking the top-level ops of a live module.
    unsafe {
        let body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
        if body.ptr.is_null() {
            return out;
        }
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

/// A one-block function lifted and submitted to the workers.
struct Submitted {
    lifted: Lifted,
    initial_nodes: usize,
    limits: Limits,
}

/// Simplifies `functions` in order within `budget`; with a saturator, the
/// one-block functions a few ahead are saturated on its workers meanwhile.
fn simplify_functions(
    context: &Context,
    functions: &[MlirOperation],
    settings: &Settings,
    dot: &mut String,
    budget: &mut Budget,
    workers: Option<(&mut Saturator, usize)>,
) -> Result<Vec<(MlirOperation, FunctionReport)>, String> {
    // How many functions are lifted ahead of the one written back: enough
    // to keep every worker busy, few enough to bound the e-graphs held.
    let (mut saturator, ahead) = match workers {
        Some((s, threads)) => (Some(s), 4 * threads),
        None => (None, 0),
    };
    let mut submitted: Vec<Option<Submitted>> = functions.iter().map(|_| None).collect();
    let mut next = 0;
    let mut reports = Vec::new();
    for (i, &func) in functions.iter().enumerate() {
        if let Some(saturator) = saturator.as_deref_mut() {
            while next < functions.len() && next <= i + ahead {
                submitted[next] = submit(functions[next], next, settings, budget, saturator);
                next += 1;
            }
        }
        let d = if settings.dot.is_empty() { None } else { Some(&mut *dot) };
        let report = match (submitted[i].take(), saturator.as_deref_mut()) {
            (Some(job), Some(saturator)) => {
                let outcome = saturator.take(i)?;
                let block = job.lifted.block;
                // SAFETY: a live op.
                let fallback = unsafe { mlirOperationGetLocation(func) };
                let o = if !budget.admit(job.initial_nodes) {
                    skipped(&job.lifted, budget)
                } else if block_limits(settings, budget).nodes == job.limits.nodes {
                    finish_block(context, job.lifted, outcome, job.limits, settings, d, fallback, budget)?
                } else {
                    // The budget has shrunk since: saturate again within it.
                    drop((job, outcome));
                    simplify_block(context, block, settings, d, fallback, budget)?.ok_or_else(|| {
                        "jaxr-simplify: a lifted block could not be lifted again".to_string()
                    })?
                };
                let stop = Some(o.stop_reason.clone());
                function_report(func, vec![o], stop)
            }
            _ => simplify_function_within(context, func, settings, d, budget)?,
        };
        if let Some(report) = report {
            reports.push((func, report));
        }
    }
    Ok(reports)
}

/// Lifts a one-block function and submits it within the limits the budget
/// leaves now; `None` for functions with nested blocks, nothing to model, or
/// once the budget is spent (they are simplified in turn, one at a time).
fn submit(
    func: MlirOperation,
    index: usize,
    settings: &Settings,
    budget: &Budget,
    saturator: &Saturator,
) -> Option<Submitted> {
    let mut nested = Vec::new();
    nested_blocks(func, &mut nested);
    if !nested.is_empty() || budget.exhausted().is_some() {
        return None;
    }
    let mut lifted = lift_block(entry_block(func)?, analysis_for(&settings.rules))?;
    let initial_nodes = lifted.egraph.total_number_of_nodes();
    let limits = block_limits(settings, budget);
    let egraph = take_egraph(&mut lifted, settings);
    saturator.submit(Job { index, egraph, roots: root_classes(&lifted), limits });
    Some(Submitted { lifted, initial_nodes, limits })
}

fn module_report(functions: Vec<FunctionReport>, budget: &Budget) -> ModuleReport {
    ModuleReport {
        functions,
        enodes: budget.enodes(),
        time: budget.elapsed(),
        limits: budget.limits(),
        exhausted: budget.exhausted(),
    }
}
