// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=FORWARD
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-autodiff)' | FileCheck %s --check-prefix=REVERSE

// Reductions: sums broadcast back; max/min split the derivative among ties
// (as JAX); products by JAX's pairwise tree; windows transposed.

// FORWARD-LABEL: func.func private @reduce_sum_jvp_0(%arg0: tensor<2x3x4xf32>, %arg1: tensor<2x3x4xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
// FORWARD-NEXT: %0 = jaxr.reduce_sum %arg0, axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// FORWARD-NEXT: %1 = jaxr.reduce_sum %arg1, axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// FORWARD-NEXT: return %0, %1 : tensor<3xf32>, tensor<3xf32>
// REVERSE-LABEL: func.func private @reduce_sum_vjp_0(%arg0: tensor<2x3x4xf32>, %arg1: tensor<3xf32>) -> tensor<2x3x4xf32> {
// REVERSE-NEXT: %0 = jaxr.broadcast_in_dim %arg1, dims = [1] : tensor<3xf32> -> tensor<2x3x4xf32>
// REVERSE-NEXT: return %0 : tensor<2x3x4xf32>
func.func private @reduce_sum(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %0 = jaxr.reduce_sum %x, axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @reduce_sum_fwd(%x: tensor<2x3x4xf32>, %t0: tensor<2x3x4xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0:2 = jaxr.jvp @reduce_sum(%x, %t0) {argnums = array<i64: 0>} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<3xf32>
}
func.func @reduce_sum_rev(%x: tensor<2x3x4xf32>, %c0: tensor<3xf32>) -> tensor<2x3x4xf32> {
  %0 = jaxr.vjp @reduce_sum(%x, %c0) {argnums = array<i64: 0>} : (tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// FORWARD-LABEL: func.func private @reduce_max_jvp_0(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
// FORWARD-NEXT: %0 = jaxr.reduce_max %arg0, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
// FORWARD-NEXT: %1 = jaxr.broadcast_in_dim %0, dims = [0] : tensor<2xf32> -> tensor<2x3xf32>
// FORWARD-NEXT: %2 = jaxr.compare eq, %arg0, %1 : tensor<2x3xf32> -> tensor<2x3xi1>
// FORWARD-NEXT: %3 = jaxr.convert_element_type %2 : tensor<2x3xi1> -> tensor<2x3xf32>
// FORWARD-NEXT: %4 = jaxr.dot_general %3, %arg1, contracting = [1] x [1], batch = [0] x [0] {precision = array<i64: 2, 2>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2xf32>
// FORWARD-NEXT: %5 = jaxr.reduce_sum %3, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
// FORWARD-NEXT: %6 = jaxr.div %4, %5 : tensor<2xf32>
// FORWARD-NEXT: return %0, %6 : tensor<2xf32>, tensor<2xf32>
// REVERSE-LABEL: func.func private @reduce_max_vjp_0(%arg0: tensor<2x3xf32>, %arg1: tensor<2xf32>) -> tensor<2x3xf32> {
// REVERSE-NEXT: %0 = jaxr.reduce_max %arg0, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
// REVERSE-NEXT: %1 = jaxr.broadcast_in_dim %0, dims = [0] : tensor<2xf32> -> tensor<2x3xf32>
// REVERSE-NEXT: %2 = jaxr.compare eq, %arg0, %1 : tensor<2x3xf32> -> tensor<2x3xi1>
// REVERSE-NEXT: %3 = jaxr.convert_element_type %2 : tensor<2x3xi1> -> tensor<2x3xf32>
// REVERSE-NEXT: %4 = jaxr.reduce_sum %3, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
// REVERSE-NEXT: %5 = jaxr.div %arg1, %4 : tensor<2xf32>
// REVERSE-NEXT: %6 = jaxr.broadcast_in_dim %5, dims = [0] : tensor<2xf32> -> tensor<2x3xf32>
// REVERSE-NEXT: %7 = jaxr.mul %6, %3 : tensor<2x3xf32>
// REVERSE-NEXT: return %7 : tensor<2x3xf32>
func.func private @reduce_max(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = jaxr.reduce_max %x, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
func.func @reduce_max_fwd(%x: tensor<2x3xf32>, %t0: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %0:2 = jaxr.jvp @reduce_max(%x, %t0) {argnums = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return %0#0, %0#1 : tensor<2xf32>, tensor<2xf32>
}
func.func @reduce_max_rev(%x: tensor<2x3xf32>, %c0: tensor<2xf32>) -> tensor<2x3xf32> {
  %0 = jaxr.vjp @reduce_max(%x, %c0) {argnums = array<i64: 0>} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// FORWARD-LABEL: func.func private @reduce_prod_jvp_0(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> (tensor<f32>, tensor<f32>) {
// FORWARD-NEXT: %0 = jaxr.reduce_prod %arg0, axes = [0] : tensor<3xf32> -> tensor<f32>
// FORWARD-NEXT: %1 = jaxr.slice %arg1, start = [0], limit = [2], strides = [1] : tensor<3xf32> -> tensor<2xf32>
// FORWARD-NEXT: %2 = jaxr.slice %arg0, start = [2], limit = [3], strides = [1] : tensor<3xf32> -> tensor<1xf32>
// FORWARD-NEXT: %3 = jaxr.constant dense<1.000000e+00> : tensor<f32>
// FORWARD-NEXT: %4 = jaxr.pad %2, %3, low = [0], high = [1], interior = [0] : (tensor<1xf32>, tensor<f32>) -> tensor<2xf32>
// FORWARD-NEXT: %5 = jaxr.mul %1, %4 : tensor<2xf32>
// FORWARD-NEXT: %6 = jaxr.slice %arg0, start = [0], limit = [2], strides = [1] : tensor<3xf32> -> tensor<2xf32>
// FORWARD-NEXT: %7 = jaxr.slice %arg1, start = [2], limit = [3], strides = [1] : tensor<3xf32> -> tensor<1xf32>
// FORWARD-NEXT: %8 = jaxr.constant dense<0.000000e+00> : tensor<f32>
// FORWARD-NEXT: %9 = jaxr.pad %7, %8, low = [0], high = [1], interior = [0] : (tensor<1xf32>, tensor<f32>) -> tensor<2xf32>
// FORWARD-NEXT: %10 = jaxr.mul %6, %9 : tensor<2xf32>
// FORWARD-NEXT: %11 = jaxr.add %5, %10 : tensor<2xf32>
// FORWARD-NEXT: %12 = jaxr.slice %11, start = [0], limit = [1], strides = [1] : tensor<2xf32> -> tensor<1xf32>
// FORWARD-NEXT: %13 = jaxr.mul %4, %6 : tensor<2xf32>
// FORWARD-NEXT: %14 = jaxr.slice %13, start = [1], limit = [2], strides = [1] : tensor<2xf32> -> tensor<1xf32>
// FORWARD-NEXT: %15 = jaxr.mul %12, %14 : tensor<1xf32>
// FORWARD-NEXT: %16 = jaxr.slice %13, start = [0], limit = [1], strides = [1] : tensor<2xf32> -> tensor<1xf32>
// FORWARD-NEXT: %17 = jaxr.slice %11, start = [1], limit = [2], strides = [1] : tensor<2xf32> -> tensor<1xf32>
// FORWARD-NEXT: %18 = jaxr.mul %16, %17 : tensor<1xf32>
// FORWARD-NEXT: %19 = jaxr.add %15, %18 : tensor<1xf32>
// FORWARD-NEXT: %20 = jaxr.reshape %19 : tensor<1xf32> -> tensor<f32>
// FORWARD-NEXT: return %0, %20 : tensor<f32>, tensor<f32>
// REVERSE-LABEL: func.func private @reduce_prod_vjp_0(%arg0: tensor<3xf32>, %arg1: tensor<f32>) -> tensor<3xf32> {
// REVERSE-NEXT: %0 = jaxr.slice %arg0, start = [2], limit = [3], strides = [1] : tensor<3xf32> -> tensor<1xf32>
// REVERSE-NEXT: %1 = jaxr.constant dense<1.000000e+00> : tensor<f32>
// REVERSE-NEXT: %2 = jaxr.pad %0, %1, low = [0], high = [1], interior = [0] : (tensor<1xf32>, tensor<f32>) -> tensor<2xf32>
// REVERSE-NEXT: %3 = jaxr.reshape %arg1 : tensor<f32> -> tensor<1xf32>
// REVERSE-NEXT: %4 = jaxr.slice %arg0, start = [0], limit = [2], strides = [1] : tensor<3xf32> -> tensor<2xf32>
// REVERSE-NEXT: %5 = jaxr.mul %4, %2 : tensor<2xf32>
// REVERSE-NEXT: %6 = jaxr.slice %5, start = [1], limit = [2], strides = [1] : tensor<2xf32> -> tensor<1xf32>
// REVERSE-NEXT: %7 = jaxr.mul %3, %6 : tensor<1xf32>
// REVERSE-NEXT: %8 = jaxr.slice %5, start = [0], limit = [1], strides = [1] : tensor<2xf32> -> tensor<1xf32>
// REVERSE-NEXT: %9 = jaxr.mul %3, %8 : tensor<1xf32>
// REVERSE-NEXT: %10 = jaxr.concatenate(%7, %9) dim = 0 : (tensor<1xf32>, tensor<1xf32>) -> tensor<2xf32>
// REVERSE-NEXT: %11 = jaxr.mul %2, %10 : tensor<2xf32>
// REVERSE-NEXT: %12 = jaxr.mul %4, %10 : tensor<2xf32>
// REVERSE-NEXT: %13 = jaxr.slice %12, start = [0], limit = [1], strides = [1] : tensor<2xf32> -> tensor<1xf32>
// REVERSE-NEXT: %14 = jaxr.concatenate(%11, %13) dim = 0 : (tensor<2xf32>, tensor<1xf32>) -> tensor<3xf32>
// REVERSE-NEXT: return %14 : tensor<3xf32>
func.func private @reduce_prod(%x: tensor<3xf32>) -> tensor<f32> {
  %0 = jaxr.reduce_prod %x, axes = [0] : tensor<3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @reduce_prod_fwd(%x: tensor<3xf32>, %t0: tensor<3xf32>) -> (tensor<f32>, tensor<f32>) {
  %0:2 = jaxr.jvp @reduce_prod(%x, %t0) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<f32>)
  return %0#0, %0#1 : tensor<f32>, tensor<f32>
}
func.func @reduce_prod_rev(%x: tensor<3xf32>, %c0: tensor<f32>) -> tensor<3xf32> {
  %0 = jaxr.vjp @reduce_prod(%x, %c0) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// FORWARD-LABEL: func.func private @argmax_jvp_0(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
// FORWARD-NEXT: %0 = jaxr.argmax %arg0, axis = 1 : tensor<2x3xf32> -> tensor<2xi32>
// FORWARD-NEXT: %1 = jaxr.convert_element_type %0 : tensor<2xi32> -> tensor<2xf32>
// FORWARD-NEXT: %2 = jaxr.reduce_sum %arg0, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
// FORWARD-NEXT: %3 = jaxr.reduce_sum %arg1, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
// FORWARD-NEXT: %4 = jaxr.mul %1, %2 : tensor<2xf32>
// FORWARD-NEXT: %5 = jaxr.mul %1, %3 : tensor<2xf32>
// FORWARD-NEXT: return %4, %5 : tensor<2xf32>, tensor<2xf32>
// REVERSE-LABEL: func.func private @argmax_vjp_0(%arg0: tensor<2x3xf32>, %arg1: tensor<2xf32>) -> tensor<2x3xf32> {
// REVERSE-NEXT: %0 = jaxr.argmax %arg0, axis = 1 : tensor<2x3xf32> -> tensor<2xi32>
// REVERSE-NEXT: %1 = jaxr.convert_element_type %0 : tensor<2xi32> -> tensor<2xf32>
// REVERSE-NEXT: %2 = jaxr.mul %1, %arg1 : tensor<2xf32>
// REVERSE-NEXT: %3 = jaxr.broadcast_in_dim %2, dims = [0] : tensor<2xf32> -> tensor<2x3xf32>
// REVERSE-NEXT: return %3 : tensor<2x3xf32>
func.func private @argmax(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = jaxr.argmax %x, axis = 1 : tensor<2x3xf32> -> tensor<2xi32>
  %1 = jaxr.convert_element_type %0 : tensor<2xi32> -> tensor<2xf32>
  %2 = jaxr.reduce_sum %x, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
  %3 = jaxr.mul %1, %2 : tensor<2xf32>
  return %3 : tensor<2xf32>
}
func.func @argmax_fwd(%x: tensor<2x3xf32>, %t0: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %0:2 = jaxr.jvp @argmax(%x, %t0) {argnums = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return %0#0, %0#1 : tensor<2xf32>, tensor<2xf32>
}
func.func @argmax_rev(%x: tensor<2x3xf32>, %c0: tensor<2xf32>) -> tensor<2x3xf32> {
  %0 = jaxr.vjp @argmax(%x, %c0) {argnums = array<i64: 0>} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// FORWARD-LABEL: func.func private @reduce_window_sum_jvp_0(%arg0: tensor<3x8xf32>, %arg1: tensor<3x8xf32>) -> (tensor<3x8xf32>, tensor<3x8xf32>) {
// FORWARD-NEXT: %0 = jaxr.reduce_window_sum %arg0, window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x8xf32> -> tensor<3x8xf32>
// FORWARD-NEXT: %1 = jaxr.reduce_window_sum %arg1, window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x8xf32> -> tensor<3x8xf32>
// FORWARD-NEXT: return %0, %1 : tensor<3x8xf32>, tensor<3x8xf32>
// REVERSE-LABEL: func.func private @reduce_window_sum_vjp_0(%arg0: tensor<3x8xf32>, %arg1: tensor<3x8xf32>) -> tensor<3x8xf32> {
// REVERSE-NEXT: %0 = jaxr.constant dense<0.000000e+00> : tensor<f32>
// REVERSE-NEXT: %1 = jaxr.pad %arg1, %0, low = [0, 0], high = [0, 7], interior = [0, 0] : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x15xf32>
// REVERSE-NEXT: %2 = jaxr.reduce_window_sum %1, window = [1, 8], strides = [1, 1], padding = [0, 0, 0, 0], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x15xf32> -> tensor<3x8xf32>
// REVERSE-NEXT: return %2 : tensor<3x8xf32>
func.func private @reduce_window_sum(%x: tensor<3x8xf32>) -> tensor<3x8xf32> {
  %0 = jaxr.reduce_window_sum %x, window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x8xf32> -> tensor<3x8xf32>
  return %0 : tensor<3x8xf32>
}
func.func @reduce_window_sum_fwd(%x: tensor<3x8xf32>, %t0: tensor<3x8xf32>) -> (tensor<3x8xf32>, tensor<3x8xf32>) {
  %0:2 = jaxr.jvp @reduce_window_sum(%x, %t0) {argnums = array<i64: 0>} : (tensor<3x8xf32>, tensor<3x8xf32>) -> (tensor<3x8xf32>, tensor<3x8xf32>)
  return %0#0, %0#1 : tensor<3x8xf32>, tensor<3x8xf32>
}
func.func @reduce_window_sum_rev(%x: tensor<3x8xf32>, %c0: tensor<3x8xf32>) -> tensor<3x8xf32> {
  %0 = jaxr.vjp @reduce_window_sum(%x, %c0) {argnums = array<i64: 0>} : (tensor<3x8xf32>, tensor<3x8xf32>) -> tensor<3x8xf32>
  return %0 : tensor<3x8xf32>
}

// -----

// FORWARD-LABEL: func.func private @reduce_window_max_jvp_0(%arg0: tensor<5xf32>, %arg1: tensor<5xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
// FORWARD-NEXT: %0 = jaxr.reduce_window_max %arg0, window = [2], strides = [2], padding = [0, 1], base_dilation = [1], window_dilation = [1] : tensor<5xf32> -> tensor<3xf32>
// FORWARD-NEXT: %1 = jaxr.slice %arg0, start = [0], limit = [5], strides = [2] : tensor<5xf32> -> tensor<3xf32>
// FORWARD-NEXT: %2 = jaxr.compare eq, %1, %0 : tensor<3xf32> -> tensor<3xi1>
// FORWARD-NEXT: %3 = jaxr.constant dense<0.000000e+00> : tensor<3xf32>
// FORWARD-NEXT: %4 = jaxr.slice %arg1, start = [0], limit = [5], strides = [2] : tensor<5xf32> -> tensor<3xf32>
// FORWARD-NEXT: %5 = jaxr.select_n %2, %3, %4 : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// FORWARD-NEXT: %6 = jaxr.constant dense<0xFF800000> : tensor<f32>
// FORWARD-NEXT: %7 = jaxr.pad %arg0, %6, low = [0], high = [1], interior = [0] : (tensor<5xf32>, tensor<f32>) -> tensor<6xf32>
// FORWARD-NEXT: %8 = jaxr.slice %7, start = [1], limit = [6], strides = [2] : tensor<6xf32> -> tensor<3xf32>
// FORWARD-NEXT: %9 = jaxr.compare eq, %8, %0 : tensor<3xf32> -> tensor<3xi1>
// FORWARD-NEXT: %10 = jaxr.compare ne, %1, %0 : tensor<3xf32> -> tensor<3xi1>
// FORWARD-NEXT: %11 = jaxr.and %9, %10 : tensor<3xi1>
// FORWARD-NEXT: %12 = jaxr.constant dense<0.000000e+00> : tensor<f32>
// FORWARD-NEXT: %13 = jaxr.pad %arg1, %12, low = [0], high = [1], interior = [0] : (tensor<5xf32>, tensor<f32>) -> tensor<6xf32>
// FORWARD-NEXT: %14 = jaxr.slice %13, start = [1], limit = [6], strides = [2] : tensor<6xf32> -> tensor<3xf32>
// FORWARD-NEXT: %15 = jaxr.select_n %11, %3, %14 : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// FORWARD-NEXT: %16 = jaxr.add %5, %15 : tensor<3xf32>
// FORWARD-NEXT: return %0, %16 : tensor<3xf32>, tensor<3xf32>
// REVERSE-LABEL: func.func private @reduce_window_max_vjp_0(%arg0: tensor<5xf32>, %arg1: tensor<3xf32>) -> tensor<5xf32> {
// REVERSE-NEXT: %0 = jaxr.slice %arg0, start = [0], limit = [5], strides = [2] : tensor<5xf32> -> tensor<3xf32>
// REVERSE-NEXT: %1 = jaxr.reduce_window_max %arg0, window = [2], strides = [2], padding = [0, 1], base_dilation = [1], window_dilation = [1] : tensor<5xf32> -> tensor<3xf32>
// REVERSE-NEXT: %2 = jaxr.compare eq, %0, %1 : tensor<3xf32> -> tensor<3xi1>
// REVERSE-NEXT: %3 = jaxr.constant dense<0.000000e+00> : tensor<3xf32>
// REVERSE-NEXT: %4 = jaxr.select_n %2, %3, %arg1 : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// REVERSE-NEXT: %5 = jaxr.constant dense<0.000000e+00> : tensor<f32>
// REVERSE-NEXT: %6 = jaxr.pad %4, %5, low = [0], high = [0], interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<5xf32>
// REVERSE-NEXT: %7 = jaxr.constant dense<0xFF800000> : tensor<f32>
// REVERSE-NEXT: %8 = jaxr.pad %arg0, %7, low = [0], high = [1], interior = [0] : (tensor<5xf32>, tensor<f32>) -> tensor<6xf32>
// REVERSE-NEXT: %9 = jaxr.slice %8, start = [1], limit = [6], strides = [2] : tensor<6xf32> -> tensor<3xf32>
// REVERSE-NEXT: %10 = jaxr.compare eq, %9, %1 : tensor<3xf32> -> tensor<3xi1>
// REVERSE-NEXT: %11 = jaxr.compare ne, %0, %1 : tensor<3xf32> -> tensor<3xi1>
// REVERSE-NEXT: %12 = jaxr.and %10, %11 : tensor<3xi1>
// REVERSE-NEXT: %13 = jaxr.select_n %12, %3, %arg1 : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// REVERSE-NEXT: %14 = jaxr.pad %13, %5, low = [1], high = [-1], interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<5xf32>
// REVERSE-NEXT: %15 = jaxr.add %6, %14 : tensor<5xf32>
// REVERSE-NEXT: return %15 : tensor<5xf32>
func.func private @reduce_window_max(%x: tensor<5xf32>) -> tensor<3xf32> {
  %0 = jaxr.reduce_window_max %x, window = [2], strides = [2], padding = [0, 1], base_dilation = [1], window_dilation = [1] : tensor<5xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @reduce_window_max_fwd(%x: tensor<5xf32>, %t0: tensor<5xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0:2 = jaxr.jvp @reduce_window_max(%x, %t0) {argnums = array<i64: 0>} : (tensor<5xf32>, tensor<5xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<3xf32>
}
func.func @reduce_window_max_rev(%x: tensor<5xf32>, %c0: tensor<3xf32>) -> tensor<5xf32> {
  %0 = jaxr.vjp @reduce_window_max(%x, %c0) {argnums = array<i64: 0>} : (tensor<5xf32>, tensor<3xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
