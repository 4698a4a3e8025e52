// stablehlo.reduce in JAX's pretty syntax: the compact form
// `reduce(%x init: %i) applies stablehlo.add across dimensions = [..]` (a body
// that is one commutative binary op on the block arguments) and the long
// form with `reducer(%a: T, %b: T) {...}`, for one operand and for several
// (argmax: `(%x init: %i), (%y init: %j)`, the reducer's block arguments
// paired i with i+N: `(%arg1, %arg3) (%arg2, %arg4)`).
//
// (a) The pretty text prints back as JAX prints it, each line exactly
// (jaxlib 0.10.2's own printer gives the same lines).
// RUN: jaxr-opt %s --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (b) MLIR's generic form reads back to the same pretty text.
// RUN: jaxr-opt %s --split-input-file --emit=generic | jaxr-opt --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (c) Raising to jaxr (reduce_max, argmax, ...) and lowering back leaves a
// module of StableHLO alone. (The lowering writes new init constants; the
// old ones stay, as no DCE runs.)
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr, convert-jaxr-to-stablehlo)' | FileCheck %s --check-prefix=ROUND --strict-whitespace --match-full-lines

// CHECK-LABEL:  func.func @compact(%arg0: tensor<6x5xf32>, %arg1: tensor<4xi1>) -> (tensor<6xf32>, tensor<6xf32>, tensor<f32>, tensor<i1>) {
// CHECK-NEXT:    %cst = stablehlo.constant dense<0x7F800000> : tensor<f32>
// CHECK-NEXT:    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.minimum across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
// CHECK-NEXT:    %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
// CHECK-NEXT:    %1 = stablehlo.reduce(%arg0 init: %cst_0) applies stablehlo.maximum across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
// CHECK-NEXT:    %cst_1 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %2 = stablehlo.reduce(%arg0 init: %cst_1) applies stablehlo.add across dimensions = [0, 1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT:    %c = stablehlo.constant dense<true> : tensor<i1>
// CHECK-NEXT:    %3 = stablehlo.reduce(%arg1 init: %c) applies stablehlo.and across dimensions = [0] : (tensor<4xi1>, tensor<i1>) -> tensor<i1>
// CHECK-NEXT:    return %0, %1, %2, %3 : tensor<6xf32>, tensor<6xf32>, tensor<f32>, tensor<i1>
// ROUND-LABEL:  func.func @compact(%arg0: tensor<6x5xf32>, %arg1: tensor<4xi1>) -> (tensor<6xf32>, tensor<6xf32>, tensor<f32>, tensor<i1>) {
// ROUND-NEXT:    %cst = stablehlo.constant dense<0x7F800000> : tensor<f32>
// ROUND-NEXT:    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.minimum across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
// ROUND-NEXT:    %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
// ROUND-NEXT:    %1 = stablehlo.reduce(%arg0 init: %cst_0) applies stablehlo.maximum across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
// ROUND-NEXT:    %cst_1 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// ROUND-NEXT:    %2 = stablehlo.reduce(%arg0 init: %cst_1) applies stablehlo.add across dimensions = [0, 1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<f32>
// ROUND-NEXT:    %c = stablehlo.constant dense<true> : tensor<i1>
// ROUND-NEXT:    %3 = stablehlo.reduce(%arg1 init: %c) applies stablehlo.and across dimensions = [0] : (tensor<4xi1>, tensor<i1>) -> tensor<i1>
// ROUND-NEXT:    return %0, %1, %2, %3 : tensor<6xf32>, tensor<6xf32>, tensor<f32>, tensor<i1>

