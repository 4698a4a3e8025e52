//! `jax.lax.with_sharding_constraint` as JAX exports it: with GSPMD
//! shardings `stablehlo.custom_call @Sharding(%x) {mhlo.sharding = "..."}`,
//! with Shardy's `sdy.sharding_constraint %x <@mesh, [...]>` (and Shardy's
//! `sdy.reshard`, the same identity that moves a value to a layout): the
//! identity on values that tells the partitioner how `%x` is laid out.
//! As in JAX, its tangent and its cotangent take the same constraint (the
//! transpose of the identity under a layout is that layout), and under
//! vmap the constraint gains an unsharded batch dimension.

use std::collections::HashSet;

use jaxr_dialect::raw;
use jaxr_dialect::TensorType;
use mlir_sys::*;

use crate::emit::{key, type_of, Emitter};
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, Derivs};

/// Whether `op` is a sharding constraint, in either form.
pub fn is_constraint(op: MlirOperation) -> bool {
    sharding_attr_name(op).is_some()
}

/// The attribute that holds a constraint's sharding.
fn sharding_attr_name(op: MlirOperation) -> Option<&'static str> {
    match ir::name_of(op).as_str() {
        "sdy.sharding_constraint" | "sdy.reshard" => Some("sharding"),
        "stablehlo.custom_call" => raw::attribute(op, "call_target_name")
            .and_then(raw::string)
            .is_some_and(|t| t == "Sharding")
            .then_some("mhlo.sharding"),
        _ => None,
    }
}

/// The same constraint (attributes and all) on `value`, of type `ty`,
/// inserted at the emitter; the copy. `like` has one operand and one
/// result ([`single`]).
fn constrain(em: &mut Emitter, like: MlirOperation, value: MlirValue, ty: &TensorType) -> MlirOperation {
    let copy = ir::clone_with(like, &[(key(ir::operands(like)[0]), value)].into_iter().collect());
    // SAFETY: the result of the detached copy, given the value's type.
    unsafe { mlirValueSetType(ir::results(copy)[0], ir::mlir_type(em.context(), ty)) };
    em.insert(copy);
    copy
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
    tangents.insert(key(y), ir::results(constrained)[0]);
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
    accumulate(em, cts, x, ir::results(constrained)[0]).map_err(|m| Diag::at_op(op, m))
}

/// Under vmap: the constraint on the batched value (batch dimension
/// first), with an unsharded batch dimension.
pub fn batch(em: &mut Emitter, op: MlirOperation, batched: MlirValue) -> Result<MlirValue, Diag> {
    single(op)?;
    let ty = type_of(batched).map_err(|m| Diag::at_op(op, m))?;
    let copy = constrain(em, op, batched, &ty);
    let name = sharding_attr_name(op).unwrap_or("mhlo.sharding");
    if let Some(attr) = raw::attribute(copy, name) {
        let Some(new) = crate::vmap::batched_sharding(em.context(), name, attr, 0) else {
            // SAFETY: an attribute of the live op.
            let text = unsafe { melior::ir::Attribute::from_raw(attr) }.to_string();
            return Err(Diag::at_op(op, format!("jaxr-vmap: cannot batch the sharding constraint {text}")));
        };
        crate::function::set_attr(copy, name, new);
    }
    Ok(ir::results(copy)[0])
}
