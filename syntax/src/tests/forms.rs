//! Single pretty forms that the corpus does not cover, and the location
//! handling of the generic output.

use crate::{parse, strip_locations, to_generic, to_generic_without_locations, to_pretty, unpack_i1_hex};

/// `text` parses and prints back unchanged.
fn round_trip(text: &str) {
    let module = parse(text, "t.mlir").unwrap_or_else(|e| panic!("{e}\n{text}"));
    let printed = to_pretty(&module);
    assert_eq!(printed, text, "\n--- printed ---\n{printed}\n--- input ---\n{text}");
    let generic = to_generic(&module, "t.mlir");
    let again = parse(&generic, "g.mlir").unwrap_or_else(|e| panic!("{e}\n{generic}"));
    assert_eq!(strip_locations(&to_pretty(&again)), strip_locations(text), "\n--- generic ---\n{generic}");
}

/// `text` parses and prints as `want`.
fn prints_as(text: &str, want: &str) {
    let module = parse(text, "t.mlir").unwrap_or_else(|e| panic!("{e}\n{text}"));
    let printed = to_pretty(&module);
    assert_eq!(printed, want, "\n--- printed ---\n{printed}");
}

#[test]
fn reduce_with_a_reducer_region() {
    round_trip(
        "module {
  func.func @argmax(%arg0: tensor<4x3xf32>, %arg1: tensor<4x3xi32>) -> (tensor<3xf32>, tensor<3xi32>) {
    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %c = stablehlo.constant dense<0> : tensor<i32>
    %0:2 = stablehlo.reduce(%arg0 init: %cst), (%arg1 init: %c) across dimensions = [0] : (tensor<4x3xf32>, tensor<4x3xi32>, tensor<f32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xi32>)
     reducer(%arg2: tensor<f32>, %arg4: tensor<f32>) (%arg3: tensor<i32>, %arg5: tensor<i32>)  {
      %1 = stablehlo.compare GT, %arg2, %arg4, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %2 = stablehlo.select %1, %arg2, %arg4 : tensor<i1>, tensor<f32>
      %3 = stablehlo.select %1, %arg3, %arg5 : tensor<i1>, tensor<i32>
      stablehlo.return %2, %3 : tensor<f32>, tensor<i32>
    }
    return %0#0, %0#1 : tensor<3xf32>, tensor<3xi32>
  }
}
",
    );
}

#[test]
fn generic_region_ops_inside_a_pretty_module() {
    round_trip(
        "module {
  func.func @sort(%arg0: tensor<5xf32>, %arg1: tensor<i1>) -> tensor<5xf32> {
    %0 = \"stablehlo.sort\"(%arg0) <{dimension = 0 : i64, is_stable = true}> ({
    ^bb0(%arg2: tensor<f32>, %arg3: tensor<f32>):
      %2 = stablehlo.compare LT, %arg2, %arg3, TOTALORDER : (tensor<f32>, tensor<f32>) -> tensor<i1>
      stablehlo.return %2 : tensor<i1>
    }) : (tensor<5xf32>) -> tensor<5xf32>
    %1 = \"stablehlo.if\"(%arg1) ({
      stablehlo.return %0 : tensor<5xf32>
    }, {
      %2 = stablehlo.negate %0 : tensor<5xf32>
      stablehlo.return %2 : tensor<5xf32>
    }) : (tensor<i1>) -> tensor<5xf32>
    return %1 : tensor<5xf32>
  }
}
",
    );
}

