// Every jaxr op family rejects operands that break its shape or type rule,
// with a message that names the rule. One case per chunk; the generic form is
// used where the pretty form cannot spell the mistake.
//
// RUN: jaxr-opt %s --split-input-file --verify-diagnostics
//


//===----------------------------------------------------------------------===//
// Element type classes
//===----------------------------------------------------------------------===//

func.func @float_only_unary(%a: tensor<4xi32>) {
  // expected-error @+1 {{'jaxr.log' op the operand must have a floating-point element type, found i32 (operand types: tensor<4xi32>)}}
  %0 = jaxr.log %a : tensor<4xi32>
  return
}

// -----

func.func @signed_or_float_unary(%a: tensor<4xui32>) {
  // expected-error @+1 {{the operand must have a signed integer or floating-point element type, found ui32}}
  %0 = jaxr.neg %a : tensor<4xui32>
  return
}

// -----

func.func @int_only_unary(%a: tensor<4xf32>) {
  // expected-error @+1 {{'jaxr.population_count' op the operand must have an integer element type (not i1), found f32}}
  %0 = jaxr.population_count %a : tensor<4xf32>
  return
}

// -----

func.func @clz_on_bool(%a: tensor<4xi1>) {
  // expected-error @+1 {{the operand must have an integer element type (not i1), found i1}}
  %0 = jaxr.clz %a : tensor<4xi1>
  return
}

// -----

func.func @not_on_float(%a: tensor<4xbf16>) {
  // expected-error @+1 {{the operand must have an integer or i1 element type, found bf16}}
  %0 = jaxr.not %a : tensor<4xbf16>
  return
}

// -----

func.func @square_on_bool(%a: tensor<4xi1>) {
  // expected-error @+1 {{the operand must have an integer or floating-point element type (not i1), found i1}}
  %0 = jaxr.square %a : tensor<4xi1>
  return
}

// -----

func.func @round_on_int(%a: tensor<4xi32>) {
  // expected-error @+1 {{'jaxr.round' op the operand must have a floating-point element type, found i32}}
  %0 = jaxr.round to_nearest_even, %a : tensor<4xi32>
  return
}

// -----

func.func @add_on_bool(%a: tensor<4xi1>) {
  // expected-error @+1 {{'jaxr.add' op the operands must have an integer or floating-point element type (not i1), found i1}}
  %0 = jaxr.add %a, %a : tensor<4xi1>
  return
}

// -----

func.func @pow_on_int(%a: tensor<4xi32>) {
  // expected-error @+1 {{'jaxr.pow' op the operands must have a floating-point element type, found i32}}
  %0 = jaxr.pow %a, %a : tensor<4xi32>
  return
}

// -----

func.func @and_on_float(%a: tensor<4xf32>) {
  // expected-error @+1 {{'jaxr.and' op the operands must have an integer or i1 element type, found f32}}
  %0 = jaxr.and %a, %a : tensor<4xf32>
  return
}

// -----

func.func @shift_on_bool(%a: tensor<4xi1>) {
  // expected-error @+1 {{'jaxr.shift_left' op the operands must have an integer element type (not i1), found i1}}
  %0 = jaxr.shift_left %a, %a : tensor<4xi1>
  return
}

// -----

func.func @shift_on_float(%a: tensor<4xf16>) {
  // expected-error @+1 {{'jaxr.shift_right_logical' op the operands must have an integer element type (not i1), found f16}}
  %0 = jaxr.shift_right_logical %a, %a : tensor<4xf16>
  return
}

// -----

// Binary operands must share the result type (an ODS trait, before the rules).
func.func @binary_mixed_types(%a: tensor<4xi32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'jaxr.add' op requires the same type for all operands and results}}
  %0 = "jaxr.add"(%a, %b) : (tensor<4xi32>, tensor<4xf32>) -> tensor<4xi32>
  return
}

// -----

func.func @unary_result_type(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.exp' op requires the same type for all operands and results}}
  %0 = "jaxr.exp"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf64>
  return
}

// -----

