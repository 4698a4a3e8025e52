//! The `jaxr-control-opt` pass: simplifications of `jaxr.cond` and
//! `jaxr.while` that the e-graph simplifier (which sees one block at a time
//! and treats region ops as opaque) and MLIR's upstream passes (our region
//! ops have no canonicalizers and implement neither `RegionBranchOpInterface`
//! nor `LoopLikeOpInterface`) do not do.
//!
//! Repeated until nothing changes, on every `jaxr.cond` and `jaxr.while` of
//! the module (innermost first):
//!
//! `jaxr.cond`
//! 1. **Known branch.** A cond with one branch, or whose index is a constant,
//!    is replaced by the ops of the branch it selects (an i32 index out of
//!    range selects the last branch; an i1 predicate branch 1 when true).
//! 2. **Predicate.** An index `convert_element_type(p : i1 -> int)` becomes
//!    the predicate `p` itself (two branches: `convert(true) = 1` selects
//!    branch 1, as `p = true` does; branches 2.. can never run and go).
//!    Lowered, this is a `stablehlo.if` on `p` instead of a `stablehlo.case`
//!    on a convert.
//! 3. **Same value.** A result that every branch yields as the same value
//!    defined outside the cond is replaced by that value.
//! 4. **Forwarding.** A use of result `j` of a cond inside branch `k` of a
//!    cond on the same index value (same SSA value, same number of branches)
//!    is replaced by what branch `k` of the first cond yields for `j`, when
//!    that value is defined outside the first cond.
//! 5. **Common ops**: a pure op that every branch computes identically
//!    (same name, attributes and operands, all defined outside the cond)
//!    moves before the cond, once.
//! 6. **Unused results** are dropped (and the branch ops that only computed
//!    them).
//!
//! `jaxr.while`
//! 7. **Invariant carries**: a carry that the body yields unchanged (its own
//!    block argument, or the carry's initial value) is replaced by its
//!    initial value in both regions and after the loop.
//! 8. **Duplicate carries**: two carries with the same initial value whose
//!    next values are computed the same way (same pure ops, attributes and
//!    types, taking the two carries as equal) hold equal values in every
//!    iteration; the later one is replaced by the earlier.
//! 9. **Dead carries**: a carry that no result use, the condition, an op with
//!    side effects or another live carry needs is removed.
//! 10. **Loop-invariant code motion**: pure ops of the condition or body whose
//!     operands (and values their regions capture) are all defined outside
//!     the loop move before it, in order.
//!
//! Bodies
//! 11. `broadcast_in_dim` of a splat constant inside a cond or while region
//!     becomes a splat constant of the result type.
//! 12. Constants in cond and while regions move before the op (merged with
//!     an equal constant there), so that branches yielding equal constants
//!     yield the same value.
//! 13. Pure ops without uses inside cond and while regions are erased.
//!
//! Every rewrite keeps the computed values bit for bit: no arithmetic is
//! changed, only where (and whether) a value is computed. The order of the
//! walk is the module's order, so the output is deterministic.

use std::collections::HashSet;

use jaxr_dialect::op_table;
use jaxr_dialect::raw::{self, string_ref};
use jaxr_passes::{PassDef, PassOptions};
use melior::ir::operation::OperationRefMut;
use mlir_sys::*;

use crate::ir::{self, Diag};

/// `jaxr-control-opt`.
pub const PASS: PassDef = PassDef {
    name: "jaxr-control-opt",
    summary: "Simplify jaxr.cond and jaxr.while: known branches, predicates instead of converted indices, forwarded and unused results, invariant and dead carries, loop-invariant code motion",
    options: &[],
    run: run_pass,
};

/// At most this many rewrites (each removes a result, a carry, a branch, an
/// op or a use, so the loop ends well before).
const MAX_REWRITES: usize = 100_000;

/// What one run changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Conds replaced by the branch they select.
    pub conds_inlined: usize,
    /// Converted indices replaced by their predicate.
    pub predicates: usize,
    /// Cond results replaced by a value from outside (same in every branch,
    /// or forwarded into a cond on the same index).
    pub results_forwarded: usize,
    /// Unused cond results dropped.
    pub results_dropped: usize,
    /// Invariant while carries replaced by their initial value.
    pub carries_invariant: usize,
    /// While carries merged with an equal earlier carry.
    pub carries_merged: usize,
    /// Dead while carries removed.
    pub carries_dropped: usize,
    /// Ops moved out of loops.
    pub ops_hoisted: usize,
    /// Broadcasts of splat constants made constants.
    pub splats: usize,
    /// Unused pure ops erased in region bodies.
    pub ops_erased: usize,
    /// Constants moved out of region bodies (or merged with an equal one
    /// before the op).
    pub constants_hoisted: usize,
}

