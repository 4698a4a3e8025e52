//! Small raw-MLIR helpers the transformations share: walking blocks,
//! values captured by regions, cloning with remapped operands, building
//! ops with regions and calls.

use std::collections::{HashMap, HashSet};

use jaxr_dialect::decode::op_name_raw;
use jaxr_dialect::raw::{self, string_ref};
use jaxr_dialect::TensorType;
use melior::ir::TypeLike;
use melior::Context;
use mlir_sys::*;

use crate::emit::{key, type_of};

/// An error at a location in the input: jaxr-passes' diagnostic type
/// (`Diag::at_op` for an op's location).
pub use jaxr_passes::Diag;

/// The ops of a block, in order (the terminator last).
pub fn ops_of(block: MlirBlock) -> Vec<MlirOperation> {
    let mut out = Vec::new();
    // SAFETY: walking a live block.
    unsafe {
        let mut op = mlirBlockGetFirstOperation(block);
        while !op.ptr.is_null() {
            out.push(op);
            op = mlirOperationGetNextInBlock(op);
        }
    }
    out
}

/// The operands of `op`.
pub fn operands(op: MlirOperation) -> Vec<MlirValue> {
    // SAFETY: indices in range of a live op.
    unsafe { (0..mlirOperationGetNumOperands(op)).map(|i| mlirOperationGetOperand(op, i)).collect() }
}

/// The results of `op`.
pub fn results(op: MlirOperation) -> Vec<MlirValue> {
    // SAFETY: indices in range of a live op.
    unsafe { (0..mlirOperationGetNumResults(op)).map(|i| mlirOperationGetResult(op, i)).collect() }
}

/// The regions of `op`.
pub fn regions(op: MlirOperation) -> Vec<MlirRegion> {
    // SAFETY: indices in range of a live op.
    unsafe { (0..mlirOperationGetNumRegions(op)).map(|i| mlirOperationGetRegion(op, i)).collect() }
}

/// The first block of a region.
pub fn first_block(region: MlirRegion) -> MlirBlock {
    // SAFETY: a live region.
    unsafe { mlirRegionGetFirstBlock(region) }
}

/// The arguments of a block.
pub fn block_args(block: MlirBlock) -> Vec<MlirValue> {
    // SAFETY: indices in range of a live block.
    unsafe { (0..mlirBlockGetNumArguments(block)).map(|i| mlirBlockGetArgument(block, i)).collect() }
}

/// Whether `block` lies inside `op` (in one of its regions, at any depth).
pub fn block_inside(mut block: MlirBlock, op: MlirOperation) -> bool {
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

/// The block that defines `v`.
pub fn defining_block(v: MlirValue) -> MlirBlock {
    // SAFETY: a live value.
    unsafe {
        if mlirValueIsABlockArgument(v) {
            mlirBlockArgumentGetOwner(v)
        } else {
            mlirOperationGetBlock(mlirOpResultGetOwner(v))
        }
    }
}

/// The op that defines `v`, if it is an op result.
pub fn defining_op(v: MlirValue) -> Option<MlirOperation> {
    // SAFETY: a live value.
    unsafe { mlirValueIsAOpResult(v).then(|| mlirOpResultGetOwner(v)) }
}

fn walk_nested(op: MlirOperation, f: &mut dyn FnMut(MlirOperation)) {
    for r in regions(op) {
        // SAFETY: walking live blocks.
        unsafe {
            let mut b = mlirRegionGetFirstBlock(r);
            while !b.ptr.is_null() {
                for inner in ops_of(b) {
                    f(inner);
                    walk_nested(inner, f);
                }
                b = mlirBlockGetNextInRegion(b);
            }
        }
    }
}

/// The ops nested in `op` (at any depth) that `wanted` picks, innermost
/// first (an op after every op nested in it).
pub fn nested_ops(op: MlirOperation, wanted: &dyn Fn(&str) -> bool) -> Vec<MlirOperation> {
    fn visit(op: MlirOperation, wanted: &dyn Fn(&str) -> bool, out: &mut Vec<MlirOperation>) {
        for r in regions(op) {
            // SAFETY: walking live blocks.
            let mut b = unsafe { mlirRegionGetFirstBlock(r) };
            while !b.ptr.is_null() {
                for inner in ops_of(b) {
                    visit(inner, wanted, out);
                    if wanted(&name_of(inner)) {
                        out.push(inner);
                    }
                }
                // SAFETY: a live block.
                b = unsafe { mlirBlockGetNextInRegion(b) };
            }
        }
    }
    let mut out = Vec::new();
    visit(op, wanted, &mut out);
    out
}

/// Values used inside `op`'s regions but defined outside `op`, in order of
/// first use.
pub fn captured(op: MlirOperation) -> Vec<MlirValue> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    walk_nested(op, &mut |inner| {
        for v in operands(inner) {
            if !block_inside(defining_block(v), op) && seen.insert(key(v)) {
                out.push(v);
            }
        }
    });
    out
}

