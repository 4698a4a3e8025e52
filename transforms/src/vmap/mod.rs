//! `jaxr.vmap` and the `jaxr-vmap` pass: a function mapped over a batch
//! dimension of some of its arguments, built op by op from the batching
//! table ([`rules`]). Inside, every batched value has its batch dimension
//! first; arguments are moved there on entry and results to their
//! `out_axes` on exit.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use jaxr_dialect::decode::decode_raw;
use jaxr_dialect::transform::{function_signature, vmap_signature};
use jaxr_dialect::{BinaryOp, ComparisonDirection, ElemType, Primitive, ReduceOp, TensorType};
use melior::ir::attribute::AttributeLike;
use mlir_sys::*;

use crate::emit::{key, type_of, Emitter};
use crate::function::{string_attr, Deriver, ShardingAttr};
use crate::ir::{self, Diag};

mod conv;
pub mod rules;
mod shard_map;

use rules::{batching_of, BatchSite, Batching};

/// Builds the batched body of one block.
pub struct Batcher<'c> {
    /// Where batched ops go.
    pub em: Emitter<'c>,
    /// The batch size.
    pub size: i64,
    /// Original value -> (new value, batched).
    map: HashMap<usize, (MlirValue, bool)>,
    /// Batched calls with rules, whose functions the deriver batches once
    /// the body is built (shared with the batchers of nested regions).
    rule_calls: PendingRuleCalls,
}

/// A batched call with a rule, and which of its arguments are batched.
type PendingRuleCalls = Rc<RefCell<Vec<(MlirOperation, Vec<bool>)>>>;

impl<'c> Batcher<'c> {
    fn get(&self, v: MlirValue) -> (MlirValue, bool) {
        self.map.get(&key(v)).copied().unwrap_or((v, false))
    }

    /// `v` with its batch dimension, broadcast when unbatched (`ty` is its
    /// unbatched type).
    pub fn batched(&mut self, v: MlirValue, batched: bool, ty: &TensorType) -> Result<MlirValue, String> {
        if batched {
            return Ok(v);
        }
        let shape = [vec![self.size], ty.shape.clone()].concat();
        let dims = (1..=ty.rank() as i64).collect();
        self.em.op(&Primitive::BroadcastInDim { shape, dims }, &[v])
    }
}

/// The values `ops` compute that depend on `batched` ones (any type).
fn dependence(ops: &[MlirOperation], batched: &mut HashSet<usize>) {
    for &op in ops {
        if ir::inputs_of(op).iter().any(|v| batched.contains(&key(*v))) {
            for r in ir::results(op) {
                batched.insert(key(r));
            }
        }
    }
}

fn is_terminator(op: MlirOperation) -> bool {
    matches!(ir::name_of(op).as_str(), "func.return" | "jaxr.yield" | "sdy.return")
}

/// Batches the ops of `block` (all but its terminator) into `b`.
fn batch_ops(b: &mut Batcher, ops: &[MlirOperation]) -> Result<(), Diag> {
    for &op in ops {
        if is_terminator(op) {
            continue;
        }
        b.em.set_location(ir::location_of(op));
        let inputs = ir::inputs_of(op);
        let any_batched = inputs.iter().any(|v| b.get(*v).1);
        let name = ir::name_of(op);
        if !any_batched {
            // As it is, on the new values.
            let remap: HashMap<usize, MlirValue> = inputs.iter().map(|v| (key(*v), b.get(*v).0)).collect();
            let copy = ir::clone_with(op, &remap);
            b.em.insert(copy);
            for (r, n) in ir::results(op).iter().zip(ir::results(copy)) {
                b.map.insert(key(*r), (n, false));
            }
            continue;
        }
        let outcome = match name.as_str() {
            "jaxr.cond" => batch_cond(b, op),
            "jaxr.while" => batch_while(b, op),
            "jaxr.reduce_window" => batch_reduce_window(b, op),
            "jaxr.checkpoint" | "jaxr.custom_jvp" | "jaxr.custom_vjp" => batch_rule_call(b, op),
            n if n.starts_with("jaxr.") => batch_primitive(b, op),
            _ if crate::sharding_constraint::is_constraint(op) => batch_constraint(b, op),
            "sdy.manual_computation" => shard_map::batch_manual(b, op),
            "sdy.sharding_group" => shard_map::batch_sharding_group(b, op),
            _ if crate::gspmd_manual::is_manual_boundary(op) => shard_map::batch_manual_boundary(b, op),
            n if crate::collectives::is_collective(n) => shard_map::batch_collective(b, op),
            n => Err(Diag::at_op(op, format!("cannot batch '{n}'"))),
        };
        let results = outcome?;
        for (r, n) in ir::results(op).iter().zip(results) {
            b.map.insert(key(*r), n);
        }
    }
    Ok(())
}

