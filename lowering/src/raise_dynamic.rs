//! Raising StableHLO's dynamic-shape ops whose shapes are in fact static:
//! their shape or size operands are computed by constant ops alone (see
//! [`constant_ints`]) and their result types are static. Each becomes the
//! static jaxr op: `dynamic_iota` → `iota`, `dynamic_pad` → `pad`,
//! `dynamic_reshape` → `reshape`, `dynamic_broadcast_in_dim` →
//! `broadcast_in_dim`, `dynamic_gather` → `gather`, and
//! `get_dimension_size` of a static dimension → a constant. Anything else
//! stays StableHLO with the reason "dynamic shape".

use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{Value, ValueLike};

use jaxr_dialect::stablehlo::indexing::gather_dims;
use jaxr_dialect::{tensor_type_of, Primitive, TensorType};

use crate::from_stablehlo::{attr_text, bool_attr, i64_array, i64_attr};
use crate::raise_util::{constant_ints, static_dim};

/// The dynamic-shape ops this module raises.
pub(crate) const NAMES: &[&str] = &[
    "stablehlo.dynamic_iota",
    "stablehlo.dynamic_pad",
    "stablehlo.dynamic_reshape",
    "stablehlo.dynamic_broadcast_in_dim",
    "stablehlo.get_dimension_size",
    "stablehlo.dynamic_gather",
];

/// What a dynamic-shape op is once its shapes are known.
pub(crate) enum Static<'c, 'a> {
    /// The jaxr op of `Primitive` on these operands.
    Op(Primitive, Vec<Value<'c, 'a>>),
    /// A constant of this type, every element the value.
    Constant(TensorType, i64),
}

/// The static form of a dynamic-shape op, or why it has none.
pub(crate) fn static_form<'c, 'a>(op: &OperationRef<'c, 'a>, name: &str) -> Result<Static<'c, 'a>, String> {
    let operands: Vec<Value> = op.operands().collect();
    let operand = |i: usize| operands.get(i).copied().ok_or_else(|| format!("'{name}' lacks operand {i}"));
    let result_value = op.result(0).map_err(|e| e.to_string())?;
    let result = tensor_type_of(result_value.r#type())
        .map_err(|_| format!("dynamic shape: the result type {} is not static", result_value.r#type()))?;
    // A shape or size operand's values, when constant ops compute them.
    let constant = |i: usize, what: &str| -> Result<Vec<i64>, String> {
        constant_ints(operand(i)?).ok_or_else(|| format!("dynamic shape: the {what} is not a constant"))
    };
    let static_operand = |i: usize| -> Result<(), String> {
        let v = operand(i)?;
        tensor_type_of(v.r#type())
            .map(|_| ())
            .map_err(|_| format!("dynamic shape: the operand type {} is not static", v.r#type()))
    };
    let matches_result = |shape: Vec<i64>| -> Result<(), String> {
        if shape == result.shape {
            Ok(())
        } else {
            Err(format!("the output shape {shape:?} is not the result type's {result}"))
        }
    };
    Ok(match name {
        "stablehlo.dynamic_iota" => {
            matches_result(constant(0, "output shape")?)?;
            Static::Op(
                Primitive::Iota { dimension: i64_attr(op, "iota_dimension")?, ty: result.clone() },
                vec![],
            )
        }
        "stablehlo.dynamic_reshape" => {
            static_operand(0)?;
            matches_result(constant(1, "output shape")?)?;
            Static::Op(Primitive::Reshape { shape: result.shape.clone() }, vec![operand(0)?])
        }
        "stablehlo.dynamic_broadcast_in_dim" => {
            static_operand(0)?;
            matches_result(constant(1, "output dimensions")?)?;
            let dims = i64_array(op, "broadcast_dimensions")?;
            if dims.windows(2).any(|w| w[0] >= w[1]) {
                return Err("broadcast dimensions that are not increasing have no jaxr counterpart".into());
            }
            Static::Op(Primitive::BroadcastInDim { shape: result.shape.clone(), dims }, vec![operand(0)?])
        }
        "stablehlo.dynamic_pad" => {
            static_operand(0)?;
            let prim = Primitive::Pad {
                low: constant(2, "low padding")?,
                high: constant(3, "high padding")?,
                interior: constant(4, "interior padding")?,
            };
            Static::Op(prim, vec![operand(0)?, operand(1)?])
        }
        "stablehlo.dynamic_gather" => {
            static_operand(0)?;
            static_operand(1)?;
            let text = attr_text(op, "dimension_numbers").ok_or("missing dimension_numbers")?;
            let prim = Primitive::Gather {
                dims: gather_dims(&text)?,
                slice_sizes: constant(2, "slice sizes")?,
                indices_are_sorted: bool_attr(op, "indices_are_sorted")?,
            };
            Static::Op(prim, vec![operand(0)?, operand(1)?])
        }
        "stablehlo.get_dimension_size" => {
            let dim = i64_attr(op, "dimension")?;
            let size = static_dim(operand(0)?, dim)
                .ok_or_else(|| format!("dynamic shape: dimension {dim} of the operand is not static"))?;
            Static::Constant(result, size)
        }
        other => return Err(format!("'{other}' is not a dynamic-shape op")),
    })
}
