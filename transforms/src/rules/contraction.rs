//! dot_general and conv_general_dilated: bilinear, so the JVP is the op
//! with one operand replaced by its tangent, summed; the VJPs are JAX's
//! transpose rules (jax/_src/lax/lax.py, convolution.py), grouped
//! convolutions (feature_group_count or batch_group_count above 1) and mixed
//! precision (bf16 operands, an f32 result) included.

use jaxr_dialect::{ConvDims, DotAlgorithm, DotDims, ElemType, Precision, Primitive, TensorType};

use super::reductions::vjp_lhs_padding;
use super::{dilate, is_identity, sum_terms, DerivRule, Derivative::Computed, Site};
use crate::term::Term;

fn bilinear_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let parts = (0..2).filter_map(|i| {
        let t = ts[i].clone()?;
        let args = if i == 0 { [t, s.x(1)] } else { [s.x(0), t] };
        Some(Term::op(s.prim.clone(), args))
    });
    sum_terms(parts).ok_or_else(|| "no tangent".into())
}

fn remaining(rank: usize, a: &[i64], b: &[i64]) -> Vec<i64> {
    (0..rank as i64).filter(|d| !a.contains(d) && !b.contains(d)).collect()
}

/// The inverse permutation of `order`: position of each axis.
fn argsort(order: &[i64]) -> Vec<i64> {
    let mut idx: Vec<i64> = (0..order.len() as i64).collect();
    idx.sort_by_key(|&i| order[i as usize]);
    idx
}

/// JAX's _dot_general_transpose_lhs: the cotangent of `x` in a dot_general
/// of x and y (contracting xc/yc, batch xb/yb) whose result's cotangent is
/// `g`. With `swap_ans`, x was the rhs.
///
/// `g` has the dot's result element type `out`, which may differ from the
/// operands' (bf16 x bf16 -> f32): as JAX does, `y` is converted to `out`
/// for the cotangent's dot and the cotangent converted back to `x`'s type.
/// The cotangent's dot keeps the primal's `precision` and `algorithm`, as
/// in JAX.
#[allow(clippy::too_many_arguments)]
fn transpose_lhs(
    g: Term,
    out: ElemType,
    precision: [Precision; 2],
    algorithm: Option<DotAlgorithm>,
    x: &TensorType,
    y: Term,
    y_ty: &TensorType,
    xc: &[i64],
    yc: &[i64],
    xb: &[i64],
    yb: &[i64],
    swap_ans: bool,
) -> Term {
    let x_kept = remaining(x.rank(), xc, xb);
    let y_kept = remaining(y_ty.rank(), yc, yb);
    let nb = xb.len() as i64;
    let ans_batch: Vec<i64> = (0..nb).collect();
    let first_y = if swap_ans { nb } else { nb + x_kept.len() as i64 };
    let ans_y: Vec<i64> = (first_y..first_y + y_kept.len() as i64).collect();
    let dims = DotDims {
        lhs_contracting: ans_y,
        rhs_contracting: y_kept,
        lhs_batch: ans_batch,
        rhs_batch: yb.to_vec(),
    };
    let by_y = argsort(yc);
    let xc_sorted: Vec<i64> = by_y.iter().map(|&i| xc[i as usize]).collect();
    let layout: Vec<i64> = xb.iter().chain(&x_kept).chain(&xc_sorted).copied().collect();
    let out_axes = argsort(&layout);
    let y = if y_ty.elem == out { y } else { Term::op(Primitive::ConvertElementType { to: out }, [y]) };
    let dot = Term::op(Primitive::DotGeneral { dims, out, precision, algorithm }, [g, y]);
    let dot = if x.elem == out { dot } else { Term::op(Primitive::ConvertElementType { to: x.elem }, [dot]) };
    if is_identity(&out_axes) {
        dot
    } else {
        Term::op(Primitive::Transpose { permutation: out_axes }, [dot])
    }
}

fn dot_general_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let Primitive::DotGeneral { dims, out, precision, algorithm } = s.prim else {
        return Err("not a dot_general".into());
    };
    let (l, r) = (&s.operand_types[0], &s.operand_types[1]);
    let d = dims;
    Ok(Some(match i {
        0 => transpose_lhs(
            g,
            *out,
            *precision,
            *algorithm,
            l,
            s.x(1),
            r,
            &d.lhs_contracting,
            &d.rhs_contracting,
            &d.lhs_batch,
            &d.rhs_batch,
            false,
        ),
        _ => transpose_lhs(
            g,
            *out,
            *precision,
            *algorithm,
            r,
            s.x(0),
            l,
            &d.rhs_contracting,
            &d.lhs_contracting,
            &d.rhs_batch,
            &d.lhs_batch,
            true,
        ),
    }))
}

