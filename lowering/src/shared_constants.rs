//! One `stablehlo.constant` per value per scope: the lowering emits the
//! constants each op needs (a reduction's initial value, a clamp's bounds)
//! beside that op, so a function with many reductions would otherwise hold
//! many copies of the same scalar. Every constant equal to one that dominates
//! it (same type, same value) is replaced by that one: an earlier constant of
//! the same block, or of an enclosing block when the constant sits in the
//! branches or body of `stablehlo.if`, `stablehlo.case` or `stablehlo.while`,
//! whose regions may use values from above. The regions of the other ops
//! (a reduction's body, a sort's comparator) become computations of their
//! own in XLA and only see their own constants. Nothing moves.

use mlir_sys::{
    mlirAttributeEqual, mlirBlockGetFirstOperation, mlirBlockGetNextInRegion, mlirIdentifierStr,
    mlirOperationDestroy, mlirOperationGetAttributeByName, mlirOperationGetFirstRegion, mlirOperationGetName,
    mlirOperationGetNextInBlock, mlirOperationGetResult, mlirRegionGetFirstBlock,
    mlirRegionGetNextInOperation, mlirTypeEqual, mlirValueGetType, mlirValueReplaceAllUsesOfWith,
    MlirOperation,
};

use jaxr_dialect::raw::string_ref;

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

/// Ops whose regions may use values defined above them.
const CAPTURING: [&[u8]; 3] = [b"stablehlo.if", b"stablehlo.case", b"stablehlo.while"];

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
                    if op_name(inner) == b"stablehlo.constant" {
                        match visible.iter().find(|k| same_constant(**k, inner)) {
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
                        if CAPTURING.contains(&op_name(inner)) {
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

fn op_name<'a>(op: MlirOperation) -> &'a [u8] {
    // SAFETY: reading the name of a live op.
    let name = unsafe { mlirIdentifierStr(mlirOperationGetName(op)) };
    // SAFETY: the string ref points into the context's identifier storage,
    // which outlives every op of the context.
    unsafe { std::slice::from_raw_parts(name.data as *const u8, name.length) }
}

fn same_constant(a: MlirOperation, b: MlirOperation) -> bool {
    // SAFETY: constants have one result and a `value` attribute.
    unsafe {
        let (ta, tb) =
            (mlirValueGetType(mlirOperationGetResult(a, 0)), mlirValueGetType(mlirOperationGetResult(b, 0)));
        let value = string_ref("value");
        let (va, vb) = (mlirOperationGetAttributeByName(a, value), mlirOperationGetAttributeByName(b, value));
        mlirTypeEqual(ta, tb) && !va.ptr.is_null() && !vb.ptr.is_null() && mlirAttributeEqual(va, vb)
    }
}