fn run_pass(module: &mut OperationRefMut, _options: &PassOptions) -> Result<(), Diag> {
    optimize_control(module.to_raw()).map(|_| ())
}

/// Runs the control-flow simplifications on `module` (a `builtin.module`).
pub fn optimize_control(module: MlirOperation) -> Result<Stats, Diag> {
    if ir::name_of(module) != "builtin.module" {
        return Err(Diag::at_op(module, "jaxr-control-opt: expected a builtin.module"));
    }
    let mut stats = Stats::default();
    let mut rewrites = 0;
    'rounds: loop {
        let ops = ir::nested_ops(module, &|n| n == "jaxr.cond" || n == "jaxr.while");
        for op in ops {
            let changed = if ir::name_of(op) == "jaxr.cond" {
                simplify_cond(op, &mut stats)?
            } else {
                simplify_while(op, &mut stats)?
            };
            if changed {
                rewrites += 1;
                if rewrites >= MAX_REWRITES {
                    break 'rounds;
                }
                // The op may be gone or rebuilt: collect again.
                continue 'rounds;
            }
        }
        break;
    }
    Ok(stats)
}

// ---------------------------------------------------------------- helpers

/// Whether `block` lies inside `op` (in one of its regions, at any depth).
fn block_inside(mut block: MlirBlock, op: MlirOperation) -> bool {
    // SAFETY: walking parents of live IR.
    unsafe {
        while !block.ptr.is_null() {
            let parent = mlirBlockGetParentOperation(block);
            if parent.ptr.is_null() {
                return false;
            }
            if parent.ptr == op.ptr {
                return true;
            }
            block = mlirOperationGetBlock(parent);
        }
    }
    false
}

/// Whether `v` is defined outside `op` (not by it, not inside it).
fn outside(v: MlirValue, op: MlirOperation) -> bool {
    if ir::defining_op(v).is_some_and(|d| d.ptr == op.ptr) {
        return false;
    }
    !block_inside(ir::defining_block(v), op)
}

fn same(a: MlirValue, b: MlirValue) -> bool {
    a.ptr == b.ptr
}

/// Whether `op` has no side effects: a pure op, or an op with regions
/// (`RecursiveMemoryEffects`) whose nested ops are all pure or terminators.
/// Unknown ops (calls, unregistered dialects) are not pure.
fn is_pure(op: MlirOperation) -> bool {
    let name = ir::name_of(op);
    match op_table::record(&name) {
        Some(r) if r.pure => true,
        Some(r) if !r.regions.is_empty() => ir::regions(op).into_iter().all(|region| {
            blocks_of(region).into_iter().all(|b| {
                ir::ops_of(b).into_iter().all(|inner| {
                    is_pure(inner) || op_table::record(&ir::name_of(inner)).is_some_and(|r| r.terminator)
                })
            })
        }),
        _ => false,
    }
}

fn blocks_of(region: MlirRegion) -> Vec<MlirBlock> {
    let mut out = Vec::new();
    let mut b = ir::first_block(region);
    while !b.ptr.is_null() {
        out.push(b);
        // SAFETY: a live block.
        b = unsafe { mlirBlockGetNextInRegion(b) };
    }
    out
}

/// The single block of each region of `op` (`None` if a region is empty or
/// has several blocks, which the verifier rejects for our ops).
fn single_blocks(op: MlirOperation) -> Option<Vec<MlirBlock>> {
    ir::regions(op)
        .into_iter()
        .map(|r| {
            let bs = blocks_of(r);
            (bs.len() == 1).then(|| bs[0])
        })
        .collect()
}

/// The terminator of a block, if it is a `jaxr.yield`.
fn yield_of(block: MlirBlock) -> Option<MlirOperation> {
    // SAFETY: a live block.
    let t = unsafe { mlirBlockGetTerminator(block) };
    (!t.ptr.is_null() && ir::name_of(t) == "jaxr.yield").then_some(t)
}

fn is_constant(op: MlirOperation) -> bool {
    matches!(ir::name_of(op).as_str(), "jaxr.constant" | "stablehlo.constant")
        && ir::operands(op).is_empty()
        && ir::results(op).len() == 1
}

