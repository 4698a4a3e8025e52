// -o writes *through* an existing link or special file, as mlir-opt (and
// every LLVM tool) does: `-o /dev/null` must leave /dev/null a device and a
// symlink must stay a symlink, with its target receiving the output.
//
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: echo "old contents" > %t.dir/target.mlir
// RUN: ln -s target.mlir %t.dir/link.mlir
// RUN: jaxr-opt %S/Inputs/valid.mlir -o %t.dir/link.mlir
// RUN: test -L %t.dir/link.mlir
// RUN: FileCheck %s < %t.dir/target.mlir

// CHECK: func.func @valid
