//! The checks of the jaxr ops with regions (`while`, `cond`, the generic
//! `reduce_window`) and of their terminator `yield`: the types carried,
//! yielded and returned agree. These ops have no [`crate::Primitive`]; the
//! window shape of `reduce_window` comes from the shared shape rule
//! [`crate::shape::reduce_window_shape`].

use mlir_sys::{
    mlirBlockGetArgument, mlirBlockGetFirstOperation, mlirBlockGetNumArguments, mlirOperationGetNextInBlock,
    mlirOperationGetNumOperands, mlirOperationGetNumRegions, mlirOperationGetNumResults,
    mlirOperationGetOperand, mlirOperationGetRegion, mlirOperationGetResult, mlirRegionGetFirstBlock,
    mlirValueGetType, MlirBlock, MlirOperation, MlirValue,
};

use crate::decode::{op_name_raw, tensor_type_of_raw, window_of_raw};
use crate::primitive::Window;
use crate::shape::reduce_window_shape;
use crate::types::{ElemType, TensorType};

fn types_of(values: impl Iterator<Item = MlirValue>, what: &str) -> Result<Vec<TensorType>, String> {
    values
        .enumerate()
        // SAFETY: the values come from a live operation or block.
        .map(|(i, v)| {
            // SAFETY: `v` is a value of a live operation or block.
            tensor_type_of_raw(unsafe { mlirValueGetType(v) }).map_err(|e| format!("{what} #{i}: {e}"))
        })
        .collect()
}

fn operand_types(op: MlirOperation) -> Result<Vec<TensorType>, String> {
    // SAFETY: indices below the operand count of a live op.
    let n = unsafe { mlirOperationGetNumOperands(op) };
    // SAFETY: `i` is below the operand count of the live op `op`.
    types_of((0..n).map(|i| unsafe { mlirOperationGetOperand(op, i) }), "operand")
}

fn result_types(op: MlirOperation) -> Result<Vec<TensorType>, String> {
    // SAFETY: indices below the result count of a live op.
    let n = unsafe { mlirOperationGetNumResults(op) };
    // SAFETY: `i` is below the result count of the live op `op`.
    types_of((0..n).map(|i| unsafe { mlirOperationGetResult(op, i) }), "result")
}

/// The single block of region `index` of `op`.
fn block(op: MlirOperation, index: isize, name: &str) -> Result<MlirBlock, String> {
    // SAFETY: the region index is checked against the region count.
    unsafe {
        if index >= mlirOperationGetNumRegions(op) {
            return Err(format!("expects a region '{name}'"));
        }
        let block = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, index));
        if block.ptr.is_null() {
            return Err(format!("region '{name}' must have a block"));
        }
        Ok(block)
    }
}

fn argument_types(block: MlirBlock, name: &str) -> Result<Vec<TensorType>, String> {
    // SAFETY: indices below the argument count of a live block.
    let n = unsafe { mlirBlockGetNumArguments(block) };
    types_of(
        // SAFETY: `i` is below the argument count of the live block `block`.
        (0..n).map(|i| unsafe { mlirBlockGetArgument(block, i) }),
        &format!("argument of region '{name}'"),
    )
}

/// The last operation of a block (null when empty). Unlike
/// `mlirBlockGetTerminator` it also finds unregistered terminators
/// (`stablehlo.return`).
pub fn last_operation(block: MlirBlock) -> MlirOperation {
    // SAFETY: walks the operations of a live block.
    unsafe {
        let mut op = mlirBlockGetFirstOperation(block);
        if op.ptr.is_null() {
            return op;
        }
        loop {
            let next = mlirOperationGetNextInBlock(op);
            if next.ptr.is_null() {
                return op;
            }
            op = next;
        }
    }
}

/// The types a block's terminator (named `terminator`) yields.
fn yielded_types(block: MlirBlock, name: &str, terminator: &str) -> Result<Vec<TensorType>, String> {
    let last = last_operation(block);
    if last.ptr.is_null() || op_name_raw(last) != terminator {
        return Err(format!("region '{name}' must end in {terminator}"));
    }
    operand_types(last).map_err(|e| format!("the {terminator} of region '{name}': {e}"))
}

