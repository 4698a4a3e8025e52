// stablehlo.constant in JAX's pretty syntax: splat and dense literals of
// f16, bf16, f32, f64, complex, i1, i8, i32, ui32, i64; NaN and infinities as
// hex floats (0x7FC00000, 0xFF800000); the %c/%cst result names.
//
// (a) The pretty text prints back as JAX prints it, each line exactly
// (jaxlib 0.10.2's own printer gives the same lines).
// RUN: jaxr-opt %s --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (b) MLIR's generic form reads back to the same pretty text.
// RUN: jaxr-opt %s --split-input-file --emit=generic | jaxr-opt --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (c) Raising to jaxr.constant and lowering back keeps every literal.
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr, convert-jaxr-to-stablehlo)' | FileCheck %s --check-prefix=ROUND --strict-whitespace --match-full-lines

// CHECK-LABEL:  func.func @splats() -> (tensor<f16>, tensor<bf16>, tensor<f32>, tensor<f64>, tensor<i1>, tensor<i8>, tensor<i32>, tensor<ui32>, tensor<i64>) {
// CHECK-NEXT:    %cst = stablehlo.constant dense<1.500000e+00> : tensor<f16>
// CHECK-NEXT:    %cst_0 = stablehlo.constant dense<-2.500000e-01> : tensor<bf16>
// CHECK-NEXT:    %cst_1 = stablehlo.constant dense<9.99999974E-6> : tensor<f32>
// CHECK-NEXT:    %cst_2 = stablehlo.constant dense<0.69314718055994529> : tensor<f64>
// CHECK-NEXT:    %c = stablehlo.constant dense<true> : tensor<i1>
// CHECK-NEXT:    %c_3 = stablehlo.constant dense<-128> : tensor<i8>
// CHECK-NEXT:    %c_4 = stablehlo.constant dense<2147483647> : tensor<i32>
// CHECK-NEXT:    %c_5 = stablehlo.constant dense<4294967295> : tensor<ui32>
// CHECK-NEXT:    %c_6 = stablehlo.constant dense<-9223372036854775808> : tensor<i64>
// CHECK-NEXT:    return %cst, %cst_0, %cst_1, %cst_2, %c, %c_3, %c_4, %c_5, %c_6 : tensor<f16>, tensor<bf16>, tensor<f32>, tensor<f64>, tensor<i1>, tensor<i8>, tensor<i32>, tensor<ui32>, tensor<i64>
// ROUND-LABEL:  func.func @splats() -> (tensor<f16>, tensor<bf16>, tensor<f32>, tensor<f64>, tensor<i1>, tensor<i8>, tensor<i32>, tensor<ui32>, tensor<i64>) {
// ROUND-NEXT:    %cst = stablehlo.constant dense<1.500000e+00> : tensor<f16>
// ROUND-NEXT:    %cst_0 = stablehlo.constant dense<-2.500000e-01> : tensor<bf16>
// ROUND-NEXT:    %cst_1 = stablehlo.constant dense<9.99999974E-6> : tensor<f32>
// ROUND-NEXT:    %cst_2 = stablehlo.constant dense<0.69314718055994529> : tensor<f64>
// ROUND-NEXT:    %c = stablehlo.constant dense<true> : tensor<i1>
// ROUND-NEXT:    %c_3 = stablehlo.constant dense<-128> : tensor<i8>
// ROUND-NEXT:    %c_4 = stablehlo.constant dense<2147483647> : tensor<i32>
// ROUND-NEXT:    %c_5 = stablehlo.constant dense<4294967295> : tensor<ui32>
// ROUND-NEXT:    %c_6 = stablehlo.constant dense<-9223372036854775808> : tensor<i64>
// ROUND-NEXT:    return %cst, %cst_0, %cst_1, %cst_2, %c, %c_3, %c_4, %c_5, %c_6 : tensor<f16>, tensor<bf16>, tensor<f32>, tensor<f64>, tensor<i1>, tensor<i8>, tensor<i32>, tensor<ui32>, tensor<i64>

