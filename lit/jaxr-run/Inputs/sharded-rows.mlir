module @row_sharded attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<8x4xf32> {mhlo.sharding = "{devices=[8,1]<=[8]}"}, %w: tensor<4x2xf32> {mhlo.sharding = "{replicated}"})
      -> (tensor<f32> {mhlo.sharding = "{replicated}"}, tensor<8x2xf32> {mhlo.sharding = "{devices=[8,1]<=[8]}"}) {
    %zero = stablehlo.constant dense<0.0> : tensor<f32>
    %sum = stablehlo.reduce(%x init: %zero) applies stablehlo.add across dimensions = [0, 1] : (tensor<8x4xf32>, tensor<f32>) -> tensor<f32>
    %y = stablehlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<8x4xf32>, tensor<4x2xf32>) -> tensor<8x2xf32>
    return %sum, %y : tensor<f32>, tensor<8x2xf32>
  }
}
