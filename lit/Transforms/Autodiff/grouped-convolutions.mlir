// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=FORWARD
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=REVERSE

// Grouped convolutions: JAX's transpose rules (_conv_general_dilated_transpose_lhs
// and _rhs in jax/_src/lax/convolution.py).

// A depthwise convolution (4 feature groups, channel multiplier 2). The JVP is
// the op with one operand replaced by its tangent. The input's cotangent is a
// feature-grouped convolution whose kernel has its groups moved from the output
// features (8 = 4 x 2) to the input features; the kernel's is a batch-grouped
// convolution.
// FORWARD-LABEL: func.func private @depthwise_jvp_0_1(%arg0: tensor<1x5x4xf32>, %arg1: tensor<3x1x8xf32>, %arg2: tensor<1x5x4xf32>, %arg3: tensor<3x1x8xf32>) -> (tensor<1x3x8xf32>, tensor<1x3x8xf32>) {
// FORWARD-NEXT: %0 = jaxr.conv_general_dilated %arg0, %arg1, window_strides = [2], padding = [1, 1], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 4, batch_group_count = 1 : (tensor<1x5x4xf32>, tensor<3x1x8xf32>) -> tensor<1x3x8xf32>
// FORWARD-NEXT: %1 = jaxr.conv_general_dilated %arg2, %arg1, window_strides = [2], padding = [1, 1], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 4, batch_group_count = 1 : (tensor<1x5x4xf32>, tensor<3x1x8xf32>) -> tensor<1x3x8xf32>
// FORWARD-NEXT: %2 = jaxr.conv_general_dilated %arg0, %arg3, window_strides = [2], padding = [1, 1], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 4, batch_group_count = 1 : (tensor<1x5x4xf32>, tensor<3x1x8xf32>) -> tensor<1x3x8xf32>
// FORWARD-NEXT: %3 = jaxr.add %1, %2 : tensor<1x3x8xf32>
// FORWARD-NEXT: return %0, %3 : tensor<1x3x8xf32>, tensor<1x3x8xf32>
// REVERSE-LABEL: func.func private @depthwise_vjp_0_1(%arg0: tensor<1x5x4xf32>, %arg1: tensor<3x1x8xf32>, %arg2: tensor<1x3x8xf32>) -> (tensor<1x5x4xf32>, tensor<3x1x8xf32>) {
// REVERSE-NEXT: %0 = jaxr.reshape %arg1 : tensor<3x1x8xf32> -> tensor<3x1x4x2xf32>
// REVERSE-NEXT: %1 = jaxr.transpose %0, perm = [0, 2, 1, 3] : tensor<3x1x4x2xf32> -> tensor<3x4x1x2xf32>
// REVERSE-NEXT: %2 = jaxr.reshape %1 : tensor<3x4x1x2xf32> -> tensor<3x4x2xf32>
// REVERSE-NEXT: %3 = jaxr.rev %2, dims = [0] : tensor<3x4x2xf32>
// REVERSE-NEXT: %4 = jaxr.conv_general_dilated %arg2, %3, window_strides = [1], padding = [1, 1], lhs_dilation = [2], rhs_dilation = [1], dimension_numbers = [0, 2, 1] x [1, 2, 0] -> [0, 2, 1], feature_group_count = 4, batch_group_count = 1 : (tensor<1x3x8xf32>, tensor<3x4x2xf32>) -> tensor<1x5x4xf32>
// REVERSE-NEXT: %5 = jaxr.conv_general_dilated %arg0, %arg2, window_strides = [1], padding = [1, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [2, 0, 1] x [2, 0, 1] -> [1, 2, 0], feature_group_count = 1, batch_group_count = 4 : (tensor<1x5x4xf32>, tensor<1x3x8xf32>) -> tensor<3x1x8xf32>
// REVERSE-NEXT: return %4, %5 : tensor<1x5x4xf32>, tensor<3x1x8xf32>
func.func private @depthwise(%x: tensor<1x5x4xf32>, %w: tensor<3x1x8xf32>) -> tensor<1x3x8xf32> {
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [2], padding = [1, 1], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 4, batch_group_count = 1 : (tensor<1x5x4xf32>, tensor<3x1x8xf32>) -> tensor<1x3x8xf32>
  return %0 : tensor<1x3x8xf32>
}
func.func @depthwise_fwd(%x: tensor<1x5x4xf32>, %w: tensor<3x1x8xf32>, %t0: tensor<1x5x4xf32>, %t1: tensor<3x1x8xf32>) -> (tensor<1x3x8xf32>, tensor<1x3x8xf32>) {
  %0:2 = jaxr.jvp @depthwise(%x, %w, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<1x5x4xf32>, tensor<3x1x8xf32>, tensor<1x5x4xf32>, tensor<3x1x8xf32>) -> (tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return %0#0, %0#1 : tensor<1x3x8xf32>, tensor<1x3x8xf32>
}
func.func @depthwise_rev(%x: tensor<1x5x4xf32>, %w: tensor<3x1x8xf32>, %c0: tensor<1x3x8xf32>) -> (tensor<1x5x4xf32>, tensor<3x1x8xf32>) {
  %0:2 = jaxr.vjp @depthwise(%x, %w, %c0) {argnums = array<i64: 0, 1>} : (tensor<1x5x4xf32>, tensor<3x1x8xf32>, tensor<1x3x8xf32>) -> (tensor<1x5x4xf32>, tensor<3x1x8xf32>)
  return %0#0, %0#1 : tensor<1x5x4xf32>, tensor<3x1x8xf32>
}

// -----

// Two batch groups (a batch of 6, 3 features, 6 output features): the input's
// cotangent is a convolution of two feature groups (the kernel's groups moved
// to its input features) whose result's groups then move from its features to
// its batch; the kernel's cotangent is feature-grouped.
// REVERSE-LABEL: func.func private @batch_groups_vjp_0_1(%arg0: tensor<6x3x5xf32>, %arg1: tensor<6x3x2xf32>, %arg2: tensor<3x6x4xf32>) -> (tensor<6x3x5xf32>, tensor<6x3x2xf32>) {
// REVERSE-NEXT: %0 = jaxr.reshape %arg1 : tensor<6x3x2xf32> -> tensor<2x3x3x2xf32>
// REVERSE-NEXT: %1 = jaxr.transpose %0, perm = [1, 0, 2, 3] : tensor<2x3x3x2xf32> -> tensor<3x2x3x2xf32>
// REVERSE-NEXT: %2 = jaxr.reshape %1 : tensor<3x2x3x2xf32> -> tensor<3x6x2xf32>
// REVERSE-NEXT: %3 = jaxr.rev %2, dims = [2] : tensor<3x6x2xf32>
// REVERSE-NEXT: %4 = jaxr.conv_general_dilated %arg2, %3, window_strides = [1], padding = [1, 1], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [1, 0, 2] -> [0, 1, 2], feature_group_count = 2, batch_group_count = 1 : (tensor<3x6x4xf32>, tensor<3x6x2xf32>) -> tensor<3x6x5xf32>
// REVERSE-NEXT: %5 = jaxr.reshape %4 : tensor<3x6x5xf32> -> tensor<3x2x3x5xf32>
// REVERSE-NEXT: %6 = jaxr.transpose %5, perm = [1, 0, 2, 3] : tensor<3x2x3x5xf32> -> tensor<2x3x3x5xf32>
// REVERSE-NEXT: %7 = jaxr.reshape %6 : tensor<2x3x3x5xf32> -> tensor<6x3x5xf32>
// REVERSE-NEXT: %8 = jaxr.conv_general_dilated %arg0, %arg2, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [1, 0, 2] x [1, 0, 2] -> [1, 0, 2], feature_group_count = 2, batch_group_count = 1 : (tensor<6x3x5xf32>, tensor<3x6x4xf32>) -> tensor<6x3x2xf32>
// REVERSE-NEXT: return %7, %8 : tensor<6x3x5xf32>, tensor<6x3x2xf32>
func.func private @batch_groups(%x: tensor<6x3x5xf32>, %w: tensor<6x3x2xf32>) -> tensor<3x6x4xf32> {
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [0, 1, 2] -> [0, 1, 2], feature_group_count = 1, batch_group_count = 2 : (tensor<6x3x5xf32>, tensor<6x3x2xf32>) -> tensor<3x6x4xf32>
  return %0 : tensor<3x6x4xf32>
}
func.func @batch_groups_rev(%x: tensor<6x3x5xf32>, %w: tensor<6x3x2xf32>, %c0: tensor<3x6x4xf32>) -> (tensor<6x3x5xf32>, tensor<6x3x2xf32>) {
  %0:2 = jaxr.vjp @batch_groups(%x, %w, %c0) {argnums = array<i64: 0, 1>} : (tensor<6x3x5xf32>, tensor<6x3x2xf32>, tensor<3x6x4xf32>) -> (tensor<6x3x5xf32>, tensor<6x3x2xf32>)
  return %0#0, %0#1 : tensor<6x3x5xf32>, tensor<6x3x2xf32>
}

// -----

// Mixed precision (bf16 operands, an f32 result): the tangent is f32; the
// cotangents' convolutions take the other operand converted to f32 and their
// results are converted back to bf16.
// FORWARD-LABEL: func.func private @mixed_jvp_0_1(%arg0: tensor<1x4x5xbf16>, %arg1: tensor<6x2x3xbf16>, %arg2: tensor<1x4x5xbf16>, %arg3: tensor<6x2x3xbf16>) -> (tensor<1x6x3xf32>, tensor<1x6x3xf32>) {
// FORWARD-NEXT: %0 = jaxr.conv_general_dilated %arg0, %arg1, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [0, 1, 2] -> [0, 1, 2], feature_group_count = 2, batch_group_count = 1 : (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>) -> tensor<1x6x3xf32>
// FORWARD-NEXT: %1 = jaxr.conv_general_dilated %arg2, %arg1, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [0, 1, 2] -> [0, 1, 2], feature_group_count = 2, batch_group_count = 1 : (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>) -> tensor<1x6x3xf32>
// FORWARD-NEXT: %2 = jaxr.conv_general_dilated %arg0, %arg3, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [0, 1, 2] -> [0, 1, 2], feature_group_count = 2, batch_group_count = 1 : (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>) -> tensor<1x6x3xf32>
// FORWARD-NEXT: %3 = jaxr.add %1, %2 : tensor<1x6x3xf32>
// FORWARD-NEXT: return %0, %3 : tensor<1x6x3xf32>, tensor<1x6x3xf32>
// REVERSE-LABEL: func.func private @mixed_vjp_0_1(%arg0: tensor<1x4x5xbf16>, %arg1: tensor<6x2x3xbf16>, %arg2: tensor<1x6x3xf32>) -> (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>) {
// REVERSE-NEXT: %0 = jaxr.reshape %arg1 : tensor<6x2x3xbf16> -> tensor<2x3x2x3xbf16>
// REVERSE-NEXT: %1 = jaxr.transpose %0, perm = [1, 0, 2, 3] : tensor<2x3x2x3xbf16> -> tensor<3x2x2x3xbf16>
// REVERSE-NEXT: %2 = jaxr.reshape %1 : tensor<3x2x2x3xbf16> -> tensor<3x4x3xbf16>
// REVERSE-NEXT: %3 = jaxr.rev %2, dims = [2] : tensor<3x4x3xbf16>
// REVERSE-NEXT: %4 = jaxr.convert_element_type %3 : tensor<3x4x3xbf16> -> tensor<3x4x3xf32>
// REVERSE-NEXT: %5 = jaxr.conv_general_dilated %arg2, %4, window_strides = [1], padding = [2, 2], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [1, 0, 2] -> [0, 1, 2], feature_group_count = 2, batch_group_count = 1 : (tensor<1x6x3xf32>, tensor<3x4x3xf32>) -> tensor<1x4x5xf32>
// REVERSE-NEXT: %6 = jaxr.convert_element_type %5 : tensor<1x4x5xf32> -> tensor<1x4x5xbf16>
// REVERSE-NEXT: %7 = jaxr.convert_element_type %arg0 : tensor<1x4x5xbf16> -> tensor<1x4x5xf32>
// REVERSE-NEXT: %8 = jaxr.conv_general_dilated %7, %arg2, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [1, 0, 2] x [1, 0, 2] -> [1, 0, 2], feature_group_count = 1, batch_group_count = 2 : (tensor<1x4x5xf32>, tensor<1x6x3xf32>) -> tensor<6x2x3xf32>
// REVERSE-NEXT: %9 = jaxr.convert_element_type %8 : tensor<6x2x3xf32> -> tensor<6x2x3xbf16>
// REVERSE-NEXT: return %6, %9 : tensor<1x4x5xbf16>, tensor<6x2x3xbf16>
func.func private @mixed(%x: tensor<1x4x5xbf16>, %w: tensor<6x2x3xbf16>) -> tensor<1x6x3xf32> {
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [1], padding = [0, 0], lhs_dilation = [1], rhs_dilation = [1], dimension_numbers = [0, 1, 2] x [0, 1, 2] -> [0, 1, 2], feature_group_count = 2, batch_group_count = 1 : (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>) -> tensor<1x6x3xf32>
  return %0 : tensor<1x6x3xf32>
}
func.func @mixed_fwd(%x: tensor<1x4x5xbf16>, %w: tensor<6x2x3xbf16>, %t0: tensor<1x4x5xbf16>, %t1: tensor<6x2x3xbf16>) -> (tensor<1x6x3xf32>, tensor<1x6x3xf32>) {
  %0:2 = jaxr.jvp @mixed(%x, %w, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>, tensor<1x4x5xbf16>, tensor<6x2x3xbf16>) -> (tensor<1x6x3xf32>, tensor<1x6x3xf32>)
  return %0#0, %0#1 : tensor<1x6x3xf32>, tensor<1x6x3xf32>
}
func.func @mixed_rev(%x: tensor<1x4x5xbf16>, %w: tensor<6x2x3xbf16>, %c0: tensor<1x6x3xf32>) -> (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>) {
  %0:2 = jaxr.vjp @mixed(%x, %w, %c0) {argnums = array<i64: 0, 1>} : (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>, tensor<1x6x3xf32>) -> (tensor<1x4x5xbf16>, tensor<6x2x3xbf16>)
  return %0#0, %0#1 : tensor<1x4x5xbf16>, tensor<6x2x3xbf16>
}
