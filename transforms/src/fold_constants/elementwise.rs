//! The elementwise folders: unary and binary arithmetic, bitwise ops and
//! shifts, compare, select_n, clamp, convert_element_type, round and
//! is_finite.
//!
//! Integers are computed in `i128` and wrapped to their width. Floats are
//! computed in f64 and rounded once to the element type: exact for add,
//! sub, mul, div and sqrt (f64 has more than twice the precision of f32,
//! plus two bits, so the two roundings make one) and for the ops whose
//! result is representable (neg, abs, floor, ceil, round, rem, min, max).
//! Nothing transcendental folds: XLA does not round those correctly.

use jaxr_dialect::{BinaryOp, ComparisonDirection, ElemType, RoundingMethod, TensorType, UnaryOp};

use super::elements::{
    bits_of_float, bits_of_int, float_of, flushable, int_min, int_of, mask, sign_bit, Elements,
};

/// Element `i` of `e`, a scalar standing for every element.
fn at(e: &Elements, i: usize) -> u64 {
    if e.bits.len() == 1 {
        e.bits[0]
    } else {
        e.bits[i]
    }
}

/// The elements of `out` computed by `f` from the element index; `None`
/// when any element cannot be folded.
fn map(out: &TensorType, f: impl FnMut(usize) -> Option<u64>) -> Option<Elements> {
    let n = usize::try_from(out.num_elements()).ok()?;
    let bits = (0..n).map(f).collect::<Option<Vec<u64>>>()?;
    Some(Elements { ty: out.clone(), bits })
}

/// The result `v` of float arithmetic in `t`, unless it or an input
/// (`inputs`) is subnormal (see [`flushable`]).
fn arith(t: ElemType, inputs: &[f64], v: f64) -> Option<u64> {
    if inputs.iter().chain([&v]).any(|x| flushable(t, *x)) {
        return None;
    }
    bits_of_float(t, v)
}

/// neg, abs, not, sign, square, sqrt, floor, ceil, population_count, clz.
pub fn unary(u: UnaryOp, x: &Elements, out: &TensorType) -> Option<Elements> {
    let t = x.ty.elem;
    if t.is_float() {
        return map(out, |i| float_unary(u, t, x.bits[i]));
    }
    map(out, |i| int_unary(u, t, x.bits[i]))
}

fn int_unary(u: UnaryOp, t: ElemType, bits: u64) -> Option<u64> {
    let w = t.bit_width();
    let v = int_of(t, bits);
    if t.is_bool() {
        return (u == UnaryOp::Not).then_some(bits ^ 1);
    }
    Some(match u {
        UnaryOp::Neg => bits_of_int(t, v.wrapping_neg()),
        // abs(MIN) wraps to MIN, as in XLA.
        UnaryOp::Abs => bits_of_int(t, v.wrapping_abs()),
        UnaryOp::Not => !bits & mask(w),
        UnaryOp::Sign => bits_of_int(t, v.signum()),
        UnaryOp::Square => bits_of_int(t, v.wrapping_mul(v)),
        UnaryOp::PopulationCount => u64::from((bits & mask(w)).count_ones()),
        UnaryOp::Clz => u64::from((bits & mask(w)).leading_zeros() - (64 - w)),
        _ => return None,
    })
}

fn float_unary(u: UnaryOp, t: ElemType, bits: u64) -> Option<u64> {
    let x = float_of(t, bits);
    let y = match u {
        // The sign bit alone, as XLA does (NaNs included).
        UnaryOp::Neg => return Some(bits ^ sign_bit(t)),
        UnaryOp::Abs => return Some(bits & !sign_bit(t)),
        UnaryOp::Sqrt => x.sqrt(),
        UnaryOp::Square => x * x,
        UnaryOp::Floor => x.floor(),
        UnaryOp::Ceil => x.ceil(),
        // NaN and signed zeros are their own sign.
        UnaryOp::Sign if x.is_nan() || x == 0.0 => return Some(bits),
        UnaryOp::Sign => x.signum(),
        _ => return None,
    };
    arith(t, &[x], y)
}

