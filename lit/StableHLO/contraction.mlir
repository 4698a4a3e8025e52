// Contractions in JAX's pretty syntax: dot_general (`batching_dims = [..] x
// [..], contracting_dims = [..] x [..], precision = [..]`), dot, and
// convolution (`dim_numbers = [b, 0, f]x[0, i, o]->[b, 0, f], window = {..}`
// with the group counts and precision in the attribute dictionary).
//
// (a) The pretty text prints back as JAX prints it, each line exactly
// (jaxlib 0.10.2's own printer gives the same lines).
// RUN: jaxr-opt %s --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (b) MLIR's generic form reads back to the same pretty text.
// RUN: jaxr-opt %s --split-input-file --emit=generic | jaxr-opt --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (c) Raising to jaxr (dot_general, conv_general_dilated) and lowering back
// leaves a module of StableHLO alone, except that the legacy dot comes back
// as the dot_general it means.
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr, convert-jaxr-to-stablehlo)' | FileCheck %s --check-prefix=ROUND --strict-whitespace --match-full-lines

// CHECK-LABEL:  func.func @dot_general_batched(%arg0: tensor<2x4x6x4xf32>, %arg1: tensor<2x4x6x4xf32>) -> tensor<2x4x6x6xf32> {
// CHECK-NEXT:    %0 = stablehlo.dot_general %arg0, %arg1, batching_dims = [0, 1] x [0, 1], contracting_dims = [3] x [3], precision = [DEFAULT, DEFAULT] : (tensor<2x4x6x4xf32>, tensor<2x4x6x4xf32>) -> tensor<2x4x6x6xf32>
// CHECK-NEXT:    return %0 : tensor<2x4x6x6xf32>
// ROUND-LABEL:  func.func @dot_general_batched(%arg0: tensor<2x4x6x4xf32>, %arg1: tensor<2x4x6x4xf32>) -> tensor<2x4x6x6xf32> {
// ROUND-NEXT:    %0 = stablehlo.dot_general %arg0, %arg1, batching_dims = [0, 1] x [0, 1], contracting_dims = [3] x [3], precision = [DEFAULT, DEFAULT] : (tensor<2x4x6x4xf32>, tensor<2x4x6x4xf32>) -> tensor<2x4x6x6xf32>
// ROUND-NEXT:    return %0 : tensor<2x4x6x6xf32>

func.func @dot_general_batched(%q: tensor<2x4x6x4xf32>, %k: tensor<2x4x6x4xf32>) -> tensor<2x4x6x6xf32> {
  %0 = stablehlo.dot_general %q, %k, batching_dims = [0, 1] x [0, 1], contracting_dims = [3] x [3], precision = [DEFAULT, DEFAULT] : (tensor<2x4x6x4xf32>, tensor<2x4x6x4xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}


// -----

// CHECK-LABEL:  func.func @dot_general_matmul(%arg0: tensor<16x32xf32>, %arg1: tensor<32x4xf32>, %arg2: tensor<6xf32>) -> (tensor<16x4xf32>, tensor<f32>, tensor<6x6xf32>) {
// CHECK-NEXT:    %0 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [1] x [0], precision = [HIGHEST, HIGH] : (tensor<16x32xf32>, tensor<32x4xf32>) -> tensor<16x4xf32>
// CHECK-NEXT:    %1 = stablehlo.dot_general %arg2, %arg2, contracting_dims = [0] x [0], precision = [DEFAULT, DEFAULT] : (tensor<6xf32>, tensor<6xf32>) -> tensor<f32>
// CHECK-NEXT:    %2 = stablehlo.dot_general %arg2, %arg2, contracting_dims = [] x [], precision = [DEFAULT, DEFAULT] : (tensor<6xf32>, tensor<6xf32>) -> tensor<6x6xf32>
// CHECK-NEXT:    return %0, %1, %2 : tensor<16x4xf32>, tensor<f32>, tensor<6x6xf32>
// ROUND-LABEL:  func.func @dot_general_matmul(%arg0: tensor<16x32xf32>, %arg1: tensor<32x4xf32>, %arg2: tensor<6xf32>) -> (tensor<16x4xf32>, tensor<f32>, tensor<6x6xf32>) {
// ROUND-NEXT:    %0 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [1] x [0], precision = [HIGHEST, HIGH] : (tensor<16x32xf32>, tensor<32x4xf32>) -> tensor<16x4xf32>
// ROUND-NEXT:    %1 = stablehlo.dot_general %arg2, %arg2, contracting_dims = [0] x [0], precision = [DEFAULT, DEFAULT] : (tensor<6xf32>, tensor<6xf32>) -> tensor<f32>
// ROUND-NEXT:    %2 = stablehlo.dot_general %arg2, %arg2, contracting_dims = [] x [], precision = [DEFAULT, DEFAULT] : (tensor<6xf32>, tensor<6xf32>) -> tensor<6x6xf32>
// ROUND-NEXT:    return %0, %1, %2 : tensor<16x4xf32>, tensor<f32>, tensor<6x6xf32>

func.func @dot_general_matmul(%a: tensor<16x32xf32>, %b: tensor<32x4xf32>, %v: tensor<6xf32>) -> (tensor<16x4xf32>, tensor<f32>, tensor<6x6xf32>) {
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0], precision = [HIGHEST, HIGH] : (tensor<16x32xf32>, tensor<32x4xf32>) -> tensor<16x4xf32>
  %1 = stablehlo.dot_general %v, %v, contracting_dims = [0] x [0], precision = [DEFAULT, DEFAULT] : (tensor<6xf32>, tensor<6xf32>) -> tensor<f32>
  %2 = stablehlo.dot_general %v, %v, contracting_dims = [] x [], precision = [DEFAULT, DEFAULT] : (tensor<6xf32>, tensor<6xf32>) -> tensor<6x6xf32>
  return %0, %1, %2 : tensor<16x4xf32>, tensor<f32>, tensor<6x6xf32>
}


