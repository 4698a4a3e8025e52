//! select_n with a constant predicate or identical cases; comparisons of a
//! value with itself where the answer does not depend on NaN.

use jaxr_dialect::Primitive;

use super::{always, args_of, same, splat, Law, Match, Rule, Target};

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
    // select_n(not p, a, b) = select_n(p, b, a) for a boolean p: the cases
    // swap with the predicate.
    Law {
        name: "select/not-predicate",
        fast_math: false,
        lhs: "(select_n (not ?p) ?a ?b)",
        rhs: "(select_n ?p ?b ?a)",
        guard: |m| m.elem("?p") == Some(jaxr_dialect::ElemType::I1),
    },
];

/// The rules of group `select`.
pub const RULES: &[Rule] = &[
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
