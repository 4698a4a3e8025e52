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

// `accepts` names the element types the operand may have (an `Accepts`
// variant in dialect/src/primitive.rs); build.rs generates the Rust
// `UnaryOp` enum from the records of Jaxr_ElementwiseUnary.
class Jaxr_ElementwiseUnary<string mnemonic, string doc, list<Trait> traits = []>
    : Jaxr_Op<mnemonic, !listconcat([Elementwise], traits)> {
  string accepts = "Float";
  let summary = doc;
  let arguments = (ins Jaxr_Tensor:$operand);
  let results = (outs Jaxr_Tensor:$result);
}

// Most unary ops keep their operand's type.
class Jaxr_UnaryOp<string mnemonic, string doc, list<Trait> traits = []>
    : Jaxr_ElementwiseUnary<mnemonic, doc,
                            !listconcat([SameOperandsAndResultType], traits)> {
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

// A part of a complex value: complex<f32> -> f32, complex<f64> -> f64.
class Jaxr_ComplexPartOp<string mnemonic, string doc>
    : Jaxr_ElementwiseUnary<mnemonic, doc> {
  let accepts = "Complex";
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
}

def Jaxr_NegOp      : Jaxr_UnaryOp<"neg", "lax.neg: -x"> {
  let accepts = "SignedFloatOrComplex";
  let counterpart = "stablehlo.negate";
}
// |x|: of a complex value, its (real) modulus.
def Jaxr_AbsOp      : Jaxr_ElementwiseUnary<"abs", "lax.abs: |x|"> {
  let accepts = "SignedFloatOrComplex";
  let counterpart = "stablehlo.abs";
  let assemblyFormat =
      "$operand attr-dict `:` custom<OperandAndResultType>(type($operand), type($result))";
}
def Jaxr_SignOp     : Jaxr_UnaryOp<"sign", "lax.sign: -1, 0 or 1 (NaN stays NaN)"> {
  let accepts = "SignedFloatOrComplex";
  let counterpart = "stablehlo.sign";
}
def Jaxr_FloorOp    : Jaxr_UnaryOp<"floor", "lax.floor"> {
  let counterpart = "stablehlo.floor";
}
def Jaxr_CeilOp     : Jaxr_UnaryOp<"ceil", "lax.ceil"> {
  let counterpart = "stablehlo.ceil";
}
def Jaxr_ExpOp      : Jaxr_UnaryOp<"exp", "lax.exp: e^x"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.exponential";
}
def Jaxr_Exp2Op     : Jaxr_UnaryOp<"exp2", "lax.exp2: 2^x">;
def Jaxr_LogOp      : Jaxr_UnaryOp<"log", "lax.log: natural logarithm"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.log";
}
def Jaxr_Log1pOp    : Jaxr_UnaryOp<"log1p", "lax.log1p: log(1 + x)"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.log_plus_one";
}
def Jaxr_Expm1Op    : Jaxr_UnaryOp<"expm1", "lax.expm1: e^x - 1"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.exponential_minus_one";
}
def Jaxr_SqrtOp     : Jaxr_UnaryOp<"sqrt", "lax.sqrt"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.sqrt";
}
def Jaxr_RsqrtOp    : Jaxr_UnaryOp<"rsqrt", "lax.rsqrt: 1 / sqrt(x)"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.rsqrt";
}
def Jaxr_CbrtOp     : Jaxr_UnaryOp<"cbrt", "lax.cbrt: cube root"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.cbrt";
}
def Jaxr_SinOp      : Jaxr_UnaryOp<"sin", "lax.sin"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.sine";
}
def Jaxr_CosOp      : Jaxr_UnaryOp<"cos", "lax.cos"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.cosine";
}
def Jaxr_TanOp      : Jaxr_UnaryOp<"tan", "lax.tan"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.tan";
}
def Jaxr_AtanOp     : Jaxr_UnaryOp<"atan", "lax.atan: arctangent"> {
  let counterpart = "chlo.atan";
}
def Jaxr_TanhOp     : Jaxr_UnaryOp<"tanh", "lax.tanh"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.tanh";
}
def Jaxr_LogisticOp : Jaxr_UnaryOp<"logistic", "lax.logistic: 1 / (1 + e^-x)"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.logistic";
}
def Jaxr_NotOp      : Jaxr_UnaryOp<"not", "lax.bitwise_not (logical not on i1)"> {
  let accepts = "IntOrBool";
  let counterpart = "stablehlo.not";
}
def Jaxr_SquareOp   : Jaxr_UnaryOp<"square", "lax.square: x * x"> {
  let accepts = "NumericOrComplex";
}
def Jaxr_PopulationCountOp
    : Jaxr_UnaryOp<"population_count", "lax.population_count: set bits"> {
  let accepts = "Int";
  let counterpart = "stablehlo.popcnt";
}
def Jaxr_ClzOp      : Jaxr_UnaryOp<"clz", "lax.clz: count leading zeros"> {
  let accepts = "Int";
  let counterpart = "stablehlo.count_leading_zeros";
}
def Jaxr_ErfOp      : Jaxr_UnaryOp<"erf", "lax.erf: the error function"> {
  let counterpart = "chlo.erf";
}
def Jaxr_ErfcOp     : Jaxr_UnaryOp<"erfc", "lax.erfc: 1 - erf(x)"> {
  let counterpart = "chlo.erfc";
}
def Jaxr_ErfInvOp   : Jaxr_UnaryOp<"erf_inv", "lax.erf_inv: the inverse of erf on (-1, 1)"> {
  let counterpart = "chlo.erf_inv";
}

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
  let counterpart = "stablehlo.is_finite";
  let summary = "lax.is_finite: true where x is neither infinite nor NaN";
  let arguments = (ins Jaxr_Tensor:$operand);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Elementwise binary: operands and result share one type