/// The splat value of the constant defining `v` (an integer or float
/// attribute), if it is one.
fn splat_of(v: MlirValue) -> Option<MlirAttribute> {
    let op = ir::defining_op(v).filter(|op| is_constant(*op))?;
    let value = raw::attribute(op, "value")?;
    // SAFETY: reading a live attribute after checking its kind.
    unsafe {
        if !mlirAttributeIsADenseElements(value) || !mlirDenseElementsAttrIsSplat(value) {
            return None;
        }
        let s = mlirDenseElementsAttrGetSplatValue(value);
        (mlirAttributeIsAInteger(s) || mlirAttributeIsAFloat(s)).then_some(s)
    }
}

/// The integer a constant index holds (i1 `true` is 1).
fn constant_index(v: MlirValue) -> Option<i64> {
    let s = splat_of(v)?;
    // SAFETY: reading a live attribute after checking its kind.
    unsafe {
        if !mlirAttributeIsAInteger(s) {
            return None;
        }
        let t = mlirAttributeGetType(s);
        if mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1 {
            return Some((mlirIntegerAttrGetValueUInt(s) & 1) as i64);
        }
        if mlirTypeIsAInteger(t) && mlirIntegerTypeIsUnsigned(t) {
            return i64::try_from(mlirIntegerAttrGetValueUInt(s)).ok().or(Some(i64::MAX));
        }
        Some(mlirIntegerAttrGetValueInt(s))
    }
}

/// The element type of a tensor value.
fn element_type(v: MlirValue) -> Option<MlirType> {
    // SAFETY: reading the type of a live value after checking its kind.
    unsafe {
        let t = mlirValueGetType(v);
        mlirTypeIsAShaped(t).then(|| mlirShapedTypeGetElementType(t))
    }
}

fn is_i1(v: MlirValue) -> bool {
    // SAFETY: reading a live type after checking its kind.
    element_type(v).is_some_and(|t| unsafe { mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1 })
}

fn is_integer(v: MlirValue) -> bool {
    // SAFETY: reading a live type.
    element_type(v).is_some_and(|t| unsafe { mlirTypeIsAInteger(t) })
}

/// The attributes of `op` (inherent ones included), by name.
fn named_attributes(op: MlirOperation) -> Vec<MlirNamedAttribute> {
    // SAFETY: indices in range of a live op.
    unsafe { (0..mlirOperationGetNumAttributes(op)).map(|i| mlirOperationGetAttribute(op, i)).collect() }
}

/// Builds an op named like `old`, with its attributes and location, the
/// given operands and result types, and the regions `regions` of `old`
/// (moved, in that order); inserts it before `old`. `old` is left in place
/// (empty regions) for the caller to rewire and erase.
fn rebuild(
    old: MlirOperation,
    operands: &[MlirValue],
    types: &[MlirType],
    regions: &[usize],
) -> MlirOperation {
    let old_regions = ir::regions(old);
    // SAFETY: the state is filled with live handles and consumed by create;
    // the new op is inserted in the old op's block.
    unsafe {
        let mut state =
            mlirOperationStateGet(mlirIdentifierStr(mlirOperationGetName(old)), ir::location_of(old));
        mlirOperationStateAddOperands(&mut state, operands.len() as isize, operands.as_ptr());
        mlirOperationStateAddResults(&mut state, types.len() as isize, types.as_ptr());
        let attrs = named_attributes(old);
        mlirOperationStateAddAttributes(&mut state, attrs.len() as isize, attrs.as_ptr());
        let new_regions: Vec<MlirRegion> = regions.iter().map(|_| mlirRegionCreate()).collect();
        mlirOperationStateAddOwnedRegions(&mut state, new_regions.len() as isize, new_regions.as_ptr());
        let new = mlirOperationCreate(&mut state);
        for (to, from) in ir::regions(new).into_iter().zip(regions) {
            ir::move_region(to, old_regions[*from]);
        }
        mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(old), old, new);
        new
    }
}

fn types_of(values: &[MlirValue]) -> Vec<MlirType> {
    // SAFETY: reading types of live values.
    values.iter().map(|v| unsafe { mlirValueGetType(*v) }).collect()
}

fn keep<T: Copy>(items: &[T], drop: &HashSet<usize>) -> Vec<T> {
    items.iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, x)| *x).collect()
}

/// The uses of `v`: (owner, operand number).
fn uses_of(v: MlirValue) -> Vec<(MlirOperation, usize)> {
    let mut out = Vec::new();
    // SAFETY: walking the use list of a live value.
    unsafe {
        let mut u = mlirValueGetFirstUse(v);
        while !mlirOpOperandIsNull(u) {
            out.push((mlirOpOperandGetOwner(u), mlirOpOperandGetOperandNumber(u) as usize));
            u = mlirOpOperandGetNextUse(u);
        }
    }
    out
}

