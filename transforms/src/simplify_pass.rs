//! The `jaxr-simplify` pass (and `jaxr-optimize`, which wraps it in the
//! module-level passes, inlining and MLIR's canonicalize and cse): options and wiring around
//! `jaxr_egraph::simplify`, which holds the equality saturation itself.

use std::time::Duration;

use jaxr_egraph::rules::{RuleConfig, GROUPS};
use jaxr_egraph::saturate::Limits;
use jaxr_egraph::simplify::{simplify_module, ModuleLimits, Settings};
use jaxr_passes::{Diag, OptionKind, OptionSpec, PassDef, PassOptions};
use melior::ir::operation::{OperationLike, OperationRefMut};
use melior::Context;
use mlir_sys::MlirOperation;

const OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "groups",
        kind: OptionKind::Str,
        default: "all",
        help: "rule groups to run: all, or a comma-separated list of neutral,fold,signs,bits,exp-log,select,shape,reduce,convert,algebra,dot",
    },
    OptionSpec { name: "disable", kind: OptionKind::Str, default: "", help: "rule groups to turn off (comma-separated)" },
    OptionSpec {
        name: "fast-math",
        kind: OptionKind::Bool,
        default: "false",
        help: "also apply laws that are not exact in IEEE 754 (x*0=0, x-x=0, x/x=1, exp(log x)=x, ...)",
    },
    OptionSpec {
        name: "node-limit",
        kind: OptionKind::Int,
        default: "100000",
        help: "stop saturating a block (function body, loop or branch body) above this many e-nodes",
    },
    OptionSpec { name: "iter-limit", kind: OptionKind::Int, default: "30", help: "stop saturating after this many iterations" },
    OptionSpec {
        name: "time-limit",
        kind: OptionKind::Int,
        default: "2000",
        help: "stop saturating a block after this many milliseconds (a safety net: not deterministic)",
    },
    OptionSpec {
        name: "module-node-limit",
        kind: OptionKind::Int,
        default: "500000",
        help: "budget of e-nodes summed over every block of every function; once spent, the remaining blocks are left as they are",
    },
    OptionSpec {
        name: "module-time-limit",
        kind: OptionKind::Int,
        default: "10000",
        help: "budget in milliseconds for the whole module; once spent, the remaining blocks are left as they are (a safety net: not deterministic)",
    },
    OptionSpec {
        name: "stats",
        kind: OptionKind::Bool,
        default: "false",
        help: "print per-function statistics and the module's totals as JSON to stderr",
    },
    OptionSpec {
        name: "threads",
        kind: OptionKind::Int,
        default: "0",
        help: "saturate this many functions at once (0: one per core); the output does not depend on it",
    },
    OptionSpec { name: "dot", kind: OptionKind::Str, default: "", help: "write the saturated e-graphs as Graphviz to this file" },
];

/// `jaxr-simplify`.
pub const PASS: PassDef = PassDef {
    name: "jaxr-simplify",
    summary: "Simplify jaxr dataflow by bounded, deterministic equality saturation (egg)",
    options: OPTIONS,
    run: run_pass,
};

/// `jaxr-optimize`: canonicalize, cse, jaxr-module-opt, inline, symbol-dce,
/// canonicalize, cse, jaxr-control-opt, jaxr-fold-constants, jaxr-simplify,
/// canonicalize, cse, jaxr-control-opt, jaxr-module-opt, symbol-dce
/// (canonicalize and cse again after a step that changed something).
pub const OPTIMIZE: PassDef = PassDef {
    name: "jaxr-optimize",
    summary: "jaxr-module-opt, inline, jaxr-control-opt, jaxr-fold-constants and jaxr-simplify (same options), between canonicalize and cse",
    options: OPTIONS,
    run: run_optimize,
};

/// Reads the module budget options (`module-node-limit`, `module-time-limit`).
pub fn module_limits_from_options(options: &PassOptions) -> Result<ModuleLimits, String> {
    Ok(ModuleLimits {
        nodes: non_negative(options, "module-node-limit")? as usize,
        time: Duration::from_millis(non_negative(options, "module-time-limit")?),
    })
}

fn non_negative(options: &PassOptions, name: &str) -> Result<u64, String> {
    options
        .int(name)
        .and_then(|v| u64::try_from(v).ok())
        .ok_or_else(|| format!("jaxr-simplify: option '{name}' must be a non-negative integer"))
}

/// Reads the pass options into settings; unknown group names are errors.
pub fn settings_from_options(options: &PassOptions) -> Result<Settings, String> {
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
    let int = |name: &str| non_negative(options, name);
    Ok(Settings {
        rules: RuleConfig { groups, fast_math: options.bool("fast-math") },
        limits: Limits {
            nodes: int("node-limit")? as usize,
            iterations: int("iter-limit")? as usize,
            time: Duration::from_millis(int("time-limit")?),
        },
        stats: options.bool("stats"),
        dot: options.string("dot").to_string(),
        threads: int("threads")? as usize,
    })
}

