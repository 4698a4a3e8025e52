// The traits of stablehlo ops tell upstream passes what they may do: pure
// ops are merged by cse and erased by canonicalize when unused; ops with
// side effects (custom_call, collectives, host transfers) are neither;
// calls inline into computation bodies; symbol-dce keeps what composite and
// custom_call refer to.
//
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(cse)' | FileCheck %s --check-prefix=CSE
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(canonicalize)' | FileCheck %s --check-prefix=CANON
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(inline, symbol-dce)' | FileCheck %s --check-prefix=INLINE
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(sccp, canonicalize, cse)' | FileCheck %s --check-prefix=SCCP

// CSE-LABEL: func.func @pure_and_effects
// CSE: %[[E:.*]] = stablehlo.exponential %arg0
// CSE-NOT: stablehlo.exponential
// CSE: stablehlo.custom_call @effect(%arg0)
// CSE: stablehlo.custom_call @effect(%arg0)
// CSE: stablehlo.add %[[E]], %[[E]]
// CANON-LABEL: func.func @pure_and_effects
// CANON-NOT: stablehlo.negate
// CANON: stablehlo.custom_call @effect
// CANON: stablehlo.custom_call @effect
func.func @pure_and_effects(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.exponential %x : tensor<4xf32>
  %1 = stablehlo.exponential %x : tensor<4xf32>
  %unused = stablehlo.negate %x : tensor<4xf32>
  %2 = stablehlo.custom_call @effect(%x) {has_side_effect = true} : (tensor<4xf32>) -> tensor<4xf32>
  %3 = stablehlo.custom_call @effect(%x) {has_side_effect = true} : (tensor<4xf32>) -> tensor<4xf32>
  %4 = stablehlo.add %0, %1 : tensor<4xf32>
  return %4 : tensor<4xf32>
}

// -----

// A call in a reduce body inlines into the body (as jnp.cumlogsumexp's
// module needs), and the private function goes.
// INLINE-LABEL: func.func public @main
// INLINE: stablehlo.reduce
// INLINE: stablehlo.maximum
// INLINE-NOT: call
// INLINE-NOT: func.func private @combine
func.func public @main(%x: tensor<4xf32>, %init: tensor<f32>) -> tensor<f32> {
  %0 = "stablehlo.reduce"(%x, %init) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = func.call @combine(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    stablehlo.return %c : tensor<f32>
  }) {dimensions = array<i64: 0>} : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @combine(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = stablehlo.maximum %a, %b : tensor<f32>
  return %0 : tensor<f32>
}

// -----

// symbol-dce keeps a composite's decomposition.
// INLINE-LABEL: func.func public @composite
// INLINE: func.func private @add_n.impl
func.func public @composite(%x: tensor<i64>) -> tensor<i64> {
  %0 = "stablehlo.composite"(%x) {name = "my.add_n", decomposition = @add_n.impl} : (tensor<i64>) -> tensor<i64>
  return %0 : tensor<i64>
}
func.func private @add_n.impl(%x: tensor<i64>) -> tensor<i64> {
  %0 = stablehlo.add %x, %x : tensor<i64>
  return %0 : tensor<i64>
}

// -----

// Constants are ConstantLike: cse and canonicalize merge equal ones.
// SCCP-LABEL: func.func @constants
// SCCP-COUNT-1: stablehlo.constant
// SCCP-NOT: stablehlo.constant
func.func @constants(%x: tensor<2xf32>) -> tensor<2xf32> {
  %a = stablehlo.constant dense<2.0> : tensor<2xf32>
  %b = stablehlo.constant dense<2.0> : tensor<2xf32>
  %0 = stablehlo.multiply %x, %a : tensor<2xf32>
  %1 = stablehlo.multiply %0, %b : tensor<2xf32>
  return %1 : tensor<2xf32>
}
