// --mlir-print-ir-after-all prints the IR after every pass to stderr, each
// dump headed `IR Dump After <pass>`; stdout still gets the final module.
//
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(canonicalize, convert-jaxr-to-stablehlo)' \
// RUN:   --mlir-print-ir-after-all 2>&1 >/dev/null | FileCheck %s
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(canonicalize, convert-jaxr-to-stablehlo)' \
// RUN:   --mlir-print-ir-after-all 2>/dev/null | FileCheck %s --check-prefix=STDOUT

// CHECK: IR Dump After {{.*}}canonicalize
// CHECK: jaxr.neg
// CHECK: IR Dump After {{.*}}convert-jaxr-to-stablehlo
// CHECK-NOT: jaxr.neg
// CHECK: "stablehlo.negate"

// STDOUT-NOT: IR Dump
// STDOUT: stablehlo.negate %

func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  %dead = jaxr.exp %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
