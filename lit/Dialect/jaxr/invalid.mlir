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
  // expected-error @+1 {{'jaxr.log' op the operand must have a floating-point or complex element type, found i32 (operand types: tensor<4xi32>)}}
  %0 = jaxr.log %a : tensor<4xi32>
  return
}

// -----

func.func @signed_or_float_unary(%a: tensor<4xui32>) {
  // expected-error @+1 {{the operand must have a signed integer, floating-point or complex element type, found ui32}}
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
  // expected-error @+1 {{the operand must have an integer, floating-point or complex element type (not i1), found i1}}
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
  // expected-error @+1 {{'jaxr.add' op the operands must have an integer, floating-point or complex element type (not i1), found i1}}
  %0 = jaxr.add %a, %a : tensor<4xi1>
  return
}

// -----

func.func @pow_on_bool(%a: tensor<4xi1>) {
  // expected-error @+1 {{'jaxr.pow' op the operands must have an integer, floating-point or complex element type (not i1), found i1}}
  %0 = jaxr.pow %a, %a : tensor<4xi1>
  return
}

// -----

func.func @abs_declaring_a_complex_result(%a: tensor<4xcomplex<f32>>) {
  // expected-error @+1 {{'jaxr.abs' op result type must be tensor<4xf32>, found tensor<4xcomplex<f32>>}}
  %0 = jaxr.abs %a : tensor<4xcomplex<f32>>
  return
}

// -----

func.func @barrier_changing_a_type(%a: tensor<4xf32>) {
  // expected-error @+1 {{'jaxr.optimization_barrier' op result type must be tensor<4xf32>, found tensor<4xf64>}}
  %0 = jaxr.optimization_barrier %a : (tensor<4xf32>) -> tensor<4xf64>
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

func.func @unsupported_element_type(%a: tensor<2xi3>) {
  // expected-error @+1 {{'jaxr.exp' op operand #0: unsupported element type in tensor<2xi3>}}
  %0 = jaxr.exp %a : tensor<2xi3>
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
  // expected-error @+1 {{'jaxr.iota' op the result must have an integer, floating-point or complex element type (not i1), found i1}}
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
  // expected-error @+1 {{'jaxr.reduce_sum' op the operand must have an integer, floating-point or complex element type (not i1), found i1}}
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

// -----

//===----------------------------------------------------------------------===//
// Special functions
//===----------------------------------------------------------------------===//

func.func @erf_on_integers(%a: tensor<4xi32>) {
  // expected-error @+1 {{'jaxr.erf_inv' op the operand must have a floating-point element type, found i32 (operand types: tensor<4xi32>)}}
  %0 = jaxr.erf_inv %a : tensor<4xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Gather and scatter
//===----------------------------------------------------------------------===//

func.func @gather_index_components(%x: tensor<10x4xf32>, %i: tensor<6x3xi32>) {
  // expected-error @+1 {{'jaxr.gather' op start_index_map [0, 1] must have one entry per index component (3) (operand types: tensor<10x4xf32>, tensor<6x3xi32>)}}
  %0 = jaxr.gather %x[%i] offset_dims = [], collapsed_slice_dims = [0, 1], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0, 1], index_vector_dim = 1, slice_sizes = [1, 1], indices_are_sorted = false : (tensor<10x4xf32>, tensor<6x3xi32>) -> tensor<6xf32>
  return
}

// -----

func.func @gather_collapsed_slice_too_big(%x: tensor<5x3xf32>, %i: tensor<7x1xi32>) {
  // expected-error @+1 {{'jaxr.gather' op slice size 2 of collapsed or batching dimension 0 must be 0 or 1}}
  %0 = jaxr.gather %x[%i] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [2, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
  return
}

// -----

func.func @gather_float_indices(%x: tensor<5x3xf32>, %i: tensor<7x1xf32>) {
  // expected-error @+1 {{'jaxr.gather' op the indices must have an integer element type, found f32}}
  %0 = jaxr.gather %x[%i] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xf32>) -> tensor<7x3xf32>
  return
}

// -----

func.func @scatter_update_shape(%x: tensor<5x3xf32>, %i: tensor<7x1xi32>, %u: tensor<6x3xf32>) {
  // expected-error @+1 {{'jaxr.scatter_add' op the update dimensions outside update_window_dims must have the sizes [7] of the indices (without index_vector_dim), found [6]}}
  %0 = jaxr.scatter_add %x[%i], %u update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<6x3xf32>) -> tensor<5x3xf32>
  return
}

// -----

func.func @scatter_add_on_bool(%x: tensor<4xi1>, %i: tensor<2x1xi32>, %u: tensor<2xi1>) {
  // expected-error @+1 {{'jaxr.scatter_add' op the operand must have an integer or floating-point element type (not i1), found i1}}
  %0 = jaxr.scatter_add %x[%i], %u update_window_dims = [], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<4xi1>, tensor<2x1xi32>, tensor<2xi1>) -> tensor<4xi1>
  return
}

