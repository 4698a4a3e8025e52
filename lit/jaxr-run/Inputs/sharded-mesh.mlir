// A matmul on a 2 x 4 mesh: x's rows over the first axis and columns over
// the second, w's rows over the second (replicated over the first), the
// result's rows over the first (replicated over the second). The tile
// assignment of w is an iota transposed.
module @mesh attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<4x8xf32> {mhlo.sharding = "{devices=[2,4]<=[8]}"},
                         %w: tensor<8x2xf32> {mhlo.sharding = "{devices=[4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"})
      -> (tensor<4x2xf32> {mhlo.sharding = "{devices=[2,1,4]<=[8] last_tile_dim_replicate}"}) {
    %y = stablehlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
    return %y : tensor<4x2xf32>
  }
}
