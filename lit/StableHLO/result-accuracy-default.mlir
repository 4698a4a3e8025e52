// `result_accuracy` equal to its default value
// (#stablehlo.result_accuracy<mode = #stablehlo.result_accuracy_mode<DEFAULT>>)
// is left out of the pretty form, as StableHLO's printer (and so JAX) does;
// a non-default accuracy is printed. Expected output: jaxlib 0.10.2's printer.
//
// RUN: jaxr-opt %s | FileCheck %s --strict-whitespace

// CHECK-LABEL: func.func @f(
// CHECK-NEXT: %0 = stablehlo.exponential %arg0 : tensor<4xf32>
// CHECK-NEXT: %1 = stablehlo.tanh %0 {result_accuracy = #stablehlo.result_accuracy<atol = 1.000000e-05, mode = #stablehlo.result_accuracy_mode<TOLERANCE>>} : tensor<4xf32>
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "stablehlo.exponential"(%x) <{result_accuracy = #stablehlo.result_accuracy<mode = #stablehlo.result_accuracy_mode<DEFAULT>>}> : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "stablehlo.tanh"(%0) <{result_accuracy = #stablehlo.result_accuracy<atol = 1.000000e-05, mode = #stablehlo.result_accuracy_mode<TOLERANCE>>}> : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
