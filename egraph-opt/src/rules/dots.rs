//! Dot products. Two exact laws write sums of products as dots, which XLA
//! computes as one fused contraction: `reduce_sum(a * b)` that keeps some
//! axis is a dot that contracts the summed axes and batches the kept ones
//! (each result is a sum of the same products; XLA itself computes such
//! batched dots without free dimensions as a multiply and a reduction; `square(a)` is `a * a`), and a dot of a broadcast
//! operand whose added dimensions are batch dimensions is a dot of the
//! operand itself, the other side's batch dimensions becoming free ones.
//! The new dots use precision HIGHEST, so that no backend computes them
//! with fewer bits than the elementwise product had (the default precision
//! of an f32 dot is bf16 passes on TPUs and TF32 on recent GPUs).
//!
//! The fast-math laws go where XLA leaves work on the table. XLA computes every
//! `dot_general` as written, so `(A @ B) @ v` with square A and B costs
//! n^3 multiply-adds where `A @ (B @ v)` costs 2n^2. These laws let the
//! e-graph hold every order, and the cost model (2·M·N·K per dot) picks the
//! cheapest. All of them change the order of a sum of products, which
//! rounds differently (and may overflow differently), so all need fast-math.
//!
//! They apply to dots in *matrix form*: batch dimensions leading (`0..nb`
//! on both sides), the lhs contracting its last dimension and the rhs its
//! first non-batch dimension, as `jnp.matmul` writes them. Two dots combine
//! only when they have the same output type, precision and algorithm.

use jaxr_dialect::{BinaryOp, DotDims, Precision, Primitive, ReduceOp, UnaryOp};

use super::{args_of, each, ops, shape_of, Rule, Target};
use crate::analysis::JaxrEGraph;
use crate::language::Node;

/// The number of batch dimensions of a matrix-form dot, given its
/// operands' ranks.
fn matrix_form(dims: &DotDims, lhs_rank: usize, rhs_rank: usize) -> Option<usize> {
    let nb = dims.lhs_batch.len();
    let leading = |v: &[i64]| v.iter().enumerate().all(|(i, d)| *d == i as i64);
    (leading(&dims.lhs_batch)
        && leading(&dims.rhs_batch)
        && dims.rhs_batch.len() == nb
        && lhs_rank > nb
        && rhs_rank > nb
        && dims.lhs_contracting == [lhs_rank as i64 - 1]
        && dims.rhs_contracting == [nb as i64])
    .then_some(nb)
}

/// The dims of a matrix-form dot with `nb` batch dimensions.
fn matrix_dims(nb: usize, lhs_rank: usize) -> DotDims {
    let batch: Vec<i64> = (0..nb as i64).collect();
    DotDims {
        lhs_contracting: vec![lhs_rank as i64 - 1],
        rhs_contracting: vec![nb as i64],
        lhs_batch: batch.clone(),
        rhs_batch: batch,
    }
}

/// A dot node's operands and batch count, when it is in matrix form.
fn matrix_dot(eg: &JaxrEGraph, prim: &Primitive, args: &[egg::Id]) -> Option<(usize, egg::Id, egg::Id)> {
    let Primitive::DotGeneral { dims, .. } = prim else { return None };
    let [l, r] = args else { return None };
    let nb = matrix_form(dims, shape_of(eg, *l)?.len(), shape_of(eg, *r)?.len())?;
    Some((nb, *l, *r))
}

/// `prim` (a dot) with matrix-form dims for an lhs of rank `lhs_rank`.
fn with_dims(prim: &Primitive, nb: usize, lhs_rank: usize) -> Option<Primitive> {
    let Primitive::DotGeneral { out, precision, algorithm, .. } = prim else { return None };
    Some(Primitive::DotGeneral {
        dims: matrix_dims(nb, lhs_rank),
        out: *out,
        precision: *precision,
        algorithm: *algorithm,
    })
}

/// Whether two dots have the same output type, precision and algorithm.
fn same_flavour(a: &Primitive, b: &Primitive) -> bool {
    match (a, b) {
        (
            Primitive::DotGeneral { out: o1, precision: p1, algorithm: a1, .. },
            Primitive::DotGeneral { out: o2, precision: p2, algorithm: a2, .. },
        ) => o1 == o2 && p1 == p2 && a1 == a2,
        _ => false,
    }
}

