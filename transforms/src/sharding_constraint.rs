//! `jax.lax.with_sharding_constraint` as JAX exports it with GSPMD
//! shardings: `stablehlo.custom_call @Sharding(%x) {mhlo.sharding = "..."}`,
//! the identity on values that tells the partitioner how `%x` is laid out.
//! As in JAX, its tangent and its cotangent take the same constraint (the
//! transpose of the identity under a layout is that layout), and under
//! vmap the constraint gains an unsharded batch dimension.

use std::collections::HashSet;

use jaxr_dialect::raw::{self, string_ref};
use jaxr_dialect::TensorType;
use mlir_sys::*;

use crate::emit::{key, type_of, Emitter};
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, Derivs};

/// Whether `op` is a GSPMD sharding constraint.
pub fn is_constraint(op: MlirOperation) -> bool {
    if ir::name_of(op) != "stablehlo.custom_call" {
        return false;
    }
    // SAFETY: the attribute's kind is checked before it is read.
    unsafe {
        raw::attribute(op, "call_target_name")
            .filter(|a| mlirAttributeIsAString(*a))
            .is_some_and(|a| raw::to_string(mlirStringAttrGetValue(a)) == "Sharding")
    }
}

/// The same constraint (attributes and all) on `value`, of type `ty`,
/// inserted at the emitter.
fn constrain(em: &mut Emitter, like: MlirOperation, value: MlirValue, ty: &TensorType) -> MlirValue {
    let copy = ir::clone_with(like, &[(key(ir::operands(like)[0]), value)].into_iter().collect());
    // SAFETY: the result of the detached copy, given the value's type.
    unsafe { mlirValueSetType(ir::results(copy)[0], ir::mlir_type(em.context(), ty)) };
    em.insert(copy);
    ir::results(copy)[0]
}

fn single(op: MlirOperation) -> Result<(MlirValue, MlirValue), Diag> {
    match (ir::operands(op).as_slice(), ir::results(op).as_slice()) {
        ([x], [y]) => Ok((*x, *y)),
        _ => Err(Diag::at_op(op, "a sharding constraint with other than one operand and one result")),
    }
}

/// Forward mode: the tangent under the same constraint.
pub fn jvp(em: &mut Emitter, op: MlirOperation, tangents: &mut Derivs) -> Result<(), Diag> {
    let (x, y) = single(op)?;
    let Some(t) = tangents.get(&key(x)).copied() else { return Ok(()) };
    let ty = type_of(y).map_err(|m| Diag::at_op(op, m))?;
    let constrained = constrain(em, op, t, &ty);
    tangents.insert(key(y), constrained);
    Ok(())
}

/// Reverse mode: the cotangent under the same constraint.
pub fn vjp(
    em: &mut Emitter,
    op: MlirOperation,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let (x, y) = single(op)?;
    if !active.contains(&key(x)) {
        return Ok(());
    }
    let Some(g) = cts.get(&key(y)).copied() else { return Ok(()) };
    let ty = type_of(x).map_err(|m| Diag::at_op(op, m))?;
    let constrained = constrain(em, op, g, &ty);
    accumulate(em, cts, x, constrained).map_err(|m| Diag::at_op(op, m))
}

/// Under vmap: the constraint on the batched value (batch dimension
/// first), with an unsharded batch dimension.
pub fn batch(em: &mut Emitter, op: MlirOperation, batched: MlirValue) -> Result<MlirValue, Diag> {
    let ty = type_of(batched).map_err(|m| Diag::at_op(op, m))?;
    let value = constrain(em, op, batched, &ty);
    let copy =
        ir::defining_op(value).ok_or_else(|| Diag::at_op(op, "internal error: a constraint without op"))?;
    // SAFETY: the attribute's kind is checked before it is read; MLIR copies the new one.
    unsafe {
        if let Some(a) = raw::attribute(copy, "mhlo.sharding").filter(|a| mlirAttributeIsAString(*a)) {
            let text = raw::to_string(mlirStringAttrGetValue(a));
            let Some(new) = crate::vmap::with_unsharded_dim(&text, 0) else {
                return Err(Diag::at_op(
                    op,
                    format!("jaxr-vmap: cannot batch the sharding constraint \"{text}\""),
                ));
            };
            let attr = crate::function::string_attr(em.context(), &new);
            mlirOperationSetAttributeByName(copy, string_ref("mhlo.sharding"), attr);
        }
    }
    Ok(value)
}
