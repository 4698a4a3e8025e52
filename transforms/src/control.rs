//! Control flow: `jaxr.cond` in both modes, `jaxr.while` forward, what
//! reverse mode needs to know about a loop (which carries are active, its
//! static trip count), and the removal of dead carries. Reverse mode through
//! a counted `jaxr.while` is crate::loop_reverse; a data-dependent loop gets
//! JAX's error.

use std::collections::{HashMap, HashSet};

use jaxr_dialect::decode::decode_raw;
use jaxr_dialect::{BinaryOp, ComparisonDirection, Primitive, TensorType};
use mlir_sys::*;

use crate::emit::{is_inexact, key, Emitter};
use crate::function::Deriver;
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, activity, derivative_or_zeros, forward, reverse, Derivs};

/// A detached copy of `op`'s regions in a new op `name` with `operands` and
/// `result_types`.
pub(crate) fn with_regions_of(
    em: &Emitter,
    op: MlirOperation,
    operands: &[MlirValue],
    result_types: &[TensorType],
) -> MlirOperation {
    let context = em.context();
    let copy = ir::clone_with(op, &HashMap::new());
    let types: Vec<MlirType> = result_types.iter().map(|t| ir::mlir_type(context, t)).collect();
    let n = ir::regions(copy).len();
    let new = ir::create_op(context, &ir::name_of(op), ir::location_of(op), operands, &types, &[], n);
    for (to, from) in ir::regions(new).into_iter().zip(ir::regions(copy)) {
        ir::move_region(to, from);
    }
    ir::erase(copy);
    new
}

pub(crate) fn terminator(block: MlirBlock) -> MlirOperation {
    // SAFETY: a live block with a terminator.
    unsafe { mlirBlockGetTerminator(block) }
}

/// Forward mode through `jaxr.cond`: each branch also yields the tangents
/// of the floating-point results.
pub fn cond_jvp(
    d: &mut Deriver,
    em: &mut Emitter,
    op: MlirOperation,
    tangents: &mut Derivs,
) -> Result<(), Diag> {
    let err = |m: String| Diag::at_op(op, m);
    let old = ir::results(op);
    let types = ir::types_of(&old).map_err(err)?;
    let floats: Vec<usize> = (0..old.len()).filter(|&k| types[k].elem.is_inexact()).collect();
    let all_types: Vec<TensorType> =
        types.iter().cloned().chain(floats.iter().map(|&k| types[k].clone())).collect();
    let new = with_regions_of(em, op, &ir::operands(op), &all_types);
    for region in ir::regions(new) {
        let block = ir::first_block(region);
        let ops = ir::ops_of(block);
        let (yield_op, body) = ops.split_last().ok_or_else(|| err("empty branch".into()))?;
        let mut inner = Emitter::new(em.context(), block, *yield_op, ir::location_of(*yield_op));
        let mut local = tangents.clone();
        forward(d, &mut inner, body, &mut local)?;
        inner.set_anchor(*yield_op);
        let mut outs = ir::operands(*yield_op);
        for &k in &floats {
            let y = outs[k];
            outs.push(derivative_or_zeros(&mut inner, &local, y).map_err(err)?);
        }
        ir::set_operands(*yield_op, &outs);
    }
    hand_over(em, new, &old, &floats, tangents);
    Ok(())
}

/// Inserts `new`, the forward-mode copy of an op with results `old` that
/// returns those results and then the tangents of `old[floats]`: uses of
/// `old` move to `new`, and the tangents are recorded.
pub(crate) fn hand_over(
    em: &mut Emitter,
    new: MlirOperation,
    old: &[MlirValue],
    floats: &[usize],
    tangents: &mut Derivs,
) {
    em.insert(new);
    let results = ir::results(new);
    for (k, r) in old.iter().enumerate() {
        ir::replace_uses(*r, results[k]);
    }
    for (i, &k) in floats.iter().enumerate() {
        tangents.insert(key(results[k]), results[old.len() + i]);
    }
}

