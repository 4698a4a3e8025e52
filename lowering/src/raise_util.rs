//! What the raising families share: building jaxr ops in front of the
//! StableHLO op being raised (its decomposition into JAX's primitives), and
//! reading integer constants through the constant ops that compute them.

use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{BlockRef, Location, TypeLike, Value, ValueLike};
use melior::Context;

use jaxr_dialect::{
    builder, raw, tensor_type_of, BinaryOp, ElemType, Primitive, ReduceOp, TensorType, UnaryOp,
};

/// Builds jaxr ops before an anchor op, each typed by jaxr's shape rules.
pub(crate) struct JaxrBuilder<'c, 'a> {
    context: &'c Context,
    location: Location<'c>,
    block: BlockRef<'c, 'a>,
    anchor: OperationRef<'c, 'a>,
}

impl<'c, 'a> JaxrBuilder<'c, 'a> {
    /// A builder inserting before `anchor` (which must sit in a block), at
    /// its location.
    pub(crate) fn before(context: &'c Context, anchor: OperationRef<'c, 'a>) -> Result<Self, String> {
        let block = anchor.block().ok_or("the op is not in a block")?;
        Ok(JaxrBuilder { context, location: anchor.location(), block, anchor })
    }

    /// `jaxr.<prim>` of `operands`; its first result.
    pub(crate) fn op(&self, prim: &Primitive, operands: &[Value<'c, 'a>]) -> Result<Value<'c, 'a>, String> {
        let built = builder::build(self.context, self.location, prim, operands).map_err(|e| e.to_string())?;
        let new = self.block.insert_operation_before(self.anchor, built);
        Ok(new.result(0).map_err(|e| e.to_string())?.into())
    }

    pub(crate) fn unary(&self, u: UnaryOp, x: Value<'c, 'a>) -> Result<Value<'c, 'a>, String> {
        self.op(&Primitive::Unary(u), &[x])
    }

    pub(crate) fn binary(
        &self,
        b: BinaryOp,
        x: Value<'c, 'a>,
        y: Value<'c, 'a>,
    ) -> Result<Value<'c, 'a>, String> {
        self.op(&Primitive::Binary(b), &[x, y])
    }

    /// `broadcast_in_dim` of `x` to `shape`, its dimensions going to `dims`.
    pub(crate) fn broadcast(
        &self,
        x: Value<'c, 'a>,
        shape: &[i64],
        dims: &[i64],
    ) -> Result<Value<'c, 'a>, String> {
        self.op(&Primitive::BroadcastInDim { shape: shape.to_vec(), dims: dims.to_vec() }, &[x])
    }

    /// `reduce_<r>` of `x` over `axes`.
    pub(crate) fn reduce(
        &self,
        r: ReduceOp,
        x: Value<'c, 'a>,
        axes: &[i64],
    ) -> Result<Value<'c, 'a>, String> {
        self.op(&Primitive::Reduce { op: r, axes: axes.to_vec() }, &[x])
    }

    /// A `jaxr.constant` of type `ty`, every element `x`.
    pub(crate) fn splat(&self, ty: &TensorType, x: f64) -> Result<Value<'c, 'a>, String> {
        let built = builder::splat(self.context, self.location, ty, x)?;
        let new = self.block.insert_operation_before(self.anchor, built);
        Ok(new.result(0).map_err(|e| e.to_string())?.into())
    }
}