fn is_dot(p: &Primitive) -> bool {
    matches!(p, Primitive::DotGeneral { .. })
}

fn c(id: egg::Id) -> Target {
    Target::Class(id)
}

/// Which sums of products a rule writes as dots.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sum {
    /// A reduction that keeps some axis (a batched dot).
    KeepsAxis,
    /// A reduction of a rank-1 product (a dot of two vectors).
    OfVectors,
    /// A reduction over every axis of a product of rank 2 or more.
    OfTensors,
}

/// reduce_sum(a * b, axes) as a dot contracting `axes`, batching the rest,
/// for the reductions `which` names.
fn reduce_of_product(eg: &JaxrEGraph, n: &Node, which: Sum) -> Option<Target> {
    let Node::Op { prim: Primitive::Reduce { op: ReduceOp::Sum, axes }, args } = n else { return None };
    let [y] = args.as_slice() else { return None };
    let t = super::ty(eg, *y)?;
    if axes.is_empty() || !(t.elem.is_standard_float() || t.elem.is_int()) {
        return None;
    }
    let kept: Vec<i64> = (0..t.shape.len() as i64).filter(|d| !axes.contains(d)).collect();
    let kind = match (kept.is_empty(), t.shape.len()) {
        (false, _) => Sum::KeepsAxis,
        (true, 1) => Sum::OfVectors,
        (true, _) => Sum::OfTensors,
    };
    if kind != which {
        return None;
    }
    let mut contracting = axes.clone();
    contracting.sort_unstable();
    let prim = Primitive::DotGeneral {
        dims: DotDims {
            lhs_contracting: contracting.clone(),
            rhs_contracting: contracting,
            lhs_batch: kept.clone(),
            rhs_batch: kept,
        },
        out: t.elem,
        precision: [Precision::Highest; 2],
        algorithm: None,
    };
    let product =
        |p: &Primitive| *p == Primitive::Binary(BinaryOp::Mul) || *p == Primitive::Unary(UnaryOp::Square);
    each(ops(eg, *y, product), |(_, ab)| match ab {
        [a, b] => Some(Target::Op(prim.clone(), vec![c(*a), c(*b)])),
        // square(x) = x * x.
        [x] => Some(Target::Op(prim.clone(), vec![c(*x), c(*x)])),
        _ => None,
    })
}

/// A dot that neither contracts nor batches, with a scalar operand, as the
/// elementwise product with that scalar broadcast.
fn scalar_dot(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let Node::Op { prim: Primitive::DotGeneral { dims, out, .. }, args } = n else { return None };
    let [l, r] = args.as_slice() else { return None };
    if !(dims.lhs_contracting.is_empty() && dims.lhs_batch.is_empty()) {
        return None;
    }
    let (lt, rt) = (super::ty(eg, *l)?, super::ty(eg, *r)?);
    if lt.elem != *out || rt.elem != *out {
        return None;
    }
    let spread = |scalar: egg::Id, shape: &[i64]| {
        Target::Op(Primitive::BroadcastInDim { shape: shape.to_vec(), dims: vec![] }, vec![c(scalar)])
    };
    let mul = Primitive::Binary(BinaryOp::Mul);
    match (lt.shape.is_empty(), rt.shape.is_empty()) {
        (true, true) => Some(Target::Op(mul, vec![c(*l), c(*r)])),
        (true, false) => Some(Target::Op(mul, vec![spread(*l, &rt.shape), c(*r)])),
        (false, true) => Some(Target::Op(mul, vec![c(*l), spread(*r, &lt.shape)])),
        (false, false) => None,
    }
}

/// What a dot result dimension is: batch pair `p`, lhs dimension, rhs
/// dimension (numbered in the original dot's operands).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Batch(usize),
    Lhs(i64),
    Rhs(i64),
}

