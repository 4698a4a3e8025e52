//! Region bodies: splat constants, hoisted and merged constants, dead
//! pure ops.

use mlir_sys::*;

use super::*;

/// Splat broadcasts made constants, constants moved before `op` (one per
/// value there), unused pure ops erased, in the regions of `op`; whether
/// anything changed. Every op nested in `op` was visited before `op`.
pub(super) fn clean_bodies(op: MlirOperation, stats: &mut Stats) -> bool {
    let before = *stats;
    fold_splat_broadcasts(op, stats);
    hoist_constants(op, stats);
    erase_dead_ops(op, stats);
    *stats != before
}

/// Moves the constants of `op`'s regions (not those nested deeper) before
/// `op`, or uses an equal constant that is already there.
pub(super) fn hoist_constants(op: MlirOperation, stats: &mut Stats) {
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

/// Makes `broadcast_in_dim` of a splat constant, in `op`'s regions (not in
/// nested cond/while ops, which are visited on their own), a splat constant.
pub(super) fn fold_splat_broadcasts(op: MlirOperation, stats: &mut Stats) {
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
pub(super) fn erase_dead_ops(op: MlirOperation, stats: &mut Stats) -> bool {
    let before = stats.ops_erased;
    for region in ir::regions(op) {
        for block in blocks_of(region) {
            erase_dead_in_block(block, stats);
        }
    }
    stats.ops_erased != before
}

/// Erases pure ops without uses in `block` (last to first, so that chains go).
pub(super) fn erase_dead_in_block(block: MlirBlock, stats: &mut Stats) {
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
