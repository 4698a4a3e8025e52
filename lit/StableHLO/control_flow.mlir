// Control flow in JAX's pretty syntax: stablehlo.while with `cond {..} do
// {..}` and named iteration arguments, stablehlo.case (generic op, pretty
// body), calls with several results (`%0:2 = call`, uses `%0#1`), private
// functions, module attributes and result attributes.
//
// (a) The pretty text prints back as JAX prints it, each line exactly
// (jaxlib 0.10.2's own printer gives the same lines).
// RUN: jaxr-opt %s --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (b) MLIR's generic form reads back to the same pretty text.
// RUN: jaxr-opt %s --split-input-file --emit=generic | jaxr-opt --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (c) Raising to jaxr (while, cond) and lowering back leaves a module of
// StableHLO alone.
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr, convert-jaxr-to-stablehlo)' | FileCheck %s --check-prefix=ROUND --strict-whitespace --match-full-lines

// CHECK-LABEL:  func.func @while(%arg0: tensor<6xf32>) -> (tensor<i32>, tensor<6xf32>) {
// CHECK-NEXT:    %c = stablehlo.constant dense<0> : tensor<i32>
// CHECK-NEXT:    %0:2 = stablehlo.while(%iterArg = %c, %iterArg_0 = %arg0) : tensor<i32>, tensor<6xf32>
// CHECK-NEXT:    cond {
// CHECK-NEXT:      %c_1 = stablehlo.constant dense<60> : tensor<i32>
// CHECK-NEXT:      %1 = stablehlo.compare LT, %iterArg, %c_1, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
// CHECK-NEXT:      stablehlo.return %1 : tensor<i1>
// CHECK-NEXT:    } do {
// CHECK-NEXT:      %c_1 = stablehlo.constant dense<1> : tensor<i32>
// CHECK-NEXT:      %1 = stablehlo.add %iterArg, %c_1 : tensor<i32>
// CHECK-NEXT:      %2 = stablehlo.multiply %iterArg_0, %iterArg_0 : tensor<6xf32>
// CHECK-NEXT:      stablehlo.return %1, %2 : tensor<i32>, tensor<6xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %0#0, %0#1 : tensor<i32>, tensor<6xf32>
// ROUND-LABEL:  func.func @while(%arg0: tensor<6xf32>) -> (tensor<i32>, tensor<6xf32>) {
// ROUND-NEXT:    %c = stablehlo.constant dense<0> : tensor<i32>
// ROUND-NEXT:    %0:2 = stablehlo.while(%iterArg = %c, %iterArg_0 = %arg0) : tensor<i32>, tensor<6xf32>
// ROUND-NEXT:    cond {
// ROUND-NEXT:      %c_1 = stablehlo.constant dense<60> : tensor<i32>
// ROUND-NEXT:      %1 = stablehlo.compare LT, %iterArg, %c_1, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
// ROUND-NEXT:      stablehlo.return %1 : tensor<i1>
// ROUND-NEXT:    } do {
// ROUND-NEXT:      %c_1 = stablehlo.constant dense<1> : tensor<i32>
// ROUND-NEXT:      %1 = stablehlo.add %iterArg, %c_1 : tensor<i32>
// ROUND-NEXT:      %2 = stablehlo.multiply %iterArg_0, %iterArg_0 : tensor<6xf32>
// ROUND-NEXT:      stablehlo.return %1, %2 : tensor<i32>, tensor<6xf32>
// ROUND-NEXT:    }
// ROUND-NEXT:    return %0#0, %0#1 : tensor<i32>, tensor<6xf32>

func.func @while(%x: tensor<6xf32>) -> (tensor<i32>, tensor<6xf32>) {
  %c = stablehlo.constant dense<0> : tensor<i32>
  %0:2 = stablehlo.while(%iterArg = %c, %iterArg_0 = %x) : tensor<i32>, tensor<6xf32>
  cond {
    %c_1 = stablehlo.constant dense<60> : tensor<i32>
    %1 = stablehlo.compare LT, %iterArg, %c_1, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    stablehlo.return %1 : tensor<i1>
  } do {
    %c_1 = stablehlo.constant dense<1> : tensor<i32>
    %1 = stablehlo.add %iterArg, %c_1 : tensor<i32>
    %2 = stablehlo.multiply %iterArg_0, %iterArg_0 : tensor<6xf32>
    stablehlo.return %1, %2 : tensor<i32>, tensor<6xf32>
  }
  return %0#0, %0#1 : tensor<i32>, tensor<6xf32>
}