// ---------------------------------------------------------------- cond

fn simplify_cond(cond: MlirOperation, stats: &mut Stats) -> Result<bool, Diag> {
    if clean_bodies(cond, stats) {
        return Ok(true);
    }
    let operands = ir::operands(cond);
    let Some(blocks) = single_blocks(cond) else { return Ok(false) };
    let (Some(&index), false) = (operands.first(), blocks.is_empty()) else { return Ok(false) };
    let Some(yields) = blocks.iter().map(|b| yield_of(*b)).collect::<Option<Vec<_>>>() else {
        return Ok(false);
    };
    let results = ir::results(cond);
    if yields.iter().any(|y| ir::operands(*y).len() != results.len())
        || blocks.iter().any(|b| !ir::block_args(*b).is_empty())
    {
        return Ok(false);
    }
    let n = blocks.len();
    // 1. Known branch.
    let known = if n == 1 {
        Some(0)
    } else {
        constant_index(index).map(|k| {
            if is_i1(index) {
                usize::from(k != 0)
            } else {
                usize::try_from(k).ok().filter(|k| *k < n).unwrap_or(n - 1)
            }
        })
    };
    if let Some(k) = known {
        inline_branch(cond, blocks[k], yields[k]);
        stats.conds_inlined += 1;
        return Ok(true);
    }
    // 2. A converted predicate.
    if let Some(convert) = ir::defining_op(index) {
        let from = ir::operands(convert);
        if ir::name_of(convert) == "jaxr.convert_element_type"
            && from.len() == 1
            && is_i1(from[0])
            && is_integer(index)
            && !is_i1(index)
        {
            if n == 2 {
                // SAFETY: setting the index operand of a live op.
                unsafe { mlirOperationSetOperand(cond, 0, from[0]) };
            } else {
                let new = rebuild(cond, &[from[0]], &types_of(&results), &[0, 1]);
                for (old, v) in results.iter().zip(ir::results(new)) {
                    ir::replace_uses(*old, v);
                }
                ir::erase(cond);
            }
            if !ir::has_uses(index) {
                ir::erase(convert);
            }
            stats.predicates += 1;
            return Ok(true);
        }
    }
    let mut changed = false;
    for (j, r) in results.iter().enumerate() {
        let yielded: Vec<MlirValue> = yields.iter().map(|y| ir::operands(*y)[j]).collect();
        // 3. The same value from outside in every branch.
        if yielded.iter().all(|v| same(*v, yielded[0])) && outside(yielded[0], cond) {
            if ir::has_uses(*r) {
                ir::replace_uses(*r, yielded[0]);
                stats.results_forwarded += 1;
                changed = true;
            }
            continue;
        }
        // 4. Uses inside branch k of a cond on the same index.
        for (owner, number) in uses_of(*r) {
            if let Some(k) = branch_on_same_index(owner, cond, index, n) {
                if outside(yielded[k], cond) {
                    // SAFETY: setting an operand of a live op to a value that
                    // dominates it (defined before `cond`, which dominates it).
                    unsafe { mlirOperationSetOperand(owner, number as isize, yielded[k]) };
                    stats.results_forwarded += 1;
                    changed = true;
                }
            }
        }
    }
    if changed {
        return Ok(true);
    }
    // 5. An op that every branch computes the same way from outside values.
    if n > 1 && hoist_common_op(cond, &blocks, stats) {
        return Ok(true);
    }
    // 6. Unused results.
    drop_unused_cond_results(cond, stats)
}

/// Moves before `cond` the first op of branch 0 that is pure, has no
/// regions, uses only values defined outside `cond`, and has an identical
/// op (same name, attributes, operands and result types) in every other
/// branch; those are replaced by it. Whether one moved.
fn hoist_common_op(cond: MlirOperation, blocks: &[MlirBlock], stats: &mut Stats) -> bool {
    for x in ir::ops_of(blocks[0]) {
        if !ir::regions(x).is_empty()
            || op_table::record(&ir::name_of(x)).is_some_and(|r| r.terminator)
            || !is_pure(x)
            || !ir::operands(x).iter().all(|v| outside(*v, cond))
        {
            continue;
        }
        let twins: Option<Vec<MlirOperation>> =
            blocks[1..].iter().map(|b| ir::ops_of(*b).into_iter().find(|y| identical_ops(x, *y))).collect();
        let Some(twins) = twins else { continue };
        // SAFETY: moving a live op before `cond`, where its operands are defined.
        unsafe { mlirOperationMoveBefore(x, cond) };
        for y in twins {
            for (old, new) in ir::results(y).into_iter().zip(ir::results(x)) {
                ir::replace_uses(old, new);
            }
            ir::erase(y);
        }
        stats.ops_hoisted += 1;
        return true;
    }
    false
}

