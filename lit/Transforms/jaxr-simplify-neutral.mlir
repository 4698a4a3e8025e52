// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=neutral})' | FileCheck %s
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=neutral fast-math=true})' | FileCheck %s --check-prefix=FAST

// x * 1 and x + (-0.0) are exact identities.
// CHECK-LABEL: func.func @mul_one
// CHECK-NOT: jaxr.mul
// CHECK-NOT: jaxr.add
// CHECK: return %arg0
func.func @mul_one(%x: tensor<4xf32>) -> tensor<4xf32> {
  %one = jaxr.constant dense<1.0> : tensor<4xf32>
  %nz = jaxr.constant dense<-0.0> : tensor<4xf32>
  %0 = jaxr.mul %one, %x : tensor<4xf32>
  %1 = jaxr.add %0, %nz : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// x * 0.0 is NaN for x = inf: kept unless fast-math.
// CHECK-LABEL: func.func @mul_zero_float
// CHECK: jaxr.mul
// FAST-LABEL: func.func @mul_zero_float
// FAST-NOT: jaxr.mul
// FAST: %[[Z:.*]] = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// FAST: return %[[Z]]
func.func @mul_zero_float(%x: tensor<4xf32>) -> tensor<4xf32> {
  %z = jaxr.constant dense<0.0> : tensor<4xf32>
  %0 = jaxr.mul %x, %z : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// For integers x * 0 = 0 and x - x = 0 are exact.
// CHECK-LABEL: func.func @int_zero
// CHECK-NOT: jaxr.mul
// CHECK-NOT: jaxr.sub
// CHECK: %[[Z:.*]] = jaxr.constant dense<0> : tensor<3xi32>
// CHECK: return %[[Z]], %[[Z]]
func.func @int_zero(%x: tensor<3xi32>) -> (tensor<3xi32>, tensor<3xi32>) {
  %z = jaxr.constant dense<0> : tensor<3xi32>
  %0 = jaxr.mul %x, %z : tensor<3xi32>
  %1 = jaxr.sub %x, %x : tensor<3xi32>
  return %0, %1 : tensor<3xi32>, tensor<3xi32>
}

// x + 0.0 is +0 for x = -0: kept unless fast-math.
// CHECK-LABEL: func.func @add_pos_zero
// CHECK: jaxr.add
// FAST-LABEL: func.func @add_pos_zero
// FAST-NOT: jaxr.add
// FAST: return %arg0
func.func @add_pos_zero(%x: tensor<4xf32>) -> tensor<4xf32> {
  %z = jaxr.constant dense<0.0> : tensor<4xf32>
  %0 = jaxr.add %x, %z : tensor<4xf32>
  return %0 : tensor<4xf32>
}
