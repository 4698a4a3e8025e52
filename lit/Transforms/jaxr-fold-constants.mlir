// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-fold-constants)' | FileCheck %s
// RUN: jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-fold-constants{max-elements=4})' | FileCheck %s --check-prefix=SMALL
// RUN: not jaxr-opt %s --split-input-file --pass-pipeline='builtin.module(jaxr-fold-constants{max-elements=-1})' 2>&1 | FileCheck %s --check-prefix=BADOPT
// BADOPT: max-elements

// jax.random's counters: iota, mul, add, shift, convert fold as a chain;
// the constants they leave unused are erased.
// CHECK-LABEL: func.func @counters(
// CHECK-NEXT: %[[C:.*]] = jaxr.constant dense<{{\[}}[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14], [15, 16, 17, 18, 19]]> : tensor<4x5xui32>
// CHECK-NEXT: %[[H:.*]] = jaxr.constant dense<0> : tensor<4x5xui32>
// CHECK-NEXT: return %[[C]], %[[H]]
// Above 4 elements nothing folds.
// SMALL-LABEL: func.func @counters(
// SMALL: jaxr.iota
// SMALL: jaxr.mul
// SMALL: jaxr.convert_element_type
func.func @counters() -> (tensor<4x5xui32>, tensor<4x5xui32>) {
  %c5 = jaxr.constant dense<5> : tensor<4x5xui64>
  %c32 = jaxr.constant dense<32> : tensor<4x5xui64>
  %0 = jaxr.iota dim = 0 : tensor<4x5xui64>
  %1 = jaxr.mul %0, %c5 : tensor<4x5xui64>
  %2 = jaxr.iota dim = 1 : tensor<4x5xui64>
  %3 = jaxr.add %1, %2 : tensor<4x5xui64>
  %4 = jaxr.shift_right_logical %3, %c32 : tensor<4x5xui64>
  %5 = jaxr.convert_element_type %3 : tensor<4x5xui64> -> tensor<4x5xui32>
  %6 = jaxr.convert_element_type %4 : tensor<4x5xui64> -> tensor<4x5xui32>
  return %5, %6 : tensor<4x5xui32>, tensor<4x5xui32>
}

// -----

// Integers wrap around modulo 2^bits (neg and abs of -128 are -128).
// CHECK-LABEL: func.func @wrap_around(
// CHECK-DAG: jaxr.constant dense<[-128, 126, -128, 1]> : tensor<4xi8>
// CHECK-DAG: jaxr.constant dense<[4294967295, 4294967294]> : tensor<2xui32>
// CHECK-DAG: jaxr.constant dense<[44, -1, 0, -128]> : tensor<4xi8>
// CHECK-DAG: jaxr.constant dense<[-128, -127, 0, -127]> : tensor<4xi8>
// CHECK-NOT: jaxr.add
// CHECK-NOT: jaxr.sub
func.func @wrap_around() -> (tensor<4xi8>, tensor<2xui32>, tensor<4xi8>, tensor<4xi8>) {
  %a = jaxr.constant dense<[127, -1, -128, -1]> : tensor<4xi8>
  %b = jaxr.constant dense<[1, 127, 0, 2]> : tensor<4xi8>
  %s = jaxr.add %a, %b : tensor<4xi8>
  %u0 = jaxr.constant dense<[0, 4294967295]> : tensor<2xui32>
  %u1 = jaxr.constant dense<1> : tensor<2xui32>
  %d = jaxr.sub %u0, %u1 : tensor<2xui32>
  %d1 = jaxr.add %d, %u1 : tensor<2xui32>
  %d2 = jaxr.sub %d1, %u1 : tensor<2xui32>
  %w = jaxr.constant dense<[300, 255, 256, 128]> : tensor<4xi32>
  %c = jaxr.convert_element_type %w : tensor<4xi32> -> tensor<4xi8>
  %m = jaxr.constant dense<[-128, 127, 0, -127]> : tensor<4xi8>
  %n = jaxr.neg %m : tensor<4xi8>
  %n2 = jaxr.abs %n : tensor<4xi8>
  %n3 = jaxr.neg %n2 : tensor<4xi8>
  %n4 = jaxr.neg %n3 : tensor<4xi8>
  %n5 = jaxr.mul %n4, %n4 : tensor<4xi8>
  %n6 = jaxr.sub %n4, %n5 : tensor<4xi8>
  %n7 = jaxr.add %n6, %n5 : tensor<4xi8>
  %r = jaxr.neg %n7 : tensor<4xi8>
  return %s, %d2, %c, %r : tensor<4xi8>, tensor<2xui32>, tensor<4xi8>, tensor<4xi8>
}

