// Elementwise StableHLO and CHLO ops in JAX's pretty syntax: unary and binary
// ops (`op %a, %b : T`, the compact form of custom<SameOperandsAndResultType>),
// chlo's `: T -> R`, compare with each direction and compare type, select
// (`: P, T`), clamp (compact or functional type), convert, bitcast_convert.
//
// (a) The pretty text prints back as JAX prints it, each line exactly
// (jaxlib 0.10.2's own printer gives the same lines).
// RUN: jaxr-opt %s --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (b) MLIR's generic form reads back to the same pretty text.
// RUN: jaxr-opt %s --split-input-file --emit=generic | jaxr-opt --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (c) Raising to jaxr and lowering back leaves a module of StableHLO alone
// (jaxr-opt prints pretty StableHLO only when no jaxr op is left). chlo.square
// comes back as a multiply, a compare without a type gets FLOAT.
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr, convert-jaxr-to-stablehlo)' | FileCheck %s --check-prefix=ROUND --strict-whitespace --match-full-lines

// CHECK-LABEL:  func.func @unary_float(%arg0: tensor<4xf32>) -> tensor<4xf32> {
// CHECK-NEXT:    %0 = stablehlo.abs %arg0 : tensor<4xf32>
// CHECK-NEXT:    %1 = stablehlo.negate %0 : tensor<4xf32>
// CHECK-NEXT:    %2 = stablehlo.exponential %1 : tensor<4xf32>
// CHECK-NEXT:    %3 = stablehlo.exponential_minus_one %2 : tensor<4xf32>
// CHECK-NEXT:    %4 = stablehlo.log %3 : tensor<4xf32>
// CHECK-NEXT:    %5 = stablehlo.log_plus_one %4 : tensor<4xf32>
// CHECK-NEXT:    %6 = stablehlo.logistic %5 : tensor<4xf32>
// CHECK-NEXT:    %7 = stablehlo.sqrt %6 : tensor<4xf32>
// CHECK-NEXT:    %8 = stablehlo.rsqrt %7 : tensor<4xf32>
// CHECK-NEXT:    %9 = stablehlo.cbrt %8 : tensor<4xf32>
// CHECK-NEXT:    %10 = stablehlo.sine %9 : tensor<4xf32>
// CHECK-NEXT:    %11 = stablehlo.cosine %10 : tensor<4xf32>
// CHECK-NEXT:    %12 = stablehlo.tan %11 : tensor<4xf32>
// CHECK-NEXT:    %13 = stablehlo.tanh %12 : tensor<4xf32>
// CHECK-NEXT:    %14 = stablehlo.floor %13 : tensor<4xf32>
// CHECK-NEXT:    %15 = stablehlo.ceil %14 : tensor<4xf32>
// CHECK-NEXT:    %16 = stablehlo.sign %15 : tensor<4xf32>
// CHECK-NEXT:    %17 = stablehlo.round_nearest_afz %16 : tensor<4xf32>
// CHECK-NEXT:    %18 = stablehlo.round_nearest_even %17 : tensor<4xf32>
// CHECK-NEXT:    return %18 : tensor<4xf32>
// ROUND-LABEL:  func.func @unary_float(%arg0: tensor<4xf32>) -> tensor<4xf32> {
// ROUND-NEXT:    %0 = stablehlo.abs %arg0 : tensor<4xf32>
// ROUND-NEXT:    %1 = stablehlo.negate %0 : tensor<4xf32>
// ROUND-NEXT:    %2 = stablehlo.exponential %1 : tensor<4xf32>
// ROUND-NEXT:    %3 = stablehlo.exponential_minus_one %2 : tensor<4xf32>
// ROUND-NEXT:    %4 = stablehlo.log %3 : tensor<4xf32>
// ROUND-NEXT:    %5 = stablehlo.log_plus_one %4 : tensor<4xf32>
// ROUND-NEXT:    %6 = stablehlo.logistic %5 : tensor<4xf32>
// ROUND-NEXT:    %7 = stablehlo.sqrt %6 : tensor<4xf32>
// ROUND-NEXT:    %8 = stablehlo.rsqrt %7 : tensor<4xf32>
// ROUND-NEXT:    %9 = stablehlo.cbrt %8 : tensor<4xf32>
// ROUND-NEXT:    %10 = stablehlo.sine %9 : tensor<4xf32>
// ROUND-NEXT:    %11 = stablehlo.cosine %10 : tensor<4xf32>
// ROUND-NEXT:    %12 = stablehlo.tan %11 : tensor<4xf32>
// ROUND-NEXT:    %13 = stablehlo.tanh %12 : tensor<4xf32>
// ROUND-NEXT:    %14 = stablehlo.floor %13 : tensor<4xf32>
// ROUND-NEXT:    %15 = stablehlo.ceil %14 : tensor<4xf32>
// ROUND-NEXT:    %16 = stablehlo.sign %15 : tensor<4xf32>
// ROUND-NEXT:    %17 = stablehlo.round_nearest_afz %16 : tensor<4xf32>
// ROUND-NEXT:    %18 = stablehlo.round_nearest_even %17 : tensor<4xf32>
// ROUND-NEXT:    return %18 : tensor<4xf32>

