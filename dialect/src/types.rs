//! Element types and static tensor types, independent of any MLIR context.
//!
//! The shape rules, the verifier, the builders and the e-graph all speak these
//! plain values, so the rules can be tested and reused without MLIR.

use std::fmt;
use std::str::FromStr;

/// An element type of a jaxr tensor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ElemType {
    /// `i1`, the boolean type.
    I1,
    I8,
    I16,
    I32,
    I64,
    UI8,
    UI16,
    UI32,
    UI64,
    F16,
    BF16,
    F32,
    F64,
    /// `i2`, `i4`: StableHLO's small signed integers.
    I2,
    I4,
    /// `ui2`, `ui4`.
    UI2,
    UI4,
    /// The small floats of ml_dtypes (MLIR's spellings): 8 bits ...
    F8E4M3FN,
    F8E5M2,
    F8E4M3FNUZ,
    F8E5M2FNUZ,
    F8E4M3B11FNUZ,
    F8E4M3,
    F8E3M4,
    F8E8M0FNU,
    /// ... 6 bits ...
    F6E2M3FN,
    F6E3M2FN,
    /// ... and 4 bits.
    F4E2M1FN,
    /// `complex<f32>` and `complex<f64>`.
    C64,
    C128,
}

impl ElemType {
    /// Every element type, in a fixed order (used by exhaustive tests).
    pub const ALL: [ElemType; 30] = [
        ElemType::I1,
        ElemType::I8,
        ElemType::I16,
        ElemType::I32,
        ElemType::I64,
        ElemType::UI8,
        ElemType::UI16,
        ElemType::UI32,
        ElemType::UI64,
        ElemType::F16,
        ElemType::BF16,
        ElemType::F32,
        ElemType::F64,
        ElemType::I2,
        ElemType::I4,
        ElemType::UI2,
        ElemType::UI4,
        ElemType::F8E4M3FN,
        ElemType::F8E5M2,
        ElemType::F8E4M3FNUZ,
        ElemType::F8E5M2FNUZ,
        ElemType::F8E4M3B11FNUZ,
        ElemType::F8E4M3,
        ElemType::F8E3M4,
        ElemType::F8E8M0FNU,
        ElemType::F6E2M3FN,
        ElemType::F6E3M2FN,
        ElemType::F4E2M1FN,
        ElemType::C64,
        ElemType::C128,
    ];

    /// The MLIR spelling (`f32`, `ui8`, `i1`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ElemType::I1 => "i1",
            ElemType::I8 => "i8",
            ElemType::I16 => "i16",
            ElemType::I32 => "i32",
            ElemType::I64 => "i64",
            ElemType::UI8 => "ui8",
            ElemType::UI16 => "ui16",
            ElemType::UI32 => "ui32",
            ElemType::UI64 => "ui64",
            ElemType::F16 => "f16",
            ElemType::BF16 => "bf16",
            ElemType::F32 => "f32",
            ElemType::F64 => "f64",
            ElemType::I2 => "i2",
            ElemType::I4 => "i4",
            ElemType::UI2 => "ui2",
            ElemType::UI4 => "ui4",
            ElemType::F8E4M3FN => "f8E4M3FN",
            ElemType::F8E5M2 => "f8E5M2",
            ElemType::F8E4M3FNUZ => "f8E4M3FNUZ",
            ElemType::F8E5M2FNUZ => "f8E5M2FNUZ",
            ElemType::F8E4M3B11FNUZ => "f8E4M3B11FNUZ",
            ElemType::F8E4M3 => "f8E4M3",
            ElemType::F8E3M4 => "f8E3M4",
            ElemType::F8E8M0FNU => "f8E8M0FNU",
            ElemType::F6E2M3FN => "f6E2M3FN",
            ElemType::F6E3M2FN => "f6E3M2FN",
            ElemType::F4E2M1FN => "f4E2M1FN",
            ElemType::C64 => "complex<f32>",
            ElemType::C128 => "complex<f64>",
        }
    }

    /// Width in bits (`i1` counts as 1).
    pub fn bit_width(self) -> u32 {
        match self {
            ElemType::I1 => 1,
            ElemType::I2 | ElemType::UI2 => 2,
            ElemType::I4 | ElemType::UI4 | ElemType::F4E2M1FN => 4,
            ElemType::F6E2M3FN | ElemType::F6E3M2FN => 6,
            ElemType::F8E4M3FN
            | ElemType::F8E5M2
            | ElemType::F8E4M3FNUZ
            | ElemType::F8E5M2FNUZ
            | ElemType::F8E4M3B11FNUZ
            | ElemType::F8E4M3
            | ElemType::F8E3M4
            | ElemType::F8E8M0FNU => 8,
            ElemType::C64 => 64,
            ElemType::C128 => 128,
            ElemType::I8 | ElemType::UI8 => 8,
            ElemType::I16 | ElemType::UI16 | ElemType::F16 | ElemType::BF16 => 16,
            ElemType::I32 | ElemType::UI32 | ElemType::F32 => 32,
            ElemType::I64 | ElemType::UI64 | ElemType::F64 => 64,
        }
    }

    /// Real floating-point types: f16, bf16, f32, f64 and the small floats.
    pub fn is_float(self) -> bool {
        self.is_standard_float() || self.is_small_float()
    }

    /// f16, bf16, f32 and f64: the floats jaxr computes with in every op.
    pub fn is_standard_float(self) -> bool {
        matches!(self, ElemType::F16 | ElemType::BF16 | ElemType::F32 | ElemType::F64)
    }

    /// The 8-, 6- and 4-bit floats: storage types that programs convert to
    /// and from (XLA computes with them by widening).
    pub fn is_small_float(self) -> bool {
        matches!(
            self,
            ElemType::F8E4M3FN
                | ElemType::F8E5M2
                | ElemType::F8E4M3FNUZ
                | ElemType::F8E5M2FNUZ
                | ElemType::F8E4M3B11FNUZ
                | ElemType::F8E4M3
                | ElemType::F8E3M4
                | ElemType::F8E8M0FNU
                | ElemType::F6E2M3FN
                | ElemType::F6E3M2FN
                | ElemType::F4E2M1FN
        )
    }

    /// Floats and complex values: JAX's inexact types, the ones derivatives
    /// flow through.
    pub fn is_inexact(self) -> bool {
        self.is_float() || self.is_complex()
    }

    /// `complex<f32>` and `complex<f64>`.
    pub fn is_complex(self) -> bool {
        matches!(self, ElemType::C64 | ElemType::C128)
    }

    /// The type of a complex type's parts (`f32` for `complex<f32>`).
    pub fn complex_part(self) -> Option<ElemType> {
        match self {
            ElemType::C64 => Some(ElemType::F32),
            ElemType::C128 => Some(ElemType::F64),
            _ => None,
        }
    }

    pub fn is_bool(self) -> bool {
        self == ElemType::I1
    }

    /// Signed integers (not `i1`).
    pub fn is_signed_int(self) -> bool {
        matches!(
            self,
            ElemType::I2 | ElemType::I4 | ElemType::I8 | ElemType::I16 | ElemType::I32 | ElemType::I64
        )
    }

    pub fn is_unsigned_int(self) -> bool {
        matches!(
            self,
            ElemType::UI2 | ElemType::UI4 | ElemType::UI8 | ElemType::UI16 | ElemType::UI32 | ElemType::UI64
        )
    }

    /// Signed or unsigned integers, not `i1`.
    pub fn is_int(self) -> bool {
        self.is_signed_int() || self.is_unsigned_int()
    }

    /// Types arithmetic is defined on: integers and floats, not `i1`.
    pub fn is_numeric(self) -> bool {
        self.is_int() || self.is_float()
    }
}