/// A dot whose operand on `side` (0 lhs, 1 rhs) is `broadcast_in_dim(a)`
/// adding only batch dimensions, as a dot of `a` (transposed back to the
/// original result order when needed).
fn absorb_broadcast(eg: &JaxrEGraph, n: &Node, side: usize) -> Option<Target> {
    let Node::Op { prim: prim @ Primitive::DotGeneral { dims, .. }, args } = n else { return None };
    let [l, r] = args.as_slice() else { return None };
    let (this, other) = if side == 0 { (*l, *r) } else { (*r, *l) };
    let (batch, contracting) = if side == 0 {
        (&dims.lhs_batch, &dims.lhs_contracting)
    } else {
        (&dims.rhs_batch, &dims.rhs_contracting)
    };
    let other_batch = if side == 0 { &dims.rhs_batch } else { &dims.lhs_batch };
    let other_rank = shape_of(eg, other)?.len() as i64;
    each(ops(eg, this, |p| matches!(p, Primitive::BroadcastInDim { .. })), |(bp, inner)| {
        let Primitive::BroadcastInDim { shape, dims: bdims } = bp else { return None };
        let a = *inner.first()?;
        let a_shape = shape_of(eg, a)?;
        // Only dimensions added, none expanded from size 1.
        if bdims.iter().enumerate().any(|(i, j)| shape.get(*j as usize) != a_shape.get(i)) {
            return None;
        }
        let added: Vec<i64> = (0..shape.len() as i64).filter(|j| !bdims.contains(j)).collect();
        if added.is_empty() || added.iter().any(|j| !batch.contains(j)) {
            return None;
        }
        let inv = |j: i64| bdims.iter().position(|d| *d == j).map(|i| i as i64);
        let removed: Vec<usize> = (0..batch.len()).filter(|p| added.contains(&batch[*p])).collect();
        let kept: Vec<usize> = (0..batch.len()).filter(|p| !removed.contains(p)).collect();
        let new_batch: Vec<i64> = kept.iter().map(|p| inv(batch[*p])).collect::<Option<_>>()?;
        let new_contracting: Vec<i64> = contracting.iter().map(|j| inv(*j)).collect::<Option<_>>()?;
        let new_other_batch: Vec<i64> = kept.iter().map(|p| other_batch[*p]).collect();
        // Result labels before: every batch pair, this side's free
        // dimensions, the other side's free dimensions (lhs before rhs).
        let own = |j: i64| if side == 0 { Label::Lhs(j) } else { Label::Rhs(j) };
        let others = |k: i64| if side == 0 { Label::Rhs(k) } else { Label::Lhs(k) };
        let this_free: Vec<i64> =
            (0..shape.len() as i64).filter(|j| !batch.contains(j) && !contracting.contains(j)).collect();
        let other_contracting = if side == 0 { &dims.rhs_contracting } else { &dims.lhs_contracting };
        let other_free = |b: &[i64]| -> Vec<i64> {
            (0..other_rank).filter(|k| !b.contains(k) && !other_contracting.contains(k)).collect()
        };
        let label_of_other = |k: i64| match removed.iter().find(|p| other_batch[**p] == k) {
            Some(p) => Label::Batch(*p),
            None => others(k),
        };
        let this_labels: Vec<Label> = this_free.iter().map(|j| own(*j)).collect();
        let other_labels: Vec<Label> = other_free(other_batch).iter().map(|k| others(*k)).collect();
        let before: Vec<Label> = (0..batch.len())
            .map(Label::Batch)
            .chain(if side == 0 { this_labels.clone() } else { other_labels.clone() })
            .chain(if side == 0 { other_labels } else { this_labels })
            .collect();
        // After: kept batch pairs, then the free dimensions of a (in a's
        // order) and of the other side (now with the removed batch ones).
        let a_free: Vec<Label> = (0..a_shape.len() as i64)
            .filter(|i| !new_batch.contains(i) && !new_contracting.contains(i))
            .map(|i| own(bdims[i as usize]))
            .collect();
        let o_free: Vec<Label> = other_free(&new_other_batch).iter().map(|k| label_of_other(*k)).collect();
        let after: Vec<Label> = kept
            .iter()
            .map(|p| Label::Batch(*p))
            .chain(if side == 0 { a_free.clone() } else { o_free.clone() })
            .chain(if side == 0 { o_free } else { a_free })
            .collect();
        let perm: Vec<i64> = before
            .iter()
            .map(|l| after.iter().position(|m| m == l).map(|i| i as i64))
            .collect::<Option<_>>()?;
        let mut new_dims = dims.clone();
        if side == 0 {
            new_dims.lhs_batch = new_batch;
            new_dims.lhs_contracting = new_contracting;
            new_dims.rhs_batch = new_other_batch;
        } else {
            new_dims.rhs_batch = new_batch;
            new_dims.rhs_contracting = new_contracting;
            new_dims.lhs_batch = new_other_batch;
        }
        let Primitive::DotGeneral { out, precision, algorithm, .. } = prim else { return None };
        let new =
            Primitive::DotGeneral { dims: new_dims, out: *out, precision: *precision, algorithm: *algorithm };
        let operands = if side == 0 { vec![c(a), c(other)] } else { vec![c(other), c(a)] };
        let dot = Target::Op(new, operands);
        let identity = perm.iter().enumerate().all(|(i, p)| *p == i as i64);
        Some(if identity { dot } else { Target::Op(Primitive::Transpose { permutation: perm }, vec![dot]) })
    })
}

