// The pretty StableHLO reader rejects what JAX's StableHLO parser rejects:
// unknown comparison directions and types, unknown precisions (spelled
// pretty, or as #stablehlo<...> attributes of generic ops or in attribute
// dictionaries, checked against the one table of the syntax crate's enums),
// and the wrong number of operands for an op of the same-type form. Each case
// is an error at its line.
//
// RUN: not jaxr-opt %s --split-input-file 2>&1 | FileCheck %s

func.func @direction(%x: tensor<4xf32>) -> tensor<4xi1> {
  %0 = stablehlo.compare BIGGER, %x, %x, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}
// CHECK: invalid-accepted.mlir:[[# @LINE - 3]]:{{[0-9]+}}: error:

// -----

func.func @compare_type(%x: tensor<4xf32>) -> tensor<4xi1> {
  %0 = stablehlo.compare LT, %x, %x, FUZZY : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}
// CHECK: invalid-accepted.mlir:[[# @LINE - 3]]:{{[0-9]+}}: error:

// -----

func.func @precision(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0], precision = [FOO, DEFAULT] : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}
// CHECK: invalid-accepted.mlir:[[# @LINE - 3]]:{{[0-9]+}}: error:

// -----

func.func @unary_with_two_operands(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.abs %x, %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
// CHECK: invalid-accepted.mlir:[[# @LINE - 3]]:{{[0-9]+}}: error:

// -----

func.func @binary_with_one_operand(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.add %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
// CHECK: invalid-accepted.mlir:[[# @LINE - 3]]:{{[0-9]+}}: error:

// -----

func.func @generic_direction_among_pretty_ops(%x: tensor<4xf32>) -> tensor<4xi1> {
  %0 = stablehlo.abs %x : tensor<4xf32>
  %1 = "stablehlo.compare"(%0, %x) {comparison_direction = #stablehlo<comparison_direction LQ>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %1 : tensor<4xi1>
}
// CHECK: invalid-accepted.mlir:[[# @LINE - 3]]:92: error: unknown comparison_direction 'LQ' (expected one of EQ, NE, GE, GT, LE, LT)

// -----

func.func @precision_in_attributes(%a: tensor<1x8x1xf32>, %b: tensor<3x1x1xf32>) -> tensor<1x6x1xf32> {
  %0 = stablehlo.convolution(%a, %b) dim_numbers = [b, 0, f]x[0, i, o]->[b, 0, f], window = {stride = [1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAUeT>, #stablehlo<precision DEFAULT>]} : (tensor<1x8x1xf32>, tensor<3x1x1xf32>) -> tensor<1x6x1xf32>
  return %0 : tensor<1x6x1xf32>
}
// CHECK: invalid-accepted.mlir:[[# @LINE - 3]]:{{[0-9]+}}: error: unknown precision 'DEFAUeT'
