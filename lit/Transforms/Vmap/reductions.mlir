// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-vmap)' | FileCheck %s --check-prefix=BATCHED

// Reductions and windows: axes shift by one; the batch dimension gets a
// window of 1.

// BATCHED-LABEL: func.func private @reduce_sum_vmap_0(%arg0: tensor<3x2x3xf32>) -> tensor<3x2xf32> {
// BATCHED-NEXT: %0 = jaxr.reduce_sum %arg0, axes = [2] : tensor<3x2x3xf32> -> tensor<3x2xf32>
// BATCHED-NEXT: return %0 : tensor<3x2xf32>
func.func private @reduce_sum(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = jaxr.reduce_sum %x, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
func.func @reduce_sum_batched(%x: tensor<3x2x3xf32>) -> tensor<3x2xf32> {
  %0 = jaxr.vmap @reduce_sum(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3x2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// BATCHED-LABEL: func.func private @argmax_vmap_0(%arg0: tensor<3x2x3xf32>) -> tensor<3x2xi32> {
// BATCHED-NEXT: %0 = jaxr.argmax %arg0, axis = 2 : tensor<3x2x3xf32> -> tensor<3x2xi32>
// BATCHED-NEXT: return %0 : tensor<3x2xi32>
func.func private @argmax(%x: tensor<2x3xf32>) -> tensor<2xi32> {
  %0 = jaxr.argmax %x, axis = 1 : tensor<2x3xf32> -> tensor<2xi32>
  return %0 : tensor<2xi32>
}
func.func @argmax_batched(%x: tensor<3x2x3xf32>) -> tensor<3x2xi32> {
  %0 = jaxr.vmap @argmax(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3x2x3xf32>) -> tensor<3x2xi32>
  return %0 : tensor<3x2xi32>
}

// -----

// BATCHED-LABEL: func.func private @reduce_window_max_vmap_0(%arg0: tensor<3x5xf32>) -> tensor<3x3xf32> {
// BATCHED-NEXT: %0 = jaxr.reduce_window_max %arg0, window = [1, 2], strides = [1, 2], padding = [0, 0, 0, 1], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x5xf32> -> tensor<3x3xf32>
// BATCHED-NEXT: return %0 : tensor<3x3xf32>
func.func private @reduce_window_max(%x: tensor<5xf32>) -> tensor<3xf32> {
  %0 = jaxr.reduce_window_max %x, window = [2], strides = [2], padding = [0, 1], base_dilation = [1], window_dilation = [1] : tensor<5xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @reduce_window_max_batched(%x: tensor<3x5xf32>) -> tensor<3x3xf32> {
  %0 = jaxr.vmap @reduce_window_max(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3x5xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}
