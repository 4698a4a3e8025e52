//! The sweeps at a call that carries its own differentiation rule:
//! `jaxr.checkpoint`, `jaxr.custom_jvp`, `jaxr.custom_vjp`
//! (`jaxr_dialect::call_rules`).
//!
//! - **checkpoint**, reverse mode: the forward pass keeps the arguments and
//!   what the policy saves; the reverse pass recomputes the rest from them,
//!   behind an `optimization_barrier` so that no later pass (jaxr-simplify,
//!   cse, XLA) merges the recomputation back into the forward pass (JAX's
//!   `prevent_cse`). Saved values (`dots_saveable`: dot_general and
//!   convolution results) are returned by the forward call and replace the
//!   recomputed ones; the reverse pass still differentiates through their
//!   ops, whose rules read only their operands. Forward mode is a plain
//!   call's.
//! - **custom_jvp**: forward mode calls the rule; reverse mode calls the
//!   rule's VJP in its tangents (the transpose of a linear map), at zero
//!   tangents.
//! - **custom_vjp**: reverse mode calls `fwd` in the forward pass and `bwd`
//!   with its residuals; forward mode is refused, as in JAX.
//!
//! Outside a derivative, the cleanup and lowering treat each one as a call
//! of its callee ([`to_plain_calls`]).

use std::collections::{HashMap, HashSet};

use jaxr_dialect::call_rules::{rule_call_of, CallRule, Policy};
use jaxr_dialect::decode::decode_raw;
use jaxr_dialect::raw::string_ref;
use jaxr_dialect::transform::function_signature;
use jaxr_dialect::{Primitive, Transform};
use mlir_sys::*;

use crate::emit::{key, type_of, Emitter};
use crate::function::{function_type_attr, Deriver};
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, derivative_or_zeros, Derivs};

/// The discardable attribute that marks, in a checkpoint's body and its VJP
/// function, the ops whose results the policy saves. The functions that
/// keep it are private and called by nothing: the pass erases them.
const SAVED: &str = "jaxr.checkpoint_saved";

/// The discardable attribute that marks a call with a rule that a reverse
/// sweep has differentiated: what is left of it is its primal value.
const SPENT: &str = "jaxr.rule_spent";

fn rule_of(op: MlirOperation) -> Result<(String, CallRule), Diag> {
    rule_call_of(op).map_err(|m| Diag::at_op(op, m))
}

/// Whether `policy` saves the results of `op`.
fn saves(policy: Policy, op: MlirOperation) -> bool {
    let Ok(decoded) = decode_raw(op) else { return false };
    match (&decoded.primitive, policy) {
        (Primitive::DotGeneral { .. } | Primitive::ConvGeneralDilated { .. }, Policy::DotsSaveable) => true,
        (Primitive::DotGeneral { dims, .. }, Policy::DotsWithNoBatchDims) => {
            dims.lhs_batch.is_empty() && dims.rhs_batch.is_empty()
        }
        _ => false,
    }
}

/// Forward mode at a call with a rule.
pub fn jvp(d: &mut Deriver, em: &mut Emitter, op: MlirOperation, tangents: &mut Derivs) -> Result<(), Diag> {
    let (callee, rule) = rule_of(op)?;
    match rule {
        CallRule::Checkpoint(_) => crate::sweep::call_jvp(d, em, op, &callee, tangents),
        CallRule::CustomJvp { jvp } => custom_jvp_jvp(em, op, &jvp, tangents),
        CallRule::CustomVjp { .. } => Err(Diag::at_op(
            op,
            format!(
                "cannot use forward mode (jvp) through jaxr.custom_vjp of '@{callee}': \
                 it defines reverse mode only (JAX refuses this too); give a jaxr.custom_jvp rule instead"
            ),
        )),
    }
}

