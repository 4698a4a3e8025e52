//! optimization_barrier: the identity on values that the compiler may not
//! move computations across. Its tangents (forward) and cotangents
//! (reverse) pass through a barrier of their own, as in JAX, so that a
//! derivative keeps the fence its function had.

use std::collections::HashSet;

use jaxr_dialect::Primitive;
use mlir_sys::{MlirOperation, MlirValue};

use crate::emit::{key, Emitter};
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, Derivs};

/// Forward mode: the tangents of the results are a barrier of the
/// operands' tangents (the operands without one have none).
pub fn jvp(em: &mut Emitter, op: MlirOperation, tangents: &mut Derivs) -> Result<(), Diag> {
    let pairs: Vec<(MlirValue, MlirValue)> = ir::operands(op)
        .iter()
        .zip(ir::results(op))
        .filter_map(|(x, y)| tangents.get(&key(*x)).map(|t| (*t, y)))
        .collect();
    let fenced = fence(em, op, pairs.iter().map(|p| p.0).collect())?;
    for ((_, y), t) in pairs.iter().zip(fenced) {
        tangents.insert(key(*y), t);
    }
    Ok(())
}

/// Reverse mode: each active operand receives its result's cotangent,
/// through a barrier of those cotangents.
pub fn vjp(
    em: &mut Emitter,
    op: MlirOperation,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let pairs: Vec<(MlirValue, MlirValue)> = ir::results(op)
        .iter()
        .zip(ir::operands(op))
        .filter(|(_, x)| active.contains(&key(*x)))
        .filter_map(|(y, x)| cts.get(&key(*y)).map(|g| (*g, x)))
        .collect();
    let fenced = fence(em, op, pairs.iter().map(|p| p.0).collect())?;
    for ((_, x), g) in pairs.iter().zip(fenced) {
        accumulate(em, cts, *x, g).map_err(|m| Diag::at_op(op, m))?;
    }
    Ok(())
}

fn fence(em: &mut Emitter, op: MlirOperation, values: Vec<MlirValue>) -> Result<Vec<MlirValue>, Diag> {
    if values.is_empty() {
        return Ok(values);
    }
    em.op_multi(&Primitive::OptimizationBarrier, &values).map_err(|m| Diag::at_op(op, m))
}
