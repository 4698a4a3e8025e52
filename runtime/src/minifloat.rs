//! The 8-, 6- and 4-bit floats (`f8E4M3FN` ... `f4E2M1FN`): encoding and
//! decoding through the `microfloat` crate, and the limits of every real
//! float type, for range checks.

use half::{bf16, f16};
use microfloat::{
    f4e2m1fn, f6e2m3fn, f6e3m2fn, f8e3m4, f8e4m3, f8e4m3b11fnuz, f8e4m3fn, f8e4m3fnuz, f8e5m2, f8e5m2fnuz,
    f8e8m0fnu,
};

use crate::dtype::DType;

/// Runs `$body` with `$t` the `microfloat` type of the small float `$dtype`,
/// or evaluates `$other` for any other type.
macro_rules! with_small_float {
    ($dtype:expr, $t:ident => $body:expr, _ => $other:expr) => {
        match $dtype {
            DType::F8E4M3FN => {
                type $t = f8e4m3fn;
                $body
            }
            DType::F8E5M2 => {
                type $t = f8e5m2;
                $body
            }
            DType::F8E4M3FNUZ => {
                type $t = f8e4m3fnuz;
                $body
            }
            DType::F8E5M2FNUZ => {
                type $t = f8e5m2fnuz;
                $body
            }
            DType::F8E4M3B11FNUZ => {
                type $t = f8e4m3b11fnuz;
                $body
            }
            DType::F8E4M3 => {
                type $t = f8e4m3;
                $body
            }
            DType::F8E3M4 => {
                type $t = f8e3m4;
                $body
            }
            DType::F8E8M0FNU => {
                type $t = f8e8m0fnu;
                $body
            }
            DType::F6E2M3FN => {
                type $t = f6e2m3fn;
                $body
            }
            DType::F6E3M2FN => {
                type $t = f6e3m2fn;
                $body
            }
            DType::F4E2M1FN => {
                type $t = f4e2m1fn;
                $body
            }
            _ => $other,
        }
    };
}

/// The value of the small-float bit pattern `bits`; `None` for other types.
pub(crate) fn decode(dtype: DType, bits: u8) -> Option<f64> {
    with_small_float!(dtype, T => Some(T::from_bits(bits).to_f64()), _ => None)
}

/// `value` rounded to the small float `dtype` (to nearest, ties to even,
/// as `microfloat` and `ml_dtypes` do; overflow gives what the format gives:
/// infinity, NaN, or its largest value for the saturating `f4`/`f6` types);
/// `None` for other types.
pub(crate) fn encode(dtype: DType, value: f32) -> Option<u8> {
    with_small_float!(dtype, T => Some(T::from_f32(value).to_bits()), _ => None)
}

/// `x` rounded to `f32` with round-to-odd: an inexact result gets its last
/// mantissa bit set. Rounding that `f32` again to any format at least two
/// bits narrower (every small float) gives the same result as rounding `x`
/// directly, so `f64 -> f32 -> f8` does not double-round.
pub(crate) fn round_to_odd_f32(x: f64) -> f32 {
    let v = x as f32;
    if !v.is_finite() || f64::from(v) == x || v.to_bits() & 1 == 1 {
        return v;
    }
    // `v` is even and inexact: the odd neighbour on `x`'s side brackets `x`
    // with `v`. Stepping the bits away from or towards zero moves the
    // magnitude by one unit, which stays finite (v < MAX, as MAX is odd).
    let bits = v.to_bits();
    if f64::from(v).abs() > x.abs() {
        f32::from_bits(bits - 1)
    } else {
        f32::from_bits(bits + 1)
    }
}

/// What a real float type can hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Limits {
    /// The smallest finite value (`-max`, or the smallest positive value of
    /// the unsigned `f8E8M0FNU`).
    pub min: f64,
    /// The largest finite value.
    pub max: f64,
    /// The midpoint between `max` and the next value the format would have
    /// with a wider exponent: a magnitude above it overflows.
    pub overflow_tie: f64,
    /// Whether a magnitude of exactly `overflow_tie` overflows.
    pub tie_overflows: bool,
    pub has_inf: bool,
    pub has_nan: bool,
    /// Overflow gives `max` instead of infinity or NaN (`f4`/`f6`).
    pub saturates: bool,
}