fn take(shape: &[i64], dims: &[i64]) -> Vec<i64> {
    dims.iter().map(|&d| shape[d as usize]).collect()
}

fn swap01(spec: &[i64]) -> Vec<i64> {
    let mut s = spec.to_vec();
    s.swap(0, 1);
    s
}

fn interleave(low: &[i64], high: &[i64]) -> Vec<i64> {
    low.iter().zip(high).flat_map(|(&l, &h)| [l, h]).collect()
}

/// JAX's _reshape_axis_out_of: axis `src` of `x` (whose shape `shape` is
/// updated) split into (`size1`, the rest), `size1` major.
fn reshape_axis_out_of(src: i64, size1: i64, x: Term, shape: &mut Vec<i64>) -> Term {
    let s = src as usize;
    let size2 = shape[s] / size1;
    shape.splice(s..=s, [size1, size2]);
    Term::op(Primitive::Reshape { shape: shape.clone() }, [x])
}

/// JAX's _reshape_axis_into: axis `src` of `x` (whose shape `shape` is
/// updated) merged into axis `dst` (numbered as if `src` were removed) as
/// its major part.
fn reshape_axis_into(src: i64, dst: i64, x: Term, shape: &mut Vec<i64>) -> Term {
    let mut perm: Vec<i64> = (0..shape.len() as i64).filter(|&d| d != src).collect();
    perm.insert(dst as usize, src);
    let moved = shape.remove(src as usize);
    shape[dst as usize] *= moved;
    let x = if is_identity(&perm) { x } else { Term::op(Primitive::Transpose { permutation: perm }, [x]) };
    Term::op(Primitive::Reshape { shape: shape.clone() }, [x])
}

/// `x` converted to `to` unless it already has that element type.
fn convert(x: Term, from: ElemType, to: ElemType) -> Term {
    if from == to {
        x
    } else {
        Term::op(Primitive::ConvertElementType { to }, [x])
    }
}

/// JAX's _conv_general_dilated_transpose_lhs: the cotangent of the input
/// `lhs` of the convolution `c` of `lhs` and the kernel `w` (of type `rhs`),
/// whose result (of type `res`) has the cotangent `g`.
///
/// With groups (feature or batch), the kernel's group moves from its output
/// features to its input features and the transposed convolution is
/// feature-grouped; with batch groups, the groups then move from the
/// result's features to its batch. As in JAX, the kernel is converted to
/// `g`'s element type (bf16 operands, an f32 result) and the cotangent back
/// to the input's.
fn conv_transpose_lhs(
    c: &ConvDims,
    lhs: &TensorType,
    rhs: &TensorType,
    res: &TensorType,
    w: Term,
    g: Term,
) -> Term {
    let (lhs_spec, rhs_spec) = (&c.lhs_spec, &c.rhs_spec);
    let rhs_sdims = &rhs_spec[2..];
    let groups = c.feature_group_count.max(c.batch_group_count);
    let w = if groups > 1 {
        let mut shape = rhs.shape.clone();
        let w = reshape_axis_out_of(rhs_spec[0], groups, w, &mut shape);
        reshape_axis_into(rhs_spec[0], rhs_spec[1], w, &mut shape)
    } else {
        w
    };
    let low: Vec<i64> = c.padding.iter().step_by(2).copied().collect();
    let (before, after) = vjp_lhs_padding(
        &take(&lhs.shape, &lhs_spec[2..]),
        &take(&rhs.shape, rhs_sdims),
        &c.window_strides,
        &take(&res.shape, &c.out_spec[2..]),
        &low,
        &c.lhs_dilation,
        &c.rhs_dilation,
    );
    let trans = ConvDims {
        window_strides: c.lhs_dilation.clone(),
        padding: interleave(&before, &after),
        lhs_dilation: c.window_strides.clone(),
        rhs_dilation: c.rhs_dilation.clone(),
        lhs_spec: c.out_spec.clone(),
        rhs_spec: swap01(rhs_spec),
        out_spec: lhs_spec.clone(),
        feature_group_count: groups,
        batch_group_count: 1,
    };
    let reversed = Term::op(Primitive::Rev { dimensions: rhs_sdims.to_vec() }, [w]);
    let reversed = convert(reversed, rhs.elem, res.elem);
    let out = Term::op(Primitive::ConvGeneralDilated { conv: trans, out: res.elem }, [g, reversed]);
    let out = convert(out, res.elem, lhs.elem);
    let bgc = c.batch_group_count;
    if bgc == 1 {
        return out;
    }
    // The transposed convolution's result: the input's shape with a batch
    // bgc times smaller and bgc times more features.
    let mut shape = lhs.shape.clone();
    shape[lhs_spec[0] as usize] /= bgc;
    shape[lhs_spec[1] as usize] *= bgc;
    let out = reshape_axis_out_of(lhs_spec[1], bgc, out, &mut shape);
    reshape_axis_into(lhs_spec[1], lhs_spec[0], out, &mut shape)
}

