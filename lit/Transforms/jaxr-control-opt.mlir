// RUN: jaxr-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(jaxr-control-opt)' | FileCheck %s
// Determinism: two runs print the same bytes.
// RUN: jaxr-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(jaxr-control-opt)' > %t.a
// RUN: jaxr-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(jaxr-control-opt)' > %t.b
// RUN: cmp %t.a %t.b
// jaxr-optimize runs it: the converted index becomes a stablehlo.if once lowered.
// RUN: jaxr-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(jaxr-optimize, convert-jaxr-to-stablehlo)' | FileCheck %s --check-prefix=OPT
// The pass takes no options.
// RUN: not jaxr-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(jaxr-control-opt{nope=1})' 2>&1 | FileCheck %s --check-prefix=BADOPT
// BADOPT: nope

// An index converted from a predicate: the cond takes the predicate (branch
// 1 when true, as convert(true) = 1 selects).
// CHECK-LABEL: func.func @converted_predicate(
// CHECK-SAME: %[[P:[^:]*]]: tensor<i1>
// CHECK-NOT: convert_element_type
// CHECK: jaxr.cond %[[P]] : tensor<i1> -> (tensor<4xf32>) {
// CHECK-NEXT: jaxr.neg
// CHECK: }, {
// CHECK-NEXT: jaxr.exp
// OPT-LABEL: func.func @converted_predicate(
// OPT-NOT: stablehlo.convert
// OPT: "stablehlo.if"(%arg0) ({
// OPT-NEXT: stablehlo.exponential
// OPT: }, {
// OPT-NEXT: stablehlo.negate
func.func @converted_predicate(%p: tensor<i1>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %i = jaxr.convert_element_type %p : tensor<i1> -> tensor<i32>
  %0 = jaxr.cond %i : tensor<i32> -> (tensor<4xf32>) {
    %n = jaxr.neg %x : tensor<4xf32>
    jaxr.yield %n : tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %e : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// With three branches, the third can never run: it goes.
// CHECK-LABEL: func.func @converted_predicate_three(
// CHECK: jaxr.cond %arg0 : tensor<i1> -> (tensor<4xf32>) {
// CHECK-NEXT: jaxr.neg
// CHECK: }, {
// CHECK-NEXT: jaxr.exp
// CHECK: }
// CHECK-NOT: jaxr.tanh
func.func @converted_predicate_three(%p: tensor<i1>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %i = jaxr.convert_element_type %p : tensor<i1> -> tensor<i32>
  %0 = jaxr.cond %i : tensor<i32> -> (tensor<4xf32>) {
    %n = jaxr.neg %x : tensor<4xf32>
    jaxr.yield %n : tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %e : tensor<4xf32>
  }, {
    %t = jaxr.tanh %x : tensor<4xf32>
    jaxr.yield %t : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// A converted index that is not from i1 is left alone.
// CHECK-LABEL: func.func @converted_not_predicate(
// CHECK: %[[I:.*]] = jaxr.convert_element_type
// CHECK: jaxr.cond %[[I]] : tensor<i32>
func.func @converted_not_predicate(%k: tensor<i64>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %i = jaxr.convert_element_type %k : tensor<i64> -> tensor<i32>
  %0 = jaxr.cond %i : tensor<i32> -> (tensor<4xf32>) {
    %n = jaxr.neg %x : tensor<4xf32>
    jaxr.yield %n : tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %e : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// Constant indices: the selected branch is inlined. An index out of range
// selects the last branch; a true predicate branch 1.
// CHECK-LABEL: func.func @constant_index(
// CHECK-NOT: jaxr.cond
// CHECK-DAG: %[[A:.*]] = jaxr.exp %arg0
// CHECK-DAG: %[[B:.*]] = jaxr.tanh %arg0
// CHECK-DAG: %[[C:.*]] = jaxr.tanh %arg0
// CHECK-DAG: %[[D:.*]] = jaxr.exp %arg0
// CHECK-DAG: %[[E:.*]] = jaxr.neg %arg0
// CHECK-NOT: jaxr.cond
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]]
func.func @constant_index(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %one = jaxr.constant dense<1> : tensor<i32>
  %seven = jaxr.constant dense<7> : tensor<i32>
  %minus = jaxr.constant dense<-1> : tensor<i32>
  %true = jaxr.constant dense<true> : tensor<i1>
  %false = jaxr.constant dense<false> : tensor<i1>
  %0 = jaxr.cond %one : tensor<i32> -> (tensor<4xf32>) {
    %n = jaxr.neg %x : tensor<4xf32>
    jaxr.yield %n : tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %e : tensor<4xf32>
  }, {
    %t = jaxr.tanh %x : tensor<4xf32>
    jaxr.yield %t : tensor<4xf32>
  }
  %1 = jaxr.cond %seven : tensor<i32> -> (tensor<4xf32>) {
    %n = jaxr.neg %x : tensor<4xf32>
    jaxr.yield %n : tensor<4xf32>
  }, {
    %t = jaxr.tanh %x : tensor<4xf32>
    jaxr.yield %t : tensor<4xf32>
  }
  %2 = jaxr.cond %minus : tensor<i32> -> (tensor<4xf32>) {
    %n = jaxr.neg %x : tensor<4xf32>
    jaxr.yield %n : tensor<4xf32>
  }, {
    %t = jaxr.tanh %x : tensor<4xf32>
    jaxr.yield %t : tensor<4xf32>
  }
  %3 = jaxr.cond %true : tensor<i1> -> (tensor<4xf32>) {
    %n = jaxr.neg %x : tensor<4xf32>
    jaxr.yield %n : tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %e : tensor<4xf32>
  }
  %4 = jaxr.cond %false : tensor<i1> -> (tensor<4xf32>) {
    %n = jaxr.neg %x : tensor<4xf32>
    jaxr.yield %n : tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %e : tensor<4xf32>
  }
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// A cond with a single branch always runs it.
// CHECK-LABEL: func.func @single_branch(
// CHECK-NOT: jaxr.cond
// CHECK: %[[E:.*]] = jaxr.exp %arg1
// CHECK-NEXT: return %[[E]]
func.func @single_branch(%i: tensor<i32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.cond %i : tensor<i32> -> (tensor<4xf32>) {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %e : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// Unused results go, with the branch ops that only computed them.
// CHECK-LABEL: func.func @unused_results(
// CHECK: %[[R:.*]] = jaxr.cond %arg0 : tensor<i1> -> (tensor<4xf32>) {
// CHECK-NEXT: %[[N:.*]] = jaxr.neg
// CHECK-NEXT: jaxr.yield %[[N]] : tensor<4xf32>
// CHECK-NEXT: }, {
// CHECK-NEXT: %[[S:.*]] = jaxr.sin
// CHECK-NEXT: jaxr.yield %[[S]] : tensor<4xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]]
func.func @unused_results(%p: tensor<i1>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %0:2 = jaxr.cond %p : tensor<i1> -> (tensor<4xf32>, tensor<4xf32>) {
    %n = jaxr.neg %x : tensor<4xf32>
    %t = jaxr.tanh %x : tensor<4xf32>
    jaxr.yield %t, %n : tensor<4xf32>, tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    %s = jaxr.sin %x : tensor<4xf32>
    jaxr.yield %e, %s : tensor<4xf32>, tensor<4xf32>
  }
  return %0#1 : tensor<4xf32>
}

// -----

// A result that every branch yields as the same outside value is that value.
// CHECK-LABEL: func.func @same_value(
// CHECK: %[[R:.*]] = jaxr.cond
// CHECK: return %arg1, %[[R]]
func.func @same_value(%p: tensor<i1>, %x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.cond %p : tensor<i1> -> (tensor<4xf32>, tensor<4xf32>) {
    %n = jaxr.neg %x : tensor<4xf32>
    jaxr.yield %x, %n : tensor<4xf32>, tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %x, %e : tensor<4xf32>, tensor<4xf32>
  }
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// A later cond on the same predicate uses what the earlier one's branch
// yields, when that is defined outside it (%y in branch 0); a value computed
// inside a branch (the exp) stays a result. A cond on another predicate is
// left alone.
// CHECK-LABEL: func.func @forward_same_predicate(
// CHECK: %[[A:.*]]:2 = jaxr.cond %arg0 : tensor<i1> -> (tensor<4xf32>, tensor<4xf32>) {
// CHECK-NEXT: jaxr.yield %arg2, %arg3
// CHECK-NEXT: }, {
// CHECK-NEXT: %[[E:.*]] = jaxr.exp
// CHECK-NEXT: jaxr.yield %[[E]], %[[E]]
// CHECK: %[[B:.*]] = jaxr.cond %arg0 : tensor<i1> -> (tensor<4xf32>) {
// CHECK-NEXT: %[[M:.*]] = jaxr.mul %arg3, %arg3
// CHECK-NEXT: jaxr.yield %[[M]]
// CHECK-NEXT: }, {
// CHECK-NEXT: %[[N:.*]] = jaxr.mul %[[A]]#1, %[[A]]#1
// CHECK-NEXT: jaxr.yield %[[N]]
// CHECK: %[[C:.*]] = jaxr.cond %arg1 : tensor<i1> -> (tensor<4xf32>) {
// CHECK-NEXT: jaxr.neg %[[A]]#1
// CHECK: }, {
// CHECK-NEXT: jaxr.sin %[[A]]#1
func.func @forward_same_predicate(%p: tensor<i1>, %q: tensor<i1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0:2 = jaxr.cond %p : tensor<i1> -> (tensor<4xf32>, tensor<4xf32>) {
    jaxr.yield %x, %y : tensor<4xf32>, tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %e, %e : tensor<4xf32>, tensor<4xf32>
  }
  %1 = jaxr.cond %p : tensor<i1> -> (tensor<4xf32>) {
    %m = jaxr.mul %0#1, %0#1 : tensor<4xf32>
    jaxr.yield %m : tensor<4xf32>
  }, {
    %m = jaxr.mul %0#1, %0#1 : tensor<4xf32>
    jaxr.yield %m : tensor<4xf32>
  }
  %2 = jaxr.cond %q : tensor<i1> -> (tensor<4xf32>) {
    %n = jaxr.neg %0#1 : tensor<4xf32>
    jaxr.yield %n : tensor<4xf32>
  }, {
    %s = jaxr.sin %0#1 : tensor<4xf32>
    jaxr.yield %s : tensor<4xf32>
  }
  %3 = jaxr.add %1, %0#0 : tensor<4xf32>
  return %3, %2 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Splat constants broadcast inside branches become constants, moved before
// the cond (one per value).
// CHECK-LABEL: func.func @splat_broadcast(
// CHECK-NOT: jaxr.constant dense<2.000000e+00> : tensor<f32>
// CHECK: %[[K:.*]] = jaxr.constant dense<2.000000e+00> : tensor<4xf32>
// CHECK-NOT: jaxr.constant
// CHECK: jaxr.cond
// CHECK-NEXT: jaxr.mul %arg1, %[[K]]
// CHECK: }, {
// CHECK-NEXT: jaxr.add %arg1, %[[K]]
// CHECK-NOT: broadcast_in_dim
func.func @splat_broadcast(%p: tensor<i1>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.cond %p : tensor<i1> -> (tensor<4xf32>) {
    %two = jaxr.constant dense<2.0> : tensor<f32>
    %b = jaxr.broadcast_in_dim %two, dims = [] : tensor<f32> -> tensor<4xf32>
    %m = jaxr.mul %x, %b : tensor<4xf32>
    jaxr.yield %m : tensor<4xf32>
  }, {
    %two = jaxr.constant dense<2.0> : tensor<f32>
    %b = jaxr.broadcast_in_dim %two, dims = [] : tensor<f32> -> tensor<4xf32>
    %a = jaxr.add %x, %b : tensor<4xf32>
    jaxr.yield %a : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// A carry the body yields unchanged is its initial value; a carry nothing
// needs goes. The counter is used by the condition: it stays.
// CHECK-LABEL: func.func @invariant_and_dead_carries(
// CHECK: %[[R:.*]]:2 = jaxr.while(%{{.*}}, %arg1) : tensor<i32>, tensor<4xf32> cond {
// CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i32>, %[[V:.*]]: tensor<4xf32>):
// CHECK: } body {
// CHECK-NEXT: ^bb0(%[[I2:.*]]: tensor<i32>, %[[V2:.*]]: tensor<4xf32>):
// CHECK: jaxr.mul %[[V2]], %arg0
// CHECK-NOT: jaxr.sin
// CHECK: return %[[R]]#1, %arg0
func.func @invariant_and_dead_carries(%a: tensor<4xf32>, %x: tensor<4xf32>, %d: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %zero = jaxr.constant dense<0> : tensor<i32>
  %n = jaxr.constant dense<10> : tensor<i32>
  %r:4 = jaxr.while (%zero, %x, %a, %d) : tensor<i32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  cond {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>, %k: tensor<4xf32>, %dd: tensor<4xf32>):
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>, %k: tensor<4xf32>, %dd: tensor<4xf32>):
    %one = jaxr.constant dense<1> : tensor<i32>
    %j = jaxr.add %i, %one : tensor<i32>
    %w = jaxr.mul %v, %k : tensor<4xf32>
    %s = jaxr.sin %dd : tensor<4xf32>
    jaxr.yield %j, %w, %k, %s : tensor<i32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  }
  return %r#1, %r#2 : tensor<4xf32>, tensor<4xf32>
}

// -----

// A carry only the condition reads is not dead; nor is a carry that feeds
// a live one, nor one an op with side effects reads.
// CHECK-LABEL: func.func @live_carries(
// CHECK: jaxr.while(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : tensor<i32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
// CHECK: "test.effect"
func.func @live_carries(%x: tensor<4xf32>) -> tensor<4xf32> {
  %zero = jaxr.constant dense<0> : tensor<i32>
  %r:4 = jaxr.while (%zero, %x, %x, %x) : tensor<i32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  cond {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>, %u: tensor<4xf32>, %e: tensor<4xf32>):
    %n = jaxr.constant dense<10> : tensor<i32>
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>, %u: tensor<4xf32>, %e: tensor<4xf32>):
    %one = jaxr.constant dense<1> : tensor<i32>
    %j = jaxr.add %i, %one : tensor<i32>
    %w = jaxr.mul %v, %u : tensor<4xf32>
    %u2 = jaxr.sin %u : tensor<4xf32>
    "test.effect"(%e) : (tensor<4xf32>) -> ()
    %e2 = jaxr.cos %e : tensor<4xf32>
    jaxr.yield %j, %w, %u2, %e2 : tensor<i32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  }
  return %r#1 : tensor<4xf32>
}

// -----

// Loop-invariant code: pure ops whose operands are defined outside the loop
// move before it (chains too, constants too); ops on carries and ops with
// side effects stay.
// CHECK-LABEL: func.func @licm(
// CHECK: %[[E:.*]] = jaxr.exp %arg0
// CHECK-NEXT: %[[T:.*]] = jaxr.tanh %[[E]]
// CHECK: jaxr.while
// CHECK: } body {
// CHECK-NOT: jaxr.exp
// CHECK-NOT: jaxr.tanh
// CHECK: "test.op"(%arg0)
// CHECK: jaxr.mul %{{.*}}, %[[T]]
func.func @licm(%a: tensor<4xf32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %zero = jaxr.constant dense<0> : tensor<i32>
  %r:2 = jaxr.while (%zero, %x) : tensor<i32>, tensor<4xf32>
  cond {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>):
    %n = jaxr.constant dense<10> : tensor<i32>
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %v: tensor<4xf32>):
    %one = jaxr.constant dense<1> : tensor<i32>
    %j = jaxr.add %i, %one : tensor<i32>
    %e = jaxr.exp %a : tensor<4xf32>
    %t = jaxr.tanh %e : tensor<4xf32>
    %s = "test.op"(%a) : (tensor<4xf32>) -> tensor<4xf32>
    %w = jaxr.mul %v, %t : tensor<4xf32>
    %w2 = jaxr.add %w, %s : tensor<4xf32>
    jaxr.yield %j, %w2 : tensor<i32>, tensor<4xf32>
  }
  return %r#1 : tensor<4xf32>
}

// -----

// Two counters with the same start and the same step are one.
// CHECK-LABEL: func.func @duplicate_carries(
// CHECK: %[[R:.*]]:2 = jaxr.while(%{{.*}}, %arg0) : tensor<i32>, tensor<4xf32>
// CHECK: return %[[R]]#1, %[[R]]#0
func.func @duplicate_carries(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<i32>) {
  %zero = jaxr.constant dense<0> : tensor<i32>
  %one = jaxr.constant dense<1> : tensor<i32>
  %r:3 = jaxr.while (%zero, %zero, %x) : tensor<i32>, tensor<i32>, tensor<4xf32>
  cond {
  ^bb0(%i: tensor<i32>, %k: tensor<i32>, %v: tensor<4xf32>):
    %n = jaxr.constant dense<10> : tensor<i32>
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %k: tensor<i32>, %v: tensor<4xf32>):
    %j = jaxr.add %i, %one : tensor<i32>
    %l = jaxr.add %k, %one : tensor<i32>
    %f = jaxr.convert_element_type %k : tensor<i32> -> tensor<f32>
    %b = jaxr.broadcast_in_dim %f, dims = [] : tensor<f32> -> tensor<4xf32>
    %w = jaxr.mul %v, %b : tensor<4xf32>
    jaxr.yield %j, %l, %w : tensor<i32>, tensor<i32>, tensor<4xf32>
  }
  return %r#2, %r#1 : tensor<4xf32>, tensor<i32>
}

// -----

// Counters with different steps are not merged.
// CHECK-LABEL: func.func @different_carries(
// CHECK: jaxr.while(%{{.*}}, %{{.*}}, %arg0) : tensor<i32>, tensor<i32>, tensor<4xf32>
func.func @different_carries(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<i32>) {
  %zero = jaxr.constant dense<0> : tensor<i32>
  %one = jaxr.constant dense<1> : tensor<i32>
  %two = jaxr.constant dense<2> : tensor<i32>
  %r:3 = jaxr.while (%zero, %zero, %x) : tensor<i32>, tensor<i32>, tensor<4xf32>
  cond {
  ^bb0(%i: tensor<i32>, %k: tensor<i32>, %v: tensor<4xf32>):
    %n = jaxr.constant dense<10> : tensor<i32>
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %k: tensor<i32>, %v: tensor<4xf32>):
    %j = jaxr.add %i, %one : tensor<i32>
    %l = jaxr.add %k, %two : tensor<i32>
    %w = jaxr.mul %v, %v : tensor<4xf32>
    jaxr.yield %j, %l, %w : tensor<i32>, tensor<i32>, tensor<4xf32>
  }
  return %r#2, %r#1 : tensor<4xf32>, tensor<i32>
}

// -----

// Ops with side effects in an unused branch result are kept.
// CHECK-LABEL: func.func @effects_kept(
// CHECK: jaxr.cond
// CHECK: "test.effect"
func.func @effects_kept(%p: tensor<i1>, %x: tensor<4xf32>) {
  %0 = jaxr.cond %p : tensor<i1> -> (tensor<4xf32>) {
    %n = "test.effect"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    jaxr.yield %n : tensor<4xf32>
  }, {
    jaxr.yield %x : tensor<4xf32>
  }
  return
}

// -----

// An op every branch computes identically from outside values is computed
// once, before the cond; an op only some branches compute stays in them.
// CHECK-LABEL: func.func @common_ops(
// CHECK: %[[B:.*]] = jaxr.broadcast_in_dim %arg2
// CHECK-NEXT: jaxr.cond
// CHECK-NEXT: jaxr.tanh
// CHECK-NEXT: jaxr.mul %{{.*}}, %[[B]]
// CHECK: }, {
// CHECK-NEXT: jaxr.sub %arg1, %[[B]]
// CHECK: }, {
// CHECK-NEXT: jaxr.exp %arg1
// CHECK-NEXT: jaxr.add %{{.*}}, %[[B]]
// CHECK-NOT: jaxr.broadcast_in_dim
func.func @common_ops(%i: tensor<i32>, %x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf32> {
  %0 = jaxr.cond %i : tensor<i32> -> (tensor<4xf32>) {
    %t = jaxr.tanh %x : tensor<4xf32>
    %b = jaxr.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<4xf32>
    %m = jaxr.mul %t, %b : tensor<4xf32>
    jaxr.yield %m : tensor<4xf32>
  }, {
    %b = jaxr.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<4xf32>
    %m = jaxr.sub %x, %b : tensor<4xf32>
    jaxr.yield %m : tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    %b = jaxr.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<4xf32>
    %m = jaxr.add %e, %b : tensor<4xf32>
    jaxr.yield %m : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @not_common(
// CHECK: jaxr.cond
// CHECK-NEXT: jaxr.tanh %arg1
// CHECK: }, {
// CHECK-NEXT: jaxr.exp %arg1
func.func @not_common(%p: tensor<i1>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.cond %p : tensor<i1> -> (tensor<4xf32>) {
    %t = jaxr.tanh %x : tensor<4xf32>
    jaxr.yield %t : tensor<4xf32>
  }, {
    %e = jaxr.exp %x : tensor<4xf32>
    jaxr.yield %e : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// Unread slot writes: the buffer's row 3 - i is read, then zeroed; no
// later iteration reads that row again and the buffer is not returned, so
// the write goes, and with it the carry.
// CHECK-LABEL: func.func @unread_slot_write(
// CHECK: jaxr.while(%{{.*}}, %{{.*}}) : tensor<i32>, tensor<3xf32> cond
// CHECK-NOT: jaxr.dynamic_update_slice
// CHECK: jaxr.dynamic_slice %arg0
// CHECK-NOT: jaxr.dynamic_update_slice
// CHECK: return
func.func @unread_slot_write(%g: tensor<4x3xf32>) -> tensor<3xf32> {
  %zero = jaxr.constant dense<0> : tensor<i32>
  %acc = jaxr.constant dense<0.0> : tensor<3xf32>
  %r:3 = jaxr.while(%zero, %acc, %g) : tensor<i32>, tensor<3xf32>, tensor<4x3xf32> cond {
  ^bb0(%i: tensor<i32>, %a: tensor<3xf32>, %b: tensor<4x3xf32>):
    %n = jaxr.constant dense<4> : tensor<i32>
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %a: tensor<3xf32>, %b: tensor<4x3xf32>):
    %one = jaxr.constant dense<1> : tensor<i32>
    %last = jaxr.constant dense<3> : tensor<i32>
    %z = jaxr.constant dense<0> : tensor<i32>
    %row = jaxr.sub %last, %i : tensor<i32>
    %s = jaxr.dynamic_slice %b[%row, %z] sizes = [1, 3] : (tensor<4x3xf32>, tensor<i32>, tensor<i32>) -> tensor<1x3xf32>
    %v = jaxr.reshape %s : tensor<1x3xf32> -> tensor<3xf32>
    %a2 = jaxr.add %a, %v : tensor<3xf32>
    %zeros = jaxr.constant dense<0.0> : tensor<1x3xf32>
    %b2 = jaxr.dynamic_update_slice %b, %zeros[%row, %z] : (tensor<4x3xf32>, tensor<1x3xf32>, tensor<i32>, tensor<i32>) -> tensor<4x3xf32>
    %next = jaxr.add %i, %one : tensor<i32>
    jaxr.yield %next, %a2, %b2 : tensor<i32>, tensor<3xf32>, tensor<4x3xf32>
  }
  return %r#1 : tensor<3xf32>
}

// -----

// Kept: the row read is not the row written (i + 1 is read, i written),
// so a later iteration reads what an earlier one wrote.
// CHECK-LABEL: func.func @slot_read_later(
// CHECK: jaxr.dynamic_update_slice
func.func @slot_read_later(%g: tensor<5x3xf32>) -> tensor<3xf32> {
  %zero = jaxr.constant dense<0> : tensor<i32>
  %acc = jaxr.constant dense<0.0> : tensor<3xf32>
  %r:3 = jaxr.while(%zero, %acc, %g) : tensor<i32>, tensor<3xf32>, tensor<5x3xf32> cond {
  ^bb0(%i: tensor<i32>, %a: tensor<3xf32>, %b: tensor<5x3xf32>):
    %n = jaxr.constant dense<4> : tensor<i32>
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %a: tensor<3xf32>, %b: tensor<5x3xf32>):
    %one = jaxr.constant dense<1> : tensor<i32>
    %z = jaxr.constant dense<0> : tensor<i32>
    %up = jaxr.add %i, %one : tensor<i32>
    %s = jaxr.dynamic_slice %b[%up, %z] sizes = [1, 3] : (tensor<5x3xf32>, tensor<i32>, tensor<i32>) -> tensor<1x3xf32>
    %v = jaxr.reshape %s : tensor<1x3xf32> -> tensor<3xf32>
    %a2 = jaxr.add %a, %v : tensor<3xf32>
    %w = jaxr.constant dense<7.0> : tensor<1x3xf32>
    %b2 = jaxr.dynamic_update_slice %b, %w[%i, %z] : (tensor<5x3xf32>, tensor<1x3xf32>, tensor<i32>, tensor<i32>) -> tensor<5x3xf32>
    %next = jaxr.add %i, %one : tensor<i32>
    jaxr.yield %next, %a2, %b2 : tensor<i32>, tensor<3xf32>, tensor<5x3xf32>
  }
  return %r#1 : tensor<3xf32>
}

// -----

// Kept: the buffer is returned.
// CHECK-LABEL: func.func @slot_buffer_returned(
// CHECK: jaxr.dynamic_update_slice
func.func @slot_buffer_returned(%g: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %zero = jaxr.constant dense<0> : tensor<i32>
  %r:2 = jaxr.while(%zero, %g) : tensor<i32>, tensor<4x3xf32> cond {
  ^bb0(%i: tensor<i32>, %b: tensor<4x3xf32>):
    %n = jaxr.constant dense<4> : tensor<i32>
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %b: tensor<4x3xf32>):
    %one = jaxr.constant dense<1> : tensor<i32>
    %z = jaxr.constant dense<0> : tensor<i32>
    %w = jaxr.constant dense<0.0> : tensor<1x3xf32>
    %b2 = jaxr.dynamic_update_slice %b, %w[%i, %z] : (tensor<4x3xf32>, tensor<1x3xf32>, tensor<i32>, tensor<i32>) -> tensor<4x3xf32>
    %next = jaxr.add %i, %one : tensor<i32>
    jaxr.yield %next, %b2 : tensor<i32>, tensor<4x3xf32>
  }
  return %r#1 : tensor<4x3xf32>
}