// -----

// Shifts as StableHLO defines them: from the bit width on, everything is
// shifted out (the sign fills an arithmetic right shift); a negative amount
// is a large unsigned one.
// CHECK-LABEL: func.func @shifts(
// CHECK-DAG: jaxr.constant dense<[2, 0, 0, -128]> : tensor<4xi8>
// CHECK-DAG: jaxr.constant dense<[64, 1, 0, 0]> : tensor<4xi8>
// CHECK-DAG: jaxr.constant dense<[-64, -1, -1, 0]> : tensor<4xi8>
// CHECK-NOT: jaxr.shift
func.func @shifts() -> (tensor<4xi8>, tensor<4xi8>, tensor<4xi8>) {
  %x = jaxr.constant dense<[1, 1, 1, 1]> : tensor<4xi8>
  %n = jaxr.constant dense<[-128, -128, -128, 64]> : tensor<4xi8>
  %s = jaxr.constant dense<[1, 8, -1, 7]> : tensor<4xi8>
  %t = jaxr.constant dense<[1, 7, 8, 100]> : tensor<4xi8>
  %l = jaxr.shift_left %x, %s : tensor<4xi8>
  %r = jaxr.shift_right_logical %n, %t : tensor<4xi8>
  %a = jaxr.shift_right_arithmetic %n, %t : tensor<4xi8>
  return %l, %r, %a : tensor<4xi8>, tensor<4xi8>, tensor<4xi8>
}

// -----

// Bitwise ops, population count, count leading zeros, min and max by the
// type's signedness.
// CHECK-LABEL: func.func @bits(
// CHECK-DAG: jaxr.constant dense<[8, 0]> : tensor<2xui8>
// CHECK-DAG: jaxr.constant dense<[0, 8]> : tensor<2xui8>
// CHECK-DAG: jaxr.constant dense<[255, 1]> : tensor<2xui8>
// CHECK-DAG: jaxr.constant dense<[-1, 1]> : tensor<2xi8>
// CHECK-DAG: jaxr.constant dense<[false, true]> : tensor<2xi1>
func.func @bits() -> (tensor<2xui8>, tensor<2xui8>, tensor<2xui8>, tensor<2xi8>, tensor<2xi1>) {
  %a = jaxr.constant dense<[255, 1]> : tensor<2xui8>
  %b = jaxr.constant dense<[0, 1]> : tensor<2xui8>
  %x = jaxr.xor %a, %b : tensor<2xui8>
  %p = jaxr.population_count %x : tensor<2xui8>
  %c = jaxr.clz %x : tensor<2xui8>
  %m = jaxr.max %a, %b : tensor<2xui8>
  %sa = jaxr.constant dense<[-1, 1]> : tensor<2xi8>
  %sb = jaxr.constant dense<[0, 1]> : tensor<2xi8>
  %sm = jaxr.min %sa, %sb : tensor<2xi8>
  %t = jaxr.constant dense<[true, false]> : tensor<2xi1>
  %nt = jaxr.not %t : tensor<2xi1>
  return %p, %c, %m, %sm, %nt : tensor<2xui8>, tensor<2xui8>, tensor<2xui8>, tensor<2xi8>, tensor<2xi1>
}

