// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=FORWARD
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=REVERSE

// The derivative rule of every unary elementwise op (jaxr-autodiff's table,
// transforms/src/rules/elementwise.rs), after the e-graph simplification.
// Check prefixes: FORWARD for the JVP (tangent %arg1), REVERSE for the VJP
// (cotangent %arg1).

// FORWARD-LABEL: func.func private @neg_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.neg %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.neg %arg1 : tensor<4xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @neg_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.neg %arg1 : tensor<4xf32>
// REVERSE-NEXT: return %0 : tensor<4xf32>
func.func private @neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.neg %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @neg_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @neg(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @neg_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @neg(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @abs_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.abs %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.compare ge, %arg0, %1 : tensor<4xf32> -> tensor<4xi1>
// FORWARD-NEXT: %3 = jaxr.neg %arg1 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.select_n %2, %3, %arg1 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FORWARD-NEXT: return %0, %4 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @abs_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.compare ge, %arg0, %0 : tensor<4xf32> -> tensor<4xi1>
// REVERSE-NEXT: %2 = jaxr.neg %arg1 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.select_n %1, %2, %arg1 : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// REVERSE-NEXT: return %3 : tensor<4xf32>
func.func private @abs(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.abs %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @abs_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @abs(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @abs_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @abs(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @sign_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.sign %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @sign_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: return %0 : tensor<4xf32>
func.func private @sign(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.sign %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @sign_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @sign(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @sign_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @sign(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @floor_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.floor %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @floor_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: return %0 : tensor<4xf32>
func.func private @floor(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.floor %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @floor_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @floor(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @floor_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @floor(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @ceil_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.ceil %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @ceil_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: return %0 : tensor<4xf32>
func.func private @ceil(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.ceil %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @ceil_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @ceil(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @ceil_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @ceil(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @exp_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.exp %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.mul %arg1, %0 : tensor<4xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @exp_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.exp %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.mul %arg1, %0 : tensor<4xf32>
// REVERSE-NEXT: return %1 : tensor<4xf32>
func.func private @exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.exp %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @exp_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @exp(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @exp_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @exp(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @exp2_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.exp2 %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<0.693147182> : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.mul %0, %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.mul %arg1, %2 : tensor<4xf32>
// FORWARD-NEXT: return %0, %3 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @exp2_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.exp2 %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.constant dense<0.693147182> : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.mul %0, %1 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.mul %arg1, %2 : tensor<4xf32>
// REVERSE-NEXT: return %3 : tensor<4xf32>
func.func private @exp2(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.exp2 %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @exp2_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @exp2(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @exp2_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @exp2(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @log_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.log %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.div %arg1, %arg0 : tensor<4xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @log_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.div %arg1, %arg0 : tensor<4xf32>
// REVERSE-NEXT: return %0 : tensor<4xf32>
func.func private @log(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.log %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @log_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @log(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @log_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @log(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @log1p_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.log1p %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.add %arg0, %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.div %arg1, %2 : tensor<4xf32>
// FORWARD-NEXT: return %0, %3 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @log1p_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.add %arg0, %0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.div %arg1, %1 : tensor<4xf32>
// REVERSE-NEXT: return %2 : tensor<4xf32>
func.func private @log1p(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.log1p %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @log1p_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @log1p(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @log1p_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @log1p(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @expm1_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.expm1 %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.add %0, %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.mul %arg1, %2 : tensor<4xf32>
// FORWARD-NEXT: return %0, %3 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @expm1_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.expm1 %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.add %0, %1 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.mul %arg1, %2 : tensor<4xf32>
// REVERSE-NEXT: return %3 : tensor<4xf32>
func.func private @expm1(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.expm1 %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @expm1_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @expm1(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @expm1_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @expm1(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @sqrt_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.sqrt %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<2.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.mul %0, %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.div %arg1, %2 : tensor<4xf32>
// FORWARD-NEXT: return %0, %3 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @sqrt_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.sqrt %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.constant dense<2.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.mul %0, %1 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.div %arg1, %2 : tensor<4xf32>
// REVERSE-NEXT: return %3 : tensor<4xf32>
func.func private @sqrt(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.sqrt %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @sqrt_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @sqrt(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @sqrt_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @sqrt(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @rsqrt_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.rsqrt %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.div %0, %arg0 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.constant dense<-5.000000e-01> : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.mul %1, %2 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<4xf32>
// FORWARD-NEXT: return %0, %4 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @rsqrt_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.rsqrt %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.div %0, %arg0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.constant dense<-5.000000e-01> : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.mul %1, %2 : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<4xf32>
// REVERSE-NEXT: return %4 : tensor<4xf32>
func.func private @rsqrt(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.rsqrt %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @rsqrt_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @rsqrt(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @rsqrt_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @rsqrt(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @cbrt_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.cbrt %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.square %0 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.constant dense<0.333333343> : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.div %2, %1 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<4xf32>
// FORWARD-NEXT: return %0, %4 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @cbrt_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.cbrt %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.square %0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.constant dense<0.333333343> : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.div %2, %1 : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<4xf32>
// REVERSE-NEXT: return %4 : tensor<4xf32>
func.func private @cbrt(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.cbrt %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @cbrt_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @cbrt(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @cbrt_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @cbrt(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @sin_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.sin %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.cos %arg0 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.mul %arg1, %1 : tensor<4xf32>
// FORWARD-NEXT: return %0, %2 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @sin_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.cos %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.mul %arg1, %0 : tensor<4xf32>
// REVERSE-NEXT: return %1 : tensor<4xf32>
func.func private @sin(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.sin %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @sin_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @sin(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @sin_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @sin(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @cos_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.cos %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.sin %arg0 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.mul %arg1, %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.neg %2 : tensor<4xf32>
// FORWARD-NEXT: return %0, %3 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @cos_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.sin %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.mul %arg1, %0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.neg %1 : tensor<4xf32>
// REVERSE-NEXT: return %2 : tensor<4xf32>
func.func private @cos(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.cos %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @cos_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @cos(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @cos_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @cos(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @tan_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.tan %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.square %0 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.add %2, %1 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<4xf32>
// FORWARD-NEXT: return %0, %4 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @tan_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.tan %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.square %0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.add %2, %1 : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<4xf32>
// REVERSE-NEXT: return %4 : tensor<4xf32>
func.func private @tan(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.tan %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @tan_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @tan(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @tan_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @tan(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @tanh_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.tanh %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.mul %arg1, %0 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.add %arg1, %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.sub %3, %0 : tensor<4xf32>
// FORWARD-NEXT: %5 = jaxr.mul %2, %4 : tensor<4xf32>
// FORWARD-NEXT: return %0, %5 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @tanh_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.tanh %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.mul %arg1, %0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.add %arg1, %1 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.sub %3, %0 : tensor<4xf32>
// REVERSE-NEXT: %5 = jaxr.mul %2, %4 : tensor<4xf32>
// REVERSE-NEXT: return %5 : tensor<4xf32>
func.func private @tanh(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.tanh %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @tanh_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @tanh(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @tanh_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @tanh(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @logistic_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.logistic %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.sub %1, %0 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.mul %0, %2 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<4xf32>
// FORWARD-NEXT: return %0, %4 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @logistic_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.logistic %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.sub %1, %0 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.mul %0, %2 : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<4xf32>
// REVERSE-NEXT: return %4 : tensor<4xf32>
func.func private @logistic(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.logistic %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @logistic_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @logistic(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @logistic_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @logistic(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @square_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.square %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<2.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.mul %arg0, %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.mul %arg1, %2 : tensor<4xf32>
// FORWARD-NEXT: return %0, %3 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @square_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<2.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.mul %arg0, %0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.mul %arg1, %1 : tensor<4xf32>
// REVERSE-NEXT: return %2 : tensor<4xf32>
func.func private @square(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.square %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @square_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @square(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @square_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @square(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @erf_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.erf %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.square %arg0 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.neg %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.exp %2 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.constant dense<1.12837923> : tensor<4xf32>
// FORWARD-NEXT: %5 = jaxr.mul %4, %3 : tensor<4xf32>
// FORWARD-NEXT: %6 = jaxr.mul %arg1, %5 : tensor<4xf32>
// FORWARD-NEXT: return %0, %6 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @erf_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.square %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.neg %0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.exp %1 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.constant dense<1.12837923> : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.mul %3, %2 : tensor<4xf32>
// REVERSE-NEXT: %5 = jaxr.mul %arg1, %4 : tensor<4xf32>
// REVERSE-NEXT: return %5 : tensor<4xf32>
func.func private @erf(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.erf %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @erf_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @erf(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @erf_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @erf(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @erfc_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.erfc %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.square %arg0 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.neg %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.exp %2 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.constant dense<-1.12837923> : tensor<4xf32>
// FORWARD-NEXT: %5 = jaxr.mul %4, %3 : tensor<4xf32>
// FORWARD-NEXT: %6 = jaxr.mul %arg1, %5 : tensor<4xf32>
// FORWARD-NEXT: return %0, %6 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @erfc_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.square %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.neg %0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.exp %1 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.constant dense<-1.12837923> : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.mul %3, %2 : tensor<4xf32>
// REVERSE-NEXT: %5 = jaxr.mul %arg1, %4 : tensor<4xf32>
// REVERSE-NEXT: return %5 : tensor<4xf32>
func.func private @erfc(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.erfc %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @erfc_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @erfc(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @erfc_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @erfc(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @erf_inv_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.erf_inv %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.square %0 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.exp %1 : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.constant dense<0.886226952> : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.mul %3, %2 : tensor<4xf32>
// FORWARD-NEXT: %5 = jaxr.mul %arg1, %4 : tensor<4xf32>
// FORWARD-NEXT: return %0, %5 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @erf_inv_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.erf_inv %arg0 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.square %0 : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.exp %1 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.constant dense<0.886226952> : tensor<4xf32>
// REVERSE-NEXT: %4 = jaxr.mul %3, %2 : tensor<4xf32>
// REVERSE-NEXT: %5 = jaxr.mul %arg1, %4 : tensor<4xf32>
// REVERSE-NEXT: return %5 : tensor<4xf32>
func.func private @erf_inv(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.erf_inv %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @erf_inv_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @erf_inv(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @erf_inv_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @erf_inv(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @round_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.round to_nearest_even, %arg0 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: return %0, %1 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @round_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: return %0 : tensor<4xf32>
func.func private @round(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.round to_nearest_even, %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @round_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @round(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @round_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @round(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @integer_pow_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.integer_pow %arg0, 3 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.integer_pow %arg0, 2 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.constant dense<3.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.mul %2, %1 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<4xf32>
// FORWARD-NEXT: return %0, %4 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @integer_pow_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.integer_pow %arg0, 2 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.constant dense<3.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.mul %1, %0 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.mul %arg1, %2 : tensor<4xf32>
// REVERSE-NEXT: return %3 : tensor<4xf32>
func.func private @integer_pow(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.integer_pow %x, 3 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @integer_pow_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @integer_pow(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @integer_pow_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @integer_pow(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// FORWARD-LABEL: func.func private @integer_pow_neg_jvp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
// FORWARD-NEXT: %0 = jaxr.integer_pow %arg0, -2 : tensor<4xf32>
// FORWARD-NEXT: %1 = jaxr.integer_pow %arg0, -3 : tensor<4xf32>
// FORWARD-NEXT: %2 = jaxr.constant dense<-2.000000e+00> : tensor<4xf32>
// FORWARD-NEXT: %3 = jaxr.mul %2, %1 : tensor<4xf32>
// FORWARD-NEXT: %4 = jaxr.mul %arg1, %3 : tensor<4xf32>
// FORWARD-NEXT: return %0, %4 : tensor<4xf32>, tensor<4xf32>
// REVERSE-LABEL: func.func private @integer_pow_neg_vjp_0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
// REVERSE-NEXT: %0 = jaxr.integer_pow %arg0, -3 : tensor<4xf32>
// REVERSE-NEXT: %1 = jaxr.constant dense<-2.000000e+00> : tensor<4xf32>
// REVERSE-NEXT: %2 = jaxr.mul %1, %0 : tensor<4xf32>
// REVERSE-NEXT: %3 = jaxr.mul %arg1, %2 : tensor<4xf32>
// REVERSE-NEXT: return %3 : tensor<4xf32>
func.func private @integer_pow_neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.integer_pow %x, -2 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @integer_pow_neg_fwd(%x: tensor<4xf32>, %t0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.jvp @integer_pow_neg(%x, %t0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}
func.func @integer_pow_neg_rev(%x: tensor<4xf32>, %c0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.vjp @integer_pow_neg(%x, %c0) {argnums = array<i64: 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
