// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=FORWARD
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=REVERSE

// dot_general and conv_general_dilated: JAX's transpose rules.

// FORWARD-LABEL: func.func private @dot_general_jvp_0_1(%arg0: tensor<2x3xf32>, %arg1: tensor<3x5xf32>, %arg2: tensor<2x3xf32>, %arg3: tensor<3x5xf32>) -> (tensor<2x5xf32>, tensor<2x5xf32>) {
// FORWARD-NEXT: %0 = jaxr.dot_general %arg0, %arg1, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
// FORWARD-NEXT: %1 = jaxr.dot_general %arg2, %arg1, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
// FORWARD-NEXT: %2 = jaxr.dot_general %arg0, %arg3, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
// FORWARD-NEXT: %3 = jaxr.add %1, %2 : tensor<2x5xf32>
// FORWARD-NEXT: return %0, %3 : tensor<2x5xf32>, tensor<2x5xf32>
// REVERSE-LABEL: func.func private @dot_general_vjp_0_1(%arg0: tensor<2x3xf32>, %arg1: tensor<3x5xf32>, %arg2: tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<3x5xf32>) {
// REVERSE-NEXT: %0 = jaxr.dot_general %arg2, %arg1, contracting = [1] x [1], batch = [] x [] : (tensor<2x5xf32>, tensor<3x5xf32>) -> tensor<2x3xf32>
// REVERSE-NEXT: %1 = jaxr.dot_general %arg0, %arg2, contracting = [0] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<3x5xf32>
// REVERSE-NEXT: return %0, %1 : tensor<2x3xf32>, tensor<3x5xf32>
func.func private @dot_general(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) -> tensor<2x5xf32> {
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}
func.func @dot_general_fwd(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %t0: tensor<2x3xf32>, %t1: tensor<3x5xf32>) -> (tensor<2x5xf32>, tensor<2x5xf32>) {
  %0:2 = jaxr.jvp @dot_general(%a, %b, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<2x3xf32>, tensor<3x5xf32>, tensor<2x3xf32>, tensor<3x5xf32>) -> (tensor<2x5xf32>, tensor<2x5xf32>)
  return %0#0, %0#1 : tensor<2x5xf32>, tensor<2x5xf32>
}
func.func @dot_general_rev(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %c0: tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<3x5xf32>) {
  %0:2 = jaxr.vjp @dot_general(%a, %b, %c0) {argnums = array<i64: 0, 1>} : (tensor<2x3xf32>, tensor<3x5xf32>, tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<3x5xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<3x5xf32>
}

// -----

// FORWARD-LABEL: func.func private @dot_general_batch_jvp_0_1(%arg0: tensor<7x2x3xf32>, %arg1: tensor<7x3x5xf32>, %arg2: tensor<7x2x3xf32>, %arg3: tensor<7x3x5xf32>) -> (tensor<7x2x5xf32>, tensor<7x2x5xf32>) {
// FORWARD-NEXT: %0 = jaxr.dot_general %arg0, %arg1, contracting = [2] x [1], batch = [0] x [0] : (tensor<7x2x3xf32>, tensor<7x3x5xf32>) -> tensor<7x2x5xf32>
// FORWARD-NEXT: %1 = jaxr.dot_general %arg2, %arg1, contracting = [2] x [1], batch = [0] x [0] : (tensor<7x2x3xf32>, tensor<7x3x5xf32>) -> tensor<7x2x5xf32>
// FORWARD-NEXT: %2 = jaxr.dot_general %arg0, %arg3, contracting = [2] x [1], batch = [0] x [0] : (tensor<7x2x3xf32>, tensor<7x3x5xf32>) -> tensor<7x2x5xf32>
// FORWARD-NEXT: %3 = jaxr.add %1, %2 : tensor<7x2x5xf32>
// FORWARD-NEXT: return %0, %3 : tensor<7x2x5xf32>, tensor<7x2x5xf32>
// REVERSE-LABEL: func.func private @dot_general_batch_vjp_0_1(%arg0: tensor<7x2x3xf32>, %arg1: tensor<7x3x5xf32>, %arg2: tensor<7x2x5xf32>) -> (tensor<7x2x3xf32>, tensor<7x3x5xf32>) {
// REVERSE-NEXT: %0 = jaxr.dot_general %arg2, %arg1, contracting = [2] x [2], batch = [0] x [0] : (tensor<7x2x5xf32>, tensor<7x3x5xf32>) -> tensor<7x2x3xf32>
// REVERSE-NEXT: %1 = jaxr.dot_general %arg0, %arg2, contracting = [1] x [1], batch = [0] x [0] : (tensor<7x2x3xf32>, tensor<7x2x5xf32>) -> tensor<7x3x5xf32>
// REVERSE-NEXT: return %0, %1 : tensor<7x2x3xf32>, tensor<7x3x5xf32>
func.func private @dot_general_batch(%a: tensor<7x2x3xf32>, %b: tensor<7x3x5xf32>) -> tensor<7x2x5xf32> {
  %0 = jaxr.dot_general %a, %b, contracting = [2] x [1], batch = [0] x [0] : (tensor<7x2x3xf32>, tensor<7x3x5xf32>) -> tensor<7x2x5xf32>
  return %0 : tensor<7x2x5xf32>
}
func.func @dot_general_batch_fwd(%a: tensor<7x2x3xf32>, %b: tensor<7x3x5xf32>, %t0: tensor<7x2x3xf32>, %t1: tensor<7x3x5xf32>) -> (tensor<7x2x5xf32>, tensor<7x2x5xf32>) {
  %0:2 = jaxr.jvp @dot_general_batch(%a, %b, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<7x2x3xf32>, tensor<7x3x5xf32>, tensor<7x2x3xf32>, tensor<7x3x5xf32>) -> (tensor<7x2x5xf32>, tensor<7x2x5xf32>)
  return %0#0, %0#1 : tensor<7x2x5xf32>, tensor<7x2x5xf32>
}
func.func @dot_general_batch_rev(%a: tensor<7x2x3xf32>, %b: tensor<7x3x5xf32>, %c0: tensor<7x2x5xf32>) -> (tensor<7x2x3xf32>, tensor<7x3x5xf32>) {
  %0:2 = jaxr.vjp @dot_general_batch(%a, %b, %c0) {argnums = array<i64: 0, 1>} : (tensor<7x2x3xf32>, tensor<7x3x5xf32>, tensor<7x2x5xf32>) -> (tensor<7x2x3xf32>, tensor<7x3x5xf32>)
  return %0#0, %0#1 : tensor<7x2x3xf32>, tensor<7x3x5xf32>
}

// -----

// FORWARD-LABEL: func.func private @conv_general_dilated_jvp_0_1(%arg0: tensor<2x16x3xf32>, %arg1: tensor<3x3x4xf32>, %arg2: tensor<2x16x3xf32>, %arg3: tensor<3x3x4xf32>) -> (tensor<2x8x4xf32>, tensor<2x8x4xf32>) {
// FORWARD-NEXT: %0 = jaxr.conv_general_dilated %arg0, %arg1, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
// FORWARD-NEXT: %1 = jaxr.conv_general_dilated %arg2, %arg1, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
// FORWARD-NEXT: %2 = jaxr.conv_general_dilated %arg0, %arg3, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
// FORWARD-NEXT: %3 = jaxr.add %1, %2 : tensor<2x8x4xf32>
// FORWARD-NEXT: return %0, %3 : tensor<2x8x4xf32>, tensor<2x8x4xf32>
// REVERSE-LABEL: func.func private @conv_general_dilated_vjp_0_1(%arg0: tensor<2x16x3xf32>, %arg1: tensor<3x3x4xf32>, %arg2: tensor<2x8x4xf32>) -> (tensor<2x16x3xf32>, tensor<3x3x4xf32>) {
// REVERSE-NEXT: %0 = jaxr.rev %arg1, dims = [0] : tensor<3x3x4xf32>
// REVERSE-NEXT: %1 = jaxr.conv_general_dilated %arg2, %0, window_strides = [1], padding = [2, 3], lhs_dilation = [2], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [1, 2, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x8x4xf32>, tensor<3x3x4xf32>) -> tensor<2x16x3xf32>
// REVERSE-NEXT: %2 = jaxr.conv_general_dilated %arg0, %arg2, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [2, 0, 1] x [2, 0, 1] -> [1, 2, 0], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<2x8x4xf32>) -> tensor<3x3x4xf32>
// REVERSE-NEXT: return %1, %2 : tensor<2x16x3xf32>, tensor<3x3x4xf32>
func.func private @conv_general_dilated(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>) -> tensor<2x8x4xf32> {
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  return %0 : tensor<2x8x4xf32>
}
func.func @conv_general_dilated_fwd(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>, %t0: tensor<2x16x3xf32>, %t1: tensor<3x3x4xf32>) -> (tensor<2x8x4xf32>, tensor<2x8x4xf32>) {
  %0:2 = jaxr.jvp @conv_general_dilated(%x, %w, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<2x16x3xf32>, tensor<3x3x4xf32>, tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> (tensor<2x8x4xf32>, tensor<2x8x4xf32>)
  return %0#0, %0#1 : tensor<2x8x4xf32>, tensor<2x8x4xf32>
}
func.func @conv_general_dilated_rev(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>, %c0: tensor<2x8x4xf32>) -> (tensor<2x16x3xf32>, tensor<3x3x4xf32>) {
  %0:2 = jaxr.vjp @conv_general_dilated(%x, %w, %c0) {argnums = array<i64: 0, 1>} : (tensor<2x16x3xf32>, tensor<3x3x4xf32>, tensor<2x8x4xf32>) -> (tensor<2x16x3xf32>, tensor<3x3x4xf32>)
  return %0#0, %0#1 : tensor<2x16x3xf32>, tensor<3x3x4xf32>
}
