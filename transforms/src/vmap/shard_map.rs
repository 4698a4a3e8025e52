//! vmap of shard_map regions (`sdy.manual_computation`) and of the
//! collectives in them, as JAX batches them: the batch is a new leading
//! dimension that no mesh axis splits (`{}` first in every sharding of a
//! batched value), the body is batched, and each collective works on the
//! same mesh axes with its dimension attributes moved past the batch.

use jaxr_syntax::shardy::{self, DimSharding};
use melior::ir::attribute::AttributeLike;
use mlir_sys::*;

use super::{batch_region, batched_type, finish_yield, region_op, Batcher};
use crate::emit::type_of;
use crate::function::set_attr;
use crate::ir::{self, Diag};

fn attr_text(op: MlirOperation, name: &str) -> Result<String, String> {
    jaxr_dialect::raw::attribute_text(op, name).ok_or_else(|| format!("no '{name}'"))
}

/// `#sdy.sharding_per_value<[...]>` with an unsharded leading dimension on
/// the values that `batched` marks.
fn with_batch_dims(text: &str, batched: &[bool]) -> Result<String, String> {
    let shardings = shardy::parse_sharding_per_value(text)?;
    let bodies: Vec<String> = shardings
        .into_iter()
        .zip(batched)
        .map(|(mut s, b)| {
            if *b {
                s.dims.insert(0, DimSharding::default());
            }
            s.body_text()
        })
        .collect();
    Ok(format!("#sdy.sharding_per_value<[{}]>", bodies.join(", ")))
}

/// A shard_map region on batched operands: a region of the batched body,
/// every result batched.
pub(super) fn batch_manual(b: &mut Batcher, op: MlirOperation) -> Result<Vec<(MlirValue, bool)>, Diag> {
    let err = |m: String| Diag::at_op(op, format!("jaxr-vmap: {m}"));
    let got: Vec<(MlirValue, bool)> = ir::operands(op).iter().map(|v| b.get(*v)).collect();
    let batched: Vec<bool> = got.iter().map(|(_, bat)| *bat).collect();
    let block = ir::first_block(ir::regions(op)[0]);
    let locals = ir::types_of(&ir::block_args(block)).map_err(err)?;
    let arg_types: Vec<_> =
        locals.iter().zip(&batched).map(|(t, bat)| batched_type(b.size, t, *bat)).collect();
    let (nb, y, outs) = batch_region(b, block, &arg_types, &batched)?;
    let ret = *ir::ops_of(block).last().ok_or_else(|| err("an empty body".into()))?;
    let returned = ir::types_of(&ir::operands(ret)).map_err(err)?;
    let all = vec![true; returned.len()];
    finish_yield(b, nb, y, &outs, &all, &returned).map_err(err)?;
    // The body ends in sdy.return, not jaxr.yield.
    let values = ir::operands(y);
    let sdy_return = ir::create_op(b.em.context(), "sdy.return", ir::location_of(y), &values, &[], &[], 0);
    // SAFETY: the new terminator goes before the old one, which is then erased.
    unsafe { mlirBlockInsertOwnedOperationBefore(nb, y, sdy_return) };
    ir::erase(y);
    let results = ir::types_of(&ir::results(op)).map_err(err)?;
    let result_types: Vec<_> = results.iter().map(|t| batched_type(b.size, t, true)).collect();
    let operands: Vec<MlirValue> = got.iter().map(|(v, _)| *v).collect();
    let new = region_op(b, "sdy.manual_computation", &operands, &result_types, &[nb]);
    let ins = with_batch_dims(&attr_text(op, "in_shardings").map_err(err)?, &batched).map_err(err)?;
    let outs = with_batch_dims(&attr_text(op, "out_shardings").map_err(err)?, &all).map_err(err)?;
    let manual = attr_text(op, "manual_axes").map_err(err)?;
    for (name, text) in [("in_shardings", ins), ("out_shardings", outs), ("manual_axes", manual)] {
        let attr = melior::ir::Attribute::parse(b.em.context(), &text)
            .ok_or_else(|| err(format!("cannot build {text}")))?;
        set_attr(new, name, attr.to_raw());
    }
    b.em.insert(new);
    Ok(ir::results(new).into_iter().map(|r| (r, true)).collect())
}

/// A collective of a batched value: the same collective over the same
/// devices, its dimensions one further (the batch is dimension 0).
pub(super) fn batch_collective(b: &mut Batcher, op: MlirOperation) -> Result<Vec<(MlirValue, bool)>, Diag> {
    let err = |m: String| Diag::at_op(op, format!("jaxr-vmap: {m}"));
    let copy = batched_copy(b, op).map_err(err)?;
    for name in ["all_gather_dim", "scatter_dimension", "split_dimension", "concat_dimension"] {
        if let Some(d) = jaxr_dialect::raw::attribute(op, name).and_then(jaxr_dialect::raw::integer) {
            let attr = melior::ir::Attribute::parse(b.em.context(), &format!("{} : i64", d + 1))
                .ok_or_else(|| err(format!("cannot build {name}")))?;
            set_attr(copy, name, attr.to_raw());
        }
    }
    b.em.insert(copy);
    Ok(vec![(ir::results(copy)[0], true)])
}

/// A sharding group of a batched value: the batched value joins the group.
pub(super) fn batch_sharding_group(
    b: &mut Batcher,
    op: MlirOperation,
) -> Result<Vec<(MlirValue, bool)>, Diag> {
    let [x] = ir::operands(op)[..] else {
        return Err(Diag::at_op(op, "jaxr-vmap: a sharding group with other than one operand"));
    };
    let copy = ir::clone_with(op, &[(crate::emit::key(x), b.get(x).0)].into_iter().collect());
    b.em.insert(copy);
    Ok(Vec::new())
}

/// A GSPMD shard_map boundary (`@SPMDFullToShardShape`,
/// `@SPMDShardToFullShape`) of a batched value: the same custom call, its
/// layout with an unsharded batch dimension (a manual one stays manual).
pub(super) fn batch_manual_boundary(
    b: &mut Batcher,
    op: MlirOperation,
) -> Result<Vec<(MlirValue, bool)>, Diag> {
    let err = |m: String| Diag::at_op(op, format!("jaxr-vmap: {m}"));
    let copy = batched_copy(b, op).map_err(err)?;
    if let Some(attr) = jaxr_dialect::raw::attribute(op, "mhlo.sharding") {
        let batched = super::batched_sharding(b.em.context(), "mhlo.sharding", attr, 0)
            .ok_or_else(|| err("cannot batch the boundary's sharding".into()))?;
        set_attr(copy, "mhlo.sharding", batched);
    }
    b.em.insert(copy);
    Ok(vec![(ir::results(copy)[0], true)])
}

/// A detached copy of the one-operand, one-result `op` on the batched
/// operand (batch first), its result batched.
fn batched_copy(b: &mut Batcher, op: MlirOperation) -> Result<MlirOperation, String> {
    let [x] = ir::operands(op)[..] else { return Err("an op with other than one operand".into()) };
    let (v, bat) = b.get(x);
    let v = b.batched(v, bat, &type_of(x)?)?;
    let copy = ir::clone_with(op, &Default::default());
    let result = type_of(ir::results(op)[0])?;
    // SAFETY: a detached copy with one operand and one result.
    unsafe {
        mlirOperationSetOperand(copy, 0, v);
        mlirValueSetType(
            ir::results(copy)[0],
            ir::mlir_type(b.em.context(), &batched_type(b.size, &result, true)),
        );
    }
    Ok(copy)
}
