func.func @wrong_message(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{this is not what the reader says}}
  %0 = stablehlo.frobnicate %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @wrong_line(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{use of undefined SSA value '%y'}}
  %0 = stablehlo.abs %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
