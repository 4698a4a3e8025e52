// Found by the pipeline fuzzer (fuzz/, `pipeline`): batching a function
// declaration (no body) read its missing block and crashed jaxr-opt
// (a segfault). It is an error, by option and by a jaxr.vmap op.
//
// RUN: not jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-vmap{of=decl size=3})' 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-vmap)' 2>&1 | FileCheck %s --check-prefix=OP

// OPTION: fuzz-vmap-declaration.mlir:[[@LINE+1]]:1: error: jaxr-vmap: of=decl: cannot batch '@decl': it has no body
func.func private @decl(%x: tensor<5xf32>) -> tensor<5xf32>

// -----

func.func private @callee(%x: tensor<5xf32>) -> tensor<5xf32>

// OP: fuzz-vmap-declaration.mlir:[[@LINE-2]]:1: error: jaxr-vmap: cannot batch '@callee': it has no body
func.func @main(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %0 = jaxr.vmap @callee(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}
