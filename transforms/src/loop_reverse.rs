//! Reverse mode through a counted `jaxr.while` (fori_loop, scan), as JAX
//! does it: the forward loop stashes, per iteration, what the reverse sweep
//! needs; a second loop runs the body's reverse sweep from the last
//! iteration to the first.
//!
//! What is stashed is the loop's residual policy (`jaxr-autodiff`'s
//! `loop-residuals`):
//! - `store` (JAX's default for scan): each iteration's carries, and the
//!   body's intermediate values that the sweep's derivative ops read (a
//!   `tanh`'s result, a `dot`'s operands), so the reverse loop does not
//!   compute the body again. Values that do not change between iterations,
//!   and reshapes and broadcasts (views, free to recompute), are not stored.
//! - `recompute`: only the carries; the reverse loop runs the body again from
//!   them (less memory, more work).
//!
//! To know which values the sweep reads, the reverse loop is built once
//! with the carries alone; when it reads intermediates, the loops are built
//! again with those stashed too, and the reverse loop reads the stash where
//! it read the recomputed value (the recomputation is left dead, and the
//! cleanup drops it and the stashes no one reads).

use std::collections::{HashMap, HashSet};

use jaxr_dialect::{BinaryOp, ComparisonDirection, Primitive, TensorType};
use mlir_sys::*;

use crate::control::{
    active_carries, counted, new_block, terminator, with_regions_of, Counted, DYNAMIC_LOOP,
};
use crate::emit::{key, Emitter};
use crate::function::Deriver;
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, activity, derivative_or_zeros, reverse, Derivs};

/// What the forward loop keeps for the reverse loop.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LoopResiduals {
    /// Carries and the intermediate values the derivative reads.
    #[default]
    Store,
    /// Carries only; the reverse loop computes the body again.
    Recompute,
}

impl LoopResiduals {
    /// The option's values.
    pub const NAMES: &'static str = "store, recompute";

    /// Parses the option value.
    pub fn parse(text: &str) -> Option<LoopResiduals> {
        match text {
            "store" => Some(LoopResiduals::Store),
            "recompute" => Some(LoopResiduals::Recompute),
            _ => None,
        }
    }
}

/// A value the forward loop stashes, one row per iteration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Stash {
    /// Carry `j` at the start of the iteration.
    Carry(usize),
    /// Result `result` of the body's op number `op`.
    Value { op: usize, result: usize },
}

/// The loop being differentiated.
struct Loop {
    op: MlirOperation,
    counted: Counted,
    carried: Vec<MlirValue>,
    types: Vec<TensorType>,
    invariant: Vec<bool>,
    /// Active carries (their cotangents are carried back).
    chosen: Vec<usize>,
    /// Captured active values (their cotangents are accumulated).
    targets: Vec<MlirValue>,
    body_args: Vec<MlirValue>,
    body_ops: Vec<MlirOperation>,
    yields: Vec<MlirValue>,
    index_scalar: TensorType,
}

impl Loop {
    fn stash_type(&self, s: Stash) -> Result<TensorType, String> {
        let ty = match s {
            Stash::Carry(j) => self.types[j].clone(),
            Stash::Value { op, result } => crate::emit::type_of(ir::results(self.body_ops[op])[result])?,
        };
        Ok(TensorType::new([vec![self.counted.trips.max(1)], ty.shape.clone()].concat(), ty.elem))
    }
}

