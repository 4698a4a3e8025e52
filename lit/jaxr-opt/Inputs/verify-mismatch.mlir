// Input of verify-diagnostics.mlir: every chunk gets its expectations wrong.

func.func @not_produced(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @below {{this error never happens}}
  %0 = jaxr.neg %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @unexpected(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.frobnicate %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @wrong_line(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{custom op 'jaxr.frobnicate' is unknown}}
  %0 = jaxr.frobnicate %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @wrong_text(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @below {{custom op 'jaxr.frobnicate' is fine}}
  %0 = jaxr.frobnicate %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @malformed(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error without braces
  return %x : tensor<2xf32>
}