//===----------------------------------------------------------------------===//

// As for unary ops, `accepts` is the operands' element types; build.rs
// generates the Rust `BinaryOp` enum from these records.
class Jaxr_ElementwiseBinary<string mnemonic, string doc, list<Trait> traits = []>
    : Jaxr_Op<mnemonic, !listconcat([Elementwise], traits)> {
  string accepts = "Numeric";
  let summary = doc;
  let arguments = (ins Jaxr_Tensor:$lhs, Jaxr_Tensor:$rhs);
  let results = (outs Jaxr_Tensor:$result);
}

// Most binary ops: operands and result share one type.
class Jaxr_BinaryOp<string mnemonic, string doc, list<Trait> traits = []>
    : Jaxr_ElementwiseBinary<mnemonic, doc,
                             !listconcat([SameOperandsAndResultType], traits)> {
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def Jaxr_AddOp   : Jaxr_BinaryOp<"add", "lax.add", [Commutative]> {
  let accepts = "NumericOrComplex";
  let counterpart = "stablehlo.add";
}
def Jaxr_SubOp   : Jaxr_BinaryOp<"sub", "lax.sub"> {
  let accepts = "NumericOrComplex";
  let counterpart = "stablehlo.subtract";
}
def Jaxr_MulOp   : Jaxr_BinaryOp<"mul", "lax.mul", [Commutative]> {
  let accepts = "NumericOrComplex";
  let counterpart = "stablehlo.multiply";
}
def Jaxr_DivOp   : Jaxr_BinaryOp<"div", "lax.div (integer division rounds toward zero)"> {
  let accepts = "NumericOrComplex";
  let counterpart = "stablehlo.divide";
}
def Jaxr_RemOp   : Jaxr_BinaryOp<"rem", "lax.rem: remainder with the sign of the dividend"> {
  let counterpart = "stablehlo.remainder";
}
def Jaxr_PowOp   : Jaxr_BinaryOp<"pow", "lax.pow: x^y"> {
  let accepts = "NumericOrComplex";
  let counterpart = "stablehlo.power";
}
def Jaxr_MaxOp   : Jaxr_BinaryOp<"max", "lax.max (NaN-propagating)", [Commutative]> {
  let accepts = "Any";
  let counterpart = "stablehlo.maximum";
}
def Jaxr_MinOp   : Jaxr_BinaryOp<"min", "lax.min (NaN-propagating)", [Commutative]> {
  let accepts = "Any";
  let counterpart = "stablehlo.minimum";
}
def Jaxr_Atan2Op : Jaxr_BinaryOp<"atan2", "lax.atan2(y, x)"> {
  let accepts = "FloatOrComplex";
  let counterpart = "stablehlo.atan2";
}
def Jaxr_AndOp   : Jaxr_BinaryOp<"and", "lax.bitwise_and", [Commutative]> {
  let accepts = "IntOrBool";
  let counterpart = "stablehlo.and";
}
def Jaxr_OrOp    : Jaxr_BinaryOp<"or", "lax.bitwise_or", [Commutative]> {
  let accepts = "IntOrBool";
  let counterpart = "stablehlo.or";
}
def Jaxr_XorOp   : Jaxr_BinaryOp<"xor", "lax.bitwise_xor", [Commutative]> {
  let accepts = "IntOrBool";
  let counterpart = "stablehlo.xor";
}
def Jaxr_ShiftLeftOp : Jaxr_BinaryOp<"shift_left", "lax.shift_left"> {
  let accepts = "Int";
  let counterpart = "stablehlo.shift_left";
}
def Jaxr_ShiftRightLogicalOp
    : Jaxr_BinaryOp<"shift_right_logical", "lax.shift_right_logical"> {
  let accepts = "Int";
  let counterpart = "stablehlo.shift_right_logical";
}
def Jaxr_ShiftRightArithmeticOp
    : Jaxr_BinaryOp<"shift_right_arithmetic", "lax.shift_right_arithmetic"> {
  let accepts = "Int";
  let counterpart = "stablehlo.shift_right_arithmetic";
}

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
  let counterpart = "stablehlo.clamp";
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
                       DenseI64ArrayAttr:$rhs_batch_dimensions,
                       // lax.Precision of lhs and rhs (0 DEFAULT, 1 HIGH,
                       // 2 HIGHEST); absent means DEFAULT for both.
                       OptionalAttr<DenseI64ArrayAttr>:$precision,
                       // #stablehlo.dot_algorithm<...>, when one is named.
                       OptionalAttr<AnyAttr>:$algorithm);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs `,` `contracting` `=` "
                       "$lhs_contracting_dimensions `x` $rhs_contracting_dimensions "
                       "`,` `batch` `=` $lhs_batch_dimensions `x` "
                       "$rhs_batch_dimensions attr-dict "
                       "`:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Indexing: gather and scatter (StableHLO's dimension numbers)
