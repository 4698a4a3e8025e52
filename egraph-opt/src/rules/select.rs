//! select_n with a constant predicate or identical cases; comparisons of a
//! value with itself where the answer does not depend on NaN.

use jaxr_dialect::Primitive;

use super::{always, args_of, each, elementwise, same, splat, ty, Law, Match, Rule, Target};
use crate::analysis::JaxrEGraph;
use crate::language::Node;

fn boolean(m: &Match) -> bool {
    m.elem("?x") == Some(jaxr_dialect::ElemType::I1)
}

fn unsigned(m: &Match) -> bool {
    m.elem("?x").is_some_and(|e| e.is_unsigned_int())
}

fn real_float(m: &Match) -> bool {
    m.inexact("?x") && m.real("?x")
}

fn exact_type(m: &Match) -> bool {
    m.elem("?x").is_some_and(|e| !e.is_inexact())
}

/// The laws of group `select`.
pub const LAWS: &[Law] = &[
    // x < x and x > x are false for every x, NaN included; for integers
    // x == x, x <= x, x >= x are true and x != x false. (For floats, NaN
    // makes ==, <=, >= false and != true, so those are left alone.)
    Law { name: "select/lt-self", fast_math: false, lhs: "(lt ?x ?x)", rhs: "0", guard: always },
    Law { name: "select/gt-self", fast_math: false, lhs: "(gt ?x ?x)", rhs: "0", guard: always },
    Law { name: "select/ne-self", fast_math: false, lhs: "(ne ?x ?x)", rhs: "0", guard: exact_type },
    Law { name: "select/eq-self", fast_math: false, lhs: "(eq ?x ?x)", rhs: "1", guard: exact_type },
    Law { name: "select/le-self", fast_math: false, lhs: "(le ?x ?x)", rhs: "1", guard: exact_type },
    Law { name: "select/ge-self", fast_math: false, lhs: "(ge ?x ?x)", rhs: "1", guard: exact_type },
    // With fast-math no value is NaN, so floats compare with themselves as
    // integers do.
    Law { name: "select/ne-self-float", fast_math: true, lhs: "(ne ?x ?x)", rhs: "0", guard: real_float },
    Law { name: "select/eq-self-float", fast_math: true, lhs: "(eq ?x ?x)", rhs: "1", guard: real_float },
    Law { name: "select/le-self-float", fast_math: true, lhs: "(le ?x ?x)", rhs: "1", guard: real_float },
    Law { name: "select/ge-self-float", fast_math: true, lhs: "(ge ?x ?x)", rhs: "1", guard: real_float },
    // Integers: not(a < b) = a >= b and likewise for the other orders (a
    // total order). Not floats: a NaN makes both comparisons false. For
    // every type, != is the exact negation of == (IEEE 754 too).
    Law {
        name: "select/not-lt",
        fast_math: false,
        lhs: "(not (lt ?x ?y))",
        rhs: "(ge ?x ?y)",
        guard: exact_type,
    },
    Law {
        name: "select/not-le",
        fast_math: false,
        lhs: "(not (le ?x ?y))",
        rhs: "(gt ?x ?y)",
        guard: exact_type,
    },
    Law {
        name: "select/not-gt",
        fast_math: false,
        lhs: "(not (gt ?x ?y))",
        rhs: "(le ?x ?y)",
        guard: exact_type,
    },
    Law {
        name: "select/not-ge",
        fast_math: false,
        lhs: "(not (ge ?x ?y))",
        rhs: "(lt ?x ?y)",
        guard: exact_type,
    },
    Law {
        name: "select/not-eq",
        fast_math: false,
        lhs: "(not (eq ?x ?y))",
        rhs: "(ne ?x ?y)",
        guard: always,
    },
    Law {
        name: "select/not-ne",
        fast_math: false,
        lhs: "(not (ne ?x ?y))",
        rhs: "(eq ?x ?y)",
        guard: always,
    },
    // Booleans compared with a constant: p != false = p == true = p, and
    // p == false = p != true = not p.
    Law { name: "select/bool-ne-false", fast_math: false, lhs: "(ne ?x 0)", rhs: "?x", guard: boolean },
    Law { name: "select/bool-eq-true", fast_math: false, lhs: "(eq ?x 1)", rhs: "?x", guard: boolean },
    Law { name: "select/bool-eq-false", fast_math: false, lhs: "(eq ?x 0)", rhs: "(not ?x)", guard: boolean },
    Law { name: "select/bool-ne-true", fast_math: false, lhs: "(ne ?x 1)", rhs: "(not ?x)", guard: boolean },
    // Unsigned integers are never below zero.
    Law { name: "select/unsigned-lt-zero", fast_math: false, lhs: "(lt ?x 0)", rhs: "0", guard: unsigned },
    Law { name: "select/unsigned-ge-zero", fast_math: false, lhs: "(ge ?x 0)", rhs: "1", guard: unsigned },
    // select_n(not p, a, b) = select_n(p, b, a) for a boolean p: the cases
    // swap with the predicate.
    Law {
        name: "select/not-predicate",
        fast_math: false,
        lhs: "(select_n (not ?p) ?a ?b)",
        rhs: "(select_n ?p ?b ?a)",
        guard: |m| m.elem("?p") == Some(jaxr_dialect::ElemType::I1),
    },
    // The case select_n picks where a float x is NaN (x != x) may use x
    // itself for arithmetic on x there: NaN + y, y - NaN, NaN * y, ... are
    // NaN whatever y. (NaNs are not told apart by payload or sign; JAX's
    // isnan guards write `where(isnan(x), x + 0, ...)`.)
    Law {
        name: "select/nan-case-add-l",
        fast_math: false,
        lhs: "(select_n (ne ?x ?x) ?b (add ?x ?y))",
        rhs: "(select_n (ne ?x ?x) ?b ?x)",
        guard: real_float,
    },
    Law {
        name: "select/nan-case-add-r",
        fast_math: false,
        lhs: "(select_n (ne ?x ?x) ?b (add ?y ?x))",
        rhs: "(select_n (ne ?x ?x) ?b ?x)",
        guard: real_float,
    },
    Law {
        name: "select/nan-case-sub-l",
        fast_math: false,
        lhs: "(select_n (ne ?x ?x) ?b (sub ?x ?y))",
        rhs: "(select_n (ne ?x ?x) ?b ?x)",
        guard: real_float,
    },
    Law {
        name: "select/nan-case-sub-r",
        fast_math: false,
        lhs: "(select_n (ne ?x ?x) ?b (sub ?y ?x))",
        rhs: "(select_n (ne ?x ?x) ?b ?x)",
        guard: real_float,
    },
    Law {
        name: "select/nan-case-mul-l",
        fast_math: false,
        lhs: "(select_n (ne ?x ?x) ?b (mul ?x ?y))",
        rhs: "(select_n (ne ?x ?x) ?b ?x)",
        guard: real_float,
    },
    Law {
        name: "select/nan-case-mul-r",
        fast_math: false,
        lhs: "(select_n (ne ?x ?x) ?b (mul ?y ?x))",
        rhs: "(select_n (ne ?x ?x) ?b ?x)",
        guard: real_float,
    },
    Law {
        name: "select/nan-case-div-l",
        fast_math: false,
        lhs: "(select_n (ne ?x ?x) ?b (div ?x ?y))",
        rhs: "(select_n (ne ?x ?x) ?b ?x)",
        guard: real_float,
    },
    Law {
        name: "select/nan-case-div-r",
        fast_math: false,
        lhs: "(select_n (ne ?x ?x) ?b (div ?y ?x))",
        rhs: "(select_n (ne ?x ?x) ?b ?x)",
        guard: real_float,
    },
    Law {
        name: "select/nan-case-neg",
        fast_math: false,
        lhs: "(select_n (ne ?x ?x) ?b (neg ?x))",
        rhs: "(select_n (ne ?x ?x) ?b ?x)",
        guard: real_float,
    },
];

