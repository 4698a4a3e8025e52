//! Algebra: commutativity (exact) and, with fast-math, distribution,
//! cancellation and scaling laws, which are not exact in IEEE 754
//! (rounding differs, and overflow or infinities break them).

use jaxr_dialect::{BinaryOp, Primitive, ReduceOp};

use super::{always, args_of, each, same, splat, ty, Law, Match, Rule, Target};
use crate::analysis::JaxrEGraph;
use crate::fold::round_to;
use crate::language::Node;

const ADD: Primitive = Primitive::Binary(BinaryOp::Add);
const SUB: Primitive = Primitive::Binary(BinaryOp::Sub);
const MUL: Primitive = Primitive::Binary(BinaryOp::Mul);

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

fn float(m: &Match) -> bool {
    m.elem("?x").is_some_and(|e| e.is_float())
}

/// The laws of group `algebra`.
pub const LAWS: &[Law] = &[
    // a + b = b + a, a * b = b * a, max and min likewise: IEEE 754 addition,
    // multiplication, maximum and minimum are commutative (a NaN result may
    // carry the other operand's payload, which no jaxr op observes).
    Law {
        name: "algebra/commute-add",
        fast_math: false,
        lhs: "(add ?a ?b)",
        rhs: "(add ?b ?a)",
        guard: always,
    },
    Law {
        name: "algebra/commute-mul",
        fast_math: false,
        lhs: "(mul ?a ?b)",
        rhs: "(mul ?b ?a)",
        guard: always,
    },
    Law {
        name: "algebra/commute-max",
        fast_math: false,
        lhs: "(max ?a ?b)",
        rhs: "(max ?b ?a)",
        guard: always,
    },
    Law {
        name: "algebra/commute-min",
        fast_math: false,
        lhs: "(min ?a ?b)",
        rhs: "(min ?b ?a)",
        guard: always,
    },
    // x*a + x*b = x*(a + b): rounding differs (fast-math).
    Law {
        name: "algebra/factor",
        fast_math: true,
        lhs: "(add (mul ?x ?a) (mul ?x ?b))",
        rhs: "(mul ?x (add ?a ?b))",
        guard: always,
    },
    // x*(a + b) = x*a + x*b: rounding differs (fast-math).
    Law {
        name: "algebra/expand",
        fast_math: true,
        lhs: "(mul ?x (add ?a ?b))",
        rhs: "(add (mul ?x ?a) (mul ?x ?b))",
        guard: always,
    },
    // (x*y)/x = y: wrong for x = 0 or inf (fast-math).
    Law {
        name: "algebra/mul-div-cancel",
        fast_math: true,
        lhs: "(div (mul ?x ?y) ?x)",
        rhs: "?y",
        guard: float,
    },
    Law {
        name: "algebra/mul-div-cancel2",
        fast_math: true,
        lhs: "(div (mul ?y ?x) ?x)",
        rhs: "?y",
        guard: float,
    },
    // x + x = 2*x: both are the exact double rounded once (and overflow
    // alike), so the law is exact; it only serves to collect like terms,
    // which only fast-math does, so it runs with fast-math (by default it
    // would only trade an add for a multiply by a constant).
    Law { name: "algebra/double", fast_math: true, lhs: "(add ?x ?x)", rhs: "(mul ?x 2)", guard: float },
    // (x * a) * b = x * (a * b) for constants a and b, whose product folds:
    // one rounding instead of two, and an intermediate overflow may vanish
    // (fast-math). (The same for sums grows without end beside
    // commutativity and the scaling laws, which make ever new constants.)
    Law {
        name: "algebra/scale-scale",
        fast_math: true,
        lhs: "(mul (mul ?x ?a) ?b)",
        rhs: "(mul ?x (mul ?a ?b))",
        guard: constants_ab,
    },
];

fn constants_ab(m: &Match) -> bool {
    float(m) && m.splat("?a").is_some() && m.splat("?b").is_some() && m.splat("?x").is_none()
}

/// The rules of group `algebra`.
pub const RULES: &[Rule] = &[
    // k*x - x = (k-1)*x: rounding differs (fast-math).
    Rule {
        name: "algebra/scale-sub",
        fast_math: true,
        apply: |eg, n| {
            let [p, x] = args_of(n, &SUB)? else { return None };
            let t = ty(eg, *x)?.clone();
            each(products(eg, *p), |(a, b)| {
                let (k, y) = if splat(eg, a).is_some() { (a, b) } else { (b, a) };
                let v = splat(eg, k)?;
                (same(eg, y, *x)).then(|| {
                    Some(Target::Op(MUL, vec![Target::Splat(t.clone(), round_to(t.elem, v - 1.0)?), c(*x)]))
                })?
            })
        },
    },
    // x + k*x = (k+1)*x: rounding differs (fast-math).
    Rule {
        name: "algebra/scale-add",
        fast_math: true,
        apply: |eg, n| {
            let [x, p] = args_of(n, &ADD)? else { return None };
            let t = ty(eg, *x)?.clone();
            each(products(eg, *p), |(a, b)| {
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
            each(&eg[y].nodes, |m| {
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
