// --mlir-timing prints an execution time report on stderr naming each pass of
// the pipeline; stdout still gets the module.
//
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(canonicalize, convert-jaxr-to-stablehlo)' \
// RUN:   --mlir-timing 2>&1 >/dev/null | FileCheck %s
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(canonicalize, convert-jaxr-to-stablehlo)' \
// RUN:   --mlir-timing 2>/dev/null | FileCheck %s --check-prefix=STDOUT

// CHECK: Execution time report
// CHECK: Total Execution Time:
// CHECK: Wall Time
// CHECK-DAG: Canonicalizer
// CHECK-DAG: convert-jaxr-to-stablehlo
// CHECK: Total

// STDOUT-NOT: Execution time report
// STDOUT: stablehlo.negate %

func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