// -----

// CHECK-LABEL:  func.func @dot_general_no_precision(%arg0: tensor<2x6x16xf32>, %arg1: tensor<2x6x16xf32>) -> tensor<16x16xf32> {
// CHECK-NEXT:    %0 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [0, 1] x [0, 1] : (tensor<2x6x16xf32>, tensor<2x6x16xf32>) -> tensor<16x16xf32>
// CHECK-NEXT:    return %0 : tensor<16x16xf32>
// ROUND-LABEL:  func.func @dot_general_no_precision(%arg0: tensor<2x6x16xf32>, %arg1: tensor<2x6x16xf32>) -> tensor<16x16xf32> {
// ROUND-NEXT:    %0 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [0, 1] x [0, 1], precision = [DEFAULT, DEFAULT] : (tensor<2x6x16xf32>, tensor<2x6x16xf32>) -> tensor<16x16xf32>
// ROUND-NEXT:    return %0 : tensor<16x16xf32>

func.func @dot_general_no_precision(%a: tensor<2x6x16xf32>, %b: tensor<2x6x16xf32>) -> tensor<16x16xf32> {
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [0, 1] x [0, 1] : (tensor<2x6x16xf32>, tensor<2x6x16xf32>) -> tensor<16x16xf32>
  return %0 : tensor<16x16xf32>
}


// -----

// CHECK-LABEL:  func.func @dot(%arg0: tensor<3x4xf32>, %arg1: tensor<4x5xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>) {
// CHECK-NEXT:    %0 = stablehlo.dot %arg0, %arg1, precision = [DEFAULT, DEFAULT] : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
// CHECK-NEXT:    %1 = stablehlo.dot %arg0, %arg1 : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
// CHECK-NEXT:    return %0, %1 : tensor<3x5xf32>, tensor<3x5xf32>
// ROUND-LABEL:  func.func @dot(%arg0: tensor<3x4xf32>, %arg1: tensor<4x5xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>) {
// ROUND-NEXT:    %0 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
// ROUND-NEXT:    %1 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
// ROUND-NEXT:    return %0, %1 : tensor<3x5xf32>, tensor<3x5xf32>

func.func @dot(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>) {
  %0 = stablehlo.dot %a, %b, precision = [DEFAULT, DEFAULT] : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %1 = stablehlo.dot %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0, %1 : tensor<3x5xf32>, tensor<3x5xf32>
}


// -----

// CHECK-LABEL:  func.func @convolution_1d(%arg0: tensor<2x16x3xf32>, %arg1: tensor<3x3x4xf32>) -> tensor<2x8x4xf32> {
// CHECK-NEXT:    %0 = stablehlo.convolution(%arg0, %arg1) dim_numbers = [b, 0, f]x[0, i, o]->[b, 0, f], window = {stride = [2], pad = {{\[\[}}2, 1]], lhs_dilate = [1], rhs_dilate = [2], reverse = [false]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
// CHECK-NEXT:    return %0 : tensor<2x8x4xf32>
// ROUND-LABEL:  func.func @convolution_1d(%arg0: tensor<2x16x3xf32>, %arg1: tensor<3x3x4xf32>) -> tensor<2x8x4xf32> {
// ROUND-NEXT:    %0 = stablehlo.convolution(%arg0, %arg1) dim_numbers = [b, 0, f]x[0, i, o]->[b, 0, f], window = {stride = [2], pad = {{\[\[}}2, 1]], lhs_dilate = [1], rhs_dilate = [2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
// ROUND-NEXT:    return %0 : tensor<2x8x4xf32>

