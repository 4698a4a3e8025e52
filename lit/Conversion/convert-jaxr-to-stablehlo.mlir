// convert-jaxr-to-stablehlo: every jaxr op becomes generic-form StableHLO.
// No jaxr op may survive the pass (--implicit-check-not), and the result must
// print and parse again. The checks read MLIR's generic form
// (--mlir-print-op-generic), what the pass builds, whatever printer jaxr-opt
// uses for StableHLO modules; the last run reads the pretty StableHLO
// jaxr-opt prints back in.
//
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo)' \
// RUN:   --mlir-print-op-generic | FileCheck %s --implicit-check-not=jaxr.
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo)' \
// RUN:   --mlir-print-op-generic | jaxr-opt --split-input-file --mlir-print-op-generic \
// RUN:   | FileCheck %s --implicit-check-not=jaxr.
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo)' \
// RUN:   | jaxr-opt --split-input-file | FileCheck %s --check-prefix=REPARSED --implicit-check-not=jaxr.
// REPARSED: module

// CHECK-LABEL: sym_name = "constant"
func.func @constant() -> (tensor<2xf32>, tensor<i1>, tensor<ui32>) {
  // CHECK: "stablehlo.constant"() <{value = dense<[1.000000e+00, -2.500000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32>
  // CHECK: "stablehlo.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  // CHECK: "stablehlo.constant"() <{value = dense<4294967295> : tensor<ui32>}> : () -> tensor<ui32>
  %0 = jaxr.constant dense<[1.0, -2.5]> : tensor<2xf32>
  %1 = jaxr.constant dense<true> : tensor<i1>
  %2 = jaxr.constant dense<4294967295> : tensor<ui32>
  return %0, %1, %2 : tensor<2xf32>, tensor<i1>, tensor<ui32>
}

// -----

// CHECK-LABEL: sym_name = "iota"
func.func @iota() -> (tensor<4xi32>, tensor<2x3xf64>) {
  // CHECK: "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<4xi32>
  // CHECK: "stablehlo.iota"() <{iota_dimension = 1 : i64}> : () -> tensor<2x3xf64>
  %0 = jaxr.iota dim = 0 : tensor<4xi32>
  %1 = jaxr.iota dim = 1 : tensor<2x3xf64>
  return %0, %1 : tensor<4xi32>, tensor<2x3xf64>
}

// -----

// One-to-one unary ops.
// CHECK-LABEL: sym_name = "unary"
// CHECK-NEXT: ^bb0(%[[F:.*]]: tensor<3xf32>, %[[I:.*]]: tensor<2xi8>, %[[P:.*]]: tensor<2xi1>):
func.func @unary(%f: tensor<3xf32>, %i: tensor<2xi8>, %p: tensor<2xi1>) -> (tensor<3xf32>, tensor<2xi8>, tensor<2xi1>) {
  // CHECK: %[[NEG:.*]] = "stablehlo.negate"(%[[F]]) : (tensor<3xf32>) -> tensor<3xf32>
  %0 = jaxr.neg %f : tensor<3xf32>
  // CHECK: %[[ABS:.*]] = "stablehlo.abs"(%[[NEG]])
  %1 = jaxr.abs %0 : tensor<3xf32>
  // CHECK: %[[SIGN:.*]] = "stablehlo.sign"(%[[ABS]])
  %2 = jaxr.sign %1 : tensor<3xf32>
  // CHECK: %[[FLOOR:.*]] = "stablehlo.floor"(%[[SIGN]])
  %3 = jaxr.floor %2 : tensor<3xf32>
  // CHECK: %[[CEIL:.*]] = "stablehlo.ceil"(%[[FLOOR]])
  %4 = jaxr.ceil %3 : tensor<3xf32>
  // CHECK: %[[EXP:.*]] = "stablehlo.exponential"(%[[CEIL]])
  %5 = jaxr.exp %4 : tensor<3xf32>
  // CHECK: %[[LOG:.*]] = "stablehlo.log"(%[[EXP]])
  %6 = jaxr.log %5 : tensor<3xf32>
  // CHECK: %[[LOG1P:.*]] = "stablehlo.log_plus_one"(%[[LOG]])
  %7 = jaxr.log1p %6 : tensor<3xf32>
  // CHECK: %[[EXPM1:.*]] = "stablehlo.exponential_minus_one"(%[[LOG1P]])
  %8 = jaxr.expm1 %7 : tensor<3xf32>
  // CHECK: %[[SQRT:.*]] = "stablehlo.sqrt"(%[[EXPM1]])
  %9 = jaxr.sqrt %8 : tensor<3xf32>
  // CHECK: %[[RSQRT:.*]] = "stablehlo.rsqrt"(%[[SQRT]])
  %10 = jaxr.rsqrt %9 : tensor<3xf32>
  // CHECK: %[[CBRT:.*]] = "stablehlo.cbrt"(%[[RSQRT]])
  %11 = jaxr.cbrt %10 : tensor<3xf32>
  // CHECK: %[[SIN:.*]] = "stablehlo.sine"(%[[CBRT]])
  %12 = jaxr.sin %11 : tensor<3xf32>
  // CHECK: %[[COS:.*]] = "stablehlo.cosine"(%[[SIN]])
  %13 = jaxr.cos %12 : tensor<3xf32>
  // CHECK: %[[TAN:.*]] = "stablehlo.tan"(%[[COS]])
  %14 = jaxr.tan %13 : tensor<3xf32>
  // CHECK: %[[TANH:.*]] = "stablehlo.tanh"(%[[TAN]])
  %15 = jaxr.tanh %14 : tensor<3xf32>
  // CHECK: %[[LOGISTIC:.*]] = "stablehlo.logistic"(%[[TANH]])
  %16 = jaxr.logistic %15 : tensor<3xf32>
  // CHECK: %[[NOT:.*]] = "stablehlo.not"(%[[I]]) : (tensor<2xi8>) -> tensor<2xi8>
  %17 = jaxr.not %i : tensor<2xi8>
  // CHECK: %[[POPCNT:.*]] = "stablehlo.popcnt"(%[[NOT]])
  %18 = jaxr.population_count %17 : tensor<2xi8>
  // CHECK: %[[CLZ:.*]] = "stablehlo.count_leading_zeros"(%[[POPCNT]])
  %19 = jaxr.clz %18 : tensor<2xi8>
  // CHECK: %[[LNOT:.*]] = "stablehlo.not"(%[[P]]) : (tensor<2xi1>) -> tensor<2xi1>
  %20 = jaxr.not %p : tensor<2xi1>
  // CHECK: "func.return"(%[[LOGISTIC]], %[[CLZ]], %[[LNOT]])
  return %16, %19, %20 : tensor<3xf32>, tensor<2xi8>, tensor<2xi1>
}

// -----

