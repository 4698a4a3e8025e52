//! Text forms of tensors: `iree-run-module`-style literals in, NumPy-like
//! nested lists out.
//!
//! * [`parse_literal`]: `2x3xf32=1 2 3 4 5 6`, `f32=2.5`, `4xi1=1 0 true false`,
//!   `2x2xf32=1` (one value is splatted), `f32=inf`, `f64=nan`,
//!   `3xcomplex<f32>=1+2j -3.5j 4`, `2xf8E4M3FN=0.5 448`, `2xi4=-8 7`.
//! * [`format_tensor`]: `tensor<2x3xf32> = [[1, 2, 3], [4, 5, 6]]`.
//! * [`format_literal`]: the inverse of [`parse_literal`], `2x3xf32=1 2 3 4 5 6`.

use half::{bf16, f16};
use num_complex::Complex;

use crate::dtype::{split_shaped, DType};
use crate::error::{Result, RuntimeError};
use crate::minifloat::{self, Limits};
use crate::tensor::{
    checked_element_count, low_bits_mask, sub_byte_int, tensor_type_string, Element, HostTensor,
};

fn literal_err(literal: &str, reason: impl Into<String>) -> RuntimeError {
    RuntimeError::Literal { literal: literal.to_string(), reason: reason.into() }
}

/// Parses an `iree-run-module`-style literal: `[DIMx]*TYPE=VALUES`.
///
/// * dims are non-negative decimal integers, `TYPE` an MLIR element type
///   (any of [`DType::ALL`]: `i1`, `i2`, `i4`, `i8` ... `i64`, `ui2` ...
///   `ui64`, `f16`, `bf16`, `f32`, `f64`, `f8E4M3FN` ... `f4E2M1FN`,
///   `complex<f32>`, `complex<f64>`); a wrapping `tensor<...>` is accepted too;
/// * values are separated by spaces or commas (brackets are ignored) and
///   listed in row-major order; exactly one value fills ("splats") the
///   whole tensor;
/// * `i1` values are `0`, `1`, `true`, `false`; integers are decimal and
///   range-checked (`i4` holds -8..7, `ui2` 0..3, ...);
/// * floats accept decimals with exponents, `inf`, `-inf` and `nan`, rounded
///   to nearest (ties to even) in the element type: `f16`/`bf16` from the
///   `f64` value, `f32` directly from the text, the 8/6/4-bit floats by
///   `microfloat` from the `f64` value (through `f32` with round-to-odd, so
///   without double rounding). A finite value that rounds beyond the type's
///   largest finite value, `inf` for a type without infinities and `nan`
///   for one without NaN are errors that name the type's range (so
///   `f16=70000` is an error while `f16=inf` is infinity);
/// * complex values are written as in Python/NumPy, without spaces:
///   `1+2j`, `1-2j`, `-3.5j` (real part 0), `4` (imaginary part 0), `j`,
///   `nan+infj`, optionally in parentheses: `(1+2j)`. Each part is read as
///   an `f32` (`complex<f32>`) or `f64` (`complex<f64>`) with the rules above.
///
/// A wrong number of values is an error naming the expected and found counts.
pub fn parse_literal(s: &str) -> Result<HostTensor> {
    let (dtype, shape) = literal_type(s)?;
    let values_part = s.trim().split_once('=').map_or("", |(_, v)| v);
    let count = checked_element_count(&shape, dtype).map_err(|e| literal_err(s, e.to_string()))?;

    let cleaned: String =
        values_part.chars().map(|c| if matches!(c, '[' | ']' | ',') { ' ' } else { c }).collect();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let type_str = tensor_type_string(dtype, &shape);
    let splat = tokens.len() == 1 && count != 1;
    if tokens.len() != count && !splat {
        return Err(literal_err(
            s,
            format!(
                "{type_str} expects {count} value{} (or 1 to splat), found {}",
                if count == 1 { "" } else { "s" },
                tokens.len()
            ),
        ));
    }
    let mut one = Vec::with_capacity(16);
    let mut data = Vec::with_capacity(count.saturating_mul(dtype.byte_size()));
    if splat {
        // `tokens.len() == 1` here.
        push_value(s, dtype, tokens[0], &mut one)?;
        for _ in 0..count {
            data.extend_from_slice(&one);
        }
    } else {
        for tok in tokens {
            push_value(s, dtype, tok, &mut data)?;
        }
    }
    HostTensor::new(dtype, shape, data)
}

