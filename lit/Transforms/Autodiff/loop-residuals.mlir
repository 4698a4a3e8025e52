// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff{grad-of=rnn argnums=1 simplify=false})' | FileCheck %s --check-prefix=STORE
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff{grad-of=rnn argnums=1 simplify=false loop-residuals=store})' | FileCheck %s --check-prefix=STORE
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff{grad-of=rnn argnums=1 simplify=false loop-residuals=recompute})' | FileCheck %s --check-prefix=RECOMPUTE
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff{grad-of=rnn loop-residuals=never})' 2>&1 | FileCheck %s --check-prefix=BAD

// Reverse mode through a counted loop: with loop-residuals=store (the
// default, as JAX's scan) the forward loop stashes each iteration's carry
// and the tanh the derivative reads, and the reverse loop reads them
// instead of computing the body again; with recompute it stashes the carry
// only, and the reverse loop runs the dot and the tanh again.

// STORE-LABEL: func.func @rnn_grad(
// STORE: jaxr.while
// STORE: } body {
// STORE: %[[T:.*]] = jaxr.tanh
// STORE: jaxr.dynamic_update_slice %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}] : (tensor<4x2x3xf32>,
// STORE: %[[R:.*]] = jaxr.reshape %[[T]] : tensor<2x3xf32> -> tensor<1x2x3xf32>
// STORE: jaxr.dynamic_update_slice %{{.*}}, %[[R]]
// STORE: jaxr.while
// STORE: } body {
// STORE-NOT: jaxr.tanh
// STORE: jaxr.dot_general
// STORE-NOT: jaxr.tanh
// STORE: return

// RECOMPUTE-LABEL: func.func @rnn_grad(
// RECOMPUTE: jaxr.while
// RECOMPUTE: } body {
// RECOMPUTE: jaxr.tanh
// RECOMPUTE: jaxr.while
// RECOMPUTE: } body {
// RECOMPUTE: jaxr.dot_general
// RECOMPUTE: jaxr.tanh
// RECOMPUTE: return

// BAD: error: jaxr-autodiff: loop-residuals=never: expected one of store, recompute

func.func @rnn(%h0: tensor<2x3xf32>, %w: tensor<3x3xf32>) -> tensor<f32> {
  %zero = jaxr.constant dense<0> : tensor<i32>
  %r:2 = jaxr.while(%zero, %h0) : tensor<i32>, tensor<2x3xf32> cond {
  ^bb0(%i: tensor<i32>, %h: tensor<2x3xf32>):
    %n = jaxr.constant dense<4> : tensor<i32>
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %h: tensor<2x3xf32>):
    %one = jaxr.constant dense<1> : tensor<i32>
    %next = jaxr.add %i, %one : tensor<i32>
    %z = jaxr.dot_general %h, %w, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
    %t = jaxr.tanh %z : tensor<2x3xf32>
    jaxr.yield %next, %t : tensor<i32>, tensor<2x3xf32>
  }
  %s = jaxr.reduce_sum %r#1, axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
  return %s : tensor<f32>
}
