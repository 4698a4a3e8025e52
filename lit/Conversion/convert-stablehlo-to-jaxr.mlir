// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr)' | FileCheck %s
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr{report-unsupported=true})' 2>&1 >/dev/null | FileCheck %s --check-prefix=REPORT
// RUN: not jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-stablehlo-to-jaxr{strict=true})' 2>&1 >/dev/null | FileCheck %s --check-prefix=STRICT

// Elementwise ops, comparisons and select (whose operand order differs from select_n).
// CHECK-LABEL: func.func @elementwise
// CHECK: %[[N:.*]] = jaxr.neg %arg0 : tensor<4xf32>
// CHECK: %[[S:.*]] = jaxr.square %[[N]] : tensor<4xf32>
// CHECK: %[[A:.*]] = jaxr.add %[[S]], %arg1 : tensor<4xf32>
// CHECK: %[[P:.*]] = jaxr.compare lt, %[[A]], %arg1 : tensor<4xf32> -> tensor<4xi1>
// CHECK: jaxr.select_n %[[P]], %arg1, %[[A]] :
// CHECK-NOT: stablehlo.
func.func @elementwise(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "stablehlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "chlo.square"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "stablehlo.add"(%1, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "stablehlo.compare"(%2, %y) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %4 = "stablehlo.select"(%3, %2, %y) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %4 : tensor<4xf32>
}

// -----

// A reduce whose body is one add becomes reduce_sum; an init value that is
// not the identity is added afterwards.
// CHECK-LABEL: func.func @reductions
// CHECK: %[[SUM:.*]] = jaxr.reduce_sum %arg0, axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
// CHECK: %[[MAX:.*]] = jaxr.reduce_max %arg0, axes = [0] : tensor<2x3xf32> -> tensor<3xf32>
// CHECK: %[[INIT:.*]] = jaxr.broadcast_in_dim %{{.*}}, dims = [] : tensor<f32> -> tensor<3xf32>
// CHECK: jaxr.max %[[MAX]], %[[INIT]] : tensor<3xf32>
func.func @reductions(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<3xf32>) {
  %zero = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  %0 = "stablehlo.reduce"(%x, %zero) <{dimensions = array<i64: 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
  %1 = "stablehlo.reduce"(%x, %zero) <{dimensions = array<i64: 0>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%m) : (tensor<f32>) -> ()
  }) : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0, %1 : tensor<2xf32>, tensor<3xf32>
}

// -----

// Ops whose jaxr counterpart would compute something else stay StableHLO.
// CHECK-LABEL: func.func @kept
// CHECK: stablehlo.compare
// CHECK: stablehlo.broadcast_in_dim
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 5]]:{{[0-9]+}}: warning: 'stablehlo.compare' stays StableHLO: a TOTALORDER comparison
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 5]]:{{[0-9]+}}: warning: 'stablehlo.broadcast_in_dim' stays StableHLO: broadcast dimensions that are not increasing
// STRICT: error: 'stablehlo.compare' stays StableHLO
// STRICT: error: strict=true: 2 op(s) have no jaxr counterpart
func.func @kept(%x: tensor<2x2xf32>) -> (tensor<2x2xi1>, tensor<2x2xf32>) {
  %0 = "stablehlo.compare"(%x, %x) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type TOTALORDER>}> : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xi1>
  %1 = "stablehlo.broadcast_in_dim"(%x) <{broadcast_dimensions = array<i64: 1, 0>}> : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0, %1 : tensor<2x2xi1>, tensor<2x2xf32>
}

// -----

// A dot_general's precision and algorithm are kept on jaxr.dot_general
// (codes of lax.Precision: 0 DEFAULT, 1 HIGH, 2 HIGHEST); the legacy dot (TensorFlow
// writes it) becomes a dot_general contracting lhs's last dimension with
// rhs's first.
// CHECK-LABEL: func.func @dots
// CHECK: jaxr.dot_general %arg0, %arg0, contracting = [1] x [0], batch = [] x [] {precision = array<i64: 2, 1>} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK: jaxr.dot_general %arg0, %arg1, contracting = [1] x [0], batch = [] x [] : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2xf32>
// CHECK: jaxr.dot_general %arg1, %arg1, contracting = [0] x [0], batch = [] x [] {precision = array<i64: 2, 2>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<f32>
// CHECK: jaxr.dot_general %arg0, %arg0, contracting = [1] x [0], batch = [] x [] {algorithm = #stablehlo.dot_algorithm<lhs_precision_type = tf32, rhs_precision_type = tf32, accumulation_type = f32, lhs_component_count = 1, rhs_component_count = 1, num_primitive_operations = 1, allow_imprecise_accumulation = false>} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK-NOT: stablehlo.
func.func @dots(%x: tensor<2x2xf32>, %v: tensor<2xf32>) -> (tensor<2x2xf32>, tensor<2xf32>, tensor<f32>, tensor<2x2xf32>) {
  %0 = "stablehlo.dot_general"(%x, %x) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGH>]}> : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %1 = "stablehlo.dot"(%x, %v) : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %2 = "stablehlo.dot"(%v, %v) <{precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<2xf32>, tensor<2xf32>) -> tensor<f32>
  // A dot algorithm (JAX's lax.DotAlgorithmPreset), written over lines.
  %3 = stablehlo.dot_general %x, %x, contracting_dims = [1] x [0], algorithm = <
    lhs_precision_type = tf32, rhs_precision_type = tf32, accumulation_type = f32,
    lhs_component_count = 1, rhs_component_count = 1, num_primitive_operations = 1,
    allow_imprecise_accumulation = false> : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0, %1, %2, %3 : tensor<2x2xf32>, tensor<2xf32>, tensor<f32>, tensor<2x2xf32>
}

// -----

// CHLO's error functions.
// CHECK-LABEL: func.func @special_functions
// CHECK: %[[E:.*]] = jaxr.erf %arg0 : tensor<4xf32>
// CHECK: %[[C:.*]] = jaxr.erfc %[[E]] : tensor<4xf32>
// CHECK: jaxr.erf_inv %[[C]] : tensor<4xf32>
func.func @special_functions(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "chlo.erf"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "chlo.erfc"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "chlo.erf_inv"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// Gather and scatter as JAX emits them for x[idx] and x.at[idx].add(u).
// CHECK-LABEL: func.func @gather_scatter
// CHECK: jaxr.gather %arg0[%arg1] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
// CHECK: jaxr.scatter_add %arg0[%arg1], %arg2 update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
// CHECK: jaxr.scatter %arg0[%arg1], %arg2 update_window_dims = [1], {{.*}} unique_indices = true
// CHECK: jaxr.scatter_min %arg0[%arg1], %arg2
// CHECK-NOT: stablehlo.
func.func @gather_scatter(%x: tensor<5x3xf32>, %i: tensor<7x1xi32>, %u: tensor<7x3xf32>) -> (tensor<7x3xf32>, tensor<5x3xf32>, tensor<5x3xf32>, tensor<5x3xf32>) {
  %0 = "stablehlo.gather"(%x, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 3>}> : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
  %1 = "stablehlo.scatter"(%x, %i, %u) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  %2 = "stablehlo.scatter"(%x, %i, %u) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = true}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    "stablehlo.return"(%b) : (tensor<f32>) -> ()
  }) : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  %3 = "stablehlo.scatter"(%x, %i, %u) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = "stablehlo.minimum"(%b, %a) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%m) : (tensor<f32>) -> ()
  }) : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %0, %1, %2, %3 : tensor<7x3xf32>, tensor<5x3xf32>, tensor<5x3xf32>, tensor<5x3xf32>
}

// -----