func.func @unary_two_operands(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.exp' op requires a single operand}}
  %0 = "jaxr.exp"(%a, %a) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @not_a_tensor(%a: memref<2xf32>) {
  // expected-error @+1 {{'jaxr.exp' op operand #0 must be ranked tensor of any type values, but got 'memref<2xf32>'}}
  %0 = "jaxr.exp"(%a) : (memref<2xf32>) -> memref<2xf32>
  return
}

// -----

func.func @dynamic_shape(%a: tensor<?xf32>) {
  // expected-error @+1 {{'jaxr.exp' op operand #0: expected a static shape, found tensor<?xf32>}}
  %0 = jaxr.exp %a : tensor<?xf32>
  return
}

// -----

func.func @unsupported_element_type(%a: tensor<2xf8E4M3FN>) {
  // expected-error @+1 {{'jaxr.exp' op operand #0: unsupported element type in tensor<2xf8E4M3FN>}}
  %0 = jaxr.exp %a : tensor<2xf8E4M3FN>
  return
}

// -----

func.func @signed_integer_type(%a: tensor<4xsi32>) {
  // expected-error @+1 {{'jaxr.neg' op operand #0: unsupported element type in tensor<4xsi32>}}
  %0 = jaxr.neg %a : tensor<4xsi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Nullary
//===----------------------------------------------------------------------===//

func.func @constant_type_mismatch() {
  // expected-error @+1 {{'jaxr.constant' op failed to verify that all of {value, result} have same type}}
  %0 = "jaxr.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  return
}

// -----

func.func @iota_dimension_out_of_range() {
  // expected-error @+1 {{'jaxr.iota' op iota dimension 2 is out of range for tensor<4x3xi32>}}
  %0 = jaxr.iota dim = 2 : tensor<4x3xi32>
  return
}

// -----

func.func @iota_negative_dimension() {
  // expected-error @+1 {{iota dimension -1 is out of range for tensor<4xi32>}}
  %0 = jaxr.iota dim = -1 : tensor<4xi32>
  return
}

// -----

func.func @iota_of_bool() {
  // expected-error @+1 {{'jaxr.iota' op the result must have an integer or floating-point element type (not i1), found i1}}
  %0 = jaxr.iota dim = 0 : tensor<4xi1>
  return
}

// -----

func.func @iota_without_dimension() {
  // expected-error @+1 {{'jaxr.iota' op requires attribute 'dimension'}}
  %0 = "jaxr.iota"() : () -> tensor<3xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// integer_pow, is_finite, round, compare
//===----------------------------------------------------------------------===//

func.func @integer_pow_negative_exponent_on_int(%a: tensor<4xi32>) {
  // expected-error @+1 {{'jaxr.integer_pow' op a negative exponent (-2) needs a floating-point operand}}
  %0 = jaxr.integer_pow %a, -2 : tensor<4xi32>
  return
}

// -----

func.func @integer_pow_on_bool(%a: tensor<4xi1>) {
  // expected-error @+1 {{'jaxr.integer_pow' op the operand must have an integer or floating-point element type (not i1), found i1}}
  %0 = jaxr.integer_pow %a, 2 : tensor<4xi1>
  return
}

// -----

func.func @is_finite_on_int(%a: tensor<4xi32>) {
  // expected-error @+1 {{'jaxr.is_finite' op the operand must have a floating-point element type, found i32}}
  %0 = jaxr.is_finite %a : tensor<4xi32> -> tensor<4xi1>
  return
}

// -----

func.func @is_finite_result_not_bool(%a: tensor<4xf32>) {
  // expected-error @+1 {{'jaxr.is_finite' op result type must be tensor<4xi1>, found tensor<4xf32>}}
  %0 = jaxr.is_finite %a : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @round_unknown_method(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'rounding_method' [away_from_zero, to_nearest_even]}}
  %0 = jaxr.round up, %a : tensor<2x3xf32>
  return
}

// -----

func.func @round_method_code_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{Invalid attribute `rounding_method` in property conversion: 7 : i32}}
  %0 = "jaxr.round"(%a) <{rounding_method = 7 : i32}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @compare_unknown_direction(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'direction' [eq, ne, lt, le, gt, ge]}}
  %0 = jaxr.compare lq, %a, %a : tensor<2x3xf32> -> tensor<2x3xi1>
  return
}

// -----