/// Reverse mode through `jaxr.cond`: a cond on the same index whose
/// branches recompute their values, run the reverse sweep and yield the
/// cotangents of the values they capture.
pub fn cond_vjp(
    d: &mut Deriver,
    em: &mut Emitter,
    op: MlirOperation,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let err = |m: String| Diag::at_op(op, m);
    let targets: Vec<MlirValue> =
        ir::captured(op).into_iter().filter(|v| active.contains(&key(*v))).collect();
    if targets.is_empty() {
        return Ok(());
    }
    let types = ir::types_of(&targets).map_err(err)?;
    let results = ir::results(op);
    let new = with_regions_of(em, op, &ir::operands(op), &types);
    // In a shard_map body, the branches' copies vary over what the originals do.
    if let Some(scope) = d.manual.as_mut() {
        scope.copy_region_typing(op, new);
    }
    for region in ir::regions(new) {
        let block = ir::first_block(region);
        let ops = ir::ops_of(block);
        let (yield_op, body) = ops.split_last().ok_or_else(|| err("empty branch".into()))?;
        let mut inner = Emitter::new(em.context(), block, *yield_op, ir::location_of(*yield_op));
        let mut local = Derivs::new();
        let mut local_active = active.clone();
        activity(body, &mut local_active);
        for (k, y) in ir::operands(*yield_op).iter().enumerate() {
            if let (Some(ct), true) = (cts.get(&key(results[k])), local_active.contains(&key(*y))) {
                let mut seed = *ct;
                // A branch value the same on every device where the result
                // varies (another branch's value does): summed (pvary's
                // transpose; every device takes this branch, the index
                // being the same on all).
                if let Some(scope) = &d.manual {
                    seed = scope
                        .seed(&mut inner, &mut d.channels, scope.axes_of(results[k]), *y, seed)
                        .map_err(err)?;
                }
                accumulate(&mut inner, &mut local, *y, seed).map_err(err)?;
            }
        }
        reverse(d, &mut inner, body, &local_active, &mut local)?;
        inner.set_anchor(*yield_op);
        let mut outs = Vec::with_capacity(targets.len());
        for t in &targets {
            outs.push(derivative_or_zeros(&mut inner, &local, *t).map_err(err)?);
        }
        ir::set_operands(*yield_op, &outs);
    }
    em.insert(new);
    for (t, c) in targets.iter().zip(ir::results(new)) {
        accumulate(em, cts, *t, c).map_err(err)?;
    }
    Ok(())
}

/// Which carried values of a loop carry derivatives: those that start
/// active, and those the body makes depend on active values (to a fixed
/// point, as JAX's fixpoint over loop carries).
pub(crate) fn active_carries(op: MlirOperation, outer_active: &HashSet<usize>) -> Vec<bool> {
    let carried = ir::operands(op);
    let body = ir::first_block(ir::regions(op)[1]);
    let args = ir::block_args(body);
    let ops = ir::ops_of(body);
    let yields = ir::operands(*ops.last().expect("a loop body has a terminator"));
    let mut act: Vec<bool> =
        carried.iter().map(|v| is_inexact(*v) && outer_active.contains(&key(*v))).collect();
    loop {
        let mut set = outer_active.clone();
        for (j, a) in args.iter().enumerate() {
            if act[j] {
                set.insert(key(*a));
            }
        }
        activity(&ops[..ops.len() - 1], &mut set);
        let mut changed = false;
        for (j, y) in yields.iter().enumerate() {
            if !act[j] && is_inexact(*y) && set.contains(&key(*y)) {
                act[j] = true;
                changed = true;
            }
        }
        if !changed {
            return act;
        }
    }
}