// -----

// CHECK-LABEL:  func.func @while_names(%arg0: tensor<f32>, %arg1: tensor<i32>) -> tensor<f32> {
// CHECK-NEXT:    %c = stablehlo.constant dense<0> : tensor<i32>
// CHECK-NEXT:    %0:2 = stablehlo.while(%iterArg = %c, %iterArg_0 = %arg0) : tensor<i32>, tensor<f32>
// CHECK-NEXT:    cond {
// CHECK-NEXT:      %1 = stablehlo.compare LT, %iterArg, %arg1, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
// CHECK-NEXT:      stablehlo.return %1 : tensor<i1>
// CHECK-NEXT:    } do {
// CHECK-NEXT:      %c_1 = stablehlo.constant dense<1> : tensor<i32>
// CHECK-NEXT:      %1 = stablehlo.add %iterArg, %c_1 : tensor<i32>
// CHECK-NEXT:      %2 = stablehlo.add %iterArg_0, %arg0 : tensor<f32>
// CHECK-NEXT:      stablehlo.return %1, %2 : tensor<i32>, tensor<f32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %0#1 : tensor<f32>
// ROUND-LABEL:  func.func @while_names(%arg0: tensor<f32>, %arg1: tensor<i32>) -> tensor<f32> {
// ROUND-NEXT:    %c = stablehlo.constant dense<0> : tensor<i32>
// ROUND-NEXT:    %0:2 = stablehlo.while(%iterArg = %c, %iterArg_0 = %arg0) : tensor<i32>, tensor<f32>
// ROUND-NEXT:    cond {
// ROUND-NEXT:      %1 = stablehlo.compare LT, %iterArg, %arg1, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
// ROUND-NEXT:      stablehlo.return %1 : tensor<i1>
// ROUND-NEXT:    } do {
// ROUND-NEXT:      %c_1 = stablehlo.constant dense<1> : tensor<i32>
// ROUND-NEXT:      %1 = stablehlo.add %iterArg, %c_1 : tensor<i32>
// ROUND-NEXT:      %2 = stablehlo.add %iterArg_0, %arg0 : tensor<f32>
// ROUND-NEXT:      stablehlo.return %1, %2 : tensor<i32>, tensor<f32>
// ROUND-NEXT:    }
// ROUND-NEXT:    return %0#1 : tensor<f32>

// Iteration arguments keep their names (%iterArg, %iterArg_N) and values
// defined outside the loop are used inside it.
func.func @while_names(%x: tensor<f32>, %n: tensor<i32>) -> tensor<f32> {
  %c = stablehlo.constant dense<0> : tensor<i32>
  %0:2 = stablehlo.while(%i = %c, %acc = %x) : tensor<i32>, tensor<f32>
  cond {
    %1 = stablehlo.compare LT, %i, %n, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    stablehlo.return %1 : tensor<i1>
  } do {
    %c_0 = stablehlo.constant dense<1> : tensor<i32>
    %1 = stablehlo.add %i, %c_0 : tensor<i32>
    %2 = stablehlo.add %acc, %x : tensor<f32>
    stablehlo.return %1, %2 : tensor<i32>, tensor<f32>
  }
  return %0#1 : tensor<f32>
}


// -----

