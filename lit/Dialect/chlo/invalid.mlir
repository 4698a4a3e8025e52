// chlo ops reject what their definitions rule out, at the op.
//
// RUN: jaxr-opt %s --split-input-file --verify-diagnostics

func.func @unknown_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{unregistered operation 'chlo.frobnicate' found in dialect ('chlo') that does not allow unknown operations}}
  %0 = "chlo.frobnicate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @float_only(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'chlo.erf_inv' op operand #0 must have floating-point elements, found tensor<4xi32>}}
  %0 = "chlo.erf_inv"(%x) : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @is_inf_result(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'chlo.is_inf' op result element type of tensor<4xf32> does not follow from tensor<4xf32> (it must be i1)}}
  %0 = "chlo.is_inf"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @top_k_too_many(%x: tensor<2x5xf32>) -> (tensor<2x6xf32>, tensor<2x6xi32>) {
  // expected-error @+1 {{'chlo.top_k' op k = 6 must lie in [0, 5] (the last dimension)}}
  %0:2 = "chlo.top_k"(%x) {k = 6 : i64} : (tensor<2x5xf32>) -> (tensor<2x6xf32>, tensor<2x6xi32>)
  return %0#0, %0#1 : tensor<2x6xf32>, tensor<2x6xi32>
}

// -----

func.func @top_k_result(%x: tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x2xi32>) {
  // expected-error @+1 {{'chlo.top_k' op result #1 must have the operand's shape with k = 3 last, found tensor<2x2xi32>}}
  %0:2 = "chlo.top_k"(%x) {k = 3 : i64} : (tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x2xi32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x2xi32>
}

// -----

func.func @broadcast_compare_direction(%x: tensor<4xf32>, %y: tensor<f32>) -> tensor<4xi1> {
  // expected-error @+1 {{'chlo.broadcast_compare' op unknown comparison_direction 'BIGGER' (expected one of EQ, NE, GE, GT, LE, LT)}}
  %0 = "chlo.broadcast_compare"(%x, %y) {comparison_direction = #chlo<comparison_direction BIGGER>} : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}
