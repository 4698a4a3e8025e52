// Shape ops in JAX's pretty syntax: broadcast_in_dim, reshape, transpose,
// reverse (`dims = [..]`), concatenate (`dim = N`), pad (negative low/high
// and interior padding), slice (`[start:limit:stride]`, the stride omitted
// when 1), dynamic_slice (`sizes = [..]`), dynamic_update_slice, iota.
//
// (a) The pretty text prints back as JAX prints it, each line exactly
// (jaxlib 0.10.2's own printer gives the same lines).
// RUN: jaxr-opt %s --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (b) MLIR's generic form reads back to the same pretty text.
// RUN: jaxr-opt %s --split-input-file --emit=generic | jaxr-opt --split-input-file | FileCheck %s --strict-whitespace --match-full-lines
// (c) Raising to jaxr and lowering back leaves a module of StableHLO alone.
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr, convert-jaxr-to-stablehlo)' | FileCheck %s --check-prefix=ROUND --strict-whitespace --match-full-lines

// CHECK-LABEL:  func.func @broadcast_in_dim(%arg0: tensor<f32>, %arg1: tensor<6xf32>) -> (tensor<6xf32>, tensor<6x5xf32>) {
// CHECK-NEXT:    %0 = stablehlo.broadcast_in_dim %arg0, dims = [] : (tensor<f32>) -> tensor<6xf32>
// CHECK-NEXT:    %1 = stablehlo.broadcast_in_dim %arg1, dims = [0] : (tensor<6xf32>) -> tensor<6x1xf32>
// CHECK-NEXT:    %2 = stablehlo.broadcast_in_dim %1, dims = [0, 1] : (tensor<6x1xf32>) -> tensor<6x5xf32>
// CHECK-NEXT:    return %0, %2 : tensor<6xf32>, tensor<6x5xf32>
// ROUND-LABEL:  func.func @broadcast_in_dim(%arg0: tensor<f32>, %arg1: tensor<6xf32>) -> (tensor<6xf32>, tensor<6x5xf32>) {
// ROUND-NEXT:    %0 = stablehlo.broadcast_in_dim %arg0, dims = [] : (tensor<f32>) -> tensor<6xf32>
// ROUND-NEXT:    %1 = stablehlo.broadcast_in_dim %arg1, dims = [0] : (tensor<6xf32>) -> tensor<6x1xf32>
// ROUND-NEXT:    %2 = stablehlo.broadcast_in_dim %1, dims = [0, 1] : (tensor<6x1xf32>) -> tensor<6x5xf32>
// ROUND-NEXT:    return %0, %2 : tensor<6xf32>, tensor<6x5xf32>

func.func @broadcast_in_dim(%x: tensor<f32>, %v: tensor<6xf32>) -> (tensor<6xf32>, tensor<6x5xf32>) {
  %0 = stablehlo.broadcast_in_dim %x, dims = [] : (tensor<f32>) -> tensor<6xf32>
  %1 = stablehlo.broadcast_in_dim %v, dims = [0] : (tensor<6xf32>) -> tensor<6x1xf32>
  %2 = stablehlo.broadcast_in_dim %1, dims = [0, 1] : (tensor<6x1xf32>) -> tensor<6x5xf32>
  return %0, %2 : tensor<6xf32>, tensor<6x5xf32>
}


// -----

// CHECK-LABEL:  func.func @reshape_transpose(%arg0: tensor<4x6xf32>) -> tensor<2x6x2xf32> {
// CHECK-NEXT:    %0 = stablehlo.reshape %arg0 : (tensor<4x6xf32>) -> tensor<2x2x6xf32>
// CHECK-NEXT:    %1 = stablehlo.transpose %0, dims = [1, 2, 0] : (tensor<2x2x6xf32>) -> tensor<2x6x2xf32>
// CHECK-NEXT:    return %1 : tensor<2x6x2xf32>
// ROUND-LABEL:  func.func @reshape_transpose(%arg0: tensor<4x6xf32>) -> tensor<2x6x2xf32> {
// ROUND-NEXT:    %0 = stablehlo.reshape %arg0 : (tensor<4x6xf32>) -> tensor<2x2x6xf32>
// ROUND-NEXT:    %1 = stablehlo.transpose %0, dims = [1, 2, 0] : (tensor<2x2x6xf32>) -> tensor<2x6x2xf32>
// ROUND-NEXT:    return %1 : tensor<2x6x2xf32>