/// JAX's _conv_general_dilated_transpose_rhs: the cotangent of the kernel
/// (of type `rhs`) of the convolution `c` of `x` (of type `lhs`) and the
/// kernel, whose result (of type `res`) has the cotangent `g`. A
/// feature-grouped convolution's kernel cotangent is a batch-grouped
/// convolution and vice versa. As in JAX, `x` is converted to `g`'s element
/// type and the cotangent back to the kernel's.
fn conv_transpose_rhs(
    c: &ConvDims,
    lhs: &TensorType,
    rhs: &TensorType,
    res: &TensorType,
    x: Term,
    g: Term,
) -> Term {
    let in_spatial = take(&lhs.shape, &c.lhs_spec[2..]);
    let window = take(&rhs.shape, &c.rhs_spec[2..]);
    let out_spatial = take(&res.shape, &c.out_spec[2..]);
    let low: Vec<i64> = c.padding.iter().step_by(2).copied().collect();
    let lhs_dil = dilate(&in_spatial, &c.lhs_dilation);
    let rhs_dil = dilate(&window, &c.rhs_dilation);
    let out_dil = dilate(&out_spatial, &c.window_strides);
    let high: Vec<i64> =
        (0..low.len()).map(|d| (out_dil[d] - lhs_dil[d]) + (rhs_dil[d] - low[d] - 1)).collect();
    // At most one count is above 1: swapping them turns feature groups into
    // batch groups and back, as JAX's rule does.
    let (feature_group_count, batch_group_count) = (c.batch_group_count, c.feature_group_count);
    let trans = ConvDims {
        window_strides: c.rhs_dilation.clone(),
        padding: interleave(&low, &high),
        lhs_dilation: c.lhs_dilation.clone(),
        rhs_dilation: c.window_strides.clone(),
        lhs_spec: swap01(&c.lhs_spec),
        rhs_spec: swap01(&c.out_spec),
        out_spec: swap01(&c.rhs_spec),
        feature_group_count,
        batch_group_count,
    };
    let x = convert(x, lhs.elem, res.elem);
    let out = Term::op(Primitive::ConvGeneralDilated { conv: trans, out: res.elem }, [x, g]);
    convert(out, res.elem, rhs.elem)
}

fn conv_general_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let Primitive::ConvGeneralDilated { conv: c, .. } = s.prim else {
        return Err("not a convolution".into());
    };
    if c.feature_group_count > 1 && c.batch_group_count > 1 {
        return Err("a convolution with both feature_group_count and batch_group_count above 1".into());
    }
    let (lhs, rhs, res) = (&s.operand_types[0], &s.operand_types[1], s.result_type);
    if i == 0 {
        return Ok(Some(conv_transpose_lhs(c, lhs, rhs, res, s.x(1), g)));
    }
    // An empty result: the kernel's cotangent is zero (JAX avoids forming a
    // convolution whose kernel has spatial size 0).
    if res.num_elements() == 0 {
        return Ok(None);
    }
    Ok(Some(conv_transpose_rhs(c, lhs, rhs, res, s.x(0), g)))
}

pub(super) const RULES: &[DerivRule] = &[
    DerivRule { op: "dot_general", derivative: Computed { jvp: bilinear_jvp, vjp: dot_general_vjp } },
    DerivRule {
        op: "conv_general_dilated",
        derivative: Computed { jvp: bilinear_jvp, vjp: conv_general_vjp },
    },
];
