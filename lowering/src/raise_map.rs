//! `stablehlo.map` over all dimensions whose body is elementwise: the body
//! applied to whole tensors. Each body op is emitted again in StableHLO on
//! the operands' shape (a constant is broadcast), and raising takes those
//! ops like any other. A body with another op (a reduce, a call) keeps the
//! map StableHLO, with the op named.

use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{RegionLike, Value, ValueLike};
use melior::Context;
use mlir_sys::MlirOperation;

use jaxr_dialect::{op_table, tensor_type_of, Primitive, TensorType};

use crate::emitter::{i64_array, Emitter};
use crate::from_stablehlo::i64_array as i64_array_attr;

/// StableHLO ops with attributes that act elementwise (those without
/// attributes are found through the op table).
const ELEMENTWISE_WITH_ATTRIBUTES: &[&str] = &[
    "stablehlo.compare",
    "stablehlo.convert",
    "stablehlo.select",
    "stablehlo.clamp",
    "stablehlo.round_nearest_afz",
    "stablehlo.round_nearest_even",
];

fn is_elementwise(name: &str) -> bool {
    if ELEMENTWISE_WITH_ATTRIBUTES.contains(&name) {
        return true;
    }
    let prim =
        op_table::jaxr_op_for(name).and_then(|j| Primitive::of_attribute_free(j.strip_prefix("jaxr.")?));
    matches!(prim, Some(Primitive::Unary(_) | Primitive::Binary(_) | Primitive::IsFinite))
}

/// Emits the body on whole tensors before `op`; returns the result and the
/// StableHLO ops emitted (to be raised in turn).
pub(crate) fn expand<'c, 'a>(
    context: &'c Context,
    op: OperationRef<'c, 'a>,
    operands: &[Value<'c, 'a>],
    result: &TensorType,
) -> Result<(Value<'c, 'a>, Vec<MlirOperation>), String> {
    let rank = result.rank() as i64;
    if i64_array_attr(&op, "dimensions")? != (0..rank).collect::<Vec<_>>() {
        return Err("a map over some of its operands' dimensions".into());
    }
    let region = op.region(0).map_err(|e| e.to_string())?;
    let block = region.first_block().ok_or("a map without a body")?;
    if block.argument_count() != operands.len() {
        return Err(format!(
            "a map body of {} arguments for {} operands",
            block.argument_count(),
            operands.len()
        ));
    }
    // Checked before anything is emitted, so that a map left StableHLO
    // leaves nothing behind.
    let mut check = block.first_operation();
    while let Some(body_op) = check {
        check = body_op.next_in_block();
        let name = body_op.name().as_string_ref().as_str().map_err(|e| e.to_string())?.to_string();
        let fine = match name.as_str() {
            "stablehlo.return" => body_op.operand_count() == 1,
            "stablehlo.constant" => true,
            _ => is_elementwise(&name) && body_op.result_count() == 1,
        };
        if !fine {
            return Err(format!("a map body with '{name}', which is not elementwise"));
        }
    }
    let e = Emitter::before(context, op)?;
    // Body values and what stands for them on whole tensors.
    let mut mapped: Vec<(Value, Value<'c, 'a>)> = Vec::new();
    for (i, &x) in operands.iter().enumerate() {
        mapped.push((block.argument(i).map_err(|e| e.to_string())?.into(), x));
    }
    let lookup = |mapped: &[(Value, Value<'c, 'a>)], v: Value| -> Result<Value<'c, 'a>, String> {
        mapped
            .iter()
            .find(|(b, _)| *b == v)
            .map(|(_, w)| *w)
            .ok_or_else(|| "a map body using a value from outside".into())
    };
    let mut next = block.first_operation();
    while let Some(body_op) = next {
        next = body_op.next_in_block();
        let name = body_op.name().as_string_ref().as_str().map_err(|e| e.to_string())?.to_string();
        if name == "stablehlo.return" {
            let returned = body_op.operand(0).map_err(|e| e.to_string())?;
            return Ok((lookup(&mapped, returned)?, e.emitted()));
        }
        let scalar = body_op.result(0).map_err(|_| format!("'{name}' in a map body has no result"))?;
        let widened = TensorType::new(result.shape.clone(), tensor_type_of(scalar.r#type())?.elem);
        let attributes: Vec<(String, String)> = body_op
            .attributes()
            .map(|(k, v)| (k.as_string_ref().as_str().unwrap_or_default().to_string(), v.to_string()))
            .collect();
        let attributes: Vec<(&str, String)> =
            attributes.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        let value = if name == "stablehlo.constant" {
            let one = e.emit1(&name, &[], &TensorType::scalar(widened.elem), &attributes)?;
            e.emit1(
                "stablehlo.broadcast_in_dim",
                &[one],
                &widened,
                &[("broadcast_dimensions", i64_array(&[]))],
            )?
        } else {
            let args = body_op.operands().map(|v| lookup(&mapped, v)).collect::<Result<Vec<_>, _>>()?;
            e.emit1(&name, &args, &widened, &attributes)?
        };
        mapped.push((scalar.into(), value));
    }
    Err("a map body without stablehlo.return".into())
}
