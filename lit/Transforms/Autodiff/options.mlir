// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff{grad-of=f vjp-of=f jvp-of=f value-and-grad-of=f argnums=1})' | FileCheck %s
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff{grad-of=g})' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff{grad-of=f argnums=2})' 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff{grad-of=f,f})' 2>&1 | FileCheck %s --check-prefix=TWICE
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff{argnums=x})' 2>&1 | FileCheck %s --check-prefix=BADOPT
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-autodiff{grad-of=f holomorphic=true})' 2>&1 | FileCheck %s --check-prefix=HOLOMORPHIC

// Requests by option add public functions after the original, which is left
// as it was, in the order grad, value-and-grad, vjp, jvp. Several requests
// combine.

// CHECK-LABEL: func.func @f(%arg0: tensor<2xf32>, %arg1: tensor<2xf32>) -> tensor<f32>
// CHECK-LABEL: func.func @f_grad(%arg0: tensor<2xf32>, %arg1: tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[C:.*]] = jaxr.cos %arg1
// CHECK-NEXT: %[[G:.*]] = jaxr.mul %arg0, %[[C]]
// CHECK-NEXT: return %[[G]]
// CHECK-LABEL: func.func @f_value_and_grad(%arg0: tensor<2xf32>, %arg1: tensor<2xf32>) -> (tensor<f32>, tensor<2xf32>)
// CHECK-LABEL: func.func @f_vjp(%arg0: tensor<2xf32>, %arg1: tensor<2xf32>, %arg2: tensor<f32>) -> tensor<2xf32>
// CHECK-LABEL: func.func @f_jvp(%arg0: tensor<2xf32>, %arg1: tensor<2xf32>, %arg2: tensor<2xf32>) -> (tensor<f32>, tensor<f32>)

// UNKNOWN: error: jaxr-autodiff: grad-of=g: no func.func named '@g'
// RANGE: error: jaxr-autodiff: grad-of=f: argnums entry 2 is out of range: the callee has 2 arguments
// TWICE: error: jaxr-autodiff: grad-of=f: the module already has '@f_grad'
// BADOPT: argnums
// HOLOMORPHIC: error: jaxr-autodiff: grad-of=f: grad with holomorphic needs complex arguments, found tensor<2xf32>

func.func @f(%x: tensor<2xf32>, %y: tensor<2xf32>) -> tensor<f32> {
  %0 = jaxr.sin %y : tensor<2xf32>
  %1 = jaxr.mul %x, %0 : tensor<2xf32>
  %2 = jaxr.reduce_sum %1, axes = [0] : tensor<2xf32> -> tensor<f32>
  return %2 : tensor<f32>
}
