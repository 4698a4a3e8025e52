//! Shape ops: broadcast_in_dim / reshape / transpose / rev composition and
//! cancellation, identity removal, slices of concatenate and pad,
//! concatenation of adjacent slices, dynamic_slice with constant indices,
//! reductions over no axis. All of these move elements without arithmetic,
//! so each law is exact when the element positions agree, which is what
//! each rule checks.

use jaxr_dialect::types::element_count;
use jaxr_dialect::{DotAlgorithm, Primitive};

use super::{each, elementwise, ops, shape_of, splat, ty, Rule, Target};
use crate::analysis::JaxrEGraph;
use crate::language::Node;

fn one_arg(n: &Node) -> Option<(&Primitive, egg::Id)> {
    match n {
        Node::Op { prim, args } if args.len() == 1 => Some((prim, args[0])),
        _ => None,
    }
}

fn is_iota(p: &[i64]) -> bool {
    p.iter().enumerate().all(|(i, d)| *d == i as i64)
}

/// The rules of group `shape`.
pub const RULES: &[Rule] = &[
    // transpose(x, identity) = x.
    Rule {
        name: "shape/transpose-identity",
        fast_math: false,
        apply: |_, n| match one_arg(n)? {
            (Primitive::Transpose { permutation }, x) if is_iota(permutation) => Some(Target::Class(x)),
            _ => None,
        },
    },
    // transpose(transpose(x, p), q) = transpose(x, r) with r[i] = p[q[i]]:
    // result index i reads inner index q[i], which reads x index p[q[i]].
    Rule {
        name: "shape/transpose-transpose",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (Primitive::Transpose { permutation: q }, y) => {
                each(ops(eg, y, |p| matches!(p, Primitive::Transpose { .. })), |found| {
                    let (inner, a) = found;
                    let Primitive::Transpose { permutation: p } = inner else { return None };
                    let r: Option<Vec<i64>> =
                        q.iter().map(|i| p.get(usize::try_from(*i).ok()?).copied()).collect();
                    Some(Target::Op(
                        Primitive::Transpose { permutation: r? },
                        vec![Target::Class(*a.first()?)],
                    ))
                })
            }
            _ => None,
        },
    },
    // reshape(x) to x's own shape = x.
    Rule {
        name: "shape/reshape-identity",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (Primitive::Reshape { shape }, x) if shape_of(eg, x)? == shape.as_slice() => {
                Some(Target::Class(x))
            }
            _ => None,
        },
    },
    // reshape(reshape(x)) = reshape(x): reshapes keep row-major order.
    Rule {
        name: "shape/reshape-reshape",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (Primitive::Reshape { shape }, y) => {
                each(ops(eg, y, |p| matches!(p, Primitive::Reshape { .. })), |found| {
                    let (_, a) = found;
                    Some(Target::Op(
                        Primitive::Reshape { shape: shape.clone() },
                        vec![Target::Class(*a.first()?)],
                    ))
                })
            }
            _ => None,
        },
    },
    // broadcast_in_dim(x, shape(x), dims = 0..n) = x.
    Rule {
        name: "shape/broadcast-identity",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (Primitive::BroadcastInDim { shape, dims }, x)
                if is_iota(dims) && shape_of(eg, x)? == shape.as_slice() =>
            {
                Some(Target::Class(x))
            }
            _ => None,
        },
    },
    // broadcast_in_dim(broadcast_in_dim(x, d1), d2) = broadcast_in_dim(x,
    // d2[d1[i]]): x's dimension i lands on the middle's d1[i], which lands
    // on the result's d2[d1[i]]; sizes agree because each step checked them.
    Rule {
        name: "shape/broadcast-broadcast",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (Primitive::BroadcastInDim { shape, dims: d2 }, y) => {
                each(ops(eg, y, |p| matches!(p, Primitive::BroadcastInDim { .. })), |found| {
                    let (inner, a) = found;
                    let Primitive::BroadcastInDim { dims: d1, .. } = inner else { return None };
                    let dims: Option<Vec<i64>> =
                        d1.iter().map(|i| d2.get(usize::try_from(*i).ok()?).copied()).collect();
                    Some(Target::Op(
                        Primitive::BroadcastInDim { shape: shape.clone(), dims: dims? },
                        vec![Target::Class(*a.first()?)],
                    ))
                })
            }
            _ => None,
        },
    },
    // f(broadcast_in_dim(a, d), broadcast_in_dim(b, d), ...) =
    // broadcast_in_dim(f(a, b, ...), d) for an elementwise f: every element
    // of either side is f applied to the same source elements, so the law
    // is exact; it computes f on the smaller tensor. Splat operands take the
    // source shape.
    Rule { name: "shape/elementwise-of-broadcasts", fast_math: false, apply: elementwise_of_broadcasts },
    // f(reshape(a), reshape(b), ...) = reshape(f(a, b, ...)) for an
    // elementwise f when a, b, ... have one shape of at most the result's
    // rank: reshapes keep row-major order, so both sides apply f to the same
    // pairs of elements.
    Rule { name: "shape/elementwise-of-reshapes", fast_math: false, apply: elementwise_of_reshapes },
    // pad(a, u) + pad(b, v) whose operands sit side by side along one
    // dimension, covering it = concatenate(a + v, b + u): each element is
    // the same sum (a's element plus b's padding value, or the other way).
    // With v = -0 the sum is a exactly; with +0, only with fast-math (which
    // is how a gradient's zero padding becomes a concatenation).
    Rule { name: "shape/add-of-pads", fast_math: false, apply: add_of_pads },
    // concatenate(f(a1, b1), f(a2, b2), ...) = f(concatenate(a1, a2, ...),
    // concatenate(b1, b2, ...)) for an elementwise f: each element is f of
    // the same operands. One f for several; concatenated equal splats fold
    // to one splat.
    Rule { name: "shape/concatenate-of-elementwise", fast_math: false, apply: concatenate_of_elementwise },
    // broadcast_in_dim(x) that only inserts dimensions of size 1 (x's
    // dimensions in order, none expanded) = reshape(x): the same elements in
    // the same row-major order.
    Rule {
        name: "shape/broadcast-is-reshape",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (Primitive::BroadcastInDim { shape, dims }, x) => {
                let xs = shape_of(eg, x)?;
                let in_order = dims.windows(2).all(|w| w[0] < w[1]);
                let kept = dims.iter().zip(xs).all(|(d, s)| shape.get(*d as usize) == Some(s));
                let added_ones =
                    (0..shape.len()).filter(|j| !dims.contains(&(*j as i64))).all(|j| shape[j] == 1);
                (in_order && kept && added_ones)
                    .then(|| Target::Op(Primitive::Reshape { shape: shape.clone() }, vec![Target::Class(x)]))
            }
            _ => None,
        },
    },
    // rev(rev(x, d), d) = x: reversing the same dimensions twice.
    Rule {
        name: "shape/rev-rev",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (Primitive::Rev { dimensions: d }, y) => {
                let mut d = d.clone();
                d.sort_unstable();
                each(&eg[y].nodes, |m| match one_arg(m)? {
                    (Primitive::Rev { dimensions: e }, x) => {
                        let mut e = e.clone();
                        e.sort_unstable();
                        (e == d).then_some(Target::Class(x))
                    }
                    _ => None,
                })
            }
            _ => None,
        },
    },
    // slice(x) covering all of x with stride 1 = x.
    Rule {
        name: "shape/slice-identity",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (Primitive::Slice { start, limit, strides }, x)
                if start.iter().all(|s| *s == 0)
                    && strides.iter().all(|s| *s == 1)
                    && limit.as_slice() == shape_of(eg, x)? =>
            {
                Some(Target::Class(x))
            }
            _ => None,
        },
    },
    // slice(broadcast_in_dim(z)) = broadcast_in_dim(z) of the sliced shape
    // when every operand dimension the slice cuts is one z broadcasts from
    // size 1 (and strides there are 1): each element is still the z element
    // it was.
    Rule { name: "shape/slice-broadcast", fast_math: false, apply: slice_of_broadcast },
    // slice(reshape(y)) where the reshape merges y's first two dimensions
    // [a, b, rest] -> [a*b, rest'] and the slice takes rows [k*b, (k+1)*b)
    // whole = reshape(slice(y, row k)): row-major order maps those rows to
    // y[k] exactly.
    Rule { name: "shape/slice-reshape-rows", fast_math: false, apply: slice_of_merged_rows },
    // slice(concatenate(a0, a1, ...), along dim within one ai) = slice(ai)
    // shifted by ai's offset: the selected elements all come from ai.
    Rule {
        name: "shape/slice-concatenate",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (Primitive::Slice { start, limit, strides }, y) => {
                each(ops(eg, y, |p| matches!(p, Primitive::Concatenate { .. })), |found| {
                    let (cat, parts) = found;
                    let Primitive::Concatenate { dimension } = cat else { return None };
                    let d = usize::try_from(*dimension).ok()?;
                    let (s, l) = (*start.get(d)?, *limit.get(d)?);
                    let mut offset = 0;
                    for part in parts {
                        let size = *shape_of(eg, *part)?.get(d)?;
                        if s >= offset && l <= offset + size && l > s {
                            let mut start = start.clone();
                            let mut limit = limit.clone();
                            start[d] -= offset;
                            limit[d] -= offset;
                            return Some(Target::Op(
                                Primitive::Slice { start, limit, strides: strides.clone() },
                                vec![Target::Class(*part)],
                            ));
                        }
                        offset += size;
                    }
                    None
                })
            }
            _ => None,
        },
    },
    // concatenate(slice(x, a:b), slice(x, b:c), ...) along d, all stride 1
    // and equal elsewhere = slice(x, a:c): the pieces are adjacent.
    Rule {
        name: "shape/concatenate-slices",
        fast_math: false,
        apply: |eg, n| {
            let Node::Op { prim: Primitive::Concatenate { dimension }, args } = n else { return None };
            let d = usize::try_from(*dimension).ok()?;
            let mut x = None;
            let mut acc: Option<(Vec<i64>, Vec<i64>)> = None;
            for part in args {
                let (s, l, src) = eg[*part].nodes.iter().find_map(|m| match one_arg(m)? {
                    (Primitive::Slice { start, limit, strides }, src) if strides.iter().all(|s| *s == 1) => {
                        Some((start.clone(), limit.clone(), eg.find(src)))
                    }
                    _ => None,
                })?;
                if *x.get_or_insert(src) != src {
                    return None;
                }
                acc = Some(match acc {
                    None => (s, l),
                    Some((s0, mut l0)) => {
                        let same_elsewhere = (0..s.len()).all(|i| i == d || (s[i] == s0[i] && l[i] == l0[i]));
                        if !same_elsewhere || *s.get(d)? != *l0.get(d)? {
                            return None;
                        }
                        l0[d] = l[d];
                        (s0, l0)
                    }
                });
            }
            let (start, limit) = acc?;
            let strides = vec![1; start.len()];
            Some(Target::Op(Primitive::Slice { start, limit, strides }, vec![Target::Class(x?)]))
        },
    },
    // slice(pad(x, low, high, interior = 0)) that reads only x's elements
    // = slice(x) shifted by low.
    Rule {
        name: "shape/slice-pad",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (Primitive::Slice { start, limit, strides }, y) => {
                each(ops(eg, y, |p| matches!(p, Primitive::Pad { .. })), |found| {
                    let (pad, a) = found;
                    let Primitive::Pad { low, interior, .. } = pad else { return None };
                    let x = *a.first()?;
                    let xs = shape_of(eg, x)?;
                    if interior.iter().any(|i| *i != 0) || low.len() != start.len() {
                        return None;
                    }
                    let mut s2 = Vec::new();
                    let mut l2 = Vec::new();
                    for i in 0..start.len() {
                        let (s, l) = (start[i] - low[i], limit[i] - low[i]);
                        if s < 0 || l > xs[i] {
                            return None;
                        }
                        s2.push(s);
                        l2.push(l);
                    }
                    Some(Target::Op(
                        Primitive::Slice { start: s2, limit: l2, strides: strides.clone() },
                        vec![Target::Class(x)],
                    ))
                })
            }
            _ => None,
        },
    },
    // Slices composed with slices and reversals (slices.rs).
    Rule { name: "shape/slice-slice", fast_math: false, apply: super::slices::slice_slice },
    Rule { name: "shape/slice-rev", fast_math: false, apply: super::slices::slice_rev },
    Rule { name: "shape/rev-size-one", fast_math: false, apply: super::slices::rev_size_one },
    // Updates of constants and reshapes of pads as pads (pads.rs).
    Rule { name: "shape/update-of-splat", fast_math: false, apply: super::pads::update_of_splat },
    Rule { name: "shape/reshape-of-pad", fast_math: false, apply: super::pads::reshape_of_pad },
    Rule { name: "shape/slice-of-pad", fast_math: false, apply: super::pads::slice_of_pad },
    // One element taken out of moves is that element of their source.
    Rule { name: "shape/element-of-moves", fast_math: false, apply: super::element_trace::element_of_moves },
    // pad(x, v) with no positive edge and no interior padding only cuts x's
    // edges: it is slice(x), which does not need v.
    Rule {
        name: "shape/pad-is-slice",
        fast_math: false,
        apply: |eg, n| {
            let Node::Op { prim: Primitive::Pad { low, high, interior }, args } = n else { return None };
            let x = *args.first()?;
            let xs = shape_of(eg, x)?;
            if interior.iter().any(|i| *i != 0)
                || low.iter().chain(high).any(|e| *e > 0)
                || low.len() != xs.len()
            {
                return None;
            }
            let start: Vec<i64> = low.iter().map(|l| -l).collect();
            let limit: Vec<i64> = xs.iter().zip(high).map(|(d, h)| d + h).collect();
            if start.iter().zip(&limit).any(|(s, l)| s > l) {
                return None;
            }
            let strides = vec![1; start.len()];
            Some(Target::Op(Primitive::Slice { start, limit, strides }, vec![Target::Class(x)]))
        },
    },
    // concatenate(.., empty, ..) = the concatenation of the others: an empty
    // operand adds no element. (An empty result is the empty constant.)
    Rule {
        name: "shape/concatenate-drops-empty",
        fast_math: false,
        apply: |eg, n| {
            let Node::Op { prim: prim @ Primitive::Concatenate { .. }, args } = n else { return None };
            let sizes: Vec<i64> =
                args.iter().map(|a| element_count(shape_of(eg, *a)?)).collect::<Option<_>>()?;
            let kept: Vec<egg::Id> =
                args.iter().zip(&sizes).filter(|(_, n)| **n > 0).map(|(a, _)| *a).collect();
            match kept.len() {
                0 => None,
                k if k == args.len() => None,
                1 => Some(Target::Class(kept[0])),
                _ => Some(Target::Op(prim.clone(), kept.into_iter().map(Target::Class).collect())),
            }
        },
    },
    // pad(empty, v) = v broadcast: every element of the result is padding.
    Rule {
        name: "shape/pad-of-empty",
        fast_math: false,
        apply: |eg, n| {
            let Node::Op { prim: Primitive::Pad { low, high, interior }, args } = n else { return None };
            let [x, v] = args.as_slice() else { return None };
            let xs = shape_of(eg, *x)?;
            if element_count(xs) != Some(0) || xs.len() != low.len() {
                return None;
            }
            let shape: Vec<i64> =
                (0..xs.len()).map(|i| low[i] + high[i] + xs[i] + (xs[i] - 1).max(0) * interior[i]).collect();
            if shape.iter().any(|d| *d < 0) {
                return None;
            }
            Some(Target::Op(Primitive::BroadcastInDim { shape, dims: vec![] }, vec![Target::Class(*v)]))
        },
    },
    // dynamic_slice(x, constant indices) = slice(x) at the indices clamped
    // into range, exactly as dynamic_slice clamps them.
    Rule {
        name: "shape/dynamic-slice-constant",
        fast_math: false,
        apply: |eg, n| {
            let Node::Op { prim: Primitive::DynamicSlice { sizes }, args } = n else { return None };
            let (x, idx) = args.split_first()?;
            let xs = shape_of(eg, *x)?;
            if idx.len() != xs.len() || sizes.len() != xs.len() {
                return None;
            }
            let mut start = Vec::new();
            for (i, id) in idx.iter().enumerate() {
                let v = splat(eg, *id)?;
                let hi = xs[i] - sizes[i];
                if hi < 0 {
                    return None;
                }
                start.push((v as i64).clamp(0, hi));
            }
            let limit = start.iter().zip(sizes).map(|(s, z)| s + z).collect();
            let strides = vec![1; start.len()];
            Some(Target::Op(Primitive::Slice { start, limit, strides }, vec![Target::Class(*x)]))
        },
    },
    // A reduction over no axis is the identity.
    Rule {
        name: "shape/reduce-no-axes",
        fast_math: false,
        apply: |_, n| match one_arg(n)? {
            (Primitive::Reduce { axes, .. }, x) if axes.is_empty() => Some(Target::Class(x)),
            _ => None,
        },
    },
    // reduce_max/min/and/or(broadcast_in_dim(x)) over axes the broadcast
    // added only = broadcast of x onto the remaining dims (max of copies of
    // a value is that value). Implemented for the case where the reduced
    // axes are exactly the added ones, giving x itself when the remaining
    // dims are x's dims in order.
    Rule {
        name: "shape/reduce-extremum-broadcast",
        fast_math: false,
        apply: |eg, n| match one_arg(n)? {
            (
                Primitive::Reduce {
                    op:
                        jaxr_dialect::ReduceOp::Max
                        | jaxr_dialect::ReduceOp::Min
                        | jaxr_dialect::ReduceOp::And
                        | jaxr_dialect::ReduceOp::Or,
                    axes,
                },
                y,
            ) => {
                each(ops(eg, y, |p| matches!(p, Primitive::BroadcastInDim { .. })), |found| {
                    let (b, a) = found;
                    let Primitive::BroadcastInDim { shape, dims } = b else { return None };
                    let x = *a.first()?;
                    let kept: Vec<i64> = (0..shape.len() as i64).filter(|i| !axes.contains(i)).collect();
                    // Every reduced axis must be one the broadcast added.
                    let empty = axes.iter().any(|ax| {
                        usize::try_from(*ax).ok().and_then(|i| shape.get(i)).is_none_or(|s| *s == 0)
                    });
                    if empty || axes.iter().any(|ax| dims.contains(ax)) {
                        return None;
                    }
                    (kept == *dims).then_some(Target::Class(x))
                })
            }
            _ => None,
        },
    },
    // reduce(transpose(x, p), axes) = transpose(reduce(x, p[axes]), q):
    // the same elements are combined, only the kept dimensions' order
    // differs (q restores it). Exact for max/min/and/or (order-free);
    // sum/prod reassociate, so they are in `reduce-transpose-sum` (fast).
    Rule { name: "shape/reduce-transpose", fast_math: false, apply: |eg, n| reduce_transpose(eg, n, false) },
    Rule {
        name: "shape/reduce-transpose-sum",
        fast_math: true,
        apply: |eg, n| reduce_transpose(eg, n, true),
    },
    // transpose(dot_general(a, b)) that puts the rhs's free dimensions
    // before the lhs's (batch dimensions staying first) = dot_general(b, a)
    // with the dimension numbers swapped: the same products summed, laid out
    // as the transpose lays them out.
    Rule { name: "shape/transpose-of-dot", fast_math: false, apply: transpose_of_dot },
    // dot_general(transpose(a, p), b) = dot_general(a, b) with the lhs
    // contracting/batch dimensions mapped through p, when p keeps a's free
    // dimensions in order (so the result's dimension order is unchanged);
    // likewise for the rhs. The same products are summed; XLA leaves the
    // order of a dot's accumulation unspecified either way.
    Rule {
        name: "shape/dot-absorbs-transpose",
        fast_math: false,
        apply: |eg, n| {
            let Node::Op { prim: Primitive::DotGeneral { dims, out, precision, algorithm }, args } = n else {
                return None;
            };
            let [l, r] = args.as_slice() else { return None };
            let transposes = |side: usize| {
                let id = if side == 0 { *l } else { *r };
                ops(eg, id, |p| matches!(p, Primitive::Transpose { .. })).map(move |found| (side, found))
            };
            each(transposes(0).chain(transposes(1)), |(side, (t, a))| {
                let Primitive::Transpose { permutation: p } = t else { return None };
                let a = *a.first()?;
                let (contracting, batch) = if side == 0 {
                    (&dims.lhs_contracting, &dims.lhs_batch)
                } else {
                    (&dims.rhs_contracting, &dims.rhs_batch)
                };
                let map = |v: &[i64]| -> Option<Vec<i64>> {
                    v.iter().map(|d| p.get(usize::try_from(*d).ok()?).copied()).collect()
                };
                let free: Vec<i64> = (0..p.len() as i64)
                    .filter(|d| !contracting.contains(d) && !batch.contains(d))
                    .map(|d| p[d as usize])
                    .collect();
                if free.windows(2).any(|w| w[0] > w[1]) {
                    return None;
                }
                let mut new = dims.clone();
                if side == 0 {
                    new.lhs_contracting = map(contracting)?;
                    new.lhs_batch = map(batch)?;
                } else {
                    new.rhs_contracting = map(contracting)?;
                    new.rhs_batch = map(batch)?;
                }
                let (x, y) = if side == 0 { (a, *r) } else { (*l, a) };
                Some(Target::Op(
                    Primitive::DotGeneral {
                        dims: new,
                        out: *out,
                        precision: *precision,
                        algorithm: *algorithm,
                    },
                    vec![Target::Class(x), Target::Class(y)],
                ))
            })
        },
    },
];