// -----

// Integer division rounds toward zero and rem takes the dividend's sign;
// a zero divisor and MIN / -1 are left to the backend.
// CHECK-LABEL: func.func @division(
// CHECK-DAG: jaxr.constant dense<[-3, 3]> : tensor<2xi32>
// CHECK-DAG: jaxr.constant dense<[-1, 1]> : tensor<2xi32>
// CHECK: jaxr.div
// CHECK: jaxr.rem
// CHECK: jaxr.div
func.func @division() -> (tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<i32>) {
  %a = jaxr.constant dense<[-7, 7]> : tensor<2xi32>
  %b = jaxr.constant dense<[2, 2]> : tensor<2xi32>
  %q = jaxr.div %a, %b : tensor<2xi32>
  %r = jaxr.rem %a, %b : tensor<2xi32>
  %z = jaxr.constant dense<[2, 0]> : tensor<2xi32>
  %qz = jaxr.div %a, %z : tensor<2xi32>
  %rz = jaxr.rem %a, %z : tensor<2xi32>
  %min = jaxr.constant dense<-2147483648> : tensor<i32>
  %m1 = jaxr.constant dense<-1> : tensor<i32>
  %o = jaxr.div %min, %m1 : tensor<i32>
  return %q, %r, %qz, %rz, %o : tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<i32>
}

// -----

// Floats: computed in f64 and rounded once (sqrt of the f32 nearest 1/3);
// max and min order -0 < +0 and propagate NaN; neg flips the sign bit;
// select_n picks case 1 where the predicate is true; floor, ceil, round.
// CHECK-LABEL: func.func @floats(
// CHECK-DAG: jaxr.constant dense<[0.000000e+00, 0.000000e+00, 0x7FC00000]> : tensor<3xf32>
// CHECK-DAG: jaxr.constant dense<[-0.000000e+00, -0.000000e+00, 0x7FC00000]> : tensor<3xf32>
// CHECK-DAG: jaxr.constant dense<[-0.577350259, 2.000000e+00, -0.000000e+00]> : tensor<3xf32>
// CHECK-DAG: jaxr.constant dense<[2.000000e+00, -3.000000e+00, 2.000000e+00, -3.000000e+00, 3.000000e+00, -2.000000e+00, 3.000000e+00, -2.000000e+00]> : tensor<8xf64>
// CHECK-DAG: jaxr.constant dense<[2.000000e+00, -2.000000e+00, 2.000000e+00, -2.000000e+00]> : tensor<4xf64>
func.func @floats() -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf64>) {
  %x = jaxr.constant dense<[-0.0, 0.0, 0x7FC00000]> : tensor<3xf32>
  %y = jaxr.constant dense<[0.0, -0.0, 1.0]> : tensor<3xf32>
  %mx = jaxr.max %x, %y : tensor<3xf32>
  %mn = jaxr.min %y, %x : tensor<3xf32>
  %one = jaxr.constant dense<[1.0, 2.0, 0.0]> : tensor<3xf32>
  %three = jaxr.constant dense<[3.0, 1.0, 1.0]> : tensor<3xf32>
  %q = jaxr.div %one, %three : tensor<3xf32>
  %s = jaxr.sqrt %q : tensor<3xf32>
  %ns = jaxr.neg %s : tensor<3xf32>
  %lt = jaxr.compare lt, %one, %three : tensor<3xf32> -> tensor<3xi1>
  %r = jaxr.select_n %lt, %q, %ns : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %v = jaxr.constant dense<[2.5, -2.5, 2.5, -2.5]> : tensor<4xf64>
  %fl = jaxr.floor %v : tensor<4xf64>
  %ce = jaxr.ceil %v : tensor<4xf64>
  %c = jaxr.concatenate(%fl, %ce) dim = 0 : (tensor<4xf64>, tensor<4xf64>) -> tensor<8xf64>
  %e = jaxr.round to_nearest_even, %v : tensor<4xf64>
  return %mx, %mn, %r, %e : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf64>
}

