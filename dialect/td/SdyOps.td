//===- SdyOps.td - the Shardy ops that JAX writes -------------------------===//
//
// Shardy (`sdy`) is how JAX's default partitioner writes shardings: a module
// declares named meshes, `#sdy.sharding<@mesh, [{"data"}, {}]>` values sit on
// function arguments and results, sharding_constraint pins an intermediate
// value, and manual_computation holds a shard_map body written per device.
// XLA's partitioner, behind PJRT, reads these ops; jaxr keeps them through its
// passes and gives them to the plugin unchanged.
//
// The attribute values (#sdy.mesh<...>, #sdy.sharding<...>,
// #sdy.sharding_per_value<...>, #sdy<manual_axes{...}>) are kept as their
// text, like #stablehlo<...> ones, and checked by the Rust verifier
// (dialect/src/sdy.rs), which reads them with jaxr-syntax's Shardy reader.
//
// Traits: a sharding constraint has no memory-effect trait, as in Shardy: a
// dangling one still says how its operand is laid out, so nothing may erase
// it. A reshard is pure. manual_computation is IsolatedFromAbove (its body
// sees only its per-device block arguments) and as pure as its body.
//
//===----------------------------------------------------------------------===//

#ifndef JAXR_SDY_OPS
#define JAXR_SDY_OPS

include "mlir/IR/OpBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

def Sdy_Dialect : Dialect {
  let name = "sdy";
  let summary = "Shardy: meshes and shardings for XLA's partitioner";
  let cppNamespace = "::jaxr::sdy";
  // `sdy.sharding` on a function's arguments and results is checked too.
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  let extraClassDeclaration = [{
    ::mlir::Attribute parseAttribute(::mlir::DialectAsmParser &parser,
                                     ::mlir::Type type) const override;
    void printAttribute(::mlir::Attribute attr,
                        ::mlir::DialectAsmPrinter &printer) const override;
  }];
}

def Sdy_Tensor : RankedTensorOf<[AnyType]>;

class Sdy_Op<string mnemonic, list<Trait> traits = []>
    : Op<Sdy_Dialect, mnemonic, traits> {
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }];
}

// `sdy.mesh @mesh = <["data"=4, "model"=2]>`: a named mesh of the module.
def Sdy_MeshOp : Sdy_Op<"mesh", [Symbol]> {
  let arguments = (ins SymbolNameAttr:$sym_name, AnyAttr:$mesh);
}

// Lays its operand out as `sharding` says (with_sharding_constraint).
def Sdy_ShardingConstraintOp : Sdy_Op<"sharding_constraint", [Elementwise]> {
  let arguments = (ins Sdy_Tensor:$input, AnyAttr:$sharding);
  let results = (outs Sdy_Tensor:$result);
}

// Moves its operand to `sharding` (written by propagation, or jax.reshard).
def Sdy_ReshardOp : Sdy_Op<"reshard", [Pure, Elementwise]> {
  let arguments = (ins Sdy_Tensor:$input, AnyAttr:$sharding);
  let results = (outs Sdy_Tensor:$result);
}

// Puts its operand in the sharding group `group_id` (jax's shard_alike).
def Sdy_ShardingGroupOp : Sdy_Op<"sharding_group"> {
  let arguments = (ins Sdy_Tensor:$input, I64Attr:$group_id);
}

def Sdy_ReturnOp : Sdy_Op<"return", [Pure, Terminator, ReturnLike]> {
  let arguments = (ins Variadic<AnyType>:$results);
}

// A shard_map body: its block arguments are each device's part of the
// operands (in_shardings over manual_axes), its results each device's part
// of the op's results (out_shardings).
def Sdy_ManualComputationOp : Op<Sdy_Dialect, "manual_computation", [
    RecursiveMemoryEffects, IsolatedFromAbove]> {
  let arguments = (ins Variadic<Sdy_Tensor>:$tensors, AnyAttr:$in_shardings,
                       AnyAttr:$out_shardings, AnyAttr:$manual_axes);
  let results = (outs Variadic<Sdy_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let hasRegionVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verifyRegions() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }];
}

#endif // JAXR_SDY_OPS