func.func @unary_float(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.abs %x : tensor<4xf32>
  %1 = stablehlo.negate %0 : tensor<4xf32>
  %2 = stablehlo.exponential %1 : tensor<4xf32>
  %3 = stablehlo.exponential_minus_one %2 : tensor<4xf32>
  %4 = stablehlo.log %3 : tensor<4xf32>
  %5 = stablehlo.log_plus_one %4 : tensor<4xf32>
  %6 = stablehlo.logistic %5 : tensor<4xf32>
  %7 = stablehlo.sqrt %6 : tensor<4xf32>
  %8 = stablehlo.rsqrt %7 : tensor<4xf32>
  %9 = stablehlo.cbrt %8 : tensor<4xf32>
  %10 = stablehlo.sine %9 : tensor<4xf32>
  %11 = stablehlo.cosine %10 : tensor<4xf32>
  %12 = stablehlo.tan %11 : tensor<4xf32>
  %13 = stablehlo.tanh %12 : tensor<4xf32>
  %14 = stablehlo.floor %13 : tensor<4xf32>
  %15 = stablehlo.ceil %14 : tensor<4xf32>
  %16 = stablehlo.sign %15 : tensor<4xf32>
  %17 = stablehlo.round_nearest_afz %16 : tensor<4xf32>
  %18 = stablehlo.round_nearest_even %17 : tensor<4xf32>
  return %18 : tensor<4xf32>
}


// -----

// CHECK-LABEL:  func.func @unary_int(%arg0: tensor<3xi32>) -> tensor<3xi32> {
// CHECK-NEXT:    %0 = stablehlo.not %arg0 : tensor<3xi32>
// CHECK-NEXT:    %1 = stablehlo.popcnt %0 : tensor<3xi32>
// CHECK-NEXT:    %2 = stablehlo.count_leading_zeros %1 : tensor<3xi32>
// CHECK-NEXT:    return %2 : tensor<3xi32>
// ROUND-LABEL:  func.func @unary_int(%arg0: tensor<3xi32>) -> tensor<3xi32> {
// ROUND-NEXT:    %0 = stablehlo.not %arg0 : tensor<3xi32>
// ROUND-NEXT:    %1 = stablehlo.popcnt %0 : tensor<3xi32>
// ROUND-NEXT:    %2 = stablehlo.count_leading_zeros %1 : tensor<3xi32>
// ROUND-NEXT:    return %2 : tensor<3xi32>

func.func @unary_int(%x: tensor<3xi32>) -> tensor<3xi32> {
  %0 = stablehlo.not %x : tensor<3xi32>
  %1 = stablehlo.popcnt %0 : tensor<3xi32>
  %2 = stablehlo.count_leading_zeros %1 : tensor<3xi32>
  return %2 : tensor<3xi32>
}


