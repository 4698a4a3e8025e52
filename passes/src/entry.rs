//! Preparing a module for a PJRT plugin: lower jaxr to StableHLO, make the
//! chosen function the public `@main` (the entry XLA compiles), read its
//! signature so inputs can be checked before anything runs, and print the
//! text the plugin compiles ([`text_for_pjrt`]).

use melior::ir::attribute::{StringAttribute, TypeAttribute};
use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationLike, OperationMutLike, OperationRefMut};
use melior::ir::r#type::FunctionType;
use melior::ir::{Module, Type, ValueLike};
use melior::Context;

use jaxr_dialect::raw::string_ref;
use jaxr_dialect::{tensor_type_of, TensorType};

use crate::driver::{print_module, PrintOptions};
use crate::sharding::{meshes, value_shardings, ValueSharding};

/// A function's argument and result types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    pub inputs: Vec<TensorType>,
    pub results: Vec<TensorType>,
    /// Per argument, its sharding (`mhlo.sharding` or `sdy.sharding`), if any.
    pub input_shardings: Vec<Option<ValueSharding>>,
    /// Per result, its sharding, if any.
    pub result_shardings: Vec<Option<ValueSharding>>,
    /// 1-based line and column of the function in the input, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

fn sym_name(op: &OperationRefMut) -> Option<String> {
    let attr = op.attribute("sym_name").ok()?;
    StringAttribute::try_from(attr).ok().map(|s| s.value().to_string())
}

fn types_of<'c>(
    count: usize,
    get: impl Fn(usize) -> Option<Type<'c>>,
    what: &str,
) -> Result<Vec<TensorType>, String> {
    (0..count)
        .map(|i| {
            let t = get(i).ok_or_else(|| format!("missing {what} #{i}"))?;
            tensor_type_of(t).map_err(|e| format!("{what} #{i}: {e}"))
        })
        .collect()
}

/// Dialects a PJRT plugin understands once jaxr ops are lowered.
const PJRT_DIALECTS: &[&str] = &["builtin", "func", "stablehlo", "chlo", "mhlo", "sdy"];

/// Finds the first op a PJRT plugin cannot compile (one of an unknown
/// dialect, or a jaxr op left unlowered): its name and location text.
pub fn first_foreign_op(module: &Module) -> Option<(String, String)> {
    let mut found = None;
    module.as_operation().walk(melior::ir::operation::WalkOrder::PreOrder, |op| {
        let name = op.name().as_string_ref().as_str().unwrap_or_default().to_string();
        let dialect = name.split('.').next().unwrap_or_default();
        if !PJRT_DIALECTS.contains(&dialect) {
            found = Some((name, op.location().to_string()));
            return melior::ir::operation::WalkResult::Interrupt;
        }
        melior::ir::operation::WalkResult::Advance
    });
    found
}

/// Names of the module's functions, in order.
pub fn function_names(module: &Module) -> Vec<String> {
    let mut names = Vec::new();
    let mut next = module.body().first_operation_mut();
    while let Some(op) = next {
        if op.name().as_string_ref().as_str() == Ok("func.func") {
            names.extend(sym_name(&op));
        }
        next = op.next_in_block_mut();
    }
    names
}

/// The text to hand a PJRT plugin for `module`: its generic form without
/// debug info, with hex `i1` constants laid out one byte per element
/// ([`jaxr_syntax::unpack_i1_hex`]).
///
/// jaxr's MLIR 22 packs the data of a hex `dense<"0x...">` of `i1` one bit
/// per element; the plugins' newer LLVM (jaxlib 0.11.2 and later, after
/// llvm/llvm-project#180397) stores one byte per element and rejects the
/// packed data ("elements hex data size is invalid for provided type:
/// 'tensor<128xi1>'"). Every other byte is MLIR's (a splat is printed as
/// its value, `dense<true>`, which both read alike).
///
/// A constant of a 6-bit float type is refused: XLA's CPU plugin (0.11.2)
/// aborts the whole process on one (a failed check in its literal code)
/// instead of returning an error.
pub fn text_for_pjrt(module: &Module) -> Result<String, String> {
    if let Some(ty) = f6_constant(module) {
        return Err(format!(
            "a {ty} constant: XLA's CPU plugin aborts the process on constants of the 6-bit float types, \
             so jaxr does not send it one (pass such values as inputs instead)"
        ));
    }
    let text = print_module(module, PrintOptions { generic: true, debug_info: false })?;
    Ok(jaxr_syntax::unpack_i1_hex(&text))
}

