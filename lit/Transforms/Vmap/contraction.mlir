// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-vmap)' | FileCheck %s --check-prefix=BATCHED

// dot_general gains a batch dimension when both operands are batched, and
// keeps the batch as a free dimension (moved first) when one is.

// BATCHED-LABEL: func.func private @dot_both_batched_vmap_0_0(%arg0: tensor<3x2x3xf32>, %arg1: tensor<3x3x4xf32>) -> tensor<3x2x4xf32> {
// BATCHED-NEXT: %0 = jaxr.dot_general %arg0, %arg1, contracting = [2] x [1], batch = [0] x [0] : (tensor<3x2x3xf32>, tensor<3x3x4xf32>) -> tensor<3x2x4xf32>
// BATCHED-NEXT: return %0 : tensor<3x2x4xf32>
func.func private @dot_both_batched(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
func.func @dot_both_batched_batched(%a: tensor<3x2x3xf32>, %b: tensor<3x3x4xf32>) -> tensor<3x2x4xf32> {
  %0 = jaxr.vmap @dot_both_batched(%a, %b) {in_axes = array<i64: 0, 0>, out_axes = array<i64: 0>} : (tensor<3x2x3xf32>, tensor<3x3x4xf32>) -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

// BATCHED-LABEL: func.func private @dot_rhs_batched_vmap_n_0(%arg0: tensor<2x3xf32>, %arg1: tensor<3x3x4xf32>) -> tensor<3x2x4xf32> {
// BATCHED-NEXT: %0 = jaxr.dot_general %arg0, %arg1, contracting = [1] x [1], batch = [] x [] : (tensor<2x3xf32>, tensor<3x3x4xf32>) -> tensor<2x3x4xf32>
// BATCHED-NEXT: %1 = jaxr.transpose %0, perm = [1, 0, 2] : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
// BATCHED-NEXT: return %1 : tensor<3x2x4xf32>
func.func private @dot_rhs_batched(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
func.func @dot_rhs_batched_batched(%a: tensor<2x3xf32>, %b: tensor<3x3x4xf32>) -> tensor<3x2x4xf32> {
  %0 = jaxr.vmap @dot_rhs_batched(%a, %b) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x3x4xf32>) -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

// BATCHED-LABEL: func.func private @conv_input_batched_vmap_0_n(%arg0: tensor<3x2x16x3xf32>, %arg1: tensor<3x3x4xf32>) -> tensor<3x2x8x4xf32> {
// BATCHED-NEXT: %0 = jaxr.reshape %arg0 : tensor<3x2x16x3xf32> -> tensor<6x16x3xf32>
// BATCHED-NEXT: %1 = jaxr.conv_general_dilated %0, %arg1, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<6x16x3xf32>, tensor<3x3x4xf32>) -> tensor<6x8x4xf32>
// BATCHED-NEXT: %2 = jaxr.reshape %1 : tensor<6x8x4xf32> -> tensor<3x2x8x4xf32>
// BATCHED-NEXT: return %2 : tensor<3x2x8x4xf32>
func.func private @conv_input_batched(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>) -> tensor<2x8x4xf32> {
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  return %0 : tensor<2x8x4xf32>
}
func.func @conv_input_batched_batched(%x: tensor<3x2x16x3xf32>, %w: tensor<3x3x4xf32>) -> tensor<3x2x8x4xf32> {
  %0 = jaxr.vmap @conv_input_batched(%x, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<3x2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<3x2x8x4xf32>
  return %0 : tensor<3x2x8x4xf32>
}

// -----

// Both batched (per-example kernels): one convolution, each example its own
// feature group: B folds into the input's features and the kernel's output
// features, and comes out of the result's features.
// BATCHED-LABEL: func.func private @conv_both_batched_vmap_0_0(%arg0: tensor<3x2x16x3xf32>, %arg1: tensor<3x3x3x4xf32>) -> tensor<3x2x8x4xf32> {
// BATCHED-NEXT: %0 = jaxr.transpose %arg0, perm = [1, 2, 0, 3] : tensor<3x2x16x3xf32> -> tensor<2x16x3x3xf32>
// BATCHED-NEXT: %1 = jaxr.reshape %0 : tensor<2x16x3x3xf32> -> tensor<2x16x9xf32>
// BATCHED-NEXT: %2 = jaxr.transpose %arg1, perm = [1, 2, 0, 3] : tensor<3x3x3x4xf32> -> tensor<3x3x3x4xf32>
// BATCHED-NEXT: %3 = jaxr.reshape %2 : tensor<3x3x3x4xf32> -> tensor<3x3x12xf32>
// BATCHED-NEXT: %4 = jaxr.conv_general_dilated %1, %3, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 3, batch_group_count = 1 : (tensor<2x16x9xf32>, tensor<3x3x12xf32>) -> tensor<2x8x12xf32>
// BATCHED-NEXT: %5 = jaxr.reshape %4 : tensor<2x8x12xf32> -> tensor<2x8x3x4xf32>
// BATCHED-NEXT: %6 = jaxr.transpose %5, perm = [2, 0, 1, 3] : tensor<2x8x3x4xf32> -> tensor<3x2x8x4xf32>
// BATCHED-NEXT: return %6 : tensor<3x2x8x4xf32>
func.func private @conv_both_batched(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>) -> tensor<2x8x4xf32> {
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  return %0 : tensor<2x8x4xf32>
}
func.func @conv_both_batched_batched(%x: tensor<3x2x16x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<3x2x8x4xf32> {
  %0 = jaxr.vmap @conv_both_batched(%x, %w) {in_axes = array<i64: 0, 0>, out_axes = array<i64: 0>} : (tensor<3x2x16x3xf32>, tensor<3x3x3x4xf32>) -> tensor<3x2x8x4xf32>
  return %0 : tensor<3x2x8x4xf32>
}

// -----

// The kernel alone batched: B folds into its output features.
// BATCHED-LABEL: func.func private @conv_kernel_batched_vmap_n_0(%arg0: tensor<2x16x3xf32>, %arg1: tensor<3x3x3x4xf32>) -> tensor<3x2x8x4xf32> {
// BATCHED-NEXT: %0 = jaxr.transpose %arg1, perm = [1, 2, 0, 3] : tensor<3x3x3x4xf32> -> tensor<3x3x3x4xf32>
// BATCHED-NEXT: %1 = jaxr.reshape %0 : tensor<3x3x3x4xf32> -> tensor<3x3x12xf32>
// BATCHED-NEXT: %2 = jaxr.conv_general_dilated %arg0, %1, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x12xf32>) -> tensor<2x8x12xf32>
// BATCHED-NEXT: %3 = jaxr.reshape %2 : tensor<2x8x12xf32> -> tensor<2x8x3x4xf32>
// BATCHED-NEXT: %4 = jaxr.transpose %3, perm = [2, 0, 1, 3] : tensor<2x8x3x4xf32> -> tensor<3x2x8x4xf32>
// BATCHED-NEXT: return %4 : tensor<3x2x8x4xf32>
func.func private @conv_kernel_batched(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>) -> tensor<2x8x4xf32> {
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  return %0 : tensor<2x8x4xf32>
}
func.func @conv_kernel_batched_batched(%x: tensor<2x16x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<3x2x8x4xf32> {
  %0 = jaxr.vmap @conv_kernel_batched(%x, %w) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<2x16x3xf32>, tensor<3x3x3x4xf32>) -> tensor<3x2x8x4xf32>
  return %0 : tensor<3x2x8x4xf32>
}
