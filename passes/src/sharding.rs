//! How the entry function's arguments and results are laid out over
//! devices, as the module writes it: a GSPMD `mhlo.sharding` string, or a
//! Shardy `sdy.sharding` over one of the module's `sdy.mesh`es (read with
//! `jaxr_syntax::shardy`), as a [`ValueSharding`]. jaxr-run turns either
//! into the runtime's one layout (`jaxr_runtime::Sharding::of_value`).

use melior::ir::attribute::AttributeLike;
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::{Attribute, Module};
use mlir_sys::MlirOperation;

use jaxr_syntax::shardy::{self, Mesh, MeshRef};
pub use jaxr_syntax::ValueSharding;

/// The module's meshes (`sdy.mesh @name = <...>`), by name.
pub fn meshes(module: &Module) -> Result<Vec<(String, Mesh)>, String> {
    let mut out = Vec::new();
    let mut next = module.body().first_operation();
    while let Some(op) = next {
        if op.name().as_string_ref().as_str() == Ok("sdy.mesh") {
            let name = jaxr_dialect::raw::symbol_name(op.to_raw()).unwrap_or_default();
            let text = jaxr_dialect::raw::attribute_text(op.to_raw(), "mesh").unwrap_or_default();
            let mesh = shardy::parse_mesh(&text).map_err(|e| format!("mesh @{name}: {e}"))?;
            out.push((name, mesh));
        }
        next = op.next_in_block();
    }
    Ok(out)
}

/// The sharding of each of `count` arguments (`attrs` = `arg_attrs`) or
/// results (`res_attrs`) of `func`: its `mhlo.sharding` or its
/// `sdy.sharding`, whose mesh must be one of `meshes`. `what` names the
/// values in messages ("argument", "result").
pub(crate) fn value_shardings(
    func: MlirOperation,
    attrs: &str,
    count: usize,
    meshes: &[(String, Mesh)],
    what: &str,
) -> Result<Vec<Option<ValueSharding>>, String> {
    jaxr_dialect::raw::value_shardings(func, attrs, count)
        .into_iter()
        .enumerate()
        .map(|(i, written)| {
            let Some((name, attr)) = written else { return Ok(None) };
            if name == "mhlo.sharding" {
                return Ok(jaxr_dialect::raw::string(attr).map(ValueSharding::Gspmd));
            }
            // SAFETY: an attribute of the live function.
            let text = unsafe { Attribute::from_raw(attr) }.to_string();
            let sharding = shardy::parse_sharding(&text).map_err(|e| format!("{what} {i}'s sdy.sharding: {e}"))?;
            let mesh = match &sharding.mesh {
                MeshRef::Inline(mesh) => mesh.clone(),
                MeshRef::Named(name) => {
                    let found = meshes.iter().find(|(n, _)| n == name);
                    found.map(|(_, m)| m.clone()).ok_or_else(|| {
                        format!("{what} {i}'s sharding {text} names mesh @{name}, which the module does not declare")
                    })?
                }
            };
            Ok(Some(ValueSharding::Shardy { mesh, sharding }))
        })
        .collect()
}

/// Whether the module asks for several SPMD partitions (`mhlo.num_partitions`).
pub fn is_partitioned(module: &Module) -> bool {
    let partitions = module.as_operation().attribute("mhlo.num_partitions").ok();
    partitions.and_then(|a| jaxr_dialect::raw::integer(a.to_raw())).is_some_and(|n| n > 1)
}

/// Gives every argument and result of the entry function `@main` that has
/// no sharding a replicated one (`sdy.sharding` with no axes over the
/// module's first mesh, or `mhlo.sharding = "{replicated}"` in a module
/// without meshes), so that XLA's partitioner lays it out as jaxr-run
/// passes and reads it: whole on every device. Left unannotated, the
/// partitioner would choose a layout by propagation.
pub fn replicate_unsharded(context: &melior::Context, module: &Module) -> Result<(), String> {
    let mesh = meshes(module)?.into_iter().next().map(|(name, _)| name);
    let mut next = module.body().first_operation();
    while let Some(op) = next {
        let is_main = op.name().as_string_ref().as_str() == Ok("func.func")
            && jaxr_dialect::raw::symbol_name(op.to_raw()).as_deref() == Some("main");
        if is_main {
            return replicate_values(context, op.to_raw(), mesh.as_deref());
        }
        next = op.next_in_block();
    }
    Err("no function @main".to_string())
}

fn replicate_values(
    context: &melior::Context,
    func: MlirOperation,
    mesh: Option<&str>,
) -> Result<(), String> {
    use jaxr_dialect::raw::{attribute, string_ref};
    use mlir_sys::*;
    let function_type = attribute(func, "function_type").ok_or("@main has no function_type")?;
    // SAFETY: kinds are checked before reading; attributes are built in the
    // live context and MLIR copies them.
    unsafe {
        let ty = mlirTypeAttrGetValue(function_type);
        for (attrs, count, get) in [
            (
                "arg_attrs",
                mlirFunctionTypeGetNumInputs(ty),
                mlirFunctionTypeGetInput as unsafe extern "C" fn(MlirType, isize) -> MlirType,
            ),
            ("res_attrs", mlirFunctionTypeGetNumResults(ty), mlirFunctionTypeGetResult),
        ] {
            let existing = attribute(func, attrs).filter(|a| mlirAttributeIsAArray(*a));
            let mut dicts = Vec::new();
            for i in 0..count {
                let old = existing
                    .filter(|a| i < mlirArrayAttrGetNumElements(*a))
                    .map(|a| mlirArrayAttrGetElement(a, i))
                    .filter(|d| mlirAttributeIsADictionary(*d));
                let mut entries: Vec<MlirNamedAttribute> = match old {
                    Some(d) => (0..mlirDictionaryAttrGetNumElements(d))
                        .map(|k| mlirDictionaryAttrGetElement(d, k))
                        .collect(),
                    None => Vec::new(),
                };
                let named = |e: &MlirNamedAttribute| jaxr_dialect::raw::to_string(mlirIdentifierStr(e.name));
                let sharded =
                    entries.iter().any(|e| matches!(named(e).as_str(), "mhlo.sharding" | "sdy.sharding"));
                if !sharded {
                    let rank = mlirShapedTypeGetRank(get(ty, i)).max(0) as usize;
                    let (name, text) = match mesh {
                        Some(m) => (
                            "sdy.sharding",
                            format!("#sdy.sharding<@{m}, [{}]>", vec!["{}"; rank].join(", ")),
                        ),
                        None => ("mhlo.sharding", "\"{replicated}\"".to_string()),
                    };
                    let value =
                        Attribute::parse(context, &text).ok_or_else(|| format!("cannot build {text}"))?;
                    let id = mlirIdentifierGet(context.to_raw(), string_ref(name));
                    entries.push(mlirNamedAttributeGet(id, value.to_raw()));
                }
                dicts.push(mlirDictionaryAttrGet(context.to_raw(), entries.len() as isize, entries.as_ptr()));
            }
            let array = mlirArrayAttrGet(context.to_raw(), dicts.len() as isize, dicts.as_ptr());
            mlirOperationSetAttributeByName(func, string_ref(attrs), array);
        }
    }
    Ok(())
}