fn list(types: &[TensorType]) -> String {
    format!("({})", types.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
}

fn expect_types(found: &[TensorType], wanted: &[TensorType], what: &str) -> Result<(), String> {
    if found == wanted {
        Ok(())
    } else {
        Err(format!("{what} must be {}, found {}", list(wanted), list(found)))
    }
}

/// Checks a `jaxr.while`, `jaxr.cond`, `jaxr.reduce_window` or `jaxr.yield`
/// (`mnemonic` without the `jaxr.` prefix).
pub fn verify_region_op(op: MlirOperation, mnemonic: &str) -> Result<(), String> {
    match mnemonic {
        "while" => check_while_like(op, "jaxr.yield"),
        "cond" => check_cond_like(op, "jaxr.yield"),
        "reduce_window" => check_reduce_window_like(op, &window_of_raw(op)?, "jaxr.yield"),
        // The enclosing op checks what a yield yields.
        "yield" => Ok(()),
        other => Err(format!("'jaxr.{other}' is not an op with regions")),
    }
}

/// Checks an op laid out as `jaxr.while` (carried operands, results of
/// their types, regions `cond` and `body`), its blocks ending in
/// `terminator`; also used on `stablehlo.while` before raising it.
pub fn check_while_like(op: MlirOperation, terminator: &str) -> Result<(), String> {
    let carried = operand_types(op)?;
    expect_types(&result_types(op)?, &carried, "the result types (the carried types)")?;
    let cond = block(op, 0, "cond")?;
    expect_types(
        &argument_types(cond, "cond")?,
        &carried,
        "the arguments of region 'cond' (the carried types)",
    )?;
    expect_types(
        &yielded_types(cond, "cond", terminator)?,
        &[TensorType::scalar(ElemType::I1)],
        "what region 'cond' yields",
    )?;
    let body = block(op, 1, "body")?;
    expect_types(
        &argument_types(body, "body")?,
        &carried,
        "the arguments of region 'body' (the carried types)",
    )?;
    expect_types(
        &yielded_types(body, "body", terminator)?,
        &carried,
        "what region 'body' yields (the carried types)",
    )
}

/// Checks an op laid out as `jaxr.cond` (an i32 or i1 index, branches
/// without arguments yielding the results), its blocks ending in
/// `terminator`; also used on `stablehlo.case` and `stablehlo.if`.
pub fn check_cond_like(op: MlirOperation, terminator: &str) -> Result<(), String> {
    let index = operand_types(op)?.into_iter().next().ok_or("expects an index operand")?;
    if index.rank() != 0 || !matches!(index.elem, ElemType::I32 | ElemType::I1) {
        return Err(format!("the index must be a tensor<i32> or a tensor<i1> predicate, found {index}"));
    }
    // SAFETY: a live op.
    let branches = unsafe { mlirOperationGetNumRegions(op) };
    if branches == 0 {
        return Err("expects at least one branch".into());
    }
    if index.elem == ElemType::I1 && branches != 2 {
        return Err(format!("an i1 predicate selects between 2 branches, found {branches}"));
    }
    let results = result_types(op)?;
    for i in 0..branches {
        let name = format!("branch {i}");
        let b = block(op, i, &name)?;
        let args = argument_types(b, &name)?;
        if !args.is_empty() {
            return Err(format!(
                "{name} must take no arguments (it uses values of the enclosing scope), found {}",
                list(&args)
            ));
        }
        expect_types(
            &yielded_types(b, &name, terminator)?,
            &results,
            &format!("what {name} yields (the result types)"),
        )?;
    }
    Ok(())
}

/// Checks an op laid out as `jaxr.reduce_window` (N inputs, N scalar init
/// values, N results, a body over 2N scalars) with the sliding `window`,
/// its block ending in `terminator`; also used on `stablehlo.reduce_window`.
pub fn check_reduce_window_like(op: MlirOperation, window: &Window, terminator: &str) -> Result<(), String> {
    let operands = operand_types(op)?;
    let n = operands.len() / 2;
    let (inputs, inits) = operands.split_at(n);
    let first = inputs.first().ok_or("expects at least one input and its init value")?;
    if let Some(t) = inputs.iter().find(|t| t.shape != first.shape) {
        return Err(format!("all inputs must have the same shape, found {first} and {t}"));
    }
    for (x, init) in inputs.iter().zip(inits) {
        if init.rank() != 0 || init.elem != x.elem {
            return Err(format!("the init value {init} must be a scalar of its input's element type ({x})"));
        }
    }
    let shape = reduce_window_shape(first, window)?;
    let wanted: Vec<TensorType> = inits.iter().map(|t| TensorType::new(shape.clone(), t.elem)).collect();
    expect_types(&result_types(op)?, &wanted, "the result types")?;
    let body = block(op, 0, "body")?;
    let args: Vec<TensorType> = inits.iter().chain(inits).cloned().collect();
    expect_types(
        &argument_types(body, "body")?,
        &args,
        "the arguments of region 'body' (accumulators, then elements, as scalars)",
    )?;
    expect_types(
        &yielded_types(body, "body", terminator)?,
        inits,
        "what region 'body' yields (the init value types)",
    )
}
