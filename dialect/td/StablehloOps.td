//===- StablehloOps.td - every op of the StableHLO specification ----------===//
//
// One def per op of the StableHLO specification (and the dialect's few ops
// outside it that exporters still write: broadcast, dot, einsum, the dynamic
// shape ops, ...). Traits say what upstream passes may do:
//   - Pure: no side effect; cse may merge and dce may erase it.
//   - no memory-effect trait (collectives, custom_call, infeed, outfeed, send,
//     recv, rng): unknown effects, so nothing merges, moves or erases it.
//   - RecursiveMemoryEffects: as pure as the ops in its regions.
//   - IsolatedFromAbove on computations (reduce bodies, comparators, ...):
//     they see only their block arguments, as XLA requires; control flow
//     (while, if, case) may use values of the enclosing scope.
//   - Elementwise: every operand and result has one shape (select and clamp
//     take scalar predicates or bounds, so they are not).
// Attribute kinds are builtin constraints where the spec fixes one; the
// dialect's own attribute values (#stablehlo<...>) are checked in Rust.
//
//===----------------------------------------------------------------------===//

#ifndef JAXR_STABLEHLO_OPS
#define JAXR_STABLEHLO_OPS

include "StablehloDialect.td"

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class Stablehlo_UnaryOp<string mnemonic, list<Trait> traits = []>
    : Stablehlo_Op<mnemonic, !listconcat([Pure, Elementwise], traits)> {
  let arguments = (ins Stablehlo_Tensor:$operand);
  let results = (outs Stablehlo_Tensor:$result);
}

// Transcendental ops carry an optional #stablehlo.result_accuracy.
class Stablehlo_UnaryAccuracyOp<string mnemonic>
    : Stablehlo_Op<mnemonic, [Pure, Elementwise]> {
  let arguments = (ins Stablehlo_Tensor:$operand,
                       OptionalAttr<AnyAttr>:$result_accuracy);
  let results = (outs Stablehlo_Tensor:$result);
}

