//! Reductions and windowed reductions.

use jaxr_dialect::{BinaryOp, ComparisonDirection, ElemType, Primitive, ReduceOp, TensorType, Window};

use super::shape::linear_jvp;
use super::{dilate, inverse, is_identity, DerivRule, Derivative::*, Site};
use crate::term::Term;

fn axes_of<'a>(s: &Site<'a>) -> Result<&'a Vec<i64>, String> {
    match s.prim {
        Primitive::Reduce { axes, .. } => Ok(axes),
        _ => Err("not a reduction".into()),
    }
}

/// `t` (of the reduction's result shape) broadcast back to the operand's.
fn unreduce(s: &Site, t: Term) -> Result<Term, String> {
    let axes = axes_of(s)?;
    let os = &s.operand_types[0];
    let kept: Vec<i64> = (0..os.rank() as i64).filter(|d| !axes.contains(d)).collect();
    Ok(Term::op(Primitive::BroadcastInDim { shape: os.shape.clone(), dims: kept }, [t]))
}

fn reduce_sum_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    Ok(Some(unreduce(s, g)?))
}

fn mul(a: Term, b: Term) -> Term {
    Term::op(Primitive::Binary(BinaryOp::Mul), [a, b])
}

fn div(a: Term, b: Term) -> Term {
    Term::op(Primitive::Binary(BinaryOp::Div), [a, b])
}

/// Where the operand equals the max (min), as 0/1 in the operand's type,
/// and how many places share it (JAX's _reduce_chooser_jvp_rule).
fn chooser(s: &Site) -> Result<(Term, Term), String> {
    let os = &s.operand_types[0];
    let at =
        Term::op(Primitive::Compare(ComparisonDirection::Eq), [s.x(0), unreduce(s, Term::Val(s.result))?]);
    let ones = Term::op(Primitive::ConvertElementType { to: os.elem }, [at]);
    let counts = Term::op(Primitive::Reduce { op: ReduceOp::Sum, axes: axes_of(s)?.clone() }, [ones.clone()]);
    Ok((ones, counts))
}

fn chooser_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let t = ts[0].clone().ok_or("no tangent")?;
    let (ones, counts) = chooser(s)?;
    let picked = Term::op(Primitive::Reduce { op: ReduceOp::Sum, axes: axes_of(s)?.clone() }, [mul(t, ones)]);
    Ok(div(picked, counts))
}

fn chooser_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    let (ones, counts) = chooser(s)?;
    Ok(Some(mul(unreduce(s, div(g, counts))?, ones)))
}

/// reduce_prod as JAX differentiates it: the reduced axes moved to the
/// front and flattened to n, then multiplied pairwise in a tree (halves,
/// the odd one padded with 1) until one row is left. Each level is an
/// elementwise product, so the derivative is exact at zeros (no division)
/// and costs O(n).
struct ProdTree {
    /// [n, rest...] after the transpose and reshape.
    flat: Vec<i64>,
    /// The permutation that brings the reduced axes first.
    perm: Vec<i64>,
    /// The operand's shape after the permutation.
    permuted: Vec<i64>,
    /// Each level's (first half, second half padded) terms, bottom up.
    levels: Vec<(Term, Term, i64)>,
}

