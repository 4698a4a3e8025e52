// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-vmap)' | FileCheck %s --check-prefix=BATCHED

// Elementwise ops: the unbatched operand is broadcast along the batch
// dimension (first, inside the batched function), the op applied as is.

// BATCHED-LABEL: func.func private @add_one_batched_vmap_0_n(%arg0: tensor<3x4xf32>, %arg1: tensor<4xf32>) -> tensor<3x4xf32> {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg1, dims = [1] : tensor<4xf32> -> tensor<3x4xf32>
// BATCHED-NEXT: %1 = jaxr.add %arg0, %0 : tensor<3x4xf32>
// BATCHED-NEXT: return %1 : tensor<3x4xf32>
func.func private @add_one_batched(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.add %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @add_one_batched_batched(%x: tensor<3x4xf32>, %y: tensor<4xf32>) -> tensor<3x4xf32> {
  %0 = jaxr.vmap @add_one_batched(%x, %y) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// BATCHED-LABEL: func.func private @clamp_scalar_bounds_vmap_0_0_n(%arg0: tensor<3xf32>, %arg1: tensor<3x4xf32>, %arg2: tensor<f32>) -> tensor<3x4xf32> {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg0, dims = [0] : tensor<3xf32> -> tensor<3x4xf32>
// BATCHED-NEXT: %1 = jaxr.broadcast_in_dim %arg2, dims = [] : tensor<f32> -> tensor<3x4xf32>
// BATCHED-NEXT: %2 = jaxr.clamp %0, %arg1, %1 : (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// BATCHED-NEXT: return %2 : tensor<3x4xf32>
func.func private @clamp_scalar_bounds(%lo: tensor<f32>, %x: tensor<4xf32>, %hi: tensor<f32>) -> tensor<4xf32> {
  %0 = jaxr.clamp %lo, %x, %hi : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @clamp_scalar_bounds_batched(%lo: tensor<3xf32>, %x: tensor<3x4xf32>, %hi: tensor<f32>) -> tensor<3x4xf32> {
  %0 = jaxr.vmap @clamp_scalar_bounds(%lo, %x, %hi) {in_axes = array<i64: 0, 0, -1>, out_axes = array<i64: 0>} : (tensor<3xf32>, tensor<3x4xf32>, tensor<f32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// BATCHED-LABEL: func.func private @select_n_batched_predicate_vmap_0_n_n(%arg0: tensor<3x4xi1>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> tensor<3x4xf32> {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg1, dims = [1] : tensor<4xf32> -> tensor<3x4xf32>
// BATCHED-NEXT: %1 = jaxr.broadcast_in_dim %arg2, dims = [1] : tensor<4xf32> -> tensor<3x4xf32>
// BATCHED-NEXT: %2 = jaxr.select_n %arg0, %0, %1 : (tensor<3x4xi1>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// BATCHED-NEXT: return %2 : tensor<3x4xf32>
func.func private @select_n_batched_predicate(%p: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.select_n %p, %x, %y : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @select_n_batched_predicate_batched(%p: tensor<3x4xi1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<3x4xf32> {
  %0 = jaxr.vmap @select_n_batched_predicate(%p, %x, %y) {in_axes = array<i64: 0, -1, -1>, out_axes = array<i64: 0>} : (tensor<3x4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// BATCHED-LABEL: func.func private @batch_axis_1_in_and_out_vmap_0(%arg0: tensor<3x4xf32>) -> tensor<3x4xf32> {
// BATCHED-NEXT: %0 = jaxr.exp %arg0 : tensor<3x4xf32>
// BATCHED-NEXT: return %0 : tensor<3x4xf32>
func.func private @batch_axis_1_in_and_out(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.exp %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @batch_axis_1_in_and_out_batched(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = jaxr.vmap @batch_axis_1_in_and_out(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// optimization_barrier: one barrier over the operands as they come; the
// unbatched operand stays unbatched through it, and is broadcast where the
// batched product needs it.
// BATCHED-LABEL: func.func private @fenced_vmap_0_n(%arg0: tensor<3x4xf32>, %arg1: tensor<4xf32>) -> tensor<3x4xf32> {
// BATCHED-NEXT: %0:2 = jaxr.optimization_barrier %arg0, %arg1 : (tensor<3x4xf32>, tensor<4xf32>) -> (tensor<3x4xf32>, tensor<4xf32>)
// BATCHED-NEXT: %1 = jaxr.broadcast_in_dim %0#1, dims = [1] : tensor<4xf32> -> tensor<3x4xf32>
// BATCHED-NEXT: %2 = jaxr.mul %0#0, %1 : tensor<3x4xf32>
// BATCHED-NEXT: return %2 : tensor<3x4xf32>
func.func private @fenced(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0:2 = jaxr.optimization_barrier %x, %y : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  %1 = jaxr.mul %0#0, %0#1 : tensor<4xf32>
  return %1 : tensor<4xf32>
}
func.func @fenced_batched(%x: tensor<3x4xf32>, %y: tensor<4xf32>) -> tensor<3x4xf32> {
  %0 = jaxr.vmap @fenced(%x, %y) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}
