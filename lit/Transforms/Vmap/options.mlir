// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-vmap{of=row in-axes=1,none out-axes=1 size=4})' | FileCheck %s
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-vmap{of=row})' 2>&1 | FileCheck %s --check-prefix=SIZE
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-vmap{of=row in-axes=0,0,0 size=2})' 2>&1 | FileCheck %s --check-prefix=AXES
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(jaxr-vmap{of=nope size=2})' 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// jaxr-vmap{of=F in-axes=... out-axes=... size=N} adds @F_vmap: arguments
// batched at in-axes (none: shared), results at out-axes.

// CHECK-LABEL: func.func @row_vmap(%arg0: tensor<5x4xf32>, %arg1: tensor<5xf32>) -> tensor<5x4xf32>
// CHECK: jaxr.transpose %arg0, perm = [1, 0] : tensor<5x4xf32> -> tensor<4x5xf32>
// CHECK: jaxr.broadcast_in_dim %arg1, dims = [1] : tensor<5xf32> -> tensor<4x5xf32>
// CHECK: jaxr.mul
// CHECK: jaxr.transpose %{{.*}}, perm = [1, 0] : tensor<4x5xf32> -> tensor<5x4xf32>

// SIZE: error: jaxr-vmap: of=row: the batch size is required: size=N
// AXES: error: jaxr-vmap: of=row: in-axes has 3 entries, the function needs 2
// UNKNOWN: error: jaxr-vmap: of=nope: no func.func named '@nope'

func.func @row(%r: tensor<5xf32>, %w: tensor<5xf32>) -> tensor<5xf32> {
  %0 = jaxr.mul %r, %w : tensor<5xf32>
  return %0 : tensor<5xf32>
}