// -----

// Conversions round once; floats to integers fold only in range.
// CHECK-LABEL: func.func @conversions(
// CHECK-DAG: jaxr.constant dense<[1.600000e+01, 0x4B800000, 1.84467441E+19]> : tensor<3xf32>
// CHECK-DAG: jaxr.constant dense<[2.000000e+00, 6.550400e+04, 0x7C00]> : tensor<3xf16>
// CHECK-DAG: jaxr.constant dense<[-128, 127]> : tensor<2xi8>
// CHECK-DAG: jaxr.constant dense<[1065353216, -1082130432]> : tensor<2xi32>
// CHECK: jaxr.convert_element_type %{{.*}} : tensor<2xf32> -> tensor<2xi8>
func.func @conversions() -> (tensor<3xf32>, tensor<3xf16>, tensor<2xi8>, tensor<2xi32>, tensor<2xi8>) {
  %i = jaxr.constant dense<[16, 16777217, 18446744073709551615]> : tensor<3xui64>
  %f = jaxr.convert_element_type %i : tensor<3xui64> -> tensor<3xf32>
  %d = jaxr.constant dense<[2.0, 65504.0, 65520.0]> : tensor<3xf64>
  %h = jaxr.convert_element_type %d : tensor<3xf64> -> tensor<3xf16>
  %g = jaxr.constant dense<[-128.9, 127.9]> : tensor<2xf32>
  %t = jaxr.convert_element_type %g : tensor<2xf32> -> tensor<2xi8>
  %o = jaxr.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %b = jaxr.bitcast_convert_type %o : tensor<2xf32> -> tensor<2xi32>
  %big = jaxr.constant dense<[128.0, 0x7FC00000]> : tensor<2xf32>
  %bad = jaxr.convert_element_type %big : tensor<2xf32> -> tensor<2xi8>
  return %f, %h, %t, %b, %bad : tensor<3xf32>, tensor<3xf16>, tensor<2xi8>, tensor<2xi32>, tensor<2xi8>
}

// -----

// Shape ops move elements of any supported type.
// CHECK-LABEL: func.func @shapes(
// CHECK-DAG: jaxr.constant dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi32>
// CHECK-DAG: jaxr.constant dense<[2, 5]> : tensor<2xi32>
// CHECK-DAG: jaxr.constant dense<[0, 2, 0, 3, 0]> : tensor<5xi32>
// CHECK-DAG: jaxr.constant dense<[6, 5, 4, 3, 2, 1]> : tensor<6xi32>
// CHECK-DAG: jaxr.constant dense<[5, 6]> : tensor<2xi32>
// CHECK-DAG: jaxr.constant dense<[1, 2, 3, 1, 2, 3]> : tensor<6xi32>
// CHECK-NOT: jaxr.{{(transpose|slice|pad|rev|reshape|dynamic_slice|concatenate)}}
func.func @shapes() -> (tensor<3x2xi32>, tensor<2xi32>, tensor<5xi32>, tensor<6xi32>, tensor<2xi32>, tensor<6xi32>) {
  %x = jaxr.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %t = jaxr.transpose %x, perm = [1, 0] : tensor<2x3xi32> -> tensor<3x2xi32>
  %f = jaxr.reshape %x : tensor<2x3xi32> -> tensor<6xi32>
  %s = jaxr.slice %f, start = [1], limit = [5], strides = [3] : tensor<6xi32> -> tensor<2xi32>
  %z = jaxr.constant dense<0> : tensor<i32>
  %s3 = jaxr.slice %f, start = [0], limit = [3], strides = [1] : tensor<6xi32> -> tensor<3xi32>
  %p = jaxr.pad %s3, %z, low = [-1], high = [1], interior = [1] : (tensor<3xi32>, tensor<i32>) -> tensor<5xi32>
  %r = jaxr.rev %f, dims = [0] : tensor<6xi32>
  %k = jaxr.constant dense<7> : tensor<i32>
  %d = jaxr.dynamic_slice %f[%k] sizes = [2] : (tensor<6xi32>, tensor<i32>) -> tensor<2xi32>
  %c = jaxr.concatenate(%s3, %s3) dim = 0 : (tensor<3xi32>, tensor<3xi32>) -> tensor<6xi32>
  return %t, %s, %p, %r, %d, %c : tensor<3x2xi32>, tensor<2xi32>, tensor<5xi32>, tensor<6xi32>, tensor<2xi32>, tensor<6xi32>
}

