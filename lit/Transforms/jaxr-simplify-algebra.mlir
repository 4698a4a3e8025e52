// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=algebra,neutral,fold iter-limit=8})' | FileCheck %s
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=algebra,neutral,fold fast-math=true iter-limit=8})' | FileCheck %s --check-prefix=FAST

// Commutativity is exact: 1 * x meets the x * 1 law.
// CHECK-LABEL: func.func @commute
// CHECK-NOT: jaxr.mul
// CHECK: return %arg0
func.func @commute(%x: tensor<4xf32>) -> tensor<4xf32> {
  %one = jaxr.constant dense<1.0> : tensor<4xf32>
  %0 = jaxr.mul %one, %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// Distribution rounds differently: only with fast-math.
// CHECK-LABEL: func.func @factor
// CHECK: jaxr.mul
// CHECK: jaxr.mul
// CHECK: jaxr.add
// CHECK: jaxr.div
// FAST-LABEL: func.func @factor
// FAST-NEXT: %[[S:.*]] = jaxr.add %arg1, %arg2
// FAST-NEXT: return %[[S]]
func.func @factor(%x: tensor<4xf32>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.mul %x, %a : tensor<4xf32>
  %1 = jaxr.mul %x, %b : tensor<4xf32>
  %2 = jaxr.add %0, %1 : tensor<4xf32>
  %3 = jaxr.div %2, %x : tensor<4xf32>
  return %3 : tensor<4xf32>
}

// The mean of copies: reduce_sum of a broadcast is a multiplication (fast).
// CHECK-LABEL: func.func @sum_of_broadcast
// CHECK: jaxr.reduce_sum
// FAST-LABEL: func.func @sum_of_broadcast
// FAST-NOT: jaxr.reduce_sum
// FAST: jaxr.constant dense<3.000000e+00> : tensor<6x4xf32>
// FAST: jaxr.mul %arg0
func.func @sum_of_broadcast(%x: tensor<6x4xf32>) -> tensor<6x4xf32> {
  %0 = jaxr.broadcast_in_dim %x, dims = [1, 2] : tensor<6x4xf32> -> tensor<3x6x4xf32>
  %1 = jaxr.reduce_sum %0, axes = [0] : tensor<3x6x4xf32> -> tensor<6x4xf32>
  return %1 : tensor<6x4xf32>
}
