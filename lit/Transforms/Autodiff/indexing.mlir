// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=FORWARD
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=REVERSE

// gather <-> scatter_add (indices clamped as gather clamps them), and the
// permuting ops sort and top_k.

// FORWARD-LABEL: func.func private @gather_jvp_0(%arg0: tensor<5x3xf32>, %arg1: tensor<7x1xi32>, %arg2: tensor<5x3xf32>) -> (tensor<7x3xf32>, tensor<7x3xf32>) {
// FORWARD-NEXT: %0 = jaxr.gather %arg0[%arg1] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
// FORWARD-NEXT: %1 = jaxr.gather %arg2[%arg1] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
// FORWARD-NEXT: return %0, %1 : tensor<7x3xf32>, tensor<7x3xf32>
// REVERSE-LABEL: func.func private @gather_vjp_0(%arg0: tensor<5x3xf32>, %arg1: tensor<7x1xi32>, %arg2: tensor<7x3xf32>) -> tensor<5x3xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<5x3xf32>
// REVERSE-NEXT: %1 = jaxr.constant dense<0> : tensor<i32>
// REVERSE-NEXT: %2 = jaxr.constant dense<4> : tensor<7x1xi32>
// REVERSE-NEXT: %3 = jaxr.clamp %1, %arg1, %2 : (tensor<i32>, tensor<7x1xi32>, tensor<7x1xi32>) -> tensor<7x1xi32>
// REVERSE-NEXT: %4 = jaxr.scatter_add %0[%3], %arg2 update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
// REVERSE-NEXT: return %4 : tensor<5x3xf32>
func.func private @gather(%x: tensor<5x3xf32>, %rows: tensor<7x1xi32>) -> tensor<7x3xf32> {
  %0 = jaxr.gather %x[%rows] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
  return %0 : tensor<7x3xf32>
}
func.func @gather_fwd(%x: tensor<5x3xf32>, %rows: tensor<7x1xi32>, %t0: tensor<5x3xf32>) -> (tensor<7x3xf32>, tensor<7x3xf32>) {
  %0:2 = jaxr.jvp @gather(%x, %rows, %t0) {argnums = array<i64: 0>} : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<5x3xf32>) -> (tensor<7x3xf32>, tensor<7x3xf32>)
  return %0#0, %0#1 : tensor<7x3xf32>, tensor<7x3xf32>
}
func.func @gather_rev(%x: tensor<5x3xf32>, %rows: tensor<7x1xi32>, %c0: tensor<7x3xf32>) -> tensor<5x3xf32> {
  %0 = jaxr.vjp @gather(%x, %rows, %c0) {argnums = array<i64: 0>} : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

// FORWARD-LABEL: func.func private @scatter_add_jvp_0_2(%arg0: tensor<5x3xf32>, %arg1: tensor<7x1xi32>, %arg2: tensor<7x3xf32>, %arg3: tensor<5x3xf32>, %arg4: tensor<7x3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
// FORWARD-NEXT: %0 = jaxr.scatter_add %arg0[%arg1], %arg2 update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
// FORWARD-NEXT: %1 = jaxr.scatter_add %arg3[%arg1], %arg4 update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
// FORWARD-NEXT: return %0, %1 : tensor<5x3xf32>, tensor<5x3xf32>
// REVERSE-LABEL: func.func private @scatter_add_vjp_0_2(%arg0: tensor<5x3xf32>, %arg1: tensor<7x1xi32>, %arg2: tensor<7x3xf32>, %arg3: tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<7x3xf32>) {
// REVERSE-NEXT: %0 = jaxr.constant dense<0> : tensor<7x1xi32>
// REVERSE-NEXT: %1 = jaxr.compare ge, %arg1, %0 : tensor<7x1xi32> -> tensor<7x1xi1>
// REVERSE-NEXT: %2 = jaxr.constant dense<4> : tensor<7x1xi32>
// REVERSE-NEXT: %3 = jaxr.compare le, %arg1, %2 : tensor<7x1xi32> -> tensor<7x1xi1>
// REVERSE-NEXT: %4 = jaxr.and %1, %3 : tensor<7x1xi1>
// REVERSE-NEXT: %5 = jaxr.reshape %4 : tensor<7x1xi1> -> tensor<7xi1>
// REVERSE-NEXT: %6 = jaxr.broadcast_in_dim %5, dims = [0] : tensor<7xi1> -> tensor<7x3xi1>
// REVERSE-NEXT: %7 = jaxr.constant dense<0.000000e+00> : tensor<7x3xf32>
// REVERSE-NEXT: %8 = jaxr.gather %arg3[%arg1] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
// REVERSE-NEXT: %9 = jaxr.select_n %6, %7, %8 : (tensor<7x3xi1>, tensor<7x3xf32>, tensor<7x3xf32>) -> tensor<7x3xf32>
// REVERSE-NEXT: return %arg3, %9 : tensor<5x3xf32>, tensor<7x3xf32>
func.func private @scatter_add(%x: tensor<5x3xf32>, %idx: tensor<7x1xi32>, %u: tensor<7x3xf32>) -> tensor<5x3xf32> {
  %0 = jaxr.scatter_add %x[%idx], %u update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}
func.func @scatter_add_fwd(%x: tensor<5x3xf32>, %idx: tensor<7x1xi32>, %u: tensor<7x3xf32>, %t0: tensor<5x3xf32>, %t2: tensor<7x3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
  %0:2 = jaxr.jvp @scatter_add(%x, %idx, %u, %t0, %t2) {argnums = array<i64: 0, 2>} : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>, tensor<5x3xf32>, tensor<7x3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>)
  return %0#0, %0#1 : tensor<5x3xf32>, tensor<5x3xf32>
}
func.func @scatter_add_rev(%x: tensor<5x3xf32>, %idx: tensor<7x1xi32>, %u: tensor<7x3xf32>, %c0: tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<7x3xf32>) {
  %0:2 = jaxr.vjp @scatter_add(%x, %idx, %u, %c0) {argnums = array<i64: 0, 2>} : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>, tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<7x3xf32>)
  return %0#0, %0#1 : tensor<5x3xf32>, tensor<7x3xf32>
}

