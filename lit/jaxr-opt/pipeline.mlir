// Upstream passes run on jaxr next to convert-jaxr-to-stablehlo in one
// pipeline: inline folds the private helper into @main, cse merges the
// duplicate jaxr ops, canonicalize drops dead (pure) jaxr ops and symbol-dce
// removes the helper once nothing calls it.
//
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(inline, canonicalize, cse, symbol-dce)' \
// RUN:   | FileCheck %s --check-prefix=JAXR
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(inline, canonicalize, cse, symbol-dce, convert-jaxr-to-stablehlo)' \
// RUN:   | FileCheck %s --check-prefix=HLO --implicit-check-not=jaxr. --implicit-check-not=call
// Each pass alone.
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(inline)' | FileCheck %s --check-prefix=INLINE
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(cse)' | FileCheck %s --check-prefix=CSE
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(symbol-dce)' | FileCheck %s --check-prefix=DCE
// A nested pipeline on func.func works too.
// RUN: jaxr-opt %s --pass-pipeline='builtin.module(func.func(cse, canonicalize))' | FileCheck %s --check-prefix=CSE

func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jaxr.exp %x : tensor<4xf32>
  %1 = jaxr.exp %x : tensor<4xf32>
  %2 = jaxr.add %0, %1 : tensor<4xf32>
  return %2 : tensor<4xf32>
}

func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = call @helper(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = jaxr.neg %0 : tensor<4xf32>
  %2 = jaxr.neg %0 : tensor<4xf32>
  %3 = jaxr.mul %1, %2 : tensor<4xf32>
  %unused = jaxr.sin %x : tensor<4xf32>
  return %3 : tensor<4xf32>
}

// JAXR-NOT: @helper
// JAXR-LABEL: func.func @main
// JAXR-SAME: (%[[X:.*]]: tensor<4xf32>)
// JAXR-NEXT: %[[E:.*]] = jaxr.exp %[[X]] : tensor<4xf32>
// JAXR-NEXT: %[[S:.*]] = jaxr.add %[[E]], %[[E]] : tensor<4xf32>
// JAXR-NEXT: %[[N:.*]] = jaxr.neg %[[S]] : tensor<4xf32>
// JAXR-NEXT: %[[M:.*]] = jaxr.mul %[[N]], %[[N]] : tensor<4xf32>
// JAXR-NEXT: return %[[M]] : tensor<4xf32>
// JAXR-NEXT: }
// JAXR-NOT: @helper
// JAXR-NOT: jaxr.sin

// HLO-NOT: @helper
// HLO-LABEL: func.func @main
// HLO-SAME: (%[[X:.*]]: tensor<4xf32>)
// HLO-NEXT: %[[E:.*]] = stablehlo.exponential %[[X]] : tensor<4xf32>
// HLO-NEXT: %[[S:.*]] = stablehlo.add %[[E]], %[[E]] : tensor<4xf32>
// HLO-NEXT: %[[N:.*]] = stablehlo.negate %[[S]] : tensor<4xf32>
// HLO-NEXT: %[[M:.*]] = stablehlo.multiply %[[N]], %[[N]] : tensor<4xf32>
// HLO-NEXT: return %[[M]] : tensor<4xf32>
// HLO-NOT: @helper
// HLO-NOT: sine

// inline alone inlines the call and erases the private helper it no longer
// needs (its simplification pipeline also drops the dead jaxr.sin), but does
// not merge duplicates.
// INLINE-NOT: @helper
// INLINE-LABEL: func.func @main
// INLINE-NOT: call
// INLINE: jaxr.exp
// INLINE-NEXT: jaxr.exp
// INLINE-NEXT: jaxr.add
// INLINE-NEXT: jaxr.neg
// INLINE-NEXT: jaxr.neg
// INLINE-NEXT: jaxr.mul
// INLINE-NEXT: return
// INLINE-NOT: @helper

// cse alone merges duplicates within each function but keeps the call.
// CSE-LABEL: func.func private @helper
// CSE-NEXT: %[[E:.*]] = jaxr.exp
// CSE-NEXT: jaxr.add %[[E]], %[[E]]
// CSE-LABEL: func.func @main
// CSE-NEXT: %[[C:.*]] = call @helper
// CSE-NEXT: %[[N:.*]] = jaxr.neg %[[C]]
// CSE-NEXT: jaxr.mul %[[N]], %[[N]]

// symbol-dce keeps a private function that is still called.
// DCE: func.func private @helper
// DCE: func.func @main
// DCE: call @helper
