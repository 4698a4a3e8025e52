// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=FORWARD
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=REVERSE

// The derivative rules of every binary elementwise op, both operands
// differentiated.

// FORWARD-LABEL: func.func private @add_jvp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.add %arg0, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.add %arg2, %arg3 : tensor<4xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @add_vjp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: return %arg2, %arg2 : tensor<4xf32>, tensor<4xf32>
func.func private @add(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.add %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @add_fwd(%x: tensor<4xf32>, %y: tensor<4xf32>, %t0: tensor<4xf32>, %t1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @add(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @add_rev(%x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @add(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @sub_jvp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.sub %arg0, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.sub %arg2, %arg3 : tensor<4xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @sub_vjp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.neg %arg2 : tensor<4xf32>
// REVERSE-NEXT: return %arg2, %0 : tensor<4xf32>, tensor<4xf32>
func.func private @sub(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.sub %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @sub_fwd(%x: tensor<4xf32>, %y: tensor<4xf32>, %t0: tensor<4xf32>, %t1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @sub(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @sub_rev(%x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @sub(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @mul_jvp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.mul %arg0, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.mul %arg2, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.mul %arg0, %arg3 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.add %1, %2 : tensor<4xf32>
// FORWARD-NEXT: return %0, %3 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @mul_vjp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.mul %arg2, %arg1 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.mul %arg0, %arg2 : tensor<4xf32>
// REVERSE-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
func.func private @mul(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.mul %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @mul_fwd(%x: tensor<4xf32>, %y: tensor<4xf32>, %t0: tensor<4xf32>, %t1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @mul(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @mul_rev(%x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @mul(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @div_jvp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.div %arg0, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.div %arg2, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.mul %arg0, %arg3 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.square %arg1 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.div %2, %3 : tensor<4xf32>
// FORWARD-NEXT: %5 = jaxr.sub %1, %4 : tensor<4xf32>
// FORWARD-NEXT: return %0, %5 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @div_vjp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.div %arg2, %arg1 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.neg %arg2 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.mul %1, %arg0 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.square %arg1 : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.div %2, %3 : tensor<4xf32>
// REVERSE-NEXT: return %0, %4 : tensor<4xf32>, tensor<4xf32>
func.func private @div(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.div %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @div_fwd(%x: tensor<4xf32>, %y: tensor<4xf32>, %t0: tensor<4xf32>, %t1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @div(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @div_rev(%x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @div(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @rem_jvp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.rem %arg0, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.div %arg0, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.sign %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.abs %1 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.floor %3 : tensor<4xf32>
// FORWARD-NEXT: %5 = jaxr.mul %2, %4 : tensor<4xf32>
// FORWARD-NEXT: %6 = jaxr.mul %arg3, %5 : tensor<4xf32>
// FORWARD-NEXT: %7 = jaxr.sub %arg2, %6 : tensor<4xf32>
// FORWARD-NEXT: return %0, %7 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @rem_vjp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.neg %arg2 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.div %arg0, %arg1 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.sign %1 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.abs %1 : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.floor %3 : tensor<4xf32>
// REVERSE-NEXT: %5 = jaxr.mul %2, %4 : tensor<4xf32>
// REVERSE-NEXT: %6 = jaxr.mul %0, %5 : tensor<4xf32>
// REVERSE-NEXT: return %arg2, %6 : tensor<4xf32>, tensor<4xf32>
func.func private @rem(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.rem %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @rem_fwd(%x: tensor<4xf32>, %y: tensor<4xf32>, %t0: tensor<4xf32>, %t1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @rem(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @rem_rev(%x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @rem(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @pow_jvp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.pow %arg0, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.compare eq, %arg1, %1 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %3 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.sub %arg1, %3 : tensor<4xf32>
// FORWARD-NEXT: %5 = jaxr.pow %arg0, %4 : tensor<4xf32>
// FORWARD-NEXT: %6 = jaxr.mul %arg1, %5 : tensor<4xf32>
// FORWARD-NEXT: %7 = jaxr.select_n %2, %6, %1 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %8 = jaxr.mul %arg2, %7 : tensor<4xf32>
// FORWARD-NEXT: %9 = jaxr.compare eq, %arg0, %1 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %10 = jaxr.select_n %9, %arg0, %3 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %11 = jaxr.log %10 : tensor<4xf32>
// FORWARD-NEXT: %12 = jaxr.mul %11, %0 : tensor<4xf32>
// FORWARD-NEXT: %13 = jaxr.mul %arg3, %12 : tensor<4xf32>
// FORWARD-NEXT: %14 = jaxr.add %8, %13 : tensor<4xf32>
// FORWARD-NEXT: return %0, %14 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @pow_vjp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.pow %arg0, %arg1 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.compare eq, %arg1, %1 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %3 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.sub %arg1, %3 : tensor<4xf32>
// REVERSE-NEXT: %5 = jaxr.pow %arg0, %4 : tensor<4xf32>
// REVERSE-NEXT: %6 = jaxr.mul %arg1, %5 : tensor<4xf32>
// REVERSE-NEXT: %7 = jaxr.select_n %2, %6, %1 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %8 = jaxr.mul %arg2, %7 : tensor<4xf32>
// REVERSE-NEXT: %9 = jaxr.compare eq, %arg0, %1 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %10 = jaxr.select_n %9, %arg0, %3 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %11 = jaxr.log %10 : tensor<4xf32>
// REVERSE-NEXT: %12 = jaxr.mul %11, %0 : tensor<4xf32>
// REVERSE-NEXT: %13 = jaxr.mul %arg2, %12 : tensor<4xf32>
// REVERSE-NEXT: return %8, %13 : tensor<4xf32>, tensor<4xf32>
func.func private @pow(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.pow %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @pow_fwd(%x: tensor<4xf32>, %y: tensor<4xf32>, %t0: tensor<4xf32>, %t1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @pow(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @pow_rev(%x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @pow(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @max_jvp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.max %arg0, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.compare eq, %arg0, %0 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %2 = jaxr.compare eq, %arg1, %0 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %3 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.constant dense<5.000000e-01> : tensor<4xf32>
// FORWARD-NEXT: %5 = jaxr.select_n %2, %3, %4 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %6 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %7 = jaxr.select_n %1, %6, %5 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %8 = jaxr.mul %arg2, %7 : tensor<4xf32>
// FORWARD-NEXT: %9 = jaxr.select_n %1, %3, %4 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %10 = jaxr.select_n %2, %6, %9 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %11 = jaxr.mul %arg3, %10 : tensor<4xf32>
// FORWARD-NEXT: %12 = jaxr.add %8, %11 : tensor<4xf32>
// FORWARD-NEXT: return %0, %12 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @max_vjp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.max %arg0, %arg1 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.compare eq, %arg0, %0 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %2 = jaxr.compare eq, %arg1, %0 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %3 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.constant dense<5.000000e-01> : tensor<4xf32>
// REVERSE-NEXT: %5 = jaxr.select_n %2, %3, %4 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %6 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %7 = jaxr.select_n %1, %6, %5 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %8 = jaxr.mul %arg2, %7 : tensor<4xf32>
// REVERSE-NEXT: %9 = jaxr.select_n %1, %3, %4 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %10 = jaxr.select_n %2, %6, %9 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %11 = jaxr.mul %arg2, %10 : tensor<4xf32>
// REVERSE-NEXT: return %8, %11 : tensor<4xf32>, tensor<4xf32>
func.func private @max(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.max %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @max_fwd(%x: tensor<4xf32>, %y: tensor<4xf32>, %t0: tensor<4xf32>, %t1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @max(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @max_rev(%x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @max(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @min_jvp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.min %arg0, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.compare eq, %arg0, %0 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %2 = jaxr.compare eq, %arg1, %0 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %3 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.constant dense<5.000000e-01> : tensor<4xf32>
// FORWARD-NEXT: %5 = jaxr.select_n %2, %3, %4 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %6 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %7 = jaxr.select_n %1, %6, %5 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %8 = jaxr.mul %arg2, %7 : tensor<4xf32>
// FORWARD-NEXT: %9 = jaxr.select_n %1, %3, %4 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %10 = jaxr.select_n %2, %6, %9 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %11 = jaxr.mul %arg3, %10 : tensor<4xf32>
// FORWARD-NEXT: %12 = jaxr.add %8, %11 : tensor<4xf32>
// FORWARD-NEXT: return %0, %12 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @min_vjp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.min %arg0, %arg1 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.compare eq, %arg0, %0 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %2 = jaxr.compare eq, %arg1, %0 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %3 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.constant dense<5.000000e-01> : tensor<4xf32>
// REVERSE-NEXT: %5 = jaxr.select_n %2, %3, %4 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %6 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %7 = jaxr.select_n %1, %6, %5 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %8 = jaxr.mul %arg2, %7 : tensor<4xf32>
// REVERSE-NEXT: %9 = jaxr.select_n %1, %3, %4 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %10 = jaxr.select_n %2, %6, %9 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %11 = jaxr.mul %arg2, %10 : tensor<4xf32>
// REVERSE-NEXT: return %8, %11 : tensor<4xf32>, tensor<4xf32>
func.func private @min(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.min %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @min_fwd(%x: tensor<4xf32>, %y: tensor<4xf32>, %t0: tensor<4xf32>, %t1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @min(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @min_rev(%x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @min(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @atan2_jvp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.atan2 %arg0, %arg1 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.mul %arg1, %arg2 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.square %arg0 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.square %arg1 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.add %2, %3 : tensor<4xf32>
// FORWARD-NEXT: %5 = jaxr.div %1, %4 : tensor<4xf32>
// FORWARD-NEXT: %6 = jaxr.mul %arg0, %arg3 : tensor<4xf32>
// FORWARD-NEXT: %7 = jaxr.div %6, %4 : tensor<4xf32>
// FORWARD-NEXT: %8 = jaxr.sub %5, %7 : tensor<4xf32>
// FORWARD-NEXT: return %0, %8 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @atan2_vjp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.mul %arg2, %arg1 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.square %arg0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.square %arg1 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.add %1, %2 : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.div %0, %3 : tensor<4xf32>
// REVERSE-NEXT: %5 = jaxr.neg %arg2 : tensor<4xf32>
// REVERSE-NEXT: %6 = jaxr.mul %5, %arg0 : tensor<4xf32>
// REVERSE-NEXT: %7 = jaxr.div %6, %3 : tensor<4xf32>
// REVERSE-NEXT: return %4, %7 : tensor<4xf32>, tensor<4xf32>
func.func private @atan2(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.atan2 %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @atan2_fwd(%x: tensor<4xf32>, %y: tensor<4xf32>, %t0: tensor<4xf32>, %t1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @atan2(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @atan2_rev(%x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @atan2(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @select_n_jvp_1_2(%arg0: tensor<4xi1>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>, %arg4: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.select_n %arg0, %arg1, %arg2 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.select_n %arg0, %arg3, %arg4 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @select_n_vjp_1_2(%arg0: tensor<4xi1>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.select_n %arg0, %arg3, %0 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.select_n %arg0, %0, %arg3 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: return %1, %2 : tensor<4xf32>, tensor<4xf32>
func.func private @select_n(%p: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.select_n %p, %x, %y : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @select_n_fwd(%p: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xf32>, %t1: tensor<4xf32>, %t2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @select_n(%p, %x, %y, %t1, %t2) {argnums = array<i64: 1, 2>} : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @select_n_rev(%p: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @select_n(%p, %x, %y, %c0) {argnums = array<i64: 1, 2>} : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @clamp_jvp_0_1_2(%arg0: tensor<f32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<f32>, %arg4: tensor<4xf32>, %arg5: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.clamp %arg0, %arg1, %arg2 : (tensor<f32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.broadcast_in_dim %arg0, dims = [] : tensor<f32> -> tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.compare gt, %1, %arg1 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %3 = jaxr.compare lt, %1, %arg2 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %4 = jaxr.and %2, %3 : tensor<4xi1>
// FORWARD-NEXT: %5 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %6 = jaxr.broadcast_in_dim %arg3, dims = [] : tensor<f32> -> tensor<4xf32>
// FORWARD-NEXT: %7 = jaxr.select_n %4, %5, %6 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %8 = jaxr.compare gt, %arg1, %1 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %9 = jaxr.compare lt, %arg1, %arg2 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %10 = jaxr.and %8, %9 : tensor<4xi1>
// FORWARD-NEXT: %11 = jaxr.select_n %10, %5, %arg4 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %12 = jaxr.add %7, %11 : tensor<4xf32>
// FORWARD-NEXT: %13 = jaxr.compare lt, %arg2, %arg1 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %14 = jaxr.select_n %13, %5, %arg5 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: %15 = jaxr.add %12, %14 : tensor<4xf32>
// FORWARD-NEXT: return %0, %15 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @clamp_vjp_0_1_2(%arg0: tensor<f32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<f32>, tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.broadcast_in_dim %arg0, dims = [] : tensor<f32> -> tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.compare gt, %0, %arg1 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %2 = jaxr.compare lt, %0, %arg2 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %3 = jaxr.and %1, %2 : tensor<4xi1>
// REVERSE-NEXT: %4 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %5 = jaxr.select_n %3, %4, %arg3 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %6 = jaxr.reduce_sum %5, axes = [0] : tensor<4xf32> -> tensor<f32>
// REVERSE-NEXT: %7 = jaxr.compare gt, %arg1, %0 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %8 = jaxr.compare lt, %arg1, %arg2 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %9 = jaxr.and %7, %8 : tensor<4xi1>
// REVERSE-NEXT: %10 = jaxr.select_n %9, %4, %arg3 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: %11 = jaxr.compare lt, %arg2, %arg1 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %12 = jaxr.select_n %11, %4, %arg3 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: return %6, %10, %12 : tensor<f32>, tensor<4xf32>, tensor<4xf32>
func.func private @clamp(%lo: tensor<f32>, %x: tensor<4xf32>, %hi: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.clamp %lo, %x, %hi : (tensor<f32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @clamp_fwd(%lo: tensor<f32>, %x: tensor<4xf32>, %hi: tensor<4xf32>, %t0: tensor<f32>, %t1: tensor<4xf32>, %t2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @clamp(%lo, %x, %hi, %t0, %t1, %t2) {argnums = array<i64: 0, 1, 2>} : (tensor<f32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @clamp_rev(%lo: tensor<f32>, %x: tensor<4xf32>, %hi: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<f32>, tensor<4xf32>, tensor<4xf32>) {
  %0:3 = jaxr.vjp @clamp(%lo, %x, %hi, %c0) {argnums = array<i64: 0, 1, 2>} : (tensor<f32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<f32>, tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1, %0#2 : tensor<f32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @convert_element_type_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf64>, tensor<4xf64>) {
// FORWARD-NEXT: %0 = jaxr.convert_element_type %arg0 : tensor<4xf32> -> tensor<4xf64>
// FORWARD-NEXT: %1 = jaxr.convert_element_type %arg1 : tensor<4xf32> -> tensor<4xf64>
// FORWARD-NEXT: return %0, %1 : tensor<4xf64>, tensor<4xf64>
// REVERSE-LABEL: func.func private @convert_element_type_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf64>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.convert_element_type %arg1 : tensor<4xf64> -> tensor<4xf32>
// REVERSE-NEXT: return %0 : tensor<4xf32>
func.func private @convert_element_type(%x: tensor<4xf32>) -> tensor<4xf64> {
  %0 = jaxr.convert_element_type %x : tensor<4xf32> -> tensor<4xf64>
  return %0 : tensor<4xf64>
}
func.func @convert_element_type_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf64>, tensor<4xf64>) {
  %0:2 = jaxr.jvp @convert_element_type(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf64>, tensor<4xf64>)
  return %0#0, %0#1 : tensor<4xf64>, tensor<4xf64>
}
func.func @convert_element_type_rev(%x: tensor<4xf32>, %c0: tensor<4xf64>) -> tensor<4xf32> {
  %0 = jaxr.vjp @convert_element_type(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @compare_jvp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.compare lt, %arg0, %arg1 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %1 = jaxr.convert_element_type %0 : tensor<4xi1> -> tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.mul %1, %arg0 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.mul %1, %arg2 : tensor<4xf32>
// FORWARD-NEXT: return %2, %3 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @compare_vjp_0_1(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// REVERSE-NEXT: %0 = jaxr.compare lt, %arg0, %arg1 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %1 = jaxr.convert_element_type %0 : tensor<4xi1> -> tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.mul %1, %arg2 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: return %2, %3 : tensor<4xf32>, tensor<4xf32>
func.func private @compare(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.compare lt, %x, %y : tensor<4xf32> -> tensor<4xi1>
  %1 = jaxr.convert_element_type %0 : tensor<4xi1> -> tensor<4xf32>
  %2 = jaxr.mul %1, %x : tensor<4xf32>
  return %2 : tensor<4xf32>
}
func.func @compare_fwd(%x: tensor<4xf32>, %y: tensor<4xf32>, %t0: tensor<4xf32>, %t1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @compare(%x, %y, %t0, %t1) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @compare_rev(%x: tensor<4xf32>, %y: tensor<4xf32>, %c0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.vjp @compare(%x, %y, %c0) {argnums = array<i64: 0, 1>} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
