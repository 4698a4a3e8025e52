// --mlir-print-debuginfo prints each op's location, which names the input
// file with the line and column of the op, as mlir-opt does.
//
// RUN: jaxr-opt %s --mlir-print-debuginfo | FileCheck %s
// Without the flag no location is printed.
// RUN: jaxr-opt %s | FileCheck %s --check-prefix=PLAIN

// CHECK: loc("{{.*}}print-debuginfo.mlir":[[# @LINE + 5]]:8)

// PLAIN-NOT: loc(

func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
