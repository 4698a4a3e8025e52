// A valid nest of 98 jaxr.cond lowers to stablehlo.if nested deeper than
// jaxr's pretty StableHLO printer reads: a located error naming the way out
// (--emit=generic), which prints it.
//
// RUN: python3 %S/Inputs/generate.py cond 98 > %t.mlir
// RUN: jaxr-opt %t.mlir | FileCheck %s --check-prefix=JAXR
// JAXR: jaxr.cond
// RUN: not jaxr-opt %t.mlir --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo)' 2>&1 | FileCheck %s
// CHECK: .mlir:{{[0-9]+}}:{{[0-9]+}}: error: this module nests too deeply to print as pretty StableHLO ({{.*}}nested too deeply{{.*}}); --emit=generic prints it
// RUN: jaxr-opt %t.mlir --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo)' --emit=generic | FileCheck %s --check-prefix=GENERIC
// GENERIC: "stablehlo.if"
