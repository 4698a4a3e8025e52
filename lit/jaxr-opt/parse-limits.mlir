// Inputs that crash MLIR's parser are refused before it sees them, located,
// with exit status 1 (`not` fails on a crash).
//
// RUN: python3 %S/Inputs/generate.py nul > %t.nul.mlir
// RUN: not jaxr-opt %t.nul.mlir 2>&1 | FileCheck %s --check-prefix=NUL
// NUL: nul.mlir:2:9: error: the input contains a NUL byte, which MLIR text cannot hold
//
// RUN: python3 %S/Inputs/generate.py brackets 10000 > %t.brackets.mlir
// RUN: not jaxr-opt %t.brackets.mlir 2>&1 | FileCheck %s --check-prefix=DEEP
// RUN: python3 %S/Inputs/generate.py regions 10000 > %t.regions.mlir
// RUN: not jaxr-opt %t.regions.mlir --allow-unregistered-dialect 2>&1 | FileCheck %s --check-prefix=DEEP
// RUN: python3 %S/Inputs/generate.py cond 10000 > %t.cond.mlir
// RUN: not jaxr-opt %t.cond.mlir 2>&1 | FileCheck %s --check-prefix=DEEP
// RUN: python3 %S/Inputs/generate.py tuples 100000 > %t.tuples.mlir
// RUN: not jaxr-opt %t.tuples.mlir 2>&1 | FileCheck %s --check-prefix=DEEP
// RUN: python3 %S/Inputs/generate.py callsites 100000 > %t.callsites.mlir
// RUN: not jaxr-opt %t.callsites.mlir 2>&1 | FileCheck %s --check-prefix=DEEP
// DEEP: .mlir:{{[0-9]+}}:{{[0-9]+}}: error: brackets ( [ { < nested deeper than 256 levels; --max-nesting-depth=N raises the limit
//
// The limit is an option; a nest of 300 brackets parses under a higher one.
// RUN: python3 %S/Inputs/generate.py brackets 300 > %t.b300.mlir
// RUN: not jaxr-opt %t.b300.mlir 2>&1 | FileCheck %s --check-prefix=DEEP
// RUN: jaxr-opt %t.b300.mlir --max-nesting-depth=400 | FileCheck %s --check-prefix=RAISED
// RAISED: func.func @f() attributes {a = {{\[+}}
//
// RUN: not jaxr-opt %s --split-input-file 2>&1 | FileCheck %s

func.func @array_of_index() attributes {
  // CHECK: parse-limits.mlir:[[@LINE+1]]:13: error: array<index...> is not a valid array attribute: its element type must be one of i1, i8, i16, i32, i64, f32, f64
  a = array<index: 1>} {
  return
}

// -----

func.func @huge_result_number(%x: f32) -> f32 {
  // CHECK: parse-limits.mlir:[[@LINE+1]]:13: error: result number 2147483647 is larger than 65536; --max-result-number=N raises the limit
  return %0#2147483647 : f32
}

// -----

func.func @large_result_number(%x: f32) -> f32 {
  // CHECK: parse-limits.mlir:[[@LINE+1]]:13: error: result number 200000000 is larger than 65536
  return %0#200000000 : f32
}
