// A barrier passes w (the same on every device) and x (split by rows)
// through: w's cotangent is its own, not summed with x's typing.
module attributes {mhlo.num_partitions = 4 : i32, mhlo.num_replicas = 1 : i32} {
"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
func.func private @f(%x: tensor<8x3xf32>, %w: tensor<3xf32>) -> (tensor<3xf32>, tensor<8x3xf32>) {
  %0:2 = "sdy.manual_computation"(%x, %w) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{}]>, <@mesh, [{"data"}, {}]>]>}> ({
  ^bb0(%xl: tensor<2x3xf32>, %wl: tensor<3xf32>):
    %b:2 = jaxr.optimization_barrier %wl, %xl : (tensor<3xf32>, tensor<2x3xf32>) -> (tensor<3xf32>, tensor<2x3xf32>)
    "sdy.return"(%b#0, %b#1) : (tensor<3xf32>, tensor<2x3xf32>) -> ()
  }) : (tensor<8x3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<8x3xf32>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<8x3xf32>
}
func.func @main(%x: tensor<8x3xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>}, %w: tensor<3xf32>, %gw: tensor<3xf32>, %gx: tensor<8x3xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>}) -> (tensor<3xf32>) {
  %0:2 = jaxr.vjp @f(%x, %w, %gw, %gx) {argnums = array<i64: 0, 1>} : (tensor<8x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<8x3xf32>) -> (tensor<8x3xf32>, tensor<3xf32>)
  return %0#1 : tensor<3xf32>
}
}
