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

// JAX's "double where": inside the case a select picks, an inner select on
// the same predicate picks the same way, so log's operand is just %x.
// CHECK-LABEL: func.func @double_where
// CHECK: %[[P:.*]] = jaxr.compare gt, %arg0
// CHECK-NEXT: %[[L:.*]] = jaxr.log %arg0
// CHECK-NEXT: %[[R:.*]] = jaxr.select_n %[[P]], %arg1, %[[L]]
// CHECK-NEXT: return %[[R]]
func.func @double_where(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %zero = jaxr.constant dense<0.0> : tensor<4xf32>
  %one = jaxr.constant dense<1.0> : tensor<4xf32>
  %p = jaxr.compare gt, %x, %zero : tensor<4xf32> -> tensor<4xi1>
  %safe = jaxr.select_n %p, %one, %x : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %l = jaxr.log %safe : tensor<4xf32>
  %r = jaxr.select_n %p, %y, %l : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