// square is x * x.
// CHECK-LABEL: sym_name = "square"
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<4xi32>):
func.func @square(%x: tensor<4xi32>) -> tensor<4xi32> {
  // CHECK: %[[R:.*]] = "stablehlo.multiply"(%[[X]], %[[X]]) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  // CHECK-NEXT: "func.return"(%[[R]])
  %0 = jaxr.square %x : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// exp2(x) = exp(x * ln 2).
// CHECK-LABEL: sym_name = "exp2"
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<2xf32>, %[[Y:.*]]: tensor<bf16>):
func.func @exp2(%x: tensor<2xf32>, %y: tensor<bf16>) -> (tensor<2xf32>, tensor<bf16>) {
  // CHECK: %[[LN2:.*]] = "stablehlo.constant"() <{value = dense<0.693147182> : tensor<2xf32>}>
  // CHECK: %[[MUL:.*]] = "stablehlo.multiply"(%[[X]], %[[LN2]]) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  // CHECK: %[[E:.*]] = "stablehlo.exponential"(%[[MUL]]) : (tensor<2xf32>) -> tensor<2xf32>
  %0 = jaxr.exp2 %x : tensor<2xf32>
  // ln 2 rounded to bf16.
  // CHECK: %[[LN2B:.*]] = "stablehlo.constant"() <{value = dense<6.914060e-01> : tensor<bf16>}>
  // CHECK: %[[MULB:.*]] = "stablehlo.multiply"(%[[Y]], %[[LN2B]])
  // CHECK: %[[EB:.*]] = "stablehlo.exponential"(%[[MULB]])
  %1 = jaxr.exp2 %y : tensor<bf16>
  // CHECK: "func.return"(%[[E]], %[[EB]])
  return %0, %1 : tensor<2xf32>, tensor<bf16>
}

// -----

// CHECK-LABEL: sym_name = "round"
func.func @round(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  // CHECK: "stablehlo.round_nearest_afz"(%{{.*}}) : (tensor<3xf32>) -> tensor<3xf32>
  %0 = jaxr.round away_from_zero, %x : tensor<3xf32>
  // CHECK: "stablehlo.round_nearest_even"(%{{.*}}) : (tensor<3xf32>) -> tensor<3xf32>
  %1 = jaxr.round to_nearest_even, %x : tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// x^5 by repeated squaring: x2 = x*x, x4 = x2*x2, x5 = x*x4.
// CHECK-LABEL: sym_name = "integer_pow_5"
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<4xi32>):
func.func @integer_pow_5(%x: tensor<4xi32>) -> tensor<4xi32> {
  // CHECK-NEXT: %[[X2:.*]] = "stablehlo.multiply"(%[[X]], %[[X]])
  // CHECK-NEXT: %[[X4:.*]] = "stablehlo.multiply"(%[[X2]], %[[X2]])
  // CHECK-NEXT: %[[X5:.*]] = "stablehlo.multiply"(%[[X]], %[[X4]])
  // CHECK-NEXT: "func.return"(%[[X5]])
  %0 = jaxr.integer_pow %x, 5 : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// x^-3 = 1 / (x * x^2) for floats.
// CHECK-LABEL: sym_name = "integer_pow_negative"
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<2xf64>):
func.func @integer_pow_negative(%x: tensor<2xf64>) -> tensor<2xf64> {
  // CHECK-NEXT: %[[X2:.*]] = "stablehlo.multiply"(%[[X]], %[[X]])
  // CHECK-NEXT: %[[X3:.*]] = "stablehlo.multiply"(%[[X]], %[[X2]])
  // CHECK-NEXT: %[[ONE:.*]] = "stablehlo.constant"() <{value = dense<1.000000e+00> : tensor<2xf64>}>
  // CHECK-NEXT: %[[R:.*]] = "stablehlo.divide"(%[[ONE]], %[[X3]])
  // CHECK-NEXT: "func.return"(%[[R]])
  %0 = jaxr.integer_pow %x, -3 : tensor<2xf64>
  return %0 : tensor<2xf64>
}

// -----

// x^0 is a splat of ones; x^1 is x itself.
// CHECK-LABEL: sym_name = "integer_pow_0_and_1"
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<3xui8>):
func.func @integer_pow_0_and_1(%x: tensor<3xui8>) -> (tensor<3xui8>, tensor<3xui8>) {
  // CHECK-NEXT: %[[ONE:.*]] = "stablehlo.constant"() <{value = dense<1> : tensor<3xui8>}>
  // CHECK-NEXT: "func.return"(%[[ONE]], %[[X]])
  %0 = jaxr.integer_pow %x, 0 : tensor<3xui8>
  %1 = jaxr.integer_pow %x, 1 : tensor<3xui8>
  return %0, %1 : tensor<3xui8>, tensor<3xui8>
}

// -----

