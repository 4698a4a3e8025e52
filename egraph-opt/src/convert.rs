//! MLIR ⇄ e-graph: a block (a function's entry block, or the body of a
//! region op) into an e-graph, and an extracted program back into MLIR ops.
//!
//! One block is modeled at a time, and only its single-result,
//! region-free jaxr ops with a [`jaxr_dialect::Primitive`] (splat
//! `jaxr.constant`s become [`Node::Splat`]). Every other value those ops use
//! — block arguments, results of other ops, dense constants — is a leaf.
//! The roots are the modeled results that something else uses (the
//! terminator, a non-jaxr op, an op with regions, ...).
//!
//! Writing back: each extracted node becomes one op, emitted in the
//! extracted order (children first) just before the first kept op that
//! follows every opaque value it depends on, so definitions still dominate
//! uses. A new op takes the location of the original op lifted into its
//! e-class, or the fused location of all of them (in program order) when
//! the class merged several; a node of a class that no original op produced
//! takes the function's location. The roots' uses are
//! redirected and the lifted ops erased; all other ops stay in place.

use std::collections::{HashMap, HashSet};

use egg::Id;
use jaxr_dialect::decode::{decode_raw, op_name_raw, tensor_type_of_raw};
use jaxr_dialect::{builder, raw, Primitive, TensorType};
use melior::ir::{Location, Value};
use melior::Context;
use mlir_sys::*;

use crate::analysis::{JaxrAnalysis, JaxrEGraph};
use crate::cost::op_cost;
use crate::extract::Extracted;
use crate::fold::round_to;
use crate::language::Node;

/// A value some kept op uses, which the new program must define before it.
#[derive(Clone, Copy, Debug)]
pub struct Root {
    /// The original value.
    pub value: MlirValue,
    /// Its e-class.
    pub class: Id,
    /// Index in [`Lifted::kept`] of the first kept op that uses it (or
    /// holds a use in its regions).
    pub first_user: usize,
}

/// A function body lifted into an e-graph.
pub struct Lifted {
    /// The e-graph of the modeled ops.
    pub egraph: JaxrEGraph,
    /// Values used by ops the e-graph does not model.
    pub roots: Vec<Root>,
    /// Opaque leaves: the value and the index in `kept` of its defining op
    /// (-1 for a block argument of an outer region).
    pub opaque: Vec<(MlirValue, i64)>,
    /// The lifted ops, in program order (erased after writing back).
    pub modeled: Vec<MlirOperation>,
    /// The block's other ops, in program order (the terminator last).
    pub kept: Vec<MlirOperation>,
    /// The class of each modeled op with its location, in program order.
    pub locations: Vec<(Id, MlirLocation)>,
    /// The block.
    pub block: MlirBlock,
    /// The cost model's cost of the modeled ops.
    pub cost: f64,
}

fn ptr_of_value(v: MlirValue) -> usize {
    v.ptr as usize
}

/// The splat value of a `jaxr.constant`, if it is a representable splat.
fn constant_splat(op: MlirOperation, ty: &TensorType) -> Option<f64> {
    let attr = raw::attribute(op, "value")?;
    // SAFETY: attribute queries on a live op; kinds checked before reading.
    unsafe {
        if !mlirAttributeIsADenseElements(attr) || !mlirDenseElementsAttrIsSplat(attr) {
            return None;
        }
        let v = mlirDenseElementsAttrGetSplatValue(attr);
        let x = if mlirAttributeIsAFloat(v) {
            mlirFloatAttrGetValueDouble(v)
        } else if mlirAttributeIsAInteger(v) {
            if ty.elem.is_bool() {
                f64::from(u8::from(mlirIntegerAttrGetValueInt(v) != 0))
            } else if ty.elem.is_unsigned_int() {
                mlirIntegerAttrGetValueUInt(v) as f64
            } else {
                mlirIntegerAttrGetValueInt(v) as f64
            }
        } else {
            return None;
        };
        // Only values the element type holds exactly (and integers within 2^53).
        round_to(ty.elem, x).filter(|r| r.to_bits() == x.to_bits() || (x.is_nan() && r.is_nan()))
    }
}

/// The single entry block of `func`, if its body has exactly one block.
fn entry_block(func: MlirOperation) -> Option<MlirBlock> {
    // SAFETY: structural queries on a live op.
    unsafe {
        if mlirOperationGetNumRegions(func) != 1 {
            return None;
        }
        let block = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
        if block.ptr.is_null() || !mlirBlockGetNextInRegion(block).ptr.is_null() {
            return None;
        }
        Some(block)
    }
}

