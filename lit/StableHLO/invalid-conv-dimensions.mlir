// Convolution dimension numbers name b and f (i and o for the kernel) once
// and the spatial dimensions 0, 1, ... once each; anything else is an error
// at its line, as in JAX's parser ("Unexpected dimension z, expecting f").
//
// RUN: not jaxr-opt %s 2>&1 | FileCheck %s

func.func @conv_dimension(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>) -> tensor<2x8x4xf32> {
  %0 = stablehlo.convolution(%x, %w) dim_numbers = [b, 0, f]x[0, i, o]->[b, 0, z], window = {stride = [2], pad = [[2, 1]], lhs_dilate = [1], rhs_dilate = [2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  return %0 : tensor<2x8x4xf32>
}
// CHECK: invalid-conv-dimensions.mlir:[[# @LINE - 3]]:{{[0-9]+}}: error:

