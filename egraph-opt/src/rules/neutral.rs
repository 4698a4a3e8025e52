//! Neutral and absorbing elements: `x+0`, `x-0`, `x*1`, `x/1`, `x*-1`,
//! `x*0`, `x-x`, `x/x`, idempotent max/min/and/or, absorption.

use jaxr_dialect::{BinaryOp, Primitive};

use super::{always, args_of, splat, ty, Law, Match, Rule, Target};
use crate::analysis::JaxrEGraph;
use crate::fold::{round_to, subnormal};
use crate::language::Node;

fn inexact(m: &Match) -> bool {
    // Complex values have IEEE parts: they follow the float rules.
    m.inexact("?x")
}

fn exact_type(m: &Match) -> bool {
    m.elem("?x").is_some_and(|e| !e.is_inexact())
}

fn negatable(m: &Match) -> bool {
    m.elem("?x").is_some_and(|e| e.is_float() || e.is_signed_int())
}

/// The laws of group `neutral`.
pub const LAWS: &[Law] = &[
    // x + (-0.0) = x for every IEEE x (including -0.0 and NaN). (x + +0.0 is
    // not x when x = -0.0: see add-pos-zero.)
    Law { name: "neutral/add-neg-zero", fast_math: false, lhs: "(add ?x -0)", rhs: "?x", guard: inexact },
    Law { name: "neutral/neg-zero-add", fast_math: false, lhs: "(add -0 ?x)", rhs: "?x", guard: inexact },
    // Integers: x + 0 = x.
    Law { name: "neutral/add-zero-int", fast_math: false, lhs: "(add ?x 0)", rhs: "?x", guard: exact_type },
    Law { name: "neutral/zero-add-int", fast_math: false, lhs: "(add 0 ?x)", rhs: "?x", guard: exact_type },
    // x + 0.0 = x except for x = -0.0 (-0 + +0 = +0): fast-math only.
    Law { name: "neutral/add-pos-zero", fast_math: true, lhs: "(add ?x 0)", rhs: "?x", guard: always },
    Law { name: "neutral/pos-zero-add", fast_math: true, lhs: "(add 0 ?x)", rhs: "?x", guard: always },
    // x - (+0.0) = x for every IEEE x (-0 - +0 = -0); integers likewise.
    Law { name: "neutral/sub-zero", fast_math: false, lhs: "(sub ?x 0)", rhs: "?x", guard: always },
    // x * 1 = x exactly (IEEE multiplication by one is the identity).
    Law { name: "neutral/mul-one", fast_math: false, lhs: "(mul ?x 1)", rhs: "?x", guard: always },
    Law { name: "neutral/one-mul", fast_math: false, lhs: "(mul 1 ?x)", rhs: "?x", guard: always },
    // x / 1 = x exactly.
    Law { name: "neutral/div-one", fast_math: false, lhs: "(div ?x 1)", rhs: "?x", guard: always },
    // x * -1 = neg(x) exactly: both flip the sign bit only (and wrap alike
    // for signed integers). Not complex: (a+bi)(-1+0i) = -a - 0b + ...,
    // whose zero signs and NaNs differ from negation.
    Law {
        name: "neutral/mul-minus-one",
        fast_math: false,
        lhs: "(mul ?x -1)",
        rhs: "(neg ?x)",
        guard: negatable,
    },
    Law {
        name: "neutral/minus-one-mul",
        fast_math: false,
        lhs: "(mul -1 ?x)",
        rhs: "(neg ?x)",
        guard: negatable,
    },
    // (-0.0) - x = neg(x) exactly: -0 - (+0) = -0 = neg(+0),
    // -0 - (-0) = +0 = neg(-0), and otherwise it is 0 - x, which IEEE
    // rounds symmetrically.
    Law {
        name: "neutral/sub-from-neg-zero",
        fast_math: false,
        lhs: "(sub -0 ?x)",
        rhs: "(neg ?x)",
        guard: inexact,
    },
    // Integers: x * 0 = 0 exactly. Floats: NaN*0 = NaN, inf*0 = NaN and
    // -x*0 = -0, so only with fast-math.
    Law { name: "neutral/mul-zero-int", fast_math: false, lhs: "(mul ?x 0)", rhs: "0", guard: exact_type },
    Law { name: "neutral/zero-mul-int", fast_math: false, lhs: "(mul 0 ?x)", rhs: "0", guard: exact_type },
    Law { name: "neutral/mul-zero-float", fast_math: true, lhs: "(mul ?x 0)", rhs: "0", guard: inexact },
    Law { name: "neutral/zero-mul-float", fast_math: true, lhs: "(mul 0 ?x)", rhs: "0", guard: inexact },
    Law { name: "neutral/mul-neg-zero", fast_math: true, lhs: "(mul ?x -0)", rhs: "0", guard: inexact },
    Law { name: "neutral/neg-zero-mul", fast_math: true, lhs: "(mul -0 ?x)", rhs: "0", guard: inexact },
    // Integers: x - x = 0 exactly. Floats: inf - inf = NaN: fast-math.
    Law { name: "neutral/sub-self-int", fast_math: false, lhs: "(sub ?x ?x)", rhs: "0", guard: exact_type },
    Law { name: "neutral/sub-self-float", fast_math: true, lhs: "(sub ?x ?x)", rhs: "0", guard: inexact },
    // x / x = 1 only for finite non-zero x: fast-math (floats only; integer
    // 0/0 is undefined).
    Law { name: "neutral/div-self", fast_math: true, lhs: "(div ?x ?x)", rhs: "1", guard: inexact },
    // max(x, x) = min(x, x) = and(x, x) = or(x, x) = x exactly (NaN too).
    Law { name: "neutral/max-self", fast_math: false, lhs: "(max ?x ?x)", rhs: "?x", guard: always },
    Law { name: "neutral/min-self", fast_math: false, lhs: "(min ?x ?x)", rhs: "?x", guard: always },
    Law { name: "neutral/and-self", fast_math: false, lhs: "(and ?x ?x)", rhs: "?x", guard: always },
    Law { name: "neutral/or-self", fast_math: false, lhs: "(or ?x ?x)", rhs: "?x", guard: always },
    // min(x, max(x, y)) = x and max(x, min(x, y)) = x fail when y is NaN
    // (max/min propagate NaN): fast-math.
    Law {
        name: "neutral/min-max-absorb",
        fast_math: true,
        lhs: "(min ?x (max ?x ?y))",
        rhs: "?x",
        guard: always,
    },
    Law {
        name: "neutral/min-max-absorb2",
        fast_math: true,
        lhs: "(min ?x (max ?y ?x))",
        rhs: "?x",
        guard: always,
    },
    Law {
        name: "neutral/max-min-absorb",
        fast_math: true,
        lhs: "(max ?x (min ?x ?y))",
        rhs: "?x",
        guard: always,
    },
    Law {
        name: "neutral/max-min-absorb2",
        fast_math: true,
        lhs: "(max ?x (min ?y ?x))",
        rhs: "?x",
        guard: always,
    },
    // (x + y) - y = x fails for rounding and infinities: fast-math.
    Law {
        name: "neutral/add-sub-cancel",
        fast_math: true,
        lhs: "(sub (add ?x ?y) ?y)",
        rhs: "?x",
        guard: always,
    },
    Law {
        name: "neutral/add-sub-cancel2",
        fast_math: true,
        lhs: "(sub (add ?y ?x) ?y)",
        rhs: "?x",
        guard: always,
    },
];