/// Reverse mode through a counted `jaxr.while`.
pub fn while_vjp(
    d: &mut Deriver,
    em: &mut Emitter,
    op: MlirOperation,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let err = |m: String| Diag::at_op(op, m);
    let Some(counted) = counted(op) else { return Err(err(DYNAMIC_LOOP.into())) };
    let act = active_carries(op, active);
    let carried = ir::operands(op);
    let m = carried.len();
    let types = ir::types_of(&carried).map_err(err)?;
    let targets: Vec<MlirValue> =
        ir::captured(op).into_iter().filter(|v| active.contains(&key(*v))).collect();
    let chosen: Vec<usize> = (0..m).filter(|&j| act[j]).collect();
    if chosen.is_empty() && targets.is_empty() {
        return Ok(());
    }
    let body = ir::first_block(ir::regions(op)[1]);
    let body_args = ir::block_args(body);
    let all_ops = ir::ops_of(body);
    let (last, body_ops) = all_ops.split_last().ok_or_else(|| err("empty loop body".into()))?;
    let yields = ir::operands(*last);
    let invariant: Vec<bool> = (0..m).map(|j| yields[j].ptr == body_args[j].ptr).collect();
    let index_scalar = TensorType::scalar(types[counted.index].elem);
    let lp = Loop {
        op,
        counted,
        carried,
        types,
        invariant,
        chosen,
        targets,
        body_args,
        body_ops: body_ops.to_vec(),
        yields,
        index_scalar,
    };
    let seeds: Vec<Option<MlirValue>> = ir::results(op).iter().map(|r| cts.get(&key(*r)).copied()).collect();
    let carries: Vec<Stash> =
        (0..m).filter(|&j| !lp.invariant[j] && j != lp.counted.index).map(Stash::Carry).collect();

    let forward = augmented(em, &lp, &carries).map_err(err)?;
    for (k, r) in ir::results(op).iter().enumerate() {
        ir::replace_uses(*r, ir::results(forward)[k]);
    }
    let (mut rev, cloned) = reverse_loop(d, em, &lp, &carries, &ir::results(forward)[m..], &seeds, active)?;
    if d.loop_residuals == LoopResiduals::Store {
        let residuals = read_intermediates(&lp, &cloned, rev);
        if !residuals.is_empty() {
            // Again, with the intermediates stashed too.
            ir::erase(rev);
            let stashes: Vec<Stash> = carries.iter().copied().chain(residuals).collect();
            let second = augmented(em, &lp, &stashes).map_err(err)?;
            for (k, r) in ir::results(forward).iter().enumerate().take(m) {
                ir::replace_uses(*r, ir::results(second)[k]);
            }
            ir::erase(forward);
            rev = reverse_loop(d, em, &lp, &stashes, &ir::results(second)[m..], &seeds, active)?.0;
        }
    }
    em.insert(rev);
    let rev_results = ir::results(rev);
    for (n, &j) in lp.chosen.iter().enumerate() {
        if active.contains(&key(lp.carried[j])) {
            accumulate(em, cts, lp.carried[j], rev_results[1 + n]).map_err(err)?;
        }
    }
    for (n, t) in lp.targets.iter().enumerate() {
        accumulate(em, cts, *t, rev_results[1 + lp.chosen.len() + n]).map_err(err)?;
    }
    Ok(())
}

/// The forward loop with one buffer per stash (row i holds the value of
/// iteration i), inserted before the loop; its first results are the loop's.
fn augmented(em: &mut Emitter, lp: &Loop, stashes: &[Stash]) -> Result<MlirOperation, String> {
    let context = em.context();
    let loc = ir::location_of(lp.op);
    let buffer_types: Vec<TensorType> =
        stashes.iter().map(|s| lp.stash_type(*s)).collect::<Result<_, _>>()?;
    let mut at_loop = Emitter::new(context, ir::first_block_of_op(lp.op), lp.op, loc);
    let mut operands = lp.carried.clone();
    for t in &buffer_types {
        operands.push(at_loop.zeros(t)?);
    }
    let all_types: Vec<TensorType> = lp.types.iter().cloned().chain(buffer_types.iter().cloned()).collect();
    let aug = with_regions_of(em, lp.op, &operands, &all_types);
    let regions = ir::regions(aug);
    for t in &buffer_types {
        ir::add_block_arg(context, ir::first_block(regions[0]), t, loc);
    }
    let aug_body = ir::first_block(regions[1]);
    let aug_args = ir::block_args(aug_body);
    let aug_ops = ir::ops_of(aug_body);
    let buffers_in: Vec<MlirValue> =
        buffer_types.iter().map(|t| ir::add_block_arg(context, aug_body, t, loc)).collect();
    let aug_yield = terminator(aug_body);
    let mut inner = Emitter::new(context, aug_body, aug_yield, loc);
    let Counted { index, start, .. } = lp.counted;
    let mut i = aug_args[index];
    if start != 0 {
        let s = inner.splat(&lp.index_scalar, start as f64)?;
        i = inner.op(&Primitive::Binary(BinaryOp::Sub), &[i, s])?;
    }
    let mut outs = ir::operands(aug_yield);
    for (k, s) in stashes.iter().enumerate() {
        let value = match *s {
            Stash::Carry(j) => aug_args[j],
            // The copied body has the same ops in the same order.
            Stash::Value { op, result } => ir::results(aug_ops[op])[result],
        };
        let shape = crate::emit::type_of(value)?.shape;
        let v = inner.op(&Primitive::Reshape { shape: [vec![1], shape.clone()].concat() }, &[value])?;
        let zero = inner.splat(&lp.index_scalar, 0.0)?;
        let mut args = vec![buffers_in[k], v, i];
        args.extend(std::iter::repeat_n(zero, shape.len()));
        outs.push(inner.op(&Primitive::DynamicUpdateSlice, &args)?);
    }
    ir::set_operands(aug_yield, &outs);
    at_loop.insert(aug);
    Ok(aug)
}