/// The element type and shape a literal announces before its `=`, read
/// without reading (or allocating) its values: a caller can check them
/// against what it expects first.
pub fn literal_type(s: &str) -> Result<(DType, Vec<i64>)> {
    let text = s.trim();
    let (type_part, _) = text
        .split_once('=')
        .ok_or_else(|| literal_err(s, "expected `<dims>x<type>=<values>`, e.g. `2x3xf32=1 2 3 4 5 6`"))?;
    let mut type_part = type_part.trim();
    if let Some(inner) = type_part.strip_prefix("tensor<").and_then(|t| t.strip_suffix('>')) {
        type_part = inner.trim();
    }
    if type_part.is_empty() {
        return Err(literal_err(s, "missing element type before `=`"));
    }
    let (pieces, type_name) = split_shaped(type_part);
    let type_name = type_name.trim();
    let dtype = DType::from_mlir_name(type_name).ok_or_else(|| {
        literal_err(s, format!("unknown element type {type_name:?} (known: {})", DType::known_names()))
    })?;
    let mut shape = Vec::with_capacity(pieces.len());
    for p in pieces {
        let p = p.trim();
        let d: i64 = p.parse().map_err(|_| {
            literal_err(s, format!("bad dimension {p:?} (dimensions must be non-negative integers)"))
        })?;
        if d < 0 {
            return Err(literal_err(s, format!("negative dimension {d}")));
        }
        shape.push(d);
    }
    checked_element_count(&shape, dtype).map_err(|e| literal_err(s, e.to_string()))?;
    Ok((dtype, shape))
}

fn parse_int<T: TryFrom<i128>>(literal: &str, dtype: DType, tok: &str) -> Result<T> {
    let digits = tok.strip_prefix('+').unwrap_or(tok);
    let wide: i128 =
        digits.parse().map_err(|_| literal_err(literal, format!("{tok:?} is not a {dtype} integer")))?;
    T::try_from(wide).map_err(|_| literal_err(literal, format!("{tok} is out of range for {dtype}")))
}

/// An `i2`/`i4`/`ui2`/`ui4` value as its one byte (the low bits).
fn parse_sub_byte_int(literal: &str, dtype: DType, tok: &str) -> Result<u8> {
    let v: i64 = parse_int(literal, dtype, tok)?;
    let bits = dtype.bit_width() as u32;
    let (lo, hi) = if dtype.is_signed_int() {
        (-(1i64 << (bits - 1)), (1i64 << (bits - 1)) - 1)
    } else {
        (0, (1i64 << bits) - 1)
    };
    if !(lo..=hi).contains(&v) {
        return Err(literal_err(literal, format!("{tok} is out of range for {dtype} ({lo} to {hi})")));
    }
    Ok((v as u8) & low_bits_mask(dtype))
}

fn parse_float(literal: &str, dtype: DType, tok: &str) -> Result<f64> {
    tok.parse::<f64>().map_err(|_| literal_err(literal, format!("{tok:?} is not a {dtype} number")))
}

