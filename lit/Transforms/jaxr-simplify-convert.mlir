// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=convert})' | FileCheck %s

// f32 -> f64 is exact, so converting back gives x.
// CHECK-LABEL: func.func @round_trip
// CHECK-NOT: jaxr.convert_element_type
// CHECK: return %arg0
func.func @round_trip(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.convert_element_type %x : tensor<4xf32> -> tensor<4xf64>
  %1 = jaxr.convert_element_type %0 : tensor<4xf64> -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// f64 -> f32 rounds: the chain stays.
// CHECK-LABEL: func.func @lossy
// CHECK: jaxr.convert_element_type
// CHECK: jaxr.convert_element_type
func.func @lossy(%x: tensor<4xf64>) -> tensor<4xf64> {
  %0 = jaxr.convert_element_type %x : tensor<4xf64> -> tensor<4xf32>
  %1 = jaxr.convert_element_type %0 : tensor<4xf32> -> tensor<4xf64>
  return %1 : tensor<4xf64>
}
