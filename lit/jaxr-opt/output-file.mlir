// -o writes the output file only when everything succeeded: a failing input
// leaves no file behind (and no temporary either) and does not touch an
// existing one.
//
// Success: the file holds the printed module.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: jaxr-opt %S/Inputs/valid.mlir -o %t.dir/out.mlir
// RUN: FileCheck %s --check-prefix=VALID < %t.dir/out.mlir
//
// Failure: no file at all, nothing else left in the folder.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: not jaxr-opt %S/Inputs/invalid.mlir -o %t.dir/out.mlir
// RUN: not test -e %t.dir/out.mlir
// RUN: ls -A %t.dir > %t.listing
// RUN: FileCheck %s --check-prefix=EMPTY --allow-empty < %t.listing
//
// Failure with --split-input-file where only one chunk is bad: still no file.
// RUN: rm -f %t.split.mlir
// RUN: not jaxr-opt %s --split-input-file -o %t.split.mlir
// RUN: not test -e %t.split.mlir
//
// Failure over an existing file: the old contents stay.
// RUN: echo "old contents" > %t.existing
// RUN: not jaxr-opt %S/Inputs/invalid.mlir -o %t.existing
// RUN: FileCheck %s --check-prefix=OLD < %t.existing
//
// Success over an existing file replaces it.
// RUN: jaxr-opt %S/Inputs/valid.mlir -o %t.existing
// RUN: FileCheck %s --check-prefix=VALID --implicit-check-not="old contents" < %t.existing

// VALID: module {
// VALID-NEXT: func.func @valid
// VALID: jaxr.neg

// EMPTY-NOT: {{.}}

// OLD: old contents

func.func @fine(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @broken(%x: tensor<2xi32>) -> tensor<2xi32> {
  %0 = jaxr.log %x : tensor<2xi32>
  return %0 : tensor<2xi32>
}
