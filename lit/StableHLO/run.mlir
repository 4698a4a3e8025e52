// jaxr-run on pretty StableHLO as JAX prints it, and on pretty StableHLO
// mixed with jaxr ops (lowered on the way), printing each result.
//
// RUN: jaxr-run %s --input='2x3xf32=1 2 3 4 5 6' --input='f32=3.5' | FileCheck %s --check-prefix=MAIN
// MAIN:      result[0]: tensor<2xf32> = [6, 15]
// MAIN-NEXT: result[1]: tensor<2x3xf32> = {{\[}}[3.5, 3.5, 3.5], [4, 5, 6]]
//
// A while loop with named iteration arguments and `%0#1`.
// RUN: jaxr-run %s --function=power --input='f32=1.5' --input='i32=5' | FileCheck %s --check-prefix=POWER
// POWER:      result[0]: tensor<i32> = 5
// POWER-NEXT: result[1]: tensor<f32> = 48
//
// A two-operand reduce in the long `reducer` form (argmax).
// RUN: jaxr-run %s --function=argmax --input='2x4xf32=1 7 3 7 -1 -5 -2 -9' | FileCheck %s --check-prefix=ARGMAX
// ARGMAX:      result[0]: tensor<2xf32> = [7, -1]
// ARGMAX-NEXT: result[1]: tensor<2xi32> = [1, 0]
//
// Constants with hex floats, dense lists, unsigned integers and bit ops.
// RUN: jaxr-run %s --function=bits --input='3xui32=1 2 3' | FileCheck %s --check-prefix=BITS
// BITS:      result[0]: tensor<3xui32> = [4294967294, 2, 3]
// BITS-NEXT: result[1]: tensor<3xf32> = [-inf, NaN, 3]
//
// jaxr ops and pretty StableHLO in one function.
// RUN: jaxr-run %s --function=mixed --input='2x4xf32=1 2 3 4 -1 0 1 2' | FileCheck %s --check-prefix=MIXED
// MIXED: result[0]: tensor<2x4xf32> = {{\[}}[0.032058604, 0.08714432, 0.23688284, 0.6439143], [0.032058604, 0.08714432, 0.23688284, 0.6439143]]
//
// A syntax error in pretty StableHLO stops jaxr-run with its position.
// RUN: not jaxr-run %S/Inputs/invalid-mismatch.mlir 2>&1 | FileCheck %s --check-prefix=ERR
// ERR: invalid-mismatch.mlir:3:8: error: unknown operation 'stablehlo.frobnicate'
// ERR-NEXT: %0 = stablehlo.frobnicate %x : tensor<4xf32>

module @jit_f attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<2x3xf32>, %arg1: tensor<f32>) -> (tensor<2xf32> {jax.result_info = "result[0]"}, tensor<2x3xf32> {jax.result_info = "result[1]"}) {
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
    %1 = stablehlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<2x3xf32>
    %2 = stablehlo.compare GT, %arg0, %1, FLOAT : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
    %3 = call @_where(%2, %arg0, %1) : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %0, %3 : tensor<2xf32>, tensor<2x3xf32>
  }
  func.func private @_where(%arg0: tensor<2x3xi1>, %arg1: tensor<2x3xf32>, %arg2: tensor<2x3xf32>) -> tensor<2x3xf32> {
    %0 = stablehlo.select %arg0, %arg1, %arg2 : tensor<2x3xi1>, tensor<2x3xf32>
    return %0 : tensor<2x3xf32>
  }
  func.func private @power(%arg0: tensor<f32>, %arg1: tensor<i32>) -> (tensor<i32>, tensor<f32>) {
    %c = stablehlo.constant dense<0> : tensor<i32>
    %0:2 = stablehlo.while(%iterArg = %c, %iterArg_0 = %arg0) : tensor<i32>, tensor<f32>
    cond {
      %1 = stablehlo.compare LT, %iterArg, %arg1, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      stablehlo.return %1 : tensor<i1>
    } do {
      %c_1 = stablehlo.constant dense<1> : tensor<i32>
      %1 = stablehlo.add %iterArg, %c_1 : tensor<i32>
      %cst = stablehlo.constant dense<2.000000e+00> : tensor<f32>
      %2 = stablehlo.multiply %iterArg_0, %cst : tensor<f32>
      stablehlo.return %1, %2 : tensor<i32>, tensor<f32>
    }
    return %0#0, %0#1 : tensor<i32>, tensor<f32>
  }
  func.func private @argmax(%arg0: tensor<2x4xf32>) -> (tensor<2xf32>, tensor<2xi32>) {
    %0 = stablehlo.iota dim = 1 : tensor<2x4xi32>
    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %c = stablehlo.constant dense<0> : tensor<i32>
    %1:2 = stablehlo.reduce(%arg0 init: %cst), (%0 init: %c) across dimensions = [1] : (tensor<2x4xf32>, tensor<2x4xi32>, tensor<f32>, tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>)
     reducer(%arg1: tensor<f32>, %arg3: tensor<f32>) (%arg2: tensor<i32>, %arg4: tensor<i32>)  {
      %2 = stablehlo.compare GT, %arg1, %arg3, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %3 = stablehlo.compare EQ, %arg1, %arg3, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %4 = stablehlo.compare LT, %arg2, %arg4, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %5 = stablehlo.and %3, %4 : tensor<i1>
      %6 = stablehlo.or %2, %5 : tensor<i1>
      %7 = stablehlo.select %6, %arg1, %arg3 : tensor<i1>, tensor<f32>
      %8 = stablehlo.select %6, %arg2, %arg4 : tensor<i1>, tensor<i32>
      stablehlo.return %7, %8 : tensor<f32>, tensor<i32>
    }
    return %1#0, %1#1 : tensor<2xf32>, tensor<2xi32>
  }
  func.func private @bits(%arg0: tensor<3xui32>) -> (tensor<3xui32>, tensor<3xf32>) {
    %c = stablehlo.constant dense<[4294967295, 0, 0]> : tensor<3xui32>
    %0 = stablehlo.xor %arg0, %c : tensor<3xui32>
    %cst = stablehlo.constant dense<[0xFF800000, 0x7FC00000, 3.000000e+00]> : tensor<3xf32>
    return %0, %cst : tensor<3xui32>, tensor<3xf32>
  }
  func.func private @mixed(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
    %max = jaxr.reduce_max %x, axes = [1] : tensor<2x4xf32> -> tensor<2xf32>
    %m = stablehlo.broadcast_in_dim %max, dims = [0] : (tensor<2xf32>) -> tensor<2x4xf32>
    %d = jaxr.sub %x, %m : tensor<2x4xf32>
    %e = stablehlo.exponential %d : tensor<2x4xf32>
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %s = stablehlo.reduce(%e init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>
    %b = jaxr.broadcast_in_dim %s, dims = [0] : tensor<2xf32> -> tensor<2x4xf32>
    %r = stablehlo.divide %e, %b : tensor<2x4xf32>
    return %r : tensor<2x4xf32>
  }
}
