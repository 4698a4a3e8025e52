//! Neutral and absorbing elements: `x+0`, `x-0`, `x*1`, `x/1`, `x*-1`,
//! `x*0`, `x-x`, `x/x`, idempotent max/min/and/or.

use jaxr_dialect::{BinaryOp, Primitive, UnaryOp};

use super::{args_of, is_splat, same, splat, ty, Rule, Target};
use crate::analysis::JaxrEGraph;
use crate::language::Node;

const ADD: Primitive = Primitive::Binary(BinaryOp::Add);
const SUB: Primitive = Primitive::Binary(BinaryOp::Sub);
const MUL: Primitive = Primitive::Binary(BinaryOp::Mul);
const DIV: Primitive = Primitive::Binary(BinaryOp::Div);

fn is_inexact(eg: &JaxrEGraph, id: egg::Id) -> bool {
    // Complex values have IEEE parts: they follow the float rules.
    ty(eg, id).is_some_and(|t| t.elem.is_inexact())
}

/// The other operand when one operand of a commutative op is a splat with
/// value `v` (bitwise).
fn other_than(eg: &JaxrEGraph, args: &[egg::Id], v: f64) -> Option<egg::Id> {
    match args {
        [a, b] if is_splat(eg, *b, v) => Some(*a),
        [a, b] if is_splat(eg, *a, v) => Some(*b),
        _ => None,
    }
}

