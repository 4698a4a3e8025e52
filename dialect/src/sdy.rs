//! The rules of the sdy ops (Shardy's meshes and shardings), run by each
//! op's ODS `verify()`, and of `sdy.sharding` on functions' arguments and
//! results (the dialect's region attribute verifiers): meshes are well formed and live in the module,
//! shardings name a mesh of the module and its axes, one entry per
//! dimension, each axis once; a manual_computation's body sees each
//! operand's per-device part and returns each result's.

use mlir_sys::{
    mlirAttributeIsAType, mlirBlockGetFirstOperation, mlirFunctionTypeGetInput, mlirFunctionTypeGetNumInputs,
    mlirFunctionTypeGetNumResults, mlirFunctionTypeGetResult, mlirOperationGetNextInBlock,
    mlirOperationGetParentOperation, mlirOperationGetRegion, mlirRegionGetFirstBlock, mlirTypeAttrGetValue,
    mlirTypeIsAFunction, MlirAttribute, MlirOperation, MlirType,
};

use jaxr_syntax::shardy::{self, Mesh, MeshRef, TensorSharding};

use crate::decode::op_name_raw;
use crate::stablehlo::{HloType, OpView, Tensor};

/// Checks one sdy op.
pub fn verify(op: MlirOperation, name: &str) -> Result<(), String> {
    let v = OpView::new(op);
    match name {
        "sdy.mesh" => {
            if parent_name(op).as_deref() != Some("builtin.module") {
                return Err("a mesh must be declared in the module, beside its functions".into());
            }
            check_mesh(&shardy::parse_mesh(&attr(&v, "mesh")?)?)
        }
        "sdy.sharding_constraint" | "sdy.reshard" => {
            if !v.operands[0].same_as(&v.results[0]) {
                return Err(format!(
                    "the result type {} must be the operand type {}",
                    v.results[0].text(),
                    v.operands[0].text()
                ));
            }
            let sharding = shardy::parse_sharding(&attr(&v, "sharding")?)?;
            check_sharding(op, &sharding, &v.operands[0], "the operand")
        }
        "sdy.return" => match parent_name(op).as_deref() {
            Some("sdy.manual_computation") => Ok(()),
            other => Err(format!(
                "sdy.return ends the body of an sdy.manual_computation, not of {}",
                other.unwrap_or("nothing")
            )),
        },
        "sdy.manual_computation" => manual_computation(op, &v),
        _ => Ok(()),
    }
}

/// Checks the attribute `name = value` on argument (or, with `result`,
/// result) `index` of `op`: a function's `sdy.sharding` must fit the
/// value's type and name a mesh of the module and its axes.
pub(crate) fn verify_value_attr(
    op: MlirOperation,
    result: bool,
    index: usize,
    name: &str,
    value: MlirAttribute,
) -> Result<(), String> {
    if name != "sdy.sharding" {
        return Ok(());
    }
    let what = format!("{} {index}", if result { "result" } else { "argument" });
    // SAFETY: a live attribute of the op being verified.
    let text = unsafe { melior::ir::Attribute::from_raw(value) }.to_string();
    let sharding = shardy::parse_sharding(&text).map_err(|e| format!("{what}'s sdy.sharding: {e}"))?;
    let Some(ty) = value_type(op, result, index) else { return Ok(()) };
    check_sharding(op, &sharding, &HloType::of(ty), &what).map_err(|e| format!("{what}: {e}"))
}

/// The type of argument or result `index` of a function-like `op`.
fn value_type(op: MlirOperation, result: bool, index: usize) -> Option<MlirType> {
    let function_type = crate::raw::attribute(op, "function_type")?;
    // SAFETY: kinds are checked before reading; the index is bounded.
    unsafe {
        if !mlirAttributeIsAType(function_type) {
            return None;
        }
        let ty = mlirTypeAttrGetValue(function_type);
        if !mlirTypeIsAFunction(ty) {
            return None;
        }
        let count = if result { mlirFunctionTypeGetNumResults(ty) } else { mlirFunctionTypeGetNumInputs(ty) };
        if index as isize >= count {
            return None;
        }
        Some(if result {
            mlirFunctionTypeGetResult(ty, index as isize)
        } else {
            mlirFunctionTypeGetInput(ty, index as isize)
        })
    }
}

fn attr(v: &OpView, name: &str) -> Result<String, String> {
    v.attr_text(name).ok_or_else(|| format!("missing attribute '{name}'"))
}

fn parent_name(op: MlirOperation) -> Option<String> {
    // SAFETY: a valid op handle; a null parent is checked.
    let parent = unsafe { mlirOperationGetParentOperation(op) };
    (!parent.ptr.is_null()).then(|| op_name_raw(parent))
}