func.func @splats() -> (tensor<f16>, tensor<bf16>, tensor<f32>, tensor<f64>, tensor<i1>, tensor<i8>, tensor<i32>, tensor<ui32>, tensor<i64>) {
  %cst = stablehlo.constant dense<1.500000e+00> : tensor<f16>
  %cst_0 = stablehlo.constant dense<-2.500000e-01> : tensor<bf16>
  %cst_1 = stablehlo.constant dense<9.99999974E-6> : tensor<f32>
  %cst_2 = stablehlo.constant dense<0.69314718055994529> : tensor<f64>
  %c = stablehlo.constant dense<true> : tensor<i1>
  %c_3 = stablehlo.constant dense<-128> : tensor<i8>
  %c_4 = stablehlo.constant dense<2147483647> : tensor<i32>
  %c_5 = stablehlo.constant dense<4294967295> : tensor<ui32>
  %c_6 = stablehlo.constant dense<-9223372036854775808> : tensor<i64>
  return %cst, %cst_0, %cst_1, %cst_2, %c, %c_3, %c_4, %c_5, %c_6 : tensor<f16>, tensor<bf16>, tensor<f32>, tensor<f64>, tensor<i1>, tensor<i8>, tensor<i32>, tensor<ui32>, tensor<i64>
}


// -----

// CHECK-LABEL:  func.func @dense() -> (tensor<2x3xf32>, tensor<4xi32>, tensor<2x2xi1>, tensor<3xui32>, tensor<2xf64>, tensor<2xbf16>, tensor<2xf16>, tensor<3xi8>, tensor<2xi64>) {
// CHECK-NEXT:    %cst = stablehlo.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT:    %c = stablehlo.constant dense<[0, 1, -2, 3]> : tensor<4xi32>
// CHECK-NEXT:    %c_0 = stablehlo.constant dense<{{\[\[}}true, false], [false, true]]> : tensor<2x2xi1>
// CHECK-NEXT:    %c_1 = stablehlo.constant dense<[466688986, 0, 7]> : tensor<3xui32>
// CHECK-NEXT:    %cst_2 = stablehlo.constant dense<[1.000000e+00, -0.35000000000000003]> : tensor<2xf64>
// CHECK-NEXT:    %cst_3 = stablehlo.constant dense<[1.000000e+00, 3.140630e+00]> : tensor<2xbf16>
// CHECK-NEXT:    %cst_4 = stablehlo.constant dense<[6.550400e+04, -1.000000e+00]> : tensor<2xf16>
// CHECK-NEXT:    %c_5 = stablehlo.constant dense<[1, -1, 127]> : tensor<3xi8>
// CHECK-NEXT:    %c_6 = stablehlo.constant dense<[0, 9223372036854775807]> : tensor<2xi64>
// CHECK-NEXT:    return %cst, %c, %c_0, %c_1, %cst_2, %cst_3, %cst_4, %c_5, %c_6 : tensor<2x3xf32>, tensor<4xi32>, tensor<2x2xi1>, tensor<3xui32>, tensor<2xf64>, tensor<2xbf16>, tensor<2xf16>, tensor<3xi8>, tensor<2xi64>
// ROUND-LABEL:  func.func @dense() -> (tensor<2x3xf32>, tensor<4xi32>, tensor<2x2xi1>, tensor<3xui32>, tensor<2xf64>, tensor<2xbf16>, tensor<2xf16>, tensor<3xi8>, tensor<2xi64>) {
// ROUND-NEXT:    %cst = stablehlo.constant dense<0.000000e+00> : tensor<2x3xf32>
// ROUND-NEXT:    %c = stablehlo.constant dense<[0, 1, -2, 3]> : tensor<4xi32>
// ROUND-NEXT:    %c_0 = stablehlo.constant dense<{{\[\[}}true, false], [false, true]]> : tensor<2x2xi1>
// ROUND-NEXT:    %c_1 = stablehlo.constant dense<[466688986, 0, 7]> : tensor<3xui32>
// ROUND-NEXT:    %cst_2 = stablehlo.constant dense<[1.000000e+00, -0.35000000000000003]> : tensor<2xf64>
// ROUND-NEXT:    %cst_3 = stablehlo.constant dense<[1.000000e+00, 3.140630e+00]> : tensor<2xbf16>
// ROUND-NEXT:    %cst_4 = stablehlo.constant dense<[6.550400e+04, -1.000000e+00]> : tensor<2xf16>
// ROUND-NEXT:    %c_5 = stablehlo.constant dense<[1, -1, 127]> : tensor<3xi8>
// ROUND-NEXT:    %c_6 = stablehlo.constant dense<[0, 9223372036854775807]> : tensor<2xi64>
// ROUND-NEXT:    return %cst, %c, %c_0, %c_1, %cst_2, %cst_3, %cst_4, %c_5, %c_6 : tensor<2x3xf32>, tensor<4xi32>, tensor<2x2xi1>, tensor<3xui32>, tensor<2xf64>, tensor<2xbf16>, tensor<2xf16>, tensor<3xi8>, tensor<2xi64>

