// RUN: jaxr-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(jaxr-vmap)'

func.func private @f(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.mul %x, %w : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @sizes_disagree(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{batched operands disagree on the batch size: 2 and 4}}
  %0 = jaxr.vmap @f(%x, %w) {in_axes = array<i64: 0, 0>, out_axes = array<i64: 0>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
func.func @nothing_batched(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{callee '@f': vmap needs at least one batched argument (an in_axes entry >= 0)}}
  %0 = jaxr.vmap @f(%x) {in_axes = array<i64: -1>, out_axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
func.func @wrong_result_type(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{vmap of '@f' with in_axes [0] and out_axes [0] has type (tensor<2x3xf32>) -> (tensor<2x3xf32>), but this op has (tensor<2x3xf32>) -> (tensor<3x2xf32>)}}
  %0 = jaxr.vmap @f(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// The error points at the function whose result is batched.
// expected-error @+1 {{jaxr-vmap: result 0 depends on batched arguments, but out_axes[0] is -1 (none)}}
func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.sin %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @batched_result_declared_unbatched(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  %0 = jaxr.vmap @f(%x) {in_axes = array<i64: 0>, out_axes = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
