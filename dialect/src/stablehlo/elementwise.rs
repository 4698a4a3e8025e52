//! Elementwise ops: which element types each accepts (the specification's
//! constraints), and how result element types follow from the operands'.

use super::view::{Elem, OpView, Tensor};
use super::{tensor_of, Rule};

/// The element types an elementwise op accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Any element type.
    Any,
    /// Integers, floats and complex numbers (no booleans).
    Numeric,
    /// Signed integers, floats, complex numbers.
    SignedNumeric,
    FloatOrComplex,
    Float,
    Integer,
    BoolOrInteger,
}

impl Class {
    fn admits(self, e: Elem) -> bool {
        match e {
            // Quantized and other element types are the backend's to check.
            Elem::Other => true,
            Elem::Bool => matches!(self, Class::Any | Class::BoolOrInteger),
            Elem::Signed(_) => !matches!(self, Class::FloatOrComplex | Class::Float),
            Elem::Unsigned(_) => {
                matches!(self, Class::Any | Class::Numeric | Class::Integer | Class::BoolOrInteger)
            }
            Elem::Float(_) => !matches!(self, Class::Integer | Class::BoolOrInteger),
            Elem::Complex(_) => {
                matches!(self, Class::Any | Class::Numeric | Class::SignedNumeric | Class::FloatOrComplex)
            }
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Class::Any => "any element type",
            Class::Numeric => "integer, floating-point or complex elements",
            Class::SignedNumeric => "signed integer, floating-point or complex elements",
            Class::FloatOrComplex => "floating-point or complex elements",
            Class::Float => "floating-point elements",
            Class::Integer => "integer elements",
            Class::BoolOrInteger => "boolean or integer elements",
        }
    }
}

/// How the result's element type follows from the operand's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ResultElem {
    Same,
    /// i1 (is_finite, chlo.is_inf, ...).
    Bool,
    /// The real part type of a complex operand, else the same (abs, real, imag).
    RealPart,
    /// complex<operand element type> (complex).
    ComplexOf,
    /// Any element type (convert).
    Free,
}

/// The element-type rule of an elementwise op, by full name.
fn rule_of(name: &str) -> Option<(Class, ResultElem)> {
    use Class::*;
    use ResultElem::*;
    Some(match name {
        "stablehlo.abs" => (SignedNumeric, RealPart),
        "stablehlo.real" | "stablehlo.imag" => (FloatOrComplex, RealPart),
        "stablehlo.cbrt"
        | "stablehlo.cosine"
        | "stablehlo.sine"
        | "stablehlo.tan"
        | "stablehlo.tanh"
        | "stablehlo.exponential"
        | "stablehlo.exponential_minus_one"
        | "stablehlo.log"
        | "stablehlo.log_plus_one"
        | "stablehlo.logistic"
        | "stablehlo.rsqrt"
        | "stablehlo.sqrt"
        | "stablehlo.atan2" => (FloatOrComplex, Same),
        "stablehlo.ceil"
        | "stablehlo.floor"
        | "stablehlo.round_nearest_afz"
        | "stablehlo.round_nearest_even"
        | "stablehlo.reduce_precision" => (Float, Same),
        "stablehlo.count_leading_zeros"
        | "stablehlo.popcnt"
        | "stablehlo.shift_left"
        | "stablehlo.shift_right_arithmetic"
        | "stablehlo.shift_right_logical" => (Integer, Same),
        "stablehlo.is_finite" => (Float, Bool),
        "stablehlo.negate"
        | "stablehlo.subtract"
        | "stablehlo.divide"
        | "stablehlo.remainder"
        | "stablehlo.power" => (Numeric, Same),
        "stablehlo.sign" => (SignedNumeric, Same),
        "stablehlo.not" | "stablehlo.and" | "stablehlo.or" | "stablehlo.xor" => (BoolOrInteger, Same),
        "stablehlo.add" | "stablehlo.multiply" | "stablehlo.maximum" | "stablehlo.minimum" => (Any, Same),
        "stablehlo.complex" => (Float, ComplexOf),
        "stablehlo.convert" => (Any, Free),
        "chlo.acos" | "chlo.acosh" | "chlo.asin" | "chlo.asinh" | "chlo.atan" | "chlo.atanh"
        | "chlo.cosh" | "chlo.sinh" | "chlo.tan" | "chlo.conj" => (FloatOrComplex, Same),
        "chlo.bessel_i1e" | "chlo.digamma" | "chlo.erf" | "chlo.erf_inv" | "chlo.erfc" | "chlo.lgamma"
        | "chlo.next_after" | "chlo.polygamma" | "chlo.zeta" => (Float, Same),
        "chlo.is_inf" | "chlo.is_neg_inf" | "chlo.is_pos_inf" => (Float, Bool),
        "chlo.square" => (Numeric, Same),
        _ => return None,
    })
}

