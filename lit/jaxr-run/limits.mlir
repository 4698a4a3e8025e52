// jaxr-run refuses, before allocating or compiling anything: inputs whose
// type is not the argument's (even a 4 TB literal), arguments and results
// larger than --max-tensor-bytes, values inside a function too large for
// XLA to represent, and text MLIR's parser would crash on.
//
// RUN: not jaxr-run %s --function=identity --input='1000000000000xf32=1' 2>&1 | FileCheck %s --check-prefix=HUGE
// HUGE: limits.mlir:[[# @LINE + 19]]:1: error: input #0 is tensor<1000000000000xf32> but argument #0 of @identity is tensor<2x3xf32>
//
// RUN: not jaxr-run %s --function=identity --input='2x3xf32=1' --max-tensor-bytes=16 2>&1 | FileCheck %s --check-prefix=LIMIT
// LIMIT: error: argument #0 of @identity is tensor<2x3xf32>, 24 bytes: more than --max-tensor-bytes=16
//
// RUN: not jaxr-run %s --function=splat --input='f32=1' 2>&1 | FileCheck %s --check-prefix=RESULT
// RESULT: limits.mlir:[[# @LINE + 17]]:1: error: result #0 of @splat is tensor<100000000000x100000000000x1000000xf32>, more than 2^64 bytes: more than --max-tensor-bytes=
//
// RUN: not jaxr-run %s --function=summed_splat --input='f32=1' 2>&1 | FileCheck %s --check-prefix=INNER
// INNER: limits.mlir:[[# @LINE + 20]]:8: error: 'stablehlo.broadcast_in_dim' makes a value of type tensor<100000000000x100000000000xf32>, more than 2^63 bytes: XLA cannot represent it
//
// RUN: python3 %S/../jaxr-opt/Inputs/generate.py nul > %t.nul.mlir
// RUN: not jaxr-run %t.nul.mlir 2>&1 | FileCheck %s --check-prefix=NUL
// NUL: nul.mlir:2:9: error: the input contains a NUL byte
//
// RUN: python3 %S/../jaxr-opt/Inputs/generate.py regions 10000 > %t.deep.mlir
// RUN: not jaxr-run %t.deep.mlir 2>&1 | FileCheck %s --check-prefix=DEEP
// DEEP: deep.mlir:{{[0-9]+}}:{{[0-9]+}}: error: brackets ( [ { < nested deeper than 256 levels; --max-nesting-depth=N raises the limit

func.func @identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}

func.func @splat(%x: tensor<f32>) -> tensor<100000000000x100000000000x1000000xf32> {
  %0 = jaxr.broadcast_in_dim %x, dims = [] : tensor<f32> -> tensor<100000000000x100000000000x1000000xf32>
  return %0 : tensor<100000000000x100000000000x1000000xf32>
}

func.func @summed_splat(%x: tensor<f32>) -> tensor<f32> {
  %0 = jaxr.broadcast_in_dim %x, dims = [] : tensor<f32> -> tensor<100000000000x100000000000xf32>
  %1 = jaxr.reduce_sum %0, axes = [0, 1] : tensor<100000000000x100000000000xf32> -> tensor<f32>
  return %1 : tensor<f32>
}