class Stablehlo_BinaryOp<string mnemonic, list<Trait> traits = []>
    : Stablehlo_Op<mnemonic, !listconcat([Pure, Elementwise], traits)> {
  let arguments = (ins Stablehlo_Tensor:$lhs, Stablehlo_Tensor:$rhs);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_AbsOp : Stablehlo_UnaryOp<"abs">;
def Stablehlo_CbrtOp : Stablehlo_UnaryAccuracyOp<"cbrt">;
def Stablehlo_CeilOp : Stablehlo_UnaryOp<"ceil">;
def Stablehlo_ClzOp : Stablehlo_UnaryOp<"count_leading_zeros">;
def Stablehlo_CosineOp : Stablehlo_UnaryAccuracyOp<"cosine">;
def Stablehlo_ExpOp : Stablehlo_UnaryAccuracyOp<"exponential">;
def Stablehlo_Expm1Op : Stablehlo_UnaryAccuracyOp<"exponential_minus_one">;
def Stablehlo_FloorOp : Stablehlo_UnaryOp<"floor">;
def Stablehlo_ImagOp : Stablehlo_UnaryOp<"imag">;
def Stablehlo_IsFiniteOp : Stablehlo_Op<"is_finite", [Pure, Elementwise]> {
  let arguments = (ins Stablehlo_Tensor:$x);
  let results = (outs Stablehlo_Tensor:$y);
}
def Stablehlo_LogOp : Stablehlo_UnaryAccuracyOp<"log">;
def Stablehlo_Log1pOp : Stablehlo_UnaryAccuracyOp<"log_plus_one">;
def Stablehlo_LogisticOp : Stablehlo_UnaryAccuracyOp<"logistic">;
def Stablehlo_NegOp : Stablehlo_UnaryOp<"negate">;
def Stablehlo_NotOp : Stablehlo_UnaryOp<"not">;
def Stablehlo_PopcntOp : Stablehlo_UnaryOp<"popcnt">;
def Stablehlo_RealOp : Stablehlo_UnaryOp<"real">;
def Stablehlo_RoundAfzOp : Stablehlo_UnaryOp<"round_nearest_afz">;
def Stablehlo_RoundEvenOp : Stablehlo_UnaryOp<"round_nearest_even">;
def Stablehlo_RsqrtOp : Stablehlo_UnaryAccuracyOp<"rsqrt">;
def Stablehlo_SignOp : Stablehlo_UnaryOp<"sign">;
def Stablehlo_SineOp : Stablehlo_UnaryAccuracyOp<"sine">;
def Stablehlo_SqrtOp : Stablehlo_UnaryAccuracyOp<"sqrt">;
def Stablehlo_TanOp : Stablehlo_UnaryAccuracyOp<"tan">;
def Stablehlo_TanhOp : Stablehlo_UnaryAccuracyOp<"tanh">;
def Stablehlo_ConvertOp : Stablehlo_UnaryOp<"convert">;
def Stablehlo_UniformQuantizeOp : Stablehlo_UnaryOp<"uniform_quantize">;
def Stablehlo_UniformDequantizeOp : Stablehlo_UnaryOp<"uniform_dequantize">;
def Stablehlo_ReducePrecisionOp : Stablehlo_Op<"reduce_precision", [Pure, Elementwise]> {
  let arguments = (ins Stablehlo_Tensor:$operand, I32Attr:$exponent_bits,
                       I32Attr:$mantissa_bits);
  let results = (outs Stablehlo_Tensor:$output);
}

def Stablehlo_AddOp : Stablehlo_BinaryOp<"add", [Commutative]>;
def Stablehlo_AndOp : Stablehlo_BinaryOp<"and", [Commutative]>;
def Stablehlo_Atan2Op : Stablehlo_BinaryOp<"atan2">;
def Stablehlo_ComplexOp : Stablehlo_BinaryOp<"complex">;
def Stablehlo_DivOp : Stablehlo_BinaryOp<"divide">;
def Stablehlo_MaxOp : Stablehlo_BinaryOp<"maximum", [Commutative]>;
def Stablehlo_MinOp : Stablehlo_BinaryOp<"minimum", [Commutative]>;
def Stablehlo_MulOp : Stablehlo_BinaryOp<"multiply", [Commutative]>;
def Stablehlo_OrOp : Stablehlo_BinaryOp<"or", [Commutative]>;
def Stablehlo_PowOp : Stablehlo_BinaryOp<"power">;
def Stablehlo_RemOp : Stablehlo_BinaryOp<"remainder">;
def Stablehlo_ShiftLeftOp : Stablehlo_BinaryOp<"shift_left">;
def Stablehlo_ShiftRightArithmeticOp : Stablehlo_BinaryOp<"shift_right_arithmetic">;
def Stablehlo_ShiftRightLogicalOp : Stablehlo_BinaryOp<"shift_right_logical">;
def Stablehlo_SubtractOp : Stablehlo_BinaryOp<"subtract">;
def Stablehlo_XorOp : Stablehlo_BinaryOp<"xor", [Commutative]>;

def Stablehlo_CompareOp : Stablehlo_Op<"compare", [Pure, Elementwise]> {
  let arguments = (ins Stablehlo_Tensor:$lhs, Stablehlo_Tensor:$rhs,
                       AnyAttr:$comparison_direction,
                       OptionalAttr<AnyAttr>:$compare_type);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_SelectOp : Stablehlo_Op<"select", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$pred, Stablehlo_Tensor:$on_true,
                       Stablehlo_Tensor:$on_false);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_ClampOp : Stablehlo_Op<"clamp", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$min, Stablehlo_Tensor:$operand,
                       Stablehlo_Tensor:$max);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_MapOp : Stablehlo_RegionOp<"map", [RecursiveMemoryEffects,
    IsolatedFromAbove]> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$inputs,
                       DenseI64ArrayAttr:$dimensions);
  let results = (outs Stablehlo_Tensor:$result);
  let regions = (region SizedRegion<1>:$computation);
}

//===----------------------------------------------------------------------===//
// Constants and generators
//===----------------------------------------------------------------------===//

def Stablehlo_ConstantOp : Stablehlo_Op<"constant", [Pure, ConstantLike]> {
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Stablehlo_Tensor:$output);
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return ::jaxr::verifyWithShapeRules(getOperation());
    }
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor) { return getValue(); }
  }];
}

