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
}

impl DType {
    /// Every element type, in declaration order.
    pub const ALL: [DType; 13] = [
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
    ];

    /// The MLIR builtin type name: `i1`, `i8`, ..., `ui8`, ..., `f16`, `bf16`, `f32`, `f64`.
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
        }
    }

    /// The inverse of [`DType::mlir_name`]; `None` for any other name.
    pub fn from_mlir_name(name: &str) -> Option<Self> {
        DType::ALL.into_iter().find(|d| d.mlir_name() == name)
    }

    /// Bytes per element on the host (1 for `i1`).
    pub fn byte_size(&self) -> usize {
        match self {
            DType::Pred | DType::S8 | DType::U8 => 1,
            DType::S16 | DType::U16 | DType::F16 | DType::BF16 => 2,
            DType::S32 | DType::U32 | DType::F32 => 4,
            DType::S64 | DType::U64 | DType::F64 => 8,
        }
    }

    /// The NumPy array-protocol descriptor written to `.npy` files.
    ///
    /// `bf16` has no NumPy builtin type; it is written as `'<V2'` (a 2-byte
    /// void), which is what `numpy.save` writes for an `ml_dtypes.bfloat16`
    /// array.
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
        }
    }

    /// Parses a little-endian (or byte-order-free) NumPy descriptor.
    ///
    /// Accepts the descriptors of [`DType::npy_descr`], the one-byte types
    /// with any byte-order mark, `'|V2'` for bf16 and the `ml_dtypes` name
    /// `'bfloat16'`. Big-endian multi-byte descriptors give `None`.
    pub fn from_npy_descr(descr: &str) -> Option<Self> {
        if descr == "bfloat16" {
            return Some(DType::BF16);
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
            "V2" if little => Some(DType::BF16),
            _ => None,
        }
    }

    /// True for `f16`, `bf16`, `f32`, `f64`.
    pub fn is_float(&self) -> bool {
        matches!(self, DType::F16 | DType::BF16 | DType::F32 | DType::F64)
    }

    /// True for the signed integer types (not `i1`).
    pub fn is_signed_int(&self) -> bool {
        matches!(self, DType::S8 | DType::S16 | DType::S32 | DType::S64)
    }

    /// True for the unsigned integer types.
    pub fn is_unsigned_int(&self) -> bool {
        matches!(self, DType::U8 | DType::U16 | DType::U32 | DType::U64)
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
        }
    }

    /// The inverse of [`DType::pjrt_code`].
    pub(crate) fn from_pjrt_code(code: u32) -> Option<Self> {
        DType::ALL.into_iter().find(|d| d.pjrt_code() == code)
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
            RuntimeError::Unsupported(format!(
                "element type {s:?} (known: i1 i8 i16 i32 i64 ui8 ui16 ui32 ui64 f16 bf16 f32 f64)"
            ))
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
        assert_eq!(DType::from_npy_descr("<c8"), None);
        assert_eq!(DType::from_npy_descr(""), None);
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
