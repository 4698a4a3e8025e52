// jaxr-run --benchmark=N compiles once, runs --warmup untimed runs and N
// timed ones, reports min/median/mean/max (and the compile time) and what
// the compiler reserved for a run (PJRT's compiled memory stats) to stderr
// and, with --benchmark-json, as JSON; the results shown are the last run's.
//
// RUN: jaxr-run %s --input='3xf32=1 2 3' --benchmark=5 --warmup=2 --benchmark-json=%t.json 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=LINE < %t.err
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: not jaxr-run %s --input='3xf32=1 2 3' --benchmark=0 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: not jaxr-run %s --input='3xf32=1 2 3' --warmup=3 2>&1 | FileCheck %s --check-prefix=ALONE
//
// CHECK: result[0]: tensor<3xf32> = [2, 4, 6]
// LINE: benchmark @main: 5 runs after 2 warm-up: min {{[0-9.]+}} ms, median {{[0-9.]+}} ms, mean {{[0-9.]+}} ms, max {{[0-9.]+}} ms (compile {{[0-9.]+}} ms)
// LINE-NEXT: compiled memory @main: arguments 12 B, outputs 12 B (aliased 0 B), temporaries {{[0-9]+}} B, code {{[0-9]+}} B, peak {{[0-9]+}} B
// JSON: "compiled_memory": {
// JSON: "argument_bytes": 12,
// JSON: "output_bytes": 12,
// JSON: "function": "main",
// JSON: "runs": 5,
// JSON: "warmup": 2
// ZERO: invalid value '0' for '--benchmark <N>'
// ALONE: the following required arguments were not provided:
// ALONE-NEXT: --benchmark <N>

func.func @main(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.add %x, %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
