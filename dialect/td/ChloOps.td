//===- ChloOps.td - the CHLO ops (client HLO) that exporters write ---------===//
//
// CHLO holds ops that frameworks emit and compilers decompose into StableHLO:
// special functions, implicitly broadcasting binary ops, top_k, ragged_dot.
// Like stablehlo, every op verifies through the Rust rules
// (dialect/src/stablehlo.rs), and #chlo<...> attribute values are kept as
// their text and checked there.
//
//===----------------------------------------------------------------------===//

#ifndef JAXR_CHLO_OPS
#define JAXR_CHLO_OPS

include "mlir/IR/OpBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Chlo_Dialect : Dialect {
  let name = "chlo";
  let summary = "client HLO: ops that exporters write and compilers decompose";
  let cppNamespace = "::jaxr::chlo";
  let extraClassDeclaration = [{
    ::mlir::Attribute parseAttribute(::mlir::DialectAsmParser &parser,
                                     ::mlir::Type type) const override;
    void printAttribute(::mlir::Attribute attr,
                        ::mlir::DialectAsmPrinter &printer) const override;
  }];
}

def Chlo_Tensor : RankedTensorOf<[AnyType]>;

class Chlo_Op<string mnemonic, list<Trait> traits = []>
    : Op<Chlo_Dialect, mnemonic, !listconcat([Pure], traits)> {
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }];
}

class Chlo_UnaryOp<string mnemonic> : Chlo_Op<mnemonic, [Elementwise]> {
  let arguments = (ins Chlo_Tensor:$operand);
  let results = (outs Chlo_Tensor:$result);
}

def Chlo_AcosOp : Chlo_UnaryOp<"acos">;
def Chlo_AcoshOp : Chlo_UnaryOp<"acosh">;
def Chlo_AsinOp : Chlo_UnaryOp<"asin">;
def Chlo_AsinhOp : Chlo_UnaryOp<"asinh">;
def Chlo_AtanOp : Chlo_UnaryOp<"atan">;
def Chlo_AtanhOp : Chlo_UnaryOp<"atanh">;
def Chlo_BesselI1eOp : Chlo_UnaryOp<"bessel_i1e">;
def Chlo_ConjOp : Chlo_UnaryOp<"conj">;
def Chlo_CoshOp : Chlo_UnaryOp<"cosh">;
def Chlo_DigammaOp : Chlo_UnaryOp<"digamma">;
def Chlo_ErfOp : Chlo_UnaryOp<"erf">;
def Chlo_ErfInvOp : Chlo_UnaryOp<"erf_inv">;
def Chlo_ErfcOp : Chlo_UnaryOp<"erfc">;
def Chlo_IsInfOp : Chlo_UnaryOp<"is_inf">;
def Chlo_IsNegInfOp : Chlo_UnaryOp<"is_neg_inf">;
def Chlo_IsPosInfOp : Chlo_UnaryOp<"is_pos_inf">;
def Chlo_LgammaOp : Chlo_UnaryOp<"lgamma">;
def Chlo_SinhOp : Chlo_UnaryOp<"sinh">;
def Chlo_SquareOp : Chlo_UnaryOp<"square">;
def Chlo_TanOp : Chlo_UnaryOp<"tan">;

// Elementwise binary ops without implicit broadcasting.
class Chlo_BinaryOp<string mnemonic> : Chlo_Op<mnemonic, [Elementwise]> {
  let arguments = (ins Chlo_Tensor:$x, Chlo_Tensor:$y);
  let results = (outs Chlo_Tensor:$result);
}

def Chlo_NextAfterOp : Chlo_BinaryOp<"next_after">;
def Chlo_PolygammaOp : Chlo_BinaryOp<"polygamma">;
def Chlo_ZetaOp : Chlo_BinaryOp<"zeta">;

// Binary ops with numpy-style broadcasting (broadcast_dimensions maps the
// lower-rank operand into the higher-rank one).
class Chlo_BroadcastBinaryOp<string mnemonic> : Chlo_Op<mnemonic> {
  let arguments = (ins Chlo_Tensor:$lhs, Chlo_Tensor:$rhs,
                       OptionalAttr<DenseI64ArrayAttr>:$broadcast_dimensions);
  let results = (outs Chlo_Tensor:$result);
}

