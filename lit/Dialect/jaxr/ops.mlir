// Round trip of every op of the jaxr dialect: the pretty form parses,
// verifies and prints back, both directly and through the generic form.
//
// RUN: jaxr-opt %s | jaxr-opt | FileCheck %s
// RUN: jaxr-opt %s --mlir-print-op-generic | jaxr-opt | FileCheck %s
// RUN: jaxr-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: jaxr-opt %s --split-input-file | jaxr-opt --split-input-file | FileCheck %s

//===----------------------------------------------------------------------===//
// Nullary
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @constant
// GENERIC-LABEL: sym_name = "constant"
func.func @constant() -> (tensor<2xf32>, tensor<i1>, tensor<3xi8>, tensor<2x2xbf16>, tensor<ui32>) {
  // CHECK: jaxr.constant dense<[1.000000e+00, -2.500000e+00]> : tensor<2xf32>
  // GENERIC: "jaxr.constant"() <{value = dense<[1.000000e+00, -2.500000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %0 = jaxr.constant dense<[1.0, -2.5]> : tensor<2xf32>
  // CHECK: jaxr.constant dense<true> : tensor<i1>
  %1 = jaxr.constant dense<true> : tensor<i1>
  // CHECK: jaxr.constant dense<[-128, 0, 127]> : tensor<3xi8>
  %2 = jaxr.constant dense<[-128, 0, 127]> : tensor<3xi8>
  // CHECK: jaxr.constant dense<5.000000e-01> : tensor<2x2xbf16>
  %3 = jaxr.constant dense<0.5> : tensor<2x2xbf16>
  // CHECK: jaxr.constant dense<4294967295> : tensor<ui32>
  %4 = jaxr.constant dense<4294967295> : tensor<ui32>
  return %0, %1, %2, %3, %4 : tensor<2xf32>, tensor<i1>, tensor<3xi8>, tensor<2x2xbf16>, tensor<ui32>
}

// -----

// CHECK-LABEL: func.func @iota
// GENERIC-LABEL: sym_name = "iota"
func.func @iota() -> (tensor<4xi32>, tensor<2x3xf64>, tensor<5xui8>) {
  // CHECK: jaxr.iota dim = 0 : tensor<4xi32>
  // GENERIC: "jaxr.iota"() <{dimension = 0 : i64}> : () -> tensor<4xi32>
  %0 = jaxr.iota dim = 0 : tensor<4xi32>
  // CHECK: jaxr.iota dim = 1 : tensor<2x3xf64>
  %1 = jaxr.iota dim = 1 : tensor<2x3xf64>
  // CHECK: jaxr.iota dim = 0 : tensor<5xui8>
  %2 = jaxr.iota dim = 0 : tensor<5xui8>
  return %0, %1, %2 : tensor<4xi32>, tensor<2x3xf64>, tensor<5xui8>
}

// -----

//===----------------------------------------------------------------------===//
// Elementwise unary
//===----------------------------------------------------------------------===//

// Signed integers and floats.
// CHECK-LABEL: func.func @unary_signed_or_float
func.func @unary_signed_or_float(%f: tensor<2x3xf32>, %i: tensor<4xi64>, %h: tensor<f16>, %c: tensor<2xcomplex<f32>>) {
  // CHECK: jaxr.neg %{{.*}} : tensor<2x3xf32>
  %0 = jaxr.neg %f : tensor<2x3xf32>
  // CHECK: jaxr.neg %{{.*}} : tensor<4xi64>
  %1 = jaxr.neg %i : tensor<4xi64>
  // CHECK: jaxr.abs %{{.*}} : tensor<4xi64>
  %2 = jaxr.abs %i : tensor<4xi64>
  // CHECK: jaxr.abs %{{.*}} : tensor<f16>
  // GENERIC: "jaxr.abs"(%{{.*}}) : (tensor<f16>) -> tensor<f16>
  %3 = jaxr.abs %h : tensor<f16>
  // The modulus of a complex value is real.
  // CHECK: jaxr.abs %{{.*}} : tensor<2xcomplex<f32>> -> tensor<2xf32>
  // GENERIC: "jaxr.abs"(%{{.*}}) : (tensor<2xcomplex<f32>>) -> tensor<2xf32>
  %6 = jaxr.abs %c : tensor<2xcomplex<f32>> -> tensor<2xf32>
  // CHECK: jaxr.sign %{{.*}} : tensor<2x3xf32>
  %4 = jaxr.sign %f : tensor<2x3xf32>
  // CHECK: jaxr.sign %{{.*}} : tensor<4xi64>
  %5 = jaxr.sign %i : tensor<4xi64>
  return
}

// -----

// Floating-point only.
// CHECK-LABEL: func.func @unary_float
// GENERIC-LABEL: sym_name = "unary_float"
func.func @unary_float(%f: tensor<2x3xf32>, %d: tensor<4xf64>, %h: tensor<3xf16>, %b: tensor<2x2xbf16>) {
  // CHECK: jaxr.floor %{{.*}} : tensor<2x3xf32>
  // GENERIC: "jaxr.floor"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = jaxr.floor %f : tensor<2x3xf32>
  // CHECK: jaxr.ceil %{{.*}} : tensor<4xf64>
  %1 = jaxr.ceil %d : tensor<4xf64>
  // CHECK: jaxr.exp %{{.*}} : tensor<3xf16>
  %2 = jaxr.exp %h : tensor<3xf16>
  // CHECK: jaxr.exp2 %{{.*}} : tensor<2x2xbf16>
  %3 = jaxr.exp2 %b : tensor<2x2xbf16>
  // CHECK: jaxr.log %{{.*}} : tensor<2x3xf32>
  %4 = jaxr.log %f : tensor<2x3xf32>
  // CHECK: jaxr.log1p %{{.*}} : tensor<4xf64>
  %5 = jaxr.log1p %d : tensor<4xf64>
  // CHECK: jaxr.expm1 %{{.*}} : tensor<3xf16>
  %6 = jaxr.expm1 %h : tensor<3xf16>
  // CHECK: jaxr.sqrt %{{.*}} : tensor<2x2xbf16>
  %7 = jaxr.sqrt %b : tensor<2x2xbf16>
  // CHECK: jaxr.rsqrt %{{.*}} : tensor<2x3xf32>
  %8 = jaxr.rsqrt %f : tensor<2x3xf32>
  // CHECK: jaxr.cbrt %{{.*}} : tensor<4xf64>
  %9 = jaxr.cbrt %d : tensor<4xf64>
  // CHECK: jaxr.sin %{{.*}} : tensor<3xf16>
  %10 = jaxr.sin %h : tensor<3xf16>
  // CHECK: jaxr.cos %{{.*}} : tensor<2x2xbf16>
  %11 = jaxr.cos %b : tensor<2x2xbf16>
  // CHECK: jaxr.tan %{{.*}} : tensor<2x3xf32>
  %12 = jaxr.tan %f : tensor<2x3xf32>
  // CHECK: jaxr.tanh %{{.*}} : tensor<4xf64>
  %13 = jaxr.tanh %d : tensor<4xf64>
  // CHECK: jaxr.logistic %{{.*}} : tensor<3xf16>
  %14 = jaxr.logistic %h : tensor<3xf16>
  return
}

// -----

// Integers and booleans.
// CHECK-LABEL: func.func @unary_int
func.func @unary_int(%p: tensor<4xi1>, %i: tensor<4xi8>, %u: tensor<2xui32>, %l: tensor<i64>, %f: tensor<3xf64>) {
  // CHECK: jaxr.not %{{.*}} : tensor<4xi1>
  %0 = jaxr.not %p : tensor<4xi1>
  // CHECK: jaxr.not %{{.*}} : tensor<2xui32>
  %1 = jaxr.not %u : tensor<2xui32>
  // CHECK: jaxr.square %{{.*}} : tensor<4xi8>
  %2 = jaxr.square %i : tensor<4xi8>
  // CHECK: jaxr.square %{{.*}} : tensor<3xf64>
  %3 = jaxr.square %f : tensor<3xf64>
  // CHECK: jaxr.population_count %{{.*}} : tensor<2xui32>
  %4 = jaxr.population_count %u : tensor<2xui32>
  // CHECK: jaxr.population_count %{{.*}} : tensor<i64>
  %5 = jaxr.population_count %l : tensor<i64>
  // CHECK: jaxr.clz %{{.*}} : tensor<4xi8>
  %6 = jaxr.clz %i : tensor<4xi8>
  return
}

