// XLA's CPU plugin aborts the whole process on a constant of a 6-bit float
// type; jaxr-run refuses one with a message instead (f4 and f8 constants run).
//
// RUN: not jaxr-run %s --function=f6 2>&1 | FileCheck %s --check-prefix=F6
// F6: jaxr-run: error: a tensor<4xf6E2M3FN> constant: XLA's CPU plugin aborts the process on constants of the 6-bit float types
//
// RUN: jaxr-run %s --function=f4 | FileCheck %s --check-prefix=F4
// F4: result[0]: tensor<4xf4E2M1FN> = [1, 2, -3, -4]

func.func @f6() -> tensor<4xf6E2M3FN> {
  %0 = stablehlo.constant dense<[1.0, 2.0, -3.0, -4.0]> : tensor<4xf6E2M3FN>
  return %0 : tensor<4xf6E2M3FN>
}

func.func @f4() -> tensor<4xf4E2M1FN> {
  %0 = stablehlo.constant dense<[1.0, 2.0, -3.0, -4.0]> : tensor<4xf4E2M1FN>
  return %0 : tensor<4xf4E2M1FN>
}