func.func @reshape_transpose(%x: tensor<4x6xf32>) -> tensor<2x6x2xf32> {
  %0 = stablehlo.reshape %x : (tensor<4x6xf32>) -> tensor<2x2x6xf32>
  %1 = stablehlo.transpose %0, dims = [1, 2, 0] : (tensor<2x2x6xf32>) -> tensor<2x6x2xf32>
  return %1 : tensor<2x6x2xf32>
}


// -----

// CHECK-LABEL:  func.func @reshape_scalar(%arg0: tensor<1x1xf32>) -> tensor<f32> {
// CHECK-NEXT:    %0 = stablehlo.reshape %arg0 : (tensor<1x1xf32>) -> tensor<f32>
// CHECK-NEXT:    return %0 : tensor<f32>
// ROUND-LABEL:  func.func @reshape_scalar(%arg0: tensor<1x1xf32>) -> tensor<f32> {
// ROUND-NEXT:    %0 = stablehlo.reshape %arg0 : (tensor<1x1xf32>) -> tensor<f32>
// ROUND-NEXT:    return %0 : tensor<f32>

func.func @reshape_scalar(%x: tensor<1x1xf32>) -> tensor<f32> {
  %0 = stablehlo.reshape %x : (tensor<1x1xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}


// -----

// CHECK-LABEL:  func.func @reverse(%arg0: tensor<5x12xf32>) -> tensor<5x12xf32> {
// CHECK-NEXT:    %0 = stablehlo.reverse %arg0, dims = [0] : tensor<5x12xf32>
// CHECK-NEXT:    %1 = stablehlo.reverse %0, dims = [0, 1] : tensor<5x12xf32>
// CHECK-NEXT:    return %1 : tensor<5x12xf32>
// ROUND-LABEL:  func.func @reverse(%arg0: tensor<5x12xf32>) -> tensor<5x12xf32> {
// ROUND-NEXT:    %0 = stablehlo.reverse %arg0, dims = [0] : tensor<5x12xf32>
// ROUND-NEXT:    %1 = stablehlo.reverse %0, dims = [0, 1] : tensor<5x12xf32>
// ROUND-NEXT:    return %1 : tensor<5x12xf32>

func.func @reverse(%x: tensor<5x12xf32>) -> tensor<5x12xf32> {
  %0 = stablehlo.reverse %x, dims = [0] : tensor<5x12xf32>
  %1 = stablehlo.reverse %0, dims = [0, 1] : tensor<5x12xf32>
  return %1 : tensor<5x12xf32>
}


// -----

// CHECK-LABEL:  func.func @concatenate(%arg0: tensor<2x12xf32>, %arg1: tensor<2x12xf32>, %arg2: tensor<2x6xf32>) -> tensor<2x30xf32> {
// CHECK-NEXT:    %0 = stablehlo.concatenate %arg0, %arg1, %arg2, dim = 1 : (tensor<2x12xf32>, tensor<2x12xf32>, tensor<2x6xf32>) -> tensor<2x30xf32>
// CHECK-NEXT:    return %0 : tensor<2x30xf32>
// ROUND-LABEL:  func.func @concatenate(%arg0: tensor<2x12xf32>, %arg1: tensor<2x12xf32>, %arg2: tensor<2x6xf32>) -> tensor<2x30xf32> {
// ROUND-NEXT:    %0 = stablehlo.concatenate %arg0, %arg1, %arg2, dim = 1 : (tensor<2x12xf32>, tensor<2x12xf32>, tensor<2x6xf32>) -> tensor<2x30xf32>
// ROUND-NEXT:    return %0 : tensor<2x30xf32>

func.func @concatenate(%a: tensor<2x12xf32>, %b: tensor<2x12xf32>, %c: tensor<2x6xf32>) -> tensor<2x30xf32> {
  %0 = stablehlo.concatenate %a, %b, %c, dim = 1 : (tensor<2x12xf32>, tensor<2x12xf32>, tensor<2x6xf32>) -> tensor<2x30xf32>
  return %0 : tensor<2x30xf32>
}


// -----

// CHECK-LABEL:  func.func @pad(%arg0: tensor<5x12xf32>, %arg1: tensor<f32>, %arg2: tensor<3xf32>) -> (tensor<5x9xf32>, tensor<6xf32>) {
// CHECK-NEXT:    %0 = stablehlo.pad %arg0, %arg1, low = [0, -1], high = [0, -2], interior = [0, 0] : (tensor<5x12xf32>, tensor<f32>) -> tensor<5x9xf32>
// CHECK-NEXT:    %1 = stablehlo.pad %arg2, %arg1, low = [1], high = [0], interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
// CHECK-NEXT:    return %0, %1 : tensor<5x9xf32>, tensor<6xf32>
// ROUND-LABEL:  func.func @pad(%arg0: tensor<5x12xf32>, %arg1: tensor<f32>, %arg2: tensor<3xf32>) -> (tensor<5x9xf32>, tensor<6xf32>) {
// ROUND-NEXT:    %0 = stablehlo.pad %arg0, %arg1, low = [0, -1], high = [0, -2], interior = [0, 0] : (tensor<5x12xf32>, tensor<f32>) -> tensor<5x9xf32>
// ROUND-NEXT:    %1 = stablehlo.pad %arg2, %arg1, low = [1], high = [0], interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
// ROUND-NEXT:    return %0, %1 : tensor<5x9xf32>, tensor<6xf32>

func.func @pad(%x: tensor<5x12xf32>, %v: tensor<f32>, %y: tensor<3xf32>) -> (tensor<5x9xf32>, tensor<6xf32>) {
  %0 = stablehlo.pad %x, %v, low = [0, -1], high = [0, -2], interior = [0, 0] : (tensor<5x12xf32>, tensor<f32>) -> tensor<5x9xf32>
  %1 = stablehlo.pad %y, %v, low = [1], high = [0], interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
  return %0, %1 : tensor<5x9xf32>, tensor<6xf32>
}


// -----

// CHECK-LABEL:  func.func @slice(%arg0: tensor<2x30xf32>) -> (tensor<2x9xf32>, tensor<1x30xf32>) {
// CHECK-NEXT:    %0 = stablehlo.slice %arg0 [0:2, 1:28:3] : (tensor<2x30xf32>) -> tensor<2x9xf32>
// CHECK-NEXT:    %1 = stablehlo.slice %arg0 [1:2, 0:30] : (tensor<2x30xf32>) -> tensor<1x30xf32>
// CHECK-NEXT:    return %0, %1 : tensor<2x9xf32>, tensor<1x30xf32>
// ROUND-LABEL:  func.func @slice(%arg0: tensor<2x30xf32>) -> (tensor<2x9xf32>, tensor<1x30xf32>) {
// ROUND-NEXT:    %0 = stablehlo.slice %arg0 [0:2, 1:28:3] : (tensor<2x30xf32>) -> tensor<2x9xf32>
// ROUND-NEXT:    %1 = stablehlo.slice %arg0 [1:2, 0:30] : (tensor<2x30xf32>) -> tensor<1x30xf32>
// ROUND-NEXT:    return %0, %1 : tensor<2x9xf32>, tensor<1x30xf32>

func.func @slice(%x: tensor<2x30xf32>) -> (tensor<2x9xf32>, tensor<1x30xf32>) {
  %0 = stablehlo.slice %x [0:2, 1:28:3] : (tensor<2x30xf32>) -> tensor<2x9xf32>
  %1 = stablehlo.slice %x [1:2, 0:30] : (tensor<2x30xf32>) -> tensor<1x30xf32>
  return %0, %1 : tensor<2x9xf32>, tensor<1x30xf32>
}


// -----

// CHECK-LABEL:  func.func @dynamic_slice(%arg0: tensor<10x4xf32>, %arg1: tensor<i32>, %arg2: tensor<i32>) -> tensor<1x1xf32> {
// CHECK-NEXT:    %0 = stablehlo.dynamic_slice %arg0, %arg1, %arg2, sizes = [1, 1] : (tensor<10x4xf32>, tensor<i32>, tensor<i32>) -> tensor<1x1xf32>
// CHECK-NEXT:    return %0 : tensor<1x1xf32>
// ROUND-LABEL:  func.func @dynamic_slice(%arg0: tensor<10x4xf32>, %arg1: tensor<i32>, %arg2: tensor<i32>) -> tensor<1x1xf32> {
// ROUND-NEXT:    %0 = stablehlo.dynamic_slice %arg0, %arg1, %arg2, sizes = [1, 1] : (tensor<10x4xf32>, tensor<i32>, tensor<i32>) -> tensor<1x1xf32>
// ROUND-NEXT:    return %0 : tensor<1x1xf32>

func.func @dynamic_slice(%x: tensor<10x4xf32>, %i: tensor<i32>, %j: tensor<i32>) -> tensor<1x1xf32> {
  %0 = stablehlo.dynamic_slice %x, %i, %j, sizes = [1, 1] : (tensor<10x4xf32>, tensor<i32>, tensor<i32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}


// -----

// CHECK-LABEL:  func.func @dynamic_update_slice(%arg0: tensor<16x8xf32>, %arg1: tensor<4x3xf32>, %arg2: tensor<i32>, %arg3: tensor<i32>) -> tensor<16x8xf32> {
// CHECK-NEXT:    %0 = stablehlo.dynamic_update_slice %arg0, %arg1, %arg2, %arg3 : (tensor<16x8xf32>, tensor<4x3xf32>, tensor<i32>, tensor<i32>) -> tensor<16x8xf32>
// CHECK-NEXT:    return %0 : tensor<16x8xf32>
// ROUND-LABEL:  func.func @dynamic_update_slice(%arg0: tensor<16x8xf32>, %arg1: tensor<4x3xf32>, %arg2: tensor<i32>, %arg3: tensor<i32>) -> tensor<16x8xf32> {
// ROUND-NEXT:    %0 = stablehlo.dynamic_update_slice %arg0, %arg1, %arg2, %arg3 : (tensor<16x8xf32>, tensor<4x3xf32>, tensor<i32>, tensor<i32>) -> tensor<16x8xf32>
// ROUND-NEXT:    return %0 : tensor<16x8xf32>

func.func @dynamic_update_slice(%x: tensor<16x8xf32>, %u: tensor<4x3xf32>, %i: tensor<i32>, %j: tensor<i32>) -> tensor<16x8xf32> {
  %0 = stablehlo.dynamic_update_slice %x, %u, %i, %j : (tensor<16x8xf32>, tensor<4x3xf32>, tensor<i32>, tensor<i32>) -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}


// -----

// CHECK-LABEL:  func.func @iota() -> (tensor<6xi32>, tensor<6x6xi32>, tensor<2xui64>, tensor<3x4xf32>) {
// CHECK-NEXT:    %0 = stablehlo.iota dim = 0 : tensor<6xi32>
// CHECK-NEXT:    %1 = stablehlo.iota dim = 1 : tensor<6x6xi32>
// CHECK-NEXT:    %2 = stablehlo.iota dim = 0 : tensor<2xui64>
// CHECK-NEXT:    %3 = stablehlo.iota dim = 1 : tensor<3x4xf32>
// CHECK-NEXT:    return %0, %1, %2, %3 : tensor<6xi32>, tensor<6x6xi32>, tensor<2xui64>, tensor<3x4xf32>
// ROUND-LABEL:  func.func @iota() -> (tensor<6xi32>, tensor<6x6xi32>, tensor<2xui64>, tensor<3x4xf32>) {
// ROUND-NEXT:    %0 = stablehlo.iota dim = 0 : tensor<6xi32>
// ROUND-NEXT:    %1 = stablehlo.iota dim = 1 : tensor<6x6xi32>
// ROUND-NEXT:    %2 = stablehlo.iota dim = 0 : tensor<2xui64>
// ROUND-NEXT:    %3 = stablehlo.iota dim = 1 : tensor<3x4xf32>
// ROUND-NEXT:    return %0, %1, %2, %3 : tensor<6xi32>, tensor<6x6xi32>, tensor<2xui64>, tensor<3x4xf32>

func.func @iota() -> (tensor<6xi32>, tensor<6x6xi32>, tensor<2xui64>, tensor<3x4xf32>) {
  %0 = stablehlo.iota dim = 0 : tensor<6xi32>
  %1 = stablehlo.iota dim = 1 : tensor<6x6xi32>
  %2 = stablehlo.iota dim = 0 : tensor<2xui64>
  %3 = stablehlo.iota dim = 1 : tensor<3x4xf32>
  return %0, %1, %2, %3 : tensor<6xi32>, tensor<6x6xi32>, tensor<2xui64>, tensor<3x4xf32>
}


// -----

// CHECK-LABEL:  func.func @generic_input(%arg0: tensor<4x6xf32>, %arg1: tensor<f32>) -> tensor<3x8xf32> {
// CHECK-NEXT:    %0 = stablehlo.transpose %arg0, dims = [1, 0] : (tensor<4x6xf32>) -> tensor<6x4xf32>
// CHECK-NEXT:    %1 = stablehlo.slice %0 [0:6:2, 1:4] : (tensor<6x4xf32>) -> tensor<3x3xf32>
// CHECK-NEXT:    %2 = stablehlo.pad %1, %arg1, low = [0, 1], high = [0, 2], interior = [0, 1] : (tensor<3x3xf32>, tensor<f32>) -> tensor<3x8xf32>
// CHECK-NEXT:    return %2 : tensor<3x8xf32>
// ROUND-LABEL:  func.func @generic_input(%arg0: tensor<4x6xf32>, %arg1: tensor<f32>) -> tensor<3x8xf32> {
// ROUND-NEXT:    %0 = stablehlo.transpose %arg0, dims = [1, 0] : (tensor<4x6xf32>) -> tensor<6x4xf32>
// ROUND-NEXT:    %1 = stablehlo.slice %0 [0:6:2, 1:4] : (tensor<6x4xf32>) -> tensor<3x3xf32>
// ROUND-NEXT:    %2 = stablehlo.pad %1, %arg1, low = [0, 1], high = [0, 2], interior = [0, 1] : (tensor<3x3xf32>, tensor<f32>) -> tensor<3x8xf32>
// ROUND-NEXT:    return %2 : tensor<3x8xf32>

// The generic form in the input prints in the pretty syntax.
func.func @generic_input(%x: tensor<4x6xf32>, %v: tensor<f32>) -> tensor<3x8xf32> {
  %0 = "stablehlo.transpose"(%x) <{permutation = array<i64: 1, 0>}> : (tensor<4x6xf32>) -> tensor<6x4xf32>
  %1 = "stablehlo.slice"(%0) <{limit_indices = array<i64: 6, 4>, start_indices = array<i64: 0, 1>, strides = array<i64: 2, 1>}> : (tensor<6x4xf32>) -> tensor<3x3xf32>
  %2 = "stablehlo.pad"(%1, %v) <{edge_padding_high = array<i64: 0, 2>, edge_padding_low = array<i64: 0, 1>, interior_padding = array<i64: 0, 1>}> : (tensor<3x3xf32>, tensor<f32>) -> tensor<3x8xf32>
  return %2 : tensor<3x8xf32>
}