/// The rules of group `dot`.
pub const RULES: &[Rule] = &[
    // reduce_sum(a * b) = dot_general(a, b) contracting the summed axes and
    // batching the others, when some axis is kept (see the module comment).
    Rule {
        name: "dot/reduce-of-product",
        fast_math: false,
        apply: |eg, n| reduce_of_product(eg, n, Sum::KeepsAxis),
    },
    // The same over the one axis of two vectors is their dot product, which
    // XLA computes as this very multiply and reduction (it strength-reduces
    // vector dots): on the CPU plugin the bits agree on every input tried.
    Rule {
        name: "dot/vector-dot",
        fast_math: false,
        apply: |eg, n| reduce_of_product(eg, n, Sum::OfVectors),
    },
    // Over every axis of a matrix or more it is a dot that XLA computes with
    // its own (vectorized) accumulation order: the CPU plugin's bits differ
    // from the fused multiply-reduce's (an 8x8 f32 product in 17 of 20
    // random cases), so only with fast-math.
    Rule {
        name: "dot/full-contraction",
        fast_math: true,
        apply: |eg, n| reduce_of_product(eg, n, Sum::OfTensors),
    },
    // A dot of a scalar and x without contraction is s * x elementwise: each
    // element is one product, rounded once (XLA strength-reduces it so).
    Rule { name: "dot/scalar-operand", fast_math: false, apply: scalar_dot },
    // dot(broadcast(a), b) = dot(a, b) when the broadcast adds only batch
    // dimensions: each result element sums the same products.
    Rule { name: "dot/absorb-lhs-broadcast", fast_math: false, apply: |eg, n| absorb_broadcast(eg, n, 0) },
    Rule { name: "dot/absorb-rhs-broadcast", fast_math: false, apply: |eg, n| absorb_broadcast(eg, n, 1) },
    // (A @ B) @ C = A @ (B @ C) when B has a dimension besides its batch
    // dimensions and the one A contracts (B's last, which C contracts):
    // both sides sum A[.., i] B[i, .., j] C[j, ..] over i and j.
    Rule {
        name: "dot/reassociate-right",
        fast_math: true,
        apply: |eg, n| {
            let Node::Op { prim, args } = n else { return None };
            let (nb, p, cm) = matrix_dot(eg, prim, args)?;
            each(ops(eg, p, is_dot), |(inner, ab)| {
                let (nb2, a, b) = matrix_dot(eg, inner, ab)?;
                let (a_rank, b_rank) = (shape_of(eg, a)?.len(), shape_of(eg, b)?.len());
                if nb2 != nb || b_rank < nb + 2 || !same_flavour(prim, inner) {
                    return None;
                }
                let bc = Target::Op(with_dims(prim, nb, b_rank)?, vec![c(b), c(cm)]);
                Some(Target::Op(with_dims(prim, nb, a_rank)?, vec![c(a), bc]))
            })
        },
    },
    // A @ (B @ C) = (A @ B) @ C, the same law the other way.
    Rule {
        name: "dot/reassociate-left",
        fast_math: true,
        apply: |eg, n| {
            let Node::Op { prim, args } = n else { return None };
            let (nb, a, q) = matrix_dot(eg, prim, args)?;
            each(ops(eg, q, is_dot), |(inner, bc)| {
                let (nb2, b, cm) = matrix_dot(eg, inner, bc)?;
                let b_rank = shape_of(eg, b)?.len();
                if nb2 != nb || b_rank < nb + 2 || !same_flavour(prim, inner) {
                    return None;
                }
                let a_rank = shape_of(eg, a)?.len();
                let ab = Target::Op(with_dims(prim, nb, a_rank)?, vec![c(a), c(b)]);
                // A @ B keeps the batch, A's free and B's free dimensions.
                let ab_rank = a_rank + b_rank - nb - 2;
                Some(Target::Op(with_dims(prim, nb, ab_rank)?, vec![ab, c(cm)]))
            })
        },
    },
    // A @ x + A @ y = A @ (x + y) and x @ B + y @ B = (x + y) @ B, for any
    // two dots with the same dimension numbers: one dot instead of two.
    Rule {
        name: "dot/factor",
        fast_math: true,
        apply: |eg, n| {
            let [l, r] = args_of(n, &Primitive::Binary(jaxr_dialect::BinaryOp::Add))? else { return None };
            let pairs =
                ops(eg, *l, is_dot).flat_map(|left| ops(eg, *r, is_dot).map(move |right| (left, right)));
            each(pairs, |((p1, a1), (p2, a2))| {
                if p1 != p2 {
                    return None;
                }
                let ([x1, y1], [x2, y2]) = (a1, a2) else { return None };
                let add = |u: egg::Id, v: egg::Id| {
                    Target::Op(Primitive::Binary(jaxr_dialect::BinaryOp::Add), vec![c(u), c(v)])
                };
                if eg.find(*x1) == eg.find(*x2) {
                    Some(Target::Op(p1.clone(), vec![c(*x1), add(*y1, *y2)]))
                } else if eg.find(*y1) == eg.find(*y2) {
                    Some(Target::Op(p1.clone(), vec![add(*x1, *x2), c(*y1)]))
                } else {
                    None
                }
            })
        },
    },
    // reduce_sum(A @ B) over free dimensions of the result = (A summed over
    // those of its free dimensions) @ (B summed over its): sum_i sum_j
    // sum_k A[i,k] B[k,j] = sum_k (sum_i A[i,k]) (sum_j B[k,j]). Batch
    // dimensions must be kept.
    Rule {
        name: "dot/sum-of-dot",
        fast_math: true,
        apply: |eg, n| {
            let Node::Op { prim: Primitive::Reduce { op: ReduceOp::Sum, axes }, args } = n else {
                return None;
            };
            let [y] = args.as_slice() else { return None };
            each(ops(eg, *y, is_dot), |(dot, ab)| {
                let Primitive::DotGeneral { dims, out, precision, algorithm } = dot else { return None };
                let [a, b] = ab else { return None };
                sum_of_dot(eg, axes, dims, (*a, *b)).map(|(ra, rb, new)| {
                    let reduce = |id: egg::Id, ax: Vec<i64>| {
                        if ax.is_empty() {
                            c(id)
                        } else {
                            Target::Op(Primitive::Reduce { op: ReduceOp::Sum, axes: ax }, vec![c(id)])
                        }
                    };
                    Target::Op(
                        Primitive::DotGeneral {
                            dims: new,
                            out: *out,
                            precision: *precision,
                            algorithm: *algorithm,
                        },
                        vec![reduce(*a, ra), reduce(*b, rb)],
                    )
                })
            })
        },
    },
];

