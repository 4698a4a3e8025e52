module @jit_scan_rnn_loss attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  sdy.mesh @mesh = <["data"=8]> {stablehlo.mesh = {axes = [{name = "data", size = 8 : i64}]}}
  func.func public @main(%arg0: tensor<8x8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{}, {}]>}, %arg1: tensor<5x16x8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{}, {"data"}, {}]>}) -> (tensor<8x8xf32> {jax.result_info = "result", sdy.sharding = #sdy.sharding<@mesh, [{}, {}]>}) {
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %0 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<16x8xf32>
    %cst_0 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %1 = stablehlo.broadcast_in_dim %cst_0, dims = [] : (tensor<f32>) -> tensor<5x16x8xf32>
    %cst_1 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %2 = stablehlo.broadcast_in_dim %cst_1, dims = [] : (tensor<f32>) -> tensor<5x16x8xf32>
    %cst_2 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %3 = stablehlo.broadcast_in_dim %cst_2, dims = [] : (tensor<f32>) -> tensor<5x16x8xf32>
    %c = stablehlo.constant dense<0> : tensor<i32>
    %4:7 = stablehlo.while(%iterArg = %arg1, %iterArg_10 = %arg0, %iterArg_11 = %c, %iterArg_12 = %0, %iterArg_13 = %1, %iterArg_14 = %2, %iterArg_15 = %3) : tensor<5x16x8xf32>, tensor<8x8xf32>, tensor<i32>, tensor<16x8xf32>, tensor<5x16x8xf32>, tensor<5x16x8xf32>, tensor<5x16x8xf32>
    cond {
      %c_16 = stablehlo.constant dense<5> : tensor<i32>
      %14 = stablehlo.compare LT, %iterArg_11, %c_16, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      stablehlo.return %14 : tensor<i1>
    } do {
      %14 = func.call @dynamic_index_in_dim(%iterArg, %iterArg_11) : (tensor<5x16x8xf32>, tensor<i32>) -> tensor<16x8xf32>
      %15:4 = func.call @closed_call(%iterArg_10, %iterArg_12, %14) : (tensor<8x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>) -> (tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>)
      %16 = func.call @dynamic_update_index_in_dim(%iterArg_13, %15#1, %iterArg_11) : (tensor<5x16x8xf32>, tensor<16x8xf32>, tensor<i32>) -> tensor<5x16x8xf32>
      %17 = func.call @dynamic_update_index_in_dim(%iterArg_14, %15#2, %iterArg_11) : (tensor<5x16x8xf32>, tensor<16x8xf32>, tensor<i32>) -> tensor<5x16x8xf32>
      %18 = func.call @dynamic_update_index_in_dim(%iterArg_15, %15#3, %iterArg_11) : (tensor<5x16x8xf32>, tensor<16x8xf32>, tensor<i32>) -> tensor<5x16x8xf32>
      %c_16 = stablehlo.constant dense<1> : tensor<i32>
      %19 = stablehlo.add %iterArg_11, %c_16 : tensor<i32>
      stablehlo.return %iterArg, %iterArg_10, %19, %15#0, %16, %17, %18 : tensor<5x16x8xf32>, tensor<8x8xf32>, tensor<i32>, tensor<16x8xf32>, tensor<5x16x8xf32>, tensor<5x16x8xf32>, tensor<5x16x8xf32>
    }
    %cst_3 = stablehlo.constant dense<2.000000e+00> : tensor<f32>
    %5 = stablehlo.broadcast_in_dim %cst_3, dims = [] : (tensor<f32>) -> tensor<16x8xf32>
    %6 = stablehlo.multiply %5, %4#3 : tensor<16x8xf32>
    %cst_4 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %cst_5 = stablehlo.constant dense<1.000000e+02> : tensor<f32>
    %7 = stablehlo.divide %cst_4, %cst_5 : tensor<f32>
    %8 = stablehlo.broadcast_in_dim %7, dims = [] : (tensor<f32>) -> tensor<5xf32>
    %cst_6 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %cst_7 = stablehlo.constant dense<1.280000e+02> : tensor<f32>
    %9 = stablehlo.divide %cst_6, %cst_7 : tensor<f32>
    %10 = stablehlo.broadcast_in_dim %9, dims = [] : (tensor<f32>) -> tensor<16x8xf32>
    %11 = stablehlo.multiply %10, %6 : tensor<16x8xf32>
    %cst_8 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %12 = stablehlo.broadcast_in_dim %cst_8, dims = [] : (tensor<f32>) -> tensor<8x8xf32>
    %c_9 = stablehlo.constant dense<0> : tensor<i32>
    %13:8 = stablehlo.while(%iterArg = %8, %iterArg_10 = %4#4, %iterArg_11 = %4#5, %iterArg_12 = %4#6, %iterArg_13 = %arg0, %iterArg_14 = %c_9, %iterArg_15 = %12, %iterArg_16 = %11) : tensor<5xf32>, tensor<5x16x8xf32>, tensor<5x16x8xf32>, tensor<5x16x8xf32>, tensor<8x8xf32>, tensor<i32>, tensor<8x8xf32>, tensor<16x8xf32>
    cond {
      %c_17 = stablehlo.constant dense<5> : tensor<i32>
      %14 = stablehlo.compare LT, %iterArg_14, %c_17, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      stablehlo.return %14 : tensor<i1>
    } do {
      %c_17 = stablehlo.constant dense<5> : tensor<i32>
      %14 = stablehlo.subtract %c_17, %iterArg_14 : tensor<i32>
      %c_18 = stablehlo.constant dense<1> : tensor<i32>
      %15 = stablehlo.subtract %14, %c_18 : tensor<i32>
      %16 = func.call @dynamic_index_in_dim_0(%iterArg, %15) : (tensor<5xf32>, tensor<i32>) -> tensor<f32>
      %17 = func.call @dynamic_index_in_dim(%iterArg_10, %15) : (tensor<5x16x8xf32>, tensor<i32>) -> tensor<16x8xf32>
      %18 = func.call @dynamic_index_in_dim(%iterArg_11, %15) : (tensor<5x16x8xf32>, tensor<i32>) -> tensor<16x8xf32>
      %19 = func.call @dynamic_index_in_dim(%iterArg_12, %15) : (tensor<5x16x8xf32>, tensor<i32>) -> tensor<16x8xf32>
      %20:2 = func.call @closed_call_1(%iterArg_13, %iterArg_15, %iterArg_16, %16, %17, %18, %19) : (tensor<8x8xf32>, tensor<8x8xf32>, tensor<16x8xf32>, tensor<f32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>) -> (tensor<8x8xf32>, tensor<16x8xf32>)
      %c_19 = stablehlo.constant dense<1> : tensor<i32>
      %21 = stablehlo.add %iterArg_14, %c_19 : tensor<i32>
      stablehlo.return %iterArg, %iterArg_10, %iterArg_11, %iterArg_12, %iterArg_13, %21, %20#0, %20#1 : tensor<5xf32>, tensor<5x16x8xf32>, tensor<5x16x8xf32>, tensor<5x16x8xf32>, tensor<8x8xf32>, tensor<i32>, tensor<8x8xf32>, tensor<16x8xf32>
    }
    return %13#6 : tensor<8x8xf32>
  }
  func.func private @dynamic_index_in_dim(%arg0: tensor<5x16x8xf32>, %arg1: tensor<i32>) -> tensor<16x8xf32> {
    %c = stablehlo.constant dense<0> : tensor<i32>
    %c_0 = stablehlo.constant dense<0> : tensor<i32>
    %0 = stablehlo.dynamic_slice %arg0, %arg1, %c, %c_0, sizes = [1, 16, 8] : (tensor<5x16x8xf32>, tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<1x16x8xf32>
    %1 = stablehlo.reshape %0 : (tensor<1x16x8xf32>) -> tensor<16x8xf32>
    return %1 : tensor<16x8xf32>
  }
  func.func private @closed_call(%arg0: tensor<8x8xf32>, %arg1: tensor<16x8xf32>, %arg2: tensor<16x8xf32>) -> (tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>) {
    %0 = stablehlo.dot_general %arg1, %arg0, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<16x8xf32>, tensor<8x8xf32>) -> tensor<16x8xf32>
    %1 = stablehlo.add %0, %arg2 : tensor<16x8xf32>
    %2 = stablehlo.tanh %1 : tensor<16x8xf32>
    %cst = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %3 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<16x8xf32>
    %4 = stablehlo.subtract %3, %2 : tensor<16x8xf32>
    return %2, %arg1, %2, %4 : tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>
  }
  func.func private @dynamic_update_index_in_dim(%arg0: tensor<5x16x8xf32>, %arg1: tensor<16x8xf32>, %arg2: tensor<i32>) -> tensor<5x16x8xf32> {
    %0 = stablehlo.broadcast_in_dim %arg1, dims = [1, 2] : (tensor<16x8xf32>) -> tensor<1x16x8xf32>
    %c = stablehlo.constant dense<0> : tensor<i32>
    %c_0 = stablehlo.constant dense<0> : tensor<i32>
    %1 = stablehlo.dynamic_update_slice %arg0, %0, %arg2, %c, %c_0 : (tensor<5x16x8xf32>, tensor<1x16x8xf32>, tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<5x16x8xf32>
    return %1 : tensor<5x16x8xf32>
  }
  func.func private @dynamic_index_in_dim_0(%arg0: tensor<5xf32>, %arg1: tensor<i32>) -> tensor<f32> {
    %0 = stablehlo.dynamic_slice %arg0, %arg1, sizes = [1] : (tensor<5xf32>, tensor<i32>) -> tensor<1xf32>
    %1 = stablehlo.reshape %0 : (tensor<1xf32>) -> tensor<f32>
    return %1 : tensor<f32>
  }
  func.func private @closed_call_1(%arg0: tensor<8x8xf32>, %arg1: tensor<8x8xf32>, %arg2: tensor<16x8xf32>, %arg3: tensor<f32>, %arg4: tensor<16x8xf32>, %arg5: tensor<16x8xf32>, %arg6: tensor<16x8xf32>) -> (tensor<8x8xf32>, tensor<16x8xf32>) {
    %0 = stablehlo.broadcast_in_dim %arg3, dims = [] : (tensor<f32>) -> tensor<16x8xf32>
    %1 = stablehlo.add %arg2, %0 : tensor<16x8xf32>
    %2 = stablehlo.multiply %1, %arg6 : tensor<16x8xf32>
    %3 = stablehlo.multiply %2, %arg5 : tensor<16x8xf32>
    %4 = stablehlo.add %2, %3 : tensor<16x8xf32>
    %5 = stablehlo.dot_general %4, %arg4, contracting_dims = [0] x [0], precision = [DEFAULT, DEFAULT] : (tensor<16x8xf32>, tensor<16x8xf32>) -> tensor<8x8xf32>
    %6 = stablehlo.transpose %5, dims = [1, 0] : (tensor<8x8xf32>) -> tensor<8x8xf32>
    %7 = stablehlo.add %arg1, %6 : tensor<8x8xf32>
    %8 = stablehlo.dot_general %4, %arg0, contracting_dims = [1] x [1], precision = [DEFAULT, DEFAULT] : (tensor<16x8xf32>, tensor<8x8xf32>) -> tensor<16x8xf32>
    return %7, %8 : tensor<8x8xf32>, tensor<16x8xf32>
  }
}
