//! A jaxr [`Primitive`] evaluated on [`reference::Array`]s: the bridge from
//! the e-graph's (or any) primitive values to the independent reference.
//!
//! [`eval`] returns `None` where the reference has no semantics to offer:
//! - primitives it lacks: `Constant` (no values in the primitive), `Fft`,
//!   `TriangularSolve`, `Gather`, `Scatter`, `ConvGeneralDilated`,
//!   `ReduceWindow` (their dimension numbers are not translated here), the
//!   multi-result and random primitives (`Sort`, `TopK`, `RngBitGenerator`,
//!   `OptimizationBarrier`, `Threefry2x32`, `Random*`) and anything added
//!   later;
//! - complex and small-float (f8/f6/f4) element types, and the unary and
//!   binary ops of complex numbers (`real`, `imag`, `conj`, `complex`);
//! - inputs the operation leaves undefined: a `select_n` selector out of
//!   range, a negative integer power of an integer.
//!
//! Float `max`, `min`, `reduce_max`, `reduce_min` and `clamp` are computed
//! here with the reference's IEEE 754-2019 maximum and minimum (NaN
//! propagates, -0 < +0), elementwise over broadcast operands.

use jaxr_dialect::{ArgReduceOp, BinaryOp, ElemType, Primitive, ReduceOp, TensorType};

use crate::reference::{self, ieee_max, ieee_min, Array, DotDims, Scalar};

/// Float unary ops the reference implements, by mnemonic.
const FLOAT_UNARY: &[&str] = &[
    "neg",
    "abs",
    "sign",
    "floor",
    "ceil",
    "exp",
    "exp2",
    "log",
    "log1p",
    "expm1",
    "sqrt",
    "rsqrt",
    "cbrt",
    "sin",
    "cos",
    "tan",
    "atan",
    "tanh",
    "logistic",
    "square",
    "erf",
    "erfc",
    "erf_inv",
    "lgamma",
    "digamma",
    "bessel_i1e",
];

/// Integer (and i1) unary ops the reference implements.
const INT_UNARY: &[&str] = &["neg", "abs", "sign", "not", "square", "population_count", "clz"];

/// Float binary ops the reference implements.
const FLOAT_BINARY: &[&str] =
    &["add", "sub", "mul", "div", "rem", "pow", "max", "min", "atan2", "polygamma", "zeta", "nextafter"];

/// Integer (and i1) binary ops the reference implements.
const INT_BINARY: &[&str] = &[
    "add",
    "sub",
    "mul",
    "div",
    "rem",
    "pow",
    "max",
    "min",
    "and",
    "or",
    "xor",
    "shift_left",
    "shift_right_logical",
    "shift_right_arithmetic",
];

/// Whether the reference models values of `elem`.
pub fn supported_elem(elem: ElemType) -> bool {
    !elem.is_complex() && !elem.is_small_float()
}

fn usizes(v: &[i64]) -> Option<Vec<usize>> {
    v.iter().map(|&d| usize::try_from(d).ok()).collect()
}

