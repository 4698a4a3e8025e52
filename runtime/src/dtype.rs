//! Element types: their MLIR names, sizes, NumPy descriptors and PJRT codes.

use std::fmt;
use std::str::FromStr;

use crate::error::RuntimeError;

/// The element types this crate moves between host and device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    /// Boolean (`i1`); stored on the host as one byte, 0 or 1.
    Pred,
    /// Signed 8-bit integer (`i8`).
    S8,
    /// Signed 16-bit integer (`i16`).
    S16,
    /// Signed 32-bit integer (`i32`).
    S32,
    /// Signed 64-bit integer (`i64`).
    S64,
    /// Unsigned 8-bit integer (`ui8`).
    U8,
    /// Unsigned 16-bit integer (`ui16`).
    U16,
    /// Unsigned 32-bit integer (`ui32`).
    U32,
    /// Unsigned 64-bit integer (`ui64`).
    U64,
    /// IEEE half precision (`f16`).
    F16,
    /// bfloat16 (`bf16`).
    BF16,
    /// IEEE single precision (`f32`).
    F32,
    /// IEEE double precision (`f64`).
    F64,
    /// Signed 2-bit integer (`i2`); one element per byte, in the low 2 bits.
    S2,
    /// Signed 4-bit integer (`i4`); one element per byte, in the low 4 bits.
    S4,
    /// Unsigned 2-bit integer (`ui2`); one element per byte, in the low 2 bits.
    U2,
    /// Unsigned 4-bit integer (`ui4`); one element per byte, in the low 4 bits.
    U4,
    /// 8-bit float E4M3, no infinities, NaN `0x7f`/`0xff` (`f8E4M3FN`).
    F8E4M3FN,
    /// 8-bit float E5M2 with IEEE infinities and NaNs (`f8E5M2`).
    F8E5M2,
    /// 8-bit float E4M3, bias 8, no infinities or -0, NaN `0x80` (`f8E4M3FNUZ`).
    F8E4M3FNUZ,
    /// 8-bit float E5M2, bias 16, no infinities or -0, NaN `0x80` (`f8E5M2FNUZ`).
    F8E5M2FNUZ,
    /// 8-bit float E4M3, bias 11, no infinities or -0, NaN `0x80` (`f8E4M3B11FNUZ`).
    F8E4M3B11FNUZ,
    /// 8-bit float E4M3 with IEEE infinities and NaNs (`f8E4M3`).
    F8E4M3,
    /// 8-bit float E3M4 with IEEE infinities and NaNs (`f8E3M4`).
    F8E3M4,
    /// 8-bit unsigned power of two 2^-127..2^127 (E8M0), NaN `0xff`, no zero (`f8E8M0FNU`).
    F8E8M0FNU,
    /// 6-bit float E2M3, finite only, largest 7.5 (`f6E2M3FN`); in the low 6 bits of a byte.
    F6E2M3FN,
    /// 6-bit float E3M2, finite only, largest 28 (`f6E3M2FN`); in the low 6 bits of a byte.
    F6E3M2FN,
    /// 4-bit float E2M1, finite only, largest 6 (`f4E2M1FN`); in the low 4 bits of a byte.
    F4E2M1FN,
    /// Complex number of two `f32`, real part first (`complex<f32>`).
    C64,
    /// Complex number of two `f64`, real part first (`complex<f64>`).
    C128,
}

impl DType {
    /// Every element type, in declaration order.
    pub const ALL: [DType; 30] = [
        DType::Pred,
        DType::S8,
        DType::S16,
        DType::S32,
        DType::S64,
        DType::U8,
        DType::U16,
        DType::U32,
        DType::U64,
        DType::F16,
        DType::BF16,
        DType::F32,
        DType::F64,
        DType::S2,
        DType::S4,
        DType::U2,
        DType::U4,
        DType::F8E4M3FN,
        DType::F8E5M2,
        DType::F8E4M3FNUZ,
        DType::F8E5M2FNUZ,
        DType::F8E4M3B11FNUZ,
        DType::F8E4M3,
        DType::F8E3M4,
        DType::F8E8M0FNU,
        DType::F6E2M3FN,
        DType::F6E3M2FN,
        DType::F4E2M1FN,
        DType::C64,
        DType::C128,
    ];