// -----

// CHECK-LABEL:  func.func @binary_float(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT:    %0 = stablehlo.add %arg0, %arg1 : tensor<2x3xf32>
// CHECK-NEXT:    %1 = stablehlo.subtract %0, %arg1 : tensor<2x3xf32>
// CHECK-NEXT:    %2 = stablehlo.multiply %1, %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %3 = stablehlo.divide %2, %arg1 : tensor<2x3xf32>
// CHECK-NEXT:    %4 = stablehlo.remainder %3, %arg1 : tensor<2x3xf32>
// CHECK-NEXT:    %5 = stablehlo.power %4, %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %6 = stablehlo.maximum %5, %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %7 = stablehlo.minimum %6, %arg1 : tensor<2x3xf32>
// CHECK-NEXT:    %8 = stablehlo.atan2 %7, %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    return %8 : tensor<2x3xf32>
// ROUND-LABEL:  func.func @binary_float(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> tensor<2x3xf32> {
// ROUND-NEXT:    %0 = stablehlo.add %arg0, %arg1 : tensor<2x3xf32>
// ROUND-NEXT:    %1 = stablehlo.subtract %0, %arg1 : tensor<2x3xf32>
// ROUND-NEXT:    %2 = stablehlo.multiply %1, %arg0 : tensor<2x3xf32>
// ROUND-NEXT:    %3 = stablehlo.divide %2, %arg1 : tensor<2x3xf32>
// ROUND-NEXT:    %4 = stablehlo.remainder %3, %arg1 : tensor<2x3xf32>
// ROUND-NEXT:    %5 = stablehlo.power %4, %arg0 : tensor<2x3xf32>
// ROUND-NEXT:    %6 = stablehlo.maximum %5, %arg0 : tensor<2x3xf32>
// ROUND-NEXT:    %7 = stablehlo.minimum %6, %arg1 : tensor<2x3xf32>
// ROUND-NEXT:    %8 = stablehlo.atan2 %7, %arg0 : tensor<2x3xf32>
// ROUND-NEXT:    return %8 : tensor<2x3xf32>

func.func @binary_float(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = stablehlo.add %a, %b : tensor<2x3xf32>
  %1 = stablehlo.subtract %0, %b : tensor<2x3xf32>
  %2 = stablehlo.multiply %1, %a : tensor<2x3xf32>
  %3 = stablehlo.divide %2, %b : tensor<2x3xf32>
  %4 = stablehlo.remainder %3, %b : tensor<2x3xf32>
  %5 = stablehlo.power %4, %a : tensor<2x3xf32>
  %6 = stablehlo.maximum %5, %a : tensor<2x3xf32>
  %7 = stablehlo.minimum %6, %b : tensor<2x3xf32>
  %8 = stablehlo.atan2 %7, %a : tensor<2x3xf32>
  return %8 : tensor<2x3xf32>
}


// -----

