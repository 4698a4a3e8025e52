// A cond whose index differs between devices (partition_id mod 2): even
// devices scale x by w, odd ones by 2w. Reverse mode runs both branches on
// every device and selects, so w's cotangent (the same w on every device)
// is summed over all of them.
module attributes {mhlo.num_partitions = 4 : i32, mhlo.num_replicas = 1 : i32} {
"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
func.func private @f(%x: tensor<8xf32>, %w: tensor<2xf32>) -> tensor<8xf32> {
  %0 = "sdy.manual_computation"(%x, %w) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}]>, <@mesh, [{}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}]>]>}> ({
  ^bb0(%xl: tensor<2xf32>, %wl: tensor<2xf32>):
    %id = "stablehlo.partition_id"() : () -> tensor<ui32>
    %i = jaxr.convert_element_type %id : tensor<ui32> -> tensor<i32>
    %two = jaxr.constant dense<2> : tensor<i32>
    %parity = jaxr.rem %i, %two : tensor<i32>
    %1 = jaxr.cond %parity : tensor<i32> -> (tensor<2xf32>) {
      %2 = jaxr.mul %xl, %wl : tensor<2xf32>
      jaxr.yield %2 : tensor<2xf32>
    }, {
      %3 = jaxr.add %wl, %wl : tensor<2xf32>
      %4 = jaxr.mul %xl, %3 : tensor<2xf32>
      jaxr.yield %4 : tensor<2xf32>
    }
    "sdy.return"(%1) : (tensor<2xf32>) -> ()
  }) : (tensor<8xf32>, tensor<2xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @main(%x: tensor<8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}]>}, %w: tensor<2xf32> {sdy.sharding = #sdy.sharding<@mesh, [{}]>}, %g: tensor<8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}]>}) -> (tensor<8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}]>}, tensor<2xf32> {sdy.sharding = #sdy.sharding<@mesh, [{}]>}) {
  %0:2 = jaxr.vjp @f(%x, %w, %g) {argnums = array<i64: 0, 1>} : (tensor<8xf32>, tensor<2xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<2xf32>)
  return %0#0, %0#1 : tensor<8xf32>, tensor<2xf32>
}
}