/// In `select_n(p, x0, x1)` with a boolean `p`, a case that is an
/// elementwise op of `select_n(p, y0, y1)` (the same `p`) takes the `y` of
/// its own case: where the outer select picks case k, the inner one picks
/// y_k, elementwise. (JAX's "double where", which keeps a NaN out of a
/// gradient: the forward values are the same.)
fn same_predicate_inside(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let [p, x0, x1] = args_of(n, &Primitive::SelectN)? else { return None };
    if ty(eg, *p)?.elem != jaxr_dialect::ElemType::I1 {
        return None;
    }
    let rewritten = |case: egg::Id, k: usize| -> Vec<Target> {
        let mut out = Vec::new();
        for node in &eg[case].nodes {
            let Node::Op { prim, args } = node else { continue };
            if !elementwise(prim) || *prim == Primitive::SelectN {
                continue;
            }
            let mut changed = false;
            let new_args: Vec<Target> = args
                .iter()
                .map(|a| {
                    let inner = eg[*a].nodes.iter().find_map(|m| match args_of(m, &Primitive::SelectN)? {
                        [q, y0, y1] if same(eg, *q, *p) => Some(if k == 0 { *y0 } else { *y1 }),
                        _ => None,
                    });
                    match inner {
                        Some(y) => {
                            changed = true;
                            Target::Class(y)
                        }
                        None => Target::Class(*a),
                    }
                })
                .collect();
            if changed {
                // One rewritten node per case: every node of a large class
                // (fast-math's commuted and distributed forms) paired with
                // every node of the other case's grows without end.
                out.push(Target::Op(prim.clone(), new_args));
                break;
            }
        }
        out
    };
    let zeros = rewritten(*x0, 0);
    let ones = rewritten(*x1, 1);
    let case = |t: Option<&Target>, x: egg::Id| t.cloned().unwrap_or(Target::Class(x));
    let mut found = Vec::new();
    for a in zeros.iter().map(Some).chain([None]) {
        for b in ones.iter().map(Some).chain([None]) {
            if a.is_some() || b.is_some() {
                found.push(Target::Op(
                    Primitive::SelectN,
                    vec![Target::Class(*p), case(a, *x0), case(b, *x1)],
                ));
            }
        }
    }
    each(found, Some)
}