#[test]
fn other_pretty_forms() {
    round_trip(
        "module {
  func.func private @forms(%arg0: tensor<2x3xf32>, %arg1: tensor<3x4xf32>, %arg2: tensor<f32>) -> (tensor<2x4xf32>, tensor<2x3xf32>) attributes {jax.test = true} {
    %0 = stablehlo.dot %arg0, %arg1, precision = [HIGHEST, DEFAULT] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    %1 = stablehlo.custom_call @my_target(%arg0, %0) {api_version = 2 : i32, backend_config = \"cfg\", mhlo.frontend_attributes = {x = \"1\"}} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x3xf32>
    %2:2 = stablehlo.optimization_barrier %1, %arg2 : tensor<2x3xf32>, tensor<f32>
    %3 = stablehlo.tuple %2#0, %2#1 : tuple<tensor<2x3xf32>, tensor<f32>>
    %4 = stablehlo.get_tuple_element %3[0] : (tuple<tensor<2x3xf32>, tensor<f32>>) -> tensor<2x3xf32>
    %5 = stablehlo.compare LT, %4, %4 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
    %6 = stablehlo.select %5, %4, %4 : tensor<2x3xi1>, tensor<2x3xf32>
    %7 = stablehlo.is_finite %6 : (tensor<2x3xf32>) -> tensor<2x3xi1>
    %8 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [1] x [0], algorithm = <lhs_precision_type = tf32, rhs_precision_type = tf32, accumulation_type = f32, lhs_component_count = 1, rhs_component_count = 1, num_primitive_operations = 1, allow_imprecise_accumulation = false> : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    %9 = stablehlo.add %8, %0 {mhlo.sharding = \"{replicated}\"} : tensor<2x4xf32>
    %10 = stablehlo.convert %9 : (tensor<2x4xf32>) -> tensor<2x4xf64>
    %11 = chlo.erf %6 : tensor<2x3xf32> -> tensor<2x3xf32>
    %12 = stablehlo.convolution(%arg0, %arg1) dim_numbers = [b, f]x[i, o]->[b, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    return %9, %11 : tensor<2x4xf32>, tensor<2x3xf32>
  }
}
",
    );
}

#[test]
fn while_with_attributes_and_nested_names() {
    round_trip(
        "module @w {
  func.func public @main(%arg0: tensor<i32>) -> tensor<i32> {
    %c = stablehlo.constant dense<0> : tensor<i32>
    %0:2 = stablehlo.while(%iterArg = %c, %iterArg_0 = %arg0) : tensor<i32>, tensor<i32> attributes {mhlo.frontend_attributes = {a = \"b\"}}
    cond {
      %c_1 = stablehlo.constant dense<10> : tensor<i32>
      %1 = stablehlo.compare LT, %iterArg, %c_1, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      stablehlo.return %1 : tensor<i1>
    } do {
      %c_1 = stablehlo.constant dense<1> : tensor<i32>
      %1 = stablehlo.add %iterArg, %c_1 : tensor<i32>
      %2 = stablehlo.multiply %iterArg_0, %iterArg_0 : tensor<i32>
      stablehlo.return %1, %2 : tensor<i32>, tensor<i32>
    }
    return %0#1 : tensor<i32>
  }
}
",
    );
}

#[test]
fn names_and_implicit_module_are_printed_as_mlir_does() {
    prints_as(
        "// a comment
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %one = stablehlo.constant dense<1.0> : tensor<2xf32>
  %sum = \"stablehlo.add\"(%x, %one) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %t = stablehlo.constant dense<true> : tensor<i1>
  %u = \"stablehlo.constant\"() <{value = dense<1> : tensor<i32>}> : () -> tensor<ui32>
  func.return %sum : tensor<2xf32>
}
",
        "module {
  func.func @f(%arg0: tensor<2xf32>) -> tensor<2xf32> {
    %cst = stablehlo.constant dense<1.0> : tensor<2xf32>
    %0 = stablehlo.add %arg0, %cst : tensor<2xf32>
    %c = stablehlo.constant dense<true> : tensor<i1>
    %c_0 = stablehlo.constant() <{value = dense<1> : tensor<i32>}> : () -> tensor<ui32>
    return %0 : tensor<2xf32>
  }
}
",
    );
}

#[test]
fn generic_output_locates_operations_in_the_pretty_source() {
    let text = "func.func @f(%arg0: tensor<4xf32>) -> tensor<f32> {
  %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
  %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32> loc(\"given\":9:9)
}
";
    let module = parse(text, "x.mlir").unwrap_or_else(|e| panic!("{e}"));
    let generic = to_generic(&module, "x.mlir");
    let want = "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (tensor<4xf32>) -> tensor<f32>, sym_name = \"f\"}> ({
  ^bb0(%arg0: tensor<4xf32> loc(\"x.mlir\":1:14)):
    %cst = \"stablehlo.constant\"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32> loc(\"x.mlir\":2:10)
    %0 = \"stablehlo.reduce\"(%arg0, %cst) <{dimensions = array<i64: 0>}> ({
    ^bb0(%r0: tensor<f32> loc(\"x.mlir\":3:8), %r1: tensor<f32> loc(\"x.mlir\":3:8)):
      %r2 = \"stablehlo.add\"(%r0, %r1) : (tensor<f32>, tensor<f32>) -> tensor<f32> loc(\"x.mlir\":3:8)
      \"stablehlo.return\"(%r2) : (tensor<f32>) -> () loc(\"x.mlir\":3:8)
    }) : (tensor<4xf32>, tensor<f32>) -> tensor<f32> loc(\"x.mlir\":3:8)
    \"func.return\"(%0) : (tensor<f32>) -> () loc(\"given\":9:9)
  }) : () -> () loc(\"x.mlir\":1:1)
}) : () -> ()
";
    assert_eq!(generic, want, "\n--- generic ---\n{generic}");
}

#[test]
fn strip_locations_removes_specifiers_and_aliases() {
    let text = "#loc = loc(unknown)\nmodule {\n  func.func @f(%arg0: tensor<f32> loc(\"x\")) {\n    \
                return loc(#loc1)\n  } loc(#loc)\n} loc(#loc)\n#loc1 = loc(\"a\"(#loc))\n";
    let want = "module {\n  func.func @f(%arg0: tensor<f32>) {\n    return\n  }\n}\n";
    assert_eq!(strip_locations(text), want);
}

#[test]
fn blocks_and_successors() {
    prints_as(
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (i1) -> i32, sym_name = \"f\"}> ({
  ^bb7(%x: i1):
    \"cf.cond_br\"(%x)[^a, ^b] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> ()
  ^a:
    %one = \"arith.constant\"() <{value = 1 : i32}> : () -> i32
    \"cf.br\"(%one)[^join] : (i32) -> ()
  ^b:
    %two = \"arith.constant\"() <{value = 2 : i32}> : () -> i32
    \"cf.br\"(%two)[^join] : (i32) -> ()
  ^join(%r: i32):
    \"func.return\"(%r) : (i32) -> ()
  }) : () -> ()
}) : () -> ()
",
        "module {
  func.func @f(%arg0: i1) -> i32 {
    \"cf.cond_br\"(%arg0)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> ()
  ^bb1:  // pred: ^bb0
    %0 = \"arith.constant\"() <{value = 1 : i32}> : () -> i32
    \"cf.br\"(%0)[^bb3] : (i32) -> ()
  ^bb2:  // pred: ^bb0
    %1 = \"arith.constant\"() <{value = 2 : i32}> : () -> i32
    \"cf.br\"(%1)[^bb3] : (i32) -> ()
  ^bb3(%2: i32):  // 2 preds: ^bb1, ^bb2
    return %2 : i32
  }
}
",
    );
}

/// `pretty` round trips (pretty -> generic -> pretty), its generic form
/// without locations is `generic`, and `generic` reads back to `pretty`.
fn generic_twins(pretty: &str, generic: &str) {
    round_trip(pretty);
    let module = parse(pretty, "t.mlir").unwrap_or_else(|e| panic!("{e}\n{pretty}"));
    let written = to_generic_without_locations(&module);
    assert_eq!(written, generic, "\n--- generic ---\n{written}");
    prints_as(generic, pretty);
}

/// `text` does not parse; the error is at `line`:`column` and says `needle`.
fn rejects(text: &str, line: u32, column: u32, needle: &str) {
    let err = match parse(text, "bad.mlir") {
        Ok(_) => panic!("expected a parse error for:\n{text}"),
        Err(err) => err,
    };
    assert_eq!((err.line, err.column), (line, column), "wrong position for '{err}'");
    assert!(err.message.contains(needle), "message '{}' lacks '{needle}'", err.message);
}