/// For reduce_sum(dot(a, b), axes): the axes to sum of a and of b, and the
/// new dimension numbers; `None` when a batch dimension is summed or no
/// axis is.
fn sum_of_dot(
    eg: &JaxrEGraph,
    axes: &[i64],
    dims: &DotDims,
    (a, b): (egg::Id, egg::Id),
) -> Option<(Vec<i64>, Vec<i64>, DotDims)> {
    let (ar, br) = (shape_of(eg, a)?.len() as i64, shape_of(eg, b)?.len() as i64);
    let free = |rank: i64, contracting: &[i64], batch: &[i64]| -> Vec<i64> {
        (0..rank).filter(|d| !contracting.contains(d) && !batch.contains(d)).collect()
    };
    let a_free = free(ar, &dims.lhs_contracting, &dims.lhs_batch);
    let b_free = free(br, &dims.rhs_contracting, &dims.rhs_batch);
    let nb = dims.lhs_batch.len() as i64;
    if axes.is_empty() || axes.iter().any(|ax| *ax < nb) {
        return None;
    }
    let mut ra = Vec::new();
    let mut rb = Vec::new();
    for ax in axes {
        let i = usize::try_from(ax - nb).ok()?;
        match a_free.get(i) {
            Some(d) => ra.push(*d),
            None => rb.push(*b_free.get(i - a_free.len())?),
        }
    }
    ra.sort_unstable();
    rb.sort_unstable();
    // Each kept dimension moves down by the number of summed ones below it.
    let shift = |v: &[i64], gone: &[i64]| -> Vec<i64> {
        v.iter().map(|d| d - gone.iter().filter(|g| *g < d).count() as i64).collect()
    };
    let new = DotDims {
        lhs_contracting: shift(&dims.lhs_contracting, &ra),
        rhs_contracting: shift(&dims.rhs_contracting, &rb),
        lhs_batch: shift(&dims.lhs_batch, &ra),
        rhs_batch: shift(&dims.rhs_batch, &rb),
    };
    Some((ra, rb, new))
}