def Stablehlo_IotaOp : Stablehlo_Op<"iota", [Pure]> {
  let arguments = (ins I64Attr:$iota_dimension);
  let results = (outs Stablehlo_Tensor:$output);
}

def Stablehlo_DynamicIotaOp : Stablehlo_Op<"dynamic_iota", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$output_shape, I64Attr:$iota_dimension);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_RngOp : Stablehlo_Op<"rng"> {
  let arguments = (ins Stablehlo_Tensor:$a, Stablehlo_Tensor:$b,
                       Stablehlo_Tensor:$shape, AnyAttr:$rng_distribution);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_RngBitGeneratorOp : Stablehlo_Op<"rng_bit_generator", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$initial_state, AnyAttr:$rng_algorithm);
  let results = (outs Stablehlo_Tensor:$output_state, Stablehlo_Tensor:$output);
}

//===----------------------------------------------------------------------===//
// Shapes and layout
//===----------------------------------------------------------------------===//

def Stablehlo_BroadcastInDimOp : Stablehlo_Op<"broadcast_in_dim", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand,
                       DenseI64ArrayAttr:$broadcast_dimensions);
  let results = (outs Stablehlo_Tensor:$result);
}

// Outside the spec (broadcast_in_dim supersedes it); still parsed and run.
def Stablehlo_BroadcastOp : Stablehlo_Op<"broadcast", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand,
                       DenseI64ArrayAttr:$broadcast_sizes);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_DynamicBroadcastInDimOp
    : Stablehlo_Op<"dynamic_broadcast_in_dim", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand,
                       Stablehlo_Tensor:$output_dimensions,
                       DenseI64ArrayAttr:$broadcast_dimensions,
                       OptionalAttr<DenseI64ArrayAttr>:$known_expanding_dimensions,
                       OptionalAttr<DenseI64ArrayAttr>:$known_nonexpanding_dimensions);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_ReshapeOp : Stablehlo_Op<"reshape", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_DynamicReshapeOp : Stablehlo_Op<"dynamic_reshape", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$output_shape);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_TransposeOp : Stablehlo_Op<"transpose", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, DenseI64ArrayAttr:$permutation);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_ReverseOp : Stablehlo_Op<"reverse", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, DenseI64ArrayAttr:$dimensions);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_ConcatenateOp : Stablehlo_Op<"concatenate", [Pure]> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$inputs, I64Attr:$dimension);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_PadOp : Stablehlo_Op<"pad", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$padding_value,
                       DenseI64ArrayAttr:$edge_padding_low,
                       DenseI64ArrayAttr:$edge_padding_high,
                       DenseI64ArrayAttr:$interior_padding);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_DynamicPadOp : Stablehlo_Op<"dynamic_pad", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$padding_value,
                       Stablehlo_Tensor:$edge_padding_low,
                       Stablehlo_Tensor:$edge_padding_high,
                       Stablehlo_Tensor:$interior_padding);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_SliceOp : Stablehlo_Op<"slice", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand,
                       DenseI64ArrayAttr:$start_indices,
                       DenseI64ArrayAttr:$limit_indices,
                       DenseI64ArrayAttr:$strides);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_DynamicSliceOp : Stablehlo_Op<"dynamic_slice", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand,
                       Variadic<Stablehlo_Tensor>:$start_indices,
                       DenseI64ArrayAttr:$slice_sizes);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_RealDynamicSliceOp : Stablehlo_Op<"real_dynamic_slice", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$start_indices,
                       Stablehlo_Tensor:$limit_indices, Stablehlo_Tensor:$strides);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_DynamicUpdateSliceOp : Stablehlo_Op<"dynamic_update_slice", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$update,
                       Variadic<Stablehlo_Tensor>:$start_indices);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_GetDimensionSizeOp : Stablehlo_Op<"get_dimension_size", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, I64Attr:$dimension);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_SetDimensionSizeOp : Stablehlo_Op<"set_dimension_size", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$size,
                       I64Attr:$dimension);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_BitcastConvertOp : Stablehlo_Op<"bitcast_convert", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand);
  let results = (outs Stablehlo_Tensor:$result);
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