/// Checks an elementwise op's element types; `None` when `name` is not one.
pub fn check(v: &OpView, name: &str) -> Option<Rule> {
    let (class, result_elem) = rule_of(name)?;
    Some(check_with(v, class, result_elem))
}

fn check_with(v: &OpView, class: Class, result_elem: ResultElem) -> Rule {
    let operands: Vec<&Tensor> = v
        .operands
        .iter()
        .enumerate()
        .map(|(i, t)| tensor_of(t, &format!("operand #{i}")))
        .collect::<Result<_, _>>()?;
    let result = tensor_of(v.results.first().ok_or("expects one result")?, "the result")?;
    let first = operands.first().ok_or("expects operands")?;
    for (i, t) in operands.iter().enumerate() {
        if !class.admits(t.elem) {
            return Err(format!(
                "operand #{i} must have {}, found {}",
                class.describe(),
                v.operands[i].text()
            ));
        }
        if t.elem_raw != first.elem_raw && t.elem != Elem::Other && first.elem != Elem::Other {
            return Err(format!(
                "operands must share an element type, found {} and {}",
                v.operands[0].text(),
                v.operands[i].text()
            ));
        }
    }
    if first.elem == Elem::Other || result.elem == Elem::Other {
        return Ok(());
    }
    let expected = match result_elem {
        ResultElem::Free => return Ok(()),
        ResultElem::Same => Some(first.elem_raw == result.elem_raw),
        ResultElem::Bool => Some(result.elem == Elem::Bool),
        ResultElem::RealPart => Some(match first.elem {
            Elem::Complex(w) => result.elem == Elem::Float(w),
            _ => first.elem_raw == result.elem_raw,
        }),
        ResultElem::ComplexOf => {
            Some(matches!((first.elem, result.elem), (Elem::Float(a), Elem::Complex(b)) if a == b))
        }
    };
    if expected == Some(false) {
        return Err(format!(
            "result element type of {} does not follow from {} ({})",
            v.results[0].text(),
            v.operands[0].text(),
            match result_elem {
                ResultElem::Same => "it must be the operands' element type",
                ResultElem::Bool => "it must be i1",
                ResultElem::RealPart => "it must be the operand's, or the part type of a complex operand",
                ResultElem::ComplexOf => "it must be complex of the operands' element type",
                ResultElem::Free => "",
            }
        ));
    }
    Ok(())
}