fn reduce_transpose(eg: &JaxrEGraph, n: &Node, sums: bool) -> Option<Target> {
    use jaxr_dialect::ReduceOp;
    let (Primitive::Reduce { op, axes }, y) = one_arg(n)? else { return None };
    let order_free = matches!(op, ReduceOp::Max | ReduceOp::Min | ReduceOp::And | ReduceOp::Or);
    if order_free == sums || axes.is_empty() {
        return None;
    }
    each(ops(eg, y, |p| matches!(p, Primitive::Transpose { .. })), |(t, a)| {
        let Primitive::Transpose { permutation: p } = t else { return None };
        let x = *a.first()?;
        let mut new_axes: Vec<i64> =
            axes.iter().map(|d| p.get(usize::try_from(*d).ok()?).copied()).collect::<Option<_>>()?;
        new_axes.sort_unstable();
        let kept: Vec<i64> =
            (0..p.len() as i64).filter(|d| !axes.contains(d)).map(|d| p[d as usize]).collect();
        let mut sorted = kept.clone();
        sorted.sort_unstable();
        let q: Vec<i64> = kept
            .iter()
            .map(|k| sorted.iter().position(|s| s == k).map(|i| i as i64))
            .collect::<Option<_>>()?;
        let reduced = Target::Op(Primitive::Reduce { op: *op, axes: new_axes }, vec![Target::Class(x)]);
        Some(Target::Op(Primitive::Transpose { permutation: q }, vec![reduced]))
    })
}

