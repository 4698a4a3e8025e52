//! Conversion chains, exact ones only.

use jaxr_dialect::{ElemType, Primitive};

use super::{each, ops, ty, Rule, Target};
use crate::language::Node;

/// Whether every value of `from` is exactly a value of `to`.
pub fn lossless(from: ElemType, to: ElemType) -> bool {
    use ElemType::*;
    if from == to || from == I1 {
        return true;
    }
    let (fb, tb) = (from.bit_width(), to.bit_width());
    match (from, to) {
        (F16 | BF16, F32 | F64) | (F32, F64) => true,
        _ if from.is_signed_int() && to.is_signed_int() => tb >= fb,
        _ if from.is_unsigned_int() && to.is_unsigned_int() => tb >= fb,
        _ if from.is_unsigned_int() && to.is_signed_int() => tb > fb,
        // Integers with at most the significand's bits convert exactly.
        _ if from.is_int() && to.is_float() => {
            let significand = match to {
                F16 => 11,
                BF16 => 8,
                F32 => 24,
                _ => 53,
            };
            fb - u32::from(from.is_signed_int()) <= significand
        }
        _ => false,
    }
}

/// The rules of group `convert`.
pub const RULES: &[Rule] = &[
    // convert(x : T -> T) = x: a conversion to the same type is the identity.
    Rule {
        name: "convert/identity",
        fast_math: false,
        apply: |eg, n| match n {
            Node::Op { prim: Primitive::ConvertElementType { to }, args } if args.len() == 1 => {
                (ty(eg, args[0])?.elem == *to).then_some(Target::Class(args[0]))
            }
            _ => None,
        },
    },
    // convert(convert(x : A -> B) -> C) = convert(x : A -> C) when A -> B is
    // lossless: the intermediate holds x exactly, so the second conversion
    // sees the same value the direct one would, and converts it the same way
    // unless B is a float and C an integer type while A is an integer type:
    // float to integer saturates where integer narrowing wraps (i16 621
    // through f32 to i8 is 127, directly 109), so then A -> C must be
    // lossless too.
    Rule {
        name: "convert/chain",
        fast_math: false,
        apply: |eg, n| match n {
            Node::Op { prim: Primitive::ConvertElementType { to }, args } if args.len() == 1 => {
                let mid = ty(eg, args[0])?.elem;
                each(ops(eg, args[0], |p| matches!(p, Primitive::ConvertElementType { .. })), |found| {
                    let (_, inner) = found;
                    let x = *inner.first()?;
                    let from = ty(eg, x)?.elem;
                    let saturates_or_wraps = mid.is_float() && to.is_int() && from.is_int();
                    (lossless(from, mid) && (!saturates_or_wraps || lossless(from, *to))).then(|| {
                        Target::Op(Primitive::ConvertElementType { to: *to }, vec![Target::Class(x)])
                    })
                })
            }
            _ => None,
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lossless_conversions() {
        assert!(lossless(ElemType::F32, ElemType::F64));
        assert!(!lossless(ElemType::F64, ElemType::F32));
        assert!(lossless(ElemType::I16, ElemType::F32));
        assert!(!lossless(ElemType::I32, ElemType::F32));
        assert!(lossless(ElemType::UI8, ElemType::I16));
        assert!(!lossless(ElemType::UI8, ElemType::I8));
    }
}
