// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=signs})' | FileCheck %s

// CHECK-LABEL: func.func @neg_neg
// CHECK-NOT: jaxr.neg
// CHECK: return %arg0
func.func @neg_neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.neg %x : tensor<4xf32>
  %1 = jaxr.neg %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// CHECK-LABEL: func.func @abs_abs_neg
// CHECK-NEXT: %[[A:.*]] = jaxr.abs %arg0 : tensor<4xf32>
// CHECK-NEXT: return %[[A]]
func.func @abs_abs_neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.neg %x : tensor<4xf32>
  %1 = jaxr.abs %0 : tensor<4xf32>
  %2 = jaxr.abs %1 : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// sqrt(square(x)) overflows for large x: not |x| without fast-math.
// CHECK-LABEL: func.func @sqrt_square
// CHECK: jaxr.square
// CHECK: jaxr.sqrt
func.func @sqrt_square(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.square %x : tensor<4xf32>
  %1 = jaxr.sqrt %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}