/// Reverse mode at a call with a rule.
pub fn vjp(
    d: &mut Deriver,
    em: &mut Emitter,
    op: MlirOperation,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let (callee, rule) = rule_of(op)?;
    match rule {
        CallRule::Checkpoint(Policy::EverythingSaveable) => {
            crate::sweep::call_vjp(d, em, op, &callee, active, cts)
        }
        CallRule::Checkpoint(policy) => checkpoint_vjp(d, em, op, &callee, policy, active, cts),
        CallRule::CustomJvp { jvp } => custom_jvp_vjp(d, em, op, &jvp, active, cts),
        CallRule::CustomVjp { fwd, bwd } => custom_vjp_vjp(em, op, &fwd, &bwd, active, cts),
    }?;
    // Its rule is spent: the cleanup may inline it as a plain call.
    // SAFETY: a live op; MLIR copies the name.
    unsafe { mlirOperationSetAttributeByName(op, string_ref(SPENT), mlirUnitAttrGet(d.context.to_raw())) };
    Ok(())
}

fn active_argnums(op: MlirOperation, active: &HashSet<usize>) -> Vec<i64> {
    ir::operands(op)
        .iter()
        .enumerate()
        .filter(|(_, v)| active.contains(&key(**v)))
        .map(|(i, _)| i as i64)
        .collect()
}

/// Inserts `call @name(args)` before `op` (in the forward pass) and moves
/// the uses of `op`'s results to the call's first results.
fn call_in_place_of(
    em: &Emitter,
    op: MlirOperation,
    name: &str,
    args: &[MlirValue],
) -> Result<Vec<MlirValue>, Diag> {
    let func = jaxr_dialect::transform::lookup_function(op, name)
        .ok_or_else(|| Diag::at_op(op, format!("'@{name}' does not name a func.func in this module")))?;
    let (_, results) = function_signature(func).map_err(|m| Diag::at_op(op, m))?;
    let call = ir::call(em.context(), ir::location_of(op), name, args, &results);
    // SAFETY: inserting a detached op before a live one in the same block.
    unsafe { mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(op), op, call) };
    let new = ir::results(call);
    for (old, n) in ir::results(op).iter().zip(&new) {
        ir::replace_uses(*old, *n);
    }
    // The old op is dead now; the cleanup erases it (erasing it during the
    // sweep could let a new value reuse a key of the maps).
    Ok(new)
}

fn checkpoint_vjp(
    d: &mut Deriver,
    em: &mut Emitter,
    op: MlirOperation,
    callee: &str,
    policy: Policy,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let argnums = active_argnums(op, active);
    if argnums.is_empty() {
        return Ok(());
    }
    let args = ir::operands(op);
    let body = checkpoint_body(d, callee, policy, op)?;
    // Forward pass: the callee, returning what the policy saves too.
    let saved = match &body.with_saved {
        Some(name) => call_in_place_of(em, op, name, &args)?.split_off(ir::results(op).len()),
        None => Vec::new(),
    };
    // Reverse pass: the recomputation starts from fenced copies.
    let fenced = em
        .op_multi(&Primitive::OptimizationBarrier, &[args.clone(), saved.clone()].concat())
        .map_err(|m| Diag::at_op(op, m))?;
    let vjp = d.derived(&body.name, Transform::Vjp, &argnums, Default::default(), op)?;
    let vjp = if saved.is_empty() { vjp } else { reading_saved(d, &vjp, op)? };
    let mut call_args = fenced[..args.len()].to_vec();
    for r in ir::results(op) {
        call_args.push(derivative_or_zeros(em, cts, r).map_err(|m| Diag::at_op(op, m))?);
    }
    call_args.extend_from_slice(&fenced[args.len()..]);
    crate::sweep::call_accumulating(em, cts, op, &vjp, &call_args, &argnums)
}

/// The functions built for checkpoints, built once per module.
#[derive(Default)]
pub struct CheckpointFunctions {
    /// (callee, policy) -> the callee prepared for the policy.
    bodies: HashMap<(String, Policy), CheckpointBody>,
    /// A VJP function of a body -> its copy that reads the saved values.
    readers: HashMap<String, String>,
}

