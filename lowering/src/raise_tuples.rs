//! Tuples built and taken apart within a function, as older exporters
//! write them: `get_tuple_element` of a `stablehlo.tuple` is the tuple's
//! operand, and a tuple left without uses goes. Runs before raising, so that
//! no tuple type stands between the values and their jaxr ops; a tuple that
//! escapes (returned, or passed to a call) stays, and strict raising names it.

use melior::ir::operation::{OperationLike, OperationRef, WalkOrder, WalkResult};
use melior::ir::ValueLike;
use mlir_sys::{mlirOperationDestroy, mlirValueReplaceAllUsesOfWith, MlirOperation};

use crate::from_stablehlo::{i64_attr, producer};

/// Folds every `get_tuple_element` of a `stablehlo.tuple` under `root`,
/// nested tuples included, then erases the tuples nothing uses.
pub(crate) fn fold_tuples<'c: 'a, 'a>(root: &impl OperationLike<'c, 'a>) {
    // Each round folds one level of nesting.
    loop {
        let folds = collect(root, |op| {
            op_is(op, "stablehlo.get_tuple_element") && producer_is(op, "stablehlo.tuple")
        });
        if folds.is_empty() {
            break;
        }
        for raw in folds {
            // SAFETY: collected from the live module; each op is folded once.
            let gte = unsafe { OperationRef::from_raw(raw) };
            let (Ok(tuple), Ok(index)) = (gte.operand(0), i64_attr(&gte, "index")) else { continue };
            let Some(element) = producer(tuple).and_then(|(t, _)| t.operand(index as usize).ok()) else {
                continue;
            };
            // SAFETY: both values are live; the folded op has no uses left.
            unsafe {
                mlirValueReplaceAllUsesOfWith(mlir_sys::mlirOperationGetResult(raw, 0), element.to_raw());
                mlirOperationDestroy(raw);
            }
        }
    }
    loop {
        let dead = collect(root, |op| op_is(op, "stablehlo.tuple") && !has_uses(op));
        if dead.is_empty() {
            break;
        }
        for raw in dead {
            // SAFETY: a tuple without uses, erased once.
            unsafe { mlirOperationDestroy(raw) };
        }
    }
}

fn collect<'c: 'a, 'a>(
    root: &impl OperationLike<'c, 'a>,
    pick: impl Fn(&OperationRef) -> bool,
) -> Vec<MlirOperation> {
    let mut found = Vec::new();
    root.walk(WalkOrder::PostOrder, |op| {
        if pick(&op) {
            found.push(op.to_raw());
        }
        WalkResult::Advance
    });
    found
}

fn has_uses(op: &OperationRef) -> bool {
    // SAFETY: the first use of a live op's result, checked for null.
    op.result(0)
        .is_ok_and(|r| unsafe { !mlir_sys::mlirOpOperandIsNull(mlir_sys::mlirValueGetFirstUse(r.to_raw())) })
}

fn op_is(op: &OperationRef, name: &str) -> bool {
    op.name().as_string_ref().as_str() == Ok(name)
}

fn producer_is(op: &OperationRef, name: &str) -> bool {
    op.operand(0).ok().and_then(producer).is_some_and(|(_, n)| n == name)
}
