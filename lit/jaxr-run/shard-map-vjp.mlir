// jaxr's VJPs through shard_map regions, run on 4 CPU devices, against
// values worked out by hand: where JAX's typing of a shard_map body (which
// values vary over which mesh axes) decides a sum of cotangents.
//
// w * axis_index("data") on a 2 x 2 mesh with a cotangent of ones: the
// result has one row per "data" index (0 and 1), so dw = 0 + 1 = 1 (summed
// over "model" too it would be 2).
// RUN: jaxr-opt %S/Inputs/shard-map-axis-index.mlir --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr,jaxr-autodiff)' > %t.axis.mlir
// RUN: jaxr-run %t.axis.mlir --devices=4 --input='3xf32=1' --input='2x3xf32=1' | FileCheck %s --check-prefix=AXIS
// AXIS: result[0]: tensor<3xf32> = [1, 1, 1]
//
// A barrier passing w through: dw is w's own cotangent.
// RUN: jaxr-opt %S/Inputs/shard-map-barrier.mlir --pass-pipeline='builtin.module(jaxr-autodiff)' > %t.barrier.mlir
// RUN: jaxr-run %t.barrier.mlir --devices=4 --input='8x3xf32=1' --input='3xf32=1' --input='3xf32=1 2 3' --input='8x3xf32=1' | FileCheck %s --check-prefix=BARRIER
// BARRIER: result[0]: tensor<3xf32> = [1, 2, 3]
//
// psum(x) returned as four blocks with cotangents 1, 2, 3, 4: dx = 10.
// RUN: jaxr-opt %S/Inputs/shard-map-psum-out.mlir --pass-pipeline='builtin.module(jaxr-autodiff)' > %t.psum.mlir
// RUN: jaxr-run %t.psum.mlir --devices=4 --input='8x3xf32=1' --input='8x3xf32=1 1 1 1 1 1 2 2 2 2 2 2 3 3 3 3 3 3 4 4 4 4 4 4' | FileCheck %s --check-prefix=PSUM
// PSUM: result[0]: tensor<8x3xf32> = {{\[}}[10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10]]
//
// A cond whose index differs between devices (even: x * w, odd: x * 2w),
// x, w and the cotangent ones: dx = w or 2w by device, dw = 1 + 2 + 1 + 2.
// RUN: jaxr-opt %S/Inputs/shard-map-parting-cond.mlir --pass-pipeline='builtin.module(jaxr-autodiff)' > %t.cond.mlir
// RUN: jaxr-run %t.cond.mlir --devices=4 --input='8xf32=1' --input='2xf32=1' --input='8xf32=1' | FileCheck %s --check-prefix=COND
// COND: result[0]: tensor<8xf32> = [1, 1, 2, 2, 1, 1, 2, 2]
// COND-NEXT: result[1]: tensor<2xf32> = [6, 6]