// CHECK-LABEL:  func.func @binary_int(%arg0: tensor<5xui32>, %arg1: tensor<5xui32>) -> tensor<5xui32> {
// CHECK-NEXT:    %0 = stablehlo.and %arg0, %arg1 : tensor<5xui32>
// CHECK-NEXT:    %1 = stablehlo.or %0, %arg1 : tensor<5xui32>
// CHECK-NEXT:    %2 = stablehlo.xor %1, %arg0 : tensor<5xui32>
// CHECK-NEXT:    %3 = stablehlo.shift_left %2, %arg1 : tensor<5xui32>
// CHECK-NEXT:    %4 = stablehlo.shift_right_logical %3, %arg1 : tensor<5xui32>
// CHECK-NEXT:    %5 = stablehlo.shift_right_arithmetic %4, %arg1 : tensor<5xui32>
// CHECK-NEXT:    return %5 : tensor<5xui32>
// ROUND-LABEL:  func.func @binary_int(%arg0: tensor<5xui32>, %arg1: tensor<5xui32>) -> tensor<5xui32> {
// ROUND-NEXT:    %0 = stablehlo.and %arg0, %arg1 : tensor<5xui32>
// ROUND-NEXT:    %1 = stablehlo.or %0, %arg1 : tensor<5xui32>
// ROUND-NEXT:    %2 = stablehlo.xor %1, %arg0 : tensor<5xui32>
// ROUND-NEXT:    %3 = stablehlo.shift_left %2, %arg1 : tensor<5xui32>
// ROUND-NEXT:    %4 = stablehlo.shift_right_logical %3, %arg1 : tensor<5xui32>
// ROUND-NEXT:    %5 = stablehlo.shift_right_arithmetic %4, %arg1 : tensor<5xui32>
// ROUND-NEXT:    return %5 : tensor<5xui32>

func.func @binary_int(%a: tensor<5xui32>, %b: tensor<5xui32>) -> tensor<5xui32> {
  %0 = stablehlo.and %a, %b : tensor<5xui32>
  %1 = stablehlo.or %0, %b : tensor<5xui32>
  %2 = stablehlo.xor %1, %a : tensor<5xui32>
  %3 = stablehlo.shift_left %2, %b : tensor<5xui32>
  %4 = stablehlo.shift_right_logical %3, %b : tensor<5xui32>
  %5 = stablehlo.shift_right_arithmetic %4, %b : tensor<5xui32>
  return %5 : tensor<5xui32>
}


// -----

// CHECK-LABEL:  func.func @chlo_unary(%arg0: tensor<2x8x4xf32>) -> tensor<2x8x4xf32> {
// CHECK-NEXT:    %0 = chlo.square %arg0 : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
// CHECK-NEXT:    %1 = chlo.erfc %0 : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
// CHECK-NEXT:    %2 = chlo.erf %1 : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
// CHECK-NEXT:    %3 = chlo.erf_inv %2 : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
// CHECK-NEXT:    return %3 : tensor<2x8x4xf32>
// ROUND-LABEL:  func.func @chlo_unary(%arg0: tensor<2x8x4xf32>) -> tensor<2x8x4xf32> {
// ROUND-NEXT:    %0 = stablehlo.multiply %arg0, %arg0 : tensor<2x8x4xf32>
// ROUND-NEXT:    %1 = chlo.erfc %0 : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
// ROUND-NEXT:    %2 = chlo.erf %1 : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
// ROUND-NEXT:    %3 = chlo.erf_inv %2 : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
// ROUND-NEXT:    return %3 : tensor<2x8x4xf32>

func.func @chlo_unary(%x: tensor<2x8x4xf32>) -> tensor<2x8x4xf32> {
  %0 = chlo.square %x : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
  %1 = chlo.erfc %0 : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
  %2 = chlo.erf %1 : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
  %3 = chlo.erf_inv %2 : tensor<2x8x4xf32> -> tensor<2x8x4xf32>
  return %3 : tensor<2x8x4xf32>
}


// -----