    /// The MLIR builtin type name: `i1`, `i8`, ..., `ui8`, ..., `f16`, `bf16`,
    /// `f32`, `f64`, `i4`, `f8E4M3FN`, ..., `complex<f32>`, `complex<f64>`.
    pub fn mlir_name(&self) -> &'static str {
        match self {
            DType::Pred => "i1",
            DType::S8 => "i8",
            DType::S16 => "i16",
            DType::S32 => "i32",
            DType::S64 => "i64",
            DType::U8 => "ui8",
            DType::U16 => "ui16",
            DType::U32 => "ui32",
            DType::U64 => "ui64",
            DType::F16 => "f16",
            DType::BF16 => "bf16",
            DType::F32 => "f32",
            DType::F64 => "f64",
            DType::S2 => "i2",
            DType::S4 => "i4",
            DType::U2 => "ui2",
            DType::U4 => "ui4",
            DType::F8E4M3FN => "f8E4M3FN",
            DType::F8E5M2 => "f8E5M2",
            DType::F8E4M3FNUZ => "f8E4M3FNUZ",
            DType::F8E5M2FNUZ => "f8E5M2FNUZ",
            DType::F8E4M3B11FNUZ => "f8E4M3B11FNUZ",
            DType::F8E4M3 => "f8E4M3",
            DType::F8E3M4 => "f8E3M4",
            DType::F8E8M0FNU => "f8E8M0FNU",
            DType::F6E2M3FN => "f6E2M3FN",
            DType::F6E3M2FN => "f6E3M2FN",
            DType::F4E2M1FN => "f4E2M1FN",
            DType::C64 => "complex<f32>",
            DType::C128 => "complex<f64>",
        }
    }

    /// Every MLIR name of [`DType::ALL`], separated by spaces (for error messages).
    pub fn known_names() -> String {
        DType::ALL.map(|d| d.mlir_name()).join(" ")
    }

    /// The inverse of [`DType::mlir_name`]; `None` for any other name.
    pub fn from_mlir_name(name: &str) -> Option<Self> {
        DType::ALL.into_iter().find(|d| d.mlir_name() == name)
    }

    /// Bytes per element on the host: 1 for `i1` and for every type of 8
    /// bits or fewer (`i2`, `i4`, `f4E2M1FN`, `f6E2M3FN`, ... take one byte
    /// each, as in `ml_dtypes`).
    pub fn byte_size(&self) -> usize {
        match self {
            DType::Pred | DType::S8 | DType::U8 => 1,
            DType::S2 | DType::S4 | DType::U2 | DType::U4 => 1,
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
            | DType::F4E2M1FN => 1,
            DType::S16 | DType::U16 | DType::F16 | DType::BF16 => 2,
            DType::S32 | DType::U32 | DType::F32 => 4,
            DType::S64 | DType::U64 | DType::F64 | DType::C64 => 8,
            DType::C128 => 16,
        }
    }

    /// The number of meaningful bits per element: 1 for `i1`, 2 for `i2`,
    /// 4 for `i4` and `f4E2M1FN`, 6 for `f6E2M3FN`, otherwise `8 * byte_size`.
    pub fn bit_width(&self) -> usize {
        match self {
            DType::Pred => 1,
            DType::S2 | DType::U2 => 2,
            DType::S4 | DType::U4 | DType::F4E2M1FN => 4,
            DType::F6E2M3FN | DType::F6E3M2FN => 6,
            other => 8 * other.byte_size(),
        }
    }

    /// True for the types narrower than their one host byte other than `i1`
    /// (`i2 i4 ui2 ui4 f4E2M1FN f6E2M3FN f6E3M2FN`): the element is in the
    /// low [`DType::bit_width`] bits and the high bits are zero.
    pub fn is_sub_byte(&self) -> bool {
        *self != DType::Pred && self.bit_width() < 8
    }

    /// The NumPy array-protocol descriptor written to `.npy` files.
    ///
    /// `bf16` has no NumPy builtin type; it is written as `'<V2'` (a 2-byte
    /// void), which is what `numpy.save` writes for an `ml_dtypes.bfloat16`
    /// array. Complex numbers are `'<c8'`/`'<c16'`. The other `ml_dtypes`
    /// types are written by name (`'float8_e4m3fn'`, `'int4'`, ...; see
    /// [`DType::ml_dtypes_name`]): `numpy.save` would write `'<V1'` for all of
    /// them, which cannot be told apart, while `np.load` reads the name once
    /// `ml_dtypes` is imported.
    pub fn npy_descr(&self) -> &'static str {
        match self {
            DType::Pred => "|b1",
            DType::S8 => "|i1",
            DType::S16 => "<i2",
            DType::S32 => "<i4",
            DType::S64 => "<i8",
            DType::U8 => "|u1",
            DType::U16 => "<u2",
            DType::U32 => "<u4",
            DType::U64 => "<u8",
            DType::F16 => "<f2",
            DType::BF16 => "<V2",
            DType::F32 => "<f4",
            DType::F64 => "<f8",
            DType::C64 => "<c8",
            DType::C128 => "<c16",
            // The ml_dtypes types other than bf16, by name.
            other => other.ml_dtypes_name().unwrap_or("|V1"),
        }
    }

    /// The name of the `ml_dtypes` (NumPy extension) type, for the types
    /// NumPy lacks: `bfloat16`, `int2`, `int4`, `uint2`, `uint4`,
    /// `float8_e4m3fn`, ..., `float4_e2m1fn`; `None` for NumPy's own types.
    pub fn ml_dtypes_name(&self) -> Option<&'static str> {
        Some(match self {
            DType::BF16 => "bfloat16",
            DType::S2 => "int2",
            DType::S4 => "int4",
            DType::U2 => "uint2",
            DType::U4 => "uint4",
            DType::F8E4M3FN => "float8_e4m3fn",
            DType::F8E5M2 => "float8_e5m2",
            DType::F8E4M3FNUZ => "float8_e4m3fnuz",
            DType::F8E5M2FNUZ => "float8_e5m2fnuz",
            DType::F8E4M3B11FNUZ => "float8_e4m3b11fnuz",
            DType::F8E4M3 => "float8_e4m3",
            DType::F8E3M4 => "float8_e3m4",
            DType::F8E8M0FNU => "float8_e8m0fnu",
            DType::F6E2M3FN => "float6_e2m3fn",
            DType::F6E3M2FN => "float6_e3m2fn",
            DType::F4E2M1FN => "float4_e2m1fn",
            _ => return None,
        })
    }

    /// Parses a little-endian (or byte-order-free) NumPy descriptor.
    ///
    /// Accepts the descriptors of [`DType::npy_descr`], the one-byte types
    /// with any byte-order mark, `'|V2'` for bf16, every `ml_dtypes` name
    /// ([`DType::ml_dtypes_name`]) and `'<f1'`/`'|f1'` for `f8E5M2` (what
    /// `numpy.save` writes for `ml_dtypes.float8_e5m2`, the only one-byte
    /// `ml_dtypes` type of kind `f`). The one-byte void `'|V1'` is ambiguous
    /// (every other one-byte `ml_dtypes` type) and gives `None`, as do
    /// big-endian multi-byte descriptors.
    pub fn from_npy_descr(descr: &str) -> Option<Self> {
        if let Some(d) = DType::ALL.into_iter().find(|d| d.ml_dtypes_name() == Some(descr)) {
            return Some(d);
        }
        let mut chars = descr.chars();
        let order = chars.next()?;
        let rest = chars.as_str();
        let little = matches!(order, '<' | '|' | '=');
        let any_order = matches!(order, '<' | '|' | '=' | '>');
        match rest {
            "b1" if any_order => Some(DType::Pred),
            "i1" if any_order => Some(DType::S8),
            "u1" if any_order => Some(DType::U8),
            "i2" if little => Some(DType::S16),
            "i4" if little => Some(DType::S32),
            "i8" if little => Some(DType::S64),
            "u2" if little => Some(DType::U16),
            "u4" if little => Some(DType::U32),
            "u8" if little => Some(DType::U64),
            "f2" if little => Some(DType::F16),
            "f4" if little => Some(DType::F32),
            "f8" if little => Some(DType::F64),
            "f1" if any_order => Some(DType::F8E5M2),
            "c8" if little => Some(DType::C64),
            "c16" if little => Some(DType::C128),
            "V2" if little => Some(DType::BF16),
            _ => None,
        }
    }

    /// True for the real floating-point types: `f16`, `bf16`, `f32`, `f64`
    /// and the small floats ([`DType::is_small_float`]).
    pub fn is_float(&self) -> bool {
        matches!(self, DType::F16 | DType::BF16 | DType::F32 | DType::F64) || self.is_small_float()
    }

    /// True for the 8-, 6- and 4-bit floats (`f8E4M3FN` ... `f4E2M1FN`).
    pub fn is_small_float(&self) -> bool {
        matches!(
            self,
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
                | DType::F4E2M1FN
        )
    }

    /// True for `complex<f32>` and `complex<f64>`.
    pub fn is_complex(&self) -> bool {
        matches!(self, DType::C64 | DType::C128)
    }

    /// True for the signed integer types (not `i1`), `i2` and `i4` included.
    pub fn is_signed_int(&self) -> bool {
        matches!(self, DType::S2 | DType::S4 | DType::S8 | DType::S16 | DType::S32 | DType::S64)
    }

    /// True for the unsigned integer types, `ui2` and `ui4` included.
    pub fn is_unsigned_int(&self) -> bool {
        matches!(self, DType::U2 | DType::U4 | DType::U8 | DType::U16 | DType::U32 | DType::U64)
    }

    /// The `PJRT_Buffer_Type` code of this type.
    pub(crate) fn pjrt_code(&self) -> u32 {
        match self {
            DType::Pred => 1,
            DType::S8 => 2,
            DType::S16 => 3,
            DType::S32 => 4,
            DType::S64 => 5,
            DType::U8 => 6,
            DType::U16 => 7,
            DType::U32 => 8,
            DType::U64 => 9,
            DType::F16 => 10,
            DType::F32 => 11,
            DType::F64 => 12,
            DType::BF16 => 13,
            DType::C64 => 14,
            DType::C128 => 15,
            DType::F8E5M2 => 16,
            DType::F8E4M3FN => 17,
            DType::F8E4M3B11FNUZ => 18,
            DType::F8E5M2FNUZ => 19,
            DType::F8E4M3FNUZ => 20,
            DType::S4 => 21,
            DType::U4 => 22,
            DType::S2 => 24,
            DType::U2 => 25,
            DType::F8E4M3 => 26,
            DType::F8E3M4 => 27,
            DType::F8E8M0FNU => 28,
            DType::F4E2M1FN => 29,
            DType::F6E2M3FN => 32,
            DType::F6E3M2FN => 33,
        }
    }

    /// The inverse of [`DType::pjrt_code`].
    pub(crate) fn from_pjrt_code(code: u32) -> Option<Self> {
        DType::ALL.into_iter().find(|d| d.pjrt_code() == code)
    }
}