// Splats of shaped tensors and dense lists.
func.func @dense() -> (tensor<2x3xf32>, tensor<4xi32>, tensor<2x2xi1>, tensor<3xui32>, tensor<2xf64>, tensor<2xbf16>, tensor<2xf16>, tensor<3xi8>, tensor<2xi64>) {
  %cst = stablehlo.constant dense<0.000000e+00> : tensor<2x3xf32>
  %c = stablehlo.constant dense<[0, 1, -2, 3]> : tensor<4xi32>
  %c_0 = stablehlo.constant dense<[[true, false], [false, true]]> : tensor<2x2xi1>
  %c_1 = stablehlo.constant dense<[466688986, 0, 7]> : tensor<3xui32>
  %cst_2 = stablehlo.constant dense<[1.000000e+00, -0.35000000000000003]> : tensor<2xf64>
  %cst_3 = stablehlo.constant dense<[1.000000e+00, 3.140630e+00]> : tensor<2xbf16>
  %cst_4 = stablehlo.constant dense<[6.550400e+04, -1.000000e+00]> : tensor<2xf16>
  %c_5 = stablehlo.constant dense<[1, -1, 127]> : tensor<3xi8>
  %c_6 = stablehlo.constant dense<[0, 9223372036854775807]> : tensor<2xi64>
  return %cst, %c, %c_0, %c_1, %cst_2, %cst_3, %cst_4, %c_5, %c_6 : tensor<2x3xf32>, tensor<4xi32>, tensor<2x2xi1>, tensor<3xui32>, tensor<2xf64>, tensor<2xbf16>, tensor<2xf16>, tensor<3xi8>, tensor<2xi64>
}


// -----

// CHECK-LABEL:  func.func @hex_floats() -> (tensor<f32>, tensor<f32>, tensor<f32>, tensor<3xf32>, tensor<f64>, tensor<f16>, tensor<bf16>) {
// CHECK-NEXT:    %cst = stablehlo.constant dense<0x7FC00000> : tensor<f32>
// CHECK-NEXT:    %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
// CHECK-NEXT:    %cst_1 = stablehlo.constant dense<0x7F800000> : tensor<f32>
// CHECK-NEXT:    %cst_2 = stablehlo.constant dense<[0x7FC00000, 1.000000e+00, 0xFF800000]> : tensor<3xf32>
// CHECK-NEXT:    %cst_3 = stablehlo.constant dense<0x7FF0000000000000> : tensor<f64>
// CHECK-NEXT:    %cst_4 = stablehlo.constant dense<0xFC00> : tensor<f16>
// CHECK-NEXT:    %cst_5 = stablehlo.constant dense<0x7FC0> : tensor<bf16>
// CHECK-NEXT:    return %cst, %cst_0, %cst_1, %cst_2, %cst_3, %cst_4, %cst_5 : tensor<f32>, tensor<f32>, tensor<f32>, tensor<3xf32>, tensor<f64>, tensor<f16>, tensor<bf16>
// ROUND-LABEL:  func.func @hex_floats() -> (tensor<f32>, tensor<f32>, tensor<f32>, tensor<3xf32>, tensor<f64>, tensor<f16>, tensor<bf16>) {
// ROUND-NEXT:    %cst = stablehlo.constant dense<0x7FC00000> : tensor<f32>
// ROUND-NEXT:    %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
// ROUND-NEXT:    %cst_1 = stablehlo.constant dense<0x7F800000> : tensor<f32>
// ROUND-NEXT:    %cst_2 = stablehlo.constant dense<[0x7FC00000, 1.000000e+00, 0xFF800000]> : tensor<3xf32>
// ROUND-NEXT:    %cst_3 = stablehlo.constant dense<0x7FF0000000000000> : tensor<f64>
// ROUND-NEXT:    %cst_4 = stablehlo.constant dense<0xFC00> : tensor<f16>
// ROUND-NEXT:    %cst_5 = stablehlo.constant dense<0x7FC0> : tensor<bf16>
// ROUND-NEXT:    return %cst, %cst_0, %cst_1, %cst_2, %cst_3, %cst_4, %cst_5 : tensor<f32>, tensor<f32>, tensor<f32>, tensor<3xf32>, tensor<f64>, tensor<f16>, tensor<bf16>