// CHECK-LABEL:  func.func @compare(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xi32>, %arg3: tensor<4xui32>, %arg4: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
// CHECK-NEXT:    %0 = stablehlo.compare EQ, %arg0, %arg1, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// CHECK-NEXT:    %1 = stablehlo.compare NE, %arg0, %arg1, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// CHECK-NEXT:    %2 = stablehlo.compare LT, %arg2, %arg2, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
// CHECK-NEXT:    %3 = stablehlo.compare LE, %arg3, %arg3, UNSIGNED : (tensor<4xui32>, tensor<4xui32>) -> tensor<4xi1>
// CHECK-NEXT:    %4 = stablehlo.compare GT, %arg0, %arg1, TOTALORDER : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// CHECK-NEXT:    %5 = stablehlo.compare GE, %arg0, %arg1 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// CHECK-NEXT:    %6 = stablehlo.compare NE, %arg4, %arg4, UNSIGNED : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
// CHECK-NEXT:    %7 = stablehlo.compare EQ, %arg2, %arg2, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
// CHECK-NEXT:    return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
// ROUND-LABEL:  func.func @compare(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xi32>, %arg3: tensor<4xui32>, %arg4: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
// ROUND-NEXT:    %0 = stablehlo.compare EQ, %arg0, %arg1, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// ROUND-NEXT:    %1 = stablehlo.compare NE, %arg0, %arg1, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// ROUND-NEXT:    %2 = stablehlo.compare LT, %arg2, %arg2, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
// ROUND-NEXT:    %3 = stablehlo.compare LE, %arg3, %arg3, UNSIGNED : (tensor<4xui32>, tensor<4xui32>) -> tensor<4xi1>
// ROUND-NEXT:    %4 = stablehlo.compare GT, %arg0, %arg1, TOTALORDER : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// ROUND-NEXT:    %5 = stablehlo.compare GE, %arg0, %arg1, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// ROUND-NEXT:    %6 = stablehlo.compare NE, %arg4, %arg4, UNSIGNED : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
// ROUND-NEXT:    %7 = stablehlo.compare EQ, %arg2, %arg2, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
// ROUND-NEXT:    return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>

func.func @compare(%a: tensor<4xf32>, %b: tensor<4xf32>, %i: tensor<4xi32>, %u: tensor<4xui32>, %p: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = stablehlo.compare EQ, %a, %b, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = stablehlo.compare NE, %a, %b, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %2 = stablehlo.compare LT, %i, %i, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %3 = stablehlo.compare LE, %u, %u, UNSIGNED : (tensor<4xui32>, tensor<4xui32>) -> tensor<4xi1>
  %4 = stablehlo.compare GT, %a, %b, TOTALORDER : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %5 = stablehlo.compare GE, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %6 = stablehlo.compare NE, %p, %p, UNSIGNED : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %7 = stablehlo.compare EQ, %i, %i, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}


// -----

// CHECK-LABEL:  func.func @select_clamp(%arg0: tensor<4xi1>, %arg1: tensor<i1>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>, %arg4: tensor<f32>, %arg5: tensor<f32>) -> tensor<4xf32> {
// CHECK-NEXT:    %0 = stablehlo.select %arg0, %arg2, %arg3 : tensor<4xi1>, tensor<4xf32>
// CHECK-NEXT:    %1 = stablehlo.select %arg1, %0, %arg3 : tensor<i1>, tensor<4xf32>
// CHECK-NEXT:    %2 = stablehlo.clamp %arg2, %1, %arg3 : tensor<4xf32>
// CHECK-NEXT:    %3 = stablehlo.clamp %arg4, %2, %arg5 : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
// CHECK-NEXT:    return %3 : tensor<4xf32>
// ROUND-LABEL:  func.func @select_clamp(%arg0: tensor<4xi1>, %arg1: tensor<i1>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>, %arg4: tensor<f32>, %arg5: tensor<f32>) -> tensor<4xf32> {
// ROUND-NEXT:    %0 = stablehlo.select %arg0, %arg2, %arg3 : tensor<4xi1>, tensor<4xf32>
// ROUND-NEXT:    %1 = stablehlo.select %arg1, %0, %arg3 : tensor<i1>, tensor<4xf32>
// ROUND-NEXT:    %2 = stablehlo.clamp %arg2, %1, %arg3 : tensor<4xf32>
// ROUND-NEXT:    %3 = stablehlo.clamp %arg4, %2, %arg5 : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
// ROUND-NEXT:    return %3 : tensor<4xf32>

