//! How the entry function's arguments and results are laid out over
//! devices, as the module writes it: a GSPMD `mhlo.sharding` string, or a
//! Shardy `sdy.sharding` over one of the module's `sdy.mesh`es (read with
//! `jaxr_syntax::shardy`), as a [`ValueSharding`]. jaxr-run turns either
//! into the runtime's one layout (`jaxr_runtime::Sharding::of_value`).

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
            let text = op.attribute("mesh").map(|a| a.to_string()).unwrap_or_default();
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
    let gspmd = jaxr_dialect::raw::value_attributes(func, attrs, count, "mhlo.sharding");
    let sdy = jaxr_dialect::raw::value_attributes(func, attrs, count, "sdy.sharding");
    gspmd
        .into_iter()
        .zip(sdy)
        .enumerate()
        .map(|(i, (gspmd, sdy))| {
            if let Some(text) = gspmd.and_then(jaxr_dialect::raw::string) {
                return Ok(Some(ValueSharding::Gspmd(text)));
            }
            let Some(attr) = sdy else { return Ok(None) };
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
