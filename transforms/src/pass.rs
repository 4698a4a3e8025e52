//! The `jaxr-autodiff` pass: expands `jaxr.jvp`/`vjp`/`grad`/
//! `value_and_grad` ops into calls of derived functions, and derives the
//! functions the options request (`grad-of=main argnums=0,2` adds
//! `@main_grad`). Every derived function is then cleaned up: dead ops
//! erased and its body simplified by the e-graph (`jaxr-simplify`, exact
//! laws only), so shared subterms are computed once and the zeros, ones and
//! transposes of transposes that rules produce disappear.

use jaxr_dialect::transform::{lookup_function, transform_attrs, vmap_attrs, GradOptions};
use jaxr_dialect::Transform;
use jaxr_egraph::rules::RuleConfig;
use jaxr_egraph::saturate::Limits;
use jaxr_egraph::simplify::{simplify_function, Settings};
use jaxr_passes::{OptionKind, OptionSpec, PassDef, PassOptions};
use melior::ir::operation::{OperationLike, OperationRefMut};
use melior::Context;
use mlir_sys::*;

use crate::function::{symbol_name, Deriver};
use crate::ir::{self, Diag};

const OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "grad-of",
        kind: OptionKind::Str,
        default: "",
        help: "functions (comma-separated) to add @<f>_grad for: f's arguments -> one gradient per argnum",
    },
    OptionSpec {
        name: "value-and-grad-of",
        kind: OptionKind::Str,
        default: "",
        help: "functions to add @<f>_value_and_grad for: f's arguments -> (f's results, gradients)",
    },
    OptionSpec {
        name: "vjp-of",
        kind: OptionKind::Str,
        default: "",
        help: "functions to add @<f>_vjp for: (arguments, one cotangent per result) -> cotangents of argnums",
    },
    OptionSpec {
        name: "jvp-of",
        kind: OptionKind::Str,
        default: "",
        help: "functions to add @<f>_jvp for: (arguments, tangents of argnums) -> (results, result tangents)",
    },
    OptionSpec {
        name: "argnums",
        kind: OptionKind::IntList,
        default: "0",
        help: "the differentiated arguments of the requested functions (sorted, distinct)",
    },
    OptionSpec {
        name: "has-aux",
        kind: OptionKind::Bool,
        default: "false",
        help: "grad and value-and-grad: results after the first are auxiliary (returned, not differentiated)",
    },
    OptionSpec {
        name: "holomorphic",
        kind: OptionKind::Bool,
        default: "false",
        help:
            "grad and value-and-grad: the function is holomorphic (complex arguments, complex scalar result)",
    },
    OptionSpec {
        name: "simplify",
        kind: OptionKind::Bool,
        default: "true",
        help: "simplify derived functions with the e-graph (exact laws only)",
    },
    OptionSpec {
        name: "loop-residuals",
        kind: OptionKind::Str,
        default: "store",
        help: "reverse mode through loops: store (each iteration's carries and the intermediates the derivative reads, as JAX) or recompute (carries only; the reverse loop runs the body again)",
    },
];

/// `jaxr-autodiff`.
pub const PASS: PassDef = PassDef {
    name: "jaxr-autodiff",
    summary: "Expand jaxr.jvp/vjp/grad/value_and_grad and derive the requested functions (forward and reverse mode)",
    options: OPTIONS,
    run: run_pass,
};

/// Whether `name` is a transformation op (expanded by both passes).
fn is_transform_op(name: &str) -> bool {
    name == "jaxr.vmap" || name.strip_prefix("jaxr.").and_then(Transform::from_mnemonic).is_some()
}