fn prod_tree(s: &Site) -> Result<ProdTree, String> {
    let axes = axes_of(s)?;
    let os = &s.operand_types[0];
    let kept: Vec<i64> = (0..os.rank() as i64).filter(|d| !axes.contains(d)).collect();
    let perm: Vec<i64> = axes.iter().chain(kept.iter()).copied().collect();
    let permuted: Vec<i64> = perm.iter().map(|&p| os.shape[p as usize]).collect();
    let sizes: Vec<i64> = axes.iter().map(|&d| os.shape[d as usize]).collect();
    let n = jaxr_dialect::types::element_count(&sizes)
        .ok_or("the reduced axes hold more elements than an i64 counts")?;
    let rest: Vec<i64> = kept.iter().map(|&d| os.shape[d as usize]).collect();
    let flat: Vec<i64> = [vec![n], rest.clone()].concat();
    let mut x = s.x(0);
    if !is_identity(&perm) {
        x = Term::op(Primitive::Transpose { permutation: perm.clone() }, [x]);
    }
    let mut x = Term::op(Primitive::Reshape { shape: flat.clone() }, [x]);
    let mut levels = Vec::new();
    let mut len = n;
    let scalar = TensorType::scalar(os.elem);
    while len > 1 {
        let n1 = (len + 1) / 2;
        let half = |start: i64, stop: i64| {
            let mut st = vec![0; flat.len()];
            let mut li = [vec![stop], rest.clone()].concat();
            st[0] = start;
            li[0] = stop;
            Term::op(Primitive::Slice { start: st, limit: li, strides: vec![1; flat.len()] }, [x.clone()])
        };
        let first = half(0, n1);
        let mut second = half(n1, len);
        if len - n1 != n1 {
            let mut high = vec![0; flat.len()];
            high[0] = 1;
            second = Term::op(
                Primitive::Pad { low: vec![0; flat.len()], high, interior: vec![0; flat.len()] },
                [second, Term::Splat(scalar.clone(), 1.0)],
            );
        }
        levels.push((first.clone(), second.clone(), len));
        x = mul(first, second);
        len = n1;
    }
    Ok(ProdTree { flat, perm, permuted, levels })
}

fn add(a: Term, b: Term) -> Term {
    Term::op(Primitive::Binary(BinaryOp::Add), [a, b])
}

fn reduce_prod_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let tree = prod_tree(s)?;
    if tree.flat[0] == 0 {
        return Ok(super::zeros(s.result_type));
    }
    let mut t = ts[0].clone().ok_or("no tangent")?;
    if !is_identity(&tree.perm) {
        t = Term::op(Primitive::Transpose { permutation: tree.perm.clone() }, [t]);
    }
    let mut t = Term::op(Primitive::Reshape { shape: tree.flat.clone() }, [t]);
    let rank = tree.flat.len();
    let rest = &tree.flat[1..];
    for (first, second, len) in &tree.levels {
        let n1 = (len + 1) / 2;
        let half = |t: &Term, start: i64, stop: i64| {
            let mut st = vec![0; rank];
            let mut li = [vec![stop], rest.to_vec()].concat();
            st[0] = start;
            li[0] = stop;
            Term::op(Primitive::Slice { start: st, limit: li, strides: vec![1; rank] }, [t.clone()])
        };
        let t1 = half(&t, 0, n1);
        let mut t2 = half(&t, n1, *len);
        if len - n1 != n1 {
            let mut high = vec![0; rank];
            high[0] = 1;
            t2 = Term::op(
                Primitive::Pad { low: vec![0; rank], high, interior: vec![0; rank] },
                [t2, Term::Splat(TensorType::scalar(s.result_type.elem), 0.0)],
            );
        }
        t = add(mul(t1, second.clone()), mul(first.clone(), t2));
    }
    Ok(Term::op(Primitive::Reshape { shape: s.result_type.shape.clone() }, [t]))
}

fn reduce_prod_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    let tree = prod_tree(s)?;
    if tree.flat[0] == 0 {
        return Ok(None);
    }
    let rank = tree.flat.len();
    let rest = tree.flat[1..].to_vec();
    let mut ct = Term::op(Primitive::Reshape { shape: [vec![1], rest.clone()].concat() }, [g]);
    for (first, second, len) in tree.levels.iter().rev() {
        let n1 = (len + 1) / 2;
        let c1 = mul(ct.clone(), second.clone());
        let mut c2 = mul(ct, first.clone());
        if len - n1 != n1 {
            let mut limit = [vec![len - n1], rest.clone()].concat();
            limit[0] = len - n1;
            c2 = Term::op(Primitive::Slice { start: vec![0; rank], limit, strides: vec![1; rank] }, [c2]);
        }
        ct = Term::op(Primitive::Concatenate { dimension: 0 }, [c1, c2]);
    }
    let ct = Term::op(Primitive::Reshape { shape: tree.permuted.clone() }, [ct]);
    if is_identity(&tree.perm) {
        return Ok(Some(ct));
    }
    Ok(Some(Term::op(Primitive::Transpose { permutation: inverse(&tree.perm) }, [ct])))
}

