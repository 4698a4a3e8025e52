// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-vmap)' | FileCheck %s --check-prefix=BATCHED

// gather and scatter gain batching dimensions.

// BATCHED-LABEL: func.func private @gather_vmap_0_n(%arg0: tensor<3x5x3xf32>, %arg1: tensor<7x1xi32>) -> tensor<3x7x3xf32> {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg1, dims = [1, 2] : tensor<7x1xi32> -> tensor<3x7x1xi32>
// BATCHED-NEXT: %1 = jaxr.gather %arg0[%0] offset_dims = [2], collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 2, slice_sizes = [1, 1, 3], indices_are_sorted = false : (tensor<3x5x3xf32>, tensor<3x7x1xi32>) -> tensor<3x7x3xf32>
// BATCHED-NEXT: return %1 : tensor<3x7x3xf32>
func.func private @gather(%x: tensor<5x3xf32>, %rows: tensor<7x1xi32>) -> tensor<7x3xf32> {
  %0 = jaxr.gather %x[%rows] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
  return %0 : tensor<7x3xf32>
}
func.func @gather_batched(%x: tensor<3x5x3xf32>, %rows: tensor<7x1xi32>) -> tensor<3x7x3xf32> {
  %0 = jaxr.vmap @gather(%x, %rows) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<3x5x3xf32>, tensor<7x1xi32>) -> tensor<3x7x3xf32>
  return %0 : tensor<3x7x3xf32>
}

// -----

// BATCHED-LABEL: func.func private @scatter_add_vmap_n_0_0(%arg0: tensor<5x3xf32>, %arg1: tensor<3x7x1xi32>, %arg2: tensor<3x7x3xf32>) -> tensor<3x5x3xf32> {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg0, dims = [1, 2] : tensor<5x3xf32> -> tensor<3x5x3xf32>
// BATCHED-NEXT: %1 = jaxr.scatter_add %0[%arg1], %arg2 update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2, indices_are_sorted = false, unique_indices = false : (tensor<3x5x3xf32>, tensor<3x7x1xi32>, tensor<3x7x3xf32>) -> tensor<3x5x3xf32>
// BATCHED-NEXT: return %1 : tensor<3x5x3xf32>
func.func private @scatter_add(%x: tensor<5x3xf32>, %idx: tensor<7x1xi32>, %u: tensor<7x3xf32>) -> tensor<5x3xf32> {
  %0 = jaxr.scatter_add %x[%idx], %u update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}
func.func @scatter_add_batched(%x: tensor<5x3xf32>, %idx: tensor<3x7x1xi32>, %u: tensor<3x7x3xf32>) -> tensor<3x5x3xf32> {
  %0 = jaxr.vmap @scatter_add(%x, %idx, %u) {in_axes = array<i64: -1, 0, 0>, out_axes = array<i64: 0>} : (tensor<5x3xf32>, tensor<3x7x1xi32>, tensor<3x7x3xf32>) -> tensor<3x5x3xf32>
  return %0 : tensor<3x5x3xf32>
}
