//! Pads: an update written into a constant at constant indices is a pad
//! of the update with that constant, a reshape that splits a padded
//! dimension is a pad of the reshaped operand, and (with fast-math) a sum
//! over padded axes of a zero pad is the sum of the operand. JAX writes
//! cotangents into zero buffers with dynamic_update_slice; these laws let
//! the rest of the shape algebra see through them.

use jaxr_dialect::{Primitive, ReduceOp, TensorType};

use super::{each, ops, shape_of, splat, ty, Target};
use crate::analysis::JaxrEGraph;
use crate::language::Node;

/// dynamic_update_slice(splat v, u, constant indices) = pad(u, v): the
/// indices are clamped into range as dynamic_update_slice clamps them, and
/// every element outside the update keeps the splat's value.
pub fn update_of_splat(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let Node::Op { prim: Primitive::DynamicUpdateSlice, args } = n else { return None };
    let [base, update, idx @ ..] = args.as_slice() else { return None };
    let v = splat(eg, *base)?;
    let t = ty(eg, *base)?;
    let u = shape_of(eg, *update)?;
    if idx.len() != t.shape.len() || u.len() != t.shape.len() {
        return None;
    }
    let mut low = Vec::new();
    let mut high = Vec::new();
    for (d, i) in idx.iter().enumerate() {
        let room = t.shape[d] - u[d];
        if room < 0 {
            return None;
        }
        let at = (splat(eg, *i)? as i64).clamp(0, room);
        low.push(at);
        high.push(room - at);
    }
    let interior = vec![0; low.len()];
    let value = Target::Splat(TensorType { elem: t.elem, shape: vec![] }, v);
    Some(Target::Op(Primitive::Pad { low, high, interior }, vec![Target::Class(*update), value]))
}

/// The groups of a reshape from `from` to `to`: runs of input and output
/// dimensions with equal products, as index ranges. Dimensions of size one
/// at a group's edge go to the output side's own group.
fn groups(from: &[i64], to: &[i64]) -> Option<Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < from.len() || j < to.len() {
        let (i0, j0) = (i, j);
        let (mut a, mut b) = (1i64, 1i64);
        loop {
            if a <= b && i < from.len() {
                a *= from[i];
                i += 1;
            } else if j < to.len() {
                b *= to[j];
                j += 1;
            } else {
                break;
            }
            if a == b && (i == from.len() || from[i] != 1 || j == to.len()) {
                // Take trailing size-one output dimensions into this group.
                while j < to.len() && to[j] == 1 && (i == from.len() || from[i] != 1) {
                    j += 1;
                }
                break;
            }
        }
        if a != b {
            return None;
        }
        out.push((i0..i, j0..j));
    }
    Some(out)
}

/// reshape(pad(x, v, low, high, interior 0)) = pad(reshape(x'), v, ...)
/// when each padded dimension is split so that the padding is whole rows of
/// its outermost non-unit part: with the inner parts' product P dividing
/// low, high and x's size, row-major order puts the padded elements in
/// whole rows of P.
pub fn reshape_of_pad(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let Node::Op { prim: Primitive::Reshape { shape: to }, args } = n else { return None };
    let [y] = args.as_slice() else { return None };
    each(ops(eg, *y, |p| matches!(p, Primitive::Pad { .. })), |(p, pargs)| {
        let Primitive::Pad { low, high, interior } = p else { return None };
        let [x, v] = pargs else { return None };
        if interior.iter().any(|g| *g != 0) {
            return None;
        }
        let from = shape_of(eg, *y)?;
        let xs = shape_of(eg, *x)?;
        let (mut x_shape, mut new_low, mut new_high) = (Vec::new(), Vec::new(), Vec::new());
        for (ins, outs) in groups(from, to)? {
            let padded: Vec<usize> = ins.clone().filter(|&d| low[d] != 0 || high[d] != 0).collect();
            match padded.as_slice() {
                [] => {
                    x_shape.extend_from_slice(&to[outs.clone()]);
                    new_low.extend(outs.clone().map(|_| 0));
                    new_high.extend(outs.map(|_| 0));
                }
                [d] if ins.len() == 1 => {
                    let parts = &to[outs];
                    let j = parts.iter().position(|s| *s != 1)?;
                    let inner: i64 = parts[j + 1..].iter().product();
                    if low[*d] % inner != 0 || high[*d] % inner != 0 || xs[*d] % inner != 0 {
                        return None;
                    }
                    for (k, s) in parts.iter().enumerate() {
                        let here = k == j;
                        x_shape.push(if here { xs[*d] / inner } else { *s });
                        new_low.push(if here { low[*d] / inner } else { 0 });
                        new_high.push(if here { high[*d] / inner } else { 0 });
                    }
                }
                _ => return None,
            }
        }
        let reshaped = Target::Op(Primitive::Reshape { shape: x_shape }, vec![Target::Class(*x)]);
        let interior = vec![0; new_low.len()];
        Some(Target::Op(
            Primitive::Pad { low: new_low, high: new_high, interior },
            vec![reshaped, Target::Class(*v)],
        ))
    })
}

/// reduce_sum(pad(x, ±0), axes) = reduce_sum(x, axes) when every padded
/// axis is summed: the padding adds zeros. Fast-math: a sum of -0s plus
/// a +0 is +0, and the grouping of the sum changes.
pub fn sum_of_zero_pad(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let Node::Op { prim: Primitive::Reduce { op: ReduceOp::Sum, axes }, args } = n else { return None };
    let [y] = args.as_slice() else { return None };
    each(ops(eg, *y, |p| matches!(p, Primitive::Pad { .. })), |(p, pargs)| {
        let Primitive::Pad { low, high, interior } = p else { return None };
        let [x, v] = pargs else { return None };
        if splat(eg, *v)? != 0.0 {
            return None;
        }
        let padded_outside = (0..low.len())
            .any(|d| (low[d] != 0 || high[d] != 0 || interior[d] != 0) && !axes.contains(&(d as i64)));
        if padded_outside || low.iter().chain(high).any(|e| *e < 0) {
            return None;
        }
        Some(Target::Op(Primitive::Reduce { op: ReduceOp::Sum, axes: axes.clone() }, vec![Target::Class(*x)]))
    })
}

/// slice(pad(x, v, low, high, interior), start, limit) with unit strides =
/// pad(x, v, low - start, high - (padded - limit), interior): a pad's edges
/// may be negative, cutting the (interior-padded) operand, so taking a
/// window of the padded tensor only moves the edges. Every element keeps
/// its position relative to x and its value.
pub fn slice_of_pad(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let Node::Op { prim: Primitive::Slice { start, limit, strides }, args } = n else { return None };
    if strides.iter().any(|s| *s != 1) {
        return None;
    }
    let [padded] = args.as_slice() else { return None };
    let shape = shape_of(eg, *padded)?;
    each(ops(eg, *padded, |p| matches!(p, Primitive::Pad { .. })), |(pad, a)| {
        let Primitive::Pad { low, high, interior } = pad else { return None };
        let [x, value] = a else { return None };
        if low.len() != start.len() || shape.len() != start.len() {
            return None;
        }
        let low: Vec<i64> = low.iter().zip(start).map(|(l, s)| l - s).collect();
        let high: Vec<i64> = (0..start.len()).map(|d| high[d] - (shape[d] - limit[d])).collect();
        Some(Target::Op(
            Primitive::Pad { low, high, interior: interior.clone() },
            vec![Target::Class(*x), Target::Class(*value)],
        ))
    })
}