def Stablehlo_GatherOp : Stablehlo_Op<"gather", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$start_indices,
                       AnyAttr:$dimension_numbers,
                       DenseI64ArrayAttr:$slice_sizes,
                       OptionalAttr<BoolAttr>:$indices_are_sorted);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_DynamicGatherOp : Stablehlo_Op<"dynamic_gather", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$start_indices,
                       Stablehlo_Tensor:$slice_sizes,
                       AnyAttr:$dimension_numbers,
                       OptionalAttr<BoolAttr>:$indices_are_sorted);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_ScatterOp : Stablehlo_RegionOp<"scatter", [RecursiveMemoryEffects,
    SameVariadicOperandSize, IsolatedFromAbove]> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$inputs,
                       Stablehlo_Tensor:$scatter_indices,
                       Variadic<Stablehlo_Tensor>:$updates,
                       AnyAttr:$scatter_dimension_numbers,
                       OptionalAttr<BoolAttr>:$indices_are_sorted,
                       OptionalAttr<BoolAttr>:$unique_indices);
  let results = (outs Variadic<Stablehlo_Tensor>:$results);
  let regions = (region SizedRegion<1>:$update_computation);
}

def Stablehlo_TorchIndexSelectOp : Stablehlo_Op<"torch_index_select", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$index,
                       I64Attr:$dim, I64Attr:$batch_dims);
  let results = (outs Stablehlo_Tensor:$result);
}

//===----------------------------------------------------------------------===//
// Reductions, windows, sorting
//===----------------------------------------------------------------------===//

def Stablehlo_ReduceOp : Stablehlo_RegionOp<"reduce", [RecursiveMemoryEffects,
    SameVariadicOperandSize, IsolatedFromAbove]> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$inputs,
                       Variadic<Stablehlo_Tensor>:$init_values,
                       DenseI64ArrayAttr:$dimensions);
  let results = (outs Variadic<Stablehlo_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
}

def Stablehlo_ReduceWindowOp : Stablehlo_RegionOp<"reduce_window", [
    RecursiveMemoryEffects, SameVariadicOperandSize, IsolatedFromAbove]> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$inputs,
                       Variadic<Stablehlo_Tensor>:$init_values,
                       DenseI64ArrayAttr:$window_dimensions,
                       OptionalAttr<DenseI64ArrayAttr>:$window_strides,
                       OptionalAttr<DenseI64ArrayAttr>:$base_dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$window_dilations,
                       OptionalAttr<I64ElementsAttr>:$padding);
  let results = (outs Variadic<Stablehlo_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
}

def Stablehlo_SelectAndScatterOp : Stablehlo_RegionOp<"select_and_scatter", [
    RecursiveMemoryEffects, IsolatedFromAbove]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$source,
                       Stablehlo_Tensor:$init_value,
                       OptionalAttr<DenseI64ArrayAttr>:$window_dimensions,
                       OptionalAttr<DenseI64ArrayAttr>:$window_strides,
                       OptionalAttr<I64ElementsAttr>:$padding);
  let results = (outs Stablehlo_Tensor:$result);
  let regions = (region SizedRegion<1>:$select, SizedRegion<1>:$scatter);
}

def Stablehlo_SortOp : Stablehlo_RegionOp<"sort", [RecursiveMemoryEffects,
    IsolatedFromAbove]> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$inputs,
                       OptionalAttr<I64Attr>:$dimension,
                       OptionalAttr<BoolAttr>:$is_stable);
  let results = (outs Variadic<Stablehlo_Tensor>:$results);
  let regions = (region SizedRegion<1>:$comparator);
}

//===----------------------------------------------------------------------===//
// Contractions and linear algebra
//===----------------------------------------------------------------------===//

def Stablehlo_DotGeneralOp : Stablehlo_Op<"dot_general", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$lhs, Stablehlo_Tensor:$rhs,
                       AnyAttr:$dot_dimension_numbers,
                       OptionalAttr<ArrayAttr>:$precision_config,
                       OptionalAttr<AnyAttr>:$algorithm);
  let results = (outs Stablehlo_Tensor:$result);
}

