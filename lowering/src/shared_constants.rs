//! One `stablehlo.constant` per value per block: the lowering emits the
//! constants each op needs (a reduction's initial value, a clamp's bounds)
//! beside that op, so a function with many reductions would otherwise hold
//! many copies of the same scalar. Within a block, every constant equal to
//! an earlier one (same type, same value) is replaced by it; the earlier one
//! dominates the later ones' uses, so nothing moves.

use mlir_sys::{
    mlirAttributeEqual, mlirBlockGetFirstOperation, mlirBlockGetNextInRegion, mlirIdentifierStr,
    mlirOperationDestroy, mlirOperationGetAttributeByName, mlirOperationGetFirstRegion, mlirOperationGetName,
    mlirOperationGetNextInBlock, mlirOperationGetResult, mlirRegionGetFirstBlock,
    mlirRegionGetNextInOperation, mlirTypeEqual, mlirValueGetType, mlirValueReplaceAllUsesOfWith, MlirBlock,
    MlirOperation,
};

use jaxr_dialect::raw::string_ref;

/// Merges equal `stablehlo.constant` ops in every block nested in `root`;
/// returns how many were erased.
pub fn merge_constants(root: MlirOperation) -> usize {
    let mut merged = 0;
    for_each_block(root, &mut |block| merged += merge_in_block(block));
    merged
}

fn for_each_block(op: MlirOperation, f: &mut dyn FnMut(MlirBlock)) {
    // SAFETY: walking the regions, blocks and ops of a live operation.
    unsafe {
        let mut region = mlirOperationGetFirstRegion(op);
        while !region.ptr.is_null() {
            let mut block = mlirRegionGetFirstBlock(region);
            while !block.ptr.is_null() {
                f(block);
                let mut inner = mlirBlockGetFirstOperation(block);
                while !inner.ptr.is_null() {
                    for_each_block(inner, f);
                    inner = mlirOperationGetNextInBlock(inner);
                }
                block = mlirBlockGetNextInRegion(block);
            }
            region = mlirRegionGetNextInOperation(region);
        }
    }
}

fn is_constant(op: MlirOperation) -> bool {
    // SAFETY: reading the name of a live op.
    let name = unsafe { mlirIdentifierStr(mlirOperationGetName(op)) };
    // SAFETY: the string ref points into the context's identifier storage.
    let bytes = unsafe { std::slice::from_raw_parts(name.data as *const u8, name.length) };
    bytes == b"stablehlo.constant"
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

fn merge_in_block(block: MlirBlock) -> usize {
    let mut kept: Vec<MlirOperation> = Vec::new();
    let mut erase = Vec::new();
    // SAFETY: iterating the ops of a live block; erasing after the walk.
    unsafe {
        let mut op = mlirBlockGetFirstOperation(block);
        while !op.ptr.is_null() {
            if is_constant(op) {
                match kept.iter().find(|k| same_constant(**k, op)) {
                    Some(k) => {
                        mlirValueReplaceAllUsesOfWith(
                            mlirOperationGetResult(op, 0),
                            mlirOperationGetResult(*k, 0),
                        );
                        erase.push(op);
                    }
                    None => kept.push(op),
                }
            }
            op = mlirOperationGetNextInBlock(op);
        }
        for op in &erase {
            mlirOperationDestroy(*op);
        }
    }
    erase.len()
}