fn elementwise_of_broadcasts(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let Node::Op { prim, args } = n else { return None };
    if !elementwise(prim) {
        return None;
    }
    // The broadcast every non-splat operand comes from: same dims, same source shape.
    let mut common: Option<(Vec<i64>, Vec<i64>, Vec<i64>)> = None;
    let mut sources = Vec::with_capacity(args.len());
    for &a in args {
        if splat(eg, a).is_some() {
            sources.push(None);
            continue;
        }
        // The first operand's broadcast fixes the form the others must share.
        let (shape, dims, src) =
            ops(eg, a, |p| matches!(p, Primitive::BroadcastInDim { .. })).find_map(|(p, inner)| {
                let Primitive::BroadcastInDim { shape, dims } = p else { return None };
                let src = *inner.first()?;
                let src_shape = shape_of(eg, src)?;
                match &common {
                    Some((s0, d0, ss0)) if (s0, d0, ss0.as_slice()) != (shape, dims, src_shape) => None,
                    _ => Some((shape, dims, src)),
                }
            })?;
        if common.is_none() {
            common = Some((shape.clone(), dims.clone(), shape_of(eg, src)?.to_vec()));
        }
        sources.push(Some(src));
    }
    let (shape, dims, src_shape) = common?;
    // Counts saturate: a type may hold more elements than an i64 counts.
    let count = |s: &[i64]| element_count(s).unwrap_or(i64::MAX);
    // A broadcast that adds only size-1 dimensions moves no data, but taking
    // it outside lets it merge with a broadcast around the op.
    if count(&src_shape) > count(&shape) || src_shape == shape {
        return None;
    }
    let mut small = Vec::with_capacity(args.len());
    for (&a, src) in args.iter().zip(sources) {
        small.push(match src {
            Some(s) => Target::Class(s),
            None => {
                let t = ty(eg, a)?;
                Target::Splat(jaxr_dialect::TensorType::new(src_shape.clone(), t.elem), splat(eg, a)?)
            }
        });
    }
    Some(Target::Op(Primitive::BroadcastInDim { shape, dims }, vec![Target::Op(prim.clone(), small)]))
}

