func.func @valid(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