//===----------------------------------------------------------------------===//

def Jaxr_GatherOp : Jaxr_Op<"gather"> {
  let summary = "lax.gather: slices of the operand at runtime start indices (clamped)";
  let arguments = (ins Jaxr_Tensor:$operand, Jaxr_Tensor:$start_indices,
                       DenseI64ArrayAttr:$offset_dims,
                       DenseI64ArrayAttr:$collapsed_slice_dims,
                       DenseI64ArrayAttr:$operand_batching_dims,
                       DenseI64ArrayAttr:$start_indices_batching_dims,
                       DenseI64ArrayAttr:$start_index_map,
                       I64Attr:$index_vector_dim,
                       DenseI64ArrayAttr:$slice_sizes,
                       BoolAttr:$indices_are_sorted);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `[` $start_indices `]` `offset_dims` `=` $offset_dims "
                       "`,` `collapsed_slice_dims` `=` $collapsed_slice_dims "
                       "`,` `operand_batching_dims` `=` $operand_batching_dims "
                       "`,` `start_indices_batching_dims` `=` $start_indices_batching_dims "
                       "`,` `start_index_map` `=` $start_index_map "
                       "`,` `index_vector_dim` `=` $index_vector_dim "
                       "`,` `slice_sizes` `=` $slice_sizes "
                       "`,` `indices_are_sorted` `=` $indices_are_sorted attr-dict "
                       "`:` functional-type(operands, results)";
}

class Jaxr_ScatterOp<string mnemonic, string doc> : Jaxr_Op<mnemonic> {
  let summary = doc;
  let arguments = (ins Jaxr_Tensor:$operand, Jaxr_Tensor:$scatter_indices,
                       Jaxr_Tensor:$updates,
                       DenseI64ArrayAttr:$update_window_dims,
                       DenseI64ArrayAttr:$inserted_window_dims,
                       DenseI64ArrayAttr:$input_batching_dims,
                       DenseI64ArrayAttr:$scatter_indices_batching_dims,
                       DenseI64ArrayAttr:$scatter_dims_to_operand_dims,
                       I64Attr:$index_vector_dim,
                       BoolAttr:$indices_are_sorted,
                       BoolAttr:$unique_indices);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `[` $scatter_indices `]` `,` $updates "
                       "`update_window_dims` `=` $update_window_dims "
                       "`,` `inserted_window_dims` `=` $inserted_window_dims "
                       "`,` `input_batching_dims` `=` $input_batching_dims "
                       "`,` `scatter_indices_batching_dims` `=` $scatter_indices_batching_dims "
                       "`,` `scatter_dims_to_operand_dims` `=` $scatter_dims_to_operand_dims "
                       "`,` `index_vector_dim` `=` $index_vector_dim "
                       "`,` `indices_are_sorted` `=` $indices_are_sorted "
                       "`,` `unique_indices` `=` $unique_indices attr-dict "
                       "`:` functional-type(operands, results)";
}

def Jaxr_ScatterReplaceOp : Jaxr_ScatterOp<"scatter",
    "lax.scatter: updates replace the operand's elements (out-of-range windows are skipped)">;
def Jaxr_ScatterAddOp : Jaxr_ScatterOp<"scatter_add",
    "lax.scatter_add: updates are added (out-of-range windows are skipped)">;
def Jaxr_ScatterMulOp : Jaxr_ScatterOp<"scatter_mul",
    "lax.scatter_mul: updates are multiplied in (out-of-range windows are skipped)">;
def Jaxr_ScatterMinOp : Jaxr_ScatterOp<"scatter_min",
    "lax.scatter_min: the minimum with the updates (out-of-range windows are skipped)">;
def Jaxr_ScatterMaxOp : Jaxr_ScatterOp<"scatter_max",
    "lax.scatter_max: the maximum with the updates (out-of-range windows are skipped)">;

//===----------------------------------------------------------------------===//
// Convolution and windowed reductions
//===----------------------------------------------------------------------===//