func.func @compare_result_not_bool(%a: tensor<4xf32>) {
  // expected-error @+1 {{'jaxr.compare' op result type must be tensor<4xi1>, found tensor<4xf32>}}
  %0 = jaxr.compare lt, %a, %a : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @compare_mixed_operands(%a: tensor<4xf32>, %b: tensor<4xf64>) {
  // expected-error @+1 {{'jaxr.compare' op requires all operands to have the same type}}
  %0 = "jaxr.compare"(%a, %b) <{direction = 2 : i32}> : (tensor<4xf32>, tensor<4xf64>) -> tensor<4xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// select_n, clamp
//===----------------------------------------------------------------------===//

func.func @select_n_bool_selector_three_cases(%p: tensor<3xi1>, %a: tensor<3xf32>) {
  // expected-error @+1 {{'jaxr.select_n' op an i1 selector chooses from at most 2 cases, found 3}}
  %0 = jaxr.select_n %p, %a, %a, %a : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @select_n_case_types_differ(%p: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xf16>) {
  // expected-error @+1 {{'jaxr.select_n' op all cases must have the same type, found tensor<3xf32> and tensor<3xf16>}}
  %0 = jaxr.select_n %p, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return
}

// -----

func.func @select_n_selector_type(%p: tensor<3xi8>, %a: tensor<3xf32>) {
  // expected-error @+1 {{'jaxr.select_n' op the selector must be i1 or i32, found i8}}
  %0 = jaxr.select_n %p, %a, %a : (tensor<3xi8>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @select_n_selector_shape(%p: tensor<2xi1>, %a: tensor<3xf32>) {
  // expected-error @+1 {{'jaxr.select_n' op the selector tensor<2xi1> must be a scalar or have the cases' shape}}
  %0 = jaxr.select_n %p, %a, %a : (tensor<2xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @select_n_no_case(%p: tensor<i1>) {
  // expected-error @+1 {{'jaxr.select_n' op expects at least one case}}
  %0 = "jaxr.select_n"(%p) : (tensor<i1>) -> tensor<3xf32>
  return
}

// -----

func.func @clamp_min_shape(%lo: tensor<2xf32>, %a: tensor<3xf32>) {
  // expected-error @+1 {{'jaxr.clamp' op min must be a scalar or have the operand's shape, with its element type (tensor<3xf32>), found tensor<2xf32>}}
  %0 = jaxr.clamp %lo, %a, %a : (tensor<2xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @clamp_max_element_type(%hi: tensor<f64>, %a: tensor<3xf32>) {
  // expected-error @+1 {{'jaxr.clamp' op max must be a scalar or have the operand's shape, with its element type (tensor<3xf32>), found tensor<f64>}}
  %0 = jaxr.clamp %a, %a, %hi : (tensor<3xf32>, tensor<3xf32>, tensor<f64>) -> tensor<3xf32>
  return
}

// -----

func.func @clamp_on_bool(%a: tensor<3xi1>) {
  // expected-error @+1 {{'jaxr.clamp' op the operand must have an integer or floating-point element type (not i1), found i1}}
  %0 = jaxr.clamp %a, %a, %a : (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// convert_element_type, bitcast_convert_type
//===----------------------------------------------------------------------===//

func.func @convert_changes_shape(%a: tensor<3xf32>) {
  // expected-error @+1 {{'jaxr.convert_element_type' op all non-scalar operands/results must have the same shape and base type}}
  %0 = jaxr.convert_element_type %a : tensor<3xf32> -> tensor<4xi32>
  return
}

// -----

func.func @bitcast_width_mismatch(%a: tensor<3xf32>) {
  // expected-error @+1 {{'jaxr.bitcast_convert_type' op bitcast from f32 to f64 needs a last dimension of size 2, found tensor<3xf32>}}
  %0 = jaxr.bitcast_convert_type %a : tensor<3xf32> -> tensor<3xf64>
  return
}

// -----

func.func @bitcast_narrow_wrong_ratio(%a: tensor<3xf32>) {
  // expected-error @+1 {{'jaxr.bitcast_convert_type' op result type must be tensor<3x4xui8>, found tensor<3x2xui8>}}
  %0 = jaxr.bitcast_convert_type %a : tensor<3xf32> -> tensor<3x2xui8>
  return
}

// -----

func.func @bitcast_to_bool(%a: tensor<3xi8>) {
  // expected-error @+1 {{'jaxr.bitcast_convert_type' op bitcast to or from i1 is not allowed}}
  %0 = jaxr.bitcast_convert_type %a : tensor<3xi8> -> tensor<3xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// broadcast_in_dim, reshape, transpose, rev
//===----------------------------------------------------------------------===//

func.func @broadcast_size_mismatch(%a: tensor<2xf32>) {
  // expected-error @+1 {{'jaxr.broadcast_in_dim' op operand dimension 0 (size 2) maps to result dimension 1 (size 3): sizes must match or the operand's must be 1 (operand types: tensor<2xf32>)}}
  %0 = jaxr.broadcast_in_dim %a, dims = [1] : tensor<2xf32> -> tensor<4x3xf32>
  return
}

// -----

func.func @broadcast_dims_decreasing(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.broadcast_in_dim' op broadcast_dimensions [1, 0] must be strictly increasing}}
  %0 = jaxr.broadcast_in_dim %a, dims = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @broadcast_dims_repeated(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{broadcast_dimensions [0, 0] must be strictly increasing}}
  %0 = jaxr.broadcast_in_dim %a, dims = [0, 0] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @broadcast_dims_count(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.broadcast_in_dim' op broadcast_dimensions has 1 entries, expected one per operand dimension (2)}}
  %0 = jaxr.broadcast_in_dim %a, dims = [0] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @broadcast_dim_out_of_range(%a: tensor<3xf32>) {
  // expected-error @+1 {{'jaxr.broadcast_in_dim' op broadcast dimension 2 is out of range for a result of rank 2}}
  %0 = jaxr.broadcast_in_dim %a, dims = [2] : tensor<3xf32> -> tensor<4x3xf32>
  return
}

// -----

func.func @broadcast_changes_element_type(%a: tensor<3xf32>) {
  // expected-error @+1 {{'jaxr.broadcast_in_dim' op result type must be tensor<4x3xf32>, found tensor<4x3xi32>}}
  %0 = jaxr.broadcast_in_dim %a, dims = [1] : tensor<3xf32> -> tensor<4x3xi32>
  return
}

// -----

func.func @reshape_element_count(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.reshape' op reshape to [5] needs 5 elements, the operand has 6}}
  %0 = jaxr.reshape %a : tensor<2x3xf32> -> tensor<5xf32>
  return
}

// -----

func.func @reshape_changes_element_type(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.reshape' op result type must be tensor<6xf32>, found tensor<6xf16>}}
  %0 = jaxr.reshape %a : tensor<2x3xf32> -> tensor<6xf16>
  return
}

// -----

func.func @transpose_not_a_permutation(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.transpose' op permutation entry 0 appears twice}}
  %0 = jaxr.transpose %a, perm = [0, 0] : tensor<2x3xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @transpose_entry_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.transpose' op permutation entry 2 is out of range for rank 2}}
  %0 = jaxr.transpose %a, perm = [0, 2] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_too_short(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.transpose' op permutation has 1 entries, expected one per operand dimension (2)}}
  %0 = jaxr.transpose %a, perm = [0] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @transpose_wrong_result(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.transpose' op result type must be tensor<3x2xf32>, found tensor<2x3xf32>}}
  %0 = jaxr.transpose %a, perm = [1, 0] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @rev_repeated_dimension(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.rev' op reversed dimension 1 appears twice}}
  %0 = jaxr.rev %a, dims = [1, 1] : tensor<2x3xf32>
  return
}

// -----

func.func @rev_dimension_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.rev' op reversed dimension 2 is out of range for rank 2}}
  %0 = jaxr.rev %a, dims = [2] : tensor<2x3xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// concatenate, pad, slice
//===----------------------------------------------------------------------===//

func.func @concatenate_other_dimension_differs(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{'jaxr.concatenate' op operands must agree in element type and in every dimension but 0, found tensor<2x3xf32> and tensor<2x4xf32>}}
  %0 = jaxr.concatenate(%a, %b) dim = 0 : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concatenate_element_types_differ(%a: tensor<2x3xf32>, %b: tensor<2x3xi32>) {
  // expected-error @+1 {{operands must agree in element type and in every dimension but 0, found tensor<2x3xf32> and tensor<2x3xi32>}}
  %0 = jaxr.concatenate(%a, %b) dim = 0 : (tensor<2x3xf32>, tensor<2x3xi32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concatenate_dimension_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.concatenate' op dimension 2 is out of range for rank 2}}
  %0 = jaxr.concatenate(%a, %a) dim = 2 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concatenate_nothing() {
  // expected-error @+1 {{'jaxr.concatenate' op expects at least one operand}}
  %0 = "jaxr.concatenate"() <{dimension = 0 : i64}> : () -> tensor<0xf32>
  return
}

// -----

func.func @concatenate_wrong_result(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.concatenate' op result type must be tensor<4x3xf32>, found tensor<4x6xf32>}}
  %0 = jaxr.concatenate(%a, %a) dim = 0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @pad_negative_interior(%a: tensor<3xf32>, %z: tensor<f32>) {
  // expected-error @+1 {{'jaxr.pad' op interior padding -1 of dimension 0 is negative}}
  %0 = jaxr.pad %a, %z, low = [0], high = [0], interior = [-1] : (tensor<3xf32>, tensor<f32>) -> tensor<1xf32>
  return
}

// -----

func.func @pad_value_not_scalar(%a: tensor<3xf32>, %z: tensor<1xf32>) {
  // expected-error @+1 {{'jaxr.pad' op the padding value must be a scalar of the operand's element type, found tensor<1xf32>}}
  %0 = jaxr.pad %a, %z, low = [0], high = [0], interior = [0] : (tensor<3xf32>, tensor<1xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @pad_value_element_type(%a: tensor<3xf32>, %z: tensor<i32>) {
  // expected-error @+1 {{the padding value must be a scalar of the operand's element type, found tensor<i32>}}
  %0 = jaxr.pad %a, %z, low = [0], high = [0], interior = [0] : (tensor<3xf32>, tensor<i32>) -> tensor<3xf32>
  return
}

// -----

func.func @pad_crops_below_zero(%a: tensor<3xf32>, %z: tensor<f32>) {
  // expected-error @+1 {{'jaxr.pad' op padding makes dimension 0 negative (-1)}}
  %0 = jaxr.pad %a, %z, low = [-2], high = [-2], interior = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<0xf32>
  return
}

// -----

func.func @pad_low_length(%a: tensor<3xf32>, %z: tensor<f32>) {
  // expected-error @+1 {{'jaxr.pad' op low has 2 entries, expected one per operand dimension (1)}}
  %0 = jaxr.pad %a, %z, low = [0, 0], high = [0], interior = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return
}

// -----

func.func @slice_limit_out_of_range(%a: tensor<10xf32>) {
  // expected-error @+1 {{'jaxr.slice' op dimension 0: need 0 <= start (2) <= limit (11) <= size (10)}}
  %0 = jaxr.slice %a, start = [2], limit = [11], strides = [1] : tensor<10xf32> -> tensor<9xf32>
  return
}

// -----

func.func @slice_start_after_limit(%a: tensor<10xf32>) {
  // expected-error @+1 {{'jaxr.slice' op dimension 0: need 0 <= start (5) <= limit (3) <= size (10)}}
  %0 = jaxr.slice %a, start = [5], limit = [3], strides = [1] : tensor<10xf32> -> tensor<0xf32>
  return
}

// -----

func.func @slice_zero_stride(%a: tensor<10xf32>) {
  // expected-error @+1 {{'jaxr.slice' op dimension 0: stride 0 must be positive}}
  %0 = jaxr.slice %a, start = [0], limit = [4], strides = [0] : tensor<10xf32> -> tensor<4xf32>
  return
}

// -----

func.func @slice_strides_length(%a: tensor<10xf32>) {
  // expected-error @+1 {{'jaxr.slice' op strides has 2 entries, expected one per operand dimension (1)}}
  %0 = jaxr.slice %a, start = [0], limit = [4], strides = [1, 1] : tensor<10xf32> -> tensor<4xf32>
  return
}

// -----

func.func @slice_wrong_result(%a: tensor<10xf32>) {
  // expected-error @+1 {{'jaxr.slice' op result type must be tensor<3xf32>, found tensor<2xf32>}}
  %0 = jaxr.slice %a, start = [1], limit = [8], strides = [3] : tensor<10xf32> -> tensor<2xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// dynamic_slice, dynamic_update_slice
//===----------------------------------------------------------------------===//

func.func @dynamic_slice_index_count(%a: tensor<4x6xf32>, %i: tensor<i32>) {
  // expected-error @+1 {{'jaxr.dynamic_slice' op expects 2 start indices (one per dimension), found 1}}
  %0 = jaxr.dynamic_slice %a[%i] sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @dynamic_slice_index_not_scalar(%a: tensor<4x6xf32>, %i: tensor<i32>, %j: tensor<1xi32>) {
  // expected-error @+1 {{'jaxr.dynamic_slice' op start indices must be integer scalars, found tensor<1xi32>}}
  %0 = jaxr.dynamic_slice %a[%i, %j] sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<1xi32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @dynamic_slice_float_index(%a: tensor<4x6xf32>, %i: tensor<i32>, %j: tensor<f32>) {
  // expected-error @+1 {{start indices must be integer scalars, found tensor<f32>}}
  %0 = jaxr.dynamic_slice %a[%i, %j] sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<f32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @dynamic_slice_mixed_index_types(%a: tensor<4x6xf32>, %i: tensor<i32>, %j: tensor<i64>) {
  // expected-error @+1 {{'jaxr.dynamic_slice' op start indices must all have the same type}}
  %0 = jaxr.dynamic_slice %a[%i, %j] sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<i64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @dynamic_slice_size_too_large(%a: tensor<4x6xf32>, %i: tensor<i32>) {
  // expected-error @+1 {{'jaxr.dynamic_slice' op slice size 5 of dimension 0 must lie in [0, 4]}}
  %0 = jaxr.dynamic_slice %a[%i, %i] sizes = [5, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<5x3xf32>
  return
}

// -----

func.func @dynamic_slice_sizes_length(%a: tensor<4x6xf32>, %i: tensor<i32>) {
  // expected-error @+1 {{'jaxr.dynamic_slice' op slice_sizes has 1 entries, expected one per operand dimension (2)}}
  %0 = jaxr.dynamic_slice %a[%i, %i] sizes = [2] : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2xf32>
  return
}

// -----

func.func @dynamic_update_slice_update_too_large(%a: tensor<4x6xf32>, %u: tensor<5x1xf32>, %i: tensor<i32>) {
  // expected-error @+1 {{'jaxr.dynamic_update_slice' op update dimension 0 (size 5) is larger than the operand's (size 4)}}
  %0 = jaxr.dynamic_update_slice %a, %u[%i, %i] : (tensor<4x6xf32>, tensor<5x1xf32>, tensor<i32>, tensor<i32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @dynamic_update_slice_update_rank(%a: tensor<4x6xf32>, %u: tensor<2xf32>, %i: tensor<i32>) {
  // expected-error @+1 {{'jaxr.dynamic_update_slice' op the update tensor<2xf32> must have the operand's rank and element type (tensor<4x6xf32>)}}
  %0 = jaxr.dynamic_update_slice %a, %u[%i, %i] : (tensor<4x6xf32>, tensor<2xf32>, tensor<i32>, tensor<i32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @dynamic_update_slice_index_count(%a: tensor<4x6xf32>, %u: tensor<1x1xf32>, %i: tensor<i32>) {
  // expected-error @+1 {{'jaxr.dynamic_update_slice' op expects 2 start indices (one per dimension), found 1}}
  %0 = jaxr.dynamic_update_slice %a, %u[%i] : (tensor<4x6xf32>, tensor<1x1xf32>, tensor<i32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @dynamic_update_slice_without_update(%a: tensor<4x6xf32>) {
  // expected-error @+1 {{'jaxr.dynamic_update_slice' op expected 2 or more operands, but found 1}}
  %0 = "jaxr.dynamic_update_slice"(%a) : (tensor<4x6xf32>) -> tensor<4x6xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

func.func @reduce_axis_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.reduce_sum' op reduction axis 2 is out of range for rank 2}}
  %0 = jaxr.reduce_sum %a, axes = [2] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @reduce_axis_twice(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.reduce_max' op reduction axis 0 appears twice}}
  %0 = jaxr.reduce_max %a, axes = [0, 0] : tensor<2x3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @reduce_negative_axis(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.reduce_min' op reduction axis -1 is out of range for rank 2}}
  %0 = jaxr.reduce_min %a, axes = [-1] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_sum_of_bool(%a: tensor<2x3xi1>) {
  // expected-error @+1 {{'jaxr.reduce_sum' op the operand must have an integer or floating-point element type (not i1), found i1}}
  %0 = jaxr.reduce_sum %a, axes = [0] : tensor<2x3xi1> -> tensor<3xi1>
  return
}

// -----

func.func @reduce_and_of_float(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.reduce_and' op the operand must have an integer or i1 element type, found f32}}
  %0 = jaxr.reduce_and %a, axes = [0] : tensor<2x3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @reduce_wrong_result(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.reduce_prod' op result type must be tensor<3xf32>, found tensor<2xf32>}}
  %0 = jaxr.reduce_prod %a, axes = [0] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_axes_not_i64(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{Invalid attribute `axes` in property conversion: array<i32: 0>}}
  %0 = "jaxr.reduce_sum"(%a) <{axes = array<i32: 0>}> : (tensor<2x3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @argmax_on_empty_axis(%a: tensor<2x0xf32>) {
  // expected-error @+1 {{'jaxr.argmax' op axis 1 has size 0: there is no extremum}}
  %0 = jaxr.argmax %a, axis = 1 : tensor<2x0xf32> -> tensor<2xi32>
  return
}

// -----

func.func @argmin_axis_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.argmin' op axis 2 is out of range for rank 2}}
  %0 = jaxr.argmin %a, axis = 2 : tensor<2x3xf32> -> tensor<2xi32>
  return
}

// -----

func.func @argmax_float_index(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'jaxr.argmax' op the index type must be an integer type, found f32}}
  %0 = jaxr.argmax %a, axis = 1 : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// dot_general
//===----------------------------------------------------------------------===//

func.func @dot_general_contracting_sizes(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{'jaxr.dot_general' op contracting dimension sizes differ: lhs dimension 1 has size 3, rhs dimension 0 has size 4 (operand types: tensor<2x3xf32>, tensor<4x5xf32>)}}
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @dot_general_batch_sizes(%a: tensor<7x2x3xf32>, %b: tensor<6x3x5xf32>) {
  // expected-error @+1 {{'jaxr.dot_general' op batch dimension sizes differ: lhs dimension 0 has size 7, rhs dimension 0 has size 6}}
  %0 = jaxr.dot_general %a, %b, contracting = [2] x [1], batch = [0] x [0] : (tensor<7x2x3xf32>, tensor<6x3x5xf32>) -> tensor<7x2x5xf32>
  return
}

// -----

func.func @dot_general_contracting_count(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{'jaxr.dot_general' op lhs and rhs need as many contracting dimensions}}
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @dot_general_batch_count(%a: tensor<7x2x3xf32>, %b: tensor<7x3x5xf32>) {
  // expected-error @+1 {{'jaxr.dot_general' op lhs and rhs need as many batch dimensions}}
  %0 = jaxr.dot_general %a, %b, contracting = [2] x [1], batch = [0] x [] : (tensor<7x2x3xf32>, tensor<7x3x5xf32>) -> tensor<7x2x5xf32>
  return
}

// -----

func.func @dot_general_element_types_differ(%a: tensor<2x3xf32>, %b: tensor<3x5xf16>) {
  // expected-error @+1 {{'jaxr.dot_general' op operands must share an element type, found f32 and f16}}
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf16>) -> tensor<2x5xf32>
  return
}

// -----

func.func @dot_general_result_class(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{'jaxr.dot_general' op the result element type i32 does not suit f32 operands}}
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xi32>
  return
}

// -----

func.func @dot_general_dimension_out_of_range(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{'jaxr.dot_general' op lhs batch/contracting dimension 2 is out of range for rank 2}}
  %0 = jaxr.dot_general %a, %b, contracting = [2] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @dot_general_dimension_used_twice(%a: tensor<3x3xf32>, %b: tensor<3x3xf32>) {
  // expected-error @+1 {{'jaxr.dot_general' op rhs batch/contracting dimension 0 appears twice}}
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [0] x [0] : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @dot_general_on_bool(%a: tensor<2x3xi1>, %b: tensor<3x5xi1>) {
  // expected-error @+1 {{'jaxr.dot_general' op the operands must have an integer or floating-point element type (not i1), found i1}}
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xi1>, tensor<3x5xi1>) -> tensor<2x5xi1>
  return
}

// -----

func.func @dot_general_wrong_result(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{'jaxr.dot_general' op result type must be tensor<2x5xf32>, found tensor<5x2xf32>}}
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<5x2xf32>
  return
}
