// Every stablehlo op family rejects what the StableHLO specification rules
// out, with a message naming the rule, at the op. One case per chunk; the
// generic form spells what the pretty form cannot.
//
// RUN: jaxr-opt %s --split-input-file --verify-diagnostics

//===----------------------------------------------------------------------===//
// Unknown ops, missing attributes (ODS)
//===----------------------------------------------------------------------===//

func.func @unknown_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{unregistered operation 'stablehlo.frobnicate' found in dialect ('stablehlo') that does not allow unknown operations}}
  %0 = "stablehlo.frobnicate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @missing_attribute(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'stablehlo.broadcast_in_dim' op requires attribute 'broadcast_dimensions'}}
  %0 = "stablehlo.broadcast_in_dim"(%x) : (tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @wrong_operand_count(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.add' op expected 2 operands, but found 1}}
  %0 = "stablehlo.add"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

// -----

func.func @float_only(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'stablehlo.floor' op operand #0 must have floating-point elements, found tensor<4xi32>}}
  %0 = "stablehlo.floor"(%x) : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @integer_only(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.shift_left' op operand #0 must have integer elements, found tensor<4xf32>}}
  %0 = "stablehlo.shift_left"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @mixed_elements(%x: tensor<4xf32>, %y: tensor<4xf64>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.add' op operands must share an element type, found tensor<4xf32> and tensor<4xf64>}}
  %0 = "stablehlo.add"(%x, %y) : (tensor<4xf32>, tensor<4xf64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @elementwise_shapes(%x: tensor<4xf32>, %y: tensor<5xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.multiply' op all non-scalar operands/results must have the same shape and base type}}
  %0 = "stablehlo.multiply"(%x, %y) : (tensor<4xf32>, tensor<5xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @abs_of_complex(%x: tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>> {
  // expected-error @+1 {{'stablehlo.abs' op result element type of tensor<2xcomplex<f32>> does not follow from tensor<2xcomplex<f32>> (it must be the operand's, or the part type of a complex operand)}}
  %0 = "stablehlo.abs"(%x) : (tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>>
  return %0 : tensor<2xcomplex<f32>>
}

// -----

func.func @unknown_direction(%x: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{'stablehlo.compare' op unknown comparison_direction 'LQ' (expected one of EQ, NE, GE, GT, LE, LT)}}
  %0 = "stablehlo.compare"(%x, %x) {comparison_direction = #stablehlo<comparison_direction LQ>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @unknown_comparison_type(%x: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{'stablehlo.compare' op unknown comparison_type 'FUZZY' (expected one of NOTYPE, FLOAT, TOTALORDER, SIGNED, UNSIGNED)}}
  %0 = "stablehlo.compare"(%x, %x) {comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FUZZY>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @comparison_type_of_another_element_type(%x: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{'stablehlo.compare' op comparison type SIGNED does not fit operands of type tensor<4xf32>}}
  %0 = "stablehlo.compare"(%x, %x) {comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @select_predicate(%p: tensor<3xi1>, %x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.select' op the predicate must be a scalar or have the operands' shape, found tensor<3xi1> and tensor<4xf32>}}
  %0 = "stablehlo.select"(%p, %x, %x) : (tensor<3xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @clamp_bounds(%lo: tensor<2xf32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.clamp' op min must be a scalar or have the operand's shape, with its element type (tensor<4xf32>), found tensor<2xf32>}}
  %0 = "stablehlo.clamp"(%lo, %x, %x) : (tensor<2xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Constants and generators
//===----------------------------------------------------------------------===//

// -----

func.func @constant_type() -> tensor<3xf32> {
  // expected-error @+1 {{'stablehlo.constant' op the value's type tensor<2xf32> must be the result type tensor<3xf32>}}
  %0 = "stablehlo.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @iota_dimension() -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.iota' op iota dimension 1 is out of range for a result of rank 1}}
  %0 = "stablehlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Shapes and layout
//===----------------------------------------------------------------------===//

// -----

func.func @broadcast_dimension_out_of_range(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'stablehlo.broadcast_in_dim' op broadcast dimension 2 is out of range for rank 2}}
  %0 = "stablehlo.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 2>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @broadcast_sizes(%x: tensor<3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'stablehlo.broadcast_in_dim' op operand dimension 0 (size [3]) maps to result dimension 1 (size [2]): sizes must match or the operand's must be 1}}
  %0 = "stablehlo.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_not_a_permutation(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'stablehlo.transpose' op permutation entry 0 appears twice in [0, 0]}}
  %0 = "stablehlo.transpose"(%x) {permutation = array<i64: 0, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_result(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'stablehlo.transpose' op the result shape must be [3, 2] (the operand's, permuted), found [2, 3]}}
  %0 = "stablehlo.transpose"(%x) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @slice_stride_zero(%x: tensor<8xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.slice' op stride 0 of dimension 0 must be positive}}
  %0 = "stablehlo.slice"(%x) {start_indices = array<i64: 0>, limit_indices = array<i64: 8>, strides = array<i64: 0>} : (tensor<8xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @slice_limit(%x: tensor<8xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.slice' op dimension 0: start 6 and limit 10 must satisfy 0 <= start <= limit <= [8]}}
  %0 = "stablehlo.slice"(%x) {start_indices = array<i64: 6>, limit_indices = array<i64: 10>, strides = array<i64: 1>} : (tensor<8xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reverse_dimension(%x: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'stablehlo.reverse' op reversed dimension 1 is out of range for rank 1}}
  %0 = "stablehlo.reverse"(%x) {dimensions = array<i64: 1>} : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @pad_result(%x: tensor<3xf32>, %v: tensor<f32>) -> tensor<5xf32> {
  // expected-error @+1 {{'stablehlo.pad' op the result shape must be [7], found [5]}}
  %0 = "stablehlo.pad"(%x, %v) {edge_padding_low = array<i64: 1>, edge_padding_high = array<i64: 1>, interior_padding = array<i64: 1>} : (tensor<3xf32>, tensor<f32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @concatenate_dimension(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'stablehlo.concatenate' op dimension 2 is out of range for rank 2}}
  %0 = "stablehlo.concatenate"(%x, %x) {dimension = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'stablehlo.reshape' op reshape to [5] needs 5 elements, the operand has 6}}
  %0 = "stablehlo.reshape"(%x) : (tensor<2x3xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @dynamic_slice_indices(%x: tensor<4x4xf32>, %i: tensor<i32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'stablehlo.dynamic_slice' op expects 2 start indices (one per dimension), found 1}}
  %0 = "stablehlo.dynamic_slice"(%x, %i) {slice_sizes = array<i64: 2, 2>} : (tensor<4x4xf32>, tensor<i32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @bitcast_widths(%x: tensor<4xf32>) -> tensor<4xf64> {
  // expected-error @+1 {{'stablehlo.bitcast_convert' op cannot bitcast tensor<4xf32> to tensor<4xf64>}}
  %0 = "stablehlo.bitcast_convert"(%x) : (tensor<4xf32>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

// -----

func.func @unknown_precision(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  // expected-error @+1 {{'stablehlo.dot_general' op unknown precision 'DEFAUeT' (expected one of DEFAULT, HIGH, HIGHEST)}}
  %0 = "stablehlo.dot_general"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision DEFAUeT>, #stablehlo<precision DEFAULT>]} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @contracting_sizes(%a: tensor<3x4xf32>, %b: tensor<5x5xf32>) -> tensor<3x5xf32> {
  // expected-error @+1 {{'stablehlo.dot_general' op contracting dimensions lhs 1 and rhs 0 differ in size (4 and 5)}}
  %0 = "stablehlo.dot_general"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} : (tensor<3x4xf32>, tensor<5x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @dot_result(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<5x3xf32> {
  // expected-error @+1 {{'stablehlo.dot_general' op the result must have the batch, lhs free and rhs free dimensions [3, 5], found tensor<5x3xf32>}}
  %0 = "stablehlo.dot_general"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

func.func @unknown_fft_type(%x: tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {
  // expected-error @+1 {{'stablehlo.fft' op unknown fft_type 'DFT' (expected one of FFT, IFFT, RFFT, IRFFT)}}
  %0 = "stablehlo.fft"(%x) {fft_type = #stablehlo<fft_type DFT>, fft_length = array<i64: 4>} : (tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>>
  return %0 : tensor<4xcomplex<f32>>
}

//===----------------------------------------------------------------------===//
// Regions
//===----------------------------------------------------------------------===//

// -----

func.func @reduce_dimensions(%x: tensor<4x5xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.reduce' op reduced dimensions [2] must be distinct dimensions of rank 2}}
  %0 = "stablehlo.reduce"(%x, %init) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) {dimensions = array<i64: 2>} : (tensor<4x5xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_body(%x: tensor<4x5xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.reduce' op the body must take 2 scalar tensors with the element types of (tensor<f32>, tensor<f32>), found (tensor<f32>)}}
  %0 = "stablehlo.reduce"(%x, %init) ({
  ^bb0(%a: tensor<f32>):
    "stablehlo.return"(%a) : (tensor<f32>) -> ()
  }) {dimensions = array<i64: 1>} : (tensor<4x5xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @while_body_type(%n: tensor<i32>) -> tensor<i32> {
  // expected-error @+1 {{'stablehlo.while' op body must return the carried types (tensor<i32>), found (tensor<i64>)}}
  %0 = "stablehlo.while"(%n) ({
  ^bb0(%a: tensor<i32>):
    %c = "stablehlo.compare"(%a, %a) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "stablehlo.return"(%c) : (tensor<i1>) -> ()
  }, {
  ^bb0(%a: tensor<i32>):
    %b = "stablehlo.convert"(%a) : (tensor<i32>) -> tensor<i64>
    "stablehlo.return"(%b) : (tensor<i64>) -> ()
  }) : (tensor<i32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

func.func @case_branch_type(%i: tensor<i32>, %x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'stablehlo.case' op branch #1 returns (tensor<i32>), the op's results are (tensor<f32>)}}
  %0 = "stablehlo.case"(%i) ({
    "stablehlo.return"(%x) : (tensor<f32>) -> ()
  }, {
    "stablehlo.return"(%i) : (tensor<i32>) -> ()
  }) : (tensor<i32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @sort_comparator(%x: tensor<5xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'stablehlo.sort' op the comparator must return a tensor<i1>}}
  %0 = "stablehlo.sort"(%x) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    "stablehlo.return"(%a) : (tensor<f32>) -> ()
  }) {dimension = 0 : i64} : (tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @reduce_window_strides(%x: tensor<8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.reduce_window' op window_strides entries must be positive, found 0}}
  %0 = "stablehlo.reduce_window"(%x, %init) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) {window_dimensions = array<i64: 2>, window_strides = array<i64: 0>} : (tensor<8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @body_uses_outer_value(%x: tensor<4xf32>, %init: tensor<f32>) -> tensor<f32> {
  // expected-note @+1 {{required by region isolation constraints}}
  %0 = "stablehlo.reduce"(%x, %init) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    // expected-error @+1 {{using value defined outside the region}}
    %s = "stablehlo.add"(%a, %init) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) {dimensions = array<i64: 0>} : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

//===----------------------------------------------------------------------===//
// Indexing and convolution (jaxr's gather, scatter and conv_general_dilated
// rules decide where the types are jaxr's)
//===----------------------------------------------------------------------===//

// -----

func.func @gather_slice_sizes(%x: tensor<4x3xf32>, %i: tensor<2x1xi32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'stablehlo.gather' op slice size 5 of dimension 1 must lie in [0, 3]}}
  %0 = "stablehlo.gather"(%x, %i) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 5>} : (tensor<4x3xf32>, tensor<2x1xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @scatter_window_dims(%x: tensor<5x3xf32>, %i: tensor<7x1xi32>, %u: tensor<7x3xf32>) -> tensor<5x3xf32> {
  // expected-error @+1 {{'stablehlo.scatter' op the operand's rank (2) must equal the number of update_window_dims (1) plus inserted_window_dims and input_batching_dims (2)}}
  %0 = "stablehlo.scatter"(%x, %i, %u) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    "stablehlo.return"(%b) : (tensor<f32>) -> ()
  }) {scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0, 1], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>} : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

func.func @convolution_result(%x: tensor<1x8x2xf32>, %w: tensor<3x2x4xf32>) -> tensor<1x8x4xf32> {
  // expected-error @+1 {{'stablehlo.convolution' op result type must be tensor<1x6x4xf32>, found tensor<1x8x4xf32>}}
  %0 = "stablehlo.convolution"(%x, %w) {dimension_numbers = #stablehlo.conv<[b, 0, f]x[0, i, o]->[b, 0, f]>, feature_group_count = 1 : i64, batch_group_count = 1 : i64} : (tensor<1x8x2xf32>, tensor<3x2x4xf32>) -> tensor<1x8x4xf32>
  return %0 : tensor<1x8x4xf32>
}

// -----

func.func @convolution_layout(%x: tensor<1x8x2xf32>, %w: tensor<3x2x4xf32>) -> tensor<1x6x4xf32> {
  // expected-error @+1 {{'stablehlo.convolution' op bad convolution dimension numbers [b, b, f]}}
  %0 = "stablehlo.convolution"(%x, %w) {dimension_numbers = #stablehlo.conv<[b, b, f]x[0, i, o]->[b, 0, f]>, feature_group_count = 1 : i64, batch_group_count = 1 : i64} : (tensor<1x8x2xf32>, tensor<3x2x4xf32>) -> tensor<1x6x4xf32>
  return %0 : tensor<1x6x4xf32>
}

// -----

func.func @boolean_hex_size(%x: tensor<17xi1>) -> tensor<17xi1> {
  // expected-error @+1 {{elements hex data size is invalid for provided type: 'tensor<17xi1>' (5 bytes; 17 i1 elements take 17 bytes, one per element as JAX writes them, or 3, one bit per element, or 1 for a splat)}}
  %c = stablehlo.constant dense<"0x0001000100"> : tensor<17xi1>
  return %c : tensor<17xi1>
}
