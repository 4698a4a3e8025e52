// A StableHLO op without a pretty form (gather, scatter, sort, ...) whose
// inherent attributes are written in the discardable dictionary `{...}`
// prints them in the properties `<{...}>`, as StableHLO (and so JAX) does.
// Expected output below: jaxlib 0.10.2's printer (ir.Module.parse + print).
//
// RUN: jaxr-opt %s | FileCheck %s

// CHECK-LABEL: func.func @gather(
// CHECK: %0 = "stablehlo.gather"(%arg0, %arg1) <{dimension_numbers = #stablehlo.gather<collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1>}> : (tensor<4xf32>, tensor<2x1xi32>) -> tensor<2xf32>
func.func @gather(%x: tensor<4xf32>, %i: tensor<2x1xi32>) -> tensor<2xf32> {
  %0 = "stablehlo.gather"(%x, %i) {dimension_numbers = #stablehlo.gather<collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1>} : (tensor<4xf32>, tensor<2x1xi32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
