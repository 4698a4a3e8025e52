// Modules exported by JAX (tests/data/corpus) print back byte for byte:
// while loops with calls in their bodies, a convolution's gradient, the
// threefry bit twiddling of jax.random (ui32, `%0:2 = call`, `%0#1`).
//
// RUN: jaxr-opt %S/../../tests/data/corpus/while_bisection/fwd.stablehlo.mlir \
// RUN:   | diff %S/../../tests/data/corpus/while_bisection/fwd.stablehlo.mlir -
// RUN: jaxr-opt %S/../../tests/data/corpus/conv1d_dilated/grad.stablehlo.mlir \
// RUN:   | diff %S/../../tests/data/corpus/conv1d_dilated/grad.stablehlo.mlir -
// RUN: jaxr-opt %S/../../tests/data/corpus/random_uniform_key7/fwd.stablehlo.mlir \
// RUN:   | diff %S/../../tests/data/corpus/random_uniform_key7/fwd.stablehlo.mlir -
//
// The generic twin of a module prints as its pretty text.
// RUN: jaxr-opt %S/../../tests/data/corpus/while_bisection/fwd.generic.mlir \
// RUN:   | diff %S/../../tests/data/corpus/while_bisection/fwd.stablehlo.mlir -