fn elementwise_of_reshapes(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let Node::Op { prim, args } = n else { return None };
    if !elementwise(prim) {
        return None;
    }
    let out_shape = node_shape(eg, n)?;
    // The source every non-splat operand is a reshape of, all of one shape.
    let mut source_shape: Option<Vec<i64>> = None;
    let mut sources = Vec::with_capacity(args.len());
    for &a in args {
        if splat(eg, a).is_some() {
            sources.push(None);
            continue;
        }
        let src = ops(eg, a, |p| matches!(p, Primitive::Reshape { .. })).find_map(|(_, inner)| {
            let src = *inner.first()?;
            let ss = shape_of(eg, src)?;
            match &source_shape {
                Some(s0) if s0.as_slice() != ss => None,
                _ => Some(src),
            }
        })?;
        if source_shape.is_none() {
            source_shape = Some(shape_of(eg, src)?.to_vec());
        }
        sources.push(Some(src));
    }
    let source_shape = source_shape?;
    // Only towards fewer dimensions (or as many): the other direction only
    // re-spells the op in a longer shape, and in a chain of sums of
    // reshaped values (a gradient accumulated over layers) each such form
    // makes the next one, one level per iteration, to the iteration limit.
    if source_shape == out_shape || source_shape.len() > out_shape.len() {
        return None;
    }
    let mut small = Vec::with_capacity(args.len());
    for (&a, src) in args.iter().zip(sources) {
        small.push(match src {
            Some(s) => Target::Class(s),
            None => Target::Splat(
                jaxr_dialect::TensorType::new(source_shape.clone(), ty(eg, a)?.elem),
                splat(eg, a)?,
            ),
        });
    }
    Some(Target::Op(Primitive::Reshape { shape: out_shape }, vec![Target::Op(prim.clone(), small)]))
}