/// Forward mode through `jaxr.while`: the tangents of the active carries
/// are carried too.
pub fn while_jvp(
    d: &mut Deriver,
    em: &mut Emitter,
    op: MlirOperation,
    tangents: &mut Derivs,
) -> Result<(), Diag> {
    let err = |m: String| Diag::at_op(op, m);
    let with_tangent: HashSet<usize> = tangents.keys().copied().collect();
    let act = active_carries(op, &with_tangent);
    let carried = ir::operands(op);
    let types = ir::types_of(&carried).map_err(err)?;
    let chosen: Vec<usize> = (0..carried.len()).filter(|&j| act[j]).collect();
    if chosen.is_empty() {
        return Ok(());
    }
    let mut operands = carried.clone();
    for &j in &chosen {
        operands.push(derivative_or_zeros(em, tangents, carried[j]).map_err(err)?);
    }
    let all_types: Vec<TensorType> =
        types.iter().cloned().chain(chosen.iter().map(|&j| types[j].clone())).collect();
    let new = with_regions_of(em, op, &operands, &all_types);
    let regions = ir::regions(new);
    let loc = ir::location_of(op);
    let cond = ir::first_block(regions[0]);
    for &j in &chosen {
        ir::add_block_arg(em.context(), cond, &types[j], loc);
    }
    let body = ir::first_block(regions[1]);
    let args = ir::block_args(body);
    let mut local = tangents.clone();
    for &j in &chosen {
        let t = ir::add_block_arg(em.context(), body, &types[j], loc);
        local.insert(key(args[j]), t);
    }
    let ops = ir::ops_of(body);
    let (yield_op, body_ops) = ops.split_last().ok_or_else(|| err("empty loop body".into()))?;
    let mut inner = Emitter::new(em.context(), body, *yield_op, loc);
    forward(d, &mut inner, body_ops, &mut local)?;
    inner.set_anchor(*yield_op);
    let mut outs = ir::operands(*yield_op);
    for &j in &chosen {
        let y = outs[j];
        outs.push(derivative_or_zeros(&mut inner, &local, y).map_err(err)?);
    }
    ir::set_operands(*yield_op, &outs);
    em.insert(new);
    let results = ir::results(new);
    for (k, r) in ir::results(op).iter().enumerate() {
        ir::replace_uses(*r, results[k]);
    }
    for (i, &j) in chosen.iter().enumerate() {
        tangents.insert(key(results[j]), results[carried.len() + i]);
    }
    Ok(())
}

/// The integer value of a splat constant.
fn constant_int(v: MlirValue) -> Option<i64> {
    ir::splat_int(v)
}

/// A loop `for i in start..end` recognised from its cond (`i < end`) and
/// body (`i + 1`): the carried index, start and trip count.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Counted {
    /// The carry that counts.
    pub index: usize,
    /// Its first value.
    pub start: i64,
    /// Iterations.
    pub trips: i64,
}

pub(crate) fn counted(op: MlirOperation) -> Option<Counted> {
    let regions = ir::regions(op);
    let cond = ir::first_block(regions[0]);
    let body = ir::first_block(regions[1]);
    let cond_args = ir::block_args(cond);
    let body_args = ir::block_args(body);
    let carried = ir::operands(op);
    let pred = ir::operands(terminator(cond)).first().copied()?;
    let cmp = ir::defining_op(pred)?;
    let decoded = decode_raw(cmp).ok()?;
    if decoded.primitive != Primitive::Compare(ComparisonDirection::Lt) {
        return None;
    }
    let [lhs, rhs] = ir::operands(cmp)[..] else { return None };
    let index = cond_args.iter().position(|a| a.ptr == lhs.ptr)?;
    let yields = ir::operands(terminator(body));
    // The bound: a constant, or a carried value the body passes through.
    let end = match cond_args.iter().position(|a| a.ptr == rhs.ptr) {
        Some(u) if yields[u].ptr == body_args[u].ptr => constant_int(carried[u])?,
        Some(_) => return None,
        None => constant_int(rhs)?,
    };
    let start = constant_int(carried[index])?;
    let step = ir::defining_op(yields[index])?;
    if decode_raw(step).ok()?.primitive != Primitive::Binary(BinaryOp::Add) {
        return None;
    }
    let [a, b] = ir::operands(step)[..] else { return None };
    let arg = body_args[index];
    let one =
        (a.ptr == arg.ptr && constant_int(b) == Some(1)) || (b.ptr == arg.ptr && constant_int(a) == Some(1));
    if !one {
        return None;
    }
    Some(Counted { index, start, trips: (end - start).max(0) })
}