/// The most devices a mesh may span (XLA numbers devices with 32 bits).
const MAX_DEVICES: i64 = i32::MAX as i64;

fn check_mesh(mesh: &Mesh) -> Result<(), String> {
    if mesh.device_count() > MAX_DEVICES {
        return Err(format!("the mesh {mesh} spans more than {MAX_DEVICES} devices"));
    }
    for (i, axis) in mesh.axes.iter().enumerate() {
        if axis.size <= 0 {
            return Err(format!("mesh axis \"{}\" has size {}: sizes are positive", axis.name, axis.size));
        }
        if mesh.axes[..i].iter().any(|a| a.name == axis.name) {
            return Err(format!("mesh axis \"{}\" is declared twice", axis.name));
        }
    }
    if let Some(ids) = &mesh.device_ids {
        let count = if mesh.axes.is_empty() { 1 } else { mesh.device_count() };
        if ids.len() as i64 != count {
            return Err(format!("the mesh lists {} device ids for {count} devices", ids.len()));
        }
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        let in_order = sorted.iter().enumerate().all(|(i, id)| *id == i as i64);
        if ids.iter().any(|id| *id < 0) || (ids.len() > 1 && !in_order) {
            return Err(format!("the mesh's device ids {ids:?} must be a permutation of 0..{}", ids.len()));
        }
    }
    Ok(())
}

/// The `sdy.mesh` called `name` in the module around `op`: `Ok(None)` when
/// `op` is not (yet) inside a module, an error when the module has no such
/// mesh.
pub fn find_mesh(op: MlirOperation, name: &str) -> Result<Option<Mesh>, String> {
    // The nearest module around `op` is the symbol table that holds its meshes.
    let mut module = op;
    loop {
        // SAFETY: a valid op handle; a null parent ends the walk.
        module = unsafe { mlirOperationGetParentOperation(module) };
        if module.ptr.is_null() {
            return Ok(None);
        }
        if op_name_raw(module) == "builtin.module" {
            break;
        }
    }
    // SAFETY: the module's single region and block; ops walked in order.
    unsafe {
        let block = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
        if block.ptr.is_null() {
            return Ok(None);
        }
        let mut item = mlirBlockGetFirstOperation(block);
        while !item.ptr.is_null() {
            if op_name_raw(item) == "sdy.mesh" && crate::raw::symbol_name(item).as_deref() == Some(name) {
                let text = OpView::new(item).attr_text("mesh").unwrap_or_default();
                return shardy::parse_mesh(&text).map(Some);
            }
            item = mlirOperationGetNextInBlock(item);
        }
    }
    Err(format!("unknown mesh @{name}: the module declares no 'sdy.mesh @{name}'"))
}

/// The mesh a sharding lays its tensor over, when it can be found.
fn mesh_of(op: MlirOperation, sharding: &TensorSharding) -> Result<Option<Mesh>, String> {
    match &sharding.mesh {
        MeshRef::Named(name) => find_mesh(op, name),
        MeshRef::Inline(mesh) => check_mesh(mesh).map(|()| Some(mesh.clone())),
    }
}

/// A sharding of a value of type `ty`: one entry per dimension, axes of its
/// mesh, each axis at most once.
fn check_sharding(
    op: MlirOperation,
    sharding: &TensorSharding,
    ty: &HloType,
    what: &str,
) -> Result<(), String> {
    let rank = ty.tensor.as_ref().map_or(0, Tensor::rank);
    if sharding.dims.len() != rank {
        return Err(format!(
            "the sharding {sharding} has {} dimension entries for {what} of rank {rank} ({})",
            sharding.dims.len(),
            ty.text()
        ));
    }
    let Some(mesh) = mesh_of(op, sharding)? else { return Ok(()) };
    let mut seen: Vec<&shardy::AxisRef> = Vec::new();
    for axis in sharding.named_axes() {
        let Some(size) = mesh.axis_size(&axis.name) else {
            let names: Vec<&str> = mesh.axes.iter().map(|a| a.name.as_str()).collect();
            return Err(format!(
                "the sharding {sharding} names axis \"{}\", which its mesh {mesh} does not have (axes: {})",
                axis.name,
                names.join(", ")
            ));
        };
        if let Some(sub) = axis.sub {
            let span = sub.pre_size.checked_mul(sub.size).filter(|s| *s > 0);
            let whole = sub.pre_size == 1 && sub.size == size;
            if sub.pre_size <= 0 || sub.size <= 1 || whole || span.is_none_or(|s| size % s != 0) {
                return Err(format!(
                    "the sharding {sharding} takes sub-axis ({}){} of axis \"{}\" of size {size}",
                    sub.pre_size, sub.size, axis.name
                ));
            }
        }
        if seen.iter().any(|s| s.name == axis.name && (s.sub.is_none() || axis.sub.is_none() || *s == axis)) {
            return Err(format!("the sharding {sharding} uses axis \"{}\" twice", axis.name));
        }
        seen.push(axis);
    }
    Ok(())
}

