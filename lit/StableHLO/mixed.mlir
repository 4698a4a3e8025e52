// Pretty StableHLO mixed with jaxr ops in one function. A module that still
// holds jaxr ops prints through MLIR's printer (jaxr pretty, StableHLO
// generic); once lowered it is StableHLO alone and prints as JAX prints it.
//
// RUN: jaxr-opt %s | FileCheck %s --check-prefix=MIXED --strict-whitespace --match-full-lines
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo)' \
// RUN:   | FileCheck %s --check-prefix=LOWERED --strict-whitespace --match-full-lines

// MIXED-LABEL:  func.func @softmax(%arg0: tensor<2x4xf32>) -> tensor<2x4xf32> {
// MIXED-NEXT:    %0 = jaxr.reduce_max %arg0, axes = [1] : tensor<2x4xf32> -> tensor<2xf32>
// MIXED-NEXT:    %1 = "stablehlo.broadcast_in_dim"(%0) <{broadcast_dimensions = array<i64: 0>}> : (tensor<2xf32>) -> tensor<2x4xf32>
// MIXED-NEXT:    %2 = jaxr.sub %arg0, %1 : tensor<2x4xf32>
// MIXED-NEXT:    %3 = "stablehlo.exponential"(%2) : (tensor<2x4xf32>) -> tensor<2x4xf32>
// MIXED-NEXT:    %4 = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
// MIXED-NEXT:    %5 = "stablehlo.reduce"(%3, %4) <{dimensions = array<i64: 1>}> ({
// MIXED-NEXT:    ^bb0(%arg1: tensor<f32>, %arg2: tensor<f32>):
// MIXED-NEXT:      %8 = "stablehlo.add"(%arg1, %arg2) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// MIXED-NEXT:      "stablehlo.return"(%8) : (tensor<f32>) -> ()
// MIXED-NEXT:    }) : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>
// MIXED-NEXT:    %6 = jaxr.broadcast_in_dim %5, dims = [0] : tensor<2xf32> -> tensor<2x4xf32>
// MIXED-NEXT:    %7 = "stablehlo.divide"(%3, %6) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
// MIXED-NEXT:    return %7 : tensor<2x4xf32>
// MIXED-NEXT:  }

// LOWERED-LABEL:  func.func @softmax(%arg0: tensor<2x4xf32>) -> tensor<2x4xf32> {
// LOWERED-NEXT:    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
// LOWERED-NEXT:    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.maximum across dimensions = [1] : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>
// LOWERED-NEXT:    %1 = stablehlo.broadcast_in_dim %0, dims = [0] : (tensor<2xf32>) -> tensor<2x4xf32>
// LOWERED-NEXT:    %2 = stablehlo.subtract %arg0, %1 : tensor<2x4xf32>
// LOWERED-NEXT:    %3 = stablehlo.exponential %2 : tensor<2x4xf32>
// LOWERED-NEXT:    %cst_0 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// LOWERED-NEXT:    %4 = stablehlo.reduce(%3 init: %cst_0) applies stablehlo.add across dimensions = [1] : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>
// LOWERED-NEXT:    %5 = stablehlo.broadcast_in_dim %4, dims = [0] : (tensor<2xf32>) -> tensor<2x4xf32>
// LOWERED-NEXT:    %6 = stablehlo.divide %3, %5 : tensor<2x4xf32>
// LOWERED-NEXT:    return %6 : tensor<2x4xf32>
// LOWERED-NEXT:  }

func.func @softmax(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %max = jaxr.reduce_max %x, axes = [1] : tensor<2x4xf32> -> tensor<2xf32>
  %m = stablehlo.broadcast_in_dim %max, dims = [0] : (tensor<2xf32>) -> tensor<2x4xf32>
  %d = jaxr.sub %x, %m : tensor<2x4xf32>
  %e = stablehlo.exponential %d : tensor<2x4xf32>
  %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
  %s = stablehlo.reduce(%e init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>
  %b = jaxr.broadcast_in_dim %s, dims = [0] : tensor<2xf32> -> tensor<2x4xf32>
  %r = stablehlo.divide %e, %b : tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}
