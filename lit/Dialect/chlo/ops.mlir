// chlo ops parse, verify and print back; the pretty forms JAX writes come
// back as JAX prints them.
//
// RUN: jaxr-opt %s | FileCheck %s
// RUN: jaxr-opt %s | jaxr-opt | FileCheck %s
// RUN: jaxr-opt %s --emit=generic | jaxr-opt --emit=generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @special_functions
// GENERIC-LABEL: sym_name = "special_functions"
func.func @special_functions(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi1>, tensor<4xf32>) {
  // CHECK: chlo.erf_inv %arg0 : tensor<4xf32> -> tensor<4xf32>
  // GENERIC: "chlo.erf_inv"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %0 = chlo.erf_inv %x : tensor<4xf32> -> tensor<4xf32>
  // GENERIC: "chlo.lgamma"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "chlo.lgamma"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // GENERIC: "chlo.is_inf"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xi1>
  %2 = "chlo.is_inf"(%x) : (tensor<4xf32>) -> tensor<4xi1>
  // GENERIC: "chlo.next_after"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "chlo.next_after"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xi1>, tensor<4xf32>
}

// CHECK-LABEL: func.func @top_k
// GENERIC-LABEL: sym_name = "top_k"
func.func @top_k(%x: tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xi32>) {
  // GENERIC: "chlo.top_k"(%{{.*}}) <{k = 3 : i64}> : (tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xi32>)
  %0:2 = "chlo.top_k"(%x) {k = 3 : i64} : (tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xi32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xi32>
}

// CHECK-LABEL: func.func @broadcasting
// GENERIC-LABEL: sym_name = "broadcasting"
func.func @broadcasting(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi1>) {
  // GENERIC: "chlo.broadcast_add"(%{{.*}}, %{{.*}}) <{broadcast_dimensions = array<i64: 1>}>
  %0 = "chlo.broadcast_add"(%x, %y) {broadcast_dimensions = array<i64: 1>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // GENERIC: "chlo.broadcast_compare"(%{{.*}}, %{{.*}}) <{broadcast_dimensions = array<i64: 1>, comparison_direction = #chlo<comparison_direction LT>}>
  %1 = "chlo.broadcast_compare"(%x, %y) {broadcast_dimensions = array<i64: 1>, comparison_direction = #chlo<comparison_direction LT>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xi1>
}

// The pretty forms JAX prints: top_k (`(%x, k = N)`, both results named),
// the binary special functions (`%x, %y : X, Y -> R`) and chlo.constant.
// CHECK-LABEL: func.func @pretty_forms
// GENERIC-LABEL: sym_name = "pretty_forms"
func.func @pretty_forms(%arg0: tensor<8xf32>, %arg1: tensor<3x5xf32>, %arg2: tensor<4xf32>) -> (tensor<2xf32>, tensor<2xi32>, tensor<3x3xi32>, tensor<4xf32>) {
  // CHECK: %values, %indices = chlo.top_k(%arg0, k = 2) : tensor<8xf32> -> (tensor<2xf32>, tensor<2xi32>)
  // GENERIC: "chlo.top_k"(%{{.*}}) <{k = 2 : i64}> : (tensor<8xf32>) -> (tensor<2xf32>, tensor<2xi32>)
  %values, %indices = chlo.top_k(%arg0, k = 2) : tensor<8xf32> -> (tensor<2xf32>, tensor<2xi32>)
  // CHECK: %values_0, %indices_1 = chlo.top_k(%arg1, k = 3) : tensor<3x5xf32> -> (tensor<3x3xf32>, tensor<3x3xi32>)
  // GENERIC: "chlo.top_k"(%{{.*}}) <{k = 3 : i64}> : (tensor<3x5xf32>) -> (tensor<3x3xf32>, tensor<3x3xi32>)
  %values_0, %indices_1 = chlo.top_k(%arg1, k = 3) : tensor<3x5xf32> -> (tensor<3x3xf32>, tensor<3x3xi32>)
  // CHECK: %0 = chlo.next_after %arg2, %arg2 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  // GENERIC: "chlo.next_after"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %0 = chlo.next_after %arg2, %arg2 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  // CHECK: %1 = chlo.polygamma %0, %arg2 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  // GENERIC: "chlo.polygamma"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = chlo.polygamma %0, %arg2 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  // CHECK: %2 = chlo.constant dense<2.000000e+00> : tensor<4xf32>
  // GENERIC: "chlo.constant"() <{value = dense<2.000000e+00> : tensor<4xf32>}> : () -> tensor<4xf32>
  %2 = chlo.constant dense<2.000000e+00> : tensor<4xf32>
  // CHECK: %3 = chlo.zeta %1, %2 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  // GENERIC: "chlo.zeta"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = chlo.zeta %1, %2 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  // CHECK: return %values, %indices, %indices_1, %3 : tensor<2xf32>, tensor<2xi32>, tensor<3x3xi32>, tensor<4xf32>
  return %values, %indices, %indices_1, %3 : tensor<2xf32>, tensor<2xi32>, tensor<3x3xi32>, tensor<4xf32>
}
