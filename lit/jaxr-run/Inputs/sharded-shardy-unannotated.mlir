// A partitioned Shardy module whose result has no sharding: jaxr-run pins it
// (and any unannotated argument) to replicated before compiling, so XLA's
// partitioner returns it whole on every device.
module attributes {mhlo.num_partitions = 4 : i32, mhlo.num_replicas = 1 : i32} {
sdy.mesh @mesh = <["data"=4]>
func.func @main(%x: tensor<8x3xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>}) -> tensor<8x3xf32> {
  %0 = sdy.manual_computation(%x) in_shardings=[<@mesh, [{"data"}, {}]>] out_shardings=[<@mesh, [{"data"}, {}]>] manual_axes={"data"} (%xl: tensor<2x3xf32>) {
    %1 = stablehlo.multiply %xl, %xl : tensor<2x3xf32>
    sdy.return %1 : tensor<2x3xf32>
  } : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}
}
