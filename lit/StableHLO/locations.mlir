// Locations of pretty StableHLO. With --mlir-print-debuginfo, locations
// written in the input (`loc("name")`, `loc(unknown)`, `#loc` aliases, on
// ops, functions, the module and block arguments) print back as JAX prints
// them (MLIR numbers the aliases; the input below is already numbered so);
// ops written without one get `loc("file":line:col)` of where they stand.
// Diagnostics of passes point into the pretty source.
//
// RUN: jaxr-opt %s --split-input-file --mlir-print-debuginfo | FileCheck %s --strict-whitespace
// Through the generic form the locations survive as well.
// RUN: jaxr-opt %s --split-input-file --mlir-print-debuginfo --emit=generic \
// RUN:   | jaxr-opt --split-input-file --mlir-print-debuginfo | FileCheck %s --strict-whitespace
// Without the flag no location is printed.
// RUN: jaxr-opt %s --split-input-file | FileCheck %s --check-prefix=PLAIN
// Warnings and errors of passes name the line and column of the pretty op.
// RUN: jaxr-opt %s --split-input-file --verify-diagnostics \
// RUN:   --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr{report-unsupported=true})'
// RUN: not jaxr-opt %s --split-input-file \
// RUN:   --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr{strict=true})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STRICT --strict-whitespace --match-full-lines

// PLAIN-NOT: loc(
// PLAIN-NOT: #loc

// A module as jax.export prints it: name-stack locations in aliases, printed
// back byte for byte (`loc(unknown)` of a block argument is hoisted to the
// top as #loc, arguments spell their locations inline).
// CHECK:      #loc = loc(unknown)
// CHECK-NEXT: #loc1 = loc("x")
// CHECK-NEXT: module @jit_f attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
// CHECK-NEXT:   func.func public @main(%arg0: tensor<4xf32> loc("x")) -> (tensor<4xf32> {jax.result_info = "result"}) {
// CHECK-NEXT:     %cst = stablehlo.constant dense<2.000000e+00> : tensor<f32> loc(#loc)
// CHECK-NEXT:     %0 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<4xf32> loc(#loc2)
// CHECK-NEXT:     %1 = stablehlo.multiply %arg0, %0 : tensor<4xf32> loc(#loc3)
// CHECK-NEXT:     %2 = call @g(%1) : (tensor<4xf32>) -> tensor<4xf32> loc(#loc4)
// CHECK-NEXT:     return %2 : tensor<4xf32> loc(#loc)
// CHECK-NEXT:   } loc(#loc)
// CHECK-NEXT:   func.func private @g(%arg0: tensor<4xf32> loc(unknown)) -> tensor<4xf32> {
// CHECK-NEXT:     %0 = stablehlo.tanh %arg0 : tensor<4xf32> loc(#loc6)
// CHECK-NEXT:     return %0 : tensor<4xf32> loc(#loc)
// CHECK-NEXT:   } loc(#loc7)
// CHECK-NEXT: } loc(#loc)
// CHECK-NEXT: #loc2 = loc("jit(f)/broadcast_in_dim")
// CHECK-NEXT: #loc3 = loc("jit(f)/mul")
// CHECK-NEXT: #loc4 = loc("jit(f)/jit(g)")
// CHECK-NEXT: #loc5 = loc("jit(f)/jit")
// CHECK-NEXT: #loc6 = loc("jit(f)/jit(g)/tanh")
// CHECK-NEXT: #loc7 = loc("jit:"(#loc5))

