// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr)' | FileCheck %s
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr{report-unsupported=true})' 2>&1 >/dev/null | FileCheck %s --check-prefix=REPORT
// RUN: not jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr{strict=true})' 2>&1 >/dev/null | FileCheck %s --check-prefix=STRICT

// Elementwise ops, comparisons and select (whose operand order differs from select_n).
// CHECK-LABEL: func.func @elementwise
// CHECK: %[[N:.*]] = jaxr.neg %arg0 : tensor<4xf32>
// CHECK: %[[S:.*]] = jaxr.square %[[N]] : tensor<4xf32>
// CHECK: %[[A:.*]] = jaxr.add %[[S]], %arg1 : tensor<4xf32>
// CHECK: %[[P:.*]] = jaxr.compare lt, %[[A]], %arg1 : tensor<4xf32> -> tensor<4xi1>
// CHECK: jaxr.select_n %[[P]], %arg1, %[[A]] :
// CHECK-NOT: stablehlo.
func.func @elementwise(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "stablehlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "chlo.square"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "stablehlo.add"(%1, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "stablehlo.compare"(%2, %y) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %4 = "stablehlo.select"(%3, %2, %y) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %4 : tensor<4xf32>
}

// -----

// A reduce whose body is one add becomes reduce_sum; an init value that is
// not the identity is added afterwards.
// CHECK-LABEL: func.func @reductions
// CHECK: %[[SUM:.*]] = jaxr.reduce_sum %arg0, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
// CHECK: %[[MAX:.*]] = jaxr.reduce_max %arg0, axes = [0] : tensor<2x3xf32> -> tensor<3xf32>
// CHECK: %[[INIT:.*]] = jaxr.broadcast_in_dim %{{.*}}, dims = [] : tensor<f32> -> tensor<3xf32>
// CHECK: jaxr.max %[[MAX]], %[[INIT]] : tensor<3xf32>
func.func @reductions(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<3xf32>) {
  %zero = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  %0 = "stablehlo.reduce"(%x, %zero) <{dimensions = array<i64: 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
  %1 = "stablehlo.reduce"(%x, %zero) <{dimensions = array<i64: 0>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%m) : (tensor<f32>) -> ()
  }) : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0, %1 : tensor<2xf32>, tensor<3xf32>
}

// -----

// Ops whose jaxr counterpart would compute something else stay StableHLO.
// CHECK-LABEL: func.func @kept
// CHECK: "stablehlo.compare"
// CHECK: "stablehlo.dot_general"
// CHECK: "stablehlo.broadcast_in_dim"
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 6]]:{{[0-9]+}}: warning: 'stablehlo.compare' stays StableHLO: a TOTALORDER comparison
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 6]]:{{[0-9]+}}: warning: 'stablehlo.dot_general' stays StableHLO: precision
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 6]]:{{[0-9]+}}: warning: 'stablehlo.broadcast_in_dim' stays StableHLO: broadcast dimensions that are not increasing
// STRICT: error: 'stablehlo.compare' stays StableHLO
// STRICT: error: strict=true: 3 op(s) have no jaxr counterpart
func.func @kept(%x: tensor<2x2xf32>) -> (tensor<2x2xi1>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = "stablehlo.compare"(%x, %x) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type TOTALORDER>}> : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xi1>
  %1 = "stablehlo.dot_general"(%x, %x) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %2 = "stablehlo.broadcast_in_dim"(%x) <{broadcast_dimensions = array<i64: 1, 0>}> : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0, %1, %2 : tensor<2x2xi1>, tensor<2x2xf32>, tensor<2x2xf32>
}