/// lax.round, either rounding method.
pub fn round(method: RoundingMethod, x: &Elements, out: &TensorType) -> Option<Elements> {
    let t = x.ty.elem;
    if !t.is_float() {
        return None;
    }
    map(out, |i| {
        let v = x.float(i);
        arith(
            t,
            &[v],
            match method {
                RoundingMethod::AwayFromZero => v.round(),
                RoundingMethod::ToNearestEven => v.round_ties_even(),
            },
        )
    })
}

/// lax.is_finite.
pub fn is_finite(x: &Elements, out: &TensorType) -> Option<Elements> {
    x.ty.elem.is_float().then_some(())?;
    map(out, |i| Some(u64::from(x.float(i).is_finite())))
}

/// The binary arithmetic, bitwise and shift ops.
pub fn binary(b: BinaryOp, x: &Elements, y: &Elements, out: &TensorType) -> Option<Elements> {
    let t = x.ty.elem;
    if y.ty.elem != t || out.elem != t {
        return None;
    }
    if t.is_float() {
        return map(out, |i| float_binary(b, t, at(x, i), at(y, i)));
    }
    map(out, |i| int_binary(b, t, at(x, i), at(y, i)))
}

fn int_binary(b: BinaryOp, t: ElemType, x: u64, y: u64) -> Option<u64> {
    let w = t.bit_width();
    let (a, c) = (int_of(t, x), int_of(t, y));
    if t.is_bool()
        && !matches!(b, BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::Max | BinaryOp::Min)
    {
        return None;
    }
    let v = match b {
        BinaryOp::Add => a.wrapping_add(c),
        BinaryOp::Sub => a.wrapping_sub(c),
        BinaryOp::Mul => a.wrapping_mul(c),
        // A zero divisor and MIN / -1 are left to the backend.
        BinaryOp::Div | BinaryOp::Rem if c == 0 || (t.is_signed_int() && c == -1 && a == int_min(t)) => {
            return None;
        }
        BinaryOp::Div => a / c,
        BinaryOp::Rem => a % c,
        BinaryOp::Max => a.max(c),
        BinaryOp::Min => a.min(c),
        BinaryOp::And => return Some(x & y),
        BinaryOp::Or => return Some(x | y),
        BinaryOp::Xor => return Some(x ^ y),
        // StableHLO: the shift amount is unsigned; from the bit width on,
        // everything is shifted out (arithmetic: the sign bit fills it).
        BinaryOp::ShiftLeft => return Some(if y >= u64::from(w) { 0 } else { (x << y) & mask(w) }),
        BinaryOp::ShiftRightLogical => return Some(if y >= u64::from(w) { 0 } else { x >> y }),
        BinaryOp::ShiftRightArithmetic => {
            // The bits as a signed number whatever the type's signedness.
            let shift = 128 - w;
            let signed = ((x as i128) << shift) >> shift;
            signed >> y.min(u64::from(w) - 1)
        }
        _ => return None,
    };
    Some(bits_of_int(t, v))
}

fn float_binary(b: BinaryOp, t: ElemType, x: u64, y: u64) -> Option<u64> {
    let (a, c) = (float_of(t, x), float_of(t, y));
    if flushable(t, a) || flushable(t, c) {
        return None;
    }
    let v = match b {
        BinaryOp::Add => a + c,
        BinaryOp::Sub => a - c,
        BinaryOp::Mul => a * c,
        BinaryOp::Div => a / c,
        // fmod: the exact remainder, representable in the type.
        BinaryOp::Rem => a % c,
        // IEEE 754-2019 maximum/minimum (LLVM's llvm.maximum, which XLA
        // emits): NaN propagates, -0 < +0.
        BinaryOp::Max | BinaryOp::Min if a.is_nan() => a,
        BinaryOp::Max | BinaryOp::Min if c.is_nan() => c,
        BinaryOp::Max | BinaryOp::Min if a == c => {
            let pick_a = a.is_sign_negative() == (b == BinaryOp::Min);
            return Some(if pick_a { x } else { y });
        }
        BinaryOp::Max => a.max(c),
        BinaryOp::Min => a.min(c),
        _ => return None,
    };
    arith(t, &[a, c], v)
}

