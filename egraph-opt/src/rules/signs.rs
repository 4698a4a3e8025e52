//! Sign and abs laws.

use jaxr_dialect::Primitive;

use super::{always, args_of, Law, Match, Rule, Target};

fn real(m: &Match) -> bool {
    m.real("?x")
}

fn float(m: &Match) -> bool {
    m.elem("?x").is_some_and(|e| e.is_float())
}

/// The laws of group `signs`.
pub const LAWS: &[Law] = &[
    // neg(neg(x)) = x: negation flips the sign bit; twice restores it
    // (two's complement negation is an involution too, MIN included).
    Law { name: "signs/neg-neg", fast_math: false, lhs: "(neg (neg ?x))", rhs: "?x", guard: always },
    // abs(neg(x)) = abs(x): abs clears the sign bit whatever it was
    // (for integers |-x| = |x|, MIN wrapping alike).
    Law { name: "signs/abs-neg", fast_math: false, lhs: "(abs (neg ?x))", rhs: "(abs ?x)", guard: always },
    // abs(abs(x)) = abs(x): idempotent (for integer MIN, abs(MIN) = MIN both
    // ways; for complex x the inner abs is already real and non-negative).
    Law { name: "signs/abs-abs", fast_math: false, lhs: "(abs (abs ?x))", rhs: "(abs ?x)", guard: always },
    // sign(sign(x)) = sign(x): sign maps to {-1, -0, +0, 1, NaN}, all fixed points.
    Law {
        name: "signs/sign-sign",
        fast_math: false,
        lhs: "(sign (sign ?x))",
        rhs: "(sign ?x)",
        guard: always,
    },
    // square(neg(x)) = square(x) and square(abs(x)) = square(x): x*x does
    // not depend on the sign of x. Not for complex x, whose abs is real
    // (|z|^2 is not z^2).
    Law {
        name: "signs/square-neg",
        fast_math: false,
        lhs: "(square (neg ?x))",
        rhs: "(square ?x)",
        guard: always,
    },
    Law {
        name: "signs/square-abs",
        fast_math: false,
        lhs: "(square (abs ?x))",
        rhs: "(square ?x)",
        guard: real,
    },
    // x - (-y) = x + y and x + (-y) = x - y: IEEE 754 defines x - y as
    // x + (-y), and integers wrap alike.
    Law {
        name: "signs/sub-neg",
        fast_math: false,
        lhs: "(sub ?x (neg ?y))",
        rhs: "(add ?x ?y)",
        guard: always,
    },
    Law {
        name: "signs/add-neg",
        fast_math: false,
        lhs: "(add ?x (neg ?y))",
        rhs: "(sub ?x ?y)",
        guard: always,
    },
    Law {
        name: "signs/neg-add",
        fast_math: false,
        lhs: "(add (neg ?y) ?x)",
        rhs: "(sub ?x ?y)",
        guard: always,
    },
    // (-x) * y = -(x * y): rounding to nearest is symmetric about zero, and
    // a product's sign is the xor of its operands' signs (NaN's sign is not
    // observed); integers wrap alike. Not complex: (-a-bi)(c+di) rounds its
    // parts' sums the same, but the signs of zero parts differ.
    Law {
        name: "signs/neg-mul",
        fast_math: false,
        lhs: "(mul (neg ?x) ?y)",
        rhs: "(neg (mul ?x ?y))",
        guard: real,
    },
    Law {
        name: "signs/mul-neg",
        fast_math: false,
        lhs: "(mul ?y (neg ?x))",
        rhs: "(neg (mul ?y ?x))",
        guard: real,
    },
    // (-x) / y = -(x / y) and x / (-y) = -(x / y) for floats (symmetric
    // rounding); not integers, where -MIN wraps (-(-128) / 2 is -64 in i8,
    // -(-128 / 2) is 64).
    Law {
        name: "signs/neg-div",
        fast_math: false,
        lhs: "(div (neg ?x) ?y)",
        rhs: "(neg (div ?x ?y))",
        guard: float,
    },
    Law {
        name: "signs/div-neg",
        fast_math: false,
        lhs: "(div ?x (neg ?y))",
        rhs: "(neg (div ?x ?y))",
        guard: float,
    },
    // -(a - b) = b - a except for a = b (-(+0) = -0, b - a = +0): fast-math.
    Law {
        name: "signs/neg-sub",
        fast_math: true,
        lhs: "(neg (sub ?a ?b))",
        rhs: "(sub ?b ?a)",
        guard: always,
    },
    // sqrt(square(x)) = abs(x) fails on overflow/underflow of x*x and by
    // rounding: fast-math. Not for complex x (the principal root of z^2 is
    // not |z|).
    Law {
        name: "signs/sqrt-square",
        fast_math: true,
        lhs: "(sqrt (square ?x))",
        rhs: "(abs ?x)",
        guard: real,
    },
];

/// The rules of group `signs`.
pub const RULES: &[Rule] = &[
    // integer_pow(x, 1) = x exactly.
    Rule {
        name: "signs/integer-pow-one",
        fast_math: false,
        apply: |_, n| {
            args_of(n, &Primitive::IntegerPow { y: 1 }).and_then(|a| a.first()).map(|x| Target::Class(*x))
        },
    },
];