/// The per-device type of a value of type `global` sharded by `sharding`
/// over the manual axes: each dimension divided by the sizes of the manual
/// axes that split it.
fn local_dims(
    global: &Tensor,
    sharding: &TensorSharding,
    mesh: &Mesh,
    manual: &[String],
    what: &str,
) -> Result<Vec<Option<i64>>, String> {
    global
        .dims
        .iter()
        .zip(&sharding.dims)
        .enumerate()
        .map(|(d, (size, dim))| {
            // Manual axes come first in a dimension (Shardy's rule).
            let first_free = dim.axes.iter().position(|a| !manual.contains(&a.name)).unwrap_or(dim.axes.len());
            if dim.axes[first_free..].iter().any(|a| manual.contains(&a.name)) {
                return Err(format!(
                    "{what}'s sharding {sharding} names a manual axis after a free one in dimension {d}: manual axes come first"
                ));
            }
            let parts: i64 = dim
                .axes
                .iter()
                .filter(|a| manual.contains(&a.name))
                .filter_map(|a| a.size_in(mesh))
                .fold(1, i64::saturating_mul);
            match size {
                Some(n) if n % parts != 0 => Err(format!(
                    "{what}'s dimension {d} of size {n} is not divisible by the {parts} devices of its manual axes in {sharding}"
                )),
                Some(n) => Ok(Some(n / parts)),
                None => Ok(None),
            }
        })
        .collect()
}

fn manual_computation(op: MlirOperation, v: &OpView) -> Result<(), String> {
    let ins = shardy::parse_sharding_per_value(&attr(v, "in_shardings")?)?;
    let outs = shardy::parse_sharding_per_value(&attr(v, "out_shardings")?)?;
    let manual = shardy::parse_manual_axes(&attr(v, "manual_axes")?)?;
    for (count, shardings, what) in
        [(v.operands.len(), &ins, "operands"), (v.results.len(), &outs, "results")]
    {
        if shardings.len() != count {
            return Err(format!("{} shardings for {count} {what}", shardings.len()));
        }
    }
    let blocks = v.region_blocks();
    let Some(Some(body)) = blocks.first() else { return Err("the body has no block".into()) };
    if body.arguments.len() != v.operands.len() {
        return Err(format!(
            "the body takes {} arguments for {} operands",
            body.arguments.len(),
            v.operands.len()
        ));
    }
    let mut mesh: Option<Mesh> = None;
    let sides = [(&v.operands, &ins, "operand"), (&v.results, &outs, "result")];
    for (types, shardings, what) in sides {
        for (i, (ty, sharding)) in types.iter().zip(shardings.iter()).enumerate() {
            check_sharding(op, sharding, ty, &format!("{what} {i}"))?;
            mesh = mesh.or(mesh_of(op, sharding)?);
        }
    }
    let Some(mesh) = mesh else { return Ok(()) };
    if let Some(axis) = manual.iter().find(|a| mesh.axis_size(a).is_none()) {
        return Err(format!("manual axis \"{axis}\" is not an axis of the mesh {mesh}"));
    }
    let Some(returned) = &body.returned else { return Err("the body has no terminator".into()) };
    if returned.len() != v.results.len() {
        return Err(format!("the body returns {} values for {} results", returned.len(), v.results.len()));
    }
    let checks = [
        (&v.operands, &ins, &body.arguments, "operand", "the body's argument"),
        (&v.results, &outs, returned, "result", "the body's returned value"),
    ];
    for (globals, shardings, locals, what, local_what) in checks {
        for (i, ((global, sharding), local)) in globals.iter().zip(shardings.iter()).zip(locals).enumerate() {
            let (Some(g), Some(l)) = (&global.tensor, &local.tensor) else { continue };
            let want = local_dims(g, sharding, &mesh, &manual, &format!("{what} {i}"))?;
            if l.dims != want || l.elem_raw != g.elem_raw {
                return Err(format!(
                    "{local_what} {i} has type {}, but {what} {i} of type {} split over the manual axes by {sharding} gives each device dimensions {}",
                    local.text(),
                    global.text(),
                    dims_text(&want)
                ));
            }
        }
    }
    Ok(())
}

fn dims_text(dims: &[Option<i64>]) -> String {
    let parts: Vec<String> = dims.iter().map(|d| d.map_or("?".to_string(), |n| n.to_string())).collect();
    format!("[{}]", parts.join(", "))
}
