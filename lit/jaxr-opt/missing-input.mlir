// A missing input file fails with a message naming the file.
//
// RUN: rm -f %t.nonexistent.mlir
// RUN: not jaxr-opt %t.nonexistent.mlir 2>&1 | FileCheck %s -DFILE=%t.nonexistent.mlir
// RUN: not jaxr-opt %t.nonexistent.mlir -o %t.out 2>&1 | FileCheck %s -DFILE=%t.nonexistent.mlir
// RUN: not test -e %t.out

// CHECK: jaxr-opt: error: cannot read '[[FILE]]': No such file or directory