def Chlo_BroadcastAddOp : Chlo_BroadcastBinaryOp<"broadcast_add">;
def Chlo_BroadcastAndOp : Chlo_BroadcastBinaryOp<"broadcast_and">;
def Chlo_BroadcastAtan2Op : Chlo_BroadcastBinaryOp<"broadcast_atan2">;
def Chlo_BroadcastComplexOp : Chlo_BroadcastBinaryOp<"broadcast_complex">;
def Chlo_BroadcastDivOp : Chlo_BroadcastBinaryOp<"broadcast_divide">;
def Chlo_BroadcastMaxOp : Chlo_BroadcastBinaryOp<"broadcast_maximum">;
def Chlo_BroadcastMinOp : Chlo_BroadcastBinaryOp<"broadcast_minimum">;
def Chlo_BroadcastMulOp : Chlo_BroadcastBinaryOp<"broadcast_multiply">;
def Chlo_BroadcastNextAfterOp : Chlo_BroadcastBinaryOp<"broadcast_next_after">;
def Chlo_BroadcastOrOp : Chlo_BroadcastBinaryOp<"broadcast_or">;
def Chlo_BroadcastPolygammaOp : Chlo_BroadcastBinaryOp<"broadcast_polygamma">;
def Chlo_BroadcastPowOp : Chlo_BroadcastBinaryOp<"broadcast_power">;
def Chlo_BroadcastRemOp : Chlo_BroadcastBinaryOp<"broadcast_remainder">;
def Chlo_BroadcastShiftLeftOp : Chlo_BroadcastBinaryOp<"broadcast_shift_left">;
def Chlo_BroadcastShiftRightArithmeticOp
    : Chlo_BroadcastBinaryOp<"broadcast_shift_right_arithmetic">;
def Chlo_BroadcastShiftRightLogicalOp
    : Chlo_BroadcastBinaryOp<"broadcast_shift_right_logical">;
def Chlo_BroadcastSubOp : Chlo_BroadcastBinaryOp<"broadcast_subtract">;
def Chlo_BroadcastXorOp : Chlo_BroadcastBinaryOp<"broadcast_xor">;
def Chlo_BroadcastZetaOp : Chlo_BroadcastBinaryOp<"broadcast_zeta">;

def Chlo_BroadcastCompareOp : Chlo_Op<"broadcast_compare"> {
  let arguments = (ins Chlo_Tensor:$lhs, Chlo_Tensor:$rhs,
                       OptionalAttr<DenseI64ArrayAttr>:$broadcast_dimensions,
                       AnyAttr:$comparison_direction,
                       OptionalAttr<AnyAttr>:$compare_type);
  let results = (outs Chlo_Tensor:$result);
}

def Chlo_BroadcastSelectOp : Chlo_Op<"broadcast_select"> {
  let arguments = (ins Chlo_Tensor:$pred, Chlo_Tensor:$on_true,
                       Chlo_Tensor:$on_false);
  let results = (outs Chlo_Tensor:$result);
}

def Chlo_ConstantOp : Chlo_Op<"constant", [ConstantLike]> {
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Chlo_Tensor:$output);
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor) { return getValue(); }
  }];
}

def Chlo_ConstantLikeOp : Chlo_Op<"constant_like"> {
  let arguments = (ins AnyAttr:$value, Chlo_Tensor:$operand);
  let results = (outs Chlo_Tensor:$result);
}

def Chlo_TopKOp : Chlo_Op<"top_k"> {
  let arguments = (ins Chlo_Tensor:$operand, I64Attr:$k,
                       OptionalAttr<BoolAttr>:$largest);
  let results = (outs Chlo_Tensor:$values, Chlo_Tensor:$indices);
}

def Chlo_RaggedDotOp : Chlo_Op<"ragged_dot"> {
  let arguments = (ins Chlo_Tensor:$lhs, Chlo_Tensor:$rhs,
                       Chlo_Tensor:$group_sizes,
                       AnyAttr:$ragged_dot_dimension_numbers,
                       OptionalAttr<ArrayAttr>:$precision_config);
  let results = (outs Chlo_Tensor:$result);
}

#endif // JAXR_CHLO_OPS