impl fmt::Display for ElemType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ElemType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ElemType::ALL.into_iter().find(|t| t.name() == s).ok_or_else(|| format!("unknown element type '{s}'"))
    }
}

/// A static-shaped ranked tensor type such as `tensor<2x3xf32>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TensorType {
    pub shape: Vec<i64>,
    pub elem: ElemType,
}

impl TensorType {
    pub fn new(shape: impl Into<Vec<i64>>, elem: ElemType) -> Self {
        TensorType { shape: shape.into(), elem }
    }

    /// A rank-0 tensor.
    pub fn scalar(elem: ElemType) -> Self {
        TensorType { shape: Vec::new(), elem }
    }

    pub fn rank(&self) -> usize {
        self.shape.len()
    }

    /// Number of elements (1 for a scalar); `i64::MAX` when the count does
    /// not fit an `i64` (a type such as `tensor<100000000000x100000000000xf32>`
    /// is valid text: counting must not overflow).
    pub fn num_elements(&self) -> i64 {
        element_count(&self.shape).unwrap_or(i64::MAX)
    }

    /// The same shape with another element type.
    pub fn with_elem(&self, elem: ElemType) -> Self {
        TensorType { shape: self.shape.clone(), elem }
    }
}

/// The number of elements of `shape`, or `None` when it does not fit an
/// `i64` (a zero dimension makes it 0 whatever the others).
pub fn element_count(shape: &[i64]) -> Option<i64> {
    if shape.contains(&0) {
        return Some(0);
    }
    shape.iter().try_fold(1i64, |count, &d| count.checked_mul(d))
}

impl fmt::Display for TensorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("tensor<")?;
        for d in &self.shape {
            write!(f, "{d}x")?;
        }
        write!(f, "{}>", self.elem)
    }
}

impl FromStr for TensorType {
    type Err = String;

    /// Parses `tensor<2x3xf32>` or `tensor<f32>`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let inner = s
            .trim()
            .strip_prefix("tensor<")
            .and_then(|r| r.strip_suffix('>'))
            .ok_or_else(|| format!("'{s}' is not a tensor type"))?;
        // Dimensions are the leading `N x` parts; the rest is the element
        // type (which may itself hold an `x`: `complex<f32>`).
        let mut rest = inner;
        let mut dims = Vec::new();
        while let Some((head, tail)) = rest.split_once('x') {
            if head.is_empty() || !head.bytes().all(|b| b.is_ascii_digit() || b == b'?' || b == b'-') {
                break;
            }
            dims.push(head);
            rest = tail;
        }
        let elem = rest.parse()?;
        let shape = dims
            .iter()
            .map(|p| match p.parse::<i64>() {
                Ok(d) if d >= 0 => Ok(d),
                _ => Err(format!("'{s}': dimension '{p}' is not a static size")),
            })
            .collect::<Result<_, _>>()?;
        Ok(TensorType { shape, elem })
    }
}