/// A number for error messages: plain up to 1e16, else with an exponent.
fn short_number(v: f64) -> String {
    if v != 0.0 && !(1e-5..1e16).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

fn range_text(limits: &Limits) -> String {
    let mut text = format!("finite values {} to {}", short_number(limits.min), short_number(limits.max));
    if !limits.has_inf {
        text.push_str(", no infinities");
    }
    if !limits.has_nan {
        text.push_str(", no NaN");
    }
    text
}

/// Reads the float `tok` for the real float type `dtype` (or a part of a
/// complex one): `round` rounds the `f64` value to the type and returns the
/// encoded result and its value. Refuses what the type cannot hold.
fn checked_float<B>(literal: &str, dtype: DType, tok: &str, round: impl Fn(f64) -> (B, f64)) -> Result<B> {
    let x = parse_float(literal, dtype, tok)?;
    // Only called for float types, which all have limits.
    let limits =
        minifloat::limits(dtype).ok_or_else(|| literal_err(literal, format!("{dtype} is not a float")))?;
    let unsigned = tok.trim_start_matches(['+', '-']);
    let inf_text = unsigned.eq_ignore_ascii_case("inf") || unsigned.eq_ignore_ascii_case("infinity");
    if x.is_nan() && !limits.has_nan {
        return Err(literal_err(literal, format!("{dtype} has no NaN ({})", range_text(&limits))));
    }
    if inf_text && !limits.has_inf {
        return Err(literal_err(literal, format!("{dtype} has no infinity ({})", range_text(&limits))));
    }
    let (bits, value) = round(x);
    // A finite number (`1e400` too, which is infinite as an f64) must round
    // to a finite value: no overflow to infinity or NaN (or to the largest
    // value, in the saturating formats), and no NaN for what f8E8M0FNU
    // cannot hold (zero, negative numbers, values below 2^-127).
    let finite_text = !x.is_nan() && !inf_text;
    if finite_text && (limits.overflows(x) || !value.is_finite()) {
        return Err(literal_err(
            literal,
            format!("{tok} is out of range for {dtype} ({})", range_text(&limits)),
        ));
    }
    Ok(bits)
}

fn parse_f32(literal: &str, dtype: DType, tok: &str) -> Result<f32> {
    checked_float(literal, dtype, tok, |x| {
        // Parse directly at f32 precision (no double rounding via f64).
        let v = tok.parse::<f32>().unwrap_or(x as f32);
        (v, f64::from(v))
    })
}

fn parse_f64(literal: &str, dtype: DType, tok: &str) -> Result<f64> {
    checked_float(literal, dtype, tok, |x| (x, x))
}

/// Splits a Python-style complex literal into its real and imaginary text:
/// `1+2j` -> (`1`, `+2`), `-3.5j` -> (``, `-3.5`), `4` -> (`4`, ``),
/// `j` -> (``, `1`).
fn split_complex(tok: &str) -> (&str, Option<&str>) {
    let tok = tok.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(tok);
    let Some(body) = tok.strip_suffix(['j', 'J']) else {
        return (tok, None);
    };
    // The imaginary part starts at the last sign that is not the first
    // character and does not follow an exponent marker.
    let b = body.as_bytes();
    let split = (1..b.len()).rev().find(|&i| matches!(b[i], b'+' | b'-') && !matches!(b[i - 1], b'e' | b'E'));
    match split {
        Some(i) => (&body[..i], Some(&body[i..])),
        None => ("", Some(body)),
    }
}

fn parse_complex<T: Default>(
    literal: &str,
    dtype: DType,
    tok: &str,
    part: impl Fn(&str) -> Result<T>,
) -> Result<Complex<T>> {
    let (re, im) = split_complex(tok);
    // A bare `j`, `+j` or `-j` means one.
    let im = match im {
        Some(sign @ ("" | "+" | "-")) => Some(format!("{sign}1")),
        other => other.map(str::to_string),
    };
    let number = |t: &str| t.parse::<f64>().is_ok();
    if (re.is_empty() && im.is_none())
        || (!re.is_empty() && !number(re))
        || im.as_deref().is_some_and(|t| !number(t))
    {
        return Err(literal_err(
            literal,
            format!("{tok:?} is not a {dtype} number (write e.g. 1+2j, 1-2j, -3.5j or 4, without spaces)"),
        ));
    }
    let re = if re.is_empty() { T::default() } else { part(re)? };
    let im = match im {
        Some(text) => part(&text)?,
        None => T::default(),
    };
    Ok(Complex::new(re, im))
}

fn parse_small_float(literal: &str, dtype: DType, tok: &str) -> Result<u8> {
    let encode = |v: f32| minifloat::encode(dtype, v).unwrap_or(0);
    let decode = |bits: u8| minifloat::decode(dtype, bits).unwrap_or(f64::NAN);
    checked_float(literal, dtype, tok, |x| {
        let mut bits = encode(minifloat::round_to_odd_f32(x));
        // microfloat 0.1.3 rounds the overflow tie of f8E4M3FN, 464, to NaN
        // where ml_dtypes and XLA round to even, to 448: a magnitude above
        // max that does not overflow rounds to max.
        if let Some(l) = minifloat::limits(dtype) {
            if !decode(bits).is_finite() && x.abs() > l.max && !l.overflows(x) {
                bits = encode(l.max.copysign(x) as f32);
            }
        }
        (bits, decode(bits))
    })
}

fn push_value(literal: &str, dtype: DType, tok: &str, out: &mut Vec<u8>) -> Result<()> {
    match dtype {
        DType::Pred => {
            let v = match tok {
                "1" | "true" | "True" | "TRUE" => true,
                "0" | "false" | "False" | "FALSE" => false,
                _ => {
                    return Err(literal_err(
                        literal,
                        format!("{tok:?} is not an i1 value (use 0, 1, true or false)"),
                    ))
                }
            };
            v.put_le(out);
        }
        DType::S8 => parse_int::<i8>(literal, dtype, tok)?.put_le(out),
        DType::S16 => parse_int::<i16>(literal, dtype, tok)?.put_le(out),
        DType::S32 => parse_int::<i32>(literal, dtype, tok)?.put_le(out),
        DType::S64 => parse_int::<i64>(literal, dtype, tok)?.put_le(out),
        DType::U8 => parse_int::<u8>(literal, dtype, tok)?.put_le(out),
        DType::U16 => parse_int::<u16>(literal, dtype, tok)?.put_le(out),
        DType::U32 => parse_int::<u32>(literal, dtype, tok)?.put_le(out),
        DType::U64 => parse_int::<u64>(literal, dtype, tok)?.put_le(out),
        DType::S2 | DType::S4 | DType::U2 | DType::U4 => out.push(parse_sub_byte_int(literal, dtype, tok)?),
        DType::F16 => checked_float(literal, dtype, tok, |x| {
            let v = f16::from_f64(x);
            (v, v.to_f64())
        })?
        .put_le(out),
        DType::BF16 => checked_float(literal, dtype, tok, |x| {
            let v = bf16::from_f64(x);
            (v, v.to_f64())
        })?
        .put_le(out),
        DType::F32 => parse_f32(literal, dtype, tok)?.put_le(out),
        DType::F64 => parse_f64(literal, dtype, tok)?.put_le(out),
        DType::F8E4M3FN
        | DType::F8E5M2
        | DType::F8E4M3FNUZ
        | DType::F8E5M2FNUZ
        | DType::F8E4M3B11FNUZ
        | DType::F8E4M3
        | DType::F8E3M4
        | DType::F8E8M0FNU
        | DType::F6E2M3FN
        | DType::F6E3M2FN
        | DType::F4E2M1FN => out.push(parse_small_float(literal, dtype, tok)?),
        DType::C64 => parse_complex(literal, dtype, tok, |t| parse_f32(literal, DType::F32, t))?.put_le(out),
        DType::C128 => parse_complex(literal, dtype, tok, |t| parse_f64(literal, DType::F64, t))?.put_le(out),
    }
    Ok(())
}

/// The shortest decimal (printed like Rust's float `Display`, without an
/// exponent) that [`parse_literal`] reads back to exactly `bytes` in
/// `dtype`; `inf`, `-inf` and `NaN` for the special values.
fn shortest_float(dtype: DType, value: f64, bytes: &[u8]) -> String {
    if !value.is_finite() {
        return format!("{}", value as f32);
    }
    let mut back = Vec::with_capacity(bytes.len());
    for precision in 0..17 {
        let candidate = format!("{value:.precision$e}");
        if let Ok(parsed) = candidate.parse::<f64>() {
            let text = format!("{parsed}");
            back.clear();
            if push_value("", dtype, &text, &mut back).is_ok() && back == bytes {
                return text;
            }
        }
    }
    format!("{value}")
}

/// A complex part as NumPy prints it: `nan`, `inf`, `-inf`, else `Display`.
fn complex_part(v: f64, display: String) -> String {
    if v.is_nan() {
        "nan".to_string()
    } else if v.is_infinite() {
        if v < 0.0 { "-inf" } else { "inf" }.to_string()
    } else {
        display
    }
}

/// `re+imj` / `re-imj`, both parts always written.
fn complex_string(re: String, im: String) -> String {
    match im.strip_prefix('-') {
        Some(abs) => format!("{re}-{abs}j"),
        None => format!("{re}+{im}j"),
    }
}

/// The text of every element, in row-major order.
fn element_strings(t: &HostTensor) -> Vec<String> {
    fn each<T: Element>(data: &[u8], f: impl Fn(T) -> String) -> Vec<String> {
        data.chunks_exact(T::DTYPE.byte_size()).map(|c| f(T::get_le(c))).collect()
    }
    let d = &t.data;
    let dtype = t.dtype;
    let shortest = |size: usize, value: fn(&[u8]) -> f64| -> Vec<String> {
        d.chunks_exact(size).map(|c| shortest_float(dtype, value(c), c)).collect()
    };
    match dtype {
        DType::Pred => each::<bool>(d, |v| v.to_string()),
        DType::S8 => each::<i8>(d, |v| v.to_string()),
        DType::S16 => each::<i16>(d, |v| v.to_string()),
        DType::S32 => each::<i32>(d, |v| v.to_string()),
        DType::S64 => each::<i64>(d, |v| v.to_string()),
        DType::U8 => each::<u8>(d, |v| v.to_string()),
        DType::U16 => each::<u16>(d, |v| v.to_string()),
        DType::U32 => each::<u32>(d, |v| v.to_string()),
        DType::U64 => each::<u64>(d, |v| v.to_string()),
        DType::S2 | DType::S4 | DType::U2 | DType::U4 => {
            d.iter().map(|b| sub_byte_int(dtype, *b).to_string()).collect()
        }
        DType::F16 => shortest(2, |c| f16::get_le(c).to_f64()),
        DType::BF16 => shortest(2, |c| bf16::get_le(c).to_f64()),
        DType::F32 => each::<f32>(d, |v| v.to_string()),
        DType::F64 => each::<f64>(d, |v| v.to_string()),
        DType::F8E4M3FN
        | DType::F8E5M2
        | DType::F8E4M3FNUZ
        | DType::F8E5M2FNUZ
        | DType::F8E4M3B11FNUZ
        | DType::F8E4M3
        | DType::F8E3M4
        | DType::F8E8M0FNU
        | DType::F6E2M3FN
        | DType::F6E3M2FN
        | DType::F4E2M1FN => d
            .iter()
            .map(|b| shortest_float(dtype, minifloat::decode(dtype, *b).unwrap_or(f64::NAN), &[*b]))
            .collect(),
        DType::C64 => each::<Complex<f32>>(d, |v| {
            complex_string(
                complex_part(f64::from(v.re), v.re.to_string()),
                complex_part(f64::from(v.im), v.im.to_string()),
            )
        }),
        DType::C128 => each::<Complex<f64>>(d, |v| {
            complex_string(complex_part(v.re, v.re.to_string()), complex_part(v.im, v.im.to_string()))
        }),
    }
}

fn nest(out: &mut String, dims: &[usize], elems: &[String]) {
    match dims.split_first() {
        None => out.push_str(elems.first().map(String::as_str).unwrap_or("")),
        Some((&n, rest)) => {
            let inner: usize = rest.iter().product();
            out.push('[');
            for i in 0..n {
                if i > 0 {
                    out.push_str(", ");
                }
                let chunk = elems.get(i * inner..(i + 1) * inner).unwrap_or(&[]);
                nest(out, rest, chunk);
            }
            out.push(']');
        }
    }
}

/// Formats a tensor as `tensor<2x3xf32> = [[1, 2, 3], [4, 5, 6]]` (NumPy-like
/// nesting; a scalar is `tensor<f32> = 2.5`).
///
/// Floats are printed as the shortest decimal that [`parse_literal`] reads
/// back to the same value at their own precision (Rust's `Display` for
/// `f32`/`f64`; the same rule applied to `f16`, `bf16` and the 8/6/4-bit
/// floats, so `f16` 65504 prints as `65500` and `f8E4M3FN` 448 as `450`),
/// so `1.0` prints as `1`, and infinities and NaN as `inf`, `-inf`, `NaN`.
/// Complex numbers print as `1+2j`, `1-2j`, `-0-3.5j`, `nan+infj`: both
/// parts always, each as its `f32`/`f64` would, except `nan`/`inf` in
/// lower case as in NumPy. Booleans print as `true`/`false`. An
/// inconsistent tensor prints its type and the problem.
pub fn format_tensor(t: &HostTensor) -> String {
    let type_str = t.type_string();
    if let Err(e) = t.validate() {
        return format!("{type_str} = <{e}>");
    }
    let elems = element_strings(t);
    // validate() guarantees the dimensions are non-negative and fit.
    let dims: Vec<usize> = t.shape.iter().map(|&d| usize::try_from(d).unwrap_or(0)).collect();
    let mut out = type_str;
    out.push_str(" = ");
    nest(&mut out, &dims, &elems);
    out
}

/// Formats a tensor as a literal that [`parse_literal`] reads back exactly
/// (NaN payloads and signs aside): `2x3xf32=1 2 3 4 5 6`, `f32=2.5`,
/// `3xi1=true false true`, `2xcomplex<f32>=1+2j -0-3.5j`.
pub fn format_literal(t: &HostTensor) -> String {
    let mut out = String::new();
    for d in &t.shape {
        out.push_str(&d.to_string());
        out.push('x');
    }
    out.push_str(t.dtype.mlir_name());
    out.push('=');
    if t.validate().is_ok() {
        out.push_str(&element_strings(t).join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_complex::Complex;

    fn lit(s: &str) -> HostTensor {
        match parse_literal(s) {
            Ok(t) => t,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn literal_types_are_read_without_the_values() {
        assert_eq!(literal_type("1000000000000xf32=1").unwrap(), (DType::F32, vec![1_000_000_000_000]));
        assert_eq!(literal_type("tensor<2x3xi8>=1 2").unwrap(), (DType::S8, vec![2, 3]));
        assert!(literal_type("99999999999x99999999999x9999999999xf32=1")
            .unwrap_err()
            .to_string()
            .contains("too large"));
        assert!(literal_type("2xq=1").is_err());
    }

    #[test]
    fn parses_matrices_scalars_and_splats() {
        let t = lit("2x3xf32=1 2 3 4 5 6");
        assert_eq!(t.shape, vec![2, 3]);
        assert_eq!(t.to_vec::<f32>().unwrap(), vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(format_tensor(&t), "tensor<2x3xf32> = [[1, 2, 3], [4, 5, 6]]");

        let s = lit("f32=2.5");
        assert!(s.shape.is_empty());
        assert_eq!(format_tensor(&s), "tensor<f32> = 2.5");

        let b = lit("4xi1=1 0 true false");
        assert_eq!(b.data, vec![1, 0, 1, 0]);
        assert_eq!(format_tensor(&b), "tensor<4xi1> = [true, false, true, false]");

        let splat = lit("2x2xf32=1");
        assert_eq!(splat.to_vec::<f32>().unwrap(), vec![1.0; 4]);

        let inf = lit("f32=inf");
        assert_eq!(inf.to_vec::<f32>().unwrap(), vec![f32::INFINITY]);
        assert_eq!(format_tensor(&inf), "tensor<f32> = inf");
        let nan = lit("f64=nan");
        assert!(nan.to_vec::<f64>().unwrap()[0].is_nan());
        assert_eq!(format_tensor(&nan), "tensor<f64> = NaN");
        let ninf = lit("2xf16=-inf 1e-3");
        assert_eq!(format_tensor(&ninf), "tensor<2xf16> = [-inf, 0.001]");

        let commas = lit("tensor<3xi64>=[-1, 0, +9223372036854775807]");
        assert_eq!(commas.to_vec::<i64>().unwrap(), vec![-1, 0, i64::MAX]);
        let u = lit("2xui8=0 255");
        assert_eq!(format_tensor(&u), "tensor<2xui8> = [0, 255]");

        let empty = lit("0x3xf32=");
        assert!(empty.data.is_empty());
        assert_eq!(format_tensor(&empty), "tensor<0x3xf32> = []");
        let empty_inner = HostTensor::zeros(DType::S32, &[2, 0]).unwrap();
        assert_eq!(format_tensor(&empty_inner), "tensor<2x0xi32> = [[], []]");
    }

    #[test]
    fn floats_print_shortest_at_own_precision() {
        assert_eq!(format_tensor(&lit("f32=0.1")), "tensor<f32> = 0.1");
        assert_eq!(format_tensor(&lit("f64=0.1")), "tensor<f64> = 0.1");
        assert_eq!(format_tensor(&lit("f16=0.1")), "tensor<f16> = 0.1");
        assert_eq!(format_tensor(&lit("bf16=0.1")), "tensor<bf16> = 0.1");
        assert_eq!(format_tensor(&lit("bf16=3.14159")), "tensor<bf16> = 3.14");
        assert_eq!(format_tensor(&lit("f16=65504")), "tensor<f16> = 65500");
        assert_eq!(format_tensor(&lit("f32=-0")), "tensor<f32> = -0");
        assert_eq!(format_tensor(&lit("f32=1e-7")), "tensor<f32> = 0.0000001");
        // Every f16 and bf16 value survives format -> parse.
        for bits in 0..=u16::MAX {
            for dtype in [DType::F16, DType::BF16] {
                let t = HostTensor::new(dtype, vec![], bits.to_le_bytes().to_vec()).unwrap();
                let back = parse_literal(&format_literal(&t)).unwrap();
                let is_nan = t.to_f64_vec().unwrap()[0].is_nan();
                if is_nan {
                    assert!(back.to_f64_vec().unwrap()[0].is_nan());
                } else {
                    assert_eq!(back.data, t.data, "{dtype} bits {bits:#06x}");
                }
            }
        }
    }

    #[test]
    fn literal_round_trip_all_dtypes() {
        for d in DType::ALL {
            // f8E8M0FNU has no zero.
            let input = if d == DType::F8E8M0FNU { "1 0.5 1 1" } else { "1 0 1 1" };
            let t = lit(&format!("2x2x{d}={input}"));
            let values = match d {
                DType::Pred => "true false true true",
                DType::C64 | DType::C128 => "1+0j 0+0j 1+0j 1+0j",
                _ => input,
            };
            assert_eq!(format_literal(&t), format!("2x2x{d}={values}"));
            assert_eq!(parse_literal(&format_literal(&t)).unwrap(), t);
        }
    }

    #[test]
    fn complex_literals() {
        let t = lit("4xcomplex<f32>=1+2j -3.5j 4 nan+1j");
        let v = t.to_vec::<Complex<f32>>().unwrap();
        assert_eq!(v[..3], [Complex::new(1.0, 2.0), Complex::new(0.0, -3.5), Complex::new(4.0, 0.0)]);
        assert!(v[3].re.is_nan() && v[3].im == 1.0);
        assert_eq!(format_tensor(&t), "tensor<4xcomplex<f32>> = [1+2j, 0-3.5j, 4+0j, nan+1j]");
        assert_eq!(format_literal(&t), "4xcomplex<f32>=1+2j 0-3.5j 4+0j nan+1j");
        let t = lit("tensor<7xcomplex<f64>>=[-0-3.5j, 1-0j, j, -j, (1+2j), 1e3+1E-3j, -inf-infj]");
        assert_eq!(
            format_tensor(&t),
            "tensor<7xcomplex<f64>> = [-0-3.5j, 1-0j, 0+1j, 0-1j, 1+2j, 1000+0.001j, -inf-infj]"
        );
        let v = t.to_vec::<Complex<f64>>().unwrap();
        assert!(v[0].re.is_sign_negative() && v[1].im.is_sign_negative());
        assert_eq!(format_tensor(&lit("complex<f64>=0.1+0.2j")), "tensor<complex<f64>> = 0.1+0.2j");
        assert_eq!(format_tensor(&lit("complex<f32>=0.1+0.2j")), "tensor<complex<f32>> = 0.1+0.2j");
        assert_eq!(format_tensor(&lit("2xcomplex<f32>=1+infj")), "tensor<2xcomplex<f32>> = [1+infj, 1+infj]");
        // Exact round trips, -0, subnormals and extremes included.
        let parts32 = [0.0f32, -0.0, 1.0, -2.5, 1e-45, -3.4028235e38, f32::INFINITY, 0.1, 16777217.0];
        let values: Vec<Complex<f32>> =
            parts32.iter().flat_map(|&re| parts32.iter().map(move |&im| Complex::new(re, im))).collect();
        let t = HostTensor::from_slice(&[values.len() as i64], &values).unwrap();
        assert_eq!(parse_literal(&format_literal(&t)).unwrap(), t);
        let parts64 = [0.0f64, -0.0, 5e-324, f64::MAX, -f64::INFINITY, 0.1, 1.0 / 3.0];
        let values: Vec<Complex<f64>> =
            parts64.iter().flat_map(|&re| parts64.iter().map(move |&im| Complex::new(re, im))).collect();
        let t = HostTensor::from_slice(&[values.len() as i64], &values).unwrap();
        assert_eq!(parse_literal(&format_literal(&t)).unwrap(), t);

        for bad in ["1+", "1+2", "abc", "1+2jj", "2j+1", "+", "1+2j3", "(1+2j", "1++2j", "nanj+1"] {
            let e = parse_literal(&format!("complex<f32>={bad}")).unwrap_err().to_string();
            assert!(e.contains("is not a complex<f32> number"), "{bad}: {e}");
        }
        let e = parse_literal("complex<f32>=1e39+1j").unwrap_err().to_string();
        assert!(e.contains("1e39 is out of range for f32"), "{e}");
        let e = parse_literal("complex<f32>=1-1e39j").unwrap_err().to_string();
        assert!(e.contains("-1e39 is out of range for f32"), "{e}");
        let e = parse_literal("2xcomplex<f64>=1 + 2j").unwrap_err().to_string();
        assert!(e.contains("expects 2 values"), "{e}");
    }

    #[test]
    fn small_float_literals() {
        let t = lit("5xf8E4M3FN=0.5 448 -464 1e-3 nan");
        assert_eq!(t.data[..4], [0x30, 0x7e, 0xfe, 0x01]);
        // 448 prints as the shortest decimal that reads back to it.
        assert_eq!(format_tensor(&t), "tensor<5xf8E4M3FN> = [0.5, 450, -450, 0.002, NaN]");
        assert_eq!(format_tensor(&lit("3xf8E5M2=inf -inf 61439")), "tensor<3xf8E5M2> = [inf, -inf, 60000]");
        assert_eq!(format_tensor(&lit("3xf4E2M1FN=6.9 -0 0.25")), "tensor<3xf4E2M1FN> = [6, -0, 0]");
        // 1e38 rounds to 2^126 (8.5e37).
        assert_eq!(
            format_tensor(&lit("2xf8E8M0FNU=3 1e38")),
            "tensor<2xf8E8M0FNU> = [4, 90000000000000000000000000000000000000]"
        );
        assert_eq!(lit("f8E4M3FNUZ=-0").data, vec![0]);
        let err = |s: &str| parse_literal(s).unwrap_err().to_string();
        let e = err("f8E4M3FN=465");
        assert!(
            e.contains("465 is out of range for f8E4M3FN (finite values -448 to 448, no infinities)"),
            "{e}"
        );
        let e = err("f8E4M3FN=inf");
        assert!(e.contains("f8E4M3FN has no infinity (finite values -448 to 448"), "{e}");
        let e = err("f4E2M1FN=nan");
        assert!(e.contains("f4E2M1FN has no NaN (finite values -6 to 6, no infinities, no NaN)"), "{e}");
        assert!(err("f4E2M1FN=7").contains("7 is out of range for f4E2M1FN"));
        assert!(err("f4E2M1FN=-1e300").contains("out of range for f4E2M1FN"));
        assert!(err("f6E3M2FN=30").contains("out of range for f6E3M2FN (finite values -28 to 28"));
        assert!(err("f8E5M2=61440").contains("out of range for f8E5M2"));
        assert!(err("f8E5M2=1e400").contains("out of range for f8E5M2"));
        assert!(err("f8E8M0FNU=0").contains("0 is out of range for f8E8M0FNU"));
        assert!(err("f8E8M0FNU=-1").contains("out of range for f8E8M0FNU"));
        assert!(err("f8E8M0FNU=2.6e38").contains("out of range for f8E8M0FNU"));
        assert!(err("f8E4M3B11FNUZ=-inf").contains("f8E4M3B11FNUZ has no infinity"));
        assert!(err("f8E4M3FN=x").contains("\"x\" is not a f8E4M3FN number"));
        // f16, bf16, f32 and f64 follow the same rule.
        assert!(err("f16=70000").contains("70000 is out of range for f16 (finite values -65504 to 65504)"));
        assert!(err("f16=65520").contains("out of range for f16"));
        assert_eq!(format_tensor(&lit("3xf16=65519 inf -inf")), "tensor<3xf16> = [65500, inf, -inf]");
        assert!(err("bf16=1e39").contains("out of range for bf16 (finite values -3.3895313892515355e38"));
        assert!(err("f32=1e39").contains("out of range for f32"));
        assert!(err("f64=1e309").contains("out of range for f64"));
        assert_eq!(
            format_tensor(&lit("f32=3.4028235e38")),
            "tensor<f32> = 340282350000000000000000000000000000000"
        );
    }

    #[test]
    fn every_small_float_value_survives_format_and_parse() {
        for dtype in DType::ALL.into_iter().filter(|d| d.is_small_float()) {
            for bits in 0..(1u16 << dtype.bit_width()) {
                let t = HostTensor::new(dtype, vec![], vec![bits as u8]).unwrap();
                let text = format_literal(&t);
                let back = parse_literal(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
                let value = t.to_f64_vec().unwrap()[0];
                if value.is_nan() {
                    assert!(back.to_f64_vec().unwrap()[0].is_nan(), "{text}");
                } else {
                    assert_eq!(back.data, t.data, "{text}");
                }
            }
        }
    }

    #[test]
    fn sub_byte_integers() {
        let t = lit("4xi4=-8 7 1 -1");
        assert_eq!(t.data, vec![0x08, 0x07, 0x01, 0x0f]);
        assert_eq!(format_tensor(&t), "tensor<4xi4> = [-8, 7, 1, -1]");
        assert_eq!(t.to_f64_vec().unwrap(), vec![-8.0, 7.0, 1.0, -1.0]);
        assert_eq!(lit("4xi2=-2 -1 0 1").data, vec![2, 3, 0, 1]);
        assert_eq!(format_literal(&lit("2xui4=0 15")), "2xui4=0 15");
        assert_eq!(format_literal(&lit("2xui2=+3 0")), "2xui2=3 0");
        let err = |s: &str| parse_literal(s).unwrap_err().to_string();
        assert!(err("i4=8").contains("8 is out of range for i4 (-8 to 7)"));
        assert!(err("i4=-9").contains("-9 is out of range for i4 (-8 to 7)"));
        assert!(err("i2=2").contains("out of range for i2 (-2 to 1)"));
        assert!(err("ui2=4").contains("out of range for ui2 (0 to 3)"));
        assert!(err("ui4=-1").contains("out of range for ui4 (0 to 15)"));
        assert!(err("ui4=99999999999999999999999999999999999999999").contains("not a ui4 integer"));
        for dtype in [DType::S2, DType::S4, DType::U2, DType::U4] {
            for b in 0..(1u8 << dtype.bit_width()) {
                let t = HostTensor::new(dtype, vec![1], vec![b]).unwrap();
                assert_eq!(parse_literal(&format_literal(&t)).unwrap(), t);
            }
        }
        // High bits must be clear.
        assert!(HostTensor::new(DType::S4, vec![1], vec![0xff]).is_err());
    }

    #[test]
    fn errors_are_clear() {
        let e = parse_literal("2x3xf32=1 2 3 4").unwrap_err().to_string();
        assert!(e.contains("expects 6 values") && e.contains("found 4"), "{e}");
        let e = parse_literal("f32=").unwrap_err().to_string();
        assert!(e.contains("expects 1 value ") && e.contains("found 0"), "{e}");
        let e = parse_literal("2x3xf32").unwrap_err().to_string();
        assert!(e.contains("expected `<dims>x<type>=<values>`"), "{e}");
        let e = parse_literal("2x3xf31=1").unwrap_err().to_string();
        assert!(e.contains("unknown element type \"f31\"") && e.contains("f4E2M1FN complex<f32>"), "{e}");
        let e = parse_literal("2x?xf32=1").unwrap_err().to_string();
        assert!(e.contains("bad dimension"), "{e}");
        let e = parse_literal("-2xf32=1").unwrap_err().to_string();
        assert!(e.contains("bad dimension") || e.contains("negative"), "{e}");
        let e = parse_literal("2xui8=1 256").unwrap_err().to_string();
        assert!(e.contains("256 is out of range for ui8"), "{e}");
        let e = parse_literal("2xi32=1 1.5").unwrap_err().to_string();
        assert!(e.contains("not a i32 integer"), "{e}");
        let e = parse_literal("2xi1=1 2").unwrap_err().to_string();
        assert!(e.contains("not an i1 value"), "{e}");
        let e = parse_literal("f32=abc").unwrap_err().to_string();
        assert!(e.contains("not a f32 number"), "{e}");
        assert!(parse_literal("=1").is_err());
        assert!(parse_literal("").is_err());
        assert!(parse_literal("xf32=1").is_err());
        assert!(parse_literal("99999999999x99999999999x99999999999xf32=1").is_err());
    }

    #[test]
    fn random_text_never_panics() {
        let alphabet: Vec<char> = "0123456789x=-+.,[]() eEinfatrulsbi?jJ".chars().collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let types = ["f32", "bf16", "i1", "ui8", "i64", "f16", "i4", "f8E4M3FN", "f4E2M1FN", "complex<f32>"];
        for _ in 0..5000 {
            let len = (next() % 16) as usize;
            let body: String = (0..len).map(|_| alphabet[(next() as usize) % alphabet.len()]).collect();
            let ty = types[(next() as usize) % types.len()];
            let _ = parse_literal(&body);
            if let Ok(t) = parse_literal(&format!("2x{ty}={body}")) {
                assert_eq!(parse_literal(&format_literal(&t)).ok().map(|b| b.shape), Some(t.shape.clone()));
                let _ = format_tensor(&t);
            }
        }
    }

    #[test]
    fn invalid_tensor_formats_without_panicking() {
        let bad = HostTensor { dtype: DType::F32, shape: vec![2], data: vec![0; 3] };
        assert!(format_tensor(&bad).starts_with("tensor<2xf32> = <invalid tensor"));
        assert_eq!(format_literal(&bad), "2xf32=");
    }
}