def Jaxr_ConvGeneralDilatedOp : Jaxr_Op<"conv_general_dilated"> {
  let summary = "lax.conv_general_dilated: strided, padded, dilated, grouped convolution";
  let description = [{
    `padding` holds (low, high) per spatial dimension, flattened. The
    dimension numbers are lax's ConvDimensionNumbers: `lhs_spec` is (batch,
    feature, spatial...), `rhs_spec` is (output feature, input feature,
    spatial...), `out_spec` is (batch, feature, spatial...), each a dimension
    index of the operand or result. The result element type is lax's
    preferred_element_type.
  }];
  let arguments = (ins Jaxr_Tensor:$lhs, Jaxr_Tensor:$rhs,
                       DenseI64ArrayAttr:$window_strides,
                       DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$lhs_dilation,
                       DenseI64ArrayAttr:$rhs_dilation,
                       DenseI64ArrayAttr:$lhs_spec,
                       DenseI64ArrayAttr:$rhs_spec,
                       DenseI64ArrayAttr:$out_spec,
                       I64Attr:$feature_group_count,
                       I64Attr:$batch_group_count);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs `,` `window_strides` `=` $window_strides "
                       "`,` `padding` `=` $padding "
                       "`,` `lhs_dilation` `=` $lhs_dilation "
                       "`,` `rhs_dilation` `=` $rhs_dilation "
                       "`,` `dimension_numbers` `=` $lhs_spec `x` $rhs_spec `->` $out_spec "
                       "`,` `feature_group_count` `=` $feature_group_count "
                       "`,` `batch_group_count` `=` $batch_group_count attr-dict "
                       "`:` functional-type(operands, results)";
}

