// The input may come from stdin, by default or as '-'.
//
// RUN: jaxr-opt < %s | FileCheck %s
// RUN: jaxr-opt - < %s | FileCheck %s
// RUN: jaxr-opt - --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo)' < %s \
// RUN:   | FileCheck %s --check-prefix=HLO
// Errors on stdin name '-' as the file.
// RUN: not jaxr-opt - < %S/Inputs/invalid.mlir 2>&1 | FileCheck %s --check-prefix=ERR

// CHECK-LABEL: func.func @from_stdin
// CHECK: jaxr.neg

// HLO-LABEL: func.func @from_stdin
// HLO: stablehlo.negate %

// ERR: -:2:8: error: 'jaxr.log' op the operand must have a floating-point or complex element type

func.func @from_stdin(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