/// Whether the e-graph models `op`; its node if so.
fn model(op: MlirOperation) -> Option<(Primitive, TensorType, Option<f64>)> {
    let name = op_name_raw(op);
    if !name.starts_with("jaxr.") {
        return None;
    }
    // SAFETY: queries on a live op.
    unsafe {
        if mlirOperationGetNumRegions(op) != 0 || mlirOperationGetNumResults(op) != 1 {
            return None;
        }
    }
    let decoded = decode_raw(op).ok()?;
    let ty = decoded.results.first()?.clone();
    match decoded.primitive {
        Primitive::Sort { .. }
        | Primitive::TopK { .. }
        | Primitive::OptimizationBarrier
        | Primitive::RngBitGenerator { .. } => None,
        Primitive::Constant { .. } => constant_splat(op, &ty).map(|v| (decoded.primitive, ty, Some(v))),
        prim => Some((prim, ty, None)),
    }
}

/// Lifts the entry block of `func`; `None` when the function has no
/// single-block body or nothing to model.
pub fn lift(func: MlirOperation, analysis: JaxrAnalysis) -> Option<Lifted> {
    lift_block(entry_block(func)?, analysis)
}

/// Lifts one block (a function's entry block or the body of a region op:
/// values from enclosing blocks are opaque leaves, defined before all of it).
pub fn lift_block(block: MlirBlock, analysis: JaxrAnalysis) -> Option<Lifted> {
    let mut egraph = JaxrEGraph::new(analysis);
    let mut ids: HashMap<usize, Id> = HashMap::new();
    let mut opaque_index: HashMap<usize, usize> = HashMap::new();
    let mut opaque = Vec::new();
    let mut modeled = Vec::new();
    let mut kept = Vec::new();
    let mut kept_index: HashMap<usize, usize> = HashMap::new();
    let mut locations = Vec::new();
    let mut cost = 0.0;
    // SAFETY: walking the ops and values of a live block.
    unsafe {
        let mut op = mlirBlockGetFirstOperation(block);
        while !op.ptr.is_null() {
            let next = mlirOperationGetNextInBlock(op);
            let Some((prim, ty, splat)) = model(op) else {
                kept_index.insert(op.ptr as usize, kept.len());
                kept.push(op);
                op = next;
                continue;
            };
            let id = if let Some(v) = splat {
                cost += 1.0;
                egraph.add(Node::splat(ty, v))
            } else {
                let mut args = Vec::new();
                let mut arg_tys = Vec::new();
                for i in 0..mlirOperationGetNumOperands(op) {
                    let v = mlirOperationGetOperand(op, i);
                    let vty = tensor_type_of_raw(mlirValueGetType(v)).ok()?;
                    let id = if let Some(id) = ids.get(&ptr_of_value(v)) {
                        *id
                    } else if mlirValueIsABlockArgument(v) && mlirBlockArgumentGetOwner(v).ptr == block.ptr {
                        let index = usize::try_from(mlirBlockArgumentGetArgNumber(v)).ok()?;
                        egraph.add(Node::Arg { index, ty: vty.clone() })
                    } else {
                        let n = opaque.len();
                        let index = *opaque_index.entry(ptr_of_value(v)).or_insert(n);
                        if index == n {
                            let pos = if mlirValueIsAOpResult(v) {
                                let def = mlirOpResultGetOwner(v);
                                kept_index.get(&(def.ptr as usize)).map_or(-1, |p| *p as i64)
                            } else {
                                -1
                            };
                            opaque.push((v, pos));
                        }
                        egraph.add(Node::Opaque { index, ty: vty.clone() })
                    };
                    args.push(id);
                    arg_tys.push(vty);
                }
                cost += op_cost(&prim, &arg_tys, &ty).scalar();
                egraph.add(Node::Op { prim, args })
            };
            ids.insert(ptr_of_value(mlirOperationGetResult(op, 0)), id);
            locations.push((id, mlirOperationGetLocation(op)));
            modeled.push(op);
            op = next;
        }
        if modeled.is_empty() {
            return None;
        }
        let modeled_set: HashSet<usize> = modeled.iter().map(|o| o.ptr as usize).collect();
        let mut roots = Vec::new();
        for op in &modeled {
            let value = mlirOperationGetResult(*op, 0);
            let mut first_user: Option<usize> = None;
            let mut operand = mlirValueGetFirstUse(value);
            while !mlirOpOperandIsNull(operand) {
                let owner = mlirOpOperandGetOwner(operand);
                operand = mlirOpOperandGetNextUse(operand);
                if modeled_set.contains(&(owner.ptr as usize)) {
                    continue;
                }
                // The kept op of this block that holds the use.
                let mut o = owner;
                while !o.ptr.is_null() && mlirOperationGetBlock(o).ptr != block.ptr {
                    o = mlirOperationGetParentOperation(o);
                }
                let at = kept_index.get(&(o.ptr as usize)).copied().unwrap_or(0);
                first_user = Some(first_user.map_or(at, |f| f.min(at)));
            }
            if let Some(first_user) = first_user {
                roots.push(Root { value, class: ids[&ptr_of_value(value)], first_user });
            }
        }
        egraph.rebuild();
        Some(Lifted { egraph, roots, opaque, modeled, kept, locations, block, cost })
    }
}

