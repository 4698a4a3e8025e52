// An op of a dialect jaxr does not register is refused at the op, unless
// --allow-unregistered-dialect asks for it (then passes see an opaque op).
//
// RUN: not jaxr-opt %s 2>&1 | FileCheck %s --check-prefix=FOREIGN
// RUN: jaxr-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(canonicalize, cse)' | FileCheck %s --check-prefix=ALLOWED

// ALLOWED-LABEL: func.func @foreign
func.func @foreign(%x: tensor<2xf32>) -> tensor<2xf32> {
  // FOREIGN: allow-unregistered-dialect.mlir:[[@LINE+2]]:{{[0-9]+}}: error: an op of a dialect jaxr does not know (it reads jaxr, stablehlo, chlo and MLIR's upstream dialects); jaxr-opt --allow-unregistered-dialect keeps such ops as opaque generic ops
  // ALLOWED: "foo.bar"(%arg0) : (tensor<2xf32>) -> tensor<2xf32>
  %0 = "foo.bar"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
