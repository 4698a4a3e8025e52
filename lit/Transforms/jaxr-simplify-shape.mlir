// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=shape})' | FileCheck %s

// CHECK-LABEL: func.func @transpose_transpose
// CHECK-NEXT: %[[T:.*]] = jaxr.transpose %arg0, perm = [1, 2, 0]
// CHECK-NEXT: return %[[T]]
func.func @transpose_transpose(%x: tensor<2x3x4xf32>) -> tensor<3x4x2xf32> {
  %0 = jaxr.transpose %x, perm = [1, 0, 2] : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  %1 = jaxr.transpose %0, perm = [0, 2, 1] : tensor<3x2x4xf32> -> tensor<3x4x2xf32>
  return %1 : tensor<3x4x2xf32>
}

// CHECK-LABEL: func.func @swap_reshape_swap
// CHECK-NOT: jaxr.
// CHECK: return %arg0
func.func @swap_reshape_swap(%x: tensor<6x4xf32>) -> tensor<6x4xf32> {
  %0 = jaxr.transpose %x, perm = [1, 0] : tensor<6x4xf32> -> tensor<4x6xf32>
  %1 = jaxr.reshape %0 : tensor<4x6xf32> -> tensor<2x12xf32>
  %2 = jaxr.reshape %1 : tensor<2x12xf32> -> tensor<4x6xf32>
  %3 = jaxr.transpose %2, perm = [1, 0] : tensor<4x6xf32> -> tensor<6x4xf32>
  return %3 : tensor<6x4xf32>
}

// CHECK-LABEL: func.func @split_concat
// CHECK-NOT: jaxr.
// CHECK: return %arg0
func.func @split_concat(%x: tensor<6x4xf32>) -> tensor<6x4xf32> {
  %0 = jaxr.slice %x, start = [0, 0], limit = [2, 4], strides = [1, 1] : tensor<6x4xf32> -> tensor<2x4xf32>
  %1 = jaxr.slice %x, start = [2, 0], limit = [4, 4], strides = [1, 1] : tensor<6x4xf32> -> tensor<2x4xf32>
  %2 = jaxr.slice %x, start = [4, 0], limit = [6, 4], strides = [1, 1] : tensor<6x4xf32> -> tensor<2x4xf32>
  %3 = jaxr.concatenate(%0, %1, %2) dim = 0 : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<6x4xf32>
  return %3 : tensor<6x4xf32>
}

// A slice that reads padding is a pad whose edges moved (here the high
// edge cuts: a negative edge).
// CHECK-LABEL: func.func @slice_pad
// CHECK-NEXT: %[[P:.*]] = jaxr.pad %arg0, %arg1, low = [1], high = [-1], interior = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
// CHECK-NEXT: return %[[P]]
func.func @slice_pad(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<4xf32> {
  %0 = jaxr.pad %x, %z, low = [1], high = [1], interior = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<6xf32>
  %1 = jaxr.slice %0, start = [0], limit = [4], strides = [1] : tensor<6xf32> -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// With interior padding and a window starting inside it.
// CHECK-LABEL: func.func @slice_interior_pad
// CHECK-NEXT: %[[P:.*]] = jaxr.pad %arg0, %arg1, low = [-2, 0], high = [0, -1], interior = [1, 0] : (tensor<3x4xf32>, tensor<f32>) -> tensor<3x3xf32>
// CHECK-NEXT: return %[[P]]
func.func @slice_interior_pad(%x: tensor<3x4xf32>, %z: tensor<f32>) -> tensor<3x3xf32> {
  %0 = jaxr.pad %x, %z, low = [1, 0], high = [1, 0], interior = [1, 0] : (tensor<3x4xf32>, tensor<f32>) -> tensor<7x4xf32>
  %1 = jaxr.slice %0, start = [3, 0], limit = [6, 3], strides = [1, 1] : tensor<7x4xf32> -> tensor<3x3xf32>
  return %1 : tensor<3x3xf32>
}

// reduce_max of a transpose reduces the operand directly.
// CHECK-LABEL: func.func @reduce_max_transpose
// CHECK-NEXT: %[[R:.*]] = jaxr.reduce_max %arg0, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: return %[[R]]
func.func @reduce_max_transpose(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = jaxr.transpose %x, perm = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  %1 = jaxr.reduce_max %0, axes = [0] : tensor<3x2xf32> -> tensor<2xf32>
  return %1 : tensor<2xf32>
}

// dot_general absorbs a transpose of its lhs into its dimension numbers.
// CHECK-LABEL: func.func @dot_transpose
// CHECK-NEXT: %[[D:.*]] = jaxr.dot_general %arg0, %arg1, contracting = [0] x [0], batch = [] x []
// CHECK-NEXT: return %[[D]]
func.func @dot_transpose(%a: tensor<8x4xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = jaxr.transpose %a, perm = [1, 0] : tensor<8x4xf32> -> tensor<4x8xf32>
  %1 = jaxr.dot_general %0, %b, contracting = [1] x [0], batch = [] x [] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

// A copy of x cut out of a tiled x (jnp.tile then dynamic_slice): the slice
// of whole rows of a merging reshape, then of a broadcast, is x.
// CHECK-LABEL: func.func @slice_of_tile
// CHECK-NEXT: return %arg0
func.func @slice_of_tile(%x: tensor<6x4xf32>) -> tensor<6x4xf32> {
  %0 = jaxr.reshape %x : tensor<6x4xf32> -> tensor<1x6x4xf32>
  %1 = jaxr.broadcast_in_dim %0, dims = [0, 1, 2] : tensor<1x6x4xf32> -> tensor<2x6x4xf32>
  %2 = jaxr.reshape %1 : tensor<2x6x4xf32> -> tensor<12x4xf32>
  %3 = jaxr.slice %2, start = [6, 0], limit = [12, 4], strides = [1, 1] : tensor<12x4xf32> -> tensor<6x4xf32>
  return %3 : tensor<6x4xf32>
}

// Rows 2..4 of a merge that are not whole rows of the first dimension stay.
// CHECK-LABEL: func.func @slice_across_rows
// CHECK: jaxr.slice
func.func @slice_across_rows(%x: tensor<2x6x4xf32>) -> tensor<6x4xf32> {
  %0 = jaxr.reshape %x : tensor<2x6x4xf32> -> tensor<12x4xf32>
  %1 = jaxr.slice %0, start = [3, 0], limit = [9, 4], strides = [1, 1] : tensor<12x4xf32> -> tensor<6x4xf32>
  return %1 : tensor<6x4xf32>
}

// The transpose of a matrix product is the product of the swapped operands.
// CHECK-LABEL: func.func @transpose_of_dot
// CHECK-NEXT: %[[D:.*]] = jaxr.dot_general %arg1, %arg0, contracting = [0] x [1], batch = [] x [] : (tensor<3x5xf32>, tensor<2x3xf32>) -> tensor<5x2xf32>
// CHECK-NEXT: return %[[D]]
func.func @transpose_of_dot(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) -> tensor<5x2xf32> {
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  %1 = jaxr.transpose %0, perm = [1, 0] : tensor<2x5xf32> -> tensor<5x2xf32>
  return %1 : tensor<5x2xf32>
}