/// `prim` applied to `args` (result type `out`) by the reference, or `None`
/// where the reference does not define it (see the module comment).
pub fn eval(prim: &Primitive, args: &[&Array], out: &TensorType) -> Option<Array> {
    if !supported_elem(out.elem) || args.iter().any(|a| !supported_elem(a.elem)) {
        return None;
    }
    let one = || args.first().copied();
    let float = |a: &Array| a.elem.is_float();
    Some(match prim {
        Primitive::Iota { dimension, ty } => {
            reference::iota(ty.elem, &ty.shape, usize::try_from(*dimension).ok()?)
        }
        Primitive::Unary(u) => {
            let x = one()?;
            let table = if float(x) { FLOAT_UNARY } else { INT_UNARY };
            if !table.contains(&u.mnemonic()) {
                return None;
            }
            reference::unary(u.mnemonic(), x)
        }
        Primitive::Round(m) => {
            reference::round(one()?, matches!(m, jaxr_dialect::RoundingMethod::ToNearestEven))
        }
        Primitive::IntegerPow { y } => {
            let x = one()?;
            if !float(x) && *y < 0 {
                return None;
            }
            reference::integer_pow(x, *y)
        }
        Primitive::ReducePrecision { exponent_bits, mantissa_bits } => reference::reduce_precision(
            one()?,
            u32::try_from(*exponent_bits).ok()?,
            u32::try_from(*mantissa_bits).ok()?,
        ),
        Primitive::IsFinite => reference::is_finite(one()?),
        Primitive::Binary(b @ (BinaryOp::Max | BinaryOp::Min)) if float(one()?) => {
            let [x, y] = args else { return None };
            let f = if *b == BinaryOp::Max { ieee_max } else { ieee_min };
            let values = x.values.iter().zip(&y.values).map(|(a, c)| Scalar::F(f(a.f(), c.f()))).collect();
            Array::new(x.elem, x.shape.clone(), values)
        }
        Primitive::Binary(b) => {
            let [x, y] = args else { return None };
            let table = if float(x) { FLOAT_BINARY } else { INT_BINARY };
            if !table.contains(&b.mnemonic()) || x.elem != y.elem {
                return None;
            }
            reference::binary(b.mnemonic(), x, y)
        }
        Primitive::Compare(d) => {
            let [x, y] = args else { return None };
            reference::compare(d.keyword(), x, y)
        }
        Primitive::SelectN => {
            let (which, cases) = args.split_first()?;
            if cases.is_empty()
                || which
                    .values
                    .iter()
                    .any(|w| !matches!(w, Scalar::I(i) if (0..cases.len() as i128).contains(i)))
            {
                return None;
            }
            reference::select_n(which, cases)
        }
        Primitive::Clamp => {
            let [lo, x, hi] = args else { return None };
            if !float(x) {
                return Some(reference::clamp(lo, x, hi));
            }
            let pick = |b: &Array, i: usize| if b.rank() == 0 { b.values[0].f() } else { b.values[i].f() };
            let values = (0..x.len())
                .map(|i| Scalar::F(ieee_min(ieee_max(x.values[i].f(), pick(lo, i)), pick(hi, i))));
            Array::new(x.elem, x.shape.clone(), values.collect())
        }
        Primitive::ConvertElementType { to } => reference::convert(one()?, *to),
        Primitive::BitcastConvertType { to } => reference::bitcast_convert(one()?, *to),
        Primitive::BroadcastInDim { shape, dims } => reference::broadcast_in_dim(one()?, shape, dims),
        Primitive::Reshape { shape } => reference::reshape(one()?, shape),
        Primitive::Transpose { permutation } => reference::transpose(one()?, permutation),
        Primitive::Rev { dimensions } => reference::rev(one()?, dimensions),
        Primitive::Concatenate { dimension } => {
            reference::concatenate(args, usize::try_from(*dimension).ok()?)
        }
        Primitive::Pad { low, high, interior } => {
            let [x, v] = args else { return None };
            reference::pad(x, v, low, high, interior)
        }
        Primitive::Slice { start, limit, strides } => reference::slice(one()?, start, limit, strides),
        Primitive::DynamicSlice { sizes } => {
            let (x, idx) = args.split_first()?;
            reference::dynamic_slice(x, &start_indices(idx)?, sizes)
        }
        Primitive::DynamicUpdateSlice => {
            let [x, update, idx @ ..] = args else { return None };
            reference::dynamic_update_slice(x, update, &start_indices(idx)?)
        }
        Primitive::Reduce { op, axes } => {
            let x = one()?;
            let name = match op {
                ReduceOp::Sum => "sum",
                ReduceOp::Max => "max",
                ReduceOp::Min => "min",
                ReduceOp::Prod => "prod",
                ReduceOp::And => "and",
                ReduceOp::Or => "or",
            };
            if float(x) && matches!(op, ReduceOp::And | ReduceOp::Or) {
                return None;
            }
            if float(x) && matches!(op, ReduceOp::Max | ReduceOp::Min) {
                let (f, init) = if *op == ReduceOp::Max {
                    (ieee_max as fn(f64, f64) -> f64, f64::NEG_INFINITY)
                } else {
                    (ieee_min as fn(f64, f64) -> f64, f64::INFINITY)
                };
                return Some(reduce_float(x, &usizes(axes)?, f, init));
            }
            reference::reduce(name, x, &usizes(axes)?)
        }
        Primitive::ArgReduce { op, axis, index } => reference::arg_reduce(
            matches!(op, ArgReduceOp::Argmax),
            one()?,
            usize::try_from(*axis).ok()?,
            *index,
        ),
        Primitive::DotGeneral { dims, out: elem, .. } => {
            let [l, r] = args else { return None };
            let d = DotDims {
                lhs_contracting: usizes(&dims.lhs_contracting)?,
                rhs_contracting: usizes(&dims.rhs_contracting)?,
                lhs_batch: usizes(&dims.lhs_batch)?,
                rhs_batch: usizes(&dims.rhs_batch)?,
            };
            reference::dot_general(l, r, &d, *elem)
        }
        _ => return None,
    })
}

