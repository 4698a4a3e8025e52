// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{fast-math=true})' | FileCheck %s
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify)' | FileCheck %s --check-prefix=EXACT

// (A @ B) @ v costs 2n^3 + 2n^2 multiply-adds, A @ (B @ v) 4n^2: with
// fast-math the chain is evaluated right to left.
// CHECK-LABEL: func.func @matrix_vector_chain
// CHECK-NEXT: %[[BV:.*]] = jaxr.dot_general %arg1, %arg2, contracting = [1] x [0]
// CHECK-NEXT: %[[ABV:.*]] = jaxr.dot_general %arg0, %[[BV]], contracting = [1] x [0]
// CHECK-NEXT: return %[[ABV]]
// Exact laws keep the order the program wrote.
// EXACT-LABEL: func.func @matrix_vector_chain
// EXACT-NEXT: %[[AB:.*]] = jaxr.dot_general %arg0, %arg1
// EXACT-NEXT: jaxr.dot_general %[[AB]], %arg2
func.func @matrix_vector_chain(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %v: tensor<64xf32>) -> tensor<64xf32> {
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<64x64xf32>
  %1 = jaxr.dot_general %0, %v, contracting = [1] x [0], batch = [] x [] : (tensor<64x64xf32>, tensor<64xf32>) -> tensor<64xf32>
  return %1 : tensor<64xf32>
}

// A batched chain reassociates within each batch.
// CHECK-LABEL: func.func @batched_chain
// CHECK-NEXT: %[[BC:.*]] = jaxr.dot_general %arg1, %arg2, contracting = [2] x [1], batch = [0] x [0]
// CHECK-NEXT: jaxr.dot_general %arg0, %[[BC]], contracting = [2] x [1], batch = [0] x [0]
func.func @batched_chain(%a: tensor<4x32x32xf32>, %b: tensor<4x32x32xf32>, %c: tensor<4x32x2xf32>) -> tensor<4x32x2xf32> {
  %0 = jaxr.dot_general %a, %b, contracting = [2] x [1], batch = [0] x [0] : (tensor<4x32x32xf32>, tensor<4x32x32xf32>) -> tensor<4x32x32xf32>
  %1 = jaxr.dot_general %0, %c, contracting = [2] x [1], batch = [0] x [0] : (tensor<4x32x32xf32>, tensor<4x32x2xf32>) -> tensor<4x32x2xf32>
  return %1 : tensor<4x32x2xf32>
}

// A @ x + A @ y = A @ (x + y): one dot instead of two.
// CHECK-LABEL: func.func @shared_operand
// CHECK-NEXT: %[[S:.*]] = jaxr.add %arg1, %arg2
// CHECK-NEXT: %[[D:.*]] = jaxr.dot_general %arg0, %[[S]]
// CHECK-NEXT: return %[[D]]
func.func @shared_operand(%a: tensor<64x64xf32>, %x: tensor<64xf32>, %y: tensor<64xf32>) -> tensor<64xf32> {
  %0 = jaxr.dot_general %a, %x, contracting = [1] x [0], batch = [] x [] : (tensor<64x64xf32>, tensor<64xf32>) -> tensor<64xf32>
  %1 = jaxr.dot_general %a, %y, contracting = [1] x [0], batch = [] x [] : (tensor<64x64xf32>, tensor<64xf32>) -> tensor<64xf32>
  %2 = jaxr.add %0, %1 : tensor<64xf32>
  return %2 : tensor<64xf32>
}

// sum(A @ B) = (column sums of A) . (row sums of B).
// CHECK-LABEL: func.func @sum_of_product
// CHECK-DAG: jaxr.reduce_sum %arg0, axes = [0]
// CHECK-DAG: jaxr.reduce_sum %arg1, axes = [1]
// CHECK: jaxr.dot_general {{.*}} contracting = [0] x [0]
// CHECK-NOT: jaxr.reduce_sum
// CHECK: return
func.func @sum_of_product(%a: tensor<64x32xf32>, %b: tensor<32x48xf32>) -> tensor<f32> {
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<64x32xf32>, tensor<32x48xf32>) -> tensor<64x48xf32>
  %1 = jaxr.reduce_sum %0, axes = [0, 1] : tensor<64x48xf32> -> tensor<f32>
  return %1 : tensor<f32>
}

// Dots of different precisions are not combined.
// CHECK-LABEL: func.func @different_precisions
// CHECK-NEXT: %[[AB:.*]] = jaxr.dot_general %arg0, %arg1
// CHECK-NEXT: jaxr.dot_general %[[AB]], %arg2
func.func @different_precisions(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %v: tensor<64xf32>) -> tensor<64xf32> {
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] {precision = array<i64: 2, 2>} : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<64x64xf32>
  %1 = jaxr.dot_general %0, %v, contracting = [1] x [0], batch = [] x [] : (tensor<64x64xf32>, tensor<64xf32>) -> tensor<64xf32>
  return %1 : tensor<64xf32>
}