/// Writes `extracted` back in place of the lifted ops. Returns `Ok(false)`
/// (and changes nothing) when the new program cannot be placed so that
/// every definition dominates its uses.
pub fn lower(
    lifted: &Lifted,
    extracted: &Extracted,
    context: &Context,
    fallback: MlirLocation,
) -> Result<bool, String> {
    let egraph = &lifted.egraph;
    let nodes = extracted.expr.as_ref();
    // Position: the last kept op each node must follow (-1: none).
    let mut pos = Vec::with_capacity(nodes.len());
    for node in nodes {
        let p = match node {
            Node::Opaque { index, .. } => lifted.opaque.get(*index).map_or(i64::MAX, |o| o.1),
            Node::Op { args, .. } => args.iter().map(|a| pos[usize::from(*a)]).max().unwrap_or(-1),
            _ => -1,
        };
        pos.push(p);
    }
    for (root, at) in lifted.roots.iter().zip(&extracted.roots) {
        let p = pos[usize::from(*at)];
        if p >= root.first_user as i64 || p + 1 >= lifted.kept.len() as i64 {
            return Ok(false);
        }
    }
    // Each class's original ops' locations, in program order; a class that
    // merged several ops gets their fused location.
    let mut locations_of: HashMap<Id, Vec<MlirLocation>> = HashMap::new();
    for (id, loc) in &lifted.locations {
        let list = locations_of.entry(egraph.find(*id)).or_default();
        // SAFETY: locations of live ops.
        if !list.iter().any(|l| unsafe { mlir_sys::mlirLocationEqual(*l, *loc) }) {
            list.push(*loc);
        }
    }
    let location_of: HashMap<Id, MlirLocation> = locations_of
        .into_iter()
        .map(|(id, list)| {
            let loc = match list.as_slice() {
                [one] => *one,
                // SAFETY: the context is live; MLIR copies the list.
                many => unsafe {
                    mlir_sys::mlirLocationFusedGet(
                        context.to_raw(),
                        many.len() as isize,
                        many.as_ptr(),
                        mlir_sys::MlirAttribute { ptr: std::ptr::null() },
                    )
                },
            };
            (id, loc)
        })
        .collect();
    let mut values: Vec<MlirValue> = Vec::with_capacity(nodes.len());
    // SAFETY: the block, kept ops and opaque values are live; new ops are
    // inserted into the block, which takes ownership.
    unsafe {
        for (i, node) in nodes.iter().enumerate() {
            let loc = Location::from_raw(
                location_of.get(&egraph.find(extracted.classes[i])).copied().unwrap_or(fallback),
            );
            let op = match node {
                Node::Arg { index, .. } => {
                    values.push(mlirBlockGetArgument(lifted.block, *index as isize));
                    continue;
                }
                Node::Opaque { index, .. } => {
                    values.push(lifted.opaque[*index].0);
                    continue;
                }
                Node::Splat { ty, bits } => builder::splat(context, loc, ty, f64::from_bits(*bits))?,
                Node::Op { prim, args } => {
                    let operands: Vec<Value> =
                        args.iter().map(|a| Value::from_raw(values[usize::from(*a)])).collect();
                    builder::build(context, loc, prim, &operands).map_err(|e| e.rule_with_operands())?
                }
            };
            let raw = op.into_raw();
            let anchor = lifted.kept[(pos[i] + 1) as usize];
            mlirBlockInsertOwnedOperationBefore(lifted.block, anchor, raw);
            values.push(mlirOperationGetResult(raw, 0));
        }
        for (root, at) in lifted.roots.iter().zip(&extracted.roots) {
            let new = values[usize::from(*at)];
            if new.ptr != root.value.ptr {
                mlirValueReplaceAllUsesOfWith(root.value, new);
            }
        }
        for op in lifted.modeled.iter().rev() {
            mlirOperationDestroy(*op);
        }
    }
    Ok(true)
}

/// The modeled (lifted) ops of `func`'s entry block: how many, and their
/// estimated FLOPs by the cost model.
pub fn measure(func: MlirOperation) -> (usize, f64) {
    let Some(block) = entry_block(func) else { return (0, 0.0) };
    let (mut ops, mut flops) = (0, 0.0);
    // SAFETY: walking a live block.
    unsafe {
        let mut op = mlirBlockGetFirstOperation(block);
        while !op.ptr.is_null() {
            if let Some((prim, ty, _)) = model(op) {
                ops += 1;
                if let Ok(d) = decode_raw(op) {
                    flops += op_cost(&prim, &d.operands, &ty).flops;
                }
            }
            op = mlirOperationGetNextInBlock(op);
        }
    }
    (ops, flops)
}
