//! One `stablehlo.constant` per value per scope: the lowering emits the
//! constants each op needs (a reduction's initial value, a clamp's bounds)
//! beside that op, so a function with many reductions would otherwise hold
//! many copies of the same scalar. Every constant equal to one that dominates
//! it (same type, same value) is replaced by that one: an earlier constant of
//! the same block, or of an enclosing block when the constant sits in a
//! region that may use values from above (the branches and bodies of
//! `stablehlo.if`, `stablehlo.case`, `stablehlo.while`). Regions isolated
//! from above (a reduction's body, a sort's comparator, which XLA makes
//! computations of their own) only see their own constants. Nothing moves.

use mlir_sys::{
    mlirBlockGetFirstOperation, mlirBlockGetNextInRegion, mlirOperationDestroy, mlirOperationGetFirstRegion,
    mlirOperationGetNextInBlock, mlirOperationGetResult, mlirRegionGetFirstBlock,
    mlirRegionGetNextInOperation, mlirValueReplaceAllUsesOfWith, MlirOperation,
};

use jaxr_dialect::raw::{op_name_is, same_constant_value};
use jaxr_dialect::{decode, op_table};

/// Merges equal `stablehlo.constant` ops in every block nested in `root`;
/// returns how many were erased.
pub fn merge_constants(root: MlirOperation) -> usize {
    let mut erase = Vec::new();
    let mut visible = Vec::new();
    merge_in_regions(root, &mut visible, &mut erase);
    // SAFETY: every erased constant's uses were redirected; each is erased once.
    unsafe {
        for op in &erase {
            mlirOperationDestroy(*op);
        }
    }
    erase.len()
}

/// Whether the ops in `op`'s regions may use values defined above it (the
/// op table's `isolated_from_above`; an op it does not know is a scope of
/// its own).
fn sees_above(op: MlirOperation) -> bool {
    op_table::record(&decode::op_name_raw(op)).is_some_and(|r| !r.isolated_from_above)
}

/// Merges the constants of the blocks in `op`'s regions. `visible` holds the
/// constants that dominate `op` and may be used inside it.
fn merge_in_regions(op: MlirOperation, visible: &mut Vec<MlirOperation>, erase: &mut Vec<MlirOperation>) {
    // SAFETY: walking the regions, blocks and ops of a live operation; erasing
    // happens after the walk.
    unsafe {
        let mut region = mlirOperationGetFirstRegion(op);
        while !region.ptr.is_null() {
            let mut block = mlirRegionGetFirstBlock(region);
            while !block.ptr.is_null() {
                let outer = visible.len();
                let mut inner = mlirBlockGetFirstOperation(block);
                while !inner.ptr.is_null() {
                    if op_name_is(inner, "stablehlo.constant") {
                        match visible.iter().find(|k| same_constant_value(**k, inner)) {
                            Some(k) => {
                                mlirValueReplaceAllUsesOfWith(
                                    mlirOperationGetResult(inner, 0),
                                    mlirOperationGetResult(*k, 0),
                                );
                                erase.push(inner);
                            }
                            None => visible.push(inner),
                        }
                    } else if !mlirOperationGetFirstRegion(inner).ptr.is_null() {
                        if sees_above(inner) {
                            merge_in_regions(inner, visible, erase);
                        } else {
                            merge_in_regions(inner, &mut Vec::new(), erase);
                        }
                    }
                    inner = mlirOperationGetNextInBlock(inner);
                }
                visible.truncate(outer);
                block = mlirBlockGetNextInRegion(block);
            }
            region = mlirRegionGetNextInOperation(region);
        }
    }
}