/// The MLIR literal for `x` in element type `elem`: exact hex bits for
/// infinities and NaN, decimal otherwise.
pub fn literal(elem: ElemType, x: f64) -> String {
    if let Some(part) = elem.complex_part() {
        return format!("({}, {})", literal(part, x), literal(part, 0.0));
    }
    if elem.is_bool() {
        return (x != 0.0).to_string();
    }
    if !elem.is_float() {
        return format!("{}", x as i128);
    }
    if x.is_finite() {
        // 17 significant digits identify the f64; the parser rounds it to the
        // element type exactly as a cast would.
        return format!("{x:.16e}");
    }
    // Bit patterns; a small float without infinities takes its NaN (as a
    // conversion gives), one without NaN either its largest finite value
    // (ml_dtypes saturates those).
    let (pos_inf, neg_inf, nan) = match elem {
        ElemType::F16 => ("0x7C00", "0xFC00", "0x7E00"),
        ElemType::BF16 => ("0x7F80", "0xFF80", "0x7FC0"),
        ElemType::F32 => ("0x7F800000", "0xFF800000", "0x7FC00000"),
        ElemType::F8E5M2 => ("0x7C", "0xFC", "0x7E"),
        ElemType::F8E4M3 => ("0x78", "0xF8", "0x7C"),
        ElemType::F8E3M4 => ("0x70", "0xF0", "0x78"),
        ElemType::F8E4M3FN => ("0x7F", "0xFF", "0x7F"),
        ElemType::F8E4M3FNUZ | ElemType::F8E5M2FNUZ | ElemType::F8E4M3B11FNUZ => ("0x80", "0x80", "0x80"),
        ElemType::F8E8M0FNU => ("0xFF", "0xFF", "0xFF"),
        ElemType::F6E2M3FN | ElemType::F6E3M2FN => ("0x1F", "0x3F", "0x1F"),
        ElemType::F4E2M1FN => ("0x7", "0xF", "0x7"),
        _ => ("0x7FF0000000000000", "0xFFF0000000000000", "0x7FF8000000000000"),
    };
    if x.is_nan() {
        nan.into()
    } else if x > 0.0 {
        pos_inf.into()
    } else {
        neg_inf.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_counts_never_overflow() {
        // Found by the pipeline fuzzer: each dimension fits an i64, their product does not.
        let huge: TensorType = "tensor<100000000000x100000000000x1000000xf32>".parse().unwrap();
        assert_eq!(huge.num_elements(), i64::MAX);
        assert_eq!(element_count(&huge.shape), None);
        assert_eq!(element_count(&[100000000000, 100000000000, 0]), Some(0));
        assert_eq!(element_count(&[]), Some(1));
        assert_eq!(element_count(&[2, 3, 4]), Some(24));
    }

    #[test]
    fn tensor_types_print_and_parse_back() {
        for text in ["tensor<2x3xf32>", "tensor<i1>", "tensor<0x7xui64>", "tensor<1x1x1xbf16>"] {
            let ty: TensorType = text.parse().unwrap();
            assert_eq!(ty.to_string(), text);
        }
        assert!("tensor<?x3xf32>".parse::<TensorType>().is_err());
        assert!("tensor<3xf8>".parse::<TensorType>().is_err());
        for text in ["tensor<2xcomplex<f32>>", "tensor<complex<f64>>", "tensor<4x2xf8E4M3FN>", "tensor<3xi4>"]
        {
            let ty: TensorType = text.parse().unwrap();
            assert_eq!(ty.to_string(), text);
        }
        assert_eq!("tensor<2x3xcomplex<f32>>".parse::<TensorType>().unwrap().shape, [2, 3]);
    }

    #[test]
    fn literals_are_valid_mlir_for_their_type() {
        assert_eq!(literal(ElemType::F32, 0.5), "5.0000000000000000e-1");
        assert_eq!(literal(ElemType::F32, f64::NEG_INFINITY), "0xFF800000");
        assert_eq!(literal(ElemType::BF16, f64::NAN), "0x7FC0");
        assert_eq!(literal(ElemType::I1, 2.0), "true");
        assert_eq!(literal(ElemType::UI8, 7.0), "7");
        assert_eq!(literal(ElemType::C64, 1.5), "(1.5000000000000000e0, 0.0000000000000000e0)");
        assert_eq!(literal(ElemType::F8E5M2, f64::INFINITY), "0x7C");
    }

    #[test]
    fn element_type_classes_are_disjoint() {
        for t in ElemType::ALL {
            let classes = [t.is_bool(), t.is_signed_int(), t.is_unsigned_int(), t.is_float(), t.is_complex()];
            assert_eq!(classes.iter().filter(|c| **c).count(), 1, "{t}");
        }
    }
}
