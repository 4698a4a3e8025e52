// --split-input-file and --verify-diagnostics take time linear in the number
// of chunks and expectations (20,000 chunks here); line numbers stay those
// of the whole file.
//
// RUN: python3 %S/Inputs/generate.py chunks 20000 > %t.chunks.mlir
// RUN: not jaxr-opt %t.chunks.mlir --split-input-file 2>&1 | FileCheck %s --check-prefix=LAST
// LAST: chunks.mlir:79998:8: error: 'jaxr.log' op the operand must have a floating-point or complex element type
// RUN: not jaxr-opt %t.chunks.mlir --split-input-file 2>/dev/null | count 0
//
// RUN: python3 %S/Inputs/generate.py expectations 20000 > %t.expectations.mlir
// RUN: jaxr-opt %t.expectations.mlir --split-input-file --verify-diagnostics
//
// Locations printed with debug info point into the whole file.
// RUN: jaxr-opt %s --split-input-file --mlir-print-debuginfo | FileCheck %s

func.func @first(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @second
// CHECK-SAME: loc("{{.*}}split-input-file-many.mlir":[[# @LINE + 1]]:19)
func.func @second(%x: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK: jaxr.neg {{.*}} loc(#[[NEG:loc[0-9]*]])
  %0 = jaxr.neg %x : tensor<2xf32>
  // A location written out stays as written.
  // CHECK: jaxr.neg {{.*}} loc(#[[OTHER:loc[0-9]*]])
  %1 = jaxr.neg %0 : tensor<2xf32> loc("other.mlir":7:7)
  return %1 : tensor<2xf32>
}
// CHECK-DAG: #[[NEG]] = loc("{{.*}}split-input-file-many.mlir":[[# @LINE - 6]]:8)
// CHECK-DAG: #[[OTHER]] = loc("other.mlir":7:7)

// -----

// A chunk of pretty StableHLO, read by jaxr's own reader.
// CHECK-LABEL: func.func @third
func.func @third(%x: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK: stablehlo.add {{.*}} loc(#[[ADD:loc[0-9]*]])
  %0 = stablehlo.add %x, %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
// CHECK-DAG: #[[ADD]] = loc("{{.*}}split-input-file-many.mlir":[[# @LINE - 3]]:8)
