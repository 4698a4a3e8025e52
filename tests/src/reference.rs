//! An independent reference implementation of jaxr's primitives in plain Rust.
//!
//! [`Array`] is a small row-major tensor: a shape, an element type and
//! [`Scalar`] values (an `f64` for float elements, an `i128` for integer and
//! `i1` elements). Every operation computes exactly (or in `f64`) and then
//! rounds the result to the element type: floats round to nearest even into
//! the type's precision and range ([`round_to`]), integers wrap modulo 2^bits
//! ([`wrap`]), as XLA does. Nothing here uses MLIR, the lowering or XLA: the
//! semantics are those of jax.lax and the StableHLO specification, written
//! out from their definitions.

use half::{bf16, f16};
use jaxr_dialect::ElemType;
use jaxr_runtime::{DType, HostTensor};

/// One element: `F` for float element types, `I` for integers and `i1` (0/1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    F(f64),
    I(i128),
}

impl Scalar {
    /// The float value (panics on an integer element).
    pub fn f(self) -> f64 {
        match self {
            Scalar::F(x) => x,
            Scalar::I(i) => panic!("expected a float element, found the integer {i}"),
        }
    }

    /// The integer value (panics on a float element).
    pub fn i(self) -> i128 {
        match self {
            Scalar::I(i) => i,
            Scalar::F(x) => panic!("expected an integer element, found the float {x}"),
        }
    }

    /// The value as `f64` (integers converted, possibly rounded).
    pub fn as_f64(self) -> f64 {
        match self {
            Scalar::F(x) => x,
            Scalar::I(i) => i as f64,
        }
    }
}

/// A dense row-major array of one element type.
#[derive(Clone, Debug, PartialEq)]
pub struct Array {
    pub elem: ElemType,
    pub shape: Vec<i64>,
    pub values: Vec<Scalar>,
}

// ---------------------------------------------------------------------------
// Element types: rounding, wrapping, bits
// ---------------------------------------------------------------------------

/// (precision in bits including the implicit one, minimum normal exponent,
/// maximum exponent) of a float type.
fn float_format(elem: ElemType) -> (i32, i32, i32) {
    match elem {
        ElemType::F16 => (11, -14, 15),
        ElemType::BF16 => (8, -126, 127),
        ElemType::F32 => (24, -126, 127),
        ElemType::F64 => (53, -1022, 1023),
        other => panic!("{other} is not a float type"),
    }
}

/// `x` rounded to nearest (ties to even) into the precision and range of the
/// float type `elem`, with gradual underflow and overflow to infinity.
pub fn round_to(elem: ElemType, x: f64) -> f64 {
    if elem == ElemType::F64 || !x.is_finite() || x == 0.0 {
        return x;
    }
    if elem == ElemType::F32 {
        return x as f32 as f64; // Rust's cast rounds to nearest even
    }
    let (precision, emin, emax) = float_format(elem);
    let exponent = (x.abs().log2().floor() as i32).max(emin);
    // log2 may be off by one near powers of two; fix the exponent exactly.
    let exponent = if x.abs() < 2f64.powi(exponent) { (exponent - 1).max(emin) } else { exponent };
    let exponent = if x.abs() >= 2f64.powi(exponent + 1) { exponent + 1 } else { exponent };
    let quantum = 2f64.powi(exponent - (precision - 1));
    let rounded = (x / quantum).round_ties_even() * quantum;
    if rounded.abs() >= 2f64.powi(emax + 1) {
        f64::INFINITY.copysign(x)
    } else if rounded == 0.0 {
        0.0f64.copysign(x)
    } else {
        rounded
    }
}

/// The exact integer `v` rounded to the float type `elem`.
fn int_to_float(elem: ElemType, v: i128) -> f64 {
    if v.unsigned_abs() < (1u128 << 53) {
        return round_to(elem, v as f64);
    }
    let (precision, _, _) = float_format(elem);
    let magnitude = v.unsigned_abs();
    let length = 128 - magnitude.leading_zeros() as i32;
    let shift = length - precision;
    let mut q = magnitude >> shift;
    let rest = magnitude & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    if rest > half || (rest == half && q & 1 == 1) {
        q += 1;
    }
    let value = q as f64 * 2f64.powi(shift);
    round_to(elem, if v < 0 { -value } else { value })
}

/// `v` reduced modulo 2^bits into the range of the integer type `elem`
/// (two's complement for signed types; 0/1 for `i1`).
pub fn wrap(elem: ElemType, v: i128) -> i128 {
    let bits = elem.bit_width();
    let modulus = 1i128 << bits;
    let r = v.rem_euclid(modulus);
    if elem.is_signed_int() && r >= modulus / 2 {
        r - modulus
    } else {
        r
    }
}

/// The bit pattern of `v` in the integer type `elem`.
fn bits_of(elem: ElemType, v: i128) -> u128 {
    v.rem_euclid(1i128 << elem.bit_width()) as u128
}

/// The bit pattern `b` read as a signed number of `elem`'s width.
fn signed_of(elem: ElemType, b: u128) -> i128 {
    let w = elem.bit_width();
    if b >> (w - 1) & 1 == 1 {
        b as i128 - (1i128 << w)
    } else {
        b as i128
    }
}

/// The smallest and largest value of an integer type.
pub fn int_range(elem: ElemType) -> (i128, i128) {
    let bits = elem.bit_width();
    if elem.is_signed_int() {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    } else {
        (0, (1i128 << bits) - 1)
    }
}

/// Rounds or wraps a value into `elem`.
fn normalize(elem: ElemType, v: Scalar) -> Scalar {
    match (elem.is_float(), v) {
        (true, Scalar::F(x)) => Scalar::F(round_to(elem, x)),
        (false, Scalar::I(i)) => Scalar::I(wrap(elem, i)),
        (true, Scalar::I(i)) => Scalar::F(int_to_float(elem, i)),
        (false, Scalar::F(x)) => panic!("a float value {x} for the integer type {elem}"),
    }
}

// ---------------------------------------------------------------------------
// Array basics
// ---------------------------------------------------------------------------

/// The number of elements of `shape`.
pub fn count(shape: &[i64]) -> usize {
    shape.iter().map(|&d| d as usize).product()
}

/// The multi-index of the flat position `flat` in `shape`.
fn unravel(mut flat: usize, shape: &[i64]) -> Vec<i64> {
    let mut index = vec![0; shape.len()];
    for d in (0..shape.len()).rev() {
        let size = shape[d] as usize;
        index[d] = (flat % size) as i64;
        flat /= size;
    }
    index
}

/// The flat position of `index` in `shape`.
fn ravel(index: &[i64], shape: &[i64]) -> usize {
    index.iter().zip(shape).fold(0usize, |acc, (&i, &d)| acc * d as usize + i as usize)
}

impl Array {
    /// An array from values, each rounded or wrapped into `elem`.
    pub fn new(elem: ElemType, shape: Vec<i64>, values: Vec<Scalar>) -> Array {
        assert_eq!(count(&shape), values.len(), "shape {shape:?} and {} values", values.len());
        let values = values.into_iter().map(|v| normalize(elem, v)).collect();
        Array { elem, shape, values }
    }

    /// Float values (rounded to `elem`).
    pub fn floats(elem: ElemType, shape: &[i64], values: &[f64]) -> Array {
        assert!(elem.is_float(), "{elem} is not a float type");
        Array::new(elem, shape.to_vec(), values.iter().map(|&x| Scalar::F(x)).collect())
    }

    /// Integer values (wrapped into `elem`).
    pub fn ints(elem: ElemType, shape: &[i64], values: &[i128]) -> Array {
        assert!(!elem.is_float(), "{elem} is not an integer type");
        Array::new(elem, shape.to_vec(), values.iter().map(|&x| Scalar::I(x)).collect())
    }

    /// `i1` values.
    pub fn bools(shape: &[i64], values: &[bool]) -> Array {
        Array::new(ElemType::I1, shape.to_vec(), values.iter().map(|&b| Scalar::I(i128::from(b))).collect())
    }

