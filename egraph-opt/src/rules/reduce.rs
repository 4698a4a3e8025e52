//! Reductions: over axes of size one, and of reductions.
//!
//! max, min, and, or are exact in any order (each element's value is the
//! same whatever the grouping, NaN propagating), and so are integer sums
//! and products (arithmetic modulo 2^bits is associative and commutative).
//! Float sums and products regroup and round differently, so those laws
//! need fast-math.
//!
//! A reduction over axes of size one is a reshape for every op: StableHLO
//! leaves how many times the init value (an identity of the op) enters a
//! reduction to the implementation, and XLA enters it zero times here (its
//! algebraic simplifier rewrites such reductions as reshapes), so even a
//! float sum of a single -0 is -0 where jaxr's programs run.

use jaxr_dialect::{ElemType, Primitive, ReduceOp};

use super::{each, ops, shape_of, ty, Rule, Target};
use crate::analysis::JaxrEGraph;
use crate::language::Node;

/// Whether reducing `elem` values with `op` is exact in any grouping.
fn order_free(op: ReduceOp, elem: ElemType) -> bool {
    match op {
        ReduceOp::Max | ReduceOp::Min | ReduceOp::And | ReduceOp::Or => true,
        ReduceOp::Sum | ReduceOp::Prod => !elem.is_inexact(),
    }
}

fn reduce_of(n: &Node) -> Option<(ReduceOp, &[i64], egg::Id)> {
    match n {
        Node::Op { prim: Primitive::Reduce { op, axes }, args } if args.len() == 1 => {
            Some((*op, axes.as_slice(), args[0]))
        }
        _ => None,
    }
}

/// reduce(x, axes) where every axis has size one = reshape(x).
fn size_one(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let (_, axes, x) = reduce_of(n)?;
    let t = ty(eg, x)?;
    if axes.is_empty() {
        return None;
    }
    let shape = &t.shape;
    let all_one = axes.iter().all(|a| usize::try_from(*a).ok().and_then(|i| shape.get(i)) == Some(&1));
    if !all_one {
        return None;
    }
    let kept: Vec<i64> =
        shape.iter().enumerate().filter(|(i, _)| !axes.contains(&(*i as i64))).map(|(_, d)| *d).collect();
    Some(Target::Op(Primitive::Reshape { shape: kept }, vec![Target::Class(x)]))
}

/// reduce(reduce(x, a1), a2) = reduce(x, a1 ∪ a2 mapped to x's axes).
fn reduce_reduce(eg: &JaxrEGraph, n: &Node, fast: bool) -> Option<Target> {
    let (op, outer, y) = reduce_of(n)?;
    each(ops(eg, y, |p| matches!(p, Primitive::Reduce { .. })), |(p, args)| {
        let Primitive::Reduce { op: inner_op, axes: inner } = p else { return None };
        let x = *args.first()?;
        let elem = ty(eg, x)?.elem;
        if *inner_op != op || order_free(op, elem) == fast || outer.is_empty() {
            return None;
        }
        let rank = shape_of(eg, x)?.len() as i64;
        // The inner reduction's result keeps x's other axes in order.
        let kept: Vec<i64> = (0..rank).filter(|d| !inner.contains(d)).collect();
        let mut axes = inner.clone();
        for a in outer {
            axes.push(*kept.get(usize::try_from(*a).ok()?)?);
        }
        axes.sort_unstable();
        Some(Target::Op(Primitive::Reduce { op, axes }, vec![Target::Class(x)]))
    })
}

/// The rules of group `reduce`.
pub const RULES: &[Rule] = &[
    Rule { name: "reduce/size-one", fast_math: false, apply: size_one },
    Rule { name: "reduce/reduce-reduce", fast_math: false, apply: |eg, n| reduce_reduce(eg, n, false) },
    Rule { name: "reduce/reduce-reduce-float", fast_math: true, apply: |eg, n| reduce_reduce(eg, n, true) },
    // A sum over the padded axes of a zero pad is the sum of the operand
    // (pads.rs; fast-math: signed zeros and grouping).
    Rule { name: "reduce/sum-of-zero-pad", fast_math: true, apply: super::pads::sum_of_zero_pad },
];
