//! The shape and type rules of every jaxr primitive, written once.
//!
//! [`infer`] computes a primitive's result type from its operand types, or says
//! which rule the operands break. The dialect's verifier, the typed builders
//! and the e-graph's type analysis all call it.

use std::fmt;

use crate::primitive::{Accepts, DotDims, Primitive};
use crate::types::{ElemType, TensorType};

/// A broken shape or type rule: the op, its operand types and the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeError {
    pub op: String,
    pub operands: Vec<TensorType>,
    pub rule: String,
}

impl ShapeError {
    /// The message without the op name (the MLIR verifier adds that itself).
    pub fn rule_with_operands(&self) -> String {
        let operands: Vec<String> = self.operands.iter().map(ToString::to_string).collect();
        format!("{} (operand types: {})", self.rule, operands.join(", "))
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}': {}", self.op, self.rule_with_operands())
    }
}

impl std::error::Error for ShapeError {}

type Rule<T> = Result<T, String>;

/// The result type of `prim` applied to operands of the given types.
pub fn infer(prim: &Primitive, operands: &[TensorType]) -> Result<TensorType, ShapeError> {
    infer_rule(prim, operands).map_err(|rule| ShapeError {
        op: prim.op_name(),
        operands: operands.to_vec(),
        rule,
    })
}

/// Checks that `declared` is the result type the rules give.
pub fn check(prim: &Primitive, operands: &[TensorType], declared: &TensorType) -> Result<(), ShapeError> {
    let inferred = infer(prim, operands)?;
    if &inferred == declared {
        Ok(())
    } else {
        Err(ShapeError {
            op: prim.op_name(),
            operands: operands.to_vec(),
            rule: format!("result type must be {inferred}, found {declared}"),
        })
    }
}

fn arity(operands: &[TensorType], n: usize) -> Rule<()> {
    if operands.len() == n {
        Ok(())
    } else {
        Err(format!("expects {n} operand(s), found {}", operands.len()))
    }
}

fn accepts(what: &str, t: &TensorType, a: Accepts) -> Rule<()> {
    if a.admits(t.elem) {
        Ok(())
    } else {
        Err(format!("{what} must have {}, found {}", a.describe(), t.elem))
    }
}

fn same_type(a: &TensorType, b: &TensorType, what: &str) -> Rule<()> {
    if a == b {
        Ok(())
    } else {
        Err(format!("{what} must have the same type, found {a} and {b}"))
    }
}

/// Checks that `dims` are distinct and within `0..rank`.
fn distinct_dims(what: &str, dims: &[i64], rank: usize) -> Rule<()> {
    let mut seen = vec![false; rank];
    for &d in dims {
        if d < 0 || d as usize >= rank {
            return Err(format!("{what} {d} is out of range for rank {rank}"));
        }
        if std::mem::replace(&mut seen[d as usize], true) {
            return Err(format!("{what} {d} appears twice"));
        }
    }
    Ok(())
}

fn length(what: &str, values: &[i64], rank: usize) -> Rule<()> {
    if values.len() == rank {
        Ok(())
    } else {
        Err(format!("{what} has {} entries, expected one per operand dimension ({rank})", values.len()))
    }
}

fn is_scalar_index(t: &TensorType) -> bool {
    t.rank() == 0 && t.elem.is_int()
}