/// compare: operands of one element type, an i1 result, known directions
/// and a comparison type that fits the element type.
pub fn compare(v: &OpView, dialect: &str) -> Rule {
    let [lhs, rhs] = &v.operands[..] else { return Err("expects two operands".into()) };
    let (a, b) = (tensor_of(lhs, "lhs")?, tensor_of(rhs, "rhs")?);
    if a.elem_raw != b.elem_raw {
        return Err(format!("operands must share an element type, found {} and {}", lhs.text(), rhs.text()));
    }
    let result = tensor_of(v.results.first().ok_or("expects one result")?, "the result")?;
    if result.elem != Elem::Bool {
        return Err(format!("the result must have i1 elements, found {}", v.results[0].text()));
    }
    let (direction, kind) = comparison(v, dialect)?;
    let direction = direction.as_str();
    if let Some(kind) = kind.as_deref() {
        let fits = match kind {
            "NOTYPE" => true,
            "FLOAT" => a.elem.is_float() || a.elem.is_complex(),
            "TOTALORDER" => a.elem.is_float(),
            "SIGNED" => matches!(a.elem, Elem::Signed(_)),
            _ => matches!(a.elem, Elem::Unsigned(_) | Elem::Bool),
        };
        if !fits && a.elem != Elem::Other {
            return Err(format!("comparison type {kind} does not fit operands of type {}", lhs.text()));
        }
        if a.elem.is_complex() && !matches!(direction, "EQ" | "NE") && kind != "NOTYPE" {
            return Err(format!("complex operands compare only for EQ and NE, found {direction}"));
        }
    }
    Ok(())
}

/// The comparison direction and type (when given) of a compare in
/// `dialect` (`stablehlo.compare`, `chlo.broadcast_compare`), spellings checked.
pub fn comparison(v: &OpView, dialect: &str) -> Result<(String, Option<String>), String> {
    let direction = v.attr_text("comparison_direction").ok_or("requires attribute 'comparison_direction'")?;
    let direction = super::enums::enum_value(&direction, dialect, "comparison_direction")?.to_string();
    let kind = match v.attr_text("compare_type") {
        Some(kind) => Some(super::enums::enum_value(&kind, dialect, "comparison_type")?.to_string()),
        None => None,
    };
    Ok((direction, kind))
}

/// select: an i1 predicate, scalar or of the operands' shape; both branches
/// and the result of one type.
pub fn select(v: &OpView) -> Rule {
    let [pred, on_true, on_false] = &v.operands[..] else { return Err("expects three operands".into()) };
    let p = tensor_of(pred, "the predicate")?;
    let t = tensor_of(on_true, "on_true")?;
    if p.elem != Elem::Bool {
        return Err(format!("the predicate must have i1 elements, found {}", pred.text()));
    }
    if p.rank() != 0 && !super::view::dims_compatible(&p.dims, &t.dims) {
        return Err(format!(
            "the predicate must be a scalar or have the operands' shape, found {} and {}",
            pred.text(),
            on_true.text()
        ));
    }
    if !on_true.compatible(on_false) {
        return Err(format!(
            "on_true and on_false must have one type, found {} and {}",
            on_true.text(),
            on_false.text()
        ));
    }
    if !v.results.first().is_some_and(|r| r.compatible(on_true)) {
        return Err(format!("the result must have the type of on_true ({})", on_true.text()));
    }
    Ok(())
}

/// clamp: min and max scalars or of the operand's shape, all of one element
/// type; the result has the operand's type.
pub fn clamp(v: &OpView) -> Rule {
    let [min, operand, max] = &v.operands[..] else { return Err("expects three operands".into()) };
    let x = tensor_of(operand, "the operand")?;
    for (what, bound) in [("min", min), ("max", max)] {
        let b = tensor_of(bound, what)?;
        if (b.rank() != 0 && !super::view::dims_compatible(&b.dims, &x.dims)) || b.elem_raw != x.elem_raw {
            return Err(format!(
                "{what} must be a scalar or have the operand's shape, with its element type ({}), found {}",
                operand.text(),
                bound.text()
            ));
        }
    }
    if !v.results.first().is_some_and(|r| r.compatible(operand)) {
        return Err(format!("the result must have the operand's type ({})", operand.text()));
    }
    Ok(())
}

/// The attribute checks of an op that is elementwise but for them.
pub fn reduce_precision(v: &OpView) -> Rule {
    let exponent = v.int("exponent_bits").unwrap_or(1);
    let mantissa = v.int("mantissa_bits").unwrap_or(0);
    if exponent < 1 {
        return Err(format!("exponent_bits must be at least 1, found {exponent}"));
    }
    if mantissa < 0 {
        return Err(format!("mantissa_bits must not be negative, found {mantissa}"));
    }
    Ok(())
}