/// Whether two ops without regions compute the same: same name, attributes,
/// operands (the same values) and result types.
fn identical_ops(x: MlirOperation, y: MlirOperation) -> bool {
    let (ox, oy) = (ir::operands(x), ir::operands(y));
    let (rx, ry) = (ir::results(x), ir::results(y));
    // SAFETY: reading live ops, values and attributes.
    unsafe {
        if !mlirIdentifierEqual(mlirOperationGetName(x), mlirOperationGetName(y))
            || !ir::regions(y).is_empty()
            || ox.len() != oy.len()
            || rx.len() != ry.len()
            || !ox.iter().zip(&oy).all(|(a, b)| same(*a, *b))
            || !rx.iter().zip(&ry).all(|(a, b)| mlirTypeEqual(mlirValueGetType(*a), mlirValueGetType(*b)))
        {
            return false;
        }
        let (ax, ay) = (named_attributes(x), named_attributes(y));
        ax.len() == ay.len()
            && ax.iter().all(|p| {
                ay.iter().any(|q| {
                    mlirIdentifierEqual(p.name, q.name) && mlirAttributeEqual(p.attribute, q.attribute)
                })
            })
    }
}

/// If `op` lies in branch `k` of a cond (other than `first`) on `index` with
/// `n` branches, at any depth, returns `k`.
fn branch_on_same_index(
    op: MlirOperation,
    first: MlirOperation,
    index: MlirValue,
    n: usize,
) -> Option<usize> {
    let mut inner = op;
    loop {
        // SAFETY: walking the parents of live ops.
        let (block, parent) = unsafe {
            let block = mlirOperationGetBlock(inner);
            if block.ptr.is_null() {
                return None;
            }
            (block, mlirBlockGetParentOperation(block))
        };
        if parent.ptr.is_null() {
            return None;
        }
        if parent.ptr != first.ptr && ir::name_of(parent) == "jaxr.cond" {
            let ops = ir::operands(parent);
            let regions = ir::regions(parent);
            if ops.first().is_some_and(|i| same(*i, index)) && regions.len() == n {
                // SAFETY: a live block.
                let region = unsafe { mlirBlockGetParentRegion(block) };
                if let Some(k) = regions.iter().position(|r| r.ptr == region.ptr) {
                    return Some(k);
                }
            }
        }
        inner = parent;
    }
}

/// Replaces `cond` by the ops of `block` (moved before it) and its results
/// by what `yield_op` yields.
fn inline_branch(cond: MlirOperation, block: MlirBlock, yield_op: MlirOperation) {
    for op in ir::ops_of(block) {
        if op.ptr != yield_op.ptr {
            // SAFETY: moving a live op before a live op of another block.
            unsafe { mlirOperationMoveBefore(op, cond) };
        }
    }
    for (r, v) in ir::results(cond).into_iter().zip(ir::operands(yield_op)) {
        ir::replace_uses(r, v);
    }
    ir::erase(cond);
}

/// Drops the results of `cond` that nothing uses.
fn drop_unused_cond_results(cond: MlirOperation, stats: &mut Stats) -> Result<bool, Diag> {
    let results = ir::results(cond);
    let dead: HashSet<usize> = (0..results.len()).filter(|j| !ir::has_uses(results[*j])).collect();
    if dead.is_empty() {
        return Ok(false);
    }
    let Some(blocks) = single_blocks(cond) else { return Ok(false) };
    let Some(yields) = blocks.iter().map(|b| yield_of(*b)).collect::<Option<Vec<_>>>() else {
        return Ok(false);
    };
    if yields.iter().any(|y| ir::operands(*y).len() != results.len()) {
        return Ok(false);
    }
    for y in &yields {
        ir::set_operands(*y, &keep(&ir::operands(*y), &dead));
    }
    let kept = keep(&results, &dead);
    let regions: Vec<usize> = (0..blocks.len()).collect();
    let new = rebuild(cond, &ir::operands(cond), &types_of(&kept), &regions);
    for (old, v) in kept.iter().zip(ir::results(new)) {
        ir::replace_uses(*old, v);
    }
    ir::erase(cond);
    stats.results_dropped += dead.len();
    for b in single_blocks(new).unwrap_or_default() {
        erase_dead_in_block(b, stats);
    }
    Ok(true)
}

// ---------------------------------------------------------------- while

