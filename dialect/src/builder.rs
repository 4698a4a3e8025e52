//! Typed builders: a [`Primitive`] and operand values in, a verified-by-rule
//! MLIR operation out. The result type comes from the shape rules.

use melior::ir::attribute::AttributeLike;
use melior::ir::attribute::DenseElementsAttribute;
use melior::ir::operation::OperationBuilder;
use melior::ir::{Attribute, Identifier, Location, Operation, Value, ValueLike};
use melior::Context;

use crate::decode::{attributes_of, mlir_type, tensor_type_of};
use crate::primitive::Primitive;
use crate::shape::{self, ShapeError};
use crate::types::TensorType;

/// Builds `jaxr.<prim>` on `operands`, inferring the result types by the
/// shape rules. An operand that is not a static tensor, or a broken rule, is
/// an error.
pub fn build<'c>(
    context: &'c Context,
    location: Location<'c>,
    prim: &Primitive,
    operands: &[Value<'c, '_>],
) -> Result<Operation<'c>, ShapeError> {
    let mut types = Vec::with_capacity(operands.len());
    for v in operands {
        let ty = tensor_type_of(v.r#type()).map_err(|rule| ShapeError {
            op: prim.op_name(),
            operands: types.clone(),
            rule,
        })?;
        types.push(ty);
    }
    let results = shape::infer_results(prim, &types)?;
    let attributes: Vec<(Identifier, Attribute)> = attributes_of(context, prim)
        .into_iter()
        .map(|(name, attr)| (Identifier::new(context, name), attr))
        .collect();
    OperationBuilder::new(&prim.op_name(), location)
        .add_operands(operands)
        .add_attributes(&attributes)
        .add_results(&results.iter().map(|t| mlir_type(context, t)).collect::<Vec<_>>())
        .build()
        .map_err(|e| ShapeError { op: prim.op_name(), operands: types, rule: e.to_string() })
}

/// Builds `jaxr.constant` holding `value` (a dense or splat elements attribute).
pub fn constant<'c>(
    context: &'c Context,
    location: Location<'c>,
    value: Attribute<'c>,
) -> Result<Operation<'c>, String> {
    let ty = value.r#type();
    tensor_type_of(ty)?;
    OperationBuilder::new("jaxr.constant", location)
        .add_attributes(&[(Identifier::new(context, "value"), value)])
        .add_results(&[ty])
        .build()
        .map_err(|e| e.to_string())
}

/// Builds a `jaxr.constant` of type `ty` with every element equal to `x`
/// (converted to the element type: booleans are `x != 0`).
pub fn splat<'c>(
    context: &'c Context,
    location: Location<'c>,
    ty: &TensorType,
    x: f64,
) -> Result<Operation<'c>, String> {
    let text = format!("dense<{}> : {ty}", crate::types::literal(ty.elem, x));
    let attr = Attribute::parse(context, &text).ok_or_else(|| format!("cannot build constant {text}"))?;
    // Keep the elements-attribute type check close to its use.
    let _ = DenseElementsAttribute::try_from(attr).map_err(|e| e.to_string())?;
    constant(context, location, attr)
}
