// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=FORWARD
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=REVERSE

// jaxr.checkpoint with the default policy (nothing_saveable): the forward
// pass computes sin(sin(x)) and keeps only x; the reverse pass recomputes
// sin(x) and the cosines from a fenced copy of x (optimization_barrier), so
// that no pass merges the two. Forward mode is the plain call's.

// FORWARD-LABEL: func.func private @remat_jvp_0(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
// FORWARD-NEXT: %0 = jaxr.sin %arg0 : tensor<3xf32>
// FORWARD-NEXT: %1 = jaxr.sin %0 : tensor<3xf32>
// FORWARD-NEXT: %2 = jaxr.mul %1, %1 : tensor<3xf32>
// FORWARD-NEXT: %3 = jaxr.cos %arg0 : tensor<3xf32>
// FORWARD-NEXT: %4 = jaxr.mul %3, %arg1 : tensor<3xf32>
// FORWARD-NEXT: %5 = jaxr.cos %0 : tensor<3xf32>
// FORWARD-NEXT: %6 = jaxr.mul %4, %5 : tensor<3xf32>
// FORWARD-NEXT: %7 = jaxr.mul %1, %6 : tensor<3xf32>
// FORWARD-NEXT: %8 = jaxr.add %7, %7 : tensor<3xf32>
// FORWARD-NEXT: return %2, %8 : tensor<3xf32>, tensor<3xf32>
// REVERSE-LABEL: func.func private @remat_vjp_0(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> tensor<3xf32> {
// REVERSE-NEXT: %0 = jaxr.sin %arg0 : tensor<3xf32>
// REVERSE-NEXT: %1 = jaxr.sin %0 : tensor<3xf32>
// REVERSE-NEXT: %2 = jaxr.mul %1, %arg1 : tensor<3xf32>
// REVERSE-NEXT: %3 = jaxr.add %2, %2 : tensor<3xf32>
// REVERSE-NEXT: %4 = jaxr.optimization_barrier %arg0 : (tensor<3xf32>) -> tensor<3xf32>
// REVERSE-NEXT: %5 = jaxr.sin %4 : tensor<3xf32>
// REVERSE-NEXT: %6 = jaxr.cos %5 : tensor<3xf32>
// REVERSE-NEXT: %7 = jaxr.mul %3, %6 : tensor<3xf32>
// REVERSE-NEXT: %8 = jaxr.cos %4 : tensor<3xf32>
// REVERSE-NEXT: %9 = jaxr.mul %7, %8 : tensor<3xf32>
// REVERSE-NEXT: return %9 : tensor<3xf32>
func.func private @sin_sin(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.sin %x : tensor<3xf32>
  %1 = jaxr.sin %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}