impl Limits {
    /// The limits of a format whose largest finite value is `max`, with
    /// encoding `max_bits`, and whose next smaller value is `below_max`.
    fn new(min: f64, max: f64, below_max: f64, max_bits: u64) -> Limits {
        // max is never a power of two in these formats, so the next value
        // up is one ulp of max = max - below_max above it; a tie rounds to
        // even, away from max when its last mantissa bit is odd (every
        // format but f8E4M3FN, whose all-ones mantissa would be NaN).
        Limits {
            min,
            max,
            overflow_tie: max + (max - below_max) / 2.0,
            tie_overflows: max_bits & 1 == 1,
            has_inf: true,
            has_nan: true,
            saturates: false,
        }
    }

    /// True if the finite `x`, rounded to nearest (ties to even) with an
    /// unbounded exponent, has a magnitude above `max`.
    pub fn overflows(&self, x: f64) -> bool {
        x.abs() > self.overflow_tie || (x.abs() == self.overflow_tie && self.tie_overflows)
    }
}

/// The limits of a real float type; `None` for integers and complex types.
pub(crate) fn limits(dtype: DType) -> Option<Limits> {
    match dtype {
        DType::F16 => Some(Limits::new(
            f16::MIN.to_f64(),
            f16::MAX.to_f64(),
            f16::from_bits(f16::MAX.to_bits() - 1).to_f64(),
            u64::from(f16::MAX.to_bits()),
        )),
        DType::BF16 => Some(Limits::new(
            bf16::MIN.to_f64(),
            bf16::MAX.to_f64(),
            bf16::from_bits(bf16::MAX.to_bits() - 1).to_f64(),
            u64::from(bf16::MAX.to_bits()),
        )),
        DType::F32 => Some(Limits::new(
            f64::from(f32::MIN),
            f64::from(f32::MAX),
            f64::from(f32::from_bits(f32::MAX.to_bits() - 1)),
            u64::from(f32::MAX.to_bits()),
        )),
        // The tie is beyond f64's range: any finite f64 fits.
        DType::F64 => Some(Limits {
            overflow_tie: f64::INFINITY,
            tie_overflows: false,
            ..Limits::new(f64::MIN, f64::MAX, f64::MAX, 0)
        }),
        // A power of two with no mantissa: the next value up is 2 * max,
        // and ml_dtypes rounds the tie 1.5 * max (like every tie of this
        // format) up.
        DType::F8E8M0FNU => Some(Limits {
            min: f8e8m0fnu::MIN.to_f64(),
            max: f8e8m0fnu::MAX.to_f64(),
            overflow_tie: 1.5 * f8e8m0fnu::MAX.to_f64(),
            tie_overflows: true,
            has_inf: false,
            has_nan: true,
            saturates: false,
        }),
        _ => with_small_float!(dtype, T => Some(Limits {
            has_inf: T::has_inf(),
            has_nan: T::has_nan(),
            saturates: T::is_finite_only(),
            ..Limits::new(
                T::MIN.to_f64(),
                T::MAX.to_f64(),
                T::from_bits(T::MAX.to_bits() - 1).to_f64(),
                u64::from(T::MAX.to_bits()),
            )
        }), _ => None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_of_each_small_float() {
        let max = |d| limits(d).unwrap().max;
        assert_eq!(max(DType::F8E4M3FN), 448.0);
        assert_eq!(max(DType::F8E5M2), 57344.0);
        assert_eq!(max(DType::F8E4M3FNUZ), 240.0);
        assert_eq!(max(DType::F8E5M2FNUZ), 57344.0);
        assert_eq!(max(DType::F8E4M3B11FNUZ), 30.0);
        assert_eq!(max(DType::F8E4M3), 240.0);
        assert_eq!(max(DType::F8E3M4), 15.5);
        assert_eq!(max(DType::F8E8M0FNU), 2f64.powi(127));
        assert_eq!(limits(DType::F8E8M0FNU).unwrap().min, 2f64.powi(-127));
        assert_eq!(max(DType::F6E2M3FN), 7.5);
        assert_eq!(max(DType::F6E3M2FN), 28.0);
        assert_eq!(max(DType::F4E2M1FN), 6.0);
        assert_eq!(max(DType::F16), 65504.0);
        let f4 = limits(DType::F4E2M1FN).unwrap();
        assert!(f4.saturates && !f4.has_inf && !f4.has_nan);
        assert!(!f4.overflows(6.9) && f4.overflows(7.0) && f4.overflows(-7.0));
        // The overflow ties, as ml_dtypes rounds them.
        let tie = |d| {
            let l = limits(d).unwrap();
            (l.overflow_tie, l.tie_overflows)
        };
        assert_eq!(tie(DType::F8E4M3FN), (464.0, false));
        assert_eq!(tie(DType::F8E5M2), (61440.0, true));
        assert_eq!(tie(DType::F8E4M3FNUZ), (248.0, true));
        assert_eq!(tie(DType::F8E5M2FNUZ), (61440.0, true));
        assert_eq!(tie(DType::F8E4M3B11FNUZ), (31.0, true));
        assert_eq!(tie(DType::F8E4M3), (248.0, true));
        assert_eq!(tie(DType::F8E3M4), (15.75, true));
        assert_eq!(tie(DType::F8E8M0FNU), (1.5 * 2f64.powi(127), true));
        assert_eq!(tie(DType::F6E2M3FN), (7.75, true));
        assert_eq!(tie(DType::F6E3M2FN), (30.0, true));
        assert_eq!(tie(DType::F4E2M1FN), (7.0, true));
        assert_eq!(tie(DType::F16), (65520.0, true));
        assert_eq!(tie(DType::F32).0, 2f64.powi(128) - 2f64.powi(103));
        assert!(!limits(DType::F64).unwrap().overflows(f64::MAX));
        let e4m3fn = limits(DType::F8E4M3FN).unwrap();
        assert!(!e4m3fn.has_inf && e4m3fn.has_nan && !e4m3fn.saturates);
        assert!(limits(DType::S8).is_none() && limits(DType::C64).is_none());
        for d in DType::ALL {
            assert_eq!(limits(d).is_some(), d.is_float(), "{d}");
            assert_eq!(decode(d, 0).is_some(), d.is_small_float(), "{d}");
        }
    }

    #[test]
    fn round_to_odd_avoids_double_rounding() {
        // 464 is the tie between 448 and 480 (NaN) in f8E4M3FN: a value just
        // above it rounds to f32 464.0 exactly, and then (ties to even) to
        // 448; round-to-odd keeps it above the tie.
        let x = 464.000_001;
        assert_eq!(x as f32, 464.0);
        assert!(f64::from(round_to_odd_f32(x)) > 464.0);
        assert!(decode(DType::F8E4M3FN, encode(DType::F8E4M3FN, round_to_odd_f32(x)).unwrap())
            .unwrap()
            .is_nan());
        // Exact values and odd results are kept; signs and zeros too.
        assert_eq!(round_to_odd_f32(1.5), 1.5);
        assert_eq!(round_to_odd_f32(-0.0).to_bits(), (-0.0f32).to_bits());
        assert_eq!(round_to_odd_f32(1e-300), f32::from_bits(1));
        assert_eq!(round_to_odd_f32(-1e-300), -f32::from_bits(1));
        assert_eq!(round_to_odd_f32(1e300), f32::INFINITY);
        assert_eq!(round_to_odd_f32(f64::from(f32::MAX) * 1.000_000_01), f32::MAX);
        assert!(round_to_odd_f32(f64::NAN).is_nan());
    }
}