/// A pad without interior padding: its operand, padding value and low and
/// high padding.
fn plain_pad<'a>(
    eg: &'a JaxrEGraph,
    id: egg::Id,
) -> impl Iterator<Item = (egg::Id, egg::Id, &'a [i64], &'a [i64])> + 'a {
    ops(eg, id, |p| matches!(p, Primitive::Pad { .. })).filter_map(|(p, args)| {
        let Primitive::Pad { low, high, interior } = p else { return None };
        let [x, v] = args else { return None };
        interior.iter().all(|i| *i == 0).then_some((*x, *v, low.as_slice(), high.as_slice()))
    })
}

fn add_of_pads(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let [l, r] = super::args_of(n, &Primitive::Binary(jaxr_dialect::BinaryOp::Add))? else { return None };
    let pairs = plain_pad(eg, *l).flat_map(|a| plain_pad(eg, *r).map(move |b| (a, b)));
    each(pairs, |((a, u, al, ah), (b, v, bl, bh))| {
        let (ta, tb) = (ty(eg, a)?, ty(eg, b)?);
        let rank = ta.shape.len();
        // The one dimension where the operands meet: a first, then b.
        let mut dim = None;
        for d in 0..rank {
            if (al[d], ah[d], bl[d], bh[d]) == (0, 0, 0, 0) {
                continue;
            }
            let meets = al[d] == 0 && bh[d] == 0 && ah[d] == tb.shape[d] && bl[d] == ta.shape[d];
            if !meets || dim.is_some() {
                return None;
            }
            dim = Some(d);
        }
        let d = dim?;
        let (uv, vv) = (splat(eg, u)?, splat(eg, v)?);
        let sum = |x: egg::Id, t: &jaxr_dialect::TensorType, pad: f64| {
            Target::Op(
                Primitive::Binary(jaxr_dialect::BinaryOp::Add),
                vec![Target::Class(x), Target::Splat(t.clone(), pad)],
            )
        };
        Some(Target::Op(Primitive::Concatenate { dimension: d as i64 }, vec![sum(a, ta, vv), sum(b, tb, uv)]))
    })
}