// -----

// FORWARD-LABEL: func.func private @sort_jvp_0(%arg0: tensor<5xf32>, %arg1: tensor<5xf32>) -> (tensor<5xf32>, tensor<5xf32>) {
// FORWARD-NEXT: %0 = jaxr.iota dim = 0 : tensor<5xi32>
// FORWARD-NEXT: %1:2 = jaxr.sort %arg0, %0 dim = 0, num_keys = 1, is_stable = true, descending = false : tensor<5xf32>, tensor<5xi32>
// FORWARD-NEXT: %2 = jaxr.reshape %1#1 : tensor<5xi32> -> tensor<5x1xi32>
// FORWARD-NEXT: %3 = jaxr.gather %arg1[%2] offset_dims = [], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1], indices_are_sorted = false : (tensor<5xf32>, tensor<5x1xi32>) -> tensor<5xf32>
// FORWARD-NEXT: return %1#0, %3 : tensor<5xf32>, tensor<5xf32>
// REVERSE-LABEL: func.func private @sort_vjp_0(%arg0: tensor<5xf32>, %arg1: tensor<5xf32>) -> tensor<5xf32> {
// REVERSE-NEXT: %0 = jaxr.iota dim = 0 : tensor<5xi32>
// REVERSE-NEXT: %1:2 = jaxr.sort %arg0, %0 dim = 0, num_keys = 1, is_stable = true, descending = false : tensor<5xf32>, tensor<5xi32>
// REVERSE-NEXT: %2 = jaxr.reshape %1#1 : tensor<5xi32> -> tensor<5x1xi32>
// REVERSE-NEXT: %3 = jaxr.constant dense<0.000000e+00> : tensor<5xf32>
// REVERSE-NEXT: %4 = jaxr.scatter_add %3[%2], %arg1 update_window_dims = [], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5xf32>, tensor<5x1xi32>, tensor<5xf32>) -> tensor<5xf32>
// REVERSE-NEXT: return %4 : tensor<5xf32>
func.func private @sort(%x: tensor<5xf32>) -> tensor<5xf32> {
  %0 = jaxr.sort %x dim = 0, num_keys = 1, is_stable = true, descending = false : tensor<5xf32>
  return %0 : tensor<5xf32>
}
func.func @sort_fwd(%x: tensor<5xf32>, %t0: tensor<5xf32>) -> (tensor<5xf32>, tensor<5xf32>) {
  %0:2 = jaxr.jvp @sort(%x, %t0) {argnums = array<i64: 0>} : (tensor<5xf32>, tensor<5xf32>) -> (tensor<5xf32>, tensor<5xf32>)
  return %0#0, %0#1 : tensor<5xf32>, tensor<5xf32>
}
func.func @sort_rev(%x: tensor<5xf32>, %c0: tensor<5xf32>) -> tensor<5xf32> {
  %0 = jaxr.vjp @sort(%x, %c0) {argnums = array<i64: 0>} : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// FORWARD-LABEL: func.func private @top_k_jvp_0(%arg0: tensor<2x5xf32>, %arg1: tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
// FORWARD-NEXT: %values, %indices = jaxr.top_k %arg0, k = 3, axis = 1 : tensor<2x5xf32> -> tensor<2x3xf32>, tensor<2x3xi32>
// FORWARD-NEXT: %0 = jaxr.iota dim = 0 : tensor<2x3xi32>
// FORWARD-NEXT: %1 = jaxr.reshape %0 : tensor<2x3xi32> -> tensor<2x3x1xi32>
// FORWARD-NEXT: %2 = jaxr.reshape %indices : tensor<2x3xi32> -> tensor<2x3x1xi32>
// FORWARD-NEXT: %3 = jaxr.concatenate(%1, %2) dim = 2 : (tensor<2x3x1xi32>, tensor<2x3x1xi32>) -> tensor<2x3x2xi32>
// FORWARD-NEXT: %4 = jaxr.gather %arg1[%3] offset_dims = [], collapsed_slice_dims = [0, 1], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0, 1], index_vector_dim = 2, slice_sizes = [1, 1], indices_are_sorted = false : (tensor<2x5xf32>, tensor<2x3x2xi32>) -> tensor<2x3xf32>
// FORWARD-NEXT: return %values, %4 : tensor<2x3xf32>, tensor<2x3xf32>
// REVERSE-LABEL: func.func private @top_k_vjp_0(%arg0: tensor<2x5xf32>, %arg1: tensor<2x3xf32>) -> tensor<2x5xf32> {
// REVERSE-NEXT: %values, %indices = jaxr.top_k %arg0, k = 3, axis = 1 : tensor<2x5xf32> -> tensor<2x3xf32>, tensor<2x3xi32>
// REVERSE-NEXT: %0 = jaxr.iota dim = 0 : tensor<2x3xi32>
// REVERSE-NEXT: %1 = jaxr.reshape %0 : tensor<2x3xi32> -> tensor<2x3x1xi32>
// REVERSE-NEXT: %2 = jaxr.reshape %indices : tensor<2x3xi32> -> tensor<2x3x1xi32>
// REVERSE-NEXT: %3 = jaxr.concatenate(%1, %2) dim = 2 : (tensor<2x3x1xi32>, tensor<2x3x1xi32>) -> tensor<2x3x2xi32>
// REVERSE-NEXT: %4 = jaxr.constant dense<0.000000e+00> : tensor<2x5xf32>
// REVERSE-NEXT: %5 = jaxr.scatter_add %4[%3], %arg1 update_window_dims = [], inserted_window_dims = [0, 1], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 2, indices_are_sorted = false, unique_indices = false : (tensor<2x5xf32>, tensor<2x3x2xi32>, tensor<2x3xf32>) -> tensor<2x5xf32>
// REVERSE-NEXT: return %5 : tensor<2x5xf32>
func.func private @top_k(%x: tensor<2x5xf32>) -> tensor<2x3xf32> {
  %0:2 = jaxr.top_k %x, k = 3, axis = 1 : tensor<2x5xf32> -> tensor<2x3xf32>, tensor<2x3xi32>
  return %0#0 : tensor<2x3xf32>
}
func.func @top_k_fwd(%x: tensor<2x5xf32>, %t0: tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0:2 = jaxr.jvp @top_k(%x, %t0) {argnums = array<i64: 0>} : (tensor<2x5xf32>, tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xf32>
}
func.func @top_k_rev(%x: tensor<2x5xf32>, %c0: tensor<2x3xf32>) -> tensor<2x5xf32> {
  %0 = jaxr.vjp @top_k(%x, %c0) {argnums = array<i64: 0>} : (tensor<2x5xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}
