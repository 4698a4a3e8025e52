//! Conds: known branches, results that are outside values or unused,
//! results forwarded into later conds on the same index, ops every branch
//! computes.

use std::collections::HashSet;

use mlir_sys::*;

use super::*;

pub(super) fn simplify_cond(cond: MlirOperation, stats: &mut Stats) -> Result<bool, Diag> {
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
pub(super) fn hoist_common_op(cond: MlirOperation, blocks: &[MlirBlock], stats: &mut Stats) -> bool {
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
pub(super) fn identical_ops(x: MlirOperation, y: MlirOperation) -> bool {
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
pub(super) fn branch_on_same_index(
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
pub(super) fn inline_branch(cond: MlirOperation, block: MlirBlock, yield_op: MlirOperation) {
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
pub(super) fn drop_unused_cond_results(cond: MlirOperation, stats: &mut Stats) -> Result<bool, Diag> {
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
