// A module of StableHLO alone prints as JAX prints it; --emit=generic (or
// --mlir-print-op-generic) prints MLIR's generic form, which reads back to
// the same pretty text.
//
// RUN: jaxr-opt %s | FileCheck %s --check-prefix=PRETTY
// RUN: jaxr-opt %s --emit=generic | FileCheck %s --check-prefix=GENERIC
// RUN: jaxr-opt %s --emit=generic | jaxr-opt | FileCheck %s --check-prefix=PRETTY
// RUN: not jaxr-opt %s --emit=fancy 2>&1 | FileCheck %s --check-prefix=BAD

// PRETTY: %0 = stablehlo.compare  GT, %arg0, %arg1,  FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// PRETTY-NEXT: %1 = stablehlo.select %0, %arg0, %arg1 : tensor<4xi1>, tensor<4xf32>
// GENERIC: "stablehlo.compare"(%arg0, %arg1) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction GT>}>
// BAD: invalid value 'fancy' for '--emit <EMIT>'

func.func @max(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.compare GT, %a, %b, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = stablehlo.select %0, %a, %b : tensor<4xi1>, tensor<4xf32>
  return %1 : tensor<4xf32>
}