fn infer_rule(prim: &Primitive, ops: &[TensorType]) -> Rule<TensorType> {
    match prim {
        Primitive::Constant { ty } => {
            arity(ops, 0)?;
            Ok(ty.clone())
        }
        Primitive::Iota { dimension, ty } => {
            arity(ops, 0)?;
            accepts("the result", ty, Accepts::Numeric)?;
            if *dimension < 0 || *dimension as usize >= ty.rank() {
                return Err(format!("iota dimension {dimension} is out of range for {ty}"));
            }
            Ok(ty.clone())
        }
        Primitive::Unary(u) => {
            arity(ops, 1)?;
            accepts("the operand", &ops[0], u.accepts())?;
            Ok(ops[0].clone())
        }
        Primitive::Round(_) => {
            arity(ops, 1)?;
            accepts("the operand", &ops[0], Accepts::Float)?;
            Ok(ops[0].clone())
        }
        Primitive::IntegerPow { y } => {
            arity(ops, 1)?;
            accepts("the operand", &ops[0], Accepts::Numeric)?;
            if *y < 0 && ops[0].elem.is_int() {
                return Err(format!("a negative exponent ({y}) needs a floating-point operand"));
            }
            Ok(ops[0].clone())
        }
        Primitive::IsFinite => {
            arity(ops, 1)?;
            accepts("the operand", &ops[0], Accepts::Float)?;
            Ok(ops[0].with_elem(ElemType::I1))
        }
        Primitive::Binary(b) => {
            arity(ops, 2)?;
            same_type(&ops[0], &ops[1], "both operands")?;
            accepts("the operands", &ops[0], b.accepts())?;
            Ok(ops[0].clone())
        }
        Primitive::Compare(_) => {
            arity(ops, 2)?;
            same_type(&ops[0], &ops[1], "both operands")?;
            Ok(ops[0].with_elem(ElemType::I1))
        }
        Primitive::SelectN => select_n(ops),
        Primitive::Clamp => {
            arity(ops, 3)?;
            let x = &ops[1];
            accepts("the operand", x, Accepts::Numeric)?;
            for (bound, t) in [("min", &ops[0]), ("max", &ops[2])] {
                if t.elem != x.elem || (t.rank() != 0 && t.shape != x.shape) {
                    return Err(format!(
                        "{bound} must be a scalar or have the operand's shape, with its element type ({x}), found {t}"
                    ));
                }
            }
            Ok(x.clone())
        }
        Primitive::ConvertElementType { to } => {
            arity(ops, 1)?;
            Ok(ops[0].with_elem(*to))
        }
        Primitive::BitcastConvertType { to } => bitcast(&ops_one(ops)?, *to),
        Primitive::BroadcastInDim { shape, dims } => {
            let x = ops_one(ops)?;
            length("broadcast_dimensions", dims, x.rank())?;
            if dims.windows(2).any(|w| w[0] >= w[1]) {
                return Err(format!("broadcast_dimensions {dims:?} must be strictly increasing"));
            }
            for (i, &d) in dims.iter().enumerate() {
                if d < 0 || d as usize >= shape.len() {
                    return Err(format!(
                        "broadcast dimension {d} is out of range for a result of rank {}",
                        shape.len()
                    ));
                }
                let (from, to) = (x.shape[i], shape[d as usize]);
                if from != 1 && from != to {
                    return Err(format!(
                        "operand dimension {i} (size {from}) maps to result dimension {d} (size {to}): sizes must match or the operand's must be 1"
                    ));
                }
            }
            nonnegative("result shape", shape)?;
            Ok(TensorType::new(shape.clone(), x.elem))
        }
        Primitive::Reshape { shape } => {
            let x = ops_one(ops)?;
            nonnegative("result shape", shape)?;
            let count: i64 = shape.iter().product();
            if count != x.num_elements() {
                return Err(format!(
                    "reshape to {shape:?} needs {count} elements, the operand has {}",
                    x.num_elements()
                ));
            }
            Ok(TensorType::new(shape.clone(), x.elem))
        }
        Primitive::Transpose { permutation } => {
            let x = ops_one(ops)?;
            length("permutation", permutation, x.rank())?;
            distinct_dims("permutation entry", permutation, x.rank())?;
            Ok(TensorType::new(permutation.iter().map(|&p| x.shape[p as usize]).collect::<Vec<_>>(), x.elem))
        }
        Primitive::Rev { dimensions } => {
            let x = ops_one(ops)?;
            distinct_dims("reversed dimension", dimensions, x.rank())?;
            Ok(x)
        }
        Primitive::Concatenate { dimension } => concatenate(ops, *dimension),
        Primitive::Pad { low, high, interior } => pad(ops, low, high, interior),
        Primitive::Slice { start, limit, strides } => slice(ops, start, limit, strides),
        Primitive::DynamicSlice { sizes } => {
            let x = ops.first().ok_or("expects an operand and one start index per dimension")?;
            let starts = &ops[1..];
            start_indices(starts, x.rank())?;
            length("slice_sizes", sizes, x.rank())?;
            for (i, (&s, &d)) in sizes.iter().zip(&x.shape).enumerate() {
                if s < 0 || s > d {
                    return Err(format!("slice size {s} of dimension {i} must lie in [0, {d}]"));
                }
            }
            Ok(TensorType::new(sizes.clone(), x.elem))
        }
        Primitive::DynamicUpdateSlice => {
            if ops.len() < 2 {
                return Err("expects an operand, an update and one start index per dimension".into());
            }
            let (x, update) = (&ops[0], &ops[1]);
            start_indices(&ops[2..], x.rank())?;
            if update.elem != x.elem || update.rank() != x.rank() {
                return Err(format!(
                    "the update {update} must have the operand's rank and element type ({x})"
                ));
            }
            if let Some(i) = (0..x.rank()).find(|&i| update.shape[i] > x.shape[i]) {
                return Err(format!(
                    "update dimension {i} (size {}) is larger than the operand's (size {})",
                    update.shape[i], x.shape[i]
                ));
            }
            Ok(x.clone())
        }
        Primitive::Reduce { op, axes } => {
            let x = ops_one(ops)?;
            accepts("the operand", &x, op.accepts())?;
            distinct_dims("reduction axis", axes, x.rank())?;
            let shape: Vec<i64> =
                (0..x.rank()).filter(|i| !axes.contains(&(*i as i64))).map(|i| x.shape[i]).collect();
            Ok(TensorType::new(shape, x.elem))
        }
        Primitive::ArgReduce { axis, index, .. } => {
            let x = ops_one(ops)?;
            if *axis < 0 || *axis as usize >= x.rank() {
                return Err(format!("axis {axis} is out of range for rank {}", x.rank()));
            }
            if x.shape[*axis as usize] == 0 {
                return Err(format!("axis {axis} has size 0: there is no extremum"));
            }
            if !index.is_int() {
                return Err(format!("the index type must be an integer type, found {index}"));
            }
            let shape: Vec<i64> = (0..x.rank()).filter(|&i| i as i64 != *axis).map(|i| x.shape[i]).collect();
            Ok(TensorType::new(shape, *index))
        }
        Primitive::DotGeneral { dims, out } => dot_general(ops, dims, *out),
    }
}

