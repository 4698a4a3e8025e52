//! The `jaxr-fold-constants` pass: every jaxr op whose operands are all
//! `jaxr.constant` (dense or splat) and whose result has at most
//! `max-elements` elements becomes a `jaxr.constant` of its value, when that
//! value is exactly what XLA computes.
//!
//! One walk over the module, ops in order (nested regions included), so
//! chains fold: a folded op's constant is an operand of the ops after it.
//! Constants left without uses by a fold are erased.
//!
//! - [`elements`]: [`Elements`], a constant's type and values as raw bits;
//!   reading and writing numbers in each element type.
//! - [`elementwise`]: arithmetic, bitwise ops, shifts, compare, select_n,
//!   clamp, convert, round.
//! - [`shape`]: iota, broadcast, reshape, transpose, slice, concatenate,
//!   pad, rev, dynamic_slice, bitcast_convert_type.
//!
//! What folds and what does not: docs/simplify.md, "Dense constant folding".

pub mod elements;
pub mod elementwise;
pub mod shape;

use jaxr_dialect::raw::string_ref;
use jaxr_dialect::{decode_raw, ElemType, Primitive, TensorType};
use jaxr_passes::{OptionKind, OptionSpec, PassDef, PassOptions};
use melior::ir::operation::{OperationLike, OperationRefMut};
use mlir_sys::*;

pub use elements::Elements;

use crate::ir::{self, Diag};

/// The default of `max-elements`.
pub const DEFAULT_MAX_ELEMENTS: usize = 4096;

const OPTIONS: &[OptionSpec] = &[OptionSpec {
    name: "max-elements",
    kind: OptionKind::Int,
    default: "4096",
    help: "fold only ops whose result and operands have at most this many elements",
}];

/// `jaxr-fold-constants`.
pub const PASS: PassDef = PassDef {
    name: "jaxr-fold-constants",
    summary: "Fold jaxr ops of constant operands into dense constants, where the value is exact (integers, exactly rounded float arithmetic, shape ops)",
    options: OPTIONS,
    run: run_pass,
};

fn run_pass(module: &mut OperationRefMut, options: &PassOptions) -> Result<(), Diag> {
    let max = options.int("max-elements").and_then(|v| usize::try_from(v).ok()).ok_or_else(|| {
        Diag::at(
            module.location(),
            "jaxr-fold-constants: option 'max-elements' must be a non-negative integer",
        )
    })?;
    fold_constants(module.to_raw(), max);
    Ok(())
}

/// Folds every op of `root` (at any depth) that can be folded, in order;
/// returns how many ops were replaced by constants.
pub fn fold_constants(root: MlirOperation, max_elements: usize) -> usize {
    let mut folded = 0;
    walk(root, max_elements, &mut folded);
    folded
}

fn walk(op: MlirOperation, max: usize, folded: &mut usize) {
    for r in ir::regions(op) {
        let mut b = ir::first_block(r);
        while !b.ptr.is_null() {
            for inner in ir::ops_of(b) {
                if !ir::regions(inner).is_empty() {
                    walk(inner, max, folded);
                } else if fold_op(inner, max) {
                    *folded += 1;
                }
            }
            // SAFETY: a live block.
            b = unsafe { mlirBlockGetNextInRegion(b) };
        }
    }
}

/// The `jaxr.constant` that defines `v`, if any.
fn constant_of(v: MlirValue) -> Option<MlirOperation> {
    ir::defining_op(v).filter(|d| ir::name_of(*d) == "jaxr.constant")
}

