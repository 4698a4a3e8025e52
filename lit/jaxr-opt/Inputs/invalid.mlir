func.func @invalid(%x: tensor<2xi32>) -> tensor<2xi32> {
  %0 = jaxr.log %x : tensor<2xi32>
  return %0 : tensor<2xi32>
}