fn concatenate_of_elementwise(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let Node::Op { prim: cat @ Primitive::Concatenate { .. }, args: parts } = n else { return None };
    if parts.len() < 2 {
        return None;
    }
    // The op of the first part, then the same op (same attributes and
    // arity) in every other part.
    let candidates = ops(eg, parts[0], |p| elementwise(p) && *p != Primitive::SelectN);
    each(candidates, |(prim, first)| {
        let mut operands: Vec<Vec<egg::Id>> = first.iter().map(|a| vec![*a]).collect();
        for part in &parts[1..] {
            let (_, args) = ops(eg, *part, |p| p == prim).find(|(_, a)| a.len() == first.len())?;
            for (column, a) in operands.iter_mut().zip(args) {
                column.push(*a);
            }
        }
        let concatenated = operands
            .into_iter()
            .map(|column| Target::Op(cat.clone(), column.into_iter().map(Target::Class).collect()))
            .collect();
        Some(Target::Op(prim.clone(), concatenated))
    })
}

/// The shape a node's result has.
fn node_shape(eg: &JaxrEGraph, n: &Node) -> Option<Vec<i64>> {
    crate::analysis::node_type(eg, n).map(|t| t.shape)
}

fn slice_of_broadcast(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let (Primitive::Slice { start, limit, strides }, y) = one_arg(n)? else { return None };
    each(ops(eg, y, |p| matches!(p, Primitive::BroadcastInDim { .. })), |found| {
        let (p, a) = found;
        let Primitive::BroadcastInDim { shape, dims } = p else { return None };
        let z = *a.first()?;
        let zs = shape_of(eg, z)?;
        for d in 0..shape.len() {
            let whole = start[d] == 0 && limit[d] == shape[d] && strides[d] == 1;
            if whole {
                continue;
            }
            // A cut dimension must carry no operand dimension, or one of size 1.
            if let Some(k) = dims.iter().position(|&x| x == d as i64) {
                if zs[k] != 1 {
                    return None;
                }
            }
        }
        let out: Vec<i64> =
            (0..shape.len()).map(|d| (limit[d] - start[d] + strides[d] - 1) / strides[d]).collect();
        if out == *shape {
            return None;
        }
        Some(Target::Op(Primitive::BroadcastInDim { shape: out, dims: dims.clone() }, vec![Target::Class(z)]))
    })
}