/// JAX's _conv_general_vjp_lhs_padding: the padding that turns a
/// cotangent of the output back into one of the input.
pub(super) fn vjp_lhs_padding(
    in_shape: &[i64],
    window: &[i64],
    strides: &[i64],
    out_shape: &[i64],
    padding_low: &[i64],
    lhs_dilation: &[i64],
    rhs_dilation: &[i64],
) -> (Vec<i64>, Vec<i64>) {
    let lhs = dilate(in_shape, lhs_dilation);
    let rhs = dilate(window, rhs_dilation);
    let out = dilate(out_shape, strides);
    let before: Vec<i64> = (0..in_shape.len()).map(|d| rhs[d] - padding_low[d] - 1).collect();
    let after = (0..in_shape.len()).map(|d| lhs[d] + rhs[d] - 1 - out[d] - before[d]).collect();
    (before, after)
}

fn window_of<'a>(s: &Site<'a>) -> Result<&'a Window, String> {
    match s.prim {
        Primitive::ReduceWindow { window, .. } => Ok(window),
        _ => Err("not a windowed reduction".into()),
    }
}

/// JAX's _reduce_window_sum_transpose_rule.
fn reduce_window_sum_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    let w = window_of(s)?;
    let os = &s.operand_types[0];
    let rank = os.rank();
    let low: Vec<i64> = (0..rank).map(|d| w.padding[2 * d]).collect();
    let (before, after) = vjp_lhs_padding(
        &os.shape,
        &w.dimensions,
        &w.strides,
        &s.result_type.shape,
        &low,
        &w.base_dilation,
        &w.window_dilation,
    );
    let padded = Term::op(
        Primitive::Pad { low: before, high: after, interior: w.strides.iter().map(|s| s - 1).collect() },
        [g, Term::Splat(TensorType::scalar(os.elem), 0.0)],
    );
    let window = Window {
        dimensions: w.dimensions.clone(),
        strides: w.base_dilation.clone(),
        padding: vec![0; 2 * rank],
        base_dilation: vec![1; rank],
        window_dilation: w.window_dilation.clone(),
    };
    Ok(Some(Term::op(Primitive::ReduceWindow { op: ReduceOp::Sum, window }, [padded])))
}