/// The result type of the first constant op (`stablehlo.constant`,
/// `jaxr.constant`, ...) of a 6-bit float type in `module`.
fn f6_constant(module: &Module) -> Option<String> {
    let mut found = None;
    module.as_operation().walk(melior::ir::operation::WalkOrder::PreOrder, |op| {
        let name = op.name().as_string_ref().as_str().unwrap_or_default().to_string();
        let ty = op.result(0).map(|r| r.r#type().to_string()).unwrap_or_default();
        if name.ends_with(".constant") && F6_TYPES.iter().any(|t| ty.contains(t)) {
            found = Some(ty);
            return melior::ir::operation::WalkResult::Interrupt;
        }
        melior::ir::operation::WalkResult::Advance
    });
    found
}

/// The element types whose constants the CPU plugin aborts on.
const F6_TYPES: &[&str] = &["f6E2M3FN", "f6E3M2FN"];

/// Makes `function` the public `@main` of `module` and returns its signature.
/// An existing other `@main` is renamed (with every use) and made private;
/// every other function becomes private, so `@main` is the only entry.
pub fn make_entry(context: &Context, module: &mut Module, function: &str) -> Result<Signature, String> {
    let names = function_names(module);
    if !names.iter().any(|n| n == function) {
        return Err(if names.is_empty() {
            format!("no function @{function}: the module has no functions")
        } else {
            format!("no function @{function} in the module (functions: @{})", names.join(", @"))
        });
    }
    if function != "main" && names.iter().any(|n| n == "main") {
        let fresh = (0..).map(|i| format!("main_{i}")).find(|n| !names.contains(n)).unwrap_or_default();
        rename_symbol(context, module, "main", &fresh)?;
    }
    if function != "main" {
        rename_symbol(context, module, function, "main")?;
    }
    let meshes = meshes(module)?;
    let mut signature = None;
    let mut next = module.body().first_operation_mut();
    while let Some(mut op) = next {
        if op.name().as_string_ref().as_str() == Ok("func.func") {
            if sym_name(&op).as_deref() == Some("main") {
                let _ = op.remove_attribute("sym_visibility");
                signature = Some(read_signature(&op, &meshes)?);
            } else {
                op.set_attribute("sym_visibility", StringAttribute::new(context, "private").into());
            }
        }
        next = op.next_in_block_mut();
    }
    signature.ok_or_else(|| format!("internal error: @{function} vanished while renaming"))
}

/// Renames the function `@from` to `@to`, and every use of it.
fn rename_symbol(context: &Context, module: &mut Module, from: &str, to: &str) -> Result<(), String> {
    let from_ref = string_ref(from);
    let to_ref = string_ref(to);
    // SAFETY: valid module; MLIR copies the strings.
    let result = unsafe {
        mlir_sys::mlirSymbolTableReplaceAllSymbolUses(from_ref, to_ref, module.as_operation().to_raw())
    };
    if result.value == 0 {
        return Err(format!("cannot rename the uses of @{from}"));
    }
    let mut next = module.body().first_operation_mut();
    while let Some(mut op) = next {
        if sym_name(&op).as_deref() == Some(from) {
            op.set_attribute("sym_name", StringAttribute::new(context, to).into());
        }
        next = op.next_in_block_mut();
    }
    Ok(())
}

fn read_signature(
    op: &OperationRefMut,
    meshes: &[(String, jaxr_syntax::shardy::Mesh)],
) -> Result<Signature, String> {
    let attr = op.attribute("function_type").map_err(|_| "a function without function_type".to_string())?;
    let ty = TypeAttribute::try_from(attr).map_err(|e| e.to_string())?.value();
    let function = FunctionType::try_from(ty).map_err(|e| e.to_string())?;
    let inputs = types_of(function.input_count(), |i| function.input(i).ok(), "argument")?;
    let results = types_of(function.result_count(), |i| function.result(i).ok(), "result")?;
    let (line, column) = crate::diagnostics::location_line_column(&op.location().to_string());
    let input_shardings = value_shardings(op.to_raw(), "arg_attrs", inputs.len(), meshes, "argument")?;
    let result_shardings = value_shardings(op.to_raw(), "res_attrs", results.len(), meshes, "result")?;
    Ok(Signature { inputs, results, input_shardings, result_shardings, line, column })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_module, DiagnosticCollector};

    #[test]
    fn text_for_pjrt_lays_out_i1_constants_one_byte_per_element() {
        // 128 elements, every third true, as JAX writes them; and a splat of true.
        let bytes: String = (0..128).map(|i| if i % 3 == 0 { "01" } else { "00" }).collect();
        let text = format!(
            "func.func @main() -> (tensor<128xi1>, tensor<128xi1>, tensor<2xi8>) {{
  %c = stablehlo.constant dense<\"0x{bytes}\"> : tensor<128xi1>
  %c_0 = stablehlo.constant dense<\"0x01\"> : tensor<128xi1>
  %c_1 = stablehlo.constant dense<[1, 2]> : tensor<2xi8>
  return %c, %c_0, %c_1 : tensor<128xi1>, tensor<128xi1>, tensor<2xi8>
}}
"
        );
        let context = jaxr_dialect::create_context();
        let collector = DiagnosticCollector::attach(&context);
        let module = parse_module(&context, &collector, &text, "t.mlir").unwrap_or_else(|d| panic!("{d:?}"));
        let generic = print_module(&module, PrintOptions { generic: true, debug_info: false })
            .unwrap_or_else(|e| panic!("{e}"));
        // MLIR 22 packs the bits, and prints a splat as its value.
        let packed = "0x49922449922449922449922449922449";
        assert!(generic.contains(&format!("dense<\"{packed}\"> : tensor<128xi1>")), "{generic}");
        assert!(generic.contains("dense<true> : tensor<128xi1>"), "{generic}");
        let for_pjrt = text_for_pjrt(&module).unwrap_or_else(|e| panic!("{e}"));
        assert!(!for_pjrt.contains("loc("), "{for_pjrt}");
        assert_eq!(for_pjrt, generic.replace(packed, &format!("0x{bytes}")));
    }
}
