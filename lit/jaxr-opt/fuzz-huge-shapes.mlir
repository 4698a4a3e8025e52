// Found by the pipeline fuzzer (fuzz/, `pipeline`): types with more elements
// than an i64 counts (valid text: each dimension fits) once overflowed the
// element count, a panic in jaxr-simplify (its cost model and its
// elementwise-of-broadcasts rule), in the reshape shape rule and in
// jaxr-expand-random. Counting now saturates; such a reshape, and so many
// random values, are errors.
//
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify, convert-jaxr-to-stablehlo)' 2>&1 | FileCheck %s
// RUN: not jaxr-opt %S/Inputs/fuzz-reshape-overflow.mlir 2>&1 | FileCheck %s --check-prefix=RESHAPE
// RUN: not jaxr-opt %S/Inputs/fuzz-random-overflow.mlir --pass-pipeline='builtin.module(jaxr-expand-random)' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=RANDOM

// CHECK-NOT: panicked
// The negation moves before the broadcast (on one element).
// CHECK-LABEL: func.func @splat
// CHECK: stablehlo.negate %arg0 : tensor<f32>
// CHECK: stablehlo.broadcast_in_dim
func.func @splat(%x: tensor<f32>) -> tensor<100000000000x100000000000x1000000xf32> {
  %0 = jaxr.broadcast_in_dim %x, dims = [] : tensor<f32> -> tensor<100000000000x100000000000x1000000xf32>
  %1 = jaxr.neg %0 : tensor<100000000000x100000000000x1000000xf32>
  return %1 : tensor<100000000000x100000000000x1000000xf32>
}

// CHECK-LABEL: func.func @summed_splat
// CHECK: stablehlo.reduce
func.func @summed_splat(%x: tensor<f32>) -> tensor<f32> {
  %0 = jaxr.broadcast_in_dim %x, dims = [] : tensor<f32> -> tensor<100000000000x100000000000xf32>
  %1 = jaxr.reduce_sum %0, axes = [0, 1] : tensor<100000000000x100000000000xf32> -> tensor<f32>
  return %1 : tensor<f32>
}

// RESHAPE-NOT: panicked
// RESHAPE: fuzz-reshape-overflow.mlir:3:8: error: 'jaxr.reshape' op reshape from [100000000000, 100000000000] to [10000000000, 1000000000000]: more elements than an i64 counts

// RANDOM-NOT: panicked
// RANDOM: fuzz-random-overflow.mlir:3:8: error: jaxr-expand-random: shape [100000000000, 100000000000] holds more random values than an i64 counts
