// gather and scatter as JAX prints them: generic ops with
// `#stablehlo.gather<..>`/`#stablehlo.scatter<..>` dimension numbers and
// (scatter) a body whose ops print in the pretty syntax.
//
// (a) The pretty text prints back as JAX prints it, each line exactly
// (jaxlib 0.10.2's own printer gives the same lines).
// RUN: jaxr-opt %s --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (b) MLIR's generic form reads back to the same pretty text.
// RUN: jaxr-opt %s --split-input-file --emit=generic | jaxr-opt --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (c) Raising to jaxr (gather, scatter, scatter_add, scatter_max) and
// lowering back leaves a module of StableHLO alone. (The lowering writes
// their attributes as a discardable dictionary `{..}`, where JAX prints
// properties `<{..}>`; MLIR reads both. That is the bug of
// generic-inherent-attrs.mlir: once fixed, ROUND reads like CHECK here.)
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr, convert-jaxr-to-stablehlo)' | FileCheck %s --check-prefix=ROUND --strict-whitespace --match-full-lines

// CHECK-LABEL:  func.func @gather(%arg0: tensor<10x4xf32>, %arg1: tensor<6x1xi32>, %arg2: tensor<6x2xi32>) -> (tensor<6x4xf32>, tensor<6xf32>) {
// CHECK-NEXT:    %0 = "stablehlo.gather"(%arg0, %arg1) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 4>}> : (tensor<10x4xf32>, tensor<6x1xi32>) -> tensor<6x4xf32>
// CHECK-NEXT:    %1 = "stablehlo.gather"(%arg0, %arg2) <{dimension_numbers = #stablehlo.gather<collapsed_slice_dims = [0, 1], start_index_map = [0, 1], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 1>}> : (tensor<10x4xf32>, tensor<6x2xi32>) -> tensor<6xf32>
// CHECK-NEXT:    return %0, %1 : tensor<6x4xf32>, tensor<6xf32>
// ROUND-LABEL:  func.func @gather(%arg0: tensor<10x4xf32>, %arg1: tensor<6x1xi32>, %arg2: tensor<6x2xi32>) -> (tensor<6x4xf32>, tensor<6xf32>) {
// ROUND-NEXT:    %0 = "stablehlo.gather"(%arg0, %arg1) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 4>}> : (tensor<10x4xf32>, tensor<6x1xi32>) -> tensor<6x4xf32>
// ROUND-NEXT:    %1 = "stablehlo.gather"(%arg0, %arg2) <{dimension_numbers = #stablehlo.gather<collapsed_slice_dims = [0, 1], start_index_map = [0, 1], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 1>}> : (tensor<10x4xf32>, tensor<6x2xi32>) -> tensor<6xf32>
// ROUND-NEXT:    return %0, %1 : tensor<6x4xf32>, tensor<6xf32>

func.func @gather(%x: tensor<10x4xf32>, %i: tensor<6x1xi32>, %j: tensor<6x2xi32>) -> (tensor<6x4xf32>, tensor<6xf32>) {
  %0 = "stablehlo.gather"(%x, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 4>}> : (tensor<10x4xf32>, tensor<6x1xi32>) -> tensor<6x4xf32>
  %1 = "stablehlo.gather"(%x, %j) <{dimension_numbers = #stablehlo.gather<collapsed_slice_dims = [0, 1], start_index_map = [0, 1], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 1>}> : (tensor<10x4xf32>, tensor<6x2xi32>) -> tensor<6xf32>
  return %0, %1 : tensor<6x4xf32>, tensor<6xf32>
}


// -----

// CHECK-LABEL:  func.func @scatter_add(%arg0: tensor<5x3xf32>, %arg1: tensor<7x1xi32>, %arg2: tensor<7x3xf32>) -> tensor<5x3xf32> {
// CHECK-NEXT:    %0 = "stablehlo.scatter"(%arg0, %arg1, %arg2) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false}> ({
// CHECK-NEXT:    ^bb0(%arg3: tensor<f32>, %arg4: tensor<f32>):
// CHECK-NEXT:      %2 = stablehlo.add %arg3, %arg4 : tensor<f32>
// CHECK-NEXT:      stablehlo.return %2 : tensor<f32>
// CHECK-NEXT:    }) : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
// CHECK-NEXT:    %1 = stablehlo.negate %0 : tensor<5x3xf32>
// CHECK-NEXT:    return %1 : tensor<5x3xf32>
// ROUND-LABEL:  func.func @scatter_add(%arg0: tensor<5x3xf32>, %arg1: tensor<7x1xi32>, %arg2: tensor<7x3xf32>) -> tensor<5x3xf32> {
// ROUND-NEXT:    %0 = "stablehlo.scatter"(%arg0, %arg1, %arg2) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false}> ({
// ROUND-NEXT:    ^bb0(%arg3: tensor<f32>, %arg4: tensor<f32>):
// ROUND-NEXT:      %2 = stablehlo.add %arg3, %arg4 : tensor<f32>
// ROUND-NEXT:      stablehlo.return %2 : tensor<f32>
// ROUND-NEXT:    }) : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
// ROUND-NEXT:    %1 = stablehlo.negate %0 : tensor<5x3xf32>
// ROUND-NEXT:    return %1 : tensor<5x3xf32>

// The body's block arguments and results are numbered after the values of
// the enclosing function (MLIR numbers nested regions last).
func.func @scatter_add(%x: tensor<5x3xf32>, %i: tensor<7x1xi32>, %u: tensor<7x3xf32>) -> tensor<5x3xf32> {
  %0 = "stablehlo.scatter"(%x, %i, %u) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %2 = stablehlo.add %a, %b : tensor<f32>
    stablehlo.return %2 : tensor<f32>
  }) : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  %1 = stablehlo.negate %0 : tensor<5x3xf32>
  return %1 : tensor<5x3xf32>
}


