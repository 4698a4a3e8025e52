//===- StablehloDialect.td - the stablehlo dialect and its shared defs ----===//
//
// StableHLO as a registered dialect, written from the public StableHLO
// specification. Each op declares its operands, attributes, results, regions
// and traits here; the spec's constraints on shapes, element types and
// attribute values are checked by the Rust verifier (dialect/src/stablehlo.rs),
// which shares jaxr's shape rules where the semantics coincide.
//
// Attribute values written `#stablehlo<...>` / `#stablehlo.name<...>` are kept
// as their text (an opaque attribute of this dialect, printed back byte for
// byte); the verifier reads and checks them (enum spellings included).
//
//===----------------------------------------------------------------------===//

#ifndef JAXR_STABLEHLO_DIALECT
#define JAXR_STABLEHLO_DIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

def Stablehlo_Dialect : Dialect {
  let name = "stablehlo";
  let summary = "StableHLO, the portable operation set of ML compilers";
  let cppNamespace = "::jaxr::stablehlo";
  let useDefaultTypePrinterParser = 1;
  let extraClassDeclaration = [{
    ::mlir::Attribute parseAttribute(::mlir::DialectAsmParser &parser,
                                     ::mlir::Type type) const override;
    void printAttribute(::mlir::Attribute attr,
                        ::mlir::DialectAsmPrinter &printer) const override;
  }];
}

// !stablehlo.token: orders side effects (after_all, infeed, send, ...).
def Stablehlo_Token : TypeDef<Stablehlo_Dialect, "Token"> {
  let mnemonic = "token";
  let summary = "a token ordering side effects";
}

// Operands and results are checked by the Rust verifier: tensors (static or
// dynamic shapes, quantized element types), tokens and tuples.
def Stablehlo_Tensor : RankedTensorOf<[AnyType]>;
def Stablehlo_Value : AnyTypeOf<[Stablehlo_Tensor, Stablehlo_Token, AnyTuple]>;

// Every op verifies through the Rust rules.
class Stablehlo_Op<string mnemonic, list<Trait> traits = []>
    : Op<Stablehlo_Dialect, mnemonic, traits> {
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }];
}

// Ops with regions verify after their bodies (verifyRegions), so the rules
// may look at the bodies' terminators.
class Stablehlo_RegionOp<string mnemonic, list<Trait> traits = []>
    : Op<Stablehlo_Dialect, mnemonic, traits> {
  let hasRegionVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verifyRegions() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }];
}

#endif // JAXR_STABLEHLO_DIALECT
