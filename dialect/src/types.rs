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
}

impl ElemType {
    /// Every element type, in a fixed order (used by exhaustive tests).
    pub const ALL: [ElemType; 13] = [
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
        }
    }

    /// Width in bits (`i1` counts as 1).
    pub fn bit_width(self) -> u32 {
        match self {
            ElemType::I1 => 1,
            ElemType::I8 | ElemType::UI8 => 8,
            ElemType::I16 | ElemType::UI16 | ElemType::F16 | ElemType::BF16 => 16,
            ElemType::I32 | ElemType::UI32 | ElemType::F32 => 32,
            ElemType::I64 | ElemType::UI64 | ElemType::F64 => 64,
        }
    }

    pub fn is_float(self) -> bool {
        matches!(self, ElemType::F16 | ElemType::BF16 | ElemType::F32 | ElemType::F64)
    }

    pub fn is_bool(self) -> bool {
        self == ElemType::I1
    }

    /// Signed integers (not `i1`).
    pub fn is_signed_int(self) -> bool {
        matches!(self, ElemType::I8 | ElemType::I16 | ElemType::I32 | ElemType::I64)
    }

    pub fn is_unsigned_int(self) -> bool {
        matches!(self, ElemType::UI8 | ElemType::UI16 | ElemType::UI32 | ElemType::UI64)
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

    /// Number of elements (1 for a scalar).
    pub fn num_elements(&self) -> i64 {
        self.shape.iter().product()
    }

    /// The same shape with another element type.
    pub fn with_elem(&self, elem: ElemType) -> Self {
        TensorType { shape: self.shape.clone(), elem }
    }
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
        let mut parts: Vec<&str> = inner.split('x').collect();
        // Element types never contain 'x', so the last part is the element type.
        let elem = parts.pop().unwrap_or_default().parse()?;
        let shape = parts
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
    let (pos_inf, neg_inf, nan) = match elem {
        ElemType::F16 => ("0x7C00", "0xFC00", "0x7E00"),
        ElemType::BF16 => ("0x7F80", "0xFF80", "0x7FC0"),
        ElemType::F32 => ("0x7F800000", "0xFF800000", "0x7FC00000"),
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
    fn tensor_types_print_and_parse_back() {
        for text in ["tensor<2x3xf32>", "tensor<i1>", "tensor<0x7xui64>", "tensor<1x1x1xbf16>"] {
            let ty: TensorType = text.parse().unwrap();
            assert_eq!(ty.to_string(), text);
        }
        assert!("tensor<?x3xf32>".parse::<TensorType>().is_err());
        assert!("tensor<3xf8>".parse::<TensorType>().is_err());
    }

    #[test]
    fn literals_are_valid_mlir_for_their_type() {
        assert_eq!(literal(ElemType::F32, 0.5), "5.0000000000000000e-1");
        assert_eq!(literal(ElemType::F32, f64::NEG_INFINITY), "0xFF800000");
        assert_eq!(literal(ElemType::BF16, f64::NAN), "0x7FC0");
        assert_eq!(literal(ElemType::I1, 2.0), "true");
        assert_eq!(literal(ElemType::UI8, 7.0), "7");
    }

    #[test]
    fn element_type_classes_are_disjoint() {
        for t in ElemType::ALL {
            let classes = [t.is_bool(), t.is_signed_int(), t.is_unsigned_int(), t.is_float()];
            assert_eq!(classes.iter().filter(|c| **c).count(), 1, "{t}");
        }
    }
}
