// A module that JAX's jit partitioned (mhlo.num_partitions, GSPMD
// mhlo.sharding on main's arguments and results) runs split over that many
// devices: jaxr-run gives each device its shard of the global inputs,
// XLA's SPMD partitioner splits the program, and the results are gathered
// back into global arrays.
//
// Rows over 8 devices: the total needs an all-reduce across them.
// RUN: jaxr-run %S/Inputs/sharded-rows.mlir --devices=8 --verbose \
// RUN:   --input='8x4xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32' \
// RUN:   --input='4x2xf32=1 0 0 1 1 0 0 1' 2>&1 | FileCheck %s --check-prefix=ROWS
// ROWS: jaxr-run: compiled for 8 devices: 8 SPMD partitions
// ROWS: result[0]: tensor<f32> = 528
// ROWS-NEXT: result[1]: tensor<8x2xf32> = {{\[}}[4, 6], [12, 14], [20, 22], [28, 30], [36, 38], [44, 46], [52, 54], [60, 62]]
//
// --per-device: each device's shards instead of the gathered results.
// RUN: jaxr-run %S/Inputs/sharded-rows.mlir --devices=8 --per-device \
// RUN:   --input='8x4xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32' \
// RUN:   --input='4x2xf32=1 0 0 1 1 0 0 1' | FileCheck %s --check-prefix=PER-DEVICE
// PER-DEVICE: result[0] device[0]: tensor<f32> = 528
// PER-DEVICE: result[0] device[7]: tensor<f32> = 528
// PER-DEVICE-NEXT: result[1] device[0]: tensor<1x2xf32> = {{\[}}[4, 6]]
// PER-DEVICE-NEXT: result[1] device[1]: tensor<1x2xf32> = {{\[}}[12, 14]]
// PER-DEVICE: result[1] device[7]: tensor<1x2xf32> = {{\[}}[60, 62]]
// RUN: not jaxr-run %S/Inputs/functions.mlir --per-device --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=ONE-DEVICE
// ONE-DEVICE: jaxr-run: error: --per-device needs a module split over devices (mhlo.num_partitions > 1)
//
// A 2 x 4 mesh, with a transposed iota tile assignment and replicated tiles
// (numpy gives x @ w = [[26, 30], [4, 2], [4, 2], [6, 6]]).
// RUN: jaxr-run %S/Inputs/sharded-mesh.mlir --devices=8 \
// RUN:   --input='4x8xf32=1 2 3 4 5 6 7 8 0 1 0 1 0 1 0 1 2 0 0 0 0 0 0 2 1 1 1 1 1 1 1 1' \
// RUN:   --input='8x2xf32=1 0 0 1 1 1 2 0 0 2 1 0 0 1 1 1' | FileCheck %s --check-prefix=MESH
// MESH: result[0]: tensor<4x2xf32> = {{\[}}[26, 30], [4, 2], [4, 2], [6, 6]]
//
// The same matmul in Shardy's form (sdy.mesh, sdy.sharding; JAX's default):
// the same shards and the same result.
// RUN: jaxr-run %S/Inputs/sharded-mesh-shardy.mlir --devices=8 --verbose \
// RUN:   --input='4x8xf32=1 2 3 4 5 6 7 8 0 1 0 1 0 1 0 1 2 0 0 0 0 0 0 2 1 1 1 1 1 1 1 1' \
// RUN:   --input='8x2xf32=1 0 0 1 1 1 2 0 0 2 1 0 0 1 1 1' 2>&1 | FileCheck %s --check-prefix=SHARDY
// SHARDY: jaxr-run: compiled for 8 devices: 8 SPMD partitions
// SHARDY: result[0]: tensor<4x2xf32> = {{\[}}[26, 30], [4, 2], [4, 2], [6, 6]]
// RUN: jaxr-run %S/Inputs/sharded-mesh-shardy.mlir --devices=8 --per-device \
// RUN:   --input='4x8xf32=1 2 3 4 5 6 7 8 0 1 0 1 0 1 0 1 2 0 0 0 0 0 0 2 1 1 1 1 1 1 1 1' \
// RUN:   --input='8x2xf32=1 0 0 1 1 1 2 0 0 2 1 0 0 1 1 1' | FileCheck %s --check-prefix=SHARDY-PER-DEVICE
// SHARDY-PER-DEVICE: result[0] device[0]: tensor<2x2xf32> = {{\[}}[26, 30], [4, 2]]
// SHARDY-PER-DEVICE: result[0] device[4]: tensor<2x2xf32> = {{\[}}[4, 2], [6, 6]]
//
// An unannotated result of a partitioned module is replicated: read whole.
// RUN: jaxr-run %S/Inputs/sharded-shardy-unannotated.mlir --devices=4 \
// RUN:   --input='8x3xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24' | FileCheck %s --check-prefix=UNANNOTATED
// UNANNOTATED: result[0]: tensor<8x3xf32> = {{\[}}[1, 4, 9], [16, 25, 36], [49, 64, 81], [100, 121, 144], [169, 196, 225], [256, 289, 324], [361, 400, 441], [484, 529, 576]]
//
// A Shardy argument on an undeclared mesh, and one that does not split evenly.
// RUN: not jaxr-run %S/Inputs/sharded-shardy-errors.mlir --devices=4 --input='8x2xf32=1' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SHARDY-MESH
// SHARDY-MESH: sharded-shardy-errors.mlir:4:3: error: 'func.func' op argument 0: unknown mesh @other: the module declares no 'sdy.mesh @other'
// RUN: not jaxr-run %S/Inputs/sharded-shardy-uneven.mlir --devices=4 --input='6x2xf32=1' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SHARDY-UNEVEN
// SHARDY-UNEVEN: sharded-shardy-uneven.mlir:4:3: error: argument 0 (sharding #sdy.sharding<@mesh, [{"data"}, {}]>): dimension 0 of size 6 does not split into 4 equal blocks
//
// Fewer devices than partitions, an uneven split and replicas are refused.
// RUN: not jaxr-run %S/Inputs/sharded-rows.mlir --devices=4 --input='8x4xf32=1' --input='4x2xf32=1' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FEW
// FEW: jaxr-run: error: unsupported: the module asks for 8 devices (1 replicas x 8 partitions), but the client has 4 (more CPU devices: --devices=N)
// RUN: not jaxr-run %S/Inputs/sharded-uneven.mlir --devices=4 --input='6x2xf32=1' 2>&1 | FileCheck %s --check-prefix=UNEVEN
// UNEVEN: sharded-uneven.mlir:2:3: error: argument 0 (sharding {devices=[4,1]<=[4]}): dimension 0 of size 6 does not split into 4 equal blocks
// RUN: not jaxr-run %S/Inputs/sharded-negative.mlir --devices=2 --input='4x4xf32=1' 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: error: argument 0: sharding "{devices=[-1,-1]<=[1]}": every tile dimension must be at least 1
// RUN: not jaxr-run %S/Inputs/replicas.mlir --devices=2 --input='2xf32=1' 2>&1 | FileCheck %s --check-prefix=REPLICAS
// REPLICAS: error: the module has mhlo.num_replicas = 2: replicated programs
