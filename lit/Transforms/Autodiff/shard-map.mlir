// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=FORWARD
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=REVERSE

// A shard_map body (sdy.manual_computation) over 4 devices: x split by
// rows, w replicated, psum of x * w. Reverse mode is a second region that
// takes the cotangent (replicated, as the result) and recomputes the body:
// psum transposes to the cotangent itself; w is the same on every device
// but each used it with its own rows (JAX's implicit pvary), so w's
// cotangent is the psum of the devices' contributions. Forward mode is one
// region with the tangents, the psum applied to the tangent too (on a
// channel of its own).

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
// FORWARD-LABEL: func.func private @scaled_sum_jvp_0(%arg0: tensor<8x3xf32>, %arg1: tensor<3xf32>, %arg2: tensor<8x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
// FORWARD-NEXT: %0:2 = "sdy.manual_computation"(%arg0, %arg1, %arg2) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{}]>, <@mesh, [{"data"}, {}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{}, {}]>, <@mesh, [{}, {}]>]>}> ({
// FORWARD-NEXT: ^bb0(%arg3: tensor<2x3xf32>, %arg4: tensor<3xf32>, %arg5: tensor<2x3xf32>):
// FORWARD-NEXT: %1 = jaxr.broadcast_in_dim %arg4, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
// FORWARD-NEXT: %2 = jaxr.mul %arg3, %1 : tensor<2x3xf32>
// FORWARD-NEXT: %3 = jaxr.mul %arg5, %1 : tensor<2x3xf32>
// FORWARD-NEXT: %4 = "stablehlo.all_reduce"(%2) <{channel_handle = #stablehlo.channel_handle<handle = 4, type = 1>, replica_groups = dense<{{\[\[}}0, 1, 2, 3{{\]\]}}> : tensor<1x4xi64>, use_global_device_ids}> ({
// FORWARD-NEXT: ^bb0(%arg6: tensor<f32>, %arg7: tensor<f32>):
// FORWARD-NEXT: %6 = "stablehlo.add"(%arg6, %arg7) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// FORWARD-NEXT: "stablehlo.return"(%6) : (tensor<f32>) -> ()
// FORWARD-NEXT: }) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// FORWARD-NEXT: %5 = "stablehlo.all_reduce"(%3) <{channel_handle = #stablehlo.channel_handle<handle = 5, type = 1>, replica_groups = dense<{{\[\[}}0, 1, 2, 3{{\]\]}}> : tensor<1x4xi64>, use_global_device_ids}> ({
// FORWARD-NEXT: ^bb0(%arg6: tensor<f32>, %arg7: tensor<f32>):
// FORWARD-NEXT: %6 = "stablehlo.add"(%arg6, %arg7) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// FORWARD-NEXT: "stablehlo.return"(%6) : (tensor<f32>) -> ()
// FORWARD-NEXT: }) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// FORWARD-NEXT: "sdy.return"(%4, %5) : (tensor<2x3xf32>, tensor<2x3xf32>) -> ()
// FORWARD-NEXT: }) : (tensor<8x3xf32>, tensor<3xf32>, tensor<8x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
// FORWARD-NEXT: return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xf32>
// REVERSE-LABEL: func.func private @scaled_sum_vjp_0_1(%arg0: tensor<8x3xf32>, %arg1: tensor<3xf32>, %arg2: tensor<2x3xf32>) -> (tensor<8x3xf32>, tensor<3xf32>) {
// REVERSE-NEXT: %0:2 = "sdy.manual_computation"(%arg0, %arg1, %arg2) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{}]>, <@mesh, [{}, {}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{}]>]>}> ({
// REVERSE-NEXT: ^bb0(%arg3: tensor<2x3xf32>, %arg4: tensor<3xf32>, %arg5: tensor<2x3xf32>):
// REVERSE-NEXT: %1 = jaxr.broadcast_in_dim %arg4, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
// REVERSE-NEXT: %2 = jaxr.mul %arg5, %1 : tensor<2x3xf32>
// REVERSE-NEXT: %3 = jaxr.mul %arg3, %arg5 : tensor<2x3xf32>
// REVERSE-NEXT: %4 = "stablehlo.all_reduce"(%3) <{channel_handle = #stablehlo.channel_handle<handle = 3, type = 1>, replica_groups = dense<{{\[\[}}0, 1, 2, 3{{\]\]}}> : tensor<1x4xi64>, use_global_device_ids}> ({
// REVERSE-NEXT: ^bb0(%arg6: tensor<f32>, %arg7: tensor<f32>):
// REVERSE-NEXT: %6 = "stablehlo.add"(%arg6, %arg7) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// REVERSE-NEXT: "stablehlo.return"(%6) : (tensor<f32>) -> ()
// REVERSE-NEXT: }) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// REVERSE-NEXT: %5 = jaxr.reduce_sum %4, axes = [0] : tensor<2x3xf32> -> tensor<3xf32>
// REVERSE-NEXT: "sdy.return"(%2, %5) : (tensor<2x3xf32>, tensor<3xf32>) -> ()
// REVERSE-NEXT: }) : (tensor<8x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> (tensor<8x3xf32>, tensor<3xf32>)
// REVERSE-NEXT: return %0#0, %0#1 : tensor<8x3xf32>, tensor<3xf32>
func.func private @scaled_sum(%x: tensor<8x3xf32>, %w: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = "sdy.manual_computation"(%x, %w) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{}, {}]>]>}> ({
  ^bb0(%xl: tensor<2x3xf32>, %wl: tensor<3xf32>):
    %1 = jaxr.broadcast_in_dim %wl, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
    %2 = jaxr.mul %xl, %1 : tensor<2x3xf32>
    %3 = "stablehlo.all_reduce"(%2) <{channel_handle = #stablehlo.channel_handle<handle = 1, type = 1>, replica_groups = dense<[[0, 1, 2, 3]]> : tensor<1x4xi64>, use_global_device_ids}> ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%s) : (tensor<f32>) -> ()
    }) : (tensor<2x3xf32>) -> tensor<2x3xf32>
    "sdy.return"(%3) : (tensor<2x3xf32>) -> ()
  }) : (tensor<8x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
func.func @scaled_sum_rev(%x: tensor<8x3xf32>, %w: tensor<3xf32>, %g: tensor<2x3xf32>) -> (tensor<8x3xf32>, tensor<3xf32>) {
  %0:2 = jaxr.vjp @scaled_sum(%x, %w, %g) {argnums = array<i64: 0, 1>} : (tensor<8x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> (tensor<8x3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<8x3xf32>, tensor<3xf32>
}
func.func @scaled_sum_fwd(%x: tensor<8x3xf32>, %w: tensor<3xf32>, %t: tensor<8x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0:2 = jaxr.jvp @scaled_sum(%x, %w, %t) {argnums = array<i64: 0>} : (tensor<8x3xf32>, tensor<3xf32>, tensor<8x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// all_gather transposes to this device's block of the cotangent (its
// position in its group, read off partition_id); ppermute to ppermute back.
// The gathered value is the same on every device, but the out_sharding
// returns one copy per device: its cotangent is first summed over them.

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
// REVERSE-LABEL: func.func private @gather_shift_vjp_0(%arg0: tensor<8x3xf32>, %arg1: tensor<32x3xf32>) -> tensor<8x3xf32> {
// REVERSE-NEXT: %0 = "sdy.manual_computation"(%arg0, %arg1) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{"data"}, {}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>}> ({
// REVERSE-NEXT: ^bb0(%arg2: tensor<2x3xf32>, %arg3: tensor<8x3xf32>):
// REVERSE-NEXT: %1 = "stablehlo.all_reduce"(%arg3) <{channel_handle = #stablehlo.channel_handle<handle = 5, type = 1>, replica_groups = dense<{{\[\[}}0, 1, 2, 3{{\]\]}}> : tensor<1x4xi64>, use_global_device_ids}> ({
// REVERSE-NEXT: ^bb0(%arg4: tensor<f32>, %arg5: tensor<f32>):
// REVERSE-NEXT: %12 = "stablehlo.add"(%arg4, %arg5) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// REVERSE-NEXT: "stablehlo.return"(%12) : (tensor<f32>) -> ()
// REVERSE-NEXT: }) : (tensor<8x3xf32>) -> tensor<8x3xf32>
// REVERSE-NEXT: %2 = jaxr.constant dense<[0, 1, 2, 3]> : tensor<4xi32>
// REVERSE-NEXT: %3 = "stablehlo.partition_id"() : () -> tensor<ui32>
// REVERSE-NEXT: %4 = jaxr.convert_element_type %3 : tensor<ui32> -> tensor<i32>
// REVERSE-NEXT: %5 = jaxr.dynamic_slice %2[%4] sizes = [1] : (tensor<4xi32>, tensor<i32>) -> tensor<1xi32>
// REVERSE-NEXT: %6 = jaxr.reshape %5 : tensor<1xi32> -> tensor<i32>
// REVERSE-NEXT: %7 = jaxr.constant dense<2> : tensor<i32>
// REVERSE-NEXT: %8 = jaxr.mul %6, %7 : tensor<i32>
// REVERSE-NEXT: %9 = jaxr.constant dense<0> : tensor<i32>
// REVERSE-NEXT: %10 = jaxr.dynamic_slice %1[%8, %9] sizes = [2, 3] : (tensor<8x3xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
// REVERSE-NEXT: %11 = "stablehlo.collective_permute"(%10) <{channel_handle = #stablehlo.channel_handle<handle = 6, type = 1>, source_target_pairs = dense<{{\[\[}}1, 0], [2, 1], [3, 2], [0, 3{{\]\]}}> : tensor<4x2xi64>}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
// REVERSE-NEXT: "sdy.return"(%11) : (tensor<2x3xf32>) -> ()
// REVERSE-NEXT: }) : (tensor<8x3xf32>, tensor<32x3xf32>) -> tensor<8x3xf32>
// REVERSE-NEXT: return %0 : tensor<8x3xf32>
func.func private @gather_shift(%x: tensor<8x3xf32>) -> tensor<32x3xf32> {
  %0 = "sdy.manual_computation"(%x) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>}> ({
  ^bb0(%xl: tensor<2x3xf32>):
    %1 = "stablehlo.collective_permute"(%xl) <{channel_handle = #stablehlo.channel_handle<handle = 1, type = 1>, source_target_pairs = dense<[[0, 1], [1, 2], [2, 3], [3, 0]]> : tensor<4x2xi64>}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
    %2 = "stablehlo.all_gather"(%1) <{all_gather_dim = 0 : i64, channel_handle = #stablehlo.channel_handle<handle = 2, type = 1>, replica_groups = dense<[[0, 1, 2, 3]]> : tensor<1x4xi64>, use_global_device_ids}> : (tensor<2x3xf32>) -> tensor<8x3xf32>
    "sdy.return"(%2) : (tensor<8x3xf32>) -> ()
  }) : (tensor<8x3xf32>) -> tensor<32x3xf32>
  return %0 : tensor<32x3xf32>
}
func.func @gather_shift_rev(%x: tensor<8x3xf32>, %g: tensor<32x3xf32>) -> tensor<8x3xf32> {
  %0 = jaxr.vjp @gather_shift(%x, %g) {argnums = array<i64: 0>} : (tensor<8x3xf32>, tensor<32x3xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}
