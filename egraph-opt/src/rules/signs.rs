//! Sign and abs laws.

use jaxr_dialect::{Primitive, UnaryOp};

use super::{args_of, ty, under, Rule, Target};

const NEG: Primitive = Primitive::Unary(UnaryOp::Neg);
const ABS: Primitive = Primitive::Unary(UnaryOp::Abs);

/// The rules of group `signs`.
pub const RULES: &[Rule] = &[
    // neg(neg(x)) = x: negation flips the sign bit; twice restores it
    // (two's complement negation is an involution too, MIN included).
    Rule {
        name: "signs/neg-neg",
        fast_math: false,
        apply: |eg, n| under(eg, n, &NEG, &NEG).map(Target::Class),
    },
    // abs(neg(x)) = abs(x): abs clears the sign bit whatever it was
    // (for integers |-x| = |x|, MIN wrapping alike).
    Rule {
        name: "signs/abs-neg",
        fast_math: false,
        apply: |eg, n| under(eg, n, &ABS, &NEG).map(|x| Target::Op(ABS, vec![Target::Class(x)])),
    },
    // abs(abs(x)) = abs(x): idempotent (for integer MIN, abs(MIN) = MIN both ways).
    Rule {
        name: "signs/abs-abs",
        fast_math: false,
        apply: |eg, n| under(eg, n, &ABS, &ABS).map(|x| Target::Op(ABS, vec![Target::Class(x)])),
    },
    // sign(sign(x)) = sign(x): sign maps to {-1, -0, +0, 1, NaN}, all fixed points.
    Rule {
        name: "signs/sign-sign",
        fast_math: false,
        apply: |eg, n| {
            let s = Primitive::Unary(UnaryOp::Sign);
            under(eg, n, &s, &s).map(|x| Target::Op(s.clone(), vec![Target::Class(x)]))
        },
    },
    // square(neg(x)) = square(x) and square(abs(x)) = square(x): x*x does
    // not depend on the sign of x. Not for complex x, whose abs is real
    // (|z|^2 is not z^2).
    Rule {
        name: "signs/square-neg",
        fast_math: false,
        apply: |eg, n| {
            let sq = Primitive::Unary(UnaryOp::Square);
            under(eg, n, &sq, &NEG)
                .or_else(|| under(eg, n, &sq, &ABS).filter(|x| is_real(eg, *x)))
                .map(|x| Target::Op(sq.clone(), vec![Target::Class(x)]))
        },
    },
    // sqrt(square(x)) = abs(x) fails on overflow/underflow of x*x and by
    // rounding: fast-math. Not for complex x (the principal root of z^2 is
    // not |z|).
    Rule {
        name: "signs/sqrt-square",
        fast_math: true,
        apply: |eg, n| {
            under(eg, n, &Primitive::Unary(UnaryOp::Sqrt), &Primitive::Unary(UnaryOp::Square))
                .filter(|x| is_real(eg, *x))
                .map(|x| Target::Op(ABS, vec![Target::Class(x)]))
        },
    },
    // abs(x) for x known non-negative is not tracked; integer_pow(x, 1) = x exactly.
    Rule {
        name: "signs/integer-pow-one",
        fast_math: false,
        apply: |_, n| {
            args_of(n, &Primitive::IntegerPow { y: 1 }).and_then(|a| a.first()).map(|x| Target::Class(*x))
        },
    },
];

/// Whether a class holds real (not complex) values.
fn is_real(eg: &crate::analysis::JaxrEGraph, x: egg::Id) -> bool {
    ty(eg, x).is_some_and(|t| !t.elem.is_complex())
}
