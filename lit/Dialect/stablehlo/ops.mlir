// Ops of the stablehlo dialect that jaxr's pretty reader does not spell yet
// parse in the generic form, verify, and print back (in the pretty form
// where jaxr's printer has one, else generic), and the printed module reads
// back the same; so do the pretty forms JAX prints for random bits and for
// boolean constants in hex.
//
// RUN: jaxr-opt %s | FileCheck %s
// RUN: jaxr-opt %s | jaxr-opt | FileCheck %s
// RUN: jaxr-opt %s --emit=generic | jaxr-opt --emit=generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @tokens_and_tuples
// GENERIC-LABEL: sym_name = "tokens_and_tuples"
func.func @tokens_and_tuples(%t: !stablehlo.token, %x: tensor<2xf32>) -> (!stablehlo.token, tensor<2xf32>) {
  // CHECK: stablehlo.after_all
  // GENERIC: "stablehlo.after_all"(%{{[a-z0-9]+}}, %{{[a-z0-9]+}}) : (!stablehlo.token, !stablehlo.token) -> !stablehlo.token
  %0 = "stablehlo.after_all"(%t, %t) : (!stablehlo.token, !stablehlo.token) -> !stablehlo.token
  // CHECK: stablehlo.tuple
  // GENERIC: "stablehlo.tuple"(%{{[a-z0-9]+}}, %{{[a-z0-9]+}}) : (tensor<2xf32>, !stablehlo.token) -> tuple<tensor<2xf32>, !stablehlo.token>
  %1 = "stablehlo.tuple"(%x, %0) : (tensor<2xf32>, !stablehlo.token) -> tuple<tensor<2xf32>, !stablehlo.token>
  // GENERIC: "stablehlo.get_tuple_element"(%{{[a-z0-9]+}}) <{index = 0 : i32}> : (tuple<tensor<2xf32>, !stablehlo.token>) -> tensor<2xf32>
  %2 = "stablehlo.get_tuple_element"(%1) {index = 0 : i32} : (tuple<tensor<2xf32>, !stablehlo.token>) -> tensor<2xf32>
  return %0, %2 : !stablehlo.token, tensor<2xf32>
}

