// Bad input to jaxr-run is reported before anything runs, with the location of
// the function whose signature it breaks, and a non-zero exit.
//
// RUN: not jaxr-run %S/Inputs/functions.mlir --input='3x2xf32=1 2 3 4 5 6' 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: functions.mlir:3:3: error: input #0 is tensor<3x2xf32> but argument #0 of @main is tensor<2x3xf32>
// SHAPE-NEXT: func.func @main
// SHAPE-NEXT: ^
//
// RUN: not jaxr-run %S/Inputs/functions.mlir --input='2x3xi32=1' 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: error: input #0 is tensor<2x3xi32> but argument #0 of @main is tensor<2x3xf32>
//
// RUN: not jaxr-run %S/Inputs/functions.mlir 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: error: @main takes 1 argument(s) (tensor<2x3xf32>) but 0 --input was given
//
// RUN: not jaxr-run %S/Inputs/functions.mlir --input='2x3xf32=1 2' 2>&1 | FileCheck %s --check-prefix=LITERAL
// LITERAL: error: input #0: {{.*}}expects 6 values (or 1 to splat), found 2
//
// RUN: not jaxr-run %S/Inputs/functions.mlir --input=@%t.missing.npy 2>&1 | FileCheck %s --check-prefix=NPY
// NPY: error: input #0: {{.*}}missing.npy
//
// RUN: not jaxr-run %S/Inputs/functions.mlir --function=nope --input='f32=1' 2>&1 | FileCheck %s --check-prefix=FUNC
// FUNC: jaxr-run: error: no function @nope in the module (functions: @main, @scale, @identities, @copy)
//
// RUN: not jaxr-run %t.does-not-exist.mlir 2>&1 | FileCheck %s --check-prefix=FILE
// FILE: jaxr-run: error: cannot read '{{.*}}does-not-exist.mlir'
//
// A missing or corrupt plugin is a clear error, not a crash.
// RUN: not jaxr-run %S/Inputs/functions.mlir --plugin=%t.absent.so --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=NOPLUGIN
// NOPLUGIN: jaxr-run: error: {{.*}}absent.so
// RUN: echo "not a shared library" > %t.corrupt.so
// RUN: not jaxr-run %S/Inputs/functions.mlir --plugin=%t.corrupt.so --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=CORRUPT
// CORRUPT: jaxr-run: error: {{.*}}corrupt.so
//
// A syntax error points at its line and column.
// RUN: not jaxr-run %S/../jaxr-opt/Inputs/invalid.mlir 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX: invalid.mlir:{{[0-9]+}}:{{[0-9]+}}: error:
//
// An op of an unknown dialect cannot run anywhere: it is refused as it is read.
// RUN: not jaxr-run %s --function=foreign --input='2xf32=1' 2>&1 | FileCheck %s --check-prefix=FOREIGN
// FOREIGN: errors.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: an op of a dialect jaxr does not know

func.func @foreign(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "foo.bar"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