fn simplify_while(w: MlirOperation, stats: &mut Stats) -> Result<bool, Diag> {
    if clean_bodies(w, stats) {
        return Ok(true);
    }
    let inits = ir::operands(w);
    let results = ir::results(w);
    let Some(blocks) = single_blocks(w) else { return Ok(false) };
    let [cond_block, body_block] = blocks[..] else { return Ok(false) };
    let (Some(cond_yield), Some(body_yield)) = (yield_of(cond_block), yield_of(body_block)) else {
        return Ok(false);
    };
    let n = inits.len();
    let cond_args = ir::block_args(cond_block);
    let body_args = ir::block_args(body_block);
    let next = ir::operands(body_yield);
    if cond_args.len() != n || body_args.len() != n || next.len() != n || results.len() != n {
        return Ok(false);
    }
    // 7. Invariant carries.
    let mut changed = false;
    for i in 0..n {
        if !(same(next[i], body_args[i]) || same(next[i], inits[i])) {
            continue;
        }
        let used = ir::has_uses(cond_args[i])
            || ir::has_uses(results[i])
            || uses_of(body_args[i]).iter().any(|(o, _)| o.ptr != body_yield.ptr);
        if used {
            ir::replace_uses(cond_args[i], inits[i]);
            ir::replace_uses(results[i], inits[i]);
            ir::replace_uses(body_args[i], inits[i]);
            stats.carries_invariant += 1;
            changed = true;
        }
    }
    if changed {
        return Ok(true);
    }
    // 8. Duplicate carries: same initial value, and next values computed
    // the same way from either carry. By induction both hold the same value
    // in every iteration; the later one is replaced by the earlier.
    for j in 0..n {
        for i in 0..j {
            if !same(inits[i], inits[j]) {
                continue;
            }
            let pair = (body_args[i], body_args[j]);
            if !equivalent(next[i], next[j], pair, 16) {
                continue;
            }
            let used = ir::has_uses(cond_args[j])
                || ir::has_uses(results[j])
                || uses_of(body_args[j]).iter().any(|(o, _)| o.ptr != body_yield.ptr);
            if used {
                ir::replace_uses(cond_args[j], cond_args[i]);
                ir::replace_uses(results[j], results[i]);
                ir::replace_uses(body_args[j], body_args[i]);
                stats.carries_merged += 1;
                return Ok(true);
            }
        }
    }
    // 9. Dead carries.
    let live = live_carries(w, cond_block, body_block, body_yield, &results, &cond_args, &body_args);
    let dead: HashSet<usize> = (0..n).filter(|i| !live[*i]).collect();
    if !dead.is_empty() {
        for i in &dead {
            if ir::has_uses(results[*i]) || ir::has_uses(cond_args[*i]) {
                return Err(Diag::at_op(w, "jaxr-control-opt: internal error: dropping a used carry"));
            }
        }
        ir::set_operands(body_yield, &keep(&next, &dead));
        // The body's uses of dead carries are in dead ops: erase them first.
        erase_dead_in_block(body_block, stats);
        for i in &dead {
            if uses_of(body_args[*i]).iter().any(|(o, _)| o.ptr != body_yield.ptr) {
                // Still used by an op that is not pure: keep the loop as is
                // (live_carries counts such uses, so this does not happen).
                ir::set_operands(body_yield, &next);
                return Ok(false);
            }
        }
        let kept_inits = keep(&inits, &dead);
        let kept_results = keep(&results, &dead);
        let new = rebuild(w, &kept_inits, &types_of(&kept_inits), &[0, 1]);
        for (old, v) in kept_results.iter().zip(ir::results(new)) {
            ir::replace_uses(*old, v);
        }
        ir::erase(w);
        let mut indices: Vec<usize> = dead.iter().copied().collect();
        indices.sort_unstable_by(|a, b| b.cmp(a));
        for i in indices {
            // SAFETY: erasing unused arguments of live blocks.
            unsafe {
                mlirBlockEraseArgument(cond_block, i as u32);
                mlirBlockEraseArgument(body_block, i as u32);
            }
        }
        stats.carries_dropped += dead.len();
        return Ok(true);
    }
    // 10. Loop-invariant code motion.
    let _ = cond_yield;
    let mut hoisted = false;
    for block in [cond_block, body_block] {
        for op in ir::ops_of(block) {
            if op_table::record(&ir::name_of(op)).is_some_and(|r| r.terminator) {
                continue;
            }
            if is_pure(op) && ir::inputs_of(op).iter().all(|v| outside(*v, w)) {
                // SAFETY: moving a live op before the loop, where all its
                // inputs are defined.
                unsafe { mlirOperationMoveBefore(op, w) };
                stats.ops_hoisted += 1;
                hoisted = true;
            }
        }
    }
    Ok(hoisted)
}

