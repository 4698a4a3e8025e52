// Five standard normal samples from an integer seed, as
// jax.random.normal(jax.random.key(seed), (5,)) draws them (threefry2x32).
func.func @main(%seed: tensor<i32>) -> tensor<5xf32> {
  %key = jaxr.random_seed %seed : tensor<i32> -> tensor<2xui32>
  %n = jaxr.random_normal %key : tensor<2xui32> -> tensor<5xf32>
  return %n : tensor<5xf32>
}