// -----

// CHECK-LABEL:  func.func @scatter_set(%arg0: tensor<5xf32>, %arg1: tensor<7x1xi32>, %arg2: tensor<7xf32>) -> tensor<5xf32> {
// CHECK-NEXT:    %0 = "stablehlo.scatter"(%arg0, %arg1, %arg2) <{indices_are_sorted = true, scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = true}> ({
// CHECK-NEXT:    ^bb0(%arg3: tensor<f32>, %arg4: tensor<f32>):
// CHECK-NEXT:      stablehlo.return %arg4 : tensor<f32>
// CHECK-NEXT:    }) : (tensor<5xf32>, tensor<7x1xi32>, tensor<7xf32>) -> tensor<5xf32>
// CHECK-NEXT:    return %0 : tensor<5xf32>
// ROUND-LABEL:  func.func @scatter_set(%arg0: tensor<5xf32>, %arg1: tensor<7x1xi32>, %arg2: tensor<7xf32>) -> tensor<5xf32> {
// ROUND-NEXT:    %0 = "stablehlo.scatter"(%arg0, %arg1, %arg2) <{indices_are_sorted = true, scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = true}> ({
// ROUND-NEXT:    ^bb0(%arg3: tensor<f32>, %arg4: tensor<f32>):
// ROUND-NEXT:      stablehlo.return %arg4 : tensor<f32>
// ROUND-NEXT:    }) : (tensor<5xf32>, tensor<7x1xi32>, tensor<7xf32>) -> tensor<5xf32>
// ROUND-NEXT:    return %0 : tensor<5xf32>

// scatter that overwrites (JAX's x.at[i].set(u)): the body returns the update.
func.func @scatter_set(%x: tensor<5xf32>, %i: tensor<7x1xi32>, %u: tensor<7xf32>) -> tensor<5xf32> {
  %0 = "stablehlo.scatter"(%x, %i, %u) <{indices_are_sorted = true, scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = true}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    stablehlo.return %b : tensor<f32>
  }) : (tensor<5xf32>, tensor<7x1xi32>, tensor<7xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}


// -----

// CHECK-LABEL:  func.func @scatter_max(%arg0: tensor<10x4xf32>, %arg1: tensor<6x2xi32>, %arg2: tensor<6xf32>) -> tensor<10x4xf32> {
// CHECK-NEXT:    %0 = "stablehlo.scatter"(%arg0, %arg1, %arg2) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0, 1], scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 1>, unique_indices = false}> ({
// CHECK-NEXT:    ^bb0(%arg3: tensor<f32>, %arg4: tensor<f32>):
// CHECK-NEXT:      %1 = stablehlo.maximum %arg3, %arg4 : tensor<f32>
// CHECK-NEXT:      stablehlo.return %1 : tensor<f32>
// CHECK-NEXT:    }) : (tensor<10x4xf32>, tensor<6x2xi32>, tensor<6xf32>) -> tensor<10x4xf32>
// CHECK-NEXT:    return %0 : tensor<10x4xf32>
// ROUND-LABEL:  func.func @scatter_max(%arg0: tensor<10x4xf32>, %arg1: tensor<6x2xi32>, %arg2: tensor<6xf32>) -> tensor<10x4xf32> {
// ROUND-NEXT:    %0 = "stablehlo.scatter"(%arg0, %arg1, %arg2) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0, 1], scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 1>, unique_indices = false}> ({
// ROUND-NEXT:    ^bb0(%arg3: tensor<f32>, %arg4: tensor<f32>):
// ROUND-NEXT:      %1 = stablehlo.maximum %arg3, %arg4 : tensor<f32>
// ROUND-NEXT:      stablehlo.return %1 : tensor<f32>
// ROUND-NEXT:    }) : (tensor<10x4xf32>, tensor<6x2xi32>, tensor<6xf32>) -> tensor<10x4xf32>
// ROUND-NEXT:    return %0 : tensor<10x4xf32>

func.func @scatter_max(%x: tensor<10x4xf32>, %i: tensor<6x2xi32>, %u: tensor<6xf32>) -> tensor<10x4xf32> {
  %0 = "stablehlo.scatter"(%x, %i, %u) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0, 1], scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 1>, unique_indices = false}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %1 = stablehlo.maximum %a, %b : tensor<f32>
    stablehlo.return %1 : tensor<f32>
  }) : (tensor<10x4xf32>, tensor<6x2xi32>, tensor<6xf32>) -> tensor<10x4xf32>
  return %0 : tensor<10x4xf32>
}
