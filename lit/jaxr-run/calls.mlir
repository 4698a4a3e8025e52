// Calls no compiler can run are refused before compiling, at the call: a
// function without a body, and recursion (directly or through others).
// Functions the entry does not reach are not checked.
//
// RUN: not jaxr-run %s --input='f32=1' 2>&1 | FileCheck %s
// RUN: not jaxr-run %s --function=ping_pong --input='f32=1' 2>&1 | FileCheck %s --check-prefix=CYCLE
// RUN: jaxr-run %s --function=fine --input='f32=1' | FileCheck %s --check-prefix=FINE

func.func @main(%x: tensor<f32>) -> tensor<f32> {
  // CHECK: calls.mlir:[[@LINE+1]]:8: error: @main calls @external, which has no body: nothing can compile it
  %0 = func.call @external(%x) : (tensor<f32>) -> tensor<f32>
  %1 = func.call @countdown(%0) : (tensor<f32>) -> tensor<f32>
  return %1 : tensor<f32>
}

func.func private @external(%x: tensor<f32>) -> tensor<f32>

func.func private @countdown(%x: tensor<f32>) -> tensor<f32> {
  // CHECK: calls.mlir:[[@LINE+1]]:8: error: recursive call: @countdown calls itself; XLA cannot compile recursion
  %0 = func.call @countdown(%x) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @ping_pong(%x: tensor<f32>) -> tensor<f32> {
  %0 = func.call @ping(%x) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @ping(%x: tensor<f32>) -> tensor<f32> {
  // CYCLE: calls.mlir:[[@LINE+1]]:8: error: recursive call: @ping, @pong call each other (@ping calls @pong here); XLA cannot compile recursion
  %0 = func.call @pong(%x) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @pong(%x: tensor<f32>) -> tensor<f32> {
  %0 = func.call @ping(%x) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// FINE: result[0]: tensor<f32> = 2
func.func @fine(%x: tensor<f32>) -> tensor<f32> {
  %0 = func.call @double(%x) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @double(%x: tensor<f32>) -> tensor<f32> {
  %0 = stablehlo.add %x, %x : tensor<f32>
  return %0 : tensor<f32>
}