/// The static tensor type of a value.
pub(crate) fn type_of(v: Value) -> Result<TensorType, String> {
    tensor_type_of(v.r#type())
}

/// The most elements a folded shape constant may have.
const MAX_FOLDED: usize = 1 << 16;

/// The values of `v`, row-major, when they are integers computed by
/// constant ops alone: a `constant` (StableHLO's or jaxr's), and
/// `convert`, `reshape`, `broadcast_in_dim` (of one value), `concatenate`
/// and `slice` (of rank-1 values), `add`, `subtract`, `multiply` (without
/// wrapping) and `get_dimension_size` (of a static dimension) of such values.
/// `None` for anything else (a function argument, an op that reads data).
pub(crate) fn constant_ints(v: Value) -> Option<Vec<i64>> {
    let ty = type_of(v).ok()?;
    if !ty.elem.is_int() {
        return None;
    }
    let result = melior::ir::operation::OperationResult::try_from(v).ok()?;
    let p = result.owner();
    let name = p.name().as_string_ref().as_str().ok()?.to_string();
    let values = match name.as_str() {
        "stablehlo.constant" | "jaxr.constant" => dense_ints(raw::attribute(p.to_raw(), "value")?, ty.elem)?,
        "stablehlo.convert" | "jaxr.convert_element_type" => {
            let values = constant_ints(p.operand(0).ok()?)?;
            // Only conversions that keep every value.
            let (lo, hi) = int_range(ty.elem)?;
            values.iter().all(|&x| (x as i128) >= lo && (x as i128) <= hi).then_some(values)?
        }
        "stablehlo.reshape" | "jaxr.reshape" => constant_ints(p.operand(0).ok()?)?,
        "stablehlo.broadcast_in_dim" | "jaxr.broadcast_in_dim" => {
            // Only splats: a broadcast of one value.
            let values = constant_ints(p.operand(0).ok()?)?;
            let [x] = values[..] else { return None };
            let count = usize::try_from(ty.num_elements()).ok().filter(|&n| n <= MAX_FOLDED)?;
            vec![x; count]
        }
        "stablehlo.concatenate" | "jaxr.concatenate" => {
            if ty.rank() != 1 {
                return None;
            }
            let mut all = Vec::new();
            for operand in p.operands() {
                all.extend(constant_ints(operand)?);
            }
            all
        }
        "stablehlo.slice" | "jaxr.slice" => {
            // Of rank-1 values.
            let values = constant_ints(p.operand(0).ok()?)?;
            let key = |k: &str| raw::i64_array(raw::attribute(p.to_raw(), k)?);
            let (start, limit, strides) = (key("start_indices")?, key("limit_indices")?, key("strides")?);
            let ([start], [limit], [stride]) = (&start[..], &limit[..], &strides[..]) else { return None };
            let range = usize::try_from(*start).ok()?..usize::try_from(*limit).ok()?.min(values.len());
            values
                .get(range)?
                .iter()
                .step_by(usize::try_from(*stride).ok().filter(|&s| s > 0)?)
                .copied()
                .collect()
        }
        "stablehlo.add" | "jaxr.add" | "stablehlo.subtract" | "jaxr.sub" | "stablehlo.multiply"
        | "jaxr.mul" => {
            let x = constant_ints(p.operand(0).ok()?)?;
            let y = constant_ints(p.operand(1).ok()?)?;
            let (lo, hi) = int_range(ty.elem)?;
            let combine = |a: i64, b: i64| -> Option<i64> {
                let (a, b) = (a as i128, b as i128);
                let r = match name.as_str() {
                    "stablehlo.add" | "jaxr.add" => a + b,
                    "stablehlo.subtract" | "jaxr.sub" => a - b,
                    _ => a * b,
                };
                // Only results that do not wrap.
                (lo..=hi).contains(&r).then_some(r as i64)
            };
            if x.len() != y.len() {
                return None;
            }
            x.iter().zip(&y).map(|(&a, &b)| combine(a, b)).collect::<Option<Vec<i64>>>()?
        }
        "stablehlo.get_dimension_size" => {
            let dim = raw::integer(raw::attribute(p.to_raw(), "dimension")?)?;
            vec![static_dim(p.operand(0).ok()?, dim)?]
        }
        _ => return None,
    };
    (values.len() as i64 == ty.num_elements()).then_some(values)
}

/// The values of dense integer elements of type `elem`, read with the
/// accessor of their width (reading narrower elements as i64 would read
/// past them).
fn dense_ints(attr: mlir_sys::MlirAttribute, elem: ElemType) -> Option<Vec<i64>> {
    use mlir_sys::*;
    let count = usize::try_from(raw::element_count(attr)?).ok().filter(|&n| n <= MAX_FOLDED)?;
    // SAFETY: a valid attribute handle, checked to be dense integer elements
    // of type `elem`; every position is below the element count.
    unsafe {
        if !mlirAttributeIsADenseIntElements(attr) {
            return None;
        }
        let element = mlirShapedTypeGetElementType(mlirAttributeGetType(attr));
        if !mlirTypeIsAInteger(element) || mlirIntegerTypeGetWidth(element) != elem.bit_width() {
            return None;
        }
        let read = |i: isize| -> Option<i64> {
            Some(match elem {
                ElemType::I8 => i64::from(mlirDenseElementsAttrGetInt8Value(attr, i)),
                ElemType::I16 => i64::from(mlirDenseElementsAttrGetInt16Value(attr, i)),
                ElemType::I32 => i64::from(mlirDenseElementsAttrGetInt32Value(attr, i)),
                ElemType::I64 => mlirDenseElementsAttrGetInt64Value(attr, i),
                ElemType::UI8 => i64::from(mlirDenseElementsAttrGetUInt8Value(attr, i)),
                ElemType::UI16 => i64::from(mlirDenseElementsAttrGetUInt16Value(attr, i)),
                ElemType::UI32 => i64::from(mlirDenseElementsAttrGetUInt32Value(attr, i)),
                ElemType::UI64 => i64::try_from(mlirDenseElementsAttrGetUInt64Value(attr, i)).ok()?,
                _ => return None,
            })
        };
        (0..count as isize).map(read).collect()
    }
}

/// The values an integer type holds.
fn int_range(elem: ElemType) -> Option<(i128, i128)> {
    let bits = elem.bit_width();
    if elem.is_signed_int() {
        Some((-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1))
    } else if elem.is_unsigned_int() {
        Some((0, (1i128 << bits) - 1))
    } else {
        None
    }
}

/// The size of dimension `dim` of `v`'s ranked tensor type, when static.
pub(crate) fn static_dim(v: Value, dim: i64) -> Option<i64> {
    let t = v.r#type().to_raw();
    // SAFETY: type queries on a valid type handle, the kind checked first.
    unsafe {
        if !mlir_sys::mlirTypeIsARankedTensor(t) || dim < 0 || dim >= mlir_sys::mlirShapedTypeGetRank(t) {
            return None;
        }
        if mlir_sys::mlirShapedTypeIsDynamicDim(t, dim as isize) {
            return None;
        }
        Some(mlir_sys::mlirShapedTypeGetDimSize(t, dim as isize))
    }
}

/// A float attribute's value (`1.0e-05 : f32`), widened to f64.
pub(crate) fn float_attr(op: &OperationRef, name: &str) -> Result<f64, String> {
    let attr = raw::attribute(op.to_raw(), name).ok_or_else(|| format!("missing attribute '{name}'"))?;
    // SAFETY: a valid attribute handle; the kind is checked before reading.
    unsafe {
        if !mlir_sys::mlirAttributeIsAFloat(attr) {
            return Err(format!("attribute '{name}' is not a float"));
        }
        Ok(mlir_sys::mlirFloatAttrGetValueDouble(attr))
    }
}