// NaN and the infinities are written in hex, as MLIR prints them.
func.func @hex_floats() -> (tensor<f32>, tensor<f32>, tensor<f32>, tensor<3xf32>, tensor<f64>, tensor<f16>, tensor<bf16>) {
  %cst = stablehlo.constant dense<0x7FC00000> : tensor<f32>
  %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
  %cst_1 = stablehlo.constant dense<0x7F800000> : tensor<f32>
  %cst_2 = stablehlo.constant dense<[0x7FC00000, 1.000000e+00, 0xFF800000]> : tensor<3xf32>
  %cst_3 = stablehlo.constant dense<0x7FF0000000000000> : tensor<f64>
  %cst_4 = stablehlo.constant dense<0xFC00> : tensor<f16>
  %cst_5 = stablehlo.constant dense<0x7FC0> : tensor<bf16>
  return %cst, %cst_0, %cst_1, %cst_2, %cst_3, %cst_4, %cst_5 : tensor<f32>, tensor<f32>, tensor<f32>, tensor<3xf32>, tensor<f64>, tensor<f16>, tensor<bf16>
}


// -----

// CHECK-LABEL:  func.func @names(%arg0: tensor<f32>) -> tensor<f32> {
// CHECK-NEXT:    %cst = stablehlo.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %c = stablehlo.constant dense<1> : tensor<i32>
// CHECK-NEXT:    %0 = stablehlo.add %arg0, %cst : tensor<f32>
// CHECK-NEXT:    %cst_0 = stablehlo.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %c_1 = stablehlo.constant dense<2> : tensor<i32>
// CHECK-NEXT:    %1 = stablehlo.multiply %0, %cst_0 : tensor<f32>
// CHECK-NEXT:    return %1 : tensor<f32>
// ROUND-LABEL:  func.func @names(%arg0: tensor<f32>) -> tensor<f32> {
// ROUND-NEXT:    %cst = stablehlo.constant dense<1.000000e+00> : tensor<f32>
// ROUND-NEXT:    %c = stablehlo.constant dense<1> : tensor<i32>
// ROUND-NEXT:    %0 = stablehlo.add %arg0, %cst : tensor<f32>
// ROUND-NEXT:    %cst_0 = stablehlo.constant dense<2.000000e+00> : tensor<f32>
// ROUND-NEXT:    %c_1 = stablehlo.constant dense<2> : tensor<i32>
// ROUND-NEXT:    %1 = stablehlo.multiply %0, %cst_0 : tensor<f32>
// ROUND-NEXT:    return %1 : tensor<f32>

// Constant names: %c for integer element types, %cst for the others, made
// unique with _N in order of appearance; other results are numbered apart.
func.func @names(%x: tensor<f32>) -> tensor<f32> {
  %a = stablehlo.constant dense<1.000000e+00> : tensor<f32>
  %b = stablehlo.constant dense<1> : tensor<i32>
  %0 = stablehlo.add %x, %a : tensor<f32>
  %d = stablehlo.constant dense<2.000000e+00> : tensor<f32>
  %e = stablehlo.constant dense<2> : tensor<i32>
  %1 = stablehlo.multiply %0, %d : tensor<f32>
  return %1 : tensor<f32>
}


// -----

// CHECK-LABEL:  func.func @complex() -> (tensor<complex<f32>>, tensor<2xcomplex<f64>>) {
// CHECK-NEXT:    %cst = stablehlo.constant dense<(1.000000e+00,-2.000000e+00)> : tensor<complex<f32>>
// CHECK-NEXT:    %cst_0 = stablehlo.constant dense<[(1.000000e+00,0.000000e+00), (0.000000e+00,1.000000e+00)]> : tensor<2xcomplex<f64>>
// CHECK-NEXT:    return %cst, %cst_0 : tensor<complex<f32>>, tensor<2xcomplex<f64>>
// ROUND-LABEL:  func.func @complex() -> (tensor<complex<f32>>, tensor<2xcomplex<f64>>) {
// ROUND-NEXT:    %cst = stablehlo.constant dense<(1.000000e+00,-2.000000e+00)> : tensor<complex<f32>>
// ROUND-NEXT:    %cst_0 = stablehlo.constant dense<[(1.000000e+00,0.000000e+00), (0.000000e+00,1.000000e+00)]> : tensor<2xcomplex<f64>>
// ROUND-NEXT:    return %cst, %cst_0 : tensor<complex<f32>>, tensor<2xcomplex<f64>>

func.func @complex() -> (tensor<complex<f32>>, tensor<2xcomplex<f64>>) {
  %cst = stablehlo.constant dense<(1.000000e+00,-2.000000e+00)> : tensor<complex<f32>>
  %cst_0 = stablehlo.constant dense<[(1.000000e+00,0.000000e+00), (0.000000e+00,1.000000e+00)]> : tensor<2xcomplex<f64>>
  return %cst, %cst_0 : tensor<complex<f32>>, tensor<2xcomplex<f64>>
}
