module @negative attributes {mhlo.num_partitions = 2 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<4x4xf32> {mhlo.sharding = "{devices=[-1,-1]<=[1]}"}) -> tensor<4x4xf32> {
    return %x : tensor<4x4xf32>
  }
}
