//! The generic `jaxr.reduce_window` (a window reduction with a body, such
//! as cumprod or cumlogsumexp) is differentiated through its definition:
//! before the sweeps, it is rewritten into one strided view of its padded
//! inputs per window position, folded in window order (row-major, from the
//! init values, as XLA combines a window) by the body's ops applied to
//! whole tensors. The sweeps then see only elementwise ops, slices and pads.

use std::collections::HashMap;

use jaxr_dialect::decode::{decode_raw, window_of_raw};
use jaxr_dialect::Primitive;
use mlir_sys::*;

use crate::emit::{key, type_of, Emitter};
use crate::ir::{self, Diag};

/// Window positions above which unrolling is refused (the unrolled program
/// grows with the window).
pub const MAX_WINDOW: i64 = 4096;

/// Rewrites every generic `jaxr.reduce_window` inside `func`.
pub fn unroll_windows(context: &melior::Context, func: MlirOperation) -> Result<(), Diag> {
    for op in ir::nested_ops(func, &|n| n == "jaxr.reduce_window") {
        let mut em = Emitter::new(context, ir::first_block_of_op(op), op, ir::location_of(op));
        let new = unroll(&mut em, op)
            .map_err(|m| Diag::at_op(op, format!("cannot differentiate this reduce_window: {m}")))?;
        for (old, v) in ir::results(op).iter().zip(new) {
            ir::replace_uses(*old, v);
        }
        ir::erase(op);
    }
    Ok(())
}

/// Calls in a body are followed this deep (a recursive body is refused).
const MAX_CALL_DEPTH: usize = 16;

/// `v` (a scalar) broadcast to the window's output shape `out`.
fn spread(em: &mut Emitter, v: MlirValue, out: &[i64]) -> Result<MlirValue, String> {
    em.op(&Primitive::BroadcastInDim { shape: out.to_vec(), dims: vec![] }, &[v])
}

/// Applies the scalar ops `ops` of a body to whole tensors of shape `out`,
/// reading and extending `map` (body value -> tensor). A `func.call` (JAX
/// writes cumlogsumexp's body as a call of `@logaddexp`) is followed into
/// its callee, whose arguments take the call's operands.
fn apply(
    em: &mut Emitter,
    ops: &[MlirOperation],
    map: &mut HashMap<usize, MlirValue>,
    out: &[i64],
    depth: usize,
) -> Result<(), String> {
    for &o in ops {
        let name = ir::name_of(o);
        let mapped = |map: &HashMap<usize, MlirValue>| -> Vec<MlirValue> {
            ir::operands(o).iter().map(|v| map.get(&key(*v)).copied().unwrap_or(*v)).collect()
        };
        if name == "func.call" {
            let callee = ir::callee_of(o).ok_or("a func.call without a callee")?;
            if depth >= MAX_CALL_DEPTH {
                return Err(format!("its calls nest deeper than {MAX_CALL_DEPTH} (is @{callee} recursive?)"));
            }
            let function = function_named(o, &callee).ok_or_else(|| format!("@{callee} has no body"))?;
            let body = ir::first_block(ir::regions(function)[0]);
            let body_ops = ir::ops_of(body);
            let (ret, computation) = body_ops.split_last().ok_or("an empty callee")?;
            let mut inner: HashMap<usize, MlirValue> =
                ir::block_args(body).iter().map(|a| key(*a)).zip(mapped(map)).collect();
            apply(em, computation, &mut inner, out, depth + 1)?;
            let returned: Vec<MlirValue> =
                ir::operands(*ret).iter().map(|v| inner.get(&key(*v)).copied().unwrap_or(*v)).collect();
            for (r, v) in ir::results(o).iter().zip(returned) {
                map.insert(key(*r), v);
            }
            continue;
        }
        let v = if name == "jaxr.constant" {
            let c = ir::clone_with(o, &HashMap::new());
            em.insert(c);
            spread(em, ir::results(c)[0], out)?
        } else if name.starts_with("jaxr.") && ir::regions(o).is_empty() && ir::results(o).len() == 1 {
            let prim = decode_raw(o)?.primitive;
            em.op(&prim, &mapped(map))
                .map_err(|e| format!("its body op {name} does not apply elementwise: {e}"))?
        } else {
            return Err(format!("its body holds '{name}'"));
        };
        map.insert(key(ir::results(o)[0]), v);
    }
    Ok(())
}