// -----

// CHECK-LABEL: func.func @round_integer_pow_is_finite
// GENERIC-LABEL: sym_name = "round_integer_pow_is_finite"
func.func @round_integer_pow_is_finite(%f: tensor<3xf32>, %b: tensor<2xbf16>, %i: tensor<4xi32>, %u: tensor<ui8>) {
  // CHECK: jaxr.round away_from_zero, %{{.*}} : tensor<3xf32>
  // GENERIC: "jaxr.round"(%{{.*}}) <{rounding_method = 0 : i32}> : (tensor<3xf32>) -> tensor<3xf32>
  %0 = jaxr.round away_from_zero, %f : tensor<3xf32>
  // CHECK: jaxr.round to_nearest_even, %{{.*}} : tensor<2xbf16>
  // GENERIC: "jaxr.round"(%{{.*}}) <{rounding_method = 1 : i32}> : (tensor<2xbf16>) -> tensor<2xbf16>
  %1 = jaxr.round to_nearest_even, %b : tensor<2xbf16>
  // CHECK: jaxr.integer_pow %{{.*}}, 3 : tensor<4xi32>
  // GENERIC: "jaxr.integer_pow"(%{{.*}}) <{y = 3 : i64}> : (tensor<4xi32>) -> tensor<4xi32>
  %2 = jaxr.integer_pow %i, 3 : tensor<4xi32>
  // CHECK: jaxr.integer_pow %{{.*}}, -2 : tensor<3xf32>
  %3 = jaxr.integer_pow %f, -2 : tensor<3xf32>
  // CHECK: jaxr.integer_pow %{{.*}}, 0 : tensor<ui8>
  %4 = jaxr.integer_pow %u, 0 : tensor<ui8>
  // CHECK: jaxr.is_finite %{{.*}} : tensor<3xf32> -> tensor<3xi1>
  // GENERIC: "jaxr.is_finite"(%{{.*}}) : (tensor<3xf32>) -> tensor<3xi1>
  %5 = jaxr.is_finite %f : tensor<3xf32> -> tensor<3xi1>
  // CHECK: jaxr.is_finite %{{.*}} : tensor<2xbf16> -> tensor<2xi1>
  %6 = jaxr.is_finite %b : tensor<2xbf16> -> tensor<2xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Elementwise binary
//===----------------------------------------------------------------------===//

// Numeric: add, sub, mul, div, rem.
// CHECK-LABEL: func.func @binary_numeric
// GENERIC-LABEL: sym_name = "binary_numeric"
func.func @binary_numeric(%f: tensor<2x3xf32>, %i: tensor<4xi32>, %u: tensor<ui8>, %h: tensor<2xf16>, %l: tensor<3xi64>) {
  // CHECK: jaxr.add %{{.*}}, %{{.*}} : tensor<2x3xf32>
  // GENERIC: "jaxr.add"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = jaxr.add %f, %f : tensor<2x3xf32>
  // CHECK: jaxr.add %{{.*}}, %{{.*}} : tensor<ui8>
  %1 = jaxr.add %u, %u : tensor<ui8>
  // CHECK: jaxr.sub %{{.*}}, %{{.*}} : tensor<4xi32>
  %2 = jaxr.sub %i, %i : tensor<4xi32>
  // CHECK: jaxr.mul %{{.*}}, %{{.*}} : tensor<2xf16>
  %3 = jaxr.mul %h, %h : tensor<2xf16>
  // CHECK: jaxr.div %{{.*}}, %{{.*}} : tensor<3xi64>
  %4 = jaxr.div %l, %l : tensor<3xi64>
  // CHECK: jaxr.div %{{.*}}, %{{.*}} : tensor<2x3xf32>
  %5 = jaxr.div %f, %f : tensor<2x3xf32>
  // CHECK: jaxr.rem %{{.*}}, %{{.*}} : tensor<ui8>
  %6 = jaxr.rem %u, %u : tensor<ui8>
  // CHECK: jaxr.rem %{{.*}}, %{{.*}} : tensor<2xf16>
  %7 = jaxr.rem %h, %h : tensor<2xf16>
  return
}

// -----

// pow of numbers (integers too), atan2 of floats and complex values, and
// max and min of any type.
// CHECK-LABEL: func.func @binary_float_and_any
func.func @binary_float_and_any(%d: tensor<3xf64>, %b: tensor<bf16>, %p: tensor<2xi1>, %u: tensor<4xui32>, %f: tensor<2x2xf32>, %z: tensor<complex<f64>>) {
  // CHECK: jaxr.pow %{{.*}}, %{{.*}} : tensor<3xf64>
  %0 = jaxr.pow %d, %d : tensor<3xf64>
  // CHECK: jaxr.atan2 %{{.*}}, %{{.*}} : tensor<bf16>
  %1 = jaxr.atan2 %b, %b : tensor<bf16>
  // CHECK: jaxr.pow %{{.*}}, %{{.*}} : tensor<4xui32>
  %p1 = jaxr.pow %u, %u : tensor<4xui32>
  // CHECK: jaxr.atan2 %{{.*}}, %{{.*}} : tensor<complex<f64>>
  %a1 = jaxr.atan2 %z, %z : tensor<complex<f64>>
  // CHECK: jaxr.max %{{.*}}, %{{.*}} : tensor<2xi1>
  %2 = jaxr.max %p, %p : tensor<2xi1>
  // CHECK: jaxr.max %{{.*}}, %{{.*}} : tensor<2x2xf32>
  %3 = jaxr.max %f, %f : tensor<2x2xf32>
  // CHECK: jaxr.min %{{.*}}, %{{.*}} : tensor<4xui32>
  %4 = jaxr.min %u, %u : tensor<4xui32>
  // CHECK: jaxr.min %{{.*}}, %{{.*}} : tensor<3xf64>
  %5 = jaxr.min %d, %d : tensor<3xf64>
  return
}

// -----

// Bitwise (integers and i1) and shifts (integers).
// CHECK-LABEL: func.func @binary_bitwise
func.func @binary_bitwise(%p: tensor<3xi1>, %i: tensor<2xi8>, %u: tensor<ui32>, %l: tensor<4xi64>) {
  // CHECK: jaxr.and %{{.*}}, %{{.*}} : tensor<3xi1>
  %0 = jaxr.and %p, %p : tensor<3xi1>
  // CHECK: jaxr.and %{{.*}}, %{{.*}} : tensor<ui32>
  %1 = jaxr.and %u, %u : tensor<ui32>
  // CHECK: jaxr.or %{{.*}}, %{{.*}} : tensor<2xi8>
  %2 = jaxr.or %i, %i : tensor<2xi8>
  // CHECK: jaxr.or %{{.*}}, %{{.*}} : tensor<3xi1>
  %3 = jaxr.or %p, %p : tensor<3xi1>
  // CHECK: jaxr.xor %{{.*}}, %{{.*}} : tensor<4xi64>
  %4 = jaxr.xor %l, %l : tensor<4xi64>
  // CHECK: jaxr.shift_left %{{.*}}, %{{.*}} : tensor<2xi8>
  %5 = jaxr.shift_left %i, %i : tensor<2xi8>
  // CHECK: jaxr.shift_right_logical %{{.*}}, %{{.*}} : tensor<ui32>
  %6 = jaxr.shift_right_logical %u, %u : tensor<ui32>
  // CHECK: jaxr.shift_right_arithmetic %{{.*}}, %{{.*}} : tensor<4xi64>
  %7 = jaxr.shift_right_arithmetic %l, %l : tensor<4xi64>
  return
}

// -----

// CHECK-LABEL: func.func @compare
// GENERIC-LABEL: sym_name = "compare"
func.func @compare(%f: tensor<2x3xf32>, %i: tensor<4xi32>, %u: tensor<ui8>, %p: tensor<2xi1>, %h: tensor<f16>) {
  // CHECK: jaxr.compare eq, %{{.*}}, %{{.*}} : tensor<2x3xf32> -> tensor<2x3xi1>
  // GENERIC: "jaxr.compare"(%{{.*}}, %{{.*}}) <{direction = 0 : i32}> : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  %0 = jaxr.compare eq, %f, %f : tensor<2x3xf32> -> tensor<2x3xi1>
  // CHECK: jaxr.compare ne, %{{.*}}, %{{.*}} : tensor<4xi32> -> tensor<4xi1>
  // GENERIC: "jaxr.compare"(%{{.*}}, %{{.*}}) <{direction = 1 : i32}>
  %1 = jaxr.compare ne, %i, %i : tensor<4xi32> -> tensor<4xi1>
  // CHECK: jaxr.compare lt, %{{.*}}, %{{.*}} : tensor<ui8> -> tensor<i1>
  // GENERIC: "jaxr.compare"(%{{.*}}, %{{.*}}) <{direction = 2 : i32}>
  %2 = jaxr.compare lt, %u, %u : tensor<ui8> -> tensor<i1>
  // CHECK: jaxr.compare le, %{{.*}}, %{{.*}} : tensor<2xi1> -> tensor<2xi1>
  // GENERIC: "jaxr.compare"(%{{.*}}, %{{.*}}) <{direction = 3 : i32}>
  %3 = jaxr.compare le, %p, %p : tensor<2xi1> -> tensor<2xi1>
  // CHECK: jaxr.compare gt, %{{.*}}, %{{.*}} : tensor<f16> -> tensor<i1>
  // GENERIC: "jaxr.compare"(%{{.*}}, %{{.*}}) <{direction = 4 : i32}>
  %4 = jaxr.compare gt, %h, %h : tensor<f16> -> tensor<i1>
  // CHECK: jaxr.compare ge, %{{.*}}, %{{.*}} : tensor<4xi32> -> tensor<4xi1>
  // GENERIC: "jaxr.compare"(%{{.*}}, %{{.*}}) <{direction = 5 : i32}>
  %5 = jaxr.compare ge, %i, %i : tensor<4xi32> -> tensor<4xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Selection and type conversion
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @select_n
// GENERIC-LABEL: sym_name = "select_n"
func.func @select_n(%p: tensor<3xi1>, %s: tensor<i1>, %w: tensor<3xi32>, %a: tensor<3xf32>, %b: tensor<3xf32>, %c: tensor<3xf32>) {
  // CHECK: jaxr.select_n %{{.*}}, %{{.*}}, %{{.*}} : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  // GENERIC: "jaxr.select_n"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %0 = jaxr.select_n %p, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  // A scalar selector picks whole tensors.
  // CHECK: jaxr.select_n %{{.*}}, %{{.*}}, %{{.*}} : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = jaxr.select_n %s, %a, %b : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  // An i32 selector chooses among any number of cases.
  // CHECK: jaxr.select_n %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<3xi32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %2 = jaxr.select_n %w, %a, %b, %c : (tensor<3xi32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  // CHECK: jaxr.select_n %{{.*}}, %{{.*}} : (tensor<3xi1>, tensor<3xf32>) -> tensor<3xf32>
  %3 = jaxr.select_n %p, %a : (tensor<3xi1>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

// CHECK-LABEL: func.func @clamp
func.func @clamp(%lo: tensor<f32>, %x: tensor<4xf32>, %hi: tensor<4xf32>, %ilo: tensor<3xi8>, %i: tensor<3xi8>, %u: tensor<ui32>) {
  // CHECK: jaxr.clamp %{{.*}}, %{{.*}}, %{{.*}} : (tensor<f32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %0 = jaxr.clamp %lo, %x, %hi : (tensor<f32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: jaxr.clamp %{{.*}}, %{{.*}}, %{{.*}} : (tensor<3xi8>, tensor<3xi8>, tensor<3xi8>) -> tensor<3xi8>
  %1 = jaxr.clamp %ilo, %i, %i : (tensor<3xi8>, tensor<3xi8>, tensor<3xi8>) -> tensor<3xi8>
  // CHECK: jaxr.clamp %{{.*}}, %{{.*}}, %{{.*}} : (tensor<ui32>, tensor<ui32>, tensor<ui32>) -> tensor<ui32>
  %2 = jaxr.clamp %u, %u, %u : (tensor<ui32>, tensor<ui32>, tensor<ui32>) -> tensor<ui32>
  return
}

// -----

// CHECK-LABEL: func.func @convert_element_type
// GENERIC-LABEL: sym_name = "convert_element_type"
func.func @convert_element_type(%f: tensor<2x3xf32>, %p: tensor<4xi1>, %u: tensor<ui8>, %l: tensor<2xi64>) {
  // CHECK: jaxr.convert_element_type %{{.*}} : tensor<2x3xf32> -> tensor<2x3xbf16>
  // GENERIC: "jaxr.convert_element_type"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xbf16>
  %0 = jaxr.convert_element_type %f : tensor<2x3xf32> -> tensor<2x3xbf16>
  // CHECK: jaxr.convert_element_type %{{.*}} : tensor<2x3xf32> -> tensor<2x3xi32>
  %1 = jaxr.convert_element_type %f : tensor<2x3xf32> -> tensor<2x3xi32>
  // CHECK: jaxr.convert_element_type %{{.*}} : tensor<4xi1> -> tensor<4xf16>
  %2 = jaxr.convert_element_type %p : tensor<4xi1> -> tensor<4xf16>
  // CHECK: jaxr.convert_element_type %{{.*}} : tensor<ui8> -> tensor<f64>
  %3 = jaxr.convert_element_type %u : tensor<ui8> -> tensor<f64>
  // CHECK: jaxr.convert_element_type %{{.*}} : tensor<2xi64> -> tensor<2xui32>
  %4 = jaxr.convert_element_type %l : tensor<2xi64> -> tensor<2xui32>
  return
}

// -----

// CHECK-LABEL: func.func @bitcast_convert_type
func.func @bitcast_convert_type(%f: tensor<3xf32>, %b: tensor<3x4xui8>, %u: tensor<2xui32>, %d: tensor<f64>, %h: tensor<2x2xi8>) {
  // Same width: only the element type changes.
  // CHECK: jaxr.bitcast_convert_type %{{.*}} : tensor<3xf32> -> tensor<3xi32>
  %0 = jaxr.bitcast_convert_type %f : tensor<3xf32> -> tensor<3xi32>
  // CHECK: jaxr.bitcast_convert_type %{{.*}} : tensor<2xui32> -> tensor<2xf32>
  %1 = jaxr.bitcast_convert_type %u : tensor<2xui32> -> tensor<2xf32>
  // Narrower: a trailing dimension appears.
  // CHECK: jaxr.bitcast_convert_type %{{.*}} : tensor<3xf32> -> tensor<3x4xui8>
  %2 = jaxr.bitcast_convert_type %f : tensor<3xf32> -> tensor<3x4xui8>
  // CHECK: jaxr.bitcast_convert_type %{{.*}} : tensor<f64> -> tensor<2xui32>
  %3 = jaxr.bitcast_convert_type %d : tensor<f64> -> tensor<2xui32>
  // Wider: the trailing dimension is consumed.
  // CHECK: jaxr.bitcast_convert_type %{{.*}} : tensor<3x4xui8> -> tensor<3xf32>
  %4 = jaxr.bitcast_convert_type %b : tensor<3x4xui8> -> tensor<3xf32>
  // CHECK: jaxr.bitcast_convert_type %{{.*}} : tensor<2x2xi8> -> tensor<2xbf16>
  %5 = jaxr.bitcast_convert_type %h : tensor<2x2xi8> -> tensor<2xbf16>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @broadcast_in_dim
// GENERIC-LABEL: sym_name = "broadcast_in_dim"
func.func @broadcast_in_dim(%s: tensor<f32>, %v: tensor<3xi32>, %m: tensor<1x3xbf16>) {
  // CHECK: jaxr.broadcast_in_dim %{{.*}}, dims = [] : tensor<f32> -> tensor<2x3xf32>
  // GENERIC: "jaxr.broadcast_in_dim"(%{{.*}}) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<2x3xf32>
  %0 = jaxr.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<2x3xf32>
  // CHECK: jaxr.broadcast_in_dim %{{.*}}, dims = [1] : tensor<3xi32> -> tensor<4x3xi32>
  // GENERIC: "jaxr.broadcast_in_dim"(%{{.*}}) <{broadcast_dimensions = array<i64: 1>}> : (tensor<3xi32>) -> tensor<4x3xi32>
  %1 = jaxr.broadcast_in_dim %v, dims = [1] : tensor<3xi32> -> tensor<4x3xi32>
  // A size-1 operand dimension stretches.
  // CHECK: jaxr.broadcast_in_dim %{{.*}}, dims = [0, 2] : tensor<1x3xbf16> -> tensor<5x2x3xbf16>
  %2 = jaxr.broadcast_in_dim %m, dims = [0, 2] : tensor<1x3xbf16> -> tensor<5x2x3xbf16>
  return
}

// -----

// CHECK-LABEL: func.func @reshape
func.func @reshape(%a: tensor<2x3xf32>, %s: tensor<i8>, %z: tensor<0x4xui32>) {
  // CHECK: jaxr.reshape %{{.*}} : tensor<2x3xf32> -> tensor<6xf32>
  %0 = jaxr.reshape %a : tensor<2x3xf32> -> tensor<6xf32>
  // CHECK: jaxr.reshape %{{.*}} : tensor<2x3xf32> -> tensor<3x1x2xf32>
  %1 = jaxr.reshape %a : tensor<2x3xf32> -> tensor<3x1x2xf32>
  // CHECK: jaxr.reshape %{{.*}} : tensor<i8> -> tensor<1x1xi8>
  %2 = jaxr.reshape %s : tensor<i8> -> tensor<1x1xi8>
  // CHECK: jaxr.reshape %{{.*}} : tensor<0x4xui32> -> tensor<2x0xui32>
  %3 = jaxr.reshape %z : tensor<0x4xui32> -> tensor<2x0xui32>
  return
}

// -----

// CHECK-LABEL: func.func @transpose
// GENERIC-LABEL: sym_name = "transpose"
func.func @transpose(%a: tensor<2x3x4xf64>, %b: tensor<2x5xi1>) {
  // CHECK: jaxr.transpose %{{.*}}, perm = [2, 0, 1] : tensor<2x3x4xf64> -> tensor<4x2x3xf64>
  // GENERIC: "jaxr.transpose"(%{{.*}}) <{permutation = array<i64: 2, 0, 1>}> : (tensor<2x3x4xf64>) -> tensor<4x2x3xf64>
  %0 = jaxr.transpose %a, perm = [2, 0, 1] : tensor<2x3x4xf64> -> tensor<4x2x3xf64>
  // CHECK: jaxr.transpose %{{.*}}, perm = [1, 0] : tensor<2x5xi1> -> tensor<5x2xi1>
  %1 = jaxr.transpose %b, perm = [1, 0] : tensor<2x5xi1> -> tensor<5x2xi1>
  return
}

// -----

// CHECK-LABEL: func.func @rev
func.func @rev(%a: tensor<2x3xf16>, %b: tensor<4xui8>) {
  // CHECK: jaxr.rev %{{.*}}, dims = [0, 1] : tensor<2x3xf16>
  %0 = jaxr.rev %a, dims = [0, 1] : tensor<2x3xf16>
  // CHECK: jaxr.rev %{{.*}}, dims = [0] : tensor<4xui8>
  %1 = jaxr.rev %b, dims = [0] : tensor<4xui8>
  // CHECK: jaxr.rev %{{.*}}, dims = [] : tensor<4xui8>
  %2 = jaxr.rev %b, dims = [] : tensor<4xui8>
  return
}

// -----

// CHECK-LABEL: func.func @concatenate
// GENERIC-LABEL: sym_name = "concatenate"
func.func @concatenate(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %c: tensor<5xi64>) {
  // CHECK: jaxr.concatenate(%{{.*}}, %{{.*}}) dim = 0 : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
  // GENERIC: "jaxr.concatenate"(%{{.*}}, %{{.*}}) <{dimension = 0 : i64}> : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
  %0 = jaxr.concatenate(%a, %b) dim = 0 : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
  // CHECK: jaxr.concatenate(%{{.*}}, %{{.*}}) dim = 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  %1 = jaxr.concatenate(%a, %a) dim = 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  // CHECK: jaxr.concatenate(%{{.*}}, %{{.*}}, %{{.*}}) dim = 0 : (tensor<5xi64>, tensor<5xi64>, tensor<5xi64>) -> tensor<15xi64>
  %2 = jaxr.concatenate(%c, %c, %c) dim = 0 : (tensor<5xi64>, tensor<5xi64>, tensor<5xi64>) -> tensor<15xi64>
  // CHECK: jaxr.concatenate(%{{.*}}) dim = 0 : (tensor<5xi64>) -> tensor<5xi64>
  %3 = jaxr.concatenate(%c) dim = 0 : (tensor<5xi64>) -> tensor<5xi64>
  return
}

// -----

// CHECK-LABEL: func.func @pad
// GENERIC-LABEL: sym_name = "pad"
func.func @pad(%a: tensor<3x4xf32>, %z: tensor<f32>, %i: tensor<5xi8>, %zi: tensor<i8>) {
  // Negative edge padding crops; interior padding goes between elements.
  // CHECK: jaxr.pad %{{.*}}, %{{.*}}, low = [1, -1], high = [0, 2], interior = [1, 0] : (tensor<3x4xf32>, tensor<f32>) -> tensor<6x5xf32>
  // GENERIC: "jaxr.pad"(%{{.*}}, %{{.*}}) <{high = array<i64: 0, 2>, interior = array<i64: 1, 0>, low = array<i64: 1, -1>}> : (tensor<3x4xf32>, tensor<f32>) -> tensor<6x5xf32>
  %0 = jaxr.pad %a, %z, low = [1, -1], high = [0, 2], interior = [1, 0] : (tensor<3x4xf32>, tensor<f32>) -> tensor<6x5xf32>
  // CHECK: jaxr.pad %{{.*}}, %{{.*}}, low = [2], high = [3], interior = [2] : (tensor<5xi8>, tensor<i8>) -> tensor<18xi8>
  %1 = jaxr.pad %i, %zi, low = [2], high = [3], interior = [2] : (tensor<5xi8>, tensor<i8>) -> tensor<18xi8>
  return
}

// -----

// CHECK-LABEL: func.func @slice
// GENERIC-LABEL: sym_name = "slice"
func.func @slice(%a: tensor<10xf32>, %b: tensor<4x6xui32>) {
  // CHECK: jaxr.slice %{{.*}}, start = [1], limit = [8], strides = [3] : tensor<10xf32> -> tensor<3xf32>
  // GENERIC: "jaxr.slice"(%{{.*}}) <{limit_indices = array<i64: 8>, start_indices = array<i64: 1>, strides = array<i64: 3>}> : (tensor<10xf32>) -> tensor<3xf32>
  %0 = jaxr.slice %a, start = [1], limit = [8], strides = [3] : tensor<10xf32> -> tensor<3xf32>
  // CHECK: jaxr.slice %{{.*}}, start = [0, 2], limit = [4, 6], strides = [2, 1] : tensor<4x6xui32> -> tensor<2x4xui32>
  %1 = jaxr.slice %b, start = [0, 2], limit = [4, 6], strides = [2, 1] : tensor<4x6xui32> -> tensor<2x4xui32>
  // An empty slice.
  // CHECK: jaxr.slice %{{.*}}, start = [5], limit = [5], strides = [1] : tensor<10xf32> -> tensor<0xf32>
  %2 = jaxr.slice %a, start = [5], limit = [5], strides = [1] : tensor<10xf32> -> tensor<0xf32>
  return
}

// -----

// CHECK-LABEL: func.func @dynamic_slice
// GENERIC-LABEL: sym_name = "dynamic_slice"
func.func @dynamic_slice(%a: tensor<4x6xf32>, %i: tensor<i32>, %j: tensor<i32>, %v: tensor<8xbf16>, %k: tensor<i64>) {
  // CHECK: jaxr.dynamic_slice %{{.*}}[%{{.*}}, %{{.*}}] sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  // GENERIC: "jaxr.dynamic_slice"(%{{.*}}, %{{.*}}, %{{.*}}) <{slice_sizes = array<i64: 2, 3>}> : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  %0 = jaxr.dynamic_slice %a[%i, %j] sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  // CHECK: jaxr.dynamic_slice %{{.*}}[%{{.*}}] sizes = [4] : (tensor<8xbf16>, tensor<i64>) -> tensor<4xbf16>
  %1 = jaxr.dynamic_slice %v[%k] sizes = [4] : (tensor<8xbf16>, tensor<i64>) -> tensor<4xbf16>
  return
}

// -----

// CHECK-LABEL: func.func @dynamic_update_slice
// GENERIC-LABEL: sym_name = "dynamic_update_slice"
func.func @dynamic_update_slice(%a: tensor<4x6xf32>, %u: tensor<2x3xf32>, %i: tensor<i32>, %j: tensor<i32>, %v: tensor<8xi8>, %w: tensor<8xi8>, %k: tensor<ui32>) {
  // CHECK: jaxr.dynamic_update_slice %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}] : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>) -> tensor<4x6xf32>
  // GENERIC: "jaxr.dynamic_update_slice"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>) -> tensor<4x6xf32>
  %0 = jaxr.dynamic_update_slice %a, %u[%i, %j] : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>) -> tensor<4x6xf32>
  // CHECK: jaxr.dynamic_update_slice %{{.*}}, %{{.*}}[%{{.*}}] : (tensor<8xi8>, tensor<8xi8>, tensor<ui32>) -> tensor<8xi8>
  %1 = jaxr.dynamic_update_slice %v, %w[%k] : (tensor<8xi8>, tensor<8xi8>, tensor<ui32>) -> tensor<8xi8>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @reductions
// GENERIC-LABEL: sym_name = "reductions"
func.func @reductions(%f: tensor<2x3x4xf32>, %i: tensor<5x6xi32>, %p: tensor<3x2xi1>, %u: tensor<7xui8>, %d: tensor<2x2xf64>) {
  // CHECK: jaxr.reduce_sum %{{.*}}, axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  // GENERIC: "jaxr.reduce_sum"(%{{.*}}) <{axes = array<i64: 0, 2>}> : (tensor<2x3x4xf32>) -> tensor<3xf32>
  %0 = jaxr.reduce_sum %f, axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  // CHECK: jaxr.reduce_sum %{{.*}}, axes = [] : tensor<5x6xi32> -> tensor<5x6xi32>
  %1 = jaxr.reduce_sum %i, axes = [] : tensor<5x6xi32> -> tensor<5x6xi32>
  // CHECK: jaxr.reduce_max %{{.*}}, axes = [1] : tensor<5x6xi32> -> tensor<5xi32>
  %2 = jaxr.reduce_max %i, axes = [1] : tensor<5x6xi32> -> tensor<5xi32>
  // CHECK: jaxr.reduce_max %{{.*}}, axes = [0, 1] : tensor<3x2xi1> -> tensor<i1>
  %3 = jaxr.reduce_max %p, axes = [0, 1] : tensor<3x2xi1> -> tensor<i1>
  // CHECK: jaxr.reduce_min %{{.*}}, axes = [0] : tensor<7xui8> -> tensor<ui8>
  %4 = jaxr.reduce_min %u, axes = [0] : tensor<7xui8> -> tensor<ui8>
  // CHECK: jaxr.reduce_min %{{.*}}, axes = [1] : tensor<2x2xf64> -> tensor<2xf64>
  %5 = jaxr.reduce_min %d, axes = [1] : tensor<2x2xf64> -> tensor<2xf64>
  // CHECK: jaxr.reduce_prod %{{.*}}, axes = [1, 0] : tensor<2x2xf64> -> tensor<f64>
  %6 = jaxr.reduce_prod %d, axes = [1, 0] : tensor<2x2xf64> -> tensor<f64>
  // CHECK: jaxr.reduce_prod %{{.*}}, axes = [0] : tensor<7xui8> -> tensor<ui8>
  %7 = jaxr.reduce_prod %u, axes = [0] : tensor<7xui8> -> tensor<ui8>
  // CHECK: jaxr.reduce_and %{{.*}}, axes = [0] : tensor<3x2xi1> -> tensor<2xi1>
  %8 = jaxr.reduce_and %p, axes = [0] : tensor<3x2xi1> -> tensor<2xi1>
  // CHECK: jaxr.reduce_and %{{.*}}, axes = [0] : tensor<7xui8> -> tensor<ui8>
  %9 = jaxr.reduce_and %u, axes = [0] : tensor<7xui8> -> tensor<ui8>
  // CHECK: jaxr.reduce_or %{{.*}}, axes = [1] : tensor<3x2xi1> -> tensor<3xi1>
  %10 = jaxr.reduce_or %p, axes = [1] : tensor<3x2xi1> -> tensor<3xi1>
  // CHECK: jaxr.reduce_or %{{.*}}, axes = [0, 1] : tensor<5x6xi32> -> tensor<i32>
  %11 = jaxr.reduce_or %i, axes = [0, 1] : tensor<5x6xi32> -> tensor<i32>
  return
}

// -----

// CHECK-LABEL: func.func @arg_reductions
// GENERIC-LABEL: sym_name = "arg_reductions"
func.func @arg_reductions(%f: tensor<2x3xf32>, %i: tensor<4xi8>, %h: tensor<3x5xf16>) {
  // CHECK: jaxr.argmax %{{.*}}, axis = 1 : tensor<2x3xf32> -> tensor<2xi32>
  // GENERIC: "jaxr.argmax"(%{{.*}}) <{axis = 1 : i64}> : (tensor<2x3xf32>) -> tensor<2xi32>
  %0 = jaxr.argmax %f, axis = 1 : tensor<2x3xf32> -> tensor<2xi32>
  // CHECK: jaxr.argmax %{{.*}}, axis = 0 : tensor<4xi8> -> tensor<i64>
  %1 = jaxr.argmax %i, axis = 0 : tensor<4xi8> -> tensor<i64>
  // CHECK: jaxr.argmin %{{.*}}, axis = 0 : tensor<2x3xf32> -> tensor<3xi32>
  %2 = jaxr.argmin %f, axis = 0 : tensor<2x3xf32> -> tensor<3xi32>
  // CHECK: jaxr.argmin %{{.*}}, axis = 1 : tensor<3x5xf16> -> tensor<3xui32>
  %3 = jaxr.argmin %h, axis = 1 : tensor<3x5xf16> -> tensor<3xui32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Contraction
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @dot_general
// GENERIC-LABEL: sym_name = "dot_general"
func.func @dot_general(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %ba: tensor<7x2x3xbf16>, %bb: tensor<7x3x5xbf16>, %ia: tensor<4xi8>, %ib: tensor<4xi8>) {
  // CHECK: jaxr.dot_general %{{.*}}, %{{.*}}, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  // GENERIC: "jaxr.dot_general"(%{{.*}}, %{{.*}}) <{lhs_batch_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batch_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>}> : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  // Batched, accumulating into a wider type.
  // CHECK: jaxr.dot_general %{{.*}}, %{{.*}}, contracting = [2] x [1], batch = [0] x [0] : (tensor<7x2x3xbf16>, tensor<7x3x5xbf16>) -> tensor<7x2x5xf32>
  %1 = jaxr.dot_general %ba, %bb, contracting = [2] x [1], batch = [0] x [0] : (tensor<7x2x3xbf16>, tensor<7x3x5xbf16>) -> tensor<7x2x5xf32>
  // An integer inner product.
  // CHECK: jaxr.dot_general %{{.*}}, %{{.*}}, contracting = [0] x [0], batch = [] x [] : (tensor<4xi8>, tensor<4xi8>) -> tensor<i32>
  %2 = jaxr.dot_general %ia, %ib, contracting = [0] x [0], batch = [] x [] : (tensor<4xi8>, tensor<4xi8>) -> tensor<i32>
  // An outer product: nothing contracted.
  // CHECK: jaxr.dot_general %{{.*}}, %{{.*}}, contracting = [] x [], batch = [] x [] : (tensor<4xi8>, tensor<4xi8>) -> tensor<4x4xi32>
  %3 = jaxr.dot_general %ia, %ib, contracting = [] x [], batch = [] x [] : (tensor<4xi8>, tensor<4xi8>) -> tensor<4x4xi32>
  return
}
// -----

//===----------------------------------------------------------------------===//
// Special functions
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @special_functions
// GENERIC-LABEL: sym_name = "special_functions"
func.func @special_functions(%f: tensor<2x3xf32>, %d: tensor<f64>, %h: tensor<4xbf16>) {
  // CHECK: jaxr.erf %{{.*}} : tensor<2x3xf32>
  // GENERIC: "jaxr.erf"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = jaxr.erf %f : tensor<2x3xf32>
  // CHECK: jaxr.erfc %{{.*}} : tensor<f64>
  %1 = jaxr.erfc %d : tensor<f64>
  // CHECK: jaxr.erf_inv %{{.*}} : tensor<4xbf16>
  %2 = jaxr.erf_inv %h : tensor<4xbf16>
  return
}

// CHECK-LABEL: func.func @gamma_zeta_bessel
// GENERIC-LABEL: sym_name = "gamma_zeta_bessel"
func.func @gamma_zeta_bessel(%f: tensor<2x3xf32>, %n: tensor<2x3xf32>, %d: tensor<f64>, %h: tensor<4xbf16>) {
  // CHECK: jaxr.lgamma %{{.*}} : tensor<2x3xf32>
  // GENERIC: "jaxr.lgamma"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = jaxr.lgamma %f : tensor<2x3xf32>
  // CHECK: jaxr.digamma %{{.*}} : tensor<f64>
  %1 = jaxr.digamma %d : tensor<f64>
  // CHECK: jaxr.bessel_i1e %{{.*}} : tensor<4xbf16>
  %2 = jaxr.bessel_i1e %h : tensor<4xbf16>
  // polygamma(n, x) and zeta(x, q), in lax's operand order.
  // CHECK: jaxr.polygamma %{{.*}}, %{{.*}} : tensor<2x3xf32>
  // GENERIC: "jaxr.polygamma"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = jaxr.polygamma %n, %f : tensor<2x3xf32>
  // CHECK: jaxr.zeta %{{.*}}, %{{.*}} : tensor<f64>
  %4 = jaxr.zeta %d, %d : tensor<f64>
  // CHECK: jaxr.nextafter %{{.*}}, %{{.*}} : tensor<4xbf16>
  %5 = jaxr.nextafter %h, %h : tensor<4xbf16>
  // CHECK: jaxr.reduce_precision %{{.*}}, exponent_bits = 5, mantissa_bits = 10 : tensor<2x3xf32>
  // GENERIC: "jaxr.reduce_precision"(%{{.*}}) <{exponent_bits = 5 : i32, mantissa_bits = 10 : i32}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = jaxr.reduce_precision %f, exponent_bits = 5, mantissa_bits = 10 : tensor<2x3xf32>
  // CHECK: jaxr.reduce_precision %{{.*}}, exponent_bits = 8, mantissa_bits = 0 : tensor<f64>
  %7 = jaxr.reduce_precision %d, exponent_bits = 8, mantissa_bits = 0 : tensor<f64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Gather and scatter
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @gather
// GENERIC-LABEL: sym_name = "gather"
func.func @gather(%x: tensor<5x3xf32>, %rows: tensor<7x1xi32>, %y: tensor<2x5xi8>, %b: tensor<2x3x1xui32>) {
  // x[idx]: rows of x.
  // CHECK: jaxr.gather %{{.*}}[%{{.*}}] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
  // GENERIC: "jaxr.gather"(%{{.*}}, %{{.*}}) <{collapsed_slice_dims = array<i64: 0>, index_vector_dim = 1 : i64, indices_are_sorted = false, offset_dims = array<i64: 1>, operand_batching_dims = array<i64>, slice_sizes = array<i64: 1, 3>, start_index_map = array<i64: 0>, start_indices_batching_dims = array<i64>}> : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
  %0 = jaxr.gather %x[%rows] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
  // Batching dimensions: row b of y with the indices of batch b.
  // CHECK: jaxr.gather %{{.*}}[%{{.*}}] offset_dims = [], collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 2, slice_sizes = [1, 1], indices_are_sorted = true : (tensor<2x5xi8>, tensor<2x3x1xui32>) -> tensor<2x3xi8>
  %1 = jaxr.gather %y[%b] offset_dims = [], collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 2, slice_sizes = [1, 1], indices_are_sorted = true : (tensor<2x5xi8>, tensor<2x3x1xui32>) -> tensor<2x3xi8>
  return
}

// -----

// CHECK-LABEL: func.func @scatter
// GENERIC-LABEL: sym_name = "scatter"
func.func @scatter(%x: tensor<5x3xf32>, %idx: tensor<7x1xi32>, %rows: tensor<7x3xf32>, %v: tensor<6xi64>, %i: tensor<2x1xi32>, %u: tensor<2xi64>, %p: tensor<4xi1>, %q: tensor<2xi1>) {
  // CHECK: jaxr.scatter_add %{{.*}}[%{{.*}}], %{{.*}} update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  // GENERIC: "jaxr.scatter_add"(%{{.*}}, %{{.*}}, %{{.*}}) <{index_vector_dim = 1 : i64, indices_are_sorted = false, input_batching_dims = array<i64>, inserted_window_dims = array<i64: 0>, scatter_dims_to_operand_dims = array<i64: 0>, scatter_indices_batching_dims = array<i64>, unique_indices = false, update_window_dims = array<i64: 1>}> : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  %0 = jaxr.scatter_add %x[%idx], %rows update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  // CHECK: jaxr.scatter_mul %{{.*}}[%{{.*}}], %{{.*}} update_window_dims = [], inserted_window_dims = [0]
  %1 = jaxr.scatter_mul %v[%i], %u update_window_dims = [], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = true, unique_indices = true : (tensor<6xi64>, tensor<2x1xi32>, tensor<2xi64>) -> tensor<6xi64>
  // CHECK: jaxr.scatter_min %{{.*}}[%{{.*}}], %{{.*}} update_window_dims = [], inserted_window_dims = [0]
  %2 = jaxr.scatter_min %v[%i], %u update_window_dims = [], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<6xi64>, tensor<2x1xi32>, tensor<2xi64>) -> tensor<6xi64>
  // CHECK: jaxr.scatter_max %{{.*}}[%{{.*}}], %{{.*}} update_window_dims = [], inserted_window_dims = [0]
  %3 = jaxr.scatter_max %p[%i], %q update_window_dims = [], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<4xi1>, tensor<2x1xi32>, tensor<2xi1>) -> tensor<4xi1>
  // CHECK: jaxr.scatter %{{.*}}[%{{.*}}], %{{.*}} update_window_dims = [], inserted_window_dims = [0]
  %4 = jaxr.scatter %p[%i], %q update_window_dims = [], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = true : (tensor<4xi1>, tensor<2x1xi32>, tensor<2xi1>) -> tensor<4xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Convolution and windowed reductions
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv_general_dilated
// GENERIC-LABEL: sym_name = "conv_general_dilated"
func.func @conv_general_dilated(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>, %a: tensor<1x4x5xbf16>, %k: tensor<6x2x3xbf16>) {
  // NWC x WIO -> NWC, stride 2, padding (2, 1), rhs dilation 2.
  // CHECK: jaxr.conv_general_dilated %{{.*}}, %{{.*}}, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  // GENERIC: "jaxr.conv_general_dilated"(%{{.*}}, %{{.*}}) <{batch_group_count = 1 : i64, feature_group_count = 1 : i64, lhs_dilation = array<i64: 1>, lhs_spec = array<i64: 0, 2, 1>, out_spec = array<i64: 0, 2, 1>, padding = array<i64: 2, 1>, rhs_dilation = array<i64: 2>, rhs_spec = array<i64: 2, 1, 0>, window_strides = array<i64: 2>}> : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  // Two feature groups, accumulating into f32.
  // CHECK: jaxr.conv_general_dilated %{{.*}}, %{{.*}}, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [0, 1, 2] -> [0, 1, 2], feature_group_count = 2, batch_group_count = 1 : (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>) -> tensor<1x6x3xf32>
  %1 = jaxr.conv_general_dilated %a, %k, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [0, 1, 2] -> [0, 1, 2], feature_group_count = 2, batch_group_count = 1 : (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>) -> tensor<1x6x3xf32>
  return
}

// -----

// CHECK-LABEL: func.func @reduce_window
// GENERIC-LABEL: sym_name = "reduce_window"
func.func @reduce_window(%x: tensor<3x8xf32>, %i: tensor<5xi32>, %d: tensor<2x6xf64>) {
  // A cumulative sum along dimension 1.
  // CHECK: jaxr.reduce_window_sum %{{.*}}, window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x8xf32> -> tensor<3x8xf32>
  // GENERIC: "jaxr.reduce_window_sum"(%{{.*}}) <{base_dilation = array<i64: 1, 1>, padding = array<i64: 0, 0, 7, 0>, window_dilation = array<i64: 1, 1>, window_dimensions = array<i64: 1, 8>, window_strides = array<i64: 1, 1>}> : (tensor<3x8xf32>) -> tensor<3x8xf32>
  %0 = jaxr.reduce_window_sum %x, window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x8xf32> -> tensor<3x8xf32>
  // CHECK: jaxr.reduce_window_max %{{.*}}, window = [2], strides = [2], padding = [0, 1], base_dilation = [1], window_dilation = [1] : tensor<5xi32> -> tensor<3xi32>
  %1 = jaxr.reduce_window_max %i, window = [2], strides = [2], padding = [0, 1], base_dilation = [1], window_dilation = [1] : tensor<5xi32> -> tensor<3xi32>
  // CHECK: jaxr.reduce_window_min %{{.*}}, window = [1, 3], strides = [1, 2], padding = [0, 0, 1, 1], base_dilation = [1, 2], window_dilation = [1, 2] : tensor<2x6xf64> -> tensor<2x5xf64>
  %2 = jaxr.reduce_window_min %d, window = [1, 3], strides = [1, 2], padding = [0, 0, 1, 1], base_dilation = [1, 2], window_dilation = [1, 2] : tensor<2x6xf64> -> tensor<2x5xf64>
  // The generic form with a body: a cumulative product, then a windowed
  // argmax over two inputs.
  // CHECK: jaxr.reduce_window(%{{.*}}) init(%{{.*}}) window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x8xf32> {
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<f32>, %{{.*}}: tensor<f32>):
  // CHECK-NEXT: jaxr.mul
  // CHECK-NEXT: jaxr.yield %{{.*}} : tensor<f32>
  // CHECK-NEXT: }
  // GENERIC: "jaxr.reduce_window"(%{{.*}}, %{{.*}}) <{base_dilation = array<i64: 1, 1>, padding = array<i64: 0, 0, 7, 0>, window_dilation = array<i64: 1, 1>, window_dimensions = array<i64: 1, 8>, window_strides = array<i64: 1, 1>}> ({
  %one = jaxr.constant dense<1.0> : tensor<f32>
  %3 = jaxr.reduce_window(%x) init(%one) window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x8xf32> {
  ^bb0(%acc: tensor<f32>, %e: tensor<f32>):
    %p = jaxr.mul %acc, %e : tensor<f32>
    jaxr.yield %p : tensor<f32>
  }
  %low = jaxr.constant dense<0xFF800000> : tensor<f32>
  %zero = jaxr.constant dense<0> : tensor<i32>
  %iota = jaxr.iota dim = 1 : tensor<3x8xi32>
  // CHECK: jaxr.reduce_window(%{{.*}}, %{{.*}}) init(%{{.*}}, %{{.*}}) window = [1, 3]
  // CHECK: jaxr.yield %{{.*}}, %{{.*}} : tensor<f32>, tensor<i32>
  %4:2 = jaxr.reduce_window(%x, %iota) init(%low, %zero) window = [1, 3], strides = [1, 3], padding = [0, 0, 0, 1], base_dilation = [1, 1], window_dilation = [1, 1] : (tensor<3x8xf32>, tensor<3x8xi32>, tensor<f32>, tensor<i32>) -> (tensor<3x3xf32>, tensor<3x3xi32>) {
  ^bb0(%av: tensor<f32>, %ai: tensor<i32>, %bv: tensor<f32>, %bi: tensor<i32>):
    %gt = jaxr.compare gt, %bv, %av : tensor<f32> -> tensor<i1>
    %v = jaxr.select_n %gt, %av, %bv : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %j = jaxr.select_n %gt, %ai, %bi : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
    jaxr.yield %v, %j : tensor<f32>, tensor<i32>
  }
  return
}

// -----

//===----------------------------------------------------------------------===//
// Sorting
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @sort_and_top_k
// GENERIC-LABEL: sym_name = "sort_and_top_k"
func.func @sort_and_top_k(%x: tensor<2x5xf32>, %i: tensor<2x5xi32>, %u: tensor<7xui8>, %key: tensor<2xui64>) {
  // CHECK: jaxr.sort %{{.*}} dim = 1, num_keys = 1, is_stable = true, descending = false : tensor<2x5xf32>
  // GENERIC: "jaxr.sort"(%{{.*}}) <{descending = false, dimension = 1 : i64, is_stable = true, num_keys = 1 : i64}> : (tensor<2x5xf32>) -> tensor<2x5xf32>
  %0 = jaxr.sort %x dim = 1, num_keys = 1, is_stable = true, descending = false : tensor<2x5xf32>
  // argsort: keys carry their positions.
  // CHECK: %{{.*}}:2 = jaxr.sort %{{.*}}, %{{.*}} dim = 0, num_keys = 1, is_stable = false, descending = true : tensor<2x5xf32>, tensor<2x5xi32>
  %1:2 = jaxr.sort %x, %i dim = 0, num_keys = 1, is_stable = false, descending = true : tensor<2x5xf32>, tensor<2x5xi32>
  // CHECK: %{{.*}}:2 = jaxr.sort %{{.*}}, %{{.*}} dim = 1, num_keys = 2
  %2:2 = jaxr.sort %i, %x dim = 1, num_keys = 2, is_stable = true, descending = false : tensor<2x5xi32>, tensor<2x5xf32>
  // CHECK: %{{.*}}, %{{.*}} = jaxr.top_k %{{.*}}, k = 3, axis = 1 : tensor<2x5xf32> -> tensor<2x3xf32>, tensor<2x3xi32>
  // GENERIC: "jaxr.top_k"(%{{.*}}) <{axis = 1 : i64, k = 3 : i64}> : (tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xi32>)
  %3:2 = jaxr.top_k %x, k = 3, axis = 1 : tensor<2x5xf32> -> tensor<2x3xf32>, tensor<2x3xi32>
  // CHECK: jaxr.top_k %{{.*}}, k = 7, axis = 0 : tensor<7xui8> -> tensor<7xui8>, tensor<7xi32>
  %4:2 = jaxr.top_k %u, k = 7, axis = 0 : tensor<7xui8> -> tensor<7xui8>, tensor<7xi32>
  // CHECK: %{{.*}}:2 = jaxr.optimization_barrier %{{.*}}, %{{.*}} : (tensor<2x5xf32>, tensor<7xui8>) -> (tensor<2x5xf32>, tensor<7xui8>)
  // GENERIC: "jaxr.optimization_barrier"(%{{.*}}, %{{.*}}) : (tensor<2x5xf32>, tensor<7xui8>) -> (tensor<2x5xf32>, tensor<7xui8>)
  %5:2 = jaxr.optimization_barrier %x, %u : (tensor<2x5xf32>, tensor<7xui8>) -> (tensor<2x5xf32>, tensor<7xui8>)
  // CHECK: %{{.*}}, %{{.*}} = jaxr.rng_bit_generator three_fry %{{.*}} : tensor<2xui64> -> tensor<2xui64>, tensor<2x3xui32>
  // GENERIC: "jaxr.rng_bit_generator"(%{{.*}}) <{algorithm = 1 : i32}> : (tensor<2xui64>) -> (tensor<2xui64>, tensor<2x3xui32>)
  %6:2 = jaxr.rng_bit_generator three_fry %key : tensor<2xui64> -> tensor<2xui64>, tensor<2x3xui32>
  // CHECK: jaxr.rng_bit_generator default %{{.*}} : tensor<2xui64> -> tensor<2xui64>, tensor<f32>
  %7:2 = jaxr.rng_bit_generator default %key : tensor<2xui64> -> tensor<2xui64>, tensor<f32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @while
// GENERIC-LABEL: sym_name = "while"
func.func @while(%n: tensor<i32>, %x: tensor<4xf32>) -> (tensor<i32>, tensor<4xf32>) {
  // CHECK: %{{.*}}:2 = jaxr.while(%{{.*}}, %{{.*}}) : tensor<i32>, tensor<4xf32> cond {
  // CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i32>, %{{.*}}: tensor<4xf32>):
  // CHECK: jaxr.compare lt, %[[I]]
  // CHECK: jaxr.yield %{{.*}} : tensor<i1>
  // CHECK-NEXT: } body {
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<i32>, %{{.*}}: tensor<4xf32>):
  // CHECK: jaxr.yield %{{.*}}, %{{.*}} : tensor<i32>, tensor<4xf32>
  // CHECK-NEXT: }
  // GENERIC: "jaxr.while"(%{{.*}}, %{{.*}}) ({
  // GENERIC: "jaxr.yield"(%{{.*}}) : (tensor<i1>) -> ()
  // GENERIC: }, {
  // GENERIC: }) : (tensor<i32>, tensor<4xf32>) -> (tensor<i32>, tensor<4xf32>)
  %zero = jaxr.constant dense<0> : tensor<i32>
  %r:2 = jaxr.while (%zero, %x) : tensor<i32>, tensor<4xf32>
  cond {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>):
    %p = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %p : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>):
    %one = jaxr.constant dense<1> : tensor<i32>
    %j = jaxr.add %i, %one : tensor<i32>
    %w = jaxr.mul %v, %v : tensor<4xf32>
    jaxr.yield %j, %w : tensor<i32>, tensor<4xf32>
  }
  return %r#0, %r#1 : tensor<i32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @cond
// GENERIC-LABEL: sym_name = "cond"
func.func @cond(%index: tensor<i32>, %pred: tensor<i1>, %x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  // Branches use values of the enclosing scope.
  // CHECK: jaxr.cond %{{.*}} : tensor<i32> -> (tensor<8xf32>) {
  // CHECK-NEXT: jaxr.tanh
  // CHECK-NEXT: jaxr.yield %{{.*}} : tensor<8xf32>
  // CHECK-NEXT: }, {
  // CHECK-NEXT: jaxr.neg
  // CHECK-NEXT: jaxr.yield %{{.*}} : tensor<8xf32>
  // CHECK-NEXT: }, {
  // CHECK-NEXT: jaxr.yield %{{.*}} : tensor<8xf32>
  // CHECK-NEXT: }
  // GENERIC: "jaxr.cond"(%{{.*}}) ({
  // GENERIC: }, {
  // GENERIC: }, {
  // GENERIC: }) : (tensor<i32>) -> tensor<8xf32>
  %0 = jaxr.cond %index : tensor<i32> -> (tensor<8xf32>) {
    %t = jaxr.tanh %x : tensor<8xf32>
    jaxr.yield %t : tensor<8xf32>
  }, {
    %n = jaxr.neg %x : tensor<8xf32>
    jaxr.yield %n : tensor<8xf32>
  }, {
    jaxr.yield %x : tensor<8xf32>
  }
  // An i1 predicate: branch 0 when false, branch 1 when true.
  // CHECK: jaxr.cond %{{.*}} : tensor<i1> -> (tensor<8xf32>, tensor<i1>) {
  %1:2 = jaxr.cond %pred : tensor<i1> -> (tensor<8xf32>, tensor<i1>) {
    jaxr.yield %x, %pred : tensor<8xf32>, tensor<i1>
  }, {
    %e = jaxr.exp %x : tensor<8xf32>
    jaxr.yield %e, %pred : tensor<8xf32>, tensor<i1>
  }
  return %0, %1#0 : tensor<8xf32>, tensor<8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @triangular_solve
// GENERIC-LABEL: sym_name = "triangular_solve"
func.func @triangular_solve(%a: tensor<2x3x3xf32>, %b: tensor<2x3x4xf32>, %c: tensor<2x4x3xf32>) -> (tensor<2x3x4xf32>, tensor<2x4x3xf32>) {
  // CHECK: jaxr.triangular_solve %{{.*}}, %{{.*}}, left_side = true, lower = true, unit_diagonal = false, transpose_a = 0 : (tensor<2x3x3xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  // GENERIC: "jaxr.triangular_solve"(%{{.*}}, %{{.*}}) <{left_side = true, lower = true, transpose_a = 0 : i32, unit_diagonal = false}> : (tensor<2x3x3xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %0 = jaxr.triangular_solve %a, %b, left_side = true, lower = true, unit_diagonal = false, transpose_a = 0 : (tensor<2x3x3xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  // CHECK: jaxr.triangular_solve %{{.*}}, %{{.*}}, left_side = false, lower = false, unit_diagonal = true, transpose_a = 2 : (tensor<2x3x3xf32>, tensor<2x4x3xf32>) -> tensor<2x4x3xf32>
  %1 = jaxr.triangular_solve %a, %c, left_side = false, lower = false, unit_diagonal = true, transpose_a = 2 : (tensor<2x3x3xf32>, tensor<2x4x3xf32>) -> tensor<2x4x3xf32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<2x4x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Calls with differentiation rules
//===----------------------------------------------------------------------===//

func.func private @layer(%x: tensor<4xf32>, %w: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.mul %x, %w : tensor<4xf32>
  %1 = jaxr.tanh %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}
func.func private @layer_jvp(%x: tensor<4xf32>, %w: tensor<4xf32>, %tx: tensor<4xf32>, %tw: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = jaxr.mul %x, %w : tensor<4xf32>
  return %0, %tx : tensor<4xf32>, tensor<4xf32>
}
func.func private @layer_fwd(%x: tensor<4xf32>, %w: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<f32>) {
  %0 = jaxr.mul %x, %w : tensor<4xf32>
  %1 = jaxr.reduce_sum %0, axes = [0] : tensor<4xf32> -> tensor<f32>
  return %0, %w, %1 : tensor<4xf32>, tensor<4xf32>, tensor<f32>
}
func.func private @layer_bwd(%w: tensor<4xf32>, %s: tensor<f32>, %g: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = jaxr.mul %g, %w : tensor<4xf32>
  return %0, %g : tensor<4xf32>, tensor<4xf32>
}
// CHECK-LABEL: func.func @rule_calls
// GENERIC-LABEL: sym_name = "rule_calls"
func.func @rule_calls(%x: tensor<4xf32>, %w: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  // The default policy is not printed.
  // CHECK: jaxr.checkpoint @layer(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // GENERIC: "jaxr.checkpoint"(%{{.*}}, %{{.*}}) <{callee = @layer, policy = "nothing_saveable"}> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %0 = jaxr.checkpoint @layer(%x, %w) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: jaxr.checkpoint @layer(%{{.*}}, %{{.*}}) {policy = "checkpoint_dots"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = jaxr.checkpoint @layer(%x, %w) {policy = "checkpoint_dots"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: jaxr.custom_jvp @layer(%{{.*}}, %{{.*}}) {jvp = @layer_jvp} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // GENERIC: "jaxr.custom_jvp"(%{{.*}}, %{{.*}}) <{callee = @layer, jvp = @layer_jvp}> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = jaxr.custom_jvp @layer(%x, %w) {jvp = @layer_jvp} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: jaxr.custom_vjp @layer(%{{.*}}, %{{.*}}) {bwd = @layer_bwd, fwd = @layer_fwd} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // GENERIC: "jaxr.custom_vjp"(%{{.*}}, %{{.*}}) <{bwd = @layer_bwd, callee = @layer, fwd = @layer_fwd}> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = jaxr.custom_vjp @layer(%x, %w) {fwd = @layer_fwd, bwd = @layer_bwd} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