/// x / c as x * (1/c), when 1/c is exactly a value of the element type
/// (or, with `fast`, whenever c is a finite non-zero float).
fn div_by_constant(eg: &JaxrEGraph, n: &Node, fast: bool) -> Option<Target> {
    let [x, k] = args_of(n, &Primitive::Binary(BinaryOp::Div))? else { return None };
    let t = ty(eg, *k)?;
    let c = splat(eg, *k)?;
    if !t.elem.is_standard_float() || c == 0.0 || !c.is_finite() {
        return None;
    }
    let inv = round_to(t.elem, 1.0 / c)?;
    // 1/c is exact when c is a power of two whose reciprocal is normal;
    // then x / c and x * (1/c) are the same real number rounded once.
    // (c is a normal f64 whatever its type, so a zero f64 significand means
    // a power of two.)
    let power_of_two = c.to_bits() & ((1u64 << 52) - 1) == 0;
    let exact = power_of_two && inv != 0.0 && inv.is_finite() && !subnormal(t.elem, inv);
    if exact == fast {
        return None;
    }
    Some(Target::Op(Primitive::Binary(BinaryOp::Mul), vec![Target::Class(*x), Target::Splat(t.clone(), inv)]))
}

/// The rules of group `neutral`.
pub const RULES: &[Rule] = &[
    // x / 2^k = x * 2^-k exactly when 2^-k is a normal value of the type.
    Rule { name: "neutral/div-power-of-two", fast_math: false, apply: |eg, n| div_by_constant(eg, n, false) },
    // x / c = x * (1/c) otherwise rounds twice: fast-math.
    Rule { name: "neutral/div-constant", fast_math: true, apply: |eg, n| div_by_constant(eg, n, true) },
];
