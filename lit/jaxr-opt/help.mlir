// --help lists the driver's options and the passes a pipeline can name,
// convert-jaxr-to-stablehlo first among them; unknown flags are refused.
//
// RUN: jaxr-opt --help | FileCheck %s
// RUN: not jaxr-opt --no-such-flag %s 2>&1 | FileCheck %s --check-prefix=BADFLAG

// CHECK: Usage: jaxr-opt
// CHECK-DAG: --pass-pipeline
// CHECK-DAG: --split-input-file
// CHECK-DAG: --verify-diagnostics
// CHECK-DAG: --mlir-print-ir-after-all
// CHECK-DAG: --mlir-timing
// CHECK-DAG: --mlir-print-op-generic
// CHECK-DAG: -o <OUTPUT>
// CHECK: Passes
// CHECK-NEXT: convert-jaxr-to-stablehlo{{ +}}Lower every jaxr op to StableHLO
// CHECK-DAG: canonicalize
// CHECK-DAG: cse
// CHECK-DAG: inline
// CHECK-DAG: symbol-dce

// BADFLAG: error: unexpected argument '--no-such-flag'
