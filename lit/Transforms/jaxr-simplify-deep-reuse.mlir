// The gradient of a residual chain x = x + tanh(x * w), 1,200 levels deep:
// counted once per use, the tree cost of x doubles per level and passes
// f64's range after about a thousand levels. Extraction then shares each
// value's cost among its users, so the function is still simplified
// (before, it was left as it was while stats said "saturated").
//
// RUN: python3 %S/Inputs/residual-chain.py 1200 > %t.mlir
// RUN: jaxr-opt %t.mlir --pass-pipeline='builtin.module(jaxr-autodiff{grad-of=f simplify=false}, jaxr-simplify{stats=true})' 2>&1 >/dev/null | FileCheck %s
// CHECK: "changed":true,{{.*}}"function":"f_grad",{{.*}}"ops_after":10799,"ops_before":10802
