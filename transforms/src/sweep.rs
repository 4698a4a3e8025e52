//! The two sweeps over a block: forward mode pushes tangents through the
//! ops in order; reverse mode walks them backwards, applies each op's VJP
//! to its result's cotangent and accumulates (adds) cotangents where a value
//! has several uses. Which values carry derivatives is decided by activity:
//! a floating-point value is active when it depends on a differentiated input.

use std::collections::{HashMap, HashSet};

use jaxr_dialect::decode::decode_raw;
use jaxr_dialect::Transform;

use crate::emit::{is_inexact, key, type_of, Emitter};
use crate::function::Deriver;
use crate::ir::{self, Diag};
use crate::rules::{lookup, sum_terms, Derivative, Site};
use crate::term::{instantiate, Term};
use crate::{barrier, control, permutation};

/// Value -> its tangent or cotangent.
pub type Derivs = HashMap<usize, mlir_sys::MlirValue>;

/// Marks the floating-point results of `ops` that depend on `active` values.
pub fn activity(ops: &[mlir_sys::MlirOperation], active: &mut HashSet<usize>) {
    activity_except(ops, active, &HashSet::new());
}

/// [`activity`], with the values in `stopped` held constant (never active).
pub fn activity_except(
    ops: &[mlir_sys::MlirOperation],
    active: &mut HashSet<usize>,
    stopped: &HashSet<usize>,
) {
    for &op in ops {
        if ir::inputs_of(op).iter().any(|v| active.contains(&key(*v))) {
            for r in ir::results(op) {
                if is_inexact(r) && !stopped.contains(&key(r)) {
                    active.insert(key(r));
                }
            }
        }
    }
}

/// Adds `v` to the cotangent of `of`.
pub fn accumulate(
    em: &mut Emitter,
    cts: &mut Derivs,
    of: mlir_sys::MlirValue,
    v: mlir_sys::MlirValue,
) -> Result<(), String> {
    let sum = match cts.get(&key(of)) {
        Some(old) => em.add(*old, v)?,
        None => v,
    };
    cts.insert(key(of), sum);
    Ok(())
}

/// The tangent or cotangent of `v` in `derivs`, or zeros of its type.
pub fn derivative_or_zeros(
    em: &mut Emitter,
    cts: &Derivs,
    v: mlir_sys::MlirValue,
) -> Result<mlir_sys::MlirValue, String> {
    match cts.get(&key(v)) {
        Some(c) => Ok(*c),
        None => em.zeros(&type_of(v)?),
    }
}

fn bind<'a>(site: &'a Site<'a>, var: &'static str, value: Term) -> impl Fn(&str) -> Option<Term> + 'a {
    move |name: &str| {
        if name == var {
            return Some(value.clone());
        }
        if name == "?y" {
            return Some(Term::Val(site.result));
        }
        let i: usize = name.strip_prefix("?x")?.parse().ok()?;
        site.operands.get(i).map(|v| Term::Val(*v))
    }
}

fn check_type(v: mlir_sys::MlirValue, want: &jaxr_dialect::TensorType, what: &str) -> Result<(), String> {
    let got = type_of(v)?;
    if &got != want {
        return Err(format!("internal error: the {what} rule built {got}, expected {want}"));
    }
    Ok(())
}

fn primitive_jvp(em: &mut Emitter, op: mlir_sys::MlirOperation, tangents: &mut Derivs) -> Result<(), String> {
    let decoded = decode_raw(op)?;
    let result = ir::results(op)[0];
    let result_type = &decoded.results[0];
    if !result_type.elem.is_inexact() {
        return Ok(());
    }
    let mnemonic = decoded.primitive.mnemonic();
    let rule = lookup(mnemonic).ok_or_else(|| format!("no derivative rule for jaxr.{mnemonic}"))?;
    let operands = ir::operands(op);
    let site = Site {
        prim: &decoded.primitive,
        operands: &operands,
        operand_types: &decoded.operands,
        result,
        result_type,
    };
    let ts: Vec<Option<Term>> =
        operands.iter().map(|v| tangents.get(&key(*v)).map(|t| Term::Val(*t))).collect();
    let term = match &rule.derivative {
        Derivative::Elementwise(table) => {
            let mut parts = Vec::new();
            for (i, t) in ts.iter().enumerate() {
                if let (Some(t), Some(Some((jvp, _)))) = (t, table.get(i)) {
                    parts.push(instantiate(jvp, &bind(&site, "?t", t.clone()))?);
                }
            }
            sum_terms(parts)
        }
        Derivative::Computed { jvp, .. } => Some(jvp(&site, &ts)?),
        Derivative::Zero(_) => None,
        Derivative::Structured(_) => return Err(format!("jaxr.{mnemonic} is not a primitive")),
    };
    if let Some(term) = term {
        let v = em.term_typed(&term, Some(result_type))?;
        check_type(v, result_type, &format!("jvp of jaxr.{mnemonic}"))?;
        tangents.insert(key(result), v);
    }
    Ok(())
}

