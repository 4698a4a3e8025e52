//! shard_map in the GSPMD form (`jax_use_shardy_partitioner=False`): the
//! body is a function called between JAX's custom calls
//!
//! ```text
//! %l = custom_call @SPMDFullToShardShape(custom_call @Sharding(%x) {S_in}) {"{manual}"}
//! %r = call @shmap_body(%l, ...)
//! %y = custom_call @SPMDShardToFullShape(custom_call @Sharding(%r) {"{manual}"}) {S_out}
//! ```
//!
//! The two custom calls are linear (a global array to its per-device block
//! and back): forward mode applies each to the tangent, reverse mode
//! transposes one into the other. The body's values are typed by the mesh
//! axes they vary over as in Shardy's form (crate::collectives), over a mesh
//! read off the shardings: the device count's prime factors, in the order
//! in which every block layout and replica group of the region is a set of
//! whole axes.

use jaxr_dialect::raw;
use jaxr_syntax::gspmd;
use mlir_sys::*;

use crate::collectives::ManualScope;
use crate::emit::{key, Emitter};
use crate::function::{string_attr, Deriver};
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, Derivs};

const FULL_TO_SHARD: &str = "SPMDFullToShardShape";
const SHARD_TO_FULL: &str = "SPMDShardToFullShape";

fn target(op: MlirOperation) -> Option<String> {
    (ir::name_of(op) == "stablehlo.custom_call")
        .then(|| raw::attribute(op, "call_target_name").and_then(raw::string))?
}

fn sharding_of(op: MlirOperation) -> Option<String> {
    raw::attribute(op, "mhlo.sharding").and_then(raw::string)
}

/// Whether `op` is one of the custom calls around a GSPMD shard_map body.
pub fn is_manual_boundary(op: MlirOperation) -> bool {
    matches!(target(op).as_deref(), Some(FULL_TO_SHARD | SHARD_TO_FULL))
}

/// `custom_call @target(value) {backend_config = "", mhlo.sharding = sharding}` of type `ty`.
fn custom_call(em: &mut Emitter, name: &str, value: MlirValue, ty: MlirType, sharding: &str) -> MlirValue {
    let context = em.context();
    let attrs = [
        ("call_target_name", string_attr(context, name)),
        ("backend_config", string_attr(context, "")),
        ("mhlo.sharding", string_attr(context, sharding)),
    ];
    let op = ir::create_op(context, "stablehlo.custom_call", em.location(), &[value], &[ty], &attrs, 0);
    em.insert(op);
    ir::results(op)[0]
}

fn value_type(v: MlirValue) -> MlirType {
    // SAFETY: a live value.
    unsafe { mlirValueGetType(v) }
}

/// Forward mode: the same custom call of the tangent.
pub fn jvp(em: &mut Emitter, op: MlirOperation, tangents: &mut Derivs) -> Result<(), Diag> {
    let (operands, results) = (ir::operands(op), ir::results(op));
    let ([x], [y]) = (operands.as_slice(), results.as_slice()) else {
        return Err(Diag::at_op(op, "a shard_map boundary with other than one operand and one result"));
    };
    let Some(t) = tangents.get(&key(*x)).copied() else { return Ok(()) };
    let name = target(op).unwrap_or_default();
    let sharding = sharding_of(op).unwrap_or_default();
    let ty = custom_call(em, &name, t, value_type(*y), &sharding);
    tangents.insert(key(*y), ty);
    Ok(())
}