/// Windowed max/min: each window's derivative goes to the first element
/// that attains it (XLA's select-and-scatter with `ge`/`le`, which JAX's
/// gradient uses). Built from one strided view of the padded operand per
/// window position, so the work is (window size) x (output size).
fn window_chooser(s: &Site, g: Option<Term>, tangent: Option<Term>) -> Result<Term, String> {
    let Primitive::ReduceWindow { op, window: w } = s.prim else {
        return Err("not a windowed reduction".into());
    };
    let os = &s.operand_types[0];
    let out = &s.result_type.shape;
    let rank = os.rank();
    let fill = if *op == ReduceOp::Max { f64::NEG_INFINITY } else { f64::INFINITY };
    let low: Vec<i64> = (0..rank).map(|d| w.padding[2 * d]).collect();
    let high: Vec<i64> = (0..rank).map(|d| w.padding[2 * d + 1]).collect();
    let scalar = TensorType::scalar(os.elem);
    // Base dilation as interior padding: the holes hold the init value too.
    let interior: Vec<i64> = w.base_dilation.iter().map(|b| b - 1).collect();
    let pad = |t: Term, v: f64| {
        Term::op(
            Primitive::Pad { low: low.clone(), high: high.clone(), interior: interior.clone() },
            [t, Term::Splat(scalar.clone(), v)],
        )
    };
    let padded_x = pad(s.x(0), fill);
    let dilated: Vec<i64> = (0..rank).map(|d| (os.shape[d] - 1) * w.base_dilation[d] + 1).collect();
    let padded_shape: Vec<i64> = (0..rank).map(|d| dilated[d] + low[d] + high[d]).collect();
    // Every window offset, in row-major order (the order XLA scans a window).
    let mut offsets: Vec<Vec<i64>> = vec![vec![]];
    for d in 0..rank {
        offsets = offsets
            .into_iter()
            .flat_map(|o| (0..w.dimensions[d]).map(move |k| [o.clone(), vec![k]].concat()))
            .collect();
    }
    let y = Term::Val(s.result);
    let view = |t: Term, off: &[i64]| {
        let start: Vec<i64> = (0..rank).map(|d| off[d] * w.window_dilation[d]).collect();
        let limit: Vec<i64> = (0..rank).map(|d| start[d] + (out[d] - 1) * w.strides[d] + 1).collect();
        Term::op(Primitive::Slice { start, limit, strides: w.strides.clone() }, [t])
    };
    let out_ty = s.result_type.clone();
    let bool_ty = TensorType::new(out.clone(), ElemType::I1);
    let mut taken = Term::Splat(bool_ty, 0.0);
    let mut total: Option<Term> = None;
    let padded_t = tangent.map(|t| pad(t, 0.0));
    for off in &offsets {
        let hit =
            Term::op(Primitive::Compare(ComparisonDirection::Eq), [view(padded_x.clone(), off), y.clone()]);
        let not_taken = Term::op(Primitive::Unary(jaxr_dialect::UnaryOp::Not), [taken.clone()]);
        let first = Term::op(Primitive::Binary(BinaryOp::And), [hit.clone(), not_taken]);
        taken = Term::op(Primitive::Binary(BinaryOp::Or), [taken, hit]);
        let part = if let Some(t) = &padded_t {
            Term::op(Primitive::SelectN, [first, Term::Splat(out_ty.clone(), 0.0), view(t.clone(), off)])
        } else {
            let g = g.clone().ok_or("no cotangent")?;
            let picked = Term::op(Primitive::SelectN, [first, Term::Splat(out_ty.clone(), 0.0), g]);
            // Back to the padded operand's positions, then the padding cropped.
            let start: Vec<i64> = (0..rank).map(|d| off[d] * w.window_dilation[d]).collect();
            let hi: Vec<i64> =
                (0..rank).map(|d| padded_shape[d] - (start[d] + (out[d] - 1) * w.strides[d] + 1)).collect();
            let spread = Term::op(
                Primitive::Pad { low: start, high: hi, interior: w.strides.iter().map(|s| s - 1).collect() },
                [picked, Term::Splat(scalar.clone(), 0.0)],
            );
            Term::op(
                Primitive::Slice {
                    start: low.clone(),
                    limit: (0..rank).map(|d| low[d] + dilated[d]).collect(),
                    strides: w.base_dilation.clone(),
                },
                [spread],
            )
        };
        total = Some(match total {
            None => part,
            Some(acc) => Term::op(Primitive::Binary(BinaryOp::Add), [acc, part]),
        });
    }
    total.ok_or_else(|| "empty window".into())
}

fn window_chooser_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    window_chooser(s, None, Some(ts[0].clone().ok_or("no tangent")?))
}

fn window_chooser_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    if i != 0 {
        return Ok(None);
    }
    window_chooser(s, Some(g), None).map(Some)
}

pub(super) const RULES: &[DerivRule] = &[
    DerivRule { op: "reduce_sum", derivative: Computed { jvp: linear_jvp, vjp: reduce_sum_vjp } },
    DerivRule { op: "reduce_max", derivative: Computed { jvp: chooser_jvp, vjp: chooser_vjp } },
    DerivRule { op: "reduce_min", derivative: Computed { jvp: chooser_jvp, vjp: chooser_vjp } },
    DerivRule { op: "reduce_prod", derivative: Computed { jvp: reduce_prod_jvp, vjp: reduce_prod_vjp } },
    DerivRule { op: "reduce_and", derivative: Zero("boolean or integer only") },
    DerivRule { op: "reduce_or", derivative: Zero("boolean or integer only") },
    DerivRule { op: "argmax", derivative: Zero("integer result") },
    DerivRule { op: "argmin", derivative: Zero("integer result") },
    DerivRule {
        op: "reduce_window_sum",
        derivative: Computed { jvp: linear_jvp, vjp: reduce_window_sum_vjp },
    },
    DerivRule {
        op: "reduce_window_max",
        derivative: Computed { jvp: window_chooser_jvp, vjp: window_chooser_vjp },
    },
    DerivRule {
        op: "reduce_window_min",
        derivative: Computed { jvp: window_chooser_jvp, vjp: window_chooser_vjp },
    },
];