#[test]
fn after_all_with_and_without_tokens() {
    generic_twins(
        "module {
  func.func @join(%arg0: !stablehlo.token) -> !stablehlo.token {
    %0 = stablehlo.after_all  : !stablehlo.token
    %1 = stablehlo.after_all %arg0, %0 {mhlo.sharding = \"{maximal device=0}\"} : !stablehlo.token
    return %1 : !stablehlo.token
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (!stablehlo.token) -> !stablehlo.token, sym_name = \"join\"}> ({
  ^bb0(%arg0: !stablehlo.token):
    %0 = \"stablehlo.after_all\"() : () -> !stablehlo.token
    %1 = \"stablehlo.after_all\"(%arg0, %0) {mhlo.sharding = \"{maximal device=0}\"} : (!stablehlo.token, !stablehlo.token) -> !stablehlo.token
    \"func.return\"(%1) : (!stablehlo.token) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
    // MLIR writes the space before an empty operand list too (two spaces
    // before the colon); the single space people write reads as well.
    prints_as(
        "func.func @t() -> !stablehlo.token {
  %t = stablehlo.after_all : !stablehlo.token
  return %t : !stablehlo.token
}
",
        "module {
  func.func @t() -> !stablehlo.token {
    %0 = stablehlo.after_all  : !stablehlo.token
    return %0 : !stablehlo.token
  }
}
",
    );
}

#[test]
fn replica_and_partition_ids() {
    generic_twins(
        "module {
  func.func @ids() -> (tensor<ui32>, tensor<ui32>) {
    %0 = stablehlo.replica_id : tensor<ui32>
    %1 = stablehlo.partition_id {mhlo.frontend_attributes = {k = \"v\"}} : tensor<ui32>
    return %0, %1 : tensor<ui32>, tensor<ui32>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = () -> (tensor<ui32>, tensor<ui32>), sym_name = \"ids\"}> ({
    %0 = \"stablehlo.replica_id\"() : () -> tensor<ui32>
    %1 = \"stablehlo.partition_id\"() {mhlo.frontend_attributes = {k = \"v\"}} : () -> tensor<ui32>
    \"func.return\"(%0, %1) : (tensor<ui32>, tensor<ui32>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
}

#[test]
fn complex_of_real_parts() {
    generic_twins(
        "module {
  func.func @pack(%arg0: tensor<3x2xf32>, %arg1: tensor<3x2xf32>, %arg2: tensor<f64>) -> (tensor<3x2xcomplex<f32>>, tensor<complex<f64>>) {
    %0 = stablehlo.complex %arg0, %arg1 : tensor<3x2xcomplex<f32>>
    %1 = stablehlo.complex %arg2, %arg2 : tensor<complex<f64>>
    %2 = stablehlo.complex %arg0, %arg1 : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x2xcomplex<f64>>
    return %0, %1 : tensor<3x2xcomplex<f32>>, tensor<complex<f64>>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (tensor<3x2xf32>, tensor<3x2xf32>, tensor<f64>) -> (tensor<3x2xcomplex<f32>>, tensor<complex<f64>>), sym_name = \"pack\"}> ({
  ^bb0(%arg0: tensor<3x2xf32>, %arg1: tensor<3x2xf32>, %arg2: tensor<f64>):
    %0 = \"stablehlo.complex\"(%arg0, %arg1) : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x2xcomplex<f32>>
    %1 = \"stablehlo.complex\"(%arg2, %arg2) : (tensor<f64>, tensor<f64>) -> tensor<complex<f64>>
    %2 = \"stablehlo.complex\"(%arg0, %arg1) : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x2xcomplex<f64>>
    \"func.return\"(%0, %1) : (tensor<3x2xcomplex<f32>>, tensor<complex<f64>>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
    // The operand types of the short form come from the result type, encoding kept.
    generic_twins(
        "module {
  func.func @bounded(%arg0: tensor<?xf32, #stablehlo.bounds<4>>) -> tensor<?xcomplex<f32>, #stablehlo.bounds<4>> {
    %0 = stablehlo.complex %arg0, %arg0 : tensor<?xcomplex<f32>, #stablehlo.bounds<4>>
    return %0 : tensor<?xcomplex<f32>, #stablehlo.bounds<4>>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (tensor<?xf32, #stablehlo.bounds<4>>) -> tensor<?xcomplex<f32>, #stablehlo.bounds<4>>, sym_name = \"bounded\"}> ({
  ^bb0(%arg0: tensor<?xf32, #stablehlo.bounds<4>>):
    %0 = \"stablehlo.complex\"(%arg0, %arg0) : (tensor<?xf32, #stablehlo.bounds<4>>, tensor<?xf32, #stablehlo.bounds<4>>) -> tensor<?xcomplex<f32>, #stablehlo.bounds<4>>
    \"func.return\"(%0) : (tensor<?xcomplex<f32>, #stablehlo.bounds<4>>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
    rejects(
        "func.func @f(%a: tensor<2xf32>) {\n  %0 = stablehlo.complex %a, %a : tensor<2xf32>\n  return\n}\n",
        2,
        35,
        "expected tensor with complex element type",
    );
}

#[test]
fn composite_with_its_decomposition() {
    generic_twins(
        "module {
  func.func private @scale.impl(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    %0 = stablehlo.add %arg0, %arg0 : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
  func.func @scale(%arg0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
    %0 = stablehlo.composite \"my.scale\" %arg0 {composite_attributes = {factor = 2 : i64}, decomposition = @scale.impl, version = 3 : i32} : (tensor<4xf32>) -> tensor<4xf32>
    %1 = stablehlo.composite \"my.scale\" %0 {decomposition = @scale.impl} : (tensor<4xf32>) -> tensor<4xf32>
    return %0, %1 : tensor<4xf32>, tensor<4xf32>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (tensor<4xf32>) -> tensor<4xf32>, sym_name = \"scale.impl\", sym_visibility = \"private\"}> ({
  ^bb0(%arg0: tensor<4xf32>):
    %0 = \"stablehlo.add\"(%arg0, %arg0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    \"func.return\"(%0) : (tensor<4xf32>) -> ()
  }) : () -> ()
  \"func.func\"() <{function_type = (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>), sym_name = \"scale\"}> ({
  ^bb0(%arg0: tensor<4xf32>):
    %0 = \"stablehlo.composite\"(%arg0) <{composite_attributes = {factor = 2 : i64}, decomposition = @scale.impl, name = \"my.scale\", version = 3 : i32}> : (tensor<4xf32>) -> tensor<4xf32>
    %1 = \"stablehlo.composite\"(%0) <{decomposition = @scale.impl, name = \"my.scale\"}> : (tensor<4xf32>) -> tensor<4xf32>
    \"func.return\"(%0, %1) : (tensor<4xf32>, tensor<4xf32>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
    // StableHLO leaves out the default version and attributes; without
    // operands, MLIR writes two spaces after the name (as for after_all).
    prints_as(
        "func.func @g() -> (tensor<f32>, tensor<f32>) {
  %0:2 = \"stablehlo.composite\"() <{composite_attributes = {}, decomposition = @g.impl, name = \"my.pair\", version = 0 : i32}> : () -> (tensor<f32>, tensor<f32>)
  return %0#0, %0#1 : tensor<f32>, tensor<f32>
}
",
        "module {
  func.func @g() -> (tensor<f32>, tensor<f32>) {
    %0:2 = stablehlo.composite \"my.pair\"  {decomposition = @g.impl} : () -> (tensor<f32>, tensor<f32>)
    return %0#0, %0#1 : tensor<f32>, tensor<f32>
  }
}
",
    );
}

#[test]
fn dynamic_shape_ops() {
    generic_twins(
        "module {
  func.func @dynamic(%arg0: tensor<2xi64>, %arg1: tensor<2x3xf32>, %arg2: tensor<f32>) -> tensor<?x?xf32> {
    %0 = stablehlo.dynamic_iota %arg0, dim = 1 : (tensor<2xi64>) -> tensor<?x?xf32>
    %1 = stablehlo.get_dimension_size %arg1, dim = 0 : (tensor<2x3xf32>) -> tensor<i32>
    %2 = stablehlo.dynamic_reshape %arg1, %arg0 : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
    %3 = stablehlo.dynamic_pad %arg1, %arg2, %arg0, %arg0, %arg0 : (tensor<2x3xf32>, tensor<f32>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x?xf32>
    %4 = stablehlo.add %0, %2 : tensor<?x?xf32>
    return %4 : tensor<?x?xf32>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (tensor<2xi64>, tensor<2x3xf32>, tensor<f32>) -> tensor<?x?xf32>, sym_name = \"dynamic\"}> ({
  ^bb0(%arg0: tensor<2xi64>, %arg1: tensor<2x3xf32>, %arg2: tensor<f32>):
    %0 = \"stablehlo.dynamic_iota\"(%arg0) <{iota_dimension = 1 : i64}> : (tensor<2xi64>) -> tensor<?x?xf32>
    %1 = \"stablehlo.get_dimension_size\"(%arg1) <{dimension = 0 : i64}> : (tensor<2x3xf32>) -> tensor<i32>
    %2 = \"stablehlo.dynamic_reshape\"(%arg1, %arg0) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
    %3 = \"stablehlo.dynamic_pad\"(%arg1, %arg2, %arg0, %arg0, %arg0) : (tensor<2x3xf32>, tensor<f32>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x?xf32>
    %4 = \"stablehlo.add\"(%0, %2) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
    \"func.return\"(%4) : (tensor<?x?xf32>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
}

#[test]
fn fft_of_each_type() {
    generic_twins(
        "module {
  func.func @spectra(%arg0: tensor<8xf32>, %arg1: tensor<3x4xcomplex<f32>>) -> tensor<8xf32> {
    %0 = stablehlo.fft %arg0, type = RFFT, length = [8] : (tensor<8xf32>) -> tensor<5xcomplex<f32>>
    %1 = stablehlo.fft %0, type = IRFFT, length = [8] : (tensor<5xcomplex<f32>>) -> tensor<8xf32>
    %2 = stablehlo.fft %arg1, type = FFT, length = [3, 4] : (tensor<3x4xcomplex<f32>>) -> tensor<3x4xcomplex<f32>>
    %3 = stablehlo.fft %2, type = IFFT, length = [4] : (tensor<3x4xcomplex<f32>>) -> tensor<3x4xcomplex<f32>>
    return %1 : tensor<8xf32>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (tensor<8xf32>, tensor<3x4xcomplex<f32>>) -> tensor<8xf32>, sym_name = \"spectra\"}> ({
  ^bb0(%arg0: tensor<8xf32>, %arg1: tensor<3x4xcomplex<f32>>):
    %0 = \"stablehlo.fft\"(%arg0) <{fft_length = array<i64: 8>, fft_type = #stablehlo<fft_type RFFT>}> : (tensor<8xf32>) -> tensor<5xcomplex<f32>>
    %1 = \"stablehlo.fft\"(%0) <{fft_length = array<i64: 8>, fft_type = #stablehlo<fft_type IRFFT>}> : (tensor<5xcomplex<f32>>) -> tensor<8xf32>
    %2 = \"stablehlo.fft\"(%arg1) <{fft_length = array<i64: 3, 4>, fft_type = #stablehlo<fft_type FFT>}> : (tensor<3x4xcomplex<f32>>) -> tensor<3x4xcomplex<f32>>
    %3 = \"stablehlo.fft\"(%2) <{fft_length = array<i64: 4>, fft_type = #stablehlo<fft_type IFFT>}> : (tensor<3x4xcomplex<f32>>) -> tensor<3x4xcomplex<f32>>
    \"func.return\"(%1) : (tensor<8xf32>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
    rejects(
        "func.func @f(%a: tensor<4xf32>) {\n  %0 = stablehlo.fft %a, type = DFT, length = [4] : (tensor<4xf32>) -> tensor<3xcomplex<f32>>\n  return\n}\n",
        2,
        33,
        "unknown fft_type 'DFT' (expected one of FFT, IFFT, RFFT, IRFFT)",
    );
    // A generic fft_type of an unknown spelling is rejected as well.
    rejects(
        "func.func @f(%a: tensor<4xf32>) {\n  %0 = \"stablehlo.fft\"(%a) <{fft_length = array<i64: 4>, fft_type = #stablehlo<fft_type rfft>}> : (tensor<4xf32>) -> tensor<3xcomplex<f32>>\n  return\n}\n",
        2,
        89,
        "unknown fft_type 'rfft'",
    );
}

#[test]
fn reduce_precision_formats() {
    generic_twins(
        "module {
  func.func @round(%arg0: tensor<2x2xf32>) -> tensor<2x2xf32> {
    %0 = stablehlo.reduce_precision %arg0, format = e8m7 : tensor<2x2xf32>
    %1 = stablehlo.reduce_precision %0, format = e5m0 : tensor<2x2xf32>
    return %1 : tensor<2x2xf32>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (tensor<2x2xf32>) -> tensor<2x2xf32>, sym_name = \"round\"}> ({
  ^bb0(%arg0: tensor<2x2xf32>):
    %0 = \"stablehlo.reduce_precision\"(%arg0) <{exponent_bits = 8 : i32, mantissa_bits = 7 : i32}> : (tensor<2x2xf32>) -> tensor<2x2xf32>
    %1 = \"stablehlo.reduce_precision\"(%0) <{exponent_bits = 5 : i32, mantissa_bits = 0 : i32}> : (tensor<2x2xf32>) -> tensor<2x2xf32>
    \"func.return\"(%1) : (tensor<2x2xf32>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
    // A functional type of one type prints short; leading zeros are dropped.
    prints_as(
        "func.func @r(%a: tensor<f16>) -> tensor<f16> {
  %0 = stablehlo.reduce_precision %a, format = e05m010 : (tensor<f16>) -> tensor<f16>
  return %0 : tensor<f16>
}
",
        "module {
  func.func @r(%arg0: tensor<f16>) -> tensor<f16> {
    %0 = stablehlo.reduce_precision %arg0, format = e5m10 : tensor<f16>
    return %0 : tensor<f16>
  }
}
",
    );
    rejects(
        "func.func @f(%a: tensor<f32>) {\n  %0 = stablehlo.reduce_precision %a, format = e5x2 : tensor<f32>\n  return\n}\n",
        2,
        48,
        "expected exponent mantissa in format e#m#, saw e5x2",
    );
}

#[test]
fn top_k_names_its_results() {
    // ChloOps.td: `(` $operand `,` `k` `=` $k `)` attr-dict `:` type($operand)
    // `->` `(` type($values) `,` type($indices) `)`; ODS names both results.
    generic_twins(
        "module {
  func.func @top(%arg0: tensor<8xf32>, %arg1: tensor<3x5xi32>) -> (tensor<2xf32>, tensor<2xi32>, tensor<3x2xi32>) {
    %values, %indices = chlo.top_k(%arg0, k = 2) : tensor<8xf32> -> (tensor<2xf32>, tensor<2xi32>)
    %values_0, %indices_1 = chlo.top_k(%arg1, k = 2) {largest = true} : tensor<3x5xi32> -> (tensor<3x2xi32>, tensor<3x2xi32>)
    %0 = stablehlo.add %values_0, %indices_1 : tensor<3x2xi32>
    return %values, %indices, %0 : tensor<2xf32>, tensor<2xi32>, tensor<3x2xi32>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (tensor<8xf32>, tensor<3x5xi32>) -> (tensor<2xf32>, tensor<2xi32>, tensor<3x2xi32>), sym_name = \"top\"}> ({
  ^bb0(%arg0: tensor<8xf32>, %arg1: tensor<3x5xi32>):
    %values, %indices = \"chlo.top_k\"(%arg0) <{k = 2 : i64}> : (tensor<8xf32>) -> (tensor<2xf32>, tensor<2xi32>)
    %values_0, %indices_1 = \"chlo.top_k\"(%arg1) <{k = 2 : i64, largest = true}> : (tensor<3x5xi32>) -> (tensor<3x2xi32>, tensor<3x2xi32>)
    %0 = \"stablehlo.add\"(%values_0, %indices_1) : (tensor<3x2xi32>, tensor<3x2xi32>) -> tensor<3x2xi32>
    \"func.return\"(%values, %indices, %0) : (tensor<2xf32>, tensor<2xi32>, tensor<3x2xi32>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
    // MLIR's numbered results (`%0:2`, `%0#1`) print with the op's names.
    prints_as(
        "func.func @t(%x: tensor<2x5xf32>) -> tensor<2x3xi32> {
  %0:2 = \"chlo.top_k\"(%x) {k = 3 : i64} : (tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xi32>)
  %1 = stablehlo.add %0#1, %0#1 : tensor<2x3xi32>
  return %1 : tensor<2x3xi32>
}
",
        "module {
  func.func @t(%arg0: tensor<2x5xf32>) -> tensor<2x3xi32> {
    %values, %indices = chlo.top_k(%arg0, k = 3) : tensor<2x5xf32> -> (tensor<2x3xf32>, tensor<2x3xi32>)
    %0 = stablehlo.add %indices, %indices : tensor<2x3xi32>
    return %0 : tensor<2x3xi32>
  }
}
",
    );
    rejects(
        "func.func @f(%a: tensor<4xf32>) {\n  %0:2 = chlo.top_k(%a, 2) : tensor<4xf32> -> (tensor<2xf32>, tensor<2xi32>)\n  return\n}\n",
        2,
        25,
        "expected 'k'",
    );
}

#[test]
fn chlo_binary_ops_and_constants() {
    // ChloOps.td: `$x `,` $y attr-dict `:` type($x) `,` type($y) `->`
    // type(results)` (next_after, polygamma, zeta) and `attr-dict $value`.
    generic_twins(
        "module {
  func.func @special(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
    %0 = chlo.next_after %arg0, %arg1 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
    %1 = chlo.polygamma %arg0, %0 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
    %2 = chlo.zeta %1, %arg1 {mhlo.frontend_attributes = {a = \"b\"}} : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
    %3 = chlo.constant dense<2.000000e+00> : tensor<4xf32>
    %4 = chlo.square %3 : tensor<4xf32> -> tensor<4xf32>
    %5 = chlo.next_after %2, %4 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
    return %5 : tensor<4xf32>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>, sym_name = \"special\"}> ({
  ^bb0(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>):
    %0 = \"chlo.next_after\"(%arg0, %arg1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %1 = \"chlo.polygamma\"(%arg0, %0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %2 = \"chlo.zeta\"(%1, %arg1) {mhlo.frontend_attributes = {a = \"b\"}} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %3 = \"chlo.constant\"() <{value = dense<2.000000e+00> : tensor<4xf32>}> : () -> tensor<4xf32>
    %4 = \"chlo.square\"(%3) : (tensor<4xf32>) -> tensor<4xf32>
    %5 = \"chlo.next_after\"(%2, %4) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    \"func.return\"(%5) : (tensor<4xf32>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
    // A CHLO constant whose value does not give its result type has no
    // pretty form (unlike StableHLO's `constant() <{...}>`); it reads only as
    // `dense<...> : T`.
    prints_as(
        "func.func @c() -> tensor<2xf32> {
  %0 = \"chlo.constant\"() {value = dense<1.0> : tensor<2xf64>} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
",
        "module {
  func.func @c() -> tensor<2xf32> {
    %0 = \"chlo.constant\"() <{value = dense<1.0> : tensor<2xf64>}> : () -> tensor<2xf32>
    return %0 : tensor<2xf32>
  }
}
",
    );
    rejects(
        "func.func @c() {\n  %0 = chlo.constant() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>\n  return\n}\n",
        2,
        21,
        "expected a typed constant value",
    );
    rejects(
        "func.func @f(%a: tensor<4xf32>) {\n  %0 = chlo.zeta %a, %a : tensor<4xf32> -> tensor<4xf32>\n  return\n}\n",
        2,
        41,
        "expected ','",
    );
}

#[test]
fn random_bit_generation() {
    // StablehloOps.td: `$initial_state `,` `algorithm` `=` $rng_algorithm
    // attr-dict `:` functional-type(operands, results)`, both results named;
    // rng: `$a, $b, $shape, distribution = $rng_distribution`.
    generic_twins(
        "module {
  func.func @bits(%arg0: tensor<2xui64>, %arg1: tensor<f32>, %arg2: tensor<2xi64>) -> (tensor<4xui32>, tensor<3x3xf32>) {
    %output_state, %output = stablehlo.rng_bit_generator %arg0, algorithm = THREE_FRY : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)
    %output_state_0, %output_1 = stablehlo.rng_bit_generator %output_state, algorithm = PHILOX {mhlo.sharding = \"{replicated}\"} : (tensor<2xui64>) -> (tensor<2xui64>, tensor<2x2xui64>)
    %output_state_2, %output_3 = stablehlo.rng_bit_generator %output_state_0, algorithm = DEFAULT : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)
    %0 = stablehlo.rng %arg1, %arg1, %arg2, distribution = UNIFORM : (tensor<f32>, tensor<f32>, tensor<2xi64>) -> tensor<3x3xf32>
    %1 = stablehlo.add %output, %output_3 : tensor<4xui32>
    return %1, %0 : tensor<4xui32>, tensor<3x3xf32>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = (tensor<2xui64>, tensor<f32>, tensor<2xi64>) -> (tensor<4xui32>, tensor<3x3xf32>), sym_name = \"bits\"}> ({
  ^bb0(%arg0: tensor<2xui64>, %arg1: tensor<f32>, %arg2: tensor<2xi64>):
    %output_state, %output = \"stablehlo.rng_bit_generator\"(%arg0) <{rng_algorithm = #stablehlo<rng_algorithm THREE_FRY>}> : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)
    %output_state_0, %output_1 = \"stablehlo.rng_bit_generator\"(%output_state) <{rng_algorithm = #stablehlo<rng_algorithm PHILOX>}> {mhlo.sharding = \"{replicated}\"} : (tensor<2xui64>) -> (tensor<2xui64>, tensor<2x2xui64>)
    %output_state_2, %output_3 = \"stablehlo.rng_bit_generator\"(%output_state_0) <{rng_algorithm = #stablehlo<rng_algorithm DEFAULT>}> : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)
    %0 = \"stablehlo.rng\"(%arg1, %arg1, %arg2) <{rng_distribution = #stablehlo<rng_distribution UNIFORM>}> : (tensor<f32>, tensor<f32>, tensor<2xi64>) -> tensor<3x3xf32>
    %1 = \"stablehlo.add\"(%output, %output_3) : (tensor<4xui32>, tensor<4xui32>) -> tensor<4xui32>
    \"func.return\"(%1, %0) : (tensor<4xui32>, tensor<3x3xf32>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
    rejects(
        "func.func @f(%s: tensor<2xui64>) {\n  %0:2 = stablehlo.rng_bit_generator %s, algorithm = MT : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4xui32>)\n  return\n}\n",
        2,
        54,
        "unknown rng_algorithm 'MT' (expected one of DEFAULT, THREE_FRY, PHILOX)",
    );
}

#[test]
fn boolean_hex_constants_are_laid_out_for_mlir() {
    // JAX's MLIR writes one byte per i1 element; MLIR 22 reads one bit per
    // element, the first in the lowest bit: elements 1, 3, 4 and 16 true.
    generic_twins(
        "module {
  func.func @mask() -> tensor<17xi1> {
    %c = stablehlo.constant dense<\"0x0001000101000000000000000000000001\"> : tensor<17xi1>
    return %c : tensor<17xi1>
  }
}
",
        "\"builtin.module\"() ({
  \"func.func\"() <{function_type = () -> tensor<17xi1>, sym_name = \"mask\"}> ({
    %c = \"stablehlo.constant\"() <{value = dense<\"0x1A0001\"> : tensor<17xi1>}> : () -> tensor<17xi1>
    \"func.return\"(%c) : (tensor<17xi1>) -> ()
  }) : () -> ()
}) : () -> ()
",
    );
    // The generic form in JAX's layout is converted as well; a one-byte
    // splat of true becomes MLIR 22's 0xFF; other attributes stay as written.
    let module = parse(
        "func.func @g() -> (tensor<2x8xi1>, tensor<16xi1>, tensor<4xi8>) {
  %0 = \"stablehlo.constant\"() <{value = dense<\"0x01010101000000000000000000000001\"> : tensor<2x8xi1>}> : () -> tensor<2x8xi1>
  %1 = stablehlo.constant dense<\"0x01\"> : tensor<16xi1>
  %2 = stablehlo.constant dense<\"0x01000001\"> : tensor<4xi8>
  return %0, %1, %2 : tensor<2x8xi1>, tensor<16xi1>, tensor<4xi8>
}
",
        "g.mlir",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let generic = to_generic_without_locations(&module);
    for want in [
        "dense<\"0x0F80\"> : tensor<2x8xi1>",
        "dense<\"0xFF\"> : tensor<16xi1>",
        "dense<\"0x01000001\"> : tensor<4xi8>",
    ] {
        assert!(generic.contains(want), "{want} missing from\n{generic}");
    }
    // Sizes that fit neither layout are refused where the value starts.
    rejects(
        "func.func @f() {\n  %0 = stablehlo.constant dense<\"0x0001000100\"> : tensor<17xi1>\n  return\n}\n",
        2,
        27,
        "elements hex data size is invalid for provided type: 'tensor<17xi1>' (5 bytes; 17 i1 elements take 17 \
         bytes, one per element as JAX writes them, or 3, one bit per element, or 1 for a splat)",
    );
    rejects(
        "func.func @f() {\n  %0 = \"stablehlo.constant\"() <{value = dense<\"0x00010200\"> : tensor<4xi1>}> : () -> tensor<4xi1>\n  return\n}\n",
        2,
        41,
        "i1 element 2 of the hex data is 0x02; with one byte per element each must be 0x00 or 0x01",
    );
}

/// A module whose function returns a constant `value` of `ty`, as MLIR 22
/// prints it in generic form.
fn constant_module(value: &str, ty: &str) -> String {
    format!(
        "\"builtin.module\"() ({{
  \"func.func\"() <{{function_type = () -> {ty}, sym_name = \"main\"}}> ({{
    %0 = \"stablehlo.constant\"() <{{value = dense<{value}> : {ty}}}> : () -> {ty}
    \"func.return\"(%0) : ({ty}) -> ()
  }}) : () -> ()
}}) : () -> ()
"
    )
}

/// `count` bytes, 0x01 for every third element starting with the first.
fn every_third(count: usize) -> String {
    (0..count).map(|i| if i % 3 == 0 { "01" } else { "00" }).collect()
}

#[test]
fn boolean_hex_constants_are_unpacked_for_pjrt() {
    // 128 elements, every third true: 16 packed bytes become 128.
    let ty = "tensor<128xi1>";
    let packed = constant_module("\"0x49922449922449922449922449922449\"", ty);
    assert_eq!(unpack_i1_hex(&packed), constant_module(&format!("\"0x{}\"", every_third(128)), ty));
    // The same through the reader: JAX's layout -> MLIR 22's -> JAX's.
    let jax = constant_module(&format!("\"0x{}\"", every_third(128)), ty);
    let module = parse(&jax, "t.mlir").unwrap_or_else(|e| panic!("{e}"));
    let generic = to_generic_without_locations(&module);
    assert_eq!(generic, packed);
    assert_eq!(unpack_i1_hex(&generic), jax);
    // Shapes of any rank, sizes that are not a multiple of 8, and eight
    // elements or fewer (one packed byte): elements 1, 3, 4 and 16 true.
    for (packed, ty, bytes) in [
        ("1A0001", "tensor<17xi1>", "0001000101000000000000000000000001"),
        ("0F80", "tensor<2x8xi1>", "01010101000000000000000000000001"),
        ("05", "tensor<1x4xi1>", "01000100"),
        ("FE", "tensor<8xi1>", "0001010101010101"),
    ] {
        assert_eq!(
            unpack_i1_hex(&constant_module(&format!("\"0x{packed}\""), ty)),
            constant_module(&format!("\"0x{bytes}\""), ty),
            "{packed} : {ty}"
        );
    }
    // Splats: MLIR 22's 0xFF (true) becomes 0x01, as the plugin's MLIR
    // writes it (it would keep a byte 0xFF); 0x00 (false) is kept. Eight
    // elements or fewer read 0xFF as one bit each: the same elements.
    for (ty, from, to) in [
        ("tensor<128xi1>", "FF", "01"),
        ("tensor<128xi1>", "00", "00"),
        ("tensor<i1>", "FF", "01"),
        ("tensor<1xi1>", "01", "01"),
        ("tensor<3xi1>", "FF", "010101"),
        ("tensor<3xi1>", "00", "000000"),
    ] {
        assert_eq!(
            unpack_i1_hex(&constant_module(&format!("\"0x{from}\""), ty)),
            constant_module(&format!("\"0x{to}\""), ty),
            "{from} : {ty}"
        );
    }
    // Everything else is kept byte for byte: other element types, i1 data
    // already one byte per element (or fitting neither layout), encodings,
    // lists and splats written as values, strings, malformed text.
    for kept in [
        constant_module("\"0x49922449922449922449922449922449\"", "tensor<16xi8>"),
        constant_module("\"0x49922449922449922449922449922449\"", "tensor<128xui1>"),
        constant_module(&format!("\"0x{}\"", every_third(128)), "tensor<128xi1>"),
        constant_module("\"0x0102\"", "tensor<128xi1>"),
        constant_module("\"0x01\"", "tensor<128xi1>"),
        constant_module("\"0xFF\"", "tensor<128xi1, #sparse>"),
        constant_module("[true, false]", "tensor<2xi1>"),
        constant_module("true", "tensor<128xi1>"),
        "\"a\"() {s = \"dense<\\22 0xFF\\22> : tensor<128xi1>\"} : () -> ()\n".to_string(),
        "x = dense<\"0xFF".to_string(),
        "x = dense<\"0xFF\">".to_string(),
        "x = dense<\"0xFF\"> : tensor<128xi1".to_string(),
        "dense<\"0x\"".to_string(),
        String::new(),
    ] {
        assert_eq!(unpack_i1_hex(&kept), kept);
    }
    // Several in one text, inside arrays and dictionaries.
    assert_eq!(
        unpack_i1_hex(
            "{a = [dense<\"0xFF\"> : tensor<9xi1>, dense<\"0x05\"> : tensor<4xi32>], \
             b = dense<\"0x0301\"> : tensor<10xi1>}"
        ),
        "{a = [dense<\"0x01\"> : tensor<9xi1>, dense<\"0x05\"> : tensor<4xi32>], \
         b = dense<\"0x01010000000000000100\"> : tensor<10xi1>}"
    );
}

#[test]
fn boolean_hex_splats_print_pretty_as_jax_writes_them() {
    // MLIR 22's splat of true, 0xFF, is written 0x01 in the pretty form:
    // JAX's MLIR would keep a byte 0xFF (a boolean of 255).
    let generic = constant_module("\"0xFF\"", "tensor<128xi1>");
    let module = parse(&generic, "g.mlir").unwrap_or_else(|e| panic!("{e}"));
    let pretty = to_pretty(&module);
    assert!(pretty.contains("dense<\"0x01\"> : tensor<128xi1>"), "{pretty}");
    let again = parse(&pretty, "t.mlir").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(to_generic_without_locations(&again).replace("%c", "%0"), generic);
}

// Shardy's ops: their pretty forms keep the attribute values as written and
// wrap them in their generic spelling (`<@mesh, ..>` is `#sdy.sharding<@mesh, ..>`).

#[test]
fn shardy_meshes_shardings_and_groups_have_generic_twins() {
    generic_twins(
        r#"module @shardings {
  sdy.mesh @mesh = <["data"=4, "model"=2]> {stablehlo.mesh = {axes = [{name = "data", size = 4 : i64}, {name = "model", size = 2 : i64}]}}
  sdy.mesh @listed = <["a"=2, "b"=2], device_ids=[3, 2, 1, 0]>
  sdy.mesh @maximal = <[], device_ids=[0]>
  func.func public @main(%arg0: tensor<16x16xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>}, %arg1: tensor<8xf32>) -> (tensor<16x16xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data", ?}, {?}]>}) {
    %0 = sdy.sharding_constraint %arg0 <@mesh, [{"data"}, {"model"}]> : tensor<16x16xf32>
    %1 = sdy.reshard %0 <@listed, [{"b":(1)2}, {}], replicated={"a"}> {mhlo.frontend_attributes = {x = "1"}} : tensor<16x16xf32>
    %2 = sdy.sharding_constraint %1 <mesh<["x"=2, "y"=2]>, [{}, {"x"}p1], unreduced={"y"}> : tensor<16x16xf32>
    sdy.sharding_group %arg1 group_id=0 : tensor<8xf32>
    return %2 : tensor<16x16xf32>
  }
}
"#,
        r#""builtin.module"() <{sym_name = "shardings"}> ({
  "sdy.mesh"() <{mesh = #sdy.mesh<["data"=4, "model"=2]>, sym_name = "mesh"}> {stablehlo.mesh = {axes = [{name = "data", size = 4 : i64}, {name = "model", size = 2 : i64}]}} : () -> ()
  "sdy.mesh"() <{mesh = #sdy.mesh<["a"=2, "b"=2], device_ids=[3, 2, 1, 0]>, sym_name = "listed"}> : () -> ()
  "sdy.mesh"() <{mesh = #sdy.mesh<[], device_ids=[0]>, sym_name = "maximal"}> : () -> ()
  "func.func"() <{arg_attrs = [{sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>}, {}], function_type = (tensor<16x16xf32>, tensor<8xf32>) -> tensor<16x16xf32>, res_attrs = [{sdy.sharding = #sdy.sharding<@mesh, [{"data", ?}, {?}]>}], sym_name = "main", sym_visibility = "public"}> ({
  ^bb0(%arg0: tensor<16x16xf32>, %arg1: tensor<8xf32>):
    %0 = "sdy.sharding_constraint"(%arg0) <{sharding = #sdy.sharding<@mesh, [{"data"}, {"model"}]>}> : (tensor<16x16xf32>) -> tensor<16x16xf32>
    %1 = "sdy.reshard"(%0) <{sharding = #sdy.sharding<@listed, [{"b":(1)2}, {}], replicated={"a"}>}> {mhlo.frontend_attributes = {x = "1"}} : (tensor<16x16xf32>) -> tensor<16x16xf32>
    %2 = "sdy.sharding_constraint"(%1) <{sharding = #sdy.sharding<mesh<["x"=2, "y"=2]>, [{}, {"x"}p1], unreduced={"y"}>}> : (tensor<16x16xf32>) -> tensor<16x16xf32>
    "sdy.sharding_group"(%arg1) <{group_id = 0 : i64}> : (tensor<8xf32>) -> ()
    "func.return"(%2) : (tensor<16x16xf32>) -> ()
  }) : () -> ()
}) : () -> ()
"#,
    );
}

#[test]
fn manual_computation_has_a_generic_twin_with_its_body_as_a_block() {
    generic_twins(
        r#"module @manual {
  sdy.mesh @mesh = <["data"=4]>
  func.func public @main(%arg0: tensor<16x16xf32>, %arg1: tensor<8xf32>) -> tensor<16x16xf32> {
    %0:2 = sdy.manual_computation(%arg0, %arg1) in_shardings=[<@mesh, [{"data"}, {}]>, <@mesh, [{}]>] out_shardings=[<@mesh, [{"data"}, {}]>, <@mesh, [{}]>] manual_axes={"data"} (%arg2: tensor<4x16xf32>, %arg3: tensor<8xf32>) {
      %1 = stablehlo.negate %arg2 : tensor<4x16xf32>
      sdy.return %1, %arg3 : tensor<4x16xf32>, tensor<8xf32>
    } {mhlo.frontend_attributes = {y = "2"}} : (tensor<16x16xf32>, tensor<8xf32>) -> (tensor<16x16xf32>, tensor<8xf32>)
    sdy.manual_computation() in_shardings=[] out_shardings=[] manual_axes={} () {
      sdy.return
    } : () -> ()
    return %0#0 : tensor<16x16xf32>
  }
}
"#,
        r#""builtin.module"() <{sym_name = "manual"}> ({
  "sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
  "func.func"() <{function_type = (tensor<16x16xf32>, tensor<8xf32>) -> tensor<16x16xf32>, sym_name = "main", sym_visibility = "public"}> ({
  ^bb0(%arg0: tensor<16x16xf32>, %arg1: tensor<8xf32>):
    %0:2 = "sdy.manual_computation"(%arg0, %arg1) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{}]>]>}> ({
    ^bb0(%arg2: tensor<4x16xf32>, %arg3: tensor<8xf32>):
      %1 = "stablehlo.negate"(%arg2) : (tensor<4x16xf32>) -> tensor<4x16xf32>
      "sdy.return"(%1, %arg3) : (tensor<4x16xf32>, tensor<8xf32>) -> ()
    }) {mhlo.frontend_attributes = {y = "2"}} : (tensor<16x16xf32>, tensor<8xf32>) -> (tensor<16x16xf32>, tensor<8xf32>)
    "sdy.manual_computation"() <{in_shardings = #sdy.sharding_per_value<[]>, manual_axes = #sdy<manual_axes{}>, out_shardings = #sdy.sharding_per_value<[]>}> ({
      "sdy.return"() : () -> ()
    }) : () -> ()
    "func.return"(%0#0) : (tensor<16x16xf32>) -> ()
  }) : () -> ()
}) : () -> ()
"#,
    );
}

#[test]
fn megatron_manual_computation_is_written_generically_as_mlir_reads_it() {
    let text = super::read(&super::sharded_dir().join("smap_megatron_mlp.shardy.mlir"));
    let generic =
        to_generic_without_locations(&parse(&text, "megatron.mlir").unwrap_or_else(|e| panic!("{e}")));
    for line in [
        r#"    %0 = "sdy.manual_computation"(%arg0, %arg1, %arg2) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{}, {"model"}]>, <@mesh, [{"model"}, {}]>]>, manual_axes = #sdy<manual_axes{"data", "model"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>}> ({"#,
        "    ^bb0(%arg3: tensor<4x8xf32>, %arg4: tensor<8x8xf32>, %arg5: tensor<8x4xf32>):",
        r#"      "sdy.return"(%4) : (tensor<4x4xf32>) -> ()"#,
        "    }) : (tensor<16x8xf32>, tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<16x4xf32>",
        r#"  "sdy.mesh"() <{mesh = #sdy.mesh<["data"=4, "model"=2]>, sym_name = "mesh"}> {stablehlo.mesh = {axes = [{name = "data", size = 4 : i64}, {name = "model", size = 2 : i64}]}} : () -> ()"#,
    ] {
        assert!(generic.lines().any(|l| l == line), "missing line:\n{line}\n--- generic ---\n{generic}");
    }
}

#[test]
fn manual_computation_body_is_numbered_on_from_the_enclosing_function() {
    // The op is isolated from above, yet MLIR's printer continues the
    // function's numbering inside it (`%arg1` after `%arg0`, `%1` after `%0`).
    prints_as(
        r#"sdy.mesh @mesh = <["i"=2]>
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = stablehlo.negate %x : tensor<4xf32>
  %r = sdy.manual_computation(%y) in_shardings=[<@mesh, [{"i"}]>] out_shardings=[<@mesh, [{"i"}]>] manual_axes={"i"} (%local: tensor<2xf32>) {
    %z = stablehlo.abs %local : tensor<2xf32>
    sdy.return %z : tensor<2xf32>
  } : (tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
"#,
        r#"module {
  sdy.mesh @mesh = <["i"=2]>
  func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    %0 = stablehlo.negate %arg0 : tensor<4xf32>
    %1 = sdy.manual_computation(%0) in_shardings=[<@mesh, [{"i"}]>] out_shardings=[<@mesh, [{"i"}]>] manual_axes={"i"} (%arg1: tensor<2xf32>) {
      %2 = stablehlo.abs %arg1 : tensor<2xf32>
      sdy.return %2 : tensor<2xf32>
    } : (tensor<4xf32>) -> tensor<4xf32>
    return %1 : tensor<4xf32>
  }
}
"#,
    );
}

#[test]
fn generic_sdy_ops_with_unreadable_attributes_stay_generic() {
    // A sharding that is no `#sdy.sharding<...>` (an alias, here) has no
    // pretty spelling; inherent attributes written among the discardable
    // ones are still filed as properties.
    round_trip(
        r#"module {
  func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    %0 = "sdy.sharding_constraint"(%arg0) <{sharding = #s}> : (tensor<4xf32>) -> tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}
"#,
    );
    prints_as(
        r#"func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "sdy.reshard"(%arg0) {sharding = #sdy.sharding<@mesh, [{}]>, z = 1 : i32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
"#,
        r#"module {
  func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    %0 = sdy.reshard %arg0 <@mesh, [{}]> {z = 1 : i32} : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}
"#,
    );
}