/// lax.compare (floats: IEEE, NaN unordered; integers by their signedness).
pub fn compare(d: ComparisonDirection, x: &Elements, y: &Elements, out: &TensorType) -> Option<Elements> {
    let t = x.ty.elem;
    map(out, |i| {
        let (a, b) = (at(x, i), at(y, i));
        let r = if t.is_float() {
            let (a, b) = (float_of(t, a), float_of(t, b));
            if flushable(t, a) || flushable(t, b) {
                return None;
            }
            d.holds(&a, &b)
        } else {
            d.holds(&int_of(t, a), &int_of(t, b))
        };
        Some(u64::from(r))
    })
}

/// lax.select_n: case `which` (an i1 or an integer, scalar or one per
/// element); an index out of range is not folded.
pub fn select_n(which: &Elements, cases: &[Elements], out: &TensorType) -> Option<Elements> {
    map(out, |i| {
        let k = usize::try_from(int_of(which.ty.elem, at(which, i))).ok()?;
        cases.get(k).map(|c| at(c, i))
    })
}

/// lax.clamp of integers (min and max scalar or one per element).
pub fn clamp(lo: &Elements, x: &Elements, hi: &Elements, out: &TensorType) -> Option<Elements> {
    let t = x.ty.elem;
    if t.is_float() {
        return None;
    }
    map(out, |i| {
        let (l, v, h) = (int_of(t, at(lo, i)), int_of(t, at(x, i)), int_of(t, at(hi, i)));
        Some(bits_of_int(t, v.max(l).min(h)))
    })
}

/// convert_element_type: integers wrap, integers to floats and floats to
/// floats round once; floats to integers only when the truncated value is
/// in range (XLA saturates otherwise, and NaN is implementation-defined).
pub fn convert(x: &Elements, out: &TensorType) -> Option<Elements> {
    let (from, to) = (x.ty.elem, out.elem);
    map(out, |i| {
        let bits = x.bits[i];
        if !from.is_float() {
            let v = int_of(from, bits);
            return if to.is_bool() {
                Some(u64::from(v != 0))
            } else if !to.is_float() {
                Some(bits_of_int(to, v))
            } else {
                int_to_float(to, v)
            };
        }
        let v = float_of(from, bits);
        if flushable(from, v) {
            return None;
        }
        if to.is_float() {
            return arith(to, &[], v);
        }
        if v.is_nan() {
            return None;
        }
        if to.is_bool() {
            return Some(u64::from(v != 0.0));
        }
        let t = v.trunc();
        let (lo, hi) = if to.is_signed_int() {
            (int_min(to) as f64, -(int_min(to) as f64))
        } else {
            (0.0, 2f64.powi(to.bit_width() as i32))
        };
        (t >= lo && t < hi).then(|| bits_of_int(to, t as i128))
    })
}