fn ops_one(ops: &[TensorType]) -> Rule<TensorType> {
    arity(ops, 1)?;
    Ok(ops[0].clone())
}

fn nonnegative(what: &str, shape: &[i64]) -> Rule<()> {
    match shape.iter().find(|&&d| d < 0) {
        Some(d) => Err(format!("{what} has a negative size {d}")),
        None => Ok(()),
    }
}

fn start_indices(starts: &[TensorType], rank: usize) -> Rule<()> {
    if starts.len() != rank {
        return Err(format!("expects {rank} start indices (one per dimension), found {}", starts.len()));
    }
    if let Some(t) = starts.iter().find(|t| !is_scalar_index(t)) {
        return Err(format!("start indices must be integer scalars, found {t}"));
    }
    if starts.windows(2).any(|w| w[0] != w[1]) {
        return Err("start indices must all have the same type".into());
    }
    Ok(())
}

fn select_n(ops: &[TensorType]) -> Rule<TensorType> {
    let (which, cases) = ops.split_first().ok_or("expects a selector and at least one case")?;
    let first = cases.first().ok_or("expects at least one case")?;
    if let Some(other) = cases.iter().find(|c| *c != first) {
        return Err(format!("all cases must have the same type, found {first} and {other}"));
    }
    if which.rank() != 0 && which.shape != first.shape {
        return Err(format!("the selector {which} must be a scalar or have the cases' shape"));
    }
    match which.elem {
        ElemType::I1 if cases.len() <= 2 => {}
        ElemType::I1 => {
            return Err(format!("an i1 selector chooses from at most 2 cases, found {}", cases.len()))
        }
        ElemType::I32 => {}
        other => return Err(format!("the selector must be i1 or i32, found {other}")),
    }
    Ok(first.clone())
}

