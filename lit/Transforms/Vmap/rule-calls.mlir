// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-vmap)' | FileCheck %s --check-prefix=BATCHED

// vmap of a checkpoint is a checkpoint of the batched callee, with the same
// policy; the unbatched argument stays unbatched.

// BATCHED-LABEL: func.func private @layer_vmap_0_n(%arg0: tensor<5x3xf32>, %arg1: tensor<3xf32>) -> tensor<5x3xf32> {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg1, dims = [1] : tensor<3xf32> -> tensor<5x3xf32>
// BATCHED-NEXT: %1 = jaxr.mul %arg0, %0 : tensor<5x3xf32>
// BATCHED-NEXT: %2 = jaxr.tanh %1 : tensor<5x3xf32>
// BATCHED-NEXT: return %2 : tensor<5x3xf32>
// BATCHED-LABEL: func.func private @net_vmap_0_n(%arg0: tensor<5x3xf32>, %arg1: tensor<3xf32>) -> tensor<5x3xf32> {
// BATCHED-NEXT: %0 = jaxr.checkpoint @layer_vmap_0_n(%arg0, %arg1) {policy = "dots_saveable"} : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
// BATCHED-NEXT: return %0 : tensor<5x3xf32>
func.func private @layer(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.mul %x, %w : tensor<3xf32>
  %1 = jaxr.tanh %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}