// Outside the spec (dot_general supersedes it); TensorFlow still writes it.
def Stablehlo_DotOp : Stablehlo_Op<"dot", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$lhs, Stablehlo_Tensor:$rhs,
                       OptionalAttr<ArrayAttr>:$precision_config);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_EinsumOp : Stablehlo_Op<"einsum", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$lhs, Stablehlo_Tensor:$rhs,
                       StrAttr:$einsum_config);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_UnaryEinsumOp : Stablehlo_Op<"unary_einsum", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, StrAttr:$einsum_config);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_ConvolutionAttributes {
  dag attrs = (ins OptionalAttr<DenseI64ArrayAttr>:$window_strides,
                   OptionalAttr<DenseI64ArrayAttr>:$lhs_dilation,
                   OptionalAttr<DenseI64ArrayAttr>:$rhs_dilation,
                   OptionalAttr<DenseBoolArrayAttr>:$window_reversal,
                   AnyAttr:$dimension_numbers,
                   I64Attr:$feature_group_count,
                   I64Attr:$batch_group_count,
                   OptionalAttr<ArrayAttr>:$precision_config);
}

def Stablehlo_ConvolutionOp : Stablehlo_Op<"convolution", [Pure]> {
  let arguments = !con((ins Stablehlo_Tensor:$lhs, Stablehlo_Tensor:$rhs,
                            OptionalAttr<I64ElementsAttr>:$padding),
                       Stablehlo_ConvolutionAttributes.attrs);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_DynamicConvOp : Stablehlo_Op<"dynamic_conv", [Pure]> {
  let arguments = !con((ins Stablehlo_Tensor:$lhs, Stablehlo_Tensor:$rhs,
                            Stablehlo_Tensor:$padding),
                       Stablehlo_ConvolutionAttributes.attrs);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_FftOp : Stablehlo_Op<"fft", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, AnyAttr:$fft_type,
                       DenseI64ArrayAttr:$fft_length);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_CholeskyOp : Stablehlo_Op<"cholesky", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$a, OptionalAttr<BoolAttr>:$lower);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_TriangularSolveOp : Stablehlo_Op<"triangular_solve", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$a, Stablehlo_Tensor:$b,
                       BoolAttr:$left_side, BoolAttr:$lower,
                       BoolAttr:$unit_diagonal, AnyAttr:$transpose_a);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_BatchNormGradOp : Stablehlo_Op<"batch_norm_grad", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$scale,
                       Stablehlo_Tensor:$mean, Stablehlo_Tensor:$variance,
                       Stablehlo_Tensor:$grad_output, F32Attr:$epsilon,
                       I64Attr:$feature_index);
  let results = (outs Stablehlo_Tensor:$grad_operand, Stablehlo_Tensor:$grad_scale,
                      Stablehlo_Tensor:$grad_offset);
}

def Stablehlo_BatchNormInferenceOp : Stablehlo_Op<"batch_norm_inference", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$scale,
                       Stablehlo_Tensor:$offset, Stablehlo_Tensor:$mean,
                       Stablehlo_Tensor:$variance, F32Attr:$epsilon,
                       I64Attr:$feature_index);
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_BatchNormTrainingOp : Stablehlo_Op<"batch_norm_training", [Pure]> {
  let arguments = (ins Stablehlo_Tensor:$operand, Stablehlo_Tensor:$scale,
                       Stablehlo_Tensor:$offset, F32Attr:$epsilon,
                       I64Attr:$feature_index);
  let results = (outs Stablehlo_Tensor:$output, Stablehlo_Tensor:$batch_mean,
                      Stablehlo_Tensor:$batch_var);
}

//===----------------------------------------------------------------------===//
// Control flow and structure
//===----------------------------------------------------------------------===//

def Stablehlo_WhileOp : Stablehlo_RegionOp<"while", [RecursiveMemoryEffects]> {
  let arguments = (ins Variadic<Stablehlo_Value>:$operand);
  let results = (outs Variadic<Stablehlo_Value>:$results);
  let regions = (region SizedRegion<1>:$cond, SizedRegion<1>:$body);
}

