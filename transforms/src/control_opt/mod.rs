//! The `jaxr-control-opt` pass: simplifications of `jaxr.cond` and
//! `jaxr.while` that the e-graph simplifier (which sees one block at a time
//! and treats region ops as opaque) and MLIR's upstream passes (our region
//! ops have no canonicalizers and implement neither `RegionBranchOpInterface`
//! nor `LoopLikeOpInterface`) do not do.
//!
//! Repeated until nothing changes, on every `jaxr.cond` and `jaxr.while` of
//! the module (innermost first):
//!
//! `jaxr.cond`
//! 1. **Known branch.** A cond with one branch, or whose index is a constant,
//!    is replaced by the ops of the branch it selects (an i32 index out of
//!    range selects the last branch; an i1 predicate branch 1 when true).
//! 2. **Predicate.** An index `convert_element_type(p : i1 -> int)` becomes
//!    the predicate `p` itself (two branches: `convert(true) = 1` selects
//!    branch 1, as `p = true` does; branches 2.. can never run and go).
//!    Lowered, this is a `stablehlo.if` on `p` instead of a `stablehlo.case`
//!    on a convert.
//! 3. **Same value.** A result that every branch yields as the same value
//!    defined outside the cond is replaced by that value.
//! 4. **Forwarding.** A use of result `j` of a cond inside branch `k` of a
//!    cond on the same index value (same SSA value, same number of branches)
//!    is replaced by what branch `k` of the first cond yields for `j`, when
//!    that value is defined outside the first cond.
//! 5. **Common ops**: a pure op that every branch computes identically
//!    (same name, attributes and operands, all defined outside the cond)
//!    moves before the cond, once.
//! 6. **Unused results** are dropped (and the branch ops that only computed
//!    them).
//!
//! `jaxr.while`
//! 7. **Invariant carries**: a carry that the body yields unchanged (its own
//!    block argument, or the carry's initial value) is replaced by its
//!    initial value in both regions and after the loop.
//! 8. **Duplicate carries**: two carries with the same initial value whose
//!    next values are computed the same way (same pure ops, attributes and
//!    types, taking the two carries as equal) hold equal values in every
//!    iteration; the later one is replaced by the earlier.
//! 9. **Unread slot writes** (`slots.rs`): a carried buffer whose iteration
//!    writes one row that moves with the loop counter, reads only that row
//!    (before writing it), and whose final value is unused: the write is
//!    never read, so the body yields the buffer unchanged (an invariant
//!    carry, for 7).
//! 10. **Dead carries**: a carry that no result use, the condition, an op with
//!     side effects or another live carry needs is removed.
//! 11. **Loop-invariant code motion**: pure ops of the condition or body whose
//!     operands (and values their regions capture) are all defined outside
//!     the loop move before it, in order.
//!
//! Bodies
//! 12. `broadcast_in_dim` of a splat constant inside a cond or while region
//!     becomes a splat constant of the result type.
//! 13. Constants in cond and while regions move before the op (merged with
//!     an equal constant there), so that branches yielding equal constants
//!     yield the same value.
//! 14. Pure ops without uses inside cond and while regions are erased.
//!
//! Every rewrite keeps the computed values bit for bit: no arithmetic is
//! changed, only where (and whether) a value is computed. The order of the
//! walk is the module's order, so the output is deterministic.

use jaxr_dialect::op_table;
use jaxr_dialect::raw::string_ref;
use jaxr_passes::{PassDef, PassOptions};
use melior::ir::operation::OperationRefMut;
use mlir_sys::*;

use crate::ir::{self, Diag};

mod bodies;
mod cond;
mod slots;
mod while_loop;

use bodies::*;
use cond::*;
use slots::*;
use while_loop::*;

/// `jaxr-control-opt`.
pub const PASS: PassDef = PassDef {
    name: "jaxr-control-opt",
    summary: "Simplify jaxr.cond and jaxr.while: known branches, predicates instead of converted indices, forwarded and unused results, invariant and dead carries, loop-invariant code motion",
    options: &[],
    run: run_pass,
};

/// At most this many rewrites (each removes a result, a carry, a branch, an
/// op or a use, so the loop ends well before).
const MAX_REWRITES: usize = 100_000;