/// A checkpointed callee prepared for a policy.
#[derive(Clone)]
struct CheckpointBody {
    /// The callee as plain code (calls inlined), its saved ops marked.
    name: String,
    /// The same returning the saved values after its results, when the
    /// policy saves any.
    with_saved: Option<String>,
}

fn checkpoint_body(
    d: &mut Deriver,
    callee: &str,
    policy: Policy,
    at: MlirOperation,
) -> Result<CheckpointBody, Diag> {
    if let Some(b) = d.checkpoints.bodies.get(&(callee.to_string(), policy)) {
        return Ok(b.clone());
    }
    let func = d
        .function(callee)
        .ok_or_else(|| Diag::at_op(at, format!("'@{callee}' does not name a func.func in this module")))?;
    let copy = d.prepared_copy(func)?;
    let block = ir::first_block(ir::regions(copy)[0]);
    let mut marked = 0;
    for o in ir::ops_of(block) {
        if saves(policy, o) {
            // SAFETY: a live op of the copy; MLIR copies the name.
            unsafe {
                mlirOperationSetAttributeByName(o, string_ref(SAVED), mlirUnitAttrGet(d.context.to_raw()))
            };
            marked += 1;
        }
    }
    let name = d.add_private(func, copy, &format!("{callee}_checkpoint"));
    let with_saved = if marked > 0 {
        // SAFETY: cloning a live function.
        let clone = unsafe { mlirOperationClone(copy) };
        let block = ir::first_block(ir::regions(clone)[0]);
        let ops = ir::ops_of(block);
        let ret = *ops.last().ok_or_else(|| Diag::at_op(func, "empty function body"))?;
        let saved: Vec<MlirValue> =
            ops.iter().filter(|o| is_marked(**o)).map(|o| ir::results(*o)[0]).collect();
        for o in &ops {
            unmark(*o);
        }
        let mut outs = ir::operands(ret);
        outs.extend(&saved);
        ir::set_operands(ret, &outs);
        let (inputs, _) = function_signature(copy).map_err(|m| Diag::at_op(func, m))?;
        let results = ir::types_of(&outs).map_err(|m| Diag::at_op(func, m))?;
        crate::function::set_attr(clone, "function_type", function_type_attr(d.context, &inputs, &results));
        Some(d.add_private(copy, clone, &format!("{callee}_checkpoint_saving")))
    } else {
        None
    };
    let b = CheckpointBody { name, with_saved };
    d.checkpoints.bodies.insert((callee.to_string(), policy), b.clone());
    Ok(b)
}

fn is_marked(op: MlirOperation) -> bool {
    // SAFETY: an attribute lookup on a live op.
    unsafe { !mlirOperationGetAttributeByName(op, string_ref(SAVED)).ptr.is_null() }
}

fn unmark(op: MlirOperation) {
    // SAFETY: a live op; removing an absent attribute is a no-op.
    unsafe {
        mlirOperationRemoveAttributeByName(op, string_ref(SAVED));
    }
}

/// A copy of the VJP function `vjp` of a checkpoint body that takes the
/// saved values as extra arguments (after the cotangents) and reads them
/// instead of the marked ops' results, which its forward part recomputed.
fn reading_saved(d: &mut Deriver, vjp: &str, at: MlirOperation) -> Result<String, Diag> {
    if let Some(name) = d.checkpoints.readers.get(vjp) {
        return Ok(name.clone());
    }
    let func = d.function(vjp).ok_or_else(|| Diag::at_op(at, format!("no function '@{vjp}'")))?;
    // SAFETY: cloning a live function.
    let clone = unsafe { mlirOperationClone(func) };
    let block = ir::first_block(ir::regions(clone)[0]);
    let loc = ir::location_of(func);
    for o in ir::ops_of(block) {
        if is_marked(o) {
            let r = ir::results(o)[0];
            let t = type_of(r).map_err(|m| Diag::at_op(at, m))?;
            let arg = ir::add_block_arg(d.context, block, &t, loc);
            ir::replace_uses(r, arg);
        }
        unmark(o);
    }
    let inputs = ir::types_of(&ir::block_args(block)).map_err(|m| Diag::at_op(at, m))?;
    let (_, results) = function_signature(func).map_err(|m| Diag::at_op(at, m))?;
    crate::function::set_attr(clone, "function_type", function_type_attr(d.context, &inputs, &results));
    let name = d.add_private(func, clone, &format!("{vjp}_saved"));
    d.checkpoints.readers.insert(vjp.to_string(), name.clone());
    Ok(name)
}