fn run_pass(module: &mut OperationRefMut, options: &PassOptions) -> Result<(), Diag> {
    let location = module.location();
    let mut settings = settings_from_options(options).map_err(|m| Diag::at(location, m))?;
    let module_limits = module_limits_from_options(options).map_err(|m| Diag::at(location, m))?;
    let context_ref = module.context();
    // SAFETY: the context outlives the pass run.
    let context: &Context = unsafe { context_ref.to_ref() };
    if !settings.dot.is_empty() {
        // Written beside `dot=FILE`, renamed into place if the whole pipeline succeeds.
        settings.dot = jaxr_passes::staged::stage_output(context.to_raw(), &settings.dot);
    }
    let report = simplify_module(context, module.to_raw(), &settings, module_limits)
        .map_err(|m| Diag::at(location, m))?;
    if settings.stats {
        for r in &report.functions {
            eprintln!("{}", r.to_json());
        }
        // The totals last: e-nodes and time over the module, and which module
        // limit (if any) left functions unsimplified.
        eprintln!("{}", report.to_json());
    }
    Ok(())
}

/// canonicalize and cse, nested on the functions when the module holds
/// nothing else with regions: MLIR's pass manager then runs them on every
/// core, one function at a time (the output is the same).
fn cleanup_pipeline(module: MlirOperation) -> &'static str {
    use crate::ir;
    let Some(body) = ir::regions(module).first().map(|r| ir::first_block(*r)).filter(|b| !b.ptr.is_null())
    else {
        return "canonicalize, cse";
    };
    let only_functions =
        ir::ops_of(body).into_iter().all(|op| ir::name_of(op) == "func.func" || ir::regions(op).is_empty());
    if only_functions {
        "func.func(canonicalize, cse)"
    } else {
        "canonicalize, cse"
    }
}

fn run_optimize(module: &mut OperationRefMut, options: &PassOptions) -> Result<(), Diag> {
    let location = module.location();
    let context_ref = module.context();
    // SAFETY: the context outlives the pass run.
    let context: &Context = unsafe { context_ref.to_ref() };
    let upstream = |module: &mut OperationRefMut, pipeline: &str| -> Result<(), Diag> {
        let pm = melior::pass::PassManager::new(context);
        // The outer pass manager verifies the module after jaxr-optimize;
        // verifying after each of these inner passes too was a fifth of
        // jaxr-optimize's time on large modules.
        pm.enable_verifier(false);
        melior::utility::parse_pass_pipeline(
            pm.as_operation_pass_manager(),
            &format!("builtin.module({pipeline})"),
        )
        .map_err(|e| Diag::at(location, format!("jaxr-optimize: {e}")))?;
        // SAFETY: running a nested pass manager on the live module op.
        let ok = unsafe { mlir_sys::mlirPassManagerRunOnOp(pm.to_raw(), module.to_raw()).value != 0 };
        if ok {
            Ok(())
        } else {
            Err(Diag::at(location, format!("jaxr-optimize: {pipeline} failed")))
        }
    };
    // Constants folded first, so that call sites pass recognizable constants;
    // then the module level (duplicate functions, constant arguments, unused
    // results and arguments: crate::module_opt), inlining what is left and
    // dropping the private functions no one calls any more.
    // Upstream inline and symbol-dce cannot handle ops of unregistered
    // dialects with regions (see module_opt::has_unregistered_region_ops).
    let symbols = !crate::module_opt::has_unregistered_region_ops(module.to_raw());
    let cleanup = cleanup_pipeline(module.to_raw());
    upstream(module, cleanup)?;
    let merged = crate::module_opt::optimize_module(module.to_raw())?;
    // Each upstream run costs a walk of the whole module: skip those with
    // nothing to do (no calls, no private functions, nothing merged).
    let work = crate::module_opt::symbol_work(module.to_raw());
    if symbols && work.any() {
        upstream(module, "inline, symbol-dce")?;
    }
    if work.any() || merged != crate::module_opt::Stats::default() {
        upstream(module, cleanup)?;
    }
    // Control flow (crate::control_opt): known branches inlined, unused and
    // forwarded cond results, invariant and dead carries, loop-invariant
    // code, before the simplifier (which sees one block at a time) and again
    // on what it leaves.
    let control = crate::control_opt::optimize_control(module.to_raw())?;
    if control != crate::control_opt::Stats::default() {
        upstream(module, cleanup)?;
    }
    // Ops of constant operands become dense constants
    // (crate::fold_constants), which the simplifier folds only as splats.
    if crate::fold_constants::fold_constants(module.to_raw(), crate::fold_constants::DEFAULT_MAX_ELEMENTS) > 0
    {
        upstream(module, cleanup)?;
    }
    run_pass(module, options)?;
    upstream(module, cleanup)?;
    let control = crate::control_opt::optimize_control(module.to_raw())?;
    if control != crate::control_opt::Stats::default() {
        upstream(module, cleanup)?;
    }
    // What the simplifier left unused in functions that could not be inlined
    // (recursion), and equal constants of different dialects.
    crate::module_opt::optimize_module(module.to_raw())?;
    if symbols && crate::module_opt::symbol_work(module.to_raw()).private_functions {
        upstream(module, "symbol-dce")?;
    }
    Ok(())
}