// The corpus's convolutions: StableHLO's compact dimension numbers become
// lax's specs.
// CHECK-LABEL: func.func @convolution
// CHECK: jaxr.conv_general_dilated %arg0, %arg1, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
// CHECK: jaxr.conv_general_dilated %arg0, %{{.*}}, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [2, 0, 1] x [2, 0, 1] -> [1, 2, 0]
func.func @convolution(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>, %g: tensor<2x8x4xf32>) -> (tensor<2x8x4xf32>, tensor<3x3x4xf32>) {
  %0 = "stablehlo.convolution"(%x, %w) <{batch_group_count = 1 : i64, dimension_numbers = #stablehlo.conv<[b, 0, f]x[0, i, o]->[b, 0, f]>, feature_group_count = 1 : i64, lhs_dilation = array<i64: 1>, padding = dense<[[2, 1]]> : tensor<1x2xi64>, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>], rhs_dilation = array<i64: 2>, window_reversal = array<i1: false>, window_strides = array<i64: 2>}> : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  %1 = "stablehlo.convolution"(%x, %g) <{batch_group_count = 1 : i64, dimension_numbers = #stablehlo.conv<[f, 0, b]x[i, 0, o]->[0, b, f]>, feature_group_count = 1 : i64, lhs_dilation = array<i64: 1>, padding = dense<[[2, 1]]> : tensor<1x2xi64>, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>], rhs_dilation = array<i64: 2>, window_reversal = array<i1: false>, window_strides = array<i64: 2>}> : (tensor<2x16x3xf32>, tensor<2x8x4xf32>) -> tensor<3x3x4xf32>
  return %0, %1 : tensor<2x8x4xf32>, tensor<3x3x4xf32>
}

// -----

// Windowed reductions: one add/maximum/minimum from the identity (or a
// broadcast of it) becomes reduce_window_*; anything else the generic
// jaxr.reduce_window, its body raised.
// CHECK-LABEL: func.func @reduce_window
// CHECK: jaxr.reduce_window_sum %arg0, window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x8xf32> -> tensor<3x8xf32>
// CHECK: jaxr.reduce_window_max %arg0, window = [1, 8], strides = [1, 1], padding = [0, 0, 0, 7], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x8xf32> -> tensor<3x8xf32>
// CHECK: jaxr.reduce_window(%arg0) init(%{{.*}}) window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x8xf32> {
// CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<f32>):
// CHECK-NEXT: %[[P:.*]] = jaxr.mul %[[A]], %[[B]] : tensor<f32>
// CHECK-NEXT: jaxr.yield %[[P]] : tensor<f32>
// CHECK-NEXT: }
// A non-identity init value: generic.
// CHECK: jaxr.reduce_window(%arg0) init(%{{.*}}) window = [1, 2]
// CHECK: jaxr.add
// CHECK: jaxr.yield
// CHECK-NOT: stablehlo.
func.func @reduce_window(%x: tensor<3x8xf32>) -> (tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x7xf32>) {
  %zero = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  %0 = "stablehlo.reduce_window"(%x, %zero) <{base_dilations = array<i64: 1, 1>, padding = dense<[[0, 0], [7, 0]]> : tensor<2x2xi64>, window_dilations = array<i64: 1, 1>, window_dimensions = array<i64: 1, 8>, window_strides = array<i64: 1, 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x8xf32>
  %ninf = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
  %low = "stablehlo.broadcast_in_dim"(%ninf) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<f32>
  %1 = "stablehlo.reduce_window"(%x, %low) <{base_dilations = array<i64: 1, 1>, padding = dense<[[0, 0], [0, 7]]> : tensor<2x2xi64>, window_dilations = array<i64: 1, 1>, window_dimensions = array<i64: 1, 8>, window_strides = array<i64: 1, 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%m) : (tensor<f32>) -> ()
  }) : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x8xf32>
  %one = "stablehlo.constant"() <{value = dense<1.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  %2 = "stablehlo.reduce_window"(%x, %one) <{base_dilations = array<i64: 1, 1>, padding = dense<[[0, 0], [7, 0]]> : tensor<2x2xi64>, window_dilations = array<i64: 1, 1>, window_dimensions = array<i64: 1, 8>, window_strides = array<i64: 1, 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %p = "stablehlo.multiply"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%p) : (tensor<f32>) -> ()
  }) : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x8xf32>
  %3 = "stablehlo.reduce_window"(%x, %one) <{window_dimensions = array<i64: 1, 2>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x7xf32>
  return %0, %1, %2, %3 : tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x7xf32>
}

// -----

// lax.sort's comparators (JAX's canonicalized total order for floats, a
// plain compare for integers, keys lexicographically; GT is descending) and
// chlo.top_k.
// CHECK-LABEL: func.func @sort_top_k
// CHECK: jaxr.sort %arg0 dim = 0, num_keys = 1, is_stable = true, descending = false : tensor<5xf32>
// CHECK: %{{.*}}:2 = jaxr.sort %arg1, %arg0 dim = 0, num_keys = 1, is_stable = false, descending = true : tensor<5xi32>, tensor<5xf32>
// CHECK: jaxr.top_k %arg0, k = 2, axis = 0 : tensor<5xf32> -> tensor<2xf32>, tensor<2xi32>
// Two keys (an integer, then a float), compared lexicographically.
// CHECK: %{{.*}}:2 = jaxr.sort %arg1, %arg0 dim = 0, num_keys = 2, is_stable = true, descending = false : tensor<5xi32>, tensor<5xf32>
// CHECK-NOT: stablehlo.
func.func @sort_top_k(%x: tensor<5xf32>, %i: tensor<5xi32>) -> (tensor<5xf32>, tensor<5xi32>, tensor<2xf32>) {
  %0 = "stablehlo.sort"(%x) <{dimension = 0 : i64, is_stable = true}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %z0 = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
    %e0 = "stablehlo.compare"(%a, %z0) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction EQ>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %z1 = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
    %s0 = "stablehlo.select"(%e0, %z1, %a) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %n0 = "stablehlo.compare"(%a, %a) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction NE>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %nan0 = "stablehlo.constant"() <{value = dense<0x7FC00000> : tensor<f32>}> : () -> tensor<f32>
    %ka = "stablehlo.select"(%n0, %nan0, %s0) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %z2 = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
    %e1 = "stablehlo.compare"(%b, %z2) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction EQ>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %z3 = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
    %s1 = "stablehlo.select"(%e1, %z3, %b) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %n1 = "stablehlo.compare"(%b, %b) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction NE>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %nan1 = "stablehlo.constant"() <{value = dense<0x7FC00000> : tensor<f32>}> : () -> tensor<f32>
    %kb = "stablehlo.select"(%n1, %nan1, %s1) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %lt = "stablehlo.compare"(%ka, %kb) <{compare_type = #stablehlo<comparison_type TOTALORDER>, comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    "stablehlo.return"(%lt) : (tensor<i1>) -> ()
  }) : (tensor<5xf32>) -> tensor<5xf32>
  %1:2 = "stablehlo.sort"(%i, %x) <{dimension = 0 : i64}> ({
  ^bb0(%a: tensor<i32>, %b: tensor<i32>, %c: tensor<f32>, %d: tensor<f32>):
    %gt = "stablehlo.compare"(%a, %b) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction GT>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "stablehlo.return"(%gt) : (tensor<i1>) -> ()
  }) : (tensor<5xi32>, tensor<5xf32>) -> (tensor<5xi32>, tensor<5xf32>)
  %2:2 = "chlo.top_k"(%x) <{k = 2 : i64}> : (tensor<5xf32>) -> (tensor<2xf32>, tensor<2xi32>)
  %3:2 = "stablehlo.sort"(%i, %x) <{dimension = 0 : i64, is_stable = true}> ({
  ^bb0(%a: tensor<i32>, %b: tensor<i32>, %c: tensor<f32>, %d: tensor<f32>):
    %zero = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
    %nan = "stablehlo.constant"() <{value = dense<0x7FC00000> : tensor<f32>}> : () -> tensor<f32>
    %cz = "stablehlo.compare"(%c, %zero) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction EQ>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %c0 = "stablehlo.select"(%cz, %zero, %c) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %cn = "stablehlo.compare"(%c, %c) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction NE>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %ck = "stablehlo.select"(%cn, %nan, %c0) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %dz = "stablehlo.compare"(%d, %zero) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction EQ>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %d0 = "stablehlo.select"(%dz, %zero, %d) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %dn = "stablehlo.compare"(%d, %d) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction NE>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %dk = "stablehlo.select"(%dn, %nan, %d0) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %later = "stablehlo.compare"(%ck, %dk) <{compare_type = #stablehlo<comparison_type TOTALORDER>, comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %lt = "stablehlo.compare"(%a, %b) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %eq = "stablehlo.compare"(%a, %b) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction EQ>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %tie = "stablehlo.and"(%eq, %later) : (tensor<i1>, tensor<i1>) -> tensor<i1>
    %p = "stablehlo.or"(%lt, %tie) : (tensor<i1>, tensor<i1>) -> tensor<i1>
    "stablehlo.return"(%p) : (tensor<i1>) -> ()
  }) : (tensor<5xi32>, tensor<5xf32>) -> (tensor<5xi32>, tensor<5xf32>)
  return %0, %1#0, %2#0 : tensor<5xf32>, tensor<5xi32>, tensor<2xf32>
}

