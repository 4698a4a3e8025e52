// RUN: jaxr-opt %s | jaxr-opt | FileCheck %s
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-expand-random)' | FileCheck %s --check-prefix=EXPAND
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-expand-random, convert-jaxr-to-stablehlo)' \
// RUN:   | FileCheck %s --check-prefix=LOWERED --implicit-check-not=jaxr.
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo)' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNEXPANDED

// The random ops (JAX's threefry2x32 PRNG; keys are tensor<2xui32>) print
// and parse back, and expand into jaxr primitives: threefry as JAX's loop of
// 5 steps of 4 rounds. Expanded, they lower to StableHLO; unexpanded,
// convert-jaxr-to-stablehlo refuses them at the first one, naming the pass
// to run first.

// LOWERED-LABEL: func.func @sample
// LOWERED: stablehlo.while

// UNEXPANDED: random.mlir:[[# @LINE + 24]]:10: error: cannot lower 'jaxr.random_seed': random ops are expanded by jaxr-expand-random first; run it before convert-jaxr-to-stablehlo
// UNEXPANDED-NEXT: %key = jaxr.random_seed
// UNEXPANDED-NEXT: ^

// CHECK-LABEL: func.func @sample
// CHECK: jaxr.random_seed %{{.*}} : tensor<i32> -> tensor<2xui32>
// CHECK: jaxr.random_split %{{.*}} : tensor<2xui32> -> tensor<3x2xui32>
// CHECK: jaxr.random_fold_in %{{.*}}, %{{.*}} : (tensor<2xui32>, tensor<ui32>) -> tensor<2xui32>
// CHECK: jaxr.random_bits %{{.*}} : tensor<2xui32> -> tensor<2x3xui32>
// CHECK: jaxr.random_uniform %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2xui32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
// CHECK: jaxr.random_normal %{{.*}} : tensor<2xui32> -> tensor<5xf64>
// CHECK: jaxr.random_randint %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2xui32>, tensor<i32>, tensor<i32>) -> tensor<6xi32>
// CHECK: jaxr.threefry2x32 %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<ui32>, tensor<ui32>, tensor<3xui32>, tensor<3xui32>) -> (tensor<3xui32>, tensor<3xui32>)

// EXPAND-LABEL: func.func @sample
// EXPAND-NOT: jaxr.random_
// EXPAND-NOT: jaxr.threefry2x32
// EXPAND: jaxr.constant dense<[13, 15, 26, 6]> : tensor<4xui32>
// EXPAND: jaxr.constant dense<[17, 29, 16, 24]> : tensor<4xui32>
// EXPAND: jaxr.while
// EXPAND: jaxr.shift_left
// EXPAND: jaxr.shift_right_logical
// EXPAND: jaxr.erf_inv
func.func @sample(%seed: tensor<i32>, %x: tensor<3xui32>) -> (tensor<3x2xui32>, tensor<2xui32>, tensor<2x3xui32>, tensor<4xf32>, tensor<5xf64>, tensor<6xi32>, tensor<3xui32>) {
  %key = jaxr.random_seed %seed : tensor<i32> -> tensor<2xui32>
  %keys = jaxr.random_split %key : tensor<2xui32> -> tensor<3x2xui32>
  %d = jaxr.constant dense<12> : tensor<ui32>
  %k2 = jaxr.random_fold_in %key, %d : (tensor<2xui32>, tensor<ui32>) -> tensor<2xui32>
  %bits = jaxr.random_bits %k2 : tensor<2xui32> -> tensor<2x3xui32>
  %lo = jaxr.constant dense<-1.0> : tensor<f32>
  %hi = jaxr.constant dense<1.0> : tensor<f32>
  %u = jaxr.random_uniform %key, %lo, %hi : (tensor<2xui32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %n = jaxr.random_normal %k2 : tensor<2xui32> -> tensor<5xf64>
  %a = jaxr.constant dense<0> : tensor<i32>
  %b = jaxr.constant dense<10> : tensor<i32>
  %i = jaxr.random_randint %key, %a, %b : (tensor<2xui32>, tensor<i32>, tensor<i32>) -> tensor<6xi32>
  %k = jaxr.constant dense<7> : tensor<ui32>
  %y:2 = jaxr.threefry2x32 %k, %k, %x, %x : (tensor<ui32>, tensor<ui32>, tensor<3xui32>, tensor<3xui32>) -> (tensor<3xui32>, tensor<3xui32>)
  return %keys, %k2, %bits, %u, %n, %i, %y#0 : tensor<3x2xui32>, tensor<2xui32>, tensor<2x3xui32>, tensor<4xf32>, tensor<5xf64>, tensor<6xi32>, tensor<3xui32>
}