// -----

// Not folded: transcendental functions (XLA does not round them
// correctly), an operand that is not a constant, complex values.
// CHECK-LABEL: func.func @not_folded(
// CHECK: jaxr.exp
// CHECK: jaxr.add %arg0
// CHECK: jaxr.neg %{{.*}} : tensor<2xcomplex<f32>>
func.func @not_folded(%a: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xcomplex<f32>>) {
  %x = jaxr.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %e = jaxr.exp %x : tensor<2xf32>
  %s = jaxr.add %a, %x : tensor<2xf32>
  %c = jaxr.constant dense<(1.0, 2.0)> : tensor<2xcomplex<f32>>
  %n = jaxr.neg %c : tensor<2xcomplex<f32>>
  return %e, %s, %n : tensor<2xf32>, tensor<2xf32>, tensor<2xcomplex<f32>>
}

// -----

// Chains fold inside loop bodies too.
// CHECK-LABEL: func.func @in_loop(
// CHECK: jaxr.while
// CHECK: jaxr.constant dense<[0, 1, 2]> : tensor<3xi32>
// CHECK-NOT: jaxr.iota
func.func @in_loop(%n: tensor<i32>) -> tensor<3xi32> {
  %z = jaxr.constant dense<0> : tensor<3xi32>
  %r = jaxr.while(%z) : tensor<3xi32> cond {
  ^bb0(%c: tensor<3xi32>):
    %t = jaxr.constant dense<true> : tensor<i1>
    jaxr.yield %t : tensor<i1>
  } body {
  ^bb0(%c: tensor<3xi32>):
    %i = jaxr.iota dim = 0 : tensor<3xi32>
    jaxr.yield %i : tensor<3xi32>
  }
  return %r : tensor<3xi32>
}

// -----

// Subnormal inputs or results are left to the backend (XLA's CPU client
// flushes them to zero); f16 and bf16 are computed in f64 and rounded once.
// CHECK-LABEL: func.func @subnormals_and_halves(
// CHECK: jaxr.mul
// CHECK-DAG: jaxr.constant dense<[2.000000e+00, 4.000000e+00, 6.000000e+00, 0x7C00]> : tensor<4xf16>
// CHECK-DAG: jaxr.constant dense<[3.339840e-01, 4.277340e-01]> : tensor<2xbf16>
func.func @subnormals_and_halves() -> (tensor<f32>, tensor<4xf16>, tensor<2xbf16>) {
  %t = jaxr.constant dense<1.0e-38> : tensor<f32>
  %h = jaxr.constant dense<0.5> : tensor<f32>
  %m = jaxr.mul %t, %h : tensor<f32>
  %a = jaxr.constant dense<[1.0, 2.0, 3.0, 65504.0]> : tensor<4xf16>
  %s = jaxr.add %a, %a : tensor<4xf16>
  %b = jaxr.constant dense<[1.0, 3.0]> : tensor<2xbf16>
  %c = jaxr.constant dense<[3.0, 7.0]> : tensor<2xbf16>
  %q = jaxr.div %b, %c : tensor<2xbf16>
  return %m, %s, %q : tensor<f32>, tensor<4xf16>, tensor<2xbf16>
}