/// Replaces every transformation op inside `func` by a call of the derived
/// function.
pub fn expand_transform_ops_in(d: &mut Deriver, func: MlirOperation) -> Result<(), Diag> {
    for op in ir::nested_ops(func, &is_transform_op) {
        let name = if ir::name_of(op) == "jaxr.vmap" {
            let (callee, in_axes, out_axes) = vmap_attrs(op).map_err(|m| Diag::at_op(op, m))?;
            let operands = ir::operands(op);
            let size = in_axes
                .iter()
                .zip(&operands)
                .find(|(a, _)| **a >= 0)
                .and_then(|(a, v)| {
                    crate::emit::type_of(*v).ok().and_then(|t| t.shape.get(*a as usize).copied())
                })
                .ok_or_else(|| Diag::at_op(op, "vmap needs a batched operand"))?;
            d.derived_vmap(&callee, &in_axes, &out_axes, size, op)?
        } else {
            let t = ir::name_of(op).strip_prefix("jaxr.").and_then(Transform::from_mnemonic);
            let Some(t) = t else { continue };
            let (callee, argnums, grad) = transform_attrs(op).map_err(|m| Diag::at_op(op, m))?;
            d.derived(&callee, t, &argnums, grad, op)?
        };
        let old = ir::results(op);
        let types = ir::types_of(&old).map_err(|m| Diag::at_op(op, m))?;
        let call = ir::call(d.context, ir::location_of(op), &name, &ir::operands(op), &types);
        // SAFETY: inserting a detached op next to a live one.
        unsafe { mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(op), op, call) };
        for (k, r) in old.iter().enumerate() {
            ir::replace_uses(*r, ir::results(call)[k]);
        }
        ir::erase(op);
    }
    Ok(())
}

/// Ops that may be erased when their results are unused: jaxr ops are pure,
/// and so are calls of jaxr functions, and the collectives and shard_map
/// regions of the programs jaxr differentiates (a forward pass that the
/// reverse pass recomputes).
fn removable(op: MlirOperation) -> bool {
    let name = ir::name_of(op);
    (name.starts_with("jaxr.") && name != "jaxr.yield")
        || name == "func.call"
        || name == "stablehlo.constant"
        || name == "sdy.manual_computation"
        || crate::collectives::is_collective(&name)
        || crate::sharding_constraint::is_constraint(op)
}