/// Splits the inside of a shaped type, `2x3xf32` or `4xcomplex<f32>`, into
/// its dimension texts (`["2", "3"]`) and element type text (`f32`); the
/// element type follows the last `x`, except that `complex<...>` contains
/// one. A dimension text may be anything (`?`, empty); the caller checks.
pub(crate) fn split_shaped(text: &str) -> (Vec<&str>, &str) {
    let elem_start = match text.rfind("complex<") {
        Some(i) => i,
        None => text.rfind('x').map_or(0, |i| i + 1),
    };
    let (dims, elem) = text.split_at(elem_start);
    if dims.is_empty() {
        return (Vec::new(), elem);
    }
    // `2complex<f32>` keeps "2" as one (bad) dimension text with the type.
    match dims.strip_suffix('x') {
        Some(dims) => (dims.split('x').collect(), elem),
        None => (vec![dims], elem),
    }
}

/// The name of a `PJRT_Buffer_Type` code, for error messages.
pub(crate) fn pjrt_type_name(code: u32) -> &'static str {
    const NAMES: [&str; 34] = [
        "INVALID",
        "PRED",
        "S8",
        "S16",
        "S32",
        "S64",
        "U8",
        "U16",
        "U32",
        "U64",
        "F16",
        "F32",
        "F64",
        "BF16",
        "C64",
        "C128",
        "F8E5M2",
        "F8E4M3FN",
        "F8E4M3B11FNUZ",
        "F8E5M2FNUZ",
        "F8E4M3FNUZ",
        "S4",
        "U4",
        "TOKEN",
        "S2",
        "U2",
        "F8E4M3",
        "F8E3M4",
        "F8E8M0FNU",
        "F4E2M1FN",
        "S1",
        "U1",
        "F6E2M3FN",
        "F6E3M2FN",
    ];
    usize::try_from(code).ok().and_then(|i| NAMES.get(i)).copied().unwrap_or("UNKNOWN")
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.mlir_name())
    }
}