fn custom_jvp_jvp(
    em: &mut Emitter,
    op: MlirOperation,
    rule: &str,
    tangents: &mut Derivs,
) -> Result<(), Diag> {
    let args = ir::operands(op);
    let mut call_args = args.clone();
    for a in &args {
        call_args.push(derivative_or_zeros(em, tangents, *a).map_err(|m| Diag::at_op(op, m))?);
    }
    let old = ir::results(op);
    let types = ir::types_of(&old).map_err(|m| Diag::at_op(op, m))?;
    let types: Vec<_> = types.iter().chain(&types).cloned().collect();
    let call = ir::call(em.context(), ir::location_of(op), rule, &call_args, &types);
    em.insert(call);
    let new = ir::results(call);
    for (k, r) in old.iter().enumerate() {
        ir::replace_uses(*r, new[k]);
        if types[k].elem.is_inexact() {
            tangents.insert(key(new[k]), new[old.len() + k]);
        }
    }
    Ok(())
}

/// The rule's tangent outputs are linear in its tangent inputs: their VJP
/// in the tangents (at zero tangents, zero cotangents for the primal
/// outputs) is the transpose, the reverse-mode derivative.
fn custom_jvp_vjp(
    d: &mut Deriver,
    em: &mut Emitter,
    op: MlirOperation,
    rule: &str,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let argnums = active_argnums(op, active);
    if argnums.is_empty() {
        return Ok(());
    }
    let args = ir::operands(op);
    let results = ir::results(op);
    let tangent_nums: Vec<i64> = argnums.iter().map(|a| a + args.len() as i64).collect();
    let name = d.derived(rule, Transform::Vjp, &tangent_nums, Default::default(), op)?;
    let err = |m: String| Diag::at_op(op, m);
    let mut call_args = args.clone();
    for a in &args {
        call_args.push(em.zeros(&type_of(*a).map_err(err)?).map_err(err)?);
    }
    for r in &results {
        call_args.push(em.zeros(&type_of(*r).map_err(err)?).map_err(err)?);
    }
    for r in &results {
        call_args.push(derivative_or_zeros(em, cts, *r).map_err(err)?);
    }
    crate::sweep::call_accumulating(em, cts, op, &name, &call_args, &argnums)
}

fn custom_vjp_vjp(
    em: &mut Emitter,
    op: MlirOperation,
    fwd: &str,
    bwd: &str,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let argnums = active_argnums(op, active);
    if argnums.is_empty() {
        return Ok(());
    }
    let args = ir::operands(op);
    let results = ir::results(op);
    let err = |m: String| Diag::at_op(op, m);
    // Forward pass: `fwd` computes the results and the residuals.
    let residuals = call_in_place_of(em, op, fwd, &args)?.split_off(results.len());
    let mut call_args = residuals;
    for r in &results {
        call_args.push(derivative_or_zeros(em, cts, *r).map_err(err)?);
    }
    let types = ir::types_of(&args).map_err(err)?;
    let call = ir::call(em.context(), em.location(), bwd, &call_args, &types);
    em.insert(call);
    for &a in &argnums {
        accumulate(em, cts, args[a as usize], ir::results(call)[a as usize]).map_err(err)?;
    }
    Ok(())
}