fn primitive_vjp(
    em: &mut Emitter,
    op: mlir_sys::MlirOperation,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), String> {
    let result = ir::results(op)[0];
    let Some(&g) = cts.get(&key(result)) else { return Ok(()) };
    let decoded = decode_raw(op)?;
    let mnemonic = decoded.primitive.mnemonic();
    let rule = lookup(mnemonic).ok_or_else(|| format!("no derivative rule for jaxr.{mnemonic}"))?;
    let operands = ir::operands(op);
    let site = Site {
        prim: &decoded.primitive,
        operands: &operands,
        operand_types: &decoded.operands,
        result,
        result_type: &decoded.results[0],
    };
    for (i, x) in operands.iter().enumerate() {
        if !active.contains(&key(*x)) {
            continue;
        }
        let term = match &rule.derivative {
            Derivative::Elementwise(table) => match table.get(i) {
                Some(Some((_, vjp))) => Some(instantiate(vjp, &bind(&site, "?g", Term::Val(g)))?),
                _ => None,
            },
            Derivative::Computed { vjp, .. } => vjp(&site, i, Term::Val(g))?,
            Derivative::Zero(_) => None,
            Derivative::Structured(_) => return Err(format!("jaxr.{mnemonic} is not a primitive")),
        };
        if let Some(term) = term {
            let v = em.term_typed(&term, Some(&decoded.operands[i]))?;
            check_type(v, &decoded.operands[i], &format!("vjp of jaxr.{mnemonic}"))?;
            accumulate(em, cts, *x, v)?;
        }
    }
    Ok(())
}

fn unsupported(op: mlir_sys::MlirOperation, name: &str) -> String {
    if !(name.starts_with("stablehlo.") || name.starts_with("chlo.")) {
        return format!("cannot differentiate '{name}'");
    }
    if jaxr_dialect::op_table::jaxr_op_for(name).is_some() {
        return format!(
            "cannot differentiate '{name}': raise StableHLO to jaxr first (convert-stablehlo-to-jaxr)"
        );
    }
    let target = jaxr_dialect::raw::attribute(op, "call_target_name")
        .and_then(jaxr_dialect::raw::string)
        .map(|t| format!(" @{t}"))
        .unwrap_or_default();
    format!("cannot differentiate '{name}'{target}: no jaxr op computes it, so jaxr has no derivative rule for it")
}

/// Forward mode over `ops` (a block's ops without its terminator): each
/// tangent is built right after its op, so ops replaced on the way (calls,
/// loops) can hand their results over to the ops that follow.
pub fn forward(
    d: &mut Deriver,
    em: &mut Emitter,
    ops: &[mlir_sys::MlirOperation],
    tangents: &mut Derivs,
) -> Result<(), Diag> {
    for &op in ops {
        if !ir::inputs_of(op).iter().any(|v| tangents.contains_key(&key(*v))) {
            continue;
        }
        // Constants to the sweeps get no tangent.
        let results = ir::results(op);
        if !results.is_empty() && results.iter().all(|r| d.stopped.contains(&key(*r))) {
            continue;
        }
        // SAFETY: a live op; its successor is the insertion point.
        let next = unsafe { mlir_sys::mlirOperationGetNextInBlock(op) };
        em.set_anchor(next);
        em.set_location(ir::location_of(op));
        let name = ir::name_of(op);
        let outcome = match name.as_str() {
            "func.call" => match ir::callee_of(op) {
                Some(callee) => call_jvp(d, em, op, &callee, tangents),
                None => Err(Diag::at_op(op, "func.call without a callee")),
            },
            "jaxr.checkpoint" | "jaxr.custom_jvp" | "jaxr.custom_vjp" => {
                crate::rule_calls::jvp(d, em, op, tangents)
            }
            "jaxr.cond" => control::cond_jvp(d, em, op, tangents),
            "jaxr.while" => control::while_jvp(d, em, op, tangents),
            "jaxr.sort" | "jaxr.top_k" => permutation::jvp(em, op, tangents),
            "jaxr.optimization_barrier" => barrier::jvp(em, op, tangents),
            n if n.starts_with("jaxr.") && ir::regions(op).is_empty() && ir::results(op).len() == 1 => {
                primitive_jvp(em, op, tangents).map_err(|m| Diag::at_op(op, m))
            }
            _ if crate::sharding_constraint::is_constraint(op) => {
                crate::sharding_constraint::jvp(em, op, tangents)
            }
            "sdy.manual_computation" => crate::manual::jvp(d, em, op, tangents),
            _ if crate::gspmd_manual::is_manual_boundary(op) => crate::gspmd_manual::jvp(em, op, tangents),
            // Groups values for the partitioner; no result, no tangent.
            "sdy.sharding_group" => Ok(()),
            n if crate::collectives::is_collective(n) => {
                crate::collectives::jvp(em, &mut d.channels, op, tangents)
            }
            n => Err(Diag::at_op(op, unsupported(op, n))),
        };
        outcome?;
    }
    Ok(())
}