#[cfg(test)]
mod tests {
    use jaxr_dialect::{BinaryOp, ElemType, TensorType};

    use super::*;
    use crate::rules::{RuleConfig, GROUPS};
    use crate::saturate::{analysis_for, saturate, Limits};

    fn fast() -> RuleConfig {
        RuleConfig { groups: GROUPS.iter().map(|g| g.to_string()).collect(), fast_math: true }
    }

    fn arg(eg: &mut JaxrEGraph, i: usize, shape: &[i64]) -> egg::Id {
        eg.add(Node::Arg { index: i, ty: TensorType::new(shape.to_vec(), ElemType::F32) })
    }

    fn matmul(eg: &mut JaxrEGraph, a: egg::Id, b: egg::Id) -> egg::Id {
        let rank = eg[a].data.ty.as_ref().unwrap().shape.len();
        let prim = Primitive::DotGeneral {
            dims: matrix_dims(0, rank),
            out: ElemType::F32,
            precision: Default::default(),
            algorithm: None,
        };
        eg.add(Node::Op { prim, args: vec![a, b] })
    }

    /// The extracted program as text, and its DAG cost.
    fn best(eg: JaxrEGraph, root: egg::Id, config: &RuleConfig) -> (String, f64) {
        let out = saturate(eg, &[root], config, Limits::default());
        let ex = out.extracted.expect("extracts");
        (ex.expr.to_string(), ex.cost)
    }

    #[test]
    fn a_matrix_chain_is_evaluated_in_its_cheapest_order() {
        let mut eg = JaxrEGraph::new(analysis_for(&fast()));
        let a = arg(&mut eg, 0, &[256, 256]);
        let b = arg(&mut eg, 1, &[256, 256]);
        let v = arg(&mut eg, 2, &[256]);
        let ab = matmul(&mut eg, a, b);
        let abv = matmul(&mut eg, ab, v);
        let (text, cost) = best(eg.clone(), abv, &fast());
        assert_eq!(text, "(dot_general arg0 (dot_general arg1 arg2))");
        // 2n^2 + 2n^2 multiply-adds instead of 2n^3 + 2n^2.
        assert!(cost < 300_000.0, "{cost}");
        // Exact laws keep the program's order.
        let (text, _) = best(eg, abv, &RuleConfig::exact());
        assert_eq!(text, "(dot_general (dot_general arg0 arg1) arg2)");
    }

    #[test]
    fn a_low_rank_product_is_applied_factor_by_factor() {
        // (u @ w) @ x with u: n x r, w: r x n, x: n x n.
        let mut eg = JaxrEGraph::new(analysis_for(&fast()));
        let u = arg(&mut eg, 0, &[128, 4]);
        let w = arg(&mut eg, 1, &[4, 128]);
        let x = arg(&mut eg, 2, &[128, 128]);
        let uw = matmul(&mut eg, u, w);
        let root = matmul(&mut eg, uw, x);
        assert_eq!(best(eg, root, &fast()).0, "(dot_general arg0 (dot_general arg1 arg2))");
    }

