// Random numbers run with JAX's bits: examples/normal.mlir with seed 3 prints
// jax.random.normal(jax.random.key(3), (5,)) (JAX 0.10.2), and this file's
// uniform samples from key(7)'s first split key are those of the corpus's
// random_uniform_key7.
//
// RUN: jaxr-run %S/../../examples/normal.mlir --input='i32=3' | FileCheck %s --check-prefix=NORMAL
// NORMAL: result[0]: tensor<5xf32> = [-1.446257, 1.539381, 0.38250625, 1.9707018, -0.5876674]
//
// RUN: jaxr-run %s --input='2xui32=0 7' | FileCheck %s --check-prefix=UNIFORM
// UNIFORM: result[0]: tensor<5xf32> = [2.469482, 1.2252574, 0.20270824, 0.32996225, 2.9683127]

func.func @main(%key: tensor<2xui32>) -> tensor<5xf32> {
  %keys = jaxr.random_split %key : tensor<2xui32> -> tensor<2x2xui32>
  %a = jaxr.slice %keys, start = [0, 0], limit = [1, 2], strides = [1, 1] : tensor<2x2xui32> -> tensor<1x2xui32>
  %ka = jaxr.reshape %a : tensor<1x2xui32> -> tensor<2xui32>
  %lo = jaxr.constant dense<-1.0> : tensor<f32>
  %hi = jaxr.constant dense<3.0> : tensor<f32>
  %u = jaxr.random_uniform %ka, %lo, %hi : (tensor<2xui32>, tensor<f32>, tensor<f32>) -> tensor<4x5xf32>
  %row = jaxr.slice %u, start = [0, 0], limit = [1, 5], strides = [1, 1] : tensor<4x5xf32> -> tensor<1x5xf32>
  %r = jaxr.reshape %row : tensor<1x5xf32> -> tensor<5xf32>
  return %r : tensor<5xf32>
}