/// `v` rounded once to the float type `to`.
fn int_to_float(to: ElemType, v: i128) -> Option<u64> {
    match to {
        // Rust's integer-to-float `as` rounds to nearest, ties to even.
        ElemType::F64 => bits_of_float(to, v as f64),
        ElemType::F32 => bits_of_float(to, f64::from(v as f32)),
        // Exact in f64 up to 2^53, then rounded once to the half type.
        _ if v.unsigned_abs() <= 1 << 53 => bits_of_float(to, v as f64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(elem: ElemType, bits: u64) -> Elements {
        Elements { ty: TensorType::scalar(elem), bits: vec![bits] }
    }

    fn bin(b: BinaryOp, elem: ElemType, x: u64, y: u64) -> Option<u64> {
        binary(b, &scalar(elem, x), &scalar(elem, y), &TensorType::scalar(elem)).map(|e| e.bits[0])
    }

    #[test]
    fn shifts_follow_stablehlo() {
        assert_eq!(bin(BinaryOp::ShiftLeft, ElemType::UI32, 1, 31), Some(0x8000_0000));
        assert_eq!(bin(BinaryOp::ShiftLeft, ElemType::UI32, 1, 32), Some(0));
        assert_eq!(bin(BinaryOp::ShiftRightLogical, ElemType::I8, 0x80, 7), Some(1));
        assert_eq!(bin(BinaryOp::ShiftRightLogical, ElemType::I8, 0x80, 8), Some(0));
        assert_eq!(bin(BinaryOp::ShiftRightArithmetic, ElemType::I8, 0x80, 100), Some(0xff));
        assert_eq!(bin(BinaryOp::ShiftRightArithmetic, ElemType::I8, 0x40, 100), Some(0));
        // A negative amount is a huge unsigned one.
        assert_eq!(bin(BinaryOp::ShiftLeft, ElemType::I8, 1, 0xff), Some(0));
    }

    #[test]
    fn division_leaves_the_undefined_cases() {
        assert_eq!(bin(BinaryOp::Div, ElemType::I8, 0xf9, 2), Some(0xfd)); // -7 / 2 = -3
        assert_eq!(bin(BinaryOp::Rem, ElemType::I8, 0xf9, 2), Some(0xff)); // -1
        assert_eq!(bin(BinaryOp::Div, ElemType::I8, 1, 0), None);
        assert_eq!(bin(BinaryOp::Div, ElemType::I8, 0x80, 0xff), None);
        assert_eq!(bin(BinaryOp::Div, ElemType::UI8, 0xff, 2), Some(127));
    }

    #[test]
    fn float_min_max_order_zeros_and_propagate_nan() {
        let (p, n) = (0f32.to_bits() as u64, (-0f32).to_bits() as u64);
        assert_eq!(bin(BinaryOp::Max, ElemType::F32, n, p), Some(p));
        assert_eq!(bin(BinaryOp::Min, ElemType::F32, p, n), Some(n));
        let nan = f32::NAN.to_bits() as u64;
        assert_eq!(bin(BinaryOp::Max, ElemType::F32, 1f32.to_bits() as u64, nan), Some(nan));
    }

    #[test]
    fn conversions_round_once() {
        let to_f32 = |v: u64, from: ElemType| {
            convert(&scalar(from, v), &TensorType::scalar(ElemType::F32)).map(|e| e.bits[0] as u32)
        };
        // 2^24 + 1 ties to even; u64::MAX rounds to 2^64.
        assert_eq!(to_f32((1 << 24) + 1, ElemType::I32), Some(16_777_216f32.to_bits()));
        assert_eq!(to_f32(u64::MAX, ElemType::UI64), Some(2f32.powi(64).to_bits()));
        let to_i8 =
            |x: f32| convert(&scalar(ElemType::F32, x.to_bits() as u64), &TensorType::scalar(ElemType::I8));
        assert_eq!(to_i8(-128.9).map(|e| e.bits[0]), Some(0x80));
        assert_eq!(to_i8(128.0), None);
        assert_eq!(to_i8(f32::NAN), None);
        // Subnormals are left to the backend (XLA CPU flushes them).
        let tiny = scalar(ElemType::F32, 1u64);
        assert_eq!(binary(BinaryOp::Add, &tiny, &tiny, &tiny.ty), None);
        let half_min = scalar(ElemType::F64, f64::from(f32::MIN_POSITIVE / 2.0).to_bits());
        assert_eq!(convert(&half_min, &TensorType::scalar(ElemType::F32)), None);
    }
}
