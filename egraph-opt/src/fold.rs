//! Constant evaluation of splats, computed in the element type.
//!
//! By default only exactly-rounded operations fold: add, sub, mul, div,
//! sqrt, neg, abs, min, max, compare, select and convert. IEEE 754 defines
//! each of them as the exact result rounded once to the element type; doing
//! the operation in f64 and rounding to f32/f16/bf16 gives that same value
//! because f64 has more than twice the precision plus two bits of each
//! (no double-rounding error). Integers are computed in i128 and wrapped to
//! their width. Transcendental functions are not correctly rounded by XLA,
//! so they fold only with fast-math.

use jaxr_dialect::{BinaryOp, ComparisonDirection, ElemType, Primitive, TensorType, UnaryOp};

/// Rounds `x` to a value of `elem` (wrapping integers), or `None` when the
/// value cannot be held exactly (integers beyond 2^53 are not modeled).
pub fn round_to(elem: ElemType, x: f64) -> Option<f64> {
    // The small floats and complex values are not folded: a value in f64
    // does not say how XLA rounds them (or holds only one part).
    if elem.is_small_float() || elem.is_complex() {
        return None;
    }
    if elem.is_float() {
        return Some(match elem {
            ElemType::F32 => x as f32 as f64,
            // Through f32 rounded to odd, then correctly to the half type:
            // f32 keeps at least two more bits than f16 and bf16 (also in
            // bf16's subnormal range), so the two roundings make one.
            // (`half`'s from_f64 drops the low bits of the f64 first, which
            // misrounds values just above a tie.)
            ElemType::F16 => half::f16::from_f32(f32_rounded_to_odd(x)).to_f64(),
            ElemType::BF16 => half::bf16::from_f32(f32_rounded_to_odd(x)).to_f64(),
            _ => x,
        });
    }
    if !x.is_finite() || x.fract() != 0.0 || x.abs() > 9.007_199_254_740_992e15 {
        return None;
    }
    wrap_int(elem, x as i128)
}

/// `x` rounded to f32 by rounding to odd: truncated toward zero, with the
/// last bit set when that was inexact.
fn f32_rounded_to_odd(x: f64) -> f32 {
    let nearest = x as f32;
    if !x.is_finite() || f64::from(nearest) == x {
        return nearest;
    }
    // Truncated toward zero: one step back toward zero when rounding went
    // away from it (an infinity steps back to the largest finite value).
    let mut bits = nearest.to_bits();
    if f64::from(nearest).abs() > x.abs() {
        bits -= 1;
    }
    f32::from_bits(bits | 1)
}

/// Wraps an integer to `elem`'s width and signedness.
fn wrap_int(elem: ElemType, v: i128) -> Option<f64> {
    let bits = elem.bit_width();
    if elem.is_bool() {
        return Some(if v != 0 { 1.0 } else { 0.0 });
    }
    let modulus = 1i128 << bits;
    let mut w = v.rem_euclid(modulus);
    if elem.is_signed_int() && w >= modulus / 2 {
        w -= modulus;
    }
    let f = w as f64;
    (f as i128 == w && f.abs() <= 9.007_199_254_740_992e15).then_some(f)
}

/// Whether `x` is a subnormal value of the float type `elem`.
pub fn subnormal(elem: ElemType, x: f64) -> bool {
    let min_normal = match elem {
        ElemType::F16 => 6.103_515_625e-5,
        ElemType::BF16 | ElemType::F32 => f64::from(f32::MIN_POSITIVE),
        ElemType::F64 => f64::MIN_POSITIVE,
        _ => return false,
    };
    x != 0.0 && x.abs() < min_normal
}

/// The value of `prim` applied to splats `args` (result type `out`), if it
/// can be computed exactly; transcendental ops only when `fast_math`.
///
/// Arithmetic that reads or produces a subnormal float is not folded: XLA's
/// CPU client flushes subnormals to zero (`1e-38f * 0.5f` is 0 there), so
/// the IEEE value would not be what the program computes. Ops that only move
/// or select values (and compare them) are folded regardless.
pub fn eval(prim: &Primitive, args: &[(ElemType, f64)], out: &TensorType, fast_math: bool) -> Option<f64> {
    let moves_only = matches!(
        prim,
        Primitive::BroadcastInDim { .. }
            | Primitive::Reshape { .. }
            | Primitive::Transpose { .. }
            | Primitive::Rev { .. }
            | Primitive::Slice { .. }
            | Primitive::Concatenate { .. }
            | Primitive::SelectN
    );
    let v = eval_exact(prim, args, out, fast_math)?;
    if !moves_only && (subnormal(out.elem, v) || args.iter().any(|(t, x)| subnormal(*t, *x))) {
        return None;
    }
    Some(v)
}