class Jaxr_WindowReductionOp<string mnemonic, string doc> : Jaxr_Op<mnemonic> {
  let summary = doc;
  let description = [{
    `padding` holds (low, high) per dimension, flattened; padded positions
    hold the reduction's identity.
  }];
  let arguments = (ins Jaxr_Tensor:$operand,
                       DenseI64ArrayAttr:$window_dimensions,
                       DenseI64ArrayAttr:$window_strides,
                       DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$base_dilation,
                       DenseI64ArrayAttr:$window_dilation);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` `window` `=` $window_dimensions "
                       "`,` `strides` `=` $window_strides "
                       "`,` `padding` `=` $padding "
                       "`,` `base_dilation` `=` $base_dilation "
                       "`,` `window_dilation` `=` $window_dilation attr-dict "
                       "`:` type($operand) `->` type($result)";
}

def Jaxr_ReduceWindowSumOp : Jaxr_WindowReductionOp<"reduce_window_sum",
    "lax.reduce_window_sum: sums over sliding windows">;
def Jaxr_ReduceWindowMaxOp : Jaxr_WindowReductionOp<"reduce_window_max",
    "lax.reduce_window_max: maxima over sliding windows (NaN-propagating)">;
def Jaxr_ReduceWindowMinOp : Jaxr_WindowReductionOp<"reduce_window_min",
    "lax.reduce_window_min: minima over sliding windows (NaN-propagating)">;

//===----------------------------------------------------------------------===//
// Sorting
//===----------------------------------------------------------------------===//

def Jaxr_SortOp : Jaxr_Op<"sort", [
    DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let summary = "lax.sort: sorts operands along a dimension by their first num_keys operands";
  let description = [{
    The keys compare lexicographically in a total order: for floats,
    -NaN < -inf < ... < -0.0 = 0.0 < ... < inf < NaN (every NaN is
    canonicalized to +NaN first, as JAX does, and -0.0 equals 0.0).
    `descending` reverses that order (lax expresses descending sorts as
    rev(sort(x)); the flag lets a descending StableHLO sort be raised
    exactly). `is_stable` keeps equal keys in their input order.
  }];
  let arguments = (ins Variadic<Jaxr_Tensor>:$operands, I64Attr:$dimension,
                       I64Attr:$num_keys, BoolAttr:$is_stable,
                       BoolAttr:$descending);
  let results = (outs Variadic<Jaxr_Tensor>:$results);
  let assemblyFormat = "$operands `dim` `=` $dimension `,` `num_keys` `=` $num_keys "
                       "`,` `is_stable` `=` $is_stable `,` `descending` `=` $descending "
                       "attr-dict `:` type($operands)";
  let extraClassDefinition = !strconcat([{
    ::llvm::LogicalResult $cppClass::verify() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }],
      Jaxr_ResultsAreOperandTypes.definition);
}

def Jaxr_RngBitGeneratorOp : Jaxr_Op<"rng_bit_generator"> {
  let summary = "lax.rng_bit_generator: random bits of the result's type from "
                "a state, and the next state";
  let counterpart = "stablehlo.rng_bit_generator";
  let arguments = (ins Jaxr_Tensor:$initial_state, Jaxr_RngAlgorithm:$algorithm);
  let results = (outs Jaxr_Tensor:$output_state, Jaxr_Tensor:$output);
  let assemblyFormat = "$algorithm $initial_state attr-dict `:` type($initial_state) "
                       "`->` type($output_state) `,` type($output)";
}

def Jaxr_OptimizationBarrierOp : Jaxr_Op<"optimization_barrier"> {
  let summary = "lax.optimization_barrier: the operands, unchanged; no "
                "computation moves across it";
  let counterpart = "stablehlo.optimization_barrier";
  let arguments = (ins Variadic<Jaxr_Tensor>:$operands);
  let results = (outs Variadic<Jaxr_Tensor>:$results);
  let assemblyFormat = "$operands attr-dict `:` functional-type($operands, $results)";
}

def Jaxr_TopKOp : Jaxr_Op<"top_k"> {
  let summary = "lax.top_k: the k largest elements along an axis and their indices";
  let description = [{
    In descending order of the total order of lax.sort (NaN is largest);
    equal values keep their index order. Indices are i32.
  }];
  let arguments = (ins Jaxr_Tensor:$operand, I64Attr:$k, I64Attr:$axis);
  let results = (outs Jaxr_Tensor:$values, Jaxr_Tensor:$indices);
  let assemblyFormat = "$operand `,` `k` `=` $k `,` `axis` `=` $axis attr-dict "
                       "`:` type($operand) `->` type($values) `,` type($indices)";
}

//===----------------------------------------------------------------------===//
// Ops with regions: control flow and the generic windowed reduction
//===----------------------------------------------------------------------===//

def Jaxr_WhileOp : Jaxr_RegionOp<"while", [
    DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let summary = "lax.while_loop: iterate body while cond holds";
  let description = [{
    Both regions take the carried values as block arguments; `cond` yields a
    tensor<i1>, `body` yields the next carried values. The results are the
    carried values once `cond` is false.
  }];
  let arguments = (ins Variadic<Jaxr_Tensor>:$carried);
  let results = (outs Variadic<Jaxr_Tensor>:$results);
  let regions = (region SizedRegion<1>:$cond, SizedRegion<1>:$body);
  let assemblyFormat = "`(` $carried `)` attr-dict `:` type($carried) "
                       "`cond` $cond `body` $body";
  let extraClassDefinition = !strconcat([{
    ::llvm::LogicalResult $cppClass::verifyRegions() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }],
      Jaxr_ResultsAreOperandTypes.definition);
}

def Jaxr_CondOp : Jaxr_RegionOp<"cond"> {
  let summary = "lax.cond / lax.switch: run the branch the index selects";
  let description = [{
    An i32 index selects branch `index` (an index out of range selects the
    last branch, as stablehlo.case does); an i1 predicate selects branch 1
    when true and branch 0 when false (lax.cond's order). Branches take no
    arguments, use values of the enclosing scope, and yield the results.
  }];
  let arguments = (ins Jaxr_Tensor:$index);
  let results = (outs Variadic<Jaxr_Tensor>:$results);
  let regions = (region VariadicRegion<SizedRegion<1>>:$branches);
  let assemblyFormat = "$index attr-dict `:` type($index) `->` `(` type($results) `)` $branches";
}

def Jaxr_ReduceWindowGenericOp : Jaxr_RegionOp<"reduce_window", [
    SameVariadicOperandSize]> {
  let summary = "lax.reduce_window: windowed reduction with a body computation";
  let description = [{
    N operands with N scalar init values; the body takes (accumulators...,
    elements...) as 2N scalar tensors and yields N. Every window is combined
    starting from the init values, which should be identities of the body:
    where a window overlaps padding, StableHLO's spec fills the padding with
    the init values while XLA skips it, so only identities give one answer.
  }];
  let arguments = (ins Variadic<Jaxr_Tensor>:$inputs,
                       Variadic<Jaxr_Tensor>:$init_values,
                       DenseI64ArrayAttr:$window_dimensions,
                       DenseI64ArrayAttr:$window_strides,
                       DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$base_dilation,
                       DenseI64ArrayAttr:$window_dilation);
  let results = (outs Variadic<Jaxr_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "`(` $inputs `)` `init` `(` $init_values `)` "
                       "`window` `=` $window_dimensions "
                       "`,` `strides` `=` $window_strides "
                       "`,` `padding` `=` $padding "
                       "`,` `base_dilation` `=` $base_dilation "
                       "`,` `window_dilation` `=` $window_dilation attr-dict "
                       "`:` functional-type(operands, results) $body";
}

def Jaxr_YieldOp : Op<Jaxr_Dialect, "yield", [Pure, Terminator, ReturnLike,
    ParentOneOf<["WhileOp", "CondOp", "ReduceWindowGenericOp"]>]> {
  let summary = "ends a region of jaxr.while, jaxr.cond or jaxr.reduce_window";
  let description = [{
    The enclosing op checks the yielded types (jaxr.while: tensor<i1> from
    `cond`, the carried types from `body`; jaxr.cond: the result types;
    jaxr.reduce_window: the init value types).
  }];
  let arguments = (ins Variadic<Jaxr_Tensor>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
}

//===----------------------------------------------------------------------===//
// Random numbers: JAX's threefry2x32 PRNG (jax.random with the default
// threefry_partitionable implementation). A key is tensor<2xui32>, as
// jax.random.key_data gives it. These ops expand into jaxr primitives
// (jaxr-expand-random, in transforms/; run before convert-jaxr-to-stablehlo,
// which refuses them) computing the same bits as JAX on every backend.
//===----------------------------------------------------------------------===//

def Jaxr_Threefry2x32Op : Jaxr_Op<"threefry2x32"> {
  let summary = "the Threefry-2x32 block cipher (20 rounds) of counters x under key (k0, k1)";
  let description = [{
    k0 and k1 are ui32 scalars or have x's shape; x0 and x1 are ui32 of one
    shape; the results have that shape (jax's threefry2x32_p).
  }];
  let arguments = (ins Jaxr_Tensor:$k0, Jaxr_Tensor:$k1, Jaxr_Tensor:$x0, Jaxr_Tensor:$x1);
  let results = (outs Jaxr_Tensor:$y0, Jaxr_Tensor:$y1);
  let assemblyFormat = "$k0 `,` $k1 `,` $x0 `,` $x1 attr-dict `:` functional-type(operands, results)";
}

def Jaxr_RandomSeedOp : Jaxr_Op<"random_seed"> {
  let summary = "jax.random.key(seed) as key data: [seed >> 32, seed & 0xFFFFFFFF] (ui32)";
  let arguments = (ins Jaxr_Tensor:$seed);
  let results = (outs Jaxr_Tensor:$key);
  let assemblyFormat = "$seed attr-dict `:` type($seed) `->` type($key)";
}

def Jaxr_RandomSplitOp : Jaxr_Op<"random_split"> {
  let summary = "jax.random.split(key, n): n new keys, tensor<nx2xui32>";
  let arguments = (ins Jaxr_Tensor:$key);
  let results = (outs Jaxr_Tensor:$keys);
  let assemblyFormat = "$key attr-dict `:` type($key) `->` type($keys)";
}

def Jaxr_RandomFoldInOp : Jaxr_Op<"random_fold_in"> {
  let summary = "jax.random.fold_in(key, data): a new key from a key and an integer scalar";
  let arguments = (ins Jaxr_Tensor:$key, Jaxr_Tensor:$data);
  let results = (outs Jaxr_Tensor:$new_key);
  let assemblyFormat = "$key `,` $data attr-dict `:` functional-type(operands, results)";
}

def Jaxr_RandomBitsOp : Jaxr_Op<"random_bits"> {
  let summary = "jax.random.bits(key, shape): uniformly random ui32 words of the result's shape";
  let arguments = (ins Jaxr_Tensor:$key);
  let results = (outs Jaxr_Tensor:$bits);
  let assemblyFormat = "$key attr-dict `:` type($key) `->` type($bits)";
}

def Jaxr_RandomUniformOp : Jaxr_Op<"random_uniform"> {
  let summary = "jax.random.uniform(key, shape, dtype, minval, maxval) (minval, maxval: scalars)";
  let arguments = (ins Jaxr_Tensor:$key, Jaxr_Tensor:$minval, Jaxr_Tensor:$maxval);
  let results = (outs Jaxr_Tensor:$values);
  let assemblyFormat = "$key `,` $minval `,` $maxval attr-dict `:` functional-type(operands, results)";
}

def Jaxr_RandomRandintOp : Jaxr_Op<"random_randint"> {
  let summary = "jax.random.randint(key, shape, minval, maxval, dtype): integers in [minval, maxval)";
  let arguments = (ins Jaxr_Tensor:$key, Jaxr_Tensor:$minval, Jaxr_Tensor:$maxval);
  let results = (outs Jaxr_Tensor:$values);
  let assemblyFormat = "$key `,` $minval `,` $maxval attr-dict `:` functional-type(operands, results)";
}

def Jaxr_RandomNormalOp : Jaxr_Op<"random_normal"> {
  let summary = "jax.random.normal(key, shape, dtype): standard normal samples";
  let arguments = (ins Jaxr_Tensor:$key);
  let results = (outs Jaxr_Tensor:$values);
  let assemblyFormat = "$key attr-dict `:` type($key) `->` type($values)";
}

//===----------------------------------------------------------------------===//
// Transformations of functions (expanded by the jaxr-autodiff pass)
//===----------------------------------------------------------------------===//

// A JAX transformation applied to a function, named by symbol. `argnums` are
// the positions (sorted, distinct) of the differentiated arguments. The
// signature each transformation must have is checked in Rust
// (dialect/src/transform.rs) against the callee once symbols resolve.
class Jaxr_TransformOp<string mnemonic, string doc>
    : Op<Jaxr_Dialect, mnemonic, [Pure,
        DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = doc;
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<Jaxr_Tensor>:$operands,
                       DenseI64ArrayAttr:$argnums,
                       UnitAttr:$has_aux,
                       UnitAttr:$holomorphic);
  let results = (outs Variadic<Jaxr_Tensor>:$results);
  let assemblyFormat =
      "$callee `(` $operands `)` attr-dict `:` functional-type($operands, results)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verifySymbolUses(
        ::mlir::SymbolTableCollection &) {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }];
}

def Jaxr_VmapOp : Op<Jaxr_Dialect, "vmap", [Pure,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "jax.vmap: the callee mapped over a batch dimension of some arguments";
  let description = [{
    `in_axes` gives, per argument, the dimension of the operand that is the
    batch (-1: not batched; the argument is shared by every example);
    `out_axes`, per result, where the batch dimension goes. The batch size is
    the size of the batched operands' batch dimension (all equal).
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<Jaxr_Tensor>:$operands,
                       DenseI64ArrayAttr:$in_axes,
                       DenseI64ArrayAttr:$out_axes);
  let results = (outs Variadic<Jaxr_Tensor>:$results);
  let assemblyFormat =
      "$callee `(` $operands `)` attr-dict `:` functional-type($operands, results)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verifySymbolUses(
        ::mlir::SymbolTableCollection &) {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }];
}

def Jaxr_JvpOp : Jaxr_TransformOp<"jvp",
    "jax.jvp: (primals..., tangents of argnums...) -> (results..., result tangents...)">;
def Jaxr_VjpOp : Jaxr_TransformOp<"vjp",
    "jax.vjp: (primals..., one cotangent per result...) -> cotangents of argnums">;
def Jaxr_GradOp : Jaxr_TransformOp<"grad",
    "jax.grad: (args...) -> gradients of argnums (then aux with has_aux)">;
def Jaxr_ValueAndGradOp : Jaxr_TransformOp<"value_and_grad",
    "jax.value_and_grad: (args...) -> (results..., gradients of argnums...)">;

//===----------------------------------------------------------------------===//
// Calls with differentiation rules
//===----------------------------------------------------------------------===//

// A call of `callee` that tells jaxr-autodiff how to differentiate it. Its
// value is the callee's; convert-jaxr-to-stablehlo lowers it to a func.call.
// The signatures are checked in Rust (dialect/src/call_rules.rs).
class Jaxr_RuleCallOp<string mnemonic, string doc, dag rule>
    : Op<Jaxr_Dialect, mnemonic, [Pure,
        DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = doc;
  let arguments = !con((ins FlatSymbolRefAttr:$callee,
                            Variadic<Jaxr_Tensor>:$operands), rule);
  let results = (outs Variadic<Jaxr_Tensor>:$results);
  let assemblyFormat =
      "$callee `(` $operands `)` attr-dict `:` functional-type($operands, results)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verifySymbolUses(
        ::mlir::SymbolTableCollection &) {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
  }];
}

def Jaxr_CheckpointOp : Jaxr_RuleCallOp<"checkpoint",
    "jax.checkpoint (remat): reverse mode recomputes what `policy` does not save",
    (ins DefaultValuedStrAttr<StrAttr, "nothing_saveable">:$policy)> {
  let description = [{
    `policy` is one of JAX's: `nothing_saveable` (the default: only the
    arguments are kept; the derivative recomputes the callee),
    `dots_saveable` (alias `checkpoint_dots`: dot_general and convolution
    results are kept too), `dots_with_no_batch_dims_saveable` (alias
    `checkpoint_dots_with_no_batch_dims`: dot_generals without batch
    dimensions), `everything_saveable` (a plain call).
  }];
}

def Jaxr_CustomJvpOp : Jaxr_RuleCallOp<"custom_jvp",
    "jax.custom_jvp: the callee, differentiated by the rule `jvp`",
    (ins FlatSymbolRefAttr:$jvp)> {
  let description = [{
    `jvp` takes the arguments, then one tangent per argument (of its type),
    and returns the results, then one tangent per result. Reverse mode
    transposes the rule's tangents, which must be linear in the tangents.
  }];
}

def Jaxr_CustomVjpOp : Jaxr_RuleCallOp<"custom_vjp",
    "jax.custom_vjp: the callee, differentiated in reverse mode by `fwd` and `bwd`",
    (ins FlatSymbolRefAttr:$fwd, FlatSymbolRefAttr:$bwd)> {
  let description = [{
    `fwd` takes the arguments and returns the results, then residuals;
    `bwd` takes the residuals, then one cotangent per result, and returns
    one cotangent per argument. Forward mode is refused, as in JAX.
  }];
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

def Jaxr_TriangularSolveOp : Jaxr_Op<"triangular_solve"> {
  let summary = "lax.linalg.triangular_solve: x with op(a) x = b (left_side) or x op(a) = b "
                "(transpose_a: 0 NO_TRANSPOSE, 1 TRANSPOSE, 2 ADJOINT)";
  let description = [{
    `a` is `[..., m, m]`, lower or upper triangular (the other triangle is
    not read; with `unit_diagonal` neither is the diagonal, taken as ones);
    `b` is `[..., m, n]` with `left_side` and `[..., n, m]` without, with
    the same batch dimensions and element type (float or complex). The
    result is like `b`.
  }];
  let arguments = (ins Jaxr_Tensor:$a, Jaxr_Tensor:$b, BoolAttr:$left_side,
                       BoolAttr:$lower, BoolAttr:$unit_diagonal,
                       I32Attr:$transpose_a);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$a `,` $b `,` `left_side` `=` $left_side `,` `lower` `=` $lower "
                       "`,` `unit_diagonal` `=` $unit_diagonal `,` `transpose_a` `=` $transpose_a "
                       "attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Fourier transforms
//===----------------------------------------------------------------------===//

def Jaxr_FftOp : Jaxr_Op<"fft"> {
  let summary = "lax.fft over the trailing dimensions (fft_type: 0 FFT, 1 IFFT, 2 RFFT, 3 IRFFT)";
  let arguments = (ins Jaxr_Tensor:$operand, I32Attr:$fft_type,
                       DenseI64ArrayAttr:$fft_length);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` `type` `=` $fft_type `,` `length` `=` $fft_length "
                       "attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Complex numbers
//===----------------------------------------------------------------------===//

def Jaxr_RealOp : Jaxr_ComplexPartOp<"real", "lax.real: the real part"> {
  let counterpart = "stablehlo.real";
}
def Jaxr_ImagOp : Jaxr_ComplexPartOp<"imag", "lax.imag: the imaginary part"> {
  let counterpart = "stablehlo.imag";
}
def Jaxr_ConjOp : Jaxr_UnaryOp<"conj", "lax.conj: the complex conjugate"> {
  let accepts = "Complex";
  let counterpart = "chlo.conj";
}
def Jaxr_ComplexOp : Jaxr_ElementwiseBinary<"complex",
    "lax.complex: lhs + i rhs (f32 -> complex<f32>, f64 -> complex<f64>)",
    [AllTypesMatch<["lhs", "rhs"]>]> {
  let accepts = "ComplexPart";
  let counterpart = "stablehlo.complex";
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Special functions
//===----------------------------------------------------------------------===//

// jax/_src/lax/special.py and lax.nextafter / lax.reduce_precision. igamma,
// igammac and bessel_i0e have no CHLO op (JAX lowers them to loops and
// polynomials of other ops), so they have no record here.

def Jaxr_LgammaOp     : Jaxr_UnaryOp<"lgamma", "lax.lgamma: log |Gamma(x)|"> {
  let counterpart = "chlo.lgamma";
}
def Jaxr_DigammaOp    : Jaxr_UnaryOp<"digamma", "lax.digamma: Gamma'(x) / Gamma(x)"> {
  let counterpart = "chlo.digamma";
}
def Jaxr_BesselI1eOp  : Jaxr_UnaryOp<"bessel_i1e",
    "lax.bessel_i1e: the exponentially scaled modified Bessel function e^-|x| I1(x)"> {
  let counterpart = "chlo.bessel_i1e";
}
def Jaxr_PolygammaOp  : Jaxr_BinaryOp<"polygamma",
    "lax.polygamma(n, x): the n-th derivative of digamma (NaN unless n is a natural number)"> {
  let accepts = "Float";
  let counterpart = "chlo.polygamma";
}
def Jaxr_ZetaOp       : Jaxr_BinaryOp<"zeta",
    "lax.zeta(x, q): the Hurwitz zeta function, the sum over k >= 0 of (q + k)^-x"> {
  let accepts = "Float";
  let counterpart = "chlo.zeta";
}
def Jaxr_NextafterOp  : Jaxr_BinaryOp<"nextafter",
    "lax.nextafter(x, y): the next value of the type after x in the direction of y"> {
  let accepts = "Float";
  let counterpart = "chlo.next_after";
}

// Rounds to the precision and range of a float format with the given bits
// (round to nearest even; overflow to infinity, values below the format's
// smallest normal to zero), keeping the element type. Not a rename: the
// attributes move to stablehlo.reduce_precision in lowering/src.
def Jaxr_ReducePrecisionOp : Jaxr_Op<"reduce_precision",
    [Elementwise, SameOperandsAndResultType]> {
  let summary = "lax.reduce_precision: rounds to a float format of exponent_bits and mantissa_bits";
  let arguments = (ins Jaxr_Tensor:$operand, I32Attr:$exponent_bits, I32Attr:$mantissa_bits);
  let results = (outs Jaxr_Tensor:$result);
  let assemblyFormat = "$operand `,` `exponent_bits` `=` $exponent_bits `,` `mantissa_bits` `=` "
                       "$mantissa_bits attr-dict `:` type($result)";
}

#endif // JAXR_OPS
