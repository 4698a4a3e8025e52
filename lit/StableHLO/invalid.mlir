// Malformed pretty StableHLO: jaxr's reader reports each error at its line
// and column, and --verify-diagnostics matches them like MLIR's own errors.
//
// RUN: jaxr-opt %s --split-input-file --verify-diagnostics
// The same errors without --verify-diagnostics: `file:line:col: error:`, the
// source line and a caret, exit code 1.
// RUN: not jaxr-opt %s --split-input-file 2>&1 | FileCheck %s --check-prefix=POS --strict-whitespace --match-full-lines
// A wrong expectation on a reader error is caught.
// RUN: not jaxr-opt %S/Inputs/invalid-mismatch.mlir --split-input-file --verify-diagnostics 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISMATCH
// MISMATCH: invalid-mismatch.mlir:3:8: error: unexpected error: unknown operation 'stablehlo.frobnicate'
// MISMATCH: invalid-mismatch.mlir:2:6: error: expected error "this is not what the reader says" was not produced
// MISMATCH: invalid-mismatch.mlir:11:22: error: unexpected error: use of undefined SSA value '%y'
// MISMATCH: invalid-mismatch.mlir:10:6: error: expected error "use of undefined SSA value '%y'" was not produced

func.func @unknown_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{unknown operation 'stablehlo.frobnicate'}}
  %0 = stablehlo.frobnicate %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:8: error: unknown operation 'stablehlo.frobnicate' in the pretty syntax{{.*}}
// POS-NEXT:  %0 = stablehlo.frobnicate %x : tensor<4xf32>
// POS-NEXT:       ^

// -----

// An unknown op in the generic form is an error too: stablehlo is a
// registered dialect, which knows all its ops.
func.func @unknown_generic_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{unregistered operation 'stablehlo.frobnicate' found in dialect ('stablehlo') that does not allow unknown operations}}
  %0 = "stablehlo.frobnicate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:8: error: unregistered operation 'stablehlo.frobnicate' found in dialect ('stablehlo') that does not allow unknown operations

// -----

