// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify)' | FileCheck %s
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{stats=true iter-limit=1})' 2>&1 >/dev/null | FileCheck %s --check-prefix=STATS
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{groups=nope})' 2>&1 | FileCheck %s --check-prefix=BADGROUP
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{disable=signs})' | FileCheck %s --check-prefix=NOSIGNS
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{dot=%t.dot})' >/dev/null && FileCheck %s --check-prefix=DOT < %t.dot
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-optimize)' | FileCheck %s --check-prefix=OPT
// Determinism: two runs print the same bytes (tests/suite/simplify.rs also
// compares MLIR threading on and off).
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{fast-math=true})' > %t.a
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{fast-math=true})' > %t.b
// RUN: cmp %t.a %t.b

// Non-jaxr ops stay in place; the jaxr ops around them are rewritten and
// still come after the values they use.
// CHECK-LABEL: func.func @mixed
// CHECK-NEXT: %[[U:.*]] = "stablehlo.abs"(%arg0)
// CHECK-NEXT: %[[A:.*]] = jaxr.add %arg0, %[[U]]
// CHECK-NEXT: return %[[A]]
// NOSIGNS-LABEL: func.func @mixed
// NOSIGNS: jaxr.neg
// NOSIGNS: jaxr.neg
// OPT-LABEL: func.func @mixed
// OPT-NOT: jaxr.neg
func.func @mixed(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.neg %x : tensor<4xf32>
  %1 = jaxr.neg %0 : tensor<4xf32>
  %u = "stablehlo.abs"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = jaxr.neg %u : tensor<4xf32>
  %3 = jaxr.neg %2 : tensor<4xf32>
  %4 = jaxr.add %3, %1 : tensor<4xf32>
  return %4 : tensor<4xf32>
}

// Nothing to gain: the function is kept byte for byte.
// CHECK-LABEL: func.func @kept
// CHECK-NEXT: %[[E:.*]] = jaxr.exp %arg0
// CHECK-NEXT: %[[M:.*]] = jaxr.mul %[[E]], %arg0
// CHECK-NEXT: return %[[M]]
func.func @kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.exp %x : tensor<4xf32>
  %1 = jaxr.mul %0, %x : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// STATS: {"blocks":1,"blocks_skipped":0,"changed":true,{{.*}}"function":"mixed","iterations":1,{{.*}}"ops_after":1,"ops_before":5,"stop_reason":"iteration-limit"}
// STATS: {"blocks":1,"blocks_skipped":0,"changed":false,{{.*}}"function":"kept",{{.*}}"stop_reason":"iteration-limit"}
// The module's totals come last (jaxr-simplify-budget.mlir tests the budget).
// STATS-NEXT: {"blocks":2,"blocks_skipped":0,"budget_exhausted":null,"enodes":{{[1-9][0-9]*}},"functions":2,"functions_changed":1,"functions_simplified":2,"functions_skipped":0,"module":true,"module_node_limit":500000,"module_time_limit":10000,"time_ms":{{[0-9]+}}}
// BADGROUP: unknown rule group 'nope'
// DOT: digraph egraph
