//! Creating an MLIR context with everything jaxr needs.

use melior::dialect::DialectRegistry;
use melior::utility::{register_all_dialects, register_all_passes};
use melior::Context;
use mlir_sys::MlirDialectHandle;
use std::sync::Once;

extern "C" {
    fn mlirGetDialectHandle__jaxr__() -> MlirDialectHandle;
}

/// The jaxr dialect's handle, to insert it into a registry.
pub fn jaxr_dialect_handle() -> melior::dialect::DialectHandle {
    // SAFETY: the handle is a static descriptor exported by the dialect's C++.
    unsafe { melior::dialect::DialectHandle::from_raw(mlirGetDialectHandle__jaxr__()) }
}

static GLOBAL_INIT: Once = Once::new();

/// Registers process-wide state once: the shape-rule verify hook and the
/// upstream passes (so that textual pipelines can name them).
pub fn initialize() {
    GLOBAL_INIT.call_once(|| {
        crate::verify::install();
        register_all_passes();
    });
}

/// A context with the upstream dialects (func, ...) and jaxr registered,
/// unregistered dialects (StableHLO, carried as generic ops) allowed.
pub fn create_context() -> Context {
    initialize();
    let registry = DialectRegistry::new();
    register_all_dialects(&registry);
    jaxr_dialect_handle().insert_dialect(&registry);
    let context = Context::new();
    context.append_dialect_registry(&registry);
    context.get_or_load_dialect("func");
    context.get_or_load_dialect("jaxr");
    context.set_allow_unregistered_dialects(true);
    context
}

#[cfg(test)]
mod tests {
    use super::*;
    use melior::ir::operation::OperationLike;
    use melior::ir::Module;

    const PROGRAM: &str = r#"
func.func @f(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %c = jaxr.constant dense<1.0> : tensor<f32>
  %b = jaxr.broadcast_in_dim %c, dims = [] : tensor<f32> -> tensor<2x3xf32>
  %s = jaxr.add %x, %b : tensor<2x3xf32>
  %e = jaxr.exp %s : tensor<2x3xf32>
  %d = jaxr.dot_general %e, %w, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %p = jaxr.compare lt, %d, %d : tensor<2x4xf32> -> tensor<2x4xi1>
  %r = jaxr.select_n %p, %d, %d : (tensor<2x4xi1>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}
"#;

    #[test]
    fn jaxr_programs_parse_verify_and_print_back() {
        let context = create_context();
        let module = Module::parse(&context, PROGRAM).expect("parses");
        assert!(module.as_operation().verify());
        let printed = module.as_operation().to_string();
        let again = Module::parse(&context, &printed).expect("printed form parses");
        assert_eq!(again.as_operation().to_string(), printed);
        println!("{printed}");
    }
}
