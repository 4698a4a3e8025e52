// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=fold})' | FileCheck %s
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=fold fast-math=true})' | FileCheck %s --check-prefix=FAST

// Exactly rounded ops fold, computed in f32.
// CHECK-LABEL: func.func @div
// CHECK-NEXT: %[[C:.*]] = jaxr.constant dense<0.333333343> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @div() -> tensor<2xf32> {
  %a = jaxr.constant dense<1.0> : tensor<2xf32>
  %b = jaxr.constant dense<3.0> : tensor<2xf32>
  %0 = jaxr.div %a, %b : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// Integer arithmetic wraps; broadcasts of splats are splats.
// CHECK-LABEL: func.func @wrap
// CHECK-NEXT: %[[C:.*]] = jaxr.constant dense<-128> : tensor<2x3xi8>
// CHECK-NEXT: return %[[C]]
func.func @wrap() -> tensor<2x3xi8> {
  %a = jaxr.constant dense<127> : tensor<i8>
  %b = jaxr.constant dense<1> : tensor<i8>
  %0 = jaxr.add %a, %b : tensor<i8>
  %1 = jaxr.broadcast_in_dim %0, dims = [] : tensor<i8> -> tensor<2x3xi8>
  return %1 : tensor<2x3xi8>
}

// exp is not correctly rounded by XLA: it folds only with fast-math.
// CHECK-LABEL: func.func @exp
// CHECK: jaxr.exp
// FAST-LABEL: func.func @exp
// FAST-NOT: jaxr.exp
// FAST: jaxr.constant dense<2.71828175> : tensor<f32>
func.func @exp() -> tensor<f32> {
  %a = jaxr.constant dense<1.0> : tensor<f32>
  %0 = jaxr.exp %a : tensor<f32>
  return %0 : tensor<f32>
}