/// The rules of group `neutral`.
pub const RULES: &[Rule] = &[
    // x + (-0.0) = x for every IEEE x (including -0.0 and NaN); for
    // integers x + 0 = x. (x + +0.0 is not x when x = -0.0: see add-pos-zero.)
    Rule {
        name: "neutral/add-zero",
        fast_math: false,
        apply: |eg, n| {
            let args = args_of(n, &ADD)?;
            let x = other_than(eg, args, -0.0).filter(|x| is_inexact(eg, *x));
            x.or_else(|| other_than(eg, args, 0.0).filter(|x| !is_inexact(eg, *x))).map(Target::Class)
        },
    },
    // x + 0.0 = x except for x = -0.0 (-0 + +0 = +0): fast-math only.
    Rule {
        name: "neutral/add-pos-zero",
        fast_math: true,
        apply: |eg, n| other_than(eg, args_of(n, &ADD)?, 0.0).map(Target::Class),
    },
    // x - (+0.0) = x for every IEEE x (-0 - +0 = -0); integers likewise.
    Rule {
        name: "neutral/sub-zero",
        fast_math: false,
        apply: |eg, n| match args_of(n, &SUB)? {
            [x, z] if is_splat(eg, *z, 0.0) => Some(Target::Class(*x)),
            _ => None,
        },
    },
    // x * 1 = x exactly (IEEE multiplication by one is the identity).
    Rule {
        name: "neutral/mul-one",
        fast_math: false,
        apply: |eg, n| other_than(eg, args_of(n, &MUL)?, 1.0).map(Target::Class),
    },
    // x / 1 = x exactly.
    Rule {
        name: "neutral/div-one",
        fast_math: false,
        apply: |eg, n| match args_of(n, &DIV)? {
            [x, one] if is_splat(eg, *one, 1.0) => Some(Target::Class(*x)),
            _ => None,
        },
    },
    // x * -1 = neg(x) exactly: both flip the sign bit only (and wrap alike
    // for signed integers).
    Rule {
        name: "neutral/mul-minus-one",
        fast_math: false,
        apply: |eg, n| {
            let x = other_than(eg, args_of(n, &MUL)?, -1.0)?;
            let t = ty(eg, x)?;
            (t.elem.is_float() || t.elem.is_signed_int())
                .then(|| Target::Op(Primitive::Unary(UnaryOp::Neg), vec![Target::Class(x)]))
        },
    },
    // Integers: x * 0 = 0 exactly. Floats: NaN*0 = NaN, inf*0 = NaN and
    // -x*0 = -0, so only with fast-math (next rule).
    Rule {
        name: "neutral/mul-zero-int",
        fast_math: false,
        apply: |eg, n| {
            let x = other_than(eg, args_of(n, &MUL)?, 0.0)?;
            let t = ty(eg, x)?;
            (!t.elem.is_inexact()).then(|| Target::Splat(t.clone(), 0.0))
        },
    },
    // x * 0.0 = 0.0 for finite non-negative x only: fast-math.
    Rule {
        name: "neutral/mul-zero-float",
        fast_math: true,
        apply: |eg, n| {
            let x =
                other_than(eg, args_of(n, &MUL)?, 0.0).or_else(|| other_than(eg, args_of(n, &MUL)?, -0.0))?;
            Some(Target::Splat(ty(eg, x)?.clone(), 0.0))
        },
    },
    // Integers: x - x = 0 exactly. Floats: inf - inf = NaN: fast-math.
    Rule {
        name: "neutral/sub-self-int",
        fast_math: false,
        apply: |eg, n| match args_of(n, &SUB)? {
            [a, b] if same(eg, *a, *b) && !is_inexact(eg, *a) => {
                Some(Target::Splat(ty(eg, *a)?.clone(), 0.0))
            }
            _ => None,
        },
    },
    // x - x = 0 for finite x only: fast-math.
    Rule {
        name: "neutral/sub-self-float",
        fast_math: true,
        apply: |eg, n| match args_of(n, &SUB)? {
            [a, b] if same(eg, *a, *b) => Some(Target::Splat(ty(eg, *a)?.clone(), 0.0)),
            _ => None,
        },
    },
    // x / x = 1 only for finite non-zero x: fast-math (floats only; integer
    // 0/0 is undefined).
    Rule {
        name: "neutral/div-self",
        fast_math: true,
        apply: |eg, n| match args_of(n, &DIV)? {
            [a, b] if same(eg, *a, *b) && is_inexact(eg, *a) => Some(Target::Splat(ty(eg, *a)?.clone(), 1.0)),
            _ => None,
        },
    },
    // max(x, x) = min(x, x) = and(x, x) = or(x, x) = x exactly (NaN too).
    Rule {
        name: "neutral/idempotent",
        fast_math: false,
        apply: |eg, n| match n {
            Node::Op {
                prim: Primitive::Binary(BinaryOp::Max | BinaryOp::Min | BinaryOp::And | BinaryOp::Or),
                args,
            } if args.len() == 2 && same(eg, args[0], args[1]) => Some(Target::Class(args[0])),
            _ => None,
        },
    },
    // min(x, max(x, y)) = x and max(x, min(x, y)) = x fail when y is NaN
    // (max/min propagate NaN): fast-math.
    Rule {
        name: "neutral/absorption",
        fast_math: true,
        apply: |eg, n| {
            let (outer, inner) = match n.prim()? {
                Primitive::Binary(BinaryOp::Min) => (BinaryOp::Min, BinaryOp::Max),
                Primitive::Binary(BinaryOp::Max) => (BinaryOp::Max, BinaryOp::Min),
                _ => return None,
            };
            let [x, m] = args_of(n, &Primitive::Binary(outer))? else { return None };
            eg[*m].nodes.iter().find_map(|inner_node| match args_of(inner_node, &Primitive::Binary(inner))? {
                [a, b] if same(eg, *a, *x) || same(eg, *b, *x) => Some(Target::Class(*x)),
                _ => None,
            })
        },
    },
    // (x + y) - y = x fails for rounding and infinities: fast-math.
    Rule {
        name: "neutral/add-sub-cancel",
        fast_math: true,
        apply: |eg, n| {
            let [s, y] = args_of(n, &SUB)? else { return None };
            eg[*s].nodes.iter().find_map(|m| match args_of(m, &ADD)? {
                [a, b] if same(eg, *b, *y) => Some(Target::Class(*a)),
                [a, b] if same(eg, *a, *y) => Some(Target::Class(*b)),
                _ => None,
            })
        },
    },
    Rule {
        name: "neutral/sub-from-neg-zero",
        fast_math: false,
        // (-0.0) - x = neg(x) exactly: -0 - (+0) = -0 = neg(+0),
        // -0 - (-0) = +0 = neg(-0), and otherwise it is 0 - x, which IEEE
        // rounds symmetrically.
        apply: |eg, n| match args_of(n, &SUB)? {
            [z, x]
                if is_inexact(eg, *x)
                    && splat(eg, *z).is_some_and(|v| v.to_bits() == (-0.0f64).to_bits()) =>
            {
                Some(Target::Op(Primitive::Unary(UnaryOp::Neg), vec![Target::Class(*x)]))
            }
            _ => None,
        },
    },
];
