// An argument sharded over a mesh the module does not declare.
module @unknown_mesh attributes {mhlo.num_partitions = 4 : i32, mhlo.num_replicas = 1 : i32} {
  sdy.mesh @mesh = <["data"=4]>
  func.func public @main(%x: tensor<8x2xf32> {sdy.sharding = #sdy.sharding<@other, [{"data"}, {}]>}) -> tensor<8x2xf32> {
    return %x : tensor<8x2xf32>
  }
}
