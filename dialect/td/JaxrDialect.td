//===- JaxrDialect.td - the jaxr dialect and its shared definitions -------===//
//
// The jaxr dialect is JAX's primitive set (jax.lax) over static-shaped ranked
// tensors. Shape and type rules live once, in Rust (dialect/src/shape.rs): every
// op's verify() delegates to them through a hook installed at registration.
//
//===----------------------------------------------------------------------===//

#ifndef JAXR_DIALECT
#define JAXR_DIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/IR/SymbolInterfaces.td"

def Jaxr_Dialect : Dialect {
  let name = "jaxr";
  let summary = "JAX's primitives over static-shaped ranked tensors";
  let description = [{
    Op names and semantics follow jax.lax primitives. Every op is verified by the
    shape rules written in Rust, which the builders and the e-graph also use.
  }];
  let cppNamespace = "::jaxr";
  // Folded constants are rebuilt as jaxr.constant.
  let hasConstantMaterializer = 1;
}

// Comparison directions of lax.eq, lax.ne, lax.lt, lax.le, lax.gt, lax.ge.
def Jaxr_ComparisonDirection : I32EnumAttr<"ComparisonDirection",
    "comparison direction", [
      I32EnumAttrCase<"eq", 0>, I32EnumAttrCase<"ne", 1>,
      I32EnumAttrCase<"lt", 2>, I32EnumAttrCase<"le", 3>,
      I32EnumAttrCase<"gt", 4>, I32EnumAttrCase<"ge", 5>]> {
  let cppNamespace = "::jaxr";
}

// lax.RoundingMethod.
def Jaxr_RoundingMethod : I32EnumAttr<"RoundingMethod", "rounding method", [
      I32EnumAttrCase<"away_from_zero", 0>,
      I32EnumAttrCase<"to_nearest_even", 1>]> {
  let cppNamespace = "::jaxr";
}

// lax.RandomAlgorithm: the bit generator of lax.rng_bit_generator.
def Jaxr_RngAlgorithm : I32EnumAttr<"RngAlgorithm", "random algorithm", [
      I32EnumAttrCase<"backend_default", 0, "default">,
      I32EnumAttrCase<"three_fry", 1>,
      I32EnumAttrCase<"philox", 2>]> {
  let cppNamespace = "::jaxr";
}

// Every jaxr op verifies through the Rust shape rules. `counterpart` names
// the StableHLO or CHLO op with the same operands, results and meaning, when
// there is one: lowering and raising are then a rename (dialect/src/op_table.rs).
class Jaxr_Op<string mnemonic, list<Trait> traits = []>
    : Op<Jaxr_Dialect, mnemonic, !listconcat([Pure], traits)> {
  string counterpart = "";
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }];
}

// Ops whose regions hold computations (while, cond, the generic
// reduce_window): not Pure by themselves (RecursiveMemoryEffects: pure when
// their bodies are). verifyRegions() runs the Rust checks after the nested
// ops have verified: carried, yielded and result types agree.
class Jaxr_RegionOp<string mnemonic, list<Trait> traits = []>
    : Op<Jaxr_Dialect, mnemonic, !listconcat([RecursiveMemoryEffects], traits)> {
  let hasRegionVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verifyRegions() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }];
}

// inferReturnTypes() of ops whose results have their operands' types (sort,
// while): lets the pretty syntax leave the result types out.
def Jaxr_ResultsAreOperandTypes {
  code definition = [{
  ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
      ::std::optional<::mlir::Location>, ::mlir::ValueRange operands,
      ::mlir::DictionaryAttr, ::mlir::OpaqueProperties, ::mlir::RegionRange,
      ::llvm::SmallVectorImpl<::mlir::Type> &types) {
    for (::mlir::Value v : operands)
      types.push_back(v.getType());
    return ::mlir::success();
  }
}];
}

def Jaxr_Tensor : RankedTensorOf<[AnyType]>;

#endif // JAXR_DIALECT