    /// A rank-0 array.
    pub fn scalar(elem: ElemType, value: Scalar) -> Array {
        Array::new(elem, Vec::new(), vec![value])
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn rank(&self) -> usize {
        self.shape.len()
    }

    /// The element at a multi-index.
    pub fn at(&self, index: &[i64]) -> Scalar {
        self.values[ravel(index, &self.shape)]
    }

    /// The MLIR type, e.g. `tensor<2x3xf32>`.
    pub fn type_string(&self) -> String {
        tensor_type(self.elem, &self.shape)
    }

    /// An array of `shape` whose element at each index is `f(index)`.
    fn build(elem: ElemType, shape: Vec<i64>, mut f: impl FnMut(&[i64]) -> Scalar) -> Array {
        let values = (0..count(&shape)).map(|flat| f(&unravel(flat, &shape))).collect();
        Array::new(elem, shape, values)
    }

    /// The values as `f64` (integers converted).
    pub fn to_f64(&self) -> Vec<f64> {
        self.values.iter().map(|v| v.as_f64()).collect()
    }

    /// The little-endian bytes of the elements, as a PJRT buffer holds them.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len() * dtype(self.elem).byte_size());
        for &v in &self.values {
            match self.elem {
                ElemType::F16 => out.extend(f16::from_f64(v.f()).to_bits().to_le_bytes()),
                ElemType::BF16 => out.extend(bf16::from_f64(v.f()).to_bits().to_le_bytes()),
                ElemType::F32 => out.extend((v.f() as f32).to_le_bytes()),
                ElemType::F64 => out.extend(v.f().to_le_bytes()),
                int => {
                    let bits = bits_of(int, v.i());
                    out.extend_from_slice(&bits.to_le_bytes()[..dtype(int).byte_size()]);
                }
            }
        }
        out
    }

    /// An array from little-endian bytes.
    pub fn from_bytes(elem: ElemType, shape: Vec<i64>, bytes: &[u8]) -> Array {
        let size = dtype(elem).byte_size();
        assert_eq!(bytes.len(), count(&shape) * size, "byte count of {}", tensor_type(elem, &shape));
        let values = bytes
            .chunks_exact(size)
            .map(|c| {
                let mut raw = [0u8; 16];
                raw[..size].copy_from_slice(c);
                let bits = u128::from_le_bytes(raw);
                match elem {
                    ElemType::F16 => Scalar::F(f16::from_bits(bits as u16).to_f64()),
                    ElemType::BF16 => Scalar::F(bf16::from_bits(bits as u16).to_f64()),
                    ElemType::F32 => Scalar::F(f64::from(f32::from_bits(bits as u32))),
                    ElemType::F64 => Scalar::F(f64::from_bits(bits as u64)),
                    int if int.is_signed_int() => Scalar::I(signed_of(int, bits)),
                    _ => Scalar::I(bits as i128),
                }
            })
            .collect();
        Array { elem, shape, values }
    }

    /// The host tensor PJRT takes as an argument.
    pub fn to_host(&self) -> HostTensor {
        HostTensor::new(dtype(self.elem), self.shape.clone(), self.to_bytes()).expect("a consistent tensor")
    }

    /// The array a PJRT result holds.
    pub fn from_host(t: &HostTensor) -> Array {
        Array::from_bytes(elem_type(t.dtype), t.shape.clone(), &t.data)
    }
}

/// `tensor<2x3xf32>`, `tensor<i1>`.
pub fn tensor_type(elem: ElemType, shape: &[i64]) -> String {
    let dims: String = shape.iter().map(|d| format!("{d}x")).collect();
    format!("tensor<{dims}{}>", elem.name())
}

/// The runtime's element type for `elem`.
pub fn dtype(elem: ElemType) -> DType {
    DType::from_mlir_name(elem.name()).expect("every element type has a DType")
}

/// The element type of a runtime dtype.
pub fn elem_type(d: DType) -> ElemType {
    d.mlir_name().parse().expect("every DType has an element type")
}

// ---------------------------------------------------------------------------
// Nullary
// ---------------------------------------------------------------------------

/// lax.iota: the index along `dimension`.
pub fn iota(elem: ElemType, shape: &[i64], dimension: usize) -> Array {
    Array::build(elem, shape.to_vec(), |i| Scalar::I(i128::from(i[dimension])))
}

// ---------------------------------------------------------------------------
// Elementwise
// ---------------------------------------------------------------------------

fn map1(x: &Array, out: ElemType, f: impl Fn(Scalar) -> Scalar) -> Array {
    Array::new(out, x.shape.clone(), x.values.iter().map(|&v| f(v)).collect())
}

fn map2(a: &Array, b: &Array, out: ElemType, f: impl Fn(Scalar, Scalar) -> Scalar) -> Array {
    assert_eq!(a.shape, b.shape, "elementwise operands must have one shape");
    Array::new(out, a.shape.clone(), a.values.iter().zip(&b.values).map(|(&x, &y)| f(x, y)).collect())
}

fn logistic(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// An elementwise unary primitive by mnemonic (neg, abs, sign, floor, ceil,
/// exp, exp2, log, log1p, expm1, sqrt, rsqrt, cbrt, sin, cos, tan, tanh,
/// logistic, not, square, population_count, clz, erf, erfc, erf_inv).
pub fn unary(op: &str, x: &Array) -> Array {
    let e = x.elem;
    map1(x, e, |v| match v {
        Scalar::F(a) => Scalar::F(match op {
            "neg" => -a,
            "abs" => a.abs(),
            // sign keeps ±0 and NaN.
            "sign" if a.is_nan() || a == 0.0 => a,
            "sign" => a.signum(),
            "floor" => a.floor(),
            "ceil" => a.ceil(),
            "exp" => a.exp(),
            "exp2" => a.exp2(),
            "log" => a.ln(),
            "log1p" => a.ln_1p(),
            "expm1" => a.exp_m1(),
            "sqrt" => a.sqrt(),
            "rsqrt" => 1.0 / a.sqrt(),
            "cbrt" => a.cbrt(),
            "sin" => a.sin(),
            "cos" => a.cos(),
            "tan" => a.tan(),
            "atan" => a.atan(),
            "tanh" => a.tanh(),
            "logistic" => logistic(a),
            "square" => a * a,
            "erf" => erf_f64(a),
            "erfc" => erfc_f64(a),
            "erf_inv" => erf_inv_f64(a),
            "lgamma" => lgamma_f64(a),
            "digamma" => digamma_f64(a),
            "bessel_i1e" => bessel_i1e_f64(a),
            other => panic!("{other} is not a float unary op"),
        }),
        Scalar::I(a) => Scalar::I(match op {
            "neg" => a.wrapping_neg(),
            "abs" => a.wrapping_abs(),
            "sign" => a.signum(),
            "not" if e == ElemType::I1 => 1 - a,
            "not" => !a,
            "square" => a.wrapping_mul(a),
            "population_count" => i128::from(bits_of(e, a).count_ones()),
            "clz" => i128::from(bits_of(e, a).leading_zeros() - (128 - e.bit_width())),
            other => panic!("{other} is not an integer unary op"),
        }),
    })
}

/// lax.round: half-way cases away from zero or to even.
pub fn round(x: &Array, to_nearest_even: bool) -> Array {
    map1(x, x.elem, |v| Scalar::F(if to_nearest_even { v.f().round_ties_even() } else { v.f().round() }))
}

/// lax.is_finite.
pub fn is_finite(x: &Array) -> Array {
    map1(x, ElemType::I1, |v| Scalar::I(i128::from(v.f().is_finite())))
}

/// lax.integer_pow: x^y for a constant integer y (x^0 = 1).
pub fn integer_pow(x: &Array, y: i64) -> Array {
    map1(x, x.elem, |v| match v {
        Scalar::F(a) => {
            let p = a.powi(y.unsigned_abs() as i32);
            Scalar::F(if y < 0 { 1.0 / p } else { p })
        }
        Scalar::I(a) => {
            let mut acc: i128 = 1;
            for _ in 0..y {
                acc = wrap(x.elem, acc.wrapping_mul(a));
            }
            Scalar::I(acc)
        }
    })
}

/// IEEE 754-2019 maximum (as StableHLO specifies): NaN propagates, and -0
/// is below +0.
pub fn ieee_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a > b || (a == b && b.is_sign_negative()) {
        a
    } else {
        b
    }
}

/// IEEE 754-2019 minimum: NaN propagates, and -0 is below +0.
pub fn ieee_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a < b || (a == b && a.is_sign_negative()) {
        a
    } else {
        b
    }
}

/// An integer binary op on exact values (before wrapping into `e`).
fn int_binary(op: &str, e: ElemType, a: i128, b: i128) -> i128 {
    let width = e.bit_width();
    let amount = bits_of(e, b); // shift amounts are read as unsigned
    match op {
        "add" => a.wrapping_add(b),
        "sub" => a.wrapping_sub(b),
        "mul" => a.wrapping_mul(b),
        // Integer division truncates toward zero. XLA defines x/0 as -1 (all
        // bits set) and x%0 as x; the tests keep divisors nonzero.
        "div" if b == 0 => -1,
        "div" => a / b,
        "rem" if b == 0 => a,
        "rem" => a % b,
        "pow" => int_pow(e, a, b),
        "max" => a.max(b),
        "min" => a.min(b),
        "and" => a & b,
        "or" => a | b,
        "xor" => a ^ b,
        // Shifting by the width or more gives 0 (left, logical) or the sign fill
        // (arithmetic), as StableHLO specifies.
        "shift_left" if amount >= u128::from(width) => 0,
        "shift_left" => (bits_of(e, a) << amount) as i128,
        "shift_right_logical" if amount >= u128::from(width) => 0,
        "shift_right_logical" => (bits_of(e, a) >> amount) as i128,
        "shift_right_arithmetic" => {
            // On the bit pattern, whatever the signedness of the type.
            let s = signed_of(e, bits_of(e, a));
            s >> amount.min(u128::from(width - 1))
        }
        other => panic!("{other} is not an integer binary op"),
    }
}