impl FromStr for DType {
    type Err = RuntimeError;

    /// Parses an MLIR element type name (`f32`, `ui8`, `i1`, ...).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DType::from_mlir_name(s).ok_or_else(|| {
            RuntimeError::Unsupported(format!("element type {s:?} (known: {})", DType::known_names()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for d in DType::ALL {
            assert_eq!(DType::from_mlir_name(d.mlir_name()), Some(d));
            assert_eq!(d.to_string().parse::<DType>().ok(), Some(d));
            assert_eq!(DType::from_npy_descr(d.npy_descr()), Some(d));
            assert_eq!(DType::from_pjrt_code(d.pjrt_code()), Some(d));
        }
        assert_eq!(DType::from_mlir_name("u8"), None);
        assert!("f128".parse::<DType>().is_err());
    }

    #[test]
    fn npy_descr_variants() {
        assert_eq!(DType::from_npy_descr("|V2"), Some(DType::BF16));
        assert_eq!(DType::from_npy_descr("bfloat16"), Some(DType::BF16));
        assert_eq!(DType::from_npy_descr("<b1"), Some(DType::Pred));
        assert_eq!(DType::from_npy_descr(">u1"), Some(DType::U8));
        assert_eq!(DType::from_npy_descr(">f4"), None);
        assert_eq!(DType::from_npy_descr("<c8"), Some(DType::C64));
        assert_eq!(DType::from_npy_descr("<c16"), Some(DType::C128));
        assert_eq!(DType::from_npy_descr(">c8"), None);
        assert_eq!(DType::from_npy_descr("float8_e4m3fn"), Some(DType::F8E4M3FN));
        assert_eq!(DType::from_npy_descr("int4"), Some(DType::S4));
        assert_eq!(DType::from_npy_descr("<f1"), Some(DType::F8E5M2));
        assert_eq!(DType::from_npy_descr("|V1"), None);
        assert_eq!(DType::from_npy_descr("<V1"), None);
        assert_eq!(DType::from_npy_descr(""), None);
    }

    #[test]
    fn new_types() {
        let names: Vec<&str> = DType::ALL.iter().map(|d| d.mlir_name()).collect();
        for n in
            ["i2", "i4", "ui2", "ui4", "complex<f32>", "complex<f64>", "f8E4M3FN", "f8E5M2", "f8E4M3FNUZ"]
        {
            assert!(names.contains(&n), "{n}");
        }
        for n in [
            "f8E5M2FNUZ",
            "f8E4M3B11FNUZ",
            "f8E4M3",
            "f8E3M4",
            "f8E8M0FNU",
            "f6E2M3FN",
            "f6E3M2FN",
            "f4E2M1FN",
        ] {
            assert!(names.contains(&n), "{n}");
        }
        // Every name and PJRT code is distinct.
        let mut codes: Vec<u32> = DType::ALL.iter().map(|d| d.pjrt_code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), DType::ALL.len());
        for d in DType::ALL {
            assert_eq!(
                pjrt_type_name(d.pjrt_code()).to_ascii_lowercase(),
                match d {
                    DType::Pred => "pred".to_string(),
                    DType::C64 => "c64".to_string(),
                    DType::C128 => "c128".to_string(),
                    _ => d.mlir_name().to_ascii_lowercase().replace("ui", "u").replace('i', "s"),
                },
                "{d}"
            );
            let kinds =
                [d == DType::Pred, d.is_signed_int(), d.is_unsigned_int(), d.is_float(), d.is_complex()];
            assert_eq!(kinds.iter().filter(|k| **k).count(), 1, "{d}");
            assert!(d.bit_width() <= 8 * d.byte_size());
            assert_eq!(d.is_sub_byte(), d.bit_width() < 8 && d != DType::Pred);
        }
        assert_eq!(DType::C64.byte_size(), 8);
        assert_eq!(DType::C128.byte_size(), 16);
        assert_eq!((DType::S4.byte_size(), DType::S4.bit_width()), (1, 4));
        assert_eq!((DType::F6E3M2FN.byte_size(), DType::F6E3M2FN.bit_width()), (1, 6));
        assert!(
            DType::F8E4M3FN.is_float() && DType::F8E4M3FN.is_small_float() && !DType::F32.is_small_float()
        );
        assert!(DType::S2.is_signed_int() && DType::U4.is_unsigned_int());
        assert_eq!(pjrt_type_name(DType::F6E3M2FN.pjrt_code()), "F6E3M2FN");
        assert_eq!("complex<f64>".parse::<DType>().ok(), Some(DType::C128));
        let e = "f8E4M3".parse::<DType>().map(|d| d.to_string()).unwrap();
        assert_eq!(e, "f8E4M3");
        let e = "f8e4m3fn".parse::<DType>().unwrap_err().to_string();
        assert!(e.contains("known: i1 i8") && e.contains("f8E4M3FN") && e.contains("complex<f64>"), "{e}");
    }

    #[test]
    fn shaped_type_text() {
        assert_eq!(split_shaped("2x3xf32"), (vec!["2", "3"], "f32"));
        assert_eq!(split_shaped("f32"), (vec![], "f32"));
        assert_eq!(split_shaped("4xcomplex<f32>"), (vec!["4"], "complex<f32>"));
        assert_eq!(split_shaped("complex<f64>"), (vec![], "complex<f64>"));
        assert_eq!(split_shaped("?x2xf8E4M3FN"), (vec!["?", "2"], "f8E4M3FN"));
        assert_eq!(split_shaped("xf32"), (vec![""], "f32"));
        assert_eq!(split_shaped("2complex<f32>"), (vec!["2"], "complex<f32>"));
    }

    #[test]
    fn sizes_and_names() {
        assert_eq!(DType::Pred.byte_size(), 1);
        assert_eq!(DType::BF16.byte_size(), 2);
        assert_eq!(DType::F64.byte_size(), 8);
        assert_eq!(pjrt_type_name(14), "C64");
        assert_eq!(pjrt_type_name(999), "UNKNOWN");
    }
}
