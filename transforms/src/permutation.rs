//! sort and top_k: their results are their operands permuted along one
//! axis, so tangents are gathered along the permutation and cotangents
//! scatter-added back (JAX's rules for sort_p and top_k_p).

use std::collections::HashSet;

use jaxr_dialect::decode::decode_raw;
use jaxr_dialect::{ElemType, GatherDims, Primitive, ScatterDims, ScatterKind, TensorType};
use mlir_sys::{MlirOperation, MlirValue};

use crate::emit::{key, type_of, Emitter};
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, Derivs};

/// Full index tuples for "element j along `axis` comes from position
/// idx[j]": the other coordinates are iotas. Shape: idx's shape + [rank].
fn index_tuples(em: &mut Emitter, idx: MlirValue, axis: usize) -> Result<MlirValue, String> {
    let ty = type_of(idx)?;
    let rank = ty.rank();
    let mut shape1 = ty.shape.clone();
    shape1.push(1);
    let mut parts = Vec::with_capacity(rank);
    for d in 0..rank {
        let v = if d == axis {
            idx
        } else {
            em.op(
                &Primitive::Iota { dimension: d as i64, ty: TensorType::new(ty.shape.clone(), ty.elem) },
                &[],
            )?
        };
        parts.push(em.op(&Primitive::Reshape { shape: shape1.clone() }, &[v])?);
    }
    if parts.len() == 1 {
        return Ok(parts[0]);
    }
    em.op(&Primitive::Concatenate { dimension: rank as i64 }, &parts)
}

fn gather_prim(rank: usize) -> Primitive {
    let all: Vec<i64> = (0..rank as i64).collect();
    Primitive::Gather {
        dims: GatherDims {
            offset_dims: vec![],
            collapsed_slice_dims: all.clone(),
            operand_batching_dims: vec![],
            start_indices_batching_dims: vec![],
            start_index_map: all,
            index_vector_dim: rank as i64,
        },
        slice_sizes: vec![1; rank],
        indices_are_sorted: false,
    }
}

fn scatter_add_prim(rank: usize) -> Primitive {
    let all: Vec<i64> = (0..rank as i64).collect();
    Primitive::Scatter {
        kind: ScatterKind::Add,
        dims: ScatterDims {
            update_window_dims: vec![],
            inserted_window_dims: all.clone(),
            input_batching_dims: vec![],
            scatter_indices_batching_dims: vec![],
            scatter_dims_to_operand_dims: all,
            index_vector_dim: rank as i64,
        },
        indices_are_sorted: false,
        unique_indices: false,
    }
}

/// The permutation a sort applies (a sort with an iota appended), and the
/// index tuples built from it; `replace` hands the original results over
/// to the new sort's (forward mode, where the new sort is the primal).
fn sort_permutation(
    em: &mut Emitter,
    op: MlirOperation,
    replace: bool,
) -> Result<(MlirValue, usize, Vec<MlirValue>), String> {
    let decoded = decode_raw(op)?;
    let Primitive::Sort { dimension, .. } = decoded.primitive else { return Err("not a sort".into()) };
    let shape = decoded.operands[0].shape.clone();
    let iota = em.op(&Primitive::Iota { dimension, ty: TensorType::new(shape, ElemType::I32) }, &[])?;
    let mut args = ir::operands(op);
    args.push(iota);
    let results = em.op_multi(&decoded.primitive, &args)?;
    if replace {
        for (old, new) in ir::results(op).iter().zip(&results) {
            ir::replace_uses(*old, *new);
        }
    }
    let perm = *results.last().ok_or("sort without results")?;
    Ok((index_tuples(em, perm, dimension as usize)?, args.len() - 1, results))
}

/// Forward mode.
pub fn jvp(em: &mut Emitter, op: MlirOperation, tangents: &mut Derivs) -> Result<(), Diag> {
    let err = |m: String| Diag::at_op(op, m);
    let name = ir::name_of(op);
    if name == "jaxr.sort" {
        let (tuples, n, new) = sort_permutation(em, op, true).map_err(err)?;
        for (k, x) in ir::operands(op).iter().enumerate().take(n) {
            let Some(t) = tangents.get(&key(*x)).copied() else { continue };
            let rank = type_of(t).map_err(err)?.rank();
            let g = em.op(&gather_prim(rank), &[t, tuples]).map_err(err)?;
            tangents.insert(key(new[k]), g);
        }
        return Ok(());
    }
    // top_k: values = operand gathered at the returned indices.
    let decoded = decode_raw(op).map_err(err)?;
    let Primitive::TopK { axis, .. } = decoded.primitive else { return Err(err("not a top_k".into())) };
    let x = ir::operands(op)[0];
    let Some(t) = tangents.get(&key(x)).copied() else { return Ok(()) };
    let indices = ir::results(op)[1];
    let tuples = index_tuples(em, indices, axis as usize).map_err(err)?;
    let g = em.op(&gather_prim(decoded.operands[0].rank()), &[t, tuples]).map_err(err)?;
    tangents.insert(key(ir::results(op)[0]), g);
    Ok(())
}

/// Reverse mode.
pub fn vjp(
    em: &mut Emitter,
    op: MlirOperation,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let err = |m: String| Diag::at_op(op, m);
    let name = ir::name_of(op);
    let operands = ir::operands(op);
    let results = ir::results(op);
    if name == "jaxr.sort" {
        let (tuples, n, _) = sort_permutation(em, op, false).map_err(err)?;
        for k in 0..n {
            let (Some(g), true) = (cts.get(&key(results[k])).copied(), active.contains(&key(operands[k])))
            else {
                continue;
            };
            let ty = type_of(operands[k]).map_err(err)?;
            let zeros = em.zeros(&ty).map_err(err)?;
            let back = em.op(&scatter_add_prim(ty.rank()), &[zeros, tuples, g]).map_err(err)?;
            accumulate(em, cts, operands[k], back).map_err(err)?;
        }
        return Ok(());
    }
    let decoded = decode_raw(op).map_err(err)?;
    let Primitive::TopK { axis, .. } = decoded.primitive else { return Err(err("not a top_k".into())) };
    let (Some(g), true) = (cts.get(&key(results[0])).copied(), active.contains(&key(operands[0]))) else {
        return Ok(());
    };
    let tuples = index_tuples(em, results[1], axis as usize).map_err(err)?;
    let zeros = em.zeros(&decoded.operands[0]).map_err(err)?;
    let back = em.op(&scatter_add_prim(decoded.operands[0].rank()), &[zeros, tuples, g]).map_err(err)?;
    accumulate(em, cts, operands[0], back).map_err(err)
}
