// With --split-input-file every chunk is checked, errors carry line numbers of
// the whole file (not of the chunk), and a failure anywhere means exit code 1
// and no output.
//
// RUN: not jaxr-opt %s --split-input-file 2>&1 | FileCheck %s
// RUN: not jaxr-opt %s --split-input-file 2>/dev/null | FileCheck %s --check-prefix=STDOUT --allow-empty

// STDOUT-NOT: module

func.func @ok(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @bad_type(%x: tensor<2xi32>) -> tensor<2xi32> {
  // CHECK: split-input-file-errors.mlir:[[@LINE+1]]:8: error: 'jaxr.log' op the operand must have a floating-point or complex element type, found i32
  %0 = jaxr.log %x : tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @also_ok() -> tensor<3xui8> {
  %0 = jaxr.iota dim = 0 : tensor<3xui8>
  return %0 : tensor<3xui8>
}

// -----

func.func @bad_shape(%x: tensor<2x3xf32>) -> tensor<5xf32> {
  // CHECK: split-input-file-errors.mlir:[[@LINE+1]]:8: error: 'jaxr.reshape' op reshape to [5] needs 5 elements, the operand has 6
  %0 = jaxr.reshape %x : tensor<2x3xf32> -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
