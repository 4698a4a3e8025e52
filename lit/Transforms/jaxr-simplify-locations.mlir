// RUN: jaxr-opt %s --pass-pipeline='builtin.module(jaxr-simplify)' --mlir-print-debuginfo | FileCheck %s

// An op that several original ops merged into carries their fused location;
// one that replaces a single op keeps that op's location.
// CHECK-LABEL: func.func @merged
// CHECK: jaxr.exp %arg0 : tensor<4xf32> loc(#[[FUSED:loc[0-9]+]])
// CHECK: jaxr.add {{.*}} loc(#[[ADD:loc[0-9]+]])
// CHECK-DAG: #[[EXP1:loc[0-9]+]] = loc("{{.*}}jaxr-simplify-locations.mlir":[[# @LINE + 8]]:8)
// CHECK-DAG: #[[EXP2:loc[0-9]+]] = loc("{{.*}}jaxr-simplify-locations.mlir":[[# @LINE + 8]]:8)
// CHECK-DAG: #[[MUL:loc[0-9]+]] = loc("{{.*}}jaxr-simplify-locations.mlir":[[# @LINE + 8]]:8)
// CHECK-DAG: #[[ADD]] = loc("{{.*}}jaxr-simplify-locations.mlir":[[# @LINE + 8]]:8)
// CHECK-DAG: #[[FUSED]] = loc(fused[#[[EXP1]], #[[EXP2]], #[[MUL]]])
func.func @merged(%x: tensor<4xf32>) -> tensor<4xf32> {
  %one = jaxr.constant dense<1.0> : tensor<f32>
  %b = jaxr.broadcast_in_dim %one, dims = [] : tensor<f32> -> tensor<4xf32>
  %a = jaxr.exp %x : tensor<4xf32>
  %c = jaxr.exp %x : tensor<4xf32>
  %m = jaxr.mul %a, %b : tensor<4xf32>
  %s = jaxr.add %m, %c : tensor<4xf32>
  return %s : tensor<4xf32>
}
