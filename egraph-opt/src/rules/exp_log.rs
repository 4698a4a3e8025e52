//! exp/log, pow/sqrt and trigonometric identities. None is exact in IEEE
//! arithmetic (XLA's exp, log, sin, cos are not correctly rounded, and the
//! identities fail on overflow), so every rule here needs fast-math.

use jaxr_dialect::{BinaryOp, Primitive, UnaryOp};

use super::{args_of, find_op, same, ty, under, Rule, Target};

const EXP: Primitive = Primitive::Unary(UnaryOp::Exp);
const LOG: Primitive = Primitive::Unary(UnaryOp::Log);
const SQRT: Primitive = Primitive::Unary(UnaryOp::Sqrt);
const SQUARE: Primitive = Primitive::Unary(UnaryOp::Square);
const RSQRT: Primitive = Primitive::Unary(UnaryOp::Rsqrt);

/// The rules of group `exp-log`.
pub const RULES: &[Rule] = &[
    // log(exp(x)) = x: exp overflows for large x. Not for complex x, whose
    // log takes the principal branch (x's imaginary part modulo 2 pi).
    Rule {
        name: "exp-log/log-exp",
        fast_math: true,
        apply: |eg, n| {
            let x = under(eg, n, &LOG, &EXP)?;
            (!ty(eg, x)?.elem.is_complex()).then_some(Target::Class(x))
        },
    },
    // exp(log(x)) = x: NaN for x < 0, rounding otherwise.
    Rule {
        name: "exp-log/exp-log",
        fast_math: true,
        apply: |eg, n| under(eg, n, &EXP, &LOG).map(Target::Class),
    },
    // exp(a) * exp(b) = exp(a + b): rounding and overflow differ.
    Rule {
        name: "exp-log/exp-mul",
        fast_math: true,
        apply: |eg, n| {
            let [a, b] = args_of(n, &Primitive::Binary(BinaryOp::Mul))? else { return None };
            let x = find_op(eg, *a, |p| *p == EXP)?.1.first().copied()?;
            let y = find_op(eg, *b, |p| *p == EXP)?.1.first().copied()?;
            Some(Target::Op(
                EXP,
                vec![Target::Op(Primitive::Binary(BinaryOp::Add), vec![Target::Class(x), Target::Class(y)])],
            ))
        },
    },
    // sqrt(x) * sqrt(x) = x for x >= 0 up to rounding.
    Rule {
        name: "exp-log/sqrt-sqrt",
        fast_math: true,
        apply: |eg, n| {
            let [a, b] = args_of(n, &Primitive::Binary(BinaryOp::Mul))? else { return None };
            if !same(eg, *a, *b) {
                return None;
            }
            find_op(eg, *a, |p| *p == SQRT)?.1.first().copied().map(Target::Class)
        },
    },
    // square(sqrt(x)) = x for x >= 0 up to rounding.
    Rule {
        name: "exp-log/square-sqrt",
        fast_math: true,
        apply: |eg, n| under(eg, n, &SQUARE, &SQRT).map(Target::Class),
    },
    // sin(x)^2 + cos(x)^2 = 1 up to rounding.
    Rule {
        name: "exp-log/pythagoras",
        fast_math: true,
        apply: |eg, n| {
            let [a, b] = args_of(n, &Primitive::Binary(BinaryOp::Add))? else { return None };
            let trig = |id: egg::Id, u: UnaryOp| {
                let s = find_op(eg, id, |p| *p == SQUARE)?.1.first().copied()?;
                find_op(eg, s, |p| *p == Primitive::Unary(u))?.1.first().copied()
            };
            let hit = |s, c| match (trig(s, UnaryOp::Sin), trig(c, UnaryOp::Cos)) {
                (Some(x), Some(y)) => same(eg, x, y),
                _ => false,
            };
            let t = ty(eg, *a)?.clone();
            (hit(*a, *b) || hit(*b, *a)).then_some(Target::Splat(t, 1.0))
        },
    },
    // 1 / (1 + exp(-x)) = logistic(x): XLA computes logistic by its own
    // formula, which rounds differently (fast-math).
    Rule {
        name: "exp-log/logistic",
        fast_math: true,
        apply: |eg, n| {
            let [one, d] = args_of(n, &Primitive::Binary(BinaryOp::Div))? else { return None };
            if !super::is_splat(eg, *one, 1.0) {
                return None;
            }
            eg[*d].nodes.iter().find_map(|m| {
                let [a, b] = args_of(m, &Primitive::Binary(BinaryOp::Add))? else { return None };
                let e = if super::is_splat(eg, *a, 1.0) {
                    *b
                } else if super::is_splat(eg, *b, 1.0) {
                    *a
                } else {
                    return None;
                };
                let negx = find_op(eg, e, |p| *p == EXP)?.1.first().copied()?;
                let x = find_op(eg, negx, |p| *p == Primitive::Unary(UnaryOp::Neg))?.1.first().copied()?;
                Some(Target::Op(Primitive::Unary(UnaryOp::Logistic), vec![Target::Class(x)]))
            })
        },
    },
    // pow(x, 1) = x, pow(x, 2) = square(x), pow(x, 0.5) = sqrt(x),
    // pow(x, -1) = 1 / x: XLA's pow is not correctly rounded, and
    // pow(-0, 0.5) = +0 while sqrt(-0) = -0 (pow(-inf, 0.5) = inf, sqrt NaN).
    Rule {
        name: "exp-log/pow-constant",
        fast_math: true,
        apply: |eg, n| {
            let [x, y] = args_of(n, &Primitive::Binary(BinaryOp::Pow))? else { return None };
            let e = super::splat(eg, *y)?;
            let x = Target::Class(*x);
            if e == 1.0 {
                Some(x)
            } else if e == 2.0 {
                Some(Target::Op(SQUARE, vec![x]))
            } else if e == 0.5 {
                Some(Target::Op(SQRT, vec![x]))
            } else if e == -1.0 {
                // An integer power of -1 is not an integer division.
                let t = ty(eg, *y)?.clone();
                if t.elem.is_int() {
                    return None;
                }
                Some(Target::Op(Primitive::Binary(BinaryOp::Div), vec![Target::Splat(t, 1.0), x]))
            } else {
                None
            }
        },
    },
    // rsqrt(x) = 1 / sqrt(x), both ways: rsqrt rounds once, the quotient twice.
    Rule {
        name: "exp-log/rsqrt-to-div",
        fast_math: true,
        apply: |eg, n| {
            let [x] = args_of(n, &RSQRT)? else { return None };
            let t = ty(eg, *x)?.clone();
            Some(Target::Op(
                Primitive::Binary(BinaryOp::Div),
                vec![Target::Splat(t, 1.0), Target::Op(SQRT, vec![Target::Class(*x)])],
            ))
        },
    },
    Rule {
        name: "exp-log/div-to-rsqrt",
        fast_math: true,
        apply: |eg, n| {
            let [one, d] = args_of(n, &Primitive::Binary(BinaryOp::Div))? else { return None };
            if !super::is_splat(eg, *one, 1.0) {
                return None;
            }
            find_op(eg, *d, |p| *p == SQRT)?.1.first().map(|x| Target::Op(RSQRT, vec![Target::Class(*x)]))
        },
    },
];