/// Row `i` of a stash buffer, shaped like the stashed value.
fn read_row(e: &mut Emitter, lp: &Loop, buffer: MlirValue, i: MlirValue) -> Result<MlirValue, String> {
    let ty = crate::emit::type_of(buffer)?;
    let shape = ty.shape[1..].to_vec();
    let zero = e.splat(&lp.index_scalar, 0.0)?;
    let mut args = vec![buffer, i];
    args.extend(std::iter::repeat_n(zero, shape.len()));
    let sizes = [vec![1], shape.clone()].concat();
    let slice = e.op(&Primitive::DynamicSlice { sizes }, &args)?;
    e.op(&Primitive::Reshape { shape }, &[slice])
}

/// The reverse loop (detached): carries (r, cotangents of the active
/// carries, accumulated cotangents of captured values); its body reads the
/// stashes of iteration `trips - 1 - r`, recomputes the rest of the body and
/// runs its reverse sweep. Returns it with the body's copies, in order.
fn reverse_loop(
    d: &mut Deriver,
    em: &mut Emitter,
    lp: &Loop,
    stashes: &[Stash],
    buffers: &[MlirValue],
    seeds: &[Option<MlirValue>],
    active: &HashSet<usize>,
) -> Result<(MlirOperation, Vec<MlirOperation>), Diag> {
    let err = |m: String| Diag::at_op(lp.op, m);
    let context = em.context();
    let loc = ir::location_of(lp.op);
    let Counted { index, start, trips } = lp.counted;
    let mut rev_operands = vec![em.splat(&lp.index_scalar, 0.0).map_err(err)?];
    let mut rev_types = vec![lp.index_scalar.clone()];
    for &j in &lp.chosen {
        rev_operands.push(match seeds[j] {
            Some(c) => c,
            None => em.zeros(&lp.types[j]).map_err(err)?,
        });
        rev_types.push(lp.types[j].clone());
    }
    let target_types = ir::types_of(&lp.targets).map_err(err)?;
    for t in &target_types {
        rev_operands.push(em.zeros(t).map_err(err)?);
        rev_types.push(t.clone());
    }
    let mlir_types: Vec<MlirType> = rev_types.iter().map(|t| ir::mlir_type(context, t)).collect();
    let rev = ir::create_op(context, "jaxr.while", loc, &rev_operands, &mlir_types, &[], 2);
    let rev_regions = ir::regions(rev);
    // cond: r < trips.
    let (cond, cond_yield) = new_block(context, rev_regions[0], &rev_types, loc);
    let mut c = Emitter::new(context, cond, cond_yield, loc);
    let bound = c.splat(&lp.index_scalar, trips as f64).map_err(err)?;
    let pred =
        c.op(&Primitive::Compare(ComparisonDirection::Lt), &[ir::block_args(cond)[0], bound]).map_err(err)?;
    ir::set_operands(cond_yield, &[pred]);
    // body.
    let (rb, rb_yield) = new_block(context, rev_regions[1], &rev_types, loc);
    let rb_args = ir::block_args(rb);
    let mut e = Emitter::new(context, rb, rb_yield, loc);
    let last = e.splat(&lp.index_scalar, (trips - 1) as f64).map_err(err)?;
    let i = e.op(&Primitive::Binary(BinaryOp::Sub), &[last, rb_args[0]]).map_err(err)?;
    // Every stash's row, read first, so that it is defined before any use.
    let mut rows = HashMap::new();
    for (s, b) in stashes.iter().zip(buffers) {
        rows.insert(*s, read_row(&mut e, lp, *b, i).map_err(err)?);
    }
    let mut map: HashMap<usize, MlirValue> = HashMap::new();
    let mut stand_ins = Vec::new();
    for j in 0..lp.carried.len() {
        let value = if j == index {
            if start == 0 {
                i
            } else {
                let s = e.splat(&lp.index_scalar, start as f64).map_err(err)?;
                e.op(&Primitive::Binary(BinaryOp::Add), &[i, s]).map_err(err)?
            }
        } else if lp.invariant[j] {
            // A distinct value, so that its cotangent is not confused with
            // that of the same outer value captured directly (replaced by
            // the outer value once the sweep is done).
            let stand_in = e
                .op(&Primitive::Reshape { shape: lp.types[j].shape.clone() }, &[lp.carried[j]])
                .map_err(err)?;
            stand_ins.push((stand_in, lp.carried[j]));
            stand_in
        } else {
            *rows.get(&Stash::Carry(j)).ok_or_else(|| err("internal: unstashed carry".into()))?
        };
        map.insert(key(lp.body_args[j]), value);
    }
    let mut cloned = Vec::new();
    for &o in &lp.body_ops {
        let copy = ir::clone_with(o, &map);
        e.insert(copy);
        for (a, b) in ir::results(o).iter().zip(ir::results(copy)) {
            map.insert(key(*a), b);
        }
        cloned.push(copy);
    }
    // In a shard_map body, the copies vary over what the originals do.
    if let Some(scope) = d.manual.as_mut() {
        for (o, copy) in lp.body_ops.iter().zip(&cloned) {
            scope.copy_typing(*o, *copy);
        }
        for a in &lp.body_args {
            let axes = scope.axes_of(*a);
            scope.set_axes(map[&key(*a)], axes);
        }
    }
    let mapped = |v: MlirValue| map.get(&key(v)).copied().unwrap_or(v);
    let mut local_active = active.clone();
    for &j in &lp.chosen {
        local_active.insert(key(mapped(lp.body_args[j])));
    }
    activity(&cloned, &mut local_active);
    let mut local = Derivs::new();
    for (n, &j) in lp.chosen.iter().enumerate() {
        let y = mapped(lp.yields[j]);
        if local_active.contains(&key(y)) {
            let mut seed = rb_args[1 + n];
            // A carry that varies where its yielded value does not: the
            // value was broadcast into it (a pvary), its cotangent summed.
            if let Some(scope) = &d.manual {
                seed = scope
                    .seed(&mut e, &mut d.channels, scope.axes_of(lp.body_args[j]), y, seed)
                    .map_err(err)?;
            }
            accumulate(&mut e, &mut local, y, seed).map_err(err)?;
        }
    }
    reverse(d, &mut e, &cloned, &local_active, &mut local)?;
    e.set_anchor(rb_yield);
    let one = e.splat(&lp.index_scalar, 1.0).map_err(err)?;
    let mut outs = vec![e.op(&Primitive::Binary(BinaryOp::Add), &[rb_args[0], one]).map_err(err)?];
    for &j in &lp.chosen {
        outs.push(derivative_or_zeros(&mut e, &local, mapped(lp.body_args[j])).map_err(err)?);
    }
    for (n, t) in lp.targets.iter().enumerate() {
        let acc = rb_args[1 + lp.chosen.len() + n];
        outs.push(match local.get(&key(*t)) {
            Some(c) => e.add(acc, *c).map_err(err)?,
            None => acc,
        });
    }
    ir::set_operands(rb_yield, &outs);
    for (stand_in, value) in stand_ins {
        ir::replace_uses(stand_in, value);
    }
    // The derivative reads the stashed intermediates instead of their copies.
    for (s, row) in &rows {
        if let Stash::Value { op, result } = *s {
            ir::replace_uses(ir::results(cloned[op])[result], *row);
        }
    }
    Ok((rev, cloned))
}

