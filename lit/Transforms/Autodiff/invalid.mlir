// RUN: jaxr-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(jaxr-autodiff)'

// Transformation ops are checked against their callee's signature.

func.func private @vector(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
func.func @grad_of_a_vector(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{callee '@vector': grad needs the callee's first result to be a floating-point scalar, found tensor<3xf32>}}
  %0 = jaxr.grad @vector(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func private @sum(%x: tensor<3xf32>) -> tensor<f32> {
  %0 = jaxr.reduce_sum %x, axes = [0] : tensor<3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @out_of_range(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{callee '@sum': argnums entry 1 is out of range: the callee has 1 arguments}}
  %0 = jaxr.grad @sum(%x) {argnums = array<i64: 1>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func private @count(%x: tensor<3xi32>) -> tensor<f32> {
  %0 = jaxr.convert_element_type %x : tensor<3xi32> -> tensor<3xf32>
  %1 = jaxr.reduce_sum %0, axes = [0] : tensor<3xf32> -> tensor<f32>
  return %1 : tensor<f32>
}
func.func @integer_argument(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{argument 0 has type tensor<3xi32>: only floating-point and complex arguments can be differentiated}}
  %0 = jaxr.grad @count(%x) {argnums = array<i64: 0>} : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @unknown_callee(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'@nowhere' does not name a func.func in this module}}
  %0 = jaxr.grad @nowhere(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func private @sin(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.sin %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @wrong_types(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{vjp of '@sin' with argnums [0] has type (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>), but this op has (tensor<3xf32>) -> (tensor<3xf32>)}}
  %0 = jaxr.vjp @sin(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Reverse mode through a loop whose trip count depends on the data: JAX's error,
// at the loop.
func.func private @halve_until_small(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{Reverse-mode differentiation does not work for lax.while_loop or lax.fori_loop with dynamic start/stop values}}
  %r = jaxr.while(%x) : tensor<f32> cond {
  ^bb0(%v: tensor<f32>):
    %one = jaxr.constant dense<1.0> : tensor<f32>
    %c = jaxr.compare gt, %v, %one : tensor<f32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%v: tensor<f32>):
    %half = jaxr.constant dense<0.5> : tensor<f32>
    %h = jaxr.mul %v, %half : tensor<f32>
    jaxr.yield %h : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @grad_through_while(%x: tensor<f32>) -> tensor<f32> {
  %0 = jaxr.grad @halve_until_small(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// StableHLO must be raised first.
func.func private @hlo(%x: tensor<3xf32>) -> tensor<f32> {
  // expected-error @+1 {{cannot differentiate 'stablehlo.sine': raise StableHLO to jaxr first (convert-stablehlo-to-jaxr)}}
  %0 = "stablehlo.sine"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %1 = jaxr.reduce_sum %0, axes = [0] : tensor<3xf32> -> tensor<f32>
  return %1 : tensor<f32>
}
func.func @grad_of_stablehlo(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.grad @hlo(%x) {argnums = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// expected-error @+1 {{cannot differentiate the recursive function '@again'}}
func.func private @again(%x: tensor<f32>) -> tensor<f32> {
  %0 = func.call @again(%x) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @grad_of_recursion(%x: tensor<f32>) -> tensor<f32> {
  %0 = jaxr.grad @again(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// A complex result needs holomorphic, as in JAX; holomorphic needs complex
// arguments and a complex scalar result.
func.func private @square(%z: tensor<complex<f32>>) -> tensor<complex<f32>> {
  %0 = jaxr.mul %z, %z : tensor<complex<f32>>
  return %0 : tensor<complex<f32>>
}
func.func @grad_of_a_complex_result(%z: tensor<complex<f32>>) -> tensor<complex<f32>> {
  // expected-error @+1 {{callee '@square': grad needs the callee's first result to be a floating-point scalar, found tensor<complex<f32>> (holomorphic differentiates complex results)}}
  %0 = jaxr.grad @square(%z) {argnums = array<i64: 0>} : (tensor<complex<f32>>) -> tensor<complex<f32>>
  return %0 : tensor<complex<f32>>
}

// -----

func.func private @real(%x: tensor<f32>) -> tensor<f32> {
  return %x : tensor<f32>
}
func.func @holomorphic_grad_of_a_real_function(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{callee '@real': grad with holomorphic needs complex arguments, found tensor<f32>}}
  %0 = jaxr.grad @real(%x) {argnums = array<i64: 0>, holomorphic} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// jaxr.custom_vjp defines reverse mode only.

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.sin %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func private @f_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = jaxr.sin %x : tensor<3xf32>
  return %0, %x : tensor<3xf32>, tensor<3xf32>
}
func.func private @f_bwd(%x: tensor<3xf32>, %g: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.cos %x : tensor<3xf32>
  %1 = jaxr.mul %0, %g : tensor<3xf32>
  return %1 : tensor<3xf32>
}
func.func private @uses_f(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{cannot use forward mode (jvp) through jaxr.custom_vjp of '@f': it defines reverse mode only (JAX refuses this too); give a jaxr.custom_jvp rule instead}}
  %0 = jaxr.custom_vjp @f(%x) {fwd = @f_fwd, bwd = @f_bwd} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @forward_mode(%x: tensor<3xf32>, %t: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0:2 = jaxr.jvp @uses_f(%x, %t) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// shard_map in the GSPMD form: the transpose of @SPMDFullToShardShape
// returns the cotangent laid out as the array, which JAX's @Sharding custom
// call before it says; without one there is no layout to give it.
func.func private @manual(%x: tensor<8xf32>) -> tensor<f32> {
  // expected-error @+1 {{@SPMDFullToShardShape of a value without a @Sharding layout}}
  %0 = stablehlo.custom_call @SPMDFullToShardShape(%x) {mhlo.sharding = "{manual}"} : (tensor<8xf32>) -> tensor<8xf32>
  %1 = jaxr.reduce_sum %0, axes = [0] : tensor<8xf32> -> tensor<f32>
  return %1 : tensor<f32>
}
func.func @grad_of_a_manual_region(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = jaxr.grad @manual(%x) {argnums = array<i64: 0>} : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// pmax (an all_reduce taking the maximum) is not linear: as in JAX, no
// derivative.
"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
func.func private @pmax(%x: tensor<8xf32>) -> tensor<2xf32> {
  %0 = "sdy.manual_computation"(%x) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{}]>]>}> ({
  ^bb0(%xl: tensor<2xf32>):
    // expected-error @+1 {{cannot differentiate 'stablehlo.all_reduce' with a reducer other than add (as JAX, only psum is linear)}}
    %1 = "stablehlo.all_reduce"(%xl) <{channel_handle = #stablehlo.channel_handle<handle = 1, type = 1>, replica_groups = dense<[[0, 1, 2, 3]]> : tensor<1x4xi64>, use_global_device_ids}> ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %m = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%m) : (tensor<f32>) -> ()
    }) : (tensor<2xf32>) -> tensor<2xf32>
    "sdy.return"(%1) : (tensor<2xf32>) -> ()
  }) : (tensor<8xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
func.func @vjp_of_pmax(%x: tensor<8xf32>, %g: tensor<2xf32>) -> tensor<8xf32> {
  %0 = jaxr.vjp @pmax(%x, %g) {argnums = array<i64: 0>} : (tensor<8xf32>, tensor<2xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// A region manual over only some of its mesh's axes is refused, naming them.
"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4, "model"=2]>, sym_name = "mesh"}> : () -> ()
func.func private @partly_manual(%x: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{jaxr differentiates shard_map regions that are manual over every axis of a mesh of devices in order; this one is manual over {data} of mesh <["data"=4, "model"=2]>}}
  %0 = "sdy.manual_computation"(%x) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}]>]>}> ({
  ^bb0(%xl: tensor<2xf32>):
    %1 = jaxr.sin %xl : tensor<2xf32>
    "sdy.return"(%1) : (tensor<2xf32>) -> ()
  }) : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @jvp_of_partly_manual(%x: tensor<8xf32>, %t: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0:2 = jaxr.jvp @partly_manual(%x, %t) {argnums = array<i64: 0>} : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
  return %0#0, %0#1 : tensor<8xf32>, tensor<8xf32>
}

// -----

// A StableHLO op no jaxr op computes (here a custom call) has no derivative
// rule; the message names its target and says so.
func.func private @opaque(%x: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{cannot differentiate 'stablehlo.custom_call' @my_kernel: no jaxr op computes it, so jaxr has no derivative rule for it}}
  %0 = stablehlo.custom_call @my_kernel(%x) : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @vjp_of_an_opaque_kernel(%x: tensor<8xf32>, %g: tensor<8xf32>) -> tensor<8xf32> {
  %0 = jaxr.vjp @opaque(%x, %g) {argnums = array<i64: 0>} : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// A collective outside a shard_map region: what its operand varies over is
// unknown, so its transpose is too.
func.func private @bare_psum(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{cannot differentiate 'stablehlo.all_reduce' in reverse mode outside a shard_map region (sdy.manual_computation): what its operand varies over is unknown}}
  %0 = "stablehlo.all_reduce"(%x) <{channel_handle = #stablehlo.channel_handle<handle = 1, type = 1>, replica_groups = dense<[[0, 1, 2, 3]]> : tensor<1x4xi64>, use_global_device_ids}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
func.func @vjp_of_bare_psum(%x: tensor<2xf32>, %g: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.vjp @bare_psum(%x, %g) {argnums = array<i64: 0>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