/// Replaces `op` by a constant of its value if it can; says whether it did.
fn fold_op(op: MlirOperation, max: usize) -> bool {
    let name = ir::name_of(op);
    if !name.starts_with("jaxr.") || name == "jaxr.constant" || ir::results(op).len() != 1 {
        return false;
    }
    let Some(constants) = ir::operands(op).into_iter().map(constant_of).collect::<Option<Vec<_>>>() else {
        return false;
    };
    let Ok(decoded) = decode_raw(op) else {
        return false;
    };
    let out = &decoded.results[0];
    let small = |t: &TensorType| usize::try_from(t.num_elements()).is_ok_and(|n| n <= max);
    if !small(out) || !elements::supported(out.elem) {
        return false;
    }
    let mut args = Vec::with_capacity(constants.len());
    for (c, ty) in constants.iter().zip(&decoded.operands) {
        if !small(ty) || !elements::supported(ty.elem) {
            return false;
        }
        let Some(value) = jaxr_dialect::raw::attribute(*c, "value").and_then(|a| read(a, ty)) else {
            return false;
        };
        args.push(value);
    }
    let Some(value) = evaluate(&decoded.primitive, &args, out) else {
        return false;
    };
    let result = ir::results(op)[0];
    // SAFETY: the result type of a live op.
    let mlir_ty = unsafe { mlirValueGetType(result) };
    let Some(attr) = write(&value, mlir_ty) else {
        return false;
    };
    replace_with_constant(op, attr, mlir_ty);
    // Constants this op was the last user of.
    let mut seen: Vec<MlirOperation> = Vec::new();
    for c in constants {
        if !seen.iter().any(|s| s.ptr == c.ptr) {
            seen.push(c);
            if !ir::has_uses(ir::results(c)[0]) {
                ir::erase(c);
            }
        }
    }
    true
}

/// The value of `prim` on constant `args` with result type `out`.
fn evaluate(prim: &Primitive, args: &[Elements], out: &TensorType) -> Option<Elements> {
    use elementwise as ew;
    match (prim, args) {
        (Primitive::Iota { dimension, .. }, []) => shape::iota(*dimension, out),
        (Primitive::Unary(u), [x]) => ew::unary(*u, x, out),
        (Primitive::Round(m), [x]) => ew::round(*m, x, out),
        (Primitive::IsFinite, [x]) => ew::is_finite(x, out),
        (Primitive::Binary(b), [x, y]) => ew::binary(*b, x, y, out),
        (Primitive::Compare(d), [x, y]) => ew::compare(*d, x, y, out),
        (Primitive::SelectN, [which, cases @ ..]) => ew::select_n(which, cases, out),
        (Primitive::Clamp, [lo, x, hi]) => ew::clamp(lo, x, hi, out),
        (Primitive::ConvertElementType { .. }, [x]) => ew::convert(x, out),
        (Primitive::BitcastConvertType { .. } | Primitive::Reshape { .. }, [x]) => shape::retype(x, out),
        (Primitive::BroadcastInDim { dims, .. }, [x]) => shape::broadcast(x, dims, out),
        (Primitive::Transpose { permutation }, [x]) => shape::transpose(x, permutation, out),
        (Primitive::Rev { dimensions }, [x]) => shape::rev(x, dimensions, out),
        (Primitive::Slice { start, strides, .. }, [x]) => shape::slice(x, start, strides, out),
        (Primitive::DynamicSlice { .. }, [x, starts @ ..]) => shape::dynamic_slice(x, starts, out),
        (Primitive::Concatenate { dimension }, xs) => shape::concatenate(xs, *dimension, out),
        (Primitive::Pad { low, interior, .. }, [x, v]) => shape::pad(x, v, low, interior, out),
        _ => None,
    }
}

/// Inserts `jaxr.constant` with `value` before `op`, makes `op`'s users use
/// it and erases `op`.
fn replace_with_constant(op: MlirOperation, value: MlirAttribute, ty: MlirType) {
    // SAFETY: building a new op from live handles of the op's context,
    // inserting it into the op's block, then erasing the op once unused.
    unsafe {
        let context = mlirOperationGetContext(op);
        let mut state = mlirOperationStateGet(string_ref("jaxr.constant"), mlirOperationGetLocation(op));
        mlirOperationStateAddResults(&mut state, 1, &ty);
        let named = mlirNamedAttributeGet(mlirIdentifierGet(context, string_ref("value")), value);
        mlirOperationStateAddAttributes(&mut state, 1, &named);
        let constant = mlirOperationCreate(&mut state);
        mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(op), op, constant);
        ir::replace_uses(mlirOperationGetResult(op, 0), mlirOperationGetResult(constant, 0));
        mlirOperationDestroy(op);
    }
}