// -----

func.func @scatter_window_too_big(%x: tensor<5x3xf32>, %i: tensor<7x1xi32>, %u: tensor<7x4xf32>) {
  // expected-error @+1 {{'jaxr.scatter' op update window dimension 1 (size 4) is larger than operand dimension 1 (size 3)}}
  %0 = jaxr.scatter %x[%i], %u update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x4xf32>) -> tensor<5x3xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Convolution and windowed reductions
//===----------------------------------------------------------------------===//

func.func @conv_feature_mismatch(%x: tensor<2x16x3xf32>, %w: tensor<3x2x4xf32>) {
  // expected-error @+1 {{'jaxr.conv_general_dilated' op the rhs input feature size 2 must be the lhs feature size 3 divided by feature_group_count 1}}
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x2x4xf32>) -> tensor<2x14x4xf32>
  return
}

// -----

func.func @conv_both_group_counts(%x: tensor<4x4x5xf32>, %w: tensor<4x2x3xf32>) {
  // expected-error @+1 {{'jaxr.conv_general_dilated' op feature_group_count (2) or batch_group_count (2) must be 1}}
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [0, 1, 2] -> [0, 1, 2], feature_group_count = 2, batch_group_count = 2 : (tensor<4x4x5xf32>, tensor<4x2x3xf32>) -> tensor<2x4x3xf32>
  return
}

// -----

func.func @conv_zero_stride(%x: tensor<1x2x5xf32>, %w: tensor<3x2x3xf32>) {
  // expected-error @+1 {{'jaxr.conv_general_dilated' op window_strides [0] must be positive, found 0}}
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [0], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [0, 1, 2] -> [0, 1, 2], feature_group_count = 1, batch_group_count = 1 : (tensor<1x2x5xf32>, tensor<3x2x3xf32>) -> tensor<1x3x3xf32>
  return
}

// -----

func.func @reduce_window_padding_pairs(%x: tensor<3x8xf32>) {
  // expected-error @+1 {{'jaxr.reduce_window_sum' op padding has 2 entries, expected a (low, high) pair per operand dimension (4)}}
  %0 = jaxr.reduce_window_sum %x, window = [1, 8], strides = [1, 1], padding = [0, 7], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x8xf32> -> tensor<3x8xf32>
  return
}

// -----

func.func @reduce_window_wrong_result(%x: tensor<5xi32>) {
  // expected-error @+1 {{'jaxr.reduce_window_max' op result type must be tensor<3xi32>, found tensor<5xi32>}}
  %0 = jaxr.reduce_window_max %x, window = [2], strides = [2], padding = [0, 1], base_dilation = [1], window_dilation = [1] : tensor<5xi32> -> tensor<5xi32>
  return
}

// -----

