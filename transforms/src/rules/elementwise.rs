//! Elementwise ops: JVP and VJP per operand as egg patterns. The formulas
//! are JAX's (jax/_src/lax/lax.py), so that gradients agree with JAX's in
//! value and in special cases (ties of max/min, pow at zero, abs at zero).

use super::{DerivRule, Derivative::*};

// One-element tables need 'static storage; these macros build them.
macro_rules! one {
    ($op:literal, $jvp:literal, $vjp:literal) => {
        DerivRule { op: $op, derivative: Elementwise(&[Some(($jvp, $vjp))]) }
    };
}
macro_rules! two {
    ($op:literal, ($j0:literal, $v0:literal), ($j1:literal, $v1:literal)) => {
        DerivRule { op: $op, derivative: Elementwise(&[Some(($j0, $v0)), Some(($j1, $v1))]) }
    };
}

pub(super) const RULES: &[DerivRule] = &[
    one!("neg", "(neg ?t)", "(neg ?g)"),
    // abs: in complex.rs (its complex form is not elementwise in ?t).
    one!("exp", "(mul ?t ?y)", "(mul ?g ?y)"),
    one!("exp2", "(mul ?t (mul ?y 0.6931471805599453))", "(mul ?g (mul ?y 0.6931471805599453))"),
    one!("log", "(div ?t ?x0)", "(div ?g ?x0)"),
    one!("log1p", "(div ?t (add ?x0 1))", "(div ?g (add ?x0 1))"),
    one!("expm1", "(mul ?t (add ?y 1))", "(mul ?g (add ?y 1))"),
    one!("sqrt", "(div ?t (mul ?y 2))", "(div ?g (mul ?y 2))"),
    one!("rsqrt", "(mul ?t (mul (div ?y ?x0) -0.5))", "(mul ?g (mul (div ?y ?x0) -0.5))"),
    one!(
        "cbrt",
        "(mul ?t (div 0.3333333333333333 (square ?y)))",
        "(mul ?g (div 0.3333333333333333 (square ?y)))"
    ),
    one!("sin", "(mul ?t (cos ?x0))", "(mul ?g (cos ?x0))"),
    one!("cos", "(neg (mul ?t (sin ?x0)))", "(neg (mul ?g (sin ?x0)))"),
    one!("tan", "(mul ?t (add 1 (square ?y)))", "(mul ?g (add 1 (square ?y)))"),
    // 1 / (1 + x^2).
    one!("atan", "(div ?t (add 1 (square ?x0)))", "(div ?g (add 1 (square ?x0)))"),
    one!("tanh", "(mul (add ?t (mul ?t ?y)) (sub 1 ?y))", "(mul (add ?g (mul ?g ?y)) (sub 1 ?y))"),
    one!("logistic", "(mul ?t (mul ?y (sub 1 ?y)))", "(mul ?g (mul ?y (sub 1 ?y)))"),
    one!("square", "(mul ?t (mul ?x0 2))", "(mul ?g (mul ?x0 2))"),
    // 2/sqrt(pi) exp(-x^2).
    one!(
        "erf",
        "(mul ?t (mul 1.1283791670955126 (exp (neg (square ?x0)))))",
        "(mul ?g (mul 1.1283791670955126 (exp (neg (square ?x0)))))"
    ),
    one!(
        "erfc",
        "(mul ?t (mul -1.1283791670955126 (exp (neg (square ?x0)))))",
        "(mul ?g (mul -1.1283791670955126 (exp (neg (square ?x0)))))"
    ),
    // sqrt(pi)/2 exp(y^2).
    one!(
        "erf_inv",
        "(mul ?t (mul 0.886226925452758 (exp (square ?y))))",
        "(mul ?g (mul 0.886226925452758 (exp (square ?y))))"
    ),
    two!("add", ("?t", "?g"), ("?t", "?g")),
    two!("sub", ("?t", "?g"), ("(neg ?t)", "(neg ?g)")),
    two!("mul", ("(mul ?t ?x1)", "(mul ?g ?x1)"), ("(mul ?x0 ?t)", "(mul ?x0 ?g)")),
    two!(
        "div",
        ("(div ?t ?x1)", "(div ?g ?x1)"),
        ("(div (mul (neg ?t) ?x0) (square ?x1))", "(div (mul (neg ?g) ?x0) (square ?x1))")
    ),
    // rem(x, y) = x - y * trunc(x / y).
    two!(
        "rem",
        ("?t", "?g"),
        (
            "(mul (neg ?t) (mul (sign (div ?x0 ?x1)) (floor (abs (div ?x0 ?x1)))))",
            "(mul (neg ?g) (mul (sign (div ?x0 ?x1)) (floor (abs (div ?x0 ?x1)))))"
        )
    ),
    // JAX: y * x^(y-1), and 0 where y == 0; log of x with zeros replaced by 1.
    two!(
        "pow",
        (
            "(mul ?t (select_n (eq ?x1 0) (mul ?x1 (pow ?x0 (sub ?x1 1))) 0))",
            "(mul ?g (select_n (eq ?x1 0) (mul ?x1 (pow ?x0 (sub ?x1 1))) 0))"
        ),
        (
            "(mul ?t (mul (log (select_n (eq ?x0 0) ?x0 1)) ?y))",
            "(mul ?g (mul (log (select_n (eq ?x0 0) ?x0 1)) ?y))"
        )
    ),
    // Ties split the derivative evenly, as JAX's _balanced_eq does.
    two!(
        "max",
        (
            "(mul ?t (select_n (eq ?x0 ?y) 0 (select_n (eq ?x1 ?y) 1 0.5)))",
            "(mul ?g (select_n (eq ?x0 ?y) 0 (select_n (eq ?x1 ?y) 1 0.5)))"
        ),
        (
            "(mul ?t (select_n (eq ?x1 ?y) 0 (select_n (eq ?x0 ?y) 1 0.5)))",
            "(mul ?g (select_n (eq ?x1 ?y) 0 (select_n (eq ?x0 ?y) 1 0.5)))"
        )
    ),
    two!(
        "min",
        (
            "(mul ?t (select_n (eq ?x0 ?y) 0 (select_n (eq ?x1 ?y) 1 0.5)))",
            "(mul ?g (select_n (eq ?x0 ?y) 0 (select_n (eq ?x1 ?y) 1 0.5)))"
        ),
        (
            "(mul ?t (select_n (eq ?x1 ?y) 0 (select_n (eq ?x0 ?y) 1 0.5)))",
            "(mul ?g (select_n (eq ?x1 ?y) 0 (select_n (eq ?x0 ?y) 1 0.5)))"
        )
    ),
    two!(
        "atan2",
        (
            "(div (mul ?t ?x1) (add (square ?x0) (square ?x1)))",
            "(div (mul ?g ?x1) (add (square ?x0) (square ?x1)))"
        ),
        (
            "(div (mul (neg ?t) ?x0) (add (square ?x0) (square ?x1)))",
            "(div (mul (neg ?g) ?x0) (add (square ?x0) (square ?x1)))"
        )
    ),
    DerivRule { op: "sign", derivative: Zero("piecewise constant") },
    DerivRule { op: "floor", derivative: Zero("piecewise constant") },
    DerivRule { op: "ceil", derivative: Zero("piecewise constant") },
    DerivRule { op: "round", derivative: Zero("piecewise constant") },
    DerivRule { op: "is_finite", derivative: Zero("boolean result") },
    DerivRule { op: "compare", derivative: Zero("boolean result") },
    DerivRule { op: "not", derivative: Zero("integer or boolean only") },
    DerivRule { op: "and", derivative: Zero("integer or boolean only") },
    DerivRule { op: "or", derivative: Zero("integer or boolean only") },
    DerivRule { op: "xor", derivative: Zero("integer or boolean only") },
    DerivRule { op: "shift_left", derivative: Zero("integer only") },
    DerivRule { op: "shift_right_logical", derivative: Zero("integer only") },
    DerivRule { op: "shift_right_arithmetic", derivative: Zero("integer only") },
    DerivRule { op: "population_count", derivative: Zero("integer only") },
    DerivRule { op: "clz", derivative: Zero("integer only") },
    DerivRule {
        op: "bitcast_convert_type",
        derivative: Zero("reinterprets bits: not a smooth function of the value"),
    },
    DerivRule { op: "constant", derivative: Zero("no operands") },
    DerivRule { op: "threefry2x32", derivative: Zero("integer bits") },
    DerivRule { op: "iota", derivative: Zero("no operands") },
];