/// The body's intermediate values that the reverse loop's derivative ops
/// read, worth stashing: they change between iterations and are not views
/// (reshapes and broadcasts).
fn read_intermediates(lp: &Loop, cloned: &[MlirOperation], rev: MlirOperation) -> Vec<Stash> {
    let copies: HashSet<usize> = cloned.iter().map(|o| o.ptr as usize).collect();
    let body = ir::first_block(ir::regions(rev)[1]);
    let mut read_by_derivative: HashSet<usize> = HashSet::new();
    for o in ir::ops_of(body) {
        if copies.contains(&(o.ptr as usize)) || ir::name_of(o) == "jaxr.yield" {
            continue;
        }
        for v in ir::inputs_of(o) {
            read_by_derivative.insert(key(v));
        }
    }
    // Values that depend on the carries change between iterations.
    let mut varying: HashSet<usize> = lp.body_args.iter().map(|a| key(*a)).collect();
    for &o in &lp.body_ops {
        if ir::inputs_of(o).iter().any(|v| varying.contains(&key(*v))) {
            varying.extend(ir::results(o).iter().map(|r| key(*r)));
        }
    }
    let mut out = Vec::new();
    for (n, &o) in lp.body_ops.iter().enumerate() {
        let name = ir::name_of(o);
        if !ir::regions(o).is_empty() || matches!(name.as_str(), "jaxr.reshape" | "jaxr.broadcast_in_dim") {
            continue;
        }
        for (r, value) in ir::results(o).iter().enumerate() {
            if varying.contains(&key(*value)) && read_by_derivative.contains(&key(ir::results(cloned[n])[r]))
            {
                out.push(Stash::Value { op: n, result: r });
            }
        }
    }
    out
}
