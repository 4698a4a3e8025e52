//! jaxr-run's input parsing never panics: `.npy` files (header and data),
//! `2x3xf32=1 2 3 ...` literals and `tensor<...>` types. What is accepted
//! writes back and reads back to the same tensor.
//!
//! The first byte picks what the rest is:
//! * `0`: a whole `.npy` file (`from_npy_bytes`);
//! * `1`: a `.npy` file read for an argument of a given type (the second
//!   byte picks it from `DType::ALL`; `from_npy_bytes_as`);
//! * `2`: a literal (`literal_type`, then `parse_literal` as jaxr-run does);
//! * `3`: a tensor type (`parse_tensor_type`, jaxr-run's signature reader).
#![no_main]

use jaxr_runtime::{
    format_literal, from_npy_bytes, from_npy_bytes_as, literal_type, parse_literal, parse_tensor_type,
    to_npy_bytes, DType, HostTensor,
};
use libfuzzer_sys::fuzz_target;

/// Literals announcing more bytes than this are not parsed (jaxr-run checks
/// the announced type against the argument's first; a splat of a huge
/// shape is a legitimate large allocation, and a slow input, not a bug).
const MAX_LITERAL_BYTES: usize = 1 << 16;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    match mode % 4 {
        0 => {
            if let Ok(t) = from_npy_bytes(rest) {
                check_tensor(&t);
            }
        }
        1 => {
            let Some((&which, rest)) = rest.split_first() else { return };
            let dtype = DType::ALL[usize::from(which) % DType::ALL.len()];
            if let Ok(t) = from_npy_bytes_as(rest, dtype) {
                check_tensor(&t);
            }
        }
        2 => {
            let Ok(text) = std::str::from_utf8(rest) else { return };
            let Ok((dtype, shape)) = literal_type(text) else {
                assert!(
                    parse_literal(text).is_err(),
                    "parse_literal accepts what literal_type refuses: {text:?}"
                );
                return;
            };
            let count: usize = shape.iter().map(|&d| d as usize).product();
            if count.saturating_mul(dtype.byte_size()) > MAX_LITERAL_BYTES {
                return;
            }
            if let Ok(t) = parse_literal(text) {
                assert_eq!((t.dtype, &t.shape), (dtype, &shape), "literal_type disagrees with parse_literal");
                check_tensor(&t);
            }
        }
        _ => {
            let Ok(text) = std::str::from_utf8(rest) else { return };
            if let Some((dtype, shape)) = parse_tensor_type(text) {
                // The type reads back from its own spelling.
                let spelled = jaxr_runtime::tensor_type_string(dtype, &shape);
                assert_eq!(parse_tensor_type(&spelled), Some((dtype, shape)), "{spelled}");
            }
        }
    }
});

/// An accepted tensor is valid, writes to `.npy` and reads back unchanged,
/// and its literal reads back to a tensor with the same literal.
fn check_tensor(t: &HostTensor) {
    t.validate().unwrap_or_else(|e| panic!("accepted an invalid tensor: {e}"));
    if let Ok(bytes) = to_npy_bytes(t) {
        let back = from_npy_bytes(&bytes).unwrap_or_else(|e| panic!("written .npy does not read back: {e}"));
        assert_eq!(&back, t, ".npy round trip changed the tensor");
    }
    let literal = format_literal(t);
    let back = parse_literal(&literal).unwrap_or_else(|e| panic!("formatted literal does not parse: {e}"));
    assert_eq!((back.dtype, &back.shape), (t.dtype, &t.shape), "{literal}");
    assert_eq!(format_literal(&back), literal, "literal round trip changed the values");
}