/// Operands followed by captured values.
pub fn inputs_of(op: MlirOperation) -> Vec<MlirValue> {
    let mut v = operands(op);
    v.extend(captured(op));
    v
}

/// Clones `op`, with operands (its own and those of nested ops that refer
/// to values outside it) replaced through `map`. The clone is detached.
pub fn clone_with(op: MlirOperation, map: &HashMap<usize, MlirValue>) -> MlirOperation {
    // SAFETY: cloning and editing a detached op.
    unsafe {
        let new = mlirOperationClone(op);
        let remap = |o: MlirOperation| {
            for i in 0..mlirOperationGetNumOperands(o) {
                if let Some(v) = map.get(&key(mlirOperationGetOperand(o, i))) {
                    mlirOperationSetOperand(o, i, *v);
                }
            }
        };
        remap(new);
        walk_nested(new, &mut |inner| remap(inner));
        new
    }
}

/// Erases `op`.
pub fn erase(op: MlirOperation) {
    // SAFETY: the op is live and its results have no uses left.
    unsafe { mlirOperationDestroy(op) }
}

/// Replaces every use of `old` with `new`.
pub fn replace_uses(old: MlirValue, new: MlirValue) {
    // SAFETY: live values of the same type.
    unsafe { mlirValueReplaceAllUsesOfWith(old, new) }
}

/// The ops that use `v`, in use order (an op twice if it uses `v` twice).
pub fn users(v: MlirValue) -> Vec<MlirOperation> {
    let mut out = Vec::new();
    // SAFETY: walking the use list of a live value.
    unsafe {
        let mut operand = mlirValueGetFirstUse(v);
        while !mlirOpOperandIsNull(operand) {
            out.push(mlirOpOperandGetOwner(operand));
            operand = mlirOpOperandGetNextUse(operand);
        }
    }
    out
}

/// Whether `v` has uses.
pub fn has_uses(v: MlirValue) -> bool {
    // SAFETY: a live value.
    unsafe { !mlirOpOperandIsNull(mlirValueGetFirstUse(v)) }
}

/// An MLIR type for a tensor type.
pub fn mlir_type(context: &Context, t: &TensorType) -> MlirType {
    jaxr_dialect::decode::mlir_type(context, t).to_raw()
}

/// Creates `name` with operands, result types, attributes (parsed from
/// text) and `num_regions` empty regions. The op is detached.
pub fn create_op(
    context: &Context,
    name: &str,
    location: MlirLocation,
    operands: &[MlirValue],
    result_types: &[MlirType],
    attributes: &[(&str, MlirAttribute)],
    num_regions: usize,
) -> MlirOperation {
    // SAFETY: the state is filled with live handles and consumed by create.
    unsafe {
        let mut state = mlirOperationStateGet(string_ref(name), location);
        mlirOperationStateAddOperands(&mut state, operands.len() as isize, operands.as_ptr());
        mlirOperationStateAddResults(&mut state, result_types.len() as isize, result_types.as_ptr());
        let named: Vec<MlirNamedAttribute> = attributes
            .iter()
            .map(|(n, a)| {
                let id = mlirIdentifierGet(context.to_raw(), string_ref(n));
                mlirNamedAttributeGet(id, *a)
            })
            .collect();
        mlirOperationStateAddAttributes(&mut state, named.len() as isize, named.as_ptr());
        let regions: Vec<MlirRegion> = (0..num_regions).map(|_| mlirRegionCreate()).collect();
        mlirOperationStateAddOwnedRegions(&mut state, regions.len() as isize, regions.as_ptr());
        mlirOperationCreate(&mut state)
    }
}

/// Moves the blocks of `from` into the (empty) region `to`.
pub fn move_region(to: MlirRegion, from: MlirRegion) {
    // SAFETY: both regions are live; `to` is empty.
    unsafe { mlirRegionTakeBody(to, from) }
}

/// A flat symbol reference attribute.
pub fn symbol_ref(context: &Context, name: &str) -> MlirAttribute {
    // SAFETY: the context is live.
    unsafe { mlirFlatSymbolRefAttrGet(context.to_raw(), string_ref(name)) }
}

