//! [`Elements`]: a constant's type and values, each value held as the raw
//! bits of its element type (integers masked to their width, floats in
//! their IEEE encoding), with the conversions between those bits and the
//! numbers the folders compute with.
//!
//! Holding bits keeps the shape ops and `bitcast_convert_type` exact (NaN
//! payloads included); integers are computed in `i128` and wrapped to
//! their width, floats in `f64` and rounded once to their type.

use jaxr_dialect::{ElemType, TensorType};
use jaxr_egraph::fold::round_to;

/// A constant: its tensor type and its values in row-major order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elements {
    /// The tensor type (shape and element type).
    pub ty: TensorType,
    /// One value per element, as the raw bits of `ty.elem`.
    pub bits: Vec<u64>,
}

impl Elements {
    /// Element `i` as an integer (signed types sign-extended).
    pub fn int(&self, i: usize) -> i128 {
        int_of(self.ty.elem, self.bits[i])
    }

    /// Element `i` as a float.
    pub fn float(&self, i: usize) -> f64 {
        float_of(self.ty.elem, self.bits[i])
    }
}

/// The element types whose values are folded: i1, the 8- to 64-bit
/// integers, f16, bf16, f32 and f64. (Not the 2- and 4-bit integers, the
/// small floats of ml_dtypes, or complex values.)
pub fn supported(elem: ElemType) -> bool {
    use ElemType::*;
    matches!(elem, I1 | I8 | I16 | I32 | I64 | UI8 | UI16 | UI32 | UI64 | F16 | BF16 | F32 | F64)
}

/// The low `width` bits set.
pub fn mask(width: u32) -> u64 {
    if width >= 64 {
        u64::MAX
    } else {
        (1u64 << width) - 1
    }
}

/// The integer that `bits` encode in `elem` (i1 is 0 or 1).
pub fn int_of(elem: ElemType, bits: u64) -> i128 {
    let w = elem.bit_width();
    if elem.is_signed_int() && w < 128 {
        let shift = 128 - w;
        ((bits as i128) << shift) >> shift
    } else {
        (bits & mask(w)) as i128
    }
}

/// `v` wrapped modulo 2^width to `elem`'s bits.
pub fn bits_of_int(elem: ElemType, v: i128) -> u64 {
    (v as u64) & mask(elem.bit_width())
}

/// The smallest value of a signed integer type.
pub fn int_min(elem: ElemType) -> i128 {
    -(1i128 << (elem.bit_width() - 1))
}

/// The float that `bits` encode in `elem` (exact: every f16, bf16 and f32
/// value is an f64 value; a NaN keeps its sign and payload's high bits).
pub fn float_of(elem: ElemType, bits: u64) -> f64 {
    match elem {
        ElemType::F64 => f64::from_bits(bits),
        ElemType::F32 => f64::from(f32::from_bits(bits as u32)),
        ElemType::BF16 => f64::from(f32::from_bits((bits as u32) << 16)),
        ElemType::F16 => f16_to_f64(bits as u16),
        _ => f64::NAN,
    }
}

/// `(exponent bits, mantissa bits)` of a float type.
fn format(elem: ElemType) -> (u32, u32) {
    match elem {
        ElemType::F64 => (11, 52),
        ElemType::F32 => (8, 23),
        ElemType::BF16 => (8, 7),
        _ => (5, 10),
    }
}

/// `x` rounded once (to nearest, ties to even) to `elem`, as its bits. A
/// NaN keeps its sign and the high bits of its payload and is made quiet,
/// as the hardware's conversions do.
pub fn bits_of_float(elem: ElemType, x: f64) -> Option<u64> {
    let (e, m) = format(elem);
    let sign = u64::from(x.is_sign_negative()) << (e + m);
    if x.is_nan() {
        let payload = (x.to_bits() & mask(52)) >> (52 - m);
        return Some(sign | (mask(e) << m) | (1 << (m - 1)) | payload);
    }
    let r = round_to(elem, x)?;
    Some(match elem {
        ElemType::F64 => r.to_bits(),
        ElemType::F32 => u64::from((r as f32).to_bits()),
        // Exact: r is a bf16 value, so the low half of its f32 is zero.
        ElemType::BF16 => u64::from((r as f32).to_bits() >> 16),
        ElemType::F16 => sign | f16_magnitude_bits(r.abs()),
        _ => return None,
    })
}

