func.func @f(%x: tensor<4xf32>) -> tensor<4xi1> {
  %0 = "stablehlo.compare"(%x, %x) <{compare_type = #stablehlo<comparison_type FLAOT>, comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}
