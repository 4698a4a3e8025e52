//! Shape ops, conversions, select_n, clamp and integer_pow: rules whose
//! terms need attributes computed from the op's.

use jaxr_dialect::{BinaryOp, ComparisonDirection, Primitive, ReduceOp, TensorType};

use super::{inverse, or_zeros, sum_terms, zeros, DerivRule, Derivative::Computed, Site};
use crate::term::Term;

/// The JVP of an op linear in its floating-point operands: the op itself
/// applied to their tangents (zeros where absent), other operands (indices,
/// selectors) unchanged.
pub(super) fn linear_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let args = s
        .operand_types
        .iter()
        .enumerate()
        .map(|(i, ty)| if ty.elem.is_inexact() { or_zeros(&ts[i], ty) } else { s.x(i) })
        .collect::<Vec<_>>();
    Ok(Term::Op(s.prim.clone(), args))
}

/// Sums `t` (of shape `from`) over `axes` and reshapes it to `to`.
pub(super) fn sum_to(t: Term, from: &TensorType, axes: Vec<i64>, to: &TensorType) -> Term {
    let mut t = t;
    let mut shape = from.shape.clone();
    if !axes.is_empty() {
        shape = from
            .shape
            .iter()
            .enumerate()
            .filter(|(i, _)| !axes.contains(&(*i as i64)))
            .map(|(_, d)| *d)
            .collect();
        t = Term::op(Primitive::Reduce { op: ReduceOp::Sum, axes }, [t]);
    }
    if shape != to.shape {
        t = Term::op(Primitive::Reshape { shape: to.shape.clone() }, [t]);
    }
    t
}

/// `t` broadcast from a scalar (or the same shape) to `to`.
pub(super) fn broadcast_to(t: Term, from: &TensorType, to: &TensorType) -> Term {
    if from.shape == to.shape {
        return t;
    }
    let dims: Vec<i64> = ((to.shape.len() - from.shape.len())..to.shape.len()).map(|d| d as i64).collect();
    Term::op(Primitive::BroadcastInDim { shape: to.shape.clone(), dims }, [t])
}

fn broadcast_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    let Primitive::BroadcastInDim { shape, dims } = s.prim else { return Err("not a broadcast".into()) };
    let os = &s.operand_types[0];
    if dims.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!("broadcast_in_dim with unsorted dimensions {dims:?} is not differentiable yet"));
    }
    // New axes of size 1 need no sum (the reshape drops them).
    let mut axes: Vec<i64> =
        (0..shape.len() as i64).filter(|d| !dims.contains(d) && shape[*d as usize] != 1).collect();
    for (k, &d) in dims.iter().enumerate() {
        if os.shape[k] == 1 && shape[d as usize] != 1 {
            axes.push(d);
        }
    }
    axes.sort_unstable();
    Ok(Some(sum_to(g, s.result_type, axes, os)))
}

fn reshape_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    Ok(Some(Term::op(Primitive::Reshape { shape: s.operand_types[0].shape.clone() }, [g])))
}

fn transpose_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    let Primitive::Transpose { permutation } = s.prim else { return Err("not a transpose".into()) };
    Ok(Some(Term::op(Primitive::Transpose { permutation: inverse(permutation) }, [g])))
}

fn rev_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    Ok(Some(Term::op(s.prim.clone(), [g])))
}

fn concatenate_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let Primitive::Concatenate { dimension } = s.prim else { return Err("not a concatenate".into()) };
    let d = *dimension as usize;
    let offset: i64 = s.operand_types[..i].iter().map(|t| t.shape[d]).sum();
    let out = &s.result_type.shape;
    let mut start = vec![0; out.len()];
    let mut limit = out.clone();
    start[d] = offset;
    limit[d] = offset + s.operand_types[i].shape[d];
    Ok(Some(Term::op(Primitive::Slice { start, limit, strides: vec![1; out.len()] }, [g])))
}

/// The cotangent of pad's operand: the padding cropped off, then every
/// (interior + 1)-th element.
fn unpad(s: &Site, g: Term) -> Result<Term, String> {
    let Primitive::Pad { low, high, interior } = s.prim else { return Err("not a pad".into()) };
    let out = &s.result_type;
    let cropped = Term::op(
        Primitive::Pad {
            low: low.iter().map(|l| -l).collect(),
            high: high.iter().map(|h| -h).collect(),
            interior: vec![0; low.len()],
        },
        [g, Term::Splat(TensorType::scalar(out.elem), 0.0)],
    );
    let cropped_shape: Vec<i64> = (0..low.len()).map(|d| out.shape[d] - low[d] - high[d]).collect();
    Ok(Term::op(
        Primitive::Slice {
            start: vec![0; low.len()],
            limit: cropped_shape,
            strides: interior.iter().map(|i| i + 1).collect(),
        },
        [cropped],
    ))
}

fn pad_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let operand = unpad(s, g.clone())?;
    if i == 0 {
        return Ok(Some(operand));
    }
    // The padding value's cotangent: everything that did not land on the operand.
    let all = |t: Term, ty: &TensorType| {
        sum_to(t, ty, (0..ty.shape.len() as i64).collect(), &TensorType::scalar(ty.elem))
    };
    Ok(Some(Term::op(
        Primitive::Binary(BinaryOp::Sub),
        [all(g, s.result_type), all(operand, &s.operand_types[0])],
    )))
}