#loc = loc(unknown)
#loc1 = loc("x")
module @jit_f attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<4xf32> loc("x")) -> (tensor<4xf32> {jax.result_info = "result"}) {
    %cst = stablehlo.constant dense<2.000000e+00> : tensor<f32> loc(#loc)
    %0 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<4xf32> loc(#loc2)
    %1 = stablehlo.multiply %arg0, %0 : tensor<4xf32> loc(#loc3)
    %2 = call @g(%1) : (tensor<4xf32>) -> tensor<4xf32> loc(#loc4)
    return %2 : tensor<4xf32> loc(#loc)
  } loc(#loc)
  func.func private @g(%arg0: tensor<4xf32> loc(unknown)) -> tensor<4xf32> {
    %0 = stablehlo.tanh %arg0 : tensor<4xf32> loc(#loc6)
    return %0 : tensor<4xf32> loc(#loc)
  } loc(#loc7)
} loc(#loc)
#loc2 = loc("jit(f)/broadcast_in_dim")
#loc3 = loc("jit(f)/mul")
#loc4 = loc("jit(f)/jit(g)")
#loc5 = loc("jit(f)/jit")
#loc6 = loc("jit(f)/jit(g)/tanh")
#loc7 = loc("jit:"(#loc5))

// -----

// Ops without a location get the line and column where they are written
// (block arguments: where their name is). The implicit module's location
// is matched loosely: jaxr gives it line 1, column 1, mlir-opt `:0:0`.
// CHECK-LABEL: // -----
// CHECK-NEXT: #loc2 = loc("{{.*}}locations.mlir":[[# @LINE + 17]]:25)
// CHECK-NEXT: module {
// CHECK-NEXT:   func.func @no_locations(%arg0: tensor<4xf32> loc("{{.*}}locations.mlir":[[# @LINE + 15]]:25)) -> tensor<4xf32> {
// CHECK-NEXT:     %0 = stablehlo.abs %arg0 : tensor<4xf32> loc(#loc3)
// CHECK-NEXT:     %1 = stablehlo.negate %0 : tensor<4xf32> loc(#loc4)
// CHECK-NEXT:     %2 = chlo.square %1 : tensor<4xf32> -> tensor<4xf32> loc(#loc5)
// CHECK-NEXT:     return %2 : tensor<4xf32> loc(#loc6)
// CHECK-NEXT:   } loc(#loc1)
// CHECK-NEXT: } loc(#loc)
// CHECK-NEXT: #loc = loc("{{.*}}locations.mlir":{{[0-9]+}}:{{[0-9]+}})
// CHECK-NEXT: #loc1 = loc("{{.*}}locations.mlir":[[# @LINE + 7]]:1)
// CHECK-NEXT: #loc3 = loc("{{.*}}locations.mlir":[[# @LINE + 7]]:8)
// CHECK-NEXT: #loc4 = loc("{{.*}}locations.mlir":[[# @LINE + 7]]:8)
// CHECK-NEXT: #loc5 = loc("{{.*}}locations.mlir":[[# @LINE + 7]]:8)
// CHECK-NEXT: #loc6 = loc("{{.*}}locations.mlir":[[# @LINE + 7]]:3)
// CHECK-NEXT: // -----

func.func @no_locations(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.abs %x : tensor<4xf32>
  %1 = stablehlo.negate %0 : tensor<4xf32>
  %2 = chlo.square %1 : tensor<4xf32> -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// Written locations and file locations side by side; an inline `loc(...)`
// on an op becomes an alias, as do the parts of a fused location.
// CHECK-NEXT: #loc2 = loc("{{.*}}locations.mlir":[[# @LINE + 21]]:18)
// CHECK-NEXT: module {
// CHECK-NEXT:   func.func @mixed(%arg0: tensor<4xf32> loc("{{.*}}locations.mlir":[[# @LINE + 19]]:18)) -> tensor<4xf32> {
// CHECK-NEXT:     %0 = stablehlo.abs %arg0 : tensor<4xf32> loc(#loc3)
// CHECK-NEXT:     %1 = stablehlo.negate %0 : tensor<4xf32> loc(#loc4)
// CHECK-NEXT:     %2 = stablehlo.add %0, %1 : tensor<4xf32> loc(#loc5)
// CHECK-NEXT:     %3 = stablehlo.multiply %2, %2 : tensor<4xf32> loc(#loc9)
// CHECK-NEXT:     return %3 : tensor<4xf32> loc(#loc8)
// CHECK-NEXT:   } loc(#loc1)
// CHECK-NEXT: } loc(#loc)
// CHECK-NEXT: #loc = loc("{{.*}}locations.mlir":{{[0-9]+}}:{{[0-9]+}})
// CHECK-NEXT: #loc1 = loc("{{.*}}locations.mlir":[[# @LINE + 10]]:1)
// CHECK-NEXT: #loc3 = loc("{{.*}}locations.mlir":[[# @LINE + 10]]:8)
// CHECK-NEXT: #loc4 = loc("named")
// CHECK-NEXT: #loc5 = loc("jit(f)/add")
// CHECK-NEXT: #loc6 = loc("a")
// CHECK-NEXT: #loc7 = loc("b")
// CHECK-NEXT: #loc8 = loc("{{.*}}locations.mlir":[[# @LINE + 9]]:3)
// CHECK-NEXT: #loc9 = loc(fused[#loc6, #loc7])
// CHECK-NEXT: // -----

func.func @mixed(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.abs %x : tensor<4xf32>
  %1 = stablehlo.negate %0 : tensor<4xf32> loc("named")
  %2 = stablehlo.add %0, %1 : tensor<4xf32> loc(#loc1)
  %3 = stablehlo.multiply %2, %2 : tensor<4xf32> loc(fused["a", "b"])
  return %3 : tensor<4xf32>
}
#loc1 = loc("jit(f)/add")

// -----

// Regions: the ops of a while loop's cond and do blocks keep their own
// locations; the loop's location follows its last region. (Alias numbers
// are matched loosely: see locations-hidden-block-args.mlir.)
// CHECK:      %0:2 = stablehlo.while(%iterArg = %arg0, %iterArg_0 = %arg1) : tensor<i32>, tensor<f32>
// CHECK-NEXT: cond {
// CHECK-NEXT:   %1 = stablehlo.compare LT, %iterArg, %iterArg, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1> loc(#[[LT:loc[0-9]+]])
// CHECK-NEXT:   stablehlo.return %1 : tensor<i1> loc(#[[LT]])
// CHECK-NEXT: } do {
// CHECK-NEXT:   %1 = stablehlo.sine %iterArg_0 : tensor<f32> loc(#[[SIN:loc[0-9]+]])
// CHECK-NEXT:   stablehlo.return %iterArg, %1 : tensor<i32>, tensor<f32> loc(#[[RET:loc[0-9]+]])
// CHECK-NEXT: } loc(#[[WHILE:loc[0-9]+]])
// CHECK-DAG:  #[[WHILE]] = loc("jit(f)/while")
// CHECK-DAG:  #[[LT]] = loc("jit(f)/while/cond/lt")
// CHECK-DAG:  #[[SIN]] = loc("jit(f)/while/body/sin")
// CHECK-DAG:  #[[RET]] = loc("{{.*}}locations.mlir":[[# @LINE + 9]]:5)

func.func @loop(%n: tensor<i32>, %x: tensor<f32>) -> tensor<f32> {
  %0:2 = stablehlo.while(%i = %n, %y = %x) : tensor<i32>, tensor<f32>
  cond {
    %1 = stablehlo.compare LT, %i, %i, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1> loc(#loc2)
    stablehlo.return %1 : tensor<i1> loc(#loc2)
  } do {
    %1 = stablehlo.sine %y : tensor<f32> loc(#loc3)
    stablehlo.return %i, %1 : tensor<i32>, tensor<f32>
  } loc(#loc1)
  return %0#1 : tensor<f32>
}
#loc1 = loc("jit(f)/while")
#loc2 = loc("jit(f)/while/cond/lt")
#loc3 = loc("jit(f)/while/body/sin")

// -----

func.func @diagnostics(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.abs %x : tensor<4xf32>
  // expected-warning @below {{'chlo.cosh' stays StableHLO: 'chlo.cosh' has no jaxr counterpart yet}}
  %1 = chlo.cosh %0 : tensor<4xf32> -> tensor<4xf32>
  // expected-warning @+1 {{'chlo.sinh' stays StableHLO}}
  %2 = chlo.sinh %1 : tensor<4xf32> -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// STRICT:{{.*}}locations.mlir:[[# @LINE - 6]]:8: error: 'chlo.cosh' stays StableHLO: 'chlo.cosh' has no jaxr counterpart yet
// STRICT-NEXT:  %1 = chlo.cosh %0 : tensor<4xf32> -> tensor<4xf32>
// STRICT-NEXT:       ^
// STRICT-NEXT:{{.*}}locations.mlir:[[# @LINE - 7]]:8: error: 'chlo.sinh' stays StableHLO: 'chlo.sinh' has no jaxr counterpart yet
// STRICT-NEXT:  %2 = chlo.sinh %1 : tensor<4xf32> -> tensor<4xf32>
// STRICT-NEXT:       ^
// The summary is reported on the implicit module.
// STRICT-NEXT:{{.*}}locations.mlir:{{[0-9]+}}:{{[0-9]+}}: error: strict=true: 2 op(s) have no jaxr counterpart
