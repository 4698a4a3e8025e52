// w * axis_index("data") on a 2 x 2 mesh, written as JAX writes axis_index
// (partition_id, divide, remainder). The index varies over "data" only: w,
// the same on every device, is summed over "data", not over "model".
module attributes {mhlo.num_partitions = 4 : i32, mhlo.num_replicas = 1 : i32} {
  sdy.mesh @mesh = <["data"=2, "model"=2]>
  func.func private @f(%w: tensor<3xf32>) -> tensor<2x3xf32> {
    %0 = sdy.manual_computation(%w) in_shardings=[<@mesh, [{}]>] out_shardings=[<@mesh, [{"data"}, {}]>] manual_axes={"data", "model"} (%wl: tensor<3xf32>) {
      %c = stablehlo.constant dense<2> : tensor<ui32>
      %c_0 = stablehlo.constant dense<2> : tensor<ui32>
      %1 = stablehlo.partition_id : tensor<ui32>
      %2 = stablehlo.divide %1, %c : tensor<ui32>
      %3 = stablehlo.remainder %2, %c_0 : tensor<ui32>
      %5 = stablehlo.convert %3 : (tensor<ui32>) -> tensor<f32>
      %6 = stablehlo.broadcast_in_dim %5, dims = [] : (tensor<f32>) -> tensor<1x3xf32>
      %w2 = stablehlo.broadcast_in_dim %wl, dims = [1] : (tensor<3xf32>) -> tensor<1x3xf32>
      %7 = stablehlo.multiply %w2, %6 : tensor<1x3xf32>
      sdy.return %7 : tensor<1x3xf32>
    } : (tensor<3xf32>) -> tensor<2x3xf32>
    return %0 : tensor<2x3xf32>
  }
  func.func @main(%w: tensor<3xf32> {sdy.sharding = #sdy.sharding<@mesh, [{}]>}, %g: tensor<2x3xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>}) -> (tensor<3xf32> {sdy.sharding = #sdy.sharding<@mesh, [{}]>}) {
    %0 = jaxr.vjp @f(%w, %g) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<3xf32>
    return %0 : tensor<3xf32>
  }
  func.func @fwd(%w: tensor<3xf32> {sdy.sharding = #sdy.sharding<@mesh, [{}]>}) -> (tensor<2x3xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>}) {
    %0 = func.call @f(%w) : (tensor<3xf32>) -> tensor<2x3xf32>
    return %0 : tensor<2x3xf32>
  }
}