/// A sharding constraint on the batched value.
fn batch_constraint(b: &mut Batcher, op: MlirOperation) -> Result<Vec<(MlirValue, bool)>, Diag> {
    let [x] = ir::operands(op)[..] else {
        return Err(Diag::at_op(op, "jaxr-vmap: a sharding constraint with other than one operand"));
    };
    let (v, bat) = b.get(x);
    let t = type_of(x).map_err(|m| Diag::at_op(op, m))?;
    let v = b.batched(v, bat, &t).map_err(|m| Diag::at_op(op, m))?;
    Ok(vec![(crate::sharding_constraint::batch(&mut b.em, op, v)?, true)])
}

/// A call with a rule: the same call of the batched functions (named once
/// the body is built). A checkpoint keeps its unbatched arguments; the
/// custom rules take every argument batched, so that one batching of each
/// rule function serves.
fn batch_rule_call(b: &mut Batcher, op: MlirOperation) -> Result<Vec<(MlirValue, bool)>, Diag> {
    let err = |m: String| Diag::at_op(op, format!("jaxr-vmap: {m}"));
    let operands: Vec<(MlirValue, bool)> = ir::operands(op).iter().map(|v| b.get(*v)).collect();
    let keep_unbatched = ir::name_of(op) == "jaxr.checkpoint";
    let mut batched = Vec::new();
    let mut new_operands = Vec::new();
    for (old, (v, bat)) in ir::operands(op).iter().zip(&operands) {
        if *bat || !keep_unbatched {
            let t = type_of(*old).map_err(err)?;
            new_operands.push(b.batched(*v, *bat, &t).map_err(err)?);
            batched.push(true);
        } else {
            new_operands.push(*v);
            batched.push(false);
        }
    }
    let remap: HashMap<usize, MlirValue> =
        ir::operands(op).iter().zip(&new_operands).map(|(o, n)| (key(*o), *n)).collect();
    let copy = ir::clone_with(op, &remap);
    for r in ir::results(copy) {
        let t = batched_type(b.size, &type_of(r).map_err(err)?, true);
        // SAFETY: a result of the detached copy, given its batched type.
        unsafe { mlirValueSetType(r, ir::mlir_type(b.em.context(), &t)) };
    }
    b.em.insert(copy);
    b.rule_calls.borrow_mut().push((copy, batched));
    Ok(ir::results(copy).into_iter().map(|r| (r, true)).collect())
}

fn batch_primitive(b: &mut Batcher, op: MlirOperation) -> Result<Vec<(MlirValue, bool)>, Diag> {
    let err = |m: String| Diag::at_op(op, format!("jaxr-vmap: {m}"));
    let decoded = decode_raw(op).map_err(err)?;
    let mnemonic = decoded.primitive.mnemonic();
    let operands: Vec<(MlirValue, bool)> = ir::operands(op).iter().map(|v| b.get(*v)).collect();
    let site = BatchSite {
        op,
        prim: &decoded.primitive,
        operands: &operands,
        operand_types: &decoded.operands,
        result_types: &decoded.results,
    };
    match batching_of(mnemonic) {
        Some(Batching::Elementwise) => {
            let out_rank = decoded.results[0].rank();
            let out_shape = decoded.results[0].shape.clone();
            let mut args = Vec::new();
            for ((v, bat), t) in operands.iter().zip(&decoded.operands) {
                // Scalars next to tensors (clamp, select_n) take the result's shape.
                let full = if t.rank() == 0 && out_rank > 0 {
                    TensorType::new(out_shape.clone(), t.elem)
                } else {
                    t.clone()
                };
                let v = if *bat && t.rank() == 0 && out_rank > 0 {
                    let shape = [vec![b.size], out_shape.clone()].concat();
                    b.em.op(&Primitive::BroadcastInDim { shape, dims: vec![0] }, &[*v]).map_err(err)?
                } else if !*bat && t.rank() == 0 && out_rank > 0 {
                    let shape = [vec![b.size], out_shape.clone()].concat();
                    b.em.op(&Primitive::BroadcastInDim { shape, dims: vec![] }, &[*v]).map_err(err)?
                } else {
                    b.batched(*v, *bat, &full).map_err(err)?
                };
                args.push(v);
            }
            Ok(vec![(b.em.op(&decoded.primitive, &args).map_err(err)?, true)])
        }
        Some(Batching::Rule(f)) => f(b, &site).map_err(err),
        Some(Batching::Structured(how)) => {
            Err(err(format!("jaxr.{mnemonic} is batched structurally ({how})")))
        }
        None => Err(err(format!("no batching rule for jaxr.{mnemonic}"))),
    }
}