/// Reverse mode over `ops` (without the terminator), emitting before the
/// emitter's anchor; `cts` holds the seeds and receives the cotangents.
pub fn reverse(
    d: &mut Deriver,
    em: &mut Emitter,
    ops: &[mlir_sys::MlirOperation],
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    for &op in ops.iter().rev() {
        if !ir::results(op).iter().any(|r| cts.contains_key(&key(*r))) {
            continue;
        }
        if !ir::inputs_of(op).iter().any(|v| active.contains(&key(*v))) {
            continue;
        }
        em.set_location(ir::location_of(op));
        // In a shard_map body, this op's contributions are set apart to be
        // summed over the axes their operands do not vary over.
        let earlier = if d.manual.is_some() { set_apart(op, cts) } else { Vec::new() };
        let name = ir::name_of(op);
        let outcome = match name.as_str() {
            "func.call" => match ir::callee_of(op) {
                Some(callee) => call_vjp(d, em, op, &callee, active, cts),
                None => Err(Diag::at_op(op, "func.call without a callee")),
            },
            "jaxr.checkpoint" | "jaxr.custom_jvp" | "jaxr.custom_vjp" => {
                crate::rule_calls::vjp(d, em, op, active, cts)
            }
            "jaxr.cond" => control::cond_vjp(d, em, op, active, cts),
            "jaxr.while" => crate::loop_reverse::while_vjp(d, em, op, active, cts),
            "jaxr.sort" | "jaxr.top_k" => permutation::vjp(em, op, active, cts),
            "jaxr.optimization_barrier" => barrier::vjp(em, op, active, cts),
            n if n.starts_with("jaxr.") && ir::regions(op).is_empty() && ir::results(op).len() == 1 => {
                primitive_vjp(em, op, active, cts).map_err(|m| Diag::at_op(op, m))
            }
            _ if crate::sharding_constraint::is_constraint(op) => {
                crate::sharding_constraint::vjp(em, op, active, cts)
            }
            "sdy.manual_computation" => crate::manual::vjp(d, em, op, active, cts),
            _ if crate::gspmd_manual::is_manual_boundary(op) => crate::gspmd_manual::vjp(em, op, cts),
            n if crate::collectives::is_collective(n) => match d.manual {
                Some(_) => crate::collectives::vjp(em, &mut d.channels, op, active, cts),
                // Its transpose depends on what its values vary over, which
                // only a shard_map region says.
                None => Err(Diag::at_op(
                    op,
                    format!(
                        "cannot differentiate '{n}' in reverse mode outside a shard_map region \
                         (sdy.manual_computation): what its operand varies over is unknown"
                    ),
                )),
            },
            n => Err(Diag::at_op(op, unsupported(op, n))),
        };
        outcome?;
        if let Some(scope) = &d.manual {
            settle(scope, &mut d.channels, em, op, earlier, cts).map_err(|m| Diag::at_op(op, m))?;
        }
    }
    Ok(())
}

/// Takes the cotangents of `op`'s inputs out of `cts` (so that what `op`
/// adds to them can be told apart), with the inputs in order.
fn set_apart(
    op: mlir_sys::MlirOperation,
    cts: &mut Derivs,
) -> Vec<(mlir_sys::MlirValue, Option<mlir_sys::MlirValue>)> {
    let mut seen = HashSet::new();
    ir::inputs_of(op).into_iter().filter(|v| seen.insert(key(*v))).map(|v| (v, cts.remove(&key(v)))).collect()
}

