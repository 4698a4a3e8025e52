// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(canonicalize)' | FileCheck %s

// Constants fold to their value, so canonicalize keeps different constants
// apart, merges equal ones and drops unused ones.
// CHECK-LABEL: func.func @distinct_constants
// CHECK-DAG: %[[ONE:.*]] = jaxr.constant dense<1.000000e+00> : tensor<f32>
// CHECK-DAG: %[[TWO:.*]] = jaxr.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NOT: jaxr.constant
// CHECK: jaxr.add %[[ONE]], %[[TWO]]
// CHECK: jaxr.add %[[ONE]], %[[ONE]]
func.func @distinct_constants() -> (tensor<f32>, tensor<f32>) {
  %one = jaxr.constant dense<1.0> : tensor<f32>
  %two = jaxr.constant dense<2.0> : tensor<f32>
  %one_again = jaxr.constant dense<1.0> : tensor<f32>
  %unused = jaxr.constant dense<3.0> : tensor<f32>
  %a = jaxr.add %one, %two : tensor<f32>
  %b = jaxr.add %one, %one_again : tensor<f32>
  return %a, %b : tensor<f32>, tensor<f32>
}

// -----

// Pure ops without uses disappear.
// CHECK-LABEL: func.func @dead_ops
// CHECK-NOT: jaxr.exp
// CHECK: return %arg0
func.func @dead_ops(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = jaxr.exp %x : tensor<4xf32>
  return %x : tensor<4xf32>
}
