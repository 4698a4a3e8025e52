// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-vmap)' | FileCheck %s --check-prefix=BATCHED

// cond with a batched predicate: both branches, then select_n (as JAX);
// while with a batched predicate: runs while any example continues, and
// finished examples keep their carries.

// BATCHED-LABEL: func.func private @cond_batched_predicate_vmap_n_0(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> tensor<3x3xf32> {
// BATCHED-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<3xf32>
// BATCHED-NEXT: %1 = jaxr.compare gt, %arg1, %0 : tensor<3xf32> -> tensor<3xi1>
// BATCHED-NEXT: %2 = jaxr.broadcast_in_dim %1, dims = [0] : tensor<3xi1> -> tensor<3x3xi1>
// BATCHED-NEXT: %3 = jaxr.sin %arg0 : tensor<3xf32>
// BATCHED-NEXT: %4 = jaxr.broadcast_in_dim %3, dims = [1] : tensor<3xf32> -> tensor<3x3xf32>
// BATCHED-NEXT: %5 = jaxr.cos %arg0 : tensor<3xf32>
// BATCHED-NEXT: %6 = jaxr.broadcast_in_dim %5, dims = [1] : tensor<3xf32> -> tensor<3x3xf32>
// BATCHED-NEXT: %7 = jaxr.select_n %2, %4, %6 : (tensor<3x3xi1>, tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
// BATCHED-NEXT: return %7 : tensor<3x3xf32>
func.func private @cond_batched_predicate(%x: tensor<3xf32>, %p: tensor<f32>) -> tensor<3xf32> {
  %zero = jaxr.constant dense<0.0> : tensor<f32>
  %c = jaxr.compare gt, %p, %zero : tensor<f32> -> tensor<i1>
  %r = jaxr.cond %c : tensor<i1> -> (tensor<3xf32>) {
    %s = jaxr.sin %x : tensor<3xf32>
    jaxr.yield %s : tensor<3xf32>
  }, {
    %t = jaxr.cos %x : tensor<3xf32>
    jaxr.yield %t : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}
func.func @cond_batched_predicate_batched(%x: tensor<3xf32>, %p: tensor<3xf32>) -> tensor<3x3xf32> {
  %0 = jaxr.vmap @cond_batched_predicate(%x, %p) {in_axes = array<i64: -1, 0>, out_axes = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// BATCHED-LABEL: func.func private @while_batched_predicate_vmap_0(%arg0: tensor<3xf32>) -> tensor<3xf32> {
// BATCHED-NEXT: %0 = jaxr.while(%arg0) : tensor<3xf32> cond {
// BATCHED-NEXT: ^bb0(%arg1: tensor<3xf32>):
// BATCHED-NEXT: %1 = jaxr.constant dense<1.000000e+00> : tensor<3xf32>
// BATCHED-NEXT: %2 = jaxr.compare gt, %arg1, %1 : tensor<3xf32> -> tensor<3xi1>
// BATCHED-NEXT: %3 = jaxr.reduce_or %2, axes = [0] : tensor<3xi1> -> tensor<i1>
// BATCHED-NEXT: jaxr.yield %3 : tensor<i1>
// BATCHED-NEXT: } body {
// BATCHED-NEXT: ^bb0(%arg1: tensor<3xf32>):
// BATCHED-NEXT: %1 = jaxr.constant dense<1.000000e+00> : tensor<3xf32>
// BATCHED-NEXT: %2 = jaxr.compare gt, %arg1, %1 : tensor<3xf32> -> tensor<3xi1>
// BATCHED-NEXT: %3 = jaxr.constant dense<5.000000e-01> : tensor<3xf32>
// BATCHED-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<3xf32>
// BATCHED-NEXT: %5 = jaxr.select_n %2, %arg1, %4 : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// BATCHED-NEXT: jaxr.yield %5 : tensor<3xf32>
// BATCHED-NEXT: }
// BATCHED-NEXT: return %0 : tensor<3xf32>
func.func private @while_batched_predicate(%x: tensor<f32>) -> tensor<f32> {
  %r = jaxr.while(%x) : tensor<f32> cond {
  ^bb0(%v: tensor<f32>):
    %one = jaxr.constant dense<1.0> : tensor<f32>
    %c = jaxr.compare gt, %v, %one : tensor<f32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%v: tensor<f32>):
    %half = jaxr.constant dense<0.5> : tensor<f32>
    %h = jaxr.mul %v, %half : tensor<f32>
    jaxr.yield %h : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @while_batched_predicate_batched(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.vmap @while_batched_predicate(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