/// Reverse mode: a block's cotangent back to the global array laid out as
/// the array (`@SPMDShardToFullShape` with the array's sharding), and a
/// global cotangent to each device's block (`@SPMDFullToShardShape`).
pub fn vjp(em: &mut Emitter, op: MlirOperation, cts: &mut Derivs) -> Result<(), Diag> {
    let err = |m: &str| Diag::at_op(op, m.to_string());
    let (operands, results) = (ir::operands(op), ir::results(op));
    let ([x], [y]) = (operands.as_slice(), results.as_slice()) else {
        return Err(err("a shard_map boundary with other than one operand and one result"));
    };
    let (x, y) = (*x, *y);
    let Some(g) = cts.get(&key(y)).copied() else { return Ok(()) };
    let ct = match target(op).as_deref() {
        Some(FULL_TO_SHARD) => {
            // The array's layout: the sharding constraint JAX puts before.
            let layout = ir::defining_op(x)
                .filter(|d| target(*d).as_deref() == Some("Sharding"))
                .and_then(sharding_of)
                .ok_or_else(|| err("@SPMDFullToShardShape of a value without a @Sharding layout"))?;
            let manual = custom_call(em, "Sharding", g, value_type(g), "{manual}");
            custom_call(em, SHARD_TO_FULL, manual, value_type(x), &layout)
        }
        _ => {
            let layout = sharding_of(op).ok_or_else(|| err("@SPMDShardToFullShape without a sharding"))?;
            let laid_out = custom_call(em, "Sharding", g, value_type(g), &layout);
            custom_call(em, FULL_TO_SHARD, laid_out, value_type(x), "{manual}")
        }
    };
    accumulate(em, cts, x, ct).map_err(|m| Diag::at_op(op, m))
}

/// What a function called as a GSPMD shard_map body needs to be typed: the
/// mesh, and what each argument and result varies over.
#[derive(Clone, Debug)]
pub struct ManualCall {
    /// The mesh read off the region's shardings.
    pub scope: ManualScope,
    /// The axes each argument varies over.
    pub args: Vec<u64>,
    /// The axes each result's layout splits it by.
    pub results: Vec<u64>,
}

/// Each device's block index under a GSPMD sharding string.
fn blocks(sharding: &str, devices: i64) -> Result<Vec<i64>, String> {
    let layout = gspmd::parse(sharding)?;
    (0..devices)
        .map(|d| layout.block_index(d).ok_or_else(|| format!("device {d} is not in the layout {sharding}")))
        .collect()
}

/// The typing of `call`'s callee when `call` is a GSPMD shard_map body
/// call (every operand a `@SPMDFullToShardShape`); `None` otherwise.
pub fn manual_call(d: &Deriver, call: MlirOperation) -> Result<Option<ManualCall>, Diag> {
    let err = |m: String| Diag::at_op(call, format!("a GSPMD shard_map body: {m}"));
    let operands = ir::operands(call);
    let boundaries: Vec<Option<MlirOperation>> = operands.iter().map(|v| ir::defining_op(*v)).collect();
    if operands.is_empty()
        || !boundaries.iter().all(|b| b.is_some_and(|b| target(b).as_deref() == Some(FULL_TO_SHARD)))
    {
        return Ok(None);
    }
    let layout_of_input = |b: MlirOperation| {
        ir::defining_op(ir::operands(b)[0])
            .filter(|s| target(*s).as_deref() == Some("Sharding"))
            .and_then(sharding_of)
    };
    let ins: Vec<String> = boundaries
        .iter()
        .map(|b| layout_of_input(b.unwrap()).ok_or_else(|| err("an input without a @Sharding layout".into())))
        .collect::<Result<_, _>>()?;
    // Each result: @Sharding {manual} then @SPMDShardToFullShape {S_out}.
    let mut outs = Vec::new();
    for r in ir::results(call) {
        let to_full = ir::users(r)
            .into_iter()
            .filter(|u| target(*u).as_deref() == Some("Sharding"))
            .flat_map(|u| ir::users(ir::results(u)[0]))
            .find(|u| target(*u).as_deref() == Some(SHARD_TO_FULL));
        outs.push(
            to_full
                .and_then(sharding_of)
                .ok_or_else(|| err("a result that does not go back through @SPMDShardToFullShape".into()))?,
        );
    }
    let devices = partitions(d.module).ok_or_else(|| err("the module has no mhlo.num_partitions".into()))?;
    let mut partitions_seen: Vec<Vec<i64>> = Vec::new();
    for s in ins.iter().chain(&outs) {
        partitions_seen.push(blocks(s, devices).map_err(err)?);
    }
    let callee = ir::callee_of(call).and_then(|c| d.function(&c)).ok_or_else(|| err("no callee".into()))?;
    let groups = crate::collectives::replica_groups_within(d, callee);
    let sizes = mesh_for(devices, &partitions_seen, &groups)
        .ok_or_else(|| err(format!("no mesh of {devices} devices has axes along which every layout and collective of the region lies")))?;
    let scope = ManualScope::new(sizes);
    let args = partitions_seen[..ins.len()].iter().map(|p| scope.axes_changing(p)).collect();
    let results = partitions_seen[ins.len()..].iter().map(|p| scope.axes_changing(p)).collect();
    Ok(Some(ManualCall { scope, args, results }))
}

