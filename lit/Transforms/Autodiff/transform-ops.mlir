// RUN: jaxr-opt %s | jaxr-opt | FileCheck %s --check-prefix=ROUNDTRIP
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=EXPAND
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo)' 2>&1 | FileCheck %s --check-prefix=UNEXPANDED

// The four transformation ops print and parse back; jaxr-autodiff replaces
// each by a call of a derived private function (one per callee, transform
// and argnums), and lowering refuses them unexpanded. (The simplifier writes
// the sum of the product of two vectors as their dot product.)

func.func private @loss(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<f32> {
  %0 = jaxr.mul %x, %w : tensor<3xf32>
  %1 = jaxr.reduce_sum %0, axes = [0] : tensor<3xf32> -> tensor<f32>
  return %1 : tensor<f32>
}

// ROUNDTRIP-LABEL: func.func @all
// ROUNDTRIP: jaxr.grad @loss(%arg0, %arg1) {argnums = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
// ROUNDTRIP: jaxr.value_and_grad @loss(%arg0, %arg1) {argnums = array<i64: 1>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>)
// ROUNDTRIP: jaxr.vjp @loss(%arg0, %arg1, %arg2) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// ROUNDTRIP: jaxr.jvp @loss(%arg0, %arg1, %arg0) {argnums = array<i64: 1>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<f32>)
// UNEXPANDED: error: 'jaxr.grad' is a function transformation: expand it with jaxr-autodiff or jaxr-vmap before lowering

// EXPAND-LABEL: func.func private @loss_grad_0_1(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
// EXPAND-NEXT: return %arg1, %arg0
// EXPAND-LABEL: func.func private @loss_value_and_grad_1(
// EXPAND: jaxr.dot_general %arg0, %arg1, contracting = [0] x [0]
// EXPAND: return %{{.*}}, %arg0 : tensor<f32>, tensor<3xf32>
// EXPAND-LABEL: func.func private @loss_vjp_0(
// EXPAND: jaxr.broadcast_in_dim %arg2, dims = []
// EXPAND: jaxr.mul %{{.*}}, %arg1
// EXPAND-LABEL: func.func private @loss_jvp_1(
// EXPAND: jaxr.dot_general %arg0, %arg2, contracting = [0] x [0]
// EXPAND-LABEL: func.func @all
// EXPAND-NEXT: call @loss_grad_0_1(%arg0, %arg1)
// EXPAND-NEXT: call @loss_value_and_grad_1(%arg0, %arg1)
// EXPAND-NEXT: call @loss_vjp_0(%arg0, %arg1, %arg2)
// EXPAND-NEXT: call @loss_jvp_1(%arg0, %arg1, %arg0)
// EXPAND-NOT: jaxr.grad
func.func @all(%x: tensor<3xf32>, %w: tensor<3xf32>, %c: tensor<f32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<f32>, tensor<f32>) {
  %g:2 = jaxr.grad @loss(%x, %w) {argnums = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  %v:2 = jaxr.value_and_grad @loss(%x, %w) {argnums = array<i64: 1>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>)
  %b = jaxr.vjp @loss(%x, %w, %c) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %j:2 = jaxr.jvp @loss(%x, %w, %x) {argnums = array<i64: 1>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<f32>)
  return %g#0, %g#1, %v#0, %v#1, %b, %j#0, %j#1 : tensor<3xf32>, tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<f32>, tensor<f32>
}
