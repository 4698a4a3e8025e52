//! A dot's algorithm: StableHLO's `#stablehlo.dot_algorithm<...>`, what
//! JAX writes for a `lax.DotAlgorithmPreset` passed as a dot's precision.
//! It fixes the precision the operands are rounded to, the accumulation
//! type, and how many passes of each compose one product (bf16_6x is 3 and
//! 3 components in 6 operations). `jaxr.dot_general` keeps it in the same
//! attribute, and its derivatives and batched forms keep it too, as JAX's
//! transposes pass the precision on.

use std::fmt;

use crate::ElemType;

/// The type one side of the algorithm computes in: an element type, or
/// tf32 (a 19-bit float that no tensor holds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AlgorithmType {
    Tf32,
    Elem(ElemType),
}

impl fmt::Display for AlgorithmType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AlgorithmType::Tf32 => f.write_str("tf32"),
            AlgorithmType::Elem(t) => write!(f, "{t}"),
        }
    }
}

impl AlgorithmType {
    fn parse(text: &str) -> Result<Self, String> {
        if text == "tf32" {
            return Ok(AlgorithmType::Tf32);
        }
        let elem: ElemType = text.parse()?;
        if !elem.is_float() && !elem.is_small_float() {
            return Err(format!("a dot algorithm computes in floating-point types, found {elem}"));
        }
        Ok(AlgorithmType::Elem(elem))
    }
}

/// The fields of `#stablehlo.dot_algorithm<...>`, in the spec's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DotAlgorithm {
    pub lhs_precision_type: AlgorithmType,
    pub rhs_precision_type: AlgorithmType,
    pub accumulation_type: AlgorithmType,
    pub lhs_component_count: i64,
    pub rhs_component_count: i64,
    pub num_primitive_operations: i64,
    pub allow_imprecise_accumulation: bool,
}

const PREFIX: &str = "#stablehlo.dot_algorithm<";

const FIELDS: [&str; 7] = [
    "lhs_precision_type",
    "rhs_precision_type",
    "accumulation_type",
    "lhs_component_count",
    "rhs_component_count",
    "num_primitive_operations",
    "allow_imprecise_accumulation",
];

impl DotAlgorithm {
    /// Reads the attribute as MLIR prints it (line breaks and spacing as
    /// the source had them). Every field must be given, once.
    pub fn parse(text: &str) -> Result<Self, String> {
        let body = text
            .trim()
            .strip_prefix(PREFIX)
            .and_then(|t| t.strip_suffix('>'))
            .ok_or_else(|| format!("expected {PREFIX}...>, found '{text}'"))?;
        let mut values: [Option<&str>; 7] = [None; 7];
        for entry in body.split(',') {
            let (key, value) = entry
                .split_once('=')
                .ok_or_else(|| format!("expected 'name = value', found '{}'", entry.trim()))?;
            let (key, value) = (key.trim(), value.trim());
            let index = FIELDS
                .iter()
                .position(|f| *f == key)
                .ok_or_else(|| format!("unknown dot algorithm field '{key}'"))?;
            if values[index].replace(value).is_some() {
                return Err(format!("dot algorithm field '{key}' is given twice"));
            }
        }
        let field =
            |i: usize| values[i].ok_or_else(|| format!("dot algorithm field '{}' is missing", FIELDS[i]));
        let count = |i: usize| -> Result<i64, String> {
            let v = field(i)?;
            v.parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| format!("dot algorithm field '{}' must be a count, found '{v}'", FIELDS[i]))
        };
        let flag = match field(6)? {
            "true" => true,
            "false" => false,
            other => {
                return Err(format!("allow_imprecise_accumulation must be true or false, found '{other}'"))
            }
        };
        Ok(DotAlgorithm {
            lhs_precision_type: AlgorithmType::parse(field(0)?)?,
            rhs_precision_type: AlgorithmType::parse(field(1)?)?,
            accumulation_type: AlgorithmType::parse(field(2)?)?,
            lhs_component_count: count(3)?,
            rhs_component_count: count(4)?,
            num_primitive_operations: count(5)?,
            allow_imprecise_accumulation: flag,
        })
    }

    /// The same algorithm with the operands' roles exchanged (for a dot
    /// whose operands are swapped).
    pub fn swapped(self) -> Self {
        DotAlgorithm {
            lhs_precision_type: self.rhs_precision_type,
            rhs_precision_type: self.lhs_precision_type,
            lhs_component_count: self.rhs_component_count,
            rhs_component_count: self.lhs_component_count,
            ..self
        }
    }
}

/// The attribute's text, on one line.
impl fmt::Display for DotAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{PREFIX}lhs_precision_type = {}, rhs_precision_type = {}, accumulation_type = {}, \
             lhs_component_count = {}, rhs_component_count = {}, num_primitive_operations = {}, \
             allow_imprecise_accumulation = {}>",
            self.lhs_precision_type,
            self.rhs_precision_type,
            self.accumulation_type,
            self.lhs_component_count,
            self.rhs_component_count,
            self.num_primitive_operations,
            self.allow_imprecise_accumulation
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BF16_6X: &str = "#stablehlo.dot_algorithm<lhs_precision_type = bf16, rhs_precision_type = bf16, \
        accumulation_type = f32, lhs_component_count = 3, rhs_component_count = 3, \
        num_primitive_operations = 6, allow_imprecise_accumulation = false>";

    #[test]
    fn reads_and_prints_the_attribute() {
        let a = DotAlgorithm::parse(BF16_6X).unwrap();
        assert_eq!(a.lhs_precision_type, AlgorithmType::Elem(ElemType::BF16));
        assert_eq!(a.num_primitive_operations, 6);
        assert_eq!(DotAlgorithm::parse(&a.to_string()).unwrap(), a);
        let multiline =
            "#stablehlo.dot_algorithm<\n  lhs_precision_type = tf32,\n  rhs_precision_type = tf32,\n  \
            accumulation_type = f32,\n  lhs_component_count = 1,\n  rhs_component_count = 1,\n  \
            num_primitive_operations = 1,\n  allow_imprecise_accumulation = true\n>";
        let b = DotAlgorithm::parse(multiline).unwrap();
        assert_eq!(b.lhs_precision_type, AlgorithmType::Tf32);
        assert!(b.allow_imprecise_accumulation);
    }

    #[test]
    fn refuses_missing_repeated_and_unknown_fields() {
        let missing = BF16_6X.replace("num_primitive_operations = 6, ", "");
        assert!(DotAlgorithm::parse(&missing).unwrap_err().contains("'num_primitive_operations' is missing"));
        let twice = BF16_6X.replace("num_primitive_operations = 6", "lhs_component_count = 6");
        assert!(DotAlgorithm::parse(&twice).unwrap_err().contains("given twice"));
        let unknown = BF16_6X.replace("accumulation_type", "accumulator");
        assert!(DotAlgorithm::parse(&unknown)
            .unwrap_err()
            .contains("unknown dot algorithm field 'accumulator'"));
        let int_type = BF16_6X.replace("accumulation_type = f32", "accumulation_type = i32");
        assert!(DotAlgorithm::parse(&int_type).unwrap_err().contains("floating-point"));
    }

    #[test]
    fn swapping_exchanges_the_operand_sides() {
        let a = DotAlgorithm::parse(&BF16_6X.replace("lhs_component_count = 3", "lhs_component_count = 1"))
            .unwrap();
        let s = a.swapped();
        assert_eq!((s.lhs_component_count, s.rhs_component_count), (3, 1));
        assert_eq!(s.swapped(), a);
    }
}