/// The module's `mhlo.num_partitions`.
fn partitions(module: MlirOperation) -> Option<i64> {
    raw::attribute(module, "mhlo.num_partitions").and_then(raw::integer)
}

/// The prime factors of `n`, smallest first.
fn prime_factors(mut n: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut p = 2;
    while p * p <= n {
        while n % p == 0 {
            out.push(p);
            n /= p;
        }
        p += 1;
    }
    if n > 1 {
        out.push(n);
    }
    out
}

/// Every distinct order of `items`.
fn orders(items: &[i64]) -> Vec<Vec<i64>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out: Vec<Vec<i64>> = Vec::new();
    for i in 0..items.len() {
        if items[..i].contains(&items[i]) {
            continue;
        }
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut tail in orders(&rest) {
            tail.insert(0, first);
            out.push(tail);
        }
    }
    out
}

/// Axis sizes (major to minor) of a mesh over `devices` in order, each a
/// prime, such that every partition of the devices (block indices) and
/// every set of replica groups is "varies over these axes" for some axes.
fn mesh_for(devices: i64, partitions: &[Vec<i64>], groups: &[Vec<Vec<i64>>]) -> Option<Vec<i64>> {
    let primes = prime_factors(devices);
    if primes.len() > 12 {
        return None;
    }
    orders(&primes).into_iter().find(|sizes| {
        let scope = ManualScope::new(sizes.clone());
        // Devices share a label exactly when they agree on the axes along
        // which the labels change.
        let aligned = |labels: &[i64]| {
            let mask = scope.axes_changing(labels);
            (0..devices).all(|a| {
                (0..devices).all(|b| {
                    let same_coords = scope.agree_on(a, b, mask);
                    (labels[a as usize] == labels[b as usize]) == same_coords
                })
            })
        };
        partitions.iter().all(|p| aligned(p)) && groups.iter().all(|g| scope.axes_of_groups(g).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mesh_has_an_axis_for_every_layout_and_group() {
        assert_eq!(prime_factors(12), [2, 2, 3]);
        assert_eq!(orders(&[2, 2, 3]).len(), 3);
        // Rows over 4 of 8 devices, replicated over pairs: {devices=[4,1,2]<=[8]
        // last_tile_dim_replicate}; a psum over the pairs.
        let blocks_4x2 = blocks("{devices=[4,1,2]<=[8] last_tile_dim_replicate}", 8).unwrap();
        assert_eq!(blocks_4x2, [0, 0, 1, 1, 2, 2, 3, 3]);
        let pairs = vec![vec![0, 1], vec![2, 3], vec![4, 5], vec![6, 7]];
        let sizes = mesh_for(8, std::slice::from_ref(&blocks_4x2), &[pairs]).unwrap();
        assert_eq!(sizes, [2, 2, 2]);
        let scope = ManualScope::new(sizes);
        // The rows vary over the two major axes, not the minor one.
        assert_eq!(scope.axes_changing(&blocks_4x2), 0b011);
        // Six devices as 3 x 2 (rows over 3, replicated over 2) need 3 first.
        let blocks_3x2 = blocks("{devices=[3,2]<=[6] last_tile_dim_replicate}", 6).unwrap();
        assert_eq!(mesh_for(6, &[blocks_3x2], &[]).unwrap(), [3, 2]);
        // A layout no ordering of the primes aligns with.
        assert_eq!(mesh_for(4, &[vec![0, 1, 1, 0]], &[]), None);
    }
}