func.func private @remat(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.checkpoint @sin_sin(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %1 = jaxr.mul %0, %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}
func.func @remat_rev(%x: tensor<3xf32>, %g: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.vjp @remat(%x, %g) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @remat_fwd(%x: tensor<3xf32>, %t: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0:2 = jaxr.jvp @remat(%x, %t) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// dots_saveable: the dot_general's result is saved (returned by the forward
// call and passed through the barrier); tanh is recomputed from it, and the
// dot's own derivative reads only its operands.

// REVERSE-LABEL: func.func private @saved_dots_vjp_1(%arg0: tensor<2x3xf32>, %arg1: tensor<3x4xf32>, %arg2: tensor<2x4xf32>) -> tensor<3x4xf32> {
// REVERSE-NEXT: %0 = jaxr.dot_general %arg0, %arg1, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// REVERSE-NEXT: %1 = jaxr.constant dense<1.000000e+00> : tensor<2x4xf32>
// REVERSE-NEXT: %2:3 = jaxr.optimization_barrier %arg0, %arg1, %0 : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>)
// REVERSE-NEXT: %3 = jaxr.tanh %2#2 : tensor<2x4xf32>
// REVERSE-NEXT: %4 = jaxr.mul %3, %arg2 : tensor<2x4xf32>
// REVERSE-NEXT: %5 = jaxr.add %arg2, %4 : tensor<2x4xf32>
// REVERSE-NEXT: %6 = jaxr.sub %1, %3 : tensor<2x4xf32>
// REVERSE-NEXT: %7 = jaxr.mul %5, %6 : tensor<2x4xf32>
// REVERSE-NEXT: %8 = jaxr.dot_general %2#0, %7, contracting = [0] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
// REVERSE-NEXT: return %8 : tensor<3x4xf32>
func.func private @dense(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = jaxr.dot_general %x, %w, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = jaxr.tanh %0 : tensor<2x4xf32>
  return %1 : tensor<2x4xf32>
}
func.func private @saved_dots(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = jaxr.checkpoint @dense(%x, %w) {policy = "dots_saveable"} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
func.func @saved_dots_rev(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %g: tensor<2x4xf32>) -> tensor<3x4xf32> {
  %0 = jaxr.vjp @saved_dots(%x, %w, %g) {argnums = array<i64: 1>} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// dots_with_no_batch_dims_saveable: the batched dot_general is recomputed,
// the unbatched one saved.

// REVERSE-LABEL: func.func private @unbatched_saved_vjp_1(%arg0: tensor<2x3xf32>, %arg1: tensor<3x3xf32>, %arg2: tensor<2x3x3xf32>, %arg3: tensor<2x3xf32>) -> tensor<3x3xf32> {
// REVERSE-NEXT: %0 = jaxr.dot_general %arg0, %arg1, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
// REVERSE-NEXT: %1:4 = jaxr.optimization_barrier %arg0, %arg1, %arg2, %0 : (tensor<2x3xf32>, tensor<3x3xf32>, tensor<2x3x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x3xf32>, tensor<2x3x3xf32>, tensor<2x3xf32>)
// REVERSE-NEXT: %2 = jaxr.exp %1#3 : tensor<2x3xf32>
// REVERSE-NEXT: %3 = jaxr.mul %2, %arg3 : tensor<2x3xf32>
// REVERSE-NEXT: %4 = jaxr.dot_general %1#2, %1#3, contracting = [2] x [1], batch = [0] x [0] : (tensor<2x3x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// REVERSE-NEXT: %5 = jaxr.exp %4 : tensor<2x3xf32>
// REVERSE-NEXT: %6 = jaxr.mul %5, %arg3 : tensor<2x3xf32>
// REVERSE-NEXT: %7 = jaxr.dot_general %6, %1#2, contracting = [1] x [1], batch = [0] x [0] : (tensor<2x3xf32>, tensor<2x3x3xf32>) -> tensor<2x3xf32>
// REVERSE-NEXT: %8 = jaxr.add %3, %7 : tensor<2x3xf32>
// REVERSE-NEXT: %9 = jaxr.dot_general %1#0, %8, contracting = [0] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
// REVERSE-NEXT: return %9 : tensor<3x3xf32>
func.func private @two_dots(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>, %b: tensor<2x3x3xf32>) -> tensor<2x3xf32> {
  %0 = jaxr.dot_general %x, %w, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  %1 = jaxr.dot_general %b, %0, contracting = [2] x [1], batch = [0] x [0] : (tensor<2x3x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = jaxr.exp %1 : tensor<2x3xf32>
  %3 = jaxr.exp %0 : tensor<2x3xf32>
  %4 = jaxr.add %2, %3 : tensor<2x3xf32>
  return %4 : tensor<2x3xf32>
}
func.func private @unbatched_saved(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>, %b: tensor<2x3x3xf32>) -> tensor<2x3xf32> {
  %0 = jaxr.checkpoint @two_dots(%x, %w, %b) {policy = "dots_with_no_batch_dims_saveable"} : (tensor<2x3xf32>, tensor<3x3xf32>, tensor<2x3x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
func.func @unbatched_saved_rev(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>, %b: tensor<2x3x3xf32>, %g: tensor<2x3xf32>) -> tensor<3x3xf32> {
  %0 = jaxr.vjp @unbatched_saved(%x, %w, %b, %g) {argnums = array<i64: 1>} : (tensor<2x3xf32>, tensor<3x3xf32>, tensor<2x3x3xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// everything_saveable is a plain call: no barrier, nothing recomputed.

// REVERSE-LABEL: func.func private @saved_vjp_0(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> tensor<3xf32> {
// REVERSE-NEXT: %0 = jaxr.sin %arg0 : tensor<3xf32>
// REVERSE-NEXT: %1 = jaxr.sin %0 : tensor<3xf32>
// REVERSE-NEXT: %2 = jaxr.mul %1, %arg1 : tensor<3xf32>
// REVERSE-NEXT: %3 = jaxr.add %2, %2 : tensor<3xf32>
// REVERSE-NEXT: %4 = jaxr.cos %0 : tensor<3xf32>
// REVERSE-NEXT: %5 = jaxr.mul %3, %4 : tensor<3xf32>
// REVERSE-NEXT: %6 = jaxr.cos %arg0 : tensor<3xf32>
// REVERSE-NEXT: %7 = jaxr.mul %5, %6 : tensor<3xf32>
// REVERSE-NEXT: return %7 : tensor<3xf32>
func.func private @sin_sin(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.sin %x : tensor<3xf32>
  %1 = jaxr.sin %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}
func.func private @saved(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.checkpoint @sin_sin(%x) {policy = "everything_saveable"} : (tensor<3xf32>) -> tensor<3xf32>
  %1 = jaxr.mul %0, %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}
func.func @saved_rev(%x: tensor<3xf32>, %g: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.vjp @saved(%x, %g) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// custom_jvp: forward mode calls the rule (here 2·cos, so that the checks
// tell the rule from sin's own derivative); reverse mode transposes the
// rule's tangent map.

// FORWARD-LABEL: func.func private @custom_jvp_0(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
// FORWARD-NEXT: %0 = jaxr.sin %arg0 : tensor<3xf32>
// FORWARD-NEXT: %1 = jaxr.cos %arg0 : tensor<3xf32>
// FORWARD-NEXT: %2 = jaxr.add %1, %1 : tensor<3xf32>
// FORWARD-NEXT: %3 = jaxr.mul %2, %arg1 : tensor<3xf32>
// FORWARD-NEXT: return %0, %3 : tensor<3xf32>, tensor<3xf32>
// REVERSE-LABEL: func.func private @custom_vjp_0(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> tensor<3xf32> {
// REVERSE-NEXT: %0 = jaxr.cos %arg0 : tensor<3xf32>
// REVERSE-NEXT: %1 = jaxr.add %0, %0 : tensor<3xf32>
// REVERSE-NEXT: %2 = jaxr.mul %1, %arg1 : tensor<3xf32>
// REVERSE-NEXT: return %2 : tensor<3xf32>
func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.sin %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func private @f_rule(%x: tensor<3xf32>, %t: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = jaxr.sin %x : tensor<3xf32>
  %1 = jaxr.cos %x : tensor<3xf32>
  %2 = jaxr.add %1, %1 : tensor<3xf32>
  %3 = jaxr.mul %2, %t : tensor<3xf32>
  return %0, %3 : tensor<3xf32>, tensor<3xf32>
}
func.func private @custom(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.custom_jvp @f(%x) {jvp = @f_rule} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @custom_fwd(%x: tensor<3xf32>, %t: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0:2 = jaxr.jvp @custom(%x, %t) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<3xf32>
}
func.func @custom_rev(%x: tensor<3xf32>, %g: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.vjp @custom(%x, %g) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// custom_vjp: the forward pass calls fwd (results, then residuals: cos x),
// the reverse pass bwd (3·cos x · g); the integer argument's cotangent
// from bwd is dropped.

// REVERSE-LABEL: func.func private @custom_vjp_0(%arg0: tensor<3xf32>, %arg1: tensor<i32>, %arg2: tensor<3xf32>) -> tensor<3xf32> {
// REVERSE-NEXT: %0 = jaxr.sin %arg0 : tensor<3xf32>
// REVERSE-NEXT: %1 = jaxr.mul %0, %arg2 : tensor<3xf32>
// REVERSE-NEXT: %2 = jaxr.add %1, %1 : tensor<3xf32>
// REVERSE-NEXT: %3 = jaxr.cos %arg0 : tensor<3xf32>
// REVERSE-NEXT: %4 = jaxr.add %3, %3 : tensor<3xf32>
// REVERSE-NEXT: %5 = jaxr.add %3, %4 : tensor<3xf32>
// REVERSE-NEXT: %6 = jaxr.mul %2, %5 : tensor<3xf32>
// REVERSE-NEXT: return %6 : tensor<3xf32>
func.func private @f(%x: tensor<3xf32>, %n: tensor<i32>) -> tensor<3xf32> {
  %0 = jaxr.sin %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func private @f_fwd(%x: tensor<3xf32>, %n: tensor<i32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = jaxr.sin %x : tensor<3xf32>
  %1 = jaxr.cos %x : tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}
func.func private @f_bwd(%c: tensor<3xf32>, %g: tensor<3xf32>) -> (tensor<3xf32>, tensor<i32>) {
  %0 = jaxr.add %c, %c : tensor<3xf32>
  %1 = jaxr.add %0, %c : tensor<3xf32>
  %2 = jaxr.mul %1, %g : tensor<3xf32>
  %3 = jaxr.constant dense<0> : tensor<i32>
  return %2, %3 : tensor<3xf32>, tensor<i32>
}
func.func private @custom(%x: tensor<3xf32>, %n: tensor<i32>) -> tensor<3xf32> {
  %0 = jaxr.custom_vjp @f(%x, %n) {fwd = @f_fwd, bwd = @f_bwd} : (tensor<3xf32>, tensor<i32>) -> tensor<3xf32>
  %1 = jaxr.mul %0, %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}
func.func @custom_rev(%x: tensor<3xf32>, %n: tensor<i32>, %g: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.vjp @custom(%x, %n, %g) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<i32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
