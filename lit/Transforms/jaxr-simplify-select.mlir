// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=select,fold})' | FileCheck %s

// x > x is false for every x, NaN included: case 0 is taken.
// CHECK-LABEL: func.func @gt_self
// CHECK-NOT: jaxr.select_n
// CHECK: return %arg1
func.func @gt_self(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %p = jaxr.compare gt, %x, %x : tensor<4xf32> -> tensor<4xi1>
  %0 = jaxr.select_n %p, %y, %x : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// x == x is false for NaN: the select stays.
// CHECK-LABEL: func.func @eq_self
// CHECK: jaxr.select_n
func.func @eq_self(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %p = jaxr.compare eq, %x, %x : tensor<4xf32> -> tensor<4xi1>
  %0 = jaxr.select_n %p, %y, %x : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @same_cases
// CHECK-NOT: jaxr.select_n
// CHECK: return %arg1
func.func @same_cases(%p: tensor<4xi1>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.select_n %p, %x, %x : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
