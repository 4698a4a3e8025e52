// The module-wide e-graph budget (module-node-limit, module-time-limit):
// every block of every function counts against one budget; once it is spent
// the remaining blocks are left exactly as they are, and stats=true says so.
// The inputs are generated (Inputs/jaxr-simplify-budget.py): products of sums
// that fast-math keeps expanding, each block ending in neg(neg(.)), which
// any saturation removes.

// 20 functions, 2000 e-nodes each at most, 8000 for the module: the first
// functions are simplified, then the budget stops one and skips the rest.
// RUN: python3 %S/Inputs/jaxr-simplify-budget.py funcs 20 5 > %t.funcs.mlir
// RUN: jaxr-opt %t.funcs.mlir --pass-pipeline='builtin.module(jaxr-simplify{fast-math=true node-limit=2000 module-node-limit=8000 stats=true})' > %t.funcs.out 2> %t.funcs.stats
// RUN: FileCheck %s --check-prefix=FUNCS < %t.funcs.out
// RUN: FileCheck %s --check-prefix=FUNCS-STATS < %t.funcs.stats
// RUN: python3 %S/Inputs/jaxr-simplify-budget.py check 8000 < %t.funcs.stats | FileCheck %s --check-prefix=WITHIN
// A node budget is deterministic: the same bytes again.
// RUN: jaxr-opt %t.funcs.mlir --pass-pipeline='builtin.module(jaxr-simplify{fast-math=true node-limit=2000 module-node-limit=8000})' | cmp - %t.funcs.out

// FUNCS-LABEL: func.func @f0
// FUNCS-NOT: jaxr.neg
// FUNCS: return
// FUNCS-LABEL: func.func @f19
// FUNCS: jaxr.neg
// FUNCS-NEXT: jaxr.neg
// FUNCS-NEXT: return

// FUNCS-STATS: "blocks":1,"blocks_skipped":0,"changed":true,{{.*}}"function":"f0",{{.*}}"stop_reason":"node-limit"}
// FUNCS-STATS: "blocks_skipped":0,"changed":true,{{.*}}"stop_reason":"module-node-limit"}
// FUNCS-STATS: "blocks":1,"blocks_skipped":1,"changed":false,{{.*}}"enodes":0,"function":"f19",{{.*}}"stop_reason":"module-node-limit"}
// FUNCS-STATS-NEXT: {"blocks":20,"blocks_skipped":{{[1-9][0-9]*}},"budget_exhausted":"module-node-limit","enodes":{{[0-9]+}},"functions":20,"functions_changed":{{[1-9][0-9]*}},"functions_simplified":{{[1-9][0-9]*}},"functions_skipped":{{[1-9][0-9]*}},"module":true,"module_node_limit":8000,"module_time_limit":10000,"time_ms":{{[0-9]+}}}
// WITHIN: within budget

// One function with nested jaxr.cond: 3 levels, 7 blocks, each its own
// e-graph. Every block counts against the one budget: per-block limits
// alone let the function grow far past it.
// RUN: python3 %S/Inputs/jaxr-simplify-budget.py nested 3 5 > %t.nested.mlir
// RUN: jaxr-opt %t.nested.mlir --pass-pipeline='builtin.module(jaxr-simplify{fast-math=true node-limit=2000 module-node-limit=8000 stats=true})' 2> %t.nested.stats | FileCheck %s --check-prefix=NESTED
// RUN: FileCheck %s --check-prefix=NESTED-STATS < %t.nested.stats
// RUN: python3 %S/Inputs/jaxr-simplify-budget.py check 8000 < %t.nested.stats | FileCheck %s --check-prefix=WITHIN
// RUN: jaxr-opt %t.nested.mlir --pass-pipeline='builtin.module(jaxr-simplify{fast-math=true node-limit=2000 module-node-limit=1000000 stats=true})' 2>&1 >/dev/null | not python3 %S/Inputs/jaxr-simplify-budget.py check 8000 2>&1 | FileCheck %s --check-prefix=OVER
// OVER: e-nodes: over 8000 by more than 5%

// Blocks go innermost first, the entry block last: the budget ends before
// the outer branch and the entry block, which keep their neg(neg(.)).
// NESTED-LABEL: func.func @nested
// NESTED: jaxr.neg
// NESTED-NEXT: jaxr.neg
// NESTED-NEXT: jaxr.yield
// NESTED: jaxr.neg
// NESTED-NEXT: jaxr.neg
// NESTED-NEXT: return
// NESTED-STATS: {"blocks":7,"blocks_skipped":{{[1-9]}},"changed":true,{{.*}}"function":"nested",{{.*}}"stop_reason":"module-node-limit"}
// NESTED-STATS-NEXT: "budget_exhausted":"module-node-limit",{{.*}}"functions":1,{{.*}}"module_node_limit":8000,

// module-time-limit=0: nothing is saturated, the module is printed as it
// was read.
// RUN: jaxr-opt %t.funcs.mlir > %t.plain
// RUN: jaxr-opt %t.funcs.mlir --pass-pipeline='builtin.module(jaxr-simplify{fast-math=true module-time-limit=0 stats=true})' 2> %t.zero.stats | cmp - %t.plain
// RUN: FileCheck %s --check-prefix=ZERO < %t.zero.stats
// ZERO: "function":"f0",{{.*}}"stop_reason":"module-time-limit"}
// ZERO: {"blocks":20,"blocks_skipped":20,"budget_exhausted":"module-time-limit","enodes":0,"functions":20,"functions_changed":0,"functions_simplified":0,"functions_skipped":20,"module":true,"module_node_limit":500000,"module_time_limit":0,

// jaxr-optimize takes the same options; the defaults are 500000 e-nodes and
// 10 seconds, which these small functions do not reach.
// RUN: jaxr-opt %t.funcs.mlir --pass-pipeline='builtin.module(jaxr-optimize{module-node-limit=0 stats=true})' 2>&1 >/dev/null | FileCheck %s --check-prefix=OPT
// RUN: jaxr-opt %t.funcs.mlir --pass-pipeline='builtin.module(jaxr-simplify{stats=true})' 2>&1 >/dev/null | FileCheck %s --check-prefix=DEFAULT
// RUN: not jaxr-opt %t.funcs.mlir --pass-pipeline='builtin.module(jaxr-simplify{module-node-limit=-1})' 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// OPT: "budget_exhausted":"module-node-limit",{{.*}}"functions_simplified":0,"functions_skipped":20,"module":true,"module_node_limit":0,
// DEFAULT: "budget_exhausted":null,{{.*}}"functions_skipped":0,"module":true,"module_node_limit":500000,"module_time_limit":10000,
// NEGATIVE: option 'module-node-limit' must be a non-negative integer
