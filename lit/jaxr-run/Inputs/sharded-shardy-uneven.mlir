// sharded-uneven.mlir in Shardy's form: 6 rows over 4 devices.
module @uneven attributes {mhlo.num_partitions = 4 : i32, mhlo.num_replicas = 1 : i32} {
  sdy.mesh @mesh = <["data"=4]>
  func.func public @main(%x: tensor<6x2xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>}) -> tensor<6x2xf32> {
    return %x : tensor<6x2xf32>
  }
}