/// Erases unused removable ops of `block` (and of the blocks nested in it).
pub fn erase_dead(block: MlirBlock) {
    loop {
        let mut changed = false;
        for op in ir::ops_of(block).into_iter().rev() {
            if removable(op) && !ir::results(op).iter().any(|r| ir::has_uses(*r)) {
                ir::erase(op);
                changed = true;
                continue;
            }
            for r in ir::regions(op) {
                let b = ir::first_block(r);
                if !b.ptr.is_null() {
                    erase_dead(b);
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Inlines every call inside `func` (jaxr functions are pure), so that the
/// cleanup sees whole programs: values a callee's derivative takes but does
/// not need become dead, and so do the loop carries that held them. Calls
/// with a rule are kept; with `spent_rules`, those whose rule a reverse
/// sweep has used are inlined too (a copy to transform again keeps them).
pub fn inline_calls(d: &Deriver, func: MlirOperation, spent_rules: bool) -> Result<(), Diag> {
    for _round in 0..32 {
        if spent_rules {
            // Calls with a rule that a reverse sweep has used are plain calls now.
            crate::rule_calls::to_plain_calls(d, func)?;
        }
        let calls = ir::nested_ops(func, &|n| n == "func.call");
        if calls.is_empty() {
            return Ok(());
        }
        for call in calls {
            let Some(callee) = ir::callee_of(call).and_then(|c| d.function(&c)) else { continue };
            let body = ir::first_block(ir::regions(callee)[0]);
            if body.ptr.is_null() {
                continue;
            }
            let mut map: std::collections::HashMap<usize, MlirValue> = ir::block_args(body)
                .into_iter()
                .zip(ir::operands(call))
                .map(|(a, v)| (crate::emit::key(a), v))
                .collect();
            let ops = ir::ops_of(body);
            let Some((ret, inner)) = ops.split_last() else { continue };
            for &o in inner {
                let copy = ir::clone_with(o, &map);
                // SAFETY: inserting a detached clone before the call.
                unsafe { mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(call), call, copy) };
                for (a, b) in ir::results(o).iter().zip(ir::results(copy)) {
                    map.insert(crate::emit::key(*a), b);
                }
            }
            for (r, v) in ir::results(call).iter().zip(ir::operands(*ret)) {
                ir::replace_uses(*r, map.get(&crate::emit::key(v)).copied().unwrap_or(v));
            }
            ir::erase(call);
        }
    }
    Err(Diag::at_op(func, "jaxr-autodiff: calls nest more than 32 deep (recursive functions?)"))
}

fn cleanup(d: &Deriver, func: MlirOperation, simplify: bool) -> Result<(), Diag> {
    let context = d.context;
    let block = ir::first_block(ir::regions(func)[0]);
    inline_calls(d, func, true)?;
    erase_dead(block);
    for l in ir::nested_ops(func, &|n| n == "jaxr.while") {
        crate::control::remove_dead_carries(context, l);
    }
    erase_dead(block);
    if simplify {
        let settings = Settings {
            rules: RuleConfig::exact(),
            limits: Limits::default(),
            stats: false,
            dot: String::new(),
            // One function: no worker threads.
            threads: 1,
        };
        simplify_function(context, func, &settings, None).map_err(|m| Diag::at_op(func, m))?;
        erase_dead(block);
    }
    Ok(())
}

fn names(options: &PassOptions, option: &str) -> Vec<String> {
    options.string(option).split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// Runs the pass on a module.
pub fn run_on_module(context: &Context, module: MlirOperation, options: &PassOptions) -> Result<(), Diag> {
    let mut d = Deriver::new(context, module);
    let policy = options.string("loop-residuals");
    d.loop_residuals = crate::loop_reverse::LoopResiduals::parse(policy).ok_or_else(|| {
        Diag::at_op(
            module,
            format!(
                "jaxr-autodiff: loop-residuals={policy}: expected one of {}",
                crate::loop_reverse::LoopResiduals::NAMES
            ),
        )
    })?;
    let body = ir::first_block(ir::regions(module)[0]);
    // Transformation ops first, function by function.
    for f in ir::ops_of(body) {
        if ir::name_of(f) == "func.func" {
            expand_transform_ops_in(&mut d, f)?;
        }
    }
    let argnums = options.int_list("argnums");
    let has_aux = options.bool("has-aux");
    let holomorphic = options.bool("holomorphic");
    let requests = [
        ("grad-of", Transform::Grad, "grad"),
        ("value-and-grad-of", Transform::ValueAndGrad, "value_and_grad"),
        ("vjp-of", Transform::Vjp, "vjp"),
        ("jvp-of", Transform::Jvp, "jvp"),
    ];
    for (option, transform, suffix) in requests {
        for f in names(options, option) {
            let anchor = ir::ops_of(body).into_iter().next().unwrap_or(module);
            let func = lookup_function(anchor, &f).ok_or_else(|| {
                Diag::at_op(module, format!("jaxr-autodiff: {option}={f}: no func.func named '@{f}'"))
            })?;
            let name = format!("{f}_{suffix}");
            if lookup_function(anchor, &name).is_some() {
                return Err(Diag::at_op(
                    func,
                    format!("jaxr-autodiff: {option}={f}: the module already has '@{name}'"),
                ));
            }
            let is_grad = matches!(transform, Transform::Grad | Transform::ValueAndGrad);
            let grad = GradOptions { has_aux: has_aux && is_grad, holomorphic: holomorphic && is_grad };
            d.build(func, transform, &argnums, grad, &name)
                .map_err(|e| Diag { message: format!("jaxr-autodiff: {option}={f}: {}", e.message), ..e })?;
        }
    }
    finish(&d, body, options.bool("simplify"))
}

/// Cleans up every function `d` created and drops the private ones no call
/// reaches any more.
fn finish(d: &Deriver, body: MlirBlock, simplify: bool) -> Result<(), Diag> {
    for f in d.created.clone() {
        cleanup(d, f, simplify)?;
    }
    // Derived functions only called from functions that inlined them are gone.
    let mut called = std::collections::HashSet::new();
    for f in ir::ops_of(body) {
        called.extend(ir::nested_ops(f, &|n| n == "func.call").into_iter().filter_map(ir::callee_of));
        for op in ir::nested_ops(f, &|n| {
            n.strip_prefix("jaxr.").is_some_and(|m| jaxr_dialect::rule_call_mnemonics().contains(&m))
        }) {
            called.extend(crate::rule_calls::named_functions(op));
        }
    }
    for f in d.created.clone() {
        if d.is_private(f) && !called.contains(&symbol_name(f)) {
            ir::erase(f);
        }
    }
    Ok(())
}

const VMAP_OPTIONS: &[OptionSpec] = &[
    OptionSpec { name: "of", kind: OptionKind::Str, default: "", help: "functions (comma-separated) to add @<f>_vmap for" },
    OptionSpec {
        name: "in-axes",
        kind: OptionKind::Str,
        default: "0",
        help: "per argument, the batch dimension of the new argument or none (comma-separated); one entry applies to all",
    },
    OptionSpec {
        name: "out-axes",
        kind: OptionKind::Str,
        default: "0",
        help: "per result, where the batch dimension goes, or none; one entry applies to all",
    },
    OptionSpec { name: "size", kind: OptionKind::Int, default: "0", help: "the batch size (required with of=)" },
    OptionSpec {
        name: "simplify",
        kind: OptionKind::Bool,
        default: "true",
        help: "simplify batched functions with the e-graph (exact laws only)",
    },
];

/// `jaxr-vmap`.
pub const VMAP: PassDef = PassDef {
    name: "jaxr-vmap",
    summary: "Expand jaxr.vmap (and the other transformation ops) and batch the requested functions",
    options: VMAP_OPTIONS,
    run: run_vmap,
};

/// Axes from an option: integers or `none` (-1); one entry repeats.
fn axes(option: &str, text: &str, count: usize) -> Result<Vec<i64>, String> {
    let parsed: Vec<i64> = text
        .split(',')
        .map(str::trim)
        .map(|a| {
            if a == "none" {
                Ok(-1)
            } else {
                a.parse::<i64>()
                    .ok()
                    .filter(|v| *v >= 0)
                    .ok_or_else(|| format!("{option}: '{a}' is not an axis or none"))
            }
        })
        .collect::<Result<_, _>>()?;
    match parsed.len() {
        1 => Ok(vec![parsed[0]; count]),
        n if n == count => Ok(parsed),
        n => Err(format!("{option} has {n} entries, the function needs {count}")),
    }
}

fn run_vmap_on_module(context: &Context, module: MlirOperation, options: &PassOptions) -> Result<(), Diag> {
    let mut d = Deriver::new(context, module);
    let body = ir::first_block(ir::regions(module)[0]);
    for f in ir::ops_of(body) {
        if ir::name_of(f) == "func.func" {
            expand_transform_ops_in(&mut d, f)?;
        }
    }
    for f in names(options, "of") {
        let anchor = ir::ops_of(body).into_iter().next().unwrap_or(module);
        let func = lookup_function(anchor, &f)
            .ok_or_else(|| Diag::at_op(module, format!("jaxr-vmap: of={f}: no func.func named '@{f}'")))?;
        let (inputs, results) =
            jaxr_dialect::transform::function_signature(func).map_err(|m| Diag::at_op(func, m))?;
        let fail = |m: String| Diag::at_op(func, format!("jaxr-vmap: of={f}: {m}"));
        let in_axes = axes("in-axes", options.string("in-axes"), inputs.len()).map_err(fail)?;
        let out_axes = axes("out-axes", options.string("out-axes"), results.len()).map_err(fail)?;
        if !options.is_set("size") {
            return Err(fail("the batch size is required: size=N".into()));
        }
        let size = options.int("size").unwrap_or(0);
        if size <= 0 {
            return Err(fail(format!("size={size} is invalid: the batch size must be a positive integer")));
        }
        let name = format!("{f}_vmap");
        if lookup_function(anchor, &name).is_some() {
            return Err(fail(format!("the module already has '@{name}'")));
        }
        crate::vmap::build_vmap(&mut d, func, &in_axes, &out_axes, size, &name).map_err(|e| Diag {
            message: format!("jaxr-vmap: of={f}: {}", e.message.trim_start_matches("jaxr-vmap: ")),
            ..e
        })?;
    }
    finish(&d, body, options.bool("simplify"))
}

fn run_vmap(module: &mut OperationRefMut, options: &PassOptions) -> Result<(), Diag> {
    let context_ref = module.context();
    // SAFETY: the context outlives the pass run.
    let context: &Context = unsafe { context_ref.to_ref() };
    run_vmap_on_module(context, module.to_raw(), options)
}

fn run_pass(module: &mut OperationRefMut, options: &PassOptions) -> Result<(), Diag> {
    let context_ref = module.context();
    // SAFETY: the context outlives the pass run.
    let context: &Context = unsafe { context_ref.to_ref() };
    run_on_module(context, module.to_raw(), options)
}
