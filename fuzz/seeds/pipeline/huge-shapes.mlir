func.func @splat(%x: tensor<f32>) -> tensor<100000000000x100000000000x1000000xf32> {
  %0 = jaxr.broadcast_in_dim %x, dims = [] : tensor<f32> -> tensor<100000000000x100000000000x1000000xf32>
  %1 = jaxr.neg %0 : tensor<100000000000x100000000000x1000000xf32>
  return %1 : tensor<100000000000x100000000000x1000000xf32>
}

func.func @summed_splat(%x: tensor<f32>) -> tensor<f32> {
  %0 = jaxr.broadcast_in_dim %x, dims = [] : tensor<f32> -> tensor<100000000000x100000000000xf32>
  %1 = jaxr.reduce_sum %0, axes = [0, 1] : tensor<100000000000x100000000000xf32> -> tensor<f32>
  return %1 : tensor<f32>
}