func.func @reduce_window_body_arguments(%x: tensor<3x8xf32>, %init: tensor<f32>) {
  // expected-error @+1 {{'jaxr.reduce_window' op the arguments of region 'body' (accumulators, then elements, as scalars) must be (tensor<f32>, tensor<f32>), found (tensor<f64>, tensor<f64>)}}
  %0 = jaxr.reduce_window(%x) init(%init) window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x8xf32> {
  ^bb0(%a: tensor<f64>, %b: tensor<f64>):
    %p = jaxr.mul %a, %b : tensor<f64>
    %q = jaxr.convert_element_type %p : tensor<f64> -> tensor<f32>
    jaxr.yield %q : tensor<f32>
  }
  return
}

// -----

func.func @reduce_window_init_not_scalar(%x: tensor<3x8xf32>, %init: tensor<1xf32>) {
  // expected-error @+1 {{'jaxr.reduce_window' op the init value tensor<1xf32> must be a scalar of its input's element type (tensor<3x8xf32>)}}
  %0 = jaxr.reduce_window(%x) init(%init) window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : (tensor<3x8xf32>, tensor<1xf32>) -> tensor<3x8xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %p = jaxr.mul %a, %b : tensor<f32>
    jaxr.yield %p : tensor<f32>
  }
  return
}

// -----

//===----------------------------------------------------------------------===//
// Sorting
//===----------------------------------------------------------------------===//

func.func @sort_too_many_keys(%x: tensor<5xf32>, %i: tensor<5xi32>) {
  // expected-error @+1 {{'jaxr.sort' op num_keys 3 must lie in [1, 2] (the number of operands)}}
  %0:2 = jaxr.sort %x, %i dim = 0, num_keys = 3, is_stable = true, descending = false : tensor<5xf32>, tensor<5xi32>
  return
}

// -----

func.func @sort_shapes_differ(%x: tensor<5xf32>, %i: tensor<4xi32>) {
  // expected-error @+1 {{'jaxr.sort' op all operands must have the same shape, found tensor<5xf32> and tensor<4xi32>}}
  %0:2 = jaxr.sort %x, %i dim = 0, num_keys = 1, is_stable = true, descending = false : tensor<5xf32>, tensor<4xi32>
  return
}

// -----

func.func @top_k_too_many(%x: tensor<2x5xf32>) {
  // expected-error @+1 {{'jaxr.top_k' op k = 6 must lie in [0, 5] (the size of axis 1)}}
  %0:2 = jaxr.top_k %x, k = 6, axis = 1 : tensor<2x5xf32> -> tensor<2x6xf32>, tensor<2x6xi32>
  return
}

// -----