// -----

// Control flow: the bodies are raised like any code; stablehlo.return
// becomes jaxr.yield; stablehlo.if takes lax.cond's branch order.
// CHECK-LABEL: func.func @control_flow
// CHECK: %[[W:.*]]:2 = jaxr.while(%{{.*}}, %arg1) : tensor<i32>, tensor<4xf32> cond {
// CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i32>, %{{.*}}: tensor<4xf32>):
// CHECK-NEXT: %[[C:.*]] = jaxr.compare lt, %[[I]], %arg0 : tensor<i32> -> tensor<i1>
// CHECK-NEXT: jaxr.yield %[[C]] : tensor<i1>
// CHECK-NEXT: } body {
// CHECK: jaxr.square
// CHECK: jaxr.yield %{{.*}}, %{{.*}} : tensor<i32>, tensor<4xf32>
// CHECK: jaxr.cond %arg0 : tensor<i32> -> (tensor<4xf32>) {
// CHECK-NEXT: jaxr.tanh %arg1
// CHECK-NEXT: jaxr.yield
// CHECK-NEXT: }, {
// CHECK-NEXT: jaxr.yield %arg1 : tensor<4xf32>
// CHECK-NEXT: }
// CHECK: jaxr.cond %arg2 : tensor<i1> -> (tensor<4xf32>) {
// CHECK-NEXT: jaxr.neg %arg1
// CHECK: }, {
// CHECK-NEXT: jaxr.exp %arg1
// CHECK-NOT: stablehlo.
func.func @control_flow(%n: tensor<i32>, %x: tensor<4xf32>, %p: tensor<i1>) -> (tensor<i32>, tensor<4xf32>, tensor<4xf32>) {
  %zero = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %r:2 = "stablehlo.while"(%zero, %x) ({
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>):
    %c = "stablehlo.compare"(%i, %n) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "stablehlo.return"(%c) : (tensor<i1>) -> ()
  }, {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>):
    %one = "stablehlo.constant"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
    %j = "stablehlo.add"(%i, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    %w = "stablehlo.multiply"(%v, %v) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    "stablehlo.return"(%j, %w) : (tensor<i32>, tensor<4xf32>) -> ()
  }) : (tensor<i32>, tensor<4xf32>) -> (tensor<i32>, tensor<4xf32>)
  %0 = "stablehlo.case"(%n) ({
    %t = "stablehlo.tanh"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    "stablehlo.return"(%t) : (tensor<4xf32>) -> ()
  }, {
    "stablehlo.return"(%x) : (tensor<4xf32>) -> ()
  }) : (tensor<i32>) -> tensor<4xf32>
  %1 = "stablehlo.if"(%p) ({
    %e = "stablehlo.exponential"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    "stablehlo.return"(%e) : (tensor<4xf32>) -> ()
  }, {
    %m = "stablehlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    "stablehlo.return"(%m) : (tensor<4xf32>) -> ()
  }) : (tensor<i1>) -> tensor<4xf32>
  return %r#0, %0, %1 : tensor<i32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// What stays StableHLO: a sort comparing floats without lax.sort's total
// order (NaN would sort differently), a scatter whose body is not one op, a
// reversed convolution window, and a while carrying a token.
// CHECK-LABEL: func.func @kept_regions
// CHECK: stablehlo.sort
// CHECK: stablehlo.scatter
// CHECK: stablehlo.convolution
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 10]]:{{[0-9]+}}: warning: 'stablehlo.sort' stays StableHLO: a sort comparator other than lax.sort's
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 14]]:{{[0-9]+}}: warning: 'stablehlo.scatter' stays StableHLO: a scatter body other than one add/multiply/minimum/maximum or the update
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 19]]:{{[0-9]+}}: warning: 'stablehlo.convolution' stays StableHLO: window reversal has no jaxr counterpart
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 19]]:{{[0-9]+}}: warning: 'stablehlo.while' stays StableHLO: expected a ranked tensor type, found !stablehlo.token
// STRICT: error: 'stablehlo.sort' stays StableHLO
// STRICT: error: 'stablehlo.scatter' stays StableHLO
// STRICT: error: 'stablehlo.convolution' stays StableHLO
// STRICT: error: 'stablehlo.while' stays StableHLO
// STRICT: error: strict=true: 4 op(s) have no jaxr counterpart
func.func @kept_regions(%x: tensor<5xf32>, %i: tensor<2x1xi32>, %u: tensor<2xf32>, %w: tensor<3x3x4xf32>, %y: tensor<2x16x3xf32>, %n: tensor<i32>, %tok: !stablehlo.token) -> (tensor<5xf32>, tensor<5xf32>, tensor<2x8x4xf32>, tensor<i32>) {
  %0 = "stablehlo.sort"(%x) <{dimension = 0 : i64}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %lt = "stablehlo.compare"(%a, %b) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    "stablehlo.return"(%lt) : (tensor<i1>) -> ()
  }) : (tensor<5xf32>) -> tensor<5xf32>
  %1 = "stablehlo.scatter"(%x, %i, %u) <{scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    %t = "stablehlo.multiply"(%s, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%t) : (tensor<f32>) -> ()
  }) : (tensor<5xf32>, tensor<2x1xi32>, tensor<2xf32>) -> tensor<5xf32>
  %2 = "stablehlo.convolution"(%y, %w) <{batch_group_count = 1 : i64, dimension_numbers = #stablehlo.conv<[b, 0, f]x[0, i, o]->[b, 0, f]>, feature_group_count = 1 : i64, padding = dense<[[2, 1]]> : tensor<1x2xi64>, rhs_dilation = array<i64: 2>, window_reversal = array<i1: true>, window_strides = array<i64: 2>}> : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  %3:2 = "stablehlo.while"(%n, %tok) ({
  ^bb0(%a: tensor<i32>, %ta: !stablehlo.token):
    %c = "stablehlo.compare"(%a, %a) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "stablehlo.return"(%c) : (tensor<i1>) -> ()
  }, {
  ^bb0(%a: tensor<i32>, %ta: !stablehlo.token):
    "stablehlo.return"(%a, %ta) : (tensor<i32>, !stablehlo.token) -> ()
  }) : (tensor<i32>, !stablehlo.token) -> (tensor<i32>, !stablehlo.token)
  return %0, %1, %2, %3#0 : tensor<5xf32>, tensor<5xf32>, tensor<2x8x4xf32>, tensor<i32>
}

// -----

// x * x of one value is lax.square; x * y stays a multiplication.
// CHECK-LABEL: func.func @square_idiom
// CHECK: %[[S:.*]] = jaxr.square %arg0 : tensor<3xf32>
// CHECK: jaxr.mul %[[S]], %arg0 : tensor<3xf32>
func.func @square_idiom(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "stablehlo.multiply"(%x, %x) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "stablehlo.multiply"(%0, %x) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %1 : tensor<3xf32>
}

