//! shard_map bodies (`sdy.manual_computation`) in both modes, as JAX
//! differentiates shard_map: the derivative of a manual region is a manual
//! region of the derivative of its body.
//!
//! - Forward mode: one region that also takes the operands' tangents (laid
//!   out as the operands) and also returns the results' tangents.
//! - Reverse mode: a second region that takes the operands and the results'
//!   cotangents (laid out as the results), recomputes the body and runs the
//!   reverse sweep through it, returning the operands' cotangents (laid out
//!   as the operands). Inside, collectives transpose as
//!   [`crate::collectives`] says, with the body's values typed by what they
//!   vary over.
//!
//! Supported: regions manual over every axis of a mesh whose devices are
//! `0..n` in order (what jax.shard_map over all of a mesh's axes and
//! jax.pmap write).

use std::collections::HashSet;

use jaxr_syntax::shardy::{self, Mesh, MeshRef, TensorSharding};
use melior::ir::attribute::AttributeLike;
use mlir_sys::*;

use crate::collectives::ManualScope;
use crate::control::{terminator, with_regions_of};
use crate::emit::{is_inexact, key, type_of, Emitter};
use crate::function::{set_attr, Deriver};
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, activity, derivative_or_zeros, forward, reverse, Derivs};

/// A manual region's shardings, read from the op.
struct Region {
    ins: Vec<TensorSharding>,
    outs: Vec<TensorSharding>,
    manual: Vec<String>,
    mesh: Mesh,
}

fn attr_text(op: MlirOperation, name: &str) -> Result<String, String> {
    jaxr_dialect::raw::attribute_text(op, name).ok_or_else(|| format!("no '{name}'"))
}

impl Region {
    fn of(op: MlirOperation) -> Result<Region, Diag> {
        let err = |m: String| Diag::at_op(op, m);
        let ins =
            shardy::parse_sharding_per_value(&attr_text(op, "in_shardings").map_err(err)?).map_err(err)?;
        let outs =
            shardy::parse_sharding_per_value(&attr_text(op, "out_shardings").map_err(err)?).map_err(err)?;
        let manual = shardy::parse_manual_axes(&attr_text(op, "manual_axes").map_err(err)?).map_err(err)?;
        let mesh_name = ins.iter().chain(&outs).find_map(|s| match &s.mesh {
            MeshRef::Named(n) => Some(n.clone()),
            MeshRef::Inline(_) => None,
        });
        let mesh =
            mesh_name.and_then(|n| jaxr_dialect::sdy::find_mesh(op, &n).ok().flatten()).ok_or_else(|| {
                err("jaxr differentiates shard_map regions over a mesh the module declares".into())
            })?;
        let all_manual = mesh.axes.iter().all(|a| manual.contains(&a.name));
        let in_order =
            mesh.device_ids.as_ref().is_none_or(|ids| ids.iter().enumerate().all(|(i, d)| *d == i as i64));
        if !all_manual || !in_order {
            return Err(err(format!(
                "jaxr differentiates shard_map regions that are manual over every axis of a mesh of devices in order; \
                 this one is manual over {{{}}} of mesh {mesh}",
                manual.join(", ")
            )));
        }
        Ok(Region { ins, outs, manual, mesh })
    }

    /// The axes (bits, in mesh order) a sharding splits its value over.
    fn varying(&self, sharding: &TensorSharding) -> u64 {
        let mut mask = 0;
        for axis in sharding.dims.iter().flat_map(|d| &d.axes) {
            if let Some(i) = self.mesh.axes.iter().position(|a| a.name == axis.name) {
                mask |= 1 << i;
            }
        }
        mask
    }

    fn scope(&self) -> ManualScope {
        ManualScope::new(self.mesh.axes.iter().map(|a| a.size).collect())
    }