/// What one run changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Conds replaced by the branch they select.
    pub conds_inlined: usize,
    /// Converted indices replaced by their predicate.
    pub predicates: usize,
    /// Cond results replaced by a value from outside (same in every branch,
    /// or forwarded into a cond on the same index).
    pub results_forwarded: usize,
    /// Unused cond results dropped.
    pub results_dropped: usize,
    /// Invariant while carries replaced by their initial value.
    pub carries_invariant: usize,
    /// While carries merged with an equal earlier carry.
    pub carries_merged: usize,
    /// Writes into carried buffers that no iteration reads, dropped.
    pub slot_writes_dropped: usize,
    /// Dead while carries removed.
    pub carries_dropped: usize,
    /// Ops moved out of loops.
    pub ops_hoisted: usize,
    /// Broadcasts of splat constants made constants.
    pub splats: usize,
    /// Unused pure ops erased in region bodies.
    pub ops_erased: usize,
    /// Constants moved out of region bodies (or merged with an equal one
    /// before the op).
    pub constants_hoisted: usize,
}

fn run_pass(module: &mut OperationRefMut, _options: &PassOptions) -> Result<(), Diag> {
    optimize_control(module.to_raw()).map(|_| ())
}

/// Runs the control-flow simplifications on `module` (a `builtin.module`).
pub fn optimize_control(module: MlirOperation) -> Result<Stats, Diag> {
    if ir::name_of(module) != "builtin.module" {
        return Err(Diag::at_op(module, "jaxr-control-opt: expected a builtin.module"));
    }
    let mut stats = Stats::default();
    let mut rewrites = 0;
    'rounds: loop {
        let ops = ir::nested_ops(module, &|n| n == "jaxr.cond" || n == "jaxr.while");
        for op in ops {
            let changed = if ir::name_of(op) == "jaxr.cond" {
                simplify_cond(op, &mut stats)?
            } else {
                simplify_while(op, &mut stats)?
            };
            if changed {
                rewrites += 1;
                if rewrites >= MAX_REWRITES {
                    break 'rounds;
                }
                // The op may be gone or rebuilt: collect again.
                continue 'rounds;
            }
        }
        break;
    }
    Ok(stats)
}

// ---------------------------------------------------------------- helpers

pub(super) use crate::ir::{block_inside, is_constant, keep, same_constant};

/// Whether `v` is defined outside `op` (not by it, not inside it).
pub(super) fn outside(v: MlirValue, op: MlirOperation) -> bool {
    if ir::defining_op(v).is_some_and(|d| d.ptr == op.ptr) {
        return false;
    }
    !block_inside(ir::defining_block(v), op)
}

pub(super) fn same(a: MlirValue, b: MlirValue) -> bool {
    a.ptr == b.ptr
}

/// Whether `op` has no side effects: a pure op, or an op with regions
/// (`RecursiveMemoryEffects`) whose nested ops are all pure or terminators.
/// Unknown ops (calls, unregistered dialects) are not pure.
pub(super) fn is_pure(op: MlirOperation) -> bool {
    let name = ir::name_of(op);
    match op_table::record(&name) {
        Some(r) if r.pure => true,
        Some(r) if !r.regions.is_empty() => ir::regions(op).into_iter().all(|region| {
            blocks_of(region).into_iter().all(|b| {
                ir::ops_of(b).into_iter().all(|inner| {
                    is_pure(inner) || op_table::record(&ir::name_of(inner)).is_some_and(|r| r.terminator)
                })
            })
        }),
        _ => false,
    }
}

pub(super) fn blocks_of(region: MlirRegion) -> Vec<MlirBlock> {
    let mut out = Vec::new();
    let mut b = ir::first_block(region);
    while !b.ptr.is_null() {
        out.push(b);
        // SAFETY: a live block.
        b = unsafe { mlirBlockGetNextInRegion(b) };
    }
    out
}

/// The single block of each region of `op` (`None` if a region is empty or
/// has several blocks, which the verifier rejects for our ops).
pub(super) fn single_blocks(op: MlirOperation) -> Option<Vec<MlirBlock>> {
    ir::regions(op)
        .into_iter()
        .map(|r| {
            let bs = blocks_of(r);
            (bs.len() == 1).then(|| bs[0])
        })
        .collect()
}

/// The terminator of a block, if it is a `jaxr.yield`.
pub(super) fn yield_of(block: MlirBlock) -> Option<MlirOperation> {
    // SAFETY: a live block.
    let t = unsafe { mlirBlockGetTerminator(block) };
    (!t.ptr.is_null() && ir::name_of(t) == "jaxr.yield").then_some(t)
}