func.func @missing_operand(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.add' takes 2 operand(s), found 1}}
  %0 = stablehlo.add %x, : tensor<4xf32>
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:22: error: 'stablehlo.add' takes 2 operand(s), found 1
// POS-NEXT:  %0 = stablehlo.add %x, : tensor<4xf32>
// POS-NEXT:                     ^

// -----

func.func @missing_operand_of_select(%p: tensor<4xi1>, %x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{2 operands present, but expected 3}}
  %0 = stablehlo.select %p, %x : tensor<4xi1>, tensor<4xf32>
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:34: error: 2 operands present, but expected 3

// -----

func.func @unclosed_type(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{malformed type: mismatched '}': expected '>' to close the '<' at}}
  %0 = stablehlo.abs %x : tensor<4xf32
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:27: error: malformed type: mismatched '}': expected '>' to close the '<' at [[# @LINE - 3]]:33

// -----

func.func @not_a_type(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected type, found '42'}}
  %0 = stablehlo.abs %x : 42
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:27: error: expected type, found '42'

// -----

func.func @operand_type_count(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{2 operands present, but expected 1}}
  %0 = stablehlo.add %x, %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:31: error: 2 operands present, but expected 1

// -----

// The end of the chunk is reported at the first line after it, the `// -----`
// separator, which an `@below` expectation on the chunk's last line names.
func.func @unterminated_region(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.abs %x : tensor<4xf32>
  return %0 : tensor<4xf32>
// expected-error @below {{unexpected end of input: expected '}' to close the region opened at}}
// -----
// POS:{{.*}}invalid.mlir:[[# @LINE - 1]]:1: error: unexpected end of input: expected '}' to close the region opened at [[# @LINE - 5]]:68
// POS-NEXT:// -----
// POS-NEXT:^

func.func @unterminated_while(%x: tensor<f32>) -> tensor<f32> {
  %0 = stablehlo.while(%i = %x) : tensor<f32>
  cond {
    %c = stablehlo.constant dense<true> : tensor<i1>
    stablehlo.return %c : tensor<i1>
  } do {
    stablehlo.return %i : tensor<f32>
// expected-error @below {{unexpected end of input: expected '}' to close the region opened at}}
// -----
// POS:{{.*}}invalid.mlir:[[# @LINE - 1]]:1: error: unexpected end of input: expected '}' to close the region opened at [[# @LINE - 4]]:8

func.func @result_count(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{operation defines 1 results but was provided 2 to bind}}
  %0:2 = stablehlo.abs %x : tensor<4xf32>
  return %0#0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:3: error: operation defines 1 results but was provided 2 to bind
// POS-NEXT:  %0:2 = stablehlo.abs %x : tensor<4xf32>
// POS-NEXT:  ^

// -----

func.func @result_number(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.abs %x : tensor<4xf32>
  // expected-error @+1 {{result number 1 is out of range: '%0' binds 1 result(s)}}
  return %0#1 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 2]]:10: error: result number 1 is out of range: '%0' binds 1 result(s)

// -----

func.func @undefined_value(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{use of undefined SSA value '%y'}}
  %0 = stablehlo.abs %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:22: error: use of undefined SSA value '%y'
// POS-NEXT:  %0 = stablehlo.abs %y : tensor<4xf32>
// POS-NEXT:                     ^

// -----

func.func @redefinition(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.abs %x : tensor<4xf32>
  // expected-error @+1 {{redefinition of SSA value '%0'}}
  %0 = stablehlo.negate %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:3: error: redefinition of SSA value '%0'

// -----

// A value of another function is not visible.
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func @g() -> tensor<4xf32> {
  // expected-error @+1 {{use of undefined SSA value '%x'}}
  %0 = stablehlo.abs %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:22: error: use of undefined SSA value '%x'

// -----

func.func @missing_colon_in_compare(%x: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{expected ':'}}
  %0 = stablehlo.compare LT, %x, %x, FLOAT (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:44: error: expected ':', found '('

// -----

func.func @bad_dims_list(%x: tensor<4xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{expected integer, found ':'}}
  %0 = stablehlo.broadcast_in_dim %x, dims = [0, : (tensor<4xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:50: error: expected integer, found ':'

// -----

func.func @bad_dims_entry(%x: tensor<4x2xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{expected integer, found 'a'}}
  %0 = stablehlo.transpose %x, dims = [1, a] : (tensor<4x2xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:43: error: expected integer, found 'a'

// -----

func.func @bad_slice_stride(%x: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{expected integer, found ']'}}
  %0 = stablehlo.slice %x [0:2:] : (tensor<4xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:32: error: expected integer, found ']'

// -----

func.func @non_commutative_compact_reduce(%x: tensor<6x5xf32>) -> tensor<6xf32> {
  %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
  // expected-error @+1 {{expected the inner-op to be a commutative binary-op from the stablehlo dialect, with zero region, producing single result}}
  %0 = stablehlo.reduce(%x init: %cst) applies stablehlo.subtract across dimensions = [1] : (tensor<6x5xf32>, tensor<f32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:48: error: expected the inner-op to be a commutative binary-op from the stablehlo dialect, with zero region, producing single result

// -----

func.func @while_type_count(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{1 operands present, but 2 types given}}
  %0 = stablehlo.while(%i = %x) : tensor<f32>, tensor<f32>
  cond {
    %c = stablehlo.constant dense<true> : tensor<i1>
    stablehlo.return %c : tensor<i1>
  } do {
    stablehlo.return %i : tensor<f32>
  }
  return %0 : tensor<f32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 9]]:35: error: 1 operands present, but 2 types given

// -----

func.func @window_reversal(%x: tensor<2x16x3xf32>, %w: tensor<3x3x4xf32>) -> tensor<2x8x4xf32> {
  // expected-error @+1 {{expected true or false, found 'maybe'}}
  %0 = stablehlo.convolution(%x, %w) dim_numbers = [b, 0, f]x[0, i, o]->[b, 0, f], window = {stride = [2], reverse = [maybe]} : (tensor<2x16x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  return %0 : tensor<2x8x4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:119: error: expected true or false, found 'maybe'

// -----

func.func @bad_constant(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected a typed constant value such as dense<1.0> : tensor<f32>}}
  %0 = stablehlo.constant dense<1.0>
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 3]]:27: error: expected a typed constant value such as dense<1.0> : tensor<f32>

// -----

// An error MLIR itself finds in the generic text the reader hands it points
// into the pretty source as well.
func.func @type_mismatch(%x: tensor<4xf32>) -> tensor<4xi32> {
  %0 = stablehlo.abs %x : tensor<4xf32>
  // expected-error @+1 {{type of return operand 0 ('tensor<4xf32>') doesn't match function result type ('tensor<4xi32>')}}
  return %0 : tensor<4xf32>
}
// POS:{{.*}}invalid.mlir:[[# @LINE - 2]]:3: error: type of return operand 0 ('tensor<4xf32>') doesn't match function result type ('tensor<4xi32>') in function @type_mismatch
// POS-NEXT:  return %0 : tensor<4xf32>
// POS-NEXT:  ^