func.func @compact(%x: tensor<6x5xf32>, %b: tensor<4xi1>) -> (tensor<6xf32>, tensor<6xf32>, tensor<f32>, tensor<i1>) {
  %cst = stablehlo.constant dense<0x7F800000> : tensor<f32>
  %0 = stablehlo.reduce(%x init: %cst) applies stablehlo.minimum across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
  %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
  %1 = stablehlo.reduce(%x init: %cst_0) applies stablehlo.maximum across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
  %cst_1 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
  %2 = stablehlo.reduce(%x init: %cst_1) applies stablehlo.add across dimensions = [0, 1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<f32>
  %c = stablehlo.constant dense<true> : tensor<i1>
  %3 = stablehlo.reduce(%b init: %c) applies stablehlo.and across dimensions = [0] : (tensor<4xi1>, tensor<i1>) -> tensor<i1>
  return %0, %1, %2, %3 : tensor<6xf32>, tensor<6xf32>, tensor<f32>, tensor<i1>
}


// -----

// CHECK-LABEL:  func.func @compact_int(%arg0: tensor<3x4xi32>) -> (tensor<3xi32>, tensor<4xi32>) {
// CHECK-NEXT:    %c = stablehlo.constant dense<1> : tensor<i32>
// CHECK-NEXT:    %0 = stablehlo.reduce(%arg0 init: %c) applies stablehlo.multiply across dimensions = [1] : (tensor<3x4xi32>, tensor<i32>) -> tensor<3xi32>
// CHECK-NEXT:    %c_0 = stablehlo.constant dense<0> : tensor<i32>
// CHECK-NEXT:    %1 = stablehlo.reduce(%arg0 init: %c_0) applies stablehlo.or across dimensions = [0] : (tensor<3x4xi32>, tensor<i32>) -> tensor<4xi32>
// CHECK-NEXT:    return %0, %1 : tensor<3xi32>, tensor<4xi32>
// ROUND-LABEL:  func.func @compact_int(%arg0: tensor<3x4xi32>) -> (tensor<3xi32>, tensor<4xi32>) {
// ROUND-NEXT:    %c = stablehlo.constant dense<1> : tensor<i32>
// ROUND-NEXT:    %0 = stablehlo.reduce(%arg0 init: %c) applies stablehlo.multiply across dimensions = [1] : (tensor<3x4xi32>, tensor<i32>) -> tensor<3xi32>
// ROUND-NEXT:    %c_0 = stablehlo.constant dense<0> : tensor<i32>
// ROUND-NEXT:    %1 = stablehlo.reduce(%arg0 init: %c_0) applies stablehlo.or across dimensions = [0] : (tensor<3x4xi32>, tensor<i32>) -> tensor<4xi32>
// ROUND-NEXT:    return %0, %1 : tensor<3xi32>, tensor<4xi32>

func.func @compact_int(%x: tensor<3x4xi32>) -> (tensor<3xi32>, tensor<4xi32>) {
  %c = stablehlo.constant dense<1> : tensor<i32>
  %0 = stablehlo.reduce(%x init: %c) applies stablehlo.multiply across dimensions = [1] : (tensor<3x4xi32>, tensor<i32>) -> tensor<3xi32>
  %c_0 = stablehlo.constant dense<0> : tensor<i32>
  %1 = stablehlo.reduce(%x init: %c_0) applies stablehlo.or across dimensions = [0] : (tensor<3x4xi32>, tensor<i32>) -> tensor<4xi32>
  return %0, %1 : tensor<3xi32>, tensor<4xi32>
}


// -----

// CHECK-LABEL:  func.func @long_form_single(%arg0: tensor<6x5xf32>) -> tensor<6xf32> {
// CHECK-NEXT:    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %0 = stablehlo.reduce(%arg0 init: %cst) across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
// CHECK-NEXT:     reducer(%arg1: tensor<f32>, %arg2: tensor<f32>)  {
// CHECK-NEXT:      %1 = stablehlo.subtract %arg2, %arg1 : tensor<f32>
// CHECK-NEXT:      stablehlo.return %1 : tensor<f32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %0 : tensor<6xf32>
// ROUND-LABEL:  func.func @long_form_single(%arg0: tensor<6x5xf32>) -> tensor<6xf32> {
// ROUND-NEXT:    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// ROUND-NEXT:    %0 = stablehlo.reduce(%arg0 init: %cst) across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
// ROUND-NEXT:     reducer(%arg1: tensor<f32>, %arg2: tensor<f32>)  {
// ROUND-NEXT:      %1 = stablehlo.subtract %arg2, %arg1 : tensor<f32>
// ROUND-NEXT:      stablehlo.return %1 : tensor<f32>
// ROUND-NEXT:    }
// ROUND-NEXT:    return %0 : tensor<6xf32>

// A one-op body that is not exactly `op(arg0, arg1)` keeps the reducer form.
func.func @long_form_single(%x: tensor<6x5xf32>) -> tensor<6xf32> {
  %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
  %0 = stablehlo.reduce(%x init: %cst) across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
   reducer(%a: tensor<f32>, %b: tensor<f32>)  {
    %1 = stablehlo.subtract %b, %a : tensor<f32>
    stablehlo.return %1 : tensor<f32>
  }
  return %0 : tensor<6xf32>
}


// -----

// CHECK-LABEL:  func.func @long_form_compacts(%arg0: tensor<6x5xf32>) -> tensor<6xf32> {
// CHECK-NEXT:    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
// CHECK-NEXT:    return %0 : tensor<6xf32>
// ROUND-LABEL:  func.func @long_form_compacts(%arg0: tensor<6x5xf32>) -> tensor<6xf32> {
// ROUND-NEXT:    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// ROUND-NEXT:    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
// ROUND-NEXT:    return %0 : tensor<6xf32>

// The long form whose body is a single commutative op on the block arguments
// prints in the compact form, as StableHLO's printer does.
func.func @long_form_compacts(%x: tensor<6x5xf32>) -> tensor<6xf32> {
  %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
  %0 = stablehlo.reduce(%x init: %cst) across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
   reducer(%a: tensor<f32>, %b: tensor<f32>)  {
    %1 = stablehlo.add %a, %b : tensor<f32>
    stablehlo.return %1 : tensor<f32>
  }
  return %0 : tensor<6xf32>
}


// -----

// CHECK-LABEL:  func.func @argmax(%arg0: tensor<4x3xf32>) -> (tensor<3xf32>, tensor<3xi32>) {
// CHECK-NEXT:    %0 = stablehlo.iota dim = 0 : tensor<4x3xi32>
// CHECK-NEXT:    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
// CHECK-NEXT:    %c = stablehlo.constant dense<0> : tensor<i32>
// CHECK-NEXT:    %1:2 = stablehlo.reduce(%arg0 init: %cst), (%0 init: %c) across dimensions = [0] : (tensor<4x3xf32>, tensor<4x3xi32>, tensor<f32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xi32>)
// CHECK-NEXT:     reducer(%arg1: tensor<f32>, %arg3: tensor<f32>) (%arg2: tensor<i32>, %arg4: tensor<i32>)  {
// CHECK-NEXT:      %2 = stablehlo.compare GT, %arg1, %arg3, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
// CHECK-NEXT:      %3 = stablehlo.select %2, %arg1, %arg3 : tensor<i1>, tensor<f32>
// CHECK-NEXT:      %4 = stablehlo.select %2, %arg2, %arg4 : tensor<i1>, tensor<i32>
// CHECK-NEXT:      stablehlo.return %3, %4 : tensor<f32>, tensor<i32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %1#0, %1#1 : tensor<3xf32>, tensor<3xi32>
// ROUND-LABEL:  func.func @argmax(%arg0: tensor<4x3xf32>) -> (tensor<3xf32>, tensor<3xi32>) {
// ROUND-NEXT:    %0 = stablehlo.iota dim = 0 : tensor<4x3xi32>
// ROUND-NEXT:    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
// ROUND-NEXT:    %c = stablehlo.constant dense<0> : tensor<i32>
// ROUND-NEXT:    %1:2 = stablehlo.reduce(%arg0 init: %cst), (%0 init: %c) across dimensions = [0] : (tensor<4x3xf32>, tensor<4x3xi32>, tensor<f32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xi32>)
// ROUND-NEXT:     reducer(%arg1: tensor<f32>, %arg3: tensor<f32>) (%arg2: tensor<i32>, %arg4: tensor<i32>)  {
// ROUND-NEXT:      %2 = stablehlo.compare GT, %arg1, %arg3, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
// ROUND-NEXT:      %3 = stablehlo.select %2, %arg1, %arg3 : tensor<i1>, tensor<f32>
// ROUND-NEXT:      %4 = stablehlo.select %2, %arg2, %arg4 : tensor<i1>, tensor<i32>
// ROUND-NEXT:      stablehlo.return %3, %4 : tensor<f32>, tensor<i32>
// ROUND-NEXT:    }
// ROUND-NEXT:    return %1#0, %1#1 : tensor<3xf32>, tensor<3xi32>

// argmax: a two-operand reduce over values and an iota of indices.
func.func @argmax(%x: tensor<4x3xf32>) -> (tensor<3xf32>, tensor<3xi32>) {
  %0 = stablehlo.iota dim = 0 : tensor<4x3xi32>
  %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
  %c = stablehlo.constant dense<0> : tensor<i32>
  %1:2 = stablehlo.reduce(%x init: %cst), (%0 init: %c) across dimensions = [0] : (tensor<4x3xf32>, tensor<4x3xi32>, tensor<f32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xi32>)
   reducer(%a: tensor<f32>, %b: tensor<f32>) (%i: tensor<i32>, %j: tensor<i32>)  {
    %2 = stablehlo.compare GT, %a, %b, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %3 = stablehlo.select %2, %a, %b : tensor<i1>, tensor<f32>
    %4 = stablehlo.select %2, %i, %j : tensor<i1>, tensor<i32>
    stablehlo.return %3, %4 : tensor<f32>, tensor<i32>
  }
  return %1#0, %1#1 : tensor<3xf32>, tensor<3xi32>
}


// -----

// CHECK-LABEL:  func.func @generic_reduce(%arg0: tensor<8xf32>) -> tensor<f32> {
// CHECK-NEXT:    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [0] : (tensor<8xf32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT:    return %0 : tensor<f32>
// ROUND-LABEL:  func.func @generic_reduce(%arg0: tensor<8xf32>) -> tensor<f32> {
// ROUND-NEXT:    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// ROUND-NEXT:    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [0] : (tensor<8xf32>, tensor<f32>) -> tensor<f32>
// ROUND-NEXT:    return %0 : tensor<f32>

// The generic form of a reduce prints in the compact form.
func.func @generic_reduce(%x: tensor<8xf32>) -> tensor<f32> {
  %cst = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  %0 = "stablehlo.reduce"(%x, %cst) <{dimensions = array<i64: 0>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %1 = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%1) : (tensor<f32>) -> ()
  }) : (tensor<8xf32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
