// --verify-diagnostics: the run succeeds exactly when each chunk produces the
// diagnostics its expected-* comments announce, on the announced lines (same
// line, @below, @above, @+N, @-N); the message must contain the text.
// (Errors found by the parser are used here; verifier errors are exercised by
// Dialect/jaxr/invalid.mlir.)
//
// RUN: jaxr-opt %s --split-input-file --verify-diagnostics
// Chunks without any diagnostic still print.
// RUN: jaxr-opt %s --split-input-file --verify-diagnostics | FileCheck %s
//
// Mismatches fail, each reported at its place:
// RUN: not jaxr-opt %S/Inputs/verify-mismatch.mlir --split-input-file --verify-diagnostics 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISMATCH

// CHECK: func.func @no_diagnostics
// CHECK: jaxr.neg

func.func @same_line(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.frobnicate %x : tensor<2xf32> // expected-error {{custom op 'jaxr.frobnicate' is unknown}}
  return %0 : tensor<2xf32>
}

// -----

func.func @below(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @below {{expected string or keyword containing one of the following enum values for attribute 'direction'}}
  %0 = jaxr.compare bigger, %x, %x : tensor<2xf32> -> tensor<2xi1>
  return %0 : tensor<2xf32>
}

// -----

func.func @above(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.round sideways, %x : tensor<2xf32>
  // expected-error @above {{for attribute 'rounding_method' [away_from_zero, to_nearest_even]}}
  return %0 : tensor<2xf32>
}

// -----

func.func @plus_n(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{custom op 'jaxr.unknown_op' is unknown}}

  %0 = jaxr.unknown_op %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @minus_n(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "jaxr.round"(%x) <{rounding_method = 9 : i32}> : (tensor<2xf32>) -> tensor<2xf32>

  // expected-error @-2 {{Invalid attribute `rounding_method` in property conversion: 9 : i32}}
  return %0 : tensor<2xf32>
}

// -----

func.func @no_diagnostics(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// MISMATCH-DAG: verify-mismatch.mlir:4:6: error: expected error "this error never happens" was not produced
// MISMATCH-DAG: verify-mismatch.mlir:12:8: error: unexpected error: custom op 'jaxr.frobnicate' is unknown
// MISMATCH-DAG: verify-mismatch.mlir:20:8: error: unexpected error: custom op 'jaxr.frobnicate' is unknown
// MISMATCH-DAG: verify-mismatch.mlir:19:6: error: expected error "custom op 'jaxr.frobnicate' is unknown" was not produced
// MISMATCH-DAG: verify-mismatch.mlir:28:8: error: unexpected error: custom op 'jaxr.frobnicate' is unknown
// MISMATCH-DAG: verify-mismatch.mlir:27:6: error: expected error "custom op 'jaxr.frobnicate' is fine" was not produced
// MISMATCH-DAG: verify-mismatch.mlir:35:6: error: expected-* needs its message in {{[{][{]}}...{{[}][}]}}
