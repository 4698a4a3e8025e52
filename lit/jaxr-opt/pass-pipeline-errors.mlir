// Bad pass pipelines are rejected before anything runs, with a message that
// names the culprit; the exit code is 1 and nothing is printed to stdout.
//
// An option for convert-jaxr-to-stablehlo, which takes none:
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo{foo=1})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OPTION
// A bare flag is an option too:
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(canonicalize, convert-jaxr-to-stablehlo{foo})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FLAG
// An unknown option of an upstream pass:
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(cse{bogus=1})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UPSTREAM
// An unknown pass:
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(convert-jaxr-to-nothing)' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN
// A pipeline without its anchor op:
// RUN: not jaxr-opt %s --pass-pipeline='convert-jaxr-to-stablehlo' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ANCHOR
// Nothing reaches stdout:
// RUN: not jaxr-opt %s --pass-pipeline='builtin.module(convert-jaxr-to-stablehlo{foo=1})' 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=STDOUT --allow-empty

// OPTION: error: invalid pass pipeline 'builtin.module(convert-jaxr-to-stablehlo{foo=1})'
// OPTION: pass 'convert-jaxr-to-stablehlo' takes no options, found 'foo'

// FLAG: pass 'convert-jaxr-to-stablehlo' takes no options, found 'foo'

// UPSTREAM: error: invalid pass pipeline
// UPSTREAM: bogus

// UNKNOWN: error: invalid pass pipeline
// UNKNOWN: 'convert-jaxr-to-nothing' does not refer to a registered pass or pass pipeline

// ANCHOR: error: invalid pass pipeline 'convert-jaxr-to-stablehlo'
// ANCHOR: expected pass pipeline to be wrapped with the anchor operation type

// STDOUT-NOT: module

func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = jaxr.neg %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