/// A tensor of `ty` whose every element is `x` (an f64 as the e-graph's
/// splats hold it); `Err` when `x` is not a value of an integer type.
pub fn splat(ty: &TensorType, x: f64) -> Result<Array, String> {
    let n = reference::count(&ty.shape);
    let v = if ty.elem.is_float() {
        Scalar::F(x)
    } else {
        let i = x as i128;
        if i as f64 != x || reference::wrap(ty.elem, i) != i {
            return Err(format!("{x} is not a value of {}", ty.elem));
        }
        Scalar::I(i)
    };
    Ok(Array::new(ty.elem, ty.shape.clone(), vec![v; n]))
}

/// Whether two arrays are bit for bit the same: one type, one shape, and
/// elementwise equal bits, except that every NaN equals every NaN (payload
/// and sign are not compared); -0 and +0 differ.
pub fn same_bits(a: &Array, b: &Array) -> bool {
    a.elem == b.elem
        && a.shape == b.shape
        && a.values.iter().zip(&b.values).all(|(x, y)| match (x, y) {
            (Scalar::F(x), Scalar::F(y)) => (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits(),
            (Scalar::I(x), Scalar::I(y)) => x == y,
            _ => false,
        })
}

/// The start indices of a dynamic slice: one integer scalar per operand.
fn start_indices(idx: &[&Array]) -> Option<Vec<i128>> {
    idx.iter()
        .map(|a| match a.values.first() {
            Some(Scalar::I(i)) => Some(*i),
            _ => None,
        })
        .collect()
}

/// A float reduction over `axes` folding each group with `f` from `init`.
fn reduce_float(x: &Array, axes: &[usize], f: fn(f64, f64) -> f64, init: f64) -> Array {
    let kept: Vec<usize> = (0..x.rank()).filter(|d| !axes.contains(d)).collect();
    let shape: Vec<i64> = kept.iter().map(|&d| x.shape[d]).collect();
    let mut out = vec![init; reference::count(&shape)];
    let mut index = vec![0i64; x.rank()];
    for v in &x.values {
        let o = kept.iter().fold(0usize, |acc, &d| acc * x.shape[d] as usize + index[d] as usize);
        out[o] = f(out[o], v.f());
        // The next row-major index.
        for d in (0..x.rank()).rev() {
            index[d] += 1;
            if index[d] < x.shape[d] {
                break;
            }
            index[d] = 0;
        }
    }
    Array::new(x.elem, shape, out.into_iter().map(Scalar::F).collect())
}