fn slice_of_merged_rows(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let (Primitive::Slice { start, limit, strides }, r) = one_arg(n)? else { return None };
    each(ops(eg, r, |p| matches!(p, Primitive::Reshape { .. })), |found| {
        let (p, a) = found;
        let Primitive::Reshape { shape } = p else { return None };
        let y = *a.first()?;
        let ys = shape_of(eg, y)?.to_vec();
        if ys.len() < 2 || shape.is_empty() || Some(shape[0]) != ys[0].checked_mul(ys[1]) {
            return None;
        }
        // The rest must keep its element count (so rows map to y[k]).
        let rest = element_count(&shape[1..]);
        if rest.is_none() || rest != element_count(&ys[2..]) {
            return None;
        }
        let b = ys[1];
        if b == 0 || strides[0] != 1 || start[0] % b != 0 || limit[0] - start[0] != b {
            return None;
        }
        if (1..shape.len()).any(|d| start[d] != 0 || limit[d] != shape[d] || strides[d] != 1) {
            return None;
        }
        let k = start[0] / b;
        let mut lo = vec![0; ys.len()];
        let mut hi = ys.clone();
        lo[0] = k;
        hi[0] = k + 1;
        let row = Target::Op(
            Primitive::Slice { start: lo, limit: hi, strides: vec![1; ys.len()] },
            vec![Target::Class(y)],
        );
        let out = [vec![b], shape[1..].to_vec()].concat();
        Some(Target::Op(Primitive::Reshape { shape: out }, vec![row]))
    })
}

