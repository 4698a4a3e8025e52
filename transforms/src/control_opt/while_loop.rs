//! Whiles: invariant, dead and duplicate carries, loop-invariant code.

use std::collections::HashSet;

use mlir_sys::*;

use super::*;

pub(super) fn simplify_while(w: MlirOperation, stats: &mut Stats) -> Result<bool, Diag> {
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
    // 9. Unread slot writes.
    if drop_unread_slot_writes(w, stats) {
        return Ok(true);
    }
    // 10. Dead carries.
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
    // 11. Loop-invariant code motion.
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
pub(super) fn equivalent(a: MlirValue, b: MlirValue, pair: (MlirValue, MlirValue), depth: usize) -> bool {
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
pub(super) fn live_carries(
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