/// `and(p, not(x < c))` = `and(p, x >= c)` (and the other orders) when `p`
/// is an ordered comparison of the same float x with a constant: where x is
/// NaN, `p` is false and so are both sides; elsewhere (c is not NaN either)
/// `not(x < c)` is `x >= c`.
fn ordered_negation(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    use jaxr_dialect::{BinaryOp, ComparisonDirection as D, UnaryOp};
    let [a, b] = args_of(n, &Primitive::Binary(BinaryOp::And))? else { return None };
    let constant = |id: egg::Id| splat(eg, id).is_some_and(|v| !v.is_nan());
    let negated = |d: &D| match d {
        D::Lt => Some(D::Ge),
        D::Le => Some(D::Gt),
        D::Gt => Some(D::Le),
        D::Ge => Some(D::Lt),
        D::Eq | D::Ne => None,
    };
    // Whether class `p` holds `x d k` with d false on NaN and k a constant.
    let excludes_nan = |p: egg::Id, x: egg::Id| {
        eg[p].nodes.iter().any(|m| match m {
            Node::Op { prim: Primitive::Compare(d), args } if *d != D::Ne => {
                matches!(args.as_slice(), [y, k] if same(eg, *y, x) && constant(*k))
            }
            _ => false,
        })
    };
    let mut found = Vec::new();
    for (p, q, p_first) in [(*a, *b, true), (*b, *a, false)] {
        for not in &eg[q].nodes {
            let Some([r]) = args_of(not, &Primitive::Unary(UnaryOp::Not)) else { continue };
            for cmp in &eg[*r].nodes {
                let Node::Op { prim: Primitive::Compare(d), args } = cmp else { continue };
                let ([x, c], Some(neg)) = (args.as_slice(), negated(d)) else { continue };
                if !ty(eg, *x).is_some_and(|t| t.elem.is_standard_float())
                    || !constant(*c)
                    || !excludes_nan(p, *x)
                {
                    continue;
                }
                let flipped = Target::Op(Primitive::Compare(neg), vec![Target::Class(*x), Target::Class(*c)]);
                let pair =
                    if p_first { vec![Target::Class(p), flipped] } else { vec![flipped, Target::Class(p)] };
                found.push(Target::Op(Primitive::Binary(BinaryOp::And), pair));
            }
        }
    }
    each(found, Some)
}

/// The rules of group `select`.
pub const RULES: &[Rule] = &[
    Rule { name: "select/ordered-negation", fast_math: false, apply: ordered_negation },
    Rule { name: "select/same-predicate-inside", fast_math: false, apply: same_predicate_inside },
    // select_n(c, x0, x1, ...) with a splat predicate c picks x_c for every
    // element: exact (no arithmetic happens).
    Rule {
        name: "select/constant-predicate",
        fast_math: false,
        apply: |eg, n| {
            let [p, cases @ ..] = args_of(n, &Primitive::SelectN)? else { return None };
            let c = splat(eg, *p)?;
            if c < 0.0 {
                return None;
            }
            cases.get(c as usize).copied().map(Target::Class)
        },
    },
    // select_n(p, x, x, ...) = x whatever p: exact.
    Rule {
        name: "select/same-cases",
        fast_math: false,
        apply: |eg, n| {
            let [_, first, rest @ ..] = args_of(n, &Primitive::SelectN)? else { return None };
            rest.iter().all(|r| same(eg, *r, *first)).then_some(Target::Class(*first))
        },
    },
];