/// Whether `a` and `b` are computed the same way, taking the body arguments
/// `pair` as equal: the same value, the two arguments of `pair`, or results
/// (same number) of pure ops without regions with the same name, attributes,
/// result types and equivalent operands, to `depth` levels.
fn equivalent(a: MlirValue, b: MlirValue, pair: (MlirValue, MlirValue), depth: usize) -> bool {
    if same(a, b) {
        return true;
    }
    let is_pair = |v: MlirValue| same(v, pair.0) || same(v, pair.1);
    if is_pair(a) && is_pair(b) {
        return true;
    }
    if depth == 0 {
        return false;
    }
    let (Some(x), Some(y)) = (ir::defining_op(a), ir::defining_op(b)) else { return false };
    // SAFETY: reading live values, ops and attributes.
    unsafe {
        if mlirOpResultGetResultNumber(a) != mlirOpResultGetResultNumber(b)
            || !mlirTypeEqual(mlirValueGetType(a), mlirValueGetType(b))
            || !mlirIdentifierEqual(mlirOperationGetName(x), mlirOperationGetName(y))
            || !ir::regions(x).is_empty()
            || !ir::regions(y).is_empty()
            || !is_pure(x)
        {
            return false;
        }
        let (ax, ay) = (named_attributes(x), named_attributes(y));
        let attrs_equal = ax.len() == ay.len()
            && ax.iter().all(|p| {
                ay.iter().any(|q| {
                    mlirIdentifierEqual(p.name, q.name) && mlirAttributeEqual(p.attribute, q.attribute)
                })
            });
        let (ox, oy) = (ir::operands(x), ir::operands(y));
        attrs_equal
            && ox.len() == oy.len()
            && ox.iter().zip(&oy).all(|(p, q)| equivalent(*p, *q, pair, depth - 1))
    }
}

/// Which carries are needed: by a use of the loop's result, by the
/// condition, by an op of the body with side effects, or by the next value
/// of a needed carry.
fn live_carries(
    w: MlirOperation,
    cond_block: MlirBlock,
    body_block: MlirBlock,
    body_yield: MlirOperation,
    results: &[MlirValue],
    cond_args: &[MlirValue],
    body_args: &[MlirValue],
) -> Vec<bool> {
    let _ = cond_block;
    let n = results.len();
    let mut live: Vec<bool> =
        (0..n).map(|i| ir::has_uses(results[i]) || ir::has_uses(cond_args[i])).collect();
    let next = ir::operands(body_yield);
    // The body args each op of the body needs (its operands and captured
    // values, through the ops that define them).
    let ops = ir::ops_of(body_block);
    let arg_index = |v: MlirValue| body_args.iter().position(|a| same(*a, v));
    let mut needs: Vec<(usize, HashSet<usize>)> = Vec::new(); // op ptr -> args
    let needs_of = |v: MlirValue, needs: &Vec<(usize, HashSet<usize>)>| -> HashSet<usize> {
        if let Some(i) = arg_index(v) {
            return HashSet::from([i]);
        }
        match ir::defining_op(v) {
            Some(d) => {
                needs.iter().find(|(p, _)| *p == d.ptr as usize).map(|(_, s)| s.clone()).unwrap_or_default()
            }
            None => HashSet::new(),
        }
    };
    let mut roots: HashSet<usize> = HashSet::new();
    for op in &ops {
        if op.ptr == body_yield.ptr {
            continue;
        }
        let mut set = HashSet::new();
        for v in ir::inputs_of(*op) {
            set.extend(needs_of(v, &needs));
        }
        if !is_pure(*op) {
            roots.extend(set.iter().copied());
        }
        needs.push((op.ptr as usize, set));
    }
    let _ = w;
    for i in roots {
        live[i] = true;
    }
    loop {
        let mut grew = false;
        for i in 0..n {
            if live[i] {
                for j in needs_of(next[i], &needs) {
                    if !live[j] {
                        live[j] = true;
                        grew = true;
                    }
                }
            }
        }
        if !grew {
            return live;
        }
    }
}

// ---------------------------------------------------------------- bodies

/// Splat broadcasts made constants, constants moved before `op` (one per
/// value there), unused pure ops erased, in the regions of `op`; whether
/// anything changed. Every op nested in `op` was visited before `op`.
fn clean_bodies(op: MlirOperation, stats: &mut Stats) -> bool {
    let before = *stats;
    fold_splat_broadcasts(op, stats);
    hoist_constants(op, stats);
    erase_dead_ops(op, stats);
    *stats != before
}

