//! exp/log, pow/sqrt and trigonometric identities. None is exact in IEEE
//! arithmetic (XLA's exp, log, sin, cos are not correctly rounded, and the
//! identities fail on overflow), so every law here needs fast-math.

use super::{always, Law, Match, Rule};

fn real(m: &Match) -> bool {
    m.real("?x")
}

fn not_int(m: &Match) -> bool {
    m.elem("?x").is_some_and(|e| !e.is_int())
}

/// The laws of group `exp-log`.
pub const LAWS: &[Law] = &[
    // log(exp(x)) = x: exp overflows for large x. Not for complex x, whose
    // log takes the principal branch (x's imaginary part modulo 2 pi).
    Law { name: "exp-log/log-exp", fast_math: true, lhs: "(log (exp ?x))", rhs: "?x", guard: real },
    // exp(log(x)) = x: NaN for x < 0, rounding otherwise.
    Law { name: "exp-log/exp-log", fast_math: true, lhs: "(exp (log ?x))", rhs: "?x", guard: always },
    // exp(a) * exp(b) = exp(a + b): rounding and overflow differ.
    Law {
        name: "exp-log/exp-mul",
        fast_math: true,
        lhs: "(mul (exp ?a) (exp ?b))",
        rhs: "(exp (add ?a ?b))",
        guard: always,
    },
    // sqrt(x) * sqrt(x) = x for x >= 0 up to rounding.
    Law {
        name: "exp-log/sqrt-sqrt",
        fast_math: true,
        lhs: "(mul (sqrt ?x) (sqrt ?x))",
        rhs: "?x",
        guard: always,
    },
    // square(sqrt(x)) = x for x >= 0 up to rounding.
    Law { name: "exp-log/square-sqrt", fast_math: true, lhs: "(square (sqrt ?x))", rhs: "?x", guard: always },
    // sin(x)^2 + cos(x)^2 = 1 up to rounding.
    Law {
        name: "exp-log/pythagoras",
        fast_math: true,
        lhs: "(add (square (sin ?x)) (square (cos ?x)))",
        rhs: "1",
        guard: always,
    },
    Law {
        name: "exp-log/pythagoras2",
        fast_math: true,
        lhs: "(add (square (cos ?x)) (square (sin ?x)))",
        rhs: "1",
        guard: always,
    },
    // 1 / (1 + exp(-x)) = logistic(x): XLA computes logistic by its own
    // formula, which rounds differently (fast-math).
    Law {
        name: "exp-log/logistic",
        fast_math: true,
        lhs: "(div 1 (add 1 (exp (neg ?x))))",
        rhs: "(logistic ?x)",
        guard: always,
    },
    Law {
        name: "exp-log/logistic2",
        fast_math: true,
        lhs: "(div 1 (add (exp (neg ?x)) 1))",
        rhs: "(logistic ?x)",
        guard: always,
    },
    // pow(x, 1) = x, pow(x, 2) = square(x), pow(x, 0.5) = sqrt(x),
    // pow(x, -1) = 1 / x: XLA's pow is not correctly rounded, and
    // pow(-0, 0.5) = +0 while sqrt(-0) = -0 (pow(-inf, 0.5) = inf, sqrt NaN).
    Law { name: "exp-log/pow-one", fast_math: true, lhs: "(pow ?x 1)", rhs: "?x", guard: always },
    Law { name: "exp-log/pow-two", fast_math: true, lhs: "(pow ?x 2)", rhs: "(square ?x)", guard: always },
    Law { name: "exp-log/pow-half", fast_math: true, lhs: "(pow ?x 0.5)", rhs: "(sqrt ?x)", guard: not_int },
    // An integer power of -1 is not an integer division.
    Law {
        name: "exp-log/pow-minus-one",
        fast_math: true,
        lhs: "(pow ?x -1)",
        rhs: "(div 1 ?x)",
        guard: not_int,
    },
    // rsqrt(x) = 1 / sqrt(x), both ways: rsqrt rounds once, the quotient twice.
    Law {
        name: "exp-log/rsqrt-to-div",
        fast_math: true,
        lhs: "(rsqrt ?x)",
        rhs: "(div 1 (sqrt ?x))",
        guard: always,
    },
    Law {
        name: "exp-log/div-to-rsqrt",
        fast_math: true,
        lhs: "(div 1 (sqrt ?x))",
        rhs: "(rsqrt ?x)",
        guard: always,
    },
];

/// The rules of group `exp-log`: all of them are laws.
pub const RULES: &[Rule] = &[];