fn eval_exact(prim: &Primitive, args: &[(ElemType, f64)], out: &TensorType, fast_math: bool) -> Option<f64> {
    let elem = out.elem;
    match (prim, args) {
        (Primitive::Unary(u), [(t, x)]) => unary(*u, *t, *x, fast_math),
        (Primitive::Binary(b), [(t, x), (_, y)]) => binary(*b, *t, *x, *y),
        (Primitive::Compare(d), [(_, x), (_, y)]) => compare(*d, *x, *y),
        (Primitive::ConvertElementType { to }, [(from, x)]) => convert(*from, *to, *x),
        (Primitive::SelectN, [(_, p), cases @ ..]) if *p >= 0.0 => cases.get(*p as usize).map(|(_, v)| *v),
        (Primitive::Clamp, [(t, lo), (_, x), (_, hi)]) if !t.is_float() => Some(x.max(*lo).min(*hi)),
        // Moving a splat's elements around leaves a splat of the same value.
        (
            Primitive::BroadcastInDim { .. }
            | Primitive::Reshape { .. }
            | Primitive::Transpose { .. }
            | Primitive::Rev { .. }
            | Primitive::Slice { .. },
            [(_, x)],
        ) => Some(*x),
        // Pieces of one value side by side.
        (Primitive::Concatenate { .. }, [(_, x), rest @ ..])
            if rest.iter().all(|(_, y)| y.to_bits() == x.to_bits()) =>
        {
            Some(*x)
        }
        // max/min of copies is the value; a sum of zeros is zero.
        (Primitive::Reduce { op, axes }, [(_, x)]) if !axes.is_empty() => match op {
            jaxr_dialect::ReduceOp::Max | jaxr_dialect::ReduceOp::Min => Some(*x),
            jaxr_dialect::ReduceOp::And | jaxr_dialect::ReduceOp::Or => Some(*x),
            jaxr_dialect::ReduceOp::Sum if *x == 0.0 && x.is_sign_positive() => Some(0.0),
            _ => None,
        },
        _ => None,
    }
    .and_then(|v| round_to(elem, v))
}

fn unary(u: UnaryOp, t: ElemType, x: f64, fast_math: bool) -> Option<f64> {
    let exact = match u {
        UnaryOp::Neg if t.is_float() => Some(-x),
        UnaryOp::Neg => wrap_int(t, -(x as i128)),
        UnaryOp::Abs if t.is_float() => Some(x.abs()),
        UnaryOp::Abs => wrap_int(t, (x as i128).abs()),
        UnaryOp::Sqrt => Some(x.sqrt()),
        UnaryOp::Square if t.is_float() => Some(x * x),
        UnaryOp::Square => wrap_int(t, (x as i128) * (x as i128)),
        UnaryOp::Floor => Some(x.floor()),
        UnaryOp::Ceil => Some(x.ceil()),
        UnaryOp::Sign if x.is_nan() => Some(x),
        UnaryOp::Sign if x == 0.0 => Some(x),
        UnaryOp::Sign => Some(x.signum()),
        UnaryOp::Not if t.is_bool() => Some(if x != 0.0 { 0.0 } else { 1.0 }),
        _ => None,
    };
    if exact.is_some() || !fast_math || !t.is_float() {
        return exact;
    }
    Some(match u {
        UnaryOp::Exp => x.exp(),
        UnaryOp::Log => x.ln(),
        UnaryOp::Sin => x.sin(),
        UnaryOp::Cos => x.cos(),
        UnaryOp::Tan => x.tan(),
        UnaryOp::Tanh => x.tanh(),
        UnaryOp::Log1p => x.ln_1p(),
        UnaryOp::Expm1 => x.exp_m1(),
        UnaryOp::Rsqrt => 1.0 / x.sqrt(),
        UnaryOp::Logistic => 1.0 / (1.0 + (-x).exp()),
        _ => return None,
    })
}

fn binary(b: BinaryOp, t: ElemType, x: f64, y: f64) -> Option<f64> {
    if t.is_float() {
        return match b {
            BinaryOp::Add => Some(x + y),
            BinaryOp::Sub => Some(x - y),
            BinaryOp::Mul => Some(x * y),
            BinaryOp::Div => Some(x / y),
            // StableHLO max/min propagate NaN; the sign of a zero result
            // of max(-0, +0) is left to the backend, so it is not folded.
            BinaryOp::Max | BinaryOp::Min if x.is_nan() || y.is_nan() => Some(f64::NAN),
            BinaryOp::Max | BinaryOp::Min if x == 0.0 && y == 0.0 && x.to_bits() != y.to_bits() => None,
            BinaryOp::Max => Some(x.max(y)),
            BinaryOp::Min => Some(x.min(y)),
            _ => None,
        };
    }
    let (a, c) = (x as i128, y as i128);
    let v = match b {
        BinaryOp::Add => a + c,
        BinaryOp::Sub => a - c,
        BinaryOp::Mul => a * c,
        BinaryOp::Div if c != 0 && t.is_int() => {
            let q = a / c;
            // Signed overflow (MIN / -1) wraps in XLA; leave it alone.
            wrap_int(t, q).filter(|w| *w as i128 == q)? as i128
        }
        BinaryOp::Max => a.max(c),
        BinaryOp::Min => a.min(c),
        BinaryOp::And if t.is_bool() || !t.is_signed_int() || (a >= 0 && c >= 0) => a & c,
        BinaryOp::Or if t.is_bool() || !t.is_signed_int() || (a >= 0 && c >= 0) => a | c,
        BinaryOp::Xor if t.is_bool() || !t.is_signed_int() || (a >= 0 && c >= 0) => a ^ c,
        _ => return None,
    };
    wrap_int(t, v)
}