pub(crate) const DYNAMIC_LOOP: &str = "Reverse-mode differentiation does not work for lax.while_loop or lax.fori_loop \
                            with dynamic start/stop values. Try using lax.scan, or using fori_loop with static \
                            start/stop.";

/// A new block of `region` with arguments of `types`, ending in a `jaxr.yield`.
pub(crate) fn new_block(
    context: &melior::Context,
    region: MlirRegion,
    types: &[TensorType],
    loc: MlirLocation,
) -> (MlirBlock, MlirOperation) {
    let (block, y) = ir::block_with_yield(context, types, loc);
    // SAFETY: the region takes the detached block.
    unsafe { mlirRegionAppendOwnedBlock(region, block) };
    (block, y)
}

/// Removes the carries of `op` (a `jaxr.while`) that nothing needs: their
/// results are unused and the loop's condition and live carries do not
/// depend on them (a stash the reverse loop does not read, an output the
/// derivative does not use). Returns the new loop, if it changed.
pub fn remove_dead_carries(context: &melior::Context, op: MlirOperation) -> Option<MlirOperation> {
    let regions = ir::regions(op);
    let (cond, body) = (ir::first_block(regions[0]), ir::first_block(regions[1]));
    let results = ir::results(op);
    let m = results.len();
    let body_args = ir::block_args(body);
    let body_ops = ir::ops_of(body);
    let yield_op = *body_ops.last()?;
    let yields = ir::operands(yield_op);
    let mut live: Vec<bool> =
        (0..m).map(|k| ir::has_uses(results[k]) || ir::has_uses(ir::block_args(cond)[k])).collect();
    loop {
        // The body args each live yield depends on (values captured from
        // outside the loop do not matter here).
        let mut needed: HashSet<usize> = (0..m).filter(|&k| live[k]).map(|k| key(yields[k])).collect();
        for &o in body_ops[..body_ops.len() - 1].iter().rev() {
            if ir::results(o).iter().any(|r| needed.contains(&key(*r))) {
                for v in ir::inputs_of(o) {
                    needed.insert(key(v));
                }
            }
        }
        let mut changed = false;
        for k in 0..m {
            if !live[k] && needed.contains(&key(body_args[k])) {
                live[k] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    if live.iter().all(|l| *l) {
        return None;
    }
    let keep: Vec<usize> = (0..m).filter(|&k| live[k]).collect();
    let operands = ir::operands(op);
    let types = ir::types_of(&results).ok()?;
    let new_operands: Vec<MlirValue> = keep.iter().map(|&k| operands[k]).collect();
    let new_types: Vec<MlirType> = keep.iter().map(|&k| ir::mlir_type(context, &types[k])).collect();
    let new = ir::create_op(context, "jaxr.while", ir::location_of(op), &new_operands, &new_types, &[], 2);
    for (to, from) in ir::regions(new).into_iter().zip(regions) {
        ir::move_region(to, from);
    }
    let new_regions = ir::regions(new);
    let (cond, body) = (ir::first_block(new_regions[0]), ir::first_block(new_regions[1]));
    ir::set_operands(yield_op, &keep.iter().map(|&k| yields[k]).collect::<Vec<_>>());
    crate::pass::erase_dead(body);
    for k in (0..m).rev().filter(|&k| !live[k]) {
        // SAFETY: the arguments have no uses left (dead carries feed only dead yields).
        unsafe {
            mlirBlockEraseArgument(cond, k as u32);
            mlirBlockEraseArgument(body, k as u32);
        }
    }
    // SAFETY: inserting the new loop next to the old one.
    unsafe { mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(op), op, new) };
    for (i, &k) in keep.iter().enumerate() {
        ir::replace_uses(results[k], ir::results(new)[i]);
    }
    ir::erase(op);
    Some(new)
}
