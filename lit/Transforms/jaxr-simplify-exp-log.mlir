// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=exp-log})' | FileCheck %s
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=exp-log fast-math=true})' | FileCheck %s --check-prefix=FAST

// CHECK-LABEL: func.func @log_exp
// CHECK: jaxr.exp
// CHECK: jaxr.log
// FAST-LABEL: func.func @log_exp
// FAST-NOT: jaxr.exp
// FAST-NOT: jaxr.log
// FAST: return %arg0
func.func @log_exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.exp %x : tensor<4xf32>
  %1 = jaxr.log %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// FAST-LABEL: func.func @pythagoras
// FAST-NEXT: %[[C:.*]] = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// FAST-NEXT: return %[[C]]
func.func @pythagoras(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.sin %x : tensor<4xf32>
  %1 = jaxr.square %0 : tensor<4xf32>
  %2 = jaxr.cos %x : tensor<4xf32>
  %3 = jaxr.square %2 : tensor<4xf32>
  %4 = jaxr.add %1, %3 : tensor<4xf32>
  return %4 : tensor<4xf32>
}

// pow with a constant exponent and 1/sqrt are rewritten only with fast-math:
// XLA's pow is not correctly rounded and pow(-0, 0.5) = +0 but sqrt(-0) = -0.
// CHECK-LABEL: func.func @pow_constants
// CHECK-COUNT-2: jaxr.pow
// CHECK: jaxr.div
// FAST-LABEL: func.func @pow_constants
// FAST-NOT: jaxr.pow
// FAST-DAG: jaxr.square %arg0
// FAST-DAG: jaxr.sqrt %arg0
// FAST-DAG: jaxr.rsqrt %arg0
func.func @pow_constants(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %two = jaxr.constant dense<2.0> : tensor<4xf32>
  %half = jaxr.constant dense<0.5> : tensor<4xf32>
  %one = jaxr.constant dense<1.0> : tensor<4xf32>
  %p2 = jaxr.pow %x, %two : tensor<4xf32>
  %ph = jaxr.pow %x, %half : tensor<4xf32>
  %s = jaxr.sqrt %x : tensor<4xf32>
  %r = jaxr.div %one, %s : tensor<4xf32>
  return %p2, %ph, %r : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
