//! select_n with a constant predicate or identical cases; comparisons of a
//! value with itself where the answer does not depend on NaN.

use jaxr_dialect::{ComparisonDirection, ElemType, Primitive};

use super::{args_of, same, splat, ty, Rule, Target};

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
    // x < x and x > x are false for every x, NaN included; for integers
    // x == x, x <= x, x >= x are true and x != x false. (For floats, NaN
    // makes ==, <=, >= false and != true, so those are left alone.)
    Rule {
        name: "select/compare-self",
        fast_math: false,
        apply: |eg, n| {
            let (d, args) = match n {
                crate::language::Node::Op { prim: Primitive::Compare(d), args } => (*d, args),
                _ => return None,
            };
            let [a, b] = args.as_slice() else { return None };
            if !same(eg, *a, *b) {
                return None;
            }
            let t = ty(eg, *a)?;
            let v = match d {
                ComparisonDirection::Lt | ComparisonDirection::Gt => false,
                _ if t.elem.is_inexact() => return None,
                ComparisonDirection::Ne => false,
                _ => true,
            };
            Some(Target::Splat(t.with_elem(ElemType::I1), if v { 1.0 } else { 0.0 }))
        },
    },
];