/// Moves the constants of `op`'s regions (not those nested deeper) before
/// `op`, or uses an equal constant that is already there.
fn hoist_constants(op: MlirOperation, stats: &mut Stats) {
    for region in ir::regions(op) {
        for block in blocks_of(region) {
            for k in ir::ops_of(block) {
                if !is_constant(k) {
                    continue;
                }
                if !ir::has_uses(ir::results(k)[0]) {
                    ir::erase(k);
                    stats.ops_erased += 1;
                    continue;
                }
                // SAFETY: a live op.
                let outer = unsafe { mlirOperationGetBlock(op) };
                let equal = ir::ops_of(outer)
                    .into_iter()
                    .take_while(|o| o.ptr != op.ptr)
                    .find(|o| is_constant(*o) && same_constant(*o, k));
                match equal {
                    Some(e) => {
                        ir::replace_uses(ir::results(k)[0], ir::results(e)[0]);
                        ir::erase(k);
                    }
                    // SAFETY: moving a constant (no operands) before `op`.
                    None => unsafe { mlirOperationMoveBefore(k, op) },
                }
                stats.constants_hoisted += 1;
            }
        }
    }
}

/// Whether two constant ops are the same op with equal values and types.
fn same_constant(a: MlirOperation, b: MlirOperation) -> bool {
    if ir::name_of(a) != ir::name_of(b) {
        return false;
    }
    let (Some(va), Some(vb)) = (raw::attribute(a, "value"), raw::attribute(b, "value")) else {
        return false;
    };
    // SAFETY: comparing live attributes and types.
    unsafe {
        mlirAttributeEqual(va, vb)
            && mlirTypeEqual(mlirValueGetType(ir::results(a)[0]), mlirValueGetType(ir::results(b)[0]))
    }
}

/// Makes `broadcast_in_dim` of a splat constant, in `op`'s regions (not in
/// nested cond/while ops, which are visited on their own), a splat constant.
fn fold_splat_broadcasts(op: MlirOperation, stats: &mut Stats) {
    for region in ir::regions(op) {
        for block in blocks_of(region) {
            for inner in ir::ops_of(block) {
                if ir::name_of(inner) != "jaxr.broadcast_in_dim" {
                    continue;
                }
                let (operands, results) = (ir::operands(inner), ir::results(inner));
                let ([x], [r]) = (&operands[..], &results[..]) else { continue };
                let Some(s) = splat_of(*x) else { continue };
                // SAFETY: building a splat attribute of the broadcast's result
                // type (same element type as the operand) and a constant op
                // before the broadcast, then replacing and erasing it.
                unsafe {
                    let t = mlirValueGetType(*r);
                    if !mlirTypeIsARankedTensor(t)
                        || !mlirTypeEqual(mlirAttributeGetType(s), mlirShapedTypeGetElementType(t))
                    {
                        continue;
                    }
                    let value = mlirDenseElementsAttrSplatGet(t, s);
                    let context = mlirOperationGetContext(inner);
                    let mut state =
                        mlirOperationStateGet(string_ref("jaxr.constant"), ir::location_of(inner));
                    mlirOperationStateAddResults(&mut state, 1, &t);
                    let named = mlirNamedAttributeGet(mlirIdentifierGet(context, string_ref("value")), value);
                    mlirOperationStateAddAttributes(&mut state, 1, &named);
                    let k = mlirOperationCreate(&mut state);
                    mlirBlockInsertOwnedOperationBefore(block, inner, k);
                    ir::replace_uses(*r, ir::results(k)[0]);
                }
                ir::erase(inner);
                stats.splats += 1;
            }
        }
    }
}

/// Erases pure ops without uses in the regions of `op`; whether any went.
fn erase_dead_ops(op: MlirOperation, stats: &mut Stats) -> bool {
    let before = stats.ops_erased;
    for region in ir::regions(op) {
        for block in blocks_of(region) {
            erase_dead_in_block(block, stats);
        }
    }
    stats.ops_erased != before
}

/// Erases pure ops without uses in `block` (last to first, so that chains go).
fn erase_dead_in_block(block: MlirBlock, stats: &mut Stats) {
    for op in ir::ops_of(block).into_iter().rev() {
        if op_table::record(&ir::name_of(op)).is_some_and(|r| r.terminator) {
            continue;
        }
        if is_pure(op) && ir::results(op).iter().all(|r| !ir::has_uses(*r)) {
            ir::erase(op);
            stats.ops_erased += 1;
        }
    }
}
