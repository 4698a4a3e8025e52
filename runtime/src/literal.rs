//! Text forms of tensors: `iree-run-module`-style literals in, NumPy-like
//! nested lists out.
//!
//! * [`parse_literal`]: `2x3xf32=1 2 3 4 5 6`, `f32=2.5`, `4xi1=1 0 true false`,
//!   `2x2xf32=1` (one value is splatted), `f32=inf`, `f64=nan`.
//! * [`format_tensor`]: `tensor<2x3xf32> = [[1, 2, 3], [4, 5, 6]]`.
//! * [`format_literal`]: the inverse of [`parse_literal`], `2x3xf32=1 2 3 4 5 6`.

use half::{bf16, f16};

use crate::dtype::DType;
use crate::error::{Result, RuntimeError};
use crate::tensor::{checked_element_count, tensor_type_string, Element, HostTensor};

fn literal_err(literal: &str, reason: impl Into<String>) -> RuntimeError {
    RuntimeError::Literal { literal: literal.to_string(), reason: reason.into() }
}

/// Parses an `iree-run-module`-style literal: `[DIMx]*TYPE=VALUES`.
///
/// * dims are non-negative decimal integers, `TYPE` an MLIR element type
///   (`i1 i8 i16 i32 i64 ui8 ui16 ui32 ui64 f16 bf16 f32 f64`); a wrapping
///   `tensor<...>` is accepted too;
/// * values are separated by spaces or commas (brackets are ignored) and
///   listed in row-major order; exactly one value fills ("splats") the
///   whole tensor;
/// * `i1` values are `0`, `1`, `true`, `false`; integers are decimal and
///   range-checked; floats accept `inf`, `-inf`, `nan` and exponents, and
///   are rounded to the element type.
///
/// A wrong number of values is an error naming the expected and found counts.
pub fn parse_literal(s: &str) -> Result<HostTensor> {
    let text = s.trim();
    let (type_part, values_part) = text
        .split_once('=')
        .ok_or_else(|| literal_err(s, "expected `<dims>x<type>=<values>`, e.g. `2x3xf32=1 2 3 4 5 6`"))?;
    let mut type_part = type_part.trim();
    if let Some(inner) = type_part.strip_prefix("tensor<").and_then(|t| t.strip_suffix('>')) {
        type_part = inner.trim();
    }
    if type_part.is_empty() {
        return Err(literal_err(s, "missing element type before `=`"));
    }
    let mut pieces: Vec<&str> = type_part.split('x').collect();
    // `split` yields at least one piece.
    let type_name = pieces.pop().unwrap_or_default().trim();
    let dtype = DType::from_mlir_name(type_name).ok_or_else(|| {
        literal_err(
            s,
            format!(
                "unknown element type {type_name:?} (known: i1 i8 i16 i32 i64 ui8 ui16 ui32 ui64 f16 bf16 f32 f64)"
            ),
        )
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
    let mut one = Vec::with_capacity(8);
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

fn parse_int<T: TryFrom<i128>>(literal: &str, dtype: DType, tok: &str) -> Result<T> {
    let digits = tok.strip_prefix('+').unwrap_or(tok);
    let wide: i128 =
        digits.parse().map_err(|_| literal_err(literal, format!("{tok:?} is not a {dtype} integer")))?;
    T::try_from(wide).map_err(|_| literal_err(literal, format!("{tok} is out of range for {dtype}")))
}

fn parse_float(literal: &str, dtype: DType, tok: &str) -> Result<f64> {
    tok.parse::<f64>().map_err(|_| literal_err(literal, format!("{tok:?} is not a {dtype} number")))
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
        DType::F16 => f16::from_f64(parse_float(literal, dtype, tok)?).put_le(out),
        DType::BF16 => bf16::from_f64(parse_float(literal, dtype, tok)?).put_le(out),
        DType::F32 => {
            // Parse directly at f32 precision (no double rounding via f64).
            let v: f32 =
                tok.parse().map_err(|_| literal_err(literal, format!("{tok:?} is not a f32 number")))?;
            v.put_le(out);
        }
        DType::F64 => parse_float(literal, dtype, tok)?.put_le(out),
    }
    Ok(())
}

/// The shortest decimal that rounds back to the same 16-bit float, printed
/// like Rust's float `Display` (no exponent).
fn shortest_16bit(value: f64, bits: u16, back: impl Fn(f64) -> u16) -> String {
    if !value.is_finite() {
        return format!("{}", value as f32);
    }
    for precision in 0..17 {
        let candidate = format!("{value:.precision$e}");
        if let Ok(parsed) = candidate.parse::<f64>() {
            if back(parsed) == bits {
                return format!("{parsed}");
            }
        }
    }
    format!("{value}")
}

/// The text of every element, in row-major order.
fn element_strings(t: &HostTensor) -> Vec<String> {
    fn each<T: Element>(data: &[u8], f: impl Fn(T) -> String) -> Vec<String> {
        data.chunks_exact(T::DTYPE.byte_size()).map(|c| f(T::get_le(c))).collect()
    }
    let d = &t.data;
    match t.dtype {
        DType::Pred => each::<bool>(d, |v| v.to_string()),
        DType::S8 => each::<i8>(d, |v| v.to_string()),
        DType::S16 => each::<i16>(d, |v| v.to_string()),
        DType::S32 => each::<i32>(d, |v| v.to_string()),
        DType::S64 => each::<i64>(d, |v| v.to_string()),
        DType::U8 => each::<u8>(d, |v| v.to_string()),
        DType::U16 => each::<u16>(d, |v| v.to_string()),
        DType::U32 => each::<u32>(d, |v| v.to_string()),
        DType::U64 => each::<u64>(d, |v| v.to_string()),
        DType::F16 => {
            each::<f16>(d, |v| shortest_16bit(v.to_f64(), v.to_bits(), |x| f16::from_f64(x).to_bits()))
        }
        DType::BF16 => {
            each::<bf16>(d, |v| shortest_16bit(v.to_f64(), v.to_bits(), |x| bf16::from_f64(x).to_bits()))
        }
        DType::F32 => each::<f32>(d, |v| v.to_string()),
        DType::F64 => each::<f64>(d, |v| v.to_string()),
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
/// Floats are printed as the shortest decimal that reads back to the same
/// value at their own precision (Rust's `Display` for `f32`/`f64`; the same
/// rule applied to `f16`/`bf16` values), so `1.0` prints as `1`, and
/// infinities and NaN as `inf`, `-inf`, `NaN`. Booleans print as
/// `true`/`false`. An inconsistent tensor prints its type and the problem.
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

/// Formats a tensor as a literal that [`parse_literal`] reads back exactly:
/// `2x3xf32=1 2 3 4 5 6`, `f32=2.5`, `3xi1=true false true`.
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

    fn lit(s: &str) -> HostTensor {
        match parse_literal(s) {
            Ok(t) => t,
            Err(e) => panic!("{s}: {e}"),
        }
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
            let t = lit(&format!("2x2x{d}=1 0 1 1"));
            let values = if d == DType::Pred { "true false true true" } else { "1 0 1 1" };
            assert_eq!(format_literal(&t), format!("2x2x{d}={values}"));
            assert_eq!(parse_literal(&format_literal(&t)).unwrap(), t);
        }
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
        assert!(e.contains("unknown element type \"f31\""), "{e}");
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
        let alphabet: Vec<char> = "0123456789x=-+.,[] eEinfatrulsbi?".chars().collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let types = ["f32", "bf16", "i1", "ui8", "i64", "f16"];
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