// CHECK-LABEL: func.func @complex_numbers
// GENERIC-LABEL: sym_name = "complex_numbers"
func.func @complex_numbers(%re: tensor<4xf32>, %im: tensor<4xf32>) -> (tensor<4xcomplex<f32>>, tensor<4xf32>) {
  // GENERIC: "stablehlo.complex"(%{{[a-z0-9]+}}, %{{[a-z0-9]+}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xcomplex<f32>>
  %0 = "stablehlo.complex"(%re, %im) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xcomplex<f32>>
  // GENERIC: "stablehlo.fft"(%{{[a-z0-9]+}}) <{fft_length = array<i64: 4>, fft_type = #stablehlo<fft_type FFT>}>
  %1 = "stablehlo.fft"(%0) {fft_type = #stablehlo<fft_type FFT>, fft_length = array<i64: 4>} : (tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>>
  // GENERIC: "stablehlo.abs"(%{{[a-z0-9]+}}) : (tensor<4xcomplex<f32>>) -> tensor<4xf32>
  %2 = "stablehlo.abs"(%1) : (tensor<4xcomplex<f32>>) -> tensor<4xf32>
  return %1, %2 : tensor<4xcomplex<f32>>, tensor<4xf32>
}

// CHECK-LABEL: func.func @side_effects
// GENERIC-LABEL: sym_name = "side_effects"
func.func @side_effects(%x: tensor<3xf32>, %key: tensor<2xui64>) -> (tensor<3xf32>, tensor<2xui64>, tensor<4xui32>) {
  // GENERIC: "stablehlo.custom_call"(%{{[a-z0-9]+}}) <{api_version = 4 : i32, call_target_name = "my_kernel", has_side_effect = true}> {mhlo.frontend_attributes = {kind = "demo"}}
  %0 = "stablehlo.custom_call"(%x) {call_target_name = "my_kernel", has_side_effect = true, api_version = 4 : i32, mhlo.frontend_attributes = {kind = "demo"}} : (tensor<3xf32>) -> tensor<3xf32>
  // GENERIC: "stablehlo.rng_bit_generator"(%{{[a-z0-9]+}}) <{rng_algorithm = #stablehlo<rng_algorithm THREE_FRY>}>
  %1:2 = "stablehlo.rng_bit_generator"(%key) {rng_algorithm = #stablehlo<rng_algorithm THREE_FRY>} : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)
  return %0, %1#0, %1#1 : tensor<3xf32>, tensor<2xui64>, tensor<4xui32>
}

// CHECK-LABEL: func.func @collectives
// GENERIC-LABEL: sym_name = "collectives"
func.func @collectives(%x: tensor<4xf32>) -> tensor<4xf32> {
  // GENERIC: "stablehlo.all_reduce"(%{{[a-z0-9]+}}) <{channel_handle = #stablehlo.channel_handle<handle = 1, type = 1>, replica_groups = dense<{{\[\[}}0, 1]]> : tensor<1x2xi64>}> ({
  %0 = "stablehlo.all_reduce"(%x) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) {replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>, channel_handle = #stablehlo.channel_handle<handle = 1, type = 1>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @linear_algebra
// GENERIC-LABEL: sym_name = "linear_algebra"
func.func @linear_algebra(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>) -> (tensor<3x3xf32>, tensor<3x2xf32>) {
  // GENERIC: "stablehlo.cholesky"(%{{[a-z0-9]+}}) <{lower = true}>
  %0 = "stablehlo.cholesky"(%a) {lower = true} : (tensor<3x3xf32>) -> tensor<3x3xf32>
  // GENERIC: "stablehlo.triangular_solve"(%{{[a-z0-9]+}}, %{{[a-z0-9]+}}) <{left_side = true, lower = true, transpose_a = #stablehlo<transpose NO_TRANSPOSE>, unit_diagonal = false}>
  %1 = "stablehlo.triangular_solve"(%0, %b) {left_side = true, lower = true, unit_diagonal = false, transpose_a = #stablehlo<transpose NO_TRANSPOSE>} : (tensor<3x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return %0, %1 : tensor<3x3xf32>, tensor<3x2xf32>
}

// The pretty forms JAX prints for random bits: rng_bit_generator (both
// results named) and rng.
// CHECK-LABEL: func.func @random_bits
// GENERIC-LABEL: sym_name = "random_bits"
func.func @random_bits(%arg0: tensor<2xui64>, %arg1: tensor<f32>, %arg2: tensor<2xi64>) -> (tensor<2xui64>, tensor<4xui32>, tensor<3x3xf32>) {
  // CHECK: %output_state, %output = stablehlo.rng_bit_generator %arg0, algorithm = THREE_FRY : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)
  // GENERIC: "stablehlo.rng_bit_generator"(%{{[a-z0-9_]+}}) <{rng_algorithm = #stablehlo<rng_algorithm THREE_FRY>}> : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)
  %output_state, %output = stablehlo.rng_bit_generator %arg0, algorithm = THREE_FRY : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)
  // CHECK: %output_state_0, %output_1 = stablehlo.rng_bit_generator %output_state, algorithm = PHILOX : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)
  // GENERIC: "stablehlo.rng_bit_generator"(%{{[a-z0-9_#]+}}) <{rng_algorithm = #stablehlo<rng_algorithm PHILOX>}>
  %output_state_0, %output_1 = stablehlo.rng_bit_generator %output_state, algorithm = PHILOX : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)
  // CHECK: %0 = stablehlo.rng %arg1, %arg1, %arg2, distribution = UNIFORM : (tensor<f32>, tensor<f32>, tensor<2xi64>) -> tensor<3x3xf32>
  // GENERIC: "stablehlo.rng"(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) <{rng_distribution = #stablehlo<rng_distribution UNIFORM>}>
  %0 = stablehlo.rng %arg1, %arg1, %arg2, distribution = UNIFORM : (tensor<f32>, tensor<f32>, tensor<2xi64>) -> tensor<3x3xf32>
  return %output_state_0, %output_1, %0 : tensor<2xui64>, tensor<4xui32>, tensor<3x3xf32>
}

// Boolean constants in hex as JAX writes them, one byte per element, read
// with the same values (MLIR 22 lays i1 out one bit per element) and
// printed back in JAX's layout.
// CHECK-LABEL: func.func @boolean_hex
// GENERIC-LABEL: sym_name = "boolean_hex"
func.func @boolean_hex() -> (tensor<16xi1>, tensor<4x32xi1>) {
  // Up to 100 elements MLIR prints the values: elements 1, 3, 4 and 15.
  // CHECK: %c = stablehlo.constant dense<[false, true, false, true, true, false, false, false, false, false, false, false, false, false, false, true]> : tensor<16xi1>
  // GENERIC: dense<[false, true, false, true, true, false, false, false, false, false, false, false, false, false, false, true]> : tensor<16xi1>
  %c = stablehlo.constant dense<"0x00010001010000000000000000000001"> : tensor<16xi1>
  // More are printed in hex: every third element, one bit each for MLIR.
  // CHECK: %c_0 = stablehlo.constant dense<"0x0100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100"> : tensor<4x32xi1>
  // GENERIC: dense<"0x49922449922449922449922449922449"> : tensor<4x32xi1>
  %c_0 = stablehlo.constant dense<"0x0100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100000100"> : tensor<4x32xi1>
  return %c, %c_0 : tensor<16xi1>, tensor<4x32xi1>
}