    /// Writes the shardings onto `op` (a new region).
    fn set_on(
        &self,
        d: &Deriver,
        op: MlirOperation,
        ins: &[&TensorSharding],
        outs: &[&TensorSharding],
    ) -> Result<(), String> {
        let list = |s: &[&TensorSharding]| s.iter().map(|t| t.body_text()).collect::<Vec<_>>().join(", ");
        let quoted: Vec<String> = self.manual.iter().map(|a| format!("\"{a}\"")).collect();
        for (name, text) in [
            ("in_shardings", format!("#sdy.sharding_per_value<[{}]>", list(ins))),
            ("out_shardings", format!("#sdy.sharding_per_value<[{}]>", list(outs))),
            ("manual_axes", format!("#sdy<manual_axes{{{}}}>", quoted.join(", "))),
        ] {
            let attr = melior::ir::Attribute::parse(d.context, &text)
                .ok_or_else(|| format!("cannot build {text}"))?;
            set_attr(op, name, attr.to_raw());
        }
        Ok(())
    }
}

/// Reverse mode types each value of a body by the mesh axes it varies over
/// (crate::collectives); that typing follows straight-line code, loops,
/// conds whose index is the same on every device (the others became
/// selects), and calls of functions without collectives. Other region ops
/// and calls of functions that communicate are refused rather than
/// differentiated wrongly.
pub(crate) fn typed_straight_line(d: &Deriver, scope: &ManualScope, body: MlirBlock) -> Result<(), Diag> {
    for inner in ir::ops_of(body) {
        if matches!(ir::name_of(inner).as_str(), "jaxr.while" | "jaxr.cond") {
            for region in ir::regions(inner) {
                typed_straight_line(d, scope, ir::first_block(region))?;
            }
        }
        let name = ir::name_of(inner);
        if crate::collectives::is_collective(&name) {
            continue;
        }
        let refuse = |what: String, why: &str| {
            Err(Diag::at_op(
                inner,
                format!(
                    "jaxr-autodiff: reverse mode through a shard_map body does not yet follow {what} ({why})"
                ),
            ))
        };
        match name.as_str() {
            "jaxr.while" => {}
            "jaxr.cond" if scope.axes_of(ir::operands(inner)[0]) != 0 => {
                let why = "devices would take different branches, and a branch's sums must run on all";
                return refuse("a 'jaxr.cond' whose index varies over a mesh axis".into(), why);
            }
            "jaxr.cond" => {}
            _ if !ir::regions(inner).is_empty() => {
                let why = "jaxr types the body's values by the mesh axes they vary over through straight-line code, loops and conds";
                return refuse(format!("'{name}'"), why);
            }
            _ => {}
        }
        let callee = ir::callee_of(inner);
        if let Some(f) = callee.filter(|_| name == "func.call" || name.starts_with("jaxr.")) {
            if communicates(d, &f, &mut Vec::new()) {
                return refuse(
                    format!("a call of '@{f}', which uses collectives"),
                    "inline it first: the inline pass",
                );
            }
        }
    }
    Ok(())
}

/// Replaces each `jaxr.cond` of `block` (and of the loops and conds in it)
/// whose index varies over a mesh axis by its branches, all computed, and
/// a select_n of their results by the index (out of range: the last
/// branch, as a cond). Whether any was replaced.
fn selects_for_parting_conds(
    context: &melior::Context,
    scope: &ManualScope,
    block: MlirBlock,
) -> Result<bool, String> {
    let mut changed = false;
    for op in ir::ops_of(block) {
        let name = ir::name_of(op);
        if name == "jaxr.while" || (name == "jaxr.cond" && scope.axes_of(ir::operands(op)[0]) == 0) {
            for region in ir::regions(op) {
                changed |= selects_for_parting_conds(context, scope, ir::first_block(region))?;
            }
            continue;
        }
        if name != "jaxr.cond" {
            continue;
        }
        let mut em = Emitter::new(context, block, op, ir::location_of(op));
        let mut branches: Vec<Vec<MlirValue>> = Vec::new();
        for region in ir::regions(op) {
            let mut map = std::collections::HashMap::new();
            let ops = ir::ops_of(ir::first_block(region));
            let (last, body) = ops.split_last().ok_or("an empty branch")?;
            for &o in body {
                let copy = ir::clone_with(o, &map);
                em.insert(copy);
                for (a, b) in ir::results(o).iter().zip(ir::results(copy)) {
                    map.insert(key(*a), b);
                }
            }
            branches
                .push(ir::operands(*last).iter().map(|v| map.get(&key(*v)).copied().unwrap_or(*v)).collect());
        }
        let index = ir::operands(op)[0];
        let which = last_when_out_of_range(&mut em, index, branches.len() as i64)?;
        for (k, r) in ir::results(op).iter().enumerate() {
            let mut cases = vec![which];
            cases.extend(branches.iter().map(|b| b[k]));
            let picked = em.op(&jaxr_dialect::Primitive::SelectN, &cases)?;
            ir::replace_uses(*r, picked);
        }
        ir::erase(op);
        changed = true;
    }
    Ok(changed)
}

