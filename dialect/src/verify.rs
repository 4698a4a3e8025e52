//! The bridge from each op's ODS `verify()` (jaxr, stablehlo, chlo, sdy) to the
//! Rust rules.

use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use mlir_sys::{MlirAttribute, MlirOperation, MlirStringRef};

use crate::decode::{decode_raw, op_name_raw};
use crate::primitive::region_mnemonics;
use crate::transform::Transform;
use crate::{region, shape};

/// The signature of the check of an `sdy.*` attribute on a function's
/// argument or result (see `cpp/HloDialects.cpp`).
type ValueAttrHook =
    extern "C" fn(MlirOperation, bool, u32, MlirStringRef, MlirAttribute, *mut c_char, usize) -> usize;

extern "C" {
    fn jaxrSetVerifyHook(hook: extern "C" fn(MlirOperation, *mut c_char, usize) -> usize);
    fn jaxrSetValueAttrHook(hook: ValueAttrHook);
}

/// Checks one jaxr operation against the shape rules (ops with regions
/// against the checks of [`crate::region`]).
pub fn verify_raw(op: MlirOperation) -> Result<(), String> {
    let name = op_name_raw(op);
    if name.starts_with("stablehlo.") || name.starts_with("chlo.") {
        return crate::stablehlo::verify(op, &name);
    }
    if name.starts_with("sdy.") {
        return crate::sdy::verify(op, &name);
    }
    if let Some(mnemonic) = name.strip_prefix("jaxr.").filter(|m| region_mnemonics().contains(m)) {
        return region::verify_region_op(op, mnemonic);
    }
    if name == "jaxr.vmap" {
        return crate::transform::verify_vmap(op);
    }
    if crate::call_rules::is_rule_call(op) {
        return crate::call_rules::verify_rule_call(op);
    }
    if let Some(t) = name.strip_prefix("jaxr.").and_then(Transform::from_mnemonic) {
        return crate::transform::verify_transform(op, t);
    }
    let decoded = decode_raw(op)?;
    shape::check(&decoded.primitive, &decoded.operands, &decoded.results).map_err(|e| e.rule_with_operands())
}

extern "C" fn verify_hook(op: MlirOperation, message: *mut c_char, capacity: usize) -> usize {
    // A panic must not unwind into C++; report it as a verification failure.
    let outcome = catch_unwind(AssertUnwindSafe(|| verify_raw(op)))
        .unwrap_or_else(|_| Err("internal error: the shape rules panicked".to_string()));
    write_message(outcome, message, capacity)
}

extern "C" fn value_attr_hook(
    op: MlirOperation,
    result: bool,
    index: u32,
    name: MlirStringRef,
    value: MlirAttribute,
    message: *mut c_char,
    capacity: usize,
) -> usize {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let name = crate::raw::to_string(name);
        crate::sdy::verify_value_attr(op, result, index as usize, &name, value)
    }))
    .unwrap_or_else(|_| Err("internal error: the sharding rules panicked".to_string()));
    write_message(outcome, message, capacity)
}

/// Writes a failure's message into C++'s buffer; its length, or 0 for success.
fn write_message(outcome: Result<(), String>, message: *mut c_char, capacity: usize) -> usize {
    match outcome {
        Ok(()) => 0,
        Err(text) => {
            let bytes = text.as_bytes();
            let n = bytes.len().min(capacity).max(1);
            let fill = if bytes.is_empty() { b"invalid".as_slice() } else { bytes };
            // SAFETY: C++ passes a buffer of `capacity` bytes; we write at most that.
            unsafe { std::ptr::copy_nonoverlapping(fill.as_ptr(), message as *mut u8, n.min(fill.len())) };
            n.min(fill.len())
        }
    }
}

/// Installs the hooks; idempotent.
pub(crate) fn install() {
    // SAFETY: the hooks are plain functions that live for the whole process.
    unsafe {
        jaxrSetVerifyHook(verify_hook);
        jaxrSetValueAttrHook(value_attr_hook);
    }
}
