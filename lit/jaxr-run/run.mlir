// jaxr-run lowers jaxr to StableHLO, compiles with the PJRT CPU plugin and
// prints each result as `result[i]: tensor<...> = [...]`.
//
// RUN: jaxr-run %S/Inputs/functions.mlir --input='2x3xf32=1 2 3 4 5 6' | FileCheck %s --check-prefix=MAIN
// MAIN: result[0]: tensor<3x2xf32> = {{\[}}[1, 4], [2, 5], [3, 6]]
//
// Any function can be chosen, private ones too; scalars are written TYPE=VALUE.
// RUN: jaxr-run %S/Inputs/functions.mlir --function=scale --input='3xf64=1 2 3.5' --input='f64=0.5' \
// RUN:   | FileCheck %s --check-prefix=SCALE
// SCALE: result[0]: tensor<3xf64> = [0.5, 1, 1.75]
// SCALE-NEXT: result[1]: tensor<f64> = 3.25
//
// Every element type passes through unchanged (floats print as the shortest
// decimal that reads back to the same value: f16's -65504 prints as -65500).
// RUN: jaxr-run %S/Inputs/functions.mlir --function=identities --input='2xi1=true 0' --input='2xi8=-128 127' \
// RUN:   --input='2xui32=4294967295 7' --input='2xi64=-9223372036854775808 5' --input='2xf16=0.5 -65504' \
// RUN:   --input='2xbf16=1.5 -inf' | FileCheck %s --check-prefix=TYPES
// TYPES: result[0]: tensor<2xi1> = [true, false]
// TYPES-NEXT: result[1]: tensor<2xi8> = [-128, 127]
// TYPES-NEXT: result[2]: tensor<2xui32> = [4294967295, 7]
// TYPES-NEXT: result[3]: tensor<2xi64> = [-9223372036854775808, 5]
// TYPES-NEXT: result[4]: tensor<2xf16> = [0.5, -65500]
// TYPES-NEXT: result[5]: tensor<2xbf16> = [1.5, -inf]
//
// Results go to .npy files with --output, and .npy files are read back with @.
// RUN: rm -f %t.npy
// RUN: jaxr-run %S/Inputs/functions.mlir --input='2x3xf32=1 2 3 4 5 6' --output=@%t.npy | count 0
// RUN: jaxr-run %S/Inputs/functions.mlir --function=copy --input=@%t.npy | FileCheck %s --check-prefix=MAIN
//
// Several CPU devices can be created.
// RUN: jaxr-run %S/Inputs/functions.mlir --devices=2 --input='2x3xf32=0' | FileCheck %s --check-prefix=DEVICES
// DEVICES: result[0]: tensor<3x2xf32> = {{\[}}[0, 0], [0, 0], [0, 0]]