/// An integer power as XLA computes it: wrapping, by squaring; a negative
/// exponent gives 0 but for the bases 1 and -1.
fn int_pow(e: ElemType, a: i128, b: i128) -> i128 {
    if b < 0 {
        return match a {
            1 => 1,
            -1 if b % 2 == 0 => 1,
            -1 => -1,
            _ => 0,
        };
    }
    let (mut base, mut exponent, mut acc) = (a, b, 1i128);
    while exponent > 0 {
        if exponent & 1 == 1 {
            acc = wrap(e, acc.wrapping_mul(base));
        }
        base = wrap(e, base.wrapping_mul(base));
        exponent >>= 1;
    }
    acc
}

/// An elementwise binary primitive by mnemonic (add, sub, mul, div, rem,
/// pow, max, min, atan2, and, or, xor, shift_left, shift_right_logical,
/// shift_right_arithmetic).
pub fn binary(op: &str, a: &Array, b: &Array) -> Array {
    assert_eq!(a.elem, b.elem);
    let e = a.elem;
    map2(a, b, e, |x, y| match (x, y) {
        (Scalar::F(x), Scalar::F(y)) => Scalar::F(match op {
            "add" => x + y,
            "sub" => x - y,
            "mul" => x * y,
            "div" => x / y,
            "rem" => x % y, // fmod: the sign of the dividend
            "pow" => x.powf(y),
            "max" => ieee_max(x, y),
            "min" => ieee_min(x, y),
            "atan2" => x.atan2(y),
            "polygamma" => polygamma_f64(x, y),
            "zeta" => zeta_f64(x, y),
            "nextafter" => nextafter_in(e, x, y),
            other => panic!("{other} is not a float binary op"),
        }),
        (Scalar::I(x), Scalar::I(y)) => Scalar::I(int_binary(op, e, x, y)),
        _ => unreachable!("operands of one element type"),
    })
}

/// The comparison directions of lax.eq/ne/lt/le/gt/ge ("eq", ...).
pub fn compare(direction: &str, a: &Array, b: &Array) -> Array {
    map2(a, b, ElemType::I1, |x, y| {
        let r = match (x, y) {
            (Scalar::F(x), Scalar::F(y)) => match direction {
                "eq" => x == y,
                "ne" => x != y,
                "lt" => x < y,
                "le" => x <= y,
                "gt" => x > y,
                "ge" => x >= y,
                other => panic!("unknown direction {other}"),
            },
            (Scalar::I(x), Scalar::I(y)) => match direction {
                "eq" => x == y,
                "ne" => x != y,
                "lt" => x < y,
                "le" => x <= y,
                "gt" => x > y,
                "ge" => x >= y,
                other => panic!("unknown direction {other}"),
            },
            _ => unreachable!("operands of one element type"),
        };
        Scalar::I(i128::from(r))
    })
}

/// lax.select_n: `cases[which]` elementwise; a scalar selector picks whole
/// cases.
pub fn select_n(which: &Array, cases: &[&Array]) -> Array {
    let first = cases[0];
    Array::build(first.elem, first.shape.clone(), |i| {
        let w = if which.rank() == 0 { which.values[0] } else { which.at(i) };
        cases[w.i() as usize].at(i)
    })
}

/// lax.clamp(lo, x, hi) = min(max(x, lo), hi); lo and hi may be scalars.
pub fn clamp(lo: &Array, x: &Array, hi: &Array) -> Array {
    let pick = |b: &Array, i: &[i64]| if b.rank() == 0 { b.values[0] } else { b.at(i) };
    Array::build(x.elem, x.shape.clone(), |i| match (pick(lo, i), x.at(i), pick(hi, i)) {
        (Scalar::F(l), Scalar::F(v), Scalar::F(h)) => Scalar::F(ieee_min(ieee_max(v, l), h)),
        (Scalar::I(l), Scalar::I(v), Scalar::I(h)) => Scalar::I(v.max(l).min(h)),
        _ => unreachable!("operands of one element type"),
    })
}

/// lax.convert_element_type: floats round to nearest even, floats become
/// integers by truncation toward zero (saturating; NaN gives 0), integers
/// wrap, and anything becomes `i1` as `x != 0`.
pub fn convert(x: &Array, to: ElemType) -> Array {
    map1(x, to, |v| match (v, to) {
        (Scalar::F(a), ElemType::I1) => Scalar::I(i128::from(a != 0.0)),
        (Scalar::I(a), ElemType::I1) => Scalar::I(i128::from(a != 0)),
        (Scalar::F(a), t) if t.is_float() => Scalar::F(a),
        (Scalar::I(a), t) if t.is_float() => Scalar::F(int_to_float(t, a)),
        (Scalar::F(a), t) => {
            let (lo, hi) = int_range(t);
            Scalar::I(if a.is_nan() { 0 } else { (a.trunc().clamp(lo as f64, hi as f64)) as i128 })
        }
        (Scalar::I(a), _) => Scalar::I(a),
    })
}

/// lax.bitcast_convert_type: the same bytes read as another type. A narrower
/// type adds a trailing dimension (the wide element's bytes in memory order,
/// little-endian); a wider one consumes it.
pub fn bitcast_convert(x: &Array, to: ElemType) -> Array {
    let (from_bits, to_bits) = (x.elem.bit_width(), to.bit_width());
    let mut shape = x.shape.clone();
    if from_bits > to_bits {
        shape.push(i64::from(from_bits / to_bits));
    } else if from_bits < to_bits {
        assert_eq!(shape.pop(), Some(i64::from(to_bits / from_bits)), "the trailing dimension");
    }
    Array::from_bytes(to, shape, &x.to_bytes())
}

// ---------------------------------------------------------------------------
// Shape manipulation
// ---------------------------------------------------------------------------

/// lax.broadcast_in_dim: operand dimension i becomes result dimension dims[i].
pub fn broadcast_in_dim(x: &Array, shape: &[i64], dims: &[i64]) -> Array {
    Array::build(x.elem, shape.to_vec(), |out| {
        let src: Vec<i64> = dims
            .iter()
            .enumerate()
            .map(|(i, &d)| if x.shape[i] == 1 { 0 } else { out[d as usize] })
            .collect();
        x.at(&src)
    })
}

/// lax.reshape: the row-major order is kept.
pub fn reshape(x: &Array, shape: &[i64]) -> Array {
    assert_eq!(count(shape), x.len());
    Array { elem: x.elem, shape: shape.to_vec(), values: x.values.clone() }
}

/// lax.transpose: result dimension i is operand dimension perm[i].
pub fn transpose(x: &Array, perm: &[i64]) -> Array {
    let shape: Vec<i64> = perm.iter().map(|&p| x.shape[p as usize]).collect();
    Array::build(x.elem, shape, |out| {
        let mut src = vec![0; x.rank()];
        for (i, &p) in perm.iter().enumerate() {
            src[p as usize] = out[i];
        }
        x.at(&src)
    })
}

/// lax.rev: reverses the listed dimensions.
pub fn rev(x: &Array, dims: &[i64]) -> Array {
    Array::build(x.elem, x.shape.clone(), |out| {
        let mut src = out.to_vec();
        for &d in dims {
            src[d as usize] = x.shape[d as usize] - 1 - out[d as usize];
        }
        x.at(&src)
    })
}

/// lax.concatenate along `dim`.
pub fn concatenate(xs: &[&Array], dim: usize) -> Array {
    let mut shape = xs[0].shape.clone();
    shape[dim] = xs.iter().map(|x| x.shape[dim]).sum();
    Array::build(xs[0].elem, shape, |out| {
        let mut src = out.to_vec();
        for x in xs {
            if src[dim] < x.shape[dim] {
                return x.at(&src);
            }
            src[dim] -= x.shape[dim];
        }
        unreachable!("the index lies in some operand")
    })
}

/// lax.pad: `low`/`high` edge padding (negative crops) and `interior`
/// padding between elements, filled with the scalar `value`.
pub fn pad(x: &Array, value: &Array, low: &[i64], high: &[i64], interior: &[i64]) -> Array {
    let shape: Vec<i64> = (0..x.rank())
        .map(|i| {
            let d = x.shape[i];
            low[i] + high[i] + d + (d - 1).max(0) * interior[i]
        })
        .collect();
    Array::build(x.elem, shape, |out| {
        let mut src = Vec::with_capacity(x.rank());
        for i in 0..x.rank() {
            let t = out[i] - low[i];
            let step = interior[i] + 1;
            if t < 0 || t % step != 0 || t / step >= x.shape[i] {
                return value.values[0];
            }
            src.push(t / step);
        }
        x.at(&src)
    })
}

