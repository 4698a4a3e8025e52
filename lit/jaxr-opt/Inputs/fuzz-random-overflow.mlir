// Read by ../fuzz-huge-shapes.mlir: random values whose count overflows an i64.
func.func @rng(%k: tensor<2xui32>) -> tensor<100000000000x100000000000xf32> {
  %0 = jaxr.random_normal %k : tensor<2xui32> -> tensor<100000000000x100000000000xf32>
  return %0 : tensor<100000000000x100000000000xf32>
}
