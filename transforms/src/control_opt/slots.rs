//! Unread slot writes: a carried buffer whose iteration t writes only slot
//! s(t), reads only that slot (before the write), where s takes a different
//! value in every iteration, and whose final value no one uses. What
//! iteration t writes is then never read: later iterations read their own
//! slots, which the write did not touch. The write goes, and the carry
//! becomes invariant.
//!
//! Reverse mode makes these: a scan's stacked outputs have a cotangent
//! buffer that the reverse loop reads one row of per iteration and, as the
//! transpose of the forward write, zeroes that row.

use jaxr_dialect::decode::decode_raw;
use jaxr_dialect::Primitive;
use mlir_sys::*;

use super::*;
use crate::control::{counted, Counted};

/// Rewrites one such carry of `w` (its next value becomes the carry itself);
/// whether it did.
pub(super) fn drop_unread_slot_writes(w: MlirOperation, stats: &mut Stats) -> bool {
    let Some(loop_count) = counted(w) else { return false };
    let Some(blocks) = single_blocks(w) else { return false };
    let [cond_block, body_block] = blocks[..] else { return false };
    let Some(body_yield) = yield_of(body_block) else { return false };
    let cond_args = ir::block_args(cond_block);
    let body_args = ir::block_args(body_block);
    let results = ir::results(w);
    let next = ir::operands(body_yield);
    for j in 0..next.len().min(body_args.len()).min(results.len()) {
        if ir::has_uses(results[j]) || cond_args.get(j).is_some_and(|a| ir::has_uses(*a)) {
            continue;
        }
        if unread_slot_write(next[j], body_args[j], &body_args, loop_count) {
            let mut operands = next.clone();
            operands[j] = body_args[j];
            ir::set_operands(body_yield, &operands);
            stats.slot_writes_dropped += 1;
            return true;
        }
    }
    false
}

/// Whether `next` is `dynamic_update_slice(buffer, update, starts...)` of a
/// slot that changes every iteration, and every other use of `buffer` reads
/// that same slot with `dynamic_slice`.
fn unread_slot_write(
    next: MlirValue,
    buffer: MlirValue,
    body_args: &[MlirValue],
    loop_count: Counted,
) -> bool {
    let Some(write) = ir::defining_op(next) else { return false };
    if ir::name_of(write) != "jaxr.dynamic_update_slice" {
        return false;
    }
    let operands = ir::operands(write);
    if operands.len() < 3 || !same(operands[0], buffer) {
        return false;
    }
    let starts = &operands[2..];
    let (Ok(dims), Ok(update)) = (crate::emit::type_of(buffer), crate::emit::type_of(operands[1])) else {
        return false;
    };
    // One start moves with the counter, over a window one row wide that
    // stays inside the buffer (a clamped start would not be a new slot).
    let moving = starts.iter().enumerate().find_map(|(k, s)| {
        let (low, high) = counter_range(*s, body_args, loop_count)?;
        (update.shape.get(k) == Some(&1) && low >= 0 && high < dims.shape[k]).then_some(k)
    });
    if moving.is_none() || loop_count.trips < 1 {
        return false;
    }
    uses_of(buffer).into_iter().all(|(user, number)| {
        if user.ptr == write.ptr {
            return number == 0;
        }
        let Ok(decoded) = decode_raw(user) else { return false };
        let Primitive::DynamicSlice { sizes } = decoded.primitive else { return false };
        let read = ir::operands(user);
        number == 0
            && read.len() == operands.len() - 1
            && read[1..].iter().zip(starts).all(|(a, b)| same(*a, *b))
            && moving.is_some_and(|k| sizes.get(k) == Some(&1))
    })
}

/// The lowest and highest value `v` takes over the loop's iterations, if it
/// is the counter plus or minus a constant, or a constant minus it.
fn counter_range(v: MlirValue, body_args: &[MlirValue], c: Counted) -> Option<(i64, i64)> {
    let counter = body_args[c.index];
    let (first, last) = (c.start, c.start + c.trips - 1);
    if same(v, counter) {
        return Some((first, last));
    }
    let op = ir::defining_op(v)?;
    let [a, b] = ir::operands(op)[..] else { return None };
    match ir::name_of(op).as_str() {
        "jaxr.add" if same(a, counter) => Some((first + constant_index(b)?, last + constant_index(b)?)),
        "jaxr.add" if same(b, counter) => Some((first + constant_index(a)?, last + constant_index(a)?)),
        "jaxr.sub" if same(a, counter) => Some((first - constant_index(b)?, last - constant_index(b)?)),
        "jaxr.sub" if same(b, counter) => Some((constant_index(a)? - last, constant_index(a)? - first)),
        _ => None,
    }
}