// CHECK-LABEL:  func.func @case(%arg0: tensor<8xf32>, %arg1: tensor<f32>, %arg2: tensor<i32>) -> tensor<8xf32> {
// CHECK-NEXT:    %0 = "stablehlo.case"(%arg2) ({
// CHECK-NEXT:      %1 = chlo.square %arg0 : tensor<8xf32> -> tensor<8xf32>
// CHECK-NEXT:      %2 = stablehlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<8xf32>
// CHECK-NEXT:      %3 = stablehlo.subtract %1, %2 : tensor<8xf32>
// CHECK-NEXT:      stablehlo.return %3 : tensor<8xf32>
// CHECK-NEXT:    }, {
// CHECK-NEXT:      %1 = stablehlo.reverse %arg0, dims = [0] : tensor<8xf32>
// CHECK-NEXT:      stablehlo.return %1 : tensor<8xf32>
// CHECK-NEXT:    }) : (tensor<i32>) -> tensor<8xf32>
// CHECK-NEXT:    return %0 : tensor<8xf32>
// ROUND-LABEL:  func.func @case(%arg0: tensor<8xf32>, %arg1: tensor<f32>, %arg2: tensor<i32>) -> tensor<8xf32> {
// ROUND-NEXT:    %0 = "stablehlo.case"(%arg2) ({
// ROUND-NEXT:      %1 = stablehlo.multiply %arg0, %arg0 : tensor<8xf32>
// ROUND-NEXT:      %2 = stablehlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<8xf32>
// ROUND-NEXT:      %3 = stablehlo.subtract %1, %2 : tensor<8xf32>
// ROUND-NEXT:      stablehlo.return %3 : tensor<8xf32>
// ROUND-NEXT:    }, {
// ROUND-NEXT:      %1 = stablehlo.reverse %arg0, dims = [0] : tensor<8xf32>
// ROUND-NEXT:      stablehlo.return %1 : tensor<8xf32>
// ROUND-NEXT:    }) : (tensor<i32>) -> tensor<8xf32>
// ROUND-NEXT:    return %0 : tensor<8xf32>