/// The `func.func` called `name` in the module holding `op`.
fn function_named(op: MlirOperation, name: &str) -> Option<MlirOperation> {
    let mut module = op;
    // SAFETY: valid op handles; parents are walked up to the top.
    unsafe {
        loop {
            let parent = mlirOperationGetParentOperation(module);
            if parent.ptr.is_null() {
                break;
            }
            module = parent;
        }
    }
    let body = ir::first_block(ir::regions(module)[0]);
    ir::ops_of(body).into_iter().find(|&f| {
        ir::name_of(f) == "func.func"
            && jaxr_dialect::raw::attribute(f, "sym_name").and_then(jaxr_dialect::raw::string).as_deref()
                == Some(name)
            && ir::regions(f).first().is_some_and(|r| !ir::first_block(*r).ptr.is_null())
    })
}

fn unroll(em: &mut Emitter, op: MlirOperation) -> Result<Vec<MlirValue>, String> {
    let w = window_of_raw(op)?;
    let operands = ir::operands(op);
    let n = operands.len() / 2;
    let (inputs, inits) = operands.split_at(n);
    let out_types = ir::types_of(&ir::results(op))?;
    let in_ty = type_of(inputs[0])?;
    let rank = in_ty.rank();
    let positions = jaxr_dialect::types::element_count(&w.dimensions).unwrap_or(i64::MAX);
    if positions > MAX_WINDOW {
        return Err(format!("its window has {positions} positions (at most {MAX_WINDOW} are unrolled)"));
    }
    let low: Vec<i64> = (0..rank).map(|d| w.padding[2 * d]).collect();
    let high: Vec<i64> = (0..rank).map(|d| w.padding[2 * d + 1]).collect();
    // Base dilation as interior padding with the init value.
    let interior: Vec<i64> = w.base_dilation.iter().map(|b| b - 1).collect();
    let padded: Vec<MlirValue> = inputs
        .iter()
        .zip(inits)
        .map(|(x, init)| {
            em.op(
                &Primitive::Pad { low: low.clone(), high: high.clone(), interior: interior.clone() },
                &[*x, *init],
            )
        })
        .collect::<Result<_, _>>()?;
    let out = &out_types[0].shape;
    let mut acc: Vec<MlirValue> = Vec::with_capacity(n);
    for init in inits {
        acc.push(spread(em, *init, out)?);
    }
    let body = ir::first_block(ir::regions(op)[0]);
    let args = ir::block_args(body);
    let body_ops = ir::ops_of(body);
    let (yield_op, computation) = body_ops.split_last().ok_or("empty body")?;
    let mut offsets: Vec<Vec<i64>> = vec![vec![]];
    for d in 0..rank {
        offsets = offsets
            .into_iter()
            .flat_map(|o| (0..w.dimensions[d]).map(move |k| [o.clone(), vec![k]].concat()))
            .collect();
    }
    for off in offsets {
        let start: Vec<i64> = (0..rank).map(|d| off[d] * w.window_dilation[d]).collect();
        let limit: Vec<i64> = (0..rank).map(|d| start[d] + (out[d] - 1) * w.strides[d] + 1).collect();
        let mut map: HashMap<usize, MlirValue> = HashMap::new();
        for k in 0..n {
            map.insert(key(args[k]), acc[k]);
            let view = em.op(
                &Primitive::Slice { start: start.clone(), limit: limit.clone(), strides: w.strides.clone() },
                &[padded[k]],
            )?;
            map.insert(key(args[n + k]), view);
        }
        apply(em, computation, &mut map, out, 0)?;
        acc = ir::operands(*yield_op).iter().map(|v| map.get(&key(*v)).copied().unwrap_or(*v)).collect();
    }
    Ok(acc)
}