// -----

// Batch norm has no jaxr primitive: it is written as JAX (flax) writes it,
// with broadcasts along feature_index; the variance is the biased one and
// batch_norm_grad follows the specification's formulas.
// CHECK-LABEL: func.func @batch_norm_inference
// CHECK: %[[EPS:.*]] = jaxr.constant dense<9.99999974E-6> : tensor<3xf32>
// CHECK: %[[MEAN:.*]] = jaxr.broadcast_in_dim %arg3, dims = [1] : tensor<3xf32> -> tensor<2x3x4xf32>
// CHECK: %[[C:.*]] = jaxr.sub %arg0, %[[MEAN]] : tensor<2x3x4xf32>
// CHECK: %[[VE:.*]] = jaxr.add %arg4, %[[EPS]] : tensor<3xf32>
// CHECK: %[[R:.*]] = jaxr.rsqrt %[[VE]] : tensor<3xf32>
// CHECK: %[[M:.*]] = jaxr.mul %[[R]], %arg1 : tensor<3xf32>
// CHECK: %[[MB:.*]] = jaxr.broadcast_in_dim %[[M]], dims = [1]
// CHECK: %[[Y:.*]] = jaxr.mul %[[C]], %[[MB]] : tensor<2x3x4xf32>
// CHECK: %[[OB:.*]] = jaxr.broadcast_in_dim %arg2, dims = [1]
// CHECK: %[[OUT:.*]] = jaxr.add %[[Y]], %[[OB]] : tensor<2x3x4xf32>
// CHECK: return %[[OUT]]
// CHECK-LABEL: func.func @batch_norm_training
// CHECK: %[[N:.*]] = jaxr.constant dense<8.000000e+00> : tensor<3xf32>
// CHECK: %[[S:.*]] = jaxr.reduce_sum %arg0, axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// CHECK: %[[MEAN:.*]] = jaxr.div %[[S]], %[[N]] : tensor<3xf32>
// CHECK: %[[MB:.*]] = jaxr.broadcast_in_dim %[[MEAN]], dims = [1]
// CHECK: %[[C:.*]] = jaxr.sub %arg0, %[[MB]] : tensor<2x3x4xf32>
// CHECK: %[[SQ:.*]] = jaxr.square %[[C]] : tensor<2x3x4xf32>
// CHECK: %[[SS:.*]] = jaxr.reduce_sum %[[SQ]], axes = [0, 2]
// CHECK: %[[VAR:.*]] = jaxr.div %[[SS]], %[[N]] : tensor<3xf32>
// CHECK: jaxr.rsqrt
// CHECK: %[[OUT:.*]] = jaxr.add
// CHECK: return %[[OUT]], %[[MEAN]], %[[VAR]]
// CHECK-LABEL: func.func @batch_norm_grad
// CHECK: %[[VE:.*]] = jaxr.add %arg3, %{{.*}} : tensor<3xf32>
// CHECK: %[[SD:.*]] = jaxr.sqrt %[[VE]] : tensor<3xf32>
// CHECK: %[[MB:.*]] = jaxr.broadcast_in_dim %arg2, dims = [1]
// CHECK: %[[C:.*]] = jaxr.sub %arg0, %[[MB]] : tensor<2x3x4xf32>
// CHECK: %[[SDB:.*]] = jaxr.broadcast_in_dim %[[SD]], dims = [1]
// CHECK: %[[XHAT:.*]] = jaxr.div %[[C]], %[[SDB]] : tensor<2x3x4xf32>
// CHECK: %[[NB:.*]] = jaxr.constant dense<8.000000e+00> : tensor<2x3x4xf32>
// CHECK: %[[I1:.*]] = jaxr.mul %arg4, %[[NB]] : tensor<2x3x4xf32>
// CHECK: %[[GO:.*]] = jaxr.reduce_sum %arg4, axes = [0, 2]
// CHECK: %[[I2:.*]] = jaxr.broadcast_in_dim %[[GO]], dims = [1]
// CHECK: %[[GC:.*]] = jaxr.mul %arg4, %[[C]] : tensor<2x3x4xf32>
// CHECK: %[[SGC:.*]] = jaxr.reduce_sum %[[GC]], axes = [0, 2]
// CHECK: %[[I3:.*]] = jaxr.broadcast_in_dim %[[SGC]], dims = [1]
// CHECK: %[[I4:.*]] = jaxr.mul %[[I3]], %[[C]] : tensor<2x3x4xf32>
// CHECK: %[[VEB:.*]] = jaxr.broadcast_in_dim %[[VE]], dims = [1]
// CHECK: %[[I5:.*]] = jaxr.div %[[I4]], %[[VEB]] : tensor<2x3x4xf32>
// CHECK: %[[I12:.*]] = jaxr.sub %[[I1]], %[[I2]] : tensor<2x3x4xf32>
// CHECK: %[[I6:.*]] = jaxr.sub %[[I12]], %[[I5]] : tensor<2x3x4xf32>
// CHECK: %[[SS:.*]] = jaxr.div %arg1, %[[SD]] : tensor<3xf32>
// CHECK: %[[N:.*]] = jaxr.constant dense<8.000000e+00> : tensor<3xf32>
// CHECK: %[[K:.*]] = jaxr.div %[[SS]], %[[N]] : tensor<3xf32>
// CHECK: %[[KB:.*]] = jaxr.broadcast_in_dim %[[K]], dims = [1]
// CHECK: %[[GX:.*]] = jaxr.mul %[[KB]], %[[I6]] : tensor<2x3x4xf32>
// CHECK: %[[GXH:.*]] = jaxr.mul %arg4, %[[XHAT]] : tensor<2x3x4xf32>
// CHECK: %[[GS:.*]] = jaxr.reduce_sum %[[GXH]], axes = [0, 2]
// CHECK: return %[[GX]], %[[GS]], %[[GO]]
// CHECK-NOT: stablehlo.
func.func @batch_norm_inference(%x: tensor<2x3x4xf32>, %scale: tensor<3xf32>, %offset: tensor<3xf32>, %mean: tensor<3xf32>, %var: tensor<3xf32>) -> tensor<2x3x4xf32> {
  %0 = "stablehlo.batch_norm_inference"(%x, %scale, %offset, %mean, %var) <{epsilon = 1.0e-05 : f32, feature_index = 1 : i64}> : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}