fn slice_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    let Primitive::Slice { start, strides, .. } = s.prim else { return Err("not a slice".into()) };
    let os = &s.operand_types[0];
    let out = &s.result_type;
    if out.num_elements() == 0 {
        return Ok(None);
    }
    let high =
        (0..start.len()).map(|d| os.shape[d] - (start[d] + (out.shape[d] - 1) * strides[d] + 1)).collect();
    Ok(Some(Term::op(
        Primitive::Pad { low: start.clone(), high, interior: strides.iter().map(|s| s - 1).collect() },
        [g, Term::Splat(TensorType::scalar(out.elem), 0.0)],
    )))
}

fn convert_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    linear_jvp(s, ts)
}

fn convert_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    let from = s.operand_types[0].elem;
    if !s.result_type.elem.is_inexact() {
        return Ok(None);
    }
    Ok(Some(if from == s.result_type.elem {
        g
    } else {
        Term::op(Primitive::ConvertElementType { to: from }, [g])
    }))
}

fn select_n_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    if i == 0 {
        return Ok(None);
    }
    let mut args = vec![s.x(0)];
    for j in 1..s.operands.len() {
        args.push(if j == i { g.clone() } else { zeros(s.result_type) });
    }
    Ok(Some(Term::Op(Primitive::SelectN, args)))
}

/// lax.select(pred, on_true, on_false).
fn select(pred: Term, on_true: Term, on_false: Term) -> Term {
    Term::op(Primitive::SelectN, [pred, on_false, on_true])
}

fn cmp(d: ComparisonDirection, a: Term, b: Term) -> Term {
    Term::op(Primitive::Compare(d), [a, b])
}

/// Where clamp's operand `i` passes its derivative through (JAX's masks).
fn clamp_mask(s: &Site, i: usize) -> Term {
    let ty = s.result_type;
    let lo = broadcast_to(s.x(0), &s.operand_types[0], ty);
    let x = s.x(1);
    let hi = broadcast_to(s.x(2), &s.operand_types[2], ty);
    use ComparisonDirection::*;
    let and = |a, b| Term::op(Primitive::Binary(BinaryOp::And), [a, b]);
    match i {
        0 => and(cmp(Gt, lo.clone(), x), cmp(Lt, lo, hi)),
        1 => and(cmp(Gt, x.clone(), lo), cmp(Lt, x, hi)),
        _ => cmp(Lt, hi, x),
    }
}

fn clamp_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let ty = s.result_type;
    let parts = (0..3).filter_map(|i| {
        let t = ts[i].clone()?;
        Some(select(clamp_mask(s, i), broadcast_to(t, &s.operand_types[i], ty), zeros(ty)))
    });
    sum_terms(parts).ok_or_else(|| "clamp: no tangent".into())
}

fn clamp_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let ty = s.result_type;
    let masked = select(clamp_mask(s, i), g, zeros(ty));
    let os = &s.operand_types[i];
    let axes = if os.shape == ty.shape { vec![] } else { (0..ty.shape.len() as i64).collect() };
    Ok(Some(sum_to(masked, ty, axes, os)))
}

/// d/dx x^y = y x^(y-1), as a term (without the tangent factor).
fn integer_pow_partial(s: &Site) -> Option<Term> {
    let Primitive::IntegerPow { y } = s.prim else { return None };
    let y = *y;
    if y == 0 {
        return None;
    }
    let power = match y - 1 {
        0 => return Some(Term::Lit(y as f64)),
        1 => s.x(0),
        k => Term::op(Primitive::IntegerPow { y: k }, [s.x(0)]),
    };
    Some(Term::op(Primitive::Binary(BinaryOp::Mul), [Term::Lit(y as f64), power]))
}

fn integer_pow_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let t = ts[0].clone().ok_or("integer_pow: no tangent")?;
    Ok(match integer_pow_partial(s) {
        Some(p) => Term::op(Primitive::Binary(BinaryOp::Mul), [t, p]),
        None => zeros(s.result_type),
    })
}

fn integer_pow_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    Ok(integer_pow_partial(s).map(|p| Term::op(Primitive::Binary(BinaryOp::Mul), [g, p])))
}

pub(super) const RULES: &[DerivRule] = &[
    DerivRule { op: "broadcast_in_dim", derivative: Computed { jvp: linear_jvp, vjp: broadcast_vjp } },
    DerivRule { op: "reshape", derivative: Computed { jvp: linear_jvp, vjp: reshape_vjp } },
    DerivRule { op: "transpose", derivative: Computed { jvp: linear_jvp, vjp: transpose_vjp } },
    DerivRule { op: "rev", derivative: Computed { jvp: linear_jvp, vjp: rev_vjp } },
    DerivRule { op: "concatenate", derivative: Computed { jvp: linear_jvp, vjp: concatenate_vjp } },
    DerivRule { op: "pad", derivative: Computed { jvp: linear_jvp, vjp: pad_vjp } },
    DerivRule { op: "slice", derivative: Computed { jvp: linear_jvp, vjp: slice_vjp } },
    DerivRule { op: "convert_element_type", derivative: Computed { jvp: convert_jvp, vjp: convert_vjp } },
    DerivRule { op: "select_n", derivative: Computed { jvp: linear_jvp, vjp: select_n_vjp } },
    DerivRule { op: "clamp", derivative: Computed { jvp: clamp_jvp, vjp: clamp_vjp } },
    DerivRule { op: "integer_pow", derivative: Computed { jvp: integer_pow_jvp, vjp: integer_pow_vjp } },
];