func.func @convolution_1d(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>) -> tensor<2x8x4xf32> {
  %0 = stablehlo.convolution(%x, %w) dim_numbers = [b, 0, f]x[0, i, o]->[b, 0, f], window = {stride = [2], pad = [[2, 1]], lhs_dilate = [1], rhs_dilate = [2], reverse = [false]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  return %0 : tensor<2x8x4xf32>
}


// -----

// CHECK-LABEL:  func.func @convolution_1d_transposed(%arg0: tensor<2x16x3xf32>, %arg1: tensor<2x8x4xf32>) -> tensor<3x3x4xf32> {
// CHECK-NEXT:    %0 = stablehlo.convolution(%arg0, %arg1) dim_numbers = [f, 0, b]x[i, 0, o]->[0, b, f], window = {stride = [2], pad = {{\[\[}}2, 1]], lhs_dilate = [1], rhs_dilate = [2], reverse = [false]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<2x16x3xf32>, tensor<2x8x4xf32>) -> tensor<3x3x4xf32>
// CHECK-NEXT:    return %0 : tensor<3x3x4xf32>
// ROUND-LABEL:  func.func @convolution_1d_transposed(%arg0: tensor<2x16x3xf32>, %arg1: tensor<2x8x4xf32>) -> tensor<3x3x4xf32> {
// ROUND-NEXT:    %0 = stablehlo.convolution(%arg0, %arg1) dim_numbers = [f, 0, b]x[i, 0, o]->[0, b, f], window = {stride = [2], pad = {{\[\[}}2, 1]], lhs_dilate = [1], rhs_dilate = [2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<2x16x3xf32>, tensor<2x8x4xf32>) -> tensor<3x3x4xf32>
// ROUND-NEXT:    return %0 : tensor<3x3x4xf32>

// The transposed layouts JAX's gradient of a convolution uses.
func.func @convolution_1d_transposed(%x: tensor<2x16x3xf32>, %dy: tensor<2x8x4xf32>) -> tensor<3x3x4xf32> {
  %0 = stablehlo.convolution(%x, %dy) dim_numbers = [f, 0, b]x[i, 0, o]->[0, b, f], window = {stride = [2], pad = [[2, 1]], lhs_dilate = [1], rhs_dilate = [2], reverse = [false]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<2x16x3xf32>, tensor<2x8x4xf32>) -> tensor<3x3x4xf32>
  return %0 : tensor<3x3x4xf32>
}


// -----

// CHECK-LABEL:  func.func @convolution_2d_grouped(%arg0: tensor<1x8x8x4xf32>, %arg1: tensor<3x3x2x4xf32>) -> tensor<1x8x8x4xf32> {
// CHECK-NEXT:    %0 = stablehlo.convolution(%arg0, %arg1) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = {{\[\[}}1, 1], [1, 1]], lhs_dilate = [1, 1], rhs_dilate = [1, 1], reverse = [false, false]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<1x8x8x4xf32>, tensor<3x3x2x4xf32>) -> tensor<1x8x8x4xf32>
// CHECK-NEXT:    return %0 : tensor<1x8x8x4xf32>
// ROUND-LABEL:  func.func @convolution_2d_grouped(%arg0: tensor<1x8x8x4xf32>, %arg1: tensor<3x3x2x4xf32>) -> tensor<1x8x8x4xf32> {
// ROUND-NEXT:    %0 = stablehlo.convolution(%arg0, %arg1) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = {{\[\[}}1, 1], [1, 1]], lhs_dilate = [1, 1], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<1x8x8x4xf32>, tensor<3x3x2x4xf32>) -> tensor<1x8x8x4xf32>
// ROUND-NEXT:    return %0 : tensor<1x8x8x4xf32>

func.func @convolution_2d_grouped(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x2x4xf32>) -> tensor<1x8x8x4xf32> {
  %0 = stablehlo.convolution(%x, %w) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], lhs_dilate = [1, 1], rhs_dilate = [1, 1], reverse = [false, false]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<1x8x8x4xf32>, tensor<3x3x2x4xf32>) -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}