pub(super) use crate::ir::splat_element as splat_of;

/// The integer a constant index holds (i1 `true` is 1).
pub(super) fn constant_index(v: MlirValue) -> Option<i64> {
    let s = splat_of(v)?;
    // SAFETY: reading a live attribute after checking its kind.
    unsafe {
        if !mlirAttributeIsAInteger(s) {
            return None;
        }
        let t = mlirAttributeGetType(s);
        if mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1 {
            return Some((mlirIntegerAttrGetValueUInt(s) & 1) as i64);
        }
        if mlirTypeIsAInteger(t) && mlirIntegerTypeIsUnsigned(t) {
            return i64::try_from(mlirIntegerAttrGetValueUInt(s)).ok().or(Some(i64::MAX));
        }
        Some(mlirIntegerAttrGetValueInt(s))
    }
}

/// The element type of a tensor value.
pub(super) fn element_type(v: MlirValue) -> Option<MlirType> {
    // SAFETY: reading the type of a live value after checking its kind.
    unsafe {
        let t = mlirValueGetType(v);
        mlirTypeIsAShaped(t).then(|| mlirShapedTypeGetElementType(t))
    }
}

pub(super) fn is_i1(v: MlirValue) -> bool {
    // SAFETY: reading a live type after checking its kind.
    element_type(v).is_some_and(|t| unsafe { mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1 })
}

pub(super) fn is_integer(v: MlirValue) -> bool {
    // SAFETY: reading a live type.
    element_type(v).is_some_and(|t| unsafe { mlirTypeIsAInteger(t) })
}

/// The attributes of `op` (inherent ones included), by name.
pub(super) fn named_attributes(op: MlirOperation) -> Vec<MlirNamedAttribute> {
    // SAFETY: indices in range of a live op.
    unsafe { (0..mlirOperationGetNumAttributes(op)).map(|i| mlirOperationGetAttribute(op, i)).collect() }
}

/// Builds an op named like `old`, with its attributes and location, the
/// given operands and result types, and the regions `regions` of `old`
/// (moved, in that order); inserts it before `old`. `old` is left in place
/// (empty regions) for the caller to rewire and erase.
pub(super) fn rebuild(
    old: MlirOperation,
    operands: &[MlirValue],
    types: &[MlirType],
    regions: &[usize],
) -> MlirOperation {
    let old_regions = ir::regions(old);
    // SAFETY: the state is filled with live handles and consumed by create;
    // the new op is inserted in the old op's block.
    unsafe {
        let mut state =
            mlirOperationStateGet(mlirIdentifierStr(mlirOperationGetName(old)), ir::location_of(old));
        mlirOperationStateAddOperands(&mut state, operands.len() as isize, operands.as_ptr());
        mlirOperationStateAddResults(&mut state, types.len() as isize, types.as_ptr());
        let attrs = named_attributes(old);
        mlirOperationStateAddAttributes(&mut state, attrs.len() as isize, attrs.as_ptr());
        let new_regions: Vec<MlirRegion> = regions.iter().map(|_| mlirRegionCreate()).collect();
        mlirOperationStateAddOwnedRegions(&mut state, new_regions.len() as isize, new_regions.as_ptr());
        let new = mlirOperationCreate(&mut state);
        for (to, from) in ir::regions(new).into_iter().zip(regions) {
            ir::move_region(to, old_regions[*from]);
        }
        mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(old), old, new);
        new
    }
}

pub(super) fn types_of(values: &[MlirValue]) -> Vec<MlirType> {
    // SAFETY: reading types of live values.
    values.iter().map(|v| unsafe { mlirValueGetType(*v) }).collect()
}

/// The uses of `v`: (owner, operand number).
pub(super) fn uses_of(v: MlirValue) -> Vec<(MlirOperation, usize)> {
    let mut out = Vec::new();
    // SAFETY: walking the use list of a live value.
    unsafe {
        let mut u = mlirValueGetFirstUse(v);
        while !mlirOpOperandIsNull(u) {
            out.push((mlirOpOperandGetOwner(u), mlirOpOperandGetOperandNumber(u) as usize));
            u = mlirOpOperandGetNextUse(u);
        }
    }
    out
}
