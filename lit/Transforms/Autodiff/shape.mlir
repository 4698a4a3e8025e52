// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=FORWARD
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=REVERSE

// Shape ops: each VJP is the transposed shape op (a sum for a broadcast, a
// pad for a slice, slices for a concatenate, ...).

// FORWARD-LABEL: func.func private @broadcast_in_dim_jvp_0(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
// FORWARD-NEXT: %0 = jaxr.broadcast_in_dim %arg0, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
// FORWARD-NEXT: %1 = jaxr.broadcast_in_dim %arg1, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
// FORWARD-NEXT: return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
// REVERSE-LABEL: func.func private @broadcast_in_dim_vjp_0(%arg0: tensor<3xf32>, %arg1: tensor<2x3xf32>) -> tensor<3xf32> {
// REVERSE-NEXT: %0 = jaxr.reduce_sum %arg1, axes = [0] : tensor<2x3xf32> -> tensor<3xf32>
// REVERSE-NEXT: return %0 : tensor<3xf32>
func.func private @broadcast_in_dim(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = jaxr.broadcast_in_dim %x, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
func.func @broadcast_in_dim_fwd(%x: tensor<3xf32>, %t0: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0:2 = jaxr.jvp @broadcast_in_dim(%x, %t0) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xf32>
}
func.func @broadcast_in_dim_rev(%x: tensor<3xf32>, %c0: tensor<2x3xf32>) -> tensor<3xf32> {
  %0 = jaxr.vjp @broadcast_in_dim(%x, %c0) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// FORWARD-LABEL: func.func private @broadcast_in_dim_expand_jvp_0(%arg0: tensor<1x3xf32>, %arg1: tensor<1x3xf32>) -> (tensor<5x2x3xf32>, tensor<5x2x3xf32>) {
// FORWARD-NEXT: %0 = jaxr.broadcast_in_dim %arg0, dims = [0, 2] : tensor<1x3xf32> -> tensor<5x2x3xf32>
// FORWARD-NEXT: %1 = jaxr.broadcast_in_dim %arg1, dims = [0, 2] : tensor<1x3xf32> -> tensor<5x2x3xf32>
// FORWARD-NEXT: return %0, %1 : tensor<5x2x3xf32>, tensor<5x2x3xf32>
// REVERSE-LABEL: func.func private @broadcast_in_dim_expand_vjp_0(%arg0: tensor<1x3xf32>, %arg1: tensor<5x2x3xf32>) -> tensor<1x3xf32> {
// REVERSE-NEXT: %0 = jaxr.reduce_sum %arg1, axes = [0, 1] : tensor<5x2x3xf32> -> tensor<3xf32>
// REVERSE-NEXT: %1 = jaxr.reshape %0 : tensor<3xf32> -> tensor<1x3xf32>
// REVERSE-NEXT: return %1 : tensor<1x3xf32>
func.func private @broadcast_in_dim_expand(%x: tensor<1x3xf32>) -> tensor<5x2x3xf32> {
  %0 = jaxr.broadcast_in_dim %x, dims = [0, 2] : tensor<1x3xf32> -> tensor<5x2x3xf32>
  return %0 : tensor<5x2x3xf32>
}
func.func @broadcast_in_dim_expand_fwd(%x: tensor<1x3xf32>, %t0: tensor<1x3xf32>) -> (tensor<5x2x3xf32>, tensor<5x2x3xf32>) {
  %0:2 = jaxr.jvp @broadcast_in_dim_expand(%x, %t0) {argnums = array<i64: 0>} : (tensor<1x3xf32>, tensor<1x3xf32>) -> (tensor<5x2x3xf32>, tensor<5x2x3xf32>)
  return %0#0, %0#1 : tensor<5x2x3xf32>, tensor<5x2x3xf32>
}
func.func @broadcast_in_dim_expand_rev(%x: tensor<1x3xf32>, %c0: tensor<5x2x3xf32>) -> tensor<1x3xf32> {
  %0 = jaxr.vjp @broadcast_in_dim_expand(%x, %c0) {argnums = array<i64: 0>} : (tensor<1x3xf32>, tensor<5x2x3xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

// FORWARD-LABEL: func.func private @reshape_jvp_0(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> (tensor<3x1x2xf32>, tensor<3x1x2xf32>) {
// FORWARD-NEXT: %0 = jaxr.reshape %arg0 : tensor<2x3xf32> -> tensor<3x1x2xf32>
// FORWARD-NEXT: %1 = jaxr.reshape %arg1 : tensor<2x3xf32> -> tensor<3x1x2xf32>
// FORWARD-NEXT: return %0, %1 : tensor<3x1x2xf32>, tensor<3x1x2xf32>
// REVERSE-LABEL: func.func private @reshape_vjp_0(%arg0: tensor<2x3xf32>, %arg1: tensor<3x1x2xf32>) -> tensor<2x3xf32> {
// REVERSE-NEXT: %0 = jaxr.reshape %arg1 : tensor<3x1x2xf32> -> tensor<2x3xf32>
// REVERSE-NEXT: return %0 : tensor<2x3xf32>
func.func private @reshape(%x: tensor<2x3xf32>) -> tensor<3x1x2xf32> {
  %0 = jaxr.reshape %x : tensor<2x3xf32> -> tensor<3x1x2xf32>
  return %0 : tensor<3x1x2xf32>
}
func.func @reshape_fwd(%x: tensor<2x3xf32>, %t0: tensor<2x3xf32>) -> (tensor<3x1x2xf32>, tensor<3x1x2xf32>) {
  %0:2 = jaxr.jvp @reshape(%x, %t0) {argnums = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<3x1x2xf32>, tensor<3x1x2xf32>)
  return %0#0, %0#1 : tensor<3x1x2xf32>, tensor<3x1x2xf32>
}
func.func @reshape_rev(%x: tensor<2x3xf32>, %c0: tensor<3x1x2xf32>) -> tensor<2x3xf32> {
  %0 = jaxr.vjp @reshape(%x, %c0) {argnums = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x1x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// FORWARD-LABEL: func.func private @transpose_jvp_0(%arg0: tensor<2x3x4xf32>, %arg1: tensor<2x3x4xf32>) -> (tensor<4x2x3xf32>, tensor<4x2x3xf32>) {
// FORWARD-NEXT: %0 = jaxr.transpose %arg0, perm = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
// FORWARD-NEXT: %1 = jaxr.transpose %arg1, perm = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4x2x3xf32>, tensor<4x2x3xf32>
// REVERSE-LABEL: func.func private @transpose_vjp_0(%arg0: tensor<2x3x4xf32>, %arg1: tensor<4x2x3xf32>) -> tensor<2x3x4xf32> {
// REVERSE-NEXT: %0 = jaxr.transpose %arg1, perm = [1, 2, 0] : tensor<4x2x3xf32> -> tensor<2x3x4xf32>
// REVERSE-NEXT: return %0 : tensor<2x3x4xf32>
func.func private @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = jaxr.transpose %x, perm = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}
func.func @transpose_fwd(%x: tensor<2x3x4xf32>, %t0: tensor<2x3x4xf32>) -> (tensor<4x2x3xf32>, tensor<4x2x3xf32>) {
  %0:2 = jaxr.jvp @transpose(%x, %t0) {argnums = array<i64: 0>} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> (tensor<4x2x3xf32>, tensor<4x2x3xf32>)
  return %0#0, %0#1 : tensor<4x2x3xf32>, tensor<4x2x3xf32>
}
func.func @transpose_rev(%x: tensor<2x3x4xf32>, %c0: tensor<4x2x3xf32>) -> tensor<2x3x4xf32> {
  %0 = jaxr.vjp @transpose(%x, %c0) {argnums = array<i64: 0>} : (tensor<2x3x4xf32>, tensor<4x2x3xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// FORWARD-LABEL: func.func private @rev_jvp_0(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
// FORWARD-NEXT: %0 = jaxr.rev %arg0, dims = [0, 1] : tensor<2x3xf32>
// FORWARD-NEXT: %1 = jaxr.rev %arg1, dims = [0, 1] : tensor<2x3xf32>
// FORWARD-NEXT: return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
// REVERSE-LABEL: func.func private @rev_vjp_0(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> tensor<2x3xf32> {
// REVERSE-NEXT: %0 = jaxr.rev %arg1, dims = [0, 1] : tensor<2x3xf32>
// REVERSE-NEXT: return %0 : tensor<2x3xf32>
func.func private @rev(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = jaxr.rev %x, dims = [0, 1] : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
func.func @rev_fwd(%x: tensor<2x3xf32>, %t0: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0:2 = jaxr.jvp @rev(%x, %t0) {argnums = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xf32>
}
func.func @rev_rev(%x: tensor<2x3xf32>, %c0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = jaxr.vjp @rev(%x, %c0) {argnums = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// FORWARD-LABEL: func.func private @concatenate_jvp_0_1(%arg0: tensor<2x3xf32>, %arg1: tensor<4x3xf32>, %arg2: tensor<2x3xf32>, %arg3: tensor<4x3xf32>) -> (tensor<6x3xf32>, tensor<6x3xf32>) {
// FORWARD-NEXT: %0 = jaxr.concatenate(%arg0, %arg1) dim = 0 : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
// FORWARD-NEXT: %1 = jaxr.concatenate(%arg2, %arg3) dim = 0 : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
// FORWARD-NEXT: return %0, %1 : tensor<6x3xf32>, tensor<6x3xf32>
// REVERSE-LABEL: func.func private @concatenate_vjp_0_1(%arg0: tensor<2x3xf32>, %arg1: tensor<4x3xf32>, %arg2: tensor<6x3xf32>) -> (tensor<2x3xf32>, tensor<4x3xf32>) {
// REVERSE-NEXT: %0 = jaxr.slice %arg2, start = [0, 0], limit = [2, 3], strides = [1, 1] : tensor<6x3xf32> -> tensor<2x3xf32>
// REVERSE-NEXT: %1 = jaxr.slice %arg2, start = [2, 0], limit = [6, 3], strides = [1, 1] : tensor<6x3xf32> -> tensor<4x3xf32>
// REVERSE-NEXT: return %0, %1 : tensor<2x3xf32>, tensor<4x3xf32>
func.func private @concatenate(%x: tensor<2x3xf32>, %y: tensor<4x3xf32>) -> tensor<6x3xf32> {
  %0 = jaxr.concatenate(%x, %y) dim = 0 : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
  return %0 : tensor<6x3xf32>
}
func.func @concatenate_fwd(%x: tensor<2x3xf32>, %y: tensor<4x3xf32>, %t0: tensor<2x3xf32>, %t1: tensor<4x3xf32>) -> (tensor<6x3xf32>, tensor<6x3xf32>) {
  %0:2 = jaxr.jvp @concatenate(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<2x3xf32>, tensor<4x3xf32>) -> (tensor<6x3xf32>, tensor<6x3xf32>)
  return %0#0, %0#1 : tensor<6x3xf32>, tensor<6x3xf32>
}
func.func @concatenate_rev(%x: tensor<2x3xf32>, %y: tensor<4x3xf32>, %c0: tensor<6x3xf32>) -> (tensor<2x3xf32>, tensor<4x3xf32>) {
  %0:2 = jaxr.vjp @concatenate(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<6x3xf32>) -> (tensor<2x3xf32>, tensor<4x3xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<4x3xf32>
}

// -----

// FORWARD-LABEL: func.func private @pad_jvp_0_1(%arg0: tensor<3x4xf32>, %arg1: tensor<f32>, %arg2: tensor<3x4xf32>, %arg3: tensor<f32>) -> (tensor<6x5xf32>, tensor<6x5xf32>) {
// FORWARD-NEXT: %0 = jaxr.pad %arg0, %arg1, low = [1, -1], high = [0, 2], interior = [1, 0] : (tensor<3x4xf32>, tensor<f32>) -> tensor<6x5xf32>
// FORWARD-NEXT: %1 = jaxr.pad %arg2, %arg3, low = [1, -1], high = [0, 2], interior = [1, 0] : (tensor<3x4xf32>, tensor<f32>) -> tensor<6x5xf32>
// FORWARD-NEXT: return %0, %1 : tensor<6x5xf32>, tensor<6x5xf32>
// REVERSE-LABEL: func.func private @pad_vjp_0_1(%arg0: tensor<3x4xf32>, %arg1: tensor<f32>, %arg2: tensor<6x5xf32>) -> (tensor<3x4xf32>, tensor<f32>) {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<f32>
// REVERSE-NEXT: %1 = jaxr.pad %arg2, %0, low = [-1, 1], high = [0, -2], interior = [0, 0] : (tensor<6x5xf32>, tensor<f32>) -> tensor<5x4xf32>
// REVERSE-NEXT: %2 = jaxr.slice %1, start = [0, 0], limit = [5, 4], strides = [2, 1] : tensor<5x4xf32> -> tensor<3x4xf32>
// REVERSE-NEXT: %3 = jaxr.reduce_sum %arg2, axes = [0, 1] : tensor<6x5xf32> -> tensor<f32>
// REVERSE-NEXT: %4 = jaxr.reduce_sum %2, axes = [0, 1] : tensor<3x4xf32> -> tensor<f32>
// REVERSE-NEXT: %5 = jaxr.sub %3, %4 : tensor<f32>
// REVERSE-NEXT: return %2, %5 : tensor<3x4xf32>, tensor<f32>
func.func private @pad(%x: tensor<3x4xf32>, %v: tensor<f32>) -> tensor<6x5xf32> {
  %0 = jaxr.pad %x, %v, low = [1, -1], high = [0, 2], interior = [1, 0] : (tensor<3x4xf32>, tensor<f32>) -> tensor<6x5xf32>
  return %0 : tensor<6x5xf32>
}
func.func @pad_fwd(%x: tensor<3x4xf32>, %v: tensor<f32>, %t0: tensor<3x4xf32>, %t1: tensor<f32>) -> (tensor<6x5xf32>, tensor<6x5xf32>) {
  %0:2 = jaxr.jvp @pad(%x, %v, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<3x4xf32>, tensor<f32>, tensor<3x4xf32>, tensor<f32>) -> (tensor<6x5xf32>, tensor<6x5xf32>)
  return %0#0, %0#1 : tensor<6x5xf32>, tensor<6x5xf32>
}
func.func @pad_rev(%x: tensor<3x4xf32>, %v: tensor<f32>, %c0: tensor<6x5xf32>) -> (tensor<3x4xf32>, tensor<f32>) {
  %0:2 = jaxr.vjp @pad(%x, %v, %c0) {argnums = array<i64: 0, 1>} : (tensor<3x4xf32>, tensor<f32>, tensor<6x5xf32>) -> (tensor<3x4xf32>, tensor<f32>)
  return %0#0, %0#1 : tensor<3x4xf32>, tensor<f32>
}

// -----

// FORWARD-LABEL: func.func private @slice_jvp_0(%arg0: tensor<10xf32>, %arg1: tensor<10xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
// FORWARD-NEXT: %0 = jaxr.slice %arg0, start = [1], limit = [8], strides = [3] : tensor<10xf32> -> tensor<3xf32>
// FORWARD-NEXT: %1 = jaxr.slice %arg1, start = [1], limit = [8], strides = [3] : tensor<10xf32> -> tensor<3xf32>
// FORWARD-NEXT: return %0, %1 : tensor<3xf32>, tensor<3xf32>
// REVERSE-LABEL: func.func private @slice_vjp_0(%arg0: tensor<10xf32>, %arg1: tensor<3xf32>) -> tensor<10xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<f32>
// REVERSE-NEXT: %1 = jaxr.pad %arg1, %0, low = [1], high = [2], interior = [2] : (tensor<3xf32>, tensor<f32>) -> tensor<10xf32>
// REVERSE-NEXT: return %1 : tensor<10xf32>
func.func private @slice(%x: tensor<10xf32>) -> tensor<3xf32> {
  %0 = jaxr.slice %x, start = [1], limit = [8], strides = [3] : tensor<10xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @slice_fwd(%x: tensor<10xf32>, %t0: tensor<10xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0:2 = jaxr.jvp @slice(%x, %t0) {argnums = array<i64: 0>} : (tensor<10xf32>, tensor<10xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<3xf32>
}
func.func @slice_rev(%x: tensor<10xf32>, %c0: tensor<3xf32>) -> tensor<10xf32> {
  %0 = jaxr.vjp @slice(%x, %c0) {argnums = array<i64: 0>} : (tensor<10xf32>, tensor<3xf32>) -> tensor<10xf32>
  return %0 : tensor<10xf32>
}

// -----

// FORWARD-LABEL: func.func private @dynamic_slice_jvp_0(%arg0: tensor<4x6xf32>, %arg1: tensor<i32>, %arg2: tensor<i32>, %arg3: tensor<4x6xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
// FORWARD-NEXT: %0 = jaxr.dynamic_slice %arg0[%arg1, %arg2] sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
// FORWARD-NEXT: %1 = jaxr.dynamic_slice %arg3[%arg1, %arg2] sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
// FORWARD-NEXT: return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
// REVERSE-LABEL: func.func private @dynamic_slice_vjp_0(%arg0: tensor<4x6xf32>, %arg1: tensor<i32>, %arg2: tensor<i32>, %arg3: tensor<2x3xf32>) -> tensor<4x6xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<4x6xf32>
// REVERSE-NEXT: %1 = jaxr.dynamic_update_slice %0, %arg3[%arg1, %arg2] : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>) -> tensor<4x6xf32>
// REVERSE-NEXT: return %1 : tensor<4x6xf32>
func.func private @dynamic_slice(%x: tensor<4x6xf32>, %i: tensor<i32>, %j: tensor<i32>) -> tensor<2x3xf32> {
  %0 = jaxr.dynamic_slice %x[%i, %j] sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
func.func @dynamic_slice_fwd(%x: tensor<4x6xf32>, %i: tensor<i32>, %j: tensor<i32>, %t0: tensor<4x6xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0:2 = jaxr.jvp @dynamic_slice(%x, %i, %j, %t0) {argnums = array<i64: 0>} : (tensor<4x6xf32>, tensor<i32>, tensor<i32>, tensor<4x6xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xf32>
}
func.func @dynamic_slice_rev(%x: tensor<4x6xf32>, %i: tensor<i32>, %j: tensor<i32>, %c0: tensor<2x3xf32>) -> tensor<4x6xf32> {
  %0 = jaxr.vjp @dynamic_slice(%x, %i, %j, %c0) {argnums = array<i64: 0>} : (tensor<4x6xf32>, tensor<i32>, tensor<i32>, tensor<2x3xf32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// FORWARD-LABEL: func.func private @dynamic_update_slice_jvp_0_1(%arg0: tensor<4x6xf32>, %arg1: tensor<2x3xf32>, %arg2: tensor<i32>, %arg3: tensor<i32>, %arg4: tensor<4x6xf32>, %arg5: tensor<2x3xf32>) -> (tensor<4x6xf32>, tensor<4x6xf32>) {
// FORWARD-NEXT: %0 = jaxr.dynamic_update_slice %arg0, %arg1[%arg2, %arg3] : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>) -> tensor<4x6xf32>
// FORWARD-NEXT: %1 = jaxr.dynamic_update_slice %arg4, %arg5[%arg2, %arg3] : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>) -> tensor<4x6xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4x6xf32>, tensor<4x6xf32>
// REVERSE-LABEL: func.func private @dynamic_update_slice_vjp_0_1(%arg0: tensor<4x6xf32>, %arg1: tensor<2x3xf32>, %arg2: tensor<i32>, %arg3: tensor<i32>, %arg4: tensor<4x6xf32>) -> (tensor<4x6xf32>, tensor<2x3xf32>) {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<2x3xf32>
// REVERSE-NEXT: %1 = jaxr.dynamic_update_slice %arg4, %0[%arg2, %arg3] : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>) -> tensor<4x6xf32>
// REVERSE-NEXT: %2 = jaxr.dynamic_slice %arg4[%arg2, %arg3] sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
// REVERSE-NEXT: return %1, %2 : tensor<4x6xf32>, tensor<2x3xf32>
func.func private @dynamic_update_slice(%x: tensor<4x6xf32>, %u: tensor<2x3xf32>, %i: tensor<i32>, %j: tensor<i32>) -> tensor<4x6xf32> {
  %0 = jaxr.dynamic_update_slice %x, %u[%i, %j] : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}
func.func @dynamic_update_slice_fwd(%x: tensor<4x6xf32>, %u: tensor<2x3xf32>, %i: tensor<i32>, %j: tensor<i32>, %t0: tensor<4x6xf32>, %t1: tensor<2x3xf32>) -> (tensor<4x6xf32>, tensor<4x6xf32>) {
  %0:2 = jaxr.jvp @dynamic_update_slice(%x, %u, %i, %j, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>, tensor<4x6xf32>, tensor<2x3xf32>) -> (tensor<4x6xf32>, tensor<4x6xf32>)
  return %0#0, %0#1 : tensor<4x6xf32>, tensor<4x6xf32>
}
func.func @dynamic_update_slice_rev(%x: tensor<4x6xf32>, %u: tensor<2x3xf32>, %i: tensor<i32>, %j: tensor<i32>, %c0: tensor<4x6xf32>) -> (tensor<4x6xf32>, tensor<2x3xf32>) {
  %0:2 = jaxr.vjp @dynamic_update_slice(%x, %u, %i, %j, %c0) {argnums = array<i64: 0, 1>} : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>, tensor<4x6xf32>) -> (tensor<4x6xf32>, tensor<2x3xf32>)
  return %0#0, %0#1 : tensor<4x6xf32>, tensor<2x3xf32>
}