/// A cond's index as select_n's selector: an i1 as it is; an integer out of
/// `0..n` picks the last case (stablehlo.case's rule).
fn last_when_out_of_range(em: &mut Emitter, index: MlirValue, n: i64) -> Result<MlirValue, String> {
    use jaxr_dialect::{BinaryOp, ComparisonDirection, ElemType, Primitive};
    let it = type_of(index)?;
    if it.elem == ElemType::I1 {
        return Ok(index);
    }
    let zero = em.splat(&it, 0.0)?;
    let last = em.splat(&it, (n - 1) as f64)?;
    let below = em.op(&Primitive::Compare(ComparisonDirection::Lt), &[index, zero])?;
    let above = em.op(&Primitive::Compare(ComparisonDirection::Gt), &[index, last])?;
    let out = em.op(&Primitive::Binary(BinaryOp::Or), &[below, above])?;
    em.op(&Primitive::SelectN, &[out, index, last])
}

/// Whether function `name` (or a function it calls) uses a collective,
/// partition_id or a manual region.
fn communicates(d: &Deriver, name: &str, seen: &mut Vec<String>) -> bool {
    if seen.iter().any(|s| s == name) {
        return false;
    }
    seen.push(name.to_string());
    let Some(func) = d.function(name) else { return false };
    let wanted = |n: &str| {
        crate::collectives::is_collective(n) || n == "stablehlo.partition_id" || n == "sdy.manual_computation"
    };
    if !ir::nested_ops(func, &wanted).is_empty() {
        return true;
    }
    let calls = ir::nested_ops(func, &|n: &str| n == "func.call" || n.starts_with("jaxr."));
    calls.into_iter().filter_map(ir::callee_of).any(|c| communicates(d, &c, seen))
}

/// Forward mode through a manual region.
pub fn jvp(d: &mut Deriver, em: &mut Emitter, op: MlirOperation, tangents: &mut Derivs) -> Result<(), Diag> {
    let err = |m: String| Diag::at_op(op, m);
    let region = Region::of(op)?;
    let operands = ir::operands(op);
    let with_tangent: Vec<usize> = (0..operands.len())
        .filter(|&i| is_inexact(operands[i]) && tangents.contains_key(&key(operands[i])))
        .collect();
    let old = ir::results(op);
    let types = ir::types_of(&old).map_err(err)?;
    let floats: Vec<usize> = (0..old.len()).filter(|&k| types[k].elem.is_inexact()).collect();
    let mut new_operands = operands.clone();
    new_operands.extend(with_tangent.iter().map(|&i| tangents[&key(operands[i])]));
    let all_types: Vec<_> = types.iter().cloned().chain(floats.iter().map(|&k| types[k].clone())).collect();
    let new = with_regions_of(em, op, &new_operands, &all_types);
    d.channels.renumber(d.context, new).map_err(err)?;
    let ins: Vec<&TensorSharding> =
        region.ins.iter().chain(with_tangent.iter().map(|&i| &region.ins[i])).collect();
    let outs: Vec<&TensorSharding> =
        region.outs.iter().chain(floats.iter().map(|&k| &region.outs[k])).collect();
    region.set_on(d, new, &ins, &outs).map_err(err)?;
    let block = ir::first_block(ir::regions(new)[0]);
    let args = ir::block_args(block);
    let ret = terminator(block);
    let ops = ir::ops_of(block);
    let body = &ops[..ops.len() - 1];
    let mut local = Derivs::new();
    for &i in &with_tangent {
        let ty = type_of(args[i]).map_err(err)?;
        let t = ir::add_block_arg(d.context, block, &ty, ir::location_of(op));
        local.insert(key(args[i]), t);
    }
    let mut inner = Emitter::new(d.context, block, ret, ir::location_of(ret));
    forward(d, &mut inner, body, &mut local)?;
    inner.set_anchor(ret);
    let returned = ir::operands(ret);
    let mut outs_values = returned.clone();
    for &k in &floats {
        outs_values.push(derivative_or_zeros(&mut inner, &local, returned[k]).map_err(err)?);
    }
    ir::set_operands(ret, &outs_values);
    crate::control::hand_over(em, new, &old, &floats, tangents);
    Ok(())
}

