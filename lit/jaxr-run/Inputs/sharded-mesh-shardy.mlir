// sharded-mesh.mlir in Shardy's form, as JAX writes it by default: a 2 x 4
// mesh declared once, each argument and result sharded over its axes by
// name; w's rows over "y" (replicated over "x"), the result's rows over "x".
module @mesh attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  sdy.mesh @mesh = <["x"=2, "y"=4]>
  func.func public @main(%x: tensor<4x8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"x"}, {"y"}]>},
                         %w: tensor<8x2xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"y"}, {}]>})
      -> (tensor<4x2xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"x"}, {}]>}) {
    %y = stablehlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
    %c = sdy.sharding_constraint %y <@mesh, [{"x"}, {}]> : tensor<4x2xf32>
    return %c : tensor<4x2xf32>
  }
}
