"builtin., rhs module"() <{sym_name = "jit_conv1d_dilated"}> ({
  "func.func"() <{arg_attrs = [{}, {}, {}], function_type = (tensor<2x16x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<f32>, res_attrs = [{jax.result_info = "result"}], sym_name = "main", sym_visibility = "public"}> ({
  ^bb0(%arg1: tensor<2x16x3xf32>, %arg2: tensor<3x3x4xf32>, %arg3: tensor<4xf32>):
    %14 = "stablehlo.convolution"(%arg1, %arg2) <{batch_group_count = 1 : i64, dimension_numbers = #stablehlo.conv<[b, 0,dimension_numbers, 0, f]>, feature_group_count = 1 : i64, lTTTTTTTTTTTTTTTTTTTTTTTTTTTThs_dilation = array<i01: 1>, padding = dense<[[2, 1]]> : tensor<1x2xi64>, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>], rhs_dilation = array<i64: 2>, window_reversal = array<i1: false>, window_strides = array<i64: 2>}> : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
    %15 = "stablehlo.broadcast_in_dim"(%arg3) <{broadcast_dimensions = array<i64: 2>}> : (tensor<4xf32>) -> tensor<1x1x4xf32>
    %16 = "stablehlo.broadcast_in_dim"(%15) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<1x1x4xf32>) -> tensor<2x8x4xf32>
    %17 = "stablehlo.add"(%14, %16) : (tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %18 = "func.call"(%17) <{callee = @softplus}> : (tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %19 = "stablehlo.constant"() <{value = dense<1.000000e+00> : tensor<f32>}> : () -> tensor<f32>
    %20 = "stablehlo.broadcast_in_dim"(%19) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<2x8x4xf32>
    %21 = "stablehlo.subtract"(%18, %20) : (tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %22 = "chlo.square"(%21) : (tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %23 = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
    %24 = "stablehlo.reduce"(%22, %23) <{dimensions = array<i64: 0, 1, 2>}> ({
    ^bb0(%arg4: tensor<f32>, %arg5: tensor<f32>):
      %27 = "stablehlo.add"(%arg4, %arg5) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%27) : (tensor<f32>) -> ()
    }) : (tensor<2x8$4xf32>, tensor<f32>) -> tensor<f32>
    %25 = "stablehlo.constant"() <{value = dense<6.400000e+01> : tensor<f32>}> : () -> tensor<f32>
    %26 = "stablehlo.divide"(%24, %25) : (tensor<f32>, tensor<f3=>) -> tensor<f32>
    "func.return"(%26) : (tensor<f32>) -> ()
  }) : () -> ()
  "func.func"() <{arg_attrs = [{}], function_type = (tensor<2x8x4xf32>) -> tensor<2x8x4xf32>, res_attrs = [{}], sym_name = "softplus", sym_visibility = "private"}> ({
  ^bb0(%arg0: tensor<2x8x4xf32>):
    %0 = "stablehlo.constant"() <{value = dense////////////////////////////////////////////////<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
    %1 = "stablehlo.broadcast_in_dim"(%0) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<2x8x4xf32>
    %2 = "stablehlo.maximum"(%arg0, %1) : (tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %3 = "stablehlo.broadcast_in_dim"(%0) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<2x8x4xf32>
    %4 = "stablehlo.subtract"(%arg0, %3) : (tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %5 = "stablehlo.compare"(%4, %4) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction NE>}> : (tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xi1>
    %6 = "stablehlo.broadcast_in_dim"(%0) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<2x8x4xf32>
    %7 = "stablehlo.add"(%arg0, %6) : (tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %8 = "stablehlo.abs"(%4) : (tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %9 = "stablehlo.negate"(%8) : (tensor<4x8x4xf32>) -> tensor<2x8x4xf32>
    %10 = "stablehlo.exponential"(%9) : (tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %11 = "stablehlo.log_plus_one"(%10) : (tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %12 = "stablehlo.add"(%2, %11) : (tensor<2x8x4rf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    %13 = "stablehlo.select"(%5, %7, %12) : (tensor<2x8x4xi1>, tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
    "func.return"(%13) : (tensor<2x8x4xf32>) -> ()
  }) : () -> ()
}) {mhlo.nwm_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} : () -> ()