fn batched_type(size: i64, t: &TensorType, batched: bool) -> TensorType {
    if batched {
        TensorType::new([vec![size], t.shape.clone()].concat(), t.elem)
    } else {
        t.clone()
    }
}

/// A batched region body: the new block, its terminator, and what each
/// original yielded value became.
type BatchedRegion = (MlirBlock, MlirOperation, Vec<(MlirValue, bool)>);

/// Batches a region's block into a new detached block whose arguments have
/// the given (new) types; `args` says how each original argument maps.
fn batch_region(
    b: &Batcher,
    block: MlirBlock,
    arg_types: &[TensorType],
    args_batched: &[bool],
) -> Result<BatchedRegion, Diag> {
    let context = b.em.context();
    let loc = b.em.location();
    let (nb, y) = ir::block_with_yield(context, arg_types, loc);
    let mut inner = Batcher {
        em: Emitter::new(context, nb, y, loc),
        size: b.size,
        map: b.map.clone(),
        rule_calls: b.rule_calls.clone(),
    };
    for ((old, new), bat) in ir::block_args(block).iter().zip(ir::block_args(nb)).zip(args_batched) {
        inner.map.insert(key(*old), (new, *bat));
    }
    let ops = ir::ops_of(block);
    batch_ops(&mut inner, &ops)?;
    let yields = ops.last().map(|t| ir::operands(*t)).unwrap_or_default();
    let outs = yields.iter().map(|v| inner.get(*v)).collect();
    Ok((nb, y, outs))
}

/// Sets a region block's yield to `values`, broadcasting those that must be
/// batched but are not.
fn finish_yield(
    b: &Batcher,
    block: MlirBlock,
    y: MlirOperation,
    values: &[(MlirValue, bool)],
    want_batched: &[bool],
    types: &[TensorType],
) -> Result<(), String> {
    let mut em = Batcher {
        em: Emitter::new(b.em.context(), block, y, b.em.location()),
        size: b.size,
        map: HashMap::new(),
        rule_calls: b.rule_calls.clone(),
    };
    let mut outs = Vec::new();
    for (((v, bat), want), t) in values.iter().zip(want_batched).zip(types) {
        outs.push(if *want { em.batched(*v, *bat, t)? } else { *v });
    }
    ir::set_operands(y, &outs);
    Ok(())
}

fn region_op(
    b: &Batcher,
    name: &str,
    operands: &[MlirValue],
    types: &[TensorType],
    blocks: &[MlirBlock],
) -> MlirOperation {
    let context = b.em.context();
    let tys: Vec<MlirType> = types.iter().map(|t| ir::mlir_type(context, t)).collect();
    let op = ir::create_op(context, name, b.em.location(), operands, &tys, &[], blocks.len());
    for (r, blk) in ir::regions(op).into_iter().zip(blocks) {
        // SAFETY: the region takes the detached block.
        unsafe { mlirRegionAppendOwnedBlock(r, *blk) };
    }
    op
}