/// Builds `func.call @callee(args) : (...) -> results` (detached).
pub fn call(
    context: &Context,
    location: MlirLocation,
    callee: &str,
    args: &[MlirValue],
    result_types: &[TensorType],
) -> MlirOperation {
    let types: Vec<MlirType> = result_types.iter().map(|t| mlir_type(context, t)).collect();
    create_op(context, "func.call", location, args, &types, &[("callee", symbol_ref(context, callee))], 0)
}

/// The callee of a `func.call`.
pub fn callee_of(op: MlirOperation) -> Option<String> {
    raw::callee(op)
}

/// Types of values.
pub fn types_of(values: &[MlirValue]) -> Result<Vec<TensorType>, String> {
    values.iter().map(|v| type_of(*v)).collect()
}

/// The name of an op.
pub fn name_of(op: MlirOperation) -> String {
    op_name_raw(op)
}

/// Adds an argument of type `t` to `block`.
pub fn add_block_arg(
    context: &Context,
    block: MlirBlock,
    t: &TensorType,
    location: MlirLocation,
) -> MlirValue {
    // SAFETY: a live block; the type belongs to the context.
    unsafe { mlirBlockAddArgument(block, mlir_type(context, t), location) }
}

/// Sets the operands of `op` (the count may change).
pub fn set_operands(op: MlirOperation, values: &[MlirValue]) {
    // SAFETY: a live op and live values.
    unsafe { mlirOperationSetOperands(op, values.len() as isize, values.as_ptr()) }
}

/// The location of an op.
pub fn location_of(op: MlirOperation) -> MlirLocation {
    // SAFETY: a live op.
    unsafe { mlirOperationGetLocation(op) }
}

/// A detached block with arguments of `types`, ending in an empty `jaxr.yield`
/// (whose operands are set once the block's body is built).
pub fn block_with_yield(
    context: &Context,
    types: &[TensorType],
    loc: MlirLocation,
) -> (MlirBlock, MlirOperation) {
    let tys: Vec<MlirType> = types.iter().map(|t| mlir_type(context, t)).collect();
    let locs = vec![loc; tys.len()];
    // SAFETY: a new block owns the new terminator.
    unsafe {
        let block = mlirBlockCreate(tys.len() as isize, tys.as_ptr(), locs.as_ptr());
        let y = create_op(context, "jaxr.yield", loc, &[], &[], &[], 0);
        mlirBlockAppendOwnedOperation(block, y);
        (block, y)
    }
}

/// The block that holds `op`.
pub fn first_block_of_op(op: MlirOperation) -> MlirBlock {
    // SAFETY: a live op.
    unsafe { mlirOperationGetBlock(op) }
}

/// `items` without the positions in `drop`.
pub fn keep<T: Copy>(items: &[T], drop: &HashSet<usize>) -> Vec<T> {
    items.iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, x)| *x).collect()
}

/// Whether `op` is a constant (`jaxr.constant` or `stablehlo.constant`: one
/// result, no operands, its value in the `value` attribute).
pub fn is_constant(op: MlirOperation) -> bool {
    matches!(name_of(op).as_str(), "jaxr.constant" | "stablehlo.constant")
        && results(op).len() == 1
        && operands(op).is_empty()
        && raw::attribute(op, "value").is_some()
}

/// The element of the splat constant defining `v` (an integer or float
/// attribute), if it is one.
pub fn splat_element(v: MlirValue) -> Option<MlirAttribute> {
    let op = defining_op(v).filter(|op| is_constant(*op))?;
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

/// The value of a float splat constant.
pub fn splat_float(v: MlirValue) -> Option<f64> {
    let s = splat_element(v)?;
    // SAFETY: reading a live attribute after checking its kind.
    unsafe { mlirAttributeIsAFloat(s).then(|| mlirFloatAttrGetValueDouble(s)) }
}

/// The value of a (signless or signed) integer splat constant.
pub fn splat_int(v: MlirValue) -> Option<i64> {
    let s = splat_element(v)?;
    // SAFETY: reading a live attribute after checking its kind.
    unsafe { mlirAttributeIsAInteger(s).then(|| mlirIntegerAttrGetValueInt(s)) }
}

/// Whether two constant ops produce the same value (same op, value and type).
pub fn same_constant(a: MlirOperation, b: MlirOperation) -> bool {
    name_of(a) == name_of(b) && raw::same_constant_value(a, b)
}
