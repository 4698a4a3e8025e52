// Pass options: a repeated option is refused, naming it; an invalid value
// says so; a side file (jaxr-simplify{dot=FILE}) is written only when the
// whole pipeline succeeds.
//
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{node-limit=1 node-limit=2})' 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: option 'node-limit' of pass 'jaxr-simplify' is given more than once
//
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-vmap{of=twice size=-3})' 2>&1 | FileCheck %s --check-prefix=SIZE
// SIZE: error: jaxr-vmap: of=twice: size=-3 is invalid: the batch size must be a positive integer
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{dot=%t/g.dot}, jaxr-vmap{of=twice size=0})' 2>&1 | FileCheck %s --check-prefix=SIZE0
// SIZE0: size=0 is invalid
// RUN: ls -A %t | count 0
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify{dot=%t/g.dot})' -o /dev/null
// RUN: FileCheck %s --check-prefix=DOT < %t/g.dot
// DOT: digraph
// RUN: ls -A %t | count 1

func.func @twice(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  %1 = jaxr.neg %0 : tensor<2xf32>
  return %1 : tensor<2xf32>
}