fn transpose_of_dot(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let (Primitive::Transpose { permutation }, y) = one_arg(n)? else { return None };
    each(ops(eg, y, |p| matches!(p, Primitive::DotGeneral { .. })), |found| {
        let (p, args) = found;
        let Primitive::DotGeneral { dims, out, precision, algorithm } = p else { return None };
        let [a, b] = args else { return None };
        let (ra, rb) = (shape_of(eg, *a)?.len(), shape_of(eg, *b)?.len());
        let nb = dims.lhs_batch.len();
        let fa = ra - nb - dims.lhs_contracting.len();
        let fb = rb - nb - dims.rhs_contracting.len();
        // The permutation that swaps the two free groups, batch first.
        let want: Vec<i64> = (0..nb as i64)
            .chain((nb + fa) as i64..(nb + fa + fb) as i64)
            .chain(nb as i64..(nb + fa) as i64)
            .collect();
        if *permutation != want || fa == 0 || fb == 0 {
            return None;
        }
        let swapped = jaxr_dialect::DotDims {
            lhs_contracting: dims.rhs_contracting.clone(),
            rhs_contracting: dims.lhs_contracting.clone(),
            lhs_batch: dims.rhs_batch.clone(),
            rhs_batch: dims.lhs_batch.clone(),
        };
        Some(Target::Op(
            Primitive::DotGeneral {
                dims: swapped,
                out: *out,
                precision: [precision[1], precision[0]],
                algorithm: algorithm.map(DotAlgorithm::swapped),
            },
            vec![Target::Class(*b), Target::Class(*a)],
        ))
    })
}
