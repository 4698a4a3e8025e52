// A numerically stable softmax over the last axis, written in the jaxr dialect:
//   softmax(x)[i, j] = exp(x[i, j] - max_j x[i, :]) / sum_j exp(x[i, j] - max_j x[i, :])
func.func @main(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %max = jaxr.reduce_max %x, axes = [1] : tensor<2x4xf32> -> tensor<2xf32>
  %max_b = jaxr.broadcast_in_dim %max, dims = [0] : tensor<2xf32> -> tensor<2x4xf32>
  %shifted = jaxr.sub %x, %max_b : tensor<2x4xf32>
  %e = jaxr.exp %shifted : tensor<2x4xf32>
  %sum = jaxr.reduce_sum %e, axes = [1] : tensor<2x4xf32> -> tensor<2xf32>
  %sum_b = jaxr.broadcast_in_dim %sum, dims = [0] : tensor<2xf32> -> tensor<2x4xf32>
  %y = jaxr.div %e, %sum_b : tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
