//! Single pretty forms that the corpus does not cover, and the location
//! handling of the generic output.

use crate::{parse, strip_locations, to_generic, to_pretty};

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
