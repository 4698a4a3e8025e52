// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-vmap)' | FileCheck %s --check-prefix=BATCHED

// Shape ops keep the batch dimension first: attributes shift by one.

// BATCHED-LABEL: func.func private @broadcast_in_dim_vmap_0(%arg0: tensor<3x3xf32>) -> tensor<3x2x3xf32> {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg0, dims = [0, 2] : tensor<3x3xf32> -> tensor<3x2x3xf32>
// BATCHED-NEXT: return %0 : tensor<3x2x3xf32>
func.func private @broadcast_in_dim(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = jaxr.broadcast_in_dim %x, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
func.func @broadcast_in_dim_batched(%x: tensor<3x3xf32>) -> tensor<3x2x3xf32> {
  %0 = jaxr.vmap @broadcast_in_dim(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3x3xf32>) -> tensor<3x2x3xf32>
  return %0 : tensor<3x2x3xf32>
}

// -----

// BATCHED-LABEL: func.func private @reshape_vmap_0(%arg0: tensor<3x2x3xf32>) -> tensor<3x6xf32> {
// BATCHED-NEXT: %0 = jaxr.reshape %arg0 : tensor<3x2x3xf32> -> tensor<3x6xf32>
// BATCHED-NEXT: return %0 : tensor<3x6xf32>
func.func private @reshape(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %0 = jaxr.reshape %x : tensor<2x3xf32> -> tensor<6xf32>
  return %0 : tensor<6xf32>
}
func.func @reshape_batched(%x: tensor<3x2x3xf32>) -> tensor<3x6xf32> {
  %0 = jaxr.vmap @reshape(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3x2x3xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

// BATCHED-LABEL: func.func private @transpose_vmap_1(%arg0: tensor<2x3x3xf32>) -> tensor<3x3x2xf32> {
// BATCHED-NEXT: %0 = jaxr.transpose %arg0, perm = [1, 2, 0] : tensor<2x3x3xf32> -> tensor<3x3x2xf32>
// BATCHED-NEXT: return %0 : tensor<3x3x2xf32>
func.func private @transpose(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = jaxr.transpose %x, perm = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
func.func @transpose_batched(%x: tensor<2x3x3xf32>) -> tensor<3x3x2xf32> {
  %0 = jaxr.vmap @transpose(%x) {in_axes = array<i64: 1>, out_axes = array<i64: 0>} : (tensor<2x3x3xf32>) -> tensor<3x3x2xf32>
  return %0 : tensor<3x3x2xf32>
}

// -----

// BATCHED-LABEL: func.func private @concatenate_mixed_vmap_0_n(%arg0: tensor<3x2xf32>, %arg1: tensor<3xf32>) -> tensor<3x5xf32> {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg1, dims = [1] : tensor<3xf32> -> tensor<3x3xf32>
// BATCHED-NEXT: %1 = jaxr.concatenate(%arg0, %0) dim = 1 : (tensor<3x2xf32>, tensor<3x3xf32>) -> tensor<3x5xf32>
// BATCHED-NEXT: return %1 : tensor<3x5xf32>
func.func private @concatenate_mixed(%x: tensor<2xf32>, %y: tensor<3xf32>) -> tensor<5xf32> {
  %0 = jaxr.concatenate(%x, %y) dim = 0 : (tensor<2xf32>, tensor<3xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
func.func @concatenate_mixed_batched(%x: tensor<3x2xf32>, %y: tensor<3xf32>) -> tensor<3x5xf32> {
  %0 = jaxr.vmap @concatenate_mixed(%x, %y) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<3x2xf32>, tensor<3xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// BATCHED-LABEL: func.func private @pad_batched_value_vmap_n_0(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> tensor<3x5xf32> {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg0, dims = [1] : tensor<3xf32> -> tensor<3x3xf32>
// BATCHED-NEXT: %1 = jaxr.constant dense<0.000000e+00> : tensor<f32>
// BATCHED-NEXT: %2 = jaxr.pad %0, %1, low = [0, 1], high = [0, 1], interior = [0, 0] : (tensor<3x3xf32>, tensor<f32>) -> tensor<3x5xf32>
// BATCHED-NEXT: %3 = jaxr.constant dense<false> : tensor<3x3xi1>
// BATCHED-NEXT: %4 = jaxr.constant dense<true> : tensor<i1>
// BATCHED-NEXT: %5 = jaxr.pad %3, %4, low = [0, 1], high = [0, 1], interior = [0, 0] : (tensor<3x3xi1>, tensor<i1>) -> tensor<3x5xi1>
// BATCHED-NEXT: %6 = jaxr.broadcast_in_dim %arg1, dims = [0] : tensor<3xf32> -> tensor<3x5xf32>
// BATCHED-NEXT: %7 = jaxr.select_n %5, %2, %6 : (tensor<3x5xi1>, tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
// BATCHED-NEXT: return %7 : tensor<3x5xf32>
func.func private @pad_batched_value(%x: tensor<3xf32>, %v: tensor<f32>) -> tensor<5xf32> {
  %0 = jaxr.pad %x, %v, low = [1], high = [1], interior = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
func.func @pad_batched_value_batched(%x: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<3x5xf32> {
  %0 = jaxr.vmap @pad_batched_value(%x, %v) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// BATCHED-LABEL: func.func private @slice_vmap_0(%arg0: tensor<3x8xf32>) -> tensor<3x3xf32> {
// BATCHED-NEXT: %0 = jaxr.slice %arg0, start = [0, 1], limit = [3, 7], strides = [1, 2] : tensor<3x8xf32> -> tensor<3x3xf32>
// BATCHED-NEXT: return %0 : tensor<3x3xf32>
func.func private @slice(%x: tensor<8xf32>) -> tensor<3xf32> {
  %0 = jaxr.slice %x, start = [1], limit = [7], strides = [2] : tensor<8xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @slice_batched(%x: tensor<3x8xf32>) -> tensor<3x3xf32> {
  %0 = jaxr.vmap @slice(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3x8xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// BATCHED-LABEL: func.func private @dynamic_slice_batched_index_vmap_n_0(%arg0: tensor<8xf32>, %arg1: tensor<3xi32>) -> tensor<3x3xf32> {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg0, dims = [1] : tensor<8xf32> -> tensor<3x8xf32>
// BATCHED-NEXT: %1 = jaxr.constant dense<0> : tensor<i32>
// BATCHED-NEXT: %2 = jaxr.constant dense<5> : tensor<i32>
// BATCHED-NEXT: %3 = jaxr.clamp %1, %arg1, %2 : (tensor<i32>, tensor<3xi32>, tensor<i32>) -> tensor<3xi32>
// BATCHED-NEXT: %4 = jaxr.reshape %3 : tensor<3xi32> -> tensor<3x1xi32>
// BATCHED-NEXT: %5 = jaxr.gather %0[%4] offset_dims = [1], collapsed_slice_dims = [], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<3x8xf32>, tensor<3x1xi32>) -> tensor<3x3xf32>
// BATCHED-NEXT: return %5 : tensor<3x3xf32>
func.func private @dynamic_slice_batched_index(%x: tensor<8xf32>, %i: tensor<i32>) -> tensor<3xf32> {
  %0 = jaxr.dynamic_slice %x[%i] sizes = [3] : (tensor<8xf32>, tensor<i32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @dynamic_slice_batched_index_batched(%x: tensor<8xf32>, %i: tensor<3xi32>) -> tensor<3x3xf32> {
  %0 = jaxr.vmap @dynamic_slice_batched_index(%x, %i) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<8xf32>, tensor<3xi32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}
