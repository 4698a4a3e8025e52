//===- JaxrOps.td - jaxr operations ----------------------------------------===//
//
// One def per jax.lax primitive. Operand and attribute *kinds* are declared
// here; which element types and shapes are valid is decided by the Rust shape
// rules (dialect/src/shape.rs), so the rules exist once.
//
//===----------------------------------------------------------------------===//

#ifndef JAXR_OPS
#define JAXR_OPS

include "JaxrDialect.td"

//===----------------------------------------------------------------------===//
// Nullary
//===----------------------------------------------------------------------===//

def Jaxr_ConstantOp : Jaxr_Op<"constant", [ConstantLike,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "a constant tensor (dense or splat)";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  // Folding to its value lets canonicalize and cse tell constants apart.
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor) { return getValue(); }
  }];
}

def Jaxr_IotaOp : Jaxr_Op<"iota"> {
  let summary = "lax.iota: 0, 1, 2, ... along one dimension";
  let arguments = (ins I64Attr:$dimension);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "`dim` `=` $dimension attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Elementwise unary: result type equals operand type
//===----------------------------------------------------------------------===//

class Jaxr_UnaryOp<string mnemonic, string doc, list<Trait> traits = []>
    : Jaxr_Op<mnemonic, !listconcat([Elementwise, SameOperandsAndResultType],
                                    traits)> {
  let summary = doc;
  let arguments = (ins Jaxr_Tensor:$operand);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

def Jaxr_NegOp      : Jaxr_UnaryOp<"neg", "lax.neg: -x">;
def Jaxr_AbsOp      : Jaxr_UnaryOp<"abs", "lax.abs: |x|">;
def Jaxr_SignOp     : Jaxr_UnaryOp<"sign", "lax.sign: -1, 0 or 1 (NaN stays NaN)">;
def Jaxr_FloorOp    : Jaxr_UnaryOp<"floor", "lax.floor">;
def Jaxr_CeilOp     : Jaxr_UnaryOp<"ceil", "lax.ceil">;
def Jaxr_ExpOp      : Jaxr_UnaryOp<"exp", "lax.exp: e^x">;
def Jaxr_Exp2Op     : Jaxr_UnaryOp<"exp2", "lax.exp2: 2^x">;
def Jaxr_LogOp      : Jaxr_UnaryOp<"log", "lax.log: natural logarithm">;
def Jaxr_Log1pOp    : Jaxr_UnaryOp<"log1p", "lax.log1p: log(1 + x)">;
def Jaxr_Expm1Op    : Jaxr_UnaryOp<"expm1", "lax.expm1: e^x - 1">;
def Jaxr_SqrtOp     : Jaxr_UnaryOp<"sqrt", "lax.sqrt">;
def Jaxr_RsqrtOp    : Jaxr_UnaryOp<"rsqrt", "lax.rsqrt: 1 / sqrt(x)">;
def Jaxr_CbrtOp     : Jaxr_UnaryOp<"cbrt", "lax.cbrt: cube root">;
def Jaxr_SinOp      : Jaxr_UnaryOp<"sin", "lax.sin">;
def Jaxr_CosOp      : Jaxr_UnaryOp<"cos", "lax.cos">;
def Jaxr_TanOp      : Jaxr_UnaryOp<"tan", "lax.tan">;
def Jaxr_TanhOp     : Jaxr_UnaryOp<"tanh", "lax.tanh">;
def Jaxr_LogisticOp : Jaxr_UnaryOp<"logistic", "lax.logistic: 1 / (1 + e^-x)">;
def Jaxr_NotOp      : Jaxr_UnaryOp<"not", "lax.bitwise_not (logical not on i1)">;
def Jaxr_SquareOp   : Jaxr_UnaryOp<"square", "lax.square: x * x">;
def Jaxr_PopulationCountOp
    : Jaxr_UnaryOp<"population_count", "lax.population_count: set bits">;
def Jaxr_ClzOp      : Jaxr_UnaryOp<"clz", "lax.clz: count leading zeros">;

def Jaxr_RoundOp : Jaxr_Op<"round", [Elementwise, SameOperandsAndResultType]> {
  let summary = "lax.round with a rounding method";
  let arguments = (ins Jaxr_Tensor:$operand, Jaxr_RoundingMethod:$rounding_method);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$rounding_method `,` $operand attr-dict `:` type($result)";
}

def Jaxr_IntegerPowOp : Jaxr_Op<"integer_pow",
    [Elementwise, SameOperandsAndResultType]> {
  let summary = "lax.integer_pow: x^y for a constant integer y";
  let arguments = (ins Jaxr_Tensor:$operand, I64Attr:$y);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` $y attr-dict `:` type($result)";
}

def Jaxr_IsFiniteOp : Jaxr_Op<"is_finite", [Elementwise,
    SameOperandsAndResultShape]> {
  let summary = "lax.is_finite: true where x is neither infinite nor NaN";
  let arguments = (ins Jaxr_Tensor:$operand);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Elementwise binary: operands and result share one type
//===----------------------------------------------------------------------===//

class Jaxr_BinaryOp<string mnemonic, string doc, list<Trait> traits = []>
    : Jaxr_Op<mnemonic, !listconcat([Elementwise, SameOperandsAndResultType],
                                    traits)> {
  let summary = doc;
  let arguments = (ins Jaxr_Tensor:$lhs, Jaxr_Tensor:$rhs);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def Jaxr_AddOp   : Jaxr_BinaryOp<"add", "lax.add", [Commutative]>;
def Jaxr_SubOp   : Jaxr_BinaryOp<"sub", "lax.sub">;
def Jaxr_MulOp   : Jaxr_BinaryOp<"mul", "lax.mul", [Commutative]>;
def Jaxr_DivOp   : Jaxr_BinaryOp<"div", "lax.div (integer division rounds toward zero)">;
def Jaxr_RemOp   : Jaxr_BinaryOp<"rem", "lax.rem: remainder with the sign of the dividend">;
def Jaxr_PowOp   : Jaxr_BinaryOp<"pow", "lax.pow: x^y">;
def Jaxr_MaxOp   : Jaxr_BinaryOp<"max", "lax.max (NaN-propagating)", [Commutative]>;
def Jaxr_MinOp   : Jaxr_BinaryOp<"min", "lax.min (NaN-propagating)", [Commutative]>;
def Jaxr_Atan2Op : Jaxr_BinaryOp<"atan2", "lax.atan2(y, x)">;
def Jaxr_AndOp   : Jaxr_BinaryOp<"and", "lax.bitwise_and", [Commutative]>;
def Jaxr_OrOp    : Jaxr_BinaryOp<"or", "lax.bitwise_or", [Commutative]>;
def Jaxr_XorOp   : Jaxr_BinaryOp<"xor", "lax.bitwise_xor", [Commutative]>;
def Jaxr_ShiftLeftOp : Jaxr_BinaryOp<"shift_left", "lax.shift_left">;
def Jaxr_ShiftRightLogicalOp
    : Jaxr_BinaryOp<"shift_right_logical", "lax.shift_right_logical">;
def Jaxr_ShiftRightArithmeticOp
    : Jaxr_BinaryOp<"shift_right_arithmetic", "lax.shift_right_arithmetic">;

def Jaxr_CompareOp : Jaxr_Op<"compare", [Elementwise, SameTypeOperands,
    SameOperandsAndResultShape]> {
  let summary = "lax.eq/ne/lt/le/gt/ge: elementwise comparison to i1";
  let arguments = (ins Jaxr_ComparisonDirection:$direction, Jaxr_Tensor:$lhs,
                       Jaxr_Tensor:$rhs);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat =
      "$direction `,` $lhs `,` $rhs attr-dict `:` type($lhs) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Selection and type conversion
//===----------------------------------------------------------------------===//

def Jaxr_SelectNOp : Jaxr_Op<"select_n"> {
  let summary = "lax.select_n: cases[which] elementwise (which is i1 or i32)";
  let arguments = (ins Jaxr_Tensor:$which, Variadic<Jaxr_Tensor>:$cases);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat =
      "$which `,` $cases attr-dict `:` functional-type(operands, results)";
}

def Jaxr_ClampOp : Jaxr_Op<"clamp"> {
  let summary = "lax.clamp(min, x, max); min and max may be scalars";
  let arguments = (ins Jaxr_Tensor:$min, Jaxr_Tensor:$operand, Jaxr_Tensor:$max);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat =
      "$min `,` $operand `,` $max attr-dict `:` functional-type(operands, results)";
}

def Jaxr_ConvertElementTypeOp : Jaxr_Op<"convert_element_type", [Elementwise,
    SameOperandsAndResultShape]> {
  let summary = "lax.convert_element_type: value conversion to another element type";
  let arguments = (ins Jaxr_Tensor:$operand);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
}

def Jaxr_BitcastConvertTypeOp : Jaxr_Op<"bitcast_convert_type"> {
  let summary = "lax.bitcast_convert_type: reinterpret the bits as another type";
  let arguments = (ins Jaxr_Tensor:$operand);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

def Jaxr_BroadcastInDimOp : Jaxr_Op<"broadcast_in_dim"> {
  let summary = "lax.broadcast_in_dim: operand dim i becomes result dim dims[i]";
  let arguments = (ins Jaxr_Tensor:$operand,
                       DenseI64ArrayAttr:$broadcast_dimensions);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` `dims` `=` $broadcast_dimensions attr-dict "
                       "`:` type($operand) `->` type($result)";
}

def Jaxr_ReshapeOp : Jaxr_Op<"reshape"> {
  let summary = "lax.reshape (row-major, same element count)";
  let arguments = (ins Jaxr_Tensor:$operand);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
}

def Jaxr_TransposeOp : Jaxr_Op<"transpose"> {
  let summary = "lax.transpose: result dim i is operand dim permutation[i]";
  let arguments = (ins Jaxr_Tensor:$operand, DenseI64ArrayAttr:$permutation);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` `perm` `=` $permutation attr-dict "
                       "`:` type($operand) `->` type($result)";
}

def Jaxr_RevOp : Jaxr_Op<"rev", [SameOperandsAndResultType]> {
  let summary = "lax.rev: reverse along the given dimensions";
  let arguments = (ins Jaxr_Tensor:$operand, DenseI64ArrayAttr:$dimensions);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat =
      "$operand `,` `dims` `=` $dimensions attr-dict `:` type($result)";
}

def Jaxr_ConcatenateOp : Jaxr_Op<"concatenate"> {
  let summary = "lax.concatenate along one dimension";
  let arguments = (ins Variadic<Jaxr_Tensor>:$operands, I64Attr:$dimension);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "`(` $operands `)` `dim` `=` $dimension attr-dict "
                       "`:` functional-type($operands, $result)";
}

def Jaxr_PadOp : Jaxr_Op<"pad"> {
  let summary = "lax.pad: edge (possibly negative) and interior padding";
  let arguments = (ins Jaxr_Tensor:$operand, Jaxr_Tensor:$padding_value,
                       DenseI64ArrayAttr:$low, DenseI64ArrayAttr:$high,
                       DenseI64ArrayAttr:$interior);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` $padding_value `,` `low` `=` $low `,` "
                       "`high` `=` $high `,` `interior` `=` $interior attr-dict "
                       "`:` functional-type(operands, results)";
}

def Jaxr_SliceOp : Jaxr_Op<"slice"> {
  let summary = "lax.slice: static start, limit and strides";
  let arguments = (ins Jaxr_Tensor:$operand, DenseI64ArrayAttr:$start_indices,
                       DenseI64ArrayAttr:$limit_indices,
                       DenseI64ArrayAttr:$strides);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` `start` `=` $start_indices `,` `limit` `=` "
                       "$limit_indices `,` `strides` `=` $strides attr-dict "
                       "`:` type($operand) `->` type($result)";
}

def Jaxr_DynamicSliceOp : Jaxr_Op<"dynamic_slice"> {
  let summary = "lax.dynamic_slice: runtime start indices, clamped into range";
  let arguments = (ins Jaxr_Tensor:$operand, Variadic<Jaxr_Tensor>:$start_indices,
                       DenseI64ArrayAttr:$slice_sizes);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `[` $start_indices `]` `sizes` `=` $slice_sizes "
                       "attr-dict `:` functional-type(operands, results)";
}

def Jaxr_DynamicUpdateSliceOp : Jaxr_Op<"dynamic_update_slice"> {
  let summary = "lax.dynamic_update_slice: runtime start indices, clamped";
  let arguments = (ins Jaxr_Tensor:$operand, Jaxr_Tensor:$update,
                       Variadic<Jaxr_Tensor>:$start_indices);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` $update `[` $start_indices `]` attr-dict "
                       "`:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class Jaxr_ReduceOp<string mnemonic, string doc> : Jaxr_Op<mnemonic> {
  let summary = doc;
  let arguments = (ins Jaxr_Tensor:$operand, DenseI64ArrayAttr:$axes);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` `axes` `=` $axes attr-dict "
                       "`:` type($operand) `->` type($result)";
}

def Jaxr_ReduceSumOp  : Jaxr_ReduceOp<"reduce_sum", "lax.reduce_sum over axes">;
def Jaxr_ReduceMaxOp  : Jaxr_ReduceOp<"reduce_max", "lax.reduce_max over axes">;
def Jaxr_ReduceMinOp  : Jaxr_ReduceOp<"reduce_min", "lax.reduce_min over axes">;
def Jaxr_ReduceProdOp : Jaxr_ReduceOp<"reduce_prod", "lax.reduce_prod over axes">;
def Jaxr_ReduceAndOp  : Jaxr_ReduceOp<"reduce_and", "lax.reduce_and over axes">;
def Jaxr_ReduceOrOp   : Jaxr_ReduceOp<"reduce_or", "lax.reduce_or over axes">;

class Jaxr_ArgReduceOp<string mnemonic, string doc> : Jaxr_Op<mnemonic> {
  let summary = doc;
  let arguments = (ins Jaxr_Tensor:$operand, I64Attr:$axis);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` `axis` `=` $axis attr-dict "
                       "`:` type($operand) `->` type($result)";
}

def Jaxr_ArgmaxOp : Jaxr_ArgReduceOp<"argmax",
    "lax.argmax: index of the first maximum (NaN counts as maximal)">;
def Jaxr_ArgminOp : Jaxr_ArgReduceOp<"argmin",
    "lax.argmin: index of the first minimum (NaN counts as minimal)">;

//===----------------------------------------------------------------------===//
// Contraction
//===----------------------------------------------------------------------===//

def Jaxr_DotGeneralOp : Jaxr_Op<"dot_general"> {
  let summary = "lax.dot_general: batch dims, then lhs free, then rhs free dims";
  let arguments = (ins Jaxr_Tensor:$lhs, Jaxr_Tensor:$rhs,
                       DenseI64ArrayAttr:$lhs_contracting_dimensions,
                       DenseI64ArrayAttr:$rhs_contracting_dimensions,
                       DenseI64ArrayAttr:$lhs_batch_dimensions,
                       DenseI64ArrayAttr:$rhs_batch_dimensions);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs `,` `contracting` `=` "
                       "$lhs_contracting_dimensions `x` $rhs_contracting_dimensions "
                       "`,` `batch` `=` $lhs_batch_dimensions `x` "
                       "$rhs_batch_dimensions attr-dict "
                       "`:` functional-type(operands, results)";
}

#endif // JAXR_OPS
