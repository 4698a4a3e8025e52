// Ops the jaxr dialect does not define are rejected, in the pretty and in the
// generic form (the dialect is registered, so it does not accept unknown ops).
//
// RUN: not jaxr-opt %s --split-input-file 2>&1 | FileCheck %s
// RUN: not jaxr-opt %s --split-input-file 2>/dev/null | FileCheck %s --check-prefix=STDOUT --allow-empty

// STDOUT-NOT: module

func.func @pretty(%x: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK: unknown-op.mlir:[[@LINE+1]]:8: error: custom op 'jaxr.frobnicate' is unknown
  %0 = jaxr.frobnicate %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @generic(%x: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK: unknown-op.mlir:[[@LINE+1]]:8: error: unregistered operation 'jaxr.frobnicate' found in dialect ('jaxr') that does not allow unknown operations
  %0 = "jaxr.frobnicate"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
