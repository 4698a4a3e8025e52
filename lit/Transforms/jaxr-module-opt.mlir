// RUN: jaxr-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(jaxr-module-opt)' | FileCheck %s
// RUN: jaxr-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(jaxr-optimize)' | FileCheck %s --check-prefix=OPT
// Determinism: two runs print the same bytes.
// RUN: jaxr-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(jaxr-optimize)' > %t.a
// RUN: jaxr-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(jaxr-optimize)' > %t.b
// RUN: cmp %t.a %t.b
// The pass takes no options.
// RUN: not jaxr-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(jaxr-module-opt{nope=1})' 2>&1 | FileCheck %s --check-prefix=BADOPT
// BADOPT: nope

// Duplicate private functions (JAX emits @_flip and @_flip_0): the first in
// module order is kept and every call names it. Functions that become equal
// once their callees are merged are merged in turn.
// CHECK-LABEL: func.func private @_flip(
// CHECK-NOT: func.func private @_flip_0
// CHECK-LABEL: func.func private @twice(
// CHECK-NEXT: call @_flip(
// CHECK-NEXT: call @_flip(
// CHECK-NOT: func.func private @twice_0
// CHECK-LABEL: func.func @main(
// CHECK-NEXT: %[[A:.*]] = call @twice(%arg0)
// CHECK-NEXT: %[[B:.*]] = call @twice(%arg0)
// CHECK-NEXT: %[[C:.*]] = call @_flip(%arg0)
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
// The whole module is inlined by jaxr-optimize; only @main stays (and
// flip(flip(x)) simplifies to x).
// OPT-LABEL: module {
// OPT-NEXT: func.func @main(
// OPT-NEXT: jaxr.rev
// OPT-NEXT: return
// OPT-NEXT: }
// OPT-NEXT: }
func.func private @_flip(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.rev %x, dims = [0] : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func private @twice(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = call @_flip(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = call @_flip(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
func.func private @_flip_0(%y: tensor<4xf32>) -> tensor<4xf32> {
  %a = jaxr.rev %y, dims = [0] : tensor<4xf32>
  return %a : tensor<4xf32>
}
func.func private @twice_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = call @_flip_0(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = call @_flip_0(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
func.func @main(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = call @twice(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = call @twice_0(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = call @_flip_0(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Public functions are never merged or changed, even when equal; a private
// duplicate of a public function calls the public one.
// CHECK-LABEL: func.func @pub_a(
// CHECK-LABEL: func.func @pub_b(
// CHECK-NOT: func.func private @priv
// CHECK-LABEL: func.func @user(
// CHECK-NEXT: call @pub_a(%arg0)
func.func @pub_a(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.neg %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @pub_b(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.neg %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func private @priv(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.neg %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @user(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = call @priv(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Functions that differ (here in an attribute) are not merged.
// CHECK-LABEL: func.func private @rev0(
// CHECK-LABEL: func.func private @rev1(
// CHECK-LABEL: func.func @differ(
// CHECK-NEXT: call @rev0(%arg0)
// CHECK-NEXT: call @rev1(%arg0)
func.func private @rev0(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = jaxr.rev %x, dims = [0] : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
func.func private @rev1(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = jaxr.rev %x, dims = [1] : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
func.func @differ(%x: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>) {
  %0 = call @rev0(%x) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %1 = call @rev1(%x) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0, %1 : tensor<4x4xf32>, tensor<4x4xf32>
}

// -----

// Every call passes 2.0 as %s: the constant moves into @scale and the
// argument is dropped; the call sites' constant goes with it.
// CHECK-LABEL: func.func private @scale(%arg0: tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[S:.*]] = jaxr.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[B:.*]] = jaxr.broadcast_in_dim %[[S]]
// CHECK-NEXT: %[[M:.*]] = jaxr.mul %arg0, %[[B]]
// CHECK-NEXT: return %[[M]]
// CHECK-LABEL: func.func @propagate(
// CHECK-NOT: jaxr.constant
// CHECK: %[[X:.*]] = call @scale(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[Y:.*]] = call @scale(%[[X]]) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: return %[[Y]]
func.func private @scale(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf32> {
  %b = jaxr.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<4xf32>
  %0 = jaxr.mul %x, %b : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @propagate(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = jaxr.constant dense<2.0> : tensor<f32>
  %0 = call @scale(%x, %c) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %d = jaxr.constant dense<2.0> : tensor<f32>
  %1 = call @scale(%0, %d) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Different constants at two call sites: nothing moves.
// CHECK-LABEL: func.func private @scale2(%arg0: tensor<4xf32>, %arg1: tensor<f32>) -> tensor<4xf32>
// CHECK-LABEL: func.func @different(
// CHECK: call @scale2(%arg0, %{{.*}}) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
// CHECK: call @scale2(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
func.func private @scale2(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf32> {
  %b = jaxr.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<4xf32>
  %0 = jaxr.mul %x, %b : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @different(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = jaxr.constant dense<2.0> : tensor<f32>
  %0 = call @scale2(%x, %c) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %d = jaxr.constant dense<3.0> : tensor<f32>
  %1 = call @scale2(%0, %d) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// A function with side effects (here a custom_call, also when reached through
// a call) is not specialized; an argument it does not use is still dropped.
// CHECK-LABEL: func.func private @effect(%arg0: tensor<4xf32>, %arg1: tensor<f32>) -> tensor<4xf32>
// CHECK-LABEL: func.func private @calls_effect(%arg0: tensor<4xf32>, %arg1: tensor<f32>) -> tensor<4xf32>
// CHECK-LABEL: func.func @effects(
// CHECK: call @calls_effect(%arg0, %{{.*}}) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
func.func private @effect(%x: tensor<4xf32>, %s: tensor<f32>, %unused: tensor<f32>) -> tensor<4xf32> {
  %b = jaxr.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<4xf32>
  %0 = jaxr.mul %x, %b : tensor<4xf32>
  %1 = stablehlo.custom_call @log(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
func.func private @calls_effect(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf32> {
  %0 = call @effect(%x, %s, %s) : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @effects(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = jaxr.constant dense<2.0> : tensor<f32>
  %0 = call @calls_effect(%x, %c) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Results no call uses and arguments the body does not use are dropped from
// private functions; public functions keep their signature.
// CHECK-LABEL: func.func private @pair(%arg0: tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[E:.*]] = jaxr.exp %arg0
// CHECK-NEXT: jaxr.log
// CHECK-NEXT: return %[[E]] : tensor<4xf32>
// CHECK-LABEL: func.func @pub_pair(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
// CHECK-LABEL: func.func @dead(
// CHECK-NEXT: %[[R:.*]] = call @pair(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: %{{.*}}:2 = call @pub_pair(%arg0, %arg0) : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
// CHECK-NEXT: return %[[R]]
func.func private @pair(%x: tensor<4xf32>, %unused: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = jaxr.exp %x : tensor<4xf32>
  %1 = jaxr.log %x : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
func.func @pub_pair(%x: tensor<4xf32>, %unused: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = jaxr.exp %x : tensor<4xf32>
  %1 = jaxr.log %x : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
func.func @dead(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0:2 = call @pair(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  %1:2 = call @pub_pair(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0 : tensor<4xf32>
}

// -----

// A function named other than by a call (here by jaxr.grad) keeps its
// signature, even with an unused argument and constant arguments.
// CHECK-LABEL: func.func private @loss(%arg0: tensor<3xf32>, %arg1: tensor<3xf32>) -> tensor<f32>
// CHECK-LABEL: func.func @named(
// CHECK: call @loss(%arg0, %{{.*}}) : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
// CHECK: jaxr.grad @loss
func.func private @loss(%x: tensor<3xf32>, %unused: tensor<3xf32>) -> tensor<f32> {
  %0 = jaxr.reduce_sum %x, axes = [0] : tensor<3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @named(%x: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>) {
  %c = jaxr.constant dense<1.0> : tensor<3xf32>
  %0 = call @loss(%x, %c) : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  %1 = jaxr.grad @loss(%x, %c) {argnums = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<f32>, tensor<3xf32>
}

// -----

// Recursion ends: the recursive call stays (nothing inlines it); the
// argument that is constant at every outside call and passed along unchanged
// inside moves in, and the argument only passed along is dropped.
// CHECK-LABEL: func.func private @rec(%arg0: tensor<f32>) -> tensor<f32>
// CHECK-NEXT: %[[K:.*]] = jaxr.constant dense<5.000000e-01> : tensor<f32>
// CHECK-NEXT: %[[M:.*]] = jaxr.mul %arg0, %[[K]]
// CHECK-NEXT: %[[R:.*]] = call @rec(%[[M]]) : (tensor<f32>) -> tensor<f32>
// CHECK-NEXT: return %[[R]]
// CHECK-LABEL: func.func @recursive(
// CHECK-NEXT: call @rec(%arg0) : (tensor<f32>) -> tensor<f32>
// OPT-LABEL: func.func private @rec(
// OPT: call @rec(
// OPT-LABEL: func.func @recursive(
// OPT: call @rec(
func.func private @rec(%x: tensor<f32>, %k: tensor<f32>, %pass: tensor<f32>) -> tensor<f32> {
  %0 = jaxr.mul %x, %k : tensor<f32>
  %1 = call @rec(%0, %k, %pass) : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<f32>
  return %1 : tensor<f32>
}
func.func @recursive(%x: tensor<f32>) -> tensor<f32> {
  %k = jaxr.constant dense<0.5> : tensor<f32>
  %0 = call @rec(%x, %k, %x) : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// One constant per value per function: equal constants in loop bodies, of
// another dialect or written differently become one at the function's
// entry, in order of first appearance; a region isolated from above (the
// reduction body) keeps its own.
// CHECK-LABEL: func.func @constants(
// CHECK-NEXT: %[[Z:.*]] = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}>
// CHECK-NEXT: %[[THREE:.*]] = jaxr.constant dense<3.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[ONE:.*]] = jaxr.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[ONES:.*]] = jaxr.constant dense<1.000000e+00> : tensor<4xf32>
// CHECK-NOT: constant
// CHECK: "stablehlo.reduce"
// CHECK: "stablehlo.constant"() <{value = dense<1.000000e+00> : tensor<f32>}>
// CHECK: jaxr.while(%[[Z]],
// CHECK: jaxr.compare lt, %{{.*}}, %[[THREE]]
// CHECK: jaxr.add %{{.*}}, %[[ONE]]
// CHECK: jaxr.add %{{.*}}, %[[Z]]
// CHECK: jaxr.add %{{.*}}, %[[ONES]]
// CHECK: jaxr.add %{{.*}}, %[[ONES]]
// OPT-LABEL: func.func @constants(
// OPT-COUNT-4: constant
// OPT-NOT: constant
// OPT: return
func.func @constants(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = stablehlo.constant dense<0.0> : tensor<f32>
  %1 = "stablehlo.reduce"(%x, %c) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %one = stablehlo.constant dense<1.0> : tensor<f32>
    %s = stablehlo.add %a, %b : tensor<f32>
    %t = stablehlo.multiply %s, %one : tensor<f32>
    stablehlo.return %t : tensor<f32>
  }) {dimensions = array<i64: 0>} : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
  %w:2 = jaxr.while(%c, %1) : tensor<f32>, tensor<f32> cond {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %k = jaxr.constant dense<3.0> : tensor<f32>
    %p = jaxr.compare lt, %a, %k : tensor<f32> -> tensor<i1>
    jaxr.yield %p : tensor<i1>
  } body {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %one = jaxr.constant dense<1.0> : tensor<f32>
    %z = jaxr.constant dense<0.0> : tensor<f32>
    %n = jaxr.add %a, %one : tensor<f32>
    %m = jaxr.add %b, %z : tensor<f32>
    jaxr.yield %n, %m : tensor<f32>, tensor<f32>
  }
  %r = jaxr.broadcast_in_dim %w#1, dims = [] : tensor<f32> -> tensor<4xf32>
  %ones = jaxr.constant dense<[1.0, 1.0, 1.0, 1.0]> : tensor<4xf32>
  %hex = jaxr.constant dense<"0x0000803F0000803F0000803F0000803F"> : tensor<4xf32>
  %r1 = jaxr.add %r, %ones : tensor<4xf32>
  %r2 = jaxr.add %r1, %hex : tensor<4xf32>
  return %r2 : tensor<4xf32>
}

// -----

// A call inside a nested module names that module's function: neither
// function changes (the outer one conservatively, since its name is used in
// there too).
// CHECK-LABEL: func.func private @x(%arg0: tensor<f32>, %arg1: tensor<f32>) -> tensor<f32>
// CHECK-LABEL: func.func @outer(
// CHECK-NEXT: call @x(%arg0, %arg0) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK: sym_name = "inner"
// CHECK: function_type = (tensor<f32>, tensor<f32>) -> tensor<f32>, sym_name = "x"
// CHECK: call @x(%arg0, %arg0) : (tensor<f32>, tensor<f32>) -> tensor<f32>
func.func private @x(%a: tensor<f32>, %u: tensor<f32>) -> tensor<f32> {
  return %a : tensor<f32>
}
func.func @outer(%a: tensor<f32>) -> tensor<f32> {
  %0 = call @x(%a, %a) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
module @inner {
  func.func private @x(%a: tensor<f32>, %u: tensor<f32>) -> tensor<f32> {
    return %a : tensor<f32>
  }
  func.func @y(%a: tensor<f32>) -> tensor<f32> {
    %0 = call @x(%a, %a) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    return %0 : tensor<f32>
  }
}

// -----

// Declarations are never changed; a private function that every call passes
// the same constant twice to ends up with no arguments.
// CHECK-LABEL: func.func private @decl(tensor<f32>) -> tensor<f32>
// CHECK-LABEL: func.func private @both() -> tensor<f32>
// CHECK-NEXT: %[[C:.*]] = jaxr.constant dense<1.000000e+00>
// CHECK-NEXT: %[[S:.*]] = jaxr.add %[[C]], %[[C]]
// CHECK-NEXT: return %[[S]]
// CHECK-LABEL: func.func @decls(
// CHECK-NEXT: %[[K:.*]] = jaxr.constant dense<1.000000e+00>
// CHECK-NEXT: call @decl(%[[K]])
// CHECK-NEXT: call @both() : () -> tensor<f32>
// CHECK-NEXT: call @both() : () -> tensor<f32>
func.func private @decl(%x: tensor<f32>) -> tensor<f32>
func.func private @both(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = jaxr.add %a, %b : tensor<f32>
  return %0 : tensor<f32>
}
func.func @decls(%x: tensor<f32>) -> (tensor<f32>, tensor<f32>, tensor<f32>) {
  %c = jaxr.constant dense<1.0> : tensor<f32>
  %0 = call @decl(%c) : (tensor<f32>) -> tensor<f32>
  %1 = call @both(%c, %c) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %2 = call @both(%c, %c) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<f32>
}

// -----

// An op of an unregistered dialect with a region may be a symbol table for
// all MLIR knows: upstream inline would crash on it and symbol-dce refuses
// it, so jaxr-optimize leaves both out. The function with the unknown op has
// side effects as far as anyone knows, and keeps its constant argument.
// CHECK-LABEL: func.func private @opaque(%arg0: tensor<f32>, %arg1: tensor<f32>) -> tensor<f32>
// CHECK-LABEL: func.func @unregistered(
// CHECK: call @opaque(%arg0, %{{.*}})
// OPT-LABEL: func.func private @opaque(
// OPT: "foo.region"
// OPT-LABEL: func.func @unregistered(
// OPT: call @opaque(
func.func private @opaque(%a: tensor<f32>, %k: tensor<f32>) -> tensor<f32> {
  %0 = "foo.region"(%a, %k) ({
    "foo.yield"(%a) : (tensor<f32>) -> ()
  }) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @unregistered(%a: tensor<f32>) -> tensor<f32> {
  %k = jaxr.constant dense<1.0> : tensor<f32>
  %0 = call @opaque(%a, %k) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