/// Adds to each input's earlier cotangent what `op` gave it, summed over
/// the axes `op` used the input as varying over and the input does not
/// vary over (the transpose of JAX's implicit pvary).
fn settle(
    scope: &crate::collectives::ManualScope,
    channels: &mut crate::collectives::Channels,
    em: &mut Emitter,
    op: mlir_sys::MlirOperation,
    earlier: Vec<(mlir_sys::MlirValue, Option<mlir_sys::MlirValue>)>,
    cts: &mut Derivs,
) -> Result<(), String> {
    for (v, before) in earlier {
        let added = match cts.remove(&key(v)) {
            Some(c) => Some(scope.settle(em, channels, op, v, c)?),
            None => None,
        };
        let total = match (before, added) {
            (Some(b), Some(a)) => Some(em.add(b, a)?),
            (b, a) => b.or(a),
        };
        if let Some(t) = total {
            cts.insert(key(v), t);
        }
    }
    Ok(())
}

/// A call of `callee` in forward mode: the callee's JVP function, called in
/// its place.
pub(crate) fn call_jvp(
    d: &mut Deriver,
    em: &mut Emitter,
    op: mlir_sys::MlirOperation,
    callee: &str,
    tangents: &mut Derivs,
) -> Result<(), Diag> {
    let args = ir::operands(op);
    let argnums: Vec<i64> = args
        .iter()
        .enumerate()
        .filter(|(_, v)| tangents.contains_key(&key(**v)) && is_inexact(**v))
        .map(|(i, _)| i as i64)
        .collect();
    if argnums.is_empty() {
        return Ok(());
    }
    let name = d.derived(callee, Transform::Jvp, &argnums, Default::default(), op)?;
    let old = ir::results(op);
    let result_types = ir::types_of(&old).map_err(|m| Diag::at_op(op, m))?;
    let mut call_args = args.clone();
    call_args.extend(argnums.iter().map(|&a| tangents[&key(args[a as usize])]));
    let types: Vec<_> = result_types.iter().chain(&result_types).cloned().collect();
    let new = ir::call(em.context(), ir::location_of(op), &name, &call_args, &types);
    em.insert(new);
    let new_results = ir::results(new);
    for (k, r) in old.iter().enumerate() {
        ir::replace_uses(*r, new_results[k]);
        if result_types[k].elem.is_inexact() {
            tangents.insert(key(new_results[k]), new_results[old.len() + k]);
        }
    }
    // The old call is dead now; the final cleanup erases it (erasing during
    // the sweep could let a new value reuse a key of the maps).
    Ok(())
}

/// A call of `callee` in reverse mode: the callee's VJP function, called
/// with the arguments and the results' cotangents.
pub(crate) fn call_vjp(
    d: &mut Deriver,
    em: &mut Emitter,
    op: mlir_sys::MlirOperation,
    callee: &str,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let args = ir::operands(op);
    let argnums: Vec<i64> =
        args.iter().enumerate().filter(|(_, v)| active.contains(&key(**v))).map(|(i, _)| i as i64).collect();
    if argnums.is_empty() {
        return Ok(());
    }
    // A GSPMD shard_map body: its VJP is built typed by the region's mesh.
    if let Some(typing) = crate::gspmd_manual::manual_call(d, op)? {
        d.manual_functions.insert(callee.to_string(), typing);
    }
    let name = d.derived(callee, Transform::Vjp, &argnums, Default::default(), op)?;
    let mut call_args = args.clone();
    for r in ir::results(op) {
        call_args.push(derivative_or_zeros(em, cts, r).map_err(|m| Diag::at_op(op, m))?);
    }
    call_accumulating(em, cts, op, &name, &call_args, &argnums)
}

/// Calls the VJP function `name` with `call_args` (at the emitter) and adds
/// its results, one per argnum, to the cotangents of `op`'s operands.
pub(crate) fn call_accumulating(
    em: &mut Emitter,
    cts: &mut Derivs,
    op: mlir_sys::MlirOperation,
    name: &str,
    call_args: &[mlir_sys::MlirValue],
    argnums: &[i64],
) -> Result<(), Diag> {
    let args = ir::operands(op);
    let err = |m: String| Diag::at_op(op, m);
    let types: Vec<_> =
        argnums.iter().map(|&a| type_of(args[a as usize])).collect::<Result<_, _>>().map_err(err)?;
    let new = ir::call(em.context(), em.location(), name, call_args, &types);
    em.insert(new);
    for (k, &a) in argnums.iter().enumerate() {
        accumulate(em, cts, args[a as usize], ir::results(new)[k]).map_err(err)?;
    }
    Ok(())
}