def Stablehlo_IfOp : Stablehlo_RegionOp<"if", [RecursiveMemoryEffects]> {
  let arguments = (ins Stablehlo_Tensor:$pred);
  let results = (outs Variadic<Stablehlo_Value>:$results);
  let regions = (region SizedRegion<1>:$true_branch, SizedRegion<1>:$false_branch);
}

def Stablehlo_CaseOp : Stablehlo_RegionOp<"case", [RecursiveMemoryEffects]> {
  let arguments = (ins Stablehlo_Tensor:$index);
  let results = (outs Variadic<Stablehlo_Value>:$results);
  let regions = (region VariadicRegion<SizedRegion<1>>:$branches);
}

def Stablehlo_ReturnOp : Stablehlo_Op<"return", [Pure, Terminator, ReturnLike]> {
  let arguments = (ins Variadic<Stablehlo_Value>:$results);
}

def Stablehlo_OptimizationBarrierOp
    : Stablehlo_Op<"optimization_barrier", [Pure]> {
  let arguments = (ins Variadic<Stablehlo_Value>:$operand);
  let results = (outs Variadic<Stablehlo_Value>:$result);
}

def Stablehlo_TupleOp : Stablehlo_Op<"tuple", [Pure]> {
  let arguments = (ins Variadic<Stablehlo_Value>:$val);
  let results = (outs AnyTuple:$result);
}

def Stablehlo_GetTupleElementOp : Stablehlo_Op<"get_tuple_element", [Pure]> {
  let arguments = (ins AnyTuple:$operand, I32Attr:$index);
  let results = (outs Stablehlo_Value:$result);
}

// A call of a named decomposition that backends may implement directly;
// `decomposition` is a symbol use, so symbol-dce keeps the function.
def Stablehlo_CompositeOp : Stablehlo_Op<"composite"> {
  let arguments = (ins Variadic<Stablehlo_Value>:$inputs, StrAttr:$name,
                       OptionalAttr<DictionaryAttr>:$composite_attributes,
                       FlatSymbolRefAttr:$decomposition,
                       OptionalAttr<I32Attr>:$version);
  let results = (outs Variadic<Stablehlo_Value>:$results);
}

def Stablehlo_CustomCallOp : Stablehlo_Op<"custom_call"> {
  let arguments = (ins Variadic<Stablehlo_Value>:$inputs,
                       StrAttr:$call_target_name,
                       OptionalAttr<BoolAttr>:$has_side_effect,
                       OptionalAttr<AnyAttr>:$backend_config,
                       OptionalAttr<AnyAttr>:$api_version,
                       OptionalAttr<ArrayAttr>:$called_computations,
                       OptionalAttr<ArrayAttr>:$operand_layouts,
                       OptionalAttr<ArrayAttr>:$result_layouts,
                       OptionalAttr<ArrayAttr>:$output_operand_aliases);
  let results = (outs Variadic<Stablehlo_Value>:$results);
}

//===----------------------------------------------------------------------===//
// Tokens, host transfers, distribution
//===----------------------------------------------------------------------===//

def Stablehlo_AfterAllOp : Stablehlo_Op<"after_all", [Pure]> {
  let arguments = (ins Variadic<Stablehlo_Token>:$inputs);
  let results = (outs Stablehlo_Token:$result);
}

// Outside the spec (after_all with no operands supersedes it).
def Stablehlo_CreateTokenOp : Stablehlo_Op<"create_token", [Pure]> {
  let results = (outs Stablehlo_Token:$output);
}

def Stablehlo_InfeedOp : Stablehlo_Op<"infeed"> {
  let arguments = (ins Stablehlo_Token:$token,
                       OptionalAttr<StrAttr>:$infeed_config,
                       OptionalAttr<ArrayAttr>:$layout);
  let results = (outs Variadic<Stablehlo_Value>:$results);
}

def Stablehlo_OutfeedOp : Stablehlo_Op<"outfeed"> {
  let arguments = (ins Variadic<Stablehlo_Value>:$inputs, Stablehlo_Token:$token,
                       OptionalAttr<StrAttr>:$outfeed_config);
  let results = (outs Stablehlo_Token:$result);
}