func.func private @net(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.checkpoint @layer(%x, %w) {policy = "dots_saveable"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @batched(%x: tensor<5x3xf32>, %w: tensor<3xf32>) -> tensor<5x3xf32> {
  %0 = jaxr.vmap @net(%x, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

// custom_jvp and custom_vjp: the callee and the rule functions batched, with
// every argument and result batched (unbatched arguments are broadcast).

// BATCHED-LABEL: func.func private @f_vmap_0_0(%arg0: tensor<5x3xf32>, %arg1: tensor<5x3xf32>) -> tensor<5x3xf32> {
// BATCHED-NEXT: %0 = jaxr.mul %arg0, %arg1 : tensor<5x3xf32>
// BATCHED-NEXT: return %0 : tensor<5x3xf32>
// BATCHED-LABEL: func.func private @f_jvp_vmap_0_0_0_0(%arg0: tensor<5x3xf32>, %arg1: tensor<5x3xf32>, %arg2: tensor<5x3xf32>, %arg3: tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
// BATCHED-NEXT: %0 = jaxr.mul %arg0, %arg1 : tensor<5x3xf32>
// BATCHED-NEXT: %1 = jaxr.mul %arg2, %arg1 : tensor<5x3xf32>
// BATCHED-NEXT: return %0, %1 : tensor<5x3xf32>, tensor<5x3xf32>
// BATCHED-LABEL: func.func private @f_fwd_vmap_0_0(%arg0: tensor<5x3xf32>, %arg1: tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
// BATCHED-NEXT: %0 = jaxr.mul %arg0, %arg1 : tensor<5x3xf32>
// BATCHED-NEXT: return %0, %arg1 : tensor<5x3xf32>, tensor<5x3xf32>
// BATCHED-LABEL: func.func private @f_bwd_vmap_0_0(%arg0: tensor<5x3xf32>, %arg1: tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
// BATCHED-NEXT: %0 = jaxr.mul %arg1, %arg0 : tensor<5x3xf32>
// BATCHED-NEXT: return %0, %arg1 : tensor<5x3xf32>, tensor<5x3xf32>
// BATCHED-LABEL: func.func private @both_vmap_0_n(%arg0: tensor<5x3xf32>, %arg1: tensor<3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
// BATCHED-NEXT: %0 = jaxr.broadcast_in_dim %arg1, dims = [1] : tensor<3xf32> -> tensor<5x3xf32>
// BATCHED-NEXT: %1 = jaxr.custom_jvp @f_vmap_0_0(%arg0, %0) {jvp = @f_jvp_vmap_0_0_0_0} : (tensor<5x3xf32>, tensor<5x3xf32>) -> tensor<5x3xf32>
// BATCHED-NEXT: %2 = jaxr.custom_vjp @f_vmap_0_0(%arg0, %0) {bwd = @f_bwd_vmap_0_0, fwd = @f_fwd_vmap_0_0} : (tensor<5x3xf32>, tensor<5x3xf32>) -> tensor<5x3xf32>
// BATCHED-NEXT: return %1, %2 : tensor<5x3xf32>, tensor<5x3xf32>
func.func private @f(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.mul %x, %w : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func private @f_jvp(%x: tensor<3xf32>, %w: tensor<3xf32>, %tx: tensor<3xf32>, %tw: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = jaxr.mul %x, %w : tensor<3xf32>
  %1 = jaxr.mul %tx, %w : tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}
func.func private @f_fwd(%x: tensor<3xf32>, %w: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = jaxr.mul %x, %w : tensor<3xf32>
  return %0, %w : tensor<3xf32>, tensor<3xf32>
}
func.func private @f_bwd(%w: tensor<3xf32>, %g: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = jaxr.mul %g, %w : tensor<3xf32>
  return %0, %g : tensor<3xf32>, tensor<3xf32>
}
func.func private @both(%x: tensor<3xf32>, %w: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = jaxr.custom_jvp @f(%x, %w) {jvp = @f_jvp} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = jaxr.custom_vjp @f(%x, %w) {fwd = @f_fwd, bwd = @f_bwd} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}
func.func @batched(%x: tensor<5x3xf32>, %w: tensor<3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
  %0:2 = jaxr.vmap @both(%x, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0, 0>} : (tensor<5x3xf32>, tensor<3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>)
  return %0#0, %0#1 : tensor<5x3xf32>, tensor<5x3xf32>
}

// -----

// A rule function that names the custom function it belongs to (fwd calls
// the custom_vjp op itself): its batched version names itself too.

// BATCHED-LABEL: func.func private @f_impl_vmap_0(%arg0: tensor<5x3xf32>) -> tensor<5x3xf32> {
// BATCHED-NEXT: %0 = jaxr.sin %arg0 : tensor<5x3xf32>
// BATCHED-NEXT: return %0 : tensor<5x3xf32>
// BATCHED-LABEL: func.func private @f_fwd_vmap_0(%arg0: tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
// BATCHED-NEXT: %0 = jaxr.custom_vjp @f_impl_vmap_0(%arg0) {bwd = @f_bwd_vmap_0_0, fwd = @f_fwd_vmap_0} : (tensor<5x3xf32>) -> tensor<5x3xf32>
// BATCHED-NEXT: %1 = jaxr.cos %arg0 : tensor<5x3xf32>
// BATCHED-NEXT: return %0, %1 : tensor<5x3xf32>, tensor<5x3xf32>
// BATCHED-LABEL: func.func private @f_bwd_vmap_0_0(%arg0: tensor<5x3xf32>, %arg1: tensor<5x3xf32>) -> tensor<5x3xf32> {
// BATCHED-NEXT: %0 = jaxr.mul %arg0, %arg1 : tensor<5x3xf32>
// BATCHED-NEXT: return %0 : tensor<5x3xf32>
// BATCHED-LABEL: func.func private @f_vmap_0(%arg0: tensor<5x3xf32>) -> tensor<5x3xf32> {
// BATCHED-NEXT: %0 = jaxr.custom_vjp @f_impl_vmap_0(%arg0) {bwd = @f_bwd_vmap_0_0, fwd = @f_fwd_vmap_0} : (tensor<5x3xf32>) -> tensor<5x3xf32>
// BATCHED-NEXT: return %0 : tensor<5x3xf32>
func.func private @f_impl(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.sin %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func private @f_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = jaxr.custom_vjp @f_impl(%x) {fwd = @f_fwd, bwd = @f_bwd} : (tensor<3xf32>) -> tensor<3xf32>
  %1 = jaxr.cos %x : tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}
func.func private @f_bwd(%c: tensor<3xf32>, %g: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.mul %c, %g : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.custom_vjp @f_impl(%x) {fwd = @f_fwd, bwd = @f_bwd} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @batched(%x: tensor<5x3xf32>) -> tensor<5x3xf32> {
  %0 = jaxr.vmap @f(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<5x3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}