func.func @case(%x: tensor<8xf32>, %y: tensor<f32>, %i: tensor<i32>) -> tensor<8xf32> {
  %0 = "stablehlo.case"(%i) ({
    %1 = chlo.square %x : tensor<8xf32> -> tensor<8xf32>
    %2 = stablehlo.broadcast_in_dim %y, dims = [] : (tensor<f32>) -> tensor<8xf32>
    %3 = stablehlo.subtract %1, %2 : tensor<8xf32>
    stablehlo.return %3 : tensor<8xf32>
  }, {
    %1 = stablehlo.reverse %x, dims = [0] : tensor<8xf32>
    stablehlo.return %1 : tensor<8xf32>
  }) : (tensor<i32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}


// -----

// CHECK-LABEL:  func.func @case_two_results(%arg0: tensor<4xf32>, %arg1: tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>) {
// CHECK-NEXT:    %0:2 = "stablehlo.case"(%arg1) ({
// CHECK-NEXT:      stablehlo.return %arg0, %arg0 : tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT:    }, {
// CHECK-NEXT:      %1 = stablehlo.negate %arg0 : tensor<4xf32>
// CHECK-NEXT:      stablehlo.return %1, %arg0 : tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT:    }, {
// CHECK-NEXT:      %1 = stablehlo.abs %arg0 : tensor<4xf32>
// CHECK-NEXT:      stablehlo.return %arg0, %1 : tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT:    }) : (tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>)
// CHECK-NEXT:    return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
// ROUND-LABEL:  func.func @case_two_results(%arg0: tensor<4xf32>, %arg1: tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>) {
// ROUND-NEXT:    %0:2 = "stablehlo.case"(%arg1) ({
// ROUND-NEXT:      stablehlo.return %arg0, %arg0 : tensor<4xf32>, tensor<4xf32>
// ROUND-NEXT:    }, {
// ROUND-NEXT:      %1 = stablehlo.negate %arg0 : tensor<4xf32>
// ROUND-NEXT:      stablehlo.return %1, %arg0 : tensor<4xf32>, tensor<4xf32>
// ROUND-NEXT:    }, {
// ROUND-NEXT:      %1 = stablehlo.abs %arg0 : tensor<4xf32>
// ROUND-NEXT:      stablehlo.return %arg0, %1 : tensor<4xf32>, tensor<4xf32>
// ROUND-NEXT:    }) : (tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>)
// ROUND-NEXT:    return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>

func.func @case_two_results(%x: tensor<4xf32>, %i: tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = "stablehlo.case"(%i) ({
    stablehlo.return %x, %x : tensor<4xf32>, tensor<4xf32>
  }, {
    %1 = stablehlo.negate %x : tensor<4xf32>
    stablehlo.return %1, %x : tensor<4xf32>, tensor<4xf32>
  }, {
    %1 = stablehlo.abs %x : tensor<4xf32>
    stablehlo.return %x, %1 : tensor<4xf32>, tensor<4xf32>
  }) : (tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}


// -----

// CHECK-LABEL:  func.func public @main(%arg0: tensor<4x8xf32>, %arg1: tensor<i32>) -> (tensor<4x8xf32> {jax.result_info = "result[0]"}, tensor<f32> {jax.result_info = "result[1]"}) {
// CHECK-NEXT:    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %0:2 = call @_where(%arg0, %cst) : (tensor<4x8xf32>, tensor<f32>) -> (tensor<4x8xf32>, tensor<f32>)
// CHECK-NEXT:    %1 = stablehlo.add %0#0, %arg0 : tensor<4x8xf32>
// CHECK-NEXT:    %2:2 = stablehlo.while(%iterArg = %arg1, %iterArg_0 = %1) : tensor<i32>, tensor<4x8xf32>
// CHECK-NEXT:    cond {
// CHECK-NEXT:      %c = stablehlo.constant dense<3> : tensor<i32>
// CHECK-NEXT:      %3 = stablehlo.compare LT, %iterArg, %c, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
// CHECK-NEXT:      stablehlo.return %3 : tensor<i1>
// CHECK-NEXT:    } do {
// CHECK-NEXT:      %3:2 = func.call @_where(%iterArg_0, %0#1) : (tensor<4x8xf32>, tensor<f32>) -> (tensor<4x8xf32>, tensor<f32>)
// CHECK-NEXT:      %c = stablehlo.constant dense<1> : tensor<i32>
// CHECK-NEXT:      %4 = stablehlo.add %iterArg, %c : tensor<i32>
// CHECK-NEXT:      stablehlo.return %4, %3#0 : tensor<i32>, tensor<4x8xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %2#1, %0#1 : tensor<4x8xf32>, tensor<f32>
// ROUND-LABEL:  func.func public @main(%arg0: tensor<4x8xf32>, %arg1: tensor<i32>) -> (tensor<4x8xf32> {jax.result_info = "result[0]"}, tensor<f32> {jax.result_info = "result[1]"}) {
// ROUND-NEXT:    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
// ROUND-NEXT:    %0:2 = call @_where(%arg0, %cst) : (tensor<4x8xf32>, tensor<f32>) -> (tensor<4x8xf32>, tensor<f32>)
// ROUND-NEXT:    %1 = stablehlo.add %0#0, %arg0 : tensor<4x8xf32>
// ROUND-NEXT:    %2:2 = stablehlo.while(%iterArg = %arg1, %iterArg_0 = %1) : tensor<i32>, tensor<4x8xf32>
// ROUND-NEXT:    cond {
// ROUND-NEXT:      %c = stablehlo.constant dense<3> : tensor<i32>
// ROUND-NEXT:      %3 = stablehlo.compare LT, %iterArg, %c, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
// ROUND-NEXT:      stablehlo.return %3 : tensor<i1>
// ROUND-NEXT:    } do {
// ROUND-NEXT:      %3:2 = func.call @_where(%iterArg_0, %0#1) : (tensor<4x8xf32>, tensor<f32>) -> (tensor<4x8xf32>, tensor<f32>)
// ROUND-NEXT:      %c = stablehlo.constant dense<1> : tensor<i32>
// ROUND-NEXT:      %4 = stablehlo.add %iterArg, %c : tensor<i32>
// ROUND-NEXT:      stablehlo.return %4, %3#0 : tensor<i32>, tensor<4x8xf32>
// ROUND-NEXT:    }
// ROUND-NEXT:    return %2#1, %0#1 : tensor<4x8xf32>, tensor<f32>
// CHECK-LABEL:  func.func private @_where(%arg0: tensor<4x8xf32>, %arg1: tensor<f32>) -> (tensor<4x8xf32>, tensor<f32>) {
// CHECK-NEXT:    %0 = stablehlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<4x8xf32>
// CHECK-NEXT:    %1 = stablehlo.maximum %arg0, %0 : tensor<4x8xf32>
// CHECK-NEXT:    return %1, %arg1 : tensor<4x8xf32>, tensor<f32>
// ROUND-LABEL:  func.func private @_where(%arg0: tensor<4x8xf32>, %arg1: tensor<f32>) -> (tensor<4x8xf32>, tensor<f32>) {
// ROUND-NEXT:    %0 = stablehlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<4x8xf32>
// ROUND-NEXT:    %1 = stablehlo.maximum %arg0, %0 : tensor<4x8xf32>
// ROUND-NEXT:    return %1, %arg1 : tensor<4x8xf32>, tensor<f32>

// func.call in a function body prints as `call`, in a region nested in a
// StableHLO op as `func.call`.
module @jit_calls attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<4x8xf32>, %arg1: tensor<i32>) -> (tensor<4x8xf32> {jax.result_info = "result[0]"}, tensor<f32> {jax.result_info = "result[1]"}) {
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %0:2 = call @_where(%arg0, %cst) : (tensor<4x8xf32>, tensor<f32>) -> (tensor<4x8xf32>, tensor<f32>)
    %1 = stablehlo.add %0#0, %arg0 : tensor<4x8xf32>
    %2:2 = stablehlo.while(%iterArg = %arg1, %iterArg_0 = %1) : tensor<i32>, tensor<4x8xf32>
    cond {
      %c = stablehlo.constant dense<3> : tensor<i32>
      %3 = stablehlo.compare LT, %iterArg, %c, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      stablehlo.return %3 : tensor<i1>
    } do {
      %3:2 = func.call @_where(%iterArg_0, %0#1) : (tensor<4x8xf32>, tensor<f32>) -> (tensor<4x8xf32>, tensor<f32>)
      %c = stablehlo.constant dense<1> : tensor<i32>
      %4 = stablehlo.add %iterArg, %c : tensor<i32>
      stablehlo.return %4, %3#0 : tensor<i32>, tensor<4x8xf32>
    }
    return %2#1, %0#1 : tensor<4x8xf32>, tensor<f32>
  }
  func.func private @_where(%arg0: tensor<4x8xf32>, %arg1: tensor<f32>) -> (tensor<4x8xf32>, tensor<f32>) {
    %0 = stablehlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<4x8xf32>
    %1 = stablehlo.maximum %arg0, %0 : tensor<4x8xf32>
    return %1, %arg1 : tensor<4x8xf32>, tensor<f32>
  }
}


// -----

// CHECK-LABEL:  func.func @if(%arg0: tensor<i1>, %arg1: tensor<3xf32>) -> tensor<3xf32> {
// CHECK-NEXT:    %0 = "stablehlo.if"(%arg0) ({
// CHECK-NEXT:      %1 = stablehlo.negate %arg1 : tensor<3xf32>
// CHECK-NEXT:      stablehlo.return %1 : tensor<3xf32>
// CHECK-NEXT:    }, {
// CHECK-NEXT:      stablehlo.return %arg1 : tensor<3xf32>
// CHECK-NEXT:    }) : (tensor<i1>) -> tensor<3xf32>
// CHECK-NEXT:    return %0 : tensor<3xf32>
// ROUND-LABEL:  func.func @if(%arg0: tensor<i1>, %arg1: tensor<3xf32>) -> tensor<3xf32> {
// ROUND-NEXT:    %0 = "stablehlo.if"(%arg0) ({
// ROUND-NEXT:      %1 = stablehlo.negate %arg1 : tensor<3xf32>
// ROUND-NEXT:      stablehlo.return %1 : tensor<3xf32>
// ROUND-NEXT:    }, {
// ROUND-NEXT:      stablehlo.return %arg1 : tensor<3xf32>
// ROUND-NEXT:    }) : (tensor<i1>) -> tensor<3xf32>
// ROUND-NEXT:    return %0 : tensor<3xf32>

// The generic `stablehlo.if` (no pretty form) stays generic; its regions
// print their ops in the pretty syntax.
func.func @if(%p: tensor<i1>, %x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "stablehlo.if"(%p) ({
    %1 = stablehlo.negate %x : tensor<3xf32>
    stablehlo.return %1 : tensor<3xf32>
  }, {
    stablehlo.return %x : tensor<3xf32>
  }) : (tensor<i1>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
