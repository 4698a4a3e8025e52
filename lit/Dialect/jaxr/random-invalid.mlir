// RUN: jaxr-opt %s --split-input-file --verify-diagnostics

func.func @key_of_the_wrong_type(%k: tensor<2xi32>) -> tensor<4xui32> {
  // expected-error @+1 {{the key must be tensor<2xui32> (jax.random.key_data), found tensor<2xi32>}}
  %0 = jaxr.random_bits %k : tensor<2xi32> -> tensor<4xui32>
  return %0 : tensor<4xui32>
}

// -----

func.func @bits_are_ui32(%k: tensor<2xui32>) -> tensor<4xi32> {
  // expected-error @+1 {{result type must be tensor<4xui32>, found tensor<4xi32>}}
  %0 = jaxr.random_bits %k : tensor<2xui32> -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @bounds_of_another_type(%k: tensor<2xui32>, %lo: tensor<f64>, %hi: tensor<f64>) -> tensor<4xf32> {
  // expected-error @+1 {{minval must be a scalar of the result's element type f32, found tensor<f64>}}
  %0 = jaxr.random_uniform %k, %lo, %hi : (tensor<2xui32>, tensor<f64>, tensor<f64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @normal_integers(%k: tensor<2xui32>) -> tensor<4xi32> {
  // expected-error @+1 {{samples are f32 or f64, found i32}}
  %0 = jaxr.random_normal %k : tensor<2xui32> -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @seed_vector(%s: tensor<2xi32>) -> tensor<2xui32> {
  // expected-error @+1 {{the seed must be an integer scalar, found tensor<2xi32>}}
  %0 = jaxr.random_seed %s : tensor<2xi32> -> tensor<2xui32>
  return %0 : tensor<2xui32>
}

// -----

func.func @counters_of_two_shapes(%k: tensor<ui32>, %a: tensor<3xui32>, %b: tensor<4xui32>) -> tensor<3xui32> {
  // expected-error @+1 {{the counters must be two ui32 tensors of one shape, found tensor<3xui32> and tensor<4xui32>}}
  %0:2 = jaxr.threefry2x32 %k, %k, %a, %b : (tensor<ui32>, tensor<ui32>, tensor<3xui32>, tensor<4xui32>) -> (tensor<3xui32>, tensor<3xui32>)
  return %0#0 : tensor<3xui32>
}