def Stablehlo_SendOp : Stablehlo_Op<"send"> {
  let arguments = (ins Variadic<Stablehlo_Value>:$inputs, Stablehlo_Token:$token,
                       AnyAttr:$channel_handle,
                       OptionalAttr<BoolAttr>:$is_host_transfer,
                       OptionalAttr<I64ElementsAttr>:$source_target_pairs);
  let results = (outs Stablehlo_Token:$result);
}

def Stablehlo_RecvOp : Stablehlo_Op<"recv"> {
  let arguments = (ins Stablehlo_Token:$token, AnyAttr:$channel_handle,
                       OptionalAttr<BoolAttr>:$is_host_transfer,
                       OptionalAttr<I64ElementsAttr>:$source_target_pairs);
  let results = (outs Variadic<Stablehlo_Value>:$results);
}

def Stablehlo_ReplicaIdOp : Stablehlo_Op<"replica_id", [Pure]> {
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_PartitionIdOp : Stablehlo_Op<"partition_id", [Pure]> {
  let results = (outs Stablehlo_Tensor:$result);
}

def Stablehlo_AllGatherOp : Stablehlo_Op<"all_gather"> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$operands,
                       I64Attr:$all_gather_dim,
                       I64ElementsAttr:$replica_groups,
                       OptionalAttr<AnyAttr>:$channel_handle,
                       UnitAttr:$use_global_device_ids);
  let results = (outs Variadic<Stablehlo_Tensor>:$results);
}

def Stablehlo_AllReduceOp : Stablehlo_RegionOp<"all_reduce", [IsolatedFromAbove]> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$operands,
                       I64ElementsAttr:$replica_groups,
                       OptionalAttr<AnyAttr>:$channel_handle,
                       UnitAttr:$use_global_device_ids);
  let results = (outs Variadic<Stablehlo_Tensor>:$results);
  let regions = (region SizedRegion<1>:$computation);
}

def Stablehlo_ReduceScatterOp : Stablehlo_RegionOp<"reduce_scatter", [
    IsolatedFromAbove]> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$operands,
                       I64Attr:$scatter_dimension,
                       I64ElementsAttr:$replica_groups,
                       OptionalAttr<AnyAttr>:$channel_handle,
                       UnitAttr:$use_global_device_ids);
  let results = (outs Variadic<Stablehlo_Tensor>:$results);
  let regions = (region SizedRegion<1>:$computation);
}

def Stablehlo_AllToAllOp : Stablehlo_Op<"all_to_all"> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$operands,
                       I64Attr:$split_dimension, I64Attr:$concat_dimension,
                       I64Attr:$split_count, I64ElementsAttr:$replica_groups,
                       OptionalAttr<AnyAttr>:$channel_handle);
  let results = (outs Variadic<Stablehlo_Tensor>:$results);
}

def Stablehlo_CollectivePermuteOp : Stablehlo_Op<"collective_permute"> {
  let arguments = (ins Stablehlo_Tensor:$operand,
                       I64ElementsAttr:$source_target_pairs,
                       OptionalAttr<AnyAttr>:$channel_handle);
  let results = (outs Stablehlo_Tensor:$result);
}

// With has_dynamic_root, the last operand holds each data operand's root.
def Stablehlo_CollectiveBroadcastOp : Stablehlo_Op<"collective_broadcast"> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$operands,
                       I64ElementsAttr:$replica_groups,
                       OptionalAttr<AnyAttr>:$channel_handle,
                       UnitAttr:$has_dynamic_root);
  let results = (outs Variadic<Stablehlo_Tensor>:$results);
}

// all_reduce whose result is only needed on each group's processes.
def Stablehlo_CollectiveReduceOp : Stablehlo_RegionOp<"collective_reduce", [
    IsolatedFromAbove]> {
  let arguments = (ins Variadic<Stablehlo_Tensor>:$operands,
                       I64ElementsAttr:$replica_groups,
                       OptionalAttr<AnyAttr>:$channel_handle,
                       UnitAttr:$use_global_device_ids);
  let results = (outs Variadic<Stablehlo_Tensor>:$results);
  let regions = (region SizedRegion<1>:$computation);
}

#endif // JAXR_STABLEHLO_OPS