/// cond: with a batched index every branch runs and select_n picks per
/// example (stablehlo.case semantics: an index out of range picks the last
/// branch); otherwise a cond of batched branches.
fn batch_cond(b: &mut Batcher, op: MlirOperation) -> Result<Vec<(MlirValue, bool)>, Diag> {
    let err = |m: String| Diag::at_op(op, format!("jaxr-vmap: {m}"));
    let (index, index_batched) = b.get(ir::operands(op)[0]);
    let types = ir::types_of(&ir::results(op)).map_err(err)?;
    let branches: Vec<MlirBlock> = ir::regions(op).iter().map(|r| ir::first_block(*r)).collect();
    if index_batched {
        // Every branch, inline.
        let mut per_branch = Vec::new();
        for blk in &branches {
            let ops = ir::ops_of(*blk);
            batch_ops(b, &ops)?;
            let yields = ops.last().map(|t| ir::operands(*t)).unwrap_or_default();
            per_branch.push(yields.iter().map(|v| b.get(*v)).collect::<Vec<_>>());
        }
        let it = type_of(index).map_err(err)?;
        let n = branches.len() as i64;
        let which = if it.elem == ElemType::I1 {
            index
        } else {
            // Out of range -> the last branch.
            let zero = b.em.splat(&it, 0.0).map_err(err)?;
            let last = b.em.splat(&it, (n - 1) as f64).map_err(err)?;
            let below = b.em.op(&Primitive::Compare(ComparisonDirection::Lt), &[index, zero]).map_err(err)?;
            let above = b.em.op(&Primitive::Compare(ComparisonDirection::Gt), &[index, last]).map_err(err)?;
            let out = b.em.op(&Primitive::Binary(BinaryOp::Or), &[below, above]).map_err(err)?;
            b.em.op(&Primitive::SelectN, &[out, index, last]).map_err(err)?
        };
        let mut results = Vec::new();
        for (k, t) in types.iter().enumerate() {
            let shape = [vec![b.size], t.shape.clone()].concat();
            let w = b.em.op(&Primitive::BroadcastInDim { shape, dims: vec![0] }, &[which]).map_err(err)?;
            let mut args = vec![w];
            for br in &per_branch {
                let (v, bat) = br[k];
                args.push(b.batched(v, bat, t).map_err(err)?);
            }
            results.push((b.em.op(&Primitive::SelectN, &args).map_err(err)?, true));
        }
        return Ok(results);
    }
    let mut built = Vec::new();
    for blk in &branches {
        built.push(batch_region(b, *blk, &[], &[])?);
    }
    let want: Vec<bool> = (0..types.len()).map(|k| built.iter().any(|(_, _, outs)| outs[k].1)).collect();
    for (blk, y, outs) in &built {
        finish_yield(b, *blk, *y, outs, &want, &types).map_err(err)?;
    }
    let new_types: Vec<TensorType> =
        types.iter().zip(&want).map(|(t, w)| batched_type(b.size, t, *w)).collect();
    let blocks: Vec<MlirBlock> = built.iter().map(|(blk, _, _)| *blk).collect();
    let new = region_op(b, "jaxr.cond", &[index], &new_types, &blocks);
    b.em.insert(new);
    Ok(ir::results(new).into_iter().zip(want).collect())
}