/// Reverse mode through a manual region.
pub fn vjp(
    d: &mut Deriver,
    em: &mut Emitter,
    op: MlirOperation,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    let err = |m: String| Diag::at_op(op, m);
    let region = Region::of(op)?;
    let operands = ir::operands(op);
    let targets: Vec<usize> = (0..operands.len()).filter(|&i| active.contains(&key(operands[i]))).collect();
    if targets.is_empty() {
        return Ok(());
    }
    let results = ir::results(op);
    let mut new_operands = operands.clone();
    for r in &results {
        new_operands.push(derivative_or_zeros(em, cts, *r).map_err(err)?);
    }
    let target_types: Vec<_> =
        targets.iter().map(|&i| type_of(operands[i])).collect::<Result<_, _>>().map_err(err)?;
    let new = with_regions_of(em, op, &new_operands, &target_types);
    // The typing follows values through the body's own code: calls (JAX
    // outlines a scan's body, a relu) are inlined into the copy first.
    crate::pass::inline_calls(d, new, false)?;
    d.channels.renumber(d.context, new).map_err(err)?;
    let ins: Vec<&TensorSharding> = region.ins.iter().chain(&region.outs).collect();
    let outs: Vec<&TensorSharding> = targets.iter().map(|&i| &region.ins[i]).collect();
    region.set_on(d, new, &ins, &outs).map_err(err)?;
    let block = ir::first_block(ir::regions(new)[0]);
    let arg_axes: Vec<u64> = region.ins.iter().map(|s| region.varying(s)).collect();
    let analyzed = || {
        let mut scope = region.scope();
        scope.analyze(block, &arg_axes).map(|()| scope)
    };
    let mut scope = analyzed().map_err(|m| err(format!("cannot differentiate this shard_map body: {m}")))?;
    // A cond whose devices take different branches: every branch runs on
    // every device and each keeps its own branch's values (as vmap does
    // with a batched index), so that the reverse pass's sums run on all.
    if selects_for_parting_conds(d.context, &scope, block).map_err(err)? {
        scope = analyzed().map_err(|m| err(format!("cannot differentiate this shard_map body: {m}")))?;
    }
    typed_straight_line(d, &scope, block)?;
    let args = ir::block_args(block);
    let ret = terminator(block);
    let ops = ir::ops_of(block);
    let body = &ops[..ops.len() - 1];
    let returned = ir::operands(ret);
    let mut seeds = Vec::new();
    for y in &returned {
        let ty = type_of(*y).map_err(err)?;
        seeds.push(ir::add_block_arg(d.context, block, &ty, ir::location_of(op)));
    }
    let mut local_active: HashSet<usize> = targets.iter().map(|&i| key(args[i])).collect();
    activity(body, &mut local_active);
    let mut inner = Emitter::new(d.context, block, ret, ir::location_of(ret));
    let mut local = Derivs::new();
    for (k, (y, seed)) in returned.iter().zip(&seeds).enumerate() {
        if local_active.contains(&key(*y)) {
            // A value the same on every device along an axis that its
            // out_sharding splits it by is returned once per device: its
            // cotangent is the sum of the devices' (the transpose of pvary).
            let axes = region.varying(&region.outs[k]);
            let seed = scope.seed(&mut inner, &mut d.channels, axes, *y, *seed).map_err(err)?;
            accumulate(&mut inner, &mut local, *y, seed).map_err(err)?;
        }
    }
    let outer = d.manual.replace(scope);
    let swept = reverse(d, &mut inner, body, &local_active, &mut local);
    d.manual = outer;
    swept?;
    inner.set_anchor(ret);
    let mut grads = Vec::new();
    for &i in &targets {
        grads.push(derivative_or_zeros(&mut inner, &local, args[i]).map_err(err)?);
    }
    ir::set_operands(ret, &grads);
    em.insert(new);
    for (&i, g) in targets.iter().zip(ir::results(new)) {
        accumulate(em, cts, operands[i], g).map_err(err)?;
    }
    Ok(())
}