/// The values of a dense elements attribute of type `ty` (`None` for
/// another kind of attribute, such as a resource).
fn read(attr: MlirAttribute, ty: &TensorType) -> Option<Elements> {
    // SAFETY: a live attribute, checked to be dense before reading.
    let (dense, splat) = unsafe {
        let dense = mlirAttributeIsADenseElements(attr);
        (dense, dense && mlirDenseElementsAttrIsSplat(attr))
    };
    let n = usize::try_from(ty.num_elements()).ok()?;
    if !dense || jaxr_dialect::raw::element_count(attr) != Some(n as i64) {
        return None;
    }
    let count = if splat { n.min(1) } else { n };
    let elem = ty.elem;
    // SAFETY: a dense elements attribute of `ty`, read at positions below
    // its element count with the accessor of its element type (halves from
    // the raw data: two bytes per element, one element for a splat).
    let read_one = |i: usize| unsafe {
        let p = i as isize;
        match elem {
            ElemType::I1 => u64::from(mlirDenseElementsAttrGetBoolValue(attr, p)),
            ElemType::I8 => u64::from(mlirDenseElementsAttrGetInt8Value(attr, p) as u8),
            ElemType::UI8 => u64::from(mlirDenseElementsAttrGetUInt8Value(attr, p)),
            ElemType::I16 => u64::from(mlirDenseElementsAttrGetInt16Value(attr, p) as u16),
            ElemType::UI16 => u64::from(mlirDenseElementsAttrGetUInt16Value(attr, p)),
            ElemType::I32 => u64::from(mlirDenseElementsAttrGetInt32Value(attr, p) as u32),
            ElemType::UI32 => u64::from(mlirDenseElementsAttrGetUInt32Value(attr, p)),
            ElemType::I64 => mlirDenseElementsAttrGetInt64Value(attr, p) as u64,
            ElemType::UI64 => mlirDenseElementsAttrGetUInt64Value(attr, p),
            ElemType::F32 => u64::from(mlirDenseElementsAttrGetFloatValue(attr, p).to_bits()),
            ElemType::F64 => mlirDenseElementsAttrGetDoubleValue(attr, p).to_bits(),
            _ => u64::from(*(mlirDenseElementsAttrGetRawData(attr) as *const u16).add(i)),
        }
    };
    let values: Vec<u64> = (0..count).map(read_one).collect();
    let bits = if splat { vec![values.first().copied().unwrap_or(0); n] } else { values };
    Some(Elements { ty: ty.clone(), bits })
}

/// A dense elements attribute of type `ty` holding `value`.
fn write(value: &Elements, ty: MlirType) -> Option<MlirAttribute> {
    let n = value.bits.len() as isize;
    let b = &value.bits;
    macro_rules! typed {
        ($get:ident, $t:ty) => {{
            let v: Vec<$t> = b.iter().map(|x| *x as $t).collect();
            // SAFETY: `n` values of the element type's width for a shaped
            // type of `n` elements.
            unsafe { $get(ty, n, v.as_ptr()) }
        }};
    }
    Some(match value.ty.elem {
        ElemType::I1 => typed!(mlirDenseElementsAttrBoolGet, std::os::raw::c_int),
        ElemType::I8 => typed!(mlirDenseElementsAttrInt8Get, i8),
        ElemType::UI8 => typed!(mlirDenseElementsAttrUInt8Get, u8),
        ElemType::I16 => typed!(mlirDenseElementsAttrInt16Get, i16),
        ElemType::UI16 => typed!(mlirDenseElementsAttrUInt16Get, u16),
        ElemType::I32 => typed!(mlirDenseElementsAttrInt32Get, i32),
        ElemType::UI32 => typed!(mlirDenseElementsAttrUInt32Get, u32),
        ElemType::I64 => typed!(mlirDenseElementsAttrInt64Get, i64),
        ElemType::UI64 => typed!(mlirDenseElementsAttrUInt64Get, u64),
        ElemType::F16 => typed!(mlirDenseElementsAttrFloat16Get, u16),
        ElemType::BF16 => typed!(mlirDenseElementsAttrBFloat16Get, u16),
        ElemType::F32 => {
            let v: Vec<f32> = b.iter().map(|x| f32::from_bits(*x as u32)).collect();
            // SAFETY: `n` f32 values for a shaped type of `n` elements.
            unsafe { mlirDenseElementsAttrFloatGet(ty, n, v.as_ptr()) }
        }
        ElemType::F64 => {
            let v: Vec<f64> = b.iter().map(|x| f64::from_bits(*x)).collect();
            // SAFETY: `n` f64 values for a shaped type of `n` elements.
            unsafe { mlirDenseElementsAttrDoubleGet(ty, n, v.as_ptr()) }
        }
        _ => return None,
    })
}