    #[test]
    fn shared_operands_of_a_sum_of_dots_are_factored_out() {
        let mut eg = JaxrEGraph::new(analysis_for(&fast()));
        let a = arg(&mut eg, 0, &[64, 64]);
        let x = arg(&mut eg, 1, &[64]);
        let y = arg(&mut eg, 2, &[64]);
        let ax = matmul(&mut eg, a, x);
        let ay = matmul(&mut eg, a, y);
        let sum =
            eg.add(Node::Op { prim: Primitive::Binary(jaxr_dialect::BinaryOp::Add), args: vec![ax, ay] });
        assert_eq!(best(eg, sum, &fast()).0, "(dot_general arg0 (add arg1 arg2))");
    }

    #[test]
    fn the_sum_of_a_product_is_a_product_of_sums() {
        let mut eg = JaxrEGraph::new(analysis_for(&fast()));
        let a = arg(&mut eg, 0, &[64, 32]);
        let b = arg(&mut eg, 1, &[32, 48]);
        let ab = matmul(&mut eg, a, b);
        let sum = eg.add(Node::Op {
            prim: Primitive::Reduce { op: ReduceOp::Sum, axes: vec![0, 1] },
            args: vec![ab],
        });
        let (text, _) = best(eg, sum, &fast());
        assert_eq!(text, "(dot_general (reduce_sum arg0) (reduce_sum arg1))");
    }

    fn broadcast(eg: &mut JaxrEGraph, x: egg::Id, shape: &[i64], dims: &[i64]) -> egg::Id {
        let prim = Primitive::BroadcastInDim { shape: shape.to_vec(), dims: dims.to_vec() };
        eg.add(Node::Op { prim, args: vec![x] })
    }

    fn dot_of(text: &str) -> bool {
        text.starts_with("(dot_general") || text.starts_with("(transpose (dot_general")
    }

    /// Sums of products become dots, exactly: a vector-matrix product from
    /// JAX's broadcast-multiply-reduce, in either operand order.
    #[test]
    fn sums_of_broadcast_products_are_dots() {
        for swap in [false, true] {
            let mut eg = JaxrEGraph::new(analysis_for(&RuleConfig::exact()));
            let x = arg(&mut eg, 0, &[5]);
            let y = arg(&mut eg, 1, &[5, 3]);
            let bx = broadcast(&mut eg, x, &[5, 3], &[0]);
            let (l, r) = if swap { (y, bx) } else { (bx, y) };
            let m = eg.add(Node::Op { prim: Primitive::Binary(BinaryOp::Mul), args: vec![l, r] });
            let s = eg.add(Node::Op {
                prim: Primitive::Reduce { op: ReduceOp::Sum, axes: vec![0] },
                args: vec![m],
            });
            // (mul commutes, so either operand order is found.)
            let (text, _) = best(eg, s, &RuleConfig::exact());
            assert!(
                ["(dot_general arg0 arg1)", "(dot_general arg1 arg0)"].contains(&text.as_str()),
                "{text}"
            );
        }
        // An outer product summed over one side's axis: a batch dimension
        // that becomes the other side's free one, in the result's order.
        let mut eg = JaxrEGraph::new(analysis_for(&RuleConfig::exact()));
        let x = arg(&mut eg, 0, &[4, 5]);
        let y = arg(&mut eg, 1, &[5]);
        let by = broadcast(&mut eg, y, &[4, 5], &[1]);
        let m = eg.add(Node::Op { prim: Primitive::Binary(BinaryOp::Mul), args: vec![x, by] });
        let s =
            eg.add(Node::Op { prim: Primitive::Reduce { op: ReduceOp::Sum, axes: vec![1] }, args: vec![m] });
        let (text, _) = best(eg, s, &RuleConfig::exact());
        assert!(dot_of(&text), "{text}");
    }

    #[test]
    fn matrix_form_is_batch_first_lhs_last_rhs_first() {
        assert_eq!(matrix_form(&matrix_dims(0, 2), 2, 2), Some(0));
        assert_eq!(matrix_form(&matrix_dims(1, 3), 3, 3), Some(1));
        let transposed = DotDims { lhs_contracting: vec![1], rhs_contracting: vec![1], ..Default::default() };
        assert_eq!(matrix_form(&transposed, 2, 2), None);
    }
}