/// lax.slice with static start, limit and strides.
pub fn slice(x: &Array, start: &[i64], limit: &[i64], strides: &[i64]) -> Array {
    let shape: Vec<i64> =
        (0..x.rank()).map(|i| (limit[i] - start[i] + strides[i] - 1) / strides[i]).collect();
    Array::build(x.elem, shape, |out| {
        let src: Vec<i64> = (0..x.rank()).map(|i| start[i] + out[i] * strides[i]).collect();
        x.at(&src)
    })
}

/// Start indices clamped into [0, dim - size], as JAX and StableHLO do.
fn clamp_starts(starts: &[i128], shape: &[i64], sizes: &[i64]) -> Vec<i64> {
    starts
        .iter()
        .zip(shape.iter().zip(sizes))
        .map(|(&s, (&d, &n))| s.clamp(0, i128::from(d - n)) as i64)
        .collect()
}

/// lax.dynamic_slice: `sizes` elements from the (clamped) runtime starts.
pub fn dynamic_slice(x: &Array, starts: &[i128], sizes: &[i64]) -> Array {
    let starts = clamp_starts(starts, &x.shape, sizes);
    Array::build(x.elem, sizes.to_vec(), |out| {
        let src: Vec<i64> = out.iter().zip(&starts).map(|(o, s)| o + s).collect();
        x.at(&src)
    })
}

/// lax.dynamic_update_slice: `update` written at the (clamped) starts.
pub fn dynamic_update_slice(x: &Array, update: &Array, starts: &[i128]) -> Array {
    let starts = clamp_starts(starts, &x.shape, &update.shape);
    Array::build(x.elem, x.shape.clone(), |out| {
        let inside: Option<Vec<i64>> = out
            .iter()
            .zip(&starts)
            .zip(&update.shape)
            .map(|((&o, &s), &n)| (o >= s && o < s + n).then_some(o - s))
            .collect();
        match inside {
            Some(u) => update.at(&u),
            None => x.at(out),
        }
    })
}

// ---------------------------------------------------------------------------
// Reductions
// ---------------------------------------------------------------------------

/// For every result index, the values of `x` that reduce into it (in
/// row-major order), with the result shape.
fn groups(x: &Array, axes: &[usize]) -> (Vec<i64>, Vec<Vec<Scalar>>) {
    let kept: Vec<usize> = (0..x.rank()).filter(|d| !axes.contains(d)).collect();
    let shape: Vec<i64> = kept.iter().map(|&d| x.shape[d]).collect();
    let mut out = vec![Vec::new(); count(&shape)];
    for (flat, &v) in x.values.iter().enumerate() {
        let index = unravel(flat, &x.shape);
        let key: Vec<i64> = kept.iter().map(|&d| index[d]).collect();
        out[ravel(&key, &shape)].push(v);
    }
    (shape, out)
}

/// reduce_sum / reduce_max / reduce_min / reduce_prod / reduce_and /
/// reduce_or over `axes` ("sum", "max", ...). Float sums and products are
/// taken in f64 and rounded once.
pub fn reduce(op: &str, x: &Array, axes: &[usize]) -> Array {
    let e = x.elem;
    let (shape, groups) = groups(x, axes);
    let values = groups
        .iter()
        .map(|g| {
            if e.is_float() {
                let it = g.iter().map(|v| v.f());
                Scalar::F(match op {
                    "sum" => it.sum(),
                    "prod" => it.product(),
                    "max" => it.fold(f64::NEG_INFINITY, ieee_max),
                    "min" => it.fold(f64::INFINITY, ieee_min),
                    other => panic!("reduce_{other} does not take floats"),
                })
            } else {
                let (lo, hi) = int_range(e);
                let it = g.iter().map(|v| v.i());
                Scalar::I(match op {
                    "sum" => it.fold(0, |a, b| wrap(e, a + b)),
                    "prod" => it.fold(1, |a, b| wrap(e, a.wrapping_mul(b))),
                    "max" => it.fold(lo, i128::max),
                    "min" => it.fold(hi, i128::min),
                    "and" => it.fold(wrap(e, -1), |a, b| a & b),
                    "or" => it.fold(0, |a, b| a | b),
                    other => panic!("unknown reduction {other}"),
                })
            }
        })
        .collect();
    Array::new(e, shape, values)
}

/// lax.argmax / lax.argmin along `axis`: the index of the first extremum, a
/// NaN counting as the extremum (so the first NaN wins).
pub fn arg_reduce(is_max: bool, x: &Array, axis: usize, index: ElemType) -> Array {
    let (shape, groups) = groups(x, &[axis]);
    let values = groups
        .iter()
        .map(|g| {
            let mut best = 0;
            for (k, v) in g.iter().enumerate().skip(1) {
                let better = match (g[best], *v) {
                    (Scalar::F(b), Scalar::F(c)) => {
                        !b.is_nan() && (c.is_nan() || if is_max { c > b } else { c < b })
                    }
                    (Scalar::I(b), Scalar::I(c)) => {
                        if is_max {
                            c > b
                        } else {
                            c < b
                        }
                    }
                    _ => unreachable!(),
                };
                if better {
                    best = k;
                }
            }
            Scalar::I(best as i128)
        })
        .collect();
    Array::new(index, shape, values)
}

// ---------------------------------------------------------------------------
// Contraction
// ---------------------------------------------------------------------------

/// The dimension numbers of lax.dot_general.
#[derive(Clone, Debug, Default)]
pub struct DotDims {
    pub lhs_contracting: Vec<usize>,
    pub rhs_contracting: Vec<usize>,
    pub lhs_batch: Vec<usize>,
    pub rhs_batch: Vec<usize>,
}

/// lax.dot_general: the result has the batch dimensions, then lhs's free
/// dimensions, then rhs's, in order. Float products are summed in f64 from
/// +0 and rounded once into `out`; integers wrap in `out`. Without
/// contracting dimensions each element is its one product (no +0 is added:
/// XLA computes such a dot as a multiply, so `-0 * 3` stays `-0`).
pub fn dot_general(lhs: &Array, rhs: &Array, d: &DotDims, out: ElemType) -> Array {
    let free =
        |rank: usize, used: Vec<usize>| -> Vec<usize> { (0..rank).filter(|i| !used.contains(i)).collect() };
    let lhs_free = free(lhs.rank(), [d.lhs_batch.clone(), d.lhs_contracting.clone()].concat());
    let rhs_free = free(rhs.rank(), [d.rhs_batch.clone(), d.rhs_contracting.clone()].concat());
    let mut shape: Vec<i64> = d.lhs_batch.iter().map(|&i| lhs.shape[i]).collect();
    shape.extend(lhs_free.iter().map(|&i| lhs.shape[i]));
    shape.extend(rhs_free.iter().map(|&i| rhs.shape[i]));
    let k_shape: Vec<i64> = d.lhs_contracting.iter().map(|&i| lhs.shape[i]).collect();
    let nb = d.lhs_batch.len();
    Array::build(out, shape, |o| {
        let mut li = vec![0i64; lhs.rank()];
        let mut ri = vec![0i64; rhs.rank()];
        for (k, (&l, &r)) in d.lhs_batch.iter().zip(&d.rhs_batch).enumerate() {
            li[l] = o[k];
            ri[r] = o[k];
        }
        for (k, &l) in lhs_free.iter().enumerate() {
            li[l] = o[nb + k];
        }
        for (k, &r) in rhs_free.iter().enumerate() {
            ri[r] = o[nb + lhs_free.len() + k];
        }
        let (mut fsum, mut isum) = (0.0f64, 0i128);
        for flat in 0..count(&k_shape) {
            let k = unravel(flat, &k_shape);
            for (j, (&l, &r)) in d.lhs_contracting.iter().zip(&d.rhs_contracting).enumerate() {
                li[l] = k[j];
                ri[r] = k[j];
            }
            match (lhs.at(&li), rhs.at(&ri)) {
                (Scalar::F(a), Scalar::F(b)) if d.lhs_contracting.is_empty() => fsum = a * b,
                (Scalar::F(a), Scalar::F(b)) => fsum += a * b,
                (Scalar::I(a), Scalar::I(b)) => isum = wrap(out, isum + wrap(out, a.wrapping_mul(b))),
                _ => unreachable!(),
            }
        }
        if out.is_float() {
            Scalar::F(fsum)
        } else {
            Scalar::I(isum)
        }
    })
}

// ---------------------------------------------------------------------------
// Special functions: erf, erfc, erf_inv (in f64)
// ---------------------------------------------------------------------------

/// erfc(x) for x >= 2 by its continued fraction
/// erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))).
fn erfc_continued_fraction(x: f64) -> f64 {
    let mut tail = x;
    for n in (1..=300).rev() {
        tail = x + (n as f64 / 2.0) / tail;
    }
    (-x * x).exp() / std::f64::consts::PI.sqrt() / tail
}