func.func @batch_norm_training(%x: tensor<2x3x4xf32>, %scale: tensor<3xf32>, %offset: tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0:3 = "stablehlo.batch_norm_training"(%x, %scale, %offset) <{epsilon = 1.0e-05 : f32, feature_index = 1 : i64}> : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>
}
func.func @batch_norm_grad(%x: tensor<2x3x4xf32>, %scale: tensor<3xf32>, %mean: tensor<3xf32>, %var: tensor<3xf32>, %g: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0:3 = "stablehlo.batch_norm_grad"(%x, %scale, %mean, %var, %g) <{epsilon = 1.0e-05 : f32, feature_index = 1 : i64}> : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// argmax/argmin: a reduce of values and an iota of their indices whose
// body picks the first extremum, NaN counting as extremal. JAX's body (its
// NaN test looks at the first argument, which the specification's schedule
// makes the one with smaller indices); the value result, when used, is
// reduce_max/reduce_min. PyTorch's integer body (no NaN test, the smaller
// index by minimum) over a broadcast iota, the indices first.
// CHECK-LABEL: func.func @jax_argmax
// CHECK: %[[A:.*]] = jaxr.argmax %arg0, axis = 1 : tensor<4x5xf32> -> tensor<4xi32>
// CHECK-NOT: jaxr.reduce_max
// CHECK: return %[[A]]
// CHECK-LABEL: func.func @jax_argmin_and_min
// CHECK: %[[A:.*]] = jaxr.argmin %arg0, axis = 0 : tensor<4x5xf64> -> tensor<5xi64>
// CHECK: %[[M:.*]] = jaxr.reduce_min %arg0, axes = [0] : tensor<4x5xf64> -> tensor<5xf64>
// CHECK: return %[[M]], %[[A]]
// CHECK-LABEL: func.func @torch_argmax_int
// CHECK: %[[A:.*]] = jaxr.argmax %arg0, axis = 1 : tensor<4x5xi32> -> tensor<4xi64>
// CHECK: %[[M:.*]] = jaxr.reduce_max %arg0, axes = [1] : tensor<4x5xi32> -> tensor<4xi32>
// CHECK: return %[[A]], %[[M]]
// CHECK-NOT: stablehlo.
func.func @jax_argmax(%x: tensor<4x5xf32>) -> tensor<4xi32> {
  %iota = "stablehlo.iota"() <{iota_dimension = 1 : i64}> : () -> tensor<4x5xi32>
  %init = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
  %zero = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
  %r:2 = "stablehlo.reduce"(%x, %iota, %init, %zero) <{dimensions = array<i64: 1>}> ({
  ^bb0(%a: tensor<f32>, %ai: tensor<i32>, %b: tensor<f32>, %bi: tensor<i32>):
    %0 = "stablehlo.compare"(%a, %b) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %1 = "stablehlo.compare"(%a, %a) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %2 = "stablehlo.or"(%0, %1) : (tensor<i1>, tensor<i1>) -> tensor<i1>
    %3 = "stablehlo.compare"(%a, %b) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %4 = "stablehlo.compare"(%ai, %bi) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %5 = "stablehlo.and"(%3, %4) : (tensor<i1>, tensor<i1>) -> tensor<i1>
    %6 = "stablehlo.or"(%2, %5) : (tensor<i1>, tensor<i1>) -> tensor<i1>
    %7 = "stablehlo.select"(%2, %a, %b) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %8 = "stablehlo.select"(%6, %ai, %bi) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
    "stablehlo.return"(%7, %8) : (tensor<f32>, tensor<i32>) -> ()
  }) : (tensor<4x5xf32>, tensor<4x5xi32>, tensor<f32>, tensor<i32>) -> (tensor<4xf32>, tensor<4xi32>)
  return %r#1 : tensor<4xi32>
}
func.func @jax_argmin_and_min(%x: tensor<4x5xf64>) -> (tensor<5xf64>, tensor<5xi64>) {
  %iota = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<4x5xi64>
  %init = "stablehlo.constant"() <{value = dense<0x7FF0000000000000> : tensor<f64>}> : () -> tensor<f64>
  %zero = "stablehlo.constant"() <{value = dense<0> : tensor<i64>}> : () -> tensor<i64>
  %r:2 = "stablehlo.reduce"(%x, %iota, %init, %zero) <{dimensions = array<i64: 0>}> ({
  ^bb0(%a: tensor<f64>, %ai: tensor<i64>, %b: tensor<f64>, %bi: tensor<i64>):
    %0 = "stablehlo.compare"(%a, %b) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f64>, tensor<f64>) -> tensor<i1>
    %1 = "stablehlo.compare"(%a, %a) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f64>, tensor<f64>) -> tensor<i1>
    %2 = "stablehlo.or"(%0, %1) : (tensor<i1>, tensor<i1>) -> tensor<i1>
    %3 = "stablehlo.compare"(%a, %b) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f64>, tensor<f64>) -> tensor<i1>
    %4 = "stablehlo.compare"(%ai, %bi) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i64>, tensor<i64>) -> tensor<i1>
    %5 = "stablehlo.and"(%3, %4) : (tensor<i1>, tensor<i1>) -> tensor<i1>
    %6 = "stablehlo.or"(%2, %5) : (tensor<i1>, tensor<i1>) -> tensor<i1>
    %7 = "stablehlo.select"(%2, %a, %b) : (tensor<i1>, tensor<f64>, tensor<f64>) -> tensor<f64>
    %8 = "stablehlo.select"(%6, %ai, %bi) : (tensor<i1>, tensor<i64>, tensor<i64>) -> tensor<i64>
    "stablehlo.return"(%7, %8) : (tensor<f64>, tensor<i64>) -> ()
  }) : (tensor<4x5xf64>, tensor<4x5xi64>, tensor<f64>, tensor<i64>) -> (tensor<5xf64>, tensor<5xi64>)
  return %r#0, %r#1 : tensor<5xf64>, tensor<5xi64>
}
func.func @torch_argmax_int(%x: tensor<4x5xi32>) -> (tensor<4xi64>, tensor<4xi32>) {
  %iota = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<5xi64>
  %indices = "stablehlo.broadcast_in_dim"(%iota) <{broadcast_dimensions = array<i64: 1>}> : (tensor<5xi64>) -> tensor<4x5xi64>
  %init = "stablehlo.constant"() <{value = dense<-2147483648> : tensor<i32>}> : () -> tensor<i32>
  %zero = "stablehlo.constant"() <{value = dense<0> : tensor<i64>}> : () -> tensor<i64>
  %r:2 = "stablehlo.reduce"(%indices, %x, %zero, %init) <{dimensions = array<i64: 1>}> ({
  ^bb0(%ai: tensor<i64>, %a: tensor<i32>, %bi: tensor<i64>, %b: tensor<i32>):
    %0 = "stablehlo.compare"(%a, %b) <{comparison_direction = #stablehlo<comparison_direction GE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %1 = "stablehlo.select"(%0, %a, %b) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
    %2 = "stablehlo.compare"(%a, %b) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %3 = "stablehlo.minimum"(%ai, %bi) : (tensor<i64>, tensor<i64>) -> tensor<i64>
    %4 = "stablehlo.select"(%0, %ai, %bi) : (tensor<i1>, tensor<i64>, tensor<i64>) -> tensor<i64>
    %5 = "stablehlo.select"(%2, %3, %4) : (tensor<i1>, tensor<i64>, tensor<i64>) -> tensor<i64>
    "stablehlo.return"(%5, %1) : (tensor<i64>, tensor<i32>) -> ()
  }) : (tensor<4x5xi64>, tensor<4x5xi32>, tensor<i64>, tensor<i32>) -> (tensor<4xi64>, tensor<4xi32>)
  return %r#0, %r#1 : tensor<4xi64>, tensor<4xi32>
}

// -----

// Reduces of several operands that are not argmax/argmin stay StableHLO:
// the same PyTorch body on floats (a NaN does not win: not lax.argmax), a
// body that keeps the last maximum, and two sums at once.
// CHECK-LABEL: func.func @kept_variadic_reduces
// CHECK-COUNT-3: stablehlo.reduce
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 10]]:{{[0-9]+}}: warning: 'stablehlo.reduce' stays StableHLO: a reduce of 2 operands other than argmax/argmin (values and an iota of indices): the body does not pick the first maximum, NaN maximal, ties to the smaller index
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 19]]:{{[0-9]+}}: warning: 'stablehlo.reduce' stays StableHLO: a reduce of 2 operands other than argmax/argmin (values and an iota of indices): the body does not pick the first maximum, NaN maximal, ties to the smaller index
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 25]]:{{[0-9]+}}: warning: 'stablehlo.reduce' stays StableHLO: a reduce of 2 operands other than argmax/argmin (values and an iota of indices): neither operand is an iota along dimension 0
// STRICT: error: 'stablehlo.reduce' stays StableHLO: a reduce of 2 operands other than argmax/argmin
// STRICT: error: strict=true: 3 op(s) have no jaxr counterpart
func.func @kept_variadic_reduces(%x: tensor<4x5xf32>, %y: tensor<5xf32>) -> (tensor<4xi64>, tensor<4xi64>, tensor<f32>) {
  %iota = "stablehlo.iota"() <{iota_dimension = 1 : i64}> : () -> tensor<4x5xi64>
  %init = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
  %zero = "stablehlo.constant"() <{value = dense<0> : tensor<i64>}> : () -> tensor<i64>
  %fzero = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
  %r:2 = "stablehlo.reduce"(%x, %iota, %init, %zero) <{dimensions = array<i64: 1>}> ({
  ^bb0(%a: tensor<f32>, %ai: tensor<i64>, %b: tensor<f32>, %bi: tensor<i64>):
    %0 = "stablehlo.compare"(%a, %b) <{comparison_direction = #stablehlo<comparison_direction GE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %1 = "stablehlo.select"(%0, %a, %b) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %2 = "stablehlo.compare"(%a, %b) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %3 = "stablehlo.minimum"(%ai, %bi) : (tensor<i64>, tensor<i64>) -> tensor<i64>
    %4 = "stablehlo.select"(%0, %ai, %bi) : (tensor<i1>, tensor<i64>, tensor<i64>) -> tensor<i64>
    %5 = "stablehlo.select"(%2, %3, %4) : (tensor<i1>, tensor<i64>, tensor<i64>) -> tensor<i64>
    "stablehlo.return"(%1, %5) : (tensor<f32>, tensor<i64>) -> ()
  }) : (tensor<4x5xf32>, tensor<4x5xi64>, tensor<f32>, tensor<i64>) -> (tensor<4xf32>, tensor<4xi64>)
  %s:2 = "stablehlo.reduce"(%x, %iota, %init, %zero) <{dimensions = array<i64: 1>}> ({
  ^bb0(%a: tensor<f32>, %ai: tensor<i64>, %b: tensor<f32>, %bi: tensor<i64>):
    %0 = "stablehlo.compare"(%a, %b) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %1 = "stablehlo.select"(%0, %a, %b) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %2 = "stablehlo.select"(%0, %ai, %bi) : (tensor<i1>, tensor<i64>, tensor<i64>) -> tensor<i64>
    "stablehlo.return"(%1, %2) : (tensor<f32>, tensor<i64>) -> ()
  }) : (tensor<4x5xf32>, tensor<4x5xi64>, tensor<f32>, tensor<i64>) -> (tensor<4xf32>, tensor<4xi64>)
  %t:2 = "stablehlo.reduce"(%y, %y, %fzero, %fzero) <{dimensions = array<i64: 0>}> ({
  ^bb0(%a: tensor<f32>, %c: tensor<f32>, %b: tensor<f32>, %d: tensor<f32>):
    %0 = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    %1 = "stablehlo.add"(%c, %d) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%0, %1) : (tensor<f32>, tensor<f32>) -> ()
  }) : (tensor<5xf32>, tensor<5xf32>, tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return %r#1, %s#1, %t#0 : tensor<4xi64>, tensor<4xi64>, tensor<f32>
}

// -----

// Dynamic-shape ops whose shapes are constants (through constant ops) and
// whose result types are static become the static ops.
// CHECK-LABEL: func.func @static_dynamic_shapes
// CHECK: %[[IOTA:.*]] = jaxr.iota dim = 1 : tensor<3x4xi64>
// CHECK: %[[RESHAPE:.*]] = jaxr.reshape %arg0 : tensor<1x6xi64> -> tensor<6xi64>
// CHECK: %[[BCAST:.*]] = jaxr.broadcast_in_dim %arg1, dims = [0, 2] : tensor<3x1xf32> -> tensor<3x2x2xf32>
// CHECK: %[[PAD:.*]] = jaxr.pad %arg2, %arg3, low = [1, -1], high = [1, -1], interior = [0, 1] : (tensor<5x4xf32>, tensor<f32>) -> tensor<7x5xf32>
// CHECK: %[[SIZE:.*]] = jaxr.constant dense<4> : tensor<i32>
// CHECK: %[[GATHER:.*]] = jaxr.gather %arg4[%arg5]
// CHECK-SAME: slice_sizes = [1, 2, 2]
// CHECK: %[[IOTA2:.*]] = jaxr.iota dim = 0 : tensor<12x3xi32>
// CHECK: return %[[IOTA]], %[[RESHAPE]], %[[BCAST]], %[[PAD]], %[[SIZE]], %[[GATHER]], %[[IOTA2]]
// CHECK-NOT: stablehlo.
func.func @static_dynamic_shapes(%x: tensor<1x6xi64>, %y: tensor<3x1xf32>, %p: tensor<5x4xf32>, %pv: tensor<f32>, %g: tensor<3x4x2xi64>, %i: tensor<2x3x2xi64>) -> (tensor<3x4xi64>, tensor<6xi64>, tensor<3x2x2xf32>, tensor<7x5xf32>, tensor<i32>, tensor<2x3x2x2xi64>, tensor<12x3xi32>) {
  %shape = "stablehlo.constant"() <{value = dense<[3, 4]> : tensor<2xi64>}> : () -> tensor<2xi64>
  %0 = "stablehlo.dynamic_iota"(%shape) <{iota_dimension = 1 : i64}> : (tensor<2xi64>) -> tensor<3x4xi64>
  %six = "stablehlo.constant"() <{value = dense<6> : tensor<i32>}> : () -> tensor<i32>
  %six1 = "stablehlo.reshape"(%six) : (tensor<i32>) -> tensor<1xi32>
  %1 = "stablehlo.dynamic_reshape"(%x, %six1) : (tensor<1x6xi64>, tensor<1xi32>) -> tensor<6xi64>
  %dims = "stablehlo.constant"() <{value = dense<[3, 2, 2]> : tensor<3xi64>}> : () -> tensor<3xi64>
  %2 = "stablehlo.dynamic_broadcast_in_dim"(%y, %dims) <{broadcast_dimensions = array<i64: 0, 2>, known_expanding_dimensions = array<i64: 1>, known_nonexpanding_dimensions = array<i64: 0>}> : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<3x2x2xf32>
  %edge = "stablehlo.constant"() <{value = dense<[1, -1]> : tensor<2xi64>}> : () -> tensor<2xi64>
  %interior = "stablehlo.constant"() <{value = dense<[0, 1]> : tensor<2xi64>}> : () -> tensor<2xi64>
  %3 = "stablehlo.dynamic_pad"(%p, %pv, %edge, %edge, %interior) : (tensor<5x4xf32>, tensor<f32>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>) -> tensor<7x5xf32>
  %4 = "stablehlo.get_dimension_size"(%p) <{dimension = 1 : i64}> : (tensor<5x4xf32>) -> tensor<i32>
  %sizes = "stablehlo.constant"() <{value = dense<[1, 2, 2]> : tensor<3xi64>}> : () -> tensor<3xi64>
  %5 = "stablehlo.dynamic_gather"(%g, %i, %sizes) <{dimension_numbers = #stablehlo.gather<offset_dims = [2, 3], collapsed_slice_dims = [0], start_index_map = [1, 0], index_vector_dim = 2>, indices_are_sorted = false}> : (tensor<3x4x2xi64>, tensor<2x3x2xi64>, tensor<3xi64>) -> tensor<2x3x2x2xi64>
  // 3 * get_dimension_size(%p, 1), and 3 (sliced out of a concatenation).
  %three = "stablehlo.constant"() <{value = dense<3> : tensor<1xi32>}> : () -> tensor<1xi32>
  %size1 = "stablehlo.reshape"(%4) : (tensor<i32>) -> tensor<1xi32>
  %rows = "stablehlo.multiply"(%three, %size1) : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi32>
  %both = "stablehlo.concatenate"(%rows, %three, %three) <{dimension = 0 : i64}> : (tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<3xi32>
  %shape2 = "stablehlo.slice"(%both) <{start_indices = array<i64: 0>, limit_indices = array<i64: 2>, strides = array<i64: 1>}> : (tensor<3xi32>) -> tensor<2xi32>
  %6 = "stablehlo.dynamic_iota"(%shape2) <{iota_dimension = 0 : i64}> : (tensor<2xi32>) -> tensor<12x3xi32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<3x4xi64>, tensor<6xi64>, tensor<3x2x2xf32>, tensor<7x5xf32>, tensor<i32>, tensor<2x3x2x2xi64>, tensor<12x3xi32>
}

// -----

// Truly dynamic shapes stay StableHLO.
// CHECK-LABEL: func.func @dynamic_shapes
// CHECK: stablehlo.dynamic_iota
// CHECK: stablehlo.dynamic_reshape
// CHECK: stablehlo.get_dimension_size
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 8]]:{{[0-9]+}}: warning: 'stablehlo.dynamic_iota' stays StableHLO: dynamic shape: the output shape is not a constant
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 8]]:{{[0-9]+}}: warning: 'stablehlo.dynamic_reshape' stays StableHLO: dynamic shape: the result type tensor<?xf32> is not static
// REPORT: convert-stablehlo-to-jaxr.mlir:[[# @LINE + 8]]:{{[0-9]+}}: warning: 'stablehlo.get_dimension_size' stays StableHLO: dynamic shape: dimension 0 of the operand is not static
// STRICT: error: 'stablehlo.dynamic_iota' stays StableHLO: dynamic shape
// STRICT: error: 'stablehlo.dynamic_reshape' stays StableHLO: dynamic shape
// STRICT: error: 'stablehlo.get_dimension_size' stays StableHLO: dynamic shape
// STRICT: error: strict=true: 3 op(s) have no jaxr counterpart
func.func @dynamic_shapes(%n: tensor<2xi32>, %x: tensor<2x3xf32>, %m: tensor<1xi32>) -> (tensor<2x3xi32>, tensor<?xf32>, tensor<i32>) {
  %0 = "stablehlo.dynamic_iota"(%n) <{iota_dimension = 1 : i64}> : (tensor<2xi32>) -> tensor<2x3xi32>
  %1 = "stablehlo.dynamic_reshape"(%x, %m) : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<?xf32>
  %2 = "stablehlo.get_dimension_size"(%1) <{dimension = 0 : i64}> : (tensor<?xf32>) -> tensor<i32>
  return %0, %1, %2 : tensor<2x3xi32>, tensor<?xf32>, tensor<i32>
}

