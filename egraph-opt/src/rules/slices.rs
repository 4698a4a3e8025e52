//! Slices composed with moves: a slice of a slice is one slice, a slice
//! of a reversal is a reversal of a slice, and reversing only dimensions of
//! size one does nothing. Each law only moves elements; each function checks
//! that the positions agree. (A slice across several operands of a
//! concatenation stays: the concatenation of their slices is more ops, and
//! the cost model, which counts the bytes a slice or concatenation writes,
//! would prefer it.)

use jaxr_dialect::Primitive;

use super::{each, ops, shape_of, Target};
use crate::analysis::JaxrEGraph;
use crate::language::Node;

/// A slice node's start, limit and strides, and its operand.
struct SliceOf<'a> {
    start: &'a [i64],
    limit: &'a [i64],
    strides: &'a [i64],
    x: egg::Id,
}

fn slice_of(n: &Node) -> Option<SliceOf<'_>> {
    match n {
        Node::Op { prim: Primitive::Slice { start, limit, strides }, args } if args.len() == 1 => {
            Some(SliceOf { start, limit, strides, x: args[0] })
        }
        _ => None,
    }
}

/// How many positions `start..limit` by `stride` selects.
fn count(start: i64, limit: i64, stride: i64) -> i64 {
    if limit <= start {
        0
    } else {
        (limit - start + stride - 1) / stride
    }
}

fn slice(start: Vec<i64>, limit: Vec<i64>, strides: Vec<i64>, x: Target) -> Target {
    Target::Op(Primitive::Slice { start, limit, strides }, vec![x])
}

/// slice(slice(x, s1, _, k1), s2, l2, k2) = slice(x) from s1 + s2*k1 by
/// k1*k2: the outer slice's j-th element is x[s1 + (s2 + j*k2)*k1].
pub fn slice_slice(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let SliceOf { start: s2, limit: l2, strides: k2, x: y } = slice_of(n)?;
    each(ops(eg, y, |p| matches!(p, Primitive::Slice { .. })), |(p, args)| {
        let Primitive::Slice { start: s1, strides: k1, .. } = p else { return None };
        let x = *args.first()?;
        let mut start = Vec::new();
        let mut limit = Vec::new();
        let mut strides = Vec::new();
        for d in 0..s2.len() {
            let m = count(s2[d], l2[d], k2[d]);
            let s = s1[d] + s2[d] * k1[d];
            let k = k1[d] * k2[d];
            start.push(s);
            limit.push(if m == 0 { s } else { s + (m - 1) * k + 1 });
            strides.push(k);
        }
        Some(slice(start, limit, strides, Target::Class(x)))
    })
}

/// slice(rev(x, D), s, l, k) = rev(slice(x, s', l', k), D): along a
/// reversed dimension of size n the positions s, s+k, ... of the reversal
/// are n-1-s, n-1-s-k, ... of x, which a slice of x takes in ascending
/// order and the reversal puts back.
pub fn slice_rev(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let SliceOf { start: s, limit: l, strides: k, x: y } = slice_of(n)?;
    each(ops(eg, y, |p| matches!(p, Primitive::Rev { .. })), |(p, args)| {
        let Primitive::Rev { dimensions } = p else { return None };
        let x = *args.first()?;
        let shape = shape_of(eg, x)?;
        let (mut start, mut limit) = (s.to_vec(), l.to_vec());
        for d in dimensions {
            let d = usize::try_from(*d).ok()?;
            let m = count(s[d], l[d], k[d]);
            if m == 0 {
                return None;
            }
            let last = s[d] + (m - 1) * k[d];
            start[d] = shape[d] - 1 - last;
            limit[d] = shape[d] - s[d];
        }
        let inner = slice(start, limit, k.to_vec(), Target::Class(x));
        Some(Target::Op(Primitive::Rev { dimensions: dimensions.clone() }, vec![inner]))
    })
}

/// rev(x, D) = rev(x, D without the dimensions of size one), and x itself
/// when none is left: a dimension of size one reverses to itself.
pub fn rev_size_one(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let Node::Op { prim: Primitive::Rev { dimensions }, args } = n else { return None };
    let [x] = args.as_slice() else { return None };
    let shape = shape_of(eg, *x)?;
    let kept: Vec<i64> = dimensions
        .iter()
        .copied()
        .filter(|d| usize::try_from(*d).ok().and_then(|i| shape.get(i)) != Some(&1))
        .collect();
    match kept.len() {
        k if k == dimensions.len() => None,
        0 => Some(Target::Class(*x)),
        _ => Some(Target::Op(Primitive::Rev { dimensions: kept }, vec![Target::Class(*x)])),
    }
}