/// The bits of a non-negative f16 value `a` (exactly representable).
fn f16_magnitude_bits(a: f64) -> u64 {
    if a.is_infinite() {
        return 0x7c00;
    }
    if a < 2f64.powi(-14) {
        // Subnormal (or zero): a multiple of 2^-24.
        return (a * 2f64.powi(24)) as u64;
    }
    let b = a.to_bits();
    let exponent = ((b >> 52) & 0x7ff) as i64 - 1023;
    (((exponent + 15) as u64) << 10) | ((b >> 42) & 0x3ff)
}

fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = i32::from((h >> 10) & 0x1f);
    let mantissa = u64::from(h & 0x3ff);
    match exponent {
        0 => sign * mantissa as f64 * 2f64.powi(-24),
        0x1f if mantissa == 0 => sign * f64::INFINITY,
        0x1f => f64::from_bits((u64::from(h & 0x8000) << 48) | (0x7ff << 52) | (mantissa << 42)),
        _ => sign * (1.0 + mantissa as f64 / 1024.0) * 2f64.powi(exponent - 15),
    }
}

/// Whether `x` is subnormal in the precision XLA computes `elem` in (f64,
/// or f32 for f32, bf16 and f16). XLA's CPU client runs with denormals
/// flushed to zero (FTZ and DAZ), other backends may not: arithmetic that
/// reads or makes such a value is left to the backend.
pub fn flushable(elem: ElemType, x: f64) -> bool {
    let min_normal = if elem == ElemType::F64 { f64::MIN_POSITIVE } else { f64::from(f32::MIN_POSITIVE) };
    x != 0.0 && x.abs() < min_normal
}

/// The sign bit of `elem`'s encoding.
pub fn sign_bit(elem: ElemType) -> u64 {
    1 << (elem.bit_width() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_wrap_and_sign_extend() {
        assert_eq!(int_of(ElemType::I8, 0xff), -1);
        assert_eq!(int_of(ElemType::UI8, 0xff), 255);
        assert_eq!(bits_of_int(ElemType::I8, 128), 0x80);
        assert_eq!(int_of(ElemType::I8, bits_of_int(ElemType::I8, 128)), -128);
        assert_eq!(int_of(ElemType::I64, u64::MAX), -1);
        assert_eq!(int_of(ElemType::UI64, u64::MAX), u64::MAX as i128);
        assert_eq!(int_of(ElemType::I1, 1), 1);
    }

    #[test]
    fn halves_round_trip_and_round_once() {
        for h in [0u16, 0x8000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0x7bff, 0x7c00, 0xfc00, 0xc000] {
            assert_eq!(bits_of_float(ElemType::F16, f16_to_f64(h)), Some(u64::from(h)), "{h:#x}");
        }
        for b in [0u16, 0x8000, 0x0001, 0x3f80, 0x7f7f, 0x7f80, 0xbf80] {
            let x = float_of(ElemType::BF16, u64::from(b));
            assert_eq!(bits_of_float(ElemType::BF16, x), Some(u64::from(b)), "{b:#x}");
        }
        // Just above a tie rounds up; beyond the range is infinity.
        assert_eq!(bits_of_float(ElemType::F16, 1.0 + 2f64.powi(-11) + 2f64.powi(-40)), Some(0x3c01));
        assert_eq!(bits_of_float(ElemType::F16, 1e6), Some(0x7c00));
        // NaNs stay NaNs, quiet, with their sign.
        assert_eq!(bits_of_float(ElemType::F32, f64::NAN), Some(0x7fc0_0000));
        assert_eq!(bits_of_float(ElemType::F16, -f64::NAN), Some(0xfe00));
        assert!(float_of(ElemType::F16, 0x7e00).is_nan());
    }
}
