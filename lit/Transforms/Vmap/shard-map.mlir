// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-vmap)' | FileCheck %s --check-prefix=BATCHED

// vmap of a shard_map region: the batch is a new leading dimension that no
// mesh axis splits ({} first in the shardings of the batched operand and of
// every result); the body is batched, and its collectives work on the same
// devices with their dimensions one further (all_gather_dim 0 -> 1).

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
// BATCHED-LABEL: func.func private @gather_scaled_vmap_0_n(%arg0: tensor<5x8x3xf32>, %arg1: tensor<3xf32>) -> tensor<5x32x3xf32> {
// BATCHED-NEXT: %0 = "sdy.manual_computation"(%arg0, %arg1) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{}, {"data"}, {}]>, <@mesh, [{}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{}, {"data"}, {}]>]>}> ({
// BATCHED-NEXT: ^bb0(%arg2: tensor<5x2x3xf32>, %arg3: tensor<3xf32>):
// BATCHED-NEXT: %1 = jaxr.broadcast_in_dim %arg3, dims = [2] : tensor<3xf32> -> tensor<5x2x3xf32>
// BATCHED-NEXT: %2 = jaxr.mul %1, %arg2 : tensor<5x2x3xf32>
// BATCHED-NEXT: %3 = "stablehlo.all_gather"(%2) <{all_gather_dim = 1 : i64, channel_handle = #stablehlo.channel_handle<handle = 2, type = 1>, replica_groups = dense<{{\[\[}}0, 1, 2, 3{{\]\]}}> : tensor<1x4xi64>, use_global_device_ids}> : (tensor<5x2x3xf32>) -> tensor<5x8x3xf32>
// BATCHED-NEXT: "sdy.return"(%3) : (tensor<5x8x3xf32>) -> ()
// BATCHED-NEXT: }) : (tensor<5x8x3xf32>, tensor<3xf32>) -> tensor<5x32x3xf32>
// BATCHED-NEXT: return %0 : tensor<5x32x3xf32>
func.func private @gather_scaled(%x: tensor<8x3xf32>, %w: tensor<3xf32>) -> tensor<32x3xf32> {
  %0 = "sdy.manual_computation"(%x, %w) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>}> ({
  ^bb0(%xl: tensor<2x3xf32>, %wl: tensor<3xf32>):
    %1 = jaxr.broadcast_in_dim %wl, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
    %2 = jaxr.mul %xl, %1 : tensor<2x3xf32>
    %3 = "stablehlo.all_gather"(%2) <{all_gather_dim = 0 : i64, channel_handle = #stablehlo.channel_handle<handle = 1, type = 1>, replica_groups = dense<[[0, 1, 2, 3]]> : tensor<1x4xi64>, use_global_device_ids}> : (tensor<2x3xf32>) -> tensor<8x3xf32>
    "sdy.return"(%3) : (tensor<8x3xf32>) -> ()
  }) : (tensor<8x3xf32>, tensor<3xf32>) -> tensor<32x3xf32>
  return %0 : tensor<32x3xf32>
}
func.func @batched(%x: tensor<5x8x3xf32>, %w: tensor<3xf32>) -> tensor<5x32x3xf32> {
  %0 = jaxr.vmap @gather_scaled(%x, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0>} : (tensor<5x8x3xf32>, tensor<3xf32>) -> tensor<5x32x3xf32>
  return %0 : tensor<5x32x3xf32>
}

// -----

// psum_scatter (reduce_scatter) of a batched value: the scatter dimension
// moves past the batch; the reduction is over the same devices.

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
// BATCHED-LABEL: func.func private @scatter_vmap_0(%arg0: tensor<5x8x3xf32>) -> tensor<5x8x3xf32> {
// BATCHED-NEXT: %0 = sdy.manual_computation(%arg0) in_shardings=[<@mesh, [{}, {}, {}]>] out_shardings=[<@mesh, [{}, {"data"}, {}]>] manual_axes={"data"} (%arg1: tensor<5x8x3xf32>) {
// BATCHED-NEXT: %1 = "stablehlo.reduce_scatter"(%arg1) <{channel_handle = #stablehlo.channel_handle<handle = 2, type = 1>, replica_groups = dense<{{\[\[}}0, 1, 2, 3{{\]\]}}> : tensor<1x4xi64>, scatter_dimension = 1 : i64, use_global_device_ids}> ({
// BATCHED-NEXT: ^bb0(%arg2: tensor<f32>, %arg3: tensor<f32>):
// BATCHED-NEXT: %2 = stablehlo.add %arg2, %arg3 : tensor<f32>
// BATCHED-NEXT: stablehlo.return %2 : tensor<f32>
// BATCHED-NEXT: }) : (tensor<5x8x3xf32>) -> tensor<5x2x3xf32>
// BATCHED-NEXT: sdy.return %1 : tensor<5x2x3xf32>
// BATCHED-NEXT: } : (tensor<5x8x3xf32>) -> tensor<5x8x3xf32>
// BATCHED-NEXT: return %0 : tensor<5x8x3xf32>
func.func private @scatter(%x: tensor<8x3xf32>) -> tensor<8x3xf32> {
  %0 = "sdy.manual_computation"(%x) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{}, {}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>}> ({
  ^bb0(%xl: tensor<8x3xf32>):
    %1 = "stablehlo.reduce_scatter"(%xl) <{channel_handle = #stablehlo.channel_handle<handle = 1, type = 1>, replica_groups = dense<[[0, 1, 2, 3]]> : tensor<1x4xi64>, scatter_dimension = 0 : i64, use_global_device_ids}> ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%s) : (tensor<f32>) -> ()
    }) : (tensor<8x3xf32>) -> tensor<2x3xf32>
    "sdy.return"(%1) : (tensor<2x3xf32>) -> ()
  }) : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}
func.func @batched_scatter(%x: tensor<5x8x3xf32>) -> tensor<5x8x3xf32> {
  %0 = jaxr.vmap @scatter(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<5x8x3xf32>) -> tensor<5x8x3xf32>
  return %0 : tensor<5x8x3xf32>
}