fn compare(d: ComparisonDirection, x: f64, y: f64) -> Option<f64> {
    Some(if d.holds(&x, &y) { 1.0 } else { 0.0 })
}

fn convert(from: ElemType, to: ElemType, x: f64) -> Option<f64> {
    if to.is_bool() {
        return if x.is_nan() { None } else { Some(if x != 0.0 { 1.0 } else { 0.0 }) };
    }
    if from.is_float() && !to.is_float() {
        // Float to integer truncates; out of range or NaN is implementation-defined.
        let t = x.trunc();
        return wrap_int(to, t as i128).filter(|w| *w == t);
    }
    Some(x)
}

#[cfg(test)]
mod tests {

    #[test]
    fn subnormal_arithmetic_is_left_to_the_backend() {
        let f32s = TensorType::scalar(ElemType::F32);
        let mul = Primitive::Binary(BinaryOp::Mul);
        // 1e-38 * 0.5 is subnormal: XLA's CPU client flushes it to zero.
        assert_eq!(eval(&mul, &[(ElemType::F32, 1e-38), (ElemType::F32, 0.5)], &f32s, false), None);
        assert_eq!(eval(&mul, &[(ElemType::F32, 1e-40), (ElemType::F32, 1e10)], &f32s, false), None);
        assert_eq!(eval(&mul, &[(ElemType::F32, 4.0), (ElemType::F32, 0.5)], &f32s, false), Some(2.0));
        // Moving a subnormal splat is still folded.
        let reshape = Primitive::Reshape { shape: vec![] };
        assert_eq!(eval(&reshape, &[(ElemType::F32, 1e-40f32 as f64)], &f32s, false), Some(1e-40f32 as f64));
    }

    #[test]
    fn halves_are_rounded_once_from_f64() {
        // Just above a tie: the low bits of the f64 decide.
        assert_eq!(
            round_to(ElemType::F16, 1.0 + 2f64.powi(-11) + 2f64.powi(-40)),
            Some(1.0 + 2f64.powi(-10))
        );
        assert_eq!(round_to(ElemType::BF16, 1.0 + 2f64.powi(-8) + 2f64.powi(-40)), Some(1.0 + 2f64.powi(-7)));
        // An exact tie goes to even; beyond the range, infinity.
        assert_eq!(round_to(ElemType::F16, 1.0 + 2f64.powi(-11)), Some(1.0));
        assert_eq!(round_to(ElemType::F16, 1e6), Some(f64::INFINITY));
        assert_eq!(round_to(ElemType::BF16, -1e300), Some(f64::NEG_INFINITY));
        assert_eq!(round_to(ElemType::F16, -1e-300).map(f64::is_sign_negative), Some(true));
    }

    use super::*;

    #[test]
    fn folding_rounds_in_the_element_type() {
        let f32s = TensorType::scalar(ElemType::F32);
        let third = eval(
            &Primitive::Binary(BinaryOp::Div),
            &[(ElemType::F32, 1.0), (ElemType::F32, 3.0)],
            &f32s,
            false,
        )
        .unwrap();
        assert_eq!(third, (1.0f32 / 3.0f32) as f64);
        let i8s = TensorType::scalar(ElemType::I8);
        assert_eq!(
            eval(
                &Primitive::Binary(BinaryOp::Add),
                &[(ElemType::I8, 127.0), (ElemType::I8, 1.0)],
                &i8s,
                false
            ),
            Some(-128.0)
        );
        assert_eq!(
            eval(&Primitive::Binary(BinaryOp::Div), &[(ElemType::I8, 1.0), (ElemType::I8, 0.0)], &i8s, false),
            None
        );
    }

    #[test]
    fn transcendental_folding_needs_fast_math() {
        let f32s = TensorType::scalar(ElemType::F32);
        let exp = Primitive::Unary(UnaryOp::Exp);
        assert_eq!(eval(&exp, &[(ElemType::F32, 1.0)], &f32s, false), None);
        assert!(eval(&exp, &[(ElemType::F32, 1.0)], &f32s, true).is_some());
        let max = Primitive::Binary(BinaryOp::Max);
        assert!(eval(&max, &[(ElemType::F32, f64::NAN), (ElemType::F32, 1.0)], &f32s, false)
            .unwrap()
            .is_nan());
    }
}
