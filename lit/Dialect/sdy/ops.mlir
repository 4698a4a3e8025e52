// sdy ops (Shardy, JAX's default partitioner) parse, verify and print back
// as JAX prints them; upstream passes keep them: a dangling sharding
// constraint still says how its operand is laid out, so canonicalize and
// cse must not erase it.
//
// RUN: jaxr-opt %s | FileCheck %s
// RUN: jaxr-opt %s | jaxr-opt | FileCheck %s
// RUN: jaxr-opt %s --emit=generic | jaxr-opt --emit=generic | FileCheck %s --check-prefix=GENERIC
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(canonicalize,cse,symbol-dce)' | FileCheck %s --check-prefix=PASSES

// CHECK: sdy.mesh @mesh = <["data"=4, "model"=2]>
// GENERIC: "sdy.mesh"() <{mesh = #sdy.mesh<["data"=4, "model"=2]>, sym_name = "mesh"}> : () -> ()
// PASSES: sdy.mesh @mesh
sdy.mesh @mesh = <["data"=4, "model"=2]>
// CHECK: sdy.mesh @listed = <["x"=2], device_ids=[1, 0]>
sdy.mesh @listed = <["x"=2], device_ids=[1, 0]>

// CHECK-LABEL: func.func @constraints
// CHECK-SAME: (%arg0: tensor<16x8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>})
// CHECK-SAME: -> (tensor<16x8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data", ?}, {"model"}]>})
// PASSES-LABEL: func.func @constraints
func.func @constraints(%x: tensor<16x8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>})
    -> (tensor<16x8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data", ?}, {"model"}]>}) {
  // CHECK: %0 = sdy.sharding_constraint %arg0 <@mesh, [{"data"}, {"model"}]> : tensor<16x8xf32>
  // GENERIC: "sdy.sharding_constraint"(%{{.*}}) <{sharding = #sdy.sharding<@mesh, [{"data"}, {"model"}]>}> : (tensor<16x8xf32>) -> tensor<16x8xf32>
  %0 = sdy.sharding_constraint %x <@mesh, [{"data"}, {"model"}]> : tensor<16x8xf32>
  // A dangling constraint stays.
  // PASSES: sdy.sharding_constraint %arg0 <@mesh, [{}, {"model"}], replicated={"data"}>
  %1 = sdy.sharding_constraint %x <@mesh, [{}, {"model"}], replicated={"data"}> : tensor<16x8xf32>
  // CHECK: sdy.reshard %0 <@listed, [{"x"}, {}]> : tensor<16x8xf32>
  %2 = sdy.reshard %0 <@listed, [{"x"}, {}]> : tensor<16x8xf32>
  // CHECK: sdy.sharding_group %2 group_id=0 : tensor<16x8xf32>
  sdy.sharding_group %2 group_id=0 : tensor<16x8xf32>
  return %2 : tensor<16x8xf32>
}

// A shard_map body: each device sees a 4x4 block of x and 4 rows of w.
// CHECK-LABEL: func.func @shard_map
// PASSES-LABEL: func.func @shard_map
func.func @shard_map(%x: tensor<16x8xf32>, %w: tensor<8x4xf32>) -> tensor<16x4xf32> {
  // CHECK: %0 = sdy.manual_computation(%arg0, %arg1) in_shardings=[<@mesh, [{"data"}, {"model"}]>, <@mesh, [{"model"}, {}]>] out_shardings=[<@mesh, [{"data"}, {}]>] manual_axes={"data", "model"} (%arg2: tensor<4x4xf32>, %arg3: tensor<4x4xf32>) {
  // CHECK-NEXT: %1 = stablehlo.dot_general %arg2, %arg3, contracting_dims = [1] x [0] : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  // CHECK-NEXT: sdy.return %1 : tensor<4x4xf32>
  // CHECK-NEXT: } : (tensor<16x8xf32>, tensor<8x4xf32>) -> tensor<16x4xf32>
  // GENERIC: "sdy.manual_computation"(%{{.*}}, %{{.*}}) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {"model"}]>, <@mesh, [{"model"}, {}]>]>, manual_axes = #sdy<manual_axes{"data", "model"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>}> ({
  // GENERIC: "sdy.return"(%{{.*}}) : (tensor<4x4xf32>) -> ()
  // PASSES: sdy.manual_computation
  %0 = sdy.manual_computation(%x, %w) in_shardings=[<@mesh, [{"data"}, {"model"}]>, <@mesh, [{"model"}, {}]>] out_shardings=[<@mesh, [{"data"}, {}]>] manual_axes={"data", "model"} (%xl: tensor<4x4xf32>, %wl: tensor<4x4xf32>) {
    %1 = stablehlo.dot_general %xl, %wl, contracting_dims = [1] x [0] : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    sdy.return %1 : tensor<4x4xf32>
  } : (tensor<16x8xf32>, tensor<8x4xf32>) -> tensor<16x4xf32>
  return %0 : tensor<16x4xf32>
}
