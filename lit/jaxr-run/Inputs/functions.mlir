// Functions the jaxr-run tests call.
module {
  func.func @main(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
    %t = jaxr.transpose %x, perm = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
    return %t : tensor<3x2xf32>
  }
  func.func private @scale(%x: tensor<3xf64>, %s: tensor<f64>) -> (tensor<3xf64>, tensor<f64>) {
    %b = jaxr.broadcast_in_dim %s, dims = [] : tensor<f64> -> tensor<3xf64>
    %y = jaxr.mul %x, %b : tensor<3xf64>
    %t = jaxr.reduce_sum %y, axes = [0] : tensor<3xf64> -> tensor<f64>
    return %y, %t : tensor<3xf64>, tensor<f64>
  }
  func.func @identities(%a: tensor<2xi1>, %b: tensor<2xi8>, %c: tensor<2xui32>, %d: tensor<2xi64>,
                        %e: tensor<2xf16>, %f: tensor<2xbf16>)
      -> (tensor<2xi1>, tensor<2xi8>, tensor<2xui32>, tensor<2xi64>, tensor<2xf16>, tensor<2xbf16>) {
    return %a, %b, %c, %d, %e, %f : tensor<2xi1>, tensor<2xi8>, tensor<2xui32>, tensor<2xi64>, tensor<2xf16>, tensor<2xbf16>
  }
  func.func @copy(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
    return %x : tensor<3x2xf32>
  }
}