/// while: carries batched to a fixpoint. With a batched predicate, the loop
/// runs while any example's predicate holds, and examples that are done keep
/// their carries.
fn batch_while(b: &mut Batcher, op: MlirOperation) -> Result<Vec<(MlirValue, bool)>, Diag> {
    let err = |m: String| Diag::at_op(op, format!("jaxr-vmap: {m}"));
    let regions = ir::regions(op);
    let (cond, body) = (ir::first_block(regions[0]), ir::first_block(regions[1]));
    let carried = ir::operands(op);
    let types = ir::types_of(&carried).map_err(err)?;
    let m = carried.len();
    let outer: HashSet<usize> = b.map.iter().filter(|(_, (_, bat))| *bat).map(|(k, _)| *k).collect();
    let mut bat: Vec<bool> = carried.iter().map(|v| b.get(*v).1).collect();
    let body_ops = ir::ops_of(body);
    let yields = ir::operands(*body_ops.last().ok_or_else(|| err("empty loop body".into()))?);
    loop {
        let mut set = outer.clone();
        for (j, a) in ir::block_args(body).iter().enumerate() {
            if bat[j] {
                set.insert(key(*a));
            }
        }
        dependence(&body_ops, &mut set);
        let mut changed = false;
        for j in 0..m {
            if !bat[j] && set.contains(&key(yields[j])) {
                bat[j] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let cond_ops = ir::ops_of(cond);
    let mut set = outer.clone();
    for (j, a) in ir::block_args(cond).iter().enumerate() {
        if bat[j] {
            set.insert(key(*a));
        }
    }
    dependence(&cond_ops, &mut set);
    let pred = ir::operands(*cond_ops.last().ok_or_else(|| err("empty loop condition".into()))?)[0];
    let pred_batched = set.contains(&key(pred));
    if pred_batched {
        bat = vec![true; m];
    }
    let new_types: Vec<TensorType> =
        types.iter().zip(&bat).map(|(t, w)| batched_type(b.size, t, *w)).collect();
    let mut init = Vec::new();
    for (j, v) in carried.iter().enumerate() {
        let (nv, nb) = b.get(*v);
        init.push(if bat[j] { b.batched(nv, nb, &types[j]).map_err(err)? } else { nv });
    }
    // The condition, batched; reduced with `or` over the batch when batched.
    let (cblk, cy, couts) = batch_region(b, cond, &new_types, &bat)?;
    let any = if pred_batched {
        let mut em = Batcher {
            em: Emitter::new(b.em.context(), cblk, cy, b.em.location()),
            size: b.size,
            map: HashMap::new(),
            rule_calls: b.rule_calls.clone(),
        };
        let p = em.batched(couts[0].0, couts[0].1, &TensorType::scalar(ElemType::I1)).map_err(err)?;
        em.em.op(&Primitive::Reduce { op: ReduceOp::Or, axes: vec![0] }, &[p]).map_err(err)?
    } else {
        couts[0].0
    };
    ir::set_operands(cy, &[any]);
    let (bblk, by, bouts) = batch_region(b, body, &new_types, &bat)?;
    finish_yield(b, bblk, by, &bouts, &bat, &types).map_err(err)?;
    if pred_batched {
        // Examples whose predicate is false keep their carries: recompute
        // the predicate at the start of the body and select.
        let loc = b.em.location();
        let first = ir::ops_of(bblk)[0];
        let mut em = Batcher {
            em: Emitter::new(b.em.context(), bblk, first, loc),
            size: b.size,
            map: b.map.clone(),
            rule_calls: b.rule_calls.clone(),
        };
        for (old, new) in ir::block_args(cond).iter().zip(ir::block_args(bblk)) {
            em.map.insert(key(*old), (new, true));
        }
        batch_ops(&mut em, &cond_ops)?;
        let (p, pb) = em.get(pred);
        let p = em.batched(p, pb, &TensorType::scalar(ElemType::I1)).map_err(err)?;
        em.em.set_anchor(by);
        let stepped = ir::operands(by);
        let mut outs = Vec::new();
        for (j, t) in types.iter().enumerate() {
            let shape = [vec![b.size], t.shape.clone()].concat();
            let w = em.em.op(&Primitive::BroadcastInDim { shape, dims: vec![0] }, &[p]).map_err(err)?;
            let keep = ir::block_args(bblk)[j];
            outs.push(em.em.op(&Primitive::SelectN, &[w, keep, stepped[j]]).map_err(err)?);
        }
        ir::set_operands(by, &outs);
    }
    let new = region_op(b, "jaxr.while", &init, &new_types, &[cblk, bblk]);
    b.em.insert(new);
    Ok(ir::results(new).into_iter().zip(bat).collect())
}

/// The generic reduce_window: a window of 1 over the batch dimension; its
/// body is unchanged (it combines scalars).
fn batch_reduce_window(b: &mut Batcher, op: MlirOperation) -> Result<Vec<(MlirValue, bool)>, Diag> {
    let err = |m: String| Diag::at_op(op, format!("jaxr-vmap: {m}"));
    let operands = ir::operands(op);
    let n = operands.len() / 2;
    let mut args = Vec::new();
    for (k, v) in operands.iter().enumerate() {
        let (nv, nb) = b.get(*v);
        let t = type_of(*v).map_err(err)?;
        if k >= n && nb {
            return per_example(b, op).map_err(err);
        }
        args.push(if k < n { b.batched(nv, nb, &t).map_err(err)? } else { nv });
    }
    let w = jaxr_dialect::decode::window_of_raw(op).map_err(err)?;
    let w = rules::window_with_batch(&w);
    let types = ir::types_of(&ir::results(op)).map_err(err)?;
    let new_types: Vec<TensorType> = types.iter().map(|t| batched_type(b.size, t, true)).collect();
    let context = b.em.context();
    let ints = |v: &[i64]| {
        let body: Vec<String> = v.iter().map(i64::to_string).collect();
        melior::ir::Attribute::parse(context, &format!("array<i64: {}>", body.join(", "))).map(|a| a.to_raw())
    };
    let attrs = [
        ("window_dimensions", ints(&w.dimensions)),
        ("window_strides", ints(&w.strides)),
        ("padding", ints(&w.padding)),
        ("base_dilation", ints(&w.base_dilation)),
        ("window_dilation", ints(&w.window_dilation)),
    ];
    let attrs: Vec<(&str, MlirAttribute)> = attrs
        .into_iter()
        .map(|(n, a)| a.map(|a| (n, a)).ok_or_else(|| err("bad window".into())))
        .collect::<Result<_, _>>()?;
    let tys: Vec<MlirType> = new_types.iter().map(|t| ir::mlir_type(context, t)).collect();
    let new = ir::create_op(context, "jaxr.reduce_window", b.em.location(), &args, &tys, &attrs, 1);
    // The body moves over unchanged.
    let copy = ir::clone_with(op, &HashMap::new());
    ir::move_region(ir::regions(new)[0], ir::regions(copy)[0]);
    ir::erase(copy);
    b.em.insert(new);
    Ok(ir::results(new).into_iter().map(|v| (v, true)).collect())
}

/// The fallback for the few cases without a batched form (a convolution
/// over batched kernels or with batch groups, a window reduction with
/// batched init values): the op once per example, on that example's slices,
/// stacked. B copies of the op, but exact.
pub fn per_example(b: &mut Batcher, op: MlirOperation) -> Result<Vec<(MlirValue, bool)>, String> {
    let inputs = ir::inputs_of(op);
    let results = ir::results(op);
    let result_types = ir::types_of(&results)?;
    let mut stacked: Vec<Vec<MlirValue>> = vec![Vec::new(); results.len()];
    for i in 0..b.size {
        let mut remap = HashMap::new();
        for v in &inputs {
            let (nv, nb) = b.get(*v);
            let value = if nb {
                let t = type_of(*v)?;
                let full = [vec![b.size], t.shape.clone()].concat();
                let mut start = vec![0; full.len()];
                let mut limit = full.clone();
                start[0] = i;
                limit[0] = i + 1;
                let s = b.em.op(&Primitive::Slice { start, limit, strides: vec![1; full.len()] }, &[nv])?;
                b.em.op(&Primitive::Reshape { shape: t.shape.clone() }, &[s])?
            } else {
                nv
            };
            remap.insert(key(*v), value);
        }
        let copy = ir::clone_with(op, &remap);
        b.em.insert(copy);
        for (k, r) in ir::results(copy).into_iter().enumerate() {
            let shape = [vec![1], result_types[k].shape.clone()].concat();
            stacked[k].push(b.em.op(&Primitive::Reshape { shape }, &[r])?);
        }
    }
    stacked
        .into_iter()
        .map(|parts| {
            if parts.len() == 1 {
                Ok((parts[0], true))
            } else {
                b.em.op(&Primitive::Concatenate { dimension: 0 }, &parts).map(|v| (v, true))
            }
        })
        .collect()
}

/// Builds `name`, `func` mapped over `in_axes` (-1: unbatched), results at
/// `out_axes`, batch size `size`; placed after `func`.
pub fn build_vmap(
    d: &mut Deriver,
    func: MlirOperation,
    in_axes: &[i64],
    out_axes: &[i64],
    size: i64,
    name: &str,
) -> Result<MlirOperation, Diag> {
    let context = d.context;
    let (inputs, results) = function_signature(func).map_err(|m| Diag::at_op(func, m))?;
    let (new_inputs, new_results) = vmap_signature(&inputs, &results, in_axes, out_axes, size)
        .map_err(|m| Diag::at_op(func, format!("jaxr-vmap: {m}")))?;
    // A declaration (found by the fuzzer: its missing block was read as one).
    if ir::regions(func).first().is_none_or(|r| ir::first_block(*r).ptr.is_null()) {
        let f = crate::function::symbol_name(func);
        return Err(Diag::at_op(func, format!("jaxr-vmap: cannot batch '@{f}': it has no body")));
    }
    // A scratch copy with everything the rules do not see expanded:
    // transformation ops, random ops, calls.
    let scratch = d.prepared_copy(func)?;
    let loc = ir::location_of(func);
    let ins: Vec<MlirType> = new_inputs.iter().map(|t| ir::mlir_type(context, t)).collect();
    let outs: Vec<MlirType> = new_results.iter().map(|t| ir::mlir_type(context, t)).collect();
    // SAFETY: building a function type and a new func.func with one block.
    let new = unsafe {
        let ft = mlirFunctionTypeGet(
            context.to_raw(),
            ins.len() as isize,
            ins.as_ptr(),
            outs.len() as isize,
            outs.as_ptr(),
        );
        let attrs = [("sym_name", string_attr(context, name)), ("function_type", mlirTypeAttrGet(ft))];
        ir::create_op(context, "func.func", loc, &[], &[], &attrs, 1)
    };
    let (block, ret) = {
        let locs = vec![loc; ins.len()];
        // SAFETY: a new block in the new function's region, with a return.
        unsafe {
            let block = mlirBlockCreate(ins.len() as isize, ins.as_ptr(), locs.as_ptr());
            mlirRegionAppendOwnedBlock(ir::regions(new)[0], block);
            let ret = ir::create_op(context, "func.return", loc, &[], &[], &[], 0);
            mlirBlockAppendOwnedOperation(block, ret);
            (block, ret)
        }
    };
    d.place_after(func, new);
    batched_shardings(context, func, new, in_axes, out_axes);
    let rule_calls = PendingRuleCalls::default();
    let mut b = Batcher { em: Emitter::new(context, block, ret, loc), size, map: HashMap::new(), rule_calls };
    let err = |m: String| Diag::at_op(func, format!("jaxr-vmap: {m}"));
    let scratch_block = ir::first_block(ir::regions(scratch)[0]);
    for (k, (old, new_arg)) in ir::block_args(scratch_block).iter().zip(ir::block_args(block)).enumerate() {
        let a = in_axes[k];
        let v = if a > 0 {
            let rank = inputs[k].rank() + 1;
            let mut perm = vec![a];
            perm.extend((0..rank as i64).filter(|d| *d != a));
            b.em.op(&Primitive::Transpose { permutation: perm }, &[new_arg]).map_err(err)?
        } else {
            new_arg
        };
        b.map.insert(key(*old), (v, a >= 0));
    }
    let ops = ir::ops_of(scratch_block);
    batch_ops(&mut b, &ops)?;
    for (op, batched) in b.rule_calls.take() {
        // The op is in the module now: the functions it names resolve.
        let functions = crate::rule_calls::functions_to_batch(op, &batched)
            .map_err(|m| Diag::at_op(op, format!("jaxr-vmap: {m}")))?;
        let mut names = Vec::new();
        for (attr, f, ins, outs) in functions {
            names.push((attr, d.derived_vmap(&f, &ins, &outs, size, op)?));
        }
        crate::rule_calls::set_functions(d, op, &names);
    }
    let returned = ops.last().map(|t| ir::operands(*t)).unwrap_or_default();
    let mut values = Vec::new();
    for (k, v) in returned.iter().enumerate() {
        let (nv, nb) = b.get(*v);
        let a = out_axes[k];
        if a < 0 {
            if nb {
                return Err(err(format!(
                    "result {k} depends on batched arguments, but out_axes[{k}] is -1 (none)"
                )));
            }
            values.push(nv);
            continue;
        }
        let nv = b.batched(nv, nb, &results[k]).map_err(err)?;
        values.push(if a > 0 {
            let rank = results[k].rank() + 1;
            let mut perm: Vec<i64> = (1..=a).collect();
            perm.push(0);
            perm.extend((a + 1)..rank as i64);
            b.em.op(&Primitive::Transpose { permutation: perm }, &[nv]).map_err(err)?
        } else {
            nv
        });
    }
    ir::set_operands(ret, &values);
    ir::erase(scratch);
    // The batched copies of collectives get channels of their own.
    d.channels.renumber(d.context, new).map_err(err)?;
    Ok(new)
}

/// A GSPMD sharding string with an unsharded dimension inserted at `axis`
/// (a tile count of 1 there); replicated and maximal shardings are
/// unchanged. `None` for the forms it does not rewrite (manual, subgroups).
pub fn with_unsharded_dim(sharding: &str, axis: usize) -> Option<String> {
    let body = sharding.trim().strip_prefix('{')?.strip_suffix('}')?.trim();
    // A manual value (a shard_map body's) stays manual with the batch.
    if body == "replicated" || body == "manual" || body.starts_with("maximal ") {
        return Some(sharding.to_string());
    }
    let tiled = body.strip_prefix("devices=[")?;
    let (dims, rest) = tiled.split_once(']')?;
    if rest.contains("last_tile_dims") {
        return None;
    }
    let mut dims: Vec<&str> = dims.split(',').map(str::trim).collect();
    if axis > dims.len() {
        return None;
    }
    dims.insert(axis, "1");
    Some(format!("{{devices=[{}]{rest}}}", dims.join(",")))
}

/// A Shardy sharding (`#sdy.sharding<@mesh, [{"data"}, {}]>`) with an
/// unsharded dimension inserted at `axis`; `None` when the text is not
/// one or `axis` is past its rank.
pub fn with_unsharded_sdy_dim(sharding: &str, axis: usize) -> Option<String> {
    let mut parsed = jaxr_syntax::shardy::parse_sharding(sharding).ok()?;
    if axis > parsed.dims.len() {
        return None;
    }
    parsed.dims.insert(axis, jaxr_syntax::shardy::DimSharding::default());
    Some(parsed.to_string())
}

/// The sharding attribute `name` (`mhlo.sharding` or Shardy's
/// `sharding`/`sdy.sharding`) of a value batched at `axis`: the same
/// layout with an unsharded dimension there.
pub(crate) fn batched_sharding(
    context: &melior::Context,
    name: &str,
    attr: MlirAttribute,
    axis: usize,
) -> Option<MlirAttribute> {
    if name == "mhlo.sharding" {
        let text = jaxr_dialect::raw::string(attr)?;
        return with_unsharded_dim(&text, axis).map(|t| crate::function::string_attr(context, &t));
    }
    // SAFETY: an attribute of the live context.
    let text = unsafe { melior::ir::Attribute::from_raw(attr) }.to_string();
    let batched = with_unsharded_sdy_dim(&text, axis)?;
    melior::ir::Attribute::parse(context, &batched).map(|a| a.to_raw())
}

/// jaxr-vmap adds an unsharded batch dimension: each batched argument and
/// result keeps its sharding with a tile count of 1 at its batch axis.
fn batched_shardings(
    context: &melior::Context,
    func: MlirOperation,
    new: MlirOperation,
    in_axes: &[i64],
    out_axes: &[i64],
) {
    use crate::function::{set_shardings, shardings_of};
    let rewrite = |sharding: Option<ShardingAttr>, axis: i64| {
        let (name, attr) = sharding?;
        if axis < 0 {
            return Some((name, attr));
        }
        batched_sharding(context, name, attr, axis as usize).map(|a| (name, a))
    };
    let args: Vec<_> = shardings_of(func, "arg_attrs", in_axes.len())
        .into_iter()
        .zip(in_axes)
        .map(|(s, a)| rewrite(s, *a))
        .collect();
    let outs: Vec<_> = shardings_of(func, "res_attrs", out_axes.len())
        .into_iter()
        .zip(out_axes)
        .map(|(s, a)| rewrite(s, *a))
        .collect();
    set_shardings(context, new, "arg_attrs", &args);
    set_shardings(context, new, "res_attrs", &outs);
}

#[cfg(test)]
mod sharding_tests {
    use super::{with_unsharded_dim, with_unsharded_sdy_dim};

    #[test]
    fn a_batch_dimension_is_unsharded() {
        assert_eq!(with_unsharded_dim("{devices=[8,1]<=[8]}", 0).unwrap(), "{devices=[1,8,1]<=[8]}");
        assert_eq!(
            with_unsharded_dim("{devices=[4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}", 1).unwrap(),
            "{devices=[4,1,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"
        );
        assert_eq!(with_unsharded_dim("{replicated}", 0).unwrap(), "{replicated}");
        assert_eq!(with_unsharded_dim("{manual}", 0).unwrap(), "{manual}");
        assert_eq!(with_unsharded_dim("{unknown}", 0), None);
    }

    #[test]
    fn a_batch_dimension_is_unsharded_in_shardy_form_too() {
        let sharding = r#"#sdy.sharding<@mesh, [{"data"}, {"model", ?}]>"#;
        assert_eq!(
            with_unsharded_sdy_dim(sharding, 0).unwrap(),
            r#"#sdy.sharding<@mesh, [{}, {"data"}, {"model", ?}]>"#
        );
        assert_eq!(
            with_unsharded_sdy_dim(sharding, 2).unwrap(),
            r#"#sdy.sharding<@mesh, [{"data"}, {"model", ?}, {}]>"#
        );
        assert_eq!(with_unsharded_sdy_dim(sharding, 3), None);
        assert_eq!(with_unsharded_sdy_dim("{devices=[8]<=[8]}", 0), None);
    }
}