fn bitcast(x: &TensorType, to: ElemType) -> Rule<TensorType> {
    let (from_bits, to_bits) = (x.elem.bit_width(), to.bit_width());
    if x.elem.is_bool() || to.is_bool() {
        if x.elem == to {
            return Ok(x.clone());
        }
        return Err("bitcast to or from i1 is not allowed".into());
    }
    if from_bits == to_bits {
        return Ok(x.with_elem(to));
    }
    if from_bits > to_bits {
        // A wide element becomes a trailing dimension of narrow ones.
        let mut shape = x.shape.clone();
        shape.push(i64::from(from_bits / to_bits));
        return Ok(TensorType::new(shape, to));
    }
    let ratio = i64::from(to_bits / from_bits);
    match x.shape.last() {
        Some(&last) if last == ratio => Ok(TensorType::new(x.shape[..x.rank() - 1].to_vec(), to)),
        _ => {
            Err(format!("bitcast from {} to {to} needs a last dimension of size {ratio}, found {x}", x.elem))
        }
    }
}

fn concatenate(ops: &[TensorType], dimension: i64) -> Rule<TensorType> {
    let first = ops.first().ok_or("expects at least one operand")?;
    if dimension < 0 || dimension as usize >= first.rank() {
        return Err(format!("dimension {dimension} is out of range for rank {}", first.rank()));
    }
    let d = dimension as usize;
    let mut shape = first.shape.clone();
    for t in &ops[1..] {
        let compatible = t.elem == first.elem
            && t.rank() == first.rank()
            && (0..t.rank()).all(|i| i == d || t.shape[i] == first.shape[i]);
        if !compatible {
            return Err(format!(
                "operands must agree in element type and in every dimension but {dimension}, found {first} and {t}"
            ));
        }
        shape[d] += t.shape[d];
    }
    Ok(TensorType::new(shape, first.elem))
}

fn pad(ops: &[TensorType], low: &[i64], high: &[i64], interior: &[i64]) -> Rule<TensorType> {
    arity(ops, 2)?;
    let (x, value) = (&ops[0], &ops[1]);
    if value.rank() != 0 || value.elem != x.elem {
        return Err(format!(
            "the padding value must be a scalar of the operand's element type, found {value}"
        ));
    }
    for (what, v) in [("low", low), ("high", high), ("interior", interior)] {
        length(what, v, x.rank())?;
    }
    let mut shape = Vec::with_capacity(x.rank());
    for i in 0..x.rank() {
        if interior[i] < 0 {
            return Err(format!("interior padding {} of dimension {i} is negative", interior[i]));
        }
        let d = x.shape[i];
        let size = low[i] + high[i] + d + (d - 1).max(0) * interior[i];
        if size < 0 {
            return Err(format!("padding makes dimension {i} negative ({size})"));
        }
        shape.push(size);
    }
    Ok(TensorType::new(shape, x.elem))
}

fn slice(ops: &[TensorType], start: &[i64], limit: &[i64], strides: &[i64]) -> Rule<TensorType> {
    let x = ops_one(ops)?;
    for (what, v) in [("start_indices", start), ("limit_indices", limit), ("strides", strides)] {
        length(what, v, x.rank())?;
    }
    let mut shape = Vec::with_capacity(x.rank());
    for i in 0..x.rank() {
        let (s, l, st, d) = (start[i], limit[i], strides[i], x.shape[i]);
        if !(0 <= s && s <= l && l <= d) {
            return Err(format!("dimension {i}: need 0 <= start ({s}) <= limit ({l}) <= size ({d})"));
        }
        if st < 1 {
            return Err(format!("dimension {i}: stride {st} must be positive"));
        }
        shape.push((l - s + st - 1) / st);
    }
    Ok(TensorType::new(shape, x.elem))
}

