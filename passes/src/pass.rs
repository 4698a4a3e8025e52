//! Passes written in Rust, run by MLIR's PassManager and nameable in textual
//! pipelines next to upstream passes (the C++ side is `dialect/cpp/RustPass.cpp`).

use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, OnceLock};

use jaxr_dialect::raw;
use melior::ir::operation::OperationRefMut;
use mlir_sys::{mlirEmitError, MlirOperation, MlirStringRef};

use crate::diagnostics::Diag;
use crate::options::{OptionSpec, PassOptions};

/// The body of a Rust pass: runs on a `builtin.module`. A failure is a
/// [`Diag`], emitted as an error at its IR location (the module's when it has
/// none); its notes, line and column are not used.
pub type PassRun = fn(module: &mut OperationRefMut, options: &PassOptions) -> Result<(), Diag>;

/// A pass's name, documentation, options and body.
#[derive(Clone, Copy)]
pub struct PassDef {
    /// The name in pipelines (`convert-jaxr-to-stablehlo`).
    pub name: &'static str,
    /// One line for `--help`.
    pub summary: &'static str,
    pub options: &'static [OptionSpec],
    pub run: PassRun,
}

extern "C" {
    fn jaxrRegisterRustPass(
        index: usize,
        argument: MlirStringRef,
        description: MlirStringRef,
        run: extern "C" fn(usize, MlirOperation, MlirStringRef) -> bool,
        check_options: extern "C" fn(usize, MlirStringRef, *mut c_char, usize) -> usize,
    );
}

fn registry() -> &'static Mutex<Vec<PassDef>> {
    static REGISTRY: OnceLock<Mutex<Vec<PassDef>>> = OnceLock::new();
    REGISTRY.get_or_init(|| Mutex::new(Vec::new()))
}

fn pass_at(index: usize) -> Option<PassDef> {
    registry().lock().ok()?.get(index).copied()
}

extern "C" fn check_options(
    index: usize,
    text: MlirStringRef,
    message: *mut c_char,
    capacity: usize,
) -> usize {
    let outcome = catch_unwind(|| {
        let def = pass_at(index).ok_or_else(|| "unknown pass".to_string())?;
        PassOptions::parse(def.name, def.options, &raw::to_string(text)).map(|_| ())
    })
    .unwrap_or_else(|_| Err("internal error while parsing pass options".into()));
    match outcome {
        Ok(()) => 0,
        Err(text) => {
            let n = text.len().min(capacity);
            // SAFETY: C++ passes a buffer of `capacity` bytes.
            unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), message as *mut u8, n) };
            n.max(1)
        }
    }
}

extern "C" fn run_pass(index: usize, op: MlirOperation, text: MlirStringRef) -> bool {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let def = pass_at(index).ok_or_else(|| Diag::error("unknown pass"))?;
        let options =
            PassOptions::parse(def.name, def.options, &raw::to_string(text)).map_err(Diag::error)?;
        // SAFETY: MLIR hands the pass a valid operation for the duration of the run.
        let mut module = unsafe { OperationRefMut::from_raw(op) };
        (def.run)(&mut module, &options)
    }));
    let error = match outcome {
        Ok(Ok(())) => return true,
        Ok(Err(e)) => e,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Diag::error(format!("internal error in a jaxr pass: {what}"))
        }
    };
    // SAFETY: valid op handle; the message is NUL-free text copied by MLIR.
    unsafe {
        let location = match error.location {
            Some(location) => location.0,
            None => mlir_sys::mlirOperationGetLocation(op),
        };
        let message = std::ffi::CString::new(error.message.replace('\0', " ")).unwrap_or_default();
        mlirEmitError(location, message.as_ptr());
    }
    false
}

/// Registers `def` with MLIR (once per name) so pipelines can name it.
pub fn register(def: PassDef) {
    let Ok(mut passes) = registry().lock() else { return };
    if passes.iter().any(|p| p.name == def.name) {
        return;
    }
    let index = passes.len();
    passes.push(def);
    // SAFETY: the strings are 'static; MLIR copies them.
    unsafe {
        jaxrRegisterRustPass(
            index,
            raw::string_ref(def.name),
            raw::string_ref(def.summary),
            run_pass,
            check_options,
        )
    };
}

/// Every Rust pass registered so far, in registration order.
pub fn registered_passes() -> Vec<PassDef> {
    registry().lock().map(|p| p.clone()).unwrap_or_default()
}