func.func @select_clamp(%p: tensor<4xi1>, %s: tensor<i1>, %a: tensor<4xf32>, %b: tensor<4xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<4xf32> {
  %0 = stablehlo.select %p, %a, %b : tensor<4xi1>, tensor<4xf32>
  %1 = stablehlo.select %s, %0, %b : tensor<i1>, tensor<4xf32>
  %2 = stablehlo.clamp %a, %1, %b : tensor<4xf32>
  %3 = stablehlo.clamp %lo, %2, %hi : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %3 : tensor<4xf32>
}


// -----

// CHECK-LABEL:  func.func @convert(%arg0: tensor<4x5xui32>, %arg1: tensor<i1>, %arg2: tensor<3xbf16>) -> (tensor<4x5xf32>, tensor<i32>, tensor<3xf32>, tensor<3xbf16>) {
// CHECK-NEXT:    %0 = stablehlo.bitcast_convert %arg0 : (tensor<4x5xui32>) -> tensor<4x5xf32>
// CHECK-NEXT:    %1 = stablehlo.convert %arg1 : (tensor<i1>) -> tensor<i32>
// CHECK-NEXT:    %2 = stablehlo.convert %arg2 : (tensor<3xbf16>) -> tensor<3xf32>
// CHECK-NEXT:    %3 = stablehlo.convert %arg2 : tensor<3xbf16>
// CHECK-NEXT:    return %0, %1, %2, %3 : tensor<4x5xf32>, tensor<i32>, tensor<3xf32>, tensor<3xbf16>
// ROUND-LABEL:  func.func @convert(%arg0: tensor<4x5xui32>, %arg1: tensor<i1>, %arg2: tensor<3xbf16>) -> (tensor<4x5xf32>, tensor<i32>, tensor<3xf32>, tensor<3xbf16>) {
// ROUND-NEXT:    %0 = stablehlo.bitcast_convert %arg0 : (tensor<4x5xui32>) -> tensor<4x5xf32>
// ROUND-NEXT:    %1 = stablehlo.convert %arg1 : (tensor<i1>) -> tensor<i32>
// ROUND-NEXT:    %2 = stablehlo.convert %arg2 : (tensor<3xbf16>) -> tensor<3xf32>
// ROUND-NEXT:    %3 = stablehlo.convert %arg2 : tensor<3xbf16>
// ROUND-NEXT:    return %0, %1, %2, %3 : tensor<4x5xf32>, tensor<i32>, tensor<3xf32>, tensor<3xbf16>

func.func @convert(%x: tensor<4x5xui32>, %b: tensor<i1>, %h: tensor<3xbf16>) -> (tensor<4x5xf32>, tensor<i32>, tensor<3xf32>, tensor<3xbf16>) {
  %0 = stablehlo.bitcast_convert %x : (tensor<4x5xui32>) -> tensor<4x5xf32>
  %1 = stablehlo.convert %b : (tensor<i1>) -> tensor<i32>
  %2 = stablehlo.convert %h : (tensor<3xbf16>) -> tensor<3xf32>
  %3 = stablehlo.convert %h : tensor<3xbf16>
  return %0, %1, %2, %3 : tensor<4x5xf32>, tensor<i32>, tensor<3xf32>, tensor<3xbf16>
}


// -----

// CHECK-LABEL:  func.func @is_finite(%arg0: tensor<4xf64>) -> tensor<4xi1> {
// CHECK-NEXT:    %0 = stablehlo.is_finite %arg0 : (tensor<4xf64>) -> tensor<4xi1>
// CHECK-NEXT:    return %0 : tensor<4xi1>
// ROUND-LABEL:  func.func @is_finite(%arg0: tensor<4xf64>) -> tensor<4xi1> {
// ROUND-NEXT:    %0 = stablehlo.is_finite %arg0 : (tensor<4xf64>) -> tensor<4xi1>
// ROUND-NEXT:    return %0 : tensor<4xi1>

func.func @is_finite(%x: tensor<4xf64>) -> tensor<4xi1> {
  %0 = stablehlo.is_finite %x : (tensor<4xf64>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}
