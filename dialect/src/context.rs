//! Creating an MLIR context with everything jaxr needs.

use melior::dialect::DialectRegistry;
use melior::Context;
use mlir_sys::MlirDialectHandle;
use std::sync::Once;

extern "C" {
    fn mlirGetDialectHandle__jaxr__() -> MlirDialectHandle;
    fn mlirGetDialectHandle__stablehlo__() -> MlirDialectHandle;
    fn mlirGetDialectHandle__chlo__() -> MlirDialectHandle;
    fn mlirGetDialectHandle__sdy__() -> MlirDialectHandle;
    fn jaxrContextSetPrintOpOnDiagnostic(context: mlir_sys::MlirContext, enable: bool);
    fn jaxrRegisterUpstreamDialects(registry: mlir_sys::MlirDialectRegistry);
    fn jaxrRegisterUpstreamPasses();
}

/// Whether diagnostics attached to an op carry a note printing the op
/// (on by default; off for `--verify-diagnostics`, as in mlir-opt).
pub fn set_print_op_on_diagnostic(context: &Context, enable: bool) {
    // SAFETY: a live context.
    unsafe { jaxrContextSetPrintOpOnDiagnostic(context.to_raw(), enable) };
}

/// The jaxr dialect's handle, to insert it into a registry.
pub fn jaxr_dialect_handle() -> melior::dialect::DialectHandle {
    // SAFETY: the handle is a static descriptor exported by the dialect's C++.
    unsafe { melior::dialect::DialectHandle::from_raw(mlirGetDialectHandle__jaxr__()) }
}

/// The stablehlo, chlo and sdy dialects' handles (defined in
/// `td/StablehloOps.td`, `td/ChloOps.td` and `td/SdyOps.td`).
pub fn hlo_dialect_handles() -> [melior::dialect::DialectHandle; 3] {
    // SAFETY: static descriptors exported by the dialects' C++.
    unsafe {
        [
            melior::dialect::DialectHandle::from_raw(mlirGetDialectHandle__stablehlo__()),
            melior::dialect::DialectHandle::from_raw(mlirGetDialectHandle__chlo__()),
            melior::dialect::DialectHandle::from_raw(mlirGetDialectHandle__sdy__()),
        ]
    }
}

static GLOBAL_INIT: Once = Once::new();

/// Registers process-wide state once: the shape-rule verify hook and MLIR's
/// generic transformation passes (canonicalize, cse, inline, symbol-dce,
/// sccp, ...; so that textual pipelines can name them).
pub fn initialize() {
    GLOBAL_INIT.call_once(|| {
        crate::verify::install();
        // SAFETY: registers static pass descriptors; called once.
        unsafe { jaxrRegisterUpstreamPasses() };
    });
}

/// A context with func (and cf, for the inliner), quant (quantized element
/// types), jaxr, stablehlo, chlo and sdy registered. An op of any other dialect is an error when parsed, unless
/// [`allow_unregistered_dialects`] says otherwise. Only these are linked in
/// (`cpp/Registration.cpp`), which keeps jaxr's start-up short.
pub fn create_context() -> Context {
    initialize();
    let registry = DialectRegistry::new();
    // SAFETY: a live registry; the C++ inserts dialect descriptors into it.
    unsafe { jaxrRegisterUpstreamDialects(registry.to_raw()) };
    jaxr_dialect_handle().insert_dialect(&registry);
    for handle in hlo_dialect_handles() {
        handle.insert_dialect(&registry);
    }
    let context = Context::new();
    context.append_dialect_registry(&registry);
    for dialect in ["func", "jaxr", "stablehlo", "chlo", "sdy"] {
        context.get_or_load_dialect(dialect);
    }
    context
}

/// Lets ops of dialects nobody registered through (kept as generic ops that
/// no pass understands), as mlir-opt's `--allow-unregistered-dialect` does.
pub fn allow_unregistered_dialects(context: &Context, allow: bool) {
    context.set_allow_unregistered_dialects(allow);
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

#[cfg(test)]
mod builder_tests {
    use super::*;
    use crate::{builder, BinaryOp, DotDims, ElemType, Primitive, TensorType};
    use melior::ir::block::BlockLike;
    use melior::ir::operation::OperationLike;
    use melior::ir::{Block, Location, Value, ValueLike};

    #[test]
    fn builders_type_results_by_the_shape_rules() {
        let context = create_context();
        let location = Location::unknown(&context);
        let f32_2x3 = TensorType::new([2, 3], ElemType::F32);
        let f32_3x4 = TensorType::new([3, 4], ElemType::F32);
        let block = Block::new(&[
            (crate::decode::mlir_type(&context, &f32_2x3), location),
            (crate::decode::mlir_type(&context, &f32_3x4), location),
        ]);
        let a: Value = block.argument(0).unwrap().into();
        let b: Value = block.argument(1).unwrap().into();
        let matmul = Primitive::DotGeneral {
            dims: DotDims { lhs_contracting: vec![1], rhs_contracting: vec![0], ..Default::default() },
            out: ElemType::F32,
            precision: Default::default(),
            algorithm: None,
        };
        let op = block.append_operation(builder::build(&context, location, &matmul, &[a, b]).unwrap());
        assert!(op.verify());
        assert_eq!(op.result(0).unwrap().r#type().to_string(), "tensor<2x4xf32>");
        let err = builder::build(&context, location, &Primitive::Binary(BinaryOp::Add), &[a, b]).unwrap_err();
        assert_eq!(err.op, "jaxr.add");
        assert!(
            err.to_string().contains("tensor<2x3xf32>") && err.to_string().contains("tensor<3x4xf32>"),
            "{err}"
        );
        let splat = block.append_operation(builder::splat(&context, location, &f32_2x3, 0.5).unwrap());
        assert!(splat.verify());
    }

    #[test]
    fn every_ods_op_has_a_primitive_and_back() {
        let mut ods: Vec<&str> =
            crate::op_table::ops_of("jaxr").map(|r| r.name.strip_prefix("jaxr.").unwrap_or(r.name)).collect();
        ods.sort();
        let mut rust = crate::all_mnemonics();
        rust.extend(crate::region_mnemonics());
        rust.extend(crate::transform_mnemonics());
        rust.extend(crate::call_rules::rule_call_mnemonics());
        rust.sort();
        assert_eq!(ods, rust, "the ODS op list and all_mnemonics() + region_mnemonics() must agree");
    }
}