fn dot_general(ops: &[TensorType], dims: &DotDims, out: ElemType) -> Rule<TensorType> {
    arity(ops, 2)?;
    let (lhs, rhs) = (&ops[0], &ops[1]);
    if lhs.elem != rhs.elem {
        return Err(format!("operands must share an element type, found {} and {}", lhs.elem, rhs.elem));
    }
    accepts("the operands", lhs, Accepts::Numeric)?;
    if out.is_float() != lhs.elem.is_float() || out.is_bool() {
        return Err(format!("the result element type {out} does not suit {} operands", lhs.elem));
    }
    if dims.lhs_contracting.len() != dims.rhs_contracting.len() {
        return Err("lhs and rhs need as many contracting dimensions".into());
    }
    if dims.lhs_batch.len() != dims.rhs_batch.len() {
        return Err("lhs and rhs need as many batch dimensions".into());
    }
    let lhs_used: Vec<i64> = dims.lhs_batch.iter().chain(&dims.lhs_contracting).copied().collect();
    let rhs_used: Vec<i64> = dims.rhs_batch.iter().chain(&dims.rhs_contracting).copied().collect();
    distinct_dims("lhs batch/contracting dimension", &lhs_used, lhs.rank())?;
    distinct_dims("rhs batch/contracting dimension", &rhs_used, rhs.rank())?;
    for (kind, l, r) in [
        ("batch", &dims.lhs_batch, &dims.rhs_batch),
        ("contracting", &dims.lhs_contracting, &dims.rhs_contracting),
    ] {
        for (&a, &b) in l.iter().zip(r.iter()) {
            let (sa, sb) = (lhs.shape[a as usize], rhs.shape[b as usize]);
            if sa != sb {
                return Err(format!(
                    "{kind} dimension sizes differ: lhs dimension {a} has size {sa}, rhs dimension {b} has size {sb}"
                ));
            }
        }
    }
    let mut shape: Vec<i64> = dims.lhs_batch.iter().map(|&d| lhs.shape[d as usize]).collect();
    shape.extend((0..lhs.rank() as i64).filter(|d| !lhs_used.contains(d)).map(|d| lhs.shape[d as usize]));
    shape.extend((0..rhs.rank() as i64).filter(|d| !rhs_used.contains(d)).map(|d| rhs.shape[d as usize]));
    Ok(TensorType::new(shape, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitive::{BinaryOp, ReduceOp, UnaryOp};

    fn t(s: &str) -> TensorType {
        s.parse().unwrap()
    }

    #[test]
    fn elementwise_ops_keep_their_operand_type() {
        let x = t("tensor<2x3xf32>");
        assert_eq!(infer(&Primitive::Unary(UnaryOp::Exp), std::slice::from_ref(&x)).unwrap(), x);
        assert_eq!(infer(&Primitive::Binary(BinaryOp::Add), &[x.clone(), x.clone()]).unwrap(), x);
    }

    #[test]
    fn float_only_ops_reject_integers_and_say_why() {
        let err = infer(&Primitive::Unary(UnaryOp::Log), &[t("tensor<4xi32>")]).unwrap_err();
        assert_eq!(err.op, "jaxr.log");
        assert!(err.to_string().contains("floating-point"), "{err}");
        assert!(err.to_string().contains("tensor<4xi32>"), "{err}");
    }

    #[test]
    fn dot_general_matmul_and_batched() {
        let mm = Primitive::DotGeneral {
            dims: DotDims { lhs_contracting: vec![1], rhs_contracting: vec![0], ..Default::default() },
            out: ElemType::F32,
        };
        assert_eq!(infer(&mm, &[t("tensor<2x3xf32>"), t("tensor<3x5xf32>")]).unwrap(), t("tensor<2x5xf32>"));
        let err = infer(&mm, &[t("tensor<2x3xf32>"), t("tensor<4x5xf32>")]).unwrap_err();
        assert!(err.rule.contains("lhs dimension 1 has size 3, rhs dimension 0 has size 4"), "{err}");
        let bmm = Primitive::DotGeneral {
            dims: DotDims {
                lhs_contracting: vec![2],
                rhs_contracting: vec![1],
                lhs_batch: vec![0],
                rhs_batch: vec![0],
            },
            out: ElemType::F32,
        };
        assert_eq!(
            infer(&bmm, &[t("tensor<7x2x3xf32>"), t("tensor<7x3x5xf32>")]).unwrap(),
            t("tensor<7x2x5xf32>")
        );
    }

    #[test]
    fn broadcast_reshape_transpose() {
        let b = Primitive::BroadcastInDim { shape: vec![4, 3], dims: vec![1] };
        assert_eq!(infer(&b, &[t("tensor<3xf32>")]).unwrap(), t("tensor<4x3xf32>"));
        assert!(infer(&b, &[t("tensor<2xf32>")]).is_err());
        let r = Primitive::Reshape { shape: vec![6] };
        assert_eq!(infer(&r, &[t("tensor<2x3xi8>")]).unwrap(), t("tensor<6xi8>"));
        assert!(infer(&Primitive::Reshape { shape: vec![5] }, &[t("tensor<2x3xi8>")]).is_err());
        let p = Primitive::Transpose { permutation: vec![1, 0] };
        assert_eq!(infer(&p, &[t("tensor<2x3xf32>")]).unwrap(), t("tensor<3x2xf32>"));
        assert!(infer(&Primitive::Transpose { permutation: vec![0, 0] }, &[t("tensor<2x3xf32>")]).is_err());
    }

    #[test]
    fn slicing_padding_concatenation() {
        let s = Primitive::Slice { start: vec![1], limit: vec![8], strides: vec![3] };
        assert_eq!(infer(&s, &[t("tensor<10xf32>")]).unwrap(), t("tensor<3xf32>"));
        let p = Primitive::Pad { low: vec![1, -1], high: vec![0, 2], interior: vec![1, 0] };
        assert_eq!(infer(&p, &[t("tensor<3x4xf32>"), t("tensor<f32>")]).unwrap(), t("tensor<6x5xf32>"));
        let c = Primitive::Concatenate { dimension: 0 };
        assert_eq!(infer(&c, &[t("tensor<2x3xf32>"), t("tensor<4x3xf32>")]).unwrap(), t("tensor<6x3xf32>"));
        assert!(infer(&c, &[t("tensor<2x3xf32>"), t("tensor<4x2xf32>")]).is_err());
    }

    #[test]
    fn reductions_drop_their_axes() {
        let r = Primitive::Reduce { op: ReduceOp::Sum, axes: vec![0, 2] };
        assert_eq!(infer(&r, &[t("tensor<2x3x4xf32>")]).unwrap(), t("tensor<3xf32>"));
        let a =
            Primitive::ArgReduce { op: crate::primitive::ArgReduceOp::Argmax, axis: 1, index: ElemType::I32 };
        assert_eq!(infer(&a, &[t("tensor<2x3xf32>")]).unwrap(), t("tensor<2xi32>"));
    }

    #[test]
    fn bitcast_changes_the_last_dimension_with_the_width() {
        let to_u8 = Primitive::BitcastConvertType { to: ElemType::UI8 };
        assert_eq!(infer(&to_u8, &[t("tensor<3xf32>")]).unwrap(), t("tensor<3x4xui8>"));
        let to_f32 = Primitive::BitcastConvertType { to: ElemType::F32 };
        assert_eq!(infer(&to_f32, &[t("tensor<3x4xui8>")]).unwrap(), t("tensor<3xf32>"));
        assert_eq!(infer(&to_f32, &[t("tensor<3xui32>")]).unwrap(), t("tensor<3xf32>"));
    }

    #[test]
    fn select_n_and_clamp() {
        let x = t("tensor<4xf32>");
        assert_eq!(infer(&Primitive::SelectN, &[t("tensor<4xi1>"), x.clone(), x.clone()]).unwrap(), x);
        assert!(infer(&Primitive::SelectN, &[t("tensor<4xi1>"), x.clone(), x.clone(), x.clone()]).is_err());
        assert_eq!(infer(&Primitive::Clamp, &[t("tensor<f32>"), x.clone(), t("tensor<f32>")]).unwrap(), x);
    }
}