/// erf(x) by its Taylor series (used for |x| < 2, where it loses at most a
/// digit to cancellation).
fn erf_series(x: f64) -> f64 {
    let (mut term, mut sum) = (x, x);
    for n in 1..200 {
        term *= -x * x / n as f64;
        let next = term / (2 * n + 1) as f64;
        sum += next;
        if next.abs() < 1e-18 * sum.abs() {
            break;
        }
    }
    2.0 / std::f64::consts::PI.sqrt() * sum
}

/// The error function.
pub fn erf_f64(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x.abs() < 2.0 {
        erf_series(x)
    } else {
        (1.0 - erfc_continued_fraction(x.abs())).copysign(x)
    }
}

/// The complementary error function 1 - erf(x), accurate for large x.
pub fn erfc_f64(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x >= 2.0 {
        erfc_continued_fraction(x)
    } else if x <= -2.0 {
        2.0 - erfc_continued_fraction(-x)
    } else {
        1.0 - erf_series(x)
    }
}

/// The inverse of erf on [-1, 1] (±inf at ±1, NaN outside), by bisection on
/// erf (or on erfc near ±1, where erf loses the digits that matter).
pub fn erf_inv_f64(y: f64) -> f64 {
    if y.is_nan() || y.abs() > 1.0 {
        return f64::NAN;
    }
    if y.abs() == 1.0 {
        return f64::INFINITY.copysign(y);
    }
    if y == 0.0 {
        return y;
    }
    let target = y.abs();
    let (mut lo, mut hi) = (0.0f64, 10.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        let below = if target > 0.5 { erfc_f64(mid) > 1.0 - target } else { erf_f64(mid) < target };
        if below {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (0.5 * (lo + hi)).copysign(y)
}

// ---------------------------------------------------------------------------
// Special functions: lgamma, digamma, polygamma, zeta, bessel_i1e (in f64);
// nextafter and reduce_precision (on the bits of the element type)
// ---------------------------------------------------------------------------

/// log |Gamma(x)| (libm's lgamma; +inf at the poles 0, -1, -2, ... and at
/// ±inf).
pub fn lgamma_f64(x: f64) -> f64 {
    libm::lgamma(x)
}

/// B_2, B_4, ..., B_16: the Bernoulli numbers of the asymptotic series.
const BERNOULLI: [f64; 8] = [
    1.0 / 6.0,
    -1.0 / 30.0,
    1.0 / 42.0,
    -1.0 / 30.0,
    5.0 / 66.0,
    -691.0 / 2730.0,
    7.0 / 6.0,
    -3617.0 / 510.0,
];

/// The digamma function Gamma'(x)/Gamma(x), with XLA's values at the poles:
/// -inf at ±0, NaN at -1, -2, ... and at -inf. The recurrence psi(x) = psi(x + 1) - 1/x
/// moves x to 10 or more, where the asymptotic series
/// ln x - 1/(2x) - sum B_2k / (2k x^2k) (8 terms) is exact to 1e-17;
/// x < 1/2 by the reflection psi(x) = psi(1 - x) - pi cot(pi x).
pub fn digamma_f64(x: f64) -> f64 {
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_nan() || x == f64::NEG_INFINITY || (x < 0.0 && x == x.floor()) {
        return f64::NAN;
    }
    if x == f64::INFINITY {
        return x;
    }
    if x < 0.5 {
        // cot(pi x) has period 1: reduce x to [-1/2, 1/2] exactly first.
        let r = x - x.round();
        return digamma_f64(1.0 - x) - std::f64::consts::PI / (std::f64::consts::PI * r).tan();
    }
    let (mut x, mut shift) = (x, 0.0);
    while x < 10.0 {
        shift -= 1.0 / x;
        x += 1.0;
    }
    let inv2 = 1.0 / (x * x);
    let (mut series, mut power) = (0.0, inv2);
    for (k, b) in BERNOULLI.iter().enumerate() {
        series += b / (2 * (k + 1)) as f64 * power;
        power *= inv2;
    }
    shift + x.ln() - 0.5 / x - series
}

/// The Hurwitz zeta function sum_{k >= 0} (q + k)^-x, with XLA's domain, in
/// its order of precedence: +inf at x = 1; at the poles (integer q <= 0)
/// +inf for even integer x, NaN otherwise; NaN for other q <= 0 unless x is
/// an integer; NaN for x < 1. For q > 0: the first 10 + ceil(x) terms, then
/// Euler-Maclaurin's tail (a^(1-x)/(x-1) + a^-x/2 + 8 Bernoulli terms,
/// a = q + 10 + ceil(x)), exact to about 1e-15.
pub fn zeta_f64(x: f64, q: f64) -> f64 {
    if x.is_nan() || q.is_nan() {
        return f64::NAN;
    }
    if x == 1.0 {
        return f64::INFINITY;
    }
    let x_is_integer = x == x.floor();
    if q <= 0.0 && q == q.floor() {
        return if x_is_integer && x % 2.0 == 0.0 { f64::INFINITY } else { f64::NAN };
    }
    if (q <= 0.0 && !x_is_integer) || x < 1.0 {
        return f64::NAN;
    }
    if q <= 0.0 {
        // An integer power of a negative base: sum the terms up to q > 0.
        assert!(q > -1e6, "zeta_f64 sums the terms of q = {q} one by one");
        let (mut q, mut sum) = (q, 0.0);
        while q <= 0.0 {
            sum += q.powf(-x);
            q += 1.0;
        }
        return sum + zeta_f64(x, q);
    }
    if x == f64::INFINITY {
        return if q < 1.0 {
            f64::INFINITY
        } else if q == 1.0 {
            1.0
        } else {
            0.0
        };
    }
    let n = 10 + x.ceil().min(200.0) as usize;
    let mut sum: f64 = (0..n).map(|k| (q + k as f64).powf(-x)).sum();
    let a = q + n as f64;
    sum += a.powf(1.0 - x) / (x - 1.0) + 0.5 * a.powf(-x);
    // sum_j B_2j / (2j)! x (x + 1) ... (x + 2j - 2) a^(-x - 2j + 1).
    let (mut factorial, mut rising, mut power) = (1.0, x, a.powf(-x - 1.0));
    for (j, b) in BERNOULLI.iter().enumerate() {
        let j = (j + 1) as f64;
        factorial *= (2.0 * j - 1.0) * (2.0 * j);
        sum += b / factorial * rising * power;
        rising *= (x + 2.0 * j - 1.0) * (x + 2.0 * j);
        power /= a * a;
    }
    sum
}

/// The polygamma function psi^(n)(x): digamma for n = 0,
/// (-1)^(n+1) n! zeta(n + 1, x) for n = 1, 2, ...; NaN unless n is a
/// natural number (XLA's definition).
pub fn polygamma_f64(n: f64, x: f64) -> f64 {
    if !n.is_finite() || x.is_nan() || n < 0.0 || n != n.floor() {
        return f64::NAN;
    }
    if n == 0.0 {
        return digamma_f64(x);
    }
    // 171! overflows.
    let factorial = (1..=n.min(171.0) as u64).fold(1.0, |acc, k| acc * k as f64);
    let sign = if n % 2.0 == 1.0 { 1.0 } else { -1.0 };
    sign * factorial * zeta_f64(n + 1.0, x)
}

/// e^-|x| I1(x), odd in x. For |x| <= 40 the power series
/// (x/2) sum (x^2/4)^k / (k! (k+1)!) (positive terms, nothing cancels);
/// beyond, the asymptotic series (2 pi |x|)^-1/2 sum_k t_k with
/// t_k = -t_(k-1) (4 - (2k-1)^2) / (8 k |x|), summed while its terms
/// decrease. Both agree with scipy's i1e within 3e-15.
pub fn bessel_i1e_f64(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let a = x.abs();
    let magnitude = if a <= 40.0 {
        let q = a * a / 4.0;
        let (mut term, mut sum) = (a / 2.0, a / 2.0);
        for k in 1..500 {
            term *= q / (k * (k + 1)) as f64;
            sum += term;
            if term < 1e-17 * sum {
                break;
            }
        }
        sum * (-a).exp()
    } else {
        let (mut term, mut sum) = (1.0f64, 1.0f64);
        for k in 1..60 {
            let odd = (2 * k - 1) as f64;
            let next = -term * (4.0 - odd * odd) / (8.0 * k as f64 * a);
            if next.abs() >= term.abs() {
                break;
            }
            term = next;
            sum += term;
        }
        sum / (2.0 * std::f64::consts::PI * a).sqrt()
    };
    magnitude.copysign(x)
}

/// (bit width, exponent bits, mantissa bits) of f16, bf16, f32, f64.
fn float_bits(elem: ElemType) -> (u32, u32, u32) {
    match elem {
        ElemType::F16 => (16, 5, 10),
        ElemType::BF16 => (16, 8, 7),
        ElemType::F32 => (32, 8, 23),
        ElemType::F64 => (64, 11, 52),
        other => panic!("{other} is not f16, bf16, f32 or f64"),
    }
}

/// The bits of a value of the float type `elem`.
fn float_to_bits(elem: ElemType, x: f64) -> u64 {
    match elem {
        ElemType::F16 => u64::from(f16::from_f64(x).to_bits()),
        ElemType::BF16 => u64::from(bf16::from_f64(x).to_bits()),
        ElemType::F32 => u64::from((x as f32).to_bits()),
        _ => x.to_bits(),
    }
}

/// The value of the float type `elem` with the bits `b`.
fn float_from_bits(elem: ElemType, b: u64) -> f64 {
    match elem {
        ElemType::F16 => f16::from_bits(b as u16).to_f64(),
        ElemType::BF16 => bf16::from_bits(b as u16).to_f64(),
        ElemType::F32 => f64::from(f32::from_bits(b as u32)),
        _ => f64::from_bits(b),
    }
}

/// lax.nextafter in the float type `elem`: NaN if either is NaN; y if
/// x == y (so the sign of a zero y); from ±0 the smallest subnormal with
/// y's sign; otherwise one step of the bit pattern toward y.
pub fn nextafter_in(elem: ElemType, x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    let (width, _, _) = float_bits(elem);
    let sign = 1u64 << (width - 1);
    if x == 0.0 {
        return float_from_bits(elem, (float_to_bits(elem, y) & sign) | 1);
    }
    let bits = float_to_bits(elem, x);
    // The magnitude shrinks toward a smaller |y| or across zero.
    let smaller = x.abs() > y.abs() || (x < 0.0) != (y < 0.0);
    float_from_bits(elem, if smaller { bits - 1 } else { bits + 1 })
}

/// stablehlo.reduce_precision of one value of `elem` (the StableHLO
/// specification's algorithm, on the bits): the mantissa rounded to
/// `mantissa_bits` (to nearest, ties to even), then values above the largest
/// finite number of an `exponent_bits` exponent become ±inf and values below
/// its smallest normal number ±0. NaN stays NaN (becomes +inf without
/// mantissa bits).
pub fn reduce_precision_in(elem: ElemType, x: f64, exponent_bits: u32, mantissa_bits: u32) -> f64 {
    let (width, src_exponent, src_mantissa) = float_bits(elem);
    let all = if width == 64 { u64::MAX } else { (1u64 << width) - 1 };
    let mut bits = float_to_bits(elem, x);
    if mantissa_bits < src_mantissa {
        let last = 1u64 << (src_mantissa - mantissa_bits);
        let bias = (last >> 1) - 1 + ((bits & last) >> (src_mantissa - mantissa_bits));
        bits = (bits.wrapping_add(bias) & !(last - 1)) & all;
    }
    if exponent_bits < src_exponent {
        let sign = 1u64 << (width - 1);
        let exponent_mask = ((1u64 << src_exponent) - 1) << src_mantissa;
        let bias = (1u64 << (src_exponent - 1)) - 1;
        let reduced_bias = (1u64 << (exponent_bits - 1)) - 1;
        let exponent = bits & exponent_mask;
        if exponent > (bias + reduced_bias) << src_mantissa {
            bits = (bits & sign) | exponent_mask;
        } else if exponent <= (bias - reduced_bias) << src_mantissa {
            bits &= sign;
        }
    }
    if x.is_nan() {
        return if mantissa_bits > 0 { x } else { f64::INFINITY };
    }
    float_from_bits(elem, bits)
}

/// lax.reduce_precision.
pub fn reduce_precision(x: &Array, exponent_bits: u32, mantissa_bits: u32) -> Array {
    map1(x, x.elem, |v| Scalar::F(reduce_precision_in(x.elem, v.f(), exponent_bits, mantissa_bits)))
}

// ---------------------------------------------------------------------------
// Gather and scatter (StableHLO's dimension numbers)
// ---------------------------------------------------------------------------

/// The dimension numbers of a gather.
#[derive(Clone, Debug, Default)]
pub struct GatherDims {
    pub offset_dims: Vec<usize>,
    pub collapsed_slice_dims: Vec<usize>,
    pub operand_batching_dims: Vec<usize>,
    pub start_indices_batching_dims: Vec<usize>,
    pub start_index_map: Vec<usize>,
    pub index_vector_dim: usize,
}

/// The index vector of `indices` for the batch position `batch` (the
/// indices' coordinates without `index_vector_dim`), `n` components long.
fn index_vector(indices: &Array, batch: &[i64], index_vector_dim: usize, n: usize) -> Vec<i128> {
    (0..n)
        .map(|k| {
            let mut at = batch.to_vec();
            if index_vector_dim < indices.rank() {
                at.insert(index_vector_dim, k as i64);
            }
            indices.at(&at).i()
        })
        .collect()
}

/// Where batching dimension `dim` of the indices sits among their
/// coordinates without `index_vector_dim`.
fn batch_position(dim: usize, index_vector_dim: usize) -> usize {
    if dim < index_vector_dim {
        dim
    } else {
        dim - 1
    }
}

/// stablehlo.gather: for each result index, the operand element at the
/// (clamped) start of its slice plus its offset in the slice.
pub fn gather(x: &Array, indices: &Array, d: &GatherDims, slice_sizes: &[i64]) -> Array {
    let batch_shape: Vec<i64> =
        (0..indices.rank()).filter(|&i| i != d.index_vector_dim).map(|i| indices.shape[i]).collect();
    let dropped: Vec<usize> =
        d.collapsed_slice_dims.iter().chain(&d.operand_batching_dims).copied().collect();
    let offset_shape: Vec<i64> =
        (0..x.rank()).filter(|i| !dropped.contains(i)).map(|i| slice_sizes[i]).collect();
    let rank = batch_shape.len() + offset_shape.len();
    let (mut b, mut o) = (batch_shape.iter(), offset_shape.iter());
    let shape: Vec<i64> = (0..rank)
        .map(|i| *if d.offset_dims.contains(&i) { o.next() } else { b.next() }.expect("sizes"))
        .collect();
    Array::build(x.elem, shape, |out| {
        let batch: Vec<i64> = (0..rank).filter(|i| !d.offset_dims.contains(i)).map(|i| out[i]).collect();
        let offsets: Vec<i64> = d.offset_dims.iter().map(|&i| out[i]).collect();
        let start = index_vector(indices, &batch, d.index_vector_dim, d.start_index_map.len());
        let mut at = vec![0i64; x.rank()];
        for (k, &dim) in d.start_index_map.iter().enumerate() {
            at[dim] = start[k].clamp(0, i128::from(x.shape[dim] - slice_sizes[dim])) as i64;
        }
        for (&od, &id) in d.operand_batching_dims.iter().zip(&d.start_indices_batching_dims) {
            at[od] += batch[batch_position(id, d.index_vector_dim)];
        }
        let mut next = offsets.iter();
        for (dim, slot) in at.iter_mut().enumerate() {
            if !dropped.contains(&dim) {
                *slot += next.next().expect("one offset per kept dimension");
            }
        }
        x.at(&at)
    })
}

/// The dimension numbers of a scatter.
#[derive(Clone, Debug, Default)]
pub struct ScatterDims {
    pub update_window_dims: Vec<usize>,
    pub inserted_window_dims: Vec<usize>,
    pub input_batching_dims: Vec<usize>,
    pub scatter_indices_batching_dims: Vec<usize>,
    pub scatter_dims_to_operand_dims: Vec<usize>,
    pub index_vector_dim: usize,
}

/// stablehlo.scatter with one operand, as XLA runs it: each update window
/// whose start lies in [0, dim - window size] in every dimension is combined
/// into the operand with `combine(old, update)`, in row-major order of the
/// updates; other windows are skipped whole.
pub fn scatter(
    x: &Array,
    indices: &Array,
    updates: &Array,
    d: &ScatterDims,
    combine: impl Fn(Scalar, Scalar) -> Scalar,
) -> Array {
    let dropped: Vec<usize> = d.inserted_window_dims.iter().chain(&d.input_batching_dims).copied().collect();
    let window_operand_dims: Vec<usize> = (0..x.rank()).filter(|i| !dropped.contains(i)).collect();
    let mut window_size = vec![1i64; x.rank()];
    for (&u, &od) in d.update_window_dims.iter().zip(&window_operand_dims) {
        window_size[od] = updates.shape[u];
    }
    let mut out = x.clone();
    for flat in 0..updates.len() {
        let u = unravel(flat, &updates.shape);
        let scatter_pos: Vec<i64> =
            (0..updates.rank()).filter(|i| !d.update_window_dims.contains(i)).map(|i| u[i]).collect();
        let start =
            index_vector(indices, &scatter_pos, d.index_vector_dim, d.scatter_dims_to_operand_dims.len());
        let mut base = vec![0i128; x.rank()];
        for (k, &dim) in d.scatter_dims_to_operand_dims.iter().enumerate() {
            base[dim] = start[k];
        }
        for (&od, &id) in d.input_batching_dims.iter().zip(&d.scatter_indices_batching_dims) {
            base[od] += i128::from(scatter_pos[batch_position(id, d.index_vector_dim)]);
        }
        let in_bounds = (0..x.rank())
            .all(|i| base[i] >= 0 && base[i] + i128::from(window_size[i]) <= i128::from(x.shape[i]));
        if !in_bounds {
            continue;
        }
        let mut at: Vec<i64> = base.iter().map(|&b| b as i64).collect();
        for (&uw, &od) in d.update_window_dims.iter().zip(&window_operand_dims) {
            at[od] += u[uw];
        }
        let slot = ravel(&at, &out.shape);
        out.values[slot] = normalize(out.elem, combine(out.values[slot], updates.values[flat]));
    }
    out
}

/// The combiner of lax.scatter_* ("replace", "add", "mul", "min", "max").
pub fn scatter_combiner(kind: &str, elem: ElemType) -> impl Fn(Scalar, Scalar) -> Scalar {
    let kind = kind.to_string();
    move |old, new| match (kind.as_str(), old, new) {
        ("replace", _, new) => new,
        ("add", Scalar::F(a), Scalar::F(b)) => Scalar::F(a + b),
        ("mul", Scalar::F(a), Scalar::F(b)) => Scalar::F(a * b),
        ("min", Scalar::F(a), Scalar::F(b)) => Scalar::F(ieee_min(a, b)),
        ("max", Scalar::F(a), Scalar::F(b)) => Scalar::F(ieee_max(a, b)),
        ("add", Scalar::I(a), Scalar::I(b)) => Scalar::I(wrap(elem, a + b)),
        ("mul", Scalar::I(a), Scalar::I(b)) => Scalar::I(wrap(elem, a.wrapping_mul(b))),
        ("min", Scalar::I(a), Scalar::I(b)) => Scalar::I(a.min(b)),
        ("max", Scalar::I(a), Scalar::I(b)) => Scalar::I(a.max(b)),
        (other, _, _) => panic!("unknown scatter kind {other}"),
    }
}

// ---------------------------------------------------------------------------
// Convolution and windowed reductions
// ---------------------------------------------------------------------------

/// The parameters of lax.conv_general_dilated (specs as in lax's
/// ConvDimensionNumbers; padding as (low, high) pairs).
#[derive(Clone, Debug, Default)]
pub struct ConvDims {
    pub window_strides: Vec<i64>,
    pub padding: Vec<(i64, i64)>,
    pub lhs_dilation: Vec<i64>,
    pub rhs_dilation: Vec<i64>,
    pub lhs_spec: Vec<usize>,
    pub rhs_spec: Vec<usize>,
    pub out_spec: Vec<usize>,
    pub feature_group_count: i64,
    pub batch_group_count: i64,
}

/// The number of windows along one dimension (StableHLO's rule).
fn windows(
    size: i64,
    window: i64,
    stride: i64,
    pad: (i64, i64),
    base_dilation: i64,
    window_dilation: i64,
) -> i64 {
    let dilated = if size == 0 { 0 } else { (size - 1) * base_dilation + 1 };
    let padded = pad.0 + dilated + pad.1;
    let dilated_window = if window == 0 { 0 } else { (window - 1) * window_dilation + 1 };
    if padded <= 0 || dilated_window > padded {
        0
    } else {
        (padded - dilated_window) / stride + 1
    }
}

/// The coordinate in the undilated input of position `q` of the padded,
/// dilated input, if `q` falls on an input element.
fn undilate(q: i64, low: i64, dilation: i64, size: i64) -> Option<i64> {
    let t = q - low;
    (t >= 0 && t % dilation == 0 && t / dilation < size).then_some(t / dilation)
}

/// lax.conv_general_dilated: out[b, f, o...] = sum over the input features
/// of f's group and the kernel window of lhs[b', c, o * stride + k *
/// rhs_dilation (in the padded, lhs-dilated input)] * rhs[f, c, k]. Float
/// sums are taken in f64 and rounded once into `out`; integers wrap.
pub fn conv_general_dilated(lhs: &Array, rhs: &Array, d: &ConvDims, out: ElemType) -> Array {
    let spatial = lhs.rank() - 2;
    let batch = lhs.shape[d.lhs_spec[0]];
    let features = lhs.shape[d.lhs_spec[1]];
    let out_features = rhs.shape[d.rhs_spec[0]];
    let kernel: Vec<i64> = (0..spatial).map(|i| rhs.shape[d.rhs_spec[2 + i]]).collect();
    let mut shape = vec![0i64; lhs.rank()];
    shape[d.out_spec[0]] = batch / d.batch_group_count;
    shape[d.out_spec[1]] = out_features;
    for i in 0..spatial {
        shape[d.out_spec[2 + i]] = windows(
            lhs.shape[d.lhs_spec[2 + i]],
            kernel[i],
            d.window_strides[i],
            d.padding[i],
            d.lhs_dilation[i],
            d.rhs_dilation[i],
        );
    }
    let group_features = features / d.feature_group_count;
    let per_feature_group = out_features / d.feature_group_count;
    let per_batch_group = out_features / d.batch_group_count;
    let out_batch = batch / d.batch_group_count;
    Array::build(out, shape, |o| {
        let f = o[d.out_spec[1]];
        let lhs_batch = (f / per_batch_group) * out_batch + o[d.out_spec[0]];
        let first_feature = (f / per_feature_group) * group_features;
        let (mut fsum, mut isum) = (0.0f64, 0i128);
        for c in 0..group_features {
            for flat in 0..count(&kernel) {
                let k = unravel(flat, &kernel);
                let mut li = vec![0i64; lhs.rank()];
                li[d.lhs_spec[0]] = lhs_batch;
                li[d.lhs_spec[1]] = first_feature + c;
                let mut inside = true;
                for i in 0..spatial {
                    let q = o[d.out_spec[2 + i]] * d.window_strides[i] + k[i] * d.rhs_dilation[i];
                    match undilate(q, d.padding[i].0, d.lhs_dilation[i], lhs.shape[d.lhs_spec[2 + i]]) {
                        Some(p) => li[d.lhs_spec[2 + i]] = p,
                        None => inside = false,
                    }
                }
                if !inside {
                    continue;
                }
                let mut ri = vec![0i64; rhs.rank()];
                ri[d.rhs_spec[0]] = f;
                ri[d.rhs_spec[1]] = c;
                for i in 0..spatial {
                    ri[d.rhs_spec[2 + i]] = k[i];
                }
                match (lhs.at(&li), rhs.at(&ri)) {
                    (Scalar::F(a), Scalar::F(b)) => fsum += a * b,
                    (Scalar::I(a), Scalar::I(b)) => isum = wrap(out, isum + wrap(out, a.wrapping_mul(b))),
                    _ => unreachable!(),
                }
            }
        }
        if out.is_float() {
            Scalar::F(fsum)
        } else {
            Scalar::I(isum)
        }
    })
}

/// A sliding window: sizes, strides, (low, high) padding, dilations.
#[derive(Clone, Debug, Default)]
pub struct Window {
    pub dimensions: Vec<i64>,
    pub strides: Vec<i64>,
    pub padding: Vec<(i64, i64)>,
    pub base_dilation: Vec<i64>,
    pub window_dilation: Vec<i64>,
}

/// stablehlo.reduce_window with one input: each result element folds
/// `combine` over its window, starting from `init`; positions of the
/// window that fall on padding or between dilated elements hold `init`.
/// Values are combined exactly (f64) and rounded once.
pub fn reduce_window(
    x: &Array,
    init: Scalar,
    w: &Window,
    combine: impl Fn(Scalar, Scalar) -> Scalar,
) -> Array {
    let shape: Vec<i64> = (0..x.rank())
        .map(|i| {
            windows(
                x.shape[i],
                w.dimensions[i],
                w.strides[i],
                w.padding[i],
                w.base_dilation[i],
                w.window_dilation[i],
            )
        })
        .collect();
    Array::build(x.elem, shape, |o| {
        let mut acc = init;
        for flat in 0..count(&w.dimensions) {
            let k = unravel(flat, &w.dimensions);
            let at: Option<Vec<i64>> = (0..x.rank())
                .map(|i| {
                    let q = o[i] * w.strides[i] + k[i] * w.window_dilation[i];
                    undilate(q, w.padding[i].0, w.base_dilation[i], x.shape[i])
                })
                .collect();
            acc = combine(acc, at.map_or(init, |at| x.at(&at)));
        }
        acc
    })
}

/// The combiner and identity of reduce_window_sum/max/min ("sum", "max",
/// "min") for an element type.
pub fn window_reducer(kind: &str, elem: ElemType) -> (Scalar, impl Fn(Scalar, Scalar) -> Scalar) {
    let (lo, hi) = if elem.is_float() { (0, 0) } else { int_range(elem) };
    let init = match (kind, elem.is_float()) {
        ("sum", true) => Scalar::F(0.0),
        ("sum", false) => Scalar::I(0),
        ("max", true) => Scalar::F(f64::NEG_INFINITY),
        ("max", false) => Scalar::I(lo),
        ("min", true) => Scalar::F(f64::INFINITY),
        ("min", false) => Scalar::I(hi),
        (other, _) => panic!("unknown window reduction {other}"),
    };
    (init, scatter_combiner(if kind == "sum" { "add" } else { kind }, elem))
}

// ---------------------------------------------------------------------------
// Sorting
// ---------------------------------------------------------------------------

/// An integer that orders floats as IEEE totalOrder does (-NaN < -inf < ...
/// < -0 < +0 < ... < inf < +NaN); integers as themselves.
fn total_order_key(v: Scalar) -> i128 {
    match v {
        Scalar::I(i) => i,
        Scalar::F(x) => {
            let bits = x.to_bits() as i64;
            i128::from(bits ^ (((bits >> 63) as u64) >> 1) as i64)
        }
    }
}

/// A sort key as lax.sort compares it: -0.0 as 0.0, every NaN as +NaN.
fn sort_key(v: Scalar) -> i128 {
    match v {
        Scalar::F(x) => {
            let canonical = if x.is_nan() {
                f64::NAN
            } else if x == 0.0 {
                0.0
            } else {
                x
            };
            total_order_key(Scalar::F(canonical))
        }
        other => total_order_key(other),
    }
}

/// Permutes every line along `dim` of each operand by the stable order of
/// `order(line positions)`.
fn permute_lines(
    operands: &[&Array],
    dim: usize,
    order: impl Fn(&[Vec<i128>]) -> Vec<usize>,
    keys: usize,
    key: fn(Scalar) -> i128,
) -> Vec<Array> {
    let shape = operands[0].shape.clone();
    let n = shape[dim] as usize;
    let mut outs: Vec<Array> = operands.iter().map(|a| (*a).clone()).collect();
    let mut line_shape = shape.clone();
    line_shape[dim] = 1;
    for flat in 0..count(&line_shape) {
        let base = unravel(flat, &line_shape);
        let at = |j: usize| {
            let mut i = base.clone();
            i[dim] = j as i64;
            ravel(&i, &shape)
        };
        let rows: Vec<Vec<i128>> =
            (0..n).map(|j| operands[..keys].iter().map(|a| key(a.values[at(j)])).collect()).collect();
        let perm = order(&rows);
        for (out, src) in outs.iter_mut().zip(operands) {
            for (j, &p) in perm.iter().enumerate() {
                out.values[at(j)] = src.values[at(p)];
            }
        }
    }
    outs
}

/// lax.sort: every operand permuted along `dim` by the stable lexicographic
/// order of the first `num_keys` operands (reversed when `descending`).
pub fn sort(operands: &[&Array], dim: usize, num_keys: usize, descending: bool) -> Vec<Array> {
    permute_lines(
        operands,
        dim,
        |rows| {
            let mut perm: Vec<usize> = (0..rows.len()).collect();
            perm.sort_by(|&a, &b| if descending { rows[b].cmp(&rows[a]) } else { rows[a].cmp(&rows[b]) });
            perm
        },
        num_keys,
        sort_key,
    )
}

/// lax.top_k along `axis`: the k largest in IEEE totalOrder, largest first,
/// equal values in index order; and their i32 indices.
pub fn top_k(x: &Array, k: usize, axis: usize) -> (Array, Array) {
    let iota_shape = x.shape.clone();
    let positions = Array::build(ElemType::I32, iota_shape, |i| Scalar::I(i128::from(i[axis])));
    let sorted = permute_lines(
        &[x, &positions],
        axis,
        |rows| {
            let mut perm: Vec<usize> = (0..rows.len()).collect();
            perm.sort_by(|&a, &b| rows[b].cmp(&rows[a]));
            perm
        },
        1,
        total_order_key,
    );
    let limit: Vec<i64> =
        x.shape.iter().enumerate().map(|(i, &d)| if i == axis { k as i64 } else { d }).collect();
    let starts = vec![0; x.rank()];
    let strides = vec![1; x.rank()];
    (slice(&sorted[0], &starts, &limit, &strides), slice(&sorted[1], &starts, &limit, &strides))
}

// ---------------------------------------------------------------------------
// JAX's threefry2x32 PRNG (jax/_src/prng.py, partitionable counters)
// ---------------------------------------------------------------------------

/// Threefry-2x32 with 20 rounds (Random123), as jax's threefry2x32_p.
pub fn threefry2x32(k0: u32, k1: u32, x0: u32, x1: u32) -> (u32, u32) {
    const ROTATIONS: [[u32; 4]; 2] = [[13, 15, 26, 6], [17, 29, 16, 24]];
    let ks = [k0, k1, k0 ^ k1 ^ 0x1BD1_1BDA];
    let (mut a, mut b) = (x0.wrapping_add(ks[0]), x1.wrapping_add(ks[1]));
    for i in 0..5 {
        for r in ROTATIONS[i % 2] {
            a = a.wrapping_add(b);
            b = b.rotate_left(r) ^ a;
        }
        a = a.wrapping_add(ks[(i + 1) % 3]);
        b = b.wrapping_add(ks[(i + 2) % 3]).wrapping_add(i as u32 + 1);
    }
    (a, b)
}

/// The cipher of counters (0, j) for j in 0..n under `key`.
pub fn hashed_counters(key: [u32; 2], n: usize) -> Vec<(u32, u32)> {
    (0..n).map(|j| threefry2x32(key[0], key[1], 0, j as u32)).collect()
}

/// jax.random.bits (32 bits).
pub fn random_bits(key: [u32; 2], n: usize) -> Vec<u32> {
    hashed_counters(key, n).into_iter().map(|(a, b)| a ^ b).collect()
}

/// jax.random.split.
pub fn random_split(key: [u32; 2], count: usize) -> Vec<[u32; 2]> {
    hashed_counters(key, count).into_iter().map(|(a, b)| [a, b]).collect()
}

/// jax.random.fold_in with a 32-bit value.
pub fn random_fold_in(key: [u32; 2], data: u32) -> [u32; 2] {
    let (a, b) = threefry2x32(key[0], key[1], 0, data);
    [a, b]
}

/// jax.random.uniform in f32.
pub fn random_uniform_f32(key: [u32; 2], n: usize, lo: f32, hi: f32) -> Vec<f32> {
    random_bits(key, n)
        .into_iter()
        .map(|w| {
            let f = f32::from_bits((w >> 9) | 0x3F80_0000) - 1.0;
            lo.max(f * (hi - lo) + lo)
        })
        .collect()
}

/// jax.random.uniform in f64 (64 random bits per value).
pub fn random_uniform_f64(key: [u32; 2], n: usize, lo: f64, hi: f64) -> Vec<f64> {
    hashed_counters(key, n)
        .into_iter()
        .map(|(a, b)| {
            let w = (u64::from(a) << 32) | u64::from(b);
            let f = f64::from_bits((w >> 12) | 0x3FF0_0000_0000_0000) - 1.0;
            lo.max(f * (hi - lo) + lo)
        })
        .collect()
}

/// jax.random.normal in f64 arithmetic: sqrt(2) erf_inv(uniform(nextafter(-1, 0), 1)).
pub fn random_normal(key: [u32; 2], n: usize, elem: ElemType) -> Vec<f64> {
    let u: Vec<f64> = if elem == ElemType::F32 {
        random_uniform_f32(key, n, -(1.0 - f32::EPSILON / 2.0), 1.0).into_iter().map(f64::from).collect()
    } else {
        random_uniform_f64(key, n, -(1.0 - f64::EPSILON / 2.0), 1.0)
    };
    u.into_iter().map(|x| std::f64::consts::SQRT_2 * erf_inv_f64(x)).collect()
}

/// jax.random.randint for i32.
pub fn random_randint_i32(key: [u32; 2], n: usize, lo: i32, hi: i32) -> Vec<i32> {
    let keys = random_split(key, 2);
    let higher = random_bits(keys[0], n);
    let lower = random_bits(keys[1], n);
    let span = if hi <= lo { 1 } else { hi.wrapping_sub(lo) as u32 };
    let m = (1u32 << 16) % span;
    let multiplier = m.wrapping_mul(m) % span;
    higher
        .into_iter()
        .zip(lower)
        .map(|(h, l)| {
            let offset = ((h % span).wrapping_mul(multiplier).wrapping_add(l % span)) % span;
            lo.wrapping_add(offset as i32)
        })
        .collect()
}
