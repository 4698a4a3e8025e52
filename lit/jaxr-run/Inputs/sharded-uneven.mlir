module @uneven attributes {mhlo.num_partitions = 4 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<6x2xf32> {mhlo.sharding = "{devices=[4,1]<=[4]}"}) -> tensor<6x2xf32> {
    return %x : tensor<6x2xf32>
  }
}