/// Replaces each call with a rule nested in `func` whose rule a reverse
/// sweep has used by a `func.call` of its callee (what it computes), so that
/// the cleanup inlines it. The others keep their rule for later
/// transformations (a JVP function differentiated again, a batched function).
pub fn to_plain_calls(d: &Deriver, func: MlirOperation) -> Result<(), Diag> {
    let ops = ir::nested_ops(func, &|n| {
        n.strip_prefix("jaxr.").is_some_and(|m| jaxr_dialect::rule_call_mnemonics().contains(&m))
    });
    // SAFETY: attribute lookups on live ops.
    let spent =
        |op: MlirOperation| unsafe { !mlirOperationGetAttributeByName(op, string_ref(SPENT)).ptr.is_null() };
    for op in ops.into_iter().filter(|o| spent(*o)) {
        let (callee, _) = rule_of(op)?;
        let types = ir::types_of(&ir::results(op)).map_err(|m| Diag::at_op(op, m))?;
        let call = ir::call(d.context, ir::location_of(op), &callee, &ir::operands(op), &types);
        // SAFETY: inserting a detached op before a live one.
        unsafe { mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(op), op, call) };
        for (old, new) in ir::results(op).iter().zip(ir::results(call)) {
            ir::replace_uses(*old, new);
        }
        ir::erase(op);
    }
    Ok(())
}

/// What jaxr-vmap must derive for a call with a rule it batched: per
/// function attribute, the function and its in and out axes.
pub type BatchedFunctions = Vec<(&'static str, String, Vec<i64>, Vec<i64>)>;

/// The functions a batched call with a rule names, every argument and
/// result batched at 0 except a checkpoint's unbatched arguments.
pub fn functions_to_batch(op: MlirOperation, batched: &[bool]) -> Result<BatchedFunctions, String> {
    let (callee, rule) = rule_call_of(op)?;
    let n = batched.len();
    let m = ir::results(op).len();
    let all = |k: usize| vec![0i64; k];
    Ok(match rule {
        CallRule::Checkpoint(_) => {
            let in_axes = batched.iter().map(|b| if *b { 0 } else { -1 }).collect();
            vec![("callee", callee, in_axes, all(m))]
        }
        CallRule::CustomJvp { jvp } => {
            vec![("callee", callee, all(n), all(m)), ("jvp", jvp, all(2 * n), all(2 * m))]
        }
        CallRule::CustomVjp { fwd, bwd } => {
            let fwd_results = signature_len(op, &fwd, false)?;
            let bwd_args = signature_len(op, &bwd, true)?;
            vec![
                ("callee", callee, all(n), all(m)),
                ("fwd", fwd, all(n), all(fwd_results)),
                ("bwd", bwd, all(bwd_args), all(n)),
            ]
        }
    })
}

fn signature_len(op: MlirOperation, name: &str, inputs: bool) -> Result<usize, String> {
    let func = jaxr_dialect::transform::lookup_function(op, name)
        .ok_or_else(|| format!("'@{name}' does not name a func.func in this module"))?;
    let (i, r) = function_signature(func)?;
    Ok(if inputs { i.len() } else { r.len() })
}

/// Names the batched functions in a batched call with a rule.
pub fn set_functions(d: &Deriver, op: MlirOperation, names: &[(&'static str, String)]) {
    for (attr, name) in names {
        crate::function::set_attr(op, attr, ir::symbol_ref(d.context, name));
    }
}

/// The functions a call with a rule names (its callee and its rule's).
pub fn named_functions(op: MlirOperation) -> Vec<String> {
    match rule_call_of(op) {
        Ok((callee, CallRule::Checkpoint(_))) => vec![callee],
        Ok((callee, CallRule::CustomJvp { jvp })) => vec![callee, jvp],
        Ok((callee, CallRule::CustomVjp { fwd, bwd })) => vec![callee, fwd, bwd],
        Err(_) => Vec::new(),
    }
}
