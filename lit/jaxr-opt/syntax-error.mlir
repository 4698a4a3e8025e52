// A syntax error is reported as `file:line:col: error: message`, followed by
// the source line and a caret under the column, as mlir-opt does; exit code 1.
//
// RUN: not jaxr-opt %s 2>&1 | FileCheck %s --strict-whitespace --match-full-lines
// RUN: not jaxr-opt %s --split-input-file 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

// CHECK:{{.*}}syntax-error.mlir:[[# @LINE + 4]]:34: error: expected '>' in tensor type
// CHECK-NEXT:  %0 = jaxr.neg %x : tensor<2xf32
// CHECK-NEXT:                                 ^
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32
  return %0 : tensor<2xf32>
}
