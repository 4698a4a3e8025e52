// --split-input-file: each `// -----` chunk is its own module; the printed
// modules are separated by `// -----` again, in input order.
//
// RUN: jaxr-opt %s --split-input-file | FileCheck %s
// RUN: jaxr-opt %s --split-input-file --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// Without the flag the separators are plain comments: one module.
// RUN: jaxr-opt %s | FileCheck %s --check-prefix=WHOLE

// CHECK: module {
// CHECK-NEXT: func.func @first
// CHECK: jaxr.neg
// CHECK: }
// CHECK-NEXT: }
// CHECK-NEXT: // -----
// CHECK-NEXT: module {
// CHECK-NEXT: func.func @second
// CHECK: jaxr.abs
// CHECK: // -----
// CHECK-NEXT: module {
// CHECK-NEXT: func.func @third
// CHECK-NOT: // -----

// GENERIC: "builtin.module"() ({
// GENERIC: sym_name = "first"
// GENERIC: {{^}}}) : () -> (){{$}}
// GENERIC-NEXT: // -----
// GENERIC-NEXT: "builtin.module"() ({
// GENERIC: sym_name = "second"
// GENERIC: // -----
// GENERIC: sym_name = "third"

// WHOLE: module {
// WHOLE-NEXT: func.func @first
// WHOLE-NOT: module
// WHOLE: func.func @second
// WHOLE-NOT: module
// WHOLE: func.func @third
// WHOLE-NOT: // -----

func.func @first(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @second(%x: tensor<2xi32>) -> tensor<2xi32> {
  %0 = jaxr.abs %x : tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @third() -> tensor<3xui8> {
  %0 = jaxr.iota dim = 0 : tensor<3xui8>
  return %0 : tensor<3xui8>
}
