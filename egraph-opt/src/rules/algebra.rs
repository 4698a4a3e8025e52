//! Algebra: commutativity (exact) and, with fast-math, distribution,
//! cancellation and scaling laws, which are not exact in IEEE 754
//! (rounding differs, and overflow or infinities break them).

use jaxr_dialect::{BinaryOp, Primitive, ReduceOp};

use super::{args_of, find_op, same, splat, ty, Rule, Target};
use crate::analysis::JaxrEGraph;
use crate::fold::round_to;
use crate::language::Node;

const ADD: Primitive = Primitive::Binary(BinaryOp::Add);
const SUB: Primitive = Primitive::Binary(BinaryOp::Sub);
const MUL: Primitive = Primitive::Binary(BinaryOp::Mul);
const DIV: Primitive = Primitive::Binary(BinaryOp::Div);

fn c(id: egg::Id) -> Target {
    Target::Class(id)
}

/// The operand pairs of the `mul` nodes of a class.
fn products(eg: &JaxrEGraph, id: egg::Id) -> Vec<(egg::Id, egg::Id)> {
    eg[id]
        .nodes
        .iter()
        .filter_map(|n| match args_of(n, &MUL)? {
            [a, b] => Some((*a, *b)),
            _ => None,
        })
        .collect()
}

/// The rules of group `algebra`.
pub const RULES: &[Rule] = &[
    // a + b = b + a, a * b = b * a, max and min likewise: IEEE 754 addition,
    // multiplication, maximum and minimum are commutative (a NaN result may
    // carry the other operand's payload, which no jaxr op observes).
    Rule {
        name: "algebra/commute",
        fast_math: false,
        apply: |_, n| match n {
            Node::Op {
                prim: prim @ Primitive::Binary(BinaryOp::Add | BinaryOp::Mul | BinaryOp::Max | BinaryOp::Min),
                args,
            } if args.len() == 2 => Some(Target::Op(prim.clone(), vec![c(args[1]), c(args[0])])),
            _ => None,
        },
    },
    // x*a + x*b = x*(a + b): rounding differs (fast-math).
    Rule {
        name: "algebra/factor",
        fast_math: true,
        apply: |eg, n| {
            let [l, r] = args_of(n, &ADD)? else { return None };
            for (x, a) in products(eg, *l) {
                for (y, b) in products(eg, *r) {
                    if same(eg, x, y) {
                        return Some(Target::Op(MUL, vec![c(x), Target::Op(ADD, vec![c(a), c(b)])]));
                    }
                }
            }
            None
        },
    },
    // x*(a + b) = x*a + x*b: rounding differs (fast-math).
    Rule {
        name: "algebra/expand",
        fast_math: true,
        apply: |eg, n| {
            let [x, s] = args_of(n, &MUL)? else { return None };
            let (_, ab) = find_op(eg, *s, |p| *p == ADD)?;
            let [a, b] = ab else { return None };
            Some(Target::Op(
                ADD,
                vec![Target::Op(MUL, vec![c(*x), c(*a)]), Target::Op(MUL, vec![c(*x), c(*b)])],
            ))
        },
    },
    // (x*y)/x = y: wrong for x = 0 or inf (fast-math).
    Rule {
        name: "algebra/mul-div-cancel",
        fast_math: true,
        apply: |eg, n| {
            let [p, x] = args_of(n, &DIV)? else { return None };
            if !ty(eg, *x)?.elem.is_float() {
                return None;
            }
            products(eg, *p).into_iter().find_map(|(a, b)| {
                if same(eg, a, *x) {
                    Some(c(b))
                } else if same(eg, b, *x) {
                    Some(c(a))
                } else {
                    None
                }
            })
        },
    },
    // k*x - x = (k-1)*x: rounding differs (fast-math).
    Rule {
        name: "algebra/scale-sub",
        fast_math: true,
        apply: |eg, n| {
            let [p, x] = args_of(n, &SUB)? else { return None };
            let t = ty(eg, *x)?.clone();
            products(eg, *p).into_iter().find_map(|(a, b)| {
                let (k, y) = if splat(eg, a).is_some() { (a, b) } else { (b, a) };
                let v = splat(eg, k)?;
                (same(eg, y, *x)).then(|| {
                    Some(Target::Op(MUL, vec![Target::Splat(t.clone(), round_to(t.elem, v - 1.0)?), c(*x)]))
                })?
            })
        },
    },
    // x + x = 2*x: both are the exact double rounded once (and overflow
    // alike), so the law is exact; it only serves to collect like terms,
    // which only fast-math does, so it runs with fast-math (by default it
    // would only trade an add for a multiply by a constant).
    Rule {
        name: "algebra/double",
        fast_math: true,
        apply: |eg, n| {
            let [a, b] = args_of(n, &ADD)? else { return None };
            let t = ty(eg, *a)?.clone();
            if !same(eg, *a, *b) || !t.elem.is_float() {
                return None;
            }
            Some(Target::Op(MUL, vec![c(*a), Target::Splat(t, 2.0)]))
        },
    },
    // x + k*x = (k+1)*x: rounding differs (fast-math).
    Rule {
        name: "algebra/scale-add",
        fast_math: true,
        apply: |eg, n| {
            let [x, p] = args_of(n, &ADD)? else { return None };
            let t = ty(eg, *x)?.clone();
            products(eg, *p).into_iter().find_map(|(a, b)| {
                let (k, y) = if splat(eg, a).is_some() { (a, b) } else { (b, a) };
                let v = splat(eg, k)?;
                (same(eg, y, *x)).then(|| {
                    Some(Target::Op(MUL, vec![c(*x), Target::Splat(t.clone(), round_to(t.elem, v + 1.0)?)]))
                })?
            })
        },
    },
    // reduce_sum(broadcast_in_dim(x)) over exactly the added axes = x * n,
    // n the number of copies: the sum of n copies rounds differently from
    // one product (fast-math).
    Rule {
        name: "algebra/sum-of-broadcast",
        fast_math: true,
        apply: |eg, n| {
            let Node::Op { prim: Primitive::Reduce { op: ReduceOp::Sum, axes }, args } = n else {
                return None;
            };
            let y = *args.first()?;
            eg[y].nodes.iter().find_map(|m| {
                let Node::Op { prim: Primitive::BroadcastInDim { shape, dims }, args } = m else {
                    return None;
                };
                let x = *args.first()?;
                let t = ty(eg, x)?.clone();
                let kept: Vec<i64> = (0..shape.len() as i64).filter(|i| !axes.contains(i)).collect();
                if kept != *dims || !t.elem.is_float() {
                    return None;
                }
                let sizes: Option<Vec<i64>> = axes
                    .iter()
                    .map(|ax| usize::try_from(*ax).ok().and_then(|i| shape.get(i)).copied())
                    .collect();
                let copies = jaxr_dialect::types::element_count(&sizes?)?;
                if copies <= 0 {
                    return None;
                }
                Some(Target::Op(MUL, vec![c(x), Target::Splat(t.clone(), round_to(t.elem, copies as f64)?)]))
            })
        },
    },
];
