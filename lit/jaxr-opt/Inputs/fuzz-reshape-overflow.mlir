// Read by ../fuzz-huge-shapes.mlir: a reshape whose element count overflows an i64.
func.func @reshape(%x: tensor<100000000000x100000000000xf32>) -> tensor<10000000000x1000000000000xf32> {
  %0 = jaxr.reshape %x : tensor<100000000000x100000000000xf32> -> tensor<10000000000x1000000000000xf32>
  return %0 : tensor<10000000000x1000000000000xf32>
}