func.func @top_k_wrong_index_type(%x: tensor<2x5xf32>) {
  // expected-error @+1 {{'jaxr.top_k' op result types must be (tensor<2x3xf32>, tensor<2x3xi32>), found (tensor<2x3xf32>, tensor<2x3xi64>)}}
  %0:2 = jaxr.top_k %x, k = 3, axis = 1 : tensor<2x5xf32> -> tensor<2x3xf32>, tensor<2x3xi64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

func.func @while_body_yields_other_types(%x: tensor<4xf32>) {
  // expected-error @+1 {{'jaxr.while' op what region 'body' yields (the carried types) must be (tensor<4xf32>), found (tensor<4xf64>)}}
  %0 = jaxr.while (%x) : tensor<4xf32>
  cond {
  ^bb0(%v: tensor<4xf32>):
    %p = jaxr.constant dense<false> : tensor<i1>
    jaxr.yield %p : tensor<i1>
  } body {
  ^bb0(%v: tensor<4xf32>):
    %w = jaxr.convert_element_type %v : tensor<4xf32> -> tensor<4xf64>
    jaxr.yield %w : tensor<4xf64>
  }
  return
}

// -----

func.func @while_cond_yields_a_vector(%x: tensor<4xf32>) {
  // expected-error @+1 {{'jaxr.while' op what region 'cond' yields must be (tensor<i1>), found (tensor<4xi1>)}}
  %0 = jaxr.while (%x) : tensor<4xf32>
  cond {
  ^bb0(%v: tensor<4xf32>):
    %p = jaxr.compare lt, %v, %v : tensor<4xf32> -> tensor<4xi1>
    jaxr.yield %p : tensor<4xi1>
  } body {
  ^bb0(%v: tensor<4xf32>):
    jaxr.yield %v : tensor<4xf32>
  }
  return
}

// -----

func.func @while_block_arguments(%x: tensor<4xf32>) {
  // expected-error @+1 {{'jaxr.while' op the arguments of region 'cond' (the carried types) must be (tensor<4xf32>), found (tensor<4xf32>, tensor<i32>)}}
  %0 = jaxr.while (%x) : tensor<4xf32>
  cond {
  ^bb0(%v: tensor<4xf32>, %i: tensor<i32>):
    %p = jaxr.constant dense<false> : tensor<i1>
    jaxr.yield %p : tensor<i1>
  } body {
  ^bb0(%v: tensor<4xf32>):
    jaxr.yield %v : tensor<4xf32>
  }
  return
}

// -----

func.func @cond_branch_yields_other_type(%i: tensor<i32>, %x: tensor<8xf32>) {
  // expected-error @+1 {{'jaxr.cond' op what branch 1 yields (the result types) must be (tensor<8xf32>), found (tensor<8xi1>)}}
  %0 = jaxr.cond %i : tensor<i32> -> (tensor<8xf32>) {
    jaxr.yield %x : tensor<8xf32>
  }, {
    %p = jaxr.compare lt, %x, %x : tensor<8xf32> -> tensor<8xi1>
    jaxr.yield %p : tensor<8xi1>
  }
  return
}

// -----

func.func @cond_predicate_with_three_branches(%p: tensor<i1>, %x: tensor<8xf32>) {
  // expected-error @+1 {{'jaxr.cond' op an i1 predicate selects between 2 branches, found 3}}
  %0 = jaxr.cond %p : tensor<i1> -> (tensor<8xf32>) {
    jaxr.yield %x : tensor<8xf32>
  }, {
    jaxr.yield %x : tensor<8xf32>
  }, {
    jaxr.yield %x : tensor<8xf32>
  }
  return
}

// -----

func.func @cond_float_index(%i: tensor<f32>, %x: tensor<8xf32>) {
  // expected-error @+1 {{'jaxr.cond' op the index must be a tensor<i32> or a tensor<i1> predicate, found tensor<f32>}}
  %0 = jaxr.cond %i : tensor<f32> -> (tensor<8xf32>) {
    jaxr.yield %x : tensor<8xf32>
  }
  return
}

// -----

func.func @cond_branch_with_arguments(%i: tensor<i32>, %x: tensor<8xf32>) {
  // expected-error @+1 {{'jaxr.cond' op branch 0 must take no arguments (it uses values of the enclosing scope), found (tensor<8xf32>)}}
  %0 = jaxr.cond %i : tensor<i32> -> (tensor<8xf32>) {
  ^bb0(%y: tensor<8xf32>):
    jaxr.yield %y : tensor<8xf32>
  }
  return
}

// -----

func.func @yield_outside_a_region_op(%x: tensor<8xf32>) {
  // expected-error @+1 {{'jaxr.yield' op expects parent op to be one of 'jaxr.while, jaxr.cond, jaxr.reduce_window'}}
  jaxr.yield %x : tensor<8xf32>
}

// -----

func.func @triangular_solve_on_the_wrong_side(%a: tensor<3x3xf32>, %b: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'jaxr.triangular_solve' op with a on the right side, the last dimension of b must be 3 (a's), found tensor<3x3xf32> and tensor<3x4xf32>}}
  %0 = jaxr.triangular_solve %a, %b, left_side = false, lower = true, unit_diagonal = false, transpose_a = 0 : (tensor<3x3xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @triangular_solve_of_integers(%a: tensor<3x3xi32>, %b: tensor<3x4xi32>) -> tensor<3x4xi32> {
  // expected-error @+1 {{triangular_solve needs float or complex operands, found tensor<3x3xi32>}}
  %0 = jaxr.triangular_solve %a, %b, left_side = true, lower = true, unit_diagonal = false, transpose_a = 0 : (tensor<3x3xi32>, tensor<3x4xi32>) -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

func.func @triangular_solve_with_an_unknown_transpose(%a: tensor<3x3xf32>, %b: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{transpose_a must be 0 (NO_TRANSPOSE), 1 (TRANSPOSE) or 2 (ADJOINT)}}
  %0 = jaxr.triangular_solve %a, %b, left_side = true, lower = true, unit_diagonal = false, transpose_a = 3 : (tensor<3x3xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @dot_algorithm_missing_a_field(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{'jaxr.dot_general' op dot algorithm field 'allow_imprecise_accumulation' is missing}}
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] {algorithm = #stablehlo.dot_algorithm<lhs_precision_type = f32, rhs_precision_type = f32, accumulation_type = f32, lhs_component_count = 1, rhs_component_count = 1, num_primitive_operations = 1>} : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @three_fry_with_a_philox_state(%s: tensor<3xui64>) {
  // expected-error @+1 {{'jaxr.rng_bit_generator' op a THREE_FRY state must be tensor<2xui64>, found tensor<3xui64>}}
  %0:2 = jaxr.rng_bit_generator three_fry %s : tensor<3xui64> -> tensor<3xui64>, tensor<4xui32>
  return
}

// -----

// Calls with differentiation rules are checked against the functions they name.

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
func.func @unknown_policy(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{unknown checkpoint policy "save_only_these_names"; expected one of nothing_saveable, dots_saveable (checkpoint_dots), dots_with_no_batch_dims_saveable (checkpoint_dots_with_no_batch_dims), everything_saveable}}
  %0 = jaxr.checkpoint @f(%x) {policy = "save_only_these_names"} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
func.func @wrong_type(%x: tensor<3xf64>) -> tensor<3xf64> {
  // expected-error @+1 {{callee '@f' has type (tensor<3xf32>) -> (tensor<3xf32>), but this op needs (tensor<3xf64>) -> (tensor<3xf64>)}}
  %0 = jaxr.checkpoint @f(%x) : (tensor<3xf64>) -> tensor<3xf64>
  return %0 : tensor<3xf64>
}

// -----

func.func @missing_callee(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{callee '@nowhere' does not name a func.func in this module}}
  %0 = jaxr.checkpoint @nowhere(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
func.func private @f_jvp(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  return %x, %x : tensor<3xf32>, tensor<3xf32>
}
func.func @jvp_rule_without_tangents(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{jvp rule '@f_jvp' has type (tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>), but a rule (arguments, tangents) -> (results, tangents) needs (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)}}
  %0 = jaxr.custom_jvp @f(%x) {jvp = @f_jvp} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
func.func private @f_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>) {
  %0 = jaxr.reduce_sum %x, axes = [0] : tensor<3xf32> -> tensor<f32>
  return %x, %0 : tensor<3xf32>, tensor<f32>
}
func.func private @f_bwd(%r: tensor<3xf32>, %g: tensor<3xf32>) -> tensor<3xf32> {
  return %g : tensor<3xf32>
}
func.func @bwd_takes_other_residuals(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{bwd '@f_bwd' has type (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>), but a rule (residuals, cotangents) -> a cotangent per argument needs (tensor<f32>, tensor<3xf32>) -> (tensor<3xf32>)}}
  %0 = jaxr.custom_vjp @f(%x) {fwd = @f_fwd, bwd = @f_bwd} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
func.func private @f_fwd(%x: tensor<3xf32>) -> tensor<f32> {
  %0 = jaxr.reduce_sum %x, axes = [0] : tensor<3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @f_bwd(%g: tensor<3xf32>) -> tensor<3xf32> {
  return %g : tensor<3xf32>
}
func.func @fwd_without_the_results(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{fwd '@f_fwd' has type (tensor<3xf32>) -> (tensor<f32>), but a rule arguments -> (results, residuals) needs (tensor<3xf32>) -> (tensor<3xf32>)}}
  %0 = jaxr.custom_vjp @f(%x) {fwd = @f_fwd, bwd = @f_bwd} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