// CHECK-LABEL: sym_name = "is_finite"
func.func @is_finite(%x: tensor<3xf16>) -> tensor<3xi1> {
  // CHECK: "stablehlo.is_finite"(%{{.*}}) : (tensor<3xf16>) -> tensor<3xi1>
  %0 = jaxr.is_finite %x : tensor<3xf16> -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

// CHECK-LABEL: sym_name = "binary"
// CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xf32>, %[[I:.*]]: tensor<2xui32>, %[[J:.*]]: tensor<2xui32>):
func.func @binary(%a: tensor<3xf32>, %b: tensor<3xf32>, %i: tensor<2xui32>, %j: tensor<2xui32>) {
  // Operand order is kept (sub, div, rem, pow, atan2 and the shifts are not commutative).
  // CHECK: "stablehlo.add"(%[[A]], %[[B]]) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %0 = jaxr.add %a, %b : tensor<3xf32>
  // CHECK: "stablehlo.subtract"(%[[A]], %[[B]])
  %1 = jaxr.sub %a, %b : tensor<3xf32>
  // CHECK: "stablehlo.multiply"(%[[A]], %[[B]])
  %2 = jaxr.mul %a, %b : tensor<3xf32>
  // CHECK: "stablehlo.divide"(%[[B]], %[[A]])
  %3 = jaxr.div %b, %a : tensor<3xf32>
  // CHECK: "stablehlo.remainder"(%[[B]], %[[A]])
  %4 = jaxr.rem %b, %a : tensor<3xf32>
  // CHECK: "stablehlo.power"(%[[A]], %[[B]])
  %5 = jaxr.pow %a, %b : tensor<3xf32>
  // CHECK: "stablehlo.maximum"(%[[A]], %[[B]])
  %6 = jaxr.max %a, %b : tensor<3xf32>
  // CHECK: "stablehlo.minimum"(%[[A]], %[[B]])
  %7 = jaxr.min %a, %b : tensor<3xf32>
  // CHECK: "stablehlo.atan2"(%[[B]], %[[A]])
  %8 = jaxr.atan2 %b, %a : tensor<3xf32>
  // CHECK: "stablehlo.and"(%[[I]], %[[J]]) : (tensor<2xui32>, tensor<2xui32>) -> tensor<2xui32>
  %9 = jaxr.and %i, %j : tensor<2xui32>
  // CHECK: "stablehlo.or"(%[[I]], %[[J]])
  %10 = jaxr.or %i, %j : tensor<2xui32>
  // CHECK: "stablehlo.xor"(%[[I]], %[[J]])
  %11 = jaxr.xor %i, %j : tensor<2xui32>
  // CHECK: "stablehlo.shift_left"(%[[J]], %[[I]])
  %12 = jaxr.shift_left %j, %i : tensor<2xui32>
  // CHECK: "stablehlo.shift_right_logical"(%[[J]], %[[I]])
  %13 = jaxr.shift_right_logical %j, %i : tensor<2xui32>
  // CHECK: "stablehlo.shift_right_arithmetic"(%[[J]], %[[I]])
  %14 = jaxr.shift_right_arithmetic %j, %i : tensor<2xui32>
  return
}

// -----

// The comparison type follows the element type, as JAX chooses it.
// CHECK-LABEL: sym_name = "compare"
func.func @compare(%f: tensor<2xf32>, %i: tensor<2xi32>, %u: tensor<2xui8>, %p: tensor<2xi1>) {
  // CHECK: "stablehlo.compare"(%{{.*}}, %{{.*}}) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction EQ>}> : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi1>
  %0 = jaxr.compare eq, %f, %f : tensor<2xf32> -> tensor<2xi1>
  // CHECK: "stablehlo.compare"(%{{.*}}, %{{.*}}) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction NE>}> : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi1>
  %1 = jaxr.compare ne, %i, %i : tensor<2xi32> -> tensor<2xi1>
  // CHECK: "stablehlo.compare"(%{{.*}}, %{{.*}}) <{compare_type = #stablehlo<comparison_type UNSIGNED>, comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xi1>
  %2 = jaxr.compare lt, %u, %u : tensor<2xui8> -> tensor<2xi1>
  // CHECK: "stablehlo.compare"(%{{.*}}, %{{.*}}) <{compare_type = #stablehlo<comparison_type UNSIGNED>, comparison_direction = #stablehlo<comparison_direction LE>}> : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  %3 = jaxr.compare le, %p, %p : tensor<2xi1> -> tensor<2xi1>
  // CHECK: "stablehlo.compare"(%{{.*}}, %{{.*}}) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction GT>}>
  %4 = jaxr.compare gt, %f, %f : tensor<2xf32> -> tensor<2xi1>
  // CHECK: "stablehlo.compare"(%{{.*}}, %{{.*}}) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction GE>}>
  %5 = jaxr.compare ge, %i, %i : tensor<2xi32> -> tensor<2xi1>
  return
}

// -----

// select_n(p, a, b) picks b where p is true: stablehlo.select(p, b, a).
// CHECK-LABEL: sym_name = "select_n_bool"
// CHECK-NEXT: ^bb0(%[[P:.*]]: tensor<3xi1>, %[[A:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xf32>):
func.func @select_n_bool(%p: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  // CHECK-NEXT: %[[R:.*]] = "stablehlo.select"(%[[P]], %[[B]], %[[A]]) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  // CHECK-NEXT: "func.return"(%[[R]])
  %0 = jaxr.select_n %p, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// An i32 selector over three cases bisects: which < 1 ? a : (which < 2 ? b : c).
// CHECK-LABEL: sym_name = "select_n_i32"
// CHECK-NEXT: ^bb0(%[[W:.*]]: tensor<3xi32>, %[[A:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xf32>, %[[C:.*]]: tensor<3xf32>):
func.func @select_n_i32(%w: tensor<3xi32>, %a: tensor<3xf32>, %b: tensor<3xf32>, %c: tensor<3xf32>) -> tensor<3xf32> {
  // CHECK-NEXT: %[[TWO:.*]] = "stablehlo.constant"() <{value = dense<2> : tensor<3xi32>}>
  // CHECK-NEXT: %[[LT2:.*]] = "stablehlo.compare"(%[[W]], %[[TWO]]) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction LT>}>
  // CHECK-NEXT: %[[BC:.*]] = "stablehlo.select"(%[[LT2]], %[[B]], %[[C]])
  // CHECK-NEXT: %[[ONE:.*]] = "stablehlo.constant"() <{value = dense<1> : tensor<3xi32>}>
  // CHECK-NEXT: %[[LT1:.*]] = "stablehlo.compare"(%[[W]], %[[ONE]]) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction LT>}>
  // CHECK-NEXT: %[[R:.*]] = "stablehlo.select"(%[[LT1]], %[[A]], %[[BC]])
  // CHECK-NEXT: "func.return"(%[[R]])
  %0 = jaxr.select_n %w, %a, %b, %c : (tensor<3xi32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// A single case needs no select at all.
// CHECK-LABEL: sym_name = "select_n_one_case"
// CHECK-NEXT: ^bb0(%[[P:.*]]: tensor<i1>, %[[A:.*]]: tensor<3xf32>):
func.func @select_n_one_case(%p: tensor<i1>, %a: tensor<3xf32>) -> tensor<3xf32> {
  // CHECK-NEXT: "func.return"(%[[A]])
  %0 = jaxr.select_n %p, %a : (tensor<i1>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: sym_name = "clamp"
// CHECK-NEXT: ^bb0(%[[LO:.*]]: tensor<f32>, %[[X:.*]]: tensor<4xf32>, %[[HI:.*]]: tensor<f32>):
func.func @clamp(%lo: tensor<f32>, %x: tensor<4xf32>, %hi: tensor<f32>) -> tensor<4xf32> {
  // CHECK: "stablehlo.clamp"(%[[LO]], %[[X]], %[[HI]]) : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %0 = jaxr.clamp %lo, %x, %hi : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: sym_name = "conversions"
func.func @conversions(%x: tensor<3xf32>, %b: tensor<3x4xui8>) {
  // CHECK: "stablehlo.convert"(%{{.*}}) : (tensor<3xf32>) -> tensor<3xi32>
  %0 = jaxr.convert_element_type %x : tensor<3xf32> -> tensor<3xi32>
  // CHECK: "stablehlo.convert"(%{{.*}}) : (tensor<3xf32>) -> tensor<3xbf16>
  %1 = jaxr.convert_element_type %x : tensor<3xf32> -> tensor<3xbf16>
  // CHECK: "stablehlo.bitcast_convert"(%{{.*}}) : (tensor<3xf32>) -> tensor<3xui32>
  %2 = jaxr.bitcast_convert_type %x : tensor<3xf32> -> tensor<3xui32>
  // CHECK: "stablehlo.bitcast_convert"(%{{.*}}) : (tensor<3xf32>) -> tensor<3x4xui8>
  %3 = jaxr.bitcast_convert_type %x : tensor<3xf32> -> tensor<3x4xui8>
  // CHECK: "stablehlo.bitcast_convert"(%{{.*}}) : (tensor<3x4xui8>) -> tensor<3xf32>
  %4 = jaxr.bitcast_convert_type %b : tensor<3x4xui8> -> tensor<3xf32>
  return
}

// -----

// CHECK-LABEL: sym_name = "shapes"
func.func @shapes(%s: tensor<f32>, %v: tensor<3xf32>, %m: tensor<2x3xf32>) {
  // CHECK: "stablehlo.broadcast_in_dim"(%{{.*}}) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<2x3xf32>
  %0 = jaxr.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<2x3xf32>
  // CHECK: "stablehlo.broadcast_in_dim"(%{{.*}}) <{broadcast_dimensions = array<i64: 1>}> : (tensor<3xf32>) -> tensor<4x3xf32>
  %1 = jaxr.broadcast_in_dim %v, dims = [1] : tensor<3xf32> -> tensor<4x3xf32>
  // CHECK: "stablehlo.reshape"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %2 = jaxr.reshape %m : tensor<2x3xf32> -> tensor<3x2xf32>
  // CHECK: "stablehlo.transpose"(%{{.*}}) <{permutation = array<i64: 1, 0>}> : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %3 = jaxr.transpose %m, perm = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  // CHECK: "stablehlo.reverse"(%{{.*}}) <{dimensions = array<i64: 0, 1>}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = jaxr.rev %m, dims = [0, 1] : tensor<2x3xf32>
  // CHECK: "stablehlo.concatenate"(%{{.*}}, %{{.*}}) <{dimension = 1 : i64}> : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  %5 = jaxr.concatenate(%m, %m) dim = 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

// CHECK-LABEL: sym_name = "pad_and_slices"
func.func @pad_and_slices(%a: tensor<3x4xf32>, %z: tensor<f32>, %v: tensor<10xf32>, %i: tensor<i32>, %u: tensor<2xf32>) {
  // CHECK: "stablehlo.pad"(%{{.*}}, %{{.*}}) <{edge_padding_high = array<i64: 0, 2>, edge_padding_low = array<i64: 1, -1>, interior_padding = array<i64: 1, 0>}> : (tensor<3x4xf32>, tensor<f32>) -> tensor<6x5xf32>
  %0 = jaxr.pad %a, %z, low = [1, -1], high = [0, 2], interior = [1, 0] : (tensor<3x4xf32>, tensor<f32>) -> tensor<6x5xf32>
  // CHECK: "stablehlo.slice"(%{{.*}}) <{limit_indices = array<i64: 8>, start_indices = array<i64: 1>, strides = array<i64: 3>}> : (tensor<10xf32>) -> tensor<3xf32>
  %1 = jaxr.slice %v, start = [1], limit = [8], strides = [3] : tensor<10xf32> -> tensor<3xf32>
  // CHECK: "stablehlo.dynamic_slice"(%{{.*}}, %{{.*}}) <{slice_sizes = array<i64: 4>}> : (tensor<10xf32>, tensor<i32>) -> tensor<4xf32>
  %2 = jaxr.dynamic_slice %v[%i] sizes = [4] : (tensor<10xf32>, tensor<i32>) -> tensor<4xf32>
  // CHECK: "stablehlo.dynamic_update_slice"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<10xf32>, tensor<2xf32>, tensor<i32>) -> tensor<10xf32>
  %3 = jaxr.dynamic_update_slice %v, %u[%i] : (tensor<10xf32>, tensor<2xf32>, tensor<i32>) -> tensor<10xf32>
  return
}

// -----

// Reductions: a scalar init value and a body applying the combiner.
// CHECK-LABEL: sym_name = "reduce_sum"
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<2x3x4xf32>):
func.func @reduce_sum(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  // CHECK: %[[INIT:.*]] = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  // CHECK-NEXT: %[[R:.*]] = "stablehlo.reduce"(%[[X]], %[[INIT]]) <{dimensions = array<i64: 0, 2>}> ({
  // CHECK-NEXT: ^bb0(%[[L:.*]]: tensor<f32>, %[[RR:.*]]: tensor<f32>):
  // CHECK-NEXT: %[[S:.*]] = "stablehlo.add"(%[[L]], %[[RR]]) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  // CHECK-NEXT: "stablehlo.return"(%[[S]]) : (tensor<f32>) -> ()
  // CHECK-NEXT: }) : (tensor<2x3x4xf32>, tensor<f32>) -> tensor<3xf32>
  // CHECK-NEXT: "func.return"(%[[R]])
  %0 = jaxr.reduce_sum %x, axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Init values: the identity of each combiner for the element type.
// CHECK-LABEL: sym_name = "reduce_inits"
func.func @reduce_inits(%f: tensor<4xf32>, %i: tensor<4xi32>, %u: tensor<4xui8>, %p: tensor<4xi1>, %h: tensor<4xbf16>) {
  // CHECK: "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}>
  // CHECK: <{dimensions = array<i64: 0>}>
  // CHECK: "stablehlo.maximum"
  // CHECK: }) : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
  %0 = jaxr.reduce_max %f, axes = [0] : tensor<4xf32> -> tensor<f32>
  // CHECK: "stablehlo.constant"() <{value = dense<0x7F80> : tensor<bf16>}>
  // CHECK: "stablehlo.minimum"
  %1 = jaxr.reduce_min %h, axes = [0] : tensor<4xbf16> -> tensor<bf16>
  // CHECK: "stablehlo.constant"() <{value = dense<-2147483648> : tensor<i32>}>
  // CHECK: "stablehlo.maximum"
  %2 = jaxr.reduce_max %i, axes = [0] : tensor<4xi32> -> tensor<i32>
  // CHECK: "stablehlo.constant"() <{value = dense<2147483647> : tensor<i32>}>
  // CHECK: "stablehlo.minimum"
  %3 = jaxr.reduce_min %i, axes = [0] : tensor<4xi32> -> tensor<i32>
  // CHECK: "stablehlo.constant"() <{value = dense<1> : tensor<i32>}>
  // CHECK: "stablehlo.multiply"
  %4 = jaxr.reduce_prod %i, axes = [0] : tensor<4xi32> -> tensor<i32>
  // CHECK: "stablehlo.constant"() <{value = dense<1.000000e+00> : tensor<f32>}>
  // CHECK: "stablehlo.multiply"
  %5 = jaxr.reduce_prod %f, axes = [0] : tensor<4xf32> -> tensor<f32>
  // CHECK: "stablehlo.constant"() <{value = dense<255> : tensor<ui8>}>
  // CHECK: "stablehlo.and"
  %6 = jaxr.reduce_and %u, axes = [0] : tensor<4xui8> -> tensor<ui8>
  // CHECK: "stablehlo.constant"() <{value = dense<-1> : tensor<i32>}>
  // CHECK: "stablehlo.and"
  %7 = jaxr.reduce_and %i, axes = [0] : tensor<4xi32> -> tensor<i32>
  // CHECK: "stablehlo.constant"() <{value = dense<true> : tensor<i1>}>
  // CHECK: "stablehlo.and"
  %8 = jaxr.reduce_and %p, axes = [0] : tensor<4xi1> -> tensor<i1>
  // CHECK: "stablehlo.constant"() <{value = dense<false> : tensor<i1>}>
  // CHECK: "stablehlo.or"
  %9 = jaxr.reduce_or %p, axes = [0] : tensor<4xi1> -> tensor<i1>
  // CHECK: %[[ZERO_U8:.*]] = "stablehlo.constant"() <{value = dense<0> : tensor<ui8>}>
  // CHECK: "stablehlo.reduce"(%{{.*}}, %[[ZERO_U8]])
  // CHECK: "stablehlo.add"
  %10 = jaxr.reduce_sum %u, axes = [0] : tensor<4xui8> -> tensor<ui8>
  // reduce_max's initial value on ui8 is 0 too: the same constant (one per
  // value per block).
  // CHECK-NOT: "stablehlo.constant"
  // CHECK: "stablehlo.reduce"(%{{.*}}, %[[ZERO_U8]])
  // CHECK: "stablehlo.maximum"
  %11 = jaxr.reduce_max %u, axes = [0] : tensor<4xui8> -> tensor<ui8>
  return
}

// -----

// argmax is a two-operand reduce over (values, iota indices); NaN wins and
// ties go to the smaller index. The index result is the reduce's second.
// CHECK-LABEL: sym_name = "argmax"
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<2x3xf32>):
func.func @argmax(%x: tensor<2x3xf32>) -> tensor<2xi32> {
  // CHECK: %[[NEG_INF:.*]] = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}>
  // CHECK: %[[ZERO:.*]] = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}>
  // CHECK: %[[IOTA:.*]] = "stablehlo.iota"() <{iota_dimension = 1 : i64}> : () -> tensor<2x3xi32>
  // CHECK: %[[R:.*]]:2 = "stablehlo.reduce"(%[[X]], %[[IOTA]], %[[NEG_INF]], %[[ZERO]]) <{dimensions = array<i64: 1>}> ({
  // CHECK-NEXT: ^bb0(%[[XV:.*]]: tensor<f32>, %[[XI:.*]]: tensor<i32>, %[[YV:.*]]: tensor<f32>, %[[YI:.*]]: tensor<i32>):
  // CHECK-NEXT: %[[GT:.*]] = "stablehlo.compare"(%[[XV]], %[[YV]]) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction GT>}>
  // CHECK-NEXT: %[[EQ:.*]] = "stablehlo.compare"(%[[XV]], %[[YV]]) {{.*}}comparison_direction EQ
  // CHECK-NEXT: %[[XNAN:.*]] = "stablehlo.compare"(%[[XV]], %[[XV]]) {{.*}}comparison_direction NE
  // CHECK-NEXT: %[[YNAN:.*]] = "stablehlo.compare"(%[[YV]], %[[YV]]) {{.*}}comparison_direction NE
  // CHECK: %[[FIRST:.*]] = "stablehlo.compare"(%[[XI]], %[[YI]]) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction LT>}>
  // CHECK: %[[PICK:.*]] = "stablehlo.or"
  // CHECK-NEXT: %[[V:.*]] = "stablehlo.select"(%[[PICK]], %[[XV]], %[[YV]]) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
  // CHECK-NEXT: %[[I:.*]] = "stablehlo.select"(%[[PICK]], %[[XI]], %[[YI]]) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
  // CHECK-NEXT: "stablehlo.return"(%[[V]], %[[I]]) : (tensor<f32>, tensor<i32>) -> ()
  // CHECK-NEXT: }) : (tensor<2x3xf32>, tensor<2x3xi32>, tensor<f32>, tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>)
  // CHECK-NEXT: "func.return"(%[[R]]#1) : (tensor<2xi32>) -> ()
  %0 = jaxr.argmax %x, axis = 1 : tensor<2x3xf32> -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// argmin on integers: +max init, LT, no NaN handling.
// CHECK-LABEL: sym_name = "argmin_int"
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<4xi8>):
func.func @argmin_int(%x: tensor<4xi8>) -> tensor<ui32> {
  // CHECK: %[[MAX:.*]] = "stablehlo.constant"() <{value = dense<127> : tensor<i8>}>
  // CHECK: %[[ZERO:.*]] = "stablehlo.constant"() <{value = dense<0> : tensor<ui32>}>
  // CHECK: %[[IOTA:.*]] = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<4xui32>
  // CHECK: %[[R:.*]]:2 = "stablehlo.reduce"(%[[X]], %[[IOTA]], %[[MAX]], %[[ZERO]]) <{dimensions = array<i64: 0>}>
  // CHECK: "stablehlo.compare"({{.*}}) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<i8>, tensor<i8>) -> tensor<i1>
  // CHECK-NOT: comparison_direction NE
  // CHECK: "stablehlo.compare"({{.*}}) <{compare_type = #stablehlo<comparison_type UNSIGNED>, comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<ui32>, tensor<ui32>) -> tensor<i1>
  // CHECK: }) : (tensor<4xi8>, tensor<4xui32>, tensor<i8>, tensor<ui32>) -> (tensor<i8>, tensor<ui32>)
  // CHECK-NEXT: "func.return"(%[[R]]#1) : (tensor<ui32>) -> ()
  %0 = jaxr.argmin %x, axis = 0 : tensor<4xi8> -> tensor<ui32>
  return %0 : tensor<ui32>
}

// -----

// CHECK-LABEL: sym_name = "dot_general"
func.func @dot_general(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %ba: tensor<7x2x3xbf16>, %bb: tensor<7x3x5xbf16>) -> (tensor<2x5xf32>, tensor<7x2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>) {
  // Empty batching dimensions are left out.
  // CHECK: "stablehlo.dot_general"(%{{.*}}, %{{.*}}) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]}> : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  %0 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  // CHECK: "stablehlo.dot_general"(%{{.*}}, %{{.*}}) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]}> : (tensor<7x2x3xbf16>, tensor<7x3x5xbf16>) -> tensor<7x2x5xf32>
  %1 = jaxr.dot_general %ba, %bb, contracting = [2] x [1], batch = [0] x [0] : (tensor<7x2x3xbf16>, tensor<7x3x5xbf16>) -> tensor<7x2x5xf32>
  // CHECK: "stablehlo.dot_general"(%{{.*}}, %{{.*}}) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGH>, #stablehlo<precision HIGHEST>]}> : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  %2 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] {precision = array<i64: 1, 2>} : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  // CHECK: "stablehlo.dot_general"(%{{.*}}, %{{.*}}) <{algorithm = #stablehlo.dot_algorithm<lhs_precision_type = bf16, rhs_precision_type = bf16, accumulation_type = f32, lhs_component_count = 3, rhs_component_count = 3, num_primitive_operations = 6, allow_imprecise_accumulation = false>, dot_dimension_numbers
  %3 = jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x [] {algorithm = #stablehlo.dot_algorithm<lhs_precision_type = bf16, rhs_precision_type = bf16, accumulation_type = f32, lhs_component_count = 3, rhs_component_count = 3, num_primitive_operations = 6, allow_imprecise_accumulation = false>} : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  return %0, %1, %2, %3 : tensor<2x5xf32>, tensor<7x2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>
}

// -----

// Lowered values keep feeding their users; non-jaxr ops are left alone.
// CHECK-LABEL: sym_name = "chain"
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<4xf32>):
func.func @chain(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK-NEXT: %[[E:.*]] = "stablehlo.exponential"(%[[X]])
  // CHECK-NEXT: %[[N:.*]] = "stablehlo.negate"(%[[E]])
  // CHECK-NEXT: %[[C:.*]] = "stablehlo.add"(%[[N]], %[[E]])
  // CHECK-NEXT: %[[K:.*]] = "stablehlo.multiply"(%[[C]], %[[X]])
  // CHECK-NEXT: "func.return"(%[[K]])
  %0 = jaxr.exp %x : tensor<4xf32>
  %1 = jaxr.neg %0 : tensor<4xf32>
  %2 = jaxr.add %1, %0 : tensor<4xf32>
  %3 = "stablehlo.multiply"(%2, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %3 : tensor<4xf32>
}

// -----

// erf, erfc and erf_inv become the CHLO ops JAX emits (the PJRT plugins
// expand them).
// CHECK-LABEL: sym_name = "special_functions"
func.func @special_functions(%x: tensor<3xf32>, %d: tensor<f64>, %h: tensor<2xbf16>) -> (tensor<3xf32>, tensor<f64>, tensor<2xbf16>) {
  // CHECK: "chlo.erf"(%{{.*}}) : (tensor<3xf32>) -> tensor<3xf32>
  // CHECK: "chlo.erfc"(%{{.*}}) : (tensor<f64>) -> tensor<f64>
  // CHECK: "chlo.erf_inv"(%{{.*}}) : (tensor<2xbf16>) -> tensor<2xbf16>
  %0 = jaxr.erf %x : tensor<3xf32>
  %1 = jaxr.erfc %d : tensor<f64>
  %2 = jaxr.erf_inv %h : tensor<2xbf16>
  return %0, %1, %2 : tensor<3xf32>, tensor<f64>, tensor<2xbf16>
}

// -----

// The other special functions are renames to CHLO too, operands in order;
// reduce_precision keeps its attributes.
// CHECK-LABEL: sym_name = "gamma_zeta_bessel"
func.func @gamma_zeta_bessel(%x: tensor<3xf32>, %n: tensor<3xf32>, %d: tensor<f64>, %h: tensor<2xbf16>) -> (tensor<3xf32>, tensor<f64>, tensor<2xbf16>, tensor<3xf32>, tensor<f64>, tensor<2xbf16>, tensor<3xf32>) {
  // CHECK: "chlo.lgamma"(%{{.*}}) : (tensor<3xf32>) -> tensor<3xf32>
  // CHECK: "chlo.digamma"(%{{.*}}) : (tensor<f64>) -> tensor<f64>
  // CHECK: "chlo.bessel_i1e"(%{{.*}}) : (tensor<2xbf16>) -> tensor<2xbf16>
  // CHECK: "chlo.polygamma"(%arg1, %arg0) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  // CHECK: "chlo.zeta"(%{{.*}}, %{{.*}}) : (tensor<f64>, tensor<f64>) -> tensor<f64>
  // CHECK: "chlo.next_after"(%{{.*}}, %{{.*}}) : (tensor<2xbf16>, tensor<2xbf16>) -> tensor<2xbf16>
  // CHECK: "stablehlo.reduce_precision"(%{{.*}}) <{exponent_bits = 5 : i32, mantissa_bits = 10 : i32}> : (tensor<3xf32>) -> tensor<3xf32>
  %0 = jaxr.lgamma %x : tensor<3xf32>
  %1 = jaxr.digamma %d : tensor<f64>
  %2 = jaxr.bessel_i1e %h : tensor<2xbf16>
  %3 = jaxr.polygamma %n, %x : tensor<3xf32>
  %4 = jaxr.zeta %d, %d : tensor<f64>
  %5 = jaxr.nextafter %h, %h : tensor<2xbf16>
  %6 = jaxr.reduce_precision %x, exponent_bits = 5, mantissa_bits = 10 : tensor<3xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<3xf32>, tensor<f64>, tensor<2xbf16>, tensor<3xf32>, tensor<f64>, tensor<2xbf16>, tensor<3xf32>
}

// -----

// Gather and scatter keep their dimension numbers; empty lists are left out
// as StableHLO prints them; scatter gets the body of its combiner.
// CHECK-LABEL: sym_name = "gather_scatter"
func.func @gather_scatter(%x: tensor<5x3xf32>, %i: tensor<7x1xi32>, %u: tensor<7x3xf32>, %b: tensor<2x5xi8>, %bi: tensor<2x3x1xui32>, %v: tensor<6xi64>, %j: tensor<2x1xi32>, %w: tensor<2xi64>) -> (tensor<7x3xf32>, tensor<2x3xi8>, tensor<5x3xf32>, tensor<6xi64>, tensor<6xi64>) {
  // CHECK: "stablehlo.gather"(%{{.*}}, %{{.*}}) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 3>}> : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
  %0 = jaxr.gather %x[%i] offset_dims = [1], collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], start_index_map = [0], index_vector_dim = 1, slice_sizes = [1, 3], indices_are_sorted = false : (tensor<5x3xf32>, tensor<7x1xi32>) -> tensor<7x3xf32>
  // CHECK: "stablehlo.gather"(%{{.*}}, %{{.*}}) <{dimension_numbers = #stablehlo.gather<collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 2>, indices_are_sorted = true, slice_sizes = array<i64: 1, 1>}> : (tensor<2x5xi8>, tensor<2x3x1xui32>) -> tensor<2x3xi8>
  %1 = jaxr.gather %b[%bi] offset_dims = [], collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 2, slice_sizes = [1, 1], indices_are_sorted = true : (tensor<2x5xi8>, tensor<2x3x1xui32>) -> tensor<2x3xi8>
  // CHECK: "stablehlo.scatter"(%{{.*}}, %{{.*}}, %{{.*}}) <{indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false}> ({
  // CHECK-NEXT: ^bb0(%[[OLD:.*]]: tensor<f32>, %[[NEW:.*]]: tensor<f32>):
  // CHECK-NEXT: %[[SUM:.*]] = "stablehlo.add"(%[[OLD]], %[[NEW]])
  // CHECK-NEXT: "stablehlo.return"(%[[SUM]]) : (tensor<f32>) -> ()
  // CHECK-NEXT: }) : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  %2 = jaxr.scatter_add %x[%i], %u update_window_dims = [1], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<5x3xf32>, tensor<7x1xi32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  // CHECK: "stablehlo.scatter"
  // CHECK: "stablehlo.maximum"
  %3 = jaxr.scatter_max %v[%j], %w update_window_dims = [], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = false, unique_indices = false : (tensor<6xi64>, tensor<2x1xi32>, tensor<2xi64>) -> tensor<6xi64>
  // Replacing: the body returns the update.
  // CHECK: "stablehlo.scatter"({{.*}}) <{indices_are_sorted = true, {{.*}}, unique_indices = true}> ({
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<i64>, %[[UPDATE:.*]]: tensor<i64>):
  // CHECK-NEXT: "stablehlo.return"(%[[UPDATE]]) : (tensor<i64>) -> ()
  // CHECK-NEXT: })
  %4 = jaxr.scatter %v[%j], %w update_window_dims = [], inserted_window_dims = [0], input_batching_dims = [], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [0], index_vector_dim = 1, indices_are_sorted = true, unique_indices = true : (tensor<6xi64>, tensor<2x1xi32>, tensor<2xi64>) -> tensor<6xi64>
  return %0, %1, %2, %3, %4 : tensor<7x3xf32>, tensor<2x3xi8>, tensor<5x3xf32>, tensor<6xi64>, tensor<6xi64>
}

// -----

// The dimension numbers become StableHLO's compact [b, 0, f]x[0, i, o]->[b, 0, f].
// CHECK-LABEL: sym_name = "convolution"
func.func @convolution(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>, %a: tensor<3x4xf16>, %k: tensor<5x4xf16>) -> (tensor<2x8x4xf32>, tensor<5x3xf16>) {
  // CHECK: "stablehlo.convolution"(%{{.*}}, %{{.*}}) <{batch_group_count = 1 : i64, dimension_numbers = #stablehlo.conv<[b, 0, f]x[0, i, o]->[b, 0, f]>, feature_group_count = 1 : i64, lhs_dilation = array<i64: 1>, padding = dense<{{\[\[}}2, 1]]> : tensor<1x2xi64>, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>], rhs_dilation = array<i64: 2>, window_strides = array<i64: 2>}> : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  %0 = jaxr.conv_general_dilated %x, %w, window_strides = [2], padding = [2, 1], lhs_dilation = [1], rhs_dilation = [2], dimension_numbers = [0, 2, 1] x [2, 1, 0] -> [0, 2, 1], feature_group_count = 1, batch_group_count = 1 : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  // No spatial dimensions: no window attributes.
  // CHECK: "stablehlo.convolution"(%{{.*}}, %{{.*}}) <{batch_group_count = 1 : i64, dimension_numbers = #stablehlo.conv<[b, f]x[o, i]->[f, b]>, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]}> : (tensor<3x4xf16>, tensor<5x4xf16>) -> tensor<5x3xf16>
  %1 = jaxr.conv_general_dilated %a, %k, window_strides = [], padding = [], lhs_dilation = [], rhs_dilation = [], dimension_numbers = [0, 1] x [0, 1] -> [1, 0], feature_group_count = 1, batch_group_count = 1 : (tensor<3x4xf16>, tensor<5x4xf16>) -> tensor<5x3xf16>
  return %0, %1 : tensor<2x8x4xf32>, tensor<5x3xf16>
}

// -----

// Windowed reductions: the identity as init value and a one-op body; the
// generic form keeps its body, lowered in place.
// CHECK-LABEL: sym_name = "reduce_window"
func.func @reduce_window(%x: tensor<3x8xf32>, %i: tensor<5xi32>) -> (tensor<3x8xf32>, tensor<3xi32>, tensor<3x8xf32>) {
  // CHECK: %[[ZERO:.*]] = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  // CHECK-NEXT: "stablehlo.reduce_window"(%{{.*}}, %[[ZERO]]) <{base_dilations = array<i64: 1, 1>, padding = dense<{{\[\[}}0, 0], [7, 0]]> : tensor<2x2xi64>, window_dilations = array<i64: 1, 1>, window_dimensions = array<i64: 1, 8>, window_strides = array<i64: 1, 1>}> ({
  // CHECK: "stablehlo.add"
  // CHECK: }) : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x8xf32>
  %0 = jaxr.reduce_window_sum %x, window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : tensor<3x8xf32> -> tensor<3x8xf32>
  // CHECK: %[[LOWEST:.*]] = "stablehlo.constant"() <{value = dense<-2147483648> : tensor<i32>}> : () -> tensor<i32>
  // CHECK-NEXT: "stablehlo.reduce_window"(%{{.*}}, %[[LOWEST]]) <{{.*}}> ({
  // CHECK: "stablehlo.maximum"
  %1 = jaxr.reduce_window_max %i, window = [2], strides = [2], padding = [0, 1], base_dilation = [1], window_dilation = [1] : tensor<5xi32> -> tensor<3xi32>
  // CHECK: %[[ONE:.*]] = "stablehlo.constant"() <{value = dense<1.000000e+00> : tensor<f32>}>
  // CHECK-NEXT: "stablehlo.reduce_window"(%{{.*}}, %[[ONE]]) <{base_dilations = array<i64: 1, 1>, padding = dense<{{\[\[}}0, 0], [7, 0]]> : tensor<2x2xi64>, window_dilations = array<i64: 1, 1>, window_dimensions = array<i64: 1, 8>, window_strides = array<i64: 1, 1>}> ({
  // CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<f32>):
  // CHECK-NEXT: %[[P:.*]] = "stablehlo.multiply"(%[[A]], %[[B]])
  // CHECK-NEXT: "stablehlo.return"(%[[P]]) : (tensor<f32>) -> ()
  // CHECK-NEXT: }) : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x8xf32>
  %one = jaxr.constant dense<1.0> : tensor<f32>
  %2 = jaxr.reduce_window(%x) init(%one) window = [1, 8], strides = [1, 1], padding = [0, 0, 7, 0], base_dilation = [1, 1], window_dilation = [1, 1] : (tensor<3x8xf32>, tensor<f32>) -> tensor<3x8xf32> {
  ^bb0(%acc: tensor<f32>, %e: tensor<f32>):
    %p = jaxr.mul %acc, %e : tensor<f32>
    jaxr.yield %p : tensor<f32>
  }
  return %0, %1, %2 : tensor<3x8xf32>, tensor<3xi32>, tensor<3x8xf32>
}

// -----

// lax.sort's comparator as JAX writes it: floats with -0.0 made 0.0 and NaN
// made +NaN, compared in total order; keys lexicographically.
// CHECK-LABEL: sym_name = "sort"
func.func @sort(%x: tensor<5xf32>, %i: tensor<5xi32>) -> (tensor<5xf32>, tensor<5xi32>, tensor<5xf32>) {
  // CHECK: "stablehlo.sort"(%{{.*}}) <{dimension = 0 : i64, is_stable = true}> ({
  // CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<f32>, %[[Y:.*]]: tensor<f32>):
  // CHECK-NEXT: %[[Z:.*]] = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}>
  // CHECK-NEXT: %[[NAN:.*]] = "stablehlo.constant"() <{value = dense<0x7FC00000> : tensor<f32>}>
  // CHECK-NEXT: %[[XZ:.*]] = "stablehlo.compare"(%[[X]], %[[Z]]) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction EQ>}>
  // CHECK-NEXT: %[[X0:.*]] = "stablehlo.select"(%[[XZ]], %[[Z]], %[[X]])
  // CHECK-NEXT: %[[XN:.*]] = "stablehlo.compare"(%[[X]], %[[X]]) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction NE>}>
  // CHECK-NEXT: %[[XK:.*]] = "stablehlo.select"(%[[XN]], %[[NAN]], %[[X0]])
  // CHECK: "stablehlo.compare"(%[[Y]], %[[Y]])
  // CHECK-NEXT: %[[YK:.*]] = "stablehlo.select"
  // CHECK-NEXT: %[[LT:.*]] = "stablehlo.compare"(%[[XK]], %[[YK]]) <{compare_type = #stablehlo<comparison_type TOTALORDER>, comparison_direction = #stablehlo<comparison_direction LT>}>
  // CHECK-NEXT: "stablehlo.return"(%[[LT]]) : (tensor<i1>) -> ()
  // CHECK-NEXT: }) : (tensor<5xf32>) -> tensor<5xf32>
  %0 = jaxr.sort %x dim = 0, num_keys = 1, is_stable = true, descending = false : tensor<5xf32>
  // Integer keys compare directly; descending is GT; the values come along.
  // CHECK: "stablehlo.sort"(%{{.*}}, %{{.*}}) <{dimension = 0 : i64, is_stable = false}> ({
  // CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<i32>, %[[B:.*]]: tensor<i32>, %{{.*}}: tensor<f32>, %{{.*}}: tensor<f32>):
  // CHECK-NEXT: %[[GT:.*]] = "stablehlo.compare"(%[[A]], %[[B]]) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction GT>}>
  // CHECK-NEXT: "stablehlo.return"(%[[GT]])
  // CHECK-NEXT: }) : (tensor<5xi32>, tensor<5xf32>) -> (tensor<5xi32>, tensor<5xf32>)
  %1:2 = jaxr.sort %i, %x dim = 0, num_keys = 1, is_stable = false, descending = true : tensor<5xi32>, tensor<5xf32>
  return %0, %1#0, %1#1 : tensor<5xf32>, tensor<5xi32>, tensor<5xf32>
}

// -----

// top_k is chlo.top_k on the last dimension; another axis moves there and
// back, as JAX lowers it.
// CHECK-LABEL: sym_name = "top_k"
func.func @top_k(%x: tensor<2x5xf32>, %y: tensor<4x3xi32>) -> (tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>) {
  // CHECK: "chlo.top_k"(%{{.*}}) <{k = 3 : i64}> : (tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xi32>)
  %0:2 = jaxr.top_k %x, k = 3, axis = 1 : tensor<2x5xf32> -> tensor<2x3xf32>, tensor<2x3xi32>
  // CHECK: %[[T:.*]] = "stablehlo.transpose"(%{{.*}}) <{permutation = array<i64: 1, 0>}> : (tensor<4x3xi32>) -> tensor<3x4xi32>
  // CHECK-NEXT: %[[K:.*]]:2 = "chlo.top_k"(%[[T]]) <{k = 2 : i64}> : (tensor<3x4xi32>) -> (tensor<3x2xi32>, tensor<3x2xi32>)
  // CHECK-NEXT: "stablehlo.transpose"(%[[K]]#0) <{permutation = array<i64: 1, 0>}> : (tensor<3x2xi32>) -> tensor<2x3xi32>
  // CHECK-NEXT: "stablehlo.transpose"(%[[K]]#1) <{permutation = array<i64: 1, 0>}> : (tensor<3x2xi32>) -> tensor<2x3xi32>
  %1:2 = jaxr.top_k %y, k = 2, axis = 0 : tensor<4x3xi32> -> tensor<2x3xi32>, tensor<2x3xi32>
  return %0#0, %0#1, %1#0, %1#1 : tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>
}

// -----

// Control flow: the regions move into stablehlo.while/case/if and their
// jaxr ops are lowered there; jaxr.yield becomes stablehlo.return.
// CHECK-LABEL: sym_name = "control_flow"
func.func @control_flow(%n: tensor<i32>, %x: tensor<4xf32>, %p: tensor<i1>) -> (tensor<i32>, tensor<4xf32>, tensor<4xf32>) {
  // CHECK: "stablehlo.while"(%{{.*}}, %{{.*}}) ({
  // CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i32>, %{{.*}}: tensor<4xf32>):
  // CHECK-NEXT: %[[C:.*]] = "stablehlo.compare"(%[[I]], %{{.*}}) <{compare_type = #stablehlo<comparison_type SIGNED>, comparison_direction = #stablehlo<comparison_direction LT>}>
  // CHECK-NEXT: "stablehlo.return"(%[[C]]) : (tensor<i1>) -> ()
  // CHECK-NEXT: }, {
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<i32>, %[[V:.*]]: tensor<4xf32>):
  // CHECK: %[[W:.*]] = "stablehlo.multiply"(%[[V]], %[[V]])
  // CHECK-NEXT: "stablehlo.return"(%{{.*}}, %[[W]]) : (tensor<i32>, tensor<4xf32>) -> ()
  // CHECK-NEXT: }) : (tensor<i32>, tensor<4xf32>) -> (tensor<i32>, tensor<4xf32>)
  %zero = jaxr.constant dense<0> : tensor<i32>
  %r:2 = jaxr.while (%zero, %x) : tensor<i32>, tensor<4xf32>
  cond {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>):
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>):
    %one = jaxr.constant dense<1> : tensor<i32>
    %j = jaxr.add %i, %one : tensor<i32>
    %w = jaxr.mul %v, %v : tensor<4xf32>
    jaxr.yield %j, %w : tensor<i32>, tensor<4xf32>
  }
  // CHECK: "stablehlo.case"(%{{.*}}) ({
  // CHECK-NEXT: "stablehlo.tanh"
  // CHECK-NEXT: "stablehlo.return"
  // CHECK-NEXT: }, {
  // CHECK-NEXT: "stablehlo.return"
  // CHECK-NEXT: }) : (tensor<i32>) -> tensor<4xf32>
  %0 = jaxr.cond %n : tensor<i32> -> (tensor<4xf32>) {
    %t = jaxr.tanh %x : tensor<4xf32>
    jaxr.yield %t : tensor<4xf32>
  }, {
    jaxr.yield %x : tensor<4xf32>
  }
  // A predicate: stablehlo.if takes the true branch (branch 1) first.
  // CHECK: "stablehlo.if"(%{{.*}}) ({
  // CHECK-NEXT: "stablehlo.exponential"
  // CHECK-NEXT: "stablehlo.return"
  // CHECK-NEXT: }, {
  // CHECK-NEXT: "stablehlo.negate"
  // CHECK-NEXT: "stablehlo.return"
  // CHECK-NEXT: }) : (tensor<i1>) -> tensor<4xf32>
  %1 = jaxr.cond %p : tensor<i1> -> (tensor<4xf32>) {
    %m = jaxr.neg %x : tensor<4xf32>
    jaxr.yield %m : tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %e : tensor<4xf32>
  }
  return %r#0, %0, %1 : tensor<i32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: sym_name = "triangular_solve"
func.func @triangular_solve(%a: tensor<2x3x3xf32>, %b: tensor<2x4x3xf32>) -> tensor<2x4x3xf32> {
  // CHECK: "stablehlo.triangular_solve"(%arg0, %arg1) <{left_side = false, lower = true, transpose_a = #stablehlo<transpose TRANSPOSE>, unit_diagonal = true}> : (tensor<2x3x3xf32>, tensor<2x4x3xf32>) -> tensor<2x4x3xf32>
  %0 = jaxr.triangular_solve %a, %b, left_side = false, lower = true, unit_diagonal = true, transpose_a = 1 : (tensor<2x3x3xf32>, tensor<2x4x3xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

// Calls with differentiation rules compute their callee: plain calls.
func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = jaxr.sin %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func private @f_jvp(%x: tensor<3xf32>, %t: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = jaxr.sin %x : tensor<3xf32>
  %1 = jaxr.cos %x : tensor<3xf32>
  %2 = jaxr.mul %1, %t : tensor<3xf32>
  return %0, %2 : tensor<3xf32>, tensor<3xf32>
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
// CHECK-LABEL: sym_name = "rule_calls"
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<3xf32>):
func.func @rule_calls(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  // CHECK-NEXT: %[[A:.*]] = "func.call"(%[[X]]) <{callee = @f}> : (tensor<3xf32>) -> tensor<3xf32>
  // CHECK-NEXT: %[[B:.*]] = "func.call"(%[[A]]) <{callee = @f}> : (tensor<3xf32>) -> tensor<3xf32>
  // CHECK-NEXT: %[[C:.*]] = "func.call"(%[[B]]) <{callee = @f}> : (tensor<3xf32>) -> tensor<3xf32>
  // CHECK-NEXT: "func.return"(%[[A]], %[[B]], %[[C]])
  %0 = jaxr.checkpoint @f(%x) {policy = "dots_saveable"} : (tensor<3xf32>) -> tensor<3xf32>
  %1 = jaxr.custom_jvp @f(%0) {jvp = @f_jvp} : (tensor<3xf32>) -> tensor<3xf32>
  %2 = jaxr.custom_vjp @f(%1) {fwd = @f_fwd, bwd = @f_bwd} : (tensor<3xf32>) -> tensor<3xf32>
  return %0, %1, %2 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}