// -----

// Complex numbers: the parts, the conjugate, complex arithmetic and fft
// (fft_type codes: 0 FFT, 1 IFFT, 2 RFFT, 3 IRFFT).
// CHECK-LABEL: func.func @complex_numbers
// CHECK: %[[Z:.*]] = jaxr.complex %arg0, %arg1 : tensor<4xf32> -> tensor<4xcomplex<f32>>
// CHECK: %[[M:.*]] = jaxr.square %[[Z]] : tensor<4xcomplex<f32>>
// CHECK: %[[C:.*]] = jaxr.conj %[[M]] : tensor<4xcomplex<f32>>
// CHECK: %[[F:.*]] = jaxr.fft %[[C]], type = 0, length = [4] : (tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>>
// CHECK: jaxr.real %[[F]] : tensor<4xcomplex<f32>> -> tensor<4xf32>
// CHECK: jaxr.imag %[[F]] : tensor<4xcomplex<f32>> -> tensor<4xf32>
// CHECK: jaxr.fft %arg0, type = 2, length = [4] : (tensor<4xf32>) -> tensor<3xcomplex<f32>>
// CHECK-NOT: stablehlo.
func.func @complex_numbers(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<3xcomplex<f32>>) {
  %0 = "stablehlo.complex"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xcomplex<f32>>
  %1 = "stablehlo.multiply"(%0, %0) : (tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>>
  %2 = "chlo.conj"(%1) : (tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>>
  %3 = "stablehlo.fft"(%2) <{fft_type = #stablehlo<fft_type FFT>, fft_length = array<i64: 4>}> : (tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>>
  %4 = "stablehlo.real"(%3) : (tensor<4xcomplex<f32>>) -> tensor<4xf32>
  %5 = "stablehlo.imag"(%3) : (tensor<4xcomplex<f32>>) -> tensor<4xf32>
  %6 = "stablehlo.fft"(%x) <{fft_type = #stablehlo<fft_type RFFT>, fft_length = array<i64: 4>}> : (tensor<4xf32>) -> tensor<3xcomplex<f32>>
  return %4, %5, %6 : tensor<4xf32>, tensor<4xf32>, tensor<3xcomplex<f32>>
}

// -----

// Linear algebra: triangular_solve (transpose_a codes: 0 NO_TRANSPOSE,
// 1 TRANSPOSE, 2 ADJOINT), batched and complex too.
// CHECK-LABEL: func.func @triangular_solve
// CHECK: jaxr.triangular_solve %arg0, %arg1, left_side = true, lower = true, unit_diagonal = false, transpose_a = 0 : (tensor<3x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
// CHECK: jaxr.triangular_solve %arg0, %arg2, left_side = false, lower = false, unit_diagonal = true, transpose_a = 1 : (tensor<3x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: jaxr.triangular_solve %arg3, %arg4, left_side = true, lower = false, unit_diagonal = false, transpose_a = 2 : (tensor<2x3x3xcomplex<f64>>, tensor<2x3x1xcomplex<f64>>) -> tensor<2x3x1xcomplex<f64>>
// CHECK-NOT: stablehlo.
func.func @triangular_solve(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>, %c: tensor<2x3xf32>, %z: tensor<2x3x3xcomplex<f64>>, %w: tensor<2x3x1xcomplex<f64>>) -> (tensor<3x2xf32>, tensor<2x3xf32>, tensor<2x3x1xcomplex<f64>>) {
  %0 = "stablehlo.triangular_solve"(%a, %b) <{left_side = true, lower = true, unit_diagonal = false, transpose_a = #stablehlo<transpose NO_TRANSPOSE>}> : (tensor<3x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  %1 = "stablehlo.triangular_solve"(%a, %c) <{left_side = false, lower = false, unit_diagonal = true, transpose_a = #stablehlo<transpose TRANSPOSE>}> : (tensor<3x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "stablehlo.triangular_solve"(%z, %w) <{left_side = true, lower = false, unit_diagonal = false, transpose_a = #stablehlo<transpose ADJOINT>}> : (tensor<2x3x3xcomplex<f64>>, tensor<2x3x1xcomplex<f64>>) -> tensor<2x3x1xcomplex<f64>>
  return %0, %1, %2 : tensor<3x2xf32>, tensor<2x3xf32>, tensor<2x3x1xcomplex<f64>>
}

// -----

// As the spec defines them: booleans add as or and multiply as and; an
// unsigned integer negates by wrapping (0 - x); iota of complex values; the
// real part of a real value is itself, its imaginary part zero.
// CHECK-LABEL: func.func @spec_semantics
// CHECK: jaxr.or %arg0, %arg1 : tensor<4xi1>
// CHECK: jaxr.and %arg0, %arg1 : tensor<4xi1>
// CHECK: %[[Z:.*]] = jaxr.constant dense<0> : tensor<3xui32>
// CHECK: jaxr.sub %[[Z]], %arg2 : tensor<3xui32>
// CHECK: jaxr.iota dim = 0 : tensor<2xcomplex<f32>>
// CHECK: %[[ZERO:.*]] = jaxr.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK: return {{.*}}, %arg3, %[[ZERO]] :
// CHECK-NOT: stablehlo.
func.func @spec_semantics(%p: tensor<4xi1>, %q: tensor<4xi1>, %u: tensor<3xui32>, %r: tensor<2xf32>) -> (tensor<4xi1>, tensor<4xi1>, tensor<3xui32>, tensor<2xcomplex<f32>>, tensor<2xf32>, tensor<2xf32>) {
  %0 = "stablehlo.add"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = "stablehlo.multiply"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %2 = "stablehlo.negate"(%u) : (tensor<3xui32>) -> tensor<3xui32>
  %3 = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<2xcomplex<f32>>
  %4 = "stablehlo.real"(%r) : (tensor<2xf32>) -> tensor<2xf32>
  %5 = "stablehlo.imag"(%r) : (tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi1>, tensor<4xi1>, tensor<3xui32>, tensor<2xcomplex<f32>>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Tuples built and taken apart within a function fold away; a composite
// becomes a call of its decomposition; an optimization barrier, the abs of
// a complex value, an integer power, a sort whose comparator leaves the
// comparison type implicit and rng_bit_generator have jaxr counterparts.
// CHECK-LABEL: func.func @structural
// CHECK-NOT: stablehlo.
// CHECK: %[[CALL:.*]] = call @add_two(%arg1) : (tensor<i64>) -> tensor<i64>
// CHECK: %[[ABS:.*]] = jaxr.abs %arg2 : tensor<2xcomplex<f32>> -> tensor<2xf32>
// CHECK: %[[POW:.*]] = jaxr.pow %arg3, %arg3 : tensor<3xi32>
// CHECK: %[[FENCED:.*]]:2 = jaxr.optimization_barrier %arg0, %[[POW]] : (tensor<f32>, tensor<3xi32>) -> (tensor<f32>, tensor<3xi32>)
// CHECK: %[[SORTED:.*]] = jaxr.sort %arg3 dim = 0, num_keys = 1, is_stable = false, descending = true : tensor<3xi32>
// CHECK: jaxr.rng_bit_generator philox %arg4 : tensor<3xui64> -> tensor<3xui64>, tensor<2x2xui32>
// CHECK: return %[[FENCED]]#0, %[[CALL]], %[[ABS]], %[[FENCED]]#1, %[[SORTED]]
func.func private @add_two(%x: tensor<i64>) -> tensor<i64> {
  %0 = stablehlo.constant dense<2> : tensor<i64>
  %1 = stablehlo.add %x, %0 : tensor<i64>
  return %1 : tensor<i64>
}
func.func @structural(%f: tensor<f32>, %n: tensor<i64>, %c: tensor<2xcomplex<f32>>, %k: tensor<3xi32>, %s: tensor<3xui64>) -> (tensor<f32>, tensor<i64>, tensor<2xf32>, tensor<3xi32>, tensor<3xi32>, tensor<2x2xui32>) {
  %inner = stablehlo.tuple %f : tuple<tensor<f32>>
  %outer = stablehlo.tuple %inner, %n : tuple<tuple<tensor<f32>>, tensor<i64>>
  %t = stablehlo.get_tuple_element %outer[0] : (tuple<tuple<tensor<f32>>, tensor<i64>>) -> tuple<tensor<f32>>
  %x = stablehlo.get_tuple_element %t[0] : (tuple<tensor<f32>>) -> tensor<f32>
  %sum = stablehlo.composite "jaxr.add_two" %n {decomposition = @add_two} : (tensor<i64>) -> tensor<i64>
  %abs = stablehlo.abs %c : (tensor<2xcomplex<f32>>) -> tensor<2xf32>
  %pow = stablehlo.power %k, %k : tensor<3xi32>
  %fenced:2 = stablehlo.optimization_barrier %x, %pow : tensor<f32>, tensor<3xi32>
  %sorted = "stablehlo.sort"(%k) <{dimension = 0 : i64}> ({
  ^bb0(%a: tensor<i32>, %b: tensor<i32>):
    %gt = stablehlo.compare GT, %a, %b : (tensor<i32>, tensor<i32>) -> tensor<i1>
    stablehlo.return %gt : tensor<i1>
  }) : (tensor<3xi32>) -> tensor<3xi32>
  %state, %bits = stablehlo.rng_bit_generator %s, algorithm = PHILOX : (tensor<3xui64>) -> (tensor<3xui64>, tensor<2x2xui32>)
  return %fenced#0, %sum, %abs, %fenced#1, %sorted, %bits : tensor<f32>, tensor<i64>, tensor<2xf32>, tensor<3xi32>, tensor<3xi32>, tensor<2x2xui32>
}

// -----

// A tuple that escapes stays (strict raising names it).
// CHECK-LABEL: func.func @escaping_tuple
// CHECK: stablehlo.tuple
// REPORT: warning: 'stablehlo.tuple' stays StableHLO: expected a ranked tensor type, found tuple<tensor<f32>>
// STRICT: error: 'stablehlo.tuple' stays StableHLO
// STRICT: error: strict=true: 1 op(s) have no jaxr counterpart
func.func @escaping_tuple(%f: tensor<f32>) -> tuple<tensor<f32>> {
  %t = stablehlo.tuple %f : tuple<tensor<f32>>
  return %t : tuple<tensor<f32>>
}

// -----

// A map with an elementwise body becomes the body on whole tensors (a
// constant broadcast); select_and_scatter with a comparison and an add
// becomes a reduce_window picking each window's index, a scatter_add and
// an add of the init value.
// CHECK-LABEL: func.func @map_and_select_and_scatter
// CHECK-NOT: stablehlo.
// CHECK: %[[TWO:.*]] = jaxr.constant dense<2.000000e+00> : tensor<f32>
// CHECK: %[[TWOS:.*]] = jaxr.broadcast_in_dim %[[TWO]], dims = [] : tensor<f32> -> tensor<4xf32>
// CHECK: jaxr.mul %arg0, %[[TWOS]] : tensor<4xf32>
// CHECK: jaxr.reduce_window(%arg1, %{{.*}}) init(%{{.*}}, %{{.*}}) window = [2], strides = [2]
// CHECK: jaxr.scatter_add
func.func @map_and_select_and_scatter(%x: tensor<4xf32>, %y: tensor<4xf32>, %g: tensor<2xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "stablehlo.map"(%x) ({
  ^bb0(%v: tensor<f32>):
    %c = stablehlo.constant dense<2.0> : tensor<f32>
    %d = stablehlo.multiply %v, %c : tensor<f32>
    stablehlo.return %d : tensor<f32>
  }) {dimensions = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  %init = stablehlo.constant dense<0.0> : tensor<f32>
  %1 = "stablehlo.select_and_scatter"(%y, %g, %init) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %p = stablehlo.compare GE, %a, %b : (tensor<f32>, tensor<f32>) -> tensor<i1>
    stablehlo.return %p : tensor<i1>
  }, {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = stablehlo.add %a, %b : tensor<f32>
    stablehlo.return %s : tensor<f32>
  }) {window_dimensions = array<i64: 2>, window_strides = array<i64: 2>} : (tensor<4xf32>, tensor<2xf32>, tensor<f32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// A map whose body is not elementwise, and a select_and_scatter whose
// scatter multiplies, stay (and nothing is left behind).
// CHECK-LABEL: func.func @kept_map_and_select_and_scatter
// CHECK: stablehlo.map
// CHECK: stablehlo.select_and_scatter
// REPORT: warning: 'stablehlo.map' stays StableHLO: a map body with 'stablehlo.reduce', which is not elementwise
// REPORT: warning: 'stablehlo.select_and_scatter' stays StableHLO: a select_and_scatter whose scatter is not one add
// STRICT: error: 'stablehlo.map' stays StableHLO
// STRICT: error: 'stablehlo.select_and_scatter' stays StableHLO
// STRICT: error: strict=true: 2 op(s) have no jaxr counterpart
func.func @kept_map_and_select_and_scatter(%x: tensor<4xf32>, %g: tensor<2xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "stablehlo.map"(%x) ({
  ^bb0(%v: tensor<f32>):
    %z = stablehlo.constant dense<0.0> : tensor<f32>
    %r = stablehlo.reduce(%v init: %z) applies stablehlo.add across dimensions = [] : (tensor<f32>, tensor<f32>) -> tensor<f32>
    stablehlo.return %r : tensor<f32>
  }) {dimensions = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  %init = stablehlo.constant dense<1.0> : tensor<f32>
  %1 = "stablehlo.select_and_scatter"(%x, %g, %init) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %p = stablehlo.compare GE, %a, %b : (tensor<f32>, tensor<f32>) -> tensor<i1>
    stablehlo.return %p : tensor<i1>
  }, {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = stablehlo.multiply %a, %b : tensor<f32>
    stablehlo.return %s : tensor<f32>
  }) {window_dimensions = array<i64: 2>, window_strides = array<i64: 2>} : (tensor<4xf32>, tensor<2xf32>, tensor<f32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
